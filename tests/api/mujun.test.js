'use strict';
// mujun.test.js - the 亩均效益 evaluation over HTTP, on SQLite and PostgreSQL: the enterprise
// worked by hand in tests/unit/core/mujun.c scored from its parcels, the registry's tax records
// and its entered figures; last year's class beside this year's; an exemption (不参评) with its
// reason; a year's own scheme (classes by thresholds); measures per class; the .xlsx and CSV
// export, each indicator's value in its unit beside its score, of the rows the list's filters
// show (DECISIONS 401, 402);
// who may read and change what, and bad input refused with nothing written; another zone's 规下
// enterprises worked by hand (a tie at the A/B boundary, no figure for one indicator, no tax at
// all, too little land), registered between the first zone's, and the answer after a change;
// the evaluation kept through a change it does not read, and made again after each kind of
// change it reads (DECISIONS 188).

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');
const { readXlsx, numberCells } = require('./xlsx');

const T = { timeout: h.STEP_TIMEOUT };
const LAND = '市自然资源局';
// the evaluation export's header row: per indicator its value in its unit and its score
const EXPORT_HEADER = [
	'统一社会信用代码', '企业名称', '规模', '行业代码', '用地（亩）',
	'亩均税收（元/亩）', '亩均税收得分', '亩均工业增加值（元/亩）', '亩均工业增加值得分',
	'单位能耗增加值（元/吨标准煤）', '单位能耗增加值得分', '单位排放增加值（元/吨）', '单位排放增加值得分',
	'全员劳动生产率（元/人）', '全员劳动生产率得分', 'R&D经费支出占比（%）', 'R&D经费支出占比得分',
	'单位电耗税收（元/万千瓦时）', '单位电耗税收得分', '按同类平均的指标',
	'总分', '排名', '分类', '上年分类', '上年总分', '不参评原因',
];
// a row read from the export, its empty cells at the end included
const widen = (row) => [...row, ...Array(Math.max(0, EXPORT_HEADER.length - row.length)).fill('')];
const USERS = [
	...h.DEFAULT_USERS,
	{ username: 'land1', org: LAND, role: 'department' },
	{ username: 'finance1', org: '市财政局', role: 'department' },
	{ username: 'zone3', org: h.ORG.hightech, role: 'zone' },
];

