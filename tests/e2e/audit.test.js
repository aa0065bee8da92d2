// The auditor reads the audit log and verifies its hash chain; the supervisor reads it too;
// the admin cannot.
import { describe, test as nodeTest, before, after } from 'node:test'
import assert from 'node:assert/strict'
import os from 'node:os'
import { startServer } from './server.js'
import { openBrowser, login, logout, menuTexts, pickOption, shot, sel, RUN, exportFrom, apiClient, pickTreeOption } from './helpers.js'
import { testWithShots } from './helpers.js'

const ADMIN = { username: 'admin', password: 'Admin#Passw0rd1', org: '市商务局', role: 'admin' }
const AUDITOR = { username: `auditor_${RUN}`, password: 'Audit#Passw0rd1', org: '市审计局', role: 'auditor', displayName: '审计员王五' }
const LOCKED = { username: `locked_${RUN}`, password: 'Locked#Passw0rd1', org: '市商务局', role: 'office', displayName: '被锁定者' }
const SUPERVISOR = { username: `super_${RUN}`, password: 'Super#Passw0rd1', org: '市纪委监委', role: 'supervisor', displayName: '监督员赵六' }

// Picks today in the range picker's calendar (the browser's today, in zone) as both ends and
// searches; asserts that the address asks for that whole day as a Beijing day (the API's end
// exclusive) and returns the day.
async function searchToday(page, zone) {
  await page.locator(`${sel('audit-filter-range')} input`).first().click()
  const today = page.locator('.el-picker-panel:visible .el-date-table td.today').first()
  await today.click()
  await today.click()
  await page.locator('.el-picker-panel:visible .el-picker-panel__footer .el-button').last().click()
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/audit?') && r.url().includes('from=')),
    page.locator(sel('audit-search-submit')).click(),
  ])
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date())
  const start = Date.parse(`${day}T00:00:00+08:00`)
  const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
  const q = new URL(page.url()).searchParams
  assert.deepEqual([q.get('from'), q.get('to')], [iso(start), iso(start + 86400e3)])
  return day
}

