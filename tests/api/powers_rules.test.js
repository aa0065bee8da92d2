'use strict';
// powers_rules.test.js - the powers module's rules on what a zone's list records (DECISIONS
// 318–322): 下放了用不上 counted from the day a power came into use, not from its 生效日期;
// monthly case figures only of months the power was in effect and in use, and ratings no more
// than the cases done; guidance only on a power delegated and not in the future; 事项编码 one
// code whatever the letters' case; a zone refused a department's step told it is the
// department's. Its own server: the months and dates here are today's, not powers.test.js's.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');
const { writeXlsx } = require('./xlsx');

const T = { timeout: h.STEP_TIMEOUT };
const USERS = [
	...h.DEFAULT_USERS,
	{ username: 'market1', org: '市市场监管局', role: 'department' },
	{ username: 'land1', org: '市自然资源局', role: 'department' },
	{ username: 'shuncheng1', org: '顺城区', role: 'county' },
];
const CASES = ['事项编码', '开发区', '月份', '受理件数', '办结件数', '按时办结件数', '平均办理时长（工作日）', '好评数', '差评数'];
const POWERS = ['事项编码', '事项名称', '事项类型', '实施部门', '设定依据', '法定时限（工作日）', '承诺时限（工作日）', '容缺受理', '告知承诺制'];

/** The month of a YYYY-MM-DD day plus n months, as YYYY-MM. */
function monthOf(day, n = 0) {
	const [y, m] = day.split('-').map(Number);
	const k = y * 12 + (m - 1) + n;
	return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
}

