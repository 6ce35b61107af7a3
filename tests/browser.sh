#!/bin/sh
# SPDX-License-Identifier: ISC (see LICENSE)
# tests/browser.sh: the web book (`quest html`) in a real browser.  It
# builds the page of tests/browser/fixture/ (a small tour) and of
# tests/browser/inject/ (a hostile one), checks that each is well-formed
# polyglot markup with one <script> and one <style>, then runs the
# Playwright tests of tests/browser/ in Debian's Chromium: book.test.mjs
# and layout.test.mjs on the fixture, layout.test.mjs on lguest-late
# (../shared/corpus/lguest-late, skipped when absent) and, for what a
# scroll costs, on a tour of 10,000 steps made here; titles.test.mjs on
# the fixture, the golden tour of titles and lguest-late; inject.test.mjs
# on the hostile tree; split.test.mjs on the fixture as a book of many
# pages (html -o DIR/); serve.test.mjs on quest serve, over a copy of the
# fixture that it edits, and serve-split.test.mjs on its book of many
# pages (serve --split), over another; coverage.test.mjs on the page of quest coverage
# --html of the fixture, beside its web book.  Screenshots and a PDF land in
# build/artifacts/browser/.
#
# Skipped when node, Chromium or tests/browser/node_modules (./setup
# --test) is missing, or when this quest has no html command yet.
# QUEST_BROWSER_MUTATE=1 also runs tests/browser/mutate.mjs, which breaks
# the pages in some thirty ways and checks that the right test fails
# (minutes, not seconds: not part of a plain make check).
. "$(dirname "$0")/lib.sh"
b=$TOP/tests/browser
chromium=${CHROMIUM:-/usr/bin/chromium}
art=$TOP/build/artifacts/browser

# The fixtures are tours of their own, clean ones: the pages' content
# depends on it.  Copied out of the repository first: inside it, the
# repository's own .quest would be found upwards.
cp -R "$b/fixture" "$TMP/fixture" && cp -R "$b/inject" "$TMP/inject" || exit 2
for t in fixture inject; do
	if "$QUEST" -C "$TMP/$t" check --werror >"$TMP/out" 2>&1; then
		ok "browser: the $t tree's tour is clean"
	else
		fail "browser: the $t tree's tour is clean" "$(cat "$TMP/out")"
	fi
done

why=
if ! command -v node >/dev/null 2>&1; then
	why="no node (./setup --test installs it)"
elif ! node -e 'process.exit(+process.versions.node.split(".")[0] >= 18 ? 0 : 1)'; then
	why="node $(node --version) is older than 18"
elif [ ! -x "$chromium" ]; then
	why="no $chromium (./setup --test installs Debian's chromium)"
elif [ ! -f "$b/node_modules/playwright-core/package.json" ]; then
	why="no tests/browser/node_modules (./setup --test runs npm ci there)"
elif ! "$QUEST" html --help >/dev/null 2>&1; then
	why="this quest has no html command yet"
fi
if [ -n "$why" ]; then
	skip "browser: web book" "$why"
	finish
fi

# build NAME: quest html on the copy of tests/browser/NAME, into $TMP/NAME.html.
build() {
	if "$QUEST" -C "$TMP/$1" html -o "$TMP/$1.html" >"$TMP/out" 2>&1 && [ -s "$TMP/$1.html" ]; then
		ok "browser: quest html builds the $1 tree's page"
	else
		fail "browser: quest html builds the $1 tree's page" "$(cat "$TMP/out")"
		return 1
	fi
}

# markup NAME: the page is polyglot: well-formed XML, one inline script,
# one inline style, nothing that loads.
markup() {
	p=$TMP/$1.html
	if xmllint --nonet --noout "$p" >"$TMP/out" 2>&1; then
		ok "browser: $1 page is well-formed XML (xmllint)"
	else
		fail "browser: $1 page is well-formed XML (xmllint)" "$(head -20 "$TMP/out")"
		return
	fi
	if head -c 16 "$p" | grep -q '^<!DOCTYPE html>' &&
	    grep -q '<html lang="en"' "$p"; then
		ok "browser: $1 page starts <!DOCTYPE html>, <html lang=\"en\">"
	else
		fail "browser: $1 page starts <!DOCTYPE html>, <html lang=\"en\">" "$(head -3 "$p")"
	fi
	count() { xmllint --nonet --xpath "count($1)" "$p" 2>/dev/null; }
	n_script=$(count "//*[local-name()='script']")
	n_style=$(count "//*[local-name()='style']")
	n_load=$(count "//*[local-name()='script'][@src] | //*[local-name()='link'] | //*[@src][not(starts-with(@src,'data:'))] | //*[local-name()='iframe' or local-name()='object' or local-name()='embed' or local-name()='base']")
	n_csp=$(count "//*[local-name()='meta'][@http-equiv='Content-Security-Policy']")
	if [ "$n_script" = 1 ] && [ "$n_style" = 1 ] && [ "$n_load" = 0 ] && [ "$n_csp" = 1 ]; then
		ok "browser: $1 page has one <script>, one <style>, one policy, nothing that loads"
	else
		fail "browser: $1 page has one <script>, one <style>, one policy, nothing that loads" \
		    "$n_script <script>, $n_style <style>, $n_csp policy <meta>, $n_load elements that load"
	fi
}

