'use strict';
// notice.test.js - 督办单 (supervision notices) and the in-app inbox: the office issues numbered
// notices (督办〔year〕N号) to an organization about a task and milestone; only that
// organization's scope sees and answers them; the office closes or escalates; refusals (bad
// input, another scope, a closed notice) write nothing; the printable page escapes user text;
// the xlsx export; each user's inbox; `kfq remind` adds each reminder once a day.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./harness');

const T = { timeout: h.STEP_TIMEOUT };
const SEED = path.join(__dirname, '..', 'data', 'fushun-devzone-reform-draft-2025.txt');

function day(offset) {
	// today in Asia/Shanghai, plus offset days, as YYYY-MM-DD
	const t = new Date(Date.now() + 8 * 3600e3 + offset * 86400e3);
	return t.toISOString().slice(0, 10);
}

const YEAR = Number(day(0).slice(0, 4));

// 2026-12-05 → 2026年12月5日
function plainDate(iso) {
	const [y, m, d] = iso.split('-').map(Number);
	return `${y}年${m}月${d}日`;
}

// 2026-11-28 → 二〇二六年十一月二十八日
function cnDate(iso) {
	const digits = '〇一二三四五六七八九';
	const small = (n) => (n < 10 ? digits[n] : `${n >= 20 ? digits[Math.floor(n / 10)] : ''}十${n % 10 ? digits[n % 10] : ''}`);
	const [y, m, d] = iso.split('-').map(Number);
	return `${[...String(y)].map((ch) => digits[Number(ch)]).join('')}年${small(m)}月${small(d)}日`;
}

const plan = (offsets) => [
	{ title: '制定实施方案', deliverable: '方案文本', start_date: day(-60), due_date: day(offsets[0]), weight: 30 },
	{ title: '组织实施', deliverable: '实施报告', start_date: day(-60), due_date: day(offsets[1]), weight: 50 },
	{ title: '总结评估', deliverable: '评估报告', start_date: day(-60), due_date: day(offsets[2]), weight: 20 },
];

