#!/usr/bin/env bash
# `make test`: every test, on SQLite and on PostgreSQL.
#  0. the test build (clang, sanitizers) and the release build `make run` uses (gcc -O3);
#     lint: clang-format, cppcheck and the include matrix (docs/ARCHITECTURE.md)
#  1. C unit tests (cmocka), built with clang, ASan and UBSan; the web console's helpers'
#     unit tests (node:test, tests/web)
#  2. fuzz smoke: each libFuzzer target replays its corpus and fuzzes a few seconds
#  3. black-box HTTP tests (node:test) against the ASan server, on SQLite
#  4. a throwaway PostgreSQL cluster; the store's C unit tests (meson suite "pg") and the HTTP
#     tests again on it
#  5. browser tests (playwright-core + Debian's chromium), once, on SQLite: the HTTP tests
#     already prove both databases give the same answers
# Steps 1-5 run in lanes side by side where the machine has more than one core (DECISIONS 201):
# the SQLite lane (1, 3), the PostgreSQL lane (4) and the browser lane (2, 5); on two cores the
# SQLite and PostgreSQL lanes are one, run one after the other. Each lane has its own servers,
# databases, ports and logs; the lanes' summaries print in this order once each has ended, so
# the output reads the same whatever finished first. From six cores on, node:test also runs
# several test files of a lane at once (--test-concurrency).
#   KFQ_TEST_JOBS=N   cores to plan for (default: nproc); 1 runs every step one after the other
# Ends with one line "N passed, N failed" over all of them; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
TB=${TBUILD:-build-test}
OUT=test-output
mkdir -p "$OUT"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:halt_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export KFQ_BIN=$PWD/$TB/kfq
JOBS=${KFQ_TEST_JOBS:-$(nproc 2>/dev/null || echo 1)}
# three lanes share the cores; a lane's node:test runs this many test files at once
NODE_JOBS=$((JOBS >= 6 ? JOBS / 3 : 1))

passed=0
failed=0
step_failed=()

count_node() { # adds node:test's "# pass N" / "# fail N" from log $1
	local p f
	p=$(grep -E '^# pass [0-9]+' "$1" | tail -1 | awk '{print $3}')
	f=$(grep -E '^# fail [0-9]+' "$1" | tail -1 | awk '{print $3}')
	passed=$((passed + ${p:-0}))
	failed=$((failed + ${f:-0}))
}

# The failed tests of node:test's log $1 (TAP), at every depth, each with its block (location,
# error, stack; the first 40 lines): the failing subtest, not only its file's top-level test,
# whose line names neither the subtest nor the file.
node_failures() {
	awk '
		/^ *not ok / { pad = substr($0, 1, match($0, /[^ ]/) - 1); print; blk = 1; n = 0; next }
		blk && n == 0 && $0 != pad "  ---" { blk = 0 }
		blk { if (n++ < 40) print; else if (n == 41) print pad "  (more in the log)"; if ($0 == pad "  ...") blk = 0 }
	' "$1"
}

run_node() { # name dir [env...]
	local name=$1 dir=$2
	shift 2
	local log="$OUT/$name.log" start=$SECONDS
	echo "== $name"
	if env "$@" node --test --test-concurrency="$NODE_JOBS" "$dir"/ >"$log" 2>&1; then
		count_node "$log"
		grep -E '^# (tests|pass|fail) ' "$log" | tr '\n' ' '
		echo "($((SECONDS - start)) s)"
	else
		count_node "$log"
		[ "$(grep -cE '^# fail [1-9]' "$log")" -gt 0 ] || failed=$((failed + 1))
		step_failed+=("$name")
		node_failures "$log" | head -200
		grep -E '^# (tests|pass|fail) ' "$log" | tr '\n' ' '
		echo
		echo "   (full log: $log)"
	fi
}

echo "== build ($TB: clang, ASan, UBSan, libFuzzer)"
if [ ! -f "$TB/build.ninja" ]; then
	CC=clang meson setup "$TB" --buildtype=debug -Db_sanitize=address,undefined \
		-Db_lundef=false -Dfuzz=true >"$OUT/setup.log" 2>&1 || { cat "$OUT/setup.log"; exit 1; }
fi
ninja -C "$TB" >"$OUT/build.log" 2>&1 || { tail -50 "$OUT/build.log"; echo "0 passed, 1 failed"; exit 1; }
scripts/build-web.sh || { echo "0 passed, 1 failed"; exit 1; }

# `make run` builds with gcc -O3, whose warnings (-Werror) differ from clang's debug build:
# a tree that only the test build compiles would leave a new user without a server.
RB=${BUILD:-build}
echo "== release build ($RB: gcc -O3, as make run builds it)"
if [ ! -f "$RB/build.ninja" ]; then
	CC=gcc meson setup "$RB" --buildtype=release >"$OUT/setup-release.log" 2>&1 ||
		{ cat "$OUT/setup-release.log"; echo "0 passed, 1 failed"; exit 1; }
fi
ninja -C "$RB" kfq >"$OUT/build-release.log" 2>&1 ||
	{ grep -E 'error|warning' "$OUT/build-release.log" | head -20; echo "0 passed, 1 failed"; exit 1; }

echo "== lint (clang-format, cppcheck, include matrix)"
if scripts/lint.sh >"$OUT/lint.log" 2>&1; then
	passed=$((passed + 1))
	tail -1 "$OUT/lint.log"
