/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * fmt_html.c: the web book, one self-contained HTML5 page, or a book of
 * many pages in a directory (-o DIR/) for a tour too big for one.
 *
 * The page holds the whole tour: a front page (title, intro, contents),
 * then each chapter's steps, each with its title, its prose rendered as
 * Markdown and its code with line numbers and highlighting.  A book of
 * many pages holds the same: the front page in index.html, then a page a
 * chapter or part of one (site_write()).  Its one
 * stylesheet and one script are quest's own (src/assets/), allowed by
 * hash in a Content-Security-Policy that forbids anything else, so that
 * nothing from the tree can run and nothing is loaded from anywhere.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assets.h"
#include "book.h"
#include "highlight.h"
#include "html.h"
#include "json.h"
#include "md.h"
#include "output.h"
#include "pool.h"
#include "remote.h"
#include "writer.h"

struct site;

struct book {
	const struct tour *t;
	const struct wopts *o;
	struct srclinks	 links;
	const struct site *site;	/* a book of many pages, or NULL */
	const struct book_opts *bo;	/* quest serve's, or NULL */
};

/*
 * A book of many pages (-o DIR/): the index page, then a page a chapter,
 * or more than one for a chapter too big for a page, split between steps.
 */
struct site_page {
	char		*name;		/* "getting-started.html" */
	size_t		 ch;		/* its chapter, in wopts' chapters */
	size_t		 from, n;	/* its steps: ch's from to from + n */
	size_t		 k;		/* its first step's job */
	unsigned	 part;		/* 1, 2...: among its chapter's pages */
};

struct site {
	struct site_page *v;
	size_t		 n;
	size_t		*first;		/* a tour chapter's first page, by
					 * its index in t->chapters; SIZE_MAX:
					 * not in the book */
	size_t		 nsteps;
};

/*
 * Where a link to s goes from page here: "#G:030" on the same page (and
 * always on a single one), else "guest.html#G:030".
 */
static size_t	site_page_of(const struct site *, const struct tour *,
		    const struct step *);
static void	step_href(const struct book *, size_t here,
		    const struct step *, struct buf *);
static void	site_toc(const struct book *, struct html *, size_t here);
static void	site_overview(const struct book *, struct html *);
static int	site_write(const struct tour *, const struct wopts *,
		    const struct book_opts *);

/*
 * The costly part of a page is its steps' code: tree-sitter parses it and
 * runs the grammar's query over it.  So every step is a job of a pool
 * (pool.c), done by whichever core is free, the largest first: highlight
 * its lines, then write its article into a buffer of its own.  The page is
 * then these buffers, in the tour's order, between the front page and the
 * footer.  The query of each grammar compiles in a pool of its own, started
 * as soon as the load reads a file with steps (the driver passes the load
 * highlight_prepare()).
 */
struct jobs;
struct ctxjob;

struct job {
	struct jobs	*js;
	struct ctxjob	*cx;		/* its context's, when it needs one */
	struct buf	 where;		/* its context: a definition a line */
	const struct step *s, *prev, *next;
	size_t		 page;		/* its page, in a book of many */
	size_t		 cost;		/* bytes of code, for the order */
	unsigned	 first, last;	/* its code's lines; 0: none */
	size_t		 a, b;		/* its code, bytes of its file */
	int		 parsed;	/* its code is parsed, or has none */
	struct hl_parse	*hp;		/* parsed, waiting for the query */
	struct hl_span	*sp;		/* its code's highlighting */
	size_t		 nsp;
	int		 limit;		/* not highlighted: an hl_limit */
	int		 kept;		/* its article is bo->articles' */
	struct buf	 out;		/* the step's article */
	atomic_int	 done;		/* out is whole */
};

/*
 * The page as written so far: the pool's owner writes the steps out in
 * order as their jobs are done, between jobs of its own.
 */
struct page {
	struct html	 h;
	struct buf	 b;		/* what is not written out yet */
	FILE		*out;
	size_t		 ch, st, k;	/* the next step: its chapter, its
					 * index there, its job */
	size_t		 stop;		/* the job to stop before: its
					 * last step's, + 1 */
	size_t		 part;		/* in a book of many, its page */
	size_t		 bytes;		/* written out so far */
	int		 full;		/* every step up to stop is written */
	int		 open;		/* chapter ch's section is open */
	int		 rc;
};

/*
 * The context lines of the excerpts of one file that start indented,
 * inside a definition maybe: one parse of the file for all of them, by
 * the first thread that takes the job or needs it.
 */
struct ctxjob {
	const struct qfile *f;
	struct job	**v;		/* its steps' jobs, by place */
	size_t		 n;
	size_t		 need;		/* of them, not kept */
	pthread_mutex_t	 mu;		/* held while it is done */
	atomic_int	 done;
	int		 queued;	/* a book of many pages: submitted */
};

struct jobs {
	struct book	*bk;
	struct job	*v;
	size_t		 n;
	size_t		*order;		/* indices into v, costliest first */
	struct ctxjob	*cx;		/* one a file of the tour; used
					 * where n > 0 */
	size_t		 ncx;
	struct pool	*pool;
};

/* Write text[a..b) of a file, with the highlighting spans that cover it. */
static void
code_range(struct html *h, const char *text, size_t a, size_t b,
    const struct hl_span *sp, size_t nsp, size_t *k)
{
	char cls[40] = "hl-";
	size_t from, to, n;

	while (*k < nsp && sp[*k].end <= a)
		(*k)++;
	while (a < b) {
		if (*k >= nsp || sp[*k].start >= b) {
			html_text(h, text + a, b - a);
			return;
		}
		from = sp[*k].start > a ? sp[*k].start : a;
		if (from > a)
			html_text(h, text + a, from - a);
		to = sp[*k].end < b ? sp[*k].end : b;
		/* The class names are quest's own, short and few. */
		if ((n = strlen(sp[*k].cls)) > sizeof(cls) - 4)
			n = sizeof(cls) - 4;
		memcpy(cls + 3, sp[*k].cls, n);
		cls[3 + n] = '\0';
		html_open_class(h, "span", cls);
		html_text(h, text + from, to - from);
		html_close(h);
		a = to;
		if (sp[*k].end <= b)
			(*k)++;
	}
}

/* n in decimal; snprintf() is slow for a number a line. */
static void
utoa(unsigned n, char out[16])
{
	char tmp[16];
	size_t i = 0, j = 0;

	do
		tmp[i++] = (char)('0' + n % 10);
	while ((n /= 10) > 0);
	while (i > 0)
		out[j++] = tmp[--i];
	out[j] = '\0';
}

/*
 * The byte at shown offset i of a line (its cuts left out), or -1 past
 * its end; *raw is where it is in l->p.
 */
static int
shown_at(const struct step_line *l, size_t i, size_t *raw)
{
	size_t at = 0, n;
	int c;

	for (c = 0; c <= l->ncut; c++) {
		n = (c < l->ncut ? l->cut[c].off : l->n) - at;
		if (i < n) {
			*raw = at + i;
			return (unsigned char)l->p[at + i];
		}
		i -= n;
		if (c < l->ncut)
			at = l->cut[c].off + l->cut[c].len;
	}
	return -1;
}

/*
 * The indentation that every line of a step's code shares, in bytes, so
 * that an excerpt from deep inside a function starts at the left: the
 * longest run of tabs and spaces that starts each line but the blank
 * ones.  When a tab follows it in any line, the run is cut back to end on
 * a tab stop (a multiple of 8 columns, so of the page's 4 too): a tab
 * after it then reaches the stop it reached.
 */
static size_t
code_indent(const struct job *j)
{
	const struct step *s = j->s;
	struct step_line l;
	size_t n = 0, i, raw, col, stop;
	const char *first = NULL;
	int ok, c, tab = 0;

	for (ok = step_line_first(s, &l); ok && l.lineno <= j->last;
	    ok = step_line_next(s, &l)) {
		if (l.lineno < j->first)
			continue;
		for (i = 0; (c = shown_at(&l, i, &raw)) == ' ' || c == '\t';
		    i++)
			continue;
		if (c == -1)
			continue;	/* blank */
		if (first == NULL) {
			first = l.p;
			n = i;
		} else {
			for (i = 0; i < n && shown_at(&l, i, &raw) ==
			    (unsigned char)first[i]; i++)
				continue;
			n = i;
		}
	}
	/* Is a tab shown past the run, in a line that is not blank? */
	for (ok = step_line_first(s, &l); ok && !tab && l.lineno <= j->last;
	    ok = step_line_next(s, &l)) {
		int solid = 0, t = 0;

		for (i = n; l.lineno >= j->first &&
		    (c = shown_at(&l, i, &raw)) != -1; i++) {
			t |= c == '\t';
			solid |= c != ' ' && c != '\t';
		}
		tab = t && solid;
	}
	if (!tab)
		return n;
	for (i = col = stop = 0; i < n; i++) {
		col = first[i] == '\t' ? (col / 8 + 1) * 8 : col + 1;
		if (col % 8 == 0)
			stop = i + 1;
	}
	return stop;
}

