// SPDX-License-Identifier: ISC (see LICENSE)
// bench/lsp-client.js: a small LSP client for bench/lsp.sh, which times
// quest lsp from the client's side.  Node.js, which ./setup installs to
// build quest, and nothing else.
//
//   node lsp-client.js init ROOT CMD...
//       initialize on ROOT: the seconds from the request to its answer
//   node lsp-client.js changes ROOT FILE N M CMD...
//       open FILE, then M didChange notifications (a character typed at
//       the end of a step's tag line, then taken away), each timed to the
//       publishDiagnostics of its version; prints the median and the 90th
//       percentile of the first N in ms, and the server's resident memory
//       after N and after M changes, in KB (from /proc)
//   node lsp-client.js session ROOT FILE CMD...
//       a session that asks for everything once; exit status 0 when every
//       request was answered and the server exited 0
"use strict";
const { spawn } = require("child_process");
const fs = require("fs");
const path = require("path");

class Client {
	constructor(cmd) {
		this.proc = spawn(cmd[0], cmd.slice(1), { stdio: ["pipe", "pipe", "inherit"] });
		this.buf = Buffer.alloc(0);
		this.id = 0;
		this.pending = new Map();
		this.waiters = [];
		this.proc.stdout.on("data", (d) => this.data(d));
		this.exited = new Promise((res) => this.proc.on("exit", (code) => res(code)));
	}
	data(d) {
		this.buf = Buffer.concat([this.buf, d]);
		for (;;) {
			const end = this.buf.indexOf("\r\n\r\n");
			if (end < 0)
				return;
			const m = /Content-Length: *(\d+)/i.exec(this.buf.slice(0, end).toString());
			const len = Number(m[1]);
			if (this.buf.length < end + 4 + len)
				return;
			const msg = JSON.parse(this.buf.slice(end + 4, end + 4 + len).toString());
			this.buf = this.buf.slice(end + 4 + len);
			this.dispatch(msg);
		}
	}
	dispatch(msg) {
		if (msg.id !== undefined && msg.method === undefined) {
			const p = this.pending.get(msg.id);
			this.pending.delete(msg.id);
			if (p)
				p(msg);
			return;
		}
		if (msg.id !== undefined)	// a request of the server's
			this.send({ jsonrpc: "2.0", id: msg.id, result: null });
		this.waiters = this.waiters.filter((w) => !(w.pred(msg) && (w.res(msg), true)));
	}
	send(msg) {
		const body = Buffer.from(JSON.stringify(msg));
		this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
		this.proc.stdin.write(body);
	}
	request(method, params) {
		const id = ++this.id;
		return new Promise((res) => {
			this.pending.set(id, res);
			this.send({ jsonrpc: "2.0", id, method, params });
		});
	}
	notify(method, params) {
		this.send({ jsonrpc: "2.0", method, params });
	}
	wait(pred) {
		return new Promise((res) => this.waiters.push({ pred, res }));
	}
	async initialize(root) {
		const r = await this.request("initialize", { processId: process.pid,
		    rootUri: "file://" + root, capabilities: {
			textDocument: { hover: { contentFormat: ["markdown"] },
			    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
			    rename: { prepareSupport: true } } } });
		this.notify("initialized", {});
		return r;
	}
	async close() {
		await this.request("shutdown", null);
		this.notify("exit", null);
		this.proc.stdin.end();
		return this.exited;
	}
	rss() {
		const s = fs.readFileSync(`/proc/${this.proc.pid}/status`, "utf8");
		return Number(/VmRSS:\s*(\d+)/.exec(s)[1]);
	}
}

const now = () => Number(process.hrtime.bigint()) / 1e6;
const pct = (v, p) => {
	const s = [...v].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.floor(s.length * p))];
};
const median = (v) => {
	const s = [...v].sort((a, b) => a - b), n = s.length;
	return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};

