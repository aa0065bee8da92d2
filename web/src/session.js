// The signed-in user, shared by the router guard, the layout and the pages.
import { reactive } from 'vue'
import { sessionApi, setCsrfToken } from './api.js'

export const session = reactive({
  user: null, // {id, username, display_name, role, org_id, org_name, data_scope, must_change_password}
  loaded: false, // GET /api/session has been asked once
})

// Takes a login or GET /api/session answer.
export function applySession(answer) {
  session.user = answer && answer.user ? answer.user : null
  setCsrfToken(answer && answer.csrf_token)
  session.loaded = true
}

export function clearSession() {
  session.user = null
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

export function hasRole(...roles) {
  return !!session.user && roles.includes(session.user.role)
}
