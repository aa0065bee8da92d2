// Money on the money pages: amounts arrive as integers (fen) or as the server's exact yuan text,
// ratios as basis points; nothing here does money arithmetic in floating point. Typed amounts
// and percentages are parsed digit by digit into integers.
import { bpToPercent } from '../../utils.js'
import { can, session } from '../../session.js'

// "1234567.8925" -> "1,234,567.8925" (the server's exact text, grouped for reading)
export function groupYuan(text) {
  if (text === null || text === undefined || text === '') return ''
  const s = String(text)
  const neg = s.startsWith('-')
  const [whole, frac] = (neg ? s.slice(1) : s).split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${neg ? '-' : ''}${grouped}${frac !== undefined ? `.${frac}` : ''}`
}

// fen (an integer) -> "39,166.67"
export function fenText(fen) {
  const n = Number(fen) || 0
  const neg = n < 0
  const a = Math.abs(n)
  return groupYuan(`${neg ? '-' : ''}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`)
}

// basis points -> "35.00%"
export function bpText(bp) {
  return `${bpToPercent(bp)}%`
}

// "1,234.5" -> 123450 fen; null when it is not an amount with at most two decimals
export function yuanToFen(text) {
  const s = String(text ?? '').replace(/[,\s，]/g, '')
  const m = /^(-)?(\d{1,13})(?:\.(\d{1,2}))?$/.exec(s)
  if (!m) return null
  const fen = Number(m[2]) * 100 + Number((m[3] || '').padEnd(2, '0'))
  return m[1] ? -fen : fen
}

// fen -> "1234.56" for an input box
export function fenInput(fen) {
  return fenText(fen).replace(/,/g, '')
}

// "33.33" -> 3333 basis points; null unless 0..100 with at most two decimals
export function percentToBp(text) {
  const s = String(text ?? '').trim().replace(/%$/, '')
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(s)
  if (!m) return null
  const bp = Number(m[1]) * 100 + Number((m[2] || '').padEnd(2, '0'))
  return bp <= 10000 ? bp : null
}

// The chart value of an exact yuan text (a number for drawing only, never for sums shown)
export function chartYuan(text) {
  return Number(text) || 0
}

// GB/T 4754 tree from GET /api/industries -> el-cascader options down to the 小类
export function industryOptions(items) {
  return (items || []).map((n) => ({
    value: n.code,
    label: `${n.code} ${n.name}`,
    children: n.children && n.children.length ? industryOptions(n.children) : undefined,
  }))
}

// the cascader's path to a 小类: "3011" -> ["C", "30", "301", "3011"]
export function industryPath(items, code) {
  for (const n of items || []) {
    if (n.code === code) return [n.code]
    const sub = industryPath(n.children, code)
    if (sub) return [n.code, ...sub]
  }
  return null
}

// Whether the signed-in user may manage revenue sharing (configure, enter tax, compute, confirm,
// adopt): the role's permission and the organization's confirm_revenue capability, as the
// server decides it.
export function canManageRevenue() {
  return can('revshare_manage') && session.capabilities.includes('confirm_revenue')
}

// Whether the signed-in user may manage zone budgets (fiscal modes, imports, projects): the
// role's permission and the organization's manage_budget capability (art. 5's lead).
export function canManageBudget() {
  return can('budget_manage') && session.capabilities.includes('manage_budget')
}
