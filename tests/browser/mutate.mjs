#!/usr/bin/env node
// tests/browser/mutate.mjs: the browser tests can fail.  It breaks a good
// page in the ways a writer could (no policy, an external script, a
// broken link, no viewport, a key that does nothing...) and checks that
// book.test.mjs or inject.test.mjs then fails the check meant to catch it.
// The mutations edit only what the page contract fixes, and recompute the
// policy's hashes after editing the style or the script, so that one
// mutation breaks one thing.  Slow (a browser run a mutation): not part of
// make check; tests/browser.sh runs it when QUEST_BROWSER_MUTATE=1.
//
//   node mutate.mjs [--jobs N] [--only REGEX] BOOK.html INJECT.html [BOOK_TEST_ARGS...]
//
// BOOK.html and INJECT.html are the pages of fixture/ and inject/;
// BOOK_TEST_ARGS (--search, --xref) are passed on to book.test.mjs.
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
let jobs = Math.max(1, Math.min(4, os.cpus().length)), only = null;
while (argv[0] && /^--(jobs|only)$/.test(argv[0])) {
	const [k, v] = argv.splice(0, 2);
	if (k === '--jobs') jobs = Number(v); else only = new RegExp(v);
}
if (argv.length < 2) {
	console.error('usage: node mutate.mjs [--jobs N] [--only REGEX] BOOK.html INJECT.html [BOOK_TEST_ARGS...]');
	process.exit(2);
}
const [bookFile, injectFile, ...bookArgs] = argv;
const book = fs.readFileSync(bookFile, 'utf8'), inject = fs.readFileSync(injectFile, 'utf8');

