/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * prose.c: tell a step's prose from its code, by the comment syntax alone.
 *
 * The prose of a step is the comment its tag opens: for a block comment,
 * up to the block closer; for a line comment, the run of lines that start
 * with the same opener.  Decoration is removed: the opener, a leading " * "
 * or "// ", the closer and the end marker's ':'.  What follows the comment,
 * up to the step's end, is its code.
 */
#include <string.h>

#include "tour.h"

static int
blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Trim blanks at both ends of p[0..*n). */
static const char *
trim(const char *p, size_t *n)
{
	while (*n > 0 && blank(*p))
		p++, (*n)--;
	while (*n > 0 && blank(p[*n - 1]))
		(*n)--;
	return p;
}

/* The opener the tag stands after: "/\*", "//", "#"... */
static const char *
tag_opener(const struct step *s, size_t *n)
{
	const struct lang *l = s->file->lang;
	const char *text = s->file->text;
	int i;

	if (s->block) {
		*n = strlen(l->block_open);
		return l->block_open;
	}
	for (i = 0; i < 2 && l->line[i] != NULL; i++) {
		*n = strlen(l->line[i]);
		if (s->tag_off >= *n &&
		    memcmp(text + s->tag_off - *n, l->line[i], *n) == 0)
			return l->line[i];
	}
	*n = 0;
	return "";
}

static void
add_line(struct buf *b, const char *p, size_t n, int *started, size_t *blanks)
{
	p = trim(p, &n);
	if (n == 0) {
		if (*started)
			(*blanks)++;
		return;
	}
	if (*started) {
		buf_addc(b, '\n');
		for (; *blanks > 0; (*blanks)--)
			buf_addc(b, '\n');
	}
	*blanks = 0;
	*started = 1;
	buf_add(b, p, n);
}

unsigned
step_prose(const struct step *s, struct buf *b)
{
	const struct lang *l = s->file->lang;
	const char *text = s->file->text, *p, *e, *close, *op;
	size_t at, n, clen, olen, blanks = 0;
	unsigned lineno = s->line;
	int started = 0;

	b->len = 0;
	buf_cstr(b);
	if (text == NULL)
		return s->line;
	at = s->tag_off + s->tag_len;
	if (s->block) {
		clen = strlen(l->block_close);
		while (at < s->end) {
			e = memchr(text + at, '\n', s->end - at);
			n = e ? (size_t)(e - text) - at : s->end - at;
			p = text + at;
			close = NULL;
			if (n >= clen)
				close = memmem(p, n, l->block_close, clen);
			if (close != NULL)
				n = (size_t)(close - p);
			if (close != NULL && n > 0 && p[n - 1] == ':')
				n--;	/* the end marker's colon */
			/*
			 * " * text": drop the leading star of a boxed
			 * comment.
			 */
			if (lineno != s->line) {
				size_t k = 0;

				while (k < n && blank(p[k]))
					k++;
				if (k < n && p[k] == '*') {
					k++;
					if (k < n && p[k] == ' ')
						k++;
					p += k;
					n -= k;
				}
			}
			add_line(b, p, n, &started, &blanks);
			if (close != NULL || e == NULL)
				return close ? lineno + 1 : lineno;
			at = (size_t)(e - text) + 1;
			lineno++;
		}
		return lineno;
	}
	op = tag_opener(s, &olen);
	for (;;) {
		e = memchr(text + at, '\n', s->end - at);
		n = e ? (size_t)(e - text) - at : s->end - at;
		p = text + at;
		if (s->how == END_MARKER && lineno == s->last &&
		    lineno != s->line)
			break;	/* a "//:" line is no prose */
		if (n > 0 && *p == ' ')
			p++, n--;
		add_line(b, p, n, &started, &blanks);
		lineno++;
		if (e == NULL || (size_t)(e - text) + 1 >= s->end)
			break;
		/*
		 * The next line continues the prose if it starts with the
		 * opener.
		 */
		at = (size_t)(e - text) + 1;
		p = text + at;
		n = s->end - at;
		while (n > 0 && blank(*p))
			p++, n--;
		if (olen == 0 || n < olen || memcmp(p, op, olen) != 0)
			break;
		at = (size_t)(p - text) + olen;
	}
	return lineno;
}

