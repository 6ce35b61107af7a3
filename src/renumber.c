/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * renumber.c: give the steps of chapters the numbers N, 2N, 3N... in tour
 * order, and every cross-reference the number of the step it names.
 *
 * Only the digits of tags and references change; every other byte of a
 * file, its mode, owner, extended attributes and ACLs, and its line
 * endings stay.  The new texts are put in place by rewrite.c, atomically
 * under its journal, so that a renumber killed at any point leaves each
 * file whole, old or new, and the next renumber finishes it or undoes it.
 */
#include <stdlib.h>
#include <string.h>

#include "gitlib.h"
#include "refs.h"
#include "renumber.h"
#include "rewrite.h"

struct edit {
	size_t		 off, len;	/* the digits to replace */
	const char	*rep;		/* the new digits */
};

struct plan {
	const struct tour *t;
	const struct renumber_opts *o;
	char		***newnum;	/* by chapter index, by step index */
	struct edit	*v;		/* the edits of one file */
	size_t		 n, cap;
	const char	*text;		/* of the file being planned */
	struct diags	*amb;		/* the ambiguous references, told
					 * once: on the first plan only */
};

static int
selected(const struct plan *p, const struct chapter *ch)
{
	size_t i;

	for (i = 0; i < p->o->nchapters; i++)
		if (p->o->chapters[i] == ch)
			return 1;
	return 0;
}

/* The new number of step s, or NULL if it keeps its own or is none. */
static const char *
new_number(const struct plan *p, const struct step *s)
{
	if (s == NULL || !selected(p, s->chapter))
		return NULL;
	return p->newnum[s->chapter - p->t->chapters][s->index];
}

static void
add_edit(struct plan *p, size_t off, size_t len, const char *rep)
{
	if (rep == NULL || (strlen(rep) == len &&
	    memcmp(p->text + off, rep, len) == 0))
		return;
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 16;
		p->v = xreallocarray(p->v, p->cap, sizeof(*p->v));
	}
	p->v[p->n].off = off;
	p->v[p->n].len = len;
	p->v[p->n].rep = rep;
	p->n++;
}

/*E:005 A renumber is planned before a byte is written: for each file, the
 * edits that replace the digits of its tags and of the cross-references
 * in its prose, each step's new number made once (renumber(), below) from
 * its place in its chapter, in tour order.  A tag gets its own step's new
 * number, so that two steps that share a number, as a merge of two
 * branches that each added S:030 leaves them, get one each: by path, then
 * line.  A reference that ref_steps() resolves to one step gets that
 * step's number.  One that names a shared number could mean either step;
 * renumber does not guess: it leaves the reference as it is, tells where
 * it stands with every place of the number and their new numbers, once,
 * on the first plan, and exits 1 when it is done.
 */
struct refplan {
	struct plan	*p;
	const struct step *s;	/* whose prose it is */
	size_t		 base;	/* offset of the prose in the file */
	const char	*text;
};

/* A reference to steps that share a number: where, and what they become. */
static void
ambiguous(const struct refplan *rp, const struct ref *r,
    struct step *const *v, size_t n)
{
	const char *at = rp->text + r->off, *bol = rp->text, *nl;
	unsigned line = rp->s->line;
	struct buf now = { 0 };
	char *msg;
	size_t i;

	for (nl = rp->text; (nl = memchr(nl, '\n', (size_t)(at - nl))) != NULL;
	    nl++) {
		line++;
		bol = nl + 1;
	}
	for (i = 0; i < n; i++)
		buf_printf(&now, "%s%s:%s", i == 0 ? "" : i + 1 < n ? ", " :
		    " and ", v[i]->prefix, new_number(rp->p, v[i]));
	msg = ref_ambiguous(rp->text, r, v, n);
	diag_add(rp->p->amb, D_AMBIGUOUS_REF, rp->s->file->path, line,
	    (unsigned)(at - bol) + 1, "%s, renumbered %s; left as it is", msg,
	    buf_cstr(&now));
	free(msg);
	buf_free(&now);
}

static int
plan_ref(void *arg, const struct ref *r)
{
	struct refplan *rp = arg;
	struct step *const *v;
	size_t n;

	n = ref_steps(rp->p->t, rp->text, r, &v);
	if (n > 1 && selected(rp->p, v[0]->chapter)) {
		/* Which of them it means, only its author can tell. */
		if (rp->p->amb != NULL)
			ambiguous(rp, r, v, n);
		return 0;
	}
	add_edit(rp->p, rp->base + r->number_off, r->number_len,
	    n == 1 ? new_number(rp->p, v[0]) : NULL);
	return 0;
}

static int
edit_order(const void *a, const void *b)
{
	const struct edit *x = a, *y = b;

	return x->off < y->off ? -1 : x->off > y->off;
}

/* The edits of one file: its tags, and the references in its prose. */
static void
plan_file(struct plan *p, const struct qfile *f)
{
	const struct step *s;
	struct refplan rp;
	struct step_line l;
	size_t i, end;

	p->n = 0;
	p->text = f->text;
	for (i = 0; i < f->nsteps; i++) {
		s = &f->steps[i];
		/* The step itself: of two that share a number, each. */
		add_edit(p, s->tag_off + strlen(s->prefix) + 1,
		    strlen(s->number), new_number(p, s));
		/* The prose: the lines of the step before its code. */
		end = s->off;
		for (int ok = step_line_first(s, &l);
		    ok && l.lineno < s->code_from; ok = step_line_next(s, &l))
			end = l.next;
		rp.p = p;
		rp.s = s;
		rp.base = s->off;
		rp.text = f->text + s->off;
		refs_scan(f->text + s->off, end - s->off, plan_ref, &rp);
	}
	if (p->n > 1)
		qsort(p->v, p->n, sizeof(*p->v), edit_order);
}
/*:*/

