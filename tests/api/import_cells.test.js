'use strict';
// import_cells.test.js - cells that Excel and WPS users type or get, on SQLite or PostgreSQL
// (DECISIONS 280): full-width digits (１２．５, ２０２５) read as the digits they are; an amount or
// a year with its unit in the cell (100万元, 100元, ¥100, 5%, 2025年) refused, asking for the plain
// number in the column's unit; a 统一社会信用代码 that Excel made a number (a number cell, or the
// text 9.1E+17 / 1.23457E+17 it saves into a CSV) refused, asking for the column to be text.
// Every refusal names its row and column, and nothing of the file is written.
// The templates (DECISIONS 281): text and code columns formatted as text, date columns as dates
// (the sample's dates are date cells), and notes that amounts are in 元 and codes must stay text.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');
const { writeXlsx, readXlsx, numberCells, columnFormats } = require('./xlsx');

const T = { timeout: h.STEP_TIMEOUT };

const USERS = [...h.DEFAULT_USERS, { username: 'finance1', org: '市财政局', role: 'department' }];

const ENT_HEADER = ['统一社会信用代码', '企业名称', '所在开发区', '地址', '行业代码', '行业', '规模', '成立日期', '招商引资'];
const BUDGET_HEADER = ['开发区', '年度', '类型', '科目编码', '科目名称', '金额（元）'];
const E = h.ORG.econ;
const A = '91210400MA0U00000J'; // a well-formed code (GB 32100-2015 check character J)

const UNIT_AMOUNT = '请只填数字，单位为元，不要带“万元”“元”“%”等单位（如 100万元 应填 1000000）';
const UNIT = '请只填数字，不要带“年”“个”“%”等单位';
const CODE_NUMBER = '单元格是数字格式，Excel 会去掉前导零、只保留15位数字；请把本列设为文本格式后重新填写';
const CODE_EXP = '代码已被 Excel 改写成科学计数法，后几位数字已丢失；请把本列设为文本格式后重新填写原代码';

