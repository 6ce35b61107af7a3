#!/bin/sh
# SPDX-License-Identifier: ISC (see LICENSE)
# tests/run.sh: run every test and print one summary line.
#
#   QUEST=build/san/quest sh tests/run.sh [UNIT_TEST_BINARIES...]
#
# The unit tests are cmocka programs; the other tests are the scripts
# tests/*.sh (but lib.sh and this one), each printing "ok - ", "not ok - "
# or "skip - " lines.  The last line counts them all:
#   N passed, N failed, N skipped
: "${QUEST:?set QUEST}"
export QUEST
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:${ASAN_OPTIONS:-}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:${UBSAN_OPTIONS:-}"
cd "$(dirname "$0")/.." || exit 2
log=$(mktemp)
trap 'rm -f "$log"' EXIT
pass=0 failn=0 skipn=0

for t in "$@"; do
	name=${t##*/}
	if "$t" >"$log" 2>&1; then
		n=$(grep -c '^\[       OK \]' "$log")
		echo "ok - unit/$name ($n cases)"
		pass=$((pass + n))
	else
		echo "not ok - unit/$name"
		sed 's/^/#   /' "$log"
		n=$(grep -c '^\[  FAILED  \]' "$log")
		failn=$((failn + (n > 0 ? n : 1)))
	fi
done

for s in tests/*.sh; do
	case $s in tests/run.sh|tests/lib.sh) continue ;; esac
	sh "$s" >"$log" 2>&1
	rc=$?
	cat "$log"
	p=$(grep -c '^ok - ' "$log")
	f=$(grep -c '^not ok - ' "$log")
	k=$(grep -c '^skip - ' "$log")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - $s exited $rc"
		f=1
	fi
	pass=$((pass + p)) failn=$((failn + f)) skipn=$((skipn + k))
done

echo
echo "$pass passed, $failn failed, $skipn skipped"
[ "$failn" -eq 0 ]
