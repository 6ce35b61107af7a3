#!/bin/sh
# SPDX-License-Identifier: ISC (see LICENSE)
# tests/self.sh: quest's own tour is true: check is clean on the project's
# own tree, warnings included, and every chapter has steps.
. "$(dirname "$0")/lib.sh"
if "$QUEST" -C "$TOP" check --werror >"$TMP/out" 2>&1; then
	ok "self: quest check --werror on quest's own tree"
else
	fail "self: quest check --werror on quest's own tree" "$(cat "$TMP/out")"
fi
"$QUEST" -C "$TOP" list >"$TMP/list" 2>&1
for ch in Preparation Tags Checking Writers Editing History; do
	if grep -q "^$ch ([A-Z]*): [1-9][0-9]* step" "$TMP/list"; then
		ok "self: chapter $ch has steps"
	else
		fail "self: chapter $ch has steps" "$(cat "$TMP/list")"
	fi
done
# Every source file of the engine that a newcomer must know is in the tour.
for f in main.c config.c walk.c lang.c load.c scan.c build.c check.c diag.c refs.c \
    diagfmt.c writer.c html.c md.c remote.c fmt_text.c fmt_html.c fmt_md.c \
    fmt_json.c fmt_codetour.c fmt_term.c renumber.c repo.c history.c stale.c \
    tourdiff.c pool.c; do
	if grep -q " src/$f:" "$TMP/list"; then
		ok "self: src/$f has a step"
	else
		fail "self: src/$f has a step"
	fi
done
finish
