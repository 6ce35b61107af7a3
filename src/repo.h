/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * repo.h: the git repository that holds the tour root, opened once a run.
 *
 * Three parts of quest read git: the walk (which files make up the tree),
 * the source links (the forge and commit of a permalink) and the history
 * (stale, diff).  Each asks repo_open(), which opens the repository the
 * first time, from the tour root (the current directory), and finds the
 * root's place in its work tree; later calls get the same answer.  A
 * libgit2 error becomes a message through repo_error(), the one place
 * that formats them.
 */
#ifndef QUEST_REPO_H
#define QUEST_REPO_H

#include "gitlib.h"

enum repo_status {
	REPO_OK,	/* the root is inside the work tree */
	REPO_NOLIB,	/* libgit2 cannot be loaded: err says why */
	REPO_NONE,	/* libgit2 finds no repository here */
	REPO_NOT_OWNED,	/* libgit2 refuses it: someone else's
			 * (safe.directory) */
	REPO_FAIL,	/* libgit2 cannot open it: err says why */
	REPO_BARE,	/* no work tree (or no real path to it) */
	REPO_OUTSIDE,	/* the root is outside the work tree */
};

struct repo {
	enum repo_status status;
	git_repository	*git;		/* OK, BARE, OUTSIDE */
	char		*root;		/* the tour root, its physical path */
	char		*workdir;	/* OK, OUTSIDE: the work tree,
					 * physical */
	char		*prefix;	/* OK: the root in it, "" or "sub/" */
	char		*err;		/* NOLIB, FAIL */
};

/*
 * The repository of the tour root, opened and set up with libgit2 on the
 * first call (loading libgit2 then), the same on later calls from the
 * same directory; never NULL.  For one thread at a time: the walk, the
 * writers and the history call it from the thread that runs the command.
 * It is closed by gitlib_shutdown().
 */
const struct repo *repo_open(void);
/* "what: libgit2's message" for the last libgit2 error; the caller frees it. */
char	*repo_error(const char *what);
/* The commit at HEAD into oid: 0, or -1 (unborn, detached to nothing). */
int	repo_head(const struct repo *, git_oid *oid);

#endif
