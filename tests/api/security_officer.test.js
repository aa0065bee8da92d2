'use strict';
// security_officer.test.js - separation of duties (等保 2.0 三员分立): the system administrator
// never holds a password that reads the audit log. The accounts of the auditor, the supervisors
// and the security officer (安全管理员) are created, changed, locked and reset only by the
// security officer or on the server's command line; the security officer manages nothing else
// and reads no reform data nor the audit log; a change by the administrator that widens what an
// account may approve waits, audited, until the security officer confirms or rejects it, each
// step told in the inbox of whoever acts next; the list of such changes exports as .xlsx and CSV.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');
const { bothExports } = require('./exports');

const T = { timeout: h.STEP_TIMEOUT };

const USERS = [...h.DEFAULT_USERS, { username: 'security1', org: h.ORG.commerce, role: 'security' }];

describe('the security officer', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, ids, users;

	before(async () => {
		srv = await h.startServer({ users: USERS });
		c = await h.loginAll(srv, ['admin', 'office1', 'zone1', 'auditor1', 'super1', 'security1']);
		ids = await h.orgIds(c.admin);
		users = {};
		for (const u of (await c.admin.get('/api/users?page_size=100')).json.items) users[u.username] = u;
	});

	after(async () => {
		if (srv) await srv.close();
	});

	const audit = async (q) => (await c.auditor1.get(`/api/audit?${q}`)).json;
	const auditCount = async () => (await audit('page_size=1')).total;
	const userCount = async () => (await c.admin.get('/api/users?page_size=1')).json.total;
	const body = (u, patch) => ({ display_name: u.display_name, org_id: u.org_id, role: u.role, data_scope: u.data_scope, ...patch });
	const inboxTotal = async (who) => (await c[who].get('/api/inbox?page_size=1')).json.total;
	const newest = async (who) => (await c[who].get('/api/inbox?page_size=1')).json.items[0];

	/** Runs fn, which must be refused, and asserts that nothing was written. */
	async function unchanged(fn) {
		const before = [await auditCount(), await userCount()];
		const r = await fn();
		assert.deepEqual([await auditCount(), await userCount()], before, 'a refused request wrote something');
		return r;
	}

	describe('the administrator and the accounts that read the audit log', () => {
		test('the admin cannot create an auditor, a supervisor or a security officer', T, async () => {
			for (const role of ['auditor', 'supervisor', 'security']) {
				const r = await unchanged(() =>
					c.admin.post('/api/users', { username: `new.${role}`, display_name: '新账号', org_id: ids[h.ORG.audit], role, password: 'Chosen-Passw0rd-1' }),
				);
				h.assertError(r, 403, 'forbidden', '/role');
				assert.match(r.json.error.message, /安全管理员/);
			}
		});

		test('the admin cannot reset, lock, unlock or change an auditor’s or a supervisor’s account', T, async () => {
			for (const name of ['auditor1', 'super1', 'security1']) {
				const u = users[name];
				for (const action of ['reset-password', 'lock', 'unlock']) {
					const r = await unchanged(() => c.admin.post(`/api/users/${u.id}/${action}`));
					h.assertError(r, 403, 'forbidden');
					assert.equal(r.json.password, undefined);
				}
				h.assertError(await unchanged(() => c.admin.put(`/api/users/${u.id}`, body(u, { display_name: '改名' }))), 403, 'forbidden');
				h.assertError(await unchanged(() => c.admin.put(`/api/users/${u.id}`, body(u, { role: 'zone', data_scope: 'org' }))), 403, 'forbidden');
			}
			// the auditor still signs in with its own password
			assert.equal((await new h.Client(srv).tryLogin('auditor1', h.pw('auditor1'))).status, 200);
		});

		test('the admin cannot make an ordinary account one that reads the log', T, async () => {
			const u = users.zone1;
			for (const role of ['auditor', 'supervisor', 'security']) {
				const r = await unchanged(() => c.admin.put(`/api/users/${u.id}`, body(u, { role, data_scope: 'all' })));
				h.assertError(r, 403, 'forbidden', '/role');
			}
			assert.equal((await c.admin.get('/api/users?q=zone1')).json.items[0].role, 'zone');
		});
	});

	describe('what the security officer does', () => {
		let auditor2;

		test('creates an auditor with a one-time password, which the admin never sees', T, async () => {
			const r = await c.security1.post('/api/users', {
				username: 'auditor2',
				display_name: '第二审计员',
				org_id: ids[h.ORG.audit],
				role: 'auditor',
				password: 'First-Passw0rd-1',
			});
			assert.equal(r.status, 201, r.text);
			auditor2 = r.json;
			assert.equal(auditor2.role, 'auditor');
			assert.equal(auditor2.must_change_password, true);
			const a = await audit(`entity_type=user&entity_id=${auditor2.id}&action=create`);
			assert.equal(a.total, 1);
			assert.equal(a.items[0].username, 'security1');
			// the new auditor must replace it before reading anything
			const x = new h.Client(srv);
			await x.login('auditor2', 'First-Passw0rd-1');
			h.assertError(await x.get('/api/audit'), 403, 'password_change_required');
			assert.equal((await x.put('/api/session/password', { old_password: 'First-Passw0rd-1', new_password: 'Own-Passw0rd-22' })).status, 204);
			assert.equal((await x.get('/api/audit?page_size=1')).status, 200);
		});

		test('resets an auditor’s password (a one-time password) and locks and unlocks it', T, async () => {
			let r = await c.security1.post(`/api/users/${auditor2.id}/reset-password`);
			assert.equal(r.status, 200, r.text);
			assert.match(r.json.password, /^.{16}$/);
			assert.equal(r.headers.get('cache-control'), 'no-store');
			const x = new h.Client(srv);
			await x.login('auditor2', r.json.password);
			assert.equal(x.user.must_change_password, true);
			r = await c.security1.post(`/api/users/${auditor2.id}/lock`);
			assert.equal(r.status, 200, r.text);
			assert.equal(r.json.locked, true);
			r = await c.security1.post(`/api/users/${auditor2.id}/unlock`);
			assert.equal(r.json.locked, false);
			r = await c.security1.put(`/api/users/${auditor2.id}`, body(auditor2, { role: 'supervisor', org_id: ids[h.ORG.discipline], data_scope: 'all' }));
			assert.equal(r.status, 200, r.text);
			assert.equal(r.json.role, 'supervisor');
			h.assertError(await c.security1.post(`/api/users/${users.security1.id}/lock`), 400, 'invalid_value');
		});

		test('manages no ordinary account', T, async () => {
			const u = users.zone1;
			h.assertError(
				await unchanged(() => c.security1.post('/api/users', { username: 'zone9', display_name: '开发区', org_id: ids[h.ORG.econ], role: 'zone', password: 'Chosen-Passw0rd-1' })),
				403,
				'forbidden',
				'/role',
			);
			for (const action of ['reset-password', 'lock', 'unlock']) h.assertError(await unchanged(() => c.security1.post(`/api/users/${u.id}/${action}`)), 403, 'forbidden');
			h.assertError(await unchanged(() => c.security1.put(`/api/users/${u.id}`, body(u, { role: 'office', data_scope: 'all' }))), 403, 'forbidden');
			h.assertError(await unchanged(() => c.security1.put(`/api/users/${users.admin.id}`, body(users.admin, { display_name: 'x' }))), 403, 'forbidden');
		});

		test('reads accounts and organizations, and no reform data nor the audit log', T, async () => {
			assert.equal((await c.security1.get('/api/users')).status, 200);
			assert.equal((await c.security1.get('/api/role-changes')).status, 200);
			assert.equal((await c.security1.get('/api/orgs')).status, 200);
			for (const p of ['/api/audit', '/api/audit/verify', '/api/tasks', '/api/plans', '/api/milestones', '/api/notices', '/api/board', '/api/dashboard']) {
				h.assertError(await c.security1.get(p), 403, 'forbidden');
			}
			h.assertError(await c.security1.post('/api/orgs', { name: '安全建的', type: 'county' }), 403, 'forbidden');
			const s = await c.security1.get('/api/session');
			assert.equal(s.json.user.role, 'security');
		});

		test('the command line on the server manages any account', T, async () => {
			let r = await h.kfqOk(['user', 'add', '--db', srv.db, '--username', 'security2', '--org', h.ORG.commerce, '--role', 'security', '--generate-password']);
			const pw = /password: (\S+)/.exec(r.stdout)[1];
			const x = new h.Client(srv);
			await x.login('security2', pw);
			assert.equal(x.user.role, 'security');
			assert.equal(x.user.must_change_password, true);
			r = await h.kfqOk(['user', 'passwd', 'auditor2', '--password-stdin', '--db', srv.db], { input: 'Cli-Set-Passw0rd\n' });
			assert.match(r.stdout, /password of auditor2 set/);
			assert.equal((await new h.Client(srv).tryLogin('auditor2', 'Cli-Set-Passw0rd')).status, 200);
		});
	});

	describe('role changes that widen what an account may approve', () => {
		let zone, change;

		before(async () => {
			const r = await c.admin.post('/api/users', { username: 'zone5', display_name: '开发区五', org_id: ids[h.ORG.econ], role: 'zone', password: 'Zone5-Passw0rd-1' });
			assert.equal(r.status, 201, r.text);
			zone = r.json;
		});

		test('the admin making a zone user an office user: 202, pending, the account unchanged, audited, the security officer told', T, async () => {
			const before = await auditCount();
			const told = [await inboxTotal('admin'), await inboxTotal('security1')];
			const r = await c.admin.put(`/api/users/${zone.id}`, body(zone, { role: 'office', data_scope: 'all' }));
			assert.equal(r.status, 202, r.text);
			change = r.json;
			assert.equal(change.status, 'pending');
			assert.equal(change.user_id, zone.id);
			assert.equal(change.username, 'zone5');
			assert.deepEqual(change.from, { data_scope: 'org', org_id: ids[h.ORG.econ], org_name: h.ORG.econ, role: 'zone' });
			assert.equal(change.role, 'office');
			assert.equal(change.data_scope, 'all');
			assert.equal(change.proposed_by, users.admin.id);
			assert.equal(change.decided_by, null);
			const now = (await c.admin.get('/api/users?q=zone5')).json.items[0];
			assert.equal(now.role, 'zone');
			assert.equal(await auditCount(), before + 1);
			const a = await audit(`entity_type=role_change&entity_id=${change.id}`);
			assert.equal(a.items[0].action, 'propose');
			assert.equal(a.items[0].after.role, 'office');
			// the second person hears of it in its inbox, where the item opens its queue
			assert.deepEqual([await inboxTotal('admin'), await inboxTotal('security1')], [told[0], told[1] + 1]);
			const it = await newest('security1');
			assert.deepEqual([it.kind, it.title, it.link, it.entity_type, it.entity_id, it.actor_name], [
				'role_change_proposed',
				`角色变更待确认：开发区五（zone5）拟改为改革办（${h.ORG.econ}，全部数据）`,
				'/users?tab=changes',
				'role_change',
				change.id,
				users.admin.display_name,
			]);
			// both see it pending
			for (const who of ['admin', 'security1']) {
				const l = await c[who].get('/api/role-changes?status=pending');
				assert.deepEqual(l.json.items.map((x) => x.id), [change.id]);
			}
			// the zone user still cannot approve
			const z = new h.Client(srv);
			await z.login('zone5', 'Zone5-Passw0rd-1');
			assert.equal(z.user.role, 'zone');
		});

		test('only the security officer decides', T, async () => {
			for (const who of ['admin', 'office1', 'auditor1', 'zone1']) {
				h.assertError(await unchanged(() => c[who].post(`/api/role-changes/${change.id}/confirm`, {})), 403, 'forbidden');
				h.assertError(await unchanged(() => c[who].post(`/api/role-changes/${change.id}/reject`, { comment: '不同意' })), 403, 'forbidden');
			}
			for (const who of ['office1', 'zone1', 'auditor1', 'super1']) h.assertError(await c[who].get('/api/role-changes'), 403, 'forbidden');
		});

		test('the security officer confirms: the account changes in the same transaction, both audited', T, async () => {
			const r = await c.security1.post(`/api/role-changes/${change.id}/confirm`, {});
			assert.equal(r.status, 200, r.text);
			assert.equal(r.json.status, 'confirmed');
			assert.equal(r.json.decided_by, users.security1.id);
			assert.equal(r.json.decided_by_name, users.security1.display_name);
			const now = (await c.admin.get('/api/users?q=zone5')).json.items[0];
			assert.equal(now.role, 'office');
			assert.equal(now.data_scope, 'all');
			const a = await audit('page_size=2');
			assert.deepEqual(a.items.map((x) => [x.action, x.entity_type, x.username]), [
				['confirm', 'role_change', 'security1'],
				['update', 'user', 'security1'],
			]);
			assert.equal(a.items[1].before.role, 'zone');
			assert.equal(a.items[1].after.role, 'office');
			// the administrator who proposed it hears
			const it = await newest('admin');
			assert.deepEqual([it.kind, it.title, it.link, it.entity_id, it.actor_name], [
				'role_change_confirmed',
				`角色变更已确认生效：开发区五（zone5）改为改革办（${h.ORG.econ}，全部数据）`,
				'/users?tab=changes&change_status=all',
				change.id,
				users.security1.display_name,
			]);
			const told = await inboxTotal('admin');
			h.assertError(await unchanged(() => c.security1.post(`/api/role-changes/${change.id}/confirm`, {})), 409, 'invalid_state');
			h.assertError(await unchanged(() => c.security1.post(`/api/role-changes/${change.id}/reject`, { comment: '晚了' })), 409, 'invalid_state');
			h.assertError(await c.security1.post('/api/role-changes/999999/confirm', {}), 404, 'not_found');
			assert.equal(await inboxTotal('admin'), told);
		});

		test('a wider data scope for an approver waits too; the security officer rejects it with a reason', T, async () => {
			const u = (await c.admin.get('/api/users?q=zone5')).json.items[0];
			let r = await c.admin.put(`/api/users/${u.id}`, body(u, { data_scope: 'org' }));
			assert.equal(r.status, 200, 'narrowing applies at once');
			r = await c.admin.put(`/api/users/${u.id}`, body(u, { data_scope: 'custom', scope_org_ids: [ids[h.ORG.econ], ids[h.ORG.shengli]] }));
			assert.equal(r.status, 202, r.text);
			assert.deepEqual([...r.json.scope_org_ids].sort((a, b) => a - b), [ids[h.ORG.econ], ids[h.ORG.shengli]].sort((a, b) => a - b));
			h.assertError(await unchanged(() => c.security1.post(`/api/role-changes/${r.json.id}/reject`, {})), 400, 'missing_field', '/comment');
			const x = await c.security1.post(`/api/role-changes/${r.json.id}/reject`, { comment: '超出职责范围' });
			assert.equal(x.status, 200, x.text);
			assert.equal(x.json.status, 'rejected');
			assert.equal(x.json.comment, '超出职责范围');
			const it = await newest('admin');
			assert.deepEqual([it.kind, it.title], ['role_change_rejected', `角色变更被驳回：开发区五（zone5）拟改为改革办（${h.ORG.econ}，自定义机构2个），理由：超出职责范围`]);
			const now = (await c.admin.get('/api/users?q=zone5')).json.items[0];
			assert.equal(now.data_scope, 'org');
			assert.deepEqual(now.scope_org_ids, []);
		});

		test('a later change of the account supersedes a pending one', T, async () => {
			const u = (await c.admin.get('/api/users?q=zone5')).json.items[0];
			let r = await c.admin.put(`/api/users/${u.id}`, body(u, { role: 'admin', data_scope: 'all' }));
			assert.equal(r.status, 202, 'becoming an administrator widens what it may approve');
			const first = r.json;
			r = await c.admin.put(`/api/users/${u.id}`, body(u, { display_name: '开发区五（改）' }));
			assert.equal(r.status, 200, r.text);
			const old = (await c.admin.get(`/api/role-changes?user_id=${u.id}&status=superseded`)).json.items;
			assert.deepEqual(old.map((x) => x.id), [first.id]);
			assert.equal(old[0].decided_by, users.admin.id);
			h.assertError(await c.security1.post(`/api/role-changes/${first.id}/confirm`, {}), 409, 'invalid_state');
			assert.equal((await c.admin.get('/api/users?q=zone5')).json.items[0].role, 'office');
			assert.equal((await c.admin.get('/api/role-changes?status=pending')).json.total, 0);
		});

		test('changes that widen nothing apply at once', T, async () => {
			for (const patch of [{ role: 'zone', data_scope: 'org' }, { role: 'county', data_scope: 'org_and_below' }, { display_name: '改名而已' }]) {
				const u = (await c.admin.get('/api/users?q=zone5')).json.items[0];
				const r = await c.admin.put(`/api/users/${u.id}`, body(u, patch));
				assert.equal(r.status, 200, `${JSON.stringify(patch)}: ${r.text}`);
			}
			const me = users.admin;
			h.assertError(await unchanged(() => c.admin.put(`/api/users/${me.id}`, body(me, { role: 'office' }))), 400, 'invalid_value', '/role');
		});

		test('the list filters and pages; bad filters are refused', T, async () => {
			const all = await c.security1.get('/api/role-changes');
			assert.equal(all.json.total, 3);
			assert.deepEqual(all.json.items.map((x) => x.status), ['superseded', 'rejected', 'confirmed']);
			const p = await c.security1.get('/api/role-changes?page=2&page_size=1');
			assert.equal(p.json.items[0].status, 'rejected');
			h.assertError(await c.security1.get('/api/role-changes?status=done'), 400, 'invalid_parameter', 'status');
		});

		test('the list exports as .xlsx and as CSV with its filters; a formula in a reason is neutralised', T, async () => {
			await h.sqlOk(srv.db, "UPDATE role_change SET comment = '=1+1' WHERE status = 'rejected'");
			let rows = await bothExports(c.security1, '/api/role-changes', '?status=rejected');
			assert.deepEqual(rows[0], ['账号', '姓名', '原角色', '原数据范围', '原单位', '新角色', '新数据范围', '新单位', '状态', '提出人', '提出时间', '处理人', '处理时间', '意见']);
			// the times left out: they are now
			const cells = (r) => [...r.slice(0, 10), r[11], r[13]];
			assert.deepEqual(rows.slice(1).map(cells), [
				['zone5', '开发区五', '改革办', '本机构数据', h.ORG.econ, '改革办', '自定义机构', h.ORG.econ, '已驳回', users.admin.display_name, users.security1.display_name, "'=1+1"],
			]);
			rows = await bothExports(c.admin, '/api/role-changes', `?user_id=${change.user_id}`);
			assert.deepEqual(rows.slice(1).map((r) => [r[2], r[5], r[8]]), [
				['改革办', '系统管理员', '已被替代'],
				['改革办', '改革办', '已驳回'],
				['开发区', '改革办', '已确认'],
			]);
			assert.equal((await bothExports(c.admin, '/api/role-changes', '?status=pending')).length, 1, 'none pending: the header only');
			h.assertError(await c.security1.get('/api/role-changes/export.csv?status=done'), 400, 'invalid_parameter', 'status');
			h.assertError(await c.security1.get('/api/role-changes/export.xlsx?page_size=5'), 400, 'unknown_parameter', 'page_size');
			for (const who of ['office1', 'zone1', 'auditor1']) h.assertError(await c[who].get('/api/role-changes/export.csv'), 403, 'forbidden');
			await h.sqlOk(srv.db, "UPDATE role_change SET comment = '超出职责范围' WHERE status = 'rejected'");
		});

		test('moving an account into an organization that holds a capability its own lacks waits too', T, async () => {
			// what an organization may approve is its capabilities (职能授权): an account moved to
			// 市财政局 confirms revenue-sharing statements from then on
			let r = await c.office1.post('/api/capabilities/grants', { org_id: ids['市财政局'], capability: 'confirm_revenue' });
			assert.equal(r.status, 201, r.text);
			r = await c.admin.post('/api/users', { username: 'dept5', display_name: '部门五', org_id: ids[h.ORG.audit], role: 'department', password: 'Dept5-Passw0rd-1' });
			assert.equal(r.status, 201, r.text);
			const dept = r.json;
			r = await c.admin.put(`/api/users/${dept.id}`, body(dept, { org_id: ids['市财政局'] }));
			assert.equal(r.status, 202, r.text);
			assert.equal(r.json.status, 'pending');
			assert.deepEqual(r.json.from, { data_scope: 'org', org_id: ids[h.ORG.audit], org_name: h.ORG.audit, role: 'department' });
			const id = r.json.id;
			assert.equal((await c.admin.get('/api/users?q=dept5')).json.items[0].org_id, ids[h.ORG.audit]);
			const d = new h.Client(srv);
			await d.login('dept5', 'Dept5-Passw0rd-1');
			assert.deepEqual(d.user.org_id, ids[h.ORG.audit]);
			// confirmed, it applies
			r = await c.security1.post(`/api/role-changes/${id}/confirm`, {});
			assert.equal(r.status, 200, r.text);
			const moved = (await c.admin.get('/api/users?q=dept5')).json.items[0];
			assert.equal(moved.org_id, ids['市财政局']);
			// back to an organization that holds nothing more: at once
			r = await c.admin.put(`/api/users/${dept.id}`, body(moved, { org_id: ids[h.ORG.audit] }));
			assert.equal(r.status, 200, r.text);
			assert.equal(r.json.org_id, ids[h.ORG.audit]);
		});
	});
});
