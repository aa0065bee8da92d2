// Five wrong passwords lock the account for 15 minutes; the login page shows the server's
// Chinese messages as they are.
import { describe, test as nodeTest, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer } from './server.js'
import { openBrowser, gotoLogin, submitLogin, shot, sel, RUN } from './helpers.js'
import { testWithShots } from './helpers.js'

const USER = { username: `lockme_${RUN}`, password: 'Lock#Passw0rd1', org: '抚顺高新技术产业开发区（示例）', role: 'zone' }

describe('login lockout', () => {
  let server
  let b
  const test = testWithShots(nodeTest, () => b?.page)

  before(async () => {
    server = await startServer({ name: 'lockout', users: [USER] })
    b = await openBrowser(server.url)
  })

  after(async () => {
    if (b) await b.close()
    if (server) await server.stop()
  })

  test('a wrong password five times locks the account, with the Chinese message', async () => {
    const { page, watcher } = b
    watcher.allow('POST', '/api/session', 401).allow('POST', '/api/session', 423)
    await gotoLogin(page, watcher)
    const error = page.locator(sel('login-error'))
    for (let i = 1; i <= 4; i++) {
      // every wrong password gets the same words (they must not tell which names exist), so
      // wait for each answer rather than for a change of text
      const answer = page.waitForResponse((r) => r.url().endsWith('/api/session') && r.request().method() === 'POST')
      await submitLogin(page, USER.username, `Wrong#Passw0rd${i}`)
      await answer
      await error.waitFor()
      assert.equal(await error.getAttribute('data-code'), 'invalid_credentials')
      assert.match(await error.innerText(), /用户名或密码错误/)
    }
    await shot(page, 'login-wrong-password')
    await submitLogin(page, USER.username, 'Wrong#Passw0rd5')
    await error.filter({ hasText: '锁定' }).waitFor()
    assert.equal(await error.getAttribute('data-code'), 'account_locked')
    assert.match(await error.innerText(), /账号已锁定15分钟/)
    await shot(page, 'login-locked')

    // the right password does not help while locked
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/session') && r.request().method() === 'POST'),
      submitLogin(page, USER.username, USER.password),
    ])
    assert.equal(res.status(), 423)
    await error.filter({ hasText: '锁定' }).waitFor()
    assert.equal(new URL(page.url()).pathname, '/login')
    watcher.assertClean()
  })

  test('an unknown user gets the same wrong-password message', async () => {
    const { page, watcher } = b
    await submitLogin(page, `nobody_${RUN}`, 'Wrong#Passw0rd1')
    await page.locator(sel('login-error'), { hasText: '用户名或密码错误' }).waitFor()
    watcher.assertClean()
  })
})
