/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * import.c: quest import codetour.  Each step of a CodeTour file that
 * points at a line of a file of the tree becomes a tag comment just above
 * that line, in the file's own comment syntax and indentation, numbered
 * 10, 20, 30 in the tour's order under a new chapter of .quest named by
 * the tour's title.  The new texts are put in place by rewrite.c, with
 * renumber's guarantees.  What cannot be placed is told, never guessed.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <errno.h>
#include <jansson.h>
#include <pcre2.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "fsroot.h"
#include "gitlib.h"
#include "import.h"
#include "lang.h"
#include "rewrite.h"

/* A file of the tree is read whole, up to this many bytes. */
#define IMPORT_FILE_MAX	((size_t)64 << 20)
/* What a pattern may cost: PCRE2's match and depth limits. */
#define PATTERN_MATCH_LIMIT	1000000
#define PATTERN_DEPTH_LIMIT	10000
/* Prose is wrapped to this many columns, where a break can be had. */
#define WRAP_COLS	79

/* ---- Reading a CodeTour file ---- */

static int
get_str(json_t *o, const char *key, char **out, const char *where,
    char **err)
{
	json_t *v = json_object_get(o, key);

	*out = NULL;
	if (v == NULL || json_is_null(v))
		return 0;
	if (!json_is_string(v)) {
		*err = xasprintf("%s%s: not a string", where, key);
		return -1;
	}
	if (memchr(json_string_value(v), '\0', json_string_length(v)) !=
	    NULL) {
		*err = xasprintf("%s%s: holds a NUL character", where, key);
		return -1;
	}
	*out = xstrndup(json_string_value(v), json_string_length(v));
	return 0;
}

/* A line number: a JSON number that is a whole number from 1. */
static int
get_line(json_t *o, const char *key, unsigned long *out, const char *where,
    char **err)
{
	json_t *v = json_object_get(o, key);
	double d;

	*out = 0;
	if (v == NULL || json_is_null(v))
		return 0;
	d = json_is_integer(v) ? (double)json_integer_value(v) :
	    json_is_real(v) ? json_real_value(v) : -1;
	if (!json_is_number(v) || !(d >= 1 && d <= 4294967295.0) ||
	    (double)(unsigned long)d != d) {
		*err = xasprintf("%s%s: not a line number (a whole number "
		    "from 1)", where, key);
		return -1;
	}
	*out = (unsigned long)d;
	return 0;
}

static int
get_pos(json_t *sel, const char *key, unsigned long *line,
    const char *where, char **err)
{
	json_t *p = json_object_get(sel, key);
	char *w;
	int rc;

	if (!json_is_object(p)) {
		*err = xasprintf("%sselection.%s: not an object", where, key);
		return -1;
	}
	w = xasprintf("%sselection.%s.", where, key);
	rc = get_line(p, "line", line, w, err);
	if (rc == 0 && *line == 0) {
		*err = xasprintf("%sline: missing", w);
		rc = -1;
	}
	free(w);
	return rc;
}

static int
parse_step(json_t *o, struct ct_step *s, size_t i, char **err)
{
	json_t *sel;
	char *where;
	int rc = -1;

	where = xasprintf("steps[%zu].", i);
	if (!json_is_object(o)) {
		*err = xasprintf("steps[%zu]: not an object", i);
		goto out;
	}
	if (get_str(o, "file", &s->file, where, err) == -1 ||
	    get_str(o, "directory", &s->directory, where, err) == -1 ||
	    get_str(o, "uri", &s->uri, where, err) == -1 ||
	    get_str(o, "pattern", &s->pattern, where, err) == -1 ||
	    get_str(o, "title", &s->title, where, err) == -1 ||
	    get_str(o, "description", &s->description, where, err) == -1 ||
	    get_line(o, "line", &s->line, where, err) == -1)
		goto out;
	s->contents = json_object_get(o, "contents") != NULL;
	if ((sel = json_object_get(o, "selection")) != NULL &&
	    !json_is_null(sel)) {
		if (!json_is_object(sel)) {
			*err = xasprintf("%sselection: not an object", where);
			goto out;
		}
		if (get_pos(sel, "start", &s->sel_start, where, err) == -1 ||
		    get_pos(sel, "end", &s->sel_end, where, err) == -1)
			goto out;
	}
	rc = 0;
out:
	free(where);
	return rc;
}

/* "./src//a.c" as "src/a.c": the path the tour knows the file by. */
static void
norm_path(char *p)
{
	char *r = p, *w = p;

	while (*r != '\0') {
		if ((r == p || r[-1] == '/') && r[0] == '.' && r[1] == '/') {
			r += 2;
			continue;
		}
		if (*r == '/' && (w == p || w[-1] == '/')) {
			r++;
			continue;
		}
		*w++ = *r++;
	}
	*w = '\0';
}

int
ct_parse(const char *text, size_t len, struct ct_tour *ct, char **err)
{
	json_error_t je;
	json_t *root, *steps;
	size_t i;
	int rc = -1;

	memset(ct, 0, sizeof(*ct));
	/* A byte order mark, as some editors write: not JSON, skipped. */
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	if ((root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je)) ==
	    NULL) {
		*err = xasprintf("line %d, column %d: %s", je.line, je.column,
		    je.text);
		return -1;
	}
	if (!json_is_object(root)) {
		*err = xstrdup("not a JSON object");
		goto out;
	}
	if (get_str(root, "title", &ct->title, "", err) == -1)
		goto out;
	steps = json_object_get(root, "steps");
	if (!json_is_array(steps)) {
		*err = xstrdup(steps == NULL ? "steps: missing" :
		    "steps: not an array");
		goto out;
	}
	ct->nsteps = json_array_size(steps);
	ct->steps = xcalloc(ct->nsteps + 1, sizeof(*ct->steps));
	for (i = 0; i < ct->nsteps; i++)
		if (parse_step(json_array_get(steps, i), &ct->steps[i], i,
		    err) == -1)
			goto out;
		else if (ct->steps[i].file != NULL)
			norm_path(ct->steps[i].file);
	rc = 0;
