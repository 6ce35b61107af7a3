/*
 * diag.c: the table of diagnostics and the list that collects them.
 */
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
	[D_NUMBER_TOO_LARGE] = { "number-too-large", SEV_ERROR,
	    "a tag's number is larger than 999999999999999, the most a "
	    "step may have" },
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
	}
	free(d->v);
	pthread_mutex_destroy(&d->lock);
	d->v = NULL;
	d->n = d->cap = 0;
}

void
diag_add(struct diags *d, enum diag_id id, const char *path, unsigned line,
    unsigned col, const char *fmt, ...)
{
	struct diag x;
	va_list ap;

	va_start(ap, fmt);
	x.msg = xvasprintf(fmt, ap);
	va_end(ap);
	x.id = id;
	x.path = path ? xstrdup(path) : NULL;
	x.line = line;
	x.col = col;
	pthread_mutex_lock(&d->lock);
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->v = xreallocarray(d->v, d->cap, sizeof(*d->v));
	}
	d->v[d->n++] = x;
	pthread_mutex_unlock(&d->lock);
}

static int
diag_cmp(const void *pa, const void *pb)
{
	const struct diag *a = pa, *b = pb;
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

void
diag_print(FILE *fp, const struct diag *x, int werror)
{
	if (x->path == NULL)
		fputs("quest", fp);
	else {
		fputs(x->path, fp);
		if (x->line) {
			fprintf(fp, ":%u", x->line);
			if (x->col)
				fprintf(fp, ":%u", x->col);
		}
	}
	fprintf(fp, ": %s: %s [%s]\n", sev_name(effective(x, werror)), x->msg,
	    diag_table[x->id].name);
}

void
diags_print(FILE *fp, const struct diags *d, int werror, enum severity min)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (effective(&d->v[i], werror) >= min)
			diag_print(fp, &d->v[i], werror);
}
