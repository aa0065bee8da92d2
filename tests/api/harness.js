'use strict';
// harness.js - black-box helpers for the kfq HTTP tests (node:test, no npm packages).
//
// Environment:
//   KFQ_BIN      the kfq binary (default build/kfq; CI passes an ASan build)
//   KFQ_TEST_PG  a PostgreSQL server URL ending in /postgres: each server gets a fresh
//                database CREATEd there instead of a fresh SQLite file
//   TEST_OUT     where the servers' stderr logs go (default test-output/api)
//
// startServer() makes a temp dir and a fresh database, migrates it, imports the demo
// organizations, creates the users, spawns `kfq serve` and returns a handle; Client keeps a
// cookie jar and the CSRF token.

const { spawn, execFile } = require('node:child_process');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const KFQ_BIN = process.env.KFQ_BIN ? path.resolve(process.env.KFQ_BIN) : path.join(ROOT, 'build', 'kfq');
const PG_URL = process.env.KFQ_TEST_PG || '';
const IS_PG = PG_URL !== '';
const TEST_OUT = process.env.TEST_OUT ? path.resolve(process.env.TEST_OUT) : path.join(ROOT, 'test-output', 'api');
const DEMO_ORGS = path.join(ROOT, 'data', 'demo', 'orgs.tsv');

// Generous: CI runs an ASan build. No test asserts how long anything takes.
const STEP_TIMEOUT = 60_000;
const FILE_TIMEOUT = 300_000;

const SANITIZER_RE = /ERROR: AddressSanitizer|ERROR: LeakSanitizer|runtime error:|ThreadSanitizer|UndefinedBehaviorSanitizer/;

// Demo organizations (data/demo/orgs.tsv), by name.
const ORG = {
	commerce: '市商务局',
	audit: '市审计局',
	discipline: '市纪委监委',
	dongzhou: '东洲区',
	shuncheng: '顺城区',
	xinfu: '新抚区',
	hightech: '抚顺高新技术产业开发区（示例）',
	econ: '抚顺经济开发区（示例）',
	shengli: '抚顺胜利经济开发区（示例）',
	platform: '抚顺高新区建设发展有限公司（示例）',
};
const DEMO_ORG_COUNT = 27;

function pw(name) {
	return `Kfq-${name}-Passw0rd!`;
}

const DEFAULT_USERS = [
	{ username: 'admin', org: ORG.commerce, role: 'admin' },
	{ username: 'office1', org: ORG.commerce, role: 'office' },
	{ username: 'zone1', org: ORG.econ, role: 'zone' },
	{ username: 'zone2', org: ORG.shengli, role: 'zone' },
	{ username: 'county1', org: ORG.dongzhou, role: 'county' },
	{ username: 'auditor1', org: ORG.audit, role: 'auditor' },
	{ username: 'super1', org: ORG.discipline, role: 'supervisor' },
];

/** A national ID number with its GB 11643 check character (ISO 7064 MOD 11-2) after first17. */
function idNumber(first17) {
	const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
	const sum = [...first17].reduce((t, d, i) => t + Number(d) * w[i], 0);
	return first17 + '10X98765432'[sum % 11];
}

/** Today in Asia/Shanghai (kfq's day), plus offset days, as YYYY-MM-DD. */
function day(offset = 0) {
	return dayOf(Date.now() + offset * 86400e3);
}

/** The Asia/Shanghai day, YYYY-MM-DD, of a time (milliseconds, or a timestamp kfq answered,
 * which is in UTC: from 16:00 UTC on it is already the next day in China). */
function dayOf(t) {
	const ms = typeof t === 'number' ? t : Date.parse(t);
	return new Date(ms + 8 * 3600e3).toISOString().slice(0, 10);
}

/** The seed policy text (the Fushun draft) the reform tests import. */
const SEED = path.join(ROOT, 'tests', 'data', 'fushun-devzone-reform-draft-2025.txt');

function sleep(ms) {
	return new Promise((r) => setTimeout(r, ms));
}

function rand(n = 6) {
	return crypto.randomBytes(n).toString('hex');
}