/*
 * A step's code lines, first to last, with the spans of its job, less
 * the indentation they share; their numbers stay the file's.
 */
static void
code_lines(struct html *h, const struct job *j)
{
	unsigned first = j->first, last = j->last;
	const struct step *s = j->s;
	const char *text = s->file->text;
	struct step_line l;
	size_t k = 0, at, from, ind, skip;
	char num[16];
	int ok, c, depth;

	depth = h->depth;
	/* A note set off from the prose, in the stylesheet as it is. */
	if (j->limit > 0) {
		html_open(h, "p", "class", "code-note", NULL);
		html_open(h, "i", NULL);
		html_printf(h, "Not highlighted: %s.",
		    highlight_limit(j->limit));
		html_close_to(h, depth);
	}
	ind = code_indent(j);
	html_open(h, "pre", "class", "code", "data-lang",
	    s->file->lang->fence, NULL);
	html_open(h, "code", NULL);
	for (ok = step_line_first(s, &l); ok && l.lineno <= last;
	    ok = step_line_next(s, &l)) {
		if (l.lineno < first)
			continue;
		utoa(l.lineno, num);
		html_open_class(h, "span", "line");
		html_open_class(h, "span", "ln");
		html_textz(h, num);
		html_close(h);
		/* The shared indentation, or a blank line's spaces. */
		for (skip = 0; skip < ind && ((c = shown_at(&l, skip, &at)) ==
		    ' ' || c == '\t'); skip++)
			continue;
		at = 0;
		for (c = 0; c <= l.ncut; c++) {
			size_t end = c < l.ncut ? l.cut[c].off : l.n;

			from = at;
			if (skip > 0) {
				from = end - at > skip ? at + skip : end;
				skip -= from - at;
			}
			if (end > from)
				code_range(h, text, (size_t)(l.p - text) + from,
				    (size_t)(l.p - text) + end, j->sp, j->nsp,
				    &k);
			if (c < l.ncut)
				at = l.cut[c].off + l.cut[c].len;
		}
		html_close(h);
	}
	html_close_to(h, depth);
}

/* "in `struct lguest` › `lguest_init()`": where an excerpt starts. */
static void
context_line(struct html *h, const struct buf *where)
{
	const char *p = where->p, *end = p + where->len, *nl;

	html_open(h, "p", "class", "context", NULL);
	html_textz(h, "in ");
	for (; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if (p > where->p)
			html_textz(h, " \xE2\x80\xBA ");
		html_open(h, "code", NULL);
		html_text(h, p, (size_t)(nl - p));
		html_close(h);
	}
	html_close(h);
}

/* --since: the code changed under this step's prose. */
static void
stale_badge(struct html *h, const struct step *s)
{
	char *title;

	title = xasprintf("%u code line%s changed since %s, its prose did "
	    "not", s->stale, s->stale == 1 ? "" : "s",
	    s->stale_since ? s->stale_since : "then");
	html_open(h, "span", "class", "badge stale", "title", title, NULL);
	html_textz(h, "stale");
	html_close(h);
	free(title);
}

/*
 * A step's title, as its heading shows it (t: its links and references
 * linked) and its line in the contents (t NULL: inside a link, none).
 */
static void
step_heading(struct html *h, const struct tour *t, const struct md_site *site,
    const struct step *s)
{
	html_open(h, "span", "class", "title", NULL);
	if (t != NULL)
		md_render_title_site(h, t, site, s->title, strlen(s->title));
	else
		md_render_inline(h, s->title, strlen(s->title));
	html_close(h);
	if (s->stale)
		stale_badge(h, s);
}

/*
 * A link to the previous or the next step, with its tag and its title,
 * so that the reader knows where it leads; href is scratch space.
 */
static void
neighbour(const struct book *bk, size_t here, struct html *h, const char *cls,
    const struct step *s, struct buf *href)
{
	int next = strcmp(cls, "next-step") == 0;

	href->len = 0;
	step_href(bk, here, s, href);
	html_open(h, "a", "class", cls, "href", href->p, NULL);
	if (!next)
		html_textz(h, "\xE2\x86\x90\xC2\xA0");
	html_open(h, "span", "class", "num", NULL);
	html_textz(h, s->id);
	html_close(h);
	html_textz(h, " ");
	md_render_inline(h, s->title, strlen(s->title));
	if (next)
		html_textz(h, "\xC2\xA0\xE2\x86\x92");
	html_close(h);
}

/* md.c's view of a book of many pages, from one of them. */
struct here {
	const struct book *bk;
	size_t		 page;
};

static const char *
here_page(const void *arg, const struct step *s)
{
	const struct here *w = arg;
	size_t p = site_page_of(w->bk->site, w->bk->t, s);

	return w->bk->site == NULL || p == SIZE_MAX || p == w->page ? NULL :
	    w->bk->site->v[p].name;
}

static void
write_step(struct book *bk, struct html *h, const struct job *j)
{
	const struct step *s = j->s, *prev = j->prev, *next = j->next;
	struct buf prose = { 0 }, loc = { 0 };
	struct buf pid = { 0 }, nid = { 0 };
	struct here w = { bk, j->page };
	struct md_site site = { here_page, &w };
	const struct md_site *in = bk->site != NULL ? &site : NULL;
	char *link;

	step_body(s, &prose);	/* what the title took is not repeated */
	html_open(h, "article", "class", "step", "id", s->id, NULL);
	/* --since: its id at REF, for the links made then. */
	if (s->was_id != NULL) {
		html_open(h, "span", "class", "was", "id", s->was_id, NULL);
		html_close(h);
	}
	/* Prose and code: side by side on a wide screen, the prose sticky. */
	html_open(h, "div", "class", "text", NULL);
	html_open(h, "header", NULL);
	html_open(h, "h3", NULL);
	buf_printf(&pid, "#%s", s->id);
	html_open(h, "a", "class", "anchor", "href", pid.p, NULL);
	html_textz(h, s->id);
	html_close(h);
	step_heading(h, bk->t, in, s);
	html_close(h);	/* h3 */
	link = srclink(&bk->links, s->file->path, s->line, s->last);
	buf_printf(&loc, "%s:%u", s->file->path, s->line);
	/*
	 * quest serve serves no file of the tree: a relative link would
	 * be a 404 there, so its pages name the place without one.
	 */
	if (bk->bo != NULL && (bk->links.base == NULL ||
	    (strncmp(bk->links.base, "http://", 7) != 0 &&
	    strncmp(bk->links.base, "https://", 8) != 0 &&
	    strncmp(bk->links.base, "//", 2) != 0)))
		html_open(h, "span", "class", "src", NULL);
	else
		html_open(h, "a", "class", "src", "href", link, NULL);
	html_text(h, loc.p, loc.len);
	html_close(h);
	free(link);
	html_close(h);	/* header */
	html_open(h, "div", "class", "prose", NULL);
	md_render_site(h, bk->t, in, prose.p, prose.len, 3);
	html_close(h);
	html_close(h);	/* div.text */
	if (j->first != 0) {
		html_open(h, "div", "class", "excerpt", NULL);
		if (j->where.len > 0)
			context_line(h, &j->where);
		code_lines(h, j);
		html_close(h);
	}
	html_open(h, "nav", "class", "steps", NULL);
	if (prev != NULL)
		neighbour(bk, j->page, h, "prev-step", prev, &pid);
	else {
		html_open(h, "span", NULL);	/* keeps next on the right */
		html_close(h);
	}
	if (next != NULL)
		neighbour(bk, j->page, h, "next-step", next, &nid);
	html_close(h);	/* nav */
	html_close(h);	/* article */
	html_textz(h, "\n");
	buf_free(&prose);
	buf_free(&loc);
	buf_free(&pid);
	buf_free(&nid);
}

