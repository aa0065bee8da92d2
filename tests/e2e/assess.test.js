// 年度考核 in the browser on the demo data (`kfq demo`: this year's schemes of the sample zones
// by class, computed and not yet published; each sample zone's staff KPIs scored): the office
// sees every zone's staff scores with the share of the pool each total gives, the draft results
// with each indicator's contribution, publishes the 省级 class after a confirmation and sees the grade
// distribution chart; the zone sees only its own published result, opens its detail and
// appeals with a reason; the office upholds the appeal with a comment.
import { describe, test as nodeTest, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer } from './server.js'
import fs from 'node:fs'
import { openBrowser, login, logout, menuTexts, shot, sel, confirmBox, RUN, testWithShots, todoCount, exportFrom } from './helpers.js'

const ZONE = { username: `azone_${RUN}`, password: 'Zone#Passw0rd123', org: '抚顺经济开发区（示例）', role: 'zone' }
const OFFICE = { username: `aoffice_${RUN}`, password: 'Office#Passw0rd1', org: '市商务局', role: 'office' }

async function prompt(page, text) {
  const box = page.locator('.el-message-box:visible')
  await box.waitFor()
  await box.locator('textarea').fill(text)
  await box.locator('.el-button--primary').click()
  await box.waitFor({ state: 'hidden' })
}

describe('annual assessment', () => {
  let server
  let b
  const test = testWithShots(nodeTest, () => b?.page)

  before(async () => {
    server = await startServer({ name: 'assess', demo: true, users: [ZONE, OFFICE] })
    b = await openBrowser(server.url)
  })

  after(async () => {
    if (b) await b.close()
    if (server) await server.stop()
  })

  test('the demo\'s staff KPIs: every sample zone scored, 高新\'s pool split by the totals', async () => {
    const { page, watcher } = b
    await login(page, watcher, OFFICE.username, OFFICE.password)
    await page.locator(sel('menu-kpi')).click()
    await page.locator(sel('page-kpi')).waitFor()
    const cards = page.locator(sel('kpi-scheme'))
    await cards.first().waitFor()
    assert.equal(await cards.count(), 4)
    const hightech = cards.filter({ hasText: '抚顺高新技术产业开发区（示例）' })
    assert.equal(await hightech.locator('.el-table__body .el-table__row').count(), 8)
    // the best total, 88.20 of 671.60, takes ¥151,290.05 of the ¥1,152,000.00 pool
    await hightech.locator('.el-table__row', { hasText: '88.20' }).filter({ hasText: '151,290.05' }).waitFor()
    // the same figures exported, one row per person scored
    const csv = await exportFrom(page, 'kpi-export', 'csv')
    const rows = fs.readFileSync(await csv.path(), 'utf8').trim().split(/\r\n/)
    assert.ok(rows.some((r) => r.startsWith('抚顺高新技术产业开发区（示例）,') && r.includes(',工作人员,') && r.endsWith(',88.20,151290.05')), rows.join('\n'))
    await logout(page)
    watcher.assertClean()
  })

  test('the office publishes a class after a confirmation; the grade chart shows it', async () => {
    const { page, watcher } = b
    await login(page, watcher, OFFICE.username, OFFICE.password)
    assert.ok((await menuTexts(page)).includes('年度考核'))
    await page.locator(sel('menu-assess')).click()
    await page.locator(sel('page-assess')).waitFor()
    const rows = page.locator(`${sel('assess-results')} .el-table__body .el-table__row`)
    await rows.first().waitFor()
    assert.equal(await rows.count(), 4)
    // the draft's detail: every indicator's contribution
    await rows.filter({ hasText: ZONE.org }).locator(sel('assess-detail')).click()
    const lines = page.locator(`${sel('assess-drawer')} ${sel('assess-contribution')}`)
    await lines.first().waitFor()
    assert.equal(await lines.count(), 5)
    await page.keyboard.press('Escape')
    await page.locator(sel('assess-drawer')).waitFor({ state: 'hidden' })

    await page.locator('.el-tabs__item', { hasText: '考核方案' }).click()
    const scheme = page.locator(`${sel('assess-schemes')} .el-table__row`, { hasText: '省级开发区' })
    await scheme.waitFor()
    await scheme.locator(sel('scheme-publish')).click()
    await confirmBox(page)
    await scheme.locator(sel('scheme-status'), { hasText: '已公布' }).waitFor()
    await page.locator('.el-tabs__item', { hasText: '考核结果' }).click()
    await page.locator(sel('assess-chart')).waitFor()
    await shot(page, 'assess-office')
    await logout(page)
    watcher.assertClean()
  })

  test('the zone sees only its own result and appeals within the window', async () => {
    const { page, watcher } = b
    await login(page, watcher, ZONE.username, ZONE.password)
    await page.locator(sel('menu-assess')).click()
    await page.locator(sel('page-assess')).waitFor()
    const rows = page.locator(`${sel('assess-results')} .el-table__body .el-table__row`)
    await rows.first().waitFor()
    assert.equal(await rows.count(), 1)
    assert.match(await rows.first().innerText(), /抚顺经济开发区（示例）/)
    assert.equal(await page.locator(sel('scheme-new')).count(), 0)
    // the window's last day is shown, not the instant after it (the next day's 00:00:00, which
    // reads as if that day were still open): the browser is in Asia/Shanghai, as the rule is
    const { items } = await (await page.request.get('/api/assess/results')).json()
    const lastDay = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.parse(items[0].appeal_deadline) - 1000))
    assert.equal(await rows.first().locator(sel('assess-deadline')).innerText(), `${lastDay} 23:59:59`)
    await rows.first().locator(sel('assess-appeal')).click()
    await prompt(page, '全省综合评价得分有误，附省通报')
    await page.locator('.el-message--success').first().waitFor()
    await page.locator('.el-tabs__item', { hasText: '申诉' }).click()
    await page.locator(sel('appeal-status'), { hasText: '待处理' }).waitFor()
    await shot(page, 'assess-zone-appeal')
    assert.equal(await todoCount(page, 'assess_appeals_open'), null, 'the zone does not decide appeals')
    await logout(page)
    watcher.assertClean()
  })

  test('the office opens the appeal from 我的待办 and upholds it with a comment', async () => {
    const { page, watcher } = b
    await login(page, watcher, OFFICE.username, OFFICE.password)
    // the appeal waits in 我的待办; its tile opens the appeals tab of the appeal's year
    assert.equal(await todoCount(page, 'assess_appeals_open'), 1)
    await shot(page, 'assess-office-todo')
    await page.locator(sel('todo-assess_appeals_open')).click()
    await page.waitForURL(/\/assess\?tab=appeals&year=\d{4}$/)
    const row = page.locator(`${sel('assess-appeals')} .el-table__row`, { hasText: ZONE.org })
    await row.waitFor()
    assert.equal(await row.locator(sel('appeal-status')).innerText(), '待处理')
    await row.locator(sel('appeal-uphold')).click()
    await prompt(page, '经核实，按省通报更正')
    await row.locator(sel('appeal-status'), { hasText: '申诉成立' }).waitFor()
    assert.equal(await todoCount(page, 'assess_appeals_open'), 0)
    await logout(page)
    watcher.assertClean()
  })
})
