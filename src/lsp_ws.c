/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * lsp_ws.c: the workspace of quest lsp.  The tree is read once, by
 * tour_load() as the command line reads it; after that the server knows
 * two things of each file, what is on disk and what an open document
 * holds, and builds the tour from both whenever a request or the quiet
 * after an edit asks for it.
 */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fsroot.h"
#include "load.h"
#include "lsp.h"
#include "refs.h"
#include "walk.h"

static int
strp_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Where path is, or would go, among the disk files. */
static size_t
disk_find(const struct lsp_ws *ws, const char *path, int *found)
{
	size_t lo = 0, hi = ws->ndisk, mid;
	int c;

	*found = 0;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = strcmp(ws->disk[mid]->path, path)) == 0) {
			*found = 1;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Put f (NULL: none) as the disk file of path. */
static void
disk_set(struct lsp_ws *ws, const char *path, struct qfile *f)
{
	int found;
	size_t i = disk_find(ws, path, &found);

	if (found) {
		qfile_free(ws->disk[i]);
		if (f != NULL) {
			ws->disk[i] = f;
			return;
		}
		memmove(ws->disk + i, ws->disk + i + 1,
		    (ws->ndisk - i - 1) * sizeof(*ws->disk));
		ws->ndisk--;
		return;
	}
	if (f == NULL)
		return;
	ws->disk = xreallocarray(ws->disk, ws->ndisk + 1, sizeof(*ws->disk));
	memmove(ws->disk + i + 1, ws->disk + i,
	    (ws->ndisk - i) * sizeof(*ws->disk));
	ws->disk[i] = f;
	ws->ndisk++;
}

static void
texts_free(struct lsp_ws *ws)
{
	size_t i;

	for (i = 0; i < ws->ntexts; i++) {
		free(ws->texts[i]->path);
		free(ws->texts[i]->own);
		free(ws->texts[i]->lines.v);
		free(ws->texts[i]);
	}
	free(ws->texts);
	ws->texts = NULL;
	ws->ntexts = 0;
}

static void
refs_free(struct lsp_ws *ws)
{
	free(ws->refs);
	ws->refs = NULL;
	ws->nrefs = 0;
	ws->refs_done = 0;
}

/* The tour, whose config is the workspace's and is not freed with it. */
static void
tour_clear(struct lsp_ws *ws)
{
	memset(&ws->tour.config, 0, sizeof(ws->tour.config));
	tour_free(&ws->tour);
}

static void
diag_copy(struct diags *to, const struct diag *d)
{
	if (d->detail != NULL)
		diag_add_detail(to, d->id, d->path, d->line, d->col,
		    d->detail, "%s", d->msg);
	else
		diag_add(to, d->id, d->path, d->line, d->col, "%s", d->msg);
}

/* What the load said of a path: forgotten when the path is read again. */
static void
loaddiags_drop(struct lsp_ws *ws, const char *path)
{
	struct diags *d = &ws->loaddiags;
	size_t i, j;

	for (i = j = 0; i < d->n; i++) {
		if (d->v[i].path != NULL && strcmp(d->v[i].path, path) == 0) {
			free(d->v[i].path);
			free(d->v[i].msg);
			free(d->v[i].detail);
			continue;
		}
		d->v[j++] = d->v[i];
	}
	d->n = j;
}

/*
 * A file of the tree read from disk again, as the load reads it: beneath
 * the root, never through a link, its language by name or #! line.
 * NULL when it is gone, has no marks or cannot be read (a diagnostic).
 */
static struct qfile *
disk_read(struct lsp_ws *ws, const char *path)
{
	struct buf b = { 0 };
	const struct lang *l;
	char *link, *q;
	int e;

	loaddiags_drop(ws, path);
	if (root_read(path, LSP_DOC_MAX, &b, NULL) == -1) {
		e = errno;
		buf_free(&b);
		if ((e == ELOOP || e == EXDEV) &&
		    (link = walk_link_on_way(path)) != NULL) {
			q = name_quoted1(link);
			diag_add(&ws->loaddiags, D_SYMLINK_PATH, path, 0, 0,
			    "not read: %s is a symbolic link", q);
			free(q);
			free(link);
		} else if (e != ENOENT && e != ENOTDIR && e != ELOOP &&
		    e != EXDEV && e != EINVAL && e != ENXIO)
			diag_add(&ws->loaddiags, D_UNREADABLE, path, 0, 0,
			    "cannot read: %s", root_strerror(e));
		return NULL;
	}
	if ((l = lang_by_path(path)) == NULL &&
	    (l = lang_by_shebang(b.p ? b.p : "", b.len)) == NULL) {
		buf_free(&b);
		return NULL;
	}
	return qfile_read_text(path, l, b.p ? b.p : "", b.len, b.p);
}

/* The walk's emitter: every path it lists. */
static void
collect(void *arg, char *path)
{
	struct lsp_ws *ws = arg;

	ws->walked = xreallocarray(ws->walked, ws->nwalked + 1,
	    sizeof(*ws->walked));
	ws->walked[ws->nwalked++] = path;
}

/*
 * The walk, made once, when a document first opens that the load did not
 * find marks in: is it a file of the tree?
 */
static void
walk_once(struct lsp_ws *ws)
{
	struct emitter e = { collect, ws };
	struct walk_info wi;
	char *err = NULL;

	if (ws->walk_done)
		return;
	ws->walk_done = 1;
	clock_gettime(CLOCK_REALTIME, &ws->walk_time);
	if (walk_tree(&ws->config, &e, &wi, &err) == -1)
		free(err);	/* what it listed stands */
	if (ws->nwalked > 1)
		qsort(ws->walked, ws->nwalked, sizeof(*ws->walked), strp_cmp);
}

static int
walked(const struct lsp_ws *ws, const char *path)
{
	return ws->nwalked > 0 && bsearch(&path, ws->walked, ws->nwalked,
	    sizeof(*ws->walked), strp_cmp) != NULL;
}

static void
walked_set(struct lsp_ws *ws, const char *path, int in)
{
	size_t lo = 0, hi = ws->nwalked, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = strcmp(ws->walked[mid], path)) == 0) {
			if (!in) {
				free(ws->walked[mid]);
				memmove(ws->walked + mid, ws->walked + mid + 1,
				    (ws->nwalked - mid - 1) *
				    sizeof(*ws->walked));
				ws->nwalked--;
			}
			return;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (in) {
		ws->walked = xreallocarray(ws->walked, ws->nwalked + 1,
		    sizeof(*ws->walked));
		memmove(ws->walked + lo + 1, ws->walked + lo,
		    (ws->nwalked - lo) * sizeof(*ws->walked));
		ws->walked[lo] = xstrdup(path);
		ws->nwalked++;
	}
}

