/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * test_match.c: step identity (match.c), two tours built from text and
 * paired as quest(1) says in "Step identity through history": the six
 * rounds, references' numbers masked, the same number winning a tie, the
 * threshold, the windows of a large chapter that changed all through or
 * by a block of steps, and many steps of one key paired in time.  Every
 * pair is looked at from both sides.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "history.h"
#include "scan.h"

static struct tour Old, New;
static struct match_cache Co, Cn;
static struct match M;
static int paired_up;

static int
setup(void **state)
{
	(void)state;
	memset(&Old, 0, sizeof(Old));
	memset(&New, 0, sizeof(New));
	memset(&Co, 0, sizeof(Co));
	memset(&Cn, 0, sizeof(Cn));
	memset(&M, 0, sizeof(M));
	paired_up = 0;
	return 0;
}

static void
unpair(void)
{
	if (!paired_up)
		return;
	match_free(&M);
	match_cache_free(&Co);
	match_cache_free(&Cn);
	tour_free(&Old);
	tour_free(&New);
	paired_up = 0;
}

static int
teardown(void **state)
{
	(void)state;
	unpair();
	return 0;
}

/*
 * A tour of C files, as history.c makes one: files is path, text, path,
 * text..., NULL; cfg, a .quest, or NULL.
 */
static void
tour_of(struct tour *t, const char *cfg, const char *const *files)
{
	struct qfile **found;
	size_t n = 0, i;

	memset(t, 0, sizeof(*t));
	diags_init(&t->diags);
	if (cfg != NULL)
		assert_int_equal(config_parse(&t->config, ".quest", cfg,
		    strlen(cfg), &t->diags), 0);
	for (i = 0; files[i] != NULL; i += 2)
		n++;
	found = xcalloc(n + 1, sizeof(*found));
	for (i = 0; i < n; i++) {
		found[i] = qfile_read_text(files[2 * i], lang_by_name("C"),
		    files[2 * i + 1], strlen(files[2 * i + 1]), NULL);
		assert_non_null(found[i]);
	}
	tour_adopt(t, found, n);
	free(found);
	tour_build(t);
}

/* The two tours, their caches and their match, anew. */
static void
pairup_cfg(const char *ocfg, const char *const *old, const char *ncfg,
    const char *const *new)
{
	unpair();
	tour_of(&Old, ocfg, old);
	tour_of(&New, ncfg, new);
	match_cache_init(&Co, &Old);
	match_cache_init(&Cn, &New);
	match_init(&M, &Co, &Cn);
	paired_up = 1;
}

static void
pairup(const char *const *old, const char *const *new)
{
	pairup_cfg(NULL, old, NULL, new);
}

#define FILES(...)	((const char *const []){ __VA_ARGS__, NULL })
#define NOFILES		((const char *const []){ NULL })

/* The step of id "G:030" (the first of that number), which must be. */
static struct step *
step_at(int ln, const struct tour *t, const char *id)
{
	const char *colon = strchr(id, ':');
	struct step *s;
	char prefix[16];

	_assert_true(colon != NULL && (size_t)(colon - id) < sizeof(prefix),
	    "an id", __FILE__, ln);
	memcpy(prefix, id, (size_t)(colon - id));
	prefix[colon - id] = '\0';
	s = tour_step(t, prefix, colon + 1, strlen(colon + 1));
	_assert_true(s != NULL, id, __FILE__, ln);
	return s;
}

/* The step of a file's line, for steps of one number. */
static struct step *
step_in(int ln, const struct tour *t, const char *path, unsigned line)
{
	size_t i, j;

	for (i = 0; i < t->nfiles; i++)
		for (j = 0; j < t->files[i].nsteps; j++)
			if (strcmp(t->files[i].path, path) == 0 &&
			    t->files[i].steps[j].line == line)
				return &t->files[i].steps[j];
	_assert_true(0, path, __FILE__, ln);
	return NULL;
}

#define OLD(id)		step_at(__LINE__, &Old, id)
#define NEW(id)		step_at(__LINE__, &New, id)
#define OLD_IN(p, l)	step_in(__LINE__, &Old, p, l)
#define NEW_IN(p, l)	step_in(__LINE__, &New, p, l)

#define EQ(a, b) _assert_int_equal(cast_to_largest_integral_type(a), \
	cast_to_largest_integral_type(b), __FILE__, ln)
#define PEQ(a, b) _assert_int_equal(cast_ptr_to_largest_integral_type(a), \
	cast_ptr_to_largest_integral_type(b), __FILE__, ln)

/*
 * Old step o's partner is n (NULL: none), paired so, seen from both sides:
 * match_new(o) names n, and match_old(n) names o the same way.  Returns
 * the score.
 */
static unsigned
check_pair(int ln, const struct step *o, const struct step *n,
    enum match_how how)
{
	const struct step_match *a, *b;

