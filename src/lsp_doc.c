/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * lsp_doc.c: what the client says of its documents (opened, changed,
 * closed, saved, changed on disk) and what the server tells it back, the
 * diagnostics of each file.
 */
#include <stdlib.h>
#include <string.h>

#include "lsp.h"

/*
 * The range of a diagnostic: from its column to the next blank (a tag, a
 * reference, an end marker), the whole line when it has no column.
 */
static json_t *
jdiag(struct lsp *s, const struct lsp_text *tx, const struct diag *d)
{
	json_t *o = json_object(), *r, *a, *b;
	size_t l, ls, eol, x, y;

	if (tx != NULL && d->line > 0 && d->line - 1 < tx->nlines) {
		l = d->line - 1;
		ls = tx->lines[l];
		eol = lsp_text_eol(tx, l);
		if (d->col == 0) {
			x = ls;
			y = eol;
		} else {
			x = ls + d->col - 1 < eol ? ls + d->col - 1 : eol;
			for (y = x; y < eol && tx->p[y] != ' ' &&
			    tx->p[y] != '\t'; y++)
				continue;
		}
		r = lsp_jrange(s, tx, x, y);
	} else {
		l = d->line > 0 ? d->line - 1 : 0;
		x = d->col > 0 ? d->col - 1 : 0;
		r = json_object();
		a = json_object();
		json_object_set_new(a, "line", json_integer((json_int_t)l));
		json_object_set_new(a, "character",
		    json_integer((json_int_t)x));
		b = json_deep_copy(a);
		json_object_set_new(r, "start", a);
		json_object_set_new(r, "end", b);
	}
	json_object_set_new(o, "range", r);
	json_object_set_new(o, "severity",
	    json_integer(diag_table[d->id].sev == SEV_ERROR ? 1 : 2));
	json_object_set_new(o, "code", json_string(diag_table[d->id].name));
	json_object_set_new(o, "source", json_string("quest"));
	json_object_set_new(o, "message", lsp_jstr(d->msg));
	return o;
}

struct pubnew {
	char		*path;
	char		*json;
	json_t		*arr;
};

static int
pubnew_cmp(const void *a, const void *b)
{
	return strcmp(((const struct pubnew *)a)->path,
	    ((const struct pubnew *)b)->path);
}

static int
pub_cmp(const void *key, const void *p)
{
	return strcmp(key, ((const struct lsp_pub *)p)->path);
}

static void
pubnew_add(struct pubnew **v, size_t *n, const char *path, json_t *arr)
{
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[*n].path = xstrdup(path);
	(*v)[*n].arr = arr;
	(*v)[*n].json = json_dumps(arr, JSON_COMPACT);
	(*n)++;
}

static int
pubnew_has(const struct pubnew *v, size_t n, const char *path)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].path, path) == 0)
			return 1;
	return 0;
}

/*L:050 After a build the server tells the client what changed: for each
 * path, its diagnostics as one JSON array, compared with the array last
 * sent for it.  An open document hears after each of its versions,
 * diagnostics or none, so that the client knows they are of its text; a
 * file that is not open hears only when its diagnostics changed: the
 * other file of a duplicate-step when a step of the same number is
 * typed here, and again when it is gone.  The rule names are the codes,
 * the severities check's.  The first build after initialize tells all.
 */
