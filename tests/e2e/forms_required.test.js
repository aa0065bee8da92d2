// A dialog saved with its required fields empty says, at each field and in Chinese, which one to
// fill ("企业名称不能为空"), and sends nothing: 登记企业, 登记案件 (容错免责), 录入年度安排, a
// consultation's 录入意见 and 新增合作共建安排 (the office), 新增社会事务, 录入闲置楼宇, 填报产业规划 and 人员入册 (a
// zone), 核定编制 (市委编办), 新增事项 of the powers catalogue (a department that delegates). The
// server's own refusal names the JSON field (字段 uscc 不能为空白), which a user should never have to
// read.
import { describe, test as nodeTest, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer } from './server.js'
import { openBrowser, login, logout, sel, RUN, testWithShots } from './helpers.js'

const OFFICE = { username: `froffice_${RUN}`, password: 'Office#Passw0rd12', org: '市商务局', role: 'office' }
const ZONE = { username: `frzone_${RUN}`, password: 'Zone#Passw0rd12', org: '抚顺经济开发区（示例）', role: 'zone' }
const MARKET = { username: `frmarket_${RUN}`, password: 'Market#Passw0rd12', org: '市市场监管局', role: 'department' }
const BIANBAN = { username: `frbianban_${RUN}`, password: 'Bianban#Passw0rd12', org: '市委编办', role: 'department' }

describe('required fields said in Chinese before sending', () => {
  let server
  let b
  const test = testWithShots(nodeTest, () => b?.page)
  const posts = []

  before(async () => {
    server = await startServer({ name: 'forms-required', demo: true, users: [OFFICE, ZONE, MARKET, BIANBAN] })
    b = await openBrowser(server.url)
    b.page.on('request', (r) => {
      if (r.method() !== 'GET' && new URL(r.url()).pathname !== '/api/session') posts.push(`${r.method()} ${new URL(r.url()).pathname}`)
    })
  })

  after(async () => {
    if (b) await b.close()
    if (server) await server.stop()
  })

  // Opens the dialog of page `path` (its button `add`), fills what `fill` gives (data-test ->
  // text), saves it and closes it; resolves with the errors shown at its fields, in order, once
  // `count` are there, after checking that nothing was sent. `ready`: an API path the page must
  // have read first (what fills a field by itself).
  async function savedEmpty(page, { path, ready, add, dialog, save, count, fill = {} }) {
    const loaded = ready ? page.waitForResponse((r) => new URL(r.url()).pathname === ready) : null
    await page.goto(path)
    await loaded
    await page.locator(sel(add)).click()
    const d = page.locator(sel(dialog))
    await d.waitFor()
    for (const [field, text] of Object.entries(fill)) await d.locator(sel(field)).fill(text)
    posts.length = 0
    await d.locator(sel(save)).click()
    const errors = d.locator('.el-form-item__error')
    await errors.nth(count - 1).waitFor()
    const texts = (await errors.allInnerTexts()).map((s) => s.trim())
    assert.deepEqual(posts, [])
    await page.keyboard.press('Escape')
    await d.waitFor({ state: 'hidden' })
    return texts
  }

  test('登记企业, 登记案件 of 容错免责, 录入年度安排 of the work calendar and 录入意见 (the office)', async () => {
    const { page, watcher } = b
    await login(page, watcher, OFFICE.username, OFFICE.password)
    // a name of blanks is empty too
    const enterprise = { path: '/enterprises', add: 'enterprise-create', dialog: 'enterprise-dialog', save: 'enterprise-save', count: 5, fill: { 'enterprise-name': '   ' } }
    assert.deepEqual(await savedEmpty(page, enterprise), ['统一社会信用代码不能为空', '企业名称不能为空', '所在开发区不能为空', '行业不能为空', '成立日期不能为空'])
    const fault = { path: '/fault-cases', add: 'fault-add', dialog: 'fault-dialog', save: 'fault-save', count: 5 }
    assert.deepEqual(await savedEmpty(page, fault), ['案件名称不能为空', '开发区（单位）不能为空', '当事人不能为空', '基本情况不能为空', '所依据的决策不能为空'])
    const calendar = { path: '/work-calendar', add: 'cal-add', dialog: 'cal-dialog', save: 'cal-save', count: 2 }
    assert.deepEqual(await savedEmpty(page, calendar), ['依据通知不能为空', '通知日期不能为空'])
    const comment = { path: '/consultations/2', add: 'comment-record', dialog: 'record-dialog', save: 'record-submit', count: 1 }
    assert.deepEqual(await savedEmpty(page, comment), ['意见内容不能为空'])
    // every empty field of 新增合作共建安排 at once, the ratio's too
    const arrangement = { path: '/arrangements', add: 'arrangement-create', dialog: 'arrangement-dialog', save: 'arrangement-save', count: 5 }
    assert.deepEqual(await savedEmpty(page, arrangement), ['名称不能为空', '所在开发区不能为空', '合作开发区不能为空', '开始日期不能为空', '请输入 0 至 100 之间的百分比，最多两位小数'])
    await logout(page)
    watcher.assertClean()
  })

  test('新增社会事务, 录入闲置楼宇, 填报产业规划 and 人员入册 (a zone)', async () => {
    const { page, watcher } = b
    await login(page, watcher, ZONE.username, ZONE.password)
    const social = { path: '/power-affairs', add: 'social-add', dialog: 'affairs-dialog', save: 'affairs-save', count: 1 }
    assert.deepEqual(await savedEmpty(page, social), ['社会事务职能不能为空'])
    // the zone is chosen by itself once the zones are in (a zone's account has one)
    const building = { path: '/land/buildings', ready: '/api/land/zones', add: 'building-add', dialog: 'building-dialog', save: 'building-save', count: 4 }
    assert.deepEqual(await savedEmpty(page, building), ['名称不能为空', '面积（平方米）不能为空', '产权人不能为空', '闲置起始不能为空'])
    // the plan's name and its first leading industry's (the zone, as above, once the zones are in)
    const plan = { path: '/industry-plans', ready: '/api/enterprises/zones', add: 'industry-plan-create', dialog: 'industry-plan-dialog', save: 'industry-plan-save', count: 2 }
    assert.deepEqual(await savedEmpty(page, plan), ['规划名称不能为空', '产业名称不能为空'])
    const person = { path: '/roster', add: 'roster-add', dialog: 'person-dialog', save: 'person-submit', count: 3 }
    assert.deepEqual(await savedEmpty(page, person), ['姓名不能为空', '身份证号码不能为空', '到岗日期不能为空'])
    await logout(page)
    watcher.assertClean()
  })

  test('核定编制 (市委编办)', async () => {
    const { page, watcher } = b
    await login(page, watcher, BIANBAN.username, BIANBAN.password)
    const staffing = { path: '/staffing', add: 'staffing-approve', dialog: 'staffing-dialog', save: 'staffing-submit', count: 2 }
    assert.deepEqual(await savedEmpty(page, staffing), ['开发区不能为空', '批复文号不能为空'])
    await logout(page)
    watcher.assertClean()
  })

  test('新增事项 of the catalogue (市市场监管局)', async () => {
    const { page, watcher } = b
    await login(page, watcher, MARKET.username, MARKET.password)
    const power = { path: '/power-catalogue', add: 'power-add', dialog: 'power-dialog', save: 'power-form-save', count: 3 }
    assert.deepEqual(await savedEmpty(page, power), ['事项编码不能为空', '事项名称不能为空', '设定依据不能为空'])
    await logout(page)
    watcher.assertClean()
  })
})