out:
	json_decref(root);
	if (rc == -1)
		ct_free(ct);
	return rc;
}

void
ct_free(struct ct_tour *ct)
{
	size_t i;

	for (i = 0; i < ct->nsteps && ct->steps != NULL; i++) {
		free(ct->steps[i].file);
		free(ct->steps[i].directory);
		free(ct->steps[i].uri);
		free(ct->steps[i].pattern);
		free(ct->steps[i].title);
		free(ct->steps[i].description);
	}
	free(ct->steps);
	free(ct->title);
	memset(ct, 0, sizeof(*ct));
}

/* ---- The files to rewrite ---- */

/* A comment to insert at a line's start: a step's, or an end marker. */
struct ins {
	size_t		 off;		/* before this byte: a line's start */
	int		 kind;		/* 0 an end marker, 1 a tag */
	size_t		 seq;		/* the order of the import */
	char		*text;		/* whole lines */
};

struct ifile {
	char		*path;
	const struct lang *lang;
	struct buf	 text;		/* as read */
	size_t		 nlines;
	int		 line_style;	/* tags as line comments */
	struct ins	*ins;
	size_t		 nins, capins;
	struct buf	 out;		/* its new text */
};

struct importer {
	const struct tour *t;
	const struct import_opts *o;
	struct ifile	**files;
	size_t		 nfiles, capfiles;
	struct ifile	*quest;		/* .quest */
	char		**prefixes;	/* chosen in this run */
	size_t		 nprefixes;
	size_t		 seq;
	pcre2_match_context *mctx;
};

