#!/bin/sh
# SPDX-License-Identifier: ISC (see LICENSE)
# tests/outputs.sh: where quest's outputs go, and what they say of the
# tree's names.  -o onto a FIFO, a device and a symbolic link; -o inside
# the tree, where a link the tree holds is refused; codetour's directory
# and the links a tree may hold in it; html -o DIR/, the web book as a
# directory, and its refusals; Markdown that shows hostile file
# names as they stand, rendered by cmark-gfm; --link-base that is not an
# http(s) or relative URL.
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

# 3. -o onto a symbolic link outside the tree: the user named it, so its
# target is replaced atomically, keeping its mode, and the link stays a
# link to it; a link that leads nowhere yet makes its target, from the
# link's own directory.
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

# A link into /proc names a file already open: written in place, not
# replaced by a new file of the name the kernel gives it.
echo "an old and longer text, to be truncated, not kept after the new" >"$TMP/open.md"
ino=$(stat -c %i "$TMP/open.md")
ln -s /proc/self/fd/1 "$TMP/to-stdout"
"$QUEST" -C "$t" md -o "$TMP/to-stdout" >"$TMP/open.md" 2>"$TMP/err"
rc=$?
"$QUEST" -C "$t" md >"$TMP/want.md" 2>/dev/null
if [ $rc -eq 0 ] && [ -L "$TMP/to-stdout" ] && [ "$(stat -c %i "$TMP/open.md")" = "$ino" ] &&
    cmp -s "$TMP/open.md" "$TMP/want.md"; then
	ok "outputs: -o a link into /proc writes the file already open, in place"
else
	fail "outputs: -o a link into /proc writes the file already open, in place" "exit $rc: $(ls -li "$TMP/to-stdout" "$TMP/open.md"); $(cat "$TMP/err")"
fi
# So is /dev/fd/1, whose directory is the link into /proc.
if [ "$(readlink /dev/fd)" = /proc/self/fd ]; then
	echo "an old and longer text, to be truncated, not kept after the new" >"$TMP/open.md"
	ino=$(stat -c %i "$TMP/open.md")
	"$QUEST" -C "$t" md -o /dev/fd/1 >"$TMP/open.md" 2>"$TMP/err"
	rc=$?
	if [ $rc -eq 0 ] && [ "$(stat -c %i "$TMP/open.md")" = "$ino" ] && cmp -s "$TMP/open.md" "$TMP/want.md"; then
		ok "outputs: -o /dev/fd/1 writes the file already open, in place"
	else
		fail "outputs: -o /dev/fd/1 writes the file already open, in place" "exit $rc, inode was $ino: $(ls -li "$TMP/open.md"); $(cat "$TMP/err")"
	fi
else
	skip "outputs: -o /dev/fd/1 writes the file already open, in place" "/dev/fd is no link to /proc/self/fd here"
fi

