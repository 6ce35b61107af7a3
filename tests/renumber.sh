#!/bin/sh
# SPDX-License-Identifier: ISC (see LICENSE)
# tests/renumber.sh: quest renumber changes only digits, atomically, and a
# second run changes nothing; new, list --refs and check --format.
. "$(dirname "$0")/lib.sh"
export LC_ALL=C
sums() { (cd "$1" && find . -type f ! -path './expected/*' | sort | xargs md5sum); }

# The lguest tour: renumbered, it weaves the same text.
v=$SHARED/corpus/lguest-late
if [ -d "$v" ]; then
	r=$TMP/lguest
	cp -r "$v" "$r"
	chmod -R u+w "$r"
	"$QUEST" -C "$r" renumber >"$TMP/out" 2>&1 || fail "renumber: lguest-late" "$(cat "$TMP/out")"
	all=1
	for want in "$r"/expected/*.txt; do
		ch=${want##*/}; ch=${ch%.txt}
		[ "$ch" = Beer ] && set -- show || set -- show "$ch"
		"$QUEST" -C "$r" "$@" >"$TMP/got" 2>&1
		cmp -s "$TMP/got" "$want" || { all=0; fail "renumber: lguest-late quest $* unchanged" "$(diff "$want" "$TMP/got" | head)"; }
	done
	[ $all -eq 1 ] && ok "renumber: lguest-late weaves byte for byte as before, every chapter"
	"$QUEST" -C "$r" json | grep -o '"number":"[0-9]*"' | grep -v '0"$' >"$TMP/odd"
	[ ! -s "$TMP/odd" ] && ok "renumber: every tag a multiple of 10" || fail "renumber: every tag a multiple of 10" "$(head "$TMP/odd")"
	sums "$r" >"$TMP/s1"
	"$QUEST" -C "$r" renumber >/dev/null 2>&1
	sums "$r" >"$TMP/s2"
	cmp -s "$TMP/s1" "$TMP/s2" && ok "renumber: a second run changes no byte" || fail "renumber: a second run changes no byte"
	diff -r "$v" "$r" -x expected | grep '^[<>]' | grep -v '[A-Z]:[0-9]' >"$TMP/nondigit"
	[ ! -s "$TMP/nondigit" ] && ok "renumber: only lines with tags changed" || fail "renumber: only lines with tags changed" "$(head "$TMP/nondigit")"
else
	skip "renumber: lguest-late" "no $v here"
fi

# Cross-references, CRLF, modes, --dry-run, --by, --width.
t=$TMP/t
mkdir -p "$t/sub"
printf '[chapter G]\nname = Guest\n' >"$t/.quest"
printf '/*G:5 First; see [G:17] and [G:900], and `[G:17]` stays.\r\n */\r\nint a;\r\n/*:*/\r\n' >"$t/a.c"
printf '/*G:17 Second, after [G:5].\n */\nint b;\n' >"$t/sub/b.c"
printf '#!/bin/sh\n#G:0200 Third.\necho x[G:17]\n#:\n' >"$t/run.sh"
chmod 750 "$t/run.sh"
cp -r "$t" "$TMP/t0"
"$QUEST" -C "$t" renumber --dry-run >"$TMP/diff" 2>"$TMP/err"
if diff -r "$t" "$TMP/t0" >/dev/null && grep -q '^-/\*G:5 First; see \[G:17\]' "$TMP/diff" &&
    grep -q '^+/\*G:0010 First; see \[G:0020\] and \[G:900\]' "$TMP/diff" && grep -q '^--- a/sub/b.c' "$TMP/diff"; then
	ok "renumber --dry-run: a unified diff, nothing changed"
else
	fail "renumber --dry-run: a unified diff, nothing changed" "$(cat "$TMP/diff" "$TMP/err")"
fi
"$QUEST" -C "$t" renumber >"$TMP/out" 2>&1
printf '/*G:0010 First; see [G:0020] and [G:900], and `[G:17]` stays.\r\n */\r\nint a;\r\n/*:*/\r\n' >"$TMP/want"
cmp -s "$t/a.c" "$TMP/want" && ok "renumber: tags and references, CRLF kept, unknown and quoted refs left" ||
    fail "renumber: tags and references, CRLF kept, unknown and quoted refs left" "$(od -c "$t/a.c" | head)"
grep -q '^echo x\[G:17\]$' "$t/run.sh" && ok "renumber: a bracket in code is no reference" ||
    fail "renumber: a bracket in code is no reference" "$(cat "$t/run.sh")"
grep -q '^#G:0030 Third' "$t/run.sh" && [ "$(stat -c %a "$t/run.sh")" = 750 ] &&
    ok "renumber: the mode of a file stays" || fail "renumber: the mode of a file stays" "$(stat -c %a "$t/run.sh")"
