'use strict';
// notice.test.js - 督办单 (supervision notices) and the in-app inbox: the office issues numbered
// notices (督办〔year〕N号) to an organization about any entity (a task, a milestone, a plan, an
// organization), drafts them unnumbered first when it wants to, copies them to others (抄送);
// the addressed organization's scope signs for them (签收) and then replies, each reply kept;
// those copied read and do not act; every other organization gets 404 as for a missing notice;
// files on the notice and on replies follow the notice's read rule; the office closes or
// escalates; refusals (bad input, another scope, a closed notice) write nothing; the printed
// notice (GB/T 9704) escapes user text; the xlsx export; each user's inbox; `kfq remind` adds
// each reminder once a day.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./harness');

const T = { timeout: h.STEP_TIMEOUT };
const SEED = path.join(__dirname, '..', 'data', 'fushun-devzone-reform-draft-2025.txt');

const day = h.day; // today in Asia/Shanghai, plus offset days

const YEAR = Number(day(0).slice(0, 4));

// 2026-12-05 → 2026年12月5日
function plainDate(iso) {
	const [y, m, d] = iso.split('-').map(Number);
	return `${y}年${m}月${d}日`;
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

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
	// an upload for an entity type; returns the answer
	const upload = (client, kind, name, bytes = PDF) =>
		client.post(`/api/attachments?for=${kind}&name=${encodeURIComponent(name)}`, bytes, { raw: true, contentType: 'application/octet-stream' });
	const receiveOk = async (id) => {
		const r = await c.zone1.post(`/api/notices/${id}/receive`, {});
		assert.equal(r.status, 200, r.text);
		return r.json;
	};

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
			// the entity form: a type notices may concern, an id that exists and fits
			[good({ task_id: undefined }), 'missing_field', '/entity_type'],
			[good({ task_id: undefined, entity_type: 'user', entity_id: 1 }), 'invalid_value', '/entity_type'],
			[good({ task_id: undefined, entity_type: 'org' }), 'missing_field', '/entity_id'],
			[good({ task_id: undefined, entity_type: 'org', entity_id: 999999 }), 'invalid_value', '/entity_id'],
			[good({ task_id: undefined, entity_type: 'plan', entity_id: plan2.id }), 'invalid_value', '/entity_id'],
			[good({ task_id: undefined, entity_type: 'milestone', entity_id: plan2.milestones[0].id }), 'invalid_value', '/entity_id'],
			// copies: existing, not the addressed organization, none twice
			[good({ cc_org_ids: [999999] }), 'invalid_value', '/cc_org_ids/0'],
			[good({ cc_org_ids: [ids[h.ORG.dongzhou], ids[h.ORG.econ]] }), 'invalid_value', '/cc_org_ids/1'],
			[good({ cc_org_ids: [ids[h.ORG.dongzhou], ids[h.ORG.dongzhou]] }), 'invalid_value', '/cc_org_ids/1'],
			[good({ attachment_ids: [999999] }), 'invalid_value', '/attachment_ids'],
			// a supervisory body's accounts cannot sign for nor answer one: copied only
			[good({ org_id: ids[h.ORG.discipline] }), 'invalid_value', '/org_id'],
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

	test('the office issues numbered notices; the addressed zone is told and sees them, others get 404', T, async () => {
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
		// the first form (task_id, milestone_id) names the milestone as the entity
		assert.equal(first.entity_type, 'milestone');
		assert.equal(first.entity_id, plan1.milestones[1].id);
		assert.equal(first.entity_label, '第2条“聚焦主责主业”节点“组织实施”');
		assert.equal(first.entity_link, `/milestones/${plan1.milestones[1].id}`);
		assert.equal(first.task_id, t2.id);
		assert.equal(first.task_title, '聚焦主责主业');
		assert.equal(first.title, '关于加快推进园区整合的督办通知');
		assert.equal(first.issued_by, c.office1.user.id);
		assert.equal(first.received_at, null);
		assert.deepEqual(first.replies, []);
		assert.deepEqual(first.cc, []);
		assert.equal(await auditCount(), audits + 1);
		const a = await c.auditor1.get(`/api/audit?entity_type=notice&entity_id=${first.id}`);
		assert.equal(a.json.items[0].action, 'create');
		assert.equal(a.json.items[0].after.number, first.number);
		assert.equal(a.json.items[0].after.status, 'open');

		assert.equal(await unread(c.zone1), inbox + 1);
		r = await c.zone1.get('/api/inbox');
		assert.equal(r.json.items[0].kind, 'notice');
		assert.equal(r.json.items[0].link, `/notices/${first.id}`);
		assert.equal(r.json.items[0].read, false);
		assert.match(r.json.items[0].title, new RegExp(`督办〔${YEAR}〕1号 关于加快推进园区整合的督办通知，请签收并于`));
		assert.equal(await unread(c.zone2), 0);

		r = await c.office1.post('/api/notices', good({ subject: '关于报送整改台账的督办通知', reply_due: day(0) }));
		assert.equal(r.status, 201, r.text);
		second = r.json;
		assert.equal(second.number, `督办〔${YEAR}〕2号`);
		assert.equal(second.entity_type, 'task');
		assert.equal(second.entity_label, '第2条“聚焦主责主业”');
		assert.equal(await unread(c.zone1), inbox + 2);

		// zone1 sees both; zone2 and county1 (another county) see none: a 404 as for a missing one
		assert.equal((await c.zone1.get(`/api/notices/${first.id}`)).status, 200);
		r = await c.zone1.get('/api/notices');
		assert.equal(r.json.total, 2);
		assert.deepEqual(r.json.items.map((n) => n.seq), [2, 1]);
		// another organization's notice answers as a missing one
		h.assertError(await c.zone2.get(`/api/notices/${first.id}`), 404, 'not_found');
		h.assertError(await c.zone2.get(`/api/notices/${first.id}/print`), 404, 'not_found');
		h.assertError(await c.zone2.post(`/api/notices/${first.id}/receive`, {}), 404, 'not_found');
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
		assert.equal((await c.office1.get(`/api/notices?entity_type=milestone&entity_id=${plan1.milestones[1].id}`)).json.total, 1);
		r = await c.office1.get('/api/notices?page=2&page_size=1');
		assert.equal(r.json.total, 2);
		assert.deepEqual(r.json.items.map((n) => n.seq), [1]);
		h.assertError(await c.office1.get('/api/notices?status=done'), 400, 'invalid_parameter', 'status');
		h.assertError(await c.office1.get('/api/notices?overdue=2'), 400, 'invalid_parameter', 'overdue');
		h.assertError(await c.office1.get('/api/notices?entity_type=user&entity_id=1'), 400, 'invalid_parameter', 'entity_type');
		h.assertError(await c.office1.get('/api/notices?entity_type=org'), 400, 'invalid_parameter', 'entity_id');
		h.assertError(await c.office1.get('/api/notices?q=x'), 400, 'unknown_parameter', 'q');
	});

	test('signing for comes before replying; every reply is kept; the office is told and closes it', T, async () => {
		const officeInbox = await unread(c.office1);
		let audits = await auditCount();
		h.assertError(await c.zone2.post(`/api/notices/${first.id}/reply`, { reply: '已办' }), 404, 'not_found');
		for (const who of ['office1', 'super1', 'auditor1']) {
			h.assertError(await c[who].post(`/api/notices/${first.id}/reply`, { reply: '已办' }), 403, 'forbidden');
			h.assertError(await c[who].post(`/api/notices/${first.id}/receive`, {}), 403, 'forbidden');
		}
		// not yet signed for: a reply is refused, and so is a blank one
		let r = await c.zone1.post(`/api/notices/${first.id}/reply`, { reply: '已办' });
		h.assertError(r, 409, 'invalid_state');
		assert.equal(r.json.error.message, '请先签收督办单，再反馈办理情况');
		h.assertError(await c.zone1.post(`/api/notices/${first.id}/reply`, { reply: ' ' }), 400, 'missing_field', '/reply');
		h.assertError(await c.zone1.post(`/api/notices/${first.id}/reply`, {}), 400, 'missing_field', '/reply');
		assert.equal(await auditCount(), audits);

		const received = await receiveOk(first.id);
		assert.equal(received.status, 'received');
		assert.ok(received.received_at);
		assert.equal(received.received_by, c.zone1.user.id);
		assert.equal(received.received_by_name, received.received_by_name && c.zone1.user.display_name);
		assert.equal(await unread(c.office1), officeInbox);
		h.assertError(await c.zone1.post(`/api/notices/${first.id}/receive`, {}), 409, 'invalid_state');

		r = await c.zone1.post(`/api/notices/${first.id}/reply`, { reply: '已完成园区整合方案，正在组织实施。' });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.status, 'replied');
		assert.equal(r.json.replies.length, 1);
		assert.equal(r.json.replies[0].body, '已完成园区整合方案，正在组织实施。');
		assert.equal(r.json.replies[0].created_by, c.zone1.user.id);
		assert.equal(r.json.replied_by, c.zone1.user.id);
		assert.equal(await unread(c.office1), officeInbox + 1);
		r = await c.office1.get('/api/inbox?unread=1');
		assert.equal(r.json.items[0].kind, 'notice_replied');
		assert.equal(r.json.items[0].title, `督办〔${YEAR}〕1号已反馈：${h.ORG.econ}`);

		// a second reply is a second row; the first stays as it was
		r = await c.zone1.post(`/api/notices/${first.id}/reply`, { reply: '实施方案已印发。' });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.status, 'replied');
		assert.deepEqual(r.json.replies.map((x) => x.body), ['已完成园区整合方案，正在组织实施。', '实施方案已印发。']);
		assert.ok(r.json.replies[0].id < r.json.replies[1].id);
		assert.equal(await unread(c.office1), officeInbox + 2);

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
		assert.equal(r.json.replies.length, 2);

		const a = await c.auditor1.get(`/api/audit?entity_type=notice&entity_id=${first.id}`);
		assert.deepEqual(a.json.items.map((x) => x.action), ['close', 'reply', 'reply', 'receive', 'create']);
		assert.equal(a.json.items[3].before.status, 'open');
		assert.equal(a.json.items[3].after.status, 'received');
		// the record holds the history: the second reply's before has one reply, its after two
		assert.equal(a.json.items[1].before.replies.length, 1);
		assert.equal(a.json.items[1].after.replies.length, 2);
	});

	test('escalation needs a reason and stays visible as escalated through receipt and replies', T, async () => {
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
		// escalated before it was signed for: still signed for before any reply, and stays escalated
		h.assertError(await c.zone1.post(`/api/notices/${second.id}/reply`, { reply: '台账已报送' }), 409, 'invalid_state');
		r = await c.zone1.post(`/api/notices/${second.id}/receive`, {});
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.status, 'escalated');
		assert.ok(r.json.received_at);
		r = await c.zone1.post(`/api/notices/${second.id}/reply`, { reply: '台账已报送' });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.status, 'escalated');
		assert.equal(r.json.replies[0].body, '台账已报送');
		r = await c.office1.post(`/api/notices/${second.id}/close`, {});
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.status, 'closed');
		assert.equal(r.json.escalation_comment, '多次督促未见成效，提请领导小组督办');
	});

	let draft;

	test('a draft is the office\'s own, unnumbered; issuing it numbers it', T, async () => {
		const inbox = await unread(c.zone1);
		let r = await c.office1.post('/api/notices', good({ draft: true, subject: '报送季度进展' }));
		assert.equal(r.status, 201, r.text);
		draft = r.json;
		assert.equal(draft.status, 'draft');
		assert.equal(draft.number, null);
		assert.equal(draft.year, null);
		assert.equal(draft.seq, null);
		assert.equal(draft.issued_at, null);
		assert.ok(draft.created_at);
		assert.equal(draft.overdue, false);
		// nobody is told; only those who issue notices see it
		assert.equal(await unread(c.zone1), inbox);
		h.assertError(await c.zone1.get(`/api/notices/${draft.id}`), 404, 'not_found');
		h.assertError(await c.super1.get(`/api/notices/${draft.id}`), 404, 'not_found');
		h.assertError(await c.zone1.post(`/api/notices/${draft.id}/receive`, {}), 404, 'not_found');
		assert.ok(!(await c.zone1.get('/api/notices?page_size=100')).json.items.some((n) => n.id === draft.id));
		assert.ok(!(await c.super1.get('/api/notices?page_size=100')).json.items.some((n) => n.id === draft.id));
		assert.equal((await c.office1.get('/api/notices?status=draft')).json.total, 1);
		// a draft is neither closed nor escalated
		h.assertError(await c.office1.post(`/api/notices/${draft.id}/close`, {}), 409, 'invalid_state');
		h.assertError(await c.office1.post(`/api/notices/${draft.id}/escalate`, { comment: 'x' }), 409, 'invalid_state');

		// edited: another entity (the zone's plan), a copy to 东洲区, a file
		const file = await upload(c.office1, 'notice', '季度进展模板.pdf');
		assert.equal(file.status, 201, file.text);
		r = await c.office1.put(`/api/notices/${draft.id}`, {
			org_id: ids[h.ORG.econ],
			entity_type: 'plan',
			entity_id: plan1.id,
			subject: '报送季度进展',
			body: '请按模板报送本季度推进情况。',
			reply_due: day(10),
			cc_org_ids: [ids[h.ORG.dongzhou]],
			attachment_ids: [file.json.id],
		});
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.status, 'draft');
		assert.equal(r.json.entity_label, '第2条“聚焦主责主业”一区一策计划');
		assert.equal(r.json.entity_link, `/plans/${plan1.id}`);
		assert.deepEqual(r.json.cc, [{ org_id: ids[h.ORG.dongzhou], org_name: h.ORG.dongzhou }]);
		assert.deepEqual(r.json.attachments.map((x) => x.filename), ['季度进展模板.pdf']);

		// issued: the next number of the year
		const before = await noticeCount();
		r = await c.office1.post(`/api/notices/${draft.id}/issue`, {});
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.status, 'open');
		assert.equal(r.json.number, `督办〔${YEAR}〕3号`);
		assert.equal(r.json.seq, 3);
		assert.ok(r.json.issued_at);
		assert.equal(await noticeCount(), before);
		assert.equal(await unread(c.zone1), inbox + 1);
		// the copy: 东洲区's county user is told and reads it, and does not act on it
		r = await c.county1.get('/api/inbox?unread=1');
		assert.equal(r.json.items[0].kind, 'notice_cc');
		assert.equal(r.json.items[0].title, `抄送督办通知：督办〔${YEAR}〕3号 关于报送季度进展的督办通知（主送：${h.ORG.econ}）`);
		assert.equal((await c.county1.get(`/api/notices/${draft.id}`)).status, 200);
		assert.equal((await c.county1.get('/api/notices')).json.total, 1);
		r = await c.county1.post(`/api/notices/${draft.id}/receive`, {});
		h.assertError(r, 403, 'forbidden');
		assert.match(r.json.error.message, /其他单位只能查阅/);
		h.assertError(await c.county1.post(`/api/notices/${draft.id}/reply`, { reply: '知悉' }), 403, 'forbidden');
		// once issued it is no longer edited, discarded or issued again
		h.assertError(await c.office1.put(`/api/notices/${draft.id}`, good()), 409, 'invalid_state');
		h.assertError(await c.office1.del(`/api/notices/${draft.id}`), 409, 'invalid_state');
		h.assertError(await c.office1.post(`/api/notices/${draft.id}/issue`, {}), 409, 'invalid_state');
		const a = await c.auditor1.get(`/api/audit?entity_type=notice&entity_id=${draft.id}`);
		assert.deepEqual(a.json.items.map((x) => x.action), ['issue', 'update', 'create']);
		assert.equal(a.json.items[1].after.attachments[0].sha256, file.json.sha256);

		// a discarded draft is gone, its file back with the office
		r = await c.office1.post('/api/notices', good({ draft: true, subject: '作废的稿' }));
		const gone = r.json;
		const f2 = await upload(c.office1, 'notice', '草稿附件.pdf');
		assert.equal((await c.office1.put(`/api/notices/${gone.id}`, good({ subject: '作废的稿', attachment_ids: [f2.json.id] }))).status, 200);
		h.assertError(await c.zone1.del(`/api/notices/${gone.id}`), 403, 'forbidden');
		r = await c.office1.del(`/api/notices/${gone.id}`);
		assert.equal(r.status, 204, r.text);
		h.assertError(await c.office1.get(`/api/notices/${gone.id}`), 404, 'not_found');
		const d = await c.auditor1.get(`/api/audit?entity_type=notice&entity_id=${gone.id}`);
		assert.equal(d.json.items[0].action, 'delete');
		assert.equal(d.json.items[0].after, null);
		assert.equal(d.json.items[0].before.subject, '作废的稿');
		r = await c.office1.get(`/api/attachments/${f2.json.id}`);
		assert.equal(r.status, 200);
		assert.equal((await c.office1.post('/api/notices', good({ attachment_ids: [f2.json.id] }))).status, 201);
	});

	test('a notice may concern an organization, with no task', T, async () => {
		const r = await c.office1.post('/api/notices', {
			org_id: ids[h.ORG.shengli],
			entity_type: 'org',
			entity_id: ids[h.ORG.shengli],
			subject: '开发区整体改革推进滞后',
			body: '请说明改革推进滞后的原因及下一步措施。',
			reply_due: day(5),
		});
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.entity_type, 'org');
		assert.equal(r.json.entity_label, h.ORG.shengli);
		assert.equal(r.json.entity_link, `/zones/${ids[h.ORG.shengli]}`);
		assert.equal(r.json.task_id, null);
		assert.equal(r.json.task_title, null);
		assert.equal(r.json.article_number, null);
		assert.equal((await c.zone2.get(`/api/notices?entity_type=org&entity_id=${ids[h.ORG.shengli]}`)).json.total, 1);
		assert.equal((await c.zone2.post(`/api/notices/${r.json.id}/receive`, {})).status, 200);
		const p = await c.zone2.get(`/api/notices/${r.json.id}/print`);
		assert.ok(p.text.includes(`涉及单位：${h.ORG.shengli}。`));
		// a department as the subject has no page of its own
		const d = await c.office1.post('/api/notices', good({ task_id: undefined, entity_type: 'org', entity_id: ids[h.ORG.commerce], draft: true }));
		assert.equal(d.status, 201, d.text);
		assert.equal(d.json.entity_link, null);
		assert.equal((await c.office1.del(`/api/notices/${d.json.id}`)).status, 204);
	});

	test('files: uploaded for a kind, claimed by the write, read under the notice\'s rule', T, async () => {
		// who may upload for what
		h.assertError(await upload(c.zone1, 'notice', 'x.pdf'), 403, 'forbidden');
		h.assertError(await upload(c.office1, 'notice_reply', 'x.pdf'), 403, 'forbidden');
		h.assertError(await upload(c.auditor1, 'notice_reply', 'x.pdf'), 403, 'forbidden');
		h.assertError(await upload(c.office1, 'user', 'x.pdf'), 400, 'invalid_parameter', 'for');
		h.assertError(await upload(c.office1, 'notice', 'x.exe'), 400, 'invalid_file', 'name');
		h.assertError(await upload(c.office1, 'notice', 'x.pdf', PNG), 415, 'file_type_mismatch', 'name');

		const issued = await c.office1.post('/api/notices', good({ subject: '报送佐证材料', cc_org_ids: [ids[h.ORG.dongzhou]] }));
		assert.equal(issued.status, 201, issued.text);
		const n = issued.json;
		await receiveOk(n.id);
		let up = await upload(c.zone1, 'notice_reply', '现场照片.png', PNG);
		assert.equal(up.status, 201, up.text);
		const photo = up.json;
		assert.equal(photo.mime, 'image/png');
		assert.equal(photo.size, PNG.length);
		assert.equal(photo.entity_id, null);
		assert.equal(photo.sha256, require('node:crypto').createHash('sha256').update(PNG).digest('hex'));
		// the upload's audit record holds the hash
		let a = await c.auditor1.get(`/api/audit?entity_type=attachment&entity_id=${photo.id}`);
		assert.equal(a.json.items[0].action, 'upload');
		assert.equal(a.json.items[0].after.sha256, photo.sha256);
		// not yet attached: only its organization reads it
		assert.equal((await c.zone1.get(`/api/attachments/${photo.id}`)).status, 200);
		h.assertError(await c.office1.get(`/api/attachments/${photo.id}`), 404, 'not_found');
		h.assertError(await c.zone2.get(`/api/attachments/${photo.id}`), 404, 'not_found');
		// a file of another organization, or one for another kind, is not claimed
		const officeFile = await upload(c.office1, 'notice', '通知附件.pdf');
		const audits = await auditCount();
		h.assertError(await c.zone1.post(`/api/notices/${n.id}/reply`, { reply: '见附件', attachment_ids: [officeFile.json.id] }), 400, 'invalid_value', '/attachment_ids');
		h.assertError(await c.zone1.post(`/api/notices/${n.id}/reply`, { reply: '见附件', attachment_ids: [photo.id, photo.id] }), 400, 'invalid_value', '/attachment_ids');
		assert.equal(await auditCount(), audits);
		assert.equal((await c.zone1.get(`/api/notices/${n.id}`)).json.replies.length, 0);

		let r = await c.zone1.post(`/api/notices/${n.id}/reply`, { reply: '已整改，照片见附件', attachment_ids: [photo.id] });
		assert.equal(r.status, 200, r.text);
		const reply = r.json.replies[0];
		assert.deepEqual(reply.attachments.map((x) => [x.id, x.entity_type, x.entity_id]), [[photo.id, 'notice_reply', reply.id]]);
		// claimed once only
		h.assertError(await c.zone1.post(`/api/notices/${n.id}/reply`, { reply: '再传一次', attachment_ids: [photo.id] }), 400, 'invalid_value', '/attachment_ids');

		// the notice's readers read it: the office, the addressed zone, the county it is copied to,
		// supervisors; zone2 and the auditor get 404
		for (const who of ['office1', 'zone1', 'county1', 'super1']) {
			r = await c[who].get(`/api/attachments/${photo.id}`);
			assert.equal(r.status, 200, `${who}: ${r.text}`);
			assert.ok(r.buf.equals(PNG));
			assert.equal(r.headers.get('content-type'), 'image/png');
			assert.match(r.headers.get('content-disposition'), /filename\*=UTF-8''%E7%8E%B0%E5%9C%BA%E7%85%A7%E7%89%87\.png/);
		}
		for (const who of ['zone2', 'auditor1']) h.assertError(await c[who].get(`/api/attachments/${photo.id}`), 404, 'not_found');
		h.assertError(await c.office1.get('/api/attachments/999999'), 404, 'not_found');
		// the list of an entity's files, under the same rule
		r = await c.county1.get(`/api/attachments?entity_type=notice_reply&entity_id=${reply.id}`);
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(r.json.items.map((x) => x.filename), ['现场照片.png']);
		assert.equal(r.json.total, 1);
		h.assertError(await c.zone2.get(`/api/attachments?entity_type=notice_reply&entity_id=${reply.id}`), 404, 'not_found');
		h.assertError(await c.zone2.get(`/api/attachments?entity_type=notice&entity_id=${n.id}`), 404, 'not_found');
		h.assertError(await c.office1.get('/api/attachments?entity_type=user&entity_id=1'), 400, 'invalid_parameter', 'entity_type');
		h.assertError(await c.office1.get('/api/attachments?entity_type=notice'), 400, 'invalid_parameter', 'entity_id');
		// a draft's files: the office only
		const dr = await c.office1.post('/api/notices', good({ draft: true, attachment_ids: [officeFile.json.id] }));
		assert.equal(dr.status, 201, dr.text);
		assert.equal((await c.office1.get(`/api/attachments/${officeFile.json.id}`)).status, 200);
		h.assertError(await c.zone1.get(`/api/attachments/${officeFile.json.id}`), 404, 'not_found');
		assert.equal((await c.office1.del(`/api/notices/${dr.json.id}`)).status, 204);
		// the audit record of the reply names the file by its hash
		a = await c.auditor1.get(`/api/audit?entity_type=notice&entity_id=${n.id}&action=reply`);
		assert.equal(a.json.items[0].after.replies[0].attachments[0].sha256, photo.sha256);
		// the file is kept by its hash, and a backup takes it along
		const dataDir = h.IS_PG ? path.join(srv.dir, 'var', 'files') : path.join(path.dirname(srv.db), 'files');
		const blob = (dir) => fs.readFileSync(path.join(dir, photo.sha256.slice(0, 2), photo.sha256));
		assert.ok(blob(dataDir).equals(PNG));
		const out = path.join(srv.dir, 'backup-attachments');
		const b = await h.kfqOk(['backup', '--db', srv.db, '--data-dir', dataDir, out], { cwd: srv.dir });
		assert.match(b.stdout, /backup written/);
		assert.ok(blob(path.join(out, 'files')).equals(PNG));
	});

	let third;

	test('the printed notice: GB/T 9704 parts, escaped user text, no external resources', T, async () => {
		let r = await c.office1.post(
			'/api/notices',
			good({ subject: '<script>alert(1)</script>', body: '第一段 & "引号" \'单引号\'\n\n第二段<b>加粗</b>', reply_due: day(7), cc_org_ids: [ids[h.ORG.discipline], ids[h.ORG.dongzhou]] }),
		);
		assert.equal(r.status, 201, r.text);
		third = r.json;
		r = await c.zone1.get(`/api/notices/${third.id}/print`);
		assert.equal(r.status, 200);
		assert.equal(r.headers.get('content-type'), 'text/html; charset=utf-8');
		const html = r.text;
		assert.match(html, /^<!DOCTYPE html>/);
		assert.ok(html.includes('<p class="organ" style="font-size:23pt">抚顺市开发区体制机制改革工作专班办公室</p>'));
		assert.ok(html.includes(`<p class="number">${third.number}</p>`));
		assert.ok(html.includes('<h1><span>关于&lt;script&gt;alert(1)&lt;/script&gt;的督办通知</span></h1>'));
		assert.ok(html.includes(`<p class="to">${h.ORG.econ}：</p>`));
		assert.ok(html.includes('<p>第一段 &amp; &quot;引号&quot; &#39;单引号&#39;</p>'));
		assert.ok(html.includes('<p>第二段&lt;b&gt;加粗&lt;/b&gt;</p>'));
		assert.ok(html.includes(`<p>请于${plainDate(day(7))}前签收并反馈办理情况。</p>`));
		assert.ok(html.includes('<p>涉及改革任务：第2条“聚焦主责主业”。</p>'));
		// 成文日期 and 印发日期 in Arabic numerals; 抄送 in the 版记
		assert.ok(html.includes(`<p style="padding-right:4em">${plainDate(day(0))}</p>`));
		assert.ok(html.includes(`<span>${plainDate(day(0))}印发</span>`));
		assert.ok(html.includes(`<p class="cc">抄送：${h.ORG.dongzhou}，${h.ORG.discipline}。</p>`) || html.includes(`<p class="cc">抄送：${h.ORG.discipline}，${h.ORG.dongzhou}。</p>`));
		assert.ok(html.includes('class="seal"'));
		assert.match(html, /@media print/);
		assert.ok(!/<script/i.test(html), 'no script element');
		assert.ok(!/<b>/.test(html));
		assert.ok(!/(src|href)=|https?:\/\/|@import|url\(/i.test(html), 'no external resources');
		// the 机关代字 comes from the configuration: a server with another one numbers with it
		// (tested with the configuration below); a draft prints unnumbered with a note
		r = await c.office1.post('/api/notices', good({ draft: true, subject: '拟稿打印' }));
		const p = await c.office1.get(`/api/notices/${r.json.id}/print`);
		assert.ok(!p.text.includes('class="number"'));
		assert.ok(p.text.includes('<p class="note">拟稿：尚未下发，未编号（打印时不显示）</p>'));
		assert.equal((await c.office1.del(`/api/notices/${r.json.id}`)).status, 204);
	});

	test('the xlsx export follows the filters and the scope', T, async () => {
		const total = await noticeCount();
		let r = await c.office1.get('/api/notices/export.xlsx');
		assert.equal(r.status, 200, r.text);
		assert.equal(r.buf.subarray(0, 2).toString(), 'PK');
		assert.equal(h.xlsxRows(r.buf), total + 1);
		const text = h.xlsxText(r.buf);
		assert.ok(text.includes(third.number));
		assert.ok(text.includes('<script>alert(1)</script>'));
		assert.ok(text.includes('已办结'));
		assert.ok(text.includes('第2条“聚焦主责主业”一区一策计划'));
		r = await c.office1.get('/api/notices/export.xlsx?status=closed');
		assert.equal(h.xlsxRows(r.buf), 3);
		r = await c.zone2.get('/api/notices/export.xlsx');
		assert.equal(r.status, 200);
		assert.equal(h.xlsxRows(r.buf), 2);
		h.assertError(await c.office1.get('/api/notices/export.xlsx?page=1'), 400, 'unknown_parameter', 'page');
	});

	test('numbers stay unique when several notices are issued at once', T, async () => {
		const seqs = (await c.office1.get('/api/notices?page_size=100')).json.items.map((n) => n.seq).filter((x) => x);
		const next = Math.max(...seqs) + 1;
		const rs = await Promise.all(
			[1, 2, 3, 4].map((i) => c.office1.post('/api/notices', good({ org_id: ids[h.ORG.hightech], subject: `并发督办${i}` }))),
		);
		for (const r of rs) assert.equal(r.status, 201, r.text);
		assert.deepEqual(rs.map((r) => r.json.seq).sort((a, b) => a - b), [next, next + 1, next + 2, next + 3]);
		// 高新区 is in 东洲区: county1 sees these and the one copied to it, not the others
		const r = await c.county1.get('/api/notices');
		assert.equal(r.json.total, 4 + 3);
		h.assertError(await c.county1.post(`/api/notices/${first.id}/reply`, { reply: 'x' }), 404, 'not_found');
		// and reads them only: the zone signs for its own (DECISIONS 68)
		h.assertError(await c.county1.post(`/api/notices/${rs[0].json.id}/receive`, {}), 403, 'forbidden');
	});

	test('thirty creates in a row: each answer is the notice as read back, numbered in turn, audited as answered, told once to each account; the chain verifies', T, async () => {
		const seqs = (await c.office1.get('/api/notices?page_size=100')).json.items.map((n) => n.seq).filter((x) => x);
		let next = Math.max(...seqs) + 1;
		const audits = await auditCount();
		const zone = await unread(c.zone1);
		const county = await unread(c.county1);
		let copied = 0;
		for (let i = 0; i < 30; i++) {
			const draft = i % 5 === 4;
			const cc = i % 3 === 0 ? [ids[h.ORG.dongzhou]] : [];
			copied += cc.length && !draft ? 1 : 0;
			const r = await c.office1.post('/api/notices', good({ subject: `连续督办${i}`, cc_org_ids: cc, draft }));
			assert.equal(r.status, 201, r.text);
			// the answer made from the transaction's own read is what a read after it gives
			assert.deepEqual(r.json, (await c.office1.get(`/api/notices/${r.json.id}`)).json);
			assert.equal(r.json.status, draft ? 'draft' : 'open');
			assert.equal(r.json.seq, draft ? null : next);
			assert.equal(r.json.number, draft ? null : `督办〔${YEAR}〕${next}号`);
			assert.equal(r.json.issued_by, draft ? null : c.office1.user.id);
			assert.equal(r.json.issued_at, draft ? null : r.json.created_at);
			assert.deepEqual(r.json.cc.map((x) => x.org_id), cc);
			const a = await c.auditor1.get(`/api/audit?entity_type=notice&entity_id=${r.json.id}`);
			assert.equal(a.json.total, 1);
			assert.equal(a.json.items[0].action, 'create');
			assert.equal(a.json.items[0].after.number, r.json.number);
			assert.equal(a.json.items[0].after.status, r.json.status);
			assert.equal(a.json.items[0].after.subject, `连续督办${i}`);
			if (!draft) next++;
		}
		assert.equal(await auditCount(), audits + 30);
		assert.equal(await unread(c.zone1), zone + 24);
		assert.equal(await unread(c.county1), county + copied);
		const v = await c.auditor1.get('/api/audit/verify');
		assert.equal(v.status, 200);
		assert.equal(v.json.ok, true, v.text);
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

	test('a notice may concern the later modules\' records of the addressed zone; a refusal names every type the registry has', T, async () => {
		const about = (type, id, org = h.ORG.econ) => good({ task_id: undefined, org_id: ids[org], entity_type: type, entity_id: id, draft: true });
		// an enterprise of 经开区: with 经开区, not with 胜利
		let r = await c.zone1.post('/api/enterprises', {
			uscc: '91440300192317458F', name: '示例新材料有限公司', zone_id: ids[h.ORG.econ], industry_code: '3011', scale: 'above',
			registered_on: '2019-04-01', attracted: true, settled_on: '2020-05-01',
		});
		assert.equal(r.status, 201, r.text);
		const ent = r.json.id ?? r.json.enterprise?.id;
		r = await c.office1.post('/api/notices', about('enterprise', ent));
		assert.equal(r.status, 201, r.text);
		assert.deepEqual([r.json.entity_type, r.json.entity_label, r.json.entity_link], ['enterprise', '企业“示例新材料有限公司”', `/enterprises/${ent}`]);
		r = await c.office1.post('/api/notices', about('enterprise', ent, h.ORG.shengli));
		h.assertError(r, 400, 'invalid_value', '/entity_id');
		assert.equal(r.json.error.message, '该企业不属于主送单位');
		for (const type of ['land_parcel', 'land_case', 'budget_project', 'power_delegation', 'consultation']) {
			h.assertError(await c.office1.post('/api/notices', about(type, 999999)), 400, 'invalid_value', '/entity_id');
		}
		// a type the registry does not have: the message lists those it has
		const types = 'task（改革任务）、milestone（推进节点）、plan（一区一策计划）、org（单位）、platform_company（平台公司）、invest_project（招商项目）、'
			+ 'enterprise（企业）、land_parcel（地块）、land_case（低效用地处置）、budget_project（预算项目）、power_delegation（下放事项）、consultation（征求意见）';
		r = await c.office1.post('/api/notices', about('fault_case', 1));
		h.assertError(r, 400, 'invalid_value', '/entity_type');
		assert.equal(r.json.error.message, `督办对象类型应为 ${types}`);
		r = await c.office1.get('/api/notices?entity_type=user&entity_id=1');
		assert.equal(r.json.error.message, `entity_type 应为 ${types}`);
		assert.equal((await c.office1.get(`/api/notices?entity_type=enterprise&entity_id=${ent}`)).json.total, 1);
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
		// zone1 (the only user of its zone): the late milestone, the one due in 5 days and the
		// notice due today; the return was told by its step already (plan_returned), so the
		// reminder does not tell it a second time; zone2's plan is a draft
		assert.equal(run1.stdout.trim(), 'kfq remind: 3 new inbox items for 1 users');
		const again = await h.kfqOk(['remind', '--db', srv.db]);
		assert.equal(again.stdout.trim(), 'kfq remind: 0 new inbox items for 0 users');
		assert.equal(await unread(c.zone1), before + 3);
		assert.equal(await auditCount(), audits);

		// the newest unread: the three reminders, the notice's issue and the plan's return
		r = await c.zone1.get('/api/inbox?unread=1&page_size=5');
		const byKind = Object.fromEntries(r.json.items.map((x) => [x.kind, x]));
		assert.deepEqual(Object.keys(byKind).sort(), ['due_soon', 'notice', 'notice_due_soon', 'overdue', 'plan_returned']);
		// a milestone's reminder opens that milestone, where its progress is reported
		assert.equal(byKind.overdue.link, `/milestones/${plan1.milestones[0].id}`);
		assert.equal(byKind.due_soon.link, `/milestones/${plan1.milestones[1].id}`);
		assert.equal(byKind.overdue.title, `已逾期10天：第2条「聚焦主责主业」节点「制定实施方案」，完成期限${day(-10)}`);
		assert.equal(byKind.due_soon.title, `还有5天到期：第2条「聚焦主责主业」节点「组织实施」，完成期限${day(5)}`);
		assert.equal(byKind.plan_returned.link, `/plans/${returned.id}`);
		assert.equal(byKind.notice_due_soon.link, `/notices/${dueToday.id}`);
		assert.equal(byKind.notice_due_soon.title, `${dueToday.number}今日到期，请于${plainDate(day(0))}前反馈办理情况`);
		const told = async () => (await c.zone1.get('/api/inbox?page_size=100')).json.items.filter((x) => x.link === `/plans/${returned.id}`).map((x) => x.kind);
		assert.deepEqual(await told(), ['plan_returned']);
		// a return no step told (returned before the inbox had steps): the reminder tells it, once
		await h.sqlOk(srv.db, `DELETE FROM inbox WHERE entity_type = 'plan' AND entity_id = ${returned.id}`);
		assert.equal((await h.kfqOk(['remind', '--db', srv.db])).stdout.trim(), 'kfq remind: 1 new inbox items for 1 users');
		assert.equal((await h.kfqOk(['remind', '--db', srv.db])).stdout.trim(), 'kfq remind: 0 new inbox items for 0 users');
		assert.deepEqual(await told(), ['returned']);

		const help = await h.kfqOk(['remind', '--help']);
		assert.match(help.stdout, /usage: kfq remind/);
		const bad = await h.kfq(['remind', '--bogus']);
		assert.equal(bad.code, 2);
	});

	// On PostgreSQL the task's read is sent ahead to go with the organization's check
	// (DECISIONS 194): the organization's refusal still comes first, and an answer read for a
	// refused request never names the task of a later one.
	test('a create refused for its organization: that refusal first; the next create names the task as it is then', T, async () => {
		const one = await h.startServer({ db: srv.db, serveArgs: ['--threads', '1'] });
		const title = t2.title.replace(/'/g, "''");
		try {
			const office = h.sameSession(c.office1, one);
			const audits = await auditCount();
			const count = await noticeCount();
			for (const body of [good({ org_id: 999999, task_id: 999999 }), good({ org_id: 999999 }), good({ org_id: 999999, task_id: undefined, entity_type: 'user', entity_id: 1 })]) {
				h.assertError(await office.post('/api/notices', body), 400, 'invalid_value', '/org_id');
			}
			assert.equal(await auditCount(), audits);
			await h.sqlOk(srv.db, `UPDATE task SET title = '库内改名的任务' WHERE id = ${t2.id}`);
			const r = await office.post('/api/notices', good({ draft: true }));
			assert.equal(r.status, 201, r.text);
			assert.equal(r.json.entity_label, '第2条“库内改名的任务”');
			assert.equal((await office.del(`/api/notices/${r.json.id}`)).status, 204);
			assert.equal(await noticeCount(), count);
		} finally {
			await h.sqlOk(srv.db, `UPDATE task SET title = '${title}' WHERE id = ${t2.id}`);
			await one.close();
		}
	});

	test('an escalated notice replied to waits on the office\'s 督办待办结 and the tile\'s link lists it', T, async () => {
		const tile = async () => (await c.office1.get('/api/todos')).json.items.find((x) => x.key === 'notices_to_close');
		const before = await tile();
		assert.equal(before.link, '/notices?to_close=1');
		let r = await c.office1.post('/api/notices', good({ subject: '升级后反馈的督办' }));
		assert.equal(r.status, 201, r.text);
		const id = r.json.id;
		assert.equal((await c.office1.post(`/api/notices/${id}/escalate`, { comment: '提请领导小组督办' })).status, 200);
		await receiveOk(id);
		r = await c.zone1.post(`/api/notices/${id}/reply`, { reply: '已整改到位' });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.status, 'escalated');
		const t = await tile();
		assert.equal(t.count, before.count + 1);
		r = await c.office1.get('/api/notices?to_close=1&page_size=100');
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.total, t.count);
		assert.ok(r.json.items.some((n) => n.id === id));
		assert.ok(r.json.items.every((n) => n.replied_at && n.status !== 'closed'));
		// the same filter in the export; the zone's list reads its own scope only
		r = await c.office1.get('/api/notices/export.csv?to_close=1');
		assert.equal(r.status, 200, r.text);
		assert.equal(r.text.trim().split('\n').length, t.count + 1);
		assert.equal((await c.zone2.get('/api/notices?to_close=1')).json.total, 0);
		h.assertError(await c.office1.get('/api/notices?to_close=2'), 400, 'invalid_parameter', 'to_close');
		assert.equal((await c.office1.post(`/api/notices/${id}/close`, {})).status, 200);
		assert.equal((await tile()).count, before.count);
	});

	// DECISIONS 68: the addressed organization signs for and replies to a notice. A county reads
	// its zones' notices and does not act on them for the zone, nor counts them as its own 待反馈;
	// a notice addressed to the county itself is the county's.
	test('a county reads its zone\'s notice and does not sign for or reply to it; its own it does', T, async () => {
		const todo = async () => (await c.county1.get('/api/todos')).json.items.find((x) => x.key === 'notices_to_reply');
		const zoneNotice = await c.office1.post('/api/notices', good({ org_id: ids[h.ORG.hightech], subject: '高新区的督办单' }));
		assert.equal(zoneNotice.status, 201, zoneNotice.text);
		const own = await c.office1.post('/api/notices', good({ org_id: ids[h.ORG.dongzhou], subject: '东洲区的督办单' }));
		assert.equal(own.status, 201, own.text);
		assert.equal((await c.county1.get(`/api/notices/${zoneNotice.json.id}`)).status, 200);
		let r = await c.county1.post(`/api/notices/${zoneNotice.json.id}/receive`, {});
		h.assertError(r, 403, 'forbidden');
		assert.equal(r.json.error.message, '督办单的签收和反馈由主送单位办理，其他单位只能查阅');
		h.assertError(await c.county1.post(`/api/notices/${zoneNotice.json.id}/reply`, { reply: '县区代为反馈' }), 403, 'forbidden');
		r = await c.office1.get(`/api/notices/${zoneNotice.json.id}`);
		assert.equal(r.json.status, 'open');
		assert.equal(r.json.received_at, null);
		// the to-do counts the county's own, and its link lists exactly those
		const t = await todo();
		assert.equal(t.count, 1);
		assert.equal(t.link, `/notices?awaiting=1&org_id=${ids[h.ORG.dongzhou]}`);
		r = await c.county1.get(`/api/notices?awaiting=1&org_id=${ids[h.ORG.dongzhou]}`);
		assert.deepEqual(r.json.items.map((n) => n.id), [own.json.id]);
		r = await c.county1.post(`/api/notices/${own.json.id}/receive`, {});
		assert.equal(r.status, 200, r.text);
		r = await c.county1.post(`/api/notices/${own.json.id}/reply`, { reply: '已落实' });
		assert.equal(r.status, 200, r.text);
		assert.equal((await todo()).count, 0);
	});

	// On SQLite the status CHECK is written as comparisons (migration 0102, DECISIONS 250), not
	// an IN list SQLite evaluated through an index built at every write; a status outside the
	// six is refused by the table on both databases, as before.
	test('a status outside the six is refused by the table itself', T, async () => {
		const r = await h.sql(srv.db, "UPDATE supervision_notice SET status = 'lost' WHERE id = (SELECT min(id) FROM supervision_notice)");
		assert.notEqual(r.code, 0);
		assert.match(r.stderr, /CHECK constraint failed|violates check constraint/);
		if (!h.IS_PG) {
			const text = await h.sqlOk(srv.db, "SELECT sql FROM sqlite_schema WHERE name = 'supervision_notice'");
			assert.equal(text.includes('status IN'), false);
			assert.equal(await h.sqlOk(srv.db, 'PRAGMA foreign_key_check'), '');
		}
	});
});

