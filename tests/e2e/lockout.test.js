// Failed logins: every failure shows the same words on the login page, whether the password was
// wrong, the name unknown or the account locked; the fifth failure of a name from one address
// makes it wait 15 minutes there (429 with Retry-After), which the page says in minutes.
import { describe, test as nodeTest, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, kfq } from './server.js'
import { openBrowser, gotoLogin, submitLogin, shot, sel, RUN } from './helpers.js'
import { testWithShots } from './helpers.js'

const USER = { username: `lockme_${RUN}`, password: 'Lock#Passw0rd1', org: '抚顺高新技术产业开发区（示例）', role: 'zone' }
const SAME_WORDS = '用户名或密码错误，或账号已被锁定'

describe('failed logins', () => {
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

  const answer = (page) => page.waitForResponse((r) => r.url().endsWith('/api/session') && r.request().method() === 'POST')

  test('four wrong passwords get the same words; the fifth asks to wait 15 minutes, also for the right password', async () => {
    const { page, watcher } = b
    watcher.allow('POST', '/api/session', 401).allow('POST', '/api/session', 429)
    await gotoLogin(page, watcher)
    const error = page.locator(sel('login-error'))
    for (let i = 1; i <= 4; i++) {
      // every failure gets the same words, so wait for each answer rather than a change of text
      const done = answer(page)
      await submitLogin(page, USER.username, `Wrong#Passw0rd${i}`)
      await done
      await error.waitFor()
      assert.equal(await error.getAttribute('data-code'), 'invalid_credentials')
      assert.equal(await error.innerText(), SAME_WORDS)
    }
    assert.match(await page.locator(sel('login-hint')).innerText(), /联系系统管理员/)
    await shot(page, 'login-wrong-password')
    await submitLogin(page, USER.username, 'Wrong#Passw0rd5')
    await error.filter({ hasText: '15分钟后再试' }).waitFor()
    assert.equal(await error.getAttribute('data-code'), 'too_many_attempts')
    assert.equal(await error.innerText(), '登录失败次数过多，请15分钟后再试')
    await shot(page, 'login-too-many-attempts')

    // the right password does not help while the name waits here
    const [res] = await Promise.all([answer(page), submitLogin(page, USER.username, USER.password)])
    assert.equal(res.status(), 429)
    assert.equal(new URL(page.url()).pathname, '/login')
    watcher.assertClean()
  })

  test('an unknown name and a locked account get the same words as a wrong password', async () => {
    const { page, watcher } = b
    const error = page.locator(sel('login-error'))
    let done = answer(page)
    await submitLogin(page, `nobody_${RUN}`, 'Wrong#Passw0rd1')
    assert.equal((await done).status(), 401)
    await error.filter({ hasText: SAME_WORDS }).waitFor()
    assert.equal(await error.getAttribute('data-code'), 'invalid_credentials')

    const other = { username: `locked_${RUN}`, password: 'Lock#Passw0rd2' }
    const add = await kfq(['user', 'add', '--db', server.db, '--username', other.username, '--org', USER.org, '--role', 'zone', '--password-stdin'], `${other.password}\n`)
    assert.equal(add.code, 0, add.stderr)
    assert.equal((await kfq(['user', 'lock', '--db', server.db, other.username])).code, 0)
    done = answer(page)
    await submitLogin(page, other.username, other.password)
    assert.equal((await done).status(), 401)
    await error.filter({ hasText: SAME_WORDS }).waitFor()
    assert.equal(await error.getAttribute('data-code'), 'invalid_credentials')
    watcher.assertClean()
  })
})
