/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * html.c: escaping, and the stack of open elements.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"

/*W:020 Every byte from the tree, prose, code, paths and the intro alike,
 * reaches a page through html_text() or an attribute of html_open(), and
 * both escape the five characters that matter.  Elements open and close
 * through a stack, so a page is always well formed whatever the tree
 * holds: a comment with `</style><script>` is text like any other.  Bytes
 * that are not valid UTF-8 become U+FFFD, so that the page stays valid.
 */
/* The bytes that need a look: the five, controls, and all non-ASCII. */
static const unsigned char special[256] = {
	['&'] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 1, ['\''] = 1,
	[0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1,
	[0x06] = 1, [0x07] = 1, [0x08] = 1, [0x0B] = 1, [0x0C] = 1, [0x0D] = 1,
	[0x0E] = 1, [0x0F] = 1, [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1,
	[0x14] = 1, [0x15] = 1, [0x16] = 1, [0x17] = 1, [0x18] = 1, [0x19] = 1,
	[0x1A] = 1, [0x1B] = 1, [0x1C] = 1, [0x1D] = 1, [0x1E] = 1, [0x1F] = 1,
	[0x80 ... 0xFF] = 1,
};

void
html_escape(struct buf *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, start = 0, k;
	const char *rep;

	for (;;) {
		while (i < n && !special[p[i]])
			i++;
		if (i == n)
			break;
		switch (p[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		case '\r': rep = ""; break;
		default:
			/*
			 * Valid UTF-8 goes as it is; anything else is
			 * U+FFFD.
			 */
			if (p[i] >= 0x80 && (k = utf8_len(p + i, n - i)) > 0) {
				i += k;
				continue;
			}
			rep = "\xEF\xBF\xBD";
			break;
		}
		buf_add(b, s + start, i - start);
		buf_adds(b, rep);
		start = ++i;
	}
	buf_add(b, s + start, i - start);
}
/*:*/

static void
attrs(struct html *h, va_list ap)
{
	const char *name, *value;

	/* The caller started ap; the analyzer cannot see it. */
	/* NOLINTNEXTLINE(clang-analyzer-valist.Uninitialized) */
	while ((name = va_arg(ap, const char *)) != NULL) {
		value = va_arg(ap, const char *);
		if (value == NULL)
			continue;
		buf_addc(h->b, ' ');
		buf_adds(h->b, name);
		buf_add(h->b, "=\"", 2);
		html_escape(h->b, value, strlen(value));
		buf_addc(h->b, '"');
	}
}

/* "<elem attr="value"...", the end left to the caller. */
static void
start_tag(struct html *h, const char *elem, va_list ap)
{
	buf_addc(h->b, '<');
	buf_adds(h->b, elem);
	attrs(h, ap);
}

void
html_open(struct html *h, const char *elem, ...)
{
	va_list ap;

	if (h->depth == HTML_DEPTH) {
		/* Prose nested deeper than any reader follows: flatten it. */
		h->overflow++;
		return;
	}
	va_start(ap, elem);
	start_tag(h, elem, ap);
	va_end(ap);
	buf_addc(h->b, '>');
	h->open[h->depth++] = elem;
}

void
html_open_class(struct html *h, const char *elem, const char *cls)
{
	if (h->depth == HTML_DEPTH) {
		h->overflow++;
		return;
	}
	buf_addc(h->b, '<');
	buf_adds(h->b, elem);
	buf_add(h->b, " class=\"", 8);
	html_escape(h->b, cls, strlen(cls));
	buf_add(h->b, "\">", 2);
	h->open[h->depth++] = elem;
}

void
html_void(struct html *h, const char *elem, ...)
{
	va_list ap;

	va_start(ap, elem);
	start_tag(h, elem, ap);
	va_end(ap);
	buf_adds(h->b, " />");
}

void
html_close(struct html *h)
{
	if (h->overflow > 0)
		h->overflow--;
	else if (h->depth > 0) {
		buf_add(h->b, "</", 2);
		buf_adds(h->b, h->open[--h->depth]);
		buf_addc(h->b, '>');
	}
}

void
html_close_to(struct html *h, int depth)
{
	h->overflow = 0;
	while (h->depth > depth)
		html_close(h);
}

void
html_text(struct html *h, const char *s, size_t n)
{
	html_escape(h->b, s, n);
}

void
html_textz(struct html *h, const char *s)
{
	html_escape(h->b, s, strlen(s));
}

void
html_printf(struct html *h, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	html_textz(h, s);
	free(s);
}

void
html_trusted(struct html *h, const char *s, size_t n)
{
	buf_add(h->b, s, n);
}
