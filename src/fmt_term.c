/*
 * fmt_term.c: the tour on a terminal.  The same weave as fmt_text.c, with
 * banners, file headers and prose in colour from one table of styles, and
 * prose wrapped to the width of the terminal; code lines are never
 * touched, so that what is shown is what the file holds.
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
 * still wraps prose to the width.  Piped, show uses fmt_text.c instead:
 * the bytes are lguest's.
 */
static const char *const styles[TS__MAX] = {
	[TS_BANNER] = "1;35",
	[TS_FILE] = "1;34",
	[TS_PROSE] = "36",
	[TS_CODE] = NULL,
};
/*:*/

static void
styled(struct buf *b, const struct wopts *o, enum tstyle st, const char *s,
    size_t n)
{
	if (o->color && styles[st] != NULL)
		buf_printf(b, "\033[%sm", styles[st]);
	buf_add(b, s, n);
	if (o->color && styles[st] != NULL)
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
prose_line(struct buf *b, const struct wopts *o, const char *s, size_t n)
{
	size_t lead, start, cut, i;
	char indent[64];

	if (o->width < 20 || columns(s, n) <= (size_t)o->width) {
		styled(b, o, TS_PROSE, s, n);
		return;
	}
	/* The indentation and decoration ("	 * ") repeat on each piece. */
	for (lead = 0; lead < n && strchr(" \t*/#;-", s[lead]) != NULL; lead++)
		continue;
	if (lead >= sizeof(indent) || columns(s, lead) > (size_t)o->width / 2)
		lead = 0;
	memcpy(indent, s, lead);
	for (i = 0; i < lead; i++)	/* the opener becomes a blank */
		if (indent[i] == '/')
			indent[i] = ' ';
	indent[lead] = '\0';
	start = 0;
	while (start < n) {
		struct buf piece = { 0 };
		size_t room = (size_t)o->width - (start ? columns(indent, lead) : 0);

		cut = n;
		if (columns(s + start, n - start) > room) {
			for (i = start, cut = start; i < n &&
			    columns(s + start, i - start) <= room; i++)
				if (s[i] == ' ' && i > start + (start ? 0 : lead))
					cut = i;
			if (cut == start)
				cut = n;	/* one long word: leave it */
		}
		if (start)
			buf_add(&piece, indent, lead);
		buf_add(&piece, s + start, cut - start);
		styled(b, o, TS_PROSE, piece.p, piece.len);
		buf_free(&piece);
		start = cut;
		while (start < n && s[start] == ' ')
			start++;
	}
}

static int
term_write(const struct tour *t, const struct wopts *o)
{
	struct buf b = { 0 }, line = { 0 }, prose = { 0 };
	const struct qfile *last;
	const struct chapter *ch;
	const struct step *s;
	struct step_line l;
	unsigned code;
	size_t i, j;
	int rc = 0, banners = o->whole || o->nchapters > 1;

	(void)t;
	for (i = 0; i < o->nchapters; i++) {
		ch = o->chapters[i];
		if (banners) {
			line.len = 0;
			buf_printf(&line, "{==- %s -==}", ch->name);
			styled(&b, o, TS_BANNER, line.p, line.len);
		}
		last = NULL;
		for (j = 0; j < ch->nsteps; j++) {
			s = ch->steps[j];
			if (s->file != last) {
				line.len = 0;
				/* For a terminal: no name may hold an escape. */
				buf_adds(&line, "[ ");
				name_quote(&line, s->file->path);
				buf_adds(&line, " ]");
				styled(&b, o, TS_FILE, line.p, line.len);
				last = s->file;
			}
			code = step_prose(s, &prose);
			for (int ok = step_line_first(s, &l); ok;
			    ok = step_line_next(s, &l)) {
				line.len = 0;
				step_line_add(&line, &l);
				if (l.lineno < code)
					prose_line(&b, o, line.p ? line.p : "",
					    line.len);
				else
					styled(&b, o, TS_CODE, line.p ? line.p : "",
					    line.len);
			}
			if (s->how != END_NEXT_TAG)
				buf_addc(&b, '\n');
		}
		if (fwrite(b.p, 1, b.len, o->out) != b.len)
			rc = -1;
		b.len = 0;
	}
	if (banners)
		styled(&b, o, TS_BANNER, "{==-==}", 7);
	if (b.len && fwrite(b.p, 1, b.len, o->out) != b.len)
		rc = -1;
	buf_free(&b);
	buf_free(&line);
	buf_free(&prose);
	return rc;
}

const struct writer writer_term = { "term", term_write };
