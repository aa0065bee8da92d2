'use strict';
// backup.test.js - a backup is the database and every evidence file it refers to, as of one
// moment, taken while the server writes; `kfq restore` brings both back into a new database and
// evidence directory and proves them (the audit chain verifies and ends at the backup's head,
// every evidence file hashes to its name). The restore drill then serves the restored copy:
// the same sessions work and every evidence file downloads byte for byte. Damaged or missing
// files, in the backup or in the live evidence directory, are refused with nothing left half
// written; existing backups and databases are never overwritten.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./harness');

const T = { timeout: h.STEP_TIMEOUT * 3 };
const sha256 = (buf) => crypto.createHash('sha256').update(buf).digest('hex');

/** A small PDF, different for each n. */
const pdf = (n) => Buffer.from(`%PDF-1.4\n% 证明材料 ${n}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);

describe('backup and restore', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, dataDir, serial = 0;
	const targets = [];

	before(async () => {
		srv = await h.startServer({ users: h.DEFAULT_USERS.filter((u) => ['office1', 'zone1', 'auditor1'].includes(u.username)) });
		c = await h.loginAll(srv, ['office1', 'zone1', 'auditor1']);
		dataDir = h.IS_PG ? path.join(srv.dir, 'var', 'files') : path.join(path.dirname(srv.db), 'files');
		for (let i = 0; i < 5; i++) await upload();
	});

	after(async () => {
		for (const db of targets) await h.dropDatabase(db);
		if (srv) await srv.close();
	});

	async function upload() {
		const r = await c.zone1.post(`/api/evidence?name=${encodeURIComponent(`材料${++serial}.pdf`)}`, pdf(serial), {
			raw: true,
			contentType: 'application/octet-stream',
		});
		assert.equal(r.status, 201, r.text);
		return r.json;
	}

	async function backup(name) {
		const out = path.join(srv.dir, name);
		const r = await h.kfq(['backup', '--db', srv.db, '--data-dir', dataDir, out]);
		return { out, r };
	}

	/** A new, empty target: a database and an evidence directory. */
	async function target() {
		const dir = fs.mkdtempSync(path.join(srv.dir, 'target-'));
		const db = await h.freshDatabase(dir);
		targets.push(db);
		return { db, files: path.join(dir, 'evidence') };
	}

	async function restore(out, t) {
		return h.kfq(['restore', out, '--db', t.db, '--data-dir', t.files]);
	}

	/** Every evidence file the database refers to, checked in the evidence directory. */
	async function checkFiles(db, files) {
		const rows = (await h.sqlOk(db, 'SELECT DISTINCT sha256, size FROM attachment ORDER BY sha256')).split('\n');
		for (const row of rows) {
			const [hash, size] = row.split('|');
			const buf = fs.readFileSync(path.join(files, hash.slice(0, 2), hash));
			assert.equal(buf.length, Number(size), `${hash}: size`);
			assert.equal(sha256(buf), hash, `${hash}: content`);
		}
		return rows.length;
	}

	test('kfq backup writes the database, its evidence files, the audit head and a summary', T, async () => {
		const head = (await c.auditor1.get('/api/audit/verify')).json;
		const { out, r } = await backup('b1');
		assert.equal(r.code, 0, r.stdout + r.stderr);
		assert.match(r.stdout, new RegExp(`^backup written to ${out}: ${head.count} audit records \\(head ${head.head_hash}\\), 5 evidence files \\(\\d+ bytes\\)$`, 'm'));
		const names = fs.readdirSync(out).sort();
		assert.deepEqual(names, ['BACKUP.txt', 'checkpoint.log', 'files', h.IS_PG ? 'kfq.dump' : 'kfq.db']);
		assert.match(fs.readFileSync(path.join(out, 'checkpoint.log'), 'utf8'), new RegExp(`"audit_checkpoint":\\{"seq":${head.count},"hash":"${head.head_hash}"\\}`));
		assert.match(fs.readFileSync(path.join(out, 'BACKUP.txt'), 'utf8'), new RegExp(`audit: +${head.count} records, head ${head.head_hash}`));
		// the owner only: it holds password hashes and sessions
		assert.equal(fs.statSync(out).mode & 0o777, 0o700);
		assert.equal(fs.statSync(path.join(out, names[3])).mode & 0o077, 0);
		assert.equal(await checkFiles(srv.db, path.join(out, 'files')), 5);
		// never over an existing backup
		const again = await backup('b1');
		assert.equal(again.r.code, 1);
		assert.match(again.r.stderr, /already exists/);
	});

	test('backups taken during writes each restore to a consistent whole', T, async () => {
		let writing = true;
		const writer = (async () => {
			for (let i = 0; i < 12; i++) {
				await upload();
				const o = await c.office1.post('/api/orgs', { name: `备份期间${i}`, type: 'county' });
				assert.equal(o.status, 201, o.text);
			}
		})().finally(() => {
			writing = false;
		});
		const outs = [];
		for (let i = 0; writing || i === 0; i++) {
			const { out, r } = await backup(`during-${i}`);
			assert.equal(r.code, 0, r.stdout + r.stderr);
			outs.push(out);
		}
		await writer;
		for (const out of outs) {
			const t = await target();
			const r = await restore(out, t);
			assert.equal(r.code, 0, `${out}: ${r.stdout}${r.stderr}`);
			const v = await h.kfq(['audit', 'verify', '--db', t.db, '--checkpoint', path.join(out, 'checkpoint.log')]);
			assert.equal(v.code, 0, `${out}: ${v.stdout}${v.stderr}`);
			// every organization and evidence file of the copy has its audit record in the copy
			for (const [table, type] of [['org', 'org'], ['attachment', 'attachment']]) {
				const orphans = await h.sqlOk(t.db, `SELECT count(*) FROM ${table} WHERE CAST(id AS TEXT) NOT IN (SELECT entity_id FROM audit_log WHERE entity_type = '${type}')`);
				assert.equal(orphans, '0', `${out}: ${table} rows without their audit record`);
			}
			await checkFiles(t.db, t.files);
		}
	});

	test('restore drill: the restored copy serves the same sessions and every evidence file, byte for byte', T, async () => {
		const head = (await c.auditor1.get('/api/audit/verify')).json;
		const { out, r } = await backup('drill');
		assert.equal(r.code, 0, r.stdout + r.stderr);
		const t = await target();
		const res = await restore(out, t);
		assert.equal(res.code, 0, res.stdout + res.stderr);
		const n = Number(await h.sqlOk(srv.db, 'SELECT count(DISTINCT sha256) FROM attachment'));
		assert.equal(res.stdout.trim(), `restored ${head.count} audit records (head ${head.head_hash}, as backed up) and ${n} evidence files into ${t.files}`);
		assert.equal(await checkFiles(t.db, t.files), n);

		const copy = await h.startServer({ db: t.db, serveArgs: ['--data-dir', t.files] });
		try {
			const zone = new h.Client(copy);
			zone.cookies = new Map(c.zone1.cookies);
			zone.csrf = c.zone1.csrf;
			const auditor = new h.Client(copy);
			auditor.cookies = new Map(c.auditor1.cookies);
			const v = await auditor.get('/api/audit/verify');
			assert.equal(v.status, 200, v.text);
			assert.equal(v.json.ok, true);
			assert.equal(v.json.count, head.count);
			assert.equal(v.json.head_hash, head.head_hash);
			const ids = (await h.sqlOk(t.db, 'SELECT id, sha256 FROM attachment ORDER BY id')).split('\n');
			for (const row of ids) {
				const [id, hash] = row.split('|');
				const d = await zone.get(`/api/evidence/${id}`);
				assert.equal(d.status, 200, `evidence ${id}: ${d.text}`);
				assert.equal(sha256(d.buf), hash, `evidence ${id}`);
			}
		} finally {
			await copy.close();
		}
	});

	test('a damaged or missing file in the backup: restore refuses, no database is left', T, async () => {
		const { out, r } = await backup('spoiled');
		assert.equal(r.code, 0, r.stdout + r.stderr);
		const [hash] = (await h.sqlOk(srv.db, 'SELECT sha256 FROM attachment ORDER BY id LIMIT 1')).split('\n');
		const file = path.join(out, 'files', hash.slice(0, 2), hash);
		const good = fs.readFileSync(file);
		const bad = Buffer.from(good);
		bad[10] ^= 1;
		fs.writeFileSync(file, bad);
		let t = await target();
		let res = await restore(out, t);
		assert.equal(res.code, 1, res.stdout + res.stderr);
		assert.match(res.stderr, new RegExp(`evidence file ${hash}: damaged in the backup`));
		if (!h.IS_PG) assert.ok(!fs.existsSync(t.db) && !fs.existsSync(`${t.db}.restoring`), 'no database left');
		else assert.match(res.stderr, /drop it/);
		assert.ok(!fs.existsSync(path.join(t.files, hash.slice(0, 2), hash)), 'the damaged file is not copied');
		// nor any other: a failed restore leaves the evidence directory as it found it
		const blobs = (dir) => (fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).filter((f) => /^[0-9a-f]{64}$/.test(path.basename(String(f)))) : []);
		assert.ok(blobs(path.join(out, 'files')).length > 1, 'a backup of several files');
		assert.deepEqual(blobs(t.files), []);

		fs.rmSync(file);
		t = await target();
		res = await restore(out, t);
		assert.equal(res.code, 1, res.stdout + res.stderr);
		assert.match(res.stderr, new RegExp(`evidence file ${hash}: missing from the backup`));

		// and never over a database in use
		res = await h.kfq(['restore', out, '--db', srv.db, '--data-dir', path.join(srv.dir, 'x')]);
		assert.equal(res.code, 1);
		assert.match(res.stderr, h.IS_PG ? /not empty/ : /exists; move it/);
	});

	test('a damaged evidence file in the live directory: the backup fails and leaves nothing', T, async () => {
		const [hash] = (await h.sqlOk(srv.db, 'SELECT sha256 FROM attachment ORDER BY id LIMIT 1')).split('\n');
		const file = path.join(dataDir, hash.slice(0, 2), hash);
		const good = fs.readFileSync(file);
		fs.writeFileSync(file, Buffer.concat([good, Buffer.from('x')]));
		try {
			const { out, r } = await backup('from-damaged');
			assert.equal(r.code, 1, r.stdout + r.stderr);
			assert.match(r.stderr, new RegExp(`evidence file ${hash} in .*: damaged`));
			assert.ok(!fs.existsSync(out) && !fs.existsSync(`${out}.partial`), 'nothing written');
		} finally {
			fs.writeFileSync(file, good);
		}
	});
});
