// Zone budgets in the browser, on the demo's 2025 budgets (`kfq demo`: every sample zone's
// accounts of four 类, the first two zones 独立核算 with their approval, a project each): the
// finance bureau (市财政局) sees every zone's execution rate and the chart, records a zone's
// approval, imports a year's accounts (a bad file's rows named first), opens a zone's accounts
// subject by subject and the projects' grades; a zone sees its own budget only, with nothing to
// change; a project the bureau grades 差 waits in the zone's 我的待办 and inbox, the tile opening
// the zone's poor projects. The demo's rates: 123,120,000 of 130,600,000 yuan = 9427 bp in every zone (each is
// the first scaled evenly); 201: 17,950,000 of 18,600,000 = 9651 bp.
import { describe, test as nodeTest, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer } from './server.js'
import { createRequire } from 'node:module'
import { openBrowser, login, logout, pickOption, shot, sel, testWithShots, todoCount, chartTip, confirmBox } from './helpers.js'

const require = createRequire(import.meta.url)
const { writeXlsx } = require('../api/xlsx.js')

const ZONE = { username: 'zone1', password: 'Zone#Passw0rd12', org: '抚顺经济开发区（示例）', role: 'zone', displayName: '经开区财政局' }
const FINANCE = { username: 'finance1', password: 'Finance#Passw0rd1', org: '市财政局', role: 'department', displayName: '财政局预算科' }
const ECON = '抚顺经济开发区（示例）'
const HEADER = ['开发区', '年度', '类型', '科目编码', '科目名称', '金额（元）']

