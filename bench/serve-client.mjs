#!/usr/bin/env node
// bench/serve-client.mjs: quest serve timed from outside, by bench/serve.sh.
//
//   node serve-client.mjs edits QUEST TREE N [sse]
//     N edits of a step's prose, one at a time: from the write of the
//     file to the `change` event that holds the new prose (read from
//     /events), and to the page in Chromium showing it (a
//     MutationObserver, then the next frame).  Prints the medians and
//     90th percentiles, in ms: "sse_med sse_p90 page_med page_p90 ID";
//     with sse, no browser (the page's figures NaN).
//   node serve-client.mjs load QUEST TREE STREAMS REQUESTS
//     STREAMS pages holding /events while REQUESTS GETs of the book are
//     made, 16 at a time; prints "answered failed rss_before rss_after
//     rss_settled hellos" (KB, from /proc: before the load, after three
//     edits, at its end, and after the streams are gone and three edits
//     more were made).
//   [SERVE_ARGS=...] node serve-client.mjs session TREE N COMMAND...
//     COMMAND (quest serve under valgrind, say) on TREE, N edits of a
//     step's prose, each waited for on /events (with a duplicate
//     number planted and removed every tenth), then SIGTERM; prints
//     "edits events exit_status".
import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const top = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [mode, quest, tree, a, b] = process.argv.slice(2);

