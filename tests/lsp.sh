#!/bin/sh
# SPDX-License-Identifier: ISC (see LICENSE)
# tests/lsp.sh: quest lsp driven by transcripts.  Each tests/lsp/NAME.in
# is a session, one JSON-RPC message a line (ROOT the tree's place), framed
# with Content-Length into quest lsp's standard input from a file, so that
# the server reads it the same way every time; what it answers, one
# message a line, ROOT put back, must be NAME.out, and its exit status
# NAME.rc.  Then the session once more a byte at a time through a pipe (the
# answers to the requests must not change), malformed input (headers,
# JSON, sizes), a 50 MB document, valgrind over the session, files that
# change on disk under the server, and on the lguest corpus the
# diagnostics of quest check.
#
#   sh tests/lsp.sh [--update]   --update writes the .out and .rc files
. "$(dirname "$0")/lib.sh"
dir=$TOP/tests/lsp
update=0
[ "${1:-}" = --update ] && update=1

# Each line a message, framed.
frame() {
	LC_ALL=C awk '{ printf "Content-Length: %d\r\n\r\n%s", length($0), $0 }'
}
# Each message a line; the server writes no newline inside one.
deframe() {
	LC_ALL=C awk 'BEGIN { RS = "Content-Length: [0-9]+\r\n\r\n" } NR > 1 { print }'
}
# What a sanitizer or a crash left on stderr.
crashed() {
	grep -E 'ERROR: AddressSanitizer|runtime error|LeakSanitizer|Segmentation|Aborted' "$1"
}

tree=$TMP/tree
fresh_tree() {
	rm -rf "$tree"
	cp -R "$dir/tree" "$tree"
}

# 1. The transcripts.
for f in "$dir"/*.in; do
	name=${f##*/}
	name=${name%.in}
	fresh_tree
	sed "s|ROOT|$tree|g" "$f" | frame >"$TMP/$name.framed"
	timeout 120 "$QUEST" lsp <"$TMP/$name.framed" >"$TMP/$name.raw" 2>"$TMP/$name.err"
	echo $? >"$TMP/$name.rc"
	deframe <"$TMP/$name.raw" | sed "s|$tree|ROOT|g" >"$TMP/$name.got"
	if [ "$update" -eq 1 ]; then
		cp "$TMP/$name.got" "$dir/$name.out"
		cp "$TMP/$name.rc" "$dir/$name.rc"
	fi
	if [ -s "$TMP/$name.err" ] && crashed "$TMP/$name.err" >/dev/null; then
		fail "lsp: $name: no crash" "$(head -30 "$TMP/$name.err")"
	elif ! cmp -s "$TMP/$name.got" "$dir/$name.out"; then
		fail "lsp: $name: every answer as in $name.out" "$(diff "$dir/$name.out" "$TMP/$name.got" | head -30)"
	elif ! cmp -s "$TMP/$name.rc" "$dir/$name.rc"; then
		fail "lsp: $name: exit status $(cat "$dir/$name.rc")" "it exited $(cat "$TMP/$name.rc")"
	else
		ok "lsp: $name: $(wc -l <"$dir/$name.out" | tr -d ' ') messages as in $name.out, exit $(cat "$dir/$name.rc")"
	fi
done

# 2. The session a byte at a time: one write a byte, through a pipe.  The
# server reads what has come, so the diagnostics may come in other
# bursts; the answers to the requests must be the same, but for the one
# that a cancel read with it stopped.
fresh_tree
cancelled=$(sed -n 's/^{"jsonrpc":"2.0","id":\([0-9]*\),"error":{"code":-32800.*/\1/p' "$dir/session.out")
answers() {
	grep -v '"method":' "$1" | grep -v "^{\"jsonrpc\":\"2.0\",\"id\":$cancelled,"
}
dd if="$TMP/session.framed" bs=1 status=none |
    timeout 120 "$QUEST" lsp >"$TMP/bytes.raw" 2>"$TMP/bytes.err"
