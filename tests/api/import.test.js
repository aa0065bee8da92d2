'use strict';
// import.test.js - spreadsheet imports over HTTP, users first: the template, a good .xlsx (the
// accounts, their phone and job title, the one-time password download and a first login with
// it), a file with three bad rows (all three reported, nothing written), the same file twice
// (nothing changes), a GBK CSV, wrong headers, duplicate rows, refused roles, a file that is
// not a spreadsheet, permissions; and the import's audit record with the file's SHA-256.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./harness');
const { writeXlsx, readXlsx } = require('./xlsx');

const T = { timeout: h.STEP_TIMEOUT };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = ['登录名', '姓名', '所属组织', '角色', '数据范围', '手机', '职务'];

const sha256 = (buf) => crypto.createHash('sha256').update(buf).digest('hex');

describe('imports', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c;

	before(async () => {
		srv = await h.startServer();
		c = await h.loginAll(srv, ['admin', 'office1', 'auditor1']);
	});

	after(async () => {
		if (srv) await srv.close();
	});

	const upload = (client, kind, buf, name = 'users.xlsx') => h.importFile(client, kind, buf, name);

	async function userCount() {
		const r = await c.admin.get('/api/users?page_size=1');
		assert.equal(r.status, 200);
		return r.json.total;
	}

	async function importAudits() {
		const r = await c.auditor1.get('/api/audit?entity_type=import&page_size=100');
		assert.equal(r.status, 200);
		return r.json.items;
	}

	test('the template: header row and a sample on the first sheet, the rules on the second', T, async () => {
		const r = await c.admin.get('/api/imports/users/template.xlsx');
		assert.equal(r.status, 200);
		assert.equal(r.headers.get('content-type'), XLSX);
		assert.match(decodeURIComponent(r.headers.get('content-disposition')), /用户导入模板\.xlsx/);
		const rows = readXlsx(r.buf);
		assert.deepEqual(rows[0], HEADER);
		assert.deepEqual(rows[1], ['zhangsan', '张三', '市商务局', '市直部门', '本机构数据', '13800138000', '科员']);
		const rules = readXlsx(r.buf, 'xl/worksheets/sheet2.xml');
		assert.deepEqual(rules[0], ['列名', '必填', '格式', '说明']);
		assert.deepEqual(rules[1].slice(0, 3), ['登录名', '是', '文本（最多32字）']);
		assert.match(rules[4][3], /审计员、监督部门账号须由安全管理员创建/);
	});

	let good, goodResult;

	test('a good .xlsx: 201, every account created with phone and job title, one audit record with the hash', T, async () => {
		const usersBefore = await userCount();
		const auditsBefore = (await importAudits()).length;
		good = writeXlsx([
			HEADER,
			// a phone typed with full-width digits is the number
			['imp.zhao', '赵一', h.ORG.commerce, '市直部门', '本机构数据', '１３８００１３８０００', '科长'],
			['imp.qian', '钱二', '商务局', '改革办', null, '0413-5551234', null],
			// a tab and a backslash inside a cell: COPY's text format escapes both
			['imp.sun', ' 孙三 ', h.ORG.econ, '开发区', '仅本人数据', { n: '13900139000' }, '主任\t\\二处'],
		]);
		const r = await upload(c.admin, 'users', good, '用户.xlsx');
		assert.equal(r.status, 201, r.text);
		goodResult = r.json;
		assert.equal(r.headers.get('cache-control'), 'no-store');
		assert.equal(r.json.outcome, 'imported');
		assert.equal(r.json.rows, 3);
		assert.equal(r.json.bad_rows, 0);
		assert.deepEqual(r.json.problems, []);
		assert.equal(r.json.format, 'xlsx');
		assert.equal(r.json.sha256, sha256(good));
		assert.equal(r.json.size, good.length);
		assert.equal(r.json.secret.rows, 3);
		assert.match(r.json.secret.token, /^[A-Za-z0-9_-]{43}$/);
		assert.equal(await userCount(), usersBefore + 3);

		const list = await c.admin.get('/api/users?q=imp.&page_size=50');
		const byName = Object.fromEntries(list.json.items.map((u) => [u.username, u]));
		assert.equal(byName['imp.zhao'].display_name, '赵一');
		assert.equal(byName['imp.zhao'].phone, '138****8000', 'a phone is personal: masked without read_personal');
		assert.equal(byName['imp.zhao'].job_title, '科长');
		assert.equal(byName['imp.zhao'].data_scope, 'org');
		assert.equal(byName['imp.zhao'].must_change_password, true);
		assert.equal(byName['imp.qian'].org_name, h.ORG.commerce, 'an alias finds the organization');
		assert.equal(byName['imp.qian'].role, 'office');
		assert.equal(byName['imp.qian'].data_scope, 'all', 'the role default');
		assert.equal(byName['imp.qian'].job_title, null);
		assert.equal(byName['imp.sun'].display_name, '孙三', 'trimmed');
		assert.equal(byName['imp.sun'].phone, '139****9000', 'a number cell keeps its digits');
		assert.equal(byName['imp.sun'].job_title, '主任\t\\二处');

		const audits = await importAudits();
		assert.equal(audits.length, auditsBefore + 1, 'one audit record for the whole import');
		const a = audits[0];
		assert.equal(a.action, 'import');
		assert.equal(a.entity_id, String(r.json.id));
		assert.deepEqual(a.after, {
			filename: '用户.xlsx',
			format: 'xlsx',
			kind: 'users',
			n_bad: 0,
			n_rows: 3,
			outcome: 'imported',
			sha256: sha256(good),
			size: good.length,
		});
		const v = await c.auditor1.get('/api/audit/verify');
		assert.equal(v.json.ok, true);
	});

	test('the first passwords download once, and each logs its account in (must change)', T, async () => {
		const bad = await c.admin.post(`/api/imports/${goodResult.id}/secret`, { token: 'x'.repeat(43) });
		h.assertError(bad, 404, 'secret_gone');
		const r = await c.admin.post(`/api/imports/${goodResult.id}/secret`, { token: goodResult.secret.token });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.headers.get('content-type'), XLSX);
		const rows = readXlsx(r.buf);
		assert.deepEqual(rows[0], ['登录名', '姓名', '所属组织', '角色', '初始密码']);
		assert.deepEqual(rows.slice(1).map((x) => x.slice(0, 4)), [
			['imp.zhao', '赵一', h.ORG.commerce, '市直部门'],
			['imp.qian', '钱二', h.ORG.commerce, '改革办'],
			['imp.sun', '孙三', h.ORG.econ, '开发区'],
		]);
		const again = await c.admin.post(`/api/imports/${goodResult.id}/secret`, { token: goodResult.secret.token });
		h.assertError(again, 404, 'secret_gone');
		const u = new h.Client(srv);
		const login = await u.tryLogin('imp.qian', rows[2][4]);
		assert.equal(login.status, 200, login.text);
		assert.equal(login.json.user.must_change_password, true);
	});

	test('the same file twice changes nothing', T, async () => {
		const usersBefore = await userCount();
		const r = await upload(c.admin, 'users', good, 'again.xlsx');
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.outcome, 'unchanged');
		assert.equal(r.json.previous_id, goodResult.id);
		assert.equal(r.json.secret, null);
		assert.equal(await userCount(), usersBefore);
		const a = (await importAudits())[0];
		assert.equal(a.after.outcome, 'unchanged');
		assert.equal(a.after.previous_id, goodResult.id);
	});

	test('three bad rows: all three reported with row, column and reason; nothing written', T, async () => {
		const usersBefore = await userCount();
		const file = writeXlsx([
			HEADER,
			['imp.ok1', '好一', h.ORG.commerce, '市直部门', null, null, null],
			['imp.bad1', '', h.ORG.commerce, '市直部门', null, null, null],
			['imp.ok2', '好二', h.ORG.commerce, '市直部门', null, null, null],
			['imp.bad2', '坏二', '没有这个局', '市直部门', null, null, null],
			['x', '坏三', h.ORG.commerce, '局长', null, 'abc', null],
		]);
		const r = await upload(c.admin, 'users', file);
		h.assertError(r, 422, 'import_rejected');
		assert.equal(r.json.error.message, '文件中有3行有误，未导入任何数据');
		const imp = r.json.import;
		assert.equal(imp.outcome, 'rejected');
		assert.equal(imp.rows, 5);
		assert.equal(imp.bad_rows, 3);
		assert.equal(imp.problems_total, 5);
		assert.deepEqual(
			imp.problems.map((p) => [p.row, p.column, p.message]),
			[
				[3, '姓名', '必填，不能为空'],
				[5, '所属组织', '找不到组织“没有这个局”（请填写系统中组织机构的名称或别名）'],
				[6, '登录名', '须为3至32位字母、数字或 _ . -'],
				[6, '角色', '应为：系统管理员、改革办、市直部门、开发区、县区、监督部门、审计员、安全管理员'],
				[6, '手机', '手机号码格式不正确'],
			],
		);
		assert.equal(await userCount(), usersBefore, 'no row of a bad file is written');
		const a = (await importAudits())[0];
		assert.equal(a.after.outcome, 'rejected');
		assert.equal(a.after.n_bad, 3);
		assert.equal(a.after.sha256, sha256(file));
	});

	test('a GBK CSV, as Excel saves it on Chinese Windows', T, async () => {
		const text = `${HEADER.join(',')}\r\nimp.gbk,郭十,${h.ORG.dongzhou},县区,,,科员\r\n`;
		const gbk = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: text });
		const r = await upload(c.admin, 'users', gbk, 'users.csv');
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.format, 'GB18030');
		const list = await c.admin.get('/api/users?q=imp.gbk');
		assert.equal(list.json.items[0].display_name, '郭十');
		assert.equal(list.json.items[0].org_name, h.ORG.dongzhou);
		assert.equal(list.json.items[0].job_title, '科员');
	});

	test('wrong headers are named; nothing is read past them', T, async () => {
		const file = writeXlsx([['用户名', '姓名', '角色', '备注'], ['a1b', '甲', '县区', 'x']]);
		const r = await upload(c.admin, 'users', file);
		h.assertError(r, 422, 'import_rejected');
		assert.deepEqual(
			r.json.import.problems.map((p) => [p.row, p.message]),
			[
				[1, '未知的列“用户名”（请使用导入模板）'],
				[1, '未知的列“备注”（请使用导入模板）'],
				[1, '缺少必填列“登录名”'],
				[1, '缺少必填列“所属组织”'],
			],
		);
	});

	test('duplicate rows name the first; an existing login is refused', T, async () => {
		const file = writeXlsx([
			HEADER,
			['imp.dup', '甲', h.ORG.commerce, '市直部门'],
			['imp.other', '乙', h.ORG.commerce, '市直部门'],
			['imp.dup', '丙', h.ORG.commerce, '县区'],
			['office1', '丁', h.ORG.commerce, '市直部门'],
			['Office1', '戊', h.ORG.commerce, '市直部门'],
			['IMP.Other', '己', h.ORG.commerce, '市直部门'],
			['Zone1', '庚', h.ORG.commerce, '市直部门'],
		]);
		const r = await upload(c.admin, 'users', file);
		h.assertError(r, 422, 'import_rejected');
		assert.deepEqual(
			r.json.import.problems.map((p) => [p.row, p.column, p.message]),
			[
				[4, null, '与第2行重复（登录名 = imp.dup）'],
				[5, '登录名', '登录名“office1”已存在'],
				[6, null, '与第5行重复（登录名 = Office1）'],
				[7, null, '与第3行重复（登录名 = IMP.Other）'],
				[8, '登录名', '登录名“Zone1”与已有的“zone1”只差字母大小写，请换一个'],
			],
		);
	});

	test('the administrator imports no account that reads the audit log, nor a security officer', T, async () => {
		const file = writeXlsx([
			HEADER,
			['imp.aud', '审', h.ORG.audit, '审计员'],
			['imp.sup', '监', h.ORG.discipline, 'supervisor'],
			['imp.sec', '安', h.ORG.commerce, '安全管理员'],
		]);
		const r = await upload(c.admin, 'users', file);
		h.assertError(r, 422, 'import_rejected');
		assert.deepEqual(r.json.import.problems.map((p) => p.row), [2, 3, 4]);
		assert.match(r.json.import.problems[0].message, /只能由安全管理员创建/);
	});

	test('not a spreadsheet, an old .xls, an empty body', T, async () => {
		const bin = Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x10]);
		const r = await upload(c.admin, 'users', Buffer.concat([Buffer.from('a,b\n'), bin]), 'x.csv');
		h.assertError(r, 422, 'import_rejected');
		assert.match(r.json.error.message, /不是文本文件/);
		const xls = await upload(c.admin, 'users', Buffer.from('d0cf11e0a1b11ae1000000', 'hex'), 'x.xls');
		h.assertError(xls, 422, 'import_rejected');
		assert.match(xls.json.import.problems[0].message, /另存为 \.xlsx/);
		const empty = await upload(c.admin, 'users', Buffer.alloc(0));
		h.assertError(empty, 400, 'empty_file');
	});

	test('who may import: the kind\'s permission; unknown kinds are 404', T, async () => {
		h.assertError(await upload(c.office1, 'users', good), 403, 'forbidden');
		h.assertError(await c.office1.get('/api/imports/users/template.xlsx'), 403, 'forbidden');
		h.assertError(await upload(c.admin, 'nothing', good), 404, 'not_found');
	});

	test('accounts carry job title and phone: create, update, refuse a bad phone, export', T, async () => {
		const orgs = await h.orgIds(c.admin);
		const r = await c.admin.post('/api/users', {
			username: 'imp.form',
			display_name: '表单',
			org_id: orgs[h.ORG.commerce],
			role: 'department',
			password: 'Kfq-Form-Passw0rd!',
			phone: '024-23456789',
			job_title: '副科长',
		});
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.phone, '024-****6789');
		assert.equal(r.json.job_title, '副科长');
		const bad = await c.admin.put(`/api/users/${r.json.id}`, { display_name: '表单', org_id: orgs[h.ORG.commerce], role: 'department', phone: '电话' });
		h.assertError(bad, 400, 'invalid_value', '/phone');
		const u = await c.admin.put(`/api/users/${r.json.id}`, { display_name: '表单', org_id: orgs[h.ORG.commerce], role: 'department', phone: '', job_title: '科长' });
		assert.equal(u.status, 200, u.text);
		assert.equal(u.json.phone, null, 'an empty phone clears it');
		assert.equal(u.json.job_title, '科长');
		const exported = async () => {
			const x = await c.admin.get('/api/users/export.xlsx?q=imp.zhao');
			assert.equal(x.status, 200);
			const rows = readXlsx(x.buf);
			assert.deepEqual(rows[0].slice(0, 6), ['编号', '用户名', '姓名', '所属机构', '职务', '手机']);
			return rows[1].slice(1, 6);
		};
		assert.deepEqual(await exported(), ['imp.zhao', '赵一', h.ORG.commerce, '科长', '138****8000']);
		// the office grants read_personal to the admin's organization: phones in full
		const g = await c.office1.post('/api/capabilities/grants', { org_id: orgs[h.ORG.commerce], capability: 'read_personal' });
		assert.equal(g.status, 201, g.text);
		assert.deepEqual(await exported(), ['imp.zhao', '赵一', h.ORG.commerce, '科长', '13800138000']);
		const list = await c.admin.get('/api/users?q=imp.zhao');
		assert.equal(list.json.items[0].phone, '13800138000');
		// never in the audit log: the user's record there stays masked
		const a = await c.auditor1.get(`/api/audit?entity_type=user&entity_id=${r.json.id}`);
		assert.equal(a.json.items.at(-1).after.phone, '024-****6789');
		const del = await c.office1.del(`/api/capabilities/grants/${g.json.id}`);
		assert.ok(del.status === 200 || del.status === 204, del.text);
	});

	test('the imported file is kept by its hash, and a backup takes it along', T, async () => {
		const dataDir = h.IS_PG ? path.join(srv.dir, 'var', 'files') : path.join(path.dirname(srv.db), 'files');
		const kept = fs.readFileSync(path.join(dataDir, goodResult.sha256.slice(0, 2), goodResult.sha256));
		assert.deepEqual(kept, good);
		const out = path.join(srv.dir, 'backup-imports');
		const r = await h.kfqOk(['backup', '--db', srv.db, '--data-dir', dataDir, out], { cwd: srv.dir });
		assert.match(r.stdout, /backup written/);
		assert.deepEqual(fs.readFileSync(path.join(out, 'files', goodResult.sha256.slice(0, 2), goodResult.sha256)), good);
	});

	test('kfq import: the same framework from the command line', T, async () => {
		const dir = srv.dir;
		const file = path.join(dir, 'cli.xlsx');
		fs.writeFileSync(file, writeXlsx([HEADER, ['imp.cli', '命令行', h.ORG.commerce, '市直部门']]));
		const out = path.join(dir, 'pw.xlsx');
		const r = await h.kfqOk(['import', 'users', file, '--db', srv.db, '--secret-out', out, '--json'], { cwd: dir });
		const res = JSON.parse(r.stdout.split('\n')[0]);
		assert.equal(res.outcome, 'imported');
		assert.equal(res.rows, 1);
		assert.equal((fs.statSync(out).mode & 0o777).toString(8), '600');
		assert.equal(readXlsx(fs.readFileSync(out))[1][0], 'imp.cli');
		const again = await h.kfq(['import', 'users', file, '--db', srv.db], { cwd: dir });
		assert.equal(again.code, 0);
		assert.match(again.stdout, /unchanged/);
		const bad = await h.kfq(['import', 'users', file.replace('cli', 'missing'), '--db', srv.db], { cwd: dir });
		assert.equal(bad.code, 1);
		// the command line on the server may create any account, an auditor's too
		const aud = path.join(dir, 'cli-auditor.xlsx');
		fs.writeFileSync(aud, writeXlsx([HEADER, ['imp.cli.aud', '命令行审计', h.ORG.audit, '审计员']]));
		const ra = await h.kfqOk(['import', 'users', aud, '--db', srv.db, '--secret-out', path.join(dir, 'pw2.xlsx')], { cwd: dir });
		assert.match(ra.stdout, /imported/);
		const u = (await c.admin.get('/api/users?q=imp.cli.aud')).json.items[0];
		assert.equal(u.role, 'auditor');
		assert.equal(u.must_change_password, true);
	});
});
