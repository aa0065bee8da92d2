'use strict';
// http.test.js - the transport and the request checks every API call goes through: health,
// 404/405, undeclared query parameters, JSON body validation, size limits, content types,
// metrics, the static web app and path traversal.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const h = require('./harness');

const T = { timeout: h.STEP_TIMEOUT };
const MiB = 1024 * 1024;

describe('http', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, office, anon;
	const orgBody = (name) => ({ name, type: 'county' });

	before(async () => {
		srv = await h.startServer({ users: h.DEFAULT_USERS.filter((u) => u.username === 'office1') });
		office = new h.Client(srv);
		await office.login('office1');
		anon = new h.Client(srv);
	});

	after(async () => {
		if (srv) await srv.close();
	});

	test('GET /healthz answers 200 {"status":"ok"} without a session', T, async () => {
		const r = await anon.get('/healthz');
		assert.equal(r.status, 200);
		assert.match(r.headers.get('content-type'), /^application\/json/);
		assert.equal(r.json.status, 'ok');
		assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
	});

	test('an unknown /api path is a JSON 404 not_found', T, async () => {
		const r = await office.get('/api/x');
		h.assertError(r, 404, 'not_found');
		h.assertError(await anon.get('/api/x'), 404, 'not_found');
	});

	test('a known path with the wrong method is 405 method_not_allowed', T, async () => {
		h.assertError(await office.request('PATCH', '/api/orgs', orgBody('x')), 405, 'method_not_allowed');
		h.assertError(await office.del('/api/orgs'), 405, 'method_not_allowed');
		h.assertError(await office.post('/healthz', {}), 405, 'method_not_allowed');
	});

	test('a 405 names the allowed methods in an Allow header (RFC 9110 §15.5.6)', T, async () => {
		const r = await office.del('/api/orgs');
		assert.equal(r.status, 405);
		const allow = (r.headers.get('allow') || '').split(/\s*,\s*/).filter(Boolean).sort();
		assert.deepEqual(allow, ['GET', 'POST'], 'Allow header of DELETE /api/orgs');
	});

	test('an undeclared query parameter is 400 unknown_parameter naming it', T, async () => {
		h.assertError(await office.get('/api/orgs?foo=1'), 400, 'unknown_parameter', 'foo');
		h.assertError(await office.get('/api/orgs?q=%E5%B8%82&bogus='), 400, 'unknown_parameter', 'bogus');
		// declared ones are accepted
		const r = await office.get('/api/orgs?q=%E5%B8%82&type=county');
		assert.equal(r.status, 200);
	});

	test('malformed JSON is 400 invalid_json', T, async () => {
		h.assertError(await office.post('/api/orgs', '{"name": "x",', { raw: true }), 400, 'invalid_json');
		h.assertError(await office.post('/api/orgs', '{"name": "x"} trailing', { raw: true }), 400, 'invalid_json');
		h.assertError(await office.post('/api/orgs', '{"name":"a","name":"b","type":"county"}', { raw: true }), 400, 'invalid_json');
	});

	test('a JSON value that is not an object is 400', T, async () => {
		h.assertError(await office.post('/api/orgs', [orgBody('数组')]), 400, 'invalid_json');
		h.assertError(await office.post('/api/orgs', '"text"', { raw: true }), 400, 'invalid_json');
		h.assertError(await office.post('/api/orgs', 'null', { raw: true }), 400, 'invalid_json');
	});

	test('a field of the wrong type is 400 invalid_type with its JSON pointer', T, async () => {
		h.assertError(await office.post('/api/orgs', { name: 5, type: 'county' }), 400, 'invalid_type', '/name');
		h.assertError(await office.post('/api/orgs', { name: 'x', type: 'county', parent_id: '1' }), 400, 'invalid_type', '/parent_id');
		h.assertError(await office.post('/api/orgs', { name: 'x', type: 'county', is_sample: 1 }), 400, 'invalid_type', '/is_sample');
		h.assertError(await office.post('/api/orgs', { name: 'x', type: 'county', aliases: ['a', 7] }), 400, 'invalid_type', '/aliases/1');
		h.assertError(await office.post('/api/orgs', { name: 'x', type: 'county', aliases: 'a' }), 400, 'invalid_type', '/aliases');
	});

	test('an unknown field is 400 unknown_field', T, async () => {
		h.assertError(await office.post('/api/orgs', { name: 'x', type: 'county', extra: 1 }), 400, 'unknown_field', '/extra');
	});

	test('a missing required field is 400 missing_field', T, async () => {
		h.assertError(await office.post('/api/orgs', { type: 'county' }), 400, 'missing_field', '/name');
		h.assertError(await office.post('/api/orgs', { name: 'x' }), 400, 'missing_field', '/type');
	});

	test('too long strings and control characters are refused', T, async () => {
		// the limit counts characters, as the console's counters do: 100 Chinese ones fit
		let r = await office.post('/api/orgs', { name: '长'.repeat(101), type: 'county' });
		h.assertError(r, 400, 'too_long', '/name');
		assert.equal(r.json.error.message, '字段 name 过长（最多100字）');
		r = await office.post('/api/orgs', { name: '长'.repeat(100), type: 'county' });
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.name, '长'.repeat(100));
		h.assertError(await office.post('/api/orgs', { name: 'a\u0001b', type: 'county' }), 400, 'invalid_characters', '/name');
		// jansson refuses \u0000 while parsing
		h.assertError(await office.post('/api/orgs', { name: 'a\u0000b', type: 'county' }), 400, 'invalid_json');
	});

	test('none of the refused bodies created anything', T, async () => {
		const r = await office.get('/api/orgs');
		assert.equal(r.status, 200);
		assert.equal(r.json.total, h.DEMO_ORG_COUNT + 1); // the name of 100 characters
	});

	test('a body of exactly 1 MiB is accepted', T, async () => {
		const start = JSON.stringify(orgBody('一兆字节区'));
		const body = start + ' '.repeat(MiB - Buffer.byteLength(start));
		assert.equal(Buffer.byteLength(body), MiB);
		const r = await office.post('/api/orgs', body, { raw: true });
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.name, '一兆字节区');
	});

	test('a body over 1 MiB with Content-Length is 413 body_too_large', T, async () => {
		const body = JSON.stringify(orgBody('过大')) + ' '.repeat(MiB);
		const r = await office.post('/api/orgs', body, { raw: true }).catch((e) => ({ error: e }));
		if (r.error) {
			// the server may answer before reading the body and close: read the answer raw
			const raw = await h.rawRequest(srv.port, [
				`POST /api/orgs HTTP/1.1\r\nHost: 127.0.0.1:${srv.port}\r\nOrigin: ${srv.base}\r\nContent-Type: application/json\r\n` +
					`Cookie: ${office.cookieHeader()}\r\nX-CSRF-Token: ${office.csrf}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
			]);
			assert.equal(raw.status, 413, raw.text);
			assert.equal(raw.json.error.code, 'body_too_large');
			return;
		}
		h.assertError(r, 413, 'body_too_large');
	});

	test('a declared Content-Length over 1 MiB is refused before the body is sent', T, async () => {
		const raw = await h.rawRequest(srv.port, [
			`POST /api/orgs HTTP/1.1\r\nHost: 127.0.0.1:${srv.port}\r\nOrigin: ${srv.base}\r\nContent-Type: application/json\r\n` +
				`Cookie: ${office.cookieHeader()}\r\nX-CSRF-Token: ${office.csrf}\r\nContent-Length: ${MiB + 1}\r\n\r\n{`,
		], { until: h.rawComplete });
		assert.equal(raw.status, 413, raw.text);
		assert.equal(raw.json.error.code, 'body_too_large');
	});

	test('a chunked body over 1 MiB is 413 body_too_large', T, async () => {
		const chunk = ' '.repeat(64 * 1024);
		const parts = [
			`POST /api/orgs HTTP/1.1\r\nHost: 127.0.0.1:${srv.port}\r\nOrigin: ${srv.base}\r\nContent-Type: application/json\r\n` +
				`Cookie: ${office.cookieHeader()}\r\nX-CSRF-Token: ${office.csrf}\r\nTransfer-Encoding: chunked\r\n\r\n`,
		];
		const first = JSON.stringify(orgBody('分块过大'));
		parts.push(`${Buffer.byteLength(first).toString(16)}\r\n${first}\r\n`);
		for (let i = 0; i < 17; i++) parts.push(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
		parts.push('0\r\n\r\n');
		const raw = await h.rawRequest(srv.port, parts, { until: h.rawComplete });
		assert.equal(raw.status, 413, raw.text);
		assert.equal(raw.json.error.code, 'body_too_large');
		const list = await office.get('/api/orgs?q=%E5%88%86%E5%9D%97');
		assert.equal(list.json.total, 0, 'the oversized chunked create must not happen');
	});

	test('a small chunked body is accepted', T, async () => {
		const body = JSON.stringify(orgBody('分块区'));
		const raw = await h.rawRequest(srv.port, [
			`POST /api/orgs HTTP/1.1\r\nHost: 127.0.0.1:${srv.port}\r\nOrigin: ${srv.base}\r\nContent-Type: application/json\r\n` +
				`Cookie: ${office.cookieHeader()}\r\nX-CSRF-Token: ${office.csrf}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n`,
			`${Buffer.byteLength(body).toString(16)}\r\n${body}\r\n0\r\n\r\n`,
		]);
		assert.equal(raw.status, 201, raw.text);
		assert.equal(raw.json.name, '分块区');
	});

	test('a body with the wrong Content-Type is 415', T, async () => {
		const body = JSON.stringify(orgBody('类型错误'));
		h.assertError(await office.post('/api/orgs', body, { raw: true, contentType: 'text/plain' }), 415, 'unsupported_media_type');
		h.assertError(await office.post('/api/orgs', body, { raw: true, contentType: 'application/x-www-form-urlencoded' }), 415, 'unsupported_media_type');
		h.assertError(await office.post('/api/orgs', body, { raw: true, contentType: 'application/jsonp' }), 415, 'unsupported_media_type');
		const ok = await office.post('/api/orgs', body, { raw: true, contentType: 'application/json; charset=utf-8' });
		assert.equal(ok.status, 201, ok.text);
	});

	test('/metrics from loopback is Prometheus text with kfq_http_requests_total', T, async () => {
		const r = await anon.get('/metrics');
		assert.equal(r.status, 200);
		assert.match(r.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);
		assert.match(r.text, /^# TYPE kfq_http_requests_total counter$/m);
		assert.match(r.text, /^kfq_http_requests_total\{method="GET",route="\/healthz",status="2xx"\} [1-9]\d*$/m);
		assert.match(r.text, /^kfq_http_requests_total\{method="POST",route="\/api\/orgs",status="4xx"\} [1-9]\d*$/m);
		assert.match(r.text, /^kfq_http_request_duration_seconds_count [1-9]\d*$/m);
		assert.match(r.text, /^kfq_db_connections\{backend="(sqlite|postgresql)"\} \d+$/m);
		assert.match(r.text, new RegExp(`backend="${h.IS_PG ? 'postgresql' : 'sqlite'}"`));
		assert.match(r.text, new RegExp(`^kfq_db_up\\{backend="${h.IS_PG ? 'postgresql' : 'sqlite'}"\\} 1$`, 'm'));
		// SQLite's WAL checkpoints, by the checkpointer's thread and by commits past the WAL's bound
		for (const by of ['checkpointer', 'commit'])
			assert.equal(new RegExp(`^kfq_sqlite_wal_checkpoints_total\\{by="${by}"\\} \\d+$`, 'm').test(r.text), !h.IS_PG);
	});

	test('worker threads: one per CPU (at least 2) on SQLite, two per CPU on PostgreSQL, unless set', T, async () => {
		const n = os.cpus().length * (h.IS_PG ? 2 : 1); // the online CPUs, as sysconf counts them
		const workers = async (server) => {
			const m = /^kfq_http_worker_threads (\d+)$/m.exec((await new h.Client(server).get('/metrics')).text);
			assert.ok(m, 'no kfq_http_worker_threads in /metrics');
			return Number(m[1]);
		};
		assert.equal(await workers(srv), Math.min(Math.max(n, 2), 256));
		const set = await h.startServer({ db: srv.db, users: [], serveArgs: ['--threads', '3'] });
		try {
			assert.equal(await workers(set), 3);
		} finally {
			await set.close();
		}
	});

	test('/metrics refuses a client that is not on loopback', T, async (t) => {
		const ip = Object.values(os.networkInterfaces())
			.flat()
			.find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
		if (!ip) return t.skip('no non-loopback IPv4 address on this machine');
		const other = await h.startServer({ users: [], listen: `${ip}:0` });
		try {
			const c = new h.Client(other);
			h.assertError(await c.get('/metrics'), 403, 'forbidden');
			assert.equal((await c.get('/healthz')).status, 200);
		} finally {
			await other.close();
		}
	});

	describe('static web app', () => {
		let web, webRoot, secret, c;

		before(async () => {
			webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'kfq-web-'));
			fs.mkdirSync(path.join(webRoot, 'assets'));
			fs.writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>kfq</title><div id="app">INDEX</div>\n');
			fs.writeFileSync(path.join(webRoot, 'assets', 'app.js'), 'console.log("app");\n');
			fs.writeFileSync(path.join(webRoot, '.env'), 'SECRET=hidden\n');
			// a file outside the web root that must never be served
			secret = path.join(path.dirname(webRoot), `kfq-secret-${h.rand()}.txt`);
			fs.writeFileSync(secret, 'TOP-SECRET\n');
			web = await h.startServer({ users: [], serveArgs: ['--web-root', webRoot] });
			c = new h.Client(web);
		});

		after(async () => {
			if (web) await web.close();
			fs.rmSync(webRoot, { recursive: true, force: true });
			fs.rmSync(secret, { force: true });
		});

		test('GET / is index.html, text/html, Cache-Control no-cache', T, async () => {
			const r = await c.get('/');
			assert.equal(r.status, 200);
			assert.match(r.headers.get('content-type'), /^text\/html/);
			assert.equal(r.headers.get('cache-control'), 'no-cache');
			assert.match(r.text, /INDEX/);
		});

		test('/assets/app.js is text/javascript and immutable', T, async () => {
			const r = await c.get('/assets/app.js');
			assert.equal(r.status, 200);
			assert.match(r.headers.get('content-type'), /^text\/javascript/);
			assert.match(r.headers.get('cache-control'), /immutable/);
			assert.match(r.headers.get('cache-control'), /max-age=31536000/);
			assert.equal(r.text, 'console.log("app");\n');
		});

		test('a client-side route gets index.html', T, async () => {
			for (const p of ['/orgs/3', '/users', '/audit/verify']) {
				const r = await c.get(p);
				assert.equal(r.status, 200, p);
				assert.match(r.headers.get('content-type'), /^text\/html/, p);
				assert.match(r.text, /INDEX/, p);
				assert.equal(r.headers.get('cache-control'), 'no-cache', p);
			}
		});

		test('a missing file with an extension is 404, not index.html', T, async () => {
			const r = await c.get('/missing.js');
			h.assertError(r, 404, 'not_found');
			h.assertError(await c.get('/assets/missing.css'), 404, 'not_found');
		});

		test('API paths never fall back to index.html', T, async () => {
			h.assertError(await c.get('/api/nothing'), 404, 'not_found');
			h.assertError(await c.get('/api/orgs'), 401, 'not_authenticated');
		});

		test('hidden files are not served', T, async () => {
			const r = await c.get('/.env');
			assert.notEqual(r.status, 200);
			assert.doesNotMatch(r.text, /SECRET=hidden/);
		});

		test('dot-dot paths, encoded or not, never leave the web root', T, async () => {
			const name = path.basename(secret);
			const paths = [
				'/../etc/passwd',
				'/../../../../../../etc/passwd',
				'/assets/../../etc/passwd',
				'/%2e%2e/etc/passwd',
				'/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
				'/%2E%2E%2Fetc%2Fpasswd',
				'/..%2f..%2f..%2f..%2fetc%2fpasswd',
				'/assets/%2e%2e/%2e%2e/etc/passwd',
				'/..%5c..%5cetc%5cpasswd',
				`/../${name}`,
				`/%2e%2e/${name}`,
				`/assets/..%2f..%2f${name}`,
				'//etc/passwd',
				'/./index.html',
			];
			for (const p of paths) {
				const r = await h.rawRequest(web.port, `GET ${p} HTTP/1.1\r\nHost: 127.0.0.1:${web.port}\r\nConnection: close\r\n\r\n`);
				assert.doesNotMatch(r.body, /root:.*:0:0:|TOP-SECRET/, `${p} leaked a file`);
				// either refused, or (no dot segment left after decoding) the app itself
				if (r.status === 200) assert.match(r.body, /INDEX/, `${p}: 200 with something else than index.html`);
				else assert.ok([400, 403, 404].includes(r.status), `${p}: status ${r.status}`);
			}
		});
	});
});
