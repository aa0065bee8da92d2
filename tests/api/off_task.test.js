'use strict';
// off_task.test.js - a zone taken off a task (DECISIONS 240) counts as late or owing nowhere
// from that day (DECISIONS 264): the supervision board's cells, task and zone totals, its late
// list and total, the ranking, the task list's progress, the milestone lists across plans and
// their state counts, the zone's 我的待办 and its returned plans; its plan stays readable,
// marked with the day, its open milestones 已调出责任单位. The board's cache (kept per process
// until the plans change) follows the change of units at once, and putting the zone back
// brings every figure back.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./harness');

const T = { timeout: h.STEP_TIMEOUT };
const SEED = path.join(__dirname, '..', 'data', 'fushun-devzone-reform-draft-2025.txt');
const day = h.day;

describe('a zone taken off a task', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, ids, t1, t2;
	const ms = {}; // milestone ids by title

	before(async () => {
		srv = await h.startServer();
		c = await h.loginAll(srv, ['office1', 'zone1', 'zone2', 'super1']);
		ids = await h.orgIds(c.office1);
		const imp = await c.office1.post('/api/policies', fs.readFileSync(SEED), { raw: true, contentType: 'text/plain' });
		assert.equal(imp.status, 201, imp.text);
		const tasks = (await c.office1.get('/api/tasks?page_size=50')).json.items;
		t1 = tasks.find((t) => t.article_number === 1);
		t2 = tasks.find((t) => t.article_number === 2);
		for (const t of [t1, t2]) await units(t, [ids[h.ORG.econ], ids[h.ORG.shengli]]);
		// 胜利: three milestones of task 2 (late, due soon, later, half done), approved
		const p2 = await approved(c.zone2, t2, [
			{ title: '胜利-逾期', deliverable: '方案', start_date: day(-40), due_date: day(-10), weight: 30 },
			{ title: '胜利-将到期', deliverable: '台账', start_date: day(-20), due_date: day(3), weight: 30 },
			{ title: '胜利-后续', deliverable: '报告', start_date: day(-5), due_date: day(60), weight: 40 },
		]);
		// 经开: two of task 2 (late, later)
		await approved(c.zone1, t2, [
			{ title: '经开-逾期', deliverable: '方案', start_date: day(-30), due_date: day(-5), weight: 50 },
			{ title: '经开-后续', deliverable: '报告', start_date: day(-5), due_date: day(30), weight: 50 },
		]);
		let r = await c.zone2.post(`/api/milestones/${ms['胜利-后续']}/reports`, { status: 'in_progress', percent: 50, narrative: '推进过半' });
		assert.equal(r.status, 201, r.text);
		r = await c.office1.post(`/api/reports/${r.json.id}/accept`, {});
		assert.equal(r.status, 200, r.text);
		// 胜利's plan of task 1, returned to it for changes
		r = await c.zone2.post('/api/plans', { task_id: t1.id, milestones: [{ title: '胜利-任务一', deliverable: '方案', start_date: day(-5), due_date: day(20), weight: 100 }] });
		assert.equal(r.status, 201, r.text);
		assert.equal((await c.zone2.post(`/api/plans/${r.json.id}/submit`, {})).status, 200);
		assert.equal((await c.office1.post(`/api/plans/${r.json.id}/return`, { comment: '请细化' })).status, 200);
		assert.equal(p2.org_id, ids[h.ORG.shengli]);
	});

	after(async () => {
		if (srv) await srv.close();
	});

	async function units(task, responsible) {
		const r = await c.office1.put(`/api/tasks/${task.id}/orgs`, { lead_org_ids: [ids[h.ORG.commerce]], responsible_org_ids: responsible });
		assert.equal(r.status, 200, r.text);
	}

	async function approved(zone, task, milestones) {
		let r = await zone.post('/api/plans', { task_id: task.id, milestones });
		assert.equal(r.status, 201, r.text);
		const plan = r.json;
		for (const m of plan.milestones) ms[m.title] = m.id;
		assert.equal((await zone.post(`/api/plans/${plan.id}/submit`, {})).status, 200);
		r = await c.office1.post(`/api/plans/${plan.id}/approve`, {});
		assert.equal(r.status, 200, r.text);
		return plan;
	}

	const todo = async (client) =>
		Object.fromEntries((await client.get('/api/todos')).json.items.filter((x) => x.key.startsWith('milestones_') || x.key === 'plans_returned').map((x) => [x.key, x.count]));
	const total = async (client, query) => (await client.get(`/api/milestones?${query}`)).json.total;

	// every figure the brief names, as the office, the supervisor and 胜利 see them
	async function figures() {
		const board = (await c.office1.get('/api/board')).json;
		const zone = (name) => board.zones.find((z) => z.id === ids[name]);
		const strip = (x) => [x.plans, x.completion_bp, x.overdue];
		const rank = (await c.office1.get('/api/board/ranking.csv')).text.replace(/^\ufeff/, '').trim().split('\r\n');
		const task = (await c.office1.get('/api/tasks?page_size=50')).json.items.find((t) => t.id === t2.id).progress;
		const plans = (await c.office1.get(`/api/plans?task_id=${t2.id}`)).json.items.map((p) => [p.org_name, p.n_overdue, p.responsible]);
		return {
			task: strip(board.tasks.find((t) => t.id === t2.id)),
			shengli: strip(zone(h.ORG.shengli)),
			econ: strip(zone(h.ORG.econ)),
			cells: board.cells.map((x) => [x.org_id, x.completion_bp, x.overdue]),
			late: board.overdue.map((m) => m.title),
			overdueTotal: board.overdue_total,
			supervisorLate: (await c.super1.get('/api/board')).json.overdue_total,
			// the first row, and 胜利's row without its place
			rank: [rank[1], rank.find((x) => x.includes(h.ORG.shengli)).replace(/^\d+,/, '')],
			progress: [task.plans, task.completion_bp, task.overdue, task.state],
			plans,
			lists: [await total(c.office1, 'state=overdue'), await total(c.office1, 'state=due_soon'), await total(c.office1, `task_id=${t2.id}`), await total(c.office1, `org_id=${ids[h.ORG.shengli]}`)],
			desk: await todo(c.zone2),
			returned: (await c.zone2.get('/api/plans?review=returned')).json.total,
			briefing: await briefing(),
		};
	}

	// 胜利 in this week's briefing: its plans, completion and milestones that became late this
	// week (its milestone due in three days counts from Monday to Wednesday: compared only when
	// it is off)
	const briefing = async () => {
		const z = (await c.office1.get('/api/briefings/weekly')).json.zones.find((x) => x.org_id === ids[h.ORG.shengli]);
		return [z.plans, z.completion_bp];
	};
	const briefingLate = async () =>
		(await c.office1.get('/api/briefings/weekly')).json.zones.find((x) => x.org_id === ids[h.ORG.shengli]).new_late;

	const WHILE_RESPONSIBLE = {
		task: [2, 1000, 2],
		shengli: [1, 2000, 1],
		econ: [1, 0, 1],
		cells: null, // filled below: ids are known only at run time
		late: ['胜利-逾期', '经开-逾期'],
		overdueTotal: 2,
		supervisorLate: 2,
		rank: [`1,${h.ORG.shengli},1,20.00%,1`, `${h.ORG.shengli},1,20.00%,1`],
		progress: [2, 1000, 2, 'overdue'],
		plans: [[h.ORG.econ, 1, true], [h.ORG.shengli, 1, true]],
		lists: [2, 1, 5, 3],
		desk: { plans_returned: 1, milestones_due_soon: 1, milestones_overdue: 1 },
		returned: 1,
		briefing: [1, 2000],
	};

	test('taken off, 胜利 leaves the board, the ranking, the lists and its own desk at once; its plan stays readable, marked', T, async () => {
		const was = { ...WHILE_RESPONSIBLE, cells: [[ids[h.ORG.econ], 0, 1], [ids[h.ORG.shengli], 2000, 1]] };
		assert.deepEqual(await figures(), was); // the board's cache now holds these

		await units(t2, [ids[h.ORG.econ]]);
		await units(t1, [ids[h.ORG.econ]]);
		assert.deepEqual(await figures(), {
			task: [1, 0, 1],
			shengli: [0, 0, 0],
			econ: [1, 0, 1],
			cells: [[ids[h.ORG.econ], 0, 1]],
			late: ['经开-逾期'],
			overdueTotal: 1,
			supervisorLate: 1,
			rank: [`1,${h.ORG.econ},1,0.00%,1`, `${h.ORG.shengli},0,0.00%,0`],
			progress: [1, 0, 1, 'overdue'],
			plans: [[h.ORG.econ, 1, true], [h.ORG.shengli, 0, false]],
			lists: [1, 0, 2, 0],
			desk: { plans_returned: 0, milestones_due_soon: 0, milestones_overdue: 0 },
			returned: 0,
			briefing: [0, 0],
		});
		assert.equal(await briefingLate(), 0);

		// the record: for the office, the supervisor and the zone, the day it was taken off, the
		// milestones it no longer owes, its accepted report
		const p2 = (await c.office1.get(`/api/plans?task_id=${t2.id}&org_id=${ids[h.ORG.shengli]}`)).json.items[0];
		assert.match(p2.off_task_on, /^\d{4}-\d{2}-\d{2}$/);
		for (const who of [c.office1, c.super1, c.zone2]) {
			const r = await who.get(`/api/plans/${p2.id}`);
			assert.equal(r.status, 200, r.text);
			assert.deepEqual([r.json.responsible, r.json.off_task_on, r.json.n_overdue, r.json.completion_bp], [false, p2.off_task_on, 0, 2000]);
			assert.deepEqual(r.json.milestones.map((m) => [m.title, m.state]), [['胜利-逾期', 'off_task'], ['胜利-将到期', 'off_task'], ['胜利-后续', 'off_task']]);
		}
		let m = (await c.zone2.get(`/api/milestones/${ms['胜利-逾期']}`)).json;
		assert.deepEqual([m.milestone.state, m.may_report], ['off_task', false]);
		m = (await c.zone2.get(`/api/milestones/${ms['胜利-后续']}`)).json;
		assert.deepEqual([m.milestone.state, m.milestone.percent, m.reports.map((x) => x.state)], ['off_task', 50, ['accepted']]);
		// its plans are still listed for it, marked
		const own = (await c.zone2.get('/api/plans')).json.items;
		assert.deepEqual(own.map((p) => [p.article_number, p.status, p.responsible]), [[1, 'returned', false], [2, 'approved', false]]);
		for (const p of own) assert.match(p.off_task_on, /^\d{4}-\d{2}-\d{2}$/);

		// put back: every figure as it was, the mark gone
		await units(t2, [ids[h.ORG.econ], ids[h.ORG.shengli]]);
		await units(t1, [ids[h.ORG.econ], ids[h.ORG.shengli]]);
		assert.deepEqual(await figures(), was);
		const back = (await c.zone2.get(`/api/plans/${p2.id}`)).json;
		assert.deepEqual([back.responsible, back.off_task_on, back.milestones.map((m) => m.state)], [true, null, ['overdue', 'due_soon', 'on_track']]);
	});
	// DECISIONS 284: nothing is left for 胜利 to do on task 2 once it is off it, so nothing to
	// press it on; a plan named with another task is not that task's
	test('while 胜利 is off task 2, a 督办单 on its plan or milestone is refused (409), nothing written; put back, it is issued', T, async () => {
		const shengli = ids[h.ORG.shengli];
		const p2 = (await c.office1.get(`/api/plans?task_id=${t2.id}&org_id=${shengli}`)).json.items[0];
		const draft = { org_id: shengli, subject: '加快推进', body: '请按期推进。', reply_due: day(7) };
		const notice = (entity_type, entity_id, more = {}) => c.office1.post('/api/notices', { ...draft, entity_type, entity_id, ...more });
		const total = async () => (await c.office1.get('/api/notices')).json.total;
		let r = await notice('plan', p2.id, { task_id: t1.id });
		assert.deepEqual([r.status, r.json.error.field, r.json.error.message], [400, '/task_id', '督办对象不属于此任务']);

		// a draft written while 胜利 is responsible
		r = await notice('plan', p2.id, { draft: true });
		assert.equal(r.status, 201, r.text);
		const draftId = r.json.id;

		await units(t2, [ids[h.ORG.econ]]);
		const was = await total();
		const refused = (res, field, what) => {
			assert.equal(res.status, 409, res.text);
			assert.deepEqual([res.json.error.code, res.json.error.field], ['invalid_state', field]);
			assert.match(res.json.error.message, new RegExp(`^${h.ORG.shengli}已于\\d{4}-\\d{2}-\\d{2}不再承担此任务，不能就其${what}督办$`));
		};
		refused(await notice('plan', p2.id), '/entity_id', '计划');
		refused(await notice('milestone', ms['胜利-逾期']), '/entity_id', '节点');
		refused(await c.office1.post('/api/notices', { ...draft, task_id: t2.id, milestone_id: ms['胜利-逾期'] }), '/milestone_id', '节点');
		refused(await notice('plan', p2.id, { draft: true }), '/entity_id', '计划');
		// the draft does not go out: it is checked again when issued
		refused(await c.office1.post(`/api/notices/${draftId}/issue`, {}), '/entity_id', '计划');
		assert.equal((await c.office1.get(`/api/notices/${draftId}`)).json.status, 'draft');
		assert.equal(await total(), was);
		// 胜利 as an organization may still be pressed
		r = await notice('org', shengli, { draft: true });
		assert.equal(r.status, 201, r.text);

		await units(t2, [ids[h.ORG.econ], shengli]);
		r = await notice('plan', p2.id);
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.title, '关于加快推进的督办通知');
	});
});
