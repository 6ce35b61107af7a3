/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * lsp_nav.c: hover, definition and references, on a tag and on a [G:030]
 * cross-reference.
 */
#include <stdlib.h>
#include <string.h>

#include "lsp.h"

/* How much of a step's prose a hover on a reference shows. */
#define PROSE_LINES	8
#define PROSE_BYTES	800

/* A step's tag, bold in Markdown. */
static void
tag(struct buf *b, const struct lsp *s, const char *id)
{
	buf_printf(b, s->caps.markdown ? "**%s**" : "%s", id);
}

/* "path:line", as code in Markdown. */
static void
where(struct buf *b, const struct lsp *s, const struct step *st)
{
	buf_adds(b, s->caps.markdown ? "`" : "");
	buf_adds(b, st->file->path);
	buf_printf(b, ":%u", st->line);
	buf_adds(b, s->caps.markdown ? "`" : "");
}

/* "Previous: G:020, its title (a.c:10)" */
static void
neighbour(struct buf *b, const struct lsp *s, const char *what,
    const struct step *st)
{
	buf_printf(b, "\n\n%s: ", what);
	if (st == NULL) {
		buf_adds(b, "none, the tour ");
		buf_adds(b, what[0] == 'P' ? "starts here" : "ends here");
		return;
	}
	buf_adds(b, st->id);
	if (*st->title != '\0')
		buf_printf(b, ", %s", st->title);
	buf_adds(b, " (");
	where(b, s, st);
	buf_addc(b, ')');
}

static void
hover_step(struct buf *b, struct lsp *s, const struct step *st)
{
	tag(b, s, st->id);
	buf_adds(b, ": ");
	lsp_step_place(b, st);
	if (*st->title != '\0')
		buf_printf(b, "\n\n%s", st->title);
	neighbour(b, s, "Previous", ws_step_prev(&s->ws, st));
	neighbour(b, s, "Next", ws_step_next(&s->ws, st));
}

/* The first lines of a step's prose. */
static void
prose_head(struct buf *b, const struct step *st)
{
	struct buf p = { 0 };
	const char *at, *nl;
	size_t lines = 0;

	step_prose(st, &p);
	for (at = p.p; at != NULL && at < p.p + p.len && lines < PROSE_LINES;
	    lines++) {
		nl = memchr(at, '\n', (size_t)(p.p + p.len - at));
		if (nl == NULL)
			nl = p.p + p.len;
		buf_add(b, at, (size_t)(nl - at));
		buf_addc(b, '\n');
		if ((size_t)(nl - p.p) > PROSE_BYTES) {
			buf_adds(b, "...\n");
			break;
		}
		at = nl + 1;
	}
	while (b->len > 0 && b->p[b->len - 1] == '\n')
		b->len--;
	buf_cstr(b);
	buf_free(&p);
}

static void
hover_ref(struct buf *b, struct lsp *s, const struct lsp_ref *r)
{
	const char *text = r->from->file->text;
	const struct chapter *ch;
	size_t i;

	if (r->nto == 1) {
		tag(b, s, r->to[0]->id);
		buf_adds(b, ": ");
		lsp_step_place(b, r->to[0]);
		buf_adds(b, ", at ");
		where(b, s, r->to[0]);
		buf_adds(b, "\n\n");
		prose_head(b, r->to[0]);
		return;
	}
	buf_add(b, text + r->at, r->len);
	if (r->nto == 0) {
		ch = tour_prefix(&s->ws.tour, text + r->at + 1, r->prefix_len);
		if (ch == NULL)
			buf_printf(b, " names no step: no chapter %.*s has "
			    "steps", (int)r->prefix_len, text + r->at + 1);
		else
			buf_printf(b, " names no step: chapter %s has no "
			    "step %.*s", ch->name, (int)r->num_len,
			    text + r->num_at);
		return;
	}
	buf_printf(b, " is ambiguous: %zu steps have that number", r->nto);
	for (i = 0; i < r->nto; i++) {
		buf_adds(b, "\n\n");
		tag(b, s, r->to[i]->id);
		buf_adds(b, " at ");
		where(b, s, r->to[i]);
		if (*r->to[i]->title != '\0')
			buf_printf(b, ": %s", r->to[i]->title);
	}
}

/*L:070 Hover, definition and references read the tree as the writers
 * do.  On a tag, the hover says where the step stands in the tour, its
 * chapter and "step 12 of 128", its title, and the steps before and
 * after it in tour order, across chapters; on a cross-reference, the
 * step it names and the first lines of that step's prose, or that it
 * names none, or every step it could name when steps share the number.
 * A cross-reference is found where check finds it, from the prose the
 * build derived: the reference under the cursor is the one the
 * diagnostics speak of.
 */
