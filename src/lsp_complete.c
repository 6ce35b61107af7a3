/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * lsp_complete.c: completion of a tag's number after a comment opener,
 * and of a cross-reference after '['.
 */
#include <stdlib.h>
#include <string.h>

#include "lsp.h"
#include "md.h"

/* LSP's CompletionItemKind. */
#define KIND_VALUE	12
#define KIND_REFERENCE	18

/* The most references offered at once. */
#define ITEMS_MAX	1000

static json_t *
item(struct lsp *s, const struct lsp_text *tx, size_t a, size_t b,
    const char *label, const char *text, const char *detail, int kind,
    size_t order)
{
	json_t *o = json_object(), *e = json_object();
	char sort[24];

	json_object_set_new(o, "label", lsp_jstr(label));
	json_object_set_new(o, "kind", json_integer(kind));
	json_object_set_new(o, "detail", lsp_jstr(detail));
	(void)snprintf(sort, sizeof(sort), "%08zu", order);
	json_object_set_new(o, "sortText", json_string(sort));
	json_object_set_new(o, "filterText", lsp_jstr(label));
	json_object_set_new(e, "range", lsp_jrange(s, tx, a, b));
	json_object_set_new(e, "newText", lsp_jstr(text));
	json_object_set_new(o, "textEdit", e);
	return o;
}

/* Does a comment opener of l end at text[at]? */
static int
opener_at(const struct lang *l, const char *text, size_t from, size_t at)
{
	const char *o[3] = { l->block_open, l->line[0], l->line[1] };
	size_t i, n;

	for (i = 0; i < 3; i++) {
		if (o[i] == NULL)
			continue;
		n = strlen(o[i]);
		if (at - from >= n && memcmp(text + at - n, o[i], n) == 0)
			return 1;
	}
	return 0;
}

/* The numbers a new step of ch could take here, as quest new gives them. */
static void
tag_items(struct lsp *s, const struct lsp_at *at, const struct chapter *ch,
    const char *prefix, size_t a, size_t b, json_t *items, size_t line)
{
	const struct step *before = NULL, *st;
	struct buf d = { 0 };
	char *num, *mid, *err = NULL;
	size_t i;

	if (ch == NULL) {
		/* A chapter of its own: its first step. */
		num = xasprintf("%s:010", prefix);
		json_array_append_new(items, item(s, at->tx, a, b, num, num,
		    "the first step of a new chapter", KIND_VALUE,
		    json_array_size(items)));
		free(num);
		return;
	}
	if ((num = chapter_new_number(ch, NULL, &err)) != NULL) {
		buf_printf(&d, "the next free number of %s, as quest new "
		    "gives it", ch->name);
		json_array_append_new(items, item(s, at->tx, a, b, num, num,
		    buf_cstr(&d), KIND_VALUE, json_array_size(items)));
	}
	free(err);
	err = NULL;
	/* The step of ch before this line in this file, if one is. */
	for (i = 0; at->f != NULL && i < at->f->nsteps; i++) {
		st = &at->f->steps[i];
		if (st->line - 1 < line && st->chapter == ch)
			before = st;
	}
	if (before != NULL && before->index + 1 < ch->nsteps &&
	    (mid = chapter_new_number(ch, before, &err)) != NULL) {
		if (num == NULL || strcmp(mid, num) != 0) {
			d.len = 0;
			buf_printf(&d, "between %s and %s, as quest new "
			    "--after %s gives it", before->id,
			    ch->steps[before->index + 1]->id, before->id);
			json_array_append_new(items, item(s, at->tx, a, b, mid,
			    mid, buf_cstr(&d), KIND_VALUE,
			    json_array_size(items)));
		}
		free(mid);
	}
	free(err);
	free(num);
	buf_free(&d);
}

