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

static const git_oid *
reviewed(const struct review *v, size_t n, const struct step *s)
{
	size_t i;

	for (i = 0; i < n; i++)	/* newest first: the first that names it */
		if (strcmp(v[i].prefix, s->prefix) == 0 &&
		    (v[i].number == NULL ||
		    numcmp(v[i].number, strlen(v[i].number), s->number,
		    strlen(s->number)) == 0))
			return &v[i].oid;
	return NULL;
}

/* The unified diff of two texts, and how many lines changed. */
static unsigned
code_diff(const char *a, size_t alen, const char *b, size_t blen, char **out)
{
	git_patch *patch = NULL;
	git_buf buf = { 0 };
	size_t ctx, add = 0, del = 0;

	*out = NULL;
	if (git_patch_from_buffers(&patch, a, alen, "code", b, blen, "code",
	    NULL) != 0)
		return 1;
	git_patch_line_stats(&ctx, &add, &del, patch);
	if (git_patch_to_buf(&buf, patch) == 0)
		*out = xstrndup(buf.ptr, buf.size);
	git_buf_dispose(&buf);
	git_patch_free(patch);
	return (unsigned)(add > del ? add : del);
}

static int
stale_order(const void *pa, const void *pb)
{
	const struct stale_step *a = pa, *b = pb;
	int c = strcmp(a->step->file->path, b->step->file->path);

	return c ? c : (a->step->line > b->step->line) -
	    (a->step->line < b->step->line);
}

/*H:020 A step is stale when its code changed and its prose did not: the
 * explanation may no longer be true.  The past it is judged against is
 * the merge base of the branch and REF, as `git diff REF...HEAD` takes
 * it, so that a branch answers only for its own changes; or, for a step a
 * later commit reviewed (a `Quest-Reviewed: G:030` trailer, or a whole
 * chapter, `Quest-Reviewed: G`), that commit.  Steps are matched by tag,
 * wherever their files went.
 */
int
stale_find(struct tour *t, const char *since, struct stale_report *r,
    char **err)
{
	struct hist h;
	struct review *rv = NULL;
	git_oid head, ref, base;
	const git_oid *from;
	struct tour *old;
	const struct step *s, *os;
	struct buf a = { 0 }, b = { 0 }, pa = { 0 }, pb = { 0 };
	size_t nrv = 0, i, j;
	char sha[GIT_OID_HEXSZ + 1];
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
	if (reviews(&h, &head, &base, &rv, &nrv, err) == -1)
		goto out;
	for (i = 0; i < t->nchapters; i++)
		for (j = 0; j < t->chapters[i].nsteps; j++) {
			s = t->chapters[i].steps[j];
			if ((from = reviewed(rv, nrv, s)) == NULL)
				from = &base;
			if ((old = hist_tour(&h, from, err)) == NULL)
				goto out;
			os = tour_step(old, s->prefix, s->number,
			    strlen(s->number));
			if (os == NULL)
				continue;	/* new, or renumbered */
			step_code_text(os, &a);
			step_code_text(s, &b);
			if (a.len == b.len && memcmp(a.p, b.p, a.len) == 0)
				continue;
			step_prose(os, &pa);
			step_prose(s, &pb);
			if (pa.len != pb.len || memcmp(pa.p, pb.p, pa.len) != 0)
				continue;	/* explained anew */
			r->v = xreallocarray(r->v, r->n + 1, sizeof(*r->v));
			r->v[r->n].step = s;
			r->v[r->n].changed = code_diff(a.p, a.len, b.p, b.len,
			    &r->v[r->n].diff);
			git_oid_tostr(r->v[r->n].baseline, 8, from);
			((struct step *)s)->stale = r->v[r->n].changed ?
			    r->v[r->n].changed : 1;
			r->n++;
		}
	if (r->n > 1)
		qsort(r->v, r->n, sizeof(*r->v), stale_order);
	rc = 0;
out:
	for (i = 0; i < nrv; i++) {
		free(rv[i].prefix);
		free(rv[i].number);
	}
	free(rv);
	buf_free(&a);
	buf_free(&b);
	buf_free(&pa);
	buf_free(&pb);
	hist_close(&h);
	return rc;
}
/*:*/

void
stale_free(struct stale_report *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		free(r->v[i].diff);
	free(r->v);
	free(r->base);
	memset(r, 0, sizeof(*r));
}

void
stale_diags(const struct stale_report *r, struct diags *d, int verbose)
{
	const struct stale_step *x;
	size_t i;

	for (i = 0; i < r->n; i++) {
		x = &r->v[i];
		diag_add(d, D_STALE, x->step->file->path, x->step->line,
		    x->step->col, "step %s:%s is stale: %u line%s of its code "
		    "changed since %s, its prose did not; re-read it, then "
		    "commit with the trailer 'Quest-Reviewed: %s:%s'%s%s",
		    x->step->prefix, x->step->number, x->changed,
		    x->changed == 1 ? "" : "s", x->baseline, x->step->prefix,
		    x->step->number, verbose && x->diff ? "\n" : "",
		    verbose && x->diff ? x->diff : "");
	}
}

