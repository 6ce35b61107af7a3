/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * md.h: Markdown, parsed by md4c, written through the HTML writer.
 */
#ifndef QUEST_MD_H
#define QUEST_MD_H

#include "html.h"
#include "tour.h"

/*
 * Render Markdown text as HTML into h.  Headings move down by shift levels
 * (a step's prose starts below its title).  [G:030] becomes a link to the
 * step when the tour has it.  Raw HTML is text; links keep only safe URLs.
 */
void	md_render(struct html *, const struct tour *, const char *text,
	    size_t len, int shift);
/* A line of Markdown, a title: its spans, no block, no link. */
void	md_render_inline(struct html *, const char *text, size_t len);
/* Is url safe to link to: relative, #fragment, http(s) or mailto? */
int	url_safe(const char *url, size_t len);

#endif
