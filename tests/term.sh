#!/bin/sh
# SPDX-License-Identifier: ISC (see LICENSE)
# tests/term.sh: quest show on a real terminal, in tmux: colour, none with
# NO_COLOR, paging through less, prose wrapped to the width and code lines
# untouched, and plain lguest bytes when piped.
. "$(dirname "$0")/lib.sh"
export LC_ALL=C
if ! command -v tmux >/dev/null; then
	skip term "no tmux (./setup --test installs it)"
	finish
fi
if ! command -v less >/dev/null; then
	skip term "no less to page with"
	finish
fi
t=$TMP/t
mkdir -p "$t"
printf '[chapter G]\nname = Guest\n' >"$t/.quest"
{
	printf '/*G:010 This prose line is long enough that a forty column terminal must wrap it twice over.\n */\n'
	printf 'static const char *code_line_that_is_long = "it is never wrapped by quest, whatever the width";\n/*:*/\n'
	i=20
	while [ $i -le 400 ]; do
		printf '/*G:%d Step %d.\n */\nint v%d;\n/*:*/\n' $i $i $i
		i=$((i + 10))
	done
} >"$t/a.c"
n=0
sock=$TMP/tmux.0
tm() { tmux -S "$sock" "$@"; }
trap 'for s in "$TMP"/tmux.*; do tmux -S "$s" kill-server 2>/dev/null; done; chmod -R u+rwx "$TMP"; rm -rf "$TMP"' EXIT

# run NAME ENV...: start quest show in a 40x12 pane, let it draw.
run() {
	tm kill-server 2>/dev/null
	n=$((n + 1))
	sock=$TMP/tmux.$n
	tm -f /dev/null new-session -d -x 40 -y 12 \
	    "cd '$t' && env $* TERM=xterm-256color '$QUEST' show; sleep 60"
	i=0
	while [ $i -lt 50 ]; do
		tm capture-pane -p -t 0 | grep -q . && break
		sleep 0.1
		i=$((i + 1))
	done
	sleep 0.5
}

run -u LESS -u PAGER -u QUEST_PAGER
tm capture-pane -p -e -t 0 >"$TMP/color"
# tmux writes the attributes its own way: bold, then the colour.
if grep -q "$(printf '\033')\[[0-9;]*34m\[ a\.c \]" "$TMP/color" &&
    grep -q "$(printf '\033')\[[0-9;]*35m{==- Guest -==}" "$TMP/color"; then
	ok "term: colour on a terminal"
else
	fail "term: colour on a terminal" "$(cat -v "$TMP/color" | head -5)"
fi
tm capture-pane -p -t 0 >"$TMP/page1"
if grep -q '^\[ a\.c \]' "$TMP/page1" && ! grep -q 'Step 400\.' "$TMP/page1" &&
    tail -n 1 "$TMP/page1" | grep -q '^:'; then
	ok "term: paged: the first screen only"
else
	fail "term: paged: the first screen only" "$(cat "$TMP/page1")"
fi
tm send-keys -t 0 G
sleep 0.5
tm capture-pane -p -t 0 >"$TMP/page2"
grep -q 'Step 400\.' "$TMP/page2" && ok "term: the pager goes to the end (G)" ||
    fail "term: the pager goes to the end (G)" "$(cat "$TMP/page2")"
tm send-keys -t 0 q
sleep 0.3

run NO_COLOR=1 PAGER=cat
tm capture-pane -p -e -J -t 0 -S - >"$TMP/nocolor"
if grep -q "$(printf '\033')\[" "$TMP/nocolor"; then
	fail "term: NO_COLOR: no escape at all" "$(cat -v "$TMP/nocolor" | head -5)"
else
	ok "term: NO_COLOR: no escape at all"
fi
tm kill-server 2>/dev/null

run PAGER=cat
tm capture-pane -p -J -t 0 -S - >"$TMP/wrap"
awk 'length > 40 && /^( \*|\/\*)/ {bad=1} END {exit bad}' "$TMP/wrap" &&
    grep -q '^ \* line is long enough\| \* ' "$TMP/wrap" &&
    ok "term: prose wrapped to 40 columns, under its decoration" ||
    fail "term: prose wrapped to 40 columns, under its decoration" "$(cat "$TMP/wrap" | head -8)"
grep -q 'static const char \*code_line_that_is_long = "it is never wrapped by quest, whatever the width";' "$TMP/wrap" &&
    ok "term: a code line is never wrapped" || fail "term: a code line is never wrapped" "$(head -8 "$TMP/wrap")"
tm kill-server 2>/dev/null

# Piped, from a terminal: the plain weave, byte for byte.
sock=$TMP/tmux.pipe
tm -f /dev/null new-session -d -x 40 -y 12 \
    "cd '$t' && TERM=xterm-256color '$QUEST' show | cat >'$TMP/piped'; touch '$TMP/done'; sleep 60"
i=0
while [ ! -f "$TMP/done" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
"$QUEST" -C "$t" show >"$TMP/plain" </dev/null
cmp -s "$TMP/piped" "$TMP/plain" && ! grep -q "$(printf '\033')" "$TMP/piped" &&
    ok "term: piped, plain bytes" || fail "term: piped, plain bytes" "$(diff "$TMP/plain" "$TMP/piped" | head)"
"$QUEST" -C "$t" show --color=always G:010 | grep -q "$(printf '\033')\[36m" &&
    ok "term: --color=always colours a pipe" || fail "term: --color=always colours a pipe"
finish
