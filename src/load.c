/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * load.c: find the root, read the config, list the files, scan them in
 * parallel, build the tree.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fsroot.h"
#include "load.h"
#include "pool.h"
#include "scan.h"
#include "walk.h"

/* The largest .quest that quest reads: a config is a page, not a file tree. */
#define CONFIG_MAX	((size_t)1 << 20)

/* The directory k levels above the physical path cwd, for messages. */
static char *
dir_above(const char *cwd, unsigned k)
{
	size_t n = strlen(cwd);

	while (k-- > 0 && n > 1) {
		while (n > 1 && cwd[n - 1] != '/')
			n--;
		if (n > 1)
			n--;	/* the slash, unless it is the root's */
	}
	return xstrndup(cwd, n);
}

/*
 * Why a directory (st) may not give its .quest to a tour below it: someone
 * else could have put it there.  NULL when it is the user's or root's and
 * only its owner can write to it.
 */
static const char *
distrust(const struct stat *st)
{
	if (st->st_uid != geteuid() && st->st_uid != 0)
		return "is not owned by you or by root";
	if (st->st_mode & S_IWOTH)
		return "is writable by others";
	if (st->st_mode & S_IWGRP)
		return "is writable by its group";
	return NULL;
}

static void
warn(const struct load_opts *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
warn(const struct load_opts *o, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	if (o->warn == NULL)
		return;
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	o->warn(msg);
	free(msg);
}

/*P:015 The tour root is the nearest directory upwards that holds a
 * regular file named .quest, and quest changes to it.  The search goes up
 * by "..", a directory at a time, and stops where a config could be
 * someone else's: at a directory that is not the user's or root's, or that
 * others can write to (the .quest of /tmp would be the config of everyone
 * below), and it stops at the top of the repository (a directory that
 * holds .git) and of the file system.  A .quest that the search passes
 * over for such a reason is named in a warning, so that no one wonders
 * why it is not read.
 */
static int
find_root(const struct load_opts *o, char **sub, int *found, char **err)
{
	char cwd[PATH_MAX], *d, *q, *at;
	struct stat st, up, qs;
	const char *why = NULL;
	unsigned level = 0, stop = 0;
	int fd, pfd, rootfd = -1;
	size_t n;

	if (getcwd(cwd, sizeof(cwd)) == NULL) {
		*err = xasprintf("cannot find the current directory: %s",
		    strerror(errno));
		return -1;
	}
	*found = 0;
	/* O_PATH: a directory we may search but not list is still one. */
	if ((fd = open(".", O_PATH | O_DIRECTORY | O_CLOEXEC)) == -1) {
		*err = xasprintf("cannot open the current directory: %s",
		    strerror(errno));
		return -1;
	}
	for (;; level++) {
		if (fstat(fd, &st) == -1)
			break;
		/*
		 * The current directory is the user's choice; those above are
		 * not.
		 */
		if (why == NULL && level > 0 && (why = distrust(&st)) != NULL)
			stop = level;
		if (fstatat(fd, ".quest", &qs, AT_SYMLINK_NOFOLLOW) == 0 &&
		    (S_ISREG(qs.st_mode) || (S_ISLNK(qs.st_mode) && !why))) {
			d = dir_above(cwd, level);
			q = xasprintf("%s%s.quest", d,
			    strcmp(d, "/") ? "/" : "");
			free(d);
			at = name_quoted(q);
			free(q);
			q = at;
			if (S_ISLNK(qs.st_mode))
				warn(o, "ignoring %s: it is a symbolic link",
				    q);
			else if (why != NULL) {
				d = dir_above(cwd, stop);
				at = name_quoted(d);
				warn(o, "ignoring %s: %s %s, and the search "
				    "for the tour root stops there", q, at,
				    why);
				free(at);
				free(d);
			} else {
				rootfd = fd;
				fd = -1;
				*found = 1;
			}
			free(q);
			if (S_ISREG(qs.st_mode))
				break;
		}
		/*
		 * Past an untrusted directory, only to name a .quest above
		 * it.
		 */
		if (why == NULL && level == 0 && (why = distrust(&st)) != NULL)
			stop = level;
		if (fstatat(fd, ".git", &qs, AT_SYMLINK_NOFOLLOW) == 0)
			break;	/* the top of a repository */
		if ((pfd = openat(fd, "..", O_PATH | O_DIRECTORY |
		    O_CLOEXEC)) == -1)
			break;
		if (fstat(pfd, &up) == -1 || up.st_dev != st.st_dev ||
		    up.st_ino == st.st_ino) {
			close(pfd);	/* another file system, or "/" */
			break;
		}
		close(fd);
		fd = pfd;
	}
	if (fd != -1)
		close(fd);
	if (!*found) {
		/* No config: the root is where we are. */
		*sub = xstrdup("");
		return 0;
	}
	if (fchdir(rootfd) == -1) {
		d = dir_above(cwd, level);
		*err = xasprintf("cannot change to %s: %s", d, strerror(errno));
		free(d);
		close(rootfd);
		return -1;
	}
	close(rootfd);
	d = dir_above(cwd, level);
	n = strlen(d);
	*sub = xstrdup(n == 1 ? cwd + 1 : cwd[n] == '/' ? cwd + n + 1 :
	    cwd + n);
	free(d);
	return 0;
}
/*:*/

/*
 * Files are read a chunk at a time into a buffer that stays in the cache,
 * and a file is read whole only when a chunk holds a tag or nearly one.
 */
#define CHUNK		((size_t)128 * 1024)
/* Paths a job of the pool: one lock of its queue for many files. */
#define BATCH		32
/* Jobs the walk may get ahead of the scanners before it scans too. */
#define AHEAD		32

/* A file by identity: two paths of one file are one file. */
struct fileid {
	dev_t		 dev;
	ino_t		 ino;
};

struct worker;

struct scanner {
	struct tour	*t;
	struct pool	*pool;
	struct worker	*w;		/* one a thread of the pool */
	struct batch	*next;		/* what the walk gathers */
	/* What the scanners found, in no order, and which file each is. */
	pthread_mutex_t	 mu;
	struct qfile	**found;
	struct fileid	*ids;
	size_t		 nfound, capfound;
	void		(*tell)(const struct lang *);	/* load_opts' found */
	int		 unknown;			/* load_opts' */
	const struct load_opts *o;			/* its each */
};

/* A job of the pool: a few paths of the walk. */
struct batch {
	struct scanner	*sc;
	char		*paths[BATCH];
	size_t		 n;
};

/* What each scanning thread reuses from one file to the next. */
struct worker {
	struct scanner	*sc;
	struct buf	 b;
	struct marks	 m;
};

static int
interesting(const struct marks *m)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		if (m->v[i].kind != MARK_END)
			return 1;
	return 0;
}

