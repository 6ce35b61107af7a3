/*
 * fmt_list.c: the table of contents, one line a step.
 */
#include <stdio.h>
#include <string.h>

#include "refs.h"
#include "writer.h"

struct refcollect {
	const struct tour *t;
	const char	*text;
	const struct step *from;
	struct buf	*to;		/* "G:020, H:100" */
	const struct step *target;	/* referred to by: match this */
	int		 hit;
};

static int
collect(void *arg, const struct ref *r)
{
	struct refcollect *c = arg;
	const struct step *s;
	char prefix[64];

	if (r->prefix_len >= sizeof(prefix))
		return 0;
	memcpy(prefix, c->text + r->prefix_off, r->prefix_len);
	prefix[r->prefix_len] = '\0';
	s = tour_step(c->t, prefix, c->text + r->number_off, r->number_len);
	if (c->target != NULL) {
		if (s == c->target)
			c->hit = 1;
		return c->hit;
	}
	if (c->to->len > 0)
		buf_adds(c->to, ", ");
	buf_printf(c->to, "%.*s%s", (int)(r->len - 2), c->text + r->off + 1,
	    s == NULL ? " (no such step)" : "");
	return 0;
}

/*
 * --refs: the steps s refers to in its prose, and the steps whose prose
 * refers to s.  The tree is small enough to read every prose again.
 */
static void
list_refs(const struct tour *t, const struct step *s, FILE *out)
{
	struct buf prose = { 0 }, to = { 0 }, by = { 0 };
	struct refcollect c;
	const struct chapter *ch;
	size_t i, j;

	memset(&c, 0, sizeof(c));
	c.t = t;
	c.to = &to;
	step_prose(s, &prose);
	c.text = prose.p;
	refs_scan(prose.p, prose.len, collect, &c);
	for (i = 0; i < t->nchapters; i++) {
		ch = &t->chapters[i];
		for (j = 0; j < ch->nsteps; j++) {
			if (ch->steps[j] == s)
				continue;
			step_prose(ch->steps[j], &prose);
			c.text = prose.p;
			c.target = s;
			c.hit = 0;
			refs_scan(prose.p, prose.len, collect, &c);
			if (c.hit) {
				if (by.len > 0)
					buf_adds(&by, ", ");
				buf_printf(&by, "%s:%s", ch->steps[j]->prefix,
				    ch->steps[j]->number);
			}
		}
	}
	if (to.len > 0)
		fprintf(out, "      refers to: %s\n", to.p);
	if (by.len > 0)
		fprintf(out, "      referred to by: %s\n", by.p);
	buf_free(&prose);
	buf_free(&to);
	buf_free(&by);
}

static int
list_write(const struct tour *t, const struct wopts *o)
{
	struct buf sum = { 0 }, loc = { 0 };
	const struct chapter *ch;
	const struct step *s;
	size_t i, j, w, numw;

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
			name_quote(&loc, s->file->path);
			buf_printf(&loc, ":%u", s->line);
			if (loc.len > w)
				w = loc.len;
			if (strlen(s->number) > numw)
				numw = strlen(s->number);
		}
		for (j = 0; j < ch->nsteps; j++) {
			s = ch->steps[j];
			loc.len = 0;
			name_quote(&loc, s->file->path);
			buf_printf(&loc, ":%u", s->line);
			step_summary(s, 60, &sum);
			if (s->stale)
				fprintf(o->out, "! %s:%-*s  %-*s  stale: %u code "
				    "line%s changed\n", s->prefix, (int)numw,
				    s->number, (int)w, buf_cstr(&loc), s->stale,
				    s->stale == 1 ? "" : "s");
			else if (sum.len > 0)
				fprintf(o->out, "  %s:%-*s  %-*s  %s\n", s->prefix,
				    (int)numw, s->number, (int)w, buf_cstr(&loc),
				    sum.p);
			else
				fprintf(o->out, "  %s:%-*s  %s\n", s->prefix,
				    (int)numw, s->number, buf_cstr(&loc));
			if (o->refs)
				list_refs(t, s, o->out);
		}
	}
	buf_free(&sum);
	buf_free(&loc);
	return ferror(o->out) ? -1 : 0;
}

const struct writer writer_list = { "list", list_write, NULL };
