/*
 * history.c: the tour in git's history, read from the object database
 * with libgit2 (no checkout, no git process, no temporary file) and
 * scanned by the same scanner as the work tree, from memory.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "gitlib.h"
#include "history.h"
#include "json.h"

struct hist {
	git_repository	*repo;
	git_odb		*odb;		/* for the size of a blob, not its bytes */
	char		*prefix;	/* the tour root in the work tree: "" or "sub/" */
	struct buf	 cfgtext;	/* the .quest of the work tree */
	/* Tours of commits, read once each. */
	git_oid		*oids;
	struct tour	**tours;
	size_t		 ntours;
};

static char *
gerr(const char *what)
{
	const git_error *e = git_error_last();

	return xasprintf("%s: %s", what, e && e->message ? e->message : "?");
}

static int
hist_open(struct hist *h, char **err)
{
	char cwd[PATH_MAX], wd[PATH_MAX];
	const char *w;
	size_t n;

	memset(h, 0, sizeof(*h));
	if (gitlib_init() == -1) {
		*err = xstrdup(gitlib_error());
		return -1;
	}
	if (git_repository_open_ext(&h->repo, ".", 0, NULL) != 0) {
		*err = xstrdup("not in a git repository: the history of a tour "
		    "is the history of its git repository");
		return -1;
	}
	if ((w = git_repository_workdir(h->repo)) == NULL ||
	    realpath(w, wd) == NULL || getcwd(cwd, sizeof(cwd)) == NULL) {
		*err = xstrdup("a bare repository has no work tree to compare");
		return -1;
	}
	n = strcmp(wd, "/") == 0 ? 0 : strlen(wd);
	if (strncmp(cwd, wd, n) != 0 || (cwd[n] != '\0' && cwd[n] != '/')) {
		*err = xasprintf("the tour root %s is outside the work tree %s",
		    cwd, wd);
		return -1;
	}
	h->prefix = cwd[n] == '/' ? xasprintf("%s/", cwd + n + 1) : xstrdup("");
	if (git_repository_odb(&h->odb, h->repo) != 0) {
		*err = gerr("cannot open the object database");
		return -1;
	}
	read_file(".quest", &h->cfgtext);
	return 0;
}

static void
hist_close(struct hist *h)
{
	size_t i;

	for (i = 0; i < h->ntours; i++) {
		tour_free(h->tours[i]);
		free(h->tours[i]);
	}
	free(h->tours);
	free(h->oids);
	free(h->prefix);
	buf_free(&h->cfgtext);
	if (h->odb != NULL)
		git_odb_free(h->odb);
	if (h->repo != NULL)
		git_repository_free(h->repo);
}

static int
resolve(struct hist *h, const char *ref, git_oid *oid, char **err)
{
	git_object *obj = NULL, *c = NULL;

	if (git_revparse_single(&obj, h->repo, ref) != 0) {
		if (strcmp(ref, "HEAD") == 0 && git_repository_head_unborn(h->repo) == 1)
			*err = xstrdup("HEAD has no commit yet: nothing to compare "
			    "with");
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
	char		 sha[GIT_OID_HEXSZ + 1];	/* the commit, abbreviated */
	const struct config *cfg;
	struct qfile	**found;
	size_t		 n, cap;
	struct marks	 m;
	struct diags	 scratch;
};

static int
has_tag(const struct marks *m)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		if (m->v[i].kind == MARK_TAG)
			return 1;
	return 0;
}

