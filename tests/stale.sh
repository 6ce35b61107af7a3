#!/bin/sh
# SPDX-License-Identifier: ISC (see LICENSE)
# tests/stale.sh: quest stale and quest diff over a real git history.
. "$(dirname "$0")/lib.sh"
export LC_ALL=C
if ! command -v git >/dev/null; then
	skip stale "no git to make a history with"
	finish
fi
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@t
export GIT_CONFIG_NOSYSTEM=1 HOME=$TMP
r=$TMP/repo
mkdir -p "$r"
cd "$r" || exit 2
git init -q -b main .
step() {	# NUMBER PROSE CODE
	printf '/*G:%s %s\n */\n%s\n/*:*/\n' "$1" "$2" "$3"
}
printf '[chapter G]\nname = Guest\n' >.quest
{ step 010 "A explains a." "int a = 1;"; step 020 "B explains b." "int b = 1;"; } >a.c
{ step 030 "C explains c." "int c = 1;"; step 040 "D explains d." "int d = 1;"; } >c.c
{ step 050 "E explains e." "int e = 1;"; step 060 "F explains f." "int f = 1;"; } >e.c
git add -A && git commit -qm "the tour"
c1=$(git rev-parse HEAD)
{ step 010 "A explains a." "int a = 2;"; step 020 "B explains b." "int b = 1;"; } >a.c
git commit -qam "A's code alone"
{ step 010 "A explains a." "int a = 2;"; step 020 "B explains b anew." "int b = 2;"; } >a.c
git commit -qam "B's code and prose"
{ step 035 "C explains c." "int c = 1;"; step 040 "D explains d." "int d = 1;"; } >c.c
git commit -qam "renumber C"
step 035 "C explains c." "int c = 1;" >c.c
step 040 "D explains d." "int d = 1;" >d.c
git add -A && git commit -qm "move D"
step 060 "F explains f." "int f = 1;" >e.c
git commit -qam "delete E"
step 060 "F explains f." "int f = 2;" >e.c
git commit -qam "F's code"
git commit -q --allow-empty -m "I re-read F and it is still true

Quest-Reviewed: G:060"

"$QUEST" stale --since "$c1" >"$TMP/out" 2>"$TMP/err"
rc=$?
if [ $rc -eq 1 ] && [ "$(grep -c '\[stale\]' "$TMP/err")" -eq 1 ] &&
    grep -q '^a.c:1:1: warning: step G:010 is stale: 1 line of its code changed' "$TMP/err"; then
	ok "stale --since the first commit: exactly A, exit 1"
else
	fail "stale --since the first commit: exactly A, exit 1" "exit $rc: $(cat "$TMP/err")"
fi
"$QUEST" stale --since "$c1" -v 2>&1 | grep -q '^+int a = 2;' &&
    ok "stale -v: the code's unified diff" || fail "stale -v: the code's unified diff"
"$QUEST" list --since "$c1" 2>&1 | grep -q '^! G:010 .*stale: 1 code line changed' &&
    ok "list --since: marks the stale step" || fail "list --since: marks the stale step" "$("$QUEST" list --since "$c1" 2>&1)"
"$QUEST" html --since "$c1" -o "$TMP/b.html" 2>&1
[ "$(grep -o 'class="badge stale"' "$TMP/b.html" | wc -l)" -eq 2 ] &&
    ok "html --since: a badge in the contents and on the step" || fail "html --since: a badge in the contents and on the step"
# Whole outputs, beside the expected ones in tests/history: each commit by
# its place on main (C1 the first), not by its hash.  STALE_UPDATE=1
# writes them from what quest prints, for a maintainer to read.
whole() {	# NAME COMMAND...: stdout and stderr, then the exit status
	n=$1
	git rev-list --reverse main | cut -c1-7 |
	    awk '{ printf "s/%s/C%d/g\n", $1, NR }' >"$TMP/names.sed"
	shift
	{ "$QUEST" "$@" 2>&1; echo "exit $?"; } | sed -f "$TMP/names.sed" >"$TMP/$n.out"
	[ -n "${STALE_UPDATE-}" ] && cp "$TMP/$n.out" "$TOP/tests/history/$n.out"
	if cmp -s "$TOP/tests/history/$n.out" "$TMP/$n.out"; then
		ok "history: $n, whole"
	else
		fail "history: $n, whole" "$(diff -u "$TOP/tests/history/$n.out" "$TMP/$n.out" | head -20)"
	fi
}
whole stale stale --since "$c1"
whole stale-v stale -v --since "$c1"
whole stale-json stale --format=json --since "$c1"
git commit -q --allow-empty -m "A is still true

