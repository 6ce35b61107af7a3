#!/usr/bin/env node
// tests/browser/book.test.mjs: the web book of `quest html`, in a real
// browser.  It opens the page from a file:// URL and checks what a reader
// does: the table of contents, j/k, the search, cross-references, a
// deep link, the small and the wide screen, both themes, print.  Nothing
// but the page may load, nothing may go to the console.  Screenshots go
// to the artifact directory.
//
//   node book.test.mjs [--search WORD=ID]... [--xref FROM=TO] PAGE.html ARTIFACT_DIR
//
// --search WORD=ID: WORD is in step ID only (in its prose or its code);
// the search is typed in another case, to check it ignores case.
// --xref FROM=TO: the prose of step FROM links to step TO (else: the
// first a.xref of the page, if any).
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { assert, check, dangerousMarkup, exitCode, fileUrl, guardChecks,
	guardedContext, launch, parseArgs, skip, skipCheck } from './lib.mjs';

const USAGE = 'usage: node book.test.mjs [--search WORD=ID]... [--xref FROM=TO] PAGE.html ARTIFACT_DIR';
const { file, art, opts } = parseArgs(process.argv.slice(2), USAGE, ['search']);
const searches = (opts.search || []).map(s => {
	const i = s.lastIndexOf('=');
	if (i <= 0) { console.error(USAGE); process.exit(2); }
	return { word: s.slice(0, i), id: s.slice(i + 1) };
});
fs.mkdirSync(art, { recursive: true });
const url = fileUrl(file);
const T = 'browser/book';
// The longest line of prose a reader is asked to follow, in characters.
const MAX_CPL = 100;

// Wait for FN(ARG) in the page; on a timeout, fail saying WHAT.
async function waitFor(page, what, fn, arg) {
	try {
		await page.waitForFunction(fn, arg, { timeout: 3000 });
	} catch {
		throw new Error(`after 3 s, still not: ${what}`);
	}
}

// The step whose id is ID: where a reader lands.  Waits for the hash, for
// class "current" on that step alone, and for its heading to be on screen,
// not under the sticky bar or anything else.
async function landedOn(page, id, how) {
	try {
		await page.waitForFunction(id => decodeURIComponent(location.hash.slice(1)) === id, id, { timeout: 3000 });
	} catch {
		throw new Error(`${how}: location.hash is ${await page.evaluate(() => location.hash || '(none)')}, want #${id}`);
	}
	try {
		await page.waitForFunction(id => {
			const el = document.getElementById(id);
			const cur = document.querySelectorAll('.current');
			return el && el.classList.contains('current') && cur.length === 1;
		}, id, { timeout: 3000 });
	} catch {
		const cur = await page.evaluate(() => [...document.querySelectorAll('.current')].map(e => e.id || e.localName));
		throw new Error(`${how}: #${id} should be the one element with class "current"; .current: [${cur.join(', ')}]`);
	}
	// Polls, for a page that scrolls smoothly.
	let why = '';
	for (let i = 0; i < 40; i++) {
		why = await page.evaluate(id => {
			const el = document.getElementById(id), h = el.querySelector('h3') || el;
			const r = h.getBoundingClientRect();
			if (r.bottom <= 0 || r.top >= innerHeight) return `its heading is off screen (top ${Math.round(r.top)} px, viewport ${innerHeight} px)`;
			// Its first line: a heading that wraps in a narrow column
			// is covered there first.
			const x = Math.min(Math.max(r.left + 10, 0), innerWidth - 1), y = Math.min(Math.max(r.top + Math.min(r.height / 2, 12), 0), innerHeight - 1);
			const at = document.elementFromPoint(x, y);
			if (!at || !h.contains(at)) return `its heading is covered by ${at ? at.outerHTML.slice(0, 80) : 'nothing'}`;
			return '';
		}, id);
		if (!why) return;
		await page.waitForTimeout(50);
	}
	throw new Error(`${how}: #${id} is current but not in view: ${why}`);
}

