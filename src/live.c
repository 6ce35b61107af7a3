/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * live.c: the book of quest serve.  The tour is quest lsp's workspace
 * (lsp_ws.c): read once, then each file read again as it changes, and
 * rebuilt from the marks kept.  The book is its page, served whole, and
 * one article a step, kept with what it was made of, so that a change
 * highlights again only the steps it touched and tells the pages which.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "assets.h"
#include "book.h"
#include "md.h"
#include "pick.h"
#include "pool.h"
#include "refs.h"
#include "remote.h"
#include "serve.h"

static void (*live_warn)(const char *);

static size_t
vers_find(const struct live *lv, const char *path, int *found)
{
	size_t lo = 0, hi = lv->nvers, mid;
	int c;

	*found = 0;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = strcmp(lv->vers[mid].path, path)) == 0) {
			*found = 1;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static unsigned long
vers_get(const struct live *lv, const char *path)
{
	int found;
	size_t i = vers_find(lv, path, &found);

	return found ? lv->vers[i].v : 0;
}

static void
vers_bump(struct live *lv, const char *path)
{
	int found;
	size_t i = vers_find(lv, path, &found);

	if (!found) {
		lv->vers = xreallocarray(lv->vers, lv->nvers + 1,
		    sizeof(*lv->vers));
		memmove(lv->vers + i + 1, lv->vers + i,
		    (lv->nvers - i) * sizeof(*lv->vers));
		lv->vers[i].path = xstrdup(path);
		lv->vers[i].v = 0;
		lv->nvers++;
	}
	lv->vers[i].v++;
}

struct keyref {
	const struct tour *t;
	const char	*prose;
	struct buf	*k;
	const struct book_plan *bp;	/* a book of many pages, or NULL */
	const struct wopts *w;
};

/* In a book of many pages, the page of a step a link goes to. */
static void
key_page(const struct keyref *kr, const struct step *s)
{
	size_t p;

	if (kr->bp == NULL || s == NULL)
		return;
	p = book_plan_page(kr->bp, kr->w, s);
	buf_addc(kr->k, '@');
	if (p < kr->bp->n)
		buf_adds(kr->k, kr->bp->names[p]);
	buf_addc(kr->k, '\n');
}

/* A line of a key: s, then a newline (printf() is slow a million times). */
static void
key_line(struct buf *k, const char *s)
{
	buf_adds(k, s);
	buf_addc(k, '\n');
}

static int
key_ref(void *arg, const struct ref *r)
{
	struct keyref *kr = arg;
	struct step *const *v;
	size_t i, n;

	n = ref_steps(kr->t, kr->prose, r, &v);
	for (i = 0; i < n; i++) {
		buf_adds(kr->k, v[i]->id);
		buf_addc(kr->k, ' ');
		key_line(kr->k, v[i]->title);
		key_page(kr, v[i]);
	}
	buf_adds(kr->k, "-\n");
	return 0;
}

/*S:040 Which steps to highlight again.  A step's article is made of its
 * own lines (their bytes, and their numbers in the file), its file's
 * language (which a #! line can change), the base of its source link
 * (a permalink names the commit at HEAD), the steps before and after it
 * (the links at its foot show their titles), and the steps its title
 * and its body name, by a reference or a link to their anchor, each
 * read apart as the page renders them.  An excerpt that starts indented
 * also reads its context line from the rest of the file, so its key
 * holds how many times the file was read again.  All of it is the
 * step's key, kept with its article; a step whose key is the same as a
 * step of the last book's, by id, keeps that article, and the page is
 * written around it without parsing its code again: a save that changes
 * one step of a file of hundreds highlights that step alone, and the
 * two beside it if its title changed.  In a book of many pages, a link
 * says the page of the step it goes to, unless it is the page the link
 * is on: the pages of the step and of those it links to are in its key
 * too.  A reload of the whole tree (.quest changed, inotify lost events)
 * changes every key.  tests/serve.sh holds serve's pages to what a build
 * writes afresh, edit after edit.
 */
/*
 * The steps that Markdown links of text name by their anchor, "[the
 * thermostat](#H:017)": the page writes each as a link of class xref, to
 * its page.  Every "#PREFIX:NUMBER" of the text counts, in a link or not:
 * one too many costs a parse, one too few a stale article.
 */
static void
key_anchors(struct keyref *kr, const char *text)
{
	const struct step *s;
	const char *p, *q;
	char *href;

	for (p = text; (p = strchr(p, '#')) != NULL; p++) {
		for (q = p + 1; *q >= 'A' && *q <= 'Z'; q++)
			continue;
		if (q == p + 1 || *q != ':' || q[1] < '0' || q[1] > '9')
			continue;
		for (q++; *q >= '0' && *q <= '9'; q++)
			continue;
		href = xstrndup(p, (size_t)(q - p));
		s = md_xref(kr->t, href);
		buf_adds(kr->k, href);
		if (s == NULL)
			buf_adds(kr->k, " -\n");
		else {
			buf_addc(kr->k, ' ');
			key_line(kr->k, s->id);
			key_page(kr, s);
		}
		free(href);
	}
}

static void
step_key(const struct live *lv, const struct tour *t, const struct step *s,
    const struct step *prev, const struct step *next, struct buf *prose,
    const struct book_plan *bp, const struct wopts *w, const char *links,
    struct buf *k)
{
	struct keyref kr;

	memset(&kr, 0, sizeof(kr));
	kr.k = k;
	kr.bp = bp;
	kr.w = w;
	k->len = 0;
	buf_printf(k, "%lu\n%s\n%u-%u\n", lv->epoch, s->file->path, s->line,
	    s->last);
	/* Its language: an extension, or a #! line that a save can change. */
	key_line(k, s->file->lang != NULL ? s->file->lang->name : "");
	/* Its source link's base: a permalink names the commit at HEAD. */
	key_line(k, links != NULL ? links : "");
	/* A context line is read from the rest of the file. */
	if (book_step_context(s))
		buf_printf(k, "%lu\n", vers_get(lv, s->file->path));
	buf_add(k, s->file->text + s->off, s->end - s->off);
	buf_addc(k, '\n');
	key_line(k, prev ? prev->id : "");
	key_line(k, prev ? prev->title : "");
	key_line(k, next ? next->id : "");
	key_line(k, next ? next->title : "");
	key_page(&kr, s);
	key_page(&kr, prev);
	key_page(&kr, next);
	/*
	 * Its references as write_step() links them: in the title and in
	 * the body apart, so that a backtick of one does not pair with one
	 * of the other here and hide a reference that the page links.
	 */
	kr.t = t;
	kr.prose = s->title;
	(void)refs_scan(s->title, strlen(s->title), key_ref, &kr);
	key_anchors(&kr, s->title);
	buf_adds(k, "--\n");
	prose->len = 0;
	step_body(s, prose);
	kr.prose = buf_cstr(prose);
	(void)refs_scan(prose->p, prose->len, key_ref, &kr);
	key_anchors(&kr, kr.prose);
}
/*:*/

static json_t *
diags_json(const struct diags *d)
{
	json_t *a = json_array(), *o;
	const struct diag *x;
	size_t i;

	for (i = 0; i < d->n; i++) {
		x = &d->v[i];
		o = json_object();
		json_object_set_new(o, "file", x->path ? json_string(x->path) :
		    json_null());
		json_object_set_new(o, "line", json_integer(x->line));
		json_object_set_new(o, "col", json_integer(x->col));
		json_object_set_new(o, "severity", json_string(
		    diag_table[x->id].sev == SEV_ERROR ? "error" : "warning"));
		json_object_set_new(o, "message", json_string(x->msg));
		json_object_set_new(o, "name", json_string(
		    diag_table[x->id].name));
		json_array_append_new(a, o);
	}
	return a;
}

static void
steps_free(struct live_step *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].id);
		buf_free(&v[i].key);
		buf_free(&v[i].art);
	}
	free(v);
}

