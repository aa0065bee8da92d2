'use strict';
// money_import.test.js - the registry and the yearly tax figures imported from spreadsheets, on
// SQLite or PostgreSQL: the templates; a zone imports its enterprises (a code's check character
// verified, a dropped leading zero of the industry code put back, another zone refused); every
// bad row of a bad file reported with nothing written; the finance bureau imports two years of
// tax (.xlsx number and text cells, a refund), computes the worked example below by hand, confirms
// it, imports a corrected GBK CSV and gets version 2 beside the frozen version 1.
//
// The worked example (2024 and 2025 both: 增值税 25 %, 企业所得税 20 %, 房产税 100 % retained,
// ratio 50 %, base year 2024), in fen; e4 = 1/10000 fen:
//   A (attracted, settled 2020): 2025 增值税 120,000 × 2500 + 企业所得税 30,000 × 2000
//     + 房产税 5,001 × 10000 = 410,010,000 e4; 2024 100,000 × 2500 + 50,000 × 2000
//     = 350,000,000 e4; increment 60,010,000 e4
//   B (attracted, settled 2025, after the base year: base 0): 33,333 × 2500 = 83,332,500 e4
//   C (not attracted): not counted, whatever its tax (a refund here)
//   zone: 143,342,500 e4 = 14,334.25 fen × 50 % = 7,167.125 → 7,167 fen
//   corrected: B's 增值税 43,333 fen: + 25,000,000 e4 → 168,342,500 e4 = 16,834.25 × 50 %
//     = 8,417.125 → 8,417 fen, as version 2; version 1 stays 7,167

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const h = require('./harness');
const { writeXlsx, readXlsx } = require('./xlsx');

const T = { timeout: h.STEP_TIMEOUT };

const USERS = [
	...h.DEFAULT_USERS,
	{ username: 'finance1', org: '市财政局', role: 'department' },
	{ username: 'ndrc1', org: '市发改委', role: 'department' },
];

const ENT_HEADER = ['统一社会信用代码', '企业名称', '所在开发区', '地址', '行业代码', '行业', '规模', '成立日期', '招商引资', '签约日期', '落地注册日期', '投产日期'];
const TAX_HEADER = ['统一社会信用代码', '企业名称', '年度', '税种', '税额（元）'];

// Well-formed codes (GB 32100-2015 check characters); A to C are imported, D is never registered.
const A = '91210400MA0U00000J';
const B = '91210400MA0U00001M';
const C = '91210400MA0U00002Q';
const D = '91210400MA0U00003U';

function shares() {
	const codes = ['vat', 'consumption', 'cit', 'iit', 'resource', 'city_maint', 'property', 'land_use',
		'land_vat', 'stamp', 'vehicle', 'farmland', 'deed', 'environment'];
	const base = { vat: 2500, cit: 2000, property: 10000 };
	return codes.map((c) => ({ tax_type: c, share_bp: base[c] ?? 0 }));
}

