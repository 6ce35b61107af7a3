/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * html.h: the one writer through which every byte of a web page goes.
 *
 * Text and attribute values are always escaped; elements are opened and
 * closed through a stack, so that the page is always well formed, and as
 * polyglot markup (void elements as <meta />), so that an XML parser can
 * check it.  Nothing from the tree reaches the page any other way.
 */
#ifndef QUEST_HTML_H
#define QUEST_HTML_H

#include <stddef.h>

#include "util.h"

#define HTML_DEPTH	256

struct html {
	struct buf	*b;
	const char	*open[HTML_DEPTH];	/* element names, static
						 * strings */
	int		 depth;
	int		 overflow;	/* opened past HTML_DEPTH: not
					 * written */
};

/*
 * Open an element.  The attributes are pairs of name (a static string)
 * and value (escaped; NULL leaves the attribute out), ended by NULL.
 */
void	html_open(struct html *, const char *elem, ...);
/* html_open(h, elem, "class", cls, NULL), the hot path of code. */
void	html_open_class(struct html *, const char *elem, const char *cls);
/* An element with no content: <meta ... />. */
void	html_void(struct html *, const char *elem, ...);
/* Close the innermost element, or all down to a depth. */
void	html_close(struct html *);
void	html_close_to(struct html *, int depth);
/* Text, escaped.  html_textz for a C string. */
void	html_text(struct html *, const char *, size_t);
void	html_textz(struct html *, const char *);
void	html_printf(struct html *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* Markup of quest's own, never from the tree: the page's assets. */
void	html_trusted(struct html *, const char *, size_t);
/* Escape into a buffer for an attribute value built in pieces. */
void	html_escape(struct buf *, const char *, size_t);

#endif
