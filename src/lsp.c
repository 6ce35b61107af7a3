/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * lsp.c: the language server's loop, its one table of methods, and the
 * lifecycle (initialize, shutdown, exit); what the handlers share.
 */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lsp.h"

/* How much the loop reads at a time. */
#define CHUNK	((size_t)256 << 10)

/* stdout is the protocol's: what the server says for people is stderr's. */
static void
logmsg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
logmsg(const char *fmt, ...)
{
	va_list ap;
	char *msg, *p;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	/* No control byte of a client's reaches a terminal. */
	for (p = msg; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	fprintf(stderr, "quest lsp: %s\n", msg);
	free(msg);
}

/* Write out what waits; a client gone ends the server. */
static void
flush(struct lsp *s)
{
	size_t at = 0;
	ssize_t n;

	while (at < s->outb.len) {
		n = write(s->out, s->outb.p + at, s->outb.len - at);
		if (n == -1 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n <= 0) {
			if (!s->done)
				logmsg("cannot write to the client: %s",
				    strerror(errno));
			s->done = 1;
			s->status = 2;
			break;
		}
		at += (size_t)n;
	}
	s->outb.len = 0;
}

static void
send_msg(struct lsp *s, json_t *msg)
{
	lsp_frame_json(&s->outb, msg);
	json_decref(msg);
	flush(s);
}

static json_t *
message(void)
{
	json_t *m = json_object();

	json_object_set_new(m, "jsonrpc", json_string("2.0"));
	return m;
}

/* Answer a request: result (taken), or an error when result is NULL. */
static void
reply(struct lsp *s, json_t *id, json_t *result, int code, const char *err)
{
	json_t *m = message(), *e;

	json_object_set(m, "id", id != NULL ? id : json_null());
	if (result != NULL)
		json_object_set_new(m, "result", result);
	else {
		e = json_object();
		json_object_set_new(e, "code", json_integer(code));
		json_object_set_new(e, "message", lsp_jstr(err));
		json_object_set_new(m, "error", e);
	}
	send_msg(s, m);
}

void
lsp_notify(struct lsp *s, const char *method, json_t *params)
{
	json_t *m = message();

	json_object_set_new(m, "method", json_string(method));
	json_object_set_new(m, "params", params);
	send_msg(s, m);
}

void
lsp_request(struct lsp *s, const char *method, json_t *params)
{
	json_t *m = message();

	json_object_set_new(m, "id", json_integer(s->next_id++));
	json_object_set_new(m, "method", json_string(method));
	json_object_set_new(m, "params", params);
	send_msg(s, m);
}

/*
 * Positions.
 */

json_t *
lsp_jpos(const struct lsp *s, const struct lsp_text *tx, size_t off)
{
	json_t *p = json_object();
	size_t line = 0, ch = 0;

	if (tx != NULL)
		lsp_text_pos(tx, off, s->caps.enc, &line, &ch);
	json_object_set_new(p, "line", json_integer((json_int_t)line));
	json_object_set_new(p, "character", json_integer((json_int_t)ch));
	return p;
}

json_t *
lsp_jrange(const struct lsp *s, const struct lsp_text *tx, size_t a,
    size_t b)
{
	json_t *r = json_object();

	json_object_set_new(r, "start", lsp_jpos(s, tx, a));
	json_object_set_new(r, "end", lsp_jpos(s, tx, b));
	return r;
}

json_t *
lsp_jtag_range(struct lsp *s, const struct step *st)
{
	return lsp_jrange(s, ws_text(&s->ws, st->file->path), st->tag_off,
	    st->tag_off + st->tag_len);
}

json_t *
lsp_jtag_loc(struct lsp *s, const struct step *st)
{
	json_t *l = json_object();
	char *uri = ws_uri(&s->ws, st->file->path);

	json_object_set_new(l, "uri", lsp_jstr(uri));
	json_object_set_new(l, "range", lsp_jtag_range(s, st));
	free(uri);
	return l;
}

void
lsp_step_place(struct buf *b, const struct step *st)
{
	buf_printf(b, "%s, step %zu of %zu", st->chapter->name,
	    st->index + 1, st->chapter->nsteps);
}

int
lsp_get_uint(json_t *o, const char *key, size_t *v)
{
	json_t *j = json_object_get(o, key);

	if (!json_is_integer(j) || json_integer_value(j) < 0)
		return -1;
	*v = (size_t)json_integer_value(j);
	return 0;
}

int
lsp_doc_param(struct lsp *s, json_t *params, struct lsp_at *at,
    struct lsp_error *err)
{
	json_t *td = json_object_get(params, "textDocument");
	json_t *uri = json_object_get(td, "uri");

	memset(at, 0, sizeof(*at));
	if (!json_is_string(uri))
		return lsp_fail(err, LSP_INVALID_PARAMS,
		    "textDocument.uri is missing");
	at->uri = json_string_value(uri);
	if ((at->path = ws_path(&s->ws, at->uri)) == NULL)
		return lsp_fail(err, LSP_INVALID_PARAMS, "%s is outside the "
		    "workspace, %s: quest serves the files of its tour only",
		    at->uri, s->ws.lroot ? s->ws.lroot : "(none)");
	if ((at->doc = ws_doc(&s->ws, at->uri)) != NULL && at->doc->big) {
		lsp_at_free(at);
		return lsp_fail(err, LSP_REQUEST_FAILED, "the document is "
		    "larger than %zu bytes: quest does not serve it",
		    LSP_DOC_MAX);
	}
	at->f = ws_file(&s->ws, at->path);
	at->tx = ws_text(&s->ws, at->path);
	return 0;
}

int
lsp_at_param(struct lsp *s, json_t *params, struct lsp_at *at,
    struct lsp_error *err)
{
	json_t *pos = json_object_get(params, "position");
	size_t line, ch;

	if (lsp_get_uint(pos, "line", &line) == -1 ||
	    lsp_get_uint(pos, "character", &ch) == -1)
		return lsp_fail(err, LSP_INVALID_PARAMS, "position is "
		    "missing, or not two numbers from 0");
	if (lsp_doc_param(s, params, at, err) == -1)
		return -1;
	if (at->tx != NULL)
		at->off = lsp_text_off(at->tx, line, ch, s->caps.enc);
	return 0;
}

void
lsp_at_free(struct lsp_at *at)
{
	free(at->path);
	at->path = NULL;
}

/* The tour up to date, and the client told. */
static void
sync_ws(struct lsp *s)
{
	if (!s->have_ws)
		return;
	(void)ws_build(&s->ws);
	if (s->ws.unpublished) {
		s->ws.unpublished = 0;
		lsp_publish(s);
	}
}

/*
 * The lifecycle.
 */

/* What the load passed over, said after initialize's answer. */
static char	**warned;
static size_t	  nwarned;

static void
load_warn(const char *msg)
{
	warned = xreallocarray(warned, nwarned + 1, sizeof(*warned));
	warned[nwarned++] = xstrdup(msg);
}

static void
tell_warnings(struct lsp *s)
{
	json_t *p;
	size_t i;

	for (i = 0; i < nwarned; i++) {
		p = json_object();
		json_object_set_new(p, "type", json_integer(2));
		json_object_set_new(p, "message", lsp_jstr(warned[i]));
		lsp_notify(s, "window/showMessage", p);
		free(warned[i]);
	}
	free(warned);
	warned = NULL;
	nwarned = 0;
}

int
lsp_reload(struct lsp *s, struct lsp_error *err)
{
	char *e = NULL;

	if (ws_reload(&s->ws, load_warn, &e) == 0) {
		tell_warnings(s);
		return 0;
	}
	lsp_fail(err, LSP_REQUEST_FAILED, "cannot read the workspace "
	    "again: %s", e);
	free(e);
	return -1;
}

static int
has_string(json_t *arr, const char *s)
{
	size_t i;
	json_t *v;

	json_array_foreach(arr, i, v)
		if (json_is_string(v) && strcmp(json_string_value(v), s) == 0)
			return 1;
	return 0;
}

static json_t *
path_get(json_t *o, const char *dotted)
{
	char key[64];
	const char *p = dotted, *e;

	while (o != NULL && *p) {
		e = strchrnul(p, '.');
		(void)snprintf(key, sizeof(key), "%.*s", (int)(e - p), p);
		o = json_object_get(o, key);
		p = *e ? e + 1 : e;
	}
	return o;
}

static void
client_caps(struct lsp *s, json_t *c)
{
	json_t *fmt = path_get(c, "textDocument.hover.contentFormat"), *v;
	size_t i;

	memset(&s->caps, 0, sizeof(s->caps));
	s->caps.enc = has_string(path_get(c, "general.positionEncodings"),
	    "utf-8") ? LSP_UTF8 : LSP_UTF16;
	/* The client's first choice of the two. */
	json_array_foreach(fmt, i, v) {
		if (!json_is_string(v))
			continue;
		if (strcmp(json_string_value(v), "markdown") == 0) {
			s->caps.markdown = 1;
			break;
		}
		if (strcmp(json_string_value(v), "plaintext") == 0)
			break;
	}
	s->caps.hier_symbols = json_is_true(path_get(c,
	    "textDocument.documentSymbol.hierarchicalDocumentSymbolSupport"));
	s->caps.doc_changes = json_is_true(path_get(c,
	    "workspace.workspaceEdit.documentChanges"));
	s->caps.watch = json_is_true(path_get(c,
	    "workspace.didChangeWatchedFiles.dynamicRegistration"));
	s->caps.prepare = json_is_true(path_get(c,
	    "textDocument.rename.prepareSupport"));
}

static json_t *
server_caps(const struct lsp *s)
{
	json_t *c = json_object(), *o, *a;

	json_object_set_new(c, "positionEncoding",
	    json_string(s->caps.enc == LSP_UTF8 ? "utf-8" : "utf-16"));
	o = json_object();
	json_object_set_new(o, "openClose", json_true());
	/* 2: incremental. */
	json_object_set_new(o, "change", json_integer(2));
	json_object_set_new(o, "save", json_object());
	json_object_set_new(c, "textDocumentSync", o);
	json_object_set_new(c, "hoverProvider", json_true());
	json_object_set_new(c, "definitionProvider", json_true());
	json_object_set_new(c, "referencesProvider", json_true());
	json_object_set_new(c, "documentSymbolProvider", json_true());
	json_object_set_new(c, "workspaceSymbolProvider", json_true());
	o = json_object();
	json_object_set_new(o, "resolveProvider", json_false());
	json_object_set_new(c, "codeLensProvider", o);
	o = json_object();
	a = json_array();
	json_array_append_new(a, json_string(":"));
	json_array_append_new(a, json_string("["));
	json_object_set_new(o, "triggerCharacters", a);
	json_object_set_new(o, "resolveProvider", json_false());
	json_object_set_new(c, "completionProvider", o);
	if (s->caps.prepare) {
		o = json_object();
		json_object_set_new(o, "prepareProvider", json_true());
		json_object_set_new(c, "renameProvider", o);
	} else
		json_object_set_new(c, "renameProvider", json_true());
	o = json_object();
	a = json_array();
	json_array_append_new(a, json_string("quest.open"));
	json_object_set_new(o, "commands", a);
	json_object_set_new(c, "executeCommandProvider", o);
	return c;
}

/*
 * The directory of the workspace: its first folder, else rootUri, else
 * rootPath, else where the server started.
 */
static char *
start_dir(json_t *params, struct lsp_error *err)
{
	json_t *f = json_array_get(json_object_get(params,
	    "workspaceFolders"), 0);
	json_t *uri = json_object_get(f, "uri"), *path;
	char cwd[PATH_MAX], *dir;

	if (!json_is_string(uri))
		uri = json_object_get(params, "rootUri");
	if (json_is_string(uri)) {
		if ((dir = lsp_path_from_uri(json_string_value(uri))) == NULL)
			lsp_fail(err, LSP_INVALID_PARAMS, "%s: quest serves "
			    "file: URIs only", json_string_value(uri));
		return dir;
	}
	path = json_object_get(params, "rootPath");
	if (json_is_string(path) && json_string_value(path)[0] == '/')
		return xstrdup(json_string_value(path));
	if (getcwd(cwd, sizeof(cwd)) == NULL) {
		lsp_fail(err, LSP_INTERNAL_ERROR, "cannot find the current "
		    "directory: %s", strerror(errno));
		return NULL;
	}
	return xstrdup(cwd);
}

/*L:010 `quest lsp` is a language server that speaks over its standard
 * input and output, so that any editor's client can start it next to the
 * language's own server.  At initialize it reads the workspace once,
 * with tour_load(), exactly as quest check would from that directory:
 * the tour root upwards, the config, the files git lists, every core.
 * From then on the tree changes only by what the client says: the text
 * of each open document as it is typed, files saved or changed on disk.
 * The server never writes a file; a rename is an edit it sends the
 * client, for the client to apply.
 */
static int
m_initialize(struct lsp *s, json_t *params, json_t **result,
    struct lsp_error *err)
{
	json_t *info;
	char *dir, *e = NULL;

	if (!json_is_object(params))
		return lsp_fail(err, LSP_INVALID_PARAMS, "no params");
	client_caps(s, json_object_get(params, "capabilities"));
	if ((dir = start_dir(params, err)) == NULL)
		return -1;
	if (ws_open(&s->ws, dir, s->jobs, load_warn, &e) == -1) {
		free(dir);
		ws_close(&s->ws);
		lsp_fail(err, LSP_REQUEST_FAILED, "%s", e);
		free(e);
		return -1;
	}
	free(dir);
	s->have_ws = 1;
	s->state = 1;
	*result = json_object();
	json_object_set_new(*result, "capabilities", server_caps(s));
	info = json_object();
	json_object_set_new(info, "name", json_string("quest"));
	json_object_set_new(info, "version", json_string(VERSION));
	json_object_set_new(*result, "serverInfo", info);
	return 0;
}
/*:*/

static int
n_initialized(struct lsp *s, json_t *params, struct lsp_error *err)
{
	json_t *p, *regs, *reg, *opts, *w, *ws;

	(void)params;
	(void)err;
	tell_warnings(s);
	if (s->caps.watch) {
		/* Every file: an edit anywhere may make or unmake a step. */
		w = json_object();
		json_object_set_new(w, "globPattern", json_string("**/*"));
		ws = json_array();
		json_array_append_new(ws, w);
		opts = json_object();
		json_object_set_new(opts, "watchers", ws);
		reg = json_object();
		json_object_set_new(reg, "id", json_string("quest-watch"));
		json_object_set_new(reg, "method",
		    json_string("workspace/didChangeWatchedFiles"));
		json_object_set_new(reg, "registerOptions", opts);
		regs = json_array();
		json_array_append_new(regs, reg);
		p = json_object();
		json_object_set_new(p, "registrations", regs);
		lsp_request(s, "client/registerCapability", p);
	}
	sync_ws(s);
	return 0;
}

static int
m_shutdown(struct lsp *s, json_t *params, json_t **result,
    struct lsp_error *err)
{
	(void)params;
	(void)err;
	s->state = 2;
	*result = json_null();
	return 0;
}

static int
n_exit(struct lsp *s, json_t *params, struct lsp_error *err)
{
	(void)params;
	(void)err;
	s->done = 1;
	s->status = s->state == 2 ? 0 : 1;
	return 0;
}

/*
 * The method table.
 */

/* The handler wants the tour as it is now: a build, then its news. */
#define M_TOUR	0x1

struct method {
	const char	*name;
	lsp_method	*req;
	lsp_note	*note;
	unsigned	 flags;
};

/*L:015 One table of methods: a request names its handler and whether
 * it reads the tour, a notification its own.  An unknown request is
 * answered -32601, a request before initialize -32002, after shutdown
 * -32600; a notification the server does not know is ignored, one it
 * cannot use is logged on the standard error, never fatal.  Before a
 * handler that reads the tour, the tour is brought up to date and the
 * client told of its diagnostics, so that an answer is never of an older
 * text than the one the client sent.
 */
static const struct method methods[] = {
	{ "initialize", m_initialize, NULL, 0 },
	{ "initialized", NULL, n_initialized, 0 },
	{ "shutdown", m_shutdown, NULL, 0 },
	{ "exit", NULL, n_exit, 0 },
	{ "textDocument/didOpen", NULL, lsp_did_open, 0 },
	{ "textDocument/didChange", NULL, lsp_did_change, 0 },
	{ "textDocument/didClose", NULL, lsp_did_close, 0 },
	{ "textDocument/didSave", NULL, lsp_did_save, 0 },
	{ "workspace/didChangeWatchedFiles", NULL, lsp_did_change_watched, 0 },
	{ "textDocument/hover", lsp_hover, NULL, M_TOUR },
	{ "textDocument/definition", lsp_definition, NULL, M_TOUR },
	{ "textDocument/references", lsp_references, NULL, M_TOUR },
	{ "textDocument/documentSymbol", lsp_document_symbol, NULL, M_TOUR },
	{ "workspace/symbol", lsp_workspace_symbol, NULL, M_TOUR },
	{ "textDocument/codeLens", lsp_code_lens, NULL, M_TOUR },
	{ "workspace/executeCommand", lsp_execute_command, NULL, M_TOUR },
	{ "textDocument/completion", lsp_completion, NULL, M_TOUR },
	{ "textDocument/prepareRename", lsp_prepare_rename, NULL, M_TOUR },
	{ "textDocument/rename", lsp_rename, NULL, M_TOUR },
};
/*:*/

static const struct method *
method_find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(methods) / sizeof(methods[0]); i++)
		if (strcmp(methods[i].name, name) == 0)
			return &methods[i];
	return NULL;
}

