// The land pages (views/land/Parcels.vue, Cases.vue) still use this; every other list uses
// list.js (useList), which keeps the list in the address: they should move to it, and this file
// go.
// A server-paged list page's state: filters as typed and as applied, the page, its size, the
// rows, the total, and the moves (search, reset, another page, another size). fetchPage(query)
// is the API call ({...applied filters, page, page_size} → {items, total}); blank(): the empty
// filters. Errors are shown as messages.
import { reactive, ref } from 'vue'
import { showError } from './utils.js'

export function usePagedList(fetchPage, blank) {
  const filters = reactive(blank())
  const rows = ref([])
  const total = ref(0)
  const loading = ref(false)
  const page = ref(1)
  const pageSize = ref(20)
  let applied = blank()

  // The applied filters without empty values (what an export of the same list takes).
  const appliedQuery = () => Object.fromEntries(Object.entries(applied).filter(([, v]) => v !== '' && v != null))

  async function load() {
    loading.value = true
    try {
      const res = await fetchPage({ ...appliedQuery(), page: page.value, page_size: pageSize.value })
      rows.value = res.items || []
      total.value = res.total ?? rows.value.length
    } catch (e) {
      showError(e)
    } finally {
      loading.value = false
    }
  }

  function search() {
    applied = Object.fromEntries(Object.entries(filters).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v]))
    page.value = 1
    return load()
  }

  function reset() {
    Object.assign(filters, blank())
    return search()
  }

  function onPage(p) {
    page.value = p
    return load()
  }

  function onSize(s) {
    pageSize.value = s
    page.value = 1
    return load()
  }

  return { filters, rows, total, loading, page, pageSize, appliedQuery, load, search, reset, onPage, onSize }
}