Quest-Reviewed: G:010"
"$QUEST" stale --since "$c1" >"$TMP/out" 2>"$TMP/err"
rc=$?
[ $rc -eq 0 ] && [ ! -s "$TMP/err" ] && ok "stale: after a commit that reviews A, nothing, exit 0" ||
    fail "stale: after a commit that reviews A, nothing, exit 0" "exit $rc: $(cat "$TMP/err")"
# A chapter reviewed whole, and uncommitted work (the default REF, HEAD).
step 060 "F explains f." "int f = 3;" >e.c
"$QUEST" stale >"$TMP/out" 2>"$TMP/err"
[ $? -eq 1 ] && grep -q 'e.c:1:1: warning: step G:060 is stale' "$TMP/err" &&
    ok "stale: uncommitted work is judged against HEAD" || fail "stale: uncommitted work is judged against HEAD" "$(cat "$TMP/err")"
git commit -qam "F again

Quest-Reviewed: G"
"$QUEST" stale --since "$c1" >/dev/null 2>&1 && ok "stale: Quest-Reviewed: G reviews the whole chapter" ||
    fail "stale: Quest-Reviewed: G reviews the whole chapter"

# quest diff: the tour's own history.
"$QUEST" diff "$c1" HEAD >"$TMP/diff" 2>&1
if grep -q '^  G:020 changed (prose and code): a.c:5 -> a.c:5$' "$TMP/diff" &&
    grep -q '^  G:035 renumbered (was G:030): c.c:1 -> c.c:1$' "$TMP/diff" &&
    grep -q '^  G:040 moved: c.c:5 -> d.c:1$' "$TMP/diff" &&
    grep -q '^  G:050 removed: e.c:1 -> -$' "$TMP/diff" &&
    [ "$(grep -c '^  ' "$TMP/diff")" -eq 6 ]; then
	ok "diff: B changed, C renumbered, D moved, E removed"
else
	fail "diff: B changed, C renumbered, D moved, E removed" "$(cat "$TMP/diff")"
fi
"$QUEST" diff --format=json "$c1" >"$TMP/d.json" 2>&1
grep -q '"summary":{"kept":5,"removed":1,"added":0,"renumbered":1,"moved":1,"renamed":0,"changed":3}' "$TMP/d.json" &&
    ok "diff --format=json: the counts, against the work tree" || fail "diff --format=json: the counts, against the work tree" "$(tail -2 "$TMP/d.json")"
whole diff-text diff "$c1" HEAD
whole diff-json diff --format=json "$c1" HEAD
whole diff-back diff HEAD "$c1"
whole diff-worktree diff HEAD~3
sums() { find "$r" -path "$r/.git" -prune -o -type f -print | sort | xargs md5sum; }
git status --porcelain >"$TMP/st"
[ ! -s "$TMP/st" ] && ok "stale and diff write nothing in the tree" || fail "stale and diff write nothing in the tree" "$(cat "$TMP/st")"

# A branch answers only for its own changes.
git checkout -q -b feature "$c1"
printf 'int unrelated;\n' >u.c && git add u.c && git commit -qm "feature work"
"$QUEST" stale --since main >"$TMP/out" 2>"$TMP/err"
rc=$?
[ $rc -eq 0 ] && [ ! -s "$TMP/err" ] && ok "branch: changes made on main alone never make a step stale here" ||
    fail "branch: changes made on main alone never make a step stale here" "exit $rc: $(cat "$TMP/err")"
{ step 030 "C explains c." "int c = 9;"; step 040 "D explains d." "int d = 1;"; } >c.c
git commit -qam "C's code, on the branch"
"$QUEST" stale --since main 2>&1 | grep -q 'step G:030 is stale' &&
    ok "branch: its own change is judged" || fail "branch: its own change is judged"

# Errors: exit 2 and the cause.
"$QUEST" stale --since nosuchref >"$TMP/out" 2>"$TMP/err"
[ $? -eq 2 ] && grep -q "unknown revision 'nosuchref'" "$TMP/err" && ok "stale: an unknown REF, exit 2" ||
    fail "stale: an unknown REF, exit 2" "$(cat "$TMP/err")"
mkdir -p "$TMP/nogit" && printf '/*G:1 x\n */\n' >"$TMP/nogit/x.c"
"$QUEST" -C "$TMP/nogit" stale >"$TMP/out" 2>"$TMP/err"
[ $? -eq 2 ] && grep -q 'not in a git repository' "$TMP/err" && ok "stale: outside a git repository, exit 2" ||
    fail "stale: outside a git repository, exit 2" "$(cat "$TMP/err")"
"$QUEST" -C "$TMP/nogit" diff HEAD >"$TMP/out" 2>"$TMP/err"
[ $? -eq 2 ] && grep -q 'not in a git repository' "$TMP/err" && ok "diff: outside a git repository, exit 2" ||
    fail "diff: outside a git repository, exit 2" "$(cat "$TMP/err")"
