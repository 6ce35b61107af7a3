#!/bin/sh
# SPDX-License-Identifier: ISC (see LICENSE)
# bench/bench.sh: quest against ripgrep and the original lguest script on
# the Linux 6.1 tree, from Debian's linux-source-6.1.  Run by `make bench`;
# never part of `make check`.
#
#   QUEST_BENCH_CACHE   where the kernel tree is unpacked, once
#                       (default: ~/.cache/quest-bench, outside the repo)
#   RUNS                runs of each command, alternating (default 7)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
quest=$top/quest
cache=${QUEST_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/quest-bench}
runs=${RUNS:-7}
"$top/setup" --bench

tree=$cache/linux-source-6.1
if [ ! -d "$tree" ]; then
	echo "bench: unpacking /usr/src/linux-source-6.1.tar.xz into $cache (once)"
	mkdir -p "$cache"
	tar -C "$cache" -xJf /usr/src/linux-source-6.1.tar.xz
fi
# Warm the page cache: every byte once.
find "$tree" -type f -print0 | xargs -0 cat >/dev/null

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# measure NAME DIR CMD...: one run, appending "seconds kilobytes" to $tmp/NAME.
measure() {
	name=$1 dir=$2
	shift 2
	(cd "$dir" && /usr/bin/time -f '%e %M' -o "$tmp/one" "$@" >/dev/null 2>&1) || true
	tail -n 1 "$tmp/one" >>"$tmp/$name"
}
# measure_cpu NAME DIR CMD...: "seconds kilobytes cpu-seconds" to $tmp/NAME.
measure_cpu() {
	name=$1 dir=$2
	shift 2
	(cd "$dir" && /usr/bin/time -f '%e %M %U %S' -o "$tmp/one" "$@" >/dev/null 2>&1) || true
	tail -n 1 "$tmp/one" | awk '{ print $1, $2, $3 + $4 }' >>"$tmp/$name"
}
median() {	# column $2 of file $1
	sort -n -k"$2" "$1" | awk -v c="$2" '{v[NR]=$c} END {
		if (NR % 2) print v[(NR+1)/2]; else printf "%.3f\n", (v[NR/2]+v[NR/2+1])/2 }'
}
pat='(/\*|//|#)[A-Z]+:[0-9]'

echo "bench: $runs alternating runs of each, warm cache"
i=0
while [ $i -lt "$runs" ]; do
	measure quest "$tree" "$quest" check
	measure rg "$tree" rg --no-ignore -c "$pat"
	measure quest1 "$tree" "$quest" -j 1 check
	measure rg1 "$tree" rg -j 1 --no-ignore -c "$pat"
	# quest coverage against quest check (issue 20: at most twice).
	measure_cpu covcheck "$tree" "$quest" check
	measure_cpu cov "$tree" "$quest" coverage
	i=$((i + 1))
done
# --by def parses every file with tree-sitter: once.
measure_cpu covdef "$tree" "$quest" coverage --by def

# The original script, from the seed patch, on a subset of kernel/: it reads
# a byte a system call and forks sed for every tagged line.
awk '/^\+\+\+ b\/Documentation\/lguest\/extract/{f=1;next} f&&/^diff /{f=0} f&&/^\+/{sub(/^\+/,"");print}' \
    "$top/../shared/seeds/"*.txt >"$tmp/extract" 2>/dev/null || true
subset="kernel/sched"
nsub=$(find "$tree/$subset" -maxdepth 1 -name '*.[chS]' | wc -l)
if [ -s "$tmp/extract" ]; then
	(cd "$tree" && /usr/bin/time -f '%e %M' -o "$tmp/seed" \
	    sh "$tmp/extract" G $(find "$subset" -maxdepth 1 -name '*.[chS]' | sort) \
	    >/dev/null 2>&1) || true
	(cd "$tree" && find "$subset" -maxdepth 1 -name '*.[chS]' | sort |
	    /usr/bin/time -f '%e %M' -o "$tmp/qsub" "$quest" --files-from - show G \
	    >/dev/null 2>&1) || true
fi
(cd "$tree" && find kernel -name '*.[chS]' | /usr/bin/time -f '%e %M' -o "$tmp/qkernel" \
    "$quest" --files-from - show G >/dev/null 2>&1) || true
