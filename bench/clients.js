'use strict';
// clients.js - the clients the exhaustion benchmarks run against a kfq server on loopback:
// uploads that hold back their last byte, header and body tricklers, uploaders, readers, and
// probes that time /healthz and a signed-in read. Loopback only; every run is bounded.
//
//   node bench/clients.js hold   PORT CONNS BYTES [COOKIE CSRF]   uploads holding the last byte
//   node bench/clients.js soak   PORT SECONDS CONNS OFFICE_COOKIE ZONE_COOKIE ZONE_CSRF
//   node bench/clients.js probe  PORT SECONDS OFFICE_COOKIE   times /healthz and a signed-in
//                                read; a process of its own, so that the attackers' event
//                                loop never delays what it measures
//
// Connections come from many loopback addresses (127.0.X.Y) so that the server's per-address
// limit does not refuse the benchmark itself; each address carries at most PER_ADDR of them.

const http = require('node:http');
const net = require('node:net');
const crypto = require('node:crypto');

const PER_ADDR = 16;
let nextAddr = 0;
/** A fresh loopback address every PER_ADDR calls: 127.0.1.1, 127.0.1.2, … */
function localAddress(slot) {
	const n = slot === undefined ? Math.floor(nextAddr++ / PER_ADDR) : slot;
	return `127.0.${1 + Math.floor(n / 250)}.${1 + (n % 250)}`;
}

function sleep(ms) {
	return new Promise((r) => setTimeout(r, ms));
}

function headers(port, method, path, extra, length) {
	const lines = [`${method} ${path} HTTP/1.1`, `Host: 127.0.0.1:${port}`, `Origin: http://127.0.0.1:${port}`];
	for (const [k, v] of Object.entries(extra || {})) lines.push(`${k}: ${v}`);
	if (length !== undefined) lines.push(`Content-Length: ${length}`);
	return `${lines.join('\r\n')}\r\n\r\n`;
}

/** Opens a socket; resolves when connected (or rejects). Errors after that are ignored. */
function connect(port, addr) {
	return new Promise((resolve, reject) => {
		const s = net.connect({ port, host: '127.0.0.1', localAddress: addr });
		s.once('connect', () => resolve(s));
		s.on('error', (e) => {
			if (s.connecting) reject(e);
		});
	});
}

/** A new connection, or null after a second's pause when the system refused one. */
async function connectOrWait(port, addr, counts) {
	try {
		return await connect(port, addr);
	} catch {
		counts.connectFailed++;
		await sleep(1000);
		return null;
	}
}

/** Resolves when the socket can take more, or has closed. */
function writable(s) {
	return new Promise((resolve) => {
		const done = () => {
			s.off('drain', done);
			s.off('close', done);
			resolve();
		};
		s.on('drain', done);
		s.on('close', done);
	});
}

function statusOf(buf) {
	const m = /^HTTP\/1\.1 (\d{3})/.exec(buf.toString('latin1'));
	return m ? Number(m[1]) : 0;
}

// ---- hold: uploads that hold back their last byte ----

async function hold(port, conns, bytes, cookie, csrf) {
	const chunk = Buffer.alloc(1024 * 1024, 0x20);
	chunk.write('%PDF-1.7\n', 0, 'latin1');
	const extra = { 'Content-Type': 'application/pdf' };
	if (cookie) Object.assign(extra, { Cookie: cookie, 'X-CSRF-Token': csrf });
	const results = await Promise.all(
		Array.from({ length: conns }, async () => {
			const s = await connect(port, localAddress());
			const got = [];
			let closed = false;
			s.on('data', (d) => got.push(d));
			s.on('close', () => {
				closed = true;
			});
			s.write(headers(port, 'POST', '/api/evidence?name=hold.pdf', extra, bytes));
			let left = bytes - 1;
			while (left > 0 && !closed) {
				const n = Math.min(left, chunk.length);
				if (!s.write(chunk.subarray(0, n))) await writable(s);
				left -= n;
			}
			return { s, got, closed: () => closed, sent: bytes - 1 - left };
		}),
	);
	const sent = results.reduce((a, r) => a + r.sent, 0);
	const answered = results.filter((r) => r.got.length).map((r) => statusOf(Buffer.concat(r.got)));
	const by = {};
	for (const st of answered) by[st] = (by[st] || 0) + 1;
	console.log(JSON.stringify({ conns, bytes_each: bytes, bytes_sent: sent, answered: by, still_open: results.filter((r) => !r.closed()).length }));
	// hold until the parent script has measured and kills us
	await new Promise(() => {});
}