void
live_page_unref(struct live_page *pg)
{
	if (pg != NULL && --pg->refs == 0) {
		free(pg->p);
		free(pg);
	}
}

/* The old steps' indices, by id then place: where to look an id up. */
static const struct live_step *sort_base;

static int
by_id(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int c = strcmp(sort_base[x].id, sort_base[y].id);

	if (c != 0)
		return c;
	return x < y ? -1 : x > y;
}

/* The first of the old steps of that id, in ids; ids + n when none. */
static size_t
id_first(const struct live *lv, const size_t *ids, const char *id)
{
	size_t lo = 0, hi = lv->nsteps, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(lv->steps[ids[mid]].id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* What the pages are told of the book made: its steps, kept or new. */
struct made {
	struct live_step *v;
	size_t		 n;
	size_t		*keep;		/* the old step it is; SIZE_MAX */
	size_t		*was;		/* the old step of its id it
					 * replaces; SIZE_MAX */
};

/*
 * What every change event says besides its steps: its generation and the
 * last, the footer, which steps changed, were added and were removed (the
 * old ones that no new one keeps or replaces), and the diagnostics.
 */
static void
event_finish(const struct live *lv, const struct made *m, size_t nchapters,
    json_t *ev, json_t *changed, json_t *added)
{
	json_t *removed = json_array();
	unsigned char *seen;
	size_t i, k;
	char *foot;

	seen = xcalloc(lv->nsteps + 1, 1);
	for (k = 0; k < m->n; k++) {
		if (m->keep[k] != SIZE_MAX)
			seen[m->keep[k]] = 1;
		if (m->was[k] != SIZE_MAX)
			seen[m->was[k]] = 1;
	}
	for (i = 0; i < lv->nsteps; i++)
		if (!seen[i])
			json_array_append_new(removed,
			    json_string(lv->steps[i].id));
	free(seen);
	json_object_set_new(ev, "gen", json_integer((json_int_t)lv->gen + 1));
	json_object_set_new(ev, "from", json_integer((json_int_t)lv->gen));
	foot = xasprintf("%zu step%s in %zu chapter%s, woven by quest.", m->n,
	    m->n == 1 ? "" : "s", nchapters, nchapters == 1 ? "" : "s");
	json_object_set_new(ev, "footer", json_string(foot));
	free(foot);
	json_object_set_new(ev, "changed", changed);
	json_object_set_new(ev, "added", added);
	json_object_set_new(ev, "removed", removed);
	json_object_set_new(ev, "diagnostics", json_incref(lv->diags));
}

static json_t *
change_json(struct live *lv, const struct made *m, const struct pick *p,
    const struct buf *front, int front_changed)
{
	json_t *ev = json_object(), *chs = json_array(), *ch, *st, *o;
	json_t *changed = json_array(), *added = json_array();
	size_t i, j, k = 0;
	char id[64];

	for (i = 0; i < p->nchapters; i++) {
		ch = json_object();
		snprintf(id, sizeof(id), "chapter-%s", p->chapters[i]->prefix);
		json_object_set_new(ch, "id", json_string(id));
		json_object_set_new(ch, "name",
		    json_string(p->chapters[i]->name));
		st = json_array();
		for (j = 0; j < p->chapters[i]->nsteps; j++, k++) {
			o = json_object();
			json_object_set_new(o, "id", json_string(m->v[k].id));
			if (m->keep[k] != SIZE_MAX)
				json_object_set_new(o, "keep",
				    json_integer((json_int_t)m->keep[k]));
			else {
				json_object_set_new(o, "html", json_stringn(
				    m->v[k].art.p, m->v[k].art.len));
				if (m->was[k] != SIZE_MAX) {
					json_object_set_new(o, "was",
					    json_integer(
					    (json_int_t)m->was[k]));
					json_array_append_new(changed,
					    json_string(m->v[k].id));
				} else {
					json_object_set_new(o, "mark",
					    json_true());
					json_array_append_new(added,
					    json_string(m->v[k].id));
				}
			}
			json_array_append_new(st, o);
		}
		json_object_set_new(ch, "steps", st);
		json_array_append_new(chs, ch);
	}
	json_object_set_new(ev, "chapters", chs);
	if (front_changed)
		json_object_set_new(ev, "front", json_stringn(front->p,
		    front->len));
	event_finish(lv, m, p->nchapters, ev, changed, added);
	return ev;
}

/* The files of a book of many pages, as book_site() makes them. */
struct files {
	struct live_file *v;
	size_t		 n;
};

static struct live_page *
page_new(const char *p, size_t len, unsigned long gen)
{
	struct live_page *pg = xcalloc(1, sizeof(*pg));

	pg->refs = 1;
	pg->gen = gen;
	pg->p = xmalloc(len + 1);
	memcpy(pg->p, p, len);
	pg->len = len;
	return pg;
}

static int
files_put(void *arg, const char *name, const char *p, size_t len)
{
	struct files *fs = arg;

	fs->v = xreallocarray(fs->v, fs->n + 1, sizeof(*fs->v));
	fs->v[fs->n].name = xstrdup(name);
	fs->v[fs->n++].pg = page_new(p, len, 0);
	return 0;
}

static struct live_page *
files_find(const struct live_file *v, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].name, name) == 0)
			return v[i].pg;
	return NULL;
}

