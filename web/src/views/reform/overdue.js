// The list of late milestones the board and the zone page show (components/OverdueTable.vue): the
// 50 late the longest as the server sends them (source: () => Promise<rows>), sorted here by
// article, organization, due date or percent, with the page's exports; its sort is in the
// address as ?overdue_sort= (list.js).
import { useList } from '../../list.js'

export function useOverdueList(source, exports) {
  return useList({
    prefix: 'overdue_',
    pageSize: 50,
    source,
    sorts: { article: (m) => m.article_number, org: (m) => m.org_name, due_date: (m) => m.due_date, percent: (m) => m.percent },
    exports,
  })
}
