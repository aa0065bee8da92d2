// An audit record read by people: the fields its change touched, each with a Chinese label
// (auditKeys.js says where it is looked up; else the field's own name) and its value before and
// after as text: codes by their Chinese names (the record's own label of a code, else the
// enumerations below), times in local time, a shape as 图形数据; a field another one already
// says is left out (auditKeys.js). A new entity lists what it was created with, a removed one
// what it had. Pure apart from t().
import { t } from '../../i18n.js'
import { hiddenKey, labelKeys, valueKey } from './auditKeys.js'
import {
  noticeStatusName, noticeEntityName, planStatusName, reportStateName, msStatusName, roleName,
  dataScopeName, orgTypeName, zoneLevelName, roleChangeStatusName, statementStatusName,
  payPlanStatusName, landCaseStatusName, landHandlingName, landUseName, buildingKindName,
  scaleName, arrangementKindName,
} from '../../enums.js'
import { formatTime } from '../../utils.js'

// fields whose values are codes, by entity type (_: any)
const CODES = {
  _: { role: roleName, data_scope: dataScopeName, org_type: orgTypeName },
  notice: { status: noticeStatusName, entity_type: noticeEntityName },
  plan: { status: planStatusName, plan_status: planStatusName },
  report: { state: reportStateName, status: msStatusName, plan_status: planStatusName },
  org: { type: orgTypeName, level: zoneLevelName },
  role_change: { status: roleChangeStatusName },
  revshare_statement: { status: statementStatusName },
  pay_plan: { status: payPlanStatusName },
  land_case: { status: landCaseStatusName, handling: landHandlingName },
  land_parcel: { land_use: landUseName },
  idle_building: { kind: buildingKindName },
  enterprise: { scale: scaleName },
  arrangement: { kind: arrangementKindName },
}

// a what-if adopted (revshare_year "adopt_scenario"): its record's after is {config, scenario},
// compared with the year's configuration before field by field, the scenario's name beside
const unwrapAdopted = (entity, after) => (entity === 'revshare_year' && after && after.config && typeof after.config === 'object' ? { ...after.config, scenario: after.scenario } : after)

// a role change's "from": the account as it was, role, organization and scope in one
const fromText = (v) => (v && typeof v === 'object' ? `${roleName(v.role)}（${v.org_name || ''}，${dataScopeName(v.data_scope)}）` : valueText(v))

function label(entity, key) {
  for (const k of labelKeys(entity, key)) {
    const s = t(k)
    if (s !== k) return s
  }
  return key
}

// the name people know an element of a list by
const NAME_KEYS = ['name', 'org_name', 'filename', 'title', 'label', 'body', 'username']

function itemText(v) {
  if (v === null || v === undefined) return ''
  if (typeof v !== 'object') return String(v)
  const k = NAME_KEYS.find((x) => typeof v[x] === 'string' && v[x] !== '')
  return k ? v[k] : JSON.stringify(v)
}

// A value as text: 是/否 for booleans, a list joined by 、, an object by its name, an RFC 3339
// time in local time.
export function valueText(v) {
  if (v === null || v === undefined || v === '') return ''
  if (typeof v === 'boolean') return v ? t('auditField.yes') : t('auditField.no')
  if (Array.isArray(v)) return v.map(itemText).join('、')
  if (typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(v)) return formatTime(v)
  return itemText(v)
}

function fieldText(entity, key, v) {
  if (key === 'geojson' && v) return t('auditField.geometry')
  if (entity === 'role_change' && key === 'from') return fromText(v)
  const code = (CODES[entity] && CODES[entity][key]) || CODES._[key]
  return code && typeof v === 'string' ? code(v) : valueText(v)
}

const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

// [{key, label, before, after, kind}] for the record's entity type and its before/after
// objects (either may be null); kind is added, removed or changed.
export function auditChanges(entity, before, after) {
  const b = before && typeof before === 'object' ? before : null
  const a = after && typeof after === 'object' ? unwrapAdopted(entity, after) : null
  const keys = [...new Set([...Object.keys(a || {}), ...Object.keys(b || {})])]
  const has = (k) => keys.includes(k)
  const out = []
  for (const key of keys) {
    if (hiddenKey(key, has)) continue
    const vk = valueKey(key, has)
    const bv = b ? b[vk] : undefined
    const av = a ? a[vk] : undefined
    if (b && a && same(bv, av)) continue
    const empty = (v) => v === null || v === undefined || v === '' || (Array.isArray(v) && !v.length)
    if ((!b && empty(av)) || (!a && empty(bv))) continue
    const text = (v) => (vk === key ? fieldText(entity, key, v) : valueText(v))
    out.push({ key, label: label(entity, key), before: text(bv), after: text(av), kind: !b ? 'added' : !a ? 'removed' : 'changed' })
  }
  return out
}
