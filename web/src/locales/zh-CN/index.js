// All Simplified Chinese strings of the web console: one file per module (shell.js, enums.js,
// reform.js, system.js, and the next module's X.js beside them), merged into one messages
// object. Keys are dotted paths used with t('a.b'); {name} placeholders are filled from t()'s
// second argument. An English locale would be a sibling directory with the same files.
import { mergeMessages } from '../merge.js'

const files = import.meta.glob(['./*.js', '!./index.js'], { eager: true, import: 'default' })

export default mergeMessages(files)
