'use strict';
// transport.test.js - what keeps the server from being held by its clients: a request is
// refused from its headers before any of its body is read; uploads go to a temporary file,
// not to memory; JSON bodies in memory have a cap for the whole process; headers must come in
// within a deadline and bodies at a minimum rate; connections are limited per address and in
// total, and past the total a new connection is answered 503 at once. Behaviour only: no test
// here asserts how long anything takes.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const h = require('./harness');

const T = { timeout: h.STEP_TIMEOUT };
const MiB = 1024 * 1024;

/** A connection that stays open: sends `first` (if any) and collects what comes back. */
function open(port, first, { localAddress } = {}) {
	return new Promise((resolve, reject) => {
		const sock = net.connect({ port, host: '127.0.0.1', localAddress });
		const conn = { sock, chunks: [], ended: false };
		conn.closed = new Promise((r) => sock.on('close', r));
		sock.on('data', (d) => conn.chunks.push(d));
		sock.on('close', () => {
			conn.ended = true;
		});
		// a reset after the answer is the server closing; before the connection, a failure
		sock.on('error', (e) => {
			if (sock.connecting) reject(e);
		});
		sock.once('connect', () => {
			if (first) sock.write(first);
			resolve(conn);
		});
	});
}

function answer(conn) {
	return h.parseRaw(Buffer.concat(conn.chunks));
}

/** Waits until the server answers or closes; the answer parsed. */
async function answered(conn) {
	await conn.closed;
	return answer(conn);
}

async function metrics(srv) {
	// on a connection of its own: with a one-second idle deadline the server may close a
	// kept-alive one just as fetch sends the next request on it
	const r = await answered(await open(srv.port, `GET /metrics HTTP/1.1\r\nHost: 127.0.0.1:${srv.port}\r\nConnection: close\r\n\r\n`));
	assert.equal(r.status, 200, r.text);
	const out = {};
	for (const line of r.body.split('\n')) {
		const m = /^(kfq_http_[a-z_]+(?:\{[^}]*\})?) (\d+)$/.exec(line);
		if (m) out[m[1]] = Number(m[2]);
	}
	return out;
}

/** Polls /metrics until pred(metrics) holds (a bounded number of times). */
async function metricsUntil(srv, pred, what) {
	let last;
	for (let i = 0; i < 200; i++) {
		last = await metrics(srv);
		if (pred(last)) return last;
		await h.sleep(50);
	}
	assert.fail(`${what}: ${JSON.stringify(last)}`);
}

function head(srv, method, p, headers, length) {
	const lines = [`${method} ${p} HTTP/1.1`, `Host: 127.0.0.1:${srv.port}`];
	for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
	if (length !== undefined) lines.push(`Content-Length: ${length}`);
	return `${lines.join('\r\n')}\r\n\r\n`;
}

function pdf(size) {
	const buf = crypto.randomBytes(size);
	buf.write('%PDF-1.7\n', 0, 'latin1');
	return buf;
}

