/*
 * output.h: where an output goes, and how it gets there.
 *
 * A file named by -o is the user's: output_open() follows a symbolic link
 * to its target, then replaces a regular target (or a new one) atomically
 * through util.c's atomic_open(), so that a reader sees the old file or
 * the whole new one, and writes anything else, a FIFO, a terminal, a
 * device, in place, as a compiler writes -o /dev/null: never a temporary
 * file renamed over a device.
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

#endif
