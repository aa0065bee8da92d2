// The annual assessment and the zones' internal KPIs (art. 14, 15), in the 人事薪酬 group that
// views/people/routes.js defines. (Route meta: see views/shell/routes.js.)
import { DataAnalysis, Histogram } from '@element-plus/icons-vue'

export default [
  { path: 'assess', name: 'assess', component: () => import('./Assessment.vue'), meta: { title: 'route.assess', perm: 'people_read', menu: { order: 630, icon: DataAnalysis, group: 'people' } } },
  { path: 'kpi', name: 'kpi', component: () => import('./Kpi.vue'), meta: { title: 'route.kpi', perm: 'people_read', menu: { order: 640, icon: Histogram, group: 'people' } } },
]
