#!/bin/sh
# SPDX-License-Identifier: ISC (see LICENSE)
# tests/reading.sh: what quest reads from a tree it did not choose (issue
# 12, "Trust"): never a path through a symbolic link, each file once, an
# intro only from the tree, a tour root only where the user's config can
# be, no silent failure, no name that forges output, a --files-from list
# within bounds.  Each test names what it proves.
. "$(dirname "$0")/lib.sh"
export LC_ALL=C
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE

# The user nobody, for what root could read anyway; it must reach $TMP.
chmod 755 "$TMP"
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
	as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
	nobody=1
elif [ "$(id -u)" -ne 0 ]; then
	as_nobody() { "$@"; }
	nobody=1
else
	nobody=0
fi
# libgit2 reads the global config of HOME: one of ours, that nobody reads.
mkdir -p "$TMP/home"
chmod 755 "$TMP/home"
export HOME="$TMP/home"
git() { command git -c user.name=t -c user.email=t@t -c init.defaultBranch=main "$@"; }

# run NAME ARGS...: quest's stdout in $TMP/out, stderr in $TMP/err, status in $rc.
run() {
	timeout 60 "$QUEST" "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
	rc=$?
	if grep -q 'runtime error\|AddressSanitizer\|LeakSanitizer' "$TMP/err"; then
		rc=99
	fi
}
# check NAME CONDITION...: ok or fail with what quest printed.
check() {
	name=$1
	shift
	if "$@"; then
		ok "$name"
	else
		fail "$name" "exit $rc; stdout: $(head -c 600 "$TMP/out"); stderr: $(head -c 600 "$TMP/err")"
	fi
}
has() { grep -q -- "$1" "$2"; }
hasnt() { ! grep -q -- "$1" "$2"; }

tag() { printf '/*G:%s %s\n:*/\nint x;\n' "$1" "$2"; }

# 1. Paths through symbolic links are not read.
s=$TMP/links
mkdir -p "$s/real" "$TMP/outside"
tag 010 'Real step.' >"$s/real/a.c"
ln -s . "$s/loop"
ln -s "$TMP/outside" "$s/away"
tag 020 'SECRET-OUTSIDE' >"$TMP/outside/b.c"
printf 'loop/loop/real/a.c\nreal/a.c\naway/b.c\n' >"$TMP/list"
run -C "$s" --files-from "$TMP/list" check
check "links: --files-from: a path through a link is a symlink-path error at its entry, not read" \
    eval '[ $rc -eq 1 ] &&
    has "list:1: error: '"'"'loop/loop/real/a.c'"'"' is not read: '"'"'loop'"'"' is a symbolic link \[symlink-path\]" "$TMP/err" &&
    has "list:3: error: '"'"'away/b.c'"'"' is not read: '"'"'away'"'"' is a symbolic link \[symlink-path\]" "$TMP/err"'
run -C "$s" --files-from "$TMP/list" show
check "links: --files-from: nothing outside the root is shown, the file is read once" \
    eval 'hasnt SECRET "$TMP/out" && [ "$(grep -c "Real step" "$TMP/out")" -eq 1 ] && hasnt duplicate-step "$TMP/err"'

# A tracked file whose directory was replaced by a link, in a git work tree.
g=$TMP/gitlink
mkdir -p "$g/sub" "$TMP/outside2"
git -C "$g" init -q
tag 010 'Tracked.' >"$g/sub/a.c"
tag 020 'Kept.' >"$g/kept.c"
git -C "$g" add sub/a.c kept.c
git -C "$g" commit -qm init
rm -r "$g/sub"
tag 5 'SECRET-OUTSIDE' >"$TMP/outside2/a.c"
ln -s "$TMP/outside2" "$g/sub"
cp "$TMP/outside2/a.c" "$TMP/outside2.before"
run -C "$g" check
check "links: git: a tracked path whose directory is now a link is a symlink-path error" \
    eval '[ $rc -eq 1 ] && has "^sub/a.c: error: not read: '"'"'sub'"'"' is a symbolic link \[symlink-path\]" "$TMP/err"'
