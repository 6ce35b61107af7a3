#!/bin/sh
# SPDX-License-Identifier: ISC (see LICENSE)
# tests/serve.sh: quest serve as a program, with curl: the URL on the
# first line, the one page and the stream and nothing else (404 for a
# traversal, encoded or not, and for any file of the tree), 403 for a
# foreign Host or Origin, 405 for POST, HEAD; the stream's events on a
# prose edit, a rename-save, a same-bytes save (none), a duplicate (the
# book kept), a deleted file; a FIFO and a binary file that do not hang
# it; SIGTERM ends it, exit 0, its streams closed; how many steps a save
# highlights again; and, edit after edit, every article of its book of
# many pages the one quest html -o DIR/ writes afresh.
. "$(dirname "$0")/lib.sh"

if ! command -v curl >/dev/null 2>&1; then
	skip "serve" "no curl"
	finish
fi
cp -R "$TOP/tests/browser/fixture" "$TMP/t" || exit 2
t=$TMP/t

# start [ARGS...]: quest serve on the tree, its URL in $url, pid in $pid.
start() {
	# Emptied here: the background job's own redirection may come after
	# the first read below, which would find the last server's URL.
	: >"$TMP/stdout"
	"$QUEST" -C "$t" serve --port 0 "$@" >"$TMP/stdout" 2>"$TMP/stderr" &
	pid=$!
	i=0
	url=
	while [ $i -lt 100 ] && [ -z "$url" ]; do
		url=$(head -1 "$TMP/stdout" 2>/dev/null)
		[ -n "$url" ] || sleep 0.1
		i=$((i + 1))
	done
	port=${url##*:}
	port=${port%/}
}

# code NAME WANT CURL-ARGS...: the status curl gets.
code() {
	name=$1 want=$2
	shift 2
	got=$(curl -s -o "$TMP/body" -w '%{http_code}' --max-time 5 "$@")
	if [ "$got" = "$want" ]; then
		ok "serve: $name: $want"
	else
		fail "serve: $name: $want" "got $got: $(head -c 300 "$TMP/body")"
	fi
}

# events: the stream, into $TMP/ev, in the background ($cpid).
events() {
	: >"$TMP/ev"
	curl -sN --max-time 60 "${url}events" >"$TMP/ev" &
	cpid=$!
	waitfor 'event: hello' 1
}

# waitfor PATTERN N: until the stream holds N lines matching PATTERN (5 s).
waitfor() {
	i=0
	while [ $i -lt 100 ]; do
		[ "$(grep -c "$1" "$TMP/ev")" -ge "$2" ] && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

start
case $url in
http://127.0.0.1:[0-9]*/) ok "serve: the first line is the URL, on 127.0.0.1" ;;
*) fail "serve: the first line is the URL, on 127.0.0.1" "$(cat "$TMP/stdout" "$TMP/stderr")"
   finish ;;
esac

code "the book" 200 "$url"
if grep -q "connect-src &#39;self&#39;" "$TMP/body" && grep -q 'data-gen=' "$TMP/body" &&
    grep -q 'id="G:010"' "$TMP/body"; then
	ok "serve: the page is the book, its policy allows the stream"
else
	fail "serve: the page is the book, its policy allows the stream" "$(head -c 600 "$TMP/body")"
fi
if grep -q '<span class="src">src/toaster.c:6</span>' "$TMP/body" && ! grep -q '<a class="src"' "$TMP/body"; then
	ok "serve: a step names its place, with no link to a file it does not serve"
else
	fail "serve: a step names its place, with no link to a file it does not serve" "$(grep -o '<[a-z]* class="src"[^>]*>[^<]*' "$TMP/body" | head -3)"
fi
code "/index.html" 200 "${url}index.html"
code "HEAD /" 200 -I "$url"
code "Host localhost:PORT" 200 -H "Host: localhost:$port" "$url"
code "Host [::1]:PORT" 200 -H "Host: [::1]:$port" "$url"
code "Host app.localhost:PORT" 200 -H "Host: app.localhost:$port" "$url"
code "Host evil.test" 403 -H "Host: evil.test" "$url"
code "Host evil.test:PORT" 403 -H "Host: evil.test:$port" "$url"
code "Host localhost on another port" 403 -H "Host: localhost:1" "$url"
code "no Host (HTTP/1.0)" 403 -0 -H "Host:" "$url"
code "Origin of another site on /events" 403 -H "Origin: http://evil.test" "${url}events"
code "POST" 405 -X POST -d x=1 "$url"
if grep -qi '^allow: GET, HEAD' "$TMP/body" ||
    curl -s -D - -o /dev/null -X DELETE "$url" | grep -qi '^allow: GET, HEAD'; then
	ok "serve: 405 says Allow: GET, HEAD"
else
	fail "serve: 405 says Allow: GET, HEAD"
fi
code "PUT" 405 -X PUT "$url"
code "/../../etc/passwd" 404 --path-as-is "${url}../../etc/passwd"
code "/%2e%2e/%2e%2e/etc/passwd" 404 --path-as-is "${url}%2e%2e/%2e%2e/etc/passwd"
code "/..%2f..%2fetc%2fpasswd" 404 --path-as-is "${url}..%2f..%2fetc%2fpasswd"
code "a file of the tree" 404 "${url}src/toaster.c"
code "the config" 404 "${url}.quest"
code "/index.html/" 404 "${url}index.html/"
code "a directory" 404 "${url}src/"
code "a long path" 404 "${url}$(printf '%0500d' 0)"

# The stream: an edit of prose is one change, naming its step.
events
sed 's/The toaster starts in/The toaster begins in/' "$t/src/toaster.c" >"$TMP/x" &&
    cat "$TMP/x" >"$t/src/toaster.c"
if waitfor 'event: change' 1 && grep 'begins in' "$TMP/ev" | grep -q '"changed":\["G:010"'; then
	ok "serve: an edit of G:010's prose is an event naming G:010, with its new prose"
else
	fail "serve: an edit of G:010's prose is an event naming G:010, with its new prose" "$(tail -c 400 "$TMP/ev"; tail -3 "$TMP/stderr")"
fi
# Highlighted again: G:010, G:020 (its link back shows G:010's title),
# the step of tools/brown.py (its [G:010] too) and H:015, whose context
# line is read from the rest of the file; not H:010 and H:017, of the
# same file.
if grep 'rebuilt:' "$TMP/stderr" | tail -1 | grep -q ', 4 highlighted,'; then
	ok "serve: an edit highlights again the steps whose articles it changes, not the whole file"
else
	fail "serve: an edit highlights again the steps whose articles it changes, not the whole file" "$(tail -3 "$TMP/stderr")"
fi
code "the page, after" 200 "$url"
if grep -q 'begins in' "$TMP/body"; then
	ok "serve: the page served after holds the edit"
else
	fail "serve: the page served after holds the edit"
fi
# The same bytes saved again: nothing to say.
cp "$t/src/toaster.c" "$TMP/same" && cat "$TMP/same" >"$t/src/toaster.c"
sleep 0.4
if [ "$(grep -c 'event: change' "$TMP/ev")" -eq 1 ]; then
	ok "serve: a save of the same bytes sends nothing"
else
	fail "serve: a save of the same bytes sends nothing" "$(grep -c 'event: change' "$TMP/ev") changes"
fi
# A rename-save, as vim does it, written in three parts: one change.
sed 's/begins in/starts in/' "$t/src/toaster.c" >"$TMP/y"
{ head -c 100 "$TMP/y"; } >"$t/src/.toaster.c.swp"
{ head -c 200 "$TMP/y" >"$t/src/4913"; rm -f "$t/src/4913"; }
cp "$TMP/y" "$t/src/toaster.c.new" && { printf ''; } >>"$t/src/toaster.c.new" &&
    mv "$t/src/toaster.c.new" "$t/src/toaster.c"
rm -f "$t/src/.toaster.c.swp"
sleep 0.5
if waitfor 'event: change' 2 && [ "$(grep -c 'event: change' "$TMP/ev")" -eq 2 ]; then
	ok "serve: a save by rename, with a swap file beside it, is one change"
else
	fail "serve: a save by rename, with a swap file beside it, is one change" "$(grep -c 'event: change' "$TMP/ev") changes; $(tail -3 "$TMP/stderr")"
fi
# A FIFO and a binary file with a tag in it: passed over, the server alive.
mkfifo "$t/src/pipe.c" 2>/dev/null
printf 'x\000y /*G:077 binary */\n' >"$t/src/blob.c"
sleep 0.3
code "after a FIFO and a binary file" 200 --max-time 3 "$url"
if grep -q 'G:077' "$TMP/body"; then
	fail "serve: a binary file's tag is no step"
else
	ok "serve: a binary file's tag is no step"
fi
# An edit that highlights a step, so that the next build's count is its own.
n=$(grep -c 'rebuilt:' "$TMP/stderr")
sed 's/it reads the dial, then heats\./it reads the dial, then it heats./' "$t/src/toaster.c" >"$TMP/x" &&
    cat "$TMP/x" >"$t/src/toaster.c"
i=0
while [ $i -lt 50 ] && [ "$(grep -c 'rebuilt:' "$TMP/stderr")" -le "$n" ]; do
	sleep 0.1
	i=$((i + 1))
done
# A duplicate number: the book kept, the diagnostics told with both places.
printf '/*H:020 A second H:020.\n */\nint twice;\n/*:*/\n' >"$t/src/twice.c"
if waitfor 'event: problems' 1 && grep 'event: problems' -A1 "$TMP/ev" | grep -q 'duplicate-step' &&
    grep 'event: problems' -A1 "$TMP/ev" | grep -q '"file":"src/twice.c"' &&
    grep 'event: problems' -A1 "$TMP/ev" | grep -q 'scripts/run.sh:4'; then
	ok "serve: a duplicate number is told, both places named"
else
	fail "serve: a duplicate number is told, both places named" "$(tail -c 600 "$TMP/ev")"
fi
if grep 'errors, the book kept' "$TMP/stderr" | tail -1 | grep -q ', 0 highlighted,'; then
	ok "serve: with errors, the book kept, nothing is highlighted"
else
	fail "serve: with errors, the book kept, nothing is highlighted" "$(tail -2 "$TMP/stderr")"
fi
code "the page, with errors" 200 "$url"
if grep -q 'A second H:020' "$TMP/body"; then
	fail "serve: with errors, the page is the last good book"
else
	ok "serve: with errors, the page is the last good book"
fi
rm -f "$t/src/twice.c"
if waitfor 'event: change' 4 && tail -2 "$TMP/ev" | grep -q '"diagnostics":\[\]'; then
	ok "serve: fixed, the diagnostics are cleared"
else
	fail "serve: fixed, the diagnostics are cleared" "$(tail -c 300 "$TMP/ev")"
fi
# A new directory with a file of steps, then the file deleted.
mkdir "$t/more" && printf '/*H:099 A step in a new directory.\n */\nint more;\n/*:*/\n' >"$t/more/more.c"
if waitfor '"added":\["H:099"\]' 1; then
	ok "serve: a file in a new directory adds its step"
else
	fail "serve: a file in a new directory adds its step" "$(tail -c 300 "$TMP/ev")"
fi
rm -rf "$t/more"
if waitfor '"removed":\["H:099"\]' 1; then
	ok "serve: a deleted file's steps go"
else
	fail "serve: a deleted file's steps go" "$(tail -c 300 "$TMP/ev")"
fi
kill -TERM "$pid"
wait "$pid"
rc=$?
if [ "$rc" -eq 0 ]; then
	ok "serve: SIGTERM stops it: exit 0"
else
	fail "serve: SIGTERM stops it: exit 0" "exit $rc; $(tail -5 "$TMP/stderr")"
fi
# The stream ends with the server, cleanly: curl exits 0.
if wait "$cpid"; then
	ok "serve: its streams are closed"
else
	fail "serve: its streams are closed" "curl exit $?"
fi

# --port N exactly: taken, an error.
start
"$QUEST" -C "$t" serve --port "$port" >"$TMP/o2" 2>"$TMP/e2"
rc=$?
if [ "$rc" -eq 2 ] && grep -q "port $port" "$TMP/e2"; then
	ok "serve: --port N taken is an error, exit 2"
else
	fail "serve: --port N taken is an error, exit 2" "exit $rc; $(cat "$TMP/e2")"
fi
kill -INT "$pid"
wait "$pid"
rc=$?
if [ "$rc" -eq 0 ]; then
	ok "serve: SIGINT stops it: exit 0"
else
	fail "serve: SIGINT stops it: exit 0" "exit $rc"
fi
"$QUEST" -C "$t" serve --port 0 --bind example.org >"$TMP/o2" 2>"$TMP/e2"
rc=$?
if [ "$rc" -eq 2 ] && grep -q 'not an IP address' "$TMP/e2"; then
	ok "serve: --bind takes an IP address only"
else
	fail "serve: --bind takes an IP address only" "exit $rc; $(cat "$TMP/e2")"
fi
"$QUEST" -C "$t" serve --port 0 Nowhere >"$TMP/o2" 2>"$TMP/e2"
rc=$?
if [ "$rc" -eq 2 ] && grep -q 'Nowhere' "$TMP/e2"; then
	ok "serve: a chapter that is not there is an error, exit 2"
else
	fail "serve: a chapter that is not there is an error, exit 2" "exit $rc; $(cat "$TMP/e2")"
fi
# The one page has no files of a book of many; --link-base links out.
start --link-base https://example.org/toaster
if curl -s "$url" | grep -q '<a class="src" href="https://example.org/toaster/src/toaster.c#L6'; then
	ok "serve: --link-base links each step to its source"
else
	fail "serve: --link-base links each step to its source" "$(curl -s "$url" | grep -o '<[a-z]* class="src"[^>]*>' | head -3)"
fi
code "/book.css of a book of one page" 404 "${url}book.css"
code "/getting-started.html of a book of one page" 404 "${url}getting-started.html"
kill -TERM "$pid"
wait "$pid"
# --split: a book of many pages, each file served from memory.
start --split --page-steps 3
code "--split: the index page" 200 "$url"
if grep -q '^quest: serving the book, 4 pages, at http' "$TMP/stderr"; then
	ok "serve: --split: it says how many pages"
else
	fail "serve: --split: it says how many pages" "$(cat "$TMP/stderr")"
fi
if grep -q 'href="getting-started.html"' "$TMP/body" && grep -q 'src="live.js"' "$TMP/body" &&
    grep -q "connect-src &#39;self&#39;" "$TMP/body" && ! grep -q 'id="G:010"' "$TMP/body"; then
	ok "serve: --split: the index page links the pages, its policy allows the stream"
else
	fail "serve: --split: the index page links the pages, its policy allows the stream" "$(head -c 600 "$TMP/body")"
fi
for f in index.html getting-started.html heating.html heating-2.html book.css book.js live.js search.js; do
	code "--split: /$f" 200 "${url}$f"
done
if curl -s -D - -o /dev/null "${url}book.css" | grep -qi '^content-type: text/css' &&
    curl -s -D - -o /dev/null "${url}search.js" | grep -qi '^content-type: text/javascript'; then
	ok "serve: --split: each file has its type"
else
	fail "serve: --split: each file has its type"
fi
if curl -s "${url}heating.html" | grep -q 'id="H:017"' && curl -s "${url}search.js" | grep -q '"H:017"'; then
	ok "serve: --split: a chapter's page holds its steps, search.js every step"
else
	fail "serve: --split: a chapter's page holds its steps, search.js every step"
fi
code "--split: a page that is not there" 404 "${url}cooling.html"
code "--split: a name of the tree" 404 "${url}toaster.c"
code "--split: a traversal" 404 --path-as-is "${url}../heating.html"
code "--split: an encoded traversal" 404 --path-as-is "${url}..%2fheating.html"
code "--split: upper case" 404 "${url}Heating.html"
code "--split: HEAD" 200 -I "${url}heating.html"
events
edit_prose() {
	sed 's/reads as zero, and/reads as zero, so/' "$t/src/toaster.c" >"$TMP/x" && cat "$TMP/x" >"$t/src/toaster.c"
}
edit_prose
if waitfor 'event: change' 1 && grep '^data:' "$TMP/ev" | tail -1 | sed 's/^data: //' | jq -e '.split == true and
    (.names | index("getting-started.html")) != null and
    ([.pages[].name] == ["getting-started.html"]) and
    (.pages[0].chapters[0].steps | map(select(.html)) | map(.id)) == ["G:020"] and
    .changed == ["G:020"]' >/dev/null; then
	ok "serve: --split: an edit tells the one page whose bytes changed, and its one step"
else
	fail "serve: --split: an edit tells the one page whose bytes changed, and its one step" "$(tail -c 800 "$TMP/ev")"
fi
# G:020's body, not its title: G:020 and the indented H:015 again.
if grep 'rebuilt:' "$TMP/stderr" | tail -1 | grep -q ', 2 highlighted,'; then
	ok "serve: --split: an edit of a step's body highlights that step again, and none it does not change"
else
	fail "serve: --split: an edit of a step's body highlights that step again, and none it does not change" "$(tail -3 "$TMP/stderr")"
fi
if curl -s "${url}getting-started.html" | grep -q 'reads as zero, so'; then
	ok "serve: --split: the page served is the new one"
else
	fail "serve: --split: the page served is the new one"
fi
cp "$t/src/toaster.c" "$TMP/x" && cat "$TMP/x" >"$t/src/toaster.c"
sleep 0.5
if [ "$(grep -c 'event: change' "$TMP/ev")" -eq 1 ]; then
	ok "serve: --split: a save of the same bytes is no change"
else
	fail "serve: --split: a save of the same bytes is no change" "$(tail -c 600 "$TMP/ev")"
fi
kill "$cpid" 2>/dev/null
kill -TERM "$pid"
wait "$pid"
rc=$?
if [ "$rc" -eq 0 ]; then
	ok "serve: --split: SIGTERM stops it: exit 0"
else
	fail "serve: --split: SIGTERM stops it: exit 0" "exit $rc"
fi
# What serve keeps must be what a build makes: after each edit, every
# article of every page served is the one quest html writes afresh (its
# source links as serve writes them, with no server for the tree), of
# the one page and of a book of many pages (-o DIR/) alike.  The edits
# are those a key once missed: a #! line that changes the language, a
# Markdown link to a step's anchor whose page moves, a backtick of the
# title that a reference of the body could pair with, a commit that the
# source links name, and an excerpt of a big file made again alone.
# articles FILE: its articles, one a line, source links as spans.
articles() {
	tr '\n' '\001' <"$1" | sed 's|<article |\n<article |g; s|</article>|</article>\n|g' |
	    grep '^<article ' | sed 's|<a class="src" href="\([^":]*\)">\([^<]*\)</a>|<span class="src">\2</span>|'
}
# same_as_built NAME: serve's pages against a fresh book ($mode), asked
# again for 5 s: a save may be told in more than one build, but what
# serve keeps wrongly stays.
same_as_built() {
	rm -rf "$TMP/fresh"
	if [ "$mode" = split ]; then
		"$QUEST" -C "$t" html --page-steps 3 -o "$TMP/fresh/" 2>/dev/null
	else
		mkdir "$TMP/fresh" && "$QUEST" -C "$t" html -o "$TMP/fresh/index.html" 2>/dev/null
	fi
	try=0
	bad=x
	while [ -n "$bad" ] && [ $try -lt 50 ]; do
		[ $try -eq 0 ] || sleep 0.1
		try=$((try + 1))
		bad=
		for f in "$TMP"/fresh/*.html; do
			n=${f##*/}
			curl -s "$url$n" >"$TMP/served.html"
			articles "$f" >"$TMP/a.fresh"
			articles "$TMP/served.html" >"$TMP/a.served"
			[ -s "$TMP/a.fresh" ] || [ "$n" = index.html ] || bad="$bad $n: no article"
			cmp -s "$TMP/a.fresh" "$TMP/a.served" ||
			    bad="$bad $n: $(diff "$TMP/a.fresh" "$TMP/a.served" | tr '\001' '\n' | grep '^[<>]' | head -c 300)"
		done
	done
	if [ -z "$bad" ]; then
		ok "serve: $label$1: every article served is the one a build writes"
	else
		fail "serve: $label$1: every article served is the one a build writes" "$bad"
	fi
}
# rebuilt N: until standard error holds N lines of builds (5 s).
rebuilt() {
	i=0
	while [ $i -lt 50 ] && [ "$(grep -c 'rebuilt:\|errors, the book kept' "$TMP/stderr")" -lt "$1" ]; do
		sleep 0.1
		i=$((i + 1))
	done
}
gitq() { git -C "$t" -c user.name=quest -c user.email=quest@example.org "$@"; }
# against_builds page|split: the edits, each checked.
against_builds() {
	mode=$1
	label=
	[ "$mode" = split ] && label='--split: '
	rm -rf "$TMP/d"
	cp -R "$TOP/tests/browser/fixture" "$TMP/d" || exit 2
	t=$TMP/d
	printf '#!/bin/sh\n# The oven, alone.\n\n#H:040 A shell script toasts too.\necho toast\n#:\n' >"$t/scripts/toast"
	# A file over 60 KiB, read for context lines in windows: G:050 inside
	# outer() with G:040 before it, and G:060 after it in another file.
	awk 'BEGIN {
		for (i = 0; i < 1100; i++) printf "int f%d(void) { return %d; }\n", i, i
		print "void\nouter(void)\n{"
		for (i = 0; i < 2000; i++) printf "\tx = %d;\n", i
		print "\t/*G:040 Early in outer(). */\n\ta = 1;\n\t/*:*/"
		for (i = 0; i < 2100; i++) printf "\tx = %d;\n", i
		print "\t/*G:050 Later in outer(). */\n\tb = 2;\n\t/*:*/"
		for (i = 0; i < 3000; i++) printf "\tx = %d;\n", i
		print "}"
	}' >"$t/src/big.c"
	printf '/*G:060 The end of the start. */\nint tail;\n/*:*/\n' >"$t/src/tail.c"
	# A repository on a forge: source links are permalinks, of HEAD's commit.
	gitq init -q && gitq remote add origin https://github.com/example/toaster.git &&
	    gitq add -A && gitq commit -qm tour || exit 2
	if [ "$mode" = split ]; then
		start --split --page-steps 3
	else
		start
	fi
	same_as_built "at the start"
	# G:060's title in G:050's link to it: G:050 alone made again.
	sed 's|The end of the start|The start ends|' "$t/src/tail.c" >"$TMP/x" && cat "$TMP/x" >"$t/src/tail.c"
	rebuilt 1
	same_as_built "an excerpt of a big file made again without the others of its file"
	sed 's|^#!/bin/sh$|#!/usr/bin/env python3|' "$t/scripts/toast" >"$TMP/x" && cat "$TMP/x" >"$t/scripts/toast"
	rebuilt 2
	same_as_built "a #! line that changes the language"
	sed 's|^ \* - the \*\*bread\*\* pops up when the time is over\.$|&\
 *\
 * See [the thermostat](#H:017) and [the tick](#H:012).|