/*
 * A file of a commit too large to read: said once, on the standard error,
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

/* One entry of a commit's tree: a file of the tour, read from memory. */
static int
walk_entry(const char *root, const git_tree_entry *e, void *arg)
{
	struct blobwalk *w = arg;
	const char *prefix = w->h->prefix, *text;
	size_t plen = strlen(prefix), rlen = strlen(root), len, size;
	const struct lang *l;
	git_object_t type;
	git_blob *blob = NULL;
	struct qfile *f;
	char *full;
	int rc = 0;

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
	    !config_selects(w->cfg, full + plen) ||
	    git_odb_read_header(&size, &type, w->h->odb,
	    git_tree_entry_id(e)) != 0) {
		free(full);
		return 0;
	}
	l = lang_by_path(full + plen);
	if (size > HIST_MAX_BLOB) {
		if (l != NULL)
			too_large(w, full + plen, size);
		free(full);
		return 0;
	}
	if (git_blob_lookup(&blob, w->h->repo, git_tree_entry_id(e)) != 0) {
		free(full);
		return 0;
	}
	text = git_blob_rawcontent(blob);
	len = (size_t)git_blob_rawsize(blob);
	if (l == NULL)
		l = lang_by_shebang(text, len);
	if (l != NULL && memchr(text, '\0', len < 8000 ? len : 8000) == NULL) {
		scan_text(text, len, l, &w->m);
		if (has_tag(&w->m)) {
			f = xcalloc(1, sizeof(*f));
			f->path = xstrdup(full + plen);
			f->lang = l;
			f->len = len;
			f->text = xmalloc(len + 1);
			memcpy(f->text, text, len);
			f->text[len] = '\0';
			file_build(f, &w->m, &w->scratch);
			if (w->n == w->cap) {
				w->cap = w->cap ? w->cap * 2 : 32;
				w->found = xreallocarray(w->found, w->cap,
				    sizeof(*w->found));
			}
			w->found[w->n++] = f;
		}
	}
	git_blob_free(blob);
	free(full);
	return 0;
}

/*H:010 The past of a tour is read from git's object database, never from
 * a checkout: each file of a commit's tree under the tour root is a blob
 * in memory, scanned by scan_text() and built by file_build() exactly as a
 * file of the work tree is.  So an old tour and the present one are the
 * same kind of tree, and comparing them is comparing steps.  A blob is
 * asked for its size before it is read: zlib packs a GB of one byte into
 * a MB, and a blob over HIST_MAX_BLOB (64 MiB) is skipped, with a warning,
 * never inflated.
 */