describe('亩均效益 evaluation', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, ids, zone;
	const E = {};

	before(async () => {
		srv = await h.startServer({ users: USERS });
		c = await h.loginAll(srv, ['office1', 'land1', 'finance1', 'zone1', 'zone2', 'zone3', 'auditor1']);
		ids = await h.orgIds(c.office1);
		zone = ids[h.ORG.econ];
		for (const [org, cap] of [['市财政局', 'confirm_revenue'], [LAND, 'manage_land']]) {
			const g = await c.office1.post('/api/capabilities/grants', { org_id: ids[org], capability: cap });
			assert.equal(g.status, 201, g.text);
		}
		const add = async (key, uscc, name, extra = {}) => {
			const r = await c.zone1.post('/api/enterprises', {
				uscc, name, zone_id: zone, industry_code: '3011', scale: 'above', registered_on: '2015-04-01', ...extra,
			});
			assert.equal(r.status, 201, r.text);
			E[key] = r.json.id;
			// 20,000.00 m² = 30 mu
			const p = await c.zone1.post('/api/land/parcels', {
				zone_id: zone, parcel_no: `MJ-${key}`, land_use: 'industrial', area_m2: '20000', enterprise_id: E[key],
			});
			assert.equal(p.status, 201, p.text);
		};
		await add('x', '91440300192317458F', '示例精密制造有限公司', { attracted: true, production_on: '2016-06-01' });
		await add('y', '91440300708461136T', '示例新材料有限公司');
		// a service enterprise: not industrial, never evaluated
		const s = await c.zone1.post('/api/enterprises', {
			uscc: '91110108551385082Q', name: '示例软件有限公司', zone_id: zone, industry_code: '6511', scale: 'above', registered_on: '2015-04-01',
		});
		assert.equal(s.status, 201, s.text);
		const tax = async (key, year, fen) => {
			const r = await c.finance1.put(`/api/enterprises/${E[key]}/taxes/${year}`, {
				amounts: [{ tax_type: 'vat', amount_fen: fen / 2 }, { tax_type: 'cit', amount_fen: fen / 2 }],
			});
			assert.equal(r.status, 200, r.text);
		};
		await tax('x', 2025, 90000000);
		await tax('y', 2025, 30000000);
		await tax('x', 2024, 30000000);
		await tax('y', 2024, 90000000);
	});

	after(async () => {
		if (srv) await srv.close();
	});

	const auditCount = async () => (await c.auditor1.get('/api/audit?page_size=1')).json.total;
	const evaluation = (who, year = 2025, extra = '') => c[who].get(`/api/mujun/evaluation?zone_id=${zone}&year=${year}${extra}`);
	const byName = (r) => Object.fromEntries(r.json.items.map((e) => [e.enterprise_id, e]));

	test('figures entered by the zone, audited; bad figures refused', T, async () => {
		const before = await auditCount();
		let r = await c.zone1.put('/api/mujun/figures', {
			enterprise_id: E.x, year: 2025, value_added: '6000000', revenue: '40000000', rd: '1200000',
			energy_kgce: 2000000, staff: 200,
		});
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.value_added, '6000000.00');
		assert.equal(r.json.emission_kg, null);
		r = await c.land1.put('/api/mujun/figures', {
			enterprise_id: E.y, year: 2025, value_added: '3000000', revenue: '20000000', rd: '100000',
			energy_kgce: 500000, emission_kg: 100000, staff: 150,
		});
		assert.equal(r.status, 200, r.text);
		assert.equal(await auditCount(), before + 2);
		const a = (await c.auditor1.get('/api/audit?entity_type=enterprise_figure&page_size=1')).json.items[0];
		assert.equal(a.action, 'set');
		assert.equal(a.after.staff, 150);
		h.assertError(await c.zone1.put('/api/mujun/figures', { enterprise_id: E.x, year: 2025, value_added: '-1' }), 400, 'invalid_value', '/value_added');
		h.assertError(await c.zone1.put('/api/mujun/figures', { enterprise_id: E.x, year: 1999 }), 400, 'out_of_range', '/year');
		h.assertError(await c.zone1.put('/api/mujun/figures', { enterprise_id: E.x, year: 2025, staff: -3 }), 400, 'out_of_range', '/staff');
		// figures that cannot be: R&D or the value added above the revenue (both known)
		r = await c.zone1.put('/api/mujun/figures', { enterprise_id: E.x, year: 2025, revenue: '1000000', rd: '1000000.01' });
		h.assertError(r, 400, 'invalid_value', '/rd');
		assert.equal(r.json.error.message, 'R&D经费支出不能大于主营业务收入');
		r = await c.zone1.put('/api/mujun/figures', { enterprise_id: E.x, year: 2025, revenue: '1000000', value_added: '2000000' });
		h.assertError(r, 400, 'invalid_value', '/value_added');
		assert.equal(r.json.error.message, '工业增加值不能大于主营业务收入');
		// another zone's account: the enterprise is as unknown as a missing one
		h.assertError(await c.zone2.put('/api/mujun/figures', { enterprise_id: E.x, year: 2025, staff: 1 }), 400, 'invalid_value', '/enterprise_id');
		h.assertError(await c.zone1.put('/api/mujun/figures', { enterprise_id: 999999, year: 2025, staff: 1 }), 400, 'invalid_value', '/enterprise_id');
		assert.equal(await auditCount(), before + 2);
		r = await c.office1.get(`/api/mujun/figures?enterprise_id=${E.x}`);
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.items.length, 1);
	});

	test('the enterprise worked by hand: each contribution, the score, the class, last year', T, async () => {
		const r = await evaluation('land1');
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.total, 2); // the software company is not industrial
		assert.deepEqual(r.json.summary, { A: 1, B: 0, C: 1, D: 0, exempt: 0 });
		const e = byName(r);
		const x = e[E.x];
		assert.equal(x.mu_x100, 3000);
		assert.deepEqual(x.contributions.map((k) => [k.code, k.value, k.contribution_x100, k.averaged]), [
			['tax_per_mu', 3000000, 4500, false],
			['va_per_mu', 20000000, 2667, false],
			['va_per_energy', 300000, 1333, false],
			['va_per_emission', null, 1000, true],
			['va_per_staff', 3000000, 1200, false],
			['rd_share', 300, 1500, false],
		]);
		assert.equal(x.score_x100, 12200);
		assert.equal(x.class, 'A');
		assert.equal(x.rank, 1);
		assert.equal(e[E.y].score_x100, 7586);
		assert.equal(e[E.y].class, 'C');
		// 2024: tax only, the rest nobody's data (0): Y 45.00 (capped), X 15.00
		assert.equal(x.last_class, 'C');
		assert.equal(x.last_score_x100, 1500);
		assert.equal(e[E.y].last_class, 'A');
		assert.equal(e[E.y].last_score_x100, 4500);
		const onlyA = await evaluation('office1', 2025, '&class=A');
		assert.deepEqual(onlyA.json.items.map((i) => i.enterprise_id), [E.x]);
	});

	test('an exemption with its reason, removed again; both audited', T, async () => {
		const before = await auditCount();
		let r = await c.zone1.post('/api/mujun/exemptions', { enterprise_id: E.y, year: 2025, reason: '列入省级技术改造豁免名单' });
		assert.equal(r.status, 201, r.text);
		const id = r.json.id;
		h.assertError(await c.zone1.post('/api/mujun/exemptions', { enterprise_id: E.y, year: 2025, reason: '再次' }), 409, 'already_exists');
		r = await evaluation('zone1');
		assert.deepEqual(r.json.summary, { A: 0, B: 1, C: 0, D: 0, exempt: 1 });
		const e = byName(r);
		assert.equal(e[E.y].class, null);
		assert.equal(e[E.y].exempt_reason, '列入省级技术改造豁免名单');
		// X alone: its own values are the references, so each indicator scores its weight and
		// the emission nobody reported scores 0: 30 + 20 + 20 + 0 + 10 + 10
		assert.equal(e[E.x].score_x100, 9000);
		h.assertError(await c.zone2.del(`/api/mujun/exemptions/${id}`), 404, 'not_found');
		r = await c.zone1.del(`/api/mujun/exemptions/${id}`);
		assert.equal(r.status, 204, r.text);
		assert.equal(await auditCount(), before + 2);
		const a = (await c.auditor1.get('/api/audit?entity_type=mujun_exemption&page_size=1')).json.items[0];
		assert.equal(a.action, 'delete');
		assert.equal(a.before.reason, '列入省级技术改造豁免名单');
		assert.equal((await evaluation('zone1')).json.summary.exempt, 0);
	});

	test('newly in production is not evaluated, with the reason', T, async () => {
		const r = await c.zone1.post('/api/enterprises', {
			uscc: '914403001922038216', name: '示例新投产有限公司', zone_id: zone, industry_code: '3011', scale: 'above',
			registered_on: '2024-01-01', attracted: true, production_on: '2024-09-01',
		});
		assert.equal(r.status, 201, r.text);
		const e = byName(await evaluation('zone1'));
		assert.equal(e[r.json.id].exempt_reason, '投产未满2年（2024-09-01投产）');
		assert.equal(e[E.x].score_x100, 12200); // the population is unchanged
	});

	test('a year\'s own scheme: only manage_land sets it; thresholds class the zone', T, async () => {
		// a year out of range is a bad parameter, not a missing scheme
		h.assertError(await c.zone1.get('/api/mujun/schemes/24'), 400, 'invalid_parameter', 'year');
		let r = await c.zone1.get('/api/mujun/schemes/2025');
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.stored, false);
		const scheme = r.json.scheme;
		assert.deepEqual(scheme.pct_bp, [2500, 4500, 2500, 500]);
		assert.deepEqual(scheme.indicators.filter((i) => i.weight).map((i) => [i.group, i.code, i.weight]), [
			['above', 'tax_per_mu', 30], ['above', 'va_per_mu', 20], ['above', 'va_per_energy', 20],
			['above', 'va_per_emission', 10], ['above', 'va_per_staff', 10], ['above', 'rd_share', 10],
			['below', 'tax_per_mu', 50], ['below', 'tax_per_power', 50],
		]);
		const body = {
			method: 'threshold', pct_bp: scheme.pct_bp, thresholds_x100: [8000, 6000, 4000],
			below_min_mu_x100: 300, new_years: 2,
			indicators: scheme.indicators.filter((i) => i.weight).map(({ group, code, weight, reference, cap_bp }) => ({ group, code, weight, reference, cap_bp })),
		};
		const before = await auditCount();
		h.assertError(await c.zone1.put('/api/mujun/schemes/2025', body), 403, 'capability_required');
		h.assertError(await c.finance1.put('/api/mujun/schemes/2025', body), 403, 'capability_required');
		const bad = { ...body, indicators: body.indicators.map((i) => (i.code === 'rd_share' ? { ...i, weight: 5 } : i)) };
		r = await c.land1.put('/api/mujun/schemes/2025', bad);
		h.assertError(r, 400, 'invalid_value', '/indicators');
		assert.equal(r.json.error.message, '规上企业各指标权重之和应为100');
		h.assertError(await c.land1.put('/api/mujun/schemes/2025', { ...body, indicators: [{ group: 'above', code: 'profit', weight: 100, reference: 0, cap_bp: 15000 }] }), 400, 'invalid_value', '/indicators/0');
		assert.equal(await auditCount(), before);
		r = await c.land1.put('/api/mujun/schemes/2025', body);
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.stored, true);
		assert.equal(r.json.scheme.method, 'threshold');
		assert.equal(await auditCount(), before + 1);
		const e = byName(await evaluation('zone1'));
		assert.equal(e[E.x].class, 'A');
		assert.equal(e[E.y].class, 'B'); // 75.86 ≥ 60
		assert.equal((await c.office1.get('/api/mujun/schemes/2024')).json.stored, false);
	});

	test('measures per class, the export, and who reads', T, async () => {
		let r = await c.zone1.post('/api/mujun/measures', { zone_id: zone, year: 2025, class: 'A', measure: '优先保障用地、用能和排污指标' });
		assert.equal(r.status, 201, r.text);
		h.assertError(await c.zone1.post('/api/mujun/measures', { zone_id: zone, year: 2025, class: 'E', measure: '无' }), 400, 'invalid_value', '/class');
		h.assertError(await c.zone2.post('/api/mujun/measures', { zone_id: zone, year: 2025, class: 'D', measure: '整治提升' }), 404, 'not_found');
		r = await c.office1.get(`/api/mujun/measures?zone_id=${zone}&year=2025`);
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(r.json.items.map((m) => [m.class, m.measure]), [['A', '优先保障用地、用能和排污指标']]);
		h.assertError(await evaluation('zone2'), 404, 'not_found');
		h.assertError(await c.zone1.get(`/api/mujun/evaluation?zone_id=${zone}`), 400, 'invalid_parameter', 'year');
		r = await c.land1.get(`/api/mujun/evaluation/export.xlsx?zone_id=${zone}&year=2025`);
		assert.equal(r.status, 200);
		const rows = readXlsx(r.buf);
		// each indicator's value in its unit, then its score (DECISIONS 402)
		assert.deepEqual(rows[0], EXPORT_HEADER);
		// X as worked by hand above: 亩均税收 30,000.00 元/亩 scores 45.00, ..., the emission
		// nobody reported scores the average 10.00, marked; R&D 300 bp is 3 %
		const x = rows.find((row) => row[1] === '示例精密制造有限公司');
		assert.deepEqual(widen(x), [
			'91440300192317458F', '示例精密制造有限公司', '规上', '3011', '30',
			'30000', '45', '200000', '26.67', '3000', '13.33', '', '10', '30000', '12', '3', '15', '', '',
			'单位排放增加值', '122', '1', 'A', 'C', '15', '',
		]);
		// every value and score a number cell, as the total is
		const xr = rows.indexOf(x);
		for (const col of [4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16, 20, 24])
			assert.ok(numberCells(r.buf, col).includes(xr), `column ${col}`);
	});

	test('投而未达标 reads last year\'s tax from the registry, over the figure entered', T, async () => {
		const last = Number(h.day().slice(0, 4)) - 1;
		const e = await c.zone1.post('/api/enterprises', {
			uscc: '91330100799655058B', name: '示例达标考核有限公司', zone_id: zone, industry_code: '3011', scale: 'above', registered_on: '2015-04-01',
		});
		assert.equal(e.status, 201, e.text);
		// 30 mu; the contract asks 40,000.00 yuan per mu a year; 5,000,000 yuan typed by hand
		let p = await c.zone1.post('/api/land/parcels', {
			zone_id: zone, parcel_no: 'MJ-tax', land_use: 'industrial', area_m2: '20000', enterprise_id: e.json.id,
			actual_start: '2020-01-01', actual_finish: '2021-01-01', actual_production: '2021-06-01',
			developed_m2: '20000', tax_per_mu_agreed: '40000', tax_last_year: '5000000',
		});
		assert.equal(p.status, 201, p.text);
		assert.equal(p.json.finding.status, 'normal');
		// the registry says 900,000.00 yuan last year: 30,000.00 per mu
		const r = await c.finance1.put(`/api/enterprises/${e.json.id}/taxes/${last}`, { amounts: [{ tax_type: 'vat', amount_fen: 90000000 }] });
		assert.equal(r.status, 200, r.text);
		p = await c.office1.get(`/api/land/parcels/${p.json.id}`);
		assert.equal(p.json.finding.status, 'substandard');
		assert.match(p.json.finding.reason, /上年亩均税收30000\.00元（按企业名录的纳税记录），低于约定的40000\.00元/);
	});

	test('figures imported from a spreadsheet, all or nothing, for the importer\'s own zone', T, async () => {
		const upload = (who, text) =>
			c[who].post(`/api/imports/mujun_figures?name=${encodeURIComponent('亩均数据.csv')}`, Buffer.from(text), { raw: true, contentType: 'application/octet-stream' });
		const head = '统一社会信用代码,年度,工业增加值（元）,主营业务收入（元）,R&D经费支出（元）,综合能耗（千克标准煤）,主要污染物排放当量（千克）,用电量（千瓦时）,年平均职工人数\r\n';
		const t = await c.zone1.get('/api/imports/mujun_figures/template.xlsx');
		assert.equal(t.status, 200);
		assert.deepEqual(readXlsx(t.buf)[0].slice(0, 2), ['统一社会信用代码', '年度']);
		const before = (await c.office1.get(`/api/mujun/figures?enterprise_id=${E.x}`)).json.items.length;
		let r = await upload('zone1', head +
			'91440300192317458F,2023,5000000.5,,,,,,180\r\n' +
			'91000000000000000X,2023,1,,,,,,\r\n' +
			'91440300192317458F,2023,1,,,,,,\r\n' +
			'91440300708461136T,1999,-1,,,,,,\r\n');
		h.assertError(r, 422, 'import_rejected');
		assert.deepEqual(r.json.import.problems.map((p) => [p.row, p.column]), [
			[3, '统一社会信用代码'],
			[4, null], // the same enterprise and year twice
			[5, '年度'],
			[5, '工业增加值（元）'],
		]);
		// another zone's account: the enterprise is refused by the same rule as a file's bad row
		r = await upload('zone2', head + '91440300192317458F,2023,1,,,,,,\r\n');
		h.assertError(r, 422, 'import_rejected');
		assert.equal((await c.office1.get(`/api/mujun/figures?enterprise_id=${E.x}`)).json.items.length, before);
		r = await upload('zone1', head + '91440300192317458F,2023,5000000.5,,,,,,180\r\n');
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.rows, 1);
		const f = (await c.office1.get(`/api/mujun/figures?enterprise_id=${E.x}`)).json.items.find((x) => x.year === 2023);
		assert.equal(f.value_added, '5000000.50');
		assert.equal(f.staff, 180);
		assert.equal(f.revenue, null);
		// a column the file does not have leaves its figure as it was; an empty cell of a column
		// it has is a figure not known
		r = await upload('zone1', '统一社会信用代码,年度,年平均职工人数\r\n91440300192317458F,2023,200\r\n');
		assert.equal(r.status, 201, r.text);
		let g = (await c.office1.get(`/api/mujun/figures?enterprise_id=${E.x}`)).json.items.find((x) => x.year === 2023);
		assert.deepEqual([g.value_added, g.staff, g.revenue], ['5000000.50', 200, null]);
		r = await upload('zone1', '统一社会信用代码,年度,主营业务收入（元）,年平均职工人数\r\n91440300192317458F,2023,9000000,\r\n');
		assert.equal(r.status, 201, r.text);
		g = (await c.office1.get(`/api/mujun/figures?enterprise_id=${E.x}`)).json.items.find((x) => x.year === 2023);
		assert.deepEqual([g.value_added, g.staff, g.revenue], ['5000000.50', null, '9000000.00']);
		// R&D or the value added above the revenue: in the row, or with the revenue kept
		r = await upload('zone1', head + '91440300192317458F,2023,9000001,9000000,9000001,,,,\r\n');
		h.assertError(r, 422, 'import_rejected');
		assert.deepEqual(r.json.import.problems.map((p) => [p.row, p.column, p.message]), [
			[2, 'R&D经费支出（元）', 'R&D经费支出不能大于主营业务收入'],
		]);
		r = await upload('zone1', head + '91440300192317458F,2023,9000001,9000000,,,,,\r\n');
		assert.deepEqual(r.json.import.problems.map((p) => [p.row, p.column, p.message]), [
			[2, '工业增加值（元）', '工业增加值不能大于主营业务收入'],
		]);
		r = await upload('zone1', '统一社会信用代码,年度,R&D经费支出（元）\r\n91440300192317458F,2023,9000000.01\r\n');
		h.assertError(r, 422, 'import_rejected');
		assert.deepEqual(r.json.import.problems.map((p) => [p.row, p.column, p.message]), [
			[2, 'R&D经费支出（元）', 'R&D经费支出不能大于主营业务收入（文件中没有“主营业务收入（元）”列，按已有数据9000000.00元）'],
		]);
		r = await upload('zone1', '统一社会信用代码,年度,主营业务收入（元）\r\n91440300192317458F,2023,4000000\r\n');
		assert.deepEqual(r.json.import.problems.map((p) => [p.row, p.column, p.message]), [
			[2, '主营业务收入（元）', '工业增加值不能大于主营业务收入（文件中没有“工业增加值（元）”列，按已有数据5000000.50元）'],
		]);
		g = (await c.office1.get(`/api/mujun/figures?enterprise_id=${E.x}`)).json.items.find((x) => x.year === 2023);
		assert.deepEqual([g.value_added, g.rd, g.revenue], ['5000000.50', null, '9000000.00']);
		// a year the enterprise had no figures of: the absent columns are not known
		r = await upload('zone1', '统一社会信用代码,年度,年平均职工人数\r\n91440300192317458F,2022,50\r\n');
		assert.equal(r.status, 201, r.text);
		g = (await c.office1.get(`/api/mujun/figures?enterprise_id=${E.x}`)).json.items.find((x) => x.year === 2022);
		assert.deepEqual([g.value_added, g.staff, g.revenue], [null, 50, null]);
	});

	test('another zone\'s 规下 enterprises by hand: a tie at a class boundary, missing data, a change', T, async () => {
		const zone2 = ids[h.ORG.shengli];
		const S = {};
		const add = async (key, uscc, zoneId, who, area, extra = {}) => {
			const r = await c[who].post('/api/enterprises', {
				uscc, name: `示例规下${key}有限公司`, zone_id: zoneId, industry_code: '3011', scale: 'below', registered_on: '2015-04-01', ...extra,
			});
			assert.equal(r.status, 201, r.text);
			S[key] = r.json.id;
			if (area) {
				const p = await c[who].post('/api/land/parcels', {
					zone_id: zoneId, parcel_no: `MJS-${key}`, land_use: 'industrial', area_m2: area, enterprise_id: S[key],
				});
				assert.equal(p.status, 201, p.text);
			}
		};
		const tax = async (key, fen) => {
			const r = await c.finance1.put(`/api/enterprises/${S[key]}/taxes/2026`, { amounts: [{ tax_type: 'vat', amount_fen: fen }] });
			assert.equal(r.status, 200, r.text);
		};
		const power = async (key, kwh) => {
			const r = await c.zone2.put('/api/mujun/figures', { enterprise_id: S[key], year: 2026, electricity_kwh: kwh });
			assert.equal(r.status, 200, r.text);
		};
		// 2026, which keeps the default scheme (2025's classes by thresholds). 20,000 m² = 30 mu; 1,000 m² = 1.5 mu, under the 3 mu a 规下 enterprise needs
		await add('P', '9121040000000001XL', zone2, 'zone2', '20000');
		await add('W', '9121040000000002XM', zone, 'zone1', null); // the first zone's, between
		await add('Q', '9121040000000003XN', zone2, 'zone2', '20000');
		await add('R', '9121040000000004XP', zone2, 'zone2', '20000');
		await add('T', '9121040000000005XQ', zone2, 'zone2', '1000');
		await add('U', '9121040000000006XR', zone2, 'zone2', '20000');
		await tax('P', 30000000);
		await tax('Q', 30000000);
		await tax('R', 15000000);
		await tax('T', 30000000);
		await power('P', 1000000);
		await power('Q', 1000000);
		await power('T', 1000000);
		await power('U', 1000000);
		const first = (await evaluation('land1', 2026)).json.total;
		const look = async () => {
			const r = await c.zone2.get(`/api/mujun/evaluation?zone_id=${zone2}&year=2026`);
			assert.equal(r.status, 200, r.text);
			return r;
		};
		// 亩均税收 (fen per mu): P Q 1,000,000, R 500,000, U none; reference their average
		// 833,333: P Q 60.00, R 30.00, U their average 50.00. 单位电耗税收 (fen per 10,000 kWh):
		// P Q 300,000, R (no electricity) and U (no tax) none: P Q 50.00, R U the average 50.00.
		// P Q 110.00 tie at the first place: 4 × 25 % = 1 for A, Q takes P's class, not B
		let r = await look();
		assert.equal(r.json.total, 5);
		assert.deepEqual(r.json.summary, { A: 2, B: 1, C: 1, D: 0, exempt: 1 });
		let e = byName(r);
		const row = (k) => [e[S[k]].score_x100, e[S[k]].rank, e[S[k]].class,
			e[S[k]].contributions.map((x) => [x.code, x.value, x.contribution_x100, x.averaged])];
		assert.deepEqual(row('P'), [11000, 1, 'A', [['tax_per_mu', 1000000, 6000, false], ['tax_per_power', 300000, 5000, false]]]);
		assert.deepEqual(row('Q'), [11000, 1, 'A', [['tax_per_mu', 1000000, 6000, false], ['tax_per_power', 300000, 5000, false]]]);
		assert.deepEqual(row('U'), [10000, 3, 'B', [['tax_per_mu', null, 5000, true], ['tax_per_power', null, 5000, true]]]);
		assert.deepEqual(row('R'), [8000, 4, 'C', [['tax_per_mu', 500000, 3000, false], ['tax_per_power', null, 5000, true]]]);
		assert.equal(e[S.T].class, null);
		assert.equal(e[S.T].exempt_reason, '规下企业用地不足参评下限');
		assert.equal(e[S.P].group, 'below');
		assert.equal(e[S.P].mu_x100, 3000);
		// 2025: nothing of the year known of anyone in the zone: no one classed (not all tied at
		// 0 and classed alike)
		assert.deepEqual([e[S.P].last_class, e[S.P].last_score_x100, e[S.T].last_class], [null, null, null]);
		const before = (await c.zone2.get(`/api/mujun/evaluation?zone_id=${zone2}&year=2025`)).json;
		assert.deepEqual(before.summary, { A: 0, B: 0, C: 0, D: 0, exempt: 5 });
		assert.ok(before.items.every((x) => x.class === null && x.exempt_reason), JSON.stringify(before.items));
		assert.equal(before.items.filter((x) => x.exempt_reason === '当年没有税收记录和亩均数据').length, 4); // T: its land
		// a page of the list, by id, with the registry's names; a group and a class filter
		r = await c.zone2.get(`/api/mujun/evaluation?zone_id=${zone2}&year=2026&page=2&page_size=2`);
		assert.deepEqual(r.json.items.map((i) => [i.enterprise_id, i.name, i.uscc, i.industry_code]), [
			[S.R, '示例规下R有限公司', '9121040000000004XP', '3011'], [S.T, '示例规下T有限公司', '9121040000000005XQ', '3011'],
		]);
		assert.equal(r.json.total, 5);
		r = await c.zone2.get(`/api/mujun/evaluation?zone_id=${zone2}&year=2026&class=A&group=below`);
		assert.deepEqual(r.json.items.map((i) => i.name), ['示例规下P有限公司', '示例规下Q有限公司']);
		r = await c.zone2.get(`/api/mujun/evaluation?zone_id=${zone2}&year=2026&group=above`);
		assert.equal(r.json.total, 0);
		// the first zone has W, the second zone's enterprises are not its
		assert.equal((await evaluation('land1', 2026)).json.total, first);
		assert.ok(byName(await evaluation('land1', 2026))[S.W]);
		// R's electricity entered: 600,000; reference 400,000: P Q 37.50, R 75.00 (the cap)
		await power('R', 250000);
		r = await look();
		assert.deepEqual(r.json.summary, { A: 1, B: 3, C: 0, D: 0, exempt: 1 });
		e = byName(r);
		assert.deepEqual(row('R'), [10500, 1, 'A', [['tax_per_mu', 500000, 3000, false], ['tax_per_power', 600000, 7500, false]]]);
		assert.deepEqual(row('U'), [10000, 2, 'B', [['tax_per_mu', null, 5000, true], ['tax_per_power', null, 5000, true]]]);
		assert.deepEqual([row('P').slice(0, 3), row('Q').slice(0, 3)], [[9750, 3, 'B'], [9750, 3, 'B']]);
		// the page's filters: the file holds the rows the list shows, in .xlsx and in CSV
		const exported = async (fmt, query) => {
			const x = await c.zone2.get(`/api/mujun/evaluation/export.${fmt}?zone_id=${zone2}&year=2026${query}`);
			assert.equal(x.status, 200, x.text);
			return fmt === 'xlsx' ? readXlsx(x.buf).slice(1).map((row) => row[1]) : x.text.replace(/^\ufeff/, '').trim().split('\r\n').slice(1).map((line) => line.split(',')[1]);
		};
		const listed = async (query) => (await c.zone2.get(`/api/mujun/evaluation?zone_id=${zone2}&year=2026${query}`)).json.items.map((i) => i.name);
		for (const [query, names] of [
			['&class=B&group=below', ['示例规下P有限公司', '示例规下Q有限公司', '示例规下U有限公司']],
			['&class=A', ['示例规下R有限公司']],
			['&class=exempt', ['示例规下T有限公司']],
			['&group=above', []],
			['&class=D&group=below', []],
		]) {
			assert.deepEqual(await listed(query), names, query);
			assert.deepEqual(await exported('xlsx', query), names, query);
			assert.deepEqual(await exported('csv', query), names, query);
		}
		r = await c.land1.get(`/api/mujun/evaluation/export.xlsx?zone_id=${zone2}&year=2026`);
		assert.equal(r.status, 200);
		const rows = readXlsx(r.buf);
		assert.deepEqual(rows[0], EXPORT_HEADER);
		// 规下 weighs 亩均税收 and 单位电耗税收 only: the 规上 indicators' columns empty. Values
		// in yuan: P 1,000,000 fen per mu is 10,000.00 元/亩, 300,000 fen per 10,000 kWh 3,000.00
		// 元/万千瓦时. U has neither and scores both averages, marked; T is not scored, its values
		// stand (300,000.00 yuan on 1.5 mu, on 100 × 10,000 kWh)
		const none5 = Array(10).fill(''); // the five indicators 规下 does not weigh, value and score
		assert.deepEqual(rows.slice(1).map(widen), [
			widen(['9121040000000001XL', '示例规下P有限公司', '规下', '3011', '30', '10000', '60', ...none5, '3000', '37.5', '', '97.5', '3', 'B']),
			widen(['9121040000000003XN', '示例规下Q有限公司', '规下', '3011', '30', '10000', '60', ...none5, '3000', '37.5', '', '97.5', '3', 'B']),
			widen(['9121040000000004XP', '示例规下R有限公司', '规下', '3011', '30', '5000', '30', ...none5, '6000', '75', '', '105', '1', 'A']),
			widen(['9121040000000005XQ', '示例规下T有限公司', '规下', '3011', '1.5', '200000', '', ...none5, '3000', '', '', '', '', '不参评', '', '', '规下企业用地不足参评下限']),
			widen(['9121040000000006XR', '示例规下U有限公司', '规下', '3011', '30', '', '50', ...none5, '', '50', '亩均税收、单位电耗税收', '100', '2', 'B']),
		]);
		// the CSV writes the same values, a score with its two decimals
		const csv = (await c.zone2.get(`/api/mujun/evaluation/export.csv?zone_id=${zone2}&year=2026&class=A`)).text.replace(/^\ufeff/, '').trim().split('\r\n');
		assert.equal(csv[0], EXPORT_HEADER.join(','));
		assert.equal(csv[1], '9121040000000004XP,示例规下R有限公司,规下,3011,30.00,5000.00,30.00,,,,,,,,,,,6000.00,75.00,,105.00,1,A,,,');
	});

	test('kept through a change it does not read; a tax record, a parcel, the year\'s scheme, an exemption, an industry code each evaluate it again', T, async () => {
		const zone3 = ids[h.ORG.hightech];
		const K = {};
		const counters = async () => {
			const m = (await c.office1.get('/metrics')).text;
			return ['kfq_mujun_evaluations_total', 'kfq_mujun_evaluations_rekept_total'].map((n) => Number(m.match(new RegExp(`^${n} (\\d+)$`, 'm'))[1]));
		};
		const USCC = { 1: '9121040000000110XG', 2: '9121040000000120X6', 3: '9121040000000130XU', 4: '9121040000000140XH' };
		const body = (key, code) => ({
			uscc: USCC[key], name: `示例高新${key}有限公司`, zone_id: zone3, industry_code: code, scale: 'below', registered_on: '2015-04-01',
		});
		const parcel = async (key, no) => {
			const p = await c.zone3.post('/api/land/parcels', {
				zone_id: zone3, parcel_no: no, land_use: 'industrial', area_m2: '20000', enterprise_id: K[key],
			});
			assert.equal(p.status, 201, p.text);
		};
		const tax = async (key, fen) => {
			const r = await c.finance1.put(`/api/enterprises/${K[key]}/taxes/2027`, { amounts: [{ tax_type: 'vat', amount_fen: fen }] });
			assert.equal(r.status, 200, r.text);
		};
		for (const [key, fen] of [['1', 36000000], ['2', 30000000], ['3', 30000000], ['4', 24000000]]) {
			const r = await c.zone3.post('/api/enterprises', body(key, '3011'));
			assert.equal(r.status, 201, r.text);
			K[key] = r.json.id;
			await parcel(key, `MJK-${key}`);
			await tax(key, fen);
			const f = await c.zone3.put('/api/mujun/figures', { enterprise_id: K[key], year: 2027, electricity_kwh: 1000000 });
			assert.equal(f.status, 200, f.text);
		}
		let n = 0;
		const look = async () => {
			const r = await c.land1.get(`/api/mujun/evaluation?zone_id=${zone3}&year=2027&page_size=${20 + ++n}`);
			assert.equal(r.status, 200, r.text);
			const e = byName(r);
			return { summary: r.json.summary, total: r.json.total, classes: ['1', '2', '3', '4'].map((k) => e[K[k]] && (e[K[k]].class || e[K[k]].exempt_reason)) };
		};
		// each 30 mu and 1,000,000 kWh (100 × 10,000 kWh). 亩均税收 1,200,000 / 1,000,000 / 1,000,000 /
		// 800,000 fen per mu against their average 1,000,000, 单位电耗税收 in the same ratios: 120.00,
		// 100.00, 100.00, 80.00. Four by 25/45/25/5: one A, then two B, one C
		let r = await look();
		assert.deepEqual(r, { summary: { A: 1, B: 2, C: 1, D: 0, exempt: 0 }, total: 4, classes: ['A', 'B', 'B', 'C'] });
		const e0 = byName(await c.land1.get(`/api/mujun/evaluation?zone_id=${zone3}&year=2027`));
		assert.deepEqual(['1', '2', '3', '4'].map((k) => e0[K[k]].score_x100), [12000, 10000, 10000, 8000]);
		let [made, rekept] = await counters();
		const moved = async (dMade, dRekept) => {
			const [m, k] = await counters();
			assert.deepEqual([m - made, k - rekept], [dMade, dRekept]);
			[made, rekept] = [m, k];
		};

		// audited changes it does not read: another year's scheme, a measure. 2026 and 2027 kept
		const scheme = (await c.land1.get('/api/mujun/schemes/2030')).json.scheme;
		const schemeBody = {
			method: 'threshold', pct_bp: scheme.pct_bp, thresholds_x100: [8000, 6000, 4000], below_min_mu_x100: 300, new_years: 2,
			indicators: scheme.indicators.filter((i) => i.weight).map(({ group, code, weight, reference, cap_bp }) => ({ group, code, weight, reference, cap_bp })),
		};
		assert.equal((await c.land1.put('/api/mujun/schemes/2030', schemeBody)).status, 200);
		assert.equal((await c.zone3.post('/api/mujun/measures', { zone_id: zone3, year: 2027, class: 'C', measure: '整治提升' })).status, 201);
		assert.deepEqual(await look(), r);
		await moved(0, 2);

		// a tax record: 4's 2027 tax 48,000,000. 亩均税收 1,600,000 against 1,200,000, so 4 leads
		// (133.33), 1 at 100.00, 2 and 3 tied at 83.33: B for both
		await tax('4', 48000000);
		r = await look();
		assert.deepEqual(r, { summary: { A: 1, B: 3, C: 0, D: 0, exempt: 0 }, total: 4, classes: ['B', 'B', 'B', 'A'] });
		await moved(2, 0);

		// a parcel: 1 on 60 mu. 亩均税收 600,000 / 1,000,000 / 1,000,000 / 1,600,000 against 1,050,000,
		// 单位电耗税收 as before: 1 78.57, 2 and 3 89.29, 4 141.67 (75.00 capped + 66.67)
		await parcel('1', 'MJK-1b');
		r = await look();
		assert.deepEqual(r, { summary: { A: 1, B: 2, C: 1, D: 0, exempt: 0 }, total: 4, classes: ['C', 'B', 'B', 'A'] });
		await moved(2, 0);

		// the year's scheme: 2027 by thresholds 80 / 60 / 40: 2, 3 and 4 A, 1 B. 2026 kept
		assert.equal((await c.land1.put('/api/mujun/schemes/2027', schemeBody)).status, 200);
		r = await look();
		assert.deepEqual(r, { summary: { A: 3, B: 1, C: 0, D: 0, exempt: 0 }, total: 4, classes: ['B', 'A', 'A', 'A'] });
		await moved(1, 1);

		// an exemption of 4: the averages of 1, 2, 3 (866,667 per mu; 320,000 per 10,000 kWh): 1
		// 34.62 + 56.25 = 90.87, A
		assert.equal((await c.zone3.post('/api/mujun/exemptions', { enterprise_id: K['4'], year: 2027, reason: '列入省级技术改造豁免名单' })).status, 201);
		r = await look();
		assert.deepEqual(r, { summary: { A: 3, B: 0, C: 0, D: 0, exempt: 1 }, total: 4, classes: ['A', 'A', 'A', '列入省级技术改造豁免名单'] });
		await moved(2, 0);

		// 2's industry code 6511 (software): no longer industrial, not evaluated
		const u = await c.zone3.put(`/api/enterprises/${K['2']}`, body('2', '6511'));
		assert.equal(u.status, 200, u.text);
		r = await look();
		assert.deepEqual(r, { summary: { A: 2, B: 0, C: 0, D: 0, exempt: 1 }, total: 3, classes: ['A', undefined, 'A', '列入省级技术改造豁免名单'] });
		await moved(2, 0);
	});
});
