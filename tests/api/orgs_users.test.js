'use strict';
// orgs_users.test.js - creating and changing organizations and accounts: validation, the one
// namespace of names and aliases, parent cycles, auditing with before/after, paging and
// filters, .xlsx exports, and that a refused request leaves nothing half-written.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');
const { bothExports } = require('./exports');

const T = { timeout: h.STEP_TIMEOUT };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('orgs and users', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, ids;

	before(async () => {
		srv = await h.startServer();
		c = await h.loginAll(srv, ['admin', 'office1', 'auditor1']);
		ids = await h.orgIds(c.admin);
	});

	after(async () => {
		if (srv) await srv.close();
	});

	/** Organization count (as office1) and audit record count (as auditor1). */
	async function counts() {
		const o = await c.office1.get('/api/orgs');
		const a = await c.auditor1.get('/api/audit?page_size=1');
		const u = await c.admin.get('/api/users?page_size=1');
		assert.equal(o.status, 200);
		assert.equal(a.status, 200);
		assert.equal(u.status, 200);
		return { orgs: o.json.total, audit: a.json.total, users: u.json.total };
	}

	/** Runs fn (which must be refused) and asserts nothing was written. */
	async function unchanged(fn) {
		const before = await counts();
		const r = await fn();
		assert.deepEqual(await counts(), before, 'a refused request changed the database');
		return r;
	}

	const sortAliases = (o) => ({ ...o, aliases: [...o.aliases].sort() });

	describe('organizations', () => {
		test('create a county: 201 with the stored organization', T, async () => {
			const r = await c.office1.post('/api/orgs', { name: '  测试县  ', type: 'county', aliases: [' 测县 '] });
			assert.equal(r.status, 201, r.text);
			assert.equal(typeof r.json.id, 'number');
			assert.equal(r.json.name, '测试县', 'the name is trimmed');
			assert.deepEqual(r.json.aliases, ['测县']);
			assert.equal(r.json.type, 'county');
			assert.equal(r.json.level, null);
			assert.equal(r.json.parent_id, null);
			assert.equal(r.json.is_sample, false);
			const g = await c.office1.get(`/api/orgs/${r.json.id}`);
			assert.deepEqual(g.json, r.json);
			ids['测试县'] = r.json.id;
		});

		test('create a zone with a level under a county', T, async () => {
			const r = await c.office1.post('/api/orgs', { name: '测试开发区', type: 'zone', level: 'national', parent_id: ids['测试县'], is_sample: true });
			assert.equal(r.status, 201, r.text);
			assert.equal(r.json.level, 'national');
			assert.equal(r.json.parent_id, ids['测试县']);
			assert.equal(r.json.is_sample, true);
			ids['测试开发区'] = r.json.id;
		});

		test('a zone needs a level: missing → 400 /level', T, async () => {
			const r = await unchanged(() => c.office1.post('/api/orgs', { name: '无级别区', type: 'zone' }));
			h.assertError(r, 400, 'missing_field', '/level');
			h.assertError(await c.office1.post('/api/orgs', { name: '无级别区', type: 'zone', level: null }), 400, 'missing_field', '/level');
		});

		test('a bad level → 400 /level; a level on a non-zone → 400 /level', T, async () => {
			h.assertError(await c.office1.post('/api/orgs', { name: '怪级别区', type: 'zone', level: 'galactic' }), 400, 'invalid_value', '/level');
			const r = await unchanged(() => c.office1.post('/api/orgs', { name: '有级别县', type: 'county', level: 'provincial' }));
			h.assertError(r, 400, 'invalid_value', '/level');
		});

		test('a bad type → 400 /type; a blank name → 400 /name', T, async () => {
			h.assertError(await c.office1.post('/api/orgs', { name: '怪类型', type: 'galaxy' }), 400, 'invalid_value', '/type');
			h.assertError(await c.office1.post('/api/orgs', { name: '   ', type: 'county' }), 400, 'missing_field', '/name');
			h.assertError(await c.office1.post('/api/orgs', { name: '', type: 'county' }), 400, 'missing_field', '/name');
		});

		test('an alias that is another organization’s alias → 409 name_taken /aliases; nothing written', T, async () => {
			const r = await unchanged(() => c.office1.post('/api/orgs', { name: '新商务机构', type: 'city_department', aliases: ['商务局'] }));
			h.assertError(r, 409, 'name_taken', '/aliases');
			assert.match(r.json.error.message, /商务局/);
		});

		test('an alias that is another organization’s name → 409 /aliases', T, async () => {
			const r = await unchanged(() => c.office1.post('/api/orgs', { name: '新商务机构', type: 'city_department', aliases: ['别的', h.ORG.commerce] }));
			h.assertError(r, 409, 'name_taken', '/aliases');
		});

		test('a name that is taken as a name or as an alias → 409 /name', T, async () => {
			h.assertError(await unchanged(() => c.office1.post('/api/orgs', { name: h.ORG.commerce, type: 'city_department' })), 409, 'name_taken', '/name');
			h.assertError(await unchanged(() => c.office1.post('/api/orgs', { name: '工作专班办公室', type: 'city_department' })), 409, 'name_taken', '/name');
			h.assertError(await unchanged(() => c.office1.post('/api/orgs', { name: ` ${h.ORG.commerce} `, type: 'city_department' })), 409, 'name_taken', '/name');
		});

		test('the same string twice within one organization → 409', T, async () => {
			h.assertError(await unchanged(() => c.office1.post('/api/orgs', { name: '重复机构', type: 'county', aliases: ['重复', '重复'] })), 409, 'name_taken', '/aliases');
			h.assertError(await unchanged(() => c.office1.post('/api/orgs', { name: '重复机构', type: 'county', aliases: ['重复机构'] })), 409, 'name_taken');
		});

		test('a parent that does not exist → 400 /parent_id; nothing written', T, async () => {
			const r = await unchanged(() => c.office1.post('/api/orgs', { name: '孤儿区', type: 'zone', level: 'municipal', parent_id: 999999 }));
			h.assertError(r, 400, 'invalid_value', '/parent_id');
		});

		test('a parent cycle → 400 /parent_id; nothing written', T, async () => {
			const dz = ids[h.ORG.dongzhou];
			// its child, its grandchild, itself
			for (const parent of [ids[h.ORG.hightech], ids[h.ORG.platform], dz]) {
				const r = await unchanged(() => c.office1.put(`/api/orgs/${dz}`, { name: h.ORG.dongzhou, type: 'county', parent_id: parent }));
				h.assertError(r, 400, 'invalid_value', '/parent_id');
			}
			const g = await c.office1.get(`/api/orgs/${dz}`);
			assert.equal(g.json.parent_id, null);
		});

		test('a zone cannot be moved under its own platform company either', T, async () => {
			const hz = ids[h.ORG.hightech];
			const r = await unchanged(() => c.office1.put(`/api/orgs/${hz}`, { name: h.ORG.hightech, type: 'zone', level: 'national', parent_id: ids[h.ORG.platform] }));
			h.assertError(r, 400, 'invalid_value', '/parent_id');
		});

		test('an update that takes another organization’s alias → 409, nothing written', T, async () => {
			const id = ids['测试县'];
			const r = await unchanged(() => c.office1.put(`/api/orgs/${id}`, { name: '测试县', type: 'county', aliases: ['发改委'] }));
			h.assertError(r, 409, 'name_taken', '/aliases');
			assert.deepEqual((await c.office1.get(`/api/orgs/${id}`)).json.aliases, ['测县']);
		});

		test('update works and is audited with before and after', T, async () => {
			const id = ids['测试开发区'];
			const before = (await c.office1.get(`/api/orgs/${id}`)).json;
			const n0 = await counts();
			const r = await c.office1.put(`/api/orgs/${id}`, { name: '测试开发区（改）', type: 'zone', level: 'provincial', parent_id: ids[h.ORG.dongzhou], aliases: ['测试区', '改名区'] });
			assert.equal(r.status, 200, r.text);
			assert.equal(r.json.name, '测试开发区（改）');
			assert.equal(r.json.level, 'provincial');
			assert.equal(r.json.parent_id, ids[h.ORG.dongzhou]);
			assert.deepEqual([...r.json.aliases].sort(), ['改名区', '测试区'].sort());
			const after = (await c.office1.get(`/api/orgs/${id}`)).json;
			assert.deepEqual(sortAliases(after), sortAliases(r.json));
			const n1 = await counts();
			assert.deepEqual(n1, { ...n0, audit: n0.audit + 1 }, 'one audit record, no new organization');
			const a = await c.auditor1.get(`/api/audit?entity_type=org&entity_id=${id}&action=update`);
			assert.equal(a.status, 200);
			assert.equal(a.json.total, 1);
			const rec = a.json.items[0];
			assert.equal(rec.username, 'office1');
			assert.equal(rec.action, 'update');
			assert.equal(rec.entity_type, 'org');
			assert.equal(rec.entity_id, String(id));
			assert.equal(rec.client_addr, '127.0.0.1');
			assert.deepEqual(sortAliases(rec.before), sortAliases(before));
			assert.deepEqual(sortAliases(rec.after), sortAliases(after));
			// county1 now sees it under 东洲区 ... and the old name is free again
			const again = await c.office1.post('/api/orgs', { name: '测试开发区', type: 'zone', level: 'municipal' });
			assert.equal(again.status, 201, again.text);
		});

		test('an update of a missing organization → 404', T, async () => {
			h.assertError(await c.office1.put('/api/orgs/999999', { name: '无此机构', type: 'county' }), 404, 'not_found');
		});

		test('search and type filters', T, async () => {
			const q = await c.office1.get(`/api/orgs?q=${encodeURIComponent('商务')}`);
			assert.deepEqual(q.json.items.map((o) => o.name), [h.ORG.commerce]);
			const byAlias = await c.office1.get(`/api/orgs?q=${encodeURIComponent('营商')}`);
			assert.deepEqual(byAlias.json.items.map((o) => o.name), ['市数据局']);
			const zones = await c.office1.get('/api/orgs?type=zone');
			assert.ok(zones.json.items.every((o) => o.type === 'zone'));
			assert.equal(zones.json.total, 4 + 2);
			h.assertError(await c.office1.get('/api/orgs?type=planet'), 400, 'invalid_parameter', 'type');
		});
	});

	describe('users', () => {
		const names = (r) => r.json.items.map((u) => u.username);

		test('pagination: page_size=2 gives 2 items and the total', T, async () => {
			const p1 = await c.admin.get('/api/users?page_size=2');
			assert.equal(p1.status, 200);
			assert.equal(p1.json.items.length, 2);
			assert.equal(p1.json.total, 7);
			assert.equal(p1.json.page, 1);
			assert.equal(p1.json.page_size, 2);
			const p2 = await c.admin.get('/api/users?page_size=2&page=2');
			assert.equal(p2.json.items.length, 2);
			assert.equal(p2.json.page, 2);
			const p4 = await c.admin.get('/api/users?page_size=2&page=4');
			assert.equal(p4.json.items.length, 1);
			const p9 = await c.admin.get('/api/users?page_size=2&page=9');
			assert.equal(p9.json.items.length, 0);
			assert.equal(p9.json.total, 7);
			const all = [...names(p1), ...names(p2), ...names((await c.admin.get('/api/users?page_size=2&page=3'))), ...names(p4)];
			assert.deepEqual(all.sort(), h.DEFAULT_USERS.map((u) => u.username).sort());
		});

		test('bad paging parameters → 400 invalid_parameter', T, async () => {
			h.assertError(await c.admin.get('/api/users?page_size=0'), 400, 'invalid_parameter', 'page_size');
			h.assertError(await c.admin.get('/api/users?page_size=501'), 400, 'invalid_parameter', 'page_size');
			h.assertError(await c.admin.get('/api/users?page=0'), 400, 'invalid_parameter', 'page');
			h.assertError(await c.admin.get('/api/users?page=abc'), 400, 'invalid_parameter', 'page');
			h.assertError(await c.admin.get('/api/users?role=pirate'), 400, 'invalid_parameter', 'role');
			h.assertError(await c.admin.get('/api/users?status=sleepy'), 400, 'invalid_parameter', 'status');
		});

		test('filter role=zone → exactly zone1 and zone2', T, async () => {
			const r = await c.admin.get('/api/users?role=zone');
			assert.equal(r.status, 200);
			assert.deepEqual(names(r).sort(), ['zone1', 'zone2']);
			assert.equal(r.json.total, 2);
			assert.ok(r.json.items.every((u) => u.role === 'zone' && u.data_scope === 'org'));
		});

		test('q searches username and display name', T, async () => {
			assert.deepEqual(names(await c.admin.get('/api/users?q=zone')).sort(), ['zone1', 'zone2']);
			assert.deepEqual(names(await c.admin.get('/api/users?q=ount')), ['county1']);
			assert.deepEqual(names(await c.admin.get('/api/users?q=nobody')), []);
			assert.deepEqual(names(await c.admin.get(`/api/users?org_id=${ids[h.ORG.commerce]}`)).sort(), ['admin', 'office1']);
			assert.deepEqual(names(await c.admin.get('/api/users?status=locked')), []);
			assert.equal((await c.admin.get('/api/users?status=active')).json.total, 7);
		});

		test('q is literal text, not a LIKE pattern', T, async () => {
			assert.deepEqual(names(await c.admin.get('/api/users?q=%25')), [], '"%" matched every user');
			assert.deepEqual(names(await c.admin.get('/api/users?q=_')), [], '"_" matched every user');
		});

		test('create a user; the username is then taken → 409 username_taken, nothing written', T, async () => {
			const body = { username: 'dept1', display_name: '发改委科员', org_id: ids['市发改委'], role: 'department', password: 'Dept-Passw0rd-1' };
			const r = await c.admin.post('/api/users', body);
			assert.equal(r.status, 201, r.text);
			assert.equal(r.json.data_scope, 'org');
			assert.equal(r.json.org_name, '市发改委');
			const again = await unchanged(() => c.admin.post('/api/users', { ...body, display_name: '另一个' }));
			h.assertError(again, 409, 'username_taken', '/username');
			// nor in other letters' case: DEPT1 and dept1 would be one name to anyone reading them
			const upper = await unchanged(() => c.admin.post('/api/users', { ...body, username: 'DEPT1' }));
			h.assertError(upper, 409, 'username_taken', '/username');
			assert.equal(upper.json.error.message, '用户名已存在（不区分大小写）');
			const cli = await h.kfq(['user', 'add', '--db', srv.db, '--username', 'Dept1', '--org', '市发改委', '--role', 'department', '--password-stdin'], { input: 'Dept-Passw0rd-2\n' });
			assert.equal(cli.code, 1, cli.stderr);
			assert.match(cli.stderr, /already exists/);
			// the command line keeps the API's display name rule: 64 bytes at most, not blank
			for (const name of ['长'.repeat(22), ' \u3000']) {
				const bad = await h.kfq(['user', 'add', '--db', srv.db, '--username', 'cli.long', '--display-name', name, '--org', '市发改委', '--role', 'department', '--password-stdin'], { input: 'Dept-Passw0rd-2\n' });
				assert.equal(bad.code, 2, bad.stderr);
				assert.match(bad.stderr, /display name must be 1\.\.64 bytes/);
			}
			assert.equal((await c.admin.get('/api/users?q=cli.long')).json.total, 0);
		});

		test('user validation: username, role, org, scope', T, async () => {
			const base = { username: 'valid.user', display_name: '校验', org_id: ids[h.ORG.commerce], role: 'office', password: 'Valid-Passw0rd-1' };
			const cases = [
				[{ username: 'ab' }, 'invalid_value', '/username'],
				[{ username: 'has space' }, 'invalid_value', '/username'],
				[{ username: '中文名' }, 'invalid_value', '/username'],
				[{ role: 'emperor' }, 'invalid_value', '/role'],
				[{ org_id: 999999 }, 'invalid_value', '/org_id'],
				[{ data_scope: 'universe' }, 'invalid_value', '/data_scope'],
				[{ data_scope: 'custom' }, 'missing_field', '/scope_org_ids'],
				[{ data_scope: 'custom', scope_org_ids: [ids[h.ORG.econ], 999999] }, 'invalid_value', '/scope_org_ids/1'],
				[{ display_name: '' }, 'missing_field', '/display_name'],
			];
			for (const [patch, code, field] of cases) {
				const r = await unchanged(() => c.admin.post('/api/users', { ...base, ...patch }));
				h.assertError(r, 400, code, field);
			}
		});

		test('a custom data scope is exactly the listed organizations', T, async () => {
			const r = await c.admin.post('/api/users', {
				username: 'custom1',
				display_name: '自定义',
				org_id: ids['市发改委'],
				role: 'department',
				data_scope: 'custom',
				scope_org_ids: [ids[h.ORG.econ], ids[h.ORG.hightech]],
				password: 'Custom-Passw0rd-1',
			});
			assert.equal(r.status, 201, r.text);
			assert.deepEqual([...r.json.scope_org_ids].sort((a, b) => a - b), [ids[h.ORG.econ], ids[h.ORG.hightech]].sort((a, b) => a - b));
			const u = new h.Client(srv);
			await u.login('custom1', 'Custom-Passw0rd-1');
			assert.equal((await u.put('/api/session/password', { old_password: 'Custom-Passw0rd-1', new_password: 'Custom-Passw0rd-2' })).status, 204);
			const orgs = await u.get('/api/orgs');
			assert.deepEqual(orgs.json.items.map((o) => o.name).sort(), [h.ORG.econ, h.ORG.hightech].sort());
			h.assertError(await u.get(`/api/orgs/${ids['市发改委']}`), 404, 'not_found');
		});

		test('update a user; it is audited; the admin cannot demote itself', T, async () => {
			const list = await c.admin.get('/api/users?q=dept1');
			const id = list.json.items[0].id;
			// a change that widens no approval applies at once (widening ones: security_officer.test.js)
			const r = await c.admin.put(`/api/users/${id}`, { display_name: '发改委科长', org_id: ids['市发改委'], role: 'county' });
			assert.equal(r.status, 200, r.text);
			assert.equal(r.json.role, 'county');
			assert.equal(r.json.data_scope, 'org_and_below', 'the default scope of the new role');
			assert.equal(r.json.display_name, '发改委科长');
			const a = await c.auditor1.get(`/api/audit?entity_type=user&entity_id=${id}&action=update`);
			assert.equal(a.json.total, 1);
			assert.equal(a.json.items[0].before.role, 'department');
			assert.equal(a.json.items[0].after.role, 'county');
			assert.ok(!JSON.stringify(a.json.items[0]).includes('argon2'), 'no password hash in the audit log');
			// the admin (no read_personal) sees a phone masked; its form sends the mask back with
			// another change, and the phone stays as it was; a new number replaces it
			let p = await c.admin.put(`/api/users/${id}`, { display_name: '发改委科长', org_id: ids['市发改委'], role: 'county', phone: '13912345678' });
			assert.equal(p.status, 200, p.text);
			assert.equal(p.json.phone, '139****5678');
			p = await c.admin.put(`/api/users/${id}`, { display_name: '发改委副科长', org_id: ids['市发改委'], role: 'county', phone: p.json.phone });
			assert.equal(p.status, 200, p.text);
			assert.deepEqual([p.json.display_name, p.json.phone], ['发改委副科长', '139****5678']);
			const kept = await c.auditor1.get(`/api/audit?entity_type=user&entity_id=${id}&action=update&page_size=1`);
			assert.equal(kept.json.items[0].after.display_name, '发改委副科长');
			assert.equal(JSON.stringify(kept.json.items[0].before.phone), JSON.stringify(kept.json.items[0].after.phone));
			h.assertError(await c.admin.put(`/api/users/${id}`, { display_name: '发改委副科长', org_id: ids['市发改委'], role: 'county', phone: '138****5678' }), 400, 'invalid_value', '/phone');
			const me = (await c.admin.get('/api/session')).json.user;
			h.assertError(await unchanged(() => c.admin.put(`/api/users/${me.id}`, { display_name: 'x', org_id: me.org_id, role: 'office' })), 400, 'invalid_value', '/role');
			h.assertError(await c.admin.put('/api/users/999999', { display_name: 'x', org_id: me.org_id, role: 'office' }), 404, 'not_found');
		});
	});

	describe('exports', () => {
		function assertXlsx(r, filename) {
			assert.equal(r.status, 200, r.text);
			assert.equal(r.headers.get('content-type'), XLSX);
			assert.equal(r.buf.subarray(0, 2).toString('latin1'), 'PK');
			const cd = r.headers.get('content-disposition');
			assert.match(cd, /^attachment;/);
			const m = /filename\*=UTF-8''([^;]+)/.exec(cd);
			assert.ok(m, `no filename* in ${cd}`);
			assert.equal(decodeURIComponent(m[1]), filename);
			assert.equal(r.headers.get('cache-control'), 'no-store');
		}

		test('organizations .xlsx', T, async () => {
			const r = await c.office1.get('/api/orgs/export.xlsx');
			assertXlsx(r, '组织机构.xlsx');
			const total = (await c.office1.get('/api/orgs')).json.total;
			assert.equal(h.xlsxRows(r.buf), 1 + total);
			const text = h.xlsxText(r.buf);
			for (const s of ['编号', '名称', h.ORG.commerce, '工作专班办公室', '开发区', '国家级', '测试开发区（改）']) assert.ok(text.includes(s), `export lacks ${s}`);
			const f = await c.office1.get('/api/orgs/export.xlsx?type=county');
			assertXlsx(f, '组织机构.xlsx');
			assert.equal(h.xlsxRows(f.buf), 1 + 7 + 1);
		});

		test('users .xlsx (admin)', T, async () => {
			const r = await c.admin.get('/api/users/export.xlsx');
			assertXlsx(r, '用户.xlsx');
			const total = (await c.admin.get('/api/users')).json.total;
			assert.equal(h.xlsxRows(r.buf), 1 + total);
			const text = h.xlsxText(r.buf);
			for (const s of ['用户名', 'zone1', 'auditor1', '审计员', h.ORG.audit]) assert.ok(text.includes(s), `export lacks ${s}`);
			assert.ok(!text.includes('argon2'), 'no password hashes in the export');
			const z = await c.admin.get('/api/users/export.xlsx?role=zone');
			assert.equal(h.xlsxRows(z.buf), 1 + 2);
			h.assertError(await c.admin.get('/api/users/export.xlsx?page=1'), 400, 'unknown_parameter', 'page');
			// the data scope reads as the page shows it, like the role beside it
			const rows = await bothExports(c.admin, '/api/users', '?role=zone');
			const col = rows[0].indexOf('数据权限');
			assert.ok(col > 0, rows[0].join());
			assert.deepEqual(rows.slice(1).map((row) => `${row[rows[0].indexOf('角色')]} ${row[col]}`), ['开发区 本机构数据', '开发区 本机构数据']);
		});

		test('audit .xlsx (auditor)', T, async () => {
			const total = (await c.auditor1.get('/api/audit?page_size=1')).json.total;
			const r = await c.auditor1.get('/api/audit/export.xlsx');
			assertXlsx(r, '审计日志.xlsx');
			assert.equal(h.xlsxRows(r.buf), 1 + total);
			const text = h.xlsxText(r.buf);
			for (const s of ['序号', '哈希', 'office1', '测试开发区（改）']) assert.ok(text.includes(s), `export lacks ${s}`);
			const f = await c.auditor1.get('/api/audit/export.xlsx?entity_type=org&action=update');
			assert.equal(h.xlsxRows(f.buf), 1 + (await c.auditor1.get('/api/audit?entity_type=org&action=update')).json.total);
		});
	});

	test('concurrent creates cannot give one string to two organizations', T, async () => {
		// pairs of requests racing: A is named X, B has the alias X
		// new connections, so that the two requests of a pair can land on different threads
		const fresh = { headers: { Connection: 'close' } };
		const N = 30;
		const results = [];
		for (let i = 0; i < N; i++) {
			results.push(
				...(await Promise.all([
					c.office1.post('/api/orgs', { name: `竞争名${i}`, type: 'county' }, fresh),
					c.office1.post('/api/orgs', { name: `竞争别名机构${i}`, type: 'county', aliases: [`竞争名${i}`] }, fresh),
				])),
			);
		}
		for (const r of results) assert.ok([201, 409].includes(r.status), `${r.status} ${r.text}`);
		const all = (await c.office1.get('/api/orgs')).json.items;
		const seen = new Map();
		const dups = [];
		for (const o of all) {
			for (const s of [o.name, ...o.aliases]) {
				if (seen.has(s)) dups.push(`${s}: ${seen.get(s)} and ${o.id}`);
				else seen.set(s, o.id);
			}
		}
		assert.deepEqual(dups, [], 'a string names two organizations');
		for (let i = 0; i < N; i++) {
			const pair = [results[2 * i].status, results[2 * i + 1].status].sort();
			assert.deepEqual(pair, [201, 409], `pair ${i}: exactly one of the two may succeed`);
		}
	});

	test('the audit chain still verifies after all of this', T, async () => {
		const v = await c.auditor1.get('/api/audit/verify');
		assert.equal(v.json.ok, true, v.text);
		assert.equal(v.json.count, (await c.auditor1.get('/api/audit?page_size=1')).json.total);
	});
});
