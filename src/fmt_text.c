/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * fmt_text.c: the plain text weave, byte for byte what lguest's extract
 * script printed for `make Guest`, and for `make Beer` with banners.
 */
#include "writer.h"

/*W:015 Plain text is lguest's weave (fmt_term.c, weave()) with nothing
 * added: no style, no quoting of names, no wrap, the comments as they
 * stand.  The terminal's reader, in the same file, reads the same tree
 * but lays it out for a reader; what is piped stays the original's bytes.
 */
static int
text_write(const struct tour *t, const struct wopts *o)
{
	return weave_write(t, o, 1);
}
/*:*/

const struct writer writer_text = { "text", text_write };
