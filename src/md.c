/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * md.c: prose as Markdown.  md4c parses; this file renders each block and
 * span through html.c, so that what md4c hands over is escaped like any
 * other text from the tree, and decides which links may stand.
 */
#include <md4c.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "md.h"
#include "refs.h"

struct mdr {
	struct html	*h;
	const struct tour *t;
	const struct md_site *site;	/* NULL: a single page */
	int		 shift;
	int		 in_img;
	int		 in_cell;	/* in a table's cell */
	int		 in_code;	/* in a code span */
	int		 inline_only;	/* a title: spans, no blocks */
	int		 links;		/* ...and its links, in a heading */
	int		 depth[64];	/* HTML depth at each open span or
					 * block */
	int		 n;
};

static const struct {
	const char	*name;
	const char	*utf8;
} entities[] = {
	{ "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" },
	{ "apos", "'" }, { "nbsp", "\xC2\xA0" }, { "copy", "\xC2\xA9" },
	{ "reg", "\xC2\xAE" }, { "trade", "\xE2\x84\xA2" },
	{ "hellip", "\xE2\x80\xA6" }, { "mdash", "\xE2\x80\x94" },
	{ "ndash", "\xE2\x80\x93" }, { "lsquo", "\xE2\x80\x98" },
	{ "rsquo", "\xE2\x80\x99" }, { "ldquo", "\xE2\x80\x9C" },
	{ "rdquo", "\xE2\x80\x9D" }, { "laquo", "\xC2\xAB" },
	{ "raquo", "\xC2\xBB" }, { "times", "\xC3\x97" },
	{ "divide", "\xC3\xB7" }, { "deg", "\xC2\xB0" },
	{ "middot", "\xC2\xB7" }, { "bull", "\xE2\x80\xA2" },
	{ "larr", "\xE2\x86\x90" }, { "rarr", "\xE2\x86\x92" },
};

static void
utf8_put(struct buf *b, unsigned long cp)
{
	char u[4];

	if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp < 0x80) {
		buf_addc(b, (char)cp);
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		buf_add(b, u, 2);
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		buf_add(b, u, 3);
	} else {
		u[0] = (char)(0xF0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		buf_add(b, u, 4);
	}
}

/* "&amp;", "&#65;", "&#x41;" into UTF-8; an unknown name stays as text. */
void
md_entity(struct buf *b, const char *s, size_t n)
{
	unsigned long cp = 0;
	size_t i;

	if (n >= 4 && s[1] == '#') {
		int hex = s[2] == 'x' || s[2] == 'X';

		for (i = hex ? 3 : 2; i < n - 1 && cp <= 0x10FFFF; i++)
			cp = cp * (hex ? 16 : 10) + (unsigned long)(
			    s[i] >= '0' && s[i] <= '9' ? s[i] - '0' :
			    s[i] >= 'a' && s[i] <= 'f' ? s[i] - 'a' + 10 :
			    s[i] - 'A' + 10);
		utf8_put(b, cp);
		return;
	}
	for (i = 0; i < sizeof(entities) / sizeof(entities[0]); i++)
		if (n == strlen(entities[i].name) + 2 &&
		    memcmp(s + 1, entities[i].name, n - 2) == 0) {
			buf_adds(b, entities[i].utf8);
			return;
		}
	buf_add(b, s, n);
}

/* An md4c attribute as plain text: entities decoded. */
static void
attr_text(struct buf *b, const MD_ATTRIBUTE *a)
{
	unsigned i;
	MD_OFFSET from, to;

	b->len = 0;
	for (i = 0; a->substr_offsets != NULL && a->substr_offsets[i] < a->size;
	    i++) {
		from = a->substr_offsets[i];
		to = a->substr_offsets[i + 1];
		if (a->substr_types[i] == MD_TEXT_ENTITY)
			md_entity(b, a->text + from, to - from);
		else if (a->substr_types[i] == MD_TEXT_NULLCHAR)
			utf8_put(b, 0xFFFD);
		else
			buf_add(b, a->text + from, to - from);
	}
	buf_cstr(b);
}

int
url_safe(const char *url, size_t len)
{
	size_t i;

	/* A scheme is letters, digits, "+-." then ':', before any of "/?#". */
	for (i = 0; i < len; i++) {
		if (url[i] == '/' || url[i] == '?' || url[i] == '#')
			return 1;	/* relative */
		if (url[i] == ':')
			break;
	}
	if (i == len)
		return 1;
	return (i == 4 && strncasecmp(url, "http", 4) == 0) ||
	    (i == 5 && strncasecmp(url, "https", 5) == 0) ||
	    (i == 6 && strncasecmp(url, "mailto", 6) == 0);
}

