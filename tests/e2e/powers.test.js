// 赋权与边界 in the browser, on `kfq demo`'s data: the department (市市场监管局, delegate_power)
// adds powers to the catalogue, puts one on a zone's list and delegates it, and evaluates a
// delegated power; the zone proposes a power and accepts the delegated one; 编办
// (approve_duty_list) approves a submitted 权责清单, and the zone's change of an approved list is
// refused while a function is in no one's hands, then saved as the next version; the public
// page shows the published lists without sign-in and reads on a phone.
import fs from 'node:fs'
import { describe, test as nodeTest, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer } from './server.js'
import { openBrowser, login, logout, pickOption, shot, sel, confirmBox, exportFrom, RUN, testWithShots, chartTip, apiClient } from './helpers.js'

const MARKET = { username: `market_${RUN}`, password: 'Market#Passw0rd1', org: '市市场监管局', role: 'department' }
const ZONE = { username: `pzone_${RUN}`, password: 'Zone#Passw0rd123', org: '抚顺经济开发区（示例）', role: 'zone' }
const BIANBAN = { username: `bianban_${RUN}`, password: 'Bianban#Passw0rd1', org: '市委编办', role: 'department' }
const OFFICE = { username: `poffice_${RUN}`, password: 'Office#Passw0rd1', org: '市商务局', role: 'office' }
const DATA = { username: `pdata_${RUN}`, password: 'Data#Passw0rd12', org: '市数据局', role: 'department' }
const A = `小作坊登记证核发${RUN}`
const B = `食品摊贩备案${RUN}`

