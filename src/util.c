/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * util.c: allocation wrappers that exit on out-of-memory, growable buffers,
 * and the few string helpers every part of quest shares.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

void
oom(void)
{
	fputs("quest: out of memory\n", stderr);
	exit(2);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xcalloc(size_t n, size_t sz)
{
	void *p = calloc(n ? n : 1, sz ? sz : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		oom();
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t sz)
{
	if (sz != 0 && n > SIZE_MAX / sz)
		oom();
	return xrealloc(p, n * sz);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	struct buf b = { 0 };

	buf_vprintf(&b, fmt, ap);
	buf_cstr(&b);
	return b.p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

void
buf_grow(struct buf *b, size_t need)
{
	size_t cap;

	if (need <= b->cap)
		return;
	cap = b->cap ? b->cap : 64;
	while (cap < need) {
		if (cap > SIZE_MAX / 2)
			oom();
		cap *= 2;
	}
	b->p = xrealloc(b->p, cap);
	b->cap = cap;
}


void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list copy;
	int n;

	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		oom();
	buf_grow(b, b->len + (size_t)n + 1);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

const char *
buf_cstr(struct buf *b)
{
	buf_grow(b, b->len + 1);
	b->p[b->len] = '\0';
	return b->p;
}

void
buf_free(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

int
read_file(const char *path, struct buf *out)
{
	int fd, err = 0;
	ssize_t n;

	out->len = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return errno;
	for (;;) {
		buf_grow(out, out->len + 8192);
		n = read(fd, out->p + out->len, out->cap - out->len - 1);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			err = errno;
			break;
		}
		if (n == 0)
			break;
		out->len += (size_t)n;
	}
	close(fd);
	buf_cstr(out);
	return err;
}

int
read_fd(int fd, size_t max, struct buf *out, struct stat *st)
{
	ssize_t n;

	out->len = 0;
	if (fstat(fd, st) == -1)
		return -1;
	if (!S_ISREG(st->st_mode)) {
		errno = EINVAL;
		return -1;
	}
	if ((size_t)st->st_size > max) {
		errno = EFBIG;
		return -1;
	}
	for (;;) {
		buf_grow(out, out->len + 65536 + 1);
		n = read(fd, out->p + out->len, out->cap - out->len - 1);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0)
			break;
		out->len += (size_t)n;
		if (out->len > max) {	/* it grew as it was read */
			errno = EFBIG;
			return -1;
		}
	}
	buf_cstr(out);
	return 0;
}

char *
path_join(const char *dir, const char *rel)
{
	if (dir == NULL || *dir == '\0' || strcmp(dir, ".") == 0)
		return xstrdup(rel);
	if (*rel == '\0' || strcmp(rel, ".") == 0)
		return xstrdup(dir);
	if (dir[strlen(dir) - 1] == '/')
		return xasprintf("%s%s", dir, rel);
	return xasprintf("%s/%s", dir, rel);
}

/* The length of the valid UTF-8 sequence at p, or 0. */
size_t
utf8_len(const unsigned char *p, size_t n)
{
	unsigned cp;
	size_t len, i;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xC2 && p[0] <= 0xDF)
		len = 2, cp = p[0] & 0x1Fu;
	else if (p[0] >= 0xE0 && p[0] <= 0xEF)
		len = 3, cp = p[0] & 0x0Fu;
	else if (p[0] >= 0xF0 && p[0] <= 0xF4)
		len = 4, cp = p[0] & 0x07u;
	else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3Fu);
	}
	if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
		return 0;
	return len;
}

int
numcmp(const char *a, size_t alen, const char *b, size_t blen)
{
	int c;

	while (alen > 1 && *a == '0')
		a++, alen--;
	while (blen > 1 && *b == '0')
		b++, blen--;
	if (alen != blen)
		return alen < blen ? -1 : 1;
	c = memcmp(a, b, alen);
	return (c > 0) - (c < 0);
}

