'use strict';
// space.test.js - 腾笼换鸟 over HTTP, on SQLite and PostgreSQL: idle buildings with their area,
// owner, vacancy and asking terms, days vacant, filters and the .xlsx export; matches with
// enterprises that need space, each ended once with its outcome (a lease puts the building
// back to use, and a reused building takes no new match); who may read and change what; bad
// input refused with nothing written; every change audited.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');
const { readXlsx } = require('./xlsx');

const T = { timeout: h.STEP_TIMEOUT };
const LAND = '市自然资源局';
const USERS = [...h.DEFAULT_USERS, { username: 'land1', org: LAND, role: 'department' }];

describe('idle buildings (腾笼换鸟)', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, ids, zone, ent, building;

	before(async () => {
		srv = await h.startServer({ users: USERS });
		c = await h.loginAll(srv, ['office1', 'land1', 'zone1', 'zone2', 'auditor1']);
		ids = await h.orgIds(c.office1);
		zone = ids[h.ORG.econ];
		const g = await c.office1.post('/api/capabilities/grants', { org_id: ids[LAND], capability: 'manage_land' });
		assert.equal(g.status, 201, g.text);
		const e = await c.zone1.post('/api/enterprises', {
			uscc: '91440300192317458F', name: '示例智能装备有限公司', zone_id: zone, industry_code: '3491', scale: 'below', registered_on: '2024-11-18',
		});
		assert.equal(e.status, 201, e.text);
		ent = e.json.id;
	});

	after(async () => {
		if (srv) await srv.close();
	});

	const auditCount = async () => (await c.auditor1.get('/api/audit?page_size=1')).json.total;
	const body = (over = {}) => ({
		zone_id: zone, kind: 'factory', name: '原示例机械厂1号厂房', address: '示例路20号', area_m2: '5000',
		owner: '抚顺示例机械有限公司', vacant_since: h.day(-400), rent: '12.50', terms: '整体出租，租期不少于3年', ...over,
	});

	test('a building recorded by the zone, with days vacant; bad input refused', T, async () => {
		const before = await auditCount();
		let r = await c.zone1.post('/api/land/buildings', body());
		assert.equal(r.status, 201, r.text);
		building = r.json.building.id;
		assert.equal(r.json.building.vacant_days, 400);
		assert.equal(r.json.building.area_m2, '5000.00');
		assert.equal(r.json.building.rent, '12.50');
		assert.equal(r.json.building.price, null);
		assert.equal(r.json.building.status, 'vacant');
		assert.deepEqual(r.json.matches, []);
		assert.equal(await auditCount(), before + 1);
		const a = (await c.auditor1.get('/api/audit?entity_type=idle_building&page_size=1')).json.items[0];
		assert.equal(a.action, 'create');
		assert.equal(a.after.vacant_days, undefined);
		h.assertError(await c.zone1.post('/api/land/buildings', body({ kind: 'shop' })), 400, 'invalid_value', '/kind');
		h.assertError(await c.zone1.post('/api/land/buildings', body({ area_m2: '0' })), 400, 'invalid_value', '/area_m2');
		h.assertError(await c.zone1.post('/api/land/buildings', body({ vacant_since: h.day(1) })), 400, 'invalid_value', '/vacant_since');
		h.assertError(await c.zone1.post('/api/land/buildings', body({ owner_enterprise_id: 999999 })), 400, 'invalid_value', '/owner_enterprise_id');
		h.assertError(await c.zone2.post('/api/land/buildings', body()), 404, 'not_found');
		assert.equal(await auditCount(), before + 1);
		r = await c.land1.post('/api/land/buildings', body({ kind: 'office', name: '示例商务大厦12层', area_m2: '1200', owner: '示例置业有限公司', vacant_since: h.day(-30), rent: null, price: '6000000' }));
		assert.equal(r.status, 201, r.text);
	});

	test('lists: filters, scope and the export', T, async () => {
		let r = await c.office1.get(`/api/land/buildings?zone_id=${zone}`);
		assert.equal(r.json.total, 2);
		// the longest vacant first
		assert.deepEqual(r.json.items.map((b) => b.vacant_days), [400, 30]);
		r = await c.office1.get('/api/land/buildings?kind=office');
		assert.deepEqual(r.json.items.map((b) => b.name), ['示例商务大厦12层']);
		r = await c.office1.get(`/api/land/buildings?q=${encodeURIComponent('机械')}`);
		assert.equal(r.json.total, 1);
		assert.equal((await c.zone2.get('/api/land/buildings')).json.total, 0);
		h.assertError(await c.zone2.get(`/api/land/buildings/${building}`), 404, 'not_found');
		h.assertError(await c.office1.get('/api/land/buildings?kind=shop'), 400, 'invalid_parameter', 'kind');
		const x = await c.land1.get('/api/land/buildings/export.xlsx');
		assert.equal(x.status, 200);
		const rows = readXlsx(x.buf);
		assert.equal(rows.length, 3);
		assert.deepEqual(rows[1].slice(0, 2), ['原示例机械厂1号厂房', '闲置厂房']);
		assert.equal(rows[1][7], '400');
	});

	test('matches: recorded, ended once; a lease reuses the building', T, async () => {
		const before = await auditCount();
		let r = await c.zone1.post(`/api/land/buildings/${building}/matches`, { enterprise_id: ent, need_m2: '4000', note: '扩产需要' });
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.matches[0].enterprise_name, '示例智能装备有限公司');
		assert.equal(r.json.matches[0].outcome, 'pending');
		const first = r.json.matches[0].id;
		r = await c.zone1.post(`/api/land/buildings/${building}/matches`, { enterprise_name: '意向落户的示例企业（未注册）' });
		assert.equal(r.status, 201, r.text);
		const second = r.json.matches[0].id;
		h.assertError(await c.zone1.post(`/api/land/buildings/${building}/matches`, { enterprise_name: '大企业', need_m2: '6000' }), 400, 'invalid_value', '/need_m2');
		h.assertError(await c.zone1.post(`/api/land/buildings/${building}/matches`, {}), 400, 'invalid_value', '/enterprise_name');
		// a registry enterprise goes by the registry's name: another name beside it is refused
		r = await c.zone1.post(`/api/land/buildings/${building}/matches`, { enterprise_id: ent, enterprise_name: '乙企业' });
		h.assertError(r, 400, 'invalid_value', '/enterprise_name');
		assert.equal(r.json.error.message, '所选企业在企业名录中名为“示例智能装备有限公司”，与填写的名称不一致');
		r = await c.zone1.post(`/api/land/buildings/${building}/matches`, { enterprise_id: ent, enterprise_name: '示例智能装备有限公司', need_m2: '6000' });
		h.assertError(r, 400, 'invalid_value', '/need_m2');
		// a blank name is no name: an enterprise must be picked or named
		h.assertError(await c.zone1.post(`/api/land/buildings/${building}/matches`, { enterprise_name: ' ', need_m2: '10' }), 400, 'invalid_value', '/enterprise_name');
		h.assertError(await c.zone1.post(`/api/land/buildings/${building}/matches`, { enterprise_name: '' }), 400, 'invalid_value', '/enterprise_name');
		h.assertError(await c.zone2.post(`/api/land/buildings/${building}/matches`, { enterprise_name: 'x' }), 404, 'not_found');
		h.assertError(await c.zone1.post(`/api/land/matches/${second}/close`, { outcome: 'pending' }), 400, 'invalid_value', '/outcome');
		r = await c.zone1.post(`/api/land/matches/${second}/close`, { outcome: 'declined', result: '面积不足' });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.building.status, 'vacant');
		r = await c.land1.post(`/api/land/matches/${first}/close`, { outcome: 'leased', result: '已签订5年租赁合同' });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.building.status, 'reused');
		assert.deepEqual(r.json.matches.map((m) => m.outcome), ['declined', 'leased']);
		h.assertError(await c.zone1.post(`/api/land/matches/${first}/close`, { outcome: 'sold' }), 409, 'invalid_state');
		h.assertError(await c.zone1.post(`/api/land/buildings/${building}/matches`, { enterprise_name: '再来一家' }), 409, 'invalid_state');
		// two creates, two closes and the building's reuse
		assert.equal(await auditCount(), before + 5);
		const a = (await c.auditor1.get('/api/audit?entity_type=idle_building&page_size=1')).json.items[0];
		assert.equal(a.action, 'reuse');
		assert.equal(a.before.status, 'vacant');
		assert.equal(a.after.status, 'reused');
		assert.equal((await c.office1.get('/api/land/buildings?status=reused')).json.total, 1);
		// a reused building's days vacant stop at the lease: recorded ten days ago (at noon in
		// Asia/Shanghai), the factory vacant since 400 days ago was vacant 390 days, not 400
		await h.sqlOk(srv.db, `UPDATE space_match SET closed_at = '${h.day(-10)}T04:00:00Z' WHERE id = ${first};`);
		const rows = readXlsx((await c.land1.get('/api/land/buildings/export.xlsx?status=reused')).buf);
		assert.deepEqual([rows[1][0], rows[1][7]], ['原示例机械厂1号厂房', '390']);
	});
});