// ---- soak ----

function percentile(sorted, p) {
	if (!sorted.length) return null;
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Times GET path on a new connection every `every` ms from one address. */
async function probe(port, path, cookie, until, every, addr) {
	const times = [];
	const fails = {};
	const slow = []; // [seconds into the run, ms] of answers over 100 ms
	const start = Date.now();
	while (Date.now() < until) {
		const t0 = process.hrtime.bigint();
		const status = await new Promise((resolve) => {
			const req = http.get(
				{ host: '127.0.0.1', port, path, localAddress: addr, agent: false, headers: cookie ? { Cookie: cookie } : {}, timeout: 10000 },
				(res) => {
					res.resume();
					res.on('end', () => resolve(res.statusCode));
				},
			);
			req.on('timeout', () => req.destroy(new Error('timeout')));
			req.on('error', (e) => resolve(e.code || e.message));
		});
		const ms = Number(process.hrtime.bigint() - t0) / 1e6;
		if (status === 200) times.push(ms);
		else fails[status] = (fails[status] || 0) + 1;
		if (ms > 100) slow.push([Math.round((Date.now() - start) / 1000), Math.round(ms)]);
		await sleep(every);
	}
	times.sort((a, b) => a - b);
	return { n: times.length, p50: percentile(times, 50), p99: percentile(times, 99), max: times[times.length - 1], fails, slow };
}

/** Trickler: sends `first`, then `piece(i)` every `every` ms until the server cuts it off;
 * then again on a new connection, until the end of the run. */
async function trickle(port, until, every, counts, first, piece) {
	const addr = localAddress();
	while (Date.now() < until) {
		const s = await connectOrWait(port, addr, counts);
		if (!s) continue;
		counts.opened++;
		let closed = false;
		s.on('close', () => {
			closed = true;
		});
		s.on('data', (d) => {
			const st = statusOf(d);
			counts.answers[st] = (counts.answers[st] || 0) + 1;
		});
		s.write(first);
		for (let i = 0; !closed && Date.now() < until; i++) {
			await sleep(every);
			if (!closed) s.write(piece(i));
		}
		s.destroy();
	}
}

/** Header trickler: one header line every `every` ms. */
function trickleHeaders(port, until, every, counts) {
	const first = `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`;
	return trickle(port, until, every, counts, first, (i) => `X-Slow-${i}: ${'z'.repeat(16)}\r\n`);
}

/** Body trickler: a login whose body comes four bytes at a time. */
function trickleBody(port, until, every, counts) {
	const first = headers(port, 'POST', '/api/session', { 'Content-Type': 'application/json' }, 8000);
	return trickle(port, until, every, counts, first, () => '    ');
}

/** Uploader: a signed-in zone user uploading a `size`-byte file again and again at about
 * `rate` bytes/s (the same file: the server receives every byte, and stores it once). */
async function uploader(port, until, cookie, csrf, size, rate, counts) {
	const addr = localAddress();
	const piece = 64 * 1024;
	const file = crypto.randomBytes(size);
	file.write('%PDF-1.7\n', 0, 'latin1');
	while (Date.now() < until) {
		const status = await new Promise((resolve) => {
			const req = http.request(
				{
					host: '127.0.0.1',
					port,
					method: 'POST',
					path: `/api/evidence?name=soak-${crypto.randomBytes(4).toString('hex')}.pdf`,
					localAddress: addr,
					agent: false,
					headers: { Cookie: cookie, 'X-CSRF-Token': csrf, Origin: `http://127.0.0.1:${port}`, 'Content-Type': 'application/pdf', 'Content-Length': size },
				},
				(res) => {
					res.resume();
					res.on('end', () => resolve(res.statusCode));
				},
			);
			req.on('error', (e) => resolve(e.code || e.message));
			(async () => {
				for (let off = 0; off < size; off += piece) {
					req.write(file.subarray(off, off + piece));
					await sleep((piece / rate) * 1000);
				}
				req.end();
			})();
		});
		counts.answers[status] = (counts.answers[status] || 0) + 1;
	}
}

/** Stranger: a 20 MiB upload without a session, again and again; it is refused from its
 * headers and sends at most 1 MiB before it reads the answer (an attacker's bandwidth). */
async function stranger(port, until, counts) {
	const addr = localAddress();
	const chunk = Buffer.alloc(64 * 1024, 0x41);
	while (Date.now() < until) {
		const s = await connectOrWait(port, addr, counts);
		if (!s) continue;
		const st = await new Promise((resolve) => {
			let got = Buffer.alloc(0);
			s.on('data', (d) => {
				got = Buffer.concat([got, d]);
			});
			s.on('close', () => resolve(statusOf(got)));
			s.write(headers(port, 'POST', '/api/evidence?name=x.pdf', { 'Content-Type': 'application/pdf' }, 20 * 1024 * 1024));
			(async () => {
				for (let i = 0; i < 16 && !s.destroyed; i++) {
					if (!s.write(chunk)) await writable(s);
				}
			})();
		});
		counts.answers[st] = (counts.answers[st] || 0) + 1;
		await sleep(1000);
	}
}

/** Reader: a signed-in user reading the organizations once a second over a kept-alive
 * connection. */
async function reader(port, until, cookie, counts) {
	const agent = new http.Agent({ keepAlive: true, maxSockets: 1, localAddress: localAddress() });
	while (Date.now() < until) {
		const status = await new Promise((resolve) => {
			const req = http.get({ host: '127.0.0.1', port, path: '/api/orgs', agent, headers: { Cookie: cookie } }, (res) => {
				res.resume();
				res.on('end', () => resolve(res.statusCode));
			});
			req.on('error', (e) => resolve(e.code || e.message));
		});
		counts.answers[status] = (counts.answers[status] || 0) + 1;
		await sleep(1000);
	}
	agent.destroy();
}

async function soak(port, seconds, conns, office, zoneCookie, zoneCsrf) {
	const until = Date.now() + seconds * 1000;
	const kinds = {
		header_tricklers: Math.round(conns * 0.6),
		body_tricklers: Math.round(conns * 0.15),
		uploaders: Math.round(conns * 0.01),
		strangers: Math.round(conns * 0.02),
	};
	kinds.readers = conns - kinds.header_tricklers - kinds.body_tricklers - kinds.uploaders - kinds.strangers;
	const counts = {};
	for (const k of Object.keys(kinds)) counts[k] = { opened: 0, connectFailed: 0, answers: {} };
	const work = [];
	for (let i = 0; i < kinds.readers; i++) work.push(reader(port, until, office, counts.readers));
	for (let i = 0; i < kinds.uploaders; i++) work.push(uploader(port, until, zoneCookie, zoneCsrf, 2 * 1024 * 1024, 256 * 1024, counts.uploaders));
	for (let i = 0; i < kinds.strangers; i++) work.push(stranger(port, until, counts.strangers));
	for (let i = 0; i < kinds.body_tricklers; i++) work.push(trickleBody(port, until, 2000, counts.body_tricklers));
	// the tricklers come in over the first ten seconds, not in one burst
	for (let i = 0; i < kinds.header_tricklers; i++) {
		work.push(trickleHeaders(port, until, 3000, counts.header_tricklers));
		if (i % 100 === 99) await sleep(1000);
	}
	await Promise.all(work);
	console.log(JSON.stringify({ seconds, conns, kinds, counts }, null, 1));
	process.exit(0);
}

/** The probes, from addresses of their own, so that no trickler's address limit holds them. */
async function probes(port, seconds, office) {
	const until = Date.now() + seconds * 1000;
	const [healthz, read] = await Promise.all([probe(port, '/healthz', null, until, 50, '127.0.200.1'), probe(port, '/api/orgs', office, until, 50, '127.0.200.2')]);
	console.log(JSON.stringify({ seconds, healthz, read }));
	process.exit(0);
}

const [mode, ...args] = process.argv.slice(2);
if (mode === 'hold') hold(Number(args[0]), Number(args[1]), Number(args[2]), args[3], args[4]);
else if (mode === 'soak') soak(Number(args[0]), Number(args[1]), Number(args[2]), args[3], args[4], args[5]);
else if (mode === 'probe') probes(Number(args[0]), Number(args[1]), args[2]);
else {
	console.error('usage: node bench/clients.js hold|soak|probe …');
	process.exit(2);
}
