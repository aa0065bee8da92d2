# lib.sh - the set-up the benchmarks in bench/ share, so that each script holds only what it
# measures. Sourced after `cd` to the repository and after the script has read its arguments
# ($KIND, sqlite or pg, chooses the engine where a script runs on both; SQLite otherwise).
# It sets:
#   BIN       the kfq binary: $BIN, else $KFQ_BIN (older command lines use either name), else
#             build/kfq, the release build of `make build`;
#   OUT       bench/out, where the scripts leave their raw figures;
#   work      a temporary directory, removed at exit with all that was started in it: each
#             background process writes its pid to $work/NAME.pid (or $work/DIR/NAME.pid), the
#             throwaway PostgreSQL cluster lives in $work/pg, and a script that keeps something
#             at exit defines bench_at_exit, run once the processes have stopped;
#   BENCH_PW  the password of every account made here;
#   $work/kfq.conf  the evidence files in $work/files whatever the engine (on PostgreSQL kfq
#             would keep them in ./var of the repository), for `kfq serve` and the imports.
BIN=${BIN:-${KFQ_BIN:-$PWD/build/kfq}}
OUT=$PWD/bench/out
mkdir -p "$OUT"
work=$(mktemp -d)
BENCH_PW='Bench#Passw0rd1'
echo "data_dir = $work/files" >"$work/kfq.conf"

bench_exit() {
	# (every step may fail: under set -e a failing kill of a process already gone made a script
	# exit 1 after a good run)
	# shellcheck disable=SC2046 # a pid a file, each its own word
	kill $(cat "$work"/*.pid "$work"/*/*.pid 2>/dev/null) 2>/dev/null || true
	wait 2>/dev/null || true
	if [ -d "$work/pg" ]; then scripts/pg-temp.sh stop "$work/pg" >/dev/null 2>&1 || true; fi
	if declare -F bench_at_exit >/dev/null; then bench_at_exit || true; fi
	rm -rf "$work"
}
trap bench_exit EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# bench_db NAME: sets db to a new, empty database NAME: on PostgreSQL ($KIND = pg) in the
# throwaway cluster, started by the first call (PGURL is its server), reached over loopback TCP
# or, with PG_SOCKET=1, over the cluster's Unix socket; else the file $work/NAME.db
bench_db() {
	if [ "${KIND:-sqlite}" = pg ]; then
		[ -n "${PGURL:-}" ] || PGURL=$(scripts/pg-temp.sh start "$work/pg")
		psql -X -q "$PGURL" -c "CREATE DATABASE $1" >/dev/null
		db=${PGURL%/postgres}/$1
		[ -z "${PG_SOCKET:-}" ] || db="postgresql://kfq@/$1?host=$work/pg&port=$(cat "$work/pg/port")"
	else
		db=$work/$1.db
	fi
}

# sql [SQL]: runs SQL (the argument, else stdin) on $db, stopping at the first error; prints nothing
sql() {
	if [ "${KIND:-sqlite}" = pg ]; then
		psql -X -q -v ON_ERROR_STOP=1 "$db" ${1:+-c "$1"} >/dev/null
	else
		sqlite3 -bail "$db" "$@" >/dev/null
	fi
}

# query [SQL]: the rows SQL (the argument, else stdin) answers on $db, fields separated by |
query() {
	if [ "${KIND:-sqlite}" = pg ]; then
		psql -X -q -A -t -v ON_ERROR_STOP=1 "$db" ${1:+-c "$1"}
	else
		sqlite3 -bail "$db" "$@"
	fi
}

# bench_migrate [ORGS.tsv]: the schema in $db and the organizations (the demo's by default)
bench_migrate() {
	"$BIN" migrate --db "$db" >/dev/null
	"$BIN" org import --db "$db" "${1:-data/demo/orgs.tsv}" >/dev/null
}

# bench_users "NAME ORG ROLE"...: accounts in $db, each with the password $BENCH_PW
bench_users() {
	local u name org role
	for u in "$@"; do
		read -r name org role <<<"$u"
		echo "$BENCH_PW" | "$BIN" user add --db "$db" --username "$name" --org "$org" --role "$role" \
			--password-stdin >/dev/null
	done
}

# bench_grant ORG CAPABILITY: the capability given to the organization in $db by SQL (set-up,
# not a grant the office makes: no policy article, no audit record)
bench_grant() {
	sql "INSERT INTO org_capability (org_id, capability, granted_by_name, granted_at, note)
	     SELECT id, '$2', 'cli:bench', '2026-01-01T00:00:00Z', 'bench' FROM org WHERE name = '$1'"
}

# bench_serve NAME [SERVE ARGS…]: `kfq serve` on $db and a free loopback port, its pid in
# $work/NAME.pid, its output in $work/NAME.out and .err; sets port, base and pid once it answers
# /healthz (a server that does not within 10 s stops the benchmark with its errors)
bench_serve() {
	local name=$1
	shift
	port=$(free_port)
	base=http://127.0.0.1:$port
	"$BIN" serve --db "$db" --config "$work/kfq.conf" --listen "127.0.0.1:$port" --no-access-log "$@" \
		>"$work/$name.out" 2>"$work/$name.err" &
	pid=$!
	echo "$pid" >"$work/$name.pid"
	for _ in $(seq 200); do
		curl -fs "$base/healthz" >/dev/null && return 0
		sleep 0.05
	done
	echo "bench: the server $name did not answer /healthz:" >&2
	cat "$work/$name.err" >&2
	exit 1
}

# bench_login NAME: signs NAME in (password $BENCH_PW) on $base; sets cookie and csrf
bench_login() {
	curl -s -D "$work/login.h" -o "$work/login.json" -H "Origin: $base" -H 'Content-Type: application/json' \
		-d "{\"username\":\"$1\",\"password\":\"$BENCH_PW\"}" "$base/api/session"
	cookie=$(sed -n 's/^Set-Cookie: \(kfq_session=[^;]*\).*/\1/p' "$work/login.h")
	csrf=$(sed -n 's/.*"csrf_token":"\([^"]*\)".*/\1/p' "$work/login.json")
	if [ -z "$cookie" ] || [ -z "$csrf" ]; then
		echo "bench: $1 could not sign in: $(cat "$work/login.json")" >&2
		exit 1
	fi
}

# kb NAME: the resident memory figure NAME (VmRSS, VmHWM) of the server ($pid), in kB
kb() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$pid/status"; }

# nginx_start DIR: nginx serving DIR/www (as application/json) on a free loopback port, its pid
# in DIR/nginx.pid; prints the port
nginx_start() {
	local d=$1 port
	port=$(free_port)
	mkdir -p "$d/nginx"
	# nginx workers run as www-data when started as root: let them read the files
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
