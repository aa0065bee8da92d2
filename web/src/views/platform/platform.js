// What the platform-company pages share: who may keep companies (the zone its own; an
// organization holding supervise_platform every zone's, as the server decides it) and the
// tag colour of a risk level.
import { can, session } from '../../session.js'

export function canSupervise() {
  return can('platform_write') && session.capabilities.includes('supervise_platform')
}

export function canWrite() {
  return can('platform_write') && (session.user?.role === 'zone' || canSupervise())
}

export const LEVEL_TAG = { normal: 'success', warning: 'warning', key: 'danger' }
