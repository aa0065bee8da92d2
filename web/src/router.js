// The routes of every module (views/X/routes.js, collected at build time), the side menu built
// from them and the permissions GET /api/session lists, and the guard. The server enforces every
// permission regardless; the guard only keeps people away from pages that would answer 403. A
// new module adds views/X/routes.js (and locales/zh-CN/X.js) and edits nothing here.
import { createRouter, createWebHistory } from 'vue-router'
import { session, loadSession, clearSession, can } from './session.js'
import { onUnauthorized, onPasswordChangeRequired } from './api.js'
import { t } from './i18n.js'
import Layout from './layout/Layout.vue'

const modules = import.meta.glob('./views/*/routes.js', { eager: true })

// After an upgrade, a console loaded before it asks for a page's code under the old build's file
// name, which is gone (404): the click on the menu did nothing. The address being opened is then
// loaded anew, once for that address (DECISIONS 277): the new build's index.html names the files
// that exist. The navigation waits for the new page instead of failing.
const RELOADED = 'kfq-reloaded-for'
const CHUNK_GONE = /dynamically imported module|Importing a module script failed|Unable to preload CSS/
let opening = null // the address of the navigation under way (set by the guard)
function reloading(load) {
  return () =>
    load().catch((err) => {
      const target = opening
      if (!target || !CHUNK_GONE.test(err?.message || '') || sessionStorage.getItem(RELOADED) === target) throw err
      sessionStorage.setItem(RELOADED, target)
      window.location.assign(target)
      return new Promise(() => {})
    })
}

// Every module's routes, and the menu groups they define (key -> {title, icon}).
const records = Object.keys(modules)
  .sort()
  .flatMap((k) => modules[k].default)
  .map((r) => (typeof r.component === 'function' ? { ...r, component: reloading(r.component) } : r))
export const menuGroups = Object.assign({}, ...Object.values(modules).map((m) => m.menuGroups || {}))

const names = new Set()
for (const r of records) {
  if (!r.name) continue
  if (names.has(r.name)) throw new Error(`router: two routes are named ${r.name}`)
  names.add(r.name)
}

export const routes = [
  ...records.filter((r) => r.path.startsWith('/')),
  { path: '/', component: Layout, children: records.filter((r) => !r.path.startsWith('/')) },
]

// The side menu for a user who has the permissions allowed(perm) says: entries in their order;
// the entries of a group together under it, at the place of its first entry.
// [{path, name, title, icon} | {group, title, icon, children: [entries]}]
export function menuFor(allowed) {
  const entries = records
    .filter((r) => r.meta && r.meta.menu && (!r.meta.perm || allowed(r.meta.perm)))
    .sort((a, b) => a.meta.menu.order - b.meta.menu.order)
  const out = []
  const groups = new Map()
  for (const r of entries) {
    const item = { path: r.path ? `/${r.path}` : '/', name: r.name, title: r.meta.title, icon: r.meta.menu.icon }
    const key = r.meta.menu.group
    if (!key) {
      out.push(item)
      continue
    }
    if (!groups.has(key)) {
      const g = { group: key, title: menuGroups[key]?.title || key, icon: menuGroups[key]?.icon, children: [] }
      groups.set(key, g)
      out.push(g)
    }
    groups.get(key).children.push(item)
  }
  return out
}

// The path of the first page in the menu of a user with these permissions, or null.
function firstMenuPath(allowed) {
  const first = menuFor(allowed)[0]
  if (!first) return null
  return first.group ? first.children[0].path : first.path
}

// Where a user without the home page starts: the first page whose meta.landing names a
// permission the user has, at the address it gives (the security officer: 用户管理's role
// changes waiting for it), else the first page of its menu; null when there is none.
export function landingFor(allowed) {
  const r = records.find((x) => x.meta?.landing && allowed(x.meta.landing.perm))
  if (r) return { name: r.name, query: r.meta.landing.query || {} }
  return firstMenuPath(allowed)
}

// Only paths of this app are redirect targets ("/orgs?q=1"), never "//host" or a URL.
export function safeRedirect(value) {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/'
  if (value.startsWith('/login')) return '/'
  return value
}

const router = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior: () => ({ top: 0 }),
})

router.beforeEach(async (to) => {
  opening = to.fullPath
  if (to.meta.public) return true
  let user
  try {
    user = await loadSession()
  } catch {
    // the server cannot be reached: show the login page, which says so when used
    return { name: 'login', query: { redirect: to.fullPath } }
  }
  if (!user || user.must_change_password) return { name: 'login', query: { redirect: to.fullPath } }
  if (to.meta.perm && !can(to.meta.perm)) {
    // a role without the home page (the security officer has no dashboard) starts at its work
    const landing = to.name === 'home' && landingFor(can)
    return landing || { name: 'forbidden' }
  }
  return true
})

router.afterEach((to) => {
  sessionStorage.removeItem(RELOADED)
  const title = to.meta.title ? t(to.meta.title) : ''
  document.title = title ? `${title} - ${t('app.name')}` : t('app.name')
})

// A 401 from any call but the login: back to the login page, and here again afterwards.
onUnauthorized(() => {
  clearSession()
  const cur = router.currentRoute.value
  if (cur.name === 'login') return
  router.replace({ name: 'login', query: { redirect: cur.fullPath } })
})

onPasswordChangeRequired(() => {
  if (session.user) session.user.must_change_password = true
  const cur = router.currentRoute.value
  if (cur.name === 'login') return
  router.replace({ name: 'login', query: { redirect: cur.fullPath } })
})

export default router
