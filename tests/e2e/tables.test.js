// The tables people live in, in the browser: a list's filters, page, size and sort live in the
// address (back and reload keep them; the address opened in another browser shows the same
// rows; a money, a powers, the land, the platform and the role-change lists too, whose exports
// hold the rows of the filter), every list page fits 1440×900, 1366×768 and 1280×720 with no
// cell's text cut off unless it shows in full on hover (the cell's scrollWidth against its
// clientWidth, and the tooltip class show-overflow-tooltip gives it) and no number or code cut
// even then, calendars start on Monday (一), and two imports of the same policy are told apart
// by their version note wherever policies are listed. Each role's 我的待办 (office, zone, county,
// auditor) counts what the list its tile opens shows. Screenshots of every list page at the
// three sizes are in test-output/e2e/tables-*.png.
import { describe, test as nodeTest, before, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startServer, ROOT } from './server.js'
import { createRequire } from 'node:module'
import { openBrowser, login, sel, screenshotPath, testWithShots, pickOption, pickTreeOption, confirmBox, exportFrom, Watcher, columnTexts, eventually } from './helpers.js'

const require = createRequire(import.meta.url)
const { readXlsx } = require('../api/xlsx.js')
const { csvRows } = require('../api/exports.js')

const OFFICE = { username: 'tb-office', password: 'Office#Passw0rd1', org: '市商务局', role: 'office', displayName: '改革办赵处长' }
const ADMIN = { username: 'tb-admin', password: 'Admin#Passw0rd12', org: '市商务局', role: 'admin', displayName: '系统管理员' }
const AUDITOR = { username: 'tb-auditor', password: 'Audit#Passw0rd12', org: '市审计局', role: 'auditor', displayName: '审计员孙' }
const ZONE = { username: 'tb-zone', password: 'Zone#Passw0rd123', org: '抚顺经济开发区（示例）', role: 'zone', displayName: '经开区钱科长' }
const COUNTY = { username: 'tb-county', password: 'County#Passw0rd1', org: '东洲区', role: 'county', displayName: '东洲区李科员' }
const SEED = 'data/demo/fushun-devzone-reform-draft-2025.txt'
const ZONE_NAME = '抚顺经济开发区（示例）'
// how many list pages the fit check has open at once
const TABS = 3

// The same policy as the seed in its next version: the note under the title reads 送审稿.
function revisedSeed() {
  const text = fs.readFileSync(path.join(ROOT, SEED), 'utf8')
  assert.ok(text.includes('(征求意见稿)'), 'the seed carries its version note')
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kfq-e2e-tables-')), 'revised.txt')
  fs.writeFileSync(file, text.replace('(征求意见稿)', '(送审稿)'))
  return file
}

// The list pages each role opens, with the table that must fit.
const PAGES = {
  office: [
    ['tasks', '/tasks', 'task-table'],
    ['plans', '/plans', 'plans-table'],
    ['milestones', '/milestones', 'ms-list'],
    ['reports', '/reports', 'reports-table'],
    ['notices', '/notices', 'notice-table'],
    ['board', '/board', 'board-overdue-table'],
    ['capabilities', '/capabilities', 'capability-table'],
    ['inbox', '/inbox', 'inbox-table'],
    ['enterprises', '/enterprises', 'enterprise-table'],
    ['budget-projects', '/budget-projects', 'project-table'],
    ['power-catalogue', '/power-catalogue', 'power-table'],
    ['power-lists', '/power-lists', 'list-table'],
    ['power-evaluation', '/power-evaluation', 'eval-table'],
    ['consultations', '/consultations', 'consult-table'],
    ['revshare', '/revshare', 'revshare-table'],
    ['arrangements', '/arrangements', 'arrangement-table'],
    ['budgets', '/budgets', 'budget-table'],
    ['duty-lists', '/duty-lists', 'duty-table'],
    ['power-affairs', '/power-affairs', 'social-table'],
    ['work-calendar', '/work-calendar', 'cal-table'],
    ['parcels', '/land/parcels', 'parcel-table'],
    ['land-cases', '/land/cases', 'case-table'],
    ['platform-companies', '/platform/companies', 'platform-table'],
    ['platform-board', '/platform/board?year=2025', 'platform-board-table'],
    ['industry-plans', '/industry-plans', 'industry-plans-table'],
    ['invest', '/invest', 'invest-table'],
    ['buildings', '/land/buildings', 'building-table'],
    ['mujun', '/land/mujun', 'mujun-table'],
    // twelve columns and four actions: narrower than 1440 the table scrolls inside its card
    // with the zone and the name fixed on the left and the actions on the right
    ['roster', '/roster', 'roster-table'],
    ['staffing', '/staffing', 'staffing-table'],
    ['staffing-norm', '/staffing-norm', 'norm-table'],
    ['pay', '/pay', 'pool-table'],
    ['fault-cases', '/fault-cases', 'fault-table'],
    ['assess', '/assess', 'assess-results'],
  ],
  admin: [
    ['orgs', '/orgs', 'org-table'],
    ['users', '/users', 'user-table'],
    ['role-changes', '/users?tab=changes', 'change-table'],
  ],
  auditor: [['audit', '/audit', 'audit-table']],
  zone: [
    ['zone-parcels', '/land/parcels', 'parcel-table'],
    ['zone-land-cases', '/land/cases', 'case-table'],
    ['zone-buildings', '/land/buildings', 'building-table'],
    ['zone-invest', '/invest', 'invest-table'],
    ['zone-roster', '/roster', 'roster-table'],
    ['zone-kpi', '/kpi', 'kpi-indicators'],
  ],
  county: [
    ['county-tasks', '/tasks', 'task-table'],
    ['county-plans', '/plans', 'plans-table'],
    ['county-milestones', '/milestones', 'ms-list'],
    ['county-enterprises', '/enterprises', 'enterprise-table'],
    ['county-power-lists', '/power-lists', 'list-table'],
    ['county-view', '/county-view', 'county-zones'],
    ['county-leader-actions', '/leader-actions', 'leader-actions-table'],
  ],
}