deframe <"$TMP/bytes.raw" | sed "s|$tree|ROOT|g" >"$TMP/bytes.got"
answers "$dir/session.out" >"$TMP/want.answers"
answers "$TMP/bytes.got" >"$TMP/got.answers"
if crashed "$TMP/bytes.err" >/dev/null; then
	fail "lsp: the session a byte at a time" "$(head -30 "$TMP/bytes.err")"
elif cmp -s "$TMP/want.answers" "$TMP/got.answers"; then
	ok "lsp: the session a byte at a time, $(wc -l <"$TMP/got.answers" | tr -d ' ') answers the same"
else
	fail "lsp: the session a byte at a time" "$(diff "$TMP/want.answers" "$TMP/got.answers" | head -30)"
fi

# 3. Malformed input, each case a run of its own: JSON-RPC errors, the
# server still answering after them, never a crash or a hang.
init='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"rootUri":"file://'$tree'","capabilities":{}}}'
hover='{"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"file://'$tree'/a.c"},"position":{"line":0,"character":3}}}'
bye='{"jsonrpc":"2.0","id":3,"method":"shutdown"}
{"jsonrpc":"2.0","method":"exit"}'
# bad NAME EXPECT...: the bytes of $TMP/bad.in after initialize, then the
# hover and goodbye; the answers, one a line, must hold each EXPECT in
# turn, a text in which .* stands for anything, and the hover be answered.
bad() {
	name=$1
	shift
	fresh_tree
	{ printf '%s\n' "$init" | frame; cat "$TMP/bad.in"; printf '%s\n%s\n' "$hover" "$bye" | frame; } >"$TMP/bad.framed"
	timeout 120 "$QUEST" lsp <"$TMP/bad.framed" >"$TMP/bad.raw" 2>"$TMP/bad.err"
	rc=$?
	deframe <"$TMP/bad.raw" | grep -v '"method":' | sed "s|$tree|ROOT|g" >"$TMP/bad.got"
	printf '%s\n' '"id":1,"result":{"capabilities"' "$@" \
	    '"id":2,"result":{"contents"' '"id":3,"result":null' >"$TMP/bad.want"
	if [ $rc -eq 124 ]; then
		fail "lsp: $name" "no answer within 120 s: a hang"
	elif crashed "$TMP/bad.err" >/dev/null; then
		fail "lsp: $name" "$(head -30 "$TMP/bad.err")"
	elif [ $rc -ne 0 ]; then
		fail "lsp: $name" "exit $rc; $(head -5 "$TMP/bad.err")"
	elif [ "$(wc -l <"$TMP/bad.got")" -ne "$(wc -l <"$TMP/bad.want")" ] ||
	    ! paste -d '\n' "$TMP/bad.want" "$TMP/bad.got" | awk '
		NR % 2 { pat = $0; next }
		{
			n = split(pat, part, /\.\*/)
			s = $0
			for (i = 1; i <= n; i++) {
				if ((k = index(s, part[i])) == 0)
					exit 1
				s = substr(s, k + length(part[i]))
			}
		}'; then
		fail "lsp: $name" "$(cat "$TMP/bad.got")"
	else
		ok "lsp: $name"
	fi
}
printf 'Content-Length: abc\r\n\r\n{}' >"$TMP/bad.in"
bad "a Content-Length that is not a number: -32700, then on" \
    '"id":null,"error":{"code":-32700,"message":"cannot read the header: a Content-Length that is not a number'
printf 'Content-Type: application/json\r\n\r\n{"jsonrpc":"2.0","id":9,"method":"shutdown"}' >"$TMP/bad.in"
bad "a header without Content-Length: -32700, its body skipped" \
    '"id":null,"error":{"code":-32700,"message":"cannot read the header: a header without Content-Length'
printf 'Content-Length: 99999999999999999999\r\n\r\n' >"$TMP/bad.in"
bad "a Content-Length of 20 digits: -32700" \
    '"id":null,"error":{"code":-32700,"message":"cannot read the header: a Content-Length of more than 18 digits'
printf 'Content-Length: 3\r\nContent-Length: 4\r\n\r\n{}  ' >"$TMP/bad.in"
bad "two Content-Lengths: -32700" \
    '"id":null,"error":{"code":-32700,"message":"cannot read the header: two Content-Lengths that differ'
