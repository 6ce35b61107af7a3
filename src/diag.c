/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * diag.c: the table of diagnostics and the list that collects them.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "util.h"

/*C:020 Every problem quest can report is one row of this table: its name,
 * shown in brackets after the message so scripts and editors can match it,
 * its severity, and a line of explanation that `quest check
 * --list-diagnostics` prints and quest(1) repeats.  The exit status of a run
 * is the worst severity it saw: 0 clean or warnings, 1 errors, 2 usage and
 * config errors, which stop quest before any tree is read.
 */
const struct diag_info diag_table[D__MAX] = {
	[D_DUPLICATE_STEP] = { "duplicate-step", SEV_ERROR,
	    "two steps of one chapter have the same number" },
	[D_NEAR_TAG] = { "near-tag", SEV_WARNING,
	    "a comment starts like a tag of a chapter but is not one" },
	[D_STRAY_END] = { "stray-end", SEV_WARNING,
	    "an end marker with no step open, in a file that has tags" },
	[D_SECOND_TAG] = { "second-tag", SEV_WARNING,
	    "a second tag of the same chapter on one line is ignored" },
	[D_BAD_REF] = { "bad-ref", SEV_WARNING,
	    "a cross-reference [X:NNN] in prose names no step" },
	[D_STALE] = { "stale", SEV_WARNING,
	    "quest stale: a step's code changed since, its prose did not" },
	[D_UNREADABLE] = { "unreadable", SEV_ERROR,
	    "a file of the tree cannot be read" },
	[D_MISSING_FILE] = { "missing-file", SEV_ERROR,
	    "a path given with --files-from does not exist" },
	[D_OUTSIDE_ROOT] = { "outside-root", SEV_ERROR,
	    "a path given with --files-from is outside the tour root" },
	[D_EMPTY_CHAPTER] = { "empty-chapter", SEV_WARNING,
	    "a chapter of the config has no steps" },
	[D_UNDECLARED] = { "undeclared-chapter", SEV_WARNING,
	    "a prefix used in the code is not declared in the config" },
	[D_UNKNOWN_KEY] = { "unknown-key", SEV_WARNING,
	    "the config has a key quest does not know" },
	[D_UNKNOWN_SECTION] = { "unknown-section", SEV_WARNING,
	    "the config has a section quest does not know" },
	[D_MISSING_INTRO] = { "missing-intro", SEV_WARNING,
	    "the intro file named by the config cannot be read" },
	[D_CONFIG_SYNTAX] = { "config-syntax", SEV_ERROR,
	    "the config is not valid INI" },
	[D_CONFIG_VALUE] = { "config-value", SEV_ERROR,
	    "the config has a value quest cannot use" },
	[D_BAD_INTRO] = { "bad-intro", SEV_ERROR,
	    "the intro is not a regular file of the tree, or is too large" },
	[D_SYMLINK_PATH] = { "symlink-path", SEV_ERROR,
	    "a path of the tree goes through a symbolic link, "
	    "and is not read" },
	[D_NUMBER_TOO_LARGE] = { "number-too-large", SEV_ERROR,
	    "a tag's number is larger than 999999999999999, the most a "
	    "step may have" },
	[D_AMBIGUOUS_REF] = { "ambiguous-ref", SEV_WARNING,
	    "a cross-reference [X:NNN] names two steps that share a number" },
	[D_UNKNOWN_LANG] = { "unknown-language", SEV_WARNING,
	    "a file whose language quest does not know holds what would "
	    "be a tag; [language NAME] in .quest can name it" },
};
/*:*/

void
diags_init(struct diags *d)
{
	memset(d, 0, sizeof(*d));
	pthread_mutex_init(&d->lock, NULL);
}

void
diags_free(struct diags *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->v[i].path);
		free(d->v[i].msg);
		free(d->v[i].detail);
	}
	free(d->v);
	pthread_mutex_destroy(&d->lock);
	d->v = NULL;
	d->n = d->cap = 0;
}

static void
diag_vadd(struct diags *d, enum diag_id id, const char *path, unsigned line,
    unsigned col, const char *detail, const char *fmt, va_list ap)
{
	struct diag x;

	x.msg = xvasprintf(fmt, ap);
	x.id = id;
	x.path = path ? xstrdup(path) : NULL;
	x.line = line;
	x.col = col;
	x.detail = detail ? xstrdup(detail) : NULL;
	pthread_mutex_lock(&d->lock);
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->v = xreallocarray(d->v, d->cap, sizeof(*d->v));
	}
	d->v[d->n++] = x;
	pthread_mutex_unlock(&d->lock);
}

void
diag_add(struct diags *d, enum diag_id id, const char *path, unsigned line,
    unsigned col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(d, id, path, line, col, NULL, fmt, ap);
	va_end(ap);
}

void
diag_add_detail(struct diags *d, enum diag_id id, const char *path,
    unsigned line, unsigned col, const char *detail, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(d, id, path, line, col, detail, fmt, ap);
	va_end(ap);
}

