'use strict';
// auth.test.js - signing in and out, the session cookie, the limits on failed logins (per
// address and per name at an address, shared by servers on one database; the same answer and
// the same work for unknown, locked and wrong), CSRF and same-origin checks, the forced password
// change, admin reset, lock and unlock.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

const T = { timeout: h.STEP_TIMEOUT };
const NEW_PW = 'Neu-Kennwort-2026!';

function sessionCookie(r) {
	return r.headers.getSetCookie().find((c) => c.startsWith('kfq_session='));
}

describe('auth', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, admin, ids;

	before(async () => {
		srv = await h.startServer();
		admin = new h.Client(srv);
		await admin.login('admin');
		ids = await h.orgIds(admin);
	});

	after(async () => {
		if (srv) await srv.close();
	});

	test('login answers the CSRF token and the user', T, async () => {
		const c = new h.Client(srv);
		const r = await c.tryLogin('office1', h.pw('office1'));
		assert.equal(r.status, 200, r.text);
		assert.equal(typeof r.json.csrf_token, 'string');
		assert.ok(r.json.csrf_token.length >= 32, 'csrf token too short');
		assert.equal(r.json.user.username, 'office1');
		assert.equal(r.json.user.role, 'office');
		assert.equal(r.json.user.org_name, h.ORG.commerce);
		assert.equal(r.json.user.must_change_password, false);
		assert.equal(r.json.user.data_scope, 'all');
		assert.ok(!('password_hash' in r.json.user), 'the hash must never be sent');
		assert.equal(r.headers.get('cache-control'), 'no-store');
		// the session works
		const s = await c.get('/api/session');
		assert.equal(s.status, 200);
		assert.equal(s.json.user.username, 'office1');
		assert.equal(s.json.csrf_token, r.json.csrf_token);
	});

	test('the session cookie is HttpOnly, SameSite=Lax, and not Secure over plain HTTP', T, async () => {
		const c = new h.Client(srv);
		const r = await c.tryLogin('office1', h.pw('office1'));
		const sc = sessionCookie(r);
		assert.ok(sc, 'no kfq_session cookie');
		const attrs = sc.split(';').map((s) => s.trim().toLowerCase());
		assert.ok(attrs.includes('httponly'), sc);
		assert.ok(attrs.includes('samesite=lax'), sc);
		assert.ok(attrs.includes('path=/'), sc);
		assert.ok(!attrs.includes('secure'), sc);
		assert.ok(/^kfq_session=[A-Za-z0-9_-]{40,}$/.test(sc.split(';')[0]), `token shape: ${sc}`);
	});

	test('X-Forwarded-Proto is ignored unless the server trusts the proxy', T, async () => {
		const c = new h.Client(srv);
		const r = await c.tryLogin('office1', h.pw('office1'), { headers: { 'X-Forwarded-Proto': 'https' } });
		assert.equal(r.status, 200);
		assert.ok(!/;\s*secure/i.test(sessionCookie(r)), sessionCookie(r));
	});

	test('behind a trusted proxy on https the cookie is Secure', T, async () => {
		const px = await h.startServer({ users: [{ username: 'admin', org: h.ORG.commerce, role: 'admin' }], serveArgs: ['--trust-proxy'] });
		try {
			const c = new h.Client(px);
			const plain = await c.tryLogin('admin', h.pw('admin'));
			assert.equal(plain.status, 200);
			assert.ok(!/;\s*secure/i.test(sessionCookie(plain)), sessionCookie(plain));
			const tls = await c.tryLogin('admin', h.pw('admin'), {
				headers: { 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '203.0.113.7', Origin: `https://127.0.0.1:${px.port}` },
			});
			assert.equal(tls.status, 200, tls.text);
			assert.ok(/;\s*Secure/.test(sessionCookie(tls)), sessionCookie(tls));
			assert.ok(/HttpOnly/.test(sessionCookie(tls)) && /SameSite=Lax/.test(sessionCookie(tls)));
		} finally {
			await px.close();
		}
	});

	test('GET /api/session without a cookie is 401 not_authenticated', T, async () => {
		const c = new h.Client(srv);
		h.assertError(await c.get('/api/session'), 401, 'not_authenticated');
		h.assertError(await c.get('/api/orgs'), 401, 'not_authenticated');
		// a made-up token too
		c.cookies.set('kfq_session', 'A'.repeat(43));
		h.assertError(await c.get('/api/session'), 401, 'not_authenticated');
	});

	test('a wrong password is 401 invalid_credentials; an unknown user gets the same answer', T, async () => {
		const c = new h.Client(srv);
		const wrong = await c.tryLogin('super1', 'Wrong-Passw0rd!');
		h.assertError(wrong, 401, 'invalid_credentials', null);
		assert.match(wrong.json.error.message, /用户名或密码错误/);
		assert.equal(sessionCookie(wrong), undefined);
		const unknown = await c.tryLogin('nobody-here', 'Wrong-Passw0rd!');
		h.assertError(unknown, 401, 'invalid_credentials', null);
		assert.match(unknown.json.error.message, /用户名或密码错误/);
		// the right password resets super1's count for the lockout test
		assert.equal((await c.tryLogin('super1', h.pw('super1'))).status, 200);
	});

	test('login validates its body like any other', T, async () => {
		const c = new h.Client(srv);
		h.assertError(await c.post('/api/session', { username: 'admin' }), 400, 'missing_field', '/password');
		h.assertError(await c.post('/api/session', { username: 'admin', password: 1 }), 400, 'invalid_type', '/password');
		h.assertError(await c.post('/api/session', { username: 'admin', password: 'x', remember: true }), 400, 'unknown_field', '/remember');
	});

	describe('CSRF and same origin', () => {
		let c, count0;
		const body = { name: 'CSRF测试区', type: 'county' };

		before(async () => {
			c = new h.Client(srv);
			await c.login('office1');
			count0 = (await c.get("/api/orgs")).json.total;
		});

		test('no X-CSRF-Token → 403 csrf_failed', T, async () => {
			h.assertError(await c.post('/api/orgs', body, { csrf: false }), 403, 'csrf_failed');
		});

		test('a wrong X-CSRF-Token → 403 csrf_failed', T, async () => {
			h.assertError(await c.post('/api/orgs', body, { csrf: 'x'.repeat(c.csrf.length) }), 403, 'csrf_failed');
			h.assertError(await c.post('/api/orgs', body, { csrf: c.csrf.slice(0, -1) }), 403, 'csrf_failed');
			h.assertError(await c.post('/api/orgs', body, { csrf: '' }), 403, 'csrf_failed');
		});

		test("another user's token does not work", T, async () => {
			h.assertError(await c.post('/api/orgs', body, { csrf: admin.csrf }), 403, 'csrf_failed');
		});

		test('Origin of another site → 403 csrf_failed', T, async () => {
			h.assertError(await c.post('/api/orgs', body, { origin: 'http://evil.example' }), 403, 'csrf_failed');
			h.assertError(await c.post('/api/orgs', body, { origin: `http://127.0.0.1:${srv.port}.evil.example` }), 403, 'csrf_failed');
			h.assertError(await c.post('/api/orgs', body, { origin: `http://127.0.0.1:${srv.port + 1}` }), 403, 'csrf_failed');
			h.assertError(await c.post('/api/orgs', body, { origin: 'null' }), 403, 'csrf_failed');
		});

		test('no Origin → 403 csrf_failed', T, async () => {
			h.assertError(await c.post('/api/orgs', body, { origin: false }), 403, 'csrf_failed');
			h.assertError(await c.put(`/api/orgs/${ids[h.ORG.xinfu]}`, { name: h.ORG.xinfu, type: 'county' }, { origin: false }), 403, 'csrf_failed');
			h.assertError(await c.del('/api/session', undefined, { origin: false }), 403, 'csrf_failed');
		});

		test('Sec-Fetch-Site cross-site → 403 even with the right Origin and token', T, async () => {
			h.assertError(await c.post('/api/orgs', body, { headers: { 'Sec-Fetch-Site': 'cross-site' } }), 403, 'csrf_failed');
			h.assertError(await c.post('/api/orgs', body, { headers: { 'Sec-Fetch-Site': 'same-site' } }), 403, 'csrf_failed');
		});

		test('a login from another origin is refused (login CSRF)', T, async () => {
			const x = new h.Client(srv);
			h.assertError(await x.tryLogin('office1', h.pw('office1'), { origin: 'http://evil.example' }), 403, 'csrf_failed');
			h.assertError(await x.tryLogin('office1', h.pw('office1'), { origin: false }), 403, 'csrf_failed');
		});

		test('nothing was created by the refused requests; the right token works', T, async () => {
			assert.equal((await c.get('/api/orgs')).json.total, count0);
			const ok = await c.post('/api/orgs', body);
			assert.equal(ok.status, 201, ok.text);
			assert.equal((await c.get('/api/orgs')).json.total, count0 + 1);
		});
	});

	test('logout: DELETE /api/session → 204, then the old cookie is 401', T, async () => {
		const c = new h.Client(srv);
		await c.login('office1');
		const old = c.cookieHeader();
		const r = await c.del('/api/session');
		assert.equal(r.status, 204);
		assert.match(r.headers.getSetCookie().join('\n'), /kfq_session=;.*Max-Age=0/);
		const again = await c.get('/api/session', { headers: { Cookie: old } });
		h.assertError(again, 401, 'not_authenticated');
		h.assertError(await c.get('/api/orgs', { headers: { Cookie: old } }), 401, 'not_authenticated');
	});

	describe('accounts created by the admin', () => {
		let user, userId;
		const first = 'Erst-Passw0rd-1';

		test('admin POST /api/users → 201 with must_change_password true', T, async () => {
			const r = await admin.post('/api/users', {
				username: 'newbie',
				display_name: '新用户',
				org_id: ids[h.ORG.shuncheng],
				role: 'county',
				password: first,
			});
			assert.equal(r.status, 201, r.text);
			assert.equal(r.json.username, 'newbie');
			assert.equal(r.json.display_name, '新用户');
			assert.equal(r.json.role, 'county');
			assert.equal(r.json.data_scope, 'org_and_below');
			assert.equal(r.json.org_name, h.ORG.shuncheng);
			assert.equal(r.json.must_change_password, true);
			assert.equal(r.json.locked, false);
			userId = r.json.id;
		});

		test('a weak initial password is refused', T, async () => {
			const r = await admin.post('/api/users', {
				username: 'weakling',
				display_name: '弱密码',
				org_id: ids[h.ORG.shuncheng],
				role: 'county',
				password: 'password',
			});
			h.assertError(r, 400, 'weak_password', '/password');
		});

		test('the new user must change the password before anything else', T, async () => {
			user = new h.Client(srv);
			const r = await user.login('newbie', first);
			assert.equal(r.json.user.must_change_password, true);
			h.assertError(await user.get('/api/orgs'), 403, 'password_change_required');
			h.assertError(await user.get('/api/dashboard'), 403, 'password_change_required');
			assert.equal((await user.get('/api/session')).status, 200);
		});

		test('PUT /api/session/password refuses a weak new password', T, async () => {
			for (const weak of ['short1A!', 'alllowercaseletters', 'ALLUPPER12345', '1234567890123']) {
				h.assertError(await user.put('/api/session/password', { old_password: first, new_password: weak }), 400, 'weak_password', '/new_password');
			}
		});

		test('PUT /api/session/password refuses a wrong old password', T, async () => {
			h.assertError(await user.put('/api/session/password', { old_password: 'Nicht-Richtig-1', new_password: NEW_PW }), 400, 'wrong_password', '/old_password');
		});

		test('PUT /api/session/password refuses the same password', T, async () => {
			h.assertError(await user.put('/api/session/password', { old_password: first, new_password: first }), 400, 'same_password', '/new_password');
		});

		test('a good change → 204; the session goes on; other sessions end', T, async () => {
			const other = new h.Client(srv);
			await other.login('newbie', first);
			const r = await user.put('/api/session/password', { old_password: first, new_password: NEW_PW });
			assert.equal(r.status, 204, r.text);
			const orgs = await user.get('/api/orgs');
			assert.equal(orgs.status, 200, orgs.text);
			assert.deepEqual(orgs.json.items.map((o) => o.name), [h.ORG.shuncheng, h.ORG.econ]);
			assert.equal((await user.get('/api/session')).json.user.must_change_password, false);
			h.assertError(await other.get('/api/session'), 401, 'not_authenticated');
			// old password no longer works, new one does
			h.assertError(await new h.Client(srv).tryLogin('newbie', first), 401, 'invalid_credentials');
			assert.equal((await new h.Client(srv).tryLogin('newbie', NEW_PW)).status, 200);
		});

		test('two changes at once (two tabs): one wins, the other is refused, and the winner stays signed in', T, async () => {
			const tabs = [new h.Client(srv), new h.Client(srv)];
			for (const tab of tabs) await tab.login('newbie', NEW_PW);
			const next = ['Tab-A-Kennwort-2026!', 'Tab-B-Kennwort-2026!'];
			const r = await Promise.all(tabs.map((tab, i) => tab.put('/api/session/password', { old_password: NEW_PW, new_password: next[i] })));
			const won = r.findIndex((x) => x.status === 204);
			assert.ok(won >= 0, r.map((x) => x.status).join(' '));
			const lost = 1 - won;
			// refused in the change's transaction (409); or, when the changes did not overlap, by
			// the old password (400) or as a session the winner's change ended (401)
			assert.ok([409, 400, 401].includes(r[lost].status), `${r[won].status} ${r[lost].status} ${r[lost].text}`);
			if (r[lost].status === 409) h.assertError(r[lost], 409, 'password_changed');
			assert.equal((await tabs[won].get('/api/session')).status, 200);
			h.assertError(await tabs[lost].get('/api/session'), 401, 'not_authenticated');
			assert.equal((await new h.Client(srv).tryLogin('newbie', next[won])).status, 200);
			h.assertError(await new h.Client(srv).tryLogin('newbie', next[lost]), 401, 'invalid_credentials');
		});

		test('admin reset-password → 200 {password}; old sessions end; the temporary password must be changed', T, async () => {
			const r = await admin.post(`/api/users/${userId}/reset-password`);
			assert.equal(r.status, 200, r.text);
			assert.deepEqual(Object.keys(r.json), ['password']);
			assert.equal(typeof r.json.password, 'string');
			assert.ok(r.json.password.length >= 10);
			assert.equal(r.headers.get('cache-control'), 'no-store');
			h.assertError(await user.get('/api/session'), 401, 'not_authenticated');
			h.assertError(await new h.Client(srv).tryLogin('newbie', NEW_PW), 401, 'invalid_credentials');
			const again = new h.Client(srv);
			const l = await again.login('newbie', r.json.password);
			assert.equal(l.json.user.must_change_password, true);
			h.assertError(await again.get('/api/orgs'), 403, 'password_change_required');
			assert.equal((await again.put('/api/session/password', { old_password: r.json.password, new_password: NEW_PW })).status, 204);
			assert.equal((await again.get('/api/orgs')).status, 200);
			user = again;
		});

		test('admin lock → the user is signed out and cannot log in (the answer of a wrong password); unlock → can', T, async () => {
			const r = await admin.post(`/api/users/${userId}/lock`);
			assert.equal(r.status, 200, r.text);
			assert.equal(r.json.locked, true);
			// locking it again changes nothing: refused, and no record of a change
			const records = (await admin.get(`/api/audit?entity_type=user&entity_id=${userId}&page_size=1`)).json.total;
			const twice = await admin.post(`/api/users/${userId}/lock`);
			h.assertError(twice, 409, 'invalid_state');
			assert.equal(twice.json.error.message, '该账号已锁定');
			assert.equal((await admin.get(`/api/audit?entity_type=user&entity_id=${userId}&page_size=1`)).json.total, records);
			h.assertError(await user.get('/api/session'), 401, 'not_authenticated');
			const refused = await new h.Client(srv).tryLogin('newbie', NEW_PW);
			h.assertError(refused, 401, 'invalid_credentials', null);
			assert.equal(refused.json.error.message, '用户名或密码错误，或账号已被锁定');
			const u = await admin.post(`/api/users/${userId}/unlock`);
			assert.equal(u.status, 200, u.text);
			assert.equal(u.json.locked, false);
			assert.equal((await new h.Client(srv).tryLogin('newbie', NEW_PW)).status, 200);
		});

		test('the admin cannot lock itself, nor reset its own password (its own is changed knowing the old)', T, async () => {
			const me = (await admin.get('/api/session')).json.user.id;
			h.assertError(await admin.post(`/api/users/${me}/lock`), 400, 'invalid_value');
			const r = await admin.post(`/api/users/${me}/reset-password`);
			h.assertError(r, 400, 'invalid_value');
			assert.equal(r.json.error.message, '不能重置自己的密码，请在个人中心修改密码');
			assert.equal((await admin.get('/api/session')).status, 200);
		});

		test('lock/unlock/reset of an unknown user is 404', T, async () => {
			h.assertError(await admin.post('/api/users/999999/lock'), 404, 'not_found');
			h.assertError(await admin.post('/api/users/999999/reset-password'), 404, 'not_found');
			h.assertError(await admin.post('/api/users/abc/unlock'), 404, 'not_found');
		});
	});
});