static void
say(const struct importer *im, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
say(const struct importer *im, const char *fmt, ...)
{
	va_list ap;

	fputs("quest: import: ", im->o->msg);
	va_start(ap, fmt);
	/* NOLINTNEXTLINE(clang-analyzer-valist.Uninitialized) */
	vfprintf(im->o->msg, fmt, ap);
	va_end(ap);
	fputc('\n', im->o->msg);
}

static size_t
count_lines(const char *p, size_t n)
{
	size_t i, lines = 0;

	if (p == NULL)
		return 0;
	for (i = 0; i < n; i++)
		lines += p[i] == '\n';
	return lines + (n > 0 && p[n - 1] != '\n');
}

/* The offset of line n (from 1) of f, or f's length past its last. */
static size_t
line_off(const struct ifile *f, size_t n)
{
	const char *p = f->text.p, *e = p + f->text.len, *nl;

	for (; n > 1 && p < e; n--) {
		if ((nl = memchr(p, '\n', (size_t)(e - p))) == NULL)
			return f->text.len;
		p = nl + 1;
	}
	return (size_t)(p - f->text.p);
}

/*
 * The comment style a file uses most: its language's line comments when
 * more of its lines open with one than with the block opener (or it has
 * no block comments), else block comments.
 */
static int
style_of(const struct lang *l, const char *p, size_t n)
{
	const char *e = p + n, *q;
	size_t nblock = 0, nline = 0, k;
	int i;

	if (l->block_open == NULL)
		return 1;
	if (l->line[0] == NULL)
		return 0;
	while (p < e) {
		for (q = p; q < e && (*q == ' ' || *q == '\t'); q++)
			continue;
		k = (size_t)(e - q);
		if (k >= strlen(l->block_open) &&
		    memcmp(q, l->block_open, strlen(l->block_open)) == 0)
			nblock++;
		else
			for (i = 0; i < 2 && l->line[i] != NULL; i++)
				if (k >= strlen(l->line[i]) &&
				    memcmp(q, l->line[i], strlen(l->line[i])) ==
				    0) {
					nline++;
					break;
				}
		if ((q = memchr(q, '\n', k)) == NULL)
			break;
		p = q + 1;
	}
	return nline > nblock;
}

static int
path_cmp(const void *a, const void *b)
{
	const struct ifile *const *x = a, *const *y = b;

	return strcmp((*x)->path, (*y)->path);
}

static int
ins_cmp(const void *a, const void *b)
{
	const struct ins *x = a, *y = b;

	if (x->off != y->off)
		return x->off < y->off ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind - y->kind;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void
ifile_free(struct ifile *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < f->nins; i++)
		free(f->ins[i].text);
	free(f->ins);
	free(f->path);
	buf_free(&f->text);
	buf_free(&f->out);
	free(f);
}

static void
add_ins(struct importer *im, struct ifile *f, size_t off, int kind,
    char *text)
{
	if (f->nins == f->capins) {
		f->capins = f->capins ? f->capins * 2 : 8;
		f->ins = xreallocarray(f->ins, f->capins, sizeof(*f->ins));
	}
	f->ins[f->nins].off = off;
	f->ins[f->nins].kind = kind;
	f->ins[f->nins].seq = im->seq++;
	f->ins[f->nins].text = text;
	f->nins++;
}

/*
 * The file of a step, read once: NULL with *why when it is no file the
 * tour reads (missing, outside the tree, through a link, of no language).
 */
static struct ifile *
get_file(struct importer *im, const char *path, char **why)
{
	struct ifile *f;
	const struct lang *l;
	size_t i;

	for (i = 0; i < im->nfiles; i++)
		if (strcmp(im->files[i]->path, path) == 0)
			return im->files[i];
	if (!root_path_ok(path) || strcmp(path, ".quest") == 0) {
		*why = xasprintf("%s: not a file of the tree", path);
		return NULL;
	}
	if (lang_prose(path) || !config_selects(&im->t->config, path)) {
		*why = xasprintf("%s: a file the tour does not read (%s)",
		    path, lang_prose(path) ? "a document: its comments are "
		    "never tags" : "the include and exclude of .quest");
		return NULL;
	}
	f = xcalloc(1, sizeof(*f));
	if (root_read(path, IMPORT_FILE_MAX, &f->text, NULL) == -1) {
		*why = xasprintf("%s: %s", path, errno == ELOOP ||
		    errno == EXDEV ? "a symbolic link is on its way: refused" :
		    errno == EINVAL ? "not a regular file of the tree" :
		    strerror(errno));
		ifile_free(f);
		return NULL;
	}
	buf_cstr(&f->text);	/* never NULL, so an empty file too */
	if ((l = config_lang(&im->t->config, path)) == NULL)
		l = lang_by_shebang(f->text.p, f->text.len);
	if (l == NULL) {
		*why = xasprintf("%s: of no language quest knows ([language] "
		    "in .quest can name it)", path);
		ifile_free(f);
		return NULL;
	}
	f->path = xstrdup(path);
	f->lang = l;
	f->nlines = count_lines(f->text.p, f->text.len);
	f->line_style = style_of(l, f->text.p ? f->text.p : "", f->text.len);
	if (im->nfiles == im->capfiles) {
		im->capfiles = im->capfiles ? im->capfiles * 2 : 16;
		im->files = xreallocarray(im->files, im->capfiles,
		    sizeof(*im->files));
	}
	im->files[im->nfiles++] = f;
	return f;
}

/* ---- A step's prose, and its comment ---- */

static int
blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* s with runs of blanks and newlines made one space, trimmed: to compare. */
static void
squeeze(const char *s, size_t n, struct buf *out)
{
	size_t i;
	int sp = 0;

	out->len = 0;
	for (i = 0; i < n; i++) {
		if (blank(s[i]) || s[i] == '\n') {
			sp = out->len > 0;
			continue;
		}
		if (sp)
			buf_addc(out, ' ');
		sp = 0;
		buf_addc(out, s[i]);
	}
	buf_cstr(out);
}

/*
 * The title as a line of its own: its whitespace made single spaces, and
 * the tag quest codetour puts before it ("G:030 ") taken off.
 */
static char *
clean_title(const char *s)
{
	struct buf b = { 0 };
	size_t i;

	squeeze(s ? s : "", s ? strlen(s) : 0, &b);
	for (i = 0; b.p[i] >= 'A' && b.p[i] <= 'Z'; i++)
		continue;
	if (i > 0 && b.p[i] == ':' && b.p[i + 1] >= '0' && b.p[i + 1] <= '9') {
		for (i++; b.p[i] >= '0' && b.p[i] <= '9'; i++)
			continue;
		if (b.p[i] == ' ' && b.p[i + 1] != '\0')
			memmove(b.p, b.p + i + 1, b.len - i);
	}
	return b.p;
}

/*E:030 A CodeTour step has a description and perhaps a title; a quest
 * step has prose alone, whose title its heading or first sentence gives
 * (prose_title(), the rule of every format).  So the import keeps the
 * description as it is when its own title is the step's; else it puts
 * the title before it as a heading of the first level, underlined with
 * "=" (heading()).
 * quest codetour then writes that title after the tag, and the prose
 * less such a heading as the description (step_description()): the
 * description comes back as it was.
 */
/*
 * A title as a heading of the first level: underlined with "=" as long
 * as it, which reads well in a comment; "# title" when the title would
 * open a block of its own ("- a", "1. b", "> c") or a line of "="
 * would not read as an underline.
 */
static void
heading(struct buf *prose, const char *title)
{
	size_t i, w = 0;
	struct buf got = { 0 };
	int cut;

	for (i = 0; title[i] != '\0'; i++)
		w += ((unsigned char)title[i] & 0xC0) != 0x80;
	buf_printf(prose, "%s\n", title);
	for (i = 0; i < (w < 3 ? 3 : w); i++)
		buf_addc(prose, '=');
	buf_cstr(prose);
	prose_title(prose->p, prose->len, &got, &cut);
	if (cut || got.p == NULL || strcmp(got.p, title) != 0) {
		prose->len = 0;
		buf_printf(prose, "# %s", title);
	}
	buf_free(&got);
}

static void
make_prose(const struct ct_step *s, struct buf *prose)
{
	struct buf d = { 0 }, got = { 0 };
	const char *p = s->description ? s->description : "";
	char *title = clean_title(s->title);
	size_t n, i;
	int cut;

	/* The description: its line ends made \n, no blank lines around. */
	for (i = 0; p[i] != '\0'; i++)
		if (p[i] != '\r' || p[i + 1] != '\n')
			buf_addc(&d, p[i] == '\r' ? '\n' : p[i]);
	buf_cstr(&d);
	for (p = d.p; *p != '\0' && (blank(*p) || *p == '\n'); p++)
		continue;
	for (n = strlen(p); n > 0 && (blank(p[n - 1]) || p[n - 1] == '\n');
	    n--)
		continue;
	prose->len = 0;
	if (title[0] != '\0') {
		prose_title(p, n, &got, &cut);
		if (strcmp(got.p, title) != 0) {
			heading(prose, title);
			if (n > 0)
				buf_adds(prose, "\n\n");
			buf_add(prose, p, n);
			n = 0;
		}
	}
	buf_add(prose, p, n);
	buf_cstr(prose);
	free(title);
	buf_free(&d);
	buf_free(&got);
}

/*
 * Would a line that starts with word open a Markdown block: a list item,
 * a quote, a heading, a fence, a rule or a setext underline, a table?
 */
static int
opens_block(const char *w, size_t n)
{
	size_t i;

	if (n == 0)
		return 0;
	if (strchr("-+*>#|=_<", w[0]) != NULL)
		return 1;
	if (n >= 3 && (memcmp(w, "```", 3) == 0 || memcmp(w, "~~~", 3) == 0))
		return 1;
	for (i = 0; i < n && w[i] >= '0' && w[i] <= '9'; i++)
		continue;
	return i > 0 && i < n && (w[i] == '.' || w[i] == ')');
}

/*
 * Wrap one line of prose at blanks outside code spans, so that each piece
 * fits width (the first, first) where it can, and none starts with what
 * would open a block or follows a backslash (a hard break): the pieces
 * into out, '\n' between.
 */
static void
wrap(const char *p, size_t n, size_t width, size_t first, struct buf *out)
{
	size_t start = 0, w = first, i, k, e, run, brk, tick;
	int found;

	while (n - start > w) {
		found = 0;
		brk = tick = 0;
		for (i = start; i < n; i++) {
			if (p[i] == '`') {
				for (run = 0; i + run < n && p[i + run] == '`';
				    run++)
					continue;
				tick = tick == 0 ? run : tick == run ? 0 : tick;
				i += run - 1;
				continue;
			}
			if (p[i] != ' ' || tick != 0 || i == start ||
			    p[i - 1] == '\\' || p[i - 1] == ' ')
				continue;
			for (k = i; k < n && p[k] == ' '; k++)
				continue;
			if (k == n)
				break;
			for (e = k; e < n && p[e] != ' '; e++)
				continue;
			if (opens_block(p + k, e - k))
				continue;
			if (i - start <= w || !found) {
				brk = i;
				found = 1;
			}
			if (i - start > w)
				break;
		}
		if (!found)
			break;
		buf_add(out, p + start, brk - start);
		buf_addc(out, '\n');
		for (start = brk; start < n && p[start] == ' '; start++)
			continue;
		w = width;
	}
	buf_add(out, p + start, n - start);
}

/* The visible width of an indentation, tabs to 8. */
static size_t
cols(const char *p, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		c = p[i] == '\t' ? (c / 8 + 1) * 8 : c + 1;
	return c;
}

/*
 * The comment of a step: its tag and its prose, wrapped, in the file's
 * style, each line indented as the line it stands above.  NULL with *why
 * when its prose cannot be said in that comment.
 */
static char *
make_comment(const struct ifile *f, const char *indent, size_t ilen,
    const char *tag, const char *prose, const char *eol, int line_style,
    char **why)
{
	const struct lang *l = f->lang;
	const char *op = line_style ? l->line[0] : l->block_open;
	struct buf b = { 0 }, lines = { 0 };
	const char *p, *e, *q, *lp, *le;
	size_t room, first, n, m;
	int fence = 0, firstline = 1, isfence;

	if (!line_style && strstr(prose, l->block_close) != NULL) {
		*why = xasprintf("its description holds %s, which would end "
		    "the comment", l->block_close);
		return NULL;
	}
	room = cols(indent, ilen) + strlen(op) + 1;
	room = room + 30 < WRAP_COLS ? WRAP_COLS - room : 30;
	first = room > strlen(tag) + 30 ? room - strlen(tag) : 30;
	for (p = prose; *p != '\0' || firstline; p = *e ? e + 1 : e) {
		e = strchr(p, '\n');
		if (e == NULL)
			e = p + strlen(p);
		n = (size_t)(e - p);
		while (n > 0 && blank(p[n - 1]))
			n--;
		lines.len = 0;
		for (q = p, m = n; m > 0 && blank(*q); q++, m--)
			continue;
		isfence = m >= 3 && (memcmp(q, "```", 3) == 0 ||
		    memcmp(q, "~~~", 3) == 0);
		fence ^= isfence;
		/* Code, a heading or a table row: as it is. */
		if (fence || isfence || (m > 0 && (*q == '#' || *q == '|')))
			buf_add(&lines, p, n);
		else
			wrap(p, n, room, firstline ? first : room, &lines);
		buf_cstr(&lines);
		for (lp = lines.p;; lp = le + 1) {
			le = strchr(lp, '\n');
			n = le ? (size_t)(le - lp) : strlen(lp);
			buf_add(&b, indent, ilen);
			if (firstline) {
				buf_printf(&b, "%s%s", op, tag);
				if (n > 0)
					buf_addc(&b, ' ');
			} else if (line_style)
				buf_printf(&b, "%s%s", op, n > 0 ? " " : "");
			else
				buf_adds(&b, n > 0 ? " * " : " *");
			buf_add(&b, lp, n);
			buf_adds(&b, eol);
			firstline = 0;
			if (le == NULL)
				break;
		}
		if (*e == '\0')
			break;
	}
	if (!line_style) {
		buf_add(&b, indent, ilen);
		buf_printf(&b, " %s%s", l->block_close, eol);
	}
	buf_free(&lines);
	return b.p;
}

static char *
end_marker(const struct ifile *f, const char *indent, size_t ilen,
    const char *eol, int line_style)
{
	const struct lang *l = f->lang;

	if (line_style)
		return xasprintf("%.*s%s:%s", (int)ilen, indent, l->line[0],
		    eol);
	return xasprintf("%.*s%s:%s%s", (int)ilen, indent, l->block_open,
	    l->block_close, eol);
}

/* ---- A step's place ---- */

/* The line (from 1) where pattern first matches f, as CodeTour finds it. */
static unsigned long
pattern_line(struct importer *im, const struct ifile *f, const char *pat,
    char **why)
{
	pcre2_code *re;
	pcre2_match_data *md;
	PCRE2_SIZE eoff, *ov;
	const char *text;
	int ecode, rc;
	unsigned long line = 0;
	PCRE2_UCHAR msg[256];

	re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
	    PCRE2_MULTILINE | PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &ecode,
	    &eoff, NULL);
	if (re == NULL) {
		pcre2_get_error_message(ecode, msg, sizeof(msg));
		*why = xasprintf("its pattern is no regular expression quest "
		    "reads (at %zu: %s)", (size_t)eoff, (char *)msg);
		return 0;
	}
	if (im->mctx == NULL) {
		if ((im->mctx = pcre2_match_context_create(NULL)) == NULL)
			oom();
		pcre2_set_match_limit(im->mctx, PATTERN_MATCH_LIMIT);
		pcre2_set_depth_limit(im->mctx, PATTERN_DEPTH_LIMIT);
	}
	if ((md = pcre2_match_data_create_from_pattern(re, NULL)) == NULL)
		oom();
	text = f->text.p ? f->text.p : "";
	rc = pcre2_match(re, (PCRE2_SPTR)text, f->text.len, 0, 0, md,
	    im->mctx);
	if (rc >= 0) {
		ov = pcre2_get_ovector_pointer(md);
		line = 1;
		for (size_t i = 0; i < ov[0] && i < f->text.len; i++)
			line += text[i] == '\n';
	} else if (rc == PCRE2_ERROR_NOMATCH)
		*why = xasprintf("its pattern matches no line of %s", f->path);
	else {
		pcre2_get_error_message(rc, msg, sizeof(msg));
		*why = xasprintf("its pattern cannot be matched: %s",
		    (char *)msg);
	}
	pcre2_match_data_free(md);
	pcre2_code_free(re);
	return line;
}

