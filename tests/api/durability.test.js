'use strict';
// durability.test.js - acknowledged writes survive kill -9; SIGTERM lets an in-flight request
// finish and exits 0. (Backups: backup.test.js.)

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const net = require('node:net');
const h = require('./harness');

const T = { timeout: h.STEP_TIMEOUT };

describe('durability', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c;

	before(async () => {
		srv = await h.startServer({ users: h.DEFAULT_USERS.filter((u) => ['office1', 'auditor1'].includes(u.username)) });
		c = await h.loginAll(srv, ['office1', 'auditor1']);
	});

	after(async () => {
		if (srv) await srv.close();
	});

	async function orgCount() {
		const r = await c.office1.get('/api/orgs');
		assert.equal(r.status, 200, r.text);
		return r.json.total;
	}

	async function verifyBoth(db) {
		const v = await c.auditor1.get('/api/audit/verify');
		assert.equal(v.status, 200);
		assert.equal(v.json.ok, true, v.text);
		const total = (await c.auditor1.get('/api/audit?page_size=1')).json.total;
		assert.equal(v.json.count, total);
		const cli = await h.kfq(['audit', 'verify', '--db', db]);
		assert.equal(cli.code, 0, cli.stdout + cli.stderr);
		assert.match(cli.stdout, new RegExp(`^OK: ${total} records, head ${v.json.head_hash}$`, 'm'));
		return v.json;
	}

	test('30 acknowledged creates survive kill -9', T, async () => {
		const before = await orgCount();
		// five at a time, so that several transactions are in flight together
		const created = [];
		for (let i = 0; i < 30; i += 5) {
			const rs = await Promise.all(
				Array.from({ length: 5 }, (_, k) => c.office1.post('/api/orgs', { name: `持久化${i + k}`, type: 'zone', level: 'municipal', aliases: [`持久${i + k}`] })),
			);
			for (const r of rs) {
				assert.equal(r.status, 201, r.text);
				created.push(r.json);
			}
		}
		await srv.kill9();
		await srv.restart();
		// the sessions live in the database: the same cookies still work
		const list = await c.office1.get('/api/orgs?type=zone');
		assert.equal(list.status, 200, list.text);
		const byId = new Map(list.json.items.map((o) => [o.id, o]));
		for (const o of created) assert.deepEqual(byId.get(o.id), o, `organization ${o.name} lost or changed`);
		assert.equal(await orgCount(), before + 30);
		const v = await verifyBoth(srv.db);
		const creates = await c.auditor1.get('/api/audit?entity_type=org&action=create&page_size=500');
		const audited = new Set(creates.json.items.map((r) => r.entity_id));
		for (const o of created) assert.ok(audited.has(String(o.id)), `no audit record for ${o.name}`);
		assert.ok(v.count > 0);
	});

	test('a write after the restart continues the same chain', T, async () => {
		const r = await c.office1.post('/api/orgs', { name: '重启之后', type: 'county' });
		assert.equal(r.status, 201, r.text);
		await verifyBoth(srv.db);
	});

	test('SIGTERM lets an in-flight login finish, then exits 0', T, async () => {
		const body = JSON.stringify({ username: 'office1', password: h.pw('office1') });
		const sock = net.connect(srv.port, '127.0.0.1');
		await new Promise((resolve, reject) => {
			sock.once('connect', resolve);
			sock.once('error', reject);
		});
		let received = '';
		sock.setEncoding('latin1');
		sock.on('data', (d) => {
			received += d;
		});
		const closed = new Promise((resolve) => sock.on('close', resolve));
		sock.on('error', () => {});
		const waitFor = async (pred, what) => {
			for (let i = 0; i < 600 && !pred(); i++) await h.sleep(50);
			assert.ok(pred(), `timed out waiting for ${what}; got: ${received}`);
		};
		// first a whole request on the connection, so the server has surely accepted it
		sock.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${srv.port}\r\n\r\n`);
		await waitFor(() => h.rawComplete(received), 'the /healthz answer');
		assert.match(received, /^HTTP\/1\.1 200/);
		received = '';
		// then the login: headers and half of the body now, the rest after SIGTERM
		const half = Math.floor(body.length / 2);
		sock.write(
			`POST /api/session HTTP/1.1\r\nHost: 127.0.0.1:${srv.port}\r\nOrigin: ${srv.base}\r\nContent-Type: application/json\r\n` +
				`Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body.slice(0, half)}`,
		);
		await h.sleep(300);
		const child = srv.child;
		srv.child = null; // the harness must not signal it again
		child.kill('SIGTERM');
		await h.sleep(300);
		assert.equal(child.exitCode, null, 'the server exited with a request in flight');
		sock.write(body.slice(half));
		await waitFor(() => h.rawComplete(received), 'the login answer');
		assert.match(received, /^HTTP\/1\.1 200 /, received);
		const json = JSON.parse(received.slice(received.indexOf('\r\n\r\n') + 4));
		assert.equal(typeof json.csrf_token, 'string');
		assert.equal(json.user.username, 'office1');
		await closed;
		const exit = await srv.exited;
		assert.deepEqual(exit, { code: 0, signal: null }, 'graceful shutdown exits 0');
		assert.match(fs.readFileSync(srv.log, 'utf8'), /kfq: stopped/);
		// and it starts again on the same database
		await srv.restart();
		assert.equal((await c.office1.get('/api/session')).status, 200);
	});

	test('during the SIGTERM grace period a new connection is turned away, not left hanging', T, async () => {
		const body = JSON.stringify({ username: 'office1', password: h.pw('office1') });
		// a request in flight keeps the server in its grace period
		const sock = net.connect(srv.port, '127.0.0.1');
		let received = '';
		sock.setEncoding('latin1');
		sock.on('data', (d) => {
			received += d;
		});
		sock.on('error', () => {});
		await new Promise((resolve) => sock.once('connect', resolve));
		sock.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${srv.port}\r\n\r\n`);
		for (let i = 0; i < 600 && !h.rawComplete(received); i++) await h.sleep(50);
		received = '';
		sock.write(
			`POST /api/session HTTP/1.1\r\nHost: 127.0.0.1:${srv.port}\r\nOrigin: ${srv.base}\r\nContent-Type: application/json\r\n` +
				`Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body.slice(0, 10)}`,
		);
		await h.sleep(300);
		const child = srv.child;
		srv.child = null;
		child.kill('SIGTERM');
		await h.sleep(300);
		// a newcomer: refused, reset or answered (e.g. 503) - any of these, but while the
		// server is still draining, not only when the grace period runs out
		const outcome = await new Promise((resolve) => {
			const s2 = net.connect(srv.port, '127.0.0.1');
			let got = '';
			s2.on('connect', () => s2.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${srv.port}\r\n\r\n`));
			s2.on('data', (d) => {
				got += d;
				resolve(`answered: ${got.split('\r\n')[0]}`);
				s2.destroy();
			});
			s2.on('error', (e) => resolve(`error: ${e.code}`));
			s2.on('close', () => resolve('closed'));
		});
		const stillRunning = child.exitCode === null && child.signalCode === null;
		sock.write(body.slice(10));
		for (let i = 0; i < 600 && !h.rawComplete(received) && child.exitCode === null; i++) await h.sleep(50);
		await new Promise((resolve) => child.exitCode !== null ? resolve() : child.once('exit', resolve));
		sock.destroy();
		assert.deepEqual(await srv.exited, { code: 0, signal: null });
		await srv.restart();
		assert.ok(stillRunning, `the newcomer (${outcome}) was only dealt with when the server exited`);
		assert.match(received, /^HTTP\/1\.1 200 /, `the in-flight login was cut off after the newcomer got "${outcome}"`);
	});

	test('SIGTERM with several logins in flight answers all of them', T, async () => {
		const clients = Array.from({ length: 4 }, () => new h.Client(srv));
		const pending = clients.map((x, i) => x.tryLogin(i % 2 ? 'office1' : 'auditor1', h.pw(i % 2 ? 'office1' : 'auditor1')));
		await h.sleep(100);
		const exitP = srv.stop();
		const rs = await Promise.all(pending);
		for (const r of rs) assert.equal(r.status, 200, r.text);
		await exitP;
		await srv.restart();
	});
});