const browser = await launch();
const { ctx, events } = await guardedContext(browser, url, { viewport: { width: 1280, height: 900 } });
ctx.setDefaultTimeout(5000);
const page = await ctx.newPage();
let info = null;

// The page loads, and its markup is what the contract says.
const loaded = await check(`${T}: the page loads from a file:// URL`, async () => {
	const r = await page.goto(url, { waitUntil: 'load' });
	assert(r && r.ok(), `loading ${url} failed`);
});
if (!loaded) {
	guardChecks(events, T);
	await browser.close();
	process.exit(1);
}

await check(`${T}: markup as the contract has it (bar, results, front page, chapters, steps)`, async () => {
	info = await page.evaluate(() => {
		const bad = [], q = s => document.querySelector(s), qa = (s, r = document) => [...r.querySelectorAll(s)];
		const need = (sel, why) => { if (!q(sel)) bad.push(`no ${sel}${why ? ` (${why})` : ''}`); };
		if (document.documentElement.lang !== 'en') bad.push('<html> has no lang="en"');
		if (document.compatMode !== 'CSS1Compat') bad.push('quirks mode: no <!DOCTYPE html>?');
		if (document.characterSet !== 'UTF-8') bad.push(`charset ${document.characterSet}, not UTF-8`);
		need('header.bar a.home[href="#top"]'); need('header.bar input#search[type="search"]');
		need('a#prev'); need('a#next');
		need('div#results[hidden]', 'hidden until a search is typed');
		need('section#top.front h1'); need('section#top.front div.intro'); need('section#top.front nav#toc');
		const steps = qa('article.step'), chapters = qa('section.chapter');
		if (!steps.length) bad.push('no article.step');
		for (const c of chapters) {
			if (!/^chapter-[A-Z]+$/.test(c.id)) bad.push(`section.chapter id="${c.id}", want chapter-PREFIX`);
			if (!c.querySelector(':scope > h2')) bad.push(`section#${c.id} has no h2`);
			if (!q(`nav#toc a[href="#${c.id}"]`)) bad.push(`no TOC link to #${c.id}`);
		}
		for (const s of steps) {
			const where = `article#${s.id}`;
			const m = /^([A-Z]+):([0-9]+)$/.exec(s.id);
			if (!m) { bad.push(`${where}: id is not PREFIX:NUMBER`); continue; }
			if (!s.closest(`section.chapter#chapter-${m[1]}`)) bad.push(`${where} is not in section#chapter-${m[1]}`);
			const h3 = s.querySelector('h3');
			if (!h3 || !h3.textContent.includes(m[2])) bad.push(`${where}: no h3 with its number ${m[2]}`);
			else if (h3.textContent.replace(s.id, '').replace(m[2], '').replace(/[\s:.\u2013\u2014-]/g, '') === '') bad.push(`${where}: h3 has no title`);
			const src = s.querySelector('a.src');
			if (!src || !/^\S.*:[0-9]+$/.test(src.textContent.trim()) || !src.hasAttribute('href')) bad.push(`${where}: no a.src[href] reading path:line`);
			if (!s.querySelector('div.prose')) bad.push(`${where}: no div.prose`);
			const lines = qa('pre.code > code > span.line', s);
			// A step of prose alone has no code.
			if (s.querySelector('pre.code') && !s.querySelector('pre.code > code')) bad.push(`${where}: pre.code has no code element`);
			let prev = 0;
			for (const l of lines) {
				const ln = l.querySelector(':scope > span.ln');
				if (!ln || !/^[1-9][0-9]*$/.test(ln.textContent.trim())) { bad.push(`${where}: a line after ${prev} has no span.ln with its number`); break; }
				const n = Number(ln.textContent.trim());
				if (!(n > prev)) { bad.push(`${where}: line ${n} after ${prev}`); break; }
				prev = n;
			}
			if (qa('a.toc-step', q('nav#toc')).filter(a => a.getAttribute('href') === `#${s.id}`).length !== 1)
				bad.push(`${where}: not exactly one a.toc-step to it in nav#toc`);
		}
		if (!q('article.step pre.code > code > span.line')) bad.push('no step has code (pre.code > code > span.line)');
		const toc = qa('nav#toc a.toc-step').map(a => a.getAttribute('href').slice(1));
		if (toc.join() !== steps.map(s => s.id).join()) bad.push(`TOC order [${toc}] is not the steps' order [${steps.map(s => s.id)}]`);
		const ids = qa('[id]').map(e => e.id), dup = ids.filter((v, i) => ids.indexOf(v) !== i);
		if (dup.length) bad.push(`duplicate ids: ${[...new Set(dup)].join(' ')}`);
		return {
			bad, steps: steps.map(s => s.id),
			xref: (q('.prose a.xref') || {}).outerHTML || null,
			highlighted: document.querySelectorAll('pre.code [class^="hl-"], pre.code [class*=" hl-"]').length,
		};
	});
	if (info.highlighted === 0) info.bad.push('no highlighted token (span.hl-*) in any pre.code');
	assert(info.bad.length === 0, info.bad.join('\n'));
});
const steps = info ? info.steps : await page.evaluate(() => [...document.querySelectorAll('article.step')].map(s => s.id));

