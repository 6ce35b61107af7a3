/*
 * history.h: the tour as it was in a commit, and what has changed since.
 */
#ifndef QUEST_HISTORY_H
#define QUEST_HISTORY_H

#include <stdio.h>

#include "diagfmt.h"
#include "tour.h"

/*
 * The largest file of a commit that history reads: a blob is asked for its
 * size first, and one larger is never inflated (a few MB of .git can hold
 * a blob of GBs), but skipped with a warning on the standard error, as a
 * binary file is skipped, though silently.
 */
#define HIST_MAX_BLOB	(64UL << 20)	/* 64 MiB */
/*
 * The largest commit whose message stale reads for its trailers.  (The
 * commits themselves libgit2 reads whole as it walks the history, finds
 * the merge base and resolves a revision: that quest cannot bound.)
 */
#define HIST_MAX_COMMIT	(1UL << 20)	/* 1 MiB */

/* What stale found: each step of the tour that went stale, and why. */
struct stale_step {
	const struct step *step;
	unsigned	 changed;	/* code lines changed */
	char		*diff;		/* the code's unified diff */
	char		*baseline;	/* the commit it is judged against */
};

struct stale_report {
	struct stale_step *v;
	size_t		 n;
	char		*base;		/* the merge base, abbreviated */
};

/*
 * Judge the tour t (the work tree, read by tour_load) against the merge
 * base of since and HEAD, or for a step reviewed since then (a
 * Quest-Reviewed: trailer), against its review.  Marks each stale step
 * (step->stale) and fills r.  Returns 0, or -1 with *err set (no
 * repository, an unknown revision, a shallow clone without the base).
 */
int	stale_find(struct tour *t, const char *since, struct stale_report *r,
	    char **err);
void	stale_free(struct stale_report *);
/* The stale steps as diagnostics of rule "stale", in t->diags' order. */
void	stale_diags(const struct stale_report *, struct diags *, int verbose);

/*
 * The tour's own history: steps added, removed, renumbered, moved and
 * changed between ref1 and ref2 (NULL: the work tree, t).
 */
int	tour_diff(struct tour *t, const char *ref1, const char *ref2,
	    int json, FILE *out, char **err);

#endif
