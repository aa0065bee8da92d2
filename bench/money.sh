#!/usr/bin/env bash
# Benchmark for revenue sharing at a city's scale: 100,000 enterprises over the four sample zones
# (80 % attracted) and 1,000,000 tax records (five tax types, 2024 and 2025), on SQLite or
# PostgreSQL:
#   - `kfq import enterprises` of the registry (CSV) and `kfq import taxes` of the million rows
#     as CSV, each a fresh database: wall time, CPU time and peak memory of the kfq process
#     (GNU time), and on PostgreSQL the CPU time of the database server;
#   - the same million rows as one .xlsx uploaded to a running `kfq serve`
#     (POST /api/imports/taxes): wall time, the CPU time `kfq serve` and the database server
#     spent on it, and the server's resident memory, sampled during the upload, and its peak;
#   - on PostgreSQL, `VACUUM (ANALYZE)` after the imports: docs/OPERATIONS.md asks for ANALYZE
#     after a large import, and autovacuum would vacuum the million new rows within its minute;
#     done here, timed on its own, it does not land inside a timed computation;
#   - `kfq revshare compute 2025`: every zone's statement computed and saved (80,000 lines), the
#     same again (nothing changes) and after a change of the ratio (every draft recomputed).
# The machine is shared: the load average is printed with the figures. docs/PERFORMANCE.md
# records them.
#   bench/money.sh [sqlite|pg] [ENTERPRISES]   (needs a release build: ninja -C build; the
#   figures are for the default 100,000 enterprises, ten tax records each; KFQ_BIN=path runs
#   another build, e.g. main's, to compare)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/cpu.sh
KIND=${1:-sqlite}
BIN=${KFQ_BIN:-$PWD/build/kfq}
N=${2:-100000}
M=$((N * 10))
work=$(mktemp -d)
# (every step may fail: under set -e a failing kill of a process already gone made the script
# exit 1 after a good run)
trap 'kill $(cat "$work"/*.pid 2>/dev/null) 2>/dev/null || true; if [ "$KIND" = pg ]; then scripts/pg-temp.sh stop "$work/pg" >/dev/null || true; fi; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

echo "== generating $N enterprises and $M tax records"
python3 - "$work" "$N" <<'PY'
import random, sys, zipfile
work, n = sys.argv[1], int(sys.argv[2])
ALPHA = '0123456789ABCDEFGHJKLMNPQRTUWXY'
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
def uscc(i):  # GB 32100-2015: the check character of the first 17
    body = f'91210400MA{i:07d}'
    r = 31 - sum(ALPHA.index(c) * w for c, w in zip(body, WEIGHTS)) % 31
    return body + ALPHA[0 if r == 31 else r]
zones = ['抚顺高新技术产业开发区（示例）', '抚顺经济开发区（示例）', '抚顺胜利经济开发区（示例）', '抚顺县经济开发区（示例）']
industries = ['3011', '2614', '3973', '3311', '3512', '2929', '1391', '4411']
rnd = random.Random(13)
with open(f'{work}/enterprises.csv', 'w', encoding='utf-8') as f:
    f.write('统一社会信用代码,企业名称,所在开发区,行业代码,规模,成立日期,招商引资,落地注册日期\r\n')
    for i in range(n):
        y = rnd.choice([2015, 2018, 2020, 2022, 2023, 2024, 2025])
        att = rnd.random() < 0.8
        f.write(f"{uscc(i)},压测企业{i}有限公司,{zones[i % 4]},{industries[i % 8]},{'规上' if i % 5 == 0 else '规下'},"
                f"{y}-03-01,{'是' if att else '否'},{f'{y}-04-01' if att else ''}\r\n")
types = ['增值税', '企业所得税', '个人所得税', '房产税', '城镇土地使用税']
rows = []
for i in range(n):
    for year in (2024, 2025):
        for t in types:
            fen = rnd.randrange(-5000, 50_000_000)  # some refunds
            rows.append((uscc(i), year, t, f"{'-' if fen < 0 else ''}{abs(fen) // 100}.{abs(fen) % 100:02d}"))
head = ('统一社会信用代码', '年度', '税种', '税额（元）')
with open(f'{work}/taxes.csv', 'w', encoding='utf-8') as f:
    f.write(','.join(head) + '\r\n')
    f.writelines(f'{u},{y},{t},{a}\r\n' for u, y, t, a in rows)
# the .xlsx as Excel writes it: shared strings for text, number cells for year and amount
strings, index = [], {}
def si(s):
    if s not in index:
        index[s] = len(strings)
        strings.append(s)
    return index[s]