run -C "$g" show
check "links: git: show does not read through it, and weaves the rest" \
    eval '[ $rc -eq 1 ] && hasnt SECRET "$TMP/out" && has Kept "$TMP/out"'
run -C "$g" renumber
check "links: git: renumber writes nothing through it" \
    eval '[ $rc -eq 1 ] && cmp -s "$TMP/outside2/a.c" "$TMP/outside2.before"'

# 2. A file is one file, by identity.
h=$TMP/hard
mkdir -p "$h"
tag 010 'Once.' >"$h/b.c"
ln "$h/b.c" "$h/a.c"
run -C "$h" check
check "identity: two hard links of a file give no duplicate-step" \
    eval '[ $rc -eq 0 ] && [ ! -s "$TMP/err" ]'
run -C "$h" list
check "identity: the file is kept under its first path in byte order" \
    eval 'has "G:010  a.c:1" "$TMP/out" && hasnt "b.c" "$TMP/out"'
printf 'b.c\na.c\nb.c\n' >"$TMP/hlist"
run -C "$h" --files-from "$TMP/hlist" check
check "identity: --files-from naming both links reads the file once" \
    eval '[ $rc -eq 0 ] && [ ! -s "$TMP/err" ]'

# 3. The intro: a regular file of the tree, reached without a link, bounded.
n=$TMP/intro
mkdir -p "$n/docs"
tag 010 'A step.' >"$n/a.c"
printf 'SECRET-FILE\n' >"$TMP/secret.md"
ln -s "$TMP/secret.md" "$n/link.md"
ln -s "$TMP" "$n/up"
mkfifo "$n/fifo.md"
head -c 1100000 /dev/zero | tr '\0' x >"$n/big.md"
export QUEST_TEST_SECRET=SECRET-ENVIRON
# intro_case LABEL INTRO PATTERN: check says bad-intro, html embeds nothing.
intro_case() {
	printf '[tour]\nintro = %s\n' "$2" >"$n/.quest"
	run -C "$n" check
	if [ $rc -eq 1 ] && has "^\.quest:2:1: error: .*$3.* \[bad-intro\]" "$TMP/err"; then
		ok "intro: $1 is a bad-intro error"
	else
		fail "intro: $1 is a bad-intro error" "exit $rc: $(cat "$TMP/err")"
		# The old reading may hang or grow without bound: go no further.
		fail "intro: $1: html neither blocks nor embeds it"
		return
	fi
	run -C "$n" html -o "$TMP/page.html"
	if [ $rc -eq 1 ] && ! grep -q 'SECRET\|class="intro"\|xxxxxxxx' "$TMP/page.html" &&
	    has "bad-intro" "$TMP/err"; then
		ok "intro: $1: html neither blocks nor embeds it"
	else
		fail "intro: $1: html neither blocks nor embeds it" "exit $rc: $(cat "$TMP/err")"
	fi
}
intro_case "an absolute path outside the tree" "$TMP/secret.md" "not a path inside the tour root"
intro_case "../ out of the tree" "../secret.md" "not a path inside the tour root"
intro_case "/proc/self/environ" /proc/self/environ "not a path inside the tour root"
intro_case "/dev/zero" /dev/zero "not a path inside the tour root"
intro_case "a committed symbolic link" link.md "symbolic link"
intro_case "a path through a linked directory" up/secret.md "symbolic link"
intro_case "a FIFO" fifo.md "not a regular file"
intro_case "a directory" docs "not a regular file"
intro_case "a file larger than 1 MiB" big.md "larger than 1048576 bytes"
unset QUEST_TEST_SECRET

