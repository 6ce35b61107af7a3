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
 * Highlight text (a whole file) in the language l.  On success returns 0 and
 * *spans (allocated; the caller frees it) sorted by start, never overlapping,
 * covering only highlighted bytes.  Returns -1 when quest has no grammar for
 * l or the text cannot be parsed; then *spans is NULL and *n is 0.  (With
 * nothing highlighted, 0 comes with *spans NULL and *n 0 too.)
 * Safe to call from several threads at once.
 */
int	highlight(const struct lang *l, const char *text, size_t len,
	    struct hl_span **spans, size_t *n);
/*
 * highlight() in two halves, for callers with threads.  Parsing needs no
 * query; the query of a grammar is compiled once, on first use, and that
 * takes a while (tree-sitter analyses it against the whole grammar).  So
 * a thread may parse texts while another compiles: highlight_parse()
 * parses (NULL when quest has no grammar for l, or on failure) and keeps
 * no pointer to text beyond the call but the one given back to
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
 * Start compiling l's query on a thread of its own, if quest has a grammar
 * for l and nobody has started yet; safe from any thread.  Before exit,
 * highlight_settle() waits for every thread so started.
 */
void	highlight_prepare(const struct lang *l);
void	highlight_settle(void);

#endif
