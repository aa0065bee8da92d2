'use strict';
// names.test.js - the names the lists and records of milestones and tasks show beside their rows
// (an organization's name, a task's article and title) are kept by each connection of a server
// instead of joined into every row (DECISIONS 183), and must never be older than the rows: an
// organization renamed through another server, or in the database itself as an operator with
// psql or sqlite3 could, shows its new name in the next answer of every server; an organization
// made after the names were read is named as soon as a task has it. Runs on both databases.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

const T = { timeout: h.STEP_TIMEOUT * 2 };

describe('names kept by the connections are current at once', { timeout: h.FILE_TIMEOUT }, () => {
	let a, b, off, ids, task, lead, owned;
	const c = {}; // per user: {a, b, off} clients of one session

	// what every server answers about the names under test, read through one user's clients
	async function names(client) {
		const list = await client.get('/api/milestones?page_size=500');
		assert.equal(list.status, 200, list.text);
		const one = await client.get(`/api/milestones/${owned}`);
		assert.equal(one.status, 200, one.text);
		const t = await client.get(`/api/tasks/${task}`);
		assert.equal(t.status, 200, t.text);
		const tasks = await client.get('/api/tasks?page_size=100');
		assert.equal(tasks.status, 200, tasks.text);
		return {
			zoneNames: [...new Set(list.json.items.filter((m) => m.org_id === ids[h.ORG.shengli]).map((m) => m.org_name))],
			owner: list.json.items.find((m) => m.id === owned).owner_org_name,
			record: [one.json.milestone.org_name, one.json.milestone.owner_org_name, one.json.milestone.task_title],
			lead: t.json.lead_orgs.find((o) => o.id === lead).name,
			listedLead: tasks.json.items.find((x) => x.id === task).lead_orgs.find((o) => o.id === lead).name,
			taskOrgs: t.json.lead_orgs.concat(t.json.responsible_orgs).map((o) => [o.id, o.name]),
		};
	}

	async function rename(client, id, name) {
		const org = (await client.get(`/api/orgs/${id}`)).json;
		const r = await client.put(`/api/orgs/${id}`, { name, type: org.type, level: org.level, parent_id: org.parent_id, aliases: org.aliases });
		assert.equal(r.status, 200, r.text);
	}

	before(async () => {
		a = await h.startServer({ serveArgs: ['--threads', '2'], demo: true });
		b = await h.startServer({ db: a.db, serveArgs: ['--threads', '2'] });
		// one connection that keeps no answers: each answer is made from its statements and the
		// names its connection keeps
		off = await h.startServer({ db: a.db, serveArgs: ['--answer-cache-mb', '0', '--threads', '1'] });
		const logged = await h.loginAll(a, ['admin', 'office1']);
		for (const [name, client] of Object.entries(logged)) c[name] = { a: client, b: h.sameSession(client, b), off: h.sameSession(client, off) };
		ids = await h.orgIds(c.admin.a);
		// a task with a lead organization, and a milestone of 胜利 owned by that organization
		const t = (await c.office1.a.get('/api/tasks?page_size=100')).json.items.find((x) => x.lead_orgs.length > 0 && x.responsible_orgs.length > 0);
		assert.ok(t, 'a demo task with lead and responsible organizations');
		task = t.id;
		lead = t.lead_orgs[0].id;
		// (read and changed before the servers that keep answers have read the milestones: the
		// change is not audited, so an answer kept would not see it)
		const ms = (await c.office1.off.get('/api/milestones?page_size=500')).json.items;
		owned = ms.find((m) => m.org_id === ids[h.ORG.shengli]).id;
		await h.sqlOk(a.db, `UPDATE milestone SET owner_org_id = ${lead} WHERE id = ${owned}`);
	});

	after(async () => {
		try {
			if (off) await off.close();
			if (b) await b.close();
		} finally {
			if (a) await a.close();
		}
	});

	test('renamed through another server: every list and record of every server shows the new name', T, async () => {
		const leadName = (await c.admin.a.get(`/api/orgs/${lead}`)).json.name;
		for (const srv of ['a', 'off']) {
			const was = await names(c.office1[srv]);
			assert.deepEqual(was.zoneNames, [h.ORG.shengli], srv);
			assert.equal(was.owner, leadName, srv);
			assert.equal(was.record[0], h.ORG.shengli, srv);
			assert.equal(was.record[1], leadName, srv);
			assert.equal(was.lead, leadName, srv);
			assert.equal(was.listedLead, leadName, srv);
		}
		await rename(c.admin.b, ids[h.ORG.shengli], '抚顺胜利经济开发区（新名）');
		await rename(c.admin.b, lead, `${leadName}（新名）`);
		for (const srv of ['a', 'off']) {
			const now = await names(c.office1[srv]);
			assert.deepEqual(now.zoneNames, ['抚顺胜利经济开发区（新名）'], srv);
			assert.equal(now.owner, `${leadName}（新名）`, srv);
			assert.equal(now.record[0], '抚顺胜利经济开发区（新名）', srv);
			assert.equal(now.record[1], `${leadName}（新名）`, srv);
			assert.equal(now.lead, `${leadName}（新名）`, srv);
			assert.equal(now.listedLead, `${leadName}（新名）`, srv);
		}
	});

	test('renamed in the database itself, with no audit record: the next answer has the new name', T, async () => {
		// the server that keeps no answers (an answer kept is valid until the audit head moves,
		// DECISIONS 66: a change outside kfq is not audited and not seen there)
		const before = await names(c.office1.off);
		await h.sqlOk(a.db, `UPDATE org SET name = '抚顺胜利经济开发区（库内改名）' WHERE id = ${ids[h.ORG.shengli]}`);
		await h.sqlOk(a.db, `UPDATE task SET title = '库内改名的任务' WHERE id = (SELECT task_id FROM zone_plan p JOIN milestone m ON m.plan_id = p.id WHERE m.id = ${owned})`);
		const now = await names(c.office1.off);
		assert.deepEqual(now.zoneNames, ['抚顺胜利经济开发区（库内改名）']);
		assert.equal(now.record[0], '抚顺胜利经济开发区（库内改名）');
		assert.notEqual(before.record[2], '库内改名的任务');
		assert.equal(now.record[2], '库内改名的任务');
	});

	test('an organization made after the names were read is named in the task that gets it', T, async () => {
		await names(c.office1.off);
		await names(c.office1.a);
		const made = await c.admin.b.post('/api/orgs', { name: '抚顺新设园区（测试）', type: 'zone', level: 'provincial' });
		assert.equal(made.status, 201, made.text);
		const before = (await c.office1.a.get(`/api/tasks/${task}`)).json;
		const put = await c.office1.b.put(`/api/tasks/${task}/orgs`, {
			lead_org_ids: before.lead_orgs.map((o) => o.id),
			responsible_org_ids: [made.json.id, ...before.responsible_orgs.map((o) => o.id)],
		});
		assert.equal(put.status, 200, put.text);
		for (const srv of ['a', 'off']) {
			const now = await names(c.office1[srv]);
			// the leads first, then the responsible organizations, each by id
			const want = [...before.lead_orgs].sort((x, y) => x.id - y.id).map((o) => [o.id, o.name])
				.concat([...before.responsible_orgs, { id: made.json.id, name: '抚顺新设园区（测试）' }].sort((x, y) => x.id - y.id).map((o) => [o.id, o.name]));
			assert.deepEqual(now.taskOrgs, want, srv);
		}
	});

	test("a task's organizations changed in the database itself: the next record shows them", T, async () => {
		// the record reads them from the copy its row keeps (migration 0076, DECISIONS 211), which
		// triggers keep whatever writes task_org
		const idsOf = (orgs) => orgs.map((o) => o.id);
		const before = (await c.office1.off.get(`/api/tasks/${task}`)).json;
		const r = before.responsible_orgs.find((o) => !idsOf(before.lead_orgs).includes(o.id));
		assert.ok(r, 'a responsible organization that does not lead');
		await h.sqlOk(a.db, `DELETE FROM task_org WHERE task_id = ${task} AND org_id = ${r.id} AND role = 'responsible'`);
		await h.sqlOk(a.db, `INSERT INTO task_org (task_id, org_id, role) VALUES (${task}, ${r.id}, 'lead')`);
		let now = (await c.office1.off.get(`/api/tasks/${task}`)).json;
		assert.deepEqual(idsOf(now.lead_orgs), [...idsOf(before.lead_orgs), r.id].sort((x, y) => x - y));
		assert.deepEqual(idsOf(now.responsible_orgs), idsOf(before.responsible_orgs).filter((id) => id !== r.id));
		await h.sqlOk(a.db, `UPDATE task_org SET role = 'responsible' WHERE task_id = ${task} AND org_id = ${r.id}`);
		now = (await c.office1.off.get(`/api/tasks/${task}`)).json;
		assert.deepEqual(now, before);
	});
});