describe('powers and boundaries in the browser', () => {
  let server
  let b
  const test = testWithShots(nodeTest, () => b?.page)

  before(async () => {
    server = await startServer({ name: 'powers', demo: true, users: [MARKET, ZONE, BIANBAN, OFFICE, DATA] })
    b = await openBrowser(server.url)
  })

  after(async () => {
    if (b) await b.close()
    if (server) await server.stop()
  })

  // The first cell of a table's first row.
  async function firstCell(page, table) {
    return (await page.locator(`${sel(table)} .el-table__body-wrapper .el-table__row`).first().locator('td').first().innerText()).trim()
  }

  // Fills and saves the catalogue dialog.
  async function addPower(page, code, name) {
    await page.locator(sel('power-add')).click()
    const d = page.locator(sel('power-dialog'))
    await d.waitFor()
    await d.locator(sel('power-form-code')).fill(code)
    await d.locator(sel('power-form-name')).fill(name)
    await d.locator(sel('power-form-basis')).fill('《辽宁省食品小作坊小餐饮及摊点管理条例》第八条')
    await d.locator(sel('power-form-save')).click()
    await d.waitFor({ state: 'hidden' })
  }

  test('the department adds powers, puts one on the zone’s list and delegates it', async () => {
    const { page, watcher } = b
    await login(page, watcher, MARKET.username, MARKET.password)
    await page.locator(sel('menu-power-catalogue')).click()
    await page.locator(sel('page-power-catalogue')).waitFor()
    await page.locator(sel('power-table'), { hasText: '食品经营许可' }).waitFor()
    await addPower(page, `E2E-${RUN}-A`, A)
    await addPower(page, `E2E-${RUN}-B`, B)
    await page.locator(sel('power-q')).fill(RUN)
    await page.locator(sel('power-search-submit')).click()
    await page.locator(sel('power-table'), { hasText: B }).waitFor()

    await page.locator(sel('menu-power-lists')).click()
    await page.locator(sel('page-power-lists')).waitFor()
    await page.locator(sel('power-chart')).waitFor()
    // the bars run in the list's order (DECISIONS 247): the top bar is the table's first zone
    assert.equal((await chartTip(page, 'power-chart', 50))[0], await firstCell(page, 'list-table'))
    await page.locator(sel('list-plan')).click()
    const add = page.locator(sel('list-add-dialog'))
    await pickOption(page, sel('add-zone'), ZONE.org)
    await pickOption(page, sel('add-power'), `${A}（市市场监管局）`)
    await add.locator(sel('add-save')).click()
    await add.waitFor({ state: 'hidden' })
    const row = page.locator(`${sel('list-table')} .el-table__row`, { hasText: A })
    await row.locator(sel('list-status'), { hasText: '拟下放' }).waitFor()
    await row.locator(sel('step-delegate')).click()
    const step = page.locator(sel('step-dialog'))
    await step.waitFor()
    // the document is required: the server's refusal shows at its field
    watcher.allow('POST', /\/api\/power-delegations\/\d+\/steps$/, 400)
    await step.locator(`${sel('step-effective')} input`).click()
    await step.locator(`${sel('step-effective')} input`).fill('2025-03-01')
    await step.locator(`${sel('step-effective')} input`).press('Enter')
    await step.locator(sel('step-save')).click()
    await step.locator('.el-form-item__error', { hasText: '请填写下放依据的文件' }).waitFor()
    await step.locator(sel('step-document')).fill('抚市监发〔2025〕30号')
    await step.locator(sel('step-save')).click()
    await step.waitFor({ state: 'hidden' })
    await row.locator(sel('list-status'), { hasText: '已下放' }).waitFor()
    await shot(page, 'powers-department-list')
    watcher.assertClean()
  })

  test('the department evaluates a delegated power from its monthly figures', async () => {
    const { page, watcher } = b
    await page.locator(sel('menu-power-evaluation')).click()
    await page.locator(sel('page-power-evaluation')).waitFor()
    await page.locator(sel('eval-chart')).waitFor()
    // a power delegated without a case done has no average time, only its promised limit
    const none = page.locator(`${sel('eval-table')} .el-table__row`, { hasText: A })
    assert.equal((await none.locator(sel('eval-avg')).innerText()).trim(), '— / 10')
    const first = page.locator(`${sel('eval-table')} .el-table__row`, { has: page.locator(sel('eval-evaluate')) }).first()
    await first.locator(sel('eval-evaluate')).click()
    const d = page.locator(sel('eval-dialog'))
    await d.waitFor()
    await d.locator(sel('eval-reason')).fill('按时办结率、满意率达到要求')
    await d.locator(sel('eval-save')).click()
    await d.waitFor({ state: 'hidden' })
    await page.locator('.el-message--success', { hasText: '评估已记录' }).waitFor()
    await shot(page, 'powers-evaluation')
    // 评估记录: the evaluation just recorded, found by its result; the filter lives in the address
    await page.locator(sel('eval-records')).click()
    await page.locator(sel('page-power-evaluations')).waitFor()
    await page.locator(sel('evals-chart')).waitFor()
    const row = page.locator(`${sel('evals-table')} .el-table__row`, { hasText: '按时办结率、满意率达到要求' }).first()
    const result = (await row.locator(sel('evals-result')).innerText()).trim()
    await pickOption(page, sel('evals-filter-result'), result)
    await page.locator(sel('evals-search-submit')).click()
    await page.waitForURL(/[?&]result=(good|improve|revoke)/)
    await page.reload()
    await row.waitFor()
    for (const tag of await page.locator(sel('evals-result')).allInnerTexts()) assert.equal(tag.trim(), result)
    // when each was recorded, as every page writes a time (2026-11-28 11:00:00), not 2026-11-28T03:00:00Z
    const at = (await page.locator(sel('evals-at')).allInnerTexts()).map((s) => s.trim())
    assert.ok(at.length > 0)
    assert.deepEqual(at.filter((s) => !/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(s)), [])
    const csv = await exportFrom(page, 'evals-export', 'csv')
    const lines = fs.readFileSync(await csv.path(), 'utf8').trim().split('\r\n')
    assert.match(lines[0], /评估理由/)
    assert.ok(lines.slice(1).every((l) => l.includes(result)), lines.join('\n'))
    assert.ok(lines.some((l) => l.includes('按时办结率、满意率达到要求')))
    const xlsx = await exportFrom(page, 'evals-export', 'xlsx')
    assert.match(xlsx.suggestedFilename(), /\.xlsx$/)
    const guidance = await exportFrom(page, 'evals-guidance-export', 'csv')
    assert.match(fs.readFileSync(await guidance.path(), 'utf8').split('\r\n')[0], /类别,内容,参加人数/)
    await shot(page, 'powers-evaluations')
    await logout(page)
    watcher.assertClean()
  })

  test('the zone proposes a power and accepts the delegated one', async () => {
    const { page, watcher } = b
    await login(page, watcher, ZONE.username, ZONE.password)
    // 我的待办 counts what the department delegated; its tile opens the list filtered to it (the
    // start page's own requests answered first, so that leaving it aborts none)
    await page.waitForLoadState('networkidle')
    await page.goto('/')
    const tile = page.locator(sel('todo-powers_to_accept'))
    await tile.waitFor()
    await page.waitForLoadState('networkidle') // the dashboard's and the bell's requests too
    const waiting = Number(await tile.getAttribute('data-count'))
    assert.ok(waiting >= 1, String(waiting))
    await tile.click()
    await page.waitForURL(/\/power-lists\?status=delegated/)
    await page.locator(`${sel('list-table')} .el-table__row`, { hasText: A }).waitFor()
    const states = await page.locator(`${sel('list-table')} .el-table__row ${sel('list-status')}`).allTextContents()
    assert.ok(states.length >= 1 && states.every((x) => x.startsWith('已下放')), states.join())
    await page.locator(sel('menu-power-lists')).click()
    await page.locator(sel('page-power-lists')).waitFor()
    await page.locator(sel('list-propose')).click()
    const add = page.locator(sel('list-add-dialog'))
    await pickOption(page, sel('add-power'), `${B}（市市场监管局）`)
    await add.locator(sel('add-note')).fill('区内摊贩集中，申请承接')
    await add.locator(sel('add-save')).click()
    await add.waitFor({ state: 'hidden' })
    await page.locator(`${sel('list-table')} .el-table__row`, { hasText: B }).locator(sel('list-status'), { hasText: '拟申请' }).waitFor()
    const row = page.locator(`${sel('list-table')} .el-table__row`, { hasText: A })
    await row.locator(sel('step-accept')).click()
    const step = page.locator(sel('step-dialog'))
    await step.locator(sel('step-place')).fill('经开区政务服务中心3号窗口')
    await step.locator(sel('step-save')).click()
    await step.waitFor({ state: 'hidden' })
    await row.locator(sel('list-status'), { hasText: '已承接' }).waitFor()
    // the zone takes no department step
    assert.equal(await row.locator(sel('step-revoke')).count(), 0)
    await shot(page, 'powers-zone-list')

    // a social-affairs function with its evidence as a file and a note
    await page.locator(sel('menu-power-affairs')).click()
    await page.locator(sel('social-add')).click()
    const dialog = page.locator(sel('affairs-dialog'))
    await dialog.locator(sel('social-name')).fill(`社区卫生服务${RUN}`)
    await dialog.locator(`${sel('social-upload')} input[type=file]`).setInputFiles({ name: '移交方案.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') })
    await dialog.locator(sel('social-file')).waitFor()
    await dialog.locator(sel('social-evidence')).fill('方案已报区政府')
    await dialog.locator(sel('affairs-save')).click()
    await dialog.waitFor({ state: 'hidden' })
    const social = page.locator(`${sel('social-table')} .el-table__row`, { hasText: `社区卫生服务${RUN}` })
    await social.locator(sel('social-files'), { hasText: '移交方案.pdf' }).waitFor()
    await social.filter({ hasText: '方案已报区政府' }).waitFor()
    await social.locator(sel('social-edit')).click()
    await dialog.locator(sel('file-name'), { hasText: '移交方案.pdf' }).waitFor()
    await shot(page, 'powers-social-files')
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
    watcher.assertClean()
  })

  test('the office’s open problems in 我的待办 open the key matters with the open problems only', async () => {
    const { page, watcher } = b
    await logout(page)
    await login(page, watcher, OFFICE.username, OFFICE.password)
    await page.waitForLoadState('networkidle')
    await page.goto('/')
    const tile = page.locator(sel('todo-problems_open'))
    await tile.waitFor()
    const open = Number(await tile.getAttribute('data-count'))
    assert.ok(open >= 1, String(open))
    await tile.click()
    await page.waitForURL(/\/power-affairs\?tab=matters&problem_status=open/)
    // the demo's open problem, and not its answered one
    const rows = page.locator(`${sel('problem-table')} .el-table__row`)
    await rows.filter({ hasText: '抚顺某新材料科技有限公司' }).waitFor()
    const texts = await rows.allInnerTexts()
    assert.equal(texts.length, open, texts.join('\n'))
    assert.ok(texts.every((x) => x.includes('办理中')), texts.join('\n'))
    // another status goes into the address and shows its problems
    await pickOption(page, sel('problem-status'), '已答复')
    await page.waitForURL(/problem_status=answered/)
    await rows.filter({ hasText: '抚顺某餐饮管理有限公司' }).waitFor()
    assert.equal(await rows.filter({ hasText: '抚顺某新材料科技有限公司' }).count(), 0)
    // the office sets the months without a case that make a power 下放了用不上 (put back after)
    // when it was last set shows as every page writes a time, in Beijing: the day after the UTC date
    await page.route('**/api/power-settings', async (route) => {
      if (route.request().method() !== 'GET') return route.continue()
      const res = await route.fetch()
      await route.fulfill({ response: res, json: { ...(await res.json()), changed_at: '2026-11-27T17:30:00Z', changed_by_name: '改革办' } })
    })
    await page.locator(sel('menu-power-evaluation')).click()
    const setting = page.locator(sel('eval-setting'))
    await setting.locator(sel('eval-setting-months')).waitFor()
    await setting.filter({ hasText: '（改革办于2026-11-28 01:30:00设置）' }).waitFor()
    await page.unroute('**/api/power-settings')
    for (const n of [4, 6]) {
      await setting.locator(`${sel('eval-setting-months')} input`).fill(String(n))
      await setting.locator(sel('eval-setting-save')).click()
      await setting.filter({ hasText: `连续${n}个月无办件` }).filter({ hasText: '设置）' }).waitFor()
    }
    // the 督导看板 counts the rules to adjust and the social-affairs hand-over; its link opens the
    // overdue rules, the filter in the address
    await page.locator(sel('menu-board')).click()
    const card = page.locator(sel('board-powers'))
    await card.locator(sel('board-social-counts')).waitFor()
    await page.waitForLoadState('networkidle')
    const late = Number((await card.locator(sel('board-rules-overdue')).innerText()).match(/\d+/)[0])
    await shot(page, 'powers-on-board')
    await card.locator(sel('board-rules-link')).click()
    await page.waitForURL(/\/power-affairs\?tab=rules&rule_overdue=1/)
    await page.locator(`${sel('rule-overdue')}.is-checked`).waitFor()
    await page.waitForLoadState('networkidle')
    assert.equal(await page.locator(`${sel('rule-table')} .el-table__row`).count(), late)

    // the summary line waits for its counts: no placeholder names while the board is on its way
    let release, read
    const held = new Promise((resolve) => (release = resolve))
    // the counts are read off the answer while the page waits; on a loaded machine that can
    // come after the page's own checks below
    const countsRead = new Promise((resolve) => (read = resolve))
    let counts
    await page.route('**/api/powers-board', async (route) => {
      const res = await route.fetch()
      counts = await res.json()
      read()
      await held
      await route.fulfill({ response: res })
    })
    await Promise.all([page.waitForRequest('**/api/powers-board'), page.goto('/power-affairs')])
    await page.locator(sel('social-table')).waitFor()
    assert.doesNotMatch(await page.locator(sel('page-power-affairs')).innerText(), /[{}]/)
    await countsRead
    release()
    const r = counts.rules
    await page.locator(sel('affairs-board'), { hasText: `规则调整：待启动 ${r.planned} · 办理中 ${r.in_progress} · 已完成 ${r.done} · 逾期 ${r.overdue}` }).waitFor()
    await page.unroute('**/api/powers-board')
    // 社会事务's bars run in its table's order: the top bar is the table's first zone
    assert.equal((await chartTip(page, 'social-chart', 30))[0], await firstCell(page, 'social-table'))
    // 评估记录's bars run in the server's order of the departments
    await page.goto('/power-evaluations')
    await page.locator(sel('evals-chart')).waitFor()
    const depts = await page.evaluate(async () => (await (await fetch('/api/power-evaluations/by-department')).json()).items.map((x) => x.dept_org_name))
    assert.ok(depts.length > 1, depts.join(' | '))
    assert.equal((await chartTip(page, 'evals-chart', 55))[0], depts[0])
    await logout(page)
    await login(page, watcher, ZONE.username, ZONE.password)
    watcher.assertClean()
  })

  test('编办 approves a submitted 权责清单; a function in no one’s hands is refused', async () => {
    const { page, watcher } = b
    // the zone's list: change the approved (or waiting) one
    await page.locator(sel('menu-duty-lists')).click()
    await page.locator(sel('page-duty-lists')).waitFor()
    await page.locator(sel('duty-table'), { hasText: ZONE.org }).waitFor()
    await logout(page)

    await login(page, watcher, BIANBAN.username, BIANBAN.password)
    await page.locator(sel('menu-duty-lists')).click()
    // the index of every zone's current list exports
    await page.locator(`${sel('duty-table')} .el-table__row`).first().waitFor()
    const index = await exportFrom(page, 'duty-export', 'csv')
    const indexRows = fs.readFileSync(await index.path(), 'utf8').trim().split('\r\n')
    assert.match(indexRows[0], /所在县区/)
    assert.equal(indexRows.length - 1, await page.locator(`${sel('duty-table')} .el-table__row`).count())
    const waiting = page.locator(`${sel('duty-table')} .el-table__row`, { hasText: '待审批' }).first()
    await waiting.locator(sel('duty-open')).click()
    await page.locator(sel('page-duty-list')).waitFor()
    await page.locator(sel('duty-approve')).click()
    await confirmBox(page)
    await page.locator(sel('duty-status'), { hasText: '已批准' }).waitFor()
    await shot(page, 'powers-duty-approved')
    await logout(page)

    await login(page, watcher, ZONE.username, ZONE.password)
    await page.locator(sel('menu-duty-lists')).click()
    await page.locator(`${sel('duty-table')} .el-table__row`, { hasText: ZONE.org }).locator(sel('duty-open')).click()
    await page.locator(sel('page-duty-list')).waitFor()
    await page.locator(sel('duty-status'), { hasText: '已批准' }).waitFor()
    await page.locator(sel('duty-edit')).click()
    await page.locator(sel('duty-add-item')).click()
    await page.locator(sel('duty-item-name')).last().fill('安全生产执法')
    // the new function has no holder yet: refused, nothing saved
    watcher.allow('POST', '/api/duty-lists', 400)
    await page.locator(sel('duty-save')).click()
    await page.locator('.el-message--error', { hasText: '没有承担主体' }).waitFor()
    await page.locator(sel('duty-item-holder')).last().click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: /^\s*县区\s*$/ }).first().click()
    await page.locator(sel('duty-save')).click()
    await page.locator(sel('duty-status'), { hasText: '草稿' }).waitFor()
    assert.match(await page.locator(sel('duty-versions')).innerText(), /第2版[\s\S]*草稿[\s\S]*第1版[\s\S]*已批准/)
    await shot(page, 'powers-duty-v2')
    await logout(page)
    watcher.assertClean()
  })

  test('the public page shows published lists without sign-in, on a phone too', async () => {
    const { page, watcher } = b
    await page.setViewportSize({ width: 390, height: 844 })
    watcher.allow('GET', '/api/public/problems', 404)
    await page.goto('/public/powers')
    await page.locator(sel('page-public-powers')).waitFor()
    await page.locator(sel('public-item')).first().waitFor()
    assert.equal(await page.locator(sel('login-form')).count(), 0)
    const wheres = await page.locator(sel('public-where')).allInnerTexts()
    assert.ok(wheres.length > 0 && wheres.every((w) => w.trim().length > 0))
    // nothing wider than the phone's screen
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`)
    for (const s of ['评估', '好评', '差评', '抚市监发']) assert.ok(!(await page.locator(sel('page-public-powers')).innerText()).includes(s), s)
    await shot(page, 'powers-public-phone')
    await page.locator(sel('public-code')).fill('ABCDE-FGHJK-MNPQR-STVWX')
    await page.locator(sel('public-ask')).click()
    await page.locator(sel('public-problem-error'), { hasText: '查询码不正确' }).waitFor()
    await page.setViewportSize({ width: 1440, height: 900 })
    watcher.assertClean()
  })

  test('an enterprise follows its reported problem by the query code, the time written as every page writes one', async () => {
    const { page, watcher } = b
    await login(page, watcher, DATA.username, DATA.password)
    await page.goto('/power-affairs?tab=matters')
    await page.locator(sel('problem-add')).click()
    await page.locator(sel('problem-enterprise')).fill('抚顺示例机械有限公司')
    await pickOption(page, sel('problem-handler'), '市市场监管局')
    await page.locator(sel('problem-description')).fill('食品经营许可变更材料要求不一致（示例）')
    await page.locator(sel('affairs-save')).click()
    const box = page.locator('.el-message-box:visible')
    await box.waitFor()
    const code = /：(\S+)$/.exec((await box.locator('.el-message-box__message').innerText()).trim())[1]
    await confirmBox(page)
    await logout(page)

    await page.goto('/public/powers')
    await page.locator(sel('public-code')).fill(code)
    await page.locator(sel('public-ask')).click()
    const item = page.locator(`${sel('public-problem')} .el-descriptions__body tr`, { hasText: '登记时间' })
    const at = (await item.locator('td').last().innerText()).trim()
    assert.match(at, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/)
    watcher.assertClean()
  })

  // more problems than one page holds: the table pages on the server (it asked for 500 and showed
  // what came back, so that the 501st was missing without a sign), and the status filter stays
  test('the problems past one page are on the next page, the status kept', async () => {
    const { page, watcher } = b
    const data = await apiClient(server.url, DATA)
    const market = (await data.get('/api/power-orgs')).items.find((o) => o.name === MARKET.org)
    for (let i = 1; i <= 21; i++) {
      await data.post('/api/problems', { enterprise: `分页企业${RUN}-${i}`, source: 'hotline', description: '分页测试', handler_org_id: market.id })
    }
    const { total } = await data.get('/api/problems?status=open&page_size=1')
    assert.ok(total > 20 && total <= 40, String(total))
    await login(page, watcher, DATA.username, DATA.password)
    await page.goto('/power-affairs?tab=matters&problem_status=open')
    const rows = page.locator(`${sel('problem-table')} .el-table__row`)
    const pager = page.locator(sel('problem-pagination'))
    await pager.locator('.el-pagination__total', { hasText: `共 ${total} 条` }).waitFor()
    await page.waitForLoadState('networkidle')
    assert.equal(await rows.count(), 20)
    const asked = page.waitForRequest((r) => {
      const u = new URL(r.url())
      return u.pathname === '/api/problems' && u.searchParams.get('page') === '2' && u.searchParams.get('status') === 'open'
    })
    await pager.locator('.btn-next').click()
    await asked
    await page.waitForURL(/problem_page=2/)
    assert.match(page.url(), /problem_status=open/)
    await page.waitForLoadState('networkidle')
    assert.equal(await rows.count(), total - 20)
    assert.ok((await rows.allInnerTexts()).every((x) => x.includes('办理中')))
    await logout(page)
    watcher.assertClean()
  })

  // a picker offers every item, page after page: the answers are cut to two a page here (the
  // server's own paging, a smaller page), and the key matter's powers still offer the whole catalogue
  test('the key matter’s powers offer the whole catalogue, whatever the page size', async () => {
    const { page, watcher } = b
    const { total } = await (await apiClient(server.url, DATA)).get('/api/powers?page_size=1')
    assert.ok(total > 2, String(total))
    await page.route('**/api/powers?*', (route) => {
      const u = new URL(route.request().url())
      u.searchParams.set('page_size', '2')
      return route.continue({ url: u.toString() })
    })
    try {
      await login(page, watcher, DATA.username, DATA.password)
      await page.goto('/power-affairs?tab=matters')
      await page.waitForLoadState('networkidle')
      await page.locator(sel('matter-add')).click()
      await page.locator(`.el-select${sel('matter-powers')}`).click()
      const options = page.locator('.el-select-dropdown__item:visible')
      await options.first().waitFor()
      assert.equal(await options.count(), total)
      await page.keyboard.press('Escape')
      const dialog = page.locator(sel('affairs-dialog'))
      await dialog.locator('.el-dialog__footer button', { hasText: '取消' }).click()
      await dialog.waitFor({ state: 'hidden' })
      await logout(page)
    } finally {
      await page.unroute('**/api/powers?*')
    }
    watcher.assertClean()
  })

  // at 07:00 in Beijing the UTC date is still yesterday's: a target of yesterday is past
  // (red), as the server counts it, and today's is not (DECISIONS 269)
  test('社会事务 marks a target past by Beijing’s date, before 08:00 too', async () => {
    const zone = await apiClient(server.url, ZONE)
    const { user } = await zone.get('/api/session')
    const names = { yesterday: `移交目标昨日${RUN}`, today: `移交目标今日${RUN}` }
    for (const [when, target] of [['yesterday', '2030-03-01'], ['today', '2030-03-02']]) {
      await zone.post('/api/social-affairs', { zone_org_id: user.org_id, category: 'community', status: 'planned', name: names[when], receiving_body: '抚顺市顺城区人民政府', target_date: target })
    }
    const own = await openBrowser(server.url)
    try {
      const { page, watcher } = own
      await page.clock.setFixedTime(new Date('2030-03-02T07:00:00+08:00'))
      await login(page, watcher, ZONE.username, ZONE.password)
      await page.goto('/power-affairs?tab=social&social_page_size=100')
      // the target's text, and whether it is marked past
      const target = async (name) => {
        const span = page.locator(`${sel('social-table')} .el-table__row`, { hasText: name }).locator('td').nth(4).locator('span')
        return [await span.innerText(), await span.evaluate((el) => el.classList.contains('danger'))]
      }
      await page.locator(`${sel('social-table')} .el-table__row`, { hasText: names.today }).waitFor()
      assert.deepEqual(await target(names.yesterday), ['2030-03-01', true])
      assert.deepEqual(await target(names.today), ['2030-03-02', false])
      watcher.assertClean()
    } finally {
      await own.close()
    }
  })
})