/*
 * Read from fd at its offset into b after b->len: the size bytes fstat(2)
 * gave, with no further read to learn of the end; a file that grows
 * meanwhile is read as it was.  A size of 0 reads to the end.
 */
static int
read_rest(int fd, struct buf *b, size_t size)
{
	size_t want = b->len + size;
	ssize_t r;

	buf_grow(b, want + 2);
	for (;;) {
		if (size > 0 && b->len >= want)
			return 0;
		if (b->cap - b->len < 2)
			buf_grow(b, b->cap * 2);
		r = read(fd, b->p + b->len, b->cap - b->len - 1);
		if (r == -1) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			return -1;
		}
		if (r == 0)
			return 0;
		b->len += (size_t)r;
	}
}

/*
 * Scan text whole; keep the file if it holds a tag or nearly one, with its
 * identity from fd, which it closes.  It takes path, and text if owned.
 */
static void
scan_whole(struct worker *w, char *path, const struct lang *l, char *text,
    size_t len, int owned, int fd)
{
	struct scanner *sc = w->sc;
	struct qfile *f;
	struct stat st;
	const struct load_opts *o = sc->o;

	if (o->each == NULL)
		f = qfile_read_text(path, l, text, len, owned ? text : NULL);
	else {
		/* The text outlives the file's reading, for the hook. */
		f = qfile_read_text(path, l, text, len, NULL);
		if (!text_binary(text, len))
			o->each(o->each_ctx, path, l, text, len, f);
		if (owned)
			free(text);
	}
	free(path);
	if (f != NULL && fstat(fd, &st) == -1) {
		qfile_free(f);
		f = NULL;
	}
	close(fd);
	if (f == NULL)
		return;
	if (f->nsteps > 0 && sc->tell != NULL)
		sc->tell(f->lang);
	pthread_mutex_lock(&sc->mu);
	if (sc->nfound == sc->capfound) {
		sc->capfound = sc->capfound ? sc->capfound * 2 : 64;
		sc->found = xreallocarray(sc->found, sc->capfound,
		    sizeof(*sc->found));
		sc->ids = xreallocarray(sc->ids, sc->capfound,
		    sizeof(*sc->ids));
	}
	sc->ids[sc->nfound].dev = st.st_dev;
	sc->ids[sc->nfound].ino = st.st_ino;
	sc->found[sc->nfound++] = f;
	pthread_mutex_unlock(&sc->mu);
}

