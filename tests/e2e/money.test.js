// Enterprises and revenue sharing in the browser, on the demo's sample enterprises, two years of
// tax and 2025 statements (`kfq demo`): a zone registers an enterprise (a wrong check character
// of its 统一社会信用代码 is named at the field, with the right one), imports two more from a
// spreadsheet, and sees only its own enterprises and statement, with nothing to confirm; the
// finance bureau (市财政局) sees every zone's statement, the city's total and the charts,
// computes, confirms a zone's statement (then frozen), prints and exports it, imports tax and
// gets a new version beside it, compares sharing ratios side by side and adopts one; the office
// records a 托管 arrangement with an operating company and compares ratios without adopting.
import { describe, test as nodeTest, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer } from './server.js'
import { createRequire } from 'node:module'
import { openBrowser, login, menuTexts, pickOption, shot, sel, confirmBox, testWithShots, chartTip, eventually } from './helpers.js'

const require = createRequire(import.meta.url)
const { writeXlsx } = require('../api/xlsx.js')

const ZONE = { username: 'zone1', password: 'Zone#Passw0rd12', org: '抚顺经济开发区（示例）', role: 'zone', displayName: '经开区招商科' }
const FINANCE = { username: 'finance1', password: 'Finance#Passw0rd1', org: '市财政局', role: 'department', displayName: '财政局预算科' }
const OFFICE = { username: 'office1', password: 'Office#Passw0rd1', org: '市商务局', role: 'office', displayName: '改革办王主任' }
const ECON = '抚顺经济开发区（示例）'

async function fillDate(input, value) {
  await input.click()
  await input.fill(value)
  await input.press('Enter')
}

// The answer of a GET the page's session may make (the cookie of the browser context).
async function apiGet(page, path) {
  const res = await page.request.get(path)
  assert.equal(res.status(), 200, `${path}: ${res.status()}`)
  return res.json()
}

