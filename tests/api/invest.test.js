'use strict';
// invest.test.js - the investment pipeline (招商引资, art. 13) on SQLite or PostgreSQL: a zone
// enters its own projects (refusals named, nothing written); stage changes forward only, dated,
// each kept in the history and audited; who reads; the stall rule at its boundary with the
// office's setting; a 督办单 drafted about a stalled project; the export.
//
// Stalls, with the default of 90 days and today's date in Asia/Shanghai (T):
//   A 签约 since T-91: 91 days > 90, stalled
//   B 洽谈 since T-90: 90 days, on the line, not stalled (stalled once the office sets 30)
//   C 达产 since T-400: the end of the pipeline, never stalled
//   D 签约 since T-91 in 胜利区: stalled, seen by the city and its own zone only
// The 督导看板 lists the stalled ones the caller sees as the list does: oldest stage first, then
// by id (A, D; B once the office sets 30 days), with the count of all of them.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');
const { readXlsx } = require('./xlsx');

const T = { timeout: h.STEP_TIMEOUT };

const USERS = [
	...h.DEFAULT_USERS,
	{ username: 'ndrc1', org: '市发改委', role: 'department' },
];

// the date `offset` days from today in Asia/Shanghai
const day = (offset) => new Date(Date.now() + 8 * 3600e3 + offset * 86400e3).toISOString().slice(0, 10);