	a = match_new(&M, o);
	PEQ(a->other, n);
	EQ(a->how, n != NULL ? how : MATCH_NONE);
	if (n == NULL) {
		EQ(a->score, 0);
		return 0;
	}
	b = match_old(&M, n);
	PEQ(b->other, o);
	EQ(b->how, a->how);
	EQ(b->score, a->score);
	if (how == MATCH_SIMILAR || how == MATCH_SIMILAR_CODE) {
		EQ(a->score >= MATCH_THRESHOLD, 1);
		EQ(a->score < 100, 1);
	} else
		EQ(a->score, how == MATCH_NUMBER ? 0 : 100);
	return a->score;
}
#define PAIR(o, n, how)	check_pair(__LINE__, o, n, how)

/* A new step that no old one became. */
static void
check_added(int ln, const struct step *n)
{
	const struct step_match *b = match_old(&M, n);

	PEQ(b->other, NULL);
	EQ(b->how, MATCH_NONE);
	EQ(b->score, 0);
}
#define ADDED(n)	check_added(__LINE__, n)
#define REMOVED(o)	check_pair(__LINE__, o, NULL, MATCH_NONE)

/*
 * Every pair of both tours, from both sides: each old step's partner names
 * it back, each new one's too, and as many pairs each way.  Returns them.
 */
static size_t
check_agree(int ln)
{
	const struct step_match *a, *b;
	const struct chapter *ch;
	size_t i, j, from_old = 0, from_new = 0;

	for (i = 0; i < Old.nchapters; i++) {
		ch = &Old.chapters[i];
		for (j = 0; j < ch->nsteps; j++) {
			a = match_new(&M, ch->steps[j]);
			if (a->other == NULL)
				continue;
			from_old++;
			b = match_old(&M, a->other);
			PEQ(b->other, ch->steps[j]);
			EQ(b->how, a->how);
			EQ(strcmp(a->other->prefix, ch->prefix), 0);
		}
	}
	for (i = 0; i < New.nchapters; i++) {
		ch = &New.chapters[i];
		for (j = 0; j < ch->nsteps; j++) {
			b = match_old(&M, ch->steps[j]);
			if (b->other == NULL)
				continue;
			from_new++;
			a = match_new(&M, b->other);
			PEQ(a->other, ch->steps[j]);
			EQ(a->how, b->how);
		}
	}
	EQ(from_old, from_new);
	return from_old;
}
#define AGREE()		check_agree(__LINE__)

/* Renumbered, every number shifted onto another's: the same steps. */
static void
renumber(void **state)
{
	(void)state;
	pairup(FILES("a.c",
	    "/*G:010 Open the file and read its header. */\n"
	    "int open_file(void);\n"
	    "\n"
	    "/*G:020 Parse each record into a struct. */\n"
	    "int parse(void);\n"
	    "\n"
	    "/*G:030 Close the file. */\n"
	    "int close_file(void);\n"),
	    FILES("a.c",
	    "/*G:020 Open the file and read its header. */\n"
	    "int open_file(void);\n"
	    "\n"
	    "/*G:030 Parse each record into a struct. */\n"
	    "int parse(void);\n"
	    "\n"
	    "/*G:040 Close the file. */\n"
	    "int close_file(void);\n"));
	PAIR(OLD("G:010"), NEW("G:020"), MATCH_SAME);
	PAIR(OLD("G:020"), NEW("G:030"), MATCH_SAME);
	PAIR(OLD("G:030"), NEW("G:040"), MATCH_SAME);
	assert_int_equal(AGREE(), 3);
}

/* A renumber rewrote the references too: the same prose. */
static void
renumbered_references(void **state)
{
	(void)state;
	pairup(FILES(
	    "a.c",
	    "/*G:010 Read the input; [G:020] checks it. */\n"
	    "int read_input(void);\n"
	    "\n"
	    "/*G:020 Check the input, as [H:010] asks. */\n"
	    "int check_input(void);\n",
	    "b.c",
	    "/*H:010 The host asks for checked input. */\n"
	    "int host(void);\n"),
	    FILES(
	    "a.c",
	    "/*G:100 Read the input; [G:200] checks it. */\n"
	    "int read_input(void);\n"
	    "\n"
	    "/*G:200 Check the input, as [H:050] asks. */\n"
	    "int check_input(void);\n",
	    "b.c",
	    "/*H:050 The host asks for checked input. */\n"
	    "int host(void);\n"));
	PAIR(OLD("G:010"), NEW("G:100"), MATCH_SAME);
	PAIR(OLD("G:020"), NEW("G:200"), MATCH_SAME);
	PAIR(OLD("H:010"), NEW("H:050"), MATCH_SAME);
	assert_true(match_prose_same(&M, OLD("G:010"), NEW("G:100")));
	/* Across chapters, H asked for first by the reference. */
	assert_true(match_prose_same(&M, OLD("G:020"), NEW("G:200")));
	assert_int_equal(AGREE(), 3);
}

/*
 * A reference pointed at another step is a change of prose, though the
 * prose with its numbers masked is the same and the steps pair.
 */
