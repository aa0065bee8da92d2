// Days as the server counts them (DECISIONS 269): Beijing's (Asia/Shanghai, UTC+8 the year round
// since 1992), whatever zone the browser is in; a date's UTC text (toISOString) is the day before
// between 00:00 and 08:00 in Beijing. Imports nothing, so that its unit tests
// (tests/web/day.test.js) run in node; `now` (milliseconds) is for them.

const BEIJING_MS = 8 * 3600e3
const DAY_MS = 86400e3

// "YYYY-MM-DD" of the day `n` days after today in Beijing (today with n = 0)
export function beijingDate(n = 0, now = Date.now()) {
  return new Date(now + BEIJING_MS + n * DAY_MS).toISOString().slice(0, 10)
}

// "YYYY-MM" of the month `back` months before this one in Beijing
export function beijingMonthBefore(back, now = Date.now()) {
  const d = new Date(now + BEIJING_MS)
  const m = d.getUTCFullYear() * 12 + d.getUTCMonth() - back
  return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`
}
