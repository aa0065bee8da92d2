// Money as every page shows it (DECISIONS 268): amounts arrive as integers of fen, or as the
// server's exact yuan text (`_yuan`, of the e4 amounts of revenue sharing); shown as yuan with two
// decimals (or the server's decimals), grouped by thousands: "1,234,567.80". Nothing here does
// money arithmetic in floating point; typed amounts are parsed digit by digit into fen. Imports
// nothing, so that its unit tests (tests/web/yuan.test.js) run in node.

// "1234567.8925" -> "1,234,567.8925" (the server's exact text, grouped for reading); "" for none
export function groupYuan(text) {
  if (text === null || text === undefined || text === '') return ''
  const s = String(text)
  const neg = s.startsWith('-')
  const [whole, frac] = (neg ? s.slice(1) : s).split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${neg ? '-' : ''}${grouped}${frac !== undefined ? `.${frac}` : ''}`
}

// fen (an integer) -> "39,166.67"; "" for none (null, undefined)
export function fenText(fen) {
  if (fen === null || fen === undefined || fen === '') return ''
  const n = Number(fen) || 0
  const a = Math.abs(n)
  return groupYuan(`${n < 0 ? '-' : ''}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`)
}

// fen -> "1234.56" for an input box
export function fenInput(fen) {
  return fenText(fen).replace(/,/g, '')
}

// "1,234.5" -> 123450 fen; null when it is not an amount with at most two decimals
export function yuanToFen(text) {
  const s = String(text ?? '').replace(/[,\s，]/g, '')
  const m = /^(-)?(\d{1,13})(?:\.(\d{1,2}))?$/.exec(s)
  if (!m) return null
  const fen = Number(m[2]) * 100 + Number((m[3] || '').padEnd(2, '0'))
  return m[1] ? -fen : fen
}

// A chart's value of fen (fen / 100: a number for drawing only, never for sums shown)
export const chartOfFen = (fen) => (fen === null || fen === undefined ? null : fen / 100)

// The chart value of an exact yuan text
export function chartYuan(text) {
  return Number(text) || 0
}

// A chart tooltip's text of a value drawn from fen (chartOfFen) or from yuan text (chartYuan):
// the amount as fenText writes it, then the unit; "-" for a gap. ECharts' valueFormatter.
export function yuanTooltip(unit) {
  return (v) => (v === null || v === undefined || v === '-' ? '-' : `${fenText(Math.round(Number(v) * 100))} ${unit}`)
}
