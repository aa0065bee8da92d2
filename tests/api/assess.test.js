'use strict';
// assess.test.js - the annual assessment (art. 14, 15), every score worked by hand in
// centi-points (100 points = 10000): the office's scheme per class is refused unless the
// weights add up to 100; targets and actuals are entered per zone; the score shows every
// indicator's contribution (a target capped at 120 %, the province's evaluation, a deduction);
// grades by thresholds with a quota on 优秀 that demotes a tie as a whole; zones see only their
// own published result; the published grade rules the zone's pay grade (no hand setting
// after it); a zone appeals within the window, once at a time; a result changed after an upheld
// appeal keeps the old one in its history with the reason; every change is in the audit log.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');
const { writeXlsx, readXlsx } = require('./xlsx');

const T = { timeout: h.STEP_TIMEOUT };
const YEAR = Number(h.day(0).slice(0, 4));
const FUXIAN = '抚顺县经济开发区（示例）';

const INDICATORS = [
	{ name: '规上工业增加值', unit: '亿元', kind: 'target', mode: 'higher', weight: 40 },
	{ name: '单位GDP能耗', unit: '吨标煤/万元', kind: 'target', mode: 'lower', weight: 20 },
	{ name: '全省开发区综合评价', kind: 'province', mode: 'score', weight: 40, scale: 10000 },
	{ name: '安全生产事故', kind: 'deduction', mode: 'points', weight: 0, scale: 500 },
];

