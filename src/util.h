/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * util.h: the one memory scheme of quest, and small helpers.
 *
 * Every allocation goes through the x* wrappers, which print a message and
 * exit(2) when memory runs out, so no caller checks for NULL.  Ownership is
 * always that of the structure a pointer is stored in: whoever frees the
 * structure frees what it points to (see tour_free(), config_free()).
 */
#ifndef QUEST_UTIL_H
#define QUEST_UTIL_H

#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* Memory is exhausted: say so and exit 2, as the x*() functions do. */
void	 oom(void) __attribute__((noreturn));
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
char	*xvasprintf(const char *, va_list)
	    __attribute__((format(printf, 1, 0)));

/*
 * A growable byte buffer; always NUL-terminated when len > 0 or after
 * buf_cstr().
 */
struct buf {
	char	*p;
	size_t	 len;
	size_t	 cap;
};

void	 buf_grow(struct buf *, size_t);

/* Inline: a web book is written a few bytes at a time, a million times. */
static inline void
buf_add(struct buf *b, const void *p, size_t n)
{
	if (b->p == NULL || b->len + n + 1 > b->cap)
		buf_grow(b, b->len + n + 1);
	if (n)
		memcpy(b->p + b->len, p, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static inline void
buf_addc(struct buf *b, char c)
{
	if (b->p == NULL || b->len + 2 > b->cap)
		buf_grow(b, b->len + 2);
	b->p[b->len++] = c;
	b->p[b->len] = '\0';
}

static inline void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}
void	 buf_vprintf(struct buf *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
const char *buf_cstr(struct buf *);
void	 buf_free(struct buf *);

/* Read a whole file into *out; returns 0 or an errno value. */
int	 read_file(const char *path, struct buf *out);

/*
 * Replace a file atomically: write into a temporary file beside it, then
 * atomic_commit() flushes, syncs and renames it over the file; on any
 * failure, or atomic_abort(), the temporary file is removed and the file
 * is as it was.  A file replaced keeps its mode.
 */
struct atomic {
	char	*path;
	char	*tmp;
	FILE	*fp;
};
/* The temporary file of "dir/name": "dir/.name.quest~XXXXXX". */
#define ATOMIC_TMP	".%s.quest~XXXXXX"
FILE	*atomic_open(struct atomic *, const char *path); /* NULL: errno */
int	 atomic_commit(struct atomic *);		 /* -1: errno */
void	 atomic_abort(struct atomic *);
/*
 * atomic_commit() but for the sync, for what quest writes afresh each
 * time it runs (a web book, a JSON file, a .tour file), as compilers do:
 * a reader sees the old file or the new one, never a part of one, but a
 * crash of the whole machine may lose the new one.  What quest rewrites
 * of the user's own (renumber) is always synced.
 */
int	 atomic_replace(struct atomic *);			/* -1: errno */
/* atomic_commit() in two halves: the temporary file whole on disk... */
int	 atomic_sync(struct atomic *);
/* ...then in the file's place. */
int	 atomic_rename(struct atomic *);

/*
 * Read the regular file open on fd, at most max bytes, into out (from its
 * start), its fstat(2) into st: -1 with errno EINVAL when it is not a
 * regular file, EFBIG when it is, or grows, larger than max.
 */
struct stat;
int	 read_fd(int fd, size_t max, struct buf *out, struct stat *st);

/* Join a directory and a relative path ("." and "" are the identity). */
char	*path_join(const char *, const char *);

/* The length of the valid UTF-8 sequence at p (of n bytes), or 0. */
size_t	 utf8_len(const unsigned char *p, size_t n);

/* Compare two decimal digit strings by value, of any length. */
int	 numcmp(const char *a, size_t alen, const char *b, size_t blen);
/* The value of a hexadecimal digit, or -1. */
int	 hex_value(int c);

/*
 * pthread_create(), but the thread starts on the nth core allowed after
 * this thread's, round, not on this thread's.  0 or an error number.
 */
int	 thread_spawn(pthread_t *, void *(*)(void *), void *arg, int nth);

#endif