describe('audit log', () => {
  let server
  let b
  const test = testWithShots(nodeTest, () => b?.page)

  before(async () => {
    server = await startServer({ name: 'audit', users: [ADMIN, AUDITOR, SUPERVISOR, LOCKED] })
    b = await openBrowser(server.url)
  })

  after(async () => {
    if (b) await b.close()
    if (server) await server.stop()
  })

  test('the admin has no audit menu and /audit is out of reach', async () => {
    const { page, watcher } = b
    await login(page, watcher, ADMIN.username, ADMIN.password)
    assert.ok(!(await menuTexts(page)).includes('审计日志'))
    await page.goto('/audit')
    await page.locator(sel('page-forbidden')).waitFor()
    await logout(page)
    watcher.assertClean()
  })

  test('the auditor sees the log, a record in the drawer, and the chain verifies', async () => {
    const { page, watcher } = b
    await login(page, watcher, AUDITOR.username, AUDITOR.password)
    assert.deepEqual(await menuTexts(page), ['首页', '审计日志', '个人中心'])
    await page.locator(`${sel('stat-audit')} ${sel('stat-value')}`).waitFor()
    await shot(page, 'dashboard-auditor')

    await page.locator(sel('menu-audit')).click()
    await page.locator(sel('audit-row-action')).first().waitFor()
    const actions = await page.locator(sel('audit-row-action')).allInnerTexts()
    assert.ok(actions.length > 0)

    await page.locator(sel('audit-verify')).click()
    const result = page.locator(sel('audit-verify-result'))
    await result.waitFor()
    assert.equal(await result.getAttribute('data-ok'), 'true')
    assert.match(await result.innerText(), /哈希链完整：共 \d+ 条记录/)
    assert.match(await page.locator(sel('audit-head-hash')).innerText(), /^[0-9a-f]{64}$/)
    await shot(page, 'audit-auditor')

    await page.locator(sel('audit-detail')).first().click()
    const drawer = page.locator('.el-drawer:visible')
    await drawer.waitFor()
    // who, by name and organization; the raw record one click away
    assert.equal((await drawer.locator(sel('audit-org')).innerText()).trim(), '市审计局')
    await drawer.locator(`${sel('audit-raw')} .el-collapse-item__header`).click()
    await drawer.locator(sel('audit-after')).waitFor()
    await shot(page, 'audit-drawer')
    await drawer.locator('.el-drawer__close-btn').click()
    await drawer.waitFor({ state: 'hidden' })

    // filter by action: only logins
    await pickOption(page, sel('audit-filter-action'), '登录')
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/audit?') && r.url().includes('action=login')),
      page.locator(sel('audit-search-submit')).click(),
    ])
    await page.locator(sel('audit-row-action')).first().waitFor()
    const filtered = await page.locator(sel('audit-row-action')).allInnerTexts()
    assert.ok(filtered.length > 0 && filtered.every((a) => a.trim() === '登录'), `only logins: ${filtered}`)

    const download = await exportFrom(page, 'audit-export', 'xlsx')
    assert.match(download.suggestedFilename(), /\.xlsx$/)
    await logout(page)
    watcher.assertClean()
  })

  test('the supervisor reads organizations and the audit log', async () => {
    const { page, watcher } = b
    await login(page, watcher, SUPERVISOR.username, SUPERVISOR.password)
    assert.deepEqual(await menuTexts(page), ['首页', '改革任务', '一区一策计划', '推进节点', '进展报告', '督导看板', '督办单', '征求意见', '工作周报', '企业名录', '财力分成', '分成测算', '合作共建', '开发区预决算', '项目绩效', '平台公司', '债务风险', '权力事项目录', '一区一单', '赋权评估', '权责清单', '社会事务与营商环境', '工作日历', '用地地图', '地块', '低效用地处置', '亩均效益评价', '闲置楼宇', '产业规划', '招商项目', '编制核定', '人员名册', '绩效薪酬', '年度考核', '内部考核', '容错免责', '容错案例库', '县区考核视图', '班子成员奖惩', '编制测算', '组织机构', '审计日志', '个人中心'])
    await page.locator(sel('menu-audit')).click()
    await page.locator(sel('audit-row-action')).first().waitFor()
    await page.locator(sel('audit-verify')).click()
    assert.equal(await page.locator(sel('audit-verify-result')).getAttribute('data-ok'), 'true')
    await page.locator(sel('menu-orgs')).click()
    await page.locator(sel('org-row-name')).first().waitFor()
    assert.equal(await page.locator(sel('org-create')).count(), 0)
    // read-only: 赋权评估 offers no import of case figures the server would refuse
    await page.goto('/power-evaluation')
    await page.locator(sel('eval-total')).waitFor()
    assert.equal(await page.locator(sel('eval-import')).count(), 0)
    watcher.assertClean()
  })

  test('a day picked as the time range lists the whole of that day', async () => {
    // the picker gives a day 00:00:00 at both ends; the API's end is exclusive, so today
    // picked twice listed nothing, and the end day of a longer range was left out
    const { page, watcher } = b
    await logout(page)
    await login(page, watcher, AUDITOR.username, AUDITOR.password)
    await page.goto('/audit')
    await page.locator(sel('audit-row-action')).first().waitFor()
    const day = await searchToday(page, 'Asia/Shanghai')
    // the login just made is among them
    await page.locator(sel('audit-row-action')).first().waitFor()
    assert.ok((await page.locator(sel('audit-row-action')).allInnerTexts()).some((a) => a.trim() === '登录'))
    // and a reload shows the same day picked
    await page.reload()
    await page.locator(sel('audit-row-action')).first().waitFor()
    const shown = await page.locator(`${sel('audit-filter-range')} input`).evaluateAll((els) => els.map((e) => e.value))
    assert.deepEqual(shown, [`${day} 00:00:00`, `${day} 23:59:59`])
    watcher.assertClean()
  })

  test('in a browser in New York, times shown and a day picked are Beijing’s', async () => {
    // DECISIONS 282: the browser's zone would show 2026-11-27 22:00:00 for 2026-11-28 11:00
    // Beijing time, and a day picked would be New York's day, 13 hours later
    const ny = await openBrowser(server.url, { timezoneId: 'America/New_York' })
    try {
      const { page, watcher } = ny
      await login(page, watcher, AUDITOR.username, AUDITOR.password)
      const [res] = await Promise.all([page.waitForResponse((r) => r.url().includes('/api/audit?')), page.goto('/audit')])
      const first = (await res.json()).items[0]
      const beijing = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      await page.locator(sel('audit-row-time')).first().waitFor()
      assert.equal((await page.locator(sel('audit-row-time')).first().innerText()).trim(), beijing.format(new Date(first.time)))
      // today in the calendar is New York's today; picked, it is that day in Beijing
      const day = await searchToday(page, 'America/New_York')
      await page.reload()
      await page.locator(`${sel('audit-filter-range')} input`).first().waitFor()
      const shown = await page.locator(`${sel('audit-filter-range')} input`).evaluateAll((els) => els.map((e) => e.value))
      assert.deepEqual(shown, [`${day} 00:00:00`, `${day} 23:59:59`])
      watcher.assertClean()
    } finally {
      await ny.close()
    }
  })

  test('操作人 typed as a login name lists that login, the command line’s too', async () => {
    // the accounts of this test were made with `kfq user add`: recorded as cli:<login>, no id
    const { page, watcher } = b
    const cli = `cli:${os.userInfo().username}`
    await page.goto('/audit')
    await page.locator(sel('audit-row-action')).first().waitFor()
    await page.locator(`${sel('audit-filter-user')} input`).fill(cli)
    await page.keyboard.press('Enter')
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/audit?') && r.url().includes('username=')),
      page.locator(sel('audit-search-submit')).click(),
    ])
    assert.equal(new URL(page.url()).searchParams.get('username'), cli)
    await page.locator(sel('audit-row-user')).first().waitFor()
    const users = (await page.locator(sel('audit-row-user')).allInnerTexts()).map((x) => x.trim())
    assert.ok(users.length >= 3 && users.every((x) => x === cli), users.join())

    // 对象ID is text: some objects are named so (a company's year "3/2025", the chain)
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/audit?') && r.url().includes('entity_id=3%2F2025')),
      page.goto('/audit?entity_id=3%2F2025'),
    ])
    assert.equal(await page.locator(sel('audit-filter-entity-id')).inputValue(), '3/2025')
    assert.equal(new URL(page.url()).searchParams.get('entity_id'), '3/2025')
    watcher.assertClean()
  })

  test('the comparison reads in Chinese: a lock for good, the account named though unchanged; filters by 单位 and a part of a name', async () => {
    // DECISIONS 384, 423: a lock by the admin read "锁定至 9999-12-31 23:59:59", and which
    // account it was showed only in the raw record
    const admin = await apiClient(server.url, ADMIN)
    const users = await admin.get(`/api/users?q=${LOCKED.username}`)
    const id = users.items.find((u) => u.username === LOCKED.username).id
    await admin.action(`/api/users/${id}/lock`)
    const { page, watcher } = b
    await page.goto(`/audit?entity_type=user&entity_id=${id}&action=lock`)
    await page.locator(sel('audit-detail')).first().click()
    const drawer = page.locator('.el-drawer:visible')
    await drawer.locator(sel('audit-changes')).waitFor()
    const texts = async (name) => (await drawer.locator(sel(name)).allInnerTexts()).map((x) => x.trim())
    const fields = await texts('audit-change-field')
    const before = await texts('audit-change-before')
    const after = await texts('audit-change-after')
    const rows = fields.map((f, i) => [f, before[i], after[i]])
    assert.deepEqual(rows, [
      ['编号', String(id), String(id)],
      ['已锁定', '否', '是'],
      ['锁定至', '', '永久锁定'],
      ['用户名', LOCKED.username, LOCKED.username],
    ])
    await drawer.locator('.el-drawer__close-btn').click()
    await drawer.waitFor({ state: 'hidden' })

    // 操作人 typed as a part of a display name, case-blind on the login: the auditor's own
    // records; 单位 picked: only that organization's
    await page.goto('/audit?username=%E5%AE%A1%E8%AE%A1%E5%91%98') // 审计员
    await page.locator(sel('audit-row-user')).first().waitFor()
    const who = (await page.locator(sel('audit-row-user')).allInnerTexts()).map((x) => x.trim())
    assert.ok(who.length > 0 && who.every((x) => x === '审计员王五（市审计局）'), who.join())
    await page.goto('/audit')
    await page.locator(sel('audit-row-action')).first().waitFor()
    await pickTreeOption(page, sel('audit-filter-org'), '市审计局')
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/audit?') && r.url().includes('org_id=')),
      page.locator(sel('audit-search-submit')).click(),
    ])
    await page.locator(sel('audit-row-user')).first().waitFor()
    const orgs = (await page.locator(sel('audit-row-user')).allInnerTexts()).map((x) => x.trim())
    assert.ok(orgs.length > 0 && orgs.every((x) => x.endsWith('（市审计局）')), orgs.join())
    watcher.assertClean()
  })
})
