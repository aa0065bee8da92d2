# cpu.sh - CPU seconds for the benchmarks on a shared machine, where wall time is mostly waiting
# for a core. Sourced after bench/lib.sh by bench/money.sh, bench/mujun.sh and bench/relocate.sh.

# The CPU seconds a PostgreSQL cluster (data directory $1, as scripts/pg-temp.sh makes it) has
# used: the postmaster, its children and those it reaped. A backend's time is counted once it
# has exited.
pg_cluster_cpu() {
	local pm
	pm=$(head -1 "$1/postmaster.pid")
	{
		cat "/proc/$pm/stat"
		for p in $(ps --ppid "$pm" -o pid=); do cat "/proc/$p/stat" 2>/dev/null || true; done
	} | sed 's/^.*) //' | awk -v t="$(getconf CLK_TCK)" \
		'{ s += $12 + $13 } NR == 1 { s += $14 + $15 } END { printf "%.2f\n", s / t }'
}

# The CPU seconds process $1 has used itself.
process_cpu() {
	sed 's/^.*) //' "/proc/$1/stat" | awk -v t="$(getconf CLK_TCK)" '{ printf "%.2f\n", ($12 + $13) / t }'
}

# The CPU seconds of the server bench_serve started ($pid).
kfq_cpu() { process_cpu "${pid:?}"; }

# The CPU seconds of the database server: on PostgreSQL the throwaway cluster of bench/lib.sh,
# on SQLite none (its work is done in kfq's own threads).
server_cpu() {
	if [ "${KIND:-sqlite}" = pg ]; then pg_cluster_cpu "${work:?}/pg/data"; else echo 0; fi
}