head -c 10000 /dev/zero | tr '\0' x >"$TMP/bad.in"
bad "a header of 10000 bytes with no end: -32700" \
    '"id":null,"error":{"code":-32700,"message":"cannot read the header: a header longer than 8192 bytes'
printf '{"jsonrpc":"2.0","id":7,"method":"textDocument/hover"\n{nope}\n\n[]\n"text"\n' | frame >"$TMP/bad.in"
bad "invalid JSON, an empty body, not an object: -32700, -32600" \
    '"id":null,"error":{"code":-32700,"message":"invalid JSON: .*"' \
    '"id":null,"error":{"code":-32700,"message":"invalid JSON: .*"' \
    '"id":null,"error":{"code":-32700,"message":"invalid JSON: .*"' \
    '"id":null,"error":{"code":-32600,' '"id":null,"error":{"code":-32600,'
printf '%s\n' '{"jsonrpc":"1.0","id":5,"method":"shutdown"}' \
    '{"jsonrpc":"2.0","id":{"a":1},"method":"shutdown"}' \
    '{"jsonrpc":"2.0","id":"s","method":"no/such"}' \
    '{"jsonrpc":"2.0","method":"no/such/notification"}' \
    '{"jsonrpc":"2.0","id":6,"method":"initialize","params":{}}' \
    '{"jsonrpc":"2.0","id":8,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///etc/passwd"},"position":{"line":0,"character":0}}}' \
    '{"jsonrpc":"2.0","id":9,"method":"textDocument/hover","params":{"textDocument":{"uri":"http://example.org/a.c"},"position":{"line":0,"character":0}}}' \
    '{"jsonrpc":"2.0","id":10,"method":"textDocument/hover","params":{"textDocument":{"uri":"file://'$tree'/a.c"}}}' \
    '{"jsonrpc":"2.0","id":11,"method":"textDocument/hover","params":[1,2]}' \
    '{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///etc/passwd","version":1,"text":"/*G:010 */"}}}' \
    '{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///nowhere.c"},"contentChanges":[]}}' \
    '{"jsonrpc":"2.0","id":12,"method":"textDocument/hover","params":{"textDocument":{"uri":"file://'$tree'/a.c"},"position":{"line":99999,"character":99999}}}' |
    frame >"$TMP/bad.in"
bad "JSON-RPC 1.0, an object id, unknown methods, outside files, bad params" \
    '"id":5,"error":{"code":-32600,' '"id":null,"error":{"code":-32600,' \
    '"id":"s","error":{"code":-32601,"message":"no method no/such"' \
    '"id":6,"error":{"code":-32600,"message":"initialize was sent already"' \
    '"id":8,"error":{"code":-32602,"message":"file:///etc/passwd is outside the workspace' \
    '"id":9,"error":{"code":-32602,"message":"http://example.org/a.c is outside the workspace' \
    '"id":10,"error":{"code":-32602,"message":"position is missing' \
    '"id":11,"error":{"code":-32602,' '"id":12,"result":null'
if grep -q 'didOpen: file:///etc/passwd is outside the workspace' "$TMP/bad.err" &&
    grep -q 'didChange of file:///nowhere.c, which is not open' "$TMP/bad.err"; then
	ok "lsp: bad notifications are logged on stderr, not answered"
else
	fail "lsp: bad notifications are logged on stderr, not answered" "$(cat "$TMP/bad.err")"
fi
# A message over the bound of 64 MiB, sent whole: answered, skipped.
{ printf 'Content-Length: 67108865\r\n\r\n'; head -c 67108865 /dev/zero | tr '\0' x; } >"$TMP/bad.in"
bad "a message of 64 MiB and a byte: -32600, its bytes skipped" \
    '"id":null,"error":{"code":-32600,"message":"a message of 67108865 bytes, over the bound of 67108864: skipped"'
