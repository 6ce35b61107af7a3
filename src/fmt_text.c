/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * fmt_text.c: the plain text weave, byte for byte what lguest's extract
 * script printed for `make Guest`, and for `make Beer` with banners.
 */
#include "writer.h"

/*W:015 Plain text is the terminal's weave (fmt_term.c) with nothing added:
 * no style, no quoting of names, no wrap.  One loop writes both, so that
 * what show prints piped and on a terminal cannot drift apart.
 */
static int
text_write(const struct tour *t, const struct wopts *o)
{
	return weave_write(t, o, 1);
}
/*:*/

const struct writer writer_text = { "text", text_write };
