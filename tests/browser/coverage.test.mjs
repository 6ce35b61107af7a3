#!/usr/bin/env node
// tests/browser/coverage.test.mjs: the page of quest coverage --html in
// Chromium.  It loads nothing and logs no error; its stylesheet is the
// one its policy allows (else the boxes would not be placed); the
// treemap's boxes lie inside the map, files never overlapping, each
// file's area in proportion to its lines of code; and a rectangle links
// to a step of the web book beside it, which holds that step.
//
//   node coverage.test.mjs --book BOOK.html PAGE.html ARTIFACT_DIR
import fs from 'node:fs';
import path from 'node:path';
import { assert, check, exitCode, fileUrl, guardChecks, guardedContext,
	launch, parseArgs } from './lib.mjs';

const USAGE = 'usage: node coverage.test.mjs --book BOOK.html PAGE.html ARTIFACT_DIR';
const { file, art, opts } = parseArgs(process.argv.slice(2), USAGE);
if (!opts.book) { console.error(USAGE); process.exit(2); }
const T = 'browser/coverage';
fs.mkdirSync(art, { recursive: true });
const url = fileUrl(file);

const browser = await launch();
const { ctx, events } = await guardedContext(browser, url, { viewport: { width: 1280, height: 900 } });
ctx.setDefaultTimeout(5000);
const page = await ctx.newPage();
const loaded = await check(`${T}: the page loads`, async () => {
	const r = await page.goto(url, { waitUntil: 'load' });
	assert(r && r.ok(), `loading ${url} failed`);
});
if (!loaded) {
	guardChecks(events, T);
	await browser.close();
	process.exit(1);
}

await check(`${T}: no script, one style, one policy, nothing that loads`, async () => {
	const n = await page.evaluate(() => ({
		scripts: document.querySelectorAll('script').length,
		styles: document.querySelectorAll('style').length,
		csp: document.querySelectorAll('meta[http-equiv="Content-Security-Policy" i]').length,
		loads: document.querySelectorAll('[src], link, iframe, object, embed, base, form').length,
		inline: [...document.querySelectorAll('*')].filter(e => e.hasAttribute('style') ||
		    [...e.attributes].some(a => a.name.startsWith('on'))).length,
	}));
	assert(n.scripts === 0 && n.styles === 1 && n.csp === 1 && n.loads === 0 && n.inline === 0,
	    JSON.stringify(n));
});

// Each box: its place, and for a file its lines of code (from its title).
const boxes = await page.evaluate(() => {
	const m = document.getElementById('map').getBoundingClientRect();
	return [...document.querySelectorAll('#map .box')].map(b => {
		const r = b.getBoundingClientRect(), cs = getComputedStyle(b);
		const code = /: (\d+)\/(\d+) lines/.exec(b.title);
		return { id: b.id, file: b.classList.contains('file'), pos: cs.position,
			x: r.left - m.left, y: r.top - m.top, w: r.width, h: r.height,
			mw: m.width, mh: m.height, total: code ? +code[2] : 0,
			links: [...b.querySelectorAll('a')].map(a => a.getAttribute('href')) };
	});
});

await check(`${T}: the stylesheet places every box: absolutely, inside the map`, async () => {
	assert(boxes.length > 1, `${boxes.length} boxes`);
	const bad = boxes.filter(b => b.pos !== 'absolute' || b.w <= 0 || b.h <= 0 ||
	    b.x < -0.5 || b.y < -0.5 || b.x + b.w > b.mw + 0.5 || b.y + b.h > b.mh + 0.5);
	assert(bad.length === 0, bad.slice(0, 5).map(b => JSON.stringify(b)).join('\n'));
});

await check(`${T}: no two files' boxes overlap`, async () => {
	const f = boxes.filter(b => b.file);
	for (let i = 0; i < f.length; i++)
		for (let j = i + 1; j < f.length; j++) {
			const a = f[i], b = f[j];
			const ox = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
			const oy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
			assert(!(ox > 1 && oy > 1), `${a.id} and ${b.id} overlap`);
		}
});

await check(`${T}: a directory's files share its area as their lines of code`, async () => {
	// Within the largest directory of files only, area over lines is one ratio.
	const f = boxes.filter(b => b.file && b.total > 0 && b.w > 20 && b.h > 20);
	assert(f.length >= 2, `${f.length} files large enough to compare`);
	const r = f.map(b => b.w * b.h / b.total);
	const lo = Math.min(...r), hi = Math.max(...r);
	// Directory bands make the ratio differ between directories: 3x at most.
	assert(hi / lo < 3, `area per line from ${lo.toFixed(1)} to ${hi.toFixed(1)}`);
});

const links = boxes.flatMap(b => b.links);
await check(`${T}: a rectangle links to a step of the web book, which holds it`, async () => {
	assert(links.length > 0, 'no link in the treemap');
	const href = links[0], m = /^(.*)#(.+)$/.exec(href);
	assert(m && m[1] === path.basename(opts.book), `link ${href}, not to ${path.basename(opts.book)}#STEP`);
	const bookUrl = fileUrl(path.resolve(path.dirname(file), m[1]));
	const b = await guardedContext(browser, bookUrl);
	const p = await b.ctx.newPage();
	await p.goto(`${bookUrl}#${m[2]}`, { waitUntil: 'load' });
	const there = await p.evaluate(id => !!document.getElementById(id), decodeURIComponent(m[2]));
	await b.ctx.close();
	assert(there, `the book has no element #${m[2]}`);
	console.log(`# ${links.length} step links; the first, ${href}, is a step of the book`);
});

await page.screenshot({ path: path.join(art, 'coverage.png'), fullPage: true });
guardChecks(events, T);
await browser.close();
process.exit(exitCode());
