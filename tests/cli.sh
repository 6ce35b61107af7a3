#!/bin/sh
# SPDX-License-Identifier: ISC (see LICENSE)
# tests/cli.sh: the command line, and bad input of every kind: a clear
# message, the documented exit status, never a crash or a hang.
. "$(dirname "$0")/lib.sh"
export LC_ALL=C

# expect NAME STATUS PATTERN -- ARGS: run quest, check the exit status and
# that stderr (or stdout for a status of 0) matches the extended regex.
expect() {
	name=$1 want=$2 pat=$3
	shift 4
	timeout 20 "$QUEST" "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
	got=$?
	if [ "$got" -ne "$want" ]; then
		fail "$name" "exit $got, want $want: $(cat "$TMP/err")"
	elif [ -z "$pat" ] && [ -s "$TMP/err" ]; then
		fail "$name" "stderr should be empty: $(cat "$TMP/err")"
	elif [ -n "$pat" ] && ! cat "$TMP/out" "$TMP/err" | grep -Eq -- "$pat"; then
		fail "$name" "no /$pat/ in: $(cat "$TMP/out" "$TMP/err")"
	elif grep -q 'runtime error\|AddressSanitizer\|LeakSanitizer' "$TMP/err"; then
		fail "$name" "$(cat "$TMP/err")"
	else
		ok "$name"
	fi
}

t=$TMP/t
mkdir -p "$t/src" "$TMP/empty"
cat >"$t/.quest" <<'Q'
[tour]
title = A test tour
[chapter G]
name = Guest
[chapter H]
name = Host
Q
printf '/*G:010 First.\n */\nint a;\n/*:*/\n' >"$t/src/a.c"
printf '/*H:010 Host.\n */\nint h;\n' >"$t/src/h.c"
printf '#!/bin/sh\n#G:020 Second, in a script.\necho hi\n#:\n' >"$t/src/run"

expect "no command: usage, exit 2" 2 '^usage: quest' --
expect "unknown command" 2 "no command 'frob'" -- frob
expect "--help exits 0" 0 '^usage: quest' -- --help
expect "help show" 0 'usage: quest show' -- help show
expect "show --help" 0 'usage: quest show' -- show --help
expect "--version" 0 '^quest [0-9]' -- --version
expect "unknown option" 2 'unknown option' -- --frob show
expect "-j 0 refused" 2 '-j wants a number' -- -j 0 show
expect "-j without a number" 2 '-j wants a number' -- -j x show
expect "--werror outside check" 2 'option of quest check' -- show --werror
expect "check takes no operand" 2 'takes no operand' -- -C "$t" check foo
expect "-C a missing directory" 2 "cannot change to $TMP/nope: No such file" -- -C "$TMP/nope" show
expect "--files-from a missing file" 2 "$TMP/nope: No such file" -- -C "$t" --files-from "$TMP/nope" show
expect "unknown chapter lists the chapters" 2 "no chapter 'Nope'.*" -- -C "$t" show Nope
grep -q '  Guest (G)' "$TMP/err" && grep -q '  Host (H)' "$TMP/err" &&
    ok "unknown chapter: both chapters listed" || fail "unknown chapter: both chapters listed" "$(cat "$TMP/err")"
expect "show by name" 0 'int a;' -- -C "$t" show Guest
expect "show by prefix" 0 'echo hi' -- -C "$t" show G
expect "a #! script is read" 0 '^# Second, in a script' -- -C "$t" show G
expect "options after the command" 0 'int h;' -- show -C "$t" H
expect "list" 0 '^  G:010  src/a.c:1 +First\.$' -- -C "$t" list
expect "check clean" 0 '' -- -C "$t" check
expect "empty tree: show says so, exit 0" 0 'no steps found' -- -C "$TMP/empty" show
[ ! -s "$TMP/out" ] && ok "empty tree: nothing on stdout" || fail "empty tree: nothing on stdout"
expect "empty tree: check clean" 0 '' -- -C "$TMP/empty" check
expect "list --list-diagnostics" 0 'duplicate-step +error' -- check --list-diagnostics

# --files-from: newline and NUL separated, relative to where quest started.
(cd "$t/src" && printf 'a.c\n' | "$QUEST" --files-from - show G) >"$TMP/out" 2>"$TMP/err"
grep -q 'int a;' "$TMP/out" && ! grep -q 'echo hi' "$TMP/out" &&
    ok "--files-from - reads only the files named" || fail "--files-from - reads only the files named" "$(cat "$TMP/out" "$TMP/err")"
(cd "$t" && find . -print0 | "$QUEST" --files-from - show) >"$TMP/out" 2>"$TMP/err"
(cd "$t" && "$QUEST" show) >"$TMP/want" 2>&1
cmp -s "$TMP/out" "$TMP/want" && ok "--files-from with find -print0 (NULs, directories)" ||
    fail "--files-from with find -print0 (NULs, directories)" "$(diff "$TMP/want" "$TMP/out")"
