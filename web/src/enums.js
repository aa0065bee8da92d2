// The API's enumerations: their values in the server's order, their names (labels from the
// locale's `enums` namespace, the value itself when the locale does not know it) and the
// Element Plus tag type each status is shown with. What a role may do is not here: the server
// says so in GET /api/session (permissions) and GET /api/roles.
import { t } from './i18n.js'

function named(group, value) {
  if (value == null || value === '') return ''
  const key = `enums.${group}.${value}`
  const s = t(key)
  return s === key ? String(value) : s
}

// a what-if compares at most this many scenarios besides the current one (core/scenario.h)
export const SCENARIO_MAX = 10
export const ROLES = ['admin', 'office', 'department', 'zone', 'county', 'supervisor', 'auditor', 'security']
export const ORG_TYPES = ['city_department', 'county', 'zone', 'platform_company', 'supervisory_body']
export const ZONE_LEVELS = ['national', 'provincial', 'municipal']
export const DATA_SCOPES = ['all', 'org', 'org_and_below', 'custom', 'self']
export const PLAN_STATUSES = ['draft', 'submitted', 'approved', 'returned']
export const REPORT_STATES = ['submitted', 'accepted', 'returned']
// a task's progress over the plans the caller sees
export const TASK_STATES = ['not_started', 'in_progress', 'overdue', 'done']
// milestone states as the server computes them, in its order of precedence
export const MS_STATES = ['done', 'done_late', 'overdue', 'due_soon', 'stale', 'on_track']
// a milestone's (and a progress report's) own status
export const MS_STATUSES = ['not_started', 'in_progress', 'done', 'blocked']
export const NOTICE_STATUSES = ['draft', 'open', 'received', 'replied', 'escalated', 'closed']
// consultations (征求意见): states, channels of comments, dispositions
export const CONSULT_STATES = ['draft', 'upcoming', 'open', 'closed', 'published']
export const CHANNELS = ['web', 'email', 'phone', 'letter', 'meeting', 'department']
export const DISPOSITIONS = ['adopted', 'partly', 'rejected', 'explained']
// a role change waiting for the security officer, and its outcomes
export const ROLE_CHANGE_STATUSES = ['pending', 'confirmed', 'rejected', 'superseded']
// what a 督办单 may concern
export const NOTICE_ENTITY_TYPES = ['task', 'milestone', 'plan', 'org']
export const ENTERPRISE_SCALES = ['above', 'below']
// 区中园 飞地 托管
export const ARRANGEMENT_KINDS = ['park_in_park', 'enclave', 'trusteeship']
// a revenue-sharing statement's
export const STATEMENT_STATUSES = ['draft', 'confirmed']
// the roster (core/enums.c): a person's identity, appointment, how they left
export const PERSON_IDENTITIES = ['civil_servant', 'civil_servant_ref', 'institution', 'enterprise', 'contract']
export const APPOINTMENTS = ['appointed', 'hired']
export const PERSON_ENDS = ['returned', 'secondment_over', 'left']
// performance pay: a zone's grade of the year, a distribution plan's filing
export const PAY_GRADES = ['excellent', 'good', 'fair', 'poor']
export const PAY_PLAN_STATUSES = ['draft', 'filed', 'returned', 'effective']
// a parcel's finding (core/land.h), most severe first, and the land's other closed sets
export const LAND_STATUSES = ['idle', 'unused', 'underused', 'unproduced', 'substandard', 'normal']
export const LAND_USES = ['industrial', 'warehouse', 'commercial', 'residential', 'public', 'other']
export const LAND_HANDLINGS = ['idle_fee', 'reclaim', 'negotiate', 'agreement_transfer', 'surplus_land_transfer', 'surplus_building_lease', 'rectify']
export const LAND_CASE_STATUSES = ['open', 'closed']

export const roleName = (x) => named('role', x)
export const orgTypeName = (x) => named('orgType', x)
export const zoneLevelName = (x) => named('zoneLevel', x)
export const dataScopeName = (x) => named('dataScope', x)
export const planStatusName = (x) => named('planStatus', x)
export const revisionStatusName = (x) => named('revisionStatus', x)
export const taskStateName = (x) => named('taskState', x)
export const unitSourceName = (x) => named('unitSource', x)
export const msStateName = (x) => named('msState', x)
export const msStatusName = (x) => named('msStatus', x)
export const reportStateName = (x) => named('reportState', x)
export const noticeStatusName = (x) => named('noticeStatus', x)
export const noticeEntityName = (x) => named('noticeEntity', x)
export const inboxKindName = (x) => named('inboxKind', x)
export const roleChangeStatusName = (x) => named('roleChangeStatus', x)
export const consultStateName = (x) => named('consultState', x)
export const channelName = (x) => named('channel', x)
export const dispositionName = (x) => named('disposition', x)
export const landStatusName = (x) => named('landStatus', x)
export const landUseName = (x) => named('landUse', x)
export const landHandlingName = (x) => named('landHandling', x)
export const landCaseStatusName = (x) => named('landCaseStatus', x)
export const landWhereName = (x) => named('landWhere', x)
export const buildingKindName = (x) => named('buildingKind', x)
export const buildingStatusName = (x) => named('buildingStatus', x)
export const matchOutcomeName = (x) => named('matchOutcome', x)
// a permission bit's name as GET /api/session and GET /api/roles send it
export const permissionName = (x) => named('permission', x)
export const scaleName = (x) => named('enterpriseScale', x)
export const arrangementKindName = (x) => named('arrangementKind', x)
export const statementStatusName = (x) => named('statementStatus', x)
export const personIdentityName = (x) => named('personIdentity', x)
export const appointmentName = (x) => named('appointment', x)
export const personEndName = (x) => named('personEnd', x)
export const payGradeName = (x) => named('payGrade', x)
export const payPlanStatusName = (x) => named('payPlanStatus', x)

