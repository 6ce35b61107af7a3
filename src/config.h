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

struct config {
	char		*path;		/* ".quest" relative to the root; NULL: none */
	char		*title;
	char		*intro;		/* a path relative to the root */
	unsigned	 intro_line;
	struct config_chapter *chapters;	/* section order */
	size_t		 nchapters;
	char		**include;	/* path globs; none: everything */
	size_t		 ninclude;
	char		**exclude;
	size_t		 nexclude;
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
/* Is s a valid chapter prefix: one or more ASCII capitals? */
int	prefix_valid(const char *s, size_t n);

#endif
