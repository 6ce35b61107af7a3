/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * match.c: step identity, which step of an old tour is which step of a new
 * one, whatever their numbers and files became.  stale.c and tourdiff.c
 * ask it; neither compares numbers itself.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "history.h"
#include "refs.h"

/* What a side knows of one of its steps, computed once. */
struct sinfo {
	struct step	*s;
	struct buf	 code;		/* step_code_text() */
	struct buf	 prose;		/* step_prose(), references masked */
	uint64_t	 hcode, hprose, hboth;
	int		 nocode, noprose;	/* only blanks */
	struct tokens {			/* for similarity, made lazily */
		uint64_t	*h;	/* sorted */
		unsigned	*wt;	/* each token's weight */
		size_t		 n;
		unsigned long	 weight;	/* of all of them */
		int		 made;
	}		 tok[2];	/* [0] the prose's, [1] the code's */
};

static uint64_t
fnv(uint64_t h, const char *p, size_t n)
{
	while (n-- > 0)
		h = (h ^ (unsigned char)*p++) * 1099511628211ULL;
	return h;
}

#define FNV_BASIS	14695981039346656037ULL

static int
blank(const struct buf *b)
{
	size_t i;

	for (i = 0; i < b->len; i++)
		if (b->p[i] != ' ' && b->p[i] != '\t' && b->p[i] != '\n')
			return 0;
	return 1;
}

/* The prose with each reference's number taken out: "[G:]". */
struct masker {
	const char	*text;
	struct buf	*out;
	size_t		 done;
};

static int
mask_ref(void *arg, const struct ref *r)
{
	struct masker *m = arg;

	buf_add(m->out, m->text + m->done, r->number_off - m->done);
	m->done = r->number_off + r->number_len;
	return 0;
}

static void
sinfo_init(struct sinfo *x, struct step *s, struct buf *scratch)
{
	struct masker m;

	memset(x, 0, sizeof(*x));
	x->s = s;
	step_code_text(s, &x->code);
	scratch->len = 0;
	step_prose(s, scratch);
	m.text = scratch->p ? scratch->p : "";
	m.out = &x->prose;
	m.done = 0;
	refs_scan(m.text, scratch->len, mask_ref, &m);
	buf_add(&x->prose, m.text + m.done, scratch->len - m.done);
	x->hcode = fnv(FNV_BASIS, x->code.p ? x->code.p : "", x->code.len);
	x->hprose = fnv(FNV_BASIS, x->prose.p ? x->prose.p : "",
	    x->prose.len);
	x->hboth = fnv(fnv(x->hcode, "\0", 1), x->prose.p ? x->prose.p : "",
	    x->prose.len);
	x->nocode = blank(&x->code);
	x->noprose = blank(&x->prose);
}

static void
sinfo_free(struct sinfo *x)
{
	buf_free(&x->code);
	buf_free(&x->prose);
	free(x->tok[0].h);
	free(x->tok[0].wt);
	free(x->tok[1].h);
	free(x->tok[1].wt);
}

static int
buf_same(const struct buf *a, const struct buf *b)
{
	return a->len == b->len && (a->len == 0 || memcmp(a->p, b->p,
	    a->len) == 0);
}

/*
 * The tokens of a text for similarity: its words, hashed, each weighing
 * its length and one, sorted so that two texts' are compared by one merge.
 */
static void
add_token(struct tokens *t, const char *p, size_t n, size_t *cap)
{
	if (n == 0)
		return;
	if (t->n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		t->h = xreallocarray(t->h, *cap, sizeof(*t->h));
		t->wt = xreallocarray(t->wt, *cap, sizeof(*t->wt));
	}
	t->h[t->n] = fnv(FNV_BASIS, p, n);
	t->wt[t->n++] = (unsigned)(n > 4096 ? 4096 : n) + 1;
}

static int
u64cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