static struct tour *
commit_tour(struct hist *h, const git_oid *oid, char **err)
{
	struct blobwalk w;
	git_commit *c = NULL;
	git_tree *tree = NULL;
	struct tour *t;
	size_t i;

	for (i = 0; i < h->ntours; i++)
		if (git_oid_equal(&h->oids[i], oid))
			return h->tours[i];
	if (git_commit_lookup(&c, h->repo, oid) != 0 ||
	    git_commit_tree(&tree, c) != 0) {
		*err = gerr("cannot read a commit");
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
	diags_init(&w.scratch);
	git_tree_walk(tree, GIT_TREEWALK_PRE, walk_entry, &w);
	tour_adopt(t, w.found, w.n);
	free(w.found);
	free(w.m.v);
	diags_free(&w.scratch);
	tour_build(t);
	git_tree_free(tree);
	git_commit_free(c);
	h->oids = xreallocarray(h->oids, h->ntours + 1, sizeof(*h->oids));
	h->tours = xreallocarray(h->tours, h->ntours + 1, sizeof(*h->tours));
	git_oid_cpy(&h->oids[h->ntours], oid);
	h->tours[h->ntours++] = t;
	return t;
}

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
		    strspn(colon + 1, "0123456789") >= (size_t)(e - colon - 1)))) {
			*v = xreallocarray(*v, *n + 1, sizeof(**v));
			(*v)[*n].prefix = xstrndup(p, colon ? (size_t)(colon - p) : len);
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
	if (git_revwalk_new(&walk, h->repo) != 0 ||
	    git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME) != 0 ||
	    git_revwalk_push(walk, head) != 0 || git_revwalk_hide(walk, base) != 0) {
		*err = gerr("cannot walk the history");
		git_revwalk_free(walk);
		return -1;
	}
	while (git_revwalk_next(&oid, walk) == 0) {
		/* libgit2's walk read it whole already; its trailers are ours. */
		if (git_odb_read_header(&size, &type, h->odb, &oid) == 0 &&
		    size > HIST_MAX_COMMIT) {
			git_oid_tostr(sha, 8, &oid);
			fprintf(stderr, "quest: warning: commit %s is %zu MiB, "
			    "more than the %lu MiB quest reads of a commit: its "
			    "Quest-Reviewed: trailers are not read\n", sha,
			    size >> 20, HIST_MAX_COMMIT >> 20);
			continue;
		}
		if (git_commit_lookup(&c, h->repo, &oid) != 0)
			continue;
		if (git_message_trailers(&tr, git_commit_message(c)) == 0) {
			for (i = 0; i < tr.count; i++)
				if (strcasecmp(tr.trailers[i].key,
				    "Quest-Reviewed") == 0)
					add_reviews(v, n, tr.trailers[i].value, &oid);
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
		if (strcmp(v[i].prefix, s->prefix) == 0 && (v[i].number == NULL ||
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

	return c ? c : (a->step->line > b->step->line) - (a->step->line < b->step->line);
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
	if (resolve(&h, "HEAD", &head, err) == -1 ||
	    resolve(&h, since, &ref, err) == -1)
		goto out;
	if ((e = git_merge_base(&base, h.repo, &ref, &head)) != 0) {
		if (git_repository_is_shallow(h.repo) == 1)
			*err = xasprintf("this shallow clone lacks the merge base "
			    "of %s and HEAD: fetch more history (git fetch "
			    "--unshallow)", since);
		else if (e == GIT_ENOTFOUND)
			*err = xasprintf("%s and HEAD have no common ancestor",
			    since);
		else
			*err = gerr("cannot find the merge base");
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
			if ((old = commit_tour(&h, from, err)) == NULL)
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
			git_oid_tostr(sha, 8, from);
			r->v[r->n].baseline = xstrdup(sha);
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
	if (h.repo != NULL || h.prefix != NULL)
		hist_close(&h);
	return rc;
}
/*:*/

void
stale_free(struct stale_report *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->v[i].diff);
		free(r->v[i].baseline);
	}
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
		    "changed since %s, its prose did not; re-read it, then commit "
		    "with the trailer 'Quest-Reviewed: %s:%s'%s%s",
		    x->step->prefix, x->step->number, x->changed,
		    x->changed == 1 ? "" : "s", x->baseline, x->step->prefix,
		    x->step->number, verbose && x->diff ? "\n" : "",
		    verbose && x->diff ? x->diff : "");
	}
}

/*
 * quest diff: the steps of two tours compared by tag, per chapter.
 */
enum change { CH_ADDED, CH_REMOVED, CH_RENUMBERED, CH_MOVED, CH_CHANGED };

static const char *const change_name[] = {
	"added", "removed", "renumbered", "moved", "changed",
};

