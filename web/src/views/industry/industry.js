// What the industry pages share: a leading industry's tags, and codes typed as one text.
import { futureName } from '../../enums.js'

// "新能源汽车产业", "未来能源": the tags a leading industry carries
export function leadTags(l) {
  return [l.sei_name, l.future ? futureName(l.future) : null].filter(Boolean)
}

// "3612, 384 3670" -> ["3612", "384", "3670"]
export function splitCodes(text) {
  return String(text || '')
    .split(/[\s,，、;；]+/)
    .filter(Boolean)
}
