// The money pages' ratios (basis points; typed percentages parsed digit by digit into integers),
// industry codes and who may manage; amounts are shown and parsed by src/yuan.js.
import { bpToPercent } from '../../utils.js'
import { can, session } from '../../session.js'

// basis points -> "35.00%"
export function bpText(bp) {
  return `${bpToPercent(bp)}%`
}

// "33.33" -> 3333 basis points; null unless 0..100 with at most two decimals
export function percentToBp(text) {
  const s = String(text ?? '').trim().replace(/%$/, '')
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(s)
  if (!m) return null
  const bp = Number(m[1]) * 100 + Number((m[2] || '').padEnd(2, '0'))
  return bp <= 10000 ? bp : null
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
