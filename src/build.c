/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * build.c: from marks to steps, from steps to chapters.
 *
 * file_build() applies rules 1 to 5 of quest(5) to the marks of one file and
 * runs in the scanning threads; tour_build() applies rule 6 and the config,
 * once all files are in.  Neither prints or judges: what is wrong is
 * recorded as a fact of its file and left for check.c, what a file's lines
 * look like for step_line_*() below.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "scan.h"

static struct step *
new_step(struct qfile *f, const struct mark *m)
{
	struct step *s;
	const char *num;
	unsigned long long v = 0;
	size_t i, numlen;

	f->steps = xreallocarray(f->steps, f->nsteps + 1, sizeof(*f->steps));
	s = &f->steps[f->nsteps++];
	memset(s, 0, sizeof(*s));
	s->file = f;
	s->prefix = xstrndup(f->text + m->off, m->prefix_len);
	num = f->text + m->off + m->prefix_len + 1;
	numlen = m->len - m->prefix_len - 1;
	s->number = xstrndup(num, numlen);
	s->id = xasprintf("%s:%s", s->prefix, s->number);
	for (i = 0; i < numlen; i++) {
		v = v * 10 + (unsigned)(num[i] - '0');
		if (v > STEP_MAX) {
			v = ULLONG_MAX;
			break;
		}
	}
	s->value = v;
	s->line = m->line;
	s->col = m->col;
	s->off = m->line_off;
	s->tag_off = m->off;
	s->tag_len = m->len;
	s->block = m->block;
	return s;
}

/* Count the lines of text[off..end), the last one with or without '\n'. */
static unsigned
count_lines(const char *text, size_t off, size_t end)
{
	const char *p;
	unsigned n = 0;

	while (off < end && (p = memchr(text + off, '\n', end - off)) != NULL) {
		n++;
		off = (size_t)(p - text) + 1;
	}
	return n + (off < end);
}

static void
add_fact(struct qfile *f, enum fact_kind kind, const struct mark *x,
    const char *text, size_t len)
{
	struct fact *c;

	f->facts = xreallocarray(f->facts, f->nfacts + 1, sizeof(*f->facts));
	c = &f->facts[f->nfacts++];
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	c->text = xstrndup(text, len);
	c->line = x->line;
	c->col = x->col;
}

/*T:020 Rules 3 to 5 of quest(5) come down to a handful of lines.  The marks
 * of a file are taken a line at a time.  A tag first ends the step of its
 * own prefix that is still open, just before its line, and opens a new one;
 * tags of other prefixes leave that step alone.  Then an end marker on the
 * line ends every open step, on this line.  What is still open at the end
 * of the file ends there.  A second tag of one prefix on a line, and an
 * end marker with no step open, are facts of the file for check.c.
 */