static int
space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static struct tokens *
tokens_of(struct sinfo *x, int code)
{
	struct tokens *t = &x->tok[code];
	const struct buf *b = code ? &x->code : &x->prose;
	const char *p = b->p ? b->p : "", *e = p + b->len, *w;
	size_t cap = 0, i;
	struct { uint64_t h; unsigned w; } *v;

	if (t->made)
		return t;
	t->made = 1;
	while (p < e) {
		while (p < e && space(*p))
			p++;
		for (w = p; p < e && !space(*p);)
			p++;
		add_token(t, w, (size_t)(p - w), &cap);
	}
	/* Sorted by hash, each keeping its weight. */
	v = xcalloc(t->n + 1, sizeof(*v));
	for (i = 0; i < t->n; i++) {
		v[i].h = t->h[i];
		v[i].w = t->wt[i];
	}
	qsort(v, t->n, sizeof(*v), u64cmp);	/* h is the first member */
	for (i = 0; i < t->n; i++) {
		t->h[i] = v[i].h;
		t->wt[i] = v[i].w;
		t->weight += v[i].w;
	}
	free(v);
	return t;
}

/*
 * How alike two steps' prose (code: their code) is, in percent: the
 * weight of the words they share, each as often as both have it, over
 * the heavier text's.
 */
static unsigned
similarity(struct sinfo *sa, struct sinfo *sb, int code)
{
	const struct tokens *a = tokens_of(sa, code), *b = tokens_of(sb, code);
	unsigned long common = 0, most, least;
	size_t i = 0, j = 0;

	most = a->weight > b->weight ? a->weight : b->weight;
	least = a->weight < b->weight ? a->weight : b->weight;
	/* They share at most the lighter one's weight. */
	if (most == 0 || least * 100 < MATCH_THRESHOLD * most)
		return 0;
	while (i < a->n && j < b->n) {
		if (a->h[i] < b->h[j])
			i++;
		else if (a->h[i] > b->h[j])
			j++;
		else {
			common += a->wt[i] < b->wt[j] ? a->wt[i] : b->wt[j];
			i++;
			j++;
		}
	}
	return (unsigned)(common * 100 / most);
}

/*
 * What a match knows of a chapter of one side, made once for each tour
 * (struct match_cache) however many matches ask: its steps' sinfo.
 */
struct side {
	struct sinfo	*v;
	size_t		 n;
	int		 made;
};

void
match_cache_init(struct match_cache *c, const struct tour *t)
{
	c->t = t;
	c->sides = xcalloc(t->nchapters + 1, sizeof(*c->sides));
}

void
match_cache_free(struct match_cache *c)
{
	size_t i, j;

	if (c->sides == NULL)
		return;
	for (i = 0; i < c->t->nchapters; i++) {
		for (j = 0; j < c->sides[i].n; j++)
			sinfo_free(&c->sides[i].v[j]);
		free(c->sides[i].v);
	}
	free(c->sides);
	memset(c, 0, sizeof(*c));
}

static struct side *
side_of(struct match_cache *c, const struct chapter *ch)
{
	struct side *x = &c->sides[ch - c->t->chapters];
	struct buf scratch = { 0 };
	size_t i;

	if (x->made)
		return x;
	x->made = 1;
	x->n = ch->nsteps;
	x->v = xcalloc(x->n + 1, sizeof(*x->v));
	for (i = 0; i < x->n; i++)
		sinfo_init(&x->v[i], ch->steps[i], &scratch);
	buf_free(&scratch);
	return x;
}

/* One chapter being paired: both sides, and who is paired already. */
struct pairing {
	struct match	*m;
	struct side	*os, *ns;
	struct step_match *to, *from;	/* m's rows of the two chapters */
	size_t		*by;		/* scratch: new indices, sorted */
	size_t		*skip;		/* scratch: next_free()'s */
};

enum key { K_BOTH, K_PROSE, K_CODE };

static uint64_t
key_of(const struct sinfo *x, enum key k)
{
	return k == K_BOTH ? x->hboth : k == K_PROSE ? x->hprose : x->hcode;
}

