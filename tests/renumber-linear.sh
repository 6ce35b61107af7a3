#!/bin/sh
# SPDX-License-Identifier: ISC (see LICENSE)
# tests/renumber-linear.sh: renumber, and renumber --dry-run, cost about
# what check costs, however many files share a directory: a flat
# directory of 40,000 files, 4,000 of them tagged.  quest 0.1 read the
# whole directory once per tagged file, looking for stale temporaries:
# minutes on 200,000 files, where check took a second.  Each renumber must
# end within ten times check's time and two seconds, or it is stopped.
. "$(dirname "$0")/lib.sh"
export LC_ALL=C
base=$TMP
[ -d /dev/shm ] && [ -w /dev/shm ] && base=$(mktemp -d /dev/shm/quest-linear.XXXXXX)
trap 'rm -rf "$base" "$TMP"' EXIT
d=$base/flat
mkdir -p "$d"
printf '[chapter G]\nname = Flat\n' >"$d/.quest"
awk -v dir="$d" 'BEGIN {
	for (i = 0; i < 40000; i++) {
		f = sprintf("%s/f%05d.c", dir, i)
		if (i % 10 == 0)
			printf("/*G:%d Step %d.\n */\nint v%d;\n", i / 10 * 3 + 1, i, i) > f
		else
			printf("int w%d;\n", i) > f
		close(f)
	}
}'
ms() { echo $(($(date +%s%N) / 1000000)); }
# check's time: the best of three.
best=
for i in 1 2 3; do
	t0=$(ms)
	"$QUEST" -C "$d" check >/dev/null 2>&1
	t=$(($(ms) - t0))
	[ -z "$best" ] || [ "$t" -lt "$best" ] && best=$t
done
limit=$((best * 10 + 2000))
secs=$(awk -v ms="$limit" 'BEGIN { printf "%.3f", ms / 1000 }')
for how in --dry-run ""; do
	t0=$(ms)
	# shellcheck disable=SC2086
	timeout "$secs" "$QUEST" -C "$d" renumber $how >/dev/null 2>"$TMP/err"
	rc=$?
	t=$(($(ms) - t0))
	name="renumber${how:+ $how} on 40,000 files in one directory, 4,000 tagged: ${t} ms, check ${best} ms (limit ${limit} ms)"
	if [ $rc -eq 0 ]; then
		ok "$name"
	else
		fail "$name" "exit $rc$( [ $rc -eq 124 ] && echo ': stopped at the limit'): $(head -3 "$TMP/err")"
	fi
done
grep -q '^/\*G:00010 Step 0\.' "$d/f00000.c" && grep -q '^/\*G:40000 ' "$d/f39990.c" &&
    ok "renumber: the flat directory renumbered" ||
    fail "renumber: the flat directory renumbered" "$(head -1 "$d/f00000.c" "$d/f39990.c")"
finish
