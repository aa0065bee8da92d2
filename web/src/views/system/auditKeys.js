// Which fields of an audit record a comparison shows, and where each one's Chinese label is
// looked up. Pure and without imports, so that the API tests can check, on a demo database,
// that every entity and field the server writes reads in Chinese (tests/api/audit_labels.test.js).

// The locale keys tried, in order, for the label of an entity's field: the entity's own, the
// shared one (auditField._), then that of the field's label twin (kind_label for kind).
export const labelKeys = (entity, key) => [`auditField.${entity}.${key}`, `auditField._.${key}`, `auditField.${entity}.${key}_label`]

// A field another field of the same record already says for people: an id beside its name
// (org_id and org_name, closed_by and closed_by_name), a code's Chinese label beside the code
// (kind_label: shown as kind's value), a raw unit beside its display value (area_m2x100 beside
// area_m2, base_e4 and returned_fen beside base_yuan and returned_yuan).
export function hiddenKey(key, has) {
  if (has(`${key}_name`)) return true
  const cut = (suffix) => (key.endsWith(suffix) ? key.slice(0, -suffix.length) : null)
  const id = cut('_id')
  if (id && has(`${id}_name`)) return true
  const label = cut('_label')
  if (label && has(label)) return true
  const x100 = cut('x100')
  if (x100 && has(x100)) return true
  const raw = cut('_e4') || cut('_fen')
  return !!raw && has(`${raw}_yuan`)
}

// The field whose value stands for key's: its Chinese label when the record has one.
export const valueKey = (key, has) => (has(`${key}_label`) ? `${key}_label` : key)
