/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * stale.c: quest stale, the steps whose code changed and whose prose did
 * not, judged against the merge base or a later review.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "history.h"

/* A Quest-Reviewed: trailer's word: "G:030" or the chapter "G". */
struct review {
	char		*prefix;
	char		*number;	/* NULL: the whole chapter */
	git_oid		 oid;
};

static void
add_reviews(struct review **v, size_t *n, const char *value, const git_oid *oid)
{
	const char *p = value, *e, *colon;
	size_t len;

	while (*p) {
		while (*p == ',' || *p == ' ' || *p == '\t')
			p++;
		for (e = p; *e && *e != ',' && *e != ' ' && *e != '\t'; e++)
			continue;
		len = (size_t)(e - p);
		if (len == 0)
			break;
		colon = memchr(p, ':', len);
		if (prefix_valid(p, colon ? (size_t)(colon - p) : len) &&
		    (colon == NULL || (colon + 1 < e &&
		    strspn(colon + 1, "0123456789") >=
		    (size_t)(e - colon - 1)))) {
			*v = xreallocarray(*v, *n + 1, sizeof(**v));
			(*v)[*n].prefix = xstrndup(p,
			    colon ? (size_t)(colon - p) : len);
			(*v)[*n].number = colon ? xstrndup(colon + 1,
			    (size_t)(e - colon - 1)) : NULL;
			git_oid_cpy(&(*v)[*n].oid, oid);
			(*n)++;
		}
		p = e;
	}
}

/* The reviews of the commits after base up to HEAD, newest first. */
static int
reviews(struct hist *h, const git_oid *head, const git_oid *base,
    struct review **v, size_t *n, char **err)
{
	git_message_trailer_array tr;
	git_revwalk *walk = NULL;
	git_commit *c;
	git_object_t type;
	git_oid oid;
	size_t i, size;
	char sha[GIT_OID_HEXSZ + 1];

	*v = NULL;
	*n = 0;
	if (git_revwalk_new(&walk, h->r->git) != 0 ||
	    git_revwalk_sorting(walk,
	    GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME) != 0 ||
	    git_revwalk_push(walk, head) != 0 ||
	    git_revwalk_hide(walk, base) != 0) {
		*err = repo_error("cannot walk the history");
		git_revwalk_free(walk);
		return -1;
	}
	while (git_revwalk_next(&oid, walk) == 0) {
		/*
		 * libgit2's walk read it whole already; its trailers are
		 * ours.
		 */
		if (git_odb_read_header(&size, &type, h->odb, &oid) == 0 &&
		    size > HIST_MAX_COMMIT) {
			git_oid_tostr(sha, 8, &oid);
			fprintf(stderr, "quest: warning: commit %s is %zu "
			    "MiB, more than the %lu MiB quest reads of a "
			    "commit: its Quest-Reviewed: trailers are not "
			    "read\n", sha, size >> 20, HIST_MAX_COMMIT >> 20);
			continue;
		}
		if (git_commit_lookup(&c, h->r->git, &oid) != 0)
			continue;
		if (git_message_trailers(&tr, git_commit_message(c)) == 0) {
			for (i = 0; i < tr.count; i++)
				if (strcasecmp(tr.trailers[i].key,
				    "Quest-Reviewed") == 0)
					add_reviews(v, n, tr.trailers[i].value,
					    &oid);
			git_message_trailer_array_free(&tr);
		}
		git_commit_free(c);
	}
	git_revwalk_free(walk);
	return 0;
}

/* The match of the tour of a commit with today's, each made once. */
struct matches {
	struct hist	*h;
	struct match_cache now;
	git_oid		*oids;
	struct mentry {
		struct match_cache old;
		struct match	 m;
	}		**v;		/* each its own: callers keep them */
	size_t		 n;
};

static struct match *
match_of(struct matches *ms, const git_oid *oid, char **err)
{
	struct tour *old;
	size_t i;

	for (i = 0; i < ms->n; i++)
		if (git_oid_equal(&ms->oids[i], oid))
			return &ms->v[i]->m;
	if ((old = hist_tour(ms->h, oid, err)) == NULL)
		return NULL;
	ms->oids = xreallocarray(ms->oids, ms->n + 1, sizeof(*ms->oids));
	ms->v = xreallocarray(ms->v, ms->n + 1, sizeof(*ms->v));
	git_oid_cpy(&ms->oids[ms->n], oid);
	ms->v[ms->n] = xcalloc(1, sizeof(**ms->v));
	match_cache_init(&ms->v[ms->n]->old, old);
	match_init(&ms->v[ms->n]->m, &ms->v[ms->n]->old, &ms->now);
	return &ms->v[ms->n++]->m;
}

