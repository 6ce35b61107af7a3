#!/usr/bin/env node
// tests/browser/serve-split.test.mjs: quest serve's book of many pages in
// a real browser (serve --split, three steps a page, over a copy of the
// fixture that it edits).  The reader is on a chapter's page: an edit of
// its prose appears without a reload; a step added appears in order,
// marked, in the page's contents too, and the keys know it; the chapter
// grown past a page goes on to a page of its own, where the last step's
// link and the j key lead; a search finds a step of another page; a
// duplicate number shows the overlay and its fix clears it; a page that
// is no more (its file deleted) sends the reader to the index page.
// Nothing may load but the server's own files.
//
//   node serve-split.test.mjs QUEST TREE ARTIFACT_DIR
import fs from 'node:fs';
import path from 'node:path';
import { assert, check, exitCode, launch, notOk, ok, serveStart, serveStop, waitFor } from './lib.mjs';

const [quest, tree, art] = process.argv.slice(2);
if (!art) { console.error('usage: node serve-split.test.mjs QUEST TREE ARTIFACT_DIR'); process.exit(2); }
fs.mkdirSync(art, { recursive: true });
const T = 'browser/serve-split';

const start = () => serveStart(quest, tree, ['--split', '--page-steps', '3', '--port', '0']);
const stop = serveStop;
const file = rel => path.join(tree, rel);
const edit = (rel, fn) => fs.writeFileSync(file(rel), fn(fs.readFileSync(file(rel), 'utf8')));
const ids = page => page.evaluate(() => [...document.querySelectorAll('article.step')].map(a => a.id).join(' '));

const server = await start();
const url = server.url;
const origin = new URL(url).origin;
const browser = await launch();
const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
const events = { requests: [], errors: [], csp: [] };
const files = /^\/([a-z0-9-]+\.html|book\.css|book\.js|live\.js|search\.js|events)?$/;
ctx.on('request', r => {
	const u = new URL(r.url());
	if (u.origin !== origin || !files.test(u.pathname)) events.requests.push(r.url());
});
ctx.on('weberror', e => events.errors.push(e.error().message));
await ctx.exposeBinding('__cspViolation', (_s, v) => events.csp.push(v));
await ctx.addInitScript(() => {
	document.addEventListener('securitypolicyviolation', e => window.__cspViolation(`${e.violatedDirective}: ${e.blockedURI}`));
});
const page = await ctx.newPage();

await check(`${T}: the index page lists the pages; a chapter's page follows the book`, async () => {
	await page.goto(url);
	const pages = await page.evaluate(() => [...document.querySelectorAll('#toc a.toc-page')].map(a => a.getAttribute('href')).join(' '));
	assert(pages === 'getting-started.html heating.html heating-2.html', `the index page lists: ${pages}`);
	await page.goto(`${url}getting-started.html`);
	await waitFor(page, 'data-live="on"', () => document.documentElement.getAttribute('data-live') === 'on');
	const s = await ids(page);
	assert(s === 'G:010 G:020 G:030', `the page holds ${s}`);
});

await check(`${T}: an edit of prose appears without a reload, the step in view kept in place`, async () => {
	await page.evaluate(() => {
		window.__notReloaded = true;
		const el = document.getElementById('G:030');
		window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 200);
	});
	await page.waitForTimeout(200);
	const before = await page.evaluate(() => document.getElementById('G:030').getBoundingClientRect().top);
	edit('src/toaster.c', s => s.replace(' * - the **bread** pops up when the time is over.\n',
		' * - the **bread** pops up when the time is over;\n * - and then a bell rings, loud and clear.\n *\n' +
		' * Marmalade comes after, in another chapter of life.\n'));
	await waitFor(page, 'the new prose in G:010', () => (document.getElementById('G:010') || {}).textContent?.includes('Marmalade'));
	assert(await page.evaluate(() => window.__notReloaded === true), 'the page was reloaded');
	const after = await page.evaluate(() => document.getElementById('G:030').getBoundingClientRect().top);
	assert(Math.abs(after - before) <= 2, `G:030 moved on the screen from ${before} to ${after}`);
});