int
lsp_hover(struct lsp *s, json_t *params, json_t **result,
    struct lsp_error *err)
{
	struct buf b = { 0 };
	struct lsp_at at;
	const struct step *st;
	const struct lsp_ref *r = NULL;
	json_t *c;
	size_t a = 0, e = 0;

	if (lsp_at_param(s, params, &at, err) == -1)
		return -1;
	if (at.f != NULL && at.tx != NULL &&
	    (st = ws_tag_at(at.f, at.off)) != NULL) {
		hover_step(&b, s, st);
		a = st->off + st->col - 1;
		e = st->tag_off + st->tag_len;
	} else if (at.f != NULL && at.tx != NULL &&
	    (r = ws_ref_at(&s->ws, at.f, at.off)) != NULL) {
		hover_ref(&b, s, r);
		a = r->at;
		e = r->at + r->len;
	}
	if (b.len == 0) {
		*result = json_null();
		lsp_at_free(&at);
		return 0;
	}
	*result = json_object();
	c = json_object();
	json_object_set_new(c, "kind",
	    json_string(s->caps.markdown ? "markdown" : "plaintext"));
	json_object_set_new(c, "value", lsp_jstrn(b.p, b.len));
	json_object_set_new(*result, "contents", c);
	json_object_set_new(*result, "range", lsp_jrange(s, at.tx, a, e));
	buf_free(&b);
	lsp_at_free(&at);
	return 0;
}
/*:*/

int
lsp_definition(struct lsp *s, json_t *params, json_t **result,
    struct lsp_error *err)
{
	const struct lsp_ref *r;
	struct lsp_at at;
	size_t i;

	if (lsp_at_param(s, params, &at, err) == -1)
		return -1;
	*result = json_null();
	if (at.f != NULL && at.tx != NULL &&
	    (r = ws_ref_at(&s->ws, at.f, at.off)) != NULL && r->nto > 0) {
		if (r->nto == 1)
			*result = lsp_jtag_loc(s, r->to[0]);
		else {
			*result = json_array();
			for (i = 0; i < r->nto; i++)
				json_array_append_new(*result,
				    lsp_jtag_loc(s, r->to[i]));
		}
	}
	lsp_at_free(&at);
	return 0;
}

static json_t *
jloc(struct lsp *s, const char *path, size_t a, size_t b)
{
	json_t *l = json_object();
	char *uri = ws_uri(&s->ws, path);

	json_object_set_new(l, "uri", lsp_jstr(uri));
	json_object_set_new(l, "range", lsp_jrange(s, ws_text(&s->ws, path),
	    a, b));
	free(uri);
	return l;
}

/*
 * On a tag, every reference to its step; on a reference, every reference
 * to the step it names (or to any of them, when it is ambiguous).
 */
int
lsp_references(struct lsp *s, json_t *params, json_t **result,
    struct lsp_error *err)
{
	const struct step *one, *const *targets = NULL;
	const struct lsp_ref *r, *v;
	struct lsp_at at;
	size_t nt = 0, n, i, j, k;

	if (lsp_at_param(s, params, &at, err) == -1)
		return -1;
	*result = json_array();
	if (at.f == NULL || at.tx == NULL) {
		lsp_at_free(&at);
		return 0;
	}
	if ((one = ws_tag_at(at.f, at.off)) != NULL) {
		targets = &one;
		nt = 1;
	} else if ((r = ws_ref_at(&s->ws, at.f, at.off)) != NULL) {
		targets = (const struct step *const *)r->to;
		nt = r->nto;
	}
	if (nt > 0 && json_is_true(json_object_get(json_object_get(params,
	    "context"), "includeDeclaration")))
		for (k = 0; k < nt; k++)
			json_array_append_new(*result,
			    lsp_jtag_loc(s, targets[k]));
	v = nt > 0 ? ws_refs(&s->ws, &n) : NULL;
	for (i = 0; nt > 0 && i < n; i++)
		for (j = 0; j < v[i].nto; j++) {
			for (k = 0; k < nt && v[i].to[j] != targets[k]; k++)
				continue;
			if (k < nt) {
				json_array_append_new(*result,
				    jloc(s, v[i].from->file->path, v[i].at,
				    v[i].at + v[i].len));
				break;
			}
		}
	lsp_at_free(&at);
	return 0;
}
