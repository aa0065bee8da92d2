'use strict';
// desk.test.js - what the office keeps beside the reform tasks: each task's contact person (联系人,
// 联系电话), set by the office and audited; and the weekly briefing (工作周报) it sends upward —
// per zone in the caller's scope, the plans' completion, the week's progress reports and
// finished milestones, the milestones that became late in it and the 督办单 issued and closed in
// it, as JSON, as a printed document and as an .xlsx of three sheets; every figure worked by
// hand from a plan made here.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./harness');

const T = { timeout: h.STEP_TIMEOUT };
const SEED = path.join(__dirname, '..', 'data', 'fushun-devzone-reform-draft-2025.txt');

// a day in Asia/Shanghai as YYYY-MM-DD, offset days from today
const day = h.day;
// this week's Monday, as an offset from today (Monday 0 … Sunday 6 → 0 … -6)
const MONDAY = -((new Date(Date.now() + 8 * 3600e3).getUTCDay() + 6) % 7);

describe('task contacts and the weekly briefing', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, ids, t1, t2, plan;

	before(async () => {
		srv = await h.startServer();
		c = await h.loginAll(srv, ['office1', 'zone1', 'zone2', 'county1', 'auditor1', 'super1']);
		ids = await h.orgIds(c.office1);
		let r = await c.office1.post('/api/policies', fs.readFileSync(SEED), { raw: true, contentType: 'text/plain' });
		assert.equal(r.status, 201, r.text);
		r = await c.zone1.get('/api/tasks?page_size=50');
		t1 = r.json.items.find((t) => t.article_number === 1);
		t2 = r.json.items.find((t) => t.article_number === 2);
	});

	after(async () => {
		if (srv) await srv.close();
	});

	test('the office sets a task\'s contact person; everyone who reads the task sees it; it is audited', T, async () => {
		assert.equal(t1.contact_name, null);
		assert.equal(t1.contact_phone, null);
		const bad = [
			[{ contact_name: '王明', contact_phone: '57500' + 'x' }, 'invalid_value', '/contact_phone'],
			[{ contact_name: '王明', contact_phone: '1234' }, 'invalid_value', '/contact_phone'],
			[{ contact_phone: '024-57500610' }, 'missing_field', '/contact_name'],
			[{ contact_name: 1 }, 'invalid_type', '/contact_name'],
			[{ deadline: '2026-12-31' }, 'unknown_field', '/deadline'],
		];
		for (const [body, code, field] of bad) h.assertError(await c.office1.put(`/api/tasks/${t1.id}`, body), 400, code, field);
		for (const who of ['zone1', 'super1', 'auditor1']) h.assertError(await c[who].put(`/api/tasks/${t1.id}`, { contact_name: 'x' }), 403, 'forbidden');
		h.assertError(await c.office1.put('/api/tasks/999999', { contact_name: 'x' }), 404, 'not_found');

		let r = await c.office1.put(`/api/tasks/${t1.id}`, { contact_name: '王明', contact_phone: '024-57500610' });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.contact_name, '王明');
		assert.equal(r.json.contact_phone, '024-57500610');
		// a work contact published with the task: in full for a zone, not masked as a personal phone
		r = await c.zone1.get(`/api/tasks/${t1.id}`);
		assert.equal(r.json.contact_phone, '024-57500610');
		r = await c.zone1.get('/api/tasks?page_size=50');
		assert.equal(r.json.items.find((t) => t.id === t1.id).contact_name, '王明');
		const a = await c.auditor1.get(`/api/audit?entity_type=task&entity_id=${t1.id}`);
		assert.equal(a.json.items[0].action, 'update');
		assert.equal(a.json.items[0].before.contact_name, null);
		assert.equal(a.json.items[0].after.contact_phone, '024-57500610');
		// left out or empty clears
		r = await c.office1.put(`/api/tasks/${t1.id}`, { contact_name: '' });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.contact_name, null);
		assert.equal(r.json.contact_phone, null);
	});

	test('the office sets a task\'s 完成时限; left out it stays, null clears it; audited', T, async () => {
		const parsed = t1.deadline_date;
		for (const d of ['2026-02-30', '2026/12/31', '20261231', '2026-1-31'])
			h.assertError(await c.office1.put(`/api/tasks/${t1.id}`, { deadline_date: d }), 400, 'invalid_value', '/deadline_date');
		h.assertError(await c.office1.put(`/api/tasks/${t1.id}`, { deadline_date: '2026-12-31T00:00' }), 400, 'too_long', '/deadline_date');
		h.assertError(await c.zone1.put(`/api/tasks/${t1.id}`, { deadline_date: '2026-12-31' }), 403, 'forbidden');
		let r = await c.zone1.get(`/api/tasks/${t1.id}`);
		assert.equal(r.json.deadline_date, parsed, 'a refused change writes nothing');

		r = await c.office1.put(`/api/tasks/${t1.id}`, { contact_name: '王明', deadline_date: '2026-12-31' });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.deadline_date, '2026-12-31');
		assert.equal(r.json.contact_name, '王明');
		r = await c.zone1.get('/api/tasks?page_size=50');
		assert.equal(r.json.items.find((t) => t.id === t1.id).deadline_date, '2026-12-31');
		const a = await c.auditor1.get(`/api/audit?entity_type=task&entity_id=${t1.id}`);
		assert.equal(a.json.items[0].before.deadline_date, parsed);
		assert.equal(a.json.items[0].after.deadline_date, '2026-12-31');

		r = await c.office1.put(`/api/tasks/${t1.id}`, { contact_name: '王明' });
		assert.equal(r.json.deadline_date, '2026-12-31', 'a body without the field leaves the date');
		r = await c.office1.put(`/api/tasks/${t1.id}`, { contact_name: '王明', deadline_date: null });
		assert.equal(r.json.deadline_date, null);
		assert.equal(r.json.deadline_text, t1.deadline_text, 'the text as written stays');
	});

	test('the weekly briefing: each figure of the week, by zone, in the caller\'s scope', T, async () => {
		// zone1's plan on task 2: A fell due yesterday-of-Monday (late this week), B a week
		// earlier (late last week), C and E later; C reported in progress and E done, both
		// accepted this week
		const ms = [
			{ title: '甲节点', deliverable: '甲', start_date: day(-60), due_date: day(MONDAY - 1), weight: 20 },
			{ title: '乙节点', deliverable: '乙', start_date: day(-60), due_date: day(MONDAY - 8), weight: 20 },
			{ title: '丙节点', deliverable: '丙', start_date: day(-60), due_date: day(90), weight: 30 },
			{ title: '丁节点', deliverable: '丁', start_date: day(-60), due_date: day(60), weight: 30 },
		];
		let r = await c.zone1.post('/api/plans', { task_id: t2.id, milestones: ms });
		assert.equal(r.status, 201, r.text);
		plan = r.json;
		assert.equal((await c.zone1.post(`/api/plans/${plan.id}/submit`, {})).status, 200);
		assert.equal((await c.office1.post(`/api/plans/${plan.id}/approve`, {})).status, 200);
		const byTitle = Object.fromEntries(plan.milestones.map((m) => [m.title, m]));
		for (const [title, status, percent] of [['丙节点', 'in_progress', 50], ['丁节点', 'done', 100]]) {
			r = await c.zone1.post(`/api/milestones/${byTitle[title].id}/reports`, { status, percent, narrative: `${title}进展` });
			assert.equal(r.status, 201, r.text);
			assert.equal((await c.office1.post(`/api/reports/${r.json.id}/accept`, {})).status, 200);
		}
		// notices this week: two to the zone, one of them closed; one to a department
		const notice = (org) => c.office1.post('/api/notices', { org_id: org, task_id: t2.id, subject: '推进督办', body: '请推进。', reply_due: day(5) });
		const n1 = (await notice(ids[h.ORG.econ])).json;
		const n2 = (await notice(ids[h.ORG.econ])).json;
		const n3 = (await notice(ids['市发改委'])).json;
		assert.equal((await c.office1.post(`/api/notices/${n2.id}/close`, {})).status, 200);

		r = await c.office1.get('/api/briefings/weekly');
		assert.equal(r.status, 200, r.text);
		const b = r.json;
		assert.equal(b.monday, day(MONDAY));
		assert.equal(b.sunday, day(MONDAY + 6));
		const econ = b.zones.find((z) => z.org_name === h.ORG.econ);
		// completion: (30 × 50 + 30 × 100) / (20 + 20 + 30 + 30) = 45.00 %
		assert.deepEqual(econ, { accepted: 2, closed: 1, completion_bp: 4500, done: 1, issued: 2, new_late: 1, org_id: ids[h.ORG.econ], org_name: h.ORG.econ, plans: 1, reports: 2 });
		const shengli = b.zones.find((z) => z.org_name === h.ORG.shengli);
		assert.deepEqual(shengli, { accepted: 0, closed: 0, completion_bp: 0, done: 0, issued: 0, new_late: 0, org_id: ids[h.ORG.shengli], org_name: h.ORG.shengli, plans: 0, reports: 0 });
		assert.equal(b.zones.length, 4);
		assert.deepEqual(b.totals, { accepted: 2, closed: 1, done: 1, issued: 2, new_late: 1, reports: 2 });
		assert.deepEqual(b.late.map((l) => [l.org_name, l.article_number, l.title, l.due_date]), [[h.ORG.econ, 2, '甲节点', day(MONDAY - 1)]]);
		// the notices of the week, the department's too
		assert.deepEqual(b.notices.map((n) => [n.number, n.status]), [[n1.number, 'open'], [n2.number, 'closed'], [n3.number, 'open']]);
		const [m1, d1] = day(MONDAY).slice(5).split('-').map(Number);
		const [m2, d2] = day(MONDAY + 6).slice(5).split('-').map(Number);
		assert.equal(b.summary, `本周（${m1}月${d1}日至${m2}月${d2}日），各开发区报送进展报告2份，审核通过2份，完成节点1个；新增逾期节点1个；下发督办单2件，办结1件。`);
		assert.match(b.title, new RegExp(`^开发区体制机制改革工作周报（${b.year}年第${b.week}周）$`));

		// last week: B became late then; nothing else happened
		r = await c.office1.get(`/api/briefings/weekly?week=${day(MONDAY - 4)}`);
		assert.equal(r.json.monday, day(MONDAY - 7));
		assert.deepEqual(r.json.totals, { accepted: 0, closed: 0, done: 0, issued: 0, new_late: 1, reports: 0 });
		assert.deepEqual(r.json.late.map((l) => l.title), ['乙节点']);
		assert.deepEqual(r.json.notices, []);

		// a zone sees its own row; a county the zones below it; the auditor has no briefing
		r = await c.zone2.get('/api/briefings/weekly');
		assert.deepEqual(r.json.zones.map((z) => z.org_name), [h.ORG.shengli]);
		assert.deepEqual(r.json.notices, []);
		r = await c.county1.get('/api/briefings/weekly');
		assert.deepEqual(r.json.zones.map((z) => z.org_name), [h.ORG.hightech]);
		h.assertError(await c.auditor1.get('/api/briefings/weekly'), 403, 'forbidden');
		h.assertError(await c.office1.get('/api/briefings/weekly?week=2026-13-01'), 400, 'invalid_parameter', 'week');
		h.assertError(await c.office1.get('/api/briefings/weekly?page=1'), 400, 'unknown_parameter', 'page');
	});

	test('the printed briefing and its .xlsx', T, async () => {
		let r = await c.office1.get('/api/briefings/weekly/print');
		assert.equal(r.status, 200);
		assert.equal(r.headers.get('content-type'), 'text/html; charset=utf-8');
		const html = r.text;
		assert.ok(html.includes('<p class="organ" style="font-size:23pt">抚顺市开发区体制机制改革工作专班办公室</p>'));
		assert.ok(html.includes('<h2>一、各开发区推进情况</h2>'));
		assert.ok(html.includes(`<td class="l">${h.ORG.econ}</td><td class="r">1</td><td class="r">45.00%</td><td class="r">2</td><td class="r">2</td><td class="r">1</td><td class="r">1</td><td class="r">2</td><td class="r">1</td>`));
		assert.ok(html.includes('<td class="l">甲节点</td>'));
		assert.ok(html.includes('<h2>三、督办单办理情况</h2>'));
		assert.ok(!html.includes('class="number"'), 'a briefing has no 发文字号');
		assert.ok(!html.includes('class="seal"'), 'nor a seal');
		assert.ok(!/<script|(src|href)=|https?:\/\/|url\(/i.test(html), 'no script, no external resources');
		// a week without anything says so
		r = await c.office1.get(`/api/briefings/weekly/print?week=${day(MONDAY - 28)}`);
		assert.ok(r.text.includes('<p>本周无新增逾期节点。</p>'));
		assert.ok(r.text.includes('<p>本周无下发或办结的督办单。</p>'));

		r = await c.office1.get('/api/briefings/weekly/export.xlsx');
		assert.equal(r.status, 200, r.text);
		assert.match(decodeURIComponent(r.headers.get('content-disposition')), /开发区体制机制改革工作周报（\d{4}年第\d+周）\.xlsx/);
		const files = h.unzip(r.buf);
		const sheets = [...files['xl/workbook.xml'].toString('utf8').matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]);
		assert.deepEqual(sheets, ['各开发区', '新增逾期节点', '督办单']);
		const text = h.xlsxText(r.buf);
		for (const s of ['甲节点', h.ORG.econ, '已办结', '本周进展报告']) assert.ok(text.includes(s), s);
		assert.equal(h.xlsxRows(r.buf), 5); // the header and four zones
	});
});