/* A step resolved: where its tag goes. */
struct placed {
	struct ifile	*f;
	unsigned long	 line;		/* the tag above it */
	unsigned long	 end;		/* the end marker after it, or 0 */
	struct buf	 prose;
};

/*
 * Where step s goes, or 0 with *why: what kind of step it is not, or why
 * its line is not there.
 */
static int
place(struct importer *im, const struct ct_step *s, struct placed *pl,
    char **why)
{
	pl->f = NULL;
	pl->line = pl->end = 0;
	if (s->uri != NULL && s->file == NULL) {
		*why = xstrdup("a step of a URI, not a file of the tree");
		return 0;
	}
	if (s->file == NULL) {
		*why = xstrdup(s->directory != NULL ? "a directory step: no "
		    "line to tag" : "a content step: no file to tag");
		return 0;
	}
	if (s->contents || s->uri != NULL) {
		*why = xstrdup("a step of contents of its own, not of a file "
		    "of the tree");
		return 0;
	}
	if ((pl->f = get_file(im, s->file, why)) == NULL)
		return 0;
	if (s->line != 0)
		pl->line = s->line;
	else if (s->sel_start != 0)
		pl->line = s->sel_start;
	else if (s->pattern != NULL) {
		if ((pl->line = pattern_line(im, pl->f, s->pattern, why)) == 0)
			return 0;
	} else {
		*why = xstrdup("no line, selection or pattern");
		return 0;
	}
	if (pl->line > pl->f->nlines) {
		*why = xasprintf("line %lu is past the end of %s (%zu line%s)",
		    pl->line, pl->f->path, pl->f->nlines,
		    pl->f->nlines == 1 ? "" : "s");
		return 0;
	}
	if (s->sel_end != 0 && s->sel_end >= pl->line) {
		if (s->sel_end > pl->f->nlines) {
			*why = xasprintf("its selection ends at line %lu, past "
			    "the end of %s (%zu lines)", s->sel_end,
			    pl->f->path, pl->f->nlines);
			return 0;
		}
		pl->end = s->sel_end;
	}
	return 1;
}

