/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * diag.h: the one table of diagnostics.
 *
 * Every message quest can report about a tree or a config is a row of
 * diag_table[] in diag.c: its name (shown in brackets, usable in scripts),
 * its severity and a printf format.  quest(1) lists the same table under
 * DIAGNOSTICS; a test checks the two agree.
 */
#ifndef QUEST_DIAG_H
#define QUEST_DIAG_H

#include <pthread.h>
#include <stddef.h>
#include <stdio.h>

enum severity {
	SEV_NONE = 0,
	SEV_WARNING,
	SEV_ERROR,
};

enum diag_id {
	/* The tags. */
	D_DUPLICATE_STEP,	/* two steps with one number */
	D_NEAR_TAG,		/* /\*G:03a or /\*G: : nearly a tag */
	D_STRAY_END,		/* end marker with no open step */
	D_SECOND_TAG,		/* two tags of one prefix on one line */
	D_BAD_REF,		/* [G:030] in prose names no step */
	D_STALE,		/* stale: code changed, prose did not */
	/* The files. */
	D_UNREADABLE,		/* a file that cannot be read */
	D_MISSING_FILE,		/* --files-from names no file */
	D_OUTSIDE_ROOT,		/* --files-from names a file outside the root */
	/* The config. */
	D_EMPTY_CHAPTER,	/* declared chapter with no steps */
	D_UNDECLARED,		/* prefix found but not declared */
	D_UNKNOWN_KEY,		/* key the config does not know */
	D_UNKNOWN_SECTION,	/* section the config does not know */
	D_MISSING_INTRO,	/* intro file not found */
	D_CONFIG_SYNTAX,	/* INI syntax error */
	D_CONFIG_VALUE,		/* bad value: chapter prefix, duplicate... */
	/* Issue 12: what quest refuses to read. */
	D_BAD_INTRO,		/* the intro is no regular file of the tree */
	D_SYMLINK_PATH,		/* a path of the tree goes through a link */
	D_NUMBER_TOO_LARGE,	/* a tag's number past STEP_MAX */
	/*
	 * Issue 14, last so that the rules before it keep their index (the
	 * ruleIndex of SARIF).
	 */
	D_AMBIGUOUS_REF,	/* [G:030] names two steps of one number */
	/* Issue 16. */
	D_UNKNOWN_LANG,		/* a tag in a file of no known language */
	D__MAX
};

struct diag_info {
	const char	*name;
	enum severity	 sev;
	const char	*summary;	/* one line, for --list-diagnostics */
};

extern const struct diag_info diag_table[D__MAX];

struct diag {
	enum diag_id	 id;
	char		*path;	/* relative to the tour root; NULL: none */
	unsigned	 line;	/* 1-based; 0: none */
	unsigned	 col;	/* 1-based; 0: none */
	char		*msg;	/* one line */
	char		*detail;	/* NULL, or lines printed after it:
					 * stale -v's diff */
};

/* A list of diagnostics; safe to add to from several threads. */
struct diags {
	struct diag	*v;
	size_t		 n, cap;
	pthread_mutex_t	 lock;
};

void	diags_init(struct diags *);
void	diags_free(struct diags *);
void	diag_add(struct diags *, enum diag_id, const char *path,
	    unsigned line, unsigned col, const char *fmt, ...)
	    __attribute__((format(printf, 6, 7)));
/* The same, with a detail: lines the gcc style prints after the message. */
void	diag_add_detail(struct diags *, enum diag_id, const char *path,
	    unsigned line, unsigned col, const char *detail, const char *fmt,
	    ...) __attribute__((format(printf, 7, 8)));
/* The order of diags_sort(): path, line, column, id, then message. */
int	diag_compare(const struct diag *, const struct diag *);
/* Sort by path, line, column, then id: output never depends on timing. */
void	diags_sort(struct diags *);
/* Worst severity, with warnings counted as errors when werror is set. */
enum severity diags_worst(const struct diags *, int werror);
/* Print in gcc style: path:line:col: error: message [name]. */
void	diag_print(FILE *, const struct diag *, int werror);
void	diags_print(FILE *, const struct diags *, int werror,
	    enum severity min);
const char *sev_name(enum severity);

struct buf;

/*
 * A name from the tree or the user, as quest writes it for people: as it
 * is when ordinary, UTF-8 included; in double quotes with C escapes
 * ("a\nb.c", "\033[31m.c") when it holds a control character (C0, DEL
 * or C1), a backslash, a double quote or a byte that is not UTF-8, so
 * that no name can forge a line of output or a terminal escape.  This is
 * git's core.quotePath, with UTF-8 left alone.
 */
int	name_needs_quote(const char *);
void	name_quote(struct buf *, const char *);
/* The same into a new string, owned by the caller. */
char	*name_quoted(const char *);
/* As name_quoted(), but an ordinary name in single quotes: 'a.c'. */
char	*name_quoted1(const char *);
/*
 * What an errno from fsroot.h means for a path of the tree: "a symbolic
 * link is on the way" for ELOOP and EXDEV, "not a regular file" for
 * EINVAL, "larger than the bound" for EFBIG, else strerror(3).
 */
const char *root_strerror(int);

#endif