static void
write_front(struct book *bk, struct html *h, const char *title)
{
	const struct tour *t = bk->t;
	const struct wopts *o = bk->o;
	struct buf intro = { 0 }, href = { 0 };
	const struct step *s;
	size_t i, j;
	char *why = NULL;

	html_open(h, "section", "id", "top", "class", "front", NULL);
	html_open(h, "h1", NULL);
	html_textz(h, title);
	html_close(h);
	/* Beneath the root, bounded, never blocking; check said why not. */
	if (t->config.intro != NULL &&
	    config_intro(&t->config, &intro, &why) == INTRO_OK) {
		struct here w = { bk, SIZE_MAX };
		struct md_site site = { here_page, &w };

		html_open(h, "div", "class", "intro", NULL);
		md_render_site(h, t, bk->site != NULL ? &site : NULL,
		    intro.p ? intro.p : "", intro.len, 1);
		html_close(h);
	}
	if (bk->site != NULL) {
		site_overview(bk, h);
		site_toc(bk, h, SIZE_MAX);
		goto out;
	}
	html_open(h, "nav", "id", "toc", "class", "toc", NULL);
	html_open(h, "h2", NULL);
	html_textz(h, "Contents");
	html_close(h);
	html_open(h, "ol", NULL);
	for (i = 0; i < o->nchapters; i++) {
		const struct chapter *ch = o->chapters[i];

		html_open(h, "li", NULL);
		/* A chapter folds away, in the sidebar most of all. */
		html_open(h, "details", "open", "open", NULL);
		html_open(h, "summary", NULL);
		href.len = 0;
		buf_printf(&href, "#chapter-%s", ch->prefix);
		html_open(h, "a", "href", href.p, NULL);
		html_textz(h, ch->name);
		html_close(h);
		html_close(h);	/* summary */
		html_open(h, "ol", NULL);
		for (j = 0; j < ch->nsteps; j++) {
			s = ch->steps[j];
			href.len = 0;
			buf_printf(&href, "#%s", s->id);
			html_open(h, "li", NULL);
			html_open(h, "a", "class", "toc-step", "href", href.p,
			    NULL);
			html_open(h, "span", "class", "num", NULL);
			html_textz(h, href.p + 1);
			html_close(h);
			step_heading(h, NULL, NULL, s);
			html_close(h);
			html_close(h);
		}
		html_close(h);	/* ol */
		html_close(h);	/* details */
		html_close(h);	/* li */
	}
	html_close(h);	/* ol */
	html_close(h);	/* nav */
out:
	html_close(h);	/* section */
	html_textz(h, "\n");
	free(why);
	buf_free(&intro);
	buf_free(&href);
}

/* Does the stylesheet colour spans of this class? */
static int
styled(const char *cls)
{
	const char *const *c;

	for (c = asset_css_hl; *c != NULL; c++)
		if (strcmp(*c, cls) == 0)
			return 1;
	return 0;
}

/*
 * Keep the spans of classes the stylesheet colours, in the file's offsets:
 * the others (variables, operators, punctuation) would only weigh the page
 * down, by a fifth on lguest.
 */
static void
spans_keep(struct job *j)
{
	/*
	 * What styled() said of each class met: a text's spans hold a few
	 * of them, highlight.c's static strings, each met many times.
	 */
	struct {
		const char	*cls;
		int		 yes;
	} seen[16];
	size_t i, k, n = 0, nseen = 0;
	int yes;

	for (i = 0; i < j->nsp; i++) {
		for (k = 0; k < nseen && seen[k].cls != j->sp[i].cls; k++)
			continue;
		if (k < nseen)
			yes = seen[k].yes;
		else {
			yes = styled(j->sp[i].cls);
			if (nseen < sizeof(seen) / sizeof(seen[0])) {
				seen[nseen].cls = j->sp[i].cls;
				seen[nseen++].yes = yes;
			}
		}
		if (!yes)
			continue;
		j->sp[n] = j->sp[i];
		j->sp[n].start += j->a;
		j->sp[n++].end += j->a;
	}
	j->nsp = n;
}

/* Highlight a job's code (parsed, or not: no grammar), write its step. */
static void
job_write(struct jobs *js, struct job *j)
{
	struct html h;

	if (j->hp != NULL && (j->limit = highlight_finish(j->hp,
	    j->s->file->text + j->a, &j->sp, &j->nsp)) == 0)
		spans_keep(j);
	j->hp = NULL;
	memset(&h, 0, sizeof(h));
	h.b = &j->out;
	write_step(js->bk, &h, j);
	buf_free(&j->where);
	free(j->sp);
	j->sp = NULL;
	j->nsp = 0;
	atomic_store_explicit(&j->done, 1, memory_order_release);
}

/* Write a page's buffer out, and empty it. */
static void
page_emit(struct page *pg)
{
	if (pg->out != NULL && pg->b.len > 0 && fwrite(pg->b.p, 1, pg->b.len,
	    pg->out) != pg->b.len)
		pg->rc = -1;
	pg->bytes += pg->b.len;
	pg->b.len = 0;
}

/* The chapters and steps whose jobs are done, in order, up to one not. */
static void
page_steps(struct jobs *js, struct page *pg)
{
	const struct wopts *o = js->bk->o;
	const struct book_opts *bo = js->bk->bo;
	const struct chapter *ch;
	struct html *h = &pg->h;
	struct job *j;
	char id[64];

	if (pg->full)
		return;
	for (; pg->ch < o->nchapters; pg->ch++, pg->st = 0) {
		ch = o->chapters[pg->ch];
		if (!pg->open) {
			unsigned part = js->bk->site != NULL ?
			    js->bk->site->v[pg->part].part : 1;

			/* A chapter's later pages: chapter-G-2... */
			if (part > 1)
				snprintf(id, sizeof(id), "chapter-%s-%u",
				    ch->prefix, part);
			else
				snprintf(id, sizeof(id), "chapter-%s",
				    ch->prefix);
			html_open(h, "section", "class", "chapter", "id", id,
			    NULL);
			html_open(h, "h2", NULL);
			html_textz(h, ch->name);
			html_close(h);
			pg->open = 1;
		}
		for (; pg->st < ch->nsteps; pg->st++, pg->k++) {
			if (pg->k == pg->stop) {
				pg->full = 1;	/* the end of a book's page */
				return;
			}
			j = &js->v[pg->k];
			if (!atomic_load_explicit(&j->done,
			    memory_order_acquire))
				return;
			/* Where it goes; no page (book.h): no bytes. */
			if (bo != NULL && bo->at != NULL)
				bo->at[pg->k] = pg->bytes + pg->b.len;
			if (j->kept && bo != NULL && bo->articles != NULL) {
				if (pg->out != NULL || js->bk->site != NULL)
					html_trusted(h, bo->articles[pg->k].p,
					    bo->articles[pg->k].len);
				continue;
			}
			if (pg->out != NULL || bo == NULL ||
			    js->bk->site != NULL)
				html_trusted(h, j->out.p, j->out.len);
			if (bo != NULL && bo->articles != NULL) {
				buf_free(&bo->articles[pg->k]);
				bo->articles[pg->k] = j->out;
				memset(&j->out, 0, sizeof(j->out));
			} else
				buf_free(&j->out);
		}
		html_close(h);
		html_textz(h, "\n");
		pg->open = 0;
		if (pg->k == pg->stop) {
			pg->full = 1;	/* a book's page ends here */
			return;
		}
		/* Out in large writes, and not all of it in memory twice. */
		if (pg->b.len > 256 << 10 && pg->out != NULL)
			page_emit(pg);
	}
}

static int
by_place(const void *a, const void *b)
{
	const struct job *x = *(struct job *const *)a;
	const struct job *y = *(struct job *const *)b;

	if (x->s->code_off != y->s->code_off)
		return x->s->code_off < y->s->code_off ? -1 : 1;
	return 0;
}

/*
 * The contexts of a file's excerpts: the file at once when it is 60 KiB
 * or less, else in windows of 60 KiB, each from a line at the left, that
 * hold an excerpt's first line and 8 KiB after it (a definition is read
 * whole, or its end is missing).  A window reads again at most 16 KiB of
 * the one before, so that the parses of a file, however many its
 * excerpts, come to three times its size at most.
 */
#define CTX_AFTER	(8UL << 10)
#define CTX_AGAIN	(16UL << 10)

static void
ctx_compute(struct ctxjob *cx)
{
	const char *text = cx->f->text;
	size_t len = cx->f->len, i, k, start, end, prev = 0, *at;
	struct buf *out;
	int need;

	at = xcalloc(cx->n, sizeof(*at));
	out = xcalloc(cx->n, sizeof(*out));
	for (i = 0; i < cx->n; i = k) {
		start = 0;
		end = len;
		if (len > HL_MAX_BYTES) {
			end = cx->v[i]->s->code_off + CTX_AFTER;
			if (end >= len)
				end = len;
			while (end < len && text[end - 1] != '\n')
				end++;
			start = end > HL_MAX_BYTES ? end - HL_MAX_BYTES : 0;
			if (prev > CTX_AGAIN && start < prev - CTX_AGAIN)
				start = prev - CTX_AGAIN;
			prev = end;
			while (start < cx->v[i]->s->code_off && (start > 0 &&
			    (text[start - 1] != '\n' || text[start] == ' ' ||
			    text[start] == '\t' || text[start] == '\n')))
				start++;
		}
		need = 0;
		for (k = i; k < cx->n && cx->v[k]->s->code_off < end; k++) {
			at[k] = cx->v[k]->s->code_off - start;
			need |= !cx->v[k]->kept;
		}
		/* Windows of kept articles only: nothing to tell. */
		if (need)
			(void)highlight_context(cx->f->lang, text + start,
			    end - start, at + i, k - i, out + i);
	}
	for (i = 0; i < cx->n; i++)
		if (cx->v[i]->kept)
			buf_free(&out[i]);
		else
			cx->v[i]->where = out[i];
	free(at);
	free(out);
}