parts = ['<row r="1">' + ''.join(f'<c r="{"ABCD"[k]}1" t="s"><v>{si(v)}</v></c>' for k, v in enumerate(head)) + '</row>']
for r, (u, y, t, a) in enumerate(rows, 2):
    parts.append(f'<row r="{r}"><c r="A{r}" t="s"><v>{si(u)}</v></c><c r="B{r}"><v>{y}</v></c>'
                 f'<c r="C{r}" t="s"><v>{si(t)}</v></c><c r="D{r}"><v>{a}</v></c></row>')
M = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
P = 'http://schemas.openxmlformats.org/package/2006/relationships'
with zipfile.ZipFile(f'{work}/taxes.xlsx', 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('_rels/.rels', f'<Relationships xmlns="{P}"><Relationship Id="rId1" Type="{R}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    z.writestr('xl/workbook.xml', f'<workbook xmlns="{M}" xmlns:r="{R}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr('xl/_rels/workbook.xml.rels', f'<Relationships xmlns="{P}"><Relationship Id="rId1" Type="{R}/worksheet" Target="worksheets/sheet1.xml"/>'
               f'<Relationship Id="rId2" Type="{R}/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    z.writestr('xl/sharedStrings.xml', f'<sst xmlns="{M}" count="{len(strings)}" uniqueCount="{len(strings)}">' + ''.join(f'<si><t>{s}</t></si>' for s in strings) + '</sst>')
    z.writestr('xl/worksheets/sheet1.xml', f'<worksheet xmlns="{M}"><sheetData>{"".join(parts)}</sheetData></worksheet>')
# each year's configuration as the finance bureau's page sets it (every tax type)
shares = {'vat': 2500, 'cit': 2000, 'iit': 2000, 'property': 10000, 'land_use': 10000}
codes = ['vat', 'consumption', 'cit', 'iit', 'resource', 'city_maint', 'property', 'land_use', 'land_vat', 'stamp',
         'vehicle', 'farmland', 'deed', 'environment']
with open(f'{work}/config.sql', 'w') as f:
    f.write("INSERT INTO revshare_year (year, base_year, ratio_bp, updated_at) VALUES "
            "(2024, 2024, 5000, '2026-01-01T00:00:00Z'), (2025, 2024, 5000, '2026-01-01T00:00:00Z');\n")
    f.write('INSERT INTO revshare_share (year, tax_type, share_bp) VALUES ' +
            ', '.join(f"({y}, '{c}', {shares.get(c, 0)})" for y in (2024, 2025) for c in codes) + ';\n')
PY
ls -l "$work"/enterprises.csv "$work"/taxes.csv "$work"/taxes.xlsx | awk '{print $5, $9}'

[ "$KIND" = pg ] && PGURL=$(scripts/pg-temp.sh start "$work/pg")
fresh_db() { # $1 name
	if [ "$KIND" = pg ]; then
		psql -X -q "$PGURL" -c "CREATE DATABASE $1"
		echo "${PGURL%/postgres}/$1"
	else
		echo "$work/$1.db"
	fi
}
sql() { # $1 database, stdin SQL
	if [ "$KIND" = pg ]; then psql -X -q -v ON_ERROR_STOP=1 "$1" >/dev/null; else sqlite3 -bail "$1"; fi
}
# CPU seconds the PostgreSQL cluster has used: the postmaster, its children and those it reaped
server_cpu() {
	if [ "$KIND" = pg ]; then pg_cluster_cpu "$work/pg/data"; else echo 0; fi
}
echo "data_dir = $work/files" >"$work/kfq.conf"
new_db() { # $1 name: a migrated database with the demo organizations
	local db
	db=$(fresh_db "$1")
	"$BIN" migrate --db "$db" >/dev/null
	"$BIN" org import --db "$db" data/demo/orgs.tsv >/dev/null
	echo "$db"
}
timed() { # $1 label, the command after: wall, CPU and peak memory of kfq, the server's CPU
	local label=$1 before after
	shift
	before=$(server_cpu)
	/usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" >"$work/out" 2>&1 || { cat "$work/out"; exit 1; }
	sleep 0.5 # a PostgreSQL backend's time is counted once it has exited
	after=$(server_cpu)
	read -r secs user sys kb <"$work/time"
	printf '%-8s %-34s %6.2f s wall  kfq cpu %5.2f s  peak %7d KiB  server cpu %5.2f s  load %s\n' \
		"$KIND" "$label" "$secs" "$(echo "$user + $sys" | bc)" "$kb" "$(echo "$after - $before" | bc)" \
		"$(cut -d' ' -f1 /proc/loadavg)"
}

echo "== kfq import (command line)"
db=$(new_db bench_cli)
timed "import enterprises ($N, CSV)" "$BIN" import enterprises "$work/enterprises.csv" --db "$db" --config "$work/kfq.conf"
timed "import taxes ($M, CSV)" "$BIN" import taxes "$work/taxes.csv" --db "$db" --config "$work/kfq.conf"
sql "$db" <"$work/config.sql"
if [ "$KIND" = pg ]; then timed "VACUUM (ANALYZE) after the imports" psql -X -q "$db" -c "VACUUM (ANALYZE)"; fi
timed "revshare compute 2025 (first)" "$BIN" revshare compute 2025 --db "$db"
timed "revshare compute 2025 (unchanged)" "$BIN" revshare compute 2025 --db "$db"
echo "UPDATE revshare_year SET ratio_bp = 4000 WHERE year = 2025;" | sql "$db"
timed "revshare compute 2025 (recomputed)" "$BIN" revshare compute 2025 --db "$db"
grep 'total returned' "$work/out"

echo "== POST /api/imports/taxes of the .xlsx to kfq serve"
db=$(new_db bench_http)
"$BIN" import enterprises "$work/enterprises.csv" --db "$db" --config "$work/kfq.conf" >/dev/null
echo 'Bench#Passw0rd1' | "$BIN" user add --db "$db" --username finance --org 市财政局 --role department --password-stdin >/dev/null
echo 'Bench#Passw0rd1' | "$BIN" user add --db "$db" --username office --org 市商务局 --role office --password-stdin >/dev/null
port=$(free_port)
base=http://127.0.0.1:$port
"$BIN" serve --db "$db" --config "$work/kfq.conf" --listen "127.0.0.1:$port" --no-access-log >"$work/serve.out" 2>&1 &
echo $! >"$work/kfq.pid"
pid=$(cat "$work/kfq.pid")
for _ in $(seq 200); do curl -fs "$base/healthz" >/dev/null && break; sleep 0.05; done
login() { # $1 user: sets cookie and csrf
	cookie=$(curl -s -D - -o /dev/null -H "Origin: $base" -H 'Content-Type: application/json' \
		-d "{\"username\":\"$1\",\"password\":\"Bench#Passw0rd1\"}" "$base/api/session" |
		sed -n 's/^Set-Cookie: \(kfq_session=[^;]*\).*/\1/p')
	csrf=$(curl -fs -H "Cookie: $cookie" "$base/api/session" | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])')
}
# the capability the seed's article 6 gives 市财政局, granted by the office (no policy here)
login office
finance_org=$(curl -fs -G --data-urlencode q=市财政局 -H "Cookie: $cookie" "$base/api/orgs" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
curl -fs -o /dev/null -H "Cookie: $cookie" -H "Origin: $base" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
	-d "{\"org_id\":$finance_org,\"capability\":\"confirm_revenue\"}" "$base/api/capabilities/grants"
login finance
idle=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
(while kill -0 "$pid" 2>/dev/null; do awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null; sleep 0.1; done) >"$work/rss" &
echo $! >"$work/sampler.pid"
start=$(date +%s.%N)
cpu_before=$(process_cpu "$pid")
srv_before=$(server_cpu)
code=$(curl -s -o "$work/import.json" -w '%{http_code}' -H "Cookie: $cookie" -H "Origin: $base" \
	-H "X-CSRF-Token: $csrf" -H 'Content-Type: application/octet-stream' \
	--data-binary "@$work/taxes.xlsx" "$base/api/imports/taxes?name=taxes.xlsx")
end=$(date +%s.%N)
cpu_after=$(process_cpu "$pid")
srv_after=$(server_cpu)
kill "$(cat "$work/sampler.pid")" 2>/dev/null || true
[ "$code" = 201 ] || { echo "import answered $code: $(head -c 400 "$work/import.json")"; exit 1; }
hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
printf '%-8s %-34s %6.2f s wall  kfq cpu %5.2f s  server cpu %5.2f s  kfq resident %d KiB idle, %d KiB most sampled, %d KiB peak  load %s\n' \
	"$KIND" "HTTP import taxes ($M, .xlsx)" "$(echo "$end - $start" | bc)" \
	"$(echo "$cpu_after - $cpu_before" | bc)" "$(echo "$srv_after - $srv_before" | bc)" "$idle" \
	"$(sort -n "$work/rss" | tail -1)" "$hwm" "$(cut -d' ' -f1 /proc/loadavg)"
kill "$pid"
wait "$pid" 2>/dev/null || true
uptime
