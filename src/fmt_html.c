/*
 * fmt_html.c: the web book, one self-contained HTML5 page.
 *
 * The page holds the whole tour: a front page (title, intro, contents),
 * then each chapter's steps, each with its title, its prose rendered as
 * Markdown and its code with line numbers and highlighting.  Its one
 * stylesheet and one script are quest's own (src/assets/), allowed by
 * hash in a Content-Security-Policy that forbids anything else, so that
 * nothing from the tree can run and nothing is loaded from anywhere.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "assets.h"
#include "highlight.h"
#include "html.h"
#include "md.h"
#include "remote.h"
#include "writer.h"

struct book {
	const struct tour *t;
	const struct wopts *o;
	struct html	 h;
	struct srclinks	 links;
	/* Highlighting of each file, by its index in t->files. */
	struct hl_span	**spans;
	size_t		 *nspans;
};

static const struct hl_span *
file_spans(struct book *bk, const struct qfile *f, size_t *n)
{
	size_t i = (size_t)(f - bk->t->files);

	*n = bk->nspans[i];
	return bk->spans[i];
}

/*
 * Highlighting is the costly part of a page: every core takes files, the
 * largest first, so that no core is left with a big one at the end.
 */
struct hlwork {
	struct book	*bk;
	size_t		*order;		/* file indices, largest file first */
	atomic_size_t	 next;
};

static int
range_order(const void *a, const void *b)
{
	const struct hl_range *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/*
 * The lines a page shows of a file: the code of its steps, merged.  Only
 * these are parsed and highlighted, as one text (tree-sitter's included
 * ranges): on lguest, 70% of the bytes of its files.
 */
static struct hl_range *
shown(const struct qfile *f, size_t *n)
{
	struct hl_range *r = xcalloc(f->nsteps + 1, sizeof(*r));
	struct step_line l;
	unsigned first, last;
	size_t i, k = 0;
	int ok;

	for (i = 0; i < f->nsteps; i++) {
		if (!step_code(&f->steps[i], &first, &last))
			continue;
		for (ok = step_line_first(&f->steps[i], &l); ok;
		    ok = step_line_next(&f->steps[i], &l)) {
			if (l.lineno == first) {
				r[k].start = (size_t)(l.p - f->text);
				r[k].first_row = first - 1;
			}
			if (l.lineno == last) {
				r[k].end = l.next;
				r[k].last_row = last;
				k++;
				break;
			}
		}
	}
	if (k > 1)
		qsort(r, k, sizeof(*r), range_order);
	for (i = 1, *n = k ? 1 : 0; i < k; i++) {
		if (r[i].start <= r[*n - 1].end) {
			if (r[i].end > r[*n - 1].end) {
				r[*n - 1].end = r[i].end;
				r[*n - 1].last_row = r[i].last_row;
			}
		} else
			r[(*n)++] = r[i];
	}
	return r;
}

static void *
hl_worker(void *arg)
{
	struct hlwork *w = arg;
	struct book *bk = w->bk;
	const struct qfile *f;
	size_t i;

	while ((i = atomic_fetch_add(&w->next, 1)) < bk->t->nfiles) {
		i = w->order[i];
		struct hl_range *r;
		size_t nr = 0;

		f = &bk->t->files[i];
		if (f->nsteps == 0 || f->text == NULL)
			continue;
		r = shown(f, &nr);
		if (nr == 0 || highlight_ranges(f->lang, f->text, f->len, r, nr,
		    &bk->spans[i], &bk->nspans[i]) == -1) {
			bk->spans[i] = NULL;
			bk->nspans[i] = 0;
		}
		free(r);
	}
	return NULL;
}

static int
by_size(const void *a, const void *b, void *arg)
{
	const struct tour *t = arg;
	size_t x = t->files[*(const size_t *)a].len;
	size_t y = t->files[*(const size_t *)b].len;

	return x < y ? 1 : x > y ? -1 : 0;
}

static void
highlight_all(struct book *bk)
{
	struct hlwork w;
	size_t i;
	pthread_t th[64];
	long n = bk->o->jobs > 0 ? bk->o->jobs : sysconf(_SC_NPROCESSORS_ONLN);
	int j, started = 0;

	w.bk = bk;
	w.order = xcalloc(bk->t->nfiles + 1, sizeof(*w.order));
	for (i = 0; i < bk->t->nfiles; i++)
		w.order[i] = i;
	if (bk->t->nfiles > 1)
		qsort_r(w.order, bk->t->nfiles, sizeof(*w.order), by_size,
		    (void *)bk->t);
	atomic_init(&w.next, 0);
	if (n > 64)
		n = 64;
	if ((size_t)n > bk->t->nfiles)
		n = (long)bk->t->nfiles;
	for (j = 1; j < n; j++)
		if (pthread_create(&th[started], NULL, hl_worker, &w) == 0)
			started++;
	hl_worker(&w);
	for (j = 0; j < started; j++)
		pthread_join(th[j], NULL);
	free(w.order);
}

/* Write text[a..b) of a file, with the highlighting spans that cover it. */
static void
code_range(struct book *bk, const char *text, size_t a, size_t b,
    const struct hl_span *sp, size_t nsp, size_t *k)
{
	char cls[40] = "hl-";
	size_t from, to;

	while (*k < nsp && sp[*k].end <= a)
		(*k)++;
	while (a < b) {
		if (*k >= nsp || sp[*k].start >= b) {
			html_text(&bk->h, text + a, b - a);
			return;
		}
		from = sp[*k].start > a ? sp[*k].start : a;
		if (from > a)
			html_text(&bk->h, text + a, from - a);
		to = sp[*k].end < b ? sp[*k].end : b;
		/* The class names are quest's own, short and few. */
		strncpy(cls + 3, sp[*k].cls, sizeof(cls) - 4);
		html_open(&bk->h, "span", "class", cls, NULL);
		html_text(&bk->h, text + from, to - from);
		html_close(&bk->h);
		a = to;
		if (sp[*k].end <= b)
			(*k)++;
	}
}

static void
code_lines(struct book *bk, const struct step *s, unsigned first,
    unsigned last)
{
	const char *text = s->file->text;
	const struct hl_span *sp;
	struct step_line l;
	size_t nsp, k = 0, lo, hi, at;
	char num[16];
	int ok, i, depth;

	sp = file_spans(bk, s->file, &nsp);
	/* The first span that may reach this step. */
	lo = 0;
	hi = nsp;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (sp[mid].end <= s->off)
			lo = mid + 1;
		else
			hi = mid;
	}
	k = lo;
	depth = bk->h.depth;
	html_open(&bk->h, "pre", "class", "code", "data-lang",
	    s->file->lang->fence, NULL);
	html_open(&bk->h, "code", NULL);
	for (ok = step_line_first(s, &l); ok && l.lineno <= last;
	    ok = step_line_next(s, &l)) {
		if (l.lineno < first)
			continue;
		snprintf(num, sizeof(num), "%u", l.lineno);
		html_open(&bk->h, "span", "class", "line", "data-line", num, NULL);
		html_open(&bk->h, "span", "class", "ln", NULL);
		html_textz(&bk->h, num);
		html_close(&bk->h);
		at = 0;
		for (i = 0; i <= l.ncut; i++) {
			size_t end = i < l.ncut ? l.cut[i].off : l.n;

			if (end > at)
				code_range(bk, text, (size_t)(l.p - text) + at,
				    (size_t)(l.p - text) + end, sp, nsp, &k);
			if (i < l.ncut)
				at = l.cut[i].off + l.cut[i].len;
		}
		html_close(&bk->h);
	}
	html_close_to(&bk->h, depth);
}