struct counts {
	size_t		 kept, removed, added, renumbered, moved, changed;
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
	same = x.len == y.len && memcmp(x.p ? x.p : "", y.p ? y.p : "", x.len) == 0;
	buf_free(&x);
	buf_free(&y);
	return same;
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
report(struct buf *b, int json, int *first, enum change c,
    const struct step *from, const struct step *to, const char *what)
{
	const struct step *s = to ? to : from;

	if (s == NULL)
		return;
	if (json) {
		buf_adds(b, *first ? "\n" : ",\n");
		buf_printf(b, "{\"change\":\"%s\",\"id\":\"%s:%s\"",
		    change_name[c], s->prefix, s->number);
		if (c == CH_RENUMBERED)
			buf_printf(b, ",\"from_id\":\"%s:%s\"", from->prefix,
			    from->number);
		if (what != NULL)
			buf_printf(b, ",\"what\":\"%s\"", what);
		buf_adds(b, ",\"from\":");
		place(b, from, 1);
		buf_adds(b, ",\"to\":");
		place(b, to, 1);
		buf_addc(b, '}');
	} else {
		buf_printf(b, "  %-10s %s:%s", change_name[c], s->prefix, s->number);
		if (c == CH_RENUMBERED)
			buf_printf(b, " (was %s:%s)", from->prefix, from->number);
		if (what != NULL)
			buf_printf(b, " (%s)", what);
		buf_adds(b, "  ");
		place(b, from, 0);
		buf_adds(b, " -> ");
		place(b, to, 0);
		buf_addc(b, '\n');
	}
	*first = 0;
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
		if (numcmp(v[mid]->number, strlen(v[mid]->number), num, len) < 0)
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
		h = (h ^ (unsigned char)*p++) * 1099511628211ULL;	/* FNV-1a */
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

/* One chapter's changes from ch (old) to nh (new); either may be NULL. */
static void
diff_chapter(struct buf *b, int json, const struct chapter *oc,
    const struct chapter *nc, struct counts *all, int *firstch)
{
	const struct chapter *any = nc ? nc : oc;
	size_t on = oc ? oc->nsteps : 0, nn = nc ? nc->nsteps : 0, i, j;
	struct step *const *os = oc ? oc->steps : NULL;
	struct step *const *ns = nc ? nc->steps : NULL;
	char *paired = xcalloc(nn + 1, 1), *kept = xcalloc(nn + 1, 1);
	struct buf lines = { 0 };
	struct texts tx;
	struct counts c;
	const struct step *o, *n;
	int first = 1, code, prose;

	memset(&c, 0, sizeof(c));
	/* Kept: the same number on both sides; moved, changed, or neither. */
	for (i = 0; i < on; i++) {
		o = os[i];
		if ((j = first_of(ns, nn, o->number)) == nn)
			continue;
		n = ns[j];
		kept[j] = 1;
		c.kept++;
		if (strcmp(o->file->path, n->file->path) != 0) {
			c.moved++;
			report(&lines, json, &first, CH_MOVED, o, n, NULL);
		}
		code = !same_text(o, n, 1);
		prose = !same_text(o, n, 0);
		if (code || prose) {
			c.changed++;
			report(&lines, json, &first, CH_CHANGED, o, n,
			    code && prose ? "prose and code" : code ? "code" :
			    "prose");
		}
	}
	/* Gone: renumbered when a new number holds the same prose and code. */
	texts_index(&tx, ns, nn, kept);
	for (i = 0; i < on; i++) {
		o = os[i];
		if (first_of(ns, nn, o->number) < nn)
			continue;
		c.removed++;
		j = texts_find(&tx, o, paired);
		if (j < nn) {
			paired[j] = 1;
			c.renumbered++;
			report(&lines, json, &first, CH_RENUMBERED, o,
			    ns[j], NULL);
		} else
			report(&lines, json, &first, CH_REMOVED, o, NULL, NULL);
	}
	for (j = 0; j < nn; j++) {
		if (kept[j])
			continue;
		c.added++;
		if (!paired[j])
			report(&lines, json, &first, CH_ADDED, NULL,
			    ns[j], NULL);
	}
	if (json) {
		buf_adds(b, *firstch ? "\n" : ",\n");
		buf_adds(b, "{\"prefix\":");
		json_strz(b, any->prefix);
		buf_adds(b, ",\"name\":");
		json_strz(b, any->name);
		buf_printf(b, ",\"kept\":%zu,\"removed\":%zu,\"added\":%zu,"
		    "\"renumbered\":%zu,\"moved\":%zu,\"changed\":%zu,"
		    "\"steps\":[%s]}", c.kept, c.removed, c.added, c.renumbered,
		    c.moved, c.changed, lines.p ? lines.p : "");
	} else {
		buf_printf(b, "%s (%s): %zu kept, %zu removed, %zu added",
		    any->name, any->prefix, c.kept, c.removed, c.added);
		if (c.renumbered)
			buf_printf(b, " (%zu renumbered)", c.renumbered);
		buf_printf(b, ", %zu moved, %zu changed\n", c.moved, c.changed);
		if (lines.len)
			buf_add(b, lines.p, lines.len);
	}
	*firstch = 0;
	all->kept += c.kept;
	all->removed += c.removed;
	all->added += c.added;
	all->renumbered += c.renumbered;
	all->moved += c.moved;
	all->changed += c.changed;
	buf_free(&lines);
	texts_free(&tx);
	free(paired);
	free(kept);
}

/*H:030 quest diff compares two tours chapter by chapter: a number on
 * both sides is a kept step, moved if its file changed, changed if its
 * prose or code did; a number gone whose prose and code reappear under a
 * new number was renumbered; the rest were removed or added.
 */
int
tour_diff(struct tour *t, const char *ref1, const char *ref2, int json,
    FILE *out, char **err)
{
	struct hist h;
	struct tour *a, *b;
	struct counts all;
	struct buf o = { 0 };
	const struct chapter *oc, *nc;
	git_oid o1, o2;
	char s1[GIT_OID_HEXSZ + 1], s2[GIT_OID_HEXSZ + 1];
	size_t i;
	int rc = -1, firstch = 1;

	memset(&all, 0, sizeof(all));
	if (hist_open(&h, err) == -1)
		goto out;
	if (resolve(&h, ref1, &o1, err) == -1 ||
	    (ref2 != NULL && resolve(&h, ref2, &o2, err) == -1))
		goto out;
	if ((a = commit_tour(&h, &o1, err)) == NULL ||
	    (b = ref2 ? commit_tour(&h, &o2, err) : t) == NULL)
		goto out;
	git_oid_tostr(s1, 8, &o1);
	if (ref2)
		git_oid_tostr(s2, 8, &o2);
	if (json) {
		buf_printf(&o, "{\"quest\":1,\"from\":\"%s\",\"to\":", s1);
		if (ref2)
			buf_printf(&o, "\"%s\"", s2);
		else
			buf_adds(&o, "null");
		buf_adds(&o, ",\"chapters\":[");
	} else
		buf_printf(&o, "quest diff %s %s\n", s1, ref2 ? s2 : "(work tree)");
	/* The new tour's chapters in its order, then those only of the old. */
	for (i = 0; i < b->nchapters; i++) {
		nc = &b->chapters[i];
		oc = tour_prefix(a, nc->prefix, strlen(nc->prefix));
		if ((oc ? oc->nsteps : 0) + nc->nsteps > 0)
			diff_chapter(&o, json, oc, nc, &all, &firstch);
	}
	for (i = 0; i < a->nchapters; i++) {
		oc = &a->chapters[i];
		nc = tour_prefix(b, oc->prefix, strlen(oc->prefix));
		if (nc == NULL && oc->nsteps > 0)
			diff_chapter(&o, json, oc, NULL, &all, &firstch);
	}
	if (json)
		buf_printf(&o, "],\n\"summary\":{\"kept\":%zu,\"removed\":%zu,"
		    "\"added\":%zu,\"renumbered\":%zu,\"moved\":%zu,"
		    "\"changed\":%zu}}\n", all.kept, all.removed, all.added,
		    all.renumbered, all.moved, all.changed);
	else
		buf_printf(&o, "summary: %zu kept, %zu removed, %zu added "
		    "(%zu renumbered), %zu moved, %zu changed\n", all.kept,
		    all.removed, all.added, all.renumbered, all.moved,
		    all.changed);
	rc = fwrite(o.p, 1, o.len, out) == o.len ? 0 : -1;
	if (rc == -1)
		*err = xasprintf("write error: %s", strerror(errno));
out:
	buf_free(&o);
	if (h.repo != NULL || h.prefix != NULL)
		hist_close(&h);
	return rc;
}
/*:*/
