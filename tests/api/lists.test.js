'use strict';
// lists.test.js - the filters of the large lists (milestones, plans, tasks, notices, the audit
// log) combine as the unfiltered list says they should, page by page, in every role's view.
// Each list's statement holds only the predicates its request uses (one statement per
// combination, planned once), so every combination is a statement of its own: each is checked
// here against the full list filtered in JavaScript, with its total, on both databases.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

const T = { timeout: h.FILE_TIMEOUT };

const day = h.day; // today in Asia/Shanghai, plus offset days

/** Every item of a paged list (pages of 500). */
async function all(client, url) {
	const out = [];
	for (let page = 1; ; page++) {
		const r = await client.get(`${url}${url.includes('?') ? '&' : '?'}page_size=500&page=${page}`);
		assert.equal(r.status, 200, r.text);
		out.push(...r.json.items);
		if (out.length >= r.json.total) return out;
	}
}

/** Every combination of the given filters: each filter is absent or one of its values. */
function combos(filters) {
	let out = [{}];
	for (const [name, values] of Object.entries(filters)) {
		const next = [];
		for (const c of out) {
			next.push(c);
			for (const v of values) next.push({ ...c, [name]: v });
		}
		out = next;
	}
	return out;
}

const query = (c) =>
	Object.entries(c)
		.map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
		.join('&');

/**
 * Asks `base` with each combination of `filters` and compares ids and total with `full`
 * filtered by `keep(item, combination)`; a few combinations also page by page.
 */
async function check(client, base, full, filters, keep) {
	let n = 0;
	for (const c of combos(filters)) {
		const want = full.filter((x) => keep(x, c)).map((x) => x.id);
		const q = query(c);
		const r = await client.get(`${base}?${q}${q ? '&' : ''}page_size=500`);
		assert.equal(r.status, 200, `${base}?${q}: ${r.text}`);
		assert.deepEqual(
			r.json.items.map((x) => x.id),
			want.slice(0, 500),
			`${base}?${q}`,
		);
		assert.equal(r.json.total, want.length, `${base}?${q}: total`);
		// paged: the second page of 3, and a page past the end (the total is counted then)
		if (n++ % 5 === 0) {
			const p2 = await client.get(`${base}?${q}${q ? '&' : ''}page_size=3&page=2`);
			assert.deepEqual(
				p2.json.items.map((x) => x.id),
				want.slice(3, 6),
				`${base}?${q} page 2`,
			);
			assert.equal(p2.json.total, want.length, `${base}?${q} page 2: total`);
			const past = await client.get(`${base}?${q}${q ? '&' : ''}page_size=50&page=40`);
			assert.deepEqual(past.json.items, []);
			assert.equal(past.json.total, want.length, `${base}?${q} past the end: total`);
		}
	}
	return n;
}

