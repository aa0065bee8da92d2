#!/usr/bin/env bash
# Style and static checks, as curl's checksrc does: clang-format (the repo's .clang-format) and
# cppcheck over src/ and tests/. Prints what is wrong; exits 1 if anything is.
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
[ $fail -eq 0 ] && echo "lint: clang-format and cppcheck clean"
exit $fail
