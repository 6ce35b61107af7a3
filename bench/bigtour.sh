#!/bin/sh
# SPDX-License-Identifier: ISC (see LICENSE)
# bench/bigtour.sh SRC DST: the benchmark tour of a big tree, made once.
# DST becomes a copy of SRC/kernel (Linux 6.1's, 410 files of C) with one
# step planted before each function definition (a line at column 0 that
# opens a declaration, and a "{" alone at column 0 after it), and a .quest
# with a chapter per directory of kernel/ (kernel/ itself one of them):
# some 15,000 steps in 20 chapters.  Deterministic: the same source makes
# the same tree, byte for byte.  Used by bench/bench.sh (make bench).
set -eu
src=$1 dst=$2
[ -f "$dst/.done" ] && exit 0
rm -rf "$dst"
mkdir -p "$dst"
cp -R "$src/kernel" "$dst/kernel"
cd "$dst"
# The chapters: kernel/ first, then its directories in order, each a
# prefix of letters (KA, KB, ...), as prefixes must be.
# Only directories with C in them.
find kernel -name '*.c' | sed -E 's,^(kernel(/[^/]*)?)/[^/]*$,\1,; s,^(kernel/[^/]*)/.*,\1,' |
    LC_ALL=C sort -u | awk '{ n = NR - 1
	p = n < 26 ? sprintf("K%c", 65 + n) : sprintf("K%c%c", 65 + int(n / 26) - 1, 65 + n % 26)
	print $0 "\t" p }' >.chapters
{
	printf '[tour]\ntitle = Linux 6.1 kernel/, a step per function\n'
	awk -F'\t' '{ printf "\n[chapter %s]\nname = %s\n", $2, $1 }' .chapters
} >.quest
find kernel -name '*.c' | LC_ALL=C sort | while read -r f; do
	d=${f%/*}
	case $d in kernel/*/*) d=$(echo "$d" | cut -d/ -f1-2) ;; esac
	p=$(awk -F'\t' -v d="$d" '$1 == d { print $2 }' .chapters)
	n=$(cat ".n.$p" 2>/dev/null || echo 0)
	awk -v p="$p" -v n="$n" -v file="$f" -v cnt=".n.$p" '
	{ line[NR] = $0 }
	END {
		for (i = 1; i <= NR; i++) mark[i] = 0
		for (i = 2; i <= NR; i++) {
			if (line[i] != "{")
				continue
			j = i - 1
			while (j > 1 && line[j] ~ /^[ \t]/)
				j--
			if (line[j] !~ /^[A-Za-z_]/ || line[j] ~ /^(struct|union|enum)[^(]*$/)
				continue
			s = ""
			for (k = j; k < i; k++) s = s line[k]
			if (s !~ /\(/ || s ~ /[;=]/)
				continue
			name = s
			sub(/\(.*/, "", name)
			sub(/.*[ *]/, "", name)
			if (name !~ /^[A-Za-z_][A-Za-z0-9_]*$/)
				continue
			mark[j] = name
		}
		for (i = 1; i <= NR; i++) {
			if (mark[i]) {
				n += 10
				printf "/*%s:%d The function %s() of %s.\n */\n", p, n, mark[i], file
			}
			print line[i]
		}
		print n > cnt
	}' "$f" >"$f.new"
	mv "$f.new" "$f"
done
rm -f .n.* .chapters
touch .done
