'use strict';
// policy_plan.test.js - from the seed's text to tracked reform: import (18 tasks with their
// units), a zone's 一区一策 plan (validation, submit, approve, history), progress reports with
// evidence files, computed milestone states, completion, the board and exports; every refusal
// leaves nothing written.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./harness');
const { writeXlsx } = require('./xlsx');

const T = { timeout: h.STEP_TIMEOUT };
const SEED = path.join(__dirname, '..', 'data', 'fushun-devzone-reform-draft-2025.txt');

const day = h.day; // today in Asia/Shanghai, plus offset days

const goodPlan = () => [
	{ title: '制定实施方案', deliverable: '方案文本', start_date: day(-60), due_date: day(-10), weight: 30 },
	{ title: '组织实施', deliverable: '实施报告', start_date: day(-9), due_date: day(5), weight: 50 },
	{ title: '总结评估', deliverable: '评估报告', start_date: day(6), due_date: day(90), weight: 20 },
];

const upload = (client, name, buf) =>
	client.post(`/api/evidence?name=${encodeURIComponent(name)}`, buf, {
		raw: true,
		contentType: 'application/octet-stream',
	});

describe('policy import, plans and progress', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, ids, tasks, plan;

	before(async () => {
		srv = await h.startServer();
		c = await h.loginAll(srv, ['office1', 'zone1', 'zone2', 'auditor1', 'super1']);
		ids = await h.orgIds(c.office1);
	});

	after(async () => {
		if (srv) await srv.close();
	});

	const auditCount = async () => (await c.auditor1.get('/api/audit?page_size=1')).json.total;

	test('bad policy texts are refused and write nothing', T, async () => {
		const before = await auditCount();
		let r = await c.office1.post('/api/policies', '', { raw: true, contentType: 'text/plain' });
		h.assertError(r, 400, 'invalid_policy_text');
		r = await c.office1.post('/api/policies', Buffer.from([0, 1, 2, 0xff, 0, 7, 0, 0]), {
			raw: true,
			contentType: 'application/octet-stream',
		});
		h.assertError(r, 400, 'invalid_policy_text');
		r = await c.zone1.post('/api/policies', fs.readFileSync(SEED), { raw: true, contentType: 'text/plain' });
		h.assertError(r, 403, 'forbidden');
		assert.equal(await auditCount(), before);
		assert.equal((await c.office1.get('/api/policies')).json.total, 0);
	});

	test('preview parses and resolves without writing', T, async () => {
		const r = await c.office1.post('/api/policies/preview', fs.readFileSync(SEED), {
			raw: true,
			contentType: 'text/plain',
		});
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.tasks.length, 18);
		assert.equal(r.json.policy.id, 0);
		assert.equal((await c.office1.get('/api/policies')).json.total, 0);
	});

	test('importing the seed makes 18 tasks with the units a careful reader assigns', T, async () => {
		const before = await auditCount();
		const r = await c.office1.post('/api/policies', fs.readFileSync(SEED), { raw: true, contentType: 'text/plain' });
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.policy.n_tasks, 18);
		assert.equal(r.json.policy.window_start, '2025-06-23');
		assert.equal(r.json.policy.window_end, '2025-06-25');
		assert.equal(r.json.policy.issuer, '抚顺市商务局');
		// the answer names the time of import, as the list does
		assert.equal(r.json.policy.created_at, (await c.office1.get('/api/policies')).json.items[0].created_at);
		assert.match(r.json.policy.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
		// one record for the policy, one per task and one per capability grant its articles
		// seed (art. 7: 1, art. 6: 1, art. 5: 1, art. 14: 4, art. 4's 市直相关部门 but its lead: 11,
		// art. 4's lead publish_power_list: 1, art. 3's lead approve_duty_list: 1, art. 2's leads manage_land: 2, art. 12's
		// responsible department supervise_platform: 1, art. 15's lead
		// record_leader_action: 1), in the same transaction
		assert.equal(await auditCount(), before + 19 + 24);
		const again = await c.office1.post('/api/policies', fs.readFileSync(SEED), { raw: true, contentType: 'text/plain' });
		h.assertError(again, 409, 'policy_exists');
		// the same text saved again by another editor is the same text: with a BOM and CRLF line
		// ends (Windows Notepad), or as UTF-16 (WPS's "Unicode")
		const text = fs.readFileSync(SEED, 'utf8');
		const notepad = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text.replace(/\n/g, '\r\n'))]);
		const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
		// … or with a blank line more or less around it, or spaces left at its lines' ends
		const spaced = Buffer.from(text.split('\n').map((l) => (l ? `${l}  ` : l)).join('\n'));
		const blankLines = [Buffer.from(`\n${text}\n\n`), Buffer.from(text.trimEnd())];
		for (const buf of [notepad, utf16, spaced, ...blankLines])
			h.assertError(await c.office1.post('/api/policies', buf, { raw: true, contentType: 'text/plain' }), 409, 'policy_exists');
		assert.equal((await c.office1.get('/api/policies')).json.total, 1);
		// a policy imported before kept its bytes' hash: those bytes are still refused
		const stored = await h.sqlOk(srv.db, 'SELECT source_sha256 FROM policy');
		const raw = require('node:crypto').createHash('sha256').update(notepad).digest('hex');
		await h.sqlOk(srv.db, `UPDATE policy SET source_sha256 = '${raw}'`);
		h.assertError(await c.office1.post('/api/policies', notepad, { raw: true, contentType: 'text/plain' }), 409, 'policy_exists');
		await h.sqlOk(srv.db, `UPDATE policy SET source_sha256 = '${stored.trim()}'`);
		assert.equal((await c.office1.get('/api/policies')).json.total, 1);

		const list = await c.zone1.get('/api/tasks?page_size=50');
		assert.equal(list.status, 200);
		assert.equal(list.json.total, 18);
		tasks = list.json.items;
		const t2 = tasks.find((t) => t.article_number === 2);
		assert.equal(t2.title, '聚焦主责主业');
		assert.deepEqual(t2.lead_orgs.map((o) => o.name), ['市发改委', '市自然资源局']);
		assert.deepEqual(t2.lead_units, ['市发改委', '市自然资源局']);
		assert.equal(t2.responsible_orgs.length, 14);
		assert.ok(t2.responsible_orgs.some((o) => o.name === h.ORG.econ));
		const t1 = tasks.find((t) => t.article_number === 1);
		assert.deepEqual(t1.lead_orgs.map((o) => o.name), ['市商务局']);
		assert.equal(t1.responsible_orgs.length, 4); // every zone (provincial and national)
		const f = await c.zone1.get(`/api/tasks?org_id=${ids['市数据局']}&role=lead`);
		assert.deepEqual(f.json.items.map((t) => t.article_number), [4]);
		const x = await c.office1.get('/api/tasks/export.xlsx');
		assert.equal(x.status, 200);
		assert.equal(x.buf.subarray(0, 2).toString(), 'PK');
		const csv = await c.office1.get('/api/tasks/export.csv');
		const lines = csv.text.trim().split('\r\n');
		assert.equal(lines.length, 19); // a header and the 18 tasks
		// each row names its policy first: a draft's and its revision's tasks share numbers
		const pol = (await c.office1.get(`/api/policies/${t2.policy_id}`)).json.policy;
		assert.ok(lines[0].startsWith('政策文件,条目,'));
		assert.equal(lines[2], `${pol.title}（${pol.title_note}）,2,深化事权制度改革,聚焦主责主业,市发改委、市自然资源局,` +
			t2.responsible_orgs.map((o) => o.name).join('、') + ',0,0.00%,0,未启动,11,市发改委、市自然资源局,' +
			'商务局、市科技局、市工信局、各县(区)党委、政府、各省级开发区党工委、管委会' +
			',,,,,单独成行'); // no guide units, scope, deadline or date; the units on lines of their own
		assert.match(csv.headers.get('content-disposition'), /filename\*=UTF-8''%E6%94%B9/);
	});

	test('the office reassigns a task’s units, audited; a bad id is refused', T, async () => {
		const t5 = tasks.find((t) => t.article_number === 5);
		let r = await c.office1.put(`/api/tasks/${t5.id}/orgs`, { lead_org_ids: [999999], responsible_org_ids: [] });
		h.assertError(r, 400, 'invalid_value', '/lead_org_ids/0');
		// a supervisory body watches the tasks; it neither leads nor does one
		r = await c.office1.put(`/api/tasks/${t5.id}/orgs`, { lead_org_ids: [ids['市财政局']], responsible_org_ids: [ids[h.ORG.econ], ids[h.ORG.discipline]] });
		h.assertError(r, 400, 'invalid_value', '/responsible_org_ids/1');
		assert.equal(r.json.error.message, '市纪委监委是监督机构，监督改革任务的落实，不能作为牵头单位或责任单位');
		h.assertError(await c.office1.put(`/api/tasks/${t5.id}/orgs`, { lead_org_ids: [ids[h.ORG.audit]], responsible_org_ids: [] }), 400, 'invalid_value', '/lead_org_ids/0');
		r = await c.office1.put(`/api/tasks/${t5.id}/orgs`, {
			lead_org_ids: [ids['市财政局']],
			responsible_org_ids: [ids[h.ORG.econ], ids[h.ORG.shengli]],
		});
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(r.json.responsible_orgs.map((o) => o.name), [h.ORG.econ, h.ORG.shengli]);
		const a = await c.auditor1.get(`/api/audit?entity_type=task&entity_id=${t5.id}`);
		assert.equal(a.json.items[0].action, 'update_orgs');
		assert.equal(a.json.items[0].before.responsible_orgs.length, 11);
		r = await c.zone1.put(`/api/tasks/${t5.id}/orgs`, { lead_org_ids: [ids['市财政局']], responsible_org_ids: [] });
		h.assertError(r, 403, 'forbidden');
	});

	test('a plan with bad milestones is refused with the field, nothing written', T, async () => {
		const t2 = tasks.find((t) => t.article_number === 2);
		const before = await auditCount();
		const bad1 = goodPlan();
		bad1[2].weight = 25;
		let r = await c.zone1.post('/api/plans', { task_id: t2.id, milestones: bad1 });
		h.assertError(r, 400, 'invalid_plan', '/milestones');
		assert.match(r.json.error.message, /权重之和应为100，当前为105/);
		const bad2 = goodPlan();
		bad2[1].due_date = day(-20);
		r = await c.zone1.post('/api/plans', { task_id: t2.id, milestones: bad2 });
		h.assertError(r, 400, 'invalid_plan', '/milestones/1/due_date');
		const bad3 = goodPlan();
		bad3[0].extra = 1;
		r = await c.zone1.post('/api/plans', { task_id: t2.id, milestones: bad3 });
		h.assertError(r, 400, 'unknown_field', '/milestones/0/extra');
		delete bad3[0].extra;
		bad3[0].weight = '30';
		r = await c.zone1.post('/api/plans', { task_id: t2.id, milestones: bad3 });
		h.assertError(r, 400, 'invalid_type', '/milestones/0/weight');
		// zone1 cannot write for zone2, nor for a task it is not responsible for
		r = await c.zone1.post('/api/plans', { task_id: t2.id, org_id: ids[h.ORG.shengli], milestones: goodPlan() });
		h.assertError(r, 403, 'forbidden');
		const t5 = tasks.find((t) => t.article_number === 5);
		r = await c.office1.get(`/api/tasks/${t5.id}`);
		assert.ok(r.json.responsible_orgs.some((o) => o.id === ids[h.ORG.econ]));
		assert.equal(await auditCount(), before);
		assert.equal((await c.office1.get('/api/plans')).json.total, 0);
	});

	test('zone1 writes, submits; the office approves; changes after approval need approval again', T, async () => {
		const t2 = tasks.find((t) => t.article_number === 2);
		let r = await c.zone1.post('/api/plans', { task_id: t2.id, milestones: goodPlan() });
		assert.equal(r.status, 201, r.text);
		plan = r.json;
		assert.equal(plan.status, 'draft');
		assert.equal(plan.version, 1);
		assert.equal(plan.milestones.length, 3);
		assert.equal(plan.org_name, h.ORG.econ);
		r = await c.zone1.post('/api/plans', { task_id: t2.id, milestones: goodPlan() });
		h.assertError(r, 409, 'plan_exists');
		// zone2 may not read zone1's plan: it answers as a missing one
		h.assertError(await c.zone2.get(`/api/plans/${plan.id}`), 404, 'not_found');
		assert.equal((await c.zone2.get('/api/plans')).json.total, 0);
		// approving a draft is refused; returning needs a comment
		h.assertError(await c.office1.post(`/api/plans/${plan.id}/approve`, {}), 409, 'invalid_state');
		r = await c.zone1.post(`/api/plans/${plan.id}/submit`, {});
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.status, 'submitted');
		h.assertError(await c.zone1.put(`/api/plans/${plan.id}`, { milestones: goodPlan() }), 409, 'plan_under_review');
		h.assertError(await c.zone1.post(`/api/plans/${plan.id}/approve`, {}), 403, 'forbidden');
		h.assertError(await c.office1.post(`/api/plans/${plan.id}/return`, {}), 400, 'missing_field', '/comment');
		r = await c.office1.post(`/api/plans/${plan.id}/approve`, { comment: '同意' });
		assert.equal(r.status, 200);
		assert.equal(r.json.status, 'approved');
		plan = r.json;
	});

	let evidence;

	test('evidence files: checked by content, stored by hash, the hash audited', T, async () => {
		const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
		const before = await auditCount();
		let r = await upload(c.zone1, '假的.pdf', Buffer.from('\x89PNG\r\n\x1a\n0000', 'latin1'));
		h.assertError(r, 415, 'file_type_mismatch', 'name');
		// a workbook renamed .docx is not a Word document; as .xlsx it is taken
		const book = writeXlsx([['进度'], ['80%']]);
		h.assertError(await upload(c.zone1, '进度.docx', book), 415, 'file_type_mismatch', 'name');
		r = await upload(c.zone1, 'run.exe', Buffer.from('MZ....'));
		h.assertError(r, 400, 'invalid_file', 'name');
		r = await upload(c.zone1, '空.pdf', Buffer.alloc(0));
		h.assertError(r, 400, 'invalid_file', 'name');
		assert.equal(await auditCount(), before);
		r = await upload(c.zone1, '实施方案.pdf', pdf);
		assert.equal(r.status, 201, r.text);
		evidence = r.json;
		assert.equal(evidence.sha256, crypto.createHash('sha256').update(pdf).digest('hex'));
		assert.equal(evidence.mime, 'application/pdf');
		assert.equal(evidence.size, pdf.length);
		const a = await c.auditor1.get('/api/audit?entity_type=attachment');
		assert.equal(a.json.items[0].after.entity_type, 'report');
		assert.equal(a.json.items[0].after.sha256, evidence.sha256);
		const d = await c.zone1.get(`/api/evidence/${evidence.id}`);
		assert.equal(d.status, 200);
		assert.deepEqual(d.buf, pdf);
		h.assertError(await c.zone2.get(`/api/evidence/${evidence.id}`), 404, 'not_found');
	});

	test('progress reports: only the plan’s zone reports; the office accepts; completion follows', T, async () => {
		const m0 = plan.milestones[0];
		let r = await c.zone2.post(`/api/milestones/${m0.id}/reports`, { status: 'done', percent: 100, narrative: 'x' });
		h.assertError(r, 404, 'not_found');
		r = await c.zone1.post(`/api/milestones/${m0.id}/reports`, { status: 'done', percent: 80, narrative: '完成' });
		h.assertError(r, 400, 'invalid_value', '/percent');
		// 未开始 is 0 %, as 已完成 is 100 %: a percentage would count in the completion under a
		// status that says nothing was done
		r = await c.zone1.post(`/api/milestones/${m0.id}/reports`, { status: 'not_started', percent: 30, narrative: '尚未启动' });
		h.assertError(r, 400, 'invalid_value', '/percent');
		assert.equal(r.json.error.message, '未开始的节点进度应为0');
		// the narrative's limit is 4000 characters, as the form's counter shows, not bytes
		r = await c.zone1.post(`/api/milestones/${m0.id}/reports`, { status: 'in_progress', percent: 50, narrative: '进'.repeat(4001) });
		h.assertError(r, 400, 'too_long', '/narrative');
		assert.equal(r.json.error.message, '字段 narrative 过长（最多4000字）');
		r = await c.zone1.post(`/api/milestones/${m0.id}/reports`, {
			status: 'done',
			percent: 100,
			narrative: `方案已印发${'。'.repeat(3995)}`,
			evidence_ids: [evidence.id],
		});
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.state, 'submitted');
		assert.equal(r.json.evidence[0].sha256, evidence.sha256);
		const rep = r.json;
		// the same file cannot back a second report
		r = await c.zone1.post(`/api/milestones/${plan.milestones[1].id}/reports`, {
			status: 'in_progress',
			percent: 40,
			narrative: '推进中',
			evidence_ids: [evidence.id],
		});
		h.assertError(r, 400, 'invalid_value', '/evidence_ids');
		r = await c.office1.post(`/api/reports/${rep.id}/accept`, {});
		assert.equal(r.status, 200);
		assert.equal(r.json.state, 'accepted');
		h.assertError(await c.office1.post(`/api/reports/${rep.id}/accept`, {}), 409, 'invalid_state');
		r = await c.zone1.post(`/api/milestones/${plan.milestones[1].id}/reports`, {
			status: 'in_progress',
			percent: 40,
			narrative: '推进中',
		});
		assert.equal(r.status, 201);
		await c.office1.post(`/api/reports/${r.json.id}/accept`, {});
		const p = await c.zone1.get(`/api/plans/${plan.id}`);
		// (30×100 + 50×40 + 20×0) / 100 = 50.00 %
		assert.equal(p.json.completion_bp, 5000);
		// the first was due ten days ago and reported done today: 逾期完成
		assert.deepEqual(p.json.milestones.map((m) => m.state), ['done_late', 'due_soon', 'on_track']);
		assert.equal(p.json.milestones[0].done_date, day(0));
		const m = await c.zone1.get(`/api/milestones/${plan.milestones[0].id}`);
		assert.equal(m.json.reports.length, 1);
		assert.equal(m.json.milestone.percent, 100);
	});

	test('a change to an approved plan is a revision beside it; the approved version rules until the office approves it as version 2', T, async () => {
		const ms = plan.milestones.map((m) => ({
			id: m.id,
			title: m.title,
			deliverable: m.deliverable,
			start_date: m.start_date,
			due_date: m.due_date,
			weight: m.weight,
		}));
		ms[1].due_date = day(-1); // now late
		let r = await c.zone1.put(`/api/plans/${plan.id}`, { milestones: ms });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.status, 'approved');
		assert.equal(r.json.version, 1);
		assert.equal(r.json.revision.status, 'draft');
		assert.equal(r.json.revision.version, 2);
		assert.equal(r.json.revision.milestones[1].due_date, day(-1));
		assert.equal(r.json.milestones[1].due_date, day(5)); // the approved one still rules
		assert.equal(r.json.milestones[0].percent, 100); // progress kept
		await c.zone1.post(`/api/plans/${plan.id}/submit`, {});
		const a = await c.office1.post(`/api/plans/${plan.id}/approve`, {});
		assert.equal(a.json.status, 'approved');
		assert.equal(a.json.version, 2);
		assert.equal(a.json.revision, null);
		assert.equal(a.json.n_overdue, 1);
		// both approved versions are kept, newest first, with their milestones as approved
		const v = await c.zone1.get(`/api/plans/${plan.id}/versions`);
		assert.equal(v.status, 200);
		assert.deepEqual(v.json.items.map((x) => x.version), [2, 1]);
		assert.equal(v.json.items[0].milestones[1].due_date, day(-1));
		assert.equal(v.json.items[1].milestones[1].due_date, day(5));
		h.assertError(await c.zone2.get(`/api/plans/${plan.id}/versions`), 404, 'not_found');
	});

	test('milestone lists, states and the board', T, async () => {
		let r = await c.office1.get('/api/milestones?state=overdue');
		assert.equal(r.status, 200);
		assert.equal(r.json.total, 1);
		assert.equal(r.json.items[0].title, '组织实施');
		assert.equal(r.json.items[0].org_name, h.ORG.econ);
		h.assertError(await c.office1.get('/api/milestones?state=late'), 400, 'invalid_parameter', 'state');
		assert.equal((await c.zone2.get('/api/milestones')).json.total, 0);
		r = await c.office1.get('/api/board');
		assert.equal(r.status, 200);
		const cell = r.json.cells.find((x) => x.org_id === ids[h.ORG.econ]);
		assert.equal(cell.completion_bp, 5000);
		assert.equal(cell.overdue, 1);
		assert.equal(r.json.tasks.length, 18);
		assert.equal(r.json.overdue.length, 1);
		const zone = r.json.zones.find((z) => z.id === ids[h.ORG.econ]);
		assert.equal(zone.completion_bp, 5000);
		assert.equal(zone.plans, 1);
		const t2 = r.json.tasks.find((t) => t.article_number === 2);
		assert.deepEqual([t2.completion_bp, t2.plans, t2.overdue], [5000, 1, 1]);
		assert.equal(r.json.tasks.find((t) => t.article_number === 3).plans, 0);
		const csv = await c.office1.get('/api/milestones/export.csv');
		assert.equal(csv.status, 200);
		assert.match(csv.headers.get('content-type'), /text\/csv/);
		assert.ok(csv.text.startsWith('\ufeff政策文件,条目,任务,单位,节点'));
		assert.equal(csv.text.trim().split('\r\n').length, 4);
		const x = await c.office1.get('/api/milestones/export.xlsx?state=overdue');
		assert.equal(x.buf.subarray(0, 2).toString(), 'PK');
		r = await c.super1.get('/api/board');
		assert.equal(r.status, 200);
		h.assertError(await c.auditor1.get('/api/board'), 403, 'forbidden');
	});

	test('one zone’s board, the plans and the zone ranking as CSV and .xlsx', T, async () => {
		const econ = ids[h.ORG.econ];
		let r = await c.office1.get(`/api/board?org_id=${econ}`);
		assert.equal(r.status, 200);
		assert.deepEqual(r.json.zones.map((z) => [z.name, z.completion_bp, z.plans, z.overdue]), [[h.ORG.econ, 5000, 1, 1]]);
		assert.deepEqual(r.json.cells.map((x) => x.org_id), [econ]);
		assert.equal(r.json.overdue.length, 1);
		r = await c.office1.get(`/api/board?org_id=${ids[h.ORG.shengli]}`);
		assert.deepEqual([r.json.cells.length, r.json.overdue.length], [0, 0]);
		assert.deepEqual(r.json.zones.map((z) => [z.name, z.plans]), [[h.ORG.shengli, 0]]);
		// a county's page has its totals too (counties may have plans where a task names them)
		r = await c.office1.get(`/api/board?org_id=${ids[h.ORG.dongzhou]}`);
		assert.deepEqual(r.json.zones.map((z) => [z.name, z.plans, z.completion_bp]), [[h.ORG.dongzhou, 0, 0]]);
		// zone2 asking for zone1's board sees nothing of it
		r = await c.zone2.get(`/api/board?org_id=${econ}`);
		assert.deepEqual([r.json.cells.length, r.json.zones.length, r.json.overdue.length], [0, 0, 0]);
		h.assertError(await c.office1.get('/api/board?org_id=x'), 400, 'invalid_parameter', 'org_id');
		// a zone with a plan stays a zone: as a county it would drop off the board with its plan
		const o = (await c.office1.get(`/api/orgs/${econ}`)).json;
		r = await c.office1.put(`/api/orgs/${econ}`, { name: o.name, type: 'county', parent_id: o.parent_id });
		h.assertError(r, 409, 'invalid_state', '/type');
		assert.equal((await c.office1.get(`/api/orgs/${econ}`)).json.type, 'zone');
		r = await c.office1.put(`/api/orgs/${econ}`, { name: o.name, type: 'zone', level: o.level, parent_id: o.parent_id, aliases: o.aliases, is_sample: o.is_sample });
		assert.equal(r.status, 200, r.text);
		// one policy's tasks: the seed's has the plan, another (none here) has nothing
		const seedPolicy = tasks[0].policy_id;
		r = await c.office1.get(`/api/board?policy_id=${seedPolicy}&org_id=${econ}`);
		assert.deepEqual([r.json.tasks.length, r.json.cells.length, r.json.zones[0].completion_bp], [18, 1, 5000]);
		assert.equal(r.json.overdue.length, 1);
		r = await c.office1.get(`/api/board?policy_id=${seedPolicy + 1000}`);
		assert.deepEqual([r.json.tasks.length, r.json.cells.length], [0, 0]);
		// nor any of the seed's late milestones, in the list or in its export
		assert.deepEqual([r.json.overdue_total, r.json.overdue.length], [0, 0]);
		assert.equal((await c.office1.get(`/api/milestones?state=overdue&policy_id=${seedPolicy + 1000}`)).json.total, 0);
		assert.equal((await c.office1.get(`/api/milestones?state=overdue&policy_id=${seedPolicy}`)).json.total, 1);
		const lateCsv = await c.office1.get(`/api/milestones/export.csv?state=overdue&policy_id=${seedPolicy + 1000}`);
		assert.equal(lateCsv.text.trim().split('\r\n').length, 1); // the header alone
		assert.ok(r.json.zones.every((z) => z.plans === 0 && z.completion_bp === 0));
		assert.equal((await c.office1.get(`/api/plans?policy_id=${seedPolicy + 1000}`)).json.total, 0);
		assert.equal((await c.office1.get(`/api/plans?policy_id=${seedPolicy}`)).json.total, 1);
		assert.equal((await c.office1.get(`/api/board/ranking.csv?policy_id=${seedPolicy + 1000}`)).status, 200);

		// one row per plan; completion as Excel reads a percentage
		r = await c.office1.get(`/api/plans/export.csv?org_id=${econ}`);
		assert.equal(r.status, 200);
		assert.match(r.headers.get('content-disposition'), /filename\*=UTF-8''%E4%B8%80%E5%8C%BA%E4%B8%80%E7%AD%96\.csv/);
		const lines = r.text.replace(/^\ufeff/, '').trim().split('\r\n');
		assert.equal(lines[0], '政策文件,条目,任务,单位,状态,版本,节点数,完成率,逾期节点,提交时间,审核时间');
		assert.equal(lines.length, 2);
		// the policy named as the tasks' export names it: title, note, 文号
		assert.match(lines[1], new RegExp(`^中共抚顺市委 抚顺市人民政府关于深化开发区体制机制改革意见（征求意见稿）,2,.*,${h.ORG.econ},已批准,2,3,50\\.00%,1,\\d{4}-`));
		// times as the web app shows them to a user in China: Beijing time, not the stored UTC
		const listed = (await c.office1.get(`/api/plans?org_id=${econ}`)).json.items[0];
		const beijing = (iso) => new Date(Date.parse(iso) + 8 * 3600 * 1000).toISOString().slice(0, 19).replace('T', ' ');
		assert.ok(listed.submitted_at && listed.reviewed_at, JSON.stringify(listed));
		assert.ok(lines[1].endsWith(`,${beijing(listed.submitted_at)},${beijing(listed.reviewed_at)}`), lines[1]);
		assert.equal((await c.zone2.get('/api/plans/export.csv')).text.trim().split('\r\n').length, 1);
		h.assertError(await c.office1.get('/api/plans/export.csv?status=late'), 400, 'invalid_parameter', 'status');
		const x = await c.office1.get('/api/plans/export.xlsx');
		assert.equal(x.status, 200);
		assert.equal(h.xlsxRows(x.buf), 2);
		assert.match(h.xlsxText(x.buf), /已批准/);

		// ranking: zones with plans first, best completion first; 0.5 shown as 50.00 %
		r = await c.office1.get('/api/board/ranking.csv');
		assert.equal(r.status, 200);
		const rank = r.text.replace(/^\ufeff/, '').trim().split('\r\n');
		assert.equal(rank[0], '名次,开发区,计划数,完成率,逾期节点');
		assert.equal(rank[1], `1,${h.ORG.econ},1,50.00%,1`);
		assert.match(rank[2], /^2,.*,0,0\.00%,0$/);
		const rx = await c.office1.get('/api/board/ranking.xlsx');
		assert.equal(rx.status, 200);
		assert.match(h.xlsxText(rx.buf), /<c r="D2" s="\d+"><v>0\.5<\/v>/);
		assert.equal((await c.zone2.get('/api/board/ranking.csv')).text.trim().split('\r\n').length, 2); // itself only
		h.assertError(await c.auditor1.get('/api/board/ranking.csv'), 403, 'forbidden');
	});

	test('tasks carry their progress over the plans the caller sees, and filter by it', T, async () => {
		let r = await c.office1.get('/api/tasks?state=overdue');
		assert.equal(r.status, 200);
		assert.equal(r.json.total, 1);
		assert.equal(r.json.items[0].article_number, 2);
		assert.deepEqual(r.json.items[0].progress, { completion_bp: 5000, overdue: 1, plans: 1, missing: 10, state: 'overdue' });
		r = await c.office1.get('/api/tasks?state=not_started&page=2&page_size=10');
		assert.deepEqual([r.json.total, r.json.items.length, r.json.page], [17, 7, 2]);
		assert.ok(r.json.items.every((x) => x.progress.plans === 0 && x.progress.state === 'not_started'));
		assert.equal((await c.office1.get('/api/tasks?state=done')).json.total, 0);
		// without a state: every task, the page from the store, progress on each
		r = await c.office1.get('/api/tasks?page_size=5');
		assert.deepEqual([r.json.total, r.json.items.length], [18, 5]);
		assert.equal(r.json.items[1].progress.state, 'overdue');
		// zone2 does not see zone1's plan: for it the task has not started
		assert.equal((await c.zone2.get('/api/tasks?state=overdue')).json.total, 0);
		assert.equal((await c.zone2.get('/api/tasks?article=2')).json.items[0].progress.state, 'not_started');
		h.assertError(await c.office1.get('/api/tasks?state=late'), 400, 'invalid_parameter', 'state');
		const x = await c.office1.get('/api/tasks/export.csv?state=overdue');
		assert.equal(x.status, 200);
		const lines = x.text.replace(/^\ufeff/, '').trim().split('\r\n');
		assert.equal(lines.length, 2);
		assert.match(lines[0], /,计划数,完成率,逾期节点,推进状态,/);
		assert.match(lines[1], /^[^,]+,2,.*,1,50\.00%,1,有逾期,/);
	});

	test('late counts come from the due dates each plan keeps: migration 0007 fills them, a done report clears them', T, async () => {
		const lateOnBoard = async () => {
			const b = await c.office1.get('/api/board');
			return [b.json.cells.find((x) => x.org_id === ids[h.ORG.econ]).overdue, b.json.overdue.length];
		};
		const p = (await c.zone1.get(`/api/plans/${plan.id}`)).json;
		assert.equal(p.n_overdue, 1);
		assert.deepEqual(await lateOnBoard(), [1, 1]);
		// undo 0007 on this database, then migrate again: the backfill alone must find the late
		// one (a migration not recorded is applied whatever came after it)
		await h.sqlOk(srv.db, `DROP INDEX milestone_open_due; ALTER TABLE zone_plan DROP COLUMN open_due;
			CREATE INDEX milestone_open_due ON milestone(due_date, plan_id) WHERE status <> 'done' AND removed = 0;
			DELETE FROM schema_migration WHERE version = 7`);
		const out = await h.kfqOk(['migrate', '--db', srv.db]);
		assert.match(out.stdout, /applied 1 migration/);
		const kept = async () => (await h.sqlOk(srv.db, `SELECT open_due FROM zone_plan WHERE id = ${plan.id}`)).split(' ').sort();
		assert.deepEqual(await kept(), [day(-1), day(90)]); // in any order
		// a write makes the board read the plans again
		let r = await c.zone1.post(`/api/milestones/${p.milestones[1].id}/reports`, { status: 'done', percent: 100, narrative: '已完成' });
		assert.equal(r.status, 201, r.text);
		assert.deepEqual(await lateOnBoard(), [1, 1]); // not accepted yet
		r = await c.office1.post(`/api/reports/${r.json.id}/accept`, {});
		assert.equal(r.status, 200);
		assert.deepEqual(await lateOnBoard(), [0, 0]);
		assert.equal((await c.zone1.get(`/api/plans/${plan.id}`)).json.n_overdue, 0);
		assert.equal((await c.office1.get('/api/milestones?state=overdue')).json.total, 0);
		assert.deepEqual(await kept(), [day(90)]);
	});

	test('a department sees the plans of the tasks it leads (谁牵头、谁督促), not others', T, async () => {
		await srv.kfq(['user', 'add', '--db', srv.db, '--username', 'fgw1', '--org', '市发改委', '--role', 'department', '--password-stdin'], {
			input: `${h.pw('fgw1')}\n`,
		});
		const fgw = new h.Client(srv);
		await fgw.login('fgw1');
		const r = await fgw.get('/api/plans');
		assert.equal(r.status, 200);
		assert.deepEqual(r.json.items.map((p) => p.id), [plan.id]); // task 2 is led by 市发改委
		assert.equal((await fgw.get(`/api/plans/${plan.id}`)).status, 200);
		const t3 = tasks.find((t) => t.article_number === 3);
		assert.equal((await fgw.get(`/api/plans?task_id=${t3.id}`)).json.total, 0);
		// the same rule for milestones and the board
		const t2 = tasks.find((t) => t.article_number === 2);
		const m = await fgw.get(`/api/milestones?task_id=${t2.id}`);
		assert.equal(m.json.total, 3);
		assert.equal((await fgw.get(`/api/milestones?task_id=${t3.id}`)).json.total, 0);
		// asking for the zone by name keeps the rule: its milestones and plan of the task led
		assert.equal((await fgw.get(`/api/milestones?org_id=${ids[h.ORG.econ]}`)).json.total, 3);
		assert.deepEqual((await fgw.get(`/api/plans?org_id=${ids[h.ORG.econ]}`)).json.items.map((p) => p.id), [plan.id]);
		const b = await fgw.get('/api/board');
		assert.deepEqual(b.json.cells.map((x) => [x.task_id, x.org_id]), [[t2.id, ids[h.ORG.econ]]]);
		assert.deepEqual(b.json.zones.map((z) => z.name), [h.ORG.econ]);
	});

	test('with a custom scope of several organizations the lead rule still holds', T, async () => {
		const admin = new h.Client(srv);
		await admin.login('admin');
		const r = await admin.post('/api/users', {
			username: 'fgw2',
			display_name: '发改委自定义',
			org_id: ids['市发改委'],
			role: 'department',
			data_scope: 'custom',
			scope_org_ids: [ids[h.ORG.shengli], ids[h.ORG.hightech]],
			password: 'Fgw2-Custom-Passw0rd',
		});
		assert.equal(r.status, 201, r.text);
		const u = new h.Client(srv);
		await u.login('fgw2', 'Fgw2-Custom-Passw0rd');
		assert.equal((await u.put('/api/session/password', { old_password: 'Fgw2-Custom-Passw0rd', new_password: 'Fgw2-Custom-Passw0rd-2' })).status, 204);
		const t2 = tasks.find((t) => t.article_number === 2);
		const t3 = tasks.find((t) => t.article_number === 3);
		// neither organization in scope has a plan; the plan of task 2, which 市发改委 leads, shows
		const m = await u.get(`/api/milestones?task_id=${t2.id}`);
		assert.equal(m.json.total, 3);
		assert.ok(m.json.items.every((x) => x.org_name === h.ORG.econ));
		assert.equal((await u.get('/api/milestones')).json.total, 3);
		assert.equal((await u.get(`/api/milestones?task_id=${t3.id}`)).json.total, 0);
		assert.deepEqual((await u.get('/api/plans')).json.items.map((p) => p.id), [plan.id]);
		const b = await u.get('/api/board');
		assert.deepEqual(b.json.cells.map((x) => [x.task_id, x.org_id]), [[t2.id, ids[h.ORG.econ]]]);
	});

	test('a county (its scope: itself and the organizations below it) lists the plans and milestones of its zones only', T, async () => {
		const county = new h.Client(srv);
		await county.login('county1');
		const t = tasks.find((x) => x.responsible_orgs.some((o) => o.id === ids[h.ORG.hightech]));
		let r = await county.post('/api/plans', { task_id: t.id, org_id: ids[h.ORG.hightech], milestones: goodPlan() });
		assert.equal(r.status, 201, r.text);
		const p = r.json;
		r = await county.post(`/api/plans/${p.id}/submit`, {});
		assert.equal(r.status, 200, r.text);
		// 东洲区 holds 高新区, not 经开区 (zone1's plan)
		assert.deepEqual((await county.get('/api/plans')).json.items.map((x) => x.id), [p.id]);
		const ms = (await county.get('/api/milestones?page_size=2')).json;
		assert.equal(ms.total, 3);
		assert.equal(ms.items.length, 2);
		assert.ok(ms.items.every((x) => x.org_name === h.ORG.hightech));
		assert.equal((await county.get('/api/milestones?page=2&page_size=2')).json.items.length, 1);
		// nor does anyone outside the county see it
		assert.ok(!(await c.zone1.get('/api/plans')).json.items.some((x) => x.id === p.id));
		assert.equal((await c.zone2.get('/api/milestones')).json.total, 0);
	});
	test('a task is done only when every responsible zone in view has planned it', T, async () => {
		const t5 = tasks.find((t) => t.article_number === 5); // responsible: econ and shengli
		let r = await c.zone1.post('/api/plans', {
			task_id: t5.id,
			milestones: [{ title: '全部完成', deliverable: '总结报告', start_date: day(-5), due_date: day(30), weight: 100 }],
		});
		assert.equal(r.status, 201, r.text);
		const p5 = r.json;
		assert.equal((await c.zone1.post(`/api/plans/${p5.id}/submit`, {})).status, 200);
		assert.equal((await c.office1.post(`/api/plans/${p5.id}/approve`, { comment: '同意' })).status, 200);
		r = await c.zone1.post(`/api/milestones/${p5.milestones[0].id}/reports`, { status: 'done', percent: 100, narrative: '已完成' });
		assert.equal(r.status, 201, r.text);
		assert.equal((await c.office1.post(`/api/reports/${r.json.id}/accept`, {})).status, 200);
		const progress = async (client, q = '') => (await client.get(`/api/tasks?article=5${q}`)).json.items[0].progress;
		// the economic zone's plan is done, but 胜利开发区 has not planned the task: not done
		assert.deepEqual(await progress(c.office1), { completion_bp: 10000, overdue: 0, plans: 1, missing: 1, state: 'in_progress' });
		assert.ok(!(await c.office1.get('/api/tasks?state=done')).json.items.some((t) => t.id === t5.id));
		assert.ok((await c.office1.get('/api/tasks?state=in_progress')).json.items.some((t) => t.id === t5.id));
		let x = await c.office1.get('/api/tasks/export.csv?article=5');
		assert.match(x.text, /,1,100\.00%,0,推进中,1,/);
		// the zone's own view, and its page, see its part done
		assert.deepEqual(await progress(c.zone1), { completion_bp: 10000, overdue: 0, plans: 1, missing: 0, state: 'done' });
		assert.equal((await progress(c.office1, `&org_id=${ids[h.ORG.econ]}`)).state, 'done');
		assert.deepEqual(await progress(c.office1, `&org_id=${ids[h.ORG.shengli]}`), { completion_bp: 0, overdue: 0, plans: 0, missing: 1, state: 'not_started' });
		// 胜利开发区 itself sees the task still to plan
		assert.deepEqual(await progress(c.zone2), { completion_bp: 0, overdue: 0, plans: 0, missing: 1, state: 'not_started' });
		// once the economic zone alone is responsible, the task is done
		r = await c.office1.put(`/api/tasks/${t5.id}/orgs`, { lead_org_ids: [ids['市财政局']], responsible_org_ids: [ids[h.ORG.econ]] });
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(await progress(c.office1), { completion_bp: 10000, overdue: 0, plans: 1, missing: 0, state: 'done' });
		x = await c.office1.get('/api/tasks/export.csv?article=5');
		assert.match(x.text, /,1,100\.00%,0,已完成,0,/);
	});
});