static void
reference_to_another_step(void **state)
{
	(void)state;
	pairup(FILES("a.c",
	    "/*G:010 Read the input; [G:020] checks it. */\n"
	    "int read_input(void);\n"
	    "\n"
	    "/*G:020 Check the input. */\n"
	    "int check_input(void);\n"),
	    FILES("a.c",
	    "/*G:010 Read the input; [G:030] checks it. */\n"
	    "int read_input(void);\n"
	    "\n"
	    "/*G:020 Check the input. */\n"
	    "int check_input(void);\n"
	    "\n"
	    "/*G:030 Log the input. */\n"
	    "int log_input(void);\n"));
	PAIR(OLD("G:010"), NEW("G:010"), MATCH_SAME);
	PAIR(OLD("G:020"), NEW("G:020"), MATCH_SAME);
	ADDED(NEW("G:030"));
	assert_false(match_prose_same(&M, OLD("G:010"), NEW("G:010")));
	assert_true(match_prose_same(&M, OLD("G:020"), NEW("G:020")));
	assert_int_equal(AGREE(), 2);
}

/* A reference to no step must be written the same on both sides. */
static void
reference_to_no_step(void **state)
{
	(void)state;
	pairup(FILES("a.c",
	    "/*G:010 As [G:099] will say. */\n"
	    "int a;\n"
	    "\n"
	    "/*G:020 As [G:099] will say. */\n"
	    "int b;\n"
	    "\n"
	    "/*G:030 As [G:099] will say. */\n"
	    "int c;\n"),
	    FILES("a.c",
	    "/*G:010 As [G:099] will say. */\n"
	    "int a;\n"
	    "\n"
	    "/*G:020 As [G:098] will say. */\n"
	    "int b;\n"
	    "\n"
	    "/*G:030 As [G:99] will say. */\n"
	    "int c;\n"));
	PAIR(OLD("G:010"), NEW("G:010"), MATCH_SAME);
	PAIR(OLD("G:020"), NEW("G:020"), MATCH_SAME);
	PAIR(OLD("G:030"), NEW("G:030"), MATCH_SAME);
	assert_true(match_prose_same(&M, OLD("G:010"), NEW("G:010")));
	assert_false(match_prose_same(&M, OLD("G:020"), NEW("G:020")));
	assert_false(match_prose_same(&M, OLD("G:030"), NEW("G:030")));
}

/*
 * A step rewritten a little under a new number, and a new step under its
 * old number: the alike one is the step, the other is new.  Then a step
 * whose prose was rewritten and whose code changed a little: its code.
 */
static void
similar(void **state)
{
	unsigned score;

	(void)state;
	pairup(FILES("a.c",
	    "/*G:010 Read the configuration file from the user's home\n"
	    " * directory and parse its sections one by one. */\n"
	    "int read_config(const char *home)\n"
	    "{\n"
	    "\tchar *path = join(home, \".rc\");\n"
	    "\treturn parse_sections(path);\n"
	    "}\n"
	    "\n"
	    "/*G:030 Free everything. */\n"
	    "void cleanup(struct state *st)\n"
	    "{\n"
	    "\tfree(st->sections);\n"
	    "\tfree(st->path);\n"
	    "\tfree(st);\n"
	    "}\n"),
	    FILES("a.c",
	    "/*G:010 Print the version banner. */\n"
	    "void banner(void)\n"
	    "{\n"
	    "\tputs(VERSION);\n"
	    "}\n"
	    "\n"
	    "/*G:020 Read the configuration file from the user's config\n"
	    " * directory and parse its sections one by one. */\n"
	    "int read_config(const char *dir)\n"
	    "{\n"
	    "\tchar *path = join(dir, \".rc\");\n"
	    "\treturn parse_sections(path);\n"
	    "}\n"
	    "\n"
	    "/*G:040 Release the memory that the parser held, once. */\n"
	    "void cleanup(struct state *st)\n"
	    "{\n"
	    "\tfree(st->sections);\n"
	    "\tfree(st->file);\n"
	    "\tfree(st);\n"
	    "}\n"));
	score = PAIR(OLD("G:010"), NEW("G:020"), MATCH_SIMILAR);
	assert_true(score > 80);
	PAIR(OLD("G:030"), NEW("G:040"), MATCH_SIMILAR_CODE);
	ADDED(NEW("G:010"));
	assert_int_equal(AGREE(), 2);
}

/* A word of n letters c, into w (of at least n + 1 bytes). */
static const char *
word(char *w, char c, size_t n)
{
	memset(w, c, n);
	w[n] = '\0';
	return w;
}

/* A file of one step, G:number, of prose p and code c (each may be ""). */
static char *
one_step(const char *number, const char *p, const char *c)
{
	return xasprintf("/*G:%s %s */\n%s\n", number, p, c);
}

/*
 * The threshold, 50%: two words of 49 letters (each weighs 50) of which
 * one is shared are half alike, and pair; of 48 and 50 letters, 49% alike,
 * they do not, but for the same number.  The same for code.
 */
