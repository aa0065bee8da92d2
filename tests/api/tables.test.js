'use strict';
// tables.test.js - what every list page of the web console relies on besides its filters: each
// list exports as .xlsx and as CSV with the list's filters, the same rows both ways (reports,
// 督办单, organizations, accounts, the audit log, capability grants), and an export is refused
// to whoever may not read the list; a policy carries its 文号, by which lists tell it apart.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./harness');
const { bothExports } = require('./exports');

const T = { timeout: h.STEP_TIMEOUT };
const { day, SEED } = h;

describe('list exports', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, ids, t2, plan;

	before(async () => {
		srv = await h.startServer();
		c = await h.loginAll(srv, ['admin', 'office1', 'zone1', 'zone2', 'auditor1', 'super1']);
		ids = await h.orgIds(c.office1);
		const imp = await c.office1.post('/api/policies', fs.readFileSync(SEED), { raw: true, contentType: 'text/plain' });
		assert.equal(imp.status, 201, imp.text);
		t2 = (await c.office1.get('/api/tasks?article=2')).json.items[0];
		let r = await c.zone1.post('/api/plans', {
			task_id: t2.id,
			milestones: [
				{ title: '制定实施方案', deliverable: '方案文本', start_date: day(-30), due_date: day(20), weight: 40 },
				{ title: '组织实施', deliverable: '实施报告', start_date: day(21), due_date: day(90), weight: 60 },
			],
		});
		assert.equal(r.status, 201, r.text);
		plan = r.json;
		assert.equal((await c.zone1.post(`/api/plans/${plan.id}/submit`, {})).status, 200);
		assert.equal((await c.office1.post(`/api/plans/${plan.id}/approve`, {})).status, 200);
		for (const [percent, narrative] of [
			[30, '方案已起草'],
			[50, '方案征求意见中'],
		]) {
			r = await c.zone1.post(`/api/milestones/${plan.milestones[0].id}/reports`, { status: 'in_progress', percent, narrative });
			assert.equal(r.status, 201, r.text);
		}
		r = await c.office1.post('/api/notices', { org_id: ids[h.ORG.econ], task_id: t2.id, subject: '加快推进园区整合', body: '请抓紧推进。', reply_due: day(7) });
		assert.equal(r.status, 201, r.text);
	});

	after(async () => {
		if (srv) await srv.close();
	});

	const both = (who, base, query) => bothExports(c[who], base, query);

	test('progress reports: the review queue with its filters, each report a row', T, async () => {
		const rows = await both('office1', '/api/reports', '?state=submitted');
		assert.deepEqual(rows[0], ['政策文件', '条目', '任务', '单位', '节点', '填报进度', '节点状态', '进展情况', '证明材料', '填报人', '填报时间', '审核状态']);
		assert.deepEqual(
			rows.slice(1).map((r) => [r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[11]]),
			[
				['2', '聚焦主责主业', h.ORG.econ, '制定实施方案', '30', '进行中', '方案已起草', '0', '待审核'],
				['2', '聚焦主责主业', h.ORG.econ, '制定实施方案', '50', '进行中', '方案征求意见中', '0', '待审核'],
			],
		);
		// each milestone's newest only; another zone's reports are not another zone's to export
		assert.deepEqual((await both('office1', '/api/reports', '?latest=1')).slice(1).map((r) => r[5]), ['50']);
		assert.equal((await both('zone2', '/api/reports')).length, 1);
		h.assertError(await c.office1.get('/api/reports/export.csv?state=late'), 400, 'invalid_parameter', 'state');
		h.assertError(await c.office1.get('/api/reports/export.csv?page=2'), 400, 'unknown_parameter', 'page');
		h.assertError(await c.auditor1.get('/api/reports/export.csv'), 403, 'forbidden');
	});

	test('督办单, organizations, accounts, the audit log and capability grants as CSV too', T, async () => {
		const notices = await both('office1', '/api/notices');
		assert.deepEqual(notices[0].slice(0, 4), ['文号', '状态', '督办事项', '主送单位']);
		assert.deepEqual(notices.slice(1).map((r) => [r[2], r[3]]), [['加快推进园区整合', h.ORG.econ]]);
		assert.equal((await both('zone2', '/api/notices')).length, 1, 'another zone exports none of them');

		const orgs = await both('office1', '/api/orgs', `?q=${encodeURIComponent('经济开发区')}`);
		assert.deepEqual(orgs[0].slice(0, 2), ['编号', '名称']);
		assert.deepEqual(orgs.slice(1).map((r) => r[1]).sort(), [h.ORG.econ, h.ORG.shengli, '抚顺县经济开发区（示例）'].sort());

		const users = await both('admin', '/api/users', '?role=zone');
		assert.deepEqual(users.slice(1).map((r) => r[1]).sort(), ['zone1', 'zone2']);
		h.assertError(await c.office1.get('/api/users/export.csv'), 403, 'forbidden');

		const audit = await both('auditor1', '/api/audit', '?entity_type=notice');
		assert.equal(audit.length, 2, 'one record: the notice issued');
		h.assertError(await c.admin.get('/api/audit/export.csv'), 403, 'forbidden');

		const grants = await both('office1', '/api/capabilities/grants');
		const total = (await c.office1.get('/api/capabilities/grants?page_size=1')).json.total;
		assert.equal(grants.length, 1 + total);
		h.assertError(await c.zone1.get('/api/capabilities/grants/export.csv'), 403, 'forbidden');
	});

	test('a policy is listed with its 文号 when its text has one, so that lists tell policies apart by it', T, async () => {
		const text = fs.readFileSync(path.join(h.ROOT, 'tests', 'data', 'corpus', 'guofa_2018_38_zimaoqu_gaige.txt'));
		const r = await c.office1.post('/api/policies', text, { raw: true, contentType: 'text/plain' });
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.policy.doc_number, '国发〔2018〕38号');
		const list = (await c.zone1.get('/api/policies')).json.items;
		assert.deepEqual(
			list.map((p) => [p.title_note, p.doc_number]),
			[
				['征求意见稿', null],
				[null, '国发〔2018〕38号'],
			],
		);
		assert.equal((await c.zone1.get(`/api/policies/${r.json.policy.id}`)).json.policy.doc_number, '国发〔2018〕38号');
	});
});
