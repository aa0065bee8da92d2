'use strict';
// import_cap.test.js - imports past the 20 MiB upload cap, on SQLite or PostgreSQL: each import
// kind has its own cap on a file's bytes over HTTP (tax records up to 256 MiB: a million rows are
// about 60 MB), decided from the headers before any of the body is read, and the file streams to
// a temporary file as every upload does. The files just over 20 MiB are made here: an .xlsx whose
// package carries a 20 MiB picture beside its rows (imported, to the fen), and a CSV of 20 MiB of
// rows (every row read, each refused for a code never registered). The same bytes as a users
// import are refused with 413 unread, and so is a tax file past its own cap.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const h = require('./harness');
const { writeXlsx } = require('./xlsx');

const T = { timeout: h.STEP_TIMEOUT * 4 };
const MiB = 1024 * 1024;

const USERS = [
	...h.DEFAULT_USERS,
	{ username: 'finance1', org: '市财政局', role: 'department' },
];

const ENT_HEADER = ['统一社会信用代码', '企业名称', '所在开发区', '地址', '行业代码', '行业', '规模', '成立日期', '招商引资', '签约日期', '落地注册日期', '投产日期'];
const TAX_HEADER = ['统一社会信用代码', '企业名称', '年度', '税种', '税额（元）'];
// well-formed codes (GB 32100-2015 check characters): A is registered, D never
const A = '91210400MA0U00000J';
const D = '91210400MA0U00003U';

describe('imports past the 20 MiB upload cap', { timeout: h.FILE_TIMEOUT * 2 }, () => {
	let srv, c, enterpriseId;

	before(async () => {
		srv = await h.startServer({ users: USERS });
		c = await h.loginAll(srv, ['admin', 'office1', 'zone1', 'finance1']);
		const ids = await h.orgIds(c.office1);
		// what the seed's article 6 grants its lead, 市财政局 (the harness imports no policy)
		const g = await c.office1.post('/api/capabilities/grants', { org_id: ids['市财政局'], capability: 'confirm_revenue' });
		assert.equal(g.status, 201, g.text);
		const r = await upload(c.zone1, 'enterprises', writeXlsx([ENT_HEADER, [A, '导入甲新材料有限公司', h.ORG.econ, null, '3011', null, '规上', '2019-04-01']]), 'e.xlsx');
		assert.equal(r.status, 201, r.text);
		enterpriseId = (await c.office1.get('/api/enterprises?page_size=1')).json.items[0].id;
	});

	after(async () => {
		if (srv) await srv.close();
	});

	const upload = h.importFile;
	// the headers of an upload whose body is never sent: an answer before it proves nothing was read
	const headersOnly = (client, kind, length) =>
		h.rawRequest(srv.port, [
			`POST /api/imports/${kind}?name=big.csv HTTP/1.1`,
			`Host: 127.0.0.1:${srv.port}`,
			`Origin: ${srv.base}`,
			'Content-Type: application/octet-stream',
			`Cookie: ${client.cookieHeader()}`,
			`X-CSRF-Token: ${client.csrf}`,
			`Content-Length: ${length}`,
			'', '',
		].join('\r\n'), { until: h.rawComplete });

	test('an .xlsx just over 20 MiB (a picture beside the rows) imports the tax records to the fen', T, async () => {
		const picture = crypto.randomBytes(20 * MiB + 4096);
		const file = writeXlsx([TAX_HEADER, [A, null, 2025, '增值税', '1,234.56'], [A, null, 2025, '企业所得税', '-0.07']], [['xl/media/image1.png', picture]]);
		assert.ok(file.length > 20 * MiB, `${file.length} bytes`);
		// the same bytes as a users import: the 20 MiB cap, refused unread
		let r = await upload(c.admin, 'users', file, 'users.xlsx');
		h.assertError(r, 413, 'body_too_large');
		assert.equal(r.json.error.message, '请求内容过大（不超过 20 MiB）');
		r = await upload(c.finance1, 'taxes', file, '税收2025（附图）.xlsx');
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.rows, 2);
		assert.equal(r.json.size, file.length);
		const e = (await c.finance1.get(`/api/enterprises/${enterpriseId}`)).json;
		assert.deepEqual(e.taxes.map((y) => [y.year, y.amounts]), [[2025, { vat: 123456, cit: -7 }]]);
	});

	test('a CSV just over 20 MiB is read to its last row; the users kind refuses it unread', T, async () => {
		const line = `${D},,2025,增值税,1.00\r\n`;
		const n = Math.ceil((20 * MiB + 1) / Buffer.byteLength(line));
		const csv = Buffer.from(`${TAX_HEADER.join(',')}\r\n${line.repeat(n)}`, 'utf8');
		assert.ok(csv.length > 20 * MiB && csv.length < 21 * MiB, `${csv.length} bytes`);
		h.assertError(await upload(c.admin, 'users', csv, 'users.csv'), 413, 'body_too_large');
		const r = await upload(c.finance1, 'taxes', csv, 'big.csv');
		h.assertError(r, 422, 'import_rejected');
		// every row was read: the first never registered, the others repeating it
		assert.equal(r.json.import.rows, n);
		assert.equal(r.json.import.bad_rows, n);
		assert.equal(r.json.import.problems_truncated, true);
		const [first, second] = r.json.import.problems;
		assert.equal(first.row, 2);
		assert.match(first.message, /91210400MA0U00003U/);
		assert.match(second.message, /与第2行重复/);
	});

	test('each kind\'s cap is decided from the headers, before any of the body', T, async () => {
		let r = await headersOnly(c.finance1, 'taxes', 256 * MiB + 1);
		assert.equal(r.status, 413);
		assert.equal(r.json.error.message, '请求内容过大（不超过 256 MiB）');
		r = await headersOnly(c.admin, 'users', 20 * MiB + 1);
		assert.equal(r.status, 413);
		assert.equal(r.json.error.message, '请求内容过大（不超过 20 MiB）');
		// a kind that is not there, or not the caller's, is refused before the body too
		r = await headersOnly(c.finance1, 'nothing', 30 * MiB);
		assert.equal(r.status, 404);
		r = await headersOnly(c.zone1, 'taxes', 30 * MiB);
		assert.equal(r.status, 403);
	});
});