/* ---- The chapter ---- */

static int
prefix_used(const struct importer *im, const char *p)
{
	size_t i;

	for (i = 0; i < im->t->nchapters; i++)
		if (strcmp(im->t->chapters[i].prefix, p) == 0)
			return 1;
	for (i = 0; i < im->nprefixes; i++)
		if (strcmp(im->prefixes[i], p) == 0)
			return 1;
	return 0;
}

/*
 * The prefix of a title: the initials of its words, capital letters
 * A-Z (at most 6), else CT; then, while that is taken, a letter more.
 */
static char *
derive_prefix(const struct importer *im, const char *title)
{
	struct buf b = { 0 };
	const char *p;
	size_t n;
	int c, start = 1;

	for (p = title; *p != '\0' && b.len < 6; p++) {
		c = (unsigned char)*p;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
			if (start)
				buf_addc(&b, (char)(c & ~0x20));
			start = 0;
		} else if (c < 0x80 && !(c >= '0' && c <= '9') && c != '\'')
			start = 1;
	}
	if (b.len == 0)
		buf_adds(&b, "CT");
	buf_cstr(&b);
	n = b.len;
	for (c = 'A'; prefix_used(im, b.p); c++) {
		if (c > 'Z') {
			c = 'A';
			n = b.len;
		}
		b.len = n;
		buf_addc(&b, (char)c);
		buf_cstr(&b);
	}
	return b.p;
}

