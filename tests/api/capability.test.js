'use strict';
// capability.test.js - organizations' capabilities as data: the session tells each role its
// permissions and its organization's capabilities; only the office lists, grants, revokes and
// exports grants (every other role: 403, nothing written); refusals name the field and write
// nothing; each change is audited; importing the seed draft grants what its articles' lead
// units are given, once.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./harness');

const T = { timeout: h.STEP_TIMEOUT };
const SEED = path.join(__dirname, '..', 'data', 'fushun-devzone-reform-draft-2025.txt');
const USERS = [
	...h.DEFAULT_USERS,
	{ username: 'dept1', org: '市财政局', role: 'department' },
	// a read-only account in an organization that holds duties: it reads, it never acts
	{ username: 'super2', org: '市财政局', role: 'supervisor' },
];
const ROLES = ['admin', 'office1', 'dept1', 'zone1', 'county1', 'auditor1', 'super1'];

// The permissions of each role (src/core/account.c), as GET /api/session names them.
const PERMS = {
	admin: ['dashboard', 'org_read', 'org_write', 'user_manage', 'user_read'],
	office1: ['dashboard', 'org_read', 'org_write', 'task_read', 'policy_write', 'plan_review', 'notice_read', 'notice_issue', 'capability_manage', 'enterprise_read', 'enterprise_write', 'revshare_read', 'arrangement_write', 'revshare_compare', 'power_read', 'power_write', 'calendar_write', 'budget_read', 'people_read', 'pay_set', 'land_read', 'industry_read', 'industry_approve', 'platform_read', 'fault_manage'],
	dept1: ['dashboard', 'org_read', 'task_read', 'notice_read', 'notice_reply', 'enterprise_read', 'revshare_read', 'revshare_manage', 'revshare_compare', 'power_read', 'power_write', 'budget_read', 'budget_manage', 'people_read', 'land_read', 'land_write', 'industry_read', 'platform_read', 'platform_write', 'fault_decide', 'leader_record'],
	zone1: ['dashboard', 'org_read', 'task_read', 'plan_write', 'notice_read', 'notice_reply', 'enterprise_read', 'enterprise_write', 'revshare_read', 'power_read', 'power_write', 'budget_read', 'people_read', 'people_write', 'land_read', 'land_write', 'industry_read', 'industry_write', 'platform_read', 'platform_write'],
	county1: ['dashboard', 'org_read', 'task_read', 'plan_write', 'notice_read', 'notice_reply', 'enterprise_read', 'revshare_read', 'power_read', 'power_write', 'budget_read', 'people_read', 'land_read', 'industry_read', 'platform_read'],
	auditor1: ['dashboard', 'audit_read'],
	super1: ['dashboard', 'org_read', 'audit_read', 'task_read', 'notice_read', 'enterprise_read', 'revshare_read', 'revshare_compare', 'power_read', 'budget_read', 'people_read', 'land_read', 'industry_read', 'platform_read'],
};

