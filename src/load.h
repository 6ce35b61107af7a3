/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * load.h: from a directory to a checked tour.
 */
#ifndef QUEST_LOAD_H
#define QUEST_LOAD_H

#include <stdio.h>

#include "tour.h"

struct load_opts {
	FILE		*files_from;	/* NULL: list the tree */
	const char	*files_from_name;
	int		 jobs;		/* scanning threads; 0: one per core */
	/* Run in the tour root before the tree is read; -1 stops the load. */
	int		(*prepare)(char **err);
	/*
	 * Called from any scanning thread with the language of each file that
	 * has steps, as soon as it is read: the driver of quest html passes
	 * highlight_prepare(), which starts compiling the grammar's query.
	 */
	void		(*found)(const struct lang *);
	/*
	 * Told what the load passed over and why, in a sentence, to be
	 * printed as a warning: a .quest above that is not trusted, tracked
	 * files a sparse checkout left out.  NULL: say nothing.
	 */
	void		(*warn)(const char *msg);
	/*
	 * Look for what would be a tag in each file of a language quest does
	 * not know, and warn of it (D_UNKNOWN_LANG): quest check.
	 */
	int		 unknown;
	/*
	 * Called from any scanning thread with every file of a language
	 * quest reads that is not binary, read whole, and f, what the scan
	 * made of it (NULL: no steps, nor anything check judges): quest
	 * coverage counts its lines there.  NULL: files without marks are
	 * read only as far as the scan needs.
	 */
	void		(*each)(void *ctx, const char *path,
			    const struct lang *, const char *text, size_t len,
			    const struct qfile *f);
	void		*each_ctx;
};

enum load_status {
	LOAD_OK = 0,
	LOAD_CONFIG = -1,	/* the config has an error: in t->diags */
	LOAD_FAIL = -2,		/* the tree cannot be read: *err says why */
};

/*
 * Find the tour root upwards from the current directory and change to it,
 * read the config, list and scan the files, build the tree.  *sub is the
 * directory quest started in, relative to the root ("" at the root).
 */
enum load_status tour_load(struct tour *, const struct load_opts *,
	    char **err);

#endif
