#!/usr/bin/env bash
# Benchmark: authenticated GET /api/orgs (the demo's 27 organizations as JSON) on SQLite with
# wrk (2 threads, 16 connections), against nginx serving the same JSON as a static file in the
# same run; the server's resident memory; start-up to first answer (hyperfine).
# Results go to bench/out/ and are summarised on stdout; docs/PERFORMANCE.md records them.
#   bench/orgs.sh [DURATION_SECONDS]   (needs a release build: ninja -C build; KFQ_BIN=… for another)
set -euo pipefail
cd "$(dirname "$0")/.."
DUR=${1:-10}
BIN=${KFQ_BIN:-$PWD/build/kfq}
OUT=$PWD/bench/out
mkdir -p "$OUT"
work=$(mktemp -d)
trap 'kill $(cat "$work"/*.pid 2>/dev/null) 2>/dev/null; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

db=$work/bench.db
"$BIN" migrate --db "$db" >/dev/null
"$BIN" org import --db "$db" data/demo/orgs.tsv >/dev/null
echo 'Bench#Passw0rd' | "$BIN" user add --db "$db" --username bench --org 市商务局 --role office --password-stdin >/dev/null
port=$(free_port)
"$BIN" serve --db "$db" --listen 127.0.0.1:$port --no-access-log >"$work/serve.out" 2>"$work/serve.err" &
echo $! >"$work/kfq.pid"
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.05; done
base=http://127.0.0.1:$port
cookie=$(curl -s -D - -o /dev/null -H "Origin: $base" -H 'Content-Type: application/json' \
	-d '{"username":"bench","password":"Bench#Passw0rd"}' "$base/api/session" |
	sed -n 's/^Set-Cookie: \(kfq_session=[^;]*\).*/\1/p')
curl -fs -H "Cookie: $cookie" "$base/api/orgs" >"$work/orgs.json"
echo "response: $(wc -c <"$work/orgs.json") bytes"

echo "== kfq GET /api/orgs (wrk -t2 -c16 -d${DUR}s --latency)"
wrk -t2 -c16 -d"${DUR}s" --latency -H "Cookie: $cookie" "$base/api/orgs" | tee "$OUT/kfq-orgs.txt"
rss=$(awk '/VmRSS/ {print $2}' /proc/$(cat "$work/kfq.pid")/status)
hwm=$(awk '/VmHWM/ {print $2}' /proc/$(cat "$work/kfq.pid")/status)
echo "kfq resident memory after the run: ${rss} kB (peak ${hwm} kB)" | tee "$OUT/kfq-rss.txt"

echo "== nginx, the same JSON as a static file"
nport=$(free_port)
mkdir -p "$work/www" "$work/nginx"
cp "$work/orgs.json" "$work/www/orgs.json"
# nginx workers run as www-data when started as root: let them read the file
chmod o+rx "$work" "$work/www"
chmod o+r "$work/www/orgs.json"
cat >"$work/nginx.conf" <<NGX
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $work/nginx; proxy_temp_path $work/nginx;
    fastcgi_temp_path $work/nginx; uwsgi_temp_path $work/nginx; scgi_temp_path $work/nginx;
    server { listen 127.0.0.1:$nport; root $work/www;
             location / { default_type application/json; } }
}
NGX
nginx -c "$work/nginx.conf" -p "$work"
sleep 0.3
wrk -t2 -c16 -d"${DUR}s" --latency "http://127.0.0.1:$nport/orgs.json" | tee "$OUT/nginx-orgs.txt"
kill "$(cat "$work/nginx.pid")" 2>/dev/null || true

k=$(awk '/Requests\/sec/ {print $2}' "$OUT/kfq-orgs.txt")
n=$(awk '/Requests\/sec/ {print $2}' "$OUT/nginx-orgs.txt")
echo "kfq/nginx throughput ratio: $(python3 -c "print(round($k/$n, 2))")" | tee "$OUT/ratio.txt"
kill "$(cat "$work/kfq.pid")"
wait "$(cat "$work/kfq.pid")" 2>/dev/null || true

echo "== start to first answer (hyperfine)"
cat >"$work/start.sh" <<EOS
#!/usr/bin/env bash
p=\$1
"$BIN" serve --db "$db" --listen 127.0.0.1:\$p --no-access-log >/dev/null 2>&1 &
pid=\$!
until curl -fs "http://127.0.0.1:\$p/healthz" >/dev/null 2>&1; do sleep 0.002; done
kill \$pid; wait \$pid
EOS
chmod +x "$work/start.sh"
sport=$(free_port)
hyperfine -N --warmup 2 --runs 20 "$work/start.sh $sport" | tee "$OUT/start.txt"
