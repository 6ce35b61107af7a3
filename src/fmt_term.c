/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * fmt_term.c: show, as plain text and on a terminal.  Plain text is
 * lguest's weave, byte for byte (fmt_text.c).  On a terminal, show is a
 * reader: each step opens with its tag and path:line, then its title and
 * the body of its prose, parsed by md4c, rendered (emphasis, code, lists,
 * links as their text and address) and filled by paragraph to the width
 * of the terminal, then its code, whose lines are never touched, so that
 * what is shown is what the file holds.  Colour comes from one table of
 * styles, and none at all with NO_COLOR.
 */
#include <md4c.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "md.h"
#include "refs.h"
#include "writer.h"

enum tstyle {
	TS_BANNER,	/* {==- Guest -==} */
	TS_TAG,		/* G:030, a step's and a cross-reference's */
	TS_FILE,	/* path:line */
	TS_TITLE,	/* a step's title */
	TS_PROSE,	/* the body of its prose */
	TS_CODE,	/* its code: plain */
	/* Within prose, added to its style: */
	TS_EM,		/* *emphasis* */
	TS_STRONG,	/* **strong**, and a heading */
	TS_SPAN,	/* `code` and a code block */
	TS_LINK,	/* a link's text */
	TS_URL,		/* its address, after it */
	TS__MAX
};

/*W:090 Terminal styles live in this one table, as SGR parameters, so a
 * change of look is a change of one line.  A span of prose adds its
 * style to its block's (emphasis in a title: "1;36;3").  With colour off
 * (NO_COLOR, --color=never) the reader prints no escape at all, and still
 * fills its prose to the width.  Piped, show writes plain text
 * (fmt_text.c): lguest's bytes, from a loop of their own.
 */
static const char *const styles[TS__MAX] = {
	[TS_BANNER] = "1;35",
	[TS_TAG] = "1;33",
	[TS_FILE] = "34",
	[TS_TITLE] = "1;36",
	[TS_PROSE] = "36",
	[TS_CODE] = NULL,
	[TS_EM] = "3",
	[TS_STRONG] = "1",
	[TS_SPAN] = "33",
	[TS_LINK] = "4",
	[TS_URL] = "2",
};
/*:*/

/* The spans of a byte of prose: bits of the styles from TS_EM on. */
#define SPAN_BIT(st)	(1U << ((st) - TS_EM))
#define SPAN_XREF	(1U << (TS__MAX - TS_EM))	/* as TS_TAG */

/*W:010 The text weave is the original's output, minus its bugs.  Each step
 * prints its lines, tag and end marker dealt with by step_line_*(), after a
 * `[ path ]` line whenever its file is not the previous step's.  A step
 * closes with an empty line, except one that the next tag of its chapter
 * ended: the original script kept writing into the same place then, and
 * the lguest text relies on it.  The file header starts afresh with each
 * chapter, as each `make` target ran the script anew.
 */
static void
weave(struct buf *b, const struct chapter *ch)
{
	const struct qfile *last = NULL;
	const struct step *s;
	struct step_line l;
	size_t j;

	for (j = 0; j < ch->nsteps; j++) {
		s = ch->steps[j];
		if (s->file != last) {
			buf_adds(b, "[ ");
			buf_adds(b, s->file->path);
			buf_adds(b, " ]\n");
			last = s->file;
		}
		for (int ok = step_line_first(s, &l); ok;
		    ok = step_line_next(s, &l)) {
			step_line_add(b, &l);
			buf_addc(b, '\n');
		}
		if (s->how != END_NEXT_TAG)
			buf_addc(b, '\n');
	}
}
/*:*/

/*
 * The reader.  md4c's callbacks fill a block's text into text, with the
 * spans of each of its bytes in sty; at the block's end, fill() breaks it
 * into lines at blanks, each after the marks of the lists and quotes it
 * is in (box[]): a list item's marker on its first line, its indentation
 * on the others.
 */
#define MAX_BOX	16

struct box {
	int		 quote;		/* a quote, else a list item */
	char		 mark[24];	/* "- ", "12. ", "> " */
	size_t		 cols;		/* its width */
	int		 pending;	/* the marker is not written yet */
};