static struct live_page *
files_get(const struct files *fs, const char *name)
{
	return files_find(fs->v, fs->n, name);
}

/*
 * Where a page's generation is, its script's data-gen="...", near its
 * end: the length of what is before it, and the value's in *n; else the
 * page's length.
 */
static size_t
gen_at(const struct live_page *pg, size_t *n)
{
	static const char attr[] = "data-gen=\"";
	size_t i, a = sizeof(attr) - 1;
	size_t from = pg->len > 512 ? pg->len - 512 : 0;

	*n = 0;
	for (i = pg->len >= a ? pg->len - a : 0; i > from; i--)
		if (memcmp(pg->p + i, attr, a) == 0) {
			while (i + a + *n < pg->len && pg->p[i + a + *n] != '"')
				(*n)++;
			return i + a;
		}
	return pg->len;
}

/*
 * Is the file of that name the same bytes in v, but for the generation
 * its pages carry, which every build changes?
 */
static int
file_same(const char *name, const struct live_page *pg,
    const struct live_file *v, size_t n)
{
	const struct live_page *o = files_find(v, n, name);
	size_t a, an, b, bn;

	if (o == NULL)
		return 0;
	a = gen_at(o, &an);
	b = gen_at(pg, &bn);
	return a == b && o->len - an == pg->len - bn &&
	    memcmp(o->p, pg->p, a) == 0 && memcmp(o->p + a + an,
	    pg->p + b + bn, o->len - a - an) == 0;
}

