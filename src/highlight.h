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
 * highlight() of the given ranges of text only, sorted and apart, each from
 * a line's start to a line's end: tree-sitter parses them as one text and
 * nothing else, and no span falls outside them.
 */
struct hl_range {
	size_t		 start, end;
	unsigned	 first_row, last_row;	/* 0-based rows of start, end */
};
int	highlight_ranges(const struct lang *l, const char *text, size_t len,
	    const struct hl_range *, size_t, struct hl_span **spans, size_t *n);
/* Whether quest has a grammar for l. */
int	highlight_has(const struct lang *l);

#endif