# 4. The root search: a .quest someone else could have put there is not read.
r=$TMP/ww
mkdir -p "$r/me/deep"
printf '[tour]\ntitle = FOREIGN\n[chapter Z]\n' >"$r/.quest"
tag 010 'Mine.' >"$r/me/deep/a.c"
chmod 1777 "$r"
run -C "$r/me/deep" list
check "root: a world-writable ancestor's .quest is ignored, with a warning naming it" \
    eval '[ $rc -eq 0 ] && hasnt "Z (Z)" "$TMP/out" && has "G:010  a.c:1" "$TMP/out" &&
    has "^quest: warning: ignoring $r/.quest: $r is writable by others" "$TMP/err"'
run -C "$r" list
check "root: in that directory itself its own .quest counts, in silence" \
    eval '[ $rc -eq 0 ] && has "Z (Z)" "$TMP/out" && [ ! -s "$TMP/err" ] &&
    run -C "$r/me/deep" list && has "warning: ignoring" "$TMP/err"'
chmod 775 "$r"
run -C "$r/me/deep" list
check "root: a group-writable ancestor's .quest is ignored, with a warning" \
    eval 'hasnt "Z (Z)" "$TMP/out" && has "ignoring $r/.quest: $r is writable by its group" "$TMP/err"'
chmod 755 "$r"
if [ "$(id -u)" -eq 0 ]; then
	chown 65534 "$r"
	run -C "$r/me/deep" list
	check "root: an ancestor owned by another user gives no config" \
	    eval 'hasnt "Z (Z)" "$TMP/out" && has "ignoring $r/.quest: $r is not owned by you or by root" "$TMP/err"'
	chown 0 "$r"
else
	skip "root: an ancestor owned by another user" "not root: cannot chown"
fi
ln -s ../.quest "$r/me/.quest"
run -C "$r/me/deep" list
check "root: a .quest that is a symbolic link is not read, with a warning; the search goes on" \
    eval '[ $rc -eq 0 ] && has "warning: ignoring $r/me/.quest: it is a symbolic link" "$TMP/err" &&
    has "Z (Z)" "$TMP/out" && has "G:010  me/deep/a.c:1" "$TMP/out"'
rm "$r/me/.quest"

# The top of the repository ends the search.
p=$TMP/above
mkdir -p "$p/repo/sub"
printf '[chapter Z]\n' >"$p/.quest"
git -C "$p/repo" init -q
tag 010 'In the repo.' >"$p/repo/sub/a.c"
run -C "$p/repo/sub" list
check "root: the search stops at the top of the repository" \
    eval '[ $rc -eq 0 ] && hasnt "Z (Z)" "$TMP/out" && has "G:010  a.c:1" "$TMP/out"'

# And the top of the file system, in a mount namespace of its own.
fsd=$TMP/fs
mkdir -p "$fsd/m"
printf '[chapter Z]\n' >"$fsd/.quest"
if command -v unshare >/dev/null &&
    unshare -m sh -c "mount -t tmpfs none '$fsd/m'" 2>/dev/null; then
	unshare -m sh -c "mount -t tmpfs none '$fsd/m' && mkdir '$fsd/m/x' &&
	    printf '/*G:010 Mounted.\n:*/\n' >'$fsd/m/x/a.c' &&
	    exec timeout 20 '$QUEST' -C '$fsd/m/x' list" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	check "root: the search stops at the top of a file system" \
	    eval '[ $rc -eq 0 ] && hasnt "Z (Z)" "$TMP/out" && has "G:010  a.c:1" "$TMP/out"'
else
	skip "root: the search stops at the top of a file system" "cannot mount a tmpfs here"
fi

