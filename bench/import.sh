#!/usr/bin/env bash
# Benchmark for spreadsheet imports: `kfq import users` of the largest users file (5,000 rows)
# as .xlsx and as a GBK CSV, on SQLite and on PostgreSQL — both passes, the evidence copy, the
# bulk insert (COPY on PostgreSQL) and the sealed password file. Prints the wall time and the
# process's peak memory (GNU time's maximum resident set). Figures go to docs/PERFORMANCE.md.
#   bench/import.sh [sqlite|pg] [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
KIND=${1:-sqlite}
ROWS=${2:-5000}
BIN=$PWD/build/kfq
work=$(mktemp -d)
trap '[ "$KIND" = pg ] && scripts/pg-temp.sh stop "$work/pg" >/dev/null; rm -rf "$work"' EXIT

python3 - "$work" "$ROWS" <<'PY'
import sys, zipfile
work, n = sys.argv[1], int(sys.argv[2])
head = ['登录名', '姓名', '所属组织', '角色', '数据范围', '手机', '职务']
orgs = ['市商务局', '市发改委', '东洲区', '抚顺经济开发区（示例）']
roles = ['市直部门', '市直部门', '县区', '开发区']
rows = [[f'bench{i:05d}', f'压测用户{i}', orgs[i % 4], roles[i % 4], '', f'138{i:08d}', '科员'] for i in range(n)]
with open(f'{work}/users.csv', 'wb') as f:
    f.write(('\r\n'.join(','.join(r) for r in [head] + rows) + '\r\n').encode('gbk'))
def cell(c, r, v):
    return f'<c r="{c}{r}" t="inlineStr"><is><t>{v}</t></is></c>' if v else ''
xml = ''.join(f'<row r="{r + 1}">' + ''.join(cell('ABCDEFG'[k], r + 1, v) for k, v in enumerate(row)) + '</row>'
              for r, row in enumerate([head] + rows))
M = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
P = 'http://schemas.openxmlformats.org/package/2006/relationships'
with zipfile.ZipFile(f'{work}/users.xlsx', 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('_rels/.rels', f'<Relationships xmlns="{P}"><Relationship Id="rId1" Type="{R}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    z.writestr('xl/workbook.xml', f'<workbook xmlns="{M}" xmlns:r="{R}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr('xl/_rels/workbook.xml.rels', f'<Relationships xmlns="{P}"><Relationship Id="rId1" Type="{R}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    z.writestr('xl/worksheets/sheet1.xml', f'<worksheet xmlns="{M}"><sheetData>{xml}</sheetData></worksheet>')
PY

fresh_db() { # $1 name
	if [ "$KIND" = pg ]; then
		psql -X -q "$PGURL" -c "CREATE DATABASE $1"
		echo "${PGURL%/postgres}/$1"
	else
		echo "$work/$1.db"
	fi
}
[ "$KIND" = pg ] && PGURL=$(scripts/pg-temp.sh start "$work/pg")
echo "data_dir = $work/files" >"$work/kfq.conf"

for f in users.xlsx users.csv; do
	db=$(fresh_db "b_${f%.*}_${f#*.}")
	"$BIN" migrate --db "$db" >/dev/null
	"$BIN" org import --db "$db" data/demo/orgs.tsv >/dev/null
	size=$(stat -c %s "$work/$f")
	/usr/bin/time -f '%e %M' -o "$work/time" "$BIN" import users "$work/$f" \
		--config "$work/kfq.conf" --db "$db" --secret-out "$work/pw-$f.xlsx" >/dev/null
	read -r secs kb <"$work/time"
	printf '%-8s %-10s %6d rows %8d bytes  %6ss  peak %6d KiB\n' "$KIND" "$f" "$ROWS" "$size" "$secs" "$kb"
done
