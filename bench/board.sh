#!/usr/bin/env bash
# Benchmark for the supervision board at scale: 100 zones × 18 tasks × 20 milestones with 12
# progress reports each (36,000 milestones, 432,000 reports), on SQLite and on PostgreSQL.
# Measures GET /api/board and a filtered, paginated GET /api/milestones (wrk, one connection,
# so latency is server time plus loopback), the task list with each task's progress, one
# zone's board (the zone page), a county user's milestone list (its scope, the county and the
# zones below it, applied in SQL), and the board read right after a write. Bulk rows are
# generated with SQL: they are benchmark data, not application data. Figures go to
# docs/PERFORMANCE.md.
#   bench/board.sh [sqlite|pg] [DURATION_SECONDS]     (BIN=… to measure another kfq binary;
#   KEEP=FILE keeps the SQLite database)
set -euo pipefail
cd "$(dirname "$0")/.."
KIND=${1:-sqlite}
DUR=${2:-5}
. bench/lib.sh
# KEEP=FILE keeps the SQLite database for a look afterwards
bench_at_exit() { [ -z "${KEEP:-}" ] || cp "$work/bench.db" "$KEEP"; }

# 100 zones under the seven counties, plus the city departments the seed names
{
	sed -n '1,/^清原满族自治县/p' data/demo/orgs.tsv
	counties=(新抚区 东洲区 望花区 顺城区 抚顺县 新宾满族自治县 清原满族自治县)
	for i in $(seq 1 100); do
		level=provincial
		[ $((i % 10)) -eq 0 ] && level=national
		printf '压测开发区%03d\tzone\t%s\t%s\t\t0\n' "$i" "${counties[$((i % 7))]}" "$level"
	done
} >"$work/orgs.tsv"

bench_db bench
if [ "$KIND" = pg ]; then
	day() { echo "(DATE '$1' + ($2))::text"; }
	agg=string_agg
else
	day() { echo "date('$1', '+' || ($2) || ' days')"; }
	agg=group_concat
fi
bench_migrate "$work/orgs.tsv"
"$BIN" demo --db "$db" >/dev/null # the seed's 18 tasks; no sample zones, so no demo plans
# the office, a zone, and a county (org_and_below: itself and its 14 zones)
bench_users "bench 市商务局 office" "zone1 压测开发区001 zone" "county1 新抚区 county"

from=$(date -u -d '+8 hours -200 days' +%Y-%m-%d)
echo "generating plans, milestones and reports ($KIND)…"
sql "INSERT INTO zone_plan (task_id, org_id, status, version, created_at, updated_at)
   SELECT t.id, o.id, 'approved', 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'
   FROM task t, org o WHERE o.type = 'zone'"
sql "INSERT INTO milestone (plan_id, seq, title, deliverable, start_date, due_date, weight, status, percent, last_report_date)
   WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 20)
   SELECT p.id, s.n, '节点' || s.n, '成果' || s.n, $(day "$from" "s.n * 10"), $(day "$from" "s.n * 10 + 30"), 5,
          CASE WHEN (p.id + s.n) % 3 = 0 THEN 'done' ELSE 'in_progress' END,
          CASE WHEN (p.id + s.n) % 3 = 0 THEN 100 ELSE (p.id * 7 + s.n * 13) % 100 END,
          $(day "$from" "s.n * 10 + 5")
   FROM zone_plan p, s"
sql "INSERT INTO progress_report (milestone_id, status, percent, narrative, state, created_at)
   WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 12)
   SELECT m.id, 'in_progress', s.n * 8, '第' || s.n || '次进展报告', 'accepted', '2026-01-01T00:00:00Z'
   FROM milestone m, s"