static void
threshold(void **state)
{
	char a[64], b[64], c[64], p[160], q[160];
	char *o1, *o2, *o3, *o4, *n1, *n2, *n3, *n4;

	(void)state;
	/* Prose, 50%, with no code; and code, 50%, with no prose. */
	snprintf(p, sizeof(p), "%s %s", word(a, 'a', 49), word(b, 'b', 49));
	snprintf(q, sizeof(q), "%s %s", a, word(c, 'c', 49));
	o1 = one_step("010", p, "");
	n1 = one_step("020", q, "");
	o2 = one_step("010", "", p);
	n2 = one_step("020", "", q);
	/* Prose, 49%, and code, 49%. */
	snprintf(p, sizeof(p), "%s %s", word(a, 'a', 48), word(b, 'b', 50));
	snprintf(q, sizeof(q), "%s %s", a, word(c, 'c', 50));
	o3 = one_step("010", p, "");
	n3 = one_step("020", q, "");
	o4 = one_step("010", "", p);
	n4 = one_step("020", "", q);

	pairup(FILES("a.c", o1, "b.c", o2), FILES("a.c", n1, "b.c", n2));
	assert_int_equal(PAIR(OLD_IN("a.c", 1), NEW_IN("a.c", 1),
	    MATCH_SIMILAR), 50);
	assert_int_equal(PAIR(OLD_IN("b.c", 1), NEW_IN("b.c", 1),
	    MATCH_SIMILAR_CODE), 50);

	pairup(FILES("a.c", o3, "b.c", o4), FILES("a.c", n3, "b.c", n4));
	REMOVED(OLD_IN("a.c", 1));
	REMOVED(OLD_IN("b.c", 1));
	ADDED(NEW_IN("a.c", 1));
	ADDED(NEW_IN("b.c", 1));

	/* 49% alike, the same number: paired by it alone. */
	free(n3);
	free(n4);
	n3 = one_step("010", q, "");
	n4 = one_step("010", "", q);
	pairup(FILES("a.c", o3), FILES("a.c", n3));
	PAIR(OLD("G:010"), NEW("G:010"), MATCH_NUMBER);
	pairup(FILES("b.c", o4), FILES("b.c", n4));
	PAIR(OLD("G:010"), NEW("G:010"), MATCH_NUMBER);
	free(o1);
	free(o2);
	free(o3);
	free(o4);
	free(n1);
	free(n2);
	free(n3);
	free(n4);
}

/* Two steps of one number in the old tour: each finds its own. */
static void
duplicates(void **state)
{
	static const char alpha[] =
	    "/*G:010 Alpha explains the alpha. */\nint alpha;\n";
	static const char beta[] =
	    "/*G:010 Beta explains the beta. */\nint beta;\n";

	(void)state;
	pairup(FILES("a.c", alpha, "b.c", beta),
	    FILES("a.c", alpha, "b.c",
	    "/*G:020 Beta explains the beta. */\nint beta;\n"));
	PAIR(OLD_IN("a.c", 1), NEW("G:010"), MATCH_SAME);
	PAIR(OLD_IN("b.c", 1), NEW("G:020"), MATCH_SAME);
	assert_int_equal(AGREE(), 2);

	/* The other way: two of one number in the new tour. */
	pairup(FILES("a.c",
	    "/*G:010 Alpha explains the alpha. */\nint alpha;\n\n"
	    "/*G:020 Beta explains the beta. */\nint beta;\n"),
	    FILES("b.c", beta, "a.c", alpha));
	PAIR(OLD("G:010"), NEW_IN("a.c", 1), MATCH_SAME);
	PAIR(OLD("G:020"), NEW_IN("b.c", 1), MATCH_SAME);

	/* Twins on both sides: each in its file, in tour order. */
	pairup(FILES("a.c", alpha, "b.c", alpha),
	    FILES("a.c", alpha, "b.c", alpha));
	PAIR(OLD_IN("a.c", 1), NEW_IN("a.c", 1), MATCH_SAME);
	PAIR(OLD_IN("b.c", 1), NEW_IN("b.c", 1), MATCH_SAME);

	/* Twins of one number, each changed a little. */
	pairup(FILES("a.c", alpha, "b.c", beta),
	    FILES("a.c",
	    "/*G:010 Alpha explains the alpha. */\nint alpha2;\n",
	    "b.c",
	    "/*G:010 Beta explains the beta. */\nint beta2;\n"));
	PAIR(OLD_IN("a.c", 1), NEW_IN("a.c", 1), MATCH_PROSE);
	PAIR(OLD_IN("b.c", 1), NEW_IN("b.c", 1), MATCH_PROSE);
	assert_int_equal(AGREE(), 2);
}

/*
 * No prose, or no code: blank text is no likeness, and rounds 2 and 3
 * never pair on it.
 */