describe('imports of enterprises and tax', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, econ;
	const id = {};

	before(async () => {
		srv = await h.startServer({ users: USERS });
		c = await h.loginAll(srv, ['office1', 'zone1', 'zone2', 'finance1', 'ndrc1']);
		const ids = await h.orgIds(c.office1);
		econ = ids[h.ORG.econ];
		// what the seed's article 6 grants its lead, 市财政局 (the harness imports no policy)
		const g = await c.office1.post('/api/capabilities/grants', { org_id: ids['市财政局'], capability: 'confirm_revenue' });
		assert.equal(g.status, 201, g.text);
	});

	after(async () => {
		if (srv) await srv.close();
	});

	const upload = h.importFile;
	const problems = h.importProblems;
	const enterpriseCount = async () => (await c.office1.get('/api/enterprises?page_size=1')).json.total;
	const taxesOf = async (eid) => {
		const r = await c.finance1.get(`/api/enterprises/${eid}`);
		assert.equal(r.status, 200, r.text);
		return Object.fromEntries(r.json.taxes.map((y) => [y.year, y.amounts]));
	};

	test('the templates: the registry\'s export columns, the tax columns', T, async () => {
		let r = await c.zone1.get('/api/imports/enterprises/template.xlsx');
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(readXlsx(r.buf)[0], ENT_HEADER);
		r = await c.finance1.get('/api/imports/taxes/template.xlsx');
		assert.equal(r.status, 200, r.text);
		const rows = readXlsx(r.buf);
		assert.deepEqual(rows[0], TAX_HEADER);
		assert.deepEqual(rows[1], ['91210400MA0U00000J', '抚顺示例新材料有限公司', '2025', '增值税', '1234567.89']);
		// the registry's own export imports back: same header
		r = await c.zone1.get('/api/enterprises/export.xlsx');
		assert.deepEqual(readXlsx(r.buf)[0], ENT_HEADER);
		h.assertError(await c.zone1.get('/api/imports/taxes/template.xlsx'), 403, 'forbidden');
	});

	test('a file with bad rows: every problem reported, nothing written', T, async () => {
		const before = await enterpriseCount();
		const file = writeXlsx([
			ENT_HEADER,
			['91210400MA0U00000A', '甲', h.ORG.econ, null, '3011', null, '规上', '2020-01-01', '否'],
			[B, '乙', h.ORG.shengli, null, '3011', null, '规上', '2020-01-01', '否'],
			[C, '丙', h.ORG.econ, null, '301', null, '规上', '2020-01-01', '否'],
			[D, '丁', h.ORG.econ, null, '3011', null, '中型', '2020-02-30', '否'],
			[A, '戊', h.ORG.econ, null, '3011', null, '规下', '2020-01-01', '否', '2019-12-01'],
			[A, '己', h.ORG.econ, null, '3011', null, '规下', '2020-01-01', '否'],
			// every problem of a row at once: the code, and both dates out of order
			['91210400MA0U00004Y', '庚', h.ORG.econ, null, '9999', null, '规上', '2020-01-01', '是', '2024-03-01', '2019-05-01', '2024-02-01'],
		]);
		const r = await upload(c.zone1, 'enterprises', file, '企业.xlsx');
		h.assertError(r, 422, 'import_rejected');
		assert.deepEqual(problems(r), [
			[2, '统一社会信用代码', '统一社会信用代码校验位错误：第18位应为J，当前为A'],
			[3, '所在开发区', `找不到开发区“${h.ORG.shengli}”，或它不在你的数据范围内`],
			[4, '行业代码', '行业代码301是“水泥、石灰和石膏制造”，请选择到四位小类'],
			[5, '规模', '应为：规上、规下'],
			[5, '成立日期', '日期不存在'],
			[6, '招商引资', '非招商引资企业不填写签约、落地注册和投产日期'],
			[7, null, '与第6行重复（统一社会信用代码 = 91210400MA0U00000J）'],
			[8, '行业代码', '行业代码“9999”不在国民经济行业分类（GB/T 4754-2017）中'],
			[8, '落地注册日期', '落地注册日期不能早于成立日期'],
			[8, '投产日期', '投产日期不能早于签约日期'],
		]);
		assert.equal(r.json.import.bad_rows, 7);
		assert.equal(await enterpriseCount(), before);
	});

	test('a zone imports its enterprises; a dropped leading zero is put back', T, async () => {
		const before = await enterpriseCount();
		const file = writeXlsx([
			ENT_HEADER,
			[A, '导入甲新材料有限公司', h.ORG.econ, '经济开发区一路1号', '3011', '水泥制造', '规上', '2019-04-01', '是', '2019-01-10', '2020-05-01', '2021-06-30'],
			[B, '导入乙电子有限公司', '抚顺经开区（示例）', null, { n: '3973' }, null, '规下', '2025-02-01', '是', null, '2025-02-01'],
			[C, '导入丙农业有限公司', h.ORG.econ, null, { n: '111' }, null, 'below', '2018-01-01', null],
		]);
		let r = await upload(c.zone1, 'enterprises', file, '企业名录.xlsx');
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.outcome, 'imported');
		assert.equal(r.json.rows, 3);
		assert.equal(await enterpriseCount(), before + 3);
		r = await c.zone1.get('/api/enterprises?q=导入&page_size=10');
		const by = Object.fromEntries(r.json.items.map((e) => [e.uscc, e]));
		id.A = by[A].id;
		id.B = by[B].id;
		id.C = by[C].id;
		assert.deepEqual(
			[A, B, C].map((u) => [by[u].zone_id, by[u].industry_code, by[u].scale, by[u].attracted, by[u].arrival_year]),
			[[econ, '3011', 'above', true, 2020], [econ, '3973', 'below', true, 2025], [econ, '0111', 'below', false, 2018]],
		);
		assert.equal(by[A].production_on, '2021-06-30');
		assert.equal(by[C].industry_name, '稻谷种植');

		// now registered: the same codes again are refused
		r = await upload(c.zone1, 'enterprises', writeXlsx([ENT_HEADER, [A, '又一家', h.ORG.econ, null, '3011', null, '规上', '2019-04-01']]), 'again.xlsx');
		h.assertError(r, 422, 'import_rejected');
		assert.deepEqual(problems(r), [[2, '统一社会信用代码', `统一社会信用代码${A}已登记，请在企业详情中修改`]]);
	});

	test('tax: only the finance bureau; bad rows reported, nothing written', T, async () => {
		const good = writeXlsx([TAX_HEADER, [A, null, 2025, '增值税', 1]]);
		h.assertError(await upload(c.zone1, 'taxes', good, 'tax.xlsx'), 403, 'forbidden');
		h.assertError(await upload(c.office1, 'taxes', good, 'tax.xlsx'), 403, 'forbidden');
		// a city department without the capability: the import says why and writes nothing
		let r = await upload(c.ndrc1, 'taxes', good, 'tax.xlsx');
		h.assertError(r, 422, 'import_rejected');
		assert.deepEqual(problems(r), [[0, null, '本单位没有“确认财力分成结算”的职能授权，不能导入税收数据，请联系工作专班办公室']]);
		const file = writeXlsx([
			TAX_HEADER,
			[A, null, 2025, '增值税', '一千元'],
			[A, null, 2025, '房租', 1],
			[D, null, 2025, '增值税', 1],
			[B, null, 1999, 'vat', 1],
			[A, null, 2024, '增值税', 1],
			[A, null, 2024, 'vat', 2],
		]);
		r = await upload(c.finance1, 'taxes', file, 'tax.xlsx');
		h.assertError(r, 422, 'import_rejected');
		assert.deepEqual(problems(r), [
			[2, '税额（元）', '应为数字'],
			[3, '税种', '应为：增值税、消费税、企业所得税、个人所得税、资源税、城市维护建设税、房产税、城镇土地使用税、土地增值税、印花税、车船税、耕地占用税、契税、环境保护税'],
			[4, '统一社会信用代码', `统一社会信用代码${D}不在企业名录中（或不在你的数据范围内），请先登记企业`],
			[5, '年度', '不能小于 2000'],
			[7, null, `与第6行重复（统一社会信用代码 = ${A}，年度 = 2024，税种 = 增值税）`],
		]);
		assert.deepEqual(await taxesOf(id.A), {});
	});

	let v1;

	test('two years of tax imported; the worked example computed to the fen', T, async () => {
		for (const year of [2024, 2025]) {
			const r = await c.finance1.put(`/api/revshare/years/${year}`, { ratio_bp: 5000, shares: shares() });
			assert.equal(r.status, 200, r.text);
		}
		const file = writeXlsx([
			TAX_HEADER,
			[A, '导入甲新材料有限公司', 2024, '增值税', { n: '1000' }],
			[A, null, 2024, '企业所得税', '500.00'],
			[A, null, 2025, '增值税', '1,200.00'],
			[A, null, { n: '2025' }, 'cit', 300],
			[A, null, 2025, '房产税', { n: '50.01' }],
			[B, null, 2025, '增值税', '333.33'],
			[C, null, 2025, '增值税', '999.99'],
			[C, null, 2025, '企业所得税', '-10.50'],
		]);
		let r = await upload(c.finance1, 'taxes', file, '税收2024-2025.xlsx');
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.rows, 8);
		assert.deepEqual(await taxesOf(id.A), { 2024: { vat: 100000, cit: 50000 }, 2025: { vat: 120000, cit: 30000, property: 5001 } });
		assert.deepEqual(await taxesOf(id.C), { 2025: { vat: 99999, cit: -1050 } });

		r = await c.finance1.post('/api/revshare/statements/compute', { year: 2025 });
		assert.equal(r.status, 200, r.text);
		const z = r.json.zones.find((x) => x.zone_id === econ);
		assert.equal(z.increment_e4, 143342500);
		assert.equal(z.returned_fen, 7167);
		assert.equal(z.version, 1);
		r = await c.zone1.get(`/api/revshare/statements/${z.statement_id}/lines`);
		assert.deepEqual(
			r.json.items.map((l) => [l.enterprise_id, l.local_e4, l.base_e4, l.increment_e4, l.base_counted]),
			[[id.A, 410010000, 350000000, 60010000, true], [id.B, 83332500, 0, 83332500, false]],
		);
		r = await c.finance1.post(`/api/revshare/statements/${z.statement_id}/confirm`);
		assert.equal(r.status, 200, r.text);
		v1 = (await c.zone1.get(`/api/revshare/statements/${z.statement_id}`)).json.statement;
	});

	test('a corrected GBK CSV replaces the figure; computing makes version 2 beside the frozen one', T, async () => {
		const text = `${TAX_HEADER.join(',')}\r\n${B},导入乙电子有限公司,2025,增值税,433.33\r\n`;
		const gbk = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: text });
		let r = await upload(c.finance1, 'taxes', gbk, '更正.csv');
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.format, 'GB18030');
		assert.deepEqual(await taxesOf(id.B), { 2025: { vat: 43333 } });
		// the same file again changes nothing
		r = await upload(c.finance1, 'taxes', gbk, '更正.csv');
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.outcome, 'unchanged');

		r = await c.finance1.post('/api/revshare/statements/compute', { year: 2025 });
		const z = r.json.zones.find((x) => x.zone_id === econ);
		assert.equal(z.action, 'new_version');
		assert.equal(z.version, 2);
		assert.equal(z.increment_e4, 168342500);
		assert.equal(z.returned_fen, 8417);
		r = await c.zone1.get(`/api/revshare/statements/${v1.id}`);
		assert.deepEqual(r.json.statement, v1, 'version 1 is as confirmed');
		assert.equal(r.json.statement.returned_fen, 7167);
	});
});
