'use strict';
// consult.js - benchmark of public comments and the adoption report, on loopback only:
//  1. 64 concurrent clients post comments to an open consultation for DURATION seconds, each
//     comment with its proof of work solved here (node's SHA-256) at the server's --pow-bits;
//     every request from a loopback address of its own (127.0.X.Y), so that the per-address
//     limit measures nothing but itself. Afterwards every accepted comment must be stored
//     exactly once (the rows equal the 201 answers, no text twice). Throughput and the p50/p99
//     of the comment POST (server time plus loopback) are printed.
//  2. 10,000 comments (with their points and dispositions) are loaded by SQL into a second
//     consultation and the adoption report (GET …/report) and its .xlsx are timed, 5 runs each.
//
//   node bench/consult.js [DURATION_SECONDS] [POW_BITS]     (BIN=… another kfq binary)
// Needs sqlite3. Figures go to docs/PERFORMANCE.md.

const { spawn, execFileSync } = require('node:child_process');
const { Worker, isMainThread, parentPort } = require('node:worker_threads');
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const BIN = process.env.BIN || path.join(ROOT, 'build', 'kfq');
const DURATION = Number(process.argv[2] || 10);
const BITS = Number(process.argv[3] || 16);
const CLIENTS = 64;
const PASSWORD = 'Bench#Passw0rd';

const work = isMainThread ? fs.mkdtempSync(path.join(os.tmpdir(), 'kfq-bench-consult-')) : '';
const db = path.join(work, 'bench.db');
const kfq = (...args) => execFileSync(BIN, args, { cwd: ROOT, encoding: 'utf8' });
const sql = (text) => execFileSync('sqlite3', [db, text], { encoding: 'utf8' }).trim();

let addr = 0;
function nextAddress() {
	const n = addr++;
	return `127.0.${1 + Math.floor(n / 250) % 250}.${1 + (n % 250)}`;
}

function request(port, method, p, body, headers = {}) {
	return new Promise((resolve, reject) => {
		const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
		const req = http.request(
			{
				host: '127.0.0.1',
				port,
				method,
				path: p,
				localAddress: nextAddress(),
				headers: { Origin: `http://127.0.0.1:${port}`, ...(data ? { 'Content-Type': 'application/json', 'Content-Length': data.length } : {}), ...headers },
			},
			(res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
			},
		);
		req.on('error', reject);
		if (data) req.write(data);
		req.end();
	});
}

function solveHere(challenge, bits) {
	for (let i = 0; ; i++) {
		const h = crypto.createHash('sha256').update(`${challenge}:${i}`).digest();
		let ok = true;
		for (let b = 0; b < bits && ok; b++) ok = (h[b >> 3] & (0x80 >> (b & 7))) === 0;
		if (ok) return String(i);
	}
}

// The proof of work is solved in worker threads (one per CPU), as each browser solves its
// own: the clients' event loop only sends and receives, so no request waits on a solver.
const pool = [];
const waiting = [];
function solve(challenge, bits) {
	return new Promise((resolve) => {
		waiting.push({ challenge, bits, resolve });
		dispatch();
	});
}
function dispatch() {
	for (const w of pool) {
		if (w.busy || !waiting.length) continue;
		const job = waiting.shift();
		w.busy = job;
		w.postMessage({ challenge: job.challenge, bits: job.bits });
	}
}
function startPool() {
	for (let i = 0; i < os.cpus().length; i++) {
		const w = new Worker(__filename);
		w.busy = null;
		w.on('message', (counter) => {
			const job = w.busy;
			w.busy = null;
			job.resolve(counter);
			dispatch();
		});
		pool.push(w);
	}
}

const pct = (v, p) => v[Math.min(v.length - 1, Math.floor((v.length * p) / 100))];

