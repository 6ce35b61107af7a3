/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * refs.h: cross-references between steps, "[G:030]" in prose: found,
 * resolved to their steps, made links.
 */
#ifndef QUEST_REFS_H
#define QUEST_REFS_H

#include <stddef.h>

#include "tour.h"

struct ref {
	size_t		 off;		/* of the '[' in the text */
	size_t		 len;		/* up to and with the ']' */
	size_t		 prefix_off, prefix_len;
	size_t		 number_off, number_len;
};

/*
 * Call fn for every reference in text, in order.  A reference is '[', one
 * or more capitals, ':', one or more digits, ']', outside `code spans`;
 * what follows may not be '(' (a Markdown link already).  fn returns 0 to
 * go on, anything else to stop; refs_scan returns that value.
 */
int	refs_scan(const char *text, size_t len,
	    int (*fn)(void *, const struct ref *), void *arg);
/* The step of t that r, found in text, names, or NULL: the one resolver. */
struct step *ref_step(const struct tour *, const char *text,
	    const struct ref *r);
/*
 * Every step of t that r could name, in tour order: how many, and in *v
 * the first of them, among its chapter's steps.  One is the step that
 * ref_step() returns; more than one, r is ambiguous: those steps share a
 * number (duplicate-step), and only their author knows which r means.
 */
size_t	ref_steps(const struct tour *, const char *text, const struct ref *r,
	    struct step *const **v);
/*
 * What check and renumber say of an ambiguous r, the n steps v of
 * ref_steps(): "[G:030] is ambiguous: step G:030 is at a.c:4 and at
 * b.c:1", allocated.
 */
char	*ref_ambiguous(const char *text, const struct ref *r,
	    struct step *const *v, size_t n);
/*
 * Append text to out with each [G:030] that names a step of t made a
 * Markdown link to its anchor, [G:030](#G:030).  With no tour, text as is.
 */
void	refs_linkify(const struct tour *, const char *text, size_t len,
	    struct buf *out);
/*
 * For a title: each [G:030] made a link as refs_linkify() makes it when
 * t has the step, else its tag alone, G:030, so that no title shows a
 * reference raw.  With no tour, every reference is its tag.
 */
void	refs_titled(const struct tour *, const char *text, size_t len,
	    struct buf *out);

#endif
