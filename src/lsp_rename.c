/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * lsp_rename.c: a new number for a step, as one edit of its tag and of
 * every cross-reference to it, for the client to apply.
 */
#include <stdlib.h>
#include <string.h>

#include "lsp.h"

/* The most digits a new number may have, leading zeros included. */
#define DIGITS_MAX	18

/* The step whose tag is at the request's position, or an error. */
static const struct step *
tag_here(struct lsp *s, json_t *params, struct lsp_at *at,
    struct lsp_error *err)
{
	const struct step *st;

	if (lsp_at_param(s, params, at, err) == -1)
		return NULL;
	if (at->f == NULL || at->tx == NULL ||
	    (st = ws_tag_at(at->f, at->off)) == NULL) {
		lsp_at_free(at);
		lsp_fail(err, LSP_REQUEST_FAILED, "quest renames a step at "
		    "its tag: put the cursor on a tag such as G:030");
		return NULL;
	}
	return st;
}

int
lsp_prepare_rename(struct lsp *s, json_t *params, json_t **result,
    struct lsp_error *err)
{
	const struct step *st;
	struct lsp_at at;
	size_t a;

	if ((st = tag_here(s, params, &at, err)) == NULL)
		return -1;
	a = st->tag_off + strlen(st->prefix) + 1;
	*result = json_object();
	json_object_set_new(*result, "range", lsp_jrange(s, at.tx, a,
	    st->tag_off + st->tag_len));
	json_object_set_new(*result, "placeholder", lsp_jstr(st->number));
	lsp_at_free(&at);
	return 0;
}

/* The edits of one file, gathered before they become JSON. */
struct fedit {
	const char	*path;
	json_t		*edits;
};

static void
add_edit(struct lsp *s, struct fedit **v, size_t *n, const char *path,
    size_t a, size_t b, const char *text)
{
	json_t *e = json_object();
	size_t i;

	for (i = 0; i < *n && strcmp((*v)[i].path, path) != 0; i++)
		continue;
	if (i == *n) {
		*v = xreallocarray(*v, *n + 1, sizeof(**v));
		(*v)[i].path = path;
		(*v)[i].edits = json_array();
		(*n)++;
	}
	json_object_set_new(e, "range", lsp_jrange(s, ws_text(&s->ws, path),
	    a, b));
	json_object_set_new(e, "newText", json_string(text));
	json_array_append_new((*v)[i].edits, e);
}

/* The number the user asked for: digits, or the step's prefix and them. */
static const char *
new_number(const struct step *st, const char *name, struct lsp_error *err)
{
	size_t plen = strlen(st->prefix), n;
	const char *colon = strchr(name, ':');

	if (colon != NULL) {
		if ((size_t)(colon - name) != plen ||
		    strncmp(name, st->prefix, plen) != 0) {
			lsp_fail(err, LSP_REQUEST_FAILED, "a rename gives step "
			    "%s a new number in chapter %s, not another "
			    "chapter: '%s'", st->id, st->prefix, name);
			return NULL;
		}
		name = colon + 1;
	}
	n = strlen(name);
	if (n == 0 || strspn(name, "0123456789") != n) {
		lsp_fail(err, LSP_REQUEST_FAILED, "a step's number is digits, "
		    "not '%s'", name);
		return NULL;
	}
	if (n > DIGITS_MAX || numcmp(name, n, "999999999999999", 15) > 0) {
		lsp_fail(err, LSP_REQUEST_FAILED, "%s:%s is larger than %llu, "
		    "the most a step may have", st->prefix, name, STEP_MAX);
		return NULL;
	}
	return name;
}

/*L:110 A rename gives a step a new number, as one WorkspaceEdit of the
 * tag's digits and the digits of every cross-reference that names it
 * and it alone, in every file, for the client to apply (with each open
 * document's version, when the client takes versioned edits).  The new
 * number must be free in the chapter: one that another step has is
 * refused, with where that step is and a number that is free.  A
 * reference that could name two steps sharing a number (after a merge)
 * is left as it is, as quest renumber leaves it, and the client is told.
 */
