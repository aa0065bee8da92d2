'use strict';
// list_statements.test.js - a paged list reads its page in a fixed number of statements, not one
// more per row (DECISIONS 279). On a demo database served by one worker thread (so that each
// request finds the connection's kept names and totals as the one before it left them), every
// paged list is asked for a page of 1 row and a page of 20, each once to warm the connection and
// once measured by kfq_db_statements_total's growth over the request (the scrapes' own statements
// are the same in both): the page of 20 takes no more than the page of 1 (fewer where the page
// holds every row and no total is counted). The three that read a child per row when this test
// came (进展报告's evidence, 社会事务's files, the accounts' custom scopes) read them for the whole
// page in one statement (DECISIONS 290). On SQLite and PostgreSQL.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');
const { pagedRoutes, demoPaths } = require('./routes');

describe('paged lists read a page in a fixed number of statements', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, anon;

	before(async () => {
		srv = await h.startServer({ serveArgs: ['--threads', '1'], demo: true });
		c = await h.loginAll(srv, ['office1', 'auditor1', 'admin']);
		anon = new h.Client(srv);
	});

	after(async () => {
		if (srv) await srv.close();
	});

	const statements = async () => {
		const m = /^kfq_db_statements_total\{backend="(?:sqlite|postgresql)"\} (\d+)$/m.exec((await anon.get('/metrics')).text);
		assert.ok(m, 'no kfq_db_statements_total in /metrics');
		return Number(m[1]);
	};

	/** The statements one request of url by who took (the second of two), and its rows. */
	const measure = async (who, url) => {
		assert.equal((await who.get(url)).status, 200, url);
		const before = await statements();
		const res = await who.get(url);
		const n = (await statements()) - before;
		assert.equal(res.status, 200, `${url}: ${res.text}`);
		return { n, rows: res.json.items.length };
	};

	test('a page of 20 rows takes as many statements as a page of 1', { timeout: h.STEP_TIMEOUT * 4 }, async () => {
		const url = await demoPaths(c.office1);
		const grows = [];
		for (const r of pagedRoutes()) {
			const path = url[r.path] || r.path;
			let who;
			for (who of r.path.startsWith('/api/public/') ? [anon] : [c.office1, c.auditor1, c.admin]) if ((await who.get(path)).status !== 403) break;
			const sep = path.includes('?') ? '&' : '?';
			const one = await measure(who, `${path}${sep}page_size=1`);
			const twenty = await measure(who, `${path}${sep}page_size=20`);
			if (twenty.n > one.n) grows.push(r.path);
		}
		assert.deepEqual(grows, [], 'these lists take more statements for 20 rows than for 1');
	});
});