/* The tour's title as a chapter name: one line that inih reads back. */
static char *
chapter_name(const char *title)
{
	struct buf b = { 0 };
	size_t i;

	squeeze(title ? title : "", title ? strlen(title) : 0, &b);
	for (i = 0; i < b.len; i++) {
		if ((unsigned char)b.p[i] < ' ' || b.p[i] == 0x7f)
			b.p[i] = ' ';
		/* " ;" starts an inline comment: the blank goes. */
		if (b.p[i] == ';' && i > 0 && b.p[i - 1] == ' ') {
			memmove(b.p + i - 1, b.p + i, b.len - i + 1);
			b.len--;
			i--;
		}
	}
	if (b.len > 200) {
		b.len = 200;
		while (b.len > 0 && ((unsigned char)b.p[b.len] & 0xC0) == 0x80)
			b.len--;
		b.p[b.len] = '\0';
	}
	return b.p;
}

static const struct chapter *
chapter_named(const struct tour *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->nchapters; i++)
		if (t->chapters[i].declared &&
		    strcmp(t->chapters[i].name, name) == 0)
			return &t->chapters[i];
	return NULL;
}

/*
 * Is chapter ch what an import of ct made: each of its steps, in order,
 * in the file and with the prose of a step of ct's, which *matched marks
 * (the steps not imported aside)?
 */
static int
same_import(const struct chapter *ch, const struct ct_tour *ct,
    char *matched)
{
	struct buf a = { 0 }, b = { 0 }, p = { 0 };
	size_t i, j = 0;
	int same = 1;

	memset(matched, 0, ct->nsteps + 1);
	for (i = 0; i < ch->nsteps && same; i++) {
		const struct step *s = ch->steps[i];

		step_prose(s, &p);
		squeeze(p.p, p.len, &a);
		for (; j < ct->nsteps; j++) {
			if (ct->steps[j].file == NULL ||
			    strcmp(ct->steps[j].file, s->file->path) != 0)
				continue;
			make_prose(&ct->steps[j], &p);
			squeeze(p.p, p.len, &b);
			if (strcmp(a.p, b.p) == 0)
				break;
		}
		if (j == ct->nsteps)
			same = 0;
		else
			matched[j++] = 1;
	}
	buf_free(&a);
	buf_free(&b);
	buf_free(&p);
	return same && ch->nsteps > 0;
}

/*
 * The chapter an import of ct made before, if any: the chapter of the
 * tour's name, or one that .quest does not declare (an import whose
 * .quest was left as it was) with its steps.  NULL, with *refused when a
 * chapter of that name has other steps.
 */
static const struct chapter *
imported(const struct tour *t, const char *name, const struct ct_tour *ct,
    char *matched, int *refused)
{
	const struct chapter *ch;
	size_t i;

	*refused = 0;
	if ((ch = chapter_named(t, name)) != NULL) {
		if (same_import(ch, ct, matched))
			return ch;
		*refused = 1;
		return NULL;
	}
	for (i = 0; i < t->nchapters; i++)
		if (!t->chapters[i].declared &&
		    same_import(&t->chapters[i], ct, matched))
			return &t->chapters[i];
	memset(matched, 0, ct->nsteps + 1);
	return NULL;
}

/* Does file f hold a step of chapter ch, or a step numbered num? */
static int
chapter_has(const struct chapter *ch, const struct ifile *f,
    unsigned long num)
{
	size_t i;

	for (i = 0; i < ch->nsteps; i++)
		if (strcmp(ch->steps[i]->file->path, f->path) == 0 ||
		    strtoul(ch->steps[i]->number, NULL, 10) == num)
			return 1;
	return 0;
}

/* The indentation of line n of f, and its line end. */
static void
line_shape(const struct ifile *f, unsigned long n, const char **indent,
    size_t *ilen, const char **eol)
{
	size_t off = line_off(f, n), i = off;
	const char *p = f->text.p;
	const char *nl;

	while (i < f->text.len && (p[i] == ' ' || p[i] == '\t'))
		i++;
	*indent = p + off;
	*ilen = i - off;
	nl = memchr(p + off, '\n', f->text.len - off);
	*eol = nl != NULL && nl > p + off && nl[-1] == '\r' ? "\r\n" : "\n";
}

/* Does line n of f open with one of its language's line comments? */
static int
line_is_comment(const struct ifile *f, unsigned long n)
{
	size_t off = line_off(f, n), k;
	const char *p = f->text.p + off;
	int i;

	for (k = off; k < f->text.len && (*p == ' ' || *p == '\t'); k++)
		p++;
	for (i = 0; i < 2 && f->lang->line[i] != NULL; i++)
		if (f->text.len - k >= strlen(f->lang->line[i]) &&
		    memcmp(p, f->lang->line[i], strlen(f->lang->line[i])) == 0)
			return 1;
	return 0;
}

/*
 * Import one tour: its steps placed in their files, its chapter added to
 * .quest.  How many steps were imported; -1 when the tour is refused.
 */
