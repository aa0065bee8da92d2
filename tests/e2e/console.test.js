// The admin creates an organization and a zone user; the zone user and an office user see
// the menus, actions and data of their roles; a password reset forces a change at next login.
import { describe, test as nodeTest, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer } from './server.js'
import {
  openBrowser, login, logout, submitLogin, menuTexts, pickOption, pickTreeOption, shot, sel,
  confirmBox, columnTexts, RUN, exportFrom,
} from './helpers.js'
import { testWithShots } from './helpers.js'

const ADMIN = { username: 'admin', password: 'Admin#Passw0rd1', org: '市商务局', role: 'admin', displayName: '系统管理员' }
const OFFICE = { username: `office_${RUN}`, password: 'Office#Passw0rd1', org: '市商务局', role: 'office', displayName: '改革办张三' }
// created by the admin with a first password, which the user must change at the first sign-in
const ZONE = { username: `zone_${RUN}`, password: 'Zone#Passw0rd12', changed: 'Zone#Passw0rd34', displayName: '经开区李四' }
const SAMPLE_ZONE = '抚顺经济开发区（示例）'
const NEW_ORG = `测试产业园${RUN}`

describe('web console: admin, office and zone users', () => {
  let server
  let b
  const test = testWithShots(nodeTest, () => b?.page)

  before(async () => {
    server = await startServer({ name: 'console', users: [ADMIN, OFFICE] })
    b = await openBrowser(server.url)
  })

  after(async () => {
    if (b) await b.close()
    if (server) await server.stop()
  })

  test('admin signs in and sees the dashboard and the admin menus', async () => {
    const { page, watcher } = b
    await login(page, watcher, ADMIN.username, ADMIN.password)
    assert.deepEqual(await menuTexts(page), ['首页', '组织机构', '用户管理', '个人中心'])
    await assert.doesNotReject(page.locator(sel('product-name'), { hasText: '开发区改革工作平台' }).waitFor())
    assert.equal((await page.locator(sel('header-role')).innerText()).trim(), '系统管理员')
    assert.equal((await page.locator(sel('header-org')).innerText()).trim(), '市商务局')
    const orgCount = Number(await page.locator(`${sel('stat-org')} ${sel('stat-value')}`).innerText())
    assert.ok(orgCount >= 20, `org count ${orgCount}`)
    // 我的待办 first: nothing awaits the administrator; the users by role still charted
    await page.locator(sel('todo-panel'), { hasText: '暂无待办事项' }).waitFor()
    await page.locator(`${sel('chart-users')} canvas`).waitFor()
    await shot(page, 'dashboard-admin')
    watcher.assertClean()
  })

  test('admin creates an organization (a name that is taken is shown at the field)', async () => {
    const { page, watcher } = b
    await page.locator(sel('menu-orgs')).click()
    await page.locator(sel('org-table')).waitFor()
    await page.locator(sel('org-row-name')).first().waitFor()
    await page.locator(`${sel('org-tree')} .el-tag`, { hasText: '示例' }).first().waitFor()
    await shot(page, 'orgs-admin')

    // a taken name: 409 name_taken with field /name, shown next to the name field
    watcher.allow('POST', '/api/orgs', 409)
    await page.locator(sel('org-create')).click()
    const dialog = page.locator('.el-dialog:visible')
    await dialog.waitFor()
    await dialog.locator(sel('org-name')).fill('市商务局')
    await pickOption(page, sel('org-type'), '市直部门')
    await dialog.locator(sel('org-save')).click()
    await dialog.locator('.el-form-item__error', { hasText: '已被' }).waitFor()

    // a new zone under a county, with a level and an alias
    await dialog.locator(sel('org-name')).fill(NEW_ORG)
    await pickOption(page, sel('org-type'), '开发区')
    await pickOption(page, sel('org-level'), '市级')
    await pickTreeOption(page, sel('org-parent'), '抚顺县')
    const alias = dialog.locator(sel('org-aliases'))
    await alias.fill(`产业园${RUN}`)
    await alias.press('Enter')
    await dialog.locator(sel('org-save')).click()
    await dialog.waitFor({ state: 'hidden' })

    await page.locator(sel('org-search')).fill(`产业园${RUN}`)
    await page.locator(sel('org-search-submit')).click()
    await page.locator(sel('org-row-name'), { hasText: NEW_ORG }).waitFor()
    const row = page.locator('.el-table__row', { hasText: NEW_ORG })
    assert.match(await row.innerText(), /开发区[\s\S]*市级[\s\S]*抚顺县/)

    // edit: another level and a second alias; the parent and the rest stay
    await row.locator(sel('org-edit')).click()
    await dialog.waitFor()
    assert.equal(await dialog.locator(sel('org-name')).inputValue(), NEW_ORG)
    await pickOption(page, sel('org-level'), '省级')
    await dialog.locator(sel('org-aliases')).fill(`园区${RUN}`)
    await dialog.locator(sel('org-aliases')).press('Enter')
    await shot(page, 'orgs-edit-dialog')
    await dialog.locator(sel('org-save')).click()
    await dialog.waitFor({ state: 'hidden' })
    await row.filter({ hasText: '省级' }).waitFor()
    assert.match(await row.innerText(), new RegExp(`省级[\\s\\S]*抚顺县[\\s\\S]*产业园${RUN}[\\s\\S]*园区${RUN}`))
    watcher.assertClean()
  })

  test('admin exports organizations as .xlsx', async () => {
    const { page, watcher } = b
    const download = await exportFrom(page, 'org-export', 'xlsx')
    assert.match(download.suggestedFilename(), /\.xlsx$/)
    watcher.assertClean()
  })

  test('admin creates a zone user in a sample zone (a weak password is shown at the field)', async () => {
    const { page, watcher } = b
    await page.locator(sel('menu-users')).click()
    await page.locator(sel('user-row-username')).first().waitFor()

    watcher.allow('POST', '/api/users', 400)
    await page.locator(sel('user-create')).click()
    const dialog = page.locator('.el-dialog:visible')
    await dialog.waitFor()
    await dialog.locator(sel('user-username')).fill(ZONE.username)
    await dialog.locator(sel('user-display-name')).fill(ZONE.displayName)
    await pickTreeOption(page, sel('user-org'), SAMPLE_ZONE)
    await pickOption(page, sel('user-role'), '开发区')
    assert.match(await dialog.locator(sel('user-scope')).innerText(), /本机构数据/)
    await dialog.locator(sel('user-password')).fill('short')
    await dialog.locator(sel('user-save')).click()
    await dialog.locator('.el-form-item__error', { hasText: '密码' }).waitFor()

    await dialog.locator(sel('user-password')).fill(ZONE.password)
    await dialog.locator(sel('user-save')).click()
    await dialog.waitFor({ state: 'hidden' })
    await page.locator(sel('user-search')).fill(ZONE.username)
    // the search's answer, not the list before it (which has the new account too)
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/users?') && r.url().includes(`q=${ZONE.username}`)),
      page.locator(sel('user-search-submit')).click(),
    ])
    await page.locator('.el-table__row', { hasText: ZONE.username }).waitFor()
    assert.deepEqual(await columnTexts(page, 'user-row-username'), [ZONE.username])
    const row = page.locator('.el-table__row', { hasText: ZONE.username })
    assert.match(await row.innerText(), /抚顺经济开发区（示例）[\s\S]*开发区/)
    await shot(page, 'users-admin')

    // five wrong passwords make the name wait: the list says so, and unlocking lifts it
    for (let i = 0; i < 5; i++) {
      await fetch(`${server.url}/api/session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: server.url },
        body: JSON.stringify({ username: ZONE.username, password: `Wrong#Passw0rd${i}` }),
      })
    }
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/users?') && r.url().includes(`q=${ZONE.username}`)),
      page.locator(sel('user-search-submit')).click(),
    ])
    await row.locator(sel('user-waiting'), { hasText: '登录受限' }).waitFor()
    // the name waiting, its account not locked: 解锁 lifts the wait, as the tag's tip says
    assert.equal((await row.locator(sel('user-lock')).innerText()).trim(), '解锁')
    await row.locator(sel('user-lock')).click()
    await confirmBox(page)
    await row.locator(sel('user-lock'), { hasText: '锁定' }).waitFor()
    assert.equal(await row.locator(sel('user-waiting')).count(), 0)

    // lock and unlock, each confirmed
    await row.locator(sel('user-lock')).click()
    await confirmBox(page)
    await row.locator(sel('user-status'), { hasText: '已锁定' }).waitFor()
    await row.locator(sel('user-lock')).click()
    await confirmBox(page)
    await row.locator(sel('user-status'), { hasText: '正常' }).waitFor()
    assert.equal(await row.locator(sel('user-waiting')).count(), 0)

    // edit: the display name
    await row.locator(sel('user-edit')).click()
    await dialog.waitFor()
    assert.equal(await dialog.locator(sel('user-username')).inputValue(), ZONE.username)
    await dialog.locator(sel('user-display-name')).fill(`${ZONE.displayName}（改）`)
    await dialog.locator(sel('user-save')).click()
    await dialog.waitFor({ state: 'hidden' })
    await row.filter({ hasText: `${ZONE.displayName}（改）` }).waitFor()

    const download = await exportFrom(page, 'user-export', 'xlsx')
    assert.match(download.suggestedFilename(), /\.xlsx$/)
    watcher.assertClean()
  })

  test('admin signs out after confirming', async () => {
    const { page, watcher } = b
    await logout(page)
    assert.match(new URL(page.url()).pathname, /^\/login/)
    watcher.assertClean()
  })

  test('the zone user changes the first password, then sees only its menus and its own organization; /users is out of reach', async () => {
    const { page, watcher } = b
    await submitLogin(page, ZONE.username, ZONE.password)
    await page.locator(sel('change-password-step')).waitFor()
    await page.locator(sel('password-policy'), { hasText: '至少10位，包含大写字母、小写字母、数字、符号中的至少三类' }).waitFor()
    await shot(page, 'login-change-password')
    // a weak new password is refused at its field
    watcher.allow('PUT', '/api/session/password', 400)
    await page.locator(sel('old-password')).fill(ZONE.password)
    await page.locator(sel('new-password')).fill('weakpassword')
    await page.locator(sel('confirm-password')).fill('weakpassword')
    await page.locator(sel('change-password-submit')).click()
    await page.locator(`${sel('password-form')} .el-form-item__error`, { hasText: '三类' }).waitFor()
    await page.locator(sel('new-password')).fill(ZONE.changed)
    await page.locator(sel('confirm-password')).fill(ZONE.changed)
    await page.locator(sel('change-password-submit')).click()
    await page.locator(sel('sidebar')).waitFor()
    assert.deepEqual(await menuTexts(page), ['首页', '改革任务', '一区一策计划', '推进节点', '进展报告', '督导看板', '督办单', '征求意见', '工作周报', '企业名录', '财力分成', '合作共建', '开发区预决算', '项目绩效', '平台公司', '债务风险', '权力事项目录', '一区一单', '赋权评估', '权责清单', '社会事务与营商环境', '工作日历', '用地地图', '地块', '低效用地处置', '亩均效益评价', '闲置楼宇', '产业规划', '招商项目', '编制核定', '人员名册', '绩效薪酬', '年度考核', '内部考核', '容错免责', '容错案例库', '县区考核视图', '班子成员奖惩', '编制测算', '组织机构', '个人中心'])
    assert.equal((await page.locator(sel('header-role')).innerText()).trim(), '开发区')
    await page.locator(`${sel('stat-org')} ${sel('stat-value')}`, { hasText: '1' }).waitFor()
    await shot(page, 'dashboard-zone')

    await page.locator(sel('menu-orgs')).click()
    await page.locator(sel('org-row-name')).first().waitFor()
    assert.deepEqual(await columnTexts(page, 'org-row-name'), [SAMPLE_ZONE])
    assert.equal(await page.locator(sel('org-create')).count(), 0, 'a zone user cannot create organizations')
    await shot(page, 'orgs-zone')

    await page.goto('/users')
    await page.locator(sel('page-forbidden')).waitFor()
    assert.equal(await page.locator(sel('page-users')).count(), 0)
    await page.goto('/audit')
    await page.locator(sel('page-forbidden')).waitFor()
    await shot(page, 'forbidden-zone')

    await page.locator(sel('menu-account')).click()
    await page.locator(sel('account-profile')).waitFor()
    assert.match(await page.locator(sel('account-profile')).innerText(), new RegExp(`${ZONE.username}[\\s\\S]*${SAMPLE_ZONE}`))
    await page.locator(sel('password-policy'), { hasText: '至少10位，包含大写字母、小写字母、数字、符号中的至少三类' }).waitFor()
    await shot(page, 'account-zone')
    watcher.assertClean()
  })

  test('an office user sees other actions and other data than the zone user', async () => {
    const office = await openBrowser(server.url)
    try {
      const { page, watcher } = office
      await login(page, watcher, OFFICE.username, OFFICE.password)
      assert.deepEqual(await menuTexts(page), ['首页', '改革任务', '一区一策计划', '推进节点', '进展报告', '督导看板', '督办单', '征求意见', '工作周报', '企业名录', '财力分成', '分成测算', '合作共建', '开发区预决算', '项目绩效', '平台公司', '债务风险', '权力事项目录', '一区一单', '赋权评估', '权责清单', '社会事务与营商环境', '工作日历', '用地地图', '地块', '低效用地处置', '亩均效益评价', '闲置楼宇', '产业规划', '招商项目', '编制核定', '人员名册', '绩效薪酬', '年度考核', '内部考核', '容错免责', '容错案例库', '县区考核视图', '班子成员奖惩', '编制测算', '组织机构', '职能授权', '个人中心'])
      assert.equal((await page.locator(sel('header-role')).innerText()).trim(), '改革办')
      await page.locator(sel('menu-orgs')).click()
      await page.locator(sel('org-row-name')).first().waitFor()
      const total = Number((await page.locator(sel('org-total')).innerText()).replace(/\D/g, ''))
      assert.ok(total >= 27, `the office sees every organization, got ${total}`)
      assert.ok((await columnTexts(page, 'org-row-name')).includes('市商务局'))
      await page.locator(sel('org-search')).fill('示例')
      await page.locator(sel('org-search-submit')).click()
      await page.locator(sel('org-row-name'), { hasText: SAMPLE_ZONE }).waitFor()
      await page.locator(sel('sample-tag')).first().waitFor()
      assert.equal(await page.locator(sel('org-create')).count(), 1, 'the office may create organizations')
      await shot(page, 'orgs-office')
      await page.goto('/users')
      await page.locator(sel('page-forbidden')).waitFor()
      watcher.assertClean()
    } finally {
      await office.close()
    }
    // and the zone user, still signed in, sees one organization only
    const { page, watcher } = b
    await page.locator(sel('menu-orgs')).click()
    await page.locator(sel('org-row-name')).first().waitFor()
    assert.deepEqual(await columnTexts(page, 'org-row-name'), [SAMPLE_ZONE])
    watcher.assertClean()
  })

  test('a reset password is shown once and must be changed at the next sign-in', async () => {
    const { page, watcher } = b
    await logout(page)
    await login(page, watcher, ADMIN.username, ADMIN.password)
    await page.locator(sel('menu-users')).click()
    await page.locator(sel('user-search')).fill(ZONE.username)
    await page.locator(sel('user-search-submit')).click()
    const row = page.locator('.el-table__row', { hasText: ZONE.username })
    await row.waitFor()
    await row.locator(sel('user-reset')).click()
    await confirmBox(page)
    const temp = (await page.locator(sel('temp-password')).innerText()).trim()
    assert.ok(temp.length >= 10, 'a temporary password is shown')
    await shot(page, 'users-reset-password')
    await page.locator(sel('reset-close')).click()
    await logout(page)

    await submitLogin(page, ZONE.username, temp)
    await page.locator(sel('change-password-step')).waitFor()
    // the wrong current password is reported at its field
    watcher.allow('PUT', '/api/session/password', 400)
    await page.locator(sel('old-password')).fill('Wrong#Passw0rd1')
    await page.locator(sel('new-password')).fill('Zone#Passw0rd99')
    await page.locator(sel('confirm-password')).fill('Zone#Passw0rd99')
    await page.locator(sel('change-password-submit')).click()
    await page.locator(`${sel('password-form')} .el-form-item__error`).first().waitFor()
    await page.locator(sel('old-password')).fill(temp)
    await page.locator(sel('change-password-submit')).click()
    await page.locator(sel('sidebar')).waitFor()
    assert.deepEqual(await menuTexts(page), ['首页', '改革任务', '一区一策计划', '推进节点', '进展报告', '督导看板', '督办单', '征求意见', '工作周报', '企业名录', '财力分成', '合作共建', '开发区预决算', '项目绩效', '平台公司', '债务风险', '权力事项目录', '一区一单', '赋权评估', '权责清单', '社会事务与营商环境', '工作日历', '用地地图', '地块', '低效用地处置', '亩均效益评价', '闲置楼宇', '产业规划', '招商项目', '编制核定', '人员名册', '绩效薪酬', '年度考核', '内部考核', '容错免责', '容错案例库', '县区考核视图', '班子成员奖惩', '编制测算', '组织机构', '个人中心'])
    watcher.assertClean()
  })

  test('an expired session goes to the login page and back to where it was', async () => {
    const { page, context, watcher } = b
    // the session ends once the page's own questions are answered (the account page's catalogue,
    // the header's unread count): one sent after it would go to the login page from /account
    const answered = (path) => page.waitForResponse((r) => new URL(r.url()).pathname === path)
    await Promise.all([answered('/api/capabilities'), answered('/api/inbox/unread-count'), page.locator(sel('menu-account')).click()])
    await page.locator(sel('account-profile')).waitFor()
    await context.clearCookies()
    watcher.allow('GET', '/api/orgs', 401)
    // the header's unread count is asked on every page change too
    watcher.allow('GET', '/api/inbox/unread-count', 401)
    await page.locator(sel('menu-orgs')).click()
    await page.locator(sel('login-form')).waitFor()
    const u = new URL(page.url())
    assert.equal(u.pathname, '/login')
    assert.equal(u.searchParams.get('redirect'), '/orgs')
    await submitLogin(page, ZONE.username, 'Zone#Passw0rd99')
    await page.locator(sel('page-orgs')).waitFor()
    assert.equal(new URL(page.url()).pathname, '/orgs')
    watcher.assertClean()
  })

  test('an unknown address shows the 404 page', async () => {
    const { page, watcher } = b
    await page.goto('/no/such/page')
    await page.locator(sel('page-not-found')).waitFor()
    await shot(page, 'not-found')
    watcher.assertClean()
  })

  test('a user who asks for less motion gets no transitions; one who does not gets them', async () => {
    const { page, watcher } = b
    const duration = () => page.locator('.el-button').first().evaluate((el) => getComputedStyle(el).transitionDuration)
    await page.locator('.el-button').first().waitFor()
    // the test browser asks for less motion (helpers.js), unless E2E_MOTION says otherwise
    if (!process.env.E2E_MOTION) assert.equal(await duration(), '0s')
    await page.emulateMedia({ reducedMotion: 'no-preference' })
    assert.notEqual(await duration(), '0s')
    await page.emulateMedia({ reducedMotion: 'reduce' })
    assert.equal(await duration(), '0s')
    await page.emulateMedia({ reducedMotion: process.env.E2E_MOTION ? 'no-preference' : 'reduce' })
    watcher.assertClean()
  })
})