# A document of 50 MB: served, and the server answers about it.
awk -v root="$tree" 'BEGIN {
	printf "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"file://%s/big.c\",\"version\":1,\"text\":\"/*G:500 A step of 50 MB. */\\n", root
	s = "int x; /* a line of a large file, as generated code is, some forty bytes more. */"
	for (i = 0; i < 600000; i++)
		printf "%s\\n", s
	printf "\"}}}\n"
	printf "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"textDocument/documentSymbol\",\"params\":{\"textDocument\":{\"uri\":\"file://%s/big.c\"}}}\n", root
}' | frame >"$TMP/bad.in"
start=$(date +%s)
bad "a document of 50 MB: opened, its symbols answered" \
    '"id":4,"result":[{"name":"G:500 A step of 50 MB.".*"end":{"line":600001,"character":0}}},"containerName":"Guest"}]}'
echo "# the 50 MB document took $(($(date +%s) - start)) s"
# The end of input with no shutdown, and exit with none: status 1.
fresh_tree
printf '%s\n' "$init" | frame | timeout 60 "$QUEST" lsp >/dev/null 2>&1
rc1=$?
printf '%s\n{"jsonrpc":"2.0","method":"exit"}\n' "$init" | frame |
    timeout 60 "$QUEST" lsp >/dev/null 2>&1
rc2=$?
if [ $rc1 -eq 1 ] && [ $rc2 -eq 1 ]; then
	ok "lsp: end of input, or exit, without shutdown: exit status 1"
else
	fail "lsp: end of input, or exit, without shutdown: exit status 1" "exit $rc1 and $rc2"
fi

# 4. valgrind over the session, the plain build (as tests/valgrind.sh).
if ! command -v valgrind >/dev/null; then
	skip "lsp: valgrind over the session" "valgrind is not installed (./setup --test installs it)"
elif [ ! -x "$TOP/quest" ]; then
	skip "lsp: valgrind over the session" "no $TOP/quest: make builds it"
else
	fresh_tree
	if valgrind -q --leak-check=full --show-leak-kinds=all \
	    --errors-for-leak-kinds=all --error-exitcode=99 \
	    --suppressions="$TOP/tests/valgrind.supp" \
	    "$TOP/quest" lsp <"$TMP/session.framed" >"$TMP/vg.raw" 2>"$TMP/vg.err" &&
	    deframe <"$TMP/vg.raw" | sed "s|$tree|ROOT|g" | cmp -s - "$dir/session.out"; then
		ok "lsp: valgrind over the session: no leak, no error, the same answers"
	else
		fail "lsp: valgrind over the session" "$(head -40 "$TMP/vg.err")"
	fi
fi

