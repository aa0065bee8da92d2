// 闲置楼宇 (腾笼换鸟): the sample zone's account reads the demo's idle buildings (the longest
// vacant first, one reused), records a new idle factory (a bad area refused at the field),
// records a match with an enterprise that needs space in the building's drawer and ends it as
// leased after a prompt, which puts the building back to use; filters by state and exports.
import { describe, test as nodeTest, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer } from './server.js'
import { openBrowser, login, logout, pickOption, shot, sel, RUN, testWithShots } from './helpers.js'

const ZONE = { username: `spzone_${RUN}`, password: 'Zone#Passw0rd12', org: '抚顺经济开发区（示例）', role: 'zone' }

describe('闲置楼宇', () => {
  let server
  let b
  const test = testWithShots(nodeTest, () => b?.page)

  before(async () => {
    server = await startServer({ name: 'space', demo: true, users: [ZONE] })
    b = await openBrowser(server.url)
  })

  after(async () => {
    if (b) await b.close()
    if (server) await server.stop()
  })

  const total = (page, n) => page.locator(`${sel('building-pagination')} .el-pagination__total`, { hasText: String(n) }).waitFor()

  test('a zone: buildings, a new one, a match ended as leased', async () => {
    const { page, watcher } = b
    await login(page, watcher, ZONE.username, ZONE.password)
    await page.locator(sel('menu-buildings')).click()
    await page.locator(sel('page-buildings')).waitFor()
    await total(page, 3)
    assert.deepEqual((await page.locator(sel('building-row-days')).allInnerTexts()).map((s) => s.trim()), ['800', '420', '95'])

    await page.locator(sel('building-add')).click()
    const dialog = page.locator(sel('building-dialog'))
    await dialog.waitFor()
    await dialog.locator(sel('building-name')).fill('示例电子厂2号厂房')
    await dialog.locator(sel('building-area')).fill('0')
    await dialog.locator(sel('building-owner')).fill('抚顺示例电子有限公司')
    const since = dialog.locator(`${sel('building-vacant-since')} input`)
    await since.click()
    await since.fill('2025-06-01')
    await since.press('Enter')
    watcher.allow('POST', /^\/api\/land\/buildings$/, 400)
    await dialog.locator(sel('building-save')).click()
    await dialog.locator('.el-form-item__error', { hasText: '应为大于零的数' }).waitFor()
    await dialog.locator(sel('building-area')).fill('3000')
    await dialog.locator(sel('building-save')).click()
    await page.locator('.el-message--success', { hasText: '已保存' }).waitFor()
    await total(page, 4)

    const row = page.locator(`${sel('building-table')} .el-table__row`, { hasText: '示例电子厂2号厂房' })
    await row.locator(sel('building-matches')).click()
    const drawer = page.locator(sel('building-drawer'))
    await drawer.getByText('尚无对接记录').waitFor()
    await drawer.locator(sel('match-add')).click()
    const m = page.locator(sel('match-dialog'))
    await m.waitFor()
    await m.locator(sel('match-enterprise')).fill('示例精密模具有限公司（意向）')
    await m.locator(sel('match-need')).fill('2500')
    await m.locator(sel('match-save')).click()
    await page.locator('.el-message--success', { hasText: '已记录对接' }).waitFor()
    await drawer.locator(sel('match-row-outcome'), { hasText: '洽谈中' }).waitFor()
    await drawer.locator(sel('match-close-leased')).click()
    await page.locator('.el-message-box input').fill('已签订3年租赁合同（示例）')
    await page.locator('.el-message-box .el-button--primary').click()
    await page.locator('.el-message--success', { hasText: '已记录结果' }).waitFor()
    await drawer.locator(sel('drawer-status'), { hasText: '已盘活' }).waitFor()
    await drawer.getByText('该楼宇已盘活，不再对接').waitFor()
    await shot(page, 'buildings-drawer')
    await page.keyboard.press('Escape')

    await pickOption(page, sel('building-filter-status'), '已盘活')
    await page.locator(sel('buildings-search-submit')).click()
    await total(page, 2)
    await page.locator(sel('building-export')).click()
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`${sel('building-export-xlsx')}:visible`).click()])
    assert.equal(download.suggestedFilename(), '闲置楼宇.xlsx')
    await logout(page)
    watcher.assertClean()
  })
})
