#!/bin/sh
# SPDX-License-Identifier: ISC (see LICENSE)
# tests/run.sh: run every test and print one summary line.
#
#   QUEST=build/san/quest sh tests/run.sh [UNIT_TEST_BINARIES...]
#
# The unit tests are cmocka programs; the other tests are the scripts
# tests/*.sh (but lib.sh and this one), each printing "ok - ", "not ok - "
# or "skip - " lines.  The scripts run QUEST_TEST_JOBS at a time (default:
# one a core), each in a scratch directory of its own, the longest first so
# that the others fill the cores around them; their reports are printed in
# the scripts' order as they come.  The last line counts them all:
#   N passed, N failed, N skipped
: "${QUEST:?set QUEST}"
export QUEST
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:${ASAN_OPTIONS:-}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:${UBSAN_OPTIONS:-}"
cd "$(dirname "$0")/.." || exit 2
ulog=$(mktemp)
trap 'rm -f "$ulog"' EXIT
pass=0 failn=0 skipn=0

for t in "$@"; do
	name=${t##*/}
	if "$t" >"$ulog" 2>&1; then
		n=$(grep -c '^\[       OK \]' "$ulog")
		echo "ok - unit/$name ($n cases)"
		pass=$((pass + n))
	else
		echo "not ok - unit/$name"
		sed 's/^/#   /' "$ulog"
		n=$(grep -c '^\[  FAILED  \]' "$ulog")
		failn=$((failn + (n > 0 ? n : 1)))
	fi
done

# The longest scripts, started first; a name missing here only starts later.
first="browser golden lsp kill-edit costs fuzz reading kill jobs"
scripts=
for s in tests/*.sh; do
	case $s in tests/run.sh|tests/lib.sh) continue ;; esac
	scripts="$scripts $s"
done
runs=$(mktemp -d) || exit 2
trap 'rm -f "$ulog"; rm -rf "$runs"' EXIT
jobs=${QUEST_TEST_JOBS:-$(nproc 2>/dev/null || echo 1)}
{
	for f in $first; do
		case " $scripts " in *" tests/$f.sh "*) echo "tests/$f.sh" ;; esac
	done
	for s in $scripts; do
		n=${s#tests/}
		case " $first " in *" ${n%.sh} "*) ;; *) echo "$s" ;; esac
	done
} | sed 's/\.sh$//' | xargs -P "$jobs" -I '{}' sh -c \
    'n=${1#tests/}; sh "$1.sh" >"$2/$n.log" 2>&1; echo $? >"$2/$n.rc"' \
    sh '{}' "$runs" &
for s in $scripts; do
	n=${s#tests/}
	n=${n%.sh}
	while [ ! -f "$runs/$n.rc" ]; do
		sleep 0.2
	done
	rc=$(cat "$runs/$n.rc")
	log=$runs/$n.log
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
wait

echo
echo "$pass passed, $failn failed, $skipn skipped"
[ "$failn" -eq 0 ]