// Code reads as code: one line of text a source line, its number beside
// it, its indentation (tabs too) as in the file.
await check(`${T}: code lines are single-spaced, numbered, indented as in the file`, async () => {
	const bad = await page.evaluate(() => {
		const out = [];
		// Where the first character after the indentation is drawn.
		const firstChar = line => {
			const ln = line.querySelector('.ln'), w = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
			let lead = '';
			for (let n; (n = w.nextNode());) {
				if (ln && ln.contains(n)) continue;
				const i = n.data.search(/[^\t ]/);
				if (i < 0) { lead += n.data; continue; }
				const r = document.createRange();
				r.setStart(n, i); r.setEnd(n, i + 1);
				const rect = r.getBoundingClientRect();
				return { lead: lead + n.data.slice(0, i), x: rect.left, w: rect.width };
			}
			return null;
		};
		for (const pre of document.querySelectorAll('pre.code')) {
			const id = pre.closest('article') ? pre.closest('article').id : '?';
			const lines = [...pre.querySelectorAll('span.line')].filter(l => firstChar(l));
			if (lines.length < 2) continue;
			const [a, b] = lines, fs = parseFloat(getComputedStyle(pre).fontSize);
			const ra = a.getClientRects()[0], rb = b.getClientRects()[0], rn = a.querySelector('.ln').getClientRects()[0];
			const gap = (rb.top - ra.top) / (Number(b.dataset.line) - Number(a.dataset.line));
			if (gap > 2 * fs) out.push(`${id}: ${Math.round(gap)} px from one line to the next, font ${fs} px`);
			if (Math.abs(rn.top - ra.top) > fs / 2) out.push(`${id}: the line number is not on its line`);
			// Columns, counting tabs to the next multiple of tab-size.
			const ts = parseInt(getComputedStyle(a).tabSize, 10) || 8;
			const cols = s => [...s].reduce((c, ch) => (ch === '\t' ? (Math.floor(c / ts) + 1) * ts : c + 1), 0);
			const at = lines.map(l => ({ l, f: firstChar(l) })).map(o => ({ ...o, c: cols(o.f.lead) }));
			const zero = at.find(o => o.c === 0);
			if (!zero) continue;
			for (const o of at) {
				const want = zero.f.x + o.c * zero.f.w;
				if (Math.abs(o.f.x - want) > zero.f.w / 2) {
					out.push(`${id}: line ${o.l.dataset.line} is indented ${((o.f.x - zero.f.x) / zero.f.w).toFixed(1)} columns, the file says ${o.c}` +
						(/\t/.test(o.f.lead) ? ' (tab stops counted from the line number?)' : ''));
					break;
				}
			}
		}
		return out;
	});
	assert(bad.length === 0, bad.join('\n'));
});

