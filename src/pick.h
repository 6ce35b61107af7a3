/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * pick.h: the chapters and steps that the operands of a command name.
 *
 * An operand is a chapter, by its name in .quest (Guest) or its prefix
 * (G); a step, G:030; or a range of steps of one chapter, G:030..G:050 or
 * G:030..050.  A step or a range is written as a chapter of its own, made
 * here, that holds those steps only.
 */
#ifndef QUEST_PICK_H
#define QUEST_PICK_H

#include "tour.h"

struct pick {
	struct chapter	**chapters;	/* in the order named, each once */
	size_t		  nchapters;
	int		  whole;	/* none was named: every chapter */
	struct chapter	**owned;	/* made for a step or a range */
	size_t		  nowned;
};

/* What an operand may be. */
#define PICK_CHAPTERS	0	/* chapters only (renumber) */
#define PICK_STEPS	1	/* chapters, steps and ranges */

/*
 * Pick what argv names, every chapter when argc is 0.  Returns 0, or -1
 * with *err set to a message (allocated; no "quest: " before it, may hold
 * newlines, none at its end) and p empty.
 */
int	pick(const struct tour *, int argc, char **argv, int what,
	    struct pick *p, char **err);
void	pick_free(struct pick *);
/* The message for a name that is no chapter: it lists the chapters. */
char	*pick_no_chapter(const struct tour *, const char *name);

#endif
