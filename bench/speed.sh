#!/usr/bin/env bash
# Benchmark for the paths where kfq lagged (issue 8, "speed where it lags"), on the demo data
# (288 milestones) and on SQLite and PostgreSQL in the same run:
#   - the JSON list of 100 milestones and one task by id, each against nginx serving the same
#     bytes as a static file with the same wrk settings (-t2 -c16), right after kfq;
#   - sequential durable creates: one 督办单 per request (with its audit record and inbox
#     items in the same transaction), one connection (wrk -t1 -c1), beside the rate at which
#     the same disk takes a 4 KiB write + fsync, measured right before;
#   - with OLD=… another kfq binary measured the same way right before BIN, for before/after.
# A list is measured twice: as repeated (the answer cache serves it) and with the answer cache
# off (--answer-cache-mb 0: every request runs the queries), which is what the first reader
# after each write pays. Figures go to docs/PERFORMANCE.md with `uptime`.
#   bench/speed.sh [DURATION_SECONDS]   (BIN=… default build/kfq; OLD=…; DBS="sqlite pg")
set -euo pipefail
cd "$(dirname "$0")/.."
DUR=${1:-5}
BIN=${BIN:-$PWD/build/kfq}
OLD=${OLD:-}
DBS=${DBS:-sqlite pg}
OUT=$PWD/bench/out
mkdir -p "$OUT"
work=$(mktemp -d)
cleanup() {
	for f in "$work"/*.pid; do [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null; done
	[ -d "$work/pg" ] && scripts/pg-temp.sh stop "$work/pg"
	rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
field() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
rate() { awk '/Requests\/sec/ {print $2}' "$1"; }
ratio() { python3 -c "print(round($1 / $2, 2))"; }

# 4 KiB write + fsync, appended to a file in DIR, for SECONDS: fsyncs per second
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

nginx_start() { # DIR: serves DIR/www on a free port; prints the port
	local d=$1 port
	port=$(free_port)
	mkdir -p "$d/nginx"
	chmod o+rx "$work" "$d" "$d/www"
	chmod o+r "$d"/www/*
	cat >"$d/nginx.conf" <<NGX
worker_processes 2;
pid $d/nginx.pid;
error_log $d/nginx/error.log;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $d/nginx; proxy_temp_path $d/nginx;
    fastcgi_temp_path $d/nginx; uwsgi_temp_path $d/nginx; scgi_temp_path $d/nginx;
    server { listen 127.0.0.1:$port; root $d/www;
             location / { default_type application/json; } }
}
NGX
	nginx -c "$d/nginx.conf" -p "$d"
	sleep 0.3
	echo "$port"
}

# measure KIND NAME BINARY DB [SERVE ARGS…]: one server, its figures in $OUT/KIND-NAME-*.txt
measure() {
	local kind=$1 name=$2 bin=$3 db=$4
	shift 4
	local port b cookie csrf task org list
	port=$(free_port)
	"$bin" serve --db "$db" --listen 127.0.0.1:$port --no-access-log --threads 2 \
		--audit-checkpoint-interval 0 "$@" >"$work/serve.out" 2>"$work/serve.err" &
	echo $! >"$work/kfq.pid"
	b=http://127.0.0.1:$port
	for _ in $(seq 200); do curl -fs "$b/healthz" >/dev/null && break; sleep 0.05; done
	curl -s -D "$work/h" -H "Origin: $b" -H 'Content-Type: application/json' \
		-d '{"username":"bench","password":"Bench#Passw0rd"}' "$b/api/session" >"$work/login.json"
	cookie=$(sed -n 's/^Set-Cookie: \(kfq_session=[^;]*\).*/\1/p' "$work/h")
	csrf=$(field 'd["csrf_token"]' <"$work/login.json")
	list="$b/api/milestones?page_size=100"
	mkdir -p "$work/$kind/www"
	curl -fs -H "Cookie: $cookie" "$list" >"$work/$kind/www/list.json"
	task=$(curl -fs -H "Cookie: $cookie" "$b/api/tasks?article=4" | field 'd["items"][0]["id"]')
	curl -fs -H "Cookie: $cookie" "$b/api/tasks/$task" >"$work/$kind/www/task.json"
	org=$(curl -fs -H "Cookie: $cookie" "$b/api/orgs?q=%E6%8A%9A%E9%A1%BA%E7%BB%8F%E6%B5%8E" | field 'd["items"][0]["id"]')
	echo "$kind $name: list $(wc -c <"$work/$kind/www/list.json") bytes, task $(wc -c <"$work/$kind/www/task.json") bytes"
	for what in list task; do
		url=$list
		[ $what = task ] && url=$b/api/tasks/$task
		wrk -t2 -c16 -d"${DUR}s" --latency -H "Cookie: $cookie" "$url" >"$OUT/$kind-$name-$what.txt"
		grep -q 'Non-2xx' "$OUT/$kind-$name-$what.txt" && { cat "$OUT/$kind-$name-$what.txt"; exit 1; }
		echo "  $what: $(rate "$OUT/$kind-$name-$what.txt") req/s"
	done
	if [ "${CREATES:-1}" = 1 ]; then
		due=$(date -u -d '+8 hours +30 days' +%Y-%m-%d)
		cat >"$work/create.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Origin"] = "$b"