describe('annual assessment', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, org, scheme, ind;

	const scheme_body = (over = {}) => ({
		year: YEAR,
		class_key: '省级开发区',
		name: `${YEAR}年度省级开发区考核方案`,
		cap_bp: 12000,
		min_excellent_cp: 9000,
		min_good_cp: 8000,
		min_fair_cp: 6000,
		top_quota_bp: 6700, // 3 zones × 67 % = 2 places of 优秀
		appeal_days: 7,
		indicators: INDICATORS,
		org_ids: [org[h.ORG.econ], org[h.ORG.shengli], org[FUXIAN]],
		...over,
	});
	const values = (zone, list) =>
		c.office1.put(`/api/assess/schemes/${scheme.id}/values`, {
			org_id: org[zone],
			values: list.map(([target, actual], i) => (target === null ? { indicator_id: ind[i], actual } : { indicator_id: ind[i], target, actual })),
		});
	const results = async (who) => {
		const r = await c[who].get(`/api/assess/results?year=${YEAR}&scheme_id=${scheme.id}`);
		assert.equal(r.status, 200, r.text);
		return r.json.items;
	};
	const byZone = (items) => Object.fromEntries(items.map((r) => [r.org_name, r]));
	// the caller's inbox items of a kind, and its 我的待办 by key
	const inbox = async (who, kind) => (await c[who].get('/api/inbox')).json.items.filter((x) => x.kind === kind);
	const todos = async (who) => Object.fromEntries((await c[who].get('/api/todos')).json.items.map((x) => [x.key, x]));

	before(async () => {
		srv = await h.startServer();
		c = await h.loginAll(srv, ['office1', 'zone1', 'zone2', 'super1']);
		org = await h.orgIds(c.office1);
	});
	after(async () => {
		if (srv) await srv.close();
	});

	test('a scheme whose weights do not add up to 100 is refused; only the office keeps schemes', T, async () => {
		h.assertError(await c.zone1.post('/api/assess/schemes', scheme_body()), 403, 'forbidden');
		const bad = INDICATORS.map((x, i) => (i === 2 ? { ...x, weight: 39 } : x));
		h.assertError(await c.office1.post('/api/assess/schemes', scheme_body({ indicators: bad })), 400, 'weights_not_100');
		const weighted = INDICATORS.map((x, i) => (i === 3 ? { ...x, weight: 1 } : i === 2 ? { ...x, weight: 39 } : x));
		h.assertError(await c.office1.post('/api/assess/schemes', scheme_body({ indicators: weighted })), 409, 'bad_indicator', '/indicators/3');
		h.assertError(await c.office1.post('/api/assess/schemes', scheme_body({ min_good_cp: 9000 })), 409, 'bad_thresholds');
		h.assertError(await c.office1.post('/api/assess/schemes', scheme_body({ org_ids: [org['市财政局']] })), 400, 'invalid_value', '/org_ids/0');
		const r = await c.office1.post('/api/assess/schemes', scheme_body());
		assert.equal(r.status, 201, r.text);
		scheme = r.json;
		ind = scheme.indicators.map((x) => x.id);
		assert.deepEqual(scheme.indicators.map((x) => [x.seq, x.name, x.weight]), [[1, '规上工业增加值', 40], [2, '单位GDP能耗', 20], [3, '全省开发区综合评价', 40], [4, '安全生产事故', 0]]);
		assert.equal(scheme.status, 'draft');
		// a zone is in one class a year
		h.assertError(
			await c.office1.post('/api/assess/schemes', scheme_body({ class_key: '国家级开发区', org_ids: [org[h.ORG.econ]] })),
			409,
			'conflict',
		);
		const n = await c.office1.post('/api/assess/schemes', scheme_body({ class_key: '国家级开发区', name: '国家级', top_quota_bp: 0, org_ids: [org[h.ORG.hightech]] }));
		assert.equal(n.status, 201, n.text);
	});

	test('scores worked by hand, each indicator’s contribution shown; the quota demotes a tie', T, async () => {
		// 经开区: 1150.00 of 1000.00 = 115 % × 40 = 46.00; energy 40.00 against 50.00 = 125 %
		// capped at 120 % × 20 = 24.00; the province's 85.50 of 100 × 40 = 34.20; 3.00 off:
		// 101.20. 胜利 and 抚顺县 alike: 100 % × 40 = 40.00, 100 % × 20 = 20.00, 90.00 × 40 % =
		// 36.00, nothing off: 96.00.
		let r = await values(h.ORG.econ, [[100000, 115000], [5000, 4000], [null, 8550], [null, 300]]);
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.total, 4);
		r = await values(h.ORG.shengli, [[100000, 100000], [5000, 5000], [null, 9000], [null, 0]]);
		assert.equal(r.status, 200, r.text);
		// 抚顺县 not yet entered: computing names the zone and the indicator
		r = await c.office1.post(`/api/assess/schemes/${scheme.id}/compute`, {});
		h.assertError(r, 409, 'missing_value', '/indicators/0');
		assert.match(r.json.error.message, new RegExp(`（${FUXIAN.replace(/[()（）]/g, '.')}）$`));
		r = await values(FUXIAN, [[100000, 100000], [5000, 5000], [null, 9000], [null, 0]]);
		assert.equal(r.status, 200, r.text);
		r = await values(FUXIAN, [[0, 1], [5000, 5000], [null, 9000], [null, 0]]).then(() => c.office1.post(`/api/assess/schemes/${scheme.id}/compute`, {}));
		h.assertError(r, 409, 'bad_value', '/indicators/0');
		assert.ok(r.json.error.message.endsWith(`（${FUXIAN}）`), r.json.error.message);
		r = await values(FUXIAN, [[100000, 100000], [5000, 5000], [null, 9000], [null, 0]]);
		assert.equal(r.status, 200, r.text);
		r = await c.office1.post(`/api/assess/schemes/${scheme.id}/compute`, {});
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.result_count, 3);

		const z = byZone(await results('office1'));
		const econ = z[h.ORG.econ];
		assert.deepEqual(econ.lines.map((l) => [l.name, l.completion_bp, l.contribution_cp]), [
			['规上工业增加值', 11500, 4600],
			['单位GDP能耗', 12000, 2400],
			['全省开发区综合评价', 8550, 3420],
			['安全生产事故', 0, -300],
		]);
		assert.deepEqual([econ.score_cp, econ.target_cp, econ.deduct_cp, econ.rank, econ.grade, econ.demoted], [10120, 7000, 300, 1, 'excellent', false]);
		// two places of 优秀: 经开区 takes one; 胜利 and 抚顺县 tie at 96.00 on every key, and the
		// two of them would make three, so both are 良好, sharing rank 2 (never split by chance)
		for (const name of [h.ORG.shengli, FUXIAN]) {
			const x = z[name];
			assert.deepEqual([x.score_cp, x.rank, x.grade, x.demoted, x.version], [9600, 2, 'good', true, 1], name);
		}
	});

	test('zones see nothing before publication; after it only their own result', T, async () => {
		assert.equal((await results('zone1')).length, 0);
		// the hand setting still works before publication ...
		let r = await c.office1.put('/api/pay/grades', { year: YEAR, org_id: org[h.ORG.econ], grade: 'fair' });
		assert.equal(r.status, 200, r.text);
		h.assertError(await c.zone1.post(`/api/assess/schemes/${scheme.id}/publish`), 403, 'forbidden');
		r = await c.office1.post(`/api/assess/schemes/${scheme.id}/publish`);
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.status, 'published');
		assert.ok(r.json.appeal_deadline > r.json.published_at);
		// each zone of the scheme is told, once, with a link to its result; the office is not
		const told = await inbox('zone1', 'assess_published');
		assert.deepEqual(told.map((x) => [x.title, x.link, x.entity_type, x.read, x.actor_name]), [
			[`《${YEAR}年度省级开发区考核方案》考核结果已公布，请查看本区的得分、排名和等次`, '/assess', 'assess_result', false, 'office1'],
		]);
		assert.equal(told[0].entity_id, (await results('zone1'))[0].id);
		assert.equal((await inbox('zone2', 'assess_published')).length, 1);
		assert.equal((await inbox('office1', 'assess_published')).length, 0);
		// opening it marks it read (a POST with the CSRF token)
		assert.equal((await c.zone1.post(`/api/inbox/${told[0].id}/read`, {})).status, 204);
		assert.equal((await inbox('zone1', 'assess_published'))[0].read, true);
		// ... the published grade rules the zone's grade of the year, and no hand setting after
		r = await c.office1.get(`/api/pay/grades?year=${YEAR}`);
		assert.deepEqual(
			Object.fromEntries(r.json.items.map((g) => [g.org_name, g.grade])),
			{ [h.ORG.econ]: 'excellent', [h.ORG.shengli]: 'good', [FUXIAN]: 'good' },
		);
		h.assertError(await c.office1.put('/api/pay/grades', { year: YEAR, org_id: org[h.ORG.econ], grade: 'poor' }), 409, 'assessment_published', '/grade');
		const mine = await results('zone1');
		assert.deepEqual(mine.map((x) => [x.org_name, x.score_cp, x.grade]), [[h.ORG.econ, 10120, 'excellent']]);
		const other = byZone(await results('office1'))[h.ORG.shengli];
		h.assertError(await c.zone1.get(`/api/assess/results/${other.id}`), 404, 'not_found');
		h.assertError(await c.office1.put(`/api/assess/schemes/${scheme.id}`, scheme_body()), 409, 'invalid_state');
		r = await c.office1.get(`/api/assess/results/export.xlsx?year=${YEAR}`);
		assert.equal(r.status, 200);
		const text = h.xlsxText(r.buf);
		assert.match(text, /抚顺经济开发区（示例）/);
		assert.match(text, /<v>101\.2<\/v>/); // 得分 a number, as Excel sorts and sums it
		assert.doesNotMatch(text, /<t>101\.20<\/t>/);
		assert.match(text, /安全生产事故 -3\.00/);
		// whether a result is final travels with the file: 状态 and 申诉截止 as the page shows them
		assert.match(text, /状态.*申诉截止/s);
		assert.match(text, /已公布/);
		assert.doesNotMatch(text, /未公布/);
		assert.match(text, new RegExp(`${YEAR}-\\d\\d-\\d\\d 23:59:59`));
	});

	test('a zone appeals once at a time; an upheld appeal changes the result, the old one kept with the reason', T, async () => {
		const mine = (await results('zone2'))[0];
		assert.equal(mine.org_name, h.ORG.shengli);
		h.assertError(await c.zone1.post(`/api/assess/results/${mine.id}/appeal`, { reason: '不是我们的' }), 404, 'not_found');
		h.assertError(await c.office1.post(`/api/assess/results/${mine.id}/appeal`, { reason: '办公室' }), 403, 'forbidden');
		let r = await c.zone2.post(`/api/assess/results/${mine.id}/appeal`, { reason: '全省综合评价得分应为91分，附省里通报' });
		assert.equal(r.status, 201, r.text);
		const appeal = r.json;
		assert.equal(appeal.status, 'open');
		// the office that decides is told and counts it in 我的待办; the zone has no such tile
		let told = await inbox('office1', 'assess_appealed');
		assert.deepEqual(told.map((x) => [x.title, x.link, x.entity_type, x.entity_id, x.read]), [
			[`${h.ORG.shengli}对《${YEAR}年度省级开发区考核方案》考核结果提出申诉，请处理`, '/assess?tab=appeals', 'assess_appeal', appeal.id, false],
		]);
		let tile = (await todos('office1')).assess_appeals_open;
		assert.deepEqual([tile.label, tile.count, tile.link], ['待处理的考核申诉', 1, `/assess?tab=appeals&year=${YEAR}`]);
		assert.equal(tile.count, (await c.office1.get(`/api/assess/appeals?year=${YEAR}`)).json.items.filter((a) => a.status === 'open').length);
		assert.equal((await todos('zone2')).assess_appeals_open, undefined);
		assert.equal((await todos('super1')).assess_appeals_open, undefined);
		h.assertError(await c.zone2.post(`/api/assess/results/${mine.id}/appeal`, { reason: '再次申诉' }), 409, 'invalid_state');
		h.assertError(await c.zone2.post(`/api/assess/appeals/${appeal.id}/decide`, { decision: 'upheld', comment: '自己批' }), 403, 'forbidden');
		h.assertError(await c.office1.post(`/api/assess/appeals/${appeal.id}/decide`, { decision: 'maybe', comment: 'x' }), 400, 'invalid_value', '/decision');
		r = await c.office1.post(`/api/assess/appeals/${appeal.id}/decide`, { decision: 'upheld', comment: '经核实，按省通报更正' });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.status, 'upheld');
		told = await inbox('zone2', 'assess_appeal_decided');
		assert.deepEqual(told.map((x) => [x.title, x.link, x.entity_id]), [
			[`对《${YEAR}年度省级开发区考核方案》考核结果的申诉已处理：申诉成立。经核实，按省通报更正`, '/assess?tab=appeals', appeal.id],
		]);
		assert.equal((await inbox('zone1', 'assess_appeal_decided')).length, 0);
		tile = (await todos('office1')).assess_appeals_open;
		assert.deepEqual([tile.count, tile.link], [0, '/assess?tab=appeals']);
		h.assertError(await c.office1.post(`/api/assess/appeals/${appeal.id}/decide`, { decision: 'rejected', comment: '再处理' }), 409, 'invalid_state');
		// the appeals export as the list shows them, within the caller's scope
		r = await c.office1.get(`/api/assess/appeals/export.csv?year=${YEAR}`);
		assert.equal(r.status, 200, r.text);
		const lines = r.text.replace(/^\uFEFF/, '').trim().split('\r\n');
		assert.equal(lines[0], '年度,开发区,考核方案,申诉理由,状态,提出时间,处理意见,处理时间');
		assert.match(lines[1], new RegExp(`^${YEAR},${h.ORG.shengli},${YEAR}年度省级开发区考核方案,全省综合评价得分应为91分，附省里通报,申诉成立,\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,经核实，按省通报更正,\\d{4}-`));
		assert.equal((await c.office1.get(`/api/assess/appeals/export.xlsx?year=${YEAR}`)).status, 200);
		assert.equal((await c.zone1.get(`/api/assess/appeals/export.csv?year=${YEAR}`)).text.replace(/^\uFEFF/, '').trim().split('\r\n').length, 1);

		// 91.00 × 40 % = 36.40: 胜利 96.40, rank 2 and 优秀 (the second place); 抚顺县 96.00
		// is third and 良好, demoted by the quota now spent
		r = await values(h.ORG.shengli, [[100000, 100000], [5000, 5000], [null, 9100], [null, 0]]);
		assert.equal(r.status, 200, r.text);
		h.assertError(await c.office1.post(`/api/assess/schemes/${scheme.id}/compute`, {}), 400, 'missing_field', '/reason');
		r = await c.office1.post(`/api/assess/schemes/${scheme.id}/compute`, { reason: `申诉成立（第${appeal.id}号），按省通报更正` });
		assert.equal(r.status, 200, r.text);
		const z = byZone(await results('office1'));
		assert.deepEqual([z[h.ORG.shengli].score_cp, z[h.ORG.shengli].rank, z[h.ORG.shengli].grade, z[h.ORG.shengli].version], [9640, 2, 'excellent', 2]);
		assert.deepEqual([z[FUXIAN].score_cp, z[FUXIAN].rank, z[FUXIAN].grade, z[FUXIAN].demoted, z[FUXIAN].version], [9600, 3, 'good', true, 2]);
		assert.deepEqual([z[h.ORG.econ].version], [1]); // unchanged: no history

		r = await c.zone2.get(`/api/assess/results/${mine.id}`);
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(r.json.history.map((x) => [x.version, x.score_cp, x.rank, x.grade, x.reason, x.changed_by]), [
			[1, 9600, 2, 'good', `申诉成立（第${appeal.id}号），按省通报更正`, 'office1'],
		]);
		assert.deepEqual(r.json.appeals.map((a) => [a.status, a.comment]), [['upheld', '经核实，按省通报更正']]);
		r = await c.office1.get(`/api/pay/grades?year=${YEAR}`);
		assert.equal(r.json.items.find((g) => g.org_name === h.ORG.shengli).grade, 'excellent');
		// a second appeal after the first was decided is allowed within the window
		r = await c.zone2.post(`/api/assess/results/${mine.id}/appeal`, { reason: '对名次仍有异议' });
		assert.equal(r.status, 201, r.text);
		r = await c.zone2.get(`/api/assess/appeals?year=${YEAR}`);
		assert.deepEqual(r.json.items.map((a) => a.status), ['open', 'upheld']);
	});

	test('targets and actuals imported from CSV or .xlsx: every bad row with its line, nothing of a bad file', T, async () => {
		const HEADER = ['年度', '类别', '开发区', '指标', '目标值', '完成值'];
		const upload = (name, buf) =>
			c.office1.post('/api/imports/assess_values?name=' + encodeURIComponent(name), buf, { raw: true, contentType: 'application/octet-stream' });
		let r = await c.office1.get('/api/imports/assess_values/template.xlsx');
		assert.equal(r.status, 200);
		assert.deepEqual(readXlsx(r.buf)[0], HEADER);
		h.assertError(await c.zone1.get('/api/imports/assess_values/template.xlsx'), 403, 'forbidden');
		const hightech = '抚顺高新区（示例）'; // the zone's alias
		const bad = [
			HEADER.join(','),
			`${YEAR},国家级开发区,${hightech},规上工业增加值,"1,000.00",500.00`,
			`${YEAR},国家级开发区,${hightech},单位GDP能耗,,40.00`,
			`${YEAR},国家级开发区,${h.ORG.econ},全省开发区综合评价,,80`,
			`${YEAR},国家级开发区,${hightech},招商引资,,80`,
			`${YEAR},市级开发区,${hightech},规上工业增加值,1000,500`,
			`${YEAR},国家级开发区,${hightech},全省开发区综合评价,50,50.00`,
			`${YEAR},国家级开发区,${hightech},安全生产事故,,8.001`,
		].join('\r\n');
		r = await upload('考核数据.csv', Buffer.from(bad, 'utf8'));
		h.assertError(r, 422, 'import_rejected');
		assert.deepEqual(
			r.json.import.problems.map((p) => [p.row, p.column]),
			[[3, '目标值'], [4, '开发区'], [5, '指标'], [6, '类别'], [7, '目标值'], [8, '完成值']],
			JSON.stringify(r.json.import.problems),
		);
		const n = (await c.office1.get(`/api/assess/schemes?year=${YEAR}`)).json.items.find((x) => x.class_key === '国家级开发区');
		assert.equal((await c.office1.get(`/api/assess/schemes/${n.id}/values`)).json.total, 0, 'nothing of a bad file');
		// one indicator twice, the zone by its name and by its alias: the same row twice
		r = await upload('考核数据.csv', Buffer.from([
			HEADER.join(','),
			`${YEAR},国家级开发区,${h.ORG.hightech},规上工业增加值,1000,500`,
			`${YEAR},国家级开发区,${hightech},规上工业增加值,1000,600`,
		].join('\r\n'), 'utf8'));
		h.assertError(r, 422, 'import_rejected');
		assert.deepEqual(r.json.import.problems.map((p) => [p.row, p.message]), [[3, `与第2行重复（年度 = ${YEAR}，类别 = 国家级开发区，开发区 = ${hightech}，指标 = 规上工业增加值）`]]);
		// 高新区: 500.00 of 1000.00 = 50 % × 40 = 20.00; 100.00 against 50.00 = 50 % × 20 =
		// 10.00; 50.00 of 100 × 40 = 20.00; 8.00 off capped at 5.00: 45.00, 较差
		const good = writeXlsx([
			HEADER,
			[YEAR, '国家级开发区', hightech, '规上工业增加值', 1000, 500],
			[YEAR, '国家级开发区', hightech, '单位GDP能耗', 50, 100],
			[YEAR, '国家级开发区', hightech, '全省开发区综合评价', null, 50],
			[YEAR, '国家级开发区', hightech, '安全生产事故', null, 8],
		]);
		r = await upload('考核数据.xlsx', good);
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.rows, 4);
		r = await c.office1.post(`/api/assess/schemes/${n.id}/compute`, {});
		assert.equal(r.status, 200, r.text);
		const x = (await c.office1.get(`/api/assess/results?scheme_id=${n.id}`)).json.items[0];
		assert.deepEqual(x.lines.map((l) => l.contribution_cp), [2000, 1000, 2000, -500]);
		assert.deepEqual([x.score_cp, x.rank, x.grade], [4500, 1, 'poor']);
	});

	test('every change is in the audit log', T, async () => {
		const log = await c.super1.get('/api/audit?entity_type=assess_scheme&page_size=50');
		assert.equal(log.status, 200, log.text);
		const actions = log.json.items.map((x) => x.action).sort();
		assert.deepEqual(actions, ['compute', 'compute', 'compute', 'create', 'create', 'publish']);
		const publish = log.json.items.find((x) => x.action === 'publish');
		const after = publish.after;
		assert.equal(after.status, 'published');
		assert.deepEqual(after.results.map((x) => [x.org_name, x.grade]).sort(), [[FUXIAN, 'good'], [h.ORG.econ, 'excellent'], [h.ORG.shengli, 'good']].sort());
		const appeals = await c.super1.get('/api/audit?entity_type=assess_appeal&page_size=50');
		assert.deepEqual(appeals.json.items.map((x) => x.action).sort(), ['appeal', 'appeal', 'decide']);
		const vals = await c.super1.get('/api/audit?entity_type=assess_values&page_size=50');
		assert.equal(vals.json.total, 6);
	});
});
