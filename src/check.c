/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * check.c: the lint pass.  It reads the built tree and reports; it changes
 * nothing, so that every writer can trust what it is given and
 * `quest check` is this pass alone.
 */
#include <stdlib.h>
#include <string.h>

#include "refs.h"
#include "tour.h"

struct refcheck {
	struct tour	*t;
	const struct step *s;
	const char	*prose;
	size_t		 pos;	/* in the file: where the last reference was */
};

/* What the build recorded in a file, judged. */
static void
check_facts(struct tour *t, const struct qfile *f)
{
	const struct fact *c;
	struct chapter *ch;
	size_t i;

	for (i = 0; i < f->nfacts; i++) {
		c = &f->facts[i];
		switch (c->kind) {
		case FACT_NEAR:
			if ((ch = tour_prefix(t, c->prefix,
			    strlen(c->prefix))) == NULL)
				break;
			diag_add(&t->diags, D_NEAR_TAG, f->path, c->line,
			    c->col, "'%s' looks like a tag of chapter %s but "
			    "is not one: a tag is %s:NUMBER, digits only, then "
			    "a blank or the comment's end", c->text,
			    ch->prefix, ch->prefix);
			break;
		case FACT_SECOND_TAG:
			diag_add(&t->diags, D_SECOND_TAG, f->path, c->line,
			    c->col, "a second tag %s on this line is ignored: "
			    "one step per line and chapter", c->text);
			break;
		case FACT_STRAY_END:
			if (f->nsteps > 0)
				diag_add(&t->diags, D_STRAY_END, f->path,
				    c->line, c->col, "end marker '%s' with no "
				    "step open in this file", c->text);
			break;
		}
	}
}

/*
 * A reference to no step, or to two that share a number: say where it
 * stands in the file.
 */
static int
check_ref(void *arg, const struct ref *r)
{
	struct refcheck *rc = arg;
	const struct step *s = rc->s;
	const char *text = s->file->text, *at, *p, *bol;
	unsigned line = s->line, col = 0;
	struct step *const *v;
	size_t n;
	char *msg;

	if ((n = ref_steps(rc->t, rc->prose, r, &v)) == 1)
		return 0;
	/* The prose lost its decoration, not the reference's bytes. */
	at = rc->pos < s->end ? memmem(text + rc->pos, s->end - rc->pos,
	    rc->prose + r->off, r->len) : NULL;
	if (at != NULL) {
		bol = text + s->off;
		for (p = text + s->off; (p = memchr(p, '\n', (size_t)(at - p)))
		    != NULL; p++) {
			line++;
			bol = p + 1;
		}
		col = (unsigned)(at - bol) + 1;
		rc->pos = (size_t)(at - text) + r->len;
	}
	if (n > 1) {
		msg = ref_ambiguous(rc->prose, r, v, n);
		diag_add(&rc->t->diags, D_AMBIGUOUS_REF, s->file->path, line,
		    col, "%s", msg);
		free(msg);
		return 0;
	}
	diag_add(&rc->t->diags, D_BAD_REF, s->file->path, line, col,
	    "step %s refers to %.*s, which is no step", s->id,
	    (int)r->len, rc->prose + r->off);
	return 0;
}

/*C:010 Checking is a pass of its own over the finished tree.  Two steps of
 * one chapter with one number are an error that names both places: the
 * weave would depend on which came first.  So is a number larger than
 * STEP_MAX, past which quest new could not count, and an intro that is
 * not a regular file of the tree, as quest html would refuse it.  Two
 * branches that each added a step of one number make a duplicate when
 * they merge, and quest renumber, which gives each a number of its own
 * in tour order, is the cure; a cross-reference to that number is
 * ambiguous, a warning with every place, since no program can tell which
 * of the steps it meant.  A declared chapter with no steps, a prefix the
 * config does not declare, an intro that is not there and a comment that
 * is nearly a tag of a known chapter are warnings, and so are the facts
 * the build recorded in a file: a second tag of one prefix on a line, and
 * an end marker with no step open in a file that has steps (in a file
 * with none it is surely a comment that ends with a colon, such as
 * "x :*\/").  Files that could not be read were reported by the load,
 * with their place.
 */
void
tour_check(struct tour *t)
{
	const struct config *cfg = &t->config;
	struct chapter *ch;
	struct step *a, *b;
	size_t i, j;
	char *q;
	int same;

	for (i = 0; i < t->nchapters; i++) {
		ch = &t->chapters[i];
		for (j = 0; j < ch->nsteps; j++) {
			b = ch->steps[j];
			if (b->value > STEP_MAX)
				diag_add(&t->diags, D_NUMBER_TOO_LARGE,
				    b->file->path, b->line, b->col, "step "
				    "%s:%.40s%s has a number larger than %llu, "
				    "the most a step may have; quest renumber "
				    "gives its chapter smaller ones", b->prefix,
				    b->number, strlen(b->number) > 40 ? "..." :
				    "", STEP_MAX);
		}
		for (j = 1; j < ch->nsteps; j++) {
			a = ch->steps[j - 1];
			b = ch->steps[j];
			if (numcmp(a->number, strlen(a->number), b->number,
			    strlen(b->number)) != 0)
				continue;
			q = name_quoted(a->file->path);
			same = strcmp(a->number, b->number) == 0;
			diag_add(&t->diags, D_DUPLICATE_STEP, b->file->path,
			    b->line, b->col, "step %s is also at %s:%u%s%s; "
			    "quest renumber gives each a number of its own",
			    b->id, q, a->line, same ? "" : ", written ",
			    same ? "" : a->id);
			free(q);
		}
		if (ch->declared && ch->nsteps == 0)
			diag_add(&t->diags, D_EMPTY_CHAPTER, cfg->path,
			    ch->config_line, 1, "chapter %s (%s) has no steps",
			    ch->prefix, ch->name);
		if (!ch->declared && cfg->nchapters > 0 && ch->nsteps > 0)
			diag_add(&t->diags, D_UNDECLARED,
			    ch->steps[0]->file->path, ch->steps[0]->line,
			    ch->steps[0]->col,
			    "chapter prefix %s is not declared in %s; it is "
			    "shown after the declared chapters", ch->prefix,
			    cfg->path);
	}

	for (i = 0; i < t->nfiles; i++)
		check_facts(t, &t->files[i]);

	/* Cross-references, in tour order. */
	for (i = 0; i < t->nchapters; i++) {
		struct buf prose = { 0 };
		struct refcheck rc = { t, NULL, NULL, 0 };

		ch = &t->chapters[i];
		for (j = 0; j < ch->nsteps; j++) {
			rc.s = ch->steps[j];
			rc.pos = rc.s->off;
			step_prose(rc.s, &prose);
			rc.prose = buf_cstr(&prose);
			refs_scan(prose.p, prose.len, check_ref, &rc);
		}
		buf_free(&prose);
	}

	if (cfg->intro != NULL) {
		struct buf text = { 0 };
		enum intro_status st;
		char *why;

		/* As html will read it: beneath the root, bounded, no link. */
		if ((st = config_intro(cfg, &text, &why)) != INTRO_OK)
			diag_add(&t->diags, st == INTRO_REFUSED ? D_BAD_INTRO :
			    D_MISSING_INTRO, cfg->path, cfg->intro_line, 1,
			    "%s", why);
		free(why);
		buf_free(&text);
	}
}
/*:*/
