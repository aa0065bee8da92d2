// What each role may do and who manages its accounts, as the server says (GET /api/roles), and
// which roles the signed-in user manages: the system administrator (user_manage) the ordinary
// ones, the security officer (account_security) the auditor, supervisor and security officer
// (三员分立). Read once per page load; the server decides every request regardless.
import { computed, ref } from 'vue'
import { roleApi } from '../../api.js'
import { can } from '../../session.js'
import { showError } from '../../utils.js'

const roles = ref([]) // [{role, default_scope, managed_by, permissions}]
let loading = null

export function loadRoles() {
  if (roles.value.length) return Promise.resolve(roles.value)
  if (!loading) {
    loading = roleApi
      .list()
      .then((res) => (roles.value = res.items || []))
      .catch((e) => {
        showError(e)
        return []
      })
      .finally(() => (loading = null))
  }
  return loading
}

// The manager a role's accounts need, and whether the signed-in user is it.
const managerPerm = { admin: 'user_manage', security: 'account_security' }

export function useRoles() {
  const byRole = computed(() => Object.fromEntries(roles.value.map((r) => [r.role, r])))
  const manages = (role) => {
    const r = byRole.value[role]
    return !!r && can(managerPerm[r.managed_by])
  }
  const managedRoles = computed(() => roles.value.filter((r) => manages(r.role)).map((r) => r.role))
  const defaultScope = (role) => byRole.value[role]?.default_scope
  return { roles, byRole, manages, managedRoles, defaultScope, loadRoles }
}
