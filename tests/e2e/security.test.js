// Separation of duties in the browser (三员分立): the admin sees the auditor's account but may
// not touch it, sees what each role may do and who manages it, and a change that widens what an
// account may approve waits; the security officer starts at the changes waiting for it and is
// told of them in its inbox (its menu: no dashboard, no reform data, no audit log), confirms the
// change, and creates an auditor.
import { describe, test as nodeTest, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer } from './server.js'
import { openBrowser, login, logout, menuTexts, pickOption, pickTreeOption, shot, sel, confirmBox, RUN } from './helpers.js'
import { testWithShots } from './helpers.js'

const ADMIN = { username: 'admin', password: 'Admin#Passw0rd1', org: '市商务局', role: 'admin' }
const SECURITY = { username: `anquan_${RUN}`, password: 'Secu#Passw0rd12', org: '市商务局', role: 'security', displayName: '安全管理员孙七' }
const AUDITOR = { username: `auditor_${RUN}`, password: 'Audit#Passw0rd1', org: '市审计局', role: 'auditor', displayName: '审计员王五' }
const ZONE = { username: `zone_${RUN}`, password: 'Zone#Passw0rd12', org: '抚顺经济开发区（示例）', role: 'zone', displayName: '经开区李四' }
const NEW_AUDITOR = `auditor2_${RUN}`

