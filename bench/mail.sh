#!/usr/bin/env bash
# Benchmark for reading e-mail: `kfq mail parse` of an mbox of N messages (default 20,000), each
# the GBK fixture of tests/data/mail (base64 body, a PDF and a ZIP attached) with 40 extra
# header lines and its own Message-ID (about 4.2 KB a message), against a 1 MB mbox of the same
# messages: the peak memory (GNU time's maximum resident set) must not grow with the file, as
# the mbox is read message by message. Prints both runs' wall time and peak memory. Figures go
# to docs/PERFORMANCE.md.
#   bench/mail.sh [MESSAGES]   (release build: make build; BIN=… for another binary)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-20000}
. bench/lib.sh

python3 - "$work" "$N" <<'PY'
import sys
work, n = sys.argv[1], int(sys.argv[2])
first = open('tests/data/mail/comments.mbox', 'rb').read().split(b'\nFrom ')[0]
pad = b'\n'.join([b'X-Pad: ' + b'a' * 70] * 40)
with open(f'{work}/big.mbox', 'wb') as f:
    for i in range(n):
        m = first.replace(b'<20250624093000.1@example.cn>', b'<%d@example.cn>' % i)
        f.write(m.replace(b'Return-Path', pad + b'\nReturn-Path', 1) + b'\n')
PY
head -c 1000000 "$work/big.mbox" >"$work/small.mbox"
for f in small big; do
	size=$(stat -c %s "$work/$f.mbox")
	/usr/bin/time -f "$f.mbox: $size bytes, %e s, peak %M KB" "$BIN" mail parse "$work/$f.mbox" >"$work/$f.json"
	python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(f'  {len(d)} messages read')" "$work/$f.json"
done
uptime
