'use strict';
// refusals.test.js - each refusal means one thing: a lock held past the lock timeout is 503 with
// Retry-After while a workflow state refusal is 409 with the state's message; numbers out of
// their declared range, text that is blank in any Unicode sense and reply deadlines past the
// horizon are 400 and write nothing; another organization's record answers exactly as a
// missing one (404); CSV cells that a spreadsheet would run as formulas are neutralised.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const h = require('./harness');

const T = { timeout: h.STEP_TIMEOUT };
const { day, SEED } = h;

const milestones = () => [
	{ title: '制定实施方案', deliverable: '方案文本', start_date: day(-30), due_date: day(10), weight: 40 },
	{ title: '组织实施', deliverable: '实施报告', start_date: day(-30), due_date: day(60), weight: 60 },
];

/**
 * Holds the database's write lock from another process (as a long transaction of another
 * program would): SQLite's BEGIN IMMEDIATE, or PostgreSQL's lock on the audit head row that
 * every kfq write takes first. Resolves once the lock is held; release() ends it.
 */
async function holdWriteLock(db) {
	const pg = /^postgres(ql)?:\/\//.test(db);
	const child = pg ? spawn('psql', ['-X', '-q', '-At', db]) : spawn('sqlite3', ['-batch', db]);
	let out = '';
	child.stdout.setEncoding('utf8');
	const held = new Promise((resolve, reject) => {
		child.stdout.on('data', (d) => {
			out += d;
			if (out.includes('locked')) resolve();
		});
		child.on('exit', (code) => reject(new Error(`lock holder exited (${code}) before locking: ${out}`)));
	});
	child.stdin.write(
		pg
			? 'BEGIN;\nSELECT seq FROM audit_head WHERE id = 1 FOR UPDATE;\n\\echo locked\n'
			: "BEGIN IMMEDIATE;\nSELECT 'locked';\n",
	);
	await held;
	return {
		async release() {
			const exited = new Promise((resolve) => child.on('exit', resolve));
			child.stdin.end('ROLLBACK;\n');
			await exited;
		},
	};
}