/** The login name `kfq` records for command-line changes ("cli:<login>"). */
function cliLogin() {
	try {
		return os.userInfo().username;
	} catch {
		return 'unknown';
	}
}

// A binary being relinked (another build in the same checkout) cannot be executed for a moment.
const BUSY_EXEC = new Set(['ETXTBSY', 'EACCES', 'ENOENT']);

/** Runs a program; resolves {code, signal, stdout, stderr} (never rejects on exit status). */
async function run(file, args, opts = {}) {
	for (let attempt = 1; ; attempt++) {
		try {
			return await runOnce(file, args, opts);
		} catch (e) {
			if (!BUSY_EXEC.has(e.code) || attempt >= 10) throw e;
			await sleep(300);
		}
	}
}

function runOnce(file, args, { input, env, cwd, timeout = STEP_TIMEOUT } = {}) {
	return new Promise((resolve, reject) => {
		const child = execFile(
			file,
			args,
			{ env: { ...process.env, ...env }, cwd, timeout, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
			(err, stdout, stderr) => {
				if (err && typeof err.code !== 'number' && !err.signal && !err.killed) return reject(err);
				resolve({ code: child.exitCode, signal: child.signalCode, stdout, stderr });
			},
		);
		child.stdin.on('error', () => {}); // a process that exits early closes its stdin
		if (input !== undefined) child.stdin.end(input);
		else child.stdin.end();
	});
}

/** Runs `kfq ARGS`; asserts the process was not killed and printed no sanitizer report. */
async function kfq(args, opts = {}) {
	const r = await run(KFQ_BIN, args, { cwd: opts.cwd || os.tmpdir(), ...opts });
	assert.equal(r.signal, null, `kfq ${args.join(' ')} killed by ${r.signal}\n${r.stderr}`);
	assert.doesNotMatch(r.stderr, SANITIZER_RE, `kfq ${args.join(' ')}: sanitizer report`);
	return r;
}

/** `kfq demo --db DB ARGS…`, asserted to succeed. The demo writes every module's data: under
 * ASan on a loaded machine's PostgreSQL it has taken a minute, past STEP_TIMEOUT. A server on
 * the demo data: startServer({ demo: true }). */
async function demo(db, args = []) {
	const r = await kfq(['demo', '--db', db, ...args], { cwd: ROOT, timeout: FILE_TIMEOUT / 2 });
	assert.equal(r.code, 0, r.stderr);
	return r;
}

/** Like kfq() but also asserts exit status 0. */
async function kfqOk(args, opts = {}) {
	const r = await kfq(args, opts);
	assert.equal(r.code, 0, `kfq ${args.join(' ')} exited ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
	return r;
}

async function psql(url, sql) {
	const r = await run('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-At', url, '-c', sql]);
	return r;
}

async function psqlOk(url, sql) {
	const r = await psql(url, sql);
	assert.equal(r.code, 0, `psql ${sql}: ${r.stderr}`);
	return r.stdout;
}

/** Runs SQL on a database given as a SQLite path or PostgreSQL URL: {code, stdout, stderr}. */
async function sql(db, text) {
	if (/^postgres(ql)?:\/\//.test(db)) return psql(db, text);
	return run('sqlite3', ['-bail', '-batch', db, text]);
}

async function sqlOk(db, text) {
	const r = await sql(db, text);
	assert.equal(r.code, 0, `SQL failed: ${text}\n${r.stderr}`);
	return r.stdout.trim();
}

/** The audit_log columns in table order. */
const AUDIT_COLS = 'seq, time, user_id, username, org_id, client_addr, action, entity_type, entity_id, before_json, after_json, prev_hash, hash';

/** SQL that removes the audit log's append-only triggers, as an attacker with the database could. */
const DROP_AUDIT_TRIGGERS = IS_PG
	? 'DROP TRIGGER audit_log_no_change ON audit_log;'
	: 'DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;';

/** kfq's canonical JSON (util/jcanon.h): keys sorted by bytes, no whitespace. */
function canonical(v) {
	if (v === null || typeof v !== 'object') return JSON.stringify(v);
	if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
	const keys = Object.keys(v).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
	return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
}

/**
 * An audit record's canonical text and hash (core/audit_chain.h) from its fields as the API
 * lists them (before/after parsed, ids or null), chained to prev: {canon, hash}.
 */
function auditHash(r, prev = r.prev_hash) {
	const canon = canonical({
		action: r.action,
		after: r.after,
		before: r.before,
		client_addr: r.client_addr,
		entity_id: r.entity_id,
		entity_type: r.entity_type,
		org_id: r.org_id,
		prev_hash: r.prev_hash,
		seq: r.seq,
		time: r.time,
		user_id: r.user_id,
		username: r.username,
	});
	return { canon, hash: crypto.createHash('sha256').update(`${prev}\n${canon}`).digest('hex') };
}

let dbCounter = 0;

/**
 * A fresh, empty database in dir: a SQLite path, or a new PostgreSQL database's URL on the
 * server pg (default KFQ_TEST_PG).
 */
async function freshDatabase(dir, pg = PG_URL) {
	if (!pg) return path.join(dir, `kfq-${++dbCounter}.db`);
	const name = `kfq_t_${rand(6)}`;
	await psqlOk(pg, `CREATE DATABASE ${name}`);
	const u = new URL(pg);
	u.pathname = `/${name}`;
	return u.toString();
}

async function dropDatabase(db) {
	if (!/^postgres(ql)?:\/\//.test(db)) return;
	const u = new URL(db);
	const name = u.pathname.slice(1);
	u.pathname = '/postgres';
	await psql(u.toString(), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

function logName() {
	const main = process.argv[1] ? path.basename(process.argv[1]).replace(/\.test\.js$/, '') : 'test';
	return main;
}

/**
 * A PostgreSQL cluster of the test's own (scripts/pg-temp.sh), for tests that stop and start
 * the server: {url, down(), up(), stop()}; url ends in /postgres as KFQ_TEST_PG does.
 */
async function startPgCluster() {
	const script = path.join(ROOT, 'scripts', 'pg-temp.sh');
	const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'kfq-pg-'));
	const dir = path.join(parent, 'pg');
	const step = async (cmd) => {
		const r = await run(script, [cmd, dir], { timeout: 120_000 });
		assert.equal(r.code, 0, `pg-temp.sh ${cmd}: ${r.stderr}`);
		return r.stdout.trim();
	};
	const url = await step('start');
	return {
		url,
		down: () => step('down'),
		up: () => step('up'),
		async stop() {
			await step('stop');
			fs.rmSync(parent, { recursive: true, force: true });
		},
	};
}

let serverCounter = 0;

/** Migrates db, imports the demo organizations and creates the users. */
async function prepare(db, users) {
	await kfqOk(['migrate', '--db', db]);
	await kfqOk(['org', 'import', '--db', db, DEMO_ORGS]);
	// one process per user, a few at a time: each hashes a password (argon2id)
	for (let i = 0; i < users.length; i += 4) {
		await Promise.all(
			users.slice(i, i + 4).map((u) =>
				kfqOk(
					['user', 'add', '--db', db, '--username', u.username, '--org', u.org, '--role', u.role, '--password-stdin'],
					{ input: `${u.password || pw(u.username)}\n` },
				),
			),
		);
	}
}

// A prepared database (prepare(), and `kfq demo` with demo) is made once per binary,
// organizations file, accounts, demo, database server and day, and copied for each server that
// asks for the same: migrating, importing and hashing seven passwords under ASan was a third of
// the HTTP tests' time, and the demo took seconds more (DECISIONS 291). The copy is what the
// commands would have written: the same rows, the audit chain of the same commands, and the
// demo's evidence files and ID-number key where the server looks for them.
const TEMPLATES = path.join(TEST_OUT, 'templates');

function templateKey(users, withDemo, pg) {
	const bin = fs.statSync(KFQ_BIN);
	const what = JSON.stringify([
		bin.size,
		bin.mtimeMs,
		bin.ino,
		fs.readFileSync(DEMO_ORGS, 'utf8'),
		users.map((u) => [u.username, u.org, u.role, u.password || pw(u.username)]),
		withDemo,
		pg ? new URL(pg).host : '',
		day(),
	]);
	return crypto.createHash('sha256').update(what).digest('hex').slice(0, 16);
}

/**
 * A fresh database (as freshDatabase) holding what prepare(db, users) and, with withDemo, `kfq
 * demo` write; the demo's files go into dir, where a server run in dir (SQLite: beside the
 * database; PostgreSQL: var/) finds them.
 */
async function preparedDatabase(dir, pg, users, withDemo) {
	const key = templateKey(users, withDemo, pg);
	// a directory: kfq.db on SQLite, and what the demo writes beside the database or in var/
	const tpl = path.join(TEMPLATES, key);
	const name = `kfq_tpl_${key}`;
	if (!fs.existsSync(tpl)) {
		fs.mkdirSync(TEMPLATES, { recursive: true });
		const work = fs.mkdtempSync(`${tpl}-`);
		const db = pg ? await freshDatabase(work, pg) : path.join(work, 'kfq.db');
		try {
			await prepare(db, users);
			if (withDemo && pg) {
				// the server runs in its dir and finds var/files and var/personal.key there; the
				// demo runs in the repository (its data/demo), so it is told where they go
				const v = path.join(work, 'var');
				fs.mkdirSync(v);
				await demo(db, ['--data-dir', path.join(v, 'files'), '--personal-key', path.join(v, 'personal.key')]);
			} else if (withDemo) {
				await demo(db);
			}
			if (pg) {
				const r = await psql(pg, `ALTER DATABASE ${new URL(db).pathname.slice(1)} RENAME TO ${name}`);
				if (r.code !== 0 && !/already exists/.test(r.stderr)) assert.fail(`psql: ${r.stderr}`);
			}
			try {
				fs.renameSync(work, tpl);
			} catch (e) {
				// another test file made it meanwhile: either is whole
				if (!fs.existsSync(tpl)) throw e;
			}
		} finally {
			if (pg) await dropDatabase(db);
			fs.rmSync(work, { recursive: true, force: true });
		}
	}
	for (const f of fs.readdirSync(tpl)) {
		if (f !== 'kfq.db') fs.cpSync(path.join(tpl, f), path.join(dir, f), { recursive: true });
	}
	if (!pg) {
		const db = path.join(dir, `kfq-${++dbCounter}.db`);
		fs.copyFileSync(path.join(tpl, 'kfq.db'), db);
		return db;
	}
	const fresh = `kfq_t_${rand(6)}`;
	await psqlOk(pg, `CREATE DATABASE ${fresh} TEMPLATE ${name}`);
	const u = new URL(pg);
	u.pathname = `/${fresh}`;
	return u.toString();
}

/**
 * Starts a kfq server on a fresh database.
 * opts.users       accounts to create (default: the seven demo users); each {username, org, role}
 *                  with password pw(username)
 * opts.demo        the database holds the demo data too (`kfq demo`, its files where the server
 *                  finds them)
 * opts.serveArgs   extra `kfq serve` arguments (e.g. ['--trust-proxy'], ['--web-root', dir])
 * opts.listen      --listen value (default 127.0.0.1:0)
 * opts.pg          a PostgreSQL server URL (…/postgres) to use instead of KFQ_TEST_PG
 * opts.db          serve this existing database (migrated, with its users) instead of a fresh
 *                  one; close() leaves it in place (whoever made it drops it)
 * Returns {base, port, db, dir, log, users, stop(), kill9(), restart(), close(), kfq(args)}.
 */
async function startServer(opts = {}) {
	const users = opts.users || DEFAULT_USERS;
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kfq-api-'));
	fs.mkdirSync(TEST_OUT, { recursive: true });
	const log = path.join(TEST_OUT, `${logName()}-${process.pid}-${++serverCounter}.log`);
	fs.writeFileSync(log, '');
	const db = opts.db || (await preparedDatabase(dir, opts.pg === undefined ? PG_URL : opts.pg, users, !!opts.demo).catch((e) => {
		fs.rmSync(dir, { recursive: true, force: true });
		throw e;
	}));

	const srv = {
		db,
		dir,
		log,
		users,
		base: null,
		port: null,
		child: null,
		exited: null,
		async kfq(args, o) {
			return kfq(args, o);
		},
	};
	const serveArgs = ['serve', '--db', db, '--listen', opts.listen || '127.0.0.1:0', '--no-access-log', ...(opts.serveArgs || [])];

	srv.spawn = async function () {
		let child;
		for (let attempt = 1; ; attempt++) {
			const fd = fs.openSync(log, 'a');
			child = spawn(KFQ_BIN, serveArgs, { cwd: dir, stdio: ['ignore', 'pipe', fd] });
			fs.closeSync(fd);
			const err = await new Promise((resolve) => {
				child.once('spawn', () => resolve(null));
				child.once('error', resolve);
			});
			if (!err) break;
			if (!BUSY_EXEC.has(err.code) || attempt >= 10) throw new Error(`cannot run ${KFQ_BIN}: ${err.message}`);
			await sleep(300);
		}
		srv.child = child;
		srv.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
		const port = await new Promise((resolve, reject) => {
			let out = '';
			const timer = setTimeout(() => reject(new Error(`kfq serve did not start in time; see ${log}`)), STEP_TIMEOUT);
			child.stdout.setEncoding('utf8');
			child.stdout.on('data', (d) => {
				out += d;
				const m = /kfq: serving on http:\/\/[\d.]+:(\d+)\//.exec(out);
				if (m) {
					clearTimeout(timer);
					resolve(Number(m[1]));
				}
			});
			child.on('exit', (code, signal) => {
				clearTimeout(timer);
				reject(new Error(`kfq serve exited (${code ?? signal}) before serving; see ${log}:\n${fs.readFileSync(log, 'utf8')}`));
			});
		});
		const host = (opts.listen || '127.0.0.1:0').replace(/:\d+$/, '');
		srv.port = port;
		srv.base = `http://${host}:${port}`;
		return srv;
	};

	/** SIGTERM; waits for the exit and asserts a graceful one (status 0). */
	srv.stop = async function () {
		if (!srv.child) return { code: 0, signal: null };
		const child = srv.child;
		srv.child = null;
		child.kill('SIGTERM');
		const r = await srv.exited;
		assert.deepEqual(r, { code: 0, signal: null }, `kfq serve did not exit cleanly on SIGTERM; see ${log}`);
		return r;
	};

	/** SIGKILL: the process dies without any chance to clean up. */
	srv.kill9 = async function () {
		if (!srv.child) return;
		const child = srv.child;
		srv.child = null;
		child.kill('SIGKILL');
		await srv.exited;
	};

	/** Starts the server again on the same database (new port: base changes). */
	srv.restart = async function () {
		if (srv.child) await srv.stop();
		return srv.spawn();
	};

	/** Asserts the server's stderr holds no sanitizer report. */
	srv.checkLog = function () {
		const text = fs.readFileSync(log, 'utf8');
		const bad = text.split('\n').filter((l) => SANITIZER_RE.test(l));
		assert.deepEqual(bad, [], `sanitizer report in ${log}`);
	};

	/** Teardown: graceful stop, log check, drop the database, remove the temp dir. */
	srv.close = async function () {
		try {
			await srv.stop();
			srv.checkLog();
		} finally {
			if (srv.child) await srv.kill9();
			if (!opts.db) await dropDatabase(db);
			fs.rmSync(dir, { recursive: true, force: true });
		}
	};

	try {
		await srv.spawn();
	} catch (e) {
		if (srv.child) await srv.kill9();
		if (!opts.db) await dropDatabase(db);
		fs.rmSync(dir, { recursive: true, force: true });
		throw e;
	}
	return srv;
}

/** An HTTP client with a cookie jar and the CSRF token of its session. */
class Client {
	constructor(srv) {
		this.srv = srv;
		this.cookies = new Map();
		this.csrf = null;
		this.user = null;
	}

	cookieHeader() {
		return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
	}

	/**
	 * opts.headers   extra headers (a value of null removes a default header)
	 * opts.origin    false to omit Origin, or a string to send instead of the server's origin
	 * opts.csrf      false to omit X-CSRF-Token, or a string to send instead
	 * opts.contentType  false to omit, or a string
	 * opts.raw       send body as is (string/Buffer) instead of JSON.stringify
	 * opts.cookie    false to send no cookie
	 */
	async request(method, p, body, opts = {}) {
		const headers = {};
		if (opts.origin !== false) headers.Origin = typeof opts.origin === 'string' ? opts.origin : this.srv.base;
		if (opts.contentType !== false) headers['Content-Type'] = opts.contentType || 'application/json';
		if (opts.csrf !== false && (typeof opts.csrf === 'string' || this.csrf)) headers['X-CSRF-Token'] = typeof opts.csrf === 'string' ? opts.csrf : this.csrf;
		if (opts.cookie !== false && this.cookies.size) headers.Cookie = this.cookieHeader();
		for (const [k, v] of Object.entries(opts.headers || {})) {
			for (const h of Object.keys(headers)) if (h.toLowerCase() === k.toLowerCase()) delete headers[h];
			if (v !== null) headers[k] = v;
		}
		let payload;
		if (body !== undefined && body !== null) payload = opts.raw ? body : JSON.stringify(body);
		const res = await fetch(this.srv.base + p, { method, headers, body: payload, redirect: 'manual' });
		for (const sc of res.headers.getSetCookie()) {
			const [pair, ...attrs] = sc.split(';');
			const eq = pair.indexOf('=');
			const name = pair.slice(0, eq).trim();
			const value = pair.slice(eq + 1).trim();
			if (value === '' || attrs.some((a) => /^\s*max-age=0\s*$/i.test(a))) this.cookies.delete(name);
			else this.cookies.set(name, value);
		}
		const buf = Buffer.from(await res.arrayBuffer());
		let json;
		if (/json/.test(res.headers.get('content-type') || '') && buf.length) {
			try {
				json = JSON.parse(buf.toString('utf8'));
			} catch {
				json = undefined;
			}
		}
		return { status: res.status, headers: res.headers, json, buf, text: buf.toString('utf8') };
	}

	get(p, opts) {
		return this.request('GET', p, undefined, opts);
	}
	post(p, body, opts) {
		return this.request('POST', p, body, opts);
	}
	put(p, body, opts) {
		return this.request('PUT', p, body, opts);
	}
	del(p, body, opts) {
		return this.request('DELETE', p, body, opts);
	}

	/** POST /api/session; keeps the cookie and csrf_token. Returns the response. */
	async tryLogin(username, password, opts) {
		const r = await this.post('/api/session', { username, password }, { csrf: false, ...opts });
		if (r.status === 200) {
			this.csrf = r.json.csrf_token;
			this.user = r.json.user;
		}
		return r;
	}

	/** Logs in and asserts 200. */
	async login(username, password = pw(username)) {
		const r = await this.tryLogin(username, password);
		assert.equal(r.status, 200, `login ${username}: ${r.status} ${r.text}`);
		return r;
	}
}

/** Logs the given demo users in, one client each: {admin: Client, ...}. */
/** A client of server `srv` with the same session as `from` (a client of another server). */
function sameSession(from, srv) {
	const c = new Client(srv);
	c.cookies = new Map(from.cookies);
	c.csrf = from.csrf;
	return c;
}

async function loginAll(srv, names) {
	const out = {};
	await Promise.all(
		names.map(async (n) => {
			out[n] = new Client(srv);
			await out[n].login(n);
		}),
	);
	return out;
}

/** Asserts an error answer: status, error.code, optionally error.field, and a Chinese message. */
function assertError(r, status, code, field) {
	assert.equal(r.status, status, `expected ${status} ${code}, got ${r.status} ${r.text}`);
	assert.ok(r.json && r.json.error, `no JSON error body: ${r.text}`);
	assert.equal(r.json.error.code, code, `error.code: ${r.text}`);
	if (field !== undefined) assert.equal(r.json.error.field, field, `error.field: ${r.text}`);
	assert.match(r.json.error.message || '', /[\u4e00-\u9fff]/, `error.message should be Chinese: ${r.text}`);
	return r;
}

/**
 * Sends raw bytes on a new TCP connection and collects the answer until the server closes it
 * or `until(text)` is true. Returns {status, head, body, text}.
 */
function rawRequest(port, data, { until, timeout = STEP_TIMEOUT, host = '127.0.0.1' } = {}) {
	return new Promise((resolve, reject) => {
		const sock = net.connect(port, host);
		const chunks = [];
		let done = false;
		const finish = () => {
			if (done) return;
			done = true;
			clearTimeout(timer);
			sock.destroy();
			resolve(parseRaw(Buffer.concat(chunks)));
		};
		const timer = setTimeout(() => {
			if (chunks.length) finish();
			else {
				done = true;
				sock.destroy();
				reject(new Error('raw request: no answer'));
			}
		}, timeout);
		sock.on('data', (d) => {
			chunks.push(d);
			if (until && until(Buffer.concat(chunks).toString('latin1'))) finish();
		});
		sock.on('end', finish);
		sock.on('close', finish);
		sock.on('error', (e) => {
			// the server may reset after answering (e.g. 413 before the body was read)
			if (chunks.length) finish();
			else if (!done) {
				done = true;
				clearTimeout(timer);
				reject(e);
			}
		});
		sock.on('connect', async () => {
			for (const part of Array.isArray(data) ? data : [data]) {
				if (typeof part === 'function') await part(sock);
				else if (!sock.destroyed) sock.write(part);
			}
		});
	});
}

function parseRaw(buf) {
	const text = buf.toString('utf8');
	const sep = text.indexOf('\r\n\r\n');
	const head = sep >= 0 ? text.slice(0, sep) : text;
	let body = sep >= 0 ? text.slice(sep + 4) : '';
	const m = /^HTTP\/1\.[01] (\d{3})/.exec(head);
	if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
		let out = '';
		let rest = Buffer.from(body, 'utf8');
		for (;;) {
			const s = rest.toString('latin1');
			const nl = s.indexOf('\r\n');
			if (nl < 0) break;
			const n = parseInt(s.slice(0, nl), 16);
			if (!n) break;
			out += rest.subarray(nl + 2, nl + 2 + n).toString('utf8');
			rest = rest.subarray(nl + 2 + n + 2);
		}
		body = out;
	}
	let json;
	try {
		json = JSON.parse(body);
	} catch {
		json = undefined;
	}
	return { status: m ? Number(m[1]) : 0, head, body, json, text };
}

