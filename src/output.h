/*
 * output.h: where an output goes, and how it gets there.
 *
 * A file named by -o is the user's: output_open() follows a symbolic link
 * to its target, then replaces a regular target (or a new one) atomically
 * through util.c's atomic_open(), so that a reader sees the old file or
 * the whole new one, and writes anything else, a FIFO, a terminal, a
 * device, in place, as a compiler writes -o /dev/null: never a temporary
 * file renamed over a device.
 *
 * A directory of outputs (codetour's) is opened by output_dir(): beneath
 * the tour root by fsroot.h's rules, never through a link, when it lies in
 * the tree; as the user named it when it lies outside.  output_put()
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
	struct atomic	 a;
	int		 atomic;	/* 1: a replaces a regular file */
};

/* Open path for writing; NULL with errno set. */
FILE	*output_open(struct output *, const char *path);
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
