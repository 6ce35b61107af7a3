#!/bin/sh
# SPDX-License-Identifier: ISC (see LICENSE)
# bench/history.sh: quest stale and quest diff on two histories of lguest's
# tour, each of which must take under 100 ms: lguest's own (2.6.23, then
# 4.13, from ../shared/corpus) and one of 1,001 commits made from
# lguest-late, each changing one line of one file, one in fifty with a
# Quest-Reviewed: trailer, and a quest renumber half-way; then the same
# history with a review in one commit in ten, which costs stale a tour of
# each reviewing commit.  Run by bench/bench.sh (make bench), or alone;
# never part of make check.
#
#   QUEST_BENCH_CACHE   where the histories are made, once
#                       (default: ~/.cache/quest-bench, outside the repo)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
quest=$top/quest
cache=${QUEST_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/quest-bench}
corpus=$top/../shared/corpus
if [ ! -d "$corpus/lguest-early" ] || [ ! -d "$corpus/lguest-late" ]; then
	echo "history: ../shared/corpus is absent: stale and diff not timed"
	exit 0
fi
command -v hyperfine >/dev/null || {
	echo "history: no hyperfine (./setup --bench): not timed"
	exit 0
}
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.org
export GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.org
export GIT_CONFIG_NOSYSTEM=1
tree() {	# DIR SRC: DIR's files made SRC's, its expected/ left out
	find "$1" -mindepth 1 -maxdepth 1 ! -name .git -exec rm -rf {} +
	cp -R "$2/." "$1/"
	rm -rf "$1/expected"
	chmod -R u+w "$1"
}
# Made again when this script changes: the cache is keyed by its hash.
key=$(cksum <"$0" | cut -d' ' -f1)
two=$cache/history-lguest-$key
if [ ! -f "$two/.done" ]; then
	rm -rf "$two" && mkdir -p "$two" && git -C "$two" init -q -b main
	tree "$two" "$corpus/lguest-early"
	(cd "$two" && git add -A && git commit -qm "Linux 2.6.23")
	tree "$two" "$corpus/lguest-late"
	(cd "$two" && git add -A && git commit -qm "Linux 4.13")
	touch "$two/.done"
fi
make_long() {	# DIR EVERY: 1,001 commits, a review every EVERY
	dir=$1 every=$2
	[ -f "$dir/.done" ] && return 0
	echo "history: making $dir, 1,001 commits (once)"
	rm -rf "$dir" && mkdir -p "$dir" && git -C "$dir" init -q -b main
	tree "$dir" "$corpus/lguest-late"
	(cd "$dir" && git add -A && git commit -qm "lguest" &&
	    "$quest" list 2>/dev/null | awk '/^  [A-Z]+:/ { print $1 }' >.git/ids &&
	    git ls-files '*.c' '*.h' >.git/files)
	nfiles=$(wc -l <"$dir/.git/files")
	nids=$(wc -l <"$dir/.git/ids")
	i=1
	while [ $i -le 1000 ]; do
		f=$(sed -n "$((i % nfiles + 1))p" "$dir/.git/files")
		n=$(wc -l <"$dir/$f")
		l=$(( (i * 7919) % n + 1 ))
		# One line of one file gains a comment: code, mostly.
		sed -i "${l}s,\$, /* edit $i */," "$dir/$f"
		msg="edit $i"
		if [ $((i % every)) -eq 0 ]; then
			id=$(sed -n "$(( (i / every) % nids + 1 ))p" "$dir/.git/ids")
			msg=$(printf 'edit %s\n\nQuest-Reviewed: %s' "$i" "$id")
		fi
		if [ $i -eq 500 ]; then
			(cd "$dir" && "$quest" renumber --by 5 >/dev/null 2>&1) || true
			rm -rf "$dir/.quest-renumber.d"
			msg="edit 500, and quest renumber --by 5"
		fi
		git -C "$dir" commit -qam "$msg"
		i=$((i + 1))
	done
	git -C "$dir" gc -q
	touch "$dir/.done"
}
long=$cache/history-1000-$key
make_long "$long" 50
many=$cache/history-1000-many-$key
make_long "$many" 10
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
time_it() {	# NAME DIR CMD: hyperfine's mean and sd, in ms
	(cd "$2" && hyperfine -N -w 3 -r 20 -i --export-csv "$tmp/$1.csv" \
	    "$3" >/dev/null 2>&1) || true
	awk -F, 'NR == 2 { printf "mean %.1f ms (sd %.1f)", $2 * 1000, $3 * 1000 }' \
	    "$tmp/$1.csv" 2>/dev/null || echo "not timed"
}
echo "quest stale and diff on histories of lguest's tour, 20 runs each:"
echo "  2.6.23 -> 4.13 (2 commits):"
echo "    diff HEAD~1 HEAD:      $(time_it d2 "$two" "$quest diff HEAD~1 HEAD")"
echo "    stale --since HEAD~1:  $(time_it s2 "$two" "$quest stale --since HEAD~1")"
"$quest" -C "$two" diff HEAD~1 HEAD | tail -n 1 | sed 's/^/    /'
for h in "$long" "$many"; do
	echo "  1,001 commits ($(git -C "$h" log --format=%B | grep -c '^Quest-Reviewed:') reviews, a renumber):"
	echo "    diff HEAD~1000 HEAD:     $(time_it d1 "$h" "$quest diff HEAD~1000 HEAD")"
	echo "    stale --since HEAD~1000: $(time_it s1 "$h" "$quest stale --since HEAD~1000")"
	"$quest" -C "$h" diff HEAD~1000 HEAD | tail -n 1 | sed 's/^/    /'
	"$quest" -C "$h" stale --since HEAD~1000 2>&1 | grep -c '\[stale\]$' |
	    sed 's/^/    stale steps: /' || true
done
