#!/usr/bin/env node
// tests/browser/serve.test.mjs: quest serve in a real browser.  It starts
// the server on a copy of a tour (port 0: the URL is its first line),
// opens the book, and edits the tree under it: a step's prose (the new
// prose appears without a reload, the step in view stays where it was),
// a new step (it appears in order, marked), a duplicate number (the
// overlay names both places; the book under it stays), the fix (the
// overlay goes), a deleted file (its steps go), then a restart of the
// server with an edit while it was down (the page reconnects by itself
// and shows it).  Nothing may load but the server's own page and stream.
//
//   node serve.test.mjs QUEST TREE ARTIFACT_DIR
import fs from 'node:fs';
import path from 'node:path';
import { assert, check, exitCode, launch, notOk, ok, serveStart, serveStop, waitFor } from './lib.mjs';

const [quest, tree, art] = process.argv.slice(2);
if (!art) { console.error('usage: node serve.test.mjs QUEST TREE ARTIFACT_DIR'); process.exit(2); }
fs.mkdirSync(art, { recursive: true });
const T = 'browser/serve';
let server = null;

const start = (port = 0) => serveStart(quest, tree, ['--port', String(port)]);
const stop = serveStop;
const file = rel => path.join(tree, rel);
const edit = (rel, fn) => fs.writeFileSync(file(rel), fn(fs.readFileSync(file(rel), 'utf8')));


server = await start();
const url = server.url;
const origin = new URL(url).origin;
const browser = await launch();
const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
const events = { requests: [], errors: [], csp: [] };
ctx.on('request', r => {
	const u = new URL(r.url());
	if (u.origin !== origin || !['/', '/events'].includes(u.pathname)) events.requests.push(r.url());
});
ctx.on('weberror', e => events.errors.push(e.error().message));
await ctx.exposeBinding('__cspViolation', (_s, v) => events.csp.push(v));
await ctx.addInitScript(() => {
	document.addEventListener('securitypolicyviolation', e => window.__cspViolation(`${e.violatedDirective}: ${e.blockedURI}`));
});
const page = await ctx.newPage();
await page.goto(url);

await check(`${T}: the page follows the book (its stream is open)`, async () => {
	await waitFor(page, 'data-live="on"', () => document.documentElement.getAttribute('data-live') === 'on');
	assert(await page.locator('article.step').count() === 8, 'not 8 steps');
});

// The reader is at H:020, well down the page; G:010, above it, grows.
await check(`${T}: an edit of prose appears without a reload, the step in view kept in place`, async () => {
	await page.evaluate(() => {
		window.__notReloaded = true;
		const el = document.getElementById('H:020');
		window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 200);
	});
	await page.waitForTimeout(200);
	const before = await page.evaluate(() => ({ top: document.getElementById('H:020').getBoundingClientRect().top, y: window.scrollY }));
	edit('src/toaster.c', s => s.replace(' * - the **bread** pops up when the time is over.\n',
		' * - the **bread** pops up when the time is over;\n * - and then a bell rings, loud and clear.\n *\n' +
		' * Marmalade comes after, in another chapter of life, which this\n * tour leaves to the reader.\n'));
	await waitFor(page, 'the new prose in G:010', () => (document.getElementById('G:010') || {}).textContent?.includes('Marmalade'));
	assert(await page.evaluate(() => window.__notReloaded === true), 'the page was reloaded');
	const after = await page.evaluate(() => ({ top: document.getElementById('H:020').getBoundingClientRect().top, y: window.scrollY }));
	assert(Math.abs(after.top - before.top) <= 2, `H:020 moved on the screen from ${before.top} to ${after.top}`);
	assert(after.y > before.y, `the page did not scroll to make room (${before.y} -> ${after.y})`);
	await page.screenshot({ path: path.join(art, 'serve-edit.png') });
});

await check(`${T}: a new step appears in order, marked`, async () => {
	edit('src/toaster.c', s => s.replace('/*G:020 ', '/*G:015 Between the two, a step added while the book is open.\n */\n/*:*/\n\n/*G:020 '));
	await waitFor(page, 'G:015 in the page', () => !!document.getElementById('G:015'));
	const order = await page.evaluate(() => {
		const el = document.getElementById('G:015');
		return [el.previousElementSibling?.id, el.nextElementSibling?.id, el.getAttribute('data-live')];
	});
	assert(order[0] === 'G:010' && order[1] === 'G:020', `G:015 is between ${order[0]} and ${order[1]}`);
	assert(order[2] === 'new', 'G:015 is not marked');
	const toc = await page.evaluate(() => [...document.querySelectorAll('#toc a.toc-step .num')].map(e => e.textContent).join(' '));
	assert(toc.includes('G:010 G:015 G:020'), `the contents say ${toc}`);
	assert(await page.evaluate(() => window.__notReloaded === true), 'the page was reloaded');
});

await check(`${T}: a duplicate number shows the overlay, naming both places, over the last good book`, async () => {
	fs.writeFileSync(file('src/twice.c'), '/*H:020 A second H:020, planted.\n */\nint twice;\n/*:*/\n');
	await waitFor(page, 'the overlay', () => !!document.getElementById('quest-diagnostics'));
	const text = await page.locator('#quest-diagnostics').innerText();
	assert(text.includes('src/twice.c:1'), `the overlay says: ${text}`);
	assert(text.includes('scripts/run.sh:4'), `the overlay says: ${text}`);
	assert(await page.locator('#quest-diagnostics').isVisible(), 'the overlay is not visible');
	assert(!(await page.evaluate(() => document.body.textContent.includes('A second H:020, planted'))), 'the bad step is in the book');
	await page.screenshot({ path: path.join(art, 'serve-overlay.png') });
});

await check(`${T}: the fix clears the overlay`, async () => {
	fs.unlinkSync(file('src/twice.c'));
	await waitFor(page, 'no overlay', () => !document.getElementById('quest-diagnostics'));
});

await check(`${T}: a deleted file's steps go`, async () => {
	fs.unlinkSync(file('scripts/run.sh'));
	await waitFor(page, 'no H:020, H:030', () => !document.getElementById('H:020') && !document.getElementById('H:030'));
	assert(await page.locator('article.step').count() === 7, 'not 7 steps');
	assert(await page.evaluate(() => window.__notReloaded === true), 'the page was reloaded');
});

await check(`${T}: after a restart, the page reconnects by itself and shows what changed meanwhile`, async () => {
	const port = new URL(url).port;
	const rc = await stop(server);
	assert(rc === 0, `quest serve exited ${rc} on SIGTERM`);
	await waitFor(page, 'data-live="off"', () => document.documentElement.getAttribute('data-live') === 'off');
	edit('src/toaster.c', s => s.replace('Marmalade', 'Apricot jam'));
	server = await start(port);
	await waitFor(page, 'the prose edited while the server was down', () =>
		(document.getElementById('G:010') || {}).textContent?.includes('Apricot jam'), undefined, 10000);
	await waitFor(page, 'data-live="on"', () => document.documentElement.getAttribute('data-live') === 'on');
}, 20000);

const one = (name, list) => (list.length ? notOk(name, list.slice(0, 10).join('\n')) : ok(name));
one(`${T}: no request but the page and its stream`, events.requests);
one(`${T}: no uncaught exception`, events.errors);
one(`${T}: no Content-Security-Policy violation`, events.csp);
await browser.close();
const rc = await stop(server);
if (rc !== 0) notOk(`${T}: quest serve exits 0 on SIGTERM`, `exit ${rc}`);
process.exit(exitCode());
