// The one client of the kfq API. JSON in and out, the session cookie (HttpOnly) travels by
// itself; the CSRF token comes from the login answer and GET /api/session and is sent as
// X-CSRF-Token on every request that is not a GET. Errors become ApiError(status, code,
// message, field, body, retryAfter) from the server's {"error":{"code","message","field"}} and
// its Retry-After header (seconds, or null).
import { t } from './i18n.js'

export class ApiError extends Error {
  // body: the whole JSON answer, for errors that carry more than {error} (an import's report);
  // retryAfter: the seconds of a Retry-After header, or null
  constructor(status, code, message, field = null, body = null, retryAfter = null) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.field = field
    this.body = body
    this.retryAfter = retryAfter
  }
}

let csrfToken = null
let unauthorizedHandler = null
let passwordChangeHandler = null

export function setCsrfToken(token) {
  csrfToken = token || null
}

// Called (with no argument) on a 401 from any call except the login itself.
export function onUnauthorized(fn) {
  unauthorizedHandler = fn
}

// Called on 403 password_change_required.
export function onPasswordChangeRequired(fn) {
  passwordChangeHandler = fn
}

// "?a=1&b=x" of the non-empty values (the server refuses unknown parameters, so nothing else
// is ever added).
export function queryString(query) {
  if (!query) return ''
  const p = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue
    p.append(k, String(v))
  }
  const s = p.toString()
  return s ? `?${s}` : ''
}

async function errorFrom(res) {
  let body = null
  try {
    body = await res.json()
  } catch {
    body = null
  }
  const e = body && body.error
  const wait = Number.parseInt(res.headers.get('Retry-After') || '', 10)
  if (e && typeof e === 'object') {
    return new ApiError(res.status, e.code || 'error', e.message || t('common.serverError', { status: res.status }), e.field ?? null, body, Number.isFinite(wait) ? wait : null)
  }
  return new ApiError(res.status, 'http_error', t('common.serverError', { status: res.status }), null)
}

function isLogin(method, path) {
  return method === 'POST' && path === '/api/session'
}

// Sends one request; resolves with the parsed JSON (null for 204), rejects with ApiError.
// opts: { query, body, noRedirect, raw, upload, contentType } — raw resolves with the Response
// itself; upload is a Blob/File sent as the raw body (the server's upload routes take the file's
// bytes, not JSON) with contentType.
export async function request(method, path, opts = {}) {
  const headers = { Accept: 'application/json' }
  const init = { method, headers, credentials: 'same-origin', cache: 'no-store' }
  if (method !== 'GET' && method !== 'HEAD') {
    if (csrfToken) headers['X-CSRF-Token'] = csrfToken
    if (opts.upload !== undefined) {
      headers['Content-Type'] = opts.contentType || 'application/octet-stream'
      init.body = opts.upload
    } else if (opts.body !== undefined) {
      headers['Content-Type'] = 'application/json'
      init.body = JSON.stringify(opts.body)
    }
  }
  let res
  try {
    res = await fetch(path + queryString(opts.query), init)
  } catch {
    throw new ApiError(0, 'network_error', t('common.networkError'), null)
  }
  if (!res.ok) {
    const err = await errorFrom(res)
    if (res.status === 401 && !isLogin(method, path)) {
      csrfToken = null
      if (!opts.noRedirect && unauthorizedHandler) unauthorizedHandler(err)
    } else if (res.status === 403 && err.code === 'password_change_required' && passwordChangeHandler) {
      passwordChangeHandler(err)
    }
    throw err
  }
  if (opts.raw) return res
  if (res.status === 204) return null
  const text = await res.text()
  return text ? JSON.parse(text) : null
}

export const api = {
  get: (path, query, opts = {}) => request('GET', path, { ...opts, query }),
  post: (path, body, opts = {}) => request('POST', path, { ...opts, body }),
  put: (path, body, opts = {}) => request('PUT', path, { ...opts, body }),
  del: (path, opts = {}) => request('DELETE', path, opts),
  // POSTs a file's raw bytes (an upload route) with the given Content-Type.
  upload: (path, file, contentType, query) => request('POST', path, { query, upload: file, contentType }),
}

// The file name of a Content-Disposition header: filename*=UTF-8''… (RFC 5987) first, then
// filename="…".
export function filenameFromDisposition(header, fallback = 'export.xlsx') {
  if (!header) return fallback
  const star = /filename\*\s*=\s*([^;]+)/i.exec(header)
  if (star) {
    let v = star[1].trim().replace(/^"(.*)"$/, '$1')
    const m = /^([\w!#$%&+^`{}~-]+)'[^']*'(.*)$/.exec(v)
    if (m) v = m[2]
    try {
      return decodeURIComponent(v)
    } catch {
      /* fall through to filename= */
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header)
  if (plain) return (plain[2] ?? plain[1]).trim()
  return fallback
}

// Saves a Response's body under the server's file name. Resolves with the name.
async function saveResponse(res) {
  const blob = await res.blob()
  const name = filenameFromDisposition(res.headers.get('Content-Disposition'))
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10000)
  return name
}

// GETs an export URL and saves the answer under the server's file name. Resolves with it.
export async function downloadExport(path, query) {
  return saveResponse(await request('GET', path, { query, raw: true }))
}

// POSTs a file's raw bytes with upload progress (fetch has none): onProgress(fraction 0..1).
// Resolves with the parsed JSON, rejects with ApiError like request().
function uploadWithProgress(path, file, query, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', path + queryString(query))
    xhr.setRequestHeader('Accept', 'application/json')
    xhr.setRequestHeader('Content-Type', 'application/octet-stream')
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken)
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total)
    }
    xhr.onerror = () => reject(new ApiError(0, 'network_error', t('common.networkError'), null))
    xhr.onload = async () => {
      const res = new Response(xhr.responseText, { status: xhr.status, headers: { 'Content-Type': xhr.getResponseHeader('Content-Type') || '' } })
      if (res.ok) {
        resolve(xhr.responseText ? JSON.parse(xhr.responseText) : null)
        return
      }
      const err = await errorFrom(res)
      if (res.status === 401 && unauthorizedHandler) unauthorizedHandler(err)
      reject(err)
    }
    xhr.send(file)
  })
}

