'use strict';
// money.test.js - the enterprise registry, tax records, arrangements and revenue sharing (art. 6)
// over HTTP, on SQLite or PostgreSQL: a zone registers its own enterprises (the 统一社会信用代码's
// check character verified, the expected one named), the finance bureau sets each year's
// configuration and tax, computes every zone's statement (the worked example of
// tests/unit/core/revshare.c, exact to the fen), confirms one, which freezes it (a corrected
// figure makes version 2 beside it; SQL refuses to change v1 too); a 飞地 splits an enterprise
// between two zones; the what-if compares ratios and adopting one is audited; exports, the print
// page, data scope, and the kfq catalog / kfq revshare commands.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./harness');

const T = { timeout: h.STEP_TIMEOUT };

const USERS = [
	...h.DEFAULT_USERS,
	{ username: 'finance1', org: '市财政局', role: 'department' },
	{ username: 'finance2', org: '市财政局', role: 'department' },
	{ username: 'ndrc1', org: '市发改委', role: 'department' },
	{ username: 'security1', org: h.ORG.commerce, role: 'security' },
];

// The city's local retained shares used throughout (basis points): 增值税 25 %, 企业所得税 20 %,
// 房产税 100 %, the rest 0.
function shares(over = {}) {
	const codes = ['vat', 'consumption', 'cit', 'iit', 'resource', 'city_maint', 'property', 'land_use',
		'land_vat', 'stamp', 'vehicle', 'farmland', 'deed', 'environment'];
	const base = { vat: 2500, cit: 2000, property: 10000 };
	return codes.map((c) => ({ tax_type: c, share_bp: over[c] ?? base[c] ?? 0 }));
}

// Published codes of real companies (GB 32100-2015), used here only as well-formed identifiers.
const CODE = {
	byd: '91440300192317458F',
	tencent: '91440300708461136T',
	xiaomi: '91110108551385082Q',
	huawei: '914403001922038216',
	alibaba: '91330100799655058B',
	avic: '91520000214434146R',
};

