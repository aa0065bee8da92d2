// The import preview corrected before import, as a clerk corrects a table in WPS or Excel: in the
// preview of a five-item 分工方案 the office renames item 1 and sets its misread deadline, drops
// item 2, splits item 3 at its second clause and gives each piece its lead (the parser found
// none: 负责部门 is responsible), merges items 4 and 5; a title left empty is refused by the
// server with its message on the row; then the four corrected tasks are imported and listed, and
// the import's message and its audit record say what was changed (导入时修改). Guiding units
// (（A、B指导）) show in the preview and on the imported task.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { startServer, ROOT } from './server.js'
import { openBrowser, login, logout, shot, sel, testWithShots, columnTexts, RUN } from './helpers.js'

const OFFICE = { username: 'office1', password: 'Office#Passw0rd1', org: '市商务局', role: 'office', displayName: '改革办王主任' }
const AUDITOR = { username: 'auditor1', password: 'Audit#Passw0rd12', org: '市审计局', role: 'auditor', displayName: '审计员' }
// what the corrections below change against the parse: item 1's name and deadline, the split's
// two leads (the first piece's 市数据局 no longer responsible), the split, the merge, item 2
const CHANGES = '标题1处、牵头单位2处、责任单位1处、完成时限1处、合并1处、拆分1处、删除1处'
// made unique per run (a reused database keeps earlier imports)
const TEXT = Buffer.concat([
  fs.readFileSync(path.join(ROOT, 'tests/data/policy-sample-deadlines.txt')),
  Buffer.from(`\n（界面测试批次：${RUN}）\n`),
])

// The values of the rows' text cells (el-input, whose native input carries the data-test).
const cellValues = (page, test) => page.locator(sel(test)).evaluateAll((els) => els.map((e) => e.value))

// Picks one more organization in a row's cell (test: policy-row-lead or policy-row-responsible):
// a click opens the cell's picker, the name is typed and its node checked; a click outside
// closes it and the cell shows the organizations again.
async function checkOrg(page, row, test, name) {
  await row.locator(sel(test)).click()
  const select = row.locator(`.el-select${sel(`${test}-select`)}`)
  await page.locator('.el-select-dropdown:visible').waitFor()
  await select.locator('input').first().fill(name)
  await page.locator('.el-select-dropdown:visible .el-tree-node__content', { hasText: name }).first().click()
  await select.locator('.el-tag', { hasText: name }).waitFor()
  await page.locator('.el-dialog:visible .el-dialog__title').first().click()
  await row.locator(sel(test), { hasText: name }).waitFor()
}