// ---- the endpoints ----

export const sessionApi = {
  login: (username, password) => api.post('/api/session', { username, password }),
  current: () => api.get('/api/session', undefined, { noRedirect: true }),
  logout: () => api.del('/api/session'),
  changePassword: (oldPassword, newPassword) =>
    api.put('/api/session/password', { old_password: oldPassword, new_password: newPassword }),
}

export const dashboardApi = {
  get: () => api.get('/api/dashboard'),
}

// 我的待办: what awaits the caller, each {key, label, count, level, link, detail}
export const todoApi = {
  list: () => api.get('/api/todos'),
}

export const orgApi = {
  list: (query) => api.get('/api/orgs', query),
  get: (id) => api.get(`/api/orgs/${id}`),
  create: (org) => api.post('/api/orgs', org),
  update: (id, org) => api.put(`/api/orgs/${id}`, org),
  export: (query) => downloadExport('/api/orgs/export.xlsx', query),
  exportCsv: (query) => downloadExport('/api/orgs/export.csv', query),
}

export const userApi = {
  list: (query) => api.get('/api/users', query),
  create: (user) => api.post('/api/users', user),
  update: (id, user) => api.put(`/api/users/${id}`, user),
  lock: (id) => api.post(`/api/users/${id}/lock`),
  unlock: (id) => api.post(`/api/users/${id}/unlock`),
  resetPassword: (id) => api.post(`/api/users/${id}/reset-password`, {}),
  export: (query) => downloadExport('/api/users/export.xlsx', query),
  exportCsv: (query) => downloadExport('/api/users/export.csv', query),
}

export const auditApi = {
  list: (query) => api.get('/api/audit', query),
  // verifies the chain and records who did and what was found (the auditor's to-do reads it)
  verify: () => api.post('/api/audit/verify'),
  // the Chinese names of actions and entity types, as the exports show them
  names: () => api.get('/api/audit/names'),
  export: (query) => downloadExport('/api/audit/export.xlsx', query),
  exportCsv: (query) => downloadExport('/api/audit/export.csv', query),
}

export const policyApi = {
  list: () => api.get('/api/policies'),
  get: (id) => api.get(`/api/policies/${id}`),
  // the text file as it is (UTF-8, UTF-16 with BOM or GB18030); the server decodes it
  preview: (file) => api.upload('/api/policies/preview', file, 'text/plain'),
  import: (file) => api.upload('/api/policies', file, 'text/plain'),
  // the preview as the office corrected it: the file's bytes in base64 and the tasks
  importCorrected: (source, tasks) => api.post('/api/policies/corrected', { source, tasks }),
  // the article-by-article diff of version `from` (the older) against version `id`
  diff: (id, from) => api.get(`/api/policies/${id}/diff`, { from }),
}

export const taskApi = {
  list: (query) => api.get('/api/tasks', query),
  get: (id) => api.get(`/api/tasks/${id}`),
  // what the office sets on a task: {contact_name, contact_phone} (empty clears)
  update: (id, fields) => api.put(`/api/tasks/${id}`, fields),
  setOrgs: (id, leadOrgIds, responsibleOrgIds) =>
    api.put(`/api/tasks/${id}/orgs`, { lead_org_ids: leadOrgIds, responsible_org_ids: responsibleOrgIds }),
  export: (query) => downloadExport('/api/tasks/export.xlsx', query),
  exportCsv: (query) => downloadExport('/api/tasks/export.csv', query),
}

export const planApi = {
  list: (query) => api.get('/api/plans', query),
  get: (id) => api.get(`/api/plans/${id}`),
  create: (plan) => api.post('/api/plans', plan),
  // an approved plan's change becomes its revision; closed: [{id, reason}] of milestones closed
  update: (id, milestones, closed) => api.put(`/api/plans/${id}`, closed && closed.length ? { milestones, closed } : { milestones }),
  // submit, approve and return act on the open revision once the plan is approved
  submit: (id) => api.post(`/api/plans/${id}/submit`),
  approve: (id, comment) => api.post(`/api/plans/${id}/approve`, comment ? { comment } : {}),
  approveAll: (ids, comment) => api.post('/api/plans/approve', comment ? { ids, comment } : { ids }),
  return: (id, comment) => api.post(`/api/plans/${id}/return`, { comment }),
  discardRevision: (id) => api.del(`/api/plans/${id}/revision`),
  versions: (id) => api.get(`/api/plans/${id}/versions`),
  exportXlsx: (query) => downloadExport('/api/plans/export.xlsx', query),
  exportCsv: (query) => downloadExport('/api/plans/export.csv', query),
}

