'use strict';
// export_twins.test.js - every .xlsx export has its CSV twin (DECISIONS 95): the route tables
// pair each export.xlsx with an export.csv (the weekly briefing alone excepted: a workbook of
// three tables), and on a demo database, on SQLite and PostgreSQL, each twin that was missing
// answers the same header and rows as its .xlsx, the list's filters and the caller's scope
// applied alike, a cell a spreadsheet would run as a formula neutralised in the CSV.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./harness');
const { bothExports } = require('./exports');

const T = { timeout: h.STEP_TIMEOUT * 4 };

// .xlsx exports with no CSV twin, and why
const XLSX_ONLY = {
	'/api/briefings/weekly/export': 'the weekly briefing is a workbook of three tables; a CSV holds one',
};

test('every export.xlsx route has its export.csv twin', () => {
	const dir = path.join(h.ROOT, 'src', 'api');
	const paths = new Set();
	for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.c')))
		for (const m of fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/"(\/api\/[^"]*\/export)\.(xlsx|csv)"/g))
			paths.add(`${m[1]}.${m[2]}`);
	const xlsx = [...paths].filter((p) => p.endsWith('.xlsx')).map((p) => p.slice(0, -5));
	assert.ok(xlsx.length >= 38, `${xlsx.length} exports`);
	const missing = xlsx.filter((p) => !paths.has(`${p}.csv`) && !XLSX_ONLY[p]);
	assert.deepEqual(missing, []);
	for (const p of Object.keys(XLSX_ONLY)) assert.ok(paths.has(`${p}.xlsx`) && !paths.has(`${p}.csv`), p);
});

