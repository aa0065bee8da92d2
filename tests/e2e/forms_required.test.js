// A dialog saved with its required fields empty says, at each field and in Chinese, which one to
// fill ("企业名称不能为空"), and sends nothing: 登记企业 (the office), 录入闲置楼宇 (a zone) and
// 新增事项 of the powers catalogue (a department that delegates). The server's own refusal names
// the JSON field (字段 uscc 不能为空白), which a user should never have to read.
import { describe, test as nodeTest, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer } from './server.js'
import { openBrowser, login, logout, sel, RUN, testWithShots } from './helpers.js'

const OFFICE = { username: `froffice_${RUN}`, password: 'Office#Passw0rd12', org: '市商务局', role: 'office' }
const ZONE = { username: `frzone_${RUN}`, password: 'Zone#Passw0rd12', org: '抚顺经济开发区（示例）', role: 'zone' }
const MARKET = { username: `frmarket_${RUN}`, password: 'Market#Passw0rd12', org: '市市场监管局', role: 'department' }

describe('required fields said in Chinese before sending', () => {
  let server
  let b
  const test = testWithShots(nodeTest, () => b?.page)
  const posts = []

  before(async () => {
    server = await startServer({ name: 'forms-required', demo: true, users: [OFFICE, ZONE, MARKET] })
    b = await openBrowser(server.url)
    b.page.on('request', (r) => {
      if (r.method() !== 'GET' && new URL(r.url()).pathname !== '/api/session') posts.push(`${r.method()} ${new URL(r.url()).pathname}`)
    })
  })

  after(async () => {
    if (b) await b.close()
    if (server) await server.stop()
  })

  // saves the open dialog empty; resolves with the errors shown at its fields, in order
  async function saveEmpty(dialog, saveTest, count) {
    posts.length = 0
    await dialog.locator(sel(saveTest)).click()
    const errors = dialog.locator('.el-form-item__error')
    await errors.nth(count - 1).waitFor()
    return (await errors.allInnerTexts()).map((s) => s.trim())
  }

  test('登记企业 (the office)', async () => {
    const { page, watcher } = b
    await login(page, watcher, OFFICE.username, OFFICE.password)
    await page.goto('/enterprises')
    await page.locator(sel('enterprise-create')).click()
    const dialog = page.locator(sel('enterprise-dialog'))
    await dialog.waitFor()
    assert.deepEqual(await saveEmpty(dialog, 'enterprise-save', 5), [
      '统一社会信用代码不能为空',
      '企业名称不能为空',
      '所在开发区不能为空',
      '行业不能为空',
      '成立日期不能为空',
    ])
    assert.deepEqual(posts, [])
    await dialog.locator(sel('enterprise-name')).fill('   ')
    assert.deepEqual(await saveEmpty(dialog, 'enterprise-save', 5), [
      '统一社会信用代码不能为空',
      '企业名称不能为空',
      '所在开发区不能为空',
      '行业不能为空',
      '成立日期不能为空',
    ])
    assert.deepEqual(posts, [])
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
    await logout(page)
    watcher.assertClean()
  })

  test('录入闲置楼宇 (a zone)', async () => {
    const { page, watcher } = b
    await login(page, watcher, ZONE.username, ZONE.password)
    // the zone is chosen by itself once the zones are in (a zone's account has one)
    await Promise.all([page.waitForResponse((r) => new URL(r.url()).pathname === '/api/land/boundaries'), page.goto('/land/buildings')])
    await page.locator(sel('building-add')).click()
    const dialog = page.locator(sel('building-dialog'))
    await dialog.waitFor()
    assert.deepEqual(await saveEmpty(dialog, 'building-save', 4), ['名称不能为空', '面积（平方米）不能为空', '产权人不能为空', '闲置起始不能为空'])
    assert.deepEqual(posts, [])
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
    await logout(page)
    watcher.assertClean()
  })

  test('新增事项 of the catalogue (市市场监管局)', async () => {
    const { page, watcher } = b
    await login(page, watcher, MARKET.username, MARKET.password)
    await page.goto('/power-catalogue')
    await page.locator(sel('power-add')).click()
    const dialog = page.locator(sel('power-dialog'))
    await dialog.waitFor()
    assert.deepEqual(await saveEmpty(dialog, 'power-form-save', 3), ['事项编码不能为空', '事项名称不能为空', '设定依据不能为空'])
    assert.deepEqual(posts, [])
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
    await logout(page)
    watcher.assertClean()
  })
})
