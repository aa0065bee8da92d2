'use strict';
// powers.test.js - the powers module (art. 3, 4): the catalogue kept by departments holding
// delegate_power; every step of a zone's list (一区一单), allowed and refused, by the right side
// only; monthly figures and the evaluation figures worked out by hand; publication and the
// public page (no login, only published lists, nothing of the evaluation); the zone–county
// 权责清单 (a function in no one's hands or in both refused, versions approved by 编办); working
// days from the State Council's notices and a year past the table refused.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');
const { writeXlsx, numberCells } = require('./xlsx');
const { bothExports } = require('./exports');

const T = { timeout: h.STEP_TIMEOUT };
const USERS = [
	...h.DEFAULT_USERS,
	{ username: 'market1', org: '市市场监管局', role: 'department' },
	{ username: 'land1', org: '市自然资源局', role: 'department' },
	{ username: 'data1', org: '市数据局', role: 'department' },
	{ username: 'bianban1', org: '市委编办', role: 'department' },
	{ username: 'shuncheng1', org: '顺城区', role: 'county' },
];

describe('powers and boundaries', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, ids;
	const p = {}; // catalogue entries by short name
	const d = {}; // list entries by short name

	before(async () => {
		srv = await h.startServer({ users: USERS });
		c = await h.loginAll(srv, ['admin', 'office1', 'zone1', 'zone2', 'county1', 'auditor1', 'super1', 'market1', 'land1', 'data1', 'bianban1', 'shuncheng1']);
		ids = await h.orgIds(c.admin);
		const grant = async (org, capability) => {
			const r = await c.office1.post('/api/capabilities/grants', { org_id: ids[org], capability });
			assert.equal(r.status, 201, r.text);
		};
		await grant('市市场监管局', 'delegate_power');
		await grant('市自然资源局', 'delegate_power');
		await grant('市数据局', 'publish_power_list');
		await grant('市委编办', 'approve_duty_list');
		// the sessions were opened before the grants: capabilities are read per request
	});

	after(async () => {
		if (srv) await srv.close();
	});

	const auditCount = async () => (await c.auditor1.get('/api/audit?page_size=1')).json.total;
	const upload = (who, kind, buf) => c[who].post(`/api/imports/${kind}?name=${encodeURIComponent(`${kind}.xlsx`)}`, buf, { raw: true, contentType: 'application/octet-stream' });
	const CASES = ['事项编码', '开发区', '月份', '受理件数', '办结件数', '按时办结件数', '平均办理时长（工作日）', '好评数', '差评数'];
	const step = (who, id, body) => c[who].post(`/api/power-delegations/${id}/steps`, body);

	test('the catalogue: kept by the department holding delegate_power, checked, exported', T, async () => {
		const entry = {
			code: '3704210001',
			name: '食品经营许可',
			kind: 'licensing',
			legal_basis: '《中华人民共和国食品安全法》第三十五条',
			statutory_days: 20,
			promised_days: 10,
			accept_incomplete: true,
			notify_commit: true,
		};
		const before = await auditCount();
		// a zone, a county and an office without the capability are refused; nothing written
		h.assertError(await c.zone1.post('/api/powers', entry), 403, 'forbidden'); // the departments' (DECISIONS 326)
		h.assertError(await c.office1.post('/api/powers', entry), 403, 'capability_required');
		h.assertError(await c.auditor1.post('/api/powers', entry), 403, 'forbidden');
		// bad input names the field
		h.assertError(await c.market1.post('/api/powers', { ...entry, promised_days: 21 }), 400, 'invalid_value', '/promised_days');
		h.assertError(await c.market1.post('/api/powers', { ...entry, kind: 'permit' }), 400, 'invalid_value', '/kind');
		h.assertError(await c.market1.post('/api/powers', { ...entry, legal_basis: '   ' }), 400, 'missing_field', '/legal_basis');
		h.assertError(await c.market1.post('/api/powers', { ...entry, statutory_days: '20' }), 400, 'invalid_type', '/statutory_days');
		assert.equal(await auditCount(), before);

		let r = await c.market1.post('/api/powers', entry);
		assert.equal(r.status, 201, r.text);
		p.food = r.json;
		assert.equal(r.json.dept_org_name, '市市场监管局');
		assert.equal(r.json.kind_label, '行政许可');
		assert.equal(r.json.accept_incomplete, true);
		r = await c.market1.post('/api/powers', { ...entry, code: '3704210002', name: '特种设备使用登记', kind: 'confirmation', legal_basis: '《中华人民共和国特种设备安全法》第三十三条', statutory_days: 15, promised_days: 5, accept_incomplete: false, notify_commit: false });
		assert.equal(r.status, 201, r.text);
		p.equip = r.json;
		r = await c.land1.post('/api/powers', { ...entry, code: '3704110003', name: '建设项目用地预审与选址意见书核发', kind: 'licensing', legal_basis: '《中华人民共和国土地管理法实施条例》第二十四条', statutory_days: 20, promised_days: 15 });
		assert.equal(r.status, 201, r.text);
		p.site = r.json;
		assert.equal(await auditCount(), before + 3);
		// the code is unique; another department cannot edit this department's entry
		h.assertError(await c.land1.post('/api/powers', { ...entry, code: '3704210001' }), 409, 'code_taken', '/code');
		h.assertError(await c.land1.put(`/api/powers/${p.food.id}`, entry), 403, 'forbidden');
		r = await c.market1.put(`/api/powers/${p.food.id}`, { ...entry, promised_days: 8 });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.promised_days, 8);
		// everyone who works with powers reads the catalogue
		for (const who of ['zone1', 'county1', 'super1', 'office1']) {
			const l = await c[who].get('/api/powers?page_size=50');
			assert.equal(l.status, 200, l.text);
			assert.equal(l.json.total, 3, who);
		}
		h.assertError(await c.auditor1.get('/api/powers'), 403, 'forbidden');
		r = await c.zone1.get(`/api/powers?q=${encodeURIComponent('用地')}`);
		assert.deepEqual(r.json.items.map((x) => x.code), ['3704110003']);
		r = await c.zone1.get(`/api/powers?dept_org_id=${ids['市市场监管局']}&kind=licensing`);
		assert.deepEqual(r.json.items.map((x) => x.code), ['3704210001']);
		const x = await c.zone1.get('/api/powers/export.xlsx');
		assert.equal(x.status, 200);
		assert.equal(h.xlsxRows(x.buf), 4);
		for (const s of ['事项编码', '食品经营许可', '《中华人民共和国食品安全法》第三十五条', '市自然资源局']) assert.ok(h.xlsxText(x.buf).includes(s), s);
		// the CSV twin: the same rows with the same filters
		let csv = await c.zone1.get('/api/powers/export.csv');
		assert.equal(csv.status, 200);
		assert.equal(csv.text.trim().split('\r\n').length, 4);
		for (const s of ['事项编码', '食品经营许可', '市自然资源局']) assert.ok(csv.text.includes(s), s);
		csv = await c.zone1.get(`/api/powers/export.csv?dept_org_id=${ids['市市场监管局']}&kind=licensing`);
		assert.deepEqual(csv.text.trim().split('\r\n').slice(1).map((l) => l.split(',')[0]), ['3704210001']);
	});

	test('a zone’s list: every step, allowed and refused, by its own side only', T, async () => {
		const econ = ids[h.ORG.econ];
		let before = await auditCount();
		// the department puts a power on the zone's list (拟下放); the zone proposes another
		let r = await c.market1.post('/api/power-delegations', { action: 'plan', power_id: p.food.id, zone_org_id: econ });
		assert.equal(r.status, 201, r.text);
		d.food = r.json;
		assert.equal(r.json.status, 'planned');
		assert.equal(r.json.origin, 'department');
		r = await c.zone1.post('/api/power-delegations', { action: 'propose', power_id: p.equip.id, zone_org_id: econ, note: '区内特种设备企业多' });
		assert.equal(r.status, 201, r.text);
		d.equip = r.json;
		assert.equal(r.json.status, 'proposed');
		assert.equal(r.json.status_label, '拟申请');
		assert.equal(await auditCount(), before + 2);
		before = await auditCount();
		// refused: a zone planning (no capability), a zone proposing for another zone, another
		// department planning a power not its own, the same power twice
		h.assertError(await c.zone1.post('/api/power-delegations', { action: 'plan', power_id: p.site.id, zone_org_id: econ }), 403, 'forbidden');
		h.assertError(await c.zone2.post('/api/power-delegations', { action: 'propose', power_id: p.site.id, zone_org_id: econ }), 403, 'forbidden');
		h.assertError(await c.land1.post('/api/power-delegations', { action: 'plan', power_id: p.food.id, zone_org_id: econ }), 403, 'forbidden');
		h.assertError(await c.market1.post('/api/power-delegations', { action: 'plan', power_id: p.food.id, zone_org_id: econ }), 409, 'invalid_state');
		h.assertError(await c.market1.post('/api/power-delegations', { action: 'plan', power_id: p.food.id, zone_org_id: ids['顺城区'] }), 400, 'invalid_value', '/zone_org_id');
		h.assertError(await c.market1.post('/api/power-delegations', { action: 'delegate', power_id: p.food.id, zone_org_id: econ }), 400, 'invalid_value', '/action');
		// the department answers the proposal: declining needs a reason
		h.assertError(await step('market1', d.equip.id, { action: 'decline' }), 400, 'missing_field', '/note');
		h.assertError(await step('zone1', d.equip.id, { action: 'accept_proposal' }), 403, 'forbidden');
		h.assertError(await step('market1', d.equip.id, { action: 'delegate', mode: 'direct', document: '抚市监发〔2025〕1号', effective_from: '2025-03-01' }), 409, 'invalid_state');
		assert.equal(await auditCount(), before);
		r = await step('market1', d.equip.id, { action: 'decline', note: '需先配备持证检验人员' });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.status, 'declined');
		// the zone proposes again; the department agrees
		r = await c.zone1.post('/api/power-delegations', { action: 'propose', power_id: p.equip.id, zone_org_id: econ, note: '已配备人员' });
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.id, d.equip.id);
		assert.equal(r.json.status, 'proposed');
		r = await step('market1', d.equip.id, { action: 'accept_proposal' });
		assert.equal(r.json.status, 'planned');
		assert.equal(await auditCount(), before + 3);

		// 下放: mode, document and date are required
		h.assertError(await step('market1', d.food.id, { action: 'delegate', mode: 'direct', effective_from: '2025-03-01' }), 400, 'missing_field', '/document');
		h.assertError(await step('market1', d.food.id, { action: 'delegate', mode: 'handover', document: 'x', effective_from: '2025-03-01' }), 400, 'invalid_value', '/mode');
		h.assertError(await step('market1', d.food.id, { action: 'delegate', mode: 'direct', document: 'x', effective_from: '2025-02-30' }), 400, 'invalid_value', '/effective_from');
		h.assertError(await step('land1', d.food.id, { action: 'delegate', mode: 'direct', document: 'x', effective_from: '2025-03-01' }), 404, 'not_found');
		h.assertError(await step('zone1', d.food.id, { action: 'accept', service_place: '经开区政务服务中心' }), 409, 'invalid_state');
		r = await step('market1', d.food.id, { action: 'delegate', mode: 'direct', document: '抚市监发〔2025〕12号', effective_from: '2025-02-01' });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.status, 'delegated');
		assert.equal(r.json.mode_label, '直接下放');
		h.assertError(await step('market1', d.food.id, { action: 'delegate', mode: 'direct', document: 'x', effective_from: '2025-03-01' }), 409, 'invalid_state');
		// 承接: only the zone itself, with where to apply
		h.assertError(await step('zone2', d.food.id, { action: 'accept', service_place: 'x' }), 404, 'not_found');
		h.assertError(await step('shuncheng1', d.food.id, { action: 'accept', service_place: 'x' }), 403, 'forbidden');
		h.assertError(await step('market1', d.food.id, { action: 'accept', service_place: 'x' }), 403, 'forbidden');
		h.assertError(await step('zone1', d.food.id, { action: 'accept' }), 400, 'missing_field', '/service_place');
		r = await step('zone1', d.food.id, { action: 'accept', service_place: '经开区政务服务中心2号窗口' });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.status, 'accepted');
		h.assertError(await step('zone1', d.food.id, { action: 'not_ready', note: 'x' }), 409, 'invalid_state');
		h.assertError(await step('market1', d.food.id, { action: 'act', mode: 'agency', acting_by: 'x', acting_until: '2099-01-01' }), 409, 'invalid_state');

		// not ready: an acting arrangement, re-assessed, then accepted
		r = await step('market1', d.equip.id, { action: 'delegate', mode: 'entrust', document: '抚市监发〔2025〕13号', effective_from: '2025-03-01' });
		assert.equal(r.json.status, 'delegated');
		h.assertError(await step('zone1', d.equip.id, { action: 'not_ready' }), 400, 'missing_field', '/note');
		r = await step('zone1', d.equip.id, { action: 'not_ready', note: '检验人员尚未取得资格' });
		assert.equal(r.json.status, 'not_ready');
		assert.equal(r.json.status_label, '暂不具备承接条件');
		h.assertError(await step('market1', d.equip.id, { action: 'act', mode: 'direct', acting_by: '市市场监管局派驻窗口', acting_until: '2099-06-30' }), 400, 'invalid_value', '/mode');
		h.assertError(await step('market1', d.equip.id, { action: 'act', mode: 'stationed', acting_by: '市市场监管局派驻窗口', acting_until: '2020-06-30' }), 400, 'invalid_value', '/acting_until');
		h.assertError(await step('market1', d.equip.id, { action: 'act', mode: 'stationed', acting_until: '2099-06-30' }), 400, 'missing_field', '/acting_by');
		r = await step('market1', d.equip.id, { action: 'act', mode: 'stationed', acting_by: '市市场监管局派驻经开区窗口', acting_until: '2099-06-30' });
		assert.equal(r.json.status, 'acting');
		// the arrangement's mode beside the delegation's own, which the re-assessment offers back
		assert.equal(r.json.acting_mode_label, '派驻人员');
		assert.equal(r.json.mode_label, '委托');
		h.assertError(await step('zone1', d.equip.id, { action: 'accept', service_place: 'x' }), 409, 'invalid_state');
		r = await step('market1', d.equip.id, { action: 'reassess', mode: 'entrust', note: '人员已取得资格' });
		assert.equal(r.json.status, 'delegated');
		assert.equal(r.json.acting_by, null);
		assert.equal(r.json.acting_mode, null);
		assert.equal(r.json.mode, 'entrust');
		h.assertError(await step('market1', d.equip.id, { action: 'reassess', mode: 'entrust' }), 409, 'invalid_state');
		// 收回 with a reason; then the department may plan it again
		r = await step('market1', d.equip.id, { action: 'not_ready', note: 'x' });
		assert.equal(r.status, 403);
		h.assertError(await step('market1', d.equip.id, { action: 'revoke' }), 400, 'missing_field', '/note');
		r = await step('market1', d.equip.id, { action: 'revoke', note: '调整为市级统一办理' });
		assert.equal(r.json.status, 'revoked');
		h.assertError(await step('market1', d.equip.id, { action: 'revoke', note: 'x' }), 409, 'invalid_state');
		r = await c.market1.post('/api/power-delegations', { action: 'plan', power_id: p.equip.id, zone_org_id: econ });
		assert.equal(r.json.status, 'planned');
		assert.equal(r.json.mode, null);
		// and to the acting arrangement again, for the public page below
		await step('market1', d.equip.id, { action: 'delegate', mode: 'entrust', document: '抚市监发〔2025〕20号', effective_from: '2025-04-01' });
		await step('zone1', d.equip.id, { action: 'not_ready', note: '检验人员调整' });
		r = await step('market1', d.equip.id, { action: 'act', mode: 'lead', acting_by: '市市场监管局特种设备科', acting_until: '2099-12-31' });
		assert.equal(r.json.status, 'acting');
		assert.equal(r.json.mode, 'entrust');
		assert.equal(r.json.acting_mode, 'lead');
		assert.equal(r.json.acting_mode_label, '领办');

		// each step is audited with its action and the entry before and after
		const a = await c.auditor1.get(`/api/audit?entity_type=power_delegation&entity_id=${d.equip.id}&page_size=50`);
		assert.deepEqual(a.json.items.map((x) => x.action).reverse(), [
			'propose', 'decline', 'propose', 'accept_proposal', 'delegate', 'not_ready', 'act', 'reassess', 'revoke', 'plan', 'delegate', 'not_ready', 'act',
		]);
		const act = a.json.items[0];
		assert.equal(act.before.status, 'not_ready');
		assert.equal(act.after.status, 'acting');
		assert.equal(act.after.acting_by, '市市场监管局特种设备科');
	});

	test('who sees which lists: the zone its own, the department its powers, office and supervisors all', T, async () => {
		const econ = ids[h.ORG.econ];
		const shengli = ids[h.ORG.shengli];
		const r0 = await c.land1.post('/api/power-delegations', { action: 'plan', power_id: p.site.id, zone_org_id: shengli });
		assert.equal(r0.status, 201, r0.text);
		d.site = r0.json;
		const count = async (who, q = '') => {
			const r = await c[who].get(`/api/power-delegations?page_size=100${q}`);
			assert.equal(r.status, 200, `${who}: ${r.text}`);
			return r.json.items.map((x) => x.power.code).sort();
		};
		assert.deepEqual(await count('zone1'), ['3704210001', '3704210002']);
		assert.deepEqual(await count('zone2'), ['3704110003']);
		assert.deepEqual(await count('market1'), ['3704210001', '3704210002']);
		assert.deepEqual(await count('land1'), ['3704110003']);
		assert.deepEqual(await count('shuncheng1'), ['3704210001', '3704210002']); // its zone
		assert.deepEqual(await count('county1'), []);
		assert.deepEqual(await count('office1'), ['3704110003', '3704210001', '3704210002']);
		assert.deepEqual(await count('super1'), ['3704110003', '3704210001', '3704210002']);
		assert.deepEqual(await count('office1', `&zone_org_id=${econ}&status=acting`), ['3704210002']);
		h.assertError(await c.auditor1.get('/api/power-delegations'), 403, 'forbidden');
		// whom to put a power on the list of: every zone, whatever the department's data scope
		const parties = (await c.market1.get('/api/power-orgs')).json.items;
		assert.deepEqual(parties.filter((o) => o.type === 'zone').map((o) => o.name).sort(), [h.ORG.hightech, h.ORG.econ, h.ORG.shengli, '抚顺县经济开发区（示例）'].sort());
		assert.ok(parties.every((o) => ['zone', 'county', 'city_department'].includes(o.type)));
		h.assertError(await c.auditor1.get('/api/power-orgs'), 403, 'forbidden');
		h.assertError(await c.zone2.get(`/api/power-delegations/${d.food.id}`), 404, 'not_found');
		h.assertError(await c.super1.post(`/api/power-delegations/${d.site.id}/steps`, { action: 'revoke', note: 'x' }), 403, 'forbidden');
		h.assertError(await c.office1.get('/api/power-delegations?status=lost'), 400, 'invalid_parameter', 'status');
		const x = await c.office1.get('/api/power-delegations/export.xlsx');
		assert.equal(x.status, 200);
		assert.equal(h.xlsxRows(x.buf), 4);
		for (const s of ['一区一单', '已承接', '代办中', '经开区政务服务中心2号窗口', '市市场监管局特种设备科', '拟下放']) assert.ok(h.xlsxText(x.buf).includes(s) || s === '一区一单', s);
		const csv = await c.office1.get('/api/power-delegations/export.csv');
		assert.equal(csv.status, 200);
		assert.equal(csv.text.trim().split('\r\n').length, 4);
		for (const s of ['已承接', '代办中', '经开区政务服务中心2号窗口', '拟下放']) assert.ok(csv.text.includes(s), s);
	});

	test('each step tells the other side in the inbox; 我的待办 counts what its list shows', T, async () => {
		const titles = async (who) => (await c[who].get('/api/inbox?page_size=100')).json.items.map((x) => x.title);
		const zone = await titles('zone1');
		assert.ok(zone.includes('市市场监管局已下放“食品经营许可”，请办理承接'), zone.join('\n'));
		assert.ok(zone.includes('市市场监管局未同意本开发区承接“特种设备使用登记”：需先配备持证检验人员'));
		assert.ok(zone.includes('市市场监管局已安排代办“特种设备使用登记”'));
		const dept = await titles('market1');
		assert.ok(dept.includes('抚顺经济开发区（示例）暂不具备承接“特种设备使用登记”的条件，请安排代办：检验人员调整'), dept.join('\n'));
		assert.ok(dept.includes('抚顺经济开发区（示例）主动提出承接“特种设备使用登记”，请答复：区内特种设备企业多'));
		// the other department and the other zone are told nothing
		assert.ok(!(await titles('land1')).some((x) => x.includes('特种设备')));
		assert.ok(!(await titles('zone2')).some((x) => x.includes('特种设备')));
		// a new step: the department delegates, the zone's to-do counts it and its link's list shows it
		const todos = async (who) => Object.fromEntries((await c[who].get('/api/todos')).json.items.map((x) => [x.key, x]));
		const r = await c.market1.post('/api/power-delegations', { action: 'plan', power_id: p.food.id, zone_org_id: ids[h.ORG.shengli] });
		assert.equal(r.status, 201, r.text);
		await step('market1', r.json.id, { action: 'delegate', mode: 'direct', document: '抚市监发〔2025〕31号', effective_from: '2025-05-01' });
		const z = (await todos('zone2')).powers_to_accept;
		assert.equal(z.link, '/power-lists?status=delegated');
		assert.equal(z.count, 1);
		assert.equal((await c.zone2.get('/api/power-delegations?status=delegated')).json.total, 1);
		assert.equal((await todos('zone1')).powers_to_accept.count, (await c.zone1.get('/api/power-delegations?status=delegated')).json.total);
		assert.equal((await todos('market1')).power_proposals.count, 0);
		assert.equal((await todos('super1')).powers_to_accept, undefined); // supervisors act on nothing
		// each to-do goes only to whoever takes the step: the department answers, the zone accepts, 编办 approves
		assert.deepEqual(Object.keys(await todos('market1')).filter((k) => k.startsWith('power') || k.startsWith('duty')), ['power_proposals']);
		assert.deepEqual(Object.keys(await todos('zone1')).filter((k) => k.startsWith('power') || k.startsWith('duty')), ['powers_to_accept']);
		assert.deepEqual(Object.keys(await todos('bianban1')).filter((k) => k.startsWith('power') || k.startsWith('duty')), ['duty_lists_waiting']);
		assert.deepEqual(Object.keys(await todos('office1')).filter((k) => k.startsWith('power') || k.startsWith('duty')), []);
		await step('zone2', r.json.id, { action: 'accept', service_place: '胜利开发区政务服务大厅' });
		assert.equal((await todos('zone2')).powers_to_accept.count, 0);
		// a proposal is answered by its power's own department: counted for it alone, even when
		// the office's organization holds delegate_power too
		const g = await c.office1.post('/api/capabilities/grants', { org_id: ids['市商务局'], capability: 'delegate_power' });
		assert.equal(g.status, 201, g.text);
		const lot = (await c.land1.get(`/api/powers/${p.site.id}`)).json;
		const land2 = await c.land1.post('/api/powers', { code: '3704110009', name: '临时用地审批', kind: 'licensing', legal_basis: lot.legal_basis, statutory_days: 20, promised_days: 10 });
		assert.equal(land2.status, 201, land2.text);
		const prop = await c.zone2.post('/api/power-delegations', { action: 'propose', power_id: land2.json.id, zone_org_id: ids[h.ORG.shengli], note: '项目多' });
		assert.equal(prop.status, 201, prop.text);
		const land = (await todos('land1')).power_proposals;
		assert.equal(land.count, 1);
		assert.equal(land.link, `/power-lists?status=proposed&dept_org_id=${ids['市自然资源局']}`);
		assert.equal((await c.land1.get(`/api/power-delegations?status=proposed&dept_org_id=${ids['市自然资源局']}`)).json.total, 1);
		assert.equal((await todos('market1')).power_proposals.count, 0);
		assert.equal((await todos('office1')).power_proposals.count, 0);
		assert.ok((await c.office1.del(`/api/capabilities/grants/${g.json.id}`)).status < 300);
	});

	test('monthly figures and the evaluation, computed from the months by hand', T, async () => {
		// the months here are of 2025, and the zones accepted (or were acted for) today: as if
		// they had taken their powers on when these took effect, for 下放了用不上 counts a
		// power's months from the later of the two (DECISIONS 322; powers_rules.test.js)
		await h.sqlOk(srv.db, 'UPDATE power_delegation SET taken_on = effective_from WHERE taken_on IS NOT NULL');
		// March and April come from the zone's spreadsheet: all rows or none
		const bad = writeXlsx([
			CASES,
			['3704210001', h.ORG.econ, '2025-03', 10, 8, 9, 6.5, 6, 1],
			['3704110003', h.ORG.shengli, '2025-03', 1, 1, 1, 2, 0, 0],
			['3704210001', '经开区', '2099-01', 1, 1, 1, 2, 0, 0],
			['3704210001', h.ORG.econ, '2025-04', 4, 5, 5, 4.205, 3, 0],
		]);
		let r = await upload('zone1', 'power_cases', bad);
		h.assertError(r, 422, 'import_rejected');
		assert.deepEqual(r.json.import.problems.map((x) => [x.row, x.column, x.message]), [
			[2, null, '按时办结件数应在0到办结件数之间'],
			[3, '事项编码', '事项“3704110003”不在本单位可填报的“抚顺胜利经济开发区（示例）”清单中'],
			[4, '开发区', '找不到开发区“经开区”'],
			// days, not money: no word of 分
			[5, '平均办理时长（工作日）', '最多两位小数'],
		]);
		assert.equal((await c.zone1.get(`/api/power-delegations/${d.food.id}/months`)).json.total, 0);
		// one month twice, the zone once by its name and once by its alias: the same row twice
		r = await upload('zone1', 'power_cases', writeXlsx([
			CASES,
			['3704210001', h.ORG.econ, '2025-03', 10, 8, 7, 6.5, 6, 1],
			['3704210001', '抚顺经开区（示例）', '2025/3', 3, 3, 3, 1, 0, 0],
		]));
		h.assertError(r, 422, 'import_rejected');
		assert.deepEqual(r.json.import.problems.map((x) => [x.row, x.message]), [
			[3, '与第2行重复（事项编码 = 3704210001，开发区 = 抚顺经开区（示例），月份 = 2025-03）'],
		]);
		// the months as WPS users write them: 2025年3月, and April typed into a general cell,
		// which made it the date 2025-04-01 (serial 45748)
		const good = writeXlsx([
			CASES,
			['3704210001', h.ORG.econ, '2025年3月', 10, 8, 7, 6.5, 6, 1],
			['3704210001', h.ORG.econ, { n: '45748' }, 4, 5, 5, 4.2, 3, 0],
		]);
		r = await upload('zone1', 'power_cases', good);
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.outcome, 'imported');
		assert.equal(r.json.rows, 2);
		// the same months again are refused: corrections are made on the page
		r = await upload('zone1', 'power_cases', writeXlsx([CASES, ['3704210001', h.ORG.econ, '2025-03', 1, 1, 1, 1, 1, 0]]));
		h.assertError(r, 422, 'import_rejected');
		assert.equal(r.json.import.problems[0].message, '2025-03的数据已填报，请在页面上修改');
		// May is entered on the page
		r = await c.zone1.post(`/api/power-delegations/${d.food.id}/months`, { month: '2025-05', received: 0, done: 0, done_in_time: 0, days_x100: 0, good: 0, bad: 0 });
		assert.equal(r.status, 200, r.text);
		// refused: in time above done, a future month, someone else, a power not delegated yet
		h.assertError(await c.zone1.post(`/api/power-delegations/${d.food.id}/months`, { month: '2025-06', received: 1, done: 1, done_in_time: 2, days_x100: 100, good: 0, bad: 0 }), 400, 'invalid_value', '/done_in_time');
		h.assertError(await c.zone1.post(`/api/power-delegations/${d.food.id}/months`, { month: '2099-01', received: 1, done: 1, done_in_time: 1, days_x100: 100, good: 0, bad: 0 }), 400, 'invalid_value', '/month');
		h.assertError(await c.land1.post(`/api/power-delegations/${d.food.id}/months`, { month: '2025-06', received: 1, done: 1, done_in_time: 1, days_x100: 100, good: 0, bad: 0 }), 404, 'not_found');
		h.assertError(await c.zone2.post(`/api/power-delegations/${d.site.id}/months`, { month: '2025-06', received: 1, done: 1, done_in_time: 1, days_x100: 100, good: 0, bad: 0 }), 409, 'invalid_state');
		// a month entered again replaces it
		r = await c.market1.post(`/api/power-delegations/${d.food.id}/months`, { month: '2025-05', received: 0, done: 0, done_in_time: 0, days_x100: 0, good: 0, bad: 0 });
		assert.equal(r.status, 200, r.text);
		r = await c.zone1.get(`/api/power-delegations/${d.food.id}/months`);
		assert.equal(r.json.total, 3);

		// March to May, promised 8 working days: received 14, done 13, in time 12, overdue 1,
		// average (6.50 × 8 + 4.20 × 5) / 13 = 73.00 / 13 = 5.615 → 5.62, on time 12/13 =
		// 92.31 %, satisfaction 9/10 = 90.00 %; a case in April, within the last 6 months: good
		r = await c.market1.get('/api/power-evaluations/figures?from=2025-03&to=2025-05');
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.total, 3); // what the department holds delegated: food (accepted in both zones) and equip (acting)
		const food = r.json.items.find((x) => x.delegation_id === d.food.id);
		assert.deepEqual(food.figures, {
			avg_days_x100: 562, bad: 1, done: 13, done_in_time: 12, good: 9, idle: false, on_time_bp: 9231,
			over_limit: false, overdue: 1, received: 14, satisfaction_bp: 9000, suggested: 'good',
		});
		const equip = r.json.items.find((x) => x.delegation_id === d.equip.id);
		// no case at all, but in effect since April (its second delegation): two months, short of
		// the six that make a power 下放了用不上
		assert.equal(equip.figures.idle, false);
		assert.equal(equip.figures.suggested, 'good');
		const byTwo = (await c.market1.get('/api/power-evaluations/figures?from=2025-03&to=2025-05&idle_months=2')).json.items;
		assert.equal(byTwo.find((x) => x.delegation_id === d.equip.id).figures.idle, true); // April and May: none
		assert.equal(byTwo.find((x) => x.delegation_id === d.equip.id).figures.suggested, 'revoke');
		// a period of May alone still sees April's cases within the last two months
		const may = await c.market1.get('/api/power-evaluations/figures?from=2025-05&to=2025-05&idle_months=2');
		assert.equal(may.json.items.find((x) => x.delegation_id === d.food.id).figures.idle, false);
		// two idle months: to May, April (with cases) is within them; to June, May and June saw none
		const idle = async (to) => (await c.market1.get(`/api/power-evaluations/figures?from=2025-03&to=${to}&idle_months=2`)).json.items.find((x) => x.delegation_id === d.food.id).figures.idle;
		assert.equal(await idle('2025-05'), false);
		assert.equal(await idle('2025-06'), true);
		// the office's setting (migration 0066): 6 months until it sets another; the figures and an
		// evaluation read it, and a request's idle_months stays a what-if over it
		const idleBy = async (q) => (await c.market1.get(`/api/power-evaluations/figures?from=2025-03&to=2025-06${q}`)).json.items.find((x) => x.delegation_id === d.food.id).figures.idle;
		r = await c.zone1.get('/api/power-settings');
		assert.deepEqual(r.json, { changed_at: null, changed_by_name: null, default_idle_months: 6, idle_months: 6 });
		assert.equal(await idleBy(''), false); // April's cases are within the last 6 months
		h.assertError(await c.market1.put('/api/power-settings', { idle_months: 2 }), 403, 'forbidden');
		h.assertError(await c.office1.put('/api/power-settings', { idle_months: 25 }), 400, 'out_of_range', '/idle_months');
		let audits = await auditCount();
		r = await c.office1.put('/api/power-settings', { idle_months: 2 });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.idle_months, 2);
		assert.equal(r.json.changed_by_name, (await c.office1.get('/api/session')).json.user.display_name);
		assert.equal(await auditCount(), audits + 1);
		const audit = (await c.auditor1.get('/api/audit?entity_type=power_setting')).json.items[0];
		assert.deepEqual([audit.action, audit.before, audit.after], ['update', { idle_months: 6 }, { idle_months: 2 }]);
		assert.equal((await c.market1.get('/api/power-settings')).json.idle_months, 2);
		assert.equal(await idleBy(''), true); // May and June saw no case
		assert.equal(await idleBy('&idle_months=3'), false); // what if 3: April is within them
		// put back, for the figures below
		r = await c.office1.put('/api/power-settings', { idle_months: 6 });
		assert.equal(r.status, 200, r.text);
		assert.equal(await idleBy(''), false);
		h.assertError(await c.market1.get('/api/power-evaluations/figures?from=2025-05&to=2025-03'), 400, 'invalid_value', 'to');
		h.assertError(await c.market1.get('/api/power-evaluations/figures?from=2025-03'), 400, 'invalid_parameter', 'to');
		// the department evaluates; the figures are the server's, not the request's
		const before = await auditCount();
		h.assertError(await c.zone1.post(`/api/power-delegations/${d.food.id}/evaluations`, { period_from: '2025-03', period_to: '2025-05', result: 'good', reason: 'x' }), 403, 'forbidden');
		h.assertError(await c.market1.post(`/api/power-delegations/${d.food.id}/evaluations`, { period_from: '2025-03', period_to: '2025-05', result: 'fine', reason: 'x' }), 400, 'invalid_value', '/result');
		h.assertError(await c.market1.post(`/api/power-delegations/${d.food.id}/evaluations`, { period_from: '2025-03', period_to: '2025-05', result: 'good', reason: ' ' }), 400, 'missing_field', '/reason');
		h.assertError(await c.market1.post(`/api/power-delegations/${d.site.id}/evaluations`, { period_from: '2025-03', period_to: '2025-05', result: 'good', reason: 'x' }), 404, 'not_found');
		// months still to come are no months without cases: a period ends this month at the latest
		const later = `${new Date().getUTCFullYear() + 1}-01`;
		r = h.assertError(await c.market1.post(`/api/power-delegations/${d.food.id}/evaluations`, { period_from: '2025-03', period_to: later, result: 'good', reason: 'x' }), 400, 'invalid_value', '/period_to');
		assert.match(r.json.error.message, /不能晚于本月/);
		h.assertError(await c.market1.get(`/api/power-evaluations/figures?from=2025-03&to=${later}`), 400, 'invalid_value', 'to');
		r = await c.market1.post(`/api/power-delegations/${d.food.id}/evaluations`, { period_from: '2025-03', period_to: '2025-05', result: 'good', reason: '按时办结率92.31%，满意率90%', problems: '个别件超期' });
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.figures.avg_days_x100, 562);
		assert.equal(await auditCount(), before + 1);
		r = await c.zone1.get(`/api/power-evaluations?delegation_id=${d.food.id}`);
		assert.equal(r.json.total, 1);
		assert.equal(r.json.items[0].result_label, '良好');
		assert.equal(r.json.items[0].on_time_bp, undefined);
		assert.equal(r.json.items[0].done_in_time, 12);
		assert.equal((await c.zone2.get(`/api/power-evaluations?delegation_id=${d.food.id}`)).json.total, 0);
		// the figures tell how often each power was evaluated and its latest result
		const evaluated = async () => {
			const items = (await c.market1.get('/api/power-evaluations/figures?from=2025-03&to=2025-05')).json.items;
			return items.map((x) => (x.delegation_id === d.food.id ? 'food' : 'other') + `:${x.evaluations}:${x.last_result}`).sort();
		};
		assert.deepEqual(await evaluated(), ['food:1:good', 'other:0:null', 'other:0:null']);
		r = await c.market1.post(`/api/power-delegations/${d.food.id}/evaluations`, { period_from: '2025-03', period_to: '2025-05', result: 'improve', reason: '四月有超期件' });
		assert.equal(r.status, 201, r.text);
		assert.deepEqual(await evaluated(), ['food:2:improve', 'other:0:null', 'other:0:null']);
		assert.equal((await c.zone1.get(`/api/power-evaluations?delegation_id=${d.food.id}`)).json.total, 2);
		// the recorded evaluations: filtered by zone, department, power, result and period (a
		// period that meets the filter's), scoped as the list is
		const evals = async (who, q) => {
			const res = await c[who].get(`/api/power-evaluations?${q}`);
			assert.equal(res.status, 200, res.text);
			return res.json.items.map((x) => `${x.result}:${x.reason}`);
		};
		assert.deepEqual(await evals('market1', 'result=improve'), ['improve:四月有超期件']);
		assert.deepEqual(await evals('market1', `zone_org_id=${ids[h.ORG.econ]}&dept_org_id=${ids['市市场监管局']}&power_id=${p.food.id}`), ['improve:四月有超期件', 'good:按时办结率92.31%，满意率90%']);
		assert.deepEqual(await evals('market1', 'from=2025-05&to=2025-09'), ['improve:四月有超期件', 'good:按时办结率92.31%，满意率90%']);
		assert.deepEqual(await evals('market1', 'from=2025-06'), []);
		assert.deepEqual(await evals('market1', 'to=2025-02'), []);
		assert.deepEqual(await evals('market1', `dept_org_id=${ids['市自然资源局']}`), []);
		assert.deepEqual(await evals('zone2', ''), []);
		h.assertError(await c.market1.get('/api/power-evaluations?result=fine'), 400, 'invalid_parameter', 'result');
		h.assertError(await c.market1.get('/api/power-evaluations?from=2025-13'), 400, 'invalid_parameter', 'from');
		h.assertError(await c.market1.get('/api/power-evaluations?from=2025-05&to=2025-03'), 400, 'invalid_parameter', 'to');
		// the chart: counted by department and result
		r = await c.office1.get('/api/power-evaluations/by-department');
		assert.deepEqual(r.json.items, [{ dept_org_id: ids['市市场监管局'], dept_org_name: '市市场监管局', good: 1, improve: 1, revoke: 0 }]);
		assert.deepEqual((await c.zone2.get('/api/power-evaluations/by-department')).json.items, []);
		assert.deepEqual((await c.office1.get('/api/power-evaluations/by-department?result=good')).json.items[0].improve, 0);
		// exported with the same filters
		let ex = await c.market1.get('/api/power-evaluations/export.xlsx');
		assert.equal(ex.status, 200);
		assert.equal(h.xlsxRows(ex.buf), 3);
		for (const s of ['评估理由', '发现的问题', '四月有超期件', '个别件超期', '需改进', '良好', '2025-03', '5.62', '3704210001']) assert.ok(h.xlsxText(ex.buf).includes(s), s);
		ex = await c.market1.get('/api/power-evaluations/export.csv?result=good');
		assert.equal(ex.status, 200);
		let lines = ex.text.trim().split('\r\n');
		assert.equal(lines.length, 2);
		assert.ok(lines[1].includes('个别件超期') && lines[1].includes('良好') && !lines[1].includes('需改进'), lines[1]);
		lines = (await c.zone2.get('/api/power-evaluations/export.csv')).text.trim().split('\r\n');
		assert.equal(lines.length, 1);
		h.assertError(await c.market1.get('/api/power-evaluations/export.xlsx?result=fine'), 400, 'invalid_parameter', 'result');
		// guidance (谁赋权、谁指导): the department records it, the zone reads it
		h.assertError(await c.zone1.post(`/api/power-delegations/${d.food.id}/guidance`, { kind: 'training', held_on: '2025-03-05', content: 'x' }), 403, 'forbidden');
		r = await c.market1.post(`/api/power-delegations/${d.food.id}/guidance`, { kind: 'training', held_on: '2025-03-05', content: '食品经营许可审查要点培训', participants: 12 });
		assert.equal(r.status, 201, r.text);
		r = await c.zone1.get(`/api/power-delegations/${d.food.id}/guidance`);
		assert.equal(r.json.items[0].kind_label, '业务培训');
		assert.equal(r.json.items[0].participants, 12);
		// the guidance records exported, scoped as the list is
		let gx = await c.zone1.get('/api/power-guidance/export.xlsx');
		assert.equal(gx.status, 200);
		assert.equal(h.xlsxRows(gx.buf), 2);
		for (const s of ['食品经营许可审查要点培训', '业务培训', '3704210001', h.ORG.econ, '市市场监管局', '2025-03-05']) assert.ok(h.xlsxText(gx.buf).includes(s), s);
		gx = await c.market1.get(`/api/power-guidance/export.csv?delegation_id=${d.food.id}`);
		assert.equal(gx.text.trim().split('\r\n').length, 2);
		assert.ok(gx.text.includes('食品经营许可审查要点培训'));
		assert.equal((await c.zone2.get('/api/power-guidance/export.csv')).text.trim().split('\r\n').length, 1);
		assert.equal((await c.land1.get(`/api/power-guidance/export.csv?zone_org_id=${ids[h.ORG.econ]}`)).text.trim().split('\r\n').length, 1);
		// two months as the setting, so that the acting power (since April, no case) is 建议收回
		const x = await c.market1.get('/api/power-evaluations/figures/export.xlsx?from=2025-03&to=2025-05&idle_months=2');
		assert.equal(x.status, 200);
		// rates are percentage cells: 0.9231 shown as 92.31 %
		for (const s of ['按时办结率', '5.62', '0.9231', '下放了用不上', '建议收回', '良好']) assert.ok(h.xlsxText(x.buf).includes(s), s);
		const csv = await c.market1.get('/api/power-evaluations/figures/export.csv?from=2025-03&to=2025-05&idle_months=2');
		assert.equal(csv.status, 200);
		assert.equal(csv.text.trim().split('\r\n').length, h.xlsxRows(x.buf));
		for (const s of ['按时办结率', '5.62', '下放了用不上', '建议收回', '良好']) assert.ok(csv.text.includes(s), s);
		// 平均办理时长 as the page shows it: the average where cases were done (a number cell in
		// the .xlsx), nothing where none was (the page's "—"), never 0.00 (DECISIONS 267)
		const figRows = await bothExports(c.market1, '/api/power-evaluations/figures', '?from=2025-03&to=2025-05&idle_months=2');
		const avgCol = figRows[0].indexOf('平均办理时长（工作日）');
		assert.deepEqual(figRows.slice(1).map((r) => `${r[0]} ${r[1]} ${r[avgCol]}`).sort(), [
			`${h.ORG.econ} 3704210001 5.62`,
			`${h.ORG.econ} 3704210002 `,
			`${h.ORG.shengli} 3704210001 `,
		]);
		assert.deepEqual(numberCells(x.buf, avgCol), [figRows.findIndex((r) => r[avgCol] === '5.62')]);

		// the figures are read from running sums kept with the months (migration 0063): a period
		// that starts after the first month, a month imported before the recorded ones, and a
		// month replaced on the page all give the sums of the months themselves
		const sums = async (from, to) => {
			const f = (await c.market1.get(`/api/power-evaluations/figures?from=${from}&to=${to}`)).json.items.find((x) => x.delegation_id === d.food.id).figures;
			return [f.received, f.done, f.done_in_time, f.overdue, f.avg_days_x100, f.good, f.bad, f.idle];
		};
		// April to May: April alone has cases, 4.20 days
		assert.deepEqual(await sums('2025-04', '2025-05'), [4, 5, 5, 0, 420, 3, 0, false]);
		// June alone: no month recorded in it, but April's cases are within the last six months
		assert.deepEqual(await sums('2025-06', '2025-06'), [0, 0, 0, 0, 0, 0, 0, false]);
		r = await upload('zone1', 'power_cases', writeXlsx([CASES, ['3704210001', h.ORG.econ, '2025-02', 6, 6, 3, 5, 2, 2]]));
		assert.equal(r.status, 201, r.text);
		// February to May: (6.50 × 8 + 4.20 × 5 + 5.00 × 6) / 19 = 103.00 / 19 = 5.421 → 5.42
		assert.deepEqual(await sums('2025-02', '2025-05'), [20, 19, 15, 4, 542, 11, 3, false]);
		assert.deepEqual(await sums('2025-03', '2025-05'), [14, 13, 12, 1, 562, 9, 1, false]);
		assert.deepEqual(await sums('2025-02', '2025-02'), [6, 6, 3, 3, 500, 2, 2, false]);
		// April replaced: March to May (6.50 × 8 + 10.00 × 2) / 10 = 7.20
		r = await c.zone1.post(`/api/power-delegations/${d.food.id}/months`, { month: '2025-04', received: 2, done: 2, done_in_time: 1, days_x100: 1000, good: 0, bad: 1 });
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(await sums('2025-03', '2025-05'), [12, 10, 8, 2, 720, 6, 2, false]);
		assert.deepEqual(await sums('2025-02', '2025-04'), [18, 16, 11, 5, 638, 8, 4, false]);
		// undo 0063 on this database, then migrate again: its backfill alone gives the same sums
		await h.sqlOk(srv.db, 'DROP TABLE power_case_run; DELETE FROM schema_migration WHERE version = 63');
		assert.match((await h.kfqOk(['migrate', '--db', srv.db])).stdout, /applied 1 migration/);
		assert.deepEqual(await sums('2025-03', '2025-05'), [12, 10, 8, 2, 720, 6, 2, false]);
		assert.deepEqual(await sums('2025-02', '2025-04'), [18, 16, 11, 5, 638, 8, 4, false]);
		assert.deepEqual(await sums('2025-04', '2025-05'), [2, 2, 1, 1, 1000, 0, 1, false]);

		// 评估记录's export: an evaluation of a period without a case done has no average (the
		// page's "—"), the others theirs as number cells (DECISIONS 267)
		r = await c.market1.post(`/api/power-delegations/${d.equip.id}/evaluations`, { period_from: '2025-03', period_to: '2025-05', result: 'revoke', reason: '两个月无办件' });
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.figures.done, 0);
		const evRows = await bothExports(c.market1, '/api/power-evaluations');
		const evAvg = evRows[0].indexOf('平均办理时长（工作日）');
		assert.deepEqual(evRows.slice(1).map((row) => `${row[1]} ${row[evAvg]}`), ['3704210002 ', '3704210001 5.62', '3704210001 5.62']);
		assert.deepEqual(numberCells((await c.market1.get('/api/power-evaluations/export.xlsx')).buf, evAvg), [2, 3]);
	});

	test('the public page shows only published lists, and nothing of the evaluation', T, async () => {
		const econ = ids[h.ORG.econ];
		const anon = new h.Client(srv);
		let r = await anon.get('/api/public/power-lists');
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(r.json.items, []);
		h.assertError(await anon.get(`/api/public/power-lists/${econ}`), 404, 'not_found');
		// only the organization holding publish_power_list publishes
		h.assertError(await c.office1.post(`/api/power-lists/${econ}/publish`, { published: true }), 403, 'capability_required');
		h.assertError(await c.market1.post(`/api/power-lists/${econ}/publish`, { published: true }), 403, 'capability_required');
		h.assertError(await c.data1.post(`/api/power-lists/${ids['顺城区']}/publish`, { published: true }), 400, 'invalid_value');
		h.assertError(await anon.post(`/api/power-lists/${econ}/publish`, { published: true }, { csrf: false }), 401, 'not_authenticated');
		r = await c.data1.post(`/api/power-lists/${econ}/publish`, { published: true });
		assert.equal(r.status, 200, r.text);
		r = await anon.get('/api/public/power-lists');
		assert.deepEqual(r.json.items, [{ entries: 2, id: econ, name: h.ORG.econ }]);
		r = await anon.get(`/api/public/power-lists/${econ}`);
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(r.json.items, [
			{ accept_incomplete: true, code: '3704210001', dept_org_name: '市市场监管局', effective_from: '2025-02-01', kind_label: '行政许可', mode_label: '直接下放', name: '食品经营许可', notify_commit: true, promised_days: 8, statutory_days: 20, where: '经开区政务服务中心2号窗口', zone_org_name: h.ORG.econ },
			{ accept_incomplete: false, code: '3704210002', dept_org_name: '市市场监管局', effective_from: '2025-04-01', kind_label: '行政确认', mode_label: '领办', name: '特种设备使用登记', notify_commit: false, promised_days: 5, statutory_days: 15, where: '市市场监管局特种设备科', zone_org_name: h.ORG.econ },
		]);
		for (const s of ['evaluation', 'good', 'note', 'document', '抚市监发', '检验人员', 'received']) assert.ok(!r.text.includes(s), `the public page shows ${s}`);
		// another zone's unpublished list stays hidden
		h.assertError(await anon.get(`/api/public/power-lists/${ids[h.ORG.shengli]}`), 404, 'not_found');
		r = await c.zone1.get(`/api/power-delegations/${d.food.id}`);
		assert.equal(r.json.published, true);
		// withdrawn: hidden again; both audited
		r = await c.data1.post(`/api/power-lists/${econ}/publish`, { published: false });
		assert.equal(r.status, 200);
		h.assertError(await anon.get(`/api/public/power-lists/${econ}`), 404, 'not_found');
		const a = await c.auditor1.get(`/api/audit?entity_type=power_list_publication&entity_id=${econ}`);
		assert.deepEqual(a.json.items.map((x) => x.action), ['withdraw', 'publish']);
		await c.data1.post(`/api/power-lists/${econ}/publish`, { published: true });
	});

	test('the 权责清单: one pair of hands per function, submitted, approved by 编办, versioned', T, async () => {
		const econ = ids[h.ORG.econ];
		const items = [
			{ name: '招商引资', holder: 'zone' },
			{ name: '社区管理', holder: 'county', basis: '《城市居民委员会组织法》' },
			{ name: '建设工程消防验收', holder: 'shared', lead: 'zone', steps: [{ text: '开发区受理并初审', days: 3 }, { text: '县区住建局现场验收', days: 5 }] },
		];
		const save = (who, body) => c[who].post('/api/duty-lists', { zone_org_id: econ, ...body });
		const before = await auditCount();
		// a function in no one's hands, or in both, is refused; nothing written
		let r = await save('zone1', { items: [items[0], { name: '安全生产监管' }] });
		h.assertError(r, 400, 'invalid_value', '/items/1/holder');
		assert.match(r.json.error.message, /没有承担主体/);
		r = await save('zone1', { items: [...items, { name: '社区管理', holder: 'zone' }] });
		h.assertError(r, 400, 'invalid_value', '/items/3/name');
		assert.match(r.json.error.message, /同时列在开发区和县区名下/);
		h.assertError(await save('zone1', { items: [{ name: '建设工程消防验收', holder: 'shared', steps: items[2].steps }] }), 400, 'invalid_value', '/items/0/lead');
		h.assertError(await save('zone1', { items: [{ name: '建设工程消防验收', holder: 'shared', lead: 'county' }] }), 400, 'invalid_value', '/items/0/steps');
		h.assertError(await save('zone1', { items: [] }), 400, 'invalid_value', '/items');
		// only the zone or its own county drafts it
		h.assertError(await save('zone2', { items }), 403, 'forbidden');
		h.assertError(await save('county1', { items }), 403, 'forbidden');
		h.assertError(await save('bianban1', { items }), 403, 'forbidden');
		assert.equal(await auditCount(), before);
		r = await save('zone1', { items, cross_posts: '管委会副主任兼任顺城区副区长', coordination: '与河北街道建立联席会议' });
		assert.equal(r.status, 200, r.text);
		const v1 = r.json;
		assert.equal(v1.version, 1);
		assert.equal(v1.status, 'draft');
		assert.equal(v1.county_org_name, '顺城区');
		assert.deepEqual(v1.items[2].steps, [{ days: 3, text: '开发区受理并初审' }, { days: 5, text: '县区住建局现场验收' }]);
		// the county edits the same draft
		r = await save('shuncheng1', { items: items.slice(0, 2).concat([{ ...items[2], lead: 'county' }]) });
		assert.equal(r.json.id, v1.id);
		assert.equal(r.json.items[2].lead, 'county');
		// approval needs a submitted version and 编办's capability
		h.assertError(await c.bianban1.post(`/api/duty-lists/${v1.id}/approve`, {}), 409, 'invalid_state');
		r = await c.zone1.post(`/api/duty-lists/${v1.id}/submit`, {});
		assert.equal(r.json.status, 'submitted');
		h.assertError(await save('zone1', { items }), 409, 'invalid_state');
		h.assertError(await c.zone1.post(`/api/duty-lists/${v1.id}/approve`, {}), 403, 'capability_required');
		h.assertError(await c.market1.post(`/api/duty-lists/${v1.id}/approve`, {}), 404, 'not_found');
		h.assertError(await c.bianban1.post(`/api/duty-lists/${v1.id}/return`, {}), 400, 'missing_field', '/comment');
		r = await c.bianban1.post(`/api/duty-lists/${v1.id}/return`, { comment: '消防验收应由县区牵头的理由请补充' });
		assert.equal(r.json.status, 'returned');
		r = await c.zone1.post(`/api/duty-lists/${v1.id}/submit`, {});
		r = await c.bianban1.post(`/api/duty-lists/${v1.id}/approve`, { comment: '同意' });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.status, 'approved');
		assert.equal(r.json.reviewed_by_name, 'bianban1');
		// a change of the approved list is version 2; version 1 stays as approved
		r = await save('zone1', { items });
		assert.equal(r.json.version, 2);
		assert.equal(r.json.status, 'draft');
		const v2 = r.json;
		r = await c.zone1.get(`/api/duty-lists/${v1.id}`);
		assert.equal(r.json.status, 'approved');
		assert.equal(r.json.items[2].lead, 'county');
		await c.zone1.post(`/api/duty-lists/${v2.id}/submit`, {});
		await c.bianban1.post(`/api/duty-lists/${v2.id}/approve`, {});
		r = await c.office1.get(`/api/zones/${econ}/duty-lists`);
		assert.deepEqual(r.json.items.map((x) => [x.version, x.status]), [[2, 'approved'], [1, 'superseded']]);
		// who reads it
		// 编办 (approve_duty_list), the office and supervisors read every zone's; a department not
		assert.equal((await c.bianban1.get('/api/duty-lists')).json.total, 1);
		assert.equal((await c.market1.get('/api/duty-lists')).json.total, 0);
		assert.equal((await c.super1.get('/api/duty-lists')).json.total, 1);
		assert.equal((await c.shuncheng1.get('/api/duty-lists')).json.total, 1);
		h.assertError(await c.zone2.get(`/api/duty-lists/${v2.id}`), 404, 'not_found');
		const x = await c.zone1.get(`/api/duty-lists/${v2.id}/export.xlsx`);
		assert.equal(x.status, 200);
		for (const s of ['建设工程消防验收', '共同承担', '1. 开发区受理并初审（3个工作日）', '《城市居民委员会组织法》']) assert.ok(h.xlsxText(x.buf).includes(s), s);
		// the index of current lists, as the page shows it, in the reader's scope
		let ix = await c.bianban1.get('/api/duty-lists/export.xlsx');
		assert.equal(ix.status, 200);
		assert.equal(h.xlsxRows(ix.buf), 2);
		for (const s of ['所在县区', h.ORG.econ, '顺城区', '已批准']) assert.ok(h.xlsxText(ix.buf).includes(s), s);
		ix = await c.office1.get('/api/duty-lists/export.csv?status=approved');
		assert.equal(ix.text.trim().split('\r\n').length, 2);
		assert.equal((await c.office1.get('/api/duty-lists/export.csv?status=submitted')).text.trim().split('\r\n').length, 1);
		assert.equal((await c.market1.get('/api/duty-lists/export.csv')).text.trim().split('\r\n').length, 1);
		h.assertError(await c.office1.get('/api/duty-lists/export.csv?status=fine'), 400, 'invalid_parameter', 'status');
		const a = await c.auditor1.get(`/api/audit?entity_type=duty_list&entity_id=${v1.id}&page_size=20`);
		assert.deepEqual(a.json.items.map((y) => y.action).reverse(), ['create', 'update', 'submit', 'return', 'submit', 'approve']);
	});

	test('working days from the State Council’s notices; a year past the table is refused', T, async () => {
		let r = await c.zone1.get('/api/work-calendar');
		assert.deepEqual(r.json.items.map((y) => y.year), [2024, 2025, 2026]);
		assert.match(r.json.items[1].notice, /国办发明电〔2024〕12号/);
		assert.equal(r.json.items[1].days.filter((x) => x.kind === 'work').length, 5);
		// 24 Jan 2025 (Fri) + 3: Sunday the 26th is worked, the festival runs to 4 February
		r = await c.zone1.get('/api/work-calendar/deadline?from=2025-01-24&days=3');
		assert.deepEqual(r.json, { days: 3, due: '2025-02-05', from: '2025-01-24' });
		r = await c.zone1.get('/api/work-calendar/deadline?from=2024-09-27&days=1');
		assert.equal(r.json.due, '2024-09-29'); // 国庆节调休上班, a Sunday
		r = await c.zone1.get('/api/work-calendar/deadline?from=2026-09-30&days=1');
		assert.equal(r.json.due, '2026-10-08');
		r = await c.zone1.get('/api/work-calendar/deadline?from=2026-12-28&days=10');
		h.assertError(r, 400, 'outside_calendar', 'from');
		assert.match(r.json.error.message, /2024年至2026年/);
		h.assertError(await c.zone1.get('/api/work-calendar/deadline?from=2023-12-29&days=1'), 400, 'outside_calendar');
		h.assertError(await c.zone1.get('/api/work-calendar/deadline?from=2026-02-30&days=1'), 400, 'invalid_parameter', 'from');
		// the office adds a year: only the next one, once
		const year = { year: 2027, notice: '测试用：国务院办公厅关于2027年部分节假日安排的通知', published: '2026-11-01', days: [{ day: '2027-01-01', kind: 'holiday', name: '元旦' }] };
		h.assertError(await c.zone1.post('/api/work-calendar', year), 403, 'forbidden');
		h.assertError(await c.office1.post('/api/work-calendar', { ...year, year: 2028 }), 400, 'invalid_value', '/days/0');
		h.assertError(await c.office1.post('/api/work-calendar', { ...year, year: 2029, days: [] }), 400, 'calendar_gap', '/year');
		h.assertError(await c.office1.post('/api/work-calendar', { ...year, days: [{ day: '2027-01-02', kind: 'rest', name: 'x' }] }), 400, 'invalid_value', '/days/0');
		r = await c.office1.post('/api/work-calendar', year);
		assert.equal(r.status, 201, r.text);
		h.assertError(await c.office1.post('/api/work-calendar', year), 409, 'year_exists', '/year');
		r = await c.zone1.get('/api/work-calendar/deadline?from=2026-12-28&days=10');
		assert.equal(r.json.due, '2027-01-12'); // 29, 30, 31 Dec; 4–8, 11, 12 Jan (1 Jan off)
		const a = await c.auditor1.get('/api/audit?entity_type=work_calendar_year&entity_id=2027');
		assert.equal(a.json.total, 1);
	});

	test('a department imports its catalogue in the layout 权责清单 are published in', T, async () => {
		const HEADER = ['事项编码', '事项名称', '事项类型', '实施部门', '设定依据', '法定时限（工作日）', '承诺时限（工作日）', '容缺受理', '告知承诺制'];
		const t1 = await c.market1.get('/api/imports/powers/template.xlsx');
		assert.equal(t1.status, 200);
		for (const s of HEADER) assert.ok(h.xlsxText(t1.buf).includes(s), s);
		let r = await upload('market1', 'powers', writeXlsx([
			HEADER,
			['3704210001', '重复', '行政许可', '市场监管局', 'x', 20, 10, '是', '否'],
			['3704210009', '食品生产许可', '行政许可', '市自然资源局', '《中华人民共和国食品安全法》第三十五条', 20, 10, '是', '否'],
			['3704210010', '广告发布登记', '登记', '市市场监管局', '《中华人民共和国广告法》第二十九条', 10, 12, '否', '否'],
		]));
		h.assertError(r, 422, 'import_rejected');
		assert.deepEqual(r.json.import.problems.map((x) => [x.row, x.column]), [[2, '事项编码'], [3, '实施部门'], [4, '事项类型'], [4, '承诺时限（工作日）']]);
		r = await upload('market1', 'powers', writeXlsx([
			HEADER,
			['3704210009', '食品生产许可', '行政许可', '市场监管局', '《中华人民共和国食品安全法》第三十五条', 20, 10, '是', '否'],
			['3704210010', '广告发布登记', '行政许可', '市市场监管局', '《中华人民共和国广告法》第二十九条', 10, 5, null, null],
		]));
		assert.equal(r.status, 201, r.text);
		r = await c.zone1.get(`/api/powers?dept_org_id=${ids['市市场监管局']}&page_size=50`);
		assert.deepEqual(r.json.items.map((x) => [x.code, x.promised_days, x.accept_incomplete]), [
			['3704210001', 8, true], ['3704210002', 5, false], ['3704210009', 10, true], ['3704210010', 5, false],
		]);
		// a zone has no delegate_power: the whole file is refused, and the zone told whose the
		// catalogue is rather than sent to the office for a grant (as the form's refusal)
		r = await upload('zone1', 'powers', writeXlsx([HEADER, ['3704210011', 'x', '行政许可', h.ORG.econ, 'x', 1, 1, null, null]]));
		h.assertError(r, 422, 'import_rejected');
		assert.equal(r.json.import.problems[0].message, '权力事项的新增和修改由各主管部门办理，开发区不能导入权力事项');
	});

	test('an organization on both sides sees what it holds as a zone and what it delegated', T, async () => {
		// a zone granted delegate_power puts a power of its own on another zone's list: its
		// list and its figures then read both sides, whichever side the store reads first
		const econ = ids[h.ORG.econ];
		const shengli = ids[h.ORG.shengli];
		const codes = async (who, q = '') => {
			const r = await c[who].get(`/api/power-delegations?page_size=100${q}`);
			assert.equal(r.status, 200, r.text);
			return r.json.items.map((x) => `${x.power.code}@${x.zone_org_id}`).sort();
		};
		const figures = async (who, q = '') => {
			const r = await c[who].get(`/api/power-evaluations/figures?from=2025-03&to=2025-05&page_size=100${q}`);
			assert.equal(r.status, 200, r.text);
			return r.json.items.map((x) => x.delegation_id).sort((a, b) => a - b);
		};
		const zone1 = await codes('zone1');
		const zone2 = await codes('zone2');
		const market = await codes('market1');
		const held1 = await figures('zone1');
		assert.ok(zone1.length > 0 && zone1.every((x) => x.endsWith(`@${econ}`)), zone1.join());
		let r = await c.office1.post('/api/capabilities/grants', { org_id: econ, capability: 'delegate_power' });
		assert.equal(r.status, 201, r.text);
		r = await c.zone1.post('/api/powers', { code: '3704990001', name: '临时占道审批', kind: 'licensing', legal_basis: '《城市道路管理条例》第三十一条', statutory_days: 20, promised_days: 5, accept_incomplete: false, notify_commit: false });
		assert.equal(r.status, 201, r.text);
		r = await c.zone1.post('/api/power-delegations', { action: 'plan', power_id: r.json.id, zone_org_id: shengli });
		assert.equal(r.status, 201, r.text);
		const own = r.json.id;
		r = await step('zone1', own, { action: 'delegate', mode: 'entrust', document: '抚经开发〔2025〕7号', effective_from: '2025-03-01' });
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(await codes('zone1'), [...zone1, `3704990001@${shengli}`].sort());
		assert.deepEqual(await codes('zone1', `&zone_org_id=${shengli}`), [`3704990001@${shengli}`]);
		assert.deepEqual(await codes('zone1', '&status=delegated'), [`3704990001@${shengli}`]);
		assert.deepEqual(await codes('zone2'), [...zone2, `3704990001@${shengli}`].sort());
		assert.deepEqual(await codes('market1'), market);
		assert.deepEqual(await figures('zone1'), [...held1, own].sort((a, b) => a - b));
		assert.deepEqual(await figures('zone1', `&zone_org_id=${shengli}`), [own]);
		assert.deepEqual(await figures('zone1', `&zone_org_id=${econ}`), held1);
	});

	test('the audit chain still verifies', T, async () => {
		const v = await c.auditor1.get('/api/audit/verify');
		assert.equal(v.json.ok, true, v.text);
	});
});
