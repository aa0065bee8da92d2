'use strict';
// export_memory.test.js - a list's export of a city's size takes the server the memory of a row,
// not of the list: the store hands the rows over one at a time inside one read transaction and
// the .xlsx (libxlsxwriter's constant_memory mode) and the CSV go to a temporary file as they
// come (api/export.h). The server's peak memory while it exports 30,000 more enterprises,
// parcels, progress reports, milestones, 督办单 and comments of a consultation of about 2 KB
// each, as .xlsx and as CSV, grows by far less than their size. (The audit log's export:
// audit_memory.test.js.)

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

/** Asserts that the server's peak memory grew by far less than bytes since before0 (KiB). */
function flat(t, srv, before0, bytes, what) {
	const peak = h.serverPeakKiB(srv);
	t.diagnostic(`list ${Math.round(bytes / 1024)} KiB; server peak ${before0} KiB → ${peak} KiB`);
	assert.ok((peak - before0) * 1024 < bytes / 4, `exporting ${Math.round(bytes / 1048576)} MB of ${what} took ${Math.round((peak - before0) / 1024)} MB more of the server's memory than exporting a few`);
}

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
			flat(t, srv, before0, bytes, what);
		});
	}
});

describe('exporting a city of progress reports, milestones, 督办单 and comments', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, office, before0, bytes, consultation, comments;
	const lists = ['/api/reports', '/api/milestones', '/api/notices'];
	const report = async () => office.get(`/api/consultations/${consultation}/report.xlsx`);

	before(async () => {
		process.env.ASAN_OPTIONS = h.ASAN_REUSE;
		srv = await h.startServer({ users: h.DEFAULT_USERS.filter((u) => u.username === 'office1') });
		await h.demo(srv.db);
		office = (await h.loginAll(srv, ['office1'])).office1;
		consultation = (await office.get('/api/consultations')).json.items[0].id;
		// no list asked for before the rows below are loaded behind the server's back: it would keep
		// the list's total
		for (const base of lists) for (const ext of ['xlsx', 'csv']) assert.equal((await office.get(`${base}/export.${ext}`)).status, 200);
		comments = h.xlsxRows((await report()).buf) - 1;
		before0 = h.serverPeakKiB(srv);
		const zone = (await h.orgIds(office))[h.ORG.econ];
		const text = `抚顺市${'x'.repeat(PAD)}`;
		const plan = `(SELECT MIN(id) FROM zone_plan WHERE status = 'approved')`;
		const task = `(SELECT MIN(id) FROM task)`;
		await h.sqlOk(
			srv.db,
			`INSERT INTO milestone (plan_id, seq, title, deliverable, start_date, due_date, weight, status, percent) ${NUMBERS} ` +
				`SELECT ${plan}, 1000 + i, '导出测试节点' || i, '${text}', '2026-01-01', '2027-12-31', 1, 'in_progress', 10 FROM n`,
		);
		await h.sqlOk(
			srv.db,
			`INSERT INTO progress_report (milestone_id, status, percent, narrative, state, created_at, report_date) ${NUMBERS} ` +
				`SELECT (SELECT MIN(id) FROM milestone WHERE plan_id = ${plan}), 'in_progress', 10, '${text}', 'submitted', '${NOW}', '2026-11-28' FROM n`,
		);
		await h.sqlOk(
			srv.db,
			`INSERT INTO supervision_notice (year, seq, number, org_id, entity_type, entity_id, entity_label, task_id, subject, body, reply_due, status, created_at, issued_at) ${NUMBERS} ` +
				`SELECT 2020, i, '督办〔2020〕' || i || '号', ${zone}, 'task', ${task}, '导出测试任务', ${task}, '导出测试督办' || i, '${text}', '2026-12-31', 'open', '${NOW}', '${NOW}' FROM n`,
		);
		await h.sqlOk(
			srv.db,
			`INSERT INTO consultation_comment (consultation_id, channel, body, body_sha256, received_at, created_at) ${NUMBERS} ` +
				`SELECT ${consultation}, 'letter', '${text}' || i, 'x', '${NOW}', '${NOW}' FROM n`,
		);
		await h.sqlOk(
			srv.db,
			`INSERT INTO comment_point (comment_id, seq, disposition, reason) SELECT id, 1, 'rejected', '理由' FROM consultation_comment WHERE body LIKE '抚顺市%'`,
		);
		bytes = ROWS * (text.length + 40);
	});

	after(async () => {
		if (srv) await srv.close();
	});

	for (const base of lists) {
		test(`${ROWS} more rows of ${base} of ${PAD} bytes: the server's memory does not grow with the list`, T, async (t) => {
			const total = (await office.get(`${base}?page_size=1`)).json.total;
			assert.ok(total >= ROWS, `${total} rows`);
			await exportBoth(office, base, total);
			flat(t, srv, before0, bytes, base);
		});
	}

	test(`${ROWS} more comments of ${PAD} bytes: the consultation's report exports without growing with them`, T, async (t) => {
		const r = await report();
		assert.equal(r.status, 200);
		assert.equal(h.xlsxRows(r.buf), 1 + comments + ROWS);
		flat(t, srv, before0, bytes, 'comments');
	});
});
