// Whether the user asked the system for less motion (prefers-reduced-motion): the charts then
// draw at once instead of growing into place; styles.css does the same for the rest.
export function reducedMotion() {
  return typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true
}

// An ECharts option as given, without its animation for such a user.
export function chartOption(option) {
  return reducedMotion() ? { ...option, animation: false } : option
}
