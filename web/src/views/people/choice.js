// The people pages' choices in the address (issue 10; DECISIONS 176): a page's year, tab,
// county or KPI target outside its tables, on list.js's useAddressValue, so that reload, back
// and forward and a shared link show what was shown. A value the address lacks, one that does
// not parse, and one the page does not offer (a year outside the inputs' range, a tab the caller
// has not, a county not in its list) read as the default, and the default stays out of the
// address (DECISIONS 95): a hand-edited or outdated link opens the page as a plain one would,
// asking the server nothing it would refuse.
import { computed, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { useAddressValue, F } from '../../list.js'

// The years the pages' year inputs take (their :min and :max).
export const YEAR_MIN = 2000
export const YEAR_MAX = 2100
export const yearKind = () => F.int(YEAR_MIN, YEAR_MAX)

// value: the default (or a function giving it, when it depends on what has loaded); offered(v):
// whether the page offers v now. Setting the default takes the name out of the address.
export function useChoice(name, kind, value, offered = () => true) {
  const param = useAddressValue(name, kind)
  const fallback = typeof value === 'function' ? value : () => value
  return computed({
    get: () => {
      const v = param.value
      return v === kind.empty || !offered(v) ? fallback() : v
    },
    set: (v) => (param.value = v === fallback() ? kind.empty : v),
  })
}

// Drops answers that arrive after a newer request's (back and forward in quick succession):
// const fresh = newest(); in load: const mine = fresh(); await …; if (!mine()) return
export function newest() {
  let seq = 0
  return () => {
    const mine = ++seq
    return () => mine === seq
  }
}

// A list's filter (useList) whose value the page does not offer once its options have loaded
// (the zone of a link made by someone of a wider scope, or one that is no more) is taken out of
// the address in place — the history entry replaced, not added — and the list shows what it
// shows without it. options(): the values offered, or null while they load.
export function dropUnoffered(list, name, options) {
  const route = useRoute()
  const router = useRouter()
  const routeName = route.name
  watch(
    () => [list.applied[name], options()],
    ([v, offered]) => {
      if (route.name !== routeName || v === null || v === '' || !offered || offered.includes(v)) return
      const q = { ...route.query }
      delete q[name]
      router.replace({ query: q })
    },
    { immediate: true },
  )
}