async function main() {
	kfq('migrate', '--db', db);
	kfq('org', 'import', '--db', db, 'data/demo/orgs.tsv');
	kfq('policy', 'import', '--db', db, 'data/demo/fushun-devzone-reform-draft-2025.txt');
	execFileSync(BIN, ['user', 'add', '--db', db, '--username', 'bench', '--org', '市商务局', '--role', 'office', '--password-stdin'], { input: `${PASSWORD}\n` });
	const srv = spawn(BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--no-access-log', '--pow-bits', String(BITS), '--threads', '4'], { stdio: ['ignore', 'pipe', 'inherit'] });
	const port = await new Promise((resolve) => srv.stdout.on('data', (d) => { const m = /:(\d+)\//.exec(String(d)); if (m) resolve(Number(m[1])); }));
	try {
		let r = await request(port, 'POST', '/api/session', { username: 'bench', password: PASSWORD });
		const cookie = r.headers['set-cookie'].map((c) => c.split(';')[0]).join('; ');
		const csrf = JSON.parse(r.body).csrf_token;
		const office = (method, p, body) => request(port, method, p, body, { Cookie: cookie, 'X-CSRF-Token': csrf });
		const policy = JSON.parse((await office('GET', '/api/policies')).body).items[0].id;
		const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
		const open = JSON.parse((await office('POST', '/api/consultations', { policy_id: policy, window_start: today, window_end: '2099-12-31' })).body).consultation.id;
		await office('POST', `/api/consultations/${open}/release`);

		// 1. comments from 64 clients
		const lat = [];
		const status = {};
		const until = Date.now() + DURATION * 1000;
		let seq = 0;
		await Promise.all(
			Array.from({ length: CLIENTS }, async (_, w) => {
				while (Date.now() < until) {
					const ch = JSON.parse((await request(port, 'GET', `/api/public/consultations/${open}/challenge`)).body);
					const body = { body: `压测意见 ${w}-${seq++}`, pow_challenge: ch.challenge, pow_mac: ch.mac, pow_counter: await solve(ch.challenge, ch.bits) };
					const t0 = process.hrtime.bigint();
					const res = await request(port, 'POST', `/api/public/consultations/${open}/comments`, body);
					lat.push(Number(process.hrtime.bigint() - t0) / 1e6);
					status[res.status] = (status[res.status] || 0) + 1;
				}
			}),
		);
		lat.sort((a, b) => a - b);
		const accepted = status[201] || 0;
		const rows = Number(sql(`SELECT COUNT(*) FROM consultation_comment WHERE consultation_id = ${open}`));
		const distinct = Number(sql(`SELECT COUNT(DISTINCT body) FROM consultation_comment WHERE consultation_id = ${open}`));
		console.log(`comments: ${CLIENTS} clients, ${DURATION} s, pow ${BITS} bits: answers ${JSON.stringify(status)}; ` +
			`${(accepted / DURATION).toFixed(1)} accepted/s; POST p50 ${pct(lat, 50).toFixed(1)} ms, p99 ${pct(lat, 99).toFixed(1)} ms`);
		console.log(`stored exactly once: ${rows === accepted && distinct === rows ? 'yes' : 'NO'} (${rows} rows, ${distinct} distinct, ${accepted} accepted)`);
		if (rows !== accepted || distinct !== rows) process.exitCode = 1;

		// 2. the report over 10,000 comments
		const big = JSON.parse((await office('POST', '/api/consultations', { policy_id: policy, title: '万条意见', window_start: '2025-06-23', window_end: '2025-06-25' })).body).consultation.id;
		sql(`INSERT INTO consultation_comment (consultation_id, article_id, channel, body, body_sha256, received_at, created_at)
			WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
			SELECT ${big}, (SELECT a.id FROM consultation_article a WHERE a.consultation_id = ${big} AND a.seq = 1 + i % 18),
			CASE i % 5 WHEN 0 THEN 'email' WHEN 1 THEN 'phone' WHEN 2 THEN 'letter' WHEN 3 THEN 'meeting' ELSE 'department' END,
			'压测意见内容，约五十个字的一段文字，用于衡量采纳情况说明的生成速度。' || i, 'x', '2025-06-24T00:00:00Z', '2025-06-24T00:00:00Z' FROM n;
			INSERT INTO comment_point (comment_id, seq, article_id, disposition, reason)
			SELECT id, 1, article_id, CASE channel WHEN 'email' THEN 'adopted' WHEN 'phone' THEN 'partly' WHEN 'letter' THEN 'rejected' ELSE 'explained' END,
			CASE WHEN channel = 'email' THEN NULL ELSE '理由' END FROM consultation_comment WHERE consultation_id = ${big};`);
		for (const [name, p] of [['report', `/api/consultations/${big}/report`], ['report.xlsx', `/api/consultations/${big}/report.xlsx`], ['comments page', `/api/consultations/${big}/comments?page=200&page_size=50`]]) {
			const times = [];
			for (let i = 0; i < 5; i++) {
				const t0 = process.hrtime.bigint();
				const res = await office('GET', p);
				times.push(Number(process.hrtime.bigint() - t0) / 1e6);
				if (res.status !== 200) throw new Error(`${p}: ${res.status}`);
			}
			times.sort((a, b) => a - b);
			console.log(`10,000 comments, ${name}: median ${times[2].toFixed(1)} ms, max ${times[4].toFixed(1)} ms`);
		}
	} finally {
		const exited = new Promise((r) => srv.on('exit', r));
		srv.kill('SIGTERM');
		await exited;
		fs.rmSync(work, { recursive: true, force: true });
	}
}

if (isMainThread) {
	startPool();
	main()
		.catch((e) => {
			console.error(e);
			process.exitCode = 1;
		})
		.finally(() => pool.forEach((w) => w.terminate()));
} else {
	parentPort.on('message', ({ challenge, bits }) => parentPort.postMessage(solveHere(challenge, bits)));
}
