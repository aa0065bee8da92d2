// 亩均效益评价: the sample zone's account opens the 2025 class list (from `kfq demo`: the
// registry's tax, the entered figures, one policy exemption and one 规下 enterprise on too
// little land), reads an enterprise's contributions, enters its figures, exempts it after a
// prompt and takes the exemption back after a confirmation, records a measure for a class and
// exports the list of one class; 市自然资源局 colours the map's parcels by 亩均 class.
import { describe, test as nodeTest, before, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import { startServer } from './server.js'
import { openBrowser, login, logout, pickOption, shot, sel, exportFrom, RUN, testWithShots } from './helpers.js'

const require = createRequire(import.meta.url)
const { readXlsx } = require('../api/xlsx.js')

const LAND = { username: `mjland_${RUN}`, password: 'Land#Passw0rd12', org: '市自然资源局', role: 'department' }
const ZONE = { username: `mjzone_${RUN}`, password: 'Zone#Passw0rd12', org: '抚顺经济开发区（示例）', role: 'zone' }

describe('亩均效益评价', () => {
  let server
  let b
  const test = testWithShots(nodeTest, () => b?.page)

  before(async () => {
    server = await startServer({ name: 'mujun', demo: true, users: [LAND, ZONE] })
    b = await openBrowser(server.url)
  })

  after(async () => {
    if (b) await b.close()
    if (server) await server.stop()
  })

  const row = (page, name) => page.locator(`${sel('mujun-table')} .el-table__row`, { hasText: name })

  test('a zone: the class list, contributions, figures, an exemption and a measure', async () => {
    const { page, watcher } = b
    await login(page, watcher, ZONE.username, ZONE.password)
    await page.locator(sel('menu-mujun')).click()
    await page.locator(sel('page-mujun')).waitFor()
    await pickOption(page, sel('mujun-year'), '2025')
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/mujun/evaluation' && new URL(r.url()).searchParams.get('year') === '2025')
    await page.locator(sel('mujun-search-submit')).click()
    const evaluation = await (await answered).json()
    await page.locator(sel('mujun-summary'), { hasText: '2025年' }).waitFor()
    assert.match(await page.locator(sel('mujun-summary')).innerText(), /不参评 2 家/)
    await row(page, '精细化工').locator(sel('mujun-row-class'), { hasText: '不参评' }).waitFor()

    // 新材料 holds the demo's parcel in production: its contributions, none averaged
    await row(page, '新材料').locator('.el-table__expand-icon').click()
    const parts = page.locator(sel('mujun-contributions')).first()
    await parts.getByText('亩均税收').waitFor()
    assert.equal(await parts.locator('.el-table__row').count(), 6)
    // money as every money page writes it, grouped (DECISIONS 268): the answer's fen per mu
    const taxPerMu = evaluation.items.find((x) => x.name.includes('新材料')).contributions.find((c) => c.code === 'tax_per_mu').value
    assert.ok(taxPerMu >= 100000, String(taxPerMu))
    const grouped = (taxPerMu / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
    assert.equal((await parts.locator('.el-table__row', { hasText: '亩均税收' }).locator('td').nth(1).innerText()).trim(), `${grouped} 元/亩`)
    await shot(page, 'mujun-list')

    // figures: the staff of 建材
    await row(page, '建材').locator(sel('mujun-figures')).click()
    const dialog = page.locator(sel('mujun-figures-dialog'))
    await dialog.waitFor()
    await dialog.locator(sel('mujun-figure-staff')).fill('300')
    await dialog.locator(sel('mujun-figures-save')).click()
    await page.locator('.el-message--success', { hasText: '已保存' }).waitFor()

    // an exemption after the prompt, then taken back after the confirmation
    await row(page, '建材').locator(sel('mujun-exempt')).click()
    await page.locator('.el-message-box input').fill('列入省级绿色工厂培育名单（示例）')
    await page.locator('.el-message-box .el-button--primary').click()
    await page.locator('.el-message--success', { hasText: '已登记不参评' }).waitFor()
    await page.locator(sel('mujun-summary'), { hasText: '不参评 3 家' }).waitFor()
    await row(page, '建材').locator(sel('mujun-unexempt')).click()
    await page.locator('.el-message-box .el-button--primary').click()
    await page.locator('.el-message--success', { hasText: '已撤销不参评' }).waitFor()
    await page.locator(sel('mujun-summary'), { hasText: '不参评 2 家' }).waitFor()

    // a measure for class C
    await page.locator(sel('mujun-add-measure')).click()
    const m = page.locator(sel('mujun-measure-dialog'))
    await m.waitFor()
    await m.locator('.el-radio-button', { hasText: 'C' }).click()
    await m.locator(sel('mujun-measure-text')).fill('开展节能诊断，制定提升计划（示例）')
    await m.locator(sel('mujun-measure-save')).click()
    await page.locator('.el-message--success', { hasText: '已记录' }).waitFor()
    await page.locator(sel('mujun-measures')).getByText('开展节能诊断，制定提升计划（示例）').waitFor()
    // 记录时间 as every page writes a time (2026-11-28 11:00:00 in the browser's zone), not the
    // API's 2026-11-28T03:00:00Z
    const at = (await page.locator(`${sel('mujun-measures')} .el-table__row td:last-child`).allInnerTexts()).map((s) => s.trim())
    assert.equal(at.length, 3)
    assert.deepEqual(at.filter((s) => !/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(s)), [])

    // the export holds the rows the filters show (class A only), each indicator's value in its
    // unit beside its score (DECISIONS 401, 402)
    await pickOption(page, sel('mujun-class'), 'A')
    const filtered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/mujun/evaluation' && new URL(r.url()).searchParams.get('class') === 'A')
    await page.locator(sel('mujun-search-submit')).click()
    const shown = (await (await filtered).json()).items.map((x) => x.name)
    assert.ok(shown.length > 0 && shown.length < evaluation.items.length, JSON.stringify(shown))
    const download = await exportFrom(page, 'mujun-export', 'xlsx')
    assert.equal(download.suggestedFilename(), '2025年亩均效益评价.xlsx')
    const rows = readXlsx(fs.readFileSync(await download.path()))
    assert.deepEqual(rows[0].slice(5, 7), ['亩均税收（元/亩）', '亩均税收得分'])
    assert.deepEqual(rows.slice(1).map((r) => r[1]), shown)
    await logout(page)
    watcher.assertClean()
  })

  test('自然资源局: the map coloured by 亩均 class', async () => {
    const { page, watcher } = b
    await login(page, watcher, LAND.username, LAND.password)
    await page.locator(sel('menu-land-map')).click()
    await page.locator(sel('page-land-map')).waitFor()
    await page.locator(`${sel('land-map')} canvas`).first().waitFor()
    const answered = page.waitForResponse((r) => r.url().includes('/api/mujun/evaluation') && r.status() === 200)
    await page.locator(sel('land-colour-class')).click()
    await answered
    await page.locator(sel('land-class-year')).waitFor()
    await shot(page, 'mujun-map')
    // the class list reads the same zone; 自然资源局 changes nothing of a zone's list here
    await page.locator(sel('menu-mujun')).click()
    await page.locator(sel('page-mujun')).waitFor()

    // but it sets the year's scheme: weights that do not add up to 100 refused, a reference
    // typed in 元/亩 kept in fen
    await pickOption(page, sel('mujun-year'), '2025')
    await page.locator(sel('mujun-search-submit')).click()
    await page.locator(sel('mujun-scheme')).click()
    const dialog = page.locator(sel('mujun-scheme-dialog'))
    await dialog.locator(sel('mujun-scheme-sum-above'), { hasText: '权重合计 100' }).waitFor()
    const weight = dialog.locator(`${sel('mujun-scheme-above')} ${sel('mujun-scheme-weight-tax_per_mu')} input`)
    await weight.fill('35')
    await weight.blur()
    await dialog.locator(sel('mujun-scheme-sum-above'), { hasText: '权重合计 105' }).waitFor()
    watcher.allow('PUT', '/api/mujun/schemes/2025', 400)
    await dialog.locator(sel('mujun-scheme-save')).click()
    await dialog.locator(sel('mujun-scheme-error')).waitFor()
    await weight.fill('30')
    await weight.blur()
    await dialog.locator(sel('mujun-scheme-ref-above-tax_per_mu')).fill('1000')
    await dialog.locator(sel('mujun-scheme-save')).click()
    await page.locator('.el-message--success', { hasText: '已保存2025年度评价方案' }).waitFor()
    const kept = await (await page.request.get('/api/mujun/schemes/2025')).json()
    assert.equal(kept.stored, true)
    assert.equal(kept.scheme.indicators.find((i) => i.group === 'above' && i.code === 'tax_per_mu').reference, 100000)
    await page.locator(sel('mujun-scheme')).click()
    await dialog.locator(sel('mujun-scheme-stored'), { hasText: '本年度方案已设置' }).waitFor()
    assert.equal(await dialog.locator(sel('mujun-scheme-ref-above-tax_per_mu')).inputValue(), '1000.00')
    await dialog.locator('.el-dialog__footer button').first().click()
    await logout(page)
    watcher.assertClean()
  })
})
