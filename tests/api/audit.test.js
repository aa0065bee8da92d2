'use strict';
// audit.test.js - the hash-chained audit log: what a record holds, that the API and
// `kfq audit verify` agree, that tampering with the stored rows (edit, delete, reorder, drop
// the newest) is detected and named, and that the table refuses changes through SQL.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./harness');
const { bothExports, trimRow } = require('./exports');

const T = { timeout: h.STEP_TIMEOUT };
const CLI_USER = `cli:${h.cliLogin()}`;
const COLS = h.AUDIT_COLS;

/** All audit records, oldest first, as the auditor sees them. */
async function allRecords(auditor) {
	const r = await auditor.get('/api/audit?page_size=500');
	assert.equal(r.status, 200, r.text);
	assert.ok(r.json.total <= 500, 'more records than one page');
	return [...r.json.items].reverse();
}

async function cliVerify(db) {
	return h.kfq(['audit', 'verify', '--db', db]);
}

const DROP_TRIGGERS = h.DROP_AUDIT_TRIGGERS;

describe('audit', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, ids;

	before(async () => {
		srv = await h.startServer({
			users: h.DEFAULT_USERS.filter((u) => ['admin', 'office1', 'auditor1', 'super1', 'zone1'].includes(u.username)),
		});
		c = await h.loginAll(srv, ['admin', 'office1', 'auditor1', 'super1']);
		ids = await h.orgIds(c.office1);
		// some changes through the API ...
		const o = await c.office1.post('/api/orgs', { name: '审计测试县', type: 'county', aliases: ['审测县'] });
		assert.equal(o.status, 201, o.text);
		ids['审计测试县'] = o.json.id;
		const u = await c.office1.put(`/api/orgs/${o.json.id}`, { name: '审计测试县', type: 'county', aliases: ['审测县', '审县'] });
		assert.equal(u.status, 200, u.text);
		const nu = await c.admin.post('/api/users', { username: 'audited', display_name: '被审计', org_id: ids[h.ORG.commerce], role: 'office', password: 'Audit-Passw0rd-1' });
		assert.equal(nu.status, 201, nu.text);
		ids.audited = nu.json.id;
		assert.equal((await c.admin.post(`/api/users/${nu.json.id}/lock`)).status, 200);
		assert.equal((await c.admin.post(`/api/users/${nu.json.id}/unlock`)).status, 200);
		h.assertError(await new h.Client(srv).tryLogin('zone1', 'Wrong-Passw0rd-1'), 401, 'invalid_credentials');
		// ... and through the command line, while the server runs
		await h.kfqOk(['user', 'add', '--db', srv.db, '--username', 'cliuser', '--org', h.ORG.xinfu, '--role', 'county', '--password-stdin'], { input: 'Cli-User-Passw0rd-1\n' });
		await h.kfqOk(['user', 'lock', '--db', srv.db, 'cliuser']);
		const tsv = path.join(srv.dir, 'more.tsv');
		fs.writeFileSync(tsv, 'name\ttype\tparent\tlevel\taliases\tsample\n命令行导入区\tzone\t望花区\tmunicipal\t\t1\n');
		await h.kfqOk(['org', 'import', '--db', srv.db, tsv]);
	});

	after(async () => {
		if (srv) await srv.close();
	});

	test('verify: ok, count = number of records, head = newest hash; the CLI agrees', T, async () => {
		const total = (await c.auditor1.get('/api/audit?page_size=1')).json;
		const v = await c.auditor1.get('/api/audit/verify');
		assert.equal(v.status, 200);
		assert.equal(v.json.ok, true, v.text);
		assert.equal(v.json.first_broken, null);
		assert.equal(v.json.count, total.total);
		assert.equal(v.json.head_hash, total.items[0].hash);
		assert.match(v.json.head_hash, /^[0-9a-f]{64}$/);
		const cli = await cliVerify(srv.db);
		assert.equal(cli.code, 0, cli.stdout + cli.stderr);
		assert.equal(cli.stdout.trim(), `OK: ${v.json.count} records, head ${v.json.head_hash}`);
		// the supervisor gets the same answer
		assert.deepEqual((await c.super1.get('/api/audit/verify')).json, v.json);
	});

	test('the records form a chain: seq 1..N, each prev_hash is the hash before it', T, async () => {
		const recs = await allRecords(c.auditor1);
		assert.equal(recs[0].seq, 1);
		assert.equal(recs[0].prev_hash, '0'.repeat(64));
		for (let i = 1; i < recs.length; i++) {
			assert.equal(recs[i].seq, i + 1);
			assert.equal(recs[i].prev_hash, recs[i - 1].hash, `record ${recs[i].seq}`);
		}
		assert.equal(new Set(recs.map((r) => r.hash)).size, recs.length);
		for (const r of recs) assert.match(r.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
	});

	test('an API change is recorded with user (name and organization too), client address, action, entity, before and after', T, async () => {
		const office = (await c.office1.get('/api/session')).json.user;
		const r = await c.auditor1.get(`/api/audit?entity_type=org&entity_id=${ids['审计测试县']}`);
		assert.equal(r.json.total, 2);
		const [upd, cre] = r.json.items;
		assert.equal(cre.action, 'create');
		assert.equal(cre.username, 'office1');
		assert.equal(cre.user_id, office.id);
		assert.equal(cre.org_id, ids[h.ORG.commerce]);
		// who it was, as people know them: the account's name and its organization
		assert.equal(cre.user_name, office.display_name);
		assert.equal(cre.org_name, h.ORG.commerce);
		assert.equal(cre.client_addr, '127.0.0.1');
		assert.equal(cre.entity_type, 'org');
		assert.equal(cre.entity_id, String(ids['审计测试县']));
		assert.equal(cre.before, null);
		assert.equal(cre.after.name, '审计测试县');
		assert.deepEqual(cre.after.aliases, ['审测县']);
		assert.equal(upd.action, 'update');
		assert.deepEqual(upd.before.aliases, ['审测县']);
		assert.deepEqual([...upd.after.aliases].sort(), ['审县', '审测县'].sort());
		assert.ok(upd.seq > cre.seq);
	});

	test('account changes and logins are recorded', T, async () => {
		const admin = (await c.admin.get('/api/session')).json.user;
		const r = await c.auditor1.get(`/api/audit?entity_type=user&entity_id=${ids.audited}`);
		assert.deepEqual(r.json.items.map((x) => x.action), ['unlock', 'lock', 'create']);
		for (const x of r.json.items) {
			assert.equal(x.username, 'admin');
			assert.equal(x.user_id, admin.id);
			assert.equal(x.client_addr, '127.0.0.1');
		}
		assert.equal(r.json.items[1].before.locked, false);
		assert.equal(r.json.items[1].after.locked, true);
		assert.ok(!JSON.stringify(r.json).includes('argon2'), 'no password hash in the audit log');
		const logins = await c.auditor1.get(`/api/audit?action=login&user_id=${admin.id}`);
		assert.equal(logins.json.total, 1);
		assert.equal(logins.json.items[0].entity_type, 'user');
		const failed = await c.auditor1.get('/api/audit?action=login_failed');
		assert.equal(failed.json.total, 1);
		assert.equal(failed.json.items[0].username, 'zone1');
		assert.equal(failed.json.items[0].client_addr, '127.0.0.1');
	});

	test(`command-line changes are recorded as "${CLI_USER}"`, T, async () => {
		const recs = await allRecords(c.auditor1);
		const cli = recs.filter((r) => r.username === CLI_USER);
		// 27 demo organizations, 5 users of the harness, cliuser (create, lock), 1 imported org
		assert.equal(cli.length, 27 + 5 + 2 + 1);
		for (const r of cli) {
			assert.ok(!r.user_id, `record ${r.seq} has a user id`);
			assert.equal(r.client_addr, 'cli');
		}
		const mine = cli.filter((r) => r.entity_type === 'user' && r.after && r.after.username === 'cliuser');
		assert.deepEqual(mine.map((r) => r.action), ['create', 'lock']);
		assert.ok(cli.some((r) => r.entity_type === 'org' && r.action === 'create' && r.after.name === '命令行导入区'));
		assert.ok(recs.every((r) => r.username !== null && r.action && r.entity_type));
	});

	test('anyone can recompute every hash from the listed records (as core/audit_chain.h defines it)', T, async () => {
		const recs = await allRecords(c.auditor1);
		const bad = [];
		let prev = '0'.repeat(64);
		for (const r of recs) {
			const { hash } = h.auditHash(r, prev);
			if (hash !== r.hash) bad.push(`seq ${r.seq} (${r.username} ${r.action} ${r.entity_type}): user_id=${JSON.stringify(r.user_id)} org_id=${JSON.stringify(r.org_id)}`);
			prev = r.hash;
		}
		assert.deepEqual(bad.slice(0, 5), [], `${bad.length} of ${recs.length} listed records do not hash to their listed hash`);
	});

	test('filters and paging of the audit list', T, async () => {
		const all = (await c.auditor1.get('/api/audit?page_size=1')).json.total;
		const p = await c.auditor1.get('/api/audit?page_size=3&page=2');
		assert.equal(p.json.items.length, 3);
		assert.equal(p.json.total, all);
		assert.equal(p.json.items[0].seq, all - 3, 'newest first');
		const orgs = await c.auditor1.get('/api/audit?entity_type=org&page_size=500');
		assert.ok(orgs.json.items.every((x) => x.entity_type === 'org'));
		assert.equal(orgs.json.total, 27 + 2 + 1);
		const future = await c.auditor1.get(`/api/audit?from=${encodeURIComponent('2999-01-01T00:00:00Z')}`);
		assert.equal(future.json.total, 0);
		const past = await c.auditor1.get(`/api/audit?to=${encodeURIComponent('2000-01-01T00:00:00+08:00')}`);
		assert.equal(past.json.total, 0);
		const since = await c.auditor1.get(`/api/audit?from=${encodeURIComponent('2000-01-01T00:00:00+08:00')}`);
		assert.equal(since.json.total, all);
		// by login name, as the page's 操作人 takes it typed: also the command line's changes,
		// which have no user id to filter by
		const byName = await c.auditor1.get('/api/audit?username=office1&page_size=500');
		assert.ok(byName.json.total > 0 && byName.json.items.every((x) => x.username === 'office1'), byName.text);
		const officeId = byName.json.items[0].user_id;
		assert.equal(byName.json.total, (await c.auditor1.get(`/api/audit?user_id=${officeId}&page_size=1`)).json.total);
		const cli = await c.auditor1.get(`/api/audit?username=${encodeURIComponent(CLI_USER)}&page_size=500`);
		assert.ok(cli.json.total > 0 && cli.json.items.every((x) => x.username === CLI_USER && x.user_id === null), cli.text);
		assert.equal((await c.auditor1.get('/api/audit?username=nobody-at-all')).json.total, 0);
		const csv = await c.auditor1.get(`/api/audit/export.csv?username=${encodeURIComponent(CLI_USER)}`);
		assert.equal(csv.status, 200, csv.text);
		assert.equal(csv.text.trim().split('\r\n').length, 1 + cli.json.total);
		h.assertError(await c.auditor1.get('/api/audit?from=yesterday'), 400, 'invalid_parameter', 'from');
		h.assertError(await c.auditor1.get('/api/audit?user_id=-1'), 400, 'invalid_parameter', 'user_id');
		h.assertError(await c.auditor1.get('/api/audit?seq=1'), 400, 'unknown_parameter', 'seq');
	});

	test('操作人 matches a part of a login or display name, case-blind, % and _ literally; 单位 the acting user\'s organization', T, async () => {
		// a failed login of the account made above as 被审计: a record of its own
		h.assertError(await new h.Client(srv).tryLogin('audited', 'Wrong-Passw0rd-1'), 401, 'invalid_credentials');
		const all = (await c.auditor1.get('/api/audit?page_size=500')).json.items;
		const count = (pred) => all.filter(pred).length;
		// a part of a login, in any case: admin's records (the only login with "dmi")
		const adm = await c.auditor1.get('/api/audit?username=DMI&page_size=500');
		assert.equal(adm.status, 200, adm.text);
		assert.deepEqual([...new Set(adm.json.items.map((x) => x.username))], ['admin']);
		assert.equal(adm.json.total, count((x) => x.username === 'admin'));
		// a part of a display name: the account made above as 被审计
		const named = await c.auditor1.get(`/api/audit?username=${encodeURIComponent('审计')}&page_size=500`);
		assert.deepEqual([...new Set(named.json.items.map((x) => x.username))], ['audited']);
		assert.deepEqual(named.json.items.map((x) => x.action), ['login_failed']);
		// the command line's records, which have no account, by a part of their login
		const cli = await c.auditor1.get('/api/audit?username=cli%3A&page_size=500');
		assert.equal(cli.json.total, count((x) => x.username.startsWith('cli:')));
		assert.ok(cli.json.total > 0 && cli.json.items.every((x) => x.user_id === null));
		// % and _ are themselves, not wildcards
		assert.equal((await c.auditor1.get('/api/audit?username=%25')).json.total, 0);
		assert.equal((await c.auditor1.get('/api/audit?username=_')).json.total, 0);
		// by organization: the records of those who acted for it
		const commerce = ids[h.ORG.commerce];
		const byOrg = await c.auditor1.get(`/api/audit?org_id=${commerce}&page_size=500`);
		assert.equal(byOrg.status, 200, byOrg.text);
		assert.equal(byOrg.json.total, count((x) => x.org_id === commerce));
		assert.ok(byOrg.json.total > 0 && byOrg.json.items.every((x) => x.org_id === commerce && x.org_name === h.ORG.commerce));
		const both = await c.auditor1.get(`/api/audit?org_id=${commerce}&username=office&page_size=500`);
		assert.equal(both.json.total, count((x) => x.org_id === commerce && /office/i.test(x.username)));
		const csv = await c.auditor1.get(`/api/audit/export.csv?org_id=${commerce}`);
		assert.equal(csv.text.trim().split('\r\n').length, 1 + byOrg.json.total);
		h.assertError(await c.auditor1.get('/api/audit?org_id=x'), 400, 'invalid_parameter', 'org_id');
		// the 单位 filter's choices and the tax types' names come with the names
		const names = (await c.auditor1.get('/api/audit/names')).json;
		assert.ok(names.orgs.some((o) => o.id === commerce && o.name === h.ORG.commerce));
		assert.deepEqual(names.tax_types.find((x) => x.code === 'cit'), { code: 'cit', name: '企业所得税' });
	});

	test('the export holds each record the filter selects, newest first, its action and entity type by name', T, async () => {
		const list = await c.auditor1.get('/api/audit?entity_type=org&page_size=500');
		assert.equal(list.status, 200, list.text);
		const names = await c.auditor1.get('/api/audit/names');
		assert.equal(names.status, 200, names.text);
		const name = (kind, code) => names.json[kind].find((x) => x.code === code).name;
		assert.equal(name('actions', 'update'), '修改');
		assert.equal(name('actions', 'approve'), '批准');
		assert.equal(name('entity_types', 'org'), '组织机构');
		assert.equal(name('entity_types', 'plan'), '一区一策计划');
		const text = (v) => (v == null ? '' : h.canonical(v));
		// the page's time: Beijing's, to the second (2026-12-03T19:40:52Z → 2026-12-04 03:40:52)
		const beijing = (t) => new Date(Date.parse(t) + 8 * 3600e3).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, '');
		assert.equal(beijing('2026-12-03T19:40:52Z'), '2026-12-04 03:40:52');
		const expected = [
			['序号', '时间（北京时间）', '用户', '姓名', '单位', '客户端地址', '操作', '对象类型', '对象编号', '变更前', '变更后', '哈希'],
			...list.json.items.map((r) => [String(r.seq), beijing(r.time), r.username, r.user_name ?? '', r.org_name ?? '', r.client_addr, { create: '新增', update: '修改', import: '导入' }[r.action], '组织机构', r.entity_id, text(r.before), text(r.after), r.hash]),
		];
		assert.ok(list.json.total > 20 && list.json.items.some((r) => r.action === 'update'), list.text);
		const rows = await bothExports(c.auditor1, '/api/audit', '?entity_type=org');
		assert.deepEqual(rows.map(trimRow), expected.map(trimRow));
	});

	test('no route changes or removes an audit record', T, async () => {
		for (const method of ['PUT', 'DELETE', 'POST']) {
			const r = await c.auditor1.request(method, '/api/audit', method === 'DELETE' ? undefined : {});
			h.assertError(r, 405, 'method_not_allowed');
			h.assertError(await c.auditor1.request(method, '/api/audit/1', method === 'DELETE' ? undefined : {}), 404, 'not_found');
		}
		assert.equal((await c.auditor1.get('/api/audit/verify')).json.ok, true);
	});

	test('verify stays ok while changes are being written', T, async () => {
		// new connections each time, so that reads and writes run on different server threads
		const fresh = { headers: { Connection: 'close' } };
		let writing = true;
		const writer = (async () => {
			for (let i = 0; i < 80; i++) {
				const r = await c.office1.post('/api/orgs', { name: `并发写入${i}`, type: 'county' }, fresh);
				assert.equal(r.status, 201, r.text);
			}
		})().finally(() => {
			writing = false;
		});
		const bad = [];
		let checks = 0;
		const reader = (async () => {
			while (writing) {
				const v = await c.auditor1.get('/api/audit/verify', fresh);
				checks++;
				if (v.status !== 200 || v.json.ok !== true) bad.push(v.text);
			}
		})();
		await Promise.all([writer, reader]);
		assert.ok(checks > 0);
		assert.equal(bad.length, 0, `verify reported a broken chain ${bad.length} of ${checks} times while nothing was tampered with, e.g. ${bad[0]}`);
		assert.equal((await c.auditor1.get('/api/audit/verify')).json.ok, true);
	});
});

