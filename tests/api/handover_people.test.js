'use strict';
// handover_people.test.js - the people and money modules' hand-overs (issue 10): each step that leaves
// work to another organization puts exactly one item in the inbox of each of its accounts, in
// the step's transaction, and nothing for anyone else; a refused step tells nobody; and the
// 我的待办 tile of whoever must act counts what its link shows. 编办 approving a zone's staffing
// tells the zone (编办's tile: the zones without this year's figures); the office raising the
// KPI minimums tells each zone whose scheme falls below them, and the office (the zone's and the
// office's tile); 组织部 recording a leader's reward or adjustment tells the zone and its county
// (组织部's tile: zones graded 优秀 or 较差 without a record); 财政局 grading a project 差 tells
// the zone (its tile: its poor projects); figures imported over a platform company's line tell
// the office as the form does.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');
const { writeXlsx } = require('./xlsx');

const T = { timeout: h.STEP_TIMEOUT };
const YEAR = Number(h.day(0).slice(0, 4));
const E = h.ORG.econ;
const S = h.ORG.shengli;

const USERS = [
	...h.DEFAULT_USERS,
	{ username: 'office2', org: h.ORG.commerce, role: 'office' },
	{ username: 'bianban1', org: '市委编办', role: 'department' },
	{ username: 'zuzhi1', org: '市委组织部', role: 'department' },
	{ username: 'finance1', org: '市财政局', role: 'department' },
	{ username: 'sasac1', org: '市国资委', role: 'department' },
	{ username: 'county2', org: h.ORG.shuncheng, role: 'county' },
];
const ALL = USERS.map((u) => u.username).filter((u) => u !== 'admin');