static void
blank_text(void **state)
{
	(void)state;
	pairup(FILES("a.c",
	    "/*G:010 */\n"
	    "int counter = 1;\n"
	    "\n"
	    "/*G:020 Alpha explains the alpha. */\n"
	    "\n"
	    "\n"
	    "/*G:030\n"
	    " */\n"
	    "\t\n"),
	    FILES("a.c",
	    "/*G:040 */\n"
	    "return strlen(name);\n"
	    "\n"
	    "/*G:050 Something else entirely, here. */\n"
	    "\n"
	    "/*G:060 */\n"));
	REMOVED(OLD("G:010"));
	REMOVED(OLD("G:020"));
	ADDED(NEW("G:040"));
	ADDED(NEW("G:050"));
	/* Nothing at all on either side is the same nothing. */
	PAIR(OLD("G:030"), NEW("G:060"), MATCH_SAME);
	assert_int_equal(AGREE(), 1);

	/* What is not blank still pairs: no prose and the same code. */
	pairup(FILES("a.c", "/*G:010 */\nint counter = 1;\n"),
	    FILES("a.c", "/*G:020 Now explained. */\nint counter = 1;\n"));
	PAIR(OLD("G:010"), NEW("G:020"), MATCH_CODE);
	pairup(FILES("a.c", "/*G:010 Explained. */\n"),
	    FILES("a.c", "/*G:020 Explained. */\nint counter = 1;\n"));
	PAIR(OLD("G:010"), NEW("G:020"), MATCH_PROSE);
}

/* The file does not count: moved, and moved and renumbered. */
static void
moved(void **state)
{
	(void)state;
	pairup(FILES("a.c",
	    "/*G:010 Start here. */\nint start(void);\n\n"
	    "/*G:020 The helper does the work. */\nint helper(void);\n\n"
	    "/*G:030 The end. */\nint end(void);\n"),
	    FILES("a.c",
	    "/*G:010 Start here. */\nint start(void);\n",
	    "b.c",
	    "/*G:020 The helper does the work. */\nint helper(void);\n",
	    "c.c",
	    "int other;\n\n"
	    "/*G:040 The end. */\nint end(void);\n"));
	PAIR(OLD("G:010"), NEW("G:010"), MATCH_SAME);
	PAIR(OLD("G:020"), NEW("G:020"), MATCH_SAME);
	PAIR(OLD("G:030"), NEW("G:040"), MATCH_SAME);
	assert_string_equal(NEW("G:040")->file->path, "c.c");
	assert_int_equal(AGREE(), 3);
}

/* A chapter on one side only, or none at all: nothing pairs. */
static void
one_sided(void **state)
{
	static const char g[] = "/*G:010 Start here. */\nint start(void);\n";
	static const char h[] =
	    "/*H:010 The host. */\nint host(void);\n\n"
	    "/*H:020 The host again. */\nint host2(void);\n";

	(void)state;
	pairup(FILES("a.c", g, "b.c", h),
	    FILES("a.c", g, "b.c", "/*K:010 The host. */\nint host(void);\n"));
	PAIR(OLD("G:010"), NEW("G:010"), MATCH_SAME);
	REMOVED(OLD("H:010"));
	REMOVED(OLD("H:020"));
	ADDED(NEW("K:010"));
	assert_int_equal(AGREE(), 1);

	/* The chapter declared, and empty, on the new side. */
	pairup_cfg(NULL, FILES("a.c", g, "b.c", h),
	    "[chapter H]\nname = Host\n", FILES("a.c", g));
	assert_int_equal(New.nchapters, 2);
	assert_int_equal(tour_prefix(&New, "H", 1)->nsteps, 0);
	REMOVED(OLD("H:010"));
	REMOVED(OLD("H:020"));
	assert_int_equal(AGREE(), 1);
	/* And on the old side. */
	pairup_cfg("[chapter H]\nname = Host\n", FILES("a.c", g), NULL,
	    FILES("a.c", g, "b.c", h));
	ADDED(NEW("H:010"));
	ADDED(NEW("H:020"));
	assert_int_equal(AGREE(), 1);

	/* A tour of no chapter, on either side, or both. */
	pairup(NOFILES, FILES("a.c", g, "b.c", h));
	assert_int_equal(Old.nchapters, 0);
	ADDED(NEW("G:010"));
	ADDED(NEW("H:020"));
	assert_int_equal(AGREE(), 0);
	pairup(FILES("a.c", g, "b.c", h), NOFILES);
	REMOVED(OLD("G:010"));
	REMOVED(OLD("H:010"));
	assert_int_equal(AGREE(), 0);
	pairup(NOFILES, NOFILES);
	assert_int_equal(AGREE(), 0);
}

/*
 * Of two candidates alike, the one of the same number wins, else the
 * first in tour order; in every round.
 */