printf 'src/a.c\nsrc/gone.c\n../../etc/passwd\n' >"$TMP/list"
expect "--files-from: a missing path is an error" 1 \
    "list:2: error: 'src/gone.c': No such file or directory \[missing-file\]" -- -C "$t" --files-from "$TMP/list" check
grep -q "outside-root" "$TMP/err" && ok "--files-from: a path outside the root" ||
    fail "--files-from: a path outside the root" "$(cat "$TMP/err")"

# A bad config names its file and line, and stops everything with 2.
b=$TMP/bad; mkdir -p "$b"
printf '[tour]\ntitle = x\nthis is not ini\n' >"$b/.quest"
expect "config syntax error" 2 '^\.quest:3:1: error: syntax error' -- -C "$b" show
printf '[chapter g]\nname = x\n' >"$b/.quest"
expect "config: bad prefix" 2 "^\.quest:1:1: error: chapter prefix 'g'" -- -C "$b" check
printf '[tour]\ncolour = blue\n' >"$b/.quest"
expect "config: unknown key is a warning" 0 "^\.quest:2:1: warning: unknown key 'colour'" -- -C "$b" check
expect "config: --werror makes it an error" 1 'error: unknown key' -- -C "$b" check --werror
mkdir "$b/.quest.d" 2>/dev/null; rm -f "$b/.quest"; mkdir "$b/.quest"
expect "a .quest directory is no config" 0 'no steps found' -- -C "$b" show

# Files that must never block or be followed.
w=$TMP/weird; mkdir -p "$w/d"
printf '/*G:010 Real.\n:*/\n' >"$w/real.c"
mkfifo "$w/pipe.c"
ln -s loop.c "$w/loop.c"
ln -s d "$w/d/up"
ln -s ../real.c "$w/d/link.c"
printf '/*G:020 bin\0ary */\n' >"$w/bin.c"
expect "FIFOs, symlink loops and binaries are skipped" 0 '^\[ real\.c \]$' -- -C "$w" show
grep -c '^\[' "$TMP/out" | grep -qx 1 && ok "only the regular text file is read" ||
    fail "only the regular text file is read" "$(cat "$TMP/out")"

# An unreadable file is an error naming it (root reads everything: drop to nobody).
u=$TMP/unread; mkdir -p "$u"
printf '/*G:010 ok\n:*/\n' >"$u/ok.c"
printf '/*G:020 secret\n:*/\n' >"$u/secret.c"
chmod 000 "$u/secret.c"
chmod 755 "$TMP" "$u"
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
	run_as() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
else
	run_as() { "$@"; }
fi
if [ "$(id -u)" -eq 0 ] && ! command -v setpriv >/dev/null; then
	skip "unreadable file" "running as root without setpriv"
else
	run_as "$QUEST" -C "$u" check >"$TMP/out" 2>"$TMP/err"
	rc=$?
	[ $rc -eq 1 ] && grep -q '^secret.c: error: cannot open: Permission denied \[unreadable\]' "$TMP/err" &&
	    ok "an unreadable file is an error, exit 1" || fail "an unreadable file is an error, exit 1" "exit $rc: $(cat "$TMP/err")"
	run_as "$QUEST" -C "$u" show >"$TMP/out" 2>"$TMP/err"
	rc=$?
	[ $rc -eq 1 ] && grep -q 'ok' "$TMP/out" && ok "show still weaves the rest, exit 1" ||
	    fail "show still weaves the rest, exit 1" "exit $rc"
fi

# Output that cannot be written: every writer, small (the error comes at
# the last flush) and large (it comes while the writer writes), names the
# output that failed and why, exit 2.
big=$TMP/big; mkdir -p "$big"
awk 'BEGIN { for (i = 1; i <= 40; i++) {
	printf "/*G:%03d Step %d.\n */\n", i * 10, i
	for (j = 0; j < 100; j++) printf "int v%d_%d = %d;\n", i, j, j
	print "/*:*/" } }' >"$big/big.c"
if [ -w /dev/full ]; then
	for tree in "$t" "$big"; do
		for c in show list html md json "check --format=json" "help" "--help"; do
			# shellcheck disable=SC2086
			"$QUEST" -C "$tree" $c >/dev/full 2>"$TMP/err"
			rc=$?
			if [ $rc -eq 2 ] && grep -qx 'quest: standard output: No space left on device' "$TMP/err"; then
				ok "a write error on quest $c (${tree##*/}) names standard output, exit 2"
			else
				fail "a write error on quest $c (${tree##*/}) names standard output, exit 2" "exit $rc: $(cat "$TMP/err")"
			fi
		done
	done
	"$QUEST" -C "$big" json -o /dev/full 2>"$TMP/err"
	rc=$?
	[ $rc -eq 2 ] && grep -qx 'quest: /dev/full: No space left on device' "$TMP/err" &&
	    ok "a write error on -o names the file, exit 2" ||
	    fail "a write error on -o names the file, exit 2" "exit $rc: $(cat "$TMP/err")"
	"$QUEST" -C "$big" codetour -o "$TMP/tours" >/dev/full 2>"$TMP/err"
	rc=$?
	[ $rc -eq 2 ] && grep -qx 'quest: standard output: No space left on device' "$TMP/err" &&
	    ok "codetour: a write error on the names it prints is standard output's" ||
	    fail "codetour: a write error on the names it prints is standard output's" "exit $rc: $(cat "$TMP/err")"
