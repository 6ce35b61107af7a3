/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * test_context.c: highlight_context(), the definitions an excerpt starts
 * in, for the web book's "in `lguest_init()`": for each grammar quest
 * has, a line inside a function, a struct, a class, an impl or a
 * namespace, nested ones outermost first; nothing for a line at the top,
 * nor for the definition whose head the line is; several lines of one
 * text at once; -1 for a language with no grammar; and every type that a
 * grammar's HL_DEFS names is a node type of that grammar.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tree_sitter/api.h>

#include "highlight.h"
#include "lang.h"
#include "util.h"

/* The offset of line ln (from 1) of text. */
static size_t
line_at(const char *text, unsigned ln)
{
	const char *p = text;

	while (--ln > 0) {
		p = strchr(p, '\n');
		assert_non_null(p);
		p++;
	}
	return (size_t)(p - text);
}

/*
 * The context of line ln of text in language lang is want (its lines
 * joined by " > " here, for reading).
 */
static void
check_context(int at, const char *lang, const char *text, unsigned ln,
    const char *want)
{
	const struct lang *l = lang_by_name(lang);
	struct buf out = { 0 };
	size_t off, i;
	char *got;

	assert_non_null(l);
	off = line_at(text, ln);
	_assert_int_equal(highlight_context(l, text, strlen(text), &off, 1,
	    &out), 0, __FILE__, at);
	got = xcalloc(1, out.len * 3 + 1);
	for (i = 0; i < out.len; i++)
		if (out.p[i] == '\n')
			strcat(got, " > ");
		else
			got[strlen(got)] = out.p[i];
	_assert_string_equal(got, want, __FILE__, at);
	free(got);
	buf_free(&out);
}
#define CONTEXT(lang, text, ln, want) \
	check_context(__LINE__, lang, text, ln, want)

static void
c_and_cpp(void **state)
{
	static const char c[] =
	    "struct lguest {\n"				/* 1 */
	    "\tint x;\n"
	    "};\n"
	    "static void *\n"
	    "lguest_init(void)\n"			/* 5 */
	    "{\n"
	    "\tif (a) {\n"
	    "\t\tb();\n"
	    "\t}\n"
	    "}\n"					/* 10 */
	    "int top;\n";
	static const char cpp[] =
	    "namespace vm {\n"				/* 1 */
	    "class Guest {\n"
	    "public:\n"
	    "\tvoid boot() {\n"
	    "\t\trun();\n"				/* 5 */
	    "\t}\n"
	    "};\n"
	    "void Guest::halt() {\n"
	    "\tstop();\n"
	    "}\n"					/* 10 */
	    "}\n";

	(void)state;
	CONTEXT("c", c, 2, "struct lguest");
	CONTEXT("c", c, 8, "lguest_init()");
	CONTEXT("c", c, 7, "lguest_init()");
	CONTEXT("c", c, 11, "");
	CONTEXT("c", c, 5, "");		/* the head is shown */
	CONTEXT("C++", cpp, 5, "namespace vm > class Guest > boot()");
	CONTEXT("C++", cpp, 9, "namespace vm > Guest::halt()");
	CONTEXT("C++", cpp, 4, "namespace vm > class Guest");
}

static void
go_and_rust(void **state)
{
	static const char go[] =
	    "package vm\n"				/* 1 */
	    "type Guest struct {\n"
	    "\tname string\n"
	    "}\n"
	    "func (g *Guest) Boot() error {\n"		/* 5 */
	    "\treturn nil\n"
	    "}\n"
	    "func main() {\n"
	    "\tgo func() {\n"
	    "\t\tx()\n"					/* 10 */
	    "\t}()\n"
	    "}\n";
	static const char rust[] =
	    "impl fmt::Display for Tag {\n"		/* 1 */
	    "    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {\n"
	    "        write!(f, \"x\")\n"
	    "    }\n"
	    "}\n"					/* 5 */
	    "mod net {\n"
	    "    pub struct Packet {\n"
	    "        len: usize,\n"
	    "    }\n"
	    "    impl Packet {\n"			/* 10 */
	    "        pub fn new() -> Self {\n"
	    "            Packet { len: 0 }\n"
	    "        }\n"
	    "    }\n"
	    "}\n";					/* 15 */

	(void)state;
	CONTEXT("go", go, 3, "type Guest");
	CONTEXT("go", go, 6, "Boot()");
	CONTEXT("go", go, 10, "main()");	/* a literal has no name */
	CONTEXT("rust", rust, 3, "impl fmt::Display for Tag > fmt()");
	CONTEXT("rust", rust, 8, "mod net > struct Packet");
	CONTEXT("rust", rust, 12, "mod net > impl Packet > new()");
}

