/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * fmt_md.c: the tour as GitHub-flavoured Markdown, for a README or a wiki.
 */
#include <md4c.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "md.h"
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

/*
 * The intro under the tour's title: each of its headings one level down,
 * as the web book shows them, so that the title stays the one first-level
 * heading.  md4c finds the headings, and a pointer into the text for the
 * first and last text of each: a "#" more before an ATX heading, and "="
 * under a setext one becomes "-".
 */
struct shift {
	const char	*doc;
	size_t		 len;
	int		 in;		/* in a heading */
	int		 seen;
	size_t		 first, last;	/* its first text; past its last */
	size_t		*at;		/* where to write a "#" (ATX) or a
					 * "-" (for "=") */
	size_t		 n, cap;
};

static int
shift_enter(MD_BLOCKTYPE type, void *detail, void *arg)
{
	struct shift *sh = arg;

	(void)detail;
	if (type == MD_BLOCK_H)
		sh->in = 1, sh->seen = 0;
	return 0;
}

static void
shift_add(struct shift *sh, size_t at)
{
	if (sh->n == sh->cap) {
		sh->cap = sh->cap ? sh->cap * 2 : 16;
		sh->at = xreallocarray(sh->at, sh->cap, sizeof(*sh->at));
	}
	sh->at[sh->n++] = at;
}

static int
shift_leave(MD_BLOCKTYPE type, void *detail, void *arg)
{
	struct shift *sh = arg;
	size_t i;

	if (type != MD_BLOCK_H || !sh->in)
		return 0;
	sh->in = 0;
	if (!sh->seen || ((MD_BLOCK_H_DETAIL *)detail)->level >= 6)
		return 0;
	for (i = sh->first; i > 0 && sh->doc[i - 1] != '\n'; i--)
		continue;
	while (i < sh->len && sh->doc[i] == ' ')
		i++;
	if (sh->doc[i] == '#') {
		shift_add(sh, i);
		return 0;
	}
	/* A setext heading: its underline is the line after its text. */
	for (i = sh->last; i < sh->len && sh->doc[i] != '\n'; i++)
		continue;
	for (i++; i < sh->len && sh->doc[i] == ' '; i++)
		continue;
	for (; i < sh->len && sh->doc[i] == '='; i++)
		shift_add(sh, i);
	return 0;
}

static int
shift_span(MD_SPANTYPE type, void *detail, void *arg)
{
	(void)type;
	(void)detail;
	(void)arg;
	return 0;
}

static int
shift_text(MD_TEXTTYPE type, const MD_CHAR *p, MD_SIZE n, void *arg)
{
	struct shift *sh = arg;
	uintptr_t a = (uintptr_t)p, d = (uintptr_t)sh->doc;

	(void)type;
	if (!sh->in || a < d || a - d > sh->len || n > sh->len - (a - d))
		return 0;
	if (!sh->seen)
		sh->first = (size_t)(a - d);
	sh->seen = 1;
	sh->last = (size_t)(a - d) + n;
	return 0;
}

static void
intro_shifted(struct buf *b, const char *text, size_t len)
{
	struct shift sh;
	MD_PARSER p;
	size_t i, k = 0;

	memset(&sh, 0, sizeof(sh));
	sh.doc = text;
	sh.len = len;
	memset(&p, 0, sizeof(p));
	p.flags = QUEST_MD_FLAGS;
	p.enter_block = shift_enter;
	p.leave_block = shift_leave;
	p.enter_span = p.leave_span = shift_span;
	p.text = shift_text;
	md_parse(text, (MD_SIZE)len, &p, &sh);
	for (i = 0; i < len; i++) {
		if (k < sh.n && sh.at[k] == i) {
			k++;
			if (text[i] == '=') {
				buf_addc(b, '-');
				continue;
			}
			buf_addc(b, '#');
		}
		buf_addc(b, text[i]);
	}
	free(sh.at);
}

/* A title in a heading: its references linked, a last "#" no closer. */
static void
md_title(struct buf *b, const struct tour *t, const struct step *s)
{
	size_t n = strlen(s->title);

	if (n > 0 && s->title[n - 1] == '#') {
		refs_titled(t, s->title, n - 1, b);
		buf_adds(b, "\\#");
	} else
		refs_titled(t, s->title, n, b);
}

/*W:070 The Markdown writer writes the tour's title and its intro, then
 * gives each chapter a heading and each step a heading with an anchor of
 * its tag and its title, the body of its prose as it stands (it is
 * Markdown already, with `[G:030]` made a link; what the title took is
 * not repeated), a link to its lines, and its code in a fence long enough
 * for whatever backticks the code holds, named by the language so that
 * GitHub highlights it.  What is not Markdown, the tour's title, a
 * chapter's name, a path, is escaped to show as it stands, and a link's
 * address to lead where it says.
 */
static int
md_write(const struct tour *t, const struct wopts *o)
{
	struct buf b = { 0 }, prose = { 0 }, code = { 0 };
	struct srclinks links;
	const struct chapter *ch;
	const struct step *s;
	size_t i, j, k, f;
	char *why = NULL;
	int rc = 0;

	srclinks_init(&links, o->link_base);
	links.ranges = 1;	/* GitHub shows a range of a relative
				 * link too */
	buf_adds(&b, "# ");
	md_text(&b, t->config.title ? t->config.title : "A guided tour");
	buf_adds(&b, "\n\n");
	/* Beneath the root, bounded, never blocking; check said why not. */
	if (t->config.intro != NULL &&
	    config_intro(&t->config, &prose, &why) == INTRO_OK &&
	    prose.len > 0) {
		refs_linkify(t, prose.p, prose.len, &code);
		intro_shifted(&b, code.p, code.len);
		while (b.len > 0 && b.p[b.len - 1] == '\n')
			b.len--;
		/* A heading apart, so that no list of the intro goes on. */
		buf_adds(&b, "\n\n## Contents\n\n");
	}
	free(why);
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
			buf_printf(&b, "\n<a id=\"%s\"></a>\n\n### %s ",
			    s->id, s->id);
			md_title(&b, t, s);
			buf_adds(&b, "\n\n");
			step_body(s, &prose);
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
