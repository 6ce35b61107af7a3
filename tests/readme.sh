#!/bin/sh
# SPDX-License-Identifier: ISC (see LICENSE)
# tests/readme.sh: the README's example is real: its C block, woven by
# quest, gives its console block byte for byte.
. "$(dirname "$0")/lib.sh"
r=$TMP/readme
mkdir -p "$r/arch/x86/lguest"
printf '[chapter G]\nname = Guest\n' >"$r/.quest"
awk '/^```c$/{f=1;next} /^```$/{f=0} f' "$TOP/README.md" >"$r/arch/x86/lguest/boot.c"
awk '/^```console$/{f=1;next} /^```$/{f=0} f && !/^\$ /' "$TOP/README.md" >"$TMP/want"
"$QUEST" -C "$r" show Guest >"$TMP/got" 2>&1
if [ -s "$TMP/want" ] && cmp -s "$TMP/want" "$TMP/got"; then
	ok "README: the example's output is what quest prints"
else
	fail "README: the example's output is what quest prints" "$(diff "$TMP/want" "$TMP/got")"
fi
# CI runs the README's test command and nothing else (.ci/run).
want=$(awk '/^Build and run every test/{f=1} f && /^    \.\/setup/{sub(/^    /, ""); print; exit}' "$TOP/README.md")
got=$(grep -v '^#' "$TOP/.ci/run" | grep setup)
if [ -n "$want" ] && [ "$want" = "$got" ]; then
	ok "README: .ci/run runs the README's test command"
else
	fail "README: .ci/run runs the README's test command" "README: $want
.ci/run: $got"
fi
finish
