#!/usr/bin/env bash
# Benchmark: memory under uploads that never finish. 60 connections each send a 20 MiB
# POST /api/evidence except its last byte and hold it: first without a session (a stranger),
# then as a signed-in zone user (accepted uploads, received into temporary files). Records the
# server's resident memory before, during (VmRSS) and its peak (VmHWM). Loopback only; the
# machine's load (uptime) goes with the figures, since others may share it.
#   bench/exhaust.sh [CONNS]        (release build: make build; BIN=… for another binary)
set -euo pipefail
cd "$(dirname "$0")/.."
CONNS=${1:-60}
. bench/lib.sh
bench_db bench
bench_migrate
bench_users "zone 抚顺经济开发区（示例） zone"
bench_serve kfq
bench_login zone
# the login's argon2id hash took 64 MiB for a moment: start the peak from here
echo 5 >"/proc/$pid/clear_refs"

{
	echo "== $(date -u +%Y-%m-%dT%H:%M:%SZ) $BIN"
	echo "uptime: $(uptime)"
	echo "before: VmRSS $(kb VmRSS) kB"
} | tee "$OUT/exhaust.txt"

attack() { # label [cookie csrf]
	local label=$1
	shift
	node bench/clients.js hold "$port" "$CONNS" $((20 * 1024 * 1024)) "$@" >"$work/hold.out" 2>"$work/hold.err" &
	echo $! >"$work/hold.pid"
	# the clients print one line once every byte but the last is sent (or refused)
	for _ in $(seq 1200); do [ -s "$work/hold.out" ] && break; sleep 0.25; done
	sleep 2
	{
		echo "$label: $(cat "$work/hold.out")"
		echo "$label: while held VmRSS $(kb VmRSS) kB, peak VmHWM $(kb VmHWM) kB"
	} | tee -a "$OUT/exhaust.txt"
	kill "$(cat "$work/hold.pid")" 2>/dev/null || true
	wait "$(cat "$work/hold.pid")" 2>/dev/null || true
	rm -f "$work/hold.pid"
	sleep 1
	echo "$label: after VmRSS $(kb VmRSS) kB" | tee -a "$OUT/exhaust.txt"
}

attack "without a session"
attack "signed in" "$cookie" "$csrf"
