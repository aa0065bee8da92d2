'use strict';
// consult_mail.test.js - the office imports e-mail into a consultation (POST
// /api/consultations/:id/mail): .eml files in GBK (declared GB2312, base64), GB18030
// (quoted-printable) and UTF-8 (HTML only; quoted-printable without a Message-ID) and an mbox
// export whose third message repeats the first; each becomes a comment of channel 电子邮件 with
// its sender, date and Message-ID, stored once however often it is imported; a PDF attachment
// is stored as evidence and downloads with its bytes, a ZIP is recorded by name, size and hash
// with a warning; an mbox over the 20 MiB upload cap goes through under the import's own; what is
// not mail, or an mbox that goes on with something that is not, is refused whole with nothing
// written; the office links a comment to an article; every change is audited. The fixtures are
// tests/data/mail (make.py there).

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./harness');

const T = { timeout: h.STEP_TIMEOUT };
const MAIL = path.join(__dirname, '..', 'data', 'mail');
const PDF_SHA256 = '554f5147984d75fe7e43c6f15d08e3d52097907a122299c06613e84b3b4c8749';
const ZIP_SHA256 = '8739c76e681f900923b900c9df0ef75cf421d39cabb54650c4b9ad19b6a76d85';
const ZIP_WARNING = '附件「材料.zip」未保存，只记录了名称、大小和哈希值：不支持的文件类型：仅支持 PDF、图片（PNG/JPG/GIF）、Office 与 WPS 文档、OFD';
const GBK_BODY = '主题：对征求意见稿第3条的意见（镕）\n\n关于第3条：建议将“理清”改为“厘清”。\n朱镕基同志的讲话精神应写入总体要求。\n';
const GB18030_BODY = '主题：关于第14条\n\n第14条“以此作为”一句建议删去“以此”。𠮷字为四字节字符。\n';

const mail = (name) => fs.readFileSync(path.join(MAIL, name));

