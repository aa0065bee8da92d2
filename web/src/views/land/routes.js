// The land module's pages: the offline map of a zone (boundary, parcels by finding, projects),
// parcels with their low-efficiency findings, the cases of their handling, the 亩均效益
// evaluation and the idle buildings of 腾笼换鸟 (menu orders 420–425: land2's range); one menu group,
// 开发区用地. (Route meta: see views/shell/routes.js.)
import { MapLocation, Grid, Finished, Location, TrendCharts, OfficeBuilding } from '@element-plus/icons-vue'

export const menuGroups = { land: { title: 'menuGroup.land', icon: Location } }

export default [
  { path: 'land/map', name: 'land-map', component: () => import('./LandMap.vue'), meta: { title: 'route.landMap', perm: 'land_read', menu: { order: 400, icon: MapLocation, group: 'land' } } },
  { path: 'land/parcels', name: 'parcels', component: () => import('./Parcels.vue'), meta: { title: 'route.parcels', perm: 'land_read', menu: { order: 405, icon: Grid, group: 'land' } } },
  { path: 'land/cases', name: 'land-cases', component: () => import('./Cases.vue'), meta: { title: 'route.landCases', perm: 'land_read', menu: { order: 410, icon: Finished, group: 'land' } } },
  { path: 'land/mujun', name: 'mujun', component: () => import('./Mujun.vue'), meta: { title: 'route.mujun', perm: 'land_read', menu: { order: 420, icon: TrendCharts, group: 'land' } } },
  { path: 'land/buildings', name: 'buildings', component: () => import('./Buildings.vue'), meta: { title: 'route.buildings', perm: 'land_read', menu: { order: 425, icon: OfficeBuilding, group: 'land' } } },
]
