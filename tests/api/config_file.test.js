'use strict';
// config_file.test.js - `kfq serve --config FILE`: the texts a file sets (the 机关代字 of 督办单
// numbers) are what the server uses and are kept until it exits, without a leak at its stop; a
// value out of its range, or an empty 机关代字 or key file, is refused at start with the line
// and what is accepted, and nothing leaks on that path either; --lock-timeout is one of the
// limits such a file sets.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./harness');

const T = { timeout: h.STEP_TIMEOUT };

describe('a configuration file', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, dir;

	before(async () => {
		fs.mkdirSync(h.TEST_OUT, { recursive: true });
		dir = fs.mkdtempSync(path.join(h.TEST_OUT, 'config-'));
		const file = path.join(dir, 'kfq.conf');
		fs.writeFileSync(file, '# 督办单\nnotice_code = 抚开改督\nlock_timeout = 3\nthreads = 2\n');
		srv = await h.startServer({ serveArgs: ['--config', file] });
		c = await h.loginAll(srv, ['office1']);
		const r = await c.office1.post('/api/policies', fs.readFileSync(h.SEED), { raw: true, contentType: 'text/plain' });
		assert.equal(r.status, 201, r.text);
	});

	after(async () => {
		// close() asserts that the server exited 0 with no sanitizer report: the file's texts
		// were once copies nothing freed, a leak at every stop
		if (srv) await srv.close();
		if (dir) fs.rmSync(dir, { recursive: true, force: true });
	});

	test('the texts it sets are used: a 督办单 is numbered with its 机关代字', T, async () => {
		const ids = await h.orgIds(c.office1);
		const task = (await c.office1.get('/api/tasks?page_size=1')).json.items[0];
		const r = await c.office1.post('/api/notices', {
			org_id: ids[h.ORG.econ],
			task_id: task.id,
			subject: '请按期推进',
			body: '请于期限内反馈。',
			reply_due: h.day(7),
		});
		assert.equal(r.status, 201, r.text);
		assert.match(r.json.number, /^抚开改督〔\d{4}〕1号$/);
	});

	test('a value out of range, or an empty text where one is needed, is refused at start, naming the line and what is accepted', T, async () => {
		for (const [line, key] of [['lock_timeout = 0', 'lock_timeout'], ['lock_timeout = 601', 'lock_timeout'], ['notice_code = 督办\nheader_timeout = x', 'header_timeout'], ['notice_code =', 'notice_code'], ['db = ' + srv.db + '\npersonal_key =', 'personal_key']]) {
			const file = path.join(dir, 'bad.conf');
			fs.writeFileSync(file, `${line}\n`);
			const r = await h.kfq(['serve', '--config', file, '--db', srv.db, '--listen', '127.0.0.1:0']);
			assert.equal(r.code, 2, `${line}: ${r.stderr}`);
			const lineno = line.split('\n').length;
			assert.match(r.stderr, new RegExp(`bad\\.conf:${lineno}: ${key} = .*: expected `));
		}
		const r = await h.kfq(['serve', '--lock-timeout', '0', '--db', srv.db, '--listen', '127.0.0.1:0']);
		assert.equal(r.code, 2, r.stderr);
		assert.match(r.stderr, /--lock-timeout needs a whole number from 1 to 600/);
	});

	test('a bad value names its key and value and what is accepted, exit 2 before the database is opened; an unknown key lists the keys', T, async () => {
		const file = path.join(dir, 'bad.conf');
		const missing = path.join(dir, 'no-such.db');
		const cases = [
			['threads = abc', /bad\.conf:2: threads = 'abc': expected a whole number from 1 to 256\n/],
			['threads = 0', /bad\.conf:2: threads = '0': expected a whole number from 1 to 256\n/],
			['access_log = maybe', /bad\.conf:2: access_log = 'maybe': expected true, yes, 1, on, false, no, 0 or off\n/],
			['personal_cipher = aes', /bad\.conf:2: personal_cipher = 'aes': expected secretbox or sm4\n/],
			['audit_checkpoint_interval = 90000', /bad\.conf:2: audit_checkpoint_interval = '90000': expected a whole number from 0 to 86400\n/],
			// whole-line comments only (DECISIONS 388): a trailing one is refused, not read as part of the value
			['listen = 127.0.0.1:8080  # local', /bad\.conf:2: listen: a comment must stand on a line of its own \(found '# local' after the value\)\n/],
			['thread = 4', /bad\.conf:2: unknown key 'thread': expected one of db, listen, .*threads/],
			['threads 4', /bad\.conf:2: expected key = value\n/],
		];
		for (const [line, re] of cases) {
			// the file names a database that does not exist: a refusal after opening would say so
			fs.writeFileSync(file, `db = ${missing}\n${line}\n`);
			const r = await h.kfq(['serve', '--config', file, '--listen', '127.0.0.1:0', '--audit-checkpoint-file', path.join(dir, 'cp.log')]);
			assert.equal(r.code, 2, `${line}: ${r.stderr}`);
			assert.match(r.stderr, re, line);
			assert.doesNotMatch(r.stderr, /does not exist/, line);
		}
		assert.equal(fs.existsSync(path.join(dir, 'cp.log')), false);
		// a '#' inside a value with no blank before it is part of the value, as written
		fs.writeFileSync(file, `db = ${srv.db}\nnotice_code = 督办\nlisten = 127.0.0.1:8080#x\n`);
		const r = await h.kfq(['serve', '--config', file]);
		assert.equal(r.code, 2, r.stderr);
		assert.match(r.stderr, /kfq serve: --listen \(listen\) '127\.0\.0\.1:8080#x' is not HOST:PORT/);
	});
});