static void
python_and_shell(void **state)
{
	static const char py[] =
	    "import os\n"				/* 1 */
	    "class Guest:\n"
	    "    def boot(self):\n"
	    "        return 1\n"
	    "\n"					/* 5 */
	    "    def halt(self):\n"
	    "        pass\n";
	static const char sh[] =
	    "#!/bin/sh\n"				/* 1 */
	    "boot() {\n"
	    "\techo hi\n"
	    "}\n"
	    "  top=1\n";				/* 5 */

	(void)state;
	CONTEXT("python", py, 4, "class Guest > boot()");
	CONTEXT("python", py, 6, "class Guest");
	CONTEXT("Shell", sh, 3, "boot()");
	CONTEXT("Shell", sh, 5, "");
}

static void
javascript_and_typescript(void **state)
{
	static const char js[] =
	    "class Guest {\n"				/* 1 */
	    "\tboot() {\n"
	    "\t\treturn 1;\n"
	    "\t}\n"
	    "}\n"					/* 5 */
	    "function outer() {\n"
	    "\tconst f = function inner() {\n"
	    "\t\treturn 2;\n"
	    "\t};\n"
	    "\tconst g = () => {\n"			/* 10 */
	    "\t\treturn 3;\n"
	    "\t};\n"
	    "}\n";
	static const char ts[] =
	    "namespace Vm {\n"				/* 1 */
	    "\tinterface Opts {\n"
	    "\t\tfast: boolean;\n"
	    "\t}\n"
	    "\texport class Guest {\n"			/* 5 */
	    "\t\tboot(): number {\n"
	    "\t\t\treturn 1;\n"
	    "\t\t}\n"
	    "\t}\n"
	    "}\n";					/* 10 */

	(void)state;
	CONTEXT("javascript", js, 3, "class Guest > boot()");
	CONTEXT("javascript", js, 8, "outer() > inner()");
	CONTEXT("javascript", js, 11, "outer()");
	CONTEXT("typescript", ts, 3, "namespace Vm > interface Opts");
	CONTEXT("typescript", ts, 7, "namespace Vm > class Guest > boot()");
}

/* Several lines of one text in one call; a language with no grammar. */
static void
many_and_none(void **state)
{
	static const char c[] =
	    "void a(void)\n{\n\tx();\n}\nvoid b(void)\n{\n\ty();\n}\n";
	size_t at[3];
	struct buf out[3];
	const struct lang *l = lang_by_name("c");
	const struct lang *lisp = lang_by_name("lisp");

	(void)state;
	memset(out, 0, sizeof(out));
	at[0] = line_at(c, 3);
	at[1] = line_at(c, 5);
	at[2] = line_at(c, 7);
	assert_int_equal(highlight_context(l, c, strlen(c), at, 3, out), 0);
	assert_string_equal(buf_cstr(&out[0]), "a()");
	assert_int_equal(out[1].len, 0);
	assert_string_equal(buf_cstr(&out[2]), "b()");
	buf_free(&out[0]);
	buf_free(&out[2]);
	assert_non_null(lisp);
	assert_int_equal(highlight_context(lisp, c, strlen(c), at, 3, out), -1);
	assert_int_equal(out[0].len + out[1].len + out[2].len, 0);
}

/*
 * The definitions a grammar names are node types it has; the grammars of
 * the languages the web book promises a context line for name some.
 */
static void
defs_are_node_types(void **state)
{
	const struct TSLanguage *tl;
	const char *p, *e, *colon;
	char word[64];
	size_t i;

	(void)state;
	for (i = 0; i < hl_ngrammars; i++) {
		assert_non_null(hl_grammars[i]->defs);
		snprintf(word, sizeof(word), " %s ", hl_grammars[i]->name);
		if (strstr(" c cpp go rust python javascript typescript bash "
		    "java c_sharp kotlin ruby php_only scala swift lua ",
		    word) != NULL)
			assert_true(*hl_grammars[i]->defs != '\0');
		tl = hl_grammars[i]->language();
		for (p = hl_grammars[i]->defs; *p != '\0'; p = *e ? e + 1 : e) {
			e = p + strcspn(p, " ");
			colon = memchr(p, ':', (size_t)(e - p));
			assert_non_null(colon);
			assert_true(colon + 1 < e);
			if (ts_language_symbol_for_name(tl, p,
			    (uint32_t)(colon - p), true) == 0)
				fail_msg("%s: no node type %.*s",
				    hl_grammars[i]->name, (int)(colon - p), p);
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(c_and_cpp),
		cmocka_unit_test(go_and_rust),
		cmocka_unit_test(python_and_shell),
		cmocka_unit_test(javascript_and_typescript),
		cmocka_unit_test(many_and_none),
		cmocka_unit_test(defs_are_node_types),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
