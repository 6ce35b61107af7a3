/*
 * fmt_md.c: the tour as GitHub-flavoured Markdown, for a README or a wiki.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "md.h"
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

/*W:070 The Markdown writer gives each chapter a heading and each step a
 * heading with an anchor of its tag, its prose as it stands (it is
 * Markdown already, with `[G:030]` made a link), a link to its lines, and
 * its code in a fence long enough for whatever backticks the code holds,
 * named by the language so that GitHub highlights it.
 */
static int
md_write(const struct tour *t, const struct wopts *o)
{
	struct buf b = { 0 }, prose = { 0 }, code = { 0 }, title = { 0 };
	struct srclinks links;
	const struct chapter *ch;
	const struct step *s;
	unsigned first, last;
	size_t i, j, k, f;
	char *link;
	int rc = 0;

	srclinks_init(&links, o->link_base);
	buf_printf(&b, "# %s\n\n", t->config.title ? t->config.title :
	    "A guided tour");
	for (i = 0; i < o->nchapters; i++) {
		ch = o->chapters[i];
		buf_printf(&b, "- [%s](#chapter-%s)\n", ch->name, ch->prefix);
	}
	for (i = 0; i < o->nchapters; i++) {
		ch = o->chapters[i];
		buf_printf(&b, "\n<a id=\"chapter-%s\"></a>\n\n## %s\n",
		    ch->prefix, ch->name);
		for (j = 0; j < ch->nsteps; j++) {
			s = ch->steps[j];
			step_title(s, &title);
			buf_printf(&b, "\n<a id=\"%s:%s\"></a>\n\n### %s:%s %s\n\n",
			    s->prefix, s->number, s->prefix, s->number,
			    title.len ? title.p : "");
			step_prose(s, &prose);
			md_linkify(t, prose.p, prose.len, &b);
			if (prose.len > 0)
				buf_adds(&b, "\n\n");
			if (step_code(s, &first, &last)) {
				/* GitHub shows a range of a relative link too. */
				link = links.style == LINK_RELATIVE && last > first ?
				    xasprintf("%s#L%u-L%u", s->file->path, first,
				    last) : srclink(&links, s->file->path, first,
				    last);
				if (last > first)
					buf_printf(&b, "[%s:%u-%u](%s)\n\n",
					    s->file->path, first, last, link);
				else
					buf_printf(&b, "[%s:%u](%s)\n\n",
					    s->file->path, first, link);
				free(link);
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
				link = srclink(&links, s->file->path, s->line,
				    s->line);
				buf_printf(&b, "[%s:%u](%s)\n", s->file->path,
				    s->line, link);
				free(link);
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
	buf_free(&title);
	return rc;
}
/*:*/

const struct writer writer_md = { "md", md_write, NULL };
