'use strict';
// audit_memory.test.js - a long audit log keeps one record in memory at a time, not the whole
// table: PostgreSQL's rows are read in single-row mode (SQLite steps through them anyway). Over
// 12,000 more records of 4 KB each (about 50 MB of stored text), the peak memory of
// `kfq audit verify`, and the server's while it exports the log as .xlsx and as CSV (rows
// written to a temporary file as they are read, the file then sent), grow by far less than the
// log's size.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./harness');

const T = { timeout: h.FILE_TIMEOUT };
const RECORDS = 12000;
const PAD = 4000;

/** Runs `kfq ARGS` and returns {code, stdout, peakKiB}: the child's peak resident set. */
async function peak(args) {
	const py = 'import resource, subprocess, sys\n' + 'r = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE)\n' + 'sys.stderr.write(r.stdout.decode())\n' + 'print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n' + 'sys.exit(r.returncode)\n';
	const r = await h.run('python3', ['-c', py, h.KFQ_BIN, ...args], { env: { ASAN_OPTIONS: h.ASAN_REUSE }, timeout: h.FILE_TIMEOUT });
	return { code: r.code, stdout: r.stderr, peakKiB: Number(r.stdout.trim()) };
}

/** CSV field: quoted, quotes doubled. */
function csv(v) {
	return `"${String(v).replace(/"/g, '""')}"`;
}

/** Appends RECORDS records of PAD bytes to the server's log, continuing its chain; returns the
 * new head {last, hash} and the bytes loaded. */
async function loadRecords(srv) {
	const [seq0, hash0] = (await h.sqlOk(srv.db, 'SELECT seq, hash FROM audit_head')).split('|');
	// the records continue the chain, each hashed as core/audit_chain.h says
	const file = path.join(srv.dir, 'bulk.csv');
	const out = fs.openSync(file, 'w');
	let prev = hash0;
	let bytes = 0;
	for (let i = 1; i <= RECORDS; i++) {
		const rec = {
			seq: Number(seq0) + i,
			time: '2026-11-28T03:00:00Z',
			user_id: 1,
			username: 'bulk',
			org_id: 1,
			client_addr: '127.0.0.1',
			action: 'update',
			entity_type: 'org',
			entity_id: String(i),
			before: { n: i },
			after: { n: i, pad: 'x'.repeat(PAD) },
			prev_hash: prev,
		};
		const { hash } = h.auditHash(rec);
		const row = [rec.seq, rec.time, rec.user_id, rec.username, rec.org_id, rec.client_addr, rec.action, rec.entity_type, rec.entity_id, h.canonical(rec.before), h.canonical(rec.after), prev, hash];
		const line = `${row.map(csv).join(',')}\n`;
		bytes += line.length;
		fs.writeSync(out, line);
		prev = hash;
	}
	fs.closeSync(out);
	// a bulk load, not one transaction per record: the trigger that admits only the record
	// after the head is set aside meanwhile
	const last = Number(seq0) + RECORDS;
	if (h.IS_PG) {
		const copy = `\\copy audit_log (${h.AUDIT_COLS}) FROM '${file}' WITH (FORMAT csv)`;
		for (const sql of ['ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_at_head', copy, 'ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_at_head']) {
			const r = await h.run('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', srv.db, '-c', sql]);
			assert.equal(r.code, 0, r.stderr);
		}
	} else {
		const trigger = await h.sqlOk(srv.db, "SELECT sql FROM sqlite_master WHERE name = 'audit_log_append_at_head'");
		await h.sqlOk(srv.db, 'DROP TRIGGER audit_log_append_at_head');
		const r = await h.run('sqlite3', ['-bail', srv.db, `.import --csv ${file} audit_log`]);
		assert.equal(r.code, 0, r.stderr);
		await h.sqlOk(srv.db, `${trigger};`);
	}
	await h.sqlOk(srv.db, `UPDATE audit_head SET seq = ${last}, hash = '${prev}'`);
	fs.rmSync(file);
	return { last, hash: prev, bytes };
}

describe('a long audit log', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, auditor, small, smallServer, loaded;

	before(async () => {
		// the server's freed memory is reused too
		process.env.ASAN_OPTIONS = h.ASAN_REUSE;
		srv = await h.startServer({ users: h.DEFAULT_USERS.filter((u) => ['office1', 'auditor1'].includes(u.username)) });
		auditor = (await h.loginAll(srv, ['auditor1'])).auditor1;
		small = await peak(['audit', 'verify', '--db', srv.db]);
		assert.equal(small.code, 0, small.stdout);
		for (const ext of ['xlsx', 'csv']) assert.equal((await auditor.get(`/api/audit/export.${ext}`)).status, 200);
		smallServer = h.serverPeakKiB(srv);
		loaded = await loadRecords(srv);
	});

	after(async () => {
		if (srv) await srv.close();
	});

	test(`${RECORDS} records of ${PAD} bytes: verifying them, memory does not grow with the log`, T, async (t) => {
		const big = await peak(['audit', 'verify', '--db', srv.db]);
		assert.equal(big.code, 0, big.stdout);
		assert.equal(big.stdout.trim(), `OK: ${loaded.last} records, head ${loaded.hash}`);
		const growth = big.peakKiB - small.peakKiB;
		t.diagnostic(`log ${Math.round(loaded.bytes / 1024)} KiB; peak ${small.peakKiB} KiB → ${big.peakKiB} KiB`);
		assert.ok(growth * 1024 < loaded.bytes / 4, `verifying ${Math.round(loaded.bytes / 1048576)} MB of records took ${Math.round(growth / 1024)} MB more memory than verifying a few`);
	});

	test(`${RECORDS} records of ${PAD} bytes: exporting them, the server's memory does not grow with the log`, T, async (t) => {
		const xlsx = await auditor.get('/api/audit/export.xlsx');
		assert.equal(xlsx.status, 200);
		assert.equal(h.xlsxRows(xlsx.buf), 1 + loaded.last);
		const text = (await auditor.get('/api/audit/export.csv')).text;
		// the header, every record, and the last row's end
		assert.equal(text.split('\r\n').length, 1 + loaded.last + 1);
		const peakKiB = h.serverPeakKiB(srv);
		const growth = peakKiB - smallServer;
		t.diagnostic(`log ${Math.round(loaded.bytes / 1024)} KiB; server peak ${smallServer} KiB → ${peakKiB} KiB`);
		assert.ok(growth * 1024 < loaded.bytes / 4, `exporting ${Math.round(loaded.bytes / 1048576)} MB of records took ${Math.round(growth / 1024)} MB more of the server's memory than exporting a few`);
	});
});