struct reader {
	struct buf	*out;
	const struct tour *t;
	const char *const *sgr;		/* styles[], or NULL: no escape */
	size_t		 width;
	enum tstyle	 base;		/* TS_TITLE or TS_PROSE */
	struct buf	 text, sty;	/* the block being filled */
	unsigned	 spans;		/* the spans open, SPAN_BIT()s */
	struct box	 box[MAX_BOX];
	int		 nbox;
	int		 deep;		/* boxes past MAX_BOX */
	int		 lists[MAX_BOX];	/* tight, per open list */
	unsigned	 next[MAX_BOX];	/* an ordered list's next number */
	int		 nlist;
	int		 blank;		/* a block was written: set the next
					 * one apart */
	int		 code;		/* in a code block: verbatim */
	int		 table;		/* in a table: cells, a row a line */
	struct buf	 href;		/* the open link's address */
	size_t		 link_from;	/* where its text starts in text */
	int		 xref;		/* it is a cross-reference */
	int		 img;		/* in an image: its alt text */
};

/* The display width of a UTF-8 string: one column a character. */
static size_t
columns(const char *s, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			c += s[i] == '\t' ? 8 - c % 8 : 1;
	return c;
}

/* Switch from the spans of the last byte to those of the next one. */
static void
sgr_set(struct reader *r, unsigned spans)
{
	int st;

	if (r->sgr == NULL)
		return;
	buf_adds(r->out, "\033[0");
	if (spans & SPAN_XREF)
		buf_printf(r->out, ";%s", r->sgr[TS_TAG]);
	else if (r->sgr[r->base] != NULL)
		buf_printf(r->out, ";%s", r->sgr[r->base]);
	for (st = TS_EM; st < TS__MAX; st++)
		if ((spans & SPAN_BIT(st)) && r->sgr[st] != NULL)
			buf_printf(r->out, ";%s", r->sgr[st]);
	buf_addc(r->out, 'm');
}

/* One line of the reader in one style, and its newline. */
static void
styled(struct buf *b, const char *const *sgr, enum tstyle st, const char *s,
    size_t n)
{
	const char *p = sgr != NULL ? sgr[st] : NULL;

	if (p != NULL)
		buf_printf(b, "\033[%sm", p);
	buf_add(b, s, n);
	if (p != NULL)
		buf_adds(b, "\033[0m");
	buf_addc(b, '\n');
}

/* Prose to fill, in the spans open; no control character passes. */
static void
put(struct reader *r, const char *s, size_t n, unsigned extra)
{
	size_t i;
	char c;

	for (i = 0; i < n; i++) {
		c = s[i];
		if (((unsigned char)c < 0x20 && c != '\n') || c == 0x7f)
			c = c == '\t' ? ' ' : '?';
		buf_addc(&r->text, c);
		buf_addc(&r->sty, (char)(r->spans | extra));
	}
}

/* The boxes' marks, the first line of a block's or the others'. */
static void
prefix(struct reader *r, struct buf *b, size_t *cols)
{
	int i;

	*cols = 0;
	for (i = 0; i < r->nbox; i++) {
		if (r->box[i].quote || r->box[i].pending)
			buf_adds(b, r->box[i].mark);
		else
			for (size_t k = 0; k < r->box[i].cols; k++)
				buf_addc(b, ' ');
		*cols += r->box[i].cols;
	}
}

/* A line begins: a blank line before the block's first, then the marks. */
static size_t
line_start(struct reader *r)
{
	struct buf pre = { 0 };
	size_t cols;
	int i;

	if (r->blank) {
		buf_addc(r->out, '\n');
		r->blank = 0;
	}
	prefix(r, &pre, &cols);
	buf_add(r->out, pre.p ? pre.p : "", pre.len);
	for (i = 0; i < r->nbox; i++)
		r->box[i].pending = 0;
	buf_free(&pre);
	return cols;
}

/* Write text[a..b) in its spans. */
static void
put_styled(struct reader *r, size_t a, size_t b, unsigned *cur)
{
	size_t i;

	for (i = a; i < b; i++) {
		unsigned st = (unsigned char)r->sty.p[i];

		if (st != *cur) {
			sgr_set(r, st);
			*cur = st;
		}
		buf_addc(r->out, r->text.p[i]);
	}
}

