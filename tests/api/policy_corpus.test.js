'use strict';
// policy_corpus.test.js - importing another government's document (国发〔2018〕42号, from the
// parser's corpus): the preview names every unit it could not resolve with the nearest known
// names (a national ministry is not a city department), writes nothing; the import keeps the
// units as written on each task and leaves the unresolved ones without organizations.
// Each task keeps its scope (适用范围), its deadline as written and as a date, and where its
// units came from, in the API and the export. Migration 0015 keeps every task and what points at
// it, and lets a document whose article numbers repeat (国发〔2019〕3号) be imported.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./harness');

const T = { timeout: h.STEP_TIMEOUT };
const CORPUS = path.join(__dirname, '..', 'data', 'corpus');
const DOC = path.join(CORPUS, 'guofa_2018_42_nongye_jixiehua.txt');
const SEED = path.join(__dirname, '..', 'data', 'fushun-devzone-reform-draft-2025.txt');

// the task table as migration 0003 made it, to undo 0015 on a database that has tasks
// (and 0076, whose triggers on task_org name the task table that 0015 rebuilds on SQLite: a
// database from before 0015 has neither; nor has it 0098's guide_units)
const UNDO_0015 = h.IS_PG
	? `DROP TRIGGER task_orgs ON task_org;
	   DROP TRIGGER task_orgs_truncate ON task_org;
	   DROP FUNCTION task_orgs_keep(), task_orgs_clear(), task_orgs_of(BIGINT);
	   ALTER TABLE task DROP COLUMN orgs;
	   DROP INDEX task_policy;
	   ALTER TABLE task DROP COLUMN scope, DROP COLUMN deadline_text, DROP COLUMN deadline_date,
	     DROP COLUMN unit_source, DROP COLUMN lead_rule_line, DROP COLUMN guide_units,
	     ADD CONSTRAINT task_policy_id_article_number_key UNIQUE (policy_id, article_number);
	   DELETE FROM schema_migration WHERE version IN (15, 76, 98);`
	: `BEGIN;
	   DROP TRIGGER task_orgs_insert;
	   DROP TRIGGER task_orgs_delete;
	   DROP TRIGGER task_orgs_update;
	   DROP VIEW task_orgs_text;
	   CREATE TABLE task_0003 (id INTEGER PRIMARY KEY AUTOINCREMENT,
	     policy_id BIGINT NOT NULL REFERENCES policy(id), article_number INTEGER NOT NULL,
	     part_heading TEXT, group_heading TEXT, title TEXT NOT NULL, body TEXT NOT NULL,
	     lead_units TEXT NOT NULL, responsible_units TEXT NOT NULL, created_at TEXT NOT NULL,
	     updated_at TEXT NOT NULL, UNIQUE (policy_id, article_number));
	   INSERT INTO task_0003 SELECT id, policy_id, article_number, part_heading, group_heading,
	     title, body, lead_units, responsible_units, created_at, updated_at FROM task;
	   DROP TABLE task;
	   ALTER TABLE task_0003 RENAME TO task;
	   DELETE FROM schema_migration WHERE version IN (15, 76, 98);
	   COMMIT;`;

