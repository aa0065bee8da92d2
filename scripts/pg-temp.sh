#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests, in a temporary directory on a free loopback
# port, run as a non-root user when we are root (PostgreSQL refuses to run as root).
#   scripts/pg-temp.sh start DIR   -> prints the server URL (postgresql://...) on stdout
#   scripts/pg-temp.sh stop DIR
#   scripts/pg-temp.sh down DIR    -> stops the server (fast shutdown), keeps the cluster
#   scripts/pg-temp.sh up DIR      -> starts it again on the same port
#   scripts/pg-temp.sh socket DIR  -> prints the URL of the same server over its Unix socket in
#                                     DIR (no TCP: cheaper round trips for benchmarks)
set -euo pipefail
cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop|down|up|socket DIR" >&2; exit 2; }

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bindir/initdb" ] || { echo "pg-temp: PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }

as_pg() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

server_start() { # on the port in DIR/port
	as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
		-o "-c listen_addresses=127.0.0.1 -c port=$(cat "$dir/port") -c unix_socket_directories=$dir -c fsync=on -c max_connections=200 -c random_page_cost=1.1" \
		start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
}

case "$cmd" in
start)
	mkdir -p "$dir"
	if [ "$(id -u)" -eq 0 ]; then
		chown postgres "$dir"
		# the postgres user must be able to reach DIR through its (mktemp, 0700) parent
		chmod o+x "$(dirname "$dir")"
	fi
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
	as_pg "$bindir/initdb" -D "$dir/data" -U kfq --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
		{ cat "$dir/initdb.log" >&2; exit 1; }
	echo "$port" >"$dir/port"
	server_start
	echo "postgresql://kfq@127.0.0.1:$port/postgres"
	;;
stop)
	[ -d "$dir/data" ] && as_pg "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
	rm -rf "$dir"
	;;
down)
	as_pg "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
	;;
up)
	server_start
	;;
socket)
	echo "postgresql://kfq@/postgres?host=$dir&port=$(cat "$dir/port")"
	;;
*)
	echo "usage: $0 start|stop|down|up|socket DIR" >&2; exit 2 ;;
esac
