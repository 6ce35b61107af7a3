#!/bin/sh
# SPDX-License-Identifier: ISC (see LICENSE)
# bench/lsp.sh: quest lsp timed from the client's side, by
# bench/lsp-client.js (Node.js), against the bounds of issue 19:
#
#   on lguest-late, a didChange of its largest file to the
#   publishDiagnostics of that version: under 10 ms, median of 100;
#   the server's resident memory after 10,000 changes within 10% of
#   what it was after 100;
#   initialize on the Linux 6.1 tree (bench.sh unpacks it): under 1.5 s,
#   beside quest check on the same tree;
#   valgrind over a session on lguest-late: no error, no leak (valgrind
#   exits 99 on either, and reports each as ==PID== lines).
#
# Run by bench/bench.sh (make bench), or alone; never part of make check.
#
#   QUEST_BENCH_CACHE   where bench.sh unpacked the Linux tree
#                       (default: ~/.cache/quest-bench)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
quest=$top/quest
client=$top/bench/lsp-client.js
cache=${QUEST_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/quest-bench}
late=$top/../shared/corpus/lguest-late
if ! command -v node >/dev/null 2>&1; then
	echo "lsp: no node (./setup installs it): quest lsp not timed"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
verdict() {	# OK: "within" or "OVER"
	if [ "$1" -eq 1 ]; then echo "within"; else echo "OVER"; fi
}

echo "quest lsp, timed from a client (bench/lsp-client.js):"
if [ -d "$late" ]; then
	file=$(cd "$late" && find . -type f \( -name '*.c' -o -name '*.h' \) \
	    -printf '%s %P\n' | sort -rn | head -n 1 | cut -d' ' -f2)
	size=$(wc -c <"$late/$file" | tr -d ' ')
	set -- $(node "$client" changes "$late" "$file" 100 10000 "$quest" lsp)
	med=$1 p90=$2 rss100=$3 rss10k=$4
	ok=$(echo "$med" | awk '{ print ($1 < 10) }')
	echo "  lguest-late, didChange of $file ($size bytes) to publishDiagnostics:"
	echo "    median of 100: $med ms, 90th percentile $p90 ms ($(verdict "$ok") the 10 ms bound)"
	growth=$(echo "$rss100 $rss10k" | awk '{ printf "%.1f", ($2 - $1) * 100 / $1 }')
	ok=$(echo "$growth" | awk '{ print ($1 <= 10 && $1 >= -10) }')
	echo "    resident memory after 100 changes: $rss100 KB; after 10,000: $rss10k KB ($growth%, $(verdict "$ok") 10%)"
else
	echo "  ../shared/corpus is absent: didChange and memory not timed"
fi

tree=$cache/linux-source-6.1
if [ -d "$tree" ]; then
	i=0
	: >"$tmp/init"
	: >"$tmp/check"
	while [ $i -lt 5 ]; do
		node "$client" init "$tree" "$quest" lsp >>"$tmp/init"
		(cd "$tree" && /usr/bin/time -f '%e' -o "$tmp/one" "$quest" check \
		    >/dev/null 2>&1) || true
		tail -n 1 "$tmp/one" >>"$tmp/check"
		i=$((i + 1))
	done
	init=$(sort -n "$tmp/init" | sed -n 3p)
	check=$(sort -n "$tmp/check" | sed -n 3p)
	ok=$(echo "$init" | awk '{ print ($1 < 1.5) }')
	echo "  Linux 6.1, initialize to its answer, median of 5: $init s ($(verdict "$ok") the 1.5 s bound); quest check there: $check s"
else
	echo "  no $tree (bench.sh unpacks it): initialize not timed"
fi

if ! command -v valgrind >/dev/null 2>&1; then
	echo "  no valgrind: the session under valgrind not run"
elif [ -d "$late" ]; then
	if node "$client" session "$late" "$file" sh -c \
	    "exec valgrind -q --leak-check=full --show-leak-kinds=all \
	    --errors-for-leak-kinds=all --error-exitcode=99 \
	    --suppressions=\"$top/tests/valgrind.supp\" \"$quest\" lsp \
	    2>\"$tmp/vg\"" && ! grep -q '^==[0-9]*==' "$tmp/vg"; then
		echo "  valgrind over a session on lguest-late (open, 20 changes, every request, close): clean"
	else
		echo "  valgrind over a session on lguest-late: ERRORS"
		head -40 "$tmp/vg"
	fi
else
	echo "  ../shared/corpus is absent: the session under valgrind not run"
fi
