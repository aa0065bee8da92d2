// Two policies in the browser: the seed and 霍山县 2025年开发区重点工作及责任清单, whose tasks name
// three of the four zones. The home page's late milestones say how many are each policy's, and
// each opens that policy's 督导看板 showing the same figure (DECISIONS 382); that board counts the
// three zones, not 抚顺县 (DECISIONS 381); the 进展报告 queue says each report's policy under its
// milestone, the article's task on hover (DECISIONS 383). Needs a fresh database.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer } from './server.js'
import { openBrowser, login, shot, sel, testWithShots, apiClient } from './helpers.js'

const OFFICE = { username: 'bp-office', password: 'Office#Passw0rd1', org: '市商务局', role: 'office', displayName: '改革办周处长' }
const ZONE = { username: 'bp-zone', password: 'Zone#Passw0rd12', org: '抚顺经济开发区（示例）', role: 'zone', displayName: '经开区吴科长' }
const SEED = 'tests/data/fushun-devzone-reform-draft-2025.txt'
const HUOSHAN = 'tests/data/corpus/huoshan_kaifaqu_2025_zeren_qingdan.txt'
const FUSHUN_NAME = '中共抚顺市委 抚顺市人民政府关于深化开发区体制机制改革意见（征求意见稿）'
const HUOSHAN_NAME = '2025年开发区重点工作及责任清单'

const day = (offset) => new Date(Date.now() + 8 * 3600e3 + offset * 86400e3).toISOString().slice(0, 10)

describe('two policies: the home page\'s late milestones, each policy\'s board and the reports\' queue', () => {
  let server, office, api, fushun, huoshan
  const it = testWithShots(test, () => office?.page)

  before(async () => {
    server = await startServer({ name: 'board-policies', policies: [SEED, HUOSHAN], users: [OFFICE, ZONE] })
    api = { office: await apiClient(server.url, OFFICE), zone: await apiClient(server.url, ZONE) }
    const policies = (await api.office.get('/api/policies')).items
    fushun = policies.find((p) => p.title.startsWith('中共抚顺市委')).id
    huoshan = policies.find((p) => p.title === HUOSHAN_NAME).id
    const orgs = (await api.office.get('/api/orgs')).items
    const id = (name) => orgs.find((o) => o.name === name).id
    const hs = (await api.office.get(`/api/tasks?policy_id=${huoshan}`)).items.sort((a, b) => a.article_number - b.article_number)
    // 高新 and 经开 on 1, 胜利 on 2, 经开 on 3; 抚顺县 on none
    const units = [['抚顺高新技术产业开发区（示例）', '抚顺经济开发区（示例）'], ['抚顺胜利经济开发区（示例）'], ['抚顺经济开发区（示例）']]
    for (const [i, names] of units.entries()) await api.office.put(`/api/tasks/${hs[i].id}/orgs`, { lead_org_ids: [id('市商务局')], responsible_org_ids: names.map(id) })
    // 经开's plans of 条目 1 of each policy: two late milestones of the seed's, one of 霍山's
    const seed1 = (await api.office.get(`/api/tasks?policy_id=${fushun}&article=1`)).items[0]
    for (const [task, title, late] of [[seed1, '抚顺-方案', 2], [hs[0], '霍山-方案', 1]]) {
      const milestones = [
        { title: `${title}-一`, deliverable: '方案', start_date: day(-40), due_date: day(-10), weight: 30 },
        { title: `${title}-二`, deliverable: '台账', start_date: day(-30), due_date: late > 1 ? day(-5) : day(20), weight: 30 },
        { title: `${title}-三`, deliverable: '报告', start_date: day(-5), due_date: day(60), weight: 40 },
      ]
      const p = await api.zone.post('/api/plans', { task_id: task.id, milestones })
      await api.zone.post(`/api/plans/${p.id}/submit`)
      await api.office.post(`/api/plans/${p.id}/approve`)
      await api.zone.post(`/api/milestones/${p.milestones[0].id}/reports`, { status: 'in_progress', percent: 50, narrative: `${title}起草中` })
    }
    office = await openBrowser(server.url)
    await login(office.page, office.watcher, OFFICE.username, OFFICE.password)
  })

  after(async () => {
    if (office) await office.close()
    if (server) await server.stop()
  })

  const boardValue = (page, key) => page.locator(`${sel(`board-${key}`)} ${sel('board-value')}`)

  it('the home page\'s late milestones by policy, each opening the board that shows as many', async () => {
    const { page, watcher } = office
    await page.goto('/')
    await page.locator(sel('reform-overdue-value')).filter({ hasText: /^\d+$/ }).waitFor()
    assert.equal((await page.locator(sel('reform-overdue-value')).innerText()).trim(), '3')
    const byPolicy = page.locator(sel('reform-overdue-policies'))
    await byPolicy.waitFor()
    assert.equal((await page.locator(sel(`reform-overdue-policy-${fushun}`)).innerText()).trim(), `${FUSHUN_NAME} 2个 › 督导看板`)
    assert.equal((await page.locator(sel(`reform-overdue-policy-${huoshan}`)).innerText()).trim(), `${HUOSHAN_NAME} 1个 › 督导看板`)
    await shot(page, 'board-policies-home')
    for (const [policy, late, zones] of [[huoshan, '1', '3'], [fushun, '2', '4']]) {
      await page.goto('/')
      await page.locator(sel(`reform-overdue-policy-${policy}`)).click()
      await page.waitForURL((u) => u.pathname === '/board' && u.searchParams.get('policy_id') === String(policy))
      await boardValue(page, 'overdue-total').filter({ hasText: late }).waitFor()
      assert.equal((await boardValue(page, 'overdue-total').innerText()).trim(), late)
      // 霍山's board: the three zones its tasks name, not 抚顺县
      assert.equal((await boardValue(page, 'zones').innerText()).trim(), zones)
    }
    await shot(page, 'board-policies-board')
    watcher.assertClean()
  })

  it('the reports\' queue says each report\'s policy under its milestone', async () => {
    const { page, watcher } = office
    await page.goto('/reports?state=submitted')
    const rows = page.locator(`${sel('reports-table')} .el-table__body .el-table__row`)
    await rows.nth(1).waitFor()
    const policyOf = async (title) => (await rows.filter({ hasText: title }).locator(sel('reports-row-policy')).innerText()).trim()
    assert.equal(await policyOf('抚顺-方案-一'), FUSHUN_NAME)
    assert.equal(await policyOf('霍山-方案-一'), HUOSHAN_NAME)
    // the article number is 1 in both, its task on hover
    const article = rows.filter({ hasText: '霍山-方案-一' }).locator(sel('reports-row-article'))
    assert.equal((await article.innerText()).trim(), '1')
    assert.match(await article.getAttribute('title'), /^坚持服务跟着项目走/)
    await shot(page, 'board-policies-reports')
    watcher.assertClean()
  })
})
