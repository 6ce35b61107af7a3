#!/bin/sh
# SPDX-License-Identifier: ISC (see LICENSE)
# tests/sarif.sh: check --format=sarif has the shape GitHub code scanning
# reads, field by field, and validates against the SARIF 2.1.0 schema;
# check --format=json for scripts.
. "$(dirname "$0")/lib.sh"
export LC_ALL=C
t=$TMP/t
mkdir -p "$t/sub dir"
printf '[chapter G]\nname = Guest\n[chapter E]\n' >"$t/.quest"
printf '/*G:010 one [G:099]\n */\nint a;\n/*:*/\n/*G:03a near\n' >"$t/a.c"
printf '/*G:10 dup\n */\n' >"$t/sub dir/b.c"
"$QUEST" -C "$t" check --format=sarif >"$TMP/s.json" 2>"$TMP/err"
rc=$?
[ $rc -eq 1 ] && [ ! -s "$TMP/err" ] && ok "sarif: on stdout, exit 1 for the error" ||
    fail "sarif: on stdout, exit 1 for the error" "exit $rc: $(cat "$TMP/err")"
if ! command -v node >/dev/null; then
	skip sarif "no node to read the JSON with"
	finish
fi
cat >"$TMP/shape.mjs" <<'JS'
import { readFileSync } from 'node:fs';
const s = JSON.parse(readFileSync(process.argv[2], 'utf8'));
let bad = 0;
const say = (c, what) => { console.log(`${c ? 'ok' : 'not ok'} - sarif: ${what}`); if (!c) bad = 1; };
say(s.version === '2.1.0', 'version 2.1.0');
say(Array.isArray(s.runs) && s.runs.length === 1, 'one run');
const d = s.runs[0].tool.driver;
say(d.name === 'quest' && typeof d.version === 'string', 'runs[].tool.driver names quest and its version');
const ids = d.rules.map(r => r.id);
say(ids.includes('duplicate-step') && ids.includes('near-tag') && ids.includes('bad-ref') &&
    d.rules.every(r => r.shortDescription && r.shortDescription.text && r.defaultConfiguration.level),
    'driver.rules: every diagnostic, described, with its level');
const res = s.runs[0].results;
const by = n => res.find(r => r.ruleId === n);
say(res.length === 4, `four results (${res.length})`);
for (const r of res) {
	say(typeof r.ruleId === 'string' && ['error', 'warning', 'note'].includes(r.level) &&
	    typeof r.message.text === 'string' && d.rules[r.ruleIndex].id === r.ruleId,
	    `result ${r.ruleId}: ruleId, level, message.text, ruleIndex`);
}
const dup = by('duplicate-step');
const loc = dup && dup.locations[0].physicalLocation;
say(dup && dup.level === 'error' && loc.artifactLocation.uri === 'sub%20dir/b.c' &&
    loc.region.startLine === 1,
    'duplicate-step: error at sub%20dir/b.c, startLine 1');
const near = by('near-tag');
say(near && near.level === 'warning' && near.locations[0].physicalLocation.region.startLine === 5,
    'near-tag: warning, startLine 5');
const empty = by('empty-chapter');
say(empty && empty.locations[0].physicalLocation.artifactLocation.uri === '.quest', 'empty-chapter at .quest');
process.exit(bad);
JS
node "$TMP/shape.mjs" "$TMP/s.json" || true
schema=$SHARED/sarif/sarif-schema-2.1.0.json
if [ ! -f "$schema" ]; then
	skip "sarif: schema" "no $schema here"
elif [ ! -d "$TOP/tests/schema/node_modules" ]; then
	skip "sarif: schema" "no Ajv (./setup --test installs tests/schema/node_modules)"
else
	node "$TOP/tests/schema/validate.mjs" "$schema" "$TMP/s.json" || true
	"$QUEST" -C "$t" check --format=sarif --werror >"$TMP/w.json" 2>/dev/null
	node "$TOP/tests/schema/validate.mjs" "$schema" "$TMP/w.json" || true
	printf '[chapter Z]\n' >"$TMP/clean.quest"
	mkdir -p "$TMP/clean" && mv "$TMP/clean.quest" "$TMP/clean/.quest"
	printf '/*Z:1 fine\n */\n' >"$TMP/clean/z.c"
	"$QUEST" -C "$TMP/clean" check --format=sarif >"$TMP/c.json" 2>/dev/null
	node "$TOP/tests/schema/validate.mjs" "$schema" "$TMP/c.json" || true
fi
"$QUEST" -C "$t" check --format=json >"$TMP/j.json" 2>/dev/null
node -e '
const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const ok = j.quest === 1 && j.diagnostics.length === 4 && j.diagnostics.every(d =>
    "path" in d && "line" in d && "column" in d && ["error","warning"].includes(d.severity) && d.name && d.message);
console.log((ok ? "ok" : "not ok") + " - check --format=json: versioned, one object a diagnostic");
' "$TMP/j.json"
"$QUEST" -C "$t" check --format=xml >/dev/null 2>"$TMP/err"
[ $? -eq 2 ] && grep -q "gcc, json or sarif" "$TMP/err" && ok "check --format: an unknown format is a usage error" ||
    fail "check --format: an unknown format is a usage error"
finish
