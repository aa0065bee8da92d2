// Platform companies in the browser, on the demo's (`kfq demo`: one per sample zone, 2024 and 2025
// figures; 2025 资产负债率 62 %, 76 % and 72 % of assets for the 高新区's, the 经开区's and the
// 胜利's, all non-industrial: lines 70 % / 75 %). 市国资委, which the seed's article 12 grants
// supervise_platform, reads every zone's companies, marks a checklist item done with its evidence,
// corrects a year's figures and moves the non-industrial lines; the office raises a 督办单 draft
// from the board; a zone sees its own company only.
//
// The 经开区's 2025 figures: assets 13 × 10^10 fen, liabilities 0.76 of them = 98,800,000,000 fen
// (7600 bp: past the key line 7500); current ratio (assets / 4) / (liabilities / 3) = 3 / 3.04 =
// 9868 bp (below 100 %: warning); the 胜利's 72 % is past the warning line. With the lines at
// 80 % / 85 % only the 经开区's current ratio stays past a line.
import { describe, test as nodeTest, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer } from './server.js'
import { openBrowser, login, logout, pickOption, shot, sel, testWithShots, menuTexts, chartTip, confirmBox, apiClient } from './helpers.js'

const SASAC = { username: 'sasac1', password: 'Sasac#Passw0rd12', org: '市国资委', role: 'department', displayName: '国资委监管处' }
const OFFICE = { username: 'office1', password: 'Office#Passw0rd1', org: '市商务局', role: 'office', displayName: '改革办赵处长' }
const ZONE = { username: 'zone1', password: 'Zone#Passw0rd123', org: '抚顺经济开发区（示例）', role: 'zone', displayName: '经开区钱科长' }
const ECON_CO = '抚顺经济开发区开发建设投资有限公司（示例）'
const SHENGLI_CO = '抚顺胜利经济开发区开发建设投资有限公司（示例）'

