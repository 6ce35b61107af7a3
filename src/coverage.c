/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * coverage.c: quest coverage, which part of the code the tour shows: the
 * lines of code of every file of a language quest reads, those that some
 * step's code range holds, per file, per directory and in total, and the
 * definitions a step shows; printed as text or JSON (covhtml.c: a page).
 */
#include <stdlib.h>
#include <string.h>

#include "coverage.h"
#include "diag.h"
#include "highlight.h"
#include "json.h"

#define COV_VERSION	1

/* What a byte may start, in a language's table of them. */
#define B_BLOCK		0x01	/* its block opener */
#define B_LINE		0x02	/* one of its line openers */
#define B_QUOTE		0x04	/* a string */
#define B_BLANK		0x08

static int
starts(const char *p, const char *end, const char *s, size_t n)
{
	return (size_t)(end - p) >= n && memcmp(p, s, n) == 0;
}

/*
 * The Lisps quote a symbol with ', and Assembly (NASM) a character: only
 * " opens a string there.  Everywhere else ' does too.
 */
static int
single_quotes(const struct lang *l)
{
	return l->line[0] == NULL || strcmp(l->line[0], ";") != 0;
}

/*V:020 quest coverage counts lines of code the way a reader sees them: a
 * line is code when it holds anything but blanks outside the comments of
 * its language (lang.c's openers); a blank line, and one that is only
 * comment (inside a block comment that spans lines, or before a line
 * comment opener), is not.  A string, between " and " (or ' and ', but
 * in the Lisps and NASM), hides the comment openers it holds, and ends at
 * its closing quote, a backslash escaping the next byte, or at the end of
 * its line: a string that spans lines (Python's """) counts its inner
 * lines as code, as a comment opener inside them could not be told from
 * one outside.  Block comments do not nest.  It runs on the scanning
 * thread that read the file, a line at a time (memchr finds its end), and
 * most lines are told without a look at every byte: see line_code().
 */
/* What cov_lines() knows of a language, and where it is. */
struct counter {
	unsigned char	 tab[256];	/* B_* of each byte */
	const char	*bo, *bc;	/* the block opener and closer */
	size_t		 bol, bcl;
	const char	*lo[2];		/* the line openers */
	size_t		 lol[2];
	int		 inblock;
	const char	*end;		/* of the text */
	const char	*nextbo;	/* the next bo[0] of the text at or
					 * after the line, or end; NULL
					 * before the first look */
};

/* Where the closer starts in [p, le), or NULL: found by its last byte. */
static const char *
closer(const struct counter *c, const char *p, const char *le)
{
	const char *q = p + c->bcl - 1;
	char last = c->bc[c->bcl - 1];

	while (q < le && (q = memchr(q, last, (size_t)(le - q))) != NULL) {
		if (memcmp(q - (c->bcl - 1), c->bc, c->bcl) == 0)
			return q - (c->bcl - 1);
		q++;
	}
	return NULL;
}

/*
 * The bytes [p, le) of a line, one byte at a time: 1 if code is there;
 * c->inblock says, before and after, whether a block comment is open.
 */
static int
line_slow(struct counter *c, const char *p, const char *le)
{
	const char *q;
	unsigned char t;
	int has = 0, k;
	char quote;

	while (p < le) {
		if (c->inblock && c->bc != NULL) {
			if ((q = closer(c, p, le)) == NULL)
				return has;
			p = q + c->bcl;
			c->inblock = 0;
			continue;
		}
		t = c->tab[(unsigned char)*p];
		if (t == 0) {
			has = 1;
			p++;
			continue;
		}
		if (t == B_BLANK) {
			p++;
			continue;
		}
		if ((t & B_BLOCK) && c->bo != NULL &&
		    starts(p, le, c->bo, c->bol)) {
			p += c->bol;
			c->inblock = 1;
			continue;
		}
		if (t & B_LINE)
			for (k = 0; k < 2 && c->lo[k] != NULL; k++)
				if (starts(p, le, c->lo[k], c->lol[k]))
					return has;
		has = 1;
		if (t & B_QUOTE) {
			quote = *p++;
			while (p < le && *p != quote)
				p += *p == '\\' && p + 1 < le ? 2 : 1;
			if (p < le)
				p++;
		} else
			p++;
	}
	return has;
}

