/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * tourdiff.c: quest diff, the steps of two tours compared by tag, per
 * chapter: a delta first, then a printer that writes it as text or JSON.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "history.h"
#include "json.h"

static const char *const change_name[] = {
	"added", "removed", "renumbered", "moved", "changed",
};

static int
same_text(const struct step *a, const struct step *b, int code)
{
	struct buf x = { 0 }, y = { 0 };
	int same;

	if (code) {
		step_code_text(a, &x);
		step_code_text(b, &y);
	} else {
		step_prose(a, &x);
		step_prose(b, &y);
	}
	same = x.len == y.len &&
	    memcmp(x.p ? x.p : "", y.p ? y.p : "", x.len) == 0;
	buf_free(&x);
	buf_free(&y);
	return same;
}

static void
add_change(struct tour_delta *d, enum change what, const struct step *from,
    const struct step *to, const char *how)
{
	struct step_change *x;

	d->changes = xreallocarray(d->changes, d->nchanges + 1,
	    sizeof(*d->changes));
	x = &d->changes[d->nchanges++];
	d->v[d->n].n++;
	x->what = what;
	x->from = from;
	x->to = to;
	x->how = how;
}

/*
 * quest diff matches steps in time in proportion to the chapters: a number
 * by binary search among the other side's, sorted by number as chapters
 * are, and a renumbered step by the hash of its prose and code (2,000
 * steps renumbered with new prose took 1.7 s, every one compared with
 * every other).
 */

