// Where progress is reported, in the browser: a late milestone's reminder (kfq remind) opens that
// milestone, whose drawer offers 填报进展 to its zone; a report the office returns is redone from
// what it said, under the reason (and counted on the desk until then); a finished milestone (已完成, accepted)
// offers no report, on the plan or in its drawer, and a report that waited on it is returned, not
// accepted, as is one that waited on a milestone a revision closed (the queue says why); the
// office is told what becomes of a zone's plan before it takes the zone off the task, and the zone
// then sees why on its plan (with the day), with what it reported, and no button the server would
// refuse; from that day its late milestone leaves the office's board and the zone's desk, and the
// plans list marks the plan (DECISIONS 264). Plans are written and reviewed through the API; the
// zone reports and the office edits the task's units in the page. Needs a fresh database.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, kfq } from './server.js'
import { openBrowser, login, shot, sel, testWithShots, apiClient } from './helpers.js'

const OFFICE = { username: 'rw-office', password: 'Office#Passw0rd1', org: '市商务局', role: 'office', displayName: '改革办李处长' }
const ZONE = { username: 'rw-zone', password: 'Zone#Passw0rd12', org: '抚顺经济开发区（示例）', role: 'zone', displayName: '经开区刘科长' }
const SEED = 'tests/data/fushun-devzone-reform-draft-2025.txt'

const day = (offset) => new Date(Date.now() + 8 * 3600e3 + offset * 86400e3).toISOString().slice(0, 10)

