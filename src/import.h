/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * import.h: quest import codetour: the steps of VS Code CodeTour files
 * made tags in the files they point at (import.c).
 */
#ifndef QUEST_IMPORT_H
#define QUEST_IMPORT_H

#include <stdio.h>

#include "tour.h"

/* A .tour file is read whole, up to this many bytes. */
#define CODETOUR_MAX	((size_t)16 << 20)

/* A step of a CodeTour file, as it stands there: NULL or 0 when absent. */
struct ct_step {
	char		*file;
	char		*directory;
	char		*uri;
	char		*pattern;
	char		*title;
	char		*description;
	int		 contents;	/* has "contents": a file of its own */
	unsigned long	 line;		/* from 1 */
	unsigned long	 sel_start;	/* "selection": its lines, from 1 */
	unsigned long	 sel_end;
};

struct ct_tour {
	char		*title;
	struct ct_step	*steps;
	size_t		 nsteps;
};

/*
 * Parse a CodeTour file: an object with a "title" and a "steps" array of
 * objects, each field of the type the schema gives it (a field of another
 * type is an error, one the schema does not know is ignored); a step's
 * file without its "./" and doubled slashes.  0, or -1
 * with *err ("steps[3].line: not a positive whole number").
 */
int	ct_parse(const char *text, size_t len, struct ct_tour *, char **err);
void	ct_free(struct ct_tour *);

/* A .tour file given on the command line, read by the caller. */
struct import_src {
	const char	*name;		/* as given, for messages */
	const char	*text;
	size_t		 len;
};

struct import_opts {
	const char	*prefix;	/* --prefix, or NULL: derived */
	int		 dry_run;	/* print a unified diff only */
	const struct import_src *srcs;
	size_t		 nsrcs;
	FILE		*out;		/* the diff, the summary */
	FILE		*msg;		/* "quest: import: ..." */
};

/* What import_codetour() returns. */
enum {
	IMPORT_OK = 0,		/* every step imported (or there already) */
	IMPORT_PARTIAL = 1,	/* some step not imported, or a file left
				 * because it changed: told */
	IMPORT_FAIL = -1,	/* refused, or a system error: told */
};

/*
 * Import the tours into the checked tour t, in the tour root, under the
 * lock of rewrite_begin(RW_IMPORT...): each a chapter of .quest, each of
 * its steps that points at a line of a file of the tree a tag comment
 * above that line.
 */
int	import_codetour(const struct tour *t, const struct import_opts *);

#endif