export const milestoneApi = {
  list: (query) => api.get('/api/milestones', query),
  get: (id) => api.get(`/api/milestones/${id}`),
  report: (id, report) => api.post(`/api/milestones/${id}/reports`, report),
  exportXlsx: (query) => downloadExport('/api/milestones/export.xlsx', query),
  exportCsv: (query) => downloadExport('/api/milestones/export.csv', query),
}

export const reportApi = {
  // the review queue: query.state, query.latest (each milestone's newest only), org_id, task_id
  list: (query) => api.get('/api/reports', query),
  accept: (id, comment) => api.post(`/api/reports/${id}/accept`, comment ? { comment } : {}),
  acceptAll: (ids, comment) => api.post('/api/reports/accept', comment ? { ids, comment } : { ids }),
  return: (id, comment) => api.post(`/api/reports/${id}/return`, { comment }),
  exportXlsx: (query) => downloadExport('/api/reports/export.xlsx', query),
  exportCsv: (query) => downloadExport('/api/reports/export.csv', query),
}

export const evidenceApi = {
  // the file's raw bytes; the server checks the content against the name's extension
  upload: (file) => api.upload('/api/evidence', file, 'application/octet-stream', { name: file.name }),
  url: (id) => `/api/evidence/${id}`,
}

export const boardApi = {
  // query.org_id: one zone's cells, totals and overdue milestones; query.policy_id: one policy's tasks
  get: (query) => api.get('/api/board', query),
  rankingXlsx: (query) => downloadExport('/api/board/ranking.xlsx', query),
  rankingCsv: (query) => downloadExport('/api/board/ranking.csv', query),
}

export const noticeApi = {
  list: (query) => api.get('/api/notices', query),
  get: (id) => api.get(`/api/notices/${id}`),
  // notice.draft: true keeps it an unnumbered draft (拟稿); else it is issued at once
  create: (notice) => api.post('/api/notices', notice),
  update: (id, notice) => api.put(`/api/notices/${id}`, notice),
  discard: (id) => api.del(`/api/notices/${id}`),
  issue: (id) => api.post(`/api/notices/${id}/issue`),
  receive: (id) => api.post(`/api/notices/${id}/receive`),
  reply: (id, reply, attachmentIds = []) => api.post(`/api/notices/${id}/reply`, { reply, attachment_ids: attachmentIds }),
  close: (id, comment) => api.post(`/api/notices/${id}/close`, comment ? { comment } : {}),
  escalate: (id, comment) => api.post(`/api/notices/${id}/escalate`, { comment }),
  export: (query) => downloadExport('/api/notices/export.xlsx', query),
  exportCsv: (query) => downloadExport('/api/notices/export.csv', query),
  // the printable notice, an HTML page of the server's
  printUrl: (id) => `/api/notices/${id}/print`,
}

export const importApi = {
  template: (kind) => downloadExport(`/api/imports/${kind}/template.xlsx`),
  // the file's raw bytes (.xlsx or CSV); rejects with ApiError 422 import_rejected whose body.import
  // is the report (every bad row)
  upload: (kind, file, onProgress) => uploadWithProgress(`/api/imports/${kind}`, file, { name: file.name }, onProgress),
  // the one-time download an import left (the users import's first passwords)
  secret: async (id, token) => saveResponse(await request('POST', `/api/imports/${id}/secret`, { body: { token }, raw: true })),
}

// Files on any entity: uploaded for an entity type (notice, notice_reply, ...) before the write
// that names them by id; read under the entity's own rule.
export const attachmentApi = {
  // upload(kind) is an upload function for FileUpload: the file's raw bytes
  upload: (kind) => (file) => api.upload('/api/attachments', file, 'application/octet-stream', { for: kind, name: file.name }),
  list: (entityType, entityId) => api.get('/api/attachments', { entity_type: entityType, entity_id: entityId }),
  url: (id) => `/api/attachments/${id}`,
}

// 工作周报: the week holding `week` (YYYY-MM-DD; this week when absent)
export const briefingApi = {
  get: (week) => api.get('/api/briefings/weekly', { week }),
  printUrl: (week) => `/api/briefings/weekly/print${queryString({ week })}`,
  export: (week) => downloadExport('/api/briefings/weekly/export.xlsx', { week }),
}

export const inboxApi = {
  list: (query) => api.get('/api/inbox', query),
  unreadCount: () => api.get('/api/inbox/unread-count'),
  read: (id) => api.post(`/api/inbox/${id}/read`),
  readAll: () => api.post('/api/inbox/read-all'),
}

export const roleChangeApi = {
  // role changes waiting for the security officer (and decided ones): {status, user_id, page, page_size}
  list: (query) => api.get('/api/role-changes', query),
  export: (query) => downloadExport('/api/role-changes/export.xlsx', query),
  exportCsv: (query) => downloadExport('/api/role-changes/export.csv', query),
  confirm: (id) => api.post(`/api/role-changes/${id}/confirm`, {}),
  reject: (id, comment) => api.post(`/api/role-changes/${id}/reject`, { comment }),
}

export const roleApi = {
  // each role's permissions and the data scope a new account of it gets
  list: () => api.get('/api/roles'),
}

export const capabilityApi = {
  // the catalogue: {code, label, description, seed}
  catalogue: () => api.get('/api/capabilities'),
  list: (query) => api.get('/api/capabilities/grants', query),
  grant: (grant) => api.post('/api/capabilities/grants', grant),
  revoke: (id) => api.del(`/api/capabilities/grants/${id}`),
  export: (query) => downloadExport('/api/capabilities/grants/export.xlsx', query),
  exportCsv: (query) => downloadExport('/api/capabilities/grants/export.csv', query),
}