# 5. Files that change on disk under the server: made, deleted, .quest
# rewritten (the workspace read again), a file changed.  The server reads
# a FIFO; each batch of messages ends with a request, whose answer is
# awaited before the disk changes again.  What it says must be disk.out.
fresh_tree
mkfifo "$TMP/fifo"
"$QUEST" lsp <"$TMP/fifo" >"$TMP/disk.raw" 2>"$TMP/disk.err" &
pid=$!
exec 3>"$TMP/fifo"
u=file://$tree
send() {	# the messages, framed; then await the answer to id $1
	id=$1
	shift
	printf '%s\n' "$@" | frame >&3
	i=0
	while ! LC_ALL=C grep -q "\"id\":$id,\"result\|\"id\":$id,\"error" "$TMP/disk.raw" &&
	    [ $i -lt 600 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}
watched() {	# URI TYPE
	echo '{"jsonrpc":"2.0","method":"workspace/didChangeWatchedFiles","params":{"changes":[{"uri":"'$1'","type":'$2'}]}}'
}
sym30='"method":"workspace/symbol","params":{"query":"g:30"}}'
send 2 '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"rootUri":"'$u'","capabilities":{"workspace":{"didChangeWatchedFiles":{"dynamicRegistration":true}}}}}' \
    '{"jsonrpc":"2.0","method":"initialized","params":{}}' \
    '{"jsonrpc":"2.0","id":2,'"$sym30"
printf '/*G:030 A second step thirty, made on disk. */\n' >"$tree/d.c"
send 3 "$(watched "$u/d.c" 1)" '{"jsonrpc":"2.0","id":3,'"$sym30"
rm "$tree/d.c"
send 4 "$(watched "$u/d.c" 3)" '{"jsonrpc":"2.0","id":4,'"$sym30"
printf '[tour]\ntitle = t\n\n[chapter H]\nname = Host first\n\n[chapter G]\nname = Guest\n\n[chapter X]\nname = Empty\n' >"$tree/.quest"
send 5 "$(watched "$u/.quest" 2)" \
    '{"jsonrpc":"2.0","id":5,"method":"textDocument/codeLens","params":{"textDocument":{"uri":"'$u'/c.py"}}}'
printf '/*G:010 Changed on disk. */\n' >"$tree/a.c"
send 7 "$(watched "$u/a.c" 2)" \
    '{"jsonrpc":"2.0","id":6,"method":"textDocument/hover","params":{"textDocument":{"uri":"'$u'/a.c"},"position":{"line":0,"character":3}}}' \
    '{"jsonrpc":"2.0","id":7,"method":"shutdown"}' '{"jsonrpc":"2.0","method":"exit"}'
exec 3>&-
wait $pid
rc=$?
deframe <"$TMP/disk.raw" | sed "s|$tree|ROOT|g" >"$TMP/disk.got"
[ "$update" -eq 1 ] && cp "$TMP/disk.got" "$dir/disk.out"
if crashed "$TMP/disk.err" >/dev/null; then
	fail "lsp: files changed on disk" "$(head -30 "$TMP/disk.err")"
elif [ $rc -ne 0 ] || ! cmp -s "$TMP/disk.got" "$dir/disk.out"; then
	fail "lsp: files changed on disk (exit $rc)" "$(diff "$dir/disk.out" "$TMP/disk.got" | head -30)"
else
	ok "lsp: files made, deleted and changed on disk, .quest rewritten: as in disk.out"
fi

# 6. On lguest-late, what the server publishes at initialize is what
# quest check reports, diagnostic for diagnostic, and workspace/symbol
# finds every step that quest list lists.
late=$SHARED/corpus/lguest-late
if [ ! -d "$late" ]; then
	skip "lsp: lguest-late's diagnostics" "no $late here"
else
	cp -R "$late" "$TMP/late"
	rm -rf "$TMP/late/expected"
	printf '%s\n' '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"rootUri":"file://'$TMP/late'","capabilities":{}}}' \
	    '{"jsonrpc":"2.0","method":"initialized","params":{}}' \
	    '{"jsonrpc":"2.0","id":2,"method":"workspace/symbol","params":{"query":""}}' \
	    "$bye" | frame |
	    timeout 120 "$QUEST" lsp >"$TMP/late.raw" 2>"$TMP/late.err"
	deframe <"$TMP/late.raw" | grep publishDiagnostics |
	    grep -o '"code":"[a-z-]*"' | sort >"$TMP/late.lsp"
	"$QUEST" -C "$TMP/late" check 2>&1 | grep -o '\[[a-z-]*\]$' |
	    sed 's/^\[\(.*\)\]$/"code":"\1"/' | sort >"$TMP/late.check"
	if cmp -s "$TMP/late.lsp" "$TMP/late.check"; then
		ok "lsp: lguest-late: the $(wc -l <"$TMP/late.check" | tr -d ' ') diagnostics of quest check, published"
	else
		fail "lsp: lguest-late: the diagnostics of quest check" "$(diff "$TMP/late.check" "$TMP/late.lsp" | head)"
	fi
	steps=$("$QUEST" -C "$TMP/late" list 2>/dev/null | grep -c '^  [A-Z]*:')
	syms=$(deframe <"$TMP/late.raw" | grep '"id":2,' | grep -o '"containerName"' | wc -l | tr -d ' ')
	if [ "$steps" -gt 0 ] && [ "$steps" = "$syms" ]; then
		ok "lsp: lguest-late: workspace/symbol finds the $steps steps of quest list"
	else
		fail "lsp: lguest-late: workspace/symbol finds every step" "$syms symbols, $steps steps"
	fi
fi
finish