/* --since: the code changed under this step's prose. */
static void
stale_badge(struct html *h, const struct step *s)
{
	char title[96];

	snprintf(title, sizeof(title), "%u code line%s changed since, its "
	    "prose did not", s->stale, s->stale == 1 ? "" : "s");
	html_open(h, "span", "class", "badge stale", "title", title, NULL);
	html_textz(h, "stale");
	html_close(h);
}

/* A step's title, as its heading and its line in the contents show it. */
static void
step_heading(struct html *h, const struct step *s, const struct buf *title)
{
	html_open(h, "span", "class", "title", NULL);
	md_render_inline(h, title->p ? title->p : "", title->len);
	html_close(h);
	if (s->stale)
		stale_badge(h, s);
}

static void
write_step(struct book *bk, const struct step *s, const struct step *prev,
    const struct step *next)
{
	struct html *h = &bk->h;
	struct buf id = { 0 }, title = { 0 }, prose = { 0 }, loc = { 0 };
	struct buf pid = { 0 }, nid = { 0 };
	unsigned first, last;
	char *link;

	buf_printf(&id, "%s:%s", s->prefix, s->number);
	step_title(s, &title);
	step_prose(s, &prose);
	html_open(h, "article", "class", "step", "id", buf_cstr(&id), NULL);
	html_open(h, "header", NULL);
	html_open(h, "h3", NULL);
	buf_printf(&pid, "#%s", id.p);
	html_open(h, "a", "class", "anchor", "href", pid.p, NULL);
	html_text(h, id.p, id.len);
	html_close(h);
	step_heading(h, s, &title);
	html_close(h);	/* h3 */
	link = srclink(&bk->links, s->file->path, s->line, s->last);
	buf_printf(&loc, "%s:%u", s->file->path, s->line);
	html_open(h, "a", "class", "src", "href", link, NULL);
	html_text(h, loc.p, loc.len);
	html_close(h);
	free(link);
	html_close(h);	/* header */
	html_open(h, "div", "class", "prose", NULL);
	md_render(h, bk->t, prose.p, prose.len, 3);
	html_close(h);
	if (step_code(s, &first, &last))
		code_lines(bk, s, first, last);
	html_open(h, "nav", "class", "steps", NULL);
	pid.len = nid.len = 0;
	if (prev != NULL) {
		buf_printf(&pid, "#%s:%s", prev->prefix, prev->number);
		html_open(h, "a", "class", "prev-step", "href", pid.p, NULL);
		html_printf(h, "\xE2\x86\x90 %s", pid.p + 1);
		html_close(h);
	} else {
		html_open(h, "span", NULL);	/* keeps next on the right */
		html_close(h);
	}
	if (next != NULL) {
		buf_printf(&nid, "#%s:%s", next->prefix, next->number);
		html_open(h, "a", "class", "next-step", "href", nid.p, NULL);
		html_printf(h, "%s \xE2\x86\x92", nid.p + 1);
		html_close(h);
	}
	html_close(h);	/* nav */
	html_close(h);	/* article */
	html_textz(h, "\n");
	buf_free(&id);
	buf_free(&title);
	buf_free(&prose);
	buf_free(&loc);
	buf_free(&pid);
	buf_free(&nid);
}

