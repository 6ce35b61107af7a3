/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * book.h: the web book of fmt_html.c for a caller that keeps it alive,
 * quest serve: the page written with extras of its own (a second script,
 * the connections it may make), its steps' articles kept, one buffer a
 * step, so that the next page highlights only the steps that changed.
 */
#ifndef QUEST_BOOK_H
#define QUEST_BOOK_H

#include "writer.h"

struct book_opts {
	/* The page's CSP connect-src, "'self'", or NULL: none. */
	const char	*connect;
	/* A script after the book's, allowed by its hash, or NULL. */
	const char	*script;
	size_t		 script_len;
	const char	*script_hash;
	/* An attribute of that script's element: "data-gen", "7". */
	const char	*script_attr, *script_value;
	/*
	 * One article a step, in the page's order (the steps of each of
	 * the wopts' chapters in turn): one that is not empty is written
	 * as it is, the others are made; afterwards every one is the
	 * step's article as written.
	 */
	struct buf	*articles;
	/*
	 * Where each article starts in the page, and where the front page
	 * starts and ends, if not NULL: so that the page can be put
	 * together again from its parts, without the tour.
	 */
	size_t		*at;
	size_t		*front;		/* [2] */
};

/*
 * The page of quest html into o->out, with bo's extras (NULL: none, the
 * page of quest html byte for byte).  0, or -1 on a write error.  With
 * o->out NULL, no page: bo's articles are made, and nothing written.
 */
int	book_write(const struct tour *, const struct wopts *,
	    const struct book_opts *);

#endif
