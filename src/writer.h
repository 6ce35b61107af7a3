/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * writer.h: the one interface every output format implements.
 *
 * A writer gets the checked tree and the chapters to write (all of them in
 * tour order, or those the user named, in that order) and writes to out.
 * It never changes the tree, never exits, and returns 0 or -1 (an I/O
 * error, with errno set).  Adding a format is one file and one row of
 * writers[] in writer.c.
 */
#ifndef QUEST_WRITER_H
#define QUEST_WRITER_H

#include <stdio.h>

#include "tour.h"

struct wopts {
	FILE		 *out;
	struct chapter	**chapters;	/* what to write, in the order asked */
	size_t		  nchapters;
	int		  whole;	/* no chapter was named: the whole
					 * tour */
	const char	 *link_base;	/* html, md: --link-base */
	const char	 *outdir;	/* codetour: -o DIR, or .tours, as
					 * named */
	int		  outdir_fd;	/* codetour: that directory,
					 * output_dir() */
	int		  color;	/* term: SGR escapes */
	int		  width;	/* term: fill prose to this; 0: 80 */
	int		  refs;		/* list: --refs */
	int		  jobs;		/* html: threads, as -j; 0: one a
					 * core */
	int		  split;	/* html: a book of many pages, into
					 * outdir_fd (-o DIR/, --split) */
	size_t		 *written;	/* html: if not NULL, set to the
					 * single page's bytes */
	size_t		  page_steps;	/* html: steps a page of a book of
					 * many at most; 0: the default */
};

struct writer {
	const char	*name;
	int		(*write)(const struct tour *, const struct wopts *);
};

extern const struct writer writer_text;	/* fmt_text.c: the lguest weave */
extern const struct writer writer_list;	/* fmt_list.c: the contents */
extern const struct writer writer_html;	/* fmt_html.c: the web book */
extern const struct writer writer_md;	/* fmt_md.c: Markdown */
extern const struct writer writer_json;	/* fmt_json.c: the tree as JSON */
extern const struct writer writer_codetour; /* fmt_codetour.c: VS Code */
extern const struct writer writer_term;	/* fmt_term.c: show on a terminal */

const struct writer *writer_find(const char *name);
/*
 * fmt_term.c: show, behind writer_text and writer_term: plain, lguest's
 * bytes; else the terminal's reader (wopts' color, width).
 */
int	weave_write(const struct tour *, const struct wopts *, int plain);

#endif
