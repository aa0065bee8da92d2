'use strict';
// invest.test.js - the investment pipeline (招商引资, art. 13) on SQLite or PostgreSQL: a zone
// enters its own projects (refusals named, nothing written); stage changes forward only, dated,
// each kept in the history and audited; who reads; the stall rule at its boundary with the
// office's setting; a 督办单 drafted about a stalled project; the export; the responsible staff
// a person of the zone's own roster (another zone's refused, who leaves stays named but is not
// named anew, never deleted) and migration 0067's matching of the old text by name.
//
// Stalls, with the default of 90 days and today's date in Asia/Shanghai (T):
//   A 签约 since T-91: 91 days > 90, stalled
//   B 洽谈 since T-90: 90 days, on the line, not stalled (stalled once the office sets 30)
//   C 达产 since T-400: the end of the pipeline, never stalled
//   D 签约 since T-91 in 胜利区: stalled, seen by the city and its own zone only
// The 督导看板 lists the stalled ones the caller sees as the list does: oldest stage first, then
// by id (A, D; B once the office sets 30 days), with the count of all of them.
//
// The responsible staff is a person on the zone's own roster (人员名册; DECISIONS 167–169):
//   经开区: 王招商 (聘用, staff of A, B, C), 陈静 (事业), 张伟 twice (two people, one name),
//           赵磊 (聘用: E's staff, then leaves the roster)
//   胜利区: 李胜利 (聘用, staff of D)

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');
const { readXlsx } = require('./xlsx');

const T = { timeout: h.STEP_TIMEOUT };

const USERS = [
	...h.DEFAULT_USERS,
	{ username: 'ndrc1', org: '市发改委', role: 'department' },
	{ username: 'bianban1', org: '市委编办', role: 'department' },
	{ username: 'shuncheng1', org: h.ORG.shuncheng, role: 'county' }, // 经开区's county
];
const YEAR = Number(h.day(0).slice(0, 4));

// the date `offset` days from today in Asia/Shanghai
const day = h.day;