describe('the import preview corrected before import', () => {
  let server
  let b
  const it = testWithShots(test, () => b?.page)

  before(async () => {
    server = await startServer({ name: 'policy-preview', users: [OFFICE, AUDITOR] })
    b = await openBrowser(server.url)
  })

  after(async () => {
    if (b) await b.close()
    if (server) await server.stop()
  })

  it('the office renames, drops, splits and merges items, then imports the corrected tasks', async () => {
    const { page, watcher } = b
    await login(page, watcher, OFFICE.username, OFFICE.password)
    await page.locator(sel('menu-tasks')).click()
    await page.locator(sel('policy-import')).click()
    await page.locator(`${sel('policy-file')} input[type=file]`).setInputFiles({ name: 'policy-sample-deadlines.txt', mimeType: 'text/plain', buffer: TEXT })
    await page.locator(sel('policy-preview')).waitFor()
    await page.locator(`${sel('policy-row-title')}`).first().waitFor()
    assert.deepEqual(await cellValues(page, 'policy-row-title'), ['聚焦主责主业', '明确职责边界', '完善赋权机制', '健全财力分成机制', '完善考核评价体系'])
    assert.deepEqual(await cellValues(page, 'policy-row-deadline'), ['2025年12月底前', '上半年', '第三季度', '2026年6月底前', '每年'])
    assert.deepEqual(await columnTexts(page, 'policy-preview-deadline'), ['2025-12-31', '2025-06-30', '2025-09-30', '2026-06-30'])
    const rows = page.locator(`${sel('policy-preview-tasks')} .el-table__body-wrapper .el-table__row`)

    // item 1: its name and its deadline
    await rows.nth(0).locator(`${sel('policy-row-title')}`).fill('聚焦主责主业，明确主导产业')
    await rows.nth(0).locator(`${sel('policy-row-deadline')}`).fill('2025年11月底前')
    await page.locator(sel('policy-preview-edited')).waitFor()
    // item 2 dropped
    await rows.nth(1).locator(sel('policy-row-drop')).click()
    // item 3 split before 实行“一区一单”…, the new task named by its first phrase
    await rows.nth(1).locator(sel('policy-row-split')).click()
    const split = page.locator(sel('policy-split-dialog'))
    await split.waitFor()
    assert.deepEqual((await split.locator(sel('policy-split-at')).allInnerTexts()).map((s) => s.trim()), ['实行“一区一单”差异化管理。'])
    assert.equal(await split.locator(`${sel('policy-split-title')}`).inputValue(), '实行“一区一单”差异化管理')
    await shot(page, 'policy-preview-split')
    await split.locator(sel('policy-split-confirm')).click()
    await split.waitFor({ state: 'hidden' })
    // the pieces' leads, then items 4 and 5 as one task
    await checkOrg(page, rows.nth(1), 'policy-row-lead', '市数据局')
    await checkOrg(page, rows.nth(2), 'policy-row-lead', '市委编办')
    await rows.nth(3).locator(sel('policy-row-merge')).click()
    assert.deepEqual(await cellValues(page, 'policy-row-title'), ['聚焦主责主业，明确主导产业', '完善赋权机制', '实行“一区一单”差异化管理', '健全财力分成机制'])
    await shot(page, 'policy-preview-corrected')

    // a name left empty: the server's message on the row it names
    watcher.allow('POST', '/api/policies/corrected', 400)
    await rows.nth(2).locator(`${sel('policy-row-title')}`).fill('')
    await page.locator(sel('policy-import-confirm')).click()
    const error = page.locator(sel('policy-import-error'))
    await error.waitFor()
    assert.equal((await error.innerText()).trim(), '第3项：请填写任务名称')
    await page.locator(`${sel('policy-preview-tasks')} .row-error`).waitFor()
    await rows.nth(2).locator(`${sel('policy-row-title')}`).fill('实行“一区一单”')

    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/policies/corrected') && r.request().method() === 'POST' && r.status() !== 400),
      page.locator(sel('policy-import-confirm')).click(),
    ])
    assert.equal(res.status(), 201)
    await page.locator('.el-message--success', { hasText: `导入时修改：${CHANGES}` }).waitFor()
    await page.locator(sel('policy-preview')).waitFor({ state: 'hidden' })
    await page.locator(sel('task-total'), { hasText: '共 4 条' }).waitFor()
    assert.deepEqual(await columnTexts(page, 'task-row-title'), ['聚焦主责主业，明确主导产业', '完善赋权机制', '实行“一区一单”', '健全财力分成机制'])
    await shot(page, 'policy-preview-imported')
    watcher.assertClean()
  })

  // 国办发〔2018〕128号's sentences as written (ZhouYNF/platform-1 db/ge_policy_raw20190217.sql
  // @2197df55, row 7), items renumbered: who guides is shown, imported and on the task's page
  it('guiding units (指导) show in the preview and on the imported task', async () => {
    const { page, watcher } = b
    const guides = Buffer.from(
      '“无废城市”建设试点工作方案\n' +
      '（一）实施工业绿色生产，推动大宗工业固体废物贮存处置总量趋零增长。全面实施绿色开采，减少矿业固体废物产生和贮存处置量。（自然资源部、工业和信息化部指导）\n' +
      '（二）发展“互联网+”固体废物处理产业。推广回收新技术新模式，鼓励生产企业与销售商合作，优化逆向物流体系建设。（商务部指导，供销合作总社参与）\n' +
      `（界面测试批次：${RUN}）\n`)
    await page.locator(sel('policy-import')).click()
    await page.locator(`${sel('policy-file')} input[type=file]`).setInputFiles({ name: 'wufei.txt', mimeType: 'text/plain', buffer: guides })
    await page.locator(sel('policy-preview')).waitFor()
    assert.deepEqual(await columnTexts(page, 'policy-row-guide'), [
      '指导：自然资源部、工业和信息化部（原文，不对应机构）',
      '指导：商务部（原文，不对应机构）',
    ])
    await shot(page, 'policy-preview-guides')
    await page.locator(sel('policy-import-confirm')).click()
    await page.locator(sel('policy-preview')).waitFor({ state: 'hidden' })
    await page.locator(sel('task-row-title'), { hasText: '实施工业绿色生产' }).click()
    await page.locator(sel('task-guide-units'), { hasText: '自然资源部、工业和信息化部' }).waitFor()
    watcher.assertClean()
  })

  it('the audit log says what the office changed in the corrected import, and nothing of the plain one', async () => {
    const { page, watcher } = b
    await logout(page)
    await login(page, watcher, AUDITOR.username, AUDITOR.password)
    await page.goto(`${server.url}/audit?entity_type=policy`)
    const rows = page.locator(`${sel('audit-table')} .el-table__body-wrapper .el-table__row`)
    await rows.nth(1).waitFor()
    const changes = async (n) => {
      await rows.nth(n).locator(sel('audit-detail')).click()
      await page.locator(sel('audit-changes')).waitFor()
      const out = await page.locator(`${sel('audit-changes')} .el-table__row`).evaluateAll((trs) =>
        Object.fromEntries(trs.map((tr) => [tr.querySelector('[data-test="audit-change-field"]').textContent.trim(), tr.querySelector('[data-test="audit-change-after"]').textContent.trim()])))
      await page.keyboard.press('Escape')
      await page.locator(sel('audit-drawer')).waitFor({ state: 'hidden' })
      return out
    }
    // newest first: the guiding units' plain import, then the corrected one
    assert.equal('导入时修改' in (await changes(0)), false)
    assert.equal((await changes(1))['导入时修改'], CHANGES)
    watcher.assertClean()
  })
})