/*
 * Code in a table's cell: GitHub reads "\|" there as "|" before anything
 * else, so that a pipe can stand in a cell, inside code too; md4c leaves
 * the backslash in code.
 */
static void
cell_code(struct html *h, const char *s, size_t n)
{
	size_t i, from = 0;

	for (i = 0; i + 1 < n; i++)
		if (s[i] == '\\' && s[i + 1] == '|') {
			html_text(h, s + from, i - from);
			from = i + 1;
		}
	html_text(h, s + from, n - from);
}

static void
push(struct mdr *r)
{
	if (r->n < (int)(sizeof(r->depth) / sizeof(r->depth[0])))
		r->depth[r->n] = r->h->depth + r->h->overflow;
	r->n++;
}

static void
pop(struct mdr *r)
{
	if (--r->n < (int)(sizeof(r->depth) / sizeof(r->depth[0])))
		while (r->h->depth + r->h->overflow > r->depth[r->n])
			html_close(r->h);
}

static const char *heading[] = { "h1", "h2", "h3", "h4", "h5", "h6" };

static int
enter_block(MD_BLOCKTYPE type, void *detail, void *arg)
{
	struct mdr *r = arg;
	struct html *h = r->h;
	char start[32];
	unsigned level;

	push(r);
	if (r->inline_only)
		return 0;
	switch (type) {
	case MD_BLOCK_DOC:
		break;
	case MD_BLOCK_QUOTE:
		html_open(h, "blockquote", NULL);
		break;
	case MD_BLOCK_UL:
		html_open(h, "ul", NULL);
		break;
	case MD_BLOCK_OL:
		snprintf(start, sizeof(start), "%u",
		    ((MD_BLOCK_OL_DETAIL *)detail)->start);
		html_open(h, "ol", "start", strcmp(start, "1") ? start : NULL,
		    NULL);
		break;
	case MD_BLOCK_LI:
		html_open(h, "li", NULL);
		if (((MD_BLOCK_LI_DETAIL *)detail)->is_task)
			html_textz(h, ((MD_BLOCK_LI_DETAIL *)detail)->task_mark
			    == ' ' ? "\xE2\x98\x90 " : "\xE2\x98\x91 ");
		break;
	case MD_BLOCK_HR:
		html_void(h, "hr", NULL);
		break;
	case MD_BLOCK_H:
		level = ((MD_BLOCK_H_DETAIL *)detail)->level +
		    (unsigned)r->shift;
		if (level < 1)
			level = 1;
		if (level > 6)
			level = 6;
		html_open(h, heading[level - 1], NULL);
		break;
	case MD_BLOCK_CODE:
		html_open(h, "pre", NULL);
		html_open(h, "code", NULL);
		break;
	case MD_BLOCK_HTML:	/* not with MD_FLAG_NOHTML; text if ever */
	case MD_BLOCK_P:
		html_open(h, "p", NULL);
		break;
	case MD_BLOCK_TABLE:
		html_open(h, "table", NULL);
		break;
	case MD_BLOCK_THEAD:
		html_open(h, "thead", NULL);
		break;
	case MD_BLOCK_TBODY:
		html_open(h, "tbody", NULL);
		break;
	case MD_BLOCK_TR:
		html_open(h, "tr", NULL);
		break;
	case MD_BLOCK_TH:
	case MD_BLOCK_TD: {
		MD_ALIGN al = ((MD_BLOCK_TD_DETAIL *)detail)->align;

		r->in_cell = 1;

		html_open(h, type == MD_BLOCK_TH ? "th" : "td", "class",
		    al == MD_ALIGN_LEFT ? "left" : al == MD_ALIGN_CENTER ?
		    "center" : al == MD_ALIGN_RIGHT ? "right" : NULL, NULL);
		break;
	}
	}
	return 0;
}

static int
leave_block(MD_BLOCKTYPE type, void *detail, void *arg)
{
	struct mdr *r = arg;

	(void)detail;
	if (type == MD_BLOCK_TH || type == MD_BLOCK_TD)
		r->in_cell = 0;
	pop(r);
	return 0;
}

const struct step *
md_xref(const struct tour *t, const char *href)
{
	const char *colon;
	size_t n;

	if (href[0] != '#' || (colon = strchr(href, ':')) == NULL)
		return NULL;
	n = (size_t)(colon - href - 1);
	if (n == 0 || !prefix_valid(href + 1, n) || colon[1] == '\0' ||
	    strspn(colon + 1, "0123456789") != strlen(colon + 1))
		return NULL;
	return tour_stepn(t, href + 1, n, colon + 1, strlen(colon + 1));
}

