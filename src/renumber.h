/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * renumber.h: rewrite the numbers of tags and cross-references.
 */
#ifndef QUEST_RENUMBER_H
#define QUEST_RENUMBER_H

#include <stdio.h>

#include "tour.h"

/* What renumber() returns. */
enum {
	RENUMBER_OK = 0,
	RENUMBER_LEFT = 1,	/* a file changed since it was read: left */
	RENUMBER_AMBIGUOUS = 2,	/* done, but an ambiguous reference left */
	RENUMBER_FAIL = -1,	/* refused, or a system error: reported */
};

struct renumber_opts {
	unsigned long	  by;		/* --by: N, 2N, 3N... */
	int		  width;	/* --width; 0: the chapter's widest */
	int		  dry_run;	/* print a unified diff, change
					 * nothing */
	struct chapter	**chapters;	/* which to renumber */
	size_t		  nchapters;
	FILE		 *out;		/* the diff, the summary */
	FILE		 *msg;		/* "quest: renumber: PATH: ..." */
};

/*
 * Renumber the chapters of the checked tour t, under the lock of
 * rewrite_begin() (rewrite.h).  Steps that share a number
 * (duplicate-step) are numbered like the others, in tour order, and a
 * cross-reference to
 * such a number, which could name any of them, is left as it is and
 * reported on o->msg (ambiguous-ref).  Returns RENUMBER_OK,
 * RENUMBER_LEFT when a file that changed since it was read was left as
 * it is (run again), RENUMBER_AMBIGUOUS when all went well but for an
 * ambiguous reference (edit it), or RENUMBER_FAIL; each file's trouble
 * is told on o->msg, with what was changed and what was not.
 */
int	renumber(const struct tour *, const struct renumber_opts *);

#endif