else
	skip "write error" "no /dev/full"
fi

# A bad number names its option; an option elsewhere is named, not its
# argument.
expect "--by: a bad number names the option" 2 "^quest: --by wants a number from 1 to 1000000, not 'x'$" -- -C "$t" renumber --by x
expect "--width: a bad number names the option" 2 "^quest: --width wants a number from 1 to 18, not '19'$" -- -C "$t" renumber --width=19
expect "--jobs: a bad number names the option" 2 "^quest: -j wants a number from 1 to 1024, not '0'$" -- --jobs=0 show
expect "--by elsewhere names --by, not its argument" 2 '^quest: --by is an option of quest renumber and coverage$' -- show --by 3
expect "--since before the command names its commands" 2 '^quest: --since is an option of quest list, html and stale$' -- --since HEAD list
expect "-o before the command names its commands" 2 '^quest: -o is an option of quest html, md, json, coverage and codetour$' -- -o x show
expect "--color=always elsewhere names --color" 2 '^quest: --color is an option of quest show$' -- list --color=always
expect "an option with no argument given one" 2 '^quest: --werror takes no argument$' -- check --werror=1
expect "a missing argument" 2 '^quest: --by needs an argument$' -- renumber --by
expect "new: one chapter" 2 '^usage: quest new \[--after STEP\] CHAPTER$' -- -C "$t" new G H
expect "diff: one or two refs" 2 '^usage: quest diff \[--format=text\|json\] REF1 \[REF2\]$' -- -C "$t" diff

# renumber counts the steps whose number changed, in the singular for one.
r=$TMP/renum; mkdir -p "$r"
printf '/*G:010 One.\n:*/\n/*G:020 Two.\n:*/\n/*G:025 Three.\n:*/\n' >"$r/a.c"
printf '/*G:040 Four.\n:*/\n' >"$r/b.c"
expect "renumber: one step changed, one file" 0 '^quest: renumbered 1 step; rewrote 1 file$' -- -C "$r" renumber
printf '/*G:015 Four.\n:*/\n' >"$r/b.c"
expect "renumber: the steps that changed, not all four" 0 '^quest: renumbered 3 steps; rewrote 2 files$' -- -C "$r" renumber

# The root is the nearest .quest upwards; paths are relative to it.
expect "root found from a subdirectory" 0 '^\[ src/a\.c \]$' -- -C "$t/src" show G

# Inside a git work tree: tracked and untracked files, not ignored ones.
if command -v git >/dev/null; then
	g=$TMP/git; mkdir -p "$g/sub"
	git -C "$g" init -q
	printf 'ignored.c\n' >"$g/.gitignore"
	printf '/*G:010 tracked\n:*/\n' >"$g/sub/tracked.c"
	printf '/*G:020 untracked\n:*/\n' >"$g/sub/untracked.c"
	printf '/*G:030 ignored\n:*/\n' >"$g/sub/ignored.c"
	mkdir -p "$g/.hidden"; printf '/*G:040 hidden but tracked\n:*/\n' >"$g/.hidden/h.c"
	git -C "$g" add sub/tracked.c .hidden/h.c .gitignore
	"$QUEST" -C "$g" show >"$TMP/out" 2>"$TMP/err"
	if grep -q tracked "$TMP/out" && grep -q untracked "$TMP/out" &&
	    grep -q 'hidden but tracked' "$TMP/out" && ! grep -q 'ignored$' "$TMP/out"; then
		ok "git: tracked and untracked files, never ignored ones"
	else
		fail "git: tracked and untracked files, never ignored ones" "$(cat "$TMP/out" "$TMP/err")"
	fi
	printf '[chapter G]\n' >"$g/sub/.quest"
	"$QUEST" -C "$g/sub" show >"$TMP/out" 2>"$TMP/err"
	if grep -q '^\[ tracked\.c \]' "$TMP/out" && ! grep -q hidden "$TMP/out"; then
		ok "git: a root below the top, paths relative to it"
	else
		fail "git: a root below the top, paths relative to it" "$(cat "$TMP/out" "$TMP/err")"
	fi
else
	skip "git work tree" "no git to make one"
fi
finish