wrk.headers["X-CSRF-Token"] = "$csrf"
wrk.headers["Cookie"] = "$cookie"
wrk.body = '{"org_id":$org,"task_id":$task,"subject":"压测督办","body":"请按期报送推进情况。","reply_due":"$due"}'
LUA
		echo "  fsync (4 KiB write + fsync, the database's disk): $(fsync_rate "$work" 3 | tee "$OUT/$kind-$name-fsync.txt")/s"
		wrk -t1 -c1 -d"${DUR}s" -s "$work/create.lua" "$b/api/notices" >"$OUT/$kind-$name-create.txt"
		grep -q 'Non-2xx' "$OUT/$kind-$name-create.txt" && { cat "$OUT/$kind-$name-create.txt"; exit 1; }
		echo "  sequential creates: $(rate "$OUT/$kind-$name-create.txt")/s"
	fi
	kill "$(cat "$work/kfq.pid")"
	wait "$(cat "$work/kfq.pid")" 2>/dev/null || true
	rm -f "$work/kfq.pid"
}

echo "uptime: $(uptime)" | tee "$OUT/speed-uptime.txt"
for kind in $DBS; do
	if [ "$kind" = pg ]; then
		url=$(scripts/pg-temp.sh start "$work/pg")
		psql -q "$url" -c 'CREATE DATABASE bench' >/dev/null
		db=${url%/postgres}/bench
	else
		db=$work/bench.db
	fi
	"$BIN" migrate --db "$db" >/dev/null
	"$BIN" org import --db "$db" data/demo/orgs.tsv >/dev/null
	"$BIN" demo --db "$db" >/dev/null
	echo 'Bench#Passw0rd' | "$BIN" user add --db "$db" --username bench --org 市商务局 --role office --password-stdin >/dev/null
	[ -n "$OLD" ] && measure "$kind" old "$OLD" "$db"
	measure "$kind" new "$BIN" "$db"
	[ "${UNCACHED:-1}" = 1 ] && CREATES=0 measure "$kind" uncached "$BIN" "$db" --answer-cache-mb 0
	nport=$(nginx_start "$work/$kind")
	for what in list task; do
		wrk -t2 -c16 -d"${DUR}s" --latency "http://127.0.0.1:$nport/$what.json" >"$OUT/$kind-nginx-$what.txt"
		n=$(rate "$OUT/$kind-nginx-$what.txt")
		echo "  nginx $what (same bytes): $n req/s; kfq/nginx $(ratio "$(rate "$OUT/$kind-new-$what.txt")" "$n")"
	done
	kill "$(cat "$work/$kind/nginx.pid")" 2>/dev/null || true
done
echo "uptime: $(uptime)" | tee -a "$OUT/speed-uptime.txt"
