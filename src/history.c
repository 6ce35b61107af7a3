/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * history.c: the tour in git's history, read from the object database
 * with libgit2 (no checkout, no git process, no temporary file) and
 * scanned by the same scanner as the work tree, from memory.  stale.c and
 * tourdiff.c compare the tours it reads.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsroot.h"
#include "history.h"

int
hist_open(struct hist *h, char **err)
{
	const struct repo *r;

	memset(h, 0, sizeof(*h));
	r = repo_open();
	switch (r->status) {
	case REPO_OK:
		break;
	case REPO_NOLIB:
		*err = xstrdup(r->err);
		return -1;
	case REPO_BARE:
		*err = xstrdup("a bare repository has no work tree to compare");
		return -1;
	case REPO_OUTSIDE:
		*err = xasprintf("the tour root %s is outside the work tree %s",
		    r->root, r->workdir);
		return -1;
	default:
		*err = xstrdup("not in a git repository: the history of a tour "
		    "is the history of its git repository");
		return -1;
	}
	if (git_repository_odb(&h->odb, r->git) != 0) {
		*err = repo_error("cannot open the object database");
		return -1;
	}
	h->r = r;
	read_file(".quest", &h->cfgtext);
	return 0;
}

void
hist_close(struct hist *h)
{
	size_t i;

	for (i = 0; i < h->ntours; i++) {
		tour_free(h->tours[i]);
		free(h->tours[i]);
	}
	free(h->tours);
	for (i = 0; i < h->nblobs; i++) {
		free(h->blobs[i].path);
		qfile_free(h->blobs[i].f);
	}
	free(h->blobs);
	free(h->oids);
	buf_free(&h->cfgtext);
	if (h->odb != NULL)
		git_odb_free(h->odb);
	memset(h, 0, sizeof(*h));
}

int
hist_resolve(struct hist *h, const char *ref, git_oid *oid, char **err)
{
	git_object *obj = NULL, *c = NULL;

	if (git_revparse_single(&obj, h->r->git, ref) != 0) {
		if (strcmp(ref, "HEAD") == 0 &&
		    git_repository_head_unborn(h->r->git) == 1)
			*err = xstrdup("HEAD has no commit yet: nothing to "
			    "compare with");
		else
			*err = xasprintf("unknown revision '%s'", ref);
		return -1;
	}
	if (git_object_peel(&c, obj, GIT_OBJECT_COMMIT) != 0) {
		*err = xasprintf("'%s' is not a commit", ref);
		git_object_free(obj);
		return -1;
	}
	git_oid_cpy(oid, git_object_id(c));
	git_object_free(c);
	git_object_free(obj);
	return 0;
}

struct blobwalk {
	struct hist	*h;
	char		 sha[GIT_OID_HEXSZ + 1];	/* the commit,
							 * abbreviated */
	const struct config *cfg;
	struct qfile	**found;
	size_t		 n, cap;
};

/*
 * A file of a commit too large to read: said once a run (the blob is
 * remembered as making no file), on the standard error,
 * for a file of a language quest knows by its name (the others are no
 * loss: a script is known by its #! line, which would take reading it).
 */
static void
too_large(const struct blobwalk *w, const char *path, size_t size)
{
	fprintf(stderr, "quest: warning: %s in commit %s is %zu MiB, more than "
	    "the %lu MiB quest reads of a file from history: its steps there "
	    "are not read\n", path, w->sha, size >> 20, HIST_MAX_BLOB >> 20);
}

static int
hblob_cmp(const git_oid *oid, const char *path, const struct hblob *b)
{
	int c = memcmp(oid->id, b->oid.id, GIT_OID_RAWSZ);

	return c ? c : strcmp(path, b->path);
}

/* Where the blob of oid at path is in h->blobs, or would go: *found set. */
static size_t
hblob_find(const struct hist *h, const git_oid *oid, const char *path,
    int *found)
{
	size_t lo = 0, hi = h->nblobs, mid;
	int c;

	*found = 0;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = hblob_cmp(oid, path, &h->blobs[mid])) == 0) {
			*found = 1;
			return mid;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

static void
found_add(struct blobwalk *w, struct qfile *f)
{
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 32;
		w->found = xreallocarray(w->found, w->cap, sizeof(*w->found));
	}
	w->found[w->n++] = f;
}

