'use strict';
// people_seal.test.js - the two formats of a sealed ID number (DECISIONS: v1 libsodium
// secretbox, v2 SM4-CTR with HMAC-SM3 for 密评): a roster kept under v1, the server restarted
// with personal_cipher = sm4 writes v2 beside the v1 numbers and reads both; the same number is
// still found on the roster (the keyed hash is the same for both); `kfq people reseal`
// re-writes the v1 numbers as v2 in one audited transaction, a second run changes nothing, and
// under a wrong key nothing changes; the roster reads the same before and after.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const h = require('./harness');

const T = { timeout: h.STEP_TIMEOUT };
const YEAR = Number(h.day(0).slice(0, 4));

const ID_X = '11010519491231002X';
const ids = [1, 2].map((i) => h.idNumber(`21040219860${i}0${i}12${i}`));

describe('ID numbers sealed as v1 and v2, and re-sealed', { timeout: h.FILE_TIMEOUT }, () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kfq-seal-'));
	const key = path.join(dir, 'personal.key');
	const config = path.join(dir, 'kfq.conf');
	let srv, c, org;

	const configure = (cipher) => fs.writeFileSync(config, cipher ? `personal_cipher = ${cipher}\n` : '');
	const seals = async () => {
		const r = await h.sql(srv.db, 'SELECT name, substr(id_sealed, 1, 3) FROM person ORDER BY id');
		assert.equal(r.code, 0, r.stderr);
		return r.stdout.trim().split('\n').map((l) => l.split('|'));
	};
	const login = async () => {
		c = await h.loginAll(srv, ['office1', 'zone1']);
	};
	// the roster as the office (holding read_personal) reads it: names and full numbers
	const roster = async () => {
		const r = await c.office1.get(`/api/people?org_id=${org[h.ORG.econ]}&current=1`);
		assert.equal(r.status, 200, r.text);
		return r.json.items.map((p) => [p.name, p.id_number]).sort();
	};
	const add = async (name, id_number) =>
		c.zone1.post('/api/people', { name, id_number, identity: 'civil_servant', appointment: 'appointed', start_date: `${YEAR}-01-01` });
	const reseal = (cipher, keyFile = key) => h.kfq(['people', 'reseal', '--db', srv.db, '--personal-key', keyFile, ...(cipher ? ['--personal-cipher', cipher] : [])]);

	before(async () => {
		configure(null);
		srv = await h.startServer({ users: [...h.DEFAULT_USERS, { username: 'bianban1', org: '市委编办', role: 'department' }], serveArgs: ['--personal-key', key, '--config', config] });
		await login();
		org = await h.orgIds(c.office1);
		let r = await c.office1.post('/api/capabilities/grants', { org_id: org[h.ORG.commerce], capability: 'read_personal' });
		assert.equal(r.status, 201, r.text);
		r = await c.office1.post('/api/capabilities/grants', { org_id: org['市委编办'], capability: 'approve_staffing' });
		assert.equal(r.status, 201, r.text);
		const b = (await h.loginAll(srv, ['bianban1'])).bianban1;
		r = await b.put('/api/staffing', {
			org_id: org[h.ORG.econ], year: YEAR, admin_slots: 3, inst_slots: 0, bodies: 0, leaders: 0, quota: 3, doc_no: `抚编发〔${YEAR}〕3号`,
		});
		assert.equal(r.status, 200, r.text);
	});
	after(async () => {
		if (srv) await srv.close();
		fs.rmSync(dir, { recursive: true, force: true });
	});

	test('under sm4 the server writes v2 beside v1 and reads both; the hash still finds a number', T, async () => {
		// a database with no ID number yet gets its key at the first start
		assert.equal(fs.statSync(key).mode & 0o777, 0o600);
		let r = await add('甲', ID_X);
		assert.equal(r.status, 201, r.text);
		assert.deepEqual(await seals(), [['甲', 'v1:']]);
		configure('sm4');
		await srv.restart();
		await login();
		r = await add('乙', ids[0]);
		assert.equal(r.status, 201, r.text);
		assert.deepEqual(await seals(), [['甲', 'v1:'], ['乙', 'v2:']]);
		assert.deepEqual(await roster(), [['乙', ids[0]], ['甲', ID_X]]);
		// the zone without read_personal sees both masked alike
		const z = await c.zone1.get(`/api/people?current=1`);
		assert.deepEqual(z.json.items.map((p) => p.id_number).sort(), ['110***********002X', `${ids[0].slice(0, 3)}***********${ids[0].slice(-4)}`].sort());
		// 甲's number, sealed v1, is found from the v2 side: one person in one post
		h.assertError(await add('丙', ID_X), 409, 'two_posts', '/id_number');
	});

	test('kfq people reseal: every number in the configured format, once, audited; a wrong key changes nothing', T, async () => {
		const before = await roster();
		await srv.stop();
		// another key opens nothing: refused, nothing changed
		const other = path.join(dir, 'other.key');
		fs.writeFileSync(other, `${'ab'.repeat(32)}\n`, { mode: 0o600 });
		let r = await reseal('sm4', other);
		assert.equal(r.code, 1, r.stdout);
		assert.match(r.stderr, /does not open under this key; nothing changed/);
		assert.deepEqual(await seals(), [['甲', 'v1:'], ['乙', 'v2:']]);
		r = await reseal('sm4');
		assert.equal(r.code, 0, r.stderr);
		assert.equal(r.stdout.trim(), 'resealed 1 of 2 ID number(s) as sm4 (v2)');
		assert.deepEqual(await seals(), [['甲', 'v2:'], ['乙', 'v2:']]);
		r = await reseal('sm4');
		assert.equal(r.stdout.trim(), 'resealed 0 of 2 ID number(s) as sm4 (v2)');
		await srv.spawn();
		await login();
		assert.deepEqual(await roster(), before);
		const sup = await h.loginAll(srv, ['super1']);
		const log = await sup.super1.get('/api/audit?entity_type=personal_seal&page_size=10');
		assert.equal(log.status, 200, log.text);
		assert.deepEqual(log.json.items.map((x) => [x.action, x.entity_id, x.after]), [['reseal', 'sm4', { cipher: 'sm4', resealed: 1, total: 2 }]]);
		// and back to v1 under the default configuration: the roster still reads the same
		await srv.stop();
		r = await reseal(null);
		assert.equal(r.stdout.trim(), 'resealed 2 of 2 ID number(s) as secretbox (v1)');
		assert.deepEqual(await seals(), [['甲', 'v1:'], ['乙', 'v1:']]);
		await srv.spawn();
		await login();
		assert.deepEqual(await roster(), before);
		r = await add('丁', ids[1]);
		assert.equal(r.status, 201, r.text);
		assert.deepEqual((await seals()).map((x) => x[1]), ['v1:', 'v1:', 'v2:']);
	});

	test('a database holding ID numbers started without its key makes none: numbers read null, roster writes refused, until the key is back', T, async () => {
		await srv.stop();
		const aside = `${key}.aside`;
		fs.renameSync(key, aside);
		const logged = fs.readFileSync(srv.log, 'utf8').length;
		await srv.spawn();
		await login();
		assert.equal(fs.existsSync(key), false, 'no new key may be made for sealed numbers');
		const warned = fs.readFileSync(srv.log, 'utf8').slice(logged);
		assert.ok(warned.includes(`personal key ${key} is missing and the database holds 3 sealed ID number(s): no new key made`), warned);
		const people = (await c.office1.get(`/api/people?org_id=${org[h.ORG.econ]}&current=1`)).json.items;
		assert.deepEqual(people.map((p) => p.id_number), [null, null, null]);
		const refused = (r) => {
			h.assertError(r, 503, 'personal_key_missing', null);
			assert.equal(r.json.error.message, '服务器缺少身份证号密钥文件，人员名册暂不能新增或修改，请联系系统管理员恢复密钥文件');
		};
		refused(await add('戊', h.idNumber('21040219900101123')));
		refused(await c.zone1.put(`/api/people/${people[0].id}`, { name: people[0].name, id_number: ID_X, identity: 'civil_servant', appointment: 'appointed', start_date: `${YEAR}-01-01` }));
		assert.equal((await seals()).length, 3);
		assert.equal(fs.existsSync(key), false);
		// the key put back: the roster reads and takes writes again
		await srv.stop();
		fs.renameSync(aside, key);
		await srv.spawn();
		await login();
		assert.equal((await roster()).filter((p) => p[1] === ID_X).length, 1);
		const ding = people.find((p) => p.name === '丁');
		const r = await c.zone1.put(`/api/people/${ding.id}`, { name: '丁', identity: 'civil_servant', appointment: 'appointed', start_date: `${YEAR}-02-01` });
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(await seals(), [['甲', 'v1:'], ['乙', 'v1:'], ['丁', 'v2:']]);
	});
});
