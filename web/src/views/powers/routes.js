// The powers module's pages: the power catalogue, each zone's list (一区一单) and its evaluation,
// the zone–county 权责清单, social affairs / 高效办成一件事 / rules to adjust, the working-day
// calendar, and the public page of published lists (no sign-in). One menu group, 赋权与边界.
// (Route meta: see views/shell/routes.js.)
import { Files, Share, DataLine, Connection, Briefcase, Calendar, Stamp } from '@element-plus/icons-vue'

export const menuGroups = { powers: { title: 'menuGroup.powers', icon: Stamp } }

export default [
  { path: 'power-catalogue', name: 'power-catalogue', component: () => import('./Catalogue.vue'), meta: { title: 'route.powerCatalogue', perm: 'power_read', menu: { order: 300, icon: Files, group: 'powers' } } },
  { path: 'power-lists', name: 'power-lists', component: () => import('./Delegations.vue'), meta: { title: 'route.powerLists', perm: 'power_read', menu: { order: 310, icon: Share, group: 'powers' } } },
  { path: 'power-evaluation', name: 'power-evaluation', component: () => import('./Evaluation.vue'), meta: { title: 'route.powerEvaluation', perm: 'power_read', menu: { order: 320, icon: DataLine, group: 'powers' } } },
  { path: 'power-evaluations', name: 'power-evaluations', component: () => import('./Evaluations.vue'), meta: { title: 'route.powerEvaluations', parent: 'power-evaluation', perm: 'power_read' } },
  { path: 'duty-lists', name: 'duty-lists', component: () => import('./DutyLists.vue'), meta: { title: 'route.dutyLists', perm: 'power_read', menu: { order: 330, icon: Connection, group: 'powers' } } },
  { path: 'duty-lists/:id(\\d+)', name: 'duty-list', component: () => import('./DutyList.vue'), meta: { title: 'route.dutyList', parent: 'duty-lists', perm: 'power_read' } },
  { path: 'duty-lists/new/:zone(\\d+)', name: 'duty-list-new', component: () => import('./DutyList.vue'), meta: { title: 'route.dutyList', parent: 'duty-lists', perm: 'power_write' } },
  { path: 'power-affairs', name: 'power-affairs', component: () => import('./Affairs.vue'), meta: { title: 'route.powerAffairs', perm: 'power_read', menu: { order: 340, icon: Briefcase, group: 'powers' } } },
  { path: 'work-calendar', name: 'work-calendar', component: () => import('./Calendar.vue'), meta: { title: 'route.workCalendar', perm: 'power_read', menu: { order: 350, icon: Calendar, group: 'powers' } } },
  { path: '/public/powers', name: 'public-powers', component: () => import('./PublicPowers.vue'), meta: { public: true, title: 'route.publicPowers' } },
]
