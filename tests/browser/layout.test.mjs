#!/usr/bin/env node
// tests/browser/layout.test.mjs: where things stand on the page of
// `quest html`, and how the reader moves: on a wide screen each step's
// prose beside its code, prose on the left, staying in view while long
// code scrolls by; on a phone, stacked; a sidebar of the contents that
// marks the step in view (aria-current) as the reader scrolls, and a bar
// that names its chapter and place; j and k from the step in view, from a
// chapter's heading or the front page; n and p across chapters; ? for the
// keys; the context line and the dedent of an excerpt; previous and next
// links that carry their step's title; the page without its script.
// Screenshots at 390, 1280 and 1600 px, light and dark, go to the
// artifact directory.
//
//   node layout.test.mjs [--name NAME] [--big] PAGE.html ARTIFACT_DIR
//
// NAME names the page in the checks and the screenshots (default: the
// file's base name).  --big: a page of thousands of steps, for which only
// the checks of cost run.
import fs from 'node:fs';
import path from 'node:path';
import { assert, check, exitCode, fileUrl, guardChecks, guardedContext,
	launch, parseArgs, skipCheck } from './lib.mjs';

const USAGE = 'usage: node layout.test.mjs [--name NAME] [--big yes] PAGE.html ARTIFACT_DIR';
const { file, art, opts } = parseArgs(process.argv.slice(2), USAGE);
const name = opts.name || path.basename(file, '.html');
const T = `browser/layout (${name})`;
fs.mkdirSync(art, { recursive: true });
const url = fileUrl(file);

// Wait for FN(ARG) in the page; on a timeout, fail saying WHAT.
async function waitFor(page, what, fn, arg, ms = 3000) {
	try {
		await page.waitForFunction(fn, arg, { timeout: ms });
	} catch {
		throw new Error(`after ${ms / 1000} s, still not: ${what}`);
	}
}

// The step marked in the sidebar, the steps with class current, the hash.
const state = page => page.evaluate(() => ({
	marked: [...document.querySelectorAll('nav#toc a[aria-current="true"]')].map(a => a.getAttribute('href').slice(1)),
	current: [...document.querySelectorAll('article.step.current')].map(s => s.id),
	hash: decodeURIComponent(location.hash.slice(1)),
	where: (document.getElementById('where') || {}).textContent || '',
}));

// The page's own facts: its steps and chapters, in order.
const facts = page => page.evaluate(() => ({
	steps: [...document.querySelectorAll('article.step')].map(s => ({
		id: s.id, chapter: s.closest('section.chapter').id,
		title: (s.querySelector('h3 .title') || s.querySelector('h3')).textContent.trim(),
		code: !!s.querySelector('pre.code'),
	})),
	chapters: [...document.querySelectorAll('section.chapter')].map(c => ({
		id: c.id, name: c.querySelector('h2').textContent, steps: c.querySelectorAll('article.step').length,
	})),
}));

// Scroll as a reader does, with the wheel, until the top of step ID is
// just under the bar; then wait for the scroll to settle.
async function wheelTo(page, id) {
	for (let i = 0; i < 8; i++) {
		const dy = await page.evaluate(id => {
			const bar = document.querySelector('header.bar').getBoundingClientRect().bottom;
			return Math.round(document.getElementById(id).getBoundingClientRect().top - bar - 12);
		}, id);
		if (Math.abs(dy) < 6) break;
		await page.mouse.move(700, 400);
		await page.mouse.wheel(0, dy);
		await page.waitForTimeout(250);
	}
}

