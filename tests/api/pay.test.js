'use strict';
// pay.test.js - performance pay (art. 11, 14), every figure worked by hand in fen: the office
// sets R per government level, the coefficient per grade (above 5 refused) and each zone's
// grade; a zone's pool is N × R × coefficient with N the head-count on 31 December within the
// 员额 (secondees paid by their unit and people gone by then not counted), never above
// 5 × N × R, shown with its derivation; the zone's distribution plan is refused over the pool,
// for anyone not on its roster that year, for a 招商 incentive to a civil servant; filing
// (备案) takes effect when every organization holding ack_pay_filing has acknowledged.

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
const ids = [1, 2, 3, 4, 5, 6].map((i) => idNumber(`21040219900${i}0${i}23${i}`));

const USERS = [
	...h.DEFAULT_USERS,
	{ username: 'bianban1', org: '市委编办', role: 'department' },
	{ username: 'renshe1', org: '市人社局', role: 'department' },
	{ username: 'caizheng1', org: '市财政局', role: 'department' },
	{ username: 'keji1', org: '市科技局', role: 'department' },
];

describe('performance pay', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, org, people = {};

	const pool = async (who = 'office1') => {
		const r = await c[who].get(`/api/pay/pools?year=${YEAR}&org_id=${org[h.ORG.econ]}`);
		assert.equal(r.status, 200, r.text);
		return r.json.items[0];
	};
	const add = async (name, i, over = {}) => {
		const r = await c.zone1.post('/api/people', {
			name,
			id_number: ids[i],
			identity: 'civil_servant',
			appointment: 'appointed',
			start_date: `${YEAR}-01-01`,
			...over,
		});
		assert.equal(r.status, 201, r.text);
		people[name] = r.json.id;
	};

	before(async () => {
		srv = await h.startServer({ users: USERS });
		c = await h.loginAll(srv, ['office1', 'zone1', 'zone2', 'bianban1', 'renshe1', 'caizheng1', 'keji1', 'super1']);
		org = await h.orgIds(c.office1);
		for (const [name, cap] of [
			['市委编办', 'approve_staffing'],
			['市财政局', 'ack_pay_filing'],
			[h.ORG.commerce, 'ack_pay_filing'],
			['市科技局', 'ack_pay_filing'],
			['市人社局', 'ack_pay_filing'],
		]) {
			const r = await c.office1.post('/api/capabilities/grants', { org_id: org[name], capability: cap });
			assert.equal(r.status, 201, r.text);
		}
		const r = await c.bianban1.put('/api/staffing', {
			org_id: org[h.ORG.econ], year: YEAR, admin_slots: 2, inst_slots: 1, bodies: 1, leaders: 1, quota: 3, doc_no: `抚编发〔${YEAR}〕8号`,
		});
		assert.equal(r.status, 200, r.text);
		// on 31 December: 甲 and 乙 (paid by the zone), 丙 a secondee paid by his unit; 丁, a
		// secondee who returned today (a leaving is recorded on or after its day), and 戊, gone
		// the year before, do not count
		await add('戊', 4, { start_date: '2020-01-01' });
		let e = await c.zone1.post(`/api/people/${people['戊']}/end`, { kind: 'left', date: `${YEAR - 1}-06-30` });
		assert.equal(e.status, 200, e.text);
		await add('己', 5, { start_date: '2020-01-01' });
		e = await c.zone1.post(`/api/people/${people['己']}/end`, { kind: 'left', date: `${YEAR}-01-01` });
		assert.equal(e.status, 200, e.text);
		await add('甲', 0);
		await add('乙', 1, { identity: 'contract', appointment: 'hired' });
		await add('丁', 3, { seconded: true, seconded_from: '市发改委', secondment_start: `${YEAR}-01-01` });
		e = await c.zone1.post(`/api/people/${people['丁']}/end`, { kind: 'secondment_over', date: h.day(0) });
		assert.equal(e.status, 200, e.text);
		await add('丙', 2, { seconded: true, seconded_from: '东洲区', secondment_start: `${YEAR}-03-01`, paid_by_zone: false });
	});
	after(async () => {
		if (srv) await srv.close();
	});

	test('only the office sets the year’s figures; a coefficient above 5 is refused', T, async () => {
		h.assertError(await c.zone1.put('/api/pay/levels', { year: YEAR, ref_salary_fen: 1, r_fen: 1 }), 403, 'forbidden');
		h.assertError(await c.renshe1.put('/api/pay/coefficients', { year: YEAR, grade: 'good', coef_bp: 15000 }), 403, 'forbidden');
		h.assertError(await c.office1.put('/api/pay/coefficients', { year: YEAR, grade: 'excellent', coef_bp: 50001 }), 400, 'coefficient_over_cap', '/coef_bp');
		h.assertError(await c.office1.put('/api/pay/coefficients', { year: YEAR, grade: 'best', coef_bp: 10000 }), 400, 'invalid_value', '/grade');
		h.assertError(await c.office1.put('/api/pay/levels', { year: YEAR, level_org_id: org[h.ORG.econ], ref_salary_fen: 1, r_fen: 1 }), 400, 'invalid_value', '/level_org_id');
		h.assertError(await c.office1.put('/api/pay/grades', { year: YEAR, org_id: org['市财政局'], grade: 'good' }), 400, 'invalid_value', '/org_id');
		assert.equal((await c.office1.get(`/api/pay/coefficients?year=${YEAR}`)).json.total, 0);
		// before the figures: no pool, and the derivation says what is missing
		const p = await pool();
		assert.equal(p.pool_fen, null);
		assert.equal(p.rule, 'no_pool');
		// the head-count does not wait for the grade: 3 on the roster, 1 unpaid secondee, 员额 3
		assert.deepEqual([p.on_roster, p.counted, p.quota, p.n, p.coef_bp], [3, 2, 3, 2, null]);
		const csv = (await c.office1.get(`/api/pay/pools/export.csv?year=${YEAR}`)).text.replace(/^\ufeff/, '').trim().split('\r\n');
		const row = csv.find((l) => l.startsWith(h.ORG.econ)).split(',');
		assert.deepEqual([row[5], row[9]], ['', '2']);
		assert.deepEqual(p.derivation, ['未设定本年度同级政府全额拨款事业单位人均绩效薪酬（R）', '未设定开发区本年度考核等级']);
	});

	test('a pool under the cap, and exactly at it with coefficient 5', T, async () => {
		let r = await c.office1.put('/api/pay/levels', { year: YEAR, ref_salary_fen: 6000000, r_fen: 8000000 });
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(r.json.items.map((l) => [l.level_name, l.r_fen]), [['市本级', 8000000]]);
		for (const [grade, coef_bp] of [['excellent', 50000], ['good', 15000], ['fair', 10000], ['poor', 5000]]) {
			r = await c.office1.put('/api/pay/coefficients', { year: YEAR, grade, coef_bp });
			assert.equal(r.status, 200, r.text);
		}
		r = await c.office1.put('/api/pay/grades', { year: YEAR, org_id: org[h.ORG.econ], grade: 'good' });
		assert.equal(r.status, 200, r.text);
		// N = min(4 on the roster on 31 Dec − 1 unpaid secondee... ) worked out: 甲 乙 丙 on the
		// roster, 丙 not paid by the zone: 2 counted; 员额 3; N = 2
		// pool = 2 × ¥80,000.00 × 1.5 = ¥240,000.00; cap = 5 × 2 × ¥80,000.00 = ¥800,000.00
		let p = await pool();
		assert.deepEqual(
			[p.on_roster, p.unpaid_secondees, p.counted, p.quota, p.n, p.r_fen, p.coef_bp, p.pool_fen, p.cap_fen, p.level_name, p.grade],
			[3, 1, 2, 3, 2, 8000000, 15000, 24000000, 80000000, '市本级', 'good'],
		);
		assert.deepEqual(p.derivation, [
			'12月31日在册3人，其中派出单位发放薪酬的挂职人员1人不计，计入2人',
			`员额3人（${YEAR}年核定），N = min(2, 3) = 2`,
			'R = ￥80,000.00（市本级）',
			'系数（良好）= 1.5000',
			'总额 = N × R × 系数 = 2 × ￥80,000.00 × 1.5000 = ￥240,000.00',
			'上限 = 5 × N × R = ￥800,000.00，总额未超过上限',
		]);
		// 优秀 at 5: exactly the cap
		await c.office1.put('/api/pay/grades', { year: YEAR, org_id: org[h.ORG.econ], grade: 'excellent' });
		p = await pool();
		assert.equal(p.pool_fen, 80000000);
		assert.equal(p.pool_fen, p.cap_fen);
		// the county that hosts the zone (顺城区) has its own R: it is the zone's 同级政府
		r = await c.office1.put('/api/pay/levels', { year: YEAR, level_org_id: org[h.ORG.shuncheng], ref_salary_fen: 6500000, r_fen: 9000000 });
		assert.equal(r.status, 200, r.text);
		p = await pool();
		assert.equal(p.level_name, h.ORG.shuncheng);
		assert.equal(p.pool_fen, 90000000); // 2 × ¥90,000.00 × 5
		assert.equal(p.cap_fen, 90000000);
		await c.office1.put('/api/pay/grades', { year: YEAR, org_id: org[h.ORG.econ], grade: 'good' });
		p = await pool();
		assert.equal(p.pool_fen, 27000000); // 2 × ¥90,000.00 × 1.5
		// the zone sees its own pool, not another's
		assert.equal((await c.zone2.get(`/api/pay/pools?year=${YEAR}&org_id=${org[h.ORG.econ]}`)).json.total, 0);
		assert.equal((await pool('zone1')).pool_fen, 27000000);
		// a pool is a year's: asked without one, refused rather than rows of "year 0"
		for (const url of ['/api/pay/pools', '/api/pay/pools/export.xlsx']) h.assertError(await c.office1.get(url), 400, 'missing_parameter', 'year');
		r = await c.office1.get(`/api/pay/pools/export.xlsx?year=${YEAR}`);
		assert.equal(r.status, 200);
		const text = h.xlsxText(r.buf);
		assert.ok(text.includes('1.5000'), text.slice(0, 400));
		// R, the pool and the cap are number cells (no t="s"), so that a column can be summed
		const num = (col, v) => new RegExp(`<c r="${col}\\d+"(?![^>]*\\bt=)[^>]*><v>${v}</v></c>`);
		assert.match(text, num('E', 9000000 / 100));
		assert.match(text, num('K', 27000000 / 100));
		assert.match(text, num('L', 90000000 / 100));
		r = await c.office1.get(`/api/pay/pools/export.csv?year=${YEAR}&org_id=${org[h.ORG.econ]}`);
		assert.match(r.text, /,90000\.00,1\.5000,.*,270000\.00,900000\.00\r?\n/);
	});

	const plan = (lines) => c.zone1.put('/api/pay/plans', { year: YEAR, lines });
	const kinds = async (who) => (await c[who].get('/api/inbox')).json.items.filter((x) => x.kind.startsWith('pay_')).map((x) => x.kind);
	const good = () => [
		{ person_id: people['甲'], base_fen: 6000000, perf_fen: 13000000 },
		{ person_id: people['乙'], base_fen: 5000000, perf_fen: 14000000, incentive_fen: 2000000 },
	];

	test('a plan over the pool, for someone not on the roster, an incentive to a civil servant: refused', T, async () => {
		const over = good();
		over[1].perf_fen += 1;
		h.assertError(await plan(over), 409, 'over_pool', '/lines');
		h.assertError(await plan([...good(), { person_id: people['戊'], base_fen: 1, perf_fen: 0 }]), 409, 'not_on_roster', '/lines/2');
		h.assertError(await plan([...good(), { person_id: 999999, base_fen: 1, perf_fen: 0 }]), 409, 'not_on_roster', '/lines/2');
		// a leaving date is the first day gone, as for N (someone leaving on 31 December is not
		// counted that day): 己, gone from 1 January, was not on the roster at any time in the year
		h.assertError(await plan([...good(), { person_id: people['己'], base_fen: 1, perf_fen: 0 }]), 409, 'not_on_roster', '/lines/2');
		const civil = good();
		civil[0].incentive_fen = 100;
		h.assertError(await plan(civil), 409, 'incentive_civil_servant', '/lines/0');
		h.assertError(await plan([...good(), good()[0]]), 409, 'duplicate_person', '/lines/2');
		h.assertError(await c.zone2.put('/api/pay/plans', { year: YEAR, org_id: org[h.ORG.econ], lines: good() }), 404, 'not_found');
		assert.equal((await c.office1.get(`/api/pay/plans?year=${YEAR}`)).json.total, 0);
	});

	test('a plan exactly at the pool, filed, returned, filed again, effective when all four acknowledge', T, async () => {
		let r = await plan(good());
		assert.equal(r.status, 200, r.text);
		const id = r.json.id;
		assert.deepEqual(
			[r.json.status, r.json.pool_fen, r.json.base_total_fen, r.json.perf_total_fen, r.json.incentive_total_fen, r.json.total_fen],
			['draft', 27000000, 11000000, 27000000, 2000000, 40000000],
		);
		assert.deepEqual(r.json.lines.map((l) => l.total_fen), [19000000, 21000000]);
		h.assertError(await c.renshe1.post(`/api/pay/plans/${id}/ack`, { decision: 'ack' }), 409, 'invalid_state');
		r = await c.zone1.post(`/api/pay/plans/${id}/file`);
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.status, 'filed');
		assert.equal(r.json.pending, 4);
		// each department holding ack_pay_filing is told in its inbox
		for (const who of ['renshe1', 'caizheng1', 'keji1', 'office1']) assert.deepEqual(await kinds(who), ['pay_filed'], who);
		assert.deepEqual(await kinds('bianban1'), []);
		const filed = (await c.renshe1.get('/api/inbox')).json.items.find((x) => x.kind === 'pay_filed');
		assert.deepEqual([filed.link, filed.entity_type, filed.entity_id], [`/pay?tab=plans&year=${YEAR}`, 'pay_plan', id]);
		// 我的待办 of each organization that acknowledges, until it has; none for the others
		const ackTile = async (who) => (await c[who].get('/api/todos')).json.items.find((x) => x.key === 'pay_plans_to_ack');
		for (const who of ['renshe1', 'caizheng1', 'keji1', 'office1']) {
			const t = await ackTile(who);
			assert.deepEqual([t.label, t.count, t.link], ['待接收的绩效薪酬备案', 1, `/pay?tab=plans&year=${YEAR}`], who);
		}
		for (const who of ['bianban1', 'zone1']) assert.equal(await ackTile(who), undefined, who);
		h.assertError(await plan(good()), 409, 'invalid_state');
		h.assertError(await c.zone1.post(`/api/pay/plans/${id}/ack`, { decision: 'ack' }), 403, 'capability_required');
		h.assertError(await c.bianban1.post(`/api/pay/plans/${id}/ack`, { decision: 'ack' }), 403, 'capability_required');
		h.assertError(await c.caizheng1.post(`/api/pay/plans/${id}/ack`, { decision: 'return' }), 400, 'missing_field', '/comment');
		// nor with an opinion of blanks: an optional text of blanks is no text (DECISIONS 299)
		h.assertError(await c.caizheng1.post(`/api/pay/plans/${id}/ack`, { decision: 'return', comment: ' \u3000 ' }), 400, 'missing_field', '/comment');
		r = await c.renshe1.post(`/api/pay/plans/${id}/ack`, { decision: 'ack' });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.status, 'filed');
		assert.equal(r.json.pending, 3);
		// the list of plans (the page's 待接收部门 column) counts them as the plan does
		const listed = (await c.caizheng1.get(`/api/pay/plans?year=${YEAR}`)).json.items.find((x) => x.id === id);
		assert.equal(listed.pending, 3);
		// a list does not read lines nor acknowledgements: it leaves them out, not shows them empty
		assert.ok(!('acks' in listed) && !('lines' in listed), Object.keys(listed).join());
		assert.equal((await ackTile('renshe1')).count, 0);
		assert.equal((await ackTile('caizheng1')).count, 1);
		r = await c.caizheng1.post(`/api/pay/plans/${id}/ack`, { decision: 'return', comment: '基础薪酬标准请附依据' });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.status, 'returned');
		const back = (await c.zone1.get('/api/inbox')).json.items.find((x) => x.kind === 'pay_returned');
		assert.equal(back.title, `${YEAR}年度绩效薪酬分配方案被退回：基础薪酬标准请附依据`);
		// changed and filed again: the earlier acknowledgements are cleared
		r = await plan(good());
		assert.equal(r.json.status, 'draft');
		r = await c.zone1.post(`/api/pay/plans/${id}/file`);
		assert.equal(r.json.pending, 4);
		for (const who of ['renshe1', 'caizheng1', 'keji1']) {
			r = await c[who].post(`/api/pay/plans/${id}/ack`, { decision: 'ack' });
			assert.equal(r.json.status, 'filed', who);
		}
		r = await c.office1.post(`/api/pay/plans/${id}/ack`, { decision: 'ack', comment: '同意备案' });
		assert.equal(r.json.status, 'effective');
		assert.equal(r.json.pending, 0);
		assert.deepEqual(await kinds('zone1'), ['pay_effective', 'pay_returned']);
		assert.equal(r.json.acks.length, 4);
		assert.ok(r.json.effective_at);
		h.assertError(await c.keji1.post(`/api/pay/plans/${id}/ack`, { decision: 'return', comment: 'x' }), 409, 'invalid_state');
		// the plans export as the list shows them, beside the pool of now; a zone's holds its own
		r = await c.caizheng1.get(`/api/pay/plans/export.csv?year=${YEAR}`);
		assert.equal(r.status, 200, r.text);
		assert.match(r.text, /^\uFEFF?开发区,年度,状态,方案依据的总额（元）,当前总额（元）,基本部分（元）,绩效部分（元）,激励部分（元）,合计（元）,绩效部分超出当前总额,待接收备案的部门,报备时间,生效时间\r\n/);
		assert.match(r.text, new RegExp(`\r\n${h.ORG.econ},${YEAR},已生效,270000\\.00,270000\\.00,110000\\.00,270000\\.00,20000\\.00,400000\\.00,,0,\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{4}-`));
		assert.equal((await c.caizheng1.get(`/api/pay/plans/export.xlsx?year=${YEAR}`)).status, 200);
		assert.doesNotMatch((await c.zone2.get(`/api/pay/plans/export.csv?year=${YEAR}`)).text, new RegExp(h.ORG.econ.replace(/[()（）]/g, '.')));
		// the audit trail of the plan
		const log = await c.super1.get(`/api/audit?entity_type=pay_plan&page_size=50`);
		assert.deepEqual(log.json.items.map((x) => x.action).reverse(), ['create', 'file', 'acknowledge', 'return', 'update', 'file', 'acknowledge', 'acknowledge', 'acknowledge', 'acknowledge']);
	});

	test('what-if over the grade coefficients: compared side by side, nothing saved until adopted', T, async () => {
		const body = {
			year: YEAR,
			scenarios: [
				{ name: '良好2倍', values: [{ name: 'good', value: 20000 }] },
				{ name: '全部封顶', values: [{ name: 'good', value: 50000 }, { name: 'excellent', value: 50000 }] },
			],
		};
		h.assertError(await c.zone1.post('/api/pay/whatif', body), 403, 'forbidden');
		h.assertError(
			await c.office1.post('/api/pay/whatif', { year: YEAR, scenarios: [{ name: '超限', values: [{ name: 'good', value: 50001 }] }] }),
			400,
			'invalid_scenario',
		);
		// the ten scenarios at once: 良好 at 1.0, 1.1, …, 1.9 against 1.5 now;
		// 2 × ¥90,000.00 × coefficient; an eleventh is refused with the rule named
		const ten = Array.from({ length: 10 }, (_, i) => ({ name: `良好${10 + i}`, values: [{ name: 'good', value: 10000 + 1000 * i }] }));
		let t10 = await c.office1.post('/api/pay/whatif', { year: YEAR, scenarios: ten });
		assert.equal(t10.status, 200, t10.text);
		assert.deepEqual(t10.json.rows[0].pool_fen, [27000000, 18000000, 19800000, 21600000, 23400000, 25200000, 27000000, 28800000, 30600000, 32400000, 34200000]);
		assert.equal(t10.json.columns[10].name, '良好19');
		t10 = await c.office1.post('/api/pay/whatif', { year: YEAR, scenarios: [...ten, { name: '十一', values: [] }] });
		h.assertError(t10, 400, 'too_many', '/scenarios');
		assert.equal(t10.json.error.message, '一次最多比较10个方案（现行方案之外）');
		const r = await c.office1.post('/api/pay/whatif', body);
		assert.equal(r.status, 200, r.text);
		// the zone graded 良好: 2 × ¥90,000.00 × 1.5 now, × 2 and × 5 in the scenarios
		assert.deepEqual(r.json.columns.map((x) => [x.name, x.total_fen, x.total_delta_fen]), [
			[null, 27000000, 0],
			['良好2倍', 36000000, 9000000],
			['全部封顶', 90000000, 63000000],
		]);
		assert.deepEqual(r.json.rows, [
			{ zone_id: org[h.ORG.econ], zone_name: h.ORG.econ, pool_fen: [27000000, 36000000, 90000000], delta_fen: [0, 9000000, 63000000], grade: ['good', 'good', 'good'] },
		]);
		// no scheme this year yet: the thresholds have no current value
		assert.deepEqual(r.json.columns[1].values, [
			{ name: 'excellent', value: 50000 },
			{ name: 'good', value: 20000 },
			{ name: 'fair', value: 10000 },
			{ name: 'poor', value: 5000 },
			{ name: 'min_excellent', value: null },
			{ name: 'min_good', value: null },
			{ name: 'min_fair', value: null },
			{ name: 'top_quota', value: null },
		]);
		// nothing saved
		assert.equal((await pool()).pool_fen, 27000000);
		const a = await c.office1.post('/api/pay/whatif/adopt', { year: YEAR, name: '良好2倍', values: [{ name: 'good', value: 20000 }] });
		assert.equal(a.status, 200, a.text);
		assert.deepEqual(a.json.items.map((x) => [x.grade, x.coef_bp]), [['excellent', 50000], ['good', 20000], ['fair', 10000], ['poor', 5000]]);
		assert.equal((await pool()).pool_fen, 36000000);
		const log = await c.super1.get('/api/audit?entity_type=pay_coefficient&action=adopt_scenario&page_size=10');
		assert.equal(log.json.total, 4);
	});

	test('what-if over the grade thresholds: each zone graded again from its score, its pool following; adopting sets both', T, async () => {
		// one class: 经开区 (2 counted, R ¥90,000.00, 良好 by hand) at 89.50 points and 胜利 (no
		// staffing: no pool, but in the class) at 95.00; 优秀 from 90, 良好 from 80, 一般 from 60
		let r = await c.office1.post('/api/assess/schemes', {
			year: YEAR,
			class_key: '省级开发区',
			name: `${YEAR}年度省级开发区考核方案`,
			cap_bp: 12000,
			min_excellent_cp: 9000,
			min_good_cp: 8000,
			min_fair_cp: 6000,
			top_quota_bp: 0,
			appeal_days: 7,
			indicators: [{ name: '全省开发区综合评价', kind: 'province', mode: 'score', weight: 100, scale: 10000 }],
			org_ids: [org[h.ORG.econ], org[h.ORG.shengli]],
		});
		assert.equal(r.status, 201, r.text);
		const scheme = r.json;
		for (const [zone, value] of [[h.ORG.econ, 8950], [h.ORG.shengli, 9500]]) {
			r = await c.office1.put(`/api/assess/schemes/${scheme.id}/values`, { org_id: org[zone], values: [{ indicator_id: scheme.indicators[0].id, actual: value }] });
			assert.equal(r.status, 200, r.text);
		}
		r = await c.office1.post(`/api/assess/schemes/${scheme.id}/compute`, {});
		assert.equal(r.status, 200, r.text);
		const body = {
			year: YEAR,
			scenarios: [
				{ name: '优秀89分', values: [{ name: 'min_excellent', value: 8900 }] },
				{ name: '优秀89分限一半', values: [{ name: 'min_excellent', value: 8900 }, { name: 'top_quota', value: 5000 }] },
			],
		};
		r = await c.office1.post('/api/pay/whatif', body);
		assert.equal(r.status, 200, r.text);
		// now: 89.50 < 90 is 良好, 2 × ¥90,000 × 2.0 = ¥360,000.00; from 89 points 优秀 at 5.0:
		// ¥900,000.00; with half the class (1 of 2) 优秀, 胜利 (95.00) takes the place and 经开区
		// is 良好 again
		assert.deepEqual(r.json.rows, [
			{ zone_id: org[h.ORG.econ], zone_name: h.ORG.econ, pool_fen: [36000000, 90000000, 36000000], delta_fen: [0, 54000000, 0], grade: ['good', 'excellent', 'good'] },
		]);
		assert.deepEqual(r.json.columns.map((x) => [x.name, x.total_fen]), [[null, 36000000], ['优秀89分', 90000000], ['优秀89分限一半', 36000000]]);
		assert.deepEqual(r.json.columns[0].values.slice(4), [
			{ name: 'min_excellent', value: 9000 },
			{ name: 'min_good', value: 8000 },
			{ name: 'min_fair', value: 6000 },
			{ name: 'top_quota', value: 0 },
		]);
		assert.deepEqual(r.json.columns[2].values.slice(4).map((x) => x.value), [8900, 8000, 6000, 5000]);
		// 良好 from 95 is above 优秀's 90: refused with the rule
		h.assertError(
			await c.office1.post('/api/pay/whatif', { year: YEAR, scenarios: [{ name: '错', values: [{ name: 'min_good', value: 9500 }] }] }),
			400,
			'invalid_scenario',
			'/scenarios/0',
		);
		// adopting: the coefficients and the scheme's 优秀 line, the draft's results graded again
		r = await c.office1.post('/api/pay/whatif/adopt', { year: YEAR, name: '优秀89分', values: [{ name: 'good', value: 20000 }, { name: 'min_excellent', value: 8900 }] });
		assert.equal(r.status, 200, r.text);
		const s = await c.office1.get(`/api/assess/schemes/${scheme.id}`);
		assert.deepEqual([s.json.min_excellent_cp, s.json.min_good_cp, s.json.min_fair_cp, s.json.top_quota_bp], [8900, 8000, 6000, 0]);
		const res = await c.office1.get(`/api/assess/results?year=${YEAR}&scheme_id=${scheme.id}`);
		assert.deepEqual(res.json.items.map((x) => [x.org_name, x.score_cp, x.grade]), [[h.ORG.shengli, 9500, 'excellent'], [h.ORG.econ, 8950, 'excellent']]);
		const log = await c.super1.get('/api/audit?entity_type=assess_scheme&action=adopt_scenario&page_size=10');
		assert.equal(log.json.total, 1);
		// published, the grade rules the pool: 2 × ¥90,000 × 5.0
		r = await c.office1.post(`/api/assess/schemes/${scheme.id}/publish`);
		assert.equal(r.status, 200, r.text);
		assert.equal((await pool()).pool_fen, 90000000);
		// a published scheme's thresholds stay
		h.assertError(
			await c.office1.post('/api/pay/whatif/adopt', { year: YEAR, name: '优秀85分', values: [{ name: 'min_excellent', value: 8500 }] }),
			409,
			'assessment_published',
			'/values',
		);
		// the same numbers again change nothing and are accepted
		r = await c.office1.post('/api/pay/whatif/adopt', { year: YEAR, name: '不变', values: [{ name: 'min_excellent', value: 8900 }] });
		assert.equal(r.status, 200, r.text);
	});

	test('a draft saved under one grade is not filed over the pool of a lower grade set since', T, async () => {
		// the next year: the city's R, two coefficients, and the zone graded 优秀 by hand
		const Y = YEAR + 1;
		let r = await c.office1.put('/api/pay/levels', { year: Y, ref_salary_fen: 6000000, r_fen: 8000000 });
		assert.equal(r.status, 200, r.text);
		for (const [grade, coef_bp] of [['excellent', 30000], ['fair', 10000]]) {
			r = await c.office1.put('/api/pay/coefficients', { year: Y, grade, coef_bp });
			assert.equal(r.status, 200, r.text);
		}
		r = await c.office1.put('/api/pay/grades', { year: Y, org_id: org[h.ORG.econ], grade: 'excellent' });
		assert.equal(r.status, 200, r.text);
		// N = 2 (甲 and 乙): pool 2 × ¥80,000.00 × 3 = ¥480,000.00; the draft pays ¥400,000.00
		r = await c.zone1.put('/api/pay/plans', { year: Y, lines: [{ person_id: people['甲'], base_fen: 6000000, perf_fen: 40000000 }] });
		assert.equal(r.status, 200, r.text);
		const id = r.json.id;
		assert.equal(r.json.pool_fen, 48000000);
		// graded 一般 since: the pool is 2 × ¥80,000.00 × 1 = ¥160,000.00, and the draft is over it
		r = await c.office1.put('/api/pay/grades', { year: Y, org_id: org[h.ORG.econ], grade: 'fair' });
		assert.equal(r.status, 200, r.text);
		h.assertError(await c.zone1.post(`/api/pay/plans/${id}/file`), 409, 'over_pool', '/lines');
		r = await c.zone1.get(`/api/pay/plans/${id}`);
		assert.deepEqual([r.json.status, r.json.filed_at], ['draft', null]);
		// within the new pool it is filed, and the plan shows the pool it was checked against
		r = await c.zone1.put('/api/pay/plans', { year: Y, lines: [{ person_id: people['甲'], base_fen: 6000000, perf_fen: 16000000 }] });
		assert.equal(r.status, 200, r.text);
		r = await c.zone1.post(`/api/pay/plans/${id}/file`);
		assert.equal(r.status, 200, r.text);
		assert.deepEqual([r.json.status, r.json.pool_fen], ['filed', 16000000]);
		assert.deepEqual([r.json.current_pool_fen, r.json.over_current_pool], [16000000, false]);
		// a grade lowered after filing does not undo it (DECISIONS 203): the departments who
		// acknowledge see the pool now beside the plan's, 2 × ¥80,000.00 × 0.5 = ¥80,000.00,
		// and that the plan's ¥160,000.00 is over it, in the plan and in the list
		r = await c.office1.put('/api/pay/coefficients', { year: Y, grade: 'poor', coef_bp: 5000 });
		assert.equal(r.status, 200, r.text);
		r = await c.office1.put('/api/pay/grades', { year: Y, org_id: org[h.ORG.econ], grade: 'poor' });
		assert.equal(r.status, 200, r.text);
		r = await c.renshe1.get(`/api/pay/plans/${id}`);
		assert.deepEqual([r.json.pool_fen, r.json.perf_total_fen, r.json.current_pool_fen, r.json.over_current_pool], [16000000, 16000000, 8000000, true]);
		r = await c.renshe1.get(`/api/pay/plans?year=${Y}`);
		const listed = r.json.items.find((x) => x.id === id);
		assert.deepEqual([listed.current_pool_fen, listed.over_current_pool], [8000000, true]);
		// a coefficient of 0 leaves the zone a pool of 0 now; acknowledged all the same, told
		r = await c.office1.put('/api/pay/coefficients', { year: Y, grade: 'poor', coef_bp: 0 });
		assert.equal(r.status, 200, r.text);
		r = await c.renshe1.post(`/api/pay/plans/${id}/ack`, { decision: 'ack' });
		assert.equal(r.status, 200, r.text);
		assert.deepEqual([r.json.current_pool_fen, r.json.over_current_pool], [0, true]);
		// the audit record holds the plan as stored, not what a reader is shown
		const log = await c.super1.get(`/api/audit?entity_type=pay_plan&entity_id=${id}&page_size=1`);
		assert.equal('current_pool_fen' in log.json.items[0].after, false);
	});

	test('a filed plan waiting only for a department whose grant is revoked takes effect then', T, async () => {
		const Y = YEAR + 1;
		const id = (await c.zone1.get(`/api/pay/plans?year=${Y}`)).json.items[0].id;
		for (const who of ['caizheng1', 'office1']) assert.equal((await c[who].post(`/api/pay/plans/${id}/ack`, { decision: 'ack' })).status, 200);
		let r = await c.zone1.get(`/api/pay/plans/${id}`);
		assert.deepEqual([r.json.status, r.json.pending], ['filed', 1]); // 市科技局's
		const grant = (await c.office1.get(`/api/capabilities/grants?capability=ack_pay_filing&org_id=${org['市科技局']}`)).json.items[0];
		assert.equal((await c.office1.del(`/api/capabilities/grants/${grant.id}`)).status, 204);
		r = await c.zone1.get(`/api/pay/plans/${id}`);
		assert.deepEqual([r.json.status, r.json.pending], ['effective', 0]);
		assert.ok(r.json.effective_at);
		assert.equal((await c.zone1.get('/api/inbox')).json.items.filter((x) => x.kind === 'pay_effective').length, 2);
		const log = await c.super1.get(`/api/audit?entity_type=pay_plan&entity_id=${id}&page_size=1`);
		assert.deepEqual([log.json.items[0].action, log.json.items[0].after.status], ['take_effect', 'effective']);
		// granted again: an effective plan waits for nobody
		r = await c.office1.post('/api/capabilities/grants', { org_id: org['市科技局'], capability: 'ack_pay_filing' });
		assert.equal(r.status, 201, r.text);
		r = await c.zone1.get(`/api/pay/plans/${id}`);
		assert.deepEqual([r.json.status, r.json.pending], ['effective', 0]);
	});
});
