/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * fmt_md.c: the tour as GitHub-flavoured Markdown, for a README or a wiki.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "refs.h"
#include "remote.h"
#include "writer.h"

/* A fence longer than any run of backticks in the code. */
static size_t
fence_len(const char *s, size_t n)
{
	size_t i, run = 0, max = 0;

	for (i = 0; i < n; i++) {
		run = s[i] == '`' ? run + 1 : 0;
		if (run > max)
			max = run;
	}
	return max < 3 ? 3 : max + 1;
}

static int
is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

/*
 * Text that Markdown must show as it stands, not read: a path, the tour's
 * title, a chapter's name.  A backslash before each character that could
 * open a span, a link, an image, raw HTML, an entity, a heading's closing
 * #s, a table cell, a strikethrough or math; before "_" unless inside a
 * word (a_b.c, which never is emphasis); before the ":" of "://" and the
 * "." of "www.", so that GitHub makes no link of them.  A line break is
 * an entity: the text stays on its line.
 */
static void
md_text(struct buf *b, const char *s)
{
	size_t i, j, n = strlen(s);
	int inert;

	for (i = 0; i < n; i++) {
		if (s[i] == '\n' || s[i] == '\r') {
			buf_printf(b, "&#%d;", s[i]);
		} else if (s[i] == '_') {
			for (j = i; j < n && s[j] == '_'; j++)
				continue;
			inert = i > 0 && is_alnum(s[i - 1]) && j < n &&
			    is_alnum(s[j]);
			for (; i < j; i++)
				buf_adds(b, inert ? "_" : "\\_");
			i--;
		} else if (strchr("\\`*[]<>&#!|~$()", s[i]) != NULL) {
			buf_addc(b, '\\');
			buf_addc(b, s[i]);
		} else if (s[i] == ':' && strncmp(s + i + 1, "//", 2) == 0) {
			buf_adds(b, "\\:");
		} else if ((i == 0 || !is_alnum(s[i - 1])) &&
		    strncasecmp(s + i, "www.", 4) == 0) {
			buf_add(b, s + i, 3);
			buf_adds(b, "\\.");
			i += 3;
		} else
			buf_addc(b, s[i]);
	}
}

/*
 * A link's destination, written bare, (URL): a backslash before each of
 * "()<>\\", which would end it, open its <...> form or escape; "&" as
 * "&amp;", since cmark-gfm decodes entities there before it reads
 * backslashes; a space or a control character, which would end it too,
 * percent-encoded.  srclink() has encoded what the URL itself needs.
 */
static void
md_dest(struct buf *b, const char *url)
{
	const unsigned char *p;

	for (p = (const unsigned char *)url; *p; p++)
		if (*p <= 0x20 || *p == 0x7f)
			buf_printf(b, "%%%02X", *p);
		else if (*p == '&')
			buf_adds(b, "&amp;");
		else if (strchr("()<>\\", *p) != NULL) {
			buf_addc(b, '\\');
			buf_addc(b, (char)*p);
		} else
			buf_addc(b, (char)*p);
}

/* [path:first-last](link), or [path:first](link) for one line. */
static void
src_link(struct buf *b, const struct srclinks *links, const char *path,
    unsigned first, unsigned last)
{
	char *link = srclink(links, path, first, last);

	buf_addc(b, '[');
	md_text(b, path);
	if (last > first)
		buf_printf(b, ":%u-%u](", first, last);
	else
		buf_printf(b, ":%u](", first);
	md_dest(b, link);
	buf_addc(b, ')');
	free(link);
}

/*W:070 The Markdown writer gives each chapter a heading and each step a
 * heading with an anchor of its tag, its prose as it stands (it is
 * Markdown already, with `[G:030]` made a link), a link to its lines, and
 * its code in a fence long enough for whatever backticks the code holds,
 * named by the language so that GitHub highlights it.  What is not
 * Markdown, the title, a chapter's name, a path, is escaped to show as
 * it stands, and a link's address to lead where it says.
 */
static int
md_write(const struct tour *t, const struct wopts *o)
{
	struct buf b = { 0 }, prose = { 0 }, code = { 0 };
	struct srclinks links;
	const struct chapter *ch;
	const struct step *s;
	size_t i, j, k, f;
	int rc = 0;

	srclinks_init(&links, o->link_base);
	links.ranges = 1;	/* GitHub shows a range of a relative
				 * link too */
	buf_adds(&b, "# ");
	md_text(&b, t->config.title ? t->config.title : "A guided tour");
	buf_adds(&b, "\n\n");
	for (i = 0; i < o->nchapters; i++) {
		ch = o->chapters[i];
		buf_adds(&b, "- [");
		md_text(&b, ch->name);
		buf_printf(&b, "](#chapter-%s)\n", ch->prefix);
	}
	for (i = 0; i < o->nchapters; i++) {
		ch = o->chapters[i];
		buf_printf(&b, "\n<a id=\"chapter-%s\"></a>\n\n## ",
		    ch->prefix);
		md_text(&b, ch->name);
		buf_addc(&b, '\n');
		for (j = 0; j < ch->nsteps; j++) {
			s = ch->steps[j];
			buf_printf(&b, "\n<a id=\"%s\"></a>\n\n### %s %s\n\n",
			    s->id, s->id, s->title);
			step_prose(s, &prose);
			refs_linkify(t, prose.p, prose.len, &b);
			if (prose.len > 0)
				buf_adds(&b, "\n\n");
			if (s->code_first != 0) {
				src_link(&b, &links, s->file->path,
				    s->code_first, s->code_last);
				buf_adds(&b, "\n\n");
				step_code_text(s, &code);
				f = fence_len(code.p, code.len);
				for (k = 0; k < f; k++)
					buf_addc(&b, '`');
				buf_printf(&b, "%s\n", s->file->lang->fence);
				buf_add(&b, code.p, code.len);
				buf_addc(&b, '\n');
				for (k = 0; k < f; k++)
					buf_addc(&b, '`');
				buf_addc(&b, '\n');
			} else {
				src_link(&b, &links, s->file->path, s->line,
				    s->line);
				buf_addc(&b, '\n');
			}
		}
		if (fwrite(b.p, 1, b.len, o->out) != b.len)
			rc = -1;
		b.len = 0;
	}
	if (b.len > 0 && fwrite(b.p, 1, b.len, o->out) != b.len)
		rc = -1;
	srclinks_free(&links);
	buf_free(&b);
	buf_free(&prose);
	buf_free(&code);
	return rc;
}
/*:*/

const struct writer writer_md = { "md", md_write };
