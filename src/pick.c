/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * pick.c: the chapters and steps that the operands of a command name.
 */
#include <stdlib.h>
#include <string.h>

#include "pick.h"

char *
pick_no_chapter(const struct tour *t, const char *name)
{
	struct buf b = { 0 };
	size_t i;

	buf_printf(&b, "no chapter '%s'", name);
	if (t->nchapters == 0)
		buf_adds(&b, ": this tree has no chapters");
	else
		buf_adds(&b, "; the chapters are:");
	for (i = 0; i < t->nchapters; i++)
		buf_printf(&b, "\n  %s (%s)", t->chapters[i].name,
		    t->chapters[i].prefix);
	return b.p;	/* buf_printf() made it */
}

/*
 * "G:030", "G:030..G:050" or "G:030..050": the steps of one chapter whose
 * numbers lie in the range, as a chapter of its own in *out, owned by p.
 * Returns 1, 0 when arg is not written as a step, or -1 with *err set.
 */
static int
pick_steps(const struct tour *t, const char *arg, struct pick *p,
    struct chapter **out, char **err)
{
	const char *colon, *from, *dots, *to, *tcolon;
	struct chapter *ch, *sub;
	char prefix[64];
	size_t i, plen, flen, tlen;

	if ((colon = strchr(arg, ':')) == NULL ||
	    (size_t)(colon - arg) >= sizeof(prefix))
		return 0;
	plen = (size_t)(colon - arg);
	memcpy(prefix, arg, plen);
	prefix[plen] = '\0';
	from = colon + 1;
	flen = strspn(from, "0123456789");
	dots = from + flen;
	if (!prefix_valid(arg, plen) || flen == 0 ||
	    (*dots != '\0' && strncmp(dots, "..", 2) != 0))
		return 0;
	to = from;
	tlen = flen;
	if (*dots != '\0') {
		to = dots + 2;
		if ((tcolon = strchr(to, ':')) != NULL) {
			if ((size_t)(tcolon - to) != plen ||
			    strncmp(to, arg, plen) != 0) {
				*err = xasprintf("%s: a range stays in one "
				    "chapter", arg);
				return -1;
			}
			to = tcolon + 1;
		}
		tlen = strlen(to);
		if (tlen == 0 || strspn(to, "0123456789") != tlen)
			return 0;
	}
	if ((ch = tour_prefix(t, arg, plen)) == NULL) {
		*err = pick_no_chapter(t, prefix);
		return -1;
	}
	sub = xcalloc(1, sizeof(*sub));
	*sub = *ch;
	sub->steps = xcalloc(ch->nsteps + 1, sizeof(*sub->steps));
	sub->nsteps = 0;
	for (i = 0; i < ch->nsteps; i++)
		if (numcmp(ch->steps[i]->number, strlen(ch->steps[i]->number),
		    from, flen) >= 0 && numcmp(ch->steps[i]->number,
		    strlen(ch->steps[i]->number), to, tlen) <= 0)
			sub->steps[sub->nsteps++] = ch->steps[i];
	p->owned = xreallocarray(p->owned, p->nowned + 1, sizeof(*p->owned));
	p->owned[p->nowned++] = sub;
	if (sub->nsteps == 0) {
		*err = xasprintf("chapter %s (%s) has no step %s", ch->name,
		    ch->prefix, arg);
		return -1;
	}
	*out = sub;
	return 1;
}

int
pick(const struct tour *t, int argc, char **argv, int what,
    struct pick *p, char **err)
{
	struct chapter *ch;
	size_t i;
	int a, r;

	memset(p, 0, sizeof(*p));
	*err = NULL;
	p->whole = argc == 0;
	if (argc == 0) {
		p->chapters = xcalloc(t->nchapters + 1, sizeof(*p->chapters));
		for (i = 0; i < t->nchapters; i++)
			p->chapters[p->nchapters++] = &t->chapters[i];
		return 0;
	}
	p->chapters = xcalloc((size_t)argc, sizeof(*p->chapters));
	for (a = 0; a < argc; a++) {
		r = 1;
		if ((ch = tour_chapter(t, argv[a])) == NULL &&
		    (what != PICK_STEPS ||
		    (r = pick_steps(t, argv[a], p, &ch, err)) == 0)) {
			*err = pick_no_chapter(t, argv[a]);
			r = -1;
		}
		if (r == -1) {
			pick_free(p);
			return -1;
		}
		for (i = 0; i < p->nchapters; i++)
			if (p->chapters[i] == ch)
				break;
		if (i == p->nchapters)	/* named twice: written once */
			p->chapters[p->nchapters++] = ch;
	}
	return 0;
}

void
pick_free(struct pick *p)
{
	size_t i;

	for (i = 0; i < p->nowned; i++) {
		free(p->owned[i]->steps);
		free(p->owned[i]);
	}
	free(p->owned);
	free(p->chapters);
	memset(p, 0, sizeof(*p));
}
