#!/usr/bin/env bash
# Benchmark for the re-check of projects against their zones' boundaries (issue 15: "testing
# 100,000 project points against 100 zone boundaries under 1 s"), through the path a boundary's
# change takes: PUT /api/land/boundaries/:id reads, checks and prepares the outline (GEOS), then
# re-locates every project of the zone in the same transaction (a bounding-box test, then the
# prepared geometry), writes the codes that change and lists them in the audit record. 100 zones
# (bench/relocate.py: 256-vertex outlines), 1,000 project points each, all stored as "outside"
# to begin with. Two rounds of the 100 PUTs, one at a time with curl: the first moves the
# points inside (writes and a long audit record), the second finds nothing to change (the checks
# alone). Prints per round the wall time and the CPU seconds of kfq (and of the PostgreSQL
# cluster). Rows are generated with SQL: benchmark data, not application data. The machine is
# shared: the load average is printed with the figures; docs/PERFORMANCE.md records them.
#   bench/relocate.sh [sqlite|pg] [ZONES] [PER_ZONE]   (needs a release build: ninja -C build)
set -euo pipefail
cd "$(dirname "$0")/.."
KIND=${1:-sqlite}
ZONES=${2:-100}
PER=${3:-1000}
. bench/lib.sh
. bench/cpu.sh

bench_db bench
{ cat data/demo/orgs.tsv; python3 bench/relocate.py orgs "$ZONES"; } >"$work/orgs.tsv"
bench_migrate "$work/orgs.tsv"
bench_users "land 市自然资源局 department"
bench_grant 市自然资源局 manage_land
zones=$(echo "SELECT id FROM org WHERE name LIKE '压测开发区%' ORDER BY id;" | query)
ids=$(echo "$zones" | paste -sd,)

echo "== generating $ZONES boundaries and $((ZONES * PER)) project points ($KIND)"
python3 bench/relocate.py boundaries "$ZONES" "$work"
python3 bench/relocate.py projects "$ids" "$PER" | sql
echo 'ANALYZE;' | sql

bench_serve kfq
bench_login land

for round in 1 2; do
	c0=$(kfq_cpu)
	s0=$(server_cpu)
	wall=0
	moved=0
	k=0
	for z in $zones; do
		out=$(curl -fs -X PUT -w ' %{time_total}' -H "Origin: $base" -H "Cookie: $cookie" -H "X-CSRF-Token: $csrf" \
			-H 'Content-Type: application/json' --data-binary @"$work/b$k.json" \
			"$base/api/land/boundaries/$z")
		t=${out##* }
		m=$(echo "${out% *}" | sed -n 's/.*"relocated":\([0-9]*\).*/\1/p')
		wall=$(echo "$wall + $t" | bc)
		moved=$((moved + m))
		k=$((k + 1))
	done
	c1=$(kfq_cpu)
	s1=$(server_cpu)
	printf '%-7s round %d: %d boundaries saved, %d points re-checked, %d moved: %.2f s wall (sum of requests), %.2f s cpu kfq, %.2f s cpu database server, load %s\n' \
		"$KIND" "$round" "$ZONES" "$((ZONES * PER))" "$moved" "$wall" "$(echo "$c1 - $c0" | bc)" "$(echo "$s1 - $s0" | bc)" "$(cut -d' ' -f1 /proc/loadavg)"
done
inside=$(echo "SELECT COUNT(*) FROM land_project WHERE where_code <> 'outside';" | query)
echo "$KIND: $inside of $((ZONES * PER)) points inside or on a boundary"
uptime