/* One entry of a commit's tree: a file of the tour, read from memory. */
static int
walk_entry(const char *root, const git_tree_entry *e, void *arg)
{
	struct blobwalk *w = arg;
	const char *prefix = w->h->r->prefix, *text;
	size_t plen = strlen(prefix), rlen = strlen(root), len, size;
	const struct lang *l;
	git_object_t type;
	git_blob *blob = NULL;
	struct qfile *f;
	char *full;
	size_t at;
	int rc = 0, hit;

	full = xasprintf("%s%s", root, git_tree_entry_name(e));
	if (git_tree_entry_type(e) == GIT_OBJECT_TREE) {
		/* Only down towards the root, and below it. */
		if (!(strncmp(full, prefix, strlen(full)) == 0 ||
		    strncmp(full, prefix, plen) == 0 ||
		    (rlen >= plen && strncmp(root, prefix, plen) == 0)))
			rc = 1;
		free(full);
		return rc;
	}
	if (git_tree_entry_type(e) != GIT_OBJECT_BLOB ||
	    (git_tree_entry_filemode(e) != GIT_FILEMODE_BLOB &&
	    git_tree_entry_filemode(e) != GIT_FILEMODE_BLOB_EXECUTABLE) ||
	    strncmp(full, prefix, plen) != 0 ||
	    !config_selects(w->cfg, full + plen)) {
		free(full);
		return 0;
	}
	/* Read before: a copy, and not even its size asked again. */
	at = hblob_find(w->h, git_tree_entry_id(e), full + plen, &hit);
	if (hit) {
		if ((f = w->h->blobs[at].f) != NULL)
			found_add(w, qfile_clone(f));
		free(full);
		return 0;
	}
	f = NULL;
	l = config_lang(w->cfg, full + plen);
	if (git_odb_read_header(&size, &type, w->h->odb,
	    git_tree_entry_id(e)) != 0)
		goto remember;
	if (size > HIST_MAX_BLOB) {
		if (l != NULL)
			too_large(w, full + plen, size);
		goto remember;
	}
	if (git_blob_lookup(&blob, w->h->r->git, git_tree_entry_id(e)) != 0)
		goto remember;
	text = git_blob_rawcontent(blob);
	len = (size_t)git_blob_rawsize(blob);
	if (l == NULL)
		l = lang_by_shebang(text, len);
	f = l != NULL ? qfile_read_text(full + plen, l, text, len, NULL) :
	    NULL;
	if (f != NULL)
		found_add(w, qfile_clone(f));
	git_blob_free(blob);
remember:
	w->h->blobs = xreallocarray(w->h->blobs, w->h->nblobs + 1,
	    sizeof(*w->h->blobs));
	memmove(&w->h->blobs[at + 1], &w->h->blobs[at],
	    (w->h->nblobs - at) * sizeof(*w->h->blobs));
	git_oid_cpy(&w->h->blobs[at].oid, git_tree_entry_id(e));
	w->h->blobs[at].path = xstrdup(full + plen);
	w->h->blobs[at].f = f;
	w->h->nblobs++;
	free(full);
	return 0;
}

/*H:010 The past of a tour is read from git's object database, never from
 * a checkout: each file of a commit's tree under the tour root is a blob
 * in memory, read by qfile_read_text() exactly as a file of the work tree
 * is, with the same test for a binary file.  So an old tour and the
 * present one are the same kind of tree, and comparing them is comparing
 * steps.  A blob is asked for its size before it is read: zlib packs a GB
 * of one byte into a MB, and a blob over HIST_MAX_BLOB (64 MiB) is
 * skipped, with a warning, never inflated.  A blob is read once a run:
 * the file it makes is kept by id and path, and a later commit that has
 * it gets a copy.
 */
struct tour *
hist_tour(struct hist *h, const git_oid *oid, char **err)
{
	struct blobwalk w;
	git_commit *c = NULL;
	git_tree *tree = NULL;
	struct tour *t;
	size_t i;

	for (i = 0; i < h->ntours; i++)
		if (git_oid_equal(&h->oids[i], oid))
			return h->tours[i];
	if (git_commit_lookup(&c, h->r->git, oid) != 0 ||
	    git_commit_tree(&tree, c) != 0) {
		*err = repo_error("cannot read a commit");
		git_commit_free(c);
		return NULL;
	}
	t = xcalloc(1, sizeof(*t));
	diags_init(&t->diags);
	/* The chapters and globs of today's config: a prefix is a prefix. */
	config_parse(&t->config, ".quest", h->cfgtext.p ? h->cfgtext.p : "",
	    h->cfgtext.len, &t->diags);
	memset(&w, 0, sizeof(w));
	w.h = h;
	w.cfg = &t->config;
	git_oid_tostr(w.sha, 8, oid);
	git_tree_walk(tree, GIT_TREEWALK_PRE, walk_entry, &w);
	tour_adopt(t, w.found, w.n);
	free(w.found);
	tour_build(t);
	git_tree_free(tree);
	git_commit_free(c);
	h->oids = xreallocarray(h->oids, h->ntours + 1, sizeof(*h->oids));
	h->tours = xreallocarray(h->tours, h->ntours + 1, sizeof(*h->tours));
	git_oid_cpy(&h->oids[h->ntours], oid);
	h->tours[h->ntours++] = t;
	return t;
}
/*:*/

int
hist_has_path(struct hist *h, const git_oid *oid, const char *path)
{
	git_commit *c = NULL;
	git_tree *tree = NULL;
	git_tree_entry *e = NULL;
	struct stat st;
	char *full;
	int has;

	if (oid == NULL)
		return root_lstat(path, &st) == 0;
	if (git_commit_lookup(&c, h->r->git, oid) != 0 ||
	    git_commit_tree(&tree, c) != 0) {
		git_commit_free(c);
		return 0;
	}
	full = xasprintf("%s%s", h->r->prefix, path);
	has = git_tree_entry_bypath(&e, tree, full) == 0;
	git_tree_entry_free(e);
	free(full);
	git_tree_free(tree);
	git_commit_free(c);
	return has;
}
