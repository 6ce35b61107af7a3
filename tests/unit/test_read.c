/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * test_read.c: qfile_read_text(), the one way from a file's text to its
 * steps (the work tree and git's blobs alike), and its binary test.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "tour.h"

static struct diags D;

static int
setup(void **state)
{
	(void)state;
	diags_init(&D);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	diags_free(&D);
	return 0;
}

/* A file is freed as the tour frees it, once the tour has taken it. */
static void
file_free(struct qfile *f)
{
	struct tour t;

	memset(&t, 0, sizeof(t));
	diags_init(&t.diags);
	tour_adopt(&t, &f, 1);
	tour_free(&t);
}

static struct qfile *
read_c(const char *text, size_t len, char *give)
{
	return qfile_read_text("a.c", lang_by_path("a.c"), text, len, give);
}

/* A tag: a file with its step and its own copy of path and text. */
static void
test_tag(void **state)
{
	static const char text[] = "/*G:010 Hello\n */\nint x;\n";
	struct qfile *f;

	(void)state;
	f = read_c(text, sizeof(text) - 1, NULL);
	assert_non_null(f);
	assert_string_equal(f->path, "a.c");
	assert_int_equal(f->nsteps, 1);
	assert_string_equal(f->steps[0].prefix, "G");
	assert_string_equal(f->steps[0].number, "010");
	assert_non_null(f->text);
	assert_ptr_not_equal(f->text, text);
	assert_int_equal(f->len, sizeof(text) - 1);
	assert_memory_equal(f->text, text, sizeof(text));
	file_free(f);
}

/* Text handed over is taken, not copied. */
static void
test_give(void **state)
{
	char *text = xstrdup("/*G:010 Hello\n */\nint x;\n");
	struct qfile *f;

	(void)state;
	f = read_c(text, strlen(text), text);
	assert_non_null(f);
	assert_ptr_equal(f->text, text);
	file_free(f);
	/* Not kept: freed (the sanitizers see a leak otherwise). */
	text = xstrdup("int x;\n");
	assert_null(read_c(text, strlen(text), text));
}

/* No mark, or end markers alone: nothing to keep. */
static void
test_nothing(void **state)
{
	static const char plain[] = "int x; /* G: not a tag */\n";
	static const char ends[] = "int x;\n/*:*/\n";

	(void)state;
	assert_null(read_c(plain, sizeof(plain) - 1, NULL));
	assert_null(read_c(ends, sizeof(ends) - 1, NULL));
	assert_int_equal(D.n, 0);
}

/* A near-tag is kept for check, without the text: nothing to weave. */
static void
test_near(void **state)
{
	static const char text[] = "/*G:x1 almost\n */\n";
	struct qfile *f;

	(void)state;
	f = read_c(text, sizeof(text) - 1, NULL);
	assert_non_null(f);
	assert_int_equal(f->nsteps, 0);
	assert_int_equal(f->nfacts, 1);
	assert_int_equal(f->facts[0].kind, FACT_NEAR);
	assert_null(f->text);
	file_free(f);
}

/* A NUL in the first 8000 bytes makes a text binary; one after, not. */
static void
test_binary(void **state)
{
	static const char tag[] = "/*G:010 Hello\n */\n";
	size_t len = 9000;
	char *text = xcalloc(len, 1);
	struct qfile *f;

	(void)state;
	memset(text, ' ', len);
	memcpy(text, tag, sizeof(tag) - 1);
	assert_int_equal(text_binary(text, len), 0);
	text[7999] = '\0';
	assert_int_equal(text_binary(text, len), 1);
	assert_null(read_c(text, len, NULL));
	text[7999] = ' ';
	text[8000] = '\0';
	assert_int_equal(text_binary(text, len), 0);
	f = read_c(text, len, NULL);
	assert_non_null(f);
	assert_int_equal(f->nsteps, 1);
	file_free(f);
	/* Shorter than the block: all of it counts. */
	assert_int_equal(text_binary("a\0b", 3), 1);
	assert_int_equal(text_binary("", 0), 0);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_tag, setup, teardown),
		cmocka_unit_test_setup_teardown(test_give, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_near, setup, teardown),
		cmocka_unit_test_setup_teardown(test_binary, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
