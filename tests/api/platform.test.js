'use strict';
// platform.test.js - platform companies (art. 12, 13) on SQLite or PostgreSQL: who reads and who
// writes (the zone its own companies, 市国资委 with supervise_platform every zone's, nobody else);
// a zone never sees another's company; shareholders' stakes adding up to 100 %; the separation
// checklist done only with evidence (a note or a file); yearly figures entered and imported; the
// debt-risk readings worked by hand below; the warning lines set by 国资委; the board and a 督办单
// draft raised from it; exports; the audit records.
//
// The worked example, 2025 (fen; ratios in basis points, half-up once, then compared with the
// lines of a non-industrial company, 国资委 2018: 资产负债率 70 % / 75 %; kfq's: 带息负债比率
// 70 / 80 %, 流动比率 below 100 / 80 %, 担保 50 / 100 % of net assets):
//   assets 300,000,000, liabilities 216,004,500: 216,004,500 × 10000 / 300,000,000 = 7200.15
//     -> 7200, over the warning line (7000), not the key (7500): warning
//   interest-bearing 172,803,600 / 216,004,500 = 8000 exactly: on the key line -> warning
//   current assets 90,000,000 / current liabilities 100,000,001 = 8999.9999 -> 9000: below
//     10000, not below 8000 -> warning
//   guarantees 50,000,000 / net assets 83,995,500 = 5952.699 -> 5953: warning
// 2024: assets 100,000,000, liabilities 76,000,050: 7600.005 -> 7600, over 7500: key; no
//   current liabilities: no current ratio.
// With 国资委's lines for non-industrial companies moved to 73 % / 78 %, 7200 is within them.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');
const { writeXlsx, readXlsx } = require('./xlsx');
const { bothExports } = require('./exports');

const T = { timeout: h.STEP_TIMEOUT };
const E = h.ORG.econ;
const S = h.ORG.shengli;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

const USERS = [
	...h.DEFAULT_USERS,
	{ username: 'sasac1', org: '市国资委', role: 'department' },
	{ username: 'ndrc1', org: '市发改委', role: 'department' },
];

const CODE = { econ: '91440300192317458F', shengli: '91440300708461136T', other: '91110108551385082Q' };

const SHEET_2025 = {
	assets_fen: 300000000, liabilities_fen: 216004500, interest_bearing_fen: 172803600,
	current_assets_fen: 90000000, current_liabilities_fen: 100000001, guarantees_fen: 50000000,
	revenue_fen: 45000000, profit_fen: -1234567,
};

const HEADER = ['统一社会信用代码', '年度', '资产总额（元）', '负债总额（元）', '带息负债（元）', '流动资产（元）',
	'流动负债（元）', '对外担保余额（元）', '营业收入（元）', '利润总额（元）'];