function start() {
	return new Promise((resolve, reject) => {
		const p = spawn(quest, ['-C', tree, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
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
const rss = pid => Number((fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/) || [0, 0])[1]);
const sleep = ms => new Promise(r => setTimeout(r, ms));
const pct = (v, p) => { const s = [...v].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(s.length * p))]; };
const fmt = x => x.toFixed(1);

// A stream of /events: calls onEvent(name, data) for each event.
function stream(url, onEvent) {
	return new Promise((resolve, reject) => {
		const req = http.get(url + 'events', res => {
			let buf = '';
			res.setEncoding('utf8');
			res.on('data', d => {
				buf += d;
				let i;
				while ((i = buf.indexOf('\n\n')) >= 0) {
					const block = buf.slice(0, i);
					buf = buf.slice(i + 2);
					let name = 'message', data = '';
					for (const l of block.split('\n')) {
						if (l.startsWith('event: ')) name = l.slice(7);
						else if (l.startsWith('data: ')) data += l.slice(6);
					}
					if (data) onEvent(name, data);
				}
			});
			resolve(req);
		});
		req.on('error', reject);
	});
}

// The step to edit: the first, in the largest file of the tree with
// tags, whose comment has three lines or more; its last line of prose
// (not its title: the edit of a paragraph, the common case).  Else the
// first step's tag line.
function target() {
	const files = [];
	const walk = d => {
		for (const e of fs.readdirSync(d, { withFileTypes: true })) {
			const p = path.join(d, e.name);
			if (e.isDirectory() && e.name !== '.git') walk(p);
			else if (e.isFile() && /\.[ch]$/.test(e.name)) files.push([fs.statSync(p).size, p]);
		}
	};
	walk(tree);
	files.sort((x, y) => y[0] - x[0]);
	for (const [, f] of files) {
		const lines = fs.readFileSync(f, 'utf8').split('\n');
		for (let i = 0; i + 1 < lines.length; i++) {
			const m = lines[i].match(/\/\*([A-Z]+:[0-9]+)\b/);
			if (!m || lines[i].includes('*/')) continue;
			let j = i + 1;
			while (j < lines.length && !lines[j].includes('*/')) j++;
			if (j - i >= 3 && /^\s*\*\s+\S/.test(lines[j - 1]))
				return { file: f, line: j - 1, id: m[1] };
		}
	}
	// Else a step of one line of prose: that line, its title.
	for (const [, f] of files) {
		const lines = fs.readFileSync(f, 'utf8').split('\n');
		for (let i = 0; i < lines.length; i++) {
			const m = lines[i].match(/\/\*([A-Z]+:[0-9]+)\b/);
			if (m && !lines[i].includes('*/')) return { file: f, line: i, id: m[1] };
		}
	}
	throw new Error('no step to edit');
}

let child = null;
process.on('exit', () => { if (child && child.exitCode === null) child.kill('SIGTERM'); });
if (mode === 'edits') {
	const n = Number(a);
	const s = await start();
	child = s.p;
	const t = target();
	const orig = fs.readFileSync(t.file, 'utf8').split('\n');
	let want = null, got = null;
	await stream(s.url, (name, data) => {
		if (name === 'change' && want && data.includes(want.marker)) { got = Date.now(); want.done(); }
	});
	const browse = b !== 'sse';
	const { chromium } = await import(path.join(top, 'tests/browser/node_modules/playwright-core/index.mjs'));
	const browser = browse ? await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] }) : null;
	const page = browse ? await browser.newPage() : null;
	// A book of many pages: its index page sends #ID on to the step's.
	const split = (await (await fetch(s.url)).text()).includes('src="live.js"');
	if (browse) try {
		await page.goto(`${s.url}#${t.id}`, { timeout: 600000, waitUntil: 'domcontentloaded' });
		if (split) await page.waitForURL(u => /\.html$/.test(u.pathname) && !u.pathname.endsWith('/index.html'), { timeout: 60000 });
		await page.waitForFunction(() => document.documentElement.getAttribute('data-live') === 'on', undefined, { timeout: 600000 });
	} catch (e) {
		s.p.kill('SIGTERM');
		throw e;
	}
	const sse = [], shown = [];
	for (let k = 0; k < n; k++) {
		const marker = `zqx${k}q`;
		if (browse) await page.evaluate(([id, m]) => {
			window.__shown = new Promise(res => {
				const seen = () => { const el = document.getElementById(id); return el && el.textContent.includes(m); };
				const ob = new MutationObserver(() => {
					if (seen()) { ob.disconnect(); requestAnimationFrame(() => res(Date.now())); }
				});
				ob.observe(document.querySelector('main'), { subtree: true, childList: true, characterData: true });
			});
		}, [t.id, marker]);
		const lines = [...orig];
		lines[t.line] += ' ' + marker;
		const ev = new Promise(done => { want = { marker, done }; });
		const t0 = Date.now();
		fs.writeFileSync(t.file, lines.join('\n'));
		await ev;
		sse.push(got - t0);
		if (browse) shown.push(await page.evaluate(() => window.__shown) - t0);
		else shown.push(NaN);
		want = null;
		await sleep(150);
	}
	fs.writeFileSync(t.file, orig.join('\n'));
	if (browse) await browser.close();
	s.p.kill('SIGTERM');
	console.log(`${fmt(pct(sse, 0.5))} ${fmt(pct(sse, 0.9))} ${fmt(pct(shown, 0.5))} ${fmt(pct(shown, 0.9))} ${t.id}`);
	process.exit(0);
} else if (mode === 'session') {
	// Here QUEST is the tree and TREE the count: session TREE N CMD...
	const dir = quest, n = Number(tree), cmd = process.argv.slice(5);
	// SERVE_ARGS: more of serve's options (--split), split at spaces.
	const more = (process.env.SERVE_ARGS || '').split(' ').filter(Boolean);
	const p = spawn(cmd[0], [...cmd.slice(1), '-C', dir, 'serve', '--port', '0', ...more], { stdio: ['ignore', 'pipe', 'inherit'] });
	const url = await new Promise(resolve => {
		let out = '';
		p.stdout.on('data', d => { out += d; const nl = out.indexOf('\n'); if (nl >= 0) resolve(out.slice(0, nl)); });
	});
	let seen = 0, wake = null;
	await stream(url, () => { seen++; if (wake) wake(); });
	const next = async k => {
		const until = seen + k;
		const t0 = Date.now();
		while (seen < until && Date.now() - t0 < 60000) await new Promise(r => { wake = r; setTimeout(r, 500); });
	};
	await next(1);	// hello
	const rel = fs.readdirSync(dir, { recursive: true }).filter(f => /\.c$/.test(f))[0];
	const f = path.join(dir, rel);
	const orig = fs.readFileSync(f, 'utf8');
	let events = 0;
	for (let k = 0; k < n; k++) {
		const before = seen;
		if (k % 10 === 9) fs.writeFileSync(path.join(dir, 'twice.c'), '/' + '*G:010 Twice.\n *' + '/\n');
		else if (k % 10 === 0 && k > 0) fs.rmSync(path.join(dir, 'twice.c'), { force: true });
		else fs.writeFileSync(f, orig.replace(/\*\//, ` edit ${k} */`));
		await next(1);
		events += seen > before;
	}
	p.kill('SIGTERM');
	const rc = await new Promise(r => p.on('exit', (c, sig) => r(c === null ? 128 : c)));
	console.log(`${n} ${events} ${rc}`);
	process.exit(0);
} else if (mode === 'load') {
	const nstreams = Number(a), nreq = Number(b);
	const s = await start();
	child = s.p;
	const pid = s.p.pid;
	const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
	const get = () => new Promise(resolve => {
		const req = http.get(s.url, { agent }, res => {
			let n = 0;
			res.on('data', d => { n += d.length; });
			res.on('end', () => resolve(res.statusCode === 200 && n > 0));
		});
		req.on('error', () => resolve(false));
	});
	// Warm: a few requests and edits first, so that the level is the
	// server's own, as it runs, before the load.
	const t = target();
	const orig = fs.readFileSync(t.file, 'utf8');
	const edits = async tag => {
		for (let k = 0; k < 3; k++) {
			fs.writeFileSync(t.file, orig.replace(/\n/, ` z${tag}${k}\n`));
			await sleep(400);
		}
		fs.writeFileSync(t.file, orig);
		await sleep(600);
	};
	for (let i = 0; i < 20; i++) await get();
	await edits('warm');
	const before = rss(pid);
	const streams = [];
	let hellos = 0;
	for (let i = 0; i < nstreams; i++) streams.push(await stream(s.url, name => { if (name === 'hello') hellos++; }));
	let answered = 0, failed = 0, next = 0;
	const worker = async () => {
		while (next < nreq) {
			next++;
			if (await get()) answered++; else failed++;
		}
	};
	await Promise.all(Array.from({ length: 16 }, worker));
	const during = rss(pid);
	for (const r of streams) r.destroy();
	agent.destroy();
	// The server learns of the closed streams as it next writes to them.
	await edits('load');
	const after = rss(pid);
	s.p.kill('SIGTERM');
	console.log(`${answered} ${failed} ${before} ${during} ${after} ${hellos}`);
	process.exit(0);
}
