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
. bench/cpu.sh
KIND=${1:-sqlite}
ZONES=${2:-100}
PER=${3:-1000}
BIN=${BIN:-$PWD/build/kfq}
work=$(mktemp -d)
trap 'kill $(cat "$work"/kfq.pid 2>/dev/null) 2>/dev/null; [ "$KIND" = pg ] && scripts/pg-temp.sh stop "$work/pg" >/dev/null; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

if [ "$KIND" = pg ]; then
	url=$(scripts/pg-temp.sh start "$work/pg")
	psql -X -q "$url" -c 'CREATE DATABASE bench' >/dev/null
	db=${url%/postgres}/bench
	sql() { psql -X -q -v ON_ERROR_STOP=1 "$db" >/dev/null; }
	query() { psql -X -q -A -t "$db"; }
else
	db=$work/bench.db
	sql() { sqlite3 -bail "$db"; }
	query() { sqlite3 "$db"; }
fi
"$BIN" migrate --db "$db" >/dev/null
{ cat data/demo/orgs.tsv; python3 bench/relocate.py orgs "$ZONES"; } >"$work/orgs.tsv"
"$BIN" org import --db "$db" "$work/orgs.tsv" >/dev/null
echo 'Bench#Passw0rd1' | "$BIN" user add --db "$db" --username land --org 市自然资源局 --role department --password-stdin >/dev/null
echo "INSERT INTO org_capability (org_id, capability, granted_by_name, granted_at, note)
  SELECT id, 'manage_land', 'cli:bench', '2026-01-01T00:00:00Z', 'bench' FROM org WHERE name = '市自然资源局';" | sql
zones=$(echo "SELECT id FROM org WHERE name LIKE '压测开发区%' ORDER BY id;" | query)
ids=$(echo "$zones" | paste -sd,)

echo "== generating $ZONES boundaries and $((ZONES * PER)) project points ($KIND)"
python3 bench/relocate.py boundaries "$ZONES" "$work"
python3 bench/relocate.py projects "$ids" "$PER" | sql
echo 'ANALYZE;' | sql

port=$(free_port)
base=http://127.0.0.1:$port
echo "data_dir = $work/files" >"$work/kfq.conf"
"$BIN" serve --db "$db" --config "$work/kfq.conf" --listen "127.0.0.1:$port" --no-access-log >"$work/serve.out" 2>&1 &
echo $! >"$work/kfq.pid"
for _ in $(seq 200); do curl -fs "$base/healthz" >/dev/null && break; sleep 0.05; done
curl -s -D "$work/h" -H "Origin: $base" -H 'Content-Type: application/json' \
	-d '{"username":"land","password":"Bench#Passw0rd1"}' "$base/api/session" |
	python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])' >"$work/t"
cookie=$(sed -n 's/^Set-Cookie: \(kfq_session=[^;]*\).*/\1/p' "$work/h")
csrf=$(cat "$work/t")
[ -n "$cookie" ] || { echo "login failed"; exit 1; }

kfq_cpu() { process_cpu "$(cat "$work/kfq.pid")"; }
server_cpu() {
	if [ "$KIND" = pg ]; then pg_cluster_cpu "$work/pg/data"; else echo 0; fi
}

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
