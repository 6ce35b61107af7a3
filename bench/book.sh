#!/bin/sh
# SPDX-License-Identifier: ISC (see LICENSE)
# bench/book.sh: the web book of a big tour.  bench/bigtour.sh makes the
# tour of Linux 6.1's kernel/ (a step before every function, some 15,000
# steps in 20 chapters, once); then quest html writes it as one page and
# as a book of many pages (-o DIR/), each timed and its peak memory
# taken (median of RUNS), and bench/book.mjs opens the book in Debian's
# Chromium: its index page, its largest page, a search.  Beside them,
# bench/tsparse.c parses the same code with tree-sitter and nothing else:
# the least that any book of it highlighted so can take.  Run by
# bench/bench.sh (make bench), or alone; never part of make check.
#
#   QUEST_BENCH_CACHE   where the kernel is unpacked and the tour made
#                       (default: ~/.cache/quest-bench, outside the repo)
#   RUNS                runs of each (default 3)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
quest=$top/quest
cache=${QUEST_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/quest-bench}
runs=${RUNS:-3}
src=$cache/linux-source-6.1
if [ ! -d "$src/kernel" ]; then
	echo "book: no $src (bench/bench.sh unpacks it): not timed"
	exit 0
fi
big=$cache/bigtour
[ -f "$big/.done" ] || echo "book: making $big from $src/kernel (once)"
sh "$top/bench/bigtour.sh" "$src" "$big"
find "$big" -type f -print0 | xargs -0 cat >/dev/null

tsparse=$top/build/tsparse
[ -x "$tsparse" ] || (cd "$top" && make -s build/tsparse) || true
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
median() {	# column $2 of file $1
	sort -n -k"$2" "$1" | awk -v c="$2" '{v[NR]=$c} END {
		if (NR % 2) print v[(NR+1)/2]; else printf "%.3f\n", (v[NR/2]+v[NR/2+1])/2 }'
}
i=0
while [ $i -lt "$runs" ]; do
	(cd "$big" && /usr/bin/time -f '%e %U %M' -o "$tmp/one" "$quest" html -o "$tmp/page.html" >/dev/null 2>&1) || true
	tail -n 1 "$tmp/one" >>"$tmp/single"
	rm -rf "$tmp/book"
	(cd "$big" && /usr/bin/time -f '%e %U %M' -o "$tmp/one" "$quest" html -o "$tmp/book/" >/dev/null 2>&1) || true
	tail -n 1 "$tmp/one" >>"$tmp/dir"
	# The floor: tree-sitter's parse of the same code, nothing else.
	if [ -x "$tsparse" ]; then
		(cd "$big" && "$quest" json 2>/dev/null) |
		    "$tsparse" >>"$tmp/parse" || true
	fi
	i=$((i + 1))
done
steps=$(cd "$big" && "$quest" list | grep -c '^  [A-Z]*:' || true)
pages=$(ls "$tmp/book" | grep -c '\.html$' || true)
largest=$(ls -S "$tmp/book"/*.html | head -1)
mb() { awk -v b="$1" 'BEGIN { printf "%.2f MB", b / 1048576 }'; }
echo "the web book of Linux 6.1's kernel/, a step a function ($steps steps), median of $runs:"
printf '  %-28s %6ss wall %6ss user %8s KB peak   %s\n' "one page (html -o FILE)" \
    "$(median "$tmp/single" 1)" "$(median "$tmp/single" 2)" "$(median "$tmp/single" 3)" \
    "$(mb "$(wc -c <"$tmp/page.html")")"
printf '  %-28s %6ss wall %6ss user %8s KB peak   %s pages\n' "a book (html -o DIR/)" \
    "$(median "$tmp/dir" 1)" "$(median "$tmp/dir" 2)" "$(median "$tmp/dir" 3)" "$pages"
echo "  largest page: ${largest##*/}, $(mb "$(wc -c <"$largest")"); search index $(mb "$(wc -c <"$tmp/book/search.js")")"
if [ -s "$tmp/parse" ]; then
	# tsparse prints: wall cpu steps bytes errors other threads
	printf '  %-28s %6ss wall %6ss user   %s steps, %s, %s with a syntax error, %s threads\n' \
	    "tree-sitter's parse alone" "$(median "$tmp/parse" 1)" "$(median "$tmp/parse" 2)" \
	    "$(awk 'NR == 1 { print $3 }' "$tmp/parse")" "$(mb "$(awk 'NR == 1 { print $4 }' "$tmp/parse")")" \
	    "$(awk 'NR == 1 { print $5 }' "$tmp/parse")" "$(awk 'NR == 1 { print $7 }' "$tmp/parse")"
else
	echo "  tree-sitter's parse alone: not timed (no build/tsparse: make build/tsparse)"
fi
nm=$top/tests/browser/node_modules
if ! command -v node >/dev/null 2>&1 || [ ! -x /usr/bin/chromium ] || [ ! -d "$nm/playwright-core" ]; then
	echo "  in Chromium: not timed (needs node, chromium, tests/browser/node_modules: ./setup --test)"
	exit 0
fi
# A function whose step is on another page than the largest.
id=$(cd "$big" && "$quest" list KS | awk '/The function schedule_timeout\(\)/ { print $1; exit }')
NODE_PATH=$nm node "$top/bench/book.mjs" "$tmp/book" "${largest##*/}" schedule_timeout "$id" || true