describe('requests are refused from their headers, before the body', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c;

	before(async () => {
		srv = await h.startServer({ users: h.DEFAULT_USERS.filter((u) => ['office1', 'zone1'].includes(u.username)) });
		c = await h.loginAll(srv, ['office1', 'zone1']);
	});

	after(async () => {
		if (srv) await srv.close();
	});

	const upload = (who, extra = {}) =>
		head(
			srv,
			'POST',
			'/api/evidence?name=a.pdf',
			{ Origin: srv.base, 'Content-Type': 'application/pdf', ...(who ? { Cookie: who.cookieHeader(), 'X-CSRF-Token': who.csrf } : {}), ...extra },
			20 * MiB,
		);

	test('a 20 MiB upload without a session is answered 401 while its body is still held back', T, async () => {
		const r = await answered(await open(srv.port, upload(null)));
		assert.equal(r.status, 401, r.text);
		assert.equal(r.json.error.code, 'not_authenticated');
		assert.match(r.json.error.message, /[\u4e00-\u9fff]/);
	});

	test('a client still sending its upload reads that 401 (the rest is read and dropped), not a reset', T, async () => {
		const anon = new h.Client(srv);
		const r = await anon.post('/api/evidence?name=a.pdf', pdf(20 * MiB), { raw: true, contentType: 'application/pdf' });
		h.assertError(r, 401, 'not_authenticated');
	});

	test('from another origin: 403 csrf_failed before the body', T, async () => {
		const r = await answered(await open(srv.port, upload(c.zone1, { Origin: 'http://evil.example' })));
		assert.equal(r.status, 403, r.text);
		assert.equal(r.json.error.code, 'csrf_failed');
		const t = await answered(await open(srv.port, upload(c.zone1, { 'X-CSRF-Token': 'x'.repeat(43) })));
		assert.equal(t.status, 403, t.text);
		assert.equal(t.json.error.code, 'csrf_failed');
	});

	test('a role without the permission: 403 forbidden before the body', T, async () => {
		const r = await answered(await open(srv.port, upload(c.office1)));
		assert.equal(r.status, 403, r.text);
		assert.equal(r.json.error.code, 'forbidden');
	});

	test('a JSON body without a session: 401 before the body', T, async () => {
		const r = await answered(await open(srv.port, head(srv, 'POST', '/api/orgs', { Origin: srv.base, 'Content-Type': 'application/json' }, MiB)));
		assert.equal(r.status, 401, r.text);
		assert.equal(r.json.error.code, 'not_authenticated');
	});

	test('a body to a route that takes none: 400 unexpected_body before the body', T, async () => {
		const r = await answered(
			await open(srv.port, head(srv, 'DELETE', '/api/session', { Origin: srv.base, 'Content-Type': 'application/json', Cookie: c.zone1.cookieHeader(), 'X-CSRF-Token': c.zone1.csrf }, MiB)),
		);
		assert.equal(r.status, 400, r.text);
		assert.equal(r.json.error.code, 'unexpected_body');
	});

	test('an accepted upload streams to a temporary file: stored by its SHA-256, nothing left behind', T, async () => {
		const file = pdf(3 * MiB + 17);
		const r = await c.zone1.post('/api/evidence?name=big.pdf', file, { raw: true, contentType: 'application/octet-stream' });
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.sha256, crypto.createHash('sha256').update(file).digest('hex'));
		assert.equal(r.json.size, file.length);
		const back = await c.zone1.get(`/api/evidence/${r.json.id}`);
		assert.equal(back.status, 200);
		assert.ok(back.buf.equals(file), 'the stored file differs from the upload');
		const dataDir = h.IS_PG ? path.join(srv.dir, 'var', 'files') : path.join(path.dirname(srv.db), 'files');
		assert.deepEqual(fs.readdirSync(path.join(dataDir, 'tmp')), [], 'uploads leave no file in tmp/');
	});

	test('an upload over the cap of its route is 413 before its body: a policy text over 4 MiB', T, async () => {
		const big = head(srv, 'POST', '/api/policies/preview', { Origin: srv.base, 'Content-Type': 'text/plain', Cookie: c.office1.cookieHeader(), 'X-CSRF-Token': c.office1.csrf }, 4 * MiB + 1);
		const r = await answered(await open(srv.port, big));
		assert.equal(r.status, 413, r.text);
		assert.equal(r.json.error.code, 'body_too_large');
		assert.match(r.json.error.message, /4 MiB/);
	});
});

