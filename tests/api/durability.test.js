'use strict';
// durability.test.js - acknowledged writes survive kill -9; SIGTERM answers every request the
// server has received or is receiving, keeps what it acknowledged, and exits 0. (Backups:
// backup.test.js.)

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
});

// A raw HTTP/1.1 connection to 127.0.0.1:port. send() resolves once the bytes are written to
// the socket, which on loopback puts them in the server's receive buffer (read or not);
// answer() resolves with the next whole response ({status, head, json, text}) and rejects if
// the connection ends before one came; closed resolves when it ends.
function rawConn(port, name) {
	const sock = net.connect(port, '127.0.0.1');
	let buf = Buffer.alloc(0);
	let ended = false;
	let waiter = null;
	const settle = () => {
		if (!waiter) return;
		const text = buf.toString('latin1');
		if (h.rawComplete(text)) {
			const sep = text.indexOf('\r\n\r\n');
			const m = /\r\ncontent-length:\s*(\d+)/i.exec(text.slice(0, sep));
			const n = sep + 4 + Number(m ? m[1] : 0);
			const w = waiter;
			waiter = null;
			w.resolve(h.parseRaw(buf.subarray(0, n)));
			buf = buf.subarray(n);
		} else if (ended) {
			const w = waiter;
			waiter = null;
			w.reject(new Error(`${name}: the connection ended before an answer; got: ${text}`));
		}
	};
	sock.on('data', (d) => {
		buf = Buffer.concat([buf, d]);
		settle();
	});
	const closed = new Promise((resolve) =>
		sock.on('close', () => {
			ended = true;
			settle();
			resolve();
		}),
	);
	sock.on('error', () => {});
	const opened = new Promise((resolve, reject) => {
		sock.once('connect', resolve);
		sock.once('error', reject);
	});
	return {
		opened,
		closed,
		send: (text) => new Promise((resolve, reject) => sock.write(Buffer.from(text, 'utf8'), (e) => (e ? reject(e) : resolve()))),
		answer: () =>
			new Promise((resolve, reject) => {
				waiter = { resolve, reject };
				settle();
			}),
		destroy: () => sock.destroy(),
	};
}

