// The signed-in user and what the server says the user may do, shared by the router guard, the
// layout and the pages. Permissions (names of the role's permission bits) and capabilities (what
// the user's organization holds) come from the login answer and GET /api/session; the client
// keeps no copy of the server's role table. The server checks every request regardless.
import { reactive } from 'vue'
import { sessionApi, setCsrfToken } from './api.js'

export const session = reactive({
  user: null, // {id, username, display_name, role, org_id, org_name, data_scope, must_change_password}
  permissions: [], // e.g. ['dashboard', 'task_read', 'plan_write']
  capabilities: [], // e.g. ['ack_pay_filing', 'confirm_revenue']
  loaded: false, // GET /api/session has been asked once
})

// Takes a login or GET /api/session answer.
export function applySession(answer) {
  session.user = answer && answer.user ? answer.user : null
  session.permissions = (session.user && answer.permissions) || []
  session.capabilities = (session.user && answer.capabilities) || []
  setCsrfToken(answer && answer.csrf_token)
  session.loaded = true
}

export function clearSession() {
  session.user = null
  session.permissions = []
  session.capabilities = []
  setCsrfToken(null)
  session.loaded = true
}

// Asks the server who is signed in (once, unless force). Resolves with the user or null.
export async function loadSession(force = false) {
  if (session.loaded && !force) return session.user
  try {
    applySession(await sessionApi.current())
  } catch (e) {
    if (e.status === 401) clearSession()
    else throw e
  }
  return session.user
}

// Whether the signed-in user's role has every one of these permissions.
export function can(...perms) {
  return !!session.user && perms.every((p) => session.permissions.includes(p))
}