describe('separation of duties: the security officer', () => {
  let server
  let b
  const test = testWithShots(nodeTest, () => b?.page)

  before(async () => {
    server = await startServer({ name: 'security', users: [ADMIN, SECURITY, AUDITOR, ZONE] })
    b = await openBrowser(server.url)
  })

  after(async () => {
    if (b) await b.close()
    if (server) await server.stop()
  })

  const userRow = (page, username) => page.locator(`${sel('user-table')} .el-table__row`, { hasText: username })

  test('the admin sees the auditor’s account without its actions, and what each role may do', async () => {
    const { page, watcher } = b
    await login(page, watcher, ADMIN.username, ADMIN.password)
    await page.locator(sel('menu-users')).click()
    await userRow(page, AUDITOR.username).waitFor()
    const auditor = userRow(page, AUDITOR.username)
    assert.equal(await auditor.locator(sel('user-reset')).count(), 0)
    assert.equal(await auditor.locator(sel('user-edit')).count(), 0)
    assert.equal((await auditor.locator(sel('user-managed-by')).innerText()).trim(), '由安全管理员管理')
    assert.equal(await userRow(page, ZONE.username).locator(sel('user-reset')).count(), 1)

    await page.locator('.el-tabs__item', { hasText: '角色与权限' }).click()
    const roles = page.locator(`${sel('role-table')} .el-table__row`)
    await roles.first().waitFor()
    const role = (name) => roles.filter({ has: page.locator(sel('role-name'), { hasText: new RegExp(`^${name}$`) }) })
    const security = role('安全管理员')
    assert.match(await security.innerText(), /管理审计与安全账号、确认角色变更/)
    assert.doesNotMatch(await security.innerText(), /查看审计日志|首页统计/)
    assert.equal((await security.locator(sel('role-managed-by')).innerText()).trim(), '安全管理员')
    assert.equal((await role('审计员').locator(sel('role-managed-by')).innerText()).trim(), '安全管理员')
    assert.equal((await role('改革办').locator(sel('role-managed-by')).innerText()).trim(), '系统管理员')
    await shot(page, 'users-roles-admin')
    watcher.assertClean()
  })

  test('the admin cannot offer the auditor’s role, and making a zone user an office user waits for the security officer', async () => {
    const { page, watcher } = b
    await page.locator('.el-tabs__item', { hasText: '用户列表' }).click()
    const row = userRow(page, ZONE.username)
    await row.locator(sel('user-edit')).click()
    const dialog = page.locator('.el-dialog:visible')
    await dialog.waitFor()
    await page.locator(`.el-select${sel('user-role')}`).click()
    const options = await page.locator('.user-role-popper .el-select-dropdown__item').allInnerTexts()
    assert.deepEqual(options.map((s) => s.trim()), ['系统管理员', '改革办', '市直部门', '开发区', '县区'])
    await page.keyboard.press('Escape')
    await pickOption(page, sel('user-role'), '改革办')
    await dialog.locator(sel('user-save')).click()
    await dialog.waitFor({ state: 'hidden' })
    await page.locator('.el-message', { hasText: '已提交安全管理员确认' }).waitFor()
    // still a zone user
    assert.match(await row.innerText(), /开发区/)
    await page.locator(sel('tab-changes')).click()
    const change = page.locator(`${sel('change-table')} .el-table__row`, { hasText: ZONE.username })
    await change.waitFor()
    assert.match(await change.locator(sel('change-to')).innerText(), /改革办/)
    assert.equal((await change.locator(sel('change-status')).innerText()).trim(), '待确认')
    assert.equal(await change.locator(sel('change-confirm')).count(), 0)
    await shot(page, 'role-changes-admin')
    await logout(page)
    watcher.assertClean()
  })

  test('the security officer starts at the role changes waiting for it; its menu: organizations, users, account; no dashboard, tasks or audit log', async () => {
    const { page, watcher } = b
    await login(page, watcher, SECURITY.username, SECURITY.password)
    await page.locator(`${sel('change-table')} .el-table__row`, { hasText: ZONE.username }).waitFor()
    const url = new URL(page.url())
    assert.deepEqual([url.pathname, url.search], ['/users', '?tab=changes'])
    assert.equal((await page.locator('.el-tabs__item.is-active').innerText()).replace(/\s+/g, ''), '待确认的角色变更1')
    assert.deepEqual(await menuTexts(page), ['组织机构', '用户管理', '个人中心'])
    // told in its inbox too, whose item opens the same queue
    await page.goto('/orgs')
    await page.locator(sel('inbox-bell')).click()
    const item = page.locator(sel('inbox-item'), { hasText: '角色变更待确认' }).first()
    assert.equal((await item.locator(sel('inbox-item-title')).innerText()).trim(), `角色变更待确认：${ZONE.displayName}（${ZONE.username}）拟改为改革办（${ZONE.org}，全部数据）`)
    await item.click()
    await page.waitForURL((u) => u.pathname === '/users' && u.search === '?tab=changes')
    await page.locator(`${sel('change-table')} .el-table__row`, { hasText: ZONE.username }).waitFor()
    assert.equal((await page.locator(sel('header-role')).innerText()).trim(), '安全管理员')
    for (const path of ['/audit', '/tasks', '/capabilities']) {
      await page.goto(path)
      await page.locator(sel('page-forbidden')).waitFor()
    }
    watcher.assertClean()
  })

  test('the security officer confirms the pending change, and the zone user is an office user', async () => {
    const { page, watcher } = b
    await page.goto('/users')
    await page.locator(sel('tab-changes')).click()
    const change = page.locator(`${sel('change-table')} .el-table__row`, { hasText: ZONE.username })
    await change.waitFor()
    await shot(page, 'role-changes-security')
    await change.locator(sel('change-confirm')).click()
    await confirmBox(page)
    await page.locator('.el-message', { hasText: '变更已生效' }).waitFor()
    await change.waitFor({ state: 'detached' })
    await page.locator('.el-tabs__item', { hasText: '用户列表' }).click()
    await userRow(page, ZONE.username).filter({ hasText: '改革办' }).waitFor()
    // the security officer does not manage it
    assert.equal(await userRow(page, ZONE.username).locator(sel('user-edit')).count(), 0)
    watcher.assertClean()
  })

  test('the security officer creates an auditor; only the guarded roles are offered', async () => {
    const { page, watcher } = b
    await page.locator(sel('user-create')).click()
    const dialog = page.locator('.el-dialog:visible')
    await dialog.waitFor()
    await dialog.locator(sel('user-username')).fill(NEW_AUDITOR)
    await dialog.locator(sel('user-display-name')).fill('审计员周八')
    await pickTreeOption(page, sel('user-org'), '市审计局')
    await page.locator(`.el-select${sel('user-role')}`).click()
    const options = await page.locator('.user-role-popper .el-select-dropdown__item').allInnerTexts()
    assert.deepEqual(options.map((s) => s.trim()), ['监督部门', '审计员', '安全管理员'])
    await page.keyboard.press('Escape')
    await pickOption(page, sel('user-role'), '审计员')
    await dialog.locator(sel('user-password')).fill('First#Passw0rd1')
    await dialog.locator(sel('user-save')).click()
    await dialog.waitFor({ state: 'hidden' })
    const row = userRow(page, NEW_AUDITOR)
    await row.waitFor()
    assert.match(await row.innerText(), /审计员[\s\S]*待改密/)
    assert.equal(await row.locator(sel('user-reset')).count(), 1)
    await shot(page, 'users-security')
    await logout(page)
    watcher.assertClean()
  })
})