nkernel=$(cd "$tree" && find kernel -name '*.[chS]' | wc -l)

# The web book of lguest-late, which must take under 50 ms: too short for
# time(1)'s hundredths, so hyperfine times it (mean, sd, median, in s),
# once replacing the page, once writing it afresh; time(1) gives memory.
# Before the million files below, whose writing-out slows the machine.
late=$top/../shared/corpus/lguest-late
if [ -d "$late" ]; then
	(cd "$late" && hyperfine -N -w 5 -r 40 --export-csv "$tmp/html.csv" \
	    "$quest html -o $tmp/book.html" >/dev/null 2>&1 &&
	    hyperfine -N -r 40 --prepare "rm -f $tmp/book.html" \
	    --export-csv "$tmp/fresh.csv" "$quest html -o $tmp/book.html" \
	    >/dev/null 2>&1 &&
	    /usr/bin/time -f '%e %M' -o "$tmp/html" "$quest" html \
	    -o "$tmp/book.html") || true
fi
ms() {	# CSV COLUMN: hyperfine's figure in milliseconds
	awk -F, -v c="$2" 'NR == 2 { printf "%.1f", $c * 1000 }' "$1"
}

# Memory does not grow with the tree: a million files with no tag.
million=$cache/million
if [ ! -f "$million/.done" ]; then
	echo "bench: making $million: 1,000,000 small files without a tag (once)"
	rm -rf "$million"
	mkdir -p "$million"
	awk -v dir="$million" 'BEGIN {
		for (d = 0; d < 1000; d++) {
			system(sprintf("mkdir -p %s/d%03d", dir, d))
			for (i = 0; i < 1000; i++) {
				f = sprintf("%s/d%03d/f%03d.c", dir, d, i)
				printf("int v%d_%d; /* x ? y : z */\n", d, i) > f
				close(f)
			}
		}
	}'
	touch "$million/.done"
