/*
 * output.c: where an output goes: -o FILE, whatever FILE is.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "output.h"

/* How many links output_open() follows, as the kernel's MAXSYMLINKS. */
#define MAX_LINKS	40

/*
 * The file that the symbolic link path leads to, by the links' own text:
 * a file that exists, or the name that a dangling link gives.  NULL with
 * errno set (ELOOP after MAX_LINKS links).
 */
static char *
link_target(const char *path)
{
	char *cur = xstrdup(path), *next, *slash;
	char link[PATH_MAX];
	ssize_t n;
	int hops, e;

	for (hops = 0; hops <= MAX_LINKS; hops++) {
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

/*W:082 Where an output goes.  `-o FILE` names the user's file, so a
 * symbolic link is followed to its target, and the link stays.  A regular
 * file, or none yet, is replaced atomically: a temporary file beside it,
 * renamed over it.  Anything else, a FIFO, a terminal, a device, is not a
 * file to replace: it is opened and written in place, as a compiler writes
 * `-o /dev/null`, and a device stays a device.
 */
FILE *
output_open(struct output *o, const char *path)
{
	struct stat st;
	char *target;
	int fd, tries, e;

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
		if ((o->fp = fdopen(fd, "w")) == NULL) {
			e = errno;
			close(fd);
			errno = e;
		}
		return o->fp;
	}
	/* A regular file or none yet, perhaps through links: replaced. */
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		if ((target = link_target(path)) == NULL)
			return NULL;
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
