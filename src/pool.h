/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * pool.h: the one pool of worker threads that every parallel part of quest
 * uses: the scan (load.c), the web book (fmt_html.c) and the compiles of
 * the grammars' queries (highlight.c).
 *
 * A pool has one owner, the one thread that calls pool_help(),
 * pool_await(), pool_wait() and pool_free().  Any thread may submit, a job
 * included.  A job is a function and its argument, run once by whichever
 * thread is free, in the order submitted; it is told which thread runs it
 * (self: 0 to n - 1 a worker, n the owner), so that it can reuse what that
 * thread holds, as long as only the owner and the pool's jobs submit jobs
 * that do.
 */
#ifndef QUEST_POOL_H
#define QUEST_POOL_H

#include <stddef.h>

/* The most threads -j may ask for, for every part alike. */
#define POOL_MAX	1024

struct pool;

typedef void	pool_fn(void *arg, int self);

/* The threads -j asks for: 0 is one a core; at least 1, at most POOL_MAX. */
int	pool_threads(int jobs);
/*
 * A pool of n threads besides its owner (n at most POOL_MAX), started at
 * once.  With n 0, or no thread that could start, the thread that submits
 * a job runs it there and then (a job that a job submits, after it), as
 * the owner.
 */
struct pool *pool_new(int n);
void	pool_submit(struct pool *, pool_fn *, void *arg);
/* How many jobs wait for a thread. */
size_t	pool_waiting(struct pool *);
/* The owner runs the next job waiting, if one is: returns 0 if none was. */
int	pool_help(struct pool *);
/*
 * The owner runs the next job waiting, if one is; else, while jobs run
 * elsewhere, waits until one of them ends.  Returns 0 if none waits or
 * runs: what was submitted is done.
 */
int	pool_await(struct pool *);
/* The owner runs what waits, then waits until every job is done. */
void	pool_wait(struct pool *);
/* pool_wait(), then the threads end and the pool is freed.  NULL: none. */
void	pool_free(struct pool *);

#endif
