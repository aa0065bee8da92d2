// 批量通过 on a review queue (plans, progress reports): asks for the one optional comment for
// all, calls the batch route (the server approves all or none) and says how many passed; a
// refusal names the row the server points at (/ids/N).
import { ElMessage } from 'element-plus'
import { t } from '../../i18n.js'
import { showError, promptText } from '../../utils.js'

// chosen: the selected rows; ns: the locale namespace of the page's texts (batchComment,
// batchTitle, batchDone, batchRefused); call(ids, comment): the route; name(row): the row in a
// refusal. Resolves true when the batch passed.
export async function approveBatch(chosen, ns, call, name) {
  const comment = await promptText(t(`${ns}.batchComment`, { n: chosen.length }), t(`${ns}.batchTitle`))
  if (comment === null) return false
  try {
    const res = await call(chosen.map((r) => r.id), comment)
    ElMessage.success(t(`${ns}.batchDone`, { n: (res.items || []).length }))
    return true
  } catch (e) {
    const at = /^\/ids\/(\d+)$/.exec(e.field || '')
    const row = at ? chosen[Number(at[1])] : null
    showError(row ? { ...e, message: t(`${ns}.batchRefused`, { row: name(row), why: e.message }), field: null } : e)
    return false
  }
}
