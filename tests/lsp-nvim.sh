#!/bin/sh
# SPDX-License-Identifier: ISC (see LICENSE)
# tests/lsp-nvim.sh: quest lsp under a real client, Neovim's, headless: it
# runs tests/lsp/nvim.lua on a copy of tests/lsp/tree (diagnostics, hover,
# definition, rename applied by Neovim) and its report must be
# tests/lsp/nvim.out.  Skipped, saying so, when nvim is not installed.
. "$(dirname "$0")/lib.sh"
if ! command -v nvim >/dev/null 2>&1; then
	skip "lsp: Neovim's client" "nvim is not installed (./setup --test installs neovim)"
	finish
fi
cp -R "$TOP/tests/lsp/tree" "$TMP/tree"
mkdir -p "$TMP/home"
# Neovim's files (its log, its state) go to the scratch directory.
ROOT=$TMP/tree OUT=$TMP/nvim.got CMD="exec \"$QUEST\" lsp 2>\"$TMP/err\"" \
    HOME=$TMP/home XDG_CONFIG_HOME=$TMP/home XDG_CACHE_HOME=$TMP/home \
    XDG_STATE_HOME=$TMP/home XDG_DATA_HOME=$TMP/home \
    timeout 120 nvim --headless -u NONE -i NONE -n \
    -c "luafile $TOP/tests/lsp/nvim.lua" >"$TMP/nvim.log" 2>&1
rc=$?
v=$(nvim --version | head -1)
if [ "${1:-}" = --update ]; then
	cp "$TMP/nvim.got" "$TOP/tests/lsp/nvim.out"
fi
if grep -qE 'ERROR: AddressSanitizer|runtime error|LeakSanitizer' "$TMP/err"; then
	fail "lsp: $v drives quest lsp" "$(head -30 "$TMP/err")"
elif [ $rc -ne 0 ] || ! cmp -s "$TMP/nvim.got" "$TOP/tests/lsp/nvim.out"; then
	fail "lsp: $v drives quest lsp (exit $rc)" "$(diff "$TOP/tests/lsp/nvim.out" "$TMP/nvim.got" 2>&1 | head -30; head -10 "$TMP/nvim.log")"
else
	ok "lsp: $v: diagnostics, hover, definition and rename as in nvim.out"
fi
finish