static void
line_end(struct reader *r, unsigned *cur)
{
	if (r->sgr != NULL && *cur != (unsigned)-1)
		buf_adds(r->out, "\033[0m");
	*cur = (unsigned)-1;
	buf_addc(r->out, '\n');
}

/*
 * Fill the block's text into lines of the width, breaking at blanks (and
 * where a hard line break stands); a word longer than a line stands
 * alone on its own.
 */
static void
fill(struct reader *r)
{
	const char *p = r->text.p;
	size_t n = r->text.len, i = 0, w, gap, used = 0, room = 0, cols;
	unsigned cur = (unsigned)-1;
	int open = 0;

	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\n'))
		n--;
	while (i < n && p[i] == ' ')
		i++;
	while (i < n) {
		if (p[i] == '\n') {	/* a hard break */
			if (!open)
				line_start(r);
			line_end(r, &cur);
			open = 0;
			for (i++; i < n && p[i] == ' '; i++)
				continue;
			continue;
		}
		for (w = i; w < n && p[w] != ' ' && p[w] != '\n'; w++)
			continue;
		cols = columns(p + i, w - i);
		if (open && used + 1 + cols > room) {
			line_end(r, &cur);
			open = 0;
		}
		if (!open) {
			size_t pre = line_start(r);

			room = r->width > pre + 10 ? r->width - pre : 10;
			open = 1;
			used = 0;
		} else {
			gap = i - 1;	/* the blank's own spans */
			while (gap > 0 && p[gap] != ' ')
				gap--;
			put_styled(r, gap, gap + 1, &cur);
			used++;
		}
		put_styled(r, i, w, &cur);
		used += cols;
		for (i = w; i < n && p[i] == ' '; i++)
			continue;
	}
	if (open)
		line_end(r, &cur);
	r->text.len = r->sty.len = 0;
}

/* A block's text, when it has some, is written; the next is set apart. */
static void
flush(struct reader *r, int apart)
{
	size_t i;

	for (i = 0; i < r->text.len && r->text.p[i] == ' '; i++)
		continue;
	if (i == r->text.len) {
		r->text.len = r->sty.len = 0;
		return;
	}
	fill(r);
	r->blank = apart;
}

static void
box_push(struct reader *r, int quote, const char *mark)
{
	struct box *b;

	if (r->nbox == MAX_BOX) {
		r->deep++;
		return;
	}
	b = &r->box[r->nbox++];
	memset(b, 0, sizeof(*b));
	b->quote = quote;
	snprintf(b->mark, sizeof(b->mark), "%s", mark);
	b->cols = columns(b->mark, strlen(b->mark));
	b->pending = 1;
}

static void
box_pop(struct reader *r)
{
	if (r->deep > 0)
		r->deep--;
	else if (r->nbox > 0)
		r->nbox--;
}

/* A code block: its lines as they are, after the marks, in TS_SPAN. */
static void
code_block(struct reader *r)
{
	const char *p = r->text.p;
	size_t n = r->text.len, i = 0, e;
	unsigned cur = (unsigned)-1;

	while (n > 0 && p[n - 1] == '\n')
		n--;
	for (i = 0; i < n; i = e + 1) {
		for (e = i; e < n && p[e] != '\n'; e++)
			continue;
		line_start(r);
		buf_adds(r->out, "    ");
		put_styled(r, i, e, &cur);
		line_end(r, &cur);
	}
	r->text.len = r->sty.len = 0;
	r->blank = 1;
}

