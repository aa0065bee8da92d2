'use strict';
// consult_versions.test.js - versions inside a consultation: the draft is version 1; the
// revised seed (tests/data/fushun-devzone-reform-revised-2025.txt: 3, 10 and 14 changed, 9
// removed, a new 13, 18 moved to the front of 三、保障措施) imported as version 2 and a further
// edit of its article 16 as version 3, each text only (no task made); the diff of any two with
// the decided comments of each article on the draft's side (through version 2 for a diff from
// it); the office's step "create tasks from the final version": the final version's tasks in one
// transaction with a flag for every article that is not the same against the draft (its task
// on both sides, the comments whose disposition points to it), once; no version after it; the
// final version on the public page beside the published report; every step audited, every
// refusal in Chinese.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./harness');

const T = { timeout: h.STEP_TIMEOUT };
const DATA = path.join(__dirname, '..', 'data');
const REVISED = fs.readFileSync(path.join(DATA, 'fushun-devzone-reform-revised-2025.txt'), 'utf8');
// version 3: article 16 of the revision (the draft's 18) says 容错 where it said 免于追究
const THIRD = REVISED.replace('可免于追究责任。', '可依规容错免责。');
const END = 1750867200; // 2025-06-26 00:00:00 Asia/Shanghai: the window is over

