/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * output.c: where an output goes: -o FILE, whatever FILE is, and the
 * directory of codetour's files.
 */
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/vfs.h>

#include <linux/magic.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fsroot.h"
#include "output.h"

/*
 * path with "." and ".." resolved by name and slashes squeezed: "/a/b",
 * "/", "a/b", "../a" or ".".
 */
static char *
lexical(const char *path)
{
	struct buf b = { 0 };
	const char *p, *e;
	size_t n, keep;
	int abs = path[0] == '/';

	if (abs)
		buf_addc(&b, '/');
	keep = b.len;	/* what ".." may not remove: "/" or "../.." */
	for (p = path; *p; p = *e ? e + 1 : e) {
		e = strchrnul(p, '/');
		n = (size_t)(e - p);
		if (n == 0 || (n == 1 && p[0] == '.'))
			continue;
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			if (b.len > keep) {
				while (b.len > keep && b.p[b.len - 1] != '/')
					b.len--;
				if (b.len > keep)
					b.len--;	/* the slash */
				continue;
			}
			if (abs)
				continue;	/* "/.." is "/" */
			if (b.len > 0)
				buf_addc(&b, '/');
			buf_adds(&b, "..");
			keep = b.len;
			continue;
		}
		if (b.len > 0 && b.p[b.len - 1] != '/')
			buf_addc(&b, '/');
		buf_add(&b, p, n);
	}
	if (b.len == 0)
		buf_addc(&b, '.');
	buf_cstr(&b);
	return b.p;
}

/*
 * Is rel, or a directory on its way, a symbolic link?  For the message:
 * O_DIRECTORY | O_NOFOLLOW on a link says ENOTDIR, not ELOOP.
 */
static int
through_link(const char *rel)
{
	struct stat st;
	char *part;
	const char *e;
	int link = 0;

	for (e = rel; !link; e++) {
		e = strchrnul(e, '/');
		part = xstrndup(rel, (size_t)(e - rel));
		link = root_lstat(part, &st) == 0 && S_ISLNK(st.st_mode);
		free(part);
		if (*e == '\0')
			break;
	}
	return link;
}

/*
 * Where the directory dfd lies: 2, it is the tour root, whose stat(2) is
 * root; 1, below it; 0, elsewhere; -1 and errno on failure.  Its parents
 * are climbed by "..", which no link can redirect.
 */
