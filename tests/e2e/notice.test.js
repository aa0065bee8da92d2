// 督办单 in the browser, the way an office works one: the office drafts a notice about a task
// with a PDF and a copy to 东洲区 (保存草稿: unnumbered, the office's own), then issues
// it; the zone previews the PDF in the page (pdf.js), signs for the notice (签收) and replies
// twice, the second time with a photo; 东洲区 reads it as the organization copied and has
// nothing to do; the office sees both replies with the photo's thumbnail, closes the notice and
// prints it (GB/T 9704 layout), each step read in 我的待办 (the zone's 待反馈的督办单, the
// office's 督办待办结 and 逾期未反馈的督办单, each tile opening the list that counts it); the office sets the task's contact person and reads the week in
// 工作周报 (printed on the same layout); the auditor reads the reply in the audit log as a
// comparison of the fields it changed.
import { describe, test as nodeTest, before, after } from 'node:test'
import assert from 'node:assert/strict'
import zlib from 'node:zlib'
import { startServer } from './server.js'
import { openBrowser, login, logout, pickOption, pickTreeOption, shot, sel, confirmBox, screenshotPath, testWithShots, pdf, todoCount } from './helpers.js'

const OFFICE = { username: 'office_n', password: 'Office#Passw0rd1', org: '市商务局', role: 'office', displayName: '改革办李科长' }
const ZONE = { username: 'zone_n', password: 'Zone#Passw0rd12', org: '抚顺经济开发区（示例）', role: 'zone', displayName: '经开区张主任' }
const COUNTY = { username: 'county_n', password: 'County#Passw0rd1', org: '东洲区', role: 'county', displayName: '东洲区孙科员' }
const AUDITOR = { username: 'auditor_n', password: 'Audit#Passw0rd1', org: '市审计局', role: 'auditor', displayName: '审计员周七' }

const day = (offset) => new Date(Date.now() + 8 * 3600e3 + offset * 86400e3).toISOString().slice(0, 10)

// A 24×16 PNG in one colour.
function png() {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(zlib.crc32(body))
    return Buffer.concat([len, body, crc])
  }
  const w = 24
  const h = 16
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(w, 0)
  ihdr.writeUInt32BE(h, 4)
  ihdr.set([8, 2, 0, 0, 0], 8)
  const rows = Buffer.concat(Array.from({ length: h }, () => Buffer.concat([Buffer.from([0]), Buffer.alloc(w * 3, Buffer.from([0x3a, 0x8e, 0xe6]))])))
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(rows)), chunk('IEND', Buffer.alloc(0))])
}

// a list's 共 N 条, as text to wait for: N and no other number
const total = (n) => new RegExp(`(^|\\D)${n}(\\D|$)`)

async function fillDate(input, value) {
  await input.click()
  await input.fill(value)
  await input.press('Enter')
}