describe('where progress is reported: the reminder’s milestone, never a finished one, never by a zone taken off the task', () => {
  let server, office, zone, api, task, plan
  const it = testWithShots(test, () => zone?.page)
  const row = (n) => zone.page.locator(`${sel('ms-table')} .el-table__body .el-table__row`).nth(n)

  before(async () => {
    server = await startServer({ name: 'report-where', policies: [SEED], users: [OFFICE, ZONE] })
    api = { office: await apiClient(server.url, OFFICE), zone: await apiClient(server.url, ZONE) }
    task = (await api.office.get('/api/tasks?page_size=50')).items.find((x) => x.article_number === 2)
    const p = await api.zone.post('/api/plans', {
      task_id: task.id,
      milestones: [
        { title: '制定实施方案', deliverable: '方案文本', start_date: day(-40), due_date: day(-3), weight: 40 },
        { title: '建立工作台账', deliverable: '台账', start_date: day(-20), due_date: day(20), weight: 60 },
      ],
    })
    await api.zone.post(`/api/plans/${p.id}/submit`)
    plan = await api.office.post(`/api/plans/${p.id}/approve`)
    office = await openBrowser(server.url)
    zone = await openBrowser(server.url)
    await login(office.page, office.watcher, OFFICE.username, OFFICE.password)
    await login(zone.page, zone.watcher, ZONE.username, ZONE.password)
  })

  after(async () => {
    for (const b of [office, zone]) if (b) await b.close()
    if (server) await server.stop()
  })

  it('the reminder of a late milestone opens that milestone, and the zone reports from there', async () => {
    const late = plan.milestones[0]
    const run = await kfq(['remind', '--db', server.db])
    assert.equal(run.code, 0, run.stderr)
    const { page, watcher } = zone
    await page.reload()
    await page.locator(sel('inbox-bell')).click()
    await page.locator(sel('inbox-item'), { hasText: '已逾期3天' }).first().click()
    await page.waitForURL((u) => u.pathname === '/milestones' && u.searchParams.get('milestone') === String(late.id))
    await page.locator('.el-drawer__header', { hasText: '进展记录：制定实施方案' }).waitFor()
    await page.locator(sel('ms-drawer-report')).click()
    await page.locator(sel('report-status-in_progress')).click()
    await page.locator(`${sel('report-percent')} .el-input-number input`).fill('60')
    await page.locator(`${sel('report-percent')} .el-input-number input`).press('Enter')
    await page.locator(sel('report-narrative')).fill('方案已起草，正在征求意见。')
    await shot(page, 'report-where-drawer')
    await page.locator(sel('report-submit')).click()
    await page.locator(sel('report-narrative')).waitFor({ state: 'hidden' })
    const item = page.locator(sel('report-item')).first()
    await item.waitFor()
    assert.equal((await item.locator(sel('report-state')).innerText()).trim(), '待审核')
    assert.equal((await item.locator(sel('report-narrative-text')).innerText()).trim(), '方案已起草，正在征求意见。')
    watcher.assertClean()
  })

  it('a returned report is redone from what it said, under the office’s reason; 退回待重报 counts it until then', async () => {
    const late = plan.milestones[0]
    const queued = (await api.office.get(`/api/reports?state=submitted&task_id=${task.id}`)).items.find((r) => r.milestone_id === late.id)
    await api.office.post(`/api/reports/${queued.id}/return`, { comment: '请附征求意见稿' })
    const { page, watcher } = zone
    await page.goto('/')
    const tile = page.locator(sel('todo-reports_returned'))
    assert.equal(await tile.getAttribute('data-count'), '1')
    await page.goto(`/milestones?milestone=${late.id}`)
    await page.locator('.el-drawer__header', { hasText: '进展记录：制定实施方案' }).waitFor()
    await page.locator(sel('ms-drawer-report')).click()
    const reason = page.locator(sel('report-returned-reason'))
    await reason.waitFor()
    assert.equal((await reason.innerText()).trim(), '退回原因：请附征求意见稿')
    assert.equal(await page.locator(sel('report-narrative')).inputValue(), '方案已起草，正在征求意见。')
    assert.equal(await page.locator(`${sel('report-percent')} .el-input-number input`).inputValue(), '60')
    assert.equal(await page.locator(`${sel('report-status-in_progress')}.is-active`).count(), 1)
    await shot(page, 'report-where-redo')
    await page.locator(sel('report-submit')).click()
    await page.locator(sel('report-narrative')).waitFor({ state: 'hidden' })
    const item = page.locator(sel('report-item')).first()
    assert.equal((await item.locator(sel('report-state')).innerText()).trim(), '待审核')
    await page.goto('/')
    assert.equal(await page.locator(sel('todo-reports_returned')).getAttribute('data-count'), '0')
    watcher.assertClean()
  })

  it('a finished milestone offers no report, on the plan or in its drawer', async () => {
    const ms = plan.milestones[1]
    await api.zone.post(`/api/milestones/${ms.id}/reports`, { status: 'in_progress', percent: 50, narrative: '台账建立中' })
    const r = await api.zone.post(`/api/milestones/${ms.id}/reports`, { status: 'done', percent: 100, narrative: '台账已建立' })
    await api.office.post(`/api/reports/${r.id}/accept`)
    // the office may return the report that waited, not accept it: in the queue and in the drawer
    await office.page.goto('/reports?state=submitted')
    const queued = office.page.locator(`${sel('reports-table')} .el-table__row`, { hasText: '台账建立中' })
    await queued.locator(sel('reports-row-return')).waitFor()
    assert.equal(await queued.locator(sel('reports-row-accept')).count(), 0)
    assert.equal(await queued.locator('.el-checkbox.is-disabled').count(), 1)
    await office.page.goto(`/milestones/${ms.id}`)
    const waiting = office.page.locator(sel('report-item'), { hasText: '台账建立中' })
    await waiting.locator(sel('report-return')).waitFor()
    assert.equal(await waiting.locator(sel('report-accept')).count(), 0)
    office.watcher.assertClean()
    const { page, watcher } = zone
    await page.goto(`/plans/${plan.id}`)
    await row(1).locator(`${sel('ms-row-state')}[data-state="done"]`).waitFor()
    assert.equal(await row(1).locator(sel('ms-report')).count(), 0)
    assert.equal(await row(0).locator(sel('ms-report')).count(), 1)
    await row(1).locator(sel('ms-history')).click()
    await page.locator(sel('report-item')).first().waitFor()
    assert.equal(await page.locator(sel('ms-drawer-report')).count(), 0)
    watcher.assertClean()
  })

  it('a zone taken off the task sees why on its plan, with what it reported, and no button it could not use', async () => {
    // a revision waiting for the office when the zone is taken off
    const now = await api.zone.get(`/api/plans/${plan.id}`)
    const milestones = now.milestones.map((m) => ({ id: m.id, title: m.title, deliverable: `${m.deliverable}（修订）`, start_date: m.start_date, due_date: m.due_date, weight: m.weight }))
    await api.zone.put(`/api/plans/${plan.id}`, { milestones })
    await api.zone.post(`/api/plans/${plan.id}/submit`)
    // before: its late milestone is on the office's board and on the zone's desk
    const o = office.page
    await o.goto('/board')
    await o.locator(`${sel('board-overdue-list')} .el-table__row`, { hasText: '制定实施方案' }).waitFor()
    const lateOnBoard = o.locator(`${sel('board-overdue-total')} ${sel('board-value')}`)
    assert.equal((await lateOnBoard.innerText()).trim(), '1')
    await zone.page.goto('/')
    assert.equal(await zone.page.locator(sel('todo-milestones_overdue')).getAttribute('data-count'), '1')
    // the office takes the zone off in the task's page, told first what becomes of its plan
    await o.goto(`/tasks/${task.id}`)
    await o.locator(sel('task-plan-org'), { hasText: ZONE.org }).waitFor()
    assert.equal(await o.locator(sel('task-plan-not-responsible')).count(), 0)
    await o.locator(sel('task-edit-orgs')).click()
    await o.locator(`.el-select${sel('task-responsible-select')} .el-tag`, { hasText: ZONE.org }).locator('.el-tag__close').click()
    await o.locator(sel('task-orgs-save')).click()
    const box = o.locator('.el-message-box:visible')
    assert.equal(
      (await box.locator('.el-message-box__message').innerText()).trim(),
      `${ZONE.org}已有该任务的计划。移出责任单位后，计划和已填报的进展保留可查，但不能再填报进展、修改、提交或批准计划，自移出之日起不计入督导看板、排名、逾期和待办；重新列为责任单位即可恢复。确定要修改吗？修改将记入审计日志。`,
    )
    await shot(o, 'report-where-task-orgs')
    await box.locator('.el-button--primary').click()
    // the page asks for the plans again only once it has shown the save's answer, the task's
    // units (the zone's tag leaves at once: OrgTags has no leave transition)
    await o.locator(sel('task-plan-not-responsible')).waitFor()
    const off = (await api.zone.get(`/api/plans/${plan.id}`)).off_task_on // the day it was taken off
    assert.match(off, /^\d{4}-\d{2}-\d{2}$/)
    assert.equal((await o.locator(sel('task-plan-not-responsible')).innerText()).trim(), `${off} 已调整出责任单位`)
    assert.doesNotMatch(await o.locator(sel('task-responsible-orgs')).innerText(), /抚顺经济开发区/)
    // from that day its late milestone is on no board, and the plans list marks the plan
    await o.goto('/board')
    await o.locator(sel('board-overdue-list')).waitFor() // shown once the board has answered
    assert.equal(await o.locator(`${sel('board-overdue-list')} .el-table__row`).count(), 0)
    assert.equal((await lateOnBoard.innerText()).trim(), '0')
    await o.goto(`/plans?task_id=${task.id}`)
    assert.equal((await o.locator(sel('plans-row-off-task')).innerText()).trim(), `${off} 已调整出责任单位`)
    await o.goto(`/zones/${plan.org_id}`)
    const offTag = o.locator(sel('zone-plan-off-task'))
    assert.equal((await offTag.innerText()).trim(), '已调出')
    assert.equal(await offTag.getAttribute('title'), `${off} 已调整出责任单位`)
    const why = `“${ZONE.org}”已于${off}调整出该任务的责任单位：计划和已填报的进展保留可查，自该日起不计入督导看板、排名、逾期和待办，不能再修改、提交、批准或填报进展。`
    const { page, watcher } = zone
    // nothing on its desk it could not act on
    await page.goto('/')
    assert.equal(await page.locator(sel('todo-milestones_overdue')).getAttribute('data-count'), '0')
    await page.goto(`/plans/${plan.id}`)
    assert.equal((await page.locator(sel('plan-not-responsible')).innerText()).trim(), why)
    await row(0).locator(sel('ms-row-state')).waitFor()
    assert.equal((await row(0).locator(sel('ms-row-state')).innerText()).trim(), '已调出责任单位')
    assert.equal(await page.locator(sel('ms-report')).count(), 0)
    for (const button of ['plan-edit', 'plan-save', 'plan-submit']) assert.equal(await page.locator(sel(button)).count(), 0, button)
    await row(0).locator(sel('ms-history')).click()
    assert.equal((await page.locator(sel('report-narrative-text')).first().innerText()).trim(), '方案已起草，正在征求意见。')
    assert.equal(await page.locator(sel('ms-drawer-report')).count(), 0)
    await shot(page, 'report-where-not-responsible')
    watcher.assertClean()
    // the office reads the same on the plan: the revision may be returned, not approved
    await office.page.goto(`/plans/${plan.id}`)
    assert.equal((await office.page.locator(sel('plan-not-responsible')).innerText()).trim(), why)
    await office.page.locator(sel('plan-return')).waitFor()
    assert.equal(await office.page.locator(sel('plan-approve')).count(), 0)
    office.watcher.assertClean()
  })

  it('a report that waited on a milestone a revision closed is returned, not accepted, and says why', async () => {
    const t7 = (await api.office.get('/api/tasks?article=7')).items[0]
    const p = await api.zone.post('/api/plans', {
      task_id: t7.id,
      milestones: [
        { title: '梳理事项清单', deliverable: '事项清单', start_date: day(-10), due_date: day(30), weight: 50 },
        { title: '开展试点', deliverable: '试点报告', start_date: day(-10), due_date: day(60), weight: 50 },
      ],
    })
    await api.zone.post(`/api/plans/${p.id}/submit`)
    const approved = await api.office.post(`/api/plans/${p.id}/approve`)
    const [kept, closing] = approved.milestones
    await api.zone.post(`/api/milestones/${closing.id}/reports`, { status: 'in_progress', percent: 30, narrative: '试点已启动' })
    const body = (m, weight) => ({ id: m.id, title: m.title, deliverable: m.deliverable, start_date: m.start_date, due_date: m.due_date, weight })
    await api.zone.put(`/api/plans/${p.id}`, { milestones: [body(kept, 100)], closed: [{ id: closing.id, reason: '改由市级统一试点' }] })
    await api.zone.post(`/api/plans/${p.id}/submit`)
    await api.office.post(`/api/plans/${p.id}/approve`)
    const o = office.page
    await o.goto('/reports?state=submitted')
    const queued = o.locator(`${sel('reports-table')} .el-table__row`, { hasText: '试点已启动' })
    await queued.locator(sel('reports-row-return')).waitFor()
    assert.equal((await queued.locator(sel('reports-row-closed')).innerText()).trim(), '节点已被计划修订关闭（改由市级统一试点），只能退回')
    assert.equal(await queued.locator(sel('reports-row-accept')).count(), 0)
    assert.equal(await queued.locator('.el-checkbox.is-disabled').count(), 1)
    await shot(o, 'report-where-closed')
    await o.goto(`/milestones/${closing.id}`)
    const waiting = o.locator(sel('report-item'), { hasText: '试点已启动' })
    await waiting.locator(sel('report-return')).waitFor()
    assert.equal(await waiting.locator(sel('report-accept')).count(), 0)
    office.watcher.assertClean()
  })
})
