// The money module's pages: the enterprise registry, revenue sharing (art. 6) with its
// statements and what-if, and 区中园/飞地/托管 arrangements. (Route meta: see
// views/shell/routes.js.)
import { Shop, Money, TrendCharts, Connection, Wallet, Medal } from '@element-plus/icons-vue'

export default [
  { path: 'enterprises', name: 'enterprises', component: () => import('./Enterprises.vue'), meta: { title: 'route.enterprises', perm: 'enterprise_read', menu: { order: 200, icon: Shop } } },
  { path: 'enterprises/:id(\\d+)', name: 'enterprise', component: () => import('./EnterpriseDetail.vue'), meta: { title: 'route.enterprise', parent: 'enterprises', perm: 'enterprise_read' } },
  { path: 'revshare', name: 'revshare', component: () => import('./Revshare.vue'), meta: { title: 'route.revshare', perm: 'revshare_read', menu: { order: 210, icon: Money } } },
  { path: 'revshare/statements/:id(\\d+)', name: 'revshare-statement', component: () => import('./RevshareStatement.vue'), meta: { title: 'route.revshareStatement', parent: 'revshare', perm: 'revshare_read' } },
  { path: 'whatif', name: 'whatif', component: () => import('./RevshareWhatIf.vue'), meta: { title: 'route.whatif', perm: 'revshare_compare', menu: { order: 220, icon: TrendCharts } } },
  { path: 'arrangements', name: 'arrangements', component: () => import('./Arrangements.vue'), meta: { title: 'route.arrangements', perm: 'enterprise_read', menu: { order: 230, icon: Connection } } },
  { path: 'budgets', name: 'budgets', component: () => import('./Budgets.vue'), meta: { title: 'route.budgets', perm: 'budget_read', menu: { order: 240, icon: Wallet } } },
  { path: 'budgets/zones/:id(\\d+)', name: 'budget-zone', component: () => import('./BudgetZone.vue'), meta: { title: 'route.budgetZone', parent: 'budgets', perm: 'budget_read' } },
  { path: 'budget-projects', name: 'budget-projects', component: () => import('./BudgetProjects.vue'), meta: { title: 'route.budgetProjects', perm: 'budget_read', menu: { order: 250, icon: Medal } } },
]