describe('督办单: draft, issue, receipt, replies with files, close, print, audit', () => {
  let server
  let b
  const test = testWithShots(nodeTest, () => b?.page)
  const shared = {}

  before(async () => {
    server = await startServer({ name: 'notice', demo: true, users: [OFFICE, ZONE, COUNTY, AUDITOR] })
    b = await openBrowser(server.url)
  })

  after(async () => {
    if (b) await b.close()
    if (server) await server.stop()
  })

  test('the office drafts a notice with a PDF and a copy, then issues it', async () => {
    const { page, watcher } = b
    await login(page, watcher, OFFICE.username, OFFICE.password)
    shared.toClose = await todoCount(page, 'notices_to_close')
    shared.overdue = await todoCount(page, 'notices_overdue')
    await page.locator(sel('menu-notices')).click()
    await page.locator(sel('notice-issue')).click()
    const dialog = page.locator('.el-dialog:visible')
    await dialog.locator(sel('notice-subject')).waitFor()
    await pickTreeOption(page, sel('notice-org'), ZONE.org)
    await pickOption(page, sel('notice-task'), '第2条 聚焦主责主业')
    await dialog.locator(sel('notice-subject')).fill('加快推进园区整合')
    await dialog.locator(sel('notice-body')).fill('你单位园区整合工作进展滞后，请对照一区一策计划抓紧推进。\n请附整改台账。')
    await fillDate(dialog.locator(`${sel('notice-due')} input`), day(7))
    const cc = dialog.locator(`.el-select${sel('notice-cc')}`)
    await cc.click()
    await cc.locator('input').first().fill('东洲区')
    await page.locator('.el-select-dropdown:visible .el-tree-node__content', { hasText: '东洲区' }).first().click()
    await cc.locator('.el-tag', { hasText: '东洲区' }).waitFor()
    await dialog.locator('.el-dialog__title').click()
    await dialog.locator(`${sel('notice-upload')} input[type=file]`).setInputFiles({ name: '整改台账.pdf', mimeType: 'application/pdf', buffer: pdf(2, 'Rectification ledger') })
    await dialog.locator(sel('notice-file'), { hasText: '整改台账.pdf' }).waitFor()
    await shot(page, 'notice-dialog')
    await dialog.locator(sel('notice-save-draft')).click()

    // the draft opens: unnumbered, editable by the office only
    await page.locator(sel('notice-status'), { hasText: '拟稿' }).waitFor()
    assert.match(await page.locator(sel('notice-title')).innerText(), /^拟稿（未编号） 关于加快推进园区整合的督办通知/)
    await page.locator(sel('notice-draft')).waitFor()
    assert.equal((await page.locator(sel('notice-cc-list')).innerText()).trim(), '东洲区')
    shared.path = new URL(page.url()).pathname
    await page.locator(sel('notice-issue-draft')).click()
    await confirmBox(page)
    await page.locator(sel('notice-status'), { hasText: '待签收' }).waitFor()
    const title = await page.locator(sel('notice-title')).innerText()
    shared.number = /^督办〔\d{4}〕\d+号/.exec(title)[0]
    assert.equal(await page.locator(sel('notice-steps')).getAttribute('data-step'), '2')
    await shot(page, 'notice-issued')
    // due in a week: nothing for the office to close, nothing late
    assert.equal(await todoCount(page, 'notices_to_close'), shared.toClose)
    assert.equal(await todoCount(page, 'notices_overdue'), shared.overdue)
    await logout(page)
    watcher.assertClean()
  })

  test('the zone previews the PDF, signs for the notice and replies twice, the second time with a photo', async () => {
    const { page, watcher } = b
    await login(page, watcher, ZONE.username, ZONE.password)
    // the issued notice waits in 我的待办; the tile opens the notices awaiting the zone's reply
    const toReply = await todoCount(page, 'notices_to_reply')
    assert.ok(toReply >= 1, String(toReply))
    await page.locator(sel('todo-notices_to_reply')).click()
    await page.waitForURL(/\/notices\?awaiting=1&org_id=\d+$/)
    await page.locator(sel('notice-row-number'), { hasText: shared.number }).waitFor()
    await page.locator(sel('notice-total'), { hasText: total(toReply) }).waitFor()
    await page.waitForLoadState('networkidle')
    await page.goto(shared.path)
    await page.locator(sel('notice-status'), { hasText: '待签收' }).waitFor()
    assert.equal(await page.locator(sel('notice-reply-input')).count(), 0, 'no reply before signing for it')

    // the office's PDF in the page, drawn by pdf.js: two pages
    await page.locator(`${sel('notice-files')} ${sel('file-preview-open')}`).click()
    const preview = page.locator(`${sel('file-preview-pdf')}`)
    await preview.locator('canvas[data-rendered="1"]').nth(1).waitFor()
    assert.equal(await preview.getAttribute('data-pages'), '2')
    await shot(page, 'notice-pdf-preview')
    await page.locator('.el-dialog:visible .el-dialog__headerbtn').click()
    await preview.waitFor({ state: 'hidden' })

    await page.locator(sel('notice-receive')).click()
    await confirmBox(page)
    await page.locator(sel('notice-status'), { hasText: '已签收' }).waitFor()
    await page.locator(sel('notice-reply-input')).fill('已成立园区整合专班，整合方案正在征求意见。')
    await page.locator(sel('notice-reply-submit')).click()
    await page.locator(sel('notice-status'), { hasText: '已反馈' }).waitFor()
    await page.locator(sel('notice-reply')).first().waitFor()

    await page.locator(sel('notice-reply-input')).fill('整合方案已印发，现场照片见附件。')
    await page.locator(`${sel('notice-reply-upload')} input[type=file]`).setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: png() })
    await page.locator(sel('notice-reply-file'), { hasText: '现场照片.png' }).waitFor()
    await page.locator(sel('notice-reply-submit')).click()
    await page.locator(sel('notice-reply')).nth(1).waitFor()
    assert.deepEqual((await page.locator(sel('notice-reply-body')).allInnerTexts()).map((s) => s.trim()), ['已成立园区整合专班，整合方案正在征求意见。', '整合方案已印发，现场照片见附件。'])
    assert.equal(await page.locator(sel('notice-close')).count(), 0, 'the zone does not close notices')
    await shot(page, 'notice-replied-twice')
    // replied: no longer the zone's to do
    assert.equal(await todoCount(page, 'notices_to_reply'), toReply - 1)
    await logout(page)
    watcher.assertClean()
  })

  test('the organization copied reads the notice, has nothing to do, and reads its zones\' week', async () => {
    const { page, watcher } = b
    await login(page, watcher, COUNTY.username, COUNTY.password)
    await page.locator(sel('menu-notices')).click()
    await page.locator(sel('notice-row-number'), { hasText: shared.number }).click()
    await page.locator(sel('notice-copied')).waitFor()
    assert.equal(await page.locator(sel('notice-receive')).count(), 0)
    assert.equal(await page.locator(sel('notice-reply-input')).count(), 0)
    assert.equal(await page.locator(sel('notice-reply')).count(), 2)
    // the county's 工作周报: its own zone's week, no other zone's
    await page.locator(sel('menu-briefing')).click()
    await page.locator(`${sel('briefing-zones')} .el-table__row`, { hasText: '抚顺高新技术产业开发区（示例）' }).waitFor()
    assert.equal(await page.locator(`${sel('briefing-zones')} .el-table__row`, { hasText: ZONE.org }).count(), 0)
    await logout(page)
    watcher.assertClean()
  })

  test('the office sees both replies and the photo, closes the notice and prints it', async () => {
    const { page, context, watcher } = b
    await login(page, watcher, OFFICE.username, OFFICE.password)
    // replied, the notice waits for the office to close it: the tile opens those to close
    assert.equal(await todoCount(page, 'notices_to_close'), shared.toClose + 1)
    await page.locator(sel('todo-notices_to_close')).click()
    await page.waitForURL(/\/notices\?to_close=1$/)
    await page.locator(sel('notice-row-number'), { hasText: shared.number }).waitFor()
    await page.locator(sel('notice-total'), { hasText: total(shared.toClose + 1) }).waitFor()
    await page.waitForLoadState('networkidle')
    await page.goto(shared.path)
    await page.locator(sel('notice-reply')).nth(1).waitFor()
    const thumb = page.locator(`${sel('notice-reply')} ${sel('file-thumb')} img`)
    await thumb.waitFor()
    await page.waitForFunction((img) => img.complete && img.naturalWidth === 24, await thumb.elementHandle())
    await page.locator(sel('notice-close')).click()
    const box = page.locator('.el-message-box:visible')
    await box.waitFor()
    await box.locator('textarea').fill('整合方案已印发，予以办结')
    await box.locator('.el-button--primary').click()
    await box.waitFor({ state: 'hidden' })
    await page.locator(sel('notice-status'), { hasText: '已办结' }).waitFor()
    assert.equal(await page.locator(sel('notice-steps')).getAttribute('data-step'), '5')
    await shot(page, 'notice-closed')
    // closed: off the office's desk; the late ones are the demo's, listed where the tile points
    const back = page.url()
    assert.equal(await todoCount(page, 'notices_to_close'), shared.toClose)
    assert.equal(await todoCount(page, 'notices_overdue'), shared.overdue)
    await page.locator(sel('todo-notices_overdue')).click()
    await page.waitForURL(/\/notices\?overdue=1$/)
    await page.locator(sel('notice-total'), { hasText: total(shared.overdue) }).waitFor()
    await page.goto(back)
    await page.locator(sel('notice-status'), { hasText: '已办结' }).waitFor()

    const [popup] = await Promise.all([context.waitForEvent('page'), page.locator(sel('notice-print')).click()])
    await popup.waitForLoadState()
    const text = await popup.locator('body').innerText()
    assert.ok(text.includes(shared.number), 'the 发文字号')
    assert.ok(text.includes('抄送：东洲区。'), 'the copy in the 版记')
    assert.ok(text.includes('附件：整改台账'), 'the 附件说明 without the extension')
    assert.match(text, /\d{4}年\d{1,2}月\d{1,2}日印发/)
    // the title at its fixed size, centred, in lines the server broke
    const h1 = await popup.locator('h1').evaluate((el) => ({ px: parseFloat(getComputedStyle(el).fontSize), lines: el.children.length }))
    assert.ok(Math.abs(h1.px - (22 * 4) / 3) < 0.01, `2号 is 22 pt: ${h1.px}px`)
    assert.equal(h1.lines, 1)
    await popup.setViewportSize({ width: 1000, height: 1500 })
    await popup.screenshot({ path: screenshotPath('notice-print'), fullPage: true })
    await popup.pdf({ path: screenshotPath('notice-print').replace(/\.png$/, '.pdf'), format: 'A4', preferCSSPageSize: true }).catch(() => {})
    await popup.close()
    await logout(page)
    watcher.assertClean()
  })

  test('the office sets the task\'s contact person and reads the week in 工作周报, then prints it', async () => {
    const { page, context, watcher } = b
    await login(page, watcher, OFFICE.username, OFFICE.password)
    await page.locator(sel('menu-tasks')).click()
    await page.locator(sel('task-row-title'), { hasText: '聚焦主责主业' }).first().click()
    await page.locator(sel('task-contact-edit')).click()
    const dialog = page.locator(sel('task-contact-dialog'))
    await dialog.locator(sel('task-contact-name-input')).fill('李明')
    await dialog.locator(sel('task-contact-phone-input')).fill('024-5750061')
    await fillDate(dialog.locator(`${sel('task-contact-deadline-input')} input`), '2026-12-31')
    await dialog.locator(sel('task-contact-save')).click()
    await page.locator(sel('task-contact-phone'), { hasText: '024-5750061' }).waitFor()
    assert.equal((await page.locator(sel('task-contact-name')).innerText()).trim(), '李明')
    assert.equal((await page.locator(sel('task-contact-deadline')).innerText()).trim(), '2026-12-31')

    await page.locator(sel('menu-briefing')).click()
    await page.locator(sel('briefing-summary')).waitFor()
    const row = page.locator(`${sel('briefing-zones')} .el-table__row`, { hasText: ZONE.org })
    await row.waitFor()
    // this week: the notice issued and closed (the last two columns)
    const cells = (await row.locator('td').allInnerTexts()).map((s) => s.trim())
    assert.deepEqual(cells.slice(-2), ['1', '1'], `issued and closed this week: ${cells}`)
    assert.match(await page.locator(sel('briefing-summary')).innerText(), /下发督办单1件，办结1件。$/)
    await shot(page, 'briefing-page')
    const [popup] = await Promise.all([context.waitForEvent('page'), page.locator(sel('briefing-print')).click()])
    await popup.waitForLoadState()
    assert.match(await popup.locator('h1').innerText(), /工作周报（\d{4}年第\d+周）/)
    assert.ok((await popup.locator('body').innerText()).includes(shared.number))
    await popup.setViewportSize({ width: 1000, height: 1500 })
    await popup.screenshot({ path: screenshotPath('briefing-print'), fullPage: true })
    await popup.close()
    await logout(page)
    watcher.assertClean()
  })

  test('the auditor reads the first reply as a comparison of what it changed', async () => {
    const { page, watcher } = b
    await login(page, watcher, AUDITOR.username, AUDITOR.password)
    await page.locator(sel('menu-audit')).click()
    await pickOption(page, sel('audit-filter-action'), '反馈')
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/audit?') && r.url().includes('action=reply')),
      page.locator(sel('audit-search-submit')).click(),
    ])
    const rows = page.locator(`${sel('audit-table')} .el-table__body .el-table__row`)
    await rows.nth(1).waitFor()
    assert.equal(await rows.count(), 2)
    assert.match(await rows.nth(1).locator(sel('audit-row-user')).innerText(), /经开区张主任（抚顺经济开发区（示例））/)
    // the older of the two: the first reply
    await rows.nth(1).locator(sel('audit-detail')).click()
    const drawer = page.locator('.el-drawer:visible')
    await drawer.locator(sel('audit-changes')).waitFor()
    const change = async (label) => {
      const row = drawer.locator(`${sel('audit-changes')} .el-table__row`, { has: page.locator(sel('audit-change-field'), { hasText: label }) })
      return [(await row.locator(sel('audit-change-before')).innerText()).trim(), (await row.locator(sel('audit-change-after')).innerText()).trim()]
    }
    assert.deepEqual(await change('状态'), ['已签收', '已反馈'])
    assert.deepEqual(await change('反馈记录'), ['', '已成立园区整合专班，整合方案正在征求意见。'])
    assert.deepEqual(await change('最近反馈人'), ['', ZONE.displayName])
    assert.equal((await drawer.locator(sel('audit-who')).innerText()).trim(), ZONE.displayName)
    await shot(page, 'notice-audit-comparison')
    await drawer.locator(`${sel('audit-raw')} .el-collapse-item__header`).click()
    assert.match(await drawer.locator(sel('audit-after')).innerText(), /"status": "replied"/)
    watcher.assertClean()
  })
})
