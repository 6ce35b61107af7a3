/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * tourdiff.c: quest diff, the steps of two tours compared as the match
 * pairs them, per chapter: a delta first, then a printer that writes it
 * as text or JSON.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "history.h"
#include "json.h"

/* The changes of a step, in the order a line names them. */
static const char *const change_name[] = {
	"renumbered", "moved", "renamed", "changed", "added", "removed",
};

static void
add_change(struct tour_delta *d, unsigned what, const struct step *from,
    const struct step *to, const struct step_match *sm, const char *how)
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
	x->match = sm ? sm->how : MATCH_NONE;
	x->score = sm ? sm->score : 0;
}

static int
same_code(const struct step *a, const struct step *b)
{
	struct buf x = { 0 }, y = { 0 };
	int same;

	step_code_text(a, &x);
	step_code_text(b, &y);
	same = x.len == y.len && (x.len == 0 || memcmp(x.p, y.p, x.len) == 0);
	buf_free(&x);
	buf_free(&y);
	return same;
}

/*
 * A step whose file changed was renamed with it when the old path is gone
 * from the new side and the new path was not on the old: else it moved.
 */
static int
renamed(struct tour_delta *d, const char *from, const char *to)
{
	return !hist_has_path(&d->h, d->newer, from) &&
	    !hist_has_path(&d->h, &d->older, to);
}

/* What happened to a step the match pairs, as CH_ bits. */
static unsigned
kept_changes(struct tour_delta *d, const struct step *o, const struct step *n,
    const char **how)
{
	struct delta_counts *c = &d->v[d->n].c;
	unsigned what = 0;
	int code, prose;

	c->kept++;
	if (numcmp(o->number, strlen(o->number), n->number,
	    strlen(n->number)) != 0) {
		what |= CH_RENUMBERED;
		c->renumbered++;
	}
	if (strcmp(o->file->path, n->file->path) != 0) {
		if (renamed(d, o->file->path, n->file->path)) {
			what |= CH_RENAMED;
			c->renamed++;
		} else {
			what |= CH_MOVED;
			c->moved++;
		}
	}
	code = !same_code(o, n);
	prose = !match_prose_same(&d->m, o, n);
	if (code || prose) {
		what |= CH_CHANGED;
		c->changed++;
		*how = code && prose ? "prose and code" : code ? "code" :
		    "prose";
	}
	return what;
}

/*
 * One chapter's changes from oc (old) to nc (new), either of them NULL,
 * as d->v[d->n]: the new chapter's steps in its order, each once, then
 * the old steps that none became.
 */
static void
diff_chapter(struct tour_delta *d, const struct chapter *oc,
    const struct chapter *nc)
{
	struct chapter_delta *cd = &d->v[d->n];
	const struct step_match *sm;
	const struct step *o, *n;
	const char *how;
	unsigned what;
	size_t i;

	memset(cd, 0, sizeof(*cd));
	cd->ch = nc ? nc : oc;
	cd->first = d->nchanges;
	for (i = 0; nc != NULL && i < nc->nsteps; i++) {
		n = nc->steps[i];
		sm = match_old(&d->m, n);
		if ((o = sm->other) == NULL) {
			cd->c.added++;
			add_change(d, CH_ADDED, NULL, n, NULL, NULL);
			continue;
		}
		how = NULL;
		if ((what = kept_changes(d, o, n, &how)) != 0)
			add_change(d, what, o, n, sm, how);
	}
	for (i = 0; oc != NULL && i < oc->nsteps; i++) {
		o = oc->steps[i];
		if (match_new(&d->m, o)->other == NULL) {
			cd->c.removed++;
			add_change(d, CH_REMOVED, o, NULL, NULL, NULL);
		}
	}
}