/*
 * A line: most are told at once.  Inside a block comment, a line with no
 * closer is comment; outside, a line whose first byte that is not blank
 * opens nothing is code, and when it holds no byte that could open a
 * block comment either, the state after it is the state before it.
 */
static int
line_code(struct counter *c, const char *p, const char *le)
{
	unsigned char t;

	if (c->inblock)
		return line_slow(c, p, le);
	while (p < le && c->tab[(unsigned char)*p] == B_BLANK)
		p++;
	if (p == le)
		return 0;
	t = c->tab[(unsigned char)*p];
	if (t & (B_BLOCK | B_LINE | B_QUOTE))
		return line_slow(c, p, le);
	if (c->bo == NULL)
		return 1;
	/* The next byte that could open a block, found once for many lines. */
	if ((c->nextbo == NULL || c->nextbo < p) &&
	    (c->nextbo = memchr(p, c->bo[0], (size_t)(c->end - p))) == NULL)
		c->nextbo = c->end;
	if (c->nextbo >= le)
		return 1;
	return line_slow(c, p, le);
}

size_t
cov_lines(const struct lang *l, const char *text, size_t len,
    struct buf *lines, unsigned *ncode)
{
	struct counter c;
	const char *p = text, *end = text + len, *le;
	size_t n = 0;
	unsigned code = 0;
	int k, has;

	memset(&c, 0, sizeof(c));
	c.end = end;
	if ((c.bo = l->block_open) != NULL) {
		c.tab[(unsigned char)c.bo[0]] |= B_BLOCK;
		c.bol = strlen(c.bo);
		c.bc = l->block_close;
		c.bcl = strlen(c.bc);
	}
	for (k = 0; k < 2 && l->line[k] != NULL; k++) {
		c.lo[k] = l->line[k];
		c.tab[(unsigned char)c.lo[k][0]] |= B_LINE;
		c.lol[k] = strlen(c.lo[k]);
	}
	c.tab['"'] |= B_QUOTE;
	if (single_quotes(l))
		c.tab['\''] |= B_QUOTE;
	c.tab[' '] = c.tab['\t'] = c.tab['\r'] = c.tab['\f'] = c.tab['\v'] =
	    B_BLANK;
	buf_grow(lines, len / 32 + 16);
	lines->len = 0;
	while (p < end) {
		if ((le = memchr(p, '\n', (size_t)(end - p))) == NULL)
			le = end;
		has = line_code(&c, p, le);
		buf_addc(lines, (char)has);
		code += (unsigned)has;
		n++;
		if (le == end)
			break;
		p = le + 1;
	}
	*ncode = code;
	return n;
}
/*:*/

void
cov_init(struct coverage *c, int defs)
{
	memset(c, 0, sizeof(*c));
	pthread_mutex_init(&c->mu, NULL);
	c->defs = defs;
}

/* The definitions of a file, and whether a step shows each. */
static void
find_defs(struct cov_file *cf, const char *text, size_t len,
    const struct buf *lines, const unsigned char *shown)
{
	struct hl_def *d = NULL;
	size_t i, n = 0, k;
	int from;

	from = highlight_defs(cf->lang, text, len, &d, &n);
	if (from <= 0)
		return;
	cf->defs_from = from;
	cf->defs = xcalloc(n ? n : 1, sizeof(*cf->defs));
	for (i = 0; i < n; i++) {
		struct cov_def *cd = &cf->defs[cf->ndefs++];

		cd->name = xstrndup(text + d[i].name_off, d[i].name_len);
		cd->kind = d[i].kind;
		cd->line = d[i].line;
		cd->first = d[i].first;
		cd->last = d[i].last;
		for (k = cd->first; k <= cd->last && k <= lines->len; k++)
			cd->code += (unsigned)lines->p[k - 1];
		cd->shown = cd->line <= lines->len && shown[cd->line - 1];
	}
	free(d);
}