void
file_build(struct qfile *f, const struct marks *m)
{
	size_t *open = NULL, nopen = 0, i, j, k, first, nl_end;
	const struct mark *x, *endmark;
	struct buf scratch = { 0 };
	struct step *s;
	const char *nl;

	for (i = 0; i < m->n; i = j) {
		for (j = i; j < m->n && m->v[j].line == m->v[i].line; j++)
			continue;
		endmark = NULL;
		for (k = i; k < j; k++) {
			x = &m->v[k];
			if (x->kind == MARK_END) {
				if (endmark == NULL)
					endmark = x;
				continue;
			}
			if (x->kind == MARK_NEAR) {
				add_fact(f, FACT_NEAR, x, f->text + x->off -
				    x->opener_len, x->len + x->opener_len);
				f->facts[f->nfacts - 1].prefix =
				    xstrndup(f->text + x->off, x->prefix_len);
				continue;
			}
			for (first = 0; first < nopen; first++) {
				s = &f->steps[open[first]];
				if (strlen(s->prefix) == x->prefix_len &&
				    memcmp(s->prefix, f->text + x->off,
				    x->prefix_len) == 0)
					break;
			}
			if (first < nopen) {
				s = &f->steps[open[first]];
				if (s->line == x->line) {
					add_fact(f, FACT_SECOND_TAG, x,
					    f->text + x->off, x->len);
					continue;
				}
				s->how = END_NEXT_TAG;
				s->last = x->line - 1;
				s->end = x->line_off;
				open[first] = open[--nopen];
			}
			new_step(f, x);
			open = xreallocarray(open, nopen + 1, sizeof(*open));
			open[nopen++] = f->nsteps - 1;
		}
		if (endmark == NULL)
			continue;
		if (nopen == 0) {
			/* As it stands in the text, closer and all. */
			add_fact(f, FACT_STRAY_END, endmark, f->text +
			    endmark->off, endmark->len + (endmark->alone ? 0 :
			    strlen(f->lang->block_close)));
			continue;
		}
		nl = memchr(f->text + endmark->off, '\n',
		    f->len - endmark->off);
		nl_end = nl ? (size_t)(nl - f->text) + 1 : f->len;
		for (k = 0; k < nopen; k++) {
			s = &f->steps[open[k]];
			s->how = END_MARKER;
			s->last = endmark->line;
			s->end = nl_end;
			s->mark_off = endmark->off;
			s->mark_len = endmark->len;
		}
		nopen = 0;
	}
	for (k = 0; k < nopen; k++) {
		s = &f->steps[open[k]];
		s->how = END_EOF;
		s->end = f->len;
		s->last = s->line + count_lines(f->text, s->off, f->len) - 1;
	}
	free(open);
	/* Every step's place is known: what the writers need of it, once. */
	for (k = 0; k < f->nsteps; k++)
		step_derive(&f->steps[k], &scratch);
	buf_free(&scratch);
}

/* As git and grep judge: how far a NUL makes a text binary. */
#define BINARY_BLOCK	8000

int
text_binary(const char *text, size_t len)
{
	return memchr(text, '\0', len < BINARY_BLOCK ? len : BINARY_BLOCK) !=
	    NULL;
}

struct qfile *
qfile_read_text(const char *path, const struct lang *l, const char *text,
    size_t len, char *give)
{
	struct marks m = { 0 };
	struct qfile *f = NULL;
	size_t i;

	if (text_binary(text, len))
		goto out;
	scan_text(text, len, l, &m);
	for (i = 0; i < m.n && m.v[i].kind == MARK_END; i++)
		continue;
	if (i == m.n)
		goto out;
	f = xcalloc(1, sizeof(*f));
	f->path = xstrdup(path);
	f->lang = l;
	f->len = len;
	if (give != NULL) {
		f->text = give;
		give = NULL;
	} else {
		f->text = xmalloc(len + 1);
		memcpy(f->text, text, len);
		f->text[len] = '\0';
	}
	file_build(f, &m);
	if (f->nsteps == 0) {
		/* Nothing to weave: keep what check needs, not the text. */
		free(f->text);
		f->text = NULL;
	}
out:
	free(m.v);
	free(give);
	return f;
}

static int
file_order(const void *a, const void *b)
{
	return strcmp((*(struct qfile *const *)a)->path,
	    (*(struct qfile *const *)b)->path);
}

void
tour_adopt(struct tour *t, struct qfile **found, size_t n)
{
	size_t i, k;

	if (n > 1)
		qsort(found, n, sizeof(*found), file_order);
	t->files = xcalloc(n + 1, sizeof(*t->files));
	t->nfiles = 0;
	for (i = 0; i < n; i++) {
		t->files[t->nfiles] = *found[i];
		/* The steps point at their file: move them along. */
		for (k = 0; k < t->files[t->nfiles].nsteps; k++)
			t->files[t->nfiles].steps[k].file =
			    &t->files[t->nfiles];
		t->nfiles++;
		free(found[i]);
	}
}

static int
step_order(const void *pa, const void *pb)
{
	const struct step *a = *(struct step *const *)pa;
	const struct step *b = *(struct step *const *)pb;
	int c;

	c = numcmp(a->number, strlen(a->number), b->number, strlen(b->number));
	if (c != 0)
		return c;
	/* Equal numbers are an error; still, order them the same every time. */
	if ((c = strcmp(a->file->path, b->file->path)) != 0)
		return c;
	return a->line < b->line ? -1 : a->line > b->line;
}

