/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * tour.h: the tree every command reads.
 *
 *   struct tour
 *     config         what .quest says (config.h)
 *     files[]        every file that holds a tag or nearly one, sorted
 *       steps[]      in file order
 *       facts[]      what check judges: near-tags, second tags, stray ends
 *     chapters[]     in tour order: declared ones first, then the others
 *       steps[]      pointers into files[].steps, in numeric order
 *     diags          everything check reports
 *
 * A step copies no code: it holds byte offsets into its file's text, which
 * the file keeps only when it has steps.  Writers get lines through
 * step_line_first() and step_line_next(), which apply the rules of quest(5)
 * (tag deleted, end marker rewritten) on the fly.  What every writer needs
 * of a step besides (its id, its title, where its prose ends and its code
 * begins) the build derives once, into the step.
 */
#ifndef QUEST_TOUR_H
#define QUEST_TOUR_H

#include <stddef.h>

#include "config.h"
#include "diag.h"
#include "lang.h"
#include "util.h"

enum step_end {
	END_MARKER,	/* inclusive, on the line of an end marker */
	END_NEXT_TAG,	/* just before the next tag of its prefix */
	END_EOF,	/* at the end of its file */
};

struct chapter;
struct qfile;

/*
 * The largest value a step's number may have: 15 digits, leading zeros
 * aside, so that every number is exact in any JSON reader (below 2^53)
 * and quest new can count past it without wrapping.  check reports a
 * larger one (number-too-large).
 */
#define STEP_MAX	999999999999999ULL

struct step {
	struct qfile	*file;
	struct chapter	*chapter;	/* set when chapters are built */
	size_t		 index;		/* in chapter->steps, set then too */
	char		*prefix;	/* "G" */
	char		*number;	/* "030", as written */
	char		*id;		/* "G:030": anchors, links, headings */
	unsigned long long value;	/* 30; ULLONG_MAX past STEP_MAX */
	unsigned	 line;		/* the tag's line, 1-based */
	unsigned	 col;		/* the opener's column, 1-based */
	unsigned	 last;		/* last line, inclusive */
	size_t		 off;		/* start of the tag's line */
	size_t		 end;		/* just past the last line */
	size_t		 tag_off;	/* PREFIX:NUMBER, deleted from its
					 * line */
	size_t		 tag_len;
	int		 block;		/* the tag opens a block comment */
	enum step_end	 how;
	size_t		 mark_off;	/* END_MARKER: what to delete */
	size_t		 mark_len;
	/*
	 * Derived once by the build (step_derive()), read by every writer:
	 * where the prose ends, what the code is, what the title says.
	 */
	unsigned	 code_from;	/* the first line after the prose */
	unsigned	 code_first;	/* the code's lines, blank ends cut; */
	unsigned	 code_last;	/* both 0 when the step has no code */
	size_t		 code_off;	/* the code's bytes in the file's
					 * text, */
	size_t		 code_end;	/* code_first's start to past
					 * code_last */
	char		*title;		/* inline Markdown on one line, an
					 * ellipsis ending it when cut;
					 * never NULL */
	int		 title_cut;	/* cut short, or not the prose's
					 * first block: the body is whole */
	size_t		 body_off;	/* the body's start in the prose */
	int		 body_esc;	/* -1, or where the body needs a
					 * backslash to stay a paragraph */
	unsigned	 stale;		/* --since: code lines changed,
					 * 0: fresh */
	char		*stale_since;	/* --since: since what, as said */
	char		*was_id;	/* --since: its id then, if renumbered
					 * and free now */
};

/*
 * What the build found in a file besides its steps, for check.c to judge:
 * the build records, check reports.
 */
enum fact_kind {
	FACT_NEAR,		/* nearly a tag: text, of chapter prefix */
	FACT_SECOND_TAG,	/* text, a second tag of its prefix on
				 * its line */
	FACT_STRAY_END,		/* text, an end marker with no step open */
};

struct fact {
	enum fact_kind	 kind;
	char		*text;		/* what was found, for the message */
	char		*prefix;	/* FACT_NEAR: the chapter it looked
					 * like */
	unsigned	 line, col;
};

struct qfile {
	char		*path;		/* relative to the tour root */
	const struct lang *lang;
	char		*text;		/* kept only when the file has marks */
	size_t		 len;
	int		 borrowed;	/* text is another file's
					 * (qfile_clone()) */
	struct step	*steps;		/* in file order */
	size_t		 nsteps;
	struct fact	*facts;		/* in file order */
	size_t		 nfacts;
};

struct chapter {
	char		*prefix;
	char		*name;		/* from the config, else the prefix */
	int		 declared;	/* in the config */
	unsigned	 config_line;	/* its section's line in .quest */
	struct step	**steps;	/* numeric order */
	size_t		 nsteps;
};