static void
handle(struct lsp *s, json_t *msg, int cancelled)
{
	struct lsp_error err = { 0, NULL };
	const struct method *m;
	const char *method;
	json_t *id, *params, *result = NULL;
	enum lsp_msg_kind k;

	k = lsp_msg_kind(msg, &id, &method);
	params = json_object_get(msg, "params");
	switch (k) {
	case LSP_MSG_INVALID:
		reply(s, id, NULL, LSP_INVALID_REQUEST, "not a JSON-RPC 2.0 "
		    "request or notification");
		return;
	case LSP_MSG_RESPONSE:
		return;		/* to a request of ours: nothing waits */
	case LSP_MSG_NOTIFICATION:
		m = method_find(method);
		if (m == NULL || m->note == NULL ||
		    (s->state == 0 && m->note != n_exit))
			return;
		if (m->note(s, params, &err) == -1) {
			logmsg("%s: %s", method, err.msg);
			free(err.msg);
		}
		return;
	case LSP_MSG_REQUEST:
		break;
	}
	m = method_find(method);
	if (s->state == 0 && strcmp(method, "initialize") != 0)
		reply(s, id, NULL, LSP_NOT_INITIALIZED, "the server is not "
		    "initialized: initialize comes first");
	else if (s->state == 1 && strcmp(method, "initialize") == 0)
		reply(s, id, NULL, LSP_INVALID_REQUEST, "initialize was sent "
		    "already");
	else if (s->state == 2)
		reply(s, id, NULL, LSP_INVALID_REQUEST, "the server is shut "
		    "down: only exit is left");
	else if (m == NULL || m->req == NULL) {
		err.msg = xasprintf("no method %s", method);
		reply(s, id, NULL, LSP_METHOD_NOT_FOUND, err.msg);
		free(err.msg);
	} else if (cancelled)
		reply(s, id, NULL, LSP_CANCELLED, "cancelled");
	else {
		if (m->flags & M_TOUR)
			sync_ws(s);
		if (m->req(s, params, &result, &err) == 0)
			reply(s, id, result != NULL ? result : json_null(), 0,
			    NULL);
		else {
			reply(s, id, NULL, err.code, err.msg);
			free(err.msg);
		}
	}
}