/*L:045 An open document counts in the tour only if it is a file of the
 * tree, one that quest check would read: a file the load found marks in,
 * or one the walk lists (the walk is made once, the first time it is
 * asked), or one made since the walk, or not yet saved, that the config
 * selects.  A file that git ignores, or that .quest excludes, may hold
 * tags of its own (this repository's test fixtures do): opening it in
 * the editor does not make them steps.
 */
static int
listed(struct lsp_ws *ws, const char *path)
{
	struct stat st;
	int found;

	if (!root_path_ok(path) || !config_selects(&ws->config, path))
		return 0;
	(void)disk_find(ws, path, &found);
	if (found)
		return 1;
	walk_once(ws);
	if (walked(ws, path))
		return 1;
	if (root_lstat(path, &st) == -1)
		return errno == ENOENT;
	if (!S_ISREG(st.st_mode))
		return 0;
	return st.st_ctim.tv_sec > ws->walk_time.tv_sec ||
	    (st.st_ctim.tv_sec == ws->walk_time.tv_sec &&
	    st.st_ctim.tv_nsec > ws->walk_time.tv_nsec);
}
/*:*/

/* Take the files and the diagnostics of a loaded tour. */
static void
adopt(struct lsp_ws *ws, struct tour *t, enum load_status st)
{
	struct diag **all, **chk;
	struct qfile *f;
	size_t i, j, k, nall;

	if (st == LOAD_CONFIG) {
		/* No tour but the errors of the config. */
		for (i = 0; i < t->diags.n; i++)
			diag_copy(&ws->loaddiags, &t->diags.v[i]);
		tour_free(t);
		return;
	}
	ws->config = t->config;
	memset(&t->config, 0, sizeof(t->config));
	ws->disk = xcalloc(t->nfiles + 1, sizeof(*ws->disk));
	for (i = 0; i < t->nfiles; i++) {
		f = xmalloc(sizeof(*f));
		*f = t->files[i];
		for (k = 0; k < f->nsteps; k++) {
			f->steps[k].file = f;
			f->steps[k].chapter = NULL;
			f->steps[k].index = 0;
		}
		ws->disk[ws->ndisk++] = f;
	}
	free(t->files);
	t->files = NULL;
	t->nfiles = 0;
	/*
	 * What check says of these files, the build says again: the rest is
	 * the load's (unreadable files, links, the config), kept apart.
	 */
	ws->dirty = 1;
	(void)ws_build(ws);
	nall = t->diags.n;
	all = xcalloc(nall + 1, sizeof(*all));
	chk = xcalloc(ws->tour.diags.n + 1, sizeof(*chk));
	for (i = 0; i < nall; i++)
		all[i] = &t->diags.v[i];
	for (i = 0; i < ws->tour.diags.n; i++)
		chk[i] = &ws->tour.diags.v[i];
	for (i = j = 0; i < nall; i++) {
		while (j < ws->tour.diags.n && diag_compare(chk[j], all[i]) < 0)
			j++;
		if (j < ws->tour.diags.n && diag_compare(chk[j], all[i]) == 0)
			j++;
		else
			diag_copy(&ws->loaddiags, all[i]);
	}
	free(all);
	free(chk);
	tour_free(t);
	ws->dirty = 1;
}

