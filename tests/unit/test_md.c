/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * test_md.c: prose renders as GitHub renders it.  Each input of
 * tests/markdown/ is rendered by md.c and by cmark-gfm, GitHub's own
 * renderer, with the extensions GitHub turns on, and the two must agree
 * once normalized.  The normalization makes the same only what differs
 * in form: the newlines cmark-gfm writes between tags, its align="left"
 * where md.c writes class="left" (the page's policy allows no inline
 * style, and the stylesheet aligns by class), its class="language-c" on
 * a fenced block, its &#x27; for a quote in an address, and its
 * checkbox for a task where md.c writes the glyph.  What differs by
 * design is not among the inputs: raw HTML is text in quest and dropped
 * by GitHub, an image shows as its alt text, an unsafe link as its text.
 *
 * Known, and left as md4c has it: a table's delimiter row needs three
 * dashes a column ("|--|" is a paragraph), and a pipe in a code span
 * does not end a cell.  And quest decodes the 25 named character
 * references of quest(5), not all of HTML's ("&eacute;" stays as
 * written).  None of these is among the inputs.
 *
 * Skipped when cmark-gfm is not installed (./setup --test installs it);
 * the cases of `\|` in a table's code run all the same.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "html.h"
#include "md.h"
#include "util.h"

#define INPUTS	"tests/markdown"
#define CMARK	"cmark-gfm -e table -e strikethrough -e autolink -e tasklist"

/* md.c's HTML of a text, headings as written. */
static char *
quest_html(const char *text, size_t len)
{
	struct buf b = { 0 };
	struct html h;

	memset(&h, 0, sizeof(h));
	h.b = &b;
	md_render(&h, NULL, text, len, 0);
	buf_cstr(&b);
	return b.p;
}

/* cmark-gfm's HTML of the file path. */
static char *
cmark_html(const char *path)
{
	struct buf cmd = { 0 }, out = { 0 };
	char chunk[4096];
	size_t n;
	FILE *p;

	buf_printf(&cmd, CMARK " '%s'", path);
	p = popen(buf_cstr(&cmd), "r");
	assert_non_null(p);
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		buf_add(&out, chunk, n);
	assert_int_equal(pclose(p), 0);
	buf_free(&cmd);
	buf_cstr(&out);
	return out.p;
}

static int
starts(const char *s, const char *with)
{
	return strncmp(s, with, strlen(with)) == 0;
}

/* The forms that differ and mean the same, made the same. */
static char *
normalize(const char *s)
{
	static const struct {
		const char	*from, *to;
	} same[] = {
		{ " align=\"", " class=\"" },
		{ "<input type=\"checkbox\" disabled=\"\" /> ",
		    "\xE2\x98\x90 " },
		{ "<input type=\"checkbox\" checked=\"\" disabled=\"\" /> ",
		    "\xE2\x98\x91 " },
		{ "&#x27;", "'" },
		{ "&#39;", "'" },
	};
	struct buf b = { 0 };
	size_t i;

	while (*s != '\0') {
		/* A newline between two tags, or before one, is layout. */
		if (*s == '\n' && (s[1] == '<' || s[1] == '\0' ||
		    (b.len > 0 && b.p[b.len - 1] == '>'))) {
			s++;
			continue;
		}
		if (starts(s, " class=\"language-")) {
			s += strlen(" class=\"language-");
			while (*s != '\0' && *s++ != '"')
				continue;
			continue;
		}
		for (i = 0; i < sizeof(same) / sizeof(same[0]); i++)
			if (starts(s, same[i].from))
				break;
		if (i < sizeof(same) / sizeof(same[0])) {
			buf_adds(&b, same[i].to);
			s += strlen(same[i].from);
			continue;
		}
		buf_addc(&b, *s++);
	}
	buf_cstr(&b);
	return b.p;
}

static int
cmark_installed(void)
{
	return system("command -v cmark-gfm >/dev/null 2>&1") == 0;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every input, as md.c and as cmark-gfm render it. */
static void
renders_as_github(void **state)
{
	struct dirent *e;
	char **names = NULL, *q, *g, *nq, *ng, *text;
	size_t n = 0, i, len, bad = 0;
	struct buf path = { 0 };
	DIR *d;
	FILE *f;

	(void)state;
	if (!cmark_installed()) {
		print_message("cmark-gfm is not installed: ./setup --test\n");
		skip();
	}
	d = opendir(INPUTS);
	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		len = strlen(e->d_name);
		if (len > 3 && strcmp(e->d_name + len - 3, ".md") == 0) {
			names = xreallocarray(names, n + 1, sizeof(*names));
			names[n++] = xstrdup(e->d_name);
		}
	}
	closedir(d);
	assert_true(n >= 8);
	qsort(names, n, sizeof(*names), by_name);
	for (i = 0; i < n; i++) {
		path.len = 0;
		buf_printf(&path, INPUTS "/%s", names[i]);
		f = fopen(buf_cstr(&path), "rb");
		assert_non_null(f);
		text = xcalloc(1, 1 << 16);
		len = fread(text, 1, (1 << 16) - 1, f);
		fclose(f);
		q = quest_html(text, len);
		g = cmark_html(path.p);
		nq = normalize(q);
		ng = normalize(g);
		if (strcmp(nq, ng) != 0) {
			print_error("%s: md.c and cmark-gfm differ\n"
			    "md.c:      %s\ncmark-gfm: %s\n", names[i], nq, ng);
			bad++;
		}
		free(text);
		free(q);
		free(g);
		free(nq);
		free(ng);
		free(names[i]);
	}
	free(names);
	buf_free(&path);
	if (bad > 0)
		fail_msg("%zu of %zu inputs render otherwise than on GitHub",
		    bad, n);
}

static void
check_render(int ln, const char *md, const char *want)
{
	char *got = quest_html(md, strlen(md));

	_assert_string_equal(got, want, __FILE__, ln);
	free(got);
}
#define RENDER(md, want) check_render(__LINE__, md, want)

/* In a table's cell, `\|` in code is a pipe; elsewhere code is as typed. */
static void
pipes_in_cells(void **state)
{
	(void)state;
	RENDER("| a |\n|---|\n| `x\\|\\|y` |\n",
	    "<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>"
	    "<code>x||y</code></td></tr></tbody></table>");
	RENDER("| a |\n|---|\n| `\\\\|` |\n",
	    "<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>"
	    "<code>\\|</code></td></tr></tbody></table>");
	RENDER("`x\\|y` and \\|", "<p><code>x\\|y</code> and |</p>");
}

/* An address is percent-encoded as GitHub writes it; a title stays. */
static void
link_addresses(void **state)
{
	(void)state;
	RENDER("[a](</my url> \"t\")",
	    "<p><a href=\"/my%20url\" title=\"t\">a</a></p>");
	RENDER("[a](/caf\xC3\xA9?q=1&r=2#x)",
	    "<p><a href=\"/caf%C3%A9?q=1&amp;r=2#x\">a</a></p>");
	RENDER("[a](/100%25)", "<p><a href=\"/100%25\">a</a></p>");
	RENDER("[a](javascript:x)", "<p><span class=\"unsafe-link\">a</span>"
	    "</p>");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pipes_in_cells),
		cmocka_unit_test(link_addresses),
		cmocka_unit_test(renders_as_github),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
