// The rows of the plan editor (components/MilestoneEditor.vue) and their way to and from the
// API: a row is a milestone being edited, with a client key; field errors are keyed
// "index.field" like the server's pointers /milestones/<index>/<field>.
import { t } from '../../i18n.js'

let nextKey = 1

export function newRow(from = {}) {
  return {
    _key: nextKey++,
    id: from.id ?? null,
    title: from.title ?? '',
    deliverable: from.deliverable ?? '',
    owner_org_id: from.owner_org_id ?? null,
    owner_person: from.owner_person ?? '',
    start_date: from.start_date ?? null,
    due_date: from.due_date ?? null,
    weight: from.weight ?? null,
  }
}

export const rowsFromPlan = (plan) => (plan.milestones || []).map((m) => newRow(m))

// The milestones of a POST /api/plans or PUT /api/plans/:id body, in the rows' order (so the
// server's /milestones/<i> pointers name the rows as shown).
export function rowsToBody(rows) {
  return rows.map((r) => {
    const m = {
      title: r.title.trim(),
      deliverable: r.deliverable.trim(),
      start_date: r.start_date || '',
      due_date: r.due_date || '',
      weight: Number(r.weight) || 0,
    }
    if (r.id) m.id = r.id
    if (r.owner_org_id) m.owner_org_id = r.owner_org_id
    if (r.owner_person && r.owner_person.trim()) m.owner_person = r.owner_person.trim()
    return m
  })
}

// What a comparison of two states of the editor needs.
export const rowsSnapshot = (rows) => JSON.stringify(rowsToBody(rows))

export const weightSum = (rows) => rows.reduce((s, r) => s + (Number(r.weight) || 0), 0)

// The checks that need no server: required cells. Fills errors; true when there is none. The
// server checks the rest (dates, their order, the weights' sum) and answers with a pointer.
export function checkRows(rows, errors) {
  const required = [
    ['title', 'plan.msTitle'],
    ['deliverable', 'plan.deliverable'],
    ['start_date', 'plan.startDate'],
    ['due_date', 'plan.dueDate'],
    ['weight', 'plan.weight'],
  ]
  let ok = true
  rows.forEach((r, i) => {
    for (const [field, label] of required) {
      const v = r[field]
      if (v === null || v === undefined || (typeof v === 'string' && !v.trim())) {
        errors[`${i}.${field}`] = t('plan.required', { name: t(label) })
        ok = false
      }
    }
  })
  return ok
}

export function clearCellErrors(errors) {
  for (const k of Object.keys(errors)) delete errors[k]
}

// A server error: "/milestones/2/due_date" goes to that cell (true); anything else is the
// plan's (false).
export function placeServerError(err, errors) {
  const m = /^\/milestones\/(\d+)\/(\w+)$/.exec(err && err.field ? err.field : '')
  if (!m) return false
  errors[`${m[1]}.${m[2]}`] = err.message
  return true
}
