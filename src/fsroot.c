/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * fsroot.c: open paths of the tree beneath the root, never through a link.
 */
#include <sys/stat.h>
#include <sys/syscall.h>

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fsroot.h"

int
root_path_ok(const char *rel)
{
	const char *p, *e;

	if (rel == NULL || *rel == '\0' || *rel == '/')
		return 0;
	for (p = rel; *p; p = *e ? e + 1 : e) {
		e = strchrnul(p, '/');
		if (e - p == 2 && p[0] == '.' && p[1] == '.')
			return 0;
	}
	return 1;
}

/* 1: openat2(2) works here; 0: not tried yet; -1: the kernel lacks it. */
static atomic_int have_openat2;

static int
open_beneath(const char *rel, int flags, mode_t mode)
{
	struct open_how how;
	long fd;

	memset(&how, 0, sizeof(how));
	how.flags = (unsigned long long)(flags | O_NOFOLLOW | O_CLOEXEC);
	how.mode = (flags & (O_CREAT | O_TMPFILE)) ? mode : 0;
	how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS |
	    RESOLVE_NO_MAGICLINKS;
	do
		fd = syscall(SYS_openat2, AT_FDCWD, rel, &how, sizeof(how));
	while (fd == -1 && (errno == EINTR || errno == EAGAIN));
	return (int)fd;
}

/* Without openat2(2): a component at a time, each opened O_NOFOLLOW. */
static int
open_walk(const char *rel, int flags, mode_t mode)
{
	char name[256];
	const char *p, *e;
	size_t n;
	int dfd = AT_FDCWD, fd, e2;

	for (p = rel;; p = e + 1) {
		while (*p == '/')
			p++;
		e = strchrnul(p, '/');
		n = (size_t)(e - p);
		if (n >= sizeof(name)) {
			fd = -1;
			errno = ENAMETOOLONG;
			break;
		}
		memcpy(name, p, n);
		name[n] = '\0';
		if (*e == '\0' || e[strspn(e, "/")] == '\0') {
			/* The last component: what was asked for. */
			fd = openat(dfd, n ? name : ".", flags | O_NOFOLLOW |
			    O_CLOEXEC, mode);
			break;
		}
		if (n == 0 || (n == 1 && name[0] == '.'))
			continue;
		fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
		if (fd == -1) {
			struct stat st;

			/* A link to a directory: ELOOP, as openat2(2) says. */
			if (errno == ENOTDIR && fstatat(dfd, name, &st,
			    AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode))
				errno = ELOOP;
			break;
		}
		if (dfd != AT_FDCWD)
			close(dfd);
		dfd = fd;
	}
	if (dfd != AT_FDCWD) {
		e2 = errno;
		close(dfd);
		errno = e2;
	}
	return fd;
}

void
root_use_openat2(int on)
{
	atomic_store(&have_openat2, on ? 0 : -1);
}

static int	open_either(const char *, int, mode_t);

int
root_open(const char *rel, int flags, mode_t mode)
{
	struct stat st;
	int fd;

	fd = open_either(rel, flags, mode);
	/*
	 * O_DIRECTORY on a link says ENOTDIR, with openat2(2) as without:
	 * make it the ELOOP that a link anywhere else gives.
	 */
	if (fd == -1 && errno == ENOTDIR && (flags & O_DIRECTORY)) {
		if (root_lstat(rel, &st) == 0 && S_ISLNK(st.st_mode))
			errno = ELOOP;
		else
			errno = ENOTDIR;
	}
	return fd;
}

static int
open_either(const char *rel, int flags, mode_t mode)
{
	int fd, have;

	if (!root_path_ok(rel)) {
		errno = EINVAL;
		return -1;
	}
	if ((have = atomic_load(&have_openat2)) >= 0) {
		fd = open_beneath(rel, flags, mode);
		if (fd != -1 || (errno != ENOSYS && errno != EPERM)) {
			if (have == 0)
				atomic_store(&have_openat2, 1);
			return fd;
		}
		if (have == 0 && errno == ENOSYS)
			atomic_store(&have_openat2, -1);
	}
	return open_walk(rel, flags, mode);
}

int
root_open_parent(const char *rel, const char **name)
{
	const char *slash;
	char *dir;
	int fd, e;

	if (!root_path_ok(rel)) {
		errno = EINVAL;
		return -1;
	}
	if ((slash = strrchr(rel, '/')) == NULL) {
		*name = rel;
		return open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	}
	*name = slash + 1;
	dir = xstrndup(rel, (size_t)(slash - rel));
	fd = root_open(dir, O_RDONLY | O_DIRECTORY, 0);
	e = errno;
	free(dir);
	errno = e;
	return fd;
}

int
root_lstat(const char *rel, struct stat *st)
{
	const char *name;
	int dfd, rc, e;

	if ((dfd = root_open_parent(rel, &name)) == -1)
		return -1;
	rc = fstatat(dfd, name, st, AT_SYMLINK_NOFOLLOW);
	e = errno;
	close(dfd);
	errno = e;
	return rc;
}

int
root_read(const char *rel, size_t max, struct buf *out, struct stat *stp)
{
	struct stat st;
	int fd, rc, e;

	out->len = 0;
	if ((fd = root_open(rel, O_RDONLY | O_NONBLOCK, 0)) == -1)
		return -1;
	rc = read_fd(fd, max, out, &st);
	e = errno;
	close(fd);
	errno = e;
	if (rc == 0 && stp != NULL)
		*stp = st;
	return rc;
}