// Edit the inline script or style, then give the policy their new hashes.
const hash = s => `'sha256-${crypto.createHash('sha256').update(s, 'utf8').digest('base64')}'`;
function rehash(html) {
	const js = /<script[^>]*>([\s\S]*?)<\/script>/.exec(html), css = /<style[^>]*>([\s\S]*?)<\/style>/.exec(html);
	const q = s => hash(s).replace(/'/g, '&#39;');
	return html.replace(/<meta [^>]*http-equiv="Content-Security-Policy"[^>]*>/, t => t
		.replace(/(script-src )(?:'|&#39;)sha256-[^'&]*(?:'|&#39;)/, (_, d) => d + q(js[1]))
		.replace(/(style-src )(?:'|&#39;)sha256-[^'&]*(?:'|&#39;)/, (_, d) => d + q(css[1])));
}
// JavaScript and CSS go into the page inside the polyglot's CDATA guards.
const addJs = code => html => rehash(html.replace(/<\/script>/, `\n//<![CDATA[\n;${code}\n//]]>\n</script>`));
const addCss = code => html => rehash(html.replace(/<\/style>/, `\n${code}\n</style>`));
const sub = (re, to) => html => {
	const out = html.replace(re, to);
	if (out === html) throw new Error(`${re} matches nothing in the page`);
	return out;
};
// Edit the start tags that TEST matches (the first one, or all), whatever
// the order of their attributes.
const tags = (test, edit, all = false) => html => {
	let n = 0;
	const out = html.replace(/<[a-z][^>]*>/g, t => ((all || n === 0) && test.test(t) ? (n++, edit(t)) : t));
	if (!n) throw new Error(`no tag matches ${test}`);
	return out;
};
const seq = (...fs) => html => fs.reduce((h, f) => f(h), html);
const noCsp = tags(/^<meta [^>]*http-equiv="Content-Security-Policy"/, () => '');
const capture = (type, test) => addJs(`window.addEventListener('${type}', function (e) { if (${test}) { e.stopImmediatePropagation(); } }, true);`);

// [name, page, mutation, checks that must fail (substrings of their names)]
const B = 'browser/book: ', I = 'browser/inject: ', N = 'browser/inject (no CSP): ';
const MUTATIONS = [
	['no policy', 'book', noCsp, [`${B}Content-Security-Policy: default-src`]],
	["'unsafe-inline' scripts", 'book', sub(/script-src /, "script-src &#39;unsafe-inline&#39; "), [`${B}Content-Security-Policy`]],
	['a stale script hash', 'book', sub(/<\/script>/, '\n</script>'), [`${B}Content-Security-Policy`, `${B}no Content-Security-Policy violation`, `${B}no console error`]],
	['an external script', 'book', sub(/<\/body>/, '<script src="https://example.com/x.js"></script></body>'), [`${B}nothing in the markup loads`, `${B}no Content-Security-Policy violation`]],
	['an external image, no policy', 'book', seq(noCsp, sub(/<\/body>/, '<img src="http://127.0.0.1:9/x.png" alt="" /></body>')), [`${B}no request but the page itself`, `${B}nothing in the markup loads`]],
	['a relative image, no policy', 'book', seq(noCsp, sub(/<\/body>/, '<img src="pixel.png" alt="" /></body>')), [`${B}no request but the page itself`]],
	['a broken cross-reference', 'book', tags(/^<a [^>]*class="xref"/, t => t.replace('href="#', 'href="#X')), [`${B}every #link has a target`, `${B}a cross-reference`]],
	['a broken TOC link', 'book', tags(/^<a [^>]*class="toc-step"/, t => t.replace('href="#', 'href="#Z'), true), [`${B}every #link has a target`, `${B}a TOC link shows its step`]],
	['no viewport <meta>', 'book', tags(/^<meta [^>]*name="viewport"/, () => ''), [`${B}360 px: the page fits`]],
	['a box wider than a phone', 'book', addCss('main { min-width: 500px; }'), [`${B}360 px: the page fits`]],
	['pre.code that does not scroll', 'book', addCss('pre.code, pre { overflow-x: visible !important; white-space: pre !important; } pre.code .line { white-space: pre !important; } pre.code::after { content: "' + 'x'.repeat(120) + '"; }'), [`${B}360 px: the page fits`]],
	['an uncaught exception', 'book', addJs('null.boom();'), [`${B}no uncaught exception`]],
	['a console error', 'book', addJs('console.error("mutant");'), [`${B}no console error`]],
	['a dialog', 'book', addJs('alert("mutant");'), [`${B}no dialog`]],
	['no class current', 'book', addJs(`function strip() { setTimeout(function () { document.querySelectorAll('.current').forEach(function (e) { e.classList.remove('current'); }); }, 0); }
		window.addEventListener('hashchange', strip); strip();`), [`${B}a TOC link shows its step`, `${B}j goes to the next step`, `${B}opening page.html#`]],
	['j does nothing', 'book', capture('keydown', "e.key === 'j'"), [`${B}j goes to the next step, k`]],
	['ArrowLeft does nothing', 'book', capture('keydown', "e.key === 'ArrowLeft'"), [`${B}ArrowRight goes to the next step, ArrowLeft`]],
	['/ does not focus the search', 'book', capture('keydown', "e.key === '/'"), [`${B}/ focuses the search box`]],
	['j in the search box navigates', 'book', addJs(`document.getElementById('search').addEventListener('keydown', function (e) {
		if (e.key === 'j') { location.hash = '#' + document.querySelectorAll('article.step')[2].id; } });`), [`${B}j, k and arrows typed in the search box do not navigate`]],
	['no search results shown', 'book', addCss('#results { display: none !important; }'), [`${B}searching`]],
	['Enter in the search goes nowhere', 'book', capture('keydown', "e.key === 'Enter'"), [`${B}searching`]],
	// Chromium clears an <input type="search"> on Escape by itself.
	['Escape does not clear the search', 'book', seq(tags(/^<input [^>]*id="search"/, t => t.replace('type="search"', 'type="text"')), capture('keydown', "e.key === 'Escape'")), [`${B}Escape in the search box`]],
	['#next points elsewhere', 'book', addJs(`function wrong() { setTimeout(function () { document.getElementById('next').setAttribute('href', '#top'); }, 0); }
		window.addEventListener('hashchange', wrong); wrong();`), [`${B}on the front page, #next goes to the first step`, `${B}#prev and #next point at the neighbours`]],
	['#results not hidden at first', 'book', tags(/^<div [^>]*id="results"/, t => t.replace(/\s+hidden(="hidden")?/, '')), [`${B}markup as the contract has it`]],
	['no print style sheet', 'book', addCss('@media print { .bar, header.bar, #search, #prev, #next { display: revert !important; } }'), [`${B}print:`]],
	['one theme only', 'book', addCss('html, body, main { background: #fff !important; color: #111 !important; }'), [`${B}light and dark themes`]],
	['grey on white', 'book', addCss('.prose { color: #bbb !important; }'), [`${B}light and dark themes`]],
	// The sticky prose of a wide screen stays below the bar: unstuck too.
	['the bar covers the step', 'book', addCss('html { scroll-padding-top: 0 !important; } .step, article.step { scroll-margin-top: 0 !important; } header.bar { position: sticky !important; top: 0 !important; min-height: 3rem; } .step > .text { position: static !important; }'), [`${B}a TOC link shows its step`]],
	['double-spaced code', 'book', addCss('pre.code .line { display: inline-block !important; width: 100%; padding-bottom: 2em; }'), [`${B}code lines are single-spaced`]],
	// On a wide screen the prose is a column of the step's grid: one.
	['prose as wide as the screen', 'book', addCss('main, section, article, .prose, .prose p { max-width: none !important; } article.step { display: block !important; }'), [`${B}1600 px: no horizontal scroll, prose lines`]],
	['markup from the tree', 'inject', sub(/(<div class="intro"[^>]*>)/, '$1<img src="x" onerror="pwned(\'mutant\')" />'), [`${I}no payload is markup`, `${N}no script from the tree runs`, `${I}no Content-Security-Policy violation`]],
	['a javascript: link from the tree', 'inject', sub(/(<div class="intro"[^>]*>)/, '$1<a href="javascript:pwned(\'mutant\')">x</a>'), [`${I}no payload is markup`, `${N}no link in the page runs script`]],
	['a script from the tree', 'inject', sub(/(<div class="intro"[^>]*>)/, '$1<script>pwned(\'mutant\')</script>'), [`${I}no payload is markup`, `${N}no script from the tree runs`]],
	['a file name as markup', 'inject', sub(/&lt;img src=x onerror=pwned\((?:'|&#39;)filename(?:'|&#39;)\)&gt;/g, ''), [`${I}the title, chapter names and file names show as text`]],
];

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'quest-mutate-'));
const run = (test, file, extra) => new Promise(resolve => {
	execFile(process.execPath, [path.join(here, test), ...extra, file, path.join(tmp, 'art')], { timeout: 180000, maxBuffer: 1 << 24 },
		(err, stdout) => resolve(stdout || ''));
});

const failingOf = out => out.split('\n').filter(l => l.startsWith('not ok - ')).map(l => l.slice(9));
// What fails on the pages as they are proves nothing when a mutant fails it.
const base = {};
[base.book, base.inject] = (await Promise.all([
	(() => { const f = path.join(tmp, 'book.html'); fs.writeFileSync(f, book); return run('book.test.mjs', f, bookArgs); })(),
	(() => { const f = path.join(tmp, 'inject.html'); fs.writeFileSync(f, inject); return run('inject.test.mjs', f, []); })(),
])).map(failingOf);
for (const k of ['book', 'inject'])
	for (const f of base[k]) console.log(`# already failing on the ${k} page: ${f}`);

let failed = 0;
async function one(i) {
	const [name, which, mutate, want] = MUTATIONS[i];
	const label = `browser/mutation: ${name}`;
	let html;
	try {
		html = mutate(which === 'book' ? book : inject);
	} catch (e) {
		return `not ok - ${label}\n#   cannot apply: ${e.message}`;
	}
	const file = path.join(tmp, `m${i}.html`);
	fs.writeFileSync(file, html);
	const out = await run(which === 'book' ? 'book.test.mjs' : 'inject.test.mjs', file, which === 'book' ? bookArgs : []);
	const failing = failingOf(out).filter(f => !base[which].includes(f));
	const moot = want.filter(w => base[which].some(f => f.includes(w)));
	const missed = want.filter(w => !moot.includes(w) && !failing.some(f => f.includes(w)));
	if (moot.length === want.length)
		return `skip - ${label}: ${moot.map(m => `"${m}..."`).join(', ')} fails on the page as it is`;
	if (missed.length) {
		failed = 1;
		return `not ok - ${label}\n${missed.map(m => `#   "${m}..." did not fail`).join('\n')}\n#   failing: ${failing.join(' | ') || 'none'}`;
	}
	return `ok - ${label} (fails ${failing.length} more check${failing.length === 1 ? '' : 's'})`;
}

const todo = MUTATIONS.map((_, i) => i).filter(i => !only || only.test(MUTATIONS[i][0]));
const results = new Array(MUTATIONS.length);
let next = 0;
await Promise.all(Array.from({ length: jobs }, async () => {
	while (next < todo.length) {
		const i = todo[next++];
		results[i] = await one(i);
		console.error(`# ${MUTATIONS[i][0]} done`);
	}
}));
for (const i of todo) console.log(results[i]);
fs.rmSync(tmp, { recursive: true, force: true });
process.exit(failed);