/*
 * Which bytes of a link's address stand as they are; the others are
 * percent-encoded, as cmark-gfm, and so GitHub, writes them: "/my url"
 * is "/my%20url".  A '%' stays, so that an address encoded already is not
 * encoded twice.
 */
static int
href_keeps(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || strchr("-_.+!*'(),%#@?=;:/&$~", c)
	    != NULL;
}

/* A link, its address encoded, its title (if any) as the title. */
static void
link_open(struct mdr *r, const struct buf *url, const MD_ATTRIBUTE *title)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf enc = { 0 }, tb = { 0 };
	const struct step *s = NULL;
	const char *page = NULL;
	unsigned char c;
	size_t i;

	if (r->t != NULL)
		s = md_xref(r->t, url->p);
	/* In a book of many pages, a step elsewhere is on its page. */
	if (s != NULL && r->site != NULL &&
	    (page = r->site->page(r->site->arg, s)) != NULL)
		buf_adds(&enc, page);
	for (i = 0; i < url->len; i++) {
		c = (unsigned char)url->p[i];
		if (c != '\0' && href_keeps(c)) {
			buf_addc(&enc, (char)c);
			continue;
		}
		buf_addc(&enc, '%');
		buf_addc(&enc, hex[c >> 4]);
		buf_addc(&enc, hex[c & 15]);
	}
	buf_cstr(&enc);
	attr_text(&tb, title);
	html_open(r->h, "a", "href", enc.p, "title", tb.len > 0 ? tb.p : NULL,
	    "class", s != NULL ? "xref" : NULL, NULL);
	buf_free(&enc);
	buf_free(&tb);
}

static int
enter_span(MD_SPANTYPE type, void *detail, void *arg)
{
	struct mdr *r = arg;
	struct html *h = r->h;
	struct buf url = { 0 };

	push(r);
	if (r->in_img)
		return 0;	/* an image's alt text is text */
	switch (type) {
	case MD_SPAN_EM:
		html_open(h, "em", NULL);
		break;
	case MD_SPAN_STRONG:
		html_open(h, "strong", NULL);
		break;
	case MD_SPAN_A:
		attr_text(&url, &((MD_SPAN_A_DETAIL *)detail)->href);
		if (r->inline_only && !r->links)	/* inside a link */
			html_open(h, "span", NULL);
		else if (url_safe(url.p, url.len))
			link_open(r, &url,
			    &((MD_SPAN_A_DETAIL *)detail)->title);
		else
			html_open(h, "span", "class", "unsafe-link", NULL);
		break;
	case MD_SPAN_IMG:
		/* A page loads nothing: an image shows as its alt text. */
		html_open(h, "span", "class", "img-alt", NULL);
		r->in_img = 1;
		break;
	case MD_SPAN_CODE:
		html_open(h, "code", NULL);
		r->in_code = 1;
		break;
	case MD_SPAN_DEL:
		html_open(h, "del", NULL);
		break;
	case MD_SPAN_U:
		html_open(h, "u", NULL);
		break;
	default:
		html_open(h, "span", NULL);
		break;
	}
	buf_free(&url);
	return 0;
}

static int
leave_span(MD_SPANTYPE type, void *detail, void *arg)
{
	struct mdr *r = arg;

	(void)detail;
	if (type == MD_SPAN_IMG)
		r->in_img = 0;
	else if (type == MD_SPAN_CODE)
		r->in_code = 0;
	pop(r);
	return 0;
}

static int
on_text(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE n, void *arg)
{
	struct mdr *r = arg;
	struct buf b = { 0 };

	switch (type) {
	case MD_TEXT_NULLCHAR:
		html_textz(r->h, "\xEF\xBF\xBD");
		break;
	case MD_TEXT_BR:
		if (!r->in_img)
			html_void(r->h, "br", NULL);
		break;
	case MD_TEXT_SOFTBR:
		html_textz(r->h, "\n");
		break;
	case MD_TEXT_ENTITY:
		md_entity(&b, s, n);
		html_text(r->h, b.p, b.len);
		buf_free(&b);
		break;
	case MD_TEXT_CODE:
		if (r->in_cell && r->in_code) {
			cell_code(r->h, s, n);
			break;
		}
		html_text(r->h, s, n);
		break;
	default:
		html_text(r->h, s, n);
		break;
	}
	return 0;
}

