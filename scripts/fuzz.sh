#!/usr/bin/env bash
# Runs every libFuzzer target: replays its corpus, then fuzzes FUZZ_SECONDS (default 5) with
# its dictionary. New inputs go to a scratch dir, not into the repo. A crash fails the run and
# leaves the reproducer in test-output/fuzz/; test-output/fuzz/failures.txt says, for each failed
# target, the seed, the sanitizer's or libFuzzer's verdict and the input in base64, so that a
# failure seen only in a CI log (which shows the end of the output) can be replayed here.
#   scripts/fuzz.sh [BUILD_DIR]      (default build-test, configured with -Dfuzz=true)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-test}
secs=${FUZZ_SECONDS:-5}
out=test-output/fuzz
mkdir -p "$out"
rm -f "$out/failures.txt"
# A crash or a leak always fails. A timeout or an out-of-memory is a bug when its input, run
# again alone, repeats it; one that the same input does not repeat came from a loaded machine
# (libFuzzer's clock and RSS count what other processes cost it) and is reported, not failed.
replayed() { # bin name: 0 when the failed run left only timeouts or OOMs that pass on their own
	local a n=0
	for a in "$out/$2"-*; do
		[ -f "$a" ] || continue
		case ${a##*/$2-} in timeout-* | oom-* | slow-unit-*) ;; *) return 1 ;; esac
		n=$((n + 1))
		"$1" -timeout=10 -rss_limit_mb=2048 "$a" >>"$out/$2.replay.log" 2>&1 || return 1
	done
	[ "$n" -gt 0 ]
}

report() { # name verdict: the seed, the sanitizer's or libFuzzer's words and the inputs
	local a
	echo "fuzz $1 ($2): $(grep -m1 -o 'Seed: [0-9]*' "$out/$1.log")"
	grep -m3 -E '^(==[0-9]+==ERROR|SUMMARY|ERROR: libFuzzer|==[0-9]+== ERROR: libFuzzer|ALARM|.*runtime error)' "$out/$1.log"
	for a in "$out/$1"-*; do
		[ -f "$a" ] || continue
		if [ "$(stat -c %s "$a")" -le 4096 ]; then
			echo "  input $(basename "$a") (base64): $(base64 -w0 "$a")"
		else
			echo "  input $(basename "$a"): $(stat -c %s "$a") bytes"
		fi
	done
}

pass=0
fail=0
for bin in "$build"/tests/fuzz/fuzz_*; do
	[ -f "$bin" ] && [ -x "$bin" ] || continue
	name=${bin##*/fuzz_}
	rm -f "$out/$name"-* "$out/$name.replay.log"
	scratch=$(mktemp -d)
	cp -r "tests/fuzz/corpus/$name/." "$scratch/" 2>/dev/null || true
	dict=()
	[ -f "tests/fuzz/$name.dict" ] && dict=(-dict="tests/fuzz/$name.dict")
	if "$bin" -max_total_time="$secs" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$out/$name-" \
		"${dict[@]}" "$scratch" >"$out/$name.log" 2>&1; then
		runs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$out/$name.log" | awk '{print $2}')
		echo "fuzz $name: ok (${secs}s${runs:+, $runs runs})"
		pass=$((pass + 1))
	elif replayed "$bin" "$name"; then
		echo "fuzz $name: ok, but a failure that its input does not repeat (see $out/failures.txt)"
		report "$name" "not repeated by its input: load or the machine, not the code" >>"$out/failures.txt"
		pass=$((pass + 1))
	else
		echo "fuzz $name: FAILED — see $out/$name.log"
		tail -30 "$out/$name.log"
		report "$name" "FAILED" >>"$out/failures.txt"
		fail=$((fail + 1))
	fi
	rm -rf "$scratch"
done
echo "fuzz: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
