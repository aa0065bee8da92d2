#!/usr/bin/env bash
# Benchmark: memory under uploads that never finish. 60 connections each send a 20 MiB
# POST /api/evidence except its last byte and hold it: first without a session (a stranger),
# then as a signed-in zone user (accepted uploads, received into temporary files). Records the
# server's resident memory before, during (VmRSS) and its peak (VmHWM). Loopback only; the
# machine's load (uptime) goes with the figures, since others may share it.
#   bench/exhaust.sh [CONNS]        (release build: make build; KFQ_BIN=… for another binary)
set -euo pipefail
cd "$(dirname "$0")/.."
CONNS=${1:-60}
BIN=${KFQ_BIN:-$PWD/build/kfq}
OUT=$PWD/bench/out
mkdir -p "$OUT"
work=$(mktemp -d)
trap 'kill $(cat "$work"/*.pid 2>/dev/null) 2>/dev/null; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
kb() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$(cat "$work/kfq.pid")/status"; }

db=$work/bench.db
"$BIN" migrate --db "$db" >/dev/null
"$BIN" org import --db "$db" data/demo/orgs.tsv >/dev/null
echo 'Bench#Passw0rd' | "$BIN" user add --db "$db" --username zone --org '抚顺经济开发区（示例）' \
	--role zone --password-stdin >/dev/null
port=$(free_port)
base=http://127.0.0.1:$port
"$BIN" serve --db "$db" --listen 127.0.0.1:$port --no-access-log >"$work/serve.out" 2>"$work/serve.err" &
echo $! >"$work/kfq.pid"
for _ in $(seq 100); do curl -fs "$base/healthz" >/dev/null && break; sleep 0.05; done
login=$(curl -s -D - -H "Origin: $base" -H 'Content-Type: application/json' \
	-d '{"username":"zone","password":"Bench#Passw0rd"}' "$base/api/session")
cookie=$(sed -n 's/^Set-Cookie: \(kfq_session=[^;]*\).*/\1/p' <<<"$login")
csrf=$(sed -n 's/.*"csrf_token":"\([^"]*\)".*/\1/p' <<<"$login")
# the login's argon2id hash took 64 MiB for a moment: start the peak from here
echo 5 >"/proc/$(cat "$work/kfq.pid")/clear_refs"

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
