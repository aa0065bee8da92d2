'use strict';
// paged_calls.test.js - no list is cut at its first page without a sign (DECISIONS 256, 271). A
// paged list route (one that declares page and page_size, API_QPAGE) answers its first 20 rows
// when asked without page_size, with total, page and page_size beside them. So every call of
// such a route in the web console must be one of: a list page's fetch (useList, which pages with
// ListPager and shows the total), everyPage (a picker, a map or a count that needs every row),
// or a call that names its page_size below the server's most (a count read from total, a
// preview of the newest, a search of a few). A bare call would show the first 20 as if they were all: this test reads the
// route tables and the console's sources and fails on one. On a demo database, on SQLite and
// PostgreSQL, every paged route asked without page_size answers its first page of 20 with the
// total, page and page_size a client needs to tell.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./harness');
const { pagedRoutes, demoPaths } = require('./routes');

const WEB = path.join(h.ROOT, 'web', 'src');

/** The functions of web/src/api.js by the path they GET: Map path -> ['fooApi.name']. */
function apiFunctions() {
	const src = fs.readFileSync(path.join(WEB, 'api.js'), 'utf8');
	const out = new Map();
	let group = null;
	for (const line of src.split('\n')) {
		const g = /^export const (\w+Api) = \{/.exec(line);
		if (g) group = g[1];
		const m = /^ {2}(\w+): \([^)]*\) => api\.get\((['`])([^'`]+)\2/.exec(line);
		if (group && m) {
			const p = m[3].replace(/\$\{[^}]+\}/g, ':id');
			out.set(p, [...(out.get(p) || []), `${group}.${m[1]}`]);
		}
	}
	return out;
}

function sources(dir) {
	const out = [];
	for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, e.name);
		if (e.isDirectory()) out.push(...sources(p));
		else if (/\.(vue|js)$/.test(e.name) && p !== path.join(WEB, 'api.js')) out.push(p);
	}
	return out;
}

/** The index of the parenthesis that closes the one at open. */
function closing(src, open) {
	let depth = 0;
	for (let i = open; i < src.length; i++) {
		if (src[i] === '(') depth++;
		else if (src[i] === ')' && --depth === 0) return i;
	}
	return src.length;
}

/** How a use of fn at index at in src reads its list, or null for a bare call. */
function form(src, at, fn) {
	const before = src.slice(Math.max(0, at - 40), at);
	if (/everyPage\(\s*$/.test(before)) return 'everyPage';
	if (/fetch:\s*$/.test(before)) return 'useList';
	const open = at + fn.length;
	if (src[open] !== '(') return null;
	const args = src.slice(open, closing(src, open));
	// the server's most is no page but the whole list cut at 500 (everyPage takes them all)
	if (/page_size/.test(args)) return /page_size:\s*(500|PAGE_MAX)\b/.test(args) ? null : 'page_size';
	// inside the fetch of a useList({...}) that holds it
	const list = src.lastIndexOf('useList(', at);
	if (list >= 0 && closing(src, list + 'useList'.length) > at && /fetch:/.test(src.slice(list, at))) return 'useList';
	return null;
}

test('every call of a paged list in the console pages, takes every page or names its page size', () => {
	const routes = pagedRoutes();
	assert.ok(routes.length >= 36, `${routes.length} paged routes`);
	const fns = apiFunctions();
	const files = sources(WEB).map((p) => ({ p, src: fs.readFileSync(p, 'utf8') }));
	const bare = [];
	let calls = 0;
	for (const r of routes)
		for (const fn of fns.get(r.path) || []) {
			const re = new RegExp(`\\b${fn.replace('.', '\\.')}\\b`, 'g');
			for (const { p, src } of files)
				for (const m of src.matchAll(re)) {
					calls++;
					if (!form(src, m.index, fn)) bare.push(`${path.relative(h.ROOT, p)}:${src.slice(0, m.index).split('\n').length} ${fn} (${r.path})`);
				}
		}
	assert.ok(calls >= 60, `${calls} calls`);
	assert.deepEqual(bare, []);
});

test('the check sees a bare call', () => {
	const src = "const a = await taskApi.list({ org_id: 3 })\nconst b = useList({ fetch: taskApi.list })\nconst c = everyPage(taskApi.list, {})\nconst d = taskApi.list({ page_size: 1 })\nconst f = taskApi.list({ page_size: 500 })\nconst e = useList({ filters: {}, fetch: async (q) => (await taskApi.list(q)) })\n";
	const forms = [...src.matchAll(/taskApi\.list/g)].map((m) => form(src, m.index, 'taskApi.list'));
	assert.deepEqual(forms, [null, 'useList', 'everyPage', 'page_size', null, 'useList']);
});

describe('paged lists asked without page_size', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c;

	before(async () => {
		srv = await h.startServer({ demo: true });
		c = await h.loginAll(srv, ['office1', 'auditor1', 'admin']);
	});

	after(async () => {
		if (srv) await srv.close();
	});

	test('answer the first 20 rows with total, page and page_size', { timeout: h.STEP_TIMEOUT * 4 }, async () => {
		const url = await demoPaths(c.office1);
		const anon = new h.Client(srv);
		const seen = [];
		for (const r of pagedRoutes()) {
			const path = url[r.path] || r.path;
			// the office reads most lists, the auditor the audit log, the administrator accounts;
			// the public library needs no one
			let res;
			for (const who of r.path.startsWith('/api/public/') ? [anon] : [c.office1, c.auditor1, c.admin]) if ((res = await who.get(path)).status !== 403) break;
			assert.equal(res.status, 200, `${path}: ${res.text}`);
			const { items, total, page, page_size: size } = res.json;
			assert.deepEqual([page, size], [1, 20], path);
			assert.equal(typeof total, 'number', path);
			assert.equal(items.length, Math.min(total, 20), path);
			if (total > 20) seen.push(r.path);
		}
		// the demo has more than a page of these, so the cut is seen
		for (const p of ['/api/milestones', '/api/plans', '/api/audit', '/api/enterprises', '/api/people']) assert.ok(seen.includes(p), p);
	});
});