// The whole drain, on one worker (--threads 1) so that requests wait behind each other. While
// the process is stopped (SIGSTOP) nothing is accepted or read: new connections wait in the
// kernel's accept queue and what is sent waits in the sockets, as behind a busy worker. Then
// SIGTERM, and the process goes on (SIGCONT): a login (argon2id) keeps the worker busy while
// the others wait. Every request that was in, or on its way, must be answered, every
// acknowledged create kept; idle connections are closed, new ones refused.
describe('SIGTERM drains what was received', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, child;

	before(async () => {
		// a header deadline far beyond the test's run, so that only the drain closes things
		srv = await h.startServer({ users: h.DEFAULT_USERS.filter((u) => ['office1', 'auditor1'].includes(u.username)), serveArgs: ['--threads', '1', '--header-timeout', '600'] });
		c = await h.loginAll(srv, ['office1', 'auditor1']);
	});

	after(async () => {
		// a failed test may leave the server stopped or draining
		if (child && child.exitCode === null && child.signalCode === null) {
			child.kill('SIGKILL');
			await srv.exited;
		}
		if (srv) await srv.close();
	});

	const createHead = (body) =>
		`POST /api/orgs HTTP/1.1\r\nHost: 127.0.0.1:${srv.port}\r\nOrigin: ${srv.base}\r\nContent-Type: application/json\r\n` +
		`Cookie: ${c.office1.cookieHeader()}\r\nX-CSRF-Token: ${c.office1.csrf}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
	const create = (name) => {
		const body = JSON.stringify({ name, type: 'zone', level: 'municipal' });
		return createHead(body) + body;
	};
	const healthz = () => `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${srv.port}\r\n\r\n`;

	async function keptAlive(name) {
		const k = rawConn(srv.port, name);
		await k.opened;
		await k.send(healthz());
		assert.equal((await k.answer()).status, 200);
		return k;
	}

	test('requests queued behind a busy worker, in the accept queue or half sent are all answered', T, async () => {
		const kept = [await keptAlive('kept-alive 0'), await keptAlive('kept-alive 1')];
		const idle = await keptAlive('idle');
		const halfKept = await keptAlive('half-sent, kept-alive');
		child = srv.child;
		srv.child = null; // the harness must not signal it again

		child.kill('SIGSTOP');
		// a login first, then creates on kept-alive and on new connections, and two creates of
		// which only part of the headers is sent yet: one on a kept-alive connection, one new
		const login = rawConn(srv.port, 'login');
		await login.opened;
		const loginBody = JSON.stringify({ username: 'office1', password: h.pw('office1') });
		await login.send(
			`POST /api/session HTTP/1.1\r\nHost: 127.0.0.1:${srv.port}\r\nOrigin: ${srv.base}\r\nContent-Type: application/json\r\n` +
				`Content-Length: ${Buffer.byteLength(loginBody)}\r\n\r\n${loginBody}`,
		);
		const fresh = [0, 1, 2].map((i) => rawConn(srv.port, `new ${i}`));
		const queued = [...kept, ...fresh];
		for (const [i, q] of queued.entries()) {
			await q.opened;
			await q.send(create(`排队${i}`));
		}
		const halfNew = rawConn(srv.port, 'half-sent, new');
		await halfNew.opened;
		const halves = [halfKept, halfNew].map((x, i) => {
			const body = JSON.stringify({ name: `半途${i}`, type: 'zone', level: 'municipal' });
			const whole = createHead(body) + body;
			const cut = whole.indexOf('Cookie:');
			return { x, first: whole.slice(0, cut), rest: whole.slice(cut) };
		});
		for (const half of halves) await half.x.send(half.first);
		child.kill('SIGTERM');
		child.kill('SIGCONT');

		const loggedIn = await login.answer();
		assert.equal(loggedIn.status, 200, loggedIn.text);
		assert.equal(loggedIn.json.user.username, 'office1');
		const made = [];
		for (const q of queued) {
			const r = await q.answer();
			assert.equal(r.status, 201, r.text);
			made.push(r.json);
		}
		// and each of their connections ends: an answer given once the server took the signal
		// says Connection: close; one given just before (after SIGCONT the worker may run before
		// the thread that takes the signal) leaves its connection idle, and the drain closes idle
		// connections
		for (const q of queued) await q.closed;
		// an idle kept-alive connection is closed: the drain has begun
		await idle.closed;
		// and a new connection is refused, not left waiting
		const refused = await new Promise((resolve) => {
			const s = net.connect(srv.port, '127.0.0.1');
			s.on('connect', () => {
				s.destroy();
				resolve('connected');
			});
			s.on('error', (e) => resolve(e.code));
		});
		assert.equal(refused, 'ECONNREFUSED');
		// the requests still being received are waited for
		for (const half of halves) await half.x.send(half.rest);
		for (const half of halves) {
			const r = await half.x.answer();
			assert.equal(r.status, 201, r.text);
			// an answer during the drain closes its connection
			assert.match(r.head, /\r\nConnection: close/i);
			made.push(r.json);
		}
		assert.deepEqual(await srv.exited, { code: 0, signal: null }, 'graceful shutdown exits 0');
		assert.match(fs.readFileSync(srv.log, 'utf8'), /kfq: stopped/);

		await srv.restart();
		const list = await c.office1.get('/api/orgs?type=zone');
		assert.equal(list.status, 200, list.text);
		const byId = new Map(list.json.items.map((o) => [o.id, o]));
		assert.equal(made.length, 7);
		for (const o of made) assert.deepEqual(byId.get(o.id), o, `organization ${o.name} lost or changed`);
		const v = await c.auditor1.get('/api/audit/verify');
		assert.equal(v.json.ok, true, v.text);
	});
});

// A second SIGTERM (a second Ctrl-C) ends the drain at once, whatever --drain-timeout says: a
// request whose headers never finish would otherwise hold the server for the whole hour.
describe('a second SIGTERM cuts the drain short', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, child;

	before(async () => {
		srv = await h.startServer({ users: h.DEFAULT_USERS.filter((u) => u.username === 'office1'), serveArgs: ['--header-timeout', '600', '--drain-timeout', '3600'] });
	});

	after(async () => {
		if (child && child.exitCode === null && child.signalCode === null) {
			child.kill('SIGKILL');
			await srv.exited;
		}
		if (srv) await srv.close();
	});

	test('the half-sent request is left and the server exits 0', T, async () => {
		const half = rawConn(srv.port, 'half-sent');
		await half.opened;
		await half.send(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${srv.port}\r\n`);
		child = srv.child;
		srv.child = null; // the harness must not signal it again
		child.kill('SIGTERM');
		// the drain has begun once a new connection is refused; the half-sent one holds it
		for (;;) {
			const refused = await new Promise((resolve) => {
				const s = net.connect(srv.port, '127.0.0.1');
				s.on('connect', () => {
					s.destroy();
					resolve(false);
				});
				s.on('error', (e) => resolve(e.code === 'ECONNREFUSED'));
			});
			if (refused) break;
			await new Promise((r) => setTimeout(r, 20));
		}
		assert.equal(child.exitCode, null, 'the drain waits for the half-sent request');
		child.kill('SIGTERM');
		assert.deepEqual(await srv.exited, { code: 0, signal: null });
		await half.closed;
		const log = fs.readFileSync(srv.log, 'utf8');
		assert.match(log, /a second signal: closing the 1 connection\(s\) still open/);
		assert.match(log, /kfq: stopped/);
	});
});
