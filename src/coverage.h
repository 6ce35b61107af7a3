/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * coverage.h: which part of the code the tour shows (quest coverage).
 *
 * The load hands every file of a language quest reads to cov_file_add(),
 * on whichever scanning thread read it; it counts the file's lines of
 * code, and those that some step's code range holds, there and then,
 * and, when asked, finds the file's definitions and whether a step shows
 * them.  The owner sorts the files by path after the load, and a writer
 * prints them as text, JSON or a page with a treemap.
 */
#ifndef QUEST_COVERAGE_H
#define QUEST_COVERAGE_H

#include <pthread.h>
#include <stddef.h>
#include <stdio.h>

#include "tour.h"

/*
 * Mark each line of text (lines[i] for line i + 1): 1 when it holds code,
 * 0 when it is blank or only comment in the language l (quest(1) gives
 * the rule).  Returns the number of lines, n; lines is grown to hold them.
 * The number of code lines is the sum.
 */
size_t	cov_lines(const struct lang *l, const char *text, size_t len,
	    struct buf *lines, unsigned *ncode);

struct cov_def {
	char		*name;		/* as the source spells it */
	const char	*kind;		/* "function", "class", "method"... */
	unsigned	 line;		/* its name's line */
	unsigned	 first, last;	/* the lines of the whole definition */
	unsigned	 code;		/* its lines of code */
	int		 shown;		/* a step's code range holds its
					 * name's line */
};

struct cov_file {
	char		*path;
	const struct lang *lang;
	unsigned	 code;		/* lines of code */
	unsigned	 covered;	/* of them, in some step's code */
	struct cov_def	*defs;		/* --by def, in file order */
	size_t		 ndefs;
	int		 defs_from;	/* 0 no grammar, 1 tags.scm, 2 the
					 * grammar's HL_DEFS */
};

struct coverage {
	pthread_mutex_t	 mu;
	struct cov_file	*files;		/* sorted by path once loaded */
	size_t		 nfiles, cap;
	int		 defs;		/* find definitions too */
	char		**under;	/* NULL, or the paths (of the tree)
					 * to count, "" the whole tree */
	size_t		 nunder;
};

void	cov_init(struct coverage *, int defs);
/*
 * The load's hook: count one file (f its steps, NULL when it has none).
 * Safe from any thread.
 */
void	cov_file_add(void *cov, const char *path, const struct lang *,
	    const char *text, size_t len, const struct qfile *f);
/* After the load: sort by path, keep only what under names. */
void	cov_finish(struct coverage *);
void	cov_free(struct coverage *);

enum cov_by {
	COV_BY_FILE,
	COV_BY_DIR,
	COV_BY_DEF,
};

struct cov_opts {
	enum cov_by	 by;
	const char	*book;		/* --book URL, the web book's */
	const struct tour *t;		/* for the steps of each file */
};

/* The figures as text, JSON, or a page.  -1 with errno on a write error. */
int	cov_write_text(FILE *, const struct coverage *,
	    const struct cov_opts *);
int	cov_write_json(FILE *, const struct coverage *,
	    const struct cov_opts *);
int	cov_write_html(FILE *, const struct coverage *,
	    const struct cov_opts *);
/* The total: lines covered and lines of code. */
void	cov_total(const struct coverage *, unsigned long long *covered,
	    unsigned long long *code);

/* What --min judges: lines, or with --by def definitions. */
void	cov_judged(const struct coverage *, enum cov_by,
	    unsigned long long *part, unsigned long long *whole);
/* The tour's file of that path, or NULL. */
const struct qfile *cov_tour_file(const struct tour *, const char *path);
/* The share in tenths of a percent, rounded down: 0 of nothing. */
unsigned cov_tenths(unsigned long long part, unsigned long long whole);

#endif
