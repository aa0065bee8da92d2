#!/usr/bin/env bash
# Benchmark for the powers module at a province's scale: 100 zones, 5,000 powers of the city
# departments, 20,000 of them delegated (200 a zone) and 500,000 monthly case rows (25 months
# each), on SQLite and on PostgreSQL. Measures with wrk (one connection, so latency is server
# time plus loopback): a zone's list as the zone sees it, the evaluation of every delegated
# power of a zone (200 in one answer), the evaluation of every delegated power of one department
# (1,667 powers over 100 zones, aggregated and paged in SQL), and the province's evaluation page
# as the office sees it (all 20,000 aggregated in SQL, one page answered). Besides wrk's
# latencies it prints the server's CPU time per request (kfq's threads and, on PostgreSQL, the
# backends of its connections), which the other engineers' load on the machine does not
# inflate as it does the wall time. Bulk rows are generated with SQL: benchmark data, not
# application data. Figures go to docs/PERFORMANCE.md.
#   bench/powers.sh [sqlite|pg] [DURATION_SECONDS]     (BIN=… to measure another kfq binary)
set -euo pipefail
cd "$(dirname "$0")/.."
KIND=${1:-sqlite}
DUR=${2:-5}
. bench/lib.sh

# 100 zones under the seven counties, plus the city departments of the demo
{
	sed -n '1,/^清原满族自治县/p' data/demo/orgs.tsv
	counties=(新抚区 东洲区 望花区 顺城区 抚顺县 新宾满族自治县 清原满族自治县)
	for i in $(seq 1 100); do
		printf '压测开发区%03d\tzone\t%s\tprovincial\t\t0\n' "$i" "${counties[$((i % 7))]}"
	done
} >"$work/orgs.tsv"

bench_db bench
if [ "$KIND" = pg ]; then
	month() { echo "to_char(DATE '2024-01-01' + ($1) * INTERVAL '1 month', 'YYYY-MM')"; }
else
	month() { echo "strftime('%Y-%m', date('2024-01-01', '+' || ($1) || ' months'))"; }
fi
bench_migrate "$work/orgs.tsv"
bench_users "office 市商务局 office" "zone1 压测开发区001 zone" "dept1 市市场监管局 department"

echo "generating 5,000 powers, 20,000 delegations and 500,000 monthly rows ($KIND)…"
sql "INSERT INTO power_item (dept_org_id, code, name, kind, legal_basis, statutory_days, promised_days,
     accept_incomplete, notify_commit, created_at, updated_at)
   WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 5000),
   d AS (SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS k FROM org WHERE type = 'city_department'),
   nd AS (SELECT COUNT(*) AS c FROM d)
   SELECT d.id, 'B' || s.n, '压测事项' || s.n, 'licensing', '《压测依据》第' || s.n || '条', 20, 10, 0, 0,
          '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'
   FROM s CROSS JOIN nd JOIN d ON d.k = s.n % nd.c"
sql "INSERT INTO power_delegation (power_id, zone_org_id, dept_org_id, status, origin, mode, effective_from,
     document, service_place, created_at, updated_at)
   SELECT p.id, z.id, p.dept_org_id, 'accepted', 'department', 'direct', '2024-01-01', '压测文件',
          z.name || '政务服务中心', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'
   FROM power_item p, org z WHERE z.type = 'zone' AND (p.id + z.id) % 25 = 0"
sql "INSERT INTO power_case_month (delegation_id, month, received, done, done_in_time, days_x100, good, bad)
   WITH RECURSIVE s(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM s WHERE n < 24)
   SELECT d.id, $(month s.n), (d.id + s.n) % 13, (d.id + s.n) % 11, (d.id + s.n) % 11 - (d.id % 2),
          CASE WHEN (d.id + s.n) % 11 = 0 THEN 0 ELSE 300 + (d.id * 7 + s.n) % 900 END,
          (d.id + s.n) % 7, (d.id + s.n) % 2
   FROM power_delegation d, s WHERE (d.id + s.n) % 11 - (d.id % 2) >= 0"
