// t('key.path', {param}) over the active locale (Simplified Chinese for now) and helpers that
// name the API's enumerations. Unknown keys come back as the key itself.
import zhCN from './locales/zh-CN.js'

const locales = { 'zh-CN': zhCN }
let current = 'zh-CN'

export function setLocale(name) {
  if (locales[name]) current = name
}

export function t(key, params) {
  let v = locales[current]
  for (const part of key.split('.')) {
    if (v == null || typeof v !== 'object' || !(part in v)) return key
    v = v[part]
  }
  if (typeof v !== 'string') return key
  if (!params) return v
  return v.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m))
}

// Translation of an enumeration value, or the value itself when the locale does not know it.
function named(group, value) {
  if (value == null || value === '') return ''
  const s = t(`${group}.${value}`)
  return s === `${group}.${value}` ? String(value) : s
}

export const roleName = (r) => named('role', r)
export const orgTypeName = (x) => named('orgType', x)
export const zoneLevelName = (x) => named('zoneLevel', x)
export const dataScopeName = (x) => named('dataScope', x)
export const auditActionName = (x) => named('audit.actions', x)
export const auditEntityName = (x) => named('audit.entities', x)
export const planStatusName = (x) => named('planStatus', x)
export const msStateName = (x) => named('msState', x)
export const msStatusName = (x) => named('msStatus', x)
export const reportStateName = (x) => named('reportState', x)
export const noticeStatusName = (x) => named('noticeStatus', x)
export const taskStateName = (x) => named('taskState', x)
export const inboxKindName = (x) => named('inbox.kinds', x)

export const ROLES = ['admin', 'office', 'department', 'zone', 'county', 'supervisor', 'auditor']
export const ORG_TYPES = ['city_department', 'county', 'zone', 'platform_company', 'supervisory_body']
export const ZONE_LEVELS = ['national', 'provincial', 'municipal']
export const DATA_SCOPES = ['all', 'org', 'org_and_below', 'custom', 'self']
export const PLAN_STATUSES = ['draft', 'submitted', 'approved', 'returned']
// milestone states as the server computes them, in its order of precedence
export const TASK_STATES = ['not_started', 'in_progress', 'overdue', 'done']
export const MS_STATES = ['done', 'overdue', 'due_soon', 'stale', 'on_track']
// a milestone's (and a progress report's) own status
export const MS_STATUSES = ['not_started', 'in_progress', 'done', 'blocked']
export const NOTICE_STATUSES = ['open', 'replied', 'escalated', 'closed']
// The data scope a new user of a role gets (the server's account_default_scope).
export const DEFAULT_SCOPE = {
  admin: 'all', office: 'all', department: 'org', zone: 'org',
  county: 'org_and_below', supervisor: 'all', auditor: 'all',
}