# 4. -o inside the tree obeys the tree's rules, as codetour's directory
# does: a tree may commit README.md as a link to ~/.profile, so a link
# that the tree holds, as FILE or as a directory on its way from the root,
# is refused, exit 2, before anything is written; so is one that a link
# of the user's leads to.  A regular file of the tree is still replaced
# atomically, and a link outside the tree still followed, into it too.
fresh ot
rm -rf "$TMP/outside"
mkdir "$TMP/outside" "$TMP/ot/sub"
printf 'export PATH=/usr/bin:/bin\n' >"$TMP/outside/profile"
cp "$TMP/outside/profile" "$TMP/profile.was"
ln -s "$TMP/outside/profile" "$TMP/ot/README.md"
ln -s "$TMP/outside" "$TMP/ot/docs"
ln -s ot/README.md "$TMP/to-readme"
refused() {	# NAME, the -o FILE that the message names, DIR to start in, quest's arguments
	what=$1 named=$2
	shift 2
	(cd "$1" && shift && "$QUEST" "$@") >"$TMP/out" 2>"$TMP/err"
	rc=$?
	if [ $rc -eq 2 ] && cmp -s "$TMP/outside/profile" "$TMP/profile.was" &&
	    [ "$(ls -A "$TMP/outside")" = profile ] &&
	    [ "$(readlink "$TMP/ot/README.md")" = "$TMP/outside/profile" ] &&
	    [ "$(readlink "$TMP/ot/docs")" = "$TMP/outside" ] &&
	    ! ls -A "$TMP/ot" "$TMP/ot/sub" | grep -q 'quest~' && [ ! -s "$TMP/out" ] &&
	    grep -qxF "quest: $named: is a symbolic link, or passes through one, inside the tree: quest never writes through a link of the tree" "$TMP/err"; then
		ok "$what"
	else
		fail "$what" "exit $rc: $(ls -l "$TMP/ot/README.md" "$TMP/ot/docs" "$TMP/outside"); outside/profile: $(cat "$TMP/outside/profile"); $(cat "$TMP/err")"
	fi
}
refused "outputs: md -o README.md, a link of the tree, is refused, exit 2; where it leads is untouched" \
    README.md "$TMP/ot" md -o README.md
refused "outputs: -o an absolute path to a link of the tree is refused" \
    "$TMP/ot/README.md" "$TMP" json -C "$TMP/ot" -o "$TMP/ot/README.md"
refused "outputs: -o ../README.md from a directory below the tour root is the tree's, refused" \
    ../README.md "$TMP/ot/sub" html -o ../README.md
refused "outputs: -o README.md with -C DIR is DIR's README.md, refused" \
    README.md "$TMP" md -C "$TMP/ot" -o README.md
refused "outputs: -o docs/tour.md through docs, a linked directory of the tree, is refused" \
    docs/tour.md "$TMP/ot" md -o docs/tour.md
refused "outputs: -o a link of the user's that leads to a link of the tree is refused" \
    "$TMP/to-readme" "$TMP/ot" md -o "$TMP/to-readme"

fresh ot
echo old >"$TMP/ot/README.md"
chmod 640 "$TMP/ot/README.md"
ino=$(stat -c %i "$TMP/ot/README.md")
mkdir "$TMP/ot/sub"
mkfifo "$TMP/ot/sub/tour.fifo"
(cd "$TMP/ot" && "$QUEST" md -o README.md) 2>"$TMP/err"
rc=$?
rm -f "$TMP/got"
timeout 20 cat "$TMP/ot/sub/tour.fifo" >"$TMP/got" 2>/dev/null &
reader=$!
(cd "$TMP/ot/sub" && timeout 20 "$QUEST" md -o tour.fifo) 2>>"$TMP/err"
rc2=$?
sleep 1
kill "$reader" 2>/dev/null
wait "$reader" 2>/dev/null
if [ $rc -eq 0 ] && [ -f "$TMP/ot/README.md" ] && [ ! -L "$TMP/ot/README.md" ] &&
    grep -q '^# Outputs$' "$TMP/ot/README.md" && [ "$(stat -c %a "$TMP/ot/README.md")" = 640 ] &&
    [ "$(stat -c %i "$TMP/ot/README.md")" != "$ino" ] && ! ls -A "$TMP/ot" | grep -q 'quest~' &&
    [ $rc2 -eq 0 ] && [ -p "$TMP/ot/sub/tour.fifo" ] && grep -q '^# Outputs$' "$TMP/got"; then
	ok "outputs: -o a file of the tree, through no link: a regular one replaced atomically, keeping its mode; a FIFO written in place"
else
	fail "outputs: -o a file of the tree, through no link: a regular one replaced atomically, keeping its mode; a FIFO written in place" "exit $rc and $rc2, inode was $ino: $(ls -liR "$TMP/ot"); read: $(head -c 80 "$TMP/got"); $(cat "$TMP/err")"
