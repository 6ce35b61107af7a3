#!/usr/bin/env node
// tests/browser/titles.test.mjs: the titles of a web book, as a reader
// sees them.  No step's body repeats its title (a title cut short, ending
// in an ellipsis, stays whole in the body instead); no title shows a raw
// cross-reference [X:NNN], an unmatched backtick or Markdown's marks; a
// cross-reference in a title is a link in the step's heading and its tag
// in the contents, where no link may stand inside another; a title cut
// short holds on a line of 80 characters.  Screenshots of the top of the
// book and of a step go to the artifact directory.
//
//   node titles.test.mjs [--name NAME] [--xref-title ID=TO] PAGE.html ARTIFACT_DIR
//
// --xref-title ID=TO: the title of step ID names step TO.
import fs from 'node:fs';
import path from 'node:path';
import { assert, check, exitCode, fileUrl, guardChecks, guardedContext,
	launch, parseArgs } from './lib.mjs';

const USAGE = 'usage: node titles.test.mjs [--name NAME] [--xref-title ID=TO] PAGE.html ARTIFACT_DIR';
const { file, art, opts } = parseArgs(process.argv.slice(2), USAGE);
const name = opts.name || path.basename(file, '.html');
const T = `browser/titles (${name})`;
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

// Every step: its title as shown, and the text of its body.
const steps = await page.evaluate(() => [...document.querySelectorAll('article.step')].map(s => {
	const t = s.querySelector('h3 .title'), p = s.querySelector('.prose');
	const norm = x => (x || '').replace(/\s+/g, ' ').trim();
	return { id: s.id, title: norm(t && t.textContent), body: norm(p && p.textContent) };
}));

await check(`${T}: every step has a title (${steps.length} steps)`, async () => {
	assert(steps.length > 0, 'no article.step');
	const none = steps.filter(s => s.title === '').map(s => s.id);
	assert(none.length === 0, `no title: ${none.join(' ')}`);
});

await check(`${T}: no step's body repeats its title; a title cut short stays whole in its body`, async () => {
	const bad = [];
	for (const s of steps) {
		if (s.title.endsWith('\u2026')) {
			const head = s.title.slice(0, -1).trim();
			if (!s.body.startsWith(head)) bad.push(`${s.id}: cut title "${s.title}", but its body starts "${s.body.slice(0, 60)}"`);
		} else if (s.body.startsWith(s.title)) {
			bad.push(`${s.id}: its body starts with its title "${s.title}"`);
		}
	}
	assert(bad.length === 0, bad.slice(0, 10).join('\n'));
});

// Every title of the page: the step's heading, the contents, and any
// other place that shows one (a sidebar, a bar, the links to a neighbour).
await check(`${T}: no title holds a raw [X:NNN], an unmatched backtick or Markdown's marks`, async () => {
	const bad = await page.evaluate(() => [...document.querySelectorAll('.title')].map(e => {
		const t = e.textContent, where = e.closest('[id]') ? e.closest('[id]').id : e.localName;
		if (/\[[A-Z]+:[0-9]+\]/.test(t)) return `${where}: raw cross-reference in "${t}"`;
		if ((t.match(/`/g) || []).length % 2) return `${where}: unmatched backtick in "${t}"`;
		if (/(^|[\s(])(\*\*?|_)[^\s*_][^*_]*\2(?=[\s).,;:!?\u2026]|$)/.test(t)) return `${where}: raw emphasis in "${t}"`;
		return null;
	}).filter(Boolean));
	assert(bad.length === 0, [...new Set(bad)].slice(0, 10).join('\n'));
});

await check(`${T}: a title cut short holds on a line of 80 characters`, async () => {
	const long = steps.filter(s => s.title.endsWith('\u2026') && [...s.title].length > 80);
	assert(long.length === 0, long.map(s => `${s.id}: ${[...s.title].length} characters: ${s.title}`).join('\n'));
});

// Only a page given --xref-title ID=TO has a cross-reference in a title.
if (opts['xref-title']) await check(`${T}: a title's cross-reference links from the heading, is its tag in the contents`, async () => {
	const [id, to] = opts['xref-title'].split('=');
	const r = await page.evaluate(([id, to]) => {
		const h = document.getElementById(id).querySelector('h3 .title');
		const a = h && h.querySelector(`a.xref[href="#${to}"]`);
		const toc = document.querySelector(`nav#toc a.toc-step[href="#${id}"]`);
		return {
			heading: !!a, text: a ? a.textContent : null,
			nested: toc ? toc.querySelectorAll('a').length : -1,
			toc: toc ? toc.textContent : null,
		};
	}, [id, to]);
	assert(r.heading, `#${id}'s heading has no a.xref to #${to}`);
	assert(r.text === to, `the link reads "${r.text}", want "${to}"`);
	assert(r.nested === 0, `#${id}'s line in the contents holds ${r.nested} links inside its link`);
	assert(r.toc && r.toc.includes(to) && !r.toc.includes(`[${to}]`), `the contents read "${r.toc}"`);
});

await check(`${T}: screenshots (the contents, a step)`, async () => {
	await page.evaluate(() => window.scrollTo(0, 0));
	await page.screenshot({ path: path.join(art, `titles-${name}-front.png`) });
	const mid = steps[Math.floor(steps.length / 2)].id;
	await page.goto(`${url}#${mid}`);
	await page.waitForTimeout(200);
	await page.screenshot({ path: path.join(art, `titles-${name}-step.png`) });
});

guardChecks(events, T);
await browser.close();
process.exit(exitCode());