void
lsp_publish(struct lsp *s)
{
	const struct diags *d = &s->ws.tour.diags;
	struct pubnew *nv = NULL;
	struct lsp_pub *old, *pubs;
	const struct lsp_doc *doc;
	const struct lsp_text *tx;
	const char *path;
	json_t *arr, *p;
	size_t i, j, nn = 0, np = 0;
	char *uri;
	int send;

	for (i = 0; i < d->n; i = j) {
		path = d->v[i].path;
		if (path == NULL) {
			j = i + 1;
			continue;
		}
		arr = json_array();
		tx = ws_text(&s->ws, path);
		for (j = i; j < d->n && d->v[j].path != NULL &&
		    strcmp(d->v[j].path, path) == 0; j++)
			json_array_append_new(arr, jdiag(s, tx, &d->v[j]));
		pubnew_add(&nv, &nn, path, arr);
	}
	for (i = 0; i < s->ws.ndocs; i++)
		if ((path = s->ws.docs[i]->path) != NULL &&
		    !pubnew_has(nv, nn, path))
			pubnew_add(&nv, &nn, path, json_array());
	for (i = 0; i < s->npubs; i++)
		if (!pubnew_has(nv, nn, s->pubs[i].path))
			pubnew_add(&nv, &nn, s->pubs[i].path, json_array());
	if (nn > 1)
		qsort(nv, nn, sizeof(*nv), pubnew_cmp);
	pubs = xcalloc(nn + 1, sizeof(*pubs));
	for (i = 0; i < nn; i++) {
		old = s->npubs == 0 ? NULL : bsearch(nv[i].path, s->pubs,
		    s->npubs, sizeof(*s->pubs), pub_cmp);
		doc = ws_doc_by_path(&s->ws, nv[i].path);
		if (old == NULL)
			send = strcmp(nv[i].json, "[]") != 0 || doc != NULL;
		else
			send = strcmp(old->sent, nv[i].json) != 0 ||
			    (doc != NULL ? !old->open ||
			    old->version != doc->version : old->open);
		if (send && !s->done) {
			p = json_object();
			uri = ws_uri(&s->ws, nv[i].path);
			json_object_set_new(p, "uri", lsp_jstr(uri));
			free(uri);
			if (doc != NULL)
				json_object_set_new(p, "version",
				    json_integer(doc->version));
			json_object_set(p, "diagnostics", nv[i].arr);
			lsp_notify(s, "textDocument/publishDiagnostics", p);
		}
		json_decref(nv[i].arr);
		if (strcmp(nv[i].json, "[]") == 0 && doc == NULL) {
			free(nv[i].path);
			free(nv[i].json);
			continue;
		}
		pubs[np].path = nv[i].path;
		pubs[np].sent = nv[i].json;
		pubs[np].open = doc != NULL;
		pubs[np].version = doc != NULL ? doc->version : 0;
		np++;
	}
	free(nv);
	for (i = 0; i < s->npubs; i++) {
		free(s->pubs[i].path);
		free(s->pubs[i].sent);
	}
	free(s->pubs);
	s->pubs = pubs;
	s->npubs = np;
}
/*:*/

int
lsp_did_open(struct lsp *s, json_t *params, struct lsp_error *err)
{
	json_t *td = json_object_get(params, "textDocument");
	json_t *uri = json_object_get(td, "uri");
	json_t *text = json_object_get(td, "text");
	json_t *version = json_object_get(td, "version");
	struct lsp_doc *d;

	if (!json_is_string(uri) || !json_is_string(text))
		return lsp_fail(err, LSP_INVALID_PARAMS, "didOpen without "
		    "textDocument.uri and text");
	d = ws_doc_open(&s->ws, json_string_value(uri),
	    json_is_integer(version) ? json_integer_value(version) : 0,
	    json_string_value(text), json_string_length(text));
	if (d->path == NULL)
		return lsp_fail(err, LSP_INVALID_PARAMS, "%s is outside the "
		    "workspace: not served", d->uri);
	if (d->big)
		return lsp_fail(err, LSP_INVALID_PARAMS, "%s is larger than "
		    "%zu bytes: not served", d->uri, LSP_DOC_MAX);
	return 0;
}

/* One change of didChange: a range replaced, or the whole text. */
static int
apply_change(struct lsp *s, struct lsp_doc *d, json_t *c,
    struct lsp_error *err)
{
	json_t *text = json_object_get(c, "text");
	json_t *range = json_object_get(c, "range");
	struct lsp_text tx = { d->text.p, d->text.len, d->lines.v,
	    d->lines.n };
	size_t l1, c1, l2, c2, a, b;

	if (!json_is_string(text))
		return lsp_fail(err, LSP_INVALID_PARAMS, "a change without "
		    "text");
	if (range == NULL) {
		a = 0;
		b = d->text.len;
	} else if (lsp_get_uint(json_object_get(range, "start"), "line",
	    &l1) == -1 || lsp_get_uint(json_object_get(range, "start"),
	    "character", &c1) == -1 || lsp_get_uint(json_object_get(range,
	    "end"), "line", &l2) == -1 || lsp_get_uint(json_object_get(range,
	    "end"), "character", &c2) == -1)
		return lsp_fail(err, LSP_INVALID_PARAMS, "a change with a "
		    "bad range");
	else {
		tx.p = d->text.p ? d->text.p : "";
		a = lsp_text_off(&tx, l1, c1, s->caps.enc);
		b = lsp_text_off(&tx, l2, c2, s->caps.enc);
		if (b < a) {
			size_t t = a;

			a = b;
			b = t;
		}
	}
	if (d->text.p == NULL)
		buf_grow(&d->text, 1);
	if (lsp_text_edit(&d->text, &d->lines, a, b, json_string_value(text),
	    json_string_length(text), LSP_DOC_MAX) == -1) {
		d->big = 1;
		buf_free(&d->text);
		free(d->lines.v);
		memset(&d->lines, 0, sizeof(d->lines));
		return lsp_fail(err, LSP_INVALID_PARAMS, "%s grew larger than "
		    "%zu bytes: not served until it is opened again", d->uri,
		    LSP_DOC_MAX);
	}
	return 0;
}

