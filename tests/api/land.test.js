'use strict';
// land.test.js - the land module over HTTP, on SQLite and PostgreSQL: zones' approved areas and
// boundaries (GeoJSON in CGCS2000 longitude/latitude, the geodesic area worked in
// tests/unit/core/geo.c, the approved-area tolerance), who may read and change them, and every
// bad geometry refused with its reason and nothing written; parcels with their findings, cases,
// and the .xlsx and CSV exports of batches, parcels, cases, boundaries and projects with their
// lists' filters; a boundary's change
// re-locating the zone's projects and parcels in its transaction.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');
const { bothExports } = require('./exports');
const { readXlsx, numberCells } = require('./xlsx');

const T = { timeout: h.STEP_TIMEOUT };
const LAND = '市自然资源局';
const USERS = [
	...h.DEFAULT_USERS,
	{ username: 'land1', org: LAND, role: 'department' },
	{ username: 'land2', org: LAND, role: 'department' },
	{ username: 'dept1', org: '市财政局', role: 'department' },
];

// 123.90..123.92 E, 41.85..41.87 N with a hole, and a second square: 3,689,040.69 m²
const OUTER = [[123.9, 41.85], [123.92, 41.85], [123.92, 41.87], [123.9, 41.87], [123.9, 41.85]];
const HOLE = [[123.905, 41.855], [123.905, 41.865], [123.915, 41.865], [123.915, 41.855], [123.905, 41.855]];
const EAST = [[123.95, 41.85], [123.96, 41.85], [123.96, 41.86], [123.95, 41.86], [123.95, 41.85]];
const ZONE = { type: 'MultiPolygon', coordinates: [[OUTER, HOLE], [EAST]] };

describe('land: zone boundaries', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, ids;

	before(async () => {
		srv = await h.startServer({ users: USERS });
		c = await h.loginAll(srv, ['office1', 'land1', 'dept1', 'zone1', 'zone2', 'county1', 'super1', 'auditor1']);
		ids = await h.orgIds(c.office1);
	});

	after(async () => {
		if (srv) await srv.close();
	});

	const auditCount = async () => (await c.auditor1.get('/api/audit?page_size=1')).json.total;
	const put = (who, zone, body) => c[who].put(`/api/land/boundaries/${ids[zone]}`, body);

	test('only an organization holding manage_land sets a boundary', T, async () => {
		const body = { approved_ha: '368.90', geojson: JSON.stringify(ZONE) };
		const before = await auditCount();
		h.assertError(await put('land1', h.ORG.econ, body), 403, 'capability_required');
		h.assertError(await put('zone1', h.ORG.econ, body), 403, 'capability_required');
		h.assertError(await put('office1', h.ORG.econ, body), 403, 'forbidden');
		h.assertError(await put('county1', h.ORG.econ, body), 403, 'forbidden');
		h.assertError(await put('auditor1', h.ORG.econ, body), 403, 'forbidden');
		assert.equal(await auditCount(), before);
		const g = await c.office1.post('/api/capabilities/grants', { org_id: ids[LAND], capability: 'manage_land' });
		assert.equal(g.status, 201, g.text);
		h.assertError(await put('dept1', h.ORG.econ, body), 403, 'capability_required');
	});

	test('the geodesic area, the approved area and the tolerance', T, async () => {
		const before = await auditCount();
		let r = await put('land1', h.ORG.econ, {
			catalogue_code: 'S217041',
			approved_ha: '368.90',
			four_to: '东至示例路，南至示例河，西至示例山，北至示例街',
			geojson: JSON.stringify(ZONE),
		});
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.area_m2x100, 368904069);
		assert.equal(r.json.area_ha, '368.90');
		assert.equal(r.json.approved_ha, '368.90');
		assert.equal(r.json.deviates, false);
		assert.equal(r.json.deviation_bp, 0);
		assert.equal(r.json.tolerance_bp, 300);
		assert.deepEqual(JSON.parse(r.json.geojson), ZONE);
		assert.equal(await auditCount(), before + 1);
		const a = (await c.auditor1.get('/api/audit?entity_type=zone_boundary&page_size=1')).json.items[0];
		assert.equal(a.action, 'set');
		assert.equal(a.entity_id, String(ids[h.ORG.econ]));
		assert.equal(a.before, null);
		assert.equal(a.after.area_m2x100, 368904069);

		// the catalogue says 350 ha: +540 bp is beyond 300
		r = await put('land1', h.ORG.econ, { approved_ha: '350', geojson: JSON.stringify(ZONE) });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.deviates, true);
		assert.equal(r.json.deviation_bp, 540);
		assert.equal(r.json.catalogue_code, null);
		// a tolerance of 6 % accepts it
		r = await put('land1', h.ORG.econ, { approved_ha: '350', tolerance_bp: 600, geojson: JSON.stringify(ZONE) });
		assert.equal(r.json.deviates, false);
		const b = (await c.auditor1.get('/api/audit?entity_type=zone_boundary&page_size=1')).json.items[0];
		assert.equal(b.before.tolerance_bp, 300);
		assert.equal(b.after.tolerance_bp, 600);
		// the area without coordinates yet
		r = await put('land1', h.ORG.shengli, { approved_ha: '1200.5' });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.has_geometry, false);
		assert.equal(r.json.geojson, null);
		assert.equal(r.json.approved_ha, '1200.50');
	});

	test('bad geometry is refused with its reason, and nothing is written', T, async () => {
		const before = await auditCount();
		const bad = async (geo, message) => {
			const r = await put('land1', h.ORG.econ, { approved_ha: '368.90', geojson: typeof geo === 'string' ? geo : JSON.stringify(geo) });
			h.assertError(r, 400, 'invalid_geometry', '/geojson');
			assert.equal(r.json.error.message, message);
		};
		const bow = [[123.9, 41.85], [123.92, 41.87], [123.92, 41.85], [123.9, 41.87], [123.9, 41.85]];
		await bad({ type: 'Polygon', coordinates: [bow] }, '边界自相交（经度 123.910000、纬度 41.860000 附近）');
		await bad({ type: 'Polygon', coordinates: [OUTER.map(([x, y]) => [y, x])] }, '坐标 [41.850000, 123.900000] 的顺序颠倒：GeoJSON 应为经度在前、纬度在后');
		await bad({ type: 'Point', coordinates: [-0.12, 51.5] }, '坐标 [-0.120000, 51.500000] 不在中国境内');
		await bad({ type: 'Point', coordinates: [123.91, 41.86] }, '边界应为 Polygon 或 MultiPolygon');
		await bad({ type: 'Polygon', coordinates: [OUTER.slice(0, 4)] }, '多边形的环未闭合：首尾坐标应相同');
		await bad('{"type":"Polygon"', 'GeoJSON 格式错误：对象未正确结束');
		h.assertError(await put('land1', h.ORG.econ, { approved_ha: '0' }), 400, 'invalid_value', '/approved_ha');
		h.assertError(await put('land1', h.ORG.econ, { approved_ha: '1.234' }), 400, 'invalid_value', '/approved_ha');
		h.assertError(await put('land1', h.ORG.econ, {}), 400, 'missing_field', '/approved_ha');
		h.assertError(await put('land1', h.ORG.dongzhou, { approved_ha: '1' }), 400, 'invalid_value');
		assert.equal(await auditCount(), before);
		const r = await c.office1.get(`/api/land/boundaries/${ids[h.ORG.econ]}`);
		assert.equal(r.json.approved_ha, '350.00');
	});

	test('who reads which boundary', T, async () => {
		// county1 (东洲区) reads the zones below it (the high-tech zone has none); zone2 not
		// another zone's
		for (const who of ['office1', 'land1', 'dept1', 'super1']) {
			const r = await c[who].get('/api/land/boundaries');
			assert.equal(r.status, 200, r.text);
			assert.deepEqual(r.json.items.map((b) => b.zone_name).sort(), [h.ORG.econ, h.ORG.shengli].sort(), who);
			assert.equal(r.json.items[0].geojson, null);
		}
		const geo = (await c.office1.get('/api/land/boundaries?geometry=1')).json.items.find((b) => b.zone_name === h.ORG.econ);
		assert.deepEqual(JSON.parse(geo.geojson), ZONE);
		assert.deepEqual((await c.zone1.get('/api/land/boundaries')).json.items.map((b) => b.zone_name), [h.ORG.econ]);
		assert.deepEqual((await c.zone2.get('/api/land/boundaries')).json.items.map((b) => b.zone_name), [h.ORG.shengli]);
		assert.deepEqual((await c.county1.get('/api/land/boundaries')).json.items, []);
		h.assertError(await c.zone2.get(`/api/land/boundaries/${ids[h.ORG.econ]}`), 404, 'not_found');
		h.assertError(await c.office1.get(`/api/land/boundaries/${ids[h.ORG.hightech]}`), 404, 'not_found');
		h.assertError(await c.auditor1.get('/api/land/boundaries'), 403, 'forbidden');
	});

	test('the land pages pick among every zone of the scope, with a boundary or not', T, async () => {
		const zones = async (who) => (await c[who].get('/api/land/zones')).json.items.map((z) => z.name).sort();
		const all = (await c.office1.get('/api/orgs')).json.items.filter((o) => o.type === 'zone').map((o) => o.name).sort();
		assert.ok(all.includes(h.ORG.hightech));
		for (const who of ['office1', 'land1', 'dept1', 'super1']) assert.deepEqual(await zones(who), all, who);
		assert.deepEqual(await zones('zone2'), [h.ORG.shengli]);
		assert.deepEqual(await zones('county1'), [h.ORG.hightech]); // no boundary, still pickable
		h.assertError(await c.auditor1.get('/api/land/zones'), 403, 'forbidden');
	});
});

