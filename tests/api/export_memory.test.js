'use strict';
// export_memory.test.js - a list's export of a city's size takes the server the memory of a row,
// not of the list: the store hands the rows over one at a time inside one read transaction and
// the .xlsx (libxlsxwriter's constant_memory mode) and the CSV go to a temporary file as they
// come (api/export.h). Each list is exported once with a few thousand rows (what SQLite keeps
// whatever the list's size, its pages and its sorter's memory, fills), then with 15,000 more of
// about 2 KB each, as .xlsx and as CSV: the server's peak memory grows by less than half their
// size. Enterprises, parcels, progress reports, milestones, 督办单, a consultation's comments,
// people, 招商 projects, power items, land cases, idle buildings and accounts. (The audit log's
// export: audit_memory.test.js; the organizations, a city's hundreds, are listed and exported
// whole.)

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

const T = { timeout: h.FILE_TIMEOUT };
const WARM = 5000;
// 30 MB more: a list held whole takes at least that, one streamed about a worker's page cache
// (8 MiB on SQLite) at most
const ROWS = 15000;
const PAD = 2000;
const NOW = '2026-11-28T03:00:00Z';
const TEXT = `抚顺市${'x'.repeat(PAD)}`;
const BYTES = ROWS * (TEXT.length + 40);
const one = (table) => `(SELECT MIN(id) FROM ${table})`;

// the numbers from to to in one statement both databases read alike: a bulk load, not a request
// a row
const numbers = (from, to) => `WITH RECURSIVE n(i) AS (SELECT ${from} UNION ALL SELECT i + 1 FROM n WHERE i < ${to})`;

/** Exports base as .xlsx and CSV; with total, asserts each holds the header and total rows. */
async function exportBoth(client, base, total) {
	const xlsx = await client.get(`${base}/export.xlsx`);
	assert.equal(xlsx.status, 200);
	const csv = await client.get(`${base}/export.csv`);
	assert.equal(csv.status, 200);
	if (total === undefined) return;
	assert.equal(h.xlsxRows(xlsx.buf), 1 + total);
	// the header, every row, and the last row's end
	assert.equal(csv.text.split('\r\n').length, 1 + total + 1);
}

// A list: what it is, who exports it, the statement that adds the rows numbered n (zone, n, and
// what before() found: k.consultation), and how its exports are read and counted (by default its
// export.xlsx and export.csv, every row its list counts).
const list = (what, base, who, insert) => ({
	what,
	who,
	insert,
	exported: (client) => exportBoth(client, base),
	async counted(client) {
		const total = (await client.get(`${base}?page_size=1`)).json.total;
		assert.ok(total >= WARM + ROWS, `${total} rows`);
		await exportBoth(client, base, total);
	},
});

// A consultation's comments: its adoption report's .xlsx, a row for each.
const comments = {
	what: 'comments of a consultation',
	who: 'office1',
	insert: (zone, n, k) =>
		`INSERT INTO consultation_comment (consultation_id, channel, body, body_sha256, received_at, created_at) ${n} ` +
		`SELECT ${k.consultation}, 'letter', '${TEXT}' || i, 'x', '${NOW}', '${NOW}' FROM n; ` +
		`INSERT INTO comment_point (comment_id, seq, disposition, reason) SELECT id, 1, 'rejected', '理由' FROM consultation_comment ` +
		`WHERE consultation_id = ${k.consultation} AND NOT EXISTS (SELECT 1 FROM comment_point p WHERE p.comment_id = consultation_comment.id)`,
	exported: async (client, k) => assert.equal((await client.get(`/api/consultations/${k.consultation}/report.xlsx`)).status, 200),
	async counted(client, k) {
		const total = (await client.get(`/api/consultations/${k.consultation}/comments?page_size=1`)).json.total;
		assert.ok(total >= WARM + ROWS, `${total} comments`);
		const r = await client.get(`/api/consultations/${k.consultation}/report.xlsx`);
		assert.equal(r.status, 200);
		assert.equal(h.xlsxRows(r.buf), 1 + total);
	},
};

/** One server (the demo data with demo) and its lists, each exported with WARM rows, then
 * measured exporting ROWS more. */
function exporting(title, users, demo, lists) {
	describe(`exporting a city of ${title}`, { timeout: h.FILE_TIMEOUT }, () => {
		let srv, c, before0;
		const k = {};

		before(async () => {
			// the server's freed memory is reused
			process.env.ASAN_OPTIONS = h.ASAN_REUSE;
			srv = await h.startServer({ users: h.DEFAULT_USERS.filter((u) => users.includes(u.username)), demo });
			c = await h.loginAll(srv, users);
			const zone = (await h.orgIds(c[users[0]]))[h.ORG.econ];
			if (demo) k.consultation = (await c.office1.get('/api/consultations')).json.items[0].id;
			// no list is asked for before the rows are loaded behind the server's back: it would
			// keep the list's total
			for (const l of lists) await h.sqlOk(srv.db, l.insert(zone, numbers(1, WARM), k));
			for (const l of lists) await l.exported(c[l.who], k);
			// the peak from here: the logins' argon2id hashes took 64 MiB each and gave it back
			before0 = h.serverPeakReset(srv);
			for (const l of lists) await h.sqlOk(srv.db, l.insert(zone, numbers(WARM + 1, WARM + ROWS), k));
		});

		after(async () => {
			if (srv) await srv.close();
		});

		for (const l of lists) {
			test(`${ROWS} more ${l.what} of ${PAD} bytes: the server's memory does not grow with the list`, T, async (t) => {
				await l.counted(c[l.who], k);
				const peak = h.serverPeakKiB(srv);
				t.diagnostic(`${ROWS} rows ${Math.round(BYTES / 1024)} KiB; server peak ${before0} KiB → ${peak} KiB`);
				assert.ok((peak - before0) * 1024 < BYTES / 2, `exporting ${Math.round(BYTES / 1048576)} MB more of ${l.what} took ${Math.round((peak - before0) / 1024)} MB more of the server's memory`);
			});
		}
	});
}