describe('platform companies', () => {
  let server
  let b
  const test = testWithShots(nodeTest, () => b?.page)

  before(async () => {
    server = await startServer({ name: 'platform', demo: true, users: [SASAC, OFFICE, ZONE] })
  })

  after(async () => {
    if (b) await b.close()
    if (server) await server.stop()
  })

  const rows = (page, table) => page.locator(`${sel(table)} .el-table__body-wrapper .el-table__row`)
  const text = async (page, name) => (await page.locator(sel(name)).innerText()).trim()

  test('国资委: every zone\'s companies, the checklist with evidence, the figures and the lines', async () => {
    b = await openBrowser(server.url)
    const { page, watcher } = b
    await login(page, watcher, SASAC.username, SASAC.password)
    const menus = await menuTexts(page)
    assert.ok(menus.includes('平台公司') && menus.includes('债务风险'), menus.join(' '))
    await page.locator(sel('menu-platform-companies')).click()
    await page.locator(sel('page-platform-companies')).waitFor()
    await rows(page, 'platform-table').nth(2).waitFor()
    assert.equal(await rows(page, 'platform-table').count(), 3)
    const econ = rows(page, 'platform-table').filter({ hasText: ECON_CO })
    assert.equal((await econ.locator('[data-test^="platform-debt-"]').innerText()).trim(), '76.00%')
    assert.equal((await econ.locator('[data-test^="platform-level-"]').innerText()).trim(), '超重点监管线')
    await shot(page, 'platform-list-sasac')

    // one company: shareholders, the checklist, the readings explained
    await econ.locator('[data-test^="platform-open-"]').click()
    await page.locator(sel('page-platform-company')).waitFor()
    assert.equal(await text(page, 'platform-company-name'), ECON_CO)
    assert.match(await page.locator(sel('platform-holders')).innerText(), /80\.00%[\s\S]*20\.00%/)
    await page.locator(sel('chart-platform-holders')).waitFor()
    assert.equal(await text(page, 'reading-debt_ratio'), '76.00%')
    assert.equal(await text(page, 'reading-current_ratio'), '98.68%')
    assert.match(await page.locator(sel('platform-readings')).innerText(), /负债总额 ÷ 资产总额/)
    await page.locator(sel('chart-platform-debt')).waitFor()

    // 开发建设 done: refused without evidence, accepted with it
    assert.equal(await text(page, 'duty-status-development'), '推进中')
    await page.locator(sel('duty-edit-development')).click()
    await page.locator(sel('duty-form')).waitFor()
    await page.locator(`${sel('duty-status')} .el-radio`, { hasText: '已完成' }).click()
    watcher.allow('PUT', /^\/api\/platform-companies\/\d+\/duties\/development$/, 400)
    await page.locator(sel('duty-save')).click()
    await page.locator('.el-message--error', { hasText: '标记为已完成须附佐证材料或说明' }).waitFor()
    await page.locator(sel('duty-evidence')).fill('园区开发建设由平台公司市场化实施，管委会不再直接承担（示例）')
    await page.locator(sel('duty-save')).click()
    await page.locator(sel('duty-status-development'), { hasText: '已完成' }).waitFor()

    // the 2025 figures corrected: liabilities down to 74 % of assets -> within the key line
    await page.locator(sel('sheet-edit-2025')).click()
    await page.locator(sel('sheet-form')).waitFor()
    await page.locator(sel('sheet-liabilities_fen')).fill('962000000.00')
    await page.locator(sel('sheet-save')).click()
    await page.locator(sel('sheet-2025-debt_ratio'), { hasText: '74.00%' }).waitFor()
    assert.equal(await text(page, 'reading-debt_ratio'), '74.00%')
    await shot(page, 'platform-company-sasac')

    // the board of 2025: one past a warning line each for the 经开区 (74 %) and the 胜利 (72 %)
    await page.locator(sel('menu-platform-board')).click()
    await page.locator(sel('page-platform-board')).waitFor()
    await pickOption(page, sel('platform-board-year'), '2025')
    await rows(page, 'platform-board-table').nth(2).waitFor()
    await page.locator(`${sel('platform-count-warning')} ${sel('platform-count-value')}`, { hasText: '2' }).waitFor()
    assert.equal(await page.locator(`${sel('platform-count-key')} ${sel('platform-count-value')}`).innerText(), '0')
    await page.locator(sel('chart-platform-board')).waitFor()
    // the bars run in the table's order: the top bar is the table's first company
    const firstCompany = (await rows(page, 'platform-board-table').first().locator('td').nth(1).innerText()).trim()
    assert.equal((await chartTip(page, 'chart-platform-board', 60))[0], firstCompany)
    // no 督办单 from here: that is the office's
    assert.equal(await page.locator('[data-test^="board-notice-"]').count(), 0)

    // the non-industrial lines moved to 80 % / 85 %: the 胜利's 72 % is within them
    await page.locator(sel('lines-edit-non_industrial')).click()
    await page.locator(sel('lines-form')).waitFor()
    await page.locator(sel('lines-warning-debt_ratio')).fill('80')
    await page.locator(sel('lines-key-debt_ratio')).fill('85')
    await page.locator(sel('lines-save')).click()
    await page.locator(sel('lines-non_industrial-debt_ratio'), { hasText: '80.00% / 85.00%' }).waitFor()
    await page.locator(`${sel('platform-count-normal')} ${sel('platform-count-value')}`, { hasText: '2' }).waitFor()
    const shengli = rows(page, 'platform-board-table').filter({ hasText: SHENGLI_CO })
    assert.equal((await shengli.locator('[data-test^="board-level-"]').innerText()).trim(), '正常')
    await shot(page, 'platform-board-sasac')
    // a year nobody filed: every company named as 未填报, each a link to its page
    await pickOption(page, sel('platform-board-year'), '2023')
    await page.locator(sel('platform-board-missing')).waitFor()
    const missing = await page.locator(sel('platform-board-missing-item')).allInnerTexts()
    assert.equal(String(missing.length), await page.locator(`${sel('platform-count-missing')} ${sel('platform-count-value')}`).innerText())
    assert.ok(missing.length >= 3 && missing.includes(SHENGLI_CO), missing.join('、'))
    await logout(page)
    watcher.assertClean()
  })

  test('the office raises a 督办单 draft about a company past a line', async () => {
    const { page, watcher } = b
    await login(page, watcher, OFFICE.username, OFFICE.password)
    await page.locator(sel('menu-platform-board')).click()
    await page.locator(sel('page-platform-board')).waitFor()
    await pickOption(page, sel('platform-board-year'), '2025')
    const econ = rows(page, 'platform-board-table').filter({ hasText: ECON_CO })
    await econ.waitFor()
    assert.equal((await econ.locator('[data-test^="board-level-"]').innerText()).trim(), '超预警线')
    // the office does not set lines
    assert.equal(await page.locator('[data-test^="lines-edit-"]').count(), 0)
    await econ.locator('[data-test^="board-notice-"]').click()
    await page.locator(sel('platform-notice-form')).waitFor()
    const subject = await page.locator(sel('platform-notice-subject')).inputValue()
    assert.equal(subject, `关于${ECON_CO}债务风险指标超线的督办通知`)
    assert.match(await page.locator(sel('platform-notice-body')).inputValue(), /流动比率为98\.68%，超过预警线100\.00%/)
    await page.locator(sel('platform-notice-save')).click()
    await page.locator(sel('notice-issue-draft')).waitFor()
    assert.match(await text(page, 'notice-title'), /债务风险指标超线的督办通知/)
    await shot(page, 'platform-notice-draft')
    await logout(page)
    watcher.assertClean()
  })

  test('a zone sees its own company only', async () => {
    const { page, watcher } = b
    await login(page, watcher, ZONE.username, ZONE.password)
    await page.locator(sel('menu-platform-companies')).click()
    await rows(page, 'platform-table').first().filter({ hasText: ECON_CO }).waitFor()
    assert.equal(await rows(page, 'platform-table').count(), 1)
    // the zone keeps its own company: it may register and import
    await page.locator(sel('platform-create')).waitFor()
    await page.locator(sel('menu-platform-board')).click()
    await pickOption(page, sel('platform-board-year'), '2025')
    await rows(page, 'platform-board-table').first().filter({ hasText: ECON_CO }).waitFor()
    assert.equal(await rows(page, 'platform-board-table').count(), 1)
    assert.equal(await page.locator('[data-test^="board-notice-"]').count(), 0)
    watcher.assertClean()
  })

  test('a company entered by mistake is deleted from its page, after a confirmation naming it', async () => {
    const { page, watcher } = b
    const api = await apiClient(server.url, ZONE)
    const zoneId = (await api.get('/api/platform-companies')).items[0].zone_id
    const made = await api.post('/api/platform-companies', {
      zone_id: zoneId, name: '误录的平台公司', uscc: '91440300MA5D0A0X1B', type: 'industrial',
      shareholders: [{ name: '经开区管委会', kind: 'state', stake_bp: 10000 }],
    })
    await page.goto(`/platform/companies/${made.id}`)
    await page.locator(sel('platform-company-delete')).click()
    const box = page.locator('.el-message-box:visible')
    await box.waitFor()
    assert.match(await box.innerText(), /删除平台公司“误录的平台公司”/)
    await confirmBox(page)
    await page.waitForURL(/\/platform\/companies$/)
    await rows(page, 'platform-table').first().filter({ hasText: ECON_CO }).waitFor()
    assert.equal(await rows(page, 'platform-table').filter({ hasText: '误录的平台公司' }).count(), 0)
    // a company with figures offers no delete
    await rows(page, 'platform-table').first().locator('a').first().click()
    await page.locator(sel('platform-company-edit')).waitFor()
    assert.equal(await page.locator(sel('platform-company-delete')).count(), 0)
    watcher.assertClean()
  })
})
