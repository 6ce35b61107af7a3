#!/bin/sh
# SPDX-License-Identifier: ISC (see LICENSE)
# tests/formats.sh: the JSON, Markdown and CodeTour writers, checked by
# independent tools: node re-reads every step's lines from its file,
# cmark-gfm renders the Markdown, Ajv validates the CodeTour files against
# CodeTour's own schema.
. "$(dirname "$0")/lib.sh"
export LC_ALL=C
v=$SHARED/corpus/lguest-late
if [ ! -d "$v" ]; then
	skip formats "no $v here: the writers are checked on the lguest corpus"
	finish
fi
if ! command -v node >/dev/null; then
	skip formats "no node to read the JSON with"
	finish
fi

# JSON: 128 steps, each one's lines as the file has them.
"$QUEST" -C "$v" json -o "$TMP/tour.json" || fail "json: writes"
cat >"$TMP/check.mjs" <<'JS'
import { readFileSync } from 'node:fs';
const [json, root] = process.argv.slice(2);
const t = JSON.parse(readFileSync(json, 'utf8'));
let bad = 0;
const say = (ok, what) => { console.log(`${ok ? 'ok' : 'not ok'} - json: ${what}`); if (!ok) bad = 1; };
say(t.quest === 1, 'versioned "quest": 1');
say(t.steps.length === 128, `128 steps (${t.steps.length})`);
say(t.chapters.length === 7 && t.chapters.map(c => c.prefix).join('') === 'PGDLHSM', 'seven chapters in config order');
say(t.chapters.reduce((n, c) => n + c.steps.length, 0) === 128, 'chapters list every step');
let mismatches = [];
for (const s of t.steps) {
	const lines = readFileSync(`${root}/${s.path}`, 'latin1').split('\n');
	// The tag line holds the tag, deleted in the weave: check it is there.
	if (!lines[s.line - 1].includes(`${s.chapter}:${s.number}`))
		mismatches.push(`${s.id}: no tag on ${s.path}:${s.line}`);
	if (s.code === null) continue;
	let want = lines.slice(s.code_first - 1, s.code_last).join('\n');
	if (s.end === 'marker' && s.code_last === s.last) {
		// The end marker is cut from the last line, as in the weave.
		want = want.includes('/*:*/') ? want.replace(/\/\*:\*\/(?![\s\S]*\/\*:\*\/)/, '') :
		    want.replace(/:\*\/(?![\s\S]*:\*\/)/, '*/');
	}
	if (Buffer.from(want, 'latin1').toString('utf8') !== s.code)
		mismatches.push(`${s.id}: ${s.path}:${s.code_first}-${s.code_last} differs`);
	if (s.code_first < s.line || s.code_last > s.last)
		mismatches.push(`${s.id}: code outside the step`);
}
say(mismatches.length === 0, `every step's code is its file's lines ${mismatches.slice(0, 5).join('; ')}`);
process.exit(bad);
JS
node "$TMP/check.mjs" "$TMP/tour.json" "$v" || true

# Markdown, rendered by cmark-gfm: a heading and a fence per step.
if command -v cmark-gfm >/dev/null; then
	"$QUEST" -C "$v" md -o "$TMP/tour.md"
	cmark-gfm --unsafe -e table "$TMP/tour.md" >"$TMP/tour.html"
	h=$(grep -c '<h3>' "$TMP/tour.html")
	[ "$h" -eq 128 ] && ok "md: cmark-gfm finds one heading per step (128)" ||
	    fail "md: cmark-gfm finds one heading per step (128)" "$h"
	want=$(node -e 'const t=require(process.argv[1]);console.log(t.steps.filter(s=>s.code!==null).length)' "$TMP/tour.json")
	# A fence names its language (c, asm); prose has none of its own.
	f=$(grep -o '<pre><code class="language-[a-z]*">' "$TMP/tour.html" | wc -l)
	[ "$f" -eq "$want" ] && ok "md: one fenced block per step with code ($want)" ||
	    fail "md: one fenced block per step with code ($want)" "$f"
	f=$(grep -o '<code class="language-asm">' "$TMP/tour.html" | wc -l)
	[ "$f" -gt 0 ] && ok "md: fences name their language (asm for .S)" ||
	    fail "md: fences name their language (asm for .S)"
else
	skip "md: cmark-gfm" "cmark-gfm is not installed (./setup --test installs it)"
fi

