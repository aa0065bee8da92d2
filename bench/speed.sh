#!/usr/bin/env bash
# Benchmark for the paths where kfq lagged (issue 8, "speed where it lags"), on the demo data
# (288 milestones), SQLite and PostgreSQL side by side in the same run:
#   - list: the JSON list of 100 milestones (48 KB), and task: one task by id, each beside
#     nginx serving the same bytes as a static file, with the same wrk settings (-t2 -c16);
#     kfq answers them as repeated (kept until the data changes: "new"), and with the answer
#     cache off (--answer-cache-mb 0: every request runs its queries, as the first reader after
#     each write does: "uncached");
#   - create: sequential durable creates, one 督办单 per request with its audit record and inbox
#     items in one transaction, one connection (wrk -t1 -c1), in one-second slices each right
#     after a one-second probe of the same disk: 4 KiB appended and fsync'ed, as fast as it
#     goes (fsyncs per second); and the CPU time per create (user + system) of the server and,
#     on PostgreSQL, of its cluster (the backend, and the WAL writer and checkpointer that the
#     commits keep busy); measured after 3 s of creates on each server and an ANALYZE of the
#     notices, in their steady state (DECISIONS 296);
#   - with OLD=… another kfq binary measured the same way beside BIN, for before/after ("old"
#     and "old-uncached").
#   - the CPU time of each list and task request: the server's (user + system) and, on
#     PostgreSQL, its backends' (every child of the postmaster), which a loaded machine does not
#     inflate as it does requests per second;
# The machine is shared: every figure is taken ROUNDS times, each round going through every
# server in turn, and the medians are reported (with the ratios of each round's pair).
# The databases are ANALYZEd after loading, as autovacuum would in a while (and never does for
# tables of fewer than 50 rows, such as the organizations and tasks here).
#   bench/speed.sh [DURATION_SECONDS] [ROUNDS]   (BIN=… default build/kfq; OLD=…; DBS="sqlite pg";
#   PG_SOCKET=1: PostgreSQL over its Unix socket rather than loopback TCP; THREADS=N: every
#   server's worker threads, default kfq's: one per CPU, two per CPU with PostgreSQL)
set -euo pipefail
cd "$(dirname "$0")/.."
DUR=${1:-5}
ROUNDS=${2:-3}
OLD=${OLD:-}
DBS=${DBS:-sqlite pg}
. bench/lib.sh
field() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
rate() { awk '/Requests\/sec/ {print $2}' "$1"; }

# 4 KiB appended and fsync'ed to a file in DIR for SECONDS: fsyncs per second
fsync_rate() {
	python3 - "$1/fsync.probe" "$2" <<'EOF'
import os, sys, time
path, dur = sys.argv[1], float(sys.argv[2])
fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
buf, n, t0 = b'\0' * 4096, 0, time.monotonic()
while time.monotonic() - t0 < dur:
    os.write(fd, buf)
    os.fsync(fd)
    n += 1
print(round(n / (time.monotonic() - t0)))
os.close(fd)
os.unlink(path)
EOF
}

# start KIND NAME BINARY DB [SERVE ARGS…]: a server with the bench user signed in; writes
# $work/KIND-NAME.{url,cookie,csrf} (and its pid to $work/KIND-NAME.pid)
start() {
	local kind=$1 name=$2 BIN=$3 db=$4
	shift 4
	bench_serve "$kind-$name" --audit-checkpoint-interval 0 ${THREADS:+--threads "$THREADS"} "$@"
	bench_login bench
	echo "$base" >"$work/$kind-$name.url"
	echo "$cookie" >"$work/$kind-$name.cookie"
	echo "$csrf" >"$work/$kind-$name.csrf"
}

# the demo data and the bench user in DB, by BINARY (its own migrations)
load() {
	local BIN=$1 db=$2
	bench_migrate
	"$BIN" demo --db "$db" >/dev/null
	bench_users "bench 市商务局 office"
	sql ANALYZE
}

# CPU clock ticks used so far by PID and, on PostgreSQL, by every process of the cluster
ticks() {
	local t
	t=$(awk '{print $14 + $15}' /proc/"$1"/stat)
	if [ "$2" = pg ]; then
		local pm
		pm=$(head -1 "$work/pg/data/postmaster.pid")
		for p in $pm $(pgrep -P "$pm"); do
			t=$((t + $(awk '{print $14 + $15}' /proc/"$p"/stat 2>/dev/null || echo 0)))
		done
	fi
	echo "$t"
}

