/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * covhtml.c: quest coverage --html, one self-contained page: a treemap of
 * the tree (area the lines of code, colour the share the tour covers),
 * each file's rectangle linking to its steps in the web book, and the
 * largest definitions that no step shows.
 */
#include <nettle/base64.h>
#include <nettle/sha2.h>

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "coverage.h"
#include "html.h"

/* The map, in CSS pixels; a box smaller than MIN_BOX a side is not drawn. */
#define MAP_W		1200.0
#define MAP_H		720.0
#define MIN_BOX		3.0
#define LABEL_H		14.0	/* a directory's name, above its boxes */
#define PAD		2.0
/* The largest definitions no step shows: so many at most. */
#define TOP_DEFS	50

struct tnode {
	const char	*name;		/* its last component, namelen bytes */
	size_t		 namelen;
	const struct cov_file *file;	/* a file; NULL: a directory */
	char		*path;		/* a directory's, with its slash */
	unsigned long long code, covered;
	struct tnode	*kids;
	size_t		 nkids;
	double		 x, y, w, h;	/* its box, once laid out */
};

/* The files [lo, hi) of c, whose paths share their first off bytes. */
static void
tree_build(struct tnode *n, const struct coverage *c, size_t lo, size_t hi,
    size_t off)
{
	const char *p, *s;
	size_t i, j, len;
	struct tnode *k;

	n->kids = xcalloc(hi - lo ? hi - lo : 1, sizeof(*n->kids));
	for (i = lo; i < hi; i = j) {
		p = c->files[i].path + off;
		k = &n->kids[n->nkids++];
		k->name = p;
		if ((s = strchr(p, '/')) == NULL) {
			k->namelen = strlen(p);
			k->file = &c->files[i];
			k->code = c->files[i].code;
			k->covered = c->files[i].covered;
			j = i + 1;
			continue;
		}
		len = (size_t)(s - p) + 1;	/* the slash too */
		k->namelen = len - 1;
		for (j = i + 1; j < hi && strncmp(c->files[j].path + off, p,
		    len) == 0; j++)
			continue;
		k->path = xstrndup(c->files[i].path, off + len);
		tree_build(k, c, i, j, off + len);
	}
	for (i = 0; i < n->nkids; i++) {
		n->code += n->kids[i].code;
		n->covered += n->kids[i].covered;
	}
}

static void
tree_free(struct tnode *n)
{
	size_t i;

	for (i = 0; i < n->nkids; i++)
		tree_free(&n->kids[i]);
	free(n->kids);
	free(n->path);
}

static int
size_cmp(const void *pa, const void *pb)
{
	const struct tnode *a = pa, *b = pb;

	if (a->code != b->code)
		return a->code > b->code ? -1 : 1;
	return a->namelen == b->namelen ? memcmp(a->name, b->name,
	    a->namelen) : a->namelen < b->namelen ? -1 : 1;
}

/* The worst aspect ratio of a row of total s, extremes lo and hi. */
static double
worst(double s, double lo, double hi, double side)
{
	double a = side * side * hi / (s * s), b = s * s / (side * side * lo);

	return a > b ? a : b;
}

/*V:050 The coverage page's treemap is squarified (Bruls, Huizing and
 * van Wijk, 2000), computed here: a directory's children, largest first,
 * are laid in rows along the shorter side of its box, a row taking
 * children while that makes its worst aspect ratio no worse, so that
 * boxes stay near square and a reader can compare them.  A directory
 * keeps a band for its name above its children when it is large enough.
 * Every box is a rule of the page's one stylesheet (no style attribute:
 * the CSP allows the stylesheet by its hash, computed as the page is
 * written), so the page loads and runs nothing.
 */