# 5. No silent failure.
if [ "$nobody" -eq 1 ]; then
	u=$TMP/unread
	mkdir -p "$u/closed"
	tag 010 'Open.' >"$u/a.c"
	tag 020 'Closed.' >"$u/closed/b.c"
	chmod 000 "$u/closed"
	as_nobody "$QUEST" -C "$u" show >"$TMP/out" 2>"$TMP/err"
	rc=$?
	check "silent: a directory that cannot be read is exit 2, named" \
	    eval '[ $rc -eq 2 ] && has "^quest: cannot read the directory closed: Permission denied" "$TMP/err"'
	chmod 755 "$u/closed"

	# libgit2 does not open a repository of another user's: say so.
	o=$TMP/owned
	mkdir -p "$o"
	git -C "$o" init -q
	tag 010 'Theirs.' >"$o/a.c"
	git -C "$o" add a.c
	chmod -R a+rX "$o"
	if [ "$(id -u)" -eq 0 ] && ! as_nobody git -C "$o" status >/dev/null 2>&1; then
		# git itself refuses it (no safe.directory = * here): so does libgit2.
		as_nobody "$QUEST" -C "$o" list >"$TMP/out" 2>"$TMP/err"
		rc=$?
		check "silent: a repository libgit2 will not open (another user's) is a warning" \
		    eval '[ $rc -eq 0 ] && has "G:010  a.c:1" "$TMP/out" &&
		    has "^quest: warning: the git repository of the tour root belongs to another user" "$TMP/err"'
	else
		skip "silent: a repository of another user's" "not root, or git trusts every directory"
	fi
else
	skip "silent: unreadable directory" "running as root without setpriv"
fi

sp=$TMP/sparse
mkdir -p "$sp/a" "$sp/b"
git -C "$sp" init -q
tag 010 'Checked out.' >"$sp/a/a.c"
tag 020 'Left out.' >"$sp/b/b.c"
tag 030 'Left out too.' >"$sp/b/c.c"
git -C "$sp" add .
git -C "$sp" commit -qm init
if git -C "$sp" sparse-checkout set a 2>/dev/null && [ ! -e "$sp/b/b.c" ]; then
	run -C "$sp" list
	check "silent: a sparse checkout warns how many tracked files are not checked out" \
	    eval '[ $rc -eq 0 ] && has "G:010  a/a.c:1" "$TMP/out" &&
	    has "^quest: warning: 2 tracked files are not checked out (a sparse checkout)" "$TMP/err"'
	git -C "$sp" sparse-checkout disable
else
	skip "silent: sparse checkout" "git sparse-checkout did not work here"
fi

ci=$TMP/corrupt
mkdir -p "$ci"
git -C "$ci" init -q
tag 010 'Indexed.' >"$ci/a.c"
git -C "$ci" add a.c
: >"$ci/.git/index"
run -C "$ci" list
check "silent: an empty git index is exit 2, 'cannot read the git index', not a file that no longer exists" \
    eval '[ $rc -eq 2 ] && has "^quest: cannot read the git index: .*index is shorter than" "$TMP/err" &&
    hasnt "no longer exists" "$TMP/err"'
rm "$ci/.git/index"
mkdir "$ci/.git/index"
run -C "$ci" check
check "silent: a git index that is a directory is exit 2, said so" \
    eval '[ $rc -eq 2 ] && has "^quest: cannot read the git index: .*index is not a regular file" "$TMP/err"'

# GIT_DIR: not consulted (as quest(1) says), so it does not even load libgit2.
nd=$TMP/nogit
mkdir -p "$nd"
tag 010 'Plain.' >"$nd/a.c"
GIT_DIR=$g/.git LD_DEBUG=files timeout 20 "$QUEST" -C "$nd" list >"$TMP/out" 2>"$TMP/err"
rc=$?
check "silent: GIT_DIR is not consulted: outside a work tree libgit2 is not loaded" \
    eval '[ $rc -eq 0 ] && has "G:010  a.c:1" "$TMP/out" && hasnt "libgit2" "$TMP/err"'