static int
key_same(const struct sinfo *a, const struct sinfo *b, enum key k)
{
	if (k == K_PROSE)
		return buf_same(&a->prose, &b->prose);
	if (k == K_CODE)
		return buf_same(&a->code, &b->code);
	return buf_same(&a->prose, &b->prose) && buf_same(&a->code, &b->code);
}

/* qsort_r is not POSIX: the key goes through a file-level variable of the
 * one thread that matches (stale and diff are single-threaded). */
static const struct side *sort_side;
static enum key sort_key;

static int
by_key(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	uint64_t x = key_of(&sort_side->v[a], sort_key);
	uint64_t y = key_of(&sort_side->v[b], sort_key);

	if (x != y)
		return x < y ? -1 : 1;
	return (a > b) - (a < b);
}

static int
same_number(const struct step *a, const struct step *b)
{
	return numcmp(a->number, strlen(a->number), b->number,
	    strlen(b->number)) == 0;
}

static void
pair(struct pairing *p, size_t o, size_t n, enum match_how how,
    unsigned score)
{
	p->to[o].other = p->ns->v[n].s;
	p->to[o].how = how;
	p->to[o].score = score;
	p->from[n].other = p->os->v[o].s;
	p->from[n].how = how;
	p->from[n].score = score;
}

/*
 * Where by[] (sorted by key, then tour order, which within a key is the
 * order of number) would hold a step of key h and, when o is not NULL, of
 * o's number: the first position not before it.
 */
