// The list pages' one mechanism (docs/ARCHITECTURE.md, "Web app"): a table's filters, page, page
// size and sort, its rows and total, and its exports. The applied state lives in the address
// (?org_id=3&state=overdue&page=2&page_size=50&sort=-due_date): every move (搜索, 重置, another
// page, size or sort) writes it, and every change of it — a move, back, forward, reload, a
// shared link, a 我的待办 link — loads the list. The filter form is a copy that applies on 搜索.
//
//   const list = useList({
//     filters: { org_id: F.id(), state: F.oneOf(MS_STATES), q: F.text() },
//     fetch: (query) => milestoneApi.list(query),       // {items, total}: the server pages
//     sorts: ['due_date', 'percent'],                    // keys the endpoint's `sort` takes
//     sort: 'due_date',                                  // the default ('-key': descending)
//     exports: { xlsx: milestoneApi.exportXlsx, csv: milestoneApi.exportCsv },
//   })
//
// or, for a list the page holds whole (organizations): source: () => Promise<rows>,
// match: (row, applied) => bool, and sorts: { key: (row) => value }.
//
// The answer is reactive (use list.rows, list.total in templates): filters (the form), applied,
// rows, total, loading, page, pageSize, sort ({prop, order} for el-table's default-sort),
// tableKey (el-table's :key: a sort that arrives by the address re-creates the table so that its
// header shows it), exports (ExportMenu's items), and search(), reset(), onPage(p), onSize(s),
// onSort({prop, order}) (el-table's sort-change), show(filters) (these filters only), load() (the same state again), query() (the
// API's parameters of the applied filters and sort: what an export takes).
import { computed, reactive, ref, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { t } from './i18n.js'
import { showError } from './utils.js'

// Filter kinds: the value an empty filter has, and how the address's text becomes a value (text
// that does not parse is the empty value, so a hand-edited address cannot break the page).
export const F = {
  text: () => ({ empty: '', parse: (s) => s.trim() }),
  id: () => ({ empty: null, parse: (s) => (/^[1-9]\d{0,15}$/.test(s) ? Number(s) : null) }),
  int: (min, max) => ({ empty: null, parse: (s) => (/^\d{1,9}$/.test(s) && +s >= min && +s <= max ? Number(s) : null) }),
  oneOf: (values) => ({ empty: '', parse: (s) => (values.includes(s) ? s : '') }),
  // a switch: '1' in the address and in the API's query
  flag: () => ({ empty: false, parse: (s) => s === '1', text: (v) => (v ? '1' : '') }),
}

export const PAGE_SIZES = [10, 20, 50, 100]
const DEFAULT_PAGE_SIZE = 20

const isEmpty = (v) => v === null || v === undefined || v === '' || v === false
const first = (v) => (Array.isArray(v) ? v[0] : v)
const sortText = ({ prop, order }) => (prop && order ? `${order === 'descending' ? '-' : ''}${prop}` : '')
// Two addresses' queries alike whatever the order of their keys.
const sameQuery = (a, b) => {
  const text = (q) => JSON.stringify(Object.keys(q).sort().map((k) => [k, q[k]]))
  return text(a) === text(b)
}
const sortObject = (s) => (s ? { prop: s.replace(/^-/, ''), order: s.startsWith('-') ? 'descending' : 'ascending' } : { prop: '', order: null })

// Text for the address (and the API) of a filter's value; '' when empty.
function filterText(kind, v) {
  if (isEmpty(v)) return ''
  if (kind.text) return kind.text(v)
  return typeof v === 'string' ? v.trim() : String(v)
}

// Client-side order: numbers as numbers, text in Chinese collation, empty values last.
const collator = new Intl.Collator('zh-Hans-CN', { numeric: true })
function compare(a, b) {
  if (isEmpty(a) || isEmpty(b)) return isEmpty(a) - isEmpty(b)
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return collator.compare(String(a), String(b))
}

export function useList(spec) {
  const route = useRoute()
  const router = useRouter()
  const routeName = route.name
  const kinds = spec.filters || {}
  const prefix = spec.prefix || '' // a second list on the same page keeps its own keys
  const key = (name) => prefix + name
  const client = typeof spec.source === 'function'
  const sortKeys = client ? Object.keys(spec.sorts || {}) : spec.sorts || []
  const defaultSort = spec.sort || ''
  const blank = () => Object.fromEntries(Object.entries(kinds).map(([k, kind]) => [k, kind.empty]))

  let all = [] // a client list's rows, whole
  let tableSort = null // the sort the table shows
  const list = reactive({
    filters: blank(),
    applied: blank(),
    rows: [],
    total: 0,
    loading: false,
    page: 1,
    pageSize: spec.pageSize || DEFAULT_PAGE_SIZE,
    sort: sortObject(defaultSort),
    tableKey: 0,
    exports: [],
  })
  const sortValue = ref(defaultSort)

  // The address's state of this list.
  function read(q) {
    const applied = {}
    for (const [k, kind] of Object.entries(kinds)) {
      const s = first(q[key(k)])
      applied[k] = typeof s === 'string' && s !== '' ? kind.parse(s) : kind.empty
    }
    const page = F.int(1, 1000000).parse(String(first(q[key('page')]) ?? '')) || 1
    const size = Number(first(q[key('page_size')]))
    const sort = String(first(q[key('sort')]) ?? '')
    return {
      applied,
      page,
      pageSize: PAGE_SIZES.includes(size) ? size : spec.pageSize || DEFAULT_PAGE_SIZE,
      sort: sortKeys.includes(sort.replace(/^-/, '')) ? sort : defaultSort,
    }
  }

  // The address of a state: the current one's other keys kept, this list's written anew
  // (defaults left out, so that a plain page has a plain address).
  function address(state) {
    const q = { ...route.query }
    for (const k of [...Object.keys(kinds), 'page', 'page_size', 'sort']) delete q[key(k)]
    for (const [k, kind] of Object.entries(kinds)) {
      const s = filterText(kind, state.applied[k])
      if (s) q[key(k)] = s
    }
    if (state.page > 1) q[key('page')] = String(state.page)
    if (state.pageSize !== (spec.pageSize || DEFAULT_PAGE_SIZE)) q[key('page_size')] = String(state.pageSize)
    if (state.sort !== defaultSort) q[key('sort')] = state.sort
    return q
  }

  // The API's parameters of the applied filters (and the sort, when the server sorts).
  function query() {
    const out = {}
    for (const [k, kind] of Object.entries(kinds)) {
      const s = filterText(kind, list.applied[k])
      if (s) out[k] = s
    }
    const mapped = spec.query ? spec.query(out) : out
    if (!client && sortValue.value) mapped.sort = sortValue.value
    return mapped
  }

  // A client list's view: its rows filtered, sorted and cut to the page.
  function view() {
    const matching = spec.match ? all.filter((row) => spec.match(row, list.applied)) : all.slice()
    const s = sortValue.value
    const get = s && spec.sorts[s.replace(/^-/, '')]
    if (get) {
      const dir = s.startsWith('-') ? -1 : 1
      matching.sort((a, b) => dir * compare(get(a), get(b)))
    }
    list.total = matching.length
    list.rows = matching.slice((list.page - 1) * list.pageSize, list.page * list.pageSize)
  }

  let seq = 0 // answers that arrive after a newer request are dropped
  async function load() {
    const mine = ++seq
    list.loading = true
    try {
      if (client) {
        all = await spec.source()
        if (mine === seq) view()
        return
      }
      const res = await spec.fetch({ ...query(), page: list.page, page_size: list.pageSize })
      if (mine !== seq) return
      list.rows = res.items || []
      list.total = res.total ?? list.rows.length
      // a page past the end (rows deleted, a shared link grown old): the last page instead
      const last = Math.max(1, Math.ceil(list.total / list.pageSize))
      if (list.page > last) move({ page: last }, true)
    } catch (e) {
      showError(e)
    } finally {
      if (mine === seq) list.loading = false
    }
  }

  // Takes the address's state; reloads (a client list only re-cuts its rows unless it has none).
  function apply(q) {
    const s = read(q)
    Object.assign(list.applied, s.applied)
    Object.assign(list.filters, s.applied)
    list.page = s.page
    list.pageSize = s.pageSize
    sortValue.value = s.sort
    list.sort = sortObject(s.sort)
    if (tableSort !== null && tableSort !== s.sort) list.tableKey++
    tableSort = s.sort
    if (client && all.length) view()
    else load()
  }

  // A move: the new state goes into the address (a history entry, or a replacement), which
  // loads the list; the same address again just loads it again.
  function move(patch, replace = false) {
    const cur = read(route.query)
    const next = address({ ...cur, ...patch, applied: patch.applied || cur.applied })
    if (sameQuery(next, route.query)) return client ? refresh() : load()
    return router[replace ? 'replace' : 'push']({ query: next })
  }

  function search() {
    if (spec.validate && !spec.validate(list.filters)) return undefined
    const applied = {}
    for (const [k, kind] of Object.entries(kinds)) {
      const v = list.filters[k]
      applied[k] = typeof v === 'string' ? v.trim() : v ?? kind.empty
    }
    return move({ applied, page: 1 })
  }

  function reset() {
    Object.assign(list.filters, blank())
    return search()
  }

  // These filters and no others (a link inside the page: a new policy's tasks, a user's records).
  function show(filters) {
    Object.assign(list.filters, blank(), filters)
    return search()
  }

  const onPage = (page) => move({ page })
  const onSize = (pageSize) => move({ pageSize, page: 1 })
  // A cleared sort is the list's default order again (its header then shows it).
  function onSort(s) {
    tableSort = sortText(s)
    return move({ sort: tableSort || defaultSort, page: 1 })
  }

  // A client list: fetches its rows again (after an edit).
  async function refresh() {
    all = []
    return load()
  }

  const exportLabels = { xlsx: t('common.exportXlsx'), csv: t('common.exportCsv') }
  list.exports = Object.entries(spec.exports || {}).map(([format, run]) => ({ key: format, label: exportLabels[format] || format, run: () => run(query()) }))

  Object.assign(list, { search, reset, show, onPage, onSize, onSort, load: client ? refresh : load, query })

  // another key of the address (a drawer's ?milestone=) leaves the list as it is
  let seen = null
  watch(
    () => route.query,
    (q) => {
      if (route.name !== routeName) return
      const state = JSON.stringify(read(q))
      if (state === seen) return
      seen = state
      apply(q)
    },
    { immediate: true },
  )
  return list
}

// Every row of a paged list, page after page (the server answers at most PAGE_MAX a page): for
// a picker or a map that needs them all, so that nothing past one answer is cut without a sign.
// fetch(query) answers {items, total}; the rows in the server's order.
export const PAGE_MAX = 500
export async function everyPage(fetch, query = {}) {
  const rows = []
  for (let page = 1; ; page++) {
    const res = await fetch({ ...query, page, page_size: PAGE_MAX })
    const items = res.items || []
    rows.push(...items)
    if (!items.length || rows.length >= (res.total ?? 0)) return rows
  }
}

// One filter of a page outside its tables (the board's policy): its value from the address, and
// setting it writes the address (a history entry). Leaving the page keeps the last value, so that
// nothing reloads on the way out.
export function useAddressValue(name, kind) {
  const route = useRoute()
  const router = useRouter()
  const routeName = route.name
  let last = kind.empty
  return computed({
    get: () => {
      if (route.name !== routeName) return last
      const s = first(route.query[name])
      last = typeof s === 'string' && s !== '' ? kind.parse(s) : kind.empty
      return last
    },
    set: (v) => {
      const q = { ...route.query }
      const s = filterText(kind, v)
      if (s) q[name] = s
      else delete q[name]
      router.push({ query: q })
    },
  })
}
