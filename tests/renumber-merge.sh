#!/bin/sh
# SPDX-License-Identifier: ISC (see LICENSE)
# tests/renumber-merge.sh: two branches that each add step S:030 (quest new
# gave both the same free number) merge into a duplicate-step; quest
# renumber resolves it in tour order and leaves the reference to S:030,
# which could mean either step, as it is, saying so with both places.
. "$(dirname "$0")/lib.sh"
export LC_ALL=C
if ! command -v git >/dev/null; then
	skip renumber-merge "no git to make a history with"
	finish
fi
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@t
export GIT_CONFIG_NOSYSTEM=1 HOME=$TMP
r=$TMP/repo
mkdir -p "$r"
cd "$r" || exit 2
git init -q -b main .
printf '[tour]\ntitle = Merged\n\n[chapter S]\nname = Sample\n' >.quest
printf '/*S:010 Start; the last step is [S:040].\n */\nint a;\n/*:*/\n\n/*S:020 Then this.\n */\nint b;\n/*:*/\n' >a.c
printf '/*S:040 Last, after [S:020].\n */\nint z;\n/*:*/\n' >z.c
git add -A && git commit -qm "the tour"

# Each branch asks for a free number after S:020, and gets the same one.
git checkout -q -b one
n1=$("$QUEST" new --after S:020 S)
printf '/*%s One, before [S:040].\n */\nint one;\n/*:*/\n' "$n1" >one.c
sed -i 's/^\/\*S:010 Start;/\/*S:010 Start, then [S:030];/' a.c
git add -A && git commit -qm "one: a step"
git checkout -q main
git checkout -q -b two
n2=$("$QUEST" new --after S:020 S)
printf '/*%s Two.\n */\nint two;\n/*:*/\n' "$n2" >two.c
git add -A && git commit -qm "two: a step"
git checkout -q main
git merge -q --no-edit one && git merge -q --no-edit two >/dev/null 2>&1
if [ "$n1" = S:030 ] && [ "$n2" = S:030 ] && [ -f one.c ] && [ -f two.c ] &&
    [ -z "$(git status --porcelain)" ]; then
	ok "renumber-merge: two branches that each added S:030 merge cleanly"
else
	fail "renumber-merge: two branches that each added S:030 merge cleanly" "$n1 $n2: $(git status --short; git log --oneline)"
	finish
fi

# check: the duplicate is an error that says renumber is the cure, and
# the reference to S:030 is ambiguous, with both places.
"$QUEST" check >"$TMP/out" 2>"$TMP/err"
rc=$?
cat >"$TMP/want" <<'EOF'
a.c:1:21: warning: [S:030] is ambiguous: step S:030 is at one.c:1 and at two.c:1 [ambiguous-ref]
two.c:1:1: error: step S:030 is also at one.c:1; quest renumber gives each a number of its own [duplicate-step]
EOF
if [ $rc -eq 1 ] && cmp -s "$TMP/want" "$TMP/err" && [ ! -s "$TMP/out" ]; then
	ok "renumber-merge: check finds the duplicate and the ambiguous reference"
else
	fail "renumber-merge: check finds the duplicate and the ambiguous reference" "exit $rc: $(diff "$TMP/want" "$TMP/err")"
fi

# A dry run says the same as the run, and changes nothing.
"$QUEST" renumber --dry-run >"$TMP/diff" 2>"$TMP/err"
rc=$?
cat >"$TMP/want" <<'EOF'
a.c:1:21: warning: [S:030] is ambiguous: step S:030 is at one.c:1 and at two.c:1, renumbered S:030 and S:040; left as it is [ambiguous-ref]
EOF
if [ $rc -eq 1 ] && cmp -s "$TMP/want" "$TMP/err" && [ -z "$(git status --porcelain)" ] &&
    grep -q '^+/\*S:040 Two\.' "$TMP/diff" && grep -q '^+/\*S:050 Last' "$TMP/diff" &&
    grep -qx '+/\*S:010 Start, then \[S:030\]; the last step is \[S:050\]\.' "$TMP/diff"; then
	ok "renumber-merge: --dry-run shows the renumber and the warning, changes nothing, exit 1"
else
	fail "renumber-merge: --dry-run shows the renumber and the warning, changes nothing, exit 1" "exit $rc: $(cat "$TMP/err" "$TMP/diff")"
fi

