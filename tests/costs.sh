#!/bin/sh
# SPDX-License-Identifier: ISC (see LICENSE)
# tests/costs.sh: inputs that cost too much.  Each case is a tree that
# once took minutes or gigabytes, under a bound of time (timeout(1), many
# times what it takes now, so that a busy machine cannot make it flake) or
# of memory (/usr/bin/time's maximum resident set), and what quest must
# still say of it.
. "$(dirname "$0")/lib.sh"
export LC_ALL=C

# within SECONDS NAME CMD...: CMD ends in time; its status is in $rc.
# (Its failure goes to the script's own output, fd 3, whatever the
# caller redirects.)
exec 3>&1
within() {
	_s=$1 _n=$2
	shift 2
	timeout "$_s" "$@"
	rc=$?
	if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
		fail "$_n: within ${_s}s" "killed by timeout(1)" >&3
		return 1
	fi
	return 0
}

# list --refs reads every prose once: 20,000 steps took 76 s.  (In 200
# files: a file's steps grow one at a time, slow under ASan's realloc.)
# And what it says, exactly: each reference of the prose, in its order;
# each step that refers, once, in tour order, never the step itself.
t=$TMP/refs2
mkdir -p "$t"
cat >"$t/a.c" <<'EOF'
/*G:10 Self [G:10], then [H:5], [G:30], [G:30] and [G:99]. */
/*G:30 Back to [G:10]; `[G:20]` is code. */
/*H:5 Both [G:30] and [G:10]. */
EOF
"$QUEST" -C "$t" list --refs >"$TMP/refs2.out" 2>&1
cat >"$TMP/refs2.want" <<'EOF'
G (G): 2 steps
  G:10  a.c:1  Self [G:10], then [H:5], [G:30], [G:30] and [G:99].
      refers to: G:10, H:5, G:30, G:30, G:99 (no such step)
      referred to by: G:30, H:5
  G:30  a.c:2  Back to [G:10]; `[G:20]` is code.
      refers to: G:10
      referred to by: G:10, H:5

H (H): 1 step
  H:5  a.c:3  Both [G:30] and [G:10].
      refers to: G:30, G:10
      referred to by: G:10
EOF
t=$TMP/refs
mkdir -p "$t"
(cd "$t" && awk 'BEGIN { for (i = 1; i <= 20000; i++) {
	f = sprintf("f%03d.c", int((i - 1) / 100))
	printf "/*G:%d Step %d, see [G:%d] and [G:10].\n */\nint v%d;\n/*:*/\n",
	    i * 10, i, (i % 20000 + 1) * 10, i > f } }')
if within 30 "list --refs, 20,000 steps" "$QUEST" -C "$t" list --refs >"$TMP/refs.out" 2>"$TMP/err"; then
	n=$(grep -c 'referred to by:' "$TMP/refs.out")
	by=$(grep -A2 '^  G:10 ' "$TMP/refs.out" | sed -n 's/.*referred to by: //p' | tr ',' '\n' | wc -l)
	[ "$rc" -eq 0 ] && [ "$n" -eq 20000 ] && [ "$by" -eq 19999 ] &&
	    cmp -s "$TMP/refs2.out" "$TMP/refs2.want" &&
	    ok "list --refs: 20,000 steps in time, each referred to, G:10 by the 19,999 others; both directions exact" ||
	    fail "list --refs: 20,000 steps" "exit $rc, $n referred, G:10 by $by: $(head -3 "$TMP/err")
$(diff "$TMP/refs2.want" "$TMP/refs2.out")"
fi

# The config is read in one pass: 100,000 title lines took 67 s, 50,000
# chapters 16.7 s; each value given again is one append, each chapter one
# look-up.  A .quest is at most 1 MiB (quest(5)): these fill most of it,
# and the old quadratic reading took some 20 s over each.
t=$TMP/cfg1
mkdir -p "$t"
awk 'BEGIN { print "[tour]"; for (i = 0; i < 60000; i++) print "title=w" i
	print "[chapter G]"; print "name = n0"; for (i = 1; i < 20000; i++) print "  n" i }' >"$t/.quest"
echo '/*G:010 x */' >"$t/a.c"
if within 10 "config: 60,000 title lines, a name of 20,000 lines" "$QUEST" -C "$t" json >"$TMP/cfg1.json" 2>"$TMP/err"; then
	[ "$rc" -eq 0 ] && grep -q '"title":"w0 w1 w2 ' "$TMP/cfg1.json" && grep -q ' w59999"' "$TMP/cfg1.json" &&
	    grep -q '"name":"n0 n1 n2 ' "$TMP/cfg1.json" && grep -q ' n19999"' "$TMP/cfg1.json" &&
	    ok "config: 60,000 title lines and a name of 20,000 lines, joined, in time" ||
	    fail "config: 60,000 title lines" "exit $rc: $(head -3 "$TMP/err")"