describe('refusals', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, ids, tasks;

	before(async () => {
		// a lock held past --lock-timeout is the refusal: one second of it, not the default ten
		srv = await h.startServer({ serveArgs: ['--lock-timeout', '1'] });
		c = await h.loginAll(srv, ['admin', 'office1', 'zone1', 'zone2', 'county1', 'auditor1']);
		ids = await h.orgIds(c.office1);
		const r = await c.office1.post('/api/policies', fs.readFileSync(SEED), { raw: true, contentType: 'text/plain' });
		assert.equal(r.status, 201, r.text);
		tasks = (await c.zone1.get('/api/tasks?page_size=50')).json.items;
	});

	after(async () => {
		if (srv) await srv.close();
	});

	const task = (n) => tasks.find((t) => t.article_number === n);
	const auditCount = async () => (await c.auditor1.get('/api/audit?page_size=1')).json.total;

	describe('a lock timeout is not a state refusal', () => {
		let plan;

		before(async () => {
			let r = await c.zone1.post('/api/plans', { task_id: task(1).id, milestones: milestones() });
			assert.equal(r.status, 201, r.text);
			plan = r.json;
			r = await c.zone1.post(`/api/plans/${plan.id}/submit`, {});
			assert.equal(r.status, 200, r.text);
		});

		test('approving while another program holds the write lock: 503 busy with Retry-After, nothing written', { timeout: 120_000 }, async () => {
			const before = await auditCount();
			const lock = await holdWriteLock(srv.db);
			let r;
			try {
				r = await c.office1.post(`/api/plans/${plan.id}/approve`, {});
			} finally {
				await lock.release();
			}
			h.assertError(r, 503, 'busy');
			assert.equal(r.headers.get('retry-after'), '1');
			assert.doesNotMatch(r.json.error.message, /待审核/);
			assert.equal((await c.office1.get(`/api/plans/${plan.id}`)).json.status, 'submitted');
			assert.equal(await auditCount(), before);
			// the same request succeeds once the lock is gone
			r = await c.office1.post(`/api/plans/${plan.id}/approve`, {});
			assert.equal(r.status, 200, r.text);
			assert.equal(r.json.status, 'approved');
		});

		// on PostgreSQL the lock goes in one round trip with the INSERT that numbers and reads
		// the notice (DECISIONS 189–190): the INSERT must not run when the lock fails
		test('issuing a notice while another program holds the write lock: 503 busy, nothing written, the number not taken', { timeout: 120_000 }, async () => {
			const notice = () => ({
				org_id: ids[h.ORG.econ],
				task_id: task(1).id,
				subject: '请按期推进',
				body: '请于期限内反馈。',
				reply_due: day(7),
			});
			let r = await c.office1.post('/api/notices', notice());
			assert.equal(r.status, 201, r.text);
			const seq = r.json.seq;
			const audits = await auditCount();
			const notices = (await c.office1.get('/api/notices?page_size=1')).json.total;
			const lock = await holdWriteLock(srv.db);
			try {
				r = await c.office1.post('/api/notices', notice());
			} finally {
				await lock.release();
			}
			h.assertError(r, 503, 'busy');
			assert.equal(r.headers.get('retry-after'), '1');
			assert.equal((await c.office1.get('/api/notices?page_size=1')).json.total, notices);
			assert.equal(await auditCount(), audits);
			r = await c.office1.post('/api/notices', notice());
			assert.equal(r.status, 201, r.text);
			assert.equal(r.json.seq, seq + 1);
			assert.equal(r.json.id, (await c.office1.get(`/api/notices/${r.json.id}`)).json.id);
		});

		test('approving an approved plan: 409 invalid_state with the state’s message', T, async () => {
			const r = await c.office1.post(`/api/plans/${plan.id}/approve`, {});
			h.assertError(r, 409, 'invalid_state');
			assert.equal(r.json.error.message, '只有待审核的计划（修订）可以批准');
			assert.equal(r.headers.get('retry-after'), null);
		});
	});

	describe('another organization’s record answers exactly as a missing one', () => {
		let plan, notice, evidence;

		before(async () => {
			let r = await c.zone1.post('/api/plans', { task_id: task(2).id, milestones: milestones() });
			assert.equal(r.status, 201, r.text);
			plan = r.json;
			r = await c.office1.post('/api/notices', {
				org_id: ids[h.ORG.econ],
				task_id: task(2).id,
				subject: '请加快推进',
				body: '请于期限内反馈。',
				reply_due: day(7),
			});
			assert.equal(r.status, 201, r.text);
			notice = r.json;
			r = await c.zone1.post(`/api/evidence?name=${encodeURIComponent('方案.pdf')}`, Buffer.from('%PDF-1.4\n%%EOF\n'), {
				raw: true,
				contentType: 'application/octet-stream',
			});
			assert.equal(r.status, 201, r.text);
			evidence = r.json;
		});

		test('every :id route a zone may call: zone2 asking for zone1’s record gets the answer of an id that does not exist', T, async () => {
			const m = plan.milestones[0].id;
			const routes = [
				['GET', (id) => `/api/orgs/${id}`, ids[h.ORG.econ]],
				['GET', (id) => `/api/plans/${id}`, plan.id],
				['GET', (id) => `/api/plans/${id}/versions`, plan.id],
				['PUT', (id) => `/api/plans/${id}`, plan.id, { milestones: milestones() }],
				['POST', (id) => `/api/plans/${id}/submit`, plan.id, {}],
				['GET', (id) => `/api/milestones/${id}`, m],
				['POST', (id) => `/api/milestones/${id}/reports`, m, { status: 'in_progress', percent: 10, narrative: '推进中' }],
				['GET', (id) => `/api/evidence/${id}`, evidence.id],
				['GET', (id) => `/api/notices/${id}`, notice.id],
				['GET', (id) => `/api/notices/${id}/print`, notice.id],
				['POST', (id) => `/api/notices/${id}/reply`, notice.id, { reply: '已办理' }],
			];
			const before = await auditCount();
			for (const [method, url, id, body] of routes) {
				const other = await c.zone2.request(method, url(id), body);
				const missing = await c.zone2.request(method, url(999999), body);
				h.assertError(missing, 404, 'not_found');
				assert.equal(other.status, 404, `${method} ${url(id)}: ${other.status} ${other.text}`);
				assert.deepEqual(other.json, missing.json, `${method} ${url(id)}`);
				// the owner still reaches it
				if (method === 'GET') assert.equal((await c.zone1.get(url(id))).status, 200, url(id));
			}
			assert.equal(await auditCount(), before);
		});

		test('a reviewer whose scope leaves zone1 out: every review of zone1’s plan or report, one or in a batch, answers as for a missing one', T, async () => {
			// zone1's plan for task 2 (led by 市发改委, not the commerce bureau), approved, with a report
			let r = await c.zone1.post(`/api/plans/${plan.id}/submit`, {});
			assert.equal(r.status, 200, r.text);
			assert.equal((await c.office1.post(`/api/plans/${plan.id}/approve`, {})).status, 200);
			r = await c.zone1.post(`/api/milestones/${plan.milestones[0].id}/reports`, { status: 'in_progress', percent: 20, narrative: '推进中' });
			assert.equal(r.status, 201, r.text);
			const report = r.json;
			r = await c.admin.post('/api/users', { username: 'office.org', display_name: '本局审核', org_id: ids[h.ORG.commerce], role: 'office', data_scope: 'org', password: 'Scoped-Passw0rd-1' });
			assert.equal(r.status, 201, r.text);
			const scoped = new h.Client(srv);
			await scoped.login('office.org', 'Scoped-Passw0rd-1');
			assert.equal((await scoped.put('/api/session/password', { old_password: 'Scoped-Passw0rd-1', new_password: 'Scoped-Passw0rd-2' })).status, 204);
			const before = await auditCount();
			const same = async (method, url, other, missing) => {
				const a = await scoped.request(method, url(other.id), other.body);
				const b = await scoped.request(method, url(missing.id), missing.body);
				assert.ok(a.status === 404 || a.status === 400, `${url(other.id)}: ${a.status} ${a.text}`);
				assert.equal(a.status, b.status, `${url(other.id)}: ${a.text} / ${b.text}`);
				assert.deepEqual(a.json, b.json, url(other.id));
			};
			await same('POST', (id) => `/api/plans/${id}/return`, { id: plan.id, body: { comment: '请修改' } }, { id: 999999, body: { comment: '请修改' } });
			await same('POST', (id) => `/api/reports/${id}/accept`, { id: report.id, body: {} }, { id: 999999, body: {} });
			await same('POST', (id) => `/api/reports/${id}/return`, { id: report.id, body: { comment: '补充' } }, { id: 999999, body: { comment: '补充' } });
			await same('POST', () => '/api/plans/approve', { id: 0, body: { ids: [plan.id] } }, { id: 0, body: { ids: [999999] } });
			await same('POST', () => '/api/reports/accept', { id: 0, body: { ids: [report.id] } }, { id: 0, body: { ids: [999999] } });
			assert.equal(await auditCount(), before);
			// the office with every organization in scope accepts it
			assert.equal((await c.office1.post(`/api/reports/${report.id}/accept`, {})).status, 200);
		});
	});

	describe('numbers outside their declared range', () => {
		const BIG = 4294967396; // 2^32 + 100: an int cast makes it 100
		let plan;

		before(async () => {
			const r = await c.zone1.post('/api/plans', { task_id: task(6).id, milestones: [{ ...milestones()[0], weight: 100 }] });
			assert.equal(r.status, 201, r.text);
			plan = r.json;
			assert.equal((await c.zone1.post(`/api/plans/${plan.id}/submit`, {})).status, 200);
			assert.equal((await c.office1.post(`/api/plans/${plan.id}/approve`, {})).status, 200);
		});

		test('a weight of 2^32 + 100 does not pass as 100; every numeric body field is refused out of range', T, async () => {
			const before = await auditCount();
			const m = plan.milestones[0];
			const ms = (patch) => [{ ...milestones()[0], weight: 100, ...patch }];
			const cases = [
				[c.zone1, 'POST', '/api/plans', { task_id: task(7).id, milestones: ms({ weight: BIG }) }, '/milestones/0/weight'],
				[c.zone1, 'POST', '/api/plans', { task_id: task(7).id, milestones: ms({ weight: 0 }) }, '/milestones/0/weight'],
				[c.zone1, 'POST', '/api/plans', { task_id: task(7).id, milestones: ms({ weight: -4294967196 }) }, '/milestones/0/weight'],
				[c.zone1, 'POST', '/api/plans', { task_id: 0, milestones: ms({}) }, '/task_id'],
				[c.zone1, 'POST', '/api/plans', { task_id: task(7).id, org_id: -1, milestones: ms({}) }, '/org_id'],
				[c.zone1, 'POST', '/api/plans', { task_id: task(7).id, milestones: ms({ owner_org_id: 0 }) }, '/milestones/0/owner_org_id'],
				[c.zone1, 'PUT', `/api/plans/${plan.id}`, { milestones: ms({ id: -m.id }) }, '/milestones/0/id'],
				[c.zone1, 'POST', `/api/milestones/${m.id}/reports`, { status: 'in_progress', percent: BIG, narrative: '推进中' }, '/percent'],
				[c.zone1, 'POST', `/api/milestones/${m.id}/reports`, { status: 'in_progress', percent: -1, narrative: '推进中' }, '/percent'],
				[c.zone1, 'POST', `/api/milestones/${m.id}/reports`, { status: 'in_progress', percent: 101, narrative: '推进中' }, '/percent'],
				[c.zone1, 'POST', `/api/milestones/${m.id}/reports`, { status: 'in_progress', percent: 10, narrative: '推进中', evidence_ids: [0] }, '/evidence_ids/0'],
				[c.office1, 'POST', '/api/notices', { org_id: -ids[h.ORG.econ], task_id: task(1).id, subject: '督办', body: '内容', reply_due: day(3) }, '/org_id'],
				[c.office1, 'POST', '/api/notices', { org_id: ids[h.ORG.econ], task_id: task(1).id, milestone_id: 0, subject: '督办', body: '内容', reply_due: day(3) }, '/milestone_id'],
				[c.office1, 'POST', '/api/orgs', { name: '范围县', type: 'county', parent_id: 0 }, '/parent_id'],
				[c.office1, 'PUT', `/api/tasks/${task(1).id}/orgs`, { lead_org_ids: [ids[h.ORG.commerce], -3], responsible_org_ids: [] }, '/lead_org_ids/1'],
				[c.admin, 'POST', '/api/users', { username: 'range1', display_name: '范围', org_id: 0, role: 'zone', password: 'Range-Passw0rd-1' }, '/org_id'],
				[c.admin, 'POST', '/api/users', { username: 'range1', display_name: '范围', org_id: ids[h.ORG.econ], role: 'zone', data_scope: 'custom', scope_org_ids: [-1], password: 'Range-Passw0rd-1' }, '/scope_org_ids/0'],
			];
			for (const [client, method, url, body, field] of cases) {
				const r = await client.request(method, url, body);
				h.assertError(r, 400, 'out_of_range', field);
				assert.match(r.json.error.message, /之间的整数/);
			}
			assert.equal(await auditCount(), before);
			// the milestone kept its percent
			assert.equal((await c.zone1.get(`/api/milestones/${m.id}`)).json.milestone.percent, 0);
		});

		test('integer query parameters outside their range are refused, on every list that takes them', T, async () => {
			const lists = [
				[c.office1, '/api/tasks', ['policy_id', 'org_id', 'article', 'page', 'page_size']],
				[c.office1, '/api/tasks/export.csv', ['policy_id', 'org_id', 'article']],
				[c.office1, '/api/plans', ['policy_id', 'task_id', 'org_id', 'page', 'page_size']],
				[c.office1, '/api/plans/export.csv', ['policy_id', 'task_id', 'org_id']],
				[c.office1, '/api/milestones', ['task_id', 'org_id', 'page', 'page_size']],
				[c.office1, '/api/milestones/export.xlsx', ['task_id', 'org_id']],
				[c.office1, '/api/notices', ['org_id', 'task_id', 'overdue', 'page', 'page_size']],
				[c.office1, '/api/notices/export.xlsx', ['org_id', 'task_id', 'overdue']],
				[c.office1, '/api/board', ['org_id', 'policy_id']],
				[c.office1, '/api/board/ranking.csv', ['policy_id']],
				[c.office1, '/api/inbox', ['unread', 'page', 'page_size']],
				[c.auditor1, '/api/audit', ['user_id', 'org_id', 'page', 'page_size']],
				[c.auditor1, '/api/audit/export.xlsx', ['user_id', 'org_id']],
				[c.admin, '/api/users', ['org_id', 'page', 'page_size']],
				[c.admin, '/api/users/export.xlsx', ['org_id']],
				[c.admin, '/api/role-changes', ['user_id', 'page', 'page_size']],
			];
			const bad = { page: ['0', '1000001'], page_size: ['0', '501'], overdue: ['2', '-1'], unread: ['2'], article: ['0', '10001'] };
			for (const [client, url, params] of lists) {
				for (const p of params) {
					for (const v of [...(bad[p] || ['0', '-1']), '99999999999999999999', '1e3', '0x10', ' 1', String(4294967396 * 2 ** 31)]) {
						const r = await client.get(`${url}?${p}=${encodeURIComponent(v)}`);
						assert.equal(r.status, 400, `${url}?${p}=${v}: ${r.status}`);
						h.assertError(r, 400, 'invalid_parameter', p);
					}
				}
			}
		});

		test('text query parameters longer than declared are refused; ids past 2^63 in a path are missing records', T, async () => {
			h.assertError(await c.office1.get(`/api/tasks?q=${'x'.repeat(101)}`), 400, 'invalid_parameter', 'q');
			assert.equal((await c.office1.get(`/api/tasks?q=${'x'.repeat(100)}`)).status, 200);
			h.assertError(await c.office1.get('/api/tasks?q=%01'), 400, 'invalid_parameter', 'q');
			h.assertError(await c.office1.get('/api/tasks?q=%FF'), 400, 'invalid_parameter', 'q');
			for (const id of ['99999999999999999999', '9223372036854775808', '0', '-1']) h.assertError(await c.office1.get(`/api/plans/${id}`), 404, 'not_found');
		});
	});

	describe('blank text, far deadlines, formulas in CSV', () => {
		const notice = (extra) => ({
			org_id: ids[h.ORG.econ],
			task_id: task(3).id,
			subject: '请报送进展',
			body: '请于期限内反馈。',
			reply_due: day(7),
			...extra,
		});

		test('text blank in any Unicode sense is refused as missing, nothing written', T, async () => {
			const before = await auditCount();
			const cases = [
				[() => c.office1.post('/api/notices', notice({ subject: '\u3000\u3000\u3000' })), '/subject'],
				[() => c.office1.post('/api/notices', notice({ body: '\u200b' })), '/body'],
				[() => c.office1.post('/api/notices', notice({ body: ' \u00a0\u2003\u200d\u2060\ufeff\n\t' })), '/body'],
				[() => c.office1.post('/api/orgs', { name: '\u3164', type: 'county' }), '/name'],
				[() => c.zone1.post('/api/plans', { task_id: task(3).id, milestones: [{ ...milestones()[0], weight: 100, title: '\u200b\u3000' }] }), '/milestones/0/title'],
			];
			for (const [send, field] of cases) h.assertError(await send(), 400, 'missing_field', field);
			h.assertError(await c.office1.post('/api/orgs', { name: '空白别名县', type: 'county', aliases: ['\u200b'] }), 400, 'invalid_value', '/aliases/0');
			assert.equal(await auditCount(), before);
		});

		test('text is stored without blank code points at its ends; inside they stay', T, async () => {
			const r = await c.office1.post('/api/notices', notice({ subject: '\u3000\u200b请\u3000报送\ufeff ', body: '\n第一段\n\n第二段\u3000' }));
			assert.equal(r.status, 201, r.text);
			assert.equal(r.json.subject, '请\u3000报送');
			assert.equal(r.json.body, '第一段\n\n第二段');
		});

		test('a password is kept exactly as typed, spaces included', T, async () => {
			const password = ' Spaced-Passw0rd ';
			let r = await c.admin.post('/api/users', { username: 'spaced1', display_name: '\u3000空格\u3000', org_id: ids[h.ORG.econ], role: 'zone', password });
			assert.equal(r.status, 201, r.text);
			assert.equal(r.json.display_name, '空格');
			const u = new h.Client(srv);
			h.assertError(await u.tryLogin('spaced1', password.trim()), 401, 'invalid_credentials');
			assert.equal((await u.tryLogin('spaced1', password)).status, 200);
		});

		test('a reply date more than 366 days ahead is refused; 366 days is the last allowed', T, async () => {
			const before = await auditCount();
			let r = await c.office1.post('/api/notices', notice({ reply_due: day(367) }));
			h.assertError(r, 400, 'invalid_value', '/reply_due');
			assert.match(r.json.error.message, /366天/);
			h.assertError(await c.office1.post('/api/notices', notice({ reply_due: '9999-12-31' })), 400, 'invalid_value', '/reply_due');
			assert.equal(await auditCount(), before);
			r = await c.office1.post('/api/notices', notice({ reply_due: day(366) }));
			assert.equal(r.status, 201, r.text);
		});

		test('kfq serve refuses a horizon that is not a number of days', T, async () => {
			for (const bad of ['-1', 'x', '99999', '']) {
				const r = await h.kfq(['serve', '--db', srv.db, '--reply-horizon-days', bad]);
				assert.equal(r.code, 2, `--reply-horizon-days ${bad}: ${r.stderr}`);
				assert.match(r.stderr, /reply-horizon-days/);
			}
		});

		test('CSV export: a cell starting with a tab or carriage return before = is neutralised like =', T, async () => {
			const tab = h.IS_PG ? "chr(9) || '=1+1'" : "char(9) || '=1+1'";
			const cr = h.IS_PG ? "chr(13) || '=1+1'" : "char(13) || '=1+1'";
			await h.sqlOk(srv.db, `UPDATE task SET title = ${tab} WHERE id = ${task(4).id}`);
			await h.sqlOk(srv.db, `UPDATE task SET title = ${cr} WHERE id = ${task(5).id}`);
			const csv = (await c.office1.get('/api/tasks/export.csv')).text;
			assert.ok(csv.includes(`,"'\t=1+1",`), 'the tab cell starts with a quote mark');
			assert.ok(csv.includes(`,"'\r=1+1",`), 'the carriage-return cell starts with a quote mark');
			assert.ok(!/,"?[\t\r]=1\+1/.test(csv), 'no cell starts with a tab or CR before =');
		});
	});
});
