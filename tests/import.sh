#!/bin/sh
# SPDX-License-Identifier: ISC (see LICENSE)
# tests/import.sh: quest import codetour.  CodeTour files with line,
# pattern, selection, directory, content and URI steps, into C, Python,
# shell and JavaScript files: each importable step a tag comment above its
# line, in the file's comment style and indentation, its Markdown wrapped;
# the others reported, exit 1; the --dry-run diff applies (git apply,
# patch) and is what the import does; a round trip through quest codetour
# gives back the files, lines and descriptions; a second import changes
# nothing; a file changed meanwhile is not clobbered; nothing is written
# outside the tree, nor through a symbolic link.
. "$(dirname "$0")/lib.sh"
export LC_ALL=C
command -v jq >/dev/null 2>&1 || { skip "import" "no jq"; finish; }

mk() {
	rm -rf "$1"
	mkdir -p "$1/src"
	cat >"$1/src/a.c" <<'EOF'
#include <stdio.h>

int
main(void)
{
	int x = 1;
	if (x) {
		printf("hi\n");
	}
	return 0;
}
EOF
	cat >"$1/src/b.py" <<'EOF'
import sys

def main():
    # read the arguments
    args = sys.argv
    return len(args)
EOF
	printf '#!/bin/sh\nset -e\necho hello\n' >"$1/src/c.sh"
	cat >"$1/src/d.js" <<'EOF'
// A module.
function add(a, b) {
  return a + b;
}
module.exports = add;
EOF
	printf '[tour]\ntitle = Imported\n' >"$1/.quest"
	cat >"$1/t.tour" <<'EOF'
{
  "$schema": "https://aka.ms/codetour-schema",
  "title": "Getting Started",
  "steps": [
    { "file": "src/a.c", "line": 6, "title": "The variable",
      "description": "Here `x` is set to one; a long line that goes on past the eightieth column, with a `code span that is long` and then - a dash.\n\n- first item\n- second item" },
    { "file": "src/a.c", "line": 8,
      "selection": { "start": { "line": 8, "character": 3 }, "end": { "line": 8, "character": 20 } },
      "description": "It prints." },
    { "file": "src/b.py", "pattern": "^\\s*args = ", "title": "Args",
      "description": "The **arguments**." },
    { "file": "src/b.py", "line": 4, "description": "A comment line." },
    { "file": "src/c.sh", "line": 2, "description": "Stop on errors." },
    { "file": "src/d.js", "line": 3, "title": "Add. Them", "description": "Adds." },
    { "directory": "src", "title": "Sources", "description": "A directory." },
    { "title": "Welcome", "description": "Content only." },
    { "uri": "https://example.com/", "description": "A page." },
    { "file": "src/a.c", "line": 99, "description": "Gone." },
    { "file": "src/b.py", "pattern": "nothing like this", "description": "x" },
    { "file": "../outside.c", "line": 1, "description": "x" },
    { "file": "src/missing.c", "line": 1, "description": "x" }
  ]
}
EOF
}

w=$TMP/w
mk "$w"
(cd "$w" && find . -type f | sort | xargs md5sum) >"$TMP/before"

# 1. The dry run: a diff on stdout, the reports on stderr, nothing changed.
"$QUEST" -C "$w" import codetour t.tour --dry-run >"$TMP/diff" 2>"$TMP/err"
st=$?
(cd "$w" && find . -type f | sort | xargs md5sum) >"$TMP/after"
if [ $st -eq 1 ] && cmp -s "$TMP/before" "$TMP/after" && [ ! -e "$w/.quest-renumber.d" ] &&
    grep -q '^diff --git a/src/a.c b/src/a.c$' "$TMP/diff"; then
	ok "import --dry-run: a diff, exit 1 (steps left out), nothing changed"
else
	fail "import --dry-run: a diff, exit 1 (steps left out), nothing changed" "status $st; $(cat "$TMP/err")"
