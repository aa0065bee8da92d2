#!/usr/bin/env bash
# Benchmark of issue 14 at a province's size: 100 zones, 50,000 people on their rosters, one
# assessment class of the 100 zones; times (median and largest of 5 runs, on loopback) the
# assessment of every zone, its results, publication, every zone's pool and the what-if over
# the grade coefficients (bench/assess.js says what each is), with the CPU each took in the
# server (and, on PostgreSQL, in its backends). On SQLite or a throwaway
# PostgreSQL cluster. The machine is shared: the load average is printed with the figures;
# docs/PERFORMANCE.md records them.
#   bench/assess.sh [sqlite|pg] [RUNS]   (needs a release build: ninja -C build)
set -euo pipefail
cd "$(dirname "$0")/.."
KIND=${1:-sqlite}
RUNS=${2:-5}
BIN=${KFQ_BIN:-$PWD/build/kfq}
work=$(mktemp -d)
trap '[ "$KIND" = pg ] && scripts/pg-temp.sh stop "$work/pg" >/dev/null 2>&1; rm -rf "$work"' EXIT
if [ "$KIND" = pg ]; then
	url=$(scripts/pg-temp.sh start "$work/pg")
	psql "$url" -qc 'CREATE DATABASE kfq_bench' >/dev/null
	db=${url%/postgres}/kfq_bench
	export KFQ_BENCH_PG_PID_FILE=$work/pg/data/postmaster.pid
else
	db=$work/bench.db
fi
echo "== $KIND, $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
node bench/assess.js "$BIN" "$db" "$RUNS"
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
