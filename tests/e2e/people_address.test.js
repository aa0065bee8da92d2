// The people pages keep what they show in the address (issue 10), on the demo data (`kfq demo`:
// this year's staffing, pools, plans, assessment and staff KPIs; grades of the two years before):
// 编制核定 (year, zone, page size), 编制测算 (year), 绩效薪酬 (year, tab), 年度考核 (year, tab),
// 内部考核 (year, target) and 县区考核视图 (county, years). On each page the office sets them, then
// reload shows the same, back the state before, and the address opened in another browser the
// same; an address with bad values (a year out of range or not a number, an unknown zone or
// county, a garbage page, tab or target) opens the default view without an error. The roster at
// 1366×768 and 1280×720: the table scrolls inside its card, the zone and the name fixed on the
// left and the actions on the right, every action of a row in reach. 县区考核视图's years fall
// back field by field (a good one kept beside a bad one, a pair the wrong way round bounded as
// the pickers bound it). 编办's and 组织部's 我的待办 tiles open their pages filtered to exactly
// what they count (a check box in the address, taken off by unticking it); 组织部 records from
// the filtered rows.
import { describe, test as nodeTest, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer } from './server.js'
import { openBrowser, login, sel, RUN, testWithShots, pickOption, shot, todoCount, eventually } from './helpers.js'

const OFFICE = { username: `adoffice_${RUN}`, password: 'Office#Passw0rd1', org: '市商务局', role: 'office' }
const ZONE = { username: `adzone_${RUN}`, password: 'Zone#Passw0rd123', org: '抚顺经济开发区（示例）', role: 'zone' }
const BIANBAN = { username: `adbianban_${RUN}`, password: 'Bianban#Passw0rd1', org: '市委编办', role: 'department' }
const ZUZHI = { username: `adzuzhi_${RUN}`, password: 'Zuzhi#Passw0rd12', org: '市委组织部', role: 'department' }
const ZONE_NAME = '抚顺经济开发区（示例）'
// the year of the demo's data (the server's day is China's)
const YEAR = new Date(Date.now() + 8 * 3600e3).getUTCFullYear()