# run TEST ARGS...: a node test; its lines are this script's lines.
run() {
	t=$1
	shift
	(cd "$b" && timeout "${limit:-120}" node "$t" "$@") >"$TMP/out" 2>"$TMP/err"
	rc=$?
	cat "$TMP/out"
	if [ "$rc" -ne 0 ] && ! grep -q '^not ok - ' "$TMP/out"; then
		fail "browser: node $t exited $rc" "$(tail -20 "$TMP/err")"
	elif [ "$rc" -ne 0 ]; then
		_failed=1
	fi
}

mkdir -p "$TMP/art"
# crumpet is in the prose of H:020 only, scanf in the code of G:020;
# G:030 refers to G:010.
book_args="--search crumpet=H:020 --search scanf=G:020 --xref G:030=G:010"
if build fixture; then
	markup fixture
	# shellcheck disable=SC2086
	run book.test.mjs $book_args "$TMP/fixture.html" "$TMP/art"
fi
if [ -s "$TMP/fixture.html" ]; then
	run layout.test.mjs --name fixture "$TMP/fixture.html" "$TMP/art"
fi
# The fixture as a book of many pages (-o DIR/), two steps a page at most,
# so that each chapter has several: every page well-formed, its one
# script and stylesheet the book's files, nothing else that loads; then a
# reader across the pages (split.test.mjs).
if "$QUEST" -C "$TMP/fixture" html --page-steps 2 -o "$TMP/book/" >"$TMP/out" 2>&1 &&
    [ -s "$TMP/book/index.html" ]; then
	ok "browser: quest html -o DIR/ builds the fixture's book"
	bad=
	for p in "$TMP/book"/*.html; do
		count() { xmllint --nonet --xpath "count($1)" "$p" 2>/dev/null; }
		xmllint --nonet --noout "$p" >"$TMP/out" 2>&1 || bad="$bad ${p##*/}: $(head -3 "$TMP/out")"
		n=$(count "//*[local-name()='script'][@src='book.js'][not(node())]")/$(count "//*[local-name()='script']")
		n=$n/$(count "//*[local-name()='link'][@rel='stylesheet'][@href='book.css']")/$(count "//*[local-name()='link'] | //*[local-name()='style']")
		n=$n/$(count "//*[@src][not(@src='book.js')] | //*[local-name()='iframe' or local-name()='object' or local-name()='embed' or local-name()='base']")
		[ "$n" = 1/1/1/1/0 ] || bad="$bad ${p##*/}: script[src]/script/link[book.css]/link+style/loads $n"
	done
	if [ -z "$bad" ]; then
		ok "browser: every page of the book is well-formed, with book.js and book.css alone"
	else
		fail "browser: every page of the book is well-formed, with book.js and book.css alone" "$bad"
	fi
	run split.test.mjs --search crumpet=H:020 --xref G:030=G:010 "$TMP/book" "$TMP/art"
else
	fail "browser: quest html -o DIR/ builds the fixture's book" "$(cat "$TMP/out")"
fi
late=$TOP/../shared/corpus/lguest-late
if [ ! -d "$late" ]; then
	skip "browser: layout of lguest-late" "no ${late#"$TOP"/} (the lguest corpus)"
elif "$QUEST" -C "$late" html -o "$TMP/lguest-late.html" >"$TMP/out" 2>&1; then
	run layout.test.mjs --name lguest-late "$TMP/lguest-late.html" "$TMP/art"
else
	fail "browser: quest html builds lguest-late's page" "$(cat "$TMP/out")"