static long
import_one(struct importer *im, const struct import_src *src,
    const struct ct_tour *ct, size_t *skipped)
{
	const struct chapter *ch;
	struct placed *pl = NULL;
	char *name, *prefix = NULL, *why = NULL, *tag, *text, *matched;
	size_t i, n = 0, k = 0, added = 0, width, w;
	long rc = -1;
	int refused;

	name = chapter_name(ct->title);
	if (name[0] == '\0') {
		say(im, "%s: the tour has no title, which its chapter "
		    "needs: refused", src->name);
		free(name);
		return -1;
	}
	matched = xcalloc(ct->nsteps + 1, 1);
	if ((ch = imported(im->t, name, ct, matched, &refused)) == NULL &&
	    refused) {
		say(im, "%s: .quest has a chapter named '%s' already (%s), "
		    "with other steps: refused", src->name, name,
		    chapter_named(im->t, name)->prefix);
		goto out;
	}
	if (ch != NULL)
		prefix = xstrdup(ch->prefix);
	else if (im->o->prefix != NULL) {
		if (prefix_used(im, im->o->prefix)) {
			say(im, "--prefix %s: the tour has a chapter %s "
			    "already: refused", im->o->prefix, im->o->prefix);
			goto out;
		}
		prefix = xstrdup(im->o->prefix);
	} else
		prefix = derive_prefix(im, name);

	/*
	 * A chapter imported before: its steps stay as they are, and those
	 * of a file that was left then (as it changed) are put in, told
	 * again of nothing.
	 */
	pl = xcalloc(ct->nsteps + 1, sizeof(*pl));
	for (i = 0; i < ct->nsteps; i++) {
		const struct ct_step *s = &ct->steps[i];
		char *t;

		if (matched[i] || place(im, s, &pl[i], &why)) {
			n++;
			continue;
		}
		pl[i].f = NULL;
		if (ch == NULL) {
			t = clean_title(s->title);
			say(im, "%s: step %zu%s%s%s: %s: not imported",
			    src->name, i + 1, t[0] ? " (" : "", t,
			    t[0] ? ")" : "", why);
			free(t);
			++*skipped;
		}
		free(why);
		why = NULL;
	}
	/* The numbers 10, 20, 30..., at least three digits wide. */
	for (width = 3, w = n * 10; w >= 1000; w /= 10)
		width++;
	for (i = 0; i < ct->nsteps; i++) {
		const struct ct_step *s = &ct->steps[i];
		struct ifile *f = pl[i].f;
		const char *indent, *eol;
		size_t ilen, off;
		unsigned long line = pl[i].line, num;
		int ls;
		char *t;

		if (matched[i]) {
			k++;
			continue;
		}
		if (f == NULL)
			continue;
		num = (unsigned long)(k + 1) * 10;
		/* Imported before, but for the files then left. */
		if (ch != NULL && chapter_has(ch, f, num))
			continue;
		/* A #! line stays the first. */
		if (line == 1 && f->text.len >= 2 &&
		    memcmp(f->text.p, "#!", 2) == 0 && f->nlines > 1)
			line = 2;
		make_prose(s, &pl[i].prose);
		tag = xasprintf("%s:%0*lu", prefix, (int)width, num);
		line_shape(f, line, &indent, &ilen, &eol);
		ls = f->line_style;
		/* A line comment would run on into a line that is one. */
		if (ls && line_is_comment(f, line) && f->lang->block_open)
			ls = 0;
		if (!ls && strstr(pl[i].prose.p, f->lang->block_close) &&
		    f->lang->line[0] != NULL)
			ls = 1;
		if ((text = make_comment(f, indent, ilen, tag, pl[i].prose.p,
		    eol, ls, &why)) == NULL) {
			if (ch == NULL) {
				t = clean_title(s->title);
				say(im, "%s: step %zu%s%s%s: %s: not imported",
				    src->name, i + 1, t[0] ? " (" : "", t,
				    t[0] ? ")" : "", why);
				free(t);
				++*skipped;
			}
			free(why);
			why = NULL;
			free(tag);
			continue;
		}
		if (ls && line_is_comment(f, line)) {
			/* An empty line ends the comment's run. */
			char *sep = xasprintf("%s%s", text, eol);

			free(text);
			text = sep;
		}
		off = line_off(f, line);
		add_ins(im, f, off, 1, text);
		if (pl[i].end != 0) {
			off = line_off(f, pl[i].end + 1);
			text = end_marker(f, indent, ilen, eol, ls);
			if (off == f->text.len && f->text.len > 0 &&
			    f->text.p[f->text.len - 1] != '\n') {
				char *nl = xasprintf("%s%s", eol, text);

				free(text);
				text = nl;
			}
			add_ins(im, f, off, 0, text);
		}
		free(tag);
		k++;
		added++;
	}
	if (ch != NULL && ch->declared && added == 0) {
		fprintf(im->o->dry_run ? im->o->msg : im->o->out, "quest: %s: "
		    "already imported, as chapter %s (%s): nothing to "
		    "change\n", src->name, ch->prefix, name);
		rc = 0;
		goto out;
	}
	if (k > 0 && (ch == NULL || !ch->declared)) {
		struct buf *q = &im->quest->out;

		if (q->len > 0 && q->p[q->len - 1] != '\n')
			buf_addc(q, '\n');
		if (q->len > 0)
			buf_addc(q, '\n');
		buf_printf(q, "[chapter %s]\nname = %s\n", prefix, name);
	}
	if (k > 0) {
		im->prefixes = xreallocarray(im->prefixes, im->nprefixes + 1,
		    sizeof(*im->prefixes));
		im->prefixes[im->nprefixes++] = xstrdup(prefix);
		/* A dry run's standard output is the diff alone. */
		fprintf(im->o->dry_run ? im->o->msg : im->o->out, "quest: %s: "
		    "%zu step%s%s, as chapter %s (%s)\n", src->name, added,
		    added == 1 ? "" : "s", ch != NULL ? " more" : "", prefix,
		    name);
	} else {
		say(im, "%s: no step could be imported", src->name);
		++*skipped;
	}
	rc = (long)k;
out:
	for (i = 0; pl != NULL && i < ct->nsteps; i++)
		buf_free(&pl[i].prose);
	free(pl);
	free(matched);
	free(prefix);
	free(name);
	return rc;
}

