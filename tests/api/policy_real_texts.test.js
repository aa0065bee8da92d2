'use strict';
// policy_real_texts.test.js - other governments' texts as users bring them: a document copied
// out of its PDF (国发〔2019〕3号 laid out as printed: lines broken at the page width, page
// numbers between them) previews the same tasks and units as the document itself; a task table
// saved as tab-separated text (霍山县 2025年开发区重点工作及责任清单) gives one task per row with
// its units and deadline as written; a PDF, Word or Excel file is refused with a message that
// says what it is and how to get its text, and writes nothing; two regulations printed in one
// notice (国办发〔2018〕124号) keep apart by their titles, numbered on. DECISIONS 219, 220, 273.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./harness');

const T = { timeout: h.STEP_TIMEOUT };
const CORPUS = path.join(__dirname, '..', 'data', 'corpus');
const read = (name) => fs.readFileSync(path.join(CORPUS, name));
const text = { raw: true, contentType: 'text/plain' };

describe('real texts as users bring them', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c;

	before(async () => {
		srv = await h.startServer();
		c = await h.loginAll(srv, ['office1', 'auditor1']);
	});

	after(async () => {
		if (srv) await srv.close();
	});

	const auditCount = async () => (await c.auditor1.get('/api/audit?page_size=1')).json.total;
	const shape = (tasks) => tasks.map((t) => [t.article_number, t.title, t.lead_units, t.responsible_units]);

	test('a document copied out of its PDF previews as the document', T, async () => {
		const doc = await c.office1.post('/api/policies/preview', read('guofa_2019_3_zonghe_baoshuiqu.txt'), text);
		const pdf = await c.office1.post('/api/policies/preview', read('guofa_2019_3_zonghe_baoshuiqu_pdf.txt'), text);
		assert.equal(pdf.status, 200, pdf.text);
		assert.equal(pdf.json.policy.title, '国务院关于促进综合保税区高水平开放高质量发展的若干意见');
		assert.equal(pdf.json.tasks.length, 25);
		assert.deepEqual(shape(pdf.json.tasks), shape(doc.json.tasks));
		// （二）1.: "（税务总局、财政部、海关总署负责，排在第一位\n的部门为牵头部门，下同）" broken by the page
		assert.deepEqual(pdf.json.tasks[4].lead_units, ['税务总局']);
		assert.deepEqual(pdf.json.tasks[4].responsible_units, ['财政部', '海关总署']);
		assert.ok(pdf.json.warnings.every((w) => !w.message.includes('—')), JSON.stringify(pdf.json.warnings));
	});

	test('a task table saved as tab-separated text gives one task per row', T, async () => {
		const before = await auditCount();
		let r = await c.office1.post('/api/policies/preview', read('huoshan_kaifaqu_2025_zeren_qingdan.txt'), text);
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.policy.title, '2025年开发区重点工作及责任清单');
		// 全年 of a list titled by its year is that year's end (the list has no date of its own)
		assert.deepEqual(r.json.tasks.map((t) => [t.article_number, t.lead_units, t.responsible_units, t.deadline_text, t.deadline_date]), [
			[1, [], ['招商工作部', '安商工作部'], '全年', '2025-12-31'],
			[2, [], ['改革办'], '全年', '2025-12-31'],
			[3, [], ['规划建设局'], '全年', '2025-12-31'],
		]);
		// the zone's own departments are no city organizations: each is named with the nearest
		assert.deepEqual(r.json.warnings.map((w) => [w.line, w.message]), [
			[3, '第1条：未识别的单位“招商工作部”，最接近的是：市商务局、市工信局、市委组织部'],
			[3, '第1条：未识别的单位“安商工作部”，最接近的是：市商务局、市工信局、市委组织部'],
			[3, '第1条：没有可识别的牵头单位，请导入后指定'],
			[4, '第2条：未识别的单位“改革办”，最接近的是：市委编办、市商务局、市发改委'],
			[4, '第2条：没有可识别的牵头单位，请导入后指定'],
			[5, '第3条：未识别的单位“规划建设局”，最接近的是：市商务局、市自然资源局、市科技局'],
			[5, '第3条：没有可识别的牵头单位，请导入后指定'],
		]);
		assert.equal(await auditCount(), before);
		r = await c.office1.post('/api/policies', read('huoshan_kaifaqu_2025_zeren_qingdan.txt'), text);
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.policy.n_tasks, 3);
		const tasks = (await c.office1.get(`/api/tasks?policy_id=${r.json.policy.id}&page_size=10`)).json.items;
		assert.equal(tasks.length, 3);
	});

	// 国办发〔2018〕128号 “无废城市”建设试点工作方案 (ZhouYNF/platform-1
	// db/ge_policy_raw20190217.sql @2197df55, row 7): sentences as written, items renumbered
	test('guiding units (指导) are kept on the task, shown and exported, and lead nothing', T, async () => {
		const guides = Buffer.from(
			'“无废城市”建设试点工作方案\n' +
			'（一）实施工业绿色生产，推动大宗工业固体废物贮存处置总量趋零增长。全面实施绿色开采，减少矿业固体废物产生和贮存处置量。（自然资源部、工业和信息化部指导）\n' +
			'（二）发展“互联网+”固体废物处理产业。推广回收新技术新模式，鼓励生产企业与销售商合作，优化逆向物流体系建设。（商务部指导，供销合作总社参与）\n');
		const p = await c.office1.post('/api/policies/preview', guides, text);
		assert.equal(p.status, 200, p.text);
		assert.deepEqual(p.json.tasks.map((t) => [t.guide_units, t.lead_units, t.responsible_units, t.unit_source]), [
			[['自然资源部', '工业和信息化部'], [], [], 'none'],
			[['商务部'], [], ['供销合作总社'], 'paren'],
		]);
		const r = await c.office1.post('/api/policies', guides, text);
		assert.equal(r.status, 201, r.text);
		const list = await c.office1.get(`/api/tasks?policy_id=${r.json.policy.id}`);
		const one = await c.office1.get(`/api/tasks/${list.json.items[0].id}`);
		assert.deepEqual(one.json.guide_units, ['自然资源部', '工业和信息化部']);
		// no lead among them: the office leads the task the text gives no lead or responsible unit
		assert.deepEqual(one.json.lead_orgs.map((o) => o.name), ['市商务局']);
		const csv = await c.office1.get(`/api/tasks/export.csv?policy_id=${r.json.policy.id}`);
		const lines = csv.text.trim().split('\r\n');
		assert.equal(lines[0].split(',').slice(11, 14).join(','), '原文牵头单位,原文责任单位,原文指导单位');
		assert.deepEqual(lines.slice(1).map((l) => l.split(',').slice(11, 14).join(',')), [
			',,自然资源部、工业和信息化部',
			',供销合作总社,商务部',
		]);
	});

	test('a table of measures by guiding ministry (国办发〔2018〕126号\'s 推广清单) gives them as guides, with the scope', T, async () => {
		const r = await c.office1.post('/api/policies/preview', read('guobanfa_2018_126_zhichi_chuangxin_qingdan.txt'), text);
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.tasks.length, 17);
		assert.deepEqual(r.json.tasks.slice(0, 2).map((t) => [t.article_number, t.title, t.guide_units, t.lead_units, t.responsible_units, t.scope]), [
			[1, '知识产权民事、刑事、行政案件“三合一”审判', ['最高人民法院', '最高人民检察院', '国家知识产权局'], [], [], '全国'],
			[2, '省级行政区内专利等专业技术性较强的知识产权案件跨市（区）审理', ['最高人民法院', '国家知识产权局'], [], [], '全国'],
		]);
		assert.deepEqual(r.json.tasks.map((t) => t.scope).filter((s) => s !== '全国'), ['8个改革试验区域', '8个改革试验区域', '8个改革试验区域']);
		// the source omits items 15–20: said once, nothing else to warn about
		assert.deepEqual(r.json.warnings, [{ line: 22, message: '条目编号不连续：14 之后是 21' }]);
	});

	test('two regulations printed in one notice (国办发〔2018〕124号) import apart, numbered on', T, async () => {
		const r = await c.office1.post('/api/policies', fs.readFileSync(path.join(__dirname, '..', 'data', 'guobanfa-2018-124-two-regulations.txt')), text);
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.policy.n_tasks, 51);
		assert.deepEqual(r.json.warnings, [{ line: 52, message: '“进一步支持文化企业发展的规定”是本文中的第二个文件，编号从头开始：其部分和条目已接着前文编号，条目从第32条起' }]);
		const list = (await c.office1.get(`/api/tasks?policy_id=${r.json.policy.id}&page_size=100`)).json.items;
		assert.deepEqual(list.map((t) => t.article_number), Array.from({ length: 51 }, (_, i) => i + 1));
		const heading = async (n) => (await c.office1.get(`/api/tasks/${list[n - 1].id}`)).json.part_heading;
		assert.equal(await heading(20), '《文化体制改革中经营性文化事业单位转制为企业的规定》关于财政税收');
		assert.equal(await heading(32), '《进一步支持文化企业发展的规定》关于财政税收');
		const parsed = (await c.office1.get(`/api/policies/${r.json.policy.id}`)).json.parsed;
		assert.deepEqual(parsed.sections.map((x) => [x.title, x.line]), [['文化体制改革中经营性文化事业单位转制为企业的规定', 8], ['进一步支持文化企业发展的规定', 52]]);
		assert.deepEqual(parsed.parts.map((x) => x.section), [1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2]);
		// kfq policy parse names each document above its parts
		const cli = await h.kfqOk(['policy', 'parse', path.join(__dirname, '..', 'data', 'guobanfa-2018-124-two-regulations.txt')]);
		const heads = cli.stdout.split('\n').filter((l) => /^(《|[一二三四五六七八九十]+、)/.test(l));
		assert.deepEqual(heads.slice(9, 12), ['九、关于党的建设  （第48行）', '《进一步支持文化企业发展的规定》  （第52行）', '十、关于财政税收  （第54行）']);
		assert.equal(heads[0], '《文化体制改革中经营性文化事业单位转制为企业的规定》  （第8行）');
	});

	test('PDF, Word and Excel files are refused with what to do, and write nothing', T, async () => {
		const before = await auditCount();
		const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n%'), Buffer.from([0xe2, 0xe3, 0xcf, 0xd3, 0x0a])]);
		let r = await c.office1.post('/api/policies/preview', pdf, { raw: true, contentType: 'application/pdf' });
		h.assertError(r, 400, 'invalid_policy_text');
		assert.equal(r.json.error.message,
			'这是 PDF 文件，不是文本文件：请在 PDF 阅读器中复制正文，粘贴到记事本等处保存为 .txt 文件后再导入');
		const docx = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0x06, 0, 0, 0]);
		r = await c.office1.post('/api/policies', docx, { raw: true, contentType: 'application/octet-stream' });
		h.assertError(r, 400, 'invalid_policy_text');
		assert.match(r.json.error.message, /^这是 Word、WPS 或 Excel 文件，不是文本文件：请用“另存为”保存为纯文本/);
		assert.equal(await auditCount(), before);
	});
});
