#!/bin/sh
# SPDX-License-Identifier: ISC (see LICENSE)
# tests/valgrind.sh: no leak and no invalid access in a run of the plain
# (unsanitized) build over lguest-late, under valgrind's memcheck.
. "$(dirname "$0")/lib.sh"
plain=$TOP/quest
v=$SHARED/corpus/lguest-late
if ! command -v valgrind >/dev/null; then
	skip valgrind "valgrind is not installed (./setup --test installs it)"
elif [ ! -d "$v" ]; then
	skip valgrind "no $v here: the leak check runs on the lguest corpus"
else
	for cmd in show list check html json md; do
		# The plain build allocates with mimalloc, whose malloc and
		# free memcheck's preloaded ones replace, as they do glibc's.
		if valgrind -q --leak-check=full --show-leak-kinds=all \
		    --errors-for-leak-kinds=all --error-exitcode=99 \
		    --suppressions="$TOP/tests/valgrind.supp" \
		    "$plain" -C "$v" $cmd >/dev/null 2>"$TMP/err"; then
			ok "valgrind: quest $cmd on lguest-late, no leak"
		else
			fail "valgrind: quest $cmd on lguest-late, no leak" "$(head -40 "$TMP/err")"
		fi
	done
fi
finish
