'use strict';
// failover.test.js - PostgreSQL restarts under a running kfq. While the database is down every
// API request answers 503 database_unavailable with Retry-After (never 500), /healthz 503 and
// /metrics what it holds in memory with the database reported down;
// when it is back kfq recovers by itself: each worker connects again and prepares its
// statements again, a request that found its connection dead is run once more on a new one,
// and every acknowledged write is there with a verifying audit chain. The test restarts a
// cluster of its own (the shared one keeps serving the other files). PostgreSQL only.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

const T = { timeout: h.STEP_TIMEOUT * 3 };
const THREADS = 3;

describe('PostgreSQL failover', { timeout: h.FILE_TIMEOUT, skip: !h.IS_PG && 'PostgreSQL only' }, () => {
	let pg, srv, office, auditor;
	let serial = 0;

	before(async () => {
		pg = await h.startPgCluster();
		srv = await h.startServer({
			pg: pg.url,
			users: h.DEFAULT_USERS.filter((u) => ['office1', 'auditor1'].includes(u.username)),
			serveArgs: ['--threads', String(THREADS)],
		});
		({ office1: office, auditor1: auditor } = await h.loginAll(srv, ['office1', 'auditor1']));
	});

	after(async () => {
		try {
			if (srv) await srv.close();
		} finally {
			if (pg) await pg.stop();
		}
	});

	const createOrg = () => office.post('/api/orgs', { name: `故障切换${++serial}`, type: 'county' });

	/** Enough requests at once that every worker thread takes some. */
	function burst(n, fn) {
		return Promise.all(Array.from({ length: n }, fn));
	}

	function assertUnavailable(r) {
		h.assertError(r, 503, 'database_unavailable');
		assert.equal(r.headers.get('retry-after'), '1', 'Retry-After on a 503');
	}

	async function waitHealthy() {
		for (let i = 0; i < 240; i++) {
			const r = await office.get('/healthz');
			if (r.status === 200) return;
			assertUnavailable(r);
			await h.sleep(250);
		}
		assert.fail('kfq did not recover after PostgreSQL came back');
	}

	async function orgNames() {
		return new Set((await h.sqlOk(srv.db, 'SELECT name FROM org')).split('\n'));
	}

	test('after a restart the next requests succeed: one that finds its connection dead runs again on a new one', T, async () => {
		for (const r of await burst(4 * THREADS, () => office.get('/api/orgs'))) assert.equal(r.status, 200, r.text);
		await pg.down();
		await pg.up();
		// every worker's cached connection is dead now; none of this may fail
		for (const r of await burst(4 * THREADS, () => office.get('/api/orgs'))) assert.equal(r.status, 200, r.text);
		for (const r of await burst(THREADS, createOrg)) assert.equal(r.status, 201, r.text);
		await pg.down();
		await pg.up();
		assert.equal((await office.get('/healthz')).status, 200);
		for (const r of await burst(THREADS, createOrg)) assert.equal(r.status, 201, r.text);
	});

	test('down under load: 503 with Retry-After, never 500; back up: recovers by itself, acknowledged writes kept', T, async () => {
		const acked = [];
		const statuses = new Map();
		const bad = [];
		let running = true;
		const note = (r) => {
			statuses.set(r.status, (statuses.get(r.status) || 0) + 1);
			if (r.status === 503 && (r.json?.error?.code !== 'database_unavailable' || r.headers.get('retry-after') !== '1')) bad.push(r.text);
			else if (![200, 201, 503].includes(r.status)) bad.push(`${r.status} ${r.text}`);
		};
		const writer = async () => {
			while (running) {
				const name = `负载${++serial}`;
				const r = await office.post('/api/orgs', { name, type: 'county' });
				note(r);
				if (r.status === 201) acked.push(name);
				else await h.sleep(50);
			}
		};
		const reader = async () => {
			while (running) {
				const r = await office.get('/api/orgs');
				note(r);
				if (r.status !== 200) await h.sleep(50);
			}
		};
		const load = Promise.all([writer(), writer(), writer(), reader(), reader()]);
		const waitFor = async (pred, what) => {
			for (let i = 0; i < 1200 && !pred(); i++) await h.sleep(50);
			assert.ok(pred(), `timed out waiting for ${what}`);
		};
		try {
			await waitFor(() => acked.length >= 20, '20 writes before the stop');
			await pg.down();
			await waitFor(() => (statuses.get(503) || 0) >= 10, 'answers while PostgreSQL is down');
			assertUnavailable(await office.get('/healthz'));
			assertUnavailable(await office.get('/api/orgs'));
			// many kept answers at once, every worker taking some: each answered 503, none left waiting
			for (const r of await burst(4 * THREADS, () => office.get('/api/orgs'))) assertUnavailable(r);
			// /metrics answers from memory and reports the database down
			let m = await office.get('/metrics');
			assert.equal(m.status, 200, m.text);
			assert.match(m.text, /^kfq_db_up\{backend="postgresql"\} 0$/m);
			assert.match(m.text, /^kfq_http_requests_total\{method="GET",route="\/api\/orgs",status="5xx"\} [1-9]\d*$/m);
			await pg.up();
			await waitHealthy();
			// each worker reconnects on its own (at most once a second after a failed try), so
			// the scrape that lands on a worker still waiting may say 0 for up to a second
			for (let i = 0; i < 40; i++) {
				m = await office.get('/metrics');
				if (/^kfq_db_up\{backend="postgresql"\} 1$/m.test(m.text)) break;
				await h.sleep(100);
			}
			assert.match(m.text, /^kfq_db_up\{backend="postgresql"\} 1$/m);
			const n = acked.length;
			await waitFor(() => acked.length >= n + 20, '20 writes after the restart');
		} finally {
			running = false;
			await load;
		}
		assert.deepEqual(bad.slice(0, 5), [], `${bad.length} answers other than 2xx or 503 database_unavailable with Retry-After`);
		const names = await orgNames();
		const lost = acked.filter((n) => !names.has(n));
		assert.deepEqual(lost, [], `${lost.length} of ${acked.length} acknowledged organizations are missing`);
		const v = await h.kfq(['audit', 'verify', '--db', srv.db]);
		assert.equal(v.code, 0, v.stdout + v.stderr);
		const api = await auditor.get('/api/audit/verify');
		assert.equal(api.json.ok, true, api.text);
		assert.match(v.stdout, new RegExp(`^OK: ${api.json.count} records, head ${api.json.head_hash}$`, 'm'));
	});
});