/* Do a context's job, unless done; wait for it, if another thread is. */
static void
ctx_run(void *arg, int self)
{
	struct ctxjob *cx = arg;

	(void)self;
	pthread_mutex_lock(&cx->mu);
	if (!atomic_load_explicit(&cx->done, memory_order_relaxed)) {
		ctx_compute(cx);
		atomic_store_explicit(&cx->done, 1, memory_order_release);
	}
	pthread_mutex_unlock(&cx->mu);
}

/*
 * Does the excerpt of s start indented, where the grammar could tell?
 * Then its context line is read from the rest of its file.
 */
int
book_step_context(const struct step *s)
{
	const struct hl_grammar *g = s->file->lang->grammar;
	char c;

	if (s->code_first == 0 || g == NULL || g->defs == NULL ||
	    *g->defs == '\0')
		return 0;
	c = s->file->text[s->code_off];
	return c == ' ' || c == '\t';
}

/*W:045 A page is written on every core.  Each step is a job of a pool
 * (pool.c), and the jobs go largest first to whichever thread is free:
 * parse the step's code lines as a text of their own, run the query,
 * write the article into the job's buffer.  A job whose grammar's query
 * is still compiling goes back to the end of the queue, parsed, while its
 * thread takes the next one.  So does one whose excerpt starts indented
 * while its context is not known: a file of such excerpts is a job of its
 * own, queued first, that parses the file whole once for all of their
 * context lines (highlight_context()); taken again, the step waits for
 * it, or does it.  The pool's owner, the thread that writes
 * the page, takes jobs too, and between two of them writes out, in the
 * tour's order, every step whose job is done, so that the page leaves
 * while the other cores still work.  A book of many pages ([W:052]) gives
 * the pool the next page's jobs as it starts a page, no more, so that no
 * thread idles while a page's last steps end and memory holds two pages'
 * articles at most, never the book's.
 */
static void
job_run(void *arg, int self)
{
	struct job *j = arg;

	(void)self;
	if (!j->parsed) {
		j->parsed = 1;
		if (j->s->code_first != 0) {
			j->first = j->s->code_first;
			j->last = j->s->code_last;
			j->a = j->s->code_off;
			j->b = j->s->code_end;
			j->hp = highlight_parse(j->s->file->lang,
			    j->s->file->text + j->a, j->b - j->a);
		}
		/*
		 * Taken again, highlight_finish() waits for the compile and
		 * ctx_run() for the context, or does it.
		 */
		if ((j->hp != NULL && !highlight_ready(j->s->file->lang)) ||
		    (j->cx != NULL && !atomic_load_explicit(&j->cx->done,
		    memory_order_acquire))) {
			pool_submit(j->js->pool, job_run, j);
			return;
		}
	}
	if (j->cx != NULL)
		ctx_run(j->cx, 0);
	job_write(j->js, j);
}
/*:*/