// 'YYYY-MM-DD' plus n calendar years (29 February to 28 February), as core/land.c counts them.
function addYears(iso, n) {
	let [y, m, d] = iso.split('-').map(Number);
	y += n;
	const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
	if (m === 2 && d === 29 && !leap) d = 28;
	return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

describe('land: batches, parcels, cases and projects', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, ids;
	const P = {};

	before(async () => {
		srv = await h.startServer({ users: USERS });
		c = await h.loginAll(srv, ['office1', 'land1', 'land2', 'zone1', 'zone2', 'county1', 'super1', 'auditor1']);
		ids = await h.orgIds(c.office1);
		const g = await c.office1.post('/api/capabilities/grants', { org_id: ids[LAND], capability: 'manage_land' });
		assert.equal(g.status, 201, g.text);
	});

	after(async () => {
		if (srv) await srv.close();
	});

	const auditCount = async () => (await c.auditor1.get('/api/audit?page_size=1')).json.total;
	const parcel = (over = {}) => ({ zone_id: ids[h.ORG.econ], land_use: 'industrial', area_m2: '10000', ...over });

	test('a batch and its parcels: 批而未供 in m² and mu', T, async () => {
		const b = await c.land1.post('/api/land/batches', { zone_id: ids[h.ORG.econ], batch_no: '2023-007', approved_on: '2023-05-10', approved_m2: '20000' });
		assert.equal(b.status, 201, b.text);
		P.batch = b.json.id;
		assert.equal(b.json.unsupplied_m2x100, 2000000);
		// 1. not started 400 days after the agreed day, the enterprise's cause: idle, the fee
		let r = await c.land1.post('/api/land/parcels', parcel({
			parcel_no: '抚国用(2024)第0001号', batch_id: P.batch, location: '示例路1号',
			agreed_start: h.day(-400), land_price: '12345678.93', investment_agreed: '10000000', idle_cause: 'enterprise',
		}));
		assert.equal(r.status, 201, r.text);
		P.idle = r.json.id;
		assert.equal(r.json.mu, '15.00');
		assert.equal(r.json.area_m2, '10000.00');
		assert.equal(r.json.finding.status, 'idle');
		assert.equal(r.json.finding.clause, 'not_started');
		assert.equal(r.json.finding.idle_since, addYears(h.day(-400), 1));
		assert.equal(r.json.finding.handling, 'idle_fee');
		assert.equal(r.json.finding.fee_fen, 246913579);
		assert.equal(
			r.json.finding.reason,
			`超过约定动工日期${h.day(-400)}满一年（${addYears(h.day(-400), 1)}起）未动工开发，属闲置土地（第53号令第二条）；` +
				'属企业原因，应按出让价款的20%征缴土地闲置费2469135.79元（第53号令第十四条）',
		);
		const batch = (await c.office1.get(`/api/land/batches?zone_id=${ids[h.ORG.econ]}`)).json.items[0];
		assert.equal(batch.supplied_m2x100, 1000000);
		assert.equal(batch.unsupplied_m2x100, 1000000);
		assert.equal(batch.unsupplied_mu, '15.00');
		// 2. started, a third not developed, stopped over a year: idle under the second clause
		r = await c.land1.post('/api/land/parcels', parcel({
			parcel_no: '抚国用(2024)第0002号', agreed_start: h.day(-1000), actual_start: h.day(-900),
			developed_m2: '3333.33', investment_agreed: '10000000', investment_done: '3000000',
			stopped_since: h.day(-370), idle_cause: 'government',
		}));
		assert.equal(r.status, 201, r.text);
		P.stopped = r.json.id;
		assert.equal(r.json.finding.clause, 'stopped');
		assert.equal(r.json.finding.handling, 'negotiate');
		assert.equal(r.json.finding.fee_fen, 0);
		assert.match(r.json.finding.reason, /已开发面积占33\.33%（不足三分之一）、已投资占30\.00%/);
		// 3. its agreed day to come: normal; 4. built, production late: 建而未投
		r = await c.zone1.post('/api/land/parcels', parcel({ parcel_no: 'HT-2025-003', agreed_start: h.day(30) }));
		assert.equal(r.status, 201, r.text);
		P.normal = r.json.id;
		assert.equal(r.json.finding.status, 'normal');
		r = await c.land1.post('/api/land/parcels', parcel({
			parcel_no: 'HT-2025-004', agreed_start: h.day(-700), actual_start: h.day(-690), actual_finish: h.day(-100),
			developed_m2: '10000', agreed_production: h.day(-10),
		}));
		assert.equal(r.json.finding.status, 'unproduced');
		assert.equal(r.json.finding.reason, `已于${h.day(-100)}竣工，约定投产日期${h.day(-10)}已过，尚未投产`);
	});

	test('lists filter by finding, scope and text; the export', T, async () => {
		const list = async (who, q) => (await c[who].get(`/api/land/parcels?${q}`)).json;
		let r = await list('office1', 'status=idle');
		assert.equal(r.total, 2);
		assert.deepEqual(r.items.map((p) => p.parcel_no).sort(), ['抚国用(2024)第0001号', '抚国用(2024)第0002号']);
		r = await list('office1', 'status=idle&page=2&page_size=1');
		assert.equal(r.total, 2);
		assert.equal(r.items.length, 1);
		assert.equal((await list('office1', 'status=normal')).total, 1);
		assert.equal((await list('office1', 'status=unproduced')).total, 1);
		assert.equal((await list('office1', `q=${encodeURIComponent('示例路')}`)).total, 1);
		assert.equal((await list('office1', `batch_id=${P.batch}`)).total, 1);
		assert.equal((await list('zone1', '')).total, 4);
		assert.equal((await list('zone2', '')).total, 0);
		assert.equal((await list('county1', '')).total, 0);
		h.assertError(await c.zone2.get(`/api/land/parcels/${P.idle}`), 404, 'not_found');
		h.assertError(await c.office1.get('/api/land/parcels?status=lazy'), 400, 'invalid_parameter', 'status');
		const x = await c.office1.get('/api/land/parcels/export.xlsx?status=idle');
		assert.equal(x.status, 200);
		const rows = h.xlsxRows(x.buf);
		assert.equal(rows, 3);
		assert.match(h.xlsxText(x.buf), /征缴土地闲置费（出让价款的20%）/);
		// 面积（平方米）, 面积（亩） and 闲置费（元） (the second parcel's) are numbers a spreadsheet sums
		assert.deepEqual([6, 7, 17].map((col) => numberCells(x.buf, col)), [[1, 2], [1, 2], [2]]);
	});

	test('bad parcels are refused and nothing is written', T, async () => {
		const before = await auditCount();
		const bad = async (who, body, status, code, field) => h.assertError(await c[who].post('/api/land/parcels', body), status, code, field);
		await bad('land1', parcel({ parcel_no: 'X1', area_m2: undefined }), 400, 'missing_field', '/area_m2');
		await bad('land1', parcel({ parcel_no: 'X1', area_m2: '0' }), 400, 'invalid_value', '/area_m2');
		await bad('land1', parcel({ parcel_no: 'X1', area_m2: '12.345' }), 400, 'invalid_value', '/area_m2');
		await bad('land1', parcel({ parcel_no: 'X1', developed_m2: '10000.01' }), 400, 'invalid_value', '/developed_m2');
		await bad('land1', parcel({ parcel_no: 'X1', agreed_start: '2025-02-30' }), 400, 'invalid_value', '/agreed_start');
		await bad('land1', parcel({ parcel_no: 'X1', land_use: 'farm' }), 400, 'invalid_value', '/land_use');
		await bad('land1', parcel({ parcel_no: 'X1', idle_cause: 'weather' }), 400, 'invalid_value', '/idle_cause');
		// a stop before the start would read as a year idle under 53号令's second clause
		await bad('land1', parcel({ parcel_no: 'X1', actual_start: h.day(-100), stopped_since: h.day(-400) }), 400, 'invalid_value', '/stopped_since');
		await bad('land1', parcel({ parcel_no: 'X1', stopped_since: h.day(-400) }), 400, 'invalid_value', '/stopped_since');
		await bad('land1', parcel({ parcel_no: 'X1', actual_start: h.day(-100), actual_finish: h.day(-101) }), 400, 'invalid_value', '/actual_finish');
		// what happened is not dated after today: a start to come would clear the idle finding
		let r = await c.land1.put(`/api/land/parcels/${P.idle}`, parcel({
			parcel_no: '抚国用(2024)第0001号', batch_id: P.batch, agreed_start: h.day(-400), actual_start: h.day(1),
		}));
		h.assertError(r, 400, 'invalid_value', '/actual_start');
		assert.equal(r.json.error.message, '实际动工日期不能晚于今天');
		assert.equal((await c.office1.get(`/api/land/parcels/${P.idle}`)).json.finding.status, 'idle');
		r = await c.land1.post('/api/land/parcels', parcel({ parcel_no: 'X2', actual_start: h.day(-10), actual_finish: h.day(3) }));
		h.assertError(r, 400, 'invalid_value', '/actual_finish');
		assert.equal(r.json.error.message, '实际竣工日期不能晚于今天');
		await bad('land1', parcel({ parcel_no: 'X2', actual_start: h.day(-10), actual_finish: h.day(-5), actual_production: h.day(2) }), 400, 'invalid_value', '/actual_production');
		await bad('land1', parcel({ parcel_no: 'X2', actual_start: h.day(-10), stopped_since: h.day(2) }), 400, 'invalid_value', '/stopped_since');
		r = await c.land1.post('/api/land/parcels', parcel({ parcel_no: 'X2', agreed_start: h.day(100), agreed_finish: h.day(99) }));
		h.assertError(r, 400, 'invalid_value', '/agreed_finish');
		assert.equal(r.json.error.message, '约定竣工日期不能早于约定动工日期');
		// a batch's parcels within its approved area (20000 m², 10000 supplied by P.idle)
		r = await c.land1.post('/api/land/parcels', parcel({ parcel_no: 'X3', batch_id: P.batch, area_m2: '10000.01' }));
		h.assertError(r, 400, 'invalid_value', '/area_m2');
		assert.equal(r.json.error.message, '批次“2023-007”批准面积20000.00平方米，已供面积10000.00平方米，批而未供10000.00平方米，容不下本宗地的10000.01平方米');
		// a parcel of the batch changed: its own area is not counted twice
		r = await c.land1.put(`/api/land/parcels/${P.idle}`, parcel({ parcel_no: '抚国用(2024)第0001号', batch_id: P.batch, area_m2: '20000.01' }));
		h.assertError(r, 400, 'invalid_value', '/area_m2');
		assert.equal(r.json.error.message, '批次“2023-007”批准面积20000.00平方米，已供面积0.00平方米，批而未供20000.00平方米，容不下本宗地的20000.01平方米');
		r = await c.land1.post('/api/land/parcels', parcel({ parcel_no: 'X2', actual_finish: h.day(-101) }));
		h.assertError(r, 400, 'invalid_value', '/actual_finish');
		assert.equal(r.json.error.message, '填写实际竣工日期时应填写实际动工日期');
		r = await c.land1.put(`/api/land/parcels/${P.stopped}`, parcel({
			parcel_no: '抚国用(2024)第0002号', agreed_start: h.day(-1000), actual_start: h.day(-300), stopped_since: h.day(-370),
		}));
		h.assertError(r, 400, 'invalid_value', '/stopped_since');
		assert.equal(r.json.error.message, '中止开发日期不能早于实际动工日期');
		await bad('land1', parcel({ parcel_no: 'HT-2025-003' }), 409, 'already_exists', '/parcel_no');
		await bad('land1', parcel({ parcel_no: 'X1', zone_id: ids[h.ORG.shengli], batch_id: P.batch }), 400, 'invalid_value', '/batch_id');
		await bad('land1', parcel({ parcel_no: 'X1', geojson: '{"type":"Point","coordinates":[41.86,123.91]}' }), 400, 'invalid_geometry', '/geojson');
		// a zone changes only its own land; a county and the office none
		await bad('zone1', parcel({ parcel_no: 'X1', zone_id: ids[h.ORG.shengli] }), 404, 'not_found');
		await bad('county1', parcel({ parcel_no: 'X1' }), 403, 'forbidden');
		await bad('office1', parcel({ parcel_no: 'X1' }), 403, 'forbidden');
		assert.equal(await auditCount(), before);
	});

	test('cases: opened from the finding, closed once, audited', T, async () => {
		const before = await auditCount();
		let r = await c.land1.post('/api/land/cases', { parcel_id: P.idle, due_on: h.day(30), note: '下达征缴决定书' });
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.kind, 'idle');
		assert.equal(r.json.handling, 'idle_fee');
		assert.equal(r.json.fee_fen, 246913579);
		assert.equal(r.json.status, 'open');
		const id = r.json.id;
		// the parcel says it is being handled (the list offers its case, not a second)
		assert.equal((await c.zone1.get(`/api/land/parcels/${P.idle}`)).json.open_case_id, id);
		assert.equal((await c.zone1.get('/api/land/parcels?status=idle')).json.items.find((p) => p.id === P.idle).open_case_id, id);
		// one open case per parcel: a second would levy the fee twice
		r = await c.land1.post('/api/land/cases', { parcel_id: P.idle });
		h.assertError(r, 409, 'invalid_state', '/parcel_id');
		assert.equal(r.json.error.message, '该地块已有处置中的低效用地处置，请办结后再立案');
		// the government's cause pays no fee, nor is its land taken back without payment; a
		// deadline already past is refused
		h.assertError(await c.land1.post('/api/land/cases', { parcel_id: P.stopped, handling: 'idle_fee' }), 409, 'invalid_state', '/handling');
		r = await c.land1.post('/api/land/cases', { parcel_id: P.stopped, handling: 'reclaim' });
		h.assertError(r, 409, 'invalid_state', '/handling');
		assert.equal(r.json.error.message, '只有企业原因闲置满两年的地块无偿收回（第53号令第十四条）');
		r = await c.land1.post('/api/land/cases', { parcel_id: P.stopped, due_on: h.day(-1) });
		h.assertError(r, 400, 'invalid_value', '/due_on');
		assert.equal(r.json.error.message, '办理期限不能早于今天');
		r = await c.land1.post('/api/land/cases', { parcel_id: P.stopped });
		assert.equal(r.json.handling, 'negotiate');
		h.assertError(await c.land1.post('/api/land/cases', { parcel_id: P.normal }), 409, 'invalid_state', '/parcel_id');
		// a note a spreadsheet would run as a formula (the CSV export neutralises it)
		r = await c.land1.post('/api/land/cases', { batch_id: P.batch, handling: 'agreement_transfer', note: '=1+1' });
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.kind, 'unsupplied');
		h.assertError(await c.land1.post('/api/land/cases', { batch_id: P.batch }), 409, 'invalid_state', '/batch_id');
		h.assertError(await c.land1.post('/api/land/cases', { parcel_id: P.idle, batch_id: P.batch }), 400, 'invalid_value');
		r = await c.land1.post(`/api/land/cases/${id}/close`, { result: '已缴纳土地闲置费2469135.79元' });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.status, 'closed');
		h.assertError(await c.land1.post(`/api/land/cases/${id}/close`, { result: '再次' }), 409, 'invalid_state');
		assert.equal((await c.zone1.get(`/api/land/parcels/${P.idle}`)).json.open_case_id, null);
		assert.equal(await auditCount(), before + 4);
		// the zone is told of each case opened on its land, the refused ones told nobody; the
		// closing goes to the others of the organizations holding manage_land
		const told = async (who, kind) => (await c[who].get('/api/inbox')).json.items.filter((x) => x.kind === kind);
		const opened = await told('zone1', 'land_case_opened');
		assert.equal(opened.length, 3);
		assert.deepEqual(opened.filter((x) => x.entity_id === id).map((x) => [x.title, x.link, x.entity_type, x.actor_name]), [
			[`低效用地待处置：抚国用(2024)第0001号，处置期限${h.day(30)}`, '/land/cases', 'land_case', 'land1'],
		]);
		assert.deepEqual(await told('zone2', 'land_case_opened'), []);
		assert.deepEqual((await told('land2', 'land_case_closed')).map((x) => [x.title, x.entity_id]), [
			[`${h.ORG.econ}的低效用地处置已办结：抚国用(2024)第0001号，已缴纳土地闲置费2469135.79元`, id],
		]);
		assert.deepEqual(await told('land1', 'land_case_closed'), []);
		assert.deepEqual(await told('zone1', 'land_case_closed'), []);
		const a = (await c.auditor1.get('/api/audit?entity_type=land_case&page_size=1')).json.items[0];
		assert.equal(a.action, 'close');
		assert.equal(a.before.status, 'open');
		assert.equal(a.after.result, '已缴纳土地闲置费2469135.79元');
		assert.equal((await c.office1.get('/api/land/cases?status=open')).json.total, 2);
		assert.equal((await c.zone2.get('/api/land/cases')).json.total, 0);
	});

	test('cases and parcels export as .xlsx and as CSV with the list\'s filters; a formula is neutralised', T, async () => {
		// the cases: the open ones, newest first (their opening time left out: it is now)
		let rows = await bothExports(c.office1, '/api/land/cases', '?status=open');
		assert.deepEqual(rows[0], ['地块或批次', '开发区', '类型', '处置方式', '闲置费（元）', '办理期限', '状态', '立案时间', '说明', '办结时间', '处置结果']);
		const cells = (r) => [...r.slice(0, 7), ...r.slice(8)];
		assert.deepEqual(rows.slice(1).map(cells), [
			['2023-007', h.ORG.econ, '批而未供', '协议转让', '', '', '处置中', "'=1+1", '', ''],
			['抚国用(2024)第0002号', h.ORG.econ, '闲置土地', '协商处置', '', '', '处置中', '', '', ''],
		]);
		// 立案时间 in Beijing time, as the pages show it
		assert.match(rows[1][7], /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
		rows = await bothExports(c.land1, '/api/land/cases', `?status=closed&zone_id=${ids[h.ORG.econ]}`);
		assert.deepEqual(rows.slice(1).map((r) => [...r.slice(0, 7), r[8], r[10]]), [
			['抚国用(2024)第0001号', h.ORG.econ, '闲置土地', '征缴土地闲置费', '2469135.79', h.day(30), '已办结', '下达征缴决定书', '已缴纳土地闲置费2469135.79元'],
		]);
		assert.equal((await bothExports(c.land1, '/api/land/cases')).length, 4);
		assert.equal((await bothExports(c.zone2, '/api/land/cases')).length, 1, 'another zone exports only the header');
		h.assertError(await c.office1.get('/api/land/cases/export.csv?status=lazy'), 400, 'invalid_parameter', 'status');
		h.assertError(await c.office1.get('/api/land/cases/export.csv?page=2'), 400, 'unknown_parameter', 'page');
		h.assertError(await c.auditor1.get('/api/land/cases/export.csv'), 403, 'forbidden');

		// the parcels: the idle ones, and a location that reads as a formula
		await h.sqlOk(srv.db, `UPDATE land_parcel SET location = '=示例路1号' WHERE id = ${P.idle}`);
		rows = await bothExports(c.office1, '/api/land/parcels', '?status=idle');
		assert.deepEqual(rows[0].slice(0, 6), ['宗地编号', '开发区', '批次', '坐落', '企业', '用地类型']);
		assert.deepEqual(rows.slice(1).map((r) => [r[0], r[3], r[6], r[7], r[14], r[17]]).sort(), [
			['抚国用(2024)第0001号', "'=示例路1号", '10000.00', '15.00', '闲置土地', '2469135.79'],
			['抚国用(2024)第0002号', '', '10000.00', '15.00', '闲置土地', ''],
		]);
		rows = await bothExports(c.zone1, '/api/land/parcels', `?q=${encodeURIComponent('示例路')}`);
		assert.deepEqual(rows.slice(1).map((r) => r[0]), ['抚国用(2024)第0001号']);
		assert.equal((await bothExports(c.zone2, '/api/land/parcels')).length, 1, 'another zone exports only the header');
		await h.sqlOk(srv.db, `UPDATE land_parcel SET location = '示例路1号' WHERE id = ${P.idle}`);
	});

	test('a parcel held by an enterprise of the registry, in its own zone only', T, async () => {
		const e = await c.zone1.post('/api/enterprises', {
			uscc: '91440300192317458F', name: '示例新材料有限公司', zone_id: ids[h.ORG.econ], industry_code: '3011',
			scale: 'above', registered_on: '2019-04-01', attracted: true, settled_on: '2020-05-01',
		});
		assert.equal(e.status, 201, e.text);
		P.enterprise = e.json.id;
		let r = await c.land1.put(`/api/land/parcels/${P.idle}`, parcel({
			parcel_no: '抚国用(2024)第0001号', batch_id: P.batch, location: '示例路1号', enterprise_id: P.enterprise,
			agreed_start: h.day(-400), land_price: '12345678.93', investment_agreed: '10000000', idle_cause: 'enterprise',
		}));
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.enterprise_name, '示例新材料有限公司');
		assert.equal(r.json.enterprise_uscc, '91440300192317458F');
		assert.equal(r.json.finding.fee_fen, 246913579);
		const a = (await c.auditor1.get('/api/audit?entity_type=land_parcel&page_size=1')).json.items[0];
		assert.equal(a.before.enterprise_id, null);
		assert.equal(a.after.enterprise_id, P.enterprise);
		assert.equal((await c.office1.get(`/api/land/parcels?enterprise_id=${P.enterprise}`)).json.total, 1);
		assert.equal((await c.office1.get(`/api/land/parcels?q=${encodeURIComponent('新材料')}`)).json.total, 1);
		// another zone's parcel cannot name it; nor can an id that is not registered
		const before = await auditCount();
		h.assertError(await c.land1.post('/api/land/parcels', parcel({ parcel_no: 'E-1', zone_id: ids[h.ORG.shengli], enterprise_id: P.enterprise })), 400, 'invalid_value', '/enterprise_id');
		h.assertError(await c.land1.post('/api/land/parcels', parcel({ parcel_no: 'E-1', enterprise_id: 999999 })), 400, 'invalid_value', '/enterprise_id');
		assert.equal(await auditCount(), before);
		// its land stays in its zone: moving the enterprise away is refused while it holds some
		const move = (zone) => c.office1.put(`/api/enterprises/${P.enterprise}`, {
			uscc: '91440300192317458F', name: '示例新材料有限公司', zone_id: ids[zone], industry_code: '3011',
			scale: 'above', registered_on: '2019-04-01', attracted: true, settled_on: '2020-05-01',
		});
		r = await move(h.ORG.shengli);
		h.assertError(r, 409, 'invalid_state', '/zone_id');
		assert.equal(r.json.error.message, `该企业在${h.ORG.econ}持有1宗地块，土地和房屋不随企业迁移；请先在${h.ORG.econ}的土地管理中将其改由其他企业持有或移除，再变更所在开发区`);
		const b = await c.land1.post('/api/land/buildings', {
			zone_id: ids[h.ORG.econ], kind: 'factory', name: '示例新材料1号厂房', area_m2: '500', owner: '示例新材料有限公司',
			owner_enterprise_id: P.enterprise, vacant_since: h.day(-30),
		});
		assert.equal(b.status, 201, b.text);
		r = await move(h.ORG.shengli);
		h.assertError(r, 409, 'invalid_state', '/zone_id');
		assert.match(r.json.error.message, /持有1宗地块和1处闲置厂房（楼宇）/);
		assert.equal((await c.office1.get(`/api/enterprises/${P.enterprise}`)).json.enterprise.zone_id, ids[h.ORG.econ]);
		assert.equal(await auditCount(), before + 1);
		// staying in its zone is no move
		r = await move(h.ORG.econ);
		assert.equal(r.status, 200, r.text);
	});

	test('parcels imported from a spreadsheet, all or nothing, within the importer\'s zones', T, async () => {
		const upload = (who, text) =>
			c[who].post(`/api/imports/parcels?name=${encodeURIComponent('地块.csv')}`, Buffer.from(text), { raw: true, contentType: 'application/octet-stream' });
		const head = '宗地编号,开发区,批次号,用地类型,面积（平方米）,约定动工日期,出让价款（元）,闲置原因,统一社会信用代码\r\n';
		// the template's rules: areas and floor area ratios are numbers, money is money
		const t = await c.zone1.get('/api/imports/parcels/template.xlsx');
		assert.equal(t.status, 200);
		const format = Object.fromEntries(readXlsx(t.buf, 'xl/worksheets/sheet2.xml').map((row) => [row[0], row[2]]));
		for (const col of ['面积（平方米）', '已开发面积（平方米）', '约定容积率', '容积率'])
			assert.equal(format[col], '数值（最多两位小数）', col);
		for (const col of ['出让价款（元）', '约定投资（元）', '约定亩均税收（元）'])
			assert.equal(format[col], '金额（元，精确到分）', col);
		const count = async () => (await c.office1.get('/api/land/parcels?page_size=1')).json.total;
		const before = await count();
		// a zone account imports only its own zone's parcels; every problem is named
		let r = await upload('zone1', head +
			`IMP-1,${h.ORG.econ},2023-007,工业用地,6666.67,${h.day(-500)},100.05,企业原因,91440300192317458F\r\n` +
			`IMP-2,${h.ORG.shengli},,工业用地,100,,,,\r\n` +
			`IMP-3,${h.ORG.econ},无此批次,农田,0,2025-02-30,,,91110108551385082Q\r\n` +
			`HT-2025-003,${h.ORG.econ},,工业用地,100,,,,\r\n`);
		h.assertError(r, 422, 'import_rejected');
		assert.deepEqual(r.json.import.problems.map((p) => [p.row, p.column]), [
			[3, '开发区'],
			[4, '用地类型'],
			[4, '面积（平方米）'],
			[4, '约定动工日期'],
			[4, '统一社会信用代码'],
			[4, '批次号'],
			[5, '宗地编号'],
		]);
		assert.equal(await count(), before);
		// a stop before the start, a completion without one: refused as the form refuses them
		r = await upload('zone1', '宗地编号,开发区,用地类型,面积（平方米）,实际动工日期,实际竣工日期,中止开发日期\r\n' +
			`IMP-4,${h.ORG.econ},工业用地,100,${h.day(-100)},,${h.day(-400)}\r\n` +
			`IMP-5,${h.ORG.econ},工业用地,100,,${h.day(-50)},\r\n` +
			`IMP-6,${h.ORG.econ},工业用地,100,${h.day(-100)},${h.day(-50)},\r\n`);
		h.assertError(r, 422, 'import_rejected');
		assert.deepEqual(r.json.import.problems.map((p) => [p.row, p.column, p.message]), [
			[2, '中止开发日期', '中止开发日期不能早于实际动工日期'],
			[3, '实际竣工日期', '填写实际竣工日期时应填写实际动工日期'],
		]);
		// what happened dated after today, a contract finishing before it starts: refused too
		r = await upload('zone1', '宗地编号,开发区,用地类型,面积（平方米）,约定动工日期,约定竣工日期,实际动工日期,实际竣工日期\r\n' +
			`IMP-7,${h.ORG.econ},工业用地,100,${h.day(-500)},,${h.day(5)},\r\n` +
			`IMP-8,${h.ORG.econ},工业用地,100,,,${h.day(-100)},${h.day(1)}\r\n` +
			`IMP-9,${h.ORG.econ},工业用地,100,${h.day(-500)},${h.day(-501)},${h.day(-100)},${h.day(0)}\r\n`);
		h.assertError(r, 422, 'import_rejected');
		assert.deepEqual(r.json.import.problems.map((p) => [p.row, p.column, p.message]), [
			[2, '实际动工日期', '实际动工日期不能晚于今天'],
			[3, '实际竣工日期', '实际竣工日期不能晚于今天'],
			[4, '约定竣工日期', '约定竣工日期不能早于约定动工日期'],
		]);
		assert.equal(await count(), before);
		r = await upload('zone1', head + `IMP-1,${h.ORG.econ},2023-007,工业用地,6666.67,${h.day(-500)},100.05,企业原因,91440300192317458F\r\n`);
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.rows, 1);
		const p = (await c.office1.get(`/api/land/parcels?q=IMP-1`)).json.items[0];
		assert.equal(p.area_m2x100, 666667);
		assert.equal(p.mu, '10.00');
		assert.equal(p.batch_no, '2023-007');
		assert.equal(p.finding.status, 'idle');
		assert.equal(p.finding.fee_fen, 2001);
		assert.equal(p.enterprise_name, '示例新材料有限公司');
		// the batch (20000 m²) holds 16666.67 now: the file's rows count with it, one after another
		r = await upload('zone1', '宗地编号,开发区,批次号,用地类型,面积（平方米）\r\n' +
			`IMP-10,${h.ORG.econ},2023-007,工业用地,2000\r\n` +
			`IMP-11,${h.ORG.econ},2023-007,工业用地,2000\r\n`);
		h.assertError(r, 422, 'import_rejected');
		assert.deepEqual(r.json.import.problems.map((p) => [p.row, p.column, p.message]), [
			[3, '面积（平方米）', '批次“2023-007”批准面积20000.00平方米，已供面积18666.67平方米（含本文件前面各行），批而未供1333.33平方米，容不下本宗地'],
		]);
		h.assertError(await upload('county1', head), 403, 'forbidden');
	});

	test('projects against the boundary: non-industrial inside flagged, exceptions kept', T, async () => {
		const point = (x, y) => JSON.stringify({ type: 'Point', coordinates: [x, y] });
		const project = (name, geojson, over = {}) => c.land1.post('/api/land/projects', { zone_id: ids[h.ORG.econ], name, industrial: false, geojson, ...over });
		h.assertError(await project('商品住宅', point(123.91, 41.86)), 409, 'invalid_state', '/zone_id');
		const b = await c.land1.put(`/api/land/boundaries/${ids[h.ORG.econ]}`, { approved_ha: '368.90', geojson: JSON.stringify(ZONE) });
		assert.equal(b.status, 200, b.text);
		let r = await project('商品住宅小区', point(123.901, 41.86));
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.where, 'inside');
		assert.equal(r.json.flagged, true);
		r = await project('沿街商业', point(123.91, 41.85));
		assert.equal(r.json.where, 'on_edge');
		assert.equal(r.json.flagged, true);
		r = await project('区外酒店', point(123.9200001, 41.86));
		assert.equal(r.json.where, 'outside');
		assert.equal(r.json.flagged, false);
		r = await project('职工宿舍', point(123.955, 41.855), { exception_reason: '园区职工宿舍，属必要的生活配套' });
		assert.equal(r.json.where, 'inside');
		assert.equal(r.json.flagged, false);
		r = await project('新材料产业园', JSON.stringify({ type: 'Polygon', coordinates: [[[123.919, 41.86], [123.921, 41.86], [123.921, 41.861], [123.919, 41.861], [123.919, 41.86]]] }), { industrial: true });
		assert.equal(r.json.where, 'partly');
		assert.equal(r.json.flagged, false);
		const flagged = (await c.office1.get('/api/land/projects?flagged=1')).json;
		assert.deepEqual(flagged.items.map((p) => p.name).sort(), ['商品住宅小区', '沿街商业'].sort());
		assert.equal((await c.office1.get('/api/land/projects?industrial=1')).json.total, 1);
		// the exception recorded later unflags it
		const id = flagged.items.find((p) => p.name === '沿街商业').id;
		r = await c.land1.put(`/api/land/projects/${id}`, { zone_id: ids[h.ORG.econ], name: '沿街商业', industrial: false, geojson: point(123.91, 41.85), exception_reason: '服务园区的必要商业配套' });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.flagged, false);
		assert.equal((await c.office1.get('/api/land/projects?flagged=1')).json.total, 1);
		assert.equal((await c.zone2.get('/api/land/projects')).json.total, 0);
		// a parcel with an outline is located too
		r = await c.land1.put(`/api/land/parcels/${P.normal}`, parcel({ parcel_no: 'HT-2025-003', agreed_start: h.day(30), geojson: JSON.stringify({ type: 'Polygon', coordinates: [[[123.9, 41.85], [123.901, 41.85], [123.901, 41.851], [123.9, 41.851], [123.9, 41.85]]] }) }));
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.where, 'inside');
	});

	test('a boundary moved: its projects and parcels re-located with it, the record lists each change', T, async () => {
		// the west edge moves east past the housing estate and the parcel, the east edge past the hotel
		const OUTER2 = [[123.902, 41.85], [123.93, 41.85], [123.93, 41.87], [123.902, 41.87], [123.902, 41.85]];
		const zone = ids[h.ORG.econ];
		const before = await auditCount();
		const r = await c.land1.put(`/api/land/boundaries/${zone}`, { approved_ha: '368.90', geojson: JSON.stringify({ type: 'MultiPolygon', coordinates: [[OUTER2, HOLE], [EAST]] }) });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.relocated, 4);
		assert.equal(await auditCount(), before + 1);
		const a = (await c.auditor1.get('/api/audit?entity_type=zone_boundary&page_size=1')).json.items[0];
		assert.deepEqual(
			a.after.relocated.map((m) => [m.entity, m.name, m.from, m.to]),
			[
				['land_project', '商品住宅小区', 'inside', 'outside'],
				['land_project', '区外酒店', 'outside', 'inside'],
				['land_project', '新材料产业园', 'partly', 'inside'],
				['land_parcel', 'HT-2025-003', 'inside', 'outside'],
			],
		);
		const projects = (await c.office1.get(`/api/land/projects?zone_id=${zone}`)).json.items;
		const where = Object.fromEntries(projects.map((p) => [p.name, [p.where, p.flagged]]));
		assert.deepEqual(where, {
			商品住宅小区: ['outside', false],
			沿街商业: ['on_edge', false],
			区外酒店: ['inside', true],
			职工宿舍: ['inside', false],
			新材料产业园: ['inside', false],
		});
		const flagged = (await c.office1.get('/api/land/projects?flagged=1')).json;
		assert.deepEqual(flagged.items.map((p) => p.name), ['区外酒店']);
		assert.equal((await c.office1.get(`/api/land/parcels/${P.normal}`)).json.where, 'outside');
		// saved again unchanged: nothing moves, the record has no list
		const again = await c.land1.put(`/api/land/boundaries/${zone}`, { approved_ha: '368.90', geojson: JSON.stringify({ type: 'MultiPolygon', coordinates: [[OUTER2, HOLE], [EAST]] }) });
		assert.equal(again.json.relocated, 0);
		const b = (await c.auditor1.get('/api/audit?entity_type=zone_boundary&page_size=1')).json.items[0];
		assert.equal(b.after.relocated, undefined);
	});

	test('batches, boundaries and projects export as .xlsx and CSV with their list\'s filters', T, async () => {
		const zone = ids[h.ORG.econ];
		let rows = await bothExports(c.office1, '/api/land/batches', `?zone_id=${zone}`);
		assert.deepEqual(rows, [
			['批次文号', '开发区', '批准日期', '批准面积（平方米）', '已供面积（平方米）', '批而未供（平方米）', '批而未供（亩）'],
			['2023-007', h.ORG.econ, '2023-05-10', '20000.00', '16666.67', '3333.33', '5.00'],
		]);
		assert.equal((await bothExports(c.zone2, '/api/land/batches')).length, 1, 'another zone exports only the header');

		// a second zone's boundary: 368.90 ha measured against 350 approved, +5.40 % beyond 3 %
		const hi = await c.land1.put(`/api/land/boundaries/${ids[h.ORG.hightech]}`, { catalogue_code: 'S211011', approved_ha: '350', four_to: '东至示例河', geojson: JSON.stringify(ZONE) });
		assert.equal(hi.status, 200, hi.text);
		rows = await bothExports(c.office1, '/api/land/boundaries');
		assert.deepEqual(rows[0], ['开发区', '目录代码', '核准面积（公顷）', '测算面积（公顷）', '偏差（%）', '允许偏差（%）', '超出允许偏差', '已有边界图形', '四至范围', '更新时间']);
		assert.deepEqual(rows.slice(1).map((r) => r.slice(0, 9)), [
			// the econ zone's outline moved 0.008° west to east on 0.02°: 1.4 times its area
			[h.ORG.econ, '', '368.90', '516.46', '40.00%', '3.00%', '是', '是', ''],
			[h.ORG.hightech, 'S211011', '350.00', '368.90', '5.40%', '3.00%', '是', '是', '东至示例河'],
		]);
		assert.equal((await bothExports(c.zone2, '/api/land/boundaries')).length, 1);

		rows = await bothExports(c.office1, '/api/land/projects', '?flagged=1');
		assert.deepEqual(rows[0], ['项目名称', '开发区', '性质', '与边界关系', '应调出', '例外理由', '录入时间', '更新时间']);
		assert.deepEqual(rows.slice(1).map((r) => r.slice(0, 6)), [['区外酒店', h.ORG.econ, '非产业项目', '范围内', '是', '']]);
		rows = await bothExports(c.land1, '/api/land/projects', `?zone_id=${zone}&industrial=0`);
		assert.deepEqual(rows.slice(1).map((r) => r.slice(0, 6)), [
			['职工宿舍', h.ORG.econ, '非产业项目', '范围内', '否', '园区职工宿舍，属必要的生活配套'],
			['区外酒店', h.ORG.econ, '非产业项目', '范围内', '是', ''],
			['沿街商业', h.ORG.econ, '非产业项目', '压边界线', '否', '服务园区的必要商业配套'],
			['商品住宅小区', h.ORG.econ, '非产业项目', '范围外', '否', ''],
		]);
		rows = await bothExports(c.office1, '/api/land/projects', '?industrial=1');
		assert.deepEqual(rows.slice(1).map((r) => r.slice(0, 5)), [['新材料产业园', h.ORG.econ, '产业项目', '范围内', '否']]);
		assert.equal((await bothExports(c.zone2, '/api/land/projects')).length, 1);
		h.assertError(await c.office1.get('/api/land/projects/export.csv?flagged=2'), 400, 'invalid_parameter', 'flagged');
		h.assertError(await c.office1.get('/api/land/projects/export.xlsx?page=2'), 400, 'unknown_parameter', 'page');
		h.assertError(await c.auditor1.get('/api/land/boundaries/export.csv'), 403, 'forbidden');
	});

	test('投而未达标 reads the registry\'s tax of last year: the list by finding, a page of it, the parcel and the export alike', T, async () => {
		const year = Number(h.day().slice(0, 4)) - 1;
		const e = await c.zone1.post('/api/enterprises', {
			uscc: '91330100799655058B', name: '示例精细化工有限公司', zone_id: ids[h.ORG.econ], industry_code: '3011',
			scale: 'above', registered_on: '2018-03-01', attracted: false,
		});
		assert.equal(e.status, 201, e.text);
		// built and producing on 15 mu, an agreed tax of 3000 元 a mu: 45,000 元 a year
		const built = (no, over) => parcel({
			parcel_no: no, location: '税收核查路', developed_m2: '10000', agreed_start: h.day(-900), actual_start: h.day(-900),
			agreed_finish: h.day(-500), actual_finish: h.day(-500), agreed_production: h.day(-400), actual_production: h.day(-400),
			tax_per_mu_agreed: '3000', ...over,
		});
		const made = {};
		for (const [no, over] of [
			// entered 90,000 元; the registry's last year 20,000 + 10,000 元 (its year before, 900,000 元, does not count)
			['税-A', { enterprise_id: e.json.id, tax_last_year: '90000' }],
			// entered 15,000 元; the registry's last year 150,000 元, over the enterprise's 40 mu
			// (this, 抚国用(2024)第0001号 and one more): 3750 元 a mu
			['税-B', { enterprise_id: P.enterprise, tax_last_year: '15000' }],
			// no enterprise: as entered, 15,000 元
			['税-C', { tax_last_year: '15000' }],
		]) {
			const r = await c.land1.post('/api/land/parcels', built(no, over));
			assert.equal(r.status, 201, r.text);
			made[no] = r.json.id;
		}
		await h.sqlOk(
			srv.db,
			`INSERT INTO tax_record (year, enterprise_id, tax_type, amount_fen) VALUES (${year}, ${e.json.id}, 'vat', 2000000), ` +
				`(${year}, ${e.json.id}, 'cit', 1000000), (${year - 1}, ${e.json.id}, 'vat', 90000000), (${year}, ${P.enterprise}, 'vat', 15000000)`,
		);
		const q = `q=${encodeURIComponent('税收核查路')}`;
		const seen = (items) => items.map((p) => [p.parcel_no, p.finding.status, p.finding.reason ?? '']);
		// the registry's tax is named as such: the parcel's own field may say another
		const low = [
			['税-C', 'substandard', '上年亩均税收1000.00元，低于约定的3000.00元'],
			['税-A', 'substandard', '上年亩均税收2000.00元（按企业名录的纳税记录），低于约定的3000.00元'],
		];
		let r = await c.zone1.get(`/api/land/parcels?status=substandard&${q}`);
		assert.equal(r.json.total, 2);
		assert.deepEqual(seen(r.json.items), low);
		r = await c.zone1.get(`/api/land/parcels?status=substandard&${q}&page_size=1&page=2`);
		assert.equal(r.json.total, 2);
		assert.deepEqual(seen(r.json.items), low.slice(1));
		r = await c.zone1.get(`/api/land/parcels?status=normal&${q}`);
		assert.deepEqual(seen(r.json.items), [['税-B', 'normal', '']]);
		r = await c.zone1.get(`/api/land/parcels?${q}`);
		assert.deepEqual(seen(r.json.items), [low[0], ['税-B', 'normal', ''], low[1]]);
		for (const [no, status, reason] of [...low, ['税-B', 'normal', '']]) {
			const one = (await c.zone1.get(`/api/land/parcels/${made[no]}`)).json;
			assert.deepEqual([one.parcel_no, one.finding.status, one.finding.reason ?? ''], [no, status, reason]);
		}
		const rows = await bothExports(c.zone1, '/api/land/parcels', `?status=substandard&${q}`);
		assert.deepEqual(rows.slice(1).map((x) => [x[0], x[14], x[15]]), low.map(([no, , reason]) => [no, '投而未达标', reason]));

		// the registry's tax is the enterprise's, not one parcel's: a third 15 mu of 税-B's
		// enterprise spreads its 150,000 元 over 55 mu, 2727.27 元 a mu, short of 3000 on both
		r = await c.land1.post('/api/land/parcels', built('税-D', { enterprise_id: P.enterprise }));
		assert.equal(r.status, 201, r.text);
		const spread = '上年亩均税收2727.27元（按企业名录的纳税记录和该企业全部用地55.00亩），低于约定的3000.00元';
		assert.deepEqual([r.json.finding.status, r.json.finding.reason], ['substandard', spread]);
		r = await c.zone1.get(`/api/land/parcels?status=substandard&${q}`);
		assert.deepEqual(seen(r.json.items), [['税-D', 'substandard', spread], low[0], ['税-B', 'substandard', spread], low[1]]);
	});
});

