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
	/*
	 * A book of many pages (book_site()): each file of it, as made,
	 * goes to put() instead of a directory; the script above is the
	 * file script_src, not in the page; and search.js is left out
	 * unless index is set (book_index() makes it when it is asked
	 * for).  front is then the index page's front page.
	 */
	int		(*put)(void *arg, const char *name, const char *p,
			    size_t len);
	void		*put_arg;
	const char	*script_src;
	int		 index;
};

/*
 * The plan of a book of many pages, as book_site() lays it out: each
 * page's file name, and the page of each step, by its place in the
 * book (the steps of each of the wopts' chapters in turn).
 */
struct book_plan {
	char		**names;	/* "guest.html", ... */
	size_t		 *first;	/* a page's first step */
	size_t		 *chapter;	/* its chapter, in wopts' chapters */
	unsigned	 *part;		/* 1, 2...: among its chapter's */
	size_t		  n;		/* pages */
	size_t		 *page;		/* a step's page */
	size_t		  nsteps;
	size_t		 *chbase;	/* a wopts chapter's first step */
};

/*
 * The page of quest html into o->out, with bo's extras (NULL: none, the
 * page of quest html byte for byte).  0, or -1 on a write error.  With
 * o->out NULL, no page: bo's articles are made, and nothing written.
 */
int	book_write(const struct tour *, const struct wopts *,
	    const struct book_opts *);

/* A book of many pages, its files to bo->put(): 0, or -1 when one fails. */
int	book_site(const struct tour *, const struct wopts *,
	    const struct book_opts *);
void	book_plan(const struct tour *, const struct wopts *,
	    struct book_plan *);
void	book_plan_free(struct book_plan *);
/* The page of step s in the plan, or SIZE_MAX: not in the book. */
size_t	book_plan_page(const struct book_plan *, const struct wopts *,
	    const struct step *);
/*
 * Is the article of step s made of more of its file than the step's own
 * lines, its context line (in `struct lguest` > `lguest_init()`)?
 */
int	book_step_context(const struct step *);
/* search.js of that book into out. */
void	book_index(const struct tour *, const struct wopts *, struct buf *);

#endif