describe('powers: what a zone’s list records', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, ids, econ;
	const p = {};
	const today = h.day();
	const thisMonth = monthOf(today);

	before(async () => {
		srv = await h.startServer({ users: USERS });
		c = await h.loginAll(srv, ['admin', 'office1', 'zone1', 'zone2', 'auditor1', 'market1', 'land1', 'shuncheng1']);
		ids = await h.orgIds(c.admin);
		econ = ids[h.ORG.econ];
		for (const org of ['市市场监管局', '市自然资源局']) {
			const r = await c.office1.post('/api/capabilities/grants', { org_id: ids[org], capability: 'delegate_power' });
			assert.equal(r.status, 201, r.text);
		}
		const entry = (code, name) => ({ code, name, kind: 'licensing', legal_basis: '《中华人民共和国食品安全法》第三十五条', statutory_days: 20, promised_days: 10, accept_incomplete: false, notify_commit: false });
		for (const [k, code, name] of [['food', '3704210001', '食品经营许可'], ['drug', '3704210004', '药品零售企业经营许可'], ['ad', '3704210006', '广告审查'], ['equip', '3704210002', '特种设备使用登记']]) {
			const r = await c.market1.post('/api/powers', entry(code, name));
			assert.equal(r.status, 201, r.text);
			p[k] = r.json;
		}
	});

	after(async () => {
		if (srv) await srv.close();
	});

	const step = (who, id, body) => c[who].post(`/api/power-delegations/${id}/steps`, body);
	const plan = async (power, zone = econ) => {
		const r = await c.market1.post('/api/power-delegations', { action: 'plan', power_id: power.id, zone_org_id: zone });
		assert.equal(r.status, 201, r.text);
		return r.json;
	};
	const delegate = async (id, effective) => {
		const r = await step('market1', id, { action: 'delegate', mode: 'direct', document: '抚市监发〔2025〕12号', effective_from: effective });
		assert.equal(r.status, 200, r.text);
	};
	const accept = async (id) => {
		const r = await step('zone1', id, { action: 'accept', service_place: '经开区政务服务中心' });
		assert.equal(r.status, 200, r.text);
		return r.json;
	};
	const figures = async (id, q) => {
		const r = await c.market1.get(`/api/power-evaluations/figures?${q}`);
		assert.equal(r.status, 200, r.text);
		return r.json.items.find((x) => x.delegation_id === id);
	};
	const month = (who, id, body) => c[who].post(`/api/power-delegations/${id}/months`, { received: 1, done: 1, done_in_time: 1, days_x100: 100, good: 1, bad: 0, ...body });

	test('下放了用不上 counts from the day the zone took the power on, not from its 生效日期', T, async () => {
		// in effect since March 2025, accepted only today, no case yet
		const d = await plan(p.food);
		await delegate(d.id, '2025-03-01');
		const accepted = await accept(d.id);
		assert.equal(accepted.taken_on, today);
		assert.equal(accepted.effective_from, '2025-03-01');
		// two months without a case would make it idle if counted from March 2025; it has been
		// in use one month (this one): not 下放了用不上, nothing suggests revoking it
		let f = await figures(d.id, `from=${monthOf(today, -1)}&to=${thisMonth}&idle_months=2`);
		assert.equal(f.figures.idle, false);
		assert.equal(f.figures.suggested, 'good');
		f = await figures(d.id, `from=${thisMonth}&to=${thisMonth}&idle_months=1`);
		assert.equal(f.figures.idle, true); // one month in use without a case is one month
		// a recorded evaluation computes the same
		let r = await c.market1.post(`/api/power-delegations/${d.id}/evaluations`, { period_from: monthOf(today, -1), period_to: thisMonth, idle_months: 2, result: 'good', reason: '刚承接' });
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.figures.idle, false);
		// the acting arrangement puts a power in use for the zone too, from its day
		const e = await plan(p.equip);
		await delegate(e.id, '2025-03-01');
		assert.equal((await step('zone1', e.id, { action: 'not_ready', note: '人员未到位' })).status, 200);
		r = await step('market1', e.id, { action: 'act', mode: 'stationed', acting_by: '市市场监管局派驻窗口', acting_until: '2099-12-31' });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.taken_on, today);
		assert.equal((await figures(e.id, `from=${monthOf(today, -1)}&to=${thisMonth}&idle_months=2`)).figures.idle, false);
		// withdrawn and planned again: a fresh start, not in use
		assert.equal((await step('market1', e.id, { action: 'revoke', note: '调整' })).status, 200);
		r = await c.market1.post('/api/power-delegations', { action: 'plan', power_id: p.equip.id, zone_org_id: econ });
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.taken_on, null);
		// the audit record of the step carries the day
		const a = await c.auditor1.get(`/api/audit?entity_type=power_delegation&entity_id=${d.id}&page_size=1`);
		assert.equal(a.json.items[0].action, 'accept');
		assert.equal(a.json.items[0].after.taken_on, today);
		assert.equal(a.json.items[0].before.taken_on, null);

		// migration 0112 gives a power in use already the day of its last accept (or act) step in
		// the audit log: undone and applied again, the day is today's, the zone's acceptance
		await h.sqlOk(srv.db, "UPDATE power_delegation SET taken_on = NULL; ALTER TABLE power_delegation DROP COLUMN taken_on; DELETE FROM schema_migration WHERE version = 112");
		assert.match((await h.kfqOk(['migrate', '--db', srv.db])).stdout, /applied 1 migration/);
		assert.equal((await c.zone1.get(`/api/power-delegations/${d.id}`)).json.taken_on, today);
		assert.equal((await c.zone1.get(`/api/power-delegations/${e.id}`)).json.taken_on, null); // planned
		assert.equal((await figures(d.id, `from=${monthOf(today, -1)}&to=${thisMonth}&idle_months=2`)).figures.idle, false);
	});

	test('monthly figures: only of a power in use, from the month it took effect to this one, ratings within the cases done', T, async () => {
		const upload = (who, buf) => c[who].post(`/api/imports/power_cases?name=${encodeURIComponent('cases.xlsx')}`, buf, { raw: true, contentType: 'application/octet-stream' });
		const d = await plan(p.drug);
		let r = await month('zone1', d.id, { month: '2025-03' });
		h.assertError(r, 409, 'invalid_state');
		assert.equal(r.json.error.message, '该事项尚未下放，没有办件数据');
		await delegate(d.id, '2025-03-01');
		// delegated but not accepted, nor acted for: nobody handled a case of it yet
		r = h.assertError(await month('zone1', d.id, { month: '2025-03' }), 409, 'invalid_state');
		assert.equal(r.json.error.message, '该事项尚未承接，也未安排代办，还没有办件数据');
		await accept(d.id);
		// a month before the one it took effect in
		r = h.assertError(await month('zone1', d.id, { month: '2025-02' }), 400, 'invalid_value', '/month');
		assert.equal(r.json.error.message, '该事项自2025-03-01起生效，不能填报此前月份的办件数据');
		r = h.assertError(await month('market1', d.id, { month: '2024-12' }), 400, 'invalid_value', '/month');
		// a month still to come
		r = h.assertError(await month('zone1', d.id, { month: monthOf(today, 1) }), 400, 'invalid_value', '/month');
		assert.equal(r.json.error.message, '不能填报未来月份的数据');
		// more ratings than cases done: 2 good and 1 bad of 2 done
		r = h.assertError(await month('zone1', d.id, { month: '2025-03', received: 3, done: 2, done_in_time: 2, good: 2, bad: 1 }), 400, 'invalid_value', '/bad');
		assert.equal(r.json.error.message, '好评数与差评数之和不能超过办结件数');
		// the first month it was in effect, and this month, are recorded
		for (const m of ['2025-03', thisMonth]) {
			r = await month('zone1', d.id, { month: m, received: 3, done: 2, done_in_time: 2, good: 1, bad: 1 });
			assert.equal(r.status, 200, r.text);
		}
		// the zone's spreadsheet is held to the same rules, every bad row named
		const code = p.drug.code;
		r = await upload('zone1', writeXlsx([
			CASES,
			[code, h.ORG.econ, '2025-02', 1, 1, 1, 1, 1, 0],
			[code, h.ORG.econ, monthOf(today, 1), 1, 1, 1, 1, 1, 0],
			[code, h.ORG.econ, '2025-04', 3, 2, 2, 1, 2, 1],
			[code, h.ORG.econ, '2025-05', 3, 2, 2, 1, 1, 1],
		]));
		h.assertError(r, 422, 'import_rejected');
		assert.deepEqual(r.json.import.problems.map((x) => [x.row, x.column, x.message]), [
			[2, '月份', '该事项自2025-03-01起生效，不能填报此前月份的办件数据'],
			[3, '月份', '不能填报未来月份的数据'],
			[4, null, '好评数与差评数之和不能超过办结件数'],
		]);
		// 收回: no figures any more, on the page or in a file
		assert.equal((await step('market1', d.id, { action: 'revoke', note: '调整为市级统一办理' })).status, 200);
		r = h.assertError(await month('zone1', d.id, { month: '2025-04' }), 409, 'invalid_state');
		assert.equal(r.json.error.message, '该事项已收回，不能再填报办件数据');
		h.assertError(await month('market1', d.id, { month: '2025-04' }), 409, 'invalid_state');
		r = await upload('zone1', writeXlsx([CASES, [code, h.ORG.econ, '2025-05', 3, 2, 2, 1, 1, 1]]));
		h.assertError(r, 422, 'import_rejected');
		assert.deepEqual(r.json.import.problems.map((x) => [x.row, x.column, x.message]), [[2, '事项编码', `事项“${code}”已收回，不能再填报办件数据`]]);
		assert.deepEqual((await c.zone1.get(`/api/power-delegations/${d.id}/months`)).json.items.map((x) => x.month), ['2025-03', thisMonth]);
		// delegated again from this month: its figures are of this delegation's months only, the
		// earlier delegation's March (3 received) stays on the list but counts no more
		const again = await plan(p.drug);
		assert.equal(again.id, d.id);
		await delegate(d.id, `${thisMonth}-01`);
		await accept(d.id);
		const f = await figures(d.id, `from=2025-01&to=${thisMonth}`);
		assert.deepEqual([f.figures.received, f.figures.done, f.figures.good, f.figures.bad], [3, 2, 1, 1]);
	});

	test('guidance: on a power delegated to the zone, of a day that has been', T, async () => {
		const guide = (id, body) => c.market1.post(`/api/power-delegations/${id}/guidance`, { kind: 'training', held_on: today, content: '审查要点培训', participants: 5, ...body });
		const d = await plan(p.ad);
		// 拟下放: not delegated yet, the zone holds nothing to be guided on
		let r = h.assertError(await guide(d.id), 409, 'invalid_state');
		assert.equal(r.json.error.message, '该事项尚未下放给开发区，不能登记培训指导');
		await delegate(d.id, monthOf(today, 1) + '-01');
		// delegated, to take effect next month: training before the hand-over is the point
		r = await guide(d.id, { held_on: h.day(-1) });
		assert.equal(r.status, 201, r.text);
		// a day still to come
		r = h.assertError(await guide(d.id, { held_on: h.day(1) }), 400, 'invalid_value', '/held_on');
		assert.equal(r.json.error.message, '培训指导的日期不能晚于今天');
		r = await guide(d.id, { held_on: today, kind: 'guidance' });
		assert.equal(r.status, 201, r.text);
		// 收回: nothing more
		assert.equal((await step('market1', d.id, { action: 'revoke', note: '调整' })).status, 200);
		r = h.assertError(await guide(d.id, { held_on: today }), 409, 'invalid_state');
		assert.equal(r.json.error.message, '该事项已收回，不能再登记培训指导');
		assert.deepEqual((await c.zone1.get(`/api/power-delegations/${d.id}/guidance`)).json.items.map((x) => [x.held_on, x.kind]), [[today, 'guidance'], [h.day(-1), 'training']]);
	});

	test('事项编码: one code whatever the letters’ case, in capitals from the form, the import and the migration', T, async () => {
		const entry = (code, name = '食品生产许可') => ({ code, name, kind: 'licensing', legal_basis: '《中华人民共和国食品安全法》第三十五条', statutory_days: 20, promised_days: 10 });
		const upload = (who, kind, buf) => c[who].post(`/api/imports/${kind}?name=${encodeURIComponent(`${kind}.xlsx`)}`, buf, { raw: true, contentType: 'application/octet-stream' });
		let r = await c.market1.post('/api/powers', entry('2104-scjg-009'));
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.code, '2104-SCJG-009');
		const made = r.json;
		// the same code in other letters, or in full-width forms, is the same code
		for (const [who, code] of [['market1', '2104-SCJG-009'], ['land1', '2104-Scjg-009'], ['market1', '２１０４－ｓｃｊｇ－００９']]) {
			r = h.assertError(await c[who].post('/api/powers', entry(code, '另一事项')), 409, 'code_taken', '/code');
			assert.equal(r.json.error.message, '事项编码“2104-SCJG-009”已被其他事项使用（事项编码不区分大小写）');
		}
		h.assertError(await c.market1.put(`/api/powers/${p.food.id}`, entry('2104-scjg-009', '食品经营许可')), 409, 'code_taken', '/code');
		// an entry saved again under its own code in small letters keeps it
		r = await c.market1.put(`/api/powers/${made.id}`, entry('2104-scjg-009', '食品生产许可（含保健食品）'));
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.code, '2104-SCJG-009');
		// the catalogue's import: a code in the catalogue, and twice in one file, whatever the case
		r = await upload('market1', 'powers', writeXlsx([
			POWERS,
			['2104-scjg-009', '重复', '行政许可', '市市场监管局', 'x', 20, 10, '否', '否'],
			['2104-scjg-010', '甲', '行政许可', '市市场监管局', 'x', 20, 10, '否', '否'],
			['2104-SCJG-010', '乙', '行政许可', '市市场监管局', 'x', 20, 10, '否', '否'],
		]));
		h.assertError(r, 422, 'import_rejected');
		assert.deepEqual(r.json.import.problems.map((x) => [x.row, x.column, x.message]).slice(0, 1), [[2, '事项编码', '事项编码“2104-SCJG-009”已存在']]);
		assert.equal(r.json.import.problems.length, 2);
		assert.equal(r.json.import.problems[1].row, 4); // the second 2104-SCJG-010
		r = await upload('market1', 'powers', writeXlsx([POWERS, ['2104-scjg-010', '甲', '行政许可', '市市场监管局', 'x', 20, 10, '否', '否']]));
		assert.equal(r.status, 201, r.text);
		assert.deepEqual((await c.market1.get('/api/powers?q=SCJG-010')).json.items.map((x) => x.code), ['2104-SCJG-010']);
		// a search finds a code whatever the case typed, on both databases
		assert.deepEqual((await c.market1.get('/api/powers?q=scjg-010')).json.items.map((x) => x.code), ['2104-SCJG-010']);
		// the month import finds a power by its code in any case
		const d = await plan(made);
		await delegate(d.id, '2025-03-01');
		await accept(d.id);
		r = await upload('zone1', 'power_cases', writeXlsx([CASES, ['2104-scjg-009', h.ORG.econ, '2025-04', 2, 2, 2, 1, 1, 0]]));
		assert.equal(r.status, 201, r.text);

		// migration 0112 makes the codes kept so far capitals, but for an entry whose code another
		// holds in other letters: both stay, and the unique constraint with them
		const dept = ids['市市场监管局'];
		const row = (code, name) => `(${dept}, '${code}', '${name}', 'licensing', 'x', 20, 10, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')`;
		await h.sqlOk(srv.db, `INSERT INTO power_item (dept_org_id, code, name, kind, legal_basis, statutory_days, promised_days, created_at, updated_at) VALUES ${row('zz-0001', '旧甲')}, ${row('yy-0001', '旧乙')}, ${row('YY-0001', '旧丙')}, ${row('Xx-0001', '旧丁')}; ALTER TABLE power_delegation DROP COLUMN taken_on; DELETE FROM schema_migration WHERE version = 112`);
		assert.match((await h.kfqOk(['migrate', '--db', srv.db])).stdout, /applied 1 migration/);
		const codes = (await c.market1.get(`/api/powers?dept_org_id=${dept}&page_size=100`)).json.items.map((x) => x.code).filter((x) => x.endsWith('-0001')).sort();
		assert.deepEqual(codes, ['XX-0001', 'YY-0001', 'ZZ-0001', 'yy-0001']);
		// the twin in small letters cannot be saved under its code: its department gives it another
		const twin = (await c.market1.get('/api/powers?q=yy-0001')).json.items.find((x) => x.code === 'yy-0001');
		r = h.assertError(await c.market1.put(`/api/powers/${twin.id}`, entry('yy-0001', '旧乙')), 409, 'code_taken', '/code');
		assert.equal(r.json.error.message, '事项编码“YY-0001”已被其他事项使用（事项编码不区分大小写）');
		r = await c.market1.put(`/api/powers/${twin.id}`, entry('yy-0002', '旧乙'));
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.code, 'YY-0002');
	});

	test('a zone refused a department’s step is told the step is the department’s, not to ask for a capability', T, async () => {
		const said = (r) => {
			h.assertError(r, 403, 'forbidden');
			return r.json.error.message;
		};
		const d = (await c.market1.get(`/api/power-delegations?power_id=${p.equip.id}&zone_org_id=${econ}`)).json.items[0];
		assert.equal(d.status, 'planned');
		assert.equal(said(await c.zone1.post('/api/power-delegations', { action: 'plan', power_id: p.food.id, zone_org_id: econ })), '“拟下放”由该事项的主管部门（市市场监管局）办理，开发区不能办理');
		assert.equal(said(await step('zone1', d.id, { action: 'delegate', mode: 'direct', document: 'x', effective_from: '2025-03-01' })), '“下放”由该事项的主管部门（市市场监管局）办理，开发区不能办理');
		assert.equal(said(await step('zone1', d.id, { action: 'revoke', note: 'x' })), '“收回”由该事项的主管部门（市市场监管局）办理，开发区不能办理');
		assert.equal(said(await c.zone1.post(`/api/power-delegations/${d.id}/guidance`, { kind: 'training', held_on: today, content: 'x' })), '培训指导由该事项的主管部门（市市场监管局）办理，开发区不能办理');
		assert.equal(said(await c.zone1.post(`/api/power-delegations/${d.id}/evaluations`, { period_from: thisMonth, period_to: thisMonth, result: 'good', reason: 'x' })), '评估由该事项的主管部门（市市场监管局）办理，开发区不能办理');
		assert.equal(said(await c.zone1.post('/api/powers', { code: 'X-1', name: 'x', kind: 'licensing', legal_basis: 'x', statutory_days: 1, promised_days: 1 })), '权力事项的新增和修改由各主管部门办理，开发区不能办理');
		// the zone's county likewise
		assert.equal(said(await step('shuncheng1', d.id, { action: 'delegate', mode: 'direct', document: 'x', effective_from: '2025-03-01' })), '“下放”由该事项的主管部门（市市场监管局）办理，县区不能办理');
		// the office, which may be granted the capability, is still told of it
		h.assertError(await step('office1', d.id, { action: 'delegate', mode: 'direct', document: 'x', effective_from: '2025-03-01' }), 403, 'capability_required');
	});
});