describe('versions inside a consultation', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, id, policyId, articles, clock;
	const art = (n) => articles.find((a) => a.number === n).id;
	const upload = (text, note, who = c.office1) =>
		who.post(`/api/consultations/${id}/versions${note ? `?note=${encodeURIComponent(note)}` : ''}`, Buffer.from(text), { raw: true, contentType: 'text/plain' });
	const taskTotal = async () => (await c.office1.get('/api/tasks?page_size=1')).json.total;

	before(async () => {
		const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'kfq-clock-'));
		clock = path.join(dir, 'now');
		fs.writeFileSync(clock, String(END - 3600));
		srv = await h.startServer({ serveArgs: ['--clock-file', clock] });
		c = await h.loginAll(srv, ['office1', 'zone1', 'super1']);
		let r = await c.office1.post('/api/policies', fs.readFileSync(h.SEED), { raw: true, contentType: 'text/plain' });
		assert.equal(r.status, 201, r.text);
		policyId = r.json.policy.id;
		r = await c.office1.post('/api/consultations', { policy_id: policyId });
		assert.equal(r.status, 201, r.text);
		id = r.json.consultation.id;
		articles = r.json.articles;
		assert.equal((await c.office1.post(`/api/consultations/${id}/release`)).status, 200);
		// comments decided on articles 3 and 9, one on 5 left undecided
		const record = async (n, body, disposition, reason) => {
			const x = await c.office1.post(`/api/consultations/${id}/comments`, { channel: 'letter', article_id: art(n), body });
			assert.equal(x.status, 201, x.text);
			if (disposition) {
				const y = await c.office1.post(`/api/comments/${x.json.id}/disposition`, { disposition, reason });
				assert.equal(y.status, 200, y.text);
			}
			return x.json.id;
		};
		await record(3, '建议将“理清”改为“厘清”', 'adopted');
		await record(9, '第9条与第10条重复，建议删去', 'adopted');
		await record(5, '第5条没有意见');
		await record(18, '容错的表述可以更明确', 'partly', '改为依规容错免责');
	});
	after(async () => {
		if (srv) await srv.close();
	});

	test('the draft is version 1; a revision needs a revised text', T, async () => {
		let r = await c.zone1.get(`/api/consultations/${id}/versions`);
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(r.json.items.map((v) => [v.seq, v.tasks_policy_id, v.n_articles]), [[1, policyId, 18]]);
		fs.writeFileSync(clock, String(END)); // the window over
		r = await c.office1.post(`/api/consultations/${id}/tasks`);
		fs.writeFileSync(clock, String(END - 3600));
		h.assertError(r, 400, 'invalid_state');
		assert.equal(r.json.error.message, '尚未导入修改后的版本，请先导入终稿');
		r = await upload(fs.readFileSync(h.SEED, 'utf8'));
		h.assertError(r, 400, 'invalid_policy_text');
		assert.equal(r.json.error.message, '与征求意见稿的文本完全相同，不是新的版本');
		r = await upload('一段没有条目的文字。\n');
		h.assertError(r, 400, 'invalid_policy_text');
		r = await c.office1.post(`/api/consultations/${id}/versions`, Buffer.from([0, 1, 2, 3]), { raw: true, contentType: 'text/plain' });
		h.assertError(r, 400, 'invalid_policy_text');
		r = await upload(REVISED, null, c.zone1);
		h.assertError(r, 403, 'forbidden');
		r = await c.office1.post('/api/consultations/999999/versions', Buffer.from(REVISED), { raw: true, contentType: 'text/plain' });
		h.assertError(r, 404, 'not_found');
	});

	test('revised texts are versions 2 and 3: text only, no task made', T, async () => {
		const before = await taskTotal();
		let r = await upload(REVISED, '吸收意见后的修改稿');
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.version.seq, 2);
		assert.equal(r.json.version.title_note, '征求意见修改稿');
		assert.equal(r.json.version.note, '吸收意见后的修改稿');
		assert.equal(r.json.version.n_articles, 18);
		assert.equal(r.json.version.tasks_policy_id, null);
		// the answer is the version as the list shows it: who imported it, and when
		const listed = (await c.office1.get(`/api/consultations/${id}/versions`)).json.items.find((v) => v.seq === 2);
		assert.deepEqual(r.json.version, listed);
		assert.ok(r.json.version.created_by_name && /^\d{4}-\d\d-\d\dT/.test(r.json.version.created_at), r.text);
		r = await upload(REVISED);
		h.assertError(r, 409, 'version_exists');
		assert.equal(r.json.error.message, '该版本已经导入过（内容完全相同）');
		// saved again by an editor that adds a blank line and leaves spaces at lines' ends
		h.assertError(await upload(`${REVISED.replace(/\n/g, ' \n')}\n\n`), 409, 'version_exists');
		r = await upload(THIRD, '送审稿');
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.version.seq, 3);
		assert.equal(await taskTotal(), before);
		r = await c.zone1.get(`/api/consultations/${id}/versions`);
		assert.deepEqual(r.json.items.map((v) => [v.seq, v.note]), [[1, null], [2, '吸收意见后的修改稿'], [3, '送审稿']]);
		r = await c.super1.get('/api/audit?entity_type=consultation_version');
		assert.deepEqual(r.json.items.map((x) => x.action), ['create', 'create']);
		// a wrong file imported as 第4稿 is withdrawn: the last one only, and 第3稿 is the final again
		r = await upload(THIRD.replace('送审稿', '错稿').replace('可依规容错免责。', '可依规依纪容错免责。'), '传错了');
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.version.seq, 4);
		h.assertError(await c.zone1.del(`/api/consultations/${id}/versions/4`), 403, 'forbidden');
		r = await c.office1.del(`/api/consultations/${id}/versions/3`);
		h.assertError(r, 409, 'invalid_state');
		assert.equal(r.json.error.message, '只能撤回最后导入的一稿');
		assert.equal((await c.office1.del(`/api/consultations/${id}/versions/4`)).status, 204);
		r = await c.zone1.get(`/api/consultations/${id}/versions`);
		assert.deepEqual(r.json.items.map((v) => v.seq), [1, 2, 3]);
		r = await c.super1.get('/api/audit?entity_type=consultation_version');
		assert.deepEqual([r.json.items[0].action, r.json.items[0].before.note, r.json.items[0].after], ['delete', '传错了', null]);
	});

	test('the diff of two versions lists the decided comments of each article on the draft side', T, async () => {
		let r = await c.zone1.get(`/api/consultations/${id}/versions/diff?from=1&to=2`);
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(r.json.diff.summary, { added: 1, changed: 3, moved: 1, removed: 1, unchanged: 14 });
		const rows = r.json.diff.articles.map((a, i) => [a.status, a.old && a.old.number, a.new && a.new.number, r.json.comments[i].comments.map((p) => [p.body, p.disposition])]);
		assert.deepEqual(rows.filter((x) => x[0] !== 'unchanged' || x[3].length), [
			['changed', 3, 3, [['建议将“理清”改为“厘清”', 'adopted']]],
			['removed', 9, null, [['第9条与第10条重复，建议删去', 'adopted']]],
			['changed', 10, 9, []],
			['added', null, 13, []],
			['changed', 14, 14, []],
			['unchanged', 18, 16, [['容错的表述可以更明确', 'partly']]],
		]);
		// from version 2 the draft's articles are found through the diff of the draft and 2
		r = await c.zone1.get(`/api/consultations/${id}/versions/diff?from=2&to=3`);
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(r.json.diff.summary, { added: 0, changed: 1, moved: 0, removed: 0, unchanged: 17 });
		const i = r.json.diff.articles.findIndex((a) => a.status === 'changed');
		assert.deepEqual([r.json.diff.articles[i].old.number, r.json.comments[i].draft_number], [16, 18]);
		assert.deepEqual(r.json.comments[i].comments.map((p) => p.reason), ['改为依规容错免责']);
		assert.deepEqual(r.json.diff.articles[i].segments.filter((s) => s.op !== 'equal').map((s) => [s.op, s.text]), [['delete', '免于追究责任'], ['insert', '依规容错免责']]);
		r = await c.zone1.get(`/api/consultations/${id}/versions/diff?from=1&to=4`);
		h.assertError(r, 400, 'invalid_parameter');
		r = await c.zone1.get(`/api/consultations/${id}/versions/diff?from=1`);
		h.assertError(r, 400, 'invalid_parameter', 'to');
	});

	test('creating tasks from the final version flags what changed against the draft, once', T, async () => {
		const draftTasks = (await c.office1.get(`/api/tasks?policy_id=${policyId}&page_size=100`)).json.items;
		const draftTask = (n) => draftTasks.find((t) => t.article_number === n).id;
		const before = await taskTotal();
		let r = await c.zone1.post(`/api/consultations/${id}/tasks`);
		h.assertError(r, 403, 'forbidden');
		// not while comments may still come: the final text answers them all
		r = await c.office1.post(`/api/consultations/${id}/tasks`);
		h.assertError(r, 409, 'invalid_state');
		assert.equal(r.json.error.message, '征求意见截止后才能根据终稿创建任务；如需提前结束，请先调整征求时间并写明理由');
		assert.equal(await taskTotal(), before);
		fs.writeFileSync(clock, String(END));
		r = await c.office1.post(`/api/consultations/${id}/tasks`);
		assert.equal(r.status, 201, r.text);
		const v = r.json.version;
		// the final text the tasks came from stays
		const kept = await c.office1.del(`/api/consultations/${id}/versions/${v.seq}`);
		h.assertError(kept, 409, 'invalid_state');
		assert.equal(kept.json.error.message, '已根据终稿创建任务，不能再撤回版本');
		assert.equal(v.seq, 3);
		assert.ok(v.tasks_policy_id > policyId);
		assert.equal(await taskTotal(), before + 18);
		const finalTasks = (await c.office1.get(`/api/tasks?policy_id=${v.tasks_policy_id}&page_size=100`)).json.items;
		const finalTask = (n) => finalTasks.find((t) => t.article_number === n).id;
		assert.deepEqual(
			r.json.flags.map((f) => [f.status, f.moved, f.old_number, f.new_number, f.old_task_id, f.new_task_id, f.comments.map((p) => p.disposition)]),
			[
				['changed', false, 3, 3, draftTask(3), finalTask(3), ['adopted']],
				['removed', false, 9, null, draftTask(9), null, ['adopted']],
				['changed', false, 10, 9, draftTask(10), finalTask(9), []],
				['added', false, null, 13, null, finalTask(13), []],
				['changed', false, 14, 14, draftTask(14), finalTask(14), []],
				['changed', true, 18, 16, draftTask(18), finalTask(16), ['partly']],
			],
		);
		assert.equal(r.json.flags[5].similarity_bp < 10000, true);
		// read back the same
		const again = await c.zone1.get(`/api/consultations/${id}/tasks`);
		assert.equal(again.status, 200, again.text);
		assert.deepEqual(again.json.flags, r.json.flags);
		// once; and no version after it
		r = await c.office1.post(`/api/consultations/${id}/tasks`);
		h.assertError(r, 409, 'invalid_state');
		assert.equal(r.json.error.message, '已根据终稿创建过任务');
		r = await upload(`${THIRD}\n`);
		h.assertError(r, 409, 'invalid_state');
		assert.equal(r.json.error.message, '已根据终稿创建任务，不能再导入新的版本');
		assert.equal(await taskTotal(), before + 18);
		r = await c.super1.get('/api/audit?entity_type=consultation_version');
		assert.deepEqual(r.json.items.map((x) => x.action), ['tasks', 'delete', 'create', 'create', 'create']);
		assert.match(JSON.stringify(r.json.items[0]), /"flags":\[/);
	});

	test('the public page shows the final version beside the published report', T, async () => {
		const anon = new h.Client(srv);
		let r = await anon.get(`/api/public/consultations/${id}`);
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.final_version, null);
		fs.writeFileSync(clock, String(END + 60));
		// recorded before the report is published, which closes the comments (DECISIONS 297):
		// the printed report's text as text
		r = await c.office1.post(`/api/consultations/${id}/comments`, { channel: 'email', body: '<script>alert(1)</script>意见', name: '王五', contact: 'wang.wu@example.cn' });
		assert.equal(r.status, 201, r.text);
		// every point decided before the report is published
		r = await c.office1.put(`/api/consultations/${id}/report`, { summary: '共收到意见4条，采纳2条。', publish: true });
		h.assertError(r, 409, 'invalid_state');
		assert.equal(r.json.error.message, '还有2条意见要点未处理，全部处理后才能公布采纳情况说明');
		for (const x of (await c.office1.get(`/api/consultations/${id}/comments?disposition=undecided`)).json.items) {
			const y = await c.office1.post(`/api/comments/${x.id}/disposition`, { disposition: 'rejected', reason: '与修改无关' });
			assert.equal(y.status, 200, y.text);
		}
		r = await c.office1.put(`/api/consultations/${id}/report`, { summary: '共收到意见4条，采纳2条。', publish: true });
		assert.equal(r.status, 200, r.text);
		r = await anon.get(`/api/public/consultations/${id}`);
		const f = r.json.final_version;
		assert.deepEqual([f.seq, f.title_note, f.note, f.articles.length], [3, '征求意见修改稿', '送审稿', 18]);
		assert.match(f.articles.find((a) => a.number === 16).body, /可依规容错免责/);
		assert.equal(r.json.articles.length, 18);
		assert.match(r.json.articles.find((a) => a.number === 18).body, /可免于追究责任/);
	});

	test('the adoption report printed on the GB/T 9704 layout: counts, every comment, text as text', T, async () => {
		let r = await c.zone1.get(`/api/consultations/${id}/report/print`);
		assert.equal(r.status, 200, r.text);
		assert.match(r.headers.get('content-type'), /^text\/html/);
		const html = r.text;
		assert.match(html, /<p class="organ"[^>]*>抚顺市商务局<\/p>/);
		assert.match(html.replace(/<\/?span>/g, ''), /<h1>关于《中共抚顺市委 抚顺市人民政府关于深化开发区体制机制改革意见》征求意见采纳情况的说明<\/h1>/);
		assert.ok(html.includes('<p>共收到意见4条，采纳2条。</p>'), 'the summary');
		assert.ok(html.includes('征求意见时间为2025年6月23日至2025年6月25日，共收到意见5条（电子邮件1条，信函4条）；按要点处理：采纳2条，部分采纳1条，不采纳2条。'), html);
		assert.ok(html.includes('<td class="l">部分采纳：改为依规容错免责</td>'), 'the handling');
		assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;意见'), 'markup escaped');
		assert.ok(!html.includes('<script>'), 'no script');
		assert.ok(!html.includes('王五') && !html.includes('wang.wu'), 'no name or contact');
		assert.ok(!html.includes('class="note"'), 'a published report has no draft note');
		r = await c.zone1.get('/api/consultations/999999/report/print');
		h.assertError(r, 404, 'not_found');
	});

	test('a consultation never released makes no tasks from its final text, whatever its window', T, async () => {
		// another policy (the draft with a word changed) and its consultation, left a draft
		const text = fs.readFileSync(h.SEED, 'utf8').replace('聚焦主责主业', '聚焦主业主责');
		let r = await c.office1.post('/api/policies', Buffer.from(text), { raw: true, contentType: 'text/plain' });
		assert.equal(r.status, 201, r.text);
		r = await c.office1.post('/api/consultations', { policy_id: r.json.policy.id });
		assert.equal(r.status, 201, r.text);
		const draft = r.json.consultation.id;
		r = await c.office1.post(`/api/consultations/${draft}/versions`, Buffer.from(text.replace('聚焦主业主责', '突出主责主业')), { raw: true, contentType: 'text/plain' });
		assert.equal(r.status, 201, r.text);
		const before = await taskTotal();
		r = await c.office1.post(`/api/consultations/${draft}/tasks`);
		h.assertError(r, 409, 'invalid_state');
		assert.equal(r.json.error.message, '征求意见稿尚未发布，不能根据终稿创建任务；请先发布并征求意见');
		assert.equal(await taskTotal(), before);
	});
});
