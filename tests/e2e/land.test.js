// 开发区用地: 市自然资源局 (which `kfq demo`'s import of the seed draft grants manage_land, as
// art. 2's lead) opens the offline map of the sample zone (its boundary, parcels coloured by
// finding, projects), reads the approved area against the computed one, sees the
// non-industrial project that must move out, is told that GCJ-02 is not converted and has a
// swapped coordinate refused at the field; keeps that project with a reason in its edit
// dialog, adds a project and a batch (a second batch of the same number refused at its field)
// and exports the projects, batches and boundaries; filters parcels by finding, reads a reason,
// exports, opens a case on a 供而未用 parcel and closes it after a prompt, edits a parcel's
// progress and adds a parcel of the new batch and a registry enterprise, which is classed at
// once. A zone reads only its own land.
import { describe, test as nodeTest, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer } from './server.js'
import { openBrowser, login, logout, menuTexts, pickOption, shot, sel, RUN, testWithShots, exportFrom } from './helpers.js'

const LAND = { username: `land_${RUN}`, password: 'Land#Passw0rd12', org: '市自然资源局', role: 'department' }
const ZONE = { username: `lzone_${RUN}`, password: 'Zone#Passw0rd12', org: '抚顺经济开发区（示例）', role: 'zone' }
const OTHER = { username: `lother_${RUN}`, password: 'Zone#Passw0rd12', org: '抚顺胜利经济开发区（示例）', role: 'zone' }
const LAND_MENUS = ['用地地图', '地块', '低效用地处置', '亩均效益评价', '闲置楼宇']

