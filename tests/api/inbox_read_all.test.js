'use strict';
// inbox_read_all.test.js - 全部标为已读 (DECISIONS 285): one POST marks every unread item of the
// caller's own inbox read, keeps the first reading time of those already read, touches nobody
// else's, answers how many it marked and the count left for the badge, and needs the CSRF token
// as every write does.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

const T = { timeout: h.STEP_TIMEOUT };

describe('marking the whole inbox read', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, ids;

	before(async () => {
		srv = await h.startServer();
		c = await h.loginAll(srv, ['office1', 'zone1', 'zone2']);
		ids = await h.orgIds(c.office1);
		// three notices to 经开区, one to 胜利: each an item in the addressed zone's inbox
		for (const [zone, subject] of [[h.ORG.econ, '一'], [h.ORG.econ, '二'], [h.ORG.econ, '三'], [h.ORG.shengli, '四']]) {
			const r = await c.office1.post('/api/notices', { org_id: ids[zone], entity_type: 'org', entity_id: ids[zone], subject, body: '请办理。', reply_due: h.day(7) });
			assert.equal(r.status, 201, r.text);
		}
	});

	after(async () => {
		if (srv) await srv.close();
	});

	const unread = async (client) => (await client.get('/api/inbox/unread-count')).json.unread;

	test('one POST marks every unread item of one’s own inbox read, and no one else’s', T, async () => {
		const first = (await c.zone1.get('/api/inbox')).json.items;
		assert.deepEqual([first.length, await unread(c.zone1), await unread(c.zone2)], [3, 3, 1]);
		// the oldest opened before: its reading time stays
		assert.equal((await c.zone1.post(`/api/inbox/${first[2].id}/read`, {})).status, 204);
		const kept = (await c.zone1.get('/api/inbox')).json.items.find((x) => x.id === first[2].id).read_at;
		assert.ok(kept);

		h.assertError(await c.zone1.post('/api/inbox/read-all', {}, { csrf: false }), 403, 'csrf_failed');
		h.assertError(await c.zone1.post('/api/inbox/read-all', { all: true }), 400, 'unknown_field');
		assert.equal(await unread(c.zone1), 2);

		let r = await c.zone1.post('/api/inbox/read-all', {});
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(r.json, { marked: 2, unread: 0 });
		const items = (await c.zone1.get('/api/inbox')).json.items;
		assert.deepEqual(items.map((x) => x.read), [true, true, true]);
		assert.equal(items.find((x) => x.id === first[2].id).read_at, kept);
		assert.equal(await unread(c.zone1), 0);
		assert.equal(await unread(c.zone2), 1);

		// nothing left: nothing marked
		r = await c.zone1.post('/api/inbox/read-all', {});
		assert.deepEqual(r.json, { marked: 0, unread: 0 });
		r = await c.zone2.post('/api/inbox/read-all', {});
		assert.deepEqual(r.json, { marked: 1, unread: 0 });
	});
});
