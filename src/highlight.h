/* highlight.h: syntax highlighting with tree-sitter. */
#ifndef QUEST_HIGHLIGHT_H
#define QUEST_HIGHLIGHT_H

#include <stddef.h>

#include "lang.h"

struct hl_span {
	size_t		 start, end;	/* byte offsets into the text, end exclusive */
	const char	*cls;		/* a class for CSS: "keyword", "string",
					 * "comment", "function", "type",
					 * "number", "constant", "variable",
					 * "property", "operator",
					 * "punctuation", "label", "attribute",
					 * "escape", "macro" */
};

/*
 * What highlighting one text may cost.  Past any limit the text is not
 * highlighted at all (never in part), and highlight() returns which limit
 * it met, one of enum hl_limit.  The limits keep clear of two faults of
 * tree-sitter 0.20.7, Debian 12's: a node of 65,536 children or more
 * overflows a 16-bit count and corrupts memory (an error that runs to the
 * end of 64 KiB of `((((` makes one), and the query cursor's depths wrap
 * at 65,536 levels, after which it slows to a crawl.
 *
 *   HL_MAX_BYTES       a text longer is not parsed: it cannot make a node
 *                      of 65,536 children, as a child takes a byte.
 *   HL_MAX_DEPTH       a tree nested deeper is not queried.
 *   HL_MAX_SCANS       a tree whose syntax errors would make the query look
 *                      through more siblings than this a byte (beyond a
 *                      first 2^20) is not queried: HL_TOO_SLOW.
 *   HL_MAX_MS...       CPU time of the parse and the query together, as
 *                      the thread's clock counts it: HL_MAX_MS, and
 *                      HL_MAX_MS_PER_MIB a MiB of text.
 *   HL_MAX_MATCHES     matches in progress at once in the query cursor.
 *   HL_MAX_CAPS        captures a byte of text, beyond a first 4,096.
 */
#define HL_MAX_BYTES		(60UL << 10)	/* 60 KiB */
#define HL_MAX_DEPTH		50000
#define HL_MAX_SCANS		16
#define HL_MAX_MS		100
#define HL_MAX_MS_PER_MIB	2000
#define HL_MAX_MATCHES		256
#define HL_MAX_CAPS		4

enum hl_limit {
	HL_TOO_LARGE = 1,
	HL_TOO_DEEP,
	HL_TOO_SLOW,
	HL_TOO_MANY,
};

/* Why a text is not highlighted, a clause: "it is larger than 60 KiB, ..." */
const char *highlight_limit(int);
/*
 * The CPU time a text may take, HL_MAX_MS and HL_MAX_MS_PER_MIB unless
 * set otherwise (by a test, before any thread highlights).
 */
void	highlight_set_time(unsigned ms, unsigned ms_per_mib);

/*
 * Highlight text (a whole file) in the language l.  On success returns 0 and
 * *spans (allocated; the caller frees it) sorted by start, never overlapping,
 * covering only highlighted bytes.  Returns -1 when quest has no grammar for
 * l or the text cannot be parsed, or an hl_limit when the text costs more
 * than the limits above; then *spans is NULL and *n is 0.  (With nothing
 * highlighted, 0 comes with *spans NULL and *n 0 too.)
 * Safe to call from several threads at once.
 */
int	highlight(const struct lang *l, const char *text, size_t len,
	    struct hl_span **spans, size_t *n);
/*
 * highlight() in two halves, for callers with threads.  Parsing needs no
 * query; the query of a grammar is compiled once, on first use, and that
 * takes a while (tree-sitter analyses it against the whole grammar).  So
 * a thread may parse texts while another compiles: highlight_parse()
 * parses (NULL when quest has no grammar for l, or on failure; past a
 * limit, a parse that highlight_finish() says so of) and keeps no pointer
 * to text beyond the call but the one given back to
 * highlight_finish(), which must get the same text; highlight_ready()
 * tells, without waiting, whether the query is compiled;
 * highlight_finish() runs the query (compiling it first if need be),
 * returns what highlight() does, and frees the parse.
 */
struct hl_parse;
struct hl_parse *highlight_parse(const struct lang *l, const char *text,
	    size_t len);
int	highlight_ready(const struct lang *l);
int	highlight_finish(struct hl_parse *, const char *text,
	    struct hl_span **spans, size_t *n);
/* Whether quest has a grammar for l; compiles its query, once. */
int	highlight_has(const struct lang *l);
/*
 * Start compiling l's query, a job of a pool of its own (pool.c), if quest
 * has a grammar for l and nobody has started yet; safe from any thread,
 * a load's found hook.  Before exit, highlight_settle() waits for every
 * compile so started, and ends the pool.
 */
void	highlight_prepare(const struct lang *l);
void	highlight_settle(void);

#endif
