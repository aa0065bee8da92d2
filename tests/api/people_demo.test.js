'use strict';
// people_demo.test.js - what `kfq demo` gives the people pages, worked by hand: the staff KPIs
// of the first sample zone (高新, graded 优秀 this year, eight people it pays) whose totals split
// its pool into the filed distribution plan's 绩效薪酬 to the fen, and the 容错免责 cases — one
// decided by 市纪委监委 with the three conditions' evidence (real PDFs the server hands out),
// its effect recorded by 市委组织部 as a 不予调整 citing it and published without the leader's
// name; one still open. And the demo accounts `make run` adds (data/demo/accounts.tsv): every
// zone's filer logs in and reports on its own plan.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./harness');

const T = { timeout: h.STEP_TIMEOUT };
const YEAR = Number(h.day(0).slice(0, 4));
const USERS = [
	...h.DEFAULT_USERS,
	{ username: 'jiwei1', org: h.ORG.discipline, role: 'department' },
	{ username: 'zuzhi1', org: '市委组织部', role: 'department' },
];

describe('people: the demo data', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, org;

	before(async () => {
		srv = await h.startServer({ users: USERS });
		// the evidence files go where this server reads them (beside a SQLite file; var/files in
		// its working directory on PostgreSQL)
		const files = h.IS_PG ? path.join(srv.dir, 'var', 'files') : path.join(path.dirname(srv.db), 'files');
		// every module's demo on one connection: minutes under ASan on a loaded machine
		const demo = await h.demo(srv.db, ['--data-dir', files]);
		assert.match(demo.stdout, /2 容错免责 cases/);
		c = await h.loginAll(srv, ['office1', 'jiwei1', 'zuzhi1']);
		org = await h.orgIds(c.office1);
	});
	after(async () => {
		if (srv) await srv.close();
	});

	test('the first zone\'s staff KPIs feed its filed plan, to the fen', T, async () => {
		const schemes = (await c.office1.get(`/api/kpi/schemes?year=${YEAR}`)).json.items;
		assert.equal(schemes.length, 4);
		assert.ok(schemes.every((k) => k.target === 'staff' && k.subjects.length === 8));
		const k = schemes.find((x) => x.org_id === org[h.ORG.hightech]);
		// N = 8 (周强 is paid by his unit, 吴敏 returned in June) × R ¥48,000.00 × 优秀 3.0
		assert.equal(k.pool_fen, 115200000);
		// the i-th person scored 70 + (37i + 53j) mod 30 points on indicator j (weights 30, 25,
		// 20, 25): totals 81.20, 80.70, 81.70, 81.20, 88.20, 86.20, 85.70, 86.70 (Σ 671.60);
		// 115,200,000 × total / 67,160, the 4 fen left to the largest remainders (81.70's .99,
		// 85.70's .68, both 81.20's .65)
		const perf = { 8070: 13842525, 8120: 13928291, 8170: 14014056, 8570: 14700179, 8620: 14785944, 8670: 14871709, 8820: 15129005 };
		assert.deepEqual(k.subjects.map((s) => s.total_cp).sort(), [8070, 8120, 8120, 8170, 8570, 8620, 8670, 8820]);
		for (const s of k.subjects) assert.equal(s.perf_fen, perf[s.total_cp], s.name);
		const plans = (await c.office1.get(`/api/pay/plans?year=${YEAR}`)).json.items;
		assert.equal(plans.length, 1);
		const plan = (await c.office1.get(`/api/pay/plans/${plans[0].id}`)).json;
		assert.equal(plan.org_id, org[h.ORG.hightech]);
		assert.equal(plan.status, 'filed');
		assert.equal(plan.pending, 2);
		assert.equal(plan.perf_total_fen, 115200000);
		assert.deepEqual(
			plan.lines.map((l) => [l.person_id, l.perf_fen]).sort((a, b) => a[0] - b[0]),
			k.subjects.map((s) => [Number(s.key), s.perf_fen]).sort((a, b) => a[0] - b[0]),
		);
	});

	test('a decided case with its evidence and effect, published without the name; an open one', T, async () => {
		const cases = (await c.jiwei1.get('/api/fault-cases?page_size=50')).json.items;
		assert.equal(cases.length, 2);
		const done = cases.find((x) => x.status === 'decided');
		assert.equal(done.org_name, h.ORG.shengli); // graded 较差 last year
		assert.equal(done.subject_kind, 'person');
		assert.deepEqual([done.decision, done.decided_org_name, done.distinction, done.effect, done.effect_year, done.published], ['exempt', '市纪委监委', 'trial_inexperience', 'leader_kept', YEAR - 1, true]);
		const full = (await c.office1.get(`/api/fault-cases/${done.id}`)).json;
		for (const k of ['procedure', 'diligence', 'no_gain']) {
			assert.equal(full.conditions[k].met, true, k);
			assert.equal(full.conditions[k].files.length, 1, k);
			assert.equal(full.conditions[k].files[0].mime, 'application/pdf');
		}
		const file = await c.office1.get(`/api/attachments/${full.conditions.procedure.files[0].id}`);
		assert.equal(file.status, 200, file.text);
		assert.equal(file.buf.subarray(0, 8).toString(), '%PDF-1.4');
		assert.equal(file.buf.length, full.conditions.procedure.files[0].size);
		const open = cases.find((x) => x.status === 'open');
		assert.equal(open.subject_kind, 'unit');
		const o = (await c.office1.get(`/api/fault-cases/${open.id}`)).json;
		assert.deepEqual(['procedure', 'diligence', 'no_gain'].map((k) => [o.conditions[k].met, o.conditions[k].files.length]), [[true, 1], [null, 0], [null, 0]]);
		// its effect: 市委组织部's 不予调整 of the leader for last year, citing the case
		const acts = (await c.zuzhi1.get(`/api/leader-actions?org_id=${org[h.ORG.shengli]}`)).json.items;
		assert.deepEqual(acts.map((a) => [a.kind, a.year, a.grade, a.fault_case_id, a.person_id]), [['kept', YEAR - 1, 'poor', done.id, done.person_id]]);
		// the library: the case without the leader's name
		const lib = (await c.office1.get('/api/public/fault-library')).json.items;
		assert.equal(lib.length, 1);
		assert.ok(!JSON.stringify(lib[0]).includes(done.person_name), done.person_name);
		assert.match(lib[0].happened, /^当事人同志牵头/);
	});
	// `make run` creates the accounts of data/demo/accounts.tsv beside this demo data, each with
	// a one-time password: every zone's and the county's can log in, and each zone's filer can
	// report progress on its own plan, as a first user of the demo would
	test('the demo accounts of data/demo/accounts.tsv: every zone has a filer who reports on its plan', T, async () => {
		const rows = fs
			.readFileSync(path.join(__dirname, '..', '..', 'data', 'demo', 'accounts.tsv'), 'utf8')
			.split('\n')
			.filter((l) => l && !l.startsWith('#'))
			.map((l) => l.split('\t'));
		const zones = (await c.office1.get('/api/orgs')).json.items.filter((o) => o.type === 'zone').map((o) => o.name).sort();
		assert.deepEqual(rows.filter((r) => r[3] === 'zone').map((r) => r[2]).sort(), zones);
		const NEW = 'Demo#Passw0rd-2026';
		// named demo-… here: the test server's own accounts include a zone2
		for (const [login, name, orgName, role] of rows.filter((r) => r[3] === 'zone' || r[3] === 'county')) {
			const username = `demo-${login}`;
			const add = await h.kfqOk(['user', 'add', '--db', srv.db, '--username', username, '--display-name', name, '--org', orgName, '--role', role, '--generate-password']);
			const first = add.stdout.match(/^password: (\S+)$/m)[1];
			const u = new h.Client(srv);
			assert.equal((await u.login(username, first)).json.user.must_change_password, true, username);
			assert.equal((await u.put('/api/session/password', { old_password: first, new_password: NEW })).status, 204, username);
			if (role !== 'zone') {
				assert.ok((await u.get('/api/milestones')).json.total > 0, username);
				continue;
			}
			// a milestone of its own approved plan that takes a report
			const mine = (await u.get('/api/milestones?page_size=100')).json.items;
			assert.ok(mine.length > 0, username);
			assert.ok(mine.every((m) => m.org_name === orgName), username);
			let open = null;
			for (const m of mine) if ((await u.get(`/api/milestones/${m.id}`)).json.may_report) { open = m; break; }
			assert.ok(open, `${username} has a milestone to report on`);
			const r = await u.post(`/api/milestones/${open.id}/reports`, { status: 'in_progress', percent: 50, narrative: '演示账号填报' });
			assert.equal(r.status, 201, `${username}: ${r.text}`);
			assert.equal(r.json.created_by_name, name);
		}
		// 容错免责 is decided by a department holding decide_fault (DECISIONS 129), never by the
		// read-only supervisor: the demo has such an account, and the supervisor is told so
		const decider = rows.find((r) => r[0] === 'zuzhi');
		assert.deepEqual(decider.slice(2, 4), ['市委组织部', 'department']);
		const holders = (await c.office1.get('/api/capabilities/grants?capability=decide_fault')).json.items.map((g) => g.org_name);
		assert.ok(holders.includes(decider[2]), holders.join());
		assert.doesNotMatch(rows.find((r) => r[0] === 'supervisor')[4], /容错/);
	});
});