static void
layout(struct tnode *n, double x, double y, double w, double h)
{
	struct tnode *k = n->kids;
	double total = 0, scale, side, s, lo, hi, t, at;
	size_t i, j, m, nk;

	n->x = x;
	n->y = y;
	n->w = w;
	n->h = h;
	if (n->file != NULL || n->code == 0)
		return;
	if (n->path != NULL && w > 40 && h > 30) {
		y += LABEL_H;
		h -= LABEL_H + PAD;
		x += PAD;
		w -= 2 * PAD;
	}
	qsort(k, n->nkids, sizeof(*k), size_cmp);
	for (nk = 0; nk < n->nkids && k[nk].code > 0; nk++)
		total += (double)k[nk].code;
	scale = w * h / total;
	for (i = 0; i < nk; i = m) {
		side = w < h ? w : h;
		s = lo = hi = (double)k[i].code * scale;
		for (m = i + 1; m < nk; m++) {
			double a = (double)k[m].code * scale;

			if (worst(s + a, a < lo ? a : lo, a > hi ? a : hi,
			    side) > worst(s, lo, hi, side))
				break;
			s += a;
			lo = a < lo ? a : lo;
			hi = a > hi ? a : hi;
		}
		t = side > 0 ? s / side : 0;	/* the row's thickness */
		for (j = i, at = 0; j < m; j++) {
			double len = t > 0 ? (double)k[j].code * scale / t : 0;

			if (w >= h)
				layout(&k[j], x, y + at, t, len);
			else
				layout(&k[j], x + at, y, len, t);
			at += len;
		}
		if (w >= h) {
			x += t;
			w -= t;
		} else {
			y += t;
			h -= t;
		}
	}
}
/*:*/

/* A share as a colour: red for none, through yellow, to green for all. */
static void
colour(struct buf *b, unsigned long long part, unsigned long long whole)
{
	buf_printf(b, "hsl(%u,70%%,%u%%)", cov_tenths(part, whole) * 120 / 1000,
	    whole == 0 ? 92 : 78);
}

/* The stylesheet: the page's rules, then a rule a box. */
static size_t
rules(struct buf *css, const struct tnode *n, size_t id)
{
	size_t i;

	if (n->w < MIN_BOX || n->h < MIN_BOX)
		return id;
	buf_printf(css, "#b%zu{left:%.1fpx;top:%.1fpx;width:%.1fpx;"
	    "height:%.1fpx;background:", id, n->x, n->y, n->w, n->h);
	colour(css, n->covered, n->code);
	buf_adds(css, "}\n");
	id++;
	for (i = 0; i < n->nkids; i++)
		id = rules(css, &n->kids[i], id);
	return id;
}

static void
share_text(struct html *h, unsigned long long part, unsigned long long whole)
{
	unsigned t = cov_tenths(part, whole);

	html_printf(h, "%llu of %llu lines of code (%u.%u%%)", part, whole,
	    t / 10, t % 10);
}

/* The boxes, in the order of rules(): a directory's before its own. */
static size_t
boxes(struct html *h, const struct tnode *n, size_t id,
    const struct cov_opts *o)
{
	const struct qfile *f;
	struct buf title = { 0 }, href = { 0 };
	char idb[32];
	unsigned t;
	size_t i;

	if (n->w < MIN_BOX || n->h < MIN_BOX)
		return id;
	t = cov_tenths(n->covered, n->code);
	buf_printf(&title, "%s: %llu/%llu lines, %u.%u%%", n->file ?
	    n->file->path : n->path ? n->path : "the tree", n->covered,
	    n->code, t / 10, t % 10);
	(void)snprintf(idb, sizeof(idb), "b%zu", id++);
	html_open(h, "div", "id", idb, "class", n->file ? "box file" :
	    "box dir", "title", buf_cstr(&title), NULL);
	if (n->path != NULL || n->file != NULL) {
		html_open(h, "span", "class", "name", NULL);
		html_text(h, n->name, n->namelen);
		html_close(h);
	}
	if (n->file != NULL && (f = cov_tour_file(o->t, n->file->path)) !=
	    NULL)
		for (i = 0; i < f->nsteps; i++) {
			href.len = 0;
			buf_printf(&href, "%s#%s", o->book, f->steps[i].id);
			html_textz(h, " ");
			html_open(h, "a", "href", buf_cstr(&href), "title",
			    f->steps[i].title, NULL);
			html_textz(h, f->steps[i].id);
			html_close(h);
		}
	html_close(h);
	for (i = 0; i < n->nkids; i++)
		id = boxes(h, &n->kids[i], id, o);
	buf_free(&title);
	buf_free(&href);
	return id;
}

