'use strict';
// conditional.test.js - lists and records are kept by each server until the data changes, and
// answered 304 to a client that holds the current answer (If-None-Match). A 304 is answered only
// when nothing changed since: after any write, through this server or another process on the
// same database, the answer is 200 with the new data and a new tag; a tag is never valid for
// another user's scope, nor for a record the caller may not read. Runs on both databases.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

const T = { timeout: h.STEP_TIMEOUT * 2 };

const day = h.day; // today in Asia/Shanghai, plus offset days

describe('answers kept until the data changes, conditional GET', { timeout: h.FILE_TIMEOUT }, () => {
	let a, b, off, ids;
	const c = {}; // per user: {a, b, off} clients of one session

	before(async () => {
		a = await h.startServer({ serveArgs: ['--threads', '2'] });
		// the demo's tasks and 72 approved plans of the sample zones, written by another process
		await h.demo(a.db);
		b = await h.startServer({ db: a.db, serveArgs: ['--threads', '2'] });
		// a third server that keeps nothing: it computes every answer
		off = await h.startServer({ db: a.db, serveArgs: ['--answer-cache-mb', '0', '--threads', '1'] });
		const logged = await h.loginAll(a, ['admin', 'office1', 'zone1', 'county1']);
		for (const [name, client] of Object.entries(logged)) c[name] = { a: client, b: h.sameSession(client, b), off: h.sameSession(client, off) };
		ids = await h.orgIds(c.admin.a);
	});

	after(async () => {
		try {
			if (off) await off.close();
			if (b) await b.close();
		} finally {
			if (a) await a.close();
		}
	});

	const LIST = '/api/milestones?page_size=100';

	test('a list answers 304 to its own tag, and the same bytes to a plain GET', T, async () => {
		const r1 = await c.office1.a.get(LIST);
		assert.equal(r1.status, 200, r1.text);
		assert.equal(r1.json.total, 288);
		assert.equal(r1.json.items.length, 100);
		const tag = r1.headers.get('etag');
		assert.match(tag, /^W\/"[0-9a-f]{32}"$/);
		assert.equal(r1.headers.get('cache-control'), 'private, no-cache');
		assert.equal(r1.headers.get('vary'), 'Cookie');
		const r2 = await c.office1.a.get(LIST);
		assert.equal(r2.status, 200);
		assert.equal(r2.headers.get('etag'), tag);
		assert.ok(r2.buf.equals(r1.buf), 'the kept answer differs from the first');
		const r3 = await c.office1.a.get(LIST, { headers: { 'If-None-Match': tag } });
		assert.equal(r3.status, 304);
		assert.equal(r3.buf.length, 0);
		assert.equal(r3.headers.get('etag'), tag);
		// a list of tags, the strong form of the same tag, and another tag
		assert.equal((await c.office1.a.get(LIST, { headers: { 'If-None-Match': `"0123", ${tag}` } })).status, 304);
		assert.equal((await c.office1.a.get(LIST, { headers: { 'If-None-Match': tag.slice(2) } })).status, 304);
		const other = await c.office1.a.get(LIST, { headers: { 'If-None-Match': 'W/"00000000000000000000000000000000"' } });
		assert.equal(other.status, 200);
		assert.ok(other.buf.equals(r1.buf));
		// the next page is another answer with another tag
		const p2 = await c.office1.a.get(`${LIST}&page=2`);
		assert.equal(p2.status, 200);
		assert.notEqual(p2.headers.get('etag'), tag);
		assert.deepEqual(
			p2.json.items.map((m) => m.id),
			(await c.office1.off.get('/api/milestones?page_size=200')).json.items.slice(100, 200).map((m) => m.id),
		);
	});

	test('a server that keeps nothing answers the same bytes and the same tag', T, async () => {
		// what was audited since seq: when the tags differ, whether a write moved the audit head
		// (and which), or not (then the rest of the tag: the build, who asks, the day)
		const auditedSince = async (seq) => {
			const rows = await h.sqlOk(a.db, `SELECT seq || ' ' || action || ' ' || entity_type || ' ' || COALESCE(username, '') FROM audit_log WHERE seq > ${seq} ORDER BY seq`);
			return rows ? rows.split('\n').join(', ') : 'nothing';
		};
		for (const url of [LIST, '/api/tasks?page_size=50', '/api/plans?page_size=10&page=3', '/api/orgs']) {
			const seq = Number(await h.sqlOk(a.db, 'SELECT seq FROM audit_head WHERE id = 1'));
			const today = day(0);
			const kept = await c.office1.a.get(url);
			await c.office1.a.get(url); // the second answer comes from what a kept
			const again = await c.office1.a.get(url);
			const computed = await c.office1.off.get(url);
			assert.equal(computed.status, 200, computed.text);
			assert.ok(again.buf.equals(computed.buf), `${url}: the kept answer differs from a computed one`);
			assert.equal(again.headers.get('etag'), kept.headers.get('etag'));
			if (computed.headers.get('etag') !== kept.headers.get('etag'))
				assert.fail(`${url}: servers tag the same data alike: ${kept.headers.get('etag')} ${computed.headers.get('etag')}; audited since: ${await auditedSince(seq)}; day ${today} to ${day(0)}`);
			const cond = await c.office1.off.get(url, { headers: { 'If-None-Match': kept.headers.get('etag') } });
			assert.equal(cond.status, 304);
		}
	});

	test('after a write through another server process: 200 with the new data and a new tag', T, async () => {
		const before = await c.office1.a.get('/api/notices');
		assert.equal(before.status, 200, before.text);
		const tag = before.headers.get('etag');
		const task = (await c.office1.a.get('/api/tasks?article=4')).json.items[0];
		const made = await c.office1.b.post('/api/notices', {
			org_id: ids[h.ORG.econ],
			task_id: task.id,
			subject: '请报送第四条推进情况',
			body: '请于期限前报送。',
			reply_due: day(10),
		});
		assert.equal(made.status, 201, made.text);
		const after = await c.office1.a.get('/api/notices', { headers: { 'If-None-Match': tag } });
		assert.equal(after.status, 200);
		assert.equal(after.json.total, before.json.total + 1);
		assert.equal(after.json.items[0].id, made.json.id);
		assert.notEqual(after.headers.get('etag'), tag);

		// a change the list shows only through a join: the zone renamed through b, the kept list
		// of milestones on a shows the new name at once
		const list = await c.office1.a.get(LIST);
		const zone = list.json.items.find((m) => m.org_id === ids[h.ORG.shengli]);
		assert.ok(zone, 'a milestone of 胜利 on the first page');
		const org = (await c.admin.b.get(`/api/orgs/${ids[h.ORG.shengli]}`)).json;
		const renamed = await c.admin.b.put(`/api/orgs/${org.id}`, { name: '抚顺胜利经济开发区（更名）', type: org.type, level: org.level, parent_id: org.parent_id, aliases: org.aliases });
		assert.equal(renamed.status, 200, renamed.text);
		const now = await c.office1.a.get(LIST, { headers: { 'If-None-Match': list.headers.get('etag') } });
		assert.equal(now.status, 200);
		assert.equal(now.json.items.find((m) => m.id === zone.id).org_name, '抚顺胜利经济开发区（更名）');
		// and the record too
		assert.equal((await c.office1.a.get(`/api/orgs/${org.id}`)).json.name, '抚顺胜利经济开发区（更名）');
	});

	test('a total counted once is counted again after a write through another process', T, async () => {
		// full pages: the total is counted, then kept by the connection until the data changes
		const url = '/api/notices?page_size=1';
		const first = await c.office1.off.get(url);
		assert.equal(first.status, 200, first.text);
		assert.equal((await c.office1.off.get(url)).json.total, first.json.total);
		const task = (await c.office1.a.get('/api/tasks?article=6')).json.items[0];
		const made = await c.office1.b.post('/api/notices', {
			org_id: ids[h.ORG.shengli],
			task_id: task.id,
			subject: '请报送第六条推进情况',
			body: '请于期限前报送。',
			reply_due: day(12),
		});
		assert.equal(made.status, 201, made.text);
		const after = await c.office1.off.get(url);
		assert.equal(after.json.total, first.json.total + 1);
		assert.equal(after.json.items[0].id, made.json.id);
		// and in another scope, the zone's own total
		const zone = await c.zone1.off.get(url);
		assert.equal(zone.json.total, (await c.zone1.off.get('/api/notices?page_size=100')).json.items.length);
	});

	test('a write by the same server, of a record: 200 with the change', T, async () => {
		const task = (await c.office1.a.get('/api/tasks?article=5')).json.items[0];
		const one = await c.office1.a.get(`/api/tasks/${task.id}`);
		assert.equal(one.status, 200);
		const tag = one.headers.get('etag');
		assert.equal((await c.office1.a.get(`/api/tasks/${task.id}`, { headers: { 'If-None-Match': tag } })).status, 304);
		const orgs = [ids[h.ORG.commerce], ids[h.ORG.econ]];
		const put = await c.office1.a.put(`/api/tasks/${task.id}/orgs`, { lead_org_ids: [orgs[0]], responsible_org_ids: [orgs[1]] });
		assert.equal(put.status, 200, put.text);
		const changed = await c.office1.a.get(`/api/tasks/${task.id}`, { headers: { 'If-None-Match': tag } });
		assert.equal(changed.status, 200);
		assert.deepEqual(
			changed.json.responsible_orgs.map((o) => o.id),
			[orgs[1]],
		);
	});

	test("another user's tag is no 304, and each scope gets its own rows", T, async () => {
		const url = '/api/milestones?page_size=500';
		const office = await c.office1.a.get(url);
		const zone = await c.zone1.a.get(url, { headers: { 'If-None-Match': office.headers.get('etag') } });
		assert.equal(zone.status, 200);
		assert.notEqual(zone.headers.get('etag'), office.headers.get('etag'));
		assert.ok(zone.json.total > 0);
		assert.ok(zone.json.total < office.json.total);
		// zone1 sees its own zone's milestones, and those of the tasks its organization leads
		for (const m of zone.json.items) assert.equal(m.org_id, ids[h.ORG.econ]);
		assert.equal((await c.zone1.a.get(url, { headers: { 'If-None-Match': zone.headers.get('etag') } })).status, 304);
		// the county: itself and the organizations below it
		const county = await c.county1.b.get(url, { headers: { 'If-None-Match': office.headers.get('etag') } });
		assert.equal(county.status, 200);
		const below = new Set([ids[h.ORG.dongzhou], ids[h.ORG.hightech], ids[h.ORG.platform]]);
		assert.ok(county.json.total > 0);
		for (const m of county.json.items) assert.ok(below.has(m.org_id), `county1 sees ${m.org_name}`);
		// the office's answer did not change by being asked in other scopes
		const again = await c.office1.a.get(url, { headers: { 'If-None-Match': office.headers.get('etag') } });
		assert.equal(again.status, 304);
	});

	test('a record the caller may not read is refused, whatever it sends', T, async () => {
		for (const inm of ['*', 'W/"00000000000000000000000000000000"']) {
			h.assertError(await c.zone1.a.get(`/api/orgs/${ids[h.ORG.shengli]}`, { headers: { 'If-None-Match': inm } }), 404, 'not_found');
			h.assertError(await c.zone1.b.get('/api/orgs/999999', { headers: { 'If-None-Match': inm } }), 404, 'not_found');
		}
		// without a session nothing is answered from what the server keeps
		const anon = new h.Client(a);
		h.assertError(await anon.get(LIST, { headers: { 'If-None-Match': '*' } }), 401, 'not_authenticated');
	});

	test('a user whose scope is narrowed gets 200 with the narrower rows, not 304', T, async () => {
		const url = '/api/milestones?page_size=500';
		const wide = await c.county1.a.get(url);
		assert.equal(wide.status, 200);
		const user = (await c.admin.a.get('/api/users?q=county1')).json.items[0];
		const put = await c.admin.b.put(`/api/users/${user.id}`, {
			display_name: user.display_name,
			org_id: user.org_id,
			role: user.role,
			data_scope: 'org',
		});
		assert.equal(put.status, 200, put.text);
		const narrow = await c.county1.a.get(url, { headers: { 'If-None-Match': wide.headers.get('etag') } });
		assert.equal(narrow.status, 200);
		// 东洲区 itself has no plans: only the milestones of tasks it leads, if any, remain
		assert.ok(narrow.json.total < wide.json.total);
		for (const m of narrow.json.items) assert.notEqual(m.org_id, ids[h.ORG.hightech]);
	});
});
