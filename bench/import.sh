#!/usr/bin/env bash
# Benchmark for spreadsheet imports: `kfq import users` of the largest users file (5,000 rows)
# as .xlsx and as a GBK CSV, on SQLite and on PostgreSQL — both passes, the evidence copy, the
# bulk insert (COPY on PostgreSQL) and the sealed password file. Prints the wall time and the
# process's peak memory (GNU time's maximum resident set). Figures go to docs/PERFORMANCE.md.
#   bench/import.sh [sqlite|pg] [ROWS]   (release build: make build; BIN=… for another binary)
set -euo pipefail
cd "$(dirname "$0")/.."
KIND=${1:-sqlite}
ROWS=${2:-5000}
. bench/lib.sh

python3 - "$work" "$ROWS" <<'PY'
import sys
sys.path.insert(0, 'bench')
import xlsx
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
xlsx.write(f'{work}/users.xlsx', xml)
PY

for f in users.xlsx users.csv; do
	bench_db "b_${f%.*}_${f#*.}"
	bench_migrate
	size=$(stat -c %s "$work/$f")
	/usr/bin/time -f '%e %M' -o "$work/time" "$BIN" import users "$work/$f" \
		--config "$work/kfq.conf" --db "$db" --secret-out "$work/pw-$f.xlsx" >/dev/null
	read -r secs kb <"$work/time"
	printf '%-8s %-10s %6d rows %8d bytes  %6ss  peak %6d KiB\n' "$KIND" "$f" "$ROWS" "$size" "$secs" "$kb"
done
