// t('key.path', {param}) over the active locale (Simplified Chinese for now): the messages of
// locales/zh-CN/, one file per module. Unknown keys come back as the key itself. The names of
// the API's enumerations are read through enums.js.
import zhCN from './locales/zh-CN/index.js'

const locales = { 'zh-CN': zhCN }
let current = 'zh-CN'

export function setLocale(name) {
  if (locales[name]) current = name
}

export function t(key, params) {
  let v = locales[current]
  for (const part of key.split('.')) {
    if (v == null || typeof v !== 'object' || !(part in v)) return key
    v = v[part]
  }
  if (typeof v !== 'string') return key
  if (!params) return v
  return v.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m))
}