/* A message read, or what was wrong with one, in the order they came. */
struct item {
	json_t		*msg;		/* NULL: an error to answer */
	int		 code;
	char		*why;
	int		 cancelled;
};

static int
is_cancel(json_t *msg, json_t **id)
{
	json_t *m = json_object_get(msg, "method");

	*id = json_object_get(json_object_get(msg, "params"), "id");
	return json_object_get(msg, "id") == NULL && json_is_string(m) &&
	    strcmp(json_string_value(m), "$/cancelRequest") == 0 && *id != NULL;
}

/*
 * Handle what was read, in order.  A request that a $/cancelRequest read
 * with it names is answered -32800 without being run.
 */
static void
run(struct lsp *s, struct item *q, size_t n)
{
	json_t *id, *rid;
	size_t i, j;

	for (j = 0; j < n; j++)
		if (q[j].msg != NULL && is_cancel(q[j].msg, &id))
			for (i = 0; i < j; i++)
				if (q[i].msg != NULL && (rid =
				    json_object_get(q[i].msg, "id")) != NULL &&
				    json_object_get(q[i].msg, "method") !=
				    NULL && json_equal(rid, id))
					q[i].cancelled = 1;
	for (i = 0; i < n; i++) {
		if (!s->done && q[i].msg == NULL)
			reply(s, NULL, NULL, q[i].code, q[i].why);
		else if (!s->done)
			handle(s, q[i].msg, q[i].cancelled);
		json_decref(q[i].msg);
		free(q[i].why);
	}
}