const browser = await launch();
const wide = await guardedContext(browser, url, { viewport: { width: 1440, height: 900 }, reducedMotion: 'reduce' });
wide.ctx.setDefaultTimeout(5000);
const page = await wide.ctx.newPage();
let f = null;
const loaded = await check(`${T}: the page loads`, async () => {
	const r = await page.goto(url, { waitUntil: 'load', timeout: opts.big ? 120000 : 5000 });
	assert(r && r.ok(), `loading ${url} failed`);
	f = await facts(page);
	assert(f.steps.length >= 3 && f.chapters.length >= 2, `${f.steps.length} steps in ${f.chapters.length} chapters: want 3 in 2 at least`);
}, opts.big ? 150000 : 15000);
if (!loaded) {
	guardChecks(wide.events, T);
	await browser.close();
	process.exit(1);
}

if (opts.big) {
	// Thousands of steps: scrolling costs the script no work a step of
	// the tour (it counts the calls the page makes to the DOM while the
	// reader scrolls), and the sidebar still follows.
	await check(`${T}: scrolling through ${f.steps.length} steps: no work a step, the sidebar follows`, async () => {
		await page.evaluate(() => {
			window.__calls = 0;
			window.__long = [];
			const count = (proto, names) => {
				for (const n of names) {
					const d = Object.getOwnPropertyDescriptor(proto, n);
					if (d && typeof d.value === 'function') {
						const f = d.value;
						Object.defineProperty(proto, n, { ...d, value: function (...a) { window.__calls++; return f.apply(this, a); } });
					} else if (d && d.get) {
						const g = d.get;
						Object.defineProperty(proto, n, { ...d, get() { window.__calls++; return g.call(this); } });
					}
				}
			};
			count(Element.prototype, ['getBoundingClientRect', 'getClientRects', 'querySelector', 'querySelectorAll', 'setAttribute', 'removeAttribute', 'closest', 'clientHeight']);
			count(Document.prototype, ['querySelector', 'querySelectorAll', 'getElementById', 'createElement']);
			count(HTMLElement.prototype, ['offsetTop', 'offsetHeight', 'offsetParent']);
			count(DOMTokenList.prototype, ['add', 'remove', 'toggle', 'contains']);
			new PerformanceObserver(l => { for (const e of l.getEntries()) window.__long.push(Math.round(e.duration)); }).observe({ entryTypes: ['longtask'] });
		});
		await page.waitForTimeout(300);
		await page.mouse.move(700, 400);
		await page.evaluate(() => { window.__calls = 0; });
		for (let i = 0; i < 10; i++) {
			await page.mouse.wheel(0, 1000);
			await page.waitForTimeout(50);
		}
		await page.waitForTimeout(300);
		const m = await page.evaluate(() => ({ calls: window.__calls, long: window.__long, y: Math.round(scrollY) }));
		console.log(`# scrolled ${m.y} px: ${m.calls} calls to the DOM; long tasks: ${m.long.join(', ') || 'none'} ms`);
		assert(m.y > 5000, `the page scrolled ${m.y} px only`);
		assert(m.calls < f.steps.length, `${m.calls} calls to the DOM while scrolling ${m.y} px, for ${f.steps.length} steps: work a step`);
		const mid = f.steps[Math.floor(f.steps.length / 2)].id;
		await page.evaluate(id => document.getElementById(id).scrollIntoView(), mid);
		await waitFor(page, `the sidebar marks ${mid}`, id => {
			const a = document.querySelector('nav#toc a[aria-current="true"]');
			return a && a.getAttribute('href') === '#' + id;
		}, mid, 20000);	// a loaded machine lays out 10,000 steps slowly
	}, 60000);
	guardChecks(wide.events, T);
	await browser.close();
	process.exit(exitCode());
}

const withCode = f.steps.filter(s => s.code).map(s => s.id);

// Boxes of each step: its prose (div.text) and its code (div.excerpt).
const boxes = p => p.evaluate(() => [...document.querySelectorAll('article.step')].filter(s => s.querySelector('pre.code')).map(s => {
	const r = e => { const b = e.getBoundingClientRect(); return { l: b.left, r: b.right, t: b.top, b: b.bottom }; };
	return { id: s.id, text: r(s.querySelector('.text') || s.querySelector('.prose')), code: r(s.querySelector('.excerpt') || s.querySelector('pre.code')) };
}));