/*
 * Look for marks a chunk of whole lines at a time; return 1 as soon as one
 * is worth a closer look, 0 when the file has none, -1 on a read error.
 */
static int
prefilter(struct worker *w, int fd, const struct lang *l)
{
	struct buf *b = &w->b;
	const char *nl = NULL;
	size_t carry = 0, upto;
	ssize_t r = (ssize_t)b->len;	/* the first chunk is in already */
	int first = 1;

	for (;;) {
		if (first) {
			if (text_binary(b->p, b->len))
				return 0;	/* binary */
			first = 0;
		} else {
			buf_grow(b, carry + CHUNK + 1);
			while ((r = read(fd, b->p + carry, CHUNK)) == -1 &&
			    errno == EINTR)
				continue;
			if (r == -1)
				return -1;
			b->len = carry + (size_t)r;
		}
		if (r > 0 && (nl = memrchr(b->p, '\n', b->len)) == NULL) {
			carry = b->len;		/* a line longer than a chunk */
			continue;
		}
		upto = r == 0 ? b->len : (size_t)(nl - b->p) + 1;
		scan_text(b->p, upto, l, &w->m);
		if (interesting(&w->m))
			return 1;
		if (r == 0)
			return 0;
		carry = b->len - upto;
		memmove(b->p, b->p + upto, carry);
	}
}

/*C:015 A file whose language quest does not know is not read (but for a
 * `#!` line): its tags would be lost in silence.  So `quest check` reads
 * the first chunk of each, skips it if it is binary, and scans it with
 * every comment opener of lang.c (lang_any()); the first tag it finds is
 * reported, with how to name the file's language in .quest.  A large
 * file is not read further, so that this stays as cheap as reading a
 * small one.  Documents (Markdown, text, man pages: lang_prose()) are
 * not looked at: a tag there is an example of one.
 */
static void
scan_unknown(struct worker *w, const char *path, int fd)
{
	const struct lang *rows;
	struct mark best = { 0 };
	const char *base, *dot, *p;
	char *glob;
	size_t i, k, nrows;
	ssize_t r;
	int found = 0;

	buf_grow(&w->b, CHUNK + 1);
	while ((r = pread(fd, w->b.p, CHUNK, 0)) == -1 && errno == EINTR)
		continue;
	if (r <= 0 || text_binary(w->b.p, (size_t)r))
		return;
	/* The first tag of the chunk, whichever opener it follows. */
	rows = lang_any(&nrows);
	for (i = 0; i < nrows; i++) {
		scan_text(w->b.p, (size_t)r, &rows[i], &w->m);
		for (k = 0; k < w->m.n; k++)
			if (w->m.v[k].kind == MARK_TAG)
				break;
		if (k < w->m.n && (!found || w->m.v[k].off < best.off)) {
			best = w->m.v[k];
			found = 1;
		}
	}
	if (!found)
		return;
	/* A glob for the config: "*.y", or the whole name ("Kconfig"). */
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	glob = dot != NULL && dot != base && dot[1] != '\0' ?
	    xasprintf("*%s", dot) : xstrdup(base);
	for (p = glob; *p; p++)
		if (!isalnum((unsigned char)*p) && strchr("*._+-", *p) == NULL)
			break;
	diag_add(&w->sc->t->diags, D_UNKNOWN_LANG, path, best.line, best.col,
	    "'%.*s' would be a tag, but quest does not know the language of "
	    "this file; to read it, name its language in .quest: "
	    "[language NAME] with files = %s",
	    (int)(best.opener_len + best.len),
	    w->b.p + best.off - best.opener_len, *p ? "GLOB" : glob);
	free(glob);
}