fi
small=$cache/thousand
if [ ! -d "$small" ]; then
	mkdir -p "$small/d000"
	cp "$million"/d000/* "$small/d000/"
fi
(cd "$million" && /usr/bin/time -f '%e %M' -o "$tmp/mil" "$quest" check >/dev/null 2>&1) || true
(cd "$small" && /usr/bin/time -f '%e %M' -o "$tmp/thou" "$quest" check >/dev/null 2>&1) || true

# quest stale over quest's own history, against quest check on the tree.
if git -C "$top" rev-parse -q --verify HEAD >/dev/null 2>&1; then
	n=$(git -C "$top" rev-list --count HEAD)
	back=$((n > 50 ? 50 : n - 1))
	i=0
	while [ $i -lt "$runs" ] && [ "$back" -gt 0 ]; do
		(cd "$top" && /usr/bin/time -f '%e %M' -o "$tmp/one" "$quest" stale --since "HEAD~$back" >/dev/null 2>&1) || true
		tail -n 1 "$tmp/one" >>"$tmp/stale"
		(cd "$top" && /usr/bin/time -f '%e %M' -o "$tmp/one" "$quest" check >/dev/null 2>&1) || true
		tail -n 1 "$tmp/one" >>"$tmp/selfcheck"
		i=$((i + 1))
	done
fi

steps=$(cd "$tree" && "$quest" list 2>/dev/null | grep -c '^  [A-Z]*:' || true)
(cd "$tree" && "$quest" check >/dev/null 2>"$tmp/diags") || true
errors=$(grep -c ': error: ' "$tmp/diags" || true)
warnings=$(grep -c ': warning: ' "$tmp/diags" || true)
files=$(find "$tree" -type f | wc -l)
bytes=$(du -sb "$tree" | cut -f1)

q=$(median "$tmp/quest" 1) r=$(median "$tmp/rg" 1)
q1=$(median "$tmp/quest1" 1) r1=$(median "$tmp/rg1" 1)
qm=$(median "$tmp/quest" 2) rm=$(median "$tmp/rg" 2)
q1m=$(median "$tmp/quest1" 2) r1m=$(median "$tmp/rg1" 2)
echo
echo "machine: $(nproc) cores, $(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo), $(uname -sr)"
echo "tree:    Linux 6.1 (Debian linux-source-6.1), $files files, $((bytes / 1048576)) MiB"
echo
printf '%-34s %10s %10s %8s\n' "whole tree, median of $runs" quest rg quest/rg
printf '%-34s %9ss %9ss %8.2f\n' "wall time, all cores" "$q" "$r" "$(echo "$q $r" | awk '{print $1/$2}')"
printf '%-34s %9ss %9ss %8.2f\n' "wall time, -j 1" "$q1" "$r1" "$(echo "$q1 $r1" | awk '{print $1/$2}')"
printf '%-34s %8sKB %8sKB %8.2f\n' "peak resident memory, all cores" "$qm" "$rm" "$(echo "$qm $rm" | awk '{print $1/$2}')"
printf '%-34s %8sKB %8sKB %8.2f\n' "peak resident memory, -j 1" "$q1m" "$r1m" "$(echo "$q1m $r1m" | awk '{print $1/$2}')"
echo
if [ -s "$tmp/extract" ] && [ -s "$tmp/seed" ]; then
	echo "the original extract script (from ../shared/seeds), once, on $subset/*.[chS] ($nsub files):"
	echo "  original: $(tail -n 1 "$tmp/seed" | cut -d' ' -f1)s    quest: $(tail -n 1 "$tmp/qsub" | cut -d' ' -f1)s"
else
	echo "the original extract script: ../shared/seeds is absent, not run"
fi
echo "quest on all of kernel/ ($nkernel files, show G): $(tail -n 1 "$tmp/qkernel" | cut -d' ' -f1)s"
cw=$(median "$tmp/cov" 1) kw=$(median "$tmp/covcheck" 1)
cc=$(median "$tmp/cov" 3) kc=$(median "$tmp/covcheck" 3)
echo "quest coverage, whole tree, median of $runs: ${cw}s wall, ${cc}s CPU, $(median "$tmp/cov" 2) KB;"
echo "  quest check beside it: ${kw}s wall, ${kc}s CPU: coverage/check $(echo "$cw $kw" | awk '{printf "%.2f", $1/$2}') wall, $(echo "$cc $kc" | awk '{printf "%.2f", $1/$2}') CPU"
echo "quest coverage --by def, once: $(cut -d' ' -f1 "$tmp/covdef")s wall, $(cut -d' ' -f3 "$tmp/covdef")s CPU, $(cut -d' ' -f2 "$tmp/covdef") KB"
echo
echo "steps found in Linux 6.1: $steps (it has no tags; any step is a false positive)"
echo "diagnostics: $errors errors, $warnings warnings"
echo
echo "peak resident memory, quest check, no tag anywhere:"
echo "  1,000 files: $(cut -d' ' -f2 "$tmp/thou") KB    1,000,000 files: $(cut -d' ' -f2 "$tmp/mil") KB ($(cut -d' ' -f1 "$tmp/mil")s)"
if [ -s "$tmp/html.csv" ] && [ -s "$tmp/fresh.csv" ]; then
	echo "quest html on lguest-late (128 steps, highlighted), 40 runs:"
	echo "  replacing the page: mean $(ms "$tmp/html.csv" 2) ms (sd $(ms "$tmp/html.csv" 3)), median $(ms "$tmp/html.csv" 4) ms"
	echo "  a new page:         mean $(ms "$tmp/fresh.csv" 2) ms (sd $(ms "$tmp/fresh.csv" 3)), median $(ms "$tmp/fresh.csv" 4) ms"
	echo "  peak resident memory: $(cut -d' ' -f2 "$tmp/html") KB"
fi
if [ -s "$tmp/stale" ]; then
	echo "quest's own repository, median of $runs: stale --since HEAD~$back $(median "$tmp/stale" 1)s, check $(median "$tmp/selfcheck" 1)s"
fi
echo
# The web book of a tour of 15,000 steps: one page, a book of pages.
sh "$top/bench/book.sh"
echo
# stale and diff on lguest's history and on one of 1,001 commits.
sh "$top/bench/history.sh"
echo
# quest lsp: a keystroke to its diagnostics, memory, initialize, valgrind.
sh "$top/bench/lsp.sh"
echo
# quest serve: a save to its event and to the page, load, valgrind.
sh "$top/bench/serve.sh"