/* The new text of a file: its text with the comments inserted. */
static void
build_text(struct ifile *f)
{
	size_t i, at = 0;

	if (f->nins > 1)
		qsort(f->ins, f->nins, sizeof(*f->ins), ins_cmp);
	f->out.len = 0;
	for (i = 0; i < f->nins; i++) {
		buf_add(&f->out, f->text.p + at, f->ins[i].off - at);
		buf_adds(&f->out, f->ins[i].text);
		at = f->ins[i].off;
	}
	buf_add(&f->out, f->text.p + at, f->text.len - at);
	buf_cstr(&f->out);
}

static void
new_text(void *arg, size_t i, struct buf *out)
{
	struct ifile **v = arg;

	buf_add(out, v[i]->out.p, v[i]->out.len);
}

/*E:040 An import writes as a renumber does.  It reads every file a step
 * points at, and .quest, once, through fsroot.h, so never outside the
 * tree nor through a link; makes each one's new text, every comment
 * inserted at a line's start and no other byte changed; checks them all
 * (rewrite_add()) before it writes any; and then puts them in place
 * under the journal (rewrite_commit()): killed at any point, each file is
 * old or new, and the next import or renumber finishes the job.  An
 * import of a tour whose chapter is there already, with the same steps,
 * changes nothing; so a killed import run again ends as one that was not.
 */
int
import_codetour(const struct tour *t, const struct import_opts *o)
{
	struct importer im;
	struct ct_tour ct;
	struct ifile **v = NULL;
	struct rewrite *rw = NULL;
	char *err = NULL;
	size_t i, nv = 0, skipped = 0, done = 0, nleft = 0;
	long n;
	int rc = IMPORT_OK, r, refused = 0, changed = 0;

	memset(&im, 0, sizeof(im));
	im.t = t;
	im.o = o;
	im.quest = xcalloc(1, sizeof(*im.quest));
	im.quest->path = xstrdup(".quest");
	if (root_read(".quest", INTRO_MAX, &im.quest->text, NULL) == -1) {
		say(&im, ".quest: %s: refused", errno == ENOENT ? "not there "
		    "(the import adds its chapters to it; an empty one will "
		    "do)" : errno == ELOOP ? "a symbolic link" :
		    strerror(errno));
		rc = IMPORT_FAIL;
		goto out;
	}
	buf_cstr(&im.quest->text);
	buf_add(&im.quest->out, im.quest->text.p, im.quest->text.len);
	for (i = 0; i < o->nsrcs; i++) {
		if (ct_parse(o->srcs[i].text, o->srcs[i].len, &ct, &err) ==
		    -1) {
			say(&im, "%s: not a CodeTour file: %s", o->srcs[i].name,
			    err);
			free(err);
			err = NULL;
			rc = IMPORT_FAIL;
			continue;
		}
		n = import_one(&im, &o->srcs[i], &ct, &skipped);
		if (n < 0)
			rc = IMPORT_FAIL;
		ct_free(&ct);
	}
	if (rc == IMPORT_FAIL)
		goto out;

	/* Phase zero: every file to rewrite, checked before any is. */
	v = xcalloc(im.nfiles + 2, sizeof(*v));
	for (i = 0; i < im.nfiles; i++)
		if (im.files[i]->nins > 0) {
			build_text(im.files[i]);
			v[nv++] = im.files[i];
		}
	if (im.quest->out.len != im.quest->text.len)
		v[nv++] = im.quest;
	if (nv > 1)
		qsort(v, nv, sizeof(*v), path_cmp);
	rw = rewrite_new(o->msg);
	for (i = 0; i < nv; i++) {
		if ((r = rewrite_add(rw, v[i]->path, v[i]->text.p ?
		    v[i]->text.p : "", v[i]->text.len)) == REWRITE_FAIL)
			refused = 1;
		else if (r == REWRITE_LEFT)
			changed = 1;
	}
	if (refused || changed) {
		rc = refused ? IMPORT_FAIL : IMPORT_PARTIAL;
		goto out;
	}
	if (o->dry_run) {
		for (i = 0; i < nv; i++)
			if (rewrite_diff(o->out, v[i]->path, v[i]->text.p ?
			    v[i]->text.p : "", v[i]->text.len, v[i]->out.p,
			    v[i]->out.len) == -1) {
				say(&im, "%s: cannot make the diff: %s",
				    v[i]->path, gitlib_init() == -1 ?
				    gitlib_error() : "libgit2 failed");
				rc = IMPORT_FAIL;
				break;
			}
		goto out;
	}
	switch (rewrite_commit(rw, new_text, v, &done, &nleft)) {
	case REWRITE_OK:
		break;
	case REWRITE_LEFT:
		rc = IMPORT_PARTIAL;
		break;
	default:
		rc = IMPORT_FAIL;
		break;
	}
	if (done > 0)
		fprintf(o->out, "quest: imported; rewrote %zu file%s\n", done,
		    done == 1 ? "" : "s");
	if (nleft > 0) {
		say(&im, "%zu file%s left as %s: run quest import again",
		    nleft, nleft == 1 ? "" : "s", nleft == 1 ? "it was" :
		    "they were");
		if (rc == IMPORT_OK)
			rc = IMPORT_PARTIAL;
	}
out:
	if (rc == IMPORT_OK && skipped > 0)
		rc = IMPORT_PARTIAL;
	rewrite_free(rw);
	free(v);
	for (i = 0; i < im.nfiles; i++)
		ifile_free(im.files[i]);
	free(im.files);
	ifile_free(im.quest);
	for (i = 0; i < im.nprefixes; i++)
		free(im.prefixes[i]);
	free(im.prefixes);
	pcre2_match_context_free(im.mctx);
	return rc;
}
/*:*/
