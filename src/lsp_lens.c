/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * lsp_lens.c: code lens above each tag (the step before, the place in the
 * tour, the step after), and the command that opens a step.
 */
#include <stdlib.h>
#include <string.h>

#include "lsp.h"

#define OPEN	"quest.open"

/* A lens on the tag of st: title, and the step it opens, by name. */
static json_t *
lens(struct lsp *s, const struct lsp_text *tx, const struct step *st,
    const char *title, const char *name, const char *path)
{
	json_t *o = json_object(), *cmd = json_object(), *args = json_array();

	json_object_set_new(o, "range", lsp_jrange(s, tx, st->tag_off,
	    st->tag_off + st->tag_len));
	json_object_set_new(cmd, "title", lsp_jstr(title));
	json_object_set_new(cmd, "command", json_string(OPEN));
	json_array_append_new(args, lsp_jstr(name));
	if (path != NULL)
		json_array_append_new(args, lsp_jstr(path));
	json_object_set_new(cmd, "arguments", args);
	json_object_set_new(o, "command", cmd);
	return o;
}

/* "<- G:020", with its chapter when it is another's. */
static char *
arrow(const struct step *from, const struct step *to, int next)
{
	const char *ch = from->chapter != to->chapter ? to->chapter->name :
	    NULL;

	if (next)
		return ch ? xasprintf("%s (%s) \xE2\x86\x92", to->id, ch) :
		    xasprintf("%s \xE2\x86\x92", to->id);
	return ch ? xasprintf("\xE2\x86\x90 %s (%s)", to->id, ch) :
	    xasprintf("\xE2\x86\x90 %s", to->id);
}

/*L:090 Above each tag, three lenses: the step before in tour order, the
 * step's place ("Guest, step 12 of 128", which opens the chapter's
 * first step), the step after.  Each is a command, quest.open, whose
 * arguments name a step by its tag and file, not by a range that an
 * edit would move, and the server answers it by asking the client to
 * show that step's tag (window/showDocument).
 */
int
lsp_code_lens(struct lsp *s, json_t *params, json_t **result,
    struct lsp_error *err)
{
	const struct step *st, *o;
	struct buf place = { 0 };
	struct lsp_at at;
	char *t;
	size_t i;

	if (lsp_doc_param(s, params, &at, err) == -1)
		return -1;
	*result = json_array();
	for (i = 0; at.f != NULL && at.tx != NULL && i < at.f->nsteps; i++) {
		st = &at.f->steps[i];
		if ((o = ws_step_prev(&s->ws, st)) != NULL) {
			t = arrow(st, o, 0);
			json_array_append_new(*result, lens(s, at.tx, st, t,
			    o->id, o->file->path));
			free(t);
		}
		place.len = 0;
		lsp_step_place(&place, st);
		json_array_append_new(*result, lens(s, at.tx, st,
		    buf_cstr(&place), st->prefix, NULL));
		if ((o = ws_step_next(&s->ws, st)) != NULL) {
			t = arrow(st, o, 1);
			json_array_append_new(*result, lens(s, at.tx, st, t,
			    o->id, o->file->path));
			free(t);
		}
	}
	buf_free(&place);
	lsp_at_free(&at);
	return 0;
}

/* The step a name and a path (NULL: any file) name. */
static const struct step *
named(struct lsp *s, const char *name, const char *path)
{
	const struct step *st = ws_find(&s->ws, name), *o;

	if (st == NULL || path == NULL || strcmp(st->file->path, path) == 0)
		return st;
	/* Steps that share a number: the one in that file. */
	for (o = st; o != NULL && o->chapter == st->chapter &&
	    numcmp(o->number, strlen(o->number), st->number,
	    strlen(st->number)) == 0; o = ws_step_next(&s->ws, o))
		if (strcmp(o->file->path, path) == 0)
			return o;
	return st;
}

int
lsp_execute_command(struct lsp *s, json_t *params, json_t **result,
    struct lsp_error *err)
{
	json_t *cmd = json_object_get(params, "command");
	json_t *args = json_object_get(params, "arguments");
	json_t *name = json_array_get(args, 0), *path = json_array_get(args, 1);
	const struct step *st;
	json_t *p;
	char *uri;

	if (!json_is_string(cmd) || strcmp(json_string_value(cmd), OPEN) != 0)
		return lsp_fail(err, LSP_INVALID_PARAMS, "no command %s",
		    json_is_string(cmd) ? json_string_value(cmd) : "(none)");
	if (!json_is_string(name))
		return lsp_fail(err, LSP_INVALID_PARAMS, OPEN " wants a step: "
		    "[\"G:030\"]");
	if ((st = named(s, json_string_value(name), json_is_string(path) ?
	    json_string_value(path) : NULL)) == NULL)
		return lsp_fail(err, LSP_REQUEST_FAILED, "no step %s in the "
		    "tour", json_string_value(name));
	p = json_object();
	uri = ws_uri(&s->ws, st->file->path);
	json_object_set_new(p, "uri", lsp_jstr(uri));
	free(uri);
	json_object_set_new(p, "takeFocus", json_true());
	json_object_set_new(p, "selection", lsp_jtag_range(s, st));
	lsp_request(s, "window/showDocument", p);
	*result = json_null();
	return 0;
}
/*:*/