for kind in $DBS; do
	KIND=$kind
	# OLD gets a database of its own: a binary refuses a schema newer than its migrations
	bench_db bench_old
	db_old=$db
	bench_db bench
	load "$BIN" "$db"
	echo "$db${OLD:+ $db_old}" >"$work/$kind.dbs"
	if [ -n "$OLD" ]; then
		load "$OLD" "$db_old"
		start "$kind" old "$OLD" "$db_old"
		start "$kind" old-uncached "$OLD" "$db_old" --answer-cache-mb 0
	fi
	start "$kind" new "$BIN" "$db"
	start "$kind" uncached "$BIN" "$db" --answer-cache-mb 0
	b=$(cat "$work/$kind-new.url")
	cookie=$(cat "$work/$kind-new.cookie")
	mkdir -p "$work/$kind/www"
	curl -fs -H "Cookie: $cookie" "$b/api/milestones?page_size=100" >"$work/$kind/www/list.json"
	task=$(curl -fs -H "Cookie: $cookie" "$b/api/tasks?article=4" | field 'd["items"][0]["id"]')
	curl -fs -H "Cookie: $cookie" "$b/api/tasks/$task" >"$work/$kind/www/task.json"
	org=$(curl -fs -H "Cookie: $cookie" "$b/api/orgs?q=%E6%8A%9A%E9%A1%BA%E7%BB%8F%E6%B5%8E" | field 'd["items"][0]["id"]')
	echo "/api/milestones?page_size=100" >"$work/$kind-list.path"
	echo "/api/tasks/$task" >"$work/$kind-task.path"
	echo "$org $task" >"$work/$kind-create.args"
	echo "$kind: list $(wc -c <"$work/$kind/www/list.json") bytes, task $(wc -c <"$work/$kind/www/task.json") bytes"
	nginx_start "$work/$kind" >"$work/$kind-nginx.port"
done

servers="${OLD:+old old-uncached }new uncached"
due=$(date -u -d '+8 hours +30 days' +%Y-%m-%d)

# create_lua KIND NAME: $work/create.lua, the wrk script that posts one 督办单 to server NAME
create_lua() {
	local b org task
	b=$(cat "$work/$1-$2.url")
	read -r org task <"$work/$1-create.args"
	cat >"$work/create.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Origin"] = "$b"
wrk.headers["X-CSRF-Token"] = "$(cat "$work/$1-$2.csrf")"
wrk.headers["Cookie"] = "$(cat "$work/$1-$2.cookie")"
wrk.body = '{"org_id":$org,"task_id":$task,"subject":"压测督办","body":"请按期报送推进情况。","reply_due":"$due"}'
LUA
}

# The rounds measure creates in their steady state: a SQLite WAL that has reached its size
# (written over, not grown, DECISIONS 278) and PostgreSQL statements planned for a table of
# notices that is no longer empty. Without this warm-up the first round's creates on PostgreSQL
# ran the plan made while the demo had no notices, a scan of every notice to number the next,
# until autovacuum analyzed the table a minute later (DECISIONS 296).
for kind in $DBS; do
	KIND=$kind
	for name in ${OLD:+old} new; do
		create_lua "$kind" "$name"
		wrk -t1 -c1 -d3s -s "$work/create.lua" "$(cat "$work/$kind-$name.url")/api/notices" >/dev/null
	done
	for db in $(cat "$work/$kind.dbs"); do sql "ANALYZE supervision_notice"; done
done
echo "uptime: $(uptime)" | tee "$OUT/speed-uptime.txt"
for r in $(seq "$ROUNDS"); do
	for kind in $DBS; do
		for what in list task; do
			for name in $servers nginx; do
				if [ $name = nginx ]; then
					url="http://127.0.0.1:$(cat "$work/$kind-nginx.port")/$what.json"
					hdr=()
				else
					url="$(cat "$work/$kind-$name.url")$(cat "$work/$kind-$what.path")"
					hdr=(-H "Cookie: $(cat "$work/$kind-$name.cookie")")
				fi
				f="$OUT/speed-$kind-$what-$name-$r.txt"
				pid=$(cat "$work/$kind-$name.pid" 2>/dev/null || echo $$)
				t0=$(ticks "$pid" "$kind")
				wrk -t2 -c16 -d"${DUR}s" --latency "${hdr[@]}" "$url" >"$f"
				if grep -q 'Non-2xx' "$f"; then cat "$f"; exit 1; fi
				echo "cpu_ticks $(($(ticks "$pid" "$kind") - t0))" >>"$f"
			done
		done
		for name in ${OLD:+old} new; do
			b=$(cat "$work/$kind-$name.url")
			create_lua "$kind" "$name"
			# DUR pairs of one second each: the disk, then the creates (the disk's rate swings
			# with the other users of the machine: each create figure has its own probe);
			# and the server's CPU time over the creates
			pid=$(cat "$work/$kind-$name.pid")
			: >"$OUT/speed-$kind-create-$name-$r.txt"
			for i in $(seq "$DUR"); do
				fs=$(fsync_rate "$work" 1)
				t0=$(ticks "$pid" "$kind")
				wrk -t1 -c1 -d1s -s "$work/create.lua" "$b/api/notices" >"$work/c.txt"
				t1=$(ticks "$pid" "$kind")
				if grep -q 'Non-2xx' "$work/c.txt"; then cat "$work/c.txt"; exit 1; fi
				n=$(awk '/requests in/ {print $1}' "$work/c.txt")
				echo "$fs $(rate "$work/c.txt") $n $((t1 - t0))" >>"$OUT/speed-$kind-create-$name-$r.txt"
			done
		done
	done
	echo "round $r done: $(uptime)"