describe('organization capabilities', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, ids;

	before(async () => {
		srv = await h.startServer({ users: USERS });
		c = await h.loginAll(srv, [...ROLES, 'zone2']);
		ids = await h.orgIds(c.admin);
	});

	after(async () => {
		if (srv) await srv.close();
	});

	const auditCount = async () => (await c.auditor1.get('/api/audit?page_size=1')).json.total;
	const grants = async (q = '') => (await c.office1.get(`/api/capabilities/grants?page_size=100${q}`)).json;

	test('the session names each role’s permissions; no organization holds a capability yet', T, async () => {
		for (const name of ROLES) {
			const r = await c[name].get('/api/session');
			assert.equal(r.status, 200, r.text);
			assert.deepEqual(r.json.permissions, PERMS[name], name);
			assert.deepEqual(r.json.capabilities, [], name);
		}
		// the login answer carries the same
		const fresh = new h.Client(srv);
		const r = await fresh.login('zone1');
		assert.deepEqual(r.json.permissions, PERMS.zone1);
		assert.deepEqual(r.json.capabilities, []);
	});

	test('the catalogue is readable by every signed-in role, not anonymously', T, async () => {
		for (const name of ROLES) {
			const r = await c[name].get('/api/capabilities');
			assert.equal(r.status, 200, `${name}: ${r.text}`);
			assert.deepEqual(
				r.json.items.map((x) => x.code),
				['approve_staffing', 'confirm_revenue', 'ack_pay_filing', 'read_personal', 'delegate_power', 'publish_power_list', 'approve_duty_list', 'manage_budget', 'manage_land', 'supervise_platform', 'decide_fault', 'record_leader_action'],
			);
		}
		const items = (await c.zone1.get('/api/capabilities')).json.items;
		assert.equal(items[0].label, '核定机构编制');
		assert.equal(items[0].seed, '第7条“优化机构编制配置”的牵头单位');
		assert.equal(items[2].seed, '第14条“完善考核评价体系”的牵头单位和市直责任单位');
		assert.equal(items[3].seed, null);
		assert.equal(items[4].seed, '第4条“完善赋权机制”的市直责任单位');
		h.assertError(await new h.Client(srv).get('/api/capabilities'), 401, 'not_authenticated');
	});

	test('every role but the office is refused every grant route, and nothing is written', T, async () => {
		const before = await auditCount();
		for (const name of ROLES.filter((n) => n !== 'office1')) {
			h.assertError(await c[name].get('/api/capabilities/grants'), 403, 'forbidden');
			h.assertError(await c[name].get('/api/capabilities/grants/export.xlsx'), 403, 'forbidden');
			h.assertError(await c[name].post('/api/capabilities/grants', { org_id: ids[h.ORG.econ], capability: 'read_personal' }), 403, 'forbidden');
			h.assertError(await c[name].del('/api/capabilities/grants/1'), 403, 'forbidden');
		}
		assert.equal(await auditCount(), before);
		assert.equal((await grants()).total, 0);
	});

	test('the office grants; bad requests are refused with the field and write nothing', T, async () => {
		const before = await auditCount();
		const post = (body) => c.office1.post('/api/capabilities/grants', body);
		h.assertError(await post({ org_id: ids[h.ORG.econ], capability: 'approve' }), 400, 'invalid_value', '/capability');
		h.assertError(await post({ org_id: 999999, capability: 'read_personal' }), 400, 'invalid_value', '/org_id');
		h.assertError(await post({ capability: 'read_personal' }), 400, 'missing_field', '/org_id');
		h.assertError(await post({ org_id: '1', capability: 'read_personal' }), 400, 'invalid_type', '/org_id');
		h.assertError(await post({ org_id: ids[h.ORG.econ], capability: 'read_personal', by: 'x' }), 400, 'unknown_field', '/by');
		h.assertError(await post({ org_id: ids[h.ORG.econ], capability: 'read_personal', note: 'x'.repeat(201) }), 400, 'too_long', '/note');
		h.assertError(await c.office1.post('/api/capabilities/grants', { org_id: ids[h.ORG.econ], capability: 'read_personal' }, { csrf: false }), 403, 'csrf_failed');
		assert.equal(await auditCount(), before);

		const r = await post({ org_id: ids[h.ORG.econ], capability: 'read_personal', note: '核对本区人员身份证号' });
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.org_id, ids[h.ORG.econ]);
		assert.equal(r.json.org_name, h.ORG.econ);
		assert.equal(r.json.org_type, 'zone');
		assert.equal(r.json.capability, 'read_personal');
		assert.equal(r.json.capability_label, '查看个人身份信息');
		assert.equal(r.json.granted_by, c.office1.user.id);
		assert.equal(r.json.granted_by_name, 'office1');
		assert.equal(r.json.note, '核对本区人员身份证号');
		assert.match(r.json.granted_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
		assert.equal(await auditCount(), before + 1);
		const a = await c.auditor1.get(`/api/audit?entity_type=org_capability&entity_id=${r.json.id}`);
		assert.equal(a.json.total, 1);
		assert.equal(a.json.items[0].action, 'grant');
		assert.equal(a.json.items[0].username, 'office1');
		assert.equal(a.json.items[0].before, null);
		assert.equal(a.json.items[0].after.capability, 'read_personal');
		assert.equal(a.json.items[0].after.org_name, h.ORG.econ);

		// the same grant again: 409, nothing written
		h.assertError(await post({ org_id: ids[h.ORG.econ], capability: 'read_personal' }), 409, 'already_granted', '/capability');
		assert.equal(await auditCount(), before + 1);
		// the zone's users see it in their session at once; another zone's do not
		assert.deepEqual((await c.zone1.get('/api/session')).json.capabilities, ['read_personal']);
		assert.deepEqual((await c.zone2.get('/api/session')).json.capabilities, []);
	});

	test('importing the seed draft grants what its articles give, once', T, async () => {
		const r = await c.office1.post('/api/policies', fs.readFileSync(SEED), { raw: true, contentType: 'text/plain' });
		assert.equal(r.status, 201, r.text);
		const all = await grants();
		// read_personal (by hand) + art. 7: 1, art. 6: 1, art. 14: 4, art. 4: 11 + its lead, art. 3: 1, art. 5: 1, art. 2: 2,
		// art. 12: 1, art. 15: 1
		assert.equal(all.total, 25);
		const holders = async (code) => (await grants(`&capability=${code}`)).items.map((g) => g.org_name);
		assert.deepEqual(await holders('approve_staffing'), ['市委编办']);
		assert.deepEqual(await holders('confirm_revenue'), ['市财政局']);
		assert.deepEqual(await holders('manage_budget'), ['市财政局']);
		assert.deepEqual(await holders('supervise_platform'), ['市国资委']);
		assert.deepEqual(await holders('ack_pay_filing'), ['市商务局', '市科技局', '市财政局', '市人社局']);
		assert.deepEqual(await holders('read_personal'), [h.ORG.econ]);
		assert.deepEqual(await holders('publish_power_list'), ['市数据局']);
		assert.deepEqual(await holders('approve_duty_list'), ['市委编办']);
		const delegates = await holders('delegate_power');
		assert.equal(delegates.length, 11);
		assert.ok(!delegates.includes('市数据局'), 'art. 4’s lead is not among its responsible units');
		assert.deepEqual(await holders('manage_land'), ['市发改委', '市自然资源局']);
		assert.deepEqual(await holders('record_leader_action'), ['市委组织部']);
		assert.deepEqual(await holders('decide_fault'), []);
		const staffing = (await grants('&capability=approve_staffing')).items[0];
		assert.equal(staffing.note, '依据第7条“优化机构编制配置”生成');
		assert.equal(staffing.granted_by_name, 'office1');
		// the department's session now names its organization's capabilities
		assert.deepEqual((await c.dept1.get('/api/session')).json.capabilities, ['ack_pay_filing', 'confirm_revenue', 'delegate_power', 'manage_budget']);
		// a revised draft (one more line) adds tasks but no grants
		const before = await auditCount();
		const revised = Buffer.concat([fs.readFileSync(SEED), Buffer.from('\n修订稿\n')]);
		const again = await c.office1.post('/api/policies', revised, { raw: true, contentType: 'text/plain' });
		assert.equal(again.status, 201, again.text);
		assert.equal(await auditCount(), before + 19);
		assert.equal((await grants()).total, 25);
	});

	test('search, filters and pages', T, async () => {
		let r = await grants(`&q=${encodeURIComponent('财政')}`);
		assert.deepEqual(r.items.map((g) => g.capability).sort(), ['ack_pay_filing', 'confirm_revenue', 'delegate_power', 'manage_budget']);
		r = await grants(`&q=${encodeURIComponent('第14条')}`);
		assert.equal(r.total, 4);
		r = await grants(`&org_id=${ids['市财政局']}`);
		assert.equal(r.total, 4);
		r = await grants(`&org_id=${ids[h.ORG.econ]}&capability=read_personal`);
		assert.equal(r.total, 1);
		const p2 = (await c.office1.get('/api/capabilities/grants?page=2&page_size=5')).json;
		assert.equal(p2.total, 25);
		assert.equal(p2.page, 2);
		assert.equal(p2.items.length, 5);
		h.assertError(await c.office1.get('/api/capabilities/grants?capability=bogus'), 400, 'invalid_parameter', 'capability');
		h.assertError(await c.office1.get('/api/capabilities/grants?org_id=x'), 400, 'invalid_parameter', 'org_id');
		h.assertError(await c.office1.get('/api/capabilities/grants?role=zone'), 400, 'unknown_parameter', 'role');
	});

	test('the .xlsx export has the filtered grants', T, async () => {
		const x = await c.office1.get('/api/capabilities/grants/export.xlsx?capability=ack_pay_filing');
		assert.equal(x.status, 200);
		assert.match(x.headers.get('content-type'), /spreadsheetml/);
		assert.match(x.headers.get('content-disposition'), /filename\*=UTF-8''%E8%81%8C%E8%83%BD%E6%8E%88%E6%9D%83\.xlsx/);
		assert.equal(h.xlsxRows(x.buf), 5); // the header and the four
		const text = h.xlsxText(x.buf);
		for (const s of ['机构', '职能', '授权人', '接收薪酬方案备案', 'ack_pay_filing', '市人社局', '依据第14条“完善考核评价体系”生成']) {
			assert.ok(text.includes(s), `export lacks ${s}`);
		}
		assert.ok(!text.includes('核定机构编制'));
		h.assertError(await c.office1.get('/api/capabilities/grants/export.xlsx?page=1'), 400, 'unknown_parameter');
	});

	test('the office revokes; the record keeps what was revoked', T, async () => {
		const g = (await grants('&capability=read_personal')).items[0];
		const before = await auditCount();
		const r = await c.office1.del(`/api/capabilities/grants/${g.id}`);
		assert.equal(r.status, 204, r.text);
		assert.equal(await auditCount(), before + 1);
		assert.deepEqual((await c.zone1.get('/api/session')).json.capabilities, []);
		const a = await c.auditor1.get(`/api/audit?entity_type=org_capability&entity_id=${g.id}&action=revoke`);
		assert.equal(a.json.total, 1);
		assert.equal(a.json.items[0].after, null);
		assert.equal(a.json.items[0].before.capability, 'read_personal');
		assert.equal(a.json.items[0].before.org_id, ids[h.ORG.econ]);
		h.assertError(await c.office1.del(`/api/capabilities/grants/${g.id}`), 404, 'not_found');
		h.assertError(await c.office1.del('/api/capabilities/grants/abc'), 404, 'not_found');
		assert.equal(await auditCount(), before + 1);
		// the chain still verifies
		const v = await c.auditor1.get('/api/audit/verify');
		assert.equal(v.status, 200);
		assert.equal(v.json.ok, true, v.text);
	});

	// A capability is an organization's duty, carried out by its staff: a supervisor or auditor
	// account placed in that organization (by the security officer alone) reads what the
	// organization reads and acts on none of it, whatever the route's read permission.
	test('a read-only account in an organization with a duty does not carry it out', T, async () => {
		const g = await c.office1.post('/api/capabilities/grants', { org_id: ids['市财政局'], capability: 'ack_pay_filing' });
		assert.ok(g.status === 201 || g.status === 409, g.text);
		const s2 = (await h.loginAll(srv, ['super2'])).super2;
		assert.ok((await s2.get('/api/session')).json.capabilities.includes('ack_pay_filing'));
		const before = await auditCount();
		let r = await s2.post('/api/pay/plans/1/ack', { decision: 'ack' });
		h.assertError(r, 403, 'read_only');
		assert.equal(r.json.error.message, '只读账号不能办理本单位的职能事项');
		r = await s2.put('/api/staffing', { org_id: ids[h.ORG.econ], year: 2026, admin_slots: 6, inst_slots: 8, bodies: 4, leaders: 3, quota: 13, doc_no: '抚编发〔2026〕14号' });
		assert.equal(r.status, 403, r.text);
		assert.equal(await auditCount(), before);
	});

	test('GET /api/roles gives the account managers each role’s permissions, default scope and manager', T, async () => {
		const r = await c.admin.get('/api/roles');
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(r.json.items.map((x) => [x.role, x.default_scope, x.managed_by]), [
			['admin', 'all', 'admin'], ['office', 'all', 'admin'], ['department', 'org', 'admin'], ['zone', 'org', 'admin'],
			['county', 'org_and_below', 'admin'], ['supervisor', 'all', 'security'], ['auditor', 'all', 'security'],
			['security', 'all', 'security'],
		]);
		assert.deepEqual(r.json.items[7].permissions, ['org_read', 'user_read', 'account_security']);
		assert.deepEqual(r.json.items[1].permissions, PERMS.office1);
		for (const name of ROLES.filter((n) => n !== 'admin')) h.assertError(await c[name].get('/api/roles'), 403, 'forbidden');
	});
});
