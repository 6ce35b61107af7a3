/*
 * fmt_text.c: the plain text weave, byte for byte what lguest's extract
 * script printed for `make Guest`, and for `make Beer` with banners.
 */
#include <stdio.h>
#include <string.h>

#include "writer.h"

/*W:010 The text weave is the original's output, minus its bugs.  Each step
 * prints its lines, tag and end marker dealt with by step_line_*(), after a
 * `[ path ]` line whenever its file is not the previous step's.  A step
 * closes with an empty line, except one that the next tag of its chapter
 * ended: the original script kept writing into the same place then, and
 * the lguest text relies on it.  The file header starts afresh with each
 * chapter, as each `make` target ran the script anew.
 */
static void
chapter_text(struct buf *b, const struct chapter *ch)
{
	const struct qfile *last = NULL;
	struct step_line l;
	const struct step *s;
	size_t i;

	for (i = 0; i < ch->nsteps; i++) {
		s = ch->steps[i];
		if (s->file != last) {
			buf_printf(b, "[ %s ]\n", s->file->path);
			last = s->file;
		}
		for (int ok = step_line_first(s, &l); ok;
		    ok = step_line_next(s, &l)) {
			step_line_add(b, &l);
			buf_addc(b, '\n');
		}
		if (s->how != END_NEXT_TAG)
			buf_addc(b, '\n');
	}
}
/*:*/

static int
text_write(const struct tour *t, const struct wopts *o)
{
	struct buf b = { 0 };
	size_t i;
	int rc = 0;

	(void)t;
	for (i = 0; i < o->nchapters; i++) {
		if (o->whole || o->nchapters > 1)
			buf_printf(&b, "{==- %s -==}\n", o->chapters[i]->name);
		chapter_text(&b, o->chapters[i]);
		if (b.len >= 65536 || i + 1 == o->nchapters) {
			if (b.len && fwrite(b.p, 1, b.len, o->out) != b.len)
				rc = -1;
			b.len = 0;
		}
	}
	if (o->whole || o->nchapters > 1)
		if (fputs("{==-==}\n", o->out) == EOF)
			rc = -1;
	buf_free(&b);
	return rc;
}

const struct writer writer_text = { "text", text_write };