git clone -q --depth 1 --no-single-branch "file://$r" "$TMP/shallow" 2>/dev/null
# libgit2 itself leaks on this path: tests/lsan.supp names the leak.
(cd "$TMP/shallow" && git checkout -q feature &&
    ASAN_OPTIONS="${ASAN_OPTIONS:-}:fast_unwind_on_malloc=0" \
    LSAN_OPTIONS="suppressions=$TOP/tests/lsan.supp" \
    "$QUEST" stale --since origin/main) >"$TMP/out" 2>"$TMP/err"
[ $? -eq 2 ] && grep -q 'shallow clone lacks the merge base of origin/main' "$TMP/err" &&
    ok "stale: a shallow clone without the merge base, exit 2" || fail "stale: a shallow clone without the merge base, exit 2" "$(cat "$TMP/err")"
# The base's tree gone from the object database: an error, and nothing of
# the report it began left behind (the sanitizers' leak check).
c=$TMP/corrupt
mkdir -p "$c" && git -C "$c" init -q && printf '/*G:1 x\n */\nint a;\n' >"$c/x.c" &&
    git -C "$c" add x.c && git -C "$c" commit -qm one &&
    printf '/*G:1 x\n */\nint b;\n' >"$c/x.c" && git -C "$c" commit -qam two &&
    t=$(git -C "$c" rev-parse HEAD~1^{tree}) && rm "$c/.git/objects/$(echo "$t" | cut -c1-2)/$(echo "$t" | cut -c3-)"
"$QUEST" -C "$c" stale --since HEAD~1 >"$TMP/out" 2>"$TMP/err"
[ $? -eq 2 ] && grep -q '^quest: stale: cannot read a commit' "$TMP/err" &&
    ! grep -q LeakSanitizer "$TMP/err" && ok "stale: the base's tree missing, exit 2" ||
    fail "stale: the base's tree missing, exit 2" "$(cat "$TMP/err")"
mkdir -p "$TMP/unborn" && git -C "$TMP/unborn" init -q && printf '/*G:1 x\n */\n' >"$TMP/unborn/x.c"
"$QUEST" -C "$TMP/unborn" stale >"$TMP/out" 2>"$TMP/err"
[ $? -eq 2 ] && grep -q 'no commit yet' "$TMP/err" && ok "stale: a repository with no commit, exit 2" ||
    fail "stale: a repository with no commit, exit 2" "$(cat "$TMP/err")"

# stale -v prints diffs that apply: the steps renumbered, moved to
# another file and renamed with their file, their code changed since.
a=$TMP/apply
mkdir -p "$a" && cd "$a" && git init -q -b main .
printf '[chapter G]\nname = Guest\n' >.quest
{ step 010 "A explains a." "int a = 1;"; step 015 "B explains b." "int b = 1;"; } >a.c
{ step 030 "C explains c." "int c = 1;"; step 040 "D explains d." "int d = 1;"; } >c.c
git add -A && git commit -qm "the tour"
{ step 005 "Z comes first." "int z;"; cat a.c; } >core.c && rm a.c
step 040 "D explains d." "int d = 1;" >d.c
step 030 "C explains c." "int c = 1;" >c.c
"$QUEST" renumber >/dev/null 2>&1
git add -A && git commit -qm "renumber, rename a.c, move D"
sed -i 's/= 1;/= 2;/' core.c c.c d.c
"$QUEST" stale -v --since HEAD~1 >"$TMP/v.out" 2>&1
grep -v ': warning: step .* \[stale\]$' "$TMP/v.out" >"$TMP/v.diff"
if [ "$(grep -c '\[stale\]$' "$TMP/v.out")" -eq 4 ] &&
    grep -q '^--- a/a.c$' "$TMP/v.diff" && grep -q '^+++ b/core.c$' "$TMP/v.diff" &&
    grep -q '^--- a/c.c$' "$TMP/v.diff" && grep -q '^+++ b/d.c$' "$TMP/v.diff" &&
    git apply --check -R "$TMP/v.diff" 2>"$TMP/err"; then
	ok "stale -v: four diffs, renamed and moved, that git apply --check -R takes"
else
	fail "stale -v: four diffs, renamed and moved, that git apply --check -R takes" "$(cat "$TMP/v.out" "$TMP/err")"
fi
# The web book: a step renumbered since REF answers to its old anchor.
"$QUEST" html --since HEAD~1 -o "$TMP/a.html" 2>/dev/null
if grep -q '<article class="step" id="G:030"><span class="was" id="G:015"></span>' "$TMP/a.html" &&
    [ "$(grep -c 'class="was"' "$TMP/a.html")" -eq 1 ] &&
    grep -q 'title="1 code line changed since HEAD~1, its prose did not"' "$TMP/a.html"; then
	ok "html --since: old anchors for renumbered steps, and the badge names its baseline"