fi
t=$TMP/cfg2
mkdir -p "$t"
awk 'BEGIN { for (i = 0; i < 38000; i++) {
	p = sprintf("%c%c%c%c", 65 + i % 26, 65 + int(i / 26) % 26, 65 + int(i / 676) % 26, 65 + int(i / 17576) % 26)
	printf "[chapter %s]\nname=C%d\n", p, i }
	print "[chapter ZZZZZ]"; print "name=C7"
	print "[chapter AAAA]" }' >"$t/.quest"
echo '/*AAAA:010 x */' >"$t/a.c"
if within 5 "config: 38,000 chapters" "$QUEST" -C "$t" check >"$TMP/cfg2.out" 2>"$TMP/err"; then
	[ "$rc" -eq 2 ] &&
	    grep -q "^\.quest:76003:1: error: chapter AAAA is declared twice; first at line 1 \[config-value\]" "$TMP/err" &&
	    grep -q "^\.quest:76001:1: error: chapter ZZZZZ is named 'C7', which already names chapter HAAA (line 15) \[config-value\]" "$TMP/err" &&
	    [ "$(grep -c 'error:' "$TMP/err")" -eq 2 ] &&
	    ok "config: 38,000 chapters in time, a prefix declared twice and a name given twice found" ||
	    fail "config: 38,000 chapters" "exit $rc: $(grep error: "$TMP/err" | head -5)"
fi

# The web book bounds what highlighting a step may cost (highlight.h):
# past a limit the step's code is shown plain, with a note, and the page
# is still written.  A 200 KB line of 1+1+... took 40 s, 128k nested
# Python tuples 57 s, a run of 50,000 '(' 14 s; a deeper one corrupted
# memory (tree-sitter 0.20.7's 16-bit count of a node's children).
t=$TMP/hl
mkdir -p "$t"
awk 'BEGIN { printf "/*G:010 A long line.\n */\nint x = 1"
	for (i = 0; i < 100000; i++) printf "+1"; print ";"; print "/*:*/"
	printf "/*G:020 Deep.\n */\nint y = "
	for (i = 0; i < 55000; i++) printf "!"; print "1;"; print "/*:*/"
	printf "/*G:030 An error that runs on.\n */\nint z = "
	for (i = 0; i < 50000; i++) printf "("; print ""; print "/*:*/"
	print "/*G:040 And a plain step.\n */"; print "static int w = 1;"; print "/*:*/" }' >"$t/a.c"
awk 'BEGIN { print "#G:050 Tuples."; printf "x = "
	for (i = 0; i < 128000; i++) printf "(1, "; printf "1"
	for (i = 0; i < 128000; i++) printf ")"; print ""; print "#:" }' >"$t/b.py"
if within 30 "html: steps past every limit" "$QUEST" -C "$t" html -o "$TMP/hl.html" 2>"$TMP/err"; then
	note() { grep -c "<p class=\"code-note\"><i>Not highlighted: $1" "$TMP/hl.html"; }
	large=$(note 'it is larger than 60 KiB') deep=$(note 'its syntax nests more than 50,000 levels deep')
	slow=$(note 'highlighting it would take longer')
	plain=$(sed -n '/id="G:040"/,/<\/article>/p' "$TMP/hl.html" | grep -c '<span class="hl-keyword">static</span>')
	[ "$rc" -eq 0 ] && [ "$large" -eq 2 ] && [ "$deep" -eq 1 ] && [ "$slow" -eq 1 ] && [ "$plain" -eq 1 ] &&
	    grep -q '<span class="line"><span class="ln">3</span>int x = 1+1+1+1' "$TMP/hl.html" &&
	    ok "html: steps past every limit shown plain, each with its note; the others highlighted" ||
	    fail "html: steps past every limit shown plain, each with its note" "exit $rc, notes: $large large, $deep deep, $slow slow; plain step highlighted: $plain; $(head -3 "$TMP/err")"
	if command -v xmllint >/dev/null; then
		xmllint --noout "$TMP/hl.html" 2>"$TMP/xml" && ok "html: the page with notes is well-formed" ||
		    fail "html: the page with notes is well-formed" "$(head -3 "$TMP/xml")"
	fi
fi

