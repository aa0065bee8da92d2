// The platform-company pages (art. 12, 13): each zone's companies, one company (shareholders,
// the separation checklist, yearly figures and their debt-risk readings), and the debt-risk
// board with the warning lines. (Route meta: see views/shell/routes.js.)
import { OfficeBuilding, Warning } from '@element-plus/icons-vue'

export default [
  { path: 'platform/companies', name: 'platform-companies', component: () => import('./Companies.vue'), meta: { title: 'route.platformCompanies', perm: 'platform_read', menu: { order: 260, icon: OfficeBuilding } } },
  { path: 'platform/companies/:id(\\d+)', name: 'platform-company', component: () => import('./Company.vue'), meta: { title: 'route.platformCompany', parent: 'platform-companies', perm: 'platform_read' } },
  { path: 'platform/board', name: 'platform-board', component: () => import('./Board.vue'), meta: { title: 'route.platformBoard', perm: 'platform_read', menu: { order: 270, icon: Warning } } },
]
