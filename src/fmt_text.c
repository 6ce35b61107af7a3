/*
 * fmt_text.c: the plain text weave, byte for byte what lguest's extract
 * script printed for `make Guest`, and for `make Beer` with banners: the
 * terminal's weave (fmt_term.c) with no style, no quoting and no wrap.
 */
#include "writer.h"

static int
text_write(const struct tour *t, const struct wopts *o)
{
	return weave_write(t, o, 1);
}

const struct writer writer_text = { "text", text_write };