static int
files_same(const struct files *fs, const struct live_file *v, size_t n)
{
	size_t i;

	if (fs->n != n)
		return 0;
	for (i = 0; i < fs->n; i++)
		if (!file_same(fs->v[i].name, fs->v[i].pg, v, n))
			return 0;
	return 1;
}

static void
files_free(struct live_file *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].name);
		live_page_unref(v[i].pg);
	}
	free(v);
}

/*S:052 A book of many pages is served as `quest html -o DIR/` writes
 * it, each file made into memory instead (book_site()), with the stream
 * and the script of the pages as a file of its own, live.js.  Its pages
 * are told of a change as the one page is, but page by page: every
 * page's name, and for each page whose bytes changed, its steps, kept
 * (the page has it, by its id: a step kept is on the page it was on,
 * since its page is in its key) or new.  A page patches itself from its
 * own part, then fetches itself for its sidebar; a page that is no more
 * sends its reader to the index page, which sends them on to the step.
 * search.js is made when a page asks for it, once a change.
 */
static json_t *
change_json_split(struct live *lv, const struct made *m,
    const struct pick *p, const struct book_plan *bp, const struct files *fs)
{
	json_t *ev = json_object(), *names = json_array();
	json_t *pages = json_array();
	json_t *changed = json_array(), *added = json_array();
	json_t *pgo, *chs, *ch, *st, *o;
	const struct live_page *ix;
	size_t i, k, c, end;
	char id[64];

	for (i = 0; i < fs->n; i++)
		json_array_append_new(names, json_string(fs->v[i].name));
	if ((ix = files_get(fs, "index.html")) != NULL &&
	    !file_same("index.html", ix, lv->files, lv->nfiles)) {
		pgo = json_object();
		json_object_set_new(pgo, "name", json_string("index.html"));
		json_array_append_new(pages, pgo);
	}
	for (i = 0; i < bp->n; i++) {
		k = bp->first[i];
		end = i + 1 < bp->n ? bp->first[i + 1] : bp->nsteps;
		c = bp->chapter[i];
		/* Who was added, who changed, on every page. */
		for (; k < end; k++) {
			if (m->keep[k] != SIZE_MAX)
				continue;
			json_array_append_new(m->was[k] != SIZE_MAX ? changed :
			    added, json_string(m->v[k].id));
		}
		/* The steps of each page whose bytes changed. */
		k = bp->first[i];
		if ((ix = files_get(fs, bp->names[i])) == NULL ||
		    file_same(bp->names[i], ix, lv->files, lv->nfiles))
			continue;
		pgo = json_object();
		json_object_set_new(pgo, "name", json_string(bp->names[i]));
		json_object_set_new(pgo, "first", json_integer((json_int_t)k));
		if (bp->part[i] > 1)
			snprintf(id, sizeof(id), "chapter-%s-%u",
			    p->chapters[c]->prefix, bp->part[i]);
		else
			snprintf(id, sizeof(id), "chapter-%s",
			    p->chapters[c]->prefix);
		ch = json_object();
		json_object_set_new(ch, "id", json_string(id));
		json_object_set_new(ch, "name",
		    json_string(p->chapters[c]->name));
		st = json_array();
		for (; k < end; k++) {
			o = json_object();
			json_object_set_new(o, "id", json_string(m->v[k].id));
			if (m->keep[k] != SIZE_MAX)
				json_object_set_new(o, "keep", json_true());
			else {
				json_object_set_new(o, "html", json_stringn(
				    m->v[k].art.p, m->v[k].art.len));
				json_object_set_new(o, m->was[k] != SIZE_MAX ?
				    "was" : "mark", json_true());
			}
			json_array_append_new(st, o);
		}
		json_object_set_new(ch, "steps", st);
		chs = json_array();
		json_array_append_new(chs, ch);
		json_object_set_new(pgo, "chapters", chs);
		json_array_append_new(pages, pgo);
	}
	json_object_set_new(ev, "split", json_true());
	json_object_set_new(ev, "total", json_integer((json_int_t)m->n));
	json_object_set_new(ev, "names", names);
	json_object_set_new(ev, "pages", pages);
	event_finish(lv, m, p->nchapters, ev, changed, added);
	return ev;
}
/*:*/

