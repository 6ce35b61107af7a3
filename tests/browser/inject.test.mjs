#!/usr/bin/env node
// tests/browser/inject.test.mjs: the web book of a hostile tree (see
// inject/) runs none of the tree's script.  Every payload there calls
// pwned(), sets window.__pwned or sets document.title to "PWNED"; any of
// these fails the test, and so does any dialog, request, console error or
// Content-Security-Policy violation (which is what a payload that got into
// the markup looks like under the policy).  The page is opened twice: as
// written, and with its policy <meta> taken out, so that the escaping is
// tested on its own and the policy does not hide a hole in it.
//
//   node inject.test.mjs PAGE.html ARTIFACT_DIR
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assert, check, dangerousMarkup, exitCode, fileUrl, guardChecks,
	guardedContext, launch, parseArgs } from './lib.mjs';

const { file, art } = parseArgs(process.argv.slice(2), 'usage: node inject.test.mjs PAGE.html ARTIFACT_DIR');
fs.mkdirSync(art, { recursive: true });

// What inject/ holds, as the page must show it: as text.
const STEPS = ['G:010', 'G:020', 'G:030', 'H:010', 'H:020'];
const TITLE = "Hostile </title><script>pwned('title')</script> tour";
const CHAPTERS = ["Guest <img src=x onerror=pwned('chapter')>", `Host "><svg onload=pwned('chapter-attr')>`];
const FILES = ["src/<img src=x onerror=pwned('filename')>.c:", `src/"><svg onload=pwned('filename-attr')>.py:`];

const html = fs.readFileSync(file, 'utf8');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'quest-inject-'));
const nocsp = path.join(tmp, path.basename(file, '.html') + '-nocsp.html');
const stripped = html.replace(/<meta\s[^>]*http-equiv\s*=\s*["']?Content-Security-Policy["']?[^>]*>/gi, '');
fs.writeFileSync(nocsp, stripped);

const browser = await launch();
for (const [variant, page_file, T] of [['as written', file, 'browser/inject'], ['without its policy', nocsp, 'browser/inject (no CSP)']]) {
	const url = fileUrl(page_file);
	const { ctx, events } = await guardedContext(browser, url, { viewport: { width: 1280, height: 900 } });
	ctx.setDefaultTimeout(5000);
	const pwned = [];
	await ctx.exposeBinding('pwned', (_src, what) => { pwned.push(`pwned(${what === undefined ? '' : JSON.stringify(what)})`); });
	await ctx.addInitScript(() => {
		Object.defineProperty(window, '__pwned', { configurable: false, get() { return undefined; }, set(v) { window.pwned(`window.__pwned = ${v}`); } });
	});
	const page = await ctx.newPage();

	if (variant === 'without its policy')
		await check(`${T}: the policy <meta> could be taken out`, async () => {
			assert(stripped !== html && !/Content-Security-Policy/i.test(stripped), 'no Content-Security-Policy <meta> found, or more than the regex takes out');
		});

	await check(`${T}: the page loads, with its ${STEPS.length} steps`, async () => {
		const r = await page.goto(url, { waitUntil: 'load' });
		assert(r && r.ok(), `loading ${url} failed`);
		const ids = await page.evaluate(() => [...document.querySelectorAll('article.step')].map(s => s.id));
		assert(ids.join() === STEPS.join(), `steps [${ids.join(' ')}], want [${STEPS.join(' ')}]: did a payload cut the page short?`);
	});

	// What a reader does that could wake a payload: search (the results
	// are built by script from the steps' text), move, hover.
	await check(`${T}: no script from the tree runs, reading and searching`, async () => {
		await page.waitForTimeout(200);
		await page.focus('#search');
		for (const q of ['pwned', 'script', '<img src=x onerror=pwned("typed")>']) {
			await page.fill('#search', '');
			await page.keyboard.type(q, { delay: 0 });
			await page.waitForTimeout(100);
			await page.keyboard.press('Enter');
			await page.waitForTimeout(50);
		}
		await page.goto(`${url}#G:010`);
		await page.keyboard.press('j');
		await page.keyboard.press('k');
		await page.evaluate(() => {
			for (const el of document.querySelectorAll('body *'))
				for (const t of ['mouseover', 'mouseenter', 'focus', 'click'])
					if (!(t === 'click' && el.closest('a[href], button, input'))) el.dispatchEvent(new Event(t, { bubbles: false }));
		});
		await page.waitForTimeout(200);
		const title = await page.title();
		if (title === 'PWNED') pwned.push('document.title = PWNED');
		assert(pwned.length === 0, [...new Set(pwned)].join('\n'));
	});

	await check(`${T}: no payload is markup (no handler, script URL, frame, external resource)`, async () => {
		await page.goto(url);
		const bad = await page.evaluate(dangerousMarkup, { csp: variant === 'as written' });
		assert(bad.length === 0, bad.join('\n'));
	});

	// Any javascript: link that got through: click it, it must not run.
	await check(`${T}: no link in the page runs script when followed`, async () => {
		const n = await page.evaluate(() => [...document.querySelectorAll('a[href]')].filter(a => a.protocol === 'javascript:').length);
		for (let i = 0; i < n; i++) {
			await page.evaluate(i => [...document.querySelectorAll('a[href]')].filter(a => a.protocol === 'javascript:')[i].click(), i).catch(() => {});
			await page.waitForTimeout(50);
		}
		assert(pwned.length === 0 && n === 0, `${n} javascript: links${pwned.length ? `; ${[...new Set(pwned)].join(', ')}` : ''}`);
	});

	if (variant === 'as written') {
		await check(`${T}: the title, chapter names and file names show as text`, async () => {
			const t = await page.evaluate(() => ({
				h1: (document.querySelector('section#top h1') || {}).textContent || '',
				h2: [...document.querySelectorAll('section.chapter h2')].map(h => h.textContent),
				src: [...document.querySelectorAll('a.src')].map(a => a.textContent.trim()),
			}));
			const bad = [];
			if (!t.h1.includes(TITLE)) bad.push(`h1 is "${t.h1}", want it to show ${TITLE}`);
			for (const c of CHAPTERS) if (!t.h2.some(h => h.includes(c))) bad.push(`no h2 shows ${c}: [${t.h2.join(' | ')}]`);
			for (const f of FILES) if (!t.src.some(s => s.startsWith(f))) bad.push(`no a.src shows ${f}NN: [${t.src.join(' | ')}]`);
			assert(bad.length === 0, bad.join('\n'));
		});
		await check(`${T}: screenshot`, async () => {
			await page.screenshot({ path: path.join(art, 'inject-1280-front.png') });
			await page.goto(`${url}#G:010`);
			await page.screenshot({ path: path.join(art, 'inject-1280-step.png') });
		});
	}
	guardChecks(events, T);
	await ctx.close();
}
await browser.close();
fs.rmSync(tmp, { recursive: true, force: true });
process.exit(exitCode());