# History asks a blob for its size before reading it: 2.9 MB of .git
# that held an 820 MB blob took stale and diff to 1.6 GB.  Here 256 MiB of
# zeros, a loose object of a few hundred KB, never in the work tree.
if command -v git >/dev/null; then
	r=$TMP/bomb
	mkdir -p "$r"
	(
		cd "$r" || exit 1
		export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@t
		export GIT_CONFIG_NOSYSTEM=1 HOME=$TMP
		git init -q -b main . &&
		printf '[chapter G]\nname = Guest\n' >.quest &&
		printf '/*G:010 A explains a.\n */\nint a = 1;\n/*:*/\n' >a.c &&
		git add .quest a.c &&
		sha=$(head -c 268435456 /dev/zero | git hash-object -w --stdin) &&
		git update-index --add --cacheinfo "100644,$sha,big.c" &&
		git commit -qm "a bomb" &&
		git rm -q --cached big.c &&
		printf '/*G:010 A explains a.\n */\nint a = 2;\n/*:*/\n' >a.c &&
		git commit -qam "no bomb"
	) || fail "history: a repository with a 256 MiB blob" "git failed"
	c=$(git -C "$r" rev-parse --short=7 HEAD~1)
	want="quest: warning: big.c in commit $c is 256 MiB, more than the 64 MiB quest reads of a file from history: its steps there are not read"
	# Its maximum resident set, by /usr/bin/time where there is one.
	timer=
	[ -x /usr/bin/time ] && timer="/usr/bin/time -o $TMP/rss -f %M"
	for cmd in "stale --since HEAD~1" "diff HEAD~1 HEAD"; do
		echo 0 >"$TMP/rss"
		# shellcheck disable=SC2086
		within 30 "history: $cmd over a 256 MiB blob" $timer "$QUEST" -C "$r" $cmd \
		    >"$TMP/bomb.out" 2>"$TMP/bomb.err" || continue
		kb=$(tail -n 1 "$TMP/rss")
		case $cmd in
		stale*) said=$(grep -c 'step G:010 is stale' "$TMP/bomb.err"); st=1 ;;
		diff*) said=$(grep -c '^  G:010 changed (code): a.c:1 -> a.c:1$' "$TMP/bomb.out"); st=0 ;;
		esac
		[ "$rc" -eq "$st" ] && [ "$said" -eq 1 ] && grep -qxF "$want" "$TMP/bomb.err" && [ "$kb" -lt 131072 ] &&
		    ok "history: $cmd skips a 256 MiB blob unread, says so, in ${kb} KB" ||
		    fail "history: $cmd skips a 256 MiB blob unread, says so" "exit $rc, max RSS $kb KB: $(head -3 "$TMP/bomb.err")"
	done
	[ -x /usr/bin/time ] || skip "history: the memory it takes" "no /usr/bin/time (Debian's time)"
	# diff matches steps by binary search and by hash: every removed step
	# was compared with every added one, 2,000 took 1.7 s.
	d=$TMP/diffs
	mkdir -p "$d"
	(
		cd "$d" || exit 1
		export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@t
		git init -q -b main . &&
		for k in 0 1; do
			awk -v k=$k 'BEGIN { for (i = 1; i <= 10000; i++) {
				f = sprintf("f%03d.c", int((i - 1) / 100))
				printf "/*G:%d Step %d%s.\n */\nint v%d;\n/*:*/\n", i * 10 + k, i,
				    i % 2 && k ? " anew" : "", i > f } }'
			git add -A && git commit -qm "c$k" || exit 1
		done
	) || fail "history: a repository of 10,000 steps" "git failed"
	if within 30 "diff: 10,000 steps renumbered, half with new prose" "$QUEST" -C "$d" diff HEAD~1 HEAD >"$TMP/diffs.out" 2>"$TMP/err"; then
		[ "$rc" -eq 0 ] && grep -qx 'summary: 10000 kept, 0 removed, 0 added; 10000 renumbered, 0 moved, 0 renamed, 5000 changed' "$TMP/diffs.out" &&
		    grep -qx '  G:21 renumbered (was G:20): f000.c:5 -> f000.c:5' "$TMP/diffs.out" &&
		    grep -qx '  G:11 renumbered (was G:10), changed (prose): f000.c:1 -> f000.c:1' "$TMP/diffs.out" &&
		    ok "diff: 10,000 steps renumbered, half with new prose, in time" ||
		    fail "diff: 10,000 steps renumbered, half with new prose" "exit $rc: $(tail -2 "$TMP/diffs.out") $(head -3 "$TMP/err")"
	fi
	# A commit's message is read for its trailers only up to 1 MiB.
	tree=$(git -C "$r" write-tree)
	big=$( { printf 'big\n\nQuest-Reviewed: G:010\n\n'; head -c 2097152 /dev/zero | tr '\0' a; } |
	    GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@t \
	    git -C "$r" commit-tree "$tree" -p HEAD)
	git -C "$r" update-ref refs/heads/main "$big"
	"$QUEST" -C "$r" stale --since HEAD~2 >"$TMP/bomb.out" 2>"$TMP/bomb.err"
	rc=$?
	[ "$rc" -eq 1 ] && grep -q 'step G:010 is stale' "$TMP/bomb.err" &&
	    grep -qxF "quest: warning: commit $(git -C "$r" rev-parse --short=7 HEAD) is 2 MiB, more than the 1 MiB quest reads of a commit: its Quest-Reviewed: trailers are not read" "$TMP/bomb.err" &&
	    ok "history: a commit of 2 MiB: its trailers unread, said so" ||
	    fail "history: a commit of 2 MiB: its trailers unread, said so" "exit $rc: $(head -c 600 "$TMP/bomb.err")"