/*S:050 A new book.  The steps of the chapters asked for are laid out
 * in the page's order, each with its key; those whose key a step of the
 * last book had keep its article, the others are written by the web
 * book's own code (fmt_html.c, through book.h), on every core, and the
 * page around them.  A step made again whose article comes out the same
 * bytes (a file saved unchanged) counts as kept.  The pages are told the
 * new order, each step either kept (its place in the last book) or new
 * (its article, and which old one it replaces, or none: then it was
 * added or renumbered, and the page marks it), the contents when they
 * changed, and the diagnostics.  When nothing the pages show changed,
 * nothing is sent.
 */
static enum live_event
render(struct live *lv, json_t **ev, int diags_changed)
{
	const struct tour *t = &lv->ws.tour;
	struct book_opts bo = { 0 };
	struct wopts w = { 0 };
	static char mark[] = "\001";
	struct buf prose = { 0 }, front = { 0 }, chs = { 0 }, skel = { 0 };
	const struct step *s, *prev = NULL, *next;
	struct made m = { 0 };
	struct pick p;
	struct buf *arts;
	size_t i, j, k, c, o, n = 0, *ids, *at, *skip, fr[2] = { 0, 0 };
	unsigned char *taken;
	char *err = NULL, gen[32];
	int moved = 0, front_changed, same_files = 1;
	struct book_plan plan = { 0 };
	struct files nf = { 0 };
	struct live_page *ix;
	struct srclinks links;
	FILE *f = NULL;

	*ev = NULL;
	if (pick(t, lv->argc, lv->argv, PICK_STEPS, &p, &err) == -1) {
		json_array_append_new(lv->diags, json_pack("{s:n,s:i,s:i,"
		    "s:s,s:s,s:s}", "file", "line", 0, "col", 0, "severity",
		    "error", "message", err, "name", "chapter"));
		free(err);
		*ev = live_hello(lv);
		return LIVE_PROBLEMS;
	}
	for (i = 0; i < p.nchapters; i++)
		n += p.chapters[i]->nsteps;
	/* As the book will read them, for the keys. */
	srclinks_init(&links, lv->link_base);
	w.chapters = p.chapters;
	w.nchapters = p.nchapters;
	w.whole = p.whole;
	w.link_base = lv->link_base;
	w.page_steps = lv->page_steps;
	/* One page, or many: by the first book's size, unless told. */
	if (lv->split < 0) {
		size_t bytes = 0;

		for (c = 0; c < p.nchapters; c++)
			for (j = 0; j < p.chapters[c]->nsteps; j++)
				bytes += p.chapters[c]->steps[j]->end -
				    p.chapters[c]->steps[j]->off;
		lv->split = bytes > LIVE_SPLIT_TEXT;
	}
	w.split = lv->split;
	if (lv->split)
		book_plan(t, &w, &plan);
	m.n = n;
	m.v = xcalloc(n + 1, sizeof(*m.v));
	m.keep = xcalloc(n + 1, sizeof(*m.keep));
	m.was = xcalloc(n + 1, sizeof(*m.was));
	arts = xcalloc(n + 1, sizeof(*arts));
	ids = xcalloc(lv->nsteps + 1, sizeof(*ids));
	taken = xcalloc(lv->nsteps + 1, 1);
	for (i = 0; i < lv->nsteps; i++)
		ids[i] = i;
	sort_base = lv->steps;
	if (lv->nsteps > 1)
		qsort(ids, lv->nsteps, sizeof(*ids), by_id);
	/* The keys, and the old articles of the same key. */
	for (c = k = 0; c < p.nchapters; c++)
		for (j = 0; j < p.chapters[c]->nsteps; j++, k++) {
			s = p.chapters[c]->steps[j];
			next = NULL;
			if (j + 1 < p.chapters[c]->nsteps)
				next = p.chapters[c]->steps[j + 1];
			else
				for (i = c + 1; i < p.nchapters && !next; i++)
					if (p.chapters[i]->nsteps > 0)
						next = p.chapters[i]->steps[0];
			m.v[k].id = xstrdup(s->id);
			step_key(lv, t, s, prev, next, &prose,
			    lv->split ? &plan : NULL, &w, links.base,
			    &m.v[k].key);
			m.keep[k] = m.was[k] = SIZE_MAX;
			for (i = id_first(lv, ids, s->id); i < lv->nsteps &&
			    strcmp(lv->steps[ids[i]].id, s->id) == 0; i++) {
				o = ids[i];
				if (taken[o] || lv->steps[o].key.len !=
				    m.v[k].key.len || memcmp(lv->steps[o].key.p,
				    m.v[k].key.p, m.v[k].key.len) != 0)
					continue;
				taken[o] = 1;
				m.keep[k] = o;
				m.v[k].art = lv->steps[o].art;
				memset(&lv->steps[o].art, 0,
				    sizeof(lv->steps[o].art));
				/*
				 * In the page a byte, for the page's parts;
				 * in a book of many, the article itself.
				 */
				if (lv->split)
					arts[k] = m.v[k].art;
				else {
					arts[k].p = mark;
					arts[k].len = 1;
				}
				break;
			}
			prev = s;
		}
	/* A step made again replaces an old one of its id, if any is left. */
	for (k = 0; k < n; k++) {
		if (m.keep[k] != SIZE_MAX)
			continue;
		for (i = id_first(lv, ids, m.v[k].id); i < lv->nsteps &&
		    strcmp(lv->steps[ids[i]].id, m.v[k].id) == 0; i++)
			if (!taken[ids[i]]) {
				taken[ids[i]] = 1;
				m.was[k] = ids[i];
				break;
			}
	}
	/*
	 * The page with a byte for each article kept, and where each
	 * article goes: the whole page waits until a request asks for it.
	 */
	at = xcalloc(n + 1, sizeof(*at));
	skip = xcalloc(n + 1, sizeof(*skip));
	snprintf(gen, sizeof(gen), "%lu", lv->gen + 1);
	bo.connect = "'self'";
	bo.script = asset_live_js;
	bo.script_len = asset_live_js_len;
	bo.script_hash = asset_live_js_hash;
	bo.script_attr = "data-gen";
	bo.script_value = gen;
	bo.articles = arts;
	bo.front = fr;
	/* No more threads than steps to write: often one. */
	for (i = k = 0; k < n; k++)
		i += m.keep[k] == SIZE_MAX;
	lv->made = i;
	w.jobs = pool_threads(lv->jobs);
	if ((size_t)w.jobs > i)
		w.jobs = i > 0 ? (int)i : 1;
	if (lv->split) {
		bo.script_src = "live.js";
		bo.put = files_put;
		bo.put_arg = &nf;
		(void)book_site(t, &w, &bo);
		(void)files_put(&nf, "live.js", asset_live_js,
		    asset_live_js_len);
		if ((ix = files_get(&nf, "index.html")) != NULL &&
		    fr[1] <= ix->len)
			buf_add(&front, ix->p + fr[0], fr[1] - fr[0]);
		same_files = files_same(&nf, lv->files, lv->nfiles);
	} else {
		bo.at = at;
		if ((f = open_memstream(&skel.p, &skel.len)) == NULL)
			oom();
		w.out = f;
		(void)book_write(t, &w, &bo);
		if (fclose(f) == EOF)
			oom();
		skel.cap = skel.len;
		buf_add(&front, skel.p + fr[0], fr[1] - fr[0]);
	}
	for (c = 0; c < p.nchapters; c++)
		buf_printf(&chs, "%s\t%s\n", p.chapters[c]->prefix,
		    p.chapters[c]->name);
	for (k = 0; k < n; k++) {
		if (arts[k].p != mark)
			m.v[k].art = arts[k];
		skip[k] = arts[k].len;
		o = m.was[k];
		/* Made again, the same bytes: kept. */
		if (o != SIZE_MAX && lv->steps[o].art.len == arts[k].len &&
		    memcmp(lv->steps[o].art.p, arts[k].p, arts[k].len) == 0) {
			m.keep[k] = o;
			m.was[k] = SIZE_MAX;
		}
		if (m.keep[k] != k)
			moved = 1;
	}
	front_changed = front.len != lv->front.len || (front.len > 0 &&
	    memcmp(front.p, lv->front.p, front.len) != 0);
	if (!moved && n == lv->nsteps && !front_changed && same_files &&
	    chs.len == lv->chapters.len && (chs.len == 0 ||
	    memcmp(chs.p, lv->chapters.p, chs.len) == 0)) {
		/* The same book: its articles back, the new page dropped. */
		for (k = 0; k < n; k++) {
			buf_free(&lv->steps[k].art);
			lv->steps[k].art = m.v[k].art;
			buf_free(&lv->steps[k].key);
			lv->steps[k].key = m.v[k].key;
			free(m.v[k].id);
		}
		free(m.v);
		buf_free(&skel);
		free(at);
		free(skip);
		files_free(nf.v, nf.n);
		book_plan_free(&plan);
		if (diags_changed)
			*ev = live_hello(lv);
	} else {
		*ev = lv->split ? change_json_split(lv, &m, &p, &plan, &nf) :
		    change_json(lv, &m, &p, &front, front_changed);
		if (lv->split) {
			files_free(lv->files, lv->nfiles);
			lv->files = nf.v;
			lv->nfiles = nf.n;
			book_plan_free(&lv->plan);
			lv->plan = plan;
			live_page_unref(lv->search);
			lv->search = NULL;
		}
		steps_free(lv->steps, lv->nsteps);
		lv->steps = m.v;
		lv->nsteps = n;
		buf_free(&lv->front);
		lv->front = front;
		memset(&front, 0, sizeof(front));
		buf_free(&lv->chapters);
		lv->chapters = chs;
		memset(&chs, 0, sizeof(chs));
		lv->gen++;
		buf_free(&lv->skel);
		free(lv->at);
		free(lv->skip);
		lv->skel = skel;
		lv->at = at;
		lv->skip = skip;
		lv->stale = 1;
	}
	free(m.keep);
	free(m.was);
	free(arts);
	free(ids);
	free(taken);
	buf_free(&prose);
	buf_free(&front);
	buf_free(&chs);
	srclinks_free(&links);
	pick_free(&p);
	return *ev != NULL ? LIVE_CHANGE : LIVE_NONE;
}
/*:*/