struct bigdef {
	const struct cov_file *f;
	const struct cov_def *d;
};

static int
bigdef_cmp(const void *pa, const void *pb)
{
	const struct bigdef *a = pa, *b = pb;
	int r;

	if (a->d->code != b->d->code)
		return a->d->code > b->d->code ? -1 : 1;
	if ((r = strcmp(a->f->path, b->f->path)) != 0)
		return r;
	return a->d->line < b->d->line ? -1 : a->d->line > b->d->line;
}

/* The largest definitions that no step shows, TOP_DEFS at most. */
static void
uncovered(struct html *h, const struct coverage *c)
{
	struct bigdef *v = NULL;
	size_t i, j, n = 0, cap = 0;

	for (i = 0; i < c->nfiles; i++)
		for (j = 0; j < c->files[i].ndefs; j++) {
			if (c->files[i].defs[j].shown ||
			    c->files[i].defs[j].code == 0)
				continue;
			if (n == cap) {
				cap = cap ? cap * 2 : 64;
				v = xreallocarray(v, cap, sizeof(*v));
			}
			v[n].f = &c->files[i];
			v[n++].d = &c->files[i].defs[j];
		}
	html_open(h, "h2", NULL);
	html_textz(h, "The largest definitions no step shows");
	html_close(h);
	if (n == 0) {
		html_open(h, "p", NULL);
		html_textz(h, "None: every definition found is shown.");
		html_close(h);
		return;
	}
	qsort(v, n, sizeof(*v), bigdef_cmp);
	html_open(h, "table", "id", "defs", NULL);
	html_open(h, "tr", NULL);
	html_open(h, "th", NULL);
	html_textz(h, "lines");
	html_close(h);
	html_open(h, "th", NULL);
	html_textz(h, "definition");
	html_close(h);
	html_open(h, "th", NULL);
	html_textz(h, "where");
	html_close(h);
	html_close(h);
	for (i = 0; i < n && i < TOP_DEFS; i++) {
		html_open(h, "tr", NULL);
		html_open(h, "td", NULL);
		html_printf(h, "%u", v[i].d->code);
		html_close(h);
		html_open(h, "td", NULL);
		html_printf(h, "%s ", v[i].d->kind);
		html_open(h, "code", NULL);
		html_textz(h, v[i].d->name);
		html_close(h);
		html_close(h);
		html_open(h, "td", NULL);
		html_textz(h, v[i].f->path);
		html_printf(h, ":%u", v[i].d->line);
		html_close(h);
		html_close(h);
	}
	html_close(h);
	free(v);
}

static const char page_css[] =
    "body{font:14px/1.4 system-ui,sans-serif;margin:1em;color:#222}\n"
    "#map{position:relative;width:1200px;height:720px;"
    "background:#eee}\n"
    ".box{position:absolute;box-sizing:border-box;overflow:hidden;"
    "border:1px solid #fff;font-size:11px;line-height:13px;"
    "padding:0 2px;white-space:nowrap}\n"
    ".dir{border-color:#555}\n"
    ".dir>.name{font-weight:bold}\n"
    ".box a{color:#00e}\n"
    "#defs td,#defs th{text-align:left;padding:0 1em 0 0}\n"
    "#defs td:first-child{text-align:right}\n";