static void
matches_free(struct matches *ms)
{
	size_t i;

	for (i = 0; i < ms->n; i++) {
		match_free(&ms->v[i]->m);
		match_cache_free(&ms->v[i]->old);
		free(ms->v[i]);
	}
	match_cache_free(&ms->now);
	free(ms->v);
	free(ms->oids);
}

static int
numbered(const struct step *s, const char *number)
{
	return numcmp(s->number, strlen(s->number), number,
	    strlen(number)) == 0;
}

/* The index of the first step of ch of that number, or ch->nsteps. */
static size_t
first_of(const struct chapter *ch, const char *number)
{
	size_t j = chapter_find(ch, number, strlen(number));

	while (j > 0 && j < ch->nsteps && numbered(ch->steps[j - 1], number))
		j--;
	return j;
}

/*
 * The newest review of each step of t, into by[chapter][index] (NULL:
 * none).  A review names a step by its number in the commit that gives
 * it: the step is looked for there, and found in t as the match finds it,
 * whatever its number is today.  The reviews come newest first, so the
 * first to cover a step is its review, and once a chapter is reviewed
 * whole, no older review counts in it.  Returns 0, or -1 with *err set.
 */
static int
reviewed(struct matches *ms, const struct review *v, size_t n,
    const struct tour *t, const struct review ***by, char **err)
{
	const struct chapter *ch, *then;
	const struct step *s;
	unsigned char *whole;
	struct match *m;
	size_t i, j, ci;
	int rc = -1;

	whole = xcalloc(t->nchapters + 1, 1);
	for (i = 0; i < n; i++) {
		ch = tour_prefix(t, v[i].prefix, strlen(v[i].prefix));
		if (ch == NULL || whole[ci = (size_t)(ch - t->chapters)])
			continue;
		if (v[i].number == NULL) {
			for (j = 0; j < ch->nsteps; j++)
				if (by[ci][j] == NULL)
					by[ci][j] = &v[i];
			whole[ci] = 1;
			continue;
		}
		if ((m = match_of(ms, &v[i].oid, err)) == NULL)
			goto out;
		then = tour_prefix(m->old->t, v[i].prefix, strlen(v[i].prefix));
		if (then == NULL)
			continue;
		/* Each step of that number then: one, or duplicates. */
		for (j = first_of(then, v[i].number); j < then->nsteps &&
		    numbered(then->steps[j], v[i].number); j++)
			if ((s = match_new(m, then->steps[j])->other) != NULL &&
			    by[ci][s->index] == NULL)
				by[ci][s->index] = &v[i];
	}
	rc = 0;
out:
	free(whole);
	return rc;
}

/* How many lines of a step's code changed: those added or removed. */
static unsigned
code_changed(const struct step *os, const struct step *s, struct buf *x,
    struct buf *y)
{
	git_patch *patch = NULL;
	size_t ctx, add = 0, del = 0;

	x->len = y->len = 0;
	step_code_text(os, x);
	step_code_text(s, y);
	if (git_patch_from_buffers(&patch, x->p, x->len, NULL, y->p, y->len,
	    NULL, NULL) != 0)
		return 1;
	git_patch_line_stats(&ctx, &add, &del, patch);
	git_patch_free(patch);
	return (unsigned)(add > del ? add : del);
}

/* The line of f that starts at off: its length with its newline. */
static size_t
line_at(const struct qfile *f, size_t off)
{
	const char *nl;

	if (off >= f->len)
		return 0;
	nl = memchr(f->text + off, '\n', f->len - off);
	return nl ? (size_t)(nl - f->text) + 1 - off : f->len - off;
}

/*
 * The unified diff of a step from then to now, as git apply reads it: the
 * files' paths from the top of the work tree, and hunks at the files' own
 * lines, with git's three lines of context taken inside the step, tag to
 * last line, and the line after it when that line is the same on both
 * sides (so that a hunk at the step's end has context after it).  Steps do
 * not share a changed line, so the diffs of all of them apply together.
 */
