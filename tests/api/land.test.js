'use strict';
// land.test.js - the land module over HTTP, on SQLite and PostgreSQL: zones' approved areas and
// boundaries (GeoJSON in CGCS2000 longitude/latitude, the geodesic area worked in
// tests/unit/core/geo.c, the approved-area tolerance), who may read and change them, and every
// bad geometry refused with its reason and nothing written.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

const T = { timeout: h.STEP_TIMEOUT };
const LAND = '市自然资源局';
const USERS = [
	...h.DEFAULT_USERS,
	{ username: 'land1', org: LAND, role: 'department' },
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
});