// the evidence table as migration 0004 made it, to undo 0018 on a database whose report files
// are attachments: they go back into it under other ids, as they were before
const ID = h.IS_PG ? 'BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY' : 'INTEGER PRIMARY KEY AUTOINCREMENT';
const UNDO_0018 = `CREATE TABLE evidence (id ${ID}, sha256 TEXT NOT NULL, filename TEXT NOT NULL,
	  mime TEXT NOT NULL, size BIGINT NOT NULL, org_id BIGINT NOT NULL REFERENCES org(id),
	  report_id BIGINT REFERENCES progress_report(id), created_at TEXT NOT NULL,
	  created_by BIGINT REFERENCES app_user(id));
	INSERT INTO evidence (id, sha256, filename, mime, size, org_id, report_id, created_at, created_by)
	  SELECT id + 100, sha256, filename, mime, size, org_id, entity_id, created_at, created_by
	  FROM attachment WHERE entity_type = 'report';
	DELETE FROM attachment WHERE entity_type = 'report';
	DELETE FROM schema_migration WHERE version = 18;`;

describe('evidence from before migration 0018', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, plan, report;
	const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
	const png = Buffer.from('\x89PNG\r\n\x1a\n0000IHDR', 'latin1');

	before(async () => {
		srv = await h.startServer();
		c = await h.loginAll(srv, ['office1', 'zone1', 'zone2']);
		let r = await c.office1.post('/api/policies', fs.readFileSync(SEED), { raw: true, contentType: 'text/plain' });
		assert.equal(r.status, 201, r.text);
		const t2 = (await c.zone1.get('/api/tasks?page_size=50')).json.items.find((t) => t.article_number === 2);
		r = await c.zone1.post('/api/plans', { task_id: t2.id, milestones: goodPlan() });
		assert.equal(r.status, 201, r.text);
		plan = r.json;
		assert.equal((await c.zone1.post(`/api/plans/${plan.id}/submit`, {})).status, 200);
		r = await c.office1.post(`/api/plans/${plan.id}/approve`, {});
		assert.equal(r.status, 200, r.text);
		plan = r.json;
	});

	after(async () => {
		if (srv) await srv.close();
	});

	test('migration 0018 keeps every evidence file: on its report, downloadable, and an unclaimed upload still the zone’s', T, async () => {
		const a = (await upload(c.zone1, '实施方案.pdf', pdf)).json;
		const b = (await upload(c.zone1, '现场照片.png', png)).json;
		assert.equal((await upload(c.zone1, '未用的.pdf', pdf)).status, 201);
		let r = await c.zone1.post(`/api/milestones/${plan.milestones[0].id}/reports`, {
			status: 'done',
			percent: 100,
			narrative: '方案已印发',
			evidence_ids: [a.id, b.id],
		});
		assert.equal(r.status, 201, r.text);
		report = r.json;
		await srv.stop();
		await h.sqlOk(srv.db, UNDO_0018);
		assert.equal(await h.sqlOk(srv.db, 'SELECT COUNT(*) FROM evidence'), '3');
		const out = await h.kfqOk(['migrate', '--db', srv.db]);
		assert.match(out.stdout, /applied 1 migration/);
		if (!h.IS_PG) assert.equal(await h.sqlOk(srv.db, 'PRAGMA foreign_key_check'), '');
		assert.notEqual((await h.sql(srv.db, 'SELECT COUNT(*) FROM evidence')).code, 0);
		await srv.spawn();

		// the report lists its two files, as they were, in the order they were uploaded
		r = await c.zone1.get(`/api/milestones/${plan.milestones[0].id}`);
		assert.equal(r.status, 200, r.text);
		const files = r.json.reports.find((x) => x.id === report.id).evidence;
		assert.deepEqual(
			files.map((f) => [f.filename, f.sha256, f.mime, f.size]),
			[
				['实施方案.pdf', a.sha256, 'application/pdf', pdf.length],
				['现场照片.png', b.sha256, 'image/png', png.length],
			],
		);
		// each downloads, for the zone and the office, on both routes; another zone sees nothing
		for (const [f, bytes] of [[files[0], pdf], [files[1], png]]) {
			for (const who of [c.zone1, c.office1]) {
				for (const url of [`/api/evidence/${f.id}`, `/api/attachments/${f.id}`]) {
					const d = await who.get(url);
					assert.equal(d.status, 200, url);
					assert.deepEqual(d.buf, bytes);
				}
			}
			h.assertError(await c.zone2.get(`/api/evidence/${f.id}`), 404, 'not_found');
			h.assertError(await c.zone2.get(`/api/attachments/${f.id}`), 404, 'not_found');
		}
		r = await c.office1.get(`/api/attachments?entity_type=report&entity_id=${report.id}`);
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(r.json.items.map((f) => f.id), files.map((f) => f.id));

		// the upload no report had claimed: still the zone's alone, and a new report claims it
		const moved = JSON.parse(await h.sqlOk(srv.db, `SELECT id FROM attachment WHERE entity_type = 'report' AND entity_id IS NULL`));
		assert.deepEqual((await c.zone1.get(`/api/evidence/${moved}`)).buf, pdf);
		h.assertError(await c.office1.get(`/api/evidence/${moved}`), 404, 'not_found');
		r = await c.zone1.post(`/api/milestones/${plan.milestones[1].id}/reports`, {
			status: 'in_progress',
			percent: 40,
			narrative: '推进中',
			evidence_ids: [moved],
		});
		assert.equal(r.status, 201, r.text);
		assert.deepEqual(r.json.evidence.map((f) => [f.id, f.filename]), [[moved, '未用的.pdf']]);
		// a file claimed once is not claimed again; new uploads take ids after the moved ones
		r = await c.zone1.post(`/api/milestones/${plan.milestones[1].id}/reports`, { status: 'in_progress', percent: 50, narrative: '再报', evidence_ids: [files[0].id] });
		h.assertError(r, 400, 'invalid_value', '/evidence_ids');
		r = await upload(c.zone1, '新材料.pdf', pdf);
		assert.equal(r.status, 201, r.text);
		assert.ok(r.json.id > Math.max(moved, ...files.map((f) => f.id)));
	});
});
