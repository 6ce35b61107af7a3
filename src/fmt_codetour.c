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
#include "md.h"
#include "output.h"
#include "refs.h"
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

/*
 * A CodeTour step link for each [G:030] that names a step written: [#5]
 * in the same file, [2. Guest#5] in another, each with the tag as its
 * text, [G:030][#5], as CodeTour reads a link reference.  The number is
 * the step's place in its file, from 1, the intro counted in the first.
 */
struct steplinks {
	const struct wopts *o;
	const struct tour *t;
	const struct chapter *ch;	/* the file being written */
	int		 intro;		/* the first file opens with the
					 * intro */
	const char	*text;
	struct buf	*out;
	size_t		 done;
};

static int
step_link(void *arg, const struct ref *r)
{
	struct steplinks *l = arg;
	const struct step *s = ref_step(l->t, l->text, r);
	size_t i, n;
	char *title = NULL;

	if (s == NULL)
		return 0;
	for (i = 0; i < l->o->nchapters && l->o->chapters[i] != s->chapter;
	    i++)
		continue;
	if (i == l->o->nchapters)
		return 0;	/* not written: the reference as it stands */
	n = s->index + 1 + (i == 0 && l->intro);
	if (s->chapter != l->ch) {
		title = tour_title(s->chapter, i + 1);
		if (strpbrk(title, "[]#") != NULL) {	/* no link can say it */
			free(title);
			return 0;
		}
	}
	buf_add(l->out, l->text + l->done, r->off + r->len - l->done);
	buf_printf(l->out, "[%s#%zu]", title ? title : "", n);
	l->done = r->off + r->len;
	free(title);
	return 0;
}

/* text into out, each [G:030] that names a step written a step link. */
static void
step_links(struct steplinks *l, const char *text, size_t len,
    struct buf *out)
{
	out->len = 0;
	l->text = text;
	l->out = out;
	l->done = 0;
	refs_scan(text, len, step_link, l);
	buf_add(out, text + l->done, len - l->done);
}

/* A length in UTF-16 code units, as VS Code counts a line's characters. */
static size_t
utf16_len(const char *p, size_t n)
{
	size_t i, u = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];

		if ((c & 0xC0) != 0x80)
			u += c >= 0xF0 ? 2 : 1;
	}
	return u;
}

/*
 * "selection": the step's code, from its first line's start to the end
 * of what its last line shows, blanks and end marker aside.  Lines and
 * characters count from 1.
 */
static void
selection(struct buf *b, const struct step *s)
{
	struct step_line l;
	size_t e = 0, k;
	int ok, c;

	for (ok = step_line_first(s, &l); ok && l.lineno < s->code_last;
	    ok = step_line_next(s, &l))
		continue;
	if (!ok)
		return;
	for (k = 0; k < l.n; k++) {
		for (c = 0; c < l.ncut; c++)
			if (k >= l.cut[c].off &&
			    k < l.cut[c].off + l.cut[c].len)
				break;
		if (c == l.ncut && strchr(" \t\r", l.p[k]) == NULL)
			e = k + 1;
	}
	buf_printf(b, ",\n      \"selection\": {\n"
	    "        \"start\": { \"line\": %u, \"character\": 1 },\n"
	    "        \"end\": { \"line\": %u, \"character\": %zu }\n"
	    "      }", s->code_first, s->code_last, utf16_len(l.p, e) + 1);
}

/*
 * A step's description: its prose, less a title that is a heading of the
 * first level ("# The title", or underlined with "="), which CodeTour
 * shows already as the step's label, "Step #2 of 9 (G:030 The title)".
 * quest import puts a CodeTour title that way, so that a tour brought in
 * comes back with its descriptions; a title that is a sentence of the
 * prose, or a lesser heading, stays in it.
 */
static void
step_description(const struct step *s, struct buf *out)
{
	size_t i, k;

	step_prose(s, out);
	if (s->title_cut || s->body_off == 0 || s->body_off >= out->len)
		return;
	for (i = s->body_off; i > 0 && strchr(" \t\r\n", out->p[i - 1]) !=
	    NULL; i--)
		continue;
	for (k = 0; k < i && (out->p[k] == ' ' || out->p[k] == '\t'); k++)
		continue;
	if (k + 1 < i && out->p[k] == '#' && (out->p[k + 1] == ' ' ||
	    out->p[k + 1] == '\t')) {
		step_body(s, out);	/* "# The title" */
		return;
	}
	/* "The title" over a line of "=" alone. */
	for (k = i; k > 0 && out->p[k - 1] != '\n'; k--)
		continue;
	while (k < i && (out->p[k] == ' ' || out->p[k] == '\t'))
		k++;
	if (k > 0 && k < i && strspn(out->p + k, "=") == i - k)
		step_body(s, out);
}

/*W:080 A CodeTour file per chapter, chained in tour order: the first is
 * primary, each names the next by its title, and the first opens with
 * the tour's intro, a step of its own.  A step points at its first line
 * of code, where VS Code opens it, and selects its code; a step with no
 * code points at its comment.  Its title is plain text, the tag and the
 * title the book shows; its description is its prose (less the title
 * when that stands alone, step_description()), which CodeTour renders
 * as Markdown beneath the step's label, each
 * `[G:030]` of it and of the intro a step link that VS Code follows.
 */
static int
codetour_write(const struct tour *t, const struct wopts *o)
{
	struct buf b = { 0 }, prose = { 0 }, title = { 0 }, intro = { 0 };
	struct steplinks sl;
	const struct chapter *ch;
	const struct step *s;
	size_t i, j;
	char *name, *path, *next, *why = NULL;
	int rc = 0;

	memset(&sl, 0, sizeof(sl));
	sl.o = o;
	sl.t = t;
	/* Beneath the root, bounded, never blocking; check said why not. */
	sl.intro = t->config.intro != NULL &&
	    config_intro(&t->config, &intro, &why) == INTRO_OK &&
	    intro.len > 0;
	free(why);

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
		sl.ch = ch;
		if (i == 0 && sl.intro) {
			/* A content step: no file, the intro alone. */
			buf_adds(&b, "\n    {\n"
			    "      \"title\": \"Introduction\",\n"
			    "      \"description\": ");
			step_links(&sl, intro.p, intro.len, &prose);
			json_str(&b, prose.p, prose.len);
			buf_adds(&b, "\n    }");
		}
		for (j = 0; j < ch->nsteps; j++) {
			s = ch->steps[j];
			buf_adds(&b, j || (i == 0 && sl.intro) ? ",\n    {\n" :
			    "\n    {\n");
			buf_adds(&b, "      \"file\": ");
			json_strz(&b, s->file->path);
			buf_printf(&b, ",\n      \"line\": %u",
			    s->code_first != 0 ? s->code_first : s->line);
			if (s->code_first != 0)
				selection(&b, s);
			buf_adds(&b, ",\n      \"title\": ");
			title.len = 0;
			buf_printf(&title, "%s ", s->id);
			md_plain(s->title, strlen(s->title), &title);
			json_str(&b, title.p, title.len);
			/* Its prose: CodeTour renders Markdown. */
			step_description(s, &title);
			step_links(&sl, title.p, title.len, &prose);
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
	buf_free(&intro);
	return rc;
}
/*:*/

const struct writer writer_codetour = { "codetour", codetour_write };
