// The powers module's enumerations on the client: values in the server's order, their Chinese
// names (locales/zh-CN/powers.js) and tag colours; and whom the signed-in user acts as.
import { t } from '../../i18n.js'
import { session } from '../../session.js'
import { powerApi } from '../../api.js'
import { everyPage } from '../../list.js'

export const POWER_KINDS = ['licensing', 'penalty', 'coercion', 'levy', 'payment', 'inspection', 'confirmation', 'reward', 'adjudication', 'other', 'public_service', 'filing']
export const POWER_MODES = ['direct', 'entrust', 'stationed', 'signboard', 'lead', 'agency']
export const ACTING_MODES = ['stationed', 'signboard', 'lead', 'agency']
export const POWER_STATUSES = ['proposed', 'declined', 'planned', 'delegated', 'accepted', 'not_ready', 'acting', 'revoked']
export const POWER_RESULTS = ['good', 'improve', 'revoke']
export const STATUS_TAG = { proposed: 'info', declined: 'info', planned: 'warning', delegated: 'primary', accepted: 'success', not_ready: 'danger', acting: 'warning', revoked: 'info' }
export const RESULT_TAG = { good: 'success', improve: 'warning', revoke: 'danger' }
export const DUTY_TAG = { draft: 'info', submitted: 'warning', approved: 'success', returned: 'danger', superseded: 'info' }

const named = (group, v) => (v ? t(`powers.${group}.${v}`) : '')
export const kindName = (v) => named('kinds', v)
export const modeName = (v) => named('modes', v)
export const statusName = (v) => named('statuses', v)
export const actionName = (v) => named('actions', v)
export const resultName = (v) => named('results', v)

// The steps each side may take in each state (core/power.h); the server decides in the end.
const DEPT_STEPS = { proposed: ['accept_proposal', 'decline'], planned: ['delegate'], delegated: ['revoke'], accepted: ['revoke'], not_ready: ['act', 'revoke'], acting: ['reassess', 'revoke'] }
const ZONE_STEPS = { delegated: ['accept', 'not_ready'] }

// The steps the signed-in user may offer on an entry: the department's when its organization
// holds delegate_power and is the power's department; the zone's when it is that zone.
export function stepsFor(row) {
  const me = session.user?.org_id
  const out = []
  if (me === row.power.dept_org_id && session.capabilities.includes('delegate_power')) out.push(...(DEPT_STEPS[row.status] || []))
  if (me === row.zone_org_id) out.push(...(ZONE_STEPS[row.status] || []))
  return out
}

// The filters' and forms' choices: every zone and city department whatever the caller's scope,
// and the catalogue (every page of it).
export async function powerChoices() {
  const [os, ps] = await Promise.all([powerApi.orgs(), everyPage(powerApi.catalogue)])
  const orgs = os.items || []
  return { orgs, zones: orgs.filter((o) => o.type === 'zone'), depts: orgs.filter((o) => o.type === 'city_department'), powers: ps }
}

export const mayDelegate = () => session.capabilities.includes('delegate_power')
export const mayPublish = () => session.capabilities.includes('publish_power_list')
export const mayApproveDuty = () => session.capabilities.includes('approve_duty_list')

// 562 -> "5.62"
export const days100 = (v) => (v == null ? '' : (v / 100).toFixed(2))
// a period's average working days over its cases done ({done, avg_days_x100}), or "—" without one
export const avgDays = (f) => (f.done > 0 ? days100(f.avg_days_x100) : '—')
// basis points -> "92.31%", or "—" without a rate
export const rate = (bp) => (bp == null || bp < 0 ? '—' : `${(bp / 100).toFixed(2)}%`)
