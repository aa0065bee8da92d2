// 系统管理 › 职能授权: the office sees what its organization holds on its account page, the
// capability catalogue and the grants `kfq demo`'s import seeded, searches and filters them,
// grants one (a second time is refused at the field), revokes one after a confirmation it may
// cancel, and exports them. The side menu is built from the permissions GET /api/session
// sends: the zone and the supervisor get their menus, and a session answer with other
// permissions changes the menu and the guard, whatever the role.
import { describe, test as nodeTest, before, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createRequire } from 'node:module'
import { startServer, ROOT } from './server.js'
import { openBrowser, login, logout, menuTexts, pickOption, pickTreeOption, shot, sel, confirmBox, columnTexts, RUN, exportFrom } from './helpers.js'
import { testWithShots } from './helpers.js'

const { xlsxText } = createRequire(import.meta.url)(path.join(ROOT, 'tests/api/harness.js'))

const OFFICE = { username: `office_${RUN}`, password: 'Office#Passw0rd1', org: '市商务局', role: 'office', displayName: '改革办李四' }
const ZONE = { username: `zone_${RUN}`, password: 'Zone#Passw0rd12', org: '抚顺经济开发区（示例）', role: 'zone' }
const SUPERVISOR = { username: `super_${RUN}`, password: 'Super#Passw0rd1', org: '市纪委监委', role: 'supervisor' }
const ZONE_MENUS = ['首页', '改革任务', '一区一策计划', '推进节点', '进展报告', '督导看板', '督办单', '征求意见', '工作周报', '企业名录', '财力分成', '合作共建', '开发区预决算', '项目绩效', '平台公司', '债务风险', '权力事项目录', '一区一单', '赋权评估', '权责清单', '社会事务与营商环境', '工作日历', '用地地图', '地块', '低效用地处置', '亩均效益评价', '闲置楼宇', '产业规划', '招商项目', '编制核定', '人员名册', '绩效薪酬', '年度考核', '内部考核', '容错免责', '容错案例库', '县区考核视图', '班子成员奖惩', '编制测算', '组织机构', '个人中心']
const OFFICE_MENUS = ['首页', '改革任务', '一区一策计划', '推进节点', '进展报告', '督导看板', '督办单', '征求意见', '工作周报', '企业名录', '财力分成', '分成测算', '合作共建', '开发区预决算', '项目绩效', '平台公司', '债务风险', '权力事项目录', '一区一单', '赋权评估', '权责清单', '社会事务与营商环境', '工作日历', '用地地图', '地块', '低效用地处置', '亩均效益评价', '闲置楼宇', '产业规划', '招商项目', '编制核定', '人员名册', '绩效薪酬', '年度考核', '内部考核', '容错免责', '容错案例库', '县区考核视图', '班子成员奖惩', '编制测算', '组织机构', '职能授权', '个人中心']
const SUPERVISOR_MENUS = ['首页', '改革任务', '一区一策计划', '推进节点', '进展报告', '督导看板', '督办单', '征求意见', '工作周报', '企业名录', '财力分成', '分成测算', '合作共建', '开发区预决算', '项目绩效', '平台公司', '债务风险', '权力事项目录', '一区一单', '赋权评估', '权责清单', '社会事务与营商环境', '工作日历', '用地地图', '地块', '低效用地处置', '亩均效益评价', '闲置楼宇', '产业规划', '招商项目', '编制核定', '人员名册', '绩效薪酬', '年度考核', '内部考核', '容错免责', '容错案例库', '县区考核视图', '班子成员奖惩', '编制测算', '组织机构', '审计日志', '个人中心']

// Serves GET /api/session with its permissions changed by edit(list) → list. Waits first for
// the page's own requests (the home page's figures, the inbox count), which a reload would
// otherwise abort.
async function rewriteSession(page, edit) {
  await page.waitForLoadState('networkidle')
  await page.route('**/api/session', async (route) => {
    if (route.request().method() !== 'GET') return route.continue()
    const res = await route.fetch()
    const json = await res.json()
    json.permissions = edit(json.permissions)
    await route.fulfill({ response: res, json })
  })
}

