'use strict';
// mail_cli.test.js - `kfq mail parse` on the e-mail fixtures (tests/data/mail, make.py there):
// GBK declared as GB2312 with base64, GB18030 quoted-printable, HTML-only UTF-8, an mbox whose
// third message repeats the first's Message-ID (marked duplicate), read from a file and from
// standard input; the comment an import would store and which attachments it keeps as evidence
// (the PDF; the ZIP recorded only, with a warning); what is not mail exits 1 with the reason. The reader's details are in
// tests/unit/util/mail.c; this is the command a user runs.

const { describe, test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./harness');

const T = { timeout: h.STEP_TIMEOUT };
const MAIL = path.join(__dirname, '..', 'data', 'mail');
const PDF_SHA256 = '554f5147984d75fe7e43c6f15d08e3d52097907a122299c06613e84b3b4c8749';
const ZIP_SHA256 = '8739c76e681f900923b900c9df0ef75cf421d39cabb54650c4b9ad19b6a76d85';

const GBK = {
	attachments: [
		{ content_type: 'application/pdf', evidence: true, kept: true, name: '修改建议.pdf', sha256: PDF_SHA256, size: 142 },
		{ content_type: 'application/zip', evidence: false, kept: true, name: '材料.zip', sha256: ZIP_SHA256, size: 22 },
	],
	comment: '主题：对征求意见稿第3条的意见（镕）\n\n关于第3条：建议将“理清”改为“厘清”。\n朱镕基同志的讲话精神应写入总体要求。\n',
	date: '2025-06-24T09:30:00+08:00',
	dedupe_key: '20250624093000.1@example.cn',
	duplicate: false,
	from: { addr: 'zhang.san@example.cn', name: '张三' },
	index: 0,
	message_id: '20250624093000.1@example.cn',
	subject: '对征求意见稿第3条的意见（镕）',
	text: '关于第3条：建议将“理清”改为“厘清”。\n朱镕基同志的讲话精神应写入总体要求。\n',
	text_from_html: false,
	warnings: ['附件「材料.zip」未保存，只记录了名称、大小和哈希值：不支持的文件类型：仅支持 PDF、图片（PNG/JPG/GIF）、Office 与 WPS 文档、OFD'],
};
const GB18030 = {
	attachments: [],
	comment: '主题：关于第14条\n\n第14条“以此作为”一句建议删去“以此”。𠮷字为四字节字符。\n',
	date: '2025-06-25T16:05:09+08:00',
	dedupe_key: 'gb18030-qp@example.cn',
	duplicate: false,
	from: { addr: 'li.si@example.cn', name: '李四' },
	index: 1,
	message_id: 'gb18030-qp@example.cn',
	subject: '关于第14条',
	text: '第14条“以此作为”一句建议删去“以此”。𠮷字为四字节字符。\n',
	text_from_html: false,
	warnings: [],
};

describe('kfq mail parse', { timeout: h.FILE_TIMEOUT }, () => {
	test('an .eml in GBK with attachments', T, async () => {
		const r = await h.kfqOk(['mail', 'parse', path.join(MAIL, 'gbk-base64.eml')]);
		assert.deepEqual(JSON.parse(r.stdout), [GBK]);
	});

	test('an mbox: the repeated Message-ID is marked, from a file and from standard input', T, async () => {
		const want = [GBK, GB18030, { ...GBK, index: 2, duplicate: true }];
		const r = await h.kfqOk(['mail', 'parse', path.join(MAIL, 'comments.mbox')]);
		assert.deepEqual(JSON.parse(r.stdout), want);
		const piped = await h.kfqOk(['mail', 'parse', '-'], { input: fs.readFileSync(path.join(MAIL, 'comments.mbox')) });
		assert.deepEqual(JSON.parse(piped.stdout), want);
	});

	test('HTML only, and no Message-ID', T, async () => {
		let [m] = JSON.parse((await h.kfqOk(['mail', 'parse', path.join(MAIL, 'utf8-html.eml')])).stdout);
		assert.equal(m.subject, '建议增加一条');
		assert.equal(m.text_from_html, true);
		assert.equal(m.text, '建议在第13条后增加数字化管理的内容。\n\n联系人：王五 <电话>\n\n此致\n敬礼。');
		[m] = JSON.parse((await h.kfqOk(['mail', 'parse', path.join(MAIL, 'utf8-qp.eml')])).stdout);
		assert.equal(m.message_id, null);
		assert.match(m.dedupe_key, /^sha256:[0-9a-f]{64}$/);
		assert.equal(m.from.addr, 'zhao.liu@example.org');
	});

	test('what is not mail, and bad usage', T, async () => {
		const r = await h.kfq(['mail', 'parse', '-'], { input: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]) });
		assert.equal(r.code, 1);
		assert.match(r.stderr, /文件中没有可识别的邮件/);
		assert.equal(r.stdout, '');
		const missing = await h.kfq(['mail', 'parse', '/nonexistent.eml']);
		assert.equal(missing.code, 1);
		assert.equal((await h.kfq(['mail'])).code, 2);
		assert.equal((await h.kfq(['mail', 'send', 'x'])).code, 2);
	});
});