describe('list filters combine on both databases', { timeout: h.FILE_TIMEOUT * 2 }, () => {
	let srv, c, ids, tasks;

	before(async () => {
		srv = await h.startServer({ demo: true });
		c = await h.loginAll(srv, ['admin', 'office1', 'zone1', 'county1', 'auditor1']);
		ids = await h.orgIds(c.admin);
		tasks = (await c.office1.get('/api/tasks?page_size=100')).json.items;
	});

	after(async () => {
		if (srv) await srv.close();
	});

	const msFilters = () => ({
		task_id: [tasks.find((t) => t.article_number === 4).id, tasks.find((t) => t.article_number === 9).id],
		org_id: [ids[h.ORG.econ], ids[h.ORG.hightech]],
		state: ['done', 'done_late', 'overdue', 'due_soon', 'stale', 'on_track'],
		q: ['配套', '评估报告', '50%'],
	});
	const msKeep = (m, f) =>
		(!f.task_id || m.task_id === f.task_id) &&
		(!f.org_id || m.org_id === f.org_id) &&
		(!f.state || m.state === f.state) &&
		(!f.q || m.title.includes(f.q) || m.deliverable.includes(f.q));

	test('milestones: task, organization, state and text, for the office, a zone and a county', T, async () => {
		const full = await all(c.office1, '/api/milestones');
		assert.equal(full.length, 288);
		// the demo's plans put milestones in every state
		for (const s of ['done', 'overdue', 'on_track']) assert.ok(full.some((m) => m.state === s), s);
		let n = await check(c.office1, '/api/milestones', full, msFilters(), msKeep);
		// a custom scope: two zones chosen by the admin
		const add = await h.kfq(['user', 'add', '--db', srv.db, '--username', 'custom1', '--org', h.ORG.shuncheng, '--role', 'county', '--password-stdin'], { input: `${h.pw('custom1')}\n` });
		assert.equal(add.code, 0, add.stderr);
		const user = (await c.admin.get('/api/users?q=custom1')).json.items[0];
		const put = await c.admin.put(`/api/users/${user.id}`, { display_name: 'custom1', org_id: user.org_id, role: 'county', data_scope: 'custom', scope_org_ids: [ids[h.ORG.econ], ids[h.ORG.shengli]] });
		assert.equal(put.status, 200, put.text);
		c.custom1 = new h.Client(srv);
		await c.custom1.login('custom1');
		const chosen = await all(c.custom1, '/api/milestones');
		assert.deepEqual(
			chosen.map((m) => m.id),
			full.filter((m) => m.org_id === ids[h.ORG.econ] || m.org_id === ids[h.ORG.shengli]).map((m) => m.id),
		);
		for (const who of ['zone1', 'county1', 'custom1']) {
			const mine = await all(c[who], '/api/milestones');
			assert.ok(mine.length > 0 && mine.length < full.length, `${who} sees part of the list`);
			n += await check(c[who], '/api/milestones', mine, msFilters(), msKeep);
		}
		assert.equal(n, 4 * 3 * 3 * 7 * 4);
	});

	test('plans: policy, task, organization and status', T, async () => {
		const full = await all(c.office1, '/api/plans');
		assert.equal(full.length, 72);
		const policy = tasks[0].policy_id;
		const filters = {
			policy_id: [policy, policy + 1000],
			task_id: [tasks.find((t) => t.article_number === 4).id],
			org_id: [ids[h.ORG.econ], ids[h.ORG.shengli]],
			status: ['approved', 'draft'],
		};
		const byTask = new Map(tasks.map((t) => [t.id, t]));
		const keep = (p, f) =>
			(!f.policy_id || byTask.get(p.task_id).policy_id === f.policy_id) &&
			(!f.task_id || p.task_id === f.task_id) &&
			(!f.org_id || p.org_id === f.org_id) &&
			(!f.status || p.status === f.status);
		await check(c.office1, '/api/plans', full, filters, keep);
		const mine = await all(c.county1, '/api/plans');
		await check(c.county1, '/api/plans', mine, filters, keep);
	});

	test('tasks: policy, article, organization with its role, and text', T, async () => {
		const full = [];
		for (const t of await all(c.office1, '/api/tasks')) full.push((await c.office1.get(`/api/tasks/${t.id}`)).json);
		assert.equal(full.length, 18);
		const filters = {
			policy_id: [tasks[0].policy_id],
			article: [3, 12],
			org_id: [ids[h.ORG.commerce], ids[h.ORG.econ]],
			role: ['lead', 'responsible'],
			q: ['开发区', '管委会'],
		};
		const keep = (t, f) =>
			(!f.policy_id || t.policy_id === f.policy_id) &&
			(!f.article || t.article_number === f.article) &&
			(!f.org_id ||
				((!f.role || f.role === 'lead') && t.lead_orgs.some((o) => o.id === f.org_id)) ||
				((!f.role || f.role === 'responsible') && t.responsible_orgs.some((o) => o.id === f.org_id))) &&
			(!f.q || t.title.includes(f.q) || t.body.includes(f.q));
		await check(c.office1, '/api/tasks', full, filters, keep);
	});

	test('notices: organization, task, status, overdue and awaiting a reply, in the office’s and a zone’s view', T, async () => {
		const t4 = tasks.find((t) => t.article_number === 4).id;
		const t9 = tasks.find((t) => t.article_number === 9).id;
		const made = [];
		for (const [org, task, extra] of [
			[h.ORG.econ, t4, {}],
			[h.ORG.econ, t9, {}],
			[h.ORG.hightech, t4, {}],
			[h.ORG.shengli, t9, {}],
			[h.ORG.econ, t4, {}],
			// copied to the zone: it reads it, its organization filter is the addressed one
			[h.ORG.hightech, t9, { cc_org_ids: [ids[h.ORG.econ]] }],
			// a draft: the office's only
			[h.ORG.econ, t4, { draft: true }],
		]) {
			const r = await c.office1.post('/api/notices', { org_id: ids[org], task_id: task, subject: '请报送推进情况', body: '请按期报送。', reply_due: day(5), ...extra });
			assert.equal(r.status, 201, r.text);
			made.push(r.json);
		}
		for (const i of [0, 1]) assert.equal((await c.zone1.post(`/api/notices/${made[i].id}/receive`, {})).status, 200);
		assert.equal((await c.zone1.post(`/api/notices/${made[1].id}/reply`, { reply: '已报送' })).status, 200);
		assert.equal((await c.office1.post(`/api/notices/${made[4].id}/close`, { comment: '已办结' })).status, 200);
		const filters = {
			org_id: [ids[h.ORG.econ], ids[h.ORG.hightech]],
			task_id: [t4, t9],
			status: ['draft', 'received', 'replied'],
			overdue: [1],
			awaiting: [1],
		};
		// nothing is overdue yet: every reply is due in five days
		const keep = (n, f) =>
			(!f.org_id || n.org_id === f.org_id) &&
			(!f.task_id || n.task_id === f.task_id) &&
			(!f.status || n.status === f.status) &&
			!f.overdue &&
			(!f.awaiting || (n.status !== 'closed' && n.status !== 'draft' && !n.replied_at));
		const full = await all(c.office1, '/api/notices');
		assert.equal(full.length, 7);
		await check(c.office1, '/api/notices', full, filters, keep);
		const mine = await all(c.zone1, '/api/notices');
		assert.deepEqual(
			mine.map((n) => n.id),
			[made[5].id, made[4].id, made[1].id, made[0].id],
		);
		await check(c.zone1, '/api/notices', mine, filters, keep);
	});

	test('the audit log: user, entity, action and time', T, async () => {
		const full = await all(c.auditor1, '/api/audit');
		assert.ok(full.length > 700);
		const office = (await c.admin.get('/api/users?q=office1')).json.items[0].id;
		const mid = full[Math.floor(full.length / 2)].time;
		const filters = {
			user_id: [office],
			entity_type: ['plan', 'notice'],
			action: ['create', 'approve'],
			from: [mid],
			to: [mid],
		};
		const keep = (r, f) =>
			(!f.user_id || r.user_id === f.user_id) &&
			(!f.entity_type || r.entity_type === f.entity_type) &&
			(!f.action || r.action === f.action) &&
			(!f.from || r.time >= f.from) &&
			(!f.to || r.time < f.to);
		// the audit list's items are keyed by seq
		const keyed = full.map((r) => ({ ...r, id: r.seq }));
		const client = {
			get: async (url) => {
				const r = await c.auditor1.get(url);
				if (r.json && r.json.items) r.json.items = r.json.items.map((x) => ({ ...x, id: x.seq }));
				return r;
			},
		};
		await check(client, '/api/audit', keyed, filters, keep);
		// one entity's records
		const plan = keyed.find((r) => r.entity_type === 'plan');
		const one = await c.auditor1.get(`/api/audit?entity_type=plan&entity_id=${plan.entity_id}&page_size=500`);
		assert.deepEqual(
			one.json.items.map((r) => r.seq),
			keyed.filter((r) => r.entity_type === 'plan' && r.entity_id === plan.entity_id).map((r) => r.id),
		);
	});
});