/*
 * The root as the client names it: where it opened, less the directories
 * that the search for .quest climbed.
 */
static char *
logical_root(const char *start, const char *phys_start, const char *root)
{
	size_t rn = strlen(root), sn = strlen(start), k;
	const char *rel;

	if (strcmp(phys_start, root) == 0)
		return xstrdup(start);
	if (strcmp(root, "/") == 0)
		rel = phys_start + 1;
	else if (strncmp(phys_start, root, rn) == 0 && phys_start[rn] == '/')
		rel = phys_start + rn + 1;
	else
		return xstrdup(root);
	k = strlen(rel);
	if (sn >= k + 1 && strcmp(start + sn - k, rel) == 0 &&
	    start[sn - k - 1] == '/')
		return xstrndup(start, sn - k - 1 > 0 ? sn - k - 1 : 1);
	return xstrdup(root);
}

static int
load(struct lsp_ws *ws, void (*warn)(const char *), char **err)
{
	struct load_opts lo = { 0 };
	char here[PATH_MAX], root[PATH_MAX];
	enum load_status st;
	struct tour t;
	char *q;

	if (chdir(ws->start) == -1 || getcwd(here, sizeof(here)) == NULL) {
		q = name_quoted(ws->start);
		*err = xasprintf("cannot change to %s: %s", q,
		    strerror(errno));
		free(q);
		return -1;
	}
	lo.jobs = ws->jobs;
	lo.warn = warn;
	diags_init(&ws->loaddiags);
	if ((st = tour_load(&t, &lo, err)) == LOAD_FAIL) {
		tour_free(&t);
		return -1;
	}
	if (getcwd(root, sizeof(root)) == NULL) {
		*err = xasprintf("cannot find the tour root: %s",
		    strerror(errno));
		tour_free(&t);
		return -1;
	}
	ws->root = xstrdup(root);
	ws->lroot = logical_root(ws->start, here, root);
	adopt(ws, &t, st);
	return 0;
}

