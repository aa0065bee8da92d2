'use strict';
// policy_diff.test.js - the diff of two imported versions of a policy (GET
// /api/policies/:id/diff?from=ID): the seed draft against its revision
// (tests/data/fushun-devzone-reform-revised-2025.txt: 3, 10 and 14 changed, 9 removed, a new 13,
// 18 moved to the front of 三、保障措施), entry by entry with the changed characters; who may
// read it; it writes nothing and touches no task.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./harness');

const T = { timeout: h.STEP_TIMEOUT };
const DATA = path.join(__dirname, '..', 'data');
const SEED = fs.readFileSync(path.join(DATA, 'fushun-devzone-reform-draft-2025.txt'));
const REVISED = fs.readFileSync(path.join(DATA, 'fushun-devzone-reform-revised-2025.txt'));

// [status, moved, old number, new number, similarity in basis points] in the answer's order
const EXPECTED = [
	['unchanged', false, 1, 1, 10000],
	['unchanged', false, 2, 2, 10000],
	['changed', false, 3, 3, 9895], // 143 and 144 code points, 3 edits: 284 / 287
	['unchanged', false, 4, 4, 10000],
	['unchanged', false, 5, 5, 10000],
	['unchanged', false, 6, 6, 10000],
	['unchanged', false, 7, 7, 10000],
	['unchanged', false, 8, 8, 10000],
	['removed', false, 9, null, 0],
	['changed', false, 10, 9, 9706], // 305 and 309 code points, 18 edits: 596 / 614
	['unchanged', false, 11, 10, 10000],
	['unchanged', false, 12, 11, 10000],
	['unchanged', false, 13, 12, 10000],
	['added', false, null, 13, 0],
	['changed', false, 14, 14, 9923], // 263 code points each, 4 edits: 522 / 526
	['unchanged', false, 15, 15, 10000],
	['unchanged', true, 18, 16, 10000],
	['unchanged', false, 16, 17, 10000],
	['unchanged', false, 17, 18, 10000],
];

// the runs of a changed article that are not equal, as [op, text]
const edits = (a) => a.segments.filter((s) => s.op !== 'equal').map((s) => [s.op, s.text]);