// What does not fit in a page: each table cell whose content is wider than the cell (scrollWidth
// over clientWidth) without the tooltip that shows it in full (class el-tooltip on .cell, from
// show-overflow-tooltip), each header cut off, a table or page wider than the window, and a
// table whose columns do not fit its width (a column behind the fixed operations column) unless
// its first and last columns are fixed (Element Plus's fixed columns: it scrolls inside its card
// with the row's subject and its actions in view).
// The columns of numbers, codes and short labels people read and copy whole: never cut, not
// even with a tooltip (DECISIONS 270).
const WHOLE = ['宗地编号', '地块或批次', '事项编码', '统一社会信用代码', '批复文号', '方式']

async function clipped(page) {
  return page.evaluate((whole) => {
    const out = []
    const vw = document.documentElement.clientWidth
    if (document.documentElement.scrollWidth > vw + 1) out.push(`the page scrolls sideways (${document.documentElement.scrollWidth} > ${vw})`)
    for (const table of document.querySelectorAll('.el-table')) {
      if (!table.offsetParent) continue
      const name = table.dataset.test || table.className
      const box = table.getBoundingClientRect()
      if (box.right > vw + 1) out.push(`${name} runs off the page (${Math.round(box.right)} > ${vw})`)
      const body = table.querySelector('.el-table__body-wrapper .el-scrollbar__wrap')
      const fixedEnds = table.querySelector('td.el-table-fixed-column--left') && table.querySelector('td.el-table-fixed-column--right')
      if (body && body.scrollWidth > body.clientWidth + 1 && !fixedEnds) out.push(`${name} scrolls sideways (${body.scrollWidth} > ${body.clientWidth})`)
      const heads = [...table.querySelectorAll('.el-table__header-wrapper th')].filter((th) => th.closest('.el-table') === table).map((th) => th.innerText.trim())
      for (const tr of table.querySelectorAll('.el-table__body-wrapper tr.el-table__row')) {
        if (tr.closest('.el-table') !== table) continue
        ;[...tr.children].forEach((td, i) => {
          const cell = td.querySelector(':scope > .cell')
          if (whole.includes(heads[i]) && cell?.offsetParent && cell.scrollWidth > cell.clientWidth + 1) out.push(`${name}: ${heads[i]} "${cell.innerText.trim()}" is cut (${cell.scrollWidth} > ${cell.clientWidth} wide)`)
        })
      }
      for (const cell of table.querySelectorAll('th:not(.is-hidden) > .cell, td:not(.is-hidden) > .cell')) {
        if (!cell.offsetParent || cell.classList.contains('el-tooltip')) continue
        const parts = [cell, ...cell.querySelectorAll('*')].filter((e) => e.offsetParent && getComputedStyle(e).overflow !== 'visible')
        for (const e of parts) {
          const text = (cell.innerText || e.value || '').trim().slice(0, 40)
          if (e.scrollWidth > e.clientWidth + 1) out.push(`${name}: "${text}" is cut (${e.scrollWidth} > ${e.clientWidth} wide)`)
          if (e.scrollHeight > e.clientHeight + 1) out.push(`${name}: "${text}" is cut (${e.scrollHeight} > ${e.clientHeight} high)`)
        }
      }
    }
    return out
  }, WHOLE)
}