static void
add_counts(struct delta_counts *all, const struct delta_counts *c)
{
	all->kept += c->kept;
	all->removed += c->removed;
	all->added += c->added;
	all->renumbered += c->renumbered;
	all->moved += c->moved;
	all->renamed += c->renamed;
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

/*H:030 quest diff compares two tours chapter by chapter, step by step
 * as the match pairs them (H:015), never by number alone: a pair is a
 * kept step, renumbered if its number changed, renamed with its file if
 * the file went and another came, moved if it went to a file that was
 * there, and changed if its code did, or its prose beyond the references
 * a renumber rewrote; a new step with no pair was added, an old one
 * removed.  Each step is listed once, with what happened to it.  The
 * result is a delta, a list of changes that each name both steps, and a
 * printer writes it as text or as JSON.
 */
int
tour_delta(struct tour *t, const char *ref1, const char *ref2,
    struct tour_delta *d, char **err)
{
	struct tour *a, *b;
	const struct chapter *oc, *nc;
	size_t i;

	memset(d, 0, sizeof(*d));
	if (hist_open(&d->h, err) == -1 ||
	    hist_resolve(&d->h, ref1, &d->older, err) == -1 ||
	    (ref2 != NULL && hist_resolve(&d->h, ref2, &d->newer_oid,
	    err) == -1) ||
	    (a = hist_tour(&d->h, &d->older, err)) == NULL ||
	    (b = ref2 ? hist_tour(&d->h, &d->newer_oid, err) : t) == NULL) {
		tour_delta_free(d);
		return -1;
	}
	d->newer = ref2 ? &d->newer_oid : NULL;
	git_oid_tostr(d->from, 8, &d->older);
	if (ref2)
		git_oid_tostr(d->to, 8, &d->newer_oid);
	match_cache_init(&d->mold, a);
	match_cache_init(&d->mnew, b);
	match_init(&d->m, &d->mold, &d->mnew);
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
	match_free(&d->m);
	match_cache_free(&d->mold);
	match_cache_free(&d->mnew);
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

static void
write_change(struct buf *b, const struct step_change *x, int json)
{
	static const char *const how_name[] = {
		NULL, "same", "prose", "code", "similar prose",
		"similar code", "number",
	};
	const struct step *s = x->to ? x->to : x->from;
	size_t k;
	int first = 1;

	if (json) {
		buf_adds(b, "{\"id\":");
		if (x->to)
			json_strz(b, x->to->id);
		else
			buf_adds(b, "null");
		buf_adds(b, ",\"from_id\":");
		if (x->from)
			json_strz(b, x->from->id);
		else
			buf_adds(b, "null");
		buf_adds(b, ",\"changes\":[");
	} else
		buf_printf(b, "  %s ", s->id);
	for (k = 0; k < sizeof(change_name) / sizeof(*change_name); k++) {
		if (!(x->what & 1U << k))
			continue;
		if (json)
			buf_printf(b, "%s\"%s\"", first ? "" : ",",
			    change_name[k]);
		else {
			buf_printf(b, "%s%s", first ? "" : ", ",
			    change_name[k]);
			if (1U << k == CH_RENUMBERED)
				buf_printf(b, " (was %s)", x->from->id);
			else if (1U << k == CH_RENAMED)
				buf_adds(b, " with its file");
			else if (1U << k == CH_CHANGED)
				buf_printf(b, " (%s)", x->how);
		}
		first = 0;
	}
	if (json) {
		buf_adds(b, "]");
		if (x->how != NULL)
			buf_printf(b, ",\"what\":\"%s\"", x->how);
		if (x->match != MATCH_NONE) {
			buf_printf(b, ",\"matched\":\"%s\"",
			    how_name[x->match]);
			if (x->match == MATCH_SIMILAR ||
			    x->match == MATCH_SIMILAR_CODE)
				buf_printf(b, ",\"similarity\":%u",
				    x->score);
		}
		buf_adds(b, ",\"from\":");
		place(b, x->from, 1);
		buf_adds(b, ",\"to\":");
		place(b, x->to, 1);
		buf_adds(b, "}");
		return;
	}
	buf_adds(b, ": ");
	place(b, x->from, 0);
	buf_adds(b, " -> ");
	place(b, x->to, 0);
	buf_adds(b, "\n");
}

static void
write_counts(struct buf *b, const struct delta_counts *c, int json)
{
	if (json)
		buf_printf(b, "\"kept\":%zu,\"removed\":%zu,\"added\":%zu,"
		    "\"renumbered\":%zu,\"moved\":%zu,\"renamed\":%zu,"
		    "\"changed\":%zu", c->kept, c->removed, c->added,
		    c->renumbered, c->moved, c->renamed, c->changed);
	else
		buf_printf(b, "%zu kept, %zu removed, %zu added; %zu "
		    "renumbered, %zu moved, %zu renamed, %zu changed\n",
		    c->kept, c->removed, c->added, c->renumbered, c->moved,
		    c->renamed, c->changed);
}

static void
write_chapter(struct buf *b, const struct tour_delta *d,
    const struct chapter_delta *cd, int json)
{
	const struct step_change *v = d->changes + cd->first;
	size_t i;

	if (json) {
		buf_adds(b, "{\"prefix\":");
		json_strz(b, cd->ch->prefix);
		buf_adds(b, ",\"name\":");
		json_strz(b, cd->ch->name);
		buf_adds(b, ",");
		write_counts(b, &cd->c, 1);
		buf_adds(b, ",\"steps\":[");
		for (i = 0; i < cd->n; i++) {
			buf_adds(b, i == 0 ? "\n" : ",\n");
			write_change(b, &v[i], 1);
		}
		buf_adds(b, "]}");
		return;
	}
	buf_printf(b, "%s (%s): ", cd->ch->name, cd->ch->prefix);
	write_counts(b, &cd->c, 0);
	for (i = 0; i < cd->n; i++)
		write_change(b, &v[i], 0);
}

void
tour_delta_write(const struct tour_delta *d, int json, struct buf *b)
{
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
	if (json) {
		buf_adds(b, "],\n\"summary\":{");
		write_counts(b, &d->all, 1);
		buf_adds(b, "}}\n");
	} else {
		buf_adds(b, "summary: ");
		write_counts(b, &d->all, 0);
	}
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
