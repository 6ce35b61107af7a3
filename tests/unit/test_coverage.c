/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * test_coverage.c: how quest coverage counts lines of code, cov_lines(),
 * language by language; and the definitions highlight_defs() finds.
 * Each case is a text and the mask of its lines: 'c' a line of code,
 * '.' a blank or comment line.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "coverage.h"
#include "highlight.h"

static void
mask_is(const char *lang, const char *text, const char *want)
{
	const struct lang *l = lang_by_name(lang);
	struct buf lines = { 0 };
	char got[256];
	unsigned code = 0, ncode = 0;
	size_t i, n;

	assert_non_null(l);
	n = cov_lines(l, text, strlen(text), &lines, &code);
	assert_true(n < sizeof(got));
	for (i = 0; i < n; i++) {
		got[i] = lines.p[i] ? 'c' : '.';
		ncode += (unsigned)lines.p[i];
	}
	got[n] = '\0';
	assert_string_equal(got, want);
	assert_int_equal(code, ncode);
	buf_free(&lines);
}

static void
c_block_comments(void **state)
{
	(void)state;
	mask_is("C", "/* one line */\nint a;\n", ".c");
	mask_is("C", "/*\n * spanning\n * lines\n */\nint a;\n", "....c");
	/* Code before an opener, or after a closer, makes a code line. */
	mask_is("C", "int a; /* x\n y */ int b;\n z */\n", "ccc");
	mask_is("C", "/* a */ /* b */\n/* a */ x /* b */\n", ".c");
	/* Block comments do not nest. */
	mask_is("C", "/* /* */ x\n", "c");
	/* An unclosed comment runs to the end. */
	mask_is("C", "x\n/* open\nint y;\n", "c..");
}

static void
c_line_comments(void **state)
{
	(void)state;
	mask_is("C", "// only\n  // indented\nx; // after\n", "..c");
	mask_is("C", "\n\t\n   \nx\n", "...c");
	/* No newline at the end: still a line. */
	mask_is("C", "x\n// c", "c.");
	mask_is("C", "x\ny", "cc");
	mask_is("C", "", "");
	mask_is("C", "\r\n", ".");
}

static void
c_strings(void **state)
{
	(void)state;
	/* An opener inside a string opens nothing. */
	mask_is("C", "s = \"/* no\";\nint x;\n", "cc");
	mask_is("C", "s = \"// no\";\n", "c");
	mask_is("C", "s = \"\\\" /* still a string\";\nx;\n", "cc");
	mask_is("C", "c = '\"'; /* x\n */\n", "c.");
	mask_is("C", "c = '/'; // x\n", "c");
	/* A string ends at the end of its line at the latest. */
	mask_is("C", "s = \"open\n/* c */\n", "c.");
}

static void
python_and_shell(void **state)
{
	(void)state;
	mask_is("Python", "#!/usr/bin/env python3\n# c\nx = 1  # t\n", "..c");
	mask_is("Python", "s = \"# no\"\n'#' + x\n", "cc");
	/* A docstring is a string: code. */
	mask_is("Python", "def f():\n    \"\"\"Doc.\"\"\"\n", "cc");
	mask_is("Shell", "#!/bin/sh\n  # x\necho \"# no\"\necho '#'\n",
	    "..cc");
	mask_is("Shell", "echo hi # bye\n\n", "c.");
}

static void
other_languages(void **state)
{
	(void)state;
	mask_is("Lua", "-- c\nx = 1 -- t\n", ".c");
	mask_is("SQL", "-- c\n/* b\n */ select 1;\n", "..c");
	/* In the Lisps ' quotes a symbol, and hides no comment. */
	mask_is("Lisp", "; c\n'x ; t\n;; c\n", ".c.");
	mask_is("CSS", "/* c */\na { }\n// not a comment in CSS\n", ".cc");
	mask_is("PHP", "# c\n// c\n$x = 1;\n", "..c");
}

/* The definitions of a C file, by its tags.scm; a prototype is none. */
static void
c_definitions(void **state)
{
	static const char text[] =
	    "static void greet(void);\n"		/* 1 */
	    "struct point {\n"				/* 2 */
	    "\tint x, y;\n"				/* 3 */
	    "};\n"					/* 4 */
	    "static int\n"				/* 5 */
	    "main(void)\n"				/* 6 */
	    "{\n"					/* 7 */
	    "\treturn 0;\n"				/* 8 */
	    "}\n";					/* 9 */
	struct hl_def *d;
	size_t n;

	(void)state;
	assert_int_equal(highlight_defs(lang_by_name("C"), text,
	    strlen(text), &d, &n), 1);
	assert_int_equal(n, 2);
	assert_int_equal(d[0].line, 2);
	assert_string_equal(d[0].kind, "class");
	assert_memory_equal(text + d[0].name_off, "point", 5);
	assert_int_equal(d[0].first, 2);
	assert_int_equal(d[0].last, 4);
	assert_int_equal(d[1].line, 6);
	assert_string_equal(d[1].kind, "function");
	assert_memory_equal(text + d[1].name_off, "main", 4);
	assert_int_equal(d[1].first, 5);
	assert_int_equal(d[1].last, 9);
	free(d);
}

/* A grammar with no tags.scm falls back on its HL_DEFS: Shell's. */
static void
fallback_definitions(void **state)
{
	static const char text[] = "# x\nf() {\n\techo\n}\n";
	struct hl_def *d;
	size_t n;

	(void)state;
	assert_int_equal(highlight_defs(lang_by_name("Shell"), text,
	    strlen(text), &d, &n), 2);
	assert_int_equal(n, 1);
	assert_int_equal(d[0].line, 2);
	assert_string_equal(d[0].kind, "function");
	assert_int_equal(d[0].last, 4);
	free(d);
	/* No grammar: nothing. */
	assert_int_equal(highlight_defs(lang_by_name("Tcl"), "proc f {} {}\n",
	    13, &d, &n), 0);
	assert_null(d);
}

/* Every tags query that quest compiles in compiles. */
static void
tags_compile(void **state)
{
	size_t i, n;
	struct hl_def *d;

	(void)state;
	for (i = 0; i < lang_count; i++) {
		if (lang_table[i].grammar == NULL ||
		    lang_table[i].grammar->tagslen == 0)
			continue;
		/* 1: the tags query compiled (else the fallback, 2, or 0). */
		assert_int_equal(highlight_defs(&lang_table[i], "x\n", 2, &d,
		    &n), 1);
		free(d);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(c_block_comments),
		cmocka_unit_test(c_line_comments),
		cmocka_unit_test(c_strings),
		cmocka_unit_test(python_and_shell),
		cmocka_unit_test(other_languages),
		cmocka_unit_test(c_definitions),
		cmocka_unit_test(fallback_definitions),
		cmocka_unit_test(tags_compile),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
