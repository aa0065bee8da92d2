'use strict';
// handover_land.test.js - the daily desk's hand-overs of the land and powers modules, on SQLite and
// PostgreSQL: an idle building's match proposed and ended tells the zone owning the building (and,
// ended, the organizations holding manage_land) in its transaction; a department's rule
// adjustment listed or done tells the office; refused steps tell nobody. 我的待办's tiles: a zone's
// open cases of low-efficiency land (the overdue ones said under the count), the overdue cases for
// the office and the holders of manage_land, the buildings in negotiation, the overdue rule
// adjustments — each for its audience only, each counted as the list its link opens counts it.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

const T = { timeout: h.STEP_TIMEOUT };
const LAND = '市自然资源局';
const USERS = [
	...h.DEFAULT_USERS,
	{ username: 'zone1b', org: h.ORG.econ, role: 'zone' },
	{ username: 'land1', org: LAND, role: 'department' },
	{ username: 'land2', org: LAND, role: 'department' },
	{ username: 'market1', org: '市市场监管局', role: 'department' },
	{ username: 'fin1', org: '市财政局', role: 'department' },
];
const ALL = ['office1', 'zone1', 'zone1b', 'zone2', 'county1', 'land1', 'land2', 'market1', 'fin1', 'auditor1'];

describe('hand-overs and 我的待办 of land cases, idle buildings and rule adjustments', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, ids, zone, building;

	before(async () => {
		srv = await h.startServer({ users: USERS });
		c = await h.loginAll(srv, ALL);
		ids = await h.orgIds(c.office1);
		zone = ids[h.ORG.econ];
		const g = await c.office1.post('/api/capabilities/grants', { org_id: ids[LAND], capability: 'manage_land' });
		assert.equal(g.status, 201, g.text);
	});

	after(async () => {
		if (srv) await srv.close();
	});

	// each account's items of a kind, as [title, link, entity_type]
	const told = async (who, kind) =>
		(await c[who].get('/api/inbox?page_size=100')).json.items.filter((x) => x.kind === kind).map((x) => [x.title, x.link, x.entity_type]);
	// how many items of a kind each account holds, for those holding any
	const counts = async (kind) => {
		const out = {};
		for (const who of ALL) {
			const n = (await told(who, kind)).length;
			if (n) out[who] = n;
		}
		return out;
	};
	const todos = async (who) => Object.fromEntries((await c[who].get('/api/todos')).json.items.map((x) => [x.key, x]));
	const tile = (x) => x && [x.label, x.count, x.level, x.link, x.detail];

	test('a zone\'s open land cases, the overdue ones for the office and manage_land; each list by its link', T, async () => {
		const batch = async (who, z, no) => {
			const r = await c[who].post('/api/land/batches', { zone_id: ids[z], batch_no: no, approved_on: '2023-05-10', approved_m2: '20000' });
			assert.equal(r.status, 201, r.text);
			return r.json.id;
		};
		const b1 = await batch('land1', h.ORG.econ, '2023-101');
		const b2 = await batch('zone1', h.ORG.econ, '2023-102');
		const b3 = await batch('zone2', h.ORG.shengli, '2023-201');
		// 经开区: one past its deadline (opened with one ahead, days ago), one without; 胜利: one
		// due later
		let r = await c.land1.post('/api/land/cases', { batch_id: b1, due_on: h.day(3) });
		assert.equal(r.status, 201, r.text);
		const late = r.json.id;
		await h.sqlOk(srv.db, `UPDATE land_case SET due_on = '${h.day(-3)}' WHERE id = ${late}`);
		assert.equal((await c.zone1.post('/api/land/cases', { batch_id: b2 })).status, 201);
		assert.equal((await c.zone2.post('/api/land/cases', { batch_id: b3, due_on: h.day(10) })).status, 201);

		let z = await todos('zone1');
		assert.deepEqual(tile(z.land_cases_open), ['待办结的低效用地处置', 2, 'danger', '/land/cases?status=open', '其中已逾期1件']);
		assert.equal((await c.zone1.get('/api/land/cases?status=open')).json.total, 2);
		assert.equal(z.land_cases_overdue, undefined);
		assert.deepEqual(tile((await todos('zone2')).land_cases_open), ['待办结的低效用地处置', 1, 'warning', '/land/cases?status=open', null]);
		const o = await todos('office1');
		assert.deepEqual(tile(o.land_cases_overdue), ['逾期未办结的低效用地处置', 1, 'danger', '/land/cases?overdue=1', null]);
		assert.equal(o.land_cases_open, undefined);
		r = await c.office1.get('/api/land/cases?overdue=1');
		assert.deepEqual(r.json.items.map((x) => [x.id, x.batch_no, x.due_on]), [[late, '2023-101', h.day(-3)]]);
		assert.deepEqual(tile((await todos('land2')).land_cases_overdue), ['逾期未办结的低效用地处置', 1, 'danger', '/land/cases?overdue=1', null]);
		// the overdue filter in the zone's own view, and in the exports
		assert.equal((await c.zone2.get('/api/land/cases?overdue=1')).json.total, 0);
		const x = await c.office1.get('/api/land/cases/export.csv?overdue=1');
		assert.equal(x.status, 200);
		assert.equal(x.text.trim().split('\n').length, 2);
		h.assertError(await c.office1.get('/api/land/cases?overdue=2'), 400, 'invalid_parameter', 'overdue');
		// neither a department without manage_land, a county reading the land nor the auditor
		for (const who of ['fin1', 'county1', 'auditor1']) {
			const t = await todos(who);
			assert.deepEqual([t.land_cases_open, t.land_cases_overdue], [undefined, undefined], who);
		}

		assert.equal((await c.land1.post(`/api/land/cases/${late}/close`, { result: '已完成供地' })).status, 200);
		z = await todos('zone1');
		assert.deepEqual(tile(z.land_cases_open), ['待办结的低效用地处置', 1, 'warning', '/land/cases?status=open', null]);
		assert.equal((await todos('office1')).land_cases_overdue.count, 0);
	});

	test('an idle building\'s match proposed tells the zone, ended the zone and manage_land; refused steps tell nobody', T, async () => {
		let r = await c.zone1.post('/api/land/buildings', {
			zone_id: zone, kind: 'factory', name: '原示例机械厂1号厂房', area_m2: '5000', owner: '抚顺示例机械有限公司', vacant_since: h.day(-400),
		});
		assert.equal(r.status, 201, r.text);
		building = r.json.building.id;
		assert.deepEqual(await counts('space_match_proposed'), {});

		// proposed by the holder of manage_land: the zone's two accounts; by the zone: its other one
		r = await c.land1.post(`/api/land/buildings/${building}/matches`, { enterprise_name: '示例智能装备有限公司', need_m2: '4000' });
		assert.equal(r.status, 201, r.text);
		const first = r.json.matches[0].id;
		r = await c.zone1.post(`/api/land/buildings/${building}/matches`, { enterprise_name: '示例新材料有限公司' });
		assert.equal(r.status, 201, r.text);
		const second = r.json.matches[0].id;
		assert.deepEqual(await counts('space_match_proposed'), { zone1: 1, zone1b: 2 });
		assert.deepEqual(await told('zone1', 'space_match_proposed'), [
			[`闲置楼宇对接待跟进：原示例机械厂1号厂房（${h.ORG.econ}）对接示例智能装备有限公司`, '/land/buildings?matching=1', 'space_match'],
		]);

		// 对接中的闲置楼宇: the zone and the holders of manage_land, as ?matching=1 lists them
		const pending = ['对接中的闲置楼宇', 1, 'warning', '/land/buildings?matching=1', null];
		assert.deepEqual(tile((await todos('zone1')).space_matches_pending), pending);
		assert.deepEqual(tile((await todos('land2')).space_matches_pending), pending);
		assert.deepEqual((await c.zone1.get('/api/land/buildings?matching=1')).json.items.map((b) => b.id), [building]);
		assert.equal((await todos('zone2')).space_matches_pending.count, 0);
		for (const who of ['office1', 'fin1', 'county1']) assert.equal((await todos(who)).space_matches_pending, undefined, who);

		// refused: an outcome that is none, another zone's match
		h.assertError(await c.zone1.post(`/api/land/matches/${first}/close`, { outcome: 'pending' }), 400, 'invalid_value', '/outcome');
		h.assertError(await c.zone2.post(`/api/land/matches/${first}/close`, { outcome: 'declined' }), 404, 'not_found');
		assert.deepEqual(await counts('space_match_ended'), {});

		r = await c.zone1.post(`/api/land/matches/${second}/close`, { outcome: 'declined', result: '面积不足' });
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(await counts('space_match_ended'), { zone1b: 1, land1: 1, land2: 1 });
		r = await c.land1.post(`/api/land/matches/${first}/close`, { outcome: 'leased', result: '已签订5年租赁合同' });
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(await counts('space_match_ended'), { zone1: 1, zone1b: 2, land1: 1, land2: 2 });
		assert.deepEqual((await told('zone1', 'space_match_ended'))[0], [
			`闲置楼宇对接有结果：原示例机械厂1号厂房（${h.ORG.econ}）与示例智能装备有限公司，已租赁`, `/land/buildings?zone_id=${zone}`, 'space_match',
		]);
		// refused in the store (ended already, the building reused): nothing more for anyone
		h.assertError(await c.zone1.post(`/api/land/matches/${first}/close`, { outcome: 'sold' }), 409, 'invalid_state');
		h.assertError(await c.land1.post(`/api/land/buildings/${building}/matches`, { enterprise_name: '再来一家' }), 409, 'invalid_state');
		assert.deepEqual(await counts('space_match_ended'), { zone1: 1, zone1b: 2, land1: 1, land2: 2 });
		assert.deepEqual(await counts('space_match_proposed'), { zone1: 1, zone1b: 2 });
		assert.equal((await todos('zone1')).space_matches_pending.count, 0);
	});

	test('a rule adjustment listed or done tells the office; 逾期未完成的规则调整 for the office and the department', T, async () => {
		const body = { kind: 'own_normative', title: '抚顺市食品经营许可审查细则', change: '将审批主体调整为开发区管委会', procedure: '合法性审查后以部门文件修订印发', target_date: h.day(-5), status: 'planned' };
		let r = await c.market1.post('/api/rule-adjustments', body);
		assert.equal(r.status, 201, r.text);
		const rule = r.json.id;
		r = await c.market1.post('/api/rule-adjustments', { ...body, title: '抚顺市市场主体登记管理办法', target_date: h.day(60), status: 'in_progress' });
		assert.equal(r.status, 201, r.text);
		assert.deepEqual(await counts('rule_listed'), { office1: 2 });
		assert.deepEqual((await told('office1', 'rule_listed')).reverse()[0], [
			`市市场监管局列入需调整的规定：抚顺市食品经营许可审查细则，目标日期${h.day(-5)}`, '/power-affairs?tab=rules', 'rule_adjustment',
		]);

		const overdue = (n) => ['逾期未完成的规则调整', n, 'danger', '/power-affairs?tab=rules&rule_overdue=1', null];
		assert.deepEqual(tile((await todos('office1')).rules_overdue), overdue(1));
		assert.deepEqual(tile((await todos('market1')).rules_overdue), overdue(1));
		assert.equal((await c.market1.get('/api/rule-adjustments?overdue=1')).json.total, 1);
		// a department that lists none, zones and counties: no tile
		for (const who of ['fin1', 'zone1', 'county1', 'auditor1']) assert.equal((await todos(who)).rules_overdue, undefined, who);

		// other changes tell nobody; refused ones neither; done tells the office once
		assert.equal((await c.market1.put(`/api/rule-adjustments/${rule}`, { ...body, status: 'in_progress' })).status, 200);
		h.assertError(await c.market1.put(`/api/rule-adjustments/${rule}`, { ...body, status: 'done' }), 400, 'missing_field', '/result_document');
		h.assertError(await c.fin1.put(`/api/rule-adjustments/${rule}`, { ...body, status: 'done', result_document: '抚市监规〔2026〕1号' }), 404, 'not_found');
		assert.deepEqual(await counts('rule_done'), {});
		const done = { ...body, status: 'done', result_document: '抚市监规〔2026〕1号' };
		assert.equal((await c.market1.put(`/api/rule-adjustments/${rule}`, done)).status, 200);
		assert.equal((await c.market1.put(`/api/rule-adjustments/${rule}`, { ...done, provision: '第十二条' })).status, 200);
		assert.deepEqual(await counts('rule_done'), { office1: 1 });
		assert.deepEqual(await told('office1', 'rule_done'), [
			['市市场监管局已完成规定调整：抚顺市食品经营许可审查细则，形成文件：抚市监规〔2026〕1号', '/power-affairs?tab=rules', 'rule_adjustment'],
		]);
		assert.deepEqual(await counts('rule_listed'), { office1: 2 });
		assert.deepEqual(tile((await todos('office1')).rules_overdue), overdue(0));
		assert.deepEqual(tile((await todos('market1')).rules_overdue), overdue(0));
	});

	test('a building let or sold is not let or sold again: its other matches end only as 未达成', T, async () => {
		let r = await c.zone1.post('/api/land/buildings', { zone_id: zone, kind: 'factory', name: '原示例纺织厂2号厂房', area_m2: '100', owner: '抚顺示例纺织有限公司', vacant_since: h.day(-200) });
		assert.equal(r.status, 201, r.text);
		const b = r.json.building.id;
		const match = async (name) => {
			const x = await c.zone1.post(`/api/land/buildings/${b}/matches`, { enterprise_name: name, need_m2: '60' });
			assert.equal(x.status, 201, x.text);
			return x.json.matches[0].id;
		};
		const first = await match('甲企业');
		const second = await match('乙企业');
		assert.equal((await c.zone1.post(`/api/land/matches/${first}/close`, { outcome: 'leased', result: '已签约' })).status, 200);
		const reuses = async () => (await c.auditor1.get(`/api/audit?entity_type=idle_building&entity_id=${b}`)).json.items.filter((x) => x.action === 'reuse').length;
		assert.equal(await reuses(), 1);
		for (const outcome of ['sold', 'leased']) {
			r = h.assertError(await c.zone1.post(`/api/land/matches/${second}/close`, { outcome, result: '也签约' }), 409, 'invalid_state');
			assert.match(r.json.error.message, /已租赁或出售/);
		}
		assert.equal(await reuses(), 1);
		r = await c.zone1.post(`/api/land/matches/${second}/close`, { outcome: 'declined', result: '楼宇已租出' });
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(r.json.matches.map((m) => [m.id, m.outcome]).sort(), [[first, 'leased'], [second, 'declined']].sort());
	});
});
