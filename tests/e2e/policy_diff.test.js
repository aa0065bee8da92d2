// Policy versions in the browser: with the seed draft and its revision imported, the office opens
// 版本对比 from the task list, picks the two versions and reads the diff: the counts, article 3
// with 理 struck out and 厘 inserted, the removed 9, the new 13, 18 moved to the front of
// 三、保障措施; 只看变化 off shows all 19 entries; swapping the versions turns added into removed.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer } from './server.js'
import { openBrowser, login, shot, sel, testWithShots } from './helpers.js'

const OFFICE = { username: 'office1', password: 'Office#Passw0rd1', org: '市商务局', role: 'office', displayName: '改革办王主任' }
const TITLE = '中共抚顺市委 抚顺市人民政府关于深化开发区体制机制改革意见'

describe('policy versions and their diff', () => {
  let server
  let b
  const it = testWithShots(test, () => b?.page)

  before(async () => {
    server = await startServer({
      name: 'policy-diff',
      users: [OFFICE],
      policies: ['tests/data/fushun-devzone-reform-draft-2025.txt', 'tests/data/fushun-devzone-reform-revised-2025.txt'],
    })
    b = await openBrowser(server.url)
  })

  after(async () => {
    if (b) await b.close()
    if (server) await server.stop()
  })

  it('the office compares the draft with its revision', async () => {
    const { page, watcher } = b
    await login(page, watcher, OFFICE.username, OFFICE.password)
    await page.locator(sel('menu-tasks')).click()
    await page.locator(sel('policy-compare')).click()
    await page.locator(sel('policy-diff-page')).waitFor()
    await pickContaining(page, sel('diff-from'), `${TITLE}（征求意见稿）`)
    await pickContaining(page, sel('diff-to'), `${TITLE}（征求意见修改稿）`)
    await page.locator(sel('diff-compare')).click()
    await page.locator(sel('diff-article')).first().waitFor()
    const count = async (k) => (await page.locator(`${sel(`diff-summary-${k}`)} b`).innerText()).trim()
    assert.deepEqual(
      [await count('added'), await count('removed'), await count('changed'), await count('moved'), await count('unchanged')],
      ['1', '1', '3', '1', '14'],
    )
    // only the changes: 3 changed, 1 removed, 1 added, 1 moved
    const rows = page.locator(sel('diff-article'))
    assert.equal(await rows.count(), 6)
    assert.deepEqual(await rows.evaluateAll((els) => els.map((e) => `${e.dataset.status}${e.dataset.moved === 'true' ? '+moved' : ''}`)), [
      'changed', 'removed', 'changed', 'added', 'changed', 'unchanged+moved',
    ])
    const a3 = rows.nth(0)
    assert.deepEqual(await a3.locator(sel('diff-del')).allInnerTexts(), ['理'])
    assert.deepEqual(await a3.locator(sel('diff-ins')).allInnerTexts(), ['厘', '和'])
    assert.match(await a3.innerText(), /第3条[\s\S]*明确职责边界/)
    assert.match(await rows.nth(1).innerText(), /第9条[\s\S]*创新人才选拔机制/)
    assert.match(await rows.nth(2).innerText(), /第10条 → 第9条/)
    assert.match(await rows.nth(3).innerText(), /第13条[\s\S]*推进开发区数字化管理/)
    assert.match(await rows.nth(5).innerText(), /第18条 → 第16条[\s\S]*建立创新容错机制/)
    await shot(page, 'policy-diff')

    await page.locator(sel('diff-changes-only')).click()
    await page.waitForFunction((s) => document.querySelectorAll(s).length === 19, sel('diff-article'))

    // the other way round: the new 13 is removed, the old 9 added
    await page.locator(sel('diff-swap')).click()
    await page.waitForFunction((s) => document.querySelector(s)?.innerText.trim() === '1', `${sel('diff-summary-added')} b`)
    await page.locator(`${sel('diff-article')}[data-status="added"]`, { hasText: '创新人才选拔机制' }).waitFor()
    await page.locator(`${sel('diff-article')}[data-status="removed"]`, { hasText: '推进开发区数字化管理' }).waitFor()
    watcher.assertClean()
  })
})

// Picks the option of an el-select whose text holds text (the options end with the import time).
async function pickContaining(page, selectSelector, text) {
  await page.locator(`.el-select${selectSelector}`).click()
  const option = page.locator('.el-select-dropdown__item:visible', { hasText: text }).first()
  await option.click()
  await option.waitFor({ state: 'hidden' })
}
