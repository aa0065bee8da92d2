#!/usr/bin/env bash
# Benchmark of issue 14 at a province's size: 100 zones, 50,000 people on their rosters, one
# assessment class of the 100 zones; times (median and largest of 5 runs, on loopback) the
# assessment of every zone, its results, publication, every zone's pool and the what-if over
# the grade coefficients (bench/assess.js says what each is), with the CPU each took in the
# server (and, on PostgreSQL, in its backends). On SQLite or a throwaway
# PostgreSQL cluster. The machine is shared: the load average is printed with the figures;
# docs/PERFORMANCE.md records them.
#   bench/assess.sh [sqlite|pg] [RUNS]   (needs a release build: make build; BIN=… for another)
set -euo pipefail
cd "$(dirname "$0")/.."
KIND=${1:-sqlite}
RUNS=${2:-5}
. bench/lib.sh
bench_db bench
# assess.js counts the cluster's CPU with the server's
[ "$KIND" != pg ] || export KFQ_BENCH_PG_PID_FILE=$work/pg/data/postmaster.pid
echo "== $KIND, $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
node bench/assess.js "$BIN" "$db" "$RUNS"
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