static void
ties(void **state)
{
	static const char x[] = "/*G:%s Twin prose. */\nint twin;\n";
	char *a, *b, *c;

	(void)state;
	a = xasprintf(x, "010");
	b = xasprintf(x, "020");
	c = xasprintf(x, "030");

	pairup(FILES("a.c", b), FILES("a.c", a, "b.c", b));
	PAIR(OLD("G:020"), NEW("G:020"), MATCH_SAME);
	ADDED(NEW("G:010"));

	pairup(FILES("a.c", c), FILES("a.c", a, "b.c", b));
	PAIR(OLD("G:030"), NEW("G:010"), MATCH_SAME);
	ADDED(NEW("G:020"));

	/*
	 * The same number wins over an old step earlier in tour order that
	 * has none: G:020 stayed, G:010 became G:030.
	 */
	pairup(FILES("a.c", a, "b.c", b), FILES("a.c", b, "b.c", c));
	PAIR(OLD("G:020"), NEW("G:020"), MATCH_SAME);
	PAIR(OLD("G:010"), NEW("G:030"), MATCH_SAME);
	free(a);
	free(b);
	free(c);

	/* The same prose, the code changed: rounds 2 and 3 the same way. */
	pairup(FILES("a.c", "/*G:020 Twin prose. */\nint twin;\n"),
	    FILES("a.c", "/*G:010 Twin prose. */\nint one;\n\n"
	    "/*G:020 Twin prose. */\nint two;\n"));
	PAIR(OLD("G:020"), NEW("G:020"), MATCH_PROSE);
	pairup(FILES("a.c", "/*G:020 Twin prose. */\nint twin;\n"),
	    FILES("a.c", "/*G:010 One. */\nint twin;\n\n"
	    "/*G:020 Two. */\nint twin;\n"));
	PAIR(OLD("G:020"), NEW("G:020"), MATCH_CODE);

	/* Alike prose, as alike. */
	pairup(FILES("a.c", "/*G:020 Twin prose of many words. */\n"),
	    FILES("a.c", "/*G:010 Twin prose of many more words. */\n\n"
	    "/*G:020 Twin prose of many more words. */\n"));
	PAIR(OLD("G:020"), NEW("G:020"), MATCH_SIMILAR);
	pairup(FILES("a.c", "/*G:030 Twin prose of many words. */\n"),
	    FILES("a.c", "/*G:010 Twin prose of many more words. */\n\n"
	    "/*G:020 Twin prose of many more words. */\n"));
	PAIR(OLD("G:030"), NEW("G:010"), MATCH_SIMILAR);
	ADDED(NEW("G:020"));
	/* But the most alike before the same number. */
	pairup(FILES("a.c", "/*G:020 Twin prose of many words. */\n"),
	    FILES("a.c", "/*G:010 Twin prose of many words. A */\n\n"
	    "/*G:020 Twin prose of many more words. */\n"));
	PAIR(OLD("G:020"), NEW("G:010"), MATCH_SIMILAR);
}

