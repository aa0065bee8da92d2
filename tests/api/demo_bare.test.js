'use strict';
// demo_bare.test.js - `kfq demo` on organizations without sample (示例) zones, as bench/board.sh
// makes them (its own 100 zones, none marked sample): the seed's tasks and the city's powers are
// written, nothing that needs a sample zone is, and the demo does not stop on it. Each problem
// on a key matter then names no zone (reporting one is optional).

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const h = require('./harness');

const T = { timeout: h.FILE_TIMEOUT };

describe('kfq demo without sample zones', { timeout: h.FILE_TIMEOUT }, () => {
	let dir, db;

	before(async () => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kfq-demo-bare-'));
		db = await h.freshDatabase(dir);
		// the demo organizations, every zone's sample column 0
		const tsv = fs
			.readFileSync(path.join(__dirname, '..', '..', 'data', 'demo', 'orgs.tsv'), 'utf8')
			.split('\n')
			.map((l) => (/\tzone\t/.test(l) ? l.replace(/\t1$/, '\t0') : l))
			.join('\n');
		fs.writeFileSync(path.join(dir, 'orgs.tsv'), tsv);
		await h.kfqOk(['migrate', '--db', db]);
		await h.kfqOk(['org', 'import', '--db', db, path.join(dir, 'orgs.tsv')]);
	});
	after(async () => {
		if (db) await h.dropDatabase(db);
		if (dir) fs.rmSync(dir, { recursive: true, force: true });
	});

	test('the demo completes; its two problems name no zone', T, async () => {
		assert.equal(await h.sqlOk(db, "SELECT COUNT(*) FROM org WHERE type = 'zone' AND is_sample <> 0"), '0');
		await h.demo(db, ['--data-dir', path.join(dir, 'files')]);
		assert.equal(await h.sqlOk(db, 'SELECT COUNT(*) FROM task'), '18');
		assert.equal(await h.sqlOk(db, 'SELECT COUNT(*) FROM matter_problem WHERE zone_org_id IS NULL'), '2');
		assert.equal(await h.sqlOk(db, 'SELECT COUNT(*) FROM zone_plan'), '0');
	});
});