describe('e-mail imported into a consultation', { timeout: h.FILE_TIMEOUT }, () => {
	let srv, c, id, other, articles;
	const upload = (body, cid = id, who = c.office1, query = '') =>
		who.post(`/api/consultations/${cid}/mail${query}`, body, { raw: true, contentType: 'application/mbox' });
	const comments = async () => (await c.office1.get(`/api/consultations/${id}/comments?page_size=100`)).json;

	before(async () => {
		srv = await h.startServer();
		c = await h.loginAll(srv, ['office1', 'zone1', 'super1']);
		let r = await c.office1.post('/api/policies', fs.readFileSync(h.SEED), { raw: true, contentType: 'text/plain' });
		assert.equal(r.status, 201, r.text);
		const pid = (await c.office1.get('/api/policies')).json.items[0].id;
		r = await c.office1.post('/api/consultations', { policy_id: pid });
		assert.equal(r.status, 201, r.text);
		id = r.json.consultation.id;
		articles = r.json.articles;
		r = await c.office1.post('/api/consultations', { policy_id: pid, title: '另一次征求意见' });
		assert.equal(r.status, 201, r.text);
		other = r.json;
	});
	after(async () => {
		if (srv) await srv.close();
	});

	test('an mbox: every message a comment of 电子邮件, the repeated Message-ID stored once', T, async () => {
		const r = await upload(mail('comments.mbox'));
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.imported, 2);
		assert.equal(r.json.duplicates, 1);
		assert.equal(r.json.warnings, 2); // the ZIP, in the first message and in its copy
		const m = r.json.messages;
		assert.deepEqual(m.map((x) => [x.index, x.message_id, x.duplicate]), [
			[0, '20250624093000.1@example.cn', false],
			[1, 'gb18030-qp@example.cn', false],
			[2, '20250624093000.1@example.cn', true],
		]);
		assert.equal(m[2].comment_id, m[0].comment_id);
		assert.deepEqual(m[0].from, { addr: 'z***@example.cn', name: '张三' });
		assert.equal(m[0].subject, '对征求意见稿第3条的意见（镕）');
		assert.equal(m[0].date, '2025-06-24T09:30:00+08:00');
		assert.deepEqual(m[0].files, [
			{ attachment_id: null, content_type: 'application/pdf', filename: '修改建议.pdf', sha256: PDF_SHA256, size: 142, stored: true, warning: null },
			{ attachment_id: null, content_type: 'application/zip', filename: '材料.zip', sha256: ZIP_SHA256, size: 22, stored: false, warning: ZIP_WARNING },
		]);
		assert.deepEqual(m[0].warnings, [ZIP_WARNING]);
		assert.deepEqual(m[1].warnings, []);

		const list = await comments();
		assert.equal(list.total, 2);
		const [gbk, gb18030] = list.items;
		assert.equal(gbk.channel, 'email');
		assert.equal(gbk.name, '张三');
		assert.equal(gbk.contact, 'z***@example.cn');
		assert.equal(gbk.body, GBK_BODY);
		assert.equal(gbk.received_at, '2025-06-24T01:30:00Z');
		assert.equal(gbk.message_id, '20250624093000.1@example.cn');
		assert.equal(gbk.article_id, null);
		assert.equal(gb18030.body, GB18030_BODY);
		assert.equal(gb18030.received_at, '2025-06-25T08:05:09Z');
		assert.equal(gb18030.name, '李四');
	});

	test('the PDF is evidence of the comment and downloads whole; the ZIP only recorded', T, async () => {
		const [gbk] = (await comments()).items;
		let r = await c.office1.get(`/api/comments/${gbk.id}`);
		assert.equal(r.status, 200, r.text);
		const files = r.json.files;
		assert.equal(files.length, 2);
		assert.ok(files[0].attachment_id > 0);
		assert.deepEqual({ ...files[0], attachment_id: 0 }, { attachment_id: 0, content_type: 'application/pdf', filename: '修改建议.pdf', sha256: PDF_SHA256, size: 142, stored: true, warning: null });
		assert.deepEqual(files[1], { attachment_id: null, content_type: 'application/zip', filename: '材料.zip', sha256: ZIP_SHA256, size: 22, stored: false, warning: ZIP_WARNING });
		r = await c.zone1.get(`/api/attachments/${files[0].attachment_id}`);
		assert.equal(r.status, 200, r.text);
		assert.equal(crypto.createHash('sha256').update(r.buf).digest('hex'), PDF_SHA256);
		r = await c.zone1.get(`/api/attachments?entity_type=comment&entity_id=${gbk.id}`);
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(r.json.items.map((x) => [x.filename, x.mime, x.size]), [['修改建议.pdf', 'application/pdf', 142]]);
		// the comment's audit record carries its files and their hashes
		r = await c.super1.get(`/api/audit?entity_type=comment&entity_id=${gbk.id}`);
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(r.json.items.map((x) => x.action), ['create']);
		const rec = JSON.stringify(r.json.items[0]);
		assert.ok(rec.includes(PDF_SHA256) && rec.includes(ZIP_SHA256), rec);
	});

	test('.eml files in GBK, GB18030 and UTF-8: imported again they are stored once', T, async () => {
		let r = await upload(mail('gbk-base64.eml'));
		assert.equal(r.status, 200, r.text);
		assert.deepEqual([r.json.imported, r.json.duplicates, r.json.warnings], [0, 1, 1]);
		r = await upload(mail('gb18030-qp.eml'));
		assert.deepEqual([r.json.imported, r.json.duplicates], [0, 1]);
		r = await upload(mail('utf8-html.eml'));
		assert.equal(r.status, 201, r.text);
		assert.deepEqual([r.json.imported, r.json.duplicates, r.json.warnings], [1, 0, 0]);
		r = await upload(mail('utf8-qp.eml'));
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.imported, 1);
		assert.match(r.json.messages[0].message_id, /^sha256:[0-9a-f]{64}$/);
		// without a Message-ID the same mail is still the same mail
		r = await upload(mail('utf8-qp.eml'));
		assert.deepEqual([r.json.imported, r.json.duplicates], [0, 1]);
		const list = await comments();
		assert.equal(list.total, 4);
		assert.equal(list.items[2].body, '主题：建议增加一条\n\n建议在第13条后增加数字化管理的内容。\n\n联系人：王五 <电话>\n\n此致\n敬礼。');
		assert.ok(list.items.every((x) => x.channel === 'email'));
		// the same mail in another consultation is another comment
		r = await upload(mail('gbk-base64.eml'), other.consultation.id);
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.imported, 1);
	});

	test('what is not mail, or an mbox that goes on with something else: refused, nothing written', T, async () => {
		const before = (await comments()).total;
		const audit = (await c.super1.get('/api/audit?entity_type=comment')).json.total;
		let r = await upload(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
		h.assertError(r, 400, 'invalid_mail');
		assert.equal(r.json.error.message, '文件中没有可识别的邮件，未导入任何邮件');
		// a good new message first, then a part that is not mail: the good one is not kept either
		const good = 'From a@example.cn Mon Jun 23 00:00:00 2025\nFrom: 孙七 <sun.qi@example.cn>\nMessage-ID: <bad-mbox-1@example.cn>\nSubject: ok\n\n第二条的意见\n\n';
		r = await upload(Buffer.from(`${good}From nobody Mon Jun 23 00:00:00 2025\nthis is not mail at all\n`));
		h.assertError(r, 400, 'invalid_mail');
		assert.equal(r.json.error.message, '文件中第1封邮件之后的内容不是邮件，未导入任何邮件');
		r = await upload(Buffer.alloc(0));
		h.assertError(r, 400, 'empty_file');
		assert.equal((await comments()).total, before);
		assert.equal((await c.super1.get('/api/audit?entity_type=comment')).json.total, audit);
		// the good part alone goes in
		r = await upload(Buffer.from(good));
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.imported, 1);
	});

	test('who may import, and into what', T, async () => {
		let r = await upload(mail('utf8-html.eml'), id, c.zone1);
		h.assertError(r, 403, 'forbidden');
		r = await upload(mail('utf8-html.eml'), 999999);
		h.assertError(r, 404, 'not_found');
		r = await upload(mail('utf8-html.eml'), id, c.office1, `?article_id=${other.articles[0].id}`);
		h.assertError(r, 400, 'invalid_value', 'article_id');
		r = await upload(mail('utf8-html.eml'), id, c.office1, '?article_id=abc');
		h.assertError(r, 400, 'invalid_parameter', 'article_id');
	});

	test('a mail dated in the future is received at the import, with a warning', T, async () => {
		const text = [
			'From: wu.jiu@example.cn',
			'Message-ID: <future-1@example.cn>',
			'Date: Fri, 01 Jan 2100 10:00:00 +0800',
			'Subject: =?UTF-8?B?5pyq5p2l?=',
			'Content-Type: text/plain; charset=utf-8',
			'',
			'发件人的时钟快了。',
			'',
		].join('\n');
		const before = Date.now();
		const r = await upload(Buffer.from(text));
		assert.equal(r.status, 201, r.text);
		assert.deepEqual(r.json.messages[0].warnings, ['邮件日期（2100-01-01 10:00）晚于导入时间，收到时间记为导入时间']);
		assert.equal(r.json.warnings, 1);
		const k = (await comments()).items.find((x) => x.id === r.json.messages[0].comment_id);
		const at = Date.parse(k.received_at);
		assert.ok(at >= before - 1000 && at <= Date.now() + 1000, k.received_at);
	});

	test('an mbox over the 20 MiB upload cap goes in; an attachment over its cap is recorded', { timeout: h.STEP_TIMEOUT * 4 }, async () => {
		const big = crypto.randomBytes(21 * 1024 * 1024);
		const b64 = big.toString('base64').replace(/(.{76})/g, '$1\n');
		const text = [
			'From zhou.ba@example.cn Tue Jun 24 10:00:00 2025',
			'From: zhou.ba@example.cn',
			'Message-ID: <big-1@example.cn>',
			'Date: Tue, 24 Jun 2025 10:00:00 +0800',
			'Subject: =?UTF-8?B?5aSn6ZmE5Lu2?=',
			'MIME-Version: 1.0',
			'Content-Type: multipart/mixed; boundary="b"',
			'',
			'--b',
			'Content-Type: text/plain; charset=utf-8',
			'',
			'见附件。',
			'--b',
			'Content-Type: application/octet-stream; name="data.bin"',
			'Content-Transfer-Encoding: base64',
			'',
			b64,
			'--b--',
			'',
		].join('\n');
		assert.ok(text.length > 20 * 1024 * 1024);
		const r = await upload(Buffer.from(text));
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.imported, 1);
		const [m] = r.json.messages;
		assert.equal(m.subject, '大附件');
		assert.deepEqual(m.files, [{
			attachment_id: null, content_type: 'application/octet-stream', filename: 'data.bin',
			sha256: crypto.createHash('sha256').update(big).digest('hex'), size: big.length, stored: false,
			warning: '附件「data.bin」过大，只记录了名称、大小和哈希值',
		}]);
	});

	test('the office links a comment to an article, audited', T, async () => {
		const [gbk] = (await comments()).items;
		const art3 = articles.find((a) => a.number === 3);
		let r = await c.zone1.post(`/api/comments/${gbk.id}/article`, { article_id: art3.id });
		h.assertError(r, 403, 'forbidden');
		r = await c.office1.post(`/api/comments/${gbk.id}/article`, { article_id: other.articles[2].id });
		h.assertError(r, 400, 'invalid_value', '/article_id');
		r = await c.office1.post(`/api/comments/${gbk.id}/article`, { article_id: art3.id });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.article_id, art3.id);
		assert.equal(r.json.article_number, 3);
		assert.deepEqual(r.json.points.map((p) => p.article_number), [3]);
		r = await c.office1.get(`/api/consultations/${id}/comments?article_id=${art3.id}`);
		assert.deepEqual(r.json.items.map((x) => x.id), [gbk.id]);
		r = await c.office1.post(`/api/comments/${gbk.id}/article`, { article_id: null });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.article_id, null);
		r = await c.super1.get(`/api/audit?entity_type=comment&entity_id=${gbk.id}`);
		assert.deepEqual(r.json.items.map((x) => x.action), ['link', 'link', 'create']);
	});
});