static int
input_ready(int fd)
{
	struct pollfd p = { fd, POLLIN, 0 };

	return poll(&p, 1, 0) > 0;
}

static void
enqueue(struct item **q, size_t *n, size_t *cap, const struct lsp_frame *f)
{
	struct item *it;
	json_error_t je;

	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*q = xreallocarray(*q, *cap, sizeof(**q));
	}
	it = &(*q)[(*n)++];
	memset(it, 0, sizeof(*it));
	switch (f->kind) {
	case LSP_FRAME_MESSAGE:
		it->msg = json_loadb(f->body, f->len, JSON_ALLOW_NUL |
		    JSON_DECODE_ANY, &je);
		if (it->msg == NULL) {
			it->code = LSP_PARSE_ERROR;
			it->why = xasprintf("invalid JSON: %s, at byte %d",
			    je.text, je.position);
		}
		break;
	case LSP_FRAME_BAD_HEADER:
		it->code = LSP_PARSE_ERROR;
		it->why = xasprintf("cannot read the header: %s; skipped to "
		    "the next Content-Length", f->why);
		break;
	case LSP_FRAME_TOO_LARGE:
		it->code = LSP_INVALID_REQUEST;
		it->why = xasprintf("%s: skipped", f->why);
		break;
	}
}

/*L:012 The loop reads what the client sent, takes every whole message
 * out of it, and handles them in order, one thread, no locks.  A burst
 * of edits is read as one: the tour is rebuilt and diagnostics pushed
 * only when no more input waits, or when a request needs the tour, so a
 * client typing fast costs one build per pause, not one per keystroke.
 * End of input ends the server, as exit does: with status 0 after
 * shutdown, else 1.
 */
