#!/usr/bin/env python3
# make.py - writes the small .xlsx fixtures of the reader's unit tests and fuzz corpus with
# Python's zipfile, byte for byte the same on every run (fixed timestamps). Each file shows one
# thing a real workbook does (shared strings, inline strings, the 1904 date base, rich text,
# WPS-style prefixed namespaces) or one thing a hostile file does (a zip bomb, a DTD with an
# external entity, deep nesting, a broken archive).
#   python3 tests/data/xlsx/make.py            (writes next to itself)
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
PKG = 'http://schemas.openxmlformats.org/package/2006/relationships'

CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/></Types>')
ROOT_RELS = (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">'
             f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
             '</Relationships>')


def workbook(date1904=False, sheets=('Sheet1',)):
    pr = '<workbookPr date1904="1"/>' if date1904 else '<workbookPr/>'
    s = ''.join(f'<sheet name="{n}" sheetId="{i + 1}" r:id="rId{i + 1}"/>' for i, n in enumerate(sheets))
    return (f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}">'
            f'{pr}<sheets>{s}</sheets></workbook>')


def workbook_rels(nsheets=1, shared=True, styles=True):
    r = ''.join(f'<Relationship Id="rId{i + 1}" Type="{REL}/worksheet" Target="worksheets/sheet{i + 1}.xml"/>'
                for i in range(nsheets))
    if shared:
        r += f'<Relationship Id="rId90" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
    if styles:
        r += f'<Relationship Id="rId91" Type="{REL}/styles" Target="/xl/styles.xml"/>'
    return f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">{r}</Relationships>'


# cellXfs: 0 General, 1 built-in 14 (date), 2 custom 176 yyyy"年"m"月"d"日", 3 percent (10),
# 4 custom 177 "0.00_ " (not a date)
STYLES = (f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{MAIN}">'
          '<numFmts count="2"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>'
          '<numFmt numFmtId="177" formatCode="0.00_ "/></numFmts>'
          '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>'
          '<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/>'
          '<xf numFmtId="176" applyNumberFormat="1"/><xf numFmtId="10"/><xf numFmtId="177"/></cellXfs>'
          '</styleSheet>')


def sst(strings):
    items = ''.join(s if s.startswith('<') else f'<si><t xml:space="preserve">{s}</t></si>' for s in strings)
    return f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="{len(strings)}">{items}</sst>'


def sheet(rows):
    return (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}" xmlns:r="{REL}">'
            f'<dimension ref="A1"/><sheetData>{rows}</sheetData></worksheet>')


def write(name, parts, compress=zipfile.ZIP_DEFLATED):
    path = os.path.join(HERE, name)
    with zipfile.ZipFile(path, 'w', compress) as z:
        for part, data in parts:
            info = zipfile.ZipInfo(part, date_time=(2026, 1, 5, 0, 0, 0))
            info.compress_type = compress
            z.writestr(info, data.encode('utf-8') if isinstance(data, str) else data)


def book(name, rows, strings=(), date1904=False, extra=()):
    parts = [('[Content_Types].xml', CONTENT_TYPES), ('_rels/.rels', ROOT_RELS),
             ('xl/workbook.xml', workbook(date1904)), ('xl/_rels/workbook.xml.rels', workbook_rels()),
             ('xl/styles.xml', STYLES), ('xl/sharedStrings.xml', sst(strings)),
             ('xl/worksheets/sheet1.xml', sheet(rows))]
    write(name, list(parts) + list(extra))


# shared strings, a rich-text string with a phonetic guide, numbers as Excel stores them,
# booleans, an error, a formula string, a gap in the columns and a blank row
book('shared.xlsx',
     '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>'
     '<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2"><v>12345.670000000001</v></c>'
     '<c r="C2" s="1"><v>46027</v></c><c r="E2" t="b"><v>1</v></c></row>'
     '<row r="3" spans="1:5"><c r="A3" t="s"><v>4</v></c><c r="B3" s="4"><v>1.5E-3</v></c>'
     '<c r="C3" s="2"><v>46028</v></c><c r="D3" t="e"><v>#N/A</v></c>'
     '<c r="E3" t="str"><f>A3&amp;"x"</f><v>富文本x</v></c></row>'
     '<row r="4"><c r="A4" s="3"/></row>'
     '<row r="6"><c r="B6" s="3"><v>0.1234</v></c></row>',
     ['登录名', '金额', '日期',
      '张三',
      '<si><r><rPr><b/></rPr><t>富</t></r><r><t>文本</t></r><rPh sb="0" eb="1"><t>フ</t></rPh></si>'])