describe('bodies in memory are counted and capped for the whole process', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c;
	const held = [];

	before(async () => {
		srv = await h.startServer({ users: h.DEFAULT_USERS.filter((u) => ['office1', 'zone1'].includes(u.username)), serveArgs: ['--body-memory', '2'] });
		c = await h.loginAll(srv, ['office1', 'zone1']);
	});

	after(async () => {
		for (const conn of held) conn.sock.destroy();
		if (srv) await srv.close();
	});

	const json = (who) => head(srv, 'POST', '/api/orgs', { Origin: srv.base, 'Content-Type': 'application/json', Cookie: who.cookieHeader(), 'X-CSRF-Token': who.csrf }, MiB);

	test('a JSON body being received holds its declared length; an upload being received holds none', T, async () => {
		held.push(await open(srv.port, `${json(c.office1)}{"name":`));
		await metricsUntil(srv, (m) => m.kfq_http_body_memory_bytes === MiB, 'one JSON body of 1 MiB in memory');
		const up = head(srv, 'POST', '/api/evidence?name=a.pdf', { Origin: srv.base, 'Content-Type': 'application/pdf', Cookie: c.zone1.cookieHeader(), 'X-CSRF-Token': c.zone1.csrf }, 8 * MiB);
		const conn = await open(srv.port, up);
		held.push(conn);
		conn.sock.write(pdf(4 * MiB));
		const m = await metricsUntil(srv, (x) => x.kfq_http_connections >= 3, 'the upload connection is open');
		assert.equal(m.kfq_http_body_memory_bytes, MiB, 'half an upload of 8 MiB takes no body memory');
	});

	test('past the cap a JSON request is answered 503 server_busy at once', T, async () => {
		held.push(await open(srv.port, `${json(c.office1)}{`));
		await metricsUntil(srv, (m) => m.kfq_http_body_memory_bytes === 2 * MiB, 'two JSON bodies in memory');
		const r = await answered(await open(srv.port, json(c.office1)));
		assert.equal(r.status, 503, r.text);
		assert.equal(r.json.error.code, 'server_busy');
		assert.equal(/\r\nretry-after: *1/i.test(r.head), true, r.head);
	});

	test('the memory comes back when the clients go; small requests were served all along', T, async () => {
		const small = await c.office1.get('/api/orgs');
		assert.equal(small.status, 200);
		for (const conn of held.splice(0)) conn.sock.destroy();
		await metricsUntil(srv, (m) => m.kfq_http_body_memory_bytes === 0, 'no body in memory');
		const r = await c.office1.post('/api/orgs', { name: '内存回收区', type: 'county' });
		assert.equal(r.status, 201, r.text);
	});
});

describe('slow clients are cut off', { timeout: h.FILE_TIMEOUT }, () => {
	let srv;

	before(async () => {
		srv = await h.startServer({ users: [], serveArgs: ['--header-timeout', '1', '--body-min-rate', '1000'] });
	});

	after(async () => {
		if (srv) await srv.close();
	});

	/** Sends the parts one by one, pausing between them, until the server closes. */
	async function trickle(conn, parts) {
		for (const p of parts) {
			if (conn.ended) return true;
			conn.sock.write(p);
			await h.sleep(200);
		}
		return conn.ended;
	}

	test('headers trickled one line at a time are cut (408) after the header deadline, while another client is answered', T, async () => {
		const before = await metrics(srv);
		const conn = await open(srv.port, `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${srv.port}\r\n`);
		const lines = Array.from({ length: 300 }, (_, i) => `X-Slow-${i}: ${'y'.repeat(8)}\r\n`);
		const trickling = trickle(conn, lines);
		const other = await fetch(`${srv.base}/healthz`);
		assert.equal(other.status, 200, 'another client is answered meanwhile');
		assert.equal(await trickling, true, 'the server closed the trickling connection');
		const r = answer(conn);
		assert.equal(r.status, 408, r.text);
		assert.equal(r.json.error.code, 'request_timeout');
		const after = await metrics(srv);
		assert.ok(after['kfq_http_connections_cut_total{phase="headers"}'] > before['kfq_http_connections_cut_total{phase="headers"}']);
	});

	test('an idle connection that never sends its headers is cut too', T, async () => {
		const conn = await open(srv.port, null);
		const r = await answered(conn);
		assert.equal(r.status, 408, r.text);
	});

	test('a kept-alive connection idle after its answer is closed without a 408 a client would take for its next answer', T, async () => {
		const conn = await open(srv.port, `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${srv.port}\r\n\r\n`);
		await metricsUntil(srv, () => Buffer.concat(conn.chunks).includes('\r\n\r\n'), 'the first answer');
		await h.sleep(300); // its body (the idle deadline is a second away)
		const first = Buffer.concat(conn.chunks).length;
		await conn.closed;
		const all = Buffer.concat(conn.chunks);
		assert.equal(answer(conn).status, 200);
		assert.equal(all.length, first, `nothing after the first answer: ${all.subarray(first).toString()}`);
	});

	test('a body trickled below the minimum rate is cut (408)', T, async () => {
		const before = await metrics(srv);
		const conn = await open(srv.port, head(srv, 'POST', '/api/session', { Origin: srv.base, 'Content-Type': 'application/json' }, 10000));
		const bytes = Array.from({ length: 300 }, () => ' ');
		assert.equal(await trickle(conn, bytes), true, 'the server closed the trickling connection');
		assert.equal(answer(conn).status, 408, answer(conn).text);
		const after = await metrics(srv);
		assert.ok(after['kfq_http_connections_cut_total{phase="body"}'] > before['kfq_http_connections_cut_total{phase="body"}']);
	});

	test('a body at a good rate is not cut, even when it takes longer than the deadline', T, async () => {
		// 3 KiB every 200 ms is above 1000 bytes/s: the request goes through to its answer
		const body = JSON.stringify({ username: 'nobody', password: 'x'.repeat(200) }).padEnd(12 * 1024, ' ');
		const conn = await open(srv.port, head(srv, 'POST', '/api/session', { Origin: srv.base, 'Content-Type': 'application/json', Connection: 'close' }, Buffer.byteLength(body)));
		const parts = [];
		for (let i = 0; i < body.length; i += 3 * 1024) parts.push(body.slice(i, i + 3 * 1024));
		await trickle(conn, parts);
		const r = await answered(conn);
		assert.equal(r.status, 401, r.text);
		assert.equal(r.json.error.code, 'invalid_credentials');
	});
});

