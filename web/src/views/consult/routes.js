// The consultation module's pages: the office's list and detail (comments, dispositions, the
// adoption report), and the public page of one consultation (no sign-in).
// (Route meta: see views/shell/routes.js.)
import { ChatLineSquare } from '@element-plus/icons-vue'

export default [
  { path: '/consult/:id(\\d+)', name: 'consult-public', component: () => import('./Public.vue'), meta: { public: true, title: 'route.consultPublic' } },
  { path: 'consultations', name: 'consultations', component: () => import('./Consultations.vue'), meta: { title: 'route.consultations', perm: 'task_read', menu: { order: 135, icon: ChatLineSquare } } },
  { path: 'consultations/:id(\\d+)', name: 'consultation', component: () => import('./ConsultationDetail.vue'), meta: { title: 'route.consultation', parent: 'consultations', perm: 'task_read' } },
]