/* The first step of number num in v, sorted by number; n if none. */
static size_t
first_of(struct step *const *v, size_t n, const char *num)
{
	size_t lo = 0, hi = n, mid, len = strlen(num);

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (numcmp(v[mid]->number, strlen(v[mid]->number), num,
		    len) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && numcmp(v[lo]->number, strlen(v[lo]->number), num,
	    len) == 0 ? lo : n;
}

/* The prose and code of the steps of a side, by hash. */
struct texts {
	struct textent {
		uint64_t	 hash;
		size_t		 j;		/* its index in the side */
	}		*v;
	size_t		 n, nsteps;
	struct step *const *steps;
};

static uint64_t
hash_add(uint64_t h, const char *p, size_t n)
{
	while (n-- > 0)
		h = (h ^ (unsigned char)*p++) * 1099511628211ULL; /* FNV-1a */
	return h;
}

static uint64_t
step_hash(const struct step *s)
{
	struct buf b = { 0 };
	uint64_t h = 14695981039346656037ULL;

	step_code_text(s, &b);
	h = hash_add(h, b.p ? b.p : "", b.len);
	h = hash_add(h, "\0", 1);
	b.len = 0;
	step_prose(s, &b);
	h = hash_add(h, b.p ? b.p : "", b.len);
	buf_free(&b);
	return h;
}

static int
textent_cmp(const void *a, const void *b)
{
	const struct textent *x = a, *y = b;

	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	return (x->j > y->j) - (x->j < y->j);
}

/* The steps of v not kept, by hash, then in their order. */
static void
texts_index(struct texts *tx, struct step *const *v, size_t n,
    const char *kept)
{
	size_t j;

	memset(tx, 0, sizeof(*tx));
	tx->steps = v;
	tx->nsteps = n;
	tx->v = xcalloc(n + 1, sizeof(*tx->v));
	for (j = 0; j < n; j++)
		if (!kept[j]) {
			tx->v[tx->n].hash = step_hash(v[j]);
			tx->v[tx->n++].j = j;
		}
	if (tx->n > 1)
		qsort(tx->v, tx->n, sizeof(*tx->v), textent_cmp);
}

/* The first step not paired yet with the prose and code of o, or nsteps. */
static size_t
texts_find(const struct texts *tx, const struct step *o, const char *paired)
{
	uint64_t h = step_hash(o);
	size_t lo = 0, hi = tx->n, mid, j;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (tx->v[mid].hash < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < tx->n && tx->v[lo].hash == h; lo++) {
		j = tx->v[lo].j;
		if (!paired[j] && same_text(o, tx->steps[j], 1) &&
		    same_text(o, tx->steps[j], 0))
			return j;
	}
	return tx->nsteps;
}

static void
texts_free(struct texts *tx)
{
	free(tx->v);
}

/*
 * One chapter's changes from oc (old) to nc (new), either of them NULL,
 * as d->v[d->n].
 */
static void
diff_chapter(struct tour_delta *d, const struct chapter *oc,
    const struct chapter *nc)
{
	struct chapter_delta *cd = &d->v[d->n];
	size_t on = oc ? oc->nsteps : 0, nn = nc ? nc->nsteps : 0, i, j;
	struct step *const *os = oc ? oc->steps : NULL;
	struct step *const *ns = nc ? nc->steps : NULL;
	char *paired = xcalloc(nn + 1, 1), *kept = xcalloc(nn + 1, 1);
	size_t *same = xcalloc(on + 1, sizeof(*same));
	struct delta_counts *c = &cd->c;
	struct texts tx;
	const struct step *o, *n;
	int code, prose;

	memset(cd, 0, sizeof(*cd));
	cd->ch = nc ? nc : oc;
	cd->first = d->nchanges;
	/* Each old step's new step of the same number, or nn. */
	for (i = 0; i < on; i++) {
		o = os[i];
		same[i] = first_of(ns, nn, o->number);
	}
	/* Kept: the same number on both sides; moved, changed, or neither. */
	for (i = 0; i < on; i++) {
		if (same[i] == nn || ns == NULL)
			continue;
		o = os[i];
		n = ns[same[i]];
		kept[same[i]] = 1;
		c->kept++;
		if (strcmp(o->file->path, n->file->path) != 0) {
			c->moved++;
			add_change(d, CH_MOVED, o, n, NULL);
		}
		code = !same_text(o, n, 1);
		prose = !same_text(o, n, 0);
		if (code || prose) {
			c->changed++;
			add_change(d, CH_CHANGED, o, n, code && prose ?
			    "prose and code" : code ? "code" : "prose");
		}
	}
	/* Gone: renumbered when a new number holds the same prose and code. */
	texts_index(&tx, ns, nn, kept);
	for (i = 0; i < on; i++) {
		if (same[i] < nn)
			continue;
		o = os[i];
		c->removed++;
		j = texts_find(&tx, o, paired);
		if (j < nn) {
			paired[j] = 1;
			c->renumbered++;
			add_change(d, CH_RENUMBERED, o, ns[j], NULL);
		} else
			add_change(d, CH_REMOVED, o, NULL, NULL);
	}
	for (j = 0; j < nn; j++) {
		if (kept[j])
			continue;
		c->added++;
		if (!paired[j])
			add_change(d, CH_ADDED, NULL, ns[j], NULL);
	}
	texts_free(&tx);
	free(same);
	free(paired);
	free(kept);
}

static void
add_counts(struct delta_counts *all, const struct delta_counts *c)
{
	all->kept += c->kept;
	all->removed += c->removed;
	all->added += c->added;
	all->renumbered += c->renumbered;
	all->moved += c->moved;
	all->changed += c->changed;
}

static void
add_chapter(struct tour_delta *d, const struct chapter *oc,
    const struct chapter *nc)
{
	d->v = xreallocarray(d->v, d->n + 1, sizeof(*d->v));
	diff_chapter(d, oc, nc);
	add_counts(&d->all, &d->v[d->n].c);
	d->n++;
}

/*H:030 quest diff compares two tours chapter by chapter: a number on
 * both sides is a kept step, moved if its file changed, changed if its
 * prose or code did; a number gone whose prose and code reappear under a
 * new number was renumbered; the rest were removed or added.  The result
 * is a delta, a list of changes that each name both steps, and a printer
 * writes it as text or as JSON.
 */
int
tour_delta(struct tour *t, const char *ref1, const char *ref2,
    struct tour_delta *d, char **err)
{
	struct tour *a, *b;
	const struct chapter *oc, *nc;
	git_oid o1, o2;
	size_t i;

	memset(d, 0, sizeof(*d));
	if (hist_open(&d->h, err) == -1 ||
	    hist_resolve(&d->h, ref1, &o1, err) == -1 ||
	    (ref2 != NULL && hist_resolve(&d->h, ref2, &o2, err) == -1) ||
	    (a = hist_tour(&d->h, &o1, err)) == NULL ||
	    (b = ref2 ? hist_tour(&d->h, &o2, err) : t) == NULL) {
		tour_delta_free(d);
		return -1;
	}
	git_oid_tostr(d->from, 8, &o1);
	if (ref2)
		git_oid_tostr(d->to, 8, &o2);
	/* The new tour's chapters in its order, then those only of the old. */
	for (i = 0; i < b->nchapters; i++) {
		nc = &b->chapters[i];
		oc = tour_prefix(a, nc->prefix, strlen(nc->prefix));
		if ((oc ? oc->nsteps : 0) + nc->nsteps > 0)
			add_chapter(d, oc, nc);
	}
	for (i = 0; i < a->nchapters; i++) {
		oc = &a->chapters[i];
		nc = tour_prefix(b, oc->prefix, strlen(oc->prefix));
		if (nc == NULL && oc->nsteps > 0)
			add_chapter(d, oc, NULL);
	}
	return 0;
}
/*:*/

void
tour_delta_free(struct tour_delta *d)
{
	free(d->v);
	free(d->changes);
	hist_close(&d->h);
	memset(d, 0, sizeof(*d));
}

static void
place(struct buf *b, const struct step *s, int json)
{
	if (s == NULL)
		buf_adds(b, json ? "null" : "-");
	else if (json) {
		buf_adds(b, "{\"path\":");
		json_strz(b, s->file->path);
		buf_printf(b, ",\"line\":%u}", s->line);
	} else
		buf_printf(b, "%s:%u", s->file->path, s->line);
}

/* The parts of a change as printed: in text, in JSON. */
static const struct change_form {
	const char	*head, *was, *how, *from, *to, *end;
} change_form[2] = {
	{ "  %-10s %s:%s", " (was %s:%s)", " (%s)", "  ", " -> ", "\n" },
	{ "{\"change\":\"%s\",\"id\":\"%s:%s\"", ",\"from_id\":\"%s:%s\"",
	    ",\"what\":\"%s\"", ",\"from\":", ",\"to\":", "}" },
};

static void
write_change(struct buf *b, const struct step_change *x, int json)
{
	const struct change_form *f = &change_form[json != 0];
	const struct step *s = x->to ? x->to : x->from;

	buf_printf(b, f->head, change_name[x->what], s->prefix, s->number);
	if (x->what == CH_RENUMBERED)
		buf_printf(b, f->was, x->from->prefix, x->from->number);
	if (x->how != NULL)
		buf_printf(b, f->how, x->how);
	buf_adds(b, f->from);
	place(b, x->from, json);
	buf_adds(b, f->to);
	place(b, x->to, json);
	buf_adds(b, f->end);
}

static void
write_chapter(struct buf *b, const struct tour_delta *d,
    const struct chapter_delta *cd, int json)
{
	const struct step_change *v = d->changes + cd->first;
	const struct delta_counts *c = &cd->c;
	size_t i;

	if (json) {
		buf_adds(b, "{\"prefix\":");
		json_strz(b, cd->ch->prefix);
		buf_adds(b, ",\"name\":");
		json_strz(b, cd->ch->name);
		buf_printf(b, ",\"kept\":%zu,\"removed\":%zu,\"added\":%zu,"
		    "\"renumbered\":%zu,\"moved\":%zu,\"changed\":%zu,"
		    "\"steps\":[", c->kept, c->removed, c->added, c->renumbered,
		    c->moved, c->changed);
		for (i = 0; i < cd->n; i++) {
			buf_adds(b, i == 0 ? "\n" : ",\n");
			write_change(b, &v[i], 1);
		}
		buf_adds(b, "]}");
		return;
	}
	buf_printf(b, "%s (%s): %zu kept, %zu removed, %zu added",
	    cd->ch->name, cd->ch->prefix, c->kept, c->removed, c->added);
	if (c->renumbered)
		buf_printf(b, " (%zu renumbered)", c->renumbered);
	buf_printf(b, ", %zu moved, %zu changed\n", c->moved, c->changed);
	for (i = 0; i < cd->n; i++)
		write_change(b, &v[i], 0);
}

void
tour_delta_write(const struct tour_delta *d, int json, struct buf *b)
{
	const struct delta_counts *all = &d->all;
	size_t i;

	if (json) {
		buf_printf(b, "{\"quest\":1,\"from\":\"%s\",\"to\":", d->from);
		if (*d->to)
			buf_printf(b, "\"%s\"", d->to);
		else
			buf_adds(b, "null");
		buf_adds(b, ",\"chapters\":[");
	} else
		buf_printf(b, "quest diff %s %s\n", d->from,
		    *d->to ? d->to : "(work tree)");
	for (i = 0; i < d->n; i++) {
		if (json)
			buf_adds(b, i == 0 ? "\n" : ",\n");
		write_chapter(b, d, &d->v[i], json);
	}
	if (json)
		buf_printf(b, "],\n\"summary\":{\"kept\":%zu,\"removed\":%zu,"
		    "\"added\":%zu,\"renumbered\":%zu,\"moved\":%zu,"
		    "\"changed\":%zu}}\n", all->kept, all->removed, all->added,
		    all->renumbered, all->moved, all->changed);
	else
		buf_printf(b, "summary: %zu kept, %zu removed, %zu added "
		    "(%zu renumbered), %zu moved, %zu changed\n", all->kept,
		    all->removed, all->added, all->renumbered, all->moved,
		    all->changed);
}

int
tour_diff(struct tour *t, const char *ref1, const char *ref2, int json,
    FILE *out, char **err)
{
	struct tour_delta d;
	struct buf o = { 0 };
	int rc;

	if (tour_delta(t, ref1, ref2, &d, err) == -1)
		return -1;
	tour_delta_write(&d, json, &o);
	tour_delta_free(&d);
	rc = fwrite(o.p, 1, o.len, out) == o.len ? 0 : -1;
	if (rc == -1)
		*err = xasprintf("write error: %s", strerror(errno));
	buf_free(&o);
	return rc;
}