int
ws_open(struct lsp_ws *ws, const char *dir, int jobs,
    void (*warn)(const char *), char **err)
{
	memset(ws, 0, sizeof(*ws));
	ws->start = xstrdup(dir);
	ws->jobs = jobs;
	return load(ws, warn, err);
}

/* Everything read from the tree; the documents stay. */
static void
unload(struct lsp_ws *ws)
{
	size_t i;

	texts_free(ws);
	refs_free(ws);
	tour_clear(ws);
	memset(&ws->tour, 0, sizeof(ws->tour));
	for (i = 0; i < ws->ndisk; i++)
		qfile_free(ws->disk[i]);
	free(ws->disk);
	ws->disk = NULL;
	ws->ndisk = 0;
	for (i = 0; i < ws->nwalked; i++)
		free(ws->walked[i]);
	free(ws->walked);
	ws->walked = NULL;
	ws->nwalked = 0;
	ws->walk_done = 0;
	config_free(&ws->config);
	diags_free(&ws->loaddiags);
	free(ws->root);
	free(ws->lroot);
	ws->root = ws->lroot = NULL;
}

static void
doc_free(struct lsp_doc *d)
{
	free(d->uri);
	free(d->path);
	buf_free(&d->text);
	free(d->lines.v);
	qfile_free(d->qf);
	free(d);
}

void
ws_close(struct lsp_ws *ws)
{
	size_t i;

	unload(ws);
	for (i = 0; i < ws->ndocs; i++)
		doc_free(ws->docs[i]);
	free(ws->docs);
	free(ws->start);
	memset(ws, 0, sizeof(*ws));
}

int
ws_reload(struct lsp_ws *ws, void (*warn)(const char *), char **err)
{
	struct lsp_doc *d;
	size_t i;

	unload(ws);
	if (load(ws, warn, err) == -1)
		return -1;
	/* The root may have moved: each document's place again. */
	for (i = 0; i < ws->ndocs; i++) {
		d = ws->docs[i];
		free(d->path);
		d->path = ws_path(ws, d->uri);
		d->listed = d->path != NULL && listed(ws, d->path);
		d->parsed = 0;
	}
	ws->dirty = 1;
	return 0;
}

char *
ws_path(const struct lsp_ws *ws, const char *uri)
{
	const char *roots[2] = { ws->lroot, ws->root }, *rel = NULL;
	char *abs, *path = NULL;
	size_t i, n;

	if (ws->root == NULL || (abs = lsp_path_from_uri(uri)) == NULL)
		return NULL;
	for (i = 0; i < 2 && rel == NULL; i++) {
		n = strlen(roots[i]);
		if (strcmp(roots[i], "/") == 0)
			rel = abs + 1;
		else if (strncmp(abs, roots[i], n) == 0 && abs[n] == '/')
			rel = abs + n + 1;
	}
	if (rel != NULL && root_path_ok(rel))
		path = xstrdup(rel);
	free(abs);
	return path;
}

char *
ws_uri(const struct lsp_ws *ws, const char *path)
{
	const struct lsp_doc *d = ws_doc_by_path(ws, path);
	char *abs, *uri;

	if (d != NULL)
		return xstrdup(d->uri);
	abs = path_join(ws->lroot, path);
	uri = lsp_uri_from_path(abs);
	free(abs);
	return uri;
}

struct lsp_doc *
ws_doc(const struct lsp_ws *ws, const char *uri)
{
	size_t i;

	for (i = 0; i < ws->ndocs; i++)
		if (strcmp(ws->docs[i]->uri, uri) == 0)
			return ws->docs[i];
	return NULL;
}

struct lsp_doc *
ws_doc_by_path(const struct lsp_ws *ws, const char *path)
{
	size_t i;

	for (i = 0; i < ws->ndocs; i++)
		if (ws->docs[i]->path != NULL &&
		    strcmp(ws->docs[i]->path, path) == 0)
			return ws->docs[i];
	return NULL;
}