describe('land and boundaries', () => {
  let server
  let b
  const test = testWithShots(nodeTest, () => b?.page)

  before(async () => {
    server = await startServer({ name: 'land', demo: true, users: [LAND, ZONE, OTHER] })
    b = await openBrowser(server.url)
  })

  after(async () => {
    if (b) await b.close()
    if (server) await server.stop()
  })

  test('自然资源局: the map, the boundary, projects to move out', async () => {
    const { page, watcher } = b
    await login(page, watcher, LAND.username, LAND.password)
    const menus = await menuTexts(page)
    for (const m of LAND_MENUS) assert.ok(menus.includes(m), `menu lacks ${m}: ${menus}`)
    await page.locator(sel('menu-land-map')).click()
    await page.locator(sel('page-land-map')).waitFor()
    await page.locator(sel('land-approved'), { hasText: '2100.00' }).waitFor()
    assert.equal((await page.locator(sel('land-deviates')).innerText()).trim(), '在允许偏差内')
    await page.locator(`${sel('land-map')} canvas`).first().waitFor()
    await page.locator(sel('land-project-name'), { hasText: '示例商品住宅小区' }).waitFor()
    assert.equal(await page.locator(sel('land-project-name')).count(), 4)
    await page.locator(sel('land-flagged-only')).click()
    await page.waitForFunction((s) => document.querySelectorAll(s).length === 1, sel('land-project-name'))
    assert.equal((await page.locator(sel('land-project-name')).innerText()).trim(), '示例商品住宅小区')
    await shot(page, 'land-map')

    // entering coordinates: GCJ-02 is not converted; latitude first is refused at the field
    await page.locator(sel('land-edit-boundary')).click()
    const dialog = page.locator(sel('land-boundary-dialog'))
    await dialog.waitFor()
    assert.match(await dialog.locator(sel('land-gcj-hint')).innerText(), /GCJ-02/)
    watcher.allow('PUT', /^\/api\/land\/boundaries\/\d+$/, 400)
    await dialog.locator(sel('land-geojson-input')).fill('{"type":"Polygon","coordinates":[[[41.85,123.9],[41.85,123.96],[41.89,123.96],[41.85,123.9]]]}')
    await dialog.locator(sel('land-boundary-save')).click()
    await dialog.locator('.el-form-item__error', { hasText: '顺序颠倒' }).waitFor()
    await dialog.locator('.el-dialog__footer button').first().click()

    // the project to move out kept as a necessary amenity: the reason recorded in its dialog;
    // a location that is not GeoJSON is refused at the field
    await page.locator(sel('land-project-edit')).click()
    const edit = page.locator(sel('land-project-dialog'))
    await edit.waitFor()
    assert.equal(await edit.locator(sel('land-project-name-input')).inputValue(), '示例商品住宅小区')
    watcher.allow('PUT', /^\/api\/land\/projects\/\d+$/, 400)
    const where = await edit.locator(sel('land-project-geojson')).inputValue()
    await edit.locator(sel('land-project-geojson')).fill('123.945,41.885')
    await edit.locator(sel('land-project-save')).click()
    await edit.locator('.el-form-item__error').first().waitFor()
    await edit.locator(sel('land-project-geojson')).fill(where)
    await edit.locator(sel('land-project-exception')).fill('园区配套的职工住宅，经批准保留')
    await edit.locator(sel('land-project-save')).click()
    await page.locator('.el-message--success', { hasText: '已保存' }).waitFor()
    await page.waitForFunction((s) => document.querySelectorAll(s).length === 0, sel('land-project-name'))
    await page.locator(sel('land-flagged-only')).click()
    await page.locator(sel('land-project-name'), { hasText: '示例商品住宅小区' }).waitFor()
    assert.equal(await page.locator(sel('land-projects')).getByText('园区配套的职工住宅，经批准保留').count(), 1)

    // a project and a batch added from the map: the blank batch refused before it is sent, the
    // same number twice refused at its field
    await page.locator(sel('land-project-new')).click()
    await edit.waitFor()
    assert.equal(await edit.locator(sel('land-project-name-input')).inputValue(), '')
    await edit.locator(sel('land-project-name-input')).fill('智能制造标准厂房')
    await edit.locator(sel('land-project-geojson')).fill('{"type":"Point","coordinates":[123.91,41.87]}')
    await edit.locator(sel('land-project-save')).click()
    await page.locator('.el-message--success', { hasText: '已新增项目' }).waitFor()
    await page.locator(sel('land-project-name'), { hasText: '智能制造标准厂房' }).waitFor()
    assert.equal(await page.locator(sel('land-project-name')).count(), 5)
    const batch = page.locator(sel('land-batch-dialog'))
    const addBatch = async (no) => {
      await page.locator(sel('land-batch-new')).click()
      await batch.waitFor()
      await batch.locator(sel('land-batch-no')).fill(no)
      const on = batch.locator(`${sel('land-batch-approved-on')} input`)
      await on.click()
      await on.fill('2025-06-30')
      await on.press('Enter')
      await batch.locator(sel('land-batch-m2')).fill('30000')
      await batch.locator(sel('land-batch-save')).click()
    }
    await page.locator(sel('land-batch-new')).click()
    await batch.locator(sel('land-batch-save')).click()
    await batch.locator('.el-form-item__error', { hasText: '批次号不能为空' }).waitFor()
    await batch.locator('.el-dialog__footer button').first().click()
    await batch.waitFor({ state: 'hidden' })
    await addBatch('抚政地〔2025〕3号')
    await page.locator('.el-message--success', { hasText: '已新增批次' }).waitFor()
    await page.locator(sel('land-batches')).getByText('抚政地〔2025〕3号').waitFor()
    // nothing of it supplied yet: 30,000 m² is 45.00 mu
    await page.locator(sel('land-batches')).locator('tr', { hasText: '抚政地〔2025〕3号' }).getByText('45.00').waitFor()
    watcher.allow('POST', '/api/land/batches', 409)
    await addBatch('抚政地〔2025〕3号')
    await batch.locator('.el-form-item__error', { hasText: '该开发区已有此批次号' }).waitFor()
    await batch.locator('.el-dialog__footer button').first().click()

    // the projects, the batches and every zone's boundary export
    assert.equal((await exportFrom(page, 'land-project-export', 'xlsx')).suggestedFilename(), '位置核查项目.xlsx')
    assert.equal((await exportFrom(page, 'land-batch-export', 'csv')).suggestedFilename(), '土地批次.csv')
    assert.equal((await exportFrom(page, 'land-boundary-export', 'xlsx')).suggestedFilename(), '开发区边界.xlsx')

    // a zone without a boundary is in the picker: its first approved area entered here
    await pickOption(page, sel('land-zone'), '抚顺县经济开发区（示例）')
    await page.locator(sel('land-no-boundary')).getByText('点击“录入边界”').waitFor()
    await page.locator(sel('land-edit-boundary')).click()
    const first = page.locator(sel('land-boundary-dialog'))
    await first.waitFor()
    assert.equal(await first.locator(sel('land-approved-input')).inputValue(), '')
    await first.locator(sel('land-approved-input')).fill('368.90')
    await first.locator(sel('land-boundary-save')).click()
    await page.locator(sel('land-approved'), { hasText: '368.90' }).waitFor()
    assert.equal(await page.locator(sel('land-no-boundary')).count(), 0)
    watcher.assertClean()
  })

  test('自然资源局: parcels by finding, a case opened and closed', async () => {
    const { page, watcher } = b
    await page.locator(sel('menu-parcels')).click()
    await page.locator(sel('page-parcels')).waitFor()
    await page.locator(`${sel('parcel-pagination')} .el-pagination__total`, { hasText: '8' }).waitFor()
    await pickOption(page, sel('parcel-filter-status'), '闲置土地')
    await page.locator(sel('parcel-search-submit')).click()
    await page.locator(`${sel('parcel-pagination')} .el-pagination__total`, { hasText: '2' }).waitFor()
    const statuses = (await page.locator(sel('parcel-row-status')).allInnerTexts()).map((s) => s.trim())
    assert.deepEqual(statuses, ['闲置土地', '闲置土地'])
    // the idle fee (20 % of the land price) grouped as every amount is, or blank when none is due
    const fees = (await page.locator(sel('parcel-row-fee')).allInnerTexts()).map((s) => s.trim())
    assert.deepEqual(fees.sort(), ['', '6,640,810.20'])
    await page.locator(`${sel('parcel-table')} .el-table__expand-icon`).first().click()
    await page.locator(sel('parcel-reason'), { hasText: '属闲置土地（第53号令第二条）' }).first().waitFor()
    const download = await exportFrom(page, 'parcel-export', 'xlsx')
    assert.equal(download.suggestedFilename(), '地块.xlsx')

    await pickOption(page, sel('parcel-filter-status'), '供而未用')
    await page.locator(sel('parcel-search-submit')).click()
    await page.locator(`${sel('parcel-pagination')} .el-pagination__total`, { hasText: '1' }).waitFor()
    await page.locator(sel('parcel-open-case')).click()
    await page.locator(sel('case-dialog')).waitFor()
    await page.locator(sel('case-save')).click()
    await page.locator('.el-message--success', { hasText: '已立案' }).waitFor()
    // being handled now: the row links to its case instead of offering a second
    await page.locator(sel('parcel-case-link'), { hasText: '处置中' }).waitFor()
    assert.equal(await page.locator(sel('parcel-open-case')).count(), 0)
    await shot(page, 'land-parcels')
    await page.locator(sel('parcel-case-link')).click()
    await page.locator(`${sel('case-pagination')} .el-pagination__total`, { hasText: '1' }).waitFor()
    await page.locator(sel('case-row-subject'), { hasText: '抚国用(2025)第0103号' }).waitFor()

    await page.locator(sel('menu-land-cases')).click()
    await page.locator(sel('page-land-cases')).waitFor()
    await page.locator(`${sel('case-pagination')} .el-pagination__total`, { hasText: '3' }).waitFor()
    await page.locator(sel('case-row-subject'), { hasText: '抚国用(2025)第0103号' }).waitFor()
    // the newest first: the case just opened; closed after the prompt, once
    await page.locator(sel('case-close')).first().click()
    await page.locator('.el-message-box input').fill('企业已开工建设（示例）')
    await page.locator('.el-message-box .el-button--primary').click()
    await page.locator('.el-message--success', { hasText: '已办结' }).waitFor()
    await page.locator(sel('case-row-status')).first().filter({ hasText: '已办结' }).waitFor()

    // the parcel's progress updated: started since, it is no longer 供而未用
    await page.locator(sel('menu-parcels')).click()
    await pickOption(page, sel('parcel-filter-status'), '供而未用')
    await page.locator(sel('parcel-search-submit')).click()
    await page.locator(`${sel('parcel-pagination')} .el-pagination__total`, { hasText: '1' }).waitFor()
    await page.locator(`${sel('parcel-table')} .el-table__expand-icon`).first().click()
    await page.locator(sel('parcel-edit')).click()
    const dialog = page.locator(sel('parcel-dialog'))
    await dialog.waitFor()
    await page.waitForFunction((s) => document.querySelector(s)?.value === '抚国用(2025)第0103号', sel('parcel-parcel_no'))
    const setDate = async (field, day) => {
      const input = dialog.locator(`${sel(field)} input`)
      await input.click()
      await input.fill(day)
      await input.press('Enter')
    }
    await setDate('parcel-actual_start', '2026-01-05')
    await dialog.locator(sel('parcel-save')).click()
    await page.locator('.el-message--success', { hasText: '已保存' }).waitFor()
    await page.locator(`${sel('parcel-pagination')} .el-pagination__total`, { hasText: '0' }).waitFor()

    // a new parcel of the new batch, held by a registry enterprise: its number refused blank
    // before anything is sent; 500 days past its agreed start unstarted, by the enterprise's
    // fault, it is idle at once and owes the idle fee
    await page.locator(sel('parcel-search-reset')).click()
    await page.locator(`${sel('parcel-pagination')} .el-pagination__total`, { hasText: '8' }).waitFor()
    await page.locator(sel('parcel-new')).click()
    await dialog.waitFor()
    await dialog.locator(sel('parcel-save')).click()
    await dialog.locator('.el-form-item__error', { hasText: '宗地编号不能为空' }).waitFor()
    await dialog.locator(sel('parcel-parcel_no')).fill('抚国用(2024)第0199号')
    await pickOption(page, sel('parcel-zone_id'), '抚顺经济开发区（示例）') // every zone is offered
    await pickOption(page, sel('parcel-batch_id'), '抚政地〔2025〕3号')
    await page.locator(`.el-select${sel('parcel-enterprise_id')}`).click()
    const firm = page.locator('.el-select-dropdown__item:visible').first()
    const firmName = (await firm.innerText()).trim().replace(/（[0-9A-Z]{18}）$/, '')
    await firm.click()
    await pickOption(page, sel('parcel-land_use'), '工业用地')
    await dialog.locator(sel('parcel-area_m2')).fill('6666.67')
    await dialog.locator(sel('parcel-land_price')).fill('2,000,000')
    await setDate('parcel-agreed_start', new Date(Date.now() - 500 * 86400e3).toISOString().slice(0, 10))
    await pickOption(page, sel('parcel-idle_cause'), '企业原因')
    await dialog.locator(sel('parcel-save')).click()
    await page.locator('.el-message--success', { hasText: '已新增地块' }).waitFor()
    await page.locator(`${sel('parcel-pagination')} .el-pagination__total`, { hasText: '9' }).waitFor()
    await page.locator(sel('parcel-filter-q')).fill('0199')
    await page.locator(sel('parcel-search-submit')).click()
    await page.locator(`${sel('parcel-pagination')} .el-pagination__total`, { hasText: '1' }).waitFor()
    assert.equal((await page.locator(sel('parcel-row-enterprise')).innerText()).trim(), firmName)
    assert.equal((await page.locator(sel('parcel-row-status')).innerText()).trim(), '闲置土地')
    // the idle fee: 20 % of the land price
    assert.equal((await page.locator(sel('parcel-row-fee')).innerText()).trim(), '400,000.00')
    await logout(page)
    watcher.assertClean()
  })

  test('a zone reads its own land; another zone none of it', async () => {
    const { page, watcher } = b
    await login(page, watcher, ZONE.username, ZONE.password)
    await page.locator(sel('menu-parcels')).click()
    await page.locator(`${sel('parcel-pagination')} .el-pagination__total`, { hasText: '9' }).waitFor()
    await page.locator(sel('menu-land-map')).click()
    await page.locator(sel('land-approved'), { hasText: '2100.00' }).waitFor()
    assert.equal(await page.locator(sel('land-edit-boundary')).count(), 0)
    await logout(page)
    await login(page, watcher, OTHER.username, OTHER.password)
    await page.locator(sel('menu-parcels')).click()
    await page.locator(`${sel('parcel-pagination')} .el-pagination__total`, { hasText: '0' }).waitFor()
    // its own zone in the pickers, though it has no boundary
    await page.locator(sel('parcel-filter-zone')).click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: '抚顺胜利经济开发区（示例）' }).waitFor()
    await page.keyboard.press('Escape')
    await page.locator(sel('menu-land-map')).click()
    await page.locator(sel('page-land-map')).getByText('该开发区尚未录入边界').waitFor()
    await logout(page)
    watcher.assertClean()
  })
})