/*S:055 The page waits.  A build makes the articles of the steps that
 * changed and tells the open pages, which patch themselves: none of
 * them asks for the page.  So a build writes the page with a byte in
 * place of each article it kept, and notes where each goes; the page
 * itself, every article of the book between its head and its footer
 * (60 MB on a tour of 15,000 steps), is put together from these parts,
 * without the tour, when a request asks for it.
 */
void
live_page_make(struct live *lv)
{
	struct live_page *pg;
	size_t k, from = 0, len;

	if (!lv->stale || lv->split)
		return;
	lv->stale = 0;
	len = lv->skel.len;
	for (k = 0; k < lv->nsteps; k++)
		len += lv->steps[k].art.len - lv->skip[k];
	pg = xcalloc(1, sizeof(*pg));
	pg->refs = 1;
	pg->gen = lv->gen;
	pg->p = xmalloc(len + 1);
	for (k = 0; k < lv->nsteps; k++) {
		memcpy(pg->p + pg->len, lv->skel.p + from, lv->at[k] - from);
		pg->len += lv->at[k] - from;
		memcpy(pg->p + pg->len, lv->steps[k].art.p,
		    lv->steps[k].art.len);
		pg->len += lv->steps[k].art.len;
		from = lv->at[k] + lv->skip[k];
	}
	memcpy(pg->p + pg->len, lv->skel.p + from, lv->skel.len - from);
	pg->len += lv->skel.len - from;
	live_page_unref(lv->page);
	lv->page = pg;
}
/*:*/

