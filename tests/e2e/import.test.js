// The import dialog on the users page: the template downloads; a file with three bad rows shows
// every bad row (row, column, reason) and exports them, and imports nothing; a good file imports,
// its first passwords download once, and a new account signs in with one (and must change it).
import { describe, test as nodeTest, before, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import { startServer } from './server.js'
import { openBrowser, login, logout, submitLogin, shot, sel, columnTexts, RUN, testWithShots } from './helpers.js'

const require = createRequire(import.meta.url)
const { writeXlsx, readXlsx } = require('../api/xlsx.js')

const ADMIN = { username: 'admin', password: 'Admin#Passw0rd1', org: '市商务局', role: 'admin' }
const HEADER = ['登录名', '姓名', '所属组织', '角色', '数据范围', '手机', '职务']
const A = `imp_a_${RUN}`
const B = `imp_b_${RUN}`

describe('web console: importing users', () => {
  let server
  let b
  const test = testWithShots(nodeTest, () => b?.page)

  before(async () => {
    server = await startServer({ name: 'import', users: [ADMIN] })
    b = await openBrowser(server.url)
  })

  after(async () => {
    if (b) await b.close()
    if (server) await server.stop()
  })

  async function pick(page, name, buffer) {
    await page.locator(`${sel('import-file')} input[type=file]`).setInputFiles({ name, mimeType: 'application/octet-stream', buffer })
  }

  test('the dialog opens from the users page and gives the template', async () => {
    const { page, watcher } = b
    await login(page, watcher, ADMIN.username, ADMIN.password)
    await page.locator(sel('menu-users')).click()
    await page.locator(sel('user-table')).waitFor()
    await page.locator(sel('user-import')).click()
    await page.locator(sel('import-dialog')).waitFor()
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(sel('import-template')).click()])
    assert.equal(download.suggestedFilename(), '用户导入模板.xlsx')
    const rows = readXlsx(fs.readFileSync(await download.path()))
    assert.deepEqual(rows[0], HEADER)
    await shot(page, 'import-dialog')
    watcher.assertClean()
  })

  test('three bad rows are all listed, exportable, and nothing is imported', async () => {
    const { page, watcher } = b
    watcher.allow('POST', '/api/imports/users', 422)
    await pick(
      page,
      '有误.xlsx',
      writeXlsx([
        HEADER,
        [A, '', '市商务局', '市直部门'],
        [B, '乙', '市商务局', '市直部门'],
        ['x', '丙', '市商务局', '市直部门'],
        [`imp_c_${RUN}`, '丁', '没有这个局', '审计员'],
      ]),
    )
    await page.locator(sel('import-rejected')).waitFor()
    assert.match(await page.locator(sel('import-rejected')).innerText(), /3 行有误，共 4 处错误/)
    assert.deepEqual(await columnTexts(page, 'import-problem-row'), ['2', '4', '5', '5'])
    assert.deepEqual(await columnTexts(page, 'import-problem-column'), ['姓名', '登录名', '所属组织', '角色'])
    assert.match((await columnTexts(page, 'import-problem-message'))[0], /必填/)
    const [csv] = await Promise.all([page.waitForEvent('download'), page.locator(sel('import-problems-export')).click()])
    assert.equal(csv.suggestedFilename(), '导入错误清单.csv')
    const text = fs.readFileSync(await csv.path(), 'utf8')
    assert.equal(text.split('\r\n')[0], '\ufeff行号,列,原因')
    assert.equal(text.split('\r\n').filter(Boolean).length, 5)
    await shot(page, 'import-rejected')
    await page.locator(sel('import-again')).click()
    await page.locator(sel('import-file')).waitFor()
    watcher.assertClean()
  })

  test('a good file imports; the first passwords download once; a new account signs in', async () => {
    const { page, watcher } = b
    await pick(
      page,
      '用户.xlsx',
      writeXlsx([
        HEADER,
        [A, '甲', '市商务局', '市直部门', '本机构数据', '13800138000', '科长'],
        [B, '乙', '商务局', '改革办', null, null, '主任'],
      ]),
    )
    await page.locator(sel('import-done')).waitFor()
    assert.match(await page.locator(sel('import-done')).innerText(), /导入成功：共 2 行/)
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(sel('import-secret-download')).click()])
    const rows = readXlsx(fs.readFileSync(await download.path()))
    assert.deepEqual(rows.map((r) => r[0]), ['登录名', A, B])
    const password = rows[1][4]
    assert.equal(password.length, 16)
    assert.ok(await page.locator(sel('import-secret-download')).isDisabled(), 'downloads once')
    await shot(page, 'import-done')
    await page.locator(sel('import-close')).click()
    await page.locator(sel('import-dialog')).waitFor({ state: 'hidden' })
    // the list reloaded with the new accounts, their job title and phone
    await page.locator(sel('user-row-username'), { hasText: A }).waitFor()
    const row = page.locator('.el-table__row', { has: page.locator(sel('user-row-username'), { hasText: A }) }).first()
    assert.match(await row.innerText(), /科长[\s\S]*138\*\*\*\*8000/, 'the phone masked: personal')
    watcher.assertClean()

    await logout(page)
    await submitLogin(page, A, password)
    await page.locator(sel('change-password-step')).waitFor()
    watcher.assertClean()
  })
})
