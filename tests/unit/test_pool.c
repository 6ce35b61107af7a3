/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * test_pool.c: the pool of worker threads (pool.c): every job runs once,
 * told a thread index of its own, with any number of threads, jobs that
 * submit jobs included; -j's bounds are the same for every caller.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

#include "pool.h"

#define NJOBS	2000

struct run {
	struct pool	*p;
	int		 max;		/* the pool's n */
	atomic_int	 ran[NJOBS];
	atomic_int	 bad;		/* a self out of range */
	atomic_int	 again;		/* jobs that submit one more */
	/* A self is one thread's: no two jobs run under one at once. */
	atomic_int	 in[POOL_MAX + 1];
};

struct one {
	struct run	*r;
	int		 i;
};

static struct one jobs[2 * NJOBS];

static void
job(void *arg, int self)
{
	struct one *o = arg;
	struct run *r = o->r;

	if (self < 0 || self > r->max ||
	    atomic_fetch_add(&r->in[self], 1) != 0)
		atomic_fetch_add(&r->bad, 1);
	atomic_fetch_add(&r->ran[o->i % NJOBS], 1);
	/* Every tenth job submits another, as the web book's may. */
	if (o->i < NJOBS && o->i % 10 == 0) {
		atomic_fetch_add(&r->again, 1);
		jobs[NJOBS + o->i].r = r;
		jobs[NJOBS + o->i].i = NJOBS + o->i;
		pool_submit(r->p, job, &jobs[NJOBS + o->i]);
	}
	if (self >= 0 && self <= r->max)
		atomic_fetch_sub(&r->in[self], 1);
}

static void
run_with(int n, int help)
{
	struct run *r = calloc(1, sizeof(*r));
	int i;

	assert_non_null(r);
	r->max = n;
	r->p = pool_new(n);
	for (i = 0; i < NJOBS; i++) {
		jobs[i].r = r;
		jobs[i].i = i;
		pool_submit(r->p, job, &jobs[i]);
	}
	if (help)
		while (pool_help(r->p))
			continue;
	pool_wait(r->p);
	/* Done once waited for: every job, and every job they submitted. */
	for (i = 0; i < NJOBS; i++)
		assert_int_equal(atomic_load(&r->ran[i]), i % 10 == 0 ? 2 : 1);
	assert_int_equal(atomic_load(&r->again), NJOBS / 10);
	assert_int_equal(atomic_load(&r->bad), 0);
	/* A pool waited for takes more. */
	jobs[0].r = r;
	jobs[0].i = 1;
	pool_submit(r->p, job, &jobs[0]);
	pool_free(r->p);
	assert_int_equal(atomic_load(&r->ran[1]), 2);
	free(r);
}

/* No thread: every job runs in the thread that submits it. */
static void
no_thread(void **state)
{
	(void)state;
	run_with(0, 0);
}

static void
some_threads(void **state)
{
	(void)state;
	run_with(1, 0);
	run_with(3, 1);
	run_with(8, 0);
}

/* Many threads, the owner helping. */
static void
many_threads(void **state)
{
	(void)state;
	run_with(64, 1);
}

static void
empty_pool(void **state)
{
	struct pool *p = pool_new(4);

	(void)state;
	assert_int_equal(pool_help(p), 0);
	pool_wait(p);
	pool_free(p);
	pool_free(NULL);
}

/* -j: 0 is a thread a core, and no caller goes past POOL_MAX. */
static void
threads_bounds(void **state)
{
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);

	(void)state;
	if (ncpu < 1)
		ncpu = 1;
	if (ncpu > POOL_MAX)
		ncpu = POOL_MAX;
	assert_int_equal(pool_threads(0), (int)ncpu);
	assert_int_equal(pool_threads(-1), (int)ncpu);
	assert_int_equal(pool_threads(1), 1);
	assert_int_equal(pool_threads(64), 64);
	assert_int_equal(pool_threads(POOL_MAX), POOL_MAX);
	assert_int_equal(pool_threads(POOL_MAX + 1), POOL_MAX);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(no_thread),
		cmocka_unit_test(some_threads),
		cmocka_unit_test(many_threads),
		cmocka_unit_test(empty_pool),
		cmocka_unit_test(threads_bounds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