fi
cat >"$TMP/want.err" <<'EOF'
quest: t.tour: 6 steps, as chapter GS (Getting Started)
quest: import: t.tour: step 7 (Sources): a directory step: no line to tag: not imported
quest: import: t.tour: step 8 (Welcome): a content step: no file to tag: not imported
quest: import: t.tour: step 9: a step of a URI, not a file of the tree: not imported
quest: import: t.tour: step 10: line 99 is past the end of src/a.c (11 lines): not imported
quest: import: t.tour: step 11: its pattern matches no line of src/b.py: not imported
quest: import: t.tour: step 12: ../outside.c: not a file of the tree: not imported
quest: import: t.tour: step 13: src/missing.c: No such file or directory: not imported
EOF
sort "$TMP/want.err" >"$TMP/want.sorted"
sort "$TMP/err" >"$TMP/err.sorted"
if cmp -s "$TMP/want.sorted" "$TMP/err.sorted"; then
	ok "import: directory, content, URI steps, a line past the end, a pattern that matches nothing, a file outside or missing: each reported with its .tour, index and title"
else
	fail "import: each step left out is reported" "$(diff "$TMP/want.sorted" "$TMP/err.sorted")"
fi

# 2. The diff applies, with git apply and with patch, and makes the tree
# the import makes.
cp -r "$w" "$TMP/ga"
cp -r "$w" "$TMP/pa"
if (cd "$TMP/ga" && git apply "$TMP/diff") 2>"$TMP/err" &&
    (cd "$TMP/pa" && patch -s -p1 <"$TMP/diff") 2>>"$TMP/err"; then
	ok "import --dry-run: the diff applies with git apply and patch"
else
	fail "import --dry-run: the diff applies with git apply and patch" "$(cat "$TMP/err")"
fi

"$QUEST" -C "$w" import codetour t.tour >"$TMP/out" 2>"$TMP/err"
st=$?
if [ $st -eq 1 ] && grep -q '^quest: imported; rewrote 5 files$' "$TMP/out" &&
    [ ! -e "$w/.quest-renumber.d" ] && ! ls -a "$w/src" | grep -q 'quest~'; then
	ok "import: exit 1 with steps left out; rewrote 5 files; no journal, no temporary file left"
else
	fail "import: exit 1, 5 files, nothing left" "status $st; $(cat "$TMP/out" "$TMP/err")"
fi
same=1
for f in .quest src/a.c src/b.py src/c.sh src/d.js; do
	cmp -s "$w/$f" "$TMP/ga/$f" && cmp -s "$w/$f" "$TMP/pa/$f" || same=0
done
[ $same -eq 1 ] && ok "import: the tree is what the dry run's diff makes" ||
    fail "import: the tree is what the dry run's diff makes" "$(diff -r "$w" "$TMP/ga" | head -20)"

# 3. Each file in its own style and indentation, the Markdown wrapped
# outside code spans, never a line that would open a block.
cat >"$TMP/a.c" <<'EOF'
#include <stdio.h>

int
main(void)
{
	/*GS:010 The variable
	 * ============
	 *
	 * Here `x` is set to one; a long line that goes on past the eightieth
	 * column, with a `code span that is long` and then - a dash.
	 *
	 * - first item
	 * - second item
	 */
	int x = 1;
	if (x) {
		/*GS:020 It prints.
		 */
		printf("hi\n");
		/*:*/
	}
	return 0;
}
EOF
cat >"$TMP/b.py" <<'EOF'
import sys

def main():
    #GS:040 A comment line.

    # read the arguments
    #GS:030 Args
    # ====
    #
    # The **arguments**.
    args = sys.argv
    return len(args)
EOF
printf '#!/bin/sh\n#GS:050 Stop on errors.\nset -e\necho hello\n' >"$TMP/c.sh"
cat >"$TMP/d.js" <<'EOF'
// A module.
function add(a, b) {
  //GS:060 Add. Them
  // =========
  //
  // Adds.
  return a + b;
}
module.exports = add;
EOF
printf '[tour]\ntitle = Imported\n\n[chapter GS]\nname = Getting Started\n' >"$TMP/quest.want"
for f in a.c b.py c.sh d.js; do
	if cmp -s "$TMP/$f" "$w/src/$f"; then
		ok "import: src/$f as expected"
	else
		fail "import: src/$f as expected" "$(diff "$TMP/$f" "$w/src/$f")"
	fi
done
cmp -s "$TMP/quest.want" "$w/.quest" && ok "import: the chapter added to .quest" ||
    fail "import: the chapter added to .quest" "$(diff "$TMP/quest.want" "$w/.quest")"
