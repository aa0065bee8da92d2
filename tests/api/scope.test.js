'use strict';
// scope.test.js - least privilege and data scope, enforced by the server: each role sees the
// organizations its scope allows and may call only the routes its permissions allow; the admin
// cannot read the audit log (separation of duties) and the auditor cannot touch accounts.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

const T = { timeout: h.STEP_TIMEOUT };

describe('scope', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, ids;

	before(async () => {
		srv = await h.startServer();
		c = await h.loginAll(srv, ['admin', 'office1', 'zone1', 'zone2', 'county1', 'auditor1', 'super1']);
		ids = await h.orgIds(c.admin);
	});

	after(async () => {
		if (srv) await srv.close();
	});

	const names = (r) => r.json.items.map((o) => o.name);

	test('zone1 lists exactly its own organization', T, async () => {
		const r = await c.zone1.get('/api/orgs');
		assert.equal(r.status, 200);
		assert.deepEqual(names(r), [h.ORG.econ]);
		assert.equal(r.json.total, 1);
		const z2 = await c.zone2.get('/api/orgs');
		assert.deepEqual(names(z2), [h.ORG.shengli]);
	});

	test('zone1 may read its own organization, not zone2’s (403 forbidden)', T, async () => {
		const own = await c.zone1.get(`/api/orgs/${ids[h.ORG.econ]}`);
		assert.equal(own.status, 200);
		assert.equal(own.json.name, h.ORG.econ);
		assert.equal(own.json.level, 'provincial');
		assert.equal(own.json.parent_id, ids[h.ORG.shuncheng]);
		assert.deepEqual(own.json.aliases, ['抚顺经开区（示例）']);
		// another organization answers as a missing one would: an id tells nothing
		h.assertError(await c.zone1.get(`/api/orgs/${ids[h.ORG.shengli]}`), 404, 'not_found');
		// nor its parent county, nor a city department
		h.assertError(await c.zone1.get(`/api/orgs/${ids[h.ORG.shuncheng]}`), 404, 'not_found');
		h.assertError(await c.zone1.get(`/api/orgs/${ids[h.ORG.commerce]}`), 404, 'not_found');
	});

	test('filters never widen the scope', T, async () => {
		assert.deepEqual(names(await c.zone1.get('/api/orgs?type=zone')), [h.ORG.econ]);
		assert.deepEqual(names(await c.zone1.get(`/api/orgs?q=${encodeURIComponent('胜利')}`)), []);
		assert.deepEqual(names(await c.zone1.get('/api/orgs?type=county')), []);
	});

	test('county1 sees 东洲区 and the organizations under it only', T, async () => {
		const r = await c.county1.get('/api/orgs');
		assert.equal(r.status, 200);
		assert.deepEqual(names(r).sort(), [h.ORG.dongzhou, h.ORG.hightech, h.ORG.platform].sort());
		assert.equal(r.json.total, 3);
		assert.equal((await c.county1.get(`/api/orgs/${ids[h.ORG.platform]}`)).status, 200);
		h.assertError(await c.county1.get(`/api/orgs/${ids[h.ORG.econ]}`), 404, 'not_found');
		h.assertError(await c.county1.get(`/api/orgs/${ids[h.ORG.shuncheng]}`), 404, 'not_found');
	});

	test('office1 sees all 27 demo organizations', T, async () => {
		const r = await c.office1.get('/api/orgs');
		assert.equal(r.status, 200);
		assert.equal(r.json.total, h.DEMO_ORG_COUNT);
		assert.equal(r.json.items.length, h.DEMO_ORG_COUNT);
		assert.equal(new Set(names(r)).size, h.DEMO_ORG_COUNT);
		const counts = {};
		for (const o of r.json.items) counts[o.type] = (counts[o.type] || 0) + 1;
		assert.deepEqual(counts, { city_department: 12, supervisory_body: 3, county: 7, zone: 4, platform_company: 1 });
	});

	test('a missing organization is 404 for those who could see it', T, async () => {
		h.assertError(await c.office1.get('/api/orgs/999999'), 404, 'not_found');
		h.assertError(await c.office1.get('/api/orgs/abc'), 404, 'not_found');
		h.assertError(await c.office1.get('/api/orgs/0'), 404, 'not_found');
	});

	test('zone, county and supervisor cannot create or change organizations (403)', T, async () => {
		const body = { name: '越权区', type: 'county' };
		for (const who of ['zone1', 'county1', 'super1', 'auditor1']) {
			h.assertError(await c[who].post('/api/orgs', body), 403, 'forbidden');
			h.assertError(await c[who].put(`/api/orgs/${ids[h.ORG.econ]}`, { name: '改名', type: 'zone', level: 'national' }), 403, 'forbidden');
		}
		// even on its own organization
		h.assertError(await c.zone1.put(`/api/orgs/${ids[h.ORG.econ]}`, { name: h.ORG.econ, type: 'zone', level: 'national' }), 403, 'forbidden');
		const r = await c.office1.get(`/api/orgs/${ids[h.ORG.econ]}`);
		assert.equal(r.json.name, h.ORG.econ);
		assert.equal(r.json.level, 'provincial');
		assert.equal((await c.office1.get('/api/orgs')).json.total, h.DEMO_ORG_COUNT);
	});

	test('only the admin manages accounts', T, async () => {
		const body = { username: 'sneaky', display_name: '越权', org_id: ids[h.ORG.commerce], role: 'admin', password: 'Sneaky-Passw0rd!' };
		for (const who of ['office1', 'zone1', 'county1', 'auditor1', 'super1']) {
			h.assertError(await c[who].get('/api/users'), 403, 'forbidden');
			h.assertError(await c[who].get('/api/users/export.xlsx'), 403, 'forbidden');
			h.assertError(await c[who].post('/api/users', body), 403, 'forbidden');
			h.assertError(await c[who].put('/api/users/1', { display_name: 'x', org_id: ids[h.ORG.commerce], role: 'admin' }), 403, 'forbidden');
			h.assertError(await c[who].post('/api/users/1/lock'), 403, 'forbidden');
			h.assertError(await c[who].post('/api/users/1/unlock'), 403, 'forbidden');
			h.assertError(await c[who].post('/api/users/1/reset-password'), 403, 'forbidden');
		}
		const r = await c.admin.get('/api/users');
		assert.equal(r.status, 200);
		assert.equal(r.json.total, 7);
		assert.ok(!r.json.items.some((u) => u.username === 'sneaky'));
	});

	test('the admin cannot read the audit log (separation of duties)', T, async () => {
		h.assertError(await c.admin.get('/api/audit'), 403, 'forbidden');
		h.assertError(await c.admin.get('/api/audit/verify'), 403, 'forbidden');
		h.assertError(await c.admin.get('/api/audit/export.xlsx'), 403, 'forbidden');
	});

	test('nor can office, zone or county users', T, async () => {
		for (const who of ['office1', 'zone1', 'county1']) {
			h.assertError(await c[who].get('/api/audit'), 403, 'forbidden');
			h.assertError(await c[who].get('/api/audit/verify'), 403, 'forbidden');
		}
	});

	test('the auditor reads and verifies the audit log but changes nothing and manages no one', T, async () => {
		const r = await c.auditor1.get('/api/audit');
		assert.equal(r.status, 200);
		assert.ok(r.json.total > 0);
		const v = await c.auditor1.get('/api/audit/verify');
		assert.equal(v.status, 200);
		assert.equal(v.json.ok, true);
		h.assertError(await c.auditor1.post('/api/orgs', { name: '审计建的', type: 'county' }), 403, 'forbidden');
		h.assertError(await c.auditor1.get('/api/users'), 403, 'forbidden');
	});

	test('the supervisor reads the audit log and all organizations, and changes nothing', T, async () => {
		const a = await c.super1.get('/api/audit');
		assert.equal(a.status, 200);
		assert.ok(a.json.total > 0);
		assert.equal((await c.super1.get('/api/audit/verify')).json.ok, true);
		const o = await c.super1.get('/api/orgs');
		assert.equal(o.status, 200);
		assert.equal(o.json.total, h.DEMO_ORG_COUNT);
		h.assertError(await c.super1.post('/api/orgs', { name: '监督建的', type: 'county' }), 403, 'forbidden');
		h.assertError(await c.super1.put(`/api/orgs/${ids[h.ORG.xinfu]}`, { name: h.ORG.xinfu, type: 'county' }), 403, 'forbidden');
		h.assertError(await c.super1.post('/api/users', { username: 'x1x', display_name: 'x', org_id: 1, role: 'zone', password: 'Sneaky-Passw0rd!' }), 403, 'forbidden');
		h.assertError(await c.super1.put('/api/users/1', { display_name: 'x', org_id: 1, role: 'admin' }), 403, 'forbidden');
	});

	test('the dashboard shows account figures only to the admin and audit figures only to auditor and supervisor', T, async () => {
		const want = {
			admin: { users: true, audit: false, orgs: 27 },
			office1: { users: false, audit: false, orgs: 27 },
			zone1: { users: false, audit: false, orgs: 1 },
			county1: { users: false, audit: false, orgs: 3 },
			auditor1: { users: false, audit: true },
			super1: { users: false, audit: true, orgs: 27 },
		};
		for (const [who, w] of Object.entries(want)) {
			const r = await c[who].get('/api/dashboard');
			assert.equal(r.status, 200, `${who}: ${r.text}`);
			assert.equal('user_count' in r.json, w.users, `${who} user_count: ${r.text}`);
			assert.equal('users_by_role' in r.json, w.users, `${who} users_by_role: ${r.text}`);
			assert.equal('audit_records' in r.json, w.audit, `${who} audit_records: ${r.text}`);
			if (w.orgs !== undefined) assert.equal(r.json.org_count, w.orgs, `${who} org_count`);
		}
		const a = (await c.admin.get('/api/dashboard')).json;
		assert.equal(a.user_count, 7);
		assert.deepEqual(a.users_by_role, { admin: 1, auditor: 1, county: 1, office: 1, supervisor: 1, zone: 2 });
		assert.deepEqual(a.orgs_by_type, { city_department: 12, county: 7, zone: 4, platform_company: 1, supervisory_body: 3 });
		const z = (await c.zone1.get('/api/dashboard')).json;
		assert.deepEqual(z.orgs_by_type, { city_department: 0, county: 0, zone: 1, platform_company: 0, supervisory_body: 0 });
		const au = (await c.auditor1.get('/api/dashboard')).json;
		const total = (await c.auditor1.get('/api/audit?page_size=1')).json.total;
		assert.equal(au.audit_records, total);
	});

	test('exports follow the same scope', T, async () => {
		const z = await c.zone1.get('/api/orgs/export.xlsx');
		assert.equal(z.status, 200);
		const o = await c.office1.get('/api/orgs/export.xlsx');
		assert.equal(o.status, 200);
		assert.equal(h.xlsxRows(z.buf), 1 + 1, 'header and zone1’s own organization');
		assert.match(h.xlsxText(z.buf), new RegExp(h.ORG.econ.replace(/[()（）]/g, '.')));
		assert.doesNotMatch(h.xlsxText(z.buf), /胜利/);
		assert.equal(h.xlsxRows(o.buf), 1 + h.DEMO_ORG_COUNT);
	});
});
