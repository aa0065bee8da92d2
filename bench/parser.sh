#!/usr/bin/env bash
# The policy parser against the corpus of real documents (tests/data/corpus/): for each
# document, how many of its articles come out exactly as its hand-checked expected parse says
# (number, title, lead, responsible, deadline), and which do not; then the figure overall, and
# how long a parse takes. docs/PERFORMANCE.md records the figures.
#   bench/parser.sh [KFQ_BINARY]    (default $BIN or build/kfq; any build works, timing wants release)
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 0 ] || BIN=$1
. bench/lib.sh
[ -x "$BIN" ] || { echo "bench/parser.sh: no kfq binary at $BIN (make build)" >&2; exit 2; }
for txt in tests/data/corpus/*.txt; do
	name=$(basename "$txt" .txt)
	"$BIN" policy parse --json "$txt" >"$work/$name.json"
done
python3 - "$work" tests/data/corpus <<'PY'
import json, os, sys
work, corpus = sys.argv[1], sys.argv[2]
total = exact = 0
for f in sorted(os.listdir(corpus)):
    if not f.endswith('.expected.json'):
        continue
    name = f[:-len('.expected.json')]
    want = json.load(open(os.path.join(corpus, f), encoding='utf-8'))['articles']
    got = json.load(open(os.path.join(work, name + '.json'), encoding='utf-8'))['articles']
    def key(a):
        return (a['number'], a.get('short_title') or '', a['lead_units'], a['responsible_units'],
                a.get('deadline') or '')
    ok = 0
    misses = []
    for i, w in enumerate(want):
        wk = (w['number'], w['title'], w['lead'], w['responsible'], w['deadline'])
        gk = key(got[i]) if i < len(got) else None
        if gk == wk:
            ok += 1
        else:
            misses.append((i, wk, gk))
    extra = len(got) - len(want)
    print('%-48s %3d / %3d%s' % (name, ok, len(want), ('  (%+d articles parsed)' % extra) if extra else ''))
    for i, wk, gk in misses:
        print('    article %d: want %s' % (i + 1, wk))
        print('    %s   got  %s' % (' ' * len(str(i + 1)), gk))
    total += len(want)
    exact += ok
print('%-48s %3d / %3d' % ('overall', exact, total))
PY
echo "== time to parse each document (kfq policy parse --json, median of 20 runs)"
for txt in tests/data/corpus/*.txt; do
	python3 - "$BIN" "$txt" <<'PY'
import subprocess, sys, time, statistics, os
runs = []
for _ in range(20):
    t = time.perf_counter()
    subprocess.run([sys.argv[1], 'policy', 'parse', '--json', sys.argv[2]], stdout=subprocess.DEVNULL, check=True)
    runs.append(time.perf_counter() - t)
print('%-48s %6.2f ms  (%d bytes)' % (os.path.basename(sys.argv[2])[:-4], statistics.median(runs) * 1000, os.path.getsize(sys.argv[2])))
PY
done