/*W:030 Prose is Markdown, parsed by md4c with raw HTML turned off, and
 * rendered here block by block through the escaping writer: md4c decides
 * the structure, quest writes every byte.  Before parsing, each `[G:030]`
 * that names a step of the tour becomes a Markdown link to its anchor,
 * and in a book of many pages (a `struct md_site`) to its page's.  A
 * link keeps its address only if it is relative, a fragment, http(s) or
 * mailto; an image shows its alt text, since the page loads nothing.
 * Where md4c and GitHub part, quest follows GitHub: an address is
 * percent-encoded as cmark-gfm writes it, and `\|` in the code of a
 * table's cell is a pipe (tests/unit/test_md.c holds md.c to cmark-gfm).
 */
enum mdmode {
	MD_BLOCKS,		/* prose */
	MD_TITLE,		/* a title in its heading: spans and links */
	MD_TITLE_TEXT,		/* a title inside a link: spans alone */
};

static void	render(struct html *, const struct tour *,
		    const struct md_site *, const char *, size_t, int,
		    enum mdmode);

void
md_render(struct html *h, const struct tour *t, const char *text, size_t len,
    int shift)
{
	render(h, t, NULL, text, len, shift, MD_BLOCKS);
}

void
md_render_site(struct html *h, const struct tour *t,
    const struct md_site *site, const char *text, size_t len, int shift)
{
	render(h, t, site, text, len, shift, MD_BLOCKS);
}

void
md_render_title(struct html *h, const struct tour *t, const char *text,
    size_t len)
{
	render(h, t, NULL, text, len, 0, MD_TITLE);
}

void
md_render_title_site(struct html *h, const struct tour *t,
    const struct md_site *site, const char *text, size_t len)
{
	render(h, t, site, text, len, 0, MD_TITLE);
}

void
md_render_inline(struct html *h, const char *text, size_t len)
{
	render(h, NULL, NULL, text, len, 0, MD_TITLE_TEXT);
}

static void
render(struct html *h, const struct tour *t, const struct md_site *site,
    const char *text, size_t len, int shift, enum mdmode mode)
{
	struct buf linked = { 0 };
	struct mdr r;
	MD_PARSER p;
	int depth = h->depth;

	/* A title shows a reference as its tag, linked or not. */
	if (mode == MD_BLOCKS)
		refs_linkify(t, text, len, &linked);
	else
		refs_titled(t, text, len, &linked);
	memset(&r, 0, sizeof(r));
	r.h = h;
	r.t = t;
	r.site = site;
	r.shift = shift;
	r.inline_only = mode != MD_BLOCKS;
	r.links = mode == MD_TITLE;
	memset(&p, 0, sizeof(p));
	p.flags = QUEST_MD_FLAGS;
	p.enter_block = enter_block;
	p.leave_block = leave_block;
	p.enter_span = enter_span;
	p.leave_span = leave_span;
	p.text = on_text;
	md_parse(linked.p ? linked.p : "", (MD_SIZE)linked.len, &p, &r);
	html_close_to(h, depth);
	buf_free(&linked);
}
/*:*/

/* md_plain(): the text of every span, nothing else. */
static int
plain_block(MD_BLOCKTYPE type, void *detail, void *arg)
{
	(void)type;
	(void)detail;
	(void)arg;
	return 0;
}

static int
plain_span(MD_SPANTYPE type, void *detail, void *arg)
{
	(void)type;
	(void)detail;
	(void)arg;
	return 0;
}

static int
plain_text(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE n, void *arg)
{
	struct buf *b = arg;

	switch (type) {
	case MD_TEXT_NULLCHAR:
		buf_adds(b, "\xEF\xBF\xBD");
		break;
	case MD_TEXT_BR:
	case MD_TEXT_SOFTBR:
		buf_addc(b, ' ');
		break;
	case MD_TEXT_ENTITY:
		md_entity(b, s, n);
		break;
	default:
		buf_add(b, s, n);
		break;
	}
	return 0;
}

void
md_plain(const char *text, size_t len, struct buf *out)
{
	struct buf tags = { 0 };
	MD_PARSER p;

	refs_titled(NULL, text, len, &tags);
	memset(&p, 0, sizeof(p));
	p.flags = QUEST_MD_FLAGS;
	p.enter_block = p.leave_block = plain_block;
	p.enter_span = p.leave_span = plain_span;
	p.text = plain_text;
	md_parse(tags.p ? tags.p : "", (MD_SIZE)tags.len, &p, out);
	buf_cstr(out);
	buf_free(&tags);
}