/*V:060 The coverage page is one file, written as the web book is:
 * through html.c, so that nothing from the tree reaches it but escaped,
 * under a Content-Security-Policy that allows its one stylesheet by its
 * SHA-256 and nothing else, no script, no request.  The figures first,
 * then the map, whose rectangles are files (and their directories), each
 * linking to its steps at the web book (--book, book.html beside it by
 * default) as URL#G:030, then the largest definitions that no step
 * shows.
 */
int
cov_write_html(FILE *fp, const struct coverage *c, const struct cov_opts *o)
{
	struct tnode root = { 0 };
	struct buf css = { 0 }, csp = { 0 }, b = { 0 };
	struct html h = { 0 };
	struct sha256_ctx sha;
	uint8_t dg[SHA256_DIGEST_SIZE];
	char b64[BASE64_ENCODE_RAW_LENGTH(SHA256_DIGEST_SIZE) + 1];
	unsigned long long part, whole;
	size_t n, nsteps = 0;
	int rc = 0;

	tree_build(&root, c, 0, c->nfiles, 0);
	layout(&root, 0, 0, MAP_W, MAP_H);
	buf_adds(&css, "/*<![CDATA[*/\n");
	buf_adds(&css, page_css);
	(void)rules(&css, &root, 0);
	buf_adds(&css, "/*]]>*/");
	sha256_init(&sha);
	sha256_update(&sha, css.len, (const uint8_t *)css.p);
	sha256_digest(&sha, sizeof(dg), dg);
	base64_encode_raw(b64, sizeof(dg), dg);
	b64[sizeof(b64) - 1] = '\0';
	buf_printf(&csp, "default-src 'none'; style-src 'sha256-%s'; "
	    "base-uri 'none'; form-action 'none'", b64);

	h.b = &b;
	html_trusted(&h, "<!DOCTYPE html>\n", 16);
	html_open(&h, "html", "lang", "en", NULL);
	html_open(&h, "head", NULL);
	html_void(&h, "meta", "charset", "utf-8", NULL);
	html_void(&h, "meta", "http-equiv", "Content-Security-Policy",
	    "content", csp.p, NULL);
	html_void(&h, "meta", "name", "generator", "content", "quest", NULL);
	html_open(&h, "title", NULL);
	html_textz(&h, "Coverage: ");
	html_textz(&h, o->t->config.title ? o->t->config.title :
	    "A guided tour");
	html_close(&h);
	html_open(&h, "style", NULL);
	html_trusted(&h, css.p, css.len);
	html_close(&h);
	html_close(&h);	/* head */
	html_textz(&h, "\n");
	html_open(&h, "body", NULL);
	html_open(&h, "h1", NULL);
	html_textz(&h, "Coverage: ");
	html_textz(&h, o->t->config.title ? o->t->config.title :
	    "A guided tour");
	html_close(&h);
	for (n = 0; n < o->t->nchapters; n++)
		nsteps += o->t->chapters[n].nsteps;
	cov_total(c, &part, &whole);
	html_open(&h, "p", "id", "total", NULL);
	html_printf(&h, "The tour's %zu step%s show ", nsteps,
	    nsteps == 1 ? "" : "s");
	share_text(&h, part, whole);
	html_printf(&h, " in %zu file%s.  Area is "
	    "lines of code; colour is the share shown, red none, green "
	    "all.", c->nfiles, c->nfiles == 1 ? "" : "s");
	html_close(&h);
	html_open(&h, "div", "id", "map", NULL);
	(void)boxes(&h, &root, 0, o);
	html_close(&h);
	uncovered(&h, c);
	html_close_to(&h, 0);
	html_textz(&h, "\n");
	if (fwrite(b.p, 1, b.len, fp) != b.len) {
		if (errno == 0)
			errno = EIO;
		rc = -1;
	}
	tree_free(&root);
	buf_free(&css);
	buf_free(&csp);
	buf_free(&b);
	return rc;
}
/*:*/