// supervision_notice as migrations 0005 and 0006 made it, to undo 0019 on a database
const ID = h.IS_PG ? 'BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY' : 'INTEGER PRIMARY KEY AUTOINCREMENT';
const UNDO_0019 = `DROP TABLE notice_cc; DROP TABLE notice_reply; DROP TABLE supervision_notice;
	DROP TABLE task_contact;
	CREATE TABLE supervision_notice (id ${ID}, year INTEGER NOT NULL, seq INTEGER NOT NULL,
	  org_id BIGINT NOT NULL REFERENCES org(id), task_id BIGINT NOT NULL REFERENCES task(id),
	  milestone_id BIGINT REFERENCES milestone(id), subject TEXT NOT NULL, body TEXT NOT NULL,
	  reply_due TEXT NOT NULL,
	  status TEXT NOT NULL CHECK (status IN ('open', 'replied', 'closed', 'escalated')),
	  reply TEXT, replied_at TEXT, replied_by BIGINT REFERENCES app_user(id), closing_comment TEXT,
	  closed_at TEXT, issued_at TEXT NOT NULL, issued_by BIGINT REFERENCES app_user(id),
	  closed_by BIGINT REFERENCES app_user(id), escalation_comment TEXT, escalated_at TEXT,
	  escalated_by BIGINT REFERENCES app_user(id), UNIQUE (year, seq));
	DELETE FROM schema_migration WHERE version = 19;`;