describe('importing a national document', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c;

	before(async () => {
		srv = await h.startServer();
		c = await h.loginAll(srv, ['office1', 'zone1', 'auditor1']);
	});

	after(async () => {
		if (srv) await srv.close();
	});

	test('a department written by its full official name is the department', T, async () => {
		const text = '关于推进开发区改革的实施方案\n\n一、完善管理体制\n\n1．理顺管理机构。\n牵头单位：市发展和改革委员会、市市场监督管理局\n责任单位：市工业和信息化局\n';
		const r = await c.office1.post('/api/policies/preview', Buffer.from(text), { raw: true, contentType: 'text/plain' });
		assert.equal(r.status, 200, r.text);
		const ids = await h.orgIds(c.office1);
		assert.deepEqual(r.json.tasks[0].lead_org_ids, [ids['市发改委'], ids['市市场监管局']]);
		assert.deepEqual(r.json.tasks[0].responsible_org_ids, [ids['市工信局']]);
		assert.deepEqual(r.json.tasks[0].unresolved, []);
	});

	test('the preview warns about each unresolved unit with the nearest names, writes nothing', T, async () => {
		const before = (await c.auditor1.get('/api/audit?page_size=1')).json.total;
		const r = await c.office1.post('/api/policies/preview', fs.readFileSync(DOC), {
			raw: true,
			contentType: 'text/plain',
		});
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.tasks.length, 20);
		// （三）: "（工业和信息化部、发展改革委、科技部、农业农村部等负责。列第一位者为牵头单位，
		// 下同）" — units of the State Council, none of them the city's 市工信局 or 市发改委
		const t3 = r.json.tasks[2];
		assert.equal(t3.article_number, 3);
		assert.equal(t3.title, '完善农机装备创新体系');
		assert.equal(t3.defaulted, false);
		assert.deepEqual(t3.lead_org_ids, []);
		assert.deepEqual(t3.responsible_org_ids, []);
		// …and says so unit by unit, with the nearest names (aliases count: 工信局 is 市工信局's)
		assert.deepEqual(t3.lead_units, ['工业和信息化部']);
		assert.deepEqual(t3.unresolved, [
			{ unit: '工业和信息化部', role: 'lead', nearest: ['市工信局', '市商务局', '市委组织部'] },
			{ unit: '发展改革委', role: 'responsible', nearest: ['市发改委', '市国资委', '市纪委监委'] },
			{ unit: '科技部', role: 'responsible', nearest: ['市科技局', '市商务局', '市发改委'] },
			{ unit: '农业农村部', role: 'responsible', nearest: ['市委组织部', '市商务局', '市发改委'] },
		]);
		assert.equal(t3.unit_source, 'paren_rule');
		assert.equal(t3.lead_rule_line, 11);
		assert.equal(r.json.tasks[0].unit_source, 'none');
		assert.equal(r.json.tasks[0].title, '指导思想');
		const msgs = r.json.warnings.map((w) => `${w.line} ${w.message}`);
		for (const want of [
			'6 条目 1 没有牵头单位和责任单位，而本文件多数条目都有，请核对',
			'11 第3条：未识别的单位“工业和信息化部”，最接近的是：市工信局、市商务局、市委组织部',
			'11 第3条：未识别的单位“发展改革委”，最接近的是：市发改委、市国资委、市纪委监委',
			'11 第3条：未识别的单位“科技部”，最接近的是：市科技局、市商务局、市发改委',
			'11 第3条：没有可识别的牵头单位，请导入后指定',
			'12 第4条：未识别的单位“商务部”，最接近的是：市商务局、市发改委、市科技局',
		])
			assert.ok(msgs.includes(want), `missing warning: ${want}`);
		assert.equal((await c.auditor1.get('/api/audit?page_size=1')).json.total, before);
		assert.equal((await c.office1.get('/api/policies')).json.total, 0);
	});

	test('the import keeps the units as written; the unresolved stay without organizations', T, async () => {
		const r = await c.office1.post('/api/policies', fs.readFileSync(DOC), { raw: true, contentType: 'text/plain' });
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.policy.n_tasks, 20);
		const list = await c.office1.get('/api/tasks?page_size=50');
		assert.equal(list.json.total, 20);
		const t3 = list.json.items.find((t) => t.article_number === 3);
		assert.deepEqual(t3.lead_units, ['工业和信息化部']);
		assert.deepEqual(t3.responsible_units, ['发展改革委', '科技部', '农业农村部']);
		assert.deepEqual(t3.lead_orgs, []);
		assert.deepEqual(t3.responsible_orgs, []);
		// （十八）: both lead by "牵头负责", whatever the rule
		const t18 = list.json.items.find((t) => t.article_number === 18);
		assert.deepEqual(t18.lead_units, ['农业农村部', '工业和信息化部']);
		assert.deepEqual(t18.responsible_units, []);
		assert.equal(t18.unit_source, 'paren');
		assert.equal(t18.lead_rule_line, null);
		assert.equal(t3.unit_source, 'paren_rule');
		assert.equal(t3.lead_rule_line, 11);
	});

	test('scope, deadline and unit source are kept on the task, shown and exported', T, async () => {
		// 国发〔2018〕38号: "（负责部门：…，适用范围：浙江自贸试验区）"
		let r = await c.office1.post('/api/policies', fs.readFileSync(path.join(CORPUS, 'guofa_2018_38_zimaoqu_gaige.txt')), {
			raw: true,
			contentType: 'text/plain',
		});
		assert.equal(r.status, 201, r.text);
		const p38 = r.json.policy.id;
		let list = (await c.office1.get(`/api/tasks?policy_id=${p38}&page_size=100`)).json.items;
		assert.equal(list.length, 53);
		const t16 = list.find((t) => t.article_number === 16);
		assert.equal(t16.scope, '浙江自贸试验区');
		assert.equal(t16.unit_source, 'labelled');
		assert.deepEqual(t16.responsible_units, ['发展改革委', '粮食和储备局']);
		assert.equal(t16.deadline_text, null);
		// no title sentence: the task is named by the start of its text
		assert.equal(t16.title, '加强顶层设计');

		// deadlines as written and as the period's last day, the year from the document's date
		r = await c.office1.post('/api/policies', fs.readFileSync(path.join(__dirname, '..', 'data', 'policy-sample-deadlines.txt')), {
			raw: true,
			contentType: 'text/plain',
		});
		assert.equal(r.status, 201, r.text);
		const pid = r.json.policy.id;
		list = (await c.office1.get(`/api/tasks?policy_id=${pid}&page_size=100`)).json.items;
		assert.deepEqual(list.map((t) => [t.article_number, t.deadline_text, t.deadline_date, t.scope, t.unit_source]), [
			[1, '2025年12月底前', '2025-12-31', null, 'lines'],
			[2, '上半年', '2025-06-30', null, 'labelled'],
			[3, '第三季度', '2025-09-30', '省级开发区', 'labelled'],
			[4, '2026年6月底前', '2026-06-30', null, 'labelled'],
			[5, '每年', null, null, 'labelled'],
		]);
		const one = (await c.zone1.get(`/api/tasks/${list[2].id}`)).json;
		assert.equal(one.scope, '省级开发区');
		assert.equal(one.deadline_date, '2025-09-30');
		const csv = (await c.office1.get(`/api/tasks/export.csv?policy_id=${pid}`)).text.trim().split('\r\n');
		assert.match(csv[0], /,适用范围,完成时限,截止日期,单位来源$/);
		assert.match(csv[3], /,省级开发区,第三季度,2025-09-30,带标签的括号$/);
		assert.match(csv[5], /,,每年,,带标签的括号$/);
	});

	test('migrations 0015, 0076 and 0098 keep every task and what points at it; then repeated numbers import', T, async () => {
		let r = await c.office1.post('/api/policies', fs.readFileSync(SEED), { raw: true, contentType: 'text/plain' });
		assert.equal(r.status, 201, r.text);
		const before = (await c.office1.get('/api/tasks?page_size=100')).json.items;
		assert.equal(before.length, 96);
		const links = await h.sqlOk(srv.db, 'SELECT count(*) FROM task_org');
		const record = (await c.office1.get(`/api/tasks/${before[0].id}`)).text;
		await h.sqlOk(srv.db, UNDO_0015);
		const out = await h.kfqOk(['migrate', '--db', srv.db]);
		assert.match(out.stdout, /applied 3 migration/);
		assert.equal(await h.sqlOk(srv.db, 'SELECT count(*) FROM task_org'), links);
		if (!h.IS_PG) assert.equal(await h.sqlOk(srv.db, 'PRAGMA foreign_key_check'), '');
		// the organizations 0076 copies into the task's row, as task_org had them
		assert.equal((await c.office1.get(`/api/tasks/${before[0].id}`)).text, record);
		const after = (await c.office1.get('/api/tasks?page_size=100')).json.items;
		assert.deepEqual(after.map((t) => [t.id, t.article_number, t.lead_orgs.length]),
			before.map((t) => [t.id, t.article_number, t.lead_orgs.length]));

		// 国发〔2019〕3号: principles 1–4 under 二、, then tasks 1–21 under 四、
		const doc3 = fs.readFileSync(path.join(CORPUS, 'guofa_2019_3_zonghe_baoshuiqu.txt'));
		r = await c.office1.post('/api/policies/preview', doc3, { raw: true, contentType: 'text/plain' });
		assert.deepEqual(r.json.tasks.map((t) => t.article_number),
			[1, 2, 3, 4, ...Array.from({ length: 21 }, (_, i) => i + 1)]);
		r = await c.office1.post('/api/policies', doc3, { raw: true, contentType: 'text/plain' });
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.policy.n_tasks, 25);
		assert.equal((await c.office1.get('/api/tasks?page_size=1')).json.total, 121);
	});
});