void
cov_file_add(void *arg, const char *path, const struct lang *l,
    const char *text, size_t len, const struct qfile *f)
{
	struct coverage *c = arg;
	struct cov_file cf = { 0 };
	struct buf lines = { 0 };
	unsigned char *shown = NULL;
	const struct step *s;
	size_t i, n;
	unsigned k;

	n = cov_lines(l, text, len, &lines, &cf.code);
	if (f != NULL && f->nsteps > 0) {
		shown = xcalloc(n + 1, 1);
		for (i = 0; i < f->nsteps; i++) {
			s = &f->steps[i];
			for (k = s->code_first; k != 0 && k <= s->code_last &&
			    k <= n; k++)
				shown[k - 1] = 1;
		}
		for (i = 0; i < n; i++)
			if (shown[i] && lines.p[i])
				cf.covered++;
	}
	cf.path = xstrdup(path);
	cf.lang = l;
	if (c->defs) {
		if (shown == NULL)
			shown = xcalloc(n + 1, 1);
		find_defs(&cf, text, len, &lines, shown);
	}
	free(shown);
	buf_free(&lines);
	pthread_mutex_lock(&c->mu);
	if (c->nfiles == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 256;
		c->files = xreallocarray(c->files, c->cap, sizeof(*c->files));
	}
	c->files[c->nfiles++] = cf;
	pthread_mutex_unlock(&c->mu);
}

static int
file_cmp(const void *a, const void *b)
{
	return strcmp(((const struct cov_file *)a)->path,
	    ((const struct cov_file *)b)->path);
}

static void
file_free(struct cov_file *cf)
{
	size_t i;

	for (i = 0; i < cf->ndefs; i++)
		free(cf->defs[i].name);
	free(cf->defs);
	free(cf->path);
}

/* Is path under, the path of a file or directory ("" the whole tree)? */
static int
is_under(const char *path, const char *under)
{
	size_t n = strlen(under);

	return n == 0 || (strncmp(path, under, n) == 0 &&
	    (path[n] == '\0' || path[n] == '/'));
}

void
cov_finish(struct coverage *c)
{
	size_t i, j, k;

	qsort(c->files, c->nfiles, sizeof(*c->files), file_cmp);
	for (i = j = 0; i < c->nfiles; i++) {
		/* A path listed twice (--files-from) counts once. */
		if (j > 0 && strcmp(c->files[j - 1].path,
		    c->files[i].path) == 0) {
			file_free(&c->files[i]);
			continue;
		}
		for (k = 0; k < c->nunder; k++)
			if (is_under(c->files[i].path, c->under[k]))
				break;
		if (c->under != NULL && k == c->nunder) {
			file_free(&c->files[i]);
			continue;
		}
		c->files[j++] = c->files[i];
	}
	c->nfiles = j;
}

void
cov_free(struct coverage *c)
{
	size_t i;

	for (i = 0; i < c->nfiles; i++)
		file_free(&c->files[i]);
	free(c->files);
	for (i = 0; i < c->nunder; i++)
		free(c->under[i]);
	free(c->under);
	pthread_mutex_destroy(&c->mu);
}

void
cov_total(const struct coverage *c, unsigned long long *covered,
    unsigned long long *code)
{
	size_t i;

	*covered = *code = 0;
	for (i = 0; i < c->nfiles; i++) {
		*covered += c->files[i].covered;
		*code += c->files[i].code;
	}
}

unsigned
cov_tenths(unsigned long long part, unsigned long long whole)
{
	return whole == 0 ? 0 : (unsigned)(part * 1000 / whole);
}

void
cov_judged(const struct coverage *c, enum cov_by by,
    unsigned long long *part, unsigned long long *whole)
{
	size_t i, j;

	if (by != COV_BY_DEF) {
		cov_total(c, part, whole);
		return;
	}
	*part = *whole = 0;
	for (i = 0; i < c->nfiles; i++)
		for (j = 0; j < c->files[i].ndefs; j++) {
			*part += (unsigned long long)c->files[i].defs[j].shown;
			(*whole)++;
		}
}