/*P:050 Scanning runs on every core.  The walk hands the paths it finds,
 * a batch of 32 at a time, to a pool of threads (pool.c), and scans a
 * batch itself when it gets too far ahead, so that a file is read while
 * the caches still hold what listing it brought in.  Whichever thread
 * takes a batch opens each of its paths beneath the root (root_open():
 * never through a symbolic link, a directory swapped for one included),
 * reads it a chunk at a time into a buffer that thread reuses, and runs
 * the scanner over it.  A file is read whole and kept only when it holds
 * a tag, so memory grows with the tour, not with the tree.  What the
 * threads find is sorted by path at the end, so the tree is the same
 * whatever the number of threads and whoever finishes first, and a file
 * that two paths reach (hard links, a path named twice) is kept once,
 * under the first.
 */
static void
scan_path(struct worker *w, char *path)
{
	struct tour *t = w->sc->t;
	const struct lang *l;
	struct buf whole = { 0 };
	struct stat st;
	char head[256], *link, *q;
	ssize_t r;
	int fd, rc;

	l = config_lang(&t->config, path);
	fd = root_open(path, O_RDONLY | O_NONBLOCK, 0);
	if (fd == -1) {
		if ((errno == ELOOP || errno == EXDEV) &&
		    (link = walk_link_on_way(path)) != NULL) {
			q = name_quoted1(link);
			diag_add(&t->diags, D_SYMLINK_PATH, path, 0, 0,
			    "not read: %s is a symbolic link", q);
			free(q);
			free(link);
		} else if (errno != ENOENT && errno != ELOOP &&
		    errno != EXDEV && errno != ENOTDIR && errno != ENXIO)
			diag_add(&t->diags, D_UNREADABLE, path, 0, 0,
			    "cannot open: %s", strerror(errno));
		/* else vanished, or a link itself */
		free(path);
		return;
	}
	if (l == NULL) {
		/* An unknown name: only a #! line can make it a script. */
		while ((r = pread(fd, head, sizeof(head), 0)) == -1 &&
		    errno == EINTR)
			continue;
		if (r < 2 || (l = lang_by_shebang(head, (size_t)r)) == NULL) {
			if (w->sc->unknown && !lang_prose(path))
				scan_unknown(w, path, fd);
			goto skip;
		}
	}
	/*
	 * The walk lists regular files only, so no stat(2) a file: the first
	 * chunk is the whole of almost every one, as a regular file gives all
	 * it has.  Something else swapped in meanwhile does not block (the
	 * open was O_NONBLOCK) and is caught below if it fills a chunk.
	 */
	buf_grow(&w->b, CHUNK + 1);
	while ((r = read(fd, w->b.p, CHUNK)) == -1 && errno == EINTR)
		continue;
	if (r == -1) {
		if (errno == EAGAIN || errno == EISDIR || errno == EINVAL)
			goto skip;	/* not a regular file */
		goto fail;
	}
	w->b.len = (size_t)r;
	if ((size_t)r < CHUNK) {
		scan_whole(w, path, l, w->b.p, w->b.len, 0, fd);
		return;
	}
	/* A large file: a regular one, or nothing is read on. */
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode))
		goto skip;	/* FIFOs, devices, sockets */
	if (w->sc->o->each != NULL) {
		/* Whole, for quest coverage, unless binary. */
		if (text_binary(w->b.p, w->b.len))
			goto skip;
	} else if ((rc = prefilter(w, fd, l)) == -1)
		goto fail;
	else if (rc == 0)
		goto skip;
	if (lseek(fd, 0, SEEK_SET) == -1 ||
	    read_rest(fd, &whole, (size_t)st.st_size) == -1) {
		buf_free(&whole);
		goto fail;
	}
	scan_whole(w, path, l, whole.p, whole.len, 1, fd);
	return;
