/*
 * renumber.h: rewrite the numbers of tags and cross-references.
 */
#ifndef QUEST_RENUMBER_H
#define QUEST_RENUMBER_H

#include <stdio.h>

#include "tour.h"

/* The journal of a renumber between its two phases, in the tour root. */
#define RENUMBER_JOURNAL	".quest-renumber"

struct renumber_opts {
	unsigned long	  by;		/* --by: N, 2N, 3N... */
	int		  width;	/* --width; 0: the chapter's widest */
	int		  dry_run;	/* print a unified diff, change nothing */
	struct chapter	**chapters;	/* which to renumber */
	size_t		  nchapters;
	FILE		 *out;		/* the diff, the summary */
};

/*
 * Finish or undo a renumber that was killed: run in the tour root before
 * the tree is read.  Returns the number of files it completed, or -1 with
 * *err set.
 */
int	renumber_recover(char **err);
/*
 * Renumber the chapters of the checked tour t.  Returns 0, or -1 with *err
 * set; then no file was changed, or *err says which were.
 */
int	renumber(const struct tour *, const struct renumber_opts *, char **err);

#endif
