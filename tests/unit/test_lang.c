/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * test_lang.c: the language table, and how a file's language is found:
 * lang_by_path() (extension or whole base name), lang_by_shebang() (the
 * #! line), lang_by_name().
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "lang.h"

static const char *
name_of(const struct lang *l)
{
	return l ? l->name : "(none)";
}

#define PATH_IS(path, want) \
	assert_string_equal(name_of(lang_by_path(path)), want)
#define SHEBANG_IS(text, want) \
	assert_string_equal(name_of(lang_by_shebang(text, strlen(text))), want)

/* Every row is usable: a name, a fence, names to pick it, an opener. */
static void
table_rows_are_complete(void **state)
{
	size_t i;

	(void)state;
	assert_true(lang_count >= 30);
	for (i = 0; i < lang_count; i++) {
		const struct lang *l = &lang_table[i];

		assert_non_null(l->name);
		assert_non_null(l->fence);
		assert_non_null(l->exts);
		assert_true(*l->exts != '\0');
		/* A closer exactly when there is a block opener. */
		assert_int_equal(l->block_open == NULL, l->block_close == NULL);
		assert_true(l->block_open != NULL || l->line[0] != NULL);
		/* A second line opener only after a first one. */
		assert_true(l->line[1] == NULL || l->line[0] != NULL);
		/* No opener or closer may hold the ':' the scanner jumps to. */
		if (l->block_open != NULL) {
			assert_null(strchr(l->block_open, ':'));
			assert_null(strchr(l->block_close, ':'));
		}
		if (l->line[0] != NULL)
			assert_null(strchr(l->line[0], ':'));
		if (l->line[1] != NULL)
			assert_null(strchr(l->line[1], ':'));
		/* Names are unique, for lang_by_name(). */
		assert_ptr_equal(lang_by_name(l->name), l);
	}
}

/* Every extension and base name of the table picks its own row, and only it. */
static void
every_extension_maps_back(void **state)
{
	char path[256], word[64];
	const char *p, *e;
	size_t i, n = 0;

	(void)state;
	for (i = 0; i < lang_count; i++) {
		for (p = lang_table[i].exts; *p; p = e) {
			while (*p == ' ')
				p++;
			for (e = p; *e && *e != ' '; e++)
				continue;
			if (e == p)
				break;
			assert_true((size_t)(e - p) < sizeof(word));
			memcpy(word, p, (size_t)(e - p));
			word[e - p] = '\0';
			if (word[0] == '.')
				snprintf(path, sizeof(path), "some/dir/file%s",
				    word);
			else
				snprintf(path, sizeof(path), "some/dir/%s",
				    word);
			if (lang_by_path(path) != &lang_table[i])
				fail_msg("%s: %s, not %s", path,
				    name_of(lang_by_path(path)),
				    lang_table[i].name);
			n++;
		}
	}
	assert_true(n > lang_count);
}

static void
by_path(void **state)
{
	(void)state;
	PATH_IS("drivers/lguest/core.c", "C");
	PATH_IS("include/linux/lguest.h", "C");
	PATH_IS("lguest.c", "C");
	PATH_IS("arch/x86/lguest/i386_head.S", "Assembly");
	PATH_IS("x.s", "Assembly");
	PATH_IS("boot/loader.asm", "Assembly (NASM)");
	PATH_IS("tools/build.py", "Python");
	PATH_IS("a.tar.gz.sh", "Shell");
	PATH_IS("R/x.R", "R");
	PATH_IS("R/x.r", "R");
	PATH_IS("src/lib.rs", "Rust");
	/* Base names longer than any name of the table. */
	PATH_IS("drivers/lguest/a_really_quite_long_file_name_for_a_test.c",
	    "C");
	PATH_IS("x.a_really_quite_long_extension_for_a_test", "(none)");
	/* Whole base names. */
	PATH_IS("Makefile", "Makefile");
	PATH_IS("drivers/lguest/Makefile", "Makefile");
	PATH_IS("makefile", "Makefile");
	PATH_IS("GNUmakefile", "Makefile");
	PATH_IS("scripts/rules.mk", "Makefile");
	PATH_IS("CMakeLists.txt", "CMake");
	PATH_IS("src/CMakeLists.txt", "CMake");
	PATH_IS("Rakefile", "Ruby");
	/* Unknown. */
	PATH_IS("README", "(none)");
	PATH_IS("notes.txt", "(none)");
	PATH_IS("Documentation/lguest.txt", "(none)");
	PATH_IS("Makefile.am", "(none)");
	PATH_IS("a.tar.gz", "(none)");
	PATH_IS("image.png", "(none)");
	PATH_IS("noext", "(none)");
	PATH_IS("trailing.", "(none)");
	/* Only the base name counts. */
	PATH_IS("dir.c/file", "(none)");
	PATH_IS("Makefile/readme", "(none)");
	PATH_IS("x.py/y.c", "C");
	/* A dot file has no extension. */
	PATH_IS(".bashrc", "(none)");
	PATH_IS("home/.profile", "(none)");
	/* Case matters: .S is assembly, Makefile is not MAKEFILE. */
	PATH_IS("MAKEFILE", "(none)");
	PATH_IS("x.PY", "(none)");
	/* An extension must be a whole word of the list, not a part of one. */
	PATH_IS("x.cp", "(none)");
	PATH_IS("x.hpp", "C++");
	PATH_IS("x.c+", "(none)");
}

static void
by_shebang(void **state)
{
	(void)state;
	SHEBANG_IS("#!/bin/sh\necho hi\n", "Shell");
	SHEBANG_IS("#!/bin/bash", "Shell");
	SHEBANG_IS("#! /bin/dash -e\n", "Shell");
	SHEBANG_IS("#!/usr/bin/env python3\n", "Python");
	SHEBANG_IS("#!/usr/bin/env\tpython3\r\n", "Python");
	SHEBANG_IS("#!/usr/bin/env -S perl -w\n", "Perl");
	SHEBANG_IS("#!/usr/bin/env -S -i node --harmony\n", "JavaScript");
	SHEBANG_IS("#!/usr/bin/python3.11\n", "Python");
	SHEBANG_IS("#!/usr/bin/python2.7", "Python");
	SHEBANG_IS("#!/usr/local/bin/perl5.36.0 -T\n", "Perl");
	SHEBANG_IS("#!/usr/bin/ruby\r\n", "Ruby");
	SHEBANG_IS("#!/usr/bin/make -f\n", "Makefile");
	SHEBANG_IS("#!/usr/bin/awk -f\n", "awk");
	SHEBANG_IS("#!/usr/bin/env Rscript\n", "R");
	SHEBANG_IS("#!lua\n", "Lua");
	/* Not a #! line, or no interpreter quest knows. */
	SHEBANG_IS("", "(none)");
	SHEBANG_IS("#!", "(none)");
	SHEBANG_IS("#!\n", "(none)");
	SHEBANG_IS("# !/bin/sh\n", "(none)");
	SHEBANG_IS(" #!/bin/sh\n", "(none)");
	SHEBANG_IS("\n#!/bin/sh\n", "(none)");
	SHEBANG_IS("#!/usr/bin/env\n", "(none)");
	SHEBANG_IS("#!/usr/bin/env -S\n", "(none)");
	SHEBANG_IS("#!/usr/bin/unknown\n", "(none)");
	SHEBANG_IS("#!/bin/shx\n", "(none)");
	SHEBANG_IS("#!/usr/bin/python3x\n", "(none)");
	SHEBANG_IS("#!/usr/bin/3.11\n", "(none)");
	/* Only the first line is read. */
	SHEBANG_IS("#!/bin/foo\n#!/bin/sh\n", "(none)");
	SHEBANG_IS("#!/bin/sh/\npython3\n", "(none)");
	/* The interpreter is the last component, never a directory. */
	SHEBANG_IS("#!/opt/python3/bin/tool\n", "(none)");
}

/* len bounds what is read: no byte past it counts. */
static void
shebang_reads_only_len(void **state)
{
	static const char text[] = "#!/bin/shell";

	(void)state;
	assert_string_equal(name_of(lang_by_shebang(text, 9)), "Shell");
	assert_string_equal(name_of(lang_by_shebang(text, 12)), "(none)");
	assert_null(lang_by_shebang("#!sh", 2));
	assert_string_equal(name_of(lang_by_shebang("#!/usr/bin/env python3 x",
	    22)), "Python");
	assert_string_equal(name_of(lang_by_shebang("#!/usr/bin/env python3",
	    18)), "(none)");
}

static void
by_name(void **state)
{
	(void)state;
	assert_ptr_equal(lang_by_name("C"), &lang_table[0]);
	assert_string_equal(name_of(lang_by_name("c")), "C");
	assert_string_equal(name_of(lang_by_name("PYTHON")), "Python");
	assert_string_equal(name_of(lang_by_name("C++")), "C++");
	assert_string_equal(name_of(lang_by_name("assembly (nasm)")),
	    "Assembly (NASM)");
	assert_null(lang_by_name("Cobol"));
	assert_null(lang_by_name(""));
	assert_null(lang_by_name("Pytho"));
}

/* The comment syntax the scanner relies on, for the languages lguest uses. */
static void
comment_syntax(void **state)
{
	const struct lang *l;

	(void)state;
	l = lang_by_name("C");
	assert_string_equal(l->block_open, "/*");
	assert_string_equal(l->block_close, "*/");
	assert_string_equal(l->line[0], "//");
	assert_null(l->line[1]);
	l = lang_by_path("Makefile");
	assert_null(l->block_open);
	assert_string_equal(l->line[0], "#");
	l = lang_by_path("x.php");
	assert_string_equal(l->line[0], "//");
	assert_string_equal(l->line[1], "#");
	l = lang_by_path("x.sql");
	assert_string_equal(l->block_open, "/*");
	assert_string_equal(l->line[0], "--");
	l = lang_by_path("x.asm");
	assert_null(l->block_open);
	assert_string_equal(l->line[0], ";");
	l = lang_by_path("x.css");
	assert_string_equal(l->block_open, "/*");
	assert_null(l->line[0]);
}

/*
 * lang_any(): every opener of the table in its rows, each once; and
 * lang_prose(): documents, by extension or name, and no language's file.
 */
static void
any_and_prose(void **state)
{
	const struct lang *any;
	size_t i, k, j, n, seen;
	const char *o;

	(void)state;
	any = lang_any(&n);
	assert_true(n >= 2);
	for (i = 0; i < lang_count; i++)
		for (k = 0; k < 3; k++) {
			o = k == 2 ? lang_table[i].block_open :
			    lang_table[i].line[k];
			if (o == NULL)
				continue;
			for (j = 0, seen = 0; j < n; j++)
				seen += (any[j].block_open &&
				    strcmp(any[j].block_open, o) == 0) +
				    (any[j].line[0] &&
				    strcmp(any[j].line[0], o) == 0) +
				    (any[j].line[1] &&
				    strcmp(any[j].line[1], o) == 0);
			assert_int_equal(seen, 1);
		}
	assert_true(lang_prose("README.md"));
	assert_true(lang_prose("doc/notes.txt"));
	assert_true(lang_prose("man/quest.1"));
	assert_true(lang_prose("a/b/README"));
	assert_false(lang_prose("parser.y"));
	assert_false(lang_prose("Kconfig"));
	assert_false(lang_prose(".md"));
	assert_false(lang_prose("lib/x.inc"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table_rows_are_complete),
		cmocka_unit_test(every_extension_maps_back),
		cmocka_unit_test(by_path),
		cmocka_unit_test(by_shebang),
		cmocka_unit_test(shebang_reads_only_len),
		cmocka_unit_test(by_name),
		cmocka_unit_test(comment_syntax),
		cmocka_unit_test(any_and_prose),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
