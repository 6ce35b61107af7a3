// tests/browser/lib.mjs: what the browser tests share.  Debian's Chromium,
// driven by playwright-core (never a downloaded browser); a context that
// records everything a self-contained page must never do; and TAP-like
// lines in the style of tests/lib.sh.
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { spawn } from 'node:child_process';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
// Without the background-networking flags Chromium tries to reach Google.
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
	'--no-first-run', '--disable-background-networking',
	'--disable-component-update', '--disable-sync'];

let failed = 0;
// One line a check, as tests/lib.sh prints them; details as "#   " lines.
export function ok(name) { console.log(`ok - ${name}`); }
export function notOk(name, detail) {
	console.log(`not ok - ${name}`);
	if (detail) console.log(String(detail).split('\n').map(l => `#   ${l}`).join('\n'));
	failed = 1;
}
export function skip(name, why) { console.log(`skip - ${name}: ${why}`); }
export function exitCode() { return failed; }

// The check now running: what a stray event is blamed on.
export let current = '(loading)';

// Thrown by skipCheck(WHY): the check does not apply to this page.
class Skip extends Error {}
export function skipCheck(why) { throw new Skip(why); }

// check(NAME, FN): run FN; it passes unless it throws.  Fails, never throws.
export async function check(name, fn, timeoutMs = 15000) {
	current = name;
	let timer;
	try {
		await Promise.race([fn(), new Promise((_, no) => {
			timer = setTimeout(() => no(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
		})]);
		ok(name);
		return true;
	} catch (e) {
		if (e instanceof Skip) { skip(name, e.message); return true; }
		notOk(name, e && e.message ? e.message.split('\n').slice(0, 12).join('\n') : e);
		return false;
	} finally {
		clearTimeout(timer);
	}
}

export function assert(cond, msg) { if (!cond) throw new Error(msg); }

// usage: [--opt VALUE]... PAGE.html ARTIFACT_DIR; returns { page, art, opts }.
export function parseArgs(argv, usage, multi = []) {
	const opts = {}, pos = [];
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a.startsWith('--')) {
			const k = a.slice(2), v = argv[++i];
			if (v === undefined) { console.error(usage); process.exit(2); }
			if (multi.includes(k)) (opts[k] ||= []).push(v); else opts[k] = v;
		} else pos.push(a);
	}
	if (pos.length !== 2) { console.error(usage); process.exit(2); }
	return { file: path.resolve(pos[0]), art: path.resolve(pos[1]), opts };
}