static int
by_cost(const void *a, const void *b, void *arg)
{
	const struct job *v = arg;
	size_t x = v[*(const size_t *)a].cost, y = v[*(const size_t *)b].cost;

	if (x != y)
		return x < y ? 1 : -1;
	/* The tour's order among equals: a page comes out the same. */
	return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

/* The jobs of a page: one a step, in the tour's order. */
static void
jobs_make(struct jobs *js, struct book *bk)
{
	const struct wopts *o = bk->o;
	const struct chapter *ch;
	const struct step *s, *prev = NULL;
	size_t i, j, k, n = 0, nsteps = 0;

	memset(js, 0, sizeof(*js));
	js->bk = bk;
	for (i = 0; i < o->nchapters; i++)
		nsteps += o->chapters[i]->nsteps;
	js->v = xcalloc(nsteps + 1, sizeof(*js->v));
	for (i = 0; i < o->nchapters; i++) {
		ch = o->chapters[i];
		for (j = 0; j < ch->nsteps; j++, n++) {
			s = js->v[n].s = ch->steps[j];
			js->v[n].js = js;
			js->v[n].prev = prev;
			/* Previous and next run on across chapters. */
			if (j + 1 < ch->nsteps)
				js->v[n].next = ch->steps[j + 1];
			else
				for (k = i + 1; k < o->nchapters; k++)
					if (o->chapters[k]->nsteps > 0) {
						js->v[n].next =
						    o->chapters[k]->steps[0];
						break;
					}
			prev = s;
			js->v[n].cost = s->end - s->off;
			/* quest serve's article, kept from the last page. */
			if (bk->bo != NULL && bk->bo->articles != NULL &&
			    bk->bo->articles[n].len > 0) {
				js->v[n].kept = js->v[n].parsed = 1;
				atomic_store(&js->v[n].done, 1);
			}
			/* Started by the load already, unless from a test. */
			highlight_prepare(s->file->lang);
		}
	}
	js->n = n;
	/* A context job a file whose excerpts start indented, its steps in
	 * order of place. */
	js->ncx = bk->t->nfiles;
	js->cx = xcalloc(js->ncx + 1, sizeof(*js->cx));
	/*
	 * Kept articles (quest serve's) among them too, but not given the
	 * job: the windows of a big file are cut by all of its excerpts,
	 * so that each context line is the one a whole build would find.
	 */
	for (i = 0; i < n; i++) {
		struct ctxjob *cx;

		if (!book_step_context(js->v[i].s))
			continue;
		cx = &js->cx[js->v[i].s->file - bk->t->files];
		if (cx->n == 0) {
			cx->f = js->v[i].s->file;
			pthread_mutex_init(&cx->mu, NULL);
		}
		cx->v = xreallocarray(cx->v, cx->n + 1, sizeof(*cx->v));
		cx->v[cx->n++] = &js->v[i];
		if (!js->v[i].kept) {
			js->v[i].cx = cx;
			cx->need++;
		}
	}
	for (i = 0; i < js->ncx; i++)
		if (js->cx[i].n > 1)
			qsort(js->cx[i].v, js->cx[i].n, sizeof(*js->cx[i].v),
			    by_place);
	js->order = xcalloc(n + 1, sizeof(*js->order));
	for (i = 0; i < n; i++)
		js->order[i] = i;
	if (n > 1)
		qsort_r(js->order, n, sizeof(*js->order), by_cost, js->v);
}

/* Every job to a pool of -j threads, this one (its owner) included. */
static void
jobs_start(struct jobs *js)
{
	size_t i, n = (size_t)pool_threads(js->bk->o->jobs);

	/* No more threads than steps. */
	if (n > js->n)
		n = js->n > 0 ? js->n : 1;
	js->pool = pool_new((int)n - 1);
	/* The contexts first: a step that needs one waits for it. */
	for (i = 0; i < js->ncx; i++)
		if (js->cx[i].need > 0)
			pool_submit(js->pool, ctx_run, &js->cx[i]);
	for (i = 0; i < js->n; i++)
		if (!js->v[js->order[i]].kept)
			pool_submit(js->pool, job_run, &js->v[js->order[i]]);
}

/* This thread takes jobs too, until none is left; then all are done. */
static void
jobs_finish(struct jobs *js, struct page *pg)
{
	while (pool_help(js->pool))
		page_steps(js, pg);
	pool_free(js->pool);
	js->pool = NULL;
}

static void
jobs_free(struct jobs *js)
{
	size_t i;

	for (i = 0; i < js->n; i++) {
		buf_free(&js->v[i].out);
		buf_free(&js->v[i].where);
	}
	for (i = 0; i < js->ncx; i++)
		if (js->cx[i].n > 0) {
			pthread_mutex_destroy(&js->cx[i].mu);
			free(js->cx[i].v);
		}
	free(js->cx);
	free(js->v);
	free(js->order);
}

/*
 * The head and the bar of a page: its title, its policy, its stylesheet
 * (inline, or css: the book's file), the bar whose title links home.
 */
static void
page_top(struct html *h, const struct buf *title, const char *head,
    const char *csp, const char *css, const char *home)
{
	html_trusted(h, "<!DOCTYPE html>\n", 16);
	html_open(h, "html", "lang", "en", NULL);
	html_open(h, "head", NULL);
	html_void(h, "meta", "charset", "utf-8", NULL);
	html_void(h, "meta", "http-equiv", "Content-Security-Policy", "content",
	    csp, NULL);
	html_void(h, "meta", "name", "viewport", "content",
	    "width=device-width, initial-scale=1", NULL);
	html_void(h, "meta", "name", "generator", "content", "quest", NULL);
	html_open(h, "title", NULL);
	if (head != NULL)
		html_textz(h, head);
	else
		html_text(h, title->p, title->len);
	html_close(h);
	if (css != NULL)
		html_void(h, "link", "rel", "stylesheet", "href", css, NULL);
	else {
		html_open(h, "style", NULL);
		html_trusted(h, asset_css, asset_css_len);
		html_close(h);
	}
	html_close(h);	/* head */
	html_textz(h, "\n");
	html_open(h, "body", NULL);
	html_open(h, "header", "class", "bar", NULL);
	html_open(h, "a", "class", "home", "href", home, NULL);
	html_text(h, title->p, title->len);
	html_close(h);
	/* The chapter and the place of the step in view, by the script. */
	html_open(h, "span", "id", "where", NULL);
	html_close(h);
	html_void(h, "input", "id", "search", "type", "search", "placeholder",
	    "Search (/)", "aria-label", "Search the tour", "autocomplete",
	    "off", NULL);
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
}

/*W:050 The page itself.  The head pins down what may run: a
 * Content-Security-Policy allows the one stylesheet and the one script
 * quest wrote, by their SHA-256, and nothing else, no request of any kind.
 * The body is a bar (title, the reader's place, search, previous and
 * next), the front page, then every chapter's steps, each an `article`
 * whose id is its tag, `G:030`, so that a link to a step stays good while
 * the tour grows: its prose in one box, its code in another, which the
 * stylesheet sets side by side on a wide screen.  The front page's
 * contents are the sidebar too, so that the page holds them once and
 * shows them without its script; the script only marks the step in view.
 * page_top() writes the head and the bar of a book's pages too, with the
 * stylesheet and the script as files ([W:052]).
 */
int
book_write(const struct tour *t, const struct wopts *o,
    const struct book_opts *bo)
{
	struct book bk;
	struct jobs js;
	struct page pg;
	struct html *h = &pg.h;
	struct buf csp = { 0 }, title = { 0 };

	memset(&bk, 0, sizeof(bk));
	memset(&pg, 0, sizeof(pg));
	pg.stop = SIZE_MAX;
	bk.t = t;
	bk.o = o;
	bk.bo = bo;
	h->b = &pg.b;
	pg.out = o->out;
	srclinks_init(&bk.links, o->link_base);
	jobs_make(&js, &bk);
	jobs_start(&js);
	if (t->config.title != NULL)
		buf_adds(&title, t->config.title);
	else
		buf_adds(&title, "A guided tour");

	buf_printf(&csp, "default-src 'none'; script-src '%s'", asset_js_hash);
	if (bo != NULL && bo->script != NULL)
		buf_printf(&csp, " '%s'", bo->script_hash);
	buf_printf(&csp, "; style-src '%s'; img-src data:; ", asset_css_hash);
	if (bo != NULL && bo->connect != NULL)
		buf_printf(&csp, "connect-src %s; ", bo->connect);
	buf_adds(&csp, "base-uri 'none'; form-action 'none'");
	page_top(h, &title, NULL, csp.p, NULL, "#top");
	html_open(h, "main", NULL);
	if (bo != NULL && bo->front != NULL)
		bo->front[0] = pg.bytes + pg.b.len;
	write_front(&bk, h, title.p);
	if (bo != NULL && bo->front != NULL)
		bo->front[1] = pg.bytes + pg.b.len;
	/*
	 * The front page is written; this thread takes steps too, and writes
	 * them out as they are done.
	 */
	jobs_finish(&js, &pg);
	page_steps(&js, &pg);
	html_close(h);	/* main */
	html_open(h, "footer", NULL);
	html_printf(h, "%zu step%s in %zu chapter%s, woven by quest.", pg.k,
	    pg.k == 1 ? "" : "s", o->nchapters, o->nchapters == 1 ? "" : "s");
	html_close(h);
	html_open(h, "script", NULL);
	html_trusted(h, asset_js, asset_js_len);
	html_close(h);
	if (bo != NULL && bo->script != NULL) {
		html_open(h, "script", bo->script_attr, bo->script_value, NULL);
		html_trusted(h, bo->script, bo->script_len);
		html_close(h);
	}
	html_close_to(h, 0);
	html_textz(h, "\n");
	page_emit(&pg);
	if (o->written != NULL)
		*o->written = pg.bytes;

	jobs_free(&js);
	srclinks_free(&bk.links);
	buf_free(&pg.b);
	buf_free(&csp);
	buf_free(&title);
	return pg.rc;
}
/*:*/

/*W:052 A book of many pages (`-o DIR/`, `--split`), for a tour too big
 * for one: an index page (the front page: a link to the first step, the
 * chapters, and contents that list each chapter's pages), then a page a
 * chapter, named from it, and more than
 * one where a chapter holds over PAGE_STEPS steps or PAGE_TEXT bytes of
 * the tree, split between steps into pages of about the same size.  The
 * plan is made first, so that every link knows where its step is: on this
 * page, `#G:030`, or on another, `guest.html#G:030` (step_href(), and
 * md.c through a `struct md_site`).  Then the pages are written one at a
 * time, each through the same pool: its steps' jobs are submitted (with
 * the next page's behind them), done, written out in order and the page
 * put in DIR whole (output_put()), so that memory holds two pages, never
 * the book.  The search index is a script of its own, search.js, that the
 * page's script loads on the first search: titles, prose, paths and the
 * code's identifiers, not its every token, read once.  It reads only the
 * tour, so it is a job of the pool too, the first, made while the pages
 * are.
 */
#define PAGE_STEPS	400
#define PAGE_TEXT	(256UL << 10)

/* A page's name from its chapter's: letters and digits, lower case. */
static char *
site_slug(const struct chapter *ch)
{
	struct buf b = { 0 };
	const char *p;
	int dash = 0;

	for (p = ch->name; *p != '\0' && b.len < 48; p++) {
		unsigned char c = (unsigned char)*p;

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    (c >= 'A' && c <= 'Z')) {
			if (dash && b.len > 0)
				buf_addc(&b, '-');
			buf_addc(&b, (char)(c >= 'A' && c <= 'Z' ? c + 32 : c));
			dash = 0;
		} else
			dash = 1;
	}
	if (b.len == 0)
		for (p = ch->prefix; *p != '\0'; p++)
			buf_addc(&b, (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 :
			    *p));
	buf_cstr(&b);
	return b.p;
}

/* A page's file name, base or base-2, base-3... if another has it. */
static char *
site_name(const struct site *st, const char *base)
{
	char *name = xasprintf("%s.html", base);
	unsigned n = 1;
	size_t i;

again:
	for (i = 0; i < st->n; i++)
		if (strcmp(st->v[i].name, name) == 0)
			break;
	if (i < st->n || strcmp(name, "index.html") == 0) {
		free(name);
		name = xasprintf("%s-%u.html", base, ++n);
		goto again;
	}
	return name;
}

static void
site_plan(struct site *st, const struct book *bk)
{
	const struct wopts *o = bk->o;
	const struct chapter *ch;
	size_t i, j, k = 0, from, n, np, bytes, total, ts, tb, cost, most;
	char *base, *part;
	unsigned no;

	most = o->page_steps > 0 ? o->page_steps : PAGE_STEPS;
	memset(st, 0, sizeof(*st));
	st->first = xcalloc(bk->t->nchapters + 1, sizeof(*st->first));
	for (i = 0; i < bk->t->nchapters; i++)
		st->first[i] = SIZE_MAX;
	for (i = 0; i < o->nchapters; i++) {
		ch = o->chapters[i];
		base = site_slug(ch);
		/* How many pages, and so how much on each. */
		for (total = j = 0; j < ch->nsteps; j++)
			total += ch->steps[j]->end - ch->steps[j]->off;
		np = (ch->nsteps + most - 1) / most;
		tb = PAGE_TEXT;		/* the steps decide, or the bytes: */
		if (np < (total + PAGE_TEXT - 1) / PAGE_TEXT) {
			np = (total + PAGE_TEXT - 1) / PAGE_TEXT;
			tb = total / np + 1;
		}
		if (np == 0)
			np = 1;
		ts = (ch->nsteps + np - 1) / np;
		from = 0;
		no = 1;
		do {
			for (n = bytes = 0; from + n < ch->nsteps; n++) {
				cost = ch->steps[from + n]->end -
				    ch->steps[from + n]->off;
				if (n > 0 && (n >= ts || bytes + cost > tb))
					break;
				bytes += cost;
			}
			st->v = xreallocarray(st->v, st->n + 1,
			    sizeof(*st->v));
			part = no == 1 ? xstrdup(base) :
			    xasprintf("%s-%u", base, no);
			st->v[st->n].name = site_name(st, part);
			free(part);
			st->v[st->n].ch = i;
			st->v[st->n].from = from;
			st->v[st->n].n = n;
			st->v[st->n].k = k;
			st->v[st->n].part = no;
			if (st->first[ch - bk->t->chapters] == SIZE_MAX)
				st->first[ch - bk->t->chapters] = st->n;
			st->n++;
			k += n;
			from += n;
			no++;
		} while (from < ch->nsteps);
		free(base);
	}
	st->nsteps = k;
}