# CodeTour: one file per chapter, valid by CodeTour's schema, on real lines.
"$QUEST" -C "$v" codetour -o "$TMP/tours" >"$TMP/written" || fail "codetour: writes"
n=$(ls "$TMP/tours"/*.tour 2>/dev/null | wc -l)
[ "$n" -eq 7 ] && ok "codetour: seven .tour files" || fail "codetour: seven .tour files" "$n"
[ -f "$TMP/tours/01-preparation.tour" ] && [ -f "$TMP/tours/07-mastery.tour" ] &&
    ok "codetour: files named NN-chapter.tour" || fail "codetour: files named NN-chapter.tour" "$(ls "$TMP/tours")"
schema=$SHARED/codetour/schema.json
# The golden tour of titles has an intro and step links, lguest's none.
t=$TOP/tests/golden/titles/tree
"$QUEST" -C "$t" codetour -o "$TMP/links" >"$TMP/written" 2>/dev/null ||
    fail "codetour: writes the titles tour"
if [ ! -f "$schema" ]; then
	skip "codetour: schema" "no $schema here"
elif [ ! -d "$TOP/tests/schema/node_modules" ]; then
	skip "codetour: schema" "no Ajv (./setup --test installs tests/schema/node_modules)"
else
	node "$TOP/tests/schema/validate.mjs" "$schema" "$TMP/tours"/*.tour "$TMP/links"/*.tour || true
fi
cat >"$TMP/lines.mjs" <<'JS'
import { readFileSync, readdirSync } from 'node:fs';
const [dir, root, what] = process.argv.slice(2);
const files = readdirSync(dir).filter(f => f.endsWith('.tour')).sort();
const tours = files.map(f => JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')));
let bad = [], primary = 0, links = 0;
tours.forEach((t, i) => {
	const f = files[i];
	if (t.isPrimary) primary++;
	const next = i + 1 < files.length ? tours[i + 1].title : undefined;
	if (t.nextTour !== next) bad.push(`${f}: nextTour ${t.nextTour} is not ${next}`);
	t.steps.forEach((s, k) => {
		if (s.file === undefined) {
			// A content step: the intro, first of the first tour.
			if (i !== 0 || k !== 0 || s.title !== 'Introduction') bad.push(`${f}: step ${k + 1} has no file`);
			return;
		}
		const lines = readFileSync(`${root}/${s.file}`, 'utf8').split('\n');
		if (!(s.line >= 1 && s.line <= lines.length)) bad.push(`${f}: ${s.file}:${s.line} outside the file`);
		const sel = s.selection;
		if (sel && !(sel.start.line >= 1 && sel.start.line <= sel.end.line && sel.end.line <= lines.length &&
		    sel.start.character === 1 && sel.end.character >= 1 &&
		    sel.end.character <= lines[sel.end.line - 1].length + 1))
			bad.push(`${f}: step ${k + 1}: selection ${JSON.stringify(sel)} is not in ${s.file}`);
		if (/[`*]/.test(s.title)) bad.push(`${f}: step ${k + 1}: title "${s.title}" holds raw Markdown`);
		// [G:030][#5], [G:030][2. Guest#5]: the step that tag names.
		for (const m of s.description.matchAll(/\[([A-Z]+:[0-9]+)\]\[([^\]#]*)#([0-9]+)\]/g)) {
			links++;
			const to = m[2] === '' ? t : tours.find(u => u.title === m[2]);
			const step = to && to.steps[Number(m[3]) - 1];
			if (!step || !step.title || step.title.split(' ')[0] !== m[1])
				bad.push(`${f}: step ${k + 1}: ${m[0]} leads to ${step ? step.title : 'no step'}`);
		}
	});
});
if (primary !== 1) bad.push(`${primary} primary tours`);
console.log(`${bad.length ? 'not ok' : 'ok'} - codetour (${what}): every step's file exists, its line and selection are in it, its title is plain; ${links} step links lead to their steps; one primary tour, chained by nextTour ${bad.slice(0, 5).join('; ')}`);
process.exit(bad.length ? 1 : 0);
JS
node "$TMP/lines.mjs" "$TMP/tours" "$v" lguest-late || true
node "$TMP/lines.mjs" "$TMP/links" "$t" titles || true
grep -q '"description": "Chapter' "$TMP/links/01-start.tour" &&
    [ "$(grep -c '\]\[[^]#]*#[0-9]*\]' "$TMP/links"/*.tour | awk -F: '{n += $2} END {print n}')" -ge 3 ] &&
    ok "codetour: the titles tour has step links within and across tours" ||
    fail "codetour: the titles tour has step links within and across tours" "$(cat "$TMP/links"/*.tour)"
finish