static int
where(int dfd, const struct stat *root)
{
	struct stat st, up;
	int fd = dfd, pfd, e, at = -1;

	if (fstat(dfd, &st) == -1)
		return -1;
	if (st.st_dev == root->st_dev && st.st_ino == root->st_ino)
		return 2;
	while (at == -1) {
		pfd = openat(fd, "..", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		e = errno;
		if (fd != dfd)
			close(fd);
		if (pfd == -1 || fstat(pfd, &up) == -1) {
			if (pfd != -1) {
				e = errno;
				close(pfd);
			}
			errno = e;
			return -1;
		}
		if (up.st_dev == root->st_dev && up.st_ino == root->st_ino)
			at = 1;
		else if (up.st_dev == st.st_dev && up.st_ino == st.st_ino)
			at = 0;		/* "/" is its own parent */
		else
			st = up;
		fd = pfd;
	}
	close(fd);
	return at;
}

/*
 * The directory that holds rel, a path of the tree, beneath the root
 * through no link; *name its last component.  ELOOP when rel passes
 * through a link, for the message: O_DIRECTORY | O_NOFOLLOW on a link
 * says ENOTDIR.
 */
static int
tree_parent(const char *rel, const char **name)
{
	int fd;

	if ((fd = root_open_parent(rel, name)) == -1 &&
	    (errno == ENOTDIR || errno == ELOOP) && through_link(rel))
		errno = ELOOP;
	return fd;
}

/*
 * Walk path, made by lexical(), from the directory start (which it
 * closes), down to the directory that holds its last component: returns
 * that directory, and *name pointing into path at the component, or NULL
 * when path names a directory with no name of its own ("/", ".").  *tree
 * says whether the directory returned (or, on failure, the path that
 * failed) is the tree's.  -1 with errno set; ELOOP in the tree means a
 * link on the way.  A leading ".." is taken from start as the kernel
 * takes it, which only a walk outside the tree meets.
 */
static int
walk(int dfd, char *path, const struct stat *root, const char **name,
    int *tree)
{
	struct stat st;
	char *p, *e;
	int fd, at, err;

	*name = NULL;
	*tree = 0;
	p = path[0] == '/' ? path + 1 : path;
	if (strcmp(p, ".") == 0)
		p += 1;
	for (;;) {
		if (!*tree) {
			if ((at = where(dfd, root)) == -1)
				break;
			*tree = at > 0;
			if (at == 2 && *p != '\0') {
				/* The tour root: the rest is the tree's. */
				close(dfd);
				return tree_parent(p, name);
			}
		}
		if (*p == '\0')
			return dfd;
		if (*(e = strchrnul(p, '/')) == '\0') {
			*name = p;
			return dfd;
		}
		*e = '\0';
		fd = openat(dfd, p, O_RDONLY | O_DIRECTORY | O_CLOEXEC |
		    (*tree ? O_NOFOLLOW : 0));
		if (fd == -1) {
			if (*tree && (errno == ENOTDIR || errno == ELOOP) &&
			    fstatat(dfd, p, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
			    S_ISLNK(st.st_mode))
				errno = ELOOP;
			break;
		}
		*e = '/';
		close(dfd);
		dfd = fd;
		p = e + 1;
	}
	err = errno;
	close(dfd);
	errno = err;
	return -1;
}

/*
 * path's directory, walked from "/" when path is absolute, from the tour
 * root when it is not; *norm the path lexical() made of it, into which
 * *name points: the caller frees it.
 */
static int
walk_path(const char *path, char **norm, const char **name, int *tree)
{
	struct stat root;
	int dfd, err;

	*tree = 0;
	*norm = lexical(path);
	if (stat(".", &root) == -1 || (dfd = open((*norm)[0] == '/' ? "/" :
	    ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1 ||
	    (dfd = walk(dfd, *norm, &root, name, tree)) == -1) {
		err = errno;
		free(*norm);
		*norm = NULL;
		errno = err;
		return -1;
	}
	return dfd;
}

/*W:085 A directory of outputs obeys the tree's rules where it lies in the
 * tree.  A relative path is a path of the tree.  An absolute one, its
 * `..` resolved by name, is walked from `/` a directory at a time,
 * following links, for above the tree the path is the user's; the moment
 * a directory reached is the tour root, the rest of the path is the
 * tree's, opened beneath the root through no link.  A directory below the
 * root, reached through a link of the user's, is the tree's too: the rest
 * is walked through no link.  `-o FILE` is decided by the same walk, down
 * to the directory that holds FILE.
 */
int
output_dir(const char *dir, int *tree)
{
	struct stat st;
	const char *name;
	char *norm;
	int pfd, fd, err;

	if ((pfd = walk_path(dir, &norm, &name, tree)) == -1)
		return -1;
	if (name == NULL) {
		free(norm);
		return pfd;
	}
	fd = -1;
	if (mkdirat(pfd, name, 0777) == 0 || errno == EEXIST)
		fd = openat(pfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC |
		    (*tree ? O_NOFOLLOW : 0));
	if (fd == -1 && *tree && (errno == ENOTDIR || errno == ELOOP) &&
	    fstatat(pfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISLNK(st.st_mode))
		errno = ELOOP;
	err = errno;
	close(pfd);
	free(norm);
	errno = err;
	return fd;
}
/*:*/

/* The XXXXXX of a temporary name, as mkstemp(3) fills them. */
static void
fill_x(char *s)
{
	static const char set[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789";
	unsigned char r[6];
	size_t n = strlen(s), i;

	if (getrandom(r, sizeof(r), 0) != (ssize_t)sizeof(r)) {
		unsigned long v = (unsigned long)time(NULL) ^
		    ((unsigned long)getpid() << 16) ^ (unsigned long)clock();

		for (i = 0; i < sizeof(r);
		    i++, v = v * 6364136223846793005UL + 1)
			r[i] = (unsigned char)(v >> 33);
	}
	for (i = 0; i < 6 && i < n; i++)
		s[n - 6 + i] = set[r[i] % (sizeof(set) - 1)];
}

/*
 * A temporary file beside name in the directory dfd, made O_EXCL |
 * O_NOFOLLOW there, so never an existing file and never through a link,
 * with the mode of a regular file name, and its owner if quest may: its
 * descriptor, and *tmp its name; -1 with errno set.
 */
static int
tmp_open(int dfd, const char *name, char **tmpp)
{
	struct stat st;
	char *tmp = NULL;
	int fd = -1, tries, e;

	for (tries = 0; tries < 100 && fd == -1; tries++) {
		free(tmp);
		tmp = xasprintf(ATOMIC_TMP, name);
		fill_x(tmp);
		fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
		    O_CLOEXEC, 0666);
		if (fd == -1 && errno != EEXIST)
			break;
	}
	if (fd == -1) {
		e = errno;
		free(tmp);
		errno = e;
		return -1;
	}
	/* A file replaced keeps its mode, and its owner if quest may. */
	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISREG(st.st_mode)) {
		/* The owner first: fchown(2) may clear the set-id bits. */
		if (fchown(fd, st.st_uid, st.st_gid) == -1) {
			/* Not ours to give away: the file becomes ours. */
		}
		fchmod(fd, st.st_mode & 07777);
	}
	*tmpp = tmp;
	return fd;
}

int
output_put(int dfd, const char *name, const void *p, size_t n)
{
	const char *c = p;
	char *tmp;
	ssize_t w;
	int fd, e;

	if ((fd = tmp_open(dfd, name, &tmp)) == -1)
		return -1;
	while (n > 0) {
		if ((w = write(fd, c, n)) == -1) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		c += w;
		n -= (size_t)w;
	}
	if (close(fd) == -1) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (renameat(dfd, tmp, dfd, name) == -1)
		goto fail;
	free(tmp);
	return 0;
fail:
	e = errno;
	if (fd != -1)
		close(fd);
	unlinkat(dfd, tmp, 0);
	free(tmp);
	errno = e;
	return -1;
}

/* How many links output_open() follows, as the kernel's MAXSYMLINKS. */
#define MAX_LINKS	40

static int
in_place(struct output *o, int fd)
{
	int e;

	if ((o->fp = fdopen(fd, "w")) == NULL) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return 1;
}

/* Replace name of dfd: a temporary file beside it, renamed at the close. */
static int
replace_at(struct output *o, int dfd, const char *name)
{
	int fd, e;

	if ((fd = tmp_open(dfd, name, &o->tmp)) == -1)
		return -1;
	if ((o->fp = fdopen(fd, "w")) == NULL) {
		e = errno;
		close(fd);
		unlinkat(dfd, o->tmp, 0);
		free(o->tmp);
		o->tmp = NULL;
		errno = e;
		return -1;
	}
	o->dfd = dfd;
	o->name = xstrdup(name);
	return 1;
}

/* The text of the link name of dfd; NULL with errno set. */
static char *
read_link(int dfd, const char *name)
{
	char link[PATH_MAX];
	ssize_t n;

	if ((n = readlinkat(dfd, name, link, sizeof(link))) == -1)
		return NULL;
	if ((size_t)n == sizeof(link)) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	link[n] = '\0';
	return xstrdup(link);
}

/*
 * Open name of the directory dfd, which is the tree's when tree: 1, o is
 * open (and owns dfd if it replaces a file); 0, name is a link of the
 * user's, whose text *link is to be followed; -1 with errno set, ELOOP
 * for a link of the tree.
 */
static int
open_at(struct output *o, int dfd, const char *name, int tree, char **link)
{
	struct statfs sfs;
	struct stat st;
	int fd, tries;

	/* /dev/stdout: a file already open, named by a link into /proc. */
	if (!tree && fstatfs(dfd, &sfs) == 0 &&
	    sfs.f_type == PROC_SUPER_MAGIC) {
		if ((fd = openat(dfd, name, O_WRONLY | O_TRUNC | O_NOCTTY |
		    O_CLOEXEC)) == -1)
			return -1;
		return in_place(o, fd);
	}
	for (tries = 0; tries < 3; tries++) {
		if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == -1)
			return errno == ENOENT ? replace_at(o, dfd, name) : -1;
		if (S_ISLNK(st.st_mode)) {
			if (tree) {
				errno = ELOOP;
				return -1;
			}
			return (*link = read_link(dfd, name)) == NULL ? -1 : 0;
		}
		if (S_ISDIR(st.st_mode)) {
			errno = EISDIR;
			return -1;
		}
		if (S_ISREG(st.st_mode))
			return replace_at(o, dfd, name);
		/* A FIFO, a terminal, a device: written in place. */
		if ((fd = openat(dfd, name, O_WRONLY | O_NOCTTY | O_NOFOLLOW |
		    O_CLOEXEC)) == -1) {
			if (errno == ELOOP)
				continue;	/* became a link meanwhile */
			return -1;
		}
		if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
			close(fd);	/* became a file meanwhile */
			continue;
		}
		return in_place(o, fd);
	}
	errno = EAGAIN;
	return -1;
}

/*W:082 Where an output goes.  `-o FILE` is walked as codetour's
 * directory is, down to the directory that holds FILE.  In the tree,
 * FILE obeys the tree's rules: a symbolic link, as FILE or on its way
 * from the root, is refused before anything is written, for a tree may
 * commit `README.md` as a link to `~/.profile`.  Outside, FILE is the
 * user's: a symbolic link is followed to its target, hop by hop, each
 * target walked again from the link's directory, so that a link of the
 * user's into the tree meets the tree's rules there.  A regular file, or
 * none yet, is replaced atomically inside the directory reached: a
 * temporary file made there, renamed over it.  Anything else, a FIFO, a
 * terminal, a device, is not a file to replace: it is opened and written
 * in place, as a compiler writes `-o /dev/null`, and a device stays a
 * device.  So is a file already open that a link into /proc names, such
 * as `-o /dev/stdout`.
 */
FILE *
output_open(struct output *o, const char *path, int *tree)
{
	struct stat root;
	const char *name;
	char *norm, *text = NULL;
	int dfd, pfd, hops, rc, e;

	memset(o, 0, sizeof(*o));
	o->dfd = -1;
	if ((pfd = walk_path(path, &norm, &name, tree)) == -1)
		return NULL;
	if (stat(".", &root) == -1)
		goto fail;
	for (hops = 0;; hops++) {
		if (name == NULL) {
			errno = EISDIR;
			goto fail;
		}
		if ((rc = open_at(o, pfd, name, *tree, &text)) == 1) {
			if (o->dfd != pfd)
				close(pfd);
			free(norm);
			return o->fp;
		}
		if (rc == -1)
			goto fail;
		/* A link of the user's: its text, from its own directory. */
		free(norm);
		norm = lexical(text);
		free(text);
		text = NULL;
		if (hops == MAX_LINKS) {
			errno = ELOOP;
			goto fail;
		}
		if (norm[0] == '/') {
			dfd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
			close(pfd);
			if ((pfd = dfd) == -1)
				goto fail;
		}
		if ((pfd = walk(pfd, norm, &root, &name, tree)) == -1)
			goto fail;
	}
fail:
	e = errno;
	if (pfd != -1)
		close(pfd);
	free(norm);
	errno = e;
	return NULL;
}
/*:*/

/* Let go of what o holds, with its temporary file gone or renamed. */
static void
output_free(struct output *o)
{
	if (o->tmp != NULL) {
		close(o->dfd);
		free(o->tmp);
		free(o->name);
	}
	memset(o, 0, sizeof(*o));
	o->dfd = -1;
}

int
output_close(struct output *o)
{
	int rc = 0, e = 0;

	if (o->fp == NULL)
		return 0;
	if (fflush(o->fp) == EOF || ferror(o->fp)) {
		e = errno ? errno : EIO;
		rc = -1;
	}
	if (fclose(o->fp) == EOF && rc == 0) {
		e = errno;
		rc = -1;
	}
	o->fp = NULL;
	if (o->tmp != NULL) {
		if (rc == 0 &&
		    renameat(o->dfd, o->tmp, o->dfd, o->name) == -1) {
			e = errno;
			rc = -1;
		}
		if (rc == -1)
			unlinkat(o->dfd, o->tmp, 0);
		output_free(o);
	}
	errno = e;
	return rc;
}

void
output_abort(struct output *o)
{
	if (o->fp != NULL)
		fclose(o->fp);
	if (o->tmp != NULL)
		unlinkat(o->dfd, o->tmp, 0);
	output_free(o);
}
