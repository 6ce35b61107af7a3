#!/bin/sh
# SPDX-License-Identifier: ISC (see LICENSE)
# tests/corpus.sh: byte compatibility with the original lguest script on
# the two real lguest trees of ../shared/corpus, when it is there.
. "$(dirname "$0")/lib.sh"
corpus=$SHARED/corpus
if [ ! -d "$corpus" ]; then
	skip corpus "no $corpus here (a user's clone has none): lguest byte compatibility not checked"
	finish
fi
tmp=$TMP
for v in "$corpus"/lguest-*; do
	[ -f "$v/.quest" ] || continue
	tree=${v##*/}
	for want in "$v"/expected/*.txt; do
		ch=${want##*/}; ch=${ch%.txt}
		if [ "$ch" = Beer ]; then
			set -- show
		else
			set -- show "$ch"
		fi
		if (cd "$v" && "$QUEST" "$@") >"$tmp/out" 2>"$tmp/err" &&
		    cmp -s "$tmp/out" "$want" && [ ! -s "$tmp/err" ]; then
			ok "corpus/$tree: quest $*"
		else
			fail "corpus/$tree: quest $*" "$(diff "$want" "$tmp/out" | head -20; cat "$tmp/err")"
		fi
		[ "$ch" = Beer ] && continue
		# The same chapter by its prefix, read from the config.
		prefix=$(awk -v n="$ch" '/^\[chapter /{p=$2; sub(/\]/,"",p)} $1=="name"&&$3==n{print p}' "$v/.quest")
		if (cd "$v" && "$QUEST" show "$prefix") >"$tmp/out" 2>&1 &&
		    cmp -s "$tmp/out" "$want"; then
			ok "corpus/$tree: quest show $prefix"
		else
			fail "corpus/$tree: quest show $prefix"
		fi
	done
	if (cd "$v" && "$QUEST" check) >"$tmp/out" 2>&1; then
		ok "corpus/$tree: quest check exits 0"
	else
		fail "corpus/$tree: quest check exits 0" "$(cat "$tmp/out")"
	fi
	# The same from anywhere: -C, and from a subdirectory (root found upwards).
	if "$QUEST" -C "$v/drivers/lguest" show >"$tmp/out" 2>&1 &&
	    cmp -s "$tmp/out" "$v/expected/Beer.txt"; then
		ok "corpus/$tree: -C a subdirectory finds the root"
	else
		fail "corpus/$tree: -C a subdirectory finds the root"
	fi
	# Thread count never changes a byte.
	for j in 1 2 8; do
		if (cd "$v" && "$QUEST" -j $j show) >"$tmp/out" 2>&1 &&
		    cmp -s "$tmp/out" "$v/expected/Beer.txt"; then
			ok "corpus/$tree: -j $j"
		else
			fail "corpus/$tree: -j $j"
		fi
	done
done
finish
