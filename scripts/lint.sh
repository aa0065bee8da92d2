#!/usr/bin/env bash
# Style and static checks, as curl's checksrc does: clang-format (the repo's .clang-format),
# cppcheck over src/ and tests/, and the layers: every #include "…" of a file under src/ must
# name a layer the include matrix in docs/ARCHITECTURE.md allows it (git's libgit.a/builtin/
# split, checked by machine). Prints what is wrong; exits 1 if anything is.
set -uo pipefail
cd "$(dirname "$0")/.."
fail=0
files=$(git ls-files 'src/*.c' 'src/*.h' 'tests/*.c' 'tests/*.h' 2>/dev/null || find src tests -name '*.[ch]')
if ! clang-format --dry-run --Werror $files 2>/tmp/kfq-format.$$; then
	echo "clang-format: these files need 'make format':"
	grep -o '^[^:]*\.[ch]' /tmp/kfq-format.$$ | sort -u | sed 's/^/  /'
	fail=1
fi
rm -f /tmp/kfq-format.$$
if ! cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability --std=c11 \
	-I src -D_GNU_SOURCE -DKFQ_VERSION=\"lint\" -DKFQ_TEST_DATA=\"lint\" \
	--suppress=missingIncludeSystem src tests/unit tests/fuzz; then
	echo "cppcheck: see the findings above"
	fail=1
fi
# The include matrix: the fenced block after the line "<!-- include-matrix -->" in
# docs/ARCHITECTURE.md, one "who: layers it may include" per line; who is a layer (a directory
# under src/) or one file's path under src/ that differs from its layer.
matrix=$(awk '/<!-- include-matrix -->/ {on = 1; next} on && /^```/ {if (in_block) exit; in_block = 1; next}
	in_block' docs/ARCHITECTURE.md)
if [ -z "$matrix" ]; then
	echo "layers: no include matrix in docs/ARCHITECTURE.md"
	fail=1
fi
bad_includes=$(git ls-files 'src/*.c' 'src/*.h' | while read -r f; do
	rel=${f#src/}
	layer=${rel%%/*}
	[ "$layer" = "$rel" ] && layer=$rel
	allowed=$(printf '%s\n' "$matrix" | awk -F: -v who="$rel" '$1 ~ "^ *" who " *$" {print $2; exit}')
	[ -n "$allowed" ] || allowed=$(printf '%s\n' "$matrix" | awk -F: -v who="$layer" \
		'$1 ~ "^ *" who " *$" {print $2; exit}')
	allowed=$(echo $allowed)
	grep -n '^#include "' "$f" | while IFS=: read -r line inc; do
		target=$(printf '%s' "$inc" | sed 's/^#include "\([^"]*\)".*/\1/')
		tl=${target%%/*}
		if [ "$tl" = "$target" ] || ! printf ' %s ' "$allowed" | grep -q " $tl "; then
			echo "  $f:$line: includes $target; $rel may include ${allowed:-nothing (not in the matrix)}"
		fi
	done
done)
if [ -n "$bad_includes" ]; then
	echo "layers: includes the matrix in docs/ARCHITECTURE.md does not allow:"
	echo "$bad_includes"
	fail=1
fi
[ $fail -eq 0 ] && echo "lint: clang-format, cppcheck and the include matrix clean"
exit $fail