describe('cells Excel users type', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, ids;

	before(async () => {
		srv = await h.startServer({ users: USERS });
		c = await h.loginAll(srv, ['office1', 'zone1', 'finance1']);
		ids = await h.orgIds(c.office1);
		const g = await c.office1.post('/api/capabilities/grants', { org_id: ids['市财政局'], capability: 'manage_budget' });
		assert.equal(g.status, 201, g.text);
	});

	after(async () => {
		if (srv) await srv.close();
	});

	const upload = h.importFile;
	const problems = h.importProblems;
	const enterpriseCount = async () => (await c.office1.get('/api/enterprises?page_size=1')).json.total;
	const budgetLines = async () => (await c.finance1.get(`/api/budgets/zones/${ids[E]}?year=2025`)).json.lines;

	test('the templates: codes as text, dates as dates, amounts in 元', T, async () => {
		let r = await c.zone1.get('/api/imports/enterprises/template.xlsx');
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(readXlsx(r.buf)[0], [...ENT_HEADER, '签约日期', '落地注册日期', '投产日期']);
		assert.deepEqual(columnFormats(r.buf), ['@', '@', '@', '@', '@', '@', 'General', 'yyyy-mm-dd', 'General', 'yyyy-mm-dd', 'yyyy-mm-dd', 'yyyy-mm-dd']);
		// the sample's 成立日期 2021-03-15 is Excel's day 44270, a date cell; its code is text
		assert.equal(readXlsx(r.buf)[1][7], '44270');
		assert.deepEqual(numberCells(r.buf, 7), [1]);
		assert.deepEqual(numberCells(r.buf, 0), []);
		// kfq's own reader takes the sample back: the code as text, the dates as dates; only its
		// zone is not zone1's
		const back = await upload(c.zone1, 'enterprises', r.buf, '模板.xlsx');
		h.assertError(back, 422, 'import_rejected');
		assert.deepEqual(problems(back), [[2, '所在开发区', '找不到开发区“抚顺高新技术产业开发区”，或它不在你的数据范围内']]);
		let rules = readXlsx(r.buf, 'xl/worksheets/sheet2.xml');
		assert.deepEqual(rules[1].slice(0, 3), ['统一社会信用代码', '是', '文本格式的代码（最多32字）']);
		assert.deepEqual(rules.slice(-3).map((row) => row[3]), [
			'第一个工作表的第一行是表头，请勿修改；从第二行起每行一条（示例行请替换或删除）。也可另存为 CSV（UTF-8 或 GBK）导入。任何一行有误则整个文件都不导入，并列出每个错误的行号、列名和原因；同一文件重复导入不会重复写入。',
			'文本和代码列已设为文本格式，请勿改为“常规”或“数值”：否则 Excel 会去掉代码的前导零，并把18位的统一社会信用代码、身份证号码改成 9.1E+17 这样的科学计数法，后几位就丢了。从别处粘贴时请选“只保留文本”。',
			'日期列已设为日期格式，按 2026-01-05 填写。',
		]);
		// the budget: its amount in 元, said in the notes; no date column, no note on dates
		r = await c.finance1.get('/api/imports/budget-lines/template.xlsx');
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(readXlsx(r.buf)[0], BUDGET_HEADER);
		assert.deepEqual(columnFormats(r.buf), ['@', 'General', 'General', '@', '@', 'General']);
		rules = readXlsx(r.buf, 'xl/worksheets/sheet2.xml');
		assert.deepEqual(rules[6].slice(0, 3), ['金额（元）', '是', '金额（元，精确到分）']);
		assert.deepEqual(rules.slice(-2).map((row) => row[3]), [
			'文本和代码列已设为文本格式，请勿改为“常规”或“数值”：否则 Excel 会去掉代码的前导零，并把18位的统一社会信用代码、身份证号码改成 9.1E+17 这样的科学计数法，后几位就丢了。从别处粘贴时请选“只保留文本”。',
			'金额的单位是元（不是万元），只填数字：100万元 填 1000000；不要带“元”“万元”“%”等单位。数字用半角，全角数字会按半角读取。',
		]);
		// the roster's 身份证号码 is text
		r = await c.zone1.get('/api/imports/people/template.xlsx');
		assert.equal(r.status, 200, r.text);
		assert.deepEqual([readXlsx(r.buf)[0][1], columnFormats(r.buf)[1]], ['身份证号码', '@']);
	});

	test('codes Excel made numbers are refused; full-width digits of a code and a date are read', T, async () => {
		const before = await enterpriseCount();
		const row = (code, name) => [code, name, E, null, '3011', null, '规上', '２０２１－０３－１５', '否'];
		let r = await upload(c.zone1, 'enterprises', writeXlsx([
			ENT_HEADER,
			row({ n: '9.1210400000000006E+17' }, '数字单元格'),
			row('9.1E+17', '科学计数法'),
			row('1.23457E+17', 'CSV 里的科学计数法'),
			row('９１２１０４００ＭＡ０Ｕ０００００Ｊ', '全角代码'),
		]), '企业.xlsx');
		h.assertError(r, 422, 'import_rejected');
		assert.deepEqual(problems(r), [
			[2, '统一社会信用代码', CODE_NUMBER],
			[3, '统一社会信用代码', CODE_EXP],
			[4, '统一社会信用代码', CODE_EXP],
		]);
		assert.equal(r.json.import.bad_rows, 3);
		assert.equal(await enterpriseCount(), before);
		// the same codes in a CSV, as Excel saves them: refused the same way
		const csv = Buffer.from(`${ENT_HEADER.join(',')}\r\n9.1E+17,甲,${E},,3011,,规上,2021-03-15,否\r\n`, 'utf8');
		r = await upload(c.zone1, 'enterprises', csv, '企业.csv');
		h.assertError(r, 422, 'import_rejected');
		assert.deepEqual(problems(r), [[2, '统一社会信用代码', CODE_EXP]]);
		assert.equal(await enterpriseCount(), before);
		// the full-width row alone imports, as the ASCII code and date
		// (its 行业代码 typed in full-width digits too)
		const wide = row('９１２１０４００ＭＡ０Ｕ０００００Ｊ', '全角代码');
		wide[4] = '３０１１';
		r = await upload(c.zone1, 'enterprises', writeXlsx([ENT_HEADER, wide]), '全角.xlsx');
		assert.equal(r.status, 201, r.text);
		assert.equal(await enterpriseCount(), before + 1);
		const e = (await c.zone1.get(`/api/enterprises?q=${encodeURIComponent('全角代码')}&page_size=10`)).json.items;
		assert.deepEqual(e.map((x) => [x.uscc, x.registered_on, x.industry_code]), [[A, '2021-03-15', '3011']]);
		// a code in small letters is the code, as the form takes it: stored in capitals, and the
		// same code twice in a file (one of them in small letters) is found
		const lower = '91210400ma0u00001m';
		r = await upload(c.zone1, 'enterprises', writeXlsx([ENT_HEADER, row(lower, '小写代码'), row(lower.toUpperCase(), '大写代码')]), '小写.xlsx');
		h.assertError(r, 422, 'import_rejected');
		assert.equal(problems(r).length, 1);
		assert.equal(problems(r)[0][0], 3);
		assert.match(problems(r)[0][2], /第2行/);
		r = await upload(c.zone1, 'enterprises', writeXlsx([ENT_HEADER, row(lower, '小写代码')]), '小写.xlsx');
		assert.equal(r.status, 201, r.text);
		const low = (await c.zone1.get(`/api/enterprises?q=${encodeURIComponent('小写代码')}&page_size=10`)).json.items;
		assert.deepEqual(low.map((x) => x.uscc), [lower.toUpperCase()]);
	});

	test('amounts and years with units are refused; full-width digits are read', T, async () => {
		let r = await upload(c.finance1, 'budget-lines', writeXlsx([
			BUDGET_HEADER,
			[E, 2025, '预算', '201', '一般公共服务支出', '100万元'],
			[E, 2025, '预算', '206', '科学技术支出', '100元'],
			[E, 2025, '预算', '207', '文化旅游体育与传媒支出', '5%'],
			[E, 2025, '预算', '208', '社会保障和就业支出', '￥100'],
			[E, '2025年', '预算', '210', '卫生健康支出', '100'],
			[E, '２０２５', '预算', '211', '节能环保支出', '１，２３４．５'],
		]), '预算.xlsx');
		h.assertError(r, 422, 'import_rejected');
		assert.deepEqual(problems(r), [
			[2, '金额（元）', UNIT_AMOUNT],
			[3, '金额（元）', UNIT_AMOUNT],
			[4, '金额（元）', UNIT_AMOUNT],
			[5, '金额（元）', UNIT_AMOUNT],
			[6, '年度', UNIT],
		]);
		assert.deepEqual(await budgetLines(), []);
		// the full-width row alone: 2025, 1,234.50 yuan
		r = await upload(c.finance1, 'budget-lines', writeXlsx([BUDGET_HEADER, [E, '２０２５', '预算', '211', '节能环保支出', '１，２３４．５']]), '全角.xlsx');
		assert.equal(r.status, 201, r.text);
		assert.deepEqual((await budgetLines()).map((l) => [l.code, l.budget_fen]), [['211', 123450]]);
	});

	test('a merged 开发区 column is named as the merge, before the empty cells it leaves', T, async () => {
		const lines = [
			[E, 2026, '预算', '201', '一般公共服务支出', '100'],
			[null, 2026, '预算', '206', '科学技术支出', '200'],
			[null, 2026, '预算', '207', '文化旅游体育与传媒支出', '300'],
		];
		const r = await upload(c.finance1, 'budget-lines', writeXlsx([BUDGET_HEADER, ...lines], [], ['A2:A4']), '合并.xlsx');
		h.assertError(r, 422, 'import_rejected');
		assert.deepEqual(problems(r), [
			[0, null, '表中有合并单元格（A2:A4）：合并区域只有第一格有值，其余各格读作空白。请取消合并，在每一行填写后再导入'],
			[3, '开发区', '必填，不能为空'],
			[4, '开发区', '必填，不能为空'],
		]);
		assert.equal(r.json.import.bad_rows, 2);
		assert.deepEqual((await c.finance1.get(`/api/budgets/zones/${ids[E]}?year=2026`)).json.lines, []);
	});
});
