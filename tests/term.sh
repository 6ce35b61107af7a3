#!/bin/sh
# SPDX-License-Identifier: ISC (see LICENSE)
# tests/term.sh: quest show on a real terminal, in tmux: the reader.  Each
# step opens with its tag and path:line, its title, then its prose filled
# by paragraph to the width with its Markdown rendered (emphasis, code,
# lists, a link as its text and address, a cross-reference as its tag),
# then its code, never wrapped; colour, none with NO_COLOR, paging
# through less, whose search finds a step by its tag; and plain lguest
# bytes when piped.
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
	printf '/*G:010 The reader fills a paragraph to the width.\n'
	printf ' * These words\n * were written\n * on short lines, and are filled into\n'
	printf ' * long ones with *emphasis*, `code`, **strong** and a\n'
	printf ' * [link](https://example.org/x) after them.\n *\n'
	printf ' * - a first item of a list, long enough to wrap under its marker;\n'
	printf ' * - a second, which names [G:020].\n */\n'
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
e=$(printf '\033')
if grep -q "$e\[[0-9;]*33mG:010" "$TMP/color" &&
    grep -q "$e\[[0-9;]*35m{==- Guest -==}" "$TMP/color" &&
    grep -q "$e\[[0-9;]*34ma\.c:1" "$TMP/color"; then
	ok "term: colour on a terminal: banner, tag, path:line"
else
	fail "term: colour on a terminal: banner, tag, path:line" "$(cat -v "$TMP/color" | head -5)"
fi
tm capture-pane -p -t 0 >"$TMP/page1"
if grep -q '^G:010  a\.c:1$' "$TMP/page1" && ! grep -q 'Step 400\.' "$TMP/page1" &&
    tail -n 1 "$TMP/page1" | grep -q '^:'; then
	ok "term: paged: the first screen only"
else
	fail "term: paged: the first screen only" "$(cat "$TMP/page1")"
fi
# The pager's search finds a step by its tag.
tm send-keys -t 0 /G:300 Enter
sleep 0.5
tm capture-pane -p -t 0 >"$TMP/search"
head -n 1 "$TMP/search" | grep -q '^G:300  a\.c:[0-9]*$' &&
    ok "term: the pager's search finds a step by its tag (/G:300)" ||
    fail "term: the pager's search finds a step by its tag (/G:300)" "$(cat "$TMP/search")"
tm send-keys -t 0 G
sleep 0.5
tm capture-pane -p -t 0 >"$TMP/page2"
grep -q 'Step 400\.' "$TMP/page2" && ok "term: the pager goes to the end (G)" ||
    fail "term: the pager goes to the end (G)" "$(cat "$TMP/page2")"
tm send-keys -t 0 q
sleep 0.3

run NO_COLOR=1 PAGER=cat
tm capture-pane -p -e -J -t 0 -S - >"$TMP/nocolor"
if grep -q "$e\[" "$TMP/nocolor"; then
	fail "term: NO_COLOR: no escape at all" "$(cat -v "$TMP/nocolor" | head -5)"
else
	ok "term: NO_COLOR: no escape at all"
fi
tm kill-server 2>/dev/null

# The first step as the reader shows it at 40 columns: its tag and
# path:line, its title, its paragraph filled (words of five lines of the
# comment on three), its Markdown rendered, its list under its markers.
run NO_COLOR=1 PAGER=cat
tm capture-pane -p -J -t 0 -S - >"$TMP/reader"
sed -n '/^G:010 /,/^static/p' "$TMP/reader" >"$TMP/step"
cat >"$TMP/want" <<'EOF'
G:010  a.c:1
The reader fills a paragraph to the
width.

These words were written on short lines,
and are filled into long ones with
emphasis, code, strong and a link
<https://example.org/x> after them.

- a first item of a list, long enough to
  wrap under its marker;
- a second, which names G:020.

static const char *code_line_that_is_long = "it is never wrapped by quest, whatever the width";
EOF
if cmp -s "$TMP/want" "$TMP/step"; then
	ok "term: a step: tag and path:line, title, prose filled to 40 columns, Markdown rendered"
else
	fail "term: a step: tag and path:line, title, prose filled to 40 columns, Markdown rendered" \
	    "$(diff "$TMP/want" "$TMP/step")"
fi
awk '!/^static const char/ && length > 40 {bad=1} END {exit bad}' "$TMP/reader" &&
    ok "term: no line of prose is wider than the terminal" ||
    fail "term: no line of prose is wider than the terminal" "$(awk 'length > 40' "$TMP/reader" | head -5)"
grep -q '^G:400  a\.c:[0-9]*$' "$TMP/reader" && grep -q '^Step 400\.$' "$TMP/reader" &&
    ok "term: every step opens with its tag and path:line" ||
    fail "term: every step opens with its tag and path:line" "$(tail -n 8 "$TMP/reader")"
tm kill-server 2>/dev/null

# The spans of prose in their styles: emphasis in italics, a
# cross-reference as a tag is.
run PAGER=cat
tm capture-pane -p -e -J -t 0 -S - >"$TMP/styled"
grep -q "$e\[[0-9;]*3[;0-9]*memphasis" "$TMP/styled" &&
    grep -q "$e\[[0-9;]*33mG:020" "$TMP/styled" &&
    ok "term: emphasis in italics, a cross-reference in the style of a tag" ||
    fail "term: emphasis in italics, a cross-reference in the style of a tag" "$(cat -v "$TMP/styled" | sed -n '1,14p')"
tm kill-server 2>/dev/null

# Piped, from a terminal: the plain weave, byte for byte.
sock=$TMP/tmux.pipe
tm -f /dev/null new-session -d -x 40 -y 12 \
    "cd '$t' && TERM=xterm-256color '$QUEST' show | cat >'$TMP/piped'; touch '$TMP/done'; sleep 60"
i=0
while [ ! -f "$TMP/done" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
"$QUEST" -C "$t" show >"$TMP/plain" </dev/null
cmp -s "$TMP/piped" "$TMP/plain" && ! grep -q "$e" "$TMP/piped" &&
    head -n 3 "$TMP/plain" | grep -q '^/\* The reader fills a paragraph to the width\.$' &&
    ok "term: piped, plain bytes, the comment as it stands" ||
    fail "term: piped, plain bytes, the comment as it stands" "$(diff "$TMP/plain" "$TMP/piped" | head)"
"$QUEST" -C "$t" show --color=always G:010 | grep -q "$e\[36m\|$e\[0;36m" &&
    ok "term: --color=always colours a pipe" || fail "term: --color=always colours a pipe"
finish
