/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * pool.c: one pool of worker threads, a queue of jobs and a wait.
 */
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "pool.h"
#include "util.h"

struct job {
	pool_fn		*fn;
	void		*arg;
};

struct worker {
	struct pool	*p;
	int		 self;
};

/*P:055 Every part of quest that runs on several cores runs in one kind of
 * pool (pool.c): the scan, a batch of paths a job; the web book, a step a
 * job; the compiles of the grammars' queries, a grammar a job.  A pool
 * has a queue of jobs, taken in the order they came, and the threads -j
 * asks for (pool_threads(), the one bound of all), no more than the part
 * has work for.
 * The thread that made the pool, its owner, runs jobs too while it waits
 * for the others (the web book's owner writes the page out between two
 * of them).  One mutex guards the queue and the counts; what a job
 * changes is its own, or guarded by its caller.  Whatever the number of
 * threads and whoever finishes first, the output is the same: each part
 * puts what its jobs made in order afterwards.
 */
struct pool {
	pthread_mutex_t	 mu;
	pthread_cond_t	 work;		/* a job waits, or the pool stops */
	pthread_cond_t	 idle;		/* the last job running ended, or
					 * one did while the owner watches */
	struct job	*q;		/* waiting: a ring */
	size_t		 head, n, cap;
	int		 owner;		/* the owner's self: n of pool_new() */
	int		 nth;		/* started */
	int		 free;		/* waiting for a job */
	int		 busy;		/* jobs running, the owner's too */
	int		 watch;		/* the owner waits for any job's end */
	unsigned long	 nended;	/* jobs ended so far */
	int		 draining;	/* no thread: a submitter runs what
					 * waits */
	int		 stop;
	pthread_t	*th;
	struct worker	*w;
};

int
pool_threads(int jobs)
{
	long n = jobs;

	if (n <= 0)
		n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1)
		n = 1;
	return n > POOL_MAX ? POOL_MAX : (int)n;
}

/* With p->mu held: take the next job; 0 if none waits. */
static int
take(struct pool *p, struct job *j)
{
	if (p->n == 0)
		return 0;
	*j = p->q[p->head];
	p->head = (p->head + 1) % p->cap;
	p->n--;
	p->busy++;
	return 1;
}

/* With p->mu held: a job ended. */
static void
ended(struct pool *p)
{
	p->nended++;
	if ((--p->busy == 0 && p->n == 0) || p->watch)
		pthread_cond_broadcast(&p->idle);
}

static void *
worker_main(void *arg)
{
	struct worker *w = arg;
	struct pool *p = w->p;
	struct job j;

	pthread_mutex_lock(&p->mu);
	for (;;) {
		if (!take(p, &j)) {
			if (p->stop)
				break;
			p->free++;
			pthread_cond_wait(&p->work, &p->mu);
			p->free--;
			continue;
		}
		pthread_mutex_unlock(&p->mu);
		j.fn(j.arg, w->self);
		pthread_mutex_lock(&p->mu);
		ended(p);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

struct pool *
pool_new(int n)
{
	struct pool *p = xcalloc(1, sizeof(*p));
	int i;

	p->owner = n < 0 ? 0 : n > POOL_MAX ? POOL_MAX : n;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->work, NULL);
	pthread_cond_init(&p->idle, NULL);
	p->th = xcalloc((size_t)p->owner + 1, sizeof(*p->th));
	p->w = xcalloc((size_t)p->owner + 1, sizeof(*p->w));
	/*
	 * All at once: thread_spawn() puts thread i on the ith core after
	 * this thread's, which must be the same core for all of them.
	 */
	for (i = 0; i < p->owner; i++) {
		p->w[i].p = p;
		p->w[i].self = i;
		if (thread_spawn(&p->th[i], worker_main, &p->w[i], i) != 0)
			break;
	}
	p->nth = i;
	return p;
}

void
pool_submit(struct pool *p, pool_fn *fn, void *arg)
{
	struct job *q, j;
	size_t i;
	int drain;

	pthread_mutex_lock(&p->mu);
	if (p->n == p->cap) {
		/* Unroll the ring into a larger one. */
		q = xcalloc(p->cap ? p->cap * 2 : 64, sizeof(*q));
		for (i = 0; i < p->n; i++)
			q[i] = p->q[(p->head + i) % p->cap];
		free(p->q);
		p->q = q;
		p->head = 0;
		p->cap = p->cap ? p->cap * 2 : 64;
	}
	p->q[(p->head + p->n) % p->cap].fn = fn;
	p->q[(p->head + p->n) % p->cap].arg = arg;
	p->n++;
	if (p->free > 0)
		pthread_cond_signal(&p->work);
	/*
	 * No thread to run it: this one does, and what comes meanwhile,
	 * unless one does already (this is a job that submits one): then
	 * after this job, not within it.
	 */
	drain = p->nth == 0 && !p->draining;
	if (drain)
		p->draining = 1;
	while (drain) {
		if (!take(p, &j)) {
			p->draining = 0;
			break;
		}
		pthread_mutex_unlock(&p->mu);
		j.fn(j.arg, p->owner);
		pthread_mutex_lock(&p->mu);
		ended(p);
	}
	pthread_mutex_unlock(&p->mu);
}

size_t
pool_waiting(struct pool *p)
{
	size_t n;

	pthread_mutex_lock(&p->mu);
	n = p->n;
	pthread_mutex_unlock(&p->mu);
	return n;
}

int
pool_help(struct pool *p)
{
	struct job j;
	int got;

	pthread_mutex_lock(&p->mu);
	got = take(p, &j);
	pthread_mutex_unlock(&p->mu);
	if (!got)
		return 0;
	j.fn(j.arg, p->owner);
	pthread_mutex_lock(&p->mu);
	ended(p);
	pthread_mutex_unlock(&p->mu);
	return 1;
}

int
pool_await(struct pool *p)
{
	unsigned long seen;

	if (pool_help(p))
		return 1;
	pthread_mutex_lock(&p->mu);
	if (p->busy == 0 && p->n == 0) {
		pthread_mutex_unlock(&p->mu);
		return 0;
	}
	/* Until a job ends or one more waits (a job submitted it). */
	seen = p->nended;
	p->watch = 1;
	while (p->nended == seen && p->n == 0)
		pthread_cond_wait(&p->idle, &p->mu);
	p->watch = 0;
	pthread_mutex_unlock(&p->mu);
	return 1;
}

void
pool_wait(struct pool *p)
{
	struct job j;

	pthread_mutex_lock(&p->mu);
	for (;;) {
		if (take(p, &j)) {
			pthread_mutex_unlock(&p->mu);
			j.fn(j.arg, p->owner);
			pthread_mutex_lock(&p->mu);
			ended(p);
		} else if (p->busy > 0)
			pthread_cond_wait(&p->idle, &p->mu);
		else
			break;
	}
	pthread_mutex_unlock(&p->mu);
}

void
pool_free(struct pool *p)
{
	int i;

	if (p == NULL)
		return;
	pool_wait(p);
	pthread_mutex_lock(&p->mu);
	p->stop = 1;
	pthread_cond_broadcast(&p->work);
	pthread_mutex_unlock(&p->mu);
	for (i = 0; i < p->nth; i++)
		pthread_join(p->th[i], NULL);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->work);
	pthread_cond_destroy(&p->idle);
	free(p->q);
	free(p->th);
	free(p->w);
	free(p);
}
