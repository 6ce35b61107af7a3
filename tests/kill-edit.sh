#!/bin/sh
# SPDX-License-Identifier: ISC (see LICENSE)
# tests/kill-edit.sh: quest renumber killed with SIGKILL at random points
# while a second process, an editor, appends a line to one of its files at
# a random point too, in place or by writing a new file and renaming it
# over (as editors save).  After each kill every file is its old or its
# new self but for the edit; nothing is written outside the root (a file
# beside the tree, and the directory that holds both, stay as they were);
# a rerun completes (exit 0), leaves no temporary file and no journal, and
# the edit is there, once: no edit is ever lost.
. "$(dirname "$0")/lib.sh"
export LC_ALL=C
runs=${KILL_EDIT_RUNS:-200}
base=$TMP
[ -d /dev/shm ] && [ -w /dev/shm ] && base=$(mktemp -d /dev/shm/quest-kill-edit.XXXXXX)
trap 'rm -rf "$base" "$TMP"' EXIT

# 60 files; odd numbers, so that a file left with its old numbers, because
# it was edited, never takes a new number (a multiple of 10) of another.
old=$base/old
mkdir -p "$old"
awk -v dir="$old" 'BEGIN {
	for (i = 0; i < 60; i++) {
		if (i < 4) system(sprintf("mkdir -p %s/d%d", dir, i))
		f = sprintf("%s/d%d/f%02d.c", dir, i % 4, i)
		printf("/*G:%d Step %d; see [G:%d].\n */\nint v%d;\n/*:*/\n", i * 2 + 1, i, ((i + 1) % 60) * 2 + 1, i) > f
		close(f)
	}
}'
printf '[chapter G]\nname = Generated\n' >"$old/.quest"
# Beside the tree: a tagged file that no renumber of the tree may touch.
printf '/*G:3 Outside the root.\n */\nint outside;\n' >"$base/outside.c"
outsum=$(md5sum <"$base/outside.c")
new=$base/new
cp -r "$old" "$new"
"$QUEST" -C "$new" renumber >/dev/null 2>"$TMP/err" || { fail "kill-edit: a renumber runs" "$(cat "$TMP/err")"; finish; }
(cd "$old" && find . -type f | sort | xargs md5sum) >"$TMP/old.sums"
(cd "$new" && find . -type f | sort | xargs md5sum) >"$TMP/new.sums"
t0=$(date +%s%N)
cp -r "$old" "$base/time"
"$QUEST" -C "$base/time" renumber >/dev/null 2>&1
span=$((($(date +%s%N) - t0) / 1000000))	# ms, with the copy
rm -rf "$base/time"
mkdir "$base/w"
listing=$(ls -A "$base")

i=0 good=0 inplace=0 byrename=0 left=0 started=$(date +%s)
while [ $i -lt "$runs" ]; do
	i=$((i + 1))
	w=$base/w
	rm -rf "$w"
	cp -r "$old" "$w"
	set -- $(awk -v s="$$$i" -v span="$span" 'BEGIN { srand(s);
	    printf "%.3f %.3f %d %d", rand() * span / 1000, rand() * span / 1000,
	    int(rand() * 60), int(rand() * 2) }')
	kd=$1 ed=$2 k=$3 how=$4
	f=$(printf 'd%d/f%02d.c' $((k % 4)) "$k")
	mark="int edited_$i;"
	"$QUEST" -C "$w" renumber >/dev/null 2>&1 &
	q=$!
	(
		sleep "$ed"
		if [ "$how" -eq 0 ]; then
			printf '%s\n' "$mark" >>"$w/$f"
		else
			{ cat "$w/$f"; printf '%s\n' "$mark"; } >"$w/$f.save" &&
			    mv "$w/$f.save" "$w/$f"
		fi
	) &
	e=$!
	sleep "$kd"
	kill -9 $q 2>/dev/null
	wait $q 2>/dev/null
	wait $e
	[ "$how" -eq 0 ] && inplace=$((inplace + 1)) || byrename=$((byrename + 1))
	what="kill $i (quest killed after ${kd}s, $f edited $( [ "$how" -eq 0 ] && echo in place || echo by rename) after ${ed}s)"
	# Nothing outside the root.
	if [ "$(md5sum <"$base/outside.c")" != "$outsum" ] || [ "$(ls -A "$base")" != "$listing" ]; then
		fail "$what: nothing written outside the root" "$(ls -A "$base")"
		continue
	fi
	# Each file its old or its new self, once the edit is taken out.
	(cd "$w" && find . -path ./.quest-renumber.d -prune -o -type f ! -name '.*quest~*' -print | sort | xargs md5sum) >"$TMP/now.sums"
	edited=$(grep -vx "$mark" "$w/$f" | md5sum | cut -d' ' -f1)
	bad=$(awk -v f="./$f" -v e="$edited" 'FILENAME == ARGV[1] { o[$2] = $1; next } FILENAME == ARGV[2] { n[$2] = $1; next }
	    $2 == f { $1 = e } $1 != o[$2] && $1 != n[$2] { print $2 }' "$TMP/old.sums" "$TMP/new.sums" "$TMP/now.sums")
	if [ -n "$bad" ] || [ "$(wc -l <"$TMP/now.sums")" -ne 61 ]; then
		fail "$what: every file old or new but for the edit" "torn: $bad"
		continue
	fi
	if [ "$(grep -cx "$mark" "$w/$f")" -ne 1 ]; then
		fail "$what: the edit is there after the kill" "$(cat "$w/$f")"
		continue
	fi
	# A rerun completes, keeps the edit and leaves nothing behind.
	"$QUEST" -C "$w" renumber >/dev/null 2>"$TMP/err"
	rc=$?
	grep -q 'left as it is' "$TMP/err" && left=$((left + 1))
	if [ $rc -ne 0 ] || [ "$(grep -cx "$mark" "$w/$f")" -ne 1 ] ||
	    [ -e "$w/.quest-renumber.d" ] || [ -n "$(find "$w" -name '.*quest~*')" ]; then
		fail "$what: the rerun completes, the edit kept, nothing left behind" \
		    "exit $rc: $(cat "$TMP/err"; find "$w" -name '.*quest*'; grep -c "$mark" "$w/$f")"
		continue
	fi
	if [ "$(md5sum <"$base/outside.c")" != "$outsum" ] || [ "$(ls -A "$base")" != "$listing" ]; then
		fail "$what: the rerun writes nothing outside the root" "$(ls -A "$base")"
		continue
	fi
	good=$((good + 1))
done
secs=$(($(date +%s) - started))
[ $good -eq "$runs" ] && ok "kill-edit: $runs renumbers killed at random over ${span} ms while a file is edited ($inplace in place, $byrename by rename): no edit lost, nothing written outside the root, each rerun completes ($left left an edited file as it was) in ${secs} s"
finish
