#!/usr/bin/env python3
"""Writes the e-mail fixtures of tests/unit/util/mail.c and tests/api (kept in the repository;
run again only to change them). Each message is written byte by byte here, not by a mail
library, so that the encodings are exactly the ones a test names:

  gbk-base64.eml     GB2312 declared, GBK written (镕 is not in GB2312), base64 body; subject and
                     sender name as GBK encoded words (B); a PDF and a ZIP attached, the PDF's name
                     an RFC 2231 parameter in UTF-8, the ZIP's an encoded word
  gb18030-qp.eml     GB18030, a four-byte character (𠮷), quoted-printable body and Q subject
  utf8-html.eml      UTF-8, HTML only, base64; the subject two encoded words with no blank between
  utf8-qp.eml        UTF-8 quoted-printable with soft line breaks, no Message-ID
  comments.mbox      three messages, the third one the first again (the same Message-ID)
"""
import base64
import os
import quopri

HERE = os.path.dirname(os.path.abspath(__file__))

PDF = (b'%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n'
       b'2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n')
ZIP = bytes.fromhex('504b0506') + bytes(18)  # an empty zip archive: the end record only


def b64(data):
    s = base64.b64encode(data).decode()
    return '\r\n'.join(s[i:i + 76] for i in range(0, len(s), 76)) + '\r\n'


def word(text, charset, enc='B', label=None):
    """An RFC 2047 encoded word of text in charset, labelled label (default: charset)."""
    raw = text.encode(charset)
    label = label or charset
    if enc == 'B':
        return '=?%s?B?%s?=' % (label, base64.b64encode(raw).decode())
    q = ''.join(chr(b) if (48 <= b <= 57 or 65 <= b <= 90 or 97 <= b <= 122) else '=%02X' % b for b in raw)
    return '=?%s?Q?%s?=' % (label, q)


def crlf(s):
    return s.replace('\n', '\r\n')


def write(name, data):
    with open(os.path.join(HERE, name), 'wb') as f:
        f.write(data)


GBK_BODY = '关于第3条：建议将“理清”改为“厘清”。\n朱镕基同志的讲话精神应写入总体要求。\n'
gbk = crlf(
    'Return-Path: <zhang.san@example.cn>\n'
    'From: ' + word('张三', 'gbk') + ' <zhang.san@example.cn>\n'
    'To: swjkhcjc@163.com\n'
    'Subject: ' + word('对征求意见稿第3条的意见（镕）', 'gbk', label='gb2312') + '\n'
    'Date: Tue, 24 Jun 2025 09:30:00 +0800\n'
    'Message-ID: <20250624093000.1@example.cn>\n'
    'MIME-Version: 1.0\n'
    'Content-Type: multipart/mixed; boundary="==b1=="\n'
    '\n'
    '--==b1==\n'
    'Content-Type: text/plain; charset="gb2312"\n'
    'Content-Transfer-Encoding: base64\n'
    '\n') + b64(GBK_BODY.encode('gbk')) + crlf(
    '--==b1==\n'
    'Content-Type: application/pdf\n'
    "Content-Disposition: attachment; filename*=UTF-8''%E4%BF%AE%E6%94%B9%E5%BB%BA%E8%AE%AE.pdf\n"
    'Content-Transfer-Encoding: base64\n'
    '\n') + b64(PDF) + crlf(
    '--==b1==\n'
    'Content-Type: application/zip; name="' + word('材料.zip', 'gbk') + '"\n'
    'Content-Disposition: attachment; filename="' + word('材料.zip', 'gbk') + '"\n'
    'Content-Transfer-Encoding: base64\n'
    '\n') + b64(ZIP) + crlf('--==b1==--\n')
write('gbk-base64.eml', gbk.encode('ascii'))

GB18030_BODY = '第14条“以此作为”一句建议删去“以此”。𠮷字为四字节字符。\n'
qp = quopri.encodestring(GB18030_BODY.encode('gb18030').replace(b'\n', b'\r\n')).decode('ascii')
gb18030 = crlf(
    'From: ' + word('李四', 'gb18030', 'Q') + ' <li.si@example.cn>\n'
    'Subject: ' + word('关于第14条', 'gb18030', 'Q') + '\n'
    'Date: Wed, 25 Jun 2025 16:05:09 +0800\n'
    'Message-ID: <gb18030-qp@example.cn>\n'
    'MIME-Version: 1.0\n'
    'Content-Type: text/plain; charset=GB18030\n'
    'Content-Transfer-Encoding: quoted-printable\n'
    '\n') + qp
write('gb18030-qp.eml', gb18030.encode('ascii'))

HTML = ('<html><head><title>意见</title><style>p{color:red}</style></head><body>'
        '<p>建议在第13条后<b>增加</b>数字化管理的内容。</p><div>联系人：王五&nbsp;&lt;电话&gt;</div>'
        '<script>alert(1)</script><p>此致<br>敬礼&#x3002;</p></body></html>')
subject_words = word('建议增加', 'utf-8') + word('一条', 'utf-8')  # no blank between them
html = crlf(
    'From: "Wang Wu" <wang.wu@example.com>\n'
    'Subject: ' + subject_words + '\n'
    'Date: Mon, 23 Jun 2025 23:59:59 +0000\n'
    'Message-ID: <html-only@example.com>\n'
    'MIME-Version: 1.0\n'
    'Content-Type: text/html; charset=utf-8\n'
    'Content-Transfer-Encoding: base64\n'
    '\n') + b64(HTML.encode('utf-8'))
write('utf8-html.eml', html.encode('ascii'))

UTF8_BODY = ('第9条关于人才选拔的规定很好，建议保留，不要删除。' * 3) + '\n'
qp8 = quopri.encodestring(UTF8_BODY.encode('utf-8')).decode('ascii')
utf8 = crlf(
    'From: zhao.liu@example.org\n'
    'Subject: =?UTF-8?Q?=E7=AC=AC9=E6=9D=A1?=\n'
    'Date: Tue, 24 Jun 2025 10:00:00 +0800\n'
    'MIME-Version: 1.0\n'
    'Content-Type: text/plain; charset=UTF-8\n'
    'Content-Transfer-Encoding: quoted-printable\n'
    '\n') + qp8
write('utf8-qp.eml', utf8.encode('ascii'))

# mbox: "From " separator lines, LF line ends as mail clients export them
first = gbk.replace('\r\n', '\n')
second = gb18030.replace('\r\n', '\n')
mbox = ('From zhang.san@example.cn Tue Jun 24 09:30:00 2025\n' + first + '\n' +
        'From li.si@example.cn Wed Jun 25 16:05:09 2025\n' + second + '\n' +
        'From zhang.san@example.cn Tue Jun 24 09:31:00 2025\n' + first + '\n')
write('comments.mbox', mbox.encode('ascii'))
