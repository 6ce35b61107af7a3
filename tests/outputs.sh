#!/bin/sh
# tests/outputs.sh: where quest's outputs go.  -o onto a FIFO, a device
# and a symbolic link; codetour's directory and the links a tree may hold
# in it.
#
# Devices are made with mknod in the scratch directory, never the real
# /dev/null: a quest that replaced its output would replace them.
. "$(dirname "$0")/lib.sh"
export LC_ALL=C
umask 022

# A tree of one step, copied afresh wherever a test changes it.
t=$TMP/tree
mkdir -p "$t"
printf '[tour]\ntitle = Outputs\n\n[chapter G]\nname = Guest\n' >"$t/.quest"
printf '/*G:010 The first step.\n */\nint x;\n/*:*/\n' >"$t/a.c"
fresh() {
	rm -rf "$TMP/$1"
	cp -R "$t" "$TMP/$1"
}

# 1. -o onto a FIFO: the reader gets the bytes, the FIFO stays a FIFO.
# (A quest that replaces the FIFO leaves the reader waiting: it is killed.)
fifo_test() {	# NAME, -o TARGET, the FIFO
	rm -f "$TMP/got"
	timeout 20 cat "$3" >"$TMP/got" 2>/dev/null &
	reader=$!
	timeout 20 "$QUEST" -C "$t" md -o "$2" 2>"$TMP/err"
	rc=$?
	sleep 1
	kill "$reader" 2>/dev/null
	wait "$reader" 2>/dev/null
	if [ $rc -eq 0 ] && [ -p "$3" ] && grep -q '^# Outputs$' "$TMP/got" &&
	    { [ "$2" = "$3" ] || [ -L "$2" ]; }; then
		ok "$1"
	else
		fail "$1" "exit $rc, $(ls -l "$2" "$3"), read: $(head -c 80 "$TMP/got"); $(cat "$TMP/err")"
	fi
}
mkfifo "$TMP/fifo"
fifo_test "outputs: -o FIFO writes into it, the FIFO stays" "$TMP/fifo" "$TMP/fifo"
rm -f "$TMP/fifo"
mkfifo "$TMP/fifo"
ln -s fifo "$TMP/to-fifo"
fifo_test "outputs: -o a link to a FIFO writes into the FIFO, the link stays" "$TMP/to-fifo" "$TMP/fifo"

# 2. -o onto a character device, made here: written in place, never
# replaced; a full device is a write error, exit 2, and stays a device.
if ! mknod "$TMP/null" c 1 3 2>/dev/null || ! mknod "$TMP/full" c 1 7 2>/dev/null; then
	skip "outputs: -o onto a device" "mknod is refused here (not root?)"
elif ! : >"$TMP/null" 2>/dev/null; then
	skip "outputs: -o onto a device" "a device made here cannot be opened"
else
	"$QUEST" -C "$t" html -o "$TMP/null" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	if [ $rc -eq 0 ] && [ -c "$TMP/null" ] && [ ! -s "$TMP/out" ]; then
		ok "outputs: -o a null device writes into it, the device stays"
	else
		fail "outputs: -o a null device writes into it, the device stays" "exit $rc, $(ls -l "$TMP/null"); $(cat "$TMP/err")"
	fi
	ln -s full "$TMP/to-full"
	for o in "$TMP/full" "$TMP/to-full"; do
		"$QUEST" -C "$t" json -o "$o" 2>"$TMP/err"
		rc=$?
		if [ $rc -eq 2 ] && [ -c "$TMP/full" ] && grep -q 'No space left on device' "$TMP/err" &&
		    ! ls -a "$TMP" | grep -q 'quest~'; then
			ok "outputs: -o ${o##*/}: a full device is a write error, exit 2; it stays a device"
		else
			fail "outputs: -o ${o##*/}: a full device is a write error, exit 2; it stays a device" "exit $rc, $(ls -l "$TMP/full"); $(cat "$TMP/err")"
		fi
	done
fi

# 3. -o onto a symbolic link: the user named it, so its target is replaced
# atomically, keeping its mode, and the link stays a link to it; a link
# that leads nowhere yet makes its target, from the link's own directory.
echo old >"$TMP/target.md"
chmod 640 "$TMP/target.md"
ln -s target.md "$TMP/link.md"
"$QUEST" -C "$t" md -o "$TMP/link.md" 2>"$TMP/err"
rc=$?
if [ $rc -eq 0 ] && [ -L "$TMP/link.md" ] && [ "$(readlink "$TMP/link.md")" = target.md ] &&
    grep -q '^# Outputs$' "$TMP/target.md" && [ "$(stat -c %a "$TMP/target.md")" = 640 ]; then
	ok "outputs: -o a link replaces its target, keeping its mode; the link stays"
