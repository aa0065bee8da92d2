'use strict';
// consult.test.js - public consultations (征求意见): a consultation made from the imported seed
// takes its issuer, contacts and window from the notice; the office releases it; the public
// page shows it without login; comments are taken only inside the half-open window in
// Asia/Shanghai (one second before, at and after each edge, with the server's test clock),
// only with a solved, unused, unexpired proof of work for this consultation, within the
// per-address limit and never twice the same; contacts are checked and shown masked; the office
// records comments from other channels, splits them into points and decides each point; the
// window moves only with a reason; every change is audited.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./harness');
const { readXlsx } = require('./xlsx');

const T = { timeout: h.STEP_TIMEOUT };
const START = 1750608000; // 2025-06-23 00:00:00 Asia/Shanghai
const END = 1750867200; // 2025-06-26 00:00:00 Asia/Shanghai: the first second after the window

// The proof of work as docs/DECISIONS.md describes it: the smallest counter whose
// SHA-256(challenge ":" counter) starts with `bits` zero bits.
function solve(challenge, bits) {
	for (let i = 0; ; i++) {
		const h2 = crypto.createHash('sha256').update(`${challenge}:${i}`).digest();
		let ok = true;
		for (let b = 0; b < bits && ok; b++) ok = (h2[b >> 3] & (0x80 >> (b & 7))) === 0;
		if (ok) return String(i);
	}
}