describe('investment pipeline', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, ids, econ, shengli;
	const id = {};
	const staff = {}; // roster people by name (张伟1, 张伟2)

	before(async () => {
		srv = await h.startServer({ users: USERS });
		c = await h.loginAll(srv, ['admin', 'office1', 'zone1', 'zone2', 'county1', 'auditor1', 'super1', 'ndrc1', 'bianban1', 'shuncheng1']);
		ids = await h.orgIds(c.office1);
		econ = ids[h.ORG.econ];
		shengli = ids[h.ORG.shengli];
		let r = await c.office1.post('/api/capabilities/grants', { org_id: ids['市委编办'], capability: 'approve_staffing' });
		assert.equal(r.status, 201, r.text);
		const roster = [
			['zone1', econ, [['王招商', 'contract'], ['陈静', 'institution'], ['张伟1', 'civil_servant'], ['张伟2', 'civil_servant'], ['赵磊', 'contract']]],
			['zone2', shengli, [['李胜利', 'contract']]],
		];
		for (const [k, [zone, org, people]] of roster.entries()) {
			r = await c.bianban1.put('/api/staffing', {
				org_id: org, year: YEAR, admin_slots: 3, inst_slots: 3, bodies: 1, leaders: 1, quota: 6, doc_no: `抚编发〔${YEAR}〕${20 + k}号`,
			});
			assert.equal(r.status, 200, r.text);
			for (const [i, [key, identity]] of people.entries()) {
				r = await c[zone].post('/api/people', {
					name: key.replace(/\d$/, ''), id_number: h.idNumber(`21040219880${k + 1}${i + 10}1${k}${i}`), identity,
					appointment: identity === 'contract' ? 'hired' : 'appointed', start_date: `${YEAR}-01-01`,
				});
				assert.equal(r.status, 201, r.text);
				staff[key] = r.json.id;
			}
		}
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
		staff_person_id: staff.王招商,
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
			[{ staff_person_id: undefined }, 400, 'missing_field', '/staff_person_id'],
			[{ staff: '王招商' }, 400, 'unknown_field', '/staff'],
			// the zone's own roster only: another zone's person, or no one, is refused in the same words
			[{ staff_person_id: staff.李胜利 }, 400, 'invalid_value', '/staff_person_id', '项目责任人应为本开发区人员名册上的人员'],
			[{ staff_person_id: 999999 }, 400, 'invalid_value', '/staff_person_id', '项目责任人应为本开发区人员名册上的人员'],
		];
		for (const [extra, status, code, field, message] of bad) {
			const r = await c.zone1.post('/api/invest-projects', project(extra));
			h.assertError(r, status, code, field);
			if (message) assert.equal(r.json.error.message, message);
		}
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
		assert.deepEqual([r.json.staff_person_id, r.json.staff_person_name, r.json.staff, r.json.staff_left_on], [staff.王招商, '王招商', '', null]);
		r = await c.zone1.post('/api/invest-projects', project({ name: '智能网联汽车零部件', industry_code: '3670', stage: 'talks', stage_on: day(-90) }));
		assert.equal(r.status, 201, r.text);
		id.b = r.json.id;
		assert.equal(r.json.stalled, false);
		r = await c.zone1.post('/api/invest-projects', project({ name: '集成电路封测', industry_code: '3973', stage: 'full', stage_on: day(-400), realized_fen: 1200000000 }));
		id.c = r.json.id;
		assert.equal(r.json.stalled, false);
		// 胜利区 cannot name 经开区's people either
		h.assertError(await c.zone2.post('/api/invest-projects', project({ zone_id: shengli, name: '胜利区新材料' })), 400, 'invalid_value', '/staff_person_id');
		r = await c.zone2.post('/api/invest-projects', project({ zone_id: shengli, name: '胜利区新材料', staff_person_id: staff.李胜利 }));
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
		// % and _ are searched as themselves, not as patterns
		assert.deepEqual(await names(c.ndrc1, `?q=${encodeURIComponent('%')}`), []);
		assert.deepEqual(await names(c.ndrc1, `?q=${encodeURIComponent('集成_路')}`), []);
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
		assert.deepEqual([c3[4], String(c3[6]), c3[11], c3[12]], ['达产', '400', '王招商', '否']);
		// the CSV twin writes the same cell
		const csv = await c.ndrc1.get(`/api/invest-projects/export.csv?zone_id=${shengli}`);
		assert.equal(csv.status, 200, csv.text);
		assert.match(csv.text, /胜利区新材料.*,李胜利,是/);
	});

	test('each role reads the responsible staff of the projects it sees; only the zone names its own people', T, async () => {
		const staffOf = async (client, q = '') => (await client.get(`/api/invest-projects${q}`)).json.items.map((p) => [p.name, p.staff_person_name]).sort();
		const econRows = [['动力电池生产基地', '王招商'], ['智能网联汽车零部件', '王招商'], ['集成电路封测', '王招商']];
		assert.deepEqual(await staffOf(c.zone1), econRows);
		assert.deepEqual(await staffOf(c.zone2), [['胜利区新材料', '李胜利']]);
		// the county hosting 经开区 reads its projects; 东洲区 hosts none with a project
		assert.deepEqual(await staffOf(c.shuncheng1), econRows);
		assert.deepEqual(await staffOf(c.county1), []);
		h.assertError(await c.shuncheng1.get(`/api/invest-projects/${id.d}`), 404, 'not_found');
		assert.equal((await c.office1.get(`/api/invest-projects/${id.d}`)).json.staff_person_name, '李胜利');
		// the projects a person answers for (the pay plan's incentive view), within the caller's view
		assert.deepEqual(await staffOf(c.ndrc1, `?staff_person_id=${staff.王招商}`), econRows);
		assert.deepEqual(await staffOf(c.zone2, `?staff_person_id=${staff.王招商}`), []);
		assert.deepEqual(await staffOf(c.office1, `?staff_person_id=${staff.陈静}`), []);

		const before = await auditCount();
		const facts = (extra = {}) => {
			const { zone_id, stage, stage_on, ...f } = project({ realized_fen: 300000000, agreed_fen: 1500000000, ...extra });
			void zone_id; void stage; void stage_on;
			return f;
		};
		for (const name of ['office1', 'shuncheng1', 'ndrc1']) h.assertError(await c[name].put(`/api/invest-projects/${id.a}`, facts({ staff_person_id: staff.陈静 })), 403, 'forbidden');
		h.assertError(await c.zone2.put(`/api/invest-projects/${id.a}`, facts({ staff_person_id: staff.李胜利 })), 404, 'not_found');
		h.assertError(await c.zone1.put(`/api/invest-projects/${id.a}`, facts({ staff_person_id: staff.李胜利 })), 400, 'invalid_value', '/staff_person_id');
		h.assertError(await c.zone2.put(`/api/invest-projects/${id.d}`, facts({ name: '胜利区新材料', staff_person_id: staff.陈静 })), 400, 'invalid_value', '/staff_person_id');
		assert.equal(await auditCount(), before);

		// a change of staff is audited with the person's name
		const r = await c.zone1.put(`/api/invest-projects/${id.a}`, facts({ staff_person_id: staff.陈静 }));
		assert.equal(r.status, 200, r.text);
		assert.deepEqual([r.json.staff_person_id, r.json.staff_person_name], [staff.陈静, '陈静']);
		const a = (await c.auditor1.get('/api/audit?page_size=1')).json.items[0];
		assert.deepEqual([a.action, a.entity_type, a.entity_id], ['update', 'invest_project', String(id.a)]);
		const [was, now] = [a.before, a.after];
		assert.deepEqual([was.staff_person_name, now.staff_person_name, now.staff_person_id], ['王招商', '陈静', staff.陈静]);
		assert.equal('staff_left_on' in now, false);
	});

	test('who leaves the roster stays named on their projects, shown as left, and is not named anew; people are never deleted', T, async () => {
		let r = await c.zone1.post('/api/invest-projects', project({ name: '新型储能项目', industry_code: '3841', stage: 'talks', stage_on: day(-5), staff_person_id: staff.赵磊 }));
		assert.equal(r.status, 201, r.text);
		id.e = r.json.id;
		r = await c.zone1.post(`/api/people/${staff.赵磊}/end`, { kind: 'left', date: day(0), reason: '辞职' });
		assert.equal(r.status, 200, r.text);
		r = await c.zone1.get(`/api/invest-projects/${id.e}`);
		assert.deepEqual([r.json.staff_person_name, r.json.staff_left_on], ['赵磊', day(0)]);
		// the picker's source, the roster today, no longer offers him
		const onRoster = (await c.zone1.get(`/api/people?org_id=${econ}&current=1&q=${encodeURIComponent('赵')}`)).json.items;
		assert.deepEqual(onRoster, []);
		// the project still changes with him named, until the zone names someone else
		r = await c.zone1.put(`/api/invest-projects/${id.e}`, { name: '新型储能项目', industry_code: '3841', agreed_fen: 100, expected_output_fen: 0, expected_tax_fen: 0, staff_person_id: staff.赵磊, note: '责任人已离职，待调整' });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.staff_left_on, day(0));
		const before = await auditCount();
		for (const write of [
			() => c.zone1.post('/api/invest-projects', project({ name: '另一个项目', staff_person_id: staff.赵磊 })),
			() => c.zone1.put(`/api/invest-projects/${id.b}`, { name: '智能网联汽车零部件', industry_code: '3670', agreed_fen: 1200000000, expected_output_fen: 3000000000, expected_tax_fen: 150000000, staff_person_id: staff.赵磊 }),
		]) {
			r = await write();
			h.assertError(r, 400, 'invalid_value', '/staff_person_id');
			assert.equal(r.json.error.message, '该人员已离开人员名册，请选择在册人员');
		}
		assert.equal(await auditCount(), before);
		const x = readXlsx((await c.zone1.get(`/api/invest-projects/export.xlsx?q=${encodeURIComponent('储能')}`)).buf);
		assert.equal(x[1][11], '赵磊（已离开名册）');
		// a person leaves the roster by an end date; there is no deleting one, and the database
		// refuses it while a project names them
		h.assertError(await c.zone1.del(`/api/people/${staff.赵磊}`), 405, 'method_not_allowed');
		const fk = h.IS_PG ? '' : 'PRAGMA foreign_keys = ON; '; // as kfq's own connections have it
		assert.notEqual((await h.sql(srv.db, `${fk}DELETE FROM person WHERE id = ${staff.赵磊}`)).code, 0);
		assert.equal((await c.zone1.get(`/api/invest-projects/${id.e}`)).json.staff_person_name, '赵磊');
	});

	test('migration 0067 names the roster person whose name is exactly the old text, when one on the zone\'s roster bears it', T, async () => {
		// back to before 0067: the column gone, the text as zones wrote it
		const texts = {
			[id.a]: '陈静', // one person of that name on 经开区's roster now: linked, the text cleared
			[id.b]: '张伟', // two people share the name: the text stays
			[id.c]: '王招商（投资促进局）', // not exactly a name: the text stays
			[id.d]: '王招商', // 胜利区's project, 经开区's person: the text stays
			[id.e]: '赵磊', // left the roster: the text stays
		};
		const sets = Object.entries(texts).map(([pid, text]) => `UPDATE invest_project SET staff = '${text}' WHERE id = ${pid};`).join(' ');
		await h.sqlOk(srv.db, `DROP INDEX invest_project_staff; ALTER TABLE invest_project DROP COLUMN staff_person_id; ${sets} DELETE FROM schema_migration WHERE version = 67`);
		assert.match((await h.kfqOk(['migrate', '--db', srv.db])).stdout, /applied 1 migration/);
		const shown = async (pid) => {
			const p = (await c.office1.get(`/api/invest-projects/${pid}`)).json;
			return [p.staff_person_id, p.staff_person_name, p.staff];
		};
		assert.deepEqual(await shown(id.a), [staff.陈静, '陈静', '']);
		assert.deepEqual(await shown(id.b), [null, null, '张伟']);
		assert.deepEqual(await shown(id.c), [null, null, '王招商（投资促进局）']);
		assert.deepEqual(await shown(id.d), [null, null, '王招商']);
		assert.deepEqual(await shown(id.e), [null, null, '赵磊']);
		// shown as not on the roster in the export; naming a person clears the text
		const x = readXlsx((await c.ndrc1.get(`/api/invest-projects/export.xlsx?zone_id=${econ}`)).buf);
		assert.equal(x.find((row) => row[1] === '智能网联汽车零部件')[11], '张伟（未关联名册）');
		const r = await c.zone1.put(`/api/invest-projects/${id.b}`, { name: '智能网联汽车零部件', industry_code: '3670', agreed_fen: 1200000000, expected_output_fen: 3000000000, expected_tax_fen: 150000000, staff_person_id: staff.张伟2 });
		assert.equal(r.status, 200, r.text);
		assert.deepEqual([r.json.staff_person_name, r.json.staff], ['张伟', '']);
	});
});