describe('tampering is detected', { timeout: h.FILE_TIMEOUT }, () => {
	/**
	 * A fresh database with a few changes; runs tamper(db, records) on the database directly,
	 * then returns what the API (as auditor) and `kfq audit verify` say.
	 */
	async function tampered(tamper) {
		const srv = await h.startServer({ users: h.DEFAULT_USERS.filter((u) => ['office1', 'auditor1'].includes(u.username)) });
		try {
			const c = await h.loginAll(srv, ['office1', 'auditor1']);
			for (let i = 0; i < 3; i++) {
				const r = await c.office1.post('/api/orgs', { name: `篡改测试${i}`, type: 'county' });
				assert.equal(r.status, 201);
			}
			const recs = await allRecords(c.auditor1);
			assert.equal((await c.auditor1.get('/api/audit/verify')).json.ok, true);
			await tamper(srv.db, recs);
			const api = (await c.auditor1.get('/api/audit/verify')).json;
			const cli = await cliVerify(srv.db);
			return { api, cli, recs };
		} finally {
			await srv.close();
		}
	}

	function assertBroken({ api, cli }, seq, reason) {
		assert.equal(api.ok, false, JSON.stringify(api));
		assert.ok(api.first_broken, JSON.stringify(api));
		assert.equal(api.first_broken.seq, seq, JSON.stringify(api));
		assert.match(api.first_broken.reason, reason);
		assert.equal(api.count, seq - 1, 'records verified before the break');
		assert.equal(cli.code, 1, cli.stdout + cli.stderr);
		assert.match(cli.stdout, new RegExp(`^BROKEN at record ${seq}: `, 'm'));
		assert.match(cli.stdout, new RegExp(`records verified before the break: ${seq - 1}`));
	}

	test('(a) an edited column of one row → broken at that row', T, async () => {
		let seq;
		const r = await tampered(async (db, recs) => {
			seq = recs[recs.length - 3].seq;
			await h.sqlOk(db, `${DROP_TRIGGERS} UPDATE audit_log SET client_addr = '10.6.6.6' WHERE seq = ${seq};`);
		});
		assertBroken(r, seq, /^记录内容与其哈希不一致（记录或其哈希被篡改）$/);
	});

	test('(a2) an edit that also rewrites the row\'s hash to match → broken at the next row (chain)', T, async () => {
		let seq;
		const r = await tampered(async (db, recs) => {
			const rec = recs[recs.length - 2];
			seq = rec.seq + 1;
			const { hash } = h.auditHash({ ...rec, username: 'nobody' });
			await h.sqlOk(db, `${DROP_TRIGGERS} UPDATE audit_log SET username = 'nobody', hash = '${hash}' WHERE seq = ${rec.seq};`);
		});
		assertBroken(r, seq, /^与上一条记录的哈希不衔接（记录被删除、插入或调换）$/);
	});

	test('(b) a deleted middle row → broken at its seq', T, async () => {
		let seq;
		const r = await tampered(async (db, recs) => {
			seq = recs[Math.floor(recs.length / 2)].seq;
			await h.sqlOk(db, `${DROP_TRIGGERS} DELETE FROM audit_log WHERE seq = ${seq};`);
		});
		assertBroken(r, seq, /删除|不连续/);
	});

	test('(c) two rows swapped (reordered) → broken at the first of them', T, async () => {
		let first;
		const r = await tampered(async (db, recs) => {
			const a = recs[recs.length - 4].seq;
			const b = recs[recs.length - 2].seq;
			first = a;
			await h.sqlOk(db, `${DROP_TRIGGERS} UPDATE audit_log SET seq = -1 WHERE seq = ${a}; UPDATE audit_log SET seq = ${a} WHERE seq = ${b}; UPDATE audit_log SET seq = ${b} WHERE seq = -1;`);
		});
		assertBroken(r, first, /调换|衔接|篡改/);
	});

	test('(c2) two rows with their contents swapped but seq kept → broken at the first of them', T, async () => {
		let first;
		const r = await tampered(async (db, recs) => {
			const a = recs[recs.length - 3].seq;
			const b = recs[recs.length - 2].seq;
			first = a;
			const cols = COLS.split(', ').filter((x) => x !== 'seq');
			const set = (from) => cols.map((col) => `${col} = (SELECT ${col} FROM audit_swap WHERE seq = ${from})`).join(', ');
			await h.sqlOk(
				db,
				`${DROP_TRIGGERS} CREATE TABLE audit_swap AS SELECT * FROM audit_log WHERE seq IN (${a}, ${b}); ` +
					`UPDATE audit_log SET ${set(b)} WHERE seq = ${a}; UPDATE audit_log SET ${set(a)} WHERE seq = ${b}; DROP TABLE audit_swap;`,
			);
		});
		assertBroken(r, first, /调换|衔接|篡改/);
	});

	test('(d) the newest row deleted → detected through the head', T, async () => {
		let seq;
		const r = await tampered(async (db, recs) => {
			seq = recs[recs.length - 1].seq;
			await h.sqlOk(db, `${DROP_TRIGGERS} DELETE FROM audit_log WHERE seq = ${seq};`);
		});
		assertBroken(r, seq, /最新记录被删除/);
	});
});

