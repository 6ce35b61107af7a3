/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * md.h: Markdown, parsed by md4c, written through the HTML writer.
 */
#ifndef QUEST_MD_H
#define QUEST_MD_H

#include "html.h"
#include "tour.h"

/* How quest reads Markdown, everywhere: GitHub's dialect, raw HTML off. */
#define QUEST_MD_FLAGS	(MD_DIALECT_GITHUB | MD_FLAG_NOHTML)

/*
 * Render Markdown text as HTML into h.  Headings move down by shift levels
 * (a step's prose starts below its title).  [G:030] becomes a link to the
 * step when the tour has it.  Raw HTML is text; links keep only safe URLs.
 */
void	md_render(struct html *, const struct tour *, const char *text,
	    size_t len, int shift);
/*
 * A book of many pages (quest html -o DIR/): where each step's anchor is.
 * page() names the file of the page that holds s ("guest.html"), or
 * returns NULL when s is on the page being written, or in none; then a
 * link to s is its fragment alone, "#G:030", as on a single page.
 */
struct md_site {
	const char	*(*page)(const void *arg, const struct step *s);
	const void	*arg;
};

/*
 * md_render() on one page of a book of many: a cross-reference to a step
 * of another page links to "page.html#G:030".  site NULL: md_render().
 */
void	md_render_site(struct html *, const struct tour *,
	    const struct md_site *site, const char *text, size_t len,
	    int shift);
/* md_render_title() on one page of a book of many. */
void	md_render_title_site(struct html *, const struct tour *,
	    const struct md_site *site, const char *text, size_t len);
/*
 * A step's title (struct step, title) in its heading: its spans and its
 * links; a [G:030] is a link to the step when t has it, else its tag.
 */
void	md_render_title(struct html *, const struct tour *, const char *text,
	    size_t len);
/*
 * A title where a link may not stand (inside one): its spans, each link
 * its text alone, each [G:030] its tag.
 */
void	md_render_inline(struct html *, const char *text, size_t len);
/* A title as plain text: the text of its spans, [G:030] as G:030. */
void	md_plain(const char *text, size_t len, struct buf *out);
/* The step that "#G:030" names in t, or NULL: a cross-reference. */
const struct step *md_xref(const struct tour *, const char *href);
/* An entity, "&amp;", "&#65;", "&#x41;", as UTF-8 into b. */
void	md_entity(struct buf *b, const char *s, size_t n);
/* Is url safe to link to: relative, #fragment, http(s) or mailto? */
int	url_safe(const char *url, size_t len);

#endif
