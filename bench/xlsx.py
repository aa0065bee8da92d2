"""xlsx.py - a workbook of one sheet as Excel writes its parts, for the data the benchmarks
generate (bench/import.sh, bench/money.sh): write(path, rows_xml, strings) puts the sheet's <row>
elements in xl/worksheets/sheet1.xml and, when strings is a list, the shared strings that its
t="s" cells index in xl/sharedStrings.xml."""
import zipfile

M = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
P = 'http://schemas.openxmlformats.org/package/2006/relationships'


def write(path, rows_xml, strings=None):
    rels = f'<Relationship Id="rId1" Type="{R}/worksheet" Target="worksheets/sheet1.xml"/>'
    if strings is not None:
        rels += f'<Relationship Id="rId2" Type="{R}/sharedStrings" Target="sharedStrings.xml"/>'
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('_rels/.rels', f'<Relationships xmlns="{P}"><Relationship Id="rId1" Type="{R}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr('xl/workbook.xml', f'<workbook xmlns="{M}" xmlns:r="{R}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr('xl/_rels/workbook.xml.rels', f'<Relationships xmlns="{P}">{rels}</Relationships>')
        if strings is not None:
            z.writestr('xl/sharedStrings.xml', f'<sst xmlns="{M}" count="{len(strings)}" uniqueCount="{len(strings)}">'
                       + ''.join(f'<si><t>{s}</t></si>' for s in strings) + '</sst>')
        z.writestr('xl/worksheets/sheet1.xml', f'<worksheet xmlns="{M}"><sheetData>{rows_xml}</sheetData></worksheet>')