fail:
	diag_add(&t->diags, D_UNREADABLE, path, 0, 0, "cannot read: %s",
	    strerror(errno));
skip:
	close(fd);
	free(path);
}

/* A job: scan a batch of paths with the state of the thread that runs it. */
static void
scan_batch(void *arg, int self)
{
	struct batch *bt = arg;
	struct worker *w = &bt->sc->w[self];
	size_t i;

	for (i = 0; i < bt->n; i++)
		scan_path(w, bt->paths[i]);
	free(bt);
}

/* The walk's emitter: gather the path in a batch, a full one a job. */
static void
queue_path(void *ctx, char *path)
{
	struct scanner *sc = ctx;

	if (sc->next == NULL) {
		sc->next = xmalloc(sizeof(*sc->next));
		sc->next->sc = sc;
		sc->next->n = 0;
	}
	sc->next->paths[sc->next->n++] = path;
	if (sc->next->n == BATCH) {
		pool_submit(sc->pool, scan_batch, sc->next);
		sc->next = NULL;
		/*
		 * Far ahead, the walk scans a batch itself: the files it
		 * listed last are still in the caches when they are read.
		 */
		if (pool_waiting(sc->pool) > AHEAD)
			(void)pool_help(sc->pool);
	}
}

/* One file found, with its identity and its place in the array. */
struct alias {
	struct qfile	*f;
	struct fileid	 id;
};

static int
alias_cmp(const void *pa, const void *pb)
{
	const struct alias *a = pa, *b = pb;

	if (a->id.dev != b->id.dev)
		return a->id.dev < b->id.dev ? -1 : 1;
	if (a->id.ino != b->id.ino)
		return a->id.ino < b->id.ino ? -1 : 1;
	return strcmp(a->f->path, b->f->path);
}

static int
pathp_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * A file that two paths reach, hard links or a path listed twice, is one
 * file: keep it under the first path in byte order, and forget the others
 * with what their reading reported.  Returns how many files are left.
 */
static size_t
drop_aliases(struct qfile **found, const struct fileid *ids, size_t n,
    struct diags *d)
{
	struct alias *a;
	char **gone;
	size_t i, j, ngone = 0;

	if (n < 2)
		return n;
	a = xcalloc(n, sizeof(*a));
	for (i = 0; i < n; i++) {
		a[i].f = found[i];
		a[i].id = ids[i];
	}
	qsort(a, n, sizeof(*a), alias_cmp);
	gone = xcalloc(n, sizeof(*gone));
	for (i = 1; i < n; i++)
		if (a[i].id.dev == a[i - 1].id.dev &&
		    a[i].id.ino == a[i - 1].id.ino) {
			gone[ngone++] = a[i].f->path;
			a[i].f->path = NULL;
			qfile_free(a[i].f);
			a[i].f = NULL;
		}
	for (i = j = 0; i < n; i++)
		if (a[i].f != NULL)
			found[j++] = a[i].f;
	free(a);
	if (ngone > 0) {
		qsort(gone, ngone, sizeof(*gone), pathp_cmp);
		for (i = j = 0; i < d->n; i++) {
			if (d->v[i].path != NULL && bsearch(&d->v[i].path, gone,
			    ngone, sizeof(*gone), pathp_cmp) != NULL) {
				free(d->v[i].path);
				free(d->v[i].msg);
				continue;
			}
			d->v[j++] = d->v[i];
		}
		d->n = j;
		for (i = 0; i < ngone; i++)
			free(gone[i]);
	}
	free(gone);
	return n - ngone;
}