static void
write_front(struct book *bk, const char *title)
{
	const struct tour *t = bk->t;
	const struct wopts *o = bk->o;
	struct html *h = &bk->h;
	struct buf intro = { 0 }, href = { 0 }, tt = { 0 };
	const struct step *s;
	size_t i, j;

	html_open(h, "section", "id", "top", "class", "front", NULL);
	html_open(h, "h1", NULL);
	html_textz(h, title);
	html_close(h);
	if (t->config.intro != NULL && read_file(t->config.intro, &intro) == 0) {
		html_open(h, "div", "class", "intro", NULL);
		md_render(h, NULL, intro.p ? intro.p : "", intro.len, 1);
		html_close(h);
	}
	html_open(h, "nav", "id", "toc", "class", "toc", NULL);
	html_open(h, "h2", NULL);
	html_textz(h, "Contents");
	html_close(h);
	html_open(h, "ol", NULL);
	for (i = 0; i < o->nchapters; i++) {
		const struct chapter *ch = o->chapters[i];

		html_open(h, "li", NULL);
		href.len = 0;
		buf_printf(&href, "#chapter-%s", ch->prefix);
		html_open(h, "a", "href", href.p, NULL);
		html_textz(h, ch->name);
		html_close(h);
		html_open(h, "ol", NULL);
		for (j = 0; j < ch->nsteps; j++) {
			s = ch->steps[j];
			href.len = 0;
			buf_printf(&href, "#%s:%s", s->prefix, s->number);
			step_title(s, &tt);
			html_open(h, "li", NULL);
			html_open(h, "a", "class", "toc-step", "href", href.p, NULL);
			html_open(h, "span", "class", "num", NULL);
			html_textz(h, href.p + 1);
			html_close(h);
			step_heading(h, s, &tt);
			html_close(h);
			html_close(h);
		}
		html_close(h);	/* ol */
		html_close(h);	/* li */
	}
	html_close(h);	/* ol */
	html_close(h);	/* nav */
	html_close(h);	/* section */
	html_textz(h, "\n");
	buf_free(&intro);
	buf_free(&href);
	buf_free(&tt);
}

/*W:050 The page itself.  The head pins down what may run: a
 * Content-Security-Policy allows the one stylesheet and the one script
 * quest wrote, by their SHA-256, and nothing else, no request of any kind.
 * The body is a bar (title, search, previous and next), the front page,
 * then every chapter's steps, each an `article` whose id is its tag,
 * `G:030`, so that a link to a step stays good while the tour grows.
 */
