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
finish
