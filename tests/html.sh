#!/bin/sh
# SPDX-License-Identifier: ISC (see LICENSE)
# tests/html.sh: the web book without a browser: well-formed, complete,
# safe, linked right.  (tests/browser.sh drives it in Chromium.)
. "$(dirname "$0")/lib.sh"
export LC_ALL=C

# One tree of every kind of content, hostile bytes included.
t=$TMP/t
mkdir -p "$t/src"
cat >"$t/.quest" <<'Q'
[tour]
title = A <b>tour</b> & "more"
intro = README.md
[chapter G]
name = Guest
[chapter H]
name = Host </style>
Q
cat >"$t/README.md" <<'Q'
# Welcome

An *intro* with `code`, a [link](https://example.org/), a
[bad one](javascript:alert(1)), <script>alert(2)</script> and
<img src=x onerror=alert(3)>. Entities: &copy; &#x263A; &bogus;
Q
cat >"$t/src/a.c" <<'Q'
/*G:010 First, a *list*:
 * - one `x < y && z`
 * - two [G:020] and [H:100]
 * </style><script>alert(4)</script> "><svg onload=alert(5)>
 */
int a = 1 < 2;
/*:*/
/*G:020 Second: no code. :*/
Q
printf '#!/bin/sh\n#H:100 The host \001 and \377 bytes.\necho "<b>hi</b>"\n#:\n' >"$t/src/run"

if ! "$QUEST" -C "$t" html -o "$TMP/book.html" 2>"$TMP/err"; then
	fail "html: writes a page" "$(cat "$TMP/err")"
	finish
fi
ok "html: writes a page"
if command -v xmllint >/dev/null; then
	xmllint --noout "$TMP/book.html" 2>"$TMP/xml" && ok "html: well-formed (xmllint, strict XML)" ||
	    fail "html: well-formed (xmllint, strict XML)" "$(head "$TMP/xml")"
else
	skip "html: well-formed" "no xmllint (./setup --test installs libxml2-utils)"
fi
n=$(grep -o '<script' "$TMP/book.html" | wc -l)
[ "$n" -eq 1 ] && ok "html: exactly one script element, quest's own" || fail "html: exactly one script element, quest's own" "$n"
n=$(grep -o '<style' "$TMP/book.html" | wc -l)
[ "$n" -eq 1 ] && ok "html: exactly one style element" || fail "html: exactly one style element" "$n"
for bad in '<[^>]*[[:space:]]onerror=' '<[^>]*[[:space:]]onload=' 'href="javascript:' '<b>hi' '<svg' '<img'; do
	if grep -q "$bad" "$TMP/book.html"; then
		fail "html: no raw '$bad' from the tree" "$(grep -o ".\{40\}$bad.\{20\}" "$TMP/book.html" | head -3)"
	else
		ok "html: no raw '$bad' from the tree"
	fi
done
sed "s/&#39;/'/g" "$TMP/book.html" | grep -q "Content-Security-Policy\" content=\"default-src 'none'; script-src 'sha256-" &&
    ok "html: a CSP that allows only quest's script by hash" || fail "html: a CSP that allows only quest's script by hash"
# The CSP hashes are those of the page's own script and style.
want=$(perl -0777 -ne 'print $1 if /<script>(.*?)<\/script>/s' "$TMP/book.html" | openssl dgst -sha256 -binary | base64)
sed "s/&#39;/'/g" "$TMP/book.html" | grep -q "script-src 'sha256-$want'" && ok "html: the script's hash is in the CSP" ||
    fail "html: the script's hash is in the CSP" "sha256-$want"
grep -q '<article class="step" id="G:010">' "$TMP/book.html" && grep -q 'id="H:100"' "$TMP/book.html" &&
    ok "html: every step has its tag as anchor" || fail "html: every step has its tag as anchor"
grep -q '<a href="#G:020" class="xref">G:020</a>' "$TMP/book.html" &&
    ok "html: a cross-reference links to its step" || fail "html: a cross-reference links to its step" "$(grep -o '.\{30\}G:020.\{30\}' "$TMP/book.html" | head)"
grep -q '<a class="src" href="src/a.c#L1">src/a.c:1</a>' "$TMP/book.html" &&
    ok "html: relative source links by default" || fail "html: relative source links by default"
grep -q '<span class="line"><span class="ln">6</span>' "$TMP/book.html" &&
    ok "html: code has its real line numbers" || fail "html: code has its real line numbers"
grep -q '&lt;/style&gt;&lt;script&gt;' "$TMP/book.html" &&
    ok "html: markup in prose is text" || fail "html: markup in prose is text"
grep -q 'Host &lt;/style&gt;' "$TMP/book.html" &&
    ok "html: markup in a chapter name is text" || fail "html: markup in a chapter name is text"
grep -q '&#169; &#x263A;\|© ☺' "$TMP/book.html" && ok "html: entities decoded" || fail "html: entities decoded" "$(grep -o 'Entities.\{40\}' "$TMP/book.html")"
grep -q "$(printf '\357\277\275')" "$TMP/book.html" && ok "html: bad bytes become U+FFFD" || fail "html: bad bytes become U+FFFD"

# --link-base, and -o - for standard output.
"$QUEST" -C "$t" html --link-base https://example.org/tree/ -o - >"$TMP/lb.html" 2>&1
grep -q 'href="https://example.org/tree/src/a.c#L1-L7"' "$TMP/lb.html" &&
    ok "html: --link-base URL/path#Lstart-Lend" || fail "html: --link-base URL/path#Lstart-Lend" "$(grep -o 'class="src" href="[^"]*"' "$TMP/lb.html" | head -2)"

# A permalink from a git work tree whose origin is on GitHub.
if command -v git >/dev/null; then
	g=$TMP/g
	cp -r "$t" "$g"
	git -C "$g" init -q && git -C "$g" add -A &&
	    git -C "$g" -c user.name=t -c user.email=t@t commit -qm x &&
	    git -C "$g" remote add origin git@github.com:someone/proj.git
	sha=$(git -C "$g" rev-parse HEAD)
	"$QUEST" -C "$g/src" html -o "$TMP/gh.html" 2>"$TMP/err" || fail "html: in a git work tree with an origin" "exit $?: $(cat "$TMP/err")"
	grep -q "href=\"https://github.com/someone/proj/blob/$sha/src/a.c#L1-L7\"" "$TMP/gh.html" &&
	    ok "html: a GitHub permalink to HEAD" || fail "html: a GitHub permalink to HEAD" "$(grep -o 'class="src" href="[^"]*"' "$TMP/gh.html" | head -2)"
	git -C "$g" remote set-url origin https://gitlab.com/group/proj
	"$QUEST" -C "$g" html -o "$TMP/gl.html" 2>"$TMP/err" || fail "html: an https origin" "exit $?: $(cat "$TMP/err")"
	grep -q "href=\"https://gitlab.com/group/proj/-/blob/$sha/src/a.c#L1-7\"" "$TMP/gl.html" &&
	    ok "html: a GitLab permalink" || fail "html: a GitLab permalink" "$(grep -o 'class="src" href="[^"]*"' "$TMP/gl.html" | head -2)"
else
	skip "html: permalinks" "no git"
fi

# -o is atomic: a failed write leaves the old file whole, and no temporary.
echo old >"$TMP/keep.html"
chmod 640 "$TMP/keep.html"
"$QUEST" -C "$t" html -o "$TMP/keep.html" 2>/dev/null
[ "$(stat -c %a "$TMP/keep.html")" = 640 ] && ok "html: -o keeps the mode of the file it replaces" ||
    fail "html: -o keeps the mode of the file it replaces" "$(stat -c %a "$TMP/keep.html")"
"$QUEST" -C "$t" html -o "$TMP/nodir/x.html" 2>"$TMP/err"
[ $? -eq 2 ] && grep -q 'nodir/x.html: No such file' "$TMP/err" && ok "html: -o into a missing directory: exit 2" ||
    fail "html: -o into a missing directory: exit 2" "$(cat "$TMP/err")"
ls -a "$TMP" | grep -q '^\.keep\.html\.' && fail "html: no temporary file left" || ok "html: no temporary file left"

# A page over 5 MB: quest says, once, on stderr, that -o DIR/ exists; a
# smaller one says nothing (as every case above).  Then the same tour as
# a book: every page much smaller, every step on one of them.
big=$TMP/big
mkdir -p "$big" && printf '[chapter A]\nname = All\n' >"$big/.quest" &&
    (cd "$big" && awk 'BEGIN { for (i = 1; i <= 4400; i++) {
	f = sprintf("f%02d.c", int((i - 1) / 100))
	printf "/*A:%d Step %d returns %d, as the reader of a long tour expects of it.\n */\nint v%d(void)\n{\n\treturn %d;\n}\n/*:*/\n", i * 10, i, i, i, i > f } }')
"$QUEST" -C "$big" html -o "$TMP/big.html" 2>"$TMP/err"
rc=$?
if [ $rc -eq 0 ] && [ "$(wc -c <"$TMP/big.html")" -gt $((5 << 20)) ] &&
    [ "$(wc -l <"$TMP/err")" -eq 1 ] &&
    grep -q '^quest: the page is [0-9]* MB: quest html -o DIR/ writes a book of many pages' "$TMP/err"; then
	ok "html: a page over 5 MB says that -o DIR/ exists"
else
	fail "html: a page over 5 MB says that -o DIR/ exists" "exit $rc, $(wc -c <"$TMP/big.html") bytes: $(cat "$TMP/err")"
fi
"$QUEST" -C "$big" html -o "$TMP/bigbook/" 2>"$TMP/err"
rc=$?
n=$(cat "$TMP/bigbook"/*.html | grep -o '<article class="step"' | wc -l)
most=$(ls -l "$TMP/bigbook"/*.html | awk '$5 > m { m = $5 } END { print m }')
if [ $rc -eq 0 ] && [ ! -s "$TMP/err" ] && [ "$n" -eq 4400 ] && [ "$most" -lt $((2 << 20)) ] &&
    [ "$(ls "$TMP/bigbook" | grep -c '^all.*\.html$')" -eq 11 ]; then
	ok "html: -o DIR/ puts 4,400 steps on 11 pages of 400 at most, none over 2 MB"
else
	fail "html: -o DIR/ puts 4,400 steps on 11 pages of 400 at most, none over 2 MB" "exit $rc, $n steps, largest $most: $(ls "$TMP/bigbook"); $(cat "$TMP/err")"
fi

# The lguest tour, whole.
v=$SHARED/corpus/lguest-late
if [ -d "$v" ]; then
	"$QUEST" -C "$v" html -o "$TMP/lguest.html"
	n=$(grep -c '<article class="step"' "$TMP/lguest.html")
	c=$(grep -c '<section class="chapter"' "$TMP/lguest.html")
	[ "$n" -eq 128 ] && [ "$c" -eq 7 ] && ok "html: lguest-late, 128 steps in 7 chapters" ||
	    fail "html: lguest-late, 128 steps in 7 chapters" "$n steps, $c chapters"
	grep -q 'Welcome, friend reader, to lguest' "$TMP/lguest.html" && ok "html: lguest's README is the front page" ||
	    fail "html: lguest's README is the front page"
else
	skip "html: lguest-late" "no $v here"
fi
finish