static int
html_write(const struct tour *t, const struct wopts *o)
{
	struct book bk;
	struct buf page = { 0 }, csp = { 0 }, title = { 0 }, id = { 0 };
	struct html *h = &bk.h;
	const struct step *prev = NULL, *next;
	const struct chapter *ch;
	size_t i, j, k, total = 0;
	int rc = 0;

	memset(&bk, 0, sizeof(bk));
	bk.t = t;
	bk.o = o;
	h->b = &page;
	bk.spans = xcalloc(t->nfiles + 1, sizeof(*bk.spans));
	bk.nspans = xcalloc(t->nfiles + 1, sizeof(*bk.nspans));
	srclinks_init(&bk.links, o->link_base);
	highlight_all(&bk);
	if (t->config.title != NULL)
		buf_adds(&title, t->config.title);
	else
		buf_adds(&title, "A guided tour");

	buf_printf(&csp, "default-src 'none'; script-src '%s'; style-src '%s'; "
	    "img-src data:; base-uri 'none'; form-action 'none'",
	    asset_js_hash, asset_css_hash);
	html_trusted(h, "<!DOCTYPE html>\n", 16);
	html_open(h, "html", "lang", "en", NULL);
	html_open(h, "head", NULL);
	html_void(h, "meta", "charset", "utf-8", NULL);
	html_void(h, "meta", "http-equiv", "Content-Security-Policy", "content",
	    csp.p, NULL);
	html_void(h, "meta", "name", "viewport", "content",
	    "width=device-width, initial-scale=1", NULL);
	html_void(h, "meta", "name", "generator", "content", "quest", NULL);
	html_open(h, "title", NULL);
	html_text(h, title.p, title.len);
	html_close(h);
	html_open(h, "style", NULL);
	html_trusted(h, asset_css, asset_css_len);
	html_close(h);
	html_close(h);	/* head */
	html_textz(h, "\n");
	html_open(h, "body", NULL);
	html_open(h, "header", "class", "bar", NULL);
	html_open(h, "a", "class", "home", "href", "#top", NULL);
	html_text(h, title.p, title.len);
	html_close(h);
	html_void(h, "input", "id", "search", "type", "search", "placeholder",
	    "Search (/)", "aria-label", "Search the tour", "autocomplete", "off",
	    NULL);
	html_open(h, "nav", "class", "pager", NULL);
	html_open(h, "a", "id", "prev", "title", "Previous step (k)", NULL);
	html_textz(h, "\xE2\x86\x90");
	html_close(h);
	html_open(h, "a", "id", "next", "title", "Next step (j)", NULL);
	html_textz(h, "\xE2\x86\x92");
	html_close(h);
	html_close(h);	/* nav */
	html_close(h);	/* header */
	html_open(h, "div", "id", "results", "hidden", "hidden", NULL);
	html_close(h);
	html_open(h, "main", NULL);
	write_front(&bk, title.p);
	for (i = 0; i < o->nchapters; i++) {
		ch = o->chapters[i];
		id.len = 0;
		buf_printf(&id, "chapter-%s", ch->prefix);
		html_open(h, "section", "class", "chapter", "id", id.p, NULL);
		html_open(h, "h2", NULL);
		html_textz(h, ch->name);
		html_close(h);
		for (j = 0; j < ch->nsteps; j++) {
			/* Previous and next run on across chapters. */
			if (j + 1 < ch->nsteps)
				next = ch->steps[j + 1];
			else
				for (next = NULL, k = i + 1; k < o->nchapters &&
				    next == NULL; k++)
					if (o->chapters[k]->nsteps > 0)
						next = o->chapters[k]->steps[0];
			write_step(&bk, ch->steps[j], prev, next);
			prev = ch->steps[j];
			total++;
		}
		html_close(h);
		html_textz(h, "\n");
		if (page.len > 1 << 20) {
			if (fwrite(page.p, 1, page.len, o->out) != page.len)
				rc = -1;
			page.len = 0;
		}
	}
	html_close(h);	/* main */
	html_open(h, "footer", NULL);
	html_printf(h, "%zu steps in %zu chapters, woven by quest.", total,
	    o->nchapters);
	html_close(h);
	html_open(h, "script", NULL);
	html_trusted(h, asset_js, asset_js_len);
	html_close(h);
	html_close_to(h, 0);
	html_textz(h, "\n");
	if (page.len > 0 && fwrite(page.p, 1, page.len, o->out) != page.len)
		rc = -1;

	for (i = 0; i < t->nfiles; i++)
		free(bk.spans[i]);
	free(bk.spans);
	free(bk.nspans);
	srclinks_free(&bk.links);
	buf_free(&page);
	buf_free(&csp);
	buf_free(&title);
	buf_free(&id);
	return rc;
}
/*:*/

const struct writer writer_html = { "html", html_write };
