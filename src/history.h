/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * history.h: the tour as it was in a commit, and what has changed since.
 *
 *   history.c   the tour of a commit, read from the object database
 *   stale.c     quest stale: steps whose code changed and prose did not
 *   tourdiff.c  quest diff: the changes between two tours, and their printer
 */
#ifndef QUEST_HISTORY_H
#define QUEST_HISTORY_H

#include <stdio.h>

#include "diagfmt.h"
#include "repo.h"
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

/*
 * The history of the tour root's repository: the tours of its commits,
 * each read once, with today's config (a prefix is a prefix).
 */
struct hist {
	const struct repo *r;
	git_odb		*odb;		/* for the size of a blob, not its
					 * bytes */
	struct buf	 cfgtext;	/* the .quest of the work tree */
	git_oid		*oids;
	struct tour	**tours;
	size_t		 ntours;
};

/* 0, or -1 with *err set: no libgit2, no repository, no work tree. */
int	hist_open(struct hist *, char **err);
void	hist_close(struct hist *);
/* The commit a revision names: 0, or -1 with *err set. */
int	hist_resolve(struct hist *, const char *rev, git_oid *, char **err);
/* The tour of a commit, owned by h; NULL with *err set. */
struct tour *hist_tour(struct hist *, const git_oid *, char **err);

/* What stale found: each step of the tour that went stale, and why. */
struct stale_step {
	const struct step *step;
	unsigned	 changed;	/* code lines changed */
	char		*diff;		/* the code's unified diff */
	char		 baseline[GIT_OID_HEXSZ + 1];	/* what it is judged
							 * against */
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
 * The tour's own history, as a delta: per chapter, the steps added,
 * removed, renumbered, moved and changed between two tours.
 */
enum change { CH_ADDED, CH_REMOVED, CH_RENUMBERED, CH_MOVED, CH_CHANGED };

struct step_change {
	enum change	 what;
	const struct step *from;	/* NULL when added */
	const struct step *to;		/* NULL when removed */
	const char	*how;		/* CH_CHANGED: "code", "prose",
					 * "prose and code" */
};

struct delta_counts {
	size_t		 kept, removed, added, renumbered, moved, changed;
};

struct chapter_delta {
	const struct chapter *ch;	/* the new tour's, else the old's */
	struct delta_counts c;
	size_t		 first, n;	/* its changes: kept, gone, then new */
};

struct tour_delta {
	char		 from[GIT_OID_HEXSZ + 1];	/* abbreviated */
	char		 to[GIT_OID_HEXSZ + 1];		/* "": the work tree */
	struct chapter_delta *v;	/* the new tour's order, then the
					 * old's */
	size_t		 n;
	struct step_change *changes;	/* every chapter's, in v's order */
	size_t		 nchanges;
	struct delta_counts all;
	struct hist	 h;		/* owns the tours of the commits */
};

/*
 * The delta from ref1 to ref2 (NULL: the work tree, t): 0, or -1 with
 * *err set.  It points into t and into the tours it read; free it first.
 */
int	tour_delta(struct tour *t, const char *ref1, const char *ref2,
	    struct tour_delta *, char **err);
void	tour_delta_free(struct tour_delta *);
/* The delta as quest diff prints it: text, or JSON. */
void	tour_delta_write(const struct tour_delta *, int json, struct buf *);
/* tour_delta(), then tour_delta_write() to out. */
int	tour_diff(struct tour *t, const char *ref1, const char *ref2,
	    int json, FILE *out, char **err);

#endif