describe('the people pages keep their year and pickers in the address', () => {
  let server
  const b = {}
  const it = testWithShots(nodeTest, () => b.office?.page)

  before(async () => {
    server = await startServer({ name: 'people_address', demo: true, users: [OFFICE, ZONE, BIANBAN, ZUZHI] })
    for (const [who, user] of [['office', OFFICE], ['zone', ZONE], ['bianban', BIANBAN], ['zuzhi', ZUZHI]]) {
      b[who] = await openBrowser(server.url)
      await login(b[who].page, b[who].watcher, user.username, user.password)
    }
  })

  after(async () => {
    for (const x of Object.values(b)) await x.close()
    if (server) await server.stop()
  })

  const api = async (page, path) => (await page.request.get(path)).json()
  const query = (page) => Object.fromEntries(new URL(page.url()).searchParams)
  // the address's query once it is `want` (a move writes it after the click)
  async function addressIs(page, want) {
    const text = (q) => JSON.stringify(Object.keys(q).sort().map((k) => [k, String(q[k])]))
    await page.waitForFunction((w) => {
      const q = Object.fromEntries(new URLSearchParams(location.search))
      return JSON.stringify(Object.keys(q).sort().map((k) => [k, q[k]])) === w
    }, text(want))
    assert.deepEqual(query(page), Object.fromEntries(Object.entries(want).map(([k, v]) => [k, String(v)])))
  }
  // a year box's value (el-input-number) once it is y
  const yearShows = (page, test, y) => page.waitForFunction(([s, v]) => document.querySelector(`[data-test="${s}"] input`)?.value === v, [test, String(y)])
  // a new year typed into the box (its change comes on blur)
  async function setYear(page, test, y) {
    const input = page.locator(`${sel(test)} input`)
    await input.fill(String(y))
    await input.blur()
  }
  // the rows of a table once there are n (an answer may still be on its way)
  const rowsAre = (page, table, n) => eventually(() => page.locator(`${sel(table)} .el-table__body .el-table__row`).count(), n, `${table} rows`)
  const activeTab = (page, label) => page.locator('.el-tabs__item.is-active', { hasText: label }).waitFor()
  // the same address in another browser of the same user: it shows `check`
  async function shared(url, user, check) {
    const other = await openBrowser(server.url)
    try {
      await login(other.page, other.watcher, user.username, user.password)
      await other.page.goto(url)
      await check(other.page)
      other.watcher.assertClean()
    } finally {
      await other.close()
    }
  }

  // what a page shows after its moves (showsState): the same after a reload; each step back the
  // state before it (back: one check a step); forward again the same; the address opened in
  // another browser of the same user the same
  async function keeps(page, showsState, back) {
    await showsState(page)
    await page.reload()
    await showsState(page)
    for (const check of back) {
      await page.goBack()
      await check(page)
    }
    for (let i = 0; i < back.length; i++) await page.goForward()
    await showsState(page)
    await shared(page.url(), OFFICE, showsState)
  }

  it('编制核定: year, zone and page size in the address', async () => {
    const { page, watcher } = b.office
    const zone = (await api(page, '/api/orgs')).items.find((o) => o.name === ZONE_NAME)
    const all = (await api(page, `/api/staffing?year=${YEAR}`)).total
    assert.equal(all, 4, 'the demo approved the four sample zones this year')
    await page.goto('/staffing')
    await rowsAre(page, 'staffing-table', 4)
    await yearShows(page, 'staffing-year', YEAR)
    await pickOption(page, sel('staffing-filter-zone'), ZONE_NAME)
    await page.locator(sel('staffing-search-submit')).click()
    await addressIs(page, { org_id: zone.id })
    await rowsAre(page, 'staffing-table', 1)
    await setYear(page, 'staffing-year', YEAR - 1)
    await page.locator(sel('staffing-search-submit')).click()
    await addressIs(page, { org_id: zone.id, year: YEAR - 1 })
    await page.locator(sel('staffing-total'), { hasText: '共 0 条' }).waitFor()
    await page.locator(`${sel('staffing-pagination')} .el-pagination__sizes .el-select`).click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: '50条/页' }).click()
    await addressIs(page, { org_id: zone.id, year: YEAR - 1, page_size: 50 })
    const state = { org_id: zone.id, year: YEAR - 1, page_size: 50 }
    const showsState = async (p) => {
      await addressIs(p, state)
      await yearShows(p, 'staffing-year', YEAR - 1)
      await p.locator(`.el-select${sel('staffing-filter-zone')}`, { hasText: ZONE_NAME }).waitFor()
      await p.locator(`${sel('staffing-pagination')} .el-pagination__sizes`, { hasText: '50条/页' }).waitFor()
      await p.locator(sel('staffing-total'), { hasText: '共 0 条' }).waitFor()
    }
    await keeps(page, showsState, [
      (p) => addressIs(p, { org_id: zone.id, year: YEAR - 1 }),
      async (p) => {
        await addressIs(p, { org_id: zone.id })
        await yearShows(p, 'staffing-year', YEAR)
        await rowsAre(p, 'staffing-table', 1)
        await p.locator(`${sel('staffing-table')} .el-table__row`, { hasText: ZONE_NAME }).waitFor()
      },
    ])

    // a year before 2000, a zone that is not one, a page that is not a number: this year's four
    await page.goto('/staffing?year=1999&org_id=999999&page=x&page_size=7')
    await addressIs(page, { year: 1999, page: 'x', page_size: 7 })
    await rowsAre(page, 'staffing-table', 4)
    await yearShows(page, 'staffing-year', YEAR)
    await page.locator(`.el-select${sel('staffing-filter-zone')}`, { hasText: '全部' }).waitFor()
    watcher.assertClean()
  })

  it('编制测算: the year in the address', async () => {
    const { page, watcher } = b.office
    const suggested = (p) => p.locator(sel('norm-suggested')).count()
    await page.goto('/staffing-norm')
    await page.locator(sel('norm-table')).waitFor()
    await yearShows(page, 'norm-year', YEAR)
    await page.locator(sel('norm-suggested')).first().waitFor()
    const n = await suggested(page)
    assert.ok(n > 0, 'the demo entered this year\'s indicators')
    await setYear(page, 'norm-year', YEAR - 1)
    await addressIs(page, { year: YEAR - 1 })
    const showsState = async (p) => {
      await addressIs(p, { year: YEAR - 1 })
      await yearShows(p, 'norm-year', YEAR - 1)
      await p.locator(`${sel('norm-table')} .el-table__row`).first().waitFor()
      await p.waitForFunction((s) => document.querySelectorAll(`[data-test="${s}"]`).length === 0, 'norm-suggested')
    }
    await keeps(page, showsState, [
      async (p) => {
        await addressIs(p, {})
        await yearShows(p, 'norm-year', YEAR)
        await p.waitForFunction(([s, k]) => document.querySelectorAll(`[data-test="${s}"]`).length === k, ['norm-suggested', n])
      },
    ])
    await page.goto('/staffing-norm?year=3000')
    await yearShows(page, 'norm-year', YEAR)
    await page.waitForFunction(([s, k]) => document.querySelectorAll(`[data-test="${s}"]`).length === k, ['norm-suggested', n])
    watcher.assertClean()
  })

  it('绩效薪酬: the year and the tab in the address', async () => {
    const { page, watcher } = b.office
    const plans = (await api(page, `/api/pay/plans?year=${YEAR}`)).items.length
    assert.ok(plans > 0, 'the demo filed a plan this year')
    assert.equal((await api(page, `/api/pay/plans?year=${YEAR - 1}`)).items.length, 0)
    await page.goto('/pay')
    await activeTab(page, '绩效薪酬总额')
    await rowsAre(page, 'pool-table', 4)
    await page.locator('.el-tabs__item', { hasText: '分配方案' }).click()
    await addressIs(page, { tab: 'plans' })
    await rowsAre(page, 'plan-table', plans)
    await setYear(page, 'pay-year', YEAR - 1)
    await addressIs(page, { tab: 'plans', year: YEAR - 1 })
    const showsState = async (p) => {
      await addressIs(p, { tab: 'plans', year: YEAR - 1 })
      await activeTab(p, '分配方案')
      await yearShows(p, 'pay-year', YEAR - 1)
      await rowsAre(p, 'plan-table', 0)
    }
    await keeps(page, showsState, [
      async (p) => {
        await addressIs(p, { tab: 'plans' })
        await yearShows(p, 'pay-year', YEAR)
        await rowsAre(p, 'plan-table', plans)
      },
      async (p) => {
        await addressIs(p, {})
        await activeTab(p, '绩效薪酬总额')
      },
    ])
    await page.goto('/pay?tab=evil&year=abc')
    await activeTab(page, '绩效薪酬总额')
    await yearShows(page, 'pay-year', YEAR)
    await rowsAre(page, 'pool-table', 4)
    watcher.assertClean()
  })

  it('年度考核: the year and the tab in the address', async () => {
    const { page, watcher } = b.office
    const results = (await api(page, `/api/assess/results?year=${YEAR}`)).items.length
    assert.ok(results > 0, 'the demo computed this year\'s assessment')
    await page.goto('/assess')
    await activeTab(page, '考核结果')
    await rowsAre(page, 'assess-results', results)
    await setYear(page, 'assess-year', YEAR - 1)
    await addressIs(page, { year: YEAR - 1 })
    await rowsAre(page, 'assess-results', 0)
    await page.locator('.el-tabs__item', { hasText: '考核方案' }).click()
    await addressIs(page, { year: YEAR - 1, tab: 'schemes' })
    const showsState = async (p) => {
      await addressIs(p, { year: YEAR - 1, tab: 'schemes' })
      await activeTab(p, '考核方案')
      await yearShows(p, 'assess-year', YEAR - 1)
      await rowsAre(p, 'assess-schemes', 0)
    }
    await keeps(page, showsState, [
      async (p) => {
        await addressIs(p, { year: YEAR - 1 })
        await activeTab(p, '考核结果')
      },
      async (p) => {
        await addressIs(p, {})
        await yearShows(p, 'assess-year', YEAR)
        await rowsAre(p, 'assess-results', results)
      },
    ])
    await page.goto('/assess?tab=%3Cscript%3E&year=99999')
    await activeTab(page, '考核结果')
    await yearShows(page, 'assess-year', YEAR)
    await rowsAre(page, 'assess-results', results)
    watcher.assertClean()
  })

  it('内部考核: the year and the target in the address', async () => {
    const { page, watcher } = b.office
    const schemes = (await api(page, `/api/kpi/schemes?year=${YEAR}`)).items
    const staff = schemes.filter((s) => s.target === 'staff').length
    assert.equal(staff, 4, 'the demo scored each sample zone\'s staff')
    const cards = page.locator(sel('kpi-scheme'))
    const cardsAre = (p, n) => eventually(() => p.locator(sel('kpi-scheme')).count(), n)
    await page.goto('/kpi')
    await cards.first().waitFor()
    await cardsAre(page, staff)
    await page.locator(`${sel('kpi-target')} .el-radio-button`, { hasText: '内设机构' }).click()
    await addressIs(page, { target: 'department' })
    await cardsAre(page, schemes.length - staff)
    await setYear(page, 'kpi-year', YEAR - 1)
    await addressIs(page, { target: 'department', year: YEAR - 1 })
    const showsState = async (p) => {
      await addressIs(p, { target: 'department', year: YEAR - 1 })
      await p.locator(`${sel('kpi-target')} .el-radio-button.is-active`, { hasText: '内设机构' }).waitFor()
      await yearShows(p, 'kpi-year', YEAR - 1)
      await p.locator('.el-empty', { hasText: '尚未制定本年度方案' }).waitFor()
      await cardsAre(p, 0)
    }
    await keeps(page, showsState, [
      (p) => addressIs(p, { target: 'department' }),
      async (p) => {
        await addressIs(p, {})
        await p.locator(`${sel('kpi-target')} .el-radio-button.is-active`, { hasText: '工作人员' }).waitFor()
        await cardsAre(p, staff)
      },
    ])
    await page.goto('/kpi?target=boss&year=20x6')
    await yearShows(page, 'kpi-year', YEAR)
    await cardsAre(page, staff)
    watcher.assertClean()
  })

  it('县区考核视图: the county and the years in the address', async () => {
    const { page, watcher } = b.office
    const counties = (await api(page, '/api/counties/views')).items
    const county = counties.find((c) => c.name === '抚顺县')
    assert.ok(county && counties[0].id !== county.id, 'the office sees 抚顺县 among other counties')
    const years = (from, to) => ['代管开发区', ...Array.from({ length: to - from + 1 }, (_, i) => String(from + i))]
    const headers = (p, want) => eventually(async () => (await p.locator(`${sel('county-zones')} .el-table__header th`).allInnerTexts()).map((s) => s.trim()), want)
    await page.goto('/county-view')
    await page.locator(`.el-select${sel('county-select')}`, { hasText: counties[0].name }).waitFor()
    await headers(page, years(YEAR - 5, YEAR - 1))
    await pickOption(page, sel('county-select'), '抚顺县')
    await addressIs(page, { county: county.id })
    await page.locator(`${sel('county-zones')} .el-table__row`, { hasText: '抚顺县经济开发区（示例）' }).waitFor()
    await setYear(page, 'county-from', YEAR - 3)
    await addressIs(page, { county: county.id, from: YEAR - 3 })
    const showsState = async (p) => {
      await addressIs(p, { county: county.id, from: YEAR - 3 })
      await p.locator(`.el-select${sel('county-select')}`, { hasText: '抚顺县' }).waitFor()
      await yearShows(p, 'county-from', YEAR - 3)
      await yearShows(p, 'county-to', YEAR - 1)
      await headers(p, years(YEAR - 3, YEAR - 1))
      await p.locator(`${sel('county-zones')} .el-table__row`, { hasText: '抚顺县经济开发区（示例）' }).waitFor()
    }
    await keeps(page, showsState, [
      async (p) => {
        await addressIs(p, { county: county.id })
        await headers(p, years(YEAR - 5, YEAR - 1))
      },
      async (p) => {
        await addressIs(p, {})
        await p.locator(`.el-select${sel('county-select')}`, { hasText: counties[0].name }).waitFor()
      },
    ])
    // a county that is not one: the first county; years the wrong way round: `from` bounded by
    // `to` as its picker bounds it
    await page.goto('/county-view?county=999999&from=2050&to=2010')
    await page.locator(`.el-select${sel('county-select')}`, { hasText: counties[0].name }).waitFor()
    await headers(page, years(2010, 2010))
    watcher.assertClean()
  })

  it('县区考核视图: a bad year in the address falls back on its own, the good one kept', async () => {
    const { page, watcher } = b.office
    const years = (from, to) => ['代管开发区', ...Array.from({ length: to - from + 1 }, (_, i) => String(from + i))]
    const shows = async (url, from, to) => {
      await page.goto(url)
      await yearShows(page, 'county-from', from)
      await yearShows(page, 'county-to', to)
      const th = page.locator(`${sel('county-zones')} .el-table__header th`)
      await eventually(async () => (await th.allInnerTexts()).map((x) => x.trim()), years(from, to), url)
    }
    // a good `from` beside a `to` that is not a year, or out of range: the default `to`
    await shows(`/county-view?from=${YEAR - 8}&to=abc`, YEAR - 8, YEAR - 1)
    await shows(`/county-view?from=${YEAR - 8}&to=9999`, YEAR - 8, YEAR - 1)
    // a good `to` beside a bad `from`: the default `from`, within the years up to `to`
    await shows(`/county-view?from=x&to=${YEAR - 2}`, YEAR - 5, YEAR - 2)
    await shows(`/county-view?from=1999&to=${YEAR - 3}`, YEAR - 5, YEAR - 3)
    // a good `from` after the default `to`: `to` taken up to it, as its picker's minimum
    await shows(`/county-view?from=${YEAR + 2}&to=x`, YEAR + 2, YEAR + 2)
    // both good but the wrong way round, or more than 30 years apart: `to` kept, `from` bounded
    await shows(`/county-view?from=${YEAR - 2}&to=${YEAR - 4}`, YEAR - 4, YEAR - 4)
    await shows('/county-view?from=2000&to=2040', 2011, 2040)
    watcher.assertClean()
  })

  it('the roster at 1366×768 and 1280×720: it scrolls inside its card, the zone, name and actions in view', async () => {
    const { page, watcher } = b.zone
    for (const [w, h] of [
      [1366, 768],
      [1280, 720],
    ]) {
      await page.setViewportSize({ width: w, height: h })
      await page.goto('/roster')
      // a secondee's row has all four actions
      const row = page.locator(`${sel('roster-table')} .el-table__body .el-table__row`, { has: page.locator(sel('roster-retain')) }).first()
      await row.waitFor()
      const box = await page.evaluate(() => {
        const table = document.querySelector('[data-test="roster-table"]')
        const wrap = table.querySelector('.el-table__body-wrapper .el-scrollbar__wrap')
        return { page: document.documentElement.scrollWidth, vw: document.documentElement.clientWidth, scroll: wrap.scrollWidth, width: wrap.clientWidth, right: table.getBoundingClientRect().right }
      })
      assert.ok(box.page <= box.vw, `the page does not scroll sideways at ${w} (${box.page} > ${box.vw})`)
      assert.ok(box.right <= box.vw, `the table stays in the page at ${w}`)
      assert.ok(box.scroll > box.width, `the table scrolls inside its card at ${w} (${box.scroll} ≤ ${box.width})`)
      // scrolled to either end, the zone and the name stay on the left, the actions on the right
      for (const end of ['left', 'right']) {
        await page.evaluate((e) => {
          const wrap = document.querySelector('[data-test="roster-table"] .el-table__body-wrapper .el-scrollbar__wrap')
          wrap.scrollLeft = e === 'left' ? 0 : wrap.scrollWidth
        }, end)
        await page.waitForTimeout(200)
        const table = await page.locator(sel('roster-table')).boundingBox()
        const name = await row.locator(sel('roster-row-name')).boundingBox()
        assert.ok(name.x >= table.x && name.x + name.width <= table.x + table.width / 2, `the name in view at ${w}, scrolled ${end}`)
        const first = await row.locator(sel('roster-history')).boundingBox()
        for (const action of ['roster-history', 'roster-edit', 'roster-end', 'roster-retain']) {
          const a = await row.locator(sel(action)).boundingBox()
          assert.ok(a && a.x >= table.x && a.x + a.width <= Math.min(table.x + table.width, w), `${action} in reach at ${w}, scrolled ${end}`)
          assert.ok(Math.abs(a.y - first.y) < 2, `${action} on the row's one line at ${w}`)
        }
      }
      await shot(page, `roster-${w}x${h}`)
      await row.locator(sel('roster-history')).click()
      await page.locator(sel('person-history')).waitFor()
      await page.keyboard.press('Escape')
      await page.locator(sel('person-history')).waitFor({ state: 'hidden' })
    }
    await page.setViewportSize({ width: 1440, height: 900 })
    watcher.assertClean()
  })

  it('编办\'s tile opens 编制测算 filtered to the zones without this year\'s figures', async () => {
    // a zone the demo has not staffed: the one counted
    const office = b.office.page
    const csrf = await office.evaluate(async () => (await (await fetch('/api/session')).json()).csrf_token)
    const county = (await api(office, '/api/orgs')).items.find((o) => o.name === '望花区')
    const NEW = `望花开发区（测试${RUN}）`
    const r = await office.request.post('/api/orgs', { data: { name: NEW, type: 'zone', parent_id: county.id, level: 'provincial' }, headers: { 'X-CSRF-Token': csrf, Origin: server.url } })
    assert.equal(r.status(), 201, await r.text())

    const { page, watcher } = b.bianban
    assert.equal(await todoCount(page, 'staffing_to_approve'), 1)
    await page.locator(sel('todo-staffing_to_approve')).click()
    await addressIs(page, { year: YEAR, unapproved: 1 })
    await rowsAre(page, 'norm-table', 1)
    assert.equal(await page.locator(`${sel('norm-filter-unapproved')} input`).isChecked(), true)
    await page.locator(`${sel('norm-table')} .el-table__row`, { hasText: NEW }).waitFor()
    await shot(page, 'staffing-norm-unapproved')
    // unticked: every zone; back: the filter again
    await page.locator(sel('norm-filter-unapproved')).click()
    await addressIs(page, { year: YEAR })
    await rowsAre(page, 'norm-table', 5)
    await page.goBack()
    await addressIs(page, { year: YEAR, unapproved: 1 })
    await rowsAre(page, 'norm-table', 1)
    // last year: no zone has figures of it
    await setYear(page, 'norm-year', YEAR - 1)
    await addressIs(page, { year: YEAR - 1, unapproved: 1 })
    await rowsAre(page, 'norm-table', 5)
    watcher.assertClean()
  })

  it('组织部\'s tile opens 县区考核视图 filtered to the zones awaiting a record, recorded from their rows', async () => {
    const { page, watcher } = b.zuzhi
    const tile = (await api(page, '/api/todos')).items.find((x) => x.key === 'leaders_to_record')
    const m = /^\/county-view\?from=(\d+)&to=(\d+)&awaiting=1$/.exec(tile.link)
    assert.ok(m, tile.link)
    const year = Number(m[2])
    const waiting = (await api(page, `/api/leader-actions/awaiting?year=${year}`)).items
    assert.ok(tile.count >= 1 && tile.count === waiting.length, `${tile.count} zones`)
    assert.equal(await todoCount(page, 'leaders_to_record'), tile.count)
    await page.locator(sel('todo-leaders_to_record')).click()
    await addressIs(page, { from: year - 4, to: year, awaiting: 1 })
    await rowsAre(page, 'county-awaiting', tile.count)
    assert.equal(await page.locator(`${sel('county-filter-awaiting')} input`).isChecked(), true)
    for (const z of waiting) await page.locator(`${sel('county-awaiting')} .el-table__row`, { hasText: z.name }).filter({ hasText: z.county_name }).waitFor()
    await shot(page, 'county-view-awaiting')
    // recorded from its row: the zone and the year given, the kind its grade calls for
    const first = waiting[0]
    await page.locator(`${sel('county-awaiting')} .el-table__row`, { hasText: first.name }).locator(sel('county-awaiting-record')).click()
    const dialog = page.locator(sel('leader-dialog'))
    await dialog.locator(`.el-select${sel('leader-form-zone')}`, { hasText: first.name }).waitFor()
    assert.equal(Number(await dialog.locator(`${sel('leader-form-year')} input`).inputValue()), year)
    // the zone's 主任 (the demo's rosters name their people in turn)
    const head = (await api(page, `/api/people?org_id=${first.org_id}&page_size=100`)).items.find((x) => x.job_post === '主任')
    await pickOption(page, sel('leader-form-person'), head.name)
    await dialog.locator(`${sel('leader-form-kind')} .el-radio.is-checked`, { hasText: first.grade === 'poor' ? '及时调整' : '优先提拔使用' }).waitFor()
    await dialog.locator(sel('leader-form-basis')).fill(`${year}年度考核结果`)
    await page.locator(sel('leader-submit')).click()
    await dialog.waitFor({ state: 'hidden' })
    await rowsAre(page, 'county-awaiting', tile.count - 1)
    assert.equal(await todoCount(page, 'leaders_to_record'), tile.count - 1)
    // unticked: the county view of the same years
    await page.goBack()
    await addressIs(page, { from: year - 4, to: year, awaiting: 1 })
    await page.locator(sel('county-filter-awaiting')).click()
    await addressIs(page, { from: year - 4, to: year })
    await page.locator(`${sel('county-zones')} .el-table__row`).first().waitFor()
    await page.locator(sel('leader-actions')).waitFor()
    // 班子成员奖惩 lists the record at the year the zone's inbox item opens
    await page.goto(`/leader-actions?year=${year}`)
    const row = page.locator(`${sel('leader-actions-table')} .el-table__row`, { hasText: head.name })
    await row.locator(sel('leader-actions-kind'), { hasText: first.grade === 'poor' ? '及时调整' : '优先提拔使用' }).waitFor()
    watcher.assertClean()
  })
})
