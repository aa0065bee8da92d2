'use strict';
// board_policies.test.js - a second policy (霍山县 2025年开发区重点工作及责任清单) whose tasks
// name three of the four zones: its 督导看板 ranks, counts and maps those three only — a zone
// responsible for none of its tasks is no laggard — and the board over all policies keeps every
// zone with a task (DECISIONS 381). A change of a task's units shows on the next read, cached
// board or not. The progress reports' queue and export and the milestones' export name the
// policy of each row: with two policies "条目 1" is in both (DECISIONS 383).

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./harness');
const { bothExports } = require('./exports');

const T = { timeout: h.STEP_TIMEOUT };
const SEED = path.join(__dirname, '..', 'data', 'fushun-devzone-reform-draft-2025.txt');
const HUOSHAN = path.join(__dirname, '..', 'data', 'corpus', 'huoshan_kaifaqu_2025_zeren_qingdan.txt');
const text = { raw: true, contentType: 'text/plain' };
const day = h.day;
const FUSHUN_NAME = '中共抚顺市委 抚顺市人民政府关于深化开发区体制机制改革意见（征求意见稿）';
const HUOSHAN_NAME = '2025年开发区重点工作及责任清单';
const XIAN = '抚顺县经济开发区（示例）';

describe('the board of one policy among two', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, ids, fushun, huoshan, hs;

	before(async () => {
		srv = await h.startServer();
		c = await h.loginAll(srv, ['office1', 'zone1', 'zone2', 'county1']);
		ids = await h.orgIds(c.office1);
		let r = await c.office1.post('/api/policies', fs.readFileSync(SEED), text);
		assert.equal(r.status, 201, r.text);
		fushun = r.json.policy.id;
		r = await c.office1.post('/api/policies', fs.readFileSync(HUOSHAN), text);
		assert.equal(r.status, 201, r.text);
		huoshan = r.json.policy.id;
		hs = (await c.office1.get(`/api/tasks?policy_id=${huoshan}&page_size=10`)).json.items;
		hs.sort((a, b) => a.article_number - b.article_number);
		// the tester's units: 高新 and 经开 on 1, 胜利 on 2, 经开 on 3; 抚顺县 on none
		await units(hs[0], [ids[h.ORG.hightech], ids[h.ORG.econ]]);
		await units(hs[1], [ids[h.ORG.shengli]]);
		await units(hs[2], [ids[h.ORG.econ]]);
		// 经开's plans of 条目 1 of each policy, one milestone late in each, reported on
		const seed1 = (await c.office1.get(`/api/tasks?policy_id=${fushun}&article=1`)).json.items[0];
		for (const [task, title] of [[seed1, '抚顺-方案'], [hs[0], '霍山-方案']]) {
			r = await c.zone1.post('/api/plans', { task_id: task.id, milestones: [
				{ title, deliverable: '方案', start_date: day(-40), due_date: day(-10), weight: 40 },
				{ title: `${title}-后续`, deliverable: '报告', start_date: day(-5), due_date: day(60), weight: 60 },
			] });
			assert.equal(r.status, 201, r.text);
			const plan = r.json;
			assert.equal((await c.zone1.post(`/api/plans/${plan.id}/submit`, {})).status, 200);
			assert.equal((await c.office1.post(`/api/plans/${plan.id}/approve`, {})).status, 200);
			r = await c.zone1.post(`/api/milestones/${plan.milestones[0].id}/reports`, { status: 'in_progress', percent: 50, narrative: `${title}起草中` });
			assert.equal(r.status, 201, r.text);
		}
	});

	after(async () => {
		if (srv) await srv.close();
	});

	async function units(task, responsible) {
		const r = await c.office1.put(`/api/tasks/${task.id}/orgs`, { lead_org_ids: [ids[h.ORG.commerce]], responsible_org_ids: responsible });
		assert.equal(r.status, 200, r.text);
	}

	const zonesOf = async (client, query) =>
		(await client.get(`/api/board${query}`)).json.zones.map((z) => [z.name, z.plans, z.completion_bp, z.overdue]);
	const ranking = async (client, query) =>
		(await client.get(`/api/board/ranking.csv${query}`)).text.replace(/^\ufeff/, '').trim().split('\r\n');

	test('one policy\'s board ranks the zones its tasks name, and no other', T, async () => {
		const q = `?policy_id=${huoshan}`;
		const b = (await c.office1.get(`/api/board${q}`)).json;
		assert.deepEqual(b.zones.map((z) => [z.name, z.plans, z.completion_bp, z.overdue]), [
			[h.ORG.hightech, 0, 0, 0],
			[h.ORG.econ, 1, 0, 1],
			[h.ORG.shengli, 0, 0, 0],
		]);
		assert.deepEqual(b.cells.map((x) => [x.task_id, x.org_id, x.overdue]), [[hs[0].id, ids[h.ORG.econ], 1]]);
		assert.equal(b.overdue_total, 1);
		assert.deepEqual(b.overdue.map((m) => m.title), ['霍山-方案']);
		assert.deepEqual(await ranking(c.office1, q), [
			'名次,开发区,计划数,完成率,逾期节点',
			`1,${h.ORG.econ},1,0.00%,1`,
			`2,${h.ORG.hightech},0,0.00%,0`,
			`3,${h.ORG.shengli},0,0.00%,0`,
		]);
		// a county sees its zone the policy names; a zone itself
		assert.deepEqual(await zonesOf(c.county1, q), [[h.ORG.hightech, 0, 0, 0]]);
		assert.deepEqual(await zonesOf(c.zone2, q), [[h.ORG.shengli, 0, 0, 0]]);
		assert.deepEqual(await ranking(c.zone2, q), ['名次,开发区,计划数,完成率,逾期节点', `1,${h.ORG.shengli},0,0.00%,0`]);
		// the seed's board, and the board over both policies, keep the four zones the seed names
		const four = [[h.ORG.hightech, 0, 0, 0], [h.ORG.econ, 1, 0, 1], [h.ORG.shengli, 0, 0, 0], [XIAN, 0, 0, 0]];
		assert.deepEqual(await zonesOf(c.office1, `?policy_id=${fushun}`), four);
		assert.deepEqual(await zonesOf(c.office1, ''), [[h.ORG.hightech, 0, 0, 0], [h.ORG.econ, 2, 0, 2], [h.ORG.shengli, 0, 0, 0], [XIAN, 0, 0, 0]]);
		assert.equal((await c.office1.get('/api/board')).json.overdue_total, 2);
		// a zone's own page is that zone's, named by the policy or not
		assert.deepEqual(await zonesOf(c.office1, `${q}&org_id=${ids[XIAN]}`), [[XIAN, 0, 0, 0]]);
	});

	test('a change of a task\'s units shows on the next read of the board', T, async () => {
		const q = `?policy_id=${huoshan}`;
		// read first: the board's cells are cached until the plans change
		assert.equal((await zonesOf(c.office1, q)).length, 3);
		await units(hs[2], [ids[h.ORG.econ], ids[XIAN]]);
		assert.deepEqual((await zonesOf(c.office1, q)).map((z) => z[0]), [h.ORG.hightech, h.ORG.econ, h.ORG.shengli, XIAN]);
		assert.equal((await ranking(c.office1, q))[4], `4,${XIAN},0,0.00%,0`);
		await units(hs[2], [ids[h.ORG.econ]]);
		assert.deepEqual((await zonesOf(c.office1, q)).map((z) => z[0]), [h.ORG.hightech, h.ORG.econ, h.ORG.shengli]);
		assert.equal((await ranking(c.office1, q)).length, 4);
	});

	test('the reports\' queue and export and the milestones\' export name each row\'s policy', T, async () => {
		const queue = (await c.office1.get('/api/reports?state=submitted')).json.items;
		assert.deepEqual(queue.map((r) => [r.policy_id, r.article_number, r.milestone_title]), [
			[fushun, 1, '抚顺-方案'],
			[huoshan, 1, '霍山-方案'],
		]);
		// the CSV and its .xlsx twin
		const reports = await bothExports(c.office1, '/api/reports', '?state=submitted');
		assert.deepEqual(reports[0], ['政策文件', '条目', '任务', '单位', '节点', '填报进度', '节点状态', '进展情况', '证明材料', '填报人', '填报时间', '审核状态']);
		assert.deepEqual(reports.slice(1).map((r) => [r[0], r[1], r[3], r[4], r[5], r[7]]), [
			[FUSHUN_NAME, '1', h.ORG.econ, '抚顺-方案', '50', '抚顺-方案起草中'],
			[HUOSHAN_NAME, '1', h.ORG.econ, '霍山-方案', '50', '霍山-方案起草中'],
		]);
		const late = await bothExports(c.office1, '/api/milestones', '?state=overdue');
		assert.deepEqual(late[0], ['政策文件', '条目', '任务', '单位', '节点', '交付成果', '开始日期', '完成期限', '权重', '进度%', '状态']);
		assert.deepEqual(late.slice(1).map((r) => [r[0], r[1], r[3], r[4], r[10]]), [
			[FUSHUN_NAME, '1', h.ORG.econ, '抚顺-方案', '已逾期'],
			[HUOSHAN_NAME, '1', h.ORG.econ, '霍山-方案', '已逾期'],
		]);
		// one policy's: its rows only
		assert.deepEqual((await bothExports(c.office1, '/api/milestones', `?state=overdue&policy_id=${huoshan}`)).slice(1).map((r) => r[0]), [HUOSHAN_NAME]);
	});
});