describe('zone budgets', () => {
  let server
  let b
  const test = testWithShots(nodeTest, () => b?.page)

  before(async () => {
    server = await startServer({ name: 'budget', demo: true, users: [ZONE, FINANCE] })
  })

  after(async () => {
    if (b) await b.close()
    if (server) await server.stop()
  })

  test('the finance bureau: every zone\'s execution, an approval recorded, a year imported', async () => {
    b = await openBrowser(server.url)
    const { page, watcher } = b
    await login(page, watcher, FINANCE.username, FINANCE.password)
    await page.locator(sel('menu-budgets')).click()
    await page.locator(sel('page-budgets')).waitFor()
    await pickOption(page, sel('budget-year'), '2025')
    await page.locator(`${sel('budget-table')} .el-table__row`).nth(3).waitFor()
    const rates = await page.locator(`${sel('budget-table')} [data-test^="budget-rate-"]`).allInnerTexts()
    assert.deepEqual(rates.map((r) => r.trim()), ['94.27%', '94.27%', '94.27%', '94.27%'])
    await page.locator(sel('chart-budget')).waitFor()
    // the bars run in the table's order: the top pair is the table's first zone
    const firstZone = (await page.locator(`${sel('budget-table')} .el-table__body-wrapper .el-table__row`).first().locator('td').first().innerText()).trim()
    assert.equal((await chartTip(page, 'chart-budget', 70))[0], firstZone)
    await shot(page, 'budget-finance')

    // a listed zone becomes 独立核算 with its congress's approval
    const rows = page.locator(`${sel('budget-table')} .el-table__body-wrapper .el-table__row`)
    const listed = rows.filter({ hasText: '单独列示' }).first()
    const zoneName = (await listed.locator('td').first().innerText()).trim()
    await listed.locator('[data-test^="budget-set-mode-"]').click()
    await page.locator(sel('budget-mode-form')).waitFor()
    await page.locator(`${sel('budget-mode-radio')} .el-radio`, { hasText: '独立核算' }).click()
    const date = page.locator(`${sel('budget-approved-on')} input`)
    await date.click()
    await date.fill('2025-01-18')
    await date.press('Enter')
    await page.locator(sel('budget-approval-doc')).fill('县人大常委会决议（示例）')
    await page.locator(sel('budget-mode-save')).click()
    const row = rows.filter({ hasText: zoneName })
    await row.filter({ hasText: '2025-01-18 县人大常委会决议（示例）' }).waitFor()
    assert.equal((await row.locator('[data-test^="budget-mode-"]').innerText()).trim(), '独立核算')

    // a year's accounts imported: a bad file first, its rows named
    const pick = (name, data) =>
      page.locator(`${sel('import-file')} input[type=file]`).setInputFiles({ name, mimeType: 'application/octet-stream', buffer: writeXlsx(data) })
    await page.locator(sel('budget-import')).click()
    await page.locator(sel('import-dialog')).waitFor()
    watcher.allow('POST', '/api/imports/budget-lines', 422)
    await pick('预决算.xlsx', [HEADER, [ECON, 2024, '预算', '20101', '人大事务', '1000.00']])
    await page.locator(sel('import-rejected')).waitFor()
    assert.match(await page.locator(`${sel('import-dialog')} .el-table`).innerText(), /科目20101所属的科目201应在它之前列出/)
    await page.locator(sel('import-again')).click()
    await pick('预决算.xlsx', [HEADER, [ECON, 2024, '预算', '201', '一般公共服务支出', '1000.00'], [ECON, 2024, '决算', '201', '一般公共服务支出', '900.00']])
    await page.locator(sel('import-done')).waitFor()
    assert.match(await page.locator(sel('import-done')).innerText(), /导入成功：共 2 行/)
    await page.locator(sel('import-close')).click()
    await pickOption(page, sel('budget-year'), '2024')
    await rows.filter({ hasText: ECON }).filter({ hasText: '90.00%' }).waitFor()

    // the zone's accounts subject by subject
    await pickOption(page, sel('budget-year'), '2025')
    await rows.filter({ hasText: ECON }).locator('[data-test^="budget-open-"]').click()
    await page.locator(sel('page-budget-zone')).waitFor()
    await page.locator(sel('budget-line-rate-201'), { hasText: '96.51%' }).waitFor()
    assert.equal((await page.locator(sel('budget-zone-mode')).innerText()).trim(), '独立核算')
    assert.equal((await page.locator(sel('budget-zone-rate')).innerText()).trim(), '94.27%')
    assert.equal(await page.locator(`${sel('budget-lines')} .el-table__body-wrapper .el-table__row`).count(), 10)
    await page.locator(sel('chart-budget-zone')).waitFor()
    await shot(page, 'budget-zone-lines')

    // the projects: four, graded
    await page.locator(sel('menu-budget-projects')).click()
    await page.locator(sel('page-budget-projects')).waitFor()
    await page.locator(`${sel('project-table')} .el-table__body-wrapper .el-table__row`).nth(3).waitFor()
    const grades = await page.locator(`${sel('project-table')} [data-test^="project-grade-"]`).allInnerTexts()
    assert.deepEqual(new Set(grades.map((g) => g.trim())), new Set(['93 优', '78 中']))
    await shot(page, 'budget-projects')
    await logout(page)
    watcher.assertClean()
  })

  test('a zone sees its own budget only, with nothing to change', async () => {
    const { page, watcher } = b
    await login(page, watcher, ZONE.username, ZONE.password)
    await page.locator(sel('menu-budgets')).click()
    await pickOption(page, sel('budget-year'), '2025')
    const rows = page.locator(`${sel('budget-table')} .el-table__body-wrapper .el-table__row`)
    await rows.first().filter({ hasText: ECON }).waitFor()
    assert.equal(await rows.count(), 1)
    assert.equal(await page.locator(sel('budget-import')).count(), 0)
    assert.equal(await page.locator('[data-test^="budget-set-mode-"]').count(), 0)
    await page.locator(sel('menu-budget-projects')).click()
    await page.locator(`${sel('project-table')} .el-table__body-wrapper .el-table__row`).first().waitFor()
    assert.equal(await page.locator(`${sel('project-table')} .el-table__body-wrapper .el-table__row`).count(), 1)
    assert.equal(await page.locator(sel('project-create')).count(), 0)
    await shot(page, 'budget-zone')
    watcher.assertClean()
  })

  test('a project graded 差 waits in the zone\'s 我的待办 and inbox; the tile opens its poor projects', async () => {
    const { page, watcher } = b
    assert.equal(await todoCount(page, 'budget_projects_poor'), 0)
    await logout(page)
    await login(page, watcher, FINANCE.username, FINANCE.password)
    await page.locator(sel('menu-budget-projects')).click()
    const rows = page.locator(`${sel('project-table')} .el-table__body-wrapper .el-table__row`)
    await rows.nth(3).waitFor()
    await rows.filter({ hasText: ECON }).first().locator('[data-test^="project-edit-"]').click()
    await page.locator(sel('project-form')).waitFor()
    const score = page.locator(`${sel('project-score')} input`)
    await score.fill('55')
    await score.press('Tab')
    await page.locator(sel('project-save')).click()
    await page.locator(`${sel('project-table')} [data-test^="project-grade-"]`, { hasText: '55 差' }).waitFor()
    await logout(page)

    await login(page, watcher, ZONE.username, ZONE.password)
    assert.equal(await todoCount(page, 'budget_projects_poor'), 1)
    await page.locator(sel('todo-budget_projects_poor')).click()
    await page.waitForURL(/\/budget-projects\?year=\d+&grade=poor$/)
    await page.locator(sel('project-total'), { hasText: '共 1 条' }).waitFor()
    await page.locator(`${sel('project-table')} [data-test^="project-grade-"]`, { hasText: '55 差' }).waitFor()
    await page.locator(sel('inbox-bell')).click()
    const item = page.locator(sel('inbox-item'), { hasText: '绩效评价为差（55分），请整改' }).first()
    await item.waitFor()
    assert.match(await item.locator(sel('inbox-item-actor')).innerText(), new RegExp(FINANCE.displayName))
    await shot(page, 'budget-zone-poor')
    await page.keyboard.press('Escape')
    watcher.assertClean()
  })

  test('the finance bureau deletes a project entered by mistake, after a confirmation naming it', async () => {
    const { page, watcher } = b
    await logout(page)
    await login(page, watcher, FINANCE.username, FINANCE.password)
    await page.locator(sel('menu-budget-projects')).click()
    const rows = page.locator(`${sel('project-table')} .el-table__body-wrapper .el-table__row`)
    await rows.first().waitFor()
    const total = Number((await page.locator(sel('project-total')).innerText()).match(/\d+/)[0])
    const last = rows.last()
    const name = (await last.locator('td').nth(2).innerText()).trim()
    await last.locator('[data-test^="project-delete-"]').click()
    const box = page.locator('.el-message-box:visible')
    await box.waitFor()
    assert.match(await box.innerText(), new RegExp(`删除项目“${name.replace(/[()（）]/g, '.')}”`))
    await confirmBox(page)
    await page.locator('.el-message--success', { hasText: '已删除' }).waitFor()
    await page.locator(sel('project-total'), { hasText: `共 ${total - 1} 条` }).waitFor()
    watcher.assertClean()
  })
})
