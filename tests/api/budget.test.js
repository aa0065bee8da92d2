'use strict';
// budget.test.js - zone budgets (art. 5) on SQLite or PostgreSQL: who reads and who writes; the
// budget and final accounts imported from .xlsx (every bad row with its line, nothing written;
// the same file again changes nothing; a corrected file replaces the accounts it holds); the
// execution computed by hand below; a zone's fiscal mode and its congress approval; projects'
// performance; exports.
//
// The worked example, 抚顺经济开发区 2025, in fen (rates final / budget in basis points, half-up):
//   201   budget 100,000  final 110,005  diff  10,005  11000.5 -> 11001
//   20101 budget  40,000  final  30,001  diff  -9,999   7500.25 -> 7500
//   2010101 the same as 20101
//   20103 budget  60,000  final  80,004  diff  20,004  13334
//   206   budget 200,000  final 155,000  diff -45,000   7750
//   20601 budget 200,000  final 150,000  diff -50,000   7500
//   20602 no budget       final   5,000  no diff, no rate
//   total (the 类 lines) budget 300,000 final 265,005 diff -34,995, 8833.5 -> 8834
// A project: 5,000,000.00 funded, 4,123,456.78 spent: 8246.91 -> 8247 bp; score 85: 良.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');
const { writeXlsx, readXlsx } = require('./xlsx');

const T = { timeout: h.STEP_TIMEOUT };

const USERS = [
	...h.DEFAULT_USERS,
	{ username: 'finance1', org: '市财政局', role: 'department' },
	{ username: 'ndrc1', org: '市发改委', role: 'department' },
];

const HEADER = ['开发区', '年度', '类型', '科目编码', '科目名称', '金额（元）'];
const E = h.ORG.econ;

const GOOD = [
	HEADER,
	[E, 2025, '预算', '201', '一般公共服务支出', '1000.00'],
	[E, 2025, '预算', '20101', '人大事务', '400.00'],
	[E, 2025, '预算', { n: '2010101' }, '行政运行', { n: '400' }],
	[E, 2025, '预算', '20103', '政府办公厅（室）及相关机构事务', '600.00'],
	[E, 2025, '预算', '206', '科学技术支出', '2,000.00'],
	[E, 2025, '预算', '20601', '科学技术管理事务', '2000'],
	[E, 2025, '决算', '201', '一般公共服务支出', '1100.05'],
	[E, 2025, '决算', '20101', '人大事务', '300.01'],
	[E, 2025, '决算', '2010101', '行政运行', '300.01'],
	[E, 2025, '决算', '20103', '政府办公厅（室）及相关机构事务', '800.04'],
	[E, 2025, 'final', '206', '科学技术支出', '1550.00'],
	[E, 2025, '决算', '20601', '科学技术管理事务', '1500.00'],
	[E, 2025, '决算', '20602', '基础研究', '50.00'],
];

