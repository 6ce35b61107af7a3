/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * fmt_term.c: the weave of show, for a terminal and for plain text.  The
 * one loop writes lguest's text; on a terminal the same text has banners,
 * file headers and prose in colour from one table of styles, file names
 * quoted and prose wrapped to the width of the terminal; code lines are
 * never touched, so that what is shown is what the file holds.  Plain
 * text (fmt_text.c) is this writer with no style, no quoting, no wrap.
 */
#include <stdio.h>
#include <string.h>

#include "writer.h"

enum tstyle {
	TS_BANNER,	/* {==- Guest -==} */
	TS_FILE,	/* [ path ] */
	TS_PROSE,	/* the tagged comment */
	TS_CODE,	/* the code: plain */
	TS__MAX
};

/*W:090 Terminal styles live in this one table, as SGR parameters, so a
 * change of look is a change of one line.  With colour off (NO_COLOR,
 * --color=never) the writer prints no escape at all; on a terminal it
 * still wraps prose to the width.  Piped, show writes plain text
 * (fmt_text.c): this writer with no table at all, the bytes lguest's.
 */
static const char *const styles[TS__MAX] = {
	[TS_BANNER] = "1;35",
	[TS_FILE] = "1;34",
	[TS_PROSE] = "36",
	[TS_CODE] = NULL,
};
/*:*/

/* How the weave looks. */
struct look {
	const char *const *sgr;	/* styles[], or NULL: no escape at all */
	int		 quote;	/* file names quoted for a terminal */
	int		 width;	/* prose wrapped to this; 0: never */
};

static void
styled(struct buf *b, const struct look *lk, enum tstyle st, const char *s,
    size_t n)
{
	const char *sgr = lk->sgr != NULL ? lk->sgr[st] : NULL;

	if (sgr != NULL)
		buf_printf(b, "\033[%sm", sgr);
	buf_add(b, s, n);
	if (sgr != NULL)
		buf_adds(b, "\033[0m");
	buf_addc(b, '\n');
}

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

/* A prose line, wrapped at blanks to the width, continued under itself. */
static void
prose_line(struct buf *b, const struct look *lk, const char *s, size_t n)
{
	size_t lead, start, cut, i;
	char indent[64];

	if (lk->width < 20 || columns(s, n) <= (size_t)lk->width) {
		styled(b, lk, TS_PROSE, s, n);
		return;
	}
	/* The indentation and decoration ("	 * ") repeat on each piece. */
	for (lead = 0; lead < n && strchr(" \t*/#;-", s[lead]) != NULL; lead++)
		continue;
	if (lead >= sizeof(indent) || columns(s, lead) > (size_t)lk->width / 2)
		lead = 0;
	memcpy(indent, s, lead);
	for (i = 0; i < lead; i++)	/* the opener becomes a blank */
		if (indent[i] == '/')
			indent[i] = ' ';
	indent[lead] = '\0';
	start = 0;
	while (start < n) {
		struct buf piece = { 0 };
		size_t room = (size_t)lk->width -
		    (start ? columns(indent, lead) : 0);

		cut = n;
		if (columns(s + start, n - start) > room) {
			for (i = start, cut = start; i < n &&
			    columns(s + start, i - start) <= room; i++)
				if (s[i] == ' ' &&
				    i > start + (start ? 0 : lead))
					cut = i;
			if (cut == start)
				cut = n;	/* one long word: leave it */
		}
		if (start)
			buf_add(&piece, indent, lead);
		buf_add(&piece, s + start, cut - start);
		styled(b, lk, TS_PROSE, piece.p, piece.len);
		buf_free(&piece);
		start = cut;
		while (start < n && s[start] == ' ')
			start++;
	}
}

/*W:010 The text weave is the original's output, minus its bugs.  Each step
 * prints its lines, tag and end marker dealt with by step_line_*(), after a
 * `[ path ]` line whenever its file is not the previous step's.  A step
 * closes with an empty line, except one that the next tag of its chapter
 * ended: the original script kept writing into the same place then, and
 * the lguest text relies on it.  The file header starts afresh with each
 * chapter, as each `make` target ran the script anew.  On a terminal the
 * lines are the same, styled.
 */
static void
weave(struct buf *b, const struct look *lk, const struct chapter *ch)
{
	struct buf line = { 0 };
	const struct qfile *last = NULL;
	const struct step *s;
	struct step_line l;
	unsigned code;
	size_t j;

	for (j = 0; j < ch->nsteps; j++) {
		s = ch->steps[j];
		if (s->file != last) {
			line.len = 0;
			buf_adds(&line, "[ ");
			/* For a terminal: no name may hold an escape. */
			if (lk->quote)
				name_quote(&line, s->file->path);
			else
				buf_adds(&line, s->file->path);
			buf_adds(&line, " ]");
			styled(b, lk, TS_FILE, line.p, line.len);
			last = s->file;
		}
		/* Where the prose ends matters only to a look for it. */
		code = lk->sgr != NULL || lk->width >= 20 ? s->code_from : 0;
		for (int ok = step_line_first(s, &l); ok;
		    ok = step_line_next(s, &l)) {
			line.len = 0;
			step_line_add(&line, &l);
			if (l.lineno < code)
				prose_line(b, lk, line.p ? line.p : "",
				    line.len);
			else
				styled(b, lk, TS_CODE, line.p ? line.p : "",
				    line.len);
		}
		if (s->how != END_NEXT_TAG)
			buf_addc(b, '\n');
	}
	buf_free(&line);
}
/*:*/

int
weave_write(const struct tour *t, const struct wopts *o, int plain)
{
	struct look lk = { NULL, 0, 0 };
	struct buf b = { 0 }, line = { 0 };
	size_t i;
	int rc = 0, banners = o->whole || o->nchapters > 1;

	(void)t;
	if (!plain) {
		lk.sgr = o->color ? styles : NULL;
		lk.quote = 1;
		lk.width = o->width;
	}
	for (i = 0; i < o->nchapters; i++) {
		if (banners) {
			line.len = 0;
			buf_printf(&line, "{==- %s -==}", o->chapters[i]->name);
			styled(&b, &lk, TS_BANNER, line.p, line.len);
		}
		weave(&b, &lk, o->chapters[i]);
		/* Out a chapter at a time, in large writes. */
		if (b.len >= 65536 || (!plain && b.len > 0)) {
			if (fwrite(b.p, 1, b.len, o->out) != b.len)
				rc = -1;
			b.len = 0;
		}
	}
	if (banners)
		styled(&b, &lk, TS_BANNER, "{==-==}", 7);
	if (b.len && fwrite(b.p, 1, b.len, o->out) != b.len)
		rc = -1;
	buf_free(&b);
	buf_free(&line);
	return rc;
}

static int
term_write(const struct tour *t, const struct wopts *o)
{
	return weave_write(t, o, 0);
}

const struct writer writer_term = { "term", term_write };