describe('organization capabilities', () => {
  let server
  let b
  const test = testWithShots(nodeTest, () => b?.page)

  before(async () => {
    server = await startServer({ name: 'capability', demo: true, users: [OFFICE, ZONE, SUPERVISOR] })
    b = await openBrowser(server.url)
  })

  after(async () => {
    if (b) await b.close()
    if (server) await server.stop()
  })

  test('the office finds 职能授权 under 系统管理 with the catalogue and the seeded grants', async () => {
    const { page, watcher } = b
    await login(page, watcher, OFFICE.username, OFFICE.password)
    assert.deepEqual(await menuTexts(page), OFFICE_MENUS)
    assert.match(await page.locator(`${sel('menu-group-system')} .el-sub-menu__title`).innerText(), /系统管理/)
    // 市商务局 leads art. 14 and is among art. 4's 市直相关部门: the account page names both
    await page.locator(sel('menu-account')).click()
    const held = page.locator(sel('account-capabilities'))
    await held.locator('.el-tag', { hasText: '接收薪酬方案备案' }).waitFor()
    assert.deepEqual((await held.locator('.el-tag').allInnerTexts()).map((x) => x.trim()), ['接收薪酬方案备案', '向开发区赋权'])
    await page.locator(sel('menu-capabilities')).click()
    await page.locator(sel('page-capabilities')).waitFor()
    const catalogue = page.locator(sel('capability-catalogue'))
    await catalogue.locator('.cap-label', { hasText: '核定机构编制' }).waitFor()
    for (const s of ['确认财力分成结算', '接收薪酬方案备案', '查看个人身份信息', '向开发区赋权', '第7条“优化机构编制配置”的牵头单位', '不自动授权']) {
      assert.ok((await catalogue.innerText()).includes(s), `catalogue lacks ${s}`)
    }
    // art. 7: 1, art. 6: 1, art. 14: 4, art. 4's 市直相关部门: 11 and its lead: 1, art. 3: 1, and
    // art. 2's leads: 2, art. 15's lead: 1, the two departments the powers demo adds (市住建局,
    // 市生态环境局) with delegate_power, art. 12's responsible department (市国资委), and
    // decide_fault that the demo grants 市纪委监委 and 市委组织部
    await page.locator(sel('capability-total'), { hasText: '共 28 条' }).waitFor()
    await shot(page, 'capabilities-office')

    await pickOption(page, sel('capability-filter'), '接收薪酬方案备案')
    await page.locator(sel('capability-search-submit')).click()
    await page.locator(sel('capability-total'), { hasText: '共 4 条' }).waitFor()
    assert.deepEqual(await columnTexts(page, 'capability-row-org'), ['市商务局', '市科技局', '市财政局', '市人社局'])
    assert.deepEqual(new Set(await columnTexts(page, 'capability-row-note')), new Set(['依据第14条“完善考核评价体系”生成']))
    await page.locator(sel('capability-search-reset')).click()
    await page.locator(sel('capability-search')).fill('编办')
    await page.locator(sel('capability-search-submit')).click()
    await page.locator(sel('capability-total'), { hasText: '共 3 条' }).waitFor()
    assert.deepEqual(await columnTexts(page, 'capability-row-label'), ['核定机构编制', '向开发区赋权', '审定权责清单'])
    watcher.assertClean()
  })

  test('the office grants read_personal to a zone; the same grant again is refused at the field', async () => {
    const { page, watcher } = b
    await page.locator(sel('capability-search-reset')).click()
    await page.locator(sel('capability-grant')).click()
    const dialog = page.locator(sel('grant-dialog'))
    await dialog.waitFor()
    // required fields first
    await dialog.locator(sel('grant-submit')).click()
    await dialog.locator('.el-form-item__error', { hasText: '请选择机构' }).waitFor()
    await pickTreeOption(page, sel('grant-org'), ZONE.org)
    await pickOption(page, sel('grant-capability'), '查看个人身份信息')
    await dialog.locator('.hint', { hasText: '审计日志中始终遮盖' }).waitFor()
    await dialog.locator(sel('grant-note')).fill('核对本区人员身份证号')
    await dialog.locator(sel('grant-submit')).click()
    await dialog.waitFor({ state: 'hidden' })
    await page.locator(sel('capability-total'), { hasText: '共 29 条' }).waitFor()
    await page.locator(sel('capability-search')).fill('经济开发区')
    await page.locator(sel('capability-search-submit')).click()
    await page.locator(sel('capability-total'), { hasText: '共 1 条' }).waitFor()
    assert.deepEqual(await columnTexts(page, 'capability-row-label'), ['查看个人身份信息'])
    assert.deepEqual(await columnTexts(page, 'capability-row-note'), ['核对本区人员身份证号'])

    watcher.allow('POST', '/api/capabilities/grants', 409)
    await page.locator(sel('capability-grant')).click()
    await dialog.waitFor()
    await pickTreeOption(page, sel('grant-org'), ZONE.org)
    await pickOption(page, sel('grant-capability'), '查看个人身份信息')
    await dialog.locator(sel('grant-submit')).click()
    await dialog.locator('.el-form-item__error', { hasText: '该机构已有此职能授权' }).waitFor()
    await shot(page, 'capabilities-grant-refused')
    await dialog.locator('.el-button', { hasText: '取消' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await page.locator(sel('capability-total'), { hasText: '共 1 条' }).waitFor()
    watcher.assertClean()
  })

  test('the export has the grants shown', async () => {
    const { page, watcher } = b
    await page.locator(sel('capability-search-reset')).click()
    await page.locator(sel('capability-total'), { hasText: '共 29 条' }).waitFor()
    const download = await exportFrom(page, 'capability-export', 'xlsx')
    assert.equal(download.suggestedFilename(), '职能授权.xlsx')
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kfq-e2e-export-'))
    await download.saveAs(path.join(dir, 'x.xlsx'))
    const text = xlsxText(fs.readFileSync(path.join(dir, 'x.xlsx')))
    fs.rmSync(dir, { recursive: true, force: true })
    for (const s of ['机构', '职能', '授权人', '查看个人身份信息', '核对本区人员身份证号', '市委编办', '核定机构编制']) {
      assert.ok(text.includes(s), `export lacks ${s}`)
    }
    watcher.assertClean()
  })

  test('a revocation asks first; cancelled it changes nothing, confirmed it removes the grant', async () => {
    const { page, watcher } = b
    await page.locator(sel('capability-search')).fill('经济开发区')
    await page.locator(sel('capability-search-submit')).click()
    await page.locator(sel('capability-total'), { hasText: '共 1 条' }).waitFor()
    await page.locator(sel('capability-revoke')).click()
    const box = page.locator('.el-message-box:visible')
    await box.waitFor()
    assert.match(await box.innerText(), /确定撤销“抚顺经济开发区（示例）”的“查看个人身份信息”职能授权吗/)
    await box.locator('.el-button', { hasText: '取消' }).click()
    await box.waitFor({ state: 'hidden' })
    await page.locator(sel('capability-total'), { hasText: '共 1 条' }).waitFor()
    await page.locator(sel('capability-revoke')).click()
    await confirmBox(page)
    await page.locator(sel('capability-total'), { hasText: '共 0 条' }).waitFor()
    await logout(page)
    watcher.assertClean()
  })

  test('the zone’s and the supervisor’s menus come from their sessions; /capabilities is out of reach', async () => {
    const { page, watcher } = b
    await login(page, watcher, ZONE.username, ZONE.password)
    assert.deepEqual(await menuTexts(page), ZONE_MENUS)
    await page.waitForLoadState('networkidle')
    await page.goto('/capabilities')
    await page.locator(sel('page-forbidden')).waitFor()
    await logout(page)
    await login(page, watcher, SUPERVISOR.username, SUPERVISOR.password)
    assert.deepEqual(await menuTexts(page), SUPERVISOR_MENUS)
    // a pay plan filed, in the audit log: its status by name (草稿 → 备案中), not its code
    await page.goto('/audit?entity_type=pay_plan&action=file')
    await page.locator(sel('audit-detail')).first().click()
    const changes = page.locator(`.el-drawer:visible ${sel('audit-changes')}`)
    await changes.getByText('备案中').first().waitFor()
    assert.equal(await changes.getByText('filed', { exact: true }).count(), 0)
    await page.locator('.el-drawer:visible .el-drawer__close-btn').click()
    await logout(page)
    watcher.assertClean()
  })

  test('the menu and the guard follow the permissions the session names, not the role', async () => {
    const { page, watcher } = b
    // the office without capability_manage: no 职能授权, and the page is refused
    await login(page, watcher, OFFICE.username, OFFICE.password)
    await rewriteSession(page, (p) => p.filter((x) => x !== 'capability_manage'))
    await page.reload()
    await page.locator(sel('sidebar')).waitFor()
    assert.deepEqual(await menuTexts(page), OFFICE_MENUS.filter((m) => m !== '职能授权'))
    await page.waitForLoadState('networkidle')
    await page.goto('/capabilities')
    await page.locator(sel('page-forbidden')).waitFor()
    await page.unroute('**/api/session')
    await logout(page)
    // the zone with audit_read: 审计日志 appears under 系统管理 (the server still refuses it)
    await login(page, watcher, ZONE.username, ZONE.password)
    await rewriteSession(page, (p) => [...p, 'audit_read'])
    await page.reload()
    await page.locator(sel('sidebar')).waitFor()
    assert.deepEqual(await menuTexts(page), ['首页', '改革任务', '一区一策计划', '推进节点', '进展报告', '督导看板', '督办单', '征求意见', '工作周报', '企业名录', '财力分成', '合作共建', '开发区预决算', '项目绩效', '平台公司', '债务风险', '权力事项目录', '一区一单', '赋权评估', '权责清单', '社会事务与营商环境', '工作日历', '用地地图', '地块', '低效用地处置', '亩均效益评价', '闲置楼宇', '产业规划', '招商项目', '编制核定', '人员名册', '绩效薪酬', '年度考核', '内部考核', '容错免责', '容错案例库', '县区考核视图', '班子成员奖惩', '编制测算', '组织机构', '审计日志', '个人中心'])
    await page.unroute('**/api/session')
    await logout(page)
    watcher.assertClean()
  })
})
