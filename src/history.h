/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * history.h: the tour as it was in a commit, and what has changed since.
 *
 *   history.c   the tour of a commit, read from the object database
 *   match.c     step identity: which old step is which new one
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
	/*
	 * Each blob read, by id and path, as the file it makes (NULL: none,
	 * binary, or no mark), sorted by id: a commit that shares a file
	 * with one read before gets a copy, and the blob is not read again.
	 */
	struct hblob {
		git_oid		 oid;
		char		*path;
		struct qfile	*f;
	}		*blobs;
	size_t		 nblobs;
};

/* 0, or -1 with *err set: no libgit2, no repository, no work tree. */
int	hist_open(struct hist *, char **err);
void	hist_close(struct hist *);
/* The commit a revision names: 0, or -1 with *err set. */
int	hist_resolve(struct hist *, const char *rev, git_oid *, char **err);
/* The tour of a commit, owned by h; NULL with *err set. */
struct tour *hist_tour(struct hist *, const git_oid *, char **err);
/* Whether a commit (NULL: the work tree) has a file at path, under the root. */
int	hist_has_path(struct hist *, const git_oid *, const char *path);

/*
 * Step identity (match.c): each step of an old tour paired with the new
 * tour's step that it became, or with none; see match_tours() for the
 * rule.
 */
#define MATCH_THRESHOLD	50	/* percent alike, as git's rename -M50% */
#define MATCH_MAX_PAIRS	250000	/* similarity tries in a chapter, at most */

enum match_how {
	MATCH_NONE,		/* no partner: added, or removed */
	MATCH_SAME,		/* the same prose and code */
	MATCH_PROSE,		/* the same prose */
	MATCH_CODE,		/* the same code */
	MATCH_SIMILAR,		/* alike prose, by score */
	MATCH_SIMILAR_CODE,	/* alike code, by score */
	MATCH_NUMBER,		/* the same number, nothing else */
};

struct step_match {
	struct step	*other;		/* NULL: none */
	enum match_how	 how;
	unsigned	 score;		/* percent alike */
};

/* What matching needs of a tour's steps, worked out once for it. */
struct match_cache {
	const struct tour *t;
	struct side	*sides;		/* per chapter, made when asked */
};

struct match {
	struct match_cache *old, *new;
	struct step_match **to;		/* [old chapter][index]: its new */
	struct step_match **from;	/* [new chapter][index]: its old */
	unsigned char	*done;		/* [new chapter]: paired yet */
};

void	match_cache_init(struct match_cache *, const struct tour *);
void	match_cache_free(struct match_cache *);
/* A match of two tours; each chapter is paired when first asked for. */
void	match_init(struct match *, struct match_cache *old,
	    struct match_cache *new);
void	match_free(struct match *);
/* The partner of a step of the old tour in the new one, and back. */
const struct step_match *match_new(struct match *, const struct step *);
const struct step_match *match_old(struct match *, const struct step *);
/*
 * Whether a matched pair's prose is the same: equal, or unequal only in
 * references to steps that match each other (a renumber rewrote them).
 */
int	match_prose_same(struct match *, const struct step *old,
	    const struct step *new);

/* What stale found: each step of the tour that went stale, and why. */
struct stale_step {
	const struct step *step;
	unsigned	 changed;	/* code lines changed */
	char		*diff;		/* the code's unified diff */
	char		 baseline[GIT_OID_HEXSZ + 1];	/* what it is judged
							 * against */
	char		*since;		/* that, as a reader reads it */
};

struct stale_report {
	struct stale_step *v;
	size_t		 n;
	char		*base;		/* the merge base, abbreviated */
	char		*since;		/* REF, or the base of REF and HEAD */
};

/*
 * Judge the tour t (the work tree, read by tour_load) against the merge
 * base of since and HEAD, or for a step reviewed since then (a
 * Quest-Reviewed: trailer), against its review.  Marks each stale step
 * (step->stale, step->stale_since), gives each step renumbered since the
 * base its old id (step->was_id), and fills r.  Returns 0, or -1 with
 * *err set (no repository, an unknown revision, a shallow clone without
 * the base, a commit that cannot be read) and r empty.
 */
int	stale_find(struct tour *t, const char *since, struct stale_report *r,
	    char **err);
void	stale_free(struct stale_report *);
/* The stale steps as diagnostics of rule "stale", in t->diags' order. */
void	stale_diags(const struct stale_report *, struct diags *, int verbose);

/*
 * The tour's own history, as a delta: per chapter, each step that the
 * match pairs and that changed, each added, each removed, once.
 */
enum change {			/* bits of step_change.what */
	CH_RENUMBERED	= 1 << 0,
	CH_MOVED	= 1 << 1,	/* to a file that was there */
	CH_RENAMED	= 1 << 2,	/* with its file */
	CH_CHANGED	= 1 << 3,	/* prose, code, or both */
	CH_ADDED	= 1 << 4,
	CH_REMOVED	= 1 << 5,
};

struct step_change {
	unsigned	 what;		/* CH_ bits */
	const struct step *from;	/* NULL when added */
	const struct step *to;		/* NULL when removed */
	const char	*how;		/* CH_CHANGED: "code", "prose",
					 * "prose and code" */
	enum match_how	 match;		/* how from and to were paired */
	unsigned	 score;		/* MATCH_SIMILAR: percent */
};

struct delta_counts {
	size_t		 kept, removed, added;
	size_t		 renumbered, moved, renamed, changed;	/* of kept */
};

struct chapter_delta {
	const struct chapter *ch;	/* the new tour's, else the old's */
	struct delta_counts c;
	size_t		 first, n;	/* its changes: the new chapter's
					 * order, then the removed */
};

struct tour_delta {
	char		 from[GIT_OID_HEXSZ + 1];	/* abbreviated */
	char		 to[GIT_OID_HEXSZ + 1];		/* "": the work tree */
	git_oid		 older, newer_oid;
	const git_oid	*newer;		/* NULL: the work tree */
	struct chapter_delta *v;	/* the new tour's order, then the
					 * old's */
	size_t		 n;
	struct step_change *changes;	/* every chapter's, in v's order */
	size_t		 nchanges;
	struct delta_counts all;
	struct match_cache mold, mnew;	/* what the match knows of each */
	struct match	 m;		/* which old step is which new one */
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