export const fileUrl = file => pathToFileURL(file).href;
const noHash = u => u.replace(/#.*$/, '');

export async function launch() {
	return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

// A context that loads nothing but PAGE_URL and records what goes wrong:
// requests for anything else (aborted, too), console errors, uncaught
// exceptions, Content-Security-Policy violations, dialogs.  `events`
// lists them, each with the check that was running.  ALLOW(URL), for a
// book of many pages: the URLs that may load besides.
export async function guardedContext(browser, pageUrl, options = {}, allow = null) {
	const ctx = await browser.newContext({ bypassCSP: false, serviceWorkers: 'block', ...options });
	const events = { requests: [], console: [], errors: [], csp: [], dialogs: [], warnings: [] };
	const allowed = u => noHash(u) === noHash(pageUrl) || u.startsWith('data:') || (allow !== null && allow(noHash(u)));
	ctx.on('request', r => { if (!allowed(r.url())) events.requests.push(`${r.url().slice(0, 200)} (during ${current})`); });
	await ctx.route('**/*', r => (allowed(r.request().url()) ? r.continue() : r.abort('blockedbyclient')));
	ctx.on('console', m => {
		const text = `${m.text().slice(0, 300)} (during ${current})`;
		if (m.type() === 'error') events.console.push(text);
		else if (m.type() === 'warning') events.warnings.push(text);
	});
	ctx.on('weberror', e => events.errors.push(`${e.error().message} (during ${current})`));
	ctx.on('dialog', d => { events.dialogs.push(`${d.type()}: ${d.message()} (during ${current})`); d.dismiss().catch(() => {}); });
	// A violation is what an injected inline script or handler, or a
	// stale hash, looks like under the page's policy.
	await ctx.exposeBinding('__questCspViolation', (_src, v) => events.csp.push(`${v} (during ${current})`));
	await ctx.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', e => {
			window.__questCspViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}: ${String(e.sample || '').slice(0, 80)}`);
		});
	});
	return { ctx, events };
}

// The checks every run ends with: nothing loaded, logged or thrown.
export function guardChecks(events, prefix) {
	const one = (name, list) => (list.length ? notOk(name, list.slice(0, 20).join('\n')) : ok(name));
	one(`${prefix}: no request but the page itself`, events.requests);
	one(`${prefix}: no console error`, events.console);
	one(`${prefix}: no uncaught exception`, events.errors);
	one(`${prefix}: no Content-Security-Policy violation`, events.csp);
	one(`${prefix}: no dialog`, events.dialogs);
	for (const w of events.warnings) console.log(`# console warning: ${w}`);
}

// Elements of the DOM that would load something or run script, found in
// the page itself: an external resource, an inline handler, a script URL.
// Runs in the page; ARG.csp: the page must have its policy <meta>.
export function dangerousMarkup(arg = { csp: true }) {
	const bad = [];
	const scriptUrl = v => /^[\u0000-\u0020]*(j[\s]*a[\s]*v[\s]*a[\s]*s[\s]*c[\s]*r[\s]*i[\s]*p[\s]*t|vbscript|data[\s]*:[\s]*text\/html)[\s]*:/i.test(v);
	const describe = el => el.outerHTML.slice(0, 120);
	for (const el of document.querySelectorAll('*')) {
		const tag = el.localName;
		for (const a of el.attributes) {
			const n = a.name.toLowerCase();
			if (n.startsWith('on')) bad.push(`inline handler ${n}: ${describe(el)}`);
			else if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'srcdoc', 'background', 'ping'].includes(n)) {
				if (scriptUrl(a.value) || n === 'srcdoc') bad.push(`${n}=${a.value.slice(0, 60)}: ${describe(el)}`);
				else if (n !== 'href' && !/^data:image\//i.test(a.value)) bad.push(`loads ${a.value.slice(0, 60)}: ${describe(el)}`);
			}
		}
		if (['iframe', 'frame', 'object', 'embed', 'base', 'form', 'link', 'audio', 'video', 'source', 'applet', 'portal'].includes(tag))
			bad.push(`<${tag}>: ${describe(el)}`);
		if (tag === 'meta' && el.httpEquiv && !/^content-security-policy$/i.test(el.httpEquiv))
			bad.push(`meta http-equiv=${el.httpEquiv}: ${describe(el)}`);
	}
	const scripts = document.querySelectorAll('script').length, styles = document.querySelectorAll('style').length;
	if (scripts !== 1) bad.push(`${scripts} <script> elements, not 1`);
	if (styles !== 1) bad.push(`${styles} <style> elements, not 1`);
	if (arg.csp && document.querySelectorAll('meta[http-equiv="Content-Security-Policy" i]').length !== 1)
		bad.push('not exactly one Content-Security-Policy <meta>');
	for (const s of document.styleSheets) {
		try {
			for (const r of s.cssRules) if (/url\(\s*['"]?(?!data:)|@import/i.test(r.cssText)) bad.push(`CSS loads something: ${r.cssText.slice(0, 80)}`);
		} catch (e) { bad.push(`unreadable style sheet ${s.href}`); }
	}
	return bad;
}

// quest serve on a tree: serveStart(QUEST, TREE, ARGS) resolves, once the
// server has printed its URL, to { p, url, err() }; serveStop(S) sends
// SIGTERM and resolves to its exit status.
export function serveStart(quest, tree, args) {
	return new Promise((resolve, reject) => {
		const p = spawn(quest, ['-C', tree, 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '', err = '';
		p.stdout.on('data', d => {
			out += d;
			const nl = out.indexOf('\n');
			if (nl >= 0) resolve({ p, url: out.slice(0, nl), err: () => err });
		});
		p.stderr.on('data', d => { err += d; });
		p.on('exit', c => reject(new Error(`quest serve exited ${c}: ${err}`)));
	});
}
export function serveStop(s) {
	return new Promise(resolve => {
		if (s.p.exitCode !== null) { resolve(s.p.exitCode); return; }
		s.p.removeAllListeners('exit');
		s.p.on('exit', c => resolve(c));
		s.p.kill('SIGTERM');
	});
}
// Until fn(arg) is true in the page, else an error naming what.
export async function waitFor(page, what, fn, arg, ms = 5000) {
	try {
		await page.waitForFunction(fn, arg, { timeout: ms });
	} catch {
		throw new Error(`after ${ms / 1000} s, still not: ${what}`);
	}
}
