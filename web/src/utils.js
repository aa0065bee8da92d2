// Small helpers shared by the pages: confirmations, server errors on form fields, formatting.
import { ElMessage, ElMessageBox } from 'element-plus'
import { t } from './i18n.js'
import { beijingTime } from './day.js'
import { isBlankText } from './text.js'

// Asks before a destructive action; resolves true when confirmed.
export async function confirmAction(message, opts = {}) {
  try {
    await ElMessageBox.confirm(message, opts.title || t('common.confirmTitle'), {
      confirmButtonText: t('common.confirm'),
      cancelButtonText: t('common.cancel'),
      type: opts.type || 'warning',
      customClass: 'kfq-confirm',
      closeOnClickModal: false,
    })
    return true
  } catch {
    return false
  }
}

// Asks for a text (a comment to go with 退回); resolves with it (trimmed), or null when
// cancelled. Without requiredMessage the text may stay empty.
export { isBlankText }

export async function promptText(message, title, requiredMessage) {
  try {
    const { value } = await ElMessageBox.prompt(message, title, {
      confirmButtonText: t('common.confirm'),
      cancelButtonText: t('common.cancel'),
      inputType: 'textarea',
      inputValidator: (v) => (!requiredMessage || !isBlankText(v) ? true : requiredMessage),
      customClass: 'kfq-prompt',
      closeOnClickModal: false,
    })
    return (value || '').trim()
  } catch {
    return null
  }
}

// "/name" -> "name", "/aliases/0" -> "aliases", "/new_password" -> "new_password".
export function pointerToProp(pointer) {
  if (!pointer || typeof pointer !== 'string') return null
  const first = pointer.replace(/^\//, '').split('/')[0]
  return first.replace(/~1/g, '/').replace(/~0/g, '~') || null
}

// Shows an API error: next to its form field when the field is one of `errors`' keys (a reactive
// object bound to the el-form-items' :error), else as a message. 401 is left to the redirect.
export function showError(err, errors) {
  if (!err) return
  if (err.status === 401 && err.code !== 'invalid_credentials') return
  const prop = pointerToProp(err.field)
  if (errors && prop && prop in errors) {
    errors[prop] = err.message
    return
  }
  ElMessage({ type: 'error', message: err.message || String(err), customClass: 'kfq-error-message', grouping: true })
}

// el-form rules that fields must be filled, checked before anything is sent: {prop: label} ->
// {prop: [rule]}, the message naming the field as its label does ("企业名称不能为空"). The
// server's own refusal names the JSON field (字段 uscc 不能为空白), which is for API clients.
// A value of any type counts (an id, a number, a date's text); blank text does not.
export function requiredRules(labels) {
  const blank = (v) => v === null || v === undefined || (typeof v === 'string' && isBlankText(v)) || (Array.isArray(v) && !v.length)
  const rule = (label) => ({
    required: true,
    trigger: 'blur',
    validator: (_rule, value, done) => done(blank(value) ? new Error(t('common.required', { name: label })) : undefined),
  })
  return Object.fromEntries(Object.entries(labels).map(([prop, label]) => [prop, [rule(label)]]))
}

export function clearErrors(errors) {
  for (const k of Object.keys(errors)) errors[k] = ''
}

// Submits a dialog's form: clears the server's last errors, validates, runs send() with busy
// set, and puts a refusal next to its field (or in a message). Resolves with send's answer, or
// null when the form or the server refused.
export async function submitForm(formRef, errors, busy, send) {
  clearErrors(errors)
  try {
    await formRef.value.validate()
  } catch {
    return null
  }
  busy.value = true
  try {
    return await send()
  } catch (e) {
    showError(e, errors)
    return null
  } finally {
    busy.value = false
  }
}

// ISO 8601 / RFC 3339 (or seconds) → "2026-11-28 11:00:00" in Beijing, whatever the browser's
// zone; a date alone as it is (day.js, DECISIONS 282).
export function formatTime(value) {
  return value ? beijingTime(value) : ''
}

// A Date → "2026-11-28T03:00:00Z" (UTC, no milliseconds).
export function toIsoSeconds(d) {
  if (!d) return ''
  return new Date(d).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

// Organizations (flat, with parent_id) → el-tree nodes {id, label, children, org}. A node
// whose parent is not in the list becomes a root. Siblings keep the server's order.
export function buildOrgTree(items) {
  const nodes = new Map()
  for (const o of items) nodes.set(o.id, { id: o.id, label: o.name, org: o, children: [] })
  const roots = []
  for (const o of items) {
    const n = nodes.get(o.id)
    const parent = o.parent_id != null ? nodes.get(o.parent_id) : null
    if (parent && parent !== n) parent.children.push(n)
    else roots.push(n)
  }
  return roots
}

// The ids of org `id` and everything below it.
export function subtreeIds(items, id) {
  const children = new Map()
  for (const o of items) {
    if (o.parent_id == null) continue
    if (!children.has(o.parent_id)) children.set(o.parent_id, [])
    children.get(o.parent_id).push(o.id)
  }
  const out = new Set([id])
  const stack = [id]
  while (stack.length) {
    for (const c of children.get(stack.pop()) || []) {
      if (!out.has(c)) {
        out.add(c)
        stack.push(c)
      }
    }
  }
  return out
}

export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text)
    ElMessage.success(t('common.copied'))
  } catch {
    ElMessage.warning(t('common.copyFailed'))
  }
}