/* Run the walk with jobs scanning threads; returns the walk's result. */
static int
scan_walk(struct tour *t, const struct load_opts *o,
    int (*walk)(void *, const struct emitter *), void *arg)
{
	int jobs = o->jobs;
	struct scanner *sc;
	struct emitter e;
	int j, rc;

	/* The walk runs here, beside the threads; one thread is none. */
	jobs = pool_threads(jobs);
	if (jobs == 1)
		jobs = 0;
	sc = xcalloc(1, sizeof(*sc));
	sc->t = t;
	sc->tell = o->found;
	sc->unknown = o->unknown;
	sc->o = o;
	pthread_mutex_init(&sc->mu, NULL);
	sc->pool = pool_new(jobs);
	sc->w = xcalloc((size_t)jobs + 1, sizeof(*sc->w));
	for (j = 0; j <= jobs; j++)
		sc->w[j].sc = sc;
	e.emit = queue_path;
	e.ctx = sc;
	rc = walk(arg, &e);
	if (sc->next != NULL)
		pool_submit(sc->pool, scan_batch, sc->next);
	sc->next = NULL;
	pool_free(sc->pool);
	for (j = 0; j <= jobs; j++) {
		buf_free(&sc->w[j].b);
		free(sc->w[j].m.v);
	}
	free(sc->w);

	sc->nfound = drop_aliases(sc->found, sc->ids, sc->nfound, &t->diags);
	tour_adopt(t, sc->found, sc->nfound);
	free(sc->found);
	free(sc->ids);
	pthread_mutex_destroy(&sc->mu);
	free(sc);
	return rc;
}

struct tree_walk {
	const struct config *cfg;
	const struct load_opts *o;
	const char	*sub;
	struct diags	*diags;
	char		**err;
};

static int
walk_any(void *arg, const struct emitter *e)
{
	struct tree_walk *tw = arg;
	struct walk_info wi;

	if (tw->o->files_from != NULL)
		return walk_files_from(tw->cfg, tw->o->files_from,
		    tw->o->files_from_name, tw->sub, e, tw->diags, tw->err);
	if (walk_tree(tw->cfg, e, &wi, tw->err) == -1)
		return -1;
	if (wi.not_owned)
		warn(tw->o, "the git repository of the tour root belongs to "
		    "another user, and libgit2 will not open it (see "
		    "safe.directory in git-config(1)): quest walks the "
		    "directory instead, ignored files included");
	if (wi.not_checked_out > 0)
		warn(tw->o, "%zu tracked file%s not checked out (a sparse "
		    "checkout): any step%s missing from the tour",
		    wi.not_checked_out,
		    wi.not_checked_out == 1 ? " is" : "s are",
		    wi.not_checked_out == 1 ? " it holds is" :
		    "s they hold are");
	return 0;
}

enum load_status
tour_load(struct tour *t, const struct load_opts *o, char **err)
{
	struct tree_walk tw;
	struct buf text = { 0 };
	char *sub = NULL;
	int found, rc;

	memset(t, 0, sizeof(*t));
	diags_init(&t->diags);
	*err = NULL;
	if (find_root(o, &sub, &found, err) == -1)
		return LOAD_FAIL;
	if (o->prepare != NULL && o->prepare(err) == -1) {
		free(sub);
		return LOAD_FAIL;
	}
	/* Beneath the root like every file of the tree, and bounded. */
	if (found && root_read(".quest", CONFIG_MAX, &text, NULL) == -1) {
		*err = errno == EFBIG ? xasprintf(".quest: cannot read: "
		    "larger than %zu bytes", CONFIG_MAX) :
		    xasprintf(".quest: cannot read: %s", root_strerror(errno));
		buf_free(&text);
		free(sub);
		return LOAD_FAIL;
	}
	if (found && config_parse(&t->config, ".quest", text.p ? text.p : "",
	    text.len, &t->diags) == -1) {
		buf_free(&text);
		free(sub);
		return LOAD_CONFIG;
	}
	buf_free(&text);

	tw.cfg = &t->config;
	tw.o = o;
	tw.sub = sub;
	tw.diags = &t->diags;
	tw.err = err;
	rc = scan_walk(t, o, walk_any, &tw);
	free(sub);
	if (rc == -1)
		return LOAD_FAIL;
	tour_build(t);
	tour_check(t);
	diags_sort(&t->diags);
	return LOAD_OK;
}