static int
prefix_order(const void *pa, const void *pb)
{
	return strcmp(*(char *const *)pa, *(char *const *)pb);
}

static struct chapter *
find_prefix(struct tour *t, const char *prefix)
{
	size_t i;

	for (i = 0; i < t->nchapters; i++)
		if (strcmp(t->chapters[i].prefix, prefix) == 0)
			return &t->chapters[i];
	return NULL;
}

/*P:060 Once every file is scanned, the steps are gathered into chapters:
 * first those the config declares, in the order of its sections, then any
 * other prefix found in the code, in alphabetical order.  Within a chapter,
 * steps sort by the value of their number, so `9` comes before `10` and
 * `030` and `30` collide, which check.c reports.
 */
void
tour_build(struct tour *t)
{
	char **extra = NULL;
	size_t nextra = 0, i, j, n;
	struct chapter *ch;
	struct step *s;

	n = t->config.nchapters;
	for (i = 0; i < t->nfiles; i++)
		n += t->files[i].nsteps;
	t->chapters = xcalloc(n + 1, sizeof(*t->chapters));
	for (i = 0; i < t->config.nchapters; i++) {
		ch = &t->chapters[t->nchapters++];
		ch->prefix = xstrdup(t->config.chapters[i].prefix);
		ch->name = xstrdup(t->config.chapters[i].name);
		ch->declared = 1;
		ch->config_line = t->config.chapters[i].line;
	}
	for (i = 0; i < t->nfiles; i++)
		for (j = 0; j < t->files[i].nsteps; j++) {
			s = &t->files[i].steps[j];
			if (find_prefix(t, s->prefix) != NULL)
				continue;
			extra = xreallocarray(extra, nextra + 1,
			    sizeof(*extra));
			extra[nextra++] = s->prefix;
			/* Claim it now, so that it is counted once. */
			ch = &t->chapters[t->nchapters++];
			ch->prefix = xstrdup(s->prefix);
		}
	/* Undeclared chapters come last, in alphabetical order. */
	t->nchapters -= nextra;
	for (i = 0; i < nextra; i++)
		free(t->chapters[t->nchapters + i].prefix);
	if (nextra > 1)
		qsort(extra, nextra, sizeof(*extra), prefix_order);
	for (i = 0; i < nextra; i++) {
		ch = &t->chapters[t->nchapters++];
		memset(ch, 0, sizeof(*ch));
		ch->prefix = xstrdup(extra[i]);
		ch->name = xstrdup(extra[i]);
	}
	free(extra);

	for (i = 0; i < t->nfiles; i++)
		for (j = 0; j < t->files[i].nsteps; j++) {
			s = &t->files[i].steps[j];
			ch = find_prefix(t, s->prefix);
			ch->steps = xreallocarray(ch->steps, ch->nsteps + 1,
			    sizeof(*ch->steps));
			ch->steps[ch->nsteps++] = s;
			s->chapter = ch;
		}
	for (i = 0; i < t->nchapters; i++) {
		ch = &t->chapters[i];
		if (ch->nsteps > 1)
			qsort(ch->steps, ch->nsteps, sizeof(struct step *),
			    step_order);
		for (j = 0; j < ch->nsteps; j++)
			ch->steps[j]->index = j;
	}
}
/*:*/

/* What a file owns, not the file itself. */
static void
qfile_clear(struct qfile *f)
{
	size_t j;

	for (j = 0; j < f->nsteps; j++) {
		free(f->steps[j].prefix);
		free(f->steps[j].number);
		free(f->steps[j].id);
		free(f->steps[j].title);
		free(f->steps[j].stale_since);
		free(f->steps[j].was_id);
	}
	for (j = 0; j < f->nfacts; j++) {
		free(f->facts[j].text);
		free(f->facts[j].prefix);
	}
	free(f->steps);
	free(f->facts);
	free(f->path);
	if (!f->borrowed)
		free(f->text);
}

