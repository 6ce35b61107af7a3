#!/bin/sh
# SPDX-License-Identifier: ISC (see LICENSE)
# tests/jobs.sh: the thread count never changes a byte of any output, on a
# generated tree of 10,000 files holding 5,000 steps (and some problems, so
# that diagnostics are compared too).
. "$(dirname "$0")/lib.sh"
g=$TMP/gen
mkdir -p "$g"
awk -v dir="$g" 'BEGIN {
	for (i = 0; i < 10000; i++) {
		d = sprintf("%s/d%02d", dir, i % 50)
		if (i < 50) system("mkdir -p " d)
		f = sprintf("%s/f%05d.c", d, i)
		if (i % 2 == 0) {
			p = substr("ABCDE", (i / 2) % 5 + 1, 1)
			printf("/*%s:%d Step %d of the generated tree.\n */\nint v%d;\n", p, i, i, i) > f
			if (i % 6 == 0) printf("/*:*/\n") > f
			if (i % 1000 == 0) printf("/*%s:%d a duplicate\n", p, i) > f
			if (i % 1500 == 0) printf("x :*/\n/*A:3x near\n") > f
		} else
			printf("int w%d; /* no tag here: x ? y : z */\n", i) > f
		close(f)
	}
}'
n=$(find "$g" -name '*.c' | wc -l)
[ "$n" -eq 10000 ] && ok "generated 10,000 files" || fail "generated 10,000 files" "$n"
for cmd in show list check; do
	"$QUEST" -C "$g" -j 1 $cmd >"$TMP/1.out" 2>"$TMP/1.err"
	echo $? >>"$TMP/1.err"
	[ $cmd = show ] && {
		s=$(grep -c 'of the generated tree' "$TMP/1.out")
		[ "$s" -eq 5000 ] && ok "show weaves 5,000 steps" || fail "show weaves 5,000 steps" "$s"
	}
	for j in 2 8; do
		"$QUEST" -C "$g" -j $j $cmd >"$TMP/j.out" 2>"$TMP/j.err"
		echo $? >>"$TMP/j.err"
		if cmp -s "$TMP/1.out" "$TMP/j.out" && cmp -s "$TMP/1.err" "$TMP/j.err"; then
			ok "$cmd: -j $j is byte-identical to -j 1"
		else
			fail "$cmd: -j $j is byte-identical to -j 1" "$(diff "$TMP/1.err" "$TMP/j.err" | head)"
		fi
	done
done
grep -q 'duplicate-step' "$TMP/1.err" && grep -q 'stray-end' "$TMP/1.err" &&
    ok "the generated problems are reported" || fail "the generated problems are reported" "$(head "$TMP/1.err")"
finish
