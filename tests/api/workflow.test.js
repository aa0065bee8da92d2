'use strict';
// workflow.test.js - the plan and progress-report workflow held under attack and told to the
// people it hands work to: a zone cannot drop approved milestones by editing its own approved
// plan (the change is a revision beside the ruling version until the office approves it; a
// milestone with reports is only closed with a reason, and its reports and evidence stay
// readable); nobody approves or accepts what they submitted, whatever their role became; a
// reviewer reviews within its data scope only; every step puts exactly one inbox item per
// recipient in its transaction and a refused step none; 我的待办 counts what its links list;
// batch approval is all or nothing; every transition allowed and refused.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./harness');

const T = { timeout: h.STEP_TIMEOUT };
const SEED = path.join(__dirname, '..', 'data', 'fushun-devzone-reform-draft-2025.txt');

const day = h.day; // today in Asia/Shanghai, plus offset days

const USERS = [
	...h.DEFAULT_USERS,
	{ username: 'office2', org: h.ORG.commerce, role: 'office' }, // scope set to its own organization below
	{ username: 'zone1b', org: h.ORG.econ, role: 'zone' }, // a second account of zone1's zone
	{ username: 'turncoat', org: h.ORG.hightech, role: 'zone' }, // submits, then is made an office user
];

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('the plan and report workflow', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, ids, t2, t1, office3;
	let plan; // zone1's approved plan for task 2
	let late; // its milestone due ten days ago, with an accepted report and evidence
	let lateNoReport; // its milestone due three days ago, nothing reported
	let evidence;

	const NAMES = ['admin', 'office1', 'office2', 'zone1', 'zone1b', 'zone2', 'county1', 'auditor1', 'super1', 'turncoat'];

	before(async () => {
		srv = await h.startServer({ users: USERS });
		await h.sqlOk(srv.db, "UPDATE app_user SET data_scope = 'org' WHERE username = 'office2'");
		c = await h.loginAll(srv, NAMES);
		ids = await h.orgIds(c.office1);
		// office3: an office account whose custom scope is the economic zone alone
		const r = await c.admin.post('/api/users', {
			username: 'office3',
			display_name: '改革办（经开区片）',
			org_id: ids[h.ORG.commerce],
			role: 'office',
			data_scope: 'custom',
			scope_org_ids: [ids[h.ORG.econ]],
			password: 'Office3-Custom-Passw0rd',
		});
		assert.equal(r.status, 201, r.text);
		office3 = new h.Client(srv);
		await office3.login('office3', 'Office3-Custom-Passw0rd');
		assert.equal((await office3.put('/api/session/password', { old_password: 'Office3-Custom-Passw0rd', new_password: 'Office3-Custom-Passw0rd-2' })).status, 204);
		c.office3 = office3;
		const imp = await c.office1.post('/api/policies', fs.readFileSync(SEED), { raw: true, contentType: 'text/plain' });
		assert.equal(imp.status, 201, imp.text);
		const tasks = (await c.office1.get('/api/tasks?page_size=50')).json.items;
		t1 = tasks.find((t) => t.article_number === 1);
		t2 = tasks.find((t) => t.article_number === 2);
	});

	after(async () => {
		if (srv) await srv.close();
	});

	const auditCount = async () => (await c.auditor1.get('/api/audit?page_size=1')).json.total;
	const inboxRows = async () => Number(await h.sqlOk(srv.db, 'SELECT COUNT(*) FROM inbox'));
	// every account's inbox total, by name
	const inboxes = async () => {
		const out = {};
		for (const n of [...NAMES, 'office3']) out[n] = (await c[n].get('/api/inbox?page_size=1')).json.total;
		return out;
	};
	// what changed between two snapshots: {name: +n}
	const grew = (a, b) => Object.fromEntries(Object.keys(b).filter((k) => b[k] !== a[k]).map((k) => [k, b[k] - a[k]]));
	const newest = async (client) => (await client.get('/api/inbox?page_size=1')).json.items[0];
	const todos = async (client) => Object.fromEntries((await client.get('/api/todos')).json.items.map((x) => [x.key, x]));
	const upload = (client, name, buf) =>
		client.post(`/api/evidence?name=${encodeURIComponent(name)}`, buf, { raw: true, contentType: 'application/octet-stream' });
	const body = (p) =>
		p.milestones.map((m) => ({ id: m.id, title: m.title, deliverable: m.deliverable, start_date: m.start_date, due_date: m.due_date, weight: m.weight }));

	test('a plan submitted is told to the reviewers whose scope covers the zone, once each; returned and approved to the zone', T, async () => {
		let r = await c.zone1.post('/api/plans', {
			task_id: t2.id,
			milestones: [
				{ title: '制定实施方案', deliverable: '方案文本', start_date: day(-60), due_date: day(-10), weight: 30 },
				{ title: '建立工作台账', deliverable: '台账', start_date: day(-30), due_date: day(-3), weight: 30 },
				{ title: '组织实施', deliverable: '实施报告', start_date: day(-2), due_date: day(60), weight: 40 },
			],
		});
		assert.equal(r.status, 201, r.text);
		plan = r.json;
		let before = await inboxes();
		let rows = await inboxRows();
		r = await c.zone1.post(`/api/plans/${plan.id}/submit`, {});
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.submitted_by, c.zone1.user.id);
		// office1 (all) and office3 (custom: this zone); not office2 (its own organization only),
		// not the zone, not the submitter
		assert.deepEqual(grew(before, await inboxes()), { office1: 1, office3: 1 });
		assert.equal(await inboxRows(), rows + 2);
		const it = await newest(c.office1);
		assert.equal(it.kind, 'plan_submitted');
		assert.equal(it.actor_name, c.zone1.user.display_name);
		assert.equal(it.entity_type, 'plan');
		assert.equal(it.entity_id, plan.id);
		assert.equal(it.link, `/plans/${plan.id}`);
		assert.equal(it.read, false);
		assert.equal(it.title, `一区一策计划待审核：第2条「${t2.title}」（${h.ORG.econ}）`);

		// a refused step writes nothing: returning without a comment, approving a second time
		before = await inboxes();
		rows = await inboxRows();
		h.assertError(await c.office1.post(`/api/plans/${plan.id}/return`, {}), 400, 'missing_field', '/comment');
		h.assertError(await c.zone1.post(`/api/plans/${plan.id}/submit`, {}), 409, 'invalid_state');
		assert.equal(await inboxRows(), rows);

		r = await c.office1.post(`/api/plans/${plan.id}/return`, { comment: '请细化节点' });
		assert.equal(r.status, 200, r.text);
		// the zone's plan writers: zone1 (who submitted it, once) and zone1b
		assert.deepEqual(grew(before, await inboxes()), { zone1: 1, zone1b: 1 });
		const back = await newest(c.zone1);
		assert.equal(back.kind, 'plan_returned');
		assert.equal(back.title, `一区一策计划被退回：第2条「${t2.title}」（${h.ORG.econ}），意见：请细化节点`);
		assert.equal(back.actor_name, c.office1.user.display_name);

		await c.zone1.post(`/api/plans/${plan.id}/submit`, {});
		before = await inboxes();
		r = await c.office1.post(`/api/plans/${plan.id}/approve`, { comment: '同意' });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.review_comment, '同意');
		assert.deepEqual(grew(before, await inboxes()), { zone1: 1, zone1b: 1 });
		assert.equal((await newest(c.zone1b)).kind, 'plan_approved');
		plan = r.json;
		late = plan.milestones[0];
		lateNoReport = plan.milestones[1];
	});

	test('opening an item marks it read with a POST; listing never does; another user’s item is 404', T, async () => {
		const it = await newest(c.zone1);
		assert.equal((await newest(c.zone1)).read, false); // a second GET changed nothing
		const unread = (await c.zone1.get('/api/inbox/unread-count')).json.unread;
		h.assertError(await c.zone2.post(`/api/inbox/${it.id}/read`, {}), 404, 'not_found');
		h.assertError(await c.zone1.post(`/api/inbox/${it.id}/read`, {}, { csrf: false }), 403, 'csrf_failed');
		assert.equal((await c.zone1.post(`/api/inbox/${it.id}/read`, {})).status, 204);
		assert.equal((await c.zone1.get('/api/inbox/unread-count')).json.unread, unread - 1);
		const all = (await c.zone1.get('/api/inbox?page_size=100')).json.items;
		assert.equal(all.find((x) => x.id === it.id).read, true);
		assert.equal(all[all.length - 1].id, it.id); // read items come after the unread
	});

	test('a report submitted shows 待审核 on its milestone and reaches the reviewers; accepted, the zone hears; done late reads 逾期完成', T, async () => {
		let r = await upload(c.zone1, '实施方案.pdf', PDF);
		assert.equal(r.status, 201, r.text);
		evidence = r.json;
		let before = await inboxes();
		r = await c.zone1.post(`/api/milestones/${late.id}/reports`, { status: 'done', percent: 100, narrative: '方案已印发', evidence_ids: [evidence.id] });
		assert.equal(r.status, 201, r.text);
		const rep = r.json;
		assert.equal(rep.milestone_title, late.title);
		assert.deepEqual(grew(before, await inboxes()), { office1: 1, office3: 1 });
		const it = await newest(c.office3);
		assert.equal(it.kind, 'report_submitted');
		assert.equal(it.entity_type, 'report');
		assert.equal(it.entity_id, rep.id);
		assert.equal(it.link, `/milestones/${late.id}`);
		let m = (await c.zone1.get(`/api/milestones/${late.id}`)).json.milestone;
		assert.equal(m.pending_report, true);
		assert.equal(m.state, 'overdue'); // not reviewed yet
		// the queue: submitted reports in view
		const q = await c.office1.get('/api/reports?state=submitted');
		assert.equal(q.status, 200);
		assert.deepEqual(q.json.items.map((x) => [x.id, x.org_name, x.article_number]), [[rep.id, h.ORG.econ, 2]]);
		assert.equal(q.json.items[0].evidence[0].sha256, evidence.sha256);
		assert.equal((await c.zone2.get('/api/reports?state=submitted')).json.total, 0);
		h.assertError(await c.office1.get('/api/reports?state=late'), 400, 'invalid_parameter', 'state');

		before = await inboxes();
		r = await c.office1.post(`/api/reports/${rep.id}/accept`, { comment: '已核实' });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.review_comment, '已核实');
		assert.deepEqual(grew(before, await inboxes()), { zone1: 1, zone1b: 1 });
		assert.equal((await newest(c.zone1)).title, `进展报告已审核通过：第2条「${t2.title}」节点「${late.title}」（${h.ORG.econ}），意见：已核实`);
		m = (await c.zone1.get(`/api/milestones/${late.id}`)).json.milestone;
		assert.equal(m.pending_report, false);
		assert.equal(m.state, 'done_late');
		assert.equal(m.done_date, day(0));
		// on time: the third milestone, due in 60 days, done today
		r = await c.zone1.post(`/api/milestones/${plan.milestones[2].id}/reports`, { status: 'done', percent: 100, narrative: '提前完成' });
		r = await c.office1.post(`/api/reports/${r.json.id}/accept`, {});
		assert.equal(r.status, 200, r.text);
		assert.equal((await c.zone1.get(`/api/milestones/${plan.milestones[2].id}`)).json.milestone.state, 'done');
		const done = await c.office1.get(`/api/milestones?state=done&task_id=${t2.id}`);
		assert.deepEqual(done.json.items.map((x) => x.id), [plan.milestones[2].id]);
		const doneLate = await c.office1.get(`/api/milestones?state=done_late&task_id=${t2.id}`);
		assert.deepEqual(doneLate.json.items.map((x) => x.id), [late.id]);
	});

	test('the attack: the zone edits its approved plan to drop late milestones — nothing leaves the office’s view until approved', T, async () => {
		const overdueOnBoard = async () => (await c.office1.get('/api/board')).json.cells.find((x) => x.org_id === ids[h.ORG.econ]).overdue;
		assert.equal(await overdueOnBoard(), 1); // lateNoReport
		const ms = body(plan);
		const auditBefore = await auditCount();
		// dropping the milestone with reports is refused outright
		let r = await c.zone1.put(`/api/plans/${plan.id}`, { milestones: [ms[1], { ...ms[2], weight: 70 }] });
		h.assertError(r, 409, 'milestone_has_reports', '/milestones');
		// a closing needs a reason
		r = await c.zone1.put(`/api/plans/${plan.id}`, { milestones: [{ ...ms[2], weight: 100 }], closed: [{ id: late.id, reason: '' }] });
		h.assertError(r, 400, 'missing_field', '/closed/0/reason');
		// ids of another plan's milestones or twice the same are refused
		r = await c.zone1.put(`/api/plans/${plan.id}`, { milestones: [{ ...ms[2], weight: 100 }], closed: [{ id: late.id, reason: 'x' }, { id: late.id, reason: 'y' }] });
		h.assertError(r, 400, 'invalid_value', '/milestones');
		assert.equal(await auditCount(), auditBefore);

		// drop the late one without reports, close the one with reports: a revision beside the plan
		r = await c.zone1.put(`/api/plans/${plan.id}`, { milestones: [{ ...ms[2], weight: 100 }], closed: [{ id: late.id, reason: '已并入组织实施节点' }] });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.status, 'approved');
		assert.equal(r.json.version, 1);
		assert.equal(r.json.revision.status, 'draft');
		assert.equal(r.json.revision.version, 2);
		assert.deepEqual(r.json.revision.closes, [{ milestone_id: late.id, reason: '已并入组织实施节点', title: late.title }]);
		assert.deepEqual(r.json.milestones.map((m) => m.id), plan.milestones.map((m) => m.id));
		// the office still sees everything: lists, counts, the board, reports and evidence
		assert.equal(await overdueOnBoard(), 1);
		const lateList = await c.office1.get(`/api/milestones?state=overdue&org_id=${ids[h.ORG.econ]}`);
		assert.deepEqual(lateList.json.items.map((x) => x.id), [lateNoReport.id]);
		assert.equal((await c.office1.get(`/api/plans/${plan.id}`)).json.n_overdue, 1);
		assert.equal((await c.super1.get(`/api/milestones/${late.id}`)).json.reports.length, 1);
		assert.equal((await c.super1.get(`/api/evidence/${evidence.id}`)).status, 200);
		// the office is not asked yet: a draft is the zone's own
		assert.equal((await c.office1.get('/api/plans?review=pending')).json.total, 0);
		const a = await c.auditor1.get(`/api/audit?entity_type=plan&entity_id=${plan.id}&page_size=1`);
		assert.equal(a.json.items[0].action, 'revise');
		assert.equal(a.json.items[0].after.revision.status, 'draft');

		// under review it cannot change; it reaches the reviewers as a revision
		let before = await inboxes();
		r = await c.zone1.post(`/api/plans/${plan.id}/submit`, {});
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.revision.status, 'submitted');
		assert.equal(r.json.revision_status, 'submitted');
		assert.deepEqual(grew(before, await inboxes()), { office1: 1, office3: 1 });
		assert.equal((await newest(c.office1)).title, `计划修订（第2版）待审核：第2条「${t2.title}」（${h.ORG.econ}）`);
		h.assertError(await c.zone1.put(`/api/plans/${plan.id}`, { milestones: ms }), 409, 'plan_under_review');
		h.assertError(await c.zone1.del(`/api/plans/${plan.id}/revision`), 409, 'invalid_state');
		const pending = await c.office1.get('/api/plans?review=pending');
		assert.deepEqual(pending.json.items.map((p) => [p.id, p.status, p.revision_status]), [[plan.id, 'approved', 'submitted']]);
		// the queue says when the revision was submitted, not the plan first
		assert.equal(pending.json.items[0].revision_submitted_at, r.json.revision.submitted_at);
		assert.ok(pending.json.items[0].revision_submitted_at);
		// still counted while it waits
		assert.equal(await overdueOnBoard(), 1);

		// returned: the zone hears, the plan is unchanged
		before = await inboxes();
		r = await c.office1.post(`/api/plans/${plan.id}/return`, { comment: '逾期节点不能直接删除' });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.revision.status, 'returned');
		assert.equal(r.json.revision.review_comment, '逾期节点不能直接删除');
		assert.deepEqual(grew(before, await inboxes()), { zone1: 1, zone1b: 1 });
		assert.equal((await newest(c.zone1)).kind, 'revision_returned');
		assert.equal((await c.zone1.get('/api/plans?review=returned')).json.total, 1);
		assert.equal(await overdueOnBoard(), 1);
	});

	test('the office approves the revision: the milestone with reports is closed with its reason and stays readable; the other is gone', T, async () => {
		// the zone keeps the late one this time and closes the reported one
		const ms = body(plan);
		let r = await c.zone1.put(`/api/plans/${plan.id}`, {
			milestones: [{ ...ms[1], weight: 40 }, { ...ms[2], weight: 60 }],
			closed: [{ id: late.id, reason: '已并入组织实施节点' }],
		});
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.revision.status, 'returned'); // stays returned until submitted again
		await c.zone1.post(`/api/plans/${plan.id}/submit`, {});
		const before = await inboxes();
		const auditBefore = await auditCount();
		r = await c.office3.post(`/api/plans/${plan.id}/approve`, { comment: '同意调整' });
		assert.equal(r.status, 200, r.text);
		assert.equal(await auditCount(), auditBefore + 1);
		assert.deepEqual(grew(before, await inboxes()), { zone1: 1, zone1b: 1 });
		assert.equal((await newest(c.zone1)).kind, 'revision_approved');
		assert.equal(r.json.version, 2);
		assert.equal(r.json.revision, null);
		assert.equal(r.json.review_comment, '同意调整');
		assert.deepEqual(r.json.milestones.map((m) => [m.id, m.weight]), [[lateNoReport.id, 40], [plan.milestones[2].id, 60]]);
		assert.deepEqual(r.json.closed_milestones.map((m) => [m.id, m.state, m.closed_reason]), [[late.id, 'closed', '已并入组织实施节点']]);
		// completion over the ruling milestones: (40×0 + 60×100) / 100
		assert.equal(r.json.completion_bp, 6000);
		// the closed milestone and its report and evidence remain for everyone who may read them
		const m = await c.office1.get(`/api/milestones/${late.id}`);
		assert.equal(m.status, 200);
		assert.equal(m.json.milestone.state, 'closed');
		assert.equal(m.json.reports.length, 1);
		assert.equal((await c.super1.get(`/api/evidence/${evidence.id}`)).status, 200);
		// it takes no more reports
		h.assertError(await c.zone1.post(`/api/milestones/${late.id}/reports`, { status: 'done', percent: 100, narrative: 'x' }), 409, 'milestone_closed');
		// the versions keep both approvals
		const v = await c.office1.get(`/api/plans/${plan.id}/versions`);
		assert.deepEqual(v.json.items.map((x) => [x.version, x.milestones.length]), [[2, 2], [1, 3]]);
		plan = r.json;
	});

	test('a revision draft may be discarded by the zone; nothing else can be discarded', T, async () => {
		const ms = body(plan);
		ms[0].due_date = day(30);
		let r = await c.zone1.put(`/api/plans/${plan.id}`, { milestones: ms });
		assert.equal(r.json.revision.status, 'draft');
		// another organization's plan answers as a missing one (DECISIONS 61)
		h.assertError(await c.zone2.del(`/api/plans/${plan.id}/revision`), 404, 'not_found');
		h.assertError(await c.office1.del(`/api/plans/${plan.id}/revision`), 403, 'forbidden');
		r = await c.zone1.del(`/api/plans/${plan.id}/revision`);
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.revision, null);
		assert.equal(r.json.milestones[0].due_date, lateNoReport.due_date);
		r = await c.zone1.del(`/api/plans/${plan.id}/revision`);
		h.assertError(r, 409, 'invalid_state');
		// said as what it is: there is no revision, not one in the wrong state
		assert.equal(r.json.error.message, '计划没有修订，无需撤销');
		// a query with an empty segment, as a hand-built link may have, is read as without it
		r = await c.zone1.get(`/api/plans?&page=1&=x`);
		assert.equal(r.status, 200, r.text);
		h.assertError(await c.zone1.post(`/api/plans/${plan.id}/submit`, {}), 409, 'invalid_state');
		h.assertError(await c.office1.post(`/api/plans/${plan.id}/approve`, {}), 409, 'invalid_state');
		const a = await c.auditor1.get(`/api/audit?entity_type=plan&entity_id=${plan.id}&page_size=1`);
		assert.equal(a.json.items[0].action, 'discard_revision');
	});

	test('nobody approves or accepts what they submitted, whatever their role is now', T, async () => {
		const r0 = await c.turncoat.post('/api/plans', {
			task_id: t1.id,
			milestones: [{ title: '方案', deliverable: '文本', start_date: day(-5), due_date: day(20), weight: 100 }],
		});
		assert.equal(r0.status, 201, r0.text);
		const own = r0.json;
		assert.equal((await c.turncoat.post(`/api/plans/${own.id}/submit`, {})).status, 200);
		// made an office user with every organization in scope
		await h.sqlOk(srv.db, "UPDATE app_user SET role = 'office', data_scope = 'all' WHERE username = 'turncoat'");
		const tc = new h.Client(srv);
		await tc.login('turncoat');
		const before = await auditCount();
		h.assertError(await tc.post(`/api/plans/${own.id}/approve`, {}), 403, 'own_submission');
		h.assertError(await tc.post(`/api/plans/${own.id}/return`, { comment: '自己退回' }), 403, 'own_submission');
		h.assertError(await tc.post('/api/plans/approve', { ids: [own.id] }), 403, 'own_submission', '/ids/0');
		assert.equal(await auditCount(), before);
		// someone else may
		let r = await c.office1.post(`/api/plans/${own.id}/approve`, {});
		assert.equal(r.status, 200, r.text);
		// its own revision, and its own report, likewise
		await h.sqlOk(srv.db, "UPDATE app_user SET role = 'zone', data_scope = 'org' WHERE username = 'turncoat'");
		await tc.login('turncoat');
		r = await tc.put(`/api/plans/${own.id}`, { milestones: [{ ...body(r.json)[0], due_date: day(25) }] });
		assert.equal(r.status, 200, r.text);
		assert.equal((await tc.post(`/api/plans/${own.id}/submit`, {})).status, 200);
		r = await tc.post(`/api/milestones/${r.json.milestones[0].id}/reports`, { status: 'in_progress', percent: 20, narrative: '推进中' });
		assert.equal(r.status, 201, r.text);
		const rep = r.json;
		await h.sqlOk(srv.db, "UPDATE app_user SET role = 'office', data_scope = 'all' WHERE username = 'turncoat'");
		await tc.login('turncoat');
		h.assertError(await tc.post(`/api/plans/${own.id}/approve`, {}), 403, 'own_submission');
		h.assertError(await tc.post(`/api/reports/${rep.id}/accept`, {}), 403, 'own_submission');
		h.assertError(await tc.post(`/api/reports/${rep.id}/return`, { comment: 'x' }), 403, 'own_submission');
		h.assertError(await tc.post('/api/reports/accept', { ids: [rep.id] }), 403, 'own_submission', '/ids/0');
		assert.equal((await c.office1.post(`/api/plans/${own.id}/approve`, {})).status, 200);
		assert.equal((await c.office1.post(`/api/reports/${rep.id}/accept`, {})).status, 200);
	});

	test('a scoped reviewer reviews within its scope only: every review route', T, async () => {
		// a plan and a report of zone2 (胜利开发区), outside office3's custom scope and office2's
		let r = await c.zone2.post('/api/plans', {
			task_id: t2.id,
			milestones: [{ title: '方案', deliverable: '文本', start_date: day(-5), due_date: day(20), weight: 100 }],
		});
		assert.equal(r.status, 201, r.text);
		const p2 = r.json;
		await c.zone2.post(`/api/plans/${p2.id}/submit`, {});
		const before = await auditCount();
		// outside the scope a plan answers as a missing one: 404, or 400 at its place in a batch
		for (const reviewer of [c.office2, c.office3]) {
			h.assertError(await reviewer.post(`/api/plans/${p2.id}/approve`, {}), 404, 'not_found');
			h.assertError(await reviewer.post(`/api/plans/${p2.id}/return`, { comment: 'x' }), 404, 'not_found');
			h.assertError(await reviewer.post('/api/plans/approve', { ids: [p2.id] }), 400, 'invalid_value', '/ids/0');
		}
		assert.equal((await c.office1.post(`/api/plans/${p2.id}/approve`, {})).status, 200);
		r = await c.zone2.post(`/api/milestones/${(await c.zone2.get(`/api/plans/${p2.id}`)).json.milestones[0].id}/reports`, {
			status: 'in_progress',
			percent: 30,
			narrative: '推进中',
		});
		assert.equal(r.status, 201, r.text);
		const rep2 = r.json;
		const audit2 = await auditCount();
		for (const reviewer of [c.office2, c.office3]) {
			h.assertError(await reviewer.post(`/api/reports/${rep2.id}/accept`, {}), 404, 'not_found');
			h.assertError(await reviewer.post(`/api/reports/${rep2.id}/return`, { comment: 'x' }), 404, 'not_found');
			h.assertError(await reviewer.post('/api/reports/accept', { ids: [rep2.id] }), 400, 'invalid_value', '/ids/0');
			assert.equal((await reviewer.get('/api/reports?state=submitted')).json.items.some((x) => x.id === rep2.id), false);
		}
		assert.equal(await auditCount(), audit2);
		assert.equal(before + 1 + 1, audit2); // the approval and the report
		// within its scope office3 reviews: a report of the economic zone
		r = await c.zone1.post(`/api/milestones/${plan.milestones[0].id}/reports`, { status: 'in_progress', percent: 50, narrative: '台账建立中' });
		assert.equal(r.status, 201, r.text);
		const told = await inboxes();
		assert.equal((await c.office3.post(`/api/reports/${r.json.id}/return`, { comment: '请附台账' })).status, 200);
		assert.deepEqual(grew(told, await inboxes()), { zone1: 1, zone1b: 1 });
		const back = await newest(c.zone1b);
		assert.equal(back.kind, 'report_returned');
		assert.equal(back.actor_name, c.office3.user.display_name);
		assert.equal((await c.office1.post(`/api/reports/${rep2.id}/return`, { comment: '请补充材料' })).status, 200);
	});

	test('batch 通过: each approved and told on its own; one refusal writes nothing', T, async () => {
		// two submitted reports of the economic zone and one of zone2
		const m0 = plan.milestones[0].id;
		const mk = async (client, mid, pct) => (await client.post(`/api/milestones/${mid}/reports`, { status: 'in_progress', percent: pct, narrative: `进度${pct}` })).json;
		const a = await mk(c.zone1, m0, 60);
		const b = await mk(c.zone1, m0, 70);
		const p2 = (await c.office1.get(`/api/plans?org_id=${ids[h.ORG.shengli]}`)).json.items[0];
		const m2 = (await c.zone2.get(`/api/plans/${p2.id}`)).json.milestones[0].id;
		const z = await mk(c.zone2, m2, 40);
		// office3 may not review zone2's: the whole batch is refused before anything is written
		const rows = await inboxRows();
		const auditBefore = await auditCount();
		h.assertError(await c.office3.post('/api/reports/accept', { ids: [a.id, z.id] }), 400, 'invalid_value', '/ids/1');
		assert.deepEqual([await inboxRows(), await auditCount()], [rows, auditBefore]);
		// halfway: the second is already reviewed
		await c.office1.post(`/api/reports/${z.id}/return`, { comment: '退回' });
		const rows2 = await inboxRows();
		const audit2 = await auditCount();
		let r = await c.office1.post('/api/reports/accept', { ids: [a.id, z.id], comment: '批量通过' });
		h.assertError(r, 409, 'invalid_state', '/ids/1');
		assert.equal(await inboxRows(), rows2);
		assert.equal(await auditCount(), audit2);
		assert.equal((await c.office1.get(`/api/reports?state=submitted&org_id=${ids[h.ORG.econ]}`)).json.items.some((x) => x.id === a.id), true);
		h.assertError(await c.office1.post('/api/reports/accept', { ids: [] }), 400, 'missing_field', '/ids');
		h.assertError(await c.office1.post('/api/reports/accept', { ids: [999999] }), 400, 'invalid_value', '/ids/0');
		// all good: both accepted, two audit records, each told (the zone's two accounts, twice)
		const before2 = await inboxes();
		r = await c.office1.post('/api/reports/accept', { ids: [a.id, b.id], comment: '批量通过' });
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(r.json.items.map((x) => [x.id, x.state, x.review_comment]), [[a.id, 'accepted', '批量通过'], [b.id, 'accepted', '批量通过']]);
		assert.equal(await auditCount(), audit2 + 2);
		assert.deepEqual(grew(before2, await inboxes()), { zone1: 2, zone1b: 2 });
		const accepts = await c.auditor1.get('/api/audit?entity_type=report&action=accept&page_size=2');
		assert.deepEqual(accepts.json.items.map((x) => Number(x.entity_id)).sort(), [a.id, b.id].sort());

		// plans: two zones' plans submitted, approved at once
		const mkPlan = async (client, orgId, task) => {
			const x = await client.post('/api/plans', {
				task_id: task.id,
				org_id: orgId,
				milestones: [{ title: '方案', deliverable: '文本', start_date: day(-1), due_date: day(30), weight: 100 }],
			});
			assert.equal(x.status, 201, x.text);
			assert.equal((await client.post(`/api/plans/${x.json.id}/submit`, {})).status, 200);
			return x.json;
		};
		const t4 = (await c.office1.get('/api/tasks?article=4')).json.items[0];
		const pa = await mkPlan(c.zone1, ids[h.ORG.econ], t4);
		const pb = await mkPlan(c.zone2, ids[h.ORG.shengli], t4);
		const draft = (await c.zone1.post('/api/plans', {
			task_id: (await c.office1.get('/api/tasks?article=5')).json.items[0].id,
			milestones: [{ title: '方案', deliverable: '文本', start_date: day(-1), due_date: day(30), weight: 100 }],
		})).json;
		const audit3 = await auditCount();
		h.assertError(await c.office1.post('/api/plans/approve', { ids: [pa.id, draft.id] }), 409, 'invalid_state', '/ids/1');
		assert.equal(await auditCount(), audit3);
		assert.equal((await c.office1.get(`/api/plans/${pa.id}`)).json.status, 'submitted');
		const before3 = await inboxes();
		r = await c.office1.post('/api/plans/approve', { ids: [pa.id, pb.id], comment: '同意' });
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(r.json.items.map((p) => [p.id, p.status, p.review_comment]), [[pa.id, 'approved', '同意'], [pb.id, 'approved', '同意']]);
		assert.equal(await auditCount(), audit3 + 2);
		assert.deepEqual(grew(before3, await inboxes()), { zone1: 1, zone1b: 1, zone2: 1 });
	});

	test('我的待办 counts what its links list, for each role', T, async () => {
		// office1: the plans and reports waiting, notices replied and late
		let r = await c.zone1.post('/api/plans', {
			task_id: (await c.office1.get('/api/tasks?article=6')).json.items[0].id,
			milestones: [{ title: '方案', deliverable: '文本', start_date: day(-1), due_date: day(3), weight: 100 }],
		});
		const p6 = r.json;
		await c.zone1.post(`/api/plans/${p6.id}/submit`, {});
		let o = await todos(c.office1);
		assert.deepEqual(Object.keys(o), ['plans_to_review', 'reports_to_review', 'notices_to_close', 'notices_overdue', 'power_proposals', 'problems_open', 'rules_overdue', 'invest_stalled', 'industry_exceptions', 'land_cases_overdue', 'assess_appeals_open', 'pay_plans_to_ack', 'platform_over_lines', 'kpi_below_floor']);
		assert.equal(o.plans_to_review.count, (await c.office1.get('/api/plans?review=pending')).json.total);
		assert.equal(o.plans_to_review.count, 1);
		assert.equal(o.plans_to_review.link, '/plans?review=pending');
		assert.equal(o.plans_to_review.label, '计划待审核');
		assert.equal(o.reports_to_review.count, (await c.office1.get('/api/reports?state=submitted')).json.total);
		assert.equal(o.reports_to_review.link, '/reports?state=submitted');
		assert.equal((await todos(c.office2)).plans_to_review.count, 0); // outside its scope
		assert.equal((await todos(c.office3)).plans_to_review.count, 1);

		// notices: one late without a reply, one replied
		const mk = async (due) => (await c.office1.post('/api/notices', { org_id: ids[h.ORG.econ], task_id: t2.id, subject: '督办', body: '请落实', reply_due: due })).json;
		const n1 = await mk(day(5));
		const n2 = await mk(day(5));
		await h.sqlOk(srv.db, `UPDATE supervision_notice SET reply_due = '${day(-2)}' WHERE id = ${n1.id}`);
		// signed for (签收) first, then replied
		assert.equal((await c.zone1.post(`/api/notices/${n2.id}/receive`, {})).status, 200);
		assert.equal((await c.zone1.post(`/api/notices/${n2.id}/reply`, { reply: '已落实' })).status, 200);
		o = await todos(c.office1);
		assert.equal(o.notices_to_close.count, 1);
		assert.equal(o.notices_to_close.count, (await c.office1.get('/api/notices?to_close=1')).json.total);
		assert.equal(o.notices_overdue.count, 1);
		assert.equal(o.notices_overdue.count, (await c.office1.get('/api/notices?overdue=1')).json.total);

		// zone1: returned, to reply, due soon, late, still to write
		await c.office1.post(`/api/plans/${p6.id}/return`, { comment: '请补充' });
		const z = await todos(c.zone1);
		assert.deepEqual(Object.keys(z), ['plans_returned', 'reports_returned', 'milestones_due_soon', 'milestones_overdue', 'plans_to_write', 'notices_to_reply', 'powers_to_accept', 'invest_stalled', 'land_cases_open', 'space_matches_pending', 'kpi_below_floor', 'budget_projects_poor']);
		assert.equal(z.plans_returned.count, 1);
		assert.equal(z.plans_returned.count, (await c.zone1.get('/api/plans?review=returned')).json.total);
		assert.equal(z.reports_returned.count, (await c.zone1.get(`/api${z.reports_returned.link}`)).json.total);
		assert.equal(z.reports_returned.count, 0); // the returned one was followed by newer reports
		assert.equal(z.milestones_due_soon.count, (await c.zone1.get('/api/milestones?state=due_soon')).json.total);
		assert.equal(z.milestones_overdue.count, (await c.zone1.get('/api/milestones?state=overdue')).json.total);
		assert.equal(z.milestones_overdue.count, 1); // lateNoReport
		assert.equal(z.notices_to_reply.count, 1); // n1, not the replied one
		assert.equal(z.notices_to_reply.count, (await c.zone1.get('/api/notices?awaiting=1')).json.total);
		const missing = await c.zone1.get('/api/tasks?plan=missing&page_size=50');
		assert.equal(z.plans_to_write.count, missing.json.total);
		// the seed names the economic zone responsible for 16 articles; it has plans for 2, 4, 5, 6
		const responsible = (await c.zone1.get(`/api/tasks?org_id=${ids[h.ORG.econ]}&role=responsible&page_size=50`)).json.total;
		assert.equal(z.plans_to_write.count, responsible - 4);
		assert.ok(missing.json.items.every((t) => ![2, 4, 5, 6].includes(t.article_number)));
		h.assertError(await c.zone1.get('/api/tasks?plan=some'), 400, 'invalid_parameter', 'plan');

		// county1: its zone below it (高新区) has no plan yet for what it is responsible for
		const cty = await todos(c.county1);
		assert.equal(cty.plans_to_write.count, (await c.county1.get('/api/tasks?plan=missing&page_size=50')).json.total);
		assert.ok(cty.plans_to_write.count > 0);
		// a department: only the notices to reply to; the admin: nothing
		assert.deepEqual(Object.keys(await todos(c.admin)), []);

		// auditor: the chain never verified, then verified (recorded), then records since
		let a = (await todos(c.auditor1)).audit_chain;
		assert.equal(a.level, 'warning');
		assert.equal(a.detail, '尚未校验过审计日志链');
		r = await c.auditor1.post('/api/audit/verify', {});
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.ok, true);
		a = (await todos(c.auditor1)).audit_chain;
		assert.equal(a.level, 'success');
		assert.equal(a.count, 0);
		assert.match(a.detail, new RegExp(`^上次校验：\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d，auditor1，${r.json.count}条记录完整$`));
		const v = await c.auditor1.get('/api/audit?action=verify&entity_type=audit_log');
		assert.equal(v.json.items[0].username, 'auditor1');
		assert.equal(v.json.items[0].after.count, r.json.count);
		await c.zone1.post(`/api/plans/${p6.id}/submit`, {});
		assert.equal((await todos(c.auditor1)).audit_chain.count, 1);
		// GET only answers
		const n = await auditCount();
		assert.equal((await c.auditor1.get('/api/audit/verify')).status, 200);
		assert.equal(await auditCount(), n);
		assert.equal((await todos(c.super1)).audit_chain.count, 1);
	});

	test('filtering tasks by a zone shows the zone’s own figures, as its page does', T, async () => {
		const econ = ids[h.ORG.econ];
		const page = (await c.office1.get(`/api/board?org_id=${econ}`)).json;
		const own = (await c.office1.get(`/api/tasks?org_id=${econ}&page_size=50`)).json.items;
		const lateTasks = (await c.office1.get(`/api/tasks?org_id=${econ}&state=overdue&page_size=50`)).json;
		// the zone page's tasks with plans, completion and late counts are the list's
		for (const t of page.tasks.filter((x) => x.plans > 0)) {
			const row = own.find((x) => x.id === t.id);
			assert.deepEqual(row.progress, { completion_bp: t.completion_bp, overdue: t.overdue, plans: t.plans, missing: 0, state: row.progress.state });
		}
		assert.equal(lateTasks.items.reduce((n, t) => n + t.progress.overdue, 0), page.zones[0].overdue);
		assert.deepEqual(lateTasks.items.map((t) => t.article_number), [2]);
		// zone2's plan of the same task made late through a revision: the city-wide figure counts
		// both zones, the economic zone's list still its own one
		const p2 = (await c.office1.get(`/api/plans?org_id=${ids[h.ORG.shengli]}&task_id=${t2.id}`)).json.items[0];
		const ms2 = body((await c.zone2.get(`/api/plans/${p2.id}`)).json);
		ms2[0].start_date = day(-20);
		ms2[0].due_date = day(-1);
		assert.equal((await c.zone2.put(`/api/plans/${p2.id}`, { milestones: ms2 })).status, 200);
		assert.equal((await c.zone2.post(`/api/plans/${p2.id}/submit`, {})).status, 200);
		assert.equal((await c.office1.post(`/api/plans/${p2.id}/approve`, {})).status, 200);
		const city = (await c.office1.get('/api/tasks?state=overdue&page_size=50')).json.items.find((t) => t.article_number === 2);
		assert.equal(city.progress.overdue, 2);
		const mine = (await c.office1.get(`/api/tasks?org_id=${econ}&state=overdue&page_size=50`)).json.items;
		assert.deepEqual(mine.map((t) => [t.article_number, t.progress.overdue]), [[2, 1]]);
		// a department asked for by name keeps the city-wide figures of the tasks it leads
		const fgw = (await c.office1.get(`/api/tasks?org_id=${ids['市发改委']}&role=lead&page_size=50`)).json.items.find((t) => t.article_number === 2);
		assert.equal(fgw.progress.plans, 2);
	});

	test('a finished milestone takes no new report, and a report still waiting when another finished it is returned, not accepted', T, async () => {
		const t4 = (await c.office1.get('/api/tasks?article=4')).json.items[0];
		const pa = (await c.office1.get(`/api/plans?org_id=${ids[h.ORG.econ]}&task_id=${t4.id}`)).json.items[0];
		const ms = (await c.zone1.get(`/api/plans/${pa.id}`)).json.milestones[0];
		assert.equal((await c.zone1.get(`/api/milestones/${ms.id}`)).json.may_report, true);
		// the office reviews progress, it does not report it
		assert.equal((await c.office1.get(`/api/milestones/${ms.id}`)).json.may_report, false);
		let r = await c.zone1.post(`/api/milestones/${ms.id}/reports`, { status: 'in_progress', percent: 60, narrative: '推进中' });
		assert.equal(r.status, 201, r.text);
		const waiting = r.json;
		r = await c.zone1.post(`/api/milestones/${ms.id}/reports`, { status: 'done', percent: 100, narrative: '方案已印发' });
		assert.equal(r.status, 201, r.text);
		assert.equal((await c.office1.post(`/api/reports/${r.json.id}/accept`, {})).status, 200);
		const finished = async () => {
			const x = (await c.zone1.get(`/api/milestones/${ms.id}`)).json;
			return [x.milestone.status, x.milestone.percent, x.milestone.done_date, x.milestone.state, x.may_report];
		};
		assert.deepEqual(await finished(), ['done', 100, day(0), 'done', false]);
		// the review queue says its milestone is finished
		const queued = (await c.office1.get(`/api/reports?state=submitted&task_id=${t4.id}`)).json.items;
		assert.deepEqual(queued.map((x) => [x.id, x.milestone_status]), [[waiting.id, 'done']]);
		// accepting the older report would take the milestone back to 60%: refused alone and in a
		// batch, and nothing is written
		const audits = await auditCount();
		const rows = await inboxRows();
		r = h.assertError(await c.office1.post(`/api/reports/${waiting.id}/accept`, {}), 409, 'milestone_done', null);
		assert.equal(r.json.error.message, '该节点已完成，不能再通过其他进展报告，请退回该报告');
		h.assertError(await c.office1.post('/api/reports/accept', { ids: [waiting.id] }), 409, 'milestone_done', '/ids/0');
		assert.deepEqual([await auditCount(), await inboxRows()], [audits, rows]);
		assert.deepEqual(await finished(), ['done', 100, day(0), 'done', false]);
		assert.equal((await c.office1.post(`/api/reports/${waiting.id}/return`, { comment: '节点已完成' })).status, 200);
		// a new report on it is refused, whatever it says
		for (const body of [
			{ status: 'in_progress', percent: 80, narrative: '补充' },
			{ status: 'done', percent: 100, narrative: '再次报送' },
		]) {
			r = h.assertError(await c.zone1.post(`/api/milestones/${ms.id}/reports`, body), 409, 'milestone_done', null);
			assert.equal(r.json.error.message, '该节点已完成，不能再填报进展');
		}
		assert.equal(await auditCount(), audits + 1); // the return
		assert.deepEqual(await finished(), ['done', 100, day(0), 'done', false]);
	});

	test('reports accepted out of order: the milestone shows the newest accepted, alone and in a batch', T, async () => {
		const t9 = (await c.office1.get('/api/tasks?article=9')).json.items[0];
		let r = await c.zone1.post('/api/plans', {
			task_id: t9.id,
			milestones: [{ title: '方案', deliverable: '文本', start_date: day(-1), due_date: day(30), weight: 100 }],
		});
		assert.equal(r.status, 201, r.text);
		assert.equal((await c.zone1.post(`/api/plans/${r.json.id}/submit`, {})).status, 200);
		r = await c.office1.post(`/api/plans/${r.json.id}/approve`, {});
		assert.equal(r.status, 200, r.text);
		const ms = r.json.milestones[0];
		const report = async (status, percent, narrative) => {
			const r = await c.zone1.post(`/api/milestones/${ms.id}/reports`, { status, percent, narrative });
			assert.equal(r.status, 201, r.text);
			return r.json.id;
		};
		const progress = async () => {
			const m = (await c.zone1.get(`/api/milestones/${ms.id}`)).json.milestone;
			return [m.status, m.percent];
		};
		// Monday's report, then Wednesday's blockage, reviewed the blockage first: Monday's,
		// accepted after it, is true of its day but does not take the blockage away (DECISIONS 300)
		const monday = await report('in_progress', 40, '周一：完成40%');
		const wednesday = await report('blocked', 45, '周三：受阻，征地未完成');
		assert.equal((await c.office1.post(`/api/reports/${wednesday}/accept`, {})).status, 200);
		assert.deepEqual(await progress(), ['blocked', 45]);
		r = await c.office1.post(`/api/reports/${monday}/accept`, {});
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.state, 'accepted');
		assert.deepEqual(await progress(), ['blocked', 45]);
		// a batch in any order of its ids: the newest report is what the milestone shows
		const first = await report('in_progress', 50, '恢复推进');
		const second = await report('in_progress', 30, '复核后回调为30%');
		r = await c.office1.post('/api/reports/accept', { ids: [second, first] });
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(await progress(), ['in_progress', 30]);
	});

	test('a report still waiting on a milestone a revision closed is returned with the reason, not accepted', T, async () => {
		// an approved plan of two milestones
		const t7 = (await c.office1.get('/api/tasks?article=7')).json.items[0];
		let r = await c.zone1.post('/api/plans', {
			task_id: t7.id,
			milestones: [
				{ title: '方案', deliverable: '文本', start_date: day(-1), due_date: day(30), weight: 50 },
				{ title: '试点', deliverable: '试点报告', start_date: day(-1), due_date: day(60), weight: 50 },
			],
		});
		assert.equal(r.status, 201, r.text);
		const pa = r.json;
		assert.equal((await c.zone1.post(`/api/plans/${pa.id}/submit`, {})).status, 200);
		r = await c.office1.post(`/api/plans/${pa.id}/approve`, {});
		assert.equal(r.status, 200, r.text);
		const ms = body(r.json);
		const closing = r.json.milestones[1];
		r = await c.zone1.post(`/api/milestones/${closing.id}/reports`, { status: 'in_progress', percent: 30, narrative: '已启动' });
		assert.equal(r.status, 201, r.text);
		const waiting = r.json;
		// the zone closes that milestone in a revision, the office approves it while the report waits
		const kept = ms.filter((m) => m.id !== closing.id);
		kept[kept.length - 1].weight += closing.weight;
		r = await c.zone1.put(`/api/plans/${pa.id}`, { milestones: kept, closed: [{ id: closing.id, reason: '改由市级统一实施' }] });
		assert.equal(r.status, 200, r.text);
		assert.equal((await c.zone1.post(`/api/plans/${pa.id}/submit`, {})).status, 200);
		r = await c.office1.post(`/api/plans/${pa.id}/approve`, {});
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(r.json.closed_milestones.map((m) => [m.id, m.closed_reason]), [[closing.id, '改由市级统一实施']]);
		const state = async () => {
			const x = (await c.office1.get(`/api/milestones/${closing.id}`)).json;
			return [x.milestone.state, x.milestone.status, x.milestone.percent, x.reports.map((y) => [y.id, y.state])];
		};
		const was = await state();
		assert.deepEqual(was, ['closed', closing.status, closing.percent, [[waiting.id, 'submitted']]]);
		// the review queue and the report say why it cannot be accepted
		const queued = (await c.office1.get(`/api/reports?state=submitted&task_id=${t7.id}`)).json.items;
		assert.deepEqual(queued.map((x) => [x.id, x.milestone_closed_reason]), [[waiting.id, '改由市级统一实施']]);
		// accepting it would set the progress of a milestone that is no longer in the plan:
		// refused alone and in a batch, and nothing is written
		const audits = await auditCount();
		const rows = await inboxRows();
		const refused = '该节点已被计划修订关闭，不能再通过进展报告，请退回该报告';
		r = h.assertError(await c.office1.post(`/api/reports/${waiting.id}/accept`, {}), 409, 'milestone_closed', null);
		assert.equal(r.json.error.message, refused);
		r = h.assertError(await c.office1.post('/api/reports/accept', { ids: [waiting.id] }), 409, 'milestone_closed', '/ids/0');
		assert.equal(r.json.error.message, refused);
		assert.deepEqual([await auditCount(), await inboxRows(), await state()], [audits, rows, was]);
		// returned, the zone hears why
		r = await c.office1.post(`/api/reports/${waiting.id}/return`, { comment: '该节点已关闭' });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.state, 'returned');
		assert.equal(await auditCount(), audits + 1);
	});

	test('a zone taken off a task keeps its plan and reports readable; reports, changes and approvals wait until it is put back', T, async () => {
		const shengli = ids[h.ORG.shengli];
		const task = (await c.office1.get(`/api/tasks/${t2.id}`)).json;
		const lead = task.lead_orgs.map((o) => o.id);
		const responsible = task.responsible_orgs.map((o) => o.id);
		assert.equal(responsible.includes(shengli), true);
		const setResponsible = async (list) => {
			const x = await c.office1.put(`/api/tasks/${t2.id}/orgs`, { lead_org_ids: lead, responsible_org_ids: list });
			assert.equal(x.status, 200, x.text);
		};
		const p2 = (await c.office1.get(`/api/plans?org_id=${shengli}&task_id=${t2.id}`)).json.items[0];
		let plan2 = (await c.zone2.get(`/api/plans/${p2.id}`)).json;
		assert.equal(plan2.responsible, true);
		const ms = plan2.milestones[0]; // late since yesterday, with reports
		const reports = (await c.zone2.get(`/api/milestones/${ms.id}`)).json.reports.map((x) => x.id);
		assert.equal(reports.length, 2);
		// a revision waiting for the office
		let r = await c.zone2.put(`/api/plans/${p2.id}`, { milestones: body(plan2).map((m) => ({ ...m, deliverable: '方案文本（修订）' })) });
		assert.equal(r.status, 200, r.text);
		assert.equal((await c.zone2.post(`/api/plans/${p2.id}/submit`, {})).status, 200);

		await setResponsible(responsible.filter((x) => x !== shengli));
		plan2 = (await c.zone2.get(`/api/plans/${p2.id}`)).json;
		assert.deepEqual([plan2.status, plan2.responsible, plan2.revision_status, plan2.milestones.map((m) => m.id)], ['approved', false, 'submitted', [ms.id]]);
		const listed = (await c.office1.get(`/api/plans?task_id=${t2.id}`)).json.items.map((p) => [p.org_name, p.responsible]);
		assert.deepEqual(listed, [[h.ORG.econ, true], [h.ORG.shengli, false]]);
		// what it reported stays readable; it reports no more
		const m = (await c.zone2.get(`/api/milestones/${ms.id}`)).json;
		assert.deepEqual([m.reports.map((x) => x.id), m.may_report], [reports, false]);
		const audits = await auditCount();
		r = h.assertError(await c.zone2.post(`/api/milestones/${ms.id}/reports`, { status: 'in_progress', percent: 50, narrative: '继续推进' }), 409, 'no_longer_responsible', null);
		assert.equal(r.json.error.message, '该单位已不是该任务的责任单位，不能再填报进展');
		const refused = `“${h.ORG.shengli}”已不是该任务的责任单位，计划不能再修改、提交或批准`;
		r = h.assertError(await c.office1.post(`/api/plans/${p2.id}/approve`, {}), 409, 'no_longer_responsible', null);
		assert.equal(r.json.error.message, refused);
		r = h.assertError(await c.office1.post('/api/plans/approve', { ids: [p2.id] }), 409, 'no_longer_responsible', '/ids/0');
		assert.equal(r.json.error.message, refused);
		r = h.assertError(await c.zone2.put(`/api/plans/${p2.id}`, { milestones: body(plan2) }), 409, 'no_longer_responsible', null);
		assert.equal(r.json.error.message, refused);
		assert.equal(await auditCount(), audits);
		// nor is it reminded of a late milestone it can no longer report on
		await h.kfqOk(['remind', '--db', srv.db]);
		const reminded = async () => (await c.zone2.get('/api/inbox?page_size=100')).json.items.filter((x) => x.kind === 'overdue' && x.entity_id === ms.id).length;
		assert.equal(await reminded(), 0);

		// put back: it reports, is reminded and its revision is approved again
		await setResponsible(responsible);
		assert.equal((await c.zone2.get(`/api/plans/${p2.id}`)).json.responsible, true);
		assert.equal((await c.zone2.get(`/api/milestones/${ms.id}`)).json.may_report, true);
		r = await c.zone2.post(`/api/milestones/${ms.id}/reports`, { status: 'in_progress', percent: 50, narrative: '继续推进' });
		assert.equal(r.status, 201, r.text);
		await h.kfqOk(['remind', '--db', srv.db]);
		assert.equal(await reminded(), 1);
		r = await c.office1.post(`/api/plans/${p2.id}/approve`, {});
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.milestones[0].deliverable, '方案文本（修订）');
	});
	// DECISIONS 286: 退回待重报 counts a returned report only while its milestone takes another
	test('a returned report whose milestone a revision then closes leaves 退回待重报, and the list it opens', T, async () => {
		const cur = (await c.zone1.get(`/api/plans/${plan.id}`)).json;
		const m = cur.milestones.find((x) => x.status !== 'done');
		let r = await c.zone1.post(`/api/milestones/${m.id}/reports`, { status: 'in_progress', percent: 30, narrative: '推进中' });
		assert.equal(r.status, 201, r.text);
		assert.equal((await c.office1.post(`/api/reports/${r.json.id}/return`, { comment: '请补充佐证' })).status, 200);
		const returned = async () => {
			const z = (await todos(c.zone1)).reports_returned;
			assert.equal(z.link, '/reports?state=returned&latest=1&open=1');
			const list = (await c.zone1.get(`/api${z.link}`)).json;
			return [z.count, list.total, list.items.map((x) => x.milestone_id)];
		};
		assert.deepEqual(await returned(), [1, 1, [m.id]]);

		// the zone closes it by a revision, approved: nothing is left to redo there
		const rest = body(cur).filter((x) => x.id !== m.id);
		rest[0].weight += m.weight;
		r = await c.zone1.put(`/api/plans/${plan.id}`, { milestones: rest, closed: [{ id: m.id, reason: '并入后续节点' }] });
		assert.equal(r.status, 200, r.text);
		assert.equal((await c.zone1.post(`/api/plans/${plan.id}/submit`, {})).status, 200);
		r = await c.office1.post(`/api/plans/${plan.id}/approve`, {});
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(await returned(), [0, 0, []]);
		// the report stays in the history: newest of its milestone, returned
		const all = (await c.zone1.get('/api/reports?state=returned&latest=1')).json.items.map((x) => x.milestone_id);
		assert.ok(all.includes(m.id));
		h.assertError(await c.zone1.get('/api/reports?open=2'), 400, 'invalid_parameter', 'open');
	});
});
