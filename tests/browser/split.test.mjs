#!/usr/bin/env node
// tests/browser/split.test.mjs: the web book as a directory (quest html
// -o DIR/), in a real browser, from file:// URLs.  The fixture's tour is
// written a few steps a page, so that each chapter has several pages;
// the checks follow a reader across them: the index page, its way in
// and its contents, a deep link to the index page sent on to the step's page, a
// cross-reference to another page, previous and next (the bar, j and k)
// over a page's edge, n to the next chapter, and a search whose hit is on
// another page.  Nothing may load but the book's own files, nothing may
// go to the console.
//
//   node split.test.mjs --search WORD=ID --xref FROM=TO DIR ARTIFACT_DIR
//
// --search WORD=ID: WORD is in step ID only; --xref FROM=TO: the prose of
// step FROM links to step TO, on another page.
import fs from 'node:fs';
import path from 'node:path';
import { assert, check, dangerousMarkup, exitCode, fileUrl, guardChecks,
	guardedContext, launch, parseArgs } from './lib.mjs';

const USAGE = 'usage: node split.test.mjs --search WORD=ID --xref FROM=TO DIR ARTIFACT_DIR';
const { file: dir, art, opts } = parseArgs(process.argv.slice(2), USAGE);
const pair = s => {
	const i = (s || '').lastIndexOf('=');
	if (i <= 0) { console.error(USAGE); process.exit(2); }
	return [s.slice(0, i), s.slice(i + 1)];
};
const [word, wordId] = pair(opts.search);
const [xfrom, xto] = pair(opts.xref);
fs.mkdirSync(art, { recursive: true });
const T = 'browser/split';
// The book's own files, and nothing else, may load.
const own = new Set(fs.readdirSync(dir).map(f => fileUrl(path.join(dir, f))));
const url = name => fileUrl(path.join(dir, name));
const index = url('index.html');
const pageOf = u => decodeURIComponent(new URL(u).pathname.replace(/^.*\//, ''));
const hashOf = u => decodeURIComponent(new URL(u).hash.slice(1));

const browser = await launch();
const { ctx, events } = await guardedContext(browser, index, { viewport: { width: 1280, height: 900 } }, u => own.has(u));
const page = await ctx.newPage();

// Where the reader is: the page's file, the hash, the step marked current.
async function at() {
	return page.evaluate(() => ({
		file: decodeURIComponent(location.pathname.replace(/^.*\//, '')),
		hash: decodeURIComponent(location.hash.slice(1)),
		current: [...document.querySelectorAll('article.current')].map(e => e.id)
	}));
}
// Wait until step ID is the current one, on whatever page.
async function landed(id, how) {
	let last = null;
	for (let i = 0; i < 60; i++) {
		try {
			last = await at();
			if (last.hash === id && last.current.length === 1 && last.current[0] === id) return last;
		} catch { /* navigating */ }
		await page.waitForTimeout(50);
	}
	throw new Error(`${how}: not on ${id}: ${JSON.stringify(last)}`);
}
// The page that holds step ID, from the files themselves.
function fileOf(id) {
	for (const f of fs.readdirSync(dir))
		if (f.endsWith('.html') && fs.readFileSync(path.join(dir, f), 'utf8').includes(`<article class="step" id="${id}"`)) return f;
	return null;
}

await check(`${T}: the index page loads, with the contents of every chapter's pages`, async () => {
	const r = await page.goto(index, { waitUntil: 'load' });
	assert(r && r.ok(), 'index.html did not load');
	const c = await page.evaluate(() => ({
		chapters: document.querySelectorAll('#toc > ol > li').length,
		pages: [...document.querySelectorAll('#toc a.toc-page')].map(a => a.getAttribute('href')),
		steps: document.querySelectorAll('article.step').length
	}));
	assert(c.chapters >= 2, `${c.chapters} chapters in the contents`);
	assert(c.pages.length >= 4, `${c.pages.length} pages in the contents, want several a chapter`);
	assert(c.steps === 0, `the index page holds ${c.steps} steps`);
	for (const p of c.pages) assert(fs.existsSync(path.join(dir, p)), `the contents link to ${p}, which is not in the book`);
});

await check(`${T}: the index page starts the reader off: its first step, and each chapter where the contents are the sidebar`, async () => {
	await page.goto(index, { waitUntil: 'load' });
	const o = await page.evaluate(() => {
		const ov = document.querySelector('main .overview');
		const vis = e => !!e && e.getBoundingClientRect().height > 0 && getComputedStyle(e).display !== 'none';
		return {
			begin: document.querySelector('main .begin a')?.getAttribute('href'),
			chapters: ov ? [...ov.querySelectorAll('li > a')].map(a => a.getAttribute('href')) : [],
			counts: ov ? [...ov.querySelectorAll('li .count')].map(e => e.textContent) : [],
			toc: document.querySelectorAll('#toc > ol > li').length,
			shown: vis(ov)
		};
	});
	const first = fs.readFileSync(path.join(dir, 'index.html'), 'utf8').match(/data-first="([^"]+)"/);
	assert(first, 'no data-first in the contents');
	assert(o.begin === `${fileOf(first[1])}#${first[1]}`, `"Start reading" goes to ${o.begin}, want the first step ${first[1]}`);
	assert(o.shown, 'the chapters are not shown at 1280 pixels, where the contents are the sidebar');
	assert(o.chapters.length === o.toc, `${o.chapters.length} chapters shown, the contents have ${o.toc}`);
	for (const h of o.chapters) assert(fs.existsSync(path.join(dir, h.replace(/#.*/, ''))), `a chapter links to ${h}, not in the book`);
	assert(o.counts.every(c => /^[1-9][0-9]* steps?$/.test(c)), `counts ${JSON.stringify(o.counts)}`);
	await page.click('main .begin a');
	await landed(first[1], '"Start reading"');
	// Narrow, the contents are on the page: the chapters are not twice.
	await page.setViewportSize({ width: 600, height: 900 });
	await page.goto(index, { waitUntil: 'load' });
	const narrow = await page.evaluate(() => getComputedStyle(document.querySelector('main .overview')).display);
	await page.setViewportSize({ width: 1280, height: 900 });
	assert(narrow === 'none', `at 600 pixels the chapters are shown (${narrow}) under the contents`);
});

await check(`${T}: the index page and every page hold no dangerous markup`, async () => {
	for (const f of fs.readdirSync(dir).filter(f => f.endsWith('.html')).sort()) {
		await page.goto(url(f), { waitUntil: 'load' });
		const bad = await page.evaluate(dangerousMarkup, { csp: true, book: true });
		// A book's page has its one script and stylesheet by address.
		const rest = bad.filter(b => !/^(0 <style> elements, not 1|<link>: <link rel="stylesheet" href="book.css">|loads book\.js: <script src="book\.js"><\/script>|unreadable style sheet file:.*\/book\.css)$/.test(b));
		assert(rest.length === 0, `${f}: ${rest.join('; ')}`);
		const n = await page.evaluate(() => [document.querySelectorAll('script[src="book.js"]').length, document.querySelectorAll('script').length, document.querySelectorAll('link[rel="stylesheet"][href="book.css"]').length]);
		assert(n[0] === 1 && n[1] === 1 && n[2] === 1, `${f}: scripts and stylesheets ${JSON.stringify(n)}`);
	}
});

await check(`${T}: index.html#ID sends the reader to the page of ID`, async () => {
	const want = fileOf(xfrom);
	assert(want, `no page holds ${xfrom}`);
	await page.goto(`${index}#${xfrom}`, { waitUntil: 'load' });
	const w = await landed(xfrom, `index.html#${xfrom}`);
	assert(w.file === want, `on ${w.file}, want ${want}`);
});

await check(`${T}: a deep link to a step's page lands on the step`, async () => {
	const f = fileOf(wordId);
	await page.goto(`${url(f)}#${wordId}`, { waitUntil: 'load' });
	await landed(wordId, `${f}#${wordId}`);
});

await check(`${T}: a cross-reference to a step of another page goes there`, async () => {
	const from = fileOf(xfrom), to = fileOf(xto);
	assert(from !== to, `${xfrom} and ${xto} are both on ${from}: no test`);
	await page.goto(`${url(from)}#${xfrom}`, { waitUntil: 'load' });
	const href = await page.evaluate(id => {
		const a = document.getElementById(id).querySelector('.prose a.xref');
		return a ? a.getAttribute('href') : null;
	}, xfrom);
	assert(href === `${to}#${xto}`, `the cross-reference's href is ${href}, want ${to}#${xto}`);
	await page.click(`[id="${xfrom}"] .prose a.xref`);
	await landed(xto, 'the cross-reference');
	assert((await at()).file === to, `not on ${to}`);
});

await check(`${T}: j on a page's last step, and the bar's next, go to the next page's first`, async () => {
	const f = fileOf(xto);
	await page.goto(url(f), { waitUntil: 'load' });
	const ids = await page.evaluate(() => [...document.querySelectorAll('article.step')].map(a => a.id));
	const last = ids[ids.length - 1];
	const nextHref = await page.evaluate(id => document.getElementById(id).querySelector('a.next-step').getAttribute('href'), last);
	assert(!nextHref.startsWith('#'), `the last step's next link is ${nextHref}, on this page`);
	await page.goto(`${url(f)}#${last}`, { waitUntil: 'load' });
	await landed(last, `#${last}`);
	const bar = await page.evaluate(() => document.getElementById('next').getAttribute('href'));
	assert(bar === nextHref, `the bar's next is ${bar}, want ${nextHref}`);
	await page.keyboard.press('j');
	const [nf, nid] = nextHref.split('#');
	const w = await landed(nid, 'j');
	assert(w.file === nf, `j went to ${w.file}, want ${nf}`);
	// And back: k on that page's first step.
	await page.keyboard.press('k');
	const b = await landed(last, 'k');
	assert(b.file === f, `k went to ${b.file}, want ${f}`);
	const where = await page.evaluate(() => document.getElementById('where').textContent);
	const total = await page.evaluate(() => document.querySelector('main').getAttribute('data-total'));
	assert(new RegExp(` of ${total}$`).test(where), `the bar says "${where}", not "... of ${total}"`);
});

await check(`${T}: the sidebar marks the step in view, on its page`, async () => {
	const f = fileOf(wordId);
	await page.goto(`${url(f)}#${wordId}`, { waitUntil: 'load' });
	await landed(wordId, `#${wordId}`);
	const cur = await page.evaluate(() => [...document.querySelectorAll('#toc a[aria-current="true"]')].map(a => a.getAttribute('href')));
	assert(cur.length === 1 && cur[0] === `#${wordId}`, `aria-current on ${JSON.stringify(cur)}`);
});

await check(`${T}: n goes to the next chapter's page`, async () => {
	const f = fileOf(xto);
	await page.goto(url(f), { waitUntil: 'load' });
	const want = await page.evaluate(() => {
		const li = document.querySelectorAll('#toc > ol > li'), c = +document.querySelector('main').getAttribute('data-chapter');
		return li[c + 1] ? li[c + 1].querySelector('summary a').getAttribute('href') : null;
	});
	assert(want, 'no next chapter');
	await page.keyboard.press('n');
	await page.waitForURL(u => pageOf(u.href) === want.split('#')[0] && hashOf(u.href) === want.split('#')[1], { timeout: 3000 });
});

await check(`${T}: a search finds a step of another page, and its hit opens it`, async () => {
	const f = fileOf(xto), to = fileOf(wordId);
	assert(f !== to, `${wordId} is on ${f}: no test`);
	await page.goto(url(f), { waitUntil: 'load' });
	const t0 = Date.now();
	await page.fill('#search', word.toUpperCase());
	await page.waitForSelector('#results a.hit', { timeout: 3000 });
	const ms = Date.now() - t0;
	const hits = await page.evaluate(() => [...document.querySelectorAll('#results a.hit')].map(a => a.getAttribute('href')));
	assert(hits.length === 1 && hits[0] === `${to}#${wordId}`, `hits ${JSON.stringify(hits)}, want ${to}#${wordId}`);
	console.log(`# search shown in ${ms} ms`);
	await page.click('#results a.hit');
	await landed(wordId, 'the hit');
	assert((await at()).file === to, `the hit opened ${(await at()).file}`);
	await page.screenshot({ path: path.join(art, 'split-search.png') });
});

await check(`${T}: Enter on a search opens the first hit's page`, async () => {
	await page.goto(index, { waitUntil: 'load' });
	await page.fill('#search', word);
	await page.waitForSelector('#results a.hit', { timeout: 3000 });
	await page.press('#search', 'Enter');
	await landed(wordId, 'Enter');
});

await browser.close();
guardChecks(events, T);
process.exit(exitCode());
