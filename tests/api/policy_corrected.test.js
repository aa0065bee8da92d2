'use strict';
// policy_corrected.test.js - the import preview as the office corrects it before importing
// (POST /api/policies/corrected): titles, organizations and deadlines changed, items merged,
// split and dropped; every rule refused with its Chinese message and field, nothing written;
// the corrected tasks imported in one transaction with their audit records, which count what
// the office changed against the parse (DECISIONS 272).

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./harness');

const T = { timeout: h.STEP_TIMEOUT };
// five items: 1 units on lines, 2 and 4 labelled, 3 a 负责部门 without a lead, 5 每年
const TEXT = fs.readFileSync(path.join(__dirname, '..', 'data', 'policy-sample-deadlines.txt'));
const SOURCE = TEXT.toString('base64');

describe('corrected import preview', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, ids, preview;

	before(async () => {
		srv = await h.startServer();
		c = await h.loginAll(srv, ['office1', 'zone1', 'auditor1']);
		ids = await h.orgIds(c.office1);
		const r = await c.office1.post('/api/policies/preview', TEXT, { raw: true, contentType: 'text/plain' });
		assert.equal(r.status, 200, r.text);
		preview = r.json.tasks;
	});

	after(async () => {
		if (srv) await srv.close();
	});

	const auditCount = async () => (await c.auditor1.get('/api/audit?page_size=1')).json.total;
	// the preview's task i, unchanged, as the page sends it back
	const asIs = (i) => ({
		items: [i],
		title: preview[i].title,
		lead_org_ids: preview[i].lead_org_ids,
		responsible_org_ids: preview[i].responsible_org_ids,
		deadline_text: preview[i].deadline_text,
	});
	const all = () => preview.map((_, i) => asIs(i));

	test('the preview gives each item’s body, which a split divides', T, async () => {
		assert.deepEqual(preview.map((t) => t.body), [
			'制定十五五产业发展规划，每个开发区主导产业不超过3个。',
			'形成开发区与所在县（区）政府之间的权责清单。',
			'编制向开发区放权清单，实行“一区一单”差异化管理。',
			'以2024年为基准年，对招商引资新增税收按分成比例返还开发区。',
			'分级分类制定开发区年度考核标准。',
		]);
	});

	test('every rule is refused with its message and field, nothing written', T, async () => {
		const before = await auditCount();
		const refused = async (tasks, field, message, source = SOURCE) => {
			const r = await c.office1.post('/api/policies/corrected', { source, tasks });
			h.assertError(r, 400, 'invalid_value', field);
			assert.equal(r.json.error.message, message);
		};
		const edit = (i, change) => all().map((t, k) => (k === i ? { ...t, ...change } : t));
		await refused([], '/tasks', '至少要导入一项任务');
		await refused(edit(0, { items: [] }), '/tasks/0/items', '每项任务至少要对应一个条目');
		await refused(edit(4, { items: [5] }), '/tasks/4/items/0', '条目不存在');
		await refused([{ ...asIs(0), items: [0, 2] }], '/tasks/0/items/1', '只能合并相邻的条目，且按原文顺序');
		await refused([asIs(1), asIs(0)], '/tasks/1/items/0', '任务应按原文顺序排列，每个条目只能导入一次（拆分的除外）');
		await refused([{ ...asIs(0), items: [0, 1] }, asIs(1)], '/tasks/1/items/0',
			'任务应按原文顺序排列，每个条目只能导入一次（拆分的除外）');
		await refused(edit(0, { title: '　 ' }), '/tasks/0/title', '请填写任务名称');
		await refused(edit(0, { title: '改'.repeat(201) }), '/tasks/0/title', '任务名称最多200字');
		await refused(edit(0, { body: '另写的正文' }), '/tasks/0/body', '只有拆分出的任务才填写正文，其余任务的正文取自原文');
		const pieces = (a, b) => [asIs(0), asIs(1), { ...asIs(2), body: a }, { ...asIs(2), body: b }, asIs(3), asIs(4)];
		await refused(pieces('编制向开发区放权清单，', undefined), '/tasks/3/body', '拆分出的每项任务都要有各自的正文');
		await refused(pieces('编制向开发区放权清单，', '实行差异化管理。'), '/tasks/2/body',
			'拆分后各项的正文合起来应与原条目的正文一致');
		await refused(edit(0, { lead_org_ids: [999999] }), '/tasks/0/lead_org_ids/0', '机构不存在');
		await refused(edit(0, { responsible_org_ids: [ids['市工信局'], ids['市审计局']] }), '/tasks/0/responsible_org_ids/1',
			'市审计局是监督机构，监督改革任务的落实，不能作为牵头单位或责任单位');
		await refused(edit(0, { responsible_org_ids: [ids['市工信局'], ids['市工信局']] }),
			'/tasks/0/responsible_org_ids/1', '机构重复');
		await refused(edit(0, { responsible_org_ids: [ids['市工信局'], ids['市发改委']] }),
			'/tasks/0/responsible_org_ids/1', '“市发改委”已是牵头单位');
		await refused(all(), '/source', '原文应为 base64 编码的文件内容', '不是base64!');
		let r = await c.office1.post('/api/policies/corrected', { source: SOURCE, tasks: [{ ...asIs(0), extra: 1 }] });
		h.assertError(r, 400, 'unknown_field', '/tasks/0/extra');
		r = await c.office1.post('/api/policies/corrected', { source: Buffer.from('%PDF-1.4\n').toString('base64'), tasks: all() });
		h.assertError(r, 400, 'invalid_policy_text');
		r = await c.zone1.post('/api/policies/corrected', { source: SOURCE, tasks: all() });
		h.assertError(r, 403, 'forbidden');
		assert.equal(await auditCount(), before);
		assert.equal((await c.office1.get('/api/policies')).json.total, 0);
	});

	test('the corrected preview is imported as corrected, with its audit records', T, async () => {
		const before = await auditCount();
		const tasks = [
			// a title and units corrected, a deadline misread set right
			{
				items: [0],
				title: '聚焦主责主业，明确主导产业',
				lead_org_ids: [ids['市发改委']],
				responsible_org_ids: [ids['市工信局']],
				deadline_text: '2025年11月底前',
			},
			// item 2 dropped; item 3 split in two, the lead it lacked given
			{ items: [2], title: '编制放权清单', body: '编制向开发区放权清单，', lead_org_ids: [ids['市数据局']], responsible_org_ids: [], deadline_text: '第三季度' },
			{ items: [2], title: '实行“一区一单”', body: '实行“一区一单”差异化管理。', lead_org_ids: [ids['市委编办']], responsible_org_ids: [ids['市数据局']], deadline_text: '' },
			// items 4 and 5 are one task
			{ items: [3, 4], title: '健全财力分成和考核机制', lead_org_ids: [ids['市财政局']], responsible_org_ids: [ids['市商务局']], deadline_text: '2026年6月底前' },
		];
		const r = await c.office1.post('/api/policies/corrected', { source: SOURCE, tasks });
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.policy.n_tasks, 4);
		assert.equal(r.json.policy.n_warnings, 0);
		assert.deepEqual(r.json.warnings, []);
		const list = await c.office1.get('/api/tasks?page_size=50');
		assert.equal(list.json.total, 4);
		const got = [];
		for (const t of list.json.items) {
			const one = (await c.office1.get(`/api/tasks/${t.id}`)).json;
			got.push({
				article_number: one.article_number,
				title: one.title,
				body: one.body,
				lead: one.lead_orgs.map((o) => o.name),
				responsible: one.responsible_orgs.map((o) => o.name),
				lead_units: one.lead_units,
				responsible_units: one.responsible_units,
				scope: one.scope,
				deadline_text: one.deadline_text,
				deadline_date: one.deadline_date,
				unit_source: one.unit_source,
			});
		}
		assert.deepEqual(got, [
			{
				article_number: 1, title: '聚焦主责主业，明确主导产业',
				body: '制定十五五产业发展规划，每个开发区主导产业不超过3个。',
				lead: ['市发改委'], responsible: ['市工信局'],
				lead_units: ['市发改委'], responsible_units: ['市工信局', '各省级开发区党工委、管委会'],
				scope: null, deadline_text: '2025年11月底前', deadline_date: '2025-11-30', unit_source: 'lines',
			},
			{
				article_number: 3, title: '编制放权清单', body: '编制向开发区放权清单，',
				lead: ['市数据局'], responsible: [], lead_units: [], responsible_units: ['市数据局'],
				scope: '省级开发区', deadline_text: '第三季度', deadline_date: '2025-09-30', unit_source: 'labelled',
			},
			{
				article_number: 3, title: '实行“一区一单”', body: '实行“一区一单”差异化管理。',
				lead: ['市委编办'], responsible: ['市数据局'], lead_units: [], responsible_units: ['市数据局'],
				scope: '省级开发区', deadline_text: null, deadline_date: null, unit_source: 'labelled',
			},
			{
				article_number: 4, title: '健全财力分成和考核机制',
				body: '以2024年为基准年，对招商引资新增税收按分成比例返还开发区。\n完善考核评价体系。分级分类制定开发区年度考核标准。',
				lead: ['市财政局'], responsible: ['市商务局'],
				lead_units: ['市财政局', '市商务局'], responsible_units: ['市商务局', '各县(区)党委、政府'],
				scope: null, deadline_text: '2026年6月底前', deadline_date: '2026-06-30', unit_source: 'labelled',
			},
		]);
		// the policy and each task it made are audited in the import's transaction
		const a = await c.auditor1.get('/api/audit?entity_type=task&page_size=50');
		assert.deepEqual(a.json.items.map((x) => [x.action, x.after.title]).reverse(), [
			['create', '聚焦主责主业，明确主导产业'],
			['create', '编制放权清单'],
			['create', '实行“一区一单”'],
			['create', '健全财力分成和考核机制'],
		]);
		// what the office changed against the parse, in the answer and the import's audit record:
		// names of the first item, of the split's first piece and of the merge; the leads of the
		// split's two pieces and of the merge (市商务局 led item 5); the responsible units of the
		// first item, the split's first piece and the merge; the first item's deadline and the
		// second piece's cleared; item 2 dropped
		const changes = { deadlines: 2, dropped: 1, leads: 3, merged: 1, responsible: 3, split: 1, titles: 3 };
		const label = '标题3处、牵头单位3处、责任单位3处、完成时限2处、合并1处、拆分1处、删除1处';
		assert.deepEqual(r.json.policy.corrections, changes);
		assert.equal(r.json.policy.corrections_label, label);
		const p = await c.auditor1.get('/api/audit?entity_type=policy');
		assert.equal(p.json.total, 1);
		assert.equal(p.json.items[0].action, 'import');
		assert.deepEqual(p.json.items[0].after.corrections, changes);
		assert.equal(p.json.items[0].after.corrections_label, label);
		assert.ok(await auditCount() > before + 4);
		// the text is the text: imported once, corrected or not
		const again = await c.office1.post('/api/policies/corrected', { source: SOURCE, tasks });
		h.assertError(again, 409, 'policy_exists');
		h.assertError(await c.office1.post('/api/policies', TEXT, { raw: true, contentType: 'text/plain' }), 409, 'policy_exists');
	});

	test('a corrected task left without a lead is imported with the parse’s warning', T, async () => {
		const text = Buffer.from('测试方案\n1.甲事项。做甲。（负责部门：市数据局）\n2.乙事项。做乙。（牵头单位：市商务局）\n');
		const p = await c.office1.post('/api/policies/preview', text, { raw: true, contentType: 'text/plain' });
		assert.equal(p.status, 200, p.text);
		assert.deepEqual(p.json.warnings, [{ line: 2, message: '第1条：没有可识别的牵头单位，请导入后指定' }]);
		const r = await c.office1.post('/api/policies/corrected', {
			source: text.toString('base64'),
			tasks: [{ items: [0], title: '甲事项', lead_org_ids: [], responsible_org_ids: [ids['市数据局']] }],
		});
		assert.equal(r.status, 201, r.text);
		assert.deepEqual(r.json.warnings, [{ line: 2, message: '第1条：没有可识别的牵头单位，请导入后指定' }]);
		assert.equal(r.json.policy.n_warnings, 1);
		assert.equal(r.json.policy.n_tasks, 1);
		// the first item as parsed, the second dropped
		assert.equal(r.json.policy.corrections_label, '删除1处');
		// a plain import changed nothing and says nothing
		const plain = await c.office1.post('/api/policies', Buffer.from('另一方案\n1.丙事项。做丙。（牵头单位：市商务局）\n'), { raw: true, contentType: 'text/plain' });
		assert.equal(plain.status, 201, plain.text);
		assert.equal('corrections' in plain.json.policy, false);
		const rec = (await c.auditor1.get('/api/audit?entity_type=policy&page_size=1')).json.items[0];
		assert.deepEqual([rec.after.title, 'corrections' in rec.after], ['另一方案', false]);
	});
});