describe('the configured organ and 机关代字, and notices from before migration 0019', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, ids, t2, ms;

	before(async () => {
		srv = await h.startServer({ serveArgs: ['--notice-organ', '抚顺市开发区改革领导小组办公室', '--notice-code', '抚开改督'] });
		c = await h.loginAll(srv, ['office1', 'zone1', 'auditor1']);
		ids = await h.orgIds(c.office1);
		let r = await c.office1.post('/api/policies', fs.readFileSync(SEED), { raw: true, contentType: 'text/plain' });
		assert.equal(r.status, 201, r.text);
		t2 = (await c.zone1.get('/api/tasks?page_size=50')).json.items.find((t) => t.article_number === 2);
		r = await c.zone1.post('/api/plans', { task_id: t2.id, milestones: plan([-10, 5, 90]) });
		assert.equal(r.status, 201, r.text);
		ms = r.json.milestones[1];
	});

	after(async () => {
		if (srv) await srv.close();
	});

	test('numbers take the configured 机关代字, the print its 发文机关', T, async () => {
		const r = await c.office1.post('/api/notices', { org_id: ids[h.ORG.econ], task_id: t2.id, subject: '报送进展', body: '请报送。', reply_due: day(3) });
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.number, `抚开改督〔${YEAR}〕1号`);
		const p = await c.zone1.get(`/api/notices/${r.json.id}/print`);
		assert.ok(p.text.includes(`<p class="number">抚开改督〔${YEAR}〕1号</p>`));
		assert.ok(p.text.includes('<p class="organ" style="font-size:29pt">抚顺市开发区改革领导小组办公室</p>'));
		for (const bad of ['ABC', '督办〔', '', '一二三四五六七八九十一二三四五六七']) {
			const x = await h.kfq(['serve', '--db', srv.db, '--listen', '127.0.0.1:0', '--notice-code', bad]);
			assert.equal(x.code, 2, `--notice-code ${bad}: ${x.stderr}`);
			assert.match(x.stderr, /notice-code/);
		}
	});

	test('migration 0019 keeps every notice: its number, its task or milestone as the entity, its reply as the first', T, async () => {
		const zone1 = c.zone1.user.id;
		const office1 = c.office1.user.id;
		await srv.stop();
		await h.sqlOk(srv.db, `${UNDO_0019}
			INSERT INTO supervision_notice (id, year, seq, org_id, task_id, milestone_id, subject, body, reply_due, status, reply, replied_at, replied_by, issued_at, issued_by)
			VALUES (5, 2025, 7, ${ids[h.ORG.econ]}, ${t2.id}, ${ms.id}, '旧的督办', '旧的内容', '2025-12-31', 'open', NULL, NULL, NULL, '2025-12-01T02:00:00Z', ${office1}),
			       (6, 2025, 8, ${ids[h.ORG.econ]}, ${t2.id}, NULL, '已反馈的督办', '内容', '2025-12-31', 'replied', '已办理完毕', '2025-12-05T03:00:00Z', ${zone1}, '2025-12-02T02:00:00Z', ${office1}),
			       (7, 2025, 9, ${ids[h.ORG.econ]}, ${t2.id}, NULL, '升级后反馈', '内容', '2025-12-31', 'escalated', '已整改', '2025-12-06T03:00:00Z', ${zone1}, '2025-12-03T02:00:00Z', ${office1});
			${h.IS_PG ? "SELECT setval(pg_get_serial_sequence('supervision_notice', 'id'), 7);" : ''}`);
		const out = await h.kfqOk(['migrate', '--db', srv.db]);
		assert.match(out.stdout, /applied 1 migration/);
		if (!h.IS_PG) assert.equal(await h.sqlOk(srv.db, 'PRAGMA foreign_key_check'), '');
		await srv.spawn();
		let r = await c.zone1.get('/api/notices/5');
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.number, '督办〔2025〕7号');
		assert.equal(r.json.status, 'open');
		assert.equal(r.json.entity_type, 'milestone');
		assert.equal(r.json.entity_id, ms.id);
		assert.equal(r.json.entity_label, '第2条“聚焦主责主业”节点“组织实施”');
		assert.equal(r.json.task_id, t2.id);
		assert.equal(r.json.created_at, '2025-12-01T02:00:00Z');
		assert.equal(r.json.received_at, null);
		assert.deepEqual(r.json.replies, []);
		r = await c.zone1.get('/api/notices/6');
		assert.equal(r.json.status, 'replied');
		assert.equal(r.json.entity_type, 'task');
		assert.equal(r.json.entity_label, '第2条“聚焦主责主业”');
		assert.equal(r.json.received_at, '2025-12-05T03:00:00Z');
		assert.deepEqual(r.json.replies.map((x) => [x.body, x.created_at, x.created_by]), [['已办理完毕', '2025-12-05T03:00:00Z', zone1]]);
		r = await c.zone1.get('/api/notices/7');
		assert.equal(r.json.status, 'escalated');
		assert.equal(r.json.replies.length, 1);
		// the old open notice is signed for and answered as any other; new ids come after the old
		assert.equal((await c.zone1.post('/api/notices/5/receive', {})).status, 200);
		assert.equal((await c.zone1.post('/api/notices/5/reply', { reply: '已推进' })).status, 200);
		r = await c.office1.post('/api/notices', { org_id: ids[h.ORG.econ], task_id: t2.id, subject: '新的', body: '内容', reply_due: day(3) });
		assert.equal(r.status, 201, r.text);
		assert.ok(r.json.id > 7);
		assert.equal(r.json.number, `抚开改督〔${YEAR}〕1号`);
	});
});