// The line of the first tag in text, and its length in UTF-16 units.
function tagLine(text) {
	const lines = text.split("\n");
	for (let i = 0; i < lines.length; i++)
		if (/(\/\*|\/\/|#)[A-Z]+:[0-9]+/.test(lines[i]))
			return { line: i, len: lines[i].length, lines };
	return { line: 0, len: lines[0].length, lines };
}

async function main() {
	const [mode, root] = process.argv.slice(2, 4);
	if (mode === "init") {
		const c = new Client(process.argv.slice(4));
		const t0 = now();
		const r = await c.initialize(root);
		const t1 = now();
		if (!r.result)
			throw new Error(JSON.stringify(r.error));
		console.log(((t1 - t0) / 1000).toFixed(3));
		process.exit(await c.close());
	}
	const file = process.argv[4];
	const uri = "file://" + path.join(root, file);
	const text = fs.readFileSync(path.join(root, file), "utf8");
	if (mode === "changes") {
		const n = Number(process.argv[5]), m = Number(process.argv[6]);
		const c = new Client(process.argv.slice(7));
		await c.initialize(root);
		let v = 1;
		const opened = c.wait((x) => x.method === "textDocument/publishDiagnostics" &&
		    x.params.uri === uri && x.params.version === v);
		c.notify("textDocument/didOpen", { textDocument: { uri, languageId: "c", version: v, text } });
		await opened;
		const { line, len } = tagLine(text);
		const times = [];
		let rssN = 0;
		for (let i = 0; i < m; i++) {
			v++;
			const typed = i % 2 === 0;
			const range = typed ?
			    { start: { line, character: len }, end: { line, character: len } } :
			    { start: { line, character: len }, end: { line, character: len + 1 } };
			const want = v;
			const got = c.wait((x) => x.method === "textDocument/publishDiagnostics" &&
			    x.params.uri === uri && x.params.version === want);
			const t0 = now();
			c.notify("textDocument/didChange", { textDocument: { uri, version: v },
			    contentChanges: [{ range, text: typed ? "x" : "" }] });
			await got;
			if (i < n)
				times.push(now() - t0);
			if (i + 1 === n)
				rssN = c.rss();
		}
		const rssM = c.rss();
		console.log(`${median(times).toFixed(2)} ${pct(times, 0.9).toFixed(2)} ${rssN} ${rssM}`);
		process.exit(await c.close());
	}
	if (mode === "session") {
		const c = new Client(process.argv.slice(5));
		await c.initialize(root);
		c.notify("textDocument/didOpen", { textDocument: { uri, languageId: "c", version: 1, text } });
		const { line, len, lines } = tagLine(text);
		const at = (l, ch) => ({ textDocument: { uri }, position: { line: l, character: ch } });
		let v = 1, bad = 0;
		for (let i = 0; i < 20; i++)
			c.notify("textDocument/didChange", { textDocument: { uri, version: ++v },
			    contentChanges: [{ range: { start: { line, character: len }, end: { line, character: len + (i % 2) } },
			    text: i % 2 ? "" : "x" }] });
		// A cross-reference, or the tag again when the file has none.
		let ref = lines.findIndex((l) => /\[[A-Z]+:[0-9]+\]/.test(l));
		const refch = ref >= 0 ? lines[ref].search(/\[[A-Z]+:[0-9]+\]/) + 1 : 3;
		if (ref < 0)
			ref = line;
		const asks = [
			["textDocument/hover", at(line, 3)],
			["textDocument/hover", at(ref, refch)],
			["textDocument/definition", at(ref, refch)],
			["textDocument/references", Object.assign(at(line, 3), { context: { includeDeclaration: true } })],
			["textDocument/documentSymbol", { textDocument: { uri } }],
			["workspace/symbol", { query: "the" }],
			["textDocument/codeLens", { textDocument: { uri } }],
			["textDocument/completion", at(line, 2)],
			["textDocument/prepareRename", at(line, 3)],
			["textDocument/rename", Object.assign(at(line, 3), { newName: "999" })],
			["no/such/method", {}],
		];
		for (const [method, params] of asks) {
			const r = await c.request(method, params);
			if (r.error && method !== "no/such/method") {
				console.error(`${method}: ${r.error.message}`);
				bad++;
			}
		}
		c.notify("textDocument/didClose", { textDocument: { uri } });
		const code = await c.close();
		process.exit(bad > 0 ? 1 : code);
	}
	throw new Error("lsp-client.js: no mode " + mode);
}
main().catch((e) => { console.error(e); process.exit(3); });