describe('public consultations', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, anon, clock, id, articles;
	const setClock = (t) => fs.writeFileSync(clock, String(t));

	async function pow(cl = anon, cid = id) {
		const r = await cl.get(`/api/public/consultations/${cid}/challenge`);
		assert.equal(r.status, 200, r.text);
		return { pow_challenge: r.json.challenge, pow_mac: r.json.mac, pow_counter: solve(r.json.challenge, r.json.bits) };
	}

	// each comment from an address of its own (through --trust-proxy), except where the
	// per-address limit is the point
	let addrs = 0;
	async function comment(body, extra = {}, addr = `198.51.100.${++addrs}`) {
		return anon.post(`/api/public/consultations/${id}/comments`, { body, ...(await pow()), ...extra }, { headers: { 'X-Forwarded-For': addr } });
	}

	before(async () => {
		const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'kfq-clock-'));
		clock = path.join(dir, 'now');
		setClock(START + 3600);
		srv = await h.startServer({ serveArgs: ['--pow-bits', '4', '--clock-file', clock, '--trust-proxy'] });
		c = await h.loginAll(srv, ['office1', 'zone1', 'super1']);
		anon = new h.Client(srv);
		const r = await c.office1.post('/api/policies', fs.readFileSync(h.SEED), { raw: true, contentType: 'text/plain' });
		assert.equal(r.status, 201, r.text);
	});
	after(async () => {
		if (srv) await srv.close();
	});

	test('a consultation from the seed takes the notice: issuer, contacts, window', T, async () => {
		const pol = await c.office1.get('/api/policies');
		const pid = pol.json.items[0].id;
		let r = await c.zone1.post('/api/consultations', { policy_id: pid });
		h.assertError(r, 403, 'forbidden');
		r = await c.office1.post('/api/consultations', { policy_id: pid });
		assert.equal(r.status, 201, r.text);
		const k = r.json.consultation;
		id = k.id;
		articles = r.json.articles;
		assert.equal(k.issuer, '抚顺市商务局');
		assert.equal(k.contact_email, 'swjkhcjc@163.com');
		assert.equal(k.contact_phone, '57500610');
		assert.equal(k.window_start, '2025-06-23 00:00:00');
		assert.equal(k.window_end, '2025-06-26 00:00:00');
		assert.equal(k.window_text, '2025年6月23日至2025年6月25日');
		assert.equal(k.state, 'draft');
		assert.equal(k.state_label, '草稿');
		assert.equal(articles.length, 18);
		assert.equal(articles[0].number, 1);
		assert.match(articles[0].part_heading, /^总体要求|^优化|/);
		assert.ok(articles.every((a, i) => a.seq === i + 1));
		// a draft is not public, nor is its adoption report published
		r = await anon.get(`/api/public/consultations/${id}`);
		h.assertError(r, 404, 'not_found');
		r = await c.office1.put(`/api/consultations/${id}/report`, { summary: '草稿的说明', publish: true });
		h.assertError(r, 409, 'invalid_state');
		assert.equal(r.json.error.message, '征求意见稿尚未发布，不能公布采纳情况说明');
		r = await c.office1.post(`/api/consultations/${id}/release`);
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.consultation.state, 'open');
		r = await c.office1.post(`/api/consultations/${id}/release`);
		h.assertError(r, 409, 'invalid_state');
		// the list filters by the state at the request's clock
		for (const [state, want] of [['open', [id]], ['draft', []], ['upcoming', []], ['closed', []]]) {
			r = await c.zone1.get(`/api/consultations?state=${state}`);
			assert.deepEqual(r.json.items.map((x) => x.id), want, state);
		}
		r = await c.zone1.get('/api/consultations?state=later');
		h.assertError(r, 400, 'invalid_parameter', 'state');
		r = await anon.get(`/api/public/consultations/${id}`);
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.consultation.state_label, '征求中');
		assert.equal(r.json.articles.length, 18);
		assert.deepEqual(r.json.comments, []);
	});

	test('window edges in Asia/Shanghai: one second before, at and after start and end', T, async () => {
		const cases = [
			[START - 1, 409, 'not_open'],
			[START, 201],
			[START + 1, 201],
			[END - 1, 201],
			[END, 409, 'closed'],
			[END + 1, 409, 'closed'],
		];
		for (const [t, status, code] of cases) {
			setClock(t);
			const r = await comment(`窗口测试 ${t}`);
			if (code) {
				h.assertError(r, status, code);
				assert.match(r.json.error.message, /2025年6月23日至2025年6月25日/);
			} else assert.equal(r.status, status, `${t}: ${r.text}`);
		}
		setClock(START + 3600);
		const r = await c.office1.get(`/api/consultations/${id}/comments`);
		assert.deepEqual(
			r.json.items.map((x) => x.body),
			[`窗口测试 ${START}`, `窗口测试 ${START + 1}`, `窗口测试 ${END - 1}`],
		);
	});

	test('proof of work: missing, wrong, forged, reused, for another consultation', T, async () => {
		let r = await anon.post(`/api/public/consultations/${id}/comments`, { body: '无验证' });
		h.assertError(r, 400, 'pow_required', '/pow_challenge');
		const p = await pow();
		// a counter that does not solve it: find one
		let wrong = 0;
		while (true) {
			const h2 = crypto.createHash('sha256').update(`${p.pow_challenge}:${wrong}`).digest();
			if (h2[0] >> 4 !== 0) break;
			wrong++;
		}
		r = await anon.post(`/api/public/consultations/${id}/comments`, { body: '错误解', ...p, pow_counter: String(wrong) });
		h.assertError(r, 400, 'pow_invalid', '/pow_counter');
		r = await anon.post(`/api/public/consultations/${id}/comments`, { body: '伪造', ...p, pow_mac: '0'.repeat(64) });
		h.assertError(r, 400, 'pow_invalid');
		r = await anon.post(`/api/public/consultations/${id}/comments`, { body: '第一次使用', ...p });
		assert.equal(r.status, 201, r.text);
		r = await anon.post(`/api/public/consultations/${id}/comments`, { body: '第二次使用', ...p });
		h.assertError(r, 409, 'pow_used', '/pow_counter');
		// expired: the challenge lives 30 minutes on the real clock; a forged expiry breaks the mac
		const parts = p.pow_challenge.split(':');
		parts[2] = String(Number(parts[2]) - 3600);
		r = await anon.post(`/api/public/consultations/${id}/comments`, { body: '过期', ...p, pow_challenge: parts.join(':') });
		h.assertError(r, 400, 'pow_invalid');
		const stored = await c.office1.get(`/api/consultations/${id}/comments?page_size=100`);
		assert.equal(stored.json.items.filter((x) => /第二次使用|错误解|伪造|过期|无验证/.test(x.body)).length, 0);
	});

	test('contacts are checked, kept, and masked without the grant', T, async () => {
		for (const bad of ['5750061x', '12345', '024-575006', 'a@b']) {
			const r = await comment('联系方式测试', { contact: bad });
			h.assertError(r, 400, 'invalid_value', '/contact');
		}
		let r = await comment('请明确开发区考核办法。', { name: '张三', contact: '13800138000', article_id: articles[13].id });
		assert.equal(r.status, 201, r.text);
		r = await comment('建议增加人才公寓。', { contact: '024-57500610' });
		assert.equal(r.status, 201, r.text);
		r = await c.office1.get(`/api/consultations/${id}/comments?article_id=${articles[13].id}`);
		assert.equal(r.json.total, 1);
		assert.equal(r.json.items[0].contact, '138****8000');
		assert.equal(r.json.items[0].name, '张三');
		assert.equal(r.json.items[0].article_number, 14);
		r = await comment('x'.repeat(2001));
		h.assertError(r, 400, 'too_long', '/body');
		r = await comment('字'.repeat(2000));
		assert.equal(r.status, 201, r.text);
	});

	test('an exact duplicate is refused, the same text on another article is not', T, async () => {
		let r = await comment('建议增加人才公寓。', { contact: '024-57500610' });
		h.assertError(r, 409, 'duplicate', '/body');
		r = await comment('建议增加人才公寓。', { article_id: articles[0].id });
		assert.equal(r.status, 201, r.text);
	});

	test('the office records other channels, splits, decides; reasons required', T, async () => {
		let r = await c.office1.post(`/api/consultations/${id}/comments`, { channel: 'web', body: 'x' });
		h.assertError(r, 400, 'invalid_value', '/channel');
		r = await c.zone1.post(`/api/consultations/${id}/comments`, { channel: 'email', body: 'x' });
		h.assertError(r, 403, 'forbidden');
		// a letter is recorded once it has come, not before
		r = await c.office1.post(`/api/consultations/${id}/comments`, { channel: 'letter', body: '来信', received_at: '2099-01-01' });
		h.assertError(r, 400, 'invalid_value', '/received_at');
		assert.equal(r.json.error.message, '收到时间不能晚于现在');
		r = await c.office1.post(`/api/consultations/${id}/comments`, {
			channel: 'letter',
			name: '李四',
			body: '一、建议明确薪酬备案程序。二、建议延长征求意见时间。',
			received_at: '2025-06-23 00:30',
		});
		assert.equal(r.status, 201, r.text);
		const cm = r.json;
		assert.equal(cm.channel_label, '信函');
		assert.equal(cm.received_at, '2025-06-22T16:30:00Z');
		assert.equal(cm.points.length, 1);
		r = await c.office1.post(`/api/comments/${cm.id}/points`, {
			points: [
				{ body: '建议明确薪酬备案程序。', article_id: articles[10].id },
				{ body: '建议延长征求意见时间。' },
			],
		});
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(r.json.points.map((p) => [p.seq, p.article_number]), [[1, 11], [2, null]]);
		const [p1, p2] = r.json.points;
		// a comment of several points is decided a point at a time, and the refusal says so
		r = await c.office1.post(`/api/comments/${cm.id}/disposition`, { disposition: 'rejected', reason: '理由' });
		h.assertError(r, 400, 'missing_field', '/point_id');
		assert.equal(r.json.error.message, '该意见已拆分为多条要点，请选择要处理的要点');
		r = await c.office1.post(`/api/comments/${cm.id}/disposition`, { point_id: p2.id, disposition: 'rejected' });
		h.assertError(r, 400, 'required', '/reason');
		// a blank reason is no reason
		for (const reason of ['', '　 ']) {
			r = await c.office1.post(`/api/comments/${cm.id}/disposition`, { point_id: p2.id, disposition: 'rejected', reason });
			h.assertError(r, 400, 'required', '/reason');
		}
		r = await c.office1.post(`/api/comments/${cm.id}/disposition`, { point_id: p1.id, disposition: 'adopted' });
		assert.equal(r.status, 200, r.text);
		r = await c.office1.post(`/api/comments/${cm.id}/disposition`, { point_id: p2.id, disposition: 'explained', reason: '征求意见时间依规定执行。' });
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(r.json.points.map((p) => [p.disposition_label, p.reason, p.decided_by_name !== null]), [
			['采纳', null, true],
			['已说明', '征求意见时间依规定执行。', true],
		]);
		r = await c.office1.get(`/api/consultations/${id}/comments?disposition=adopted`);
		assert.deepEqual(r.json.items.map((x) => x.id), [cm.id]);
		// a list's comments carry their points
		assert.deepEqual(r.json.items[0].points.map((p) => p.disposition), ['adopted', 'explained']);
		r = await c.office1.get(`/api/consultations/${id}/comments?channel=letter`);
		assert.equal(r.json.total, 1);
	});

	test('reopening or extending needs a reason and is audited', T, async () => {
		setClock(END + 10);
		let r = await anon.get(`/api/public/consultations/${id}`);
		assert.equal(r.json.consultation.state, 'closed');
		r = await c.office1.post(`/api/consultations/${id}/window`, { window_start: '2025-06-23', window_end: '2025-06-27' });
		h.assertError(r, 400, 'missing_field');
		r = await c.office1.post(`/api/consultations/${id}/window`, { window_start: '2025-06-23', window_end: '2025-06-27', reason: '应企业要求延长两天' });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.consultation.window_end, '2025-06-28 00:00:00');
		assert.equal(r.json.consultation.state, 'open');
		r = await comment('延长期间的意见');
		assert.equal(r.status, 201, r.text);
		// ended again before that comment came, the window the report states would not hold it
		r = await c.office1.post(`/api/consultations/${id}/window`, { window_start: '2025-06-23', window_end: '2025-06-25', reason: '提前结束' });
		h.assertError(r, 400, 'invalid_value', '/window_end');
		assert.equal(r.json.error.message, '网上已于2025-06-26 00:00:10（北京时间）收到意见，截止时间不能早于此时');
		r = await c.super1.get('/api/audit?entity_type=consultation');
		assert.equal(r.status, 200, r.text);
		const actions = r.json.items.map((x) => x.action);
		assert.deepEqual(actions.slice(0, 3), ['window', 'release', 'create']);
		const win = r.json.items[0];
		assert.match(JSON.stringify(win), /2025-06-28 00:00:00/);
		setClock(START + 3600);
	});

	test('per address: 10 comments in 10 minutes, then 429 with Retry-After; others go on', T, async () => {
		for (let i = 1; i <= 10; i++) {
			const r = await comment(`频率测试 ${i}`, {}, '192.0.2.9');
			assert.equal(r.status, 201, `${i}: ${r.text}`);
		}
		let r = await comment('频率测试 11', {}, '192.0.2.9');
		h.assertError(r, 429, 'rate_limited');
		const wait = Number(r.headers.get('retry-after'));
		assert.ok(wait > 0 && wait <= 600, `Retry-After ${wait}`);
		r = await comment('频率测试 12', {}, '192.0.2.10');
		assert.equal(r.status, 201, r.text);
		r = await c.office1.get(`/api/consultations/${id}/comments?page_size=200`);
		assert.equal(r.json.items.filter((x) => /^频率测试/.test(x.body)).length, 11);
	});

	test('the adoption report: counts, summary, published on the public page without contacts', T, async () => {
		const xss = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
		let r = await comment(xss, { name: '王五', contact: 'wangwu@example.com' });
		assert.equal(r.status, 201, r.text);
		r = await c.office1.get(`/api/consultations/${id}/report`);
		assert.equal(r.status, 200, r.text);
		const ch = Object.fromEntries(r.json.counts.by_channel.map((x) => [x.label, x.count]));
		assert.equal(ch['信函'], 1);
		const disp = Object.fromEntries(r.json.counts.by_disposition.map((x) => [x.code, x.count]));
		assert.equal(disp.adopted, 1);
		assert.equal(disp.explained, 1);
		r = await c.zone1.put(`/api/consultations/${id}/report`, { summary: 'x', publish: true });
		h.assertError(r, 403, 'forbidden');
		r = await c.office1.put(`/api/consultations/${id}/report`, { publish: true });
		h.assertError(r, 400, 'required', '/summary');
		r = await anon.get(`/api/public/consultations/${id}`);
		assert.deepEqual(r.json.comments, []);
		assert.equal(r.json.consultation.summary, null);
		// published only once the window (extended to 2025-06-28 above) has closed and every
		// point is decided: the report answers each, and the public had its whole window
		const publish = () => c.office1.put(`/api/consultations/${id}/report`, { summary: '共收到意见若干条，采纳1条。', publish: true });
		r = await publish();
		h.assertError(r, 409, 'invalid_state');
		assert.match(r.json.error.message, /征求意见截止后才能公布/);
		setClock(END + 2 * 86400);
		r = await publish();
		h.assertError(r, 409, 'invalid_state');
		const undecided = (await c.office1.get(`/api/consultations/${id}/comments?disposition=undecided&page_size=200`)).json.items;
		const open = undecided.flatMap((x) => x.points.filter((p) => !p.disposition).map((p) => [x.id, p.id]));
		assert.ok(open.length > 1);
		assert.equal(r.json.error.message, `还有${open.length}条意见要点未处理，全部处理后才能公布采纳情况说明`);
		for (const [cm, point] of open) {
			r = await c.office1.post(`/api/comments/${cm}/disposition`, { point_id: point, disposition: 'rejected', reason: '与本文件无关' });
			assert.equal(r.status, 200, r.text);
		}
		r = await c.super1.get(`/api/audit?entity_type=consultation&page_size=1`);
		const before = r.json.total;
		r = await publish();
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.consultation.state, 'published');
		r = await c.super1.get(`/api/audit?entity_type=consultation&page_size=1`);
		assert.equal(r.json.total, before + 1, 'the refused publications wrote nothing');
		r = await c.office1.put(`/api/consultations/${id}/report`, { summary: '改', publish: true });
		h.assertError(r, 409, 'invalid_state');
		r = await anon.get(`/api/public/consultations/${id}`);
		assert.equal(r.json.consultation.state_label, '已公布');
		assert.equal(r.json.consultation.summary, '共收到意见若干条，采纳1条。');
		assert.ok(r.json.counts.by_disposition.length > 0);
		const shown = r.json.comments.find((x) => x.body === xss);
		assert.ok(shown, 'the comment is published with the report, its text as sent');
		assert.equal(shown.handling, '不采纳：与本文件无关', 'and how it was handled');
		// the letter on the whole draft split in two: its point on 第11条 says so where it is shown
		const print = (await c.office1.get(`/api/consultations/${id}/report/print`)).text;
		assert.ok(print.includes('1. （第11条）采纳'), print.slice(print.indexOf('薪酬备案'), print.indexOf('薪酬备案') + 300));
		assert.ok(!('contact' in shown) && !('name' in shown));
		assert.doesNotMatch(r.text, /wangwu|13800138000|张三/);
		// after publication nothing more is taken
		setClock(START + 3600);
		r = await comment('公布后的意见');
		h.assertError(r, 409, 'closed');
		// nor recorded, split, decided again or moved to another article by the office: the
		// published counts stay those its summary states (DECISIONS 297)
		const counts = JSON.stringify((await anon.get(`/api/public/consultations/${id}`)).json.counts);
		const k = (await c.office1.get(`/api/consultations/${id}/comments?page_size=200`)).json.items.find((x) => x.body === xss);
		const writes = [
			[`/api/consultations/${id}/comments`, { channel: 'phone', body: '公布后录入' }],
			[`/api/comments/${k.id}/points`, { points: [{ body: '甲' }, { body: '乙' }] }],
			[`/api/comments/${k.id}/disposition`, { disposition: 'rejected', reason: '改' }],
			[`/api/comments/${k.id}/article`, { article_id: articles[1].id }],
		];
		for (const [url, body] of writes) {
			r = await c.office1.post(url, body);
			h.assertError(r, 409, 'invalid_state');
			assert.match(r.json.error.message, /已公布/, url);
		}
		const eml = 'From: a@example.com\r\nSubject: x\r\nMessage-ID: <late@example.com>\r\n\r\n公布后的邮件\r\n';
		r = await c.office1.post(`/api/consultations/${id}/mail`, eml, { raw: true, contentType: 'message/rfc822' });
		h.assertError(r, 409, 'invalid_state');
		r = await anon.get(`/api/public/consultations/${id}`);
		assert.equal(JSON.stringify(r.json.counts), counts);
		r = await c.office1.get(`/api/comments/${k.id}`);
		assert.deepEqual(r.json.points, k.points);
		assert.equal(r.json.article_id, k.article_id);
	});

	test('10,000 comments loaded and the report built with exact counts and its xlsx', T, async () => {
		const pol = await c.office1.get('/api/policies');
		let r = await c.office1.post('/api/consultations', { policy_id: pol.json.items[0].id, title: '万条意见' });
		assert.equal(r.status, 201, r.text);
		const k = r.json.consultation.id;
		await h.sqlOk(
			srv.db,
			`INSERT INTO consultation_comment (consultation_id, article_id, channel, body, body_sha256, received_at, created_at)
			 WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
			 SELECT ${k}, (SELECT a.id FROM consultation_article a WHERE a.consultation_id = ${k} AND a.seq = 1 + i % 18),
			        CASE i % 5 WHEN 0 THEN 'email' WHEN 1 THEN 'phone' WHEN 2 THEN 'letter' WHEN 3 THEN 'meeting' ELSE 'department' END,
			        'bulk ' || i, 'x', '2025-06-24T00:00:00Z', '2025-06-24T00:00:00Z' FROM n;
			 INSERT INTO comment_point (comment_id, seq, article_id, disposition, reason)
			 SELECT id, 1, article_id, CASE channel WHEN 'email' THEN 'adopted' WHEN 'phone' THEN 'partly'
			        WHEN 'letter' THEN 'rejected' WHEN 'meeting' THEN 'explained' END,
			        CASE WHEN channel IN ('phone', 'letter', 'meeting') THEN '理由' END
			 FROM consultation_comment WHERE consultation_id = ${k};`,
		);
		r = await c.office1.get(`/api/consultations/${k}/report`);
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(
			r.json.counts.by_channel.map((x) => [x.code, x.count]),
			[['department', 2000], ['email', 2000], ['letter', 2000], ['meeting', 2000], ['phone', 2000]],
		);
		// i % 18 = r puts i on article r + 1: 10,000 = 18 × 555 + 10, so residues 1..10 get 556
		assert.deepEqual(
			r.json.counts.by_article.map((x) => [x.article_number, x.count]),
			Array.from({ length: 18 }, (_, s) => [s + 1, s >= 1 && s <= 10 ? 556 : 555]),
		);
		assert.deepEqual(
			Object.fromEntries(r.json.counts.by_disposition.map((x) => [x.code, x.count])),
			{ undecided: 2000, adopted: 2000, explained: 2000, partly: 2000, rejected: 2000 },
		);
		r = await c.office1.get(`/api/consultations/${k}/comments?disposition=undecided&page_size=1`);
		assert.equal(r.json.total, 2000);
		r = await c.office1.get(`/api/consultations/${k}/report.xlsx`);
		assert.equal(r.status, 200);
		assert.equal(h.xlsxRows(r.buf), 10001);
		const text = h.xlsxText(r.buf);
		for (const want of ['处理情况', 'bulk 10000', '未处理', '部分采纳：理由']) assert.ok(text.includes(want), `xlsx lacks ${want}`);
		// numbered 1..n as the print view numbers them (both in the comments' order), each
		// comment's own id in the last column
		const rows = readXlsx(r.buf);
		assert.deepEqual([rows[0][0], rows[0][8]], ['序号', '意见编号']);
		assert.deepEqual([rows[1][0], rows[10000][0]], ['1', '10000']);
		assert.ok(rows.slice(2).every((x, i) => Number(x[8]) > Number(rows[i + 1][8])), 'ids ascending');
	});
});
