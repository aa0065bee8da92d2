// The reform module's pages: tasks, plans (and the review queue), milestones, progress reports
// (the review queue), the board, the zone page, 督办单, 工作周报.
// (Route meta: see views/shell/routes.js.)
import { List, Flag, DataAnalysis, Bell, Tickets, DocumentChecked, Notebook } from '@element-plus/icons-vue'

export default [
  { path: 'tasks', name: 'tasks', component: () => import('./Tasks.vue'), meta: { title: 'route.tasks', perm: 'task_read', menu: { order: 100, icon: List } } },
  { path: 'tasks/:id(\\d+)', name: 'task', component: () => import('./TaskDetail.vue'), meta: { title: 'route.taskDetail', parent: 'tasks', perm: 'task_read' } },
  { path: 'tasks/:id(\\d+)/plan/new', name: 'plan-new', component: () => import('./PlanNew.vue'), meta: { title: 'route.planNew', parent: 'tasks', perm: 'plan_write' } },
  { path: 'policies/diff', name: 'policy-diff', component: () => import('./PolicyDiff.vue'), meta: { title: 'route.policyDiff', parent: 'tasks', perm: 'task_read' } },
  { path: 'plans', name: 'plans', component: () => import('./Plans.vue'), meta: { title: 'route.plans', perm: 'task_read', menu: { order: 105, icon: Tickets } } },
  { path: 'plans/:id(\\d+)', name: 'plan', component: () => import('./Plan.vue'), meta: { title: 'route.plan', parent: 'plans', perm: 'task_read' } },
  { path: 'milestones', name: 'milestones', component: () => import('./Milestones.vue'), meta: { title: 'route.milestones', perm: 'task_read', menu: { order: 110, icon: Flag } } },
  { path: 'reports', name: 'reports', component: () => import('./Reports.vue'), meta: { title: 'route.reports', perm: 'task_read', menu: { order: 115, icon: DocumentChecked } } },
  // a link of an inbox item (kfq remind): the milestone's history on the milestones page
  { path: 'milestones/:id(\\d+)', redirect: (to) => ({ path: '/milestones', query: { milestone: to.params.id } }) },
  { path: 'zones/:id(\\d+)', name: 'zone', component: () => import('./Zone.vue'), meta: { title: 'route.zone', parent: 'board', perm: 'task_read' } },
  { path: 'board', name: 'board', component: () => import('./Board.vue'), meta: { title: 'route.board', perm: 'task_read', menu: { order: 120, icon: DataAnalysis } } },
  { path: 'notices', name: 'notices', component: () => import('./Notices.vue'), meta: { title: 'route.notices', perm: 'notice_read', menu: { order: 130, icon: Bell } } },
  { path: 'briefing', name: 'briefing', component: () => import('./Briefing.vue'), meta: { title: 'route.briefing', perm: 'task_read', menu: { order: 140, icon: Notebook } } },
  { path: 'notices/:id(\\d+)', name: 'notice', component: () => import('./NoticeDetail.vue'), meta: { title: 'route.noticeDetail', parent: 'notices', perm: 'notice_read' } },
]