/** Whether a parsed raw response holds a complete HTTP message (by Content-Length). */
function rawComplete(text) {
	const sep = text.indexOf('\r\n\r\n');
	if (sep < 0) return false;
	const m = /\r\ncontent-length:\s*(\d+)/i.exec(text.slice(0, sep));
	if (!m) return /\r\n0\r\n\r\n$/.test(text);
	return Buffer.byteLength(text.slice(sep + 4), 'latin1') >= Number(m[1]);
}

/**
 * The entries of a .zip (an .xlsx) as {name: Buffer}: a minimal reader of the central
 * directory (stored and deflated entries), enough to look inside exports.
 */
function unzip(buf) {
	const zlib = require('node:zlib');
	let eocd = -1;
	for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
		if (buf.readUInt32LE(i) === 0x06054b50) {
			eocd = i;
			break;
		}
	}
	assert.ok(eocd >= 0, 'not a zip file (no end of central directory)');
	const n = buf.readUInt16LE(eocd + 10);
	let p = buf.readUInt32LE(eocd + 16);
	const out = {};
	for (let k = 0; k < n; k++) {
		assert.equal(buf.readUInt32LE(p), 0x02014b50, 'bad central directory entry');
		const method = buf.readUInt16LE(p + 10);
		const csize = buf.readUInt32LE(p + 20);
		const nameLen = buf.readUInt16LE(p + 28);
		const extraLen = buf.readUInt16LE(p + 30);
		const commentLen = buf.readUInt16LE(p + 32);
		const local = buf.readUInt32LE(p + 42);
		const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
		const lNameLen = buf.readUInt16LE(local + 26);
		const lExtraLen = buf.readUInt16LE(local + 28);
		const data = buf.subarray(local + 30 + lNameLen + lExtraLen, local + 30 + lNameLen + lExtraLen + csize);
		out[name] = method === 8 ? zlib.inflateRawSync(data) : Buffer.from(data);
		p += 46 + nameLen + extraLen + commentLen;
	}
	return out;
}

