/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * lsp.h: quest lsp, a language server over stdio (LSP 3.17), in parts:
 *
 *   lsp_rpc.c      the message reader (Content-Length framing), the writer,
 *                  JSON helpers: strings, URIs, errors
 *   lsp_text.c     text as the client counts it: line tables, positions in
 *                  UTF-8, UTF-16 or UTF-32, incremental edits
 *   lsp_ws.c       the workspace: the tour loaded once, the files on disk,
 *                  the open documents, the tour rebuilt from both
 *   lsp.c          the loop, the method table, the lifecycle
 *   lsp_doc.c      the documents' notifications, diagnostics pushed
 *   lsp_nav.c      hover, definition, references
 *   lsp_symbol.c   documentSymbol, workspace/symbol
 *   lsp_lens.c     code lens, and the command that opens a step
 *   lsp_complete.c completion
 *   lsp_rename.c   prepareRename, rename
 *
 * One thread reads, handles and answers, in order.  JSON is jansson's.
 * Every allocation, jansson's too, goes through util.h's wrappers.
 */
#ifndef QUEST_LSP_H
#define QUEST_LSP_H

#include <stddef.h>
#include <time.h>

#include <jansson.h>

#include "tour.h"

/*
 * The bounds of the protocol: the most a message's body may hold, the most
 * its header, the most a document may grow to by its edits.  A message
 * over the bound is answered with an error and its bytes skipped.
 */
#define LSP_MESSAGE_MAX	((size_t)64 << 20)
#define LSP_HEADER_MAX	((size_t)8 << 10)
#define LSP_DOC_MAX	LSP_MESSAGE_MAX

/* JSON-RPC's and LSP's error codes. */
enum {
	LSP_PARSE_ERROR = -32700,
	LSP_INVALID_REQUEST = -32600,
	LSP_METHOD_NOT_FOUND = -32601,
	LSP_INVALID_PARAMS = -32602,
	LSP_INTERNAL_ERROR = -32603,
	LSP_NOT_INITIALIZED = -32002,
	LSP_REQUEST_FAILED = -32803,
	LSP_CANCELLED = -32800,
};

/*
 * lsp_rpc.c: the reader, a parser of a byte stream into messages.  Bytes
 * go in as they come (lsp_reader_space(), lsp_reader_commit()), frames
 * come out (lsp_reader_next()): a message's body, or what was wrong.
 */
enum lsp_frame_kind {
	LSP_FRAME_MESSAGE,	/* body, len: one message's bytes */
	LSP_FRAME_BAD_HEADER,	/* why: no Content-Length, or not a number */
	LSP_FRAME_TOO_LARGE,	/* why: over the bound; its bytes skipped */
};

struct lsp_frame {
	enum lsp_frame_kind kind;
	const char	*body;		/* valid until the next call */
	size_t		 len;
	char		 why[128];
};

struct lsp_reader {
	struct buf	 in;		/* bytes read, from pos on not parsed */
	size_t		 pos;
	size_t		 skip;		/* bytes of a message too large, to
					 * drop */
	int		 resync;	/* after a bad header: look for the
					 * next Content-Length */
	size_t		 max;		/* the bound of a body */
};

void	lsp_reader_init(struct lsp_reader *, size_t max);
void	lsp_reader_free(struct lsp_reader *);
/* Room for n more bytes, to read(2) into; then commit what was read. */
char	*lsp_reader_space(struct lsp_reader *, size_t n);
void	lsp_reader_commit(struct lsp_reader *, size_t n);
/* Append n bytes (the tests' and the fuzzer's way in). */
void	lsp_reader_push(struct lsp_reader *, const void *, size_t n);
/* The next frame: 1 with *f filled, 0 when more bytes are needed. */
int	lsp_reader_next(struct lsp_reader *, struct lsp_frame *f);