/*
 * A copy of a file, its steps and facts its own, its text f's: the
 * history reads a blob once and copies it into each commit that has it,
 * and frees the copies before f.
 */
struct qfile *
qfile_clone(const struct qfile *f)
{
	struct qfile *c = xcalloc(1, sizeof(*c));
	struct step *s;
	size_t j;

	*c = *f;
	c->path = xstrdup(f->path);
	c->borrowed = f->text != NULL;	/* f's, which outlives c */
	c->steps = xcalloc(f->nsteps + 1, sizeof(*c->steps));
	for (j = 0; j < f->nsteps; j++) {
		s = &c->steps[j];
		*s = f->steps[j];
		s->file = c;
		s->chapter = NULL;
		s->index = 0;
		s->prefix = xstrdup(f->steps[j].prefix);
		s->number = xstrdup(f->steps[j].number);
		s->id = xstrdup(f->steps[j].id);
		s->title = xstrdup(f->steps[j].title);
		s->stale = 0;
		s->stale_since = NULL;
		s->was_id = NULL;
	}
	c->facts = xcalloc(f->nfacts + 1, sizeof(*c->facts));
	for (j = 0; j < f->nfacts; j++) {
		c->facts[j] = f->facts[j];
		c->facts[j].text = f->facts[j].text ?
		    xstrdup(f->facts[j].text) : NULL;
		c->facts[j].prefix = f->facts[j].prefix ?
		    xstrdup(f->facts[j].prefix) : NULL;
	}
	return c;
}

void
qfile_free(struct qfile *f)
{
	if (f == NULL)
		return;
	qfile_clear(f);
	free(f);
}

void
tour_free(struct tour *t)
{
	size_t i;

	for (i = 0; i < t->nfiles; i++)
		qfile_clear(&t->files[i]);
	free(t->files);
	for (i = 0; i < t->nchapters; i++) {
		free(t->chapters[i].prefix);
		free(t->chapters[i].name);
		free(t->chapters[i].steps);
	}
	free(t->chapters);
	config_free(&t->config);
	diags_free(&t->diags);
	memset(t, 0, sizeof(*t));
}

struct chapter *
tour_chapter(const struct tour *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->nchapters; i++)
		if (strcmp(t->chapters[i].prefix, name) == 0)
			return &t->chapters[i];
	for (i = 0; i < t->nchapters; i++)
		if (strcmp(t->chapters[i].name, name) == 0)
			return &t->chapters[i];
	return NULL;
}

size_t
chapter_find(const struct chapter *ch, const char *number, size_t numlen)
{
	size_t lo = 0, hi = ch->nsteps, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = numcmp(ch->steps[mid]->number,
		    strlen(ch->steps[mid]->number), number, numlen);
		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return ch->nsteps;
}