static char *
code_diff(const char *prefix, const struct step *os, const struct step *s)
{
	const struct qfile *of = os->file, *nf = s->file;
	git_patch *patch = NULL;
	const git_diff_hunk *hunk;
	const git_diff_line *line;
	struct buf o = { 0 };
	size_t ae = os->end, be = s->end, an, bn, nlines, h, i;

	an = line_at(of, ae);
	bn = line_at(nf, be);
	if (an > 0 && an == bn && memcmp(of->text + ae, nf->text + be,
	    an) == 0) {
		ae += an;
		be += bn;
	}
	if (git_patch_from_buffers(&patch, of->text + os->off, ae - os->off,
	    NULL, nf->text + s->off, be - s->off, NULL, NULL) != 0)
		return NULL;
	buf_printf(&o, "--- a/%s%s\n+++ b/%s%s\n", prefix, of->path, prefix,
	    nf->path);
	for (h = 0; h < git_patch_num_hunks(patch); h++) {
		if (git_patch_get_hunk(&hunk, &nlines, patch, h) != 0)
			break;
		buf_printf(&o, "@@ -%d,%d +%d,%d @@\n",
		    hunk->old_start + (int)os->line - 1, hunk->old_lines,
		    hunk->new_start + (int)s->line - 1, hunk->new_lines);
		for (i = 0; i < nlines; i++) {
			if (git_patch_get_line_in_hunk(&line, patch, h,
			    i) != 0)
				break;
			if (line->origin == GIT_DIFF_LINE_CONTEXT ||
			    line->origin == GIT_DIFF_LINE_ADDITION ||
			    line->origin == GIT_DIFF_LINE_DELETION) {
				buf_addc(&o, line->origin);
				buf_add(&o, line->content, line->content_len);
				if (line->content_len == 0 || line->content[
				    line->content_len - 1] != '\n')
					buf_addc(&o, '\n');
			} else
				buf_adds(&o, "\\ No newline at end of file\n");
		}
	}
	git_patch_free(patch);
	buf_cstr(&o);
	return o.p;
}

static int
stale_order(const void *pa, const void *pb)
{
	const struct stale_step *a = pa, *b = pb;
	int c = strcmp(a->step->file->path, b->step->file->path);

	return c ? c : (a->step->line > b->step->line) -
	    (a->step->line < b->step->line);
}

/* Whether two steps' code, as the writers show it, is the same. */
static int
same_code(const struct step *a, const struct step *b, struct buf *x,
    struct buf *y)
{
	x->len = y->len = 0;
	step_code_text(a, x);
	step_code_text(b, y);
	return x->len == y->len && (x->len == 0 ||
	    memcmp(x->p, y->p, x->len) == 0);
}

/*
 * For quest html --since: a step renumbered since the base answers to its
 * old anchor too, unless a step of today holds that number.
 */
static void
old_anchor(const struct tour *t, struct step *s, const struct step *os)
{
	if (strcmp(os->id, s->id) == 0 || tour_step(t, os->prefix,
	    os->number, strlen(os->number)) != NULL)
		return;
	free(s->was_id);
	s->was_id = xstrdup(os->id);
}

/*H:020 A step is stale when its code changed and its prose did not: the
 * explanation may no longer be true.  The past it is judged against is
 * the merge base of the branch and REF, as `git diff REF...HEAD` takes
 * it, so that a branch answers only for its own changes; or, for a step a
 * later commit reviewed (a `Quest-Reviewed: G:030` trailer, or a whole
 * chapter, `Quest-Reviewed: G`), that commit.  A step is found in the
 * past as the match finds it (H:015), not by its number: a renumber, a
 * move or a renamed file leaves it the same step, and a review names the
 * step by its number in the commit that gives it.
 */