struct lsp_doc *
ws_doc_open(struct lsp_ws *ws, const char *uri, long long version,
    const char *text, size_t len)
{
	struct lsp_doc *d;

	if ((d = ws_doc(ws, uri)) != NULL)
		ws_doc_close(ws, d);
	d = xcalloc(1, sizeof(*d));
	d->uri = xstrdup(uri);
	d->path = ws_path(ws, uri);
	d->version = version;
	if (d->path != NULL && len <= LSP_DOC_MAX) {
		buf_add(&d->text, text, len);
		lsp_lines_build(&d->lines, d->text.p, d->text.len);
		d->listed = listed(ws, d->path);
	} else if (d->path != NULL)
		d->big = 1;
	ws->docs = xreallocarray(ws->docs, ws->ndocs + 1, sizeof(*ws->docs));
	ws->docs[ws->ndocs++] = d;
	texts_free(ws);
	if (d->path != NULL)
		ws->dirty = 1;
	return d;
}

void
ws_doc_changed(struct lsp_ws *ws, struct lsp_doc *d)
{
	d->parsed = 0;
	texts_free(ws);
	if (d->path != NULL)
		ws->dirty = 1;
}

void
ws_doc_close(struct lsp_ws *ws, struct lsp_doc *d)
{
	size_t i;

	for (i = 0; i < ws->ndocs && ws->docs[i] != d; i++)
		continue;
	if (i == ws->ndocs)
		return;
	memmove(ws->docs + i, ws->docs + i + 1,
	    (ws->ndocs - i - 1) * sizeof(*ws->docs));
	ws->ndocs--;
	texts_free(ws);
	/* The buffer may not have been saved: the file is what disk says. */
	if (d->path != NULL && d->listed) {
		disk_set(ws, d->path, disk_read(ws, d->path));
		ws->dirty = 1;
	}
	doc_free(d);
}

void
ws_file_changed(struct lsp_ws *ws, const char *path, int how)
{
	int found;

	texts_free(ws);
	ws->dirty = 1;	/* the intro, maybe: check reads it */
	if (how == 3) {
		disk_set(ws, path, NULL);
		loaddiags_drop(ws, path);
		if (ws->walk_done)
			walked_set(ws, path, 0);
		return;
	}
	if (!root_path_ok(path) || !config_selects(&ws->config, path))
		return;
	(void)disk_find(ws, path, &found);
	if (how == 1 && ws->walk_done)
		walked_set(ws, path, 1);
	else if (!found) {
		walk_once(ws);
		if (!walked(ws, path))
			return;		/* ignored, or not a file of ours */
	}
	disk_set(ws, path, disk_read(ws, path));
}

/* A document's marks, from its text as it is now. */
static void
doc_parse(struct lsp_doc *d)
{
	const struct lang *l;

	if (d->parsed)
		return;
	d->parsed = 1;
	qfile_free(d->qf);
	d->qf = NULL;
	if (d->path == NULL || d->big || !d->listed)
		return;
	if ((l = lang_by_path(d->path)) == NULL &&
	    (l = lang_by_shebang(d->text.p ? d->text.p : "",
	    d->text.len)) == NULL)
		return;
	d->qf = qfile_read_text(d->path, l, d->text.p ? d->text.p : "",
	    d->text.len, NULL);
}

/*L:040 The tour is rebuilt whole, but cheaply.  What was read of each
 * file, its marks made steps and facts, is kept: from disk for the files
 * the load found, from the text of each open document, which is parsed
 * again only when it changed.  A build copies each file's steps (never
 * its text) into a new tour, puts the steps into chapters and runs the
 * check over it, the same tour_build() and tour_check() as quest check,
 * so that the editor sees exactly what the command line says.  The
 * load's own reports (a file that cannot be read, a link on the way,
 * the config) are kept apart and added to each build's.  On lguest's
 * tour, a build after a keystroke is well under a millisecond.
 */
