/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * refs.c: find cross-references in a step's prose, resolve them, link them.
 */
#include <string.h>

#include "refs.h"

/*C:030 A step names another with `[G:030]` in its prose: the web book
 * makes it a link, Markdown too, and check warns when no step has that
 * number, or more than one.  The parser skips code spans, so that an
 * example of the syntax in backticks is not taken for a reference, and a
 * bracket followed by `(`, which is already a Markdown link.
 */
int
refs_scan(const char *text, size_t len, int (*fn)(void *, const struct ref *),
    void *arg)
{
	struct ref r;
	size_t i = 0, j, ticks, k;
	int rc;

	while (i < len) {
		if (text[i] == '`') {
			/* A code span ends at a run of as many backticks. */
			for (ticks = 0;
			    i + ticks < len && text[i + ticks] == '`'; ticks++)
				continue;
			for (j = i + ticks; j < len; j++) {
				if (text[j] != '`')
					continue;
				for (k = 0; j + k < len && text[j + k] == '`';
				    k++)
					continue;
				if (k == ticks)
					break;
				j += k - 1;
			}
			i = j < len ? j + ticks : i + ticks;
			continue;
		}
		if (text[i] != '[') {
			i++;
			continue;
		}
		j = i + 1;
		while (j < len && text[j] >= 'A' && text[j] <= 'Z')
			j++;
		if (j == i + 1 || j >= len || text[j] != ':') {
			i++;
			continue;
		}
		r.prefix_off = i + 1;
		r.prefix_len = j - i - 1;
		r.number_off = ++j;
		while (j < len && text[j] >= '0' && text[j] <= '9')
			j++;
		if (j == r.number_off || j >= len || text[j] != ']' ||
		    (j + 1 < len && text[j + 1] == '(')) {
			i++;
			continue;
		}
		r.number_len = j - r.number_off;
		r.off = i;
		r.len = j + 1 - i;
		if ((rc = fn(arg, &r)) != 0)
			return rc;
		i = j + 1;
	}
	return 0;
}
/*:*/

/*C:035 A reference is resolved in one place, here: the chapter of its
 * prefix, then a binary search of that chapter's steps by the value of
 * the number (tour_stepn()), so that `[G:30]` names step G:030.  check,
 * list, the Markdown of the web book, of `quest md` and of CodeTour, the
 * terminal's reader and renumber all ask this one function, or
 * ref_steps(), which finds every step of that number: when two steps
 * share it (a duplicate-step, as a merge makes), the reference is
 * ambiguous.  check says so, with every place, and renumber leaves it as
 * it is rather than guess.
 */
struct step *
ref_step(const struct tour *t, const char *text, const struct ref *r)
{
	return tour_stepn(t, text + r->prefix_off, r->prefix_len,
	    text + r->number_off, r->number_len);
}

size_t
ref_steps(const struct tour *t, const char *text, const struct ref *r,
    struct step *const **v)
{
	const struct chapter *ch;
	size_t i, n = 0;

	*v = NULL;
	if ((ch = tour_prefix(t, text + r->prefix_off, r->prefix_len)) == NULL)
		return 0;
	i = chapter_find_all(ch, text + r->number_off, r->number_len, &n);
	if (n > 0)
		*v = &ch->steps[i];
	return n;
}

char *
ref_ambiguous(const char *text, const struct ref *r, struct step *const *v,
    size_t n)
{
	struct buf b = { 0 };
	size_t i;

	buf_printf(&b, "%.*s is ambiguous: step %s is", (int)r->len,
	    text + r->off, v[0]->id);
	for (i = 0; i < n; i++) {
		buf_adds(&b, i == 0 ? " at " : i + 1 < n ? ", at " :
		    " and at ");
		name_quote(&b, v[i]->file->path);
		buf_printf(&b, ":%u", v[i]->line);
		/* G:30 and G:030 are one number, written two ways. */
		if (strcmp(v[i]->number, v[0]->number) != 0)
			buf_printf(&b, " (as %s)", v[i]->id);
	}
	buf_cstr(&b);
	return b.p;
}
/*:*/

/* [G:030] to [G:030](#G:030), for the steps the tour has. */
struct linker {
	const struct tour *t;
	const char	*text;
	struct buf	*out;
	size_t		 done;
};

static int
link_ref(void *arg, const struct ref *ref)
{
	struct linker *l = arg;
	const struct step *s;

	if ((s = ref_step(l->t, l->text, ref)) == NULL)
		return 0;
	buf_add(l->out, l->text + l->done, ref->off + ref->len - l->done);
	/* The step's own id: [G:30] names the step G:030 and its anchor. */
	buf_printf(l->out, "(#%s)", s->id);
	l->done = ref->off + ref->len;
	return 0;
}

void
refs_linkify(const struct tour *t, const char *text, size_t len,
    struct buf *out)
{
	struct linker l = { t, text, out, 0 };

	if (t != NULL)
		refs_scan(text, len, link_ref, &l);
	buf_add(out, text + l.done, len - l.done);
}

/* [G:030] to [G:030](#G:030) for a step the tour has, else to G:030. */
static int
title_ref(void *arg, const struct ref *ref)
{
	struct linker *l = arg;

	if (l->t != NULL && ref_step(l->t, l->text, ref) != NULL)
		return link_ref(arg, ref);
	buf_add(l->out, l->text + l->done, ref->off - l->done);
	buf_add(l->out, l->text + ref->off + 1, ref->len - 2);
	l->done = ref->off + ref->len;
	return 0;
}

void
refs_titled(const struct tour *t, const char *text, size_t len,
    struct buf *out)
{
	struct linker l = { t, text, out, 0 };

	refs_scan(text, len, title_ref, &l);
	buf_add(out, text + l.done, len - l.done);
}
