/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * fmt_list.c: the table of contents, one line a step.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "refs.h"
#include "writer.h"

/*
 * --refs: who refers to whom.  Every step's prose is scanned once, before
 * the list: each reference that names a step becomes a pair (the step it
 * names, the step whose prose holds it), and the pairs sorted by the one
 * named then by the tour order of the other give "referred to by" for
 * any step by a binary search.  Reading every prose again for every step
 * took 76 s for 20,000 steps.
 */
struct refpair {
	const struct step *to;
	size_t		 from;		/* the referrer, in tour order */
};

struct refindex {
	const struct tour *t;
	const struct step **steps;	/* the tour's steps, in tour order */
	size_t		 nsteps;
	struct refpair	*v;
	size_t		 n, cap;
	/* While scanning one prose: */
	const char	*text;
	size_t		 from;
	struct buf	 to;		/* list_refs(): "G:020, H:100" */
};

static int
pair_cmp(const void *a, const void *b)
{
	const struct refpair *x = a, *y = b;
	uintptr_t p = (uintptr_t)x->to, q = (uintptr_t)y->to;

	if (p != q)
		return p < q ? -1 : 1;
	return (x->from > y->from) - (x->from < y->from);
}

static int
index_ref(void *arg, const struct ref *r)
{
	struct refindex *ix = arg;
	const struct step *s = ref_step(ix->t, ix->text, r);

	if (s == NULL || s == ix->steps[ix->from])
		return 0;
	if (ix->n == ix->cap) {
		ix->cap = ix->cap ? ix->cap * 2 : 64;
		ix->v = xreallocarray(ix->v, ix->cap, sizeof(*ix->v));
	}
	ix->v[ix->n].to = s;
	ix->v[ix->n++].from = ix->from;
	return 0;
}

static void
refindex_make(struct refindex *ix, const struct tour *t)
{
	struct buf prose = { 0 };
	size_t i, j, n = 0;

	memset(ix, 0, sizeof(*ix));
	ix->t = t;
	for (i = 0; i < t->nchapters; i++)
		n += t->chapters[i].nsteps;
	ix->steps = xcalloc(n + 1, sizeof(*ix->steps));
	for (i = 0; i < t->nchapters; i++)
		for (j = 0; j < t->chapters[i].nsteps; j++)
			ix->steps[ix->nsteps++] = t->chapters[i].steps[j];
	for (ix->from = 0; ix->from < ix->nsteps; ix->from++) {
		step_prose(ix->steps[ix->from], &prose);
		ix->text = prose.p;
		refs_scan(prose.p, prose.len, index_ref, ix);
	}
	buf_free(&prose);
	if (ix->n > 1)
		qsort(ix->v, ix->n, sizeof(*ix->v), pair_cmp);
}

static void
refindex_free(struct refindex *ix)
{
	free(ix->steps);
	free(ix->v);
	buf_free(&ix->to);
}

/* A reference of the listed step's own prose, in its order. */
static int
collect(void *arg, const struct ref *r)
{
	struct refindex *ix = arg;
	const struct step *s = ref_step(ix->t, ix->text, r);

	if (ix->to.len > 0)
		buf_adds(&ix->to, ", ");
	buf_printf(&ix->to, "%.*s%s", (int)(r->len - 2), ix->text + r->off + 1,
	    s == NULL ? " (no such step)" : "");
	return 0;
}

/* --refs: the steps s refers to in its prose, and the steps whose prose
 * refers to s, each once, in tour order. */
static void
list_refs(struct refindex *ix, const struct step *s, FILE *out)
{
	struct buf prose = { 0 }, by = { 0 };
	const struct step *r;
	size_t lo = 0, hi = ix->n, mid;

	ix->to.len = 0;
	step_prose(s, &prose);
	ix->text = prose.p;
	refs_scan(prose.p, prose.len, collect, ix);
	/* The first pair that names s. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((uintptr_t)ix->v[mid].to < (uintptr_t)s)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < ix->n && ix->v[lo].to == s; lo++) {
		if (lo > 0 && ix->v[lo - 1].to == s &&
		    ix->v[lo - 1].from == ix->v[lo].from)
			continue;	/* one prose, two references */
		r = ix->steps[ix->v[lo].from];
		if (by.len > 0)
			buf_adds(&by, ", ");
		buf_adds(&by, r->id);
	}
	if (ix->to.len > 0)
		fprintf(out, "      refers to: %s\n", buf_cstr(&ix->to));
	if (by.len > 0)
		fprintf(out, "      referred to by: %s\n", by.p);
	buf_free(&prose);
	buf_free(&by);
}

static int
list_write(const struct tour *t, const struct wopts *o)
{
	struct buf sum = { 0 }, loc = { 0 };
	struct refindex ix;
	const struct chapter *ch;
	const struct step *s;
	size_t i, j, w, numw;

	if (o->refs)
		refindex_make(&ix, t);
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
				fprintf(o->out, "! %s:%-*s  %-*s  stale: %u "
				    "code line%s changed\n", s->prefix,
				    (int)numw, s->number, (int)w,
				    buf_cstr(&loc), s->stale,
				    s->stale == 1 ? "" : "s");
			else if (sum.len > 0)
				fprintf(o->out, "  %s:%-*s  %-*s  %s\n",
				    s->prefix, (int)numw, s->number, (int)w,
				    buf_cstr(&loc), sum.p);
			else
				fprintf(o->out, "  %s:%-*s  %s\n", s->prefix,
				    (int)numw, s->number, buf_cstr(&loc));
			if (o->refs)
				list_refs(&ix, s, o->out);
		}
	}
	if (o->refs)
		refindex_free(&ix);
	buf_free(&sum);
	buf_free(&loc);
	return ferror(o->out) ? -1 : 0;
}

const struct writer writer_list = { "list", list_write };