int
lsp_did_change(struct lsp *s, json_t *params, struct lsp_error *err)
{
	json_t *td = json_object_get(params, "textDocument");
	json_t *uri = json_object_get(td, "uri");
	json_t *version = json_object_get(td, "version");
	json_t *changes = json_object_get(params, "contentChanges"), *c;
	struct lsp_doc *d;
	size_t i;
	int rc = 0;

	if (!json_is_string(uri) || !json_is_array(changes))
		return lsp_fail(err, LSP_INVALID_PARAMS, "didChange without "
		    "textDocument.uri and contentChanges");
	if ((d = ws_doc(&s->ws, json_string_value(uri))) == NULL)
		return lsp_fail(err, LSP_INVALID_PARAMS, "didChange of %s, "
		    "which is not open", json_string_value(uri));
	if (d->path == NULL || d->big)
		return 0;	/* said at didOpen */
	if (d->lines.n == 0)
		lsp_lines_build(&d->lines, d->text.p ? d->text.p : "",
		    d->text.len);
	json_array_foreach(changes, i, c)
		if ((rc = apply_change(s, d, c, err)) == -1)
			break;
	if (json_is_integer(version))
		d->version = json_integer_value(version);
	ws_doc_changed(&s->ws, d);
	return rc;
}

int
lsp_did_close(struct lsp *s, json_t *params, struct lsp_error *err)
{
	json_t *uri = json_object_get(json_object_get(params,
	    "textDocument"), "uri");
	struct lsp_doc *d;

	if (!json_is_string(uri))
		return lsp_fail(err, LSP_INVALID_PARAMS, "didClose without "
		    "textDocument.uri");
	if ((d = ws_doc(&s->ws, json_string_value(uri))) != NULL)
		ws_doc_close(&s->ws, d);
	return 0;
}

int
lsp_did_save(struct lsp *s, json_t *params, struct lsp_error *err)
{
	json_t *uri = json_object_get(json_object_get(params,
	    "textDocument"), "uri");
	char *path;
	int rc = 0;

	if (!json_is_string(uri))
		return 0;
	path = ws_path(&s->ws, json_string_value(uri));
	if (path != NULL && strcmp(path, ".quest") == 0)
		rc = lsp_reload(s, err);
	free(path);
	return rc;
}

/*L:060 Files change under an editor by more than its buffers: a
 * checkout, a save from elsewhere.  When the client can watch files for
 * the server, it is asked at initialized to watch them all, and each
 * event is a file read again from disk, as the load reads it (beneath
 * the root, never through a link), unless the file is open, whose
 * buffer wins.  A file deleted leaves the tour; one created joins it if
 * the config selects it.  A change of .quest, on disk or saved from the
 * editor, reads the whole workspace again.
 */
int
lsp_did_change_watched(struct lsp *s, json_t *params, struct lsp_error *err)
{
	json_t *changes = json_object_get(params, "changes"), *c, *uri, *type;
	int again = 0;
	char *path;
	size_t i;

	json_array_foreach(changes, i, c) {
		uri = json_object_get(c, "uri");
		type = json_object_get(c, "type");
		if (!json_is_string(uri) || !json_is_integer(type) ||
		    json_integer_value(type) < 1 ||
		    json_integer_value(type) > 3)
			continue;
		if ((path = ws_path(&s->ws, json_string_value(uri))) == NULL)
			continue;
		if (strcmp(path, ".quest") == 0)
			again = 1;
		else if (ws_doc_by_path(&s->ws, path) == NULL)
			ws_file_changed(&s->ws, path,
			    (int)json_integer_value(type));
		free(path);
	}
	return again ? lsp_reload(s, err) : 0;
}
/*:*/
