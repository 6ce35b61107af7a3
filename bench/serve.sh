#!/bin/sh
# SPDX-License-Identifier: ISC (see LICENSE)
# bench/serve.sh: quest serve timed from outside, by bench/serve-client.mjs
# (Node.js, and Chromium through tests/browser's playwright-core), against
# the bounds of issue 18:
#
#   on lguest-late, from the write of a step's file to the `change` event
#   that holds its new prose: under 50 ms; to the page in Chromium
#   showing it: under 150 ms; medians of 20 edits;
#   the same on the kernel/ benchmark tour (bench/bigtour.sh makes it
#   from the Linux tree that bench.sh unpacks): under 500 ms, to the
#   event and to the page (serve makes it a book of many pages, by its
#   size; the page is the one of the step edited);
#   50 pages holding their streams while 2,000 requests for the book are
#   made: every request answered, the server's resident memory back
#   within 10% of its level afterwards;
#   valgrind over a session of 200 edits: no error, no leak.
#
# Every tree is copied first: the edits are made to the copy.  Run by
# bench/bench.sh (make bench), or alone; never part of make check.
#
#   QUEST_BENCH_CACHE   where bench.sh unpacked the Linux tree
#                       (default: ~/.cache/quest-bench)
#   QUEST_BIGTOUR       a kernel/ benchmark tour made already (copied)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
quest=$top/quest
client=$top/bench/serve-client.mjs
cache=${QUEST_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/quest-bench}
late=${SHARED:-$top/../shared}/corpus/lguest-late
echo "quest serve, timed from outside (bench/serve-client.mjs):"
if ! command -v node >/dev/null 2>&1 ||
    [ ! -f "$top/tests/browser/node_modules/playwright-core/package.json" ] ||
    [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
	echo "  no node, playwright-core (tests/browser) or Chromium: not timed"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
verdict() {	# OK: "within" or "OVER"
	if [ "$1" -eq 1 ]; then echo "within"; else echo "OVER"; fi
}
# edits NAME TREE SSE_BOUND PAGE_BOUND [sse]: with sse, no browser.
edits() {
	rm -rf "$tmp/tree" && cp -R "$2" "$tmp/tree"
	set -- "$1" "$2" "$3" "$4" $(node "$client" edits "$quest" "$tmp/tree" 20 \
	    ${5:-} || echo failed)
	if [ "$5" = failed ]; then
		echo "  $1: the client failed"
		return
	fi
	ok=$(echo "$5 $3" | awk '{ print ($1 < $2) }')
	echo "  $1, an edit of $9's prose (median of 20):"
	echo "    write to the change event: $5 ms, 90th percentile $6 ms ($(verdict "$ok") the $3 ms bound)"
	ok=$(echo "$7 $4" | awk '{ print ($1 < $2) }')
	echo "    write to the page showing it: $7 ms, 90th percentile $8 ms ($(verdict "$ok") the $4 ms bound)"
}
if [ -d "$late" ]; then
	edits lguest-late "$late" 50 150
	rm -rf "$tmp/tree" && cp -R "$late" "$tmp/tree"
	set -- $(node "$client" load "$quest" "$tmp/tree" 50 2000)
	ok=$(echo "$1 $2" | awk '{ print ($1 == 2000 && $2 == 0) }')
	echo "  lguest-late, 50 streams held ($6 said hello) while 2,000 requests: $1 answered, $2 failed ($(verdict "$ok"))"
	growth=$(echo "$3 $5" | awk '{ printf "%.1f", ($2 - $1) * 100 / $1 }')
	ok=$(echo "$growth" | awk '{ print ($1 <= 10) }')
	echo "    resident memory: $3 KB before, $4 KB under the load, $5 KB after ($growth%, $(verdict "$ok") 10%)"
else
	echo "  no ${late#"$top"/}: lguest-late not timed"
fi
bt=${QUEST_BIGTOUR:-$cache/bigtour}
if [ ! -f "$bt/.quest" ] && [ -d "$cache/linux-source-6.1/kernel" ]; then
	sh "$top/bench/bigtour.sh" "$cache/linux-source-6.1" "$bt"
fi
if [ -f "$bt/.quest" ]; then
	edits "the kernel/ tour ($(cd "$bt" && "$quest" list 2>/dev/null |
	    grep -c '^  ') steps, a book of many pages)" "$bt" 500 500
else
	echo "  no kernel/ benchmark tour (bench.sh unpacks the Linux tree): not timed"
fi
if command -v valgrind >/dev/null 2>&1; then
	# The one page, then the book of many pages (three steps a page).
	for args in "" "--split --page-steps 3"; do
		rm -rf "$tmp/tree" && cp -R "$top/tests/browser/fixture" "$tmp/tree"
		set -- $(SERVE_ARGS=$args node "$client" session "$tmp/tree" 200 valgrind -q --leak-check=full \
		    --show-leak-kinds=all --errors-for-leak-kinds=all --error-exitcode=99 \
		    --suppressions="$top/tests/valgrind.supp" "$quest" 2>"$tmp/vg")
		ok=$(echo "$3" | awk '{ print ($1 == 0) }')
		[ "$(grep -c '^==[0-9]*==' "$tmp/vg")" -eq 0 ] || ok=0
		echo "  valgrind over $1 edits${args:+ (serve $args)} ($2 answered by an event): exit $3, $(grep -c '^==[0-9]*==' "$tmp/vg") lines of report ($(verdict "$ok"))"
		[ "$ok" -eq 1 ] || head -30 "$tmp/vg" | sed 's/^/    /'
	done
fi