describe('tables: the address keeps a list, every list fits, calendars start on Monday, policies told apart', () => {
  let server
  const b = {}
  const it = testWithShots(nodeTest, () => b.office?.page)

  before(async () => {
    server = await startServer({ name: 'tables', demo: true, policies: [revisedSeed()], users: [OFFICE, ADMIN, AUDITOR, ZONE, COUNTY] })
    // five people sign in at once, each in a browser of their own
    await Promise.all(
      [['office', OFFICE], ['admin', ADMIN], ['auditor', AUDITOR], ['zone', ZONE], ['county', COUNTY]].map(async ([who, user]) => {
        b[who] = await openBrowser(server.url)
        await login(b[who].page, b[who].watcher, user.username, user.password)
      }),
    )
  })

  after(async () => {
    for (const x of Object.values(b)) await x.close()
    if (server) await server.stop()
  })

  const query = (page) => Object.fromEntries(new URL(page.url()).searchParams)
  // the table's rows once they are these: a move from the history loads after the address
  // changes, so the rows of the page before may still show when the mask is first hidden
  const rowsWhen = async (page, cellTest, ok) => {
    let got
    for (let i = 0; i < 100; i++) {
      got = await columnTexts(page, cellTest)
      if (await ok(got)) return got
      await page.waitForTimeout(200)
    }
    return got
  }
  const rowsAre = (page, cellTest, want) => eventually(() => columnTexts(page, cellTest), want)
  // the table's rows after a move: the loading mask gone
  const settled = async (page, table) => {
    await page.locator(`${sel(table)} .el-loading-mask`).waitFor({ state: 'hidden' }).catch(() => {})
    await page.waitForLoadState('networkidle')
  }

  it('filters, page and size go into the address; back, reload and the address in another browser show the same list', async () => {
    const { page, watcher } = b.office
    await page.goto('/milestones')
    await settled(page, 'ms-list')
    await page.locator(sel('ms-state-on_track')).click()
    await settled(page, 'ms-list')
    assert.deepEqual(query(page), { state: 'on_track' })
    await pickTreeOption(page, sel('ms-filter-org'), ZONE_NAME)
    await page.locator(sel('ms-search-submit')).click()
    await settled(page, 'ms-list')
    const org = query(page).org_id
    assert.match(org, /^\d+$/)
    assert.deepEqual(query(page), { state: 'on_track', org_id: org })
    await rowsWhen(page, 'ms-list-org', (orgs) => orgs.length > 0 && orgs.every((o) => o === ZONE_NAME))
    const first = await columnTexts(page, 'ms-list-title')
    assert.ok(first.length > 0, 'the zone has milestones on track')
    assert.ok((await columnTexts(page, 'ms-list-org')).every((o) => o === ZONE_NAME))

    // five a page: the second page is another five
    await page.locator(`${sel('ms-pagination')} .el-pagination__sizes .el-select`).click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: '10条/页' }).click()
    await settled(page, 'ms-list')
    assert.deepEqual(query(page), { state: 'on_track', org_id: org, page_size: '10' })
    const total = Number((await page.locator(sel('ms-total')).innerText()).match(/\d+/)[0])
    assert.ok(total > 10, `more than a page of milestones on track (${total})`)
    const p1 = await rowsWhen(page, 'ms-list-title', (rows) => rows.length === 10)
    await page.locator(`${sel('ms-pagination')} .el-pager li`, { hasText: /^2$/ }).click()
    await settled(page, 'ms-list')
    assert.deepEqual(query(page), { state: 'on_track', org_id: org, page_size: '10', page: '2' })
    const p2 = await rowsWhen(page, 'ms-list-title', (rows) => rows.length === Math.min(10, total - 10) && rows.join() !== p1.join())
    assert.equal(p2.length, Math.min(10, total - 10))
    assert.equal((await page.locator(`${sel('ms-pagination')} .el-pager li.is-active`).innerText()).trim(), '2')

    // back: the first page, as it was; forward and reload: the second
    await page.goBack()
    await settled(page, 'ms-list')
    assert.deepEqual(query(page), { state: 'on_track', org_id: org, page_size: '10' })
    await rowsAre(page, 'ms-list-title', p1)
    await page.goForward()
    await settled(page, 'ms-list')
    await rowsAre(page, 'ms-list-title', p2)
    await page.reload()
    await settled(page, 'ms-list')
    await rowsAre(page, 'ms-list-title', p2)
    assert.equal((await page.locator(`${sel('ms-state-on_track')}.is-active`).count()), 1, 'the state filter shows as picked')
    await page.locator(`.el-select${sel('ms-filter-org')}`, { hasText: ZONE_NAME }).waitFor()

    // the address shared: the same rows in another browser
    const shared = page.url()
    const other = await openBrowser(server.url)
    try {
      await login(other.page, other.watcher, OFFICE.username, OFFICE.password)
      await other.page.goto(shared)
      await settled(other.page, 'ms-list')
      await rowsAre(other.page, 'ms-list-title', p2)
      other.watcher.assertClean()
    } finally {
      await other.close()
    }

    // back to the first state: the filters as they were then
    await page.goBack()
    await page.goBack()
    await settled(page, 'ms-list')
    assert.deepEqual(query(page), { state: 'on_track', org_id: org })
    await rowsAre(page, 'ms-list-title', first)
    watcher.assertClean()
  })

  it('a money list and a powers list keep their filters, page and size through reload and back', async () => {
    const { page, watcher } = b.office
    const apiTotal = async (path) => (await (await page.request.get(path)).json()).total
    // the list's total once it shows n (a list may still be loading when the mask first hides)
    const totalIs = (test, n) => page.locator(sel(test), { hasText: `共 ${n} 条` }).waitFor()
    const column = async (table, n) => (await page.locator(`${sel(table)} .el-table__body-wrapper tr td:nth-child(${n})`).allInnerTexts()).map((x) => x.trim())
    // a column's cells once ok(cells) holds (or as they are after 20 s)
    const columnWhen = async (table, n, ok) => {
      let got
      for (let i = 0; i < 100; i++) {
        got = await column(table, n)
        if (ok(got)) break
        await page.waitForTimeout(200)
      }
      return got
    }
    const same = (want) => (got) => JSON.stringify(got) === JSON.stringify(want)
    const pageSize10 = async (pager) => {
      await page.locator(`${sel(pager)} .el-pagination__sizes .el-select`).click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: '10条/页' }).click()
    }

    // 企业名录: a search and a page size in the address; reload shows the same rows and the box its text
    const all = await apiTotal('/api/enterprises?page_size=1')
    const n = await apiTotal(`/api/enterprises?page_size=1&q=${encodeURIComponent('科技')}`)
    assert.ok(n > 0 && n < all, `some of the demo's enterprises are 科技 ones (${n} of ${all})`)
    await page.goto('/enterprises')
    await totalIs('enterprise-total', all)
    await page.locator(sel('enterprise-filter-q')).fill('科技')
    await page.locator(sel('enterprise-search-submit')).click()
    await totalIs('enterprise-total', n)
    await settled(page, 'enterprise-table')
    assert.deepEqual(query(page), { q: '科技' })
    await pageSize10('enterprise-pagination')
    await settled(page, 'enterprise-table')
    assert.deepEqual(query(page), { q: '科技', page_size: '10' })
    const found = await columnWhen('enterprise-table', 2, (got) => got.length === Math.min(10, n))
    assert.ok(found.length > 0 && found.every((x) => x.includes('科技')), found.join(' | '))
    await page.reload()
    await totalIs('enterprise-total', n)
    await settled(page, 'enterprise-table')
    assert.deepEqual(query(page), { q: '科技', page_size: '10' })
    assert.equal(await page.locator(sel('enterprise-filter-q')).inputValue(), '科技')
    assert.deepEqual(await columnWhen('enterprise-table', 2, same(found)), found)

    // 权力事项目录: a kind picked, then a page size; reload keeps both, back only the kind
    const licensing = await apiTotal('/api/powers?page_size=1&kind=licensing')
    assert.ok(licensing > 0)
    await page.goto('/power-catalogue')
    await settled(page, 'power-table')
    await page.locator(`.el-select${sel('power-filter-kind')}`).click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: /^\s*行政许可\s*$/ }).click()
    await page.locator(sel('power-search-submit')).click()
    await totalIs('power-total', licensing)
    await settled(page, 'power-table')
    assert.deepEqual(query(page), { kind: 'licensing' })
    const kinds = await columnWhen('power-table', 3, (got) => got.length === Math.min(20, licensing))
    assert.ok(kinds.length > 0 && kinds.every((k) => k === '行政许可'), kinds.join())
    await pageSize10('power-pagination')
    await settled(page, 'power-table')
    assert.deepEqual(query(page), { kind: 'licensing', page_size: '10' })
    const codes = await columnWhen('power-table', 1, (got) => got.length === Math.min(10, licensing))
    await page.reload()
    await settled(page, 'power-table')
    assert.deepEqual(query(page), { kind: 'licensing', page_size: '10' })
    await page.locator(`.el-select${sel('power-filter-kind')}`, { hasText: '行政许可' }).waitFor()
    assert.deepEqual(await columnWhen('power-table', 1, same(codes)), codes)
    await page.goBack()
    await settled(page, 'power-table')
    assert.deepEqual(query(page), { kind: 'licensing' })
    const back = await columnWhen('power-table', 3, (got) => got.length === Math.min(20, licensing))
    assert.ok(back.length > 0 && back.every((k) => k === '行政许可'), back.join())
    watcher.assertClean()
  })

  it('合作共建, 开发区预决算, 财力分成 and 工作日历 keep their filter, year and sort through reload and back', async () => {
    const { page, watcher } = b.office
    const items = async (path) => (await (await page.request.get(path)).json()).items
    const shown = async (test) => (await page.locator(`.el-select${sel(test)} .el-select__placeholder`).first().innerText()).trim()
    const totalIs = (test, n) => page.locator(sel(test), { hasText: `共 ${n} 条` }).waitFor()

    // 合作共建: a kind picked; reload keeps it and its rows, 重置 shows all again
    const arrangements = await items('/api/arrangements')
    const enclaves = arrangements.filter((a) => a.kind === 'enclave')
    assert.ok(enclaves.length > 0 && enclaves.length <= arrangements.length, 'the demo has an enclave')
    await page.goto('/arrangements')
    await totalIs('arrangement-total', arrangements.length)
    await pickOption(page, sel('arrangement-filter-kind'), '飞地')
    await page.locator(sel('arrangement-search-submit')).click()
    await totalIs('arrangement-total', enclaves.length)
    assert.deepEqual(query(page), { kind: 'enclave' })
    await page.reload()
    await totalIs('arrangement-total', enclaves.length)
    assert.equal(await shown('arrangement-filter-kind'), '飞地')
    await page.locator(sel('arrangement-search-reset')).click()
    await totalIs('arrangement-total', arrangements.length)
    assert.deepEqual(query(page), {})

    // 开发区预决算: another year in the address; reload and back keep the year shown with its rows
    await page.goto('/budgets')
    await settled(page, 'budget-table')
    assert.deepEqual(query(page), {})
    const last = String(new Date().getFullYear() - 1)
    assert.equal(await shown('budget-year'), last)
    const other = String(new Date().getFullYear() - 2)
    await pickOption(page, sel('budget-year'), other)
    await settled(page, 'budget-table')
    assert.deepEqual(query(page), { year: other })
    await page.reload()
    await settled(page, 'budget-table')
    assert.equal(await shown('budget-year'), other)
    await totalIs('budget-total', (await items(`/api/budgets?year=${other}`)).length)
    await page.goBack()
    await settled(page, 'budget-table')
    assert.equal(await shown('budget-year'), last)

    // 财力分成: a year in the address opens on that year
    // (the statements load after the years' parameters: wait for the year's answers)
    const year2024 = (r) => r.url().includes('/api/revshare/history?from=2020&to=2024')
    await Promise.all([page.waitForResponse(year2024), page.goto('/revshare?year=2024')])
    await settled(page, 'revshare-table')
    assert.equal(await shown('revshare-year'), '2024')
    await Promise.all([page.waitForResponse(year2024), page.reload()])
    await settled(page, 'revshare-table')
    assert.equal(await shown('revshare-year'), '2024')

    // 工作日历: newest year first; the year column sorted ascending is in the address
    const years = (await items('/api/work-calendar')).map((y) => String(y.year)).sort()
    await page.goto('/work-calendar')
    await settled(page, 'cal-table')
    const yearCells = async () => (await page.locator(`${sel('cal-table')} .el-table__body-wrapper tr td:nth-child(1)`).allInnerTexts()).map((x) => x.trim())
    assert.deepEqual(await yearCells(), [...years].reverse())
    await page.goto('/work-calendar?sort=year')
    await settled(page, 'cal-table')
    assert.deepEqual(await yearCells(), years)
    watcher.assertClean()
  })

  it('the land, platform and role-change lists keep their filters and page through reload, and export the rows of their filters', async () => {
    const totalIs = (page, test, n) => page.locator(sel(test), { hasText: `共 ${n} 条` }).waitFor()
    const pickIn = async (page, test, text) => {
      await page.locator(`.el-select${sel(test)}`).click()
      const exact = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      await page.locator('.el-select-dropdown__item:visible', { hasText: new RegExp(`^\\s*${exact}\\s*$`) }).click()
    }
    // an export's rows (the header first), CSV or .xlsx, as downloaded
    const exported = async (page, menu, key) => {
      const download = await exportFrom(page, menu, key)
      const buf = fs.readFileSync(await download.path())
      return { name: download.suggestedFilename(), rows: key === 'csv' ? csvRows(buf.toString('utf8')) : readXlsx(buf) }
    }

    // 地块: eleven normal parcels (nine added by the zone), so that the filter has a second page
    const zone = b.zone.page
    const csrf = await zone.evaluate(async () => (await (await fetch('/api/session')).json()).csrf_token)
    const zoneId = (await (await zone.request.get('/api/land/boundaries')).json()).items[0].zone_id
    for (let i = 1; i <= 9; i++) {
      const r = await zone.request.post('/api/land/parcels', {
        data: { zone_id: zoneId, parcel_no: `TB-2026-${String(i).padStart(3, '0')}`, land_use: 'industrial', area_m2: '1000', agreed_start: '2099-01-01' },
        headers: { 'X-CSRF-Token': csrf, Origin: server.url },
      })
      assert.equal(r.status(), 201, await r.text())
    }
    const { page, watcher } = b.office
    const normal = (await (await page.request.get('/api/land/parcels?status=normal&page_size=1')).json()).total
    assert.equal(normal, 11)
    await page.goto('/land/parcels')
    await settled(page, 'parcel-table')
    await pickIn(page, 'parcel-filter-status', '正常')
    await page.locator(sel('parcel-search-submit')).click()
    await totalIs(page, 'parcel-total', normal)
    assert.deepEqual(query(page), { status: 'normal' })
    await page.locator(`${sel('parcel-pagination')} .el-pagination__sizes .el-select`).click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: '10条/页' }).click()
    await settled(page, 'parcel-table')
    await page.locator(`${sel('parcel-pagination')} .el-pager li`, { hasText: /^2$/ }).click()
    await settled(page, 'parcel-table')
    assert.deepEqual(query(page), { status: 'normal', page_size: '10', page: '2' })
    const second = await rowsWhen(page, 'parcel-row-no', (rows) => rows.length === normal - 10)
    assert.equal(second.length, 1)
    await page.reload()
    await settled(page, 'parcel-table')
    assert.deepEqual(query(page), { status: 'normal', page_size: '10', page: '2' })
    await page.locator(`.el-select${sel('parcel-filter-status')}`, { hasText: '正常' }).waitFor()
    await rowsAre(page, 'parcel-row-no', second)
    assert.equal((await page.locator(`${sel('parcel-pagination')} .el-pager li.is-active`).innerText()).trim(), '2')
    // the export is the filter's, every page of it
    let x = await exported(page, 'parcel-export', 'csv')
    assert.equal(x.name, '地块.csv')
    assert.equal(x.rows.length, 1 + normal)
    assert.ok(x.rows.slice(1).every((r) => r[14] === '正常'), x.rows.map((r) => r[14]).join())
    x = await exported(page, 'parcel-export', 'xlsx')
    assert.equal(x.rows.length, 1 + normal)

    // 低效用地处置: the open cases
    const open = (await (await page.request.get('/api/land/cases?status=open&page_size=1')).json()).total
    assert.ok(open > 0)
    await page.goto('/land/cases')
    await settled(page, 'case-table')
    await pickIn(page, 'case-filter-status', '处置中')
    await page.locator(sel('case-search-submit')).click()
    await totalIs(page, 'case-total', open)
    assert.deepEqual(query(page), { status: 'open' })
    await page.reload()
    await totalIs(page, 'case-total', open)
    assert.deepEqual(query(page), { status: 'open' })
    await page.locator(`.el-select${sel('case-filter-status')}`, { hasText: '处置中' }).waitFor()
    assert.deepEqual(await rowsWhen(page, 'case-row-status', (r) => r.length === open), Array(open).fill('处置中'))
    x = await exported(page, 'case-export', 'xlsx')
    assert.equal(x.name, '低效用地处置.xlsx')
    assert.deepEqual(x.rows.slice(1).map((r) => r[6]), Array(open).fill('处置中'))

    // 平台公司: a zone picked
    const companies = (await (await page.request.get('/api/platform-companies?page_size=100')).json()).items
    const zoneName = companies[0].zone_name
    const inZone = companies.filter((co) => co.zone_name === zoneName).map((co) => co.name).sort()
    assert.ok(inZone.length < companies.length, 'the demo has companies in more than one zone')
    await page.goto('/platform/companies')
    await settled(page, 'platform-table')
    await pickIn(page, 'platform-filter-zone', zoneName)
    await page.locator(sel('platform-search-submit')).click()
    await totalIs(page, 'platform-total', inZone.length)
    assert.deepEqual(Object.keys(query(page)), ['zone_id'])
    const shown = query(page)
    await page.reload()
    await totalIs(page, 'platform-total', inZone.length)
    assert.deepEqual(query(page), shown)
    await page.locator(`.el-select${sel('platform-filter-zone')}`, { hasText: zoneName }).waitFor()
    x = await exported(page, 'platform-export', 'csv')
    assert.equal(x.name, '平台公司.csv')
    assert.deepEqual(x.rows.slice(1).map((r) => r[1]).sort(), inZone)
    // 债务风险: another year than last year's, kept through reload
    const year = String(new Date().getFullYear() - 2)
    await page.goto('/platform/board')
    await page.locator(sel('platform-board-table')).waitFor()
    await pickIn(page, 'platform-board-year', year)
    await page.waitForLoadState('networkidle')
    assert.deepEqual(query(page), { year })
    await page.reload()
    await page.locator(`.el-select${sel('platform-board-year')}`, { hasText: year }).waitFor()
    assert.deepEqual(query(page), { year })
    watcher.assertClean()

    // 角色变更 (the admin): making the county's account an office one waits for the security
    // officer; the tab and the status 全部 in the address; the export has every change
    const admin = b.admin.page
    const county = (await (await admin.request.get(`/api/users?q=${COUNTY.username}`)).json()).items[0]
    const proposed = await admin.request.put(`/api/users/${county.id}`, {
      data: { display_name: county.display_name, org_id: county.org_id, role: 'office', data_scope: 'all' },
      headers: { 'X-CSRF-Token': await admin.evaluate(async () => (await (await fetch('/api/session')).json()).csrf_token), Origin: server.url },
    })
    assert.equal(proposed.status(), 202, await proposed.text())
    const changes = (await (await admin.request.get('/api/role-changes?page_size=1')).json()).total
    assert.ok(changes >= 1)
    await admin.goto('/users')
    await settled(admin, 'user-table')
    await admin.locator(sel('tab-changes')).click()
    await settled(admin, 'change-table')
    assert.deepEqual(query(admin), { tab: 'changes' })
    assert.deepEqual(await rowsWhen(admin, 'change-user', (r) => r.length === 1), [`${county.display_name}（${COUNTY.username}）`])
    x = await exported(admin, 'change-export', 'xlsx')
    assert.deepEqual(x.rows.slice(1).map((r) => [r[0], r[5], r[8]]), [[COUNTY.username, '改革办', '待确认']])
    await pickIn(admin, 'change-filter-status', '全部')
    await admin.locator(sel('change-search-submit')).click()
    await settled(admin, 'change-table')
    assert.deepEqual(query(admin), { tab: 'changes', change_status: 'all' })
    await admin.reload()
    await settled(admin, 'change-table')
    assert.deepEqual(query(admin), { tab: 'changes', change_status: 'all' })
    await admin.locator(`${sel('change-table')}`).waitFor()
    await admin.locator(`.el-select${sel('change-filter-status')}`, { hasText: '全部' }).waitFor()
    await totalIs(admin, 'change-total', changes)
    x = await exported(admin, 'change-export', 'csv')
    assert.equal(x.name, '角色变更.csv')
    assert.equal(x.rows.length, 1 + changes)
    assert.equal(x.rows[0][0], '账号')
    b.admin.watcher.assertClean()
  })

  it('every list page fits 1440×900, 1366×768 and 1280×720: no cut-off text without its tooltip, no number or code cut, no table off the page', async () => {
    const problems = []
    // the lists inside one record: a statement's lines, a consultation's comments
    const api = async (path) => (await (await b.office.page.request.get(path)).json()).items || []
    const statement = (await api('/api/revshare/statements?year=2025&latest=true'))[0]
    const consultation = (await api('/api/consultations'))[0]
    assert.ok(statement && consultation, 'the demo has a statement and a consultation')
    const plan = (await api('/api/industry-plans'))[0]
    const zone = (await api('/api/budgets?year=2025'))[0]
    assert.ok(plan && zone, 'the demo has an industry plan and zones\' budgets')
    PAGES.office.push(
      ['statement', `/revshare/statements/${statement.id}`, 'statement-lines'],
      ['comments', `/consultations/${consultation.id}`, 'comment-table'],
      ['industry-plan', `/industry-plans/${plan.id}`, 'industry-plan-enterprises'],
      ['budget-zone', `/budgets/zones/${zone.zone_id}?year=2025`, 'budget-lines'],
    )
    // the zone's own plan: its milestones, their state and the 填报进展 beside them
    const zonePlan = (await (await b.zone.page.request.get('/api/plans?page_size=1')).json()).items[0]
    PAGES.zone.push(['zone-plan', `/plans/${zonePlan.id}`, 'ms-table'])
    const HEIGHT = { 1280: 720, 1366: 768, 1440: 900 }
    const jobs = []
    for (const [who, pages] of Object.entries(PAGES)) {
      for (const [name, url, table] of pages) jobs.push({ who, name, url, table })
    }
    // Each page opens in a tab of its own, in the browser of the person who reads it (signed in
    // there), a few tabs at a time so that one page's waits overlap another's work. It opens at
    // its smallest size, where text is cut first; the window is then made larger, as a user
    // would, instead of loading the page again for each size (a load costs more than the check).
    const check = async ({ who, name, url, table }) => {
      const page = await b[who].context.newPage()
      // and no page uses an Element Plus API that is about to go (its console warning)
      const watcher = new Watcher(page, server.url).failOnWarning(/^ElementPlusError/)
      try {
        for (const [i, w] of [1280, 1366, 1440].entries()) {
          const h = HEIGHT[w]
          await page.setViewportSize({ width: w, height: h })
          if (i === 0) await page.goto(url)
          else await page.waitForFunction((width) => window.innerWidth === width, w)
          await page.locator(sel(table)).waitFor()
          await settled(page, table)
          // Element Plus lays a table out again a moment after its rows arrive or its width changes
          await page.waitForTimeout(300)
          await page.screenshot({ path: screenshotPath(`tables-${name}-${w}x${h}`), fullPage: true })
          for (const p of await clipped(page)) problems.push(`${name} at ${w}×${h}: ${p}`)
        }
        for (const p of watcher.problems) problems.push(`${name}: ${p}`)
      } finally {
        await page.close()
      }
    }
    await Promise.all(
      Array.from({ length: TABS }, async () => {
        for (let job = jobs.shift(); job; job = jobs.shift()) await check(job)
      }),
    )
    assert.deepEqual(problems, [])
    for (const x of Object.values(b)) x.watcher.assertClean()
  })

  it('each role’s 我的待办 counts what its link opens: the list it opens shows the same number', async () => {
    const checked = {}
    const wrong = []
    // the four people at once, each in their own browser
    const role = async (who) => {
      const { page, watcher } = b[who]
      await page.goto('/')
      const panel = page.locator(sel('todo-panel'))
      await panel.waitFor()
      await panel.locator('a[data-count]').first().waitFor()
      const tiles = await panel.locator('a[data-count]').evaluateAll((els) => els.map((e) => ({ key: e.dataset.test.replace(/^todo-/, ''), count: Number(e.dataset.count), href: e.getAttribute('href') })))
      assert.ok(tiles.length > 0, `${who} has a to-do panel`)
      checked[who] = []
      for (const tile of tiles) {
        await page.goto(tile.href)
        await page.waitForLoadState('networkidle')
        const total = page.locator('[data-test$="-total"]:visible').first()
        // a to-do about something other than a list (the audit chain's state) has no total
        if (!(await total.count())) continue
        await page.locator('.el-loading-mask:visible').first().waitFor({ state: 'hidden' }).catch(() => {})
        const n = Number(((await total.innerText()).match(/\d+/) || ['-1'])[0])
        checked[who].push(tile.key)
        if (n !== tile.count) wrong.push(`${who}: ${tile.key} counts ${tile.count}, ${tile.href} lists ${n}`)
      }
      watcher.assertClean()
    }
    await Promise.all(['office', 'zone', 'county', 'auditor'].map(role))
    assert.deepEqual(wrong, [])
    // every role but the auditor had lists to compare
    for (const who of ['office', 'zone', 'county']) assert.ok(checked[who].length >= 3, `${who}: ${checked[who].join()}`)
  })

  it('calendars start on Monday', async () => {
    const { page, watcher } = b.auditor
    await page.goto('/audit')
    await page.locator(`${sel('audit-filter-range')} input`).first().click()
    const heads = page.locator('.el-picker-panel:visible .el-date-table').first().locator('th')
    await heads.first().waitFor()
    assert.deepEqual((await heads.allInnerTexts()).map((s) => s.trim()), ['一', '二', '三', '四', '五', '六', '日'])
    await page.keyboard.press('Escape')
    watcher.assertClean()
  })

  it('two imports of the same policy are told apart by their version note on the tasks page, the board and a new consultation', async () => {
    const { page, watcher } = b.office
    await page.goto('/tasks')
    await settled(page, 'task-table')
    const policies = (await columnTexts(page, 'task-row-policy')).filter((x, i, all) => all.indexOf(x) === i)
    assert.equal(policies.length, 2, `two policies listed: ${policies}`)
    assert.ok(policies.some((p) => p.includes('（征求意见稿）')) && policies.some((p) => p.includes('（送审稿）')), policies.join(' | '))
    await page.locator(`.el-select${sel('task-filter-policy')}`).click()
    const options = (await page.locator('.task-policy-popper .el-select-dropdown__item').allInnerTexts()).map((s) => s.trim())
    assert.equal(options.length, 2)
    assert.ok(options.some((o) => o.includes('（征求意见稿）')) && options.some((o) => o.includes('（送审稿）')), options.join(' | '))
    await page.keyboard.press('Escape')

    await page.goto('/board')
    await page.locator(`.el-select${sel('board-policy')}`).click()
    // the board loads its policies after it shows: their options, once there
    await page.locator('.el-select-dropdown__item:visible', { hasText: '（送审稿）' }).first().waitFor()
    const board = (await page.locator('.el-select-dropdown__item:visible').allInnerTexts()).map((s) => s.trim())
    assert.ok(board.some((o) => o.includes('（征求意见稿）')) && board.some((o) => o.includes('（送审稿）')), board.join(' | '))
    await page.keyboard.press('Escape')

    // and where a consultation is made from a policy
    await page.goto('/consultations')
    await page.locator(sel('consult-create')).click()
    await page.locator(`.el-select${sel('consult-create-policy')}`).click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: '（送审稿）' }).first().waitFor()
    const made = (await page.locator('.el-select-dropdown__item:visible').allInnerTexts()).map((s) => s.trim())
    assert.ok(made.some((o) => o.includes('（征求意见稿）')) && made.some((o) => o.includes('（送审稿）')), made.join(' | '))
    await page.keyboard.press('Escape')
    await page.keyboard.press('Escape')
    watcher.assertClean()
  })

  it('the plan editor shows a weight of 100 in full and fits both sizes', async () => {
    const { page, watcher } = b.zone
    await page.goto('/plans')
    await settled(page, 'plans-table')
    await page.locator(sel('plans-row-open')).first().click()
    await page.locator(sel('plan-edit')).click()
    await confirmBox(page) // a change to an approved plan is a revision
    const weight = page.locator(`${sel('ms-edit-table')} ${sel('ms-weight')} input`).first()
    await weight.fill('100')
    await weight.blur()
    for (const [w, h] of [
      [1440, 900],
      [1280, 720],
    ]) {
      await page.setViewportSize({ width: w, height: h })
      await page.waitForTimeout(300)
      assert.equal(await weight.inputValue(), '100')
      const fits = await weight.evaluate((e) => e.scrollWidth <= e.clientWidth)
      assert.ok(fits, `the weight 100 shows in full at ${w}×${h}`)
      await page.screenshot({ path: screenshotPath(`tables-plan-editor-${w}x${h}`), fullPage: true })
      assert.deepEqual(await clipped(page), [], `the plan page at ${w}×${h}`)
    }
    await page.setViewportSize({ width: 1440, height: 900 })
    watcher.assertClean()
  })
})