int
stale_find(struct tour *t, const char *since, struct stale_report *r,
    char **err)
{
	struct hist h;
	struct matches ms = { 0 };
	struct review *rv = NULL;
	const struct review ***by = NULL, *rw;
	struct match *m, *mb;
	git_oid head, ref, base;
	const git_oid *from;
	struct step *s;
	const struct step *os;
	struct stale_step *x;
	struct buf a = { 0 }, b = { 0 };
	size_t nrv = 0, i, j;
	char sha[GIT_OID_HEXSZ + 1], refsha[GIT_OID_HEXSZ + 1];
	int rc = -1, e;

	memset(r, 0, sizeof(*r));
	if (hist_open(&h, err) == -1)
		goto out;
	if (hist_resolve(&h, "HEAD", &head, err) == -1 ||
	    hist_resolve(&h, since, &ref, err) == -1)
		goto out;
	if ((e = git_merge_base(&base, h.r->git, &ref, &head)) != 0) {
		if (git_repository_is_shallow(h.r->git) == 1)
			*err = xasprintf("this shallow clone lacks the merge "
			    "base of %s and HEAD: fetch more history (git "
			    "fetch --unshallow)", since);
		else if (e == GIT_ENOTFOUND)
			*err = xasprintf("%s and HEAD have no common ancestor",
			    since);
		else
			*err = repo_error("cannot find the merge base");
		goto out;
	}
	git_oid_tostr(sha, 8, &base);
	r->base = xstrdup(sha);
	/*
	 * What "since" means to the reader: REF as it was given (an object
	 * id abbreviated), or where the branch left it.
	 */
	if (strspn(since, "0123456789abcdefABCDEF") == strlen(since)) {
		git_oid_tostr(refsha, 8, &ref);
		since = refsha;
	}
	r->since = git_oid_equal(&base, &ref) ? xstrdup(since) :
	    xasprintf("%s (the merge base of %s and HEAD)", sha, since);
	if (reviews(&h, &head, &base, &rv, &nrv, err) == -1)
		goto out;
	ms.h = &h;
	match_cache_init(&ms.now, t);
	if ((mb = match_of(&ms, &base, err)) == NULL)
		goto out;
	by = xcalloc(t->nchapters + 1, sizeof(*by));
	for (i = 0; i < t->nchapters; i++)
		by[i] = xcalloc(t->chapters[i].nsteps + 1, sizeof(**by));
	if (reviewed(&ms, rv, nrv, t, by, err) == -1)
		goto out;
	for (i = 0; i < t->nchapters; i++)
		for (j = 0; j < t->chapters[i].nsteps; j++) {
			s = t->chapters[i].steps[j];
			if ((os = match_old(mb, s)->other) != NULL)
				old_anchor(t, s, os);
			rw = by[i][j];
			from = rw ? &rw->oid : &base;
			if ((m = match_of(&ms, from, err)) == NULL)
				goto out;
			if ((os = match_old(m, s)->other) == NULL)
				continue;	/* new since */
			if (same_code(os, s, &a, &b) ||
			    !match_prose_same(m, os, s))
				continue;	/* unchanged, or explained
						 * anew */
			r->v = xreallocarray(r->v, r->n + 1, sizeof(*r->v));
			x = &r->v[r->n++];
			x->step = s;
			x->changed = code_changed(os, s, &a, &b);
			x->diff = code_diff(h.r->prefix, os, s);
			git_oid_tostr(x->baseline, 8, from);
			x->since = rw ? xasprintf("its review in %s",
			    x->baseline) : xstrdup(r->since);
			s->stale = x->changed ? x->changed : 1;
			free(s->stale_since);
			s->stale_since = xstrdup(x->since);
		}
	if (r->n > 1)
		qsort(r->v, r->n, sizeof(*r->v), stale_order);
	rc = 0;
out:
	for (i = 0; by != NULL && i < t->nchapters; i++)
		free(by[i]);
	free(by);
	for (i = 0; i < nrv; i++) {
		free(rv[i].prefix);
		free(rv[i].number);
	}
	free(rv);
	buf_free(&a);
	buf_free(&b);
	matches_free(&ms);
	hist_close(&h);
	if (rc == -1)
		stale_free(r);	/* the caller frees a report only when found */
	return rc;
}
/*:*/

void
stale_free(struct stale_report *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->v[i].diff);
		free(r->v[i].since);
	}
	free(r->v);
	free(r->base);
	free(r->since);
	memset(r, 0, sizeof(*r));
}

void
stale_diags(const struct stale_report *r, struct diags *d, int verbose)
{
	const struct stale_step *x;
	size_t i;

	for (i = 0; i < r->n; i++) {
		x = &r->v[i];
		diag_add_detail(d, D_STALE, x->step->file->path,
		    x->step->line, x->step->col, verbose ? x->diff : NULL,
		    "step %s is stale: %u line%s of its code changed since "
		    "%s, its prose did not; re-read it, then commit with the "
		    "trailer 'Quest-Reviewed: %s'", x->step->id, x->changed,
		    x->changed == 1 ? "" : "s", x->since, x->step->id);
	}
}
