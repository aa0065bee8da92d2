// The industry module's pages: each zone's industry plan with the shares its leading industries
// hold (art. 2), and the investment pipeline with its stalled projects (art. 13). (Route meta:
// see views/shell/routes.js.)
import { DataAnalysis, Promotion } from '@element-plus/icons-vue'

export default [
  { path: 'industry-plans', name: 'industry-plans', component: () => import('./IndustryPlans.vue'), meta: { title: 'route.industryPlans', perm: 'industry_read', menu: { order: 450, icon: DataAnalysis } } },
  { path: 'industry-plans/:id(\\d+)', name: 'industry-plan', component: () => import('./IndustryPlan.vue'), meta: { title: 'route.industryPlan', parent: 'industry-plans', perm: 'industry_read' } },
  { path: 'invest', name: 'invest', component: () => import('./Invest.vue'), meta: { title: 'route.invest', perm: 'industry_read', menu: { order: 460, icon: Promotion } } },
  { path: 'invest/:id(\\d+)', name: 'invest-project', component: () => import('./InvestProject.vue'), meta: { title: 'route.investProject', parent: 'invest', perm: 'industry_read' } },
]