# 6. Names that would forge output are quoted for people.
f=$TMP/names
mkdir -p "$f"
nl='a
b.c'
esc=$(printf '\033[31mred.c')
tag 010 'Newline.' >"$f/$nl"
tag 010 'Escape.' >"$f/$esc"
tag 020 'Unicode.' >"$f/ü.c"
tag 020 'Again.' >"$f/z.c"
run -C "$f" check
check "names: check quotes a name with a newline or an escape, C-style, and no ESC reaches stderr" \
    eval '[ $rc -eq 1 ] && has "^\"a\\\\nb.c\":1:1: error: step G:010 is also at \"\\\\033\[31mred.c\":1; quest renumber gives each a number of its own \[duplicate-step\]$" "$TMP/err" &&
    ! grep -q "$(printf "\033")" "$TMP/err" && [ "$(wc -l <"$TMP/err")" -eq 2 ] &&
    has "^ü.c:1:1: error: step G:020 is also at z.c:1; quest renumber gives each a number of its own \[duplicate-step\]$" "$TMP/err" &&
    run -C "$f" check --format=json && has "\"path\":\"a\\\\nb.c\"" "$TMP/out"'
run -C "$f" list
check "names: list quotes them too, and leaves UTF-8 alone" \
    eval 'has "G:010  \"\\\\033\[31mred.c\":1" "$TMP/out" && has "G:010  \"a\\\\nb.c\":1" "$TMP/out" &&
    has "G:020  ü.c:1" "$TMP/out" && [ "$(grep -c "^  G:" "$TMP/out")" -eq 4 ]'
run -C "$f" show --color=always
check "names: the terminal reader's path:line quotes them; piped, show stays lguest's bytes" \
    eval 'has "G:010.*\"a\\\\nb.c\":1" "$TMP/out" && has "G:010.*\"\\\\033\[31mred.c\":1" "$TMP/out" &&
    run -C "$f" show && has "^\[ ü.c \]$" "$TMP/out" && has "^b.c \]$" "$TMP/out"'
printf 'gone\nfile.c\0ok.c\0' >"$TMP/nlist"
run -C "$f" --files-from "$TMP/nlist" check
check "names: --files-from messages quote the entry" \
    eval 'has "nlist:1: error: \"gone\\\\nfile.c\": No such file or directory \[missing-file\]" "$TMP/err"'

# 7. --files-from within bounds, read as a stream.
head -c 70000000 /dev/zero >"$TMP/zeros"
run -C "$h" --files-from "$TMP/zeros" check
check "files-from: a list of more than 64 MiB is exit 2, naming the list and the entry" \
    eval '[ $rc -eq 2 ] && has "^quest: $TMP/zeros:[0-9]*: the list is longer than 67108864 bytes" "$TMP/err"'
head -c 5000 /dev/zero | tr '\0' a >"$TMP/long"
run -C "$h" --files-from "$TMP/long" check
check "files-from: a path longer than PATH_MAX is exit 2, naming the list and line" \
    eval '[ $rc -eq 2 ] && has "^quest: $TMP/long:1: a path longer than 4095 bytes" "$TMP/err"'
awk 'BEGIN { for (i = 0; i <= 1000000; i++) print "b.c" }' >"$TMP/many"
run -C "$h" --files-from "$TMP/many" check
check "files-from: more than a million paths is exit 2, at the entry past the bound" \
    eval '[ $rc -eq 2 ] && has "^quest: $TMP/many:1000001: more than 1000000 paths" "$TMP/err"'
{ awk 'BEGIN { for (i = 0; i < 2000; i++) print "b.c" }'; printf 'x\0y\n'; } >"$TMP/late"
run -C "$h" --files-from "$TMP/late" check
check "files-from: a NUL after the first 4096 bytes of a list of lines is exit 2" \
    eval '[ $rc -eq 2 ] && has "late:2001: a NUL byte in a list of lines" "$TMP/err"'
# Streamed: an entry too long is refused while the writer is still at work.
mkfifo "$TMP/pipe"
(head -c 5000 /dev/zero | tr '\0' a; exec sleep 30) >"$TMP/pipe" &
writer=$!
timeout 10 "$QUEST" -C "$h" --files-from "$TMP/pipe" check >"$TMP/out" 2>"$TMP/err"
rc=$?
kill "$writer" 2>/dev/null
wait "$writer" 2>/dev/null
check "files-from: the list is read as a stream, not slurped to its end first" \
    eval '[ $rc -eq 2 ] && has "pipe:1: a path longer than" "$TMP/err"'
finish
