// The daily desk, in the browser: each role's 我的待办 on the home page after each step of the
// plan and report workflow (the count, and the inbox item the step put there with who did it),
// the office's review queues with a batch approval of plans and of reports and a return with a
// reason, the zone's figures on the task list filtered by the zone against the zone's own page,
// the auditor's to-do before and after a recorded verification, and a zone's open land cases and
// the office's overdue ones, each tile opening its filtered list. Plans and reports are
// written through the API (the reform test writes them in the page); every review is done in the
// page. Needs a fresh database (counts are exact).
import { describe, test as nodeTest, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { startServer } from './server.js'
import { openBrowser, login, shot, sel, confirmBox, screenshotPath, apiClient } from './helpers.js'

const OFFICE = { username: 'wf-office', password: 'Office#Passw0rd1', org: '市商务局', role: 'office', displayName: '改革办李处长' }
const ZONE = { username: 'wf-zone', password: 'Zone#Passw0rd12', org: '抚顺经济开发区（示例）', role: 'zone', displayName: '经开区刘科长' }
const ZONE2 = { username: 'wf-zone2', password: 'Zone2#Passw0rd12', org: '抚顺胜利经济开发区（示例）', role: 'zone', displayName: '胜利区张科长' }
const AUDITOR = { username: 'wf-auditor', password: 'Audit#Passw0rd12', org: '市审计局', role: 'auditor', displayName: '审计员周' }
const SEED = 'tests/data/fushun-devzone-reform-draft-2025.txt'

const { sqlOk } = createRequire(import.meta.url)('../api/harness.js')
const day = (offset) => new Date(Date.now() + 8 * 3600e3 + offset * 86400e3).toISOString().slice(0, 10)

// 我的待办 as the home page shows it: {key: count}
async function todos(page) {
  await page.goto('/')
  const panel = page.locator(sel('todo-panel'))
  await panel.locator('a[data-count]').first().waitFor()
  const tiles = await panel.locator('a[data-count]').evaluateAll((els) => els.map((e) => [e.dataset.test.replace(/^todo-/, ''), Number(e.dataset.count)]))
  return Object.fromEntries(tiles)
}

// The newest inbox item whose title has `text`, opened from the bell (which marks it read).
async function inboxItem(page, text) {
  await page.locator(sel('inbox-bell')).click()
  const item = page.locator(sel('inbox-item'), { hasText: text }).first()
  await item.waitFor()
  const out = {
    title: (await item.locator(sel('inbox-item-title')).innerText()).trim(),
    actor: (await item.locator(sel('inbox-item-actor')).innerText()).trim(),
    read: await item.getAttribute('data-read'),
  }
  await page.keyboard.press('Escape')
  await page.locator(sel('inbox-drawer')).waitFor({ state: 'hidden' })
  return out
}

const milestones = (due) => [
  { title: '制定实施方案', deliverable: '方案文本', start_date: day(-40), due_date: due, weight: 40 },
  { title: '组织实施', deliverable: '实施报告', start_date: day(-5), due_date: day(60), weight: 60 },
]

describe('the daily desk: 我的待办, review queues and the inbox', () => {
  let server, office, zone, auditor, api
  const ids = {}
  const pages = () => [['office', office], ['zone', zone], ['auditor', auditor]]
  const test = (name, fn) =>
    nodeTest(name, async (t) => {
      try {
        await fn(t)
      } catch (e) {
        const slug = name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60)
        for (const [who, b] of pages()) {
          if (b && !b.page.isClosed()) await b.page.screenshot({ path: screenshotPath(`FAILED-${slug}-${who}`), fullPage: true }).catch(() => {})
        }
        throw e
      }
    })

  before(async () => {
    server = await startServer({ name: 'workflow', policies: [SEED], users: [OFFICE, ZONE, ZONE2, AUDITOR] })
    api = {
      office: await apiClient(server.url, OFFICE),
      zone: await apiClient(server.url, ZONE),
      zone2: await apiClient(server.url, ZONE2),
    }
    const tasks = (await api.office.get('/api/tasks?page_size=50')).items
    for (const n of [2, 3, 4]) ids[`t${n}`] = tasks.find((x) => x.article_number === n).id
    const orgs = (await api.office.get('/api/orgs')).items
    ids.econ = orgs.find((o) => o.name === ZONE.org).id
    ids.shengli = orgs.find((o) => o.name === ZONE2.org).id
    office = await openBrowser(server.url)
    zone = await openBrowser(server.url)
    auditor = await openBrowser(server.url)
    await login(office.page, office.watcher, OFFICE.username, OFFICE.password)
    await login(zone.page, zone.watcher, ZONE.username, ZONE.password)
    await login(auditor.page, auditor.watcher, AUDITOR.username, AUDITOR.password)
  })

  after(async () => {
    for (const [, b] of pages()) if (b) await b.close()
    if (server) await server.stop()
  })

  test('the zone starts with every plan still to write; its tile opens the tasks that lack one', async () => {
    const { page, watcher } = zone
    const z = await todos(page)
    assert.deepEqual(Object.keys(z), ['plans_returned', 'reports_returned', 'milestones_due_soon', 'milestones_overdue', 'plans_to_write', 'notices_to_reply', 'powers_to_accept', 'invest_stalled', 'land_cases_open', 'space_matches_pending', 'kpi_below_floor', 'budget_projects_poor'])
    const responsible = (await api.zone.get(`/api/tasks?org_id=${ids.econ}&role=responsible&page_size=50`)).total
    assert.equal(z.plans_to_write, responsible)
    assert.deepEqual([z.plans_returned, z.reports_returned, z.milestones_overdue], [0, 0, 0])
    await shot(page, 'workflow-todos-zone-start')
    await page.locator(sel('todo-plans_to_write')).click()
    await page.waitForURL(/\/tasks\?plan=missing/)
    await page.locator(sel('task-total'), { hasText: `共 ${responsible} 条` }).waitFor()
    watcher.assertClean()
  })

  test('plans submitted: the office’s 计划待审核 counts them and its inbox says who submitted', async () => {
    for (const [task, due] of [[ids.t2, day(-10)], [ids.t3, day(20)]]) {
      const p = await api.zone.post('/api/plans', { task_id: task, milestones: milestones(due) })
      await api.zone.post(`/api/plans/${p.id}/submit`)
      ids[`plan${task === ids.t2 ? 2 : 3}`] = p.id
    }
    const { page, watcher } = office
    const o = await todos(page)
    assert.deepEqual(Object.keys(o), ['plans_to_review', 'reports_to_review', 'notices_to_close', 'notices_overdue', 'power_proposals', 'problems_open', 'rules_overdue', 'invest_stalled', 'industry_exceptions', 'land_cases_overdue', 'assess_appeals_open', 'pay_plans_to_ack', 'platform_over_lines', 'kpi_below_floor'])
    assert.equal(o.plans_to_review, 2)
    assert.equal(o.reports_to_review, 0)
    const it = await inboxItem(page, '一区一策计划待审核')
    assert.match(it.title, /^一区一策计划待审核：第\d+条「.+」（抚顺经济开发区（示例））$/)
    assert.equal(it.actor, `操作人：${ZONE.displayName}`)
    await shot(page, 'workflow-todos-office-plans')
    watcher.assertClean()
  })

  test('the office returns one plan with a reason from the queue; the zone’s 被退回的计划 counts it', async () => {
    const { page, watcher } = office
    await page.locator(sel('todo-plans_to_review')).click()
    await page.waitForURL(/\/plans\?review=pending/)
    await page.locator(sel('plans-row-org')).nth(1).waitFor()
    assert.equal(await page.locator(`${sel('plans-table')} .el-table__body .el-table__row`).count(), 2)
    // the second row is task 3's (the list is in article order)
    await page.locator(`${sel('plans-table')} .el-table__body .el-table__row`).nth(1).locator(sel('plans-row-return')).click()
    const box = page.locator('.el-message-box:visible')
    await box.locator('textarea').fill('请补充阶段目标')
    await confirmBox(page)
    await page.locator(`${sel('plans-table')} .el-table__body .el-table__row`).nth(1).waitFor({ state: 'detached' })
    assert.equal((await todos(page)).plans_to_review, 1)

    const z = zone.page
    const counts = await todos(z)
    assert.equal(counts.plans_returned, 1)
    const it = await inboxItem(z, '被退回')
    assert.match(it.title, /^一区一策计划被退回：第3条「.+」（抚顺经济开发区（示例）），意见：请补充阶段目标$/)
    assert.equal(it.actor, `操作人：${OFFICE.displayName}`)
    await shot(z, 'workflow-todos-zone-returned')
    watcher.assertClean()
    zone.watcher.assertClean()
  })

  test('批量通过: the office approves both plans at once with one comment; each reaches the zone', async () => {
    await api.zone.post(`/api/plans/${ids.plan3}/submit`)
    const { page, watcher } = office
    assert.equal((await todos(page)).plans_to_review, 2)
    await page.locator(sel('todo-plans_to_review')).click()
    await page.locator(sel('plans-row-org')).nth(1).waitFor()
    await page.locator(`${sel('plans-table')} .el-table__header .el-checkbox`).click()
    await page.locator(sel('plans-approve-selected'), { hasText: '批量通过（2）' }).click()
    const box = page.locator('.el-message-box:visible')
    await box.locator('textarea').fill('同意，按计划推进')
    await confirmBox(page)
    await page.locator('.el-message--success', { hasText: '已通过2份' }).waitFor()
    await page.locator(sel('plans-row-org')).first().waitFor({ state: 'detached' })
    await shot(page, 'workflow-plans-batch')
    assert.equal((await todos(page)).plans_to_review, 0)
    for (const id of [ids.plan2, ids.plan3]) {
      const p = await api.office.get(`/api/plans/${id}`)
      assert.deepEqual([p.status, p.review_comment], ['approved', '同意，按计划推进'])
    }

    const z = zone.page
    const counts = await todos(z)
    assert.equal(counts.plans_returned, 0)
    assert.equal(counts.milestones_overdue, 1) // task 2's first milestone was due ten days ago
    const responsible = (await api.zone.get(`/api/tasks?org_id=${ids.econ}&role=responsible&page_size=50`)).total
    assert.equal(counts.plans_to_write, responsible - 2)
    const it = await inboxItem(z, '已批准')
    assert.match(it.title, /^一区一策计划已批准：第\d条「.+」（抚顺经济开发区（示例）），意见：同意，按计划推进$/)
    watcher.assertClean()
    zone.watcher.assertClean()
  })

  test('reports: 待审核 on the milestone row, 进展待审核 for the office, a batch acceptance from the queue', async () => {
    const p2 = await api.zone.get(`/api/plans/${ids.plan2}`)
    const p3 = await api.zone.get(`/api/plans/${ids.plan3}`)
    await api.zone.post(`/api/milestones/${p2.milestones[1].id}/reports`, { status: 'in_progress', percent: 30, narrative: '已召开推进会' })
    await api.zone.post(`/api/milestones/${p3.milestones[0].id}/reports`, { status: 'done', percent: 100, narrative: '方案已印发' })
    // the zone sees 待审核 on the milestone until it is reviewed
    const z = zone.page
    await z.goto(`/plans/${ids.plan3}`)
    await z.locator(sel('ms-pending-report')).first().waitFor()

    const { page, watcher } = office
    assert.equal((await todos(page)).reports_to_review, 2)
    const it = await inboxItem(page, '进展报告待审核')
    assert.equal(it.actor, `操作人：${ZONE.displayName}`)
    await page.locator(sel('todo-reports_to_review')).click()
    await page.waitForURL(/\/reports\?state=submitted/)
    await page.locator(sel('reports-row-milestone')).nth(1).waitFor()
    await page.locator(`${sel('reports-table')} .el-table__header .el-checkbox`).click()
    await page.locator(sel('reports-accept-selected'), { hasText: '批量通过（2）' }).click()
    await confirmBox(page)
    await page.locator('.el-message--success', { hasText: '已通过2条' }).waitFor()
    await shot(page, 'workflow-reports-batch')
    assert.equal((await todos(page)).reports_to_review, 0)

    await z.goto(`/plans/${ids.plan3}`)
    await z.locator(`${sel('ms-row-state')}[data-state="done"]`).waitFor()
    assert.equal(await z.locator(sel('ms-pending-report')).count(), 0)
    const done = await inboxItem(z, '进展报告已审核通过')
    assert.match(done.title, /节点「制定实施方案」/)
    watcher.assertClean()
    zone.watcher.assertClean()
  })

  test('a task list filtered by the zone shows the zone’s own figures, as its page does', async () => {
    // zone2's late plan for task 2 makes the task late city-wide, not for the economic zone alone
    const p = await api.zone2.post('/api/plans', { task_id: ids.t2, milestones: [{ title: '方案', deliverable: '文本', start_date: day(-30), due_date: day(-3), weight: 100 }] })
    await api.zone2.post(`/api/plans/${p.id}/submit`)
    await api.office.post(`/api/plans/${p.id}/approve`, {})
    const { page, watcher } = office
    await page.goto(`/zones/${ids.econ}`)
    const zoneLate = Number(await page.locator(`${sel('zone-overdue')} ${sel('zone-value')}`).innerText())
    assert.equal(zoneLate, 1)
    await page.goto(`/tasks?org_id=${ids.econ}&state=overdue`)
    await page.locator(sel('task-row-title')).first().waitFor()
    const rows = page.locator(`${sel('task-table')} .el-table__body .el-table__row`)
    assert.equal(await rows.count(), 1)
    assert.match(await rows.first().innerText(), /逾期1个/)
    await shot(page, 'workflow-tasks-zone-filter')
    // city-wide, the same task counts both zones' late milestones
    await page.goto('/tasks?state=overdue')
    await page.locator(sel('task-row-title')).first().waitFor()
    assert.match(await page.locator(`${sel('task-table')} .el-table__body .el-table__row`).first().innerText(), /逾期2个/)
    watcher.assertClean()
    // another zone's page, opened by its address by a zone: missing, not an empty workbench
    await zone.page.goto(`/zones/${ids.shengli}`)
    await zone.page.locator(sel('zone-not-found')).waitFor()
    assert.equal(await zone.page.locator(sel('zone-empty')).count(), 0)
    await zone.page.goto(`/zones/${ids.econ}`)
    await zone.page.locator(`${sel('zone-overdue')} ${sel('zone-value')}`).waitFor()
    zone.watcher.assertClean()
  })

  test('the auditor’s to-do: the chain not yet verified, then verified from the audit page', async () => {
    const { page, watcher } = auditor
    await page.goto('/')
    const tile = page.locator(sel('todo-audit_chain'))
    await tile.locator(sel('todo-detail'), { hasText: '尚未校验过审计日志链' }).waitFor()
    await tile.click()
    await page.waitForURL(/\/audit$/)
    await page.locator(sel('audit-verify')).click()
    await page.locator(`${sel('audit-verify-result')}[data-ok="true"]`).waitFor()
    await page.goto('/')
    await tile.locator(sel('todo-detail'), { hasText: new RegExp(`^上次校验：.+，${AUDITOR.username}，\\d+条记录完整$`) }).waitFor()
    assert.equal(await tile.getAttribute('data-count'), '0')
    await shot(page, 'workflow-todos-auditor')
    watcher.assertClean()
  })

  test('a zone’s open land cases: its tile says the overdue ones and opens the open cases; the office’s opens the overdue ones', async () => {
    // one past its deadline: opened with one ahead, its deadline then passed (as days do)
    for (const [no, due] of [['2023-901', day(-3)], ['2023-902', day(30)]]) {
      const b = await api.zone.post('/api/land/batches', { zone_id: ids.econ, batch_no: no, approved_on: '2023-05-10', approved_m2: '20000' })
      const lc = await api.zone.post('/api/land/cases', { batch_id: b.id, due_on: day(30) })
      await sqlOk(server.db, `UPDATE land_case SET due_on = '${due}' WHERE id = ${lc.id}`)
    }
    const { page, watcher } = zone
    assert.equal((await todos(page)).land_cases_open, 2)
    const tile = page.locator(sel('todo-land_cases_open'))
    await tile.locator(sel('todo-detail'), { hasText: '其中已逾期1件' }).waitFor()
    await shot(page, 'workflow-todos-zone-land-cases')
    await tile.click()
    await page.waitForURL(/\/land\/cases\?status=open$/)
    await page.locator(sel('case-total'), { hasText: '共 2 条' }).waitFor()
    assert.deepEqual(await page.locator(sel('case-row-subject')).allInnerTexts(), ['2023-902', '2023-901'])
    watcher.assertClean()

    const o = office.page
    assert.equal((await todos(o)).land_cases_overdue, 1)
    await o.locator(sel('todo-land_cases_overdue')).click()
    await o.waitForURL(/\/land\/cases\?overdue=1$/)
    await o.locator(sel('case-total'), { hasText: '共 1 条' }).waitFor()
    assert.deepEqual(await o.locator(sel('case-row-subject')).allInnerTexts(), ['2023-901'])
    assert.equal(await o.locator(`${sel('case-filter-overdue')} input`).isChecked(), true)
    office.watcher.assertClean()
  })
})
