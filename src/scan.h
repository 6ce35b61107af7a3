/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * scan.h: the scanner's marks, private to reading a file.
 *
 * scan_text() finds the marks of one file's text; file_build() turns them
 * into the file's steps and facts.  Only the readers of a tree (load.c,
 * history.c) and their tests see marks: every other part reads the tree
 * of tour.h.
 */
#ifndef QUEST_SCAN_H
#define QUEST_SCAN_H

#include <stddef.h>

#include "tour.h"

/* What the scanner finds; offsets are into the file's text. */
enum mark_kind {
	MARK_TAG,	/* opener + PREFIX:NUMBER */
	MARK_END,	/* an end marker */
	MARK_NEAR,	/* opener + PREFIX: without a valid number */
};

struct mark {
	enum mark_kind	 kind;
	unsigned	 line;		/* 1-based */
	unsigned	 col;		/* 1-based byte column of the opener
					 * or marker */
	size_t		 line_off;	/* offset of the start of the line */
	size_t		 off;		/* TAG, NEAR: PREFIX; END: first byte
					 * to delete */
	size_t		 len;		/* TAG: PREFIX:NUMBER; END: bytes to
					 * delete; NEAR: up to the next blank */
	unsigned	 prefix_len;	/* TAG, NEAR */
	unsigned	 opener_len;	/* TAG, NEAR: the opener just before
					 * PREFIX */
	unsigned char	 block;		/* TAG: the opener is a block opener */
	unsigned char	 alone;		/* END: a comment of nothing but the
					 * marker */
};

struct marks {
	struct mark	*v;
	size_t		 n, cap;
};

/* scan.c: find every mark in one file's text.  Pure: no I/O, no globals. */
void	scan_text(const char *text, size_t len, const struct lang *,
	    struct marks *out);
/*
 * build.c: turn one file's marks into its steps, each with its derived
 * data (step_derive()), and its facts.  Reports nothing: check.c judges
 * the facts.  Safe to run on many files at once.
 */
void	file_build(struct qfile *, const struct marks *);

#endif