describe('platform companies', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, ids, econ;

	before(async () => {
		srv = await h.startServer({ users: USERS });
		c = await h.loginAll(srv, ['admin', 'office1', 'zone1', 'zone2', 'county1', 'auditor1', 'super1', 'sasac1', 'ndrc1']);
		ids = await h.orgIds(c.office1);
		// what the seed's article 12 grants its responsible department (the harness imports no policy)
		const g = await c.office1.post('/api/capabilities/grants', { org_id: ids['市国资委'], capability: 'supervise_platform' });
		assert.equal(g.status, 201, g.text);
	});

	after(async () => {
		if (srv) await srv.close();
	});

	const company = (over = {}) => ({
		zone_id: ids[E], name: '抚顺经开区开发建设投资有限公司', uscc: CODE.econ, type: 'non_industrial',
		established_on: '2016-03-18',
		shareholders: [
			{ name: '抚顺经济开发区管委会', kind: 'state', stake_bp: 6667 },
			{ name: '辽宁省产业投资基金', kind: 'strategic', stake_bp: 3333 },
		],
		injections: [{ asset: '标准化厂房土地使用权', valuation_fen: 18000000000, injected_on: '2024-06-28' }],
		...over,
	});
	const reading = (x, code) => x.readings.find((r) => r.indicator === code);
	const values = (x) => x.readings.map((r) => [r.indicator, r.value_bp, r.level]);

	test('who reads and who writes; a zone sees only its own companies', T, async () => {
		for (const name of ['admin', 'auditor1']) h.assertError(await c[name].get('/api/platform-companies'), 403, 'forbidden');
		h.assertError(await c.county1.post('/api/platform-companies', company()), 403, 'forbidden');
		h.assertError(await c.ndrc1.post('/api/platform-companies', company()), 403, 'capability_required');
		// a zone keeps its own, never another's
		h.assertError(await c.zone2.post('/api/platform-companies', company()), 400, 'invalid_value', '/zone_id');
		let r = await c.zone1.post('/api/platform-companies', company());
		assert.equal(r.status, 201, r.text);
		econ = r.json;
		assert.deepEqual([econ.zone_name, econ.type_label, econ.may_write, econ.duties.length], [E, '非工业企业', true, 6]);
		assert.deepEqual(econ.shareholders.map((s) => [s.name, s.kind_label, s.stake_bp]),
			[['抚顺经济开发区管委会', '国有资本', 6667], ['辽宁省产业投资基金', '战略投资者', 3333]]);
		assert.deepEqual(econ.duties.map((d) => [d.duty, d.owner, d.status]), [
			['policy', 'committee', 'todo'], ['planning', 'committee', 'todo'], ['approval', 'committee', 'todo'],
			['development', 'company', 'todo'], ['attraction', 'company', 'todo'], ['capital', 'company', 'todo'],
		]);
		// 市国资委 keeps every zone's
		r = await c.sasac1.post('/api/platform-companies', company({ zone_id: ids[S], name: '胜利开发区建设有限公司', uscc: CODE.shengli, type: 'industrial' }));
		assert.equal(r.status, 201, r.text);
		const other = r.json;
		// another zone's company answers as a missing one, for reading and writing
		h.assertError(await c.zone2.get(`/api/platform-companies/${econ.id}`), 404, 'not_found');
		h.assertError(await c.zone2.put(`/api/platform-companies/${econ.id}`, company()), 404, 'not_found');
		h.assertError(await c.zone2.put(`/api/platform-companies/${econ.id}/sheets/2025`, SHEET_2025), 404, 'not_found');
		h.assertError(await c.county1.get(`/api/platform-companies/${econ.id}`), 404, 'not_found');
		const names = async (client) => (await client.get('/api/platform-companies')).json.items.map((x) => x.name);
		assert.deepEqual(await names(c.zone1), ['抚顺经开区开发建设投资有限公司']);
		assert.deepEqual(await names(c.zone2), ['胜利开发区建设有限公司']);
		assert.deepEqual(await names(c.county1), []);
		assert.equal((await names(c.office1)).length, 2);
		assert.equal((await names(c.super1)).length, 2);
		assert.equal((await names(c.ndrc1)).length, 2);
		// the zone reads 国资委's company of its own zone and may keep it; a supervisor only reads
		assert.equal((await c.zone2.get(`/api/platform-companies/${other.id}`)).json.may_write, true);
		assert.equal((await c.super1.get(`/api/platform-companies/${other.id}`)).json.may_write, false);
		h.assertError(await c.super1.put(`/api/platform-companies/${other.id}`, company()), 403, 'forbidden');
		r = await c.zone1.get(`/api/platform-companies?q=${encodeURIComponent('经开区')}`);
		assert.equal(r.json.total, 1);
		const audit = (await c.auditor1.get('/api/audit?entity_type=platform_company')).json.items;
		assert.deepEqual(audit.map((a) => a.action), ['create', 'create']);
		assert.equal(audit[1].after.shareholders[0].stake_bp, 6667);
	});

	test('bad input: stakes not adding up, a wrong check character, a duplicate code, bad dates', T, async () => {
		const before = (await c.auditor1.get('/api/audit?entity_type=platform_company')).json.total;
		const post = (over) => c.zone1.post('/api/platform-companies', company({ uscc: CODE.other, ...over }));
		let r = await post({ shareholders: [{ name: 'A', kind: 'state', stake_bp: 6666 }, { name: 'B', kind: 'strategic', stake_bp: 3333 }] });
		h.assertError(r, 400, 'invalid_value', '/shareholders');
		assert.equal(r.json.error.message, '各股东持股比例合计应为100%，现为99.99%');
		h.assertError(await post({ shareholders: [] }), 400, 'invalid_value', '/shareholders');
		h.assertError(await post({ shareholders: [{ name: 'A', kind: '国资', stake_bp: 10000 }] }), 400, 'invalid_value', '/shareholders/0/kind');
		h.assertError(await post({ shareholders: [{ name: 'A', kind: 'state', stake_bp: 10001 }] }), 400, 'out_of_range', '/shareholders/0/stake_bp');
		r = await post({ uscc: '91440300192317458A' });
		h.assertError(r, 400, 'invalid_value', '/uscc');
		assert.equal(r.json.error.message, '统一社会信用代码校验位错误：第18位应为F，当前为A');
		h.assertError(await post({ uscc: CODE.econ }), 409, 'duplicate', '/uscc');
		h.assertError(await post({ type: '工业' }), 400, 'invalid_value', '/type');
		h.assertError(await post({ established_on: '2016-02-30' }), 400, 'invalid_value', '/established_on');
		h.assertError(await post({ injections: [{ asset: '厂房', valuation_fen: 1, injected_on: '2024/06/28' }] }), 400, 'invalid_value', '/injections/0/injected_on');
		h.assertError(await post({ injections: [{ asset: '厂房', valuation_fen: 0, injected_on: '2024-06-28' }] }), 400, 'out_of_range', '/injections/0/valuation_fen');
		h.assertError(await post({ zone_id: ids['市国资委'] }), 400, 'invalid_value', '/zone_id');
		h.assertError(await post({ extra: 1 }), 400, 'unknown_field', '/extra');
		// nothing was written
		assert.equal((await c.auditor1.get('/api/audit?entity_type=platform_company')).json.total, before);
		assert.equal((await c.office1.get('/api/platform-companies')).json.total, 2);
	});

	test('the checklist: done only with evidence; files through the shared attachments', T, async () => {
		const put = (client, duty, body) => client.put(`/api/platform-companies/${econ.id}/duties/${duty}`, body);
		h.assertError(await put(c.zone1, 'approval', { status: 'done' }), 400, 'invalid_value', '/evidence');
		h.assertError(await put(c.zone1, 'approval', { status: 'finished' }), 400, 'invalid_value', '/status');
		h.assertError(await put(c.zone1, 'budgeting', { status: 'doing' }), 404, 'not_found');
		h.assertError(await put(c.zone2, 'approval', { status: 'doing' }), 404, 'not_found');
		let r = await put(c.zone1, 'approval', { status: 'done', evidence: '《经开区管委会职能配置方案》已印发' });
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(r.json.duties.find((d) => d.duty === 'approval').status_label, '已完成');
		// a file alone is evidence too
		const up = await c.zone1.post(`/api/attachments?for=platform_duty&name=${encodeURIComponent('股权划转批复.pdf')}`, PDF, { raw: true, contentType: 'application/octet-stream' });
		assert.equal(up.status, 201, up.text);
		r = await put(c.zone1, 'capital', { status: 'done', attachment_ids: [up.json.id] });
		assert.equal(r.status, 200, r.text);
		const capital = r.json.duties.find((d) => d.duty === 'capital');
		assert.deepEqual([capital.status, capital.files.length, capital.files[0].filename], ['done', 1, '股权划转批复.pdf']);
		// the same upload cannot be claimed twice
		h.assertError(await put(c.zone1, 'attraction', { status: 'doing', attachment_ids: [up.json.id] }), 400, 'invalid_value', '/attachment_ids');
		// the file is read by whoever sees the company, not by another zone
		assert.equal((await c.office1.get(`/api/attachments/${up.json.id}`)).status, 200);
		h.assertError(await c.zone2.get(`/api/attachments/${up.json.id}`), 404, 'not_found');
		const audit = (await c.auditor1.get('/api/audit?entity_type=platform_duty')).json.items;
		assert.equal(audit.length, 2);
		assert.equal(audit[0].after.status, 'done');
		assert.equal(audit[0].before.status, 'todo');
	});

	test('yearly figures: the readings worked by hand; bad figures refused whole', T, async () => {
		const put = (client, year, body) => client.put(`/api/platform-companies/${econ.id}/sheets/${year}`, body);
		h.assertError(await put(c.zone1, 2025, { ...SHEET_2025, interest_bearing_fen: 216004501 }), 400, 'invalid_value', '/interest_bearing_fen');
		h.assertError(await put(c.zone1, 2025, { ...SHEET_2025, current_assets_fen: 300000001 }), 400, 'invalid_value', '/current_assets_fen');
		h.assertError(await put(c.zone1, 2025, { ...SHEET_2025, assets_fen: -1 }), 400, 'out_of_range', '/assets_fen');
		h.assertError(await put(c.zone1, 1999, SHEET_2025), 400, 'invalid_parameter', 'year');
		// a year to come, or one before the company was established (2016-03-18), has no figures
		const thisYear = new Date(Date.now() + 8 * 3600e3).getUTCFullYear();
		let bad = h.assertError(await put(c.zone1, thisYear + 1, SHEET_2025), 400, 'invalid_value', 'year');
		assert.equal(bad.json.error.message, `年度不能晚于本年（${thisYear}年）`);
		bad = h.assertError(await put(c.zone1, 2015, SHEET_2025), 400, 'invalid_value', 'year');
		assert.equal(bad.json.error.message, '年度早于公司成立的年度（2016年）');
		h.assertError(await put(c.ndrc1, 2025, SHEET_2025), 403, 'capability_required');
		assert.deepEqual((await c.zone1.get(`/api/platform-companies/${econ.id}`)).json.sheets, []);
		let r = await put(c.zone1, 2025, SHEET_2025);
		assert.equal(r.status, 200, r.text);
		// over the warning line: 国资委 and the office are told (the refused puts told nobody)
		const risk = async (who) => (await c[who].get('/api/inbox')).json.items.filter((x) => x.kind === 'platform_risk');
		const title25 = `抚顺经开区开发建设投资有限公司（${E}）2025年度债务风险指标越过预警线，请关注`;
		for (const who of ['sasac1', 'office1']) {
			assert.deepEqual((await risk(who)).map((x) => [x.title, x.link, x.entity_type, x.entity_id, x.actor_name]), [
				[title25, '/platform/board?year=2025', 'platform_company', econ.id, 'zone1'],
			], who);
		}
		for (const who of ['zone1', 'ndrc1', 'super1', 'zone2']) assert.deepEqual(await risk(who), [], who);
		// the same figures again raise nothing new
		assert.equal((await put(c.zone1, 2025, SHEET_2025)).status, 200);
		assert.equal((await risk('office1')).length, 1);
		r = await put(c.sasac1, 2024, {
			assets_fen: 100000000, liabilities_fen: 76000050, interest_bearing_fen: 0, current_assets_fen: 0,
			current_liabilities_fen: 0, guarantees_fen: 0, revenue_fen: 0, profit_fen: 0,
		});
		assert.equal(r.status, 200, r.text);
		const [y25, y24] = r.json.sheets;
		assert.deepEqual([y25.year, y24.year], [2025, 2024]);
		assert.deepEqual(values(y25), [['debt_ratio', 7200, 'warning'], ['interest_share', 8000, 'warning'],
			['current_ratio', 9000, 'warning'], ['guarantee', 5953, 'warning']]);
		assert.equal(y25.level, 'warning');
		assert.deepEqual([reading(y25, 'debt_ratio').warning_bp, reading(y25, 'debt_ratio').key_bp], [7000, 7500]);
		assert.equal(reading(y25, 'current_ratio').lower_is_worse, true);
		assert.deepEqual(values(y24), [['debt_ratio', 7600, 'key'], ['interest_share', 0, 'normal'],
			['current_ratio', null, 'normal'], ['guarantee', 0, 'normal']]);
		assert.equal(y24.level, 'key');
		// 2024 at the key line: the office is told; 国资委 entered it itself
		assert.deepEqual((await risk('office1')).map((x) => x.title), [
			`抚顺经开区开发建设投资有限公司（${E}）2024年度债务风险指标越过重点监管线，请关注`, title25,
		]);
		assert.equal((await risk('sasac1')).length, 1);
		// 我的待办: the companies over a line in the board's year, for the office and 国资委 only
		const board = (await c.office1.get('/api/platform-board')).json;
		for (const who of ['office1', 'sasac1']) {
			const t = (await c[who].get('/api/todos')).json.items.find((x) => x.key === 'platform_over_lines');
			assert.deepEqual([t.label, t.count, t.link], ['债务风险越线的平台公司', board.key + board.warning, `/platform/board?year=${board.year}`], who);
		}
		for (const who of ['ndrc1', 'zone1', 'county1', 'super1']) {
			assert.equal((await c[who].get('/api/todos')).json.items.find((x) => x.key === 'platform_over_lines'), undefined, who);
		}
		assert.equal(y25.profit_fen, -1234567);
		// the list shows the latest year
		const item = (await c.zone1.get('/api/platform-companies')).json.items[0];
		assert.deepEqual([item.latest.year, item.latest.level, reading(item.latest, 'debt_ratio').value_bp], [2025, 'warning', 7200]);
		const audit = (await c.auditor1.get('/api/audit?entity_type=platform_sheet')).json.items;
		assert.deepEqual(audit.map((a) => [a.action, a.entity_id]), [['create', `${econ.id}/2024`], ['update', `${econ.id}/2025`], ['create', `${econ.id}/2025`]]);
		assert.equal(audit[1].after.liabilities_fen, 216004500);
	});

	test('the board: companies over a line, and a 督办单 draft raised from one', T, async () => {
		let r = await c.office1.get('/api/platform-board?year=2024');
		assert.equal(r.status, 200, r.text);
		assert.deepEqual([r.json.key, r.json.warning, r.json.normal, r.json.missing], [1, 0, 0, 1]);
		assert.equal(r.json.items[0].name, '抚顺经开区开发建设投资有限公司');
		// the one without the year's figures, by name
		assert.deepEqual(r.json.missing_items.map((x) => [x.name, x.zone_name]), [['胜利开发区建设有限公司', h.ORG.shengli]]);
		r = await c.sasac1.get('/api/platform-board?year=2025');
		assert.deepEqual([r.json.key, r.json.warning, r.json.year], [0, 1, 2025]);
		assert.equal((await c.zone2.get('/api/platform-board?year=2025')).json.items.length, 0);
		h.assertError(await c.office1.get('/api/platform-board?year=1999'), 400, 'invalid_parameter', 'year');
		// the office raises a draft about the company; 国资委 issues none
		const notice = {
			org_id: ids[E], entity_type: 'platform_company', entity_id: econ.id,
			subject: '关于平台公司资产负债率超过预警线的督办通知', body: '请于期限内报送降负债工作方案。', reply_due: h.day(10), draft: true,
		};
		h.assertError(await c.sasac1.post('/api/notices', notice), 403, 'forbidden');
		h.assertError(await c.office1.post('/api/notices', { ...notice, org_id: ids[S] }), 400, 'invalid_value', '/entity_id');
		r = await c.office1.post('/api/notices', notice);
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.status, 'draft');
		assert.equal(r.json.entity_label, '平台公司“抚顺经开区开发建设投资有限公司”');
		assert.equal(r.json.entity_link, `/platform/companies/${econ.id}`);
		// the board's export
		r = await c.super1.get('/api/platform-board/export.xlsx?year=2025');
		assert.equal(r.status, 200, r.text);
		const x = readXlsx(r.buf);
		assert.equal(x.length, 3);
		// the company without the year's figures is named too, its figures blank
		assert.deepEqual(x[2], [h.ORG.shengli, '胜利开发区建设有限公司', '工业企业', '2025', '', '', '', '', '', '', '', '未填报']);
		assert.deepEqual(x[0].slice(7), ['资产负债率', '带息负债比率', '流动比率', '担保比率', '风险等级']);
		// ratios are numbers formatted as percentages: back to basis points
		assert.deepEqual(x[1].slice(7, 11).map((v) => Math.round(Number(v) * 10000)), [7200, 8000, 9000, 5953]);
		assert.equal(x[1][11], '超预警线');
	});

	test('warning lines: 国资委 sets them by company type; nobody else', T, async () => {
		const lines = [
			{ indicator: 'debt_ratio', warning_bp: 7300, key_bp: 7800 },
			{ indicator: 'interest_share', warning_bp: 7000, key_bp: 8000 },
			{ indicator: 'current_ratio', warning_bp: 10000, key_bp: 8000 },
			{ indicator: 'guarantee', warning_bp: 5000, key_bp: 10000 },
		];
		h.assertError(await c.zone1.put('/api/platform-lines/non_industrial', { lines }), 403, 'capability_required');
		h.assertError(await c.office1.put('/api/platform-lines/non_industrial', { lines }), 403, 'forbidden');
		h.assertError(await c.sasac1.put('/api/platform-lines/shipping', { lines }), 404, 'not_found');
		h.assertError(await c.sasac1.put('/api/platform-lines/non_industrial', { lines: lines.slice(1) }), 400, 'invalid_value', '/lines');
		let r = await c.sasac1.put('/api/platform-lines/non_industrial', { lines: [{ ...lines[0], key_bp: 7200 }, ...lines.slice(1)] });
		h.assertError(r, 400, 'invalid_value', '/lines/0/key_bp');
		r = await c.sasac1.put('/api/platform-lines/non_industrial', { lines: [lines[0], { ...lines[2], key_bp: 11000 }, lines[1], lines[3]] });
		h.assertError(r, 400, 'invalid_value', '/lines/1/key_bp');
		r = await c.sasac1.put('/api/platform-lines/non_industrial', { lines });
		assert.equal(r.status, 200, r.text);
		const all = (await c.zone1.get('/api/platform-lines')).json.items;
		assert.deepEqual(all.map((t) => [t.type, t.lines[0].warning_bp, t.lines[0].key_bp]),
			[['industrial', 6500, 7000], ['non_industrial', 7300, 7800], ['research', 6000, 6500]]);
		const y25 = (await c.zone1.get(`/api/platform-companies/${econ.id}`)).json.sheets[0];
		assert.deepEqual([reading(y25, 'debt_ratio').value_bp, reading(y25, 'debt_ratio').level], [7200, 'normal']);
		const audit = (await c.auditor1.get('/api/audit?entity_type=platform_line')).json.items;
		assert.equal(audit.length, 1);
		assert.equal(audit[0].before.lines[0].warning_bp, 7000);
		assert.equal(audit[0].after.lines[0].warning_bp, 7300);
	});

	test('the yearly figures imported: template, every bad row, a zone only its own companies', T, async () => {
		const upload = (client, buf, name) =>
			client.post(`/api/imports/platform-sheets?name=${encodeURIComponent(name)}`, buf, { raw: true, contentType: 'application/octet-stream' });
		let r = await c.zone1.get('/api/imports/platform-sheets/template.xlsx');
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(readXlsx(r.buf)[0], HEADER);
		const bad = writeXlsx([
			HEADER,
			[CODE.econ, 2023, '1000.00', '1000.01', '0', '0', '0', '0', '0', '0'],
			[CODE.shengli, 2023, '1000.00', '500.00', '0', '0', '0', '0', '0', '0'],
			['91440300192317458A', 2023, '1000.00', '500.00', '0', '0', '0', '0', '0', '0'],
			[CODE.econ, 2022, '1000.00', '500.00', '600.00', '0', '0', '0', '0', '0'],
			[CODE.other, 2023, '一千', '500.00', '0', '0', '0', '0', '0', '0'],
			[CODE.econ, 2023, '1000.00', '500.00', '0', '0', '0', '0', '0', '0'],
			[CODE.econ, 2099, '1000.00', '500.00', '0', '0', '0', '0', '0', '0'],
		]);
		r = await upload(c.zone1, bad, 'bad.xlsx');
		h.assertError(r, 422, 'import_rejected');
		// row 2 itself is good: liabilities may exceed the assets
		assert.deepEqual(r.json.import.problems.map((p) => `${p.row} ${p.column} ${p.message}`), [
			`3 统一社会信用代码 统一社会信用代码为${CODE.shengli}的平台公司未登记，或不属于本单位维护的开发区`,
			'4 统一社会信用代码 统一社会信用代码校验位错误：第18位应为F，当前为A',
			'5 带息负债（元） 带息负债不能超过负债总额',
			'6 资产总额（元） 应为数字',
			`6 统一社会信用代码 统一社会信用代码为${CODE.other}的平台公司未登记，或不属于本单位维护的开发区`,
			`7 null 与第2行重复（统一社会信用代码 = ${CODE.econ}，年度 = 2023）`,
			`8 年度 年度不能晚于本年（${new Date(Date.now() + 8 * 3600e3).getUTCFullYear()}年）`,
		]);
		assert.equal((await c.zone1.get(`/api/platform-companies/${econ.id}`)).json.sheets.length, 2);
		// 1,000.00 of assets and 750.05 of liabilities: 7500.5 -> 7501 bp, past 国资委's 73 % line
		const good = writeXlsx([HEADER, [CODE.econ, 2023, '1,000.00', '750.05', '100.00', '0', '0', '0', '88.00', '-5.50']]);
		r = await upload(c.zone1, good, '2023.xlsx');
		assert.equal(r.status, 201, r.text);
		r = await upload(c.zone1, good, '2023-again.xlsx');
		assert.equal(r.json.outcome, 'unchanged');
		// the same bytes from another zone are read row by row and refused as its own file would
		// be: it is not told that the economic zone imported them
		r = await upload(c.zone2, good, '2023.xlsx');
		h.assertError(r, 422, 'import_rejected');
		assert.equal(r.json.import.previous_id ?? null, null);
		assert.match(r.json.import.problems[0].message, /未登记，或不属于本单位维护的开发区/);
		const y23 = (await c.zone1.get(`/api/platform-companies/${econ.id}`)).json.sheets[2];
		assert.deepEqual([y23.year, y23.assets_fen, y23.liabilities_fen, y23.profit_fen], [2023, 100000, 75005, -550]);
		assert.deepEqual([reading(y23, 'debt_ratio').value_bp, reading(y23, 'debt_ratio').level], [7501, 'warning']);
		// 国资委 imports any zone's; a county imports nothing
		r = await upload(c.sasac1, writeXlsx([HEADER, [CODE.shengli, 2025, '100.00', '10.00', '0', '0', '0', '0', '0', '0']]), 's.xlsx');
		assert.equal(r.status, 201, r.text);
		h.assertError(await upload(c.county1, good, 'c.xlsx'), 403, 'forbidden');
	});

	test('the list exported as .xlsx and as CSV with its filters; a formula in a name is neutralised', T, async () => {
		const r = await c.office1.get('/api/platform-companies/export.xlsx');
		assert.equal(r.status, 200, r.text);
		const x = readXlsx(r.buf);
		assert.deepEqual(x[0], ['开发区', '公司名称', '统一社会信用代码', '企业类型', '最近年度', '资产总额（元）', '负债总额（元）', '资产负债率', '风险等级']);
		const row = x.find((l) => l[2] === CODE.econ);
		// 国资委's 73 % line by now: the debt ratio is within it, the other three still past theirs
		assert.deepEqual(row.slice(4, 7).map(Number), [2025, 3000000, 2160045]);
		assert.equal(Math.round(Number(row[7]) * 10000), 7200);
		assert.equal(row[8], '超预警线');
		// the CSV twin, filtered by zone and by text
		let rows = await bothExports(c.office1, '/api/platform-companies', `?zone_id=${ids[h.ORG.econ]}`);
		assert.deepEqual(rows.slice(1).map((l) => l[2]), [CODE.econ]);
		assert.deepEqual(rows[1].slice(3, 9), ['非工业企业', '2025', '3000000.00', '2160045.00', '72.00%', '超预警线']);
		assert.equal((await bothExports(c.zone2, '/api/platform-companies')).length, 1 + (await c.zone2.get('/api/platform-companies')).json.total);
		await h.sqlOk(srv.db, `UPDATE platform_company SET name = '=1+1' WHERE uscc = '${CODE.econ}'`);
		rows = await bothExports(c.office1, '/api/platform-companies', '?q=%3D1');
		assert.deepEqual(rows.slice(1).map((l) => [l[1], l[2]]), [["'=1+1", CODE.econ]]);
		h.assertError(await c.office1.get('/api/platform-companies/export.csv?page=1'), 400, 'unknown_parameter', 'page');
	});

	test('a company entered by mistake is deleted, audited; not one with work of its own', T, async () => {
		let r = await c.zone1.post('/api/platform-companies', company({ name: '误录公司', uscc: '91440300MA5D0A0X1B', injections: [] }));
		assert.equal(r.status, 201, r.text);
		const wrong = r.json.id ?? r.json.company.id;
		h.assertError(await c.zone2.del(`/api/platform-companies/${wrong}`), 404, 'not_found');
		h.assertError(await c.ndrc1.del(`/api/platform-companies/${wrong}`), 403, 'capability_required');
		r = await c.zone1.del(`/api/platform-companies/${wrong}`);
		assert.equal(r.status, 204, r.text);
		h.assertError(await c.zone1.get(`/api/platform-companies/${wrong}`), 404, 'not_found');
		const log = (await c.auditor1.get(`/api/audit?entity_type=platform_company&entity_id=${wrong}`)).json.items;
		assert.deepEqual([log[0].action, log[0].before.name, log[0].after], ['delete', '误录公司', null]);
		// the economic zone's company has years of figures and a 督办单: kept
		const econ = (await c.zone1.get('/api/platform-companies')).json.items.find((x) => x.uscc === CODE.econ);
		r = await c.zone1.del(`/api/platform-companies/${econ.id}`);
		h.assertError(r, 409, 'invalid_state');
		assert.equal(r.json.error.message, '该公司已有年度财务数据、清单进展或督办单，不能删除；如有错误请修改');
		assert.equal((await c.zone1.get(`/api/platform-companies/${econ.id}`)).status, 200);
	});
});