export const enterpriseApi = {
  list: (query) => api.get('/api/enterprises', query),
  zones: () => api.get('/api/enterprises/zones'),
  get: (id) => api.get(`/api/enterprises/${id}`),
  create: (e) => api.post('/api/enterprises', e),
  update: (id, e) => api.put(`/api/enterprises/${id}`, e),
  setTax: (id, year, amounts) => api.put(`/api/enterprises/${id}/taxes/${year}`, { amounts }),
  export: (query) => downloadExport('/api/enterprises/export.xlsx', query),
  exportCsv: (query) => downloadExport('/api/enterprises/export.csv', query),
}

export const industryApi = {
  tree: () => api.get('/api/industries'),
}

export const arrangementApi = {
  list: (query) => api.get('/api/arrangements', query),
  get: (id) => api.get(`/api/arrangements/${id}`),
  create: (a) => api.post('/api/arrangements', a),
  update: (id, a) => api.put(`/api/arrangements/${id}`, a),
  remove: (id) => api.del(`/api/arrangements/${id}`),
}

export const revshareApi = {
  years: () => api.get('/api/revshare/years'),
  setYear: (year, config) => api.put(`/api/revshare/years/${year}`, config),
  compute: (year) => api.post('/api/revshare/statements/compute', { year }),
  statements: (query) => api.get('/api/revshare/statements', query),
  statement: (id) => api.get(`/api/revshare/statements/${id}`),
  lines: (id, query) => api.get(`/api/revshare/statements/${id}/lines`, query),
  confirm: (id) => api.post(`/api/revshare/statements/${id}/confirm`),
  export: (id) => downloadExport(`/api/revshare/statements/${id}/export.xlsx`),
  exportCsv: (id) => downloadExport(`/api/revshare/statements/${id}/export.csv`),
  printUrl: (id) => `/api/revshare/statements/${id}/print`,
  history: (query) => api.get('/api/revshare/history', query),
  whatif: (year, scenarios) => api.post('/api/revshare/whatif', { year, scenarios }),
  adopt: (year, scenario) => api.post('/api/revshare/whatif/adopt', { year, ...scenario }),
}

// The powers module (一区一单, 权责清单, 高效办成一件事, rules to adjust, the working-day calendar).
export const powerApi = {
  // every zone, county and city department {id, name, type, parent_id}, whatever the caller's
  // data scope
  orgs: () => api.get('/api/power-orgs'),
  catalogue: (query) => api.get('/api/powers', query),
  createPower: (p) => api.post('/api/powers', p),
  updatePower: (id, p) => api.put(`/api/powers/${id}`, p),
  exportCatalogue: (query) => downloadExport('/api/powers/export.xlsx', query),
  exportCatalogueCsv: (query) => downloadExport('/api/powers/export.csv', query),
  delegations: (query) => api.get('/api/power-delegations', query),
  delegation: (id) => api.get(`/api/power-delegations/${id}`),
  // {action: 'plan' | 'propose', power_id, zone_org_id, note}
  addToList: (body) => api.post('/api/power-delegations', body),
  step: (id, body) => api.post(`/api/power-delegations/${id}/steps`, body),
  exportDelegations: (query) => downloadExport('/api/power-delegations/export.xlsx', query),
  exportDelegationsCsv: (query) => downloadExport('/api/power-delegations/export.csv', query),
  guidance: (id) => api.get(`/api/power-delegations/${id}/guidance`),
  // every guidance record in scope ({zone_org_id, dept_org_id, power_id, delegation_id})
  exportGuidance: (query) => downloadExport('/api/power-guidance/export.xlsx', query),
  exportGuidanceCsv: (query) => downloadExport('/api/power-guidance/export.csv', query),
  addGuidance: (id, g) => api.post(`/api/power-delegations/${id}/guidance`, g),
  months: (id) => api.get(`/api/power-delegations/${id}/months`),
  putMonth: (id, m) => api.post(`/api/power-delegations/${id}/months`, m),
  evaluate: (id, e) => api.post(`/api/power-delegations/${id}/evaluations`, e),
  evaluations: (query) => api.get('/api/power-evaluations', query),
  evaluationsByDept: (query) => api.get('/api/power-evaluations/by-department', query),
  exportEvaluations: (query) => downloadExport('/api/power-evaluations/export.xlsx', query),
  exportEvaluationsCsv: (query) => downloadExport('/api/power-evaluations/export.csv', query),
  figures: (query) => api.get('/api/power-evaluations/figures', query),
  // the office's setting {idle_months, default_idle_months, changed_at, changed_by_name}
  setting: () => api.get('/api/power-settings'),
  saveSetting: (s) => api.put('/api/power-settings', s),
  exportFigures: (query) => downloadExport('/api/power-evaluations/figures/export.xlsx', query),
  exportFiguresCsv: (query) => downloadExport('/api/power-evaluations/figures/export.csv', query),
  publish: (zoneId, published) => api.post(`/api/power-lists/${zoneId}/publish`, { published }),
  board: () => api.get('/api/powers-board'),
  calendar: () => api.get('/api/work-calendar'),
  addCalendarYear: (y) => api.post('/api/work-calendar', y),
  deadline: (query) => api.get('/api/work-calendar/deadline', query),
  dutyLists: () => api.get('/api/duty-lists'),
  dutyList: (id) => api.get(`/api/duty-lists/${id}`),
  dutyVersions: (zoneId) => api.get(`/api/zones/${zoneId}/duty-lists`),
  saveDutyList: (body) => api.post('/api/duty-lists', body),
  dutyAct: (id, action, comment) => api.post(`/api/duty-lists/${id}/${action}`, comment ? { comment } : {}),
  exportDutyList: (id) => downloadExport(`/api/duty-lists/${id}/export.xlsx`),
  exportDutyListCsv: (id) => downloadExport(`/api/duty-lists/${id}/export.csv`),
  // the index of current lists ({status})
  exportDutyLists: (query) => downloadExport('/api/duty-lists/export.xlsx', query),
  exportDutyListsCsv: (query) => downloadExport('/api/duty-lists/export.csv', query),
  social: (query) => api.get('/api/social-affairs', query),
  saveSocial: (id, body) => (id ? api.put(`/api/social-affairs/${id}`, body) : api.post('/api/social-affairs', body)),
  exportSocial: (query) => downloadExport('/api/social-affairs/export.xlsx', query),
  exportSocialCsv: (query) => downloadExport('/api/social-affairs/export.csv', query),
  matters: () => api.get('/api/key-matters'),
  saveMatter: (id, body) => (id ? api.put(`/api/key-matters/${id}`, body) : api.post('/api/key-matters', body)),
  exportMatters: () => downloadExport('/api/key-matters/export.xlsx'),
  exportMattersCsv: () => downloadExport('/api/key-matters/export.csv'),
  problems: (query) => api.get('/api/problems', query),
  reportProblem: (body) => api.post('/api/problems', body),
  problemAct: (id, action, body) => api.post(`/api/problems/${id}/${action}`, body),
  exportProblems: (query) => downloadExport('/api/problems/export.xlsx', query),
  exportProblemsCsv: (query) => downloadExport('/api/problems/export.csv', query),
  rules: (query) => api.get('/api/rule-adjustments', query),
  saveRule: (id, body) => (id ? api.put(`/api/rule-adjustments/${id}`, body) : api.post('/api/rule-adjustments', body)),
  exportRules: (query) => downloadExport('/api/rule-adjustments/export.xlsx', query),
  exportRulesCsv: (query) => downloadExport('/api/rule-adjustments/export.csv', query),
  // no sign-in
  publicZones: () => api.get('/api/public/power-lists', undefined, { noRedirect: true }),
  publicList: (zoneId) => api.get(`/api/public/power-lists/${zoneId}`, undefined, { noRedirect: true }),
  publicProblem: (code) => api.get('/api/public/problems', { code }, { noRedirect: true }),
}