# inline strings only, no shared-string part, cells without r attributes
write('inline.xlsx', [
    ('[Content_Types].xml', CONTENT_TYPES), ('_rels/.rels', ROOT_RELS),
    ('xl/workbook.xml', workbook()), ('xl/_rels/workbook.xml.rels', workbook_rels(shared=False, styles=False)),
    ('xl/worksheets/sheet1.xml', sheet(
        '<row><c t="inlineStr"><is><t>登录名</t></is></c><c t="inlineStr"><is><t>姓名</t></is></c></row>'
        '<row><c t="inlineStr"><is><t> li4 </t></is></c><c t="inlineStr"><is><r><t>李</t></r><r><t>四</t></r></is></c>'
        '<c><v>7</v></c></row>')),
])

# the 1904 date base (old Mac Excel): serial 0 is 1904-01-01
book('date1904.xlsx',
     '<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" s="1"><v>44565</v></c></row>',
     ['日期'], date1904=True)

# WPS-style: every element with a namespace prefix, the sheet found through the relationships
write('prefixed.xlsx', [
    ('[Content_Types].xml', CONTENT_TYPES), ('_rels/.rels', ROOT_RELS),
    ('xl/workbook.xml', f'<x:workbook xmlns:x="{MAIN}" xmlns:r="{REL}"><x:sheets>'
                        '<x:sheet name="数据" sheetId="1" r:id="rId7"/></x:sheets></x:workbook>'),
    ('xl/_rels/workbook.xml.rels', f'<Relationships xmlns="{PKG}"><Relationship Id="rId7" '
                                   f'Type="{REL}/worksheet" Target="worksheets/data.xml"/></Relationships>'),
    ('xl/worksheets/data.xml', f'<x:worksheet xmlns:x="{MAIN}"><x:sheetData><x:row r="3">'
                               '<x:c r="C3" t="inlineStr"><x:is><x:t>甲</x:t></x:is></x:c></x:row>'
                               '</x:sheetData></x:worksheet>'),
])

# WPS merging a column's repeated value: only A2 of A2:A4 holds it. The ranges come after the
# rows; one is not understood (a single cell), one carries a prefix
write('merged.xlsx', [
    ('[Content_Types].xml', CONTENT_TYPES), ('_rels/.rels', ROOT_RELS),
    ('xl/workbook.xml', workbook()), ('xl/_rels/workbook.xml.rels', workbook_rels(shared=False, styles=False)),
    ('xl/worksheets/sheet1.xml', f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}" xmlns:x="{MAIN}">'
                                 '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>开发区</t></is></c>'
                                 '<c r="B1" t="inlineStr"><is><t>金额</t></is></c></row>'
                                 '<row r="2"><c r="A2" t="inlineStr"><is><t>甲</t></is></c><c r="B2"><v>1</v></c></row>'
                                 '<row r="3"><c r="A3"/><c r="B3"><v>2</v></c></row>'
                                 '<row r="4"><c r="A4"/><c r="B4"><v>3</v></c></row></sheetData>'
                                 '<mergeCells count="3"><mergeCell ref="A2:A4"/><mergeCell ref="B9"/>'
                                 '<x:mergeCell ref="AA10:AB12"/></mergeCells></worksheet>'),
])

