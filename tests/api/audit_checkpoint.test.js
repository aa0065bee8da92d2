'use strict';
// audit_checkpoint.test.js - the audit head kept outside the database. kfq serve appends a
// checkpoint line (record count and head hash) to a file beside the database and to its log
// when the head moved; `kfq audit verify --checkpoint FILE` and `--expect HASH` then catch what
// verification on the database alone cannot: the newest records cut and the head rewritten to
// match. A clean log passes; a damaged or empty checkpoint file is an error.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./harness');

const T = { timeout: h.STEP_TIMEOUT * 2 };
const LINE = /\{"time":"[0-9TZ:-]+","audit_checkpoint":\{"seq":(\d+),"hash":"([0-9a-f]{64})"\}\}/;

describe('audit checkpoints', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, file;

	before(async () => {
		srv = await h.startServer({
			users: h.DEFAULT_USERS.filter((u) => ['office1', 'auditor1'].includes(u.username)),
			serveArgs: ['--audit-checkpoint-interval', '1'],
		});
		c = await h.loginAll(srv, ['office1', 'auditor1']);
		// the default place: beside the SQLite file, var/ under the working directory otherwise
		file = h.IS_PG ? path.join(srv.dir, 'var', 'audit-checkpoints.log') : path.join(path.dirname(srv.db), 'audit-checkpoints.log');
	});

	after(async () => {
		if (srv) await srv.close();
	});

	/** The head as the auditor's verification gives it. */
	async function head() {
		const v = await c.auditor1.get('/api/audit/verify');
		assert.equal(v.json.ok, true, v.text);
		return { seq: v.json.count, hash: v.json.head_hash };
	}

	/** Waits until the checkpoint file's newest line is the head {seq, hash}. */
	async function checkpointed(want) {
		let last;
		for (let i = 0; i < 200; i++) {
			const lines = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n') : [];
			const m = LINE.exec(lines[lines.length - 1] || '');
			last = m && { seq: Number(m[1]), hash: m[2] };
			if (last && last.seq === want.seq && last.hash === want.hash) return;
			await h.sleep(100);
		}
		assert.fail(`no checkpoint of record ${want.seq} in ${file}; the newest: ${JSON.stringify(last)}`);
	}

	async function verify(...args) {
		return h.kfq(['audit', 'verify', '--db', srv.db, ...args]);
	}

	test('kfq serve writes the head to a file beside the database and to its log when it moves', T, async () => {
		for (let i = 0; i < 3; i++) assert.equal((await c.office1.post('/api/orgs', { name: `检查点${i}`, type: 'county' })).status, 201);
		const now = await head();
		await checkpointed(now);
		// every line names a record that exists, with its hash
		const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
		for (const l of lines) {
			const [, seq, hash] = LINE.exec(l);
			assert.equal(await h.sqlOk(srv.db, `SELECT hash FROM audit_log WHERE seq = ${seq}`), hash, l);
		}
		// the log carries the same lines, even with the access lines off
		const log = fs.readFileSync(srv.log, 'utf8');
		for (const l of lines) assert.ok(log.includes(l), `not in the log: ${l}`);

		const r = await verify('--checkpoint', file);
		assert.equal(r.code, 0, r.stdout + r.stderr);
		assert.match(r.stdout, new RegExp(`^OK: ${now.seq} records, head ${now.hash}$`, 'm'));
		assert.match(r.stdout, new RegExp(`^checkpoints: ${lines.length} held \\(the newest: record ${now.seq}, taken `, 'm'));
		// the log (journal output) reads back as well, and so does the head written down
		const fromLog = await verify('--checkpoint', srv.log, '--expect', now.hash.toUpperCase());
		assert.equal(fromLog.code, 0, fromLog.stdout + fromLog.stderr);
	});

	test('the newest records cut and the head rewritten: verify alone passes, --checkpoint and --expect do not', T, async () => {
		const before = await head();
		await checkpointed(before);
		// the operator's copy, kept elsewhere
		const kept = path.join(srv.dir, 'kept-elsewhere.log');
		fs.copyFileSync(file, kept);

		const cut = before.seq - 2;
		await h.sqlOk(srv.db, `${h.DROP_AUDIT_TRIGGERS} DELETE FROM audit_log WHERE seq > ${cut}; UPDATE audit_head SET seq = ${cut}, hash = (SELECT hash FROM audit_log WHERE seq = ${cut});`);

		const alone = await verify();
		assert.equal(alone.code, 0, 'on the database alone the cut does not show');
		assert.match(alone.stdout, new RegExp(`^OK: ${cut} records, `, 'm'));

		const r = await verify('--checkpoint', kept);
		assert.equal(r.code, 1, r.stdout + r.stderr);
		assert.match(r.stdout, new RegExp(`^CHECKPOINT FAILED at record ${before.seq} \\(hash ${before.hash}, taken [0-9TZ:-]+\\): 检查点记载的记录已不存在（日志被截断）$`, 'm'));
		assert.match(r.stdout, new RegExp(`^the log now: ${cut} records, head `, 'm'));

		const e = await verify('--expect', before.hash);
		assert.equal(e.code, 1, e.stdout + e.stderr);
		assert.match(e.stdout, new RegExp(`^CHECKPOINT FAILED \\(hash ${before.hash}\\): 日志中没有这个哈希的记录`, 'm'));

		// the server's own file still holds the lines written before the cut
		assert.equal((await verify('--checkpoint', file)).code, 1);
	});

	test('a damaged or empty checkpoint file, or a malformed hash, is an error', T, async () => {
		const empty = path.join(srv.dir, 'empty.log');
		fs.writeFileSync(empty, 'kfq: serving on http://127.0.0.1:8080/\n');
		const r1 = await verify('--checkpoint', empty);
		assert.equal(r1.code, 1);
		assert.match(r1.stderr, /holds no audit checkpoint/);

		const damaged = path.join(srv.dir, 'damaged.log');
		const good = fs.readFileSync(file, 'utf8').trim().split('\n')[0];
		fs.writeFileSync(damaged, `${good}\n${good.replace(/"hash":"[0-9a-f]{10}/, '"hash":"zzzzzzzzzz')}\n`);
		const r2 = await verify('--checkpoint', damaged);
		assert.equal(r2.code, 1);
		assert.match(r2.stderr, /damaged\.log:2: not a well-formed audit checkpoint/);

		const r3 = await verify('--checkpoint', path.join(srv.dir, 'no-such-file'));
		assert.equal(r3.code, 1);
		assert.match(r3.stderr, /cannot read/);

		const r4 = await verify('--expect', 'abc');
		assert.equal(r4.code, 2);
		assert.match(r4.stderr, /64 hex digits/);
	});
});
