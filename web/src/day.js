// Days as the server counts them (DECISIONS 269): Beijing's (Asia/Shanghai, UTC+8 the year round
// since 1992), whatever zone the browser is in; a date's UTC text (toISOString) is the day before
// between 00:00 and 08:00 in Beijing. Times are shown in Beijing too, and a Beijing wall-clock
// time picked is sent as the instant it is there (DECISIONS 282). Imports nothing, so that its
// unit tests (tests/web/day.test.js) run in node; `now` (milliseconds) is for them.

const BEIJING_MS = 8 * 3600e3
const DAY_MS = 86400e3

// "YYYY-MM-DD" of the day `n` days after today in Beijing (today with n = 0)
export function beijingDate(n = 0, now = Date.now()) {
  return new Date(now + BEIJING_MS + n * DAY_MS).toISOString().slice(0, 10)
}

// "YYYY-MM-DD" of a date picker's day: the picker hands the day it shows as local midnight
export function pickedDay(d) {
  const pad = (n) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

// "YYYY-MM" of the month `back` months before this one in Beijing
export function beijingMonthBefore(back, now = Date.now()) {
  const d = new Date(now + BEIJING_MS)
  const m = d.getUTCFullYear() * 12 + d.getUTCMonth() - back
  return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`
}

// An instant (RFC 3339 text, or seconds since 1970) as "2026-11-28 11:00:00" in Beijing; a date
// alone ("2026-11-28") is a day, not an instant, and comes back as it is; '' for nothing, and
// text that is not a time as it is.
export function beijingTime(value) {
  if (value === null || value === undefined || value === '') return ''
  if (typeof value === 'string' && /^\d{4}-\d\d-\d\d$/.test(value)) return value
  const ms = typeof value === 'number' ? value * 1000 : Date.parse(value)
  if (Number.isNaN(ms)) return String(value)
  // the end of time (9999-12-31T23:59:59Z, an administrator's lock) stays in year 9999
  const s = new Date(Math.min(ms + BEIJING_MS, Date.UTC(9999, 11, 31, 23, 59, 59))).toISOString()
  return `${s.slice(0, 10)} ${s.slice(11, 19)}`
}

// A Beijing wall-clock time "2026-11-28 00:00:00" as the RFC 3339 UTC instant it is
// ("2026-11-27T16:00:00Z"); '' for anything else.
export function beijingToUtc(text) {
  const m = /^(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d:\d\d)$/.exec(text || '')
  const ms = m ? Date.parse(`${m[1]}T${m[2]}+08:00`) : NaN
  return Number.isNaN(ms) ? '' : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}