describe('the people and money hand-overs', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, org, leader;
	// each account's items of a kind, as [title, link, entity_type, entity_id, actor]
	const items = async (who, kind) =>
		(await c[who].get('/api/inbox?page_size=100')).json.items.filter((x) => x.kind === kind)
			.map((x) => [x.title, x.link, x.entity_type, x.entity_id, x.actor_name]);
	// who has any item of the kind, and how many
	const told = async (kind) => {
		const out = {};
		for (const who of ALL) {
			const n = (await items(who, kind)).length;
			if (n) out[who] = n;
		}
		return out;
	};
	const tile = async (who, key) => (await c[who].get('/api/todos')).json.items.find((x) => x.key === key);

	before(async () => {
		srv = await h.startServer({ users: USERS });
		c = await h.loginAll(srv, ALL);
		org = await h.orgIds(c.office1);
		for (const [name, cap] of [['市委编办', 'approve_staffing'], ['市委组织部', 'record_leader_action'],
			['市财政局', 'manage_budget'], ['市国资委', 'supervise_platform']]) {
			const r = await c.office1.post('/api/capabilities/grants', { org_id: org[name], capability: cap });
			assert.equal(r.status, 201, r.text);
		}
	});
	after(async () => {
		if (srv) await srv.close();
	});

	test('编办 approves a zone\'s staffing: the zone is told, 编办\'s tile counts the zones still without', T, async () => {
		// the zones without this year's figures in the whole view, and what the tile's link shows
		const without = async () => (await c.bianban1.get(`/api/staffing-norm?year=${YEAR}`)).json.zones
			.filter((z) => !z.approved || z.approved.year !== YEAR).map((z) => z.name);
		const shown = async (link) => {
			const r = await c.bianban1.get(`/api${link}`);
			assert.equal(r.status, 200, r.text);
			return r.json.zones.map((z) => z.name);
		};
		const zones = (await without()).length;
		assert.ok(zones >= 3, `${zones} zones`);
		let t = await tile('bianban1', 'staffing_to_approve');
		assert.deepEqual([t.label, t.count, t.link], ['待核定本年度编制的开发区', zones, `/staffing-norm?year=${YEAR}&unapproved=1`]);
		assert.deepEqual(await shown(t.link), await without());
		for (const who of ['office1', 'zone1', 'zuzhi1', 'super1']) assert.equal(await tile(who, 'staffing_to_approve'), undefined, who);

		const figures = { org_id: org[E], year: YEAR, admin_slots: 2, inst_slots: 1, bodies: 1, leaders: 1, quota: 3, doc_no: `抚编发〔${YEAR}〕9号` };
		let r = await c.bianban1.put('/api/staffing', figures);
		assert.equal(r.status, 200, r.text);
		const staffing = r.json.id;
		assert.deepEqual(await told('staffing_approved'), { zone1: 1 });
		assert.deepEqual(await items('zone1', 'staffing_approved'), [
			[`${E}${YEAR}年度机构编制已核定（抚编发〔${YEAR}〕9号），请按核定数配备人员`, `/staffing?year=${YEAR}`, 'staffing', staffing, 'bianban1'],
		]);
		t = await tile('bianban1', 'staffing_to_approve');
		assert.equal(t.count, zones - 1);
		assert.deepEqual(await shown(t.link), await without());
		assert.ok(!(await shown(t.link)).includes(E));

		// a roster of two: a leader in the leader post and one more
		r = await c.bianban1.post('/api/posts', { org_id: org[E], name: '管委会主任', grade: '正处级', leader: true });
		assert.equal(r.status, 201, r.text);
		const post = r.json.id;
		for (const [i, name] of ['赵主任', '钱科员'].entries()) {
			r = await c.zone1.post('/api/people', {
				name, id_number: h.idNumber(`21040219750${i + 1}1${i + 1}45${i + 1}`), identity: 'civil_servant', appointment: 'appointed',
				start_date: `${YEAR - 2}-03-01`, ...(i ? {} : { post_id: post }),
			});
			assert.equal(r.status, 201, r.text);
			if (!i) leader = r.json.id;
		}
		// a change the roster does not fit is refused inside its transaction: nobody is told
		h.assertError(await c.bianban1.put('/api/staffing', { ...figures, quota: 1, doc_no: `抚编发〔${YEAR}〕10号` }), 409, 'over_quota');
		assert.deepEqual(await told('staffing_approved'), { zone1: 1 });
		r = await c.bianban1.put('/api/staffing', { ...figures, quota: 4, doc_no: `抚编发〔${YEAR}〕11号` });
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(await told('staffing_approved'), { zone1: 2 });
		assert.equal((await items('zone1', 'staffing_approved'))[0][0], `${E}${YEAR}年度机构编制已调整（抚编发〔${YEAR}〕11号），请按核定数配备人员`);
		assert.equal((await tile('bianban1', 'staffing_to_approve')).count, zones - 1);

		// last year's figures leave a zone without this year's: still counted and shown
		assert.equal((await c.bianban1.put('/api/staffing', { ...figures, org_id: org[S], year: YEAR - 1, doc_no: `抚编发〔${YEAR - 1}〕3号` })).status, 200);
		t = await tile('bianban1', 'staffing_to_approve');
		assert.equal(t.count, zones - 1);
		assert.ok((await shown(t.link)).includes(S));
		assert.deepEqual((await shown(`/staffing-norm?year=${YEAR - 1}&unapproved=1`)).includes(S), false);
		// the export of the filtered page has its rows (a header and one line each)
		const csv = await c.bianban1.get(`/api/staffing-norm/export.csv?year=${YEAR}&unapproved=1`);
		assert.equal(csv.status, 200, csv.text);
		assert.equal(csv.text.trim().split('\n').length, 1 + t.count);
		h.assertError(await c.bianban1.get(`/api/staffing-norm?year=${YEAR}&unapproved=2`), 400, 'invalid_parameter', 'unapproved');
	});

	test('the office raises the KPI minimums: each zone whose scheme falls below is told, and the office', T, async () => {
		const scheme = (who, target, weights) => c[who].put('/api/kpi/schemes', {
			year: YEAR, target, indicators: weights.map(([category, weight], i) => ({ name: `指标${i + 1}`, category, weight })),
		});
		let r = await scheme('zone1', 'staff', [['investment', 30], ['project', 25], ['industry', 20], ['other', 25]]);
		assert.equal(r.status, 200, r.text);
		r = await scheme('zone2', 'department', [['investment', 20], ['project', 20], ['industry', 40], ['other', 20]]);
		assert.equal(r.status, 200, r.text);
		const below = r.json.id;
		for (const who of ['zone1', 'zone2', 'office1', 'office2']) {
			const t = await tile(who, 'kpi_below_floor');
			assert.deepEqual([t.label, t.count, t.link], ['低于最低权重的内部考核方案', 0, '/kpi'], who);
		}
		for (const who of ['county1', 'bianban1', 'super1', 'finance1']) assert.equal(await tile(who, 'kpi_below_floor'), undefined, who);

		// refused minimums tell nobody
		h.assertError(await c.office1.put('/api/kpi/floors', { year: YEAR, investment_min: 40, project_min: 40, industry_min: 21 }), 400, 'kpi_bad_floor');
		assert.deepEqual(await told('kpi_below_floor'), {});
		r = await c.office1.put('/api/kpi/floors', { year: YEAR, investment_min: 30, project_min: 20, industry_min: 20 });
		assert.equal(r.status, 200, r.text);
		const title = `${YEAR}年度内部考核最低权重调整后，${S}的内设机构考核方案低于最低权重，请重新设定权重`;
		assert.deepEqual(await told('kpi_below_floor'), { zone2: 1, office2: 1 });
		assert.deepEqual(await items('zone2', 'kpi_below_floor'), [[title, `/kpi?year=${YEAR}`, 'kpi_scheme', below, 'office1']]);
		assert.deepEqual(await items('office2', 'kpi_below_floor'), [[title, `/kpi?year=${YEAR}`, 'kpi_scheme', below, 'office1']]);
		// the same minimums again, or lower ones, tell nobody anew
		assert.equal((await c.office1.put('/api/kpi/floors', { year: YEAR, investment_min: 30, project_min: 20, industry_min: 20 })).status, 200);
		assert.equal((await c.office2.put('/api/kpi/floors', { year: YEAR, investment_min: 25, project_min: 20, industry_min: 20 })).status, 200);
		assert.deepEqual(await told('kpi_below_floor'), { zone2: 1, office2: 1 });
		for (const [who, n] of [['zone2', 1], ['zone1', 0], ['office1', 1], ['office2', 1]]) {
			const t = await tile(who, 'kpi_below_floor');
			assert.deepEqual([t.count, t.link], [n, n ? `/kpi?year=${YEAR}` : '/kpi'], who);
		}
		// the zone weights it again: off the tiles
		r = await scheme('zone2', 'department', [['investment', 25], ['project', 20], ['industry', 35], ['other', 20]]);
		assert.equal(r.status, 200, r.text);
		assert.equal((await tile('office1', 'kpi_below_floor')).count, 0);
	});

	test('组织部 records a leader\'s reward: the zone and its county are told; its tile counts the zones still without', T, async () => {
		for (const [zone, grade] of [[E, 'excellent'], [S, 'poor'], [h.ORG.hightech, 'good']]) {
			const r = await c.office1.put('/api/pay/grades', { year: YEAR - 1, org_id: org[zone], grade });
			assert.equal(r.status, 200, r.text);
		}
		// an older year's 较差 is not the newest year's to-do
		assert.equal((await c.office1.put('/api/pay/grades', { year: YEAR - 2, org_id: org[h.ORG.hightech], grade: 'poor' })).status, 200);
		// what the tile's link shows: the zones awaiting a record in its `to` year
		const shown = async (who, year) => {
			const r = await c[who].get(`/api/leader-actions/awaiting${year ? `?year=${year}` : ''}`);
			assert.equal(r.status, 200, r.text);
			assert.equal(r.json.total, r.json.items.length);
			return r.json.items.map((z) => [z.name, z.county_name, z.year, z.grade]).sort();
		};
		let t = await tile('zuzhi1', 'leaders_to_record');
		assert.deepEqual([t.label, t.count, t.link], ['待记录班子成员奖惩的开发区', 2, `/county-view?from=${YEAR - 5}&to=${YEAR - 1}&awaiting=1`]);
		const both = [[E, h.ORG.shuncheng, YEAR - 1, 'excellent'], [S, h.ORG.xinfu, YEAR - 1, 'poor']];
		assert.deepEqual(await shown('zuzhi1', YEAR - 1), both);
		assert.deepEqual(await shown('zuzhi1'), both);
		assert.deepEqual(await shown('zuzhi1', YEAR - 2), [[h.ORG.hightech, h.ORG.dongzhou, YEAR - 2, 'poor']]);
		assert.deepEqual(await shown('zuzhi1', YEAR), []);
		// a county reads its own zones only
		assert.deepEqual(await shown('county2', YEAR - 1), [both[0]]);
		h.assertError(await c.zuzhi1.get('/api/leader-actions/awaiting?year=1999'), 400, 'invalid_parameter', 'year');
		for (const who of ['office1', 'zone1', 'county2', 'bianban1']) assert.equal(await tile(who, 'leaders_to_record'), undefined, who);

		const record = (over) => c.zuzhi1.post('/api/leader-actions', { org_id: org[E], person_id: leader, kind: 'promote', year: YEAR - 1, basis: '考核结果优秀', ...over });
		// refused against the zone's 优秀: nobody told
		h.assertError(await record({ kind: 'adjust' }), 409, 'adjust_grade');
		assert.deepEqual(await told('leader_action'), {});
		const r = await record({});
		assert.equal(r.status, 201, r.text);
		// 顺城区 hosts the economic zone; 东洲区 does not
		assert.deepEqual(await told('leader_action'), { zone1: 1, county2: 1 });
		assert.deepEqual(await items('county2', 'leader_action'), [
			[`市委组织部记录：${E}赵主任优先提拔使用（${YEAR - 1}年度考核），请落实`, `/leader-actions?year=${YEAR - 1}`, 'leader_action', r.json.id, 'zuzhi1'],
		]);
		t = await tile('zuzhi1', 'leaders_to_record');
		assert.deepEqual([t.count, t.link], [1, `/county-view?from=${YEAR - 5}&to=${YEAR - 1}&awaiting=1`]);
		assert.deepEqual(await shown('zuzhi1', YEAR - 1), [both[1]]);
	});

	test('财政局 grades a project 差: the zone is told and its tile counts its poor projects of the newest year', T, async () => {
		const project = (over) => ({ zone_id: org[E], year: YEAR, name: '标准厂房', funds_fen: 100000000, target: '建成厂房3栋', score: 55, ...over });
		const poor = async (who) => (await c[who].get(`/api/budget-projects?year=${YEAR}&grade=poor`)).json.total;
		// not a zone: refused in the transaction, nobody told
		h.assertError(await c.finance1.post('/api/budget-projects', project({ zone_id: org[h.ORG.shuncheng] })), 400, 'invalid_value', '/zone_id');
		let r = await c.finance1.post('/api/budget-projects', project({ year: YEAR - 1, name: '旧项目', score: 40 }));
		assert.equal(r.status, 201, r.text);
		r = await c.finance1.post('/api/budget-projects', project({}));
		assert.equal(r.status, 201, r.text);
		const p = r.json;
		r = await c.finance1.post('/api/budget-projects', project({ name: '未评价项目', score: null }));
		assert.equal(r.status, 201, r.text);
		assert.deepEqual(await told('budget_project_poor'), { zone1: 2 });
		assert.deepEqual((await items('zone1', 'budget_project_poor'))[0], [
			`${E}${YEAR}年度项目“标准厂房”绩效评价为差（55分），请整改`, `/budget-projects?year=${YEAR}&zone_id=${org[E]}&grade=poor`,
			'budget_project', p.id, 'finance1',
		]);
		// still poor, then fair: nobody told anew; poor again: told again
		for (const score of [50, 70]) assert.equal((await c.finance1.put(`/api/budget-projects/${p.id}`, project({ score }))).status, 200);
		assert.deepEqual(await told('budget_project_poor'), { zone1: 2 });
		assert.equal((await c.finance1.put(`/api/budget-projects/${p.id}`, project({ score: 58 }))).status, 200);
		assert.deepEqual(await told('budget_project_poor'), { zone1: 3 });

		// the zone's tile: the newest year's poor projects, as the list filtered by grade shows them
		let t = await tile('zone1', 'budget_projects_poor');
		assert.deepEqual([t.label, t.count, t.link], ['绩效评价为差待整改的项目', 1, `/budget-projects?year=${YEAR}&grade=poor`]);
		assert.equal(t.count, await poor('zone1'));
		assert.deepEqual((await c.zone1.get(`/api/budget-projects?grade=poor`)).json.items.map((x) => [x.name, x.grade]),
			[['标准厂房', 'poor'], ['旧项目', 'poor']]);
		t = await tile('zone2', 'budget_projects_poor');
		assert.deepEqual([t.count, t.link], [0, '/budget-projects?grade=poor']);
		for (const who of ['office1', 'finance1', 'county1', 'super1']) assert.equal(await tile(who, 'budget_projects_poor'), undefined, who);
		h.assertError(await c.zone1.get('/api/budget-projects?grade=bad'), 400, 'invalid_parameter', 'grade');
		assert.equal((await c.finance1.get(`/api/budget-projects/export.csv?grade=fair`)).status, 200);
	});

	test('figures imported over a platform company\'s line tell the office, as the form does', T, async () => {
		const HEADER = ['统一社会信用代码', '年度', '资产总额（元）', '负债总额（元）', '带息负债（元）', '流动资产（元）',
			'流动负债（元）', '对外担保余额（元）', '营业收入（元）', '利润总额（元）'];
		const CODE = '91440300192317458F';
		const upload = (client, rows, name) => client.post(`/api/imports/platform-sheets?name=${encodeURIComponent(name)}`,
			writeXlsx([HEADER, ...rows]), { raw: true, contentType: 'application/octet-stream' });
		let r = await c.sasac1.post('/api/platform-companies', {
			zone_id: org[E], name: '经开区建设投资有限公司', uscc: CODE, type: 'non_industrial', established_on: '2016-03-18',
			shareholders: [{ name: '抚顺经济开发区管委会', kind: 'state', stake_bp: 10000 }], injections: [],
		});
		assert.equal(r.status, 201, r.text);
		const co = r.json.id;
		const y2025 = [CODE, 2025, '3000000.00', '2160045.00', '1728036.00', '900000.00', '1000000.01', '500000.00', '450000.00', '-12345.67'];
		const y2024 = [CODE, 2024, '1000000.00', '760000.50', '0', '0', '0', '0', '0', '0'];
		// a rejected file tells nobody
		h.assertError(await upload(c.sasac1, [y2025, [CODE, 2024, '一千', '0', '0', '0', '0', '0', '0', '0']], 'bad.xlsx'), 422, 'import_rejected');
		assert.deepEqual(await told('platform_risk'), {});
		r = await upload(c.sasac1, [y2025, y2024], 'sheets.xlsx');
		assert.equal(r.status, 201, r.text);
		assert.deepEqual(await told('platform_risk'), { office1: 2, office2: 2 });
		assert.deepEqual((await items('office1', 'platform_risk')).sort(), [
			[`经开区建设投资有限公司（${E}）2024年度债务风险指标越过重点监管线，请关注`, '/platform/board?year=2024', 'platform_company', co, 'sasac1'],
			[`经开区建设投资有限公司（${E}）2025年度债务风险指标越过预警线，请关注`, '/platform/board?year=2025', 'platform_company', co, 'sasac1'],
		]);
		// the same figures in another file raise nothing
		r = await upload(c.sasac1, [y2024, y2025], 'again.xlsx');
		assert.equal(r.status, 201, r.text);
		assert.deepEqual(await told('platform_risk'), { office1: 2, office2: 2 });
		// the zone imports its own: 国资委 is told too
		r = await upload(c.zone1, [[CODE, 2023, '1000.00', '750.05', '100.00', '0', '0', '0', '88.00', '-5.50']], '2023.xlsx');
		assert.equal(r.status, 201, r.text);
		assert.deepEqual(await told('platform_risk'), { office1: 3, office2: 3, sasac1: 1 });
		const board = (await c.office1.get('/api/platform-board')).json;
		const t = await tile('office1', 'platform_over_lines');
		assert.deepEqual([t.count, t.link], [board.key + board.warning, `/platform/board?year=${board.year}`]);
	});
});