int
lsp_serve(int in, int out, int jobs)
{
	struct lsp s;
	struct lsp_frame f;
	struct item *q = NULL;
	size_t nq = 0, capq = 0, i;
	ssize_t n;
	int eof = 0;

	memset(&s, 0, sizeof(s));
	s.in = in;
	s.out = out;
	s.jobs = jobs;
	s.next_id = 1;
	lsp_json_init();
	lsp_reader_init(&s.rd, LSP_MESSAGE_MAX);
	signal(SIGPIPE, SIG_IGN);
	while (!s.done) {
		while (lsp_reader_next(&s.rd, &f))
			enqueue(&q, &nq, &capq, &f);
		if (nq > 0) {
			run(&s, q, nq);
			nq = 0;
			continue;
		}
		if (eof)
			break;
		if (!input_ready(in))
			sync_ws(&s);	/* a pause: the client told */
		if (s.done)
			break;
		n = read(in, lsp_reader_space(&s.rd, CHUNK), CHUNK);
		if (n == -1 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n == -1) {
			logmsg("cannot read from the client: %s",
			    strerror(errno));
			eof = 1;
			continue;
		}
		if (n == 0)
			eof = 1;
		lsp_reader_commit(&s.rd, (size_t)n);
	}
	if (!s.done)
		s.status = s.state == 2 ? 0 : 1;	/* end of input */
	for (i = 0; i < nq; i++) {
		json_decref(q[i].msg);
		free(q[i].why);
	}
	free(q);
	for (i = 0; i < s.npubs; i++) {
		free(s.pubs[i].path);
		free(s.pubs[i].sent);
	}
	free(s.pubs);
	if (s.have_ws)
		ws_close(&s.ws);
	for (i = 0; i < nwarned; i++)
		free(warned[i]);
	free(warned);
	warned = NULL;
	nwarned = 0;
	lsp_reader_free(&s.rd);
	buf_free(&s.outb);
	return s.status;
}
/*:*/