int
live_open(struct live *lv, int jobs, const char *link_base, int argc,
    char **argv, int split, size_t page_steps, void (*warn)(const char *),
    char **err)
{
	char here[PATH_MAX];
	json_t *ev;

	memset(lv, 0, sizeof(*lv));
	live_warn = warn;
	lv->jobs = jobs;
	lv->link_base = link_base;
	lv->argc = argc;
	lv->argv = argv;
	lv->split = split;
	lv->page_steps = page_steps;
	lv->diags = json_array();
	/* A page of an earlier run is of another generation: it reloads. */
	lv->gen = (unsigned long)time(NULL) * 1000;
	if (getcwd(here, sizeof(here)) == NULL) {
		*err = xasprintf("cannot find the current directory: %s",
		    strerror(errno));
		return -1;
	}
	if (ws_open(&lv->ws, here, jobs, warn, err) == -1) {
		ws_close(&lv->ws);
		json_decref(lv->diags);
		return -1;
	}
	lv->ws.dirty = 1;
	/* No book: the chapters asked for are not there. */
	if (live_rebuild(lv, &ev) == LIVE_PROBLEMS && !lv->stale &&
	    lv->nfiles == 0) {
		*err = xstrdup(json_string_value(json_object_get(json_array_get(
		    json_object_get(ev, "diagnostics"), json_array_size(
		    json_object_get(ev, "diagnostics")) - 1), "message")));
		json_decref(ev);
		live_close(lv);
		return -1;
	}
	json_decref(ev);
	live_page_make(lv);
	return 0;
}

