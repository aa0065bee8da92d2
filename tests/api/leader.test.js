'use strict';
// leader.test.js - art. 15 for 市委组织部: a zone leader's 优先提拔使用 only against the zone's
// 优秀 of that year, 及时调整 only against its 较差, 不予调整 only against a 容错免责 case that
// forgave that person with that effect; only a holder of record_leader_action records, never
// the office; each county's view lists the zones it hosts with their grades over the years and
// their leaders' records, within scope.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

const T = { timeout: h.STEP_TIMEOUT };
const YEAR = Number(h.day(0).slice(0, 4));

function idNumber(first17) {
	const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
	const sum = [...first17].reduce((s, d, i) => s + Number(d) * w[i], 0);
	return first17 + '10X98765432'[sum % 11];
}

const USERS = [
	...h.DEFAULT_USERS,
	{ username: 'zuzhi1', org: '市委组织部', role: 'department' },
	{ username: 'fagai1', org: '市发改委', role: 'department' },
	{ username: 'bianban1', org: '市委编办', role: 'department' },
	{ username: 'county2', org: h.ORG.shuncheng, role: 'county' },
];

describe('奖优罚劣 (art. 15)', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, org, leader, staff;
	const record = (who, over = {}) =>
		c[who].post('/api/leader-actions', { org_id: org[h.ORG.econ], person_id: leader, kind: 'promote', year: YEAR - 1, basis: '考核结果优秀，担当作为', ...over });

	before(async () => {
		srv = await h.startServer({ users: USERS });
		c = await h.loginAll(srv, ['office1', 'zone1', 'county1', 'county2', 'super1', 'zuzhi1', 'fagai1', 'bianban1']);
		org = await h.orgIds(c.office1);
		for (const [name, cap] of [['市委组织部', 'record_leader_action'], ['市委编办', 'approve_staffing']]) {
			const r = await c.office1.post('/api/capabilities/grants', { org_id: org[name], capability: cap });
			assert.equal(r.status, 201, r.text);
		}
		let r = await c.bianban1.put('/api/staffing', {
			org_id: org[h.ORG.econ], year: YEAR - 1, admin_slots: 3, inst_slots: 2, bodies: 1, leaders: 1, quota: 5, doc_no: `抚编发〔${YEAR - 1}〕3号`,
		});
		assert.equal(r.status, 200, r.text);
		r = await c.bianban1.post('/api/posts', { org_id: org[h.ORG.econ], name: '管委会主任', grade: '正处级', leader: true });
		assert.equal(r.status, 201, r.text);
		const post = r.json.id;
		const add = async (name, i, over) => {
			const p = await c.zone1.post('/api/people', {
				name, id_number: idNumber(`21040219750${i}1${i}45${i}`), identity: 'civil_servant', appointment: 'appointed', start_date: `${YEAR - 2}-03-01`, ...over,
			});
			assert.equal(p.status, 201, p.text);
			return p.json.id;
		};
		leader = await add('赵主任', 1, { post_id: post });
		staff = await add('钱科员', 2, {});
		r = await c.office1.put('/api/pay/grades', { year: YEAR - 1, org_id: org[h.ORG.econ], grade: 'excellent' });
		assert.equal(r.status, 200, r.text);
	});
	after(async () => {
		if (srv) await srv.close();
	});

	test('a promotion stands on the zone\'s 优秀 of the year', T, async () => {
		let r = await record('zuzhi1', { kind: 'adjust' });
		h.assertError(r, 409, 'adjust_grade');
		assert.match(r.json.error.message, /第15条/);
		r = await record('zuzhi1', { year: YEAR - 2 });
		h.assertError(r, 409, 'no_grade');
		r = await record('zuzhi1', { person_id: staff });
		h.assertError(r, 409, 'not_leader');
		r = await record('zuzhi1', { org_id: org[h.ORG.shengli] });
		h.assertError(r, 400, 'invalid_value', '/person_id');
		r = await record('zuzhi1', { kind: 'kept' });
		h.assertError(r, 400, 'invalid_value', '/fault_case_id');
		r = await record('office1');
		assert.equal(r.status, 403);
		r = await record('fagai1');
		h.assertError(r, 403, 'capability_required');
		r = await record('zuzhi1', { doc_no: '抚组干〔2026〕5号' });
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.grade, 'excellent');
		assert.equal(r.json.person_name, '赵主任');
		assert.equal(r.json.recorded_org_name, '市委组织部');
	});

	test('a leader kept stands on a case that forgave that person, for the year it names', T, async () => {
		let r = await record('zuzhi1', { kind: 'kept', fault_case_id: 999999 });
		h.assertError(r, 409, 'kept_case');
		// a case decided (as fault.test.js decides one) that keeps 赵主任 for YEAR - 1's assessment
		const id = await h.sqlOk(
			srv.db,
			`INSERT INTO fault_case (title, subject_kind, org_id, person_id, happened, source_decision, status, decision, reason, effect, effect_year, created_at, updated_at)
			 VALUES ('试点未达预期', 'person', ${org[h.ORG.econ]}, ${leader}, '经过', '决策', 'decided', 'exempt', '符合条件', 'leader_kept', ${YEAR - 1}, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z') RETURNING id;`,
		);
		r = await record('zuzhi1', { kind: 'kept', fault_case_id: Number(id), year: YEAR - 2 });
		h.assertError(r, 409, 'kept_case');
		r = await record('zuzhi1', { kind: 'kept', fault_case_id: Number(id) });
		assert.equal(r.status, 201, r.text);
		// the same record again (kind, person, year) is refused: one record, one inbox item
		r = await record('zuzhi1', { kind: 'kept', fault_case_id: Number(id) });
		h.assertError(r, 409, 'duplicate');
		assert.match(r.json.error.message, /已有/);
		r = await record('zuzhi1', { doc_no: '抚组干〔2026〕6号' });
		h.assertError(r, 409, 'duplicate');
		// kept that year, the same person is not also to be adjusted: the two contradict
		r = await record('zuzhi1', { kind: 'adjust' });
		h.assertError(r, 409, 'conflict');
		assert.equal(r.json.error.message, '该人员该年度已有相反的记录：及时调整与不予调整不能同时记录');
	});

	test('the county\'s view: its zones, their grades over the years, their leaders\' records', T, async () => {
		let r = await c.zuzhi1.get(`/api/counties/${org[h.ORG.shuncheng]}/view?from=${YEAR - 2}&to=${YEAR}`);
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.county_name, h.ORG.shuncheng);
		const econ = r.json.zones.find((z) => z.name === h.ORG.econ);
		assert.ok(econ, r.text);
		assert.deepEqual(econ.grades, [
			{ grade: null, year: YEAR - 2 },
			{ grade: 'excellent', year: YEAR - 1 },
			{ grade: null, year: YEAR },
		]);
		assert.deepEqual(econ.actions.map((a) => [a.kind, a.person_name, a.year]).sort(), [['kept', '赵主任', YEAR - 1], ['promote', '赵主任', YEAR - 1]]);
		r = await c.county2.get(`/api/counties/${org[h.ORG.shuncheng]}/view?from=${YEAR - 2}&to=${YEAR}`);
		assert.equal(r.status, 200, r.text);
		r = await c.county1.get(`/api/counties/${org[h.ORG.shuncheng]}/view`);
		h.assertError(r, 404, 'not_found');
		r = await c.zone1.get(`/api/counties/${org[h.ORG.shuncheng]}/view`);
		h.assertError(r, 404, 'not_found');
		r = await c.zuzhi1.get(`/api/counties/${org[h.ORG.econ]}/view`);
		h.assertError(r, 404, 'not_found');
		r = await c.zuzhi1.get(`/api/counties/${org[h.ORG.shuncheng]}/view?from=${YEAR}&to=${YEAR - 1}`);
		h.assertError(r, 400, 'invalid_parameter', 'from');
	});

	test('records are listed within scope and exported', T, async () => {
		let r = await c.county1.get('/api/leader-actions');
		assert.equal(r.json.total, 0);
		r = await c.super1.get(`/api/leader-actions?county_id=${org[h.ORG.shuncheng]}`);
		assert.equal(r.json.total, 2);
		r = await c.zuzhi1.get('/api/leader-actions/export.xlsx');
		assert.equal(r.status, 200);
		assert.equal(h.xlsxRows(r.buf), 3);
		assert.match(h.xlsxText(r.buf), /优先提拔使用/);
		r = await c.super1.get('/api/audit?entity_type=leader_action');
		assert.deepEqual(r.json.items.map((x) => x.action), ['create', 'create']);
	});
});