static double
seconds_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) +
	    (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/*
 * The text of a large chapter: n steps, each of prose and code of words
 * its own; renumbered (every number + 5) and each changed a little on the
 * new side, where the first step went last.
 */
#define LARGE	3000

static char *
large_text(int new)
{
	struct buf b = { 0 };
	size_t i, k;

	for (k = 0; k < LARGE; k++) {
		/* On the new side the first step is the last. */
		i = new ? (k + 1) % LARGE : k;
		buf_printf(&b, "/*G:%zu Step w%zua w%zub w%zuc w%zud w%zue "
		    "w%zuf w%zug %c%zuh. */\n", 10 * (k + 1) + (new ? 5 : 0),
		    i, i, i, i, i, i, i, new ? 'v' : 'w', i);
		buf_printf(&b, "int f%zu(void)\n{\n\treturn g%zu(h%zu, "
		    "%c%zu);\n}\n\n", i, i, i, new ? 'm' : 'k', i);
	}
	buf_cstr(&b);
	return b.p;
}

static void
large_chapter(void **state)
{
	char *o = large_text(0), *n = large_text(1);
	const struct step_match *sm;
	const struct chapter *oc, *nc;
	struct timespec t0;
	double secs;
	size_t k, right = 0;

	(void)state;
	pairup(FILES("a.c", o), FILES("a.c", n));
	oc = &Old.chapters[0];
	nc = &New.chapters[0];
	assert_int_equal(oc->nsteps, LARGE);
	assert_int_equal(nc->nsteps, LARGE);
	/* More leftovers than MATCH_MAX_PAIRS comparisons would try. */
	assert_true((size_t)LARGE * LARGE > MATCH_MAX_PAIRS);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	sm = match_new(&M, oc->steps[0]);
	secs = seconds_since(&t0);
	print_message("matched %d steps in %.3f s\n", LARGE, secs);
	assert_true(secs < 10);
	/* Each step at its place, by its prose. */
	for (k = 1; k < LARGE; k++) {
		sm = match_new(&M, oc->steps[k]);
		if (sm->other == nc->steps[k - 1] &&
		    sm->how == MATCH_SIMILAR)
			right++;
	}
	assert_int_equal(right, LARGE - 1);
	/*
	 * The first step went last: far from its place, no prose compared
	 * with it, but, few left, its code is.
	 */
	sm = match_new(&M, oc->steps[0]);
	assert_ptr_equal(sm->other, nc->steps[LARGE - 1]);
	assert_int_equal(sm->how, MATCH_SIMILAR_CODE);
	assert_int_equal(AGREE(), LARGE);
	free(o);
	free(n);
}

/*
 * A large chapter that grew or shrank by a block of steps, at its end, at
 * its start or in its middle, the others each changed a little: every
 * step is still near its place, counted from one end or the other.
 */
#define KEPT	1000
#define BLOCK	1000

/* Step k of prose and code its own; changed a little, or another's. */
static void
kept_step(struct buf *b, size_t number, size_t k, int changed)
{
	buf_printf(b, "/*G:%zu Step w%zua w%zub w%zuc w%zud w%zue w%zuf "
	    "w%zug %c%zuh. */\n\n", number, k, k, k, k, k, k, k,
	    changed ? 'v' : 'w', k);
}

static void
other_step(struct buf *b, size_t number, size_t k)
{
	buf_printf(b, "/*G:%zu Other u%zua u%zub u%zuc u%zud. */\n\n",
	    number, k, k, k, k);
}

/*
 * The old side: KEPT steps; the new one: those changed a little, with a
 * block of BLOCK others after the first before of them, every one under
 * a number of its own.  Swapped: the block was removed.
 */
static void
check_block(int ln, size_t before, int swapped)
{
	struct buf o = { 0 }, n = { 0 };
	const struct chapter *oc, *nc;
	const struct step *s;
	size_t k, number = 15, right = 0;

	for (k = 0; k < KEPT; k++)
		kept_step(&o, 10 * k + 10, k, 0);
	for (k = 0; k < KEPT + BLOCK; k++, number += 10) {
		if (k < before)
			kept_step(&n, number, k, 1);
		else if (k < before + BLOCK)
			other_step(&n, number, k);
		else
			kept_step(&n, number, k - BLOCK, 1);
	}
	if (swapped)
		pairup(FILES("a.c", buf_cstr(&n)), FILES("a.c", buf_cstr(&o)));
	else
		pairup(FILES("a.c", buf_cstr(&o)), FILES("a.c", buf_cstr(&n)));
	oc = &Old.chapters[0];
	nc = &New.chapters[0];
	EQ((oc->nsteps * nc->nsteps > MATCH_MAX_PAIRS), 1);
	for (k = 0; k < KEPT + BLOCK; k++) {
		s = swapped ? match_new(&M, oc->steps[k])->other :
		    match_old(&M, nc->steps[k])->other;
		if (k >= before && k < before + BLOCK)
			PEQ(s, NULL);
		else if (s == (swapped ? nc : oc)->steps[k < before ? k :
		    k - BLOCK])
			right++;
	}
	EQ(right, KEPT);
	buf_free(&o);
	buf_free(&n);
}
#define BLOCK_AT(before, swapped) check_block(__LINE__, before, swapped)

static void
large_chapter_grew(void **state)
{
	(void)state;
	BLOCK_AT(KEPT, 0);
	BLOCK_AT(0, 0);
	BLOCK_AT(KEPT / 2, 0);
	BLOCK_AT(KEPT, 1);
	BLOCK_AT(0, 1);
	BLOCK_AT(KEPT / 3, 1);
}

/*
 * Many steps of one key: twins, and steps of no prose.  Each is paired
 * without walking the others of its key once a step.  (The steps are
 * spread over files, a file's steps growing one at a time, which the
 * sanitizers' realloc makes slow.)
 */
#define TWINS	10000
#define PERFILE	500

/* The path, text, ..., NULL of TWINS steps: step k by fmt(number, k). */
static char **
spread(const char *fmt, unsigned long long (*number)(size_t))
{
	char **v = xcalloc(2 * (TWINS / PERFILE) + 1, sizeof(*v));
	struct buf b = { 0 };
	size_t k;

	for (k = 0; k < TWINS; k++) {
		buf_printf(&b, fmt, number(k), k);
		if ((k + 1) % PERFILE == 0) {
			v[2 * (k / PERFILE)] = xasprintf("f%03zu.c",
			    k / PERFILE);
			v[2 * (k / PERFILE) + 1] = xstrdup(buf_cstr(&b));
			b.len = 0;
		}
	}
	buf_free(&b);
	return v;
}

static void
spread_free(char **v)
{
	size_t i;

	for (i = 0; v[i] != NULL; i++)
		free(v[i]);
	free(v);
}

static unsigned long long
by_ten(size_t k)
{
	return 10 * k + 10;
}

static unsigned long long
by_ten_and_five(size_t k)
{
	return 10 * k + 15;
}

static void
many_of_one_key(void **state)
{
	char **o, **n;
	const struct chapter *oc, *nc;
	struct timespec t0;
	double secs;
	size_t k;

	(void)state;
	/* Twins, every one renumbered (k, an argument left unused). */
	o = spread("/*G:%llu Twin. */\nint twin;\n", by_ten);
	n = spread("/*G:%llu Twin. */\nint twin;\n", by_ten_and_five);
	pairup((const char *const *)o, (const char *const *)n);
	oc = &Old.chapters[0];
	nc = &New.chapters[0];
	clock_gettime(CLOCK_MONOTONIC, &t0);
	(void)match_new(&M, oc->steps[0]);
	secs = seconds_since(&t0);
	print_message("paired %d twins in %.3f s\n", TWINS, secs);
	assert_true(secs < 1);
	for (k = 0; k < TWINS; k++)
		assert_int_equal(match_new(&M, oc->steps[k])->how,
		    MATCH_SAME);
	spread_free(o);
	spread_free(n);

	/* No prose, the code changed. */
	o = spread("/*G:%llu */\nint v%zu_counter;\n", by_ten);
	n = spread("/*G:%llu */\nint w%zu_counter;\n", by_ten);
	pairup((const char *const *)o, (const char *const *)n);
	oc = &Old.chapters[0];
	nc = &New.chapters[0];
	clock_gettime(CLOCK_MONOTONIC, &t0);
	(void)match_new(&M, oc->steps[0]);
	secs = seconds_since(&t0);
	print_message("paired %d steps of no prose in %.3f s\n", TWINS,
	    secs);
	assert_true(secs < 1);
	for (k = 0; k < TWINS; k++) {
		assert_ptr_equal(match_new(&M, oc->steps[k])->other,
		    nc->steps[k]);
		assert_int_equal(match_new(&M, oc->steps[k])->how,
		    MATCH_NUMBER);
	}
	spread_free(o);
	spread_free(n);
}

/*
 * Asked from either side first, the match is the same, and two matches
 * of one cache (stale's many commits against today) agree.
 */
static void
either_side_first(void **state)
{
	static const char *const old[] = {
		"a.c",
		"/*G:010 Open the file and read its header. */\n"
		"int open_file(void);\n\n"
		"/*G:020 Parse each record into a struct. */\n"
		"int parse(void);\n\n"
		"/*G:030 Gone now. */\nint gone;\n",
		"b.c", "/*H:010 See [G:020]. */\nint h;\n",
		NULL,
	};
	static const char *const new[] = {
		"a.c",
		"/*G:005 New at the start. */\nint fresh;\n\n"
		"/*G:010 Open the file and read its whole header. */\n"
		"int open_file(void);\n\n"
		"/*G:040 Parse each record into a struct. */\n"
		"int parse(void);\n",
		"b.c", "/*H:010 See [G:040]. */\nint h;\n",
		NULL,
	};
	const struct step *other[8];
	enum match_how how[8];
	struct match m2;
	const struct chapter *ch;
	const struct step_match *a, *b;
	size_t i, j, k;

	(void)state;
	pairup(old, new);
	/* M asked from the new side first, its last chapter first. */
	for (i = New.nchapters, k = 0; i-- > 0;)
		for (j = 0; j < New.chapters[i].nsteps; j++, k++) {
			assert_true(k < 8);
			b = match_old(&M, New.chapters[i].steps[j]);
			other[k] = b->other;
			how[k] = b->how;
		}
	/* m2, of the same caches, from the old side. */
	match_init(&m2, &Co, &Cn);
	for (i = 0; i < Old.nchapters; i++) {
		ch = &Old.chapters[i];
		for (j = 0; j < ch->nsteps; j++) {
			a = match_new(&m2, ch->steps[j]);
			b = match_new(&M, ch->steps[j]);
			assert_ptr_equal(a->other, b->other);
			assert_int_equal(a->how, b->how);
			assert_int_equal(a->score, b->score);
		}
	}
	for (i = New.nchapters, k = 0; i-- > 0;)
		for (j = 0; j < New.chapters[i].nsteps; j++, k++) {
			b = match_old(&m2, New.chapters[i].steps[j]);
			assert_ptr_equal(b->other, other[k]);
			assert_int_equal(b->how, how[k]);
		}
	match_free(&m2);
	PAIR(OLD("G:010"), NEW("G:010"), MATCH_CODE);
	PAIR(OLD("G:020"), NEW("G:040"), MATCH_SAME);
	REMOVED(OLD("G:030"));
	ADDED(NEW("G:005"));
	PAIR(OLD("H:010"), NEW("H:010"), MATCH_SAME);
	assert_true(match_prose_same(&M, OLD("H:010"), NEW("H:010")));
	assert_int_equal(AGREE(), 3);
}

int
main(void)
{
#define T_(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T_(renumber),
		T_(renumbered_references),
		T_(reference_to_another_step),
		T_(reference_to_no_step),
		T_(similar),
		T_(threshold),
		T_(duplicates),
		T_(blank_text),
		T_(moved),
		T_(one_sided),
		T_(ties),
		T_(large_chapter),
		T_(large_chapter_grew),
		T_(many_of_one_key),
		T_(either_side_first),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