static size_t
key_lower(const struct pairing *p, enum key k, uint64_t h,
    const struct step *o)
{
	size_t lo = 0, hi = p->ns->n, mid;
	const struct step *s;
	uint64_t x;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		s = p->ns->v[p->by[mid]].s;
		x = key_of(&p->ns->v[p->by[mid]], k);
		if (x < h || (x == h && o != NULL &&
		    numcmp(s->number, strlen(s->number), o->number,
		    strlen(o->number)) < 0))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * The first position of by[] from j on whose step is unpaired: the
 * positions paired are skipped by p->skip, each pointing past a run of
 * them, so that a run of twins is walked once, not once an old step.
 */
static size_t
next_free(struct pairing *p, size_t j)
{
	size_t r = j, t;

	while (r < p->ns->n && p->from[p->by[r]].other != NULL)
		r = p->skip[r] > r ? p->skip[r] : r + 1;
	while (j < r) {
		t = p->skip[j] > j ? p->skip[j] : j + 1;
		p->skip[j] = r;
		j = t;
	}
	return r;
}

/*
 * Pair old step i with the first unpaired new one in tour order of the
 * same key, and, if same, of the same number.
 */
static void
pair_key(struct pairing *p, enum key k, size_t i, int same)
{
	const struct sinfo *o = &p->os->v[i], *n;
	uint64_t h = key_of(o, k);
	size_t j;

	j = key_lower(p, k, h, same ? o->s : NULL);
	for (j = next_free(p, j); j < p->ns->n; j = next_free(p, j + 1)) {
		n = &p->ns->v[p->by[j]];
		if (key_of(n, k) != h || (same && !same_number(o->s, n->s)))
			return;
		if (key_same(o, n, k)) {
			pair(p, i, p->by[j], k == K_BOTH ? MATCH_SAME :
			    k == K_PROSE ? MATCH_PROSE : MATCH_CODE, 100);
			return;
		}
	}
}

/*
 * Pair each unpaired old step with an unpaired new one of the same key:
 * of several, the one of the same number, else the first in tour order.
 * The same numbers are paired first, so that an old step earlier in tour
 * order does not take the new step of a later one's number: of two twins
 * G:010 and G:020 that became G:020 and G:030, G:020 stayed.  Blank prose
 * or code is no key (rounds 2 and 3).
 */
static void
pair_by_key(struct pairing *p, enum key k)
{
	const struct sinfo *o;
	size_t i;
	int same;

	sort_side = p->ns;
	sort_key = k;
	for (i = 0; i < p->ns->n; i++) {
		p->by[i] = i;
		p->skip[i] = 0;
	}
	qsort(p->by, p->ns->n, sizeof(*p->by), by_key);
	for (same = 1; same >= 0; same--)
		for (i = 0; i < p->os->n; i++) {
			o = &p->os->v[i];
			if (p->to[i].other == NULL &&
			    !(k == K_PROSE && o->noprose) &&
			    !(k == K_CODE && o->nocode))
				pair_key(p, k, i, same);
		}
}

/* A pair of leftover steps and how alike they are. */
struct cand {
	size_t		 o, n;
	unsigned	 score;
	int		 same;		/* of the same number */
};

static int
cand_cmp(const void *pa, const void *pb)
{
	const struct cand *a = pa, *b = pb;

	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	if (a->same != b->same)
		return a->same ? -1 : 1;
	if (a->o != b->o)
		return a->o < b->o ? -1 : 1;
	return (a->n > b->n) - (a->n < b->n);
}

/* Of the new leftovers, those that an old one is compared with. */
struct span {
	size_t		 from, to;
};

/* The 2w new leftovers of nn around the cth, shifted to stay within. */
static struct span
span_at(size_t c, size_t w, size_t nn)
{
	struct span x;

	x.from = c > w ? c - w : 0;
	if (x.from + 2 * w > nn)
		x.from = nn > 2 * w ? nn - 2 * w : 0;
	x.to = x.from + 2 * w < nn ? x.from + 2 * w : nn;
	return x;
}

/*
 * The new leftovers (of nn) that old leftover i (of no) is compared with,
 * into v, in order: all of them while every old one can be compared with
 * every new one in MATCH_MAX_PAIRS comparisons, else the 2w = MAX / no
 * near its place.  Its place is counted three ways: in proportion, for a
 * chapter that changed all through; from the start, for steps added or
 * removed at its end; and from the end, for steps added or removed at its
 * start (with a block of them in the middle, the steps before it are in
 * place from the start, those after it from the end).  Three places far
 * apart have a third of the 2w each, near they are one; however many old
 * ones there are, one window holds at least 16 new ones, three at least 8
 * each.  Returns how many spans, at most three, none overlapping.
 */
static size_t
windows(size_t i, size_t no, size_t nn, struct span *v)
{
	size_t c[3], w, t, k, tmp, n = 0;
	struct span x;

	if (no * nn <= MATCH_MAX_PAIRS) {
		v[0].from = 0;
		v[0].to = nn;
		return 1;
	}
	w = MATCH_MAX_PAIRS / no / 2;
	c[0] = i * nn / no;
	c[1] = i;
	c[2] = nn + i >= no ? nn + i - no : 0;
	for (k = 1; k < 3; k++)	/* sorted, by insertion */
		for (t = k; t > 0 && c[t - 1] > c[t]; t--) {
			tmp = c[t];
			c[t] = c[t - 1];
			c[t - 1] = tmp;
		}
	if (c[2] - c[0] <= w) {
		v[0] = span_at(c[1], w > 8 ? w : 8, nn);
		return 1;
	}
	w = w / 3 > 4 ? w / 3 : 4;
	for (k = 0; k < 3; k++) {
		x = span_at(c[k], w, nn);
		if (n > 0 && x.from <= v[n - 1].to) {
			if (x.to > v[n - 1].to)
				v[n - 1].to = x.to;
		} else
			v[n++] = x;
	}
	return n;
}

/*
 * The leftovers paired by the similarity of their prose (code: of their
 * code), the most alike first, as git pairs renamed files: every old with
 * every new while that is at most MATCH_MAX_PAIRS comparisons, else each
 * old with the new ones near its place (windows()).
 */
static void
pair_similar(struct pairing *p, int code)
{
	struct side *os = p->os, *ns = p->ns;
	size_t *lo, *ln, no = 0, nn = 0, i, j, k, nspan;
	struct span span[3];
	struct cand *c = NULL;
	size_t nc = 0, cap = 0;
	unsigned score;

	lo = xcalloc(os->n + 1, sizeof(*lo));
	ln = xcalloc(ns->n + 1, sizeof(*ln));
	for (i = 0; i < os->n; i++)
		if (p->to[i].other == NULL)
			lo[no++] = i;
	for (j = 0; j < ns->n; j++)
		if (p->from[j].other == NULL)
			ln[nn++] = j;
	for (i = 0; i < no; i++) {
		nspan = windows(i, no, nn, span);
		for (k = 0; k < nspan; k++)
			for (j = span[k].from; j < span[k].to; j++) {
				score = similarity(&os->v[lo[i]],
				    &ns->v[ln[j]], code);
				if (score < MATCH_THRESHOLD)
					continue;
				if (nc == cap) {
					cap = cap ? cap * 2 : 16;
					c = xreallocarray(c, cap, sizeof(*c));
				}
				c[nc].o = lo[i];
				c[nc].n = ln[j];
				c[nc].score = score;
				c[nc++].same = same_number(os->v[lo[i]].s,
				    ns->v[ln[j]].s);
			}
	}
	if (nc > 1)
		qsort(c, nc, sizeof(*c), cand_cmp);
	for (i = 0; i < nc; i++)
		if (p->to[c[i].o].other == NULL &&
		    p->from[c[i].n].other == NULL)
			pair(p, c[i].o, c[i].n, code ? MATCH_SIMILAR_CODE :
			    MATCH_SIMILAR, c[i].score);
	free(c);
	free(lo);
	free(ln);
}

/* The last resort: what is left, by number (both sides sorted by it). */
static void
pair_by_number(struct pairing *p)
{
	size_t i = 0, j = 0;
	int c;

	while (i < p->os->n && j < p->ns->n) {
		if (p->to[i].other != NULL) {
			i++;
			continue;
		}
		if (p->from[j].other != NULL) {
			j++;
			continue;
		}
		c = numcmp(p->os->v[i].s->number,
		    strlen(p->os->v[i].s->number), p->ns->v[j].s->number,
		    strlen(p->ns->v[j].s->number));
		if (c == 0)
			pair(p, i++, j++, MATCH_NUMBER, 0);
		else if (c < 0)
			i++;
		else
			j++;
	}
}

/*H:015 Two tours' steps are matched by what they are, not by their
 * number, chapter by chapter: first the steps whose prose and code are
 * both the same, then those of the same prose, then those of the same
 * code, then those of the most alike prose (the words they share, by
 * weight, at least MATCH_THRESHOLD percent of the larger prose's), then
 * of the most alike code, and only then the same number: the prose is
 * what a step is, its code what it explains.  Prose is compared with its
 * references' numbers taken out, so that a renumber, which rewrites
 * `[G:030]` to `[G:040]`, leaves it the same prose; and files do not
 * count, so that a step moved or renamed with its file is the same step.
 * Of several candidates, the one of the same number wins.  A chapter is
 * paired when a step of it is first asked for, and what a step is made
 * of is worked out once a tour, in its match_cache: stale asks about
 * today's tour against many commits.
 */
static void
match_chapter(struct match *m, size_t ni)
{
	const struct chapter *nc = &m->new->t->chapters[ni], *oc;
	struct pairing p;

	m->done[ni] = 1;
	oc = tour_prefix(m->old->t, nc->prefix, strlen(nc->prefix));
	if (oc == NULL || oc->nsteps == 0 || nc->nsteps == 0)
		return;
	p.m = m;
	p.os = side_of(m->old, oc);
	p.ns = side_of(m->new, nc);
	p.to = m->to[oc - m->old->t->chapters];
	p.from = m->from[ni];
	p.by = xcalloc(p.ns->n + 1, sizeof(*p.by));
	p.skip = xcalloc(p.ns->n + 1, sizeof(*p.skip));
	pair_by_key(&p, K_BOTH);
	pair_by_key(&p, K_PROSE);
	pair_by_key(&p, K_CODE);
	pair_similar(&p, 0);
	pair_similar(&p, 1);
	pair_by_number(&p);
	free(p.by);
	free(p.skip);
}
/*:*/

void
match_init(struct match *m, struct match_cache *old, struct match_cache *new)
{
	size_t i;

	memset(m, 0, sizeof(*m));
	m->old = old;
	m->new = new;
	m->to = xcalloc(old->t->nchapters + 1, sizeof(*m->to));
	m->from = xcalloc(new->t->nchapters + 1, sizeof(*m->from));
	m->done = xcalloc(new->t->nchapters + 1, 1);
	for (i = 0; i < old->t->nchapters; i++)
		m->to[i] = xcalloc(old->t->chapters[i].nsteps + 1,
		    sizeof(**m->to));
	for (i = 0; i < new->t->nchapters; i++)
		m->from[i] = xcalloc(new->t->chapters[i].nsteps + 1,
		    sizeof(**m->from));
}

void
match_free(struct match *m)
{
	size_t i;

	if (m->to != NULL)
		for (i = 0; i < m->old->t->nchapters; i++)
			free(m->to[i]);
	if (m->from != NULL)
		for (i = 0; i < m->new->t->nchapters; i++)
			free(m->from[i]);
	free(m->to);
	free(m->from);
	free(m->done);
	memset(m, 0, sizeof(*m));
}

const struct step_match *
match_new(struct match *m, const struct step *old)
{
	const struct chapter *nc;
	size_t ni;

	nc = tour_prefix(m->new->t, old->prefix, strlen(old->prefix));
	if (nc != NULL && !m->done[ni = (size_t)(nc -
	    m->new->t->chapters)])
		match_chapter(m, ni);
	return &m->to[old->chapter - m->old->t->chapters][old->index];
}

const struct step_match *
match_old(struct match *m, const struct step *new)
{
	size_t ni = (size_t)(new->chapter - m->new->t->chapters);

	if (!m->done[ni])
		match_chapter(m, ni);
	return &m->from[ni][new->index];
}

/* The references of a prose text, in order. */
struct reflist {
	struct ref	*v;
	size_t		 n;
};

static int
add_ref(void *arg, const struct ref *r)
{
	struct reflist *l = arg;

	l->v = xreallocarray(l->v, l->n + 1, sizeof(*l->v));
	l->v[l->n++] = *r;
	return 0;
}

/*
 * Whether two matched steps' prose is the same: the same text, or text
 * that differs only in references whose steps match (a renumber rewrote
 * them).  A reference that names no step must be the same text.
 */
int
match_prose_same(struct match *m, const struct step *old,
    const struct step *new)
{
	struct buf a = { 0 }, b = { 0 };
	struct reflist ra = { 0 }, rb = { 0 };
	const struct step *x, *y;
	size_t i, pa = 0, pb = 0;
	int same = 1;

	step_prose(old, &a);
	step_prose(new, &b);
	buf_cstr(&a);
	buf_cstr(&b);
	refs_scan(a.p, a.len, add_ref, &ra);
	refs_scan(b.p, b.len, add_ref, &rb);
	if (ra.n != rb.n)
		same = 0;
	for (i = 0; same && i <= ra.n; i++) {
		/* The text up to the reference's number, or to the end. */
		size_t ea = i < ra.n ? ra.v[i].number_off : a.len;
		size_t eb = i < rb.n ? rb.v[i].number_off : b.len;

		if (ea - pa != eb - pb || memcmp(a.p + pa, b.p + pb,
		    ea - pa) != 0) {
			same = 0;
			break;
		}
		if (i == ra.n)
			break;
		x = ref_step(m->old->t, a.p, &ra.v[i]);
		y = ref_step(m->new->t, b.p, &rb.v[i]);
		if (x != NULL && y != NULL)
			same = match_new(m, x)->other == y;
		else
			same = x == NULL && y == NULL &&
			    ra.v[i].number_len == rb.v[i].number_len &&
			    memcmp(a.p + ra.v[i].number_off,
			    b.p + rb.v[i].number_off,
			    ra.v[i].number_len) == 0;
		pa = ra.v[i].number_off + ra.v[i].number_len;
		pb = rb.v[i].number_off + rb.v[i].number_len;
	}
	free(ra.v);
	free(rb.v);
	buf_free(&a);
	buf_free(&b);
	return same;
}
