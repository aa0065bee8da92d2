#!/usr/bin/env bash
# Benchmark: authenticated GET /api/orgs (the demo's 27 organizations as JSON) on SQLite with
# wrk (2 threads, 16 connections), against nginx serving the same JSON as a static file in the
# same run; the server's resident memory; start-up to first answer (hyperfine).
# Results go to bench/out/ and are summarised on stdout; docs/PERFORMANCE.md records them.
#   bench/orgs.sh [DURATION_SECONDS]   (needs a release build: make build; BIN=… for another)
set -euo pipefail
cd "$(dirname "$0")/.."
DUR=${1:-10}
. bench/lib.sh
bench_db bench
bench_migrate
bench_users "bench 市商务局 office"
bench_serve kfq
bench_login bench
curl -fs -H "Cookie: $cookie" "$base/api/orgs" >"$work/orgs.json"
echo "response: $(wc -c <"$work/orgs.json") bytes"

echo "== kfq GET /api/orgs (wrk -t2 -c16 -d${DUR}s --latency)"
wrk -t2 -c16 -d"${DUR}s" --latency -H "Cookie: $cookie" "$base/api/orgs" | tee "$OUT/kfq-orgs.txt"
rss=$(kb VmRSS)
hwm=$(kb VmHWM)
echo "kfq resident memory after the run: ${rss} kB (peak ${hwm} kB)" | tee "$OUT/kfq-rss.txt"

echo "== nginx, the same JSON as a static file"
mkdir -p "$work/www"
cp "$work/orgs.json" "$work/www/orgs.json"
nport=$(nginx_start "$work")
wrk -t2 -c16 -d"${DUR}s" --latency "http://127.0.0.1:$nport/orgs.json" | tee "$OUT/nginx-orgs.txt"
kill "$(cat "$work/nginx.pid")" 2>/dev/null || true

k=$(awk '/Requests\/sec/ {print $2}' "$OUT/kfq-orgs.txt")
n=$(awk '/Requests\/sec/ {print $2}' "$OUT/nginx-orgs.txt")
echo "kfq/nginx throughput ratio: $(python3 -c "print(round($k/$n, 2))")" | tee "$OUT/ratio.txt"
kill "$pid"
wait "$pid" 2>/dev/null || true

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