fi
rm -f "$TMP/mine.md"
ln -s ot/README.md "$TMP/mine.md"
echo old >"$TMP/ot/README.md"
"$QUEST" -C "$TMP/ot" json -o "$TMP/mine.md" 2>"$TMP/err"
rc=$?
if [ $rc -eq 0 ] && [ "$(readlink "$TMP/mine.md")" = ot/README.md ] && [ ! -L "$TMP/ot/README.md" ] &&
    grep -q '"quest": *1' "$TMP/ot/README.md"; then
	ok "outputs: -o a link outside the tree is followed, into a regular file of the tree too"
else
	fail "outputs: -o a link outside the tree is followed, into a regular file of the tree too" "exit $rc: $(ls -l "$TMP/mine.md" "$TMP/ot/README.md"); $(cat "$TMP/err")"
fi
rm -rf "$TMP/outside"

# 5. codetour: a .tours that the tree holds as a link is refused, exit 2,
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

# 6. codetour -o DIR: inside the tree, no link on the way, relative or
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

# 7. A .tour file that is a link: replaced by the file, never written
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

# 8. Markdown: hostile names shown as they stand, links that lead to the
# file.  cmark-gfm renders it as GitHub does, raw HTML let through
# (GitHub's sanitizer would catch only part); node reads the page.
h=$TMP/hostile
mkdir -p "$h"
cat >"$h/.quest" <<'EOF'
[tour]
title = <b>T</b> & *x* [y](javascript:z) http://e.org www.evil.com `c` #

[chapter G]
name = C# | `t` _u_ ![i](x) <i>
EOF
n=0
for f in '<img src=x onerror=alert(1)>.c' 'a](javascript:x).c' '*b*.c' '_u_.c' \
    'tick`s`.c' 'p|i|pe.c' 'javascript:alert(1).c' 'sp ace#?%.c' '&lt;amp.c' \
    'back\slash.c' 'www.evil.com.c' 'a_b.c' '~~s~~.c' '$m$.c'; do
	n=$((n + 10))
	printf '/*G:%03d Step %s.\n */\nint x;\n/*:*/\n' "$n" "$n" >"$h/$f"
done
printf '/*G:900 Step nl.\n */\nint x;\n/*:*/\n' >"$h/nl
x.c"
if ! command -v cmark-gfm >/dev/null; then
	skip "outputs: md shows hostile names as they stand" "cmark-gfm is not installed (./setup --test installs it)"
elif ! command -v node >/dev/null; then
	skip "outputs: md shows hostile names as they stand" "no node to read the page with"
else
	"$QUEST" -C "$h" md -o "$TMP/h.md" 2>"$TMP/err" || fail "outputs: md of hostile names" "$(cat "$TMP/err")"
	cmark-gfm --unsafe --extension table --extension autolink --extension strikethrough \
	    "$TMP/h.md" >"$TMP/h.html"
	cat >"$TMP/read.mjs" <<'JS'