// Consultations (征求意见): the office's side, and the public page's (no sign-in).
export const consultApi = {
  list: (query) => api.get('/api/consultations', query),
  get: (id) => api.get(`/api/consultations/${id}`),
  create: (body) => api.post('/api/consultations', body),
  update: (id, body) => api.put(`/api/consultations/${id}`, body),
  release: (id) => api.post(`/api/consultations/${id}/release`),
  moveWindow: (id, body) => api.post(`/api/consultations/${id}/window`, body),
  comments: (id, query) => api.get(`/api/consultations/${id}/comments`, query),
  record: (id, body) => api.post(`/api/consultations/${id}/comments`, body),
  comment: (cid) => api.get(`/api/comments/${cid}`),
  split: (cid, points) => api.post(`/api/comments/${cid}/points`, { points }),
  dispose: (cid, body) => api.post(`/api/comments/${cid}/disposition`, body),
  publish: (cid, published) => api.post(`/api/comments/${cid}/publish`, { published }),
  link: (cid, articleId) => api.post(`/api/comments/${cid}/article`, { article_id: articleId || null }),
  versions: (id) => api.get(`/api/consultations/${id}/versions`),
  // a revised text (.txt) as the next version; note: the office's 版本说明
  importVersion: (id, file, note) => api.upload(`/api/consultations/${id}/versions`, file, 'text/plain', { note: note || undefined }),
  versionDiff: (id, from, to) => api.get(`/api/consultations/${id}/versions/diff`, { from, to }),
  // the last version, imported by mistake, before tasks are made from it
  withdrawVersion: (id, seq) => api.del(`/api/consultations/${id}/versions/${seq}`),
  tasks: (id) => api.get(`/api/consultations/${id}/tasks`),
  createTasks: (id) => api.post(`/api/consultations/${id}/tasks`),
  // an .eml file or an mbox export, with upload progress: onProgress(fraction 0..1)
  importMail: (id, file, articleId, onProgress) => uploadWithProgress(`/api/consultations/${id}/mail`, file, { article_id: articleId }, onProgress),
  report: (id) => api.get(`/api/consultations/${id}/report`),
  saveReport: (id, summary, publish) => api.put(`/api/consultations/${id}/report`, { summary, publish }),
  reportXlsx: (id) => downloadExport(`/api/consultations/${id}/report.xlsx`),
  // the report printed on the shared GB/T 9704 layout (an HTML page of the server's)
  reportPrintUrl: (id) => `/api/consultations/${id}/report/print`,
  publicGet: (id) => api.get(`/api/public/consultations/${id}`, undefined, { noRedirect: true }),
  challenge: (id) => api.get(`/api/public/consultations/${id}/challenge`, undefined, { noRedirect: true }),
  submit: (id, body) => api.post(`/api/public/consultations/${id}/comments`, body, { noRedirect: true }),
}

