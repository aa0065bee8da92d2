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
import {
  faultStatusName, faultDecisionName, faultEffectName, faultDistinctionName, faultSubjectName,
  leaderActionName, personEndName, personIdentityName, appointmentName, investStageName,
  buildingStatusName, matchOutcomeName,
} from '../../enums.js'
import { formatTime, bpToPercent } from '../../utils.js'
import { fenText } from '../../yuan.js'

// fields whose values are codes, by entity type (_: any); a list's elements and an object's
// fields inside a record are looked up under the record's entity type too
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
  idle_building: { kind: buildingKindName, status: buildingStatusName },
  space_match: { outcome: matchOutcomeName },
  enterprise: { scale: scaleName },
  arrangement: { kind: arrangementKindName },
  fault_case: { status: faultStatusName, decision: faultDecisionName, effect: faultEffectName, distinction: faultDistinctionName, subject_kind: faultSubjectName },
  leader_action: { kind: leaderActionName },
  person: { end_kind: personEndName, identity: personIdentityName, appointment: appointmentName },
  invest_project: { stage: investStageName, from_stage: investStageName, to_stage: investStageName },
}

// The fields that say which thing a record is about: shown even when the change kept them (a
// year's taxes replaced: which year).
const ID_KEYS = ['year', 'name', 'title', 'username', 'id']

// A number's unit by its field's name: 分 (_fen; amounts, a map of tax types to fen) shown as
// 元 with two decimals, 万分比 (_bp; shares, a map of tax types to basis points) as a
// percentage.
const unitOf = (key) => (/_fen$/.test(key) || key === 'amounts' ? 'fen' : /_bp$/.test(key) || key === 'shares' ? 'bp' : null)
const inUnit = (unit, v) => (unit === 'fen' ? `${fenText(v)} 元` : `${bpToPercent(v)}%`)

// A field naming an account by its id (closed_by, user_id) without its name beside: the name
// the record gives that id elsewhere (who acted, another field's _name twin), else 用户#id.
const userKey = (key) => /_by$/.test(key) || key === 'user_id'

// An account locked with no end (core/account.h: the year 9999) is locked for good.
const FOREVER = /^9999-/

// a what-if adopted (revshare_year "adopt_scenario"): its record's after is {config, scenario},
// compared with the year's configuration before field by field, the scenario's name beside
const unwrapAdopted = (entity, after) => (entity === 'revshare_year' && after && after.config && typeof after.config === 'object' ? { ...after.config, scenario: after.scenario } : after)

// a role change's "from": the account as it was, role, organization and scope in one
const fromText = (v, ctx) => (v && typeof v === 'object' ? `${roleName(v.role)}（${v.org_name || ''}，${dataScopeName(v.data_scope)}）` : valueText(v, ctx))

function label(entity, key) {
  for (const k of labelKeys(entity, key)) {
    const s = t(k)
    if (s !== k) return s
  }
  return key
}

// the name people know an element of a list by
const NAME_KEYS = ['name', 'org_name', 'filename', 'title', 'label', 'body', 'username']

// an element of a list as one line: by the name people know it by, else its fields
function itemText(v, ctx) {
  if (v === null || v === undefined) return ''
  if (typeof v !== 'object') return String(v)
  const k = NAME_KEYS.find((x) => typeof v[x] === 'string' && v[x] !== '')
  return k ? v[k] : objectLines(ctx, v).join('，')
}

// A value as text: 是/否 for booleans, a list joined by 、, an object by its name, an RFC 3339
// time in local time.
export function valueText(v, ctx = {}) {
  if (v === null || v === undefined || v === '') return ''
  if (typeof v === 'boolean') return v ? t('auditField.yes') : t('auditField.no')
  if (Array.isArray(v)) return v.map((x) => itemText(x, ctx)).join('、')
  if (typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(v)) return formatTime(v)
  return itemText(v, ctx)
}

// An object's fields as "label：value" lines, its keys tax types (amounts, shares) by their
// names, each value by the rules of its field; empty ones and those another says left out.
function objectLines(ctx, o, unit) {
  const has = (k) => k in o
  const out = []
  for (const key of Object.keys(o)) {
    if (hiddenKey(key, has)) continue
    const v = o[valueKey(key, has)]
    if (v === null || v === undefined || v === '' || (Array.isArray(v) && !v.length)) continue
    const tax = ctx.taxName && ctx.taxName(key)
    const name = tax || label(ctx.entity, key)
    const text = unit && typeof v === 'number' ? inUnit(unit, v) : fieldText(ctx, key, v, valueKey(key, has) !== key)
    out.push(`${name}：${text}`)
  }
  return out
}