describe('supervision notices and the inbox', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, ids, t1, t2, plan1, plan2, first, second;

	before(async () => {
		srv = await h.startServer();
		c = await h.loginAll(srv, ['admin', 'office1', 'zone1', 'zone2', 'county1', 'auditor1', 'super1']);
		ids = await h.orgIds(c.office1);
		let r = await c.office1.post('/api/policies', fs.readFileSync(SEED), { raw: true, contentType: 'text/plain' });
		assert.equal(r.status, 201, r.text);
		r = await c.zone1.get('/api/tasks?page_size=50');
		t1 = r.json.items.find((t) => t.article_number === 1);
		t2 = r.json.items.find((t) => t.article_number === 2);
		// zone1's approved plan for task 2: one milestone late, one due in 5 days, one far off
		r = await c.zone1.post('/api/plans', { task_id: t2.id, milestones: plan([-10, 5, 90]) });
		assert.equal(r.status, 201, r.text);
		plan1 = r.json;
		assert.equal((await c.zone1.post(`/api/plans/${plan1.id}/submit`, {})).status, 200);
		assert.equal((await c.office1.post(`/api/plans/${plan1.id}/approve`, {})).status, 200);
		// zone2's draft plan for task 1 (drafts are not reminded of)
		r = await c.zone2.post('/api/plans', { task_id: t1.id, milestones: plan([-10, 5, 90]) });
		assert.equal(r.status, 201, r.text);
		plan2 = r.json;
	});

	after(async () => {
		if (srv) await srv.close();
	});

	const auditCount = async () => (await c.auditor1.get('/api/audit?page_size=1')).json.total;
	const noticeCount = async () => (await c.office1.get('/api/notices')).json.total;
	const unread = async (client) => {
		const r = await client.get('/api/inbox/unread-count');
		assert.equal(r.status, 200, r.text);
		return r.json.unread;
	};
	const good = (extra = {}) => ({
		org_id: ids[h.ORG.econ],
		task_id: t2.id,
		subject: '加快推进园区整合',
		body: '你单位“组织实施”节点已逾期，请抓紧推进。\n请附相关材料。',
		reply_due: day(7),
		...extra,
	});

	test('bad input is refused with the field and writes nothing', T, async () => {
		const audits = await auditCount();
		const inbox = await unread(c.zone1);
		const bad = [
			[good({ reply_due: day(-1) }), 'invalid_value', '/reply_due'],
			[good({ reply_due: '2026-02-30' }), 'invalid_value', '/reply_due'],
			[good({ reply_due: '2026/12/01' }), 'invalid_value', '/reply_due'],
			[good({ subject: undefined }), 'missing_field', '/subject'],
			[good({ subject: '   ' }), 'missing_field', '/subject'],
			[good({ body: '' }), 'missing_field', '/body'],
			[good({ org_id: 999999 }), 'invalid_value', '/org_id'],
			[good({ task_id: 999999 }), 'invalid_value', '/task_id'],
			[good({ org_id: '1' }), 'invalid_type', '/org_id'],
			[good({ extra: 1 }), 'unknown_field', '/extra'],
			// zone2's milestone, same task: not the addressed org's
			[good({ task_id: t1.id, milestone_id: plan2.milestones[0].id }), 'invalid_value', '/milestone_id'],
			// zone1's milestone, but of another task
			[good({ task_id: t1.id, milestone_id: plan1.milestones[0].id }), 'invalid_value', '/milestone_id'],
			[good({ milestone_id: 999999 }), 'invalid_value', '/milestone_id'],
		];
		for (const [body, code, field] of bad) {
			const r = await c.office1.post('/api/notices', body);
			h.assertError(r, 400, code, field);
		}
		// only the office issues
		for (const who of ['zone1', 'super1', 'auditor1', 'admin']) h.assertError(await c[who].post('/api/notices', good()), 403, 'forbidden');
		assert.equal(await auditCount(), audits);
		assert.equal(await noticeCount(), 0);
		assert.equal(await unread(c.zone1), inbox);
	});

	test('the office issues numbered notices; the addressed zone is told and sees them, others do not', T, async () => {
		const audits = await auditCount();
		const inbox = await unread(c.zone1);
		let r = await c.office1.post('/api/notices', good({ milestone_id: plan1.milestones[1].id }));
		assert.equal(r.status, 201, r.text);
		first = r.json;
		assert.equal(first.number, `督办〔${YEAR}〕1号`);
		assert.equal(first.year, YEAR);
		assert.equal(first.seq, 1);
		assert.equal(first.status, 'open');
		assert.equal(first.overdue, false);
		assert.equal(first.org_name, h.ORG.econ);
		assert.equal(first.task_title, '聚焦主责主业');
		assert.equal(first.milestone_title, '组织实施');
		assert.equal(first.issued_by, c.office1.user.id);
		assert.equal(await auditCount(), audits + 1);
		const a = await c.auditor1.get(`/api/audit?entity_type=notice&entity_id=${first.id}`);
		assert.equal(a.json.items[0].action, 'create');
		assert.equal(a.json.items[0].after.number, first.number);

		assert.equal(await unread(c.zone1), inbox + 1);
		r = await c.zone1.get('/api/inbox');
		assert.equal(r.json.items[0].kind, 'notice');
		assert.equal(r.json.items[0].link, `/notices/${first.id}`);
		assert.equal(r.json.items[0].read, false);
		assert.match(r.json.items[0].title, new RegExp(`督办〔${YEAR}〕1号 关于加快推进园区整合的督办通知`));
		assert.equal(await unread(c.zone2), 0);

		r = await c.office1.post('/api/notices', good({ subject: '关于报送整改台账的督办通知', reply_due: day(0) }));
		assert.equal(r.status, 201, r.text);
		second = r.json;
		assert.equal(second.number, `督办〔${YEAR}〕2号`);
		assert.equal(await unread(c.zone1), inbox + 2);

		// zone1 sees both; zone2 and county1 (another county) see none and may not read them
		assert.equal((await c.zone1.get(`/api/notices/${first.id}`)).status, 200);
		r = await c.zone1.get('/api/notices');
		assert.equal(r.json.total, 2);
		assert.deepEqual(r.json.items.map((n) => n.seq), [2, 1]);
		// another organization's notice answers as a missing one
		h.assertError(await c.zone2.get(`/api/notices/${first.id}`), 404, 'not_found');
		h.assertError(await c.zone2.get(`/api/notices/${first.id}/print`), 404, 'not_found');
		assert.equal((await c.zone2.get('/api/notices')).json.total, 0);
		assert.equal((await c.zone2.get(`/api/notices?org_id=${ids[h.ORG.econ]}`)).json.total, 0);
		assert.equal((await c.county1.get('/api/notices')).json.total, 0);
		// supervisors read everything; the auditor and the admin have no notice permission
		assert.equal((await c.super1.get('/api/notices')).json.total, 2);
		assert.equal((await c.super1.get(`/api/notices/${first.id}`)).status, 200);
		h.assertError(await c.auditor1.get('/api/notices'), 403, 'forbidden');
		h.assertError(await c.admin.get(`/api/notices/${first.id}`), 403, 'forbidden');
		h.assertError(await c.office1.get('/api/notices/999999'), 404, 'not_found');

		// filters
		assert.equal((await c.office1.get(`/api/notices?status=open&task_id=${t2.id}`)).json.total, 2);
		assert.equal((await c.office1.get(`/api/notices?org_id=${ids[h.ORG.shengli]}`)).json.total, 0);
		assert.equal((await c.office1.get('/api/notices?overdue=1')).json.total, 0);
		r = await c.office1.get('/api/notices?page=2&page_size=1');
		assert.equal(r.json.total, 2);
		assert.deepEqual(r.json.items.map((n) => n.seq), [1]);
		h.assertError(await c.office1.get('/api/notices?status=done'), 400, 'invalid_parameter', 'status');
		h.assertError(await c.office1.get('/api/notices?overdue=2'), 400, 'invalid_parameter', 'overdue');
		h.assertError(await c.office1.get('/api/notices?q=x'), 400, 'unknown_parameter', 'q');
	});

	test('zone1 replies, the office is told and closes it; a reply after closing is refused', T, async () => {
		const officeInbox = await unread(c.office1);
		let audits = await auditCount();
		h.assertError(await c.zone2.post(`/api/notices/${first.id}/reply`, { reply: '已办' }), 404, 'not_found');
		for (const who of ['office1', 'super1', 'auditor1']) h.assertError(await c[who].post(`/api/notices/${first.id}/reply`, { reply: '已办' }), 403, 'forbidden');
		h.assertError(await c.zone1.post(`/api/notices/${first.id}/reply`, { reply: ' ' }), 400, 'missing_field', '/reply');
		h.assertError(await c.zone1.post(`/api/notices/${first.id}/reply`, {}), 400, 'missing_field', '/reply');
		assert.equal(await auditCount(), audits);

		let r = await c.zone1.post(`/api/notices/${first.id}/reply`, { reply: '已完成园区整合方案，正在组织实施。' });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.status, 'replied');
		assert.equal(r.json.reply, '已完成园区整合方案，正在组织实施。');
		assert.ok(r.json.replied_at);
		assert.equal(r.json.replied_by, c.zone1.user.id);
		assert.equal(await unread(c.office1), officeInbox + 1);
		r = await c.office1.get('/api/inbox?unread=1');
		assert.equal(r.json.items[0].kind, 'notice_replied');
		assert.equal(r.json.items[0].title, `督办〔${YEAR}〕1号已反馈：${h.ORG.econ}`);

		const zoneInbox = await unread(c.zone1);
		h.assertError(await c.zone1.post(`/api/notices/${first.id}/close`, {}), 403, 'forbidden');
		r = await c.office1.post(`/api/notices/${first.id}/close`, { comment: '办理情况属实，予以办结' });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.status, 'closed');
		assert.equal(r.json.closing_comment, '办理情况属实，予以办结');
		assert.equal(r.json.closed_by, c.office1.user.id);
		assert.equal(await unread(c.zone1), zoneInbox + 1);

		audits = await auditCount();
		r = await c.zone1.post(`/api/notices/${first.id}/reply`, { reply: '补充说明' });
		h.assertError(r, 409, 'invalid_state');
		assert.match(r.json.error.message, /已办结/);
		h.assertError(await c.office1.post(`/api/notices/${first.id}/close`, {}), 409, 'invalid_state');
		h.assertError(await c.office1.post(`/api/notices/${first.id}/escalate`, { comment: '升级' }), 409, 'invalid_state');
		assert.equal(await auditCount(), audits);
		r = await c.zone1.get(`/api/notices/${first.id}`);
		assert.equal(r.json.reply, '已完成园区整合方案，正在组织实施。');

		const a = await c.auditor1.get(`/api/audit?entity_type=notice&entity_id=${first.id}`);
		assert.deepEqual(a.json.items.map((x) => x.action), ['close', 'reply', 'create']);
		assert.equal(a.json.items[1].before.status, 'open');
		assert.equal(a.json.items[1].after.status, 'replied');
	});

	test('escalation needs a reason and stays visible as escalated until closed', T, async () => {
		h.assertError(await c.office1.post(`/api/notices/${second.id}/escalate`, {}), 400, 'missing_field', '/comment');
		h.assertError(await c.office1.post(`/api/notices/${second.id}/escalate`, { comment: '  ' }), 400, 'missing_field', '/comment');
		h.assertError(await c.zone1.post(`/api/notices/${second.id}/escalate`, { comment: 'x' }), 403, 'forbidden');
		const zoneInbox = await unread(c.zone1);
		let r = await c.office1.post(`/api/notices/${second.id}/escalate`, { comment: '多次督促未见成效，提请领导小组督办' });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.status, 'escalated');
		assert.equal(r.json.escalation_comment, '多次督促未见成效，提请领导小组督办');
		assert.ok(r.json.escalated_at);
		assert.equal(await unread(c.zone1), zoneInbox + 1);
		assert.equal((await c.zone1.get('/api/notices?status=escalated')).json.total, 1);
		h.assertError(await c.office1.post(`/api/notices/${second.id}/escalate`, { comment: '再次升级' }), 409, 'invalid_state');
		// the zone still answers; the notice stays escalated
		r = await c.zone1.post(`/api/notices/${second.id}/reply`, { reply: '台账已报送' });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.status, 'escalated');
		assert.equal(r.json.reply, '台账已报送');
		r = await c.office1.post(`/api/notices/${second.id}/close`, {});
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.status, 'closed');
		assert.equal(r.json.escalation_comment, '多次督促未见成效，提请领导小组督办');
	});

	let third;

	test('the printable notice: official layout, escaped user text, no external resources', T, async () => {
		let r = await c.office1.post(
			'/api/notices',
			good({ subject: '<script>alert(1)</script>', body: '第一段 & "引号" \'单引号\'\n\n第二段<b>加粗</b>', reply_due: day(7) }),
		);
		assert.equal(r.status, 201, r.text);
		third = r.json;
		assert.equal(third.number, `督办〔${YEAR}〕3号`);
		r = await c.zone1.get(`/api/notices/${third.id}/print`);
		assert.equal(r.status, 200);
		assert.equal(r.headers.get('content-type'), 'text/html; charset=utf-8');
		const html = r.text;
		assert.match(html, /^<!DOCTYPE html>/);
		assert.ok(html.includes('<p class="issuer">抚顺市开发区体制机制改革工作专班办公室</p>'));
		assert.ok(html.includes(`<p class="number">督办〔${YEAR}〕3号</p>`));
		assert.ok(html.includes('<h1>关于&lt;script&gt;alert(1)&lt;/script&gt;的督办通知</h1>'));
		assert.ok(html.includes(`<p class="to">${h.ORG.econ}：</p>`));
		assert.ok(html.includes('<p>第一段 &amp; &quot;引号&quot; &#39;单引号&#39;</p>'));
		assert.ok(html.includes('<p>第二段&lt;b&gt;加粗&lt;/b&gt;</p>'));
		assert.ok(html.includes(`请于${plainDate(day(7))}前反馈办理情况`));
		assert.ok(html.includes(`<p>${cnDate(day(0))}</p>`));
		assert.ok(html.includes('涉及改革任务：第2条“聚焦主责主业”'));
		assert.match(html, /@media print/);
		assert.ok(!/<script/i.test(html), 'no script element');
		assert.ok(!/<b>/.test(html));
		assert.ok(!/(src|href)=|https?:\/\/|@import|url\(/i.test(html), 'no external resources');
	});

	test('the xlsx export follows the filters and the scope', T, async () => {
		let r = await c.office1.get('/api/notices/export.xlsx');
		assert.equal(r.status, 200, r.text);
		assert.equal(r.buf.subarray(0, 2).toString(), 'PK');
		assert.equal(h.xlsxRows(r.buf), 4);
		const text = h.xlsxText(r.buf);
		assert.ok(text.includes(`督办〔${YEAR}〕3号`));
		assert.ok(text.includes('<script>alert(1)</script>'));
		assert.ok(text.includes('已办结'));
		r = await c.office1.get('/api/notices/export.xlsx?status=open');
		assert.equal(h.xlsxRows(r.buf), 2);
		r = await c.zone2.get('/api/notices/export.xlsx');
		assert.equal(r.status, 200);
		assert.equal(h.xlsxRows(r.buf), 1);
		h.assertError(await c.office1.get('/api/notices/export.xlsx?page=1'), 400, 'unknown_parameter', 'page');
	});

	test('numbers stay unique when several notices are issued at once', T, async () => {
		const rs = await Promise.all(
			[1, 2, 3, 4].map((i) => c.office1.post('/api/notices', good({ org_id: ids[h.ORG.hightech], subject: `并发督办${i}` }))),
		);
		for (const r of rs) assert.equal(r.status, 201, r.text);
		assert.deepEqual(rs.map((r) => r.json.seq).sort((a, b) => a - b), [4, 5, 6, 7]);
		// 高新区 is in 东洲区: county1 sees these, not the others
		const r = await c.county1.get('/api/notices');
		assert.equal(r.json.total, 4);
		h.assertError(await c.county1.post(`/api/notices/${first.id}/reply`, { reply: 'x' }), 404, 'not_found');
	});

	test('the inbox: own items only, unread first, paging, marking read', T, async () => {
		let r = await c.zone1.get('/api/inbox');
		assert.equal(r.status, 200);
		const total = r.json.total;
		const count = r.json.unread;
		assert.ok(total >= 5, r.text);
		assert.equal(count, total);
		const newest = r.json.items[0];
		// someone else's item does not exist for zone2
		h.assertError(await c.zone2.post(`/api/inbox/${newest.id}/read`, {}), 404, 'not_found');
		h.assertError(await c.office1.post('/api/inbox/999999/read', {}), 404, 'not_found');
		assert.equal(await unread(c.zone1), count);
		r = await c.zone1.post(`/api/inbox/${newest.id}/read`);
		assert.equal(r.status, 204);
		assert.equal(r.text, '');
		assert.equal((await c.zone1.post(`/api/inbox/${newest.id}/read`, {})).status, 204);
		assert.equal(await unread(c.zone1), count - 1);
		r = await c.zone1.get(`/api/inbox?page_size=${total}`);
		assert.equal(r.json.items.length, total);
		// the read item comes last: unread first
		assert.equal(r.json.items[total - 1].id, newest.id);
		assert.equal(r.json.items[total - 1].read, true);
		assert.ok(r.json.items[total - 1].read_at);
		r = await c.zone1.get('/api/inbox?unread=1&page_size=2&page=1');
		assert.equal(r.json.total, count - 1);
		assert.equal(r.json.unread, count - 1);
		assert.equal(r.json.items.length, 2);
		assert.ok(r.json.items.every((x) => !x.read));
		h.assertError(await c.zone1.get('/api/inbox?unread=yes'), 400, 'invalid_parameter', 'unread');
		h.assertError(await c.zone1.get('/api/inbox?user_id=1'), 400, 'unknown_parameter', 'user_id');
		// every role has an inbox, even an empty one
		r = await c.auditor1.get('/api/inbox');
		assert.equal(r.status, 200);
		assert.equal(r.json.total, 0);
	});

	test('kfq remind adds due, overdue, returned and notice reminders, once a day', T, async () => {
		// a returned plan of zone1 (task 1), and a notice whose reply is due today
		let r = await c.zone1.post('/api/plans', { task_id: t1.id, milestones: plan([30, 60, 90]) });
		assert.equal(r.status, 201, r.text);
		const returned = r.json;
		await c.zone1.post(`/api/plans/${returned.id}/submit`, {});
		r = await c.office1.post(`/api/plans/${returned.id}/return`, { comment: '请细化节点' });
		assert.equal(r.json.status, 'returned');
		r = await c.office1.post('/api/notices', good({ subject: '报送进展', reply_due: day(0) }));
		assert.equal(r.status, 201, r.text);
		const dueToday = r.json;

		const before = await unread(c.zone1);
		const audits = await auditCount();
		const run1 = await h.kfqOk(['remind', '--db', srv.db]);
		// zone1 (the only user of its zone): the late milestone, the one due in 5 days, the
		// returned plan and the notice due today; zone2's plan is a draft
		assert.equal(run1.stdout.trim(), 'kfq remind: 4 new inbox items for 1 users');
		const again = await h.kfqOk(['remind', '--db', srv.db]);
		assert.equal(again.stdout.trim(), 'kfq remind: 0 new inbox items for 0 users');
		assert.equal(await unread(c.zone1), before + 4);
		assert.equal(await auditCount(), audits);

		r = await c.zone1.get('/api/inbox?unread=1&page_size=4');
		const byKind = Object.fromEntries(r.json.items.map((x) => [x.kind, x]));
		assert.deepEqual(Object.keys(byKind).sort(), ['due_soon', 'notice_due_soon', 'overdue', 'returned']);
		assert.equal(byKind.overdue.link, `/tasks/${t2.id}`);
		assert.equal(byKind.overdue.title, `已逾期10天：第2条「聚焦主责主业」节点「制定实施方案」，完成期限${day(-10)}`);
		assert.equal(byKind.due_soon.title, `还有5天到期：第2条「聚焦主责主业」节点「组织实施」，完成期限${day(5)}`);
		assert.equal(byKind.returned.link, `/plans/${returned.id}`);
		assert.equal(byKind.notice_due_soon.link, `/notices/${dueToday.id}`);
		assert.equal(byKind.notice_due_soon.title, `${dueToday.number}今日到期，请于${plainDate(day(0))}前反馈办理情况`);

		const help = await h.kfqOk(['remind', '--help']);
		assert.match(help.stdout, /usage: kfq remind/);
		const bad = await h.kfq(['remind', '--bogus']);
		assert.equal(bad.code, 2);
	});
});
