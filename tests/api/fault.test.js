'use strict';
// fault.test.js - 容错免责 (art. 18): the office registers a case about a person of a zone's
// roster and answers the three conditions with evidence files; only an organization holding
// decide_fault decides (the office never, whatever it holds), and only as the conditions and
// the 三个区分开来 allow; a decided case is frozen; its effect is recorded; the published case
// library shows no personal name, in any field of the public JSON; every step is audited.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

const T = { timeout: h.STEP_TIMEOUT };
const YEAR = Number(h.day(0).slice(0, 4));
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

function idNumber(first17) {
	const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
	const sum = [...first17].reduce((s, d, i) => s + Number(d) * w[i], 0);
	return first17 + '10X98765432'[sum % 11];
}

const USERS = [
	...h.DEFAULT_USERS,
	{ username: 'jiwei1', org: h.ORG.discipline, role: 'department' },
	{ username: 'zuzhi1', org: '市委组织部', role: 'department' },
	{ username: 'fagai1', org: '市发改委', role: 'department' },
	{ username: 'bianban1', org: '市委编办', role: 'department' },
];
const NAMES = ['张三丰', '李四', '王五'];

describe('容错免责', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, org, caseId, personId;

	const upload = async (kind) => {
		const r = await c.office1.post(`/api/attachments?for=${kind}&name=${encodeURIComponent('说明.pdf')}`, PDF, {
			raw: true,
			contentType: 'application/octet-stream',
		});
		assert.equal(r.status, 201, r.text);
		return r.json.id;
	};
	const body = (over = {}) => ({
		title: '张三丰同志推动园区标准地出让试点未达预期',
		subject_kind: 'person',
		org_id: org[h.ORG.econ],
		person_id: personId,
		happened: '2025年张三丰牵头试行“标准地”出让，与李四、王 五共同推进，因缺乏经验，两宗地块未按期开工。',
		source_decision: '抚经开党工委会议纪要〔2025〕7号',
		redact_names: ['王五'],
		...over,
	});

	// the caller's inbox items of a kind, and its 我的待办 by key
	const inbox = async (who, kind) => (await c[who].get('/api/inbox')).json.items.filter((x) => x.kind === kind);
	const todos = async (who) => Object.fromEntries((await c[who].get('/api/todos')).json.items.map((x) => [x.key, x]));

	before(async () => {
		srv = await h.startServer({ users: USERS });
		c = await h.loginAll(srv, ['office1', 'zone1', 'zone2', 'super1', 'jiwei1', 'zuzhi1', 'fagai1', 'bianban1']);
		org = await h.orgIds(c.office1);
		for (const [name, cap] of [[h.ORG.discipline, 'decide_fault'], ['市委组织部', 'decide_fault'], ['市委编办', 'approve_staffing']]) {
			const r = await c.office1.post('/api/capabilities/grants', { org_id: org[name], capability: cap });
			assert.equal(r.status, 201, r.text);
		}
		const st = await c.bianban1.put('/api/staffing', {
			org_id: org[h.ORG.econ], year: YEAR, admin_slots: 3, inst_slots: 2, bodies: 1, leaders: 1, quota: 5, doc_no: `抚编发〔${YEAR}〕9号`,
		});
		assert.equal(st.status, 200, st.text);
		for (const [i, name] of NAMES.slice(0, 2).entries()) {
			const r = await c.zone1.post('/api/people', {
				name,
				id_number: idNumber(`21040219800${i + 1}0${i + 1}12${i}`),
				identity: 'civil_servant',
				appointment: 'appointed',
				start_date: `${YEAR}-01-01`,
			});
			assert.equal(r.status, 201, r.text);
			if (name === '张三丰') personId = r.json.id;
		}
	});
	after(async () => {
		if (srv) await srv.close();
	});

	test('the office registers the case; a person must be on that zone\'s roster', T, async () => {
		assert.ok(personId, 'the roster took 张三丰');
		let r = await c.office1.post('/api/fault-cases', body({ org_id: org[h.ORG.shengli] }));
		h.assertError(r, 400, 'invalid_value');
		r = await c.office1.post('/api/fault-cases', body({ person_id: undefined }));
		h.assertError(r, 400, 'invalid_value', '/person_id');
		r = await c.zone1.post('/api/fault-cases', body());
		assert.equal(r.status, 403);
		r = await c.office1.post('/api/fault-cases', body({ distinction: 'no_such' }));
		h.assertError(r, 400, 'invalid_value', '/distinction');
		r = await c.office1.post('/api/fault-cases', body());
		assert.equal(r.status, 201, r.text);
		caseId = r.json.id;
		assert.equal(r.json.status, 'open');
		assert.equal(r.json.person_name, '张三丰');
		assert.equal(r.json.conditions.procedure.met, null);
		// the organizations that decide are told once (the refused attempts told nobody) and
		// count it in 我的待办; the office, a department without decide_fault and a zone are not
		for (const who of ['jiwei1', 'zuzhi1']) {
			const told = await inbox(who, 'fault_registered');
			assert.deepEqual(told.map((x) => [x.title, x.link, x.entity_type, x.entity_id, x.read, x.actor_name]), [
				[`容错免责案件待认定：张三丰同志推动园区标准地出让试点未达预期（${h.ORG.econ}）`, '/fault-cases?status=open', 'fault_case', caseId, false, 'office1'],
			], who);
			const tile = (await todos(who)).fault_cases_to_decide;
			assert.deepEqual([tile.label, tile.count, tile.link], ['待认定的容错免责案件', 1, '/fault-cases?status=open'], who);
			assert.equal(tile.count, (await c[who].get('/api/fault-cases?status=open')).json.total, who);
		}
		for (const who of ['office1', 'fagai1', 'zone1', 'super1']) {
			assert.deepEqual(await inbox(who, 'fault_registered'), [], who);
			assert.equal((await todos(who)).fault_cases_to_decide, undefined, who);
		}
		const told = (await inbox('jiwei1', 'fault_registered'))[0];
		assert.equal((await c.jiwei1.post(`/api/inbox/${told.id}/read`, {})).status, 204);
		assert.equal((await inbox('jiwei1', 'fault_registered'))[0].read, true);
		assert.equal((await inbox('zuzhi1', 'fault_registered'))[0].read, false);
	});

	test('a decision needs every condition answered with evidence and a distinction', T, async () => {
		let r = await c.jiwei1.post(`/api/fault-cases/${caseId}/decide`, { decision: 'refused', reason: '材料不全' });
		h.assertError(r, 409, 'condition_unanswered');
		assert.match(r.json.error.message, /第18条/);
		r = await c.office1.put(`/api/fault-cases/${caseId}`, body({ procedure: 'met', diligence: 'met', no_gain: 'met', distinction: 'trial_inexperience' }));
		assert.equal(r.status, 200, r.text);
		r = await c.jiwei1.post(`/api/fault-cases/${caseId}/decide`, { decision: 'exempt', reason: '符合条件' });
		h.assertError(r, 409, 'condition_no_evidence');
		const files = {};
		for (const k of ['procedure', 'diligence', 'no_gain']) files[`${k}_files`] = [await upload(`fault_${k}`)];
		// another condition's upload is not this one's
		r = await c.office1.put(`/api/fault-cases/${caseId}`, body({ procedure_files: files.diligence_files }));
		h.assertError(r, 400, 'invalid_value');
		r = await c.office1.put(`/api/fault-cases/${caseId}`, body({
			procedure: 'met', procedure_note: '经党工委会议集体研究决定', diligence: 'met', no_gain: 'met',
			distinction: 'exploration_defiance', ...files,
		}));
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(['procedure', 'diligence', 'no_gain'].map((k) => r.json.conditions[k].files.length), [1, 1, 1]);
		r = await c.jiwei1.post(`/api/fault-cases/${caseId}/decide`, { decision: 'exempt', reason: '符合条件' });
		h.assertError(r, 409, 'distinction_not_tolerable');
		r = await c.office1.put(`/api/fault-cases/${caseId}`, body({ procedure: 'met', diligence: 'not_met', no_gain: 'met', distinction: 'trial_inexperience' }));
		assert.equal(r.status, 200, r.text);
		r = await c.jiwei1.post(`/api/fault-cases/${caseId}/decide`, { decision: 'exempt', reason: '符合条件' });
		h.assertError(r, 409, 'exempt_conditions_unmet');
		r = await c.office1.put(`/api/fault-cases/${caseId}`, body({ procedure: 'met', diligence: 'met', no_gain: 'met', distinction: 'trial_inexperience' }));
		assert.equal(r.status, 200, r.text);
	});

	test('only an organization holding decide_fault decides; never the office', T, async () => {
		const d = { decision: 'exempt', reason: '张三丰在先行先试中因缺乏经验出现失误，符合三项条件，予以免责。', effect: 'leader_kept', effect_year: YEAR };
		let r = await c.office1.post(`/api/fault-cases/${caseId}/decide`, d);
		assert.equal(r.status, 403, r.text);
		// even when the office's organization is granted the capability
		const g = await c.office1.post('/api/capabilities/grants', { org_id: org[h.ORG.commerce], capability: 'decide_fault' });
		assert.equal(g.status, 201, g.text);
		r = await c.office1.post(`/api/fault-cases/${caseId}/decide`, d);
		assert.equal(r.status, 403, r.text);
		r = await c.zone1.post(`/api/fault-cases/${caseId}/decide`, d);
		assert.equal(r.status, 403, r.text);
		r = await c.fagai1.post(`/api/fault-cases/${caseId}/decide`, d);
		h.assertError(r, 403, 'capability_required');
		r = await c.jiwei1.post(`/api/fault-cases/${caseId}/decide`, { ...d, effect_year: undefined });
		h.assertError(r, 400, 'missing_field', '/effect_year');
		r = await c.jiwei1.post(`/api/fault-cases/${caseId}/decide`, d);
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.status, 'decided');
		assert.equal(r.json.decision, 'exempt');
		assert.equal(r.json.decided_org_name, h.ORG.discipline);
		assert.equal(r.json.effect, 'leader_kept');
		assert.equal(r.json.effect_year, YEAR);
		// the office, which publishes decided cases, is told; the tile of the deciders is empty,
		// and the office holding decide_fault still has none (it never decides)
		assert.deepEqual((await inbox('office1', 'fault_decided')).map((x) => [x.title, x.link, x.entity_id]), [
			['容错免责案件已认定：张三丰同志推动园区标准地出让试点未达预期（抚顺经济开发区（示例）），免责', '/fault-cases?status=decided', caseId],
		]);
		assert.deepEqual(await inbox('jiwei1', 'fault_decided'), []);
		assert.equal((await todos('zuzhi1')).fault_cases_to_decide.count, 0);
		assert.equal((await todos('office1')).fault_cases_to_decide, undefined);
		// frozen
		r = await c.zuzhi1.post(`/api/fault-cases/${caseId}/decide`, { decision: 'refused', reason: '再议' });
		h.assertError(r, 409, 'invalid_state');
		r = await c.office1.put(`/api/fault-cases/${caseId}`, body());
		h.assertError(r, 409, 'invalid_state');
	});

	test('a unit\'s case cannot keep a leader; a refusal records no effect', T, async () => {
		const files = {};
		for (const k of ['procedure', 'diligence', 'no_gain']) files[`${k}_files`] = [await upload(`fault_${k}`)];
		const unit = {
			title: '园区平台公司融资方式创新', subject_kind: 'unit', person_id: undefined, org_id: org[h.ORG.econ],
			procedure: 'met', diligence: 'met', no_gain: 'not_met', distinction: 'development_self_gain', ...files,
		};
		let r = await c.office1.post('/api/fault-cases', body({ ...unit, org_id: 999999 }));
		h.assertError(r, 400, 'invalid_value', '/org_id');
		assert.equal(r.json.error.message, '单位不存在');
		r = await c.office1.post('/api/fault-cases', body(unit));
		assert.equal(r.status, 201, r.text);
		const id = r.json.id;
		r = await c.zuzhi1.post(`/api/fault-cases/${id}/decide`, { decision: 'reduced', reason: '减责' });
		h.assertError(r, 409, 'distinction_not_tolerable');
		r = await c.zuzhi1.post(`/api/fault-cases/${id}/decide`, { decision: 'refused', reason: '谋取私利', effect: 'waive_deduction', effect_year: YEAR });
		h.assertError(r, 409, 'effect_not_forgiven');
		r = await c.zuzhi1.post(`/api/fault-cases/${id}/decide`, { decision: 'refused', reason: '谋取私利，不予免责' });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.decided_org_name, '市委组织部');
		assert.equal(r.json.effect, 'none');
	});

	test('cases are read within scope; the list exports to .xlsx', T, async () => {
		let r = await c.zone2.get(`/api/fault-cases/${caseId}`);
		h.assertError(r, 404, 'not_found');
		r = await c.zone1.get(`/api/fault-cases/${caseId}`);
		assert.equal(r.status, 200, r.text);
		r = await c.zone2.get('/api/fault-cases');
		assert.equal(r.json.total, 0);
		r = await c.super1.get('/api/fault-cases?status=decided');
		assert.equal(r.json.total, 2);
		r = await c.jiwei1.get('/api/fault-cases');
		assert.equal(r.json.total, 2);
		r = await c.office1.get('/api/fault-cases/export.xlsx');
		assert.equal(r.status, 200);
		assert.equal(h.xlsxRows(r.buf), 1 + 2);
		assert.match(h.xlsxText(r.buf), /不予免责/);
	});

	test('the case library is public and shows no personal name', T, async () => {
		let r = await c.office1.post(`/api/fault-cases/${caseId}/publish`, { lesson: '李四、张 三丰的做法表明：先行先试要留好决策记录。' });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.published, true);
		r = await c.office1.post(`/api/fault-cases/${caseId}/publish`, {});
		h.assertError(r, 409, 'invalid_state');
		const anon = new h.Client(srv);
		r = await anon.get('/api/public/fault-library');
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.total, 1);
		const e = r.json.items[0];
		assert.equal(e.title, '当事人同志推动园区标准地出让试点未达预期');
		assert.equal(e.happened, '2025年当事人牵头试行“标准地”出让，与有关人员、有关人员共同推进，因缺乏经验，两宗地块未按期开工。');
		assert.equal(e.lesson, '有关人员、当事人的做法表明：先行先试要留好决策记录。');
		assert.equal(e.decision, 'exempt');
		assert.equal(e.distinction, 'trial_inexperience');
		assert.equal(e.decided_org_name, h.ORG.discipline);
		const one = await anon.get(`/api/public/fault-library/${e.id}`);
		assert.equal(one.status, 200);
		for (const text of [r.text, one.text])
			for (const name of [...NAMES, '张 三丰', '王 五'])
				assert.ok(!text.includes(name) && !text.includes(JSON.stringify(name).slice(1, -1)), `${name} leaked: ${text}`);
		assert.ok(!('person_name' in e) && !('person_id' in e));
		r = await anon.get('/api/fault-cases');
		assert.equal(r.status, 401);
	});

	test('every step is in the audit log', T, async () => {
		const r = await c.super1.get(`/api/audit?entity_type=fault_case&entity_id=${caseId}`);
		assert.equal(r.status, 200, r.text);
		const actions = r.json.items.map((x) => x.action).reverse();
		assert.deepEqual(actions, ['create', 'change', 'change', 'change', 'change', 'decide', 'publish']);
		const decided = r.json.items.find((x) => x.action === 'decide');
		assert.equal(decided.before.status, 'open');
		assert.equal(decided.after.decision, 'exempt');
		assert.equal(decided.after.conditions.no_gain.files.length, 1);
	});
});
