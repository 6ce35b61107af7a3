/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * bench/tsparse.c: tree-sitter's parse alone, for bench/book.sh.  It reads
 * a tour as `quest json` writes it on stdin and parses the code of each
 * step in C with the tree-sitter runtime and grammar that quest links,
 * on -j threads as quest html does (a parser each, the steps taken in
 * turn), and tells the wall and CPU time it took: the least that a web
 * book highlighted by tree-sitter can cost, before a query is run or a
 * byte written.  Not part of quest, and never run by make check.
 *
 *	tsparse [-j threads] < tour.json
 */
#include <errno.h>
#include <jansson.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <tree_sitter/api.h>

const TSLanguage *tree_sitter_c(void);

struct text {
	const char	*p;
	size_t		 len;
};

struct run {
	const struct text *v;
	size_t		 n;
	atomic_size_t	 next;		/* the next step to parse */
	atomic_size_t	 errors;	/* steps whose tree has an error */
};

static double
seconds(clockid_t id)
{
	struct timespec ts;

	if (clock_gettime(id, &ts) != 0)
		return 0;
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void *
worker(void *arg)
{
	struct run *r = arg;
	TSParser *p;
	TSTree *t;
	size_t i;

	if ((p = ts_parser_new()) == NULL ||
	    !ts_parser_set_language(p, tree_sitter_c())) {
		fputs("tsparse: the C grammar does not load\n", stderr);
		exit(1);
	}
	while ((i = atomic_fetch_add(&r->next, 1)) < r->n) {
		t = ts_parser_parse_string(p, NULL, r->v[i].p,
		    (uint32_t)r->v[i].len);
		if (t == NULL)
			continue;
		if (ts_node_has_error(ts_tree_root_node(t)))
			atomic_fetch_add(&r->errors, 1);
		ts_tree_delete(t);
	}
	ts_parser_delete(p);
	return NULL;
}

int
main(int argc, char *argv[])
{
	struct run r;
	struct text *v;
	json_t *tour, *steps, *s, *code, *lang;
	json_error_t err;
	pthread_t *th;
	size_t i, n = 0, bytes = 0, other = 0;
	long jobs;
	double w0, c0, wall, cpu;
	int ch;

	jobs = sysconf(_SC_NPROCESSORS_ONLN);
	while ((ch = getopt(argc, argv, "j:")) != -1) {
		switch (ch) {
		case 'j':
			errno = 0;
			jobs = strtol(optarg, NULL, 10);
			if (errno != 0 || jobs < 1 || jobs > 256) {
				fprintf(stderr, "tsparse: -j %s: not a number "
				    "of threads from 1 to 256\n", optarg);
				return 2;
			}
			break;
		default:
			fputs("usage: tsparse [-j threads] < tour.json\n",
			    stderr);
			return 2;
		}
	}
	if (jobs < 1)
		jobs = 1;
	if ((tour = json_loadf(stdin, 0, &err)) == NULL) {
		fprintf(stderr, "tsparse: <stdin>:%d: %s\n", err.line,
		    err.text);
		return 1;
	}
	if (!json_is_array(steps = json_object_get(tour, "steps"))) {
		fputs("tsparse: <stdin>: no \"steps\" array: not the JSON "
		    "of quest json\n", stderr);
		return 1;
	}
	v = calloc(json_array_size(steps) + 1, sizeof(*v));
	if (v == NULL) {
		perror("tsparse");
		return 1;
	}
	json_array_foreach(steps, i, s) {
		code = json_object_get(s, "code");
		lang = json_object_get(s, "language");
		if (!json_is_string(code) || json_string_length(code) == 0)
			continue;
		if (!json_is_string(lang) ||
		    strcmp(json_string_value(lang), "C") != 0) {
			other++;
			continue;
		}
		v[n].p = json_string_value(code);
		v[n].len = json_string_length(code);
		bytes += v[n++].len;
	}
	memset(&r, 0, sizeof(r));
	r.v = v;
	r.n = n;
	if ((th = calloc((size_t)jobs, sizeof(*th))) == NULL) {
		perror("tsparse");
		return 1;
	}
	w0 = seconds(CLOCK_MONOTONIC);
	c0 = seconds(CLOCK_PROCESS_CPUTIME_ID);
	for (i = 1; i < (size_t)jobs; i++)
		if (pthread_create(&th[i], NULL, worker, &r) != 0) {
			fputs("tsparse: no thread\n", stderr);
			return 1;
		}
	worker(&r);
	for (i = 1; i < (size_t)jobs; i++)
		pthread_join(th[i], NULL);
	wall = seconds(CLOCK_MONOTONIC) - w0;
	cpu = seconds(CLOCK_PROCESS_CPUTIME_ID) - c0;
	printf("%.3f %.3f %zu %zu %zu %zu %ld\n", wall, cpu, n, bytes,
	    atomic_load(&r.errors), other, jobs);
	free(th);
	free(v);
	json_decref(tour);
	return 0;
}