function userText(ctx, id) {
  const name = ctx.users && ctx.users.get(Number(id))
  return name || t('auditField.userId', { id })
}

// A field's value as text by the rule of its kind. labelled: v is the field's Chinese label
// already (its _label twin's).
function fieldText(ctx, key, v, labelled = false) {
  if (labelled) return valueText(v, ctx)
  const entity = ctx.entity
  if (key === 'geojson' && v) return t('auditField.geometry')
  if (entity === 'role_change' && key === 'from') return fromText(v, ctx)
  const code = (CODES[entity] && CODES[entity][key]) || CODES._[key]
  if (code && typeof v === 'string') return code(v)
  const unit = unitOf(key)
  if (unit && typeof v === 'number') return inUnit(unit, v)
  if (userKey(key) && typeof v === 'number') return userText(ctx, v)
  if (typeof v === 'string' && FOREVER.test(v)) return t('auditField.forever')
  if (Array.isArray(v) && v.some((x) => x && typeof x === 'object')) return v.map((x) => itemText(x, ctx)).join('\n')
  if (v && typeof v === 'object' && !Array.isArray(v)) return objectLines(ctx, v, unit).join('\n')
  return valueText(v, ctx)
}

const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

// the ids and names of the accounts a record names: who acted (the record's user), and each
// field's id with its _name twin (closed_by with closed_by_name), at any depth
function userNames(rec, ...objects) {
  const m = new Map()
  if (rec && rec.user_id) m.set(Number(rec.user_id), rec.user_name || rec.username)
  const walk = (o) => {
    if (!o || typeof o !== 'object') return
    if (Array.isArray(o)) return o.forEach(walk)
    for (const [k, v] of Object.entries(o)) {
      if (userKey(k) && typeof v === 'number' && typeof o[`${k}_name`] === 'string' && o[`${k}_name`]) m.set(v, o[`${k}_name`])
      else if (v && typeof v === 'object') walk(v)
    }
  }
  objects.forEach(walk)
  return m
}

// A record that is a list (an assessment's values): an object of its elements by the key that
// names each (id, indicator_id, …; else its place), so that elements compare one by one.
const ELEMENT_KEYS = ['id', 'indicator_id', 'code', 'year']
function byElement(list) {
  const o = {}
  list.forEach((x, i) => {
    const k = x && typeof x === 'object' ? ELEMENT_KEYS.find((e) => x[e] !== undefined && x[e] !== null) : undefined
    o[k ? `${k}:${x[k]}` : `#${i + 1}`] = x
  })
  return o
}

function elementLabel(entity, key) {
  const m = /^([a-z_]+):(.*)$/.exec(key)
  return m ? `${label(entity, m[1])} ${m[2]}` : t('auditField.element', { n: key.slice(1) })
}

// [{key, label, before, after, kind}] for the record's entity type and its before/after
// objects (either may be null); kind is added, removed, changed or same (an identifying field
// the change kept). ctx: {rec: the audit record (who acted names an account id), taxName:
// code → a tax type's name or undefined}.
export function auditChanges(entity, before, after, ctx = {}) {
  const c = { ...ctx, entity, users: userNames(ctx.rec, before, after) }
  const listed = Array.isArray(before) || Array.isArray(after)
  const asObject = (v) => (Array.isArray(v) ? byElement(v) : v && typeof v === 'object' ? v : null)
  const b = before && typeof before === 'object' ? asObject(before) : null
  const a = after && typeof after === 'object' ? asObject(unwrapAdopted(entity, after)) : null
  const keys = [...new Set([...Object.keys(a || {}), ...Object.keys(b || {})])]
  const has = (k) => keys.includes(k)
  const out = []
  for (const key of keys) {
    if (!listed && hiddenKey(key, has)) continue
    const vk = listed ? key : valueKey(key, has)
    const bv = b ? b[vk] : undefined
    const av = a ? a[vk] : undefined
    const kept = b && a && same(bv, av)
    if (kept && !ID_KEYS.includes(key)) continue
    const empty = (v) => v === null || v === undefined || v === '' || (Array.isArray(v) && !v.length)
    if ((!b && empty(av)) || (!a && empty(bv)) || (kept && empty(av))) continue
    const text = (v) => (listed ? (v && typeof v === 'object' ? objectLines(c, v).join('\n') : valueText(v, c)) : fieldText(c, key, v, vk !== key))
    out.push({
      key,
      label: listed ? elementLabel(entity, key) : label(entity, key),
      before: text(bv),
      after: text(av),
      kind: kept ? 'same' : !b ? 'added' : !a ? 'removed' : 'changed',
    })
  }
  return out
}
