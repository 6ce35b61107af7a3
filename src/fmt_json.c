/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * fmt_json.c: the whole tree as JSON, for tools; it doubles as the debug
 * dump of the tree.  quest(5) documents every field.  The shape is
 * versioned by "quest": a change of shape bumps it.
 */
#include <stdio.h>
#include <string.h>

#include "diagfmt.h"
#include "json.h"
#include "writer.h"

#define JSON_VERSION	1

static const char *
end_name(enum step_end how)
{
	return how == END_MARKER ? "marker" : how == END_NEXT_TAG ? "next-tag" :
	    "eof";
}

static void
step_json(struct buf *b, const struct step *s)
{
	struct buf t = { 0 };

	buf_adds(b, "{\"id\":");
	json_strz(b, s->id);
	buf_adds(b, ",\"chapter\":");
	json_strz(b, s->prefix);
	buf_adds(b, ",\"number\":");
	json_strz(b, s->number);
	buf_printf(b, ",\"value\":%llu,\"path\":", s->value);
	json_strz(b, s->file->path);
	buf_printf(b, ",\"line\":%u,\"column\":%u,\"last\":%u,\"end\":\"%s\"",
	    s->line, s->col, s->last, end_name(s->how));
	buf_adds(b, ",\"language\":");
	json_strz(b, s->file->lang->name);
	step_prose(s, &t);
	buf_adds(b, ",\"prose\":");
	json_str(b, t.p, t.len);
	if (s->code_first != 0) {
		step_code_text(s, &t);
		buf_printf(b, ",\"code_first\":%u,\"code_last\":%u,\"code\":",
		    s->code_first, s->code_last);
		json_str(b, t.p, t.len);
	} else
		buf_adds(b, ",\"code_first\":null,\"code_last\":null,"
		    "\"code\":null");
	buf_addc(b, '}');
	buf_free(&t);
}

/*W:060 The JSON writer prints the tree as it is: the tour, its chapters in
 * order, every step with its place, prose and code, and every diagnostic.
 * It is the interface for tools, so its shape is a promise: "quest": 1
 * names the version of that shape, documented field by field in quest(5).
 */
static int
json_write(const struct tour *t, const struct wopts *o)
{
	struct buf b = { 0 };
	const struct chapter *ch;
	size_t i, j;
	int first = 1;

	buf_printf(&b, "{\"quest\":%d,\"title\":", JSON_VERSION);
	json_strz(&b, t->config.title);
	buf_adds(&b, ",\"intro\":");
	json_strz(&b, t->config.intro);
	buf_adds(&b, ",\n\"chapters\":[");
	for (i = 0; i < o->nchapters; i++) {
		ch = o->chapters[i];
		buf_adds(&b, i ? ",\n" : "\n");
		buf_adds(&b, "{\"prefix\":");
		json_strz(&b, ch->prefix);
		buf_adds(&b, ",\"name\":");
		json_strz(&b, ch->name);
		buf_printf(&b, ",\"order\":%zu,\"declared\":%s,\"steps\":[",
		    i + 1, ch->declared ? "true" : "false");
		for (j = 0; j < ch->nsteps; j++) {
			if (j)
				buf_addc(&b, ',');
			json_strz(&b, ch->steps[j]->id);
		}
		buf_adds(&b, "]}");
	}
	buf_adds(&b, "],\n\"steps\":[");
	for (i = 0; i < o->nchapters; i++)
		for (j = 0; j < o->chapters[i]->nsteps; j++) {
			buf_adds(&b, first ? "\n" : ",\n");
			first = 0;
			step_json(&b, o->chapters[i]->steps[j]);
		}
	buf_adds(&b, "],\n\"diagnostics\":");
	diags_json(&b, &t->diags, 0);
	buf_adds(&b, "}\n");
	i = fwrite(b.p, 1, b.len, o->out);
	j = b.len;
	buf_free(&b);
	return i == j ? 0 : -1;
}
/*:*/

const struct writer writer_json = { "json", json_write };
