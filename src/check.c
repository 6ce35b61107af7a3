/*
 * check.c: the lint pass.  It reads the built tree and reports; it changes
 * nothing, so that every writer can trust what it is given and
 * `quest check` is this pass alone.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "refs.h"
#include "tour.h"

struct refcheck {
	struct tour	*t;
	const struct step *s;
	const char	*prose;
	size_t		 pos;	/* in the file: where the last reference was */
};

/* A reference to no step: say where it stands in the file. */
static int
check_ref(void *arg, const struct ref *r)
{
	struct refcheck *rc = arg;
	const struct step *s = rc->s;
	const char *text = s->file->text, *at, *p, *bol;
	char prefix[64];
	unsigned line = s->line, col = 0;

	if (r->prefix_len >= sizeof(prefix))
		return 0;
	memcpy(prefix, rc->prose + r->prefix_off, r->prefix_len);
	prefix[r->prefix_len] = '\0';
	if (tour_step(rc->t, prefix, rc->prose + r->number_off,
	    r->number_len) != NULL)
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
	diag_add(&rc->t->diags, D_BAD_REF, s->file->path, line, col,
	    "step %s:%s refers to %.*s, which is no step", s->prefix,
	    s->number, (int)r->len, rc->prose + r->off);
	return 0;
}

/*C:010 Checking is a pass of its own over the finished tree.  Two steps of
 * one chapter with one number are an error that names both places: the
 * weave would depend on which came first.  So is a number larger than
 * STEP_MAX, past which quest new could not count.  A declared chapter with
 * no steps, a prefix the config does not declare, an intro that is not
 * there and a comment that is nearly a tag of a known chapter are
 * warnings.
 * Problems found while reading (unreadable files, stray end markers) were
 * reported by the scanner already, with their place.
 */
void
tour_check(struct tour *t)
{
	const struct config *cfg = &t->config;
	struct chapter *ch;
	struct step *a, *b;
	struct qfile *f;
	struct near *nr;
	size_t i, j;

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
			diag_add(&t->diags, D_DUPLICATE_STEP, b->file->path,
			    b->line, b->col, "step %s:%s has the number of "
			    "step %s:%s at %s:%u", b->prefix, b->number,
			    a->prefix, a->number, a->file->path, a->line);
		}
		if (ch->declared && ch->nsteps == 0)
			diag_add(&t->diags, D_EMPTY_CHAPTER, cfg->path,
			    ch->config_line, 1, "chapter %s (%s) has no steps",
			    ch->prefix, ch->name);
		if (!ch->declared && cfg->nchapters > 0 && ch->nsteps > 0)
			diag_add(&t->diags, D_UNDECLARED, ch->steps[0]->file->path,
			    ch->steps[0]->line, ch->steps[0]->col,
			    "chapter prefix %s is not declared in %s; it is "
			    "shown after the declared chapters", ch->prefix,
			    cfg->path);
	}

	for (i = 0; i < t->nfiles; i++) {
		f = &t->files[i];
		for (j = 0; j < f->nnears; j++) {
			nr = &f->nears[j];
			if ((ch = tour_prefix(t, nr->prefix,
			    strlen(nr->prefix))) == NULL)
				continue;
			diag_add(&t->diags, D_NEAR_TAG, f->path, nr->line,
			    nr->col, "'%s' looks like a tag of chapter %s but "
			    "is not one: a tag is %s:NUMBER, digits only, then "
			    "a blank or the comment's end", nr->text,
			    ch->prefix, ch->prefix);
		}
	}

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

	if (cfg->intro != NULL && access(cfg->intro, R_OK) != 0)
		diag_add(&t->diags, D_MISSING_INTRO, cfg->path, cfg->intro_line,
		    1, "intro file '%s' cannot be read", cfg->intro);
}
/*:*/
