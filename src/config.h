/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * config.h: what a .quest file says.
 */
#ifndef QUEST_CONFIG_H
#define QUEST_CONFIG_H

#include <stddef.h>

#include "diag.h"

struct config_chapter {
	char		*prefix;
	char		*name;
	unsigned	 line;		/* of its [chapter X] section */
};

/* A [language NAME] section: the files that are in that language. */
struct config_lang {
	const struct lang *lang;	/* of lang.c's table */
	char		**files;	/* globs, as for include */
	size_t		 nfiles;
	unsigned	 line;		/* of its section */
};

struct config {
	char		*path;		/* ".quest" relative to the root;
					 * NULL: none */
	char		*title;
	char		*intro;		/* a path relative to the root */
	unsigned	 intro_line;
	struct config_chapter *chapters;	/* section order */
	size_t		 nchapters;
	char		**include;	/* path globs; none: everything */
	size_t		 ninclude;
	char		**exclude;
	size_t		 nexclude;
	struct config_lang *langs;	/* section order */
	size_t		 nlangs;
};

/*
 * Parse the text of a config.  path names it in messages.  Problems go to
 * diags; the return value is -1 when one of them is an error that must stop
 * quest (syntax, a bad chapter), else 0.
 */
int	config_parse(struct config *, const char *path, const char *text,
	    size_t len, struct diags *);
void	config_free(struct config *);
/* Is path (relative to the root) selected by include and exclude? */
int	config_selects(const struct config *, const char *path);
/*
 * The language of path (relative to the root): that of the first
 * [language] section whose files match it, else lang_by_path()'s; NULL
 * when quest does not know it (a #! line may still tell).
 */
struct lang;
const struct lang *config_lang(const struct config *, const char *path);
/*
 * The intro: a regular file of the tree, below the tour root (the current
 * directory once the tour is loaded), reached without a symbolic link, of
 * at most INTRO_MAX bytes, read without blocking.  Returns INTRO_OK with
 * its text in out; INTRO_MISSING when it is not there or cannot be read
 * (a warning); INTRO_REFUSED when it is anything else (an absolute path,
 * "..", a link, a directory, a FIFO, a device, too large: an error).  *why,
 * unless INTRO_OK, is the reason, to be freed.
 */
#define INTRO_MAX	((size_t)1 << 20)
enum intro_status {
	INTRO_OK,
	INTRO_MISSING,
	INTRO_REFUSED,
};
struct buf;
enum intro_status config_intro(const struct config *, struct buf *out,
	    char **why);
/* Is s a valid chapter prefix: one or more ASCII capitals? */
int	prefix_valid(const char *s, size_t n);

#endif
