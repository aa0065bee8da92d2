// Merges a locale's module files ({'./shell.js': {...}, './reform.js': {...}}) into one messages
// object. Files may add keys to a namespace another file has too (route, menuGroup), but a key
// defined twice is an error, thrown at start-up, naming both files: no module can silently
// replace another's string.
export function mergeMessages(files) {
  const out = {}
  const owner = new Map() // dotted key -> the file that set it
  const walk = (target, src, prefix, file) => {
    for (const [k, v] of Object.entries(src)) {
      const key = prefix ? `${prefix}.${k}` : k
      if (v && typeof v === 'object') {
        if (typeof target[k] === 'string') throw new Error(`locale: ${key} is a string in ${owner.get(key)} and a group in ${file}`)
        target[k] ??= {}
        walk(target[k], v, key, file)
      } else {
        if (k in target) throw new Error(`locale: ${key} is defined in ${owner.get(key) || 'another file'} and in ${file}`)
        target[k] = v
        owner.set(key, file)
      }
    }
  }
  for (const file of Object.keys(files).sort()) walk(out, files[file], '', file)
  return out
}
