/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * lsp_symbol.c: the steps as symbols: documentSymbol, a file's steps
 * inside their chapters; workspace/symbol, any step by tag or title.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "lsp.h"
#include "md.h"

/* LSP's SymbolKind: a chapter is a namespace, a step a string of prose. */
#define KIND_CHAPTER	3
#define KIND_STEP	15

/* The most steps workspace/symbol answers with. */
#define SYMBOLS_MAX	1000

static json_t *
step_symbol(struct lsp *s, const struct lsp_text *tx, const struct step *st)
{
	json_t *o = json_object();
	struct buf plain = { 0 };

	/* A symbol's words are plain text, as an editor lists them. */
	md_plain(st->title, strlen(st->title), &plain);
	json_object_set_new(o, "name", lsp_jstr(st->id));
	json_object_set_new(o, "detail", lsp_jstrn(plain.p ? plain.p : "",
	    plain.len));
	buf_free(&plain);
	json_object_set_new(o, "kind", json_integer(KIND_STEP));
	json_object_set_new(o, "range", lsp_jrange(s, tx, st->off, st->end));
	json_object_set_new(o, "selectionRange", lsp_jrange(s, tx,
	    st->tag_off, st->tag_off + st->tag_len));
	return o;
}

/* A step as SymbolInformation: where its tag is, in its chapter. */
static json_t *
step_info(struct lsp *s, const struct step *st, int whole)
{
	json_t *o = json_object(), *loc;
	struct buf name = { 0 };

	buf_adds(&name, st->id);
	if (*st->title != '\0') {
		buf_addc(&name, ' ');
		md_plain(st->title, strlen(st->title), &name);
	}
	json_object_set_new(o, "name", lsp_jstrn(name.p, name.len));
	json_object_set_new(o, "kind", json_integer(KIND_STEP));
	loc = lsp_jtag_loc(s, st);
	if (whole)
		json_object_set_new(loc, "range", lsp_jrange(s,
		    ws_text(&s->ws, st->file->path), st->off, st->end));
	json_object_set_new(o, "location", loc);
	json_object_set_new(o, "containerName", lsp_jstr(st->chapter->name));
	buf_free(&name);
	return o;
}

/*L:080 A file's symbols are its steps, in file order, each inside a
 * symbol of its chapter, which spans the file's steps of that chapter;
 * a client that takes no hierarchy gets them flat, each named with its
 * chapter.  Any step of the workspace is found by its tag (g:30 finds
 * G:030, by value, as a reference would) or by words of its title.
 */
int
lsp_document_symbol(struct lsp *s, json_t *params, json_t **result,
    struct lsp_error *err)
{
	const struct chapter **chs = NULL;
	const struct step *st, **firsts = NULL;
	json_t **syms = NULL, *kids;
	struct lsp_at at;
	size_t i, c, nch = 0, lo, hi;

	if (lsp_doc_param(s, params, &at, err) == -1)
		return -1;
	*result = json_array();
	if (at.f == NULL || at.tx == NULL || at.f->nsteps == 0) {
		lsp_at_free(&at);
		return 0;
	}
	if (!s->caps.hier_symbols) {
		for (i = 0; i < at.f->nsteps; i++)
			json_array_append_new(*result,
			    step_info(s, &at.f->steps[i], 1));
		lsp_at_free(&at);
		return 0;
	}
	chs = xcalloc(at.f->nsteps, sizeof(*chs));
	firsts = xcalloc(at.f->nsteps, sizeof(*firsts));
	syms = xcalloc(at.f->nsteps, sizeof(*syms));
	for (i = 0; i < at.f->nsteps; i++) {
		st = &at.f->steps[i];
		for (c = 0; c < nch && chs[c] != st->chapter; c++)
			continue;
		if (c == nch) {
			firsts[nch] = st;
			chs[nch++] = st->chapter;
			syms[c] = json_object();
			json_object_set_new(syms[c], "name",
			    lsp_jstr(st->chapter->name));
			json_object_set_new(syms[c], "detail",
			    lsp_jstr(st->chapter->prefix));
			json_object_set_new(syms[c], "kind",
			    json_integer(KIND_CHAPTER));
			json_object_set_new(syms[c], "children", json_array());
		}
		json_array_append_new(json_object_get(syms[c], "children"),
		    step_symbol(s, at.tx, st));
	}
	for (c = 0; c < nch; c++) {
		lo = (size_t)-1;
		hi = 0;
		st = firsts[c];
		for (i = 0; i < at.f->nsteps; i++) {
			if (at.f->steps[i].chapter != chs[c])
				continue;
			if (at.f->steps[i].off < lo)
				lo = at.f->steps[i].off;
			if (at.f->steps[i].end > hi)
				hi = at.f->steps[i].end;
		}
		json_object_set_new(syms[c], "range", lsp_jrange(s, at.tx, lo,
		    hi));
		json_object_set_new(syms[c], "selectionRange", lsp_jrange(s,
		    at.tx, st->tag_off, st->tag_off + st->tag_len));
		kids = json_object_get(syms[c], "children");
		json_incref(kids);
		json_object_del(syms[c], "children");
		json_object_set_new(syms[c], "children", kids);
		json_array_append_new(*result, syms[c]);
	}
	free(chs);
	free(firsts);
	free(syms);
	lsp_at_free(&at);
	return 0;
}

/* Does the word (lower case) name the step by its tag, as a reference? */
static int
tag_word(const char *w, const struct step *st)
{
	const char *colon = strchr(w, ':');
	size_t plen = strlen(st->prefix), i;

	if (colon == NULL || (size_t)(colon - w) != plen ||
	    colon[1] == '\0' || strspn(colon + 1, "0123456789") !=
	    strlen(colon + 1))
		return 0;
	for (i = 0; i < plen; i++)
		if (tolower((unsigned char)st->prefix[i]) != w[i])
			return 0;
	return numcmp(colon + 1, strlen(colon + 1), st->number,
	    strlen(st->number)) == 0;
}

int
lsp_workspace_symbol(struct lsp *s, json_t *params, json_t **result,
    struct lsp_error *err)
{
	json_t *q = json_object_get(params, "query");
	const struct chapter *ch;
	const struct step *st;
	struct buf hay = { 0 };
	char **words = NULL, *query, *w, *save = NULL;
	size_t nw = 0, c, i, k, n = 0;

	if (!json_is_string(q))
		return lsp_fail(err, LSP_INVALID_PARAMS, "query is missing");
	query = xstrdup(json_string_value(q));
	for (w = query; *w; w++)
		*w = (char)tolower((unsigned char)*w);
	for (w = strtok_r(query, " \t\n", &save); w != NULL;
	    w = strtok_r(NULL, " \t\n", &save)) {
		words = xreallocarray(words, nw + 1, sizeof(*words));
		words[nw++] = w;
	}
	*result = json_array();
	for (c = 0; c < s->ws.tour.nchapters && n < SYMBOLS_MAX; c++) {
		ch = &s->ws.tour.chapters[c];
		for (i = 0; i < ch->nsteps && n < SYMBOLS_MAX; i++) {
			st = ch->steps[i];
			hay.len = 0;
			buf_printf(&hay, "%s %s", st->id, st->title);
			for (w = hay.p; *w; w++)
				*w = (char)tolower((unsigned char)*w);
			for (k = 0; k < nw; k++)
				if (strstr(hay.p, words[k]) == NULL &&
				    !tag_word(words[k], st))
					break;
			if (k < nw)
				continue;
			json_array_append_new(*result, step_info(s, st, 0));
			n++;
		}
	}
	buf_free(&hay);
	free(words);
	free(query);
	return 0;
}
/*:*/
