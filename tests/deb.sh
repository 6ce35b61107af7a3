#!/bin/sh
# SPDX-License-Identifier: ISC (see LICENSE)
# tests/deb.sh: the Debian package.  Always: debian/changelog holds the
# version that quest prints (the one place it is written), debian/control
# depends by hand on the libgit2 package of the soname that quest opens
# with dlopen(3), and debian/copyright has a paragraph for every npm
# package compiled into quest (mk/grammars.mk).  Then the .deb itself:
# built by make deb when QUEST_DEB=1 (minutes: it compiles everything),
# else the one that make deb left in build/deb/, else skipped.  It is
# unpacked into a scratch root (dpkg -x), its quest runs --version and
# check on a fixture, its man pages, completions and copyright are where
# they belong, and lintian finds no error and no warning in it.
. "$(dirname "$0")/lib.sh"
cd "$TOP" || exit 2

v=$("$QUEST" --version | sed -n 's/^quest //p')
cv=$(sed -n '1s/^quest (\([^)]*\)).*/\1/p' debian/changelog)
if [ -n "$v" ] && [ "$v" = "$cv" ]; then
	ok "deb: debian/changelog holds the version quest prints ($v)"
else
	fail "deb: debian/changelog holds the version quest prints ($v)" "changelog: '$cv'"
fi

so=$(sed -n 's/^#define LIBGIT2_SOVERSION *"\([^"]*\)".*/\1/p' /usr/include/git2/version.h 2>/dev/null)
if [ -z "$so" ]; then
	skip "deb: debian/control depends on the libgit2 quest opens" "no /usr/include/git2/version.h"
elif grep -Eq "^Depends:.*libgit2-$so([, ]|\$)" debian/control; then
	ok "deb: debian/control depends on the libgit2 quest opens (libgit2-$so)"
else
	fail "deb: debian/control depends on the libgit2 quest opens (libgit2-$so)" "$(grep '^Depends' debian/control)"
fi

# The packages of mk/grammars.mk: the runtime's, and each grammar's
# source directory up to its package (a scope is part of the name).
pkgs="tree-sitter $(sed -n 's/^[[:space:]]*\(GRAMMARS *= *\)\{0,1\}[a-z_]*:\([^: ]*\):[a-z]*:[a-z]*.*/\2/p' mk/grammars.mk |
    sed -E 's#^(@[^/]+/[^/]+|[^@/][^/]*)/.*#\1#' | sort -u)"
miss=
n=0
for p in $pkgs; do
	n=$((n + 1))
	grep -qx "Files: grammars/node_modules/$p/\*" debian/copyright || miss="$miss $p"
done
if [ -z "$miss" ] && [ "$n" -gt 20 ]; then
	ok "deb: debian/copyright has the licence of each of the $n npm packages compiled in"
else
	fail "deb: debian/copyright has the licence of each of the $n npm packages compiled in" "missing:$miss"
fi

if [ "${QUEST_DEB:-}" = 1 ]; then
	if make deb >"$TMP/make" 2>&1; then
		ok "deb: make deb builds the package, lintian clean"
	else
		fail "deb: make deb builds the package, lintian clean" "$(tail -30 "$TMP/make")"
		finish
	fi
fi
deb=$(ls build/deb/quest_"$v"_*.deb 2>/dev/null | head -n 1)
if [ -z "$deb" ]; then
	skip "deb: the .deb" "no build/deb/quest_${v}_*.deb: make deb builds one (minutes), QUEST_DEB=1 has this test build it"
	finish
fi
if ! command -v dpkg >/dev/null 2>&1; then
	skip "deb: the .deb" "no dpkg"
	finish
fi
root=$TMP/root
dpkg -x "$deb" "$root"
got=$("$root/usr/bin/quest" --version 2>&1)
if [ "$got" = "quest $v" ]; then
	ok "deb: the unpacked quest runs: $got"
else
	fail "deb: the unpacked quest runs" "$got"
fi
fixture=$TOP/tests/golden/langs/tree
if "$root/usr/bin/quest" -C "$fixture" check >"$TMP/out" 2>&1 &&
    [ ! -s "$TMP/out" ] &&
    "$root/usr/bin/quest" -C "$fixture" list | cmp -s - tests/golden/langs/list.out; then
	ok "deb: the unpacked quest checks and lists a fixture as the tests' quest does"
else
	fail "deb: the unpacked quest checks and lists a fixture as the tests' quest does" "$(cat "$TMP/out")"
fi
miss=
for f in usr/share/man/man1/quest.1.gz usr/share/man/man5/quest.5.gz \
    usr/share/bash-completion/completions/quest \
    usr/share/zsh/vendor-completions/_quest \
    usr/share/fish/vendor_completions.d/quest.fish \
    usr/share/doc/quest/copyright; do
	[ -s "$root/$f" ] || miss="$miss $f"
done
if [ -z "$miss" ]; then
	ok "deb: the package has the man pages, the completions and the copyright"
else
	fail "deb: the package has the man pages, the completions and the copyright" "missing:$miss"
fi
if cmp -s "$root/usr/share/bash-completion/completions/quest" build/completions/quest.bash 2>/dev/null ||
    { "$QUEST" complete bash >"$TMP/bash" && cmp -s "$TMP/bash" "$root/usr/share/bash-completion/completions/quest"; }; then
	ok "deb: its bash completion is the one quest writes"
else
	fail "deb: its bash completion is the one quest writes" "the package is older than the tree? make deb again"
fi
if ! command -v lintian >/dev/null 2>&1; then
	skip "deb: lintian" "no lintian here (./setup --deb installs it)"
elif lintian --fail-on error,warning "$deb" >"$TMP/lint" 2>&1; then
	ok "deb: lintian finds no error and no warning in ${deb##*/}"
else
	fail "deb: lintian finds no error and no warning in ${deb##*/}" "$(cat "$TMP/lint")"
fi
finish