if "$QUEST" -C "$w" check >"$TMP/out" 2>&1; then
	ok "import: quest check is clean after it"
else
	fail "import: quest check is clean after it" "$(cat "$TMP/out")"
fi

# 4. Idempotence: a second import changes nothing, exit 0.
(cd "$w" && find . -type f | sort | xargs md5sum) >"$TMP/before"
"$QUEST" -C "$w" import codetour t.tour >"$TMP/out" 2>"$TMP/err"
st=$?
(cd "$w" && find . -type f | sort | xargs md5sum) >"$TMP/after"
if [ $st -eq 0 ] && cmp -s "$TMP/before" "$TMP/after" &&
    grep -q 'already imported, as chapter GS' "$TMP/out"; then
	ok "import: a second import of the same tour changes nothing, exit 0"
else
	fail "import: a second import changes nothing, exit 0" "status $st; $(cat "$TMP/out" "$TMP/err")"
fi
"$QUEST" -C "$w" import codetour --dry-run t.tour >"$TMP/out" 2>&1
[ $? -eq 0 ] && ! grep -q '^diff' "$TMP/out" && ok "import --dry-run: of a tour imported already, no diff" ||
    fail "import --dry-run: of a tour imported already, no diff" "$(cat "$TMP/out")"

# 5. The round trip: quest codetour gives back the files, the lines (the
# line each tag stands above) and the descriptions.
rt=$TMP/rt
rm -rf "$rt"
mkdir -p "$rt/lib"
awk 'BEGIN { for (i = 1; i <= 40; i++) printf("int v%d = %d;\n", i, i) }' >"$rt/lib/x.c"
awk 'BEGIN { for (i = 1; i <= 40; i++) printf("v%d = %d\n", i, i) }' >"$rt/lib/y.py"
awk 'BEGIN { for (i = 1; i <= 40; i++) printf("    echo %d\n", i) }' >"$rt/lib/z.sh"
awk 'BEGIN { for (i = 1; i <= 40; i++) printf("  let v%d = %d;\n", i, i) }' >"$rt/lib/w.js"
: >"$rt/.quest"
cat >"$rt/rt.tour" <<'EOF'
{
  "title": "Round Trip",
  "steps": [
    { "file": "lib/x.c", "line": 30, "title": "Late.", "description": "Late.\n\nA second `paragraph`." },
    { "file": "lib/x.c", "line": 3, "description": "Early; *emphasis*.\n\n1. one\n2. two" },
    { "file": "lib/y.py", "line": 12, "title": "Twelve", "description": "## Twelve\n\nSee `v12`." },
    { "file": "lib/z.sh", "pattern": "echo 7$", "description": "Seven." },
    { "file": "lib/w.js", "line": 20,
      "selection": { "start": { "line": 20, "character": 3 }, "end": { "line": 22, "character": 16 } },
      "description": "Three lines, selected." },
    { "file": "lib/x.c", "line": 35, "title": "A title of its own",
      "description": "The description, which does not repeat it." }
  ]
}
EOF
cp -r "$rt" "$TMP/rt.orig"
"$QUEST" -C "$rt" import codetour rt.tour >"$TMP/out" 2>"$TMP/err" &&
    "$QUEST" -C "$rt" codetour -o out >/dev/null 2>>"$TMP/err"
if [ $? -ne 0 ]; then
	fail "import: round trip through quest codetour" "$(cat "$TMP/out" "$TMP/err")"