static void
site_free(struct site *st)
{
	size_t i;

	for (i = 0; i < st->n; i++)
		free(st->v[i].name);
	free(st->v);
	free(st->first);
}

/* The page that holds s, or SIZE_MAX: a single page, or not in the book. */
static size_t
site_page_of(const struct site *st, const struct tour *t, const struct step *s)
{
	size_t p;

	if (st == NULL || s->chapter == NULL ||
	    (p = st->first[s->chapter - t->chapters]) == SIZE_MAX)
		return SIZE_MAX;
	while (p + 1 < st->n && st->v[p + 1].ch == st->v[p].ch &&
	    st->v[p + 1].from <= s->index)
		p++;
	return p;
}

static void
step_href(const struct book *bk, size_t here, const struct step *s,
    struct buf *out)
{
	size_t p = site_page_of(bk->site, bk->t, s);

	if (bk->site != NULL && p != SIZE_MAX && p != here)
		buf_adds(out, bk->site->v[p].name);
	buf_printf(out, "#%s", s->id);
}

/*
 * The tags of n steps of ch from its step from: "G:030", or "G:030 -
 * 090" (an en dash), the prefix once, as a chapter's steps share it.
 */
static void
step_range(struct buf *b, const struct chapter *ch, size_t from, size_t n)
{
	const char *last, *colon;

	buf_adds(b, ch->steps[from]->id);
	if (n < 2)
		return;
	last = ch->steps[from + n - 1]->id;
	colon = strchr(last, ':');
	buf_printf(b, " \xE2\x80\x93 %s", colon != NULL ? colon + 1 : last);
}

/*
 * The contents of a book of many pages, the sidebar of each: every
 * chapter, and in each a line a page, "G:010 – G:090, 9 steps", that
 * links to it; on a chapter's page (here), its own steps instead of its
 * line.  A page's line names its first step (data-first), so that the
 * index page's script can send index.html#G:030 to its page.
 */
static void
site_toc(const struct book *bk, struct html *h, size_t here)
{
	const struct site *st = bk->site;
	const struct chapter *ch;
	const struct site_page *pg;
	struct buf href = { 0 }, num = { 0 };
	size_t p, i, first;
	char *n;

	html_open(h, "nav", "id", "toc", "class", "toc", NULL);
	html_open(h, "h2", NULL);
	html_textz(h, "Contents");
	html_close(h);
	html_open(h, "ol", NULL);
	for (p = 0; p < st->n; p++) {
		pg = &st->v[p];
		ch = bk->o->chapters[pg->ch];
		if (pg->part == 1) {
			first = p;
			html_open(h, "li", NULL);
			html_open(h, "details", "open", here == SIZE_MAX ||
			    st->v[here].ch == pg->ch ? "open" : NULL, NULL);
			html_open(h, "summary", NULL);
			href.len = 0;
			if (first != here)
				buf_adds(&href, pg->name);
			buf_printf(&href, "#chapter-%s", ch->prefix);
			html_open(h, "a", "href", href.p, NULL);
			html_textz(h, ch->name);
			html_close(h);
			html_close(h);	/* summary */
			html_open(h, "ol", NULL);
		}
		if (p == here) {
			for (i = pg->from; i < pg->from + pg->n; i++) {
				href.len = 0;
				buf_printf(&href, "#%s", ch->steps[i]->id);
				html_open(h, "li", NULL);
				html_open(h, "a", "class", "toc-step", "href",
				    href.p, NULL);
				html_open(h, "span", "class", "num", NULL);
				html_textz(h, ch->steps[i]->id);
				html_close(h);
				step_heading(h, NULL, NULL, ch->steps[i]);
				html_close(h);
				html_close(h);
			}
		} else if (pg->n > 0) {
			num.len = 0;
			step_range(&num, ch, pg->from, pg->n);
			html_open(h, "li", NULL);
			html_open(h, "a", "class", "toc-page", "href", pg->name,
			    "data-first", ch->steps[pg->from]->id, NULL);
			html_open(h, "span", "class", "num", NULL);
			html_text(h, num.p, num.len);
			html_close(h);
			n = xasprintf("%zu step%s", pg->n, pg->n == 1 ? "" :
			    "s");
			html_textz(h, n);
			free(n);
			html_close(h);
			html_close(h);
		}
		if (p + 1 == st->n || st->v[p + 1].part == 1) {
			html_close(h);	/* ol */
			html_close(h);	/* details */
			html_close(h);	/* li */
		}
	}
	html_close(h);	/* ol */
	html_close(h);	/* nav */
	buf_free(&href);
	buf_free(&num);
}

/*
 * The index page's way in, before its contents: a link to the first
 * step, and each chapter with its steps' count and numbers.  On a wide
 * screen the contents are the sidebar, and this is what the page shows
 * beside the title and the intro; below that width, the contents are on
 * the page and the stylesheet hides the chapters here.
 */
static void
site_overview(const struct book *bk, struct html *h)
{
	const struct site *st = bk->site;
	const struct chapter *ch;
	const struct step *s;
	struct buf href = { 0 }, num = { 0 };
	size_t p, q, nsteps;
	char *n;

	if (st->n == 0 || st->v[0].n == 0)
		return;
	ch = bk->o->chapters[st->v[0].ch];
	s = ch->steps[st->v[0].from];
	buf_printf(&href, "%s#%s", st->v[0].name, s->id);
	html_open(h, "p", "class", "begin", NULL);
	html_open(h, "a", "href", href.p, NULL);
	html_textz(h, "Start reading: ");
	html_open(h, "span", "class", "num", NULL);
	html_textz(h, s->id);
	html_close(h);
	step_heading(h, NULL, NULL, s);
	html_textz(h, " \xE2\x86\x92");
	html_close(h);	/* a */
	html_close(h);	/* p */
	html_open(h, "nav", "class", "overview", "aria-label", "Chapters",
	    NULL);
	html_open(h, "ol", NULL);
	for (p = 0; p < st->n; p = q) {
		ch = bk->o->chapters[st->v[p].ch];
		nsteps = st->v[p].n;
		for (q = p + 1; q < st->n && st->v[q].part != 1; q++)
			nsteps += st->v[q].n;
		href.len = 0;
		buf_printf(&href, "%s#chapter-%s", st->v[p].name, ch->prefix);
		html_open(h, "li", NULL);
		html_open(h, "a", "href", href.p, NULL);
		html_textz(h, ch->name);
		html_close(h);
		if (nsteps > 0) {
			num.len = 0;
			step_range(&num, ch, st->v[p].from, nsteps);
			html_open(h, "span", "class", "num", NULL);
			html_text(h, num.p, num.len);
			html_close(h);
		}
		n = xasprintf("%zu step%s", nsteps, nsteps == 1 ? "" : "s");
		html_open(h, "span", "class", "count", NULL);
		html_textz(h, n);
		html_close(h);
		free(n);
		html_close(h);	/* li */
	}
	html_close(h);	/* ol */
	html_close(h);	/* nav */
	buf_free(&href);
	buf_free(&num);
}

static int
ident_char(unsigned char c)
{
	return c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z');
}

/*
 * The next identifier of text[*i..end) of 3 to 64 bytes: its length, its
 * start in *a; 0 at the end.  A number is none, nor what it runs into.
 */
static size_t
ident_next(const char *text, size_t *i, size_t end, size_t *a)
{
	unsigned char c;

	while (*i < end) {
		c = (unsigned char)text[*i];
		if (!ident_char(c)) {
			(*i)++;
			continue;
		}
		*a = *i;
		while (*i < end && ident_char((unsigned char)text[*i]))
			(*i)++;
		if ((c < '0' || c > '9') && *i - *a >= 3 && *i - *a <= 64)
			return *i - *a;
	}
	return 0;
}

/*
 * How many steps each identifier is in, so that the index leaves out
 * those of too many to tell a step by (a language's keywords, its
 * common types): the identifiers one after the other (v), found by a
 * table open-addressed by FNV-1a (slot: an index of v, + 1; 0 free).
 * The code is read once: each step's identifiers, each once, are kept in
 * the order met (of, from at[step] to at[step + 1]), for the index.
 */
struct ident {
	const char	*p;
	size_t		 n;
	uint64_t	 hash;
	size_t		 steps;
	size_t		 last;		/* the last step counted, + 1 */
};

struct idents {
	struct ident	*v;
	size_t		 n, nv;
	uint32_t	*slot;
	size_t		 cap;
	uint32_t	*of;		/* indices of v, step after step */
	size_t		 nof, capof;
	size_t		*at;		/* where each step starts in of */
};