describe('failed logins', { timeout: h.FILE_TIMEOUT }, () => {
	// behind a trusted proxy, so that each test speaks from its own client address
	let srv, admin;
	const users = ['admin', 'zone1', 'county1', 'super1'].map((n) => h.DEFAULT_USERS.find((u) => u.username === n));
	const from = (addr) => ({ headers: { 'X-Forwarded-For': addr } });
	const attempt = (name, password, addr, server = srv) => new h.Client(server).tryLogin(name, password, from(addr));

	async function dummyHashes(server = srv) {
		const r = await fetch(`${server.base}/metrics`);
		const m = /^kfq_login_dummy_hashes_total (\d+)$/m.exec(await r.text());
		assert.ok(m, 'no kfq_login_dummy_hashes_total in /metrics');
		return Number(m[1]);
	}

	before(async () => {
		srv = await h.startServer({ users, serveArgs: ['--trust-proxy'] });
		admin = new h.Client(srv);
		await admin.login('admin');
	});

	after(async () => {
		if (srv) await srv.close();
	});

	test('an unknown name, a locked account and a wrong password get the same answer; the first two hash against a dummy', T, async () => {
		const locked = (await admin.get('/api/users?q=county1')).json.items[0];
		assert.equal((await admin.post(`/api/users/${locked.id}/lock`)).status, 200);
		const answers = [];
		let d = await dummyHashes();
		answers.push(await attempt('nobody-at-all', 'Wrong-Passw0rd!', '198.51.100.1'));
		assert.equal(await dummyHashes(), d + 1, 'an unknown name runs one argon2id hash');
		d += 1;
		answers.push(await attempt('county1', h.pw('county1'), '198.51.100.1'));
		assert.equal(await dummyHashes(), d + 1, 'a locked account runs one argon2id hash, even with its password');
		d += 1;
		answers.push(await attempt('zone1', 'Wrong-Passw0rd!', '198.51.100.1'));
		assert.equal(await dummyHashes(), d, 'a wrong password is checked against the real hash');
		for (const r of answers) {
			h.assertError(r, 401, 'invalid_credentials', null);
			assert.equal(r.json.error.message, '用户名或密码错误，或账号已被锁定');
			assert.equal(sessionCookie(r), undefined);
		}
		assert.equal((await admin.post(`/api/users/${locked.id}/unlock`)).status, 200);
		assert.equal((await attempt('super1', h.pw('super1'), '198.51.100.1')).status, 200);
	});

	test('four failures, then the right password logs in and the count of that name starts again', T, async () => {
		for (let i = 1; i <= 4; i++) h.assertError(await attempt('zone1', `Wrong-Passw0rd-${i}`, '198.51.100.2'), 401, 'invalid_credentials');
		assert.equal((await attempt('zone1', h.pw('zone1'), '198.51.100.2')).status, 200);
		for (let i = 1; i <= 4; i++) h.assertError(await attempt('zone1', `Wrong-Passw0rd-${i}`, '198.51.100.2'), 401, 'invalid_credentials');
		assert.equal((await attempt('zone1', h.pw('zone1'), '198.51.100.2')).status, 200);
	});

	test("a stranger's fifth failure makes the name wait at the stranger's address only: the admin still logs in from its own", T, async () => {
		for (let i = 1; i <= 4; i++) h.assertError(await attempt('admin', `Guess-Passw0rd-${i}`, '203.0.113.66'), 401, 'invalid_credentials');
		const fifth = await attempt('admin', 'Guess-Passw0rd-5', '203.0.113.66');
		h.assertError(fifth, 429, 'too_many_attempts');
		assert.equal(fifth.json.error.message, '登录失败次数过多，请15分钟后再试');
		assert.equal(fifth.headers.get('retry-after'), '900');
		// the right password does not help from there, and is not even checked
		const d = await dummyHashes();
		h.assertError(await attempt('admin', h.pw('admin'), '203.0.113.66'), 429, 'too_many_attempts');
		assert.equal(await dummyHashes(), d);
		// from the admin's own address
		assert.equal((await attempt('admin', h.pw('admin'), '198.51.100.3')).status, 200);
		// the account is not locked: the user list says so
		const u = (await admin.get('/api/users?q=admin')).json.items.find((x) => x.username === 'admin');
		assert.equal(u.locked, false);
	});

	test('a block is audited once when it starts, with the address and the name tried; the refused attempts after it are not', T, async () => {
		const addr = '198.51.100.20';
		const blocks = async () => {
			const r = await sup.get(`/api/audit?action=login_blocked&page_size=50`);
			assert.equal(r.status, 200, r.text);
			return r.json.items.filter((x) => x.client_addr === addr);
		};
		const sup = (await h.loginAll(srv, ['super1'])).super1;
		for (let i = 1; i <= 4; i++) h.assertError(await attempt('zone1', `Wrong-Passw0rd-${i}`, addr), 401, 'invalid_credentials');
		assert.deepEqual(await blocks(), []);
		h.assertError(await attempt('zone1', 'Wrong-Passw0rd-5', addr), 429, 'too_many_attempts');
		// a flood of refused attempts adds nothing: one record per block
		for (let i = 0; i < 5; i++) h.assertError(await attempt('zone1', h.pw('zone1'), addr), 429, 'too_many_attempts');
		const got = await blocks();
		assert.deepEqual(
			got.map((x) => [x.action, x.entity_type, x.entity_id, x.username, x.client_addr, x.before, x.after]),
			[['login_blocked', 'login_limit', 'name', 'zone1', addr, null, { address: addr, limit: 'name', seconds: 900, username: 'zone1' }]],
		);
		// in the chain, which still verifies
		const v = await sup.get('/api/audit/verify');
		assert.equal(v.status, 200, v.text);
		assert.equal(v.json.ok, true, v.text);
	});

	test('an unknown name is limited exactly like an existing one', T, async () => {
		const seq = async (name, addr) => {
			const out = [];
			for (let i = 1; i <= 6; i++) {
				const r = await attempt(name, `Wrong-Passw0rd-${i}`, addr);
				out.push(`${r.status} ${r.json.error.code} ${r.json.error.message}`);
			}
			return out;
		};
		const known = await seq('county1', '198.51.100.4');
		const unknown = await seq('no-such-user', '198.51.100.5');
		assert.deepEqual(unknown, known);
		assert.deepEqual(
			known.map((x) => x.split(' ')[0]),
			['401', '401', '401', '401', '429', '429'],
		);
	});

	test('an address failing on many names is slowed down: after 10 it waits, whatever the name, and hashes nothing', T, async () => {
		const addr = '198.51.100.6';
		for (let i = 1; i <= 9; i++) h.assertError(await attempt(`sprayed-${i}`, 'Spring2026!x', addr), 401, 'invalid_credentials');
		const tenth = await attempt('sprayed-10', 'Spring2026!x', addr);
		h.assertError(tenth, 429, 'too_many_attempts');
		assert.equal(tenth.headers.get('retry-after'), '60');
		assert.equal(tenth.json.error.message, '登录失败次数过多，请1分钟后再试');
		const sup = (await h.loginAll(srv, ['super1'])).super1;
		const log = (await sup.get('/api/audit?action=login_blocked&page_size=50')).json.items.filter((x) => x.client_addr === addr);
		assert.deepEqual(log.map((x) => [x.entity_id, x.username, x.after]), [['address', 'sprayed-10', { address: addr, limit: 'address', seconds: 60, username: 'sprayed-10' }]]);
		const d = await dummyHashes();
		h.assertError(await attempt('zone1', h.pw('zone1'), addr), 429, 'too_many_attempts');
		assert.equal(await dummyHashes(), d, 'a waiting address costs no hash');
		assert.equal((await attempt('zone1', h.pw('zone1'), '198.51.100.7')).status, 200);
	});

	test('five wrong passwords at once from one address are all counted', T, async () => {
		const answers = await Promise.all([1, 2, 3, 4, 5].map((i) => attempt('county1', `Wrong-Passw0rd-${i}`, '198.51.100.8')));
		assert.deepEqual(answers.map((r) => r.status).sort(), [401, 401, 401, 401, 429]);
		h.assertError(await attempt('county1', h.pw('county1'), '198.51.100.8'), 429, 'too_many_attempts');
	});

	test('the admin unlocking an account lifts the waits of its name at every address', T, async () => {
		h.assertError(await attempt('admin', h.pw('admin'), '203.0.113.66'), 429, 'too_many_attempts');
		// 用户管理 shows the name waiting, and until when, so the admin knows why it cannot sign in
		const listed = async () => (await admin.get('/api/users?q=admin')).json.items.find((x) => x.username === 'admin');
		const waiting = await listed();
		assert.ok(Date.parse(waiting.login_wait_until) > Date.now(), JSON.stringify(waiting));
		// found by the 登录受限 filter, and only such names
		const names = async (status) => (await admin.get(`/api/users?status=${status}&page_size=100`)).json.items.map((x) => x.username);
		assert.ok((await names('waiting')).includes('admin'));
		assert.ok(!(await names('waiting')).includes('office1'));
		assert.ok(!(await names('locked')).includes('admin'));
		h.assertError(await admin.get('/api/users?status=x'), 400, 'invalid_parameter', 'status');
		const id = waiting.id;
		const r = await admin.post(`/api/users/${id}/unlock`);
		assert.equal(r.status, 200, r.text);
		assert.ok(!('login_wait_until' in (await listed())));
		assert.ok(!(await names('waiting')).includes('admin'));
		assert.equal((await attempt('admin', h.pw('admin'), '203.0.113.66')).status, 200);
		// so does `kfq user unlock` on the server
		h.assertError(await attempt('county1', h.pw('county1'), '198.51.100.8'), 429, 'too_many_attempts');
		await h.kfqOk(['user', 'unlock', '--db', srv.db, 'county1']);
		assert.equal((await attempt('county1', h.pw('county1'), '198.51.100.8')).status, 200);
	});

	test('a wrong current password in a password change is a failed login of that name at that address: limited and logged alike', T, async () => {
		// a session left open is no way round the limits to find out its owner's password
		const addr = '198.51.100.11';
		const c = new h.Client(srv);
		assert.equal((await c.tryLogin('super1', h.pw('super1'), from(addr))).status, 200);
		const change = (old) => c.put('/api/session/password', { old_password: old, new_password: NEW_PW }, from(addr));
		for (let i = 1; i <= 4; i++) h.assertError(await change(`Wrong-Passw0rd-${i}`), 400, 'wrong_password', '/old_password');
		const fifth = await change('Wrong-Passw0rd-5');
		h.assertError(fifth, 429, 'too_many_attempts');
		assert.equal(fifth.json.error.message, '登录失败次数过多，请15分钟后再试');
		assert.equal(fifth.headers.get('retry-after'), '900');
		// while the name waits there, its right password is not even checked, nor is a login
		h.assertError(await change(h.pw('super1')), 429, 'too_many_attempts');
		h.assertError(await attempt('super1', h.pw('super1'), addr), 429, 'too_many_attempts');
		// from another address the password is the one it was, and the log has every wrong guess
		const other = new h.Client(srv);
		assert.equal((await other.tryLogin('super1', h.pw('super1'), from('198.51.100.12'))).status, 200);
		const id = other.user.id;
		const log = await other.get(`/api/audit?entity_type=user&entity_id=${id}&action=login_failed`);
		assert.equal(log.status, 200, log.text);
		assert.equal(log.json.total, 5);
		assert.deepEqual([...new Set(log.json.items.map((r) => `${r.username} ${r.client_addr}`))], [`super1 ${addr}`]);
	});

	test('two servers on one database count the same failures', T, async () => {
		const other = await h.startServer({ db: srv.db, users, serveArgs: ['--trust-proxy'] });
		try {
			const addr = '198.51.100.9';
			for (let i = 1; i <= 4; i++) {
				const r = await attempt('zone1', `Wrong-Passw0rd-${i}`, addr, i % 2 ? srv : other);
				h.assertError(r, 401, 'invalid_credentials');
			}
			h.assertError(await attempt('zone1', 'Wrong-Passw0rd-5', addr, other), 429, 'too_many_attempts');
			h.assertError(await attempt('zone1', h.pw('zone1'), addr, srv), 429, 'too_many_attempts');
			// and at once: four more names from one address, two on each server, reach its limit of 10
			const spray = '198.51.100.10';
			for (let i = 1; i <= 6; i++) await attempt(`nobody-${i}`, 'Wrong-Passw0rd!', spray, i % 2 ? srv : other);
			const last = await Promise.all([7, 8, 9, 10].map((i) => attempt(`nobody-${i}`, 'Wrong-Passw0rd!', spray, i % 2 ? srv : other)));
			assert.deepEqual(last.map((r) => r.status).sort(), [401, 401, 401, 429]);
		} finally {
			await other.close();
		}
	});
});