await check(`${T}: a step added appears in order, marked, in the contents too; the chapter goes on to a page of its own`, async () => {
	edit('src/toaster.c', s => s.replace('/*G:020 ', '/*G:015 Between the two, a step added while the book is open.\n */\n/*:*/\n\n/*G:020 '));
	await waitFor(page, 'G:015 in the page', () => !!document.getElementById('G:015'));
	const el = await page.evaluate(() => {
		const e = document.getElementById('G:015');
		return [e.previousElementSibling?.id, e.getAttribute('data-live')];
	});
	assert(el[0] === 'G:010', `G:015 comes after ${el[0]}`);
	assert(el[1] === 'new', 'G:015 is not marked');
	// Four steps, three a page: G:020 and G:030 are on a page after this.
	const s = await ids(page);
	assert(s === 'G:010 G:015', `the page holds ${s}`);
	await waitFor(page, 'the contents list G:015 and the new page', () =>
		[...document.querySelectorAll('#toc a')].some(a => a.getAttribute('href') === '#G:015') &&
		[...document.querySelectorAll('#toc a.toc-page')].some(a => a.getAttribute('href') === 'getting-started-2.html'));
	const total = await page.evaluate(() => document.querySelector('main').getAttribute('data-total'));
	assert(total === '9', `data-total is ${total}`);
	const next = await page.evaluate(() => document.querySelector('#G\\:015 nav.steps a.next-step')?.getAttribute('href'));
	assert(next === 'getting-started-2.html#G:020', `G:015's next step link is ${next}`);
	assert(await page.evaluate(() => window.__notReloaded === true), 'the page was reloaded');
	await page.screenshot({ path: path.join(art, 'serve-split-added.png') });
});

await check(`${T}: the keys know the step added: j from G:010 goes to G:015, then on to the next page`, async () => {
	await page.evaluate(() => { location.hash = 'G:010'; });
	await page.waitForTimeout(100);
	await page.keyboard.press('j');
	await waitFor(page, 'the address at G:015', () => location.hash === '#G:015');
	const where = await page.locator('#where').innerText();
	assert(where.includes('2 of 9'), `the bar says ${where}`);
	await page.keyboard.press('j');
	await waitFor(page, 'the next page, at G:020', () => location.pathname.endsWith('/getting-started-2.html') && location.hash === '#G:020');
	await waitFor(page, 'data-live="on"', () => document.documentElement.getAttribute('data-live') === 'on');
});

await check(`${T}: a search finds a step of another page`, async () => {
	await page.locator('#search').fill('thermostat');
	await waitFor(page, 'a hit for H:017', () => [...document.querySelectorAll('#results a.hit')].some(a => a.getAttribute('href') === 'heating.html#H:017'));
	await page.keyboard.press('Escape');
});

await check(`${T}: a duplicate number shows the overlay over the last good book; the fix clears it`, async () => {
	fs.writeFileSync(file('src/twice.c'), '/*G:020 A second G:020, planted.\n */\nint twice;\n/*:*/\n');
	await waitFor(page, 'the overlay', () => !!document.getElementById('quest-diagnostics'));
	const text = await page.locator('#quest-diagnostics').innerText();
	assert(text.includes('src/twice.c:1') && text.includes('src/toaster.c:'), `the overlay says: ${text}`);
	assert(!(await page.evaluate(() => document.body.textContent.includes('A second G:020, planted'))), 'the bad step is in the book');
	const r = await page.request.get(`${url}getting-started-2.html`);
	assert(!(await r.text()).includes('A second G:020, planted'), 'the bad step is in the book served');
	fs.unlinkSync(file('src/twice.c'));
	await waitFor(page, 'no overlay', () => !document.getElementById('quest-diagnostics'));
});

await check(`${T}: a page that is no more sends the reader to the index page`, async () => {
	await page.goto(`${url}heating-2.html`);
	await waitFor(page, 'data-live="on"', () => document.documentElement.getAttribute('data-live') === 'on');
	const s = await ids(page);
	assert(s === 'H:020 H:030', `heating-2.html holds ${s}`);
	fs.unlinkSync(file('scripts/run.sh'));
	await waitFor(page, 'the index page', () => location.pathname.endsWith('/index.html'));
	await waitFor(page, 'its contents without heating-2.html', () =>
		document.querySelectorAll('#toc a.toc-page').length > 0 &&
		![...document.querySelectorAll('#toc a.toc-page')].some(a => a.getAttribute('href') === 'heating-2.html'));
	const r = await page.request.get(`${url}heating-2.html`);
	assert(r.status() === 404, `heating-2.html answers ${r.status()}`);
});

const one = (name, list) => (list.length ? notOk(name, list.slice(0, 10).join('\n')) : ok(name));
one(`${T}: no request but the server's own files`, events.requests);
one(`${T}: no uncaught exception`, events.errors);
one(`${T}: no Content-Security-Policy violation`, events.csp);
await browser.close();
const rc = await stop(server);
if (rc !== 0) notOk(`${T}: quest serve exits 0 on SIGTERM`, `exit ${rc}`);
process.exit(exitCode());