struct cov_dir {
	char		*path;		/* "src/", with its slash */
	unsigned long long covered, code;
};

static int
dir_cmp(const void *a, const void *b)
{
	return strcmp(((const struct cov_dir *)a)->path,
	    ((const struct cov_dir *)b)->path);
}

/* Every directory that holds a file, at any depth, in byte order. */
static struct cov_dir *
dirs_make(const struct coverage *c, size_t *np)
{
	struct cov_dir *v = NULL;
	size_t i, j, n = 0, cap = 0;
	const char *p, *s;

	for (i = 0; i < c->nfiles; i++)
		for (p = c->files[i].path; (s = strchr(p, '/')) != NULL;
		    p = s + 1) {
			if (n == cap) {
				cap = cap ? cap * 2 : 64;
				v = xreallocarray(v, cap, sizeof(*v));
			}
			v[n].path = xstrndup(c->files[i].path,
			    (size_t)(s - c->files[i].path) + 1);
			v[n].covered = c->files[i].covered;
			v[n].code = c->files[i].code;
			n++;
		}
	if (n == 0) {
		*np = 0;
		return v;
	}
	qsort(v, n, sizeof(*v), dir_cmp);
	for (i = 1, j = 0; i < n; i++)
		if (strcmp(v[i].path, v[j].path) == 0) {
			v[j].covered += v[i].covered;
			v[j].code += v[i].code;
			free(v[i].path);
		} else
			v[++j] = v[i];
	*np = j + 1;
	return v;
}

static void
dirs_free(struct cov_dir *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].path);
	free(v);
}

/*
 * "    12/40      30.0%  a.c": what is a label of quest's ("total"), or
 * with path set a name of the tree, quoted as list and check quote one
 * (name_quote(), diag.h), so that no name forges a line.
 */
static void
row(struct buf *b, unsigned long long part, unsigned long long whole,
    const char *what, int path)
{
	unsigned t = cov_tenths(part, whole);

	buf_printf(b, "%7llu/%-7llu %3u.%u%%  ", part, whole, t / 10,
	    t % 10);
	if (path)
		name_quote(b, what);
	else
		buf_adds(b, what);
	buf_addc(b, '\n');
}

static int
put(FILE *fp, struct buf *b)
{
	size_t n = b->len;

	if (n > 0 && fwrite(b->p, 1, n, fp) != n) {
		buf_free(b);
		return -1;
	}
	buf_free(b);
	return 0;
}

int
cov_write_text(FILE *fp, const struct coverage *c, const struct cov_opts *o)
{
	struct buf b = { 0 };
	struct cov_dir *d;
	unsigned long long cov, all;
	size_t i, j, nd, nshown = 0, ndefs = 0;

	if (o->by == COV_BY_DEF) {
		for (i = 0; i < c->nfiles; i++)
			for (j = 0; j < c->files[i].ndefs; j++) {
				const struct cov_def *cd = &c->files[i].defs[j];

				buf_printf(&b, "%-5s %6u  ",
				    cd->shown ? "shown" : "-", cd->code);
				name_quote(&b, c->files[i].path);
				buf_printf(&b, ":%u  %s ", cd->line, cd->kind);
				name_quote(&b, cd->name);
				buf_addc(&b, '\n');
				nshown += (size_t)cd->shown;
				ndefs++;
			}
		row(&b, nshown, ndefs, "definitions shown", 0);
		return put(fp, &b);
	}
	if (o->by == COV_BY_DIR) {
		d = dirs_make(c, &nd);
		for (i = 0; i < nd; i++)
			row(&b, d[i].covered, d[i].code, d[i].path, 1);
		dirs_free(d, nd);
	} else
		for (i = 0; i < c->nfiles; i++)
			row(&b, c->files[i].covered, c->files[i].code,
			    c->files[i].path, 1);
	cov_total(c, &cov, &all);
	row(&b, cov, all, "total", 0);
	return put(fp, &b);
}

