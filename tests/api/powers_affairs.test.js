'use strict';
// powers_affairs.test.js - the tracked items of the powers module: social-affairs hand-over by
// the zone or its county with the board's progress per zone (art. 2); 高效办成一件事 key matters
// kept by the organization holding publish_power_list, problems enterprises report tracked to
// closure and followed by the enterprise with a query code (public, nothing of who reported; a
// wrong code tells nothing); the rules each department must adjust, exported (art. 17).

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

const T = { timeout: h.STEP_TIMEOUT };
const USERS = [
	...h.DEFAULT_USERS,
	{ username: 'market1', org: '市市场监管局', role: 'department' },
	{ username: 'data1', org: '市数据局', role: 'department' },
	{ username: 'shuncheng1', org: '顺城区', role: 'county' },
];

describe('social affairs, key matters, problems and rules to adjust', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, ids;

	before(async () => {
		srv = await h.startServer({ users: USERS });
		c = await h.loginAll(srv, ['admin', 'office1', 'zone1', 'zone2', 'auditor1', 'super1', 'market1', 'data1', 'shuncheng1']);
		ids = await h.orgIds(c.admin);
		for (const [org, cap] of [['市市场监管局', 'delegate_power'], ['市数据局', 'publish_power_list']]) {
			const r = await c.office1.post('/api/capabilities/grants', { org_id: ids[org], capability: cap });
			assert.equal(r.status, 201, r.text);
		}
		// answer dates are counted in working days, and a year without its notice is refused:
		// this throwaway database gets plain weeks for the years after the seeded ones, so the
		// test does not depend on the day it runs
		for (const year of [2027, 2028, 2029]) {
			const r = await c.office1.post('/api/work-calendar', { year, notice: `测试用：${year}年按普通周历`, published: '2026-11-01', days: [] });
			assert.equal(r.status, 201, r.text);
		}
	});

	after(async () => {
		if (srv) await srv.close();
	});

	const auditCount = async () => (await c.auditor1.get('/api/audit?page_size=1')).json.total;

	test('social affairs: the zone or its county plans the hand-over; the board shows progress', T, async () => {
		const econ = ids[h.ORG.econ];
		const post = (who, body) => c[who].post('/api/social-affairs', { zone_org_id: econ, ...body });
		h.assertError(await post('zone2', { category: 'community', name: '社区管理', status: 'carrying' }), 403, 'forbidden');
		h.assertError(await post('market1', { category: 'community', name: '社区管理', status: 'carrying' }), 403, 'forbidden');
		h.assertError(await post('zone1', { category: 'roads', name: '社区管理', status: 'carrying' }), 400, 'invalid_value', '/category');
		h.assertError(await post('zone1', { category: 'community', name: '社区管理', status: 'planned' }), 400, 'missing_field', '/receiving_body');
		h.assertError(await post('zone1', { category: 'community', name: '社区管理', status: 'planned', receiving_body: '顺城区民政局' }), 400, 'missing_field', '/target_date');
		h.assertError(await post('zone1', { category: 'community', name: '社区管理', status: 'handed_over', receiving_body: '顺城区民政局', target_date: '2025-06-30' }), 400, 'missing_field', '/evidence');
		let r = await post('zone1', { category: 'community', name: '社区管理', status: 'handed_over', receiving_body: '河北街道办事处', target_date: '2025-06-30', evidence: '顺政发〔2025〕8号' });
		assert.equal(r.status, 201, r.text);
		r = await post('shuncheng1', { category: 'education', name: '区内中小学管理', status: 'handing_over', receiving_body: '顺城区教育局', target_date: '2020-09-01' });
		assert.equal(r.status, 201, r.text);
		const school = r.json;
		r = await post('zone1', { category: 'health', name: '社区卫生服务站', status: 'carrying' });
		assert.equal(r.status, 201, r.text);
		h.assertError(await post('zone1', { category: 'health', name: '社区卫生服务站', status: 'carrying' }), 409, 'name_taken', '/name');
		h.assertError(await c.zone2.put(`/api/social-affairs/${school.id}`, { category: 'education', name: 'x', status: 'carrying' }), 404, 'not_found');
		// 1 of 3 handed over: 33.33 %; the schools are late (2020-09-01)
		r = await c.office1.get('/api/powers-board');
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(r.json.social, [{ handed_over: 1, handing_over: 1, overdue: 1, planned: 0, progress_bp: 3333, total: 3, zone_org_id: econ, zone_org_name: h.ORG.econ }]);
		r = await c.zone1.put(`/api/social-affairs/${school.id}`, { category: 'education', name: '区内中小学管理', status: 'handed_over', receiving_body: '顺城区教育局', target_date: '2020-09-01', evidence: '移交协议' });
		assert.equal(r.status, 200, r.text);
		r = await c.super1.get('/api/powers-board');
		assert.equal(r.json.social[0].progress_bp, 6667);
		assert.equal(r.json.social[0].overdue, 0);
		assert.deepEqual((await c.zone2.get('/api/powers-board')).json.social, []);
		assert.equal((await c.zone2.get('/api/social-affairs')).json.total, 0);
		assert.equal((await c.shuncheng1.get('/api/social-affairs')).json.total, 3);
		const x = await c.office1.get('/api/social-affairs/export.xlsx');
		assert.equal(h.xlsxRows(x.buf), 4);
		assert.ok(h.xlsxText(x.buf).includes('顺政发〔2025〕8号'));

		// the evidence is files (the shared attachments, kind social_affair) with the text as a
		// note; a file alone is evidence of a hand-over
		const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
		const upload = (who, name) => c[who].post(`/api/attachments?for=social_affair&name=${encodeURIComponent(name)}`, PDF, { raw: true, contentType: 'application/octet-stream' });
		let up = await upload('shuncheng1', '民政职能移交协议.pdf');
		assert.equal(up.status, 201, up.text);
		const civil = { category: 'civil_affairs', name: '民政救助', status: 'handed_over', receiving_body: '顺城区民政局', target_date: '2025-03-31' };
		r = await post('shuncheng1', { ...civil, attachment_ids: [up.json.id] });
		assert.equal(r.status, 201, r.text);
		assert.deepEqual([r.json.evidence, r.json.files.map((f) => f.filename)], [null, ['民政职能移交协议.pdf']]);
		const civilId = r.json.id;
		// an upload is claimed once, by its own organization
		h.assertError(await c.zone1.put(`/api/social-affairs/${civilId}`, { ...civil, attachment_ids: [up.json.id] }), 400, 'invalid_value', '/attachment_ids');
		up = await upload('zone1', '移交清单.pdf');
		r = await c.zone1.put(`/api/social-affairs/${civilId}`, { ...civil, evidence: '附移交清单', attachment_ids: [up.json.id] });
		assert.equal(r.status, 200, r.text);
		assert.deepEqual([r.json.evidence, r.json.files.map((f) => f.filename)], ['附移交清单', ['民政职能移交协议.pdf', '移交清单.pdf']]);
		// the files kept, the note may go
		r = await c.zone1.put(`/api/social-affairs/${civilId}`, civil);
		assert.equal(r.status, 200, r.text);
		const listed = (await c.office1.get('/api/social-affairs')).json.items.find((x) => x.id === civilId);
		assert.equal(listed.files.length, 2);
		assert.deepEqual((await c.office1.get('/api/social-affairs')).json.items.find((x) => x.id === school.id).files, []);
		// read by whoever reads the entry, not by another zone
		assert.equal((await c.office1.get(`/api/attachments/${up.json.id}`)).status, 200);
		assert.equal((await c.shuncheng1.get(`/api/attachments?entity_type=social_affair&entity_id=${civilId}`)).json.total, 2);
		h.assertError(await c.zone2.get(`/api/attachments/${up.json.id}`), 404, 'not_found');
		h.assertError(await c.zone2.get(`/api/attachments?entity_type=social_affair&entity_id=${civilId}`), 404, 'not_found');
		// the audit record of the entry keeps the note, not the files
		const audit = (await c.auditor1.get('/api/audit?entity_type=social_affair')).json.items[0];
		assert.deepEqual([audit.action, audit.before.evidence, audit.after.evidence, audit.after.files], ['update', '附移交清单', null, undefined]);
	});

	let matter, problem, code;

	test('高效办成一件事: key matters combine powers; kept by the list’s publisher', T, async () => {
		const r0 = await c.market1.post('/api/powers', { code: '3704210001', name: '食品经营许可', kind: 'licensing', legal_basis: '《中华人民共和国食品安全法》第三十五条', statutory_days: 20, promised_days: 10 });
		assert.equal(r0.status, 201, r0.text);
		const body = { name: '开办餐饮店', steps: '一次告知\n一表申请\n一窗受理', promised_days: 3, power_ids: [r0.json.id] };
		h.assertError(await c.office1.post('/api/key-matters', body), 403, 'capability_required');
		h.assertError(await c.data1.post('/api/key-matters', { ...body, power_ids: [] }), 400, 'missing_field', '/power_ids');
		h.assertError(await c.data1.post('/api/key-matters', { ...body, power_ids: [999999] }), 400, 'invalid_value', '/power_ids');
		const r = await c.data1.post('/api/key-matters', body);
		assert.equal(r.status, 201, r.text);
		matter = r.json;
		assert.deepEqual(matter.departments, ['市市场监管局']);
		assert.equal(matter.lead_org_name, '市数据局');
		h.assertError(await c.data1.post('/api/key-matters', body), 409, 'name_taken', '/name');
		const l = await c.zone1.get('/api/key-matters');
		assert.equal(l.json.items[0].powers[0].name, '食品经营许可');
		const x = await c.zone1.get('/api/key-matters/export.xlsx');
		assert.ok(h.xlsxText(x.buf).includes('开办餐饮店'));
	});

	test('a reported problem is tracked to closure and followed by its query code', T, async () => {
		const body = { matter_id: matter.id, zone_org_id: ids[h.ORG.econ], enterprise: '抚顺某餐饮管理有限公司', contact_phone: '13800138000', source: 'hotline', description: '食品经营许可现场核查预约不上', handler_org_id: ids['市市场监管局'] };
		h.assertError(await c.zone1.post('/api/problems', body), 403, 'capability_required');
		h.assertError(await c.data1.post('/api/problems', { ...body, source: 'email' }), 400, 'invalid_value', '/source');
		h.assertError(await c.data1.post('/api/problems', { ...body, contact_phone: 'abc' }), 400, 'invalid_value', '/contact_phone');
		const missing = await c.data1.post('/api/problems', { ...body, handler_org_id: 999999 });
		h.assertError(missing, 400, 'invalid_value', '/handler_org_id');
		assert.equal(missing.json.error.message, '承办单位不存在');
		const before = await auditCount();
		let r = await c.data1.post('/api/problems', body);
		assert.equal(r.status, 201, r.text);
		assert.equal(r.headers.get('cache-control'), 'no-store');
		problem = r.json.problem;
		code = r.json.query_code;
		assert.match(code, /^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/);
		assert.equal(problem.status, 'open');
		assert.equal(problem.contact_phone, '138****8000'); // masked: nobody holds read_personal
		assert.equal(await auditCount(), before + 1);
		// the code is in no record: not in the audit log, not in the problem
		const a = await c.auditor1.get(`/api/audit?entity_type=matter_problem&entity_id=${problem.id}`);
		assert.ok(!JSON.stringify(a.json).includes(code));
		assert.equal(a.json.items[0].after.contact_phone, '138****8000');
		// the due date is 3 working days on (the matter's promise, fewer than 5)
		const due = (await c.zone1.get(`/api/work-calendar/deadline?from=${h.dayOf(problem.reported_at)}&days=3`));
		if (due.status === 200) assert.equal(problem.due_date, due.json.due);

		// the enterprise asks: no login, nothing of who reported or how to reach them
		const anon = new h.Client(srv);
		r = await anon.get(`/api/public/problems?code=${code.toLowerCase().replace(/-/g, ' ')}`);
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.status_label, '办理中');
		assert.equal(r.json.handler_org_name, '市市场监管局');
		for (const s of ['13800138000', '138****8000', '抚顺某餐饮', 'hotline', 'description', '预约不上']) assert.ok(!r.text.includes(s), s);
		// a wrong code, a malformed one and one off by a character answer alike
		const last = code.slice(-1) === 'Z' ? 'Y' : 'Z';
		for (const q of [`${code.slice(0, -1)}${last}`, 'ABC', 'x'.repeat(100), '']) {
			h.assertError(await anon.get(`/api/public/problems?code=${encodeURIComponent(q)}`), 404, 'not_found', 'code');
		}
		h.assertError(await anon.get('/api/public/problems'), 404, 'not_found');
		h.assertError(await anon.get(`/api/public/problems?code=${code}&id=1`), 400, 'unknown_parameter');

		// 我的待办: the handler answers it, the recorder (publish_power_list) and the office follow
		// it; a department or a county with none assigned, a zone and a supervisor get no tile
		const tile = async (who) => (await c[who].get('/api/todos')).json.items.find((x) => x.key === 'problems_open');
		for (const who of ['market1', 'data1', 'office1']) {
			const t = await tile(who);
			assert.deepEqual([t.label, t.count, t.link], ['办理中的堵点问题', 1, '/power-affairs?tab=matters&problem_status=open'], who);
			assert.equal(t.count, (await c[who].get('/api/problems?status=open')).json.total, who);
		}
		for (const who of ['zone1', 'shuncheng1', 'super1', 'admin', 'auditor1']) assert.equal(await tile(who), undefined, who);

		// only the handler answers; only the recorder closes or reopens
		h.assertError(await c.data1.post(`/api/problems/${problem.id}/close`, { note: '企业满意' }), 409, 'invalid_state');
		h.assertError(await c.data1.post(`/api/problems/${problem.id}/answer`, { answer: 'x' }), 403, 'forbidden');
		h.assertError(await c.zone2.post(`/api/problems/${problem.id}/answer`, { answer: 'x' }), 404, 'not_found');
		r = await c.market1.post(`/api/problems/${problem.id}/answer`, { answer: '已开通线上预约，3个工作日内上门核查' });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.status, 'answered');
		assert.equal(await tile('market1'), undefined); // answered: nothing left for the handler
		assert.equal((await tile('data1')).count, 0);
		h.assertError(await c.market1.post(`/api/problems/${problem.id}/close`, { note: 'x' }), 403, 'forbidden');
		r = await c.data1.post(`/api/problems/${problem.id}/reopen`, { note: '企业反映仍未上门' });
		assert.equal(r.json.status, 'open');
		assert.equal((await tile('market1')).count, 1);
		assert.equal(r.json.answered_at, null);
		await c.market1.post(`/api/problems/${problem.id}/answer`, { answer: '已于次日上门核查并发证' });
		h.assertError(await c.data1.post(`/api/problems/${problem.id}/close`, {}), 400, 'missing_field', '/note');
		r = await c.data1.post(`/api/problems/${problem.id}/close`, { note: '回访企业，表示满意' });
		assert.equal(r.json.status, 'closed');
		h.assertError(await c.market1.post(`/api/problems/${problem.id}/answer`, { answer: 'x' }), 409, 'invalid_state');
		r = await anon.get(`/api/public/problems?code=${code}`);
		assert.equal(r.json.status_label, '已办结');
		assert.equal(r.json.answer, '已于次日上门核查并发证');
		const au = await c.auditor1.get(`/api/audit?entity_type=matter_problem&entity_id=${problem.id}&page_size=20`);
		assert.deepEqual(au.json.items.map((x) => x.action).reverse(), ['create', 'answer', 'reopen', 'answer', 'close']);
		// who sees the problem: the handler, the recorder, the office, supervisors
		for (const who of ['market1', 'data1', 'office1', 'super1']) assert.equal((await c[who].get('/api/problems')).json.total, 1, who);
		assert.equal((await c.zone1.get('/api/problems')).json.total, 0);
		r = await c.office1.get('/api/powers-board');
		assert.deepEqual(r.json.problems, { answered: 0, closed: 1, open: 0, overdue: 0 });
		const x = await c.office1.get('/api/problems/export.xlsx');
		assert.ok(h.xlsxText(x.buf).includes('食品经营许可现场核查预约不上'));
	});

	test('rules to adjust: each department its own, tracked on the board, exported', T, async () => {
		const body = { kind: 'own_normative', title: '抚顺市食品经营许可审查细则', provision: '第十二条', change: '将审批主体调整为开发区管委会', procedure: '合法性审查后以部门文件修订印发', target_date: '2020-12-31', status: 'planned' };
		h.assertError(await c.zone1.post('/api/rule-adjustments', body), 403, 'forbidden');
		h.assertError(await c.market1.post('/api/rule-adjustments', { ...body, kind: 'law' }), 400, 'invalid_value', '/kind');
		h.assertError(await c.market1.post('/api/rule-adjustments', { ...body, status: 'done' }), 400, 'missing_field', '/result_document');
		let r = await c.market1.post('/api/rule-adjustments', body);
		assert.equal(r.status, 201, r.text);
		const rule = r.json;
		r = await c.market1.post('/api/rule-adjustments', { ...body, kind: 'city_document', title: '抚顺市市场主体登记管理办法', target_date: '2099-06-30', status: 'in_progress' });
		assert.equal(r.status, 201, r.text);
		r = await c.office1.get('/api/powers-board');
		assert.deepEqual(r.json.rules, { done: 0, in_progress: 1, overdue: 1, planned: 1 });
		// the office's 督导看板 too (GET /api/board), with the zones' social-affairs hand-over
		// (3 of 4 handed over in 经开区), and the overdue ones listed by the board's link
		r = await c.office1.get('/api/board');
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(r.json.powers, { rules: { done: 0, in_progress: 1, overdue: 1, planned: 1 }, social: { handed_over: 3, overdue: 0, progress_bp: 7500, total: 4 } });
		assert.deepEqual((await c.office1.get(`/api/board?org_id=${ids[h.ORG.shengli]}`)).json.powers.social, { handed_over: 0, overdue: 0, progress_bp: 0, total: 0 });
		assert.deepEqual((await c.zone2.get('/api/board')).json.powers.rules, { done: 0, in_progress: 0, overdue: 0, planned: 0 });
		r = await c.market1.get('/api/rule-adjustments?overdue=1');
		assert.deepEqual(r.json.items.map((x) => x.title), ['抚顺市食品经营许可审查细则']);
		assert.equal((await c.office1.get('/api/rule-adjustments?overdue=1&status=in_progress')).json.total, 0);
		let ex = await c.office1.get('/api/rule-adjustments/export.xlsx?overdue=1');
		assert.equal(h.xlsxRows(ex.buf), 2);
		// counted in SQL within the scope: the department its own, a zone none
		assert.deepEqual((await c.market1.get('/api/powers-board')).json.rules, { done: 0, in_progress: 1, overdue: 1, planned: 1 });
		assert.deepEqual((await c.zone1.get('/api/powers-board')).json.rules, { done: 0, in_progress: 0, overdue: 0, planned: 0 });
		assert.deepEqual((await c.zone1.get('/api/powers-board')).json.problems, { answered: 0, closed: 0, open: 0, overdue: 0 });
		h.assertError(await c.data1.put(`/api/rule-adjustments/${rule.id}`, body), 404, 'not_found');
		r = await c.market1.put(`/api/rule-adjustments/${rule.id}`, { ...body, status: 'done', result_document: '抚市监规〔2025〕3号' });
		assert.equal(r.json.status_label, '已完成');
		r = await c.office1.get('/api/powers-board');
		assert.deepEqual(r.json.rules, { done: 1, in_progress: 1, overdue: 0, planned: 0 });
		assert.equal((await c.data1.get('/api/rule-adjustments')).json.total, 2); // the publisher reads all
		assert.equal((await c.zone1.get('/api/rule-adjustments')).json.total, 0);
		const x = await c.office1.get('/api/rule-adjustments/export.xlsx');
		assert.equal(h.xlsxRows(x.buf), 3);
		for (const s of ['抚市监规〔2025〕3号', '本部门规范性文件', '市级文件', '合法性审查后以部门文件修订印发']) assert.ok(h.xlsxText(x.buf).includes(s), s);
		const v = await c.auditor1.get('/api/audit/verify');
		assert.equal(v.json.ok, true, v.text);
	});

	// last: it makes this address wait
	test('an address that sends wrong query codes waits: the 20th within 15 minutes, then 5 minutes', T, async () => {
		const anon = new h.Client(srv);
		// the problem test sent 5 wrong codes (four typed wrong and one missing) from this address
		for (let i = 6; i < 20; i++) h.assertError(await anon.get(`/api/public/problems?code=WRONG${i}`), 404, 'not_found', 'code');
		let r = await anon.get('/api/public/problems?code=WRONG20');
		h.assertError(r, 429, 'too_many_attempts');
		assert.equal(r.headers.get('retry-after'), '300');
		assert.equal(r.json.error.message, '查询次数过多，请5分钟后再试');
		// while it waits even the right code is not looked up
		r = await anon.get(`/api/public/problems?code=${code}`);
		h.assertError(r, 429, 'too_many_attempts');
		// the staff's routes are not limited by it
		assert.equal((await c.data1.get(`/api/problems/${problem.id}`)).status, 200);
	});
});