describe('the audit log is append-only in the database', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, last;

	before(async () => {
		srv = await h.startServer({ users: h.DEFAULT_USERS.filter((u) => ['office1', 'auditor1'].includes(u.username)) });
		c = await h.loginAll(srv, ['office1', 'auditor1']);
		const recs = await allRecords(c.auditor1);
		last = recs[recs.length - 1].seq;
	});

	after(async () => {
		if (srv) await srv.close();
	});

	async function refused(text) {
		const r = await h.sql(srv.db, text);
		assert.notEqual(r.code, 0, `the database accepted: ${text}`);
		assert.match(r.stderr, /append-only/);
		const v = (await c.auditor1.get('/api/audit/verify')).json;
		assert.equal(v.ok, true, JSON.stringify(v));
		assert.equal(v.count, last);
	}

	test('UPDATE audit_log fails', T, async () => {
		await refused(`UPDATE audit_log SET client_addr = '10.6.6.6' WHERE seq = 2`);
		await refused(`UPDATE audit_log SET action = action`);
	});

	test('DELETE FROM audit_log fails', T, async () => {
		await refused(`DELETE FROM audit_log WHERE seq = ${last}`);
		await refused(`DELETE FROM audit_log`);
	});

	test('an upsert over an existing row fails', T, async () => {
		if (h.IS_PG) {
			await refused(`INSERT INTO audit_log (${COLS}) SELECT ${COLS.replace('client_addr', "'10.6.6.6'")} FROM audit_log WHERE seq = 2 ON CONFLICT (seq) DO UPDATE SET client_addr = EXCLUDED.client_addr`);
		} else {
			await refused(`INSERT INTO audit_log (${COLS}) SELECT ${COLS} FROM audit_log WHERE seq = 2 ON CONFLICT (seq) DO UPDATE SET client_addr = '10.6.6.6'`);
		}
	});

	test('SQLite: INSERT OR REPLACE over an existing row fails (REPLACE deletes without firing the DELETE trigger)', T, async (t) => {
		if (h.IS_PG) return t.skip('SQLite only');
		await refused(`INSERT OR REPLACE INTO audit_log (${COLS}) SELECT ${COLS.replace('client_addr', "'10.6.6.6'")} FROM audit_log WHERE seq = 2`);
	});

	test('PostgreSQL: TRUNCATE audit_log fails (row triggers do not fire on TRUNCATE)', T, async (t) => {
		if (!h.IS_PG) return t.skip('PostgreSQL only');
		await refused('TRUNCATE audit_log');
	});
});
