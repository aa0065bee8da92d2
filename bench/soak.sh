#!/usr/bin/env bash
# Soak: 2,000 connections on loopback for a bounded time (default 5 minutes, at most 10):
# header tricklers (60 %), body tricklers (15 %), readers of GET /api/orgs over kept-alive
# connections, once a second each (22 %), uploaders of evidence files (1 %) and strangers
# sending 20 MiB uploads without a session (2 %), from many loopback addresses, against the
# release build with its default limits. Two probes, in a process of their own, time
# GET /healthz and a signed-in GET /api/orgs on new connections every 50 ms; the server's
# resident memory is sampled every 2 s. The machine's load (uptime) goes with the figures:
# others may share it.
#   bench/soak.sh [SECONDS] [CONNS]      (release build: make build; BIN=… for another)
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-300}
CONNS=${2:-2000}
[ "$SECS" -le 600 ] || { echo "soak: at most 600 seconds" >&2; exit 2; }
# the clients and the server each hold a descriptor per connection
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
. bench/lib.sh
bench_db bench
bench_migrate
bench_users "office 市商务局 office" "zone 抚顺经济开发区（示例） zone"
bench_serve kfq
bench_login office
office=$cookie
bench_login zone
zone=$cookie zcsrf=$csrf
echo 5 >"/proc/$pid/clear_refs" # the logins' argon2id hashes are not part of the soak

(while kill -0 "$pid" 2>/dev/null; do
	echo "$(date +%s) $(kb VmRSS)"
	sleep 2
done) >"$work/rss.txt" &
echo $! >"$work/rss.pid"

{
	echo "== $(date -u +%Y-%m-%dT%H:%M:%SZ) soak ${SECS}s, $CONNS connections, $BIN"
	echo "uptime before: $(uptime)"
} | tee "$OUT/soak.txt"
node bench/clients.js probe "$port" "$SECS" "$office" >"$work/probe.json" &
echo $! >"$work/probe.pid"
node bench/clients.js soak "$port" "$SECS" "$CONNS" "$office" "$zone" "$zcsrf" >"$work/soak.json"
wait "$(cat "$work/probe.pid")"
rm -f "$work/probe.pid"
echo "uptime after: $(uptime)" | tee -a "$OUT/soak.txt"
curl -fs "$base/metrics" | grep -E '^kfq_http_(connections|body_memory)|^kfq_login' >"$work/metrics.txt" || true
kill "$(cat "$work/rss.pid")" 2>/dev/null || true
hwm=$(kb VmHWM)
python3 - "$work/soak.json" "$work/rss.txt" "$hwm" "$work/probe.json" <<'PY' | tee -a "$OUT/soak.txt"
import json, sys
r = json.load(open(sys.argv[1]))
r.update(json.load(open(sys.argv[4])))
rss = [int(l.split()[1]) for l in open(sys.argv[2]) if len(l.split()) == 2]
third = max(1, len(rss) // 3)
def fmt(p):
    return "p50 %.1f ms, p99 %.1f ms, max %.1f ms over %d answers; failures %s" % (
        p["p50"], p["p99"], p["max"], p["n"], p["fails"] or "none")
print("kinds:", r["kinds"])
print("GET /healthz (new connection every 50 ms):", fmt(r["healthz"]))
print("GET /api/orgs signed in (new connection every 50 ms):", fmt(r["read"]))
for k, c in r["counts"].items():
    print("%s: connections %d, answers %s" % (k, c["opened"], c["answers"]))
print("resident memory (kB): first third max %d, last third max %d, min %d, max %d, peak VmHWM %s"
      % (max(rss[:third]), max(rss[-third:]), min(rss), max(rss), sys.argv[3]))
print("resident memory by minute (max kB):", [max(rss[i:i + 30]) for i in range(0, len(rss), 30)])
for name in ("healthz", "read"):
    by = {}
    for sec, ms in r[name]["slow"]:
        by[sec // 60] = by.get(sec // 60, 0) + 1
    print("%s answers over 100 ms by minute:" % name, [by.get(m, 0) for m in range((r["seconds"] + 59) // 60)])
PY
cat "$work/metrics.txt" | tee -a "$OUT/soak.txt"
