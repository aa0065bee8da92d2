'use strict';
// norm.test.js - art. 7's 编制 norm, worked by hand with the default formula (30 + one per 2 km²,
// one per 5,000 residents, one per ¥500 million; 优秀 +10 %, 良好 +5 %, half up; leaders 15 %
// rounded up, 3 to 9): 编办 enters the zones' indicators, sees each zone's suggestion beside the
// approved figures, compares parameter sets and adopts one (audited); nobody else sets them.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

const T = { timeout: h.STEP_TIMEOUT };
const YEAR = Number(h.day(0).slice(0, 4));

const USERS = [...h.DEFAULT_USERS, { username: 'bianban1', org: '市委编办', role: 'department' }];

describe('编制测算 (art. 7)', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, org;
	const zone = (r, name) => r.json.zones.find((z) => z.name === name);

	before(async () => {
		srv = await h.startServer({ users: USERS });
		c = await h.loginAll(srv, ['office1', 'zone1', 'bianban1', 'super1']);
		org = await h.orgIds(c.office1);
		let r = await c.office1.post('/api/capabilities/grants', { org_id: org['市委编办'], capability: 'approve_staffing' });
		assert.equal(r.status, 201, r.text);
		r = await c.bianban1.put('/api/staffing', {
			org_id: org[h.ORG.econ], year: YEAR, admin_slots: 40, inst_slots: 20, bodies: 6, leaders: 8, quota: 60, doc_no: `抚编发〔${YEAR}〕2号`,
		});
		assert.equal(r.status, 200, r.text);
		r = await c.office1.put('/api/pay/grades', { year: YEAR - 1, org_id: org[h.ORG.econ], grade: 'excellent' });
		assert.equal(r.status, 200, r.text);
	});
	after(async () => {
		if (srv) await srv.close();
	});

	test('编办 enters the indicators; nobody else', T, async () => {
		const econ = { org_id: org[h.ORG.econ], year: YEAR, area: 1234, population: 42000, gdp: 1260000 };
		let r = await c.office1.put('/api/zone-indicators', econ);
		h.assertError(r, 403, 'capability_required');
		r = await c.zone1.put('/api/zone-indicators', econ);
		h.assertError(r, 403, 'capability_required');
		r = await c.bianban1.put('/api/zone-indicators', { ...econ, org_id: org['市委编办'] });
		h.assertError(r, 400, 'invalid_value', '/org_id');
		r = await c.bianban1.put('/api/zone-indicators', { ...econ, area: -1 });
		h.assertError(r, 400, 'out_of_range', '/area');
		r = await c.bianban1.put('/api/zone-indicators', econ);
		assert.equal(r.status, 200, r.text);
		r = await c.bianban1.put('/api/zone-indicators', { org_id: org[h.ORG.shengli], year: YEAR, area: 399, population: 4999, gdp: 49999 });
		assert.equal(r.status, 200, r.text);
	});

	test('each zone\'s suggestion beside its approved figures', T, async () => {
		const r = await c.bianban1.get(`/api/staffing-norm?year=${YEAR}`);
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.formula.params.find((p) => p.name === 'base').value, 30);
		const econ = zone(r, h.ORG.econ);
		// 30 + 6 + 8 + 25 = 69; 优秀 of the year before: 75.9 → 76; leaders 11.4 → 12 → 9
		assert.deepEqual(econ.suggestion, { area_part: 6, establishment: 76, gdp_part: 25, leader_posts: 9, population_part: 8, raw: 69, tilt_bp: 1000, tilted: 76 });
		assert.equal(econ.grade, 'excellent');
		assert.equal(econ.grade_year, YEAR - 1);
		assert.deepEqual(econ.approved, { establishment: 60, leader_posts: 8, year: YEAR });
		const shengli = zone(r, h.ORG.shengli);
		assert.equal(shengli.suggestion.establishment, 31);
		assert.equal(shengli.suggestion.leader_posts, 5);
		assert.equal(shengli.approved, null);
		assert.equal(zone(r, h.ORG.hightech).suggestion, null);
		const own = await c.zone1.get(`/api/staffing-norm?year=${YEAR}`);
		assert.deepEqual(own.json.zones.map((z) => z.name), [h.ORG.econ]);
		const x = await c.super1.get(`/api/staffing-norm/export.xlsx?year=${YEAR}`);
		assert.equal(x.status, 200);
		assert.match(h.xlsxText(x.buf), /12\.34/);
	});

	test('parameter sets compared side by side, one adopted', T, async () => {
		let r = await c.bianban1.post('/api/staffing-norm/compare', {
			year: YEAR,
			scenarios: [{ name: '倾斜20%', values: [{ name: 'tilt_excellent_bp', value: 2000 }] }],
		});
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(r.json.columns.map((k) => [k.name, k.total, k.total_delta]), [[null, 107, 0], ['倾斜20%', 114, 7]]);
		const econRow = r.json.rows.find((x) => x.zone_name === h.ORG.econ);
		assert.deepEqual(econRow.establishment, [76, 83]);
		// ten parameter sets at once: 优秀's tilt 0 %, 1 %, …, 9 % on 经开区's raw 69, half up
		// (69, 69.69, 70.38, 71.07, 71.76, 72.45, 73.14, 73.83, 74.52, 75.21); an eleventh refused
		const ten = Array.from({ length: 10 }, (_, i) => ({ name: `倾斜${i}%`, values: [{ name: 'tilt_excellent_bp', value: 100 * i }] }));
		r = await c.bianban1.post('/api/staffing-norm/compare', { year: YEAR, scenarios: ten });
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(r.json.rows.find((x) => x.zone_name === h.ORG.econ).establishment, [76, 69, 70, 70, 71, 72, 72, 73, 74, 75, 75]);
		r = await c.bianban1.post('/api/staffing-norm/compare', { year: YEAR, scenarios: [...ten, { name: '十一', values: [] }] });
		h.assertError(r, 400, 'too_many', '/scenarios');
		assert.equal(r.json.error.message, '一次最多比较10个方案（现行方案之外）');
		r = await c.bianban1.post('/api/staffing-norm/compare', { year: YEAR, scenarios: [{ name: '过高', values: [{ name: 'tilt_excellent_bp', value: 10001 }] }] });
		h.assertError(r, 400, 'invalid_scenario');
		r = await c.bianban1.put('/api/staffing-norm/params', { year: YEAR, values: [{ name: 'leader_min', value: 10 }] });
		h.assertError(r, 400, 'invalid_scenario', '/values');
		assert.match(r.json.error.message, /第7条/);
		r = await c.office1.post('/api/staffing-norm/adopt', { year: YEAR, name: '倾斜20%', values: [{ name: 'tilt_excellent_bp', value: 2000 }] });
		h.assertError(r, 403, 'capability_required');
		r = await c.bianban1.post('/api/staffing-norm/adopt', { year: YEAR, name: '倾斜20%', values: [{ name: 'tilt_excellent_bp', value: 2000 }] });
		assert.equal(r.status, 200, r.text);
		r = await c.bianban1.get(`/api/staffing-norm?year=${YEAR}`);
		assert.equal(zone(r, h.ORG.econ).suggestion.establishment, 83);
		// another year keeps the defaults
		r = await c.bianban1.get(`/api/staffing-norm?year=${YEAR + 1}`);
		assert.equal(r.json.formula.params.find((p) => p.name === 'tilt_excellent_bp').value, 1000);
		r = await c.super1.get(`/api/audit?entity_type=staffing_norm&entity_id=${YEAR}`);
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(r.json.items.map((x) => x.action), ['adopt_scenario']);
		assert.equal(r.json.items[0].before.tilt_excellent_bp, 1000);
		assert.equal(r.json.items[0].after.tilt_excellent_bp, 2000);
	});
});