struct tour {
	struct config	 config;
	struct qfile	*files;		/* sorted by path */
	size_t		 nfiles;
	struct chapter	*chapters;	/* tour order */
	size_t		 nchapters;
	struct diags	 diags;
};

/* scan.h: the marks of a file's text, and file_build() from them. */
/* build.c: free a file, its steps and facts, and f itself. */
void	qfile_free(struct qfile *f);
/*
 * build.c: a copy of a file, not yet in any tour's chapters, that owns its
 * steps and facts and borrows f's text: free it before f.
 */
struct qfile *qfile_clone(const struct qfile *f);
/*
 * build.c: one file's steps from its text, read from the work tree or
 * from a git blob alike.  NULL when the text is binary (text_binary())
 * or holds no mark but end markers; else a new file with a copy of path
 * and of text (kept only when the file has steps), its marks built into
 * steps and facts.  give: text itself, malloc'd and handed over (taken
 * into the file, or freed), else NULL.
 */
struct qfile *qfile_read_text(const char *path, const struct lang *,
	    const char *text, size_t len, char *give);
/* A NUL in the first 8000 bytes makes a text binary, as for git and grep. */
int	text_binary(const char *text, size_t len);
/*
 * build.c: take the files found (any order; the tour owns them after),
 * sorted by path, as the tour's files.
 */
void	tour_adopt(struct tour *, struct qfile **found, size_t n);
/* build.c: gather every file's steps into chapters, in tour order. */
void	tour_build(struct tour *);
void	tour_free(struct tour *);
struct chapter *tour_chapter(const struct tour *, const char *name_or_prefix);
struct step *tour_step(const struct tour *, const char *prefix,
	    const char *number, size_t numlen);
/*
 * The one lookup of a step by its prefix (plen bytes) and number (nlen
 * bytes, compared by value), or NULL.  refs.h resolves a [G:030] with it.
 */
struct step *tour_stepn(const struct tour *, const char *prefix, size_t plen,
	    const char *number, size_t nlen);
/* The chapter of a prefix (of n bytes), or NULL. */
struct chapter *tour_prefix(const struct tour *, const char *prefix, size_t n);
/* The index of the step of that number in ch, or ch->nsteps. */
size_t	chapter_find(const struct chapter *, const char *number, size_t numlen);
/*
 * Every step of ch with that number, by value: *n of them from the index
 * returned, in tour order (path, then line).  More than one is a
 * duplicate-step; none, *n is 0.
 */
size_t	chapter_find_all(const struct chapter *, const char *number,
	    size_t numlen, size_t *n);
/*
 * A free number for a new step of ch ("G:015"), after the step after
 * (NULL: after the last step), allocated; NULL with *err set when there is
 * no room.
 */
char	*chapter_new_number(const struct chapter *, const struct step *after,
	    char **err);

/* check.c: the lint pass over a built tour. */
void	tour_check(struct tour *);

/*
 * One line of a step as a writer shows it: the tag and end marker already
 * dealt with.  Iterate with step_line_first() and step_line_next().
 */
struct step_line {
	unsigned	 lineno;
	const char	*p;	/* bytes of the line up to, not with,
				 * its '\n' */
	size_t		 n;
	/* Parts deleted from the line (the tag, the end marker), in order. */
	struct {
		size_t	 off, len;	/* relative to p */
	}		 cut[2];
	int		 ncut;
	size_t		 next;	/* iterator state */
};

int	step_line_first(const struct step *, struct step_line *);
int	step_line_next(const struct step *, struct step_line *);
/* Append the line as shown, without a newline. */
void	step_line_add(struct buf *, const struct step_line *);

/*
 * prose.c: a step's prose (its tagged comment, decoration removed) into b;
 * returns the first line of its code, past s->last when it has none.
 */
unsigned step_prose(const struct step *, struct buf *b);
/*
 * Fill the derived fields of a step whose place is set: code_from, the
 * code's lines and bytes (the lines from code_from on, without the blank
 * ones at either end once the end marker is cut) and its title, by the
 * one title rule of every format: the heading the prose opens with, else
 * its first sentence, cut at a blank with an ellipsis past 80 characters
 * (see prose.c).  prose is scratch space.  Called by file_build(); a
 * writer reads the fields.
 */
void	step_derive(struct step *, struct buf *prose);
/*
 * The title that prose would give its step, by the same rule, as plain
 * text into out: what quest codetour writes after the tag (quest import
 * asks it of the prose it makes).  Whether it was cut, in *cut.
 */
void	prose_title(const char *prose, size_t len, struct buf *out, int *cut);
/*
 * The body of a step's prose into b: its prose without what its title
 * took (a heading, a first sentence that was not cut), still Markdown.
 */
void	step_body(const struct step *, struct buf *b);
/* The code lines, as a writer shows them, joined by newlines. */
void	step_code_text(const struct step *, struct buf *);
/* The first words of a step's prose, decoration removed, into b. */
void	step_summary(const struct step *, size_t maxlen, struct buf *b);

#endif