int
lsp_rename(struct lsp *s, json_t *params, json_t **result,
    struct lsp_error *err)
{
	json_t *nn = json_object_get(params, "newName"), *changes, *tde, *id;
	const struct step *st, *other;
	const struct lsp_ref *v;
	const struct lsp_doc *doc;
	struct fedit *fe = NULL;
	struct lsp_at at;
	const char *num;
	char *uri, *free_num, *e = NULL;
	size_t n, nfe = 0, i, j, nv, left = 0;

	if (!json_is_string(nn))
		return lsp_fail(err, LSP_INVALID_PARAMS, "newName is missing");
	if ((st = tag_here(s, params, &at, err)) == NULL)
		return -1;
	if ((num = new_number(st, json_string_value(nn), err)) == NULL) {
		lsp_at_free(&at);
		return -1;
	}
	i = chapter_find_all(st->chapter, num, strlen(num), &n);
	for (j = 0; j < n; j++) {
		other = st->chapter->steps[i + j];
		if (other == st)
			continue;
		free_num = chapter_new_number(st->chapter, st, &e);
		lsp_fail(err, LSP_REQUEST_FAILED, "%s:%s is taken: step %s is "
		    "at %s:%u%s%s", st->prefix, num, other->id,
		    other->file->path, other->line, free_num ? "; " : "",
		    free_num ? free_num : "");
		if (free_num != NULL) {
			char *m = xasprintf("%s is free", err->msg);

			free(err->msg);
			err->msg = m;
		}
		free(free_num);
		free(e);
		lsp_at_free(&at);
		return -1;
	}
	add_edit(s, &fe, &nfe, st->file->path, st->tag_off +
	    strlen(st->prefix) + 1, st->tag_off + st->tag_len, num);
	v = ws_refs(&s->ws, &nv);
	for (i = 0; i < nv; i++) {
		for (j = 0; j < v[i].nto && v[i].to[j] != st; j++)
			continue;
		if (j == v[i].nto)
			continue;
		if (v[i].nto > 1) {
			left++;
			continue;
		}
		add_edit(s, &fe, &nfe, v[i].from->file->path, v[i].num_at,
		    v[i].num_at + v[i].num_len, num);
	}
	*result = json_object();
	changes = s->caps.doc_changes ? json_array() : json_object();
	for (i = 0; i < nfe; i++) {
		uri = ws_uri(&s->ws, fe[i].path);
		if (!s->caps.doc_changes) {
			json_object_set_new(changes, uri, fe[i].edits);
			free(uri);
			continue;
		}
		doc = ws_doc_by_path(&s->ws, fe[i].path);
		id = json_object();
		json_object_set_new(id, "uri", lsp_jstr(uri));
		json_object_set_new(id, "version", doc != NULL ?
		    json_integer(doc->version) : json_null());
		tde = json_object();
		json_object_set_new(tde, "textDocument", id);
		json_object_set_new(tde, "edits", fe[i].edits);
		json_array_append_new(changes, tde);
		free(uri);
	}
	json_object_set_new(*result, s->caps.doc_changes ? "documentChanges" :
	    "changes", changes);
	if (left > 0) {
		json_t *p = json_object();
		char *m = xasprintf("%zu cross-reference%s to %s could name "
		    "another step of that number too, and %s left as %s: "
		    "edit %s by hand", left, left == 1 ? "" : "s", st->id,
		    left == 1 ? "is" : "are", left == 1 ? "it is" : "they are",
		    left == 1 ? "it" : "them");

		json_object_set_new(p, "type", json_integer(2));
		json_object_set_new(p, "message", lsp_jstr(m));
		lsp_notify(s, "window/showMessage", p);
		free(m);
	}
	free(fe);
	lsp_at_free(&at);
	return 0;
}
/*:*/