done
echo "uptime: $(uptime)" | tee -a "$OUT/speed-uptime.txt"

# medians over the rounds, and of each round's ratios
python3 - "$OUT" "$ROUNDS" "$DBS" "$servers" <<'EOF'
import re, statistics, sys
out, rounds, dbs, servers = sys.argv[1], int(sys.argv[2]), sys.argv[3].split(), sys.argv[4].split()
def rate(kind, what, name, r):
    t = open(f'{out}/speed-{kind}-{what}-{name}-{r}.txt').read()
    return float(re.search(r'Requests/sec:\s+([\d.]+)', t).group(1))
def cpu_us(kind, what, name):  # µs of CPU per request over the rounds (server and database)
    ticks = reqs = 0
    for r in R:
        t = open(f'{out}/speed-{kind}-{what}-{name}-{r}.txt').read()
        ticks += int(re.search(r'cpu_ticks (\d+)', t).group(1))
        reqs += int(re.search(r'(\d+) requests in', t).group(1))
    return ticks * 1e6 / hz / reqs
def pairs(kind, name):  # (fsyncs/s, creates/s, creates, CPU ticks) of every one-second pair
    rows = []
    for r in R:
        for line in open(f'{out}/speed-{kind}-create-{name}-{r}.txt'):
            fs, cr, n, ticks = line.split()
            rows.append((float(fs), float(cr), int(n), int(ticks)))
    return rows
def create_cpu_us(kind, name):  # µs of CPU per create over every pair
    p = pairs(kind, name)
    return sum(x[3] for x in p) * 1e6 / hz / sum(x[2] for x in p)
med = lambda xs: statistics.median(xs)
R = range(1, rounds + 1)
hz = 100  # clock ticks per second (/proc/PID/stat)
print(f'medians of {rounds} rounds (requests/s; ratios are the median of each round\'s ratio)')
for kind in dbs:
    for what in ('list', 'task'):
        n = med([rate(kind, what, 'nginx', r) for r in R])
        cells = []
        for name in servers:
            k = med([rate(kind, what, name, r) for r in R])
            q = med([rate(kind, what, name, r) / rate(kind, what, 'nginx', r) for r in R])
            cells.append(f'{name} {k:,.0f} ({q:.2f} of nginx, {cpu_us(kind, what, name):,.0f} µs CPU)')
        print(f'{kind:6} {what:6} nginx {n:,.0f}; ' + '; '.join(cells))
    cells = []
    for name in [s for s in servers if 'uncached' not in s]:
        p = pairs(kind, name)
        c, fs = med([x[1] for x in p]), med([x[0] for x in p])
        q = med([x[1] / x[0] for x in p])
        cpu = create_cpu_us(kind, name)
        cells.append(f'{name} {c:,.0f}/s beside {fs:,.0f} fsyncs/s ({q:.2f} of the disk), '
                     f'{cpu:,.0f} µs CPU each')
    print(f'{kind:6} create ' + '; '.join(cells))
if 'sqlite' in dbs and 'pg' in dbs:
    for name in servers:
        whats = ('list', 'task') if 'uncached' in name else ('list', 'task', 'create')
        cells = []
        for what in whats:
            if what == 'create':
                q = med([x[1] for x in pairs('sqlite', name)]) / med([x[1] for x in pairs('pg', name)])
                cpu = create_cpu_us('pg', name) / create_cpu_us('sqlite', name)
            else:
                q = med([rate('sqlite', what, name, r) / rate('pg', what, name, r) for r in R])
                cpu = cpu_us('pg', what, name) / cpu_us('sqlite', what, name)
            cells.append(f'{what} {q:.2f}x (CPU {cpu:.2f}x)')
        print(f'SQLite / PostgreSQL, {name}: ' + ', '.join(cells))
EOF