/* The first words of prose, blanks run together, cut at a word past maxlen. */
static void
summarize(const char *p, size_t len, size_t maxlen, struct buf *out)
{
	size_t i, cut;
	int space = 0;

	out->len = 0;
	for (i = 0; i < len; i++) {
		char c = p[i];

		if (c == '\n' || c == '\t' || c == ' ' || c == '\r') {
			space = out->len > 0;
			continue;
		}
		if (space)
			buf_addc(out, ' ');
		space = 0;
		buf_addc(out, c);
		if (out->len > maxlen)
			break;
	}
	if (out->len > maxlen) {
		/* Cut at a word, and say so; never in the middle of UTF-8. */
		cut = maxlen;
		while (cut > maxlen / 2 && out->p[cut] != ' ')
			cut--;
		if (out->p[cut] != ' ')
			while (cut > 0 &&
			    ((unsigned char)out->p[cut] & 0xC0) == 0x80)
				cut--;
		out->len = cut;
		buf_adds(out, "...");
	}
	buf_cstr(out);
}

void
step_summary(const struct step *s, size_t maxlen, struct buf *out)
{
	struct buf prose = { 0 };

	step_prose(s, &prose);
	summarize(prose.p, prose.len, maxlen, out);
	buf_free(&prose);
}

/* The first sentence of a step's prose, for its title. */
static char *
title_of(const struct buf *prose)
{
	struct buf out = { 0 };
	size_t i;

	summarize(prose->p, prose->len, 200, &out);
	for (i = 0; i + 1 < out.len; i++)
		if ((out.p[i] == '.' || out.p[i] == '?' || out.p[i] == '!' ||
		    out.p[i] == ':') && out.p[i + 1] == ' ') {
			out.len = i + (out.p[i] != ':');
			break;
		}
	if (out.len > 100) {
		out.len = 97;
		while (out.len > 0 &&
		    ((unsigned char)out.p[out.len] & 0xC0) == 0x80)
			out.len--;
		buf_adds(&out, "...");
	}
	buf_cstr(&out);
	return out.p;
}

/*T:030 What every writer asks of a step is derived once, when its file
 * is built: the line where its prose ends and its code begins, the
 * code's first and last lines that are not blank once the tag and end
 * marker are cut (and their bytes in the file, which the highlighter
 * parses), and its title, the first sentence of its prose.  The writers
 * and check read these fields; none of them tells prose from code again.
 */
void
step_derive(struct step *s, struct buf *prose)
{
	struct step_line l;
	struct buf *line = prose;
	size_t n;
	int ok;

	s->code_from = step_prose(s, prose);
	s->title = title_of(prose);
	/* The prose is done with: its buffer holds a line at a time. */
	s->code_first = s->code_last = 0;
	s->code_off = s->code_end = s->off;
	for (ok = step_line_first(s, &l); ok; ok = step_line_next(s, &l)) {
		if (l.lineno < s->code_from)
			continue;
		line->len = 0;
		step_line_add(line, &l);
		for (n = 0; n < line->len &&
		    strchr(" \t\r", line->p[n]) != NULL; n++)
			continue;
		if (n == line->len)
			continue;
		if (s->code_first == 0) {
			s->code_first = l.lineno;
			s->code_off = (size_t)(l.p - s->file->text);
		}
		s->code_last = l.lineno;
		s->code_end = l.next;
	}
}
/*:*/

void
step_code_text(const struct step *s, struct buf *out)
{
	struct step_line l;
	int ok;

	out->len = 0;
	buf_cstr(out);
	if (s->code_first == 0)
		return;
	for (ok = step_line_first(s, &l); ok && l.lineno <= s->code_last;
	    ok = step_line_next(s, &l)) {
		if (l.lineno < s->code_first)
			continue;
		step_line_add(out, &l);
		if (l.lineno < s->code_last)
			buf_addc(out, '\n');
	}
	buf_cstr(out);
}