s|^/\*G:020 The dial is a number|/*G:020 The dial'"'"'s ` mark is a number|
s|^ \* A dial out of range reads as zero| *\
 * A dial out of range (see [H:012]) reads as zero|' "$t/src/toaster.c" >"$TMP/x" && cat "$TMP/x" >"$t/src/toaster.c"
	rebuilt 3
	same_as_built "links to steps that are not there yet"
	printf '#H:012 More heat, earlier.\necho more\n#:\n' >"$t/scripts/more.sh"
	rebuilt 4
	same_as_built "a step added that they name, and one that moves to another page"
	# A commit, then a save: every source link names the new commit.
	gitq add -A && gitq commit -qm more
	sed 's|A shell script toasts too|A script toasts too|' "$t/scripts/toast" >"$TMP/x" && cat "$TMP/x" >"$t/scripts/toast"
	rebuilt 5
	same_as_built "a commit, then a save"
	kill -TERM "$pid"
	wait "$pid"
}
against_builds page
against_builds split
# quest html's page is not serve's: no connect-src, one script.
"$QUEST" -C "$t" html >"$TMP/page.html" 2>/dev/null
if grep -q 'connect-src' "$TMP/page.html" || grep -q 'data-gen' "$TMP/page.html"; then
	fail "serve: quest html's page allows no connection"
else
	ok "serve: quest html's page allows no connection"
fi
finish