int
ws_build(struct lsp_ws *ws)
{
	struct qfile **found;
	struct lsp_doc *d;
	size_t i, n = 0;

	if (!ws->dirty)
		return 0;
	texts_free(ws);
	refs_free(ws);
	found = xcalloc(ws->ndisk + ws->ndocs + 1, sizeof(*found));
	for (i = 0; i < ws->ndisk; i++) {
		d = ws_doc_by_path(ws, ws->disk[i]->path);
		if (d != NULL && d->listed && !d->big)
			continue;	/* the buffer wins */
		found[n++] = qfile_clone(ws->disk[i]);
	}
	for (i = 0; i < ws->ndocs; i++) {
		d = ws->docs[i];
		doc_parse(d);
		if (d->qf != NULL)
			found[n++] = qfile_clone(d->qf);
	}
	tour_clear(ws);
	memset(&ws->tour, 0, sizeof(ws->tour));
	diags_init(&ws->tour.diags);
	ws->tour.config = ws->config;
	tour_adopt(&ws->tour, found, n);
	free(found);
	tour_build(&ws->tour);
	tour_check(&ws->tour);
	for (i = 0; i < ws->loaddiags.n; i++)
		diag_copy(&ws->tour.diags, &ws->loaddiags.v[i]);
	diags_sort(&ws->tour.diags);
	ws->dirty = 0;
	ws->unpublished = 1;
	return 1;
}
/*:*/

