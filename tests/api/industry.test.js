'use strict';
// industry.test.js - industry plans (art. 2, lead 市发改委) on SQLite or PostgreSQL: 战略性新兴
// 产业分类(2018) (9 areas, 40 中类, a lead tagged with either) and the 未来产业 directions; a zone
// writes its own plan, refused with the rule named (more than 3 leading industries without a reason, none strategic emerging or future,
// a code outside GB/T 4754 or in two industries), nothing written; the office approves an
// exception (not the zone, not twice); who reads what; the shares worked by hand; the export.
//
// The worked example, 抚顺经济开发区 2025 (fen):
//   A 3612 新能源车整车制造  output 60,000,000  tax 3,000,000   -> 新能源汽车 (codes 3612, 384)
//   B 3841 锂离子电池制造    output 20,000,000  tax 1,000,000   -> 新能源汽车 (within 384)
//   C 3973 集成电路制造      output 10,000,000  tax   500,000   -> 集成电路 (3973)
//   D 3130 钢压延加工        output 10,000,003  tax   500,001   -> none
//   zone: output 100,000,003, tax 5,000,001
//   新能源汽车 output 80,000,000 / 100,000,003 = 7999.99976 bp -> 8000; tax 4,000,000 / 5,000,001
//     = 7999.9984 -> 8000
//   集成电路 output 10,000,000 -> 999.99997 -> 1000; tax 500,000 -> 999.9998 -> 1000
//   精细化工 (26) nobody: 0 bp
//   all three: output 90,000,000 -> 8999.99973 -> 9000; tax 4,500,000 -> 8999.9982 -> 9000
// Land (m² × 100): the parcels each enterprise holds now, whatever the year (DECISIONS 145):
//   A two parcels 20,000.00 + 6,666.66 m² = 2,666,666; B 3,333.34 m² = 333,334; C 5,000.00 m²
//   = 500,000; D 10,000.00 m² = 1,000,000; a parcel nobody holds (99,999.99 m²) does not count
//   zone: 4,500,000; 新能源汽车 3,000,000 / 4,500,000 = 6666.67 bp -> 6667; 集成电路 500,000 ->
//   1111.11 -> 1111; 精细化工 0; all three 3,500,000 -> 7777.78 -> 7778 (rounded once: not
//   6667 + 1111); in mu (m² × 3 / 2000, hundredths half-up) 67.50, 45.00, 7.50, 0, 52.50; A 39.99999
//   -> 40.00, B 5.00001 -> 5.00

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');
const { readXlsx } = require('./xlsx');

const T = { timeout: h.STEP_TIMEOUT };

const USERS = [
	...h.DEFAULT_USERS,
	{ username: 'finance1', org: '市财政局', role: 'department' },
	{ username: 'ndrc1', org: '市发改委', role: 'department' },
];

// Published codes of real companies (GB 32100-2015), used here only as well-formed identifiers.
const CODE = ['91440300192317458F', '91440300708461136T', '91110108551385082Q', '914403001922038216'];

const EV = { name: '新能源汽车', sei_code: '5', codes: ['3612', '384'] };
// tagged with a 中类 (1.2 电子核心产业) rather than an area
const IC = { name: '集成电路', sei_code: '1.2', future: 'information', codes: ['3973'] };
const CHEM = { name: '精细化工', codes: ['26'] };
const STEEL = { name: '钢铁深加工', codes: ['31'] };

