/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * lsp_text.c: a text as the client counts it.  The tree counts in bytes,
 * lines from 1 and columns from 1 (tour.h); the client in lines from 0
 * and characters from 0, each character a UTF-16 code unit unless the
 * two agreed on UTF-8 or UTF-32.  Converting happens here and nowhere
 * else, at the edge.
 */
#include <stdlib.h>
#include <string.h>

#include "lsp.h"

void
lsp_lines_build(struct lsp_lines *l, const char *p, size_t len)
{
	const char *nl, *e = p + len;
	const char *at = p;

	l->n = 0;
	for (;;) {
		if (l->n == l->cap) {
			l->cap = l->cap ? l->cap * 2 : 64;
			l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
		}
		l->v[l->n++] = (size_t)(at - p);
		if (at >= e || (nl = memchr(at, '\n', (size_t)(e - at))) ==
		    NULL)
			break;
		at = nl + 1;
	}
}

size_t
lsp_text_line(const struct lsp_text *t, size_t off)
{
	size_t lo = 0, hi = t->nlines, mid;

	/* The last line whose start is at or before off. */
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (t->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

size_t
lsp_text_eol(const struct lsp_text *t, size_t line)
{
	size_t e;

	if (line + 1 < t->nlines) {
		e = t->lines[line + 1] - 1;	/* the '\n' */
		if (e > t->lines[line] && t->p[e - 1] == '\r')
			e--;
		return e;
	}
	e = t->len;
	if (e > t->lines[line] && t->p[e - 1] == '\r')
		e--;
	return e;
}

/* How many units of enc the bytes p[0, n) count for. */
static size_t
units(const char *p, size_t n, enum lsp_enc enc)
{
	const unsigned char *s = (const unsigned char *)p;
	size_t i = 0, u = 0, k;

	if (enc == LSP_UTF8)
		return n;
	while (i < n) {
		if (s[i] < 0x80) {
			i++;
			u++;
			continue;
		}
		/* A byte that is no part of UTF-8 counts as one. */
		if ((k = utf8_len(s + i, n - i)) == 0)
			k = 1;
		u += enc == LSP_UTF16 && k == 4 ? 2 : 1;
		i += k;
	}
	return u;
}

/* The byte of p[0, n) where unit u starts: n when past the end. */
static size_t
unit_off(const char *p, size_t n, size_t u, enum lsp_enc enc)
{
	const unsigned char *s = (const unsigned char *)p;
	size_t i = 0, k, w;

	if (enc == LSP_UTF8) {
		/* Never inside a character: back to where it starts. */
		if (u >= n)
			return n;
		for (i = u; i > 0 && u - i < 3 && (s[i] & 0xC0) == 0x80; i--)
			continue;
		return utf8_len(s + i, n - i) > u - i ? i : u;
	}
	while (i < n && u > 0) {
		if ((k = utf8_len(s + i, n - i)) == 0)
			k = 1;
		w = enc == LSP_UTF16 && k == 4 ? 2 : 1;
		if (w > u)
			break;	/* inside a surrogate pair: before it */
		u -= w;
		i += k;
	}
	return i;
}

void
lsp_text_pos(const struct lsp_text *t, size_t off, enum lsp_enc enc,
    size_t *line, size_t *ch)
{
	size_t l, eol;

	if (off > t->len)
		off = t->len;
	l = lsp_text_line(t, off);
	eol = lsp_text_eol(t, l);
	if (off > eol)
		off = eol;	/* inside a CRLF: at its start */
	*line = l;
	*ch = units(t->p + t->lines[l], off - t->lines[l], enc);
}

size_t
lsp_text_off(const struct lsp_text *t, size_t line, size_t ch,
    enum lsp_enc enc)
{
	size_t s, e;

	if (line >= t->nlines)
		return t->len;
	s = t->lines[line];
	e = lsp_text_eol(t, line);
	return s + unit_off(t->p + s, e - s, ch, enc);
}

#ifdef __SANITIZE_ADDRESS__
/* In the tests' builds, the patched table is checked against a new one. */
static void
lines_verify(const struct lsp_lines *l, const char *p, size_t len)
{
	struct lsp_lines fresh = { 0 };

	lsp_lines_build(&fresh, p, len);
	if (fresh.n != l->n ||
	    memcmp(fresh.v, l->v, l->n * sizeof(*l->v)) != 0)
		abort();
	free(fresh.v);
}
#endif

/*L:030 An incremental change replaces a range of the document with new
 * text.  The text is a buffer and the line table an array of where each
 * line starts, both patched in place: the starts inside the replaced
 * range go, those of the new text's newlines come in, and the ones after
 * move by the change in length.  Typing a character costs a move of the
 * lines below, not a scan of the whole file; the sanitized build that
 * the tests run rebuilds the table after every edit and aborts if the
 * two differ.
 */
int
lsp_text_edit(struct buf *text, struct lsp_lines *l, size_t a, size_t b,
    const char *s, size_t n, size_t max)
{
	struct lsp_text t = { text->p, text->len, l->v, l->n };
	size_t la, lb, add = 0, i, k, tail, newlen;
	const char *nl, *at, *e = s + n;

	newlen = text->len - (b - a) + n;
	if (newlen > max || n > max)
		return -1;
	la = lsp_text_line(&t, a);
	lb = lsp_text_line(&t, b);
	/* The text first. */
	buf_grow(text, newlen + 1);
	memmove(text->p + a + n, text->p + b, text->len - b);
	memcpy(text->p + a, s, n);
	text->len = newlen;
	text->p[newlen] = '\0';
	/* Then the lines: (la, lb] go, the new ones come after la. */
	for (at = s; at < e && (nl = memchr(at, '\n', (size_t)(e - at))) !=
	    NULL; at = nl + 1)
		add++;
	tail = l->n - (lb + 1);
	if (la + 1 + add + tail > l->cap) {
		l->cap = la + 1 + add + tail + 64;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	memmove(l->v + la + 1 + add, l->v + lb + 1, tail * sizeof(*l->v));
	for (i = la + 1 + add; i < la + 1 + add + tail; i++)
		l->v[i] = l->v[i] + n - (b - a);
	k = la + 1;
	for (at = s; at < e && (nl = memchr(at, '\n', (size_t)(e - at))) !=
	    NULL; at = nl + 1)
		l->v[k++] = a + (size_t)(nl - s) + 1;
	l->n = la + 1 + add + tail;
#ifdef __SANITIZE_ADDRESS__
	lines_verify(l, text->p, text->len);
#endif
	return 0;
}
/*:*/
