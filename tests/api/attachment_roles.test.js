'use strict';
// attachment_roles.test.js - the generic file routes (GET /api/attachments/:id, GET
// /api/attachments?entity_type&entity_id) answer a file only to a role that may read its
// entity through the entity's own routes: the system administrator, the security officer and
// the auditor (三员分立) read none of the reform's files, whatever their data scope, and a file
// not attached yet is read by its organization's accounts that may read its kind only. On the
// demo's files (its fault cases' evidence, 容错免责) and an upload of the office's.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

const T = { timeout: h.STEP_TIMEOUT };
const USERS = [...h.DEFAULT_USERS, { username: 'security1', org: h.ORG.commerce, role: 'security' }];

describe('who reads a file through /api/attachments', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, files;

	before(async () => {
		srv = await h.startServer({ demo: true, users: USERS });
		c = await h.loginAll(srv, ['admin', 'office1', 'auditor1', 'super1', 'security1']);
		const rows = await h.sqlOk(srv.db, 'SELECT id, entity_type, entity_id FROM attachment WHERE entity_id IS NOT NULL ORDER BY id');
		files = rows.split('\n').map((l) => l.split('|')).map(([id, type, entity]) => ({ id: Number(id), type, entity: Number(entity) }));
	});
	after(async () => {
		if (srv) await srv.close();
	});

	test('the account officers and the auditor read no file of any kind, alone or listed', T, async () => {
		const kinds = [...new Set(files.map((f) => f.type))].sort();
		assert.ok(kinds.includes('fault_procedure'), `the demo's files: ${kinds}`);
		for (const who of ['admin', 'security1', 'auditor1']) {
			for (const f of files) {
				h.assertError(await c[who].get(`/api/attachments/${f.id}`), 404, 'not_found');
				h.assertError(await c[who].get(`/api/attachments?entity_type=${f.type}&entity_id=${f.entity}`), 404, 'not_found');
			}
		}
		// while the office, which keeps the cases, reads their files, as their supervisor does
		const f = files.find((x) => x.type === 'fault_procedure');
		for (const who of ['office1', 'super1']) {
			assert.equal((await c[who].get(`/api/attachments/${f.id}`)).status, 200, who);
			assert.ok((await c[who].get(`/api/attachments?entity_type=${f.type}&entity_id=${f.entity}`)).json.total >= 1, who);
		}
	});

	test('a file not attached yet: its organization\'s accounts that may read its kind', T, async () => {
		const r = await c.office1.post('/api/attachments?for=notice&name=draft-notice.pdf', Buffer.from('%PDF-1.4\n%%EOF\n'), { raw: true, contentType: 'application/pdf' });
		assert.equal(r.status, 201, r.text);
		assert.equal((await c.office1.get(`/api/attachments/${r.json.id}`)).status, 200);
		// admin and security1 are of the same 市商务局
		for (const who of ['admin', 'security1']) h.assertError(await c[who].get(`/api/attachments/${r.json.id}`), 404, 'not_found');
	});
});
