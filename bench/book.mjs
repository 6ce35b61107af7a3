// bench/book.mjs: a book of many pages (quest html -o DIR/) in Debian's
// Chromium, from file://: the time to the load event of its index page
// and of its largest page, and from typing a search on the largest page
// to the hit of the step sought, its index loaded then or already (as
// when the field takes the focus).  Median of 5 each.  Run by
// bench/book.sh.
//
//   node bench/book.mjs DIR LARGEST.html WORD ID
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(path.join(process.env.NODE_PATH || '.', 'x.js'));
const { chromium } = require('playwright-core');
const [dir, largest, word, id] = process.argv.slice(2);
const url = f => pathToFileURL(path.join(path.resolve(dir), f)).href;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
	args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
const median = v => v.sort((a, b) => a - b)[v.length >> 1];

async function loadTime(file) {
	const v = [];
	for (let i = 0; i < 5; i++) {
		const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
		const page = await ctx.newPage();
		await page.goto(url(file), { waitUntil: 'load' });
		v.push(await page.evaluate(() => {
			const n = performance.getEntriesByType('navigation')[0];
			return n.loadEventEnd - n.startTime;
		}));
		await ctx.close();
	}
	return median(v);
}
async function searchTime(warm) {
	const v = [];
	for (let i = 0; i < 5; i++) {
		const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
		const page = await ctx.newPage();
		await page.goto(url(largest), { waitUntil: 'load' });
		// Warm: the reader went to the field first, which loads the index.
		if (warm) {
			await page.focus('#search');
			await page.waitForFunction(() => !!window.questIndex);
			await page.waitForTimeout(100);
		}
		v.push(await page.evaluate(([word, id]) => new Promise(done => {
			const s = document.getElementById('search'), r = document.getElementById('results');
			const t0 = performance.now();
			const seen = () => [...r.querySelectorAll('a.hit')].some(a => a.getAttribute('href').endsWith('#' + id));
			setTimeout(() => done(-1), 10000);
			new MutationObserver(() => { if (seen()) done(performance.now() - t0); }).observe(r, { childList: true, subtree: true });
			s.value = word;
			s.dispatchEvent(new Event('input'));
		}), [word, id]));
		await ctx.close();
	}
	return median(v);
}
const f = n => `${Math.round(n)} ms`;
console.log(`  in Chromium, median of 5: index page loads in ${f(await loadTime('index.html'))}, ` +
	`${largest} in ${f(await loadTime(largest))};\n  a search for ${word} shows ${id} in ${f(await searchTime(false))} ` +
	`(its index loaded as it is typed), ${f(await searchTime(true))} (loaded when the field took the focus)`);
await browser.close();