else
	fail "html --since: old anchors for renumbered steps, and the badge names its baseline" "$(grep -o '<article[^>]*>.\{0,60\}' "$TMP/a.html")"
fi

# SARIF, valid by the schema: the four stale steps above.
"$QUEST" stale --since HEAD~1 --format=sarif >"$TMP/stale.sarif" 2>/dev/null
"$QUEST" stale -v --since HEAD~1 --format=sarif >"$TMP/stale-v.sarif" 2>/dev/null
cd "$r" && git checkout -q main
[ "$(grep -c '"ruleId":"stale"' "$TMP/stale.sarif")" -eq 4 ] &&
    grep -qF '"properties":{"detail":"--- a/a.c\n+++ b/core.c\n@@ ' "$TMP/stale-v.sarif" &&
    ok "stale: SARIF has a result for each stale step; with -v, its diff is the detail" ||
    fail "stale: SARIF has a result for each stale step; with -v, its diff is the detail" "$(head -c 600 "$TMP/stale-v.sarif")"
schema=$SHARED/sarif/sarif-schema-2.1.0.json
if [ -f "$schema" ] && [ -d "$TOP/tests/schema/node_modules" ]; then
	# validate.mjs says ok or not ok itself.
	node "$TOP/tests/schema/validate.mjs" "$schema" "$TMP/stale.sarif" "$TMP/stale-v.sarif" || true
else
	skip "stale: SARIF schema" "no $schema or no Ajv here"
fi

# The real history of lguest's tour: 2.6.23, then 4.13.
c=$SHARED/corpus
if [ -d "$c/lguest-early" ] && [ -d "$c/lguest-late" ]; then
	l=$TMP/lguest
	mkdir -p "$l" && cd "$l" && git init -q -b main .
	cp -r "$c/lguest-early/." . && rm -rf expected && chmod -R u+w . &&
	    git add -A && git commit -qm "Linux 2.6.23"
	git rm -rq . && cp -r "$c/lguest-late/." . && rm -rf expected && chmod -R u+w . &&
	    git add -A && git commit -qm "Linux 4.13"
	"$QUEST" diff --format=json HEAD~1 HEAD >"$TMP/l.json" 2>"$TMP/err"
	# An independent count: the tags, by grep, in each tree.  Every
	# step of 2.6.23 is kept or removed, every step of 4.13 kept or
	# added, whatever the match made of them.
	ids() {
		git -C "$l" grep -h -o -E '(/\*|//)[A-Z]+:[0-9]+([ 	]|$|\*/)' "$1" -- '*.c' '*.h' '*.S' |
		    sed -E 's,^(/\*|//),,; s,[ 	*/]*$,,' | awk -F: '{ printf "%s:%d\n", $1, $2 }' | sort -u
	}
	early=$(ids HEAD~1 | wc -l)
	late=$(ids HEAD | wc -l)
	sum=$(grep -o '"summary":{[^}]*}' "$TMP/l.json")
	kept=$(printf '%s' "$sum" | sed -E 's/.*"kept":([0-9]+).*/\1/')
	removed=$(printf '%s' "$sum" | sed -E 's/.*"removed":([0-9]+).*/\1/')
	added=$(printf '%s' "$sum" | sed -E 's/.*"added":([0-9]+).*/\1/')
	if [ -n "$sum" ] && [ $((kept + removed)) -eq "$early" ] &&
	    [ $((kept + added)) -eq "$late" ] && [ "$kept" -gt 80 ]; then
		ok "diff: lguest 2.6.23 to 4.13, $kept kept of $early steps then and $late now, as grep counts them"
	else
		fail "diff: lguest 2.6.23 to 4.13, as grep counts them" "grep: $early then, $late now; quest: $sum $(cat "$TMP/err")"
	fi
	# Steps matched by what they are: the renumbered G:032 (now G:031,
	# moved to lguest.h) and lguest.c's steps renamed with their file.
	"$QUEST" diff HEAD~1 HEAD >"$TMP/l.txt" 2>&1
	if grep -q '^  G:031 renumbered (was G:032), changed (prose): include/linux/lguest.h:74 -> include/linux/lguest.h:16$' "$TMP/l.txt" &&
	    grep -q '^  G:010 renamed with its file: drivers/lguest/lguest.c:69 -> arch/x86/lguest/boot.c:80$' "$TMP/l.txt"; then
		ok "diff: lguest, a step renumbered and steps renamed with their file"
	else
		fail "diff: lguest, a step renumbered and steps renamed with their file" "$(grep -E 'G:03[12]|G:010' "$TMP/l.txt")"
	fi
	"$QUEST" diff HEAD~1 HEAD | tail -n 1
else
	skip "diff: lguest history" "no $c/lguest-early and lguest-late here"
fi
finish