// Zone budgets (art. 5): a year's overview, one zone's accounts, its fiscal mode; projects'
// performance.
export const budgetApi = {
  overview: (year) => api.get('/api/budgets', { year }),
  exportOverview: (year) => downloadExport('/api/budgets/export.xlsx', { year }),
  exportOverviewCsv: (year) => downloadExport('/api/budgets/export.csv', { year }),
  zone: (id, year) => api.get(`/api/budgets/zones/${id}`, { year }),
  exportZone: (id, year) => downloadExport(`/api/budgets/zones/${id}/export.xlsx`, { year }),
  setYear: (id, body) => api.put(`/api/budgets/zones/${id}`, body),
  projects: (query) => api.get('/api/budget-projects', query),
  exportProjects: (query) => downloadExport('/api/budget-projects/export.xlsx', query),
  exportProjectsCsv: (query) => downloadExport('/api/budget-projects/export.csv', query),
  createProject: (p) => api.post('/api/budget-projects', p),
  updateProject: (id, p) => api.put(`/api/budget-projects/${id}`, p),
  deleteProject: (id) => api.del(`/api/budget-projects/${id}`),
}

export const staffingApi = {
  list: (query) => api.get('/api/staffing', query),
  get: (id) => api.get(`/api/staffing/${id}`),
  // {org_id, year, admin_slots, inst_slots, bodies, leaders, quota, doc_no, note, body_names}
  approve: (x) => api.put('/api/staffing', x),
  history: (id) => api.get(`/api/staffing/${id}/history`),
  posts: (query) => api.get('/api/posts', query),
  addPost: (p) => api.post('/api/posts', p),
  removePost: (id) => api.del(`/api/posts/${id}`),
  exportXlsx: (query) => downloadExport('/api/staffing/export.xlsx', query),
  exportCsv: (query) => downloadExport('/api/staffing/export.csv', query),
  exportPosts: (query) => downloadExport('/api/posts/export.xlsx', query),
  exportPostsCsv: (query) => downloadExport('/api/posts/export.csv', query),
}

export const personApi = {
  list: (query) => api.get('/api/people', query),
  get: (id) => api.get(`/api/people/${id}`),
  create: (p) => api.post('/api/people', p),
  update: (id, p) => api.put(`/api/people/${id}`, p),
  end: (id, x) => api.post(`/api/people/${id}/end`, x),
  retain: (id, date) => api.post(`/api/people/${id}/retain`, { date }),
  history: (id) => api.get(`/api/people/${id}/history`),
  export: (query) => downloadExport('/api/people/export.xlsx', query),
  exportCsv: (query) => downloadExport('/api/people/export.csv', query),
}

export const payApi = {
  levels: (year) => api.get('/api/pay/levels', { year }),
  setLevel: (x) => api.put('/api/pay/levels', x),
  coefficients: (year) => api.get('/api/pay/coefficients', { year }),
  setCoefficient: (x) => api.put('/api/pay/coefficients', x),
  grades: (year) => api.get('/api/pay/grades', { year }),
  setGrade: (x) => api.put('/api/pay/grades', x),
  pools: (year) => api.get('/api/pay/pools', { year }),
  exportPools: (year) => downloadExport('/api/pay/pools/export.xlsx', { year }),
  exportPoolsCsv: (year) => downloadExport('/api/pay/pools/export.csv', { year }),
  plans: (year) => api.get('/api/pay/plans', { year }),
  exportPlans: (year) => downloadExport('/api/pay/plans/export.xlsx', { year }),
  exportPlansCsv: (year) => downloadExport('/api/pay/plans/export.csv', { year }),
  plan: (id) => api.get(`/api/pay/plans/${id}`),
  savePlan: (x) => api.put('/api/pay/plans', x),
  file: (id) => api.post(`/api/pay/plans/${id}/file`),
  ack: (id, decision, comment) => api.post(`/api/pay/plans/${id}/ack`, comment ? { decision, comment } : { decision }),
  // {year, scenarios: [{name, values: [{name: grade, value: coef_bp}]}]}
  whatif: (x) => api.post('/api/pay/whatif', x),
  adopt: (x) => api.post('/api/pay/whatif/adopt', x),
}

