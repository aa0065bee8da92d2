#!/usr/bin/env bash
# Benchmark for the 亩均效益 evaluation at a city's scale: 1,000,000 industrial enterprises over
# the four sample zones (four in five 规上), each with two years of tax (2024, 2025) and of
# figures, and a parcel for every 规下 one (so that all are evaluated) and every seventh, on
# SQLite or PostgreSQL. Measures GET /api/mujun/evaluation?zone_id=…&year=2025 for each zone
# (250,000 enterprises: scored, ranked and classed, and last year's the same for the
# year-over-year column; one row of the page written) with curl, one request at a time, and
# their sum: the whole city's classes. Four rounds: "cold", the first requests after the data
# was made (the city's two years read and evaluated once, DECISIONS 178); "kept", the same
# requests again with nothing changed; "unrelated", after an audited change the evaluation does
# not read (a scheme stored for 2030), which keeps it (DECISIONS 188); "changed", after one it
# reads (2025's scheme stored), which makes the next request evaluate the city again.
# Rows are generated with SQL: they are benchmark data, not application data. The machine is
# shared: the load average is printed with the figures. docs/PERFORMANCE.md records them.
#   bench/mujun.sh [sqlite|pg] [ENTERPRISES]   (needs a release build: ninja -C build)
#   NO_VACUUM=1 bench/mujun.sh pg   PostgreSQL's data ANALYZEd only, autovacuum left to visit it during the rounds
set -euo pipefail
cd "$(dirname "$0")/.."
KIND=${1:-sqlite}
N=${2:-1000000}
. bench/lib.sh
. bench/cpu.sh

bench_db bench
if [ "$KIND" = pg ]; then
	series="generate_series(1, $N) AS n(i)"
	pre=""
else
	series="n"
	pre="WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $N)"
fi
bench_migrate
bench_users "land 市自然资源局 department"
# manage_land, for the scheme the "changed" round stores
bench_grant 市自然资源局 manage_land

echo "== generating $N enterprises, $((N * 2)) tax records, $((N * 2)) figures, ~$((N * 11 / 35)) parcels ($KIND)"
start=$(date +%s.%N)
sql <<SQL
CREATE TEMPORARY TABLE bz AS SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS k FROM org WHERE name IN
  ('抚顺高新技术产业开发区（示例）', '抚顺经济开发区（示例）', '抚顺胜利经济开发区（示例）', '抚顺县经济开发区（示例）');
$pre INSERT INTO enterprise (uscc, name, zone_id, industry_code, scale, registered_on, created_at, updated_at)
  SELECT 'B' || i, '压测企业' || i, (SELECT id FROM bz WHERE k = i % 4), '3011',
         CASE WHEN i % 5 = 0 THEN 'below' ELSE 'above' END, '2015-01-01', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'
  FROM $series;
INSERT INTO tax_record (year, enterprise_id, tax_type, amount_fen)
  SELECT y, id, 'vat', 100000 + (id * 7919) % 50000000 + (y - 2024) * 100000 FROM enterprise, (SELECT 2024 AS y UNION ALL SELECT 2025) yy;
INSERT INTO enterprise_figure (enterprise_id, year, value_added_fen, revenue_fen, rd_fen, energy_kgce, emission_kg,
                               electricity_kwh, staff, updated_at)
  SELECT id, y, 1000000 + (id * 104729) % 900000000, 10000000 + (id * 31) % 2000000000, (id * 17) % 50000000,
         CASE WHEN id % 13 = 0 THEN NULL ELSE 1000 + (id * 37) % 5000000 END, 100 + (id * 41) % 100000,
         10000 + (id * 43) % 9000000, 5 + id % 800, '2026-01-01T00:00:00Z'
  FROM enterprise, (SELECT 2024 AS y UNION ALL SELECT 2025) yy;