// Side by side (from 1200 px), or one above the other (a phone).
const beside = bs => bs.filter(b => !(b.text.r <= b.code.l + 1) || !(b.text.t < b.code.b && b.code.t < b.text.b))
	.map(b => `${b.id}: prose ${Math.round(b.text.l)}..${Math.round(b.text.r)} x ${Math.round(b.text.t)}..${Math.round(b.text.b)} px, code ${Math.round(b.code.l)}..${Math.round(b.code.r)} x ${Math.round(b.code.t)}..${Math.round(b.code.b)} px: not side by side`);
const stacked = bs => bs.filter(b => !(b.code.t >= b.text.b - 1))
	.map(b => `${b.id}: the code starts at ${Math.round(b.code.t)} px, above the prose's end at ${Math.round(b.text.b)} px`);
const phone = await guardedContext(browser, url, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
const ppage = await phone.ctx.newPage();
await check(`${T}: 1440 px: prose and code side by side, prose on the left, level; 390 px: stacked`, async () => {
	if (!withCode.length) skipCheck('no step has code');
	const bw = await boxes(page);
	assert(bw.length === withCode.length, `${bw.length} steps with code measured, of ${withCode.length}`);
	let bad = beside(bw);
	assert(bad.length === 0, `1440 px:\n${bad.slice(0, 8).join('\n')}`);
	await ppage.goto(url, { waitUntil: 'load' });
	bad = stacked(await boxes(ppage));
	assert(bad.length === 0, `390 px:\n${bad.slice(0, 8).join('\n')}`);
});

await check(`${T}: 1440 px: the prose stays in view while long code scrolls by`, async () => {
	const id = await page.evaluate(() => {
		const s = [...document.querySelectorAll('article.step')].filter(s => s.querySelector('.excerpt'))
			.map(s => ({ s, d: s.querySelector('.excerpt').offsetHeight - s.querySelector('.text').offsetHeight }))
			.sort((a, b) => b.d - a.d)[0];
		return s && s.d > 120 ? s.s.id : null;
	});
	if (!id) skipCheck('no step has code much longer than its prose');
	await page.evaluate(id => {
		const s = document.getElementById(id), text = s.querySelector('.text'), ex = s.querySelector('.excerpt');
		const bar = document.querySelector('header.bar').getBoundingClientRect().bottom;
		window.__d = Math.round((ex.offsetHeight - text.offsetHeight) / 2);
		window.scrollBy(0, s.getBoundingClientRect().top - bar + window.__d);
	}, id);
	const held = () => {
		const s = document.getElementById(window.__id), text = s.querySelector('.text');
		const bar = document.querySelector('header.bar').getBoundingClientRect().bottom, top = text.getBoundingClientRect().top;
		return top >= bar - 1 && top < bar + 40;
	};
	await page.evaluate(id => { window.__id = id; }, id);
	try {
		await page.waitForFunction(held, null, { timeout: 2000 });
	} catch {
		const m = await page.evaluate(id => {
			const s = document.getElementById(id);
			return { d: window.__d, bar: document.querySelector('header.bar').getBoundingClientRect().bottom, top: s.querySelector('.text').getBoundingClientRect().top, art: s.getBoundingClientRect().top };
		}, id);
		throw new Error(`${id} scrolled ${m.d} px past the bar: its prose's top is at ${Math.round(m.top)} px, the bar ends at ${Math.round(m.bar)} px (the step's top at ${Math.round(m.art)} px)`);
	}
});

// At its article's end the prose, sticky, slides down with it, and stops
// above the row of previous and next: its last line is never under them.
await check(`${T}: 1440 px: at a step's end, its sliding prose stops above its previous and next links`, async () => {
	const id = await page.evaluate(() => {
		const s = [...document.querySelectorAll('article.step')].filter(s => s.querySelector('.excerpt') && s.querySelector('nav.steps a'))
			.map(s => ({ s, d: s.querySelector('.excerpt').offsetHeight - s.querySelector('.text').offsetHeight }))
			.sort((a, b) => b.d - a.d)[0];
		return s && s.d > 120 ? s.s.id : null;
	});
	if (!id) skipCheck('no step has code much longer than its prose, and a link to another');
	// Its article's bottom a little below the prose's height under the bar:
	// the prose has slid down to the article's end.
	await page.evaluate(id => {
		const s = document.getElementById(id), text = s.querySelector('.text');
		const bar = document.querySelector('header.bar').getBoundingClientRect().bottom;
		window.scrollBy(0, s.getBoundingClientRect().bottom - bar - text.offsetHeight + 10);
	}, id);
	await page.waitForFunction(id => document.getElementById(id).classList.contains('stick'), id, { timeout: 2000 }).catch(() => {});
	const m = await page.evaluate(id => {
		const s = document.getElementById(id), text = s.querySelector('.text'), nav = s.querySelector('nav.steps'), a = nav.querySelector('a');
		const r = a.getBoundingClientRect(), t = text.getBoundingClientRect(), n = nav.getBoundingClientRect();
		const bar = document.querySelector('header.bar').getBoundingClientRect().bottom;
		const x = r.left + Math.min(20, r.width / 2), y = r.top + r.height / 2;
		const hit = document.elementFromPoint(x, y);
		return { stick: s.classList.contains('stick'), slid: t.top < bar + 4, bottom: t.bottom, navTop: n.top,
			onTop: !!hit && !!hit.closest('nav.steps'), what: hit ? hit.tagName + '.' + hit.className : 'nothing' };
	}, id);
	if (!m.stick) skipCheck(`${id}'s prose is not sticky here`);
	assert(m.bottom <= m.navTop + 1, `${id}: its prose ends at ${Math.round(m.bottom)} px, under its links' row, which starts at ${Math.round(m.navTop)} px`);
	assert(m.onTop, `${id}: at its previous link the page shows ${m.what}, not the link`);
});

await check(`${T}: 1440 px: the contents are a sidebar on the left, beside the steps`, async () => {
	const m = await page.evaluate(() => {
		const toc = document.getElementById('toc').getBoundingClientRect(), s = document.querySelector('article.step').getBoundingClientRect();
		return { pos: getComputedStyle(document.getElementById('toc')).position, tr: toc.right, tl: toc.left, th: toc.height, sl: s.left, ih: innerHeight };
	});
	assert(m.pos === 'fixed' || m.pos === 'sticky', `nav#toc is position: ${m.pos}, not a sidebar`);
	assert(m.tl <= 1 && m.tr <= m.sl, `the sidebar spans ${Math.round(m.tl)}..${Math.round(m.tr)} px, the steps start at ${Math.round(m.sl)} px`);
	assert(m.th > m.ih / 2, `the sidebar is ${Math.round(m.th)} px high in a window of ${m.ih}`);
	const pos = await ppage.evaluate(() => getComputedStyle(document.getElementById('toc')).position);
	assert(pos === 'static', `on a phone, nav#toc is position: ${pos}, not in the front page's flow`);
});

// Follow the view: scroll a step to the top, by the wheel.
const mid = f.steps[Math.floor(f.steps.length / 2)];
const midIndex = f.steps.indexOf(mid);
await check(`${T}: scrolling ${mid.id} into view marks it in the sidebar (aria-current), and j goes on from it`, async () => {
	await page.goto(`${url}#top`);
	await page.evaluate(() => window.scrollTo(0, 0));
	await page.waitForTimeout(300);
	await wheelTo(page, mid.id);
	try {
		await page.waitForFunction(id => {
			const a = document.querySelectorAll('nav#toc a[aria-current="true"]');
			return a.length === 1 && a[0].getAttribute('href') === '#' + id;
		}, mid.id, { timeout: 3000 });
	} catch {
		const s = await state(page);
		throw new Error(`after scrolling ${mid.id} to the top, the sidebar marks [${s.marked.join(' ')}], the steps current are [${s.current.join(' ')}]`);
	}
	const s = await state(page);
	assert(s.current.length === 1 && s.current[0] === mid.id, `the steps current: [${s.current.join(' ')}], want [${mid.id}]`);
	const ch = f.chapters.find(c => c.id === mid.chapter);
	const want = `${ch.name} \u00b7 ${mid.id} \u00b7 ${midIndex + 1} of ${f.steps.length}`;
	assert(s.where.replace(/\s+/g, ' ').trim() === want, `the bar reads "${s.where}", want "${want}"`);
	assert(s.hash === 'top', `scrolling changed the address to #${s.hash}`);
	await page.keyboard.press('j');
	const to = f.steps[midIndex + 1].id;
	await waitFor(page, `#${to} after j on ${mid.id} (in view)`, to => decodeURIComponent(location.hash.slice(1)) === to &&
		document.getElementById(to).classList.contains('current'), to);
	await page.keyboard.press('k');
	await waitFor(page, `#${mid.id} after k on ${to}`, id => decodeURIComponent(location.hash.slice(1)) === id, mid.id);
});

// The last steps of a page may never reach the top of the window: near
// the page's end, scrolled down with the wheel, each is the step in view
// in turn (in the sidebar and the bar), the last one at the end, and the
// wheel back up leaves it.
await check(`${T}: scrolling down to the page's end, each of its last steps is in view in turn`, async () => {
	const { steps } = await facts(page);
	const k = Math.min(6, steps.length - 1), last = steps.map(s => s.id).slice(-k);
	await page.goto(`${url}#top`);
	await page.mouse.move(700, 500);
	// The step before them at the top of the window.
	await page.evaluate(id => {
		const bar = document.querySelector('header.bar').getBoundingClientRect().bottom;
		window.scrollBy(0, document.getElementById(id).getBoundingClientRect().top - bar);
	}, steps[steps.length - 1 - k].id);
	const seen = new Set();
	for (let i = 0; i < 400; i++) {
		await page.mouse.wheel(0, 60);
		await page.waitForTimeout(40);
		const m = await page.evaluate(() => {
			const a = document.querySelector('nav#toc a[aria-current="true"]');
			return { id: a ? a.getAttribute('href').slice(1) : '', end: window.scrollY >= document.documentElement.scrollHeight - innerHeight - 1 };
		});
		seen.add(m.id);
		if (m.end) break;
	}
	await page.waitForTimeout(200);
	const st = await state(page);
	const missed = last.filter(id => !seen.has(id));
	assert(missed.length === 0, `scrolling down to the end, never in view: ${missed.join(', ')} (seen: ${[...seen].join(' ')})`);
	assert(st.marked[0] === last[last.length - 1] && st.where.includes(last[last.length - 1]),
		`at the page's end the sidebar marks ${st.marked} and the bar says "${st.where}", not ${last[last.length - 1]}`);
	await page.mouse.wheel(0, -1200);
	await waitFor(page, `a step before ${last[last.length - 1]} in the sidebar, the wheel back up`, id => {
		const a = document.querySelector('nav#toc a[aria-current="true"]');
		return a && a.getAttribute('href') !== '#' + id;
	}, last[last.length - 1]);
});

await check(`${T}: the sidebar keeps the step in view in sight`, async () => {
	const last = f.steps[f.steps.length - 1].id;
	await page.goto(`${url}#${last}`);
	await waitFor(page, `the sidebar marks ${last}`, id => {
		const a = document.querySelector('nav#toc a[aria-current="true"]');
		if (!a || a.getAttribute('href') !== '#' + id) return false;
		const r = a.getBoundingClientRect(), t = document.getElementById('toc').getBoundingClientRect();
		return r.top >= t.top && r.bottom <= t.bottom;
	}, last);
});

// j and k from a chapter's heading and from the front page.
const second = f.chapters[1], firstOf = ch => f.steps.find(s => s.chapter === ch.id);
await check(`${T}: j on a chapter's heading goes to its first step, k to the step before it; j on the front page to the first`, async () => {
	const s = firstOf(second), before = f.steps[f.steps.indexOf(s) - 1];
	await page.goto(`${url}#${second.id}`);
	await page.waitForTimeout(100);
	await page.keyboard.press('j');
	await waitFor(page, `#${s.id} after j on #${second.id}`, id => decodeURIComponent(location.hash.slice(1)) === id, s.id);
	await page.goto(`${url}#${second.id}`);
	await page.waitForTimeout(100);
	await page.keyboard.press('k');
	await waitFor(page, `#${before.id} after k on #${second.id}`, id => decodeURIComponent(location.hash.slice(1)) === id, before.id);
	await page.goto(`${url}#top`);
	await page.evaluate(() => window.scrollTo(0, 0));
	await page.waitForTimeout(300);
	await page.keyboard.press('j');
	await waitFor(page, `#${f.steps[0].id} after j on the front page`, id => decodeURIComponent(location.hash.slice(1)) === id, f.steps[0].id);
});

await check(`${T}: n and p go to the next and the previous chapter`, async () => {
	const first = f.chapters[0], s = firstOf(first);
	await page.goto(`${url}#${s.id}`);
	await page.waitForTimeout(100);
	await page.keyboard.press('n');
	await waitFor(page, `#${second.id} after n on ${s.id}`, id => decodeURIComponent(location.hash.slice(1)) === id, second.id);
	let w = (await state(page)).where.trim();
	assert(w === second.name, `on #${second.id} the bar reads "${w}", want "${second.name}"`);
	await page.keyboard.press('p');
	await waitFor(page, `#${first.id} after p on #${second.id}`, id => decodeURIComponent(location.hash.slice(1)) === id, first.id);
	await page.keyboard.press('p');
	await waitFor(page, '#top after p on the first chapter', () => location.hash === '#top');
	await page.keyboard.press('n');
	await waitFor(page, `#${first.id} after n on the front page`, id => decodeURIComponent(location.hash.slice(1)) === id, first.id);
	w = (await state(page)).where.trim();
	assert(w === first.name, `on #${first.id} the bar reads "${w}", want "${first.name}"`);
});

await check(`${T}: ? lists the keys, and ? or Escape hides them`, async () => {
	await page.keyboard.press('?');
	const k = await page.evaluate(() => {
		const e = document.getElementById('keys');
		return e && e.getClientRects().length ? e.textContent : null;
	});
	assert(k, 'no #keys shown after ?');
	for (const key of ['j', 'k', 'n', 'p', '/', '?']) assert(k.includes(key), `the keys do not list ${key}: "${k}"`);
	await page.keyboard.press('Escape');
	assert(await page.evaluate(() => document.getElementById('keys').hidden), '#keys still shown after Escape');
	await page.keyboard.press('?');
	await page.keyboard.press('?');
	assert(await page.evaluate(() => document.getElementById('keys').hidden), '#keys still shown after ? twice');
});

await check(`${T}: previous and next links carry their step's title`, async () => {
	const bad = await page.evaluate(() => {
		const out = [], title = id => { const s = document.getElementById(id); return (s.querySelector('h3 .title') || s.querySelector('h3')).textContent.trim(); };
		for (const a of document.querySelectorAll('nav.steps a')) {
			const id = decodeURIComponent(a.getAttribute('href').slice(1)), t = title(id);
			if (!a.textContent.includes(id) || !a.textContent.replace(/\s+/g, ' ').includes(t.replace(/\s+/g, ' '))) out.push(`${a.closest('article').id}: "${a.textContent.trim()}" does not name ${id} "${t}"`);
		}
		return out;
	});
	assert(bad.length === 0, bad.slice(0, 6).join('\n'));
});

await check(`${T}: an excerpt is dedented, and one from inside a definition says which`, async () => {
	const m = await page.evaluate(() => {
		const out = { indented: [], contexts: [] };
		for (const pre of document.querySelectorAll('pre.code')) {
			const lines = [...pre.querySelectorAll('span.line')].map(l => [...l.childNodes].filter(n => !(n.classList && n.classList.contains('ln'))).map(n => n.textContent).join(''))
				.filter(t => /\S/.test(t));
			if (lines.length && lines.every(t => /^[\t ]/.test(t))) out.indented.push(pre.closest('article').id);
		}
		for (const c of document.querySelectorAll('article.step .context')) out.contexts.push(`${c.closest('article').id}: ${c.textContent}`);
		return out;
	});
	assert(m.indented.length === 0, `every line of the excerpt of ${m.indented.slice(0, 5).join(', ')} starts blank: not dedented`);
	if (name === 'fixture') assert(m.contexts.includes('H:015: in heat()'), `contexts: [${m.contexts.join('; ')}], want "H:015: in heat()"`);
	else if (!m.contexts.length) skipCheck('no excerpt of this page starts inside a definition');
});

// Screenshots, at three widths and in both themes.
await check(`${T}: screenshots at 390, 1280 and 1600 px, light and dark: side by side from 1280, stacked at 390`, async () => {
	const at = withCode.length ? withCode[Math.floor(withCode.length / 2)] : f.steps[0].id;
	for (const width of [390, 1280, 1600])
		for (const scheme of ['light', 'dark']) {
			const c = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme, reducedMotion: 'reduce', isMobile: width < 500 });
			const p = await c.newPage();
			await p.goto(`${url}#${at}`, { waitUntil: 'load' });
			await p.waitForTimeout(150);
			await p.screenshot({ path: path.join(art, `layout-${name}-${width}-${scheme}.png`) });
			const bs = (await boxes(p)).filter(b => b.id === at), bad = width < 500 ? stacked(bs) : beside(bs);
			await c.close();
			assert(bs.length === 1 || !withCode.length, `${at} not measured`);
			assert(bad.length === 0, `${width} px, ${scheme}: ${bad.join('; ')}`);
		}
}, 60000);