void
live_close(struct live *lv)
{
	size_t i;

	ws_close(&lv->ws);
	steps_free(lv->steps, lv->nsteps);
	for (i = 0; i < lv->nvers; i++)
		free(lv->vers[i].path);
	free(lv->vers);
	buf_free(&lv->front);
	buf_free(&lv->chapters);
	buf_free(&lv->skel);
	free(lv->at);
	free(lv->skip);
	live_page_unref(lv->page);
	files_free(lv->files, lv->nfiles);
	book_plan_free(&lv->plan);
	live_page_unref(lv->search);
	json_decref(lv->diags);
	memset(lv, 0, sizeof(*lv));
}

void
live_changed(struct live *lv, const char *path, int how)
{
	char *err = NULL;

	if (path == NULL || how == 0 || strcmp(path, ".quest") == 0) {
		/* The config, or anything: the whole tree read again. */
		if (ws_reload(&lv->ws, live_warn, &err) == -1) {
			if (live_warn != NULL)
				live_warn(err);
			free(err);
		}
		lv->epoch++;
		return;
	}
	vers_bump(lv, path);
	ws_file_changed(&lv->ws, path, how);
}

enum live_event
live_rebuild(struct live *lv, json_t **ev)
{
	const struct tour *t;
	json_t *diags;
	int errors, same;

	*ev = NULL;
	lv->made = 0;
	(void)ws_build(&lv->ws);
	t = &lv->ws.tour;
	diags = diags_json(&t->diags);
	errors = diags_worst(&t->diags, 0) == SEV_ERROR;
	same = json_equal(diags, lv->diags);
	json_decref(lv->diags);
	lv->diags = diags;
	if (errors && lv->good && (lv->page != NULL || lv->nfiles > 0)) {
		/* The last good book stays, under the diagnostics. */
		if (same)
			return LIVE_NONE;
		*ev = live_hello(lv);
		return LIVE_PROBLEMS;
	}
	lv->good = !errors;
	return render(lv, ev, !same);
}

struct live_page *
live_file(struct live *lv, const char *name)
{
	struct live_page *pg;
	struct wopts w = { 0 };
	struct buf b = { 0 };
	struct pick p;
	char *err = NULL;

	if (strcmp(name, "search.js") == 0 && lv->search == NULL &&
	    lv->nfiles > 0) {
		/* The tour of the book served: the last good one. */
		if (pick(&lv->ws.tour, lv->argc, lv->argv, PICK_STEPS, &p,
		    &err) == -1) {
			free(err);
			return NULL;
		}
		w.chapters = p.chapters;
		w.nchapters = p.nchapters;
		w.whole = p.whole;
		w.page_steps = lv->page_steps;
		w.split = 1;
		book_index(&lv->ws.tour, &w, &b);
		lv->search = page_new(b.p, b.len, lv->gen);
		buf_free(&b);
		pick_free(&p);
	}
	pg = strcmp(name, "search.js") == 0 ? lv->search :
	    files_find(lv->files, lv->nfiles, name);
	if (pg != NULL)
		pg->refs++;
	return pg;
}

json_t *
live_hello(const struct live *lv)
{
	return json_pack("{s:I,s:O}", "gen", (json_int_t)lv->gen,
	    "diagnostics", lv->diags);
}