describe('zone budgets', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, ids;

	before(async () => {
		srv = await h.startServer({ users: USERS });
		c = await h.loginAll(srv, ['admin', 'office1', 'zone1', 'zone2', 'county1', 'auditor1', 'super1', 'finance1', 'ndrc1']);
		ids = await h.orgIds(c.office1);
		// what the seed's article 5 grants its lead, 市财政局 (the harness imports no policy)
		const g = await c.office1.post('/api/capabilities/grants', { org_id: ids['市财政局'], capability: 'manage_budget' });
		assert.equal(g.status, 201, g.text);
	});

	after(async () => {
		if (srv) await srv.close();
	});

	const upload = (client, buf, name) =>
		client.post(`/api/imports/budget-lines?name=${encodeURIComponent(name)}`, buf, { raw: true, contentType: 'application/octet-stream' });
	const problems = (r) => r.json.import.problems.map((p) => [p.row, p.column, p.message]);
	const zoneYear = async (client, zone, year = 2025) => client.get(`/api/budgets/zones/${ids[zone]}?year=${year}`);

	test('who reads: every role but the admin and the auditor; a zone its own, a county its zones', T, async () => {
		for (const name of ['admin', 'auditor1']) h.assertError(await c[name].get('/api/budgets?year=2025'), 403, 'forbidden');
		const names = async (client) => (await client.get('/api/budgets?year=2025')).json.items.map((z) => z.zone_name);
		const all = await names(c.finance1);
		assert.equal(all.length, 4);
		assert.deepEqual(await names(c.office1), all);
		assert.deepEqual(await names(c.super1), all);
		assert.deepEqual(await names(c.zone1), [E]);
		assert.deepEqual(await names(c.county1), [h.ORG.hightech]);
		// another zone's accounts answer as a missing one
		h.assertError(await zoneYear(c.zone2, E), 404, 'not_found');
		h.assertError(await c.zone1.get(`/api/budgets/zones/${ids['市财政局']}?year=2025`), 404, 'not_found');
		h.assertError(await c.zone1.get('/api/budgets?year=1999'), 400, 'invalid_parameter', 'year');
		const none = (await zoneYear(c.zone1, E)).json;
		assert.equal(none.recorded, false);
		assert.deepEqual(none.lines, []);
		assert.equal(none.budget_fen, null);
	});

	test('the import: only the finance bureau; every bad row with its line, nothing written', T, async () => {
		const good = writeXlsx(GOOD);
		for (const name of ['zone1', 'office1', 'county1']) h.assertError(await upload(c[name], good, 'b.xlsx'), 403, 'forbidden');
		let r = await upload(c.ndrc1, good, 'b.xlsx');
		h.assertError(r, 422, 'import_rejected');
		assert.deepEqual(problems(r), [[0, null, '本单位没有“管理开发区预决算”的职能授权，不能导入预决算，请联系工作专班办公室']]);
		const bad = writeXlsx([
			HEADER,
			[E, 2025, '预算', '20101', '人大事务', '1'],
			[E, 2025, '预算', '201', '一般公共服务支出', '1'],
			[E, 2025, '预算', '2010', '四位', '1'],
			['不存在的开发区', 2025, '预算', '201', '一般公共服务支出', '1'],
			[E, 2025, '预算', '201', '重复', '2'],
			[E, 2025, '预算', '206', '科学技术支出', '一千元'],
			[E, 2025, '概算', '207', '文化旅游体育与传媒支出', '1'],
			[E, 2025, '决算', '2060101', '行政运行', '1'],
		]);
		r = await upload(c.finance1, bad, 'bad.xlsx');
		h.assertError(r, 422, 'import_rejected');
		const twice = await upload(c.finance1, writeXlsx([HEADER, [E, 2025, '预算', '201', '一般公共服务支出', '1'], ['抚顺经开区（示例）', 2025, '预算', '201', '一般公共服务支出', '2']]), 'twice.xlsx');
		h.assertError(twice, 422, 'import_rejected');
		assert.deepEqual(problems(twice), [[3, null, '与第2行重复（开发区 = 抚顺经开区（示例），年度 = 2025，类型 = 预算，科目编码 = 201）']]);
		// a row repeating one with a bad amount is told in the same round
		const both = await upload(c.finance1, writeXlsx([HEADER, [E, 2025, '预算', '201', '一般公共服务支出', '1.005'], [E, 2025, '预算', '201', '一般公共服务支出', '2']]), 'both.xlsx');
		h.assertError(both, 422, 'import_rejected');
		assert.deepEqual(problems(both).map((x) => [x[0], x[1]]), [[2, '金额（元）'], [3, null]]);
		// a name typed with half-width brackets is the zone: only the bad amount is refused
		const narrow = await upload(c.finance1, writeXlsx([HEADER, ['抚顺经济开发区(示例)', 2025, '预算', '201', '一般公共服务支出', '1'], [E, 2025, '预算', '206', '科学技术支出', '一千元']]), 'narrow.xlsx');
		h.assertError(narrow, 422, 'import_rejected');
		assert.deepEqual(problems(narrow).map((x) => x[0]), [3]);
		assert.deepEqual(problems(r), [
			[2, '科目编码', '科目20101所属的科目201应在它之前列出（同一开发区、年度和类型）'],
			[4, '科目编码', '科目编码应为3位（类）、5位（款）或7位（项）数字'],
			[5, '开发区', '找不到开发区“不存在的开发区”（请填写系统中开发区的名称或别名）'],
			[6, null, `与第3行重复（开发区 = ${E}，年度 = 2025，类型 = 预算，科目编码 = 201）`],
			[7, '金额（元）', '应为数字'],
			[8, '类型', '应为：预算、决算'],
			[9, '科目编码', '科目2060101所属的科目20601应在它之前列出（同一开发区、年度和类型）'],
		]);
		assert.deepEqual((await zoneYear(c.finance1, E)).json.lines, []);
	});

	test('the accounts imported; execution against budget to the fen', T, async () => {
		let r = await upload(c.finance1, writeXlsx(GOOD), '经开区2025预决算.xlsx');
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.rows, 13);
		const y = (await zoneYear(c.zone1, E)).json;
		const rows = y.lines.map((l) => [l.code, l.level, l.budget_fen, l.final_fen, l.diff_fen, l.rate_bp]);
		assert.deepEqual(rows, [
			['201', 1, 100000, 110005, 10005, 11001],
			['20101', 2, 40000, 30001, -9999, 7500],
			['2010101', 3, 40000, 30001, -9999, 7500],
			['20103', 2, 60000, 80004, 20004, 13334],
			['206', 1, 200000, 155000, -45000, 7750],
			['20601', 2, 200000, 150000, -50000, 7500],
			['20602', 2, null, 5000, null, null],
		]);
		assert.equal(y.lines[3].name, '政府办公厅（室）及相关机构事务');
		assert.deepEqual([y.budget_fen, y.final_fen, y.diff_fen, y.rate_bp], [300000, 265005, -34995, 8834]);
		const o = (await c.finance1.get('/api/budgets?year=2025')).json.items.find((z) => z.zone_name === E);
		assert.deepEqual([o.budget_fen, o.final_fen, o.rate_bp, o.budget_lines, o.final_lines], [300000, 265005, 8834, 6, 7]);
		// the same file again changes nothing
		r = await upload(c.finance1, writeXlsx(GOOD), '再次.xlsx');
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.outcome, 'unchanged');
		// a department without the grant is refused for the grant, not told the file is known
		r = await upload(c.ndrc1, writeXlsx(GOOD), '再次.xlsx');
		h.assertError(r, 422, 'import_rejected');
		assert.deepEqual(problems(r), [[0, null, '本单位没有“管理开发区预决算”的职能授权，不能导入预决算，请联系工作专班办公室']]);
		assert.equal(r.json.import.previous_id ?? null, null);
		// a corrected final account replaces that account as a whole; the budget stays
		r = await upload(c.finance1, writeXlsx([HEADER, [E, 2025, '决算', '201', '一般公共服务支出', '1200.00'], [E, 2025, '决算', '206', '科学技术支出', '1500.00']]), '更正.xlsx');
		assert.equal(r.status, 201, r.text);
		const z = (await zoneYear(c.finance1, E)).json;
		assert.deepEqual(z.lines.map((l) => [l.code, l.budget_fen, l.final_fen]), [
			['201', 100000, 120000], ['20101', 40000, null], ['2010101', 40000, null], ['20103', 60000, null],
			['206', 200000, 150000], ['20601', 200000, null],
		]);
		// 270,000 of 300,000: 9000 bp
		assert.deepEqual([z.final_fen, z.rate_bp], [270000, 9000]);
		// the first file imported again after the correction is read again, not "unchanged":
		// its figures are back; and the correction again after it
		const fix = writeXlsx([HEADER, [E, 2025, '决算', '201', '一般公共服务支出', '1200.00'], [E, 2025, '决算', '206', '科学技术支出', '1500.00']]);
		r = await upload(c.finance1, writeXlsx(GOOD), '原表.xlsx');
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.outcome, 'imported');
		assert.equal((await zoneYear(c.finance1, E)).json.final_fen, 265005);
		r = await upload(c.finance1, fix, '更正.xlsx');
		assert.equal(r.json.outcome, 'imported');
		assert.equal((await zoneYear(c.finance1, E)).json.final_fen, 270000);
		// the export: a line per subject and the total
		r = await c.zone1.get(`/api/budgets/zones/${ids[E]}/export.xlsx?year=2025`);
		assert.equal(r.status, 200, r.text);
		const x = readXlsx(r.buf);
		assert.deepEqual(x[0], ['科目编码', '科目名称', '级次', '预算（元）', '决算（元）', '差额（元）', '执行率']);
		assert.equal(x.length, 8);
		assert.deepEqual(x[1].slice(0, 3), ['201', '一般公共服务支出', '类']);
		assert.equal(x[7][1], '合计');
		r = await c.finance1.get('/api/budgets/export.csv?year=2025');
		assert.equal(r.status, 200, r.text);
		assert.match(r.text, /抚顺经济开发区（示例）,2025,未登记/);
	});

	test('a zone\'s fiscal mode and its congress approval, audited', T, async () => {
		const put = (client, body) => client.put(`/api/budgets/zones/${ids[E]}`, body);
		const approved = { year: 2025, mode: 'independent', approved_on: '2025-01-16', approval_doc: '顺城区人大常委会〔2025〕2号' };
		h.assertError(await put(c.zone1, approved), 403, 'forbidden');
		h.assertError(await put(c.ndrc1, approved), 403, 'capability_required');
		h.assertError(await put(c.finance1, { ...approved, mode: '独立核算' }), 400, 'invalid_value', '/mode');
		h.assertError(await put(c.finance1, { ...approved, approval_doc: '' }), 400, 'invalid_value', '/approval_doc');
		h.assertError(await put(c.finance1, { ...approved, approved_on: '2026-03-01' }), 400, 'invalid_value', '/approved_on');
		h.assertError(await put(c.finance1, { ...approved, mode: 'listed' }), 400, 'invalid_value', '/approved_on');
		h.assertError(await c.finance1.put(`/api/budgets/zones/${ids['顺城区']}`, approved), 404, 'not_found');
		let r = await put(c.finance1, approved);
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.mode_label, '独立核算');
		r = await put(c.finance1, { year: 2025, mode: 'listed', note: '改为纳入顺城区预算单独列示' });
		assert.equal(r.status, 200, r.text);
		const y = (await zoneYear(c.zone1, E)).json;
		assert.deepEqual([y.recorded, y.mode, y.approved_on, y.approval_doc, y.note], [true, 'listed', null, null, '改为纳入顺城区预算单独列示']);
		const audit = (await c.auditor1.get('/api/audit?entity_type=zone_budget')).json.items;
		assert.deepEqual(audit.map((a) => a.action), ['update', 'create']);
		assert.equal(audit[0].before.approval_doc, '顺城区人大常委会〔2025〕2号');
		assert.equal(audit[0].after.mode, 'listed');
	});

	test('projects\' performance: targets, results, spending and grade', T, async () => {
		const body = {
			zone_id: ids[E], year: 2025, name: '智能制造公共服务平台', subject_code: '20601',
			funds_fen: 500000000, spent_fen: 412345678, target: '服务企业不少于50家', result: '服务企业56家', score: 85,
		};
		h.assertError(await c.zone1.post('/api/budget-projects', body), 403, 'forbidden');
		h.assertError(await c.ndrc1.post('/api/budget-projects', body), 403, 'capability_required');
		h.assertError(await c.finance1.post('/api/budget-projects', { ...body, score: 101 }), 400, 'out_of_range', '/score');
		h.assertError(await c.finance1.post('/api/budget-projects', { ...body, funds_fen: 0 }), 400, 'invalid_value', '/funds_fen');
		h.assertError(await c.finance1.post('/api/budget-projects', { ...body, subject_code: '2060' }), 400, 'invalid_value', '/subject_code');
		h.assertError(await c.finance1.post('/api/budget-projects', { ...body, zone_id: ids['市财政局'] }), 400, 'invalid_value', '/zone_id');
		let r = await c.finance1.post('/api/budget-projects', body);
		assert.equal(r.status, 201, r.text);
		const p = r.json;
		assert.deepEqual([p.spent_rate_bp, p.grade, p.grade_label, p.zone_name], [8247, 'good', '良', E]);
		r = await c.finance1.post('/api/budget-projects', { ...body, name: '未评价项目', score: null, spent_fen: 0 });
		assert.equal(r.status, 201, r.text);
		assert.deepEqual([r.json.score, r.json.grade, r.json.spent_rate_bp], [null, null, 0]);
		h.assertError(await c.zone2.get(`/api/budget-projects/${p.id}`), 404, 'not_found');
		assert.equal((await c.zone2.get('/api/budget-projects')).json.total, 0);
		r = await c.zone1.get(`/api/budget-projects?year=2025&zone_id=${ids[E]}&page_size=1`);
		assert.equal(r.json.total, 2);
		assert.equal(r.json.items.length, 1);
		r = await c.finance1.put(`/api/budget-projects/${p.id}`, { ...body, score: 92 });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.grade_label, '优');
		r = await c.super1.get('/api/budget-projects/export.xlsx?year=2025');
		assert.equal(r.status, 200, r.text);
		const x = readXlsx(r.buf);
		assert.equal(x.length, 3);
		assert.equal(x[0][6], '支出进度');
	});

	test('a project entered by mistake is deleted by the finance bureau, audited; not one a 督办单 is about', T, async () => {
		const mine = async () => (await c.finance1.get('/api/budget-projects?year=2025&page_size=50')).json.items;
		const [kept, wrong] = (await mine()).sort((a, b) => a.id - b.id);
		h.assertError(await c.zone1.del(`/api/budget-projects/${wrong.id}`), 403, 'forbidden');
		h.assertError(await c.ndrc1.del(`/api/budget-projects/${wrong.id}`), 403, 'capability_required');
		const r = await c.finance1.del(`/api/budget-projects/${wrong.id}`);
		assert.equal(r.status, 204, r.text);
		assert.deepEqual((await mine()).map((p) => p.id), [kept.id]);
		h.assertError(await c.finance1.del(`/api/budget-projects/${wrong.id}`), 404, 'not_found');
		const log = (await c.auditor1.get(`/api/audit?entity_type=budget_project&entity_id=${wrong.id}`)).json.items;
		assert.deepEqual([log[0].action, log[0].before.name, log[0].after], ['delete', '未评价项目', null]);
		// a 督办单 about the other keeps its subject
		const n = await c.office1.post('/api/notices', { org_id: kept.zone_id, entity_type: 'budget_project', entity_id: kept.id, subject: '关于预算项目执行进度的督办通知', body: '请说明原因。', reply_due: h.day(10), draft: true });
		assert.equal(n.status, 201, n.text);
		const refused = await c.finance1.del(`/api/budget-projects/${kept.id}`);
		h.assertError(refused, 409, 'invalid_state');
		assert.equal(refused.json.error.message, '已有督办单针对该项目，不能删除；如有错误请修改项目内容');
		assert.equal((await mine()).length, 1);
	});
});