import { readFileSync, readdirSync } from 'node:fs';
const [page, root] = process.argv.slice(2);
const html = readFileSync(page, 'utf8');
const names = readdirSync(root).filter(f => f.endsWith('.c'));
const say = (ok, what, why) => console.log(`${ok ? 'ok' : 'not ok'} - outputs: md: ${what}${ok ? '' : `\n#   ${why}`}`);
const text = s => s.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"').replace(/&#(\d+);/g, (_, d) => String.fromCharCode(+d)).replace(/&amp;/g, '&');
// Every element is one the writer writes; every attribute its own.
const bad = [];
for (const m of html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^>]*)?)>/g)) {
	const [, el, attrs] = m;
	const ok = ['h1', 'h2', 'h3', 'p', 'ul', 'li', 'pre'].includes(el) && attrs === '' ||
	    el === 'code' && /^( class="language-c")?$/.test(attrs) ||
	    el === 'a' && /^ (href|id)="[^"]*"$/.test(attrs);
	if (!ok) bad.push(m[0]);
}
say(bad.length === 0, 'no element or attribute but the writer\'s own', bad.slice(0, 5).join(' '));
const h1 = html.match(/<h1>(.*?)<\/h1>/s)[1], h2 = html.match(/<h2>(.*?)<\/h2>/s)[1];
const title = '<b>T</b> & *x* [y](javascript:z) http://e.org www.evil.com `c` #';
const chapter = 'C# | `t` _u_ ![i](x) <i>';
say(!/</.test(h1) && text(h1) === title, 'the title is shown as it stands', h1);
say(!/</.test(h2) && text(h2) === chapter, 'a chapter\'s name is shown as it stands', h2);
const toc = html.match(/<li><a href="#chapter-G">(.*?)<\/a><\/li>/s);
say(toc && !/</.test(toc[1]) && text(toc[1]) === chapter, 'the contents link to the chapter by its name', toc && toc[0]);
// Each file: one link whose text is path:3 and whose address is the file.
const links = [...html.matchAll(/<a href="([^"]*)">(.*?)<\/a>/gs)].map(m => [text(m[1]), text(m[2])]);
const miss = [];
for (const f of names) {
	const l = links.find(([, t]) => t === `${f}:3`);
	const path = l && decodeURIComponent(l[0].replace(/#L3$/, '').replace(/^\.\//, ''));
	if (!l || path !== f || /^[a-z]+:/i.test(l[0]))
		miss.push(`${JSON.stringify(f)}: ${l ? JSON.stringify(l[0]) : 'no link'}`);
}
say(miss.length === 0 && names.length === 15, `each of ${names.length} hostile files is linked by its name, to itself`, miss.slice(0, 5).join('; '));
JS
	node "$TMP/read.mjs" "$TMP/h.html" "$h" || true
fi

# 9. The web book links to those files too: the path percent-encoded, a
# first segment with a colon after "./", never a scheme.
"$QUEST" -C "$h" html -o "$TMP/h.book.html" 2>"$TMP/err"
grep -o 'class="src" href="[^"]*"' "$TMP/h.book.html" >"$TMP/hrefs"
if grep -q 'href="sp%20ace%23%3F%25\.c#L1"' "$TMP/hrefs" &&
    grep -q 'href="\./javascript:alert(1)\.c#L1"' "$TMP/hrefs" &&
    grep -q 'href="%3Cimg%20src=x%20onerror=alert(1)%3E\.c#L1"' "$TMP/hrefs" &&
    grep -q 'href="a_b\.c#L1"' "$TMP/hrefs" &&
    ! grep -q 'href="[a-z]*:' "$TMP/hrefs"; then
	ok "outputs: html links to a file by its percent-encoded path, never by a scheme"
else
	fail "outputs: html links to a file by its percent-encoded path, never by a scheme" "$(cat "$TMP/hrefs" "$TMP/err")"
fi

# A permalink names the tour root's directory in the work tree as a path too.
if command -v git >/dev/null; then
	g=$TMP/g
	mkdir -p "$g/sub dir#2"
	cp "$t/a.c" "$g/sub dir#2/a.c"
	git -C "$g" init -q
	git -C "$g" remote add origin git@github.com:owner/repo.git
	git -C "$g" add -A
	git -C "$g" -c user.email=t@example.org -c user.name=t commit -q -m t
	"$QUEST" -C "$g/sub dir#2" md >"$TMP/g.md" 2>"$TMP/err"
	"$QUEST" -C "$g/sub dir#2" html >"$TMP/g.html" 2>>"$TMP/err"
	if grep -q '^\[a\.c:3\](https://github\.com/owner/repo/blob/[0-9a-f]*/sub%20dir%232/a\.c#L3)$' "$TMP/g.md" &&
	    grep -q 'href="https://github\.com/owner/repo/blob/[0-9a-f]*/sub%20dir%232/a\.c#L1-L4"' "$TMP/g.html"; then
		ok "outputs: a permalink percent-encodes the tour root's directory"
	else
		fail "outputs: a permalink percent-encodes the tour root's directory" "$(grep '^\[' "$TMP/g.md") $(grep -o 'class="src" href="[^"]*"' "$TMP/g.html") $(cat "$TMP/err")"
	fi
else
	skip "outputs: a permalink percent-encodes the tour root's directory" "no git here"
fi

# 10. --link-base: http://, https:// (with a host) and relative URLs only,
# for html and md; anything else a usage error naming the option.
bad=
for cmd in html md; do
	for u in 'javascript:alert(1)' 'JavaScript:alert(1)' ' javascript:x' 'data:text/html,x' \
	    'file:///etc/' 'http:x' 'https://' '//' 'docs:x/' '' 'http://a	b'; do
		"$QUEST" -C "$t" $cmd --link-base "$u" >"$TMP/out" 2>"$TMP/err"
		rc=$?
		if [ $rc -ne 2 ] || [ -s "$TMP/out" ] || ! grep -q -- "--link-base wants an http:// or https:// URL" "$TMP/err"; then
			bad="$bad
$cmd --link-base '$u': exit $rc $(head -c 100 "$TMP/out") $(cat "$TMP/err")"
		fi
	done
	for u in https://example.org/src HTTP://example.org/src ../src /srv/src //example.org/src ./docs:x; do
		"$QUEST" -C "$t" $cmd --link-base "$u" >"$TMP/out" 2>"$TMP/err"
		rc=$?
		if [ $rc -ne 0 ] || ! grep -q "${u%/}/a\.c#L" "$TMP/out"; then
			bad="$bad
$cmd --link-base '$u': exit $rc $(cat "$TMP/err")"
		fi
	done
done
if [ -z "$bad" ]; then
	ok "outputs: --link-base takes http(s) and relative URLs only (html, md)"
else
	fail "outputs: --link-base takes http(s) and relative URLs only (html, md)" "${bad#?}"
fi
# 9. html -o DIR/ (and --split): a book of many pages, the site's own
# files only, DIR made (not its parents); refused, exit 2, when DIR is a
# file, a link of the tree, or cannot be written; --split without -o DIR.
fresh bk
printf '/*G:020 The second step, of [G:010].\n */\nint y;\n/*:*/\n' >"$TMP/bk/b.c"
bad=
"$QUEST" -C "$TMP/bk" html -o "$TMP/book/" >"$TMP/out" 2>"$TMP/err" ||
    bad="$bad
-o DIR/: exit $?: $(cat "$TMP/err")"
got=$(cd "$TMP/book" 2>/dev/null && ls | tr '\n' ' ')
[ "$got" = "book.css book.js guest.html index.html search.js " ] || bad="$bad
-o DIR/ wrote: $got"
[ ! -s "$TMP/out" ] && [ ! -s "$TMP/err" ] || bad="$bad
-o DIR/ printed: $(cat "$TMP/out" "$TMP/err")"
grep -q '<a href="#G:010" class="xref">' "$TMP/book/guest.html" || bad="$bad
guest.html has no cross-reference to #G:010"
"$QUEST" -C "$TMP/bk" html --split -o "$TMP/book2" >"$TMP/out" 2>"$TMP/err" &&
    cmp -s "$TMP/book/guest.html" "$TMP/book2/guest.html" || bad="$bad
--split -o DIR: exit $?, or not the same page: $(cat "$TMP/err")"
# Again over the same directory: the same files, replaced.
"$QUEST" -C "$TMP/bk" html -o "$TMP/book/" 2>"$TMP/err" &&
    [ "$(cd "$TMP/book" && ls | tr '\n' ' ')" = "$got" ] || bad="$bad
-o DIR/ twice: $(cat "$TMP/err")"
"$QUEST" -C "$TMP/bk" html -o "$TMP/no/such/" >"$TMP/out" 2>"$TMP/err"
rc=$?
[ $rc -eq 2 ] && [ ! -e "$TMP/no" ] && grep -q "^quest: $TMP/no/such/: No such file or directory" "$TMP/err" ||
    bad="$bad
-o a DIR/ whose parent is missing: exit $rc: $(cat "$TMP/err")"
: >"$TMP/afile"
"$QUEST" -C "$TMP/bk" html -o "$TMP/afile/" >"$TMP/out" 2>"$TMP/err"
rc=$?
[ $rc -eq 2 ] && [ ! -s "$TMP/afile" ] && grep -q "^quest: $TMP/afile/: Not a directory" "$TMP/err" ||
    bad="$bad
-o a file/: exit $rc: $(cat "$TMP/err")"
"$QUEST" -C "$TMP/bk" html --split >"$TMP/out" 2>"$TMP/err"
rc=$?
[ $rc -eq 2 ] && [ ! -s "$TMP/out" ] && grep -q '^quest: --split writes files: it wants -o DIR$' "$TMP/err" ||
    bad="$bad
--split alone: exit $rc: $(cat "$TMP/err")"
"$QUEST" -C "$TMP/bk" html --split -o - >"$TMP/out" 2>"$TMP/err"
rc=$?
[ $rc -eq 2 ] && [ ! -s "$TMP/out" ] || bad="$bad
--split -o -: exit $rc: $(cat "$TMP/err")"
mkdir -p "$TMP/outside"
rm -rf "$TMP/outside/"*
ln -s ../outside "$TMP/bk/site"
"$QUEST" -C "$TMP/bk" html -o site/ >"$TMP/out" 2>"$TMP/err"
rc=$?
[ $rc -eq 2 ] && [ -z "$(ls -A "$TMP/outside")" ] && grep -q 'is a symbolic link, or passes through one' "$TMP/err" ||
    bad="$bad
-o a link of the tree/: exit $rc, outside: $(ls -A "$TMP/outside"); $(cat "$TMP/err")"
mkdir "$TMP/bk/web"
ln -s "$TMP/secret" "$TMP/bk/web/index.html"
"$QUEST" -C "$TMP/bk" html -o web/ >"$TMP/out" 2>"$TMP/err"
rc=$?
[ $rc -eq 0 ] && [ "$(cat "$TMP/secret")" = secret ] && [ ! -L "$TMP/bk/web/index.html" ] ||
    bad="$bad
-o DIR/ over a link index.html: exit $rc: $(ls -l "$TMP/bk/web"); $(cat "$TMP/err")"
if [ "$(id -u)" -ne 0 ]; then
	mkdir "$TMP/ro" && chmod 555 "$TMP/ro"
	"$QUEST" -C "$TMP/bk" html -o "$TMP/ro/" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	[ $rc -eq 2 ] && grep -q "Permission denied" "$TMP/err" || bad="$bad
-o an unwritable DIR/: exit $rc: $(cat "$TMP/err")"
	chmod 755 "$TMP/ro"
fi
if [ -z "$bad" ]; then
	ok "outputs: html -o DIR/, --split: the book's files in DIR, the tree's links refused"
else
	fail "outputs: html -o DIR/, --split: the book's files in DIR, the tree's links refused" "${bad#?}"
fi
# A directory no one may write in, root included: /proc's.
if [ -d /proc/self ]; then
	"$QUEST" -C "$TMP/bk" html -o /proc/self/book/ >"$TMP/out" 2>"$TMP/err"
	rc=$?
	if [ $rc -eq 2 ] && grep -q '^quest: /proc/self/book/: ' "$TMP/err"; then
		ok "outputs: html -o DIR/ where no directory can be made: exit 2, said"
	else
		fail "outputs: html -o DIR/ where no directory can be made: exit 2, said" "exit $rc: $(cat "$TMP/err")"
	fi
fi

finish