static int
r_enter_block(MD_BLOCKTYPE type, void *detail, void *arg)
{
	struct reader *r = arg;
	char mark[24];

	switch (type) {
	case MD_BLOCK_UL:
	case MD_BLOCK_OL:
		flush(r, 0);	/* the item's own text, in a tight list */
		if (r->nlist < MAX_BOX) {
			r->lists[r->nlist] = type == MD_BLOCK_UL ?
			    ((MD_BLOCK_UL_DETAIL *)detail)->is_tight :
			    ((MD_BLOCK_OL_DETAIL *)detail)->is_tight;
			r->next[r->nlist] = type == MD_BLOCK_OL ?
			    ((MD_BLOCK_OL_DETAIL *)detail)->start : 0;
		}
		r->nlist++;
		break;
	case MD_BLOCK_LI:
		flush(r, 0);
		if (r->nlist > 0 && r->nlist <= MAX_BOX &&
		    r->next[r->nlist - 1] > 0)
			snprintf(mark, sizeof(mark), "%u. ",
			    r->next[r->nlist - 1]++);
		else
			snprintf(mark, sizeof(mark), "- ");
		box_push(r, 0, mark);
		if (((MD_BLOCK_LI_DETAIL *)detail)->is_task)
			put(r, ((MD_BLOCK_LI_DETAIL *)detail)->task_mark ==
			    ' ' ? "[ ] " : "[x] ", 4, 0);
		break;
	case MD_BLOCK_QUOTE:
		flush(r, 1);
		box_push(r, 1, "> ");
		break;
	case MD_BLOCK_H:
		flush(r, 1);
		r->spans |= SPAN_BIT(TS_STRONG);
		break;
	case MD_BLOCK_CODE:
		flush(r, 1);
		r->code = 1;
		r->spans |= SPAN_BIT(TS_SPAN);
		break;
	case MD_BLOCK_TABLE:
		flush(r, 1);
		r->table = 1;
		break;
	case MD_BLOCK_TH:
		r->spans |= SPAN_BIT(TS_STRONG);
		break;
	case MD_BLOCK_HR:
		flush(r, 1);
		break;
	default:
		break;
	}
	return 0;
}

static int
r_leave_block(MD_BLOCKTYPE type, void *detail, void *arg)
{
	struct reader *r = arg;
	size_t i, w;

	(void)detail;
	switch (type) {
	case MD_BLOCK_P:
		flush(r, 1);
		break;
	case MD_BLOCK_H:
		flush(r, 1);
		r->spans &= ~SPAN_BIT(TS_STRONG);
		break;
	case MD_BLOCK_LI:
		flush(r, !(r->nlist > 0 && r->nlist <= MAX_BOX &&
		    r->lists[r->nlist - 1]));
		box_pop(r);
		break;
	case MD_BLOCK_UL:
	case MD_BLOCK_OL:
		r->nlist--;
		r->blank = r->nlist == 0 || r->blank;
		break;
	case MD_BLOCK_QUOTE:
		flush(r, 1);
		box_pop(r);
		r->blank = 1;
		break;
	case MD_BLOCK_CODE:
		code_block(r);
		r->code = 0;
		r->spans &= ~SPAN_BIT(TS_SPAN);
		break;
	case MD_BLOCK_HR:
		w = r->width < 40 ? r->width : 40;
		line_start(r);
		for (i = 0; i < w; i++)
			buf_addc(r->out, '-');
		buf_addc(r->out, '\n');
		r->blank = 1;
		break;
	case MD_BLOCK_TH:
	case MD_BLOCK_TD:
		put(r, "  ", 2, 0);	/* cells apart, a row a line */
		r->spans &= ~SPAN_BIT(TS_STRONG);
		break;
	case MD_BLOCK_TR:
		if (r->text.len > 0) {
			unsigned cur = (unsigned)-1;

			while (r->text.len > 0 &&
			    r->text.p[r->text.len - 1] == ' ')
				r->text.len--, r->sty.len--;
			line_start(r);
			put_styled(r, 0, r->text.len, &cur);
			line_end(r, &cur);
			r->text.len = r->sty.len = 0;
		}
		break;
	case MD_BLOCK_TABLE:
		r->table = 0;
		r->blank = 1;
		break;
	default:
		break;
	}
	return 0;
}

