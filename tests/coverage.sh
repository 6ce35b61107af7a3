#!/bin/sh
# SPDX-License-Identifier: ISC (see LICENSE)
# tests/coverage.sh: quest coverage on a real tree, lguest-late (Linux
# 4.13.9's lguest, ../shared/corpus), its figures counted again here by a
# counter of its own: a few files' lines of code, by regular expressions
# in node (strings and comments of C, # comments of the shell), and the
# lines the steps' code ranges hold, from quest json.  Then the total, the
# JSON against tests/schema/coverage.schema.json, and --min's exit status.
#
# When this was written the files below gave (covered/total):
#   arch/x86/lguest/boot.c 609/684, drivers/lguest/core.c 166/201,
#   drivers/lguest/segments.c 73/74, include/linux/lguest.h 0/25,
#   tools/lguest/extract 0/51 (a shell script by its #! line), and the
#   tree 3616/4699, 76.9%.
. "$(dirname "$0")/lib.sh"
v=$SHARED/corpus/lguest-late
if [ ! -f "$v/.quest" ]; then
	skip coverage/lguest-late "no $v here (a user's clone has none): coverage not counted on a real tree"
	finish
fi
files="arch/x86/lguest/boot.c drivers/lguest/core.c drivers/lguest/segments.c include/linux/lguest.h tools/lguest/extract"

"$QUEST" -C "$v" coverage --format=json >"$TMP/cov.json" 2>"$TMP/err" &&
    "$QUEST" -C "$v" json >"$TMP/tour.json" 2>>"$TMP/err" ||
    fail "coverage/lguest-late: runs" "$(cat "$TMP/err")"

cat >"$TMP/count.mjs" <<'EOF'
import { readFileSync } from 'node:fs';
const [root, cov, tour, ...files] = process.argv.slice(2);
const c = JSON.parse(readFileSync(cov, 'utf8'));
const t = JSON.parse(readFileSync(tour, 'utf8'));
let bad = 0;
for (const path of files) {
	const text = readFileSync(`${root}/${path}`, 'latin1');
	// Comments out, strings kept, newlines kept.
	const re = path.endsWith('.c') || path.endsWith('.h') ?
	    /"(?:\\.|[^"\\\n])*"?|'(?:\\.|[^'\\\n])*'?|\/\*[\s\S]*?(?:\*\/|$(?![\s\S]))|\/\/[^\n]*/g :
	    /"(?:\\.|[^"\\\n])*"?|'(?:\\.|[^'\\\n])*'?|#[^\n]*/g;
	const bare = text.replace(re, m => m[0] === '"' || m[0] === "'" ?
	    m : m.replace(/[^\n]/g, ' '));
	const lines = bare.split('\n');
	if (text.endsWith('\n'))
		lines.pop();
	const shown = new Set();
	for (const s of t.steps)
		if (s.path === path && s.code_first !== null)
			for (let k = s.code_first; k <= s.code_last; k++)
				shown.add(k);
	let code = 0, covered = 0;
	lines.forEach((l, i) => {
		if (/\S/.test(l)) {
			code++;
			if (shown.has(i + 1))
				covered++;
		}
	});
	const f = c.files.find(x => x.path === path);
	const got = f ? `${f.covered}/${f.total}` : 'none';
	if (got === `${covered}/${code}`)
		console.log(`ok - coverage/lguest-late: ${path} ${got}, counted again`);
	else {
		console.log(`not ok - coverage/lguest-late: ${path}: quest says ${got}, counted again ${covered}/${code}`);
		bad = 1;
	}
}
const sum = c.files.reduce((a, f) => [a[0] + f.covered, a[1] + f.total], [0, 0]);
if (sum[0] === c.lines.covered && sum[1] === c.lines.total &&
    c.lines.percent === Math.floor(1000 * sum[0] / sum[1]) / 10)
	console.log(`ok - coverage/lguest-late: the total ${sum[0]}/${sum[1]} is the files' sum`);
else {
	console.log('not ok - coverage/lguest-late: the total is not the files\' sum');
	bad = 1;
}
process.exit(bad);
EOF
# shellcheck disable=SC2086
node "$TMP/count.mjs" "$v" "$TMP/cov.json" "$TMP/tour.json" $files ||
    _failed=1

if [ ! -d "$TOP/tests/schema/node_modules" ]; then
	skip "coverage: schema" "no Ajv (./setup --test installs tests/schema/node_modules)"
else
	"$QUEST" -C "$v" coverage --by def --format=json >"$TMP/def.json" &&
	    node "$TOP/tests/schema/validate.mjs" \
	    "$TOP/tests/schema/coverage.schema.json" "$TMP/cov.json" \
	    "$TMP/def.json" || _failed=1
fi

# --min: the total against PCT, exit 1 below it, for CI.
"$QUEST" -C "$v" coverage --min 76.9 >/dev/null 2>"$TMP/err"
rc=$?
[ $rc -eq 0 ] && ok "coverage: --min at the total exits 0" ||
    fail "coverage: --min at the total exits 0" "exit $rc: $(cat "$TMP/err")"
"$QUEST" -C "$v" coverage --min 77 >/dev/null 2>"$TMP/err"
rc=$?
[ $rc -eq 1 ] && grep -q 'below --min 77.0%' "$TMP/err" &&
    ok "coverage: --min above the total exits 1, and says why" ||
    fail "coverage: --min above the total exits 1, and says why" "exit $rc: $(cat "$TMP/err")"
"$QUEST" -C "$v" coverage --min 101 >/dev/null 2>"$TMP/err"
rc=$?
[ $rc -eq 2 ] && ok "coverage: --min past 100 is a usage error" ||
    fail "coverage: --min past 100 is a usage error" "exit $rc"
# The line coverage is the same whatever the number of threads.
"$QUEST" -j 1 -C "$v" coverage --by def >"$TMP/j1" &&
    "$QUEST" -j 8 -C "$v" coverage --by def >"$TMP/j8" &&
    cmp -s "$TMP/j1" "$TMP/j8" &&
    ok "coverage: -j 1 and -j 8 agree" ||
    fail "coverage: -j 1 and -j 8 agree" "$(diff "$TMP/j1" "$TMP/j8" | head)"
finish
