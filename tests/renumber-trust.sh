#!/bin/sh
# SPDX-License-Identifier: ISC (see LICENSE)
# tests/renumber-trust.sh: quest renumber trusts no journal it did not
# write, never writes through a link or outside the root, never clobbers an
# edit, keeps what a file has (xattrs, ACL, owner, links), syncs its
# directories, removes only its own temporaries and runs one at a time
# (issue 12).  Each tree has a directory "out" beside it, with a file that
# must never change.
. "$(dirname "$0")/lib.sh"
export LC_ALL=C
sums() { (cd "$1" && find . -type f | sort | xargs md5sum); }
# mk DIR: DIR/t, a tree of three files, and DIR/out/victim beside it.
mk() {
	rm -rf "$1"
	mkdir -p "$1/t/sub" "$1/out"
	printf '[chapter G]\nname = G\n' >"$1/t/.quest"
	printf '/*G:5 First; see [G:7].\n */\nint a;\n' >"$1/t/a.c"
	printf '/*G:7 Second.\n */\nint b;\n' >"$1/t/sub/b.c"
	printf '/*G:9 Third.\n */\nint c;\n' >"$1/t/c.c"
	echo "not the tree's" >"$1/out/victim"
}
victim_ok() { [ "$(cat "$1/out/victim")" = "not the tree's" ] && [ "$(ls -A "$1/out")" = victim ]; }
root_dev_ino() { stat -c '%d %i' "$1"; }
# strace; LeakSanitizer cannot work under ptrace.
st() { ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" strace "$@"; }
# hold FILE PID: hold the lock FILE, with PID written in it, until killed.
hold() { echo "$2" >"$1"; (flock 9 && exec sleep 10) 9>>"$1" & held=$!; sleep 0.3; }

# 1. A .quest-renumber in the root, as quest 0.1 wrote it, is never read,
# even when it names a path outside the root.
d=$TMP/old-journal
mk "$d"
printf 'pwned\n' >"$d/t/.x"
printf '.x\0../out/victim\0' >"$d/t/.quest-renumber"
"$QUEST" -C "$d/t" renumber >"$TMP/out" 2>&1
rc=$?
if [ $rc -eq 0 ] && victim_ok "$d" && [ -f "$d/t/.quest-renumber" ] && [ -f "$d/t/.x" ]; then
	ok "renumber: a .quest-renumber left in the root is not read, nothing outside is renamed"
else
	fail "renumber: a .quest-renumber left in the root is not read, nothing outside is renamed" "exit $rc: $(cat "$TMP/out"; cat "$d/out/victim")"
fi

# 2. A journal directory that is not quest's own is refused, and what it
# holds is not read.
for how in mode link; do
	d=$TMP/jdir-$how
	mk "$d"
	if [ $how = mode ]; then
		mkdir -m 755 "$d/t/.quest-renumber.d"
		want="not quest's own"
	else
		mkdir -m 700 "$d/jd"
		ln -s ../jd "$d/t/.quest-renumber.d"
		want="not a directory"
	fi
	sums "$d/t" >"$TMP/before"
	"$QUEST" -C "$d/t" renumber >"$TMP/out" 2>&1
	rc=$?
	if [ $rc -eq 2 ] && grep -q "^quest: renumber: .quest-renumber.d: $want" "$TMP/out" &&
	    sums "$d/t" | cmp -s - "$TMP/before" && victim_ok "$d"; then
		ok "renumber: a journal directory that is a $how not quest's is refused (exit 2), nothing changed"
	else
		fail "renumber: a journal directory that is a $how not quest's is refused (exit 2), nothing changed" "exit $rc: $(cat "$TMP/out")"
	fi
done

# 3. A journal in quest's own directory (as a tarball would bring it) that
# names a path outside the root is refused; one whose files are not what it
# recorded finishes nothing and removes no file it did not make.
h=$(printf 'pwned\n' | sha256sum | cut -c1-64)
d=$TMP/planted
mk "$d"
mkdir -m 700 "$d/t/.quest-renumber.d"
printf 'quest-renumber-journal 1 %s %s\nmk ../out/victim .victim.quest~AAAAAA 1 2 6 0 0 %s\ntmp ../out/victim 1 3\nnew ../out/victim 6 0 0 %s\ncommit 1\n' \
    "$(root_dev_ino "$d/t")" "$d/t" "$h" "$h" >"$d/t/.quest-renumber.d/renumber.journal"
chmod 600 "$d/t/.quest-renumber.d/renumber.journal"
printf 'pwned\n' >"$d/out/.victim.quest~AAAAAA"
"$QUEST" -C "$d/t" renumber >"$TMP/out" 2>&1
rc=$?
rm -f "$d/out/.victim.quest~AAAAAA"
if [ $rc -eq 2 ] && grep -q 'renumber.journal:2: not a journal quest wrote' "$TMP/out" && victim_ok "$d"; then
	ok "renumber: a journal naming a path outside the root is refused (exit 2)"
else
	fail "renumber: a journal naming a path outside the root is refused (exit 2)" "exit $rc: $(cat "$TMP/out"; cat "$d/out/victim")"
fi
d=$TMP/foreign
mk "$d"
mkdir -m 700 "$d/t/.quest-renumber.d"
printf 'quest-renumber-journal 1 %s %s\nmk a.c .a.c.quest~AAAAAA 1 2 6 0 0 %s\ntmp a.c 1 3\nnew a.c 6 0 0 %s\ncommit 1\n' \
    "$(root_dev_ino "$d/t")" "$d/t" "$h" "$h" >"$d/t/.quest-renumber.d/renumber.journal"
chmod 600 "$d/t/.quest-renumber.d/renumber.journal"
printf 'pwned\n' >"$d/t/.a.c.quest~AAAAAA"
"$QUEST" -C "$d/t" renumber >"$TMP/out" 2>&1
rc=$?
if [ $rc -eq 0 ] && grep -q '^/\*G:10 First; see \[G:20\]' "$d/t/a.c" && grep -q 'int a;' "$d/t/a.c" &&
    [ "$(cat "$d/t/.a.c.quest~AAAAAA")" = pwned ] && grep -q 'a.c: .a.c.quest~AAAAAA, beside it, is not the new text quest wrote' "$TMP/out" &&
    [ ! -e "$d/t/.quest-renumber.d" ]; then
	ok "renumber: a journal whose files are not what it recorded finishes nothing, removes nothing it did not make"
else
	fail "renumber: a journal whose files are not what it recorded finishes nothing, removes nothing it did not make" "exit $rc: $(cat "$TMP/out"; ls -a "$d/t"; cat "$d/t/a.c")"
fi
# A journal of another root (a copied tree) is refused.
d=$TMP/copied
mk "$d"
mkdir -m 700 "$d/t/.quest-renumber.d"
printf 'quest-renumber-journal 1 1 2 /elsewhere\ncommit 0\n' >"$d/t/.quest-renumber.d/renumber.journal"
chmod 600 "$d/t/.quest-renumber.d/renumber.journal"
"$QUEST" -C "$d/t" renumber >"$TMP/out" 2>&1
rc=$?
[ $rc -eq 2 ] && grep -q 'the journal of a renumber of another tour root, /elsewhere' "$TMP/out" &&
    ok "renumber: the journal of another root is refused (exit 2)" ||
    fail "renumber: the journal of another root is refused (exit 2)" "exit $rc: $(cat "$TMP/out")"

# 4. In a git work tree the lock and the journal are in the git directory;
# a .quest-renumber.d committed to the tree is never read.
if command -v git >/dev/null && command -v flock >/dev/null; then
	d=$TMP/git
	mk "$d"
	mkdir -m 700 "$d/t/.quest-renumber.d"
	printf 'quest-renumber-journal 1 %s %s\nmk ../out/victim .victim.quest~AAAAAA 1 2 6 0 0 %s\ncommit 0\n' \
	    "$(root_dev_ino "$d/t")" "$d/t" "$h" >"$d/t/.quest-renumber.d/renumber.journal"
	chmod 600 "$d/t/.quest-renumber.d/renumber.journal"
	(cd "$d/t" && git init -q && git add -A && git -c user.name=t -c user.email=t@t commit -qm t) >/dev/null 2>&1
	mkdir -m 700 "$d/t/.git/quest"
	hold "$d/t/.git/quest/renumber.lock" 4343
	"$QUEST" -C "$d/t" renumber >"$TMP/out" 2>&1
	rc=$?
	kill $held
	wait $held 2>/dev/null
	if [ $rc -eq 2 ] && grep -q '\.git/quest/renumber.lock: another renumber is running (process 4343)' "$TMP/out"; then
		ok "renumber: in a git work tree the lock is in .git/quest"
	else
		fail "renumber: in a git work tree the lock is in .git/quest" "exit $rc: $(cat "$TMP/out")"
	fi
	"$QUEST" -C "$d/t" renumber >"$TMP/out" 2>&1
	rc=$?
	if [ $rc -eq 0 ] && victim_ok "$d" && [ -f "$d/t/.quest-renumber.d/renumber.journal" ] &&
	    grep -q '^/\*G:10 First' "$d/t/a.c" && [ ! -e "$d/t/.git/quest" ]; then
		ok "renumber: in a git work tree a .quest-renumber.d of the tree is not read"
	else
		fail "renumber: in a git work tree a .quest-renumber.d of the tree is not read" "exit $rc: $(cat "$TMP/out")"
	fi
else
	skip "renumber: the journal in a git work tree" "needs git and flock"
fi

# 5. An edit made after a renumber was killed survives the next renumber;
# and so does one saved while a renumber runs, by rename or in place,
# between its check and its rename.  strace kills quest at its second
# rename, or holds its first one for two seconds.
if command -v strace >/dev/null && strace -o /dev/null true 2>/dev/null; then
	d=$TMP/killed
	mk "$d"
	st -f -o /dev/null -e trace=rename,renameat,renameat2 \
	    -e inject=rename,renameat,renameat2:error=EIO:signal=KILL:when=2 \
	    "$QUEST" -C "$d/t" renumber >/dev/null 2>&1
	printf 'int edited_after;\n' >>"$d/t/c.c"
	"$QUEST" -C "$d/t" renumber >"$TMP/out" 2>&1
	rc=$?
	if [ $rc -eq 0 ] && grep -q 'int edited_after;' "$d/t/c.c" && grep -q 'c.c: changed since it was read: left as it is' "$TMP/out" &&
	    ! ls -a "$d/t" "$d/t/sub" | grep -q 'quest~\|quest-renumber'; then
		ok "renumber: an edit made after a renumber was killed is not clobbered by the next one"
	else
		fail "renumber: an edit made after a renumber was killed is not clobbered by the next one" "exit $rc: $(cat "$TMP/out" "$d/t/c.c")"
	fi
	for how in rename inplace; do
		d=$TMP/window-$how
		mk "$d"
		st -f -o /dev/null -e trace=rename,renameat,renameat2 \
		    -e inject=rename,renameat,renameat2:delay_enter=2000000:when=1 \
		    "$QUEST" -C "$d/t" renumber >"$TMP/out" 2>&1 &
		pid=$!
		sleep 1
		if [ $how = rename ]; then
			printf '/*G:5 First, saved by an editor.\n */\nint a;\n' >"$d/t/a.c.new"
			mv "$d/t/a.c.new" "$d/t/a.c"
		else
			printf 'int edited_in_place;\n' >>"$d/t/a.c"
		fi
		wait $pid
		rc=$?
		if [ $rc -eq 1 ] && grep -q 'a.c: changed as it was renumbered: left as it is' "$TMP/out" &&
		    { grep -q 'saved by an editor' "$d/t/a.c" || grep -q 'edited_in_place' "$d/t/a.c"; } &&
		    grep -q '^/\*G:30 Third' "$d/t/c.c" && ! ls -a "$d/t" | grep -q 'quest~'; then
			ok "renumber: a file saved ($how) as it is renamed is left as saved, exit 1"
		else
			fail "renumber: a file saved ($how) as it is renamed is left as saved, exit 1" "exit $rc: $(cat "$TMP/out" "$d/t/a.c")"
		fi
	done
else
	skip "renumber: edits while and after a renumber" "needs strace that may trace"
fi

# 6. A path through a symlinked directory is never written through: from
# --files-from, and a tracked directory replaced by a link.
d=$TMP/link
mk "$d"
mkdir "$d/out/dir"
printf '/*G:8 Outside.\n */\n' >"$d/out/dir/o.c"
ln -s ../out/dir "$d/t/link"
printf 'a.c\nlink/o.c\nsub/b.c\n' >"$d/list"
sums "$d/out" >"$TMP/out0"
"$QUEST" -C "$d/t" --files-from ../list renumber >"$TMP/out" 2>&1
rc=$?
# The load reports the link (symlink-path, an error), so renumber refuses
# before it plans a single edit.
if sums "$d/out" | cmp -s - "$TMP/out0" && [ $rc -eq 1 ] && grep -q "'link/o.c' is not read: 'link' is a symbolic link \[symlink-path\]" "$TMP/out" && grep -q 'renumber refuses to run' "$TMP/out"; then
	ok "renumber: a --files-from path through a symlinked directory is refused, nothing written outside"
else
	fail "renumber: a --files-from path through a symlinked directory is refused, nothing written outside" "exit $rc: $(cat "$TMP/out" "$d/out/dir/o.c")"
fi
if command -v git >/dev/null; then
	d=$TMP/gitlink
	mk "$d"
	(cd "$d/t" && git init -q && git add -A && git -c user.name=t -c user.email=t@t commit -qm t) >/dev/null 2>&1
	mv "$d/t/sub" "$d/out/sub"
	ln -s ../out/sub "$d/t/sub"
	sums "$d/out" >"$TMP/out0"
	"$QUEST" -C "$d/t" renumber >"$TMP/out" 2>&1
	rc=$?
	if sums "$d/out" | cmp -s - "$TMP/out0" && [ $rc -eq 1 ] &&
	    grep -q "not read: 'sub' is a symbolic link \[symlink-path\]" "$TMP/out"; then
		ok "renumber: a tracked directory replaced by a symlink is not written through (exit $rc)"
	else
		fail "renumber: a tracked directory replaced by a symlink is not written through" "exit $rc: $(cat "$TMP/out" "$d/out/sub/b.c")"
	fi
else
	skip "renumber: a tracked directory replaced by a symlink" "needs git"
fi

# 7. A rewrite keeps the mode, owner, extended attributes and ACL (and the
# ACL's mask); a hard-linked or read-only file is refused, before anything
# changes.  User xattrs need a disk file system, not tmpfs: under /tmp.
x=$(mktemp -d /tmp/quest-xattr.XXXXXX)
mk "$x"
if setfattr -n user.quest -v kept "$x/t/a.c" 2>/dev/null && setfacl -m u:65534:rw,g::r "$x/t/a.c" 2>/dev/null; then
	[ "$(id -u)" -eq 0 ] && chown 65534:65534 "$x/t/a.c"
	chmod 2664 "$x/t/sub/b.c" 2>/dev/null
	attrs() { (cd "$x/t" && getfattr -h -d -m - a.c 2>&1; getfacl -p a.c 2>&1; stat -c '%a %u %g' a.c sub/b.c); }
	attrs >"$TMP/attrs0"
	"$QUEST" -C "$x/t" renumber >"$TMP/out" 2>&1
	rc=$?
	attrs >"$TMP/attrs1"
	if [ $rc -eq 0 ] && grep -q '^/\*G:10 First' "$x/t/a.c" && cmp -s "$TMP/attrs0" "$TMP/attrs1"; then
		ok "renumber: mode, owner, xattrs and the ACL (its mask too) stay"
	else
		fail "renumber: mode, owner, xattrs and the ACL (its mask too) stay" "exit $rc: $(cat "$TMP/out"; diff "$TMP/attrs0" "$TMP/attrs1")"
	fi
else
	skip "renumber: xattrs and ACLs stay" "$(df -T /tmp | awk 'NR == 2 { print $2 }') under /tmp refuses user xattrs or ACLs (or no setfattr/setfacl)"
fi
rm -rf "$x"
d=$TMP/hard
mk "$d"
ln "$d/t/c.c" "$d/out/c.c"
sums "$d/t" >"$TMP/before"
"$QUEST" -C "$d/t" renumber >"$TMP/out" 2>&1
rc=$?
if [ $rc -eq 2 ] && grep -q '^quest: renumber: c.c: has 2 hard links, which a new file would break: refused; nothing was changed' "$TMP/out" &&
    sums "$d/t" | cmp -s - "$TMP/before" && [ "$(stat -c %i "$d/t/c.c")" = "$(stat -c %i "$d/out/c.c")" ]; then
	ok "renumber: a hard-linked file is refused, by name, before anything changes (exit 2)"
else
	fail "renumber: a hard-linked file is refused, by name, before anything changes (exit 2)" "exit $rc: $(cat "$TMP/out")"
fi
d=$TMP/ro
mk "$d"
chmod 444 "$d/t/sub/b.c"
sums "$d/t" >"$TMP/before"
"$QUEST" -C "$d/t" renumber >"$TMP/out" 2>&1
rc=$?
if [ $rc -eq 2 ] && grep -q '^quest: renumber: sub/b.c: is read-only (mode 0444): refused; nothing was changed' "$TMP/out" &&
    sums "$d/t" | cmp -s - "$TMP/before" && [ "$(stat -c %a "$d/t/sub/b.c")" = 444 ]; then
	ok "renumber: a read-only file is refused, by name, before anything changes (exit 2; by its mode, as root too)"
else
	fail "renumber: a read-only file is refused, by name, before anything changes (exit 2)" "exit $rc: $(cat "$TMP/out")"
fi
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
	d=$TMP/owner
	mk "$d"
	chown -R 65534:65534 "$d/t"
	chown 0:0 "$d/t/c.c"
	chmod 666 "$d/t/c.c"
	chmod 755 "$TMP"
	sums "$d/t" >"$TMP/before"
	setpriv --reuid=65534 --regid=65534 --clear-groups "$QUEST" -C "$d/t" renumber >"$TMP/out" 2>&1
	rc=$?
	if [ $rc -eq 2 ] && grep -q '^quest: renumber: c.c: belongs to user 0, group 0, which a new file could not keep: refused' "$TMP/out" &&
	    sums "$d/t" | cmp -s - "$TMP/before" && [ "$(stat -c %u "$d/t/c.c")" = 0 ]; then
		ok "renumber: a file of another user's is refused, not taken over (exit 2)"
	else
		fail "renumber: a file of another user's is refused, not taken over (exit 2)" "exit $rc: $(cat "$TMP/out")"
	fi
else
	skip "renumber: a file of another user's" "needs root and setpriv to drop to nobody"
fi

# 8. The directories are synced: the journal's after it is committed and
# after it is removed, each file's after its renames.
if command -v strace >/dev/null && strace -o /dev/null true 2>/dev/null; then
	d=$TMP/sync
	mk "$d"
	st -f -y -o "$TMP/trace" -e trace=fsync,fdatasync,rename,renameat,renameat2,unlink,unlinkat \
	    "$QUEST" -C "$d/t" renumber >"$TMP/out" 2>&1
	rc=$?
	# For each directory, is an fsync of it the last word after its renames?
	bad=$(awk -v t="$d/t" '
		/renameat2?\(|rename\(/ {
			if (match($0, /\(<[^>]*>|\([0-9]+<[^>]*>/)) {
				s = substr($0, RSTART, RLENGTH); sub(/^\([0-9]*</, "", s); sub(/>$/, "", s); dirty[s] = 1
			} else dirty["AT_FDCWD"] = 1
		}
		/unlinkat\(.*"renumber.journal"/ { if (match($0, /[0-9]+<[^>]*>/)) { s = substr($0, RSTART, RLENGTH); sub(/^[0-9]*</, "", s); sub(/>$/, "", s); jdirty[s] = 1 } }
		/f(data)?sync\([0-9]+<[^>]*>\)/ {
			s = $0; sub(/^[^<]*</, "", s); sub(/>.*$/, "", s); delete dirty[s]; delete jdirty[s]; synced[s] = 1
		}
		END {
			for (s in dirty) print "renames in " s " not synced"
			for (s in jdirty) print "journal removal in " s " not synced"
			if (!((t "/.quest-renumber.d") in synced)) print "journal directory never synced"
			if (!(t in synced) || !((t "/sub") in synced)) print "a rewritten file directory never synced"
		}' "$TMP/trace")
	if [ $rc -eq 0 ] && [ -z "$bad" ]; then
		ok "renumber: the directories are fsynced after the journal and after the renames"
	else
		fail "renumber: the directories are fsynced after the journal and after the renames" "exit $rc: $bad"
	fi
else
	skip "renumber: directories synced" "needs strace that may trace"
fi

# 9. Files named like quest's temporaries are the user's, or a concurrent
# quest's: a dry run, a renumber that changes nothing, and one that does
# leave those the journal does not name.
d=$TMP/temps
mk "$d"
printf 'mine\n' >"$d/t/.a.c.quest~ABCDEF"
printf 'mine\n' >"$d/t/sub/.b.c.quest~zzzzzz"
keep() { [ -f "$d/t/.a.c.quest~ABCDEF" ] && [ -f "$d/t/sub/.b.c.quest~zzzzzz" ]; }
"$QUEST" -C "$d/t" renumber --dry-run >/dev/null 2>&1
keep && ok "renumber --dry-run: removes no .NAME.quest~XXXXXX file" || fail "renumber --dry-run: removes no .NAME.quest~XXXXXX file"
"$QUEST" -C "$d/t" renumber >/dev/null 2>&1
keep && grep -q '^/\*G:10' "$d/t/a.c" && ok "renumber: removes no temporary file its journal does not name" ||
    fail "renumber: removes no temporary file its journal does not name" "$(ls -a "$d/t")"
"$QUEST" -C "$d/t" renumber >/dev/null 2>&1
keep && ok "renumber that changes nothing: removes no .NAME.quest~XXXXXX file" || fail "renumber that changes nothing: removes no .NAME.quest~XXXXXX file"

# 10. One renumber at a time: a second one refuses, saying which process
# holds the lock; two started together never mix their numbers.
if command -v flock >/dev/null; then
	d=$TMP/lock
	mk "$d"
	mkdir -m 700 "$d/t/.quest-renumber.d"
	hold "$d/t/.quest-renumber.d/renumber.lock" 4242
	sums "$d/t" >"$TMP/before"
	"$QUEST" -C "$d/t" renumber >"$TMP/out" 2>&1
	rc=$?
	"$QUEST" -C "$d/t" renumber --dry-run >"$TMP/out2" 2>&1
	rc2=$?
	kill $held
	wait $held 2>/dev/null
	if [ $rc -eq 2 ] && [ $rc2 -eq 2 ] && sums "$d/t" | cmp -s - "$TMP/before" &&
	    grep -q '^quest: renumber: .quest-renumber.d/renumber.lock: another renumber is running (process 4242)' "$TMP/out"; then
		ok "renumber: refuses while another holds the lock, names its process (exit 2)"
	else
		fail "renumber: refuses while another holds the lock, names its process (exit 2)" "exit $rc, $rc2: $(cat "$TMP/out" "$TMP/out2")"
	fi
else
	skip "renumber: the lock" "needs flock"
fi
# Two at once: the second starts while the first is among its renames
# (strace holds each rename of the first 20 ms).  It must not read that
# half-renumbered tree: it refuses, and the tree is the first one's, whole.
if command -v strace >/dev/null && strace -o /dev/null true 2>/dev/null; then
	d=$TMP/two
	mkdir -p "$d/t"
	printf '[chapter G]\nname = G\n' >"$d/t/.quest"
	awk -v dir="$d/t" 'BEGIN { for (i = 0; i < 40; i++) printf("/*G:%d Step %d.\n */\nint v%d;\n", i * 3 + 1, i, i) > sprintf("%s/f%03d.c", dir, i) }'
	st -f -o /dev/null -e trace=rename,renameat,renameat2 \
	    -e inject=rename,renameat,renameat2:delay_exit=20000 \
	    "$QUEST" -C "$d/t" renumber --by 10 >/dev/null 2>"$TMP/e10" &
	p10=$!
	n=0
	until grep -q '^/\*G:0*10 ' "$d/t/f000.c" || [ $n -ge 100 ]; do sleep 0.05; n=$((n + 1)); done
	"$QUEST" -C "$d/t" renumber --by 7 >/dev/null 2>"$TMP/e7"
	r7=$?
	wait $p10
	r10=$?
	by10=$(cat "$d/t"/*.c | grep -o '^/\*G:[0-9]*' | awk -F: '$2 % 10 != 0' | wc -l)
	if [ $r10 -eq 0 ] && [ $r7 -eq 2 ] && [ "$by10" -eq 0 ] &&
	    grep -q '^quest: renumber: .quest-renumber.d/renumber.lock: another renumber is running (process [0-9]*)' "$TMP/e7" &&
	    ! ls -a "$d/t" | grep -q 'quest-renumber\|quest~'; then
		ok "renumber: a second one, started among the first one's renames, refuses (exit 2); numbers never mixed, no journal left"
	else
		fail "renumber: a second one, started among the first one's renames, refuses (exit 2); numbers never mixed, no journal left" \
		    "exits $r10, $r7; $by10 not by 10: $(cat "$TMP/e10" "$TMP/e7"; ls -a "$d/t" | grep quest)"
	fi
else
	skip "renumber: two at once" "needs strace that may trace"
fi
finish