describe('the CSV twins on a demo database', { timeout: h.FILE_TIMEOUT * 2 }, () => {
	let srv, c, ids;

	before(async () => {
		srv = await h.startServer({ demo: true });
		c = await h.loginAll(srv, ['admin', 'office1', 'zone1', 'zone2']);
		ids = await h.orgIds(c.admin);
	});

	after(async () => {
		if (srv) await srv.close();
	});

	// a list's rows as its API counts them, and the export's rows below the header
	async function sameAsList(client, list, base, query = '') {
		const r = await client.get(`${list}${query}${query ? '&' : '?'}page_size=1`);
		assert.equal(r.status, 200, r.text);
		const rows = await bothExports(client, base, query);
		assert.equal(rows.length - 1, r.json.total, `${base}${query}: a row per list row`);
		return rows;
	}

	test('land: idle buildings with the list\'s filters, and the 亩均 evaluation', T, async () => {
		let rows = await sameAsList(c.office1, '/api/land/buildings', '/api/land/buildings');
		assert.deepEqual(rows[0].slice(0, 4), ['名称', '类型', '开发区', '坐落']);
		assert.ok(rows.length > 2, 'the demo has idle buildings');
		rows = await sameAsList(c.office1, '/api/land/buildings', '/api/land/buildings', '?kind=office');
		assert.ok(rows.slice(1).every((r) => r[1] === '闲置商务楼宇'), rows.map((r) => r[1]).join());
		const zone = await sameAsList(c.zone1, '/api/land/buildings', '/api/land/buildings');
		assert.ok(zone.slice(1).every((r) => r[2] === h.ORG.econ), 'a zone exports its own buildings');
		// an owner a spreadsheet would run as a formula
		await h.sqlOk(srv.db, "UPDATE idle_building SET owner = '=HYPERLINK(\"x\")' WHERE id = (SELECT MIN(id) FROM idle_building)");
		rows = await bothExports(c.office1, '/api/land/buildings');
		assert.equal(rows.slice(1).filter((r) => r.includes(`'=HYPERLINK("x")`)).length, 1);
		h.assertError(await c.office1.get('/api/land/buildings/export.csv?kind=house'), 400, 'invalid_parameter', 'kind');

		const years = (await c.office1.get(`/api/mujun/evaluation?zone_id=${ids[h.ORG.econ]}&year=2025`));
		rows = await bothExports(c.office1, '/api/mujun/evaluation', `?zone_id=${ids[h.ORG.econ]}&year=2025`);
		assert.deepEqual(rows[0].slice(0, 5), ['统一社会信用代码', '企业名称', '规模', '行业代码', '用地（亩）']);
		if (years.status === 200) assert.ok(rows.length > 1, 'the demo evaluates the zone\'s enterprises');
		h.assertError(await c.office1.get('/api/mujun/evaluation/export.csv?year=2025'), 400, 'invalid_parameter', 'zone_id');
	});

	test('powers: social affairs, key matters, problems, rule adjustments and a duty list', T, async () => {
		const social = await sameAsList(c.office1, '/api/social-affairs', '/api/social-affairs');
		assert.ok(social.length > 1, 'the demo hands over social affairs');
		const matters = await bothExports(c.office1, '/api/key-matters');
		const list = (await c.office1.get('/api/key-matters')).json;
		assert.equal(matters.length - 1, (list.items || list).length);
		await h.sqlOk(srv.db, "UPDATE key_matter SET steps = '+受理' WHERE id = (SELECT MIN(id) FROM key_matter)");
		assert.equal((await bothExports(c.office1, '/api/key-matters')).slice(1).filter((r) => r.includes("'+受理")).length, 1);
		await sameAsList(c.office1, '/api/problems', '/api/problems');
		await sameAsList(c.office1, '/api/rule-adjustments', '/api/rule-adjustments');
		const lists = (await c.office1.get('/api/duty-lists')).json;
		const duty = (lists.items || lists)[0];
		assert.ok(duty, 'the demo has a duty list');
		const rows = await bothExports(c.office1, `/api/duty-lists/${duty.id}`);
		assert.deepEqual(rows[0].slice(0, 3), ['序号', '职能', '承担主体']);
		h.assertError(await c.office1.get('/api/duty-lists/999999/export.csv'), 404, 'not_found');
	});

	test('money: a revenue-sharing statement', T, async () => {
		const st = (await c.office1.get('/api/revshare/statements')).json.items[0];
		assert.ok(st, 'the demo computes statements');
		const rows = await bothExports(c.office1, `/api/revshare/statements/${st.id}`);
		assert.deepEqual(rows[0], ['序号', '统一社会信用代码', '企业名称', '落地年度', '分属比例', '本年地方留成税收（元）', '基准年地方留成税收（元）', '新增税收（元）', '基准年是否计入']);
		// a fall in tax is a negative amount, a number in the CSV as in the sheet (not neutralised)
		assert.ok(rows.some((r) => r.includes('-176000.00')), 'a negative increment as a number');
		assert.ok(!rows.some((r) => r.some((x) => x.startsWith("'-"))));
	});

	test('people: the roster, pay pools, assessment results, fault cases, leaders\' rewards and the staffing norm', T, async () => {
		let rows = await sameAsList(c.office1, '/api/people', '/api/people');
		assert.deepEqual(rows[0].slice(0, 3), ['开发区', '姓名', '身份证号码']);
		assert.ok(rows.length > 10, 'the demo has a roster');
		rows = await sameAsList(c.zone1, '/api/people', '/api/people');
		assert.ok(rows.slice(1).every((r) => r[0] === h.ORG.econ), 'a zone exports its own people');
		assert.ok(rows.slice(1).every((r) => !/^\d{17}[\dX]$/.test(r[2])), 'ID numbers masked as in the list');
		// a pool is a year's: the demo's pay year is this one
		assert.ok((await bothExports(c.office1, '/api/pay/pools', `?year=${new Date().getFullYear()}`)).length > 1);
		assert.ok((await bothExports(c.office1, '/api/assess/results')).length >= 1);
		await sameAsList(c.office1, '/api/fault-cases', '/api/fault-cases');
		assert.ok((await bothExports(c.office1, '/api/leader-actions')).length >= 1);
		rows = await bothExports(c.office1, '/api/staffing-norm');
		assert.equal(rows[0][0], '开发区');
		assert.ok(rows.length > 2);
		h.assertError(await c.office1.get('/api/fault-cases/export.csv?page=2'), 400, 'unknown_parameter', 'page');
	});
});
