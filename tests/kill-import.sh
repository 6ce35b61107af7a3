#!/bin/sh
# SPDX-License-Identifier: ISC (see LICENSE)
# tests/kill-import.sh: quest import codetour killed with SIGKILL at random
# points, as tests/kill.sh kills renumber, over a tour of 2,000 steps in
# 2,000 files: after each kill every file, .quest with them, is byte for
# byte its old or its new self, and after a rerun the tree is wholly new,
# with no temporary file and no journal (nor .quest-renumber.d) left.
. "$(dirname "$0")/lib.sh"
export LC_ALL=C
runs=${KILL_RUNS:-16}
base=$TMP
[ -d /dev/shm ] && [ -w /dev/shm ] && base=$(mktemp -d /dev/shm/quest-kill-import.XXXXXX)
trap 'rm -rf "$base" "$TMP"' EXIT

old=$base/old
mkdir -p "$old"
awk -v dir="$old" -v tour="$base/t.tour" 'BEGIN {
	printf("{ \"title\": \"Generated Steps\", \"steps\": [\n") > tour
	for (i = 0; i < 2000; i++) {
		f = sprintf("d%02d/f%04d.c", i % 20, i)
		if (i < 20) system(sprintf("mkdir -p %s/d%02d", dir, i))
		printf("#include <stdio.h>\nint v%d;\n", i) > (dir "/" f)
		close(dir "/" f)
		printf("%s  { \"file\": \"%s\", \"line\": 2, \"description\": \"Step %d.\" }\n",
		    i ? "," : "", f, i) > tour
	}
	printf("] }\n") > tour
}'
printf '[chapter G]\nname = Generated\n' >"$old/.quest"
new=$base/new
cp -r "$old" "$new"
"$QUEST" -C "$new" import codetour "$base/t.tour" >/dev/null 2>"$TMP/err" || { fail "kill-import: an import runs" "$(cat "$TMP/err")"; finish; }
(cd "$old" && find . -type f | sort | xargs md5sum) >"$TMP/old.sums"
(cd "$new" && find . -type f | sort | xargs md5sum) >"$TMP/new.sums"
cmp -s "$TMP/old.sums" "$TMP/new.sums" && { fail "kill-import: the import changes files"; finish; }
t0=$(date +%s%N)
cp -r "$old" "$base/time"
"$QUEST" -C "$base/time" import codetour "$base/t.tour" >/dev/null 2>&1
span=$((($(date +%s%N) - t0) / 1000000))	# ms, with the copy
rm -rf "$base/time"

i=0 whole=0 mixed=0
while [ $i -lt "$runs" ]; do
	i=$((i + 1))
	w=$base/w
	rm -rf "$w"
	cp -r "$old" "$w"
	delay=$(awk -v s="$$$i" -v span="$span" 'BEGIN { srand(s); printf "%.3f", rand() * span / 1000 }')
	"$QUEST" -C "$w" import codetour "$base/t.tour" >/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	(cd "$w" && find . -path ./.quest-renumber.d -prune -o -type f ! -name '.*quest~*' -print | sort | xargs md5sum) >"$TMP/now.sums"
	bad=$(awk 'FILENAME == ARGV[1] { old[$2] = $1; next }
	    FILENAME == ARGV[2] { nw[$2] = $1; next }
	    $1 != old[$2] && $1 != nw[$2] { print $2 }' "$TMP/old.sums" "$TMP/new.sums" "$TMP/now.sums")
	n=$(wc -l <"$TMP/now.sums")
	if [ -n "$bad" ] || [ "$n" -ne 2001 ]; then
		fail "kill-import $i (after ${delay}s): every file old or new" "$n files; torn: $(echo "$bad" | head -3)"
		continue
	fi
	cmp -s "$TMP/now.sums" "$TMP/old.sums" || cmp -s "$TMP/now.sums" "$TMP/new.sums" || mixed=$((mixed + 1))
	# A rerun finishes the job (or does it again) and leaves nothing behind.
	"$QUEST" -C "$w" import codetour "$base/t.tour" >/dev/null 2>"$TMP/err"
	rc=$?
	(cd "$w" && find . -type f | sort | xargs md5sum) >"$TMP/after.sums"
	if [ $rc -eq 0 ] && cmp -s "$TMP/after.sums" "$TMP/new.sums" && [ ! -e "$w/.quest-renumber.d" ]; then
		whole=$((whole + 1))
	else
		fail "kill-import $i (after ${delay}s): a rerun leaves the new tree and nothing else" \
		    "exit $rc; $(cat "$TMP/err"; diff "$TMP/new.sums" "$TMP/after.sums" | head -5)"
	fi
done
[ $whole -eq "$runs" ] && ok "kill-import: $runs imports killed at random over ${span} ms: every file whole, old or new; each rerun completes, exit 0, no temporary file ($mixed caught mid-rename)"
finish