static int
r_enter_span(MD_SPANTYPE type, void *detail, void *arg)
{
	struct reader *r = arg;
	MD_SPAN_A_DETAIL *a = detail;
	unsigned i;

	switch (type) {
	case MD_SPAN_EM:
		r->spans |= SPAN_BIT(TS_EM);
		break;
	case MD_SPAN_STRONG:
		r->spans |= SPAN_BIT(TS_STRONG);
		break;
	case MD_SPAN_CODE:
		r->spans |= SPAN_BIT(TS_SPAN);
		break;
	case MD_SPAN_A:
	case MD_SPAN_IMG:
		r->href.len = 0;
		/* Its address, entities and all, as md4c hands it over. */
		for (i = 0; a->href.substr_offsets != NULL &&
		    a->href.substr_offsets[i] < a->href.size; i++) {
			MD_OFFSET from = a->href.substr_offsets[i];
			MD_OFFSET to = a->href.substr_offsets[i + 1];

			if (a->href.substr_types[i] == MD_TEXT_ENTITY)
				md_entity(&r->href, a->href.text + from,
				    to - from);
			else
				buf_add(&r->href, a->href.text + from,
				    to - from);
		}
		buf_cstr(&r->href);
		r->img = type == MD_SPAN_IMG;
		r->link_from = r->text.len;
		r->xref = type == MD_SPAN_A && r->t != NULL &&
		    md_xref(r->t, r->href.p) != NULL;
		r->spans |= r->xref ? SPAN_XREF : SPAN_BIT(TS_LINK);
		break;
	default:
		break;
	}
	return 0;
}

/* Does the link's text say its address already: an autolink? */
static int
said(const struct reader *r)
{
	const char *text, *h = r->href.p;
	size_t n = r->text.len - r->link_from, k;

	if (n == 0)
		return 0;	/* no text: the address says where */
	text = r->text.p + r->link_from;
	for (k = 0; k < 3; k++) {
		static const char *const schemes[] = {
			"", "http://", "mailto:"
		};
		size_t sl = strlen(schemes[k]);

		if (strncmp(h, schemes[k], sl) == 0 && strlen(h + sl) == n &&
		    memcmp(h + sl, text, n) == 0)
			return 1;
	}
	return 0;
}

static int
r_leave_span(MD_SPANTYPE type, void *detail, void *arg)
{
	struct reader *r = arg;

	(void)detail;
	switch (type) {
	case MD_SPAN_EM:
		r->spans &= ~SPAN_BIT(TS_EM);
		break;
	case MD_SPAN_STRONG:
		r->spans &= ~SPAN_BIT(TS_STRONG);
		break;
	case MD_SPAN_CODE:
		r->spans &= ~SPAN_BIT(TS_SPAN);
		break;
	case MD_SPAN_A:
	case MD_SPAN_IMG:
		r->spans &= ~(SPAN_XREF | SPAN_BIT(TS_LINK));
		/* A link reads as its text, then where it leads. */
		if (!r->xref && r->href.len > 0 && !said(r)) {
			put(r, " <", 2, 0);
			put(r, r->href.p, r->href.len, SPAN_BIT(TS_URL));
			put(r, ">", 1, 0);
		}
		r->img = r->xref = 0;
		break;
	default:
		break;
	}
	return 0;
}

static int
r_text(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE n, void *arg)
{
	struct reader *r = arg;
	struct buf b = { 0 };

	switch (type) {
	case MD_TEXT_NULLCHAR:
		put(r, "\xEF\xBF\xBD", 3, 0);
		break;
	case MD_TEXT_BR:
		put(r, "\n", 1, 0);
		break;
	case MD_TEXT_SOFTBR:
		put(r, " ", 1, 0);
		break;
	case MD_TEXT_ENTITY:
		md_entity(&b, s, n);
		put(r, b.p, b.len, 0);
		buf_free(&b);
		break;
	default:
		if (r->code) {	/* verbatim, its newlines kept */
			size_t i;

			for (i = 0; i < n; i++) {
				buf_addc(&r->text, s[i] == '\t' ||
				    s[i] == '\n' || ((unsigned char)s[i] >=
				    0x20 && s[i] != 0x7f) ? s[i] : '?');
				buf_addc(&r->sty, (char)r->spans);
			}
		} else
			put(r, s, n, 0);
		break;
	}
	return 0;
}

/* Markdown, rendered and filled into r->out in the style base. */
static void
render(struct reader *r, enum tstyle base, const char *text, size_t len)
{
	MD_PARSER p;

	r->base = base;
	r->spans = 0;
	r->nbox = r->deep = r->nlist = 0;
	r->code = r->table = 0;
	memset(&p, 0, sizeof(p));
	p.flags = QUEST_MD_FLAGS;
	p.enter_block = r_enter_block;
	p.leave_block = r_leave_block;
	p.enter_span = r_enter_span;
	p.leave_span = r_leave_span;
	p.text = r_text;
	md_parse(text, (MD_SIZE)len, &p, r);
	flush(r, 1);
}

