/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * test_quote.c: how quest writes a name for people (diag.c's name_quote()
 * and the gcc style of diag_print()): ordinary names, UTF-8 included, as
 * they are; a name with a control character, a backslash, a double quote
 * or bytes that are not UTF-8 in double quotes with C escapes, so that no
 * name forges a line of output or a terminal escape.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "util.h"

static void
check_quote(int ln, const char *name, const char *want)
{
	struct buf b = { 0 };
	char *s;

	name_quote(&b, name);
	_assert_string_equal(buf_cstr(&b), want, __FILE__, ln);
	buf_free(&b);
	s = name_quoted(name);
	_assert_string_equal(s, want, __FILE__, ln);
	free(s);
	_assert_int_equal(name_needs_quote(name), strcmp(name, want) != 0,
	    __FILE__, ln);
}
#define QUOTE(name, want) check_quote(__LINE__, name, want)

static void
ordinary_names(void **state)
{
	(void)state;
	QUOTE("a.c", "a.c");
	QUOTE("drivers/lguest/core.c", "drivers/lguest/core.c");
	QUOTE("with space.c", "with space.c");
	QUOTE("it's.c", "it's.c");
	QUOTE("", "");
	/* UTF-8 is text: as it is, as git's core.quotePath=false. */
	QUOTE("\xc3\xbc.c", "\xc3\xbc.c");			/* ü */
	QUOTE("\xe6\x97\xa5\xe6\x9c\xac.c", "\xe6\x97\xa5\xe6\x9c\xac.c");
	QUOTE("\xf0\x9f\x98\x80.c", "\xf0\x9f\x98\x80.c");	/* U+1F600 */
	QUOTE("\xc2\xa0.c", "\xc2\xa0.c");	/* U+00A0, the first after C1 */
}

static void
control_characters(void **state)
{
	(void)state;
	QUOTE("a\nb.c", "\"a\\nb.c\"");
	QUOTE("\033[31m.c", "\"\\033[31m.c\"");
	QUOTE("tab\there", "\"tab\\there\"");
	QUOTE("cr\r.c", "\"cr\\r.c\"");
	QUOTE("\a\b\v\f", "\"\\a\\b\\v\\f\"");
	QUOTE("\x01.c", "\"\\001.c\"");
	QUOTE("\x1f.c", "\"\\037.c\"");
	QUOTE("del\x7f.c", "\"del\\177.c\"");
	/* A forged diagnostic line stays on its own line. */
	QUOTE("x.c\nevil.c:1:1: error: forged [duplicate-step]",
	    "\"x.c\\nevil.c:1:1: error: forged [duplicate-step]\"");
}

static void
quotes_and_backslashes(void **state)
{
	(void)state;
	QUOTE("a\\b.c", "\"a\\\\b.c\"");
	QUOTE("say \"hi\".c", "\"say \\\"hi\\\".c\"");
	/* Once quoted, every special byte is escaped, not only the first. */
	QUOTE("\"\n\\", "\"\\\"\\n\\\\\"");
}

static void
not_utf8(void **state)
{
	(void)state;
	/* C1 controls in UTF-8: U+009B is CSI, ESC [ to some terminals. */
	QUOTE("\xc2\x9b" "31m.c", "\"\\302\\23331m.c\"");
	QUOTE("\xc2\x80", "\"\\302\\200\"");
	/* Bytes that are no UTF-8: a lone CSI, Latin-1, a cut sequence. */
	QUOTE("\x9b" "31m.c", "\"\\23331m.c\"");
	QUOTE("caf\xe9.c", "\"caf\\351.c\"");
	QUOTE("\xe6\x97", "\"\\346\\227\"");
	/* Overlong and surrogate forms are not UTF-8 either. */
	QUOTE("\xc0\xaf", "\"\\300\\257\"");
	QUOTE("\xed\xa0\x80", "\"\\355\\240\\200\"");
	/* The good sequences around a bad byte stay as they are. */
	QUOTE("\xc3\xbc\xff\xc3\xbc", "\"\xc3\xbc\\377\xc3\xbc\"");
}

static void
single_quotes_for_ordinary(void **state)
{
	char *s;

	(void)state;
	s = name_quoted1("src/a.c");
	assert_string_equal(s, "'src/a.c'");
	free(s);
	s = name_quoted1("a\nb");
	assert_string_equal(s, "\"a\\nb\"");
	free(s);
}

/*
 * diag_print(): the path quoted, the message's control bytes escaped but
 * its newlines and tabs, the lines of stale -v's diff.
 */
static void
gcc_style(void **state)
{
	struct diags d;
	char *out = NULL;
	size_t len = 0;
	FILE *fp;

	(void)state;
	diags_init(&d);
	diag_add(&d, D_NEAR_TAG, "a\nb.c", 3, 1, "'%s' looks like a tag",
	    "G:1\033[2J");
	diag_add(&d, D_UNREADABLE, "\xc3\xbc.c", 0, 0, "cannot open");
	diag_add(&d, D_STALE, "z.c", 1, 0, "diff:\n+\tx\r\033[m");
	fp = open_memstream(&out, &len);
	assert_non_null(fp);
	diags_print(fp, &d, 0, SEV_WARNING);
	fclose(fp);
	assert_string_equal(out,
	    "\"a\\nb.c\":3:1: warning: 'G:1\\033[2J' looks like a tag "
	    "[near-tag]\n"
	    "\xc3\xbc.c: error: cannot open [unreadable]\n"
	    "z.c:1: warning: diff:\n+\tx\\r\\033[m [stale]\n");
	free(out);
	diags_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ordinary_names),
		cmocka_unit_test(control_characters),
		cmocka_unit_test(quotes_and_backslashes),
		cmocka_unit_test(not_utf8),
		cmocka_unit_test(single_quotes_for_ordinary),
		cmocka_unit_test(gcc_style),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