describe('a busy server does not count its own delay against its clients', { timeout: h.FILE_TIMEOUT }, () => {
	// One worker and a one-second header deadline: while the worker checks passwords (argon2id)
	// one login after another, the requests sent whole meanwhile wait unread in their sockets.
	// The server is late there, not the clients: they are answered, and only a client that has
	// not sent its headers is cut.
	const LOGINS = 24;
	let srv;

	before(async () => {
		srv = await h.startServer({ users: h.DEFAULT_USERS.filter((u) => u.username === 'office1'), serveArgs: ['--threads', '1', '--header-timeout', '1', '--body-min-rate', '1000'] });
	});

	after(async () => {
		if (srv) await srv.close();
	});

	const login = (connection = 'close') => {
		const body = JSON.stringify({ username: 'office1', password: h.pw('office1') });
		return head(srv, 'POST', '/api/session', { Origin: srv.base, 'Content-Type': 'application/json', Connection: connection }, Buffer.byteLength(body)) + body;
	};

	/** LOGINS logins, each sent whole on a connection of its own at once; their answers. */
	async function logins() {
		const conns = await Promise.all(Array.from({ length: LOGINS }, () => open(srv.port, login())));
		return conns.map((conn) => answered(conn));
	}

	test('logins sent whole while the only worker checks other passwords are all answered; a client that sent part of its headers meanwhile is still cut (408)', T, async () => {
		const before = await metrics(srv);
		const busy = await logins();
		const partial = await answered(await open(srv.port, `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${srv.port}\r\n`));
		const answers = await Promise.all(busy);
		assert.deepEqual(
			answers.map((r) => r.status),
			answers.map(() => 200),
		);
		assert.equal(partial.status, 408, partial.text);
		assert.equal(partial.json.error.code, 'request_timeout');
		const after = await metrics(srv);
		assert.equal(after['kfq_http_connections_cut_total{phase="headers"}'], before['kfq_http_connections_cut_total{phase="headers"}'] + 1);
		assert.equal(after['kfq_http_connections_cut_total{phase="body"}'], before['kfq_http_connections_cut_total{phase="body"}']);
	});

	test('a kept-alive connection whose next request waits behind the logins is answered, not closed', T, async () => {
		// its first request, a login too, goes before the others; the next one is sent the
		// moment the first answer is in (the idle deadline counts from that answer), while
		// the worker still has the others' passwords to check
		const conn = await open(srv.port, login('keep-alive'));
		let first = -1;
		conn.sock.on('data', () => {
			const all = Buffer.concat(conn.chunks);
			if (first < 0 && h.rawComplete(all.toString('latin1'))) {
				first = all.length;
				conn.sock.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${srv.port}\r\nConnection: close\r\n\r\n`);
			}
		});
		const busy = await logins();
		await conn.closed;
		assert.ok(first > 0, `no first answer: ${answer(conn).text}`);
		assert.equal(h.parseRaw(Buffer.concat(conn.chunks).subarray(0, first)).status, 200, 'the first answer');
		const second = h.parseRaw(Buffer.concat(conn.chunks).subarray(first));
		assert.equal(second.status, 200, `the second answer: ${second.text}`);
		for (const r of await Promise.all(busy)) assert.equal(r.status, 200, r.text);
	});
});

describe('connection limits', { timeout: h.FILE_TIMEOUT }, () => {
	let srv;
	const held = [];
	const healthz = (port) => `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`;

	before(async () => {
		srv = await h.startServer({ users: [], serveArgs: ['--max-connections', '16', '--max-connections-per-addr', '3', '--header-timeout', '120'] });
	});

	after(async () => {
		for (const conn of held) conn.sock.destroy();
		if (srv) await srv.close();
	});

	test('the connection after the per-address limit is refused 429; another address is served', T, async () => {
		for (let i = 0; i < 3; i++) held.push(await open(srv.port, null, { localAddress: '127.0.0.7' }));
		const r = await answered(await open(srv.port, healthz(srv.port), { localAddress: '127.0.0.7' }));
		assert.equal(r.status, 429, r.text);
		assert.equal(r.json.error.code, 'too_many_connections');
		const other = await answered(await open(srv.port, healthz(srv.port), { localAddress: '127.0.0.8' }));
		assert.equal(other.status, 200, other.text);
	});

	test('past the total a new connection is answered 503 at once, not left waiting', T, async () => {
		// 3 held from 127.0.0.7 above, 13 more from other addresses fill the 16
		for (let i = 0; i < 13; i++) held.push(await open(srv.port, null, { localAddress: `127.0.1.${10 + Math.floor(i / 3)}` }));
		const r = await answered(await open(srv.port, healthz(srv.port), { localAddress: '127.0.2.1' }));
		assert.equal(r.status, 503, r.text);
		assert.equal(r.json.error.code, 'server_busy');
		assert.ok(/\r\nretry-after: *1/i.test(r.head), r.head);
	});

	test('when held connections go, new ones are served again', T, async () => {
		for (const conn of held.splice(0)) conn.sock.destroy();
		let status = 0;
		for (let i = 0; i < 200 && status !== 200; i++) {
			status = (await answered(await open(srv.port, healthz(srv.port), { localAddress: '127.0.2.2' }))).status;
			if (status !== 200) await h.sleep(50);
		}
		assert.equal(status, 200);
	});
});

describe('a trusted proxy is not limited per address', { timeout: h.FILE_TIMEOUT }, () => {
	let srv;
	const held = [];

	before(async () => {
		srv = await h.startServer({ users: [], serveArgs: ['--trust-proxy', '--max-connections-per-addr', '2', '--header-timeout', '120'] });
	});

	after(async () => {
		for (const conn of held) conn.sock.destroy();
		if (srv) await srv.close();
	});

	test('nginx on loopback may hold more connections than one client address', T, async () => {
		for (let i = 0; i < 4; i++) held.push(await open(srv.port, null, { localAddress: '127.0.0.9' }));
		const r = await answered(
			await open(srv.port, `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${srv.port}\r\nX-Forwarded-For: 203.0.113.9\r\nConnection: close\r\n\r\n`, { localAddress: '127.0.0.9' }),
		);
		assert.equal(r.status, 200, r.text);
	});
});
