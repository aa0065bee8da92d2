// The console's own pages: sign-in, the home page, the inbox, the account page and the error
// pages.
// A route's meta: title (a locale key), perm (the permission GET /api/session must list; none =
// any signed-in user), menu ({order, icon, group}: an entry of the side menu), parent (the
// route name whose menu entry lights up), public (no sign-in), landing ({perm, query}: where a
// user with that permission and without the home page starts, router.js landingFor). Paths starting with "/" stand
// alone; the others are pages inside the console's layout.
import { HomeFilled, Setting } from '@element-plus/icons-vue'

export default [
  { path: '/login', name: 'login', component: () => import('./Login.vue'), meta: { public: true, title: 'route.login' } },
  { path: '', name: 'home', component: () => import('./Dashboard.vue'), meta: { title: 'route.home', perm: 'dashboard', menu: { order: 0, icon: HomeFilled } } },
  { path: 'inbox', name: 'inbox', component: () => import('./Inbox.vue'), meta: { title: 'route.inbox' } },
  { path: 'account', name: 'account', component: () => import('./Account.vue'), meta: { title: 'route.account', menu: { order: 900, icon: Setting } } },
  { path: '403', name: 'forbidden', component: () => import('./Forbidden.vue'), meta: { title: 'route.forbidden' } },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./NotFound.vue'), meta: { public: true, title: 'route.notFound' } },
]
