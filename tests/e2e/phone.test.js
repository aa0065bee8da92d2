// A zone's daily work on a phone (390×844): the console fits the screen's width (no page wider
// than the phone), the menu stays out of the way until the header's button opens it over the
// page and goes away once an entry is chosen, a list's row opens its record, and a dialog (填报进展)
// fits inside the screen. On the demo data.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer } from './server.js'
import { openBrowser, login, shot, sel } from './helpers.js'

const ZONE = { username: 'phone-zone', password: 'Zone#Passw0rd12', org: '抚顺经济开发区（示例）', role: 'zone', displayName: '经开区刘科长' }
const PHONE = { width: 390, height: 844 }

// How wide the page is (the document's scroll width) and where the menu is: its right edge is
// at 0 when it is out of the screen.
const layout = (page) =>
  page.evaluate(() => {
    const aside = document.querySelector('[data-test="sidebar"]').getBoundingClientRect()
    return { width: document.documentElement.scrollWidth, menuRight: Math.round(aside.right) }
  })

describe('a zone on a phone', () => {
  let server, b

  before(async () => {
    server = await startServer({ name: 'phone', demo: true, users: [ZONE] })
    b = await openBrowser(server.url)
    await b.page.setViewportSize(PHONE)
    await login(b.page, b.watcher, ZONE.username, ZONE.password)
  })

  after(async () => {
    if (b) await b.close()
    if (server) await server.stop()
  })

  test('the home page fits the phone, the menu out of the way', async () => {
    const { page, watcher } = b
    await page.locator(sel('todo-panel')).waitFor()
    assert.deepEqual(await layout(page), { width: PHONE.width, menuRight: 0 })
    // the header keeps who is signed in to the role's tag; the organization is on 个人中心
    assert.equal(await page.locator(sel('header-org')).isVisible(), false)
    assert.equal(await page.locator(sel('header-role')).innerText(), '开发区')
    await shot(page, 'phone-home')
    watcher.assertClean()
  })

  test('the header’s button opens the menu over the page; choosing an entry closes it', async () => {
    const { page, watcher } = b
    await page.locator(sel('menu-toggle')).click()
    await page.locator(sel('menu-mask')).waitFor()
    assert.deepEqual(await layout(page), { width: PHONE.width, menuRight: 210 })
    await shot(page, 'phone-menu')
    await page.locator(sel('menu-plans')).click()
    await page.waitForURL(/\/plans$/)
    await page.locator(sel('menu-mask')).waitFor({ state: 'detached' })
    await page.locator(`${sel('plans-table')} .el-table__body .el-table__row`).first().waitFor()
    assert.deepEqual(await layout(page), { width: PHONE.width, menuRight: 0 })
    // a tap beside the open menu closes it too
    await page.locator(sel('menu-toggle')).click()
    await page.locator(sel('menu-mask')).click({ position: { x: 350, y: 400 } })
    await page.locator(sel('menu-mask')).waitFor({ state: 'detached' })
    await shot(page, 'phone-plans')
    watcher.assertClean()
  })

  test('a plan opens from its row and 填报进展 fits the screen', async () => {
    const { page, watcher } = b
    await page.locator(`${sel('plans-table')} .el-table__body .el-table__row`).first().locator(sel('plans-row-open')).click()
    await page.locator(sel('page-plan')).waitFor()
    await page.locator(sel('ms-report')).first().click()
    const dialog = page.locator(`${sel('report-dialog')}`)
    await dialog.waitFor()
    const box = await page.locator('.el-dialog:visible').boundingBox()
    assert.ok(box.x >= 0 && box.x + box.width <= PHONE.width, `the dialog spans ${box.x}..${box.x + box.width}`)
    assert.equal((await layout(page)).width, PHONE.width)
    await shot(page, 'phone-report')
    watcher.assertClean()
  })
})