static void
ident_slot(struct idents *t, uint64_t h, uint32_t k)
{
	size_t i;

	for (i = (size_t)h & (t->cap - 1); t->slot[i] != 0;
	    i = (i + 1) & (t->cap - 1))
		continue;
	t->slot[i] = k + 1;
}

/* The identifier p[0..n), added if new; its index in t->v in *k. */
static struct ident *
ident_find(struct idents *t, const char *p, size_t n, uint32_t *k)
{
	uint64_t h = 1469598103934665603ULL;
	struct ident *e;
	size_t i, j;

	if (t->n * 2 >= t->cap) {
		free(t->slot);
		t->cap = t->cap ? t->cap * 2 : 4096;
		t->slot = xcalloc(t->cap, sizeof(*t->slot));
		for (j = 0; j < t->n; j++)
			ident_slot(t, t->v[j].hash, (uint32_t)j);
	}
	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)p[i]) * 1099511628211ULL;
	for (i = (size_t)h & (t->cap - 1); t->slot[i] != 0;
	    i = (i + 1) & (t->cap - 1)) {
		e = &t->v[t->slot[i] - 1];
		if (e->hash == h && e->n == n && memcmp(e->p, p, n) == 0) {
			*k = t->slot[i] - 1;
			return e;
		}
	}
	if (t->n == t->nv) {
		t->nv = t->nv ? t->nv * 2 : 4096;
		t->v = xreallocarray(t->v, t->nv, sizeof(*t->v));
	}
	e = &t->v[t->n];
	memset(e, 0, sizeof(*e));
	e->p = p;
	e->n = n;
	e->hash = h;
	t->slot[i] = (uint32_t)++t->n;
	*k = (uint32_t)(t->n - 1);
	return e;
}

/* Count the steps of each identifier of s, its number no in the book. */
static void
idents_count(struct idents *t, const struct step *s, size_t no)
{
	const char *text = s->file->text;
	size_t i = s->code_off, a, n;
	struct ident *e;
	uint32_t k;

	t->at[no] = t->nof;
	if (s->code_first == 0)
		return;
	while ((n = ident_next(text, &i, s->code_end, &a)) > 0) {
		e = ident_find(t, text + a, n, &k);
		if (e->last == no + 1)
			continue;
		e->last = no + 1;
		e->steps++;
		if (t->nof == t->capof) {
			t->capof = t->capof ? t->capof * 2 : 1 << 16;
			t->of = xreallocarray(t->of, t->capof, sizeof(*t->of));
		}
		t->of[t->nof++] = k;
	}
}

static int
by_ident(const void *a, const void *b, void *arg)
{
	const struct ident *v = arg;
	const struct ident *x = &v[*(const uint32_t *)a];
	const struct ident *y = &v[*(const uint32_t *)b];
	size_t n = x->n < y->n ? x->n : y->n;
	int c = memcmp(x->p, y->p, n);

	if (c != 0)
		return c;
	return x->n < y->n ? -1 : x->n > y->n;
}

/*
 * The identifiers of step no's code, each once, sorted, joined by spaces,
 * but those in more than most steps.
 */
static void
site_idents(struct idents *t, size_t most, size_t no, struct buf *out)
{
	uint32_t *v;
	size_t k, n = 0, end = t->at[no + 1] - t->at[no];

	if (t->of == NULL || t->v == NULL)
		return;		/* no identifiers in the book */
	v = t->of + t->at[no];
	/* Sorted where they are: of is read once, step after step. */
	for (k = 0; k < end; k++)
		if (t->v[v[k]].steps <= most)
			v[n++] = v[k];
	if (n > 1)
		qsort_r(v, n, sizeof(*v), by_ident, t->v);
	for (k = 0; k < n; k++) {
		buf_addc(out, ' ');
		buf_add(out, t->v[v[k]].p, t->v[v[k]].n);
	}
}

/*
 * search.js: window.questIndex = { pages: [names], steps: [[id, page,
 * title, text]...] }, in tour order; text is the step's tag, path, prose
 * (its title in it) and identifiers, ASCII lowered, which the script
 * searches as it stands (it lowers what else a text holds).
 */
static void
site_index(const struct book *bk, struct buf *out)
{
	const struct site *st = bk->site;
	const struct chapter *ch;
	const struct step *s;
	struct buf title = { 0 }, text = { 0 }, prose = { 0 };
	struct idents ids = { 0 };
	size_t p, i, k, no, most;

	/* An identifier in over a twentieth of the steps (and 20): none. */
	ids.at = xcalloc(st->nsteps + 1, sizeof(*ids.at));
	for (no = p = 0; p < st->n; p++)
		for (i = 0; i < st->v[p].n; i++, no++)
			idents_count(&ids, bk->o->chapters[st->v[p].ch]->steps[
			    st->v[p].from + i], no);
	ids.at[no] = ids.nof;
	most = no / 20 > 20 ? no / 20 : 20;
	buf_adds(out, "window.questIndex = {\"pages\":[");
	for (p = 0; p < st->n; p++) {
		if (p > 0)
			buf_addc(out, ',');
		json_strz(out, st->v[p].name);
	}
	buf_adds(out, "],\n\"steps\":[\n");
	for (no = p = 0; p < st->n; p++) {
		ch = bk->o->chapters[st->v[p].ch];
		for (i = st->v[p].from; i < st->v[p].from + st->v[p].n;
		    i++, no++) {
			s = ch->steps[i];
			title.len = text.len = prose.len = 0;
			md_plain(s->title, strlen(s->title), &title);
			(void)step_prose(s, &prose);
			buf_printf(&text, "%s\n%s\n", s->id, s->file->path);
			buf_add(&text, prose.p, prose.len);
			site_idents(&ids, most, no, &text);
			/* Lowered here, so that the script need not. */
			for (k = 0; k < text.len; k++)
				if (text.p[k] >= 'A' && text.p[k] <= 'Z')
					text.p[k] = (char)(text.p[k] + 32);
			if (out->len > 0 && out->p[out->len - 1] != '\n')
				buf_adds(out, ",\n");
			buf_addc(out, '[');
			json_strz(out, s->id);
			buf_printf(out, ",%zu,", p);
			json_str(out, title.p, title.len);
			buf_addc(out, ',');
			json_str(out, text.p, text.len);
			buf_addc(out, ']');
		}
	}
	buf_adds(out, "\n]};\n");
	free(ids.v);
	free(ids.slot);
	free(ids.of);
	free(ids.at);
	buf_free(&title);
	buf_free(&text);
	buf_free(&prose);
}

/* One page of the book, up to its main element, and its end. */
static void
site_head(const struct book *bk, struct html *h, const struct buf *title,
    const char *head, size_t here)
{
	/*
	 * The policy lets scripts and the stylesheet load from 'self': from
	 * file://, Chromium allows a file beside the page so.  A hash would
	 * pin them down further, but it holds an external script only with
	 * integrity= checked, which a file:// page cannot do (no CORS).
	 * Nothing from the tree can name a script: all of it is escaped
	 * text, so the only ones are book.js and the search.js it adds.
	 */
	static const char csp[] = "default-src 'none'; script-src 'self'; "
	    "style-src 'self'; img-src data:; base-uri 'none'; "
	    "form-action 'none'";
	/* quest serve's pages hold a stream of events too. */
	static const char csp_live[] = "default-src 'none'; "
	    "script-src 'self'; style-src 'self'; img-src data:; "
	    "connect-src 'self'; base-uri 'none'; form-action 'none'";
	char first[32], total[32], chn[32];

	page_top(h, title, head, bk->bo != NULL && bk->bo->connect != NULL ?
	    csp_live : csp, "book.css", here == SIZE_MAX ? "#top" :
	    "index.html#top");
	snprintf(total, sizeof(total), "%zu", bk->site->nsteps);
	if (here == SIZE_MAX) {
		html_open(h, "main", "data-total", total, NULL);
		return;
	}
	snprintf(first, sizeof(first), "%zu", bk->site->v[here].k);
	snprintf(chn, sizeof(chn), "%zu", bk->site->v[here].ch);
	html_open(h, "main", "data-first", first, "data-total", total,
	    "data-chapter", chn, NULL);
}

static void
site_foot(const struct book *bk, struct html *h)
{
	const struct wopts *o = bk->o;

	html_close(h);	/* main */
	html_open(h, "footer", NULL);
	html_printf(h, "%zu step%s in %zu chapter%s, woven by quest.",
	    bk->site->nsteps, bk->site->nsteps == 1 ? "" : "s", o->nchapters,
	    o->nchapters == 1 ? "" : "s");
	html_close(h);
	html_open(h, "script", "src", "book.js", NULL);
	html_close(h);
	if (bk->bo != NULL && bk->bo->script_src != NULL) {
		html_open(h, "script", "src", bk->bo->script_src,
		    bk->bo->script_attr, bk->bo->script_value, NULL);
		html_close(h);
	}
	html_close_to(h, 0);
	html_textz(h, "\n");
}