// No script: the contents and the steps, in order, all readable.
const nojs = await guardedContext(browser, url, { viewport: { width: 1440, height: 900 }, javaScriptEnabled: false });
const npage = await nojs.ctx.newPage();
await check(`${T}: without its script: the contents (a sidebar at 1440 px) and every step, in order, readable`, async () => {
	await npage.goto(url, { waitUntil: 'load' });
	const m = await npage.evaluate(() => ({
		side: getComputedStyle(document.getElementById('toc')).position,
		toc: [...document.querySelectorAll('nav#toc a.toc-step')].filter(a => a.getClientRects().length).map(a => a.getAttribute('href').slice(1)),
		steps: [...document.querySelectorAll('article.step')].filter(s => s.getClientRects().length && s.textContent.trim()).map(s => s.id),
		tops: [...document.querySelectorAll('article.step')].map(s => s.getBoundingClientRect().top),
	}));
	const ids = f.steps.map(s => s.id);
	assert(m.side === 'fixed', `at 1440 px nav#toc is position: ${m.side}: no sidebar without the script`);
	assert(m.toc.join() === ids.join(), `the contents show [${m.toc.slice(0, 8)}...], want every step`);
	assert(m.steps.join() === ids.join(), `the steps shown: [${m.steps.slice(0, 8)}...]`);
	assert(m.tops.every((t, i) => i === 0 || t > m.tops[i - 1]), 'the steps are not one below the other, in order');
});

const all = {};
for (const k of Object.keys(wide.events)) all[k] = wide.events[k].concat(phone.events[k], nojs.events[k]);
guardChecks(all, T);
await browser.close();
process.exit(exitCode());