/* A message whose header was read: is it a request, a notification...? */
enum lsp_msg_kind {
	LSP_MSG_INVALID,	/* answered -32600 (id: as sent, or null) */
	LSP_MSG_REQUEST,	/* method and id */
	LSP_MSG_NOTIFICATION,	/* method, no id */
	LSP_MSG_RESPONSE,	/* id and result or error: the client's
				 * answer */
};

/*
 * What msg is; *id is its id (borrowed) when it has a usable one, *method
 * its method.  jsonrpc must be "2.0", an id a number, a string or null.
 */
enum lsp_msg_kind lsp_msg_kind(json_t *msg, json_t **id, const char **method);

/* A message as Content-Length framing: appended to out. */
void	lsp_frame_json(struct buf *out, json_t *msg);
/* An error, with its message allocated, or none. */
struct lsp_error {
	int		 code;
	char		*msg;
};
int	lsp_fail(struct lsp_error *, int code, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/*
 * A JSON string of n bytes, each byte that is no part of valid UTF-8 made
 * U+FFFD: text from the tree may be anything, JSON must be UTF-8.
 */
json_t	*lsp_jstrn(const char *, size_t n);
json_t	*lsp_jstr(const char *);
/* "file:///a%20b/c.c" from an absolute path, and back (NULL: not file:). */
char	*lsp_uri_from_path(const char *abs);
char	*lsp_path_from_uri(const char *uri);
/* Route jansson's allocations through util.h's (once, before any JSON). */
void	lsp_json_init(void);

/*
 * lsp_text.c: a text as lines.  lines[i] is where line i starts; a line
 * ends before its '\n' (and a '\r' before that).  Positions are 0-based,
 * their character counted in the encoding the client and the server
 * agreed on.
 */
enum lsp_enc {
	LSP_UTF16 = 0,		/* LSP's default */
	LSP_UTF8,
	LSP_UTF32,
};

struct lsp_text {
	const char	*p;
	size_t		 len;
	const size_t	*lines;
	size_t		 nlines;	/* at least 1 */
};

struct lsp_lines {
	size_t		*v;
	size_t		 n, cap;
};

void	lsp_lines_build(struct lsp_lines *, const char *p, size_t len);
/* The line of off, 0-based. */
size_t	lsp_text_line(const struct lsp_text *, size_t off);
/* Where the line ends, its newline excluded. */
size_t	lsp_text_eol(const struct lsp_text *, size_t line);
void	lsp_text_pos(const struct lsp_text *, size_t off, enum lsp_enc,
	    size_t *line, size_t *ch);
/* The offset of a position, clamped to the line and to the text. */
size_t	lsp_text_off(const struct lsp_text *, size_t line, size_t ch,
	    enum lsp_enc);
/*
 * Replace text[a, b) (b >= a, both within) with s, patching the line
 * table: -1, and nothing done, when the text would pass max.
 */
int	lsp_text_edit(struct buf *text, struct lsp_lines *, size_t a,
	    size_t b, const char *s, size_t n, size_t max);

/*
 * lsp_ws.c: the workspace.
 */
struct lsp_doc {
	char		*uri;		/* as the client names it */
	char		*path;		/* relative to the root; NULL outside */
	long long	 version;
	struct buf	 text;
	struct lsp_lines lines;
	struct qfile	*qf;		/* its marks, once parsed; NULL: none */
	int		 parsed;	/* qf is of the text as it is */
	int		 listed;	/* a file of the tree, as walked */
	int		 big;		/* grew past LSP_DOC_MAX: dropped */
};

/* A cross-reference of the tour, where it stands in its file. */
struct lsp_ref {
	const struct step *from;	/* the step whose prose holds it */
	size_t		 at, len;	/* "[G:030]" in from->file->text */
	size_t		 num_at, num_len;	/* its digits */
	size_t		 prefix_len;
	struct step *const *to;		/* the steps it names (ref_steps()) */
	size_t		 nto;
};

/* A text the positions of a path are counted in, kept for one build. */
struct lsp_textc {
	char		*path;
	char		*own;		/* read from disk, or NULL */
	struct lsp_lines lines;
	struct lsp_text	 tx;
};

struct lsp_ws {
	char		*start;		/* where the client opened it */
	char		*root;		/* the tour root, physical */
	char		*lroot;		/* the same as the client names it */
	int		 jobs;
	struct config	 config;
	struct qfile	**disk;		/* files with marks on disk, by path */
	size_t		 ndisk;
	struct diags	 loaddiags;	/* what the load reported, not check */
	char		**walked;	/* every path the walk lists, sorted */
	size_t		 nwalked;
	int		 walk_done;
	struct timespec	 walk_time;
	struct lsp_doc	**docs;
	size_t		 ndocs;
	struct tour	 tour;		/* built from disk and docs */
	int		 dirty;		/* the tour is behind */
	int		 unpublished;	/* built since the last publish */
	/* What the current build caches. */
	struct lsp_ref	*refs;
	size_t		 nrefs;
	int		 refs_done;
	struct lsp_textc **texts;
	size_t		 ntexts;
};

/*
 * Load the tree from dir (an absolute path, as the client names it), as
 * the command line does, with jobs threads.  -1 and *err when the tree
 * cannot be read; a config with errors loads as an empty tour, its
 * errors kept.  warn gets what the load passed over.
 */
int	ws_open(struct lsp_ws *, const char *dir, int jobs,
	    void (*warn)(const char *), char **err);
void	ws_close(struct lsp_ws *);
/* Read it all again: the config changed. */
int	ws_reload(struct lsp_ws *, void (*warn)(const char *), char **err);
/* A path of the workspace from a URI, relative to the root; NULL outside. */
char	*ws_path(const struct lsp_ws *, const char *uri);
/* The URI of a path: the client's own for an open document. */
char	*ws_uri(const struct lsp_ws *, const char *path);
struct lsp_doc *ws_doc(const struct lsp_ws *, const char *uri);
struct lsp_doc *ws_doc_by_path(const struct lsp_ws *, const char *path);
struct lsp_doc *ws_doc_open(struct lsp_ws *, const char *uri,
	    long long version, const char *text, size_t len);
void	ws_doc_changed(struct lsp_ws *, struct lsp_doc *);
void	ws_doc_close(struct lsp_ws *, struct lsp_doc *);
/* A file changed on disk: 1 created, 2 changed, 3 deleted. */
void	ws_file_changed(struct lsp_ws *, const char *path, int how);
/* Bring the tour up to date: 1 when it was rebuilt. */
int	ws_build(struct lsp_ws *);
/* The tour's file of a path, or NULL. */
const struct qfile *ws_file(const struct lsp_ws *, const char *path);
/* The text of a path as the client sees it, or NULL. */
const struct lsp_text *ws_text(struct lsp_ws *, const char *path);
/* The step whose tag (opener included) holds off, or NULL. */
const struct step *ws_tag_at(const struct qfile *, size_t off);
/* Every cross-reference of the tour, in tour file order. */
const struct lsp_ref *ws_refs(struct lsp_ws *, size_t *n);
/* The cross-reference of f that holds off, or NULL. */
const struct lsp_ref *ws_ref_at(struct lsp_ws *, const struct qfile *,
	    size_t off);
/* Every step, in tour order: the steps of each chapter in turn. */
size_t	ws_nsteps(const struct lsp_ws *);
const struct step *ws_step_next(const struct lsp_ws *, const struct step *);
const struct step *ws_step_prev(const struct lsp_ws *, const struct step *);
/* "G:030" or "G" (its first step): the step, or NULL. */
const struct step *ws_find(const struct lsp_ws *, const char *name);

/*
 * lsp.c: the server, and what the handlers share.
 */
struct lsp_caps {
	enum lsp_enc	 enc;
	int		 markdown;	/* hover as Markdown */
	int		 hier_symbols;	/* DocumentSymbol[] */
	int		 doc_changes;	/* WorkspaceEdit.documentChanges */
	int		 watch;		/* may register file watchers */
	int		 prepare;	/* rename.prepareSupport */
};

/* What the client was last told of a path's diagnostics. */
struct lsp_pub {
	char		*path;
	char		*sent;		/* the diagnostics, as JSON */
	long long	 version;	/* of the document, when open */
	int		 open;
};

struct lsp {
	int		 in, out;
	struct lsp_reader rd;
	struct buf	 outb;
	int		 state;		/* 0 new, 1 running, 2 shut down */
	int		 done;
	int		 status;	/* for exit: 0, 1, or 2 (I/O) */
	int		 jobs;
	long long	 next_id;	/* of our requests to the client */
	struct lsp_caps	 caps;
	struct lsp_ws	 ws;
	int		 have_ws;
	struct lsp_pub	*pubs;		/* by path */
	size_t		 npubs;
};

/* What a request names: its document and where in it. */
struct lsp_at {
	const char	*uri;
	char		*path;
	struct lsp_doc	*doc;		/* if open */
	const struct qfile *f;		/* the tour's, or NULL */
	const struct lsp_text *tx;	/* NULL: no text */
	size_t		 off;
};

/* Serve on the descriptors until exit or EOF: the exit status. */
int	lsp_serve(int in, int out, int jobs);
/* Send a notification or a request of ours (params taken). */
void	lsp_notify(struct lsp *, const char *method, json_t *params);
void	lsp_request(struct lsp *, const char *method, json_t *params);
/* The document a params object names (textDocument.uri), refused outside. */
int	lsp_doc_param(struct lsp *, json_t *params, struct lsp_at *,
	    struct lsp_error *);
/* The same with its position. */
int	lsp_at_param(struct lsp *, json_t *params, struct lsp_at *,
	    struct lsp_error *);
void	lsp_at_free(struct lsp_at *);
/* Position, range and location objects, in the client's encoding. */
json_t	*lsp_jpos(const struct lsp *, const struct lsp_text *, size_t off);
json_t	*lsp_jrange(const struct lsp *, const struct lsp_text *, size_t a,
	    size_t b);
/* The location of a step's tag, PREFIX:NUMBER; and the tag's range. */
json_t	*lsp_jtag_range(struct lsp *, const struct step *);
json_t	*lsp_jtag_loc(struct lsp *, const struct step *);
/* "G:030 (Guest), step 12 of 128" and the like, for people. */
void	lsp_step_place(struct buf *, const struct step *);

/* A number from 0 of o's key: 0, or -1 when it is not one. */
int	lsp_get_uint(json_t *o, const char *key, size_t *v);
/* lsp_doc.c: tell the client of the diagnostics that changed. */
void	lsp_publish(struct lsp *);
/* Read the workspace again (its config changed): 0, or -1 and *err. */
int	lsp_reload(struct lsp *, struct lsp_error *err);

/* The notifications' handlers (lsp_doc.c): 0, or -1 and *err, logged. */
typedef int	lsp_note(struct lsp *, json_t *params, struct lsp_error *err);
lsp_note	lsp_did_open, lsp_did_change, lsp_did_close, lsp_did_save;
lsp_note	lsp_did_change_watched;

/* The handlers of requests: 0 and *result, or -1 and *err. */
typedef int	lsp_method(struct lsp *, json_t *params, json_t **result,
		    struct lsp_error *err);
lsp_method	lsp_hover, lsp_definition, lsp_references;
lsp_method	lsp_document_symbol, lsp_workspace_symbol;
lsp_method	lsp_code_lens, lsp_execute_command;
lsp_method	lsp_completion;
lsp_method	lsp_prepare_rename, lsp_rename;

#endif