/* The search index, a job of the pool like a page's steps. */
struct indexjob {
	const struct book *bk;
	struct buf	 out;
};

static void
index_run(void *arg, int self)
{
	struct indexjob *ix = arg;

	(void)self;
	site_index(ix->bk, &ix->out);
}

/*
 * A page's steps' jobs to the pool, the largest first, their contexts
 * before them; not those of quest serve's kept articles, done already.
 */
static void
site_submit(struct jobs *js, const struct site_page *sp, size_t *order)
{
	size_t i, n = 0;

	for (i = 0; i < sp->n; i++) {
		struct ctxjob *cx = js->v[sp->k + i].cx;

		if (js->v[sp->k + i].kept)
			continue;
		order[n++] = sp->k + i;
		if (cx != NULL && !cx->queued) {
			cx->queued = 1;
			pool_submit(js->pool, ctx_run, cx);
		}
	}
	if (n > 1)
		qsort_r(order, n, sizeof(*order), by_cost, js->v);
	for (i = 0; i < n; i++)
		pool_submit(js->pool, job_run, &js->v[order[i]]);
}

/* A file of the book into DIR, or to quest serve. */
static int
site_put(const struct book *bk, const char *name, const char *p, size_t len)
{
	if (bk->bo != NULL && bk->bo->put != NULL)
		return bk->bo->put(bk->bo->put_arg, name, p, len);
	return output_put(bk->o->outdir_fd, name, p, len);
}

static int
site_write(const struct tour *t, const struct wopts *o,
    const struct book_opts *bo)
{
	struct book bk;
	struct site st;
	struct jobs js;
	struct page pg;
	struct html *h = &pg.h;
	struct buf title = { 0 };
	struct indexjob ix;
	const struct site_page *sp;
	size_t p, i, n, *order;
	char *sub = NULL;
	int rc = 0;

	memset(&bk, 0, sizeof(bk));
	bk.t = t;
	bk.o = o;
	bk.bo = bo;
	srclinks_init(&bk.links, o->link_base);
	site_plan(&st, &bk);
	bk.site = &st;
	jobs_make(&js, &bk);
	for (p = 0; p < st.n; p++)
		for (i = st.v[p].k; i < st.v[p].k + st.v[p].n; i++)
			js.v[i].page = p;
	n = (size_t)pool_threads(o->jobs);
	if (n > js.n)
		n = js.n > 0 ? js.n : 1;
	js.pool = pool_new((int)n - 1);
	buf_adds(&title, t->config.title != NULL ? t->config.title :
	    "A guided tour");
	order = xcalloc(js.n + 1, sizeof(*order));

	/*
	 * The search index reads only the tour: a thread makes it while the
	 * others make the pages.  The first page's jobs go with it.
	 */
	memset(&ix, 0, sizeof(ix));
	ix.bk = &bk;
	if (bo == NULL || bo->index)
		pool_submit(js.pool, index_run, &ix);
	if (st.n > 0)
		site_submit(&js, &st.v[0], order);

	/* The index page: the front page alone. */
	memset(&pg, 0, sizeof(pg));
	h->b = &pg.b;
	site_head(&bk, h, &title, NULL, SIZE_MAX);
	if (bo != NULL && bo->front != NULL)
		bo->front[0] = pg.b.len;
	write_front(&bk, h, title.p);
	if (bo != NULL && bo->front != NULL)
		bo->front[1] = pg.b.len;
	site_foot(&bk, h);
	if (site_put(&bk, "index.html", pg.b.p, pg.b.len) == -1)
		rc = -1;
	for (p = 0; rc == 0 && p < st.n; p++) {
		sp = &st.v[p];
		/*
		 * The next page's jobs queue behind this one's, so that no
		 * thread idles while this page's last steps end and the page
		 * is written out; no more, so that memory holds two pages.
		 */
		if (p + 1 < st.n)
			site_submit(&js, &st.v[p + 1], order);
		free(sub);
		sub = sp->part > 1 ? xasprintf("%s (%u) \xE2\x80\x94 %s",
		    o->chapters[sp->ch]->name, sp->part, title.p) :
		    xasprintf("%s \xE2\x80\x94 %s", o->chapters[sp->ch]->name,
		    title.p);
		pg.b.len = 0;
		memset(h, 0, sizeof(*h));
		h->b = &pg.b;
		pg.ch = sp->ch;
		pg.st = sp->from;
		pg.k = sp->k;
		pg.stop = sp->k + sp->n;
		pg.part = p;
		pg.full = pg.open = 0;
		site_head(&bk, h, &title, sub, p);
		site_toc(&bk, h, p);
		/* Until its steps are written, the next page's jobs too. */
		do
			page_steps(&js, &pg);
		while (!pg.full && pool_await(js.pool));
		page_steps(&js, &pg);
		if (pg.open)
			html_close(h);	/* section */
		site_foot(&bk, h);
		if (site_put(&bk, sp->name, pg.b.p, pg.b.len) == -1)
			rc = -1;
	}
	pool_free(js.pool);
	js.pool = NULL;
	if (rc == 0 && (site_put(&bk, "book.css", asset_css,
	    asset_css_len) == -1 || site_put(&bk, "book.js", asset_js,
	    asset_js_len) == -1))
		rc = -1;
	if (rc == 0 && (bo == NULL || bo->index) && site_put(&bk,
	    "search.js", ix.out.p, ix.out.len) == -1)
		rc = -1;
	free(sub);
	free(order);
	buf_free(&ix.out);
	buf_free(&pg.b);
	buf_free(&title);
	jobs_free(&js);
	site_free(&st);
	srclinks_free(&bk.links);
	return rc;
}
/*:*/

static int
html_write(const struct tour *t, const struct wopts *o)
{
	if (o->split)
		return site_write(t, o, NULL);
	return book_write(t, o, NULL);
}

int
book_site(const struct tour *t, const struct wopts *o,
    const struct book_opts *bo)
{
	return site_write(t, o, bo);
}

void
book_plan(const struct tour *t, const struct wopts *o, struct book_plan *bp)
{
	struct book bk;
	struct site st;
	size_t p, i, k;

	memset(&bk, 0, sizeof(bk));
	bk.t = t;
	bk.o = o;
	site_plan(&st, &bk);
	memset(bp, 0, sizeof(*bp));
	bp->n = st.n;
	bp->nsteps = st.nsteps;
	bp->names = xcalloc(st.n + 1, sizeof(*bp->names));
	bp->first = xcalloc(st.n + 1, sizeof(*bp->first));
	bp->chapter = xcalloc(st.n + 1, sizeof(*bp->chapter));
	bp->part = xcalloc(st.n + 1, sizeof(*bp->part));
	bp->page = xcalloc(st.nsteps + 1, sizeof(*bp->page));
	bp->chbase = xcalloc(o->nchapters + 1, sizeof(*bp->chbase));
	for (p = 0; p < st.n; p++) {
		bp->names[p] = st.v[p].name;
		st.v[p].name = NULL;
		bp->first[p] = st.v[p].k;
		bp->chapter[p] = st.v[p].ch;
		bp->part[p] = st.v[p].part;
		for (i = 0; i < st.v[p].n; i++)
			bp->page[st.v[p].k + i] = p;
	}
	for (i = k = 0; i < o->nchapters; k += o->chapters[i++]->nsteps)
		bp->chbase[i] = k;
	site_free(&st);
}

void
book_plan_free(struct book_plan *bp)
{
	size_t p;

	for (p = 0; p < bp->n; p++)
		free(bp->names[p]);
	free(bp->names);
	free(bp->first);
	free(bp->chapter);
	free(bp->part);
	free(bp->page);
	free(bp->chbase);
	memset(bp, 0, sizeof(*bp));
}

size_t
book_plan_page(const struct book_plan *bp, const struct wopts *o,
    const struct step *s)
{
	size_t i;

	for (i = 0; i < o->nchapters; i++)
		if (o->chapters[i] == s->chapter &&
		    s->index < o->chapters[i]->nsteps &&
		    bp->chbase[i] + s->index < bp->nsteps)
			return bp->page[bp->chbase[i] + s->index];
	return SIZE_MAX;
}

void
book_index(const struct tour *t, const struct wopts *o, struct buf *out)
{
	struct book bk;
	struct site st;

	memset(&bk, 0, sizeof(bk));
	bk.t = t;
	bk.o = o;
	site_plan(&st, &bk);
	bk.site = &st;
	site_index(&bk, out);
	site_free(&st);
}

const struct writer writer_html = { "html", html_write };
