/*
 * output.c: where an output goes: -o FILE, whatever FILE is, and the
 * directory of codetour's files.
 */
#include <sys/random.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fsroot.h"
#include "output.h"

/* How many links output_open() follows, as the kernel's MAXSYMLINKS. */
#define MAX_LINKS	40

/*
 * The file that the symbolic link path leads to, by the links' own text:
 * a file that exists, or the name that a dangling link gives.  NULL with
 * errno set (ELOOP after MAX_LINKS links), or with *open_file set when
 * the links lead into /proc, as /dev/stdout does: to a file already open,
 * whose name, if it has one still, is the kernel's, not a path to replace.
 */
static char *
link_target(const char *path, int *open_file)
{
	char *cur = xstrdup(path), *next, *slash;
	char link[PATH_MAX];
	ssize_t n;
	int hops, e;

	for (hops = 0; hops <= MAX_LINKS; hops++) {
		if (strncmp(cur, "/proc/", 6) == 0) {
			free(cur);
			*open_file = 1;
			return NULL;
		}
		if ((n = readlink(cur, link, sizeof(link))) == -1) {
			/* Not a link, or nothing there yet: the target. */
			if (errno == EINVAL || errno == ENOENT)
				return cur;
			e = errno;
			free(cur);
			errno = e;
			return NULL;
		}
		if ((size_t)n == sizeof(link)) {
			free(cur);
			errno = ENAMETOOLONG;
			return NULL;
		}
		link[n] = '\0';
		if (link[0] == '/' || (slash = strrchr(cur, '/')) == NULL)
			next = xstrdup(link);
		else
			next = xasprintf("%.*s/%s", (int)(slash - cur), cur, link);
		free(cur);
		cur = next;
	}
	free(cur);
	errno = ELOOP;
	return NULL;
}

static FILE *
in_place(struct output *o, int fd)
{
	int e;

	if ((o->fp = fdopen(fd, "w")) == NULL) {
		e = errno;
		close(fd);
		errno = e;
	}
	return o->fp;
}

/*W:082 Where an output goes.  `-o FILE` names the user's file, so a
 * symbolic link is followed to its target, and the link stays.  A regular
 * file, or none yet, is replaced atomically: a temporary file beside it,
 * renamed over it.  Anything else, a FIFO, a terminal, a device, is not a
 * file to replace: it is opened and written in place, as a compiler writes
 * `-o /dev/null`, and a device stays a device.  So is a file already open
 * that a link into /proc names, such as `-o /dev/stdout`.
 */
FILE *
output_open(struct output *o, const char *path)
{
	struct stat st;
	char *target;
	int fd, tries, open_file = 0;

	memset(o, 0, sizeof(*o));
	for (tries = 0; tries < 2; tries++) {
		if (stat(path, &st) == -1 || S_ISREG(st.st_mode))
			break;
		/* A FIFO, a terminal, a device: written in place. */
		if ((fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC)) == -1)
			return NULL;
		if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
			close(fd);	/* became a file meanwhile */
			continue;
		}
		return in_place(o, fd);
	}
	/* A regular file or none yet, perhaps through links: replaced. */
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		if ((target = link_target(path, &open_file)) == NULL) {
			/* /dev/stdout into a file: truncated, as by gcc. */
			if (open_file && (fd = open(path, O_WRONLY | O_TRUNC |
			    O_NOCTTY | O_CLOEXEC)) != -1)
				return in_place(o, fd);
			return NULL;
		}
		o->fp = atomic_open(&o->a, target);
		free(target);
	} else
		o->fp = atomic_open(&o->a, path);
	o->atomic = o->fp != NULL;
	return o->fp;
}
/*:*/

int
output_close(struct output *o)
{
	int rc = 0, e = 0;

	if (o->atomic) {
		o->atomic = 0;
		o->fp = NULL;
		return atomic_replace(&o->a);
	}
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
	errno = e;
	return rc;
}

void
output_abort(struct output *o)
{
	if (o->atomic)
		atomic_abort(&o->a);
	else if (o->fp != NULL)
		fclose(o->fp);
	memset(o, 0, sizeof(*o));
}

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

/* A directory of the tree: beneath the root, through no link. */
static int
tree_dir(const char *rel)
{
	const char *name;
	int pfd, fd = -1, e;

	if (strcmp(rel, ".") == 0)
		return open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if ((pfd = root_open_parent(rel, &name)) != -1) {
		if (mkdirat(pfd, name, 0777) == 0 || errno == EEXIST)
			fd = openat(pfd, name, O_RDONLY | O_DIRECTORY |
			    O_NOFOLLOW | O_CLOEXEC);
		e = errno;
		close(pfd);
		errno = e;
	}
	if (fd == -1 && (errno == ENOTDIR || errno == ELOOP) &&
	    through_link(rel))
		errno = ELOOP;
	return fd;
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

/*W:085 A directory of outputs obeys the tree's rules where it lies in the
 * tree.  A relative path is a path of the tree.  An absolute one, its
 * `..` resolved by name, is walked from `/` a directory at a time,
 * following links, for above the tree the path is the user's; the moment
 * a directory reached is the tour root, the rest of the path is the
 * tree's, opened beneath the root through no link.  A directory below the
 * root, reached through a link of the user's, is the tree's too: the rest
 * is walked through no link.
 */
int
output_dir(const char *dir, int *tree)
{
	struct stat root, st;
	char *norm, *p, *e;
	int dfd, fd, last, at, err;

	*tree = 0;
	norm = lexical(dir);
	if (norm[0] != '/') {
		*tree = 1;
		fd = tree_dir(norm);
		err = errno;
		free(norm);
		errno = err;
		return fd;
	}
	if (stat(".", &root) == -1 ||
	    (dfd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1) {
		err = errno;
		free(norm);
		errno = err;
		return -1;
	}
	for (p = norm + 1;;) {
		if (!*tree) {
			if ((at = where(dfd, &root)) == -1)
				break;
			*tree = at > 0;
			if (at == 2 && *p != '\0') {
				close(dfd);
				fd = tree_dir(p);
				err = errno;
				free(norm);
				errno = err;
				return fd;
			}
		}
		if (*p == '\0') {
			free(norm);
			return dfd;
		}
		e = strchrnul(p, '/');
		last = *e == '\0';
		*e = '\0';
		if (last && mkdirat(dfd, p, 0777) == -1 && errno != EEXIST)
			break;
		fd = openat(dfd, p, O_RDONLY | O_DIRECTORY | O_CLOEXEC |
		    (*tree ? O_NOFOLLOW : 0));
		if (fd == -1) {
			if (*tree && (errno == ENOTDIR || errno == ELOOP) &&
			    fstatat(dfd, p, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
			    S_ISLNK(st.st_mode))
				errno = ELOOP;
			break;
		}
		close(dfd);
		dfd = fd;
		p = last ? e : e + 1;
	}
	err = errno;
	close(dfd);
	free(norm);
	errno = err;
	return -1;
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

		for (i = 0; i < sizeof(r); i++, v = v * 6364136223846793005UL + 1)
			r[i] = (unsigned char)(v >> 33);
	}
	for (i = 0; i < 6 && i < n; i++)
		s[n - 6 + i] = set[r[i] % (sizeof(set) - 1)];
}

int
output_put(int dfd, const char *name, const void *p, size_t n)
{
	struct stat st;
	const char *c = p;
	char *tmp = NULL;
	ssize_t w;
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
		if (fchown(fd, st.st_uid, st.st_gid) == -1) {
			/* Not ours to give away: the file becomes ours. */
		}
		fchmod(fd, st.st_mode & 07777);
	}
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
