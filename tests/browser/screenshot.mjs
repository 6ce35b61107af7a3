#!/usr/bin/env node
// tests/browser/screenshot.mjs: the picture of the web book for the
// README: lguest's tour, 1280x900, light theme, one step current; and any
// other page, width and theme, to look at.
//
//   quest -C ../shared/corpus/lguest-late html -o /tmp/lguest.html
//   node tests/browser/screenshot.mjs [--at ID] [--dark] [--width W]
//       [--height H] [PAGE.html [OUT.png]]
//
// PAGE defaults to /tmp/lguest.html, OUT to docs/lguest-book.png, ID (the
// step shown) to G:029, lguest_init() as in the README's example, the
// window to 1280x900.  It fails, writing nothing, if the page loads
// anything, logs an error or has no such step.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileUrl, guardedContext, launch } from './lib.mjs';

const top = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
let at = 'G:029', dark = false, width = 1280, height = 900;
const pos = [];
const usage = () => { console.error('usage: node screenshot.mjs [--at ID] [--dark] [--width W] [--height H] [PAGE.html [OUT.png]]'); process.exit(2); };
const size = v => (/^[1-9][0-9]{1,4}$/.test(v || '') ? Number(v) : usage());
for (let i = 0; i < args.length; i++) {
	if (args[i] === '--at') at = args[++i];
	else if (args[i] === '--dark') dark = true;
	else if (args[i] === '--width') width = size(args[++i]);
	else if (args[i] === '--height') height = size(args[++i]);
	else if (args[i].startsWith('-')) usage();
	else pos.push(args[i]);
}
const file = path.resolve(pos[0] || '/tmp/lguest.html');
const out = path.resolve(pos[1] || path.join(top, 'docs/lguest-book.png'));
if (!fs.existsSync(file)) {
	console.error(`screenshot: no ${file}; first: quest -C ../shared/corpus/lguest-late html -o ${file}`);
	process.exit(2);
}

const url = fileUrl(file);
const browser = await launch();
let status = 0;
try {
	const { ctx, events } = await guardedContext(browser, url, {
		viewport: { width, height }, deviceScaleFactor: 1,
		colorScheme: dark ? 'dark' : 'light', reducedMotion: 'reduce',
	});
	const page = await ctx.newPage();
	await page.goto(`${url}#${at}`, { waitUntil: 'load' });
	const found = await page.evaluate(id => !!document.getElementById(id), at);
	if (!found) throw new Error(`no step ${at} in ${file}`);
	// A step becomes current; the front page or a chapter has no mark.
	await page.waitForFunction(id => { const e = document.getElementById(id); return !e.matches('article.step') || e.classList.contains('current'); }, at, { timeout: 3000 })
		.catch(() => console.error(`screenshot: warning: #${at} did not become current`));
	await page.waitForTimeout(100);
	const problems = [...events.requests, ...events.console, ...events.errors, ...events.csp, ...events.dialogs];
	if (problems.length) throw new Error(`the page is not clean:\n${problems.join('\n')}`);
	fs.mkdirSync(path.dirname(out), { recursive: true });
	await page.screenshot({ path: out });
	console.log(`screenshot: ${path.relative(process.cwd(), out) || out} (#${at}, ${width}x${height}${dark ? ', dark' : ''})`);
} catch (e) {
	console.error(`screenshot: ${e.message}`);
	status = 1;
} finally {
	await browser.close();
}
process.exit(status);