# renumber: one.c keeps 030 (first in tour order: path, then line), two.c
# gets 040, z.c's step 050; the reference to S:040 follows it, the one
# to S:030 stays as it was written.  Exit 1: a reference to edit by hand.
"$QUEST" renumber >"$TMP/out" 2>"$TMP/err"
rc=$?
git diff >"$TMP/gitdiff"
if [ $rc -eq 1 ] && cmp -s "$TMP/want" "$TMP/err" &&
    [ "$(cat "$TMP/out")" = "quest: renumbered 2 steps; rewrote 4 files" ] &&
    head -1 a.c | grep -qx '/\*S:010 Start, then \[S:030\]; the last step is \[S:050\]\.' &&
    head -1 one.c | grep -qx '/\*S:030 One, before \[S:050\]\.' &&
    head -1 two.c | grep -qx '/\*S:040 Two\.' &&
    head -1 z.c | grep -qx '/\*S:050 Last, after \[S:020\]\.' &&
    [ "$(git diff --numstat | awk '{ a += $1; d += $2 } END { print a, d }')" = "4 4" ]; then
	ok "renumber-merge: renumber numbers the two in tour order and leaves the ambiguous reference, exit 1"
else
	fail "renumber-merge: renumber numbers the two in tour order and leaves the ambiguous reference, exit 1" "exit $rc: $(cat "$TMP/out" "$TMP/err" "$TMP/gitdiff")"
fi

# Afterwards check is clean: the reference, as written, names a step
# again (S:030, the first of the two), which is why renumber said so.
"$QUEST" check >"$TMP/out" 2>"$TMP/err"
rc=$?
if [ $rc -eq 0 ] && [ ! -s "$TMP/err" ] && [ ! -s "$TMP/out" ] &&
    ! ls -a . .git | grep -q 'quest~\|quest-renumber'; then
	ok "renumber-merge: check is clean after, no journal or temporary file left"
else
	fail "renumber-merge: check is clean after, no journal or temporary file left" "exit $rc: $(cat "$TMP/err")"
fi
git commit -qam "quest renumber"
"$QUEST" renumber >"$TMP/out" 2>&1
rc=$?
if [ $rc -eq 0 ] && [ ! -s "$TMP/out" ] && [ -z "$(git status --porcelain)" ]; then
	ok "renumber-merge: a second renumber changes nothing, exit 0"
else
	fail "renumber-merge: a second renumber changes nothing, exit 0" "exit $rc: $(cat "$TMP/out")"
fi

# Three steps of one number, one of them written 30: check names every
# place, with the other spelling, and renumber gives each its own.
printf '/*S:030 Four.\n */\nint four;\n/*:*/\n' >four.c
printf '/*S:30 Three; see [S:30].\n */\nint three;\n/*:*/\n' >three.c
"$QUEST" check >"$TMP/out" 2>"$TMP/err"
rc=$?
cat >"$TMP/want" <<'EOF'
a.c:1:21: warning: [S:030] is ambiguous: step S:030 is at four.c:1, at one.c:1 and at three.c:1 (as S:30) [ambiguous-ref]
one.c:1:1: error: step S:030 is also at four.c:1; quest renumber gives each a number of its own [duplicate-step]
three.c:1:1: error: step S:30 is also at one.c:1, written S:030; quest renumber gives each a number of its own [duplicate-step]
three.c:1:19: warning: [S:30] is ambiguous: step S:030 is at four.c:1, at one.c:1 and at three.c:1 (as S:30) [ambiguous-ref]
EOF
if [ $rc -eq 1 ] && cmp -s "$TMP/want" "$TMP/err"; then
	ok "renumber-merge: three steps of one number, written two ways: every place named"
else
	fail "renumber-merge: three steps of one number, written two ways: every place named" "exit $rc: $(diff "$TMP/want" "$TMP/err")"
fi
"$QUEST" renumber >"$TMP/out" 2>"$TMP/err"
rc=$?
if [ $rc -eq 1 ] && grep -qx 'three.c:1:19: warning: \[S:30\] is ambiguous: step S:030 is at four.c:1, at one.c:1 and at three.c:1 (as S:30), renumbered S:030, S:040 and S:050; left as it is \[ambiguous-ref\]' "$TMP/err" &&
    head -1 four.c | grep -qx '/\*S:030 Four\.' && head -1 one.c | grep -q '^/\*S:040 One' &&
    head -1 three.c | grep -qx '/\*S:050 Three; see \[S:30\]\.' && head -1 two.c | grep -q '^/\*S:060 Two' &&
    "$QUEST" check >/dev/null 2>&1; then
	ok "renumber-merge: renumber gives each of the three its own number"
else
	fail "renumber-merge: renumber gives each of the three its own number" "exit $rc: $(cat "$TMP/err"; head -1 four.c one.c three.c two.c)"
fi
finish