/** All text of an .xlsx's worksheets and shared strings (XML entities decoded). */
function xlsxText(buf) {
	const files = unzip(buf);
	return Object.keys(files)
		.filter((n) => /^xl\/(worksheets\/sheet\d+|sharedStrings)\.xml$/.test(n))
		.map((n) => files[n].toString('utf8'))
		.join('\n')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&amp;/g, '&');
}

/** The number of rows in the first worksheet of an .xlsx (the header row included). */
function xlsxRows(buf) {
	const files = unzip(buf);
	const sheet = files['xl/worksheets/sheet1.xml'];
	assert.ok(sheet, 'no xl/worksheets/sheet1.xml');
	return (sheet.toString('utf8').match(/<row[ >]/g) || []).length;
}

// For a test of peak memory: ASan keeps freed memory aside (256 MB by default) to catch use
// after free; there freed memory must be reused, or every row read would look like growth.
// Set as ASAN_OPTIONS of a kfq run or before startServer.
const ASAN_REUSE = `${process.env.ASAN_OPTIONS || ''}:quarantine_size_mb=0:thread_local_quarantine_size_kb=0`;

/** The peak resident set of a started server so far, in KiB (VmHWM of /proc/PID/status). */
function serverPeakKiB(srv) {
	const m = /^VmHWM:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${srv.child.pid}/status`, 'utf8'));
	assert.ok(m, 'no VmHWM');
	return Number(m[1]);
}

/** Starts a started server's peak anew at its resident set now ("5" to /proc/PID/clear_refs) and
 * returns it, in KiB: memory it freed and gave back (a login's 64 MiB argon2id hash) no longer
 * hides what comes after under the peak it left. */
function serverPeakReset(srv) {
	fs.writeFileSync(`/proc/${srv.child.pid}/clear_refs`, '5');
	return serverPeakKiB(srv);
}

/** Id of a demo organization by name (as the admin sees the list). */
async function orgIds(client) {
	const r = await client.get('/api/orgs');
	assert.equal(r.status, 200, r.text);
	const ids = {};
	for (const o of r.json.items) ids[o.name] = o.id;
	return ids;
}

/** POST /api/imports/KIND with the file's bytes as a client of the web app sends them. */
function importFile(client, kind, buf, name) {
	return client.post(`/api/imports/${kind}?name=${encodeURIComponent(name)}`, buf, { raw: true, contentType: 'application/octet-stream' });
}

/** An import's refused rows as [row, column, message]. */
function importProblems(r) {
	return r.json.import.problems.map((p) => [p.row, p.column, p.message]);
}

module.exports = {
	importFile,
	importProblems,
	ROOT,
	KFQ_BIN,
	IS_PG,
	PG_URL,
	TEST_OUT,
	STEP_TIMEOUT,
	FILE_TIMEOUT,
	SANITIZER_RE,
	AUDIT_COLS,
	DROP_AUDIT_TRIGGERS,
	canonical,
	auditHash,
	ORG,
	DEMO_ORG_COUNT,
	DEFAULT_USERS,
	pw,
	day,
	dayOf,
	idNumber,
	SEED,
	sleep,
	rand,
	cliLogin,
	run,
	kfq,
	kfqOk,
	demo,
	sql,
	sqlOk,
	startPgCluster,
	freshDatabase,
	dropDatabase,
	startServer,
	Client,
	loginAll,
	sameSession,
	assertError,
	rawRequest,
	rawComplete,
	parseRaw,
	orgIds,
	unzip,
	xlsxText,
	xlsxRows,
	ASAN_REUSE,
	serverPeakKiB,
	serverPeakReset,
};