// Organizations → el-tree-select data {value, label, children}.
export function orgTreeOptions(items) {
  const map = (nodes) => nodes.map((n) => ({ value: n.id, label: n.label, children: map(n.children) }))
  return map(buildOrgTree(items))
}

// Basis points → a percentage with two decimals, exactly: 5735 → "57.35".
export function bpToPercent(bp) {
  const n = Math.round(Number(bp) || 0)
  const sign = n < 0 ? '-' : ''
  const a = Math.abs(n)
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`
}

// Evidence files the server takes (core/filetype.c), and its upload cap.
export const EVIDENCE_EXTS = ['pdf', 'png', 'jpg', 'jpeg', 'gif', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'wps', 'et', 'dps', 'ofd']
export const EVIDENCE_MAX_BYTES = 20 * 1024 * 1024

export function fileExt(name) {
  const m = /\.([^./\\]+)$/.exec(name || '')
  return m ? m[1].toLowerCase() : ''
}

// How a file can be shown in the page: 'pdf' (pdf.js), 'image' (PNG, JPEG, GIF), or '' (Office,
// WPS, OFD: downloaded). From the type the server decided by the file's first bytes.
export function previewKind(file) {
  const mime = file && file.mime ? file.mime : ''
  if (mime === 'application/pdf') return 'pdf'
  if (/^image\/(png|jpeg|gif)$/.test(mime)) return 'image'
  return ''
}

export function formatSize(bytes) {
  const n = Number(bytes) || 0
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`
  return `${(n / 1024 / 1024).toFixed(1)} MB`
}

// The charts' font: the CJK fonts the console's pages use.
export const CHART_FONT = '"Noto Sans CJK SC", "Microsoft YaHei", sans-serif'

// A policy's name as every list shows it: the title, its version note (征求意见稿, 送审稿; the
// parenthesised lines under the title) and its 文号, where it has them.
export function policyName(p) {
  if (!p) return ''
  const note = p.title_note ? `（${p.title_note.split('\n').join('；')}）` : ''
  return `${p.title}${note}${p.doc_number ? ` ${p.doc_number}` : ''}`
}

// The names that tell the given policies apart: policyName, and where two still read the same
// (the same text imported without a note or number), when each was imported. Map id -> name.
export function policyLabels(policies) {
  const count = new Map()
  for (const p of policies) count.set(policyName(p), (count.get(policyName(p)) || 0) + 1)
  return new Map(
    policies.map((p) => {
      const name = policyName(p)
      return [p.id, count.get(name) > 1 ? `${name} · ${t('common.importedOn', { day: formatTime(p.created_at).slice(0, 16) })}` : name]
    }),
  )
}

// With several imported policies a page shows one at a time: the current one while it still
// exists, else the first; null with a single policy (no filter).
export function policyInView(policies, current) {
  if (policies.length <= 1) return null
  return policies.some((p) => p.id === current) ? current : policies[0].id
}

// Text for an HTML string (ECharts tooltips are HTML).
export const escapeHtml = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c])

// The width of a table column (class-name="whole") that shows each of `texts` on one line,
// whole: the widest in the table's font (14 px of the page's family) and the cell's padding
// (12 px a side) and border, and at least `min` (the header's room). Text measured by a canvas.
let measurer = null
export function fitWidth(texts, min) {
  if (!measurer) measurer = document.createElement('canvas').getContext('2d')
  measurer.font = `14px ${getComputedStyle(document.body).fontFamily}`
  let widest = 0
  for (const s of texts) if (s) widest = Math.max(widest, measurer.measureText(String(s)).width)
  return Math.max(min, Math.ceil(widest) + 2 * 12 + 2)
}

// Whole days from ISO date a to ISO date b (b - a), both YYYY-MM-DD.
export function daysBetween(a, b) {
  const da = Date.parse(`${a}T00:00:00Z`)
  const db = Date.parse(`${b}T00:00:00Z`)
  if (Number.isNaN(da) || Number.isNaN(db)) return 0
  return Math.round((db - da) / 86400000)
}
