// Routes, their roles and the guard. The server enforces every permission regardless; the
// guard only keeps people away from pages that would answer 403.
import { createRouter, createWebHistory } from 'vue-router'
import { session, loadSession, clearSession } from './session.js'
import { onUnauthorized, onPasswordChangeRequired } from './api.js'
import { t } from './i18n.js'
import Layout from './layout/Layout.vue'

const ALL = ['admin', 'office', 'department', 'zone', 'county', 'supervisor', 'auditor']
// the roles with TASK_READ (src/core/account.c): everyone but the admin and the auditor
export const TASK_ROLES = ['office', 'department', 'zone', 'county', 'supervisor']
// the roles with PLAN_WRITE
export const PLAN_WRITERS = ['zone', 'county']
// the roles with NOTICE_REPLY (NOTICE_READ: TASK_ROLES; NOTICE_ISSUE: the office)
export const NOTICE_REPLIERS = ['department', 'zone', 'county']

export const routes = [
  { path: '/login', name: 'login', component: () => import('./views/Login.vue'), meta: { public: true, title: 'route.login' } },
  {
    path: '/',
    component: Layout,
    children: [
      { path: '', name: 'home', component: () => import('./views/Dashboard.vue'), meta: { title: 'route.home', icon: 'HomeFilled', menu: true, roles: ALL } },
      { path: 'tasks', name: 'tasks', component: () => import('./views/reform/Tasks.vue'), meta: { title: 'route.tasks', icon: 'List', menu: true, roles: TASK_ROLES } },
      { path: 'tasks/:id(\\d+)', name: 'task', component: () => import('./views/reform/TaskDetail.vue'), meta: { title: 'route.taskDetail', parent: 'tasks', roles: TASK_ROLES } },
      { path: 'tasks/:id(\\d+)/plan/new', name: 'plan-new', component: () => import('./views/reform/PlanNew.vue'), meta: { title: 'route.planNew', parent: 'tasks', roles: PLAN_WRITERS } },
      { path: 'plans/:id(\\d+)', name: 'plan', component: () => import('./views/reform/Plan.vue'), meta: { title: 'route.plan', parent: 'tasks', roles: TASK_ROLES } },
      { path: 'milestones', name: 'milestones', component: () => import('./views/reform/Milestones.vue'), meta: { title: 'route.milestones', icon: 'Flag', menu: true, roles: TASK_ROLES } },
      // a link of an inbox item (kfq remind): the milestone's history on the milestones page
      { path: 'milestones/:id(\\d+)', redirect: (to) => ({ path: '/milestones', query: { milestone: to.params.id } }) },
      { path: 'zones/:id(\\d+)', name: 'zone', component: () => import('./views/reform/Zone.vue'), meta: { title: 'route.zone', parent: 'board', roles: TASK_ROLES } },
      { path: 'board', name: 'board', component: () => import('./views/reform/Board.vue'), meta: { title: 'route.board', icon: 'DataAnalysis', menu: true, roles: TASK_ROLES } },
      { path: 'notices', name: 'notices', component: () => import('./views/reform/Notices.vue'), meta: { title: 'route.notices', icon: 'Bell', menu: true, roles: TASK_ROLES } },
      { path: 'notices/:id(\\d+)', name: 'notice', component: () => import('./views/reform/NoticeDetail.vue'), meta: { title: 'route.noticeDetail', parent: 'notices', roles: TASK_ROLES } },
      { path: 'orgs', name: 'orgs', component: () => import('./views/Orgs.vue'), meta: { title: 'route.orgs', icon: 'OfficeBuilding', menu: true, roles: ['admin', 'office', 'department', 'zone', 'county', 'supervisor'] } },
      { path: 'users', name: 'users', component: () => import('./views/Users.vue'), meta: { title: 'route.users', icon: 'User', menu: true, roles: ['admin'] } },
      { path: 'audit', name: 'audit', component: () => import('./views/Audit.vue'), meta: { title: 'route.audit', icon: 'Document', menu: true, roles: ['supervisor', 'auditor'] } },
      { path: 'account', name: 'account', component: () => import('./views/Account.vue'), meta: { title: 'route.account', icon: 'Setting', menu: true, roles: ALL } },
      { path: '403', name: 'forbidden', component: () => import('./views/Forbidden.vue'), meta: { title: 'route.forbidden', roles: ALL } },
    ],
  },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./views/NotFound.vue'), meta: { public: true, title: 'route.notFound' } },
]

// The menu entries of a role, in order.
export function menuFor(role) {
  const layout = routes.find((r) => r.path === '/')
  return layout.children
    .filter((r) => r.meta && r.meta.menu && r.meta.roles.includes(role))
    .map((r) => ({ path: r.path ? `/${r.path}` : '/', name: r.name, title: r.meta.title, icon: r.meta.icon }))
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
  if (to.meta.public) return true
  let user
  try {
    user = await loadSession()
  } catch {
    // the server cannot be reached: show the login page, which says so when used
    return { name: 'login', query: { redirect: to.fullPath } }
  }
  if (!user || user.must_change_password) return { name: 'login', query: { redirect: to.fullPath } }
  if (to.meta.roles && !to.meta.roles.includes(user.role)) return { name: 'forbidden' }
  return true
})

router.afterEach((to) => {
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
