// What the platform-company pages share: who may keep companies (the zone its own; an
// organization holding supervise_platform every zone's, as the server decides it) and the
// tag colour of a risk level.
import { can, session } from '../../session.js'
import { t } from '../../i18n.js'
import { bpText } from '../money/money.js'

export function canSupervise() {
  return can('platform_write') && session.capabilities.includes('supervise_platform')
}

export function canWrite() {
  return can('platform_write') && (session.user?.role === 'zone' || canSupervise())
}

export const LEVEL_TAG = { normal: 'success', warning: 'warning', key: 'danger' }

// one indicator's reading of a year's figures (readings as the API sends them)
export const reading = (sheet, code) => sheet.readings.find((r) => r.indicator === code)

// a reading's value as a percentage, a dash where there is none (no positive denominator)
export const valueText = (r) => (r.value_bp === null ? t('platform.noValue') : bpText(r.value_bp))