size_t
chapter_find_all(const struct chapter *ch, const char *number, size_t numlen,
    size_t *n)
{
	size_t lo = 0, hi = ch->nsteps, mid, end;

	/* The first step whose number is not below it. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (numcmp(ch->steps[mid]->number,
		    strlen(ch->steps[mid]->number), number, numlen) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; end < ch->nsteps && numcmp(ch->steps[end]->number,
	    strlen(ch->steps[end]->number), number, numlen) == 0; end++)
		continue;
	*n = end - lo;
	return lo;
}

struct chapter *
tour_prefix(const struct tour *t, const char *prefix, size_t n)
{
	size_t i;

	for (i = 0; i < t->nchapters; i++)
		if (strlen(t->chapters[i].prefix) == n &&
		    memcmp(t->chapters[i].prefix, prefix, n) == 0)
			return &t->chapters[i];
	return NULL;
}

struct step *
tour_stepn(const struct tour *t, const char *prefix, size_t plen,
    const char *number, size_t nlen)
{
	struct chapter *ch = tour_prefix(t, prefix, plen);
	size_t i;

	if (ch == NULL || (i = chapter_find(ch, number, nlen)) == ch->nsteps)
		return NULL;
	return ch->steps[i];
}

struct step *
tour_step(const struct tour *t, const char *prefix, const char *number,
    size_t numlen)
{
	return tour_stepn(t, prefix, strlen(prefix), number, numlen);
}

/*
 * The lines of a step.
 */

static void
line_at(const struct step *s, struct step_line *l, size_t off)
{
	const char *text = s->file->text, *nl;
	size_t cut;

	l->p = text + off;
	nl = memchr(l->p, '\n', s->end - off);
	l->n = nl ? (size_t)(nl - l->p) : s->end - off;
	l->next = off + l->n + (nl != NULL);
	l->ncut = 0;
	if (s->tag_off >= off && s->tag_off < off + l->n) {
		l->cut[0].off = s->tag_off - off;
		l->cut[0].len = s->tag_len;
		l->ncut = 1;
	}
	if (s->how == END_MARKER && l->lineno == s->last &&
	    s->mark_off >= off && s->mark_off < off + l->n) {
		cut = s->mark_off - off;
		if (l->ncut == 1 && cut < l->cut[0].off) {
			l->cut[1] = l->cut[0];
			l->cut[0].off = cut;
			l->cut[0].len = s->mark_len;
		} else {
			l->cut[l->ncut].off = cut;
			l->cut[l->ncut].len = s->mark_len;
		}
		l->ncut++;
	}
}

int
step_line_first(const struct step *s, struct step_line *l)
{
	if (s->file->text == NULL || s->off >= s->end)
		return 0;
	l->lineno = s->line;
	line_at(s, l, s->off);
	return 1;
}

int
step_line_next(const struct step *s, struct step_line *l)
{
	if (l->next >= s->end)
		return 0;
	l->lineno++;
	line_at(s, l, l->next);
	return 1;
}

void
step_line_add(struct buf *b, const struct step_line *l)
{
	size_t at = 0;
	int i;

	for (i = 0; i < l->ncut; i++) {
		buf_add(b, l->p + at, l->cut[i].off - at);
		at = l->cut[i].off + l->cut[i].len;
	}
	if (at < l->n)
		buf_add(b, l->p + at, l->n - at);
}

/*
 * A free number: after the last step (after NULL), the next multiple of
 * ten; after a given step, halfway to the next one; as wide as the
 * chapter's widest number (lguest's three digits for none).  Numbers stop
 * at STEP_MAX: past it, or at a step already past it (whose value is
 * ULLONG_MAX), there is no room, never a wrap.
 */
char *
chapter_new_number(const struct chapter *ch, const struct step *after,
    char **err)
{
	const struct step *s = after, *next = NULL;
	unsigned long long v, lo, hi;
	size_t i, width = 0;

	for (i = 0; i < ch->nsteps; i++) {
		if (strlen(ch->steps[i]->number) > width)
			width = strlen(ch->steps[i]->number);
		if (after != NULL && ch->steps[i] == after &&
		    i + 1 < ch->nsteps)
			next = ch->steps[i + 1];
	}
	if (width == 0)
		width = 3;
	if (s == NULL && ch->nsteps > 0)
		s = ch->steps[ch->nsteps - 1];
	if (s == NULL)
		v = 10;
	else if (next == NULL) {
		if (s->value > STEP_MAX - 10) {
			*err = xasprintf("no number after %s:%.40s%s: step "
			    "numbers stop at %llu; quest renumber makes room",
			    s->prefix, s->number, strlen(s->number) > 40 ?
			    "..." : "", STEP_MAX);
			return NULL;
		}
		v = (s->value / 10 + 1) * 10;
	} else {
		lo = s->value;
		hi = next->value <= STEP_MAX ? next->value : STEP_MAX + 1;
		if (lo >= hi || hi - lo < 2) {
			*err = xasprintf("no number between %s:%.40s%s and "
			    "%s:%.40s%s; quest renumber makes room", s->prefix,
			    s->number, strlen(s->number) > 40 ? "..." : "",
			    next->prefix, next->number,
			    strlen(next->number) > 40 ? "..." : "");
			return NULL;
		}
		v = lo + (hi - lo) / 2;
	}
	return xasprintf("%s:%0*llu", ch->prefix, (int)width, v);
}