// Element Plus tag types of the states.
export const MS_STATE_TAG = { done: 'success', done_late: 'warning', overdue: 'danger', due_soon: 'warning', stale: 'info', on_track: 'primary', closed: 'info', off_task: 'info' }
export const TASK_STATE_TAG = { not_started: 'info', in_progress: 'primary', overdue: 'danger', done: 'success' }
export const PLAN_STATUS_TAG = { draft: 'info', submitted: 'warning', approved: 'success', returned: 'danger' }
export const REPORT_STATE_TAG = { submitted: 'warning', accepted: 'success', returned: 'danger' }
export const NOTICE_STATUS_TAG = { draft: 'info', open: 'warning', received: 'primary', replied: 'primary', escalated: 'danger', closed: 'success' }
export const CONSULT_STATE_TAG = { draft: 'info', upcoming: 'warning', open: 'success', closed: 'danger', published: 'primary' }
export const DISPOSITION_TAG = { adopted: 'success', partly: 'primary', rejected: 'danger', explained: 'info' }
export const PAY_PLAN_STATUS_TAG = { draft: 'info', filed: 'warning', returned: 'danger', effective: 'success' }
export const LAND_STATUS_TAG = { idle: 'danger', unused: 'warning', underused: 'warning', unproduced: 'warning', substandard: 'info', normal: 'success' }
// the map's colours of the findings (and the boundary's)
export const LAND_STATUS_COLOR = { idle: '#f56c6c', unused: '#e6a23c', underused: '#d4a017', unproduced: '#b88230', substandard: '#909399', normal: '#67c23a' }
// 腾笼换鸟: idle buildings and their matches (core/enums.c)
export const BUILDING_KINDS = ['factory', 'office']
export const BUILDING_STATUSES = ['vacant', 'reused']
export const BUILDING_STATUS_TAG = { vacant: 'warning', reused: 'success' }
export const MATCH_OUTCOMES = ['leased', 'sold', 'declined']
export const MATCH_OUTCOME_TAG = { pending: 'info', leased: 'success', sold: 'success', declined: 'danger' }
// 亩均效益 classes A–D (core/mujun.h) and their colours on the map and tags
export const MUJUN_CLASSES = ['A', 'B', 'C', 'D']
export const MUJUN_CLASS_COLOR = { A: '#67c23a', B: '#409eff', C: '#e6a23c', D: '#f56c6c' }
export const MUJUN_CLASS_TAG = { A: 'success', B: 'primary', C: 'warning', D: 'danger' }
export const LAND_CASE_STATUS_TAG = { open: 'warning', closed: 'success' }
export const ROLE_CHANGE_STATUS_TAG = { pending: 'warning', confirmed: 'success', rejected: 'danger', superseded: 'info' }
export const STATEMENT_STATUS_TAG = { draft: 'warning', confirmed: 'success' }

// Red/amber/green status marks (components/StatusMark.vue): what each state stands for.
export const MS_STATE_MARK = { overdue: 'red', due_soon: 'amber', stale: 'amber', done_late: 'amber', on_track: 'green', done: 'green', closed: 'grey', off_task: 'grey' }
export const TASK_STATE_MARK = { overdue: 'red', not_started: 'amber', in_progress: 'green', done: 'green' }
// a to-do's level (the server's) as a mark
export const LEVEL_MARK = { danger: 'red', warning: 'amber', success: 'green', info: 'grey' }
// a zone in the ranking: red with late milestones, amber without a plan yet, else green
export const zoneMark = (z) => (z.overdue > 0 ? 'red' : z.plans === 0 ? 'amber' : 'green')
export const MARK_COLOR = { red: '#f56c6c', amber: '#e6a23c', green: '#67c23a', grey: '#909399' }

// industry plans and the investment pipeline (core/industry_plan.h, core/invest.h)
export const FUTURE_DIRECTIONS = ['manufacturing', 'information', 'materials', 'energy', 'space', 'health']
export const PLAN_EXCEPTIONS = ['none', 'pending', 'approved']
export const PLAN_EXCEPTION_TAG = { none: 'info', pending: 'warning', approved: 'success' }
export const INVEST_STAGES = ['talks', 'signed', 'landed', 'started', 'producing', 'full']
export const futureName = (x) => named('futureDirection', x)
export const planExceptionName = (x) => named('planException', x)
export const investStageName = (x) => named('investStage', x)
// 容错免责 (art. 18) and art. 15's records
export const FAULT_DISTINCTIONS = ['trial_inexperience', 'trial_knowing', 'exploration_unrestricted', 'exploration_defiance', 'development_unintended', 'development_self_gain']
export const FAULT_DECISIONS = ['exempt', 'reduced', 'refused']
export const FAULT_DECISION_TAG = { exempt: 'success', reduced: 'warning', refused: 'danger' }
export const FAULT_EFFECTS = ['none', 'waive_deduction', 'leader_kept']
export const LEADER_ACTIONS = ['promote', 'adjust', 'kept']
export const faultDistinctionName = (x) => named('faultDistinction', x)
export const faultDecisionName = (x) => named('faultDecision', x)
export const faultEffectName = (x) => named('faultEffect', x)
export const faultStatusName = (x) => named('faultStatus', x)
export const faultSubjectName = (x) => named('faultSubject', x)
export const leaderActionName = (x) => named('leaderAction', x)