int
diag_compare(const struct diag *a, const struct diag *b)
{
	int c;

	if (a->path == NULL || b->path == NULL) {
		if (a->path != b->path)
			return a->path == NULL ? -1 : 1;
	} else if ((c = strcmp(a->path, b->path)) != 0)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	if (a->id != b->id)
		return a->id < b->id ? -1 : 1;
	return strcmp(a->msg, b->msg);
}

static int
diag_cmp(const void *pa, const void *pb)
{
	return diag_compare(pa, pb);
}

void
diags_sort(struct diags *d)
{
	if (d->n > 1)
		qsort(d->v, d->n, sizeof(*d->v), diag_cmp);
}

static enum severity
effective(const struct diag *x, int werror)
{
	enum severity s = diag_table[x->id].sev;

	return (werror && s == SEV_WARNING) ? SEV_ERROR : s;
}

enum severity
diags_worst(const struct diags *d, int werror)
{
	enum severity worst = SEV_NONE, s;
	size_t i;

	for (i = 0; i < d->n; i++)
		if ((s = effective(&d->v[i], werror)) > worst)
			worst = s;
	return worst;
}

const char *
sev_name(enum severity s)
{
	return s == SEV_ERROR ? "error" : s == SEV_WARNING ? "warning" : "note";
}

/*
 * The bytes of s to escape: C0 controls, DEL, the C1 controls that UTF-8
 * spells C2 80 to C2 9F (a terminal may take U+009B for ESC [), bytes that
 * are no part of valid UTF-8 and, in a name, '\\' and '"'; a message
 * keeps its newlines and tabs.  Returns the length of the run at p to copy
 * as it is, 0 when *p is to be escaped.
 */
static size_t
plain_run(const unsigned char *p, size_t n, int name)
{
	size_t len;

	if (!name && (*p == '\n' || *p == '\t'))
		return 1;	/* a detail's lines: stale -v's diff */
	if (*p < 0x20 || *p == 0x7f || (name && (*p == '\\' || *p == '"')))
		return 0;
	if ((len = utf8_len(p, n)) == 0 || (len == 2 && p[0] == 0xC2 &&
	    p[1] < 0xA0))
		return 0;
	return len;
}

static void
escape(struct buf *b, const char *s, int name)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), len;

	while (n > 0) {
		if ((len = plain_run(p, n, name)) > 0) {
			buf_add(b, p, len);
			p += len;
			n -= len;
			continue;
		}
		if (*p >= '\a' && *p <= '\r') {	/* \a \b \t \n \v \f \r */
			buf_addc(b, '\\');
			buf_addc(b, "abtnvfr"[*p - '\a']);
		} else if (*p == '\\' || *p == '"') {
			buf_addc(b, '\\');
			buf_addc(b, (char)*p);
		} else
			buf_printf(b, "\\%03o", *p);
		p++;
		n--;
	}
}

int
name_needs_quote(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), len;

	for (; n > 0; p += len, n -= len)
		if ((len = plain_run(p, n, 1)) == 0)
			return 1;
	return 0;
}

void
name_quote(struct buf *b, const char *s)
{
	if (!name_needs_quote(s)) {
		buf_adds(b, s);
		return;
	}
	buf_addc(b, '"');
	escape(b, s, 1);
	buf_addc(b, '"');
}

char *
name_quoted(const char *s)
{
	struct buf b = { 0 };

	name_quote(&b, s);
	buf_cstr(&b);
	return b.p;
}

char *
name_quoted1(const char *s)
{
	return name_needs_quote(s) ? name_quoted(s) : xasprintf("'%s'", s);
}

const char *
root_strerror(int e)
{
	switch (e) {
	case ELOOP:
	case EXDEV:
		return "a symbolic link is on the way";
	case EINVAL:
		return "not a regular file";
	case EFBIG:
		return "larger than quest reads";
	default:
		return strerror(e);
	}
}

/*
 * The gcc style is for people and editors, on a terminal: the path is
 * quoted when it is not an ordinary name, and the message, which may
 * quote the tree's text (a near-tag's, stale -v's diff), has its control
 * bytes but newline and tab escaped.
 */
void
diag_print(FILE *fp, const struct diag *x, int werror)
{
	struct buf b = { 0 };

	if (x->path == NULL)
		buf_adds(&b, "quest");
	else {
		name_quote(&b, x->path);
		if (x->line) {
			buf_printf(&b, ":%u", x->line);
			if (x->col)
				buf_printf(&b, ":%u", x->col);
		}
	}
	buf_printf(&b, ": %s: ", sev_name(effective(x, werror)));
	escape(&b, x->msg, 0);
	buf_printf(&b, " [%s]\n", diag_table[x->id].name);
	if (x->detail != NULL && *x->detail != '\0') {
		escape(&b, x->detail, 0);
		if (b.p[b.len - 1] != '\n')
			buf_addc(&b, '\n');
	}
	fwrite(b.p, 1, b.len, fp);
	buf_free(&b);
}

void
diags_print(FILE *fp, const struct diags *d, int werror, enum severity min)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (effective(&d->v[i], werror) >= min)
			diag_print(fp, &d->v[i], werror);
}