fi
# A tour of 10,000 steps in 100 files, two chapters.
mkdir -p "$TMP/big" && printf '[tour]\ntitle = Ten thousand steps\n[chapter A]\nname = First half\n[chapter B]\nname = Second half\n' >"$TMP/big/.quest" &&
    (cd "$TMP/big" && awk 'BEGIN { for (i = 1; i <= 10000; i++) {
	c = i <= 5000 ? "A" : "B"; f = sprintf("f%03d.c", int((i - 1) / 100))
	printf "/*%s:%d Step %d returns %d.\n */\nint v%d(void)\n{\n\treturn %d;\n}\n/*:*/\n", c, i * 10, i, i, i, i > f } }')
if "$QUEST" -C "$TMP/big" html -o "$TMP/big.html" >"$TMP/out" 2>&1; then
	limit=300 run layout.test.mjs --name 10000-steps --big yes "$TMP/big.html" "$TMP/art"
else
	fail "browser: quest html builds a page of 10,000 steps" "$(cat "$TMP/out")"
fi
if build inject; then
	markup inject
	run inject.test.mjs "$TMP/inject.html" "$TMP/art"
fi
# Titles: on the fixture, on the golden tour of titles (a cross-reference
# in a title: E:010's names S:020), and on lguest-late, 128 real ones.
if [ -s "$TMP/fixture.html" ]; then
	run titles.test.mjs --name fixture "$TMP/fixture.html" "$TMP/art"
fi
cp -R "$TOP/tests/golden/titles/tree" "$TMP/titles" || exit 2
if "$QUEST" -C "$TMP/titles" html -o "$TMP/titles.html" >"$TMP/out" 2>&1; then
	run titles.test.mjs --name titles --xref-title E:010=S:020 "$TMP/titles.html" "$TMP/art"
else
	fail "browser: quest html builds the golden titles tree's page" "$(cat "$TMP/out")"
fi
late=$SHARED/corpus/lguest-late
if [ ! -d "$late" ]; then
	skip "browser/titles (lguest-late)" "no $late here"
elif "$QUEST" -C "$late" html -o "$TMP/lguest-late.html" >"$TMP/out" 2>&1; then
	run titles.test.mjs --name lguest-late "$TMP/lguest-late.html" "$TMP/art"
else
	fail "browser: quest html builds lguest-late's page" "$(cat "$TMP/out")"
fi
# quest serve: the live book, on a copy of the fixture that it edits.
if "$QUEST" help serve >/dev/null 2>&1; then
	cp -R "$b/fixture" "$TMP/live" || exit 2
	limit=120 run serve.test.mjs "$QUEST" "$TMP/live" "$TMP/art"
	cp -R "$b/fixture" "$TMP/live-split" || exit 2
	limit=120 run serve-split.test.mjs "$QUEST" "$TMP/live-split" "$TMP/art"
fi
# quest coverage --html: its page beside the fixture's web book.
mkdir -p "$TMP/cov"
if "$QUEST" -C "$TMP/fixture" coverage --html -o "$TMP/cov/coverage.html" >"$TMP/out" 2>&1 &&
    "$QUEST" -C "$TMP/fixture" html -o "$TMP/cov/book.html" >>"$TMP/out" 2>&1; then
	ok "browser: quest coverage --html builds the fixture tree's page"
	if xmllint --nonet --noout "$TMP/cov/coverage.html" >"$TMP/out" 2>&1; then
		ok "browser: coverage page is well-formed XML (xmllint)"
	else
		fail "browser: coverage page is well-formed XML (xmllint)" "$(head -20 "$TMP/out")"
	fi
	run coverage.test.mjs --book "$TMP/cov/book.html" "$TMP/cov/coverage.html" "$TMP/art"
else
	fail "browser: quest coverage --html builds the fixture tree's page" "$(cat "$TMP/out")"
fi
if [ "${QUEST_BROWSER_MUTATE:-}" = 1 ] && [ -s "$TMP/fixture.html" ] && [ -s "$TMP/inject.html" ]; then
	# shellcheck disable=SC2086
	limit=1200 run mutate.mjs "$TMP/fixture.html" "$TMP/inject.html" $book_args
fi
if ls "$TMP/art"/* >/dev/null 2>&1; then
	mkdir -p "$art" && cp "$TMP/art"/* "$art"/ && cp "$TMP/fixture.html" "$art/book.html" 2>/dev/null
	echo "# screenshots in ${art#"$TOP"/}/"
fi
finish