/* Is off in the prose of a step of f (its tagged comment)? */
static int
in_prose(const struct qfile *f, const struct lsp_text *tx, size_t off)
{
	size_t line = lsp_text_line(tx, off) + 1, i;
	const struct step *st;

	for (i = 0; f != NULL && i < f->nsteps; i++) {
		st = &f->steps[i];
		if (off >= st->off && line >= st->line && line < st->code_from)
			return 1;
	}
	return 0;
}

/*L:100 Completion reads back from the cursor: digits, a colon, capital
 * letters.  Just after a comment opener (`/\*G:`, `#G:`), it offers the
 * number quest new would give the chapter, after its last step, and the
 * one halfway to the next step after the step above the cursor; for a
 * prefix no chapter has yet, its first step.  After a `[` in a step's
 * prose, it offers every step of the tour, in tour order, each with its
 * title, and closes the bracket unless one follows.
 */
int
lsp_completion(struct lsp *s, json_t *params, json_t **result,
    struct lsp_error *err)
{
	const struct lang *l = NULL;
	const struct chapter *ch;
	const struct step *st;
	struct lsp_at at;
	json_t *items;
	const char *p;
	char *prefix = NULL, *text;
	struct buf plain = { 0 };	/* a title as plain text */
	size_t line, ls, k, d, c, u, i, j, n = 0;
	int colon, more = 0;

	if (lsp_at_param(s, params, &at, err) == -1)
		return -1;
	*result = json_object();
	items = json_array();
	if (at.tx == NULL)
		goto out;
	p = at.tx->p;
	k = at.off;
	line = lsp_text_line(at.tx, k);
	ls = at.tx->lines[line];
	for (d = k; d > ls && p[d - 1] >= '0' && p[d - 1] <= '9'; d--)
		continue;
	colon = d > ls && p[d - 1] == ':';
	if (!colon && d != k)
		goto out;
	c = colon ? d - 1 : d;
	for (u = c; u > ls && p[u - 1] >= 'A' && p[u - 1] <= 'Z'; u--)
		continue;
	prefix = xstrndup(p + u, c - u);
	if (u > ls && p[u - 1] == '[') {
		if (!in_prose(at.f, at.tx, u - 1))
			goto out;
		for (i = 0; i < s->ws.tour.nchapters; i++) {
			ch = &s->ws.tour.chapters[i];
			if (colon ? strcmp(ch->prefix, prefix) != 0 :
			    strncmp(ch->prefix, prefix, c - u) != 0)
				continue;
			for (j = 0; j < ch->nsteps; j++, n++) {
				if (n == ITEMS_MAX) {
					more = 1;
					break;
				}
				st = ch->steps[j];
				text = xasprintf("%s%s", st->id,
				    k < at.tx->len && p[k] == ']' ? "" : "]");
				plain.len = 0;
				md_plain(st->title, strlen(st->title), &plain);
				json_array_append_new(items, item(s, at.tx,
				    u, k, st->id, text, plain.len > 0 ?
				    buf_cstr(&plain) : st->chapter->name,
				    KIND_REFERENCE, n));
				free(text);
			}
		}
		goto out;
	}
	if ((l = lang_by_path(at.path)) == NULL)
		l = lang_by_shebang(p, at.tx->len);
	if (l == NULL || !opener_at(l, p, ls, u))
		goto out;
	if (colon) {
		if (c > u)
			tag_items(s, &at, tour_prefix(&s->ws.tour, prefix,
			    c - u), prefix, u, k, items, line);
		goto out;
	}
	for (i = 0; i < s->ws.tour.nchapters; i++)
		if (strncmp(s->ws.tour.chapters[i].prefix, prefix, c - u) == 0)
			tag_items(s, &at, &s->ws.tour.chapters[i], prefix, u,
			    k, items, line);
out:
	json_object_set_new(*result, "isIncomplete", json_boolean(more));
	json_object_set_new(*result, "items", items);
	free(prefix);
	buf_free(&plain);
	lsp_at_free(&at);
	return 0;
}
/*:*/