FILE *
atomic_open(struct atomic *a, const char *path)
{
	struct stat st;
	const char *slash;
	mode_t mask;
	int fd, e;

	memset(a, 0, sizeof(*a));
	slash = strrchr(path, '/');
	a->tmp = slash ? xasprintf("%.*s/" ATOMIC_TMP, (int)(slash - path),
	    path, slash + 1) : xasprintf(ATOMIC_TMP, path);
	if ((fd = mkstemp(a->tmp)) == -1) {
		e = errno;
		free(a->tmp);
		a->tmp = NULL;
		errno = e;
		return NULL;
	}
	if (stat(path, &st) == 0) {
		/* The owner first: fchown(2) may clear the set-id bits. */
		if (fchown(fd, st.st_uid, st.st_gid) == -1) {
			/* Not ours to give away: the file becomes ours. */
		}
		fchmod(fd, st.st_mode & 07777);
	} else {
		mask = umask(0);
		umask(mask);
		fchmod(fd, 0666 & ~mask);
	}
	if ((a->fp = fdopen(fd, "w")) == NULL) {
		e = errno;
		close(fd);
		unlink(a->tmp);
		free(a->tmp);
		a->tmp = NULL;
		errno = e;
		return NULL;
	}
	a->path = xstrdup(path);
	return a->fp;
}

/* Flush and close the temporary file; and sync it first if sync. */
static int
atomic_close(struct atomic *a, int sync)
{
	int e;

	if (fflush(a->fp) == EOF || ferror(a->fp) ||
	    (sync && fsync(fileno(a->fp)) == -1)) {
		e = errno;
		atomic_abort(a);
		errno = e;
		return -1;
	}
	if (fclose(a->fp) == EOF) {
		e = errno;
		a->fp = NULL;
		atomic_abort(a);
		errno = e;
		return -1;
	}
	a->fp = NULL;
	return 0;
}

int
atomic_sync(struct atomic *a)
{
	return atomic_close(a, 1);
}

int
atomic_rename(struct atomic *a)
{
	int e;

	if (rename(a->tmp, a->path) == -1) {
		e = errno;
		atomic_abort(a);
		errno = e;
		return -1;
	}
	free(a->tmp);
	free(a->path);
	a->tmp = a->path = NULL;
	return 0;
}

int
atomic_commit(struct atomic *a)
{
	if (atomic_close(a, 1) == -1)
		return -1;
	return atomic_rename(a);
}

int
atomic_replace(struct atomic *a)
{
	if (atomic_close(a, 0) == -1)
		return -1;
	return atomic_rename(a);
}

void
atomic_abort(struct atomic *a)
{
	if (a->fp != NULL)
		fclose(a->fp);
	if (a->tmp != NULL)
		unlink(a->tmp);
	free(a->tmp);
	free(a->path);
	memset(a, 0, sizeof(*a));
}

/*
 * Linux starts a new thread on the CPU of the thread that made it, where
 * it waits while its maker runs on, up to a time slice (3 ms seen on a
 * 2-core VM), however idle the other cores are.  So the nth worker starts
 * on the nth core after this one, round, and once running lets the kernel
 * move it wherever it likes.
 */
struct spawn {
	void		*(*fn)(void *);
	void		*arg;
	cpu_set_t	 all;
};

static void *
spawned(void *p)
{
	struct spawn sp = *(struct spawn *)p;

	free(p);
	pthread_setaffinity_np(pthread_self(), sizeof(sp.all), &sp.all);
	return sp.fn(sp.arg);
}

int
thread_spawn(pthread_t *t, void *(*fn)(void *), void *arg, int nth)
{
	pthread_attr_t attr;
	struct spawn *sp;
	cpu_set_t one;
	int cpu, n, c, k, rc;

	sp = xmalloc(sizeof(*sp));
	sp->fn = fn;
	sp->arg = arg;
	if (sched_getaffinity(0, sizeof(sp->all), &sp->all) == -1 ||
	    (n = CPU_COUNT(&sp->all)) < 2 || (cpu = sched_getcpu()) < 0 ||
	    cpu >= CPU_SETSIZE) {
		free(sp);
		return pthread_create(t, NULL, fn, arg);
	}
	/* The CPUs allowed, from the one after this one round to this one. */
	k = nth % n;
	for (c = (cpu + 1) % CPU_SETSIZE;; c = (c + 1) % CPU_SETSIZE)
		if (CPU_ISSET(c, &sp->all) && k-- == 0)
			break;
	CPU_ZERO(&one);
	CPU_SET(c, &one);
	pthread_attr_init(&attr);
	pthread_attr_setaffinity_np(&attr, sizeof(one), &one);
	rc = pthread_create(t, &attr, spawned, sp);
	pthread_attr_destroy(&attr);
	if (rc != 0)
		free(sp);
	return rc;
}

int
hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}
