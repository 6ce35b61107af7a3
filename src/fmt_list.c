/*
 * fmt_list.c: the table of contents, one line a step.
 */
#include <stdio.h>
#include <string.h>

#include "writer.h"

static int
list_write(const struct tour *t, const struct wopts *o)
{
	struct buf sum = { 0 }, loc = { 0 };
	const struct chapter *ch;
	const struct step *s;
	size_t i, j, w, numw;

	(void)t;
	for (i = 0; i < o->nchapters; i++) {
		ch = o->chapters[i];
		if (i > 0)
			fputc('\n', o->out);
		fprintf(o->out, "%s (%s): %zu step%s\n", ch->name, ch->prefix,
		    ch->nsteps, ch->nsteps == 1 ? "" : "s");
		/* Align the columns within a chapter. */
		w = numw = 0;
		for (j = 0; j < ch->nsteps; j++) {
			s = ch->steps[j];
			loc.len = 0;
			buf_printf(&loc, "%s:%u", s->file->path, s->line);
			if (loc.len > w)
				w = loc.len;
			if (strlen(s->number) > numw)
				numw = strlen(s->number);
		}
		for (j = 0; j < ch->nsteps; j++) {
			s = ch->steps[j];
			loc.len = 0;
			buf_printf(&loc, "%s:%u", s->file->path, s->line);
			step_summary(s, 60, &sum);
			if (sum.len > 0)
				fprintf(o->out, "  %s:%-*s  %-*s  %s\n", s->prefix,
				    (int)numw, s->number, (int)w, buf_cstr(&loc),
				    sum.p);
			else
				fprintf(o->out, "  %s:%-*s  %s\n", s->prefix,
				    (int)numw, s->number, buf_cstr(&loc));
		}
	}
	buf_free(&sum);
	buf_free(&loc);
	return ferror(o->out) ? -1 : 0;
}

const struct writer writer_list = { "list", list_write };