describe('investment pipeline', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, ids, econ, shengli;
	const id = {};

	before(async () => {
		srv = await h.startServer({ users: USERS });
		c = await h.loginAll(srv, ['admin', 'office1', 'zone1', 'zone2', 'county1', 'auditor1', 'super1', 'ndrc1']);
		ids = await h.orgIds(c.office1);
		econ = ids[h.ORG.econ];
		shengli = ids[h.ORG.shengli];
	});

	after(async () => {
		if (srv) await srv.close();
	});

	const auditCount = async () => (await c.auditor1.get('/api/audit?page_size=1')).json.total;
	const project = (extra = {}) => ({
		zone_id: econ,
		name: '动力电池生产基地',
		investor: '示例新能源集团',
		industry_code: '3841',
		stage: 'signed',
		stage_on: day(-91),
		agreed_fen: 1200000000,
		realized_fen: 0,
		expected_output_fen: 3000000000,
		expected_tax_fen: 150000000,
		staff: '王招商（投资促进局）',
		...extra,
	});

	test('a zone enters its own projects; refusals are named and write nothing', T, async () => {
		const before = await auditCount();
		const bad = [
			[{ industry_code: '384' }, 400, 'invalid_value', '/industry_code'],
			[{ industry_code: '9999' }, 400, 'invalid_value', '/industry_code'],
			[{ stage: '洽谈' }, 400, 'invalid_value', '/stage'],
			[{ stage_on: day(1) }, 400, 'invalid_value', '/stage_on'],
			[{ stage_on: '2026-02-30' }, 400, 'invalid_value', '/stage_on'],
			[{ realized_fen: 1200000001 }, 400, 'invalid_value', '/realized_fen'],
			[{ agreed_fen: -1 }, 400, 'out_of_range', '/agreed_fen'],
			[{ staff: ' ' }, 400, 'missing_field', '/staff'],
		];
		for (const [extra, status, code, field] of bad) h.assertError(await c.zone1.post('/api/invest-projects', project(extra)), status, code, field);
		h.assertError(await c.zone1.post('/api/invest-projects', project({ zone_id: shengli })), 404, 'not_found');
		for (const name of ['office1', 'ndrc1', 'county1', 'super1']) h.assertError(await c[name].post('/api/invest-projects', project()), 403, 'forbidden');
		assert.equal(await auditCount(), before);

		let r = await c.zone1.post('/api/invest-projects', project());
		assert.equal(r.status, 201, r.text);
		id.a = r.json.id;
		assert.equal(r.json.stage_label, '签约');
		assert.equal(r.json.days_in_stage, 91);
		assert.equal(r.json.stalled, true);
		assert.equal(r.json.changes.length, 1);
		assert.equal(r.json.changes[0].from_stage, null);
		assert.equal(r.json.changes[0].to_stage, 'signed');
		r = await c.zone1.post('/api/invest-projects', project({ name: '智能网联汽车零部件', industry_code: '3670', stage: 'talks', stage_on: day(-90) }));
		assert.equal(r.status, 201, r.text);
		id.b = r.json.id;
		assert.equal(r.json.stalled, false);
		r = await c.zone1.post('/api/invest-projects', project({ name: '集成电路封测', industry_code: '3973', stage: 'full', stage_on: day(-400), realized_fen: 1200000000 }));
		id.c = r.json.id;
		assert.equal(r.json.stalled, false);
		r = await c.zone2.post('/api/invest-projects', project({ zone_id: shengli, name: '胜利区新材料' }));
		assert.equal(r.status, 201, r.text);
		id.d = r.json.id;
		assert.equal(await auditCount(), before + 4);
	});

	test('who reads: city departments, the office and supervisors all; a zone its own', T, async () => {
		const names = async (client, q = '') => (await client.get(`/api/invest-projects${q}`)).json.items.map((p) => p.name);
		assert.equal((await names(c.ndrc1)).length, 4);
		assert.equal((await names(c.office1)).length, 4);
		assert.equal((await names(c.super1)).length, 4);
		assert.deepEqual((await names(c.zone1)).sort(), ['动力电池生产基地', '智能网联汽车零部件', '集成电路封测'].sort());
		assert.deepEqual(await names(c.zone2), ['胜利区新材料']);
		h.assertError(await c.zone2.get(`/api/invest-projects/${id.a}`), 404, 'not_found');
		h.assertError(await c.zone2.post(`/api/invest-projects/${id.a}/stage`, { stage: 'landed', changed_on: day(0) }), 404, 'not_found');
		for (const name of ['admin', 'auditor1']) h.assertError(await c[name].get('/api/invest-projects'), 403, 'forbidden');
		assert.deepEqual(await names(c.ndrc1, `?zone_id=${econ}&stage=talks`), ['智能网联汽车零部件']);
		assert.deepEqual(await names(c.ndrc1, `?q=${encodeURIComponent('封测')}`), ['集成电路封测']);
		h.assertError(await c.ndrc1.get('/api/invest-projects?stage=x'), 400, 'invalid_value', 'stage');
	});

	test('stalled: more than the configured days without a stage change, 达产 never; the office sets the days', T, async () => {
		const stalled = async () => (await c.ndrc1.get(`/api/invest-projects?stalled=1&zone_id=${econ}`)).json.items.map((p) => p.name);
		assert.deepEqual(await stalled(), ['动力电池生产基地']);
		// 我的待办: the stalled ones in the caller's view, linked to the list that shows them
		const todo = async (client) => (await client.get('/api/todos')).json.items.find((x) => x.key === 'invest_stalled')
		assert.deepEqual([(await todo(c.office1)).count, (await todo(c.office1)).link], [2, '/invest?stalled=1'])
		assert.equal((await todo(c.zone1)).count, 1)
		assert.equal(await todo(c.admin), undefined)
		// only the zones that move their projects on and the office that follows them up: a
		// department, a county and a supervisor read the pipeline but take no step in it
		for (const name of ['ndrc1', 'county1', 'super1', 'auditor1']) assert.equal(await todo(c[name]), undefined, name)
		assert.deepEqual((await c.zone1.get('/api/invest/settings')).json, { stall_days: 90 });
		for (const name of ['zone1', 'ndrc1']) h.assertError(await c[name].put('/api/invest/settings', { stall_days: 30 }), 403, 'forbidden');
		h.assertError(await c.office1.put('/api/invest/settings', { stall_days: 0 }), 400, 'out_of_range', '/stall_days');
		const before = await auditCount();
		const r = await c.office1.put('/api/invest/settings', { stall_days: 30 });
		assert.equal(r.status, 200, r.text);
		assert.equal(await auditCount(), before + 1);
		assert.deepEqual(await stalled(), ['动力电池生产基地', '智能网联汽车零部件']);
		assert.equal((await todo(c.office1)).count, 3);
		await c.office1.put('/api/invest/settings', { stall_days: 90 });
	});

	test('the 督导看板 shows the stalled projects the caller sees, counted and listed as the list does', T, async () => {
		const board = async (client, q = '') => {
			const r = await client.get(`/api/board${q}`);
			assert.equal(r.status, 200, r.text);
			const s = r.json.stalled_projects;
			return [s.count, s.stall_days, s.items.map((p) => [p.id, p.zone_name, p.stage_label, p.days_in_stage, p.stalled])];
		};
		const A = [id.a, h.ORG.econ, '签约', 91, true];
		const B = [id.b, h.ORG.econ, '洽谈', 90, true]; // with 30 days
		const D = [id.d, h.ORG.shengli, '签约', 91, true];
		assert.deepEqual(await board(c.office1), [2, 90, [A, D]]);
		assert.deepEqual(await board(c.ndrc1), [2, 90, [A, D]]);
		assert.deepEqual(await board(c.super1), [2, 90, [A, D]]);
		assert.deepEqual(await board(c.zone1), [1, 90, [A]]);
		assert.deepEqual(await board(c.zone2), [1, 90, [D]]);
		// one zone's board (its page): that zone's projects only
		assert.deepEqual(await board(c.office1, `?org_id=${shengli}`), [1, 90, [D]]);
		// 东洲区 has no zone with a project
		assert.deepEqual(await board(c.county1), [0, 90, []]);
		// the item is the list's project: the 督办单 is drafted from it
		const item = (await c.office1.get('/api/board')).json.stalled_projects.items[0];
		const listed = (await c.office1.get(`/api/invest-projects?stalled=1&zone_id=${econ}`)).json.items[0];
		assert.deepEqual(item, listed);
		try {
			assert.equal((await c.office1.put('/api/invest/settings', { stall_days: 30 })).status, 200);
			assert.deepEqual(await board(c.office1), [3, 30, [A, D, B]]);
		} finally {
			await c.office1.put('/api/invest/settings', { stall_days: 90 });
		}
	});

	test('stage changes go forward, dated, each kept and audited; a change ends the stall', T, async () => {
		const before = await auditCount();
		let r = await c.zone1.post(`/api/invest-projects/${id.a}/stage`, { stage: 'talks', changed_on: day(0) });
		h.assertError(r, 409, 'invalid_state', '/stage');
		r = await c.zone1.post(`/api/invest-projects/${id.a}/stage`, { stage: 'landed', changed_on: day(-92) });
		h.assertError(r, 400, 'invalid_value', '/changed_on');
		r = await c.zone1.post(`/api/invest-projects/${id.a}/stage`, { stage: 'landed', changed_on: day(1) });
		h.assertError(r, 400, 'invalid_value', '/changed_on');
		r = await c.zone1.post(`/api/invest-projects/${id.a}/stage`, { stage: 'landed', changed_on: day(0), realized_fen: 1200000001 });
		h.assertError(r, 400, 'invalid_value', '/realized_fen');
		h.assertError(await c.ndrc1.post(`/api/invest-projects/${id.a}/stage`, { stage: 'landed', changed_on: day(0) }), 403, 'forbidden');
		assert.equal(await auditCount(), before);

		r = await c.zone1.post(`/api/invest-projects/${id.a}/stage`, { stage: 'started', changed_on: day(-1), note: '土地摘牌后开工', realized_fen: 300000000 });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.stage, 'started');
		assert.equal(r.json.realized_fen, 300000000);
		assert.equal(r.json.days_in_stage, 1);
		assert.equal(r.json.stalled, false);
		assert.deepEqual(r.json.changes.map((x) => [x.from_stage, x.to_stage, x.note]), [[null, 'signed', ''], ['signed', 'started', '土地摘牌后开工']]);
		assert.equal(r.json.changes[1].changed_on, day(-1));
		assert.equal(await auditCount(), before + 1);
		const a = (await c.auditor1.get('/api/audit?page_size=1')).json.items[0];
		assert.equal(a.action, 'stage');
		assert.equal(a.entity_type, 'invest_project');
		assert.equal((await c.ndrc1.get(`/api/invest-projects?stalled=1&zone_id=${econ}`)).json.total, 0);

		// facts change without the stage
		const { zone_id, stage, stage_on, ...facts } = project({ agreed_fen: 1500000000, realized_fen: 300000000 });
		h.assertError(await c.zone1.put(`/api/invest-projects/${id.a}`, { ...facts, stage: 'full' }), 400, 'unknown_field', '/stage');
		r = await c.zone1.put(`/api/invest-projects/${id.a}`, facts);
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.agreed_fen, 1500000000);
		assert.equal(r.json.stage, 'started');
		void zone_id; void stage; void stage_on;
	});

	test('the office drafts a 督办单 about a stalled project of the zone', T, async () => {
		let r = await c.office1.post('/api/notices', {
			draft: true, org_id: econ, entity_type: 'invest_project', entity_id: id.b,
			subject: '招商项目推进滞后', body: '该项目洽谈已超过30天无进展，请说明情况。', reply_due: day(7),
		});
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.status, 'draft');
		assert.equal(r.json.entity_label, '招商项目“智能网联汽车零部件”');
		r = await c.office1.post('/api/notices', {
			draft: true, org_id: econ, entity_type: 'invest_project', entity_id: id.d,
			subject: '招商项目推进滞后', body: '请说明情况。', reply_due: day(7),
		});
		h.assertError(r, 400, 'invalid_value', '/entity_id');
	});

	test('the export', T, async () => {
		const r = await c.ndrc1.get(`/api/invest-projects/export.xlsx?zone_id=${econ}`);
		assert.equal(r.status, 200, r.text);
		const x = readXlsx(r.buf);
		assert.deepEqual(x[0], ['开发区', '项目名称', '投资方', '行业代码', '阶段', '进入日期', '停留天数', '协议投资（元）', '到位投资（元）', '预计产值（元）', '预计税收（元）', '责任人', '是否停滞']);
		assert.equal(x.length, 4);
		const c3 = x.find((row) => row[1] === '集成电路封测');
		assert.deepEqual([c3[4], String(c3[6]), c3[12]], ['达产', '400', '否']);
	});
});
