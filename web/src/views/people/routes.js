// Staffing, rosters and performance pay (art. 7-11, 14): one menu group, 人事薪酬. (Route meta:
// see views/shell/routes.js.)
import { Briefcase, UserFilled, Money, Suitcase } from '@element-plus/icons-vue'
import { Umbrella, Reading, Histogram, DataAnalysis, Medal } from '@element-plus/icons-vue'

export const menuGroups = { people: { title: 'menuGroup.people', icon: Suitcase } }

export default [
  { path: 'staffing', name: 'staffing', component: () => import('./Staffing.vue'), meta: { title: 'route.staffing', perm: 'people_read', menu: { order: 600, icon: Briefcase, group: 'people' } } },
  { path: 'roster', name: 'roster', component: () => import('./Roster.vue'), meta: { title: 'route.roster', perm: 'people_read', menu: { order: 610, icon: UserFilled, group: 'people' } } },
  { path: 'pay', name: 'pay', component: () => import('./Pay.vue'), meta: { title: 'route.pay', perm: 'people_read', menu: { order: 620, icon: Money, group: 'people' } } },
  // 容错免责 (art. 18), 奖优罚劣 (art. 15), 编制测算 (art. 7)
  { path: 'fault-cases', name: 'fault-cases', component: () => import('./FaultCases.vue'), meta: { title: 'route.faultCases', perm: 'people_read', menu: { order: 660, icon: Umbrella, group: 'people' } } },
  { path: 'fault-library', name: 'fault-library', component: () => import('./FaultLibrary.vue'), meta: { title: 'route.faultLibrary', perm: 'people_read', menu: { order: 665, icon: Reading, group: 'people' } } },
  { path: 'leader-actions', name: 'leader-actions', component: () => import('./LeaderActions.vue'), meta: { title: 'route.leaderActions', perm: 'people_read', menu: { order: 675, icon: Medal, group: 'people' } } },
  { path: 'county-view', name: 'county-view', component: () => import('./CountyView.vue'), meta: { title: 'route.countyView', perm: 'people_read', menu: { order: 670, icon: Histogram, group: 'people' } } },
  { path: 'staffing-norm', name: 'staffing-norm', component: () => import('./StaffingNorm.vue'), meta: { title: 'route.staffingNorm', perm: 'people_read', menu: { order: 680, icon: DataAnalysis, group: 'people' } } },
]