exporting('enterprises and parcels', ['office1'], false, [
	list('enterprises', '/api/enterprises', 'office1', (zone, n) =>
		`INSERT INTO enterprise (uscc, name, zone_id, address, industry_code, scale, registered_on, attracted, created_at, updated_at) ${n} ` +
		`SELECT 'M' || i, '导出测试企业' || i, ${zone}, '${TEXT}', '3011', 'below', '2020-01-01', 0, '${NOW}', '${NOW}' FROM n`),
	list('parcels', '/api/land/parcels', 'office1', (zone, n) =>
		`INSERT INTO land_parcel (zone_id, parcel_no, location, land_use, area_m2x100, created_at, updated_at) ${n} ` +
		`SELECT ${zone}, 'P' || i, '${TEXT}', 'industrial', 100000, '${NOW}', '${NOW}' FROM n`),
]);

const plan = `(SELECT MIN(id) FROM zone_plan WHERE status = 'approved')`;

exporting('progress reports, milestones, 督办单 and comments', ['office1'], true, [
	list('progress reports', '/api/reports', 'office1', (zone, n) =>
		`INSERT INTO progress_report (milestone_id, status, percent, narrative, state, created_at, report_date) ${n} ` +
		`SELECT (SELECT MIN(id) FROM milestone WHERE plan_id = ${plan}), 'in_progress', 10, '${TEXT}', 'submitted', '${NOW}', '2026-11-28' FROM n`),
	list('milestones', '/api/milestones', 'office1', (zone, n) =>
		`INSERT INTO milestone (plan_id, seq, title, deliverable, start_date, due_date, weight, status, percent) ${n} ` +
		`SELECT ${plan}, 1000 + i, '导出测试节点' || i, '${TEXT}', '2026-01-01', '2027-12-31', 1, 'in_progress', 10 FROM n`),
	list('督办单', '/api/notices', 'office1', (zone, n) =>
		`INSERT INTO supervision_notice (year, seq, number, org_id, entity_type, entity_id, entity_label, task_id, subject, body, reply_due, status, created_at, issued_at) ${n} ` +
		`SELECT 2020, i, '督办〔2020〕' || i || '号', ${zone}, 'task', ${one('task')}, '导出测试任务', ${one('task')}, '导出测试督办' || i, '${TEXT}', '2026-12-31', 'open', '${NOW}', '${NOW}' FROM n`),
	comments,
]);

exporting('people, 招商 projects and power items', ['office1'], true, [
	list('people', '/api/people', 'office1', (zone, n) =>
		`INSERT INTO person (org_id, name, id_sealed, id_hash, identity, job_post, appointment, seconded, retained, paid_by_zone, start_date, created_at) ${n} ` +
		`SELECT ${zone}, '导出测试' || i, p.id_sealed, p.id_hash || i, 'enterprise', '${TEXT}', 'hired', 0, 0, 1, '2020-01-01', '${NOW}' FROM n, person p WHERE p.id = ${one('person')}`),
	list('招商 projects', '/api/invest-projects', 'office1', (zone, n) =>
		`INSERT INTO invest_project (zone_id, name, investor, industry_code, stage, stage_on, agreed_fen, realized_fen, expected_output_fen, expected_tax_fen, staff, created_at, updated_at) ${n} ` +
		`SELECT ${zone}, '导出测试项目' || i, '${TEXT}', '3011', 'talks', '2026-01-01', 100, 0, 0, 0, '张三', '${NOW}', '${NOW}' FROM n`),
	list('power items', '/api/powers', 'office1', (zone, n) =>
		`INSERT INTO power_item (dept_org_id, code, name, kind, legal_basis, statutory_days, promised_days, created_at, updated_at) ${n} ` +
		`SELECT p.dept_org_id, 'EXP' || i, '导出测试事项' || i, p.kind, '${TEXT}', 20, 10, '${NOW}', '${NOW}' FROM n, power_item p WHERE p.id = ${one('power_item')}`),
]);

exporting('land cases, idle buildings and accounts', ['office1', 'admin'], true, [
	list('land cases', '/api/land/cases', 'office1', (zone, n) =>
		`INSERT INTO land_case (zone_id, batch_id, kind, handling, status, opened_at, note) ${n} ` +
		`SELECT ${zone}, ${one('land_batch')}, 'unsupplied', 'rectify', 'closed', '${NOW}', '${TEXT}' FROM n`),
	list('idle buildings', '/api/land/buildings', 'office1', (zone, n) =>
		`INSERT INTO idle_building (zone_id, kind, name, address, area_m2x100, owner, vacant_since, status, created_at, updated_at) ${n} ` +
		`SELECT ${zone}, 'office', '导出测试楼宇' || i, '${TEXT}', 100000, '某公司', '2025-01-01', 'vacant', '${NOW}', '${NOW}' FROM n`),
	list('accounts', '/api/users', 'admin', (zone, n) =>
		`INSERT INTO app_user (username, display_name, org_id, role, data_scope, password_hash, job_title, created_at, updated_at) ${n} ` +
		`SELECT 'export' || i, '导出测试' || i, ${zone}, 'zone', 'org', 'x', '${TEXT}', '${NOW}', '${NOW}' FROM n`),
]);
