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
KIND=${1:-sqlite}
N=${2:-100000}
M=$((N * 10))
. bench/lib.sh
. bench/cpu.sh

echo "== generating $N enterprises and $M tax records"
python3 - "$work" "$N" <<'PY'
import random, sys
sys.path.insert(0, 'bench')
import xlsx
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
xlsx.write(f'{work}/taxes.xlsx', ''.join(parts), strings)
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
bench_db bench_cli
bench_migrate
timed "import enterprises ($N, CSV)" "$BIN" import enterprises "$work/enterprises.csv" --db "$db" --config "$work/kfq.conf"
timed "import taxes ($M, CSV)" "$BIN" import taxes "$work/taxes.csv" --db "$db" --config "$work/kfq.conf"
sql <"$work/config.sql"
if [ "$KIND" = pg ]; then timed "VACUUM (ANALYZE) after the imports" psql -X -q "$db" -c "VACUUM (ANALYZE)"; fi
timed "revshare compute 2025 (first)" "$BIN" revshare compute 2025 --db "$db"
timed "revshare compute 2025 (unchanged)" "$BIN" revshare compute 2025 --db "$db"
sql "UPDATE revshare_year SET ratio_bp = 4000 WHERE year = 2025"
timed "revshare compute 2025 (recomputed)" "$BIN" revshare compute 2025 --db "$db"
grep 'total returned' "$work/out"

echo "== POST /api/imports/taxes of the .xlsx to kfq serve"
bench_db bench_http
bench_migrate
"$BIN" import enterprises "$work/enterprises.csv" --db "$db" --config "$work/kfq.conf" >/dev/null
bench_users "finance 市财政局 department" "office 市商务局 office"
bench_serve kfq
# the capability the seed's article 6 gives 市财政局, granted by the office (no policy here)
bench_login office
finance_org=$(curl -fs -G --data-urlencode q=市财政局 -H "Cookie: $cookie" "$base/api/orgs" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
curl -fs -o /dev/null -H "Cookie: $cookie" -H "Origin: $base" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
	-d "{\"org_id\":$finance_org,\"capability\":\"confirm_revenue\"}" "$base/api/capabilities/grants"
bench_login finance
idle=$(kb VmRSS)
(while kill -0 "$pid" 2>/dev/null; do kb VmRSS 2>/dev/null; sleep 0.1; done) >"$work/rss" &
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
hwm=$(kb VmHWM)
printf '%-8s %-34s %6.2f s wall  kfq cpu %5.2f s  server cpu %5.2f s  kfq resident %d KiB idle, %d KiB most sampled, %d KiB peak  load %s\n' \
	"$KIND" "HTTP import taxes ($M, .xlsx)" "$(echo "$end - $start" | bc)" \
	"$(echo "$cpu_after - $cpu_before" | bc)" "$(echo "$srv_after - $srv_before" | bc)" "$idle" \
	"$(sort -n "$work/rss" | tail -1)" "$hwm" "$(cut -d' ' -f1 /proc/loadavg)"
kill "$pid"
wait "$pid" 2>/dev/null || true
uptime
