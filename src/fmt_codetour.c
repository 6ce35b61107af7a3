/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * fmt_codetour.c: one CodeTour file per chapter, so that a reader can walk
 * the tour inside VS Code with Microsoft's CodeTour extension, on the real
 * lines.  The one writer that writes files rather than a stream: each
 * replaced atomically inside the directory that the caller opened,
 * o->outdir_fd, never through a link (output.h).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "output.h"
#include "writer.h"

/* "02-guest.tour": the chapter's order, then its name as a file name. */
static char *
tour_file(const struct chapter *ch, size_t order)
{
	struct buf b = { 0 };
	const char *p;
	int dash = 0;

	buf_printf(&b, "%02zu-", order);
	for (p = ch->name; *p; p++) {
		if (isalnum((unsigned char)*p)) {
			if (dash && b.p[b.len - 1] != '-')
				buf_addc(&b, '-');
			buf_addc(&b, (char)tolower((unsigned char)*p));
			dash = 0;
		} else
			dash = 1;
	}
	if (b.p[b.len - 1] == '-')
		buf_adds(&b, ch->prefix);
	buf_adds(&b, ".tour");
	return b.p;
}

static char *
tour_title(const struct chapter *ch, size_t order)
{
	return xasprintf("%zu. %s", order, ch->name);
}

/*W:080 A CodeTour file per chapter, chained in tour order: the first is
 * primary, each names the next by its title.  A step points at its first
 * line of code, where VS Code opens it, or at its comment when it has no
 * code; its description is its prose, which CodeTour renders as Markdown.
 */
static int
codetour_write(const struct tour *t, const struct wopts *o)
{
	struct buf b = { 0 }, prose = { 0 }, title = { 0 };
	const struct chapter *ch;
	const struct step *s;
	size_t i, j;
	char *name, *path, *next;
	int rc = 0;

	for (i = 0; i < o->nchapters && rc == 0; i++) {
		ch = o->chapters[i];
		b.len = 0;
		name = tour_title(ch, i + 1);
		buf_adds(&b, "{\n"
		    "  \"$schema\": \"https://aka.ms/codetour-schema\",\n"
		    "  \"title\": ");
		json_strz(&b, name);
		free(name);
		buf_adds(&b, ",\n  \"description\": ");
		title.len = 0;
		buf_printf(&title, "Chapter %s of %s: %zu step%s.", ch->prefix,
		    t->config.title ? t->config.title : "the tour", ch->nsteps,
		    ch->nsteps == 1 ? "" : "s");
		json_str(&b, title.p, title.len);
		if (i == 0)
			buf_adds(&b, ",\n  \"isPrimary\": true");
		if (i + 1 < o->nchapters) {
			next = tour_title(o->chapters[i + 1], i + 2);
			buf_adds(&b, ",\n  \"nextTour\": ");
			json_strz(&b, next);
			free(next);
		}
		buf_adds(&b, ",\n  \"steps\": [");
		for (j = 0; j < ch->nsteps; j++) {
			s = ch->steps[j];
			step_prose(s, &prose);
			buf_adds(&b, j ? ",\n    {\n" : "\n    {\n");
			buf_adds(&b, "      \"file\": ");
			json_strz(&b, s->file->path);
			buf_printf(&b, ",\n      \"line\": %u,\n"
			    "      \"title\": ",
			    s->code_first != 0 ? s->code_first : s->line);
			title.len = 0;
			buf_printf(&title, "%s %s", s->id, s->title);
			json_str(&b, title.p, title.len);
			/* Its prose as it stands: CodeTour renders Markdown. */
			buf_adds(&b, ",\n      \"description\": ");
			json_str(&b, prose.p, prose.len);
			buf_adds(&b, "\n    }");
		}
		buf_adds(&b, "\n  ]\n}\n");
		name = tour_file(ch, i + 1);
		if (output_put(o->outdir_fd, name, b.p, b.len) == -1)
			rc = -1;
		else if (o->out != NULL) {
			path = path_join(o->outdir, name);
			fprintf(o->out, "%s\n", path);
			free(path);
		}
		free(name);
	}
	buf_free(&b);
	buf_free(&prose);
	buf_free(&title);
	return rc;
}
/*:*/

const struct writer writer_codetour = { "codetour", codetour_write };
