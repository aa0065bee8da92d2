# lib.sh - what bench/exhaust.sh and bench/soak.sh share: a temporary directory removed at
# exit with whatever was started (each writes its pid to $work/NAME.pid), a server on a fresh
# SQLite database with the demo organizations and the given accounts, and signing in.
# Sourced, after `cd` to the repository; sets BIN, OUT, work, port, base, pid.
BIN=${KFQ_BIN:-$PWD/build/kfq}
OUT=$PWD/bench/out
mkdir -p "$OUT"
work=$(mktemp -d)
trap 'kill $(cat "$work"/*.pid 2>/dev/null) 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
BENCH_PW='Bench#Passw0rd1'

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# bench_serve "NAME ORG ROLE"...: the database, its accounts (password $BENCH_PW) and the
# server, answering on $base once this returns
bench_serve() {
	local db=$work/bench.db u
	"$BIN" migrate --db "$db" >/dev/null
	"$BIN" org import --db "$db" data/demo/orgs.tsv >/dev/null
	for u in "$@"; do
		set -- $u
		echo "$BENCH_PW" | "$BIN" user add --db "$db" --username "$1" --org "$2" --role "$3" \
			--password-stdin >/dev/null
	done
	port=$(free_port)
	base=http://127.0.0.1:$port
	"$BIN" serve --db "$db" --listen "127.0.0.1:$port" --no-access-log >"$work/serve.out" \
		2>"$work/serve.err" &
	pid=$!
	echo $pid >"$work/kfq.pid"
	for _ in $(seq 100); do curl -fs "$base/healthz" >/dev/null && break; sleep 0.05; done
}

# bench_login NAME -> "COOKIE CSRF"
bench_login() {
	local r
	r=$(curl -s -D - -H "Origin: $base" -H 'Content-Type: application/json' \
		-d "{\"username\":\"$1\",\"password\":\"$BENCH_PW\"}" "$base/api/session")
	echo "$(sed -n 's/^Set-Cookie: \(kfq_session=[^;]*\).*/\1/p' <<<"$r")" \
		"$(sed -n 's/.*"csrf_token":"\([^"]*\)".*/\1/p' <<<"$r")"
}

# The resident memory figure NAME (VmRSS, VmHWM) of the server, in kB.
kb() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$pid/status"; }