else
	# Each line of the tour again: the line the step points at holds the
	# text it held before the import.
	bad=
	i=0
	while [ $i -lt 6 ]; do
		f=$(jq -r ".steps[$i].file" "$rt/rt.tour")
		d0=$(jq -r ".steps[$i].description" "$rt/rt.tour")
		line0=$(jq -r ".steps[$i].line // .steps[$i].selection.start.line // empty" "$rt/rt.tour")
		[ -n "$line0" ] || line0=7	# echo 7, the pattern's line
		j=$(jq -r --arg d "$d0" '[.steps[] | .description] | index($d)' "$rt"/out/*.tour)
		if [ "$j" = null ]; then
			bad="$bad; step $((i + 1)): description not given back"
		else
			f1=$(jq -r ".steps[$j].file" "$rt"/out/*.tour)
			l1=$(jq -r ".steps[$j].line" "$rt"/out/*.tour)
			if [ "$f1" != "$f" ] ||
			    [ "$(sed -n "${l1}p" "$rt/$f")" != "$(sed -n "${line0}p" "$TMP/rt.orig/$f")" ]; then
				bad="$bad; step $((i + 1)): $f1:$l1, not $f:$line0"
			fi
		fi
		i=$((i + 1))
	done
	t1=$(jq -r '[.steps[] | .title] | join("|")' "$rt"/out/*.tour)
	[ "$t1" = "RT:010 Late.|RT:020 Early; emphasis.|RT:030 Twelve|RT:040 Seven.|RT:050 Three lines, selected.|RT:060 A title of its own" ] ||
	    t1ok="titles: $t1"
	sel=$(jq -c '.steps[4].selection' "$rt"/out/*.tour)
	if [ -z "$bad" ] && [ -z "${t1ok:-}" ] &&
	    [ "$sel" = "$(jq -c '.steps[4].selection | .start.character = 1' "$rt"/out/*.tour)" ] &&
	    [ "$(jq -r '.steps[4].selection.end.line - .steps[4].selection.start.line' "$rt"/out/*.tour)" = 2 ]; then
		ok "import: round trip through quest codetour: the same files, lines and descriptions; the titles; a selection's lines"
	else
		fail "import: round trip through quest codetour" "$bad ${t1ok:-} $sel"
	fi
fi

# 6. A file saved by an editor as the import puts it in place is left as
# saved, exit 1: strace holds the first rename for two seconds.
if command -v strace >/dev/null && strace -o /dev/null true 2>/dev/null; then
	c=$TMP/c
	mk "$c"
	# LeakSanitizer does not work under ptrace.
	ASAN_OPTIONS=detect_leaks=0 strace -f -o /dev/null \
	    -e trace=rename,renameat,renameat2 \
	    -e inject=rename,renameat,renameat2:delay_enter=2000000:when=1 \
	    "$QUEST" -C "$c" import codetour t.tour >"$TMP/out" 2>&1 &
	pid=$!
	sleep 1
	printf '# edited in place\n' >>"$c/.quest"
	wait $pid
	st=$?
	if [ $st -eq 1 ] && grep -q '^quest: import: .quest: changed as it was imported: left as it is$' "$TMP/out" &&
	    grep -q 'edited in place' "$c/.quest" && ! grep -q 'chapter GS' "$c/.quest" &&
	    grep -q '/\*GS:010 The variable$' "$c/src/a.c" && ! ls -a "$c" "$c/src" | grep -q 'quest~'; then
		ok "import: a file saved as it is put in place is left as saved, exit 1"
	else
		fail "import: a file saved as it is put in place is left as saved" "status $st: $(cat "$TMP/out")"
	fi
	# Run again, the import puts in what it left, and no more.
	"$QUEST" -C "$c" import codetour t.tour >"$TMP/out" 2>&1
	st=$?
	"$QUEST" -C "$c" import codetour t.tour >>"$TMP/out" 2>&1
	st2=$?
	if [ $st -eq 0 ] && [ $st2 -eq 0 ] && grep -q 'edited in place' "$c/.quest" &&
	    [ "$(grep -c '^\[chapter GS\]$' "$c/.quest")" = 1 ] &&
	    [ "$(grep -c 'GS:010' "$c/src/a.c")" = 1 ] && "$QUEST" -C "$c" check >/dev/null 2>&1 &&
	    grep -q 'already imported' "$TMP/out"; then
		ok "import: run again after a file was left, it adds what is missing, once"
	else
		fail "import: run again after a file was left" "status $st $st2: $(cat "$TMP/out" "$c/.quest")"
	fi
else
	skip "import: a file saved as it is put in place" "needs strace that may trace"
fi

# 7. Symbolic links are refused, and nothing is written outside the tree.
s=$TMP/s
mk "$s"
printf 'int outside;\n' >"$TMP/outside.c"
ln -s ../outside.c "$s/src/link.c"
cat >"$s/l.tour" <<'EOF'
{ "title": "Links", "steps": [
  { "file": "src/link.c", "line": 1, "description": "Through a link." },
  { "file": "src/a.c", "line": 1, "description": "Fine." } ] }
EOF
osum=$(md5sum <"$TMP/outside.c")
"$QUEST" -C "$s" import codetour l.tour >"$TMP/out" 2>"$TMP/err"
st=$?
if [ $st -eq 1 ] && grep -q 'step 1: src/link.c: a symbolic link is on its way: refused: not imported' "$TMP/err" &&
    [ "$(md5sum <"$TMP/outside.c")" = "$osum" ] && [ -L "$s/src/link.c" ] &&
    grep -q '^/\*L:010 Fine\.$' "$s/src/a.c"; then
	ok "import: a file through a symbolic link is refused, the file beside the tree untouched"
else
	fail "import: a symbolic link refused" "status $st; $(cat "$TMP/out" "$TMP/err")"
fi
ln -s "$TMP/outside.c" "$TMP/s2link"
rm -rf "$TMP/s2"
mk "$TMP/s2"
rm "$TMP/s2/.quest"
ln -s "$TMP/s2link" "$TMP/s2/.quest"
"$QUEST" -C "$TMP/s2" import codetour t.tour >"$TMP/out" 2>&1
st=$?
[ $st -eq 2 ] && [ "$(md5sum <"$TMP/outside.c")" = "$osum" ] &&
    ok "import: a .quest that is a symbolic link is refused (exit 2)" ||
    fail "import: a .quest that is a symbolic link is refused" "status $st; $(cat "$TMP/out")"

# 8. Modes kept; a read-only file refused with nothing changed.
m=$TMP/m
mk "$m"
chmod 0751 "$m/src/c.sh"
"$QUEST" -C "$m" import codetour t.tour >/dev/null 2>&1
[ "$(stat -c %a "$m/src/c.sh")" = 751 ] && grep -q '^#GS:050' "$m/src/c.sh" &&
    ok "import: a file's mode is kept" || fail "import: a file's mode is kept" "$(stat -c %a "$m/src/c.sh")"
mk "$m"
chmod 0444 "$m/src/d.js"
(cd "$m" && find . -type f | sort | xargs md5sum) >"$TMP/before"
"$QUEST" -C "$m" import codetour t.tour >"$TMP/out" 2>&1
st=$?
(cd "$m" && find . -type f | sort | xargs md5sum) >"$TMP/after"
if [ $st -eq 2 ] && cmp -s "$TMP/before" "$TMP/after" && grep -q 'src/d.js: is read-only (mode 0444): refused; nothing was changed' "$TMP/out"; then
	ok "import: a read-only file refuses the whole import, nothing changed (exit 2)"
else
	fail "import: a read-only file refuses the import" "status $st; $(cat "$TMP/out")"
fi

# 9. Prefixes: --prefix, one taken, a title of no letters; a chapter of
# the same name with other steps refused.
p=$TMP/p
mk "$p"
printf '[chapter GS]\nname = Other\n' >>"$p/.quest"
printf '/*GS:010 Taken.\n */\n' >"$p/src/e.c"
"$QUEST" -C "$p" import codetour t.tour >/dev/null 2>&1
grep -q '^\[chapter GSA\]$' "$p/.quest" && grep -q '/\*GSA:010 The variable' "$p/src/a.c" &&
    ok "import: a prefix taken by the tour gets a letter more (GSA)" ||
    fail "import: a prefix taken gets a letter more" "$(cat "$p/.quest")"
mk "$p"
"$QUEST" -C "$p" import --prefix START codetour t.tour >/dev/null 2>&1
grep -q '^\[chapter START\]$' "$p/.quest" && grep -q '#START:050 Stop' "$p/src/c.sh" &&
    ok "import --prefix START: the chapter's prefix" || fail "import --prefix" "$(cat "$p/.quest")"
"$QUEST" -C "$p" import --prefix lower codetour t.tour >/dev/null 2>"$TMP/err"
[ $? -eq 2 ] && grep -q 'capital letters' "$TMP/err" && ok "import --prefix lower: refused (exit 2)" ||
    fail "import --prefix lower: refused" "$(cat "$TMP/err")"
sed 's/"Getting Started"/"Getting Started"/; s/"line": 6/"line": 7/' "$p/t.tour" >"$p/t2.tour"
"$QUEST" -C "$p" import codetour t2.tour >/dev/null 2>"$TMP/err"
st=$?
printf '{ "title": "Getting Started", "steps": [ { "file": "src/a.c", "line": 2, "description": "Other." } ] }\n' >"$p/t3.tour"
"$QUEST" -C "$p" import codetour t3.tour >/dev/null 2>"$TMP/err"
[ $? -eq 2 ] && grep -q "a chapter named 'Getting Started' already (START), with other steps: refused" "$TMP/err" &&
    ok "import: a chapter of the tour's name with other steps: refused (exit 2)" ||
    fail "import: a chapter of that name with other steps: refused" "$(cat "$TMP/err")"
printf '{ "title": "42", "steps": [ { "file": "src/a.c", "line": 2, "description": "Two." } ] }\n' >"$p/n.tour"
"$QUEST" -C "$p" import codetour n.tour >/dev/null 2>&1
grep -q '^\[chapter CT\]$' "$p/.quest" && ok "import: a title with no letter: prefix CT" ||
    fail "import: a title with no letter: prefix CT" "$(cat "$p/.quest")"

# A path written ./src//a.c is src/a.c; a byte order mark is skipped: the
# second import of it finds it there.
mk "$p"
printf '\357\273\277{ "title": "Dots", "steps": [ { "file": "./src//a.c", "line": 2, "description": "Two." } ] }\n' >"$p/dots.tour"
"$QUEST" -C "$p" import codetour dots.tour >/dev/null 2>&1
st=$?
"$QUEST" -C "$p" import codetour dots.tour >"$TMP/out" 2>&1
st2=$?
if [ $st -eq 0 ] && [ $st2 -eq 0 ] && [ "$(grep -c 'D:010' "$p/src/a.c")" = 1 ] && grep -q 'already imported' "$TMP/out"; then
	ok "import: ./src//a.c is src/a.c, a byte order mark is skipped; imported once"
else
	fail "import: ./src//a.c is src/a.c" "status $st; $(cat "$TMP/out")"
fi

# 10. Not a CodeTour file; no .quest; not codetour.
printf '{ "title": "x", "steps": [ { "file": 3 } ] }\n' >"$p/bad.tour"
"$QUEST" -C "$p" import codetour bad.tour >/dev/null 2>"$TMP/err"
[ $? -eq 2 ] && grep -q '^quest: import: bad.tour: not a CodeTour file: steps\[0\].file: not a string$' "$TMP/err" &&
    ok "import: a field of the wrong type: not a CodeTour file (exit 2)" ||
    fail "import: a field of the wrong type" "$(cat "$TMP/err")"
mk "$TMP/nq"
rm "$TMP/nq/.quest"
"$QUEST" -C "$TMP/nq" import codetour t.tour >/dev/null 2>"$TMP/err"
[ $? -eq 2 ] && grep -q '\.quest: not there' "$TMP/err" && ! ls -a "$TMP/nq/src" | grep -q quest &&
    ok "import: no .quest: refused, nothing written (exit 2)" || fail "import: no .quest" "$(cat "$TMP/err")"
"$QUEST" -C "$p" import json t.tour >/dev/null 2>"$TMP/err"
[ $? -eq 2 ] && grep -q 'codetour files only' "$TMP/err" && ok "import json: refused (exit 2)" ||
    fail "import json: refused" "$(cat "$TMP/err")"

# 11. A pattern that would run for ever stops at the match limit.
mk "$p"
awk 'BEGIN { for (i = 0; i < 30; i++) printf("a"); print "" }' >>"$p/src/a.c"
printf '{ "title": "Slow", "steps": [ { "file": "src/a.c", "pattern": "(a+)+$b", "description": "x" } ] }\n' >"$p/slow.tour"
t0=$(date +%s)
"$QUEST" -C "$p" import codetour slow.tour >/dev/null 2>"$TMP/err"
st=$?
if [ $st -eq 1 ] && [ $(($(date +%s) - t0)) -lt 20 ] && grep -q 'step 1: its pattern' "$TMP/err"; then
	ok "import: a pattern that backtracks for ever stops at the match limit, reported"
else
	fail "import: a pattern stops at the match limit" "status $st; $(cat "$TMP/err")"
fi
finish