else
	fail "outputs: -o a link replaces its target, keeping its mode; the link stays" "exit $rc: $(ls -l "$TMP/link.md" "$TMP/target.md"); $(cat "$TMP/err")"
fi
mkdir -p "$TMP/links" "$TMP/made"
ln -s ../made/new.json "$TMP/links/dangling.json"
ln -s dangling.json "$TMP/links/twice.json"
"$QUEST" -C "$t" json -o "$TMP/links/twice.json" 2>"$TMP/err"
rc=$?
if [ $rc -eq 0 ] && [ -L "$TMP/links/twice.json" ] && [ -L "$TMP/links/dangling.json" ] &&
    grep -q '"quest": *1' "$TMP/made/new.json"; then
	ok "outputs: -o a chain of links that leads nowhere makes its target"
else
	fail "outputs: -o a chain of links that leads nowhere makes its target" "exit $rc: $(ls -lR "$TMP/links" "$TMP/made"); $(cat "$TMP/err")"
fi

# 4. codetour: a .tours that the tree holds as a link is refused, exit 2,
# nothing written where it leads.  (tests/unit/test_output.c takes the
# walk of kernels without openat2(2) too.)
fresh ct
mkdir "$TMP/outside"
ln -s ../outside "$TMP/ct/.tours"
"$QUEST" -C "$TMP/ct" codetour >"$TMP/out" 2>"$TMP/err"
rc=$?
if [ $rc -eq 2 ] && [ -z "$(ls -A "$TMP/outside")" ] && [ ! -s "$TMP/out" ] &&
    grep -q '^quest: \.tours: is a symbolic link' "$TMP/err"; then
	ok "outputs: codetour refuses a .tours link of the tree"
else
	fail "outputs: codetour refuses a .tours link of the tree" "exit $rc, outside: $(ls -A "$TMP/outside"); $(cat "$TMP/err")"
fi

# 5. codetour -o DIR: inside the tree, no link on the way, relative or
# absolute; outside it, the user's path, links and all.
fresh ct
rm -rf "$TMP/outside"
mkdir "$TMP/outside" "$TMP/real"
ln -s ../outside "$TMP/ct/docs"
ln -s real "$TMP/mine"
bad=
for d in docs/tours "$TMP/ct/docs/tours" "$TMP/ct/sub/../docs/tours"; do
	"$QUEST" -C "$TMP/ct" codetour -o "$d" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	if [ $rc -ne 2 ] || [ -n "$(ls -A "$TMP/outside")" ] ||
	    ! grep -q 'is a symbolic link, or passes through one' "$TMP/err"; then
		bad="$bad
-o $d: exit $rc, outside: $(ls -A "$TMP/outside"); $(cat "$TMP/err")"
	fi
done
"$QUEST" -C "$TMP/ct" codetour -o "$TMP/mine/tours" >"$TMP/out" 2>"$TMP/err" ||
    bad="$bad
-o $TMP/mine/tours: exit $?: $(cat "$TMP/err")"
[ -f "$TMP/real/tours/01-guest.tour" ] || bad="$bad
-o through the user's link wrote no $TMP/real/tours/01-guest.tour"
if [ -z "$bad" ]; then
	ok "outputs: codetour -o DIR: no link of the tree on the way, the user's links followed"
else
	fail "outputs: codetour -o DIR: no link of the tree on the way, the user's links followed" "${bad#?}"
fi

# 6. A .tour file that is a link: replaced by the file, never written
# through; the new file owes its mode to the umask, nothing to the target.
fresh ct
mkdir "$TMP/ct/.tours"
echo secret >"$TMP/secret"
chmod 600 "$TMP/secret"
ln -s "$TMP/secret" "$TMP/ct/.tours/01-guest.tour"
"$QUEST" -C "$TMP/ct" codetour >"$TMP/out" 2>"$TMP/err"
rc=$?
if [ $rc -eq 0 ] && [ "$(cat "$TMP/secret")" = secret ] && [ ! -L "$TMP/ct/.tours/01-guest.tour" ] &&
    grep -q '"title": "1. Guest"' "$TMP/ct/.tours/01-guest.tour" &&
    [ "$(stat -c %a "$TMP/ct/.tours/01-guest.tour")" = 644 ] &&
    [ "$(ls -A "$TMP/ct/.tours")" = 01-guest.tour ]; then
	ok "outputs: codetour replaces a .tour link, writes nothing through it, takes nothing from it"
else
	fail "outputs: codetour replaces a .tour link, writes nothing through it, takes nothing from it" "exit $rc: $(ls -la "$TMP/ct/.tours" "$TMP/secret"); $(cat "$TMP/err")"
fi

finish
