/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * scan.c: find the tags and end markers of one file's text.
 *
 * This is the hot path of quest: on a large tree almost every byte read
 * passes through scan_text() once and nowhere else.  Every tag and every
 * end marker holds a ':', so the scanner jumps from colon to colon with
 * memchr(3) and looks only around each one; lines are counted only up to
 * the colons that turn out to be marks, so a file with no mark costs one
 * memchr pass and no allocation.
 */
#include <string.h>

#include "scan.h"

static int
is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Does text[at..len) start with s? */
static int
has(const char *text, size_t len, size_t at, const char *s)
{
	size_t n = strlen(s);

	return at <= len && len - at >= n && memcmp(text + at, s, n) == 0;
}

/* Does text[0..at) end with s? */
static int
ends(const char *text, size_t at, const char *s)
{
	size_t n = strlen(s);

	return at >= n && memcmp(text + at - n, s, n) == 0;
}

/* The length of the opener that ends at text[at], or 0 when none does. */
static unsigned
opener_before(const char *text, size_t at, const struct lang *l, int *block)
{
	int i;

	if (l->block_open != NULL && ends(text, at, l->block_open)) {
		*block = 1;
		return (unsigned)strlen(l->block_open);
	}
	for (i = 0; i < 2 && l->line[i] != NULL; i++)
		if (ends(text, at, l->line[i])) {
			*block = 0;
			return (unsigned)strlen(l->line[i]);
		}
	return 0;
}

struct cursor {
	const char	*text;
	size_t		 len;
	size_t		 pos;		/* lines are counted up to here */
	size_t		 line_off;	/* start of the line holding pos */
	unsigned	 line;
};

/* Advance the line count to the line holding offset at. */
static void
seek(struct cursor *c, size_t at)
{
	const char *p;

	while ((p = memchr(c->text + c->pos, '\n', at - c->pos)) != NULL) {
		c->line++;
		c->pos = (size_t)(p - c->text) + 1;
		c->line_off = c->pos;
	}
	c->pos = at;
}

static struct mark *
add(struct marks *m, struct cursor *c, enum mark_kind kind, size_t at)
{
	struct mark *x;

	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 16;
		m->v = xreallocarray(m->v, m->cap, sizeof(*m->v));
	}
	seek(c, at);
	x = &m->v[m->n++];
	memset(x, 0, sizeof(*x));
	x->kind = kind;
	x->line = c->line;
	x->line_off = c->line_off;
	x->col = (unsigned)(at - c->line_off) + 1;
	return x;
}

/*T:010 The scanner jumps from colon to colon.  At each one it asks three
 * questions, cheapest first.  Is this `:` followed by the block closer?
 * Then it is an end marker, and if a block opener stands right before it
 * (`/\*:*\/`), a comment of nothing but the marker.  Is it a line opener
 * followed by `:` and nothing but blanks (`//:`, `#:`)?  Also an end marker.
 * Else, walking back over capital letters, does a comment opener stand
 * before them?  Then digits must follow the colon, and after the digits a
 * blank, the end of the line or the closer; that is a tag, and anything
 * else (`/\*G:03a`, `/\*G:`) is only nearly one.
 */
void
scan_text(const char *text, size_t len, const struct lang *l, struct marks *out)
{
	struct cursor c = { text, len, 0, 0, 1 };
	const char *colon;
	struct mark *x;
	size_t at, p, d, e;
	unsigned olen;
	int block, i;

	out->n = 0;
	for (at = 0; at < len; at = (size_t)(colon - text) + 1) {
		colon = memchr(text + at, ':', len - at);
		if (colon == NULL)
			break;
		p = (size_t)(colon - text);

		/* An end marker in a language with block comments. */
		if (l->block_close != NULL &&
		    has(text, len, p + 1, l->block_close)) {
			size_t bo = strlen(l->block_open);

			x = add(out, &c, MARK_END, p);
			if (ends(text, p, l->block_open)) {
				x->off = p - bo;
				x->len = bo + 1 + strlen(l->block_close);
				x->alone = 1;
				x->col -= (unsigned)bo;
			} else {
				x->off = p;
				x->len = 1;
			}
			continue;
		}
		/* An end marker in a language with line comments. */
		for (i = 0; i < 2 && l->line[i] != NULL; i++) {
			if (!ends(text, p, l->line[i]))
				continue;
			for (e = p + 1; e < len && (text[e] == ' ' ||
			    text[e] == '\t' || text[e] == '\r'); e++)
				continue;
			if (e < len && text[e] != '\n')
				continue;
			olen = (unsigned)strlen(l->line[i]);
			x = add(out, &c, MARK_END, p - olen);
			x->off = p - olen;
			x->len = olen + 1;
			x->alone = 1;
			break;
		}
		if (i < 2 && l->line[i] != NULL)
			continue;

		/* A tag: opener, capitals, colon, digits, then a delimiter. */
		if (p == 0 || !is_upper(text[p - 1]))
			continue;
		for (d = p - 1; d > 0 && is_upper(text[d - 1]); d--)
			continue;
		if ((olen = opener_before(text, d, l, &block)) == 0)
			continue;
		for (e = p + 1; e < len && is_digit(text[e]); e++)
			continue;
		if (e > p + 1 && (e == len || text[e] == ' ' ||
		    text[e] == '\t' || text[e] == '\n' || text[e] == '\r' ||
		    (l->block_close != NULL &&
		    (has(text, len, e, l->block_close) ||
		    (text[e] == ':' &&
		    has(text, len, e + 1, l->block_close)))))) {
			x = add(out, &c, MARK_TAG, d - olen);
			x->off = d;
			x->len = e - d;
			x->prefix_len = (unsigned)(p - d);
			x->opener_len = olen;
			x->block = (unsigned char)block;
			continue;
		}
		/* Nearly a tag: keep what it looked like, up to a blank. */
		for (; e < len && e - d < 40 && text[e] != ' ' &&
		    text[e] != '\t' && text[e] != '\n' && text[e] != '\r';
		    e++)
			continue;
		x = add(out, &c, MARK_NEAR, d - olen);
		x->off = d;
		x->len = e - d;
		x->prefix_len = (unsigned)(p - d);
		x->opener_len = olen;
	}
}
/*:*/