describe('enterprises and revenue sharing', () => {
  let server
  let b
  const test = testWithShots(nodeTest, () => b?.page)

  before(async () => {
    server = await startServer({ name: 'money', demo: true, users: [ZONE, FINANCE, OFFICE] })
  })

  after(async () => {
    if (b) await b.close()
    if (server) await server.stop()
  })

  test('a zone registers its enterprise: the check character is verified at the field', async () => {
    b = await openBrowser(server.url)
    const { page, watcher } = b
    await login(page, watcher, ZONE.username, ZONE.password)
    assert.deepEqual(await menuTexts(page), ['首页', '改革任务', '一区一策计划', '推进节点', '进展报告', '督导看板', '督办单', '征求意见', '工作周报', '企业名录', '财力分成', '合作共建', '开发区预决算', '项目绩效', '平台公司', '债务风险', '权力事项目录', '一区一单', '赋权评估', '权责清单', '社会事务与营商环境', '工作日历', '用地地图', '地块', '低效用地处置', '亩均效益评价', '闲置楼宇', '产业规划', '招商项目', '编制核定', '人员名册', '绩效薪酬', '年度考核', '内部考核', '容错免责', '容错案例库', '县区考核视图', '班子成员奖惩', '编制测算', '组织机构', '个人中心'])
    await page.locator(sel('menu-enterprises')).click()
    await page.locator(`${sel('enterprise-table')} .el-table__row`).first().waitFor()
    const zones = new Set(await page.locator(`${sel('enterprise-table')} .el-table__row td:nth-child(3)`).allInnerTexts())
    assert.deepEqual([...zones], [ECON], 'a zone sees its own enterprises only')

    await page.locator(sel('enterprise-create')).click()
    const dialog = page.locator(`${sel('enterprise-dialog')}:visible`)
    await dialog.waitFor()
    await page.locator(sel('enterprise-uscc')).fill('91440300192317458A')
    await page.locator(sel('enterprise-name')).fill('抚顺示例水泥有限公司')
    const cascader = page.locator(`${sel('enterprise-industry')} .el-cascader`)
    await cascader.click()
    await cascader.locator('input').first().fill('3011')
    await page.locator('.el-cascader__suggestion-item:visible', { hasText: '3011 水泥制造' }).click()
    await fillDate(dialog.locator(`${sel('enterprise-registered')} input`), '2023-05-06')
    watcher.allow('POST', '/api/enterprises', 400)
    await page.locator(sel('enterprise-save')).click()
    await dialog.locator('.el-form-item__error', { hasText: '统一社会信用代码校验位错误：第18位应为F，当前为A' }).waitFor()
    await page.locator(sel('enterprise-uscc')).fill('91440300192317458F')
    await page.locator(sel('enterprise-save')).click()
    await dialog.waitFor({ state: 'hidden' })
    await page.locator(sel('enterprise-filter-q')).fill('示例水泥')
    await page.locator(sel('enterprise-search-submit')).click()
    // the searched list: the demo's own 3011 enterprise is in the unfiltered list until it lands
    await page.locator(`${sel('enterprise-table')} .el-table__row`, { hasText: '抚顺示例水泥有限公司' }).filter({ hasText: '3011 水泥制造' }).waitFor()
    await shot(page, 'money-zone-enterprises')
    watcher.assertClean()
  })

  test('the zone imports enterprises from a spreadsheet: a bad row refuses the file, a good one lands', async () => {
    const { page, watcher } = b
    const header = ['统一社会信用代码', '企业名称', '所在开发区', '行业代码', '规模', '成立日期', '招商引资']
    const pick = (name, rows) =>
      page.locator(`${sel('import-file')} input[type=file]`).setInputFiles({ name, mimeType: 'application/octet-stream', buffer: writeXlsx(rows) })
    await page.locator(sel('enterprise-import')).click()
    await page.locator(sel('import-dialog')).waitFor()
    watcher.allow('POST', '/api/imports/enterprises', 422)
    await pick('企业.xlsx', [header, ['91210400MA0U00000A', '抚顺示例导入甲有限公司', ECON, '3011', '规上', '2022-01-01', '否']])
    await page.locator(sel('import-rejected')).waitFor()
    assert.match(await page.locator(`${sel('import-dialog')} .el-table`).innerText(), /第18位应为J，当前为A/)
    await page.locator(sel('import-again')).click()
    await pick('企业.xlsx', [
      header,
      ['91210400MA0U00000J', '抚顺示例导入甲有限公司', ECON, '3011', '规上', '2022-01-01', '否'],
      ['91210400MA0U00001M', '抚顺示例导入乙有限公司', ECON, { n: '111' }, '规下', '2023-01-01', '是'],
    ])
    await page.locator(sel('import-done')).waitFor()
    assert.match(await page.locator(sel('import-done')).innerText(), /导入成功：共 2 行/)
    await shot(page, 'money-zone-import')
    await page.keyboard.press('Escape')
    await page.locator(sel('enterprise-filter-q')).fill('示例导入')
    await page.locator(sel('enterprise-search-submit')).click()
    await page.locator(`${sel('enterprise-table')} .el-table__row`, { hasText: '0111 稻谷种植' }).waitFor()
    assert.equal(await page.locator(`${sel('enterprise-table')} .el-table__row`).count(), 2)
    watcher.assertClean()
  })

  test('the zone sees its own statement and cannot confirm it', async () => {
    const { page, watcher } = b
    await page.locator(sel('menu-revshare')).click()
    const rows = page.locator(`${sel('revshare-table')} .el-table__row`)
    await rows.first().waitFor()
    assert.equal(await rows.count(), 1)
    assert.match(await rows.first().innerText(), new RegExp(ECON.replace(/[()（）]/g, '.')))
    assert.equal(await page.locator(sel('revshare-compute')).count(), 0)
    await rows.first().locator('button', { hasText: '查看' }).click()
    await page.locator(sel('statement-title'), { hasText: ECON }).waitFor()
    assert.equal(await page.locator(sel('statement-confirm')).count(), 0)
    await page.locator(`${sel('statement-lines')} .el-table__row`).first().waitFor()
    watcher.assertClean()
    await b.close()
    b = null
  })

  test('the finance bureau sees every zone, computes, and confirms a statement, which is then frozen', async () => {
    b = await openBrowser(server.url)
    const { page, watcher } = b
    await login(page, watcher, FINANCE.username, FINANCE.password)
    await page.locator(sel('menu-revshare')).click()
    const rows = page.locator(`${sel('revshare-table')} .el-table__row`)
    await rows.nth(3).waitFor()
    const statements = (await apiGet(page, '/api/revshare/statements?year=2025&latest=true')).items
    assert.equal(statements.length, 4)
    const econ = statements.find((s) => s.zone_name === ECON)
    const shown = await page.locator(sel(`revshare-returned-${econ.zone_id}`)).innerText()
    assert.equal(shown.replace(/,/g, ''), econ.returned_yuan)
    const total = statements.reduce((a, s) => a + s.returned_fen, 0)
    assert.equal((await page.locator(sel('revshare-city-total')).innerText()).replace(/,/g, ''), (total / 100).toFixed(2))
    await page.locator(`${sel('chart-returned')} canvas`).waitFor()
    await page.locator(`${sel('chart-increment')} canvas`).waitFor()
    // the returned amounts' bars run in the table's order: the top bar is the table's first zone
    const firstZone = (await rows.first().locator('td').first().innerText()).trim()
    assert.equal((await chartTip(page, 'chart-returned', 50))[0], firstZone)
    await shot(page, 'money-finance-revshare')

    await page.locator(sel('revshare-compute')).click()
    await confirmBox(page)
    await page.locator('.el-message--success', { hasText: '重算 1，无变化 3' }).waitFor() // the zone's new enterprise is a new (zero) line

    await page.locator(sel(`revshare-open-${econ.zone_id}`)).click()
    await page.locator(sel('statement-title'), { hasText: ECON }).waitFor()
    await page.locator(sel('statement-confirm')).click()
    await confirmBox(page)
    await page.locator(sel('statement-status'), { hasText: '已确认' }).waitFor()
    await page.locator(sel('statement-confirmed-by'), { hasText: '市财政局' }).waitFor()
    assert.equal(await page.locator(sel('statement-confirm')).count(), 0)

    const [popup] = await Promise.all([page.waitForEvent('popup'), page.locator(sel('statement-print')).click()])
    await popup.locator('h1', { hasText: `2025年度${ECON}招商引资新增税收财力分成结算单` }).waitFor()
    assert.match(await popup.locator('.formula').innerText(), new RegExp(`${econ.returned_yuan.replace('.', '\\.')}元`))
    await popup.close()
    await page.locator(sel('statement-export')).click()
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`${sel('statement-export-xlsx')}:visible`).click()])
    assert.match(download.suggestedFilename(), /财力分成结算单\.xlsx$/)
    await shot(page, 'money-finance-statement')
    watcher.assertClean()
  })

  test('the finance bureau imports tax; computing again makes a new version beside the confirmed one', async () => {
    const { page, watcher } = b
    await page.locator(sel('menu-revshare')).click()
    await page.locator(sel('revshare-import')).click()
    await page.locator(sel('import-dialog')).waitFor()
    await page.locator(`${sel('import-file')} input[type=file]`).setInputFiles({
      name: '税收.xlsx',
      mimeType: 'application/octet-stream',
      buffer: writeXlsx([
        ['统一社会信用代码', '年度', '税种', '税额（元）'],
        ['91210400MA0U00001M', 2025, '增值税', '1,000.00'],
      ]),
    })
    await page.locator(sel('import-done')).waitFor()
    assert.match(await page.locator(sel('import-done')).innerText(), /导入成功：共 1 行/)
    await page.keyboard.press('Escape')
    await page.locator(sel('revshare-compute')).click()
    await confirmBox(page)
    await page.locator('.el-message--success', { hasText: '新版本 1，重算 0，无变化 3' }).waitFor()
    watcher.assertClean()
  })

  test('录入税收 shows what is recorded for the year it names, and asks before it clears a year', async () => {
    const { page, watcher } = b
    const api = async (path) => (await page.request.get(path)).json()
    // a demo enterprise with both years' figures
    let ent, taxes
    for (const e of (await api('/api/enterprises?page_size=50')).items) {
      taxes = (await api(`/api/enterprises/${e.id}`)).taxes
      ent = e
      if (taxes.some((y) => y.year === 2025) && taxes.some((y) => y.year === 2024)) break
    }
    const boxes = async () => Promise.all(['vat', 'cit'].map((code) => page.locator(sel(`tax-${code}`)).inputValue()))
    const shown = (year) => ['vat', 'cit'].map((code) => {
      const fen = taxes.find((y) => y.year === year)?.amounts[code]
      return fen === undefined ? '' : (fen / 100).toFixed(2)
    })
    assert.ok(taxes.some((y) => y.year === 2025) && taxes.some((y) => y.year === 2024), JSON.stringify(taxes))
    await page.goto(`/enterprises/${ent.id}`)
    await page.locator(sel('tax-open')).click()
    const dialog = page.locator(sel('tax-dialog'))
    await dialog.waitFor()
    assert.match(await dialog.locator('.el-dialog__title').innerText(), /2025 年度/)
    assert.deepEqual(await boxes(), shown(2025))
    // another year in the dialog: its own figures
    await page.locator(`${sel('tax-year')} input`).fill('2024')
    await page.locator(`${sel('tax-year')} input`).press('Tab')
    await eventually(boxes, shown(2024))
    // every box emptied: asked first, and a cancel keeps the year
    for (const x of await dialog.locator('.el-input-group input').all()) await x.fill('')
    await page.locator(sel('tax-save')).click()
    const box = page.locator('.el-message-box:visible')
    await box.waitFor()
    assert.match(await box.innerText(), /2024 年度的税收将全部清空/)
    await box.locator('.el-button:not(.el-button--primary)').click()
    await box.waitFor({ state: 'hidden' })
    await page.keyboard.press('Escape')
    assert.deepEqual((await api(`/api/enterprises/${ent.id}`)).taxes, taxes)
    watcher.assertClean()
  })

  test('the finance bureau compares sharing ratios side by side and adopts one', async () => {
    const { page, watcher } = b
    await page.locator(sel('menu-whatif')).click()
    await page.locator(sel('whatif-compare')).click()
    await page.locator(`${sel('whatif-table')} .el-table__row`).nth(3).waitFor()
    const expected = await (
      await page.request.post('/api/revshare/whatif', {
        data: { year: 2025, scenarios: [{ name: '分成比例 40%', values: [{ name: 'ratio_bp', value: 4000 }] }, { name: '分成比例 60%', values: [{ name: 'ratio_bp', value: 6000 }] }] },
        headers: { 'X-CSRF-Token': await page.evaluate(async () => (await (await fetch('/api/session')).json()).csrf_token), Origin: server.url },
      })
    ).json()
    for (const row of expected.rows)
      for (let k = 0; k < 3; k++) {
        const text = await page.locator(sel(`whatif-cell-${row.zone_id}-${k}`)).innerText()
        assert.equal(text.replace(/,/g, ''), (row.returned_fen[k] / 100).toFixed(2), `zone ${row.zone_name}, column ${k}`)
      }
    await page.locator(`${sel('chart-whatif')} canvas`).waitFor()
    await shot(page, 'money-finance-whatif')
    await page.locator(sel('whatif-adopt-2')).click()
    await confirmBox(page)
    await page.locator('.el-message--success', { hasText: '已采用方案“分成比例 60%”' }).waitFor()
    await page.locator('.text-muted', { hasText: '现行 60.00%' }).waitFor()
    watcher.assertClean()
    await b.close()
    b = null
  })

  test('the office records a 托管 with an operating company and compares without adopting', async () => {
    b = await openBrowser(server.url)
    const { page, watcher } = b
    await login(page, watcher, OFFICE.username, OFFICE.password)
    await page.locator(sel('menu-arrangements')).click()
    await page.locator(sel('arrangement-create')).click()
    const dialog = page.locator(`${sel('arrangement-dialog')}:visible`)
    await dialog.waitFor()
    await dialog.locator('.el-radio', { hasText: '托管' }).click()
    await page.locator(sel('arrangement-name')).fill('经开区托管运营（示例）')
    // the host zone's enterprises are searched on the server as one types, a short page at a
    // time, never fetched whole (DECISIONS 256)
    const asked = []
    const record = (r) => {
      const u = new URL(r.url())
      if (u.pathname === '/api/enterprises') asked.push(`${u.searchParams.get('page_size')}:${u.searchParams.get('q') ?? ''}`)
    }
    page.on('request', record)
    await pickOption(page, sel('arrangement-host'), ECON)
    await dialog.locator('.el-checkbox', { hasText: '合作方为企业' }).click()
    await dialog.locator('input[placeholder="托管运营企业"]').fill('示例园区运营有限公司')
    await fillDate(dialog.locator(`${sel('arrangement-start')} input`), '2025-01-01')
    await dialog.locator(sel('arrangement-ratio-0')).fill('20')
    await dialog.locator('.el-input-number input').first().fill('2025')
    await dialog.locator('.el-input-number input').first().press('Tab')
    const members = page.locator(sel('arrangement-enterprises'))
    await members.click()
    const searched = page.waitForRequest((r) => new URL(r.url()).searchParams.get('q') === '北辰建材', { timeout: 10000 })
    await members.locator('input').fill('北辰建材')
    await searched
    await page.locator('.el-select-dropdown__item:visible', { hasText: '抚顺北辰建材有限公司' }).click()
    await dialog.locator('.el-dialog__title').click()
    page.off('request', record)
    assert.deepEqual([...new Set(asked)], ['20:', '20:北辰建材'])
    await page.locator(sel('arrangement-save')).click()
    await dialog.waitFor({ state: 'hidden' })
    const row = page.locator(`${sel('arrangement-table')} .el-table__row`, { hasText: '经开区托管运营（示例）' })
    await row.waitFor()
    assert.match(await row.innerText(), /托管[\s\S]*示例园区运营有限公司[\s\S]*2025起 20\.00%/)
    await shot(page, 'money-office-arrangements')
    // deleted after a confirmation naming it
    await row.locator('[data-test^="arrangement-delete-"]').click()
    const box = page.locator('.el-message-box:visible')
    await box.waitFor()
    assert.match(await box.innerText(), /删除“经开区托管运营（示例）”/)
    await confirmBox(page)
    await page.locator('.el-message--success', { hasText: '已删除' }).waitFor()
    await row.waitFor({ state: 'detached' })

    await page.locator(sel('menu-whatif')).click()
    // a scenario's name follows its ratio until one is written for it
    await page.locator(sel('whatif-ratio-0')).fill('55')
    assert.equal(await page.locator(sel('whatif-name-0')).inputValue(), '分成比例 55%')
    await page.locator(sel('whatif-name-1')).fill('对半分')
    await page.locator(sel('whatif-ratio-1')).fill('50')
    assert.equal(await page.locator(sel('whatif-name-1')).inputValue(), '对半分')
    await page.locator(sel('whatif-compare')).click()
    await page.locator(`${sel('whatif-table')} .el-table__row`).first().waitFor()
    const heads = (await page.locator(`${sel('whatif-table')} .el-table__header th`).allInnerTexts()).join(' | ')
    assert.match(heads, /分成比例 55%（55\.00%）/)
    assert.match(heads, /对半分（50\.00%）/)
    assert.equal(await page.locator('[data-test^="whatif-adopt-"]').count(), 0, 'only the finance bureau adopts')
    watcher.assertClean()
  })
})