/*W:095 On a terminal, show reads as a book does.  Each step opens with its
 * tag and `path:line`, so that the pager's search finds `G:030` where a
 * cross-reference names it; then its title, by the rule of every format
 * (prose.c), and the body of its prose, whose Markdown md4c parses and
 * this writer renders: emphasis and code in their styles, lists with
 * their markers, a link as its text and then its address, a
 * cross-reference as the tag it names.  Each paragraph is filled to the
 * width of the terminal; the code follows, its lines as the file has
 * them, and an empty line closes the step.
 */
static void
read_step(struct reader *r, const struct step *s)
{
	struct buf line = { 0 }, md = { 0 }, body = { 0 };
	struct step_line l;
	int ok;

	line.len = 0;
	if (r->sgr != NULL)
		buf_printf(&line, "\033[%sm%s\033[0m  \033[%sm", r->sgr[TS_TAG],
		    s->id, r->sgr[TS_FILE]);
	else
		buf_printf(&line, "%s  ", s->id);
	/* For a terminal: no name may hold an escape. */
	name_quote(&line, s->file->path);
	buf_printf(&line, ":%u%s\n", s->line, r->sgr != NULL ? "\033[0m" :
	    "");
	buf_add(r->out, line.p, line.len);
	r->blank = 0;
	if (s->title[0] != '\0') {
		refs_titled(r->t, s->title, strlen(s->title), &md);
		render(r, TS_TITLE, md.p, md.len);
	}
	step_body(s, &body);
	md.len = 0;
	refs_linkify(r->t, body.p, body.len, &md);
	render(r, TS_PROSE, md.p ? md.p : "", md.len);
	for (ok = step_line_first(s, &l); ok && s->code_first != 0 &&
	    l.lineno <= s->code_last; ok = step_line_next(s, &l)) {
		if (l.lineno < s->code_first)
			continue;
		if (r->blank) {
			buf_addc(r->out, '\n');
			r->blank = 0;
		}
		line.len = 0;
		step_line_add(&line, &l);
		styled(r->out, r->sgr, TS_CODE, line.p ? line.p : "",
		    line.len);
	}
	buf_addc(r->out, '\n');
	buf_free(&line);
	buf_free(&md);
	buf_free(&body);
}
/*:*/

int
weave_write(const struct tour *t, const struct wopts *o, int plain)
{
	struct reader r;
	struct buf b = { 0 }, line = { 0 };
	size_t i, j;
	int rc = 0, banners = o->whole || o->nchapters > 1;
	const char *const *sgr = !plain && o->color ? styles : NULL;

	memset(&r, 0, sizeof(r));
	r.out = &b;
	r.t = t;
	r.sgr = sgr;
	/* A width unknown (a pipe, --color=always) is a terminal's 80. */
	r.width = o->width > 0 ? (size_t)o->width : 80;
	if (r.width < 20)
		r.width = 20;
	for (i = 0; i < o->nchapters; i++) {
		if (banners) {
			line.len = 0;
			buf_printf(&line, "{==- %s -==}", o->chapters[i]->name);
			styled(&b, sgr, TS_BANNER, line.p, line.len);
			if (!plain)
				buf_addc(&b, '\n');
		}
		if (plain)
			weave(&b, o->chapters[i]);
		else
			for (j = 0; j < o->chapters[i]->nsteps; j++)
				read_step(&r, o->chapters[i]->steps[j]);
		/* Out a chapter at a time, in large writes. */
		if (b.len >= 65536 || (!plain && b.len > 0)) {
			if (fwrite(b.p, 1, b.len, o->out) != b.len)
				rc = -1;
			b.len = 0;
		}
	}
	if (banners)
		styled(&b, sgr, TS_BANNER, "{==-==}", 7);
	if (b.len && fwrite(b.p, 1, b.len, o->out) != b.len)
		rc = -1;
	buf_free(&b);
	buf_free(&line);
	buf_free(&r.text);
	buf_free(&r.sty);
	buf_free(&r.href);
	return rc;
}

static int
term_write(const struct tour *t, const struct wopts *o)
{
	return weave_write(t, o, 0);
}

const struct writer writer_term = { "term", term_write };
