/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * test_pick.c: what the operands of a command pick (pick.c): chapters by
 * name and prefix, steps, ranges, each chapter once, and the message of
 * every refusal.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "pick.h"
#include "scan.h"

static struct tour T;
static struct marks M;
static struct pick P;
static char *E;

static void
add_file(const char *path, const char *text)
{
	struct qfile *f = &T.files[T.nfiles++];

	f->path = xstrdup(path);
	f->lang = lang_by_name("C");
	f->len = strlen(text);
	f->text = xstrdup(text);
	scan_text(f->text, f->len, f->lang, &M);
	file_build(f, &M);
}

/* Guest (G:010, G:020, G:030, G:0100 in two files) and Host (H:1). */
static int
setup(void **state)
{
	const char *cfg =
	    "[chapter G]\nname = Guest\n[chapter H]\nname = Host\n";

	(void)state;
	memset(&T, 0, sizeof(T));
	memset(&P, 0, sizeof(P));
	E = NULL;
	diags_init(&T.diags);
	T.files = xcalloc(4, sizeof(*T.files));
	assert_int_equal(config_parse(&T.config, ".quest", cfg, strlen(cfg),
	    &T.diags), 0);
	add_file("a.c", "/*G:010 a */\n/*G:030 c */\n/*H:1 h */\n");
	add_file("b.c", "/*G:020 b */\n/*G:0100 d */\n");
	tour_build(&T);
	assert_int_equal(T.nchapters, 2);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	pick_free(&P);
	free(E);
	tour_free(&T);
	free(M.v);
	memset(&M, 0, sizeof(M));
	return 0;
}

static int
pick1(const char *a, int what)
{
	char *argv[2];

	argv[0] = (char *)(uintptr_t)a;
	argv[1] = NULL;
	return pick(&T, 1, argv, what, &P, &E);
}

/* The numbers of the steps of picked chapter i, "010 020". */
static const char *
numbers(size_t i)
{
	static char s[128];
	const struct chapter *ch = P.chapters[i];
	size_t j;

	s[0] = '\0';
	for (j = 0; j < ch->nsteps; j++) {
		if (j > 0)
			strcat(s, " ");
		strcat(s, ch->steps[j]->number);
	}
	return s;
}

static void
none_is_whole(void **state)
{
	(void)state;
	assert_int_equal(pick(&T, 0, NULL, PICK_STEPS, &P, &E), 0);
	assert_null(E);
	assert_int_equal(P.whole, 1);
	assert_int_equal(P.nchapters, 2);
	assert_ptr_equal(P.chapters[0], &T.chapters[0]);
	assert_ptr_equal(P.chapters[1], &T.chapters[1]);
	assert_int_equal(P.nowned, 0);
}

static void
chapters_once_in_order(void **state)
{
	char *argv[] = { "Host", "G", "Guest", "H", NULL };

	(void)state;
	assert_int_equal(pick(&T, 4, argv, PICK_CHAPTERS, &P, &E), 0);
	assert_int_equal(P.whole, 0);
	assert_int_equal(P.nchapters, 2);
	assert_ptr_equal(P.chapters[0], &T.chapters[1]);
	assert_ptr_equal(P.chapters[1], &T.chapters[0]);
}

static void
one_step(void **state)
{
	(void)state;
	assert_int_equal(pick1("G:20", PICK_STEPS), 0);
	assert_int_equal(P.nchapters, 1);
	assert_int_equal(P.nowned, 1);
	assert_string_equal(P.chapters[0]->prefix, "G");
	assert_string_equal(P.chapters[0]->name, "Guest");
	assert_string_equal(numbers(0), "020");
}

static void
ranges(void **state)
{
	(void)state;
	assert_int_equal(pick1("G:020..G:100", PICK_STEPS), 0);
	assert_string_equal(numbers(0), "020 030 0100");
	pick_free(&P);
	assert_int_equal(pick1("G:0..025", PICK_STEPS), 0);
	assert_string_equal(numbers(0), "010 020");
}

static void
no_step_in_range(void **state)
{
	(void)state;
	assert_int_equal(pick1("G:031..099", PICK_STEPS), -1);
	assert_string_equal(E, "chapter Guest (G) has no step G:031..099");
	assert_int_equal(P.nchapters, 0);
	assert_null(P.chapters);
	assert_int_equal(P.nowned, 0);
}

static void
range_across_chapters(void **state)
{
	(void)state;
	assert_int_equal(pick1("G:010..H:1", PICK_STEPS), -1);
	assert_string_equal(E, "G:010..H:1: a range stays in one chapter");
}

static void
unknown_chapter_lists_them(void **state)
{
	(void)state;
	assert_int_equal(pick1("Nope", PICK_STEPS), -1);
	assert_string_equal(E, "no chapter 'Nope'; the chapters are:\n"
	    "  Guest (G)\n  Host (H)");
	free(E);
	E = NULL;
	/* A step of a prefix that has no chapter names the prefix. */
	assert_int_equal(pick1("X:010", PICK_STEPS), -1);
	assert_string_equal(E, "no chapter 'X'; the chapters are:\n"
	    "  Guest (G)\n  Host (H)");
}

static void
not_a_step(void **state)
{
	static const char *bad[] = { "G:", "G:x", "G:010..", "G:010..x",
	    "G:010...020", "g:010", "G:010..G:" };
	size_t i;
	char *want;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(pick1(bad[i], PICK_STEPS), -1);
		want = pick_no_chapter(&T, bad[i]);
		assert_string_equal(E, want);
		free(want);
		free(E);
		E = NULL;
	}
}

static void
chapters_only(void **state)
{
	(void)state;
	assert_int_equal(pick1("G:010", PICK_CHAPTERS), -1);
	assert_string_equal(E, "no chapter 'G:010'; the chapters are:\n"
	    "  Guest (G)\n  Host (H)");
}

static void
no_chapters(void **state)
{
	struct tour empty;
	char *msg;

	(void)state;
	memset(&empty, 0, sizeof(empty));
	msg = pick_no_chapter(&empty, "G");
	assert_string_equal(msg, "no chapter 'G': this tree has no chapters");
	free(msg);
}

int
main(void)
{
#define T_(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T_(none_is_whole),
		T_(chapters_once_in_order),
		T_(one_step),
		T_(ranges),
		T_(no_step_in_range),
		T_(range_across_chapters),
		T_(unknown_chapter_lists_them),
		T_(not_a_step),
		T_(chapters_only),
		T_(no_chapters),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