// Titles read as text: the Markdown of a comment's first sentence is
// rendered or stripped, not shown.  (The fixture's G:010 starts with
// "The toaster starts in *main*".)
await check(`${T}: step titles show no raw Markdown (*emphasis*, \`code\`)`, async () => {
	const raw = await page.evaluate(() => [...document.querySelectorAll('article.step h3, nav#toc a.toc-step, nav#toc li')]
		.map(e => e.textContent).filter(t => /(^|[\s(])(\*\*?|_)[^\s*_][^*_]*\2(?=[\s).,;:!?]|$)|`[^`]+`/.test(t)));
	assert(raw.length === 0, [...new Set(raw)].slice(0, 5).join('\n'));
});

// Links: every in-page link leads somewhere.
await check(`${T}: every #link has a target (TOC, bar, cross-references)`, async () => {
	const broken = await page.evaluate(() => [...document.querySelectorAll('a[href^="#"]')]
		.map(a => a.getAttribute('href')).filter(h => h !== '#' && !document.getElementById(decodeURIComponent(h.slice(1)))));
	assert(broken.length === 0, `no element for: ${[...new Set(broken)].join(' ')}`);
});

// The policy: inline script and style by hash, nothing else at all.
await check(`${T}: Content-Security-Policy: default-src 'none', script and style by their hashes`, async () => {
	const p = await page.evaluate(() => {
		const metas = [...document.querySelectorAll('meta[http-equiv="Content-Security-Policy" i]')];
		const all = [...document.querySelectorAll('*')], at = e => all.indexOf(e);
		const script = document.querySelector('script'), style = document.querySelector('style');
		return {
			n: metas.length, csp: metas[0] && metas[0].content,
			first: metas[0] && (!script || at(metas[0]) < at(script)) && (!style || at(metas[0]) < at(style)) && metas[0].parentNode === document.head,
			script: script && script.textContent, style: style && style.textContent,
		};
	});
	assert(p.n === 1, `${p.n} Content-Security-Policy <meta> elements, want 1`);
	assert(p.first, 'the policy <meta> must be in <head>, before the <style> and the <script>');
	const d = {};
	for (const part of p.csp.split(';')) {
		const [k, ...v] = part.trim().split(/\s+/);
		if (k) d[k.toLowerCase()] = v;
	}
	const hash = s => `'sha256-${crypto.createHash('sha256').update(s, 'utf8').digest('base64')}'`;
	const bad = [];
	const exact = (k, want) => { if ((d[k] || []).join(' ') !== want) bad.push(`${k} is "${(d[k] || []).join(' ')}", want "${want}"`); };
	exact('default-src', "'none'"); exact('base-uri', "'none'"); exact('form-action', "'none'");
	if (p.script != null) exact('script-src', hash(p.script)); else bad.push('no <script>');
	if (p.style != null) exact('style-src', hash(p.style)); else bad.push('no <style>');
	if (d['img-src'] && d['img-src'].join(' ') !== 'data:') bad.push(`img-src is "${d['img-src'].join(' ')}", want "data:" or nothing`);
	for (const k of Object.keys(d)) if (!['default-src', 'script-src', 'style-src', 'img-src', 'base-uri', 'form-action'].includes(k)) bad.push(`unexpected directive ${k}`);
	assert(bad.length === 0, `${p.csp}\n${bad.join('\n')}`);
});

await check(`${T}: nothing in the markup loads or runs (no external resource, no inline handler)`, async () => {
	const bad = await page.evaluate(dangerousMarkup, { csp: true });
	assert(bad.length === 0, bad.join('\n'));
});

// The front page: #next leads to the first step.
await check(`${T}: on the front page, #next goes to the first step`, async () => {
	const next = await page.getAttribute('#next', 'href');
	assert(next === `#${steps[0]}`, `#next href="${next}", want #${steps[0]}`);
	await page.click('#next');
	await landedOn(page, steps[0], 'click on #next');
});

// The table of contents: the second step's link (the first is where
// #next went already).
const tocStep = steps[Math.min(1, steps.length - 1)];
await check(`${T}: a TOC link shows its step, in view and current`, async () => {
	await page.click('a.home');
	await waitFor(page, 'location.hash is #top, after a click on a.home', () => location.hash === '#top');
	assert(await page.evaluate(() => document.querySelectorAll('.step.current').length === 0), 'a step is still current on the front page');
	await page.click(`nav#toc a.toc-step[href="#${tocStep}"]`);
	await landedOn(page, tocStep, `TOC link #${tocStep}`);
});

await check(`${T}: #prev and #next point at the neighbours of the current step`, async () => {
	const i = steps.indexOf(tocStep);
	const [prev, next] = [await page.getAttribute('#prev', 'href'), await page.getAttribute('#next', 'href')];
	if (i > 0) assert(prev === `#${steps[i - 1]}`, `on #${tocStep}, #prev href="${prev}", want #${steps[i - 1]}`);
	if (i + 1 < steps.length) assert(next === `#${steps[i + 1]}`, `on #${tocStep}, #next href="${next}", want #${steps[i + 1]}`);
	if (i + 1 < steps.length) {
		await page.click('#next');
		await landedOn(page, steps[i + 1], 'click on #next');
		await page.click('#prev');
		await landedOn(page, tocStep, 'click on #prev');
	}
});

// The keyboard: j/k, then the arrows.
for (const [fwd, back] of [['j', 'k'], ['ArrowRight', 'ArrowLeft']]) {
	await check(`${T}: ${fwd} goes to the next step, ${back} to the previous`, async () => {
		assert(steps.length >= 3, 'the page needs three steps for this');
		await page.goto(`${url}#${steps[1]}`);
		await landedOn(page, steps[1], `opening #${steps[1]}`);
		await page.keyboard.press(fwd);
		await landedOn(page, steps[2], `${fwd} on #${steps[1]}`);
		await page.keyboard.press(back);
		await landedOn(page, steps[1], `${back} on #${steps[2]}`);
		await page.keyboard.press(back);
		await landedOn(page, steps[0], `${back} on #${steps[1]}`);
	});
}

await check(`${T}: j goes from the last step of a chapter to the first of the next`, async () => {
	const i = await page.evaluate(() => {
		const s = [...document.querySelectorAll('article.step')];
		return s.findIndex((e, k) => k + 1 < s.length && e.closest('section.chapter') !== s[k + 1].closest('section.chapter'));
	});
	if (i < 0) return;
	await page.goto(`${url}#${steps[i]}`);
	await landedOn(page, steps[i], `opening #${steps[i]}`);
	await page.keyboard.press('j');
	await landedOn(page, steps[i + 1], `j on #${steps[i]}`);
});

// The search box.
await check(`${T}: / focuses the search box (and types no "/")`, async () => {
	await page.goto(`${url}#${steps[0]}`);
	await landedOn(page, steps[0], `opening #${steps[0]}`);
	await page.keyboard.press('/');
	const s = await page.evaluate(() => ({ focus: document.activeElement && document.activeElement.id, value: document.getElementById('search').value }));
	assert(s.focus === 'search', `focus is on ${s.focus || 'the body'}, not #search`);
	assert(s.value === '', `the search box holds "${s.value}"`);
});

await check(`${T}: j, k and arrows typed in the search box do not navigate`, async () => {
	await page.focus('#search');
	const before = await page.evaluate(() => location.hash);
	await page.keyboard.type('jk');
	await page.keyboard.press('ArrowLeft');
	await page.keyboard.press('ArrowRight');
	await page.waitForTimeout(200);
	const s = await page.evaluate(() => ({ hash: location.hash, value: document.getElementById('search').value }));
	assert(s.hash === before, `typing moved from ${before} to ${s.hash}`);
	assert(s.value === 'jk', `the search box holds "${s.value}", want "jk"`);
	await page.fill('#search', '');
});

const hitsOf = page => page.evaluate(() => {
	const r = document.getElementById('results');
	return { shown: !r.hidden && r.getClientRects().length > 0, hits: [...r.querySelectorAll('a.hit')].map(a => a.getAttribute('href')) };
});
const flipCase = w => [...w].map((c, i) => (i % 2 ? c.toLowerCase() : c.toUpperCase())).join('');

if (searches.length === 0) skip(`${T}: search`, 'no --search WORD=ID given');
for (const { word, id } of searches) {
	const typed = flipCase(word);
	await check(`${T}: searching "${typed}" shows one hit, #${id}; Enter goes there`, async () => {
		await page.goto(`${url}#top`);
		await waitFor(page, 'location.hash is #top', () => location.hash === '#top');
		await page.focus('#search');
		await page.fill('#search', '');
		await page.keyboard.type(typed);
		await page.waitForFunction(() => document.querySelectorAll('#results a.hit').length > 0 && !document.getElementById('results').hidden, null, { timeout: 3000 }).catch(() => {});
		let r = await hitsOf(page);
		assert(r.shown, `div#results is not shown, 3 s after typing "${typed}"`);
		assert(r.hits.length === 1 && r.hits[0] === `#${id}`, `hits: [${r.hits.join(' ')}], want [#${id}]`);
		await page.screenshot({ path: path.join(art, 'book-1280-search.png') });
		await page.keyboard.press('Enter');
		await landedOn(page, id, `Enter on the search for "${typed}"`);
		r = await hitsOf(page);
		assert(!r.shown, 'div#results is still shown after Enter');
	});
}

await check(`${T}: Escape in the search box clears it and hides the results`, async () => {
	await page.goto(`${url}#top`);
	await page.focus('#search');
	await page.fill('#search', '');
	// A letter every step has.
	await page.keyboard.type('e');
	await waitFor(page, 'div#results shown, after typing "e"', () => !document.getElementById('results').hidden);
	const n = (await hitsOf(page)).hits.length;
	assert(n > 0, 'no hit for "e"');
	await page.keyboard.press('Escape');
	await page.waitForTimeout(100);
	const s = await page.evaluate(() => ({ value: document.getElementById('search').value, hidden: document.getElementById('results').hidden }));
	assert(s.value === '', `the search box still holds "${s.value}"`);
	assert(s.hidden, 'div#results is still shown');
});

// A cross-reference in prose: the one --xref names, else the first.
await check(`${T}: a cross-reference (a.xref) leads to its step`, async () => {
	const want = opts.xref ? opts.xref.split('=') : null;
	const x = await page.evaluate(want => {
		const a = want ? [...document.querySelectorAll(`article.step .prose a.xref`)].find(a => a.closest('article.step').id === want[0])
			: document.querySelector('article.step .prose a.xref');
		if (!a) return null;
		const id = decodeURIComponent(a.getAttribute('href').slice(1)), all = [...document.querySelectorAll('article.step .prose a.xref')];
		return { id, text: a.textContent.trim(), from: a.closest('article.step').id, n: all.filter(b => b.closest('article.step') === a.closest('article.step')).indexOf(a), step: !!(document.getElementById(id) && document.getElementById(id).matches('article.step')) };
	}, want);
	if (!x && !want) skipCheck('no a.xref in the page');
	assert(x, `no a.xref in the prose of ${want[0]}`);
	if (want) assert(x.id === want[1], `the a.xref of ${want[0]} goes to #${x.id}, want #${want[1]}`);
	assert(x.step, `a.xref goes to #${x.id}, which is not an article.step`);
	assert(x.text === x.id, `a.xref reads "${x.text}", want "${x.id}"`);
	await page.goto(`${url}#${x.from}`);
	await landedOn(page, x.from, `opening #${x.from}`);
	await page.locator(`article[id="${x.from}"] .prose a.xref`).nth(x.n).click();
	await landedOn(page, x.id, `a.xref in #${x.from}`);
});

// A deep link, in a fresh page: the last step, so the page must scroll.
const deep = steps[steps.length - 1];
await check(`${T}: opening page.html#${deep} directly shows that step, current`, async () => {
	const p = await ctx.newPage();
	await p.goto(`${url}#${deep}`);
	await landedOn(p, deep, `opening #${deep}`);
	await p.close();
});

// The wide screen, then screenshots at 1280.
await check(`${T}: 1600 px: no horizontal scroll, prose lines of at most ${MAX_CPL} characters`, async () => {
	await page.setViewportSize({ width: 1600, height: 900 });
	await page.goto(`${url}#${steps[0]}`);
	const m = await page.evaluate(() => {
		const p = document.querySelector('article.step .prose p') || document.querySelector('article.step .prose') || document.querySelector('.intro');
		const cs = getComputedStyle(p), g = document.createElement('canvas').getContext('2d');
		g.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
		const sample = 'The quick brown fox jumps over the lazy dog, then reads the code again. ';
		return { sw: document.documentElement.scrollWidth, px: p.getBoundingClientRect().width, cpl: p.getBoundingClientRect().width / (g.measureText(sample).width / sample.length) };
	});
	assert(m.sw <= 1600, `scrollWidth ${m.sw} > 1600`);
	assert(m.cpl <= MAX_CPL, `a line of prose is ${Math.round(m.px)} px, about ${Math.round(m.cpl)} characters: too long to read (WCAG 1.4.8 says 80)`);
});

await check(`${T}: screenshots at 1280x900 (front page, a step, dark theme)`, async () => {
	await page.setViewportSize({ width: 1280, height: 900 });
	await page.goto(`${url}#top`);
	await page.evaluate(() => window.scrollTo(0, 0));
	await page.screenshot({ path: path.join(art, 'book-1280-front.png') });
	const mid = steps[Math.floor(steps.length / 2)];
	await page.goto(`${url}#${mid}`);
	await landedOn(page, mid, `opening #${mid}`);
	await page.screenshot({ path: path.join(art, 'book-1280-step.png') });
	await page.emulateMedia({ colorScheme: 'dark' });
	await page.screenshot({ path: path.join(art, 'book-1280-step-dark.png') });
	await page.emulateMedia({ colorScheme: null });
});

// Both themes: they differ, and text is readable on its background.
await check(`${T}: light and dark themes (prefers-color-scheme), both legible`, async () => {
	const look = async scheme => {
		await page.emulateMedia({ colorScheme: scheme });
		return page.evaluate(scheme => {
			const rgb = s => { const m = s.match(/[\d.]+/g).map(Number); return { c: m.slice(0, 3), a: m.length > 3 ? m[3] : 1 }; };
			const bgOf = el => {
				for (let e = el; e; e = e.parentElement) { const b = rgb(getComputedStyle(e).backgroundColor); if (b.a > 0.5) return b.c; }
				return /dark/.test(getComputedStyle(document.documentElement).colorScheme) && scheme === 'dark' ? [18, 18, 18] : [255, 255, 255];
			};
			const lum = c => { const [r, g, b] = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
			const contrast = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
			const out = {};
			for (const [k, sel] of [['prose', 'article.step .prose'], ['code', 'pre.code .line'], ['intro', '.intro']]) {
				const el = document.querySelector(sel);
				if (!el) continue;
				const bg = bgOf(el);
				out[k] = { bg: bg.join(','), ratio: contrast(rgb(getComputedStyle(el).color).c, bg) };
			}
			out.page = bgOf(document.body).join(',');
			return out;
		}, scheme);
	};
	const light = await look('light'), dark = await look('dark');
	await page.emulateMedia({ colorScheme: null });
	assert(light.page !== dark.page, `the page background is rgb(${light.page}) in both themes`);
	const bad = [];
	for (const [name, t] of [['light', light], ['dark', dark]])
		for (const k of ['prose', 'code', 'intro'])
			if (t[k] && t[k].ratio < 4.5) bad.push(`${name}: ${k} text contrast ${t[k].ratio.toFixed(2)} < 4.5 on rgb(${t[k].bg})`);
	assert(bad.length === 0, bad.join('\n'));
});

await check(`${T}: print: no search box, no prev/next, no results; a PDF`, async () => {
	await page.goto(`${url}#top`);
	await page.emulateMedia({ media: 'print' });
	const shown = await page.evaluate(() => ['#search', '#prev', '#next', '#results']
		.filter(s => { const e = document.querySelector(s); return e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden'; }));
	const hasPrint = await page.evaluate(() => {
		const any = rules => [...rules].some(r => (r.media && [...r.media].includes('print')) || (r.cssRules && any(r.cssRules)));
		return [...document.styleSheets].some(s => any(s.cssRules));
	});
	await page.pdf({ path: path.join(art, 'book.pdf'), format: 'A4', printBackground: true });
	await page.emulateMedia({ media: null });
	assert(hasPrint, 'no @media print rule in the style sheet');
	assert(shown.length === 0, `on paper: ${shown.join(' ')}`);
}, 30000);

// The small screen: a phone, which honours <meta name="viewport">.
const { ctx: mctx, events: mevents } = await guardedContext(browser, url,
	{ viewport: { width: 360, height: 800 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
mctx.setDefaultTimeout(5000);
const mpage = await mctx.newPage();
const overflow = () => {
	const out = [];
	for (const el of document.body.querySelectorAll('*')) {
		if (el.closest('pre.code') || el.closest('[hidden]')) continue;
		const r = el.getBoundingClientRect();
		if (r.width && r.right > document.documentElement.clientWidth + 0.5) out.push(`${el.localName}${el.id ? '#' + el.id : ''}${el.className ? '.' + String(el.className).split(' ').join('.') : ''} ends at ${Math.round(r.right)} px`);
	}
	return { sw: document.documentElement.scrollWidth, iw: innerWidth, out: out.slice(0, 8) };
};
await check(`${T}: 360 px: the page fits (viewport meta, no horizontal scroll but inside pre.code)`, async () => {
	await mpage.goto(url);
	const m = await mpage.evaluate(overflow);
	assert(m.iw === 360, `the layout viewport is ${m.iw} px wide, not 360: no <meta name="viewport" content="width=device-width, ...">?`);
	assert(m.sw <= 360, `document scrollWidth ${m.sw} > 360:\n${m.out.join('\n')}`);
	const pre = await mpage.evaluate(() => [...document.querySelectorAll('pre.code')]
		.filter(p => p.scrollWidth > p.clientWidth && !/auto|scroll/.test(getComputedStyle(p).overflowX)).map(p => p.closest('article') && p.closest('article').id));
	assert(pre.length === 0, `pre.code wider than the screen and not scrollable in: ${pre.join(' ')}`);
	const font = await mpage.evaluate(() => parseFloat(getComputedStyle(document.querySelector('article.step .prose') || document.body).fontSize));
	assert(font >= 14, `prose font-size ${font} px: too small on a phone`);
});

await check(`${T}: 360 px: search results fit too`, async () => {
	await mpage.goto(`${url}#top`);
	await mpage.focus('#search');
	await mpage.keyboard.type('e');
	await waitFor(mpage, 'div#results shown, after typing "e"', () => !document.getElementById('results').hidden);
	const m = await mpage.evaluate(overflow);
	assert(m.sw <= 360, `with results shown, scrollWidth ${m.sw} > 360:\n${m.out.join('\n')}`);
	await mpage.screenshot({ path: path.join(art, 'book-360-search.png') });
	await mpage.keyboard.press('Escape');
});

await check(`${T}: 360 px: deep link and screenshots (front page, a step)`, async () => {
	await mpage.goto(`${url}#top`);
	await mpage.evaluate(() => window.scrollTo(0, 0));
	await mpage.screenshot({ path: path.join(art, 'book-360-front.png') });
	const mid = steps[Math.floor(steps.length / 2)];
	const p = await mctx.newPage();
	await p.goto(`${url}#${mid}`);
	await landedOn(p, mid, `opening #${mid} on a phone`);
	await p.screenshot({ path: path.join(art, 'book-360-step.png') });
	await p.close();
});

const all = {};
for (const k of Object.keys(events)) all[k] = events[k].concat(mevents[k]);
guardChecks(all, T);
await browser.close();
process.exit(exitCode());
