/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * rewrite.h: new texts for files of the tree, put in place atomically
 * under a journal, with a lock: what quest renumber and quest import
 * write with (rewrite.c).
 */
#ifndef QUEST_REWRITE_H
#define QUEST_REWRITE_H

#include <stdio.h>

#include "util.h"

/*
 * Where a rewrite keeps its lock and its journal: the directory quest in
 * the git directory of the work tree, when the user owns that; else this
 * directory of the tour root.  Either is made with mode 0700 and refused
 * unless it is a directory, owned by the user, with no group or other
 * bits.  A plain .quest-renumber in the root (what quest 0.1 wrote) is
 * never read.  Renumber and import share them: one excludes the other,
 * and either finishes what the other left.
 */
#define RENUMBER_DIR		".quest-renumber.d"
#define RENUMBER_GIT_DIR	"quest"
#define RENUMBER_LOCK		"renumber.lock"
#define RENUMBER_JOURNAL	"renumber.journal"

/* The commands that rewrite, which name themselves in every message. */
enum rewrite_cmd {
	RW_RENUMBER,		/* "quest: renumber: PATH: ..." */
	RW_IMPORT,		/* "quest: import: PATH: ..." */
};

/* What rewrite_add() and rewrite_commit() return. */
enum {
	REWRITE_OK = 0,
	REWRITE_LEFT = 1,	/* a file changed since it was read: left */
	REWRITE_FAIL = -1,	/* refused, or a system error: reported */
};

/*
 * Run in the tour root before the tree is read: take the lock (another
 * renumber or import holding it is an error), then finish or undo, from
 * its journal, a rewrite that was killed; a dry run refuses to while there
 * is one.  What it did is told on msg.  Returns 0, or -1 with *err set
 * ("PATH: reason").
 */
int	rewrite_begin(enum rewrite_cmd, int dry_run, FILE *msg, char **err);
/* Give the lock back, and remove what it took when no journal is left. */
void	rewrite_end(void);

/* The files of one rewrite, each checked as it is added. */
struct rewrite;

struct rewrite *rewrite_new(FILE *msg);
void	rewrite_free(struct rewrite *);
/*
 * Phase zero for a file to rewrite, path relative to the root: it is
 * still text (as it was read), beneath the root, not a link, and one
 * quest may rewrite keeping its owner and mode.  REWRITE_OK;
 * REWRITE_LEFT when it changed or went (told); REWRITE_FAIL when it is
 * refused (told).
 */
int	rewrite_add(struct rewrite *, const char *path, const char *text,
	    size_t len);
size_t	rewrite_count(const struct rewrite *);
/*
 * Put the new texts of the files added in place: newtext(arg, i, out)
 * makes the i-th file's.  Under the lock of rewrite_begin().  Returns
 * REWRITE_OK, REWRITE_LEFT when a file changed before its new text was
 * written (nothing changed), or REWRITE_FAIL (told, with what was changed
 * and what was not); *done counts the files put in place and *nleft those
 * left as they were because they changed meanwhile.
 */
int	rewrite_commit(struct rewrite *, void (*newtext)(void *, size_t,
	    struct buf *), void *arg, size_t *done, size_t *nleft);
/*
 * The unified diff of a file's text a to b, as git apply and patch take
 * it: 0, or -1 (libgit2 failed; gitlib_error() may say why).
 */
int	rewrite_diff(FILE *out, const char *path, const char *a, size_t alen,
	    const char *b, size_t blen);

#endif