export const landApi = {
  // every zone of the caller's land scope, with a boundary or not: the land pages' pickers
  zones: async () => ((await api.get('/api/land/zones')).items || []).map((z) => ({ zone_id: z.id, zone_name: z.name })),
  // zones' approved areas and boundaries; {geometry: 1} adds each GeoJSON (as text)
  boundaries: (query) => api.get('/api/land/boundaries', query),
  boundary: (zoneId) => api.get(`/api/land/boundaries/${zoneId}`),
  setBoundary: (zoneId, body) => api.put(`/api/land/boundaries/${zoneId}`, body),
  batches: (query) => api.get('/api/land/batches', query),
  createBatch: (body) => api.post('/api/land/batches', body),
  // parcels with each one's finding for today: {zone_id, batch_id, land_use, status, q, page, page_size}
  parcels: (query) => api.get('/api/land/parcels', query),
  parcel: (id) => api.get(`/api/land/parcels/${id}`),
  createParcel: (body) => api.post('/api/land/parcels', body),
  // the whole parcel, as PUT replaces it (its shape too: send geojson back)
  updateParcel: (id, body) => api.put(`/api/land/parcels/${id}`, body),
  exportParcels: (query) => downloadExport('/api/land/parcels/export.xlsx', query),
  exportParcelsCsv: (query) => downloadExport('/api/land/parcels/export.csv', query),
  cases: (query) => api.get('/api/land/cases', query),
  exportCases: (query) => downloadExport('/api/land/cases/export.xlsx', query),
  exportCasesCsv: (query) => downloadExport('/api/land/cases/export.csv', query),
  openCase: (body) => api.post('/api/land/cases', body),
  closeCase: (id, result) => api.post(`/api/land/cases/${id}/close`, { result }),
  projects: (query) => api.get('/api/land/projects', query),
  createProject: (body) => api.post('/api/land/projects', body),
  updateProject: (id, body) => api.put(`/api/land/projects/${id}`, body),
  exportProjects: (query) => downloadExport('/api/land/projects/export.xlsx', query),
  exportProjectsCsv: (query) => downloadExport('/api/land/projects/export.csv', query),
  exportBatches: (query) => downloadExport('/api/land/batches/export.xlsx', query),
  exportBatchesCsv: (query) => downloadExport('/api/land/batches/export.csv', query),
  exportBoundaries: () => downloadExport('/api/land/boundaries/export.xlsx'),
  exportBoundariesCsv: () => downloadExport('/api/land/boundaries/export.csv'),
}

// Platform companies (art. 12, 13): the list, one company, its checklist and yearly figures;
// the debt-risk board of a year and the warning lines by company type.
export const platformApi = {
  list: (query) => api.get('/api/platform-companies', query),
  exportList: (query) => downloadExport('/api/platform-companies/export.xlsx', query),
  exportListCsv: (query) => downloadExport('/api/platform-companies/export.csv', query),
  get: (id) => api.get(`/api/platform-companies/${id}`),
  remove: (id) => api.del(`/api/platform-companies/${id}`),
  create: (c) => api.post('/api/platform-companies', c),
  update: (id, c) => api.put(`/api/platform-companies/${id}`, c),
  setDuty: (id, duty, body) => api.put(`/api/platform-companies/${id}/duties/${duty}`, body),
  setSheet: (id, year, body) => api.put(`/api/platform-companies/${id}/sheets/${year}`, body),
  board: (year) => api.get('/api/platform-board', { year }),
  exportBoard: (year) => downloadExport('/api/platform-board/export.xlsx', { year }),
  lines: () => api.get('/api/platform-lines'),
  setLines: (type, lines) => api.put(`/api/platform-lines/${type}`, { lines }),
}

// Industry plans (art. 2): the classification's areas and future directions, each zone's plans
// with the shares its leading industries hold, the office's approval of an exception, output.
export const industryPlanApi = {
  areas: () => api.get('/api/industry/areas'),
  list: (query) => api.get('/api/industry-plans', query),
  exportXlsx: (query) => downloadExport('/api/industry-plans/export.xlsx', query),
  exportCsv: (query) => downloadExport('/api/industry-plans/export.csv', query),
  get: (id, year) => api.get(`/api/industry-plans/${id}`, year ? { year } : undefined),
  create: (plan) => api.post('/api/industry-plans', plan),
  update: (id, plan) => api.put(`/api/industry-plans/${id}`, plan),
  approve: (id) => api.post(`/api/industry-plans/${id}/approve`),
  enterprises: (id, query) => api.get(`/api/industry-plans/${id}/enterprises`, query),
  setOutput: (body) => api.post('/api/industry-outputs', body),
}

// The investment pipeline (招商引资, art. 13): projects, stage changes, the stall setting.
export const investApi = {
  list: (query) => api.get('/api/invest-projects', query),
  exportXlsx: (query) => downloadExport('/api/invest-projects/export.xlsx', query),
  exportCsv: (query) => downloadExport('/api/invest-projects/export.csv', query),
  get: (id) => api.get(`/api/invest-projects/${id}`),
  create: (p) => api.post('/api/invest-projects', p),
  update: (id, p) => api.put(`/api/invest-projects/${id}`, p),
  move: (id, body) => api.post(`/api/invest-projects/${id}/stage`, body),
  settings: () => api.get('/api/invest/settings'),
  setSettings: (body) => api.put('/api/invest/settings', body),
}

// 容错免责 (art. 18): cases, their decision by the organizations holding decide_fault, the
// published case library (public, names removed).
export const faultApi = {
  list: (query) => api.get('/api/fault-cases', query),
  export: (query) => downloadExport('/api/fault-cases/export.xlsx', query),
  exportCsv: (query) => downloadExport('/api/fault-cases/export.csv', query),
  get: (id) => api.get(`/api/fault-cases/${id}`),
  create: (x) => api.post('/api/fault-cases', x),
  update: (id, x) => api.put(`/api/fault-cases/${id}`, x),
  // {decision, reason, effect, effect_year, effect_note}
  decide: (id, x) => api.post(`/api/fault-cases/${id}/decide`, x),
  publish: (id, lesson) => api.post(`/api/fault-cases/${id}/publish`, lesson ? { lesson } : {}),
  library: (query) => api.get('/api/public/fault-library', query),
}

// Art. 15 for 市委组织部: a county's view, leaders' rewards and adjustments.
export const leaderApi = {
  counties: () => api.get('/api/counties/views'),
  countyView: (countyId, query) => api.get(`/api/counties/${countyId}/view`, query),
  list: (query) => api.get('/api/leader-actions', query),
  export: (query) => downloadExport('/api/leader-actions/export.xlsx', query),
  exportCsv: (query) => downloadExport('/api/leader-actions/export.csv', query),
  create: (x) => api.post('/api/leader-actions', x),
  // the zones graded 优秀 or 较差 in the year without a record (组织部's to-do)
  awaiting: (year) => api.get('/api/leader-actions/awaiting', { year }),
}