describe('industry plans', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, ids, econ, shengli, planId;

	before(async () => {
		srv = await h.startServer({ users: USERS });
		c = await h.loginAll(srv, ['admin', 'office1', 'zone1', 'zone2', 'county1', 'auditor1', 'super1', 'finance1', 'ndrc1']);
		ids = await h.orgIds(c.office1);
		econ = ids[h.ORG.econ];
		shengli = ids[h.ORG.shengli];
		// what the seed's article 6 grants its lead (tax is entered by 市财政局)
		const g = await c.office1.post('/api/capabilities/grants', { org_id: ids['市财政局'], capability: 'confirm_revenue' });
		assert.equal(g.status, 201, g.text);
	});

	after(async () => {
		if (srv) await srv.close();
	});

	const auditCount = async () => (await c.auditor1.get('/api/audit?page_size=1')).json.total;
	const plan = (extra = {}) => ({
		zone_id: econ,
		name: '抚顺经济开发区“十五五”产业发展规划',
		start_year: 2026,
		end_year: 2030,
		industries: [EV, IC, CHEM],
		...extra,
	});

	test('战略性新兴产业分类(2018) as a tree of 9 areas and 40 中类, and the 6 future directions', T, async () => {
		const r = await c.ndrc1.get('/api/industry/areas');
		assert.equal(r.status, 200, r.text);
		const areas = r.json.areas;
		assert.deepEqual(areas.map((a) => a.code), ['1', '2', '3', '4', '5', '6', '7', '8', '9']);
		assert.equal(areas[0].name, '新一代信息技术产业');
		assert.equal(areas[8].name, '相关服务业');
		assert.deepEqual(areas.map((a) => a.children.length), [5, 5, 7, 5, 4, 5, 3, 4, 2]);
		assert.deepEqual(areas[0].children.map((m) => `${m.code} ${m.name}`), [
			'1.1 下一代信息网络产业', '1.2 电子核心产业', '1.3 新兴软件和新型信息技术服务',
			'1.4 互联网与云计算、大数据服务', '1.5 人工智能',
		]);
		// a 中类 is where the picker ends: the 小类 are not shipped
		assert.deepEqual(areas[8].children[1], { code: '9.2', level: 2, name: '其他相关服务' });
		assert.equal(areas[8].level, 1);
		assert.deepEqual(r.json.futures.map((f) => f.name), ['未来制造', '未来信息', '未来材料', '未来能源', '未来空间', '未来健康']);
		for (const name of ['admin', 'auditor1']) h.assertError(await c[name].get('/api/industry/areas'), 403, 'forbidden');
	});

	test('a plan is refused with the rule it breaks, and nothing is written', T, async () => {
		const before = await auditCount();
		let r = await c.zone1.post('/api/industry-plans', plan({ industries: [EV, IC, CHEM, STEEL] }));
		h.assertError(r, 400, 'invalid_value', '/exception_reason');
		assert.match(r.json.error.message, /原则上不超过3个/);
		r = await c.zone1.post('/api/industry-plans', plan({ industries: [CHEM, STEEL] }));
		h.assertError(r, 400, 'invalid_value', '/industries');
		assert.match(r.json.error.message, /至少有1个战略性新兴产业或未来产业/);
		r = await c.zone1.post('/api/industry-plans', plan({ industries: [EV, { ...IC, codes: ['9999'] }] }));
		h.assertError(r, 400, 'invalid_value', '/industries/1/codes/0');
		r = await c.zone1.post('/api/industry-plans', plan({ industries: [EV, { ...IC, codes: ['3841'] }] }));
		h.assertError(r, 400, 'invalid_value', '/industries/1/codes/0');
		assert.match(r.json.error.message, /只能归入一个主导产业/);
		// no such category: an area, a 中类 past the area's last, a 小类 (not shipped)
		for (const code of ['0', '5.5', '1.1.1']) {
			r = await c.zone1.post('/api/industry-plans', plan({ industries: [{ ...EV, sei_code: code }] }));
			h.assertError(r, 400, 'invalid_value', '/industries/0/sei_code');
			assert.equal(r.json.error.message, '战略性新兴产业类别应为战略性新兴产业分类（2018）的领域或中类');
		}
		r = await c.zone1.post('/api/industry-plans', plan({ industries: [{ ...EV, sei_code: '1.1.1.10' }] }));
		h.assertError(r, 400, 'too_long', '/industries/0/sei_code');
		r = await c.zone1.post('/api/industry-plans', plan({ industries: [{ ...EV, future: '未来能源' }] }));
		h.assertError(r, 400, 'invalid_value', '/industries/0/future');
		r = await c.zone1.post('/api/industry-plans', plan({ end_year: 2025 }));
		h.assertError(r, 400, 'invalid_value', '/end_year');
		r = await c.zone1.post('/api/industry-plans', plan({ start_year: 1999 }));
		h.assertError(r, 400, 'out_of_range', '/start_year');
		assert.equal(await auditCount(), before);
	});

	test('a zone writes its own plan only; departments and the office do not write', T, async () => {
		h.assertError(await c.zone1.post('/api/industry-plans', plan({ zone_id: shengli })), 404, 'not_found');
		for (const name of ['office1', 'ndrc1', 'county1', 'super1']) h.assertError(await c[name].post('/api/industry-plans', plan()), 403, 'forbidden');
		const before = await auditCount();
		const r = await c.zone1.post('/api/industry-plans', plan());
		assert.equal(r.status, 201, r.text);
		planId = r.json.id;
		assert.equal(r.json.exception, 'none');
		assert.equal(r.json.exception_reason, '');
		assert.deepEqual(r.json.industries[0], { codes: ['3612', '384'], future: null, future_label: null, name: '新能源汽车', sei_code: '5', sei_name: '新能源汽车产业' });
		assert.equal(r.json.industries[1].future_label, '未来信息');
		assert.equal(r.json.industries[1].sei_code, '1.2');
		assert.equal(r.json.industries[1].sei_name, '新一代信息技术产业 / 电子核心产业');
		assert.equal(r.json.industries[2].sei_code, null);
		assert.equal(await auditCount(), before + 1);
		h.assertError(await c.zone1.post('/api/industry-plans', plan({ name: '又一个' })), 409, 'conflict', '/start_year');
		// nor one whose years meet the first's: one plan rules a zone's year; nothing of a
		// refused one is kept
		let x = await c.zone1.post('/api/industry-plans', plan({ name: '重叠规划', start_year: 2027, end_year: 2031 }));
		h.assertError(x, 409, 'conflict', '/start_year');
		assert.match(x.json.error.message, /重叠/);
		h.assertError(await c.zone1.post('/api/industry-plans', plan({ name: '更早的', start_year: 2022, end_year: 2026 })), 409, 'conflict');
		assert.equal(await auditCount(), before + 1);
		// a leading industry named twice is refused
		x = await c.zone1.post('/api/industry-plans', plan({ start_year: 2031, end_year: 2035, industries: [EV, { ...IC, name: EV.name }] }));
		h.assertError(x, 400, 'invalid_value', '/industries/1/name');
		// the plan itself keeps its years when saved again
		x = await c.zone1.put(`/api/industry-plans/${planId}`, plan());
		assert.equal(x.status, 200, x.text);
	});

	test('who reads: the city departments and the office all plans, a zone its own, a county its zones', T, async () => {
		const zones = async (client) => (await client.get('/api/industry-plans')).json.items.map((p) => p.zone_name);
		for (const name of ['ndrc1', 'finance1', 'office1', 'super1', 'zone1']) assert.deepEqual(await zones(c[name]), [h.ORG.econ], name);
		// 东洲区's zone is the high-tech zone, which has no plan yet
		assert.deepEqual(await zones(c.county1), []);
		assert.deepEqual(await zones(c.zone2), []);
		h.assertError(await c.county1.get(`/api/industry-plans/${planId}`), 404, 'not_found');
		h.assertError(await c.zone2.get(`/api/industry-plans/${planId}`), 404, 'not_found');
		h.assertError(await c.zone2.put(`/api/industry-plans/${planId}`, plan({ zone_id: shengli })), 404, 'not_found');
		for (const name of ['admin', 'auditor1']) h.assertError(await c[name].get('/api/industry-plans'), 403, 'forbidden');
		assert.equal((await c.ndrc1.get('/api/industry-plans?year=2030')).json.total, 1);
		assert.equal((await c.ndrc1.get('/api/industry-plans?year=2031')).json.total, 0);
		assert.equal((await c.ndrc1.get(`/api/industry-plans?zone_id=${shengli}`)).json.total, 0);
		h.assertError(await c.ndrc1.get('/api/industry-plans?exception=maybe'), 400, 'invalid_value', 'exception');
	});

	test('the shares of output and tax the leading industries hold, worked by hand', T, async () => {
		const rows = [
			[CODE[0], '示例新能源汽车有限公司', '3612', 60000000, 3000000, ['20000', '6666.66']],
			[CODE[1], '示例电池有限公司', '3841', 20000000, 1000000, ['3333.34']],
			[CODE[2], '示例芯片有限公司', '3973', 10000000, 500000, ['5000']],
			[CODE[3], '示例钢材有限公司', '3130', 10000003, 500001, ['10000']],
		];
		// before any enterprise holds land: no land share, not 0 %
		const landless = (await c.ndrc1.get(`/api/industry-plans/${planId}?year=2025`)).json.shares;
		assert.deepEqual([landless.zone.land_m2x100, landless.zone.land_share_bp, landless.leading.land_share_bp], [0, null, null]);
		let parcelNo = 0;
		const holdParcel = async (enterprise_id, area_m2) => {
			const body = { zone_id: econ, parcel_no: `产业用地-${++parcelNo}`, land_use: 'industrial', area_m2 };
			if (enterprise_id) body.enterprise_id = enterprise_id;
			const r = await c.zone1.post('/api/land/parcels', body);
			assert.equal(r.status, 201, r.text);
		};
		await holdParcel(null, '99999.99');
		for (const [uscc, name, industry_code, output, tax, parcels] of rows) {
			let r = await c.zone1.post('/api/enterprises', {
				uscc, name, zone_id: econ, industry_code, scale: 'above', registered_on: '2020-01-01', attracted: false,
			});
			assert.equal(r.status, 201, r.text);
			const id = r.json.id;
			r = await c.zone1.post('/api/industry-outputs', { enterprise_id: id, year: 2025, output_fen: output });
			assert.equal(r.status, 200, r.text);
			assert.equal(r.json.output_fen, output);
			r = await c.finance1.put(`/api/enterprises/${id}/taxes/2025`, { amounts: [{ tax_type: 'vat', amount_fen: tax }] });
			assert.equal(r.status, 200, r.text);
			for (const area of parcels) await holdParcel(id, area);
		}
		// another zone's enterprise is not the zone's to report; a missing one is refused
		const ent = (await c.zone1.get('/api/enterprises')).json.items[0].id;
		h.assertError(await c.zone2.post('/api/industry-outputs', { enterprise_id: ent, year: 2025, output_fen: 1 }), 404, 'not_found');
		h.assertError(await c.zone1.post('/api/industry-outputs', { enterprise_id: 999999, year: 2025, output_fen: 1 }), 400, 'invalid_value', '/enterprise_id');
		h.assertError(await c.zone1.post('/api/industry-outputs', { enterprise_id: ent, year: 2025, output_fen: -1 }), 400, 'out_of_range', '/output_fen');

		const r = await c.ndrc1.get(`/api/industry-plans/${planId}?year=2025`);
		assert.equal(r.status, 200, r.text);
		const s = r.json.shares;
		assert.equal(s.year, 2025);
		assert.deepEqual(s.zone, {
			enterprises: 4, output_fen: 100000003, output_share_bp: 10000, tax_fen: 5000001, tax_share_bp: 10000, land_m2x100: 4500000, land_mu_x100: 6750, land_share_bp: 10000,
		});
		assert.deepEqual(s.industries, [
			{ name: '新能源汽车', enterprises: 2, output_fen: 80000000, output_share_bp: 8000, tax_fen: 4000000, tax_share_bp: 8000, land_m2x100: 3000000, land_mu_x100: 4500, land_share_bp: 6667 },
			{ name: '集成电路', enterprises: 1, output_fen: 10000000, output_share_bp: 1000, tax_fen: 500000, tax_share_bp: 1000, land_m2x100: 500000, land_mu_x100: 750, land_share_bp: 1111 },
			{ name: '精细化工', enterprises: 0, output_fen: 0, output_share_bp: 0, tax_fen: 0, tax_share_bp: 0, land_m2x100: 0, land_mu_x100: 0, land_share_bp: 0 },
		]);
		assert.deepEqual(s.leading, {
			enterprises: 3, output_fen: 90000000, output_share_bp: 9000, tax_fen: 4500000, tax_share_bp: 9000, land_m2x100: 3500000, land_mu_x100: 5250, land_share_bp: 7778,
		});
		// a year without figures: no shares of output and tax, not 0 %; the land is held now
		const empty = (await c.ndrc1.get(`/api/industry-plans/${planId}?year=2024`)).json.shares;
		assert.equal(empty.leading.output_share_bp, null);
		assert.equal(empty.zone.enterprises, 4);
		assert.equal(empty.leading.land_share_bp, 7778);

		const e = await c.zone1.get(`/api/industry-plans/${planId}/enterprises?year=2025`);
		assert.equal(e.status, 200, e.text);
		assert.equal(e.json.total, 4);
		const byName = Object.fromEntries(e.json.items.map((x) => [x.name, [x.lead_name, x.output_fen, x.tax_fen, x.land_m2x100, x.land_mu_x100]]));
		assert.deepEqual(byName, {
			示例新能源汽车有限公司: ['新能源汽车', 60000000, 3000000, 2666666, 4000],
			示例电池有限公司: ['新能源汽车', 20000000, 1000000, 333334, 500],
			示例芯片有限公司: ['集成电路', 10000000, 500000, 500000, 750],
			示例钢材有限公司: [null, 10000003, 500001, 1000000, 1500],
		});
		h.assertError(await c.zone2.get(`/api/industry-plans/${planId}/enterprises`), 404, 'not_found');
	});

	test('more than 3 leading industries: a reason, then the office approves (not the zone, not twice)', T, async () => {
		const reason = '钢铁深加工为存量支柱产业，转型期内保留';
		let r = await c.zone1.put(`/api/industry-plans/${planId}`, plan({ industries: [EV, IC, CHEM, STEEL], exception_reason: reason }));
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.exception, 'pending');
		assert.equal(r.json.exception_label, '待批准');
		assert.equal(r.json.exception_reason, reason);
		assert.equal((await c.office1.get('/api/industry-plans?exception=pending')).json.total, 1);
		const todo = (await c.office1.get('/api/todos')).json.items.find((x) => x.key === 'industry_exceptions');
		assert.deepEqual([todo.count, todo.link], [1, '/industry-plans?exception=pending']);
		assert.equal((await c.zone1.get('/api/todos')).json.items.find((x) => x.key === 'industry_exceptions'), undefined);
		// the office is told in its inbox, with the plan's name and a link to the pending ones
		const told = async (who, kind) => (await c[who].get('/api/inbox')).json.items.filter((x) => x.kind === kind);
		const pending = await told('office1', 'industry_exception_pending');
		assert.deepEqual(pending.map((x) => [x.link, x.entity_type, x.entity_id, x.actor_name]), [['/industry-plans?exception=pending', 'industry_plan', planId, 'zone1']]);
		assert.match(pending[0].title, new RegExp(`^${h.ORG.econ}的产业规划《.+》主导产业超过3个，请审批例外$`));
		for (const who of ['zone1', 'ndrc1', 'super1']) assert.deepEqual(await told(who, 'industry_exception_pending'), [], who);
		h.assertError(await c.zone1.post(`/api/industry-plans/${planId}/approve`), 403, 'forbidden');
		h.assertError(await c.ndrc1.post(`/api/industry-plans/${planId}/approve`), 403, 'forbidden');
		const before = await auditCount();
		r = await c.office1.post(`/api/industry-plans/${planId}/approve`);
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.exception, 'approved');
		assert.ok(r.json.approved_at);
		assert.equal(await auditCount(), before + 1);
		const a = (await c.auditor1.get('/api/audit?page_size=1')).json.items[0];
		assert.equal(a.action, 'approve_exception');
		assert.equal(a.entity_type, 'industry_plan');
		h.assertError(await c.office1.post(`/api/industry-plans/${planId}/approve`), 409, 'invalid_state');
		// the zone is told of the approval, once (the refused second approval told nobody)
		const approved = await told('zone1', 'industry_exception_approved');
		assert.deepEqual(approved.map((x) => [x.link, x.entity_id, x.read]), [['/industry-plans?exception=approved', planId, false]]);
		assert.match(approved[0].title, /^产业规划《.+》的主导产业例外已批准$/);
		assert.deepEqual(await told('zone2', 'industry_exception_approved'), []);
		// saved as it was read, or renamed, the approval holds (no new item for the office)
		const got = (await c.zone1.get(`/api/industry-plans/${planId}`)).json;
		const asRead = {
			zone_id: got.zone_id, name: got.name, start_year: got.start_year, end_year: got.end_year, exception_reason: got.exception_reason,
			industries: got.industries.map((l) => ({ name: l.name, sei_code: l.sei_code || undefined, future: l.future || undefined, codes: l.codes })),
		};
		r = await c.zone1.put(`/api/industry-plans/${planId}`, asRead);
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.exception, 'approved');
		assert.equal(r.json.approved_at, got.approved_at);
		r = await c.zone1.put(`/api/industry-plans/${planId}`, { ...asRead, name: `${got.name}（修订）` });
		assert.equal(r.json.exception, 'approved');
		assert.equal((await told('office1', 'industry_exception_pending')).length, pending.length);
		// a change to what was approved asks for the approval again; back to 3 needs none and
		// keeps no reason
		r = await c.zone1.put(`/api/industry-plans/${planId}`, plan({ industries: [EV, IC, CHEM, { ...STEEL, codes: ['31', '32'] }], exception_reason: reason }));
		assert.equal(r.json.exception, 'pending');
		assert.equal(r.json.approved_at, null);
		r = await c.zone1.put(`/api/industry-plans/${planId}`, plan({ exception_reason: reason }));
		assert.equal(r.json.exception, 'none');
		assert.equal(r.json.exception_reason, '');
		h.assertError(await c.office1.post(`/api/industry-plans/${planId}/approve`), 409, 'invalid_state');
	});

	test('the export: one row per leading industry', T, async () => {
		const r = await c.ndrc1.get('/api/industry-plans/export.xlsx');
		assert.equal(r.status, 200, r.text);
		const x = readXlsx(r.buf);
		assert.deepEqual(x[0], ['开发区', '规划名称', '起始年份', '截止年份', '主导产业', '战略性新兴产业 / 未来产业', '国民经济行业代码', '例外状态', '例外理由']);
		assert.equal(x.length, 4);
		assert.deepEqual(x[1].slice(4, 7), ['新能源汽车', '新能源汽车产业', '3612、384']);
		assert.deepEqual(x[2].slice(4, 7), ['集成电路', '新一代信息技术产业 / 电子核心产业 / 未来信息', '3973']);
		assert.equal(String(x[1][2]), '2026');
	});
});
