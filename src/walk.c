/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * walk.c: list the files of the tree, in a fixed order.
 *
 * Inside a git work tree, libgit2 gives the files git tracks and the
 * untracked ones it does not ignore; elsewhere a walk of the directory that
 * skips hidden directories and never follows a symbolic link.  Either way
 * the list is sorted by bytes, so that no output depends on the file
 * system's order.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fsroot.h"
#include "repo.h"
#include "util.h"
#include "walk.h"

void
filelist_add(struct filelist *l, char *path)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 256;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	l->v[l->n++] = path;
}

static int
path_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
filelist_sort(struct filelist *l)
{
	size_t i, j;

	if (l->n > 1)
		qsort(l->v, l->n, sizeof(*l->v), path_cmp);
	for (i = j = 0; i < l->n; i++) {
		if (j > 0 && strcmp(l->v[j - 1], l->v[i]) == 0) {
			free(l->v[i]);
			continue;
		}
		l->v[j++] = l->v[i];
	}
	l->n = j;
}

static void
filelist_free(struct filelist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static void
keep(const struct config *cfg, const struct emitter *out, char *path)
{
	if (config_selects(cfg, path))
		out->emit(out->ctx, path);
	else
		free(path);
}

/*
 * The directory walk: depth first, never into a hidden directory or a
 * link.  A directory that cannot be read stops it: -1, with *err naming
 * it, since a tour without its files would be silently wrong.
 */
static int
walk_dir(const struct config *cfg, int dfd, const char *rel,
    const struct emitter *l, char **err)
{
	DIR *d;
	struct dirent *e;
	struct stat st;
	char *path, *q;
	int fd, isdir, rc = 0;

	if ((d = fdopendir(dfd)) == NULL) {
		q = name_quoted(*rel ? rel : ".");
		*err = xasprintf("cannot read the directory %s: %s", q,
		    strerror(errno));
		free(q);
		close(dfd);
		return -1;
	}
	for (;;) {
		errno = 0;
		if ((e = readdir(d)) == NULL) {
			if (errno != 0) {
				q = name_quoted(*rel ? rel : ".");
				*err = xasprintf("cannot read the directory "
				    "%s: %s", q, strerror(errno));
				free(q);
				rc = -1;
			}
			break;
		}
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (e->d_type == DT_UNKNOWN) {
			if (fstatat(dirfd(d), e->d_name, &st,
			    AT_SYMLINK_NOFOLLOW) == -1) {
				if (errno == ENOENT)	/* gone meanwhile */
					continue;
				q = name_quoted(*rel ? rel : ".");
				*err = xasprintf("cannot read the directory "
				    "%s: %s", q, strerror(errno));
				free(q);
				rc = -1;
				break;
			}
			isdir = S_ISDIR(st.st_mode);
			if (!isdir && !S_ISREG(st.st_mode))
				continue;
		} else {
			isdir = e->d_type == DT_DIR;
			if (!isdir && e->d_type != DT_REG)
				continue;
		}
		path = *rel ? xasprintf("%s/%s", rel, e->d_name) :
		    xstrdup(e->d_name);
		if (!isdir) {
			keep(cfg, l, path);
			continue;
		}
		if (e->d_name[0] == '.') {
			free(path);
			continue;
		}
		fd = openat(dirfd(d), e->d_name,
		    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (fd == -1 && errno != ENOENT && errno != ELOOP &&
		    errno != ENOTDIR) {	/* else gone, or swapped meanwhile */
			q = name_quoted(path);
			*err = xasprintf("cannot read the directory %s: %s", q,
			    strerror(errno));
			free(q);
			rc = -1;
		} else if (fd != -1)
			rc = walk_dir(cfg, fd, path, l, err);
		free(path);
		if (rc == -1)
			break;
	}
	closedir(d);
	return rc;
}

/*
 * root_open() refused path with ELOOP or EXDEV: the directory on the way
 * that is a symbolic link, to name it, or NULL when the link is the path's
 * last component (a link to a file, which is skipped in silence).
 */
char *
walk_link_on_way(const char *path)
{
	struct stat st;
	const char *p;
	char *dir;

	for (p = path; (p = strchr(p, '/')) != NULL; p++) {
		dir = xstrndup(path, (size_t)(p - path));
		if (root_lstat(dir, &st) == 0 && S_ISLNK(st.st_mode))
			return dir;
		free(dir);
	}
	return NULL;
}

/*
 * The index, read by libgit2, which takes an index file that is empty or
 * not a file for one that "no longer exists": say what it is instead.
 */
static int
open_index(git_repository *repo, git_index **idx, char **err)
{
	struct stat st;
	const char *gd = git_repository_path(repo);
	char *path, *q;

	path = xasprintf("%s%sindex", gd ? gd : "", gd && *gd &&
	    gd[strlen(gd) - 1] != '/' ? "/" : "");
	if (stat(path, &st) == 0 && (!S_ISREG(st.st_mode) || st.st_size < 12)) {
		q = name_quoted(path);
		*err = xasprintf("cannot read the git index: %s %s", q,
		    S_ISREG(st.st_mode) ? "is shorter than an index's header "
		    "(12 bytes): is it corrupt?" : "is not a regular file");
		free(q);
		free(path);
		return -1;
	}
	free(path);
	if (git_repository_index(idx, repo) != 0) {
		*err = repo_error("cannot read the git index");
		return -1;
	}
	return 0;
}

/*
 * Tracked and untracked-not-ignored files under the root, from libgit2.
 * A tracked file that a sparse checkout left out of the work tree (it has
 * the skip-worktree bit, and is not there) is counted in *absent.
 */
static int
walk_git(const struct config *cfg, git_repository *repo, const char *prefix,
    const struct emitter *l, size_t *absent, char **err)
{
	git_index *idx = NULL;
	git_status_list *st = NULL;
	git_status_options so;
	const git_index_entry *ie;
	const char *last = NULL;
	const git_status_entry *se;
	size_t i, n, plen = strlen(prefix);
	const char *p;
	struct stat sb;

	if (open_index(repo, &idx, err) == -1)
		return -1;
	n = git_index_entrycount(idx);
	for (i = 0; i < n; i++) {
		ie = git_index_get_byindex(idx, i);
		if (ie == NULL || strncmp(ie->path, prefix, plen) != 0)
			continue;
		if (ie->mode != GIT_FILEMODE_BLOB &&
		    ie->mode != GIT_FILEMODE_BLOB_EXECUTABLE)
			continue;	/* links, submodules */
		/*
		 * A conflict holds one path at several stages: once is
		 * enough.
		 */
		if (last != NULL && strcmp(last, ie->path) == 0)
			continue;
		last = ie->path;
		if ((ie->flags_extended & GIT_INDEX_ENTRY_SKIP_WORKTREE) &&
		    root_lstat(ie->path + plen, &sb) == -1 &&
		    (errno == ENOENT || errno == ENOTDIR)) {
			if (config_selects(cfg, ie->path + plen))
				(*absent)++;
			continue;
		}
		keep(cfg, l, xstrdup(ie->path + plen));
	}
	git_index_free(idx);

	git_status_options_init(&so, GIT_STATUS_OPTIONS_VERSION);
	so.show = GIT_STATUS_SHOW_WORKDIR_ONLY;
	so.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED |
	    GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
	    GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
	if (git_status_list_new(&st, repo, &so) != 0) {
		*err = repo_error("cannot list untracked files");
		return -1;
	}
	n = git_status_list_entrycount(st);
	for (i = 0; i < n; i++) {
		se = git_status_byindex(st, i);
		if (se == NULL || !(se->status & GIT_STATUS_WT_NEW) ||
		    se->index_to_workdir == NULL)
			continue;
		p = se->index_to_workdir->new_file.path;
		if (strncmp(p, prefix, plen) == 0)
			keep(cfg, l, xstrdup(p + plen));
	}
	git_status_list_free(st);
	return 0;
}

/*P:030 The files come from git when the tour root is inside a work tree:
 * what it tracks under the root, and what is untracked but not ignored,
 * read with libgit2 from the repository repo_open() opened, which loads
 * libgit2 then and only then (when a .git is there): it brings seventeen
 * libraries, whose loading alone took longer than a small tree.  A
 * repository that libgit2 cannot open, an index it cannot read, a
 * directory the walk cannot read all stop quest: a tour that lacks files
 * in silence would be wrong.  The tracked files that a sparse checkout
 * left out are counted, and a repository that libgit2 will not open
 * because it is someone else's (git's safe.directory) is walked as a
 * directory: both are told in a warning.  Elsewhere quest
 * walks the directory itself, skipping hidden directories and never
 * following a link.  Each path goes straight to the scanners as it is
 * found; the order of the walk does not matter, since what the scanners
 * find is sorted by path afterwards.
 */
int
walk_tree(const struct config *cfg, const struct emitter *l,
    struct walk_info *wi, char **err)
{
	const struct repo *r = NULL;
	char root[PATH_MAX];
	int fd;

	memset(wi, 0, sizeof(*wi));
	if (getcwd(root, sizeof(root)) == NULL) {
		*err = xasprintf("cannot find the current directory: %s",
		    strerror(errno));
		return -1;
	}
	if (gitlib_here()) {
		r = repo_open();
		if (r->status == REPO_NOLIB || r->status == REPO_FAIL) {
			*err = xstrdup(r->err);
			return -1;
		}
		wi->not_owned = r->status == REPO_NOT_OWNED;
	}
	if (r != NULL && r->status == REPO_OK)
		return walk_git(cfg, r->git, r->prefix, l,
		    &wi->not_checked_out, err);
	if ((fd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1) {
		*err = xasprintf("cannot read the directory .: %s",
		    strerror(errno));
		return -1;
	}
	return walk_dir(cfg, fd, "", l, err);
}
/*:*/

/*
 * Make a path given relative to sub (or absolute) relative to the root, or
 * return NULL when it leaves the root.  "." and ".." are resolved by name.
 */
static char *
root_relative(const char *root, const char *sub, const char *path)
{
	struct buf b = { 0 };
	const char *p, *e;
	size_t n;

	if (path[0] == '/') {
		n = strlen(root);
		if (strcmp(root, "/") == 0)
			n = 0;
		if (strncmp(path, root, n) != 0 ||
		    (path[n] != '/' && path[n] != '\0'))
			return NULL;
		path += n;
	} else
		buf_adds(&b, sub);
	for (p = path; *p; p = e) {
		while (*p == '/')
			p++;
		if (*p == '\0')
			break;
		for (e = p; *e && *e != '/'; e++)
			continue;
		n = (size_t)(e - p);
		if (n == 1 && *p == '.')
			continue;
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			char *slash;

			if (b.len == 0) {
				buf_free(&b);
				return NULL;
			}
			buf_cstr(&b);
			slash = strrchr(b.p, '/');
			b.len = slash ? (size_t)(slash - b.p) : 0;
			continue;
		}
		if (b.len > 0)
			buf_addc(&b, '/');
		buf_add(&b, p, n);
	}
	if (b.len == 0) {
		buf_free(&b);
		return xstrdup(".");
	}
	buf_cstr(&b);
	return b.p;
}

/* The reading of a --files-from list, an entry at a time. */
struct listread {
	FILE		*fp;
	char		*name;		/* the list's, quoted for messages */
	char		*buf;
	size_t		 len, off;	/* bytes in buf; the next entry's
					 * start */
	size_t		 total;		/* bytes read so far */
	int		 eof;
	unsigned	 lineno;
	char		**err;
};

#define LIST_BUF	((size_t)64 * 1024)

/*
 * Read more of the list after what is left of buf; -1 on an error.  With
 * read(2), not fread(3), which would wait for a whole buffer from a pipe
 * before an entry already there is looked at.
 */
static int
list_fill(struct listread *r)
{
	ssize_t n;

	memmove(r->buf, r->buf + r->off, r->len - r->off);
	r->len -= r->off;
	r->off = 0;
	while ((n = read(fileno(r->fp), r->buf + r->len, LIST_BUF - r->len)) ==
	    -1 && errno == EINTR)
		continue;
	if (n == -1) {
		*r->err = xasprintf("%s: cannot read: %s", r->name,
		    strerror(errno));
		return -1;
	}
	if (n == 0)
		r->eof = 1;
	r->len += (size_t)n;
	r->total += (size_t)n;
	if (r->total > FILES_FROM_MAX_BYTES) {
		*r->err = xasprintf("%s:%u: the list is longer than %zu bytes, "
		    "more than quest reads", r->name, r->lineno + 1,
		    FILES_FROM_MAX_BYTES);
		return -1;
	}
	return 0;
}

/*
 * The next entry, NUL-terminated in place, or NULL at the end (*err NULL)
 * or on an error (*err set): a path longer than PATH_MAX allows, a NUL in
 * a list of lines.
 */
static char *
list_next(struct listread *r, char sep)
{
	char *p, *e;
	size_t n;

	for (;;) {
		p = r->buf + r->off;
		n = r->len - r->off;
		if ((e = memchr(p, sep, n)) == NULL && r->eof && n > 0)
			e = p + n;	/* the last entry, with no separator */
		if (e != NULL) {
			r->lineno++;
			r->off = (size_t)(e - r->buf) + (e < r->buf + r->len);
			if (sep == '\n' && e > p && e[-1] == '\r')
				e--;
			*e = '\0';
			if ((size_t)(e - p) >= PATH_MAX) {
				*r->err = xasprintf("%s:%u: a path longer "
				    "than %d bytes", r->name, r->lineno,
				    PATH_MAX - 1);
				return NULL;
			}
			if (sep == '\n' && memchr(p, '\0', (size_t)(e - p))) {
				*r->err = xasprintf("%s:%u: a NUL byte in a "
				    "list of lines: a list of NUL-separated "
				    "paths has one in its first %d bytes",
				    r->name,
				    r->lineno, PATH_MAX);
				return NULL;
			}
			return p;
		}
		if (r->eof)
			return NULL;
		if (n > PATH_MAX) {
			*r->err = xasprintf("%s:%u: a path longer than %d "
			    "bytes", r->name, r->lineno + 1, PATH_MAX - 1);
			return NULL;
		}
		if (list_fill(r) == -1)
			return NULL;
	}
}

/*P:035 A list of files (--files-from) is read as a stream, an entry at
 * a time, and bounded: an entry is a path of at most PATH_MAX - 1 bytes,
 * and the list at most FILES_FROM_MAX_BYTES and FILES_FROM_MAX_PATHS
 * paths, so that /dev/zero or a runaway pipe is an error that names the
 * list and the line, not all the memory there is.  Whether NULs or
 * newlines end its entries is told from its first PATH_MAX bytes, where a
 * NUL-separated list must have its first NUL.  Each path is looked at
 * beneath the root, as the scanners will open it, so that one that goes
 * through a symbolic link is reported here, at its line.
 */
int
walk_files_from(const struct config *cfg, FILE *fp, const char *name,
    const char *sub, const struct emitter *l, struct diags *diags,
    char **err)
{
	struct listread r;
	struct filelist got = { 0 };
	struct stat st;
	size_t i;
	char root[PATH_MAX], *rel, *p, *q, *qr, *link;
	char sep;
	size_t npaths = 0;
	int e, rc = -1;

	*err = NULL;
	if (getcwd(root, sizeof(root)) == NULL) {
		*err = xasprintf("cannot find the current directory: %s",
		    strerror(errno));
		return -1;
	}
	memset(&r, 0, sizeof(r));
	r.fp = fp;
	r.name = name_quoted(name);
	r.err = err;
	r.buf = xmalloc(LIST_BUF + 1);	/* + the NUL after a last entry */
	while (!r.eof && r.len < PATH_MAX)
		if (list_fill(&r) == -1)
			goto out;
	/* NUL-separated, as find -print0 writes, if a NUL comes that soon. */
	sep = memchr(r.buf, '\0', r.len < PATH_MAX ? r.len : PATH_MAX) ?
	    '\0' : '\n';
	while ((p = list_next(&r, sep)) != NULL) {
		if (*p == '\0')
			continue;
		if (++npaths > FILES_FROM_MAX_PATHS) {
			*err = xasprintf("%s:%u: more than %d paths, more "
			    "than quest reads", r.name, r.lineno,
			    FILES_FROM_MAX_PATHS);
			goto out;
		}
		q = name_quoted1(p);
		if ((rel = root_relative(root, sub, p)) == NULL) {
			qr = name_quoted(root);
			diag_add(diags, D_OUTSIDE_ROOT, name, r.lineno, 0,
			    "%s is outside the tour root %s", q, qr);
			free(qr);
		} else if (root_lstat(rel, &st) == -1) {
			e = errno;
			/* A linked directory opened O_DIRECTORY: ENOTDIR. */
			if ((e == ELOOP || e == EXDEV || e == ENOTDIR) &&
			    (link = walk_link_on_way(rel)) != NULL) {
				qr = name_quoted1(link);
				diag_add(diags, D_SYMLINK_PATH, name, r.lineno,
				    0, "%s is not read: %s is a symbolic link",
				    q, qr);
				free(qr);
				free(link);
			} else
				diag_add(diags, e == ENOENT || e == ENOTDIR ?
				    D_MISSING_FILE : D_UNREADABLE, name,
				    r.lineno, 0, "%s: %s", q, root_strerror(e));
		} else if (S_ISREG(st.st_mode)) {
			filelist_add(&got, rel);
			rel = NULL;
		}
		/* else a directory, as find lists them, or a link: skipped */
		free(rel);
		free(q);
	}
	if (*err == NULL) {
		/* A path named twice is read once. */
		filelist_sort(&got);
		for (i = 0; i < got.n; i++) {
			keep(cfg, l, got.v[i]);
			got.v[i] = NULL;
		}
		got.n = 0;
		rc = 0;
	}
out:
	filelist_free(&got);
	free(r.buf);
	free(r.name);
	return rc;
}