# a template whose 填写说明 was moved in front of 导入数据: the rows are read from 导入数据
write('reordered.xlsx', [
    ('[Content_Types].xml', CONTENT_TYPES), ('_rels/.rels', ROOT_RELS),
    ('xl/workbook.xml', workbook(sheets=('填写说明', '导入数据'))),
    ('xl/_rels/workbook.xml.rels', workbook_rels(nsheets=2, shared=False, styles=False)),
    ('xl/worksheets/sheet1.xml', sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>列名</t></is></c></row>')),
    ('xl/worksheets/sheet2.xml', sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>登录名</t></is></c></row>')),
])

# a zip bomb: 24 MiB of spaces inside the sheet compress to a few KiB (ratio ~ 1000)
book('bomb.xlsx', '<row r="1"><c r="A1"><v>1</v></c></row>' + ' ' * (24 * 1024 * 1024))

# XXE: a DTD with an external entity the sheet uses
book('dtd.xlsx', '<row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row>')
with zipfile.ZipFile(os.path.join(HERE, 'dtd.xlsx')) as z:
    parts = [(n, z.read(n)) for n in z.namelist()]
parts = [(n, (b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
              + d[d.index(b'<worksheet'):]) if n.endswith('sheet1.xml') else d) for n, d in parts]
write('dtd.xlsx', parts)

# nesting past the cap
book('deep.xlsx', '<row r="1"><c r="A1"><v>1</v></c></row>', extra=())
with zipfile.ZipFile(os.path.join(HERE, 'deep.xlsx')) as z:
    parts = [(n, z.read(n)) for n in z.namelist()]
deep = '<x>' * 100 + '</x>' * 100
parts = [(n, d.replace(b'</sheetData>', b'</sheetData>' + deep.encode())) for n, d in parts]
write('deep.xlsx', parts)

# a broken archive: the first 600 bytes of shared.xlsx
with open(os.path.join(HERE, 'shared.xlsx'), 'rb') as f:
    head = f.read(600)
with open(os.path.join(HERE, 'corrupt.xlsx'), 'wb') as f:
    f.write(head)

# a CRC that does not match the data (one byte of the deflated sheet changed)
with open(os.path.join(HERE, 'inline.xlsx'), 'rb') as f:
    data = bytearray(f.read())
i = data.index(b'xl/worksheets/sheet1.xml') + len('xl/worksheets/sheet1.xml') + 40
data[i] ^= 0x01
with open(os.path.join(HERE, 'badcrc.xlsx'), 'wb') as f:
    f.write(bytes(data))

# the sheet scanner (src/util/xlsx_scan.c) on what writers put in a sheet besides plain cells:
# entities and character references, CDATA, comments and processing instructions, single
# quotes and blanks in tags, self-closed and empty cells, a formula's text (not the value),
# CR LF in an inline string, rich text with a phonetic guide, an empty shared-string cell, and
# numbers and dates as Excel writes them (style 1 is a date, 2 a custom date, 4 not a date)
book('scan.xlsx',
     '<?kfq a processing instruction?><!-- a comment -->'
     '<row r="1"><c r="A1" t="inlineStr"><is><t>A&amp;B &lt;&#x4E2D;&#25991;&gt; &quot;&apos;</t></is></c>'
     "<c r='B1' t='inlineStr'><is><t><![CDATA[<b>]]&]]></t></is></c>"
     '<c r = "C1"  t = "inlineStr" ><is><t>一\r\n二\r三</t></is></c></row>'
     '<row r="2"><c r="A2" s="1"><v>46027</v></c><c r="B2" s="2"><v>46027.5</v></c>'
     '<c r="C2" s="4"><v>-1234.5</v></c><c r="D2"><v>1.5E-3</v></c><c r="E2" t="s"/>'
     '<c r="F2" t="str"><f>"x"&amp;"y"</f><v>xy</v></c><c r="G2"/><c r="H2" t="inlineStr"><is>'
     '<r><t>甲</t></r><!-- between runs --><r><t xml:space="preserve"> 乙</t></r><rPh sb="0" eb="1"><t>コウ</t></rPh>'
     '</is></c></row>'
     '<row r="3"><c r="A3"><v></v></c></row>'
     '<row r="4" spans="1:2" ht="15"><c r="B4" t="s"><v>0</v></c></row>',
     ['共享'])

# refusals of the scanner: an end tag that does not match, an entity XML does not define,
# bytes that are not UTF-8 in a value, a sheet cut short
book('mismatch.xlsx', '<row r="1"><c r="A1"><v>1</c></v></row>')
book('entity.xlsx', '<row r="1"><c r="A1" t="inlineStr"><is><t>&nbsp;</t></is></c></row>')
book('badutf8.xlsx', '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>')
with zipfile.ZipFile(os.path.join(HERE, 'badutf8.xlsx')) as z:
    parts = [(n, z.read(n)) for n in z.namelist()]
parts = [(n, d.replace(b'<t>x</t>', b'<t>\xe4\xb8</t>')) for n, d in parts]
write('badutf8.xlsx', parts)
with zipfile.ZipFile(os.path.join(HERE, 'shared.xlsx')) as z:
    parts = [(n, z.read(n)) for n in z.namelist()]
parts = [(n, d[:d.index(b'<row r="3"')] if n.endswith('sheet1.xml') else d) for n, d in parts]
write('truncated.xlsx', parts)