else
	skip "history: a 256 MiB blob" "no git"
fi

# Step numbers stop at 999999999999999 (quest(5)): past it check says so,
# and quest new never wraps.  It printed G:1000000000000000 after
# G:999999999999990, and after G:18446744073709551620 a 4 that sorts first.
t=$TMP/num
mkdir -p "$t"
printf '/*G:10 a */\n/*G:999999999999990 b */\n' >"$t/a.c"
"$QUEST" -C "$t" new G >"$TMP/new.out" 2>"$TMP/new.err"
rc=$?
n1="$rc $(cat "$TMP/new.out") $(cat "$TMP/new.err")"
[ "$rc" -eq 1 ] && [ ! -s "$TMP/new.out" ] &&
    grep -qxF 'quest: no number after G:999999999999990: step numbers stop at 999999999999999; quest renumber makes room' "$TMP/new.err" &&
    n1=ok
printf '/*G:10 a */\n/*G:999999999999989 b */\n' >"$t/a.c"
n2=$("$QUEST" -C "$t" new G 2>&1)
printf '/*G:10 a */\n/*G:18446744073709551620 b */\n/*G:1000000000000000 c */\n/*G:999999999999999 d */\n' >"$t/a.c"
"$QUEST" -C "$t" check 2>"$TMP/check.err"
rc=$?
n3=$(grep -c 'number-too-large' "$TMP/check.err")
"$QUEST" -C "$t" new G >"$TMP/new.out" 2>"$TMP/new.err"
n4="$? $(cat "$TMP/new.out") $(cat "$TMP/new.err")"
n5=$("$QUEST" -C "$t" new --after G:999999999999999 G 2>&1)
n6=$("$QUEST" -C "$t" new --after G:10 G 2>&1)
if [ "$n1" = ok ] && [ "$n2" = G:999999999999990 ] && [ "$rc" -eq 1 ] && [ "$n3" -eq 2 ] &&
    grep -q '^a.c:2:1: error: step G:18446744073709551620 has a number larger than 999999999999999, the most a step may have; quest renumber gives its chapter smaller ones \[number-too-large\]$' "$TMP/check.err" &&
    grep -q '^a.c:3:1: error: step G:1000000000000000 has a number larger' "$TMP/check.err" &&
    case $n4 in "1  quest: no number after G:18446744073709551620: step numbers stop at"*) true ;; *) false ;; esac &&
    [ "$n5" = "quest: no number between G:999999999999999 and G:1000000000000000; quest renumber makes room" ] &&
    [ "$n6" = G:00000500000000000004 ]; then
	ok "numbers: past 999999999999999 an error; new says there is no room, never wraps"
else
	fail "numbers: past 999999999999999 an error; new says there is no room, never wraps" "new at the most: $n1
new below it: $n2
check: exit $rc, $n3 errors: $(cat "$TMP/check.err")
new after too large: $n4
new between: $n5 / $n6"
fi
# renumber is the cure: it runs on those errors alone, and its options
# name themselves when they are wrong.
"$QUEST" -C "$t" renumber --width 3 >/dev/null 2>"$TMP/ren.err"
rc=$?
"$QUEST" -C "$t" check >/dev/null 2>&1
crc=$?
"$QUEST" -C "$t" renumber --by 0 2>"$TMP/by.err"
"$QUEST" -C "$t" renumber --width 19 2>"$TMP/w.err"
[ "$rc" -eq 0 ] && [ "$crc" -eq 0 ] && grep -q '^/\*G:030 c \*/$' "$t/a.c" && grep -q '^/\*G:040 b \*/$' "$t/a.c" &&
    grep -qxF "quest: --by wants a number from 1 to 1000000, not '0'" "$TMP/by.err" &&
    grep -qxF "quest: --width wants a number from 1 to 18, not '19'" "$TMP/w.err" &&
    ok "numbers: renumber runs on numbers too large alone and makes them small; --by and --width name themselves" ||
    fail "numbers: renumber makes numbers too large small" "exit $rc, then check $crc: $(cat "$TMP/ren.err" "$TMP/by.err" "$TMP/w.err") $(cat "$t/a.c")"

finish
