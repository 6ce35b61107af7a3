/*
 * tour.h: the tree every command reads.
 *
 *   struct tour
 *     config         what .quest says (config.h)
 *     files[]        every file that holds a tag or an end marker, sorted
 *     chapters[]     in tour order: declared ones first, then the others
 *       steps[]      pointers into files[].steps, in numeric order
 *     diags          everything check reports
 *
 * A step owns no text: it holds byte offsets into its file's text, which the
 * file keeps only when it has marks.  Writers get lines through
 * step_lines(), which applies the rules of quest(5) (tag deleted, end marker
 * rewritten) on the fly.
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

/* What the scanner finds; offsets are into the file's text. */
enum mark_kind {
	MARK_TAG,	/* opener + PREFIX:NUMBER */
	MARK_END,	/* an end marker */
	MARK_NEAR,	/* opener + PREFIX: without a valid number */
};

struct mark {
	enum mark_kind	 kind;
	unsigned	 line;		/* 1-based */
	unsigned	 col;		/* 1-based byte column of the opener or marker */
	size_t		 line_off;	/* offset of the start of the line */
	size_t		 off;		/* TAG, NEAR: PREFIX; END: first byte to delete */
	size_t		 len;		/* TAG: PREFIX:NUMBER; END: bytes to delete; NEAR: up to the next blank */
	unsigned	 prefix_len;	/* TAG, NEAR */
	unsigned	 opener_len;	/* TAG, NEAR: the opener just before PREFIX */
	unsigned char	 block;		/* TAG: the opener is a block opener */
	unsigned char	 alone;		/* END: a comment of nothing but the marker */
};

struct marks {
	struct mark	*v;
	size_t		 n, cap;
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
	char		*prefix;	/* "G" */
	char		*number;	/* "030", as written */
	unsigned long long value;	/* 30; ULLONG_MAX past STEP_MAX */
	unsigned	 line;		/* the tag's line, 1-based */
	unsigned	 col;		/* the opener's column, 1-based */
	unsigned	 last;		/* last line, inclusive */
	size_t		 off;		/* start of the tag's line */
	size_t		 end;		/* just past the last line */
	size_t		 tag_off;	/* PREFIX:NUMBER, deleted from its line */
	size_t		 tag_len;
	int		 block;		/* the tag opens a block comment */
	enum step_end	 how;
	size_t		 mark_off;	/* END_MARKER: what to delete */
	size_t		 mark_len;
	unsigned	 stale;		/* --since: code lines changed, 0: fresh */
};

struct near {
	char		*text;		/* what looked like a tag, for the message */
	char		*prefix;
	unsigned	 line, col;
};

struct qfile {
	char		*path;		/* relative to the tour root */
	const struct lang *lang;
	char		*text;		/* kept only when the file has marks */
	size_t		 len;
	struct step	*steps;		/* in file order */
	size_t		 nsteps;
	struct near	*nears;
	size_t		 nnears;
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

/* scan.c: find every mark in one file's text.  Pure: no I/O, no globals. */
void	scan_text(const char *text, size_t len, const struct lang *,
	    struct marks *out);
/* build.c: turn one file's marks into steps and file-level diagnostics. */
void	file_build(struct qfile *, const struct marks *, struct diags *);
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
/* The chapter of a prefix (of n bytes), or NULL. */
struct chapter *tour_prefix(const struct tour *, const char *prefix, size_t n);
/* The index of the step of that number in ch, or ch->nsteps. */
size_t	chapter_find(const struct chapter *, const char *number, size_t numlen);

/* check.c: the lint pass over a built tour. */
void	tour_check(struct tour *);

/*
 * One line of a step as a writer shows it: the tag and end marker already
 * dealt with.  Iterate with step_line_first() and step_line_next().
 */
struct step_line {
	unsigned	 lineno;
	const char	*p;	/* bytes of the line up to, not with, its '\n' */
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
 * The code of a step: the lines after its prose, without the blank ones at
 * either end once the end marker is cut.  Returns 0 when it has none.
 */
int	step_code(const struct step *, unsigned *first, unsigned *last);
/* Those lines, as a writer shows them, joined by newlines. */
void	step_code_text(const struct step *, struct buf *);
/* Its title: the first sentence of its prose, at most 100 bytes. */
void	step_title(const struct step *, struct buf *);
/* The first words of a step's prose, decoration removed, into b. */
void	step_summary(const struct step *, size_t maxlen, struct buf *b);

#endif