"$QUEST" -C "$t" renumber --by 5 --width 2 G >/dev/null 2>&1
grep -q '^/\*G:05 First; see \[G:10\]' "$t/a.c" && grep -q '^#G:15 Third' "$t/run.sh" &&
    ok "renumber --by 5 --width 2 G" || fail "renumber --by 5 --width 2 G" "$(head -1 "$t/a.c" "$t/run.sh")"
ls -a "$t" "$t/sub" | grep -q 'quest~\|quest-renumber' && fail "renumber: no temporary file left" ||
    ok "renumber: no temporary file left"

# It refuses while check finds an error, and says which: here an intro
# that is a directory.  (A duplicate-step, which it resolves, does not
# stop it: tests/renumber-merge.sh.)
cp "$t/.quest" "$TMP/quest0"
printf '[tour]\nintro = sub\n' | cat - "$TMP/quest0" >"$t/.quest"
sums "$t" >"$TMP/s0"
"$QUEST" -C "$t" renumber >"$TMP/out" 2>&1
rc=$?
[ $rc -eq 1 ] && grep -q 'bad-intro' "$TMP/out" && grep -q 'refuses' "$TMP/out" && sums "$t" | cmp -s - "$TMP/s0" &&
    ok "renumber: refuses while check finds an error" || fail "renumber: refuses while check finds an error" "exit $rc: $(cat "$TMP/out")"
cp "$TMP/quest0" "$t/.quest"

# quest new.
[ "$("$QUEST" -C "$t" new G 2>&1)" = "G:20" ] && ok "new: the next multiple of ten after the last step" ||
    fail "new: the next multiple of ten after the last step" "$("$QUEST" -C "$t" new G 2>&1)"
[ "$("$QUEST" -C "$t" new --after G:05 G 2>&1)" = "G:07" ] && ok "new --after: halfway to the next step" ||
    fail "new --after: halfway to the next step" "$("$QUEST" -C "$t" new --after G:05 G 2>&1)"
printf '/*G:11 close\n */\n' >"$t/c.c"
"$QUEST" -C "$t" new --after G:10 G >"$TMP/out" 2>&1
[ $? -eq 1 ] && grep -q 'no number between G:10 and G:11; quest renumber' "$TMP/out" &&
    ok "new --after: no room says so" || fail "new --after: no room says so" "$(cat "$TMP/out")"
rm "$t/c.c"

# list --refs: who refers to whom.
"$QUEST" -C "$t" list --refs >"$TMP/refs" 2>&1
grep -q 'refers to: G:10' "$TMP/refs" && grep -q 'referred to by: G:10' "$TMP/refs" &&
    ok "list --refs: both directions" || fail "list --refs: both directions" "$(cat "$TMP/refs")"

# Write failures: a file too big for RLIMIT_FSIZE, a directory not writable.
f=$TMP/f
mkdir -p "$f/ro"
printf '/*G:1 small\n */\n' >"$f/a.c"
{ printf '/*G:2 big\n */\n'; i=0; while [ $i -lt 3000 ]; do printf 'int pad%d; /* padding padding padding padding */\n' $i; i=$((i+1)); done; } >"$f/big.c"
printf '/*G:3 last\n */\n' >"$f/z.c"
sums "$f" >"$TMP/f0"
(ulimit -f 100 && exec "$QUEST" -C "$f" renumber) >"$TMP/out" 2>&1
rc=$?
if [ $rc -eq 2 ] && grep -q 'quest: renumber: big.c: cannot write: File too large; nothing was changed' "$TMP/out" &&
    sums "$f" | cmp -s - "$TMP/f0" && ! ls -a "$f" | grep -q 'quest~'; then
	ok "renumber: a write that fails part-way (RLIMIT_FSIZE) changes nothing, says why"
else
	fail "renumber: a write that fails part-way (RLIMIT_FSIZE) changes nothing, says why" "exit $rc: $(cat "$TMP/out"; ls -a "$f")"
fi
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
	printf '/*G:7 read-only\n */\n' >"$f/ro/r.c"
	chown -R 65534:65534 "$f"; chmod 555 "$f/ro"; chmod 755 "$TMP"
	sums "$f" >"$TMP/f1"
	setpriv --reuid=65534 --regid=65534 --clear-groups "$QUEST" -C "$f" renumber >"$TMP/out" 2>&1
	rc=$?
	[ $rc -eq 2 ] && grep -q 'quest: renumber: ro/r.c: cannot write: Permission denied; nothing was changed' "$TMP/out" &&
	    sums "$f" | cmp -s - "$TMP/f1" && ok "renumber: a directory it cannot write in changes nothing" ||
	    fail "renumber: a directory it cannot write in changes nothing" "exit $rc: $(cat "$TMP/out")"
	chmod 755 "$f/ro"
else
	skip "renumber: unwritable directory" "needs root and setpriv to drop to nobody"
fi
finish
