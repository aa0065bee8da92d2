// Staffing, rosters and performance pay (art. 7-11, 14): one menu group, 人事薪酬. (Route meta:
// see views/shell/routes.js.)
import { Briefcase, UserFilled, Money, Suitcase } from '@element-plus/icons-vue'

export const menuGroups = { people: { title: 'menuGroup.people', icon: Suitcase } }

export default [
  { path: 'staffing', name: 'staffing', component: () => import('./Staffing.vue'), meta: { title: 'route.staffing', perm: 'people_read', menu: { order: 600, icon: Briefcase, group: 'people' } } },
  { path: 'roster', name: 'roster', component: () => import('./Roster.vue'), meta: { title: 'route.roster', perm: 'people_read', menu: { order: 610, icon: UserFilled, group: 'people' } } },
  { path: 'pay', name: 'pay', component: () => import('./Pay.vue'), meta: { title: 'route.pay', perm: 'people_read', menu: { order: 620, icon: Money, group: 'people' } } },
]