INSERT INTO land_parcel (zone_id, parcel_no, land_use, area_m2x100, enterprise_id, created_at, updated_at)
  SELECT zone_id, 'BP' || id, 'industrial', 200000 + (id * 53) % 5000000, id, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'
  FROM enterprise WHERE id % 5 = 0 OR id % 7 = 0;
SQL
# PostgreSQL: VACUUM too, as autovacuum would have by the time a city's data is evaluated; without
# it autovacuum visits the fresh millions of rows during the rounds, and its CPU and its core count
# as the evaluation's (PERFORMANCE.md; NO_VACUUM=1 measures that way, as before the seventh session)
if [ "$KIND" = pg ] && [ -z "${NO_VACUUM:-}" ]; then echo 'VACUUM ANALYZE;' | sql; else echo 'ANALYZE;' | sql; fi
printf 'generated in %.1f s\n' "$(echo "$(date +%s.%N) - $start" | bc)"

bench_serve kfq
bench_login land
zones=$(echo "SELECT id FROM org WHERE type = 'zone' AND name LIKE '%（示例）' ORDER BY id;" | query)

# one round: each zone's evaluation, one request at a time; page_size $2 makes each round's URLs
# its own, so that no answer kept by the answer cache (api/cache.c) is what is measured
round() {
	local total=0 cpu=0 count=0 z t c c0 c1 s0 s1 n summary
	echo "== $1: GET /api/mujun/evaluation, one zone at a time ($KIND)"
	for z in $zones; do
		c0=$(kfq_cpu)
		s0=$(server_cpu)
		t=$(curl -fs -o "$work/eval.json" -w '%{time_total}' -H "Cookie: $cookie" \
			"$base/api/mujun/evaluation?zone_id=$z&year=2025&page_size=$2")
		c1=$(kfq_cpu)
		s1=$(server_cpu)
		read -r n summary < <(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["total"], json.dumps(d["summary"]))' "$work/eval.json")
		c=$(echo "$c1 - $c0 + $s1 - $s0" | bc)
		printf '%-8s zone %-4s %8d enterprises  %6.2f s wall  %6.2f s cpu (kfq %.2f)  %s  load %s\n' "$KIND" "$z" "$n" "$t" "$c" "$(echo "$c1 - $c0" | bc)" "$summary" "$(cut -d' ' -f1 /proc/loadavg)"
		total=$(echo "$total + $t" | bc)
		cpu=$(echo "$cpu + $c" | bc)
		count=$((count + n))
	done
	printf '%-8s %-7s the city: %d enterprises (and last year'"'"'s) scored and classed in %.2f s wall, %.2f s cpu (kfq + database server)\n' "$KIND" "$1" "$count" "$total" "$cpu"
}

round cold 1
round kept 2
# PUT the year's scheme as it reads (the default): an audited change with the same classes
put_scheme() {
	local scheme
	scheme=$(curl -fs -H "Cookie: $cookie" "$base/api/mujun/schemes/$1" | python3 -c '
import json, sys
s = json.load(sys.stdin)["scheme"]
print(json.dumps({"method": s["method"], "pct_bp": s["pct_bp"], "thresholds_x100": s["thresholds_x100"],
                  "below_min_mu_x100": s["below_min_mu_x100"], "new_years": s["new_years"],
                  "indicators": [{k: i[k] for k in ("group", "code", "weight", "reference", "cap_bp")}
                                 for i in s["indicators"] if i["weight"]]}))')
	curl -fs -o /dev/null -X PUT -H "Cookie: $cookie" -H "Origin: $base" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
		-d "$scheme" "$base/api/mujun/schemes/$1" || { echo "the scheme's change failed"; exit 1; }
}
# an audited change the evaluation does not read (2030's scheme): the head moves, the audit
# records since are looked at and what was kept is kept (DECISIONS 188)
put_scheme 2030
round unrelated 3
# a change it reads (2025's scheme, stored as it was): the city is evaluated again
put_scheme 2025
round changed 4
curl -fs "$base/metrics" | grep '^kfq_mujun'
uptime
