'use strict';
// audit_labels.test.js - the audit log reads in Chinese: on a demo database (every module's
// records), each entity type and action the server wrote has a Chinese name in the server's one
// table of them (core/enums.c, GET /api/audit/names: the page and the exports show it), and each
// field the comparison shows (web/src/views/system/auditKeys.js) has a Chinese label in the
// console's locale files, which merge without a key defined twice. A module that audits a new
// entity, action or field without its name fails here. The labels do not depend on the
// database: SQLite only.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./harness');

const T = { timeout: h.FILE_TIMEOUT };
const WEB = path.join(h.ROOT, 'web', 'src');

async function messages() {
	const { mergeMessages } = await import(path.join(WEB, 'locales', 'merge.js'));
	const dir = path.join(WEB, 'locales', 'zh-CN');
	const files = {};
	for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.js') && f !== 'index.js'))
		files[`./${f}`] = (await import(path.join(dir, f))).default;
	return mergeMessages(files);
}

const lookup = (m, key) => key.split('.').reduce((v, k) => (v && typeof v === 'object' ? v[k] : undefined), m);

describe('the audit log in Chinese', { timeout: h.FILE_TIMEOUT * 2, skip: h.IS_PG && 'labels do not depend on the database' }, () => {
	let srv, auditor, records;

	before(async () => {
		srv = await h.startServer({ demo: true });
		auditor = (await h.loginAll(srv, ['auditor1'])).auditor1;
		records = [];
		for (let page = 1; ; page++) {
			const r = await auditor.get(`/api/audit?page_size=500&page=${page}`);
			assert.equal(r.status, 200, r.text);
			records.push(...r.json.items);
			if (records.length >= r.json.total || !r.json.items.length) break;
		}
	});

	after(async () => {
		if (srv) await srv.close();
	});

	test('every entity type, action and shown field of the demo has its Chinese name', T, async () => {
		const m = await messages();
		const { labelKeys, hiddenKey } = await import(path.join(WEB, 'views', 'system', 'auditKeys.js'));
		assert.ok(records.length > 1000, `the demo audits every module: ${records.length} records`);
		const names = await auditor.get('/api/audit/names');
		assert.equal(names.status, 200, names.text);
		const named = (kind) => new Set(names.json[kind].filter((x) => x.name && x.name !== x.code).map((x) => x.code));
		const actions = named('actions');
		const entities = named('entity_types');
		const missing = new Set();
		for (const r of records) {
			if (!entities.has(r.entity_type)) missing.add(`entity ${r.entity_type}`);
			if (!actions.has(r.action)) missing.add(`action ${r.action}`);
			for (const o of [r.before, r.after]) {
				if (!o || typeof o !== 'object' || Array.isArray(o)) continue;
				const has = (k) => k in o;
				for (const key of Object.keys(o)) {
					if (hiddenKey(key, has)) continue;
					if (!labelKeys(r.entity_type, key).some((k) => typeof lookup(m, k) === 'string')) missing.add(`field ${r.entity_type}.${key}`);
				}
			}
		}
		assert.deepEqual([...missing].sort(), []);
	});

	test('a field another field says is left out; a code reads by its label', T, async () => {
		const { hiddenKey, valueKey } = await import(path.join(WEB, 'views', 'system', 'auditKeys.js'));
		const rec = { org_id: 1, org_name: '甲', closed_by: 2, closed_by_name: '乙', mode: 'entrust', mode_label: '委托', area_m2x100: 1, area_m2: '0.01', base_e4: 1, base_yuan: '0.00', returned_fen: 1, returned_yuan: '0.01', days_x100: 288, delegation_id: 3 };
		const has = (k) => k in rec;
		const shown = Object.keys(rec).filter((k) => !hiddenKey(k, has));
		assert.deepEqual(shown, ['org_name', 'closed_by_name', 'mode', 'area_m2', 'base_yuan', 'returned_yuan', 'days_x100', 'delegation_id']);
		assert.equal(valueKey('mode', has), 'mode_label');
		assert.equal(valueKey('area_m2', has), 'area_m2');
	});
});

// The permissions each role holds are shown by name on 用户管理 › 角色与权限 (and in the
// session); a module that adds a permission without its Chinese name showed the bare code there.
describe('the roles in Chinese', { timeout: h.FILE_TIMEOUT, skip: h.IS_PG && 'labels do not depend on the database' }, () => {
	let srv;

	before(async () => {
		srv = await h.startServer({ users: h.DEFAULT_USERS.filter((u) => u.username === 'admin') });
	});

	after(async () => {
		if (srv) await srv.close();
	});

	test('every permission of every role, and every role, has its Chinese name', T, async () => {
		const m = await messages();
		const c = await h.loginAll(srv, ['admin']);
		const r = await c.admin.get('/api/roles');
		assert.equal(r.status, 200, r.text);
		const missing = new Set();
		for (const role of r.json.items) {
			if (typeof lookup(m, `enums.role.${role.role}`) !== 'string') missing.add(`role ${role.role}`);
			for (const p of role.permissions) if (typeof lookup(m, `enums.permission.${p}`) !== 'string') missing.add(`permission ${p}`);
		}
		assert.ok(r.json.items.length >= 8, r.text);
		assert.deepEqual([...missing].sort(), []);
	});
});
