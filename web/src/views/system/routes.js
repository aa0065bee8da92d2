// System management: organizations, users, organizations' capabilities, the audit log; one
// menu group, 系统管理. (Route meta: see views/shell/routes.js.)
import { OfficeBuilding, User, Document, Key, Tools } from '@element-plus/icons-vue'

// Menu groups this module defines: key -> {title (a locale key), icon}.
export const menuGroups = { system: { title: 'menuGroup.system', icon: Tools } }

export default [
  { path: 'orgs', name: 'orgs', component: () => import('./Orgs.vue'), meta: { title: 'route.orgs', perm: 'org_read', menu: { order: 800, icon: OfficeBuilding, group: 'system' } } },
  // the security officer, who has no home page, starts at the role changes waiting for it
  { path: 'users', name: 'users', component: () => import('./Users.vue'), meta: { title: 'route.users', perm: 'user_read', menu: { order: 810, icon: User, group: 'system' }, landing: { perm: 'account_security', query: { tab: 'changes' } } } },
  { path: 'capabilities', name: 'capabilities', component: () => import('./Capabilities.vue'), meta: { title: 'route.capabilities', perm: 'capability_manage', menu: { order: 820, icon: Key, group: 'system' } } },
  { path: 'audit', name: 'audit', component: () => import('./Audit.vue'), meta: { title: 'route.audit', perm: 'audit_read', menu: { order: 830, icon: Document, group: 'system' } } },
]