# what each plan keeps in the same transaction as each change (store_plan.c, KEEP_SUMS)
sql "UPDATE zone_plan SET
     sum_weighted = (SELECT COALESCE(SUM(weight * percent), 0) FROM milestone WHERE plan_id = zone_plan.id AND removed = 0),
     sum_weight = (SELECT COALESCE(SUM(weight), 0) FROM milestone WHERE plan_id = zone_plan.id AND removed = 0),
     n_milestones = (SELECT COUNT(*) FROM milestone WHERE plan_id = zone_plan.id AND removed = 0),
     open_due = COALESCE((SELECT $agg(due_date, ' ') FROM milestone
                          WHERE plan_id = zone_plan.id AND removed = 0 AND status <> 'done'), '')"
sql ANALYZE

bench_serve kfq
bench_login zone1
zcookie=$cookie zcsrf=$csrf
bench_login county1
ccookie=$cookie
bench_login bench
cold=$(curl -fs -o /dev/null -w '%{time_total}' -H "Cookie: $cookie" "$base/api/board")
echo "$KIND board, first answer after the server starts: ${cold}s" | tee "$OUT/$KIND-board-cold.txt"
counts=$(curl -fs -H "Cookie: $cookie" "$base/api/milestones?page_size=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
echo "milestones visible: $counts"
task=$(curl -fs -H "Cookie: $cookie" "$base/api/tasks?article=4" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
list="$base/api/milestones?task_id=$task&state=overdue&page=2&page_size=20"
curl -fs -H "Cookie: $cookie" "$list" | python3 -c 'import json,sys; d=json.load(sys.stdin); print("filtered list: total", d["total"], "page items", len(d["items"]))'
zone=$(curl -fs -H "Cookie: $cookie" "$base/api/orgs?q=%E5%8E%8B%E6%B5%8B%E5%BC%80%E5%8F%91%E5%8C%BA001" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
curl -fs -H "Cookie: $ccookie" "$base/api/milestones?state=overdue&page=2&page_size=20" |
	python3 -c 'import json,sys; d=json.load(sys.stdin); print("county list: total", d["total"], "page items", len(d["items"]))'
for name in board list tasks zone county; do
	who=$cookie
	case $name in
	board) url=$base/api/board ;;
	list) url=$list ;;
	tasks) url="$base/api/tasks?state=overdue&page_size=20" ;; # each task's progress, filtered
	zone) url="$base/api/board?org_id=$zone" ;;                # one zone's page
	county) # a scope of 15 organizations: filtered and paged in SQL
		url="$base/api/milestones?state=overdue&page=2&page_size=20"
		who=$ccookie
		;;
	esac
	echo "== $KIND $name (wrk -t1 -c1 -d${DUR}s)"
	wrk -t1 -c1 -d"${DUR}s" --latency -H "Cookie: $who" "$url" | tee "$OUT/$KIND-$name.txt" |
		grep -E 'Latency  |50%|90%|99%|Requests/sec'
done

# The board right after a write: the zone reports on a milestone, the office accepts it (the
# plan's kept sums change, the board cache is stale), then the board is read. 20 rounds.
ms=$(curl -fs -H "Cookie: $zcookie" "$base/api/milestones?page_size=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
post() { curl -fs -H "Cookie: $1" -H "X-CSRF-Token: $2" -H "Origin: $base" -H 'Content-Type: application/json' -d "$4" "$base$3"; }
for i in $(seq 20); do
	rep=$(post "$zcookie" "$zcsrf" "/api/milestones/$ms/reports" "{\"status\":\"in_progress\",\"percent\":$((i * 4)),\"narrative\":\"第$i次\"}" |
		python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
	post "$cookie" "$csrf" "/api/reports/$rep/accept" '{}' >/dev/null
	curl -fs -o /dev/null -w '%{time_total}\n' -H "Cookie: $cookie" "$base/api/board"
done | sort -n | awk -v k="$KIND" '{ t[NR] = $1 * 1000 } END {
	printf "%s board after a write (20 rounds): median %.1f ms, max %.1f ms\n", k, t[int((NR + 1) / 2)], t[NR] }' |
	tee "$OUT/$KIND-board-after-write.txt"