const struct qfile *
ws_file(const struct lsp_ws *ws, const char *path)
{
	size_t lo = 0, hi = ws->tour.nfiles, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = strcmp(ws->tour.files[mid].path, path)) == 0)
			return &ws->tour.files[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const struct lsp_text *
ws_text(struct lsp_ws *ws, const char *path)
{
	struct lsp_textc *c;
	const struct lsp_doc *d;
	const struct qfile *f;
	struct buf b = { 0 };
	const char *p = NULL;
	size_t i, len = 0;

	for (i = 0; i < ws->ntexts; i++)
		if (strcmp(ws->texts[i]->path, path) == 0)
			return &ws->texts[i]->tx;
	c = xcalloc(1, sizeof(*c));
	if ((d = ws_doc_by_path(ws, path)) != NULL && !d->big) {
		c->tx.p = d->text.p ? d->text.p : "";
		c->tx.len = d->text.len;
		c->tx.lines = d->lines.v;
		c->tx.nlines = d->lines.n;
	} else {
		if ((f = ws_file(ws, path)) != NULL && f->text != NULL) {
			p = f->text;
			len = f->len;
		} else if (root_read(path, LSP_DOC_MAX, &b, NULL) == 0) {
			c->own = b.p ? b.p : xstrdup("");
			p = c->own;
			len = b.len;
		} else {
			buf_free(&b);
			free(c);
			return NULL;
		}
		lsp_lines_build(&c->lines, p, len);
		c->tx.p = p;
		c->tx.len = len;
		c->tx.lines = c->lines.v;
		c->tx.nlines = c->lines.n;
	}
	c->path = xstrdup(path);
	/* Each apart: a text handed out stays where it is. */
	ws->texts = xreallocarray(ws->texts, ws->ntexts + 1,
	    sizeof(*ws->texts));
	ws->texts[ws->ntexts++] = c;
	return &c->tx;
}

const struct step *
ws_tag_at(const struct qfile *f, size_t off)
{
	const struct step *s;
	size_t i;

	for (i = 0; f != NULL && i < f->nsteps; i++) {
		s = &f->steps[i];
		if (off >= s->off + s->col - 1 &&
		    off <= s->tag_off + s->tag_len)
			return s;
	}
	return NULL;
}

struct refwalk {
	struct lsp_ws	*ws;
	const struct step *s;
	const char	*prose;
	size_t		 pos;
};

/* As check.c places a reference: its bytes, from where the last one was. */
static int
ref_found(void *arg, const struct ref *r)
{
	struct refwalk *rw = arg;
	struct lsp_ws *ws = rw->ws;
	const struct step *s = rw->s;
	const char *text = s->file->text, *at;
	struct lsp_ref *x;

	if (rw->pos >= s->end || (at = memmem(text + rw->pos,
	    s->end - rw->pos, rw->prose + r->off, r->len)) == NULL)
		return 0;
	rw->pos = (size_t)(at - text) + r->len;
	ws->refs = xreallocarray(ws->refs, ws->nrefs + 1, sizeof(*ws->refs));
	x = &ws->refs[ws->nrefs++];
	x->from = s;
	x->at = (size_t)(at - text);
	x->len = r->len;
	x->num_at = x->at + (r->number_off - r->off);
	x->num_len = r->number_len;
	x->prefix_len = r->prefix_len;
	x->nto = ref_steps(&ws->tour, rw->prose, r, &x->to);
	return 0;
}

const struct lsp_ref *
ws_refs(struct lsp_ws *ws, size_t *n)
{
	struct buf prose = { 0 };
	struct refwalk rw;
	const struct qfile *f;
	size_t i, j;

	if (!ws->refs_done) {
		ws->refs_done = 1;
		rw.ws = ws;
		for (i = 0; i < ws->tour.nfiles; i++) {
			f = &ws->tour.files[i];
			for (j = 0; j < f->nsteps; j++) {
				rw.s = &f->steps[j];
				rw.pos = rw.s->off;
				step_prose(rw.s, &prose);
				rw.prose = buf_cstr(&prose);
				refs_scan(prose.p, prose.len, ref_found, &rw);
			}
		}
		buf_free(&prose);
	}
	*n = ws->nrefs;
	return ws->refs;
}

const struct lsp_ref *
ws_ref_at(struct lsp_ws *ws, const struct qfile *f, size_t off)
{
	const struct lsp_ref *v = ws_refs(ws, &(size_t){ 0 });
	size_t i;

	for (i = 0; i < ws->nrefs; i++)
		if (v[i].from->file == f && off >= v[i].at &&
		    off <= v[i].at + v[i].len)
			return &v[i];
	return NULL;
}

size_t
ws_nsteps(const struct lsp_ws *ws)
{
	size_t i, n = 0;

	for (i = 0; i < ws->tour.nchapters; i++)
		n += ws->tour.chapters[i].nsteps;
	return n;
}

const struct step *
ws_step_next(const struct lsp_ws *ws, const struct step *s)
{
	const struct chapter *ch = s->chapter;
	size_t c;

	if (s->index + 1 < ch->nsteps)
		return ch->steps[s->index + 1];
	for (c = (size_t)(ch - ws->tour.chapters) + 1; c < ws->tour.nchapters;
	    c++)
		if (ws->tour.chapters[c].nsteps > 0)
			return ws->tour.chapters[c].steps[0];
	return NULL;
}

const struct step *
ws_step_prev(const struct lsp_ws *ws, const struct step *s)
{
	const struct chapter *ch = s->chapter;
	size_t c;

	if (s->index > 0)
		return ch->steps[s->index - 1];
	for (c = (size_t)(ch - ws->tour.chapters); c > 0; c--)
		if (ws->tour.chapters[c - 1].nsteps > 0)
			return ws->tour.chapters[c - 1].steps[
			    ws->tour.chapters[c - 1].nsteps - 1];
	return NULL;
}

const struct step *
ws_find(const struct lsp_ws *ws, const char *name)
{
	const char *colon = strchr(name, ':');
	const struct chapter *ch;
	size_t i, n;

	ch = tour_prefix(&ws->tour, name, colon ? (size_t)(colon - name) :
	    strlen(name));
	if (ch == NULL || ch->nsteps == 0)
		return NULL;
	if (colon == NULL)
		return ch->steps[0];
	if (colon[1] == '\0' || strspn(colon + 1, "0123456789") !=
	    strlen(colon + 1))
		return NULL;
	i = chapter_find_all(ch, colon + 1, strlen(colon + 1), &n);
	return n > 0 ? ch->steps[i] : NULL;
}
