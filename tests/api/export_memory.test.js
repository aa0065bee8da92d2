'use strict';
// export_memory.test.js - a list's export of a city's size takes the server the memory of a row,
// not of the list: the store hands the rows over one at a time inside one read transaction and
// the .xlsx (libxlsxwriter's constant_memory mode) and the CSV go to a temporary file as they
// come (api/export.h). The server's peak memory while it exports 30,000 more enterprises and
// 30,000 more parcels of about 2 KB each, as .xlsx and as CSV, grows by far less than their
// size. (The audit log's export: audit_memory.test.js.)

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

const T = { timeout: h.FILE_TIMEOUT };
const ROWS = 30000;
const PAD = 2000;
const NOW = '2026-11-28T03:00:00Z';
// ROWS numbers 1, 2, … in one statement both databases read alike: a bulk load, not a request
// a row
const NUMBERS = `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ROWS})`;

/** Exports base as .xlsx and CSV and asserts each holds the header and total rows. */
async function exportBoth(client, base, total) {
	const xlsx = await client.get(`${base}/export.xlsx`);
	assert.equal(xlsx.status, 200);
	assert.equal(h.xlsxRows(xlsx.buf), 1 + total);
	const csv = await client.get(`${base}/export.csv`);
	assert.equal(csv.status, 200);
	// the header, every row, and the last row's end
	assert.equal(csv.text.split('\r\n').length, 1 + total + 1);
}

describe('exporting a city of enterprises and parcels', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, office, before0, bytes;

	before(async () => {
		// the server's freed memory is reused
		process.env.ASAN_OPTIONS = h.ASAN_REUSE;
		srv = await h.startServer({ users: h.DEFAULT_USERS.filter((u) => u.username === 'office1') });
		office = (await h.loginAll(srv, ['office1'])).office1;
		for (const base of ['/api/enterprises', '/api/land/parcels']) await exportBoth(office, base, 0);
		before0 = h.serverPeakKiB(srv);
		const zone = (await h.orgIds(office))[h.ORG.hightech];
		const text = `抚顺市${'x'.repeat(PAD)}`;
		await h.sqlOk(
			srv.db,
			`INSERT INTO enterprise (uscc, name, zone_id, address, industry_code, scale, registered_on, attracted, created_at, updated_at) ${NUMBERS} ` +
				`SELECT 'M' || i, '导出测试企业' || i, ${zone}, '${text}', '3011', 'below', '2020-01-01', 0, '${NOW}', '${NOW}' FROM n`,
		);
		await h.sqlOk(
			srv.db,
			`INSERT INTO land_parcel (zone_id, parcel_no, location, land_use, area_m2x100, created_at, updated_at) ${NUMBERS} ` +
				`SELECT ${zone}, 'P' || i, '${text}', 'industrial', 100000, '${NOW}', '${NOW}' FROM n`,
		);
		bytes = ROWS * (text.length + 40);
	});

	after(async () => {
		if (srv) await srv.close();
	});

	for (const [what, base] of [
		['enterprises', '/api/enterprises'],
		['parcels', '/api/land/parcels'],
	]) {
		test(`${ROWS} ${what} of ${PAD} bytes: the server's memory does not grow with the list`, T, async (t) => {
			const total = (await office.get(`${base}?page_size=1`)).json.total;
			assert.equal(total, ROWS);
			await exportBoth(office, base, total);
			const peak = h.serverPeakKiB(srv);
			t.diagnostic(`list ${Math.round(bytes / 1024)} KiB; server peak ${before0} KiB → ${peak} KiB`);
			assert.ok((peak - before0) * 1024 < bytes / 4, `exporting ${Math.round(bytes / 1048576)} MB of ${what} took ${Math.round((peak - before0) / 1024)} MB more of the server's memory than exporting a few`);
		});
	}
});