// Art. 7's 编制 norm: suggestions beside the approved figures, parameters, indicators, what-if.
export const normApi = {
  // unapproved: only the zones without figures of the year (编办's to-do)
  view: (year, unapproved) => api.get('/api/staffing-norm', { year, unapproved: unapproved ? 1 : undefined }),
  export: (year, unapproved) => downloadExport('/api/staffing-norm/export.xlsx', { year, unapproved: unapproved ? 1 : undefined }),
  exportCsv: (year, unapproved) => downloadExport('/api/staffing-norm/export.csv', { year, unapproved: unapproved ? 1 : undefined }),
  setParams: (x) => api.put('/api/staffing-norm/params', x),
  setIndicator: (x) => api.put('/api/zone-indicators', x),
  compare: (x) => api.post('/api/staffing-norm/compare', x),
  adopt: (x) => api.post('/api/staffing-norm/adopt', x),
}

export const spaceApi = {
  // idle buildings: {zone_id, kind, status, q, page, page_size}
  buildings: (query) => api.get('/api/land/buildings', query),
  exportBuildings: (query) => downloadExport('/api/land/buildings/export.xlsx', query),
  exportBuildingsCsv: (query) => downloadExport('/api/land/buildings/export.csv', query),
  building: (id) => api.get(`/api/land/buildings/${id}`), // {building, matches}
  createBuilding: (body) => api.post('/api/land/buildings', body),
  updateBuilding: (id, body) => api.put(`/api/land/buildings/${id}`, body),
  addMatch: (id, body) => api.post(`/api/land/buildings/${id}/matches`, body),
  closeMatch: (id, outcome, result) => api.post(`/api/land/matches/${id}/close`, { outcome, result }),
}

export const mujunApi = {
  // a zone's 亩均效益 class list for a year: {zone_id, year, class, group, page, page_size}
  evaluation: (query) => api.get('/api/mujun/evaluation', query),
  exportEvaluation: (query) => downloadExport('/api/mujun/evaluation/export.xlsx', query),
  exportEvaluationCsv: (query) => downloadExport('/api/mujun/evaluation/export.csv', query),
  scheme: (year) => api.get(`/api/mujun/schemes/${year}`),
  setScheme: (year, body) => api.put(`/api/mujun/schemes/${year}`, body),
  figures: (enterpriseId) => api.get('/api/mujun/figures', { enterprise_id: enterpriseId }),
  setFigures: (body) => api.put('/api/mujun/figures', body),
  exemptions: (query) => api.get('/api/mujun/exemptions', query),
  exempt: (body) => api.post('/api/mujun/exemptions', body),
  unexempt: (id) => api.del(`/api/mujun/exemptions/${id}`),
  measures: (query) => api.get('/api/mujun/measures', query),
  addMeasure: (body) => api.post('/api/mujun/measures', body),
}

// The annual assessment (art. 14, 15): schemes per class, values, results, appeals.
export const assessApi = {
  schemes: (year) => api.get('/api/assess/schemes', { year }),
  scheme: (id) => api.get(`/api/assess/schemes/${id}`),
  createScheme: (x) => api.post('/api/assess/schemes', x),
  updateScheme: (id, x) => api.put(`/api/assess/schemes/${id}`, x),
  values: (id, org_id) => api.get(`/api/assess/schemes/${id}/values`, { org_id }),
  setValues: (id, x) => api.put(`/api/assess/schemes/${id}/values`, x),
  compute: (id, reason) => api.post(`/api/assess/schemes/${id}/compute`, reason ? { reason } : {}),
  publish: (id) => api.post(`/api/assess/schemes/${id}/publish`),
  results: (year) => api.get('/api/assess/results', { year }),
  result: (id) => api.get(`/api/assess/results/${id}`),
  exportResults: (year) => downloadExport('/api/assess/results/export.xlsx', { year }),
  exportResultsCsv: (year) => downloadExport('/api/assess/results/export.csv', { year }),
  appeal: (id, reason) => api.post(`/api/assess/results/${id}/appeal`, { reason }),
  appeals: (year) => api.get('/api/assess/appeals', { year }),
  exportAppeals: (year) => downloadExport('/api/assess/appeals/export.xlsx', { year }),
  exportAppealsCsv: (year) => downloadExport('/api/assess/appeals/export.csv', { year }),
  decide: (id, decision, comment) => api.post(`/api/assess/appeals/${id}/decide`, { decision, comment }),
}

// The zones' internal KPIs: the year's least weights, schemes, scores.
export const kpiApi = {
  floors: (year) => api.get('/api/kpi/floors', { year }),
  setFloors: (x) => api.put('/api/kpi/floors', x),
  schemes: (year, org_id) => api.get('/api/kpi/schemes', { year, org_id }),
  saveScheme: (x) => api.put('/api/kpi/schemes', x),
  setScores: (id, scores) => api.put(`/api/kpi/schemes/${id}/scores`, { scores }),
  exportSchemes: (year) => downloadExport('/api/kpi/schemes/export.xlsx', { year }),
  exportSchemesCsv: (year) => downloadExport('/api/kpi/schemes/export.csv', { year }),
}