static void
apply(const struct plan *p, const char *text, size_t len, struct buf *out)
{
	size_t i, at = 0;

	out->len = 0;
	for (i = 0; i < p->n; i++) {
		if (p->v[i].off < at)
			continue;	/* one place, edited twice: once */
		buf_add(out, text + at, p->v[i].off - at);
		buf_adds(out, p->v[i].rep);
		at = p->v[i].off + p->v[i].len;
	}
	buf_add(out, text + at, len - at);
}

/* The new text of the i-th file of the rewrite: its edits applied. */
struct newtexts {
	struct plan	*p;
	const struct qfile **files;
};

static void
new_text(void *arg, size_t i, struct buf *out)
{
	struct newtexts *nt = arg;
	const struct qfile *f = nt->files[i];

	plan_file(nt->p, f);
	apply(nt->p, f->text, f->len, out);
}

int
renumber(const struct tour *t, const struct renumber_opts *o)
{
	struct plan p;
	struct rewrite *rw;
	struct newtexts nts = { NULL, NULL };
	struct buf nt = { 0 };
	struct diags amb;
	const struct chapter *ch;
	size_t i, j, n = 0, steps = 0, width, w, done, nleft;
	int rc = RENUMBER_OK, refused = 0, changed = 0, r;

	memset(&p, 0, sizeof(p));
	p.t = t;
	p.o = o;
	diags_init(&amb);
	p.newnum = xcalloc(t->nchapters + 1, sizeof(*p.newnum));
	for (i = 0; i < t->nchapters; i++) {
		ch = &t->chapters[i];
		if (!selected(&p, ch))
			continue;
		p.newnum[i] = xcalloc(ch->nsteps + 1, sizeof(char *));
		/*
		 * The chapter's widest number, or the widest new one: so that
		 * a second run finds the width the first one wrote.
		 */
		width = o->width > 0 ? (size_t)o->width : 0;
		if (o->width <= 0) {
			for (j = 0; j < ch->nsteps; j++)
				if ((w = strlen(ch->steps[j]->number)) > width)
					width = w;
			for (w = 1, j = ch->nsteps * o->by; j >= 10; j /= 10)
				w++;
			if (w > width)
				width = w;
		}
		/* The summary counts the steps whose number changes. */
		for (j = 0; j < ch->nsteps; j++) {
			p.newnum[i][j] = xasprintf("%0*lu", (int)width,
			    (unsigned long)(j + 1) * o->by);
			steps += strcmp(p.newnum[i][j],
			    ch->steps[j]->number) != 0;
		}
	}

	/* Phase zero: every file to rewrite, checked before any is. */
	rw = rewrite_new(o->msg);
	nts.p = &p;
	nts.files = xcalloc(t->nfiles + 1, sizeof(*nts.files));
	p.amb = &amb;
	for (i = 0; i < t->nfiles; i++) {
		const struct qfile *f = &t->files[i];

		if (f->text == NULL)
			continue;
		plan_file(&p, f);
		if (p.n == 0)
			continue;
		nts.files[n++] = f;
		if ((r = rewrite_add(rw, f->path, f->text, f->len)) ==
		    REWRITE_FAIL)
			refused = 1;
		else if (r == REWRITE_LEFT)
			changed = 1;
	}
	p.amb = NULL;
	if (refused || changed) {
		rc = refused ? RENUMBER_FAIL : RENUMBER_LEFT;
		goto out;
	}
	/* What it leaves as it is, gcc-style, before it goes on. */
	diags_sort(&amb);
	diags_print(o->msg, &amb, 0, SEV_WARNING);
	if (o->dry_run) {
		for (i = 0; i < n; i++) {
			const struct qfile *f = nts.files[i];

			new_text(&nts, i, &nt);
			if (rewrite_diff(o->out, f->path, f->text, f->len,
			    nt.p, nt.len) == -1) {
				fprintf(o->msg, "quest: renumber: %s: cannot "
				    "make the diff: %s\n", f->path,
				    gitlib_init() == -1 ? gitlib_error() :
				    "libgit2 failed");
				rc = RENUMBER_FAIL;
				break;
			}
		}
		goto out;
	}

	switch (rewrite_commit(rw, new_text, &nts, &done, &nleft)) {
	case REWRITE_OK:
		break;
	case REWRITE_LEFT:
		rc = RENUMBER_LEFT;
		break;
	default:
		rc = RENUMBER_FAIL;
		break;
	}
	if (done > 0)
		fprintf(o->out, "quest: renumbered %zu step%s; rewrote %zu "
		    "file%s\n", steps, steps == 1 ? "" : "s", done,
		    done == 1 ? "" : "s");
	if (nleft > 0) {
		fprintf(o->msg, "quest: renumber: %zu file%s left as %s: run "
		    "quest renumber again\n", nleft, nleft == 1 ? "" : "s",
		    nleft == 1 ? "it was" : "they were");
		if (rc == RENUMBER_OK)
			rc = RENUMBER_LEFT;
	}
out:
	if (rc == RENUMBER_OK && amb.n > 0)
		rc = RENUMBER_AMBIGUOUS;
	diags_free(&amb);
	for (i = 0; i < t->nchapters; i++) {
		if (p.newnum[i] == NULL)
			continue;
		for (j = 0; j < t->chapters[i].nsteps; j++)
			free(p.newnum[i][j]);
		free(p.newnum[i]);
	}
	free(p.newnum);
	free(p.v);
	free(nts.files);
	rewrite_free(rw);
	buf_free(&nt);
	return rc;
}
