/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * output.h: where an output goes, and how it gets there.
 *
 * A path of outputs is the tree's where it lies in the tree, the user's
 * where it lies outside; output_dir() and output_open() decide it by the
 * same walk.  In the tree, fsroot.h's rules: beneath the tour root, never
 * through a symbolic link, for a tree may hold links that lead out of it.
 * Outside, the path as the user named it, links and all.
 *
 * output_open() opens a file named by -o: a link of the tree is refused; a
 * link of the user's is followed to its target; a regular target (or a
 * new one) is replaced atomically inside its directory, so that a reader
 * sees the old file or the whole new one; anything else, a FIFO, a
 * terminal, a device, is written in place, as a compiler writes
 * -o /dev/null: never a temporary file renamed over a device.
 *
 * output_dir() opens a directory of outputs (codetour's); output_put()
 * replaces one file of it atomically inside its descriptor, so that no
 * link in the directory is ever written through.
 */
#ifndef QUEST_OUTPUT_H
#define QUEST_OUTPUT_H

#include <stddef.h>
#include <stdio.h>

#include "util.h"

struct output {
	FILE		*fp;
	int		 dfd;	/* -1, or the directory where tmp
				 * replaces name */
	char		*tmp;
	char		*name;
};

/*
 * Open path for writing; NULL with errno set, and *tree 1 when the path
 * that failed is the tree's, as for output_dir(): then ELOOP (or EXDEV)
 * means it is, or passes through, a symbolic link, and nothing was
 * written.
 */
FILE	*output_open(struct output *, const char *path, int *tree);
/*
 * Flush and put the output in place; -1 with errno set, and a file that
 * was to be replaced is left as it was.
 */
int	 output_close(struct output *);
/* Give up: a file that was to be replaced is left as it was. */
void	 output_abort(struct output *);

/*
 * The directory dir, made when it does not exist (but not its parents),
 * opened O_RDONLY | O_DIRECTORY: a relative dir is a path of the tree, an
 * absolute one is of the tree when it leads into the tour root.  Returns
 * the descriptor, or -1 with errno set, and *tree 1 when the path that
 * failed is the tree's: then ELOOP (or EXDEV) means it is, or passes
 * through, a symbolic link, EINVAL that it is no path of the tree.
 */
int	 output_dir(const char *dir, int *tree);
/*
 * Replace the file name of the directory dfd with the n bytes at p: a
 * temporary file made O_EXCL | O_NOFOLLOW beside it, renamed over it,
 * removed on failure.  A symbolic link named name is replaced, not
 * followed; a regular file keeps its mode.  -1 with errno set.
 */
int	 output_put(int dfd, const char *name, const void *p, size_t n);

#endif