describe('enterprises and revenue sharing', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, ids, econ, shengli, hightech;
	const ent = {};

	// the caller's inbox items of a kind, and its 我的待办 by key
	const inbox = async (who, kind) => (await c[who].get('/api/inbox')).json.items.filter((x) => x.kind === kind);
	const todos = async (who) => Object.fromEntries((await c[who].get('/api/todos')).json.items.map((x) => [x.key, x]));

	before(async () => {
		srv = await h.startServer({ users: USERS });
		c = await h.loginAll(srv, ['office1', 'zone1', 'zone2', 'county1', 'super1', 'auditor1', 'finance1', 'finance2', 'ndrc1', 'security1']);
		ids = await h.orgIds(c.office1);
		econ = ids[h.ORG.econ];
		// what the seed's article 6 grants its lead, 市财政局 (the harness imports no policy)
		const g = await c.office1.post('/api/capabilities/grants', { org_id: ids['市财政局'], capability: 'confirm_revenue' });
		assert.equal(g.status, 201, g.text);
		shengli = ids[h.ORG.shengli];
		hightech = ids[h.ORG.hightech];
	});

	after(async () => {
		if (srv) await srv.close();
	});

	const auditCount = async () => (await c.auditor1.get('/api/audit?page_size=1')).json.total;
	const enterprise = (extra = {}) => ({
		uscc: CODE.byd,
		name: '示例新材料有限公司',
		zone_id: econ,
		industry_code: '3011',
		scale: 'above',
		registered_on: '2019-04-01',
		attracted: true,
		settled_on: '2020-05-01',
		...extra,
	});
	const setTax = async (id, year, amounts) => {
		const r = await c.finance1.put(`/api/enterprises/${id}/taxes/${year}`, {
			amounts: Object.entries(amounts).map(([tax_type, amount_fen]) => ({ tax_type, amount_fen })),
		});
		assert.equal(r.status, 200, r.text);
	};

	test('the classification in force is GB/T 4754-2017 with its four levels', T, async () => {
		const r = await c.zone1.get('/api/industries');
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.source, 'builtin');
		assert.deepEqual(r.json.counts, { sections: 20, divisions: 97, groups: 473, classes: 1381 });
		const c30 = r.json.items.find((s) => s.code === 'C').children.find((d) => d.code === '30');
		assert.equal(c30.name, '非金属矿物制品业');
		assert.equal(c30.children[0].children[0].code, '3011');
		assert.equal(c30.children[0].children[0].name, '水泥制造');
	});

	test('a zone registers its own enterprises; a wrong check character names the right one', T, async () => {
		const before = await auditCount();
		let r = await c.zone1.post('/api/enterprises', enterprise({ uscc: '91440300192317458A' }));
		h.assertError(r, 400, 'invalid_value', '/uscc');
		assert.equal(r.json.error.message, '统一社会信用代码校验位错误：第18位应为F，当前为A');
		r = await c.zone1.post('/api/enterprises', enterprise({ industry_code: '301' }));
		h.assertError(r, 400, 'invalid_value', '/industry_code');
		assert.equal(r.json.error.message, '行业代码301是“水泥、石灰和石膏制造”，请选择到四位小类');
		r = await c.zone1.post('/api/enterprises', enterprise({ zone_id: shengli }));
		h.assertError(r, 403, 'forbidden', '/zone_id');
		r = await c.zone1.post('/api/enterprises', enterprise({ attracted: false }));
		h.assertError(r, 400, 'invalid_value', '/attracted');
		assert.equal(await auditCount(), before, 'a refusal writes nothing');

		// lower case and spaces as typed: stored normalized
		r = await c.zone1.post('/api/enterprises', enterprise({ uscc: ` ${CODE.byd.toLowerCase()} ` }));
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.uscc, CODE.byd);
		assert.equal(r.json.industry_name, '水泥制造');
		assert.equal(r.json.arrival_year, 2020);
		ent.e101 = r.json.id;
		assert.equal(await auditCount(), before + 1);
		r = await c.zone1.post('/api/enterprises', enterprise({ name: '另一家' }));
		h.assertError(r, 409, 'uscc_taken', '/uscc');
		assert.match(r.json.error.message, new RegExp(`企业编号${ent.e101}`));

		r = await c.zone1.post('/api/enterprises', enterprise({ uscc: CODE.tencent, name: '示例电子有限公司', industry_code: '3973', scale: 'below', registered_on: '2025-02-01', settled_on: null }));
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.arrival_year, 2025);
		ent.e102 = r.json.id;
		r = await c.zone1.post('/api/enterprises', enterprise({ uscc: CODE.xiaomi, name: '示例化工有限公司', attracted: false, settled_on: null, registered_on: '2019-01-01' }));
		assert.equal(r.status, 201, r.text);
		ent.e103 = r.json.id;
		r = await c.zone2.post('/api/enterprises', enterprise({ uscc: CODE.huawei, name: '示例装备有限公司', zone_id: shengli, registered_on: '2023-03-01', settled_on: null }));
		assert.equal(r.status, 201, r.text);
		ent.e201 = r.json.id;
		r = await c.zone2.post('/api/enterprises', enterprise({ uscc: CODE.alibaba, name: '示例物业有限公司', zone_id: shengli, registered_on: '2024-06-01', settled_on: null }));
		assert.equal(r.status, 201, r.text);
		ent.e202 = r.json.id;
		r = await c.office1.post('/api/enterprises', enterprise({ uscc: CODE.avic, name: '示例飞地企业有限公司', zone_id: hightech, registered_on: '2022-01-01', settled_on: null }));
		assert.equal(r.status, 201, r.text);
		ent.e301 = r.json.id;
	});

	test('each sees the enterprises of its scope; a department sees the city', T, async () => {
		let r = await c.zone1.get('/api/enterprises');
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(r.json.items.map((e) => e.id).sort(), [ent.e101, ent.e102, ent.e103].sort());
		r = await c.zone2.get(`/api/enterprises/${ent.e101}`);
		h.assertError(r, 404, 'not_found');
		r = await c.zone2.put(`/api/enterprises/${ent.e101}`, enterprise());
		h.assertError(r, 404, 'not_found');
		r = await c.ndrc1.get('/api/enterprises?attracted=true&page_size=50');
		assert.equal(r.json.total, 5);
		r = await c.ndrc1.get(`/api/enterprises?industry=30&zone_id=${econ}`);
		assert.deepEqual(r.json.items.map((e) => e.id).sort(), [ent.e101, ent.e103].sort());
		r = await c.super1.get(`/api/enterprises?q=${encodeURIComponent('飞地')}`);
		assert.deepEqual(r.json.items.map((e) => e.id), [ent.e301]);
		r = await c.auditor1.get('/api/enterprises');
		h.assertError(r, 403, 'forbidden');
		// the security officer reads accounts, never enterprises, tax or statements (三员分立)
		for (const path of ['/api/enterprises', `/api/enterprises/${ent.e101}`, '/api/enterprises/export.csv', '/api/industries', '/api/arrangements', '/api/revshare/years', '/api/revshare/statements', '/api/revshare/history']) {
			h.assertError(await c.security1.get(path), 403, 'forbidden');
		}
		h.assertError(await c.security1.post('/api/revshare/whatif', { year: 2025, scenarios: [] }), 403, 'forbidden');
		r = await c.zone1.get('/api/enterprises?scale=huge');
		h.assertError(r, 400, 'invalid_parameter', 'scale');
		r = await c.office1.get('/api/enterprises/export.xlsx?attracted=true');
		assert.equal(r.status, 200);
		assert.equal(h.xlsxRows(r.buf), 6);
		assert.match(h.xlsxText(r.buf), /示例飞地企业有限公司/);
		r = await c.zone1.get('/api/enterprises/export.csv');
		assert.equal(r.status, 200);
		assert.match(r.text, new RegExp(CODE.tencent));
	});

	test('the finance bureau sets each year and the tax; others may not', T, async () => {
		let r = await c.zone1.put('/api/revshare/years/2025', { ratio_bp: 5000, shares: shares() });
		h.assertError(r, 403, 'forbidden');
		// another city department reads the city's figures but does not hold the capability
		for (const [method, path, body] of [
			['put', '/api/revshare/years/2025', { ratio_bp: 5000, shares: shares() }],
			['post', '/api/revshare/statements/compute', { year: 2025 }],
			['put', `/api/enterprises/${ent.e101}/taxes/2025`, { amounts: [{ tax_type: 'vat', amount_fen: 1 }] }],
		]) {
			r = await c.ndrc1[method](path, body);
			h.assertError(r, 403, 'capability_required');
			assert.equal(r.json.error.message, '本单位没有“确认财力分成结算”的职能授权，请联系工作专班办公室');
		}
		r = await c.finance1.put('/api/revshare/years/2025', { ratio_bp: 5000, shares: shares().slice(1) });
		h.assertError(r, 400, 'missing_field', '/shares');
		r = await c.finance1.put('/api/revshare/years/2025', { ratio_bp: 10001, shares: shares() });
		h.assertError(r, 400, 'out_of_range', '/ratio_bp');
		r = await c.finance1.put('/api/revshare/years/2025', { base_year: 2026, ratio_bp: 5000, shares: shares() });
		h.assertError(r, 400, 'invalid_value', '/base_year');
		r = await c.finance1.post('/api/revshare/statements/compute', { year: 2025 });
		h.assertError(r, 409, 'not_configured', '/year');
		assert.equal(r.json.error.message, '尚未设置2025年度的分成比例和地方留成比例');
		const before = await auditCount();
		for (const year of [2024, 2025]) {
			r = await c.finance1.put(`/api/revshare/years/${year}`, { ratio_bp: 5000, shares: shares() });
			assert.equal(r.status, 200, r.text);
			assert.equal(r.json.base_year, 2024);
			assert.equal(r.json.shares.vat, 2500);
		}
		assert.equal(await auditCount(), before + 2);
		r = await c.zone1.get('/api/revshare/years');
		assert.deepEqual(r.json.items.map((y) => y.year), [2024, 2025]);
		assert.equal(r.json.default_base_year, 2024);
		assert.equal(r.json.tax_types.find((t) => t.code === 'vat').label, '增值税');

		r = await c.zone1.put(`/api/enterprises/${ent.e101}/taxes/2025`, { amounts: [] });
		h.assertError(r, 403, 'forbidden');
		r = await c.finance1.put(`/api/enterprises/${ent.e101}/taxes/2025`, { amounts: [{ tax_type: 'salt', amount_fen: 1 }] });
		h.assertError(r, 400, 'invalid_value', '/amounts/0/tax_type');
		// the worked example of tests/unit/core/revshare.c, in fen
		await setTax(ent.e101, 2025, { vat: 100000000, cit: 20000000 });
		await setTax(ent.e101, 2024, { vat: 80000000, cit: 10000000 });
		await setTax(ent.e102, 2025, { vat: 3333333 });
		await setTax(ent.e102, 2024, { vat: 999999 }); // arrived in 2025: does not count
		await setTax(ent.e103, 2025, { vat: 500000000 }); // not attracted: no line
		await setTax(ent.e201, 2025, { cit: 5000000 });
		await setTax(ent.e201, 2024, { cit: 8000000 });
		await setTax(ent.e202, 2025, { property: 300000 });
		await setTax(ent.e202, 2024, { property: 200000 });
		await setTax(ent.e301, 2025, { vat: 400001 });
		await setTax(ent.e301, 2024, { vat: 300001 });
		r = await c.zone1.get(`/api/enterprises/${ent.e101}`);
		assert.deepEqual(r.json.taxes, [
			{ amounts: { vat: 80000000, cit: 10000000 }, year: 2024 },
			{ amounts: { vat: 100000000, cit: 20000000 }, year: 2025 },
		]);
	});

	test('a 飞地 splits an enterprise between its host and partner zone', T, async () => {
		const body = { kind: 'enclave', name: '高新区—胜利开发区飞地', host_zone_id: hightech, partner_zone_id: shengli, start_date: '2023-07-01', ratios: [{ from_year: 2023, partner_bp: 3333 }], enterprise_ids: [ent.e301] };
		let r = await c.zone1.post('/api/arrangements', body);
		h.assertError(r, 403, 'forbidden');
		r = await c.office1.post('/api/arrangements', { ...body, enterprise_ids: [ent.e101] });
		h.assertError(r, 400, 'invalid_value', '/enterprise_ids/0');
		assert.equal(r.json.error.message, '企业不在所在开发区登记');
		r = await c.office1.post('/api/arrangements', { ...body, ratios: [{ from_year: 2024, partner_bp: 3333 }] });
		h.assertError(r, 400, 'invalid_value', '/ratios');
		r = await c.office1.post('/api/arrangements', body);
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.kind_label, '飞地');
		assert.equal(r.json.partner_zone_name, h.ORG.shengli);
		r = await c.office1.post('/api/arrangements', { ...body, name: '重叠', partner_zone_id: econ, start_date: '2025-01-01', ratios: [{ from_year: 2025, partner_bp: 1000 }] });
		h.assertError(r, 409, 'arrangement_overlap', '/enterprise_ids/0');
		r = await c.zone2.get('/api/arrangements');
		assert.equal(r.json.total, 1, 'the partner zone sees it');
		r = await c.zone1.get('/api/arrangements');
		assert.equal(r.json.total, 0);
		// its member stays in the host zone: moved, the city's revenue sharing could not place it
		const before = await auditCount();
		const e301 = { uscc: CODE.avic, name: '示例飞地企业有限公司', registered_on: '2022-01-01', settled_on: null };
		r = await c.office1.put(`/api/enterprises/${ent.e301}`, enterprise({ ...e301, zone_id: shengli }));
		h.assertError(r, 409, 'invalid_state', '/zone_id');
		assert.equal(r.json.error.message, `该企业列入飞地「高新区—胜利开发区飞地」，所在开发区应为承接的${h.ORG.hightech}；请先在该安排中移出该企业`);
		assert.equal((await c.office1.get(`/api/enterprises/${ent.e301}`)).json.enterprise.zone_id, hightech);
		assert.equal(await auditCount(), before);
		r = await c.office1.put(`/api/enterprises/${ent.e301}`, enterprise({ ...e301, zone_id: hightech, address: '高新区飞地园' }));
		assert.equal(r.status, 200, r.text);
	});

	let econStatement;

	test('every zone\'s statement, exact to the fen', T, async () => {
		let r = await c.zone1.post('/api/revshare/statements/compute', { year: 2025 });
		h.assertError(r, 403, 'forbidden');
		const before = await auditCount();
		r = await c.finance1.post('/api/revshare/statements/compute', { year: 2025 });
		assert.equal(r.status, 200, r.text);
		const byZone = Object.fromEntries(r.json.zones.map((z) => [z.zone_id, z]));
		// 78,333,332,500 e4 = 7,833,333.25 fen, × 50 % = 3,916,666.625 → 3,916,667
		assert.equal(byZone[econ].increment_e4, 78333332500);
		assert.equal(byZone[econ].returned_fen, 3916667);
		assert.equal(byZone[econ].n_lines, 2);
		// 胜利: E201 −6,000,000,000 + E202 1,000,000,000, floored at 0; plus 33.33 % of E301:
		// T 333,300,833, B 249,975,833 (largest remainder), increment 83,325,000 → 4,166.25 → 4,166
		assert.equal(byZone[shengli].increment_e4, -5000000000 + 83325000);
		assert.equal(byZone[shengli].returned_fen, 0);
		// 高新区 keeps 66.67 %: increment 166,675,000 → 8,333.75 → 8,334
		assert.equal(byZone[hightech].increment_e4, 166675000);
		assert.equal(byZone[hightech].returned_fen, 8334);
		assert.equal(r.json.returned_fen, 3916667 + 8334);
		assert.ok(r.json.zones.every((z) => z.action === 'created' && z.version === 1));
		assert.equal(await auditCount(), before + r.json.zones.length);
		econStatement = byZone[econ].statement_id;
		// each statement waits for 财政局's confirmation: its other accounts are told (not the one
		// that computed), and both count them in 我的待办, as the year's list shows them
		const told = await inbox('finance2', 'revshare_computed');
		assert.deepEqual(told.map((x) => [x.entity_id, x.link]).sort((a, b) => a[0] - b[0]), r.json.zones.map((z) => [z.statement_id, `/revshare/statements/${z.statement_id}`]).sort((a, b) => a[0] - b[0]));
		assert.equal(told.find((x) => x.entity_id === econStatement).title, `${h.ORG.econ}2025年度财力分成结算单（第1版）待确认`);
		assert.deepEqual(await inbox('finance1', 'revshare_computed'), []);
		for (const who of ['finance1', 'finance2']) {
			const tile = (await todos(who)).revshare_to_confirm;
			assert.deepEqual([tile.label, tile.count, tile.link], ['待确认的财力分成结算单', r.json.zones.length, '/revshare?year=2025'], who);
			assert.equal(tile.count, (await c[who].get('/api/revshare/statements?year=2025&latest=true')).json.items.filter((x) => x.status === 'draft').length);
		}
		// a department that never confirms, a zone and the office have no such tile
		for (const who of ['ndrc1', 'zone1', 'office1', 'super1']) assert.equal((await todos(who)).revshare_to_confirm, undefined, who);

		r = await c.zone1.get(`/api/revshare/statements/${econStatement}/lines`);
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(
			r.json.items.map((l) => [l.enterprise_id, l.local_e4, l.base_e4, l.increment_e4, l.base_counted, l.share_bp]),
			[
				[ent.e101, 290000000000, 220000000000, 70000000000, true, 10000],
				[ent.e102, 8333332500, 0, 8333332500, false, 10000],
			],
		);
		assert.deepEqual(r.json.items[0].taxes, { vat: [100000000, 80000000], cit: [20000000, 10000000] });
		r = await c.zone2.get(`/api/revshare/statements?year=2025`);
		const mine = r.json.items.find((s) => s.zone_id === shengli);
		r = await c.zone2.get(`/api/revshare/statements/${mine.id}/lines`);
		const split = r.json.items.find((l) => l.enterprise_id === ent.e301);
		assert.deepEqual([split.share_bp, split.local_e4, split.base_e4, split.increment_e4], [3333, 333300833, 249975833, 83325000]);
		r = await c.zone2.get(`/api/revshare/statements/${econStatement}`);
		h.assertError(r, 404, 'not_found');

		// the same inputs again: nothing changes, nothing is written
		const again = await auditCount();
		r = await c.finance1.post('/api/revshare/statements/compute', { year: 2025 });
		assert.ok(r.json.zones.every((z) => z.action === 'unchanged'));
		assert.equal(await auditCount(), again);
		assert.equal((await inbox('finance2', 'revshare_computed')).length, r.json.zones.length); // nobody told again
	});

	test('confirmed by the finance bureau, a statement is frozen; a correction is a new version', T, async () => {
		let r = await c.zone1.post(`/api/revshare/statements/${econStatement}/confirm`);
		h.assertError(r, 403, 'forbidden');
		r = await c.ndrc1.post(`/api/revshare/statements/${econStatement}/confirm`);
		h.assertError(r, 403, 'capability_required');
		r = await c.finance1.post(`/api/revshare/statements/${econStatement}/confirm`);
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.status, 'confirmed');
		assert.equal(r.json.confirmed_org_name, '市财政局');
		r = await c.finance1.post(`/api/revshare/statements/${econStatement}/confirm`);
		h.assertError(r, 409, 'not_confirmable');
		// the zone is told; the refused confirmations told nobody; one fewer waits
		const told = await inbox('zone1', 'revshare_confirmed');
		assert.deepEqual(told.map((x) => [x.title, x.link, x.entity_type, x.entity_id, x.read]), [
			['2025年度财力分成结算单（第1版）已确认', `/revshare/statements/${econStatement}`, 'revshare_statement', econStatement, false],
		]);
		assert.deepEqual(await inbox('zone2', 'revshare_confirmed'), []);
		assert.equal((await c.zone1.post(`/api/inbox/${told[0].id}/read`, {})).status, 204);
		assert.equal((await inbox('zone1', 'revshare_confirmed'))[0].read, true);
		const zones = (await c.finance2.get('/api/revshare/statements?year=2025&latest=true')).json.items.length;
		assert.equal((await todos('finance2')).revshare_to_confirm.count, zones - 1);
		const v1 = (await c.zone1.get(`/api/revshare/statements/${econStatement}`)).json.statement;

		// E102's 增值税 corrected by one fen: a new line, the same rounded amount, still v2
		await setTax(ent.e102, 2025, { vat: 3333334 });
		r = await c.finance1.post('/api/revshare/statements/compute', { year: 2025 });
		const z = r.json.zones.find((x) => x.zone_id === econ);
		assert.equal(z.action, 'new_version');
		assert.equal(z.version, 2);
		assert.notEqual(z.statement_id, econStatement);
		assert.equal(z.increment_e4, 78333335000);
		assert.equal(z.returned_fen, 3916667);
		assert.ok(r.json.zones.filter((x) => x.zone_id !== econ).every((x) => x.action === 'unchanged'));
		r = await c.zone1.get(`/api/revshare/statements/${econStatement}`);
		assert.deepEqual(r.json.statement, v1, 'version 1 is as confirmed');
		assert.deepEqual(r.json.versions.map((v) => [v.version, v.status]), [[2, 'draft'], [1, 'confirmed']]);
		r = await c.zone1.get(`/api/revshare/statements/${econStatement}/lines`);
		assert.equal(r.json.items[1].local_e4, 8333332500);
		// a further correction recomputes the draft v2 in place
		await setTax(ent.e102, 2025, { vat: 3333335 });
		r = await c.finance1.post('/api/revshare/statements/compute', { year: 2025 });
		assert.equal(r.json.zones.find((x) => x.zone_id === econ).action, 'recomputed');
		assert.equal(r.json.zones.find((x) => x.zone_id === econ).version, 2);
		// corrected back to the confirmed figures: the draft v2 is withdrawn (audited, its
		// 待确认 news gone), version 1 stands again and nothing waits to be confirmed twice
		const draft = r.json.zones.find((x) => x.zone_id === econ).statement_id;
		assert.equal((await inbox('finance2', 'revshare_computed')).filter((x) => x.entity_id === draft).length, 2); // computed, recomputed
		await setTax(ent.e102, 2025, { vat: 3333333 });
		r = await c.finance1.post('/api/revshare/statements/compute', { year: 2025 });
		assert.deepEqual(r.json.zones.filter((x) => x.zone_id === econ).map((x) => [x.action, x.version, x.statement_id]), [['withdrawn', 1, econStatement]]);
		r = await c.zone1.get(`/api/revshare/statements/${econStatement}`);
		assert.deepEqual(r.json.versions.map((v) => [v.version, v.status]), [[1, 'confirmed']]);
		h.assertError(await c.finance1.get(`/api/revshare/statements/${draft}`), 404, 'not_found');
		assert.deepEqual((await inbox('finance2', 'revshare_computed')).filter((x) => x.entity_id === draft), []);
		assert.equal((await todos('finance2')).revshare_to_confirm.count, zones - 1);
		r = await c.auditor1.get(`/api/audit?entity_type=revshare_statement&entity_id=${draft}&action=delete`);
		assert.equal(r.json.total, 1);
		await setTax(ent.e102, 2025, { vat: 3333335 });
		r = await c.finance1.post('/api/revshare/statements/compute', { year: 2025 });
		assert.deepEqual(r.json.zones.filter((x) => x.zone_id === econ).map((x) => [x.action, x.version]), [['new_version', 2]]);

		// and SQL itself refuses to change the confirmed one
		r = await h.sql(srv.db, `UPDATE revshare_statement SET returned_fen = 1 WHERE id = ${econStatement}`);
		assert.notEqual(r.code, 0);
		assert.match(r.stderr, /frozen/);
		r = await h.sql(srv.db, `DELETE FROM revshare_line WHERE statement_id = ${econStatement}`);
		assert.notEqual(r.code, 0);
		const audit = await c.auditor1.get('/api/audit?entity_type=revshare_statement&action=confirm');
		assert.equal(audit.json.total, 1);
	});

	test('the statement to sign: print page and .xlsx', T, async () => {
		let r = await c.zone1.get(`/api/revshare/statements/${econStatement}/print`);
		assert.equal(r.status, 200);
		assert.match(r.headers.get('content-type'), /text\/html/);
		assert.match(r.text, /2025年度抚顺经济开发区（示例）招商引资新增税收财力分成结算单/);
		assert.match(r.text, /<strong>39166\.67元<\/strong>/);
		assert.match(r.text, /78333\.3325元/); // the counted increment, exact
		assert.match(r.text, /已确认：市财政局/);
		assert.doesNotMatch(r.text, /<script|https?:\/\//);
		r = await c.finance1.get(`/api/revshare/statements/${econStatement}/export.xlsx`);
		assert.equal(r.status, 200);
		const text = h.xlsxText(r.buf);
		assert.match(text, /示例电子有限公司/);
		assert.match(text, /返还金额（元，四舍五入到分）/);
		assert.match(text, /<v>39166\.67<\/v>/);
		assert.match(text, /<v>8333\.3325<\/v>/); // E102's local retained tax, exact
	});

	test('what-if: sharing ratios side by side, nothing saved until one is adopted', T, async () => {
		const before = await auditCount();
		let r = await c.zone1.post('/api/revshare/whatif', { year: 2025, scenarios: [] });
		h.assertError(r, 403, 'forbidden');
		r = await c.office1.post('/api/revshare/whatif', { year: 2025, scenarios: [{ name: '超限', values: [{ name: 'ratio_bp', value: 10001 }] }] });
		h.assertError(r, 400, 'invalid_scenario', '/scenarios/0/values');
		r = await c.office1.post('/api/revshare/whatif', { year: 2025, scenarios: [{ name: '六成', values: [{ name: 'ratio_bp', value: 6000 }] }, { name: '三成', values: [{ name: 'ratio_bp', value: 3000 }] }] });
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(r.json.columns.map((x) => [x.name, x.values[0].value]), [[null, 5000], ['六成', 6000], ['三成', 3000]]);
		const econRow = r.json.rows.find((x) => x.zone_id === econ);
		// increment 78,333,337,500 e4 = 7,833,333.75 fen (E102 at 3,333,335 fen):
		// × 50 % = 3,916,666.875, × 60 % = 4,700,000.25, × 30 % = 2,350,000.125
		assert.deepEqual(econRow.returned_fen, [3916667, 4700000, 2350000]);
		assert.deepEqual(econRow.delta_fen, [0, 783333, -1566667]);
		const hi = r.json.rows.find((x) => x.zone_id === hightech);
		assert.deepEqual(hi.returned_fen, [8334, 10001, 5000]); // 16,667.5 fen × 50/60/30 %
		assert.deepEqual(r.json.columns.map((x) => x.total_fen), [3916667 + 8334, 4700000 + 10001, 2350000 + 5000]);
		// ten ratios at once, 10 % … 100 %: 7,833,333.75 fen × ratio, half up; an eleventh refused
		const ten = Array.from({ length: 10 }, (_, i) => ({ name: `${i + 1}成`, values: [{ name: 'ratio_bp', value: 1000 * (i + 1) }] }));
		r = await c.office1.post('/api/revshare/whatif', { year: 2025, scenarios: ten });
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(r.json.rows.find((x) => x.zone_id === econ).returned_fen, [3916667, 783333, 1566667, 2350000, 3133334, 3916667, 4700000, 5483334, 6266667, 7050000, 7833334]);
		r = await c.office1.post('/api/revshare/whatif', { year: 2025, scenarios: [...ten, { name: '十一', values: [] }] });
		h.assertError(r, 400, 'too_many', '/scenarios');
		assert.equal(r.json.error.message, '一次最多比较10个方案（现行方案之外）');
		assert.equal(await auditCount(), before, 'comparing writes nothing');

		r = await c.office1.post('/api/revshare/whatif/adopt', { year: 2025, name: '六成', values: [{ name: 'ratio_bp', value: 6000 }] });
		h.assertError(r, 403, 'forbidden');
		r = await c.ndrc1.post('/api/revshare/whatif/adopt', { year: 2025, name: '六成', values: [{ name: 'ratio_bp', value: 6000 }] });
		h.assertError(r, 403, 'capability_required');
		r = await c.finance1.post('/api/revshare/whatif/adopt', { year: 2025, name: '六成', values: [{ name: 'ratio_bp', value: 6000 }] });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.ratio_bp, 6000);
		const audit = await c.auditor1.get('/api/audit?entity_type=revshare_year&action=adopt_scenario');
		assert.equal(audit.json.total, 1);
		assert.match(JSON.stringify(audit.json.items[0]), /六成/);
		// the econ draft was computed at 50 %: it is not confirmed until computed again
		const draft = (await c.finance1.get('/api/revshare/statements?year=2025&latest=true')).json.items.find((x) => x.zone_id === econ);
		assert.deepEqual([draft.status, draft.ratio_bp], ['draft', 5000]);
		r = await c.finance1.post(`/api/revshare/statements/${draft.id}/confirm`);
		h.assertError(r, 409, 'stale');
		assert.equal(r.json.error.message, '该结算单计算之后，分成设置或企业税收数据已有变化，请先重新计算再确认');
		assert.equal((await c.finance1.get(`/api/revshare/statements/${draft.id}`)).json.statement.status, 'draft');
	});

	test('history for the charts; kfq revshare compute; kfq catalog', T, async () => {
		let r = await c.office1.get('/api/revshare/history?from=2024&to=2025');
		assert.equal(r.status, 200, r.text);
		assert.ok(r.json.items.find((x) => x.zone_id === econ && x.year === 2025 && x.version === 2));
		r = await c.zone1.get('/api/revshare/history');
		assert.ok(r.json.items.every((x) => x.zone_id === econ));

		r = await srv.kfq(['revshare', 'compute', '--db', srv.db, '2025']);
		assert.equal(r.code, 0, r.stderr);
		assert.match(r.stdout, /recomputed/); // the adopted 60 % changes the drafts
		assert.match(r.stdout, /total returned 47100\.01 yuan/); // 4,700,000 + 10,001 fen
		r = await srv.kfq(['revshare', 'compute', '--db', srv.db, '2019']);
		assert.equal(r.code, 1);
		assert.match(r.stderr, /尚未设置2019年度/);

		// an office's own file in the standard's table layout, GB18030-encoded: refused while a
		// registered code is missing from it, loaded when complete
		const dir = fs.mkdtempSync(path.join(srv.dir, 'catalog-'));
		const small = path.join(dir, 'small.csv');
		const lines = ['门类,大类,中类,小类,类别名称,说明', 'C,,,,制造业,', ',30,,,非金属矿物制品业,', ',,301,,水泥、石灰和石膏制造,', ',,,3011,水泥制造,'];
		fs.writeFileSync(small, iconv(lines.join('\r\n')));
		r = await srv.kfq(['catalog', 'import', '--db', srv.db, small]);
		assert.equal(r.code, 1);
		assert.match(r.stderr, /已登记企业使用的行业代码3973不是该文件中的四位小类/);
		const full = path.join(dir, 'full.tsv');
		fs.copyFileSync(path.join(h.ROOT, 'data', 'catalog', 'gbt4754-2017.tsv'), full);
		r = await srv.kfq(['catalog', 'import', '--db', srv.db, full]);
		assert.equal(r.code, 0, r.stderr);
		assert.match(r.stdout, /门类 20, 大类 97, 中类 473, 小类 1381/);
		r = await c.zone1.get('/api/industries');
		assert.equal(r.json.source, 'loaded');
		r = await srv.kfq(['catalog', 'show', '--db', srv.db]);
		assert.match(r.stdout, /loaded by an office/);
	});

	test('the audit chain holds', T, async () => {
		const r = await c.auditor1.get('/api/audit/verify');
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.ok, true);
	});

	test('an arrangement entered by mistake is deleted by the office, audited; its enterprise may move then', T, async () => {
		let r = await c.office1.post('/api/arrangements', { kind: 'enclave', name: '误录的飞地', host_zone_id: hightech, partner_zone_id: econ, start_date: '2026-01-01', ratios: [{ from_year: 2026, partner_bp: 5000 }], enterprise_ids: [] });
		assert.equal(r.status, 201, r.text);
		const wrong = r.json.id;
		h.assertError(await c.zone1.del(`/api/arrangements/${wrong}`), 403, 'forbidden');
		assert.equal((await c.office1.del(`/api/arrangements/${wrong}`)).status, 204);
		h.assertError(await c.office1.get(`/api/arrangements/${wrong}`), 404, 'not_found');
		h.assertError(await c.office1.del(`/api/arrangements/${wrong}`), 404, 'not_found');
		const log = (await c.auditor1.get(`/api/audit?entity_type=arrangement&entity_id=${wrong}`)).json.items;
		assert.deepEqual([log[0].action, log[0].before.name, log[0].after], ['delete', '误录的飞地', null]);
		// the 飞地 ended for good: deleted, its enterprise is no longer held in the host zone
		const enclave = (await c.office1.get('/api/arrangements')).json.items.find((x) => x.name === '高新区—胜利开发区飞地');
		assert.equal((await c.office1.del(`/api/arrangements/${enclave.id}`)).status, 204);
		r = await c.office1.put(`/api/enterprises/${ent.e301}`, enterprise({ uscc: CODE.avic, name: '示例飞地企业有限公司', registered_on: '2022-01-01', settled_on: null, zone_id: shengli }));
		assert.equal(r.status, 200, r.text);
	});
});

// GB18030 bytes of ASCII and the few Chinese characters used above (iconv is not an npm
// dependency of the tests: node's TextDecoder decodes GB18030 but does not encode it).
function iconv(text) {
	const out = require('node:child_process').execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: text });
	return out;
}