describe('land: the demo data', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c;

	before(async () => {
		srv = await h.startServer({ demo: true });
		c = await h.loginAll(srv, ['office1', 'zone1']);
	});

	after(async () => {
		if (srv) await srv.close();
	});

	test('a parcel in every state, a case of each end, one project flagged', T, async () => {
		const parcels = (await c.zone1.get('/api/land/parcels?page_size=100')).json.items;
		assert.deepEqual(
			parcels.map((p) => p.finding.status).sort(),
			['idle', 'idle', 'normal', 'normal', 'substandard', 'underused', 'unproduced', 'unused'],
		);
		assert.ok(parcels.every((p) => p.where === 'inside'));
		// the export finds each parcel as the list does (the registry's tax of last year read
		// for all of them at once there, a parcel at a time here), a status filter alike
		const found = (p) => [p.parcel_no, p.finding.status_label, p.finding.reason ?? '', p.finding.handling === 'none' ? '' : p.finding.handling_label];
		const exported = (rows) => rows.slice(1).map((r) => [r[0], r[14], r[15], r[16]]);
		const byNo = (a, b) => (a[0] < b[0] ? -1 : 1);
		assert.deepEqual(exported(await bothExports(c.zone1, '/api/land/parcels')).sort(byNo), parcels.map(found).sort(byNo));
		const sub = (await c.zone1.get('/api/land/parcels?status=substandard')).json.items;
		assert.equal(sub.length, 1);
		assert.deepEqual(exported(await bothExports(c.zone1, '/api/land/parcels', '?status=substandard')), sub.map(found));
		const b = (await c.zone1.get('/api/land/boundaries?geometry=1')).json.items[0];
		assert.equal(b.zone_name, h.ORG.econ);
		assert.equal(b.deviates, false);
		assert.equal(JSON.parse(b.geojson).coordinates.length, 2);
		const cases = (await c.office1.get('/api/land/cases')).json.items;
		assert.deepEqual(cases.map((x) => x.status).sort(), ['closed', 'open']);
		const flagged = (await c.office1.get('/api/land/projects?flagged=1')).json.items;
		assert.deepEqual(flagged.map((p) => p.name), ['示例商品住宅小区']);
		const batch = (await c.office1.get('/api/land/batches')).json.items[0];
		assert.ok(batch.unsupplied_m2x100 > 0);
	});

	test('the sample zone\'s 亩均 evaluation: classes, one exemption with its reason, measures', T, async () => {
		const zone = (await c.zone1.get('/api/land/boundaries')).json.items[0].zone_id;
		const r = await c.zone1.get(`/api/mujun/evaluation?zone_id=${zone}&year=2025`);
		assert.equal(r.status, 200, r.text);
		// five industrial samples (the software company is not): one exempted by a policy, the
		// 规下 one on less than 3 mu not evaluated
		assert.equal(r.json.total, 5);
		assert.deepEqual(r.json.items.filter((e) => !e.class).map((e) => e.exempt_reason).sort(), [
			'列入市级技术改造项目豁免名单（改造期内不参评）', '规下企业用地不足参评下限',
		]);
		assert.equal(r.json.summary.A + r.json.summary.B + r.json.summary.C + r.json.summary.D, 3);
		assert.ok(r.json.items.filter((e) => e.class).every((e) => e.last_class));
		const m = await c.zone1.get(`/api/mujun/measures?zone_id=${zone}&year=2025`);
		assert.deepEqual(m.json.items.map((x) => x.class), ['A', 'D']);
	});

	test('the sample zone\'s idle buildings: one reused by a lease, one with a match under way', T, async () => {
		const r = await c.zone1.get('/api/land/buildings');
		assert.equal(r.json.total, 3);
		assert.deepEqual(r.json.items.map((b) => [b.status, b.matches]), [['reused', 1], ['vacant', 1], ['vacant', 0]]);
		assert.deepEqual(r.json.items.map((b) => b.vacant_days), [800, 420, 95]);
	});
});
