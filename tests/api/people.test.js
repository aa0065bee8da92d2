'use strict';
// people.test.js - staffing and rosters (articles 7-10): 编办 (an organization holding
// approve_staffing) approves a zone's figures for a year with a document number, internal
// bodies and posts; the zone keeps its roster; every write that would break a rule is refused
// with the rule's code and nothing is written (员额, 领导职数, 内设机构, one post per person,
// one person per post, a secondment ending before it starts); national ID numbers are checked
// (GB 11643), sealed at rest, masked for organizations without read_personal and in the audit
// log; a secondee returns and frees a place; the history of the figures and of each person.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');
const { writeXlsx, readXlsx } = require('./xlsx');

const T = { timeout: h.STEP_TIMEOUT };
const YEAR = Number(h.day(0).slice(0, 4));

// An ID number with its ISO 7064 MOD 11-2 check character.
function idNumber(first17) {
	const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
	const sum = [...first17].reduce((s, d, i) => s + Number(d) * w[i], 0);
	return first17 + '10X98765432'[sum % 11];
}
// 11010519491231002 → check 'X' (the standard's own example)
const ID_X = '11010519491231002X';
const ID_UNKNOWN_REGION = idNumber('83000019900101001'); // a residence permit's region code
const ids = [1, 2, 3, 4, 5, 6].map((i) => idNumber(`21040219850${i}0${i}12${i}`));

const USERS = [
	...h.DEFAULT_USERS,
	{ username: 'bianban1', org: '市委编办', role: 'department' },
	{ username: 'renshe1', org: '市人社局', role: 'department' },
];