describe('policy versions and their diff', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, seedId, revId;

	before(async () => {
		srv = await h.startServer();
		c = await h.loginAll(srv, ['office1', 'zone1', 'auditor1']);
		const post = (buf) => c.office1.post('/api/policies', buf, { raw: true, contentType: 'text/plain' });
		let r = await post(SEED);
		assert.equal(r.status, 201, r.text);
		seedId = r.json.policy.id;
		r = await post(REVISED);
		assert.equal(r.status, 201, r.text);
		revId = r.json.policy.id;
	});

	after(async () => {
		if (srv) await srv.close();
	});

	test('the revision against the draft, article by article', T, async () => {
		const r = await c.zone1.get(`/api/policies/${revId}/diff?from=${seedId}`);
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.from.id, seedId);
		assert.equal(r.json.to.id, revId);
		assert.equal(r.json.to.title_note, '征求意见修改稿');
		const d = r.json.diff;
		assert.deepEqual(d.summary, { added: 1, changed: 3, moved: 1, removed: 1, unchanged: 14 });
		assert.deepEqual(
			d.articles.map((a) => [a.status, a.moved, a.old && a.old.number, a.new && a.new.number, a.similarity_bp]),
			EXPECTED,
		);
		const [a3, a10, a14] = d.articles.filter((a) => a.status === 'changed');
		assert.deepEqual(edits(a3), [['delete', '理'], ['insert', '厘'], ['insert', '和']]);
		assert.deepEqual(edits(a10), [
			['delete', '地方'],
			['insert', '所在县(区)'],
			['delete', '人社局；市委组织部'],
			['insert', '委组织部；市人社局'],
		]);
		assert.deepEqual(edits(a14), [['delete', '以此'], ['insert', '主要']]);
		// the runs spell both texts: old = equal + delete, new = equal + insert
		const spell = (a, skip) => a.segments.filter((s) => s.op !== skip).map((s) => s.text).join('');
		assert.ok(spell(a3, 'insert').startsWith('明确职责边界。理清开发区'));
		assert.ok(spell(a3, 'delete').startsWith('明确职责边界。厘清开发区'));
		assert.ok(spell(a3, 'delete').includes('明确职责分工和衔接流程'));
		assert.deepEqual(a3.old, {
			caption: '明确职责边界',
			group: '（二）深化事权制度改革',
			number: 3,
			part: '二、重点改革任务',
			title: '明确职责边界',
		});
		const added = d.articles[13];
		assert.equal(added.old, null);
		assert.equal(added.new.caption, '推进开发区数字化管理');
		assert.deepEqual(added.segments, [
			{
				op: 'insert',
				text:
					'推进开发区数字化管理。建设全市开发区统一的数字化管理平台,实现项目、企业、土地等数据一网统管。' +
					'\n牵头单位：市数据局(市营商局)\n责任单位：各省级开发区党工委、管委会',
			},
		]);
		assert.equal(d.articles[8].old.caption, '创新人才选拔机制');
		assert.equal(d.articles[8].segments[0].op, 'delete');
		assert.equal(d.articles[16].new.caption, '建立创新容错机制');
	});

	test('the other way round, and a version against itself', T, async () => {
		let r = await c.office1.get(`/api/policies/${seedId}/diff?from=${revId}`);
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(r.json.diff.summary, { added: 1, changed: 3, moved: 1, removed: 1, unchanged: 14 });
		assert.equal(r.json.diff.articles[8].status, 'added');
		assert.equal(r.json.diff.articles[8].new.caption, '创新人才选拔机制');
		r = await c.office1.get(`/api/policies/${seedId}/diff?from=${seedId}`);
		assert.deepEqual(r.json.diff.summary, { added: 0, changed: 0, moved: 0, removed: 0, unchanged: 18 });
	});

	test('refusals', T, async () => {
		h.assertError(await c.office1.get(`/api/policies/${revId}/diff`), 400, 'missing_parameter', 'from');
		h.assertError(await c.office1.get(`/api/policies/${revId}/diff?from=0`), 400, 'invalid_parameter', 'from');
		h.assertError(await c.office1.get(`/api/policies/${revId}/diff?from=x`), 400, 'invalid_parameter', 'from');
		h.assertError(await c.office1.get(`/api/policies/${revId}/diff?from=${seedId}&to=1`), 400, 'unknown_parameter', 'to');
		h.assertError(await c.office1.get(`/api/policies/${revId}/diff?from=999999`), 404, 'not_found');
		h.assertError(await c.office1.get(`/api/policies/999999/diff?from=${seedId}`), 404, 'not_found');
		// the auditor reads no reform data
		h.assertError(await c.auditor1.get(`/api/policies/${revId}/diff?from=${seedId}`), 403, 'forbidden');
		const anon = await fetch(`${srv.base}/api/policies/${revId}/diff?from=${seedId}`);
		assert.equal(anon.status, 401);
	});

	test('kfq policy diff prints the same diff, and the changes readably', T, async () => {
		const seed = path.join(DATA, 'fushun-devzone-reform-draft-2025.txt');
		const rev = path.join(DATA, 'fushun-devzone-reform-revised-2025.txt');
		const api = (await c.office1.get(`/api/policies/${revId}/diff?from=${seedId}`)).json.diff;
		const cli = await h.kfqOk(['policy', 'diff', '--json', seed, rev]);
		assert.deepEqual(JSON.parse(cli.stdout), api);
		const text = (await h.kfqOk(['policy', 'diff', seed, rev])).stdout;
		assert.match(text, /^新增 1 条，删除 1 条，修改 3 条，未变 14 条，其中移动 1 条\n/);
		assert.match(text, /\n第3条 明确职责边界  修改（相似度 98\.95%）\n    明确职责边界。\[-理-\]\{\+厘\+\}清开发区/);
		assert.match(text, /\n第18条 → 第16条 建立创新容错机制  未变，移动\n/);
		// a file that is not a policy text, and bad usage
		const bad = await h.kfq(['policy', 'diff', seed, path.join(DATA, 'mail', 'gbk-base64.eml')]);
		assert.equal(bad.code, 0, 'an e-mail is text: it parses as a document without articles');
		const usage = await h.kfq(['policy', 'diff', seed]);
		assert.equal(usage.code, 2);
		const missing = await h.kfq(['policy', 'diff', seed, '/nonexistent/file.txt']);
		assert.equal(missing.code, 1);
		assert.match(missing.stderr, /nonexistent/);
	});

	test('a diff writes nothing and touches no task', T, async () => {
		const audit = (await c.auditor1.get('/api/audit?page_size=1')).json.total;
		const tasks = (await c.office1.get(`/api/tasks?policy_id=${seedId}&page_size=100`)).json;
		await c.office1.get(`/api/policies/${revId}/diff?from=${seedId}`);
		assert.equal((await c.auditor1.get('/api/audit?page_size=1')).json.total, audit);
		assert.deepEqual((await c.office1.get(`/api/tasks?policy_id=${seedId}&page_size=100`)).json, tasks);
	});
});
