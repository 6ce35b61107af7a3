/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * walk.h: which files make up the tree.
 */
#ifndef QUEST_WALK_H
#define QUEST_WALK_H

#include <stddef.h>

#include "config.h"
#include "diag.h"

struct filelist {
	char	**v;		/* paths relative to the tour root */
	size_t	  n, cap;
};

/*
 * Where the walk hands each path it finds, in no particular order; the
 * callee owns the path.
 */
struct emitter {
	void	(*emit)(void *ctx, char *path);
	void	 *ctx;
};

/*
 * List the files under the tour root (the current directory): what git
 * tracks plus what it does not ignore, inside a work tree; else every file
 * of a walk that skips hidden directories.  Each path goes to out, once,
 * if the config's include and exclude globs select it; the order is the
 * walk's, so whoever collects them sorts.  Returns 0, or -1 with *err set to a
 * message when the tree cannot be listed, or a directory of the walk or
 * the git index cannot be read.
 */
struct walk_info {
	size_t	 not_checked_out;	/* tracked, left out by a sparse
					 * checkout */
	int	 not_owned;		/* libgit2 refused a repository not
					 * ours */
};
int	walk_tree(const struct config *, const struct emitter *,
	    struct walk_info *, char **err);
/*
 * Read paths from fp (newline- or NUL-separated), relative to sub, the
 * directory quest was started in relative to the root.  Paths that do not
 * exist, lie outside the root or go through a symbolic link are reported
 * in diags, at name and the entry's number.  Filtered too.  Returns -1
 * with *err set when the list cannot be read or breaks a bound: a path of
 * PATH_MAX bytes or more, more than FILES_FROM_MAX_BYTES bytes or
 * FILES_FROM_MAX_PATHS paths.
 */
#define FILES_FROM_MAX_BYTES	((size_t)64 << 20)
#define FILES_FROM_MAX_PATHS	1000000
int	walk_files_from(const struct config *, FILE *fp, const char *name,
	    const char *sub, const struct emitter *, struct diags *,
	    char **err);
/*
 * root_open() refused path with ELOOP or EXDEV: the directory on its way
 * that is a symbolic link, a new string, or NULL when the link is its last
 * component.
 */
char	*walk_link_on_way(const char *path);
void	filelist_add(struct filelist *, char *path);
void	filelist_sort(struct filelist *);

#endif