const struct qfile *
cov_tour_file(const struct tour *t, const char *path)
{
	size_t lo = 0, hi = t != NULL ? t->nfiles : 0, mid;
	int r;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((r = strcmp(path, t->files[mid].path)) == 0)
			return &t->files[mid];
		if (r < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static void
json_share(struct buf *b, unsigned long long part, unsigned long long whole)
{
	unsigned t = cov_tenths(part, whole);

	buf_printf(b, "\"covered\":%llu,\"total\":%llu,\"percent\":%u.%u",
	    part, whole, t / 10, t % 10);
}

/*V:040 The JSON of quest coverage is a promise as quest json's is:
 * "coverage": 1 names the version of its shape, which quest(1) gives
 * field by field; every file, every directory and the total, always, and
 * the definitions with --by def (else null), so that a tool reads one
 * shape whatever the report's --by.
 */
int
cov_write_json(FILE *fp, const struct coverage *c, const struct cov_opts *o)
{
	struct buf b = { 0 };
	const struct qfile *f;
	struct cov_dir *d;
	unsigned long long cov, all;
	size_t i, j, nd, nshown = 0, ndefs = 0;

	cov_total(c, &cov, &all);
	buf_printf(&b, "{\"coverage\":%d,\"lines\":{", COV_VERSION);
	json_share(&b, cov, all);
	buf_adds(&b, "},\n\"files\":[");
	for (i = 0; i < c->nfiles; i++) {
		buf_adds(&b, i ? ",\n{\"path\":" : "\n{\"path\":");
		json_strz(&b, c->files[i].path);
		buf_adds(&b, ",\"language\":");
		json_strz(&b, c->files[i].lang->name);
		buf_addc(&b, ',');
		json_share(&b, c->files[i].covered, c->files[i].code);
		buf_adds(&b, ",\"steps\":[");
		if ((f = cov_tour_file(o->t, c->files[i].path)) != NULL)
			for (j = 0; j < f->nsteps; j++) {
				if (j)
					buf_addc(&b, ',');
				json_strz(&b, f->steps[j].id);
			}
		buf_adds(&b, "]}");
	}
	buf_adds(&b, "],\n\"directories\":[");
	d = dirs_make(c, &nd);
	for (i = 0; i < nd; i++) {
		buf_adds(&b, i ? ",\n{\"path\":" : "\n{\"path\":");
		json_strz(&b, d[i].path);
		buf_addc(&b, ',');
		json_share(&b, d[i].covered, d[i].code);
		buf_addc(&b, '}');
	}
	dirs_free(d, nd);
	buf_adds(&b, "],\n\"definitions\":");
	if (o->by != COV_BY_DEF) {
		buf_adds(&b, "null}\n");
		return put(fp, &b);
	}
	buf_adds(&b, "{\"list\":[");
	for (i = 0; i < c->nfiles; i++)
		for (j = 0; j < c->files[i].ndefs; j++) {
			const struct cov_def *cd = &c->files[i].defs[j];

			buf_adds(&b, ndefs ? ",\n{\"path\":" : "\n{\"path\":");
			json_strz(&b, c->files[i].path);
			buf_printf(&b, ",\"line\":%u,\"first\":%u,\"last\":%u,"
			    "\"kind\":", cd->line, cd->first, cd->last);
			json_strz(&b, cd->kind);
			buf_adds(&b, ",\"name\":");
			json_strz(&b, cd->name);
			buf_printf(&b, ",\"code\":%u,\"shown\":%s}", cd->code,
			    cd->shown ? "true" : "false");
			nshown += (size_t)cd->shown;
			ndefs++;
		}
	buf_printf(&b, "],\"shown\":%zu,\"total\":%zu,\"percent\":", nshown,
	    ndefs);
	buf_printf(&b, "%u.%u}}\n", cov_tenths(nshown, ndefs) / 10,
	    cov_tenths(nshown, ndefs) % 10);
	return put(fp, &b);
}
/*:*/