# the running sums the application keeps in the month's write (migration 0063), here as its
# backfill does; a binary from before 0063 has no such table
if sql "SELECT 1 FROM power_case_run LIMIT 1" 2>/dev/null; then
	sql "$(sed -n '/^INSERT INTO power_case_run/,/;$/p' src/store/migrations/0063_power_case_run.sql)"
fi
sql "INSERT INTO power_list_publication (zone_org_id, published, changed_at)
   SELECT id, 1, '2026-01-01T00:00:00Z' FROM org WHERE type = 'zone'"
# PostgreSQL: vacuumed as autovacuum leaves a table after a load (visibility map set, so the
# index-only reads of the running sums skip the heap); measuring right after a bulk insert
# would count hint-bit writes and heap visits a running server does not make
if [ "$KIND" = pg ]; then sql "VACUUM ANALYZE"; else sql ANALYZE; fi
query "SELECT (SELECT COUNT(*) FROM power_item) || ' powers, ' || (SELECT COUNT(*) FROM power_delegation) ||
   ' delegations, ' || (SELECT COUNT(*) FROM power_case_month) || ' monthly rows'"

bench_serve kfq
bench_login office
office=$cookie
bench_login zone1
zone=$cookie
bench_login dept1
dept=$cookie
zid=$(curl -fs -H "Cookie: $office" "$base/api/power-orgs" | python3 -c 'import json,sys; print([o["id"] for o in json.load(sys.stdin)["items"] if o["name"] == "压测开发区001"][0])')
period='from=2025-01&to=2025-12'
# "pid CPU-ticks" of kfq and of the backends of its connections, one a line
backends="SELECT pid FROM pg_stat_activity WHERE datname = 'bench' AND
	backend_type = 'client backend' AND pid <> pg_backend_pid()"
cpu_snap() {
	local p
	for p in $pid $([ "$KIND" = pg ] && query "$backends"); do
		[ -r "/proc/$p/stat" ] && echo "$p $(awk '{print $14 + $15}' "/proc/$p/stat")"
	done
	return 0
}
hz=$(getconf CLK_TCK)
for name in zone-list zone-eval dept-eval province-eval public; do
	who=$office
	case $name in
	zone-list) url="$base/api/power-delegations?page_size=20" who=$zone ;;
	zone-eval) url="$base/api/power-evaluations/figures?$period&zone_org_id=$zid&page_size=500" who=$zone ;;
	dept-eval) url="$base/api/power-evaluations/figures?$period&page_size=20" who=$dept ;;
	province-eval) url="$base/api/power-evaluations/figures?$period&page_size=20" ;;
	public) url="$base/api/public/power-lists/$zid" ;;
	esac
	curl -fs -H "Cookie: $who" "$url" | python3 -c 'import json,sys; d=json.load(sys.stdin); print("'"$name"': total", d["total"], "items", len(d["items"]))'
	echo "== $KIND $name (wrk -t1 -c1 -d${DUR}s)"
	cpu_snap >"$work/cpu0"
	wrk -t1 -c1 -d"${DUR}s" --latency -H "Cookie: $who" "$url" >"$OUT/$KIND-powers-$name.txt"
	cpu_snap >"$work/cpu1"
	grep -E 'Latency  |50%|90%|99%|Requests/sec' "$OUT/$KIND-powers-$name.txt"
	n=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' "$OUT/$KIND-powers-$name.txt")
	# a backend first seen after the run (a connection opened during it) counts from zero
	awk -v n="$n" -v hz="$hz" -v kfq="$pid" 'NR == FNR { b[$1] = $2; next }
		{ d = ($2 - b[$1]) * 1000 / hz; if ($1 == kfq) k += d; else p += d }
		END { printf "    server CPU per request: %.2f ms (kfq %.2f, database %.2f), " \
			"%d requests, load %s\n", (k + p) / n, k / n, p / n, n, load }' \
		load="$(cut -d' ' -f1-3 /proc/loadavg)" \
		"$work/cpu0" "$work/cpu1" | tee -a "$OUT/$KIND-powers-$name.txt"
done