else
	failed=$((failed + 1))
	step_failed+=(lint)
	cat "$OUT/lint.log"
fi

run_meson() { # suite log [env...]: a meson test suite, its Ok and Fail counted
	local suite=$1 log=$2 ok bad
	shift 2
	if env "$@" meson test -C "$TB" --suite "$suite" --print-errorlogs >"$log" 2>&1; then :; else step_failed+=("$suite"); fi
	ok=$(grep -E '^Ok: ' "$log" | awk '{print $2}')
	bad=$(grep -E '^Fail: ' "$log" | awk '{print $2}')
	passed=$((passed + ${ok:-0}))
	failed=$((failed + ${bad:-0}))
	grep -E '^ *[0-9]+/[0-9]+ ' "$log"
	[ "${bad:-0}" -eq 0 ] || grep -B2 -A30 'FAIL' "$log" | head -80
}

sqlite_lane() {
	echo "== unit tests (cmocka)"
	run_meson unit "$OUT/unit.log"
	run_node web-unit tests/web

	# the prepared databases of an earlier build are never used again (tests/api/harness.js)
	rm -rf "$OUT/api-sqlite/templates"
	run_node api-sqlite tests/api TEST_OUT="$OUT/api-sqlite"
}

fuzz_smoke() {
	echo "== fuzz smoke"
	if FUZZ_SECONDS=${FUZZ_SECONDS:-5} scripts/fuzz.sh "$TB" | tee "$OUT/fuzz.log"; then :; else step_failed+=(fuzz); fi
	local fp ff
	fp=$(tail -1 "$OUT/fuzz.log" | awk '{print $2}')
	ff=$(tail -1 "$OUT/fuzz.log" | awk '{print $4}')
	passed=$((passed + ${fp:-0}))
	failed=$((failed + ${ff:-0}))
}

# The fuzz smoke runs before the browser tests: the two lanes then take about as long on two
# cores (DECISIONS 295).
browser_lane() {
	fuzz_smoke
	rm -rf "$OUT/e2e-sqlite/templates"
	run_node e2e-sqlite tests/e2e E2E_OUT="$OUT/e2e-sqlite"
}

pg_lane() {
	echo "== PostgreSQL (throwaway cluster)"
	PGDIR=$(mktemp -d)
	if PGURL=$(scripts/pg-temp.sh start "$PGDIR/pg"); then
		trap 'scripts/pg-temp.sh stop "$PGDIR/pg"; rm -rf "$PGDIR"' EXIT
		echo "   $PGURL"
		echo "== store unit tests on PostgreSQL (cmocka)"
		run_meson pg "$OUT/unit-pg.log" KFQ_TEST_PG="$PGURL"
		run_node api-postgresql tests/api TEST_OUT="$OUT/api-pg" KFQ_TEST_PG="$PGURL"
	else
		echo "   could not start PostgreSQL"
		failed=$((failed + 1))
		step_failed+=(postgresql)
	fi
}

sqlite_then_pg_lane() {
	sqlite_lane
	pg_lane
}

# Starts lane $1 (a function) in the background: its output goes to $OUT/lane-$1.out (printed
# by finish_lanes) and its counts to $OUT/lane-$1.count, which finish_lanes adds up.
lanes=()
start_lane() {
	rm -f "$OUT/lane-$1.count"
	(
		passed=0
		failed=0
		step_failed=()
		# an interrupted lane still runs its EXIT trap (the PostgreSQL cluster is stopped)
		trap 'exit 143' TERM
		"$1"
		echo "$passed $failed ${step_failed[*]}" >"$OUT/lane-$1.count"
	) >"$OUT/lane-$1.out" 2>&1 &
	lanes+=("$1:$!")
}

finish_lanes() {
	local lane name p f steps more
	for lane in "${lanes[@]}"; do
		name=${lane%%:*}
		wait "${lane#*:}"
		cat "$OUT/lane-$name.out"
		if [ -f "$OUT/lane-$name.count" ] && read -r p f steps <"$OUT/lane-$name.count"; then
			passed=$((passed + p))
			failed=$((failed + f))
			if [ -n "$steps" ]; then
				read -ra more <<<"$steps"
				step_failed+=("${more[@]}")
			fi
		else
			echo "   lane $name ended without its counts (see $OUT/lane-$name.out)"
			failed=$((failed + 1))
			step_failed+=("$name")
		fi
	done
}

if [ "$JOBS" -le 1 ]; then
	sqlite_lane
	browser_lane
	pg_lane
else
	# ^C or a CI timeout stops every lane and what it started (servers, browsers)
	trap 'trap - INT TERM; kill -TERM 0 2>/dev/null; exit 130' INT TERM
	echo "== the tests in lanes side by side ($JOBS cores; logs in $OUT/)"
	if [ "$JOBS" -ge 3 ]; then
		start_lane sqlite_lane
		start_lane pg_lane
	else
		start_lane sqlite_then_pg_lane
	fi
	start_lane browser_lane
	finish_lanes
fi

echo
[ ! -s "$OUT/fuzz/failures.txt" ] || cat "$OUT/fuzz/failures.txt"
[ ${#step_failed[@]} -eq 0 ] || echo "failed steps: ${step_failed[*]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ ${#step_failed[@]} -eq 0 ]
