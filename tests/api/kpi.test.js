'use strict';
// kpi.test.js - the zones' internal KPIs (art. 14), worked by hand: the office sets the year's
// least weights of 招商引资, 项目建设 and 产业发展; a zone's scheme below them, or whose weights
// do not add up to 100, is refused naming the rule; the zone scores its staff (only people on
// its roster that year) and departments; each person's total and the share of the zone's
// performance-pay pool it gives, to the fen, feed the distribution plan.

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

const USERS = [...h.DEFAULT_USERS, { username: 'bianban1', org: '市委编办', role: 'department' }];
const STAFF = [
	{ name: '招商指标', category: 'investment', weight: 30 },
	{ name: '项目落地', category: 'project', weight: 25 },
	{ name: '产业培育', category: 'industry', weight: 20 },
	{ name: '日常工作', category: 'other', weight: 25 },
];

describe('internal KPIs', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, org, people = {}, scheme;

	before(async () => {
		srv = await h.startServer({ users: USERS });
		c = await h.loginAll(srv, ['office1', 'zone1', 'zone2', 'bianban1', 'super1']);
		org = await h.orgIds(c.office1);
		let r = await c.office1.post('/api/capabilities/grants', { org_id: org['市委编办'], capability: 'approve_staffing' });
		assert.equal(r.status, 201, r.text);
		r = await c.bianban1.put('/api/staffing', {
			org_id: org[h.ORG.econ], year: YEAR, admin_slots: 2, inst_slots: 1, bodies: 1, leaders: 1, quota: 3, doc_no: `抚编发〔${YEAR}〕9号`,
		});
		assert.equal(r.status, 200, r.text);
		for (const [i, name] of ['甲', '乙'].entries()) {
			r = await c.zone1.post('/api/people', {
				name, id_number: idNumber(`21040219900${i + 1}0${i + 1}23${i + 1}`), identity: 'contract', appointment: 'hired', start_date: `${YEAR}-01-01`,
			});
			assert.equal(r.status, 201, r.text);
			people[name] = r.json.id;
		}
		// 丙 left on 1 January, the first day gone: not on the roster at any time in the year
		r = await c.zone1.post('/api/people', {
			name: '丙', id_number: idNumber('21040219900303023'), identity: 'contract', appointment: 'hired', start_date: '2020-01-01',
		});
		assert.equal(r.status, 201, r.text);
		people['丙'] = r.json.id;
		r = await c.zone1.post(`/api/people/${people['丙']}/end`, { kind: 'left', date: `${YEAR}-01-01` });
		assert.equal(r.status, 200, r.text);
		// pool: N = 2, R ¥80,000.00, 良好 1.5: ¥240,000.00
		r = await c.office1.put('/api/pay/levels', { year: YEAR, ref_salary_fen: 6000000, r_fen: 8000000 });
		assert.equal(r.status, 200, r.text);
		r = await c.office1.put('/api/pay/coefficients', { year: YEAR, grade: 'good', coef_bp: 15000 });
		assert.equal(r.status, 200, r.text);
		r = await c.office1.put('/api/pay/grades', { year: YEAR, org_id: org[h.ORG.econ], grade: 'good' });
		assert.equal(r.status, 200, r.text);
	});
	after(async () => {
		if (srv) await srv.close();
	});

	test('the office sets the least weights; a scheme below them or not adding up to 100 is refused', T, async () => {
		let r = await c.office1.get(`/api/kpi/floors?year=${YEAR}`);
		assert.deepEqual([r.json.investment_min, r.json.project_min, r.json.industry_min, r.json.set], [20, 20, 20, false]);
		h.assertError(await c.zone1.put('/api/kpi/floors', { year: YEAR, investment_min: 30, project_min: 20, industry_min: 20 }), 403, 'forbidden');
		h.assertError(await c.office1.put('/api/kpi/floors', { year: YEAR, investment_min: 40, project_min: 40, industry_min: 21 }), 400, 'kpi_bad_floor');
		r = await c.office1.put('/api/kpi/floors', { year: YEAR, investment_min: 30, project_min: 20, industry_min: 20 });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.set, true);

		const low = STAFF.map((x, i) => (i === 0 ? { ...x, weight: 25 } : i === 3 ? { ...x, weight: 30 } : x));
		h.assertError(await c.zone1.put('/api/kpi/schemes', { year: YEAR, target: 'staff', indicators: low }), 409, 'kpi_below_floor');
		const short = STAFF.map((x, i) => (i === 3 ? { ...x, weight: 24 } : x));
		h.assertError(await c.zone1.put('/api/kpi/schemes', { year: YEAR, target: 'staff', indicators: short }), 409, 'kpi_weights_not_100');
		h.assertError(await c.zone1.put('/api/kpi/schemes', { year: YEAR, target: 'staff', org_id: org[h.ORG.shengli], indicators: STAFF }), 404, 'not_found');
		h.assertError(await c.office1.put('/api/kpi/schemes', { year: YEAR, target: 'staff', org_id: org[h.ORG.econ], indicators: STAFF }), 403, 'forbidden');
		r = await c.zone1.put('/api/kpi/schemes', { year: YEAR, target: 'staff', indicators: STAFF });
		assert.equal(r.status, 200, r.text);
		scheme = r.json;
		assert.deepEqual(scheme.indicators.map((x) => [x.name, x.category, x.weight]), STAFF.map((x) => [x.name, x.category, x.weight]));
	});

	test('staff scored: each total worked by hand, and the pool split by the totals to the fen', T, async () => {
		const ind = scheme.indicators.map((x) => x.id);
		const row = (name, scores) => scores.map((score_cp, i) => ({ subject_key: String(people[name]), subject_name: name, indicator_id: ind[i], score_cp }));
		// 甲: 30 × 90.00 + 25 × 80.00 + 20 × 70.50 + 25 × 100.00 = 86.10; 乙: 70.00 everywhere
		// (乙 sent under another name: a person scored is named as the roster names them)
		const scores = [...row('甲', [9000, 8000, 7050, 10000]), ...row('乙', [7000, 7000, 7000, 7000]).map((x) => ({ ...x, subject_name: '某某' }))];
		h.assertError(await c.zone1.put(`/api/kpi/schemes/${scheme.id}/scores`, { scores: [...scores, { subject_key: '999999', subject_name: '外人', indicator_id: ind[0], score_cp: 100 }] }), 409, 'not_in_scheme', '/scores/8');
		h.assertError(await c.zone1.put(`/api/kpi/schemes/${scheme.id}/scores`, { scores: [{ ...scores[0], score_cp: 10001 }] }), 409, 'kpi_bad_score', '/scores/0/score_cp');
		h.assertError(await c.zone1.put(`/api/kpi/schemes/${scheme.id}/scores`, { scores: [...scores, row('丙', [100])[0]] }), 409, 'not_in_scheme', '/scores/8');
		h.assertError(await c.zone2.put(`/api/kpi/schemes/${scheme.id}/scores`, { scores }), 404, 'not_found');
		let r = await c.zone1.put(`/api/kpi/schemes/${scheme.id}/scores`, { scores });
		assert.equal(r.status, 200, r.text);
		// ¥240,000.00 over 86.10 and 70.00 (156.10): 13,237,668.15… and 10,762,331.84… fen; the
		// floors leave 1 fen for the larger remainder (乙)
		assert.equal(r.json.pool_fen, 24000000);
		assert.deepEqual(r.json.subjects.map((s) => [s.name, s.scores, s.total_cp, s.perf_fen]), [
			['乙', [7000, 7000, 7000, 7000], 7000, 10762332],
			['甲', [9000, 8000, 7050, 10000], 8610, 13237668],
		]);
		// what the distribution plan takes: within the pool
		r = await c.zone1.put('/api/pay/plans', {
			year: YEAR,
			lines: r.json.subjects.map((s) => ({ person_id: Number(s.key), base_fen: 6000000, perf_fen: s.perf_fen })),
		});
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.perf_total_fen, 24000000);
		// others see it in their scope only
		assert.equal((await c.zone2.get(`/api/kpi/schemes?year=${YEAR}`)).json.total, 0);
		assert.equal((await c.super1.get(`/api/kpi/schemes?year=${YEAR}`)).json.total, 1);
	});

	test('departments scored too; every change audited', T, async () => {
		let r = await c.zone1.put('/api/kpi/schemes', { year: YEAR, target: 'department', indicators: STAFF });
		assert.equal(r.status, 200, r.text);
		const ind = r.json.indicators.map((x) => x.id);
		r = await c.zone1.put(`/api/kpi/schemes/${r.json.id}/scores`, {
			scores: [9500, 9000, 8500, 8000].map((score_cp, i) => ({ subject_key: '招商服务部', subject_name: '招商服务部', indicator_id: ind[i], score_cp })),
		});
		assert.equal(r.status, 200, r.text);
		// 30 × 95 + 25 × 90 + 20 × 85 + 25 × 80 = 28.5 + 22.5 + 17 + 20 = 88.00; no pool share
		assert.deepEqual(r.json.subjects.map((s) => [s.name, s.total_cp, s.perf_fen]), [['招商服务部', 8800, null]]);
		const log = await c.super1.get('/api/audit?entity_type=kpi_scheme&page_size=50');
		assert.deepEqual(log.json.items.map((x) => x.action).sort(), ['create', 'create', 'score', 'score']);
		const floors = await c.super1.get('/api/audit?entity_type=kpi_floor&page_size=50');
		assert.equal(floors.json.total, 1);
	});

	test('the schemes export one row per subject, with its scores, total and share, as shown', T, async () => {
		const r = await c.super1.get(`/api/kpi/schemes/export.csv?year=${YEAR}`);
		assert.equal(r.status, 200, r.text);
		const lines = r.text.replace(/^\ufeff/, '').trim().split('\r\n');
		const named = (s) => `招商指标（权重30）${s[0]}；项目落地（权重25）${s[1]}；产业培育（权重20）${s[2]}；日常工作（权重25）${s[3]}`;
		assert.deepEqual(lines, [
			'开发区,年度,考核对象,考核单元,各项得分,综合得分,绩效薪酬（元）',
			`${h.ORG.econ},${YEAR},内设机构,招商服务部,${named(['95.00', '90.00', '85.00', '80.00'])},88.00,`,
			`${h.ORG.econ},${YEAR},工作人员,乙,${named(['70.00', '70.00', '70.00', '70.00'])},70.00,107623.32`,
			`${h.ORG.econ},${YEAR},工作人员,甲,${named(['90.00', '80.00', '70.50', '100.00'])},86.10,132376.68`,
		]);
		const x = await c.zone1.get(`/api/kpi/schemes/export.xlsx?year=${YEAR}`);
		assert.equal(x.status, 200);
		assert.equal(h.xlsxRows(x.buf), 4);
		// in scope only: another zone's export is its header alone
		assert.equal((await c.zone2.get(`/api/kpi/schemes/export.csv?year=${YEAR}`)).text.trim().split('\r\n').length, 1);
	});

	test('saving the indicators again keeps the scores of every indicator kept by name', T, async () => {
		const scored = (r) => r.json.subjects.map((s) => [s.name, s.scores, s.total_cp]);
		// the same indicators: nothing lost
		let r = await c.zone1.put('/api/kpi/schemes', { year: YEAR, target: 'staff', indicators: STAFF });
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(scored(r), [['乙', [7000, 7000, 7000, 7000], 7000], ['甲', [9000, 8000, 7050, 10000], 8610]]);
		// weights moved (as the office's minimums may force): the scores stay, the totals follow;
		// 甲 35 × 90 + 25 × 80 + 20 × 70.50 + 20 × 100 = 85.60
		const moved = STAFF.map((x, i) => ({ ...x, weight: [35, 25, 20, 20][i] }));
		r = await c.zone1.put('/api/kpi/schemes', { year: YEAR, target: 'staff', indicators: moved });
		assert.deepEqual(scored(r), [['乙', [7000, 7000, 7000, 7000], 7000], ['甲', [9000, 8000, 7050, 10000], 8560]]);
		// an indicator renamed is a new one: only its scores go
		r = await c.zone1.put('/api/kpi/schemes', { year: YEAR, target: 'staff', indicators: moved.map((x, i) => (i === 3 ? { ...x, name: '日常管理' } : x)) });
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(r.json.subjects.map((s) => [s.name, s.scores.slice(0, 3)]), [['乙', [7000, 7000, 7000]], ['甲', [9000, 8000, 7050]]]);
		assert.deepEqual(r.json.scores.filter((x) => x.indicator_id === r.json.indicators[3].id), []);
	});
});
