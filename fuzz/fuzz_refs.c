/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * fuzz_refs.c: the cross-reference parser, over any prose.  Every
 * reference it reports must lie inside the text and have the shape it
 * promises: '[', capitals, ':', digits, ']'.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "refs.h"

struct seen {
	const char	*text;
	size_t		 len, last;
};

static int
each(void *arg, const struct ref *r)
{
	struct seen *s = arg;
	size_t i;

	if (r->off < s->last || r->off + r->len > s->len)
		abort();
	if (s->text[r->off] != '[' || s->text[r->off + r->len - 1] != ']')
		abort();
	if (r->prefix_len == 0 || r->number_len == 0 ||
	    r->prefix_off != r->off + 1 ||
	    r->number_off != r->prefix_off + r->prefix_len + 1 ||
	    r->number_off + r->number_len + 1 != r->off + r->len)
		abort();
	for (i = 0; i < r->prefix_len; i++)
		if (s->text[r->prefix_off + i] < 'A' ||
		    s->text[r->prefix_off + i] > 'Z')
			abort();
	for (i = 0; i < r->number_len; i++)
		if (s->text[r->number_off + i] < '0' ||
		    s->text[r->number_off + i] > '9')
			abort();
	s->last = r->off + r->len;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size ? size : 1);
	struct seen s = { text, size, 0 };

	if (size)
		memcpy(text, data, size);
	refs_scan(text, size, each, &s);
	free(text);
	return 0;
}