describe('staffing and rosters', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, org, posts = {};

	const person = (over) => ({
		name: '张三',
		id_number: ids[0],
		identity: 'civil_servant',
		appointment: 'appointed',
		file_post: '四级主任科员',
		job_post: '招商一部部长',
		start_date: `${YEAR}-01-01`,
		...over,
	});
	const staffing = (over) => ({
		org_id: org[h.ORG.econ],
		year: YEAR,
		admin_slots: 2,
		inst_slots: 3,
		bodies: 2,
		leaders: 1,
		quota: 3,
		doc_no: `抚编发〔${YEAR}〕12号`,
		body_names: ['综合办公室', '招商服务局'],
		...over,
	});
	const roster = async (q = '') => (await c.office1.get(`/api/people?org_id=${org[h.ORG.econ]}&current=1${q}`)).json;

	before(async () => {
		srv = await h.startServer({ users: USERS });
		c = await h.loginAll(srv, ['office1', 'zone1', 'zone2', 'county1', 'bianban1', 'renshe1', 'auditor1']);
		org = await h.orgIds(c.office1);
		const r = await c.office1.post('/api/capabilities/grants', { org_id: org['市委编办'], capability: 'approve_staffing' });
		assert.equal(r.status, 201, r.text);
	});
	after(async () => {
		if (srv) await srv.close();
	});

	test('only an organization holding approve_staffing approves figures and posts', T, async () => {
		h.assertError(await c.zone1.put('/api/staffing', staffing()), 403, 'capability_required');
		h.assertError(await c.renshe1.put('/api/staffing', staffing()), 403, 'capability_required');
		h.assertError(await c.auditor1.get('/api/staffing'), 403, 'forbidden');
		h.assertError(await c.bianban1.put('/api/staffing', staffing({ org_id: org['市财政局'] })), 400, 'invalid_value', '/org_id');
		h.assertError(await c.bianban1.put('/api/staffing', staffing({ quota: -1 })), 400, 'out_of_range', '/quota');
		h.assertError(
			await c.bianban1.put('/api/staffing', staffing({ body_names: ['综合办公室', '招商服务局', '规划建设局'] })),
			409,
			'over_bodies',
			'/body_names',
		);
		assert.equal((await c.office1.get('/api/staffing')).json.total, 0);
		const r = await c.bianban1.put('/api/staffing', staffing());
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.quota, 3);
		assert.equal(r.json.leaders, 1);
		assert.deepEqual(r.json.body_names, ['综合办公室', '招商服务局']);
		assert.equal(r.json.now_people, 0);
		assert.equal(r.json.approved_by_name !== undefined, true);
		for (const [name, grade, leader] of [
			['主任', '正处级', true],
			['副主任', '副处级', true],
			['招商专员', '一级主任科员', false],
			['综合文员', '四级主任科员', false],
			['财务专员', '四级主任科员', false],
		]) {
			const p = await c.bianban1.post('/api/posts', { org_id: org[h.ORG.econ], name, grade, leader, body: '综合办公室' });
			assert.equal(p.status, 201, p.text);
			posts[name] = p.json.id;
		}
		h.assertError(await c.bianban1.post('/api/posts', { org_id: org[h.ORG.econ], name: '主任', grade: '正处级' }), 409, 'duplicate', '/name');
		h.assertError(await c.zone1.post('/api/posts', { org_id: org[h.ORG.econ], name: '秘书', grade: '科员' }), 403, 'capability_required');
		// the figures and the posts export as the pages show them; another zone's export is empty
		const csvRows = (res) => res.text.replace(/^\uFEFF/, '').trim().split('\r\n');
		let rows = csvRows(await c.office1.get(`/api/staffing/export.csv?year=${YEAR}`));
		assert.equal(rows[0], '年度,开发区,行政编制,事业编制,员额,内设机构,领导职数,批复文号,批复时间,批复人,说明');
		assert.match(rows[1], new RegExp(`^${YEAR},${h.ORG.econ},2,3,3,2,1,`));
		assert.equal(rows.length, 2);
		assert.equal((await c.office1.get(`/api/staffing/export.xlsx?org_id=${org[h.ORG.econ]}`)).status, 200);
		rows = csvRows(await c.zone1.get('/api/posts/export.csv'));
		assert.deepEqual(rows, [
			'开发区,岗位,内设机构,职级,领导职务,在岗人员',
			...[['主任', '正处级', '是'], ['副主任', '副处级', '是'], ['招商专员', '一级主任科员', '否'], ['综合文员', '四级主任科员', '否'], ['财务专员', '四级主任科员', '否']]
				.map(([name, grade, leader]) => `${h.ORG.econ},${name},综合办公室,${grade},${leader},`),
		]);
		assert.equal(csvRows(await c.zone2.get('/api/posts/export.csv')).length, 1);
		assert.equal(csvRows(await c.zone2.get('/api/staffing/export.csv')).length, 1);
	});

	test('a zone without approved staffing cannot put anyone on its roster', T, async () => {
		h.assertError(await c.zone2.post('/api/people', person({ id_number: ids[5] })), 409, 'no_staffing');
		h.assertError(await c.office1.post('/api/people', person()), 403, 'forbidden');
	});

	test('ID numbers are checked by GB 11643; unknown region codes pass; x means X', T, async () => {
		const bad = [ids[0].slice(0, 17) + (ids[0][17] === '0' ? '1' : '0'), '2104021985010101', '21040219851301011X', ids[0] + '1'];
		for (const id_number of bad) {
			const r = await c.zone1.post('/api/people', person({ id_number }));
			assert.equal(r.status, 400, r.text);
			assert.equal(r.json.error.field, '/id_number', r.text);
		}
		assert.equal((await roster()).total, 0);
		let r = await c.zone1.post('/api/people', person({ id_number: ID_X.toLowerCase(), name: '李四', post_id: posts['主任'] }));
		assert.equal(r.status, 201, r.text);
		// zone1's organization does not hold read_personal: the first 3 and last 4 stay
		assert.equal(r.json.id_number, '110***********002X');
		assert.equal(r.json.post_name, '主任');
		assert.equal(r.json.post_leader, true);
		r = await c.zone1.post('/api/people', person({ id_number: ID_UNKNOWN_REGION, name: '王五', post_id: posts['招商专员'], identity: 'contract', appointment: 'hired' }));
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.identity_label, '聘用人员');
		// the ID number is sealed at rest: neither it nor its masked form is in the table
		const rows = await h.sqlOk(srv.db, 'SELECT id_sealed, id_hash FROM person ORDER BY id');
		assert.ok(!rows.includes(ID_X) && !rows.includes('002X'), rows);
		assert.match(rows, /v1:/);
	});

	test('the rules refuse a write and write nothing: leaders, one post each, one person per post, 员额', T, async () => {
		// 领导职数 1: the 主任 holds it, a 副主任 would be the second leader
		h.assertError(await c.zone1.post('/api/people', person({ post_id: posts['副主任'] })), 409, 'over_leaders');
		// the same ID number as 李四, on another post
		h.assertError(await c.zone1.post('/api/people', person({ id_number: ID_X, post_id: posts['综合文员'] })), 409, 'two_posts', '/id_number');
		// the post 招商专员 is held by 王五
		h.assertError(await c.zone1.post('/api/people', person({ post_id: posts['招商专员'] })), 409, 'post_taken');
		// a hired leader needs the approving committee and the appointing government
		h.assertError(
			await c.zone1.post('/api/people', person({ appointment: 'hired', post_id: posts['副主任'] })),
			409,
			'hired_leader',
		);
		// a secondee's sending unit of blanks is no unit (DECISIONS 299)
		h.assertError(
			await c.zone1.post('/api/people', person({ seconded: true, seconded_from: ' \u3000', secondment_start: `${YEAR}-03-01` })),
			400,
			'missing_field',
			'/seconded_from',
		);
		// a secondment ending on its first day
		h.assertError(
			await c.zone1.post('/api/people', person({ seconded: true, seconded_from: '市发改委', secondment_start: `${YEAR}-03-01`, secondment_end: `${YEAR}-03-01` })),
			409,
			'secondment_order',
			'/secondment_end',
		);
		assert.equal((await roster()).total, 2);
		// the third of 员额 3: a secondee from 市发改委
		let r = await c.zone1.post(
			'/api/people',
			person({ name: '赵六', seconded: true, seconded_from: '市发改委', secondment_start: `${YEAR}-03-01`, secondment_end: `${YEAR + 1}-02-28`, paid_by_zone: false, post_id: posts['综合文员'] }),
		);
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.seconded, true);
		assert.equal(r.json.paid_by_zone, false);
		// the roster is at its 员额: one more is refused, and nothing is written
		h.assertError(await c.zone1.post('/api/people', person({ id_number: ids[1], name: '孙七', post_id: posts['财务专员'] })), 409, 'over_quota');
		assert.equal((await roster()).total, 3);
		const st = (await c.office1.get('/api/staffing')).json.items[0];
		r = await c.office1.get(`/api/staffing/${st.id}`);
		assert.equal(r.json.now_people, 3);
		assert.equal(r.json.now_leaders, 1);
		// 编办 cannot cut the 员额 below the roster either
		h.assertError(await c.bianban1.put('/api/staffing', staffing({ quota: 2, doc_no: '抚编发〔X〕1号' })), 409, 'over_quota');
		assert.equal((await c.office1.get(`/api/staffing/${st.id}`)).json.quota, 3);
	});

	test('a secondment that returns frees its place; 退回原单位 needs a reason', T, async () => {
		const zhao = await roster('&seconded=1');
		const sec = zhao.items.find((p) => p.name === '赵六');
		assert.ok(sec);
		h.assertError(await c.zone1.post(`/api/people/${sec.id}/end`, { kind: 'returned', date: `${YEAR}-06-30` }), 400, 'missing_field', '/reason');
		// a reason of blanks is no reason (DECISIONS 299)
		h.assertError(await c.zone1.post(`/api/people/${sec.id}/end`, { kind: 'returned', date: h.day(0), reason: '   ' }), 400, 'missing_field', '/reason');
		h.assertError(await c.zone1.post(`/api/people/${sec.id}/end`, { kind: 'returned', date: `${YEAR - 1}-06-30`, reason: '工作需要' }), 409, 'end_before_start', '/date');
		h.assertError(await c.zone2.post(`/api/people/${sec.id}/end`, { kind: 'returned', date: `${YEAR}-06-30`, reason: '工作需要' }), 404, 'not_found');
		// a leaving still to come is not recorded ahead: the place and the ID number stay taken
		// until the day, which the rules cannot see coming (DECISIONS 298)
		const r0 = h.assertError(await c.zone1.post(`/api/people/${sec.id}/end`, { kind: 'returned', date: h.day(1), reason: '工作需要' }), 400, 'invalid_value', '/date');
		assert.match(r0.json.error.message, /不能晚于今天/);
		assert.equal((await roster()).total, 3);
		let r = await c.zone1.post(`/api/people/${sec.id}/end`, { kind: 'returned', date: h.day(0), reason: '派出单位工作需要' });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.end_kind, 'returned');
		assert.equal(r.json.end_reason, '派出单位工作需要');
		h.assertError(await c.zone1.post(`/api/people/${sec.id}/end`, { kind: 'left', date: `${YEAR}-07-01` }), 409, 'invalid_state');
		// the place is free again, and so is the post
		r = await c.zone1.post('/api/people', person({ id_number: ids[1], name: '孙七', post_id: posts['综合文员'] }));
		assert.equal(r.status, 201, r.text);
		assert.equal((await roster()).total, 3);
		assert.equal((await c.office1.get(`/api/people?org_id=${org[h.ORG.econ]}`)).json.total, 4);
	});

	test('a secondee retained (提拔留任) stays as the zone’s own', T, async () => {
		// make room: 员额 4 under a new document
		let r = await c.bianban1.put('/api/staffing', staffing({ quota: 4, doc_no: `抚编发〔${YEAR}〕30号` }));
		assert.equal(r.status, 200, r.text);
		r = await c.zone1.post('/api/people', person({ id_number: ids[2], name: '周八', seconded: true, seconded_from: '东洲区', secondment_start: `${YEAR}-02-01`, paid_by_zone: false }));
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.paid_by_zone, false);
		h.assertError(await c.zone1.post(`/api/people/${r.json.id}/retain`, { date: `${YEAR}-01-01` }), 409, 'secondment_order', '/date');
		const kept = await c.zone1.post(`/api/people/${r.json.id}/retain`, { date: `${YEAR}-11-01` });
		assert.equal(kept.status, 200, kept.text);
		assert.equal(kept.json.seconded, false);
		assert.equal(kept.json.retained, true);
		// the zone's own now: the zone pays, whoever paid the secondment
		assert.equal(kept.json.paid_by_zone, true);
		assert.equal(kept.json.secondment_end, `${YEAR}-11-01`);
		h.assertError(await c.zone1.post(`/api/people/${r.json.id}/retain`, { date: `${YEAR}-11-02` }), 409, 'invalid_state');
	});

	test('the figures keep their history with document numbers', T, async () => {
		const st = (await c.office1.get('/api/staffing')).json.items[0];
		const r = await c.bianban1.get(`/api/staffing/${st.id}/history`);
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(r.json.items.map((x) => [x.action, x.after.doc_no, x.after.quota, x.username]), [
			['change', `抚编发〔${YEAR}〕30号`, 4, 'bianban1'],
			['approve', `抚编发〔${YEAR}〕12号`, 3, 'bianban1'],
		]);
	});

	test('who reads what: scopes, masking and read_personal, the audit record masked', T, async () => {
		const li = (await roster('&q=李四')).items[0];
		assert.equal(li.id_number, '110***********002X');
		h.assertError(await c.zone2.get(`/api/people/${li.id}`), 404, 'not_found');
		assert.equal((await c.zone2.get('/api/people')).json.total, 0);
		// 顺城区 hosts the econ zone: the county reads it
		assert.equal((await c.county1.get('/api/people?current=1')).json.total, 0);
		assert.equal((await c.bianban1.get(`/api/people/${li.id}`)).status, 200);
		let r = await c.office1.post('/api/capabilities/grants', { org_id: org[h.ORG.commerce], capability: 'read_personal' });
		assert.equal(r.status, 201, r.text);
		assert.equal((await c.office1.get(`/api/people/${li.id}`)).json.id_number, ID_X);
		assert.equal((await c.zone1.get(`/api/people/${li.id}`)).json.id_number, '110***********002X');
		// the history (audit records) never holds the number
		r = await c.office1.get(`/api/people/${li.id}/history`);
		assert.equal(r.json.items[0].action, 'create');
		assert.equal(r.json.items[0].after.id_number, '110***********002X');
		const log = await h.sqlOk(srv.db, "SELECT after_json FROM audit_log WHERE entity_type = 'person'");
		assert.ok(!log.includes(ID_X), 'an ID number in the audit log');
		// the export: masked for the zone, in full for the office
		r = await c.zone1.get('/api/people/export.xlsx?current=1');
		assert.equal(r.status, 200);
		let text = h.xlsxText(r.buf);
		assert.ok(text.includes('110***********002X') && !text.includes(ID_X));
		r = await c.office1.get(`/api/people/export.xlsx?org_id=${org[h.ORG.econ]}`);
		text = h.xlsxText(r.buf);
		assert.ok(text.includes(ID_X));
		assert.equal(h.xlsxRows(r.buf), 1 + 5);
	});

	test('a change of a person keeps the rules and the history', T, async () => {
		const wang = (await roster('&q=王五')).items[0];
		const body = person({ id_number: ID_UNKNOWN_REGION, name: '王五', identity: 'contract', appointment: 'hired', post_id: posts['财务专员'], job_post: '财务主管' });
		h.assertError(await c.zone2.put(`/api/people/${wang.id}`, body), 404, 'not_found');
		h.assertError(await c.zone1.put(`/api/people/${wang.id}`, { ...body, post_id: posts['综合文员'] }), 409, 'post_taken');
		// without id_number the number on record stays
		const { id_number: _kept, ...noId } = body;
		const r = await c.zone1.put(`/api/people/${wang.id}`, noId);
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.post_name, '财务专员');
		assert.equal((await c.office1.get(`/api/people/${wang.id}`)).json.id_number, ID_UNKNOWN_REGION);
		const hist = (await c.zone1.get(`/api/people/${wang.id}/history`)).json.items;
		assert.deepEqual(hist.map((x) => x.action), ['update', 'create']);
		assert.equal(hist[0].before.post_name, '招商专员');
		assert.equal(hist[0].after.job_post, '财务主管');
		// a post someone holds stays
		h.assertError(await c.bianban1.del(`/api/posts/${posts['财务专员']}`), 409, 'post_in_use');
	});

	const HEADER = ['姓名', '身份证号码', '人员身份', '档案职务', '岗位职务', '岗位', '任用方式', '批准党委', '聘任政府', '是否挂职', '派出单位', '挂职开始', '挂职结束', '开发区发放薪酬', '到岗日期', '开发区'];
	const upload = (client, buf) =>
		client.post('/api/imports/people?name=' + encodeURIComponent('名册.xlsx'), buf, { raw: true, contentType: 'application/octet-stream' });

	test('the roster import: its template, every bad row with its line, nothing of a bad file', T, async () => {
		let r = await c.zone1.get('/api/imports/people/template.xlsx');
		assert.equal(r.status, 200);
		assert.deepEqual(readXlsx(r.buf)[0], HEADER);
		h.assertError(await c.office1.get('/api/imports/people/template.xlsx'), 403, 'forbidden');
		// 员额 4, on the roster 4 (李四, 王五, 孙七, 周八): raise it to 6 for the file
		r = await c.bianban1.put('/api/staffing', staffing({ quota: 6, doc_no: `抚编发〔${YEAR}〕41号` }));
		assert.equal(r.status, 200, r.text);
		const before = (await roster()).total;
		const bad = writeXlsx([
			HEADER,
			['钱一', ids[3], '事业编制', '', '综合文员', '', '委任制', null, null, '否', null, null, null, '是', '2026-02-01'],
			['钱二', ids[3].slice(0, 17) + (ids[3][17] === '1' ? '2' : '1'), '公务员', null, null, null, '委任制', null, null, null, null, null, null, null, '2026-02-01'],
			['钱三', ids[4], '公务员', null, null, '主任', '委任制', null, null, null, null, null, null, null, '2026-02-01'],
			['钱四', ID_X, '公务员', null, null, '副书记', '委任制', null, null, '是', null, '2026-05-01', '2026-04-01', null, '2026-02-01'],
			['钱五', ids[5], '公务员', null, null, null, '委任制', null, null, null, null, null, null, null, '2026-02-01', h.ORG.shengli],
		]);
		r = await upload(c.zone1, bad);
		h.assertError(r, 422, 'import_rejected');
		const problems = r.json.import.problems.map((p) => [p.row, p.column, p.message]);
		assert.deepEqual(
			problems.map(([row, col]) => [row, col]),
			[
				[3, '身份证号码'],
				[4, '岗位'],
				[5, '派出单位'],
				[5, '挂职结束'],
				[5, '身份证号码'],
				[5, '岗位'],
				[6, '开发区'],
			],
			JSON.stringify(problems),
		);
		assert.match(problems[1][2], /已有在岗人员/);
		assert.match(problems[3][2], /挂职结束日期应晚于开始日期/);
		assert.match(problems[4][2], /已在册/);
		assert.match(problems[5][2], /没有核定的岗位“副书记”/);
		assert.equal((await roster()).total, before, 'nothing of a bad file');
		// three good rows where two places are left: the third row is over the 员额
		const over = writeXlsx([
			HEADER,
			['钱一', ids[3], '事业编制', null, '综合文员', null, '委任制', null, null, null, null, null, null, null, '2026-02-01'],
			['钱三', ids[4], '聘用人员', null, null, null, '聘任制', null, null, null, null, null, null, null, '2026-02-01'],
			['钱五', ids[5], '公务员', null, null, null, '委任制', null, null, null, null, null, null, null, '2026-02-01'],
		]);
		r = await upload(c.zone1, over);
		h.assertError(r, 422, 'import_rejected');
		assert.deepEqual(r.json.import.problems.map((p) => [p.row, p.message]), [[4, '在册人数不得超过核定的员额（第十条 员额总控）']]);
		const good = writeXlsx([
			HEADER,
			['钱一', ids[3], '事业编制', '科员', '综合文员', null, '委任制', null, null, null, null, null, null, null, '2026-02-01'],
			['钱三', ids[4].toLowerCase(), '聘用人员', null, null, null, '聘任制', null, null, '是', '市科技局', '2026-02-01', null, '否', '2026-02-01'],
		]);
		r = await upload(c.zone1, good);
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.rows, 2);
		const list = await roster();
		assert.equal(list.total, before + 2);
		const qian = list.items.find((p) => p.name === '钱三');
		assert.equal(qian.seconded, true);
		assert.equal(qian.seconded_from, '市科技局');
		assert.equal(qian.paid_by_zone, false);
		assert.equal((await c.zone1.get(`/api/people/${qian.id}/history`)).json.items[0].action, 'import');
	});

	test('figures approved without body_names keep the bodies named before; fewer bodies than them are refused', T, async () => {
		const st = (await c.office1.get('/api/staffing')).json.items[0];
		const cur = (await c.office1.get(`/api/staffing/${st.id}`)).json;
		assert.deepEqual(cur.body_names, ['综合办公室', '招商服务局']);
		const figures = { org_id: cur.org_id, year: cur.year, admin_slots: cur.admin_slots, inst_slots: cur.inst_slots, bodies: cur.bodies, leaders: cur.leaders, quota: cur.quota, doc_no: `抚编发〔${YEAR}〕31号` };
		let r = await c.bianban1.put('/api/staffing', figures);
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(r.json.body_names, ['综合办公室', '招商服务局']);
		h.assertError(await c.bianban1.put('/api/staffing', { ...figures, bodies: 1, doc_no: `抚编发〔${YEAR}〕32号` }), 409, 'over_bodies', '/body_names');
		r = await c.office1.get(`/api/staffing/${st.id}`);
		assert.deepEqual([r.json.bodies, r.json.doc_no, r.json.body_names], [cur.bodies, `抚编发〔${YEAR}〕31号`, ['综合办公室', '招商服务局']]);
		// an empty list is the names taken away
		r = await c.bianban1.put('/api/staffing', { ...figures, body_names: [], doc_no: `抚编发〔${YEAR}〕33号` });
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(r.json.body_names, []);
	});
});
