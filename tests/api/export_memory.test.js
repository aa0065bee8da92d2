'use strict';
// export_memory.test.js - a list's export of a city's size takes the server the memory of a row,
// not of the list: the store hands the rows over one at a time inside one read transaction and
// the .xlsx (libxlsxwriter's constant_memory mode) and the CSV go to a temporary file as they
// come (api/export.h). The server's peak memory while it exports 30,000 more enterprises of
// about 2 KB each, as .xlsx and as CSV, grows by far less than their size. (The audit log's
// export: audit_memory.test.js.)

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

const T = { timeout: h.FILE_TIMEOUT };
const ENTERPRISES = 30000;
const PAD = 2000;

describe('exporting a city of enterprises', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, office, before0, bytes;

	before(async () => {
		// the server's freed memory is reused
		process.env.ASAN_OPTIONS = h.ASAN_REUSE;
		srv = await h.startServer({ users: h.DEFAULT_USERS.filter((u) => u.username === 'office1') });
		office = (await h.loginAll(srv, ['office1'])).office1;
		for (const ext of ['xlsx', 'csv']) assert.equal((await office.get(`/api/enterprises/export.${ext}`)).status, 200);
		before0 = h.serverPeakKiB(srv);
		const zone = (await h.orgIds(office))[h.ORG.hightech];
		const address = `抚顺市${'x'.repeat(PAD)}`;
		// one statement both databases read alike: a bulk load, not one request per enterprise
		await h.sqlOk(
			srv.db,
			`INSERT INTO enterprise (uscc, name, zone_id, address, industry_code, scale, registered_on, attracted, created_at, updated_at) ` +
				`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ENTERPRISES}) ` +
				`SELECT 'M' || i, '导出测试企业' || i, ${zone}, '${address}', '3011', 'below', '2020-01-01', 0, '2026-11-28T03:00:00Z', '2026-11-28T03:00:00Z' FROM n`,
		);
		bytes = ENTERPRISES * (address.length + 40);
	});

	after(async () => {
		if (srv) await srv.close();
	});

	test(`${ENTERPRISES} enterprises of ${PAD} bytes: the server's memory does not grow with the list`, T, async (t) => {
		const total = (await office.get('/api/enterprises?page_size=1')).json.total;
		assert.ok(total >= ENTERPRISES, `${total} enterprises`);
		const xlsx = await office.get('/api/enterprises/export.xlsx');
		assert.equal(xlsx.status, 200);
		assert.equal(h.xlsxRows(xlsx.buf), 1 + total);
		const csv = await office.get('/api/enterprises/export.csv');
		assert.equal(csv.status, 200);
		// the header, every enterprise, and the last row's end
		assert.equal(csv.text.split('\r\n').length, 1 + total + 1);
		const peak = h.serverPeakKiB(srv);
		t.diagnostic(`list ${Math.round(bytes / 1024)} KiB; server peak ${before0} KiB → ${peak} KiB`);
		assert.ok((peak - before0) * 1024 < bytes / 4, `exporting ${Math.round(bytes / 1048576)} MB of enterprises took ${Math.round((peak - before0) / 1024)} MB more of the server's memory than exporting a few`);
	});
});
