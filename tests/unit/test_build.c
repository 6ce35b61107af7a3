/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * test_build.c: from marks to steps (file_build), a step's lines as shown
 * (step_line_first/next/add), its prose and summary (prose.c), chapters in
 * tour order (tour_build, tour_chapter, tour_step), references resolved
 * (ref_step, and ref_steps for a number that steps share), and numcmp().
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "refs.h"
#include "scan.h"

static struct tour T;
static struct marks M;

static int
setup(void **state)
{
	(void)state;
	memset(&T, 0, sizeof(T));
	diags_init(&T.diags);
	/* Room for every file of a test: steps point into this array. */
	T.files = xcalloc(8, sizeof(*T.files));
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	tour_free(&T);
	free(M.v);
	memset(&M, 0, sizeof(M));
	return 0;
}

/* Scan and build one file of the tour, as load.c does. */
static struct qfile *
add_file_len(const char *path, const char *lang, const char *text, size_t len)
{
	struct qfile *f;

	assert_true(T.nfiles < 8);
	f = &T.files[T.nfiles++];
	f->path = xstrdup(path);
	f->lang = lang_by_name(lang);
	assert_non_null(f->lang);
	f->len = len;
	f->text = xmalloc(len + 1);
	memcpy(f->text, text, len);
	f->text[len] = '\0';
	scan_text(f->text, f->len, f->lang, &M);
	file_build(f, &M);
	return f;
}

static struct qfile *
add_file(const char *path, const char *lang, const char *text)
{
	return add_file_len(path, lang, text, strlen(text));
}

static int
parse_config(const char *text)
{
	return config_parse(&T.config, ".quest", text, strlen(text), &T.diags);
}

#define EQ(a, b) _assert_int_equal(cast_to_largest_integral_type(a), \
	cast_to_largest_integral_type(b), __FILE__, ln)

static void
check_step(int ln, const struct step *s, const char *prefix,
    const char *number, unsigned line, unsigned col, unsigned last,
    enum step_end how)
{
	_assert_string_equal(s->prefix, prefix, __FILE__, ln);
	_assert_string_equal(s->number, number, __FILE__, ln);
	EQ(s->line, line);
	EQ(s->col, col);
	EQ(s->last, last);
	EQ(s->how, how);
	/* The tag's bytes are PREFIX:NUMBER, on the step's first line. */
	EQ(s->tag_len, strlen(prefix) + 1 + strlen(number));
	EQ(s->tag_off >= s->off, 1);
	EQ(s->off < s->end, 1);
	EQ(s->end <= s->file->len, 1);
	_assert_memory_equal(s->file->text + s->tag_off, prefix, strlen(prefix),
	    __FILE__, ln);
	_assert_memory_equal(s->file->text + s->tag_off + strlen(prefix) + 1,
	    number, strlen(number), __FILE__, ln);
}
#define STEP(s, prefix, number, line, col, last, how) \
	check_step(__LINE__, s, prefix, number, line, col, last, how)

/*
 * The step's lines as a writer shows them, each followed by '\n'; checks
 * that they are numbered from s->line to s->last, one apart.
 */
static void
check_shown(int ln, const struct step *s, const char *want)
{
	struct buf b = { 0 };
	struct step_line l;
	unsigned n = 0;

	memset(&l, 0, sizeof(l));
	if (step_line_first(s, &l))
		do {
			EQ(l.lineno, s->line + n);
			EQ(l.ncut >= 0 && l.ncut <= 2, 1);
			EQ(memchr(l.p, '\n', l.n) == NULL, 1);
			step_line_add(&b, &l);
			buf_addc(&b, '\n');
			n++;
		} while (step_line_next(s, &l));
	EQ(n, s->last - s->line + 1);
	_assert_string_equal(buf_cstr(&b), want, __FILE__, ln);
	buf_free(&b);
}
#define SHOWN(s, want) check_shown(__LINE__, s, want)

static void
check_prose(int ln, const struct step *s, const char *want, unsigned code)
{
	struct buf b = { 0 };

	EQ(step_prose(s, &b), code);
	_assert_string_equal(buf_cstr(&b), want, __FILE__, ln);
	buf_free(&b);
}
#define PROSE(s, want, code) check_prose(__LINE__, s, want, code)

static void
check_summary(int ln, const struct step *s, size_t maxlen, const char *want)
{
	struct buf b = { 0 };

	step_summary(s, maxlen, &b);
	_assert_string_equal(buf_cstr(&b), want, __FILE__, ln);
	buf_free(&b);
}
#define SUMMARY(s, maxlen, want) check_summary(__LINE__, s, maxlen, want)

static void
check_diag(int ln, size_t i, enum diag_id id, const char *path, unsigned line,
    unsigned col)
{
	EQ(i < T.diags.n, 1);
	EQ(T.diags.v[i].id, id);
	_assert_string_equal(T.diags.v[i].path, path, __FILE__, ln);
	EQ(T.diags.v[i].line, line);
	EQ(T.diags.v[i].col, col);
}
#define DIAG(i, id, path, line, col) \
	check_diag(__LINE__, i, id, path, line, col)

static void
check_fact(int ln, const struct fact *c, enum fact_kind kind,
    const char *text, unsigned line, unsigned col)
{
	EQ(c->kind, kind);
	_assert_string_equal(c->text, text, __FILE__, ln);
	EQ(c->line, line);
	EQ(c->col, col);
}
#define FACT(c, kind, text, line, col) \
	check_fact(__LINE__, c, kind, text, line, col)

/* A block step closed by a standalone end marker, with its every offset. */
static void
block_step_standalone_end(void **state)
{
	static const char text[] =
	    "int a;\n"			/* 0 */
	    "/*G:010 The start.\n"	/* 7 */
	    " * More. */\n"		/* 26 */
	    "int x;\n"			/* 38 */
	    "\t/*:*/\n"			/* 45 */
	    "int y;\n";			/* 52 */
	struct qfile *f;
	struct step *s;
	struct step_line l;

	(void)state;
	f = add_file("lguest.c", "C", text);
	assert_int_equal(f->nsteps, 1);
	assert_int_equal(f->nfacts, 0);
	assert_int_equal(T.diags.n, 0);
	s = &f->steps[0];
	STEP(s, "G", "010", 2, 1, 5, END_MARKER);
	assert_ptr_equal(s->file, f);
	assert_int_equal(s->value, 10);
	assert_int_equal(s->off, 7);
	assert_int_equal(s->end, 52);
	assert_int_equal(s->tag_off, 9);
	assert_int_equal(s->block, 1);
	assert_int_equal(s->mark_off, 46);
	assert_int_equal(s->mark_len, 5);
	SHOWN(s, "/* The start.\n * More. */\nint x;\n\t\n");

	/* The cuts, line by line. */
	assert_true(step_line_first(s, &l));
	assert_int_equal(l.lineno, 2);
	assert_int_equal(l.n, 18);
	assert_int_equal(l.ncut, 1);
	assert_int_equal(l.cut[0].off, 2);
	assert_int_equal(l.cut[0].len, 5);
	assert_true(step_line_next(s, &l));
	assert_int_equal(l.lineno, 3);
	assert_int_equal(l.ncut, 0);
	assert_true(step_line_next(s, &l));
	assert_int_equal(l.ncut, 0);
	assert_true(step_line_next(s, &l));
	assert_int_equal(l.lineno, 5);
	assert_int_equal(l.n, 6);
	assert_int_equal(l.ncut, 1);
	assert_int_equal(l.cut[0].off, 1);
	assert_int_equal(l.cut[0].len, 5);
	assert_false(step_line_next(s, &l));

	PROSE(s, "The start.\nMore.", 4);
	SUMMARY(s, 60, "The start. More.");
}

/* lguest's one-line step: `/\*P:100 text :*\/` ends where it starts. */
static void
one_line_step(void **state)
{
	struct qfile *f;
	struct step *s;
	struct step_line l;

	(void)state;
	f = add_file("a.c", "C", "/*P:100 text :*/\nint after;\n");
	assert_int_equal(f->nsteps, 1);
	s = &f->steps[0];
	STEP(s, "P", "100", 1, 1, 1, END_MARKER);
	assert_int_equal(s->end, 17);
	assert_int_equal(s->mark_off, 13);
	assert_int_equal(s->mark_len, 1);
	assert_true(step_line_first(s, &l));
	assert_int_equal(l.ncut, 2);
	assert_int_equal(l.cut[0].off, 2);
	assert_int_equal(l.cut[0].len, 5);
	assert_int_equal(l.cut[1].off, 13);
	assert_int_equal(l.cut[1].len, 1);
	assert_false(step_line_next(s, &l));
	SHOWN(s, "/* text */\n");
	PROSE(s, "text", 2);
}

/* An end marker before the tag on its line: the cuts stay in order. */
static void
marker_before_tag(void **state)
{
	struct qfile *f;
	struct step_line l;

	(void)state;
	f = add_file("a.c", "C", "/*:*/ /*G:1 x*/\n");
	assert_int_equal(f->nsteps, 1);
	assert_int_equal(T.diags.n, 0);
	STEP(&f->steps[0], "G", "1", 1, 7, 1, END_MARKER);
	assert_true(step_line_first(&f->steps[0], &l));
	assert_int_equal(l.ncut, 2);
	assert_int_equal(l.cut[0].off, 0);
	assert_int_equal(l.cut[0].len, 5);
	assert_int_equal(l.cut[1].off, 8);
	assert_int_equal(l.cut[1].len, 3);
	SHOWN(&f->steps[0], " /* x*/\n");
}

/* A new tag of the prefix ends the open step just before its line. */
static void
next_tag_ends_step(void **state)
{
	struct qfile *f;

	(void)state;
	f = add_file("a.go", "Go", "//G:1 a\nx\n//G:2 b\ny\n");
	assert_int_equal(f->nsteps, 2);
	STEP(&f->steps[0], "G", "1", 1, 1, 2, END_NEXT_TAG);
	assert_int_equal(f->steps[0].end, 10);
	STEP(&f->steps[1], "G", "2", 3, 1, 4, END_EOF);
	assert_int_equal(f->steps[1].end, 20);
	SHOWN(&f->steps[0], "// a\nx\n");
	SHOWN(&f->steps[1], "// b\ny\n");
	PROSE(&f->steps[0], "a", 2);
	PROSE(&f->steps[1], "b", 4);
}

/* Tags of other prefixes are content; an end marker ends every open step. */
static void
other_prefix_is_content(void **state)
{
	struct qfile *f;

	(void)state;
	f = add_file("a.c", "C", "/*G:1*/\n/*H:1*/\nx\n/*:*/\n/*G:2*/\n");
	assert_int_equal(f->nsteps, 3);
	STEP(&f->steps[0], "G", "1", 1, 1, 4, END_MARKER);
	STEP(&f->steps[1], "H", "1", 2, 1, 4, END_MARKER);
	STEP(&f->steps[2], "G", "2", 5, 1, 5, END_EOF);
	assert_int_equal(f->steps[0].mark_off, 18);
	assert_int_equal(f->steps[1].mark_off, 18);
	SHOWN(&f->steps[0], "/**/\n/*H:1*/\nx\n\n");
	SHOWN(&f->steps[1], "/**/\nx\n\n");
	SHOWN(&f->steps[2], "/**/\n");
	assert_int_equal(T.diags.n, 0);
}

/* End of file ends what is open; the last line counts, newline or not. */
static void
eof_ends_steps(void **state)
{
	struct qfile *f;

	(void)state;
	f = add_file("a.c", "C", "/*G:1*/\na\nb");
	STEP(&f->steps[0], "G", "1", 1, 1, 3, END_EOF);
	assert_int_equal(f->steps[0].end, 11);
	SHOWN(&f->steps[0], "/**/\na\nb\n");

	f = add_file("b.c", "C", "/*G:2*/\na\nb\n");
	STEP(&f->steps[0], "G", "2", 1, 1, 3, END_EOF);
	assert_int_equal(f->steps[0].end, 12);
	SHOWN(&f->steps[0], "/**/\na\nb\n");

	/* An empty last line is a line. */
	f = add_file("c.c", "C", "/*G:3*/\n\n");
	STEP(&f->steps[0], "G", "3", 1, 1, 2, END_EOF);
	SHOWN(&f->steps[0], "/**/\n\n");

	/* The tag on the last line, with no newline. */
	f = add_file("d.c", "C", "x\n//G:4");
	STEP(&f->steps[0], "G", "4", 2, 1, 2, END_EOF);
	SHOWN(&f->steps[0], "//\n");

	/* A step open at the end, after one that a marker ended. */
	f = add_file("e.c", "C", "/*G:5 :*/\n/*H:6*/\nz");
	STEP(&f->steps[0], "G", "5", 1, 1, 1, END_MARKER);
	STEP(&f->steps[1], "H", "6", 2, 1, 3, END_EOF);
	assert_int_equal(T.diags.n, 0);
}

/* CRs stay in the lines: the weave is byte for byte. */
static void
crlf_lines(void **state)
{
	struct qfile *f;

	(void)state;
	f = add_file("a.c", "C", "/*G:1 x */\r\ny;\r\n/*:*/\r\nz\r\n");
	assert_int_equal(f->nsteps, 1);
	STEP(&f->steps[0], "G", "1", 1, 1, 3, END_MARKER);
	SHOWN(&f->steps[0], "/* x */\r\ny;\r\n\r\n");
	PROSE(&f->steps[0], "x", 2);
}

/*
 * What the build derives for the writers: the id, where the prose ends, the
 * code's lines and bytes, the title.
 */
static void
derived_step_data(void **state)
{
	static const char text[] =
	    "int a;\n"			/* 0 */
	    "/*G:010 The start.\n"	/* 7 */
	    " * More. */\n"		/* 26 */
	    "\n"				/* 38 */
	    "int x;\n"			/* 39 */
	    "int w;\n"			/* 46 */
	    "\t/*:*/\n"			/* 53 */
	    "int y;\n";			/* 60 */
	struct qfile *f;
	struct step *s;
	struct buf b = { 0 };

	(void)state;
	f = add_file("lguest.c", "C", text);
	s = &f->steps[0];
	assert_string_equal(s->id, "G:010");
	assert_string_equal(s->title, "The start.");
	/* Prose to line 3; the blank line 4 and the cut line 7 are no code. */
	assert_int_equal(s->code_from, 4);
	assert_int_equal(s->code_first, 5);
	assert_int_equal(s->code_last, 6);
	assert_int_equal(s->code_off, 39);
	assert_int_equal(s->code_end, 53);
	step_code_text(s, &b);
	assert_string_equal(b.p, "int x;\nint w;");

	/* No code: both lines 0, and no text. */
	f = add_file("a.c", "C", "/*G:1 Only prose: then more. */\n\n/*:*/\n");
	s = &f->steps[0];
	assert_string_equal(s->title, "Only prose: then more.");
	assert_int_equal(s->code_from, 2);
	assert_int_equal(s->code_first, 0);
	assert_int_equal(s->code_last, 0);
	step_code_text(s, &b);
	assert_string_equal(b.p, "");

	/* No prose: an empty title, the code from the tag's next line. */
	f = add_file("b.py", "Python", "#G:2\nx = 1\n#:\n");
	s = &f->steps[0];
	assert_string_equal(s->id, "G:2");
	assert_string_equal(s->title, "");
	assert_int_equal(s->code_from, 2);
	assert_int_equal(s->code_first, 2);
	assert_int_equal(s->code_last, 2);

	/* A long first sentence: cut at a blank within 80, an ellipsis. */
	f = add_file("c.c", "C",
	    "/*G:3 aaaaaaaaa aaaaaaaaa aaaaaaaaa aaaaaaaaa "
	    "aaaaaaaaa aaaaaaaaa aaaaaaaaa aaaaaaaaa aaaaaaaaa aaaaaaaaa "
	    "aaaaaaaaa. */\n");
	s = &f->steps[0];
	assert_int_equal(strlen(s->title), 79 + 3);
	assert_string_equal(s->title + 79, "\xE2\x80\xA6");
	assert_true(s->title_cut);
	buf_free(&b);
}

/*
 * The title rule of every format: a heading, else the first sentence,
 * which the body leaves out; a long one cut at a blank outside every span,
 * with an ellipsis, the body whole.
 */
static void
title_rule(void **state)
{
	static const struct {
		const char	*prose;	/* the comment's text, one line a \n */
		const char	*title;
		const char	*body;
	} cases[] = {
		{ "The start.  More.", "The start.", "More." },
		{ "Welcome!\n\nThe Guest.", "Welcome!", "The Guest." },
		{ "Why? Because.", "Why?", "Because." },
		{ "No stop at all", "No stop at all", "" },
		{ "Heading\n\nBody here.", "Heading", "Body here." },
		{ "# Setting up the stack\n\nWe *push* it.",
		  "Setting up the stack", "We *push* it." },
		{ "## Closed ##\nBody.", "Closed", "Body." },
		{ "Under\n=====\n\nBody.", "Under", "Body." },
		{ "It is *done.* Then", "It is *done.*", "Then" },
		{ "A `a. b` span. Next.", "A `a. b` span.", "Next." },
		{ "See [a. b](http://x.org). Next.",
		  "See [a. b](http://x.org).", "Next." },
		{ "As [G:030] says. Next.", "As [G:030] says.", "Next." },
		{ "Use e.g. this one. Next.", "Use e.g. this one.", "Next." },
		{ "He said \"stop.\" Then went.", "He said \"stop.\"",
		  "Then went." },
		{ "Version 3.14 is out. Next.", "Version 3.14 is out.",
		  "Next." },
		{ "A list follows,", "A list follows", "" },
		/* The body, a paragraph still: a list marker escaped. */
		{ "Count down. 3. Then go.", "Count down.", "3\\. Then go." },
		{ "Stop. - not a list", "Stop.", "\\- not a list" },
		{ "# 1. One\n\nBody.", "1\\. One", "Body." },
		/* Too long: cut at a blank, never inside a span. */
		{ "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll "
		  "mmmm nnnn oooo pppp qqqq. Next.",
		  "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll "
		  "mmmm nnnn oooo pppp\xE2\x80\xA6",
		  "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll "
		  "mmmm nnnn oooo pppp qqqq. Next." },
		{ "The flag accepts `-f file with many words in it here and "
		  "there and everywhere else` too. Next.",
		  "The flag accepts `-f file with many words in it here and "
		  "there and everywhere else`\xE2\x80\xA6",
		  "The flag accepts `-f file with many words in it here and "
		  "there and everywhere else` too. Next." },
		{ "Short, then `a code span that runs and runs well past the "
		  "eighty columns of a title` and on.",
		  "Short, then `a code span that runs and runs well past the "
		  "eighty columns of a title`\xE2\x80\xA6",
		  "Short, then `a code span that runs and runs well past the "
		  "eighty columns of a title` and on." },
		/* Opening with a list: its first item, the body whole. */
		{ "- one thing.\n- another.", "one thing.\xE2\x80\xA6",
		  "- one thing.\n- another." },
		{ "", "", "" },
	};
	struct buf text = { 0 }, body = { 0 };
	struct qfile *f;
	const char *p;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		text.len = 0;
		buf_adds(&text, "/*G:010 ");
		for (p = cases[i].prose; *p; p++)
			if (*p == '\n')
				buf_adds(&text, "\n * ");
			else
				buf_addc(&text, *p);
		buf_adds(&text, "\n */\nint x;\n");
		f = qfile_read_text("a.c", lang_by_name("C"), text.p, text.len,
		    NULL);
		assert_non_null(f);
		assert_int_equal(f->nsteps, 1);
		if (strcmp(f->steps[0].title, cases[i].title) != 0)
			fail_msg("case %zu: title \"%s\", want \"%s\"", i,
			    f->steps[0].title, cases[i].title);
		step_body(&f->steps[0], &body);
		if (strcmp(buf_cstr(&body), cases[i].body) != 0)
			fail_msg("case %zu: body \"%s\", want \"%s\"", i,
			    body.p, cases[i].body);
		qfile_free(f);
	}
	buf_free(&text);
	buf_free(&body);
}

/*
 * Stray ends, second tags and near-tags: facts of the build, judged by
 * check.
 */
static void
file_diagnostics(void **state)
{
	struct qfile *f;

	(void)state;
	/* The build reports nothing: what it finds are facts of the file. */
	f = add_file("s.c", "C", "x\n  /*:*/\nint y; /* why: */\n");
	assert_int_equal(f->nsteps, 0);
	assert_int_equal(f->nfacts, 1);
	FACT(&f->facts[0], FACT_STRAY_END, "/*:*/", 2, 3);

	f = add_file("t.c", "C", "/*G:1 :*/\n  /*:*/\nx :*/\n");
	assert_int_equal(f->nsteps, 1);
	STEP(&f->steps[0], "G", "1", 1, 1, 1, END_MARKER);
	assert_int_equal(f->nfacts, 2);
	FACT(&f->facts[0], FACT_STRAY_END, "/*:*/", 2, 3);
	/* Not alone: the marker as it stands, with the closer. */
	FACT(&f->facts[1], FACT_STRAY_END, ":*/", 3, 3);
	/* Even when the marker comes before the file's first tag. */
	f = add_file("w.c", "C", "/*:*/\n/*G:2*/\n");
	assert_int_equal(f->nsteps, 1);
	assert_int_equal(f->nfacts, 1);
	FACT(&f->facts[0], FACT_STRAY_END, "/*:*/", 1, 1);

	/* Two tags of one prefix on one line: the second is ignored. */
	f = add_file("u.c", "C", "/*G:3*/ /*G:4*/ /*H:3*/\n");
	assert_int_equal(f->nsteps, 2);
	STEP(&f->steps[0], "G", "3", 1, 1, 1, END_EOF);
	STEP(&f->steps[1], "H", "3", 1, 17, 1, END_EOF);
	assert_int_equal(f->nfacts, 1);
	FACT(&f->facts[0], FACT_SECOND_TAG, "G:4", 1, 9);

	/* A near-tag is kept, with what it looked like. */
	f = add_file("v.c", "C", "int x;\nx /*G:03a */\n");
	assert_int_equal(f->nsteps, 0);
	assert_int_equal(f->nfacts, 1);
	FACT(&f->facts[0], FACT_NEAR, "/*G:03a", 2, 3);
	assert_string_equal(f->facts[0].prefix, "G");
	assert_int_equal(T.diags.n, 0);

	/*
	 * check.c judges: a stray end in a file with no tag is a comment
	 * that ends in a colon, and is not reported; the rest are.
	 */
	tour_build(&T);
	tour_check(&T);
	diags_sort(&T.diags);
	assert_int_equal(T.diags.n, 5);
	DIAG(0, D_STRAY_END, "t.c", 2, 3);
	assert_string_equal(T.diags.v[0].msg,
	    "end marker '/*:*/' with no step open in this file");
	DIAG(1, D_STRAY_END, "t.c", 3, 3);
	DIAG(2, D_SECOND_TAG, "u.c", 1, 9);
	assert_string_equal(T.diags.v[2].msg, "a second tag G:4 on this line "
	    "is ignored: one step per line and chapter");
	DIAG(3, D_NEAR_TAG, "v.c", 2, 3);
	DIAG(4, D_STRAY_END, "w.c", 1, 1);
}

/*
 * Numbers: as written, and by value, up to STEP_MAX; past it, leading
 * zeros aside, the value is ULLONG_MAX, whatever the digits.
 */
static void
step_values(void **state)
{
	struct qfile *f;

	(void)state;
	f = add_file("a.c", "C",
	    "/*A:007*/\n/*B:0*/\n/*C:18446744073709551614*/\n"
	    "/*D:99999999999999999999999*/\n/*E:999999999999999*/\n"
	    "/*F:1000000000000000*/\n/*G:000000000000000000000000010*/\n");
	assert_int_equal(f->nsteps, 7);
	assert_string_equal(f->steps[0].number, "007");
	assert_int_equal(f->steps[0].value, 7);
	assert_int_equal(f->steps[1].value, 0);
	assert_true(f->steps[2].value == ULLONG_MAX);
	assert_true(f->steps[3].value == ULLONG_MAX);
	assert_string_equal(f->steps[3].number, "99999999999999999999999");
	assert_true(f->steps[4].value == STEP_MAX);
	assert_true(f->steps[5].value == ULLONG_MAX);
	assert_int_equal(f->steps[6].value, 10);
}

/* Line comments: the prose is the run of lines that start with the opener. */
static void
line_comment_steps(void **state)
{
	struct qfile *f;

	(void)state;
	f = add_file("x.py", "Python",
	    "#G:1 prose\n# more\ncode\n#:\nafter\n");
	assert_int_equal(f->nsteps, 1);
	STEP(&f->steps[0], "G", "1", 1, 1, 4, END_MARKER);
	assert_int_equal(f->steps[0].mark_off, 23);
	assert_int_equal(f->steps[0].mark_len, 2);
	assert_int_equal(f->steps[0].block, 0);
	SHOWN(&f->steps[0], "# prose\n# more\ncode\n\n");
	PROSE(&f->steps[0], "prose\nmore", 3);

	f = add_file("y.c", "C", "//G:4 one\n//   two\n  // three\nint z;\n");
	STEP(&f->steps[0], "G", "4", 1, 1, 4, END_EOF);
	PROSE(&f->steps[0], "one\ntwo\nthree", 4);

	f = add_file("z.lua", "Lua", "--L:1 a\n-- b\nprint(1)\n--:\n");
	STEP(&f->steps[0], "L", "1", 1, 1, 4, END_MARKER);
	PROSE(&f->steps[0], "a\nb", 3);
	SHOWN(&f->steps[0], "-- a\n-- b\nprint(1)\n\n");
}

/*
 * A standalone end marker right after line-comment prose (`#:`) is no
 * prose: its ':' once came out as a last line of prose, and in the
 * summary of `quest list` ("prose :").
 */
static void
line_marker_not_prose(void **state)
{
	struct qfile *f;

	(void)state;
	f = add_file("x.py", "Python", "#G:1 prose\n#:\n");
	STEP(&f->steps[0], "G", "1", 1, 1, 2, END_MARKER);
	PROSE(&f->steps[0], "prose", 2);
	SUMMARY(&f->steps[0], 60, "prose");
	f = add_file("y.c", "C", "//H:2 one\n// two\n  //:\nint x;\n");
	STEP(&f->steps[0], "H", "2", 1, 1, 3, END_MARKER);
	PROSE(&f->steps[0], "one\ntwo", 3);
	SUMMARY(&f->steps[0], 60, "one two");
}

/* Block prose: decoration off, blank lines kept inside, none at the ends. */
static void
block_prose(void **state)
{
	struct qfile *f;

	(void)state;
	f = add_file("a.c", "C",
	    "/*G:1 First.\n *\n * Second.\n */\ncode;\n/*:*/\n"	/* 1-6 */
	    "/*G:2 Short. */ int x;\nint y;\n"			/* 7-8 */
	    "/*G:3\n * Text.\n */\n"				/* 9-11 */
	    "/*G:4*/\ncode\n"					/* 12-13 */
	    "/*G:5 tail :*/\n"					/* 14 */
	    "\t/*G:6\n\t * indented\n\t * star */\n");		/* 15-17 */
	assert_int_equal(f->nsteps, 6);
	PROSE(&f->steps[0], "First.\n\nSecond.", 5);
	PROSE(&f->steps[1], "Short.", 8);
	PROSE(&f->steps[2], "Text.", 12);
	PROSE(&f->steps[3], "", 13);
	PROSE(&f->steps[4], "tail", 15);
	PROSE(&f->steps[5], "indented\nstar", 18);
	SUMMARY(&f->steps[0], 60, "First. Second.");
	SUMMARY(&f->steps[3], 60, "");
}

/* A block comment the step's end cuts short: prose stops at the end. */
static void
prose_cut_by_next_tag(void **state)
{
	struct qfile *f;

	(void)state;
	f = add_file("a.c", "C", "/*G:1 one\n * two\n/*G:2 three */\n");
	assert_int_equal(f->nsteps, 2);
	STEP(&f->steps[0], "G", "1", 1, 1, 2, END_NEXT_TAG);
	PROSE(&f->steps[0], "one\ntwo", 3);
	PROSE(&f->steps[1], "three", 4);
}

/* Summaries: words joined by one space, cut at a word, never inside UTF-8. */
static void
summaries(void **state)
{
	struct qfile *f;
	struct buf b = { 0 };
	size_t i;

	(void)state;
	f = add_file("a.c", "C",
	    "/*G:1 The quick\n *   brown\tfox jumps */\n"
	    "/*G:2 abcd\xc3\xa9" "fghijkl */\n"
	    "/*G:3 \xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa9\xc3\xa9\xc3\xa9 */\n");
	assert_int_equal(f->nsteps, 3);
	SUMMARY(&f->steps[0], 60, "The quick brown fox jumps");
	SUMMARY(&f->steps[0], 25, "The quick brown fox jumps");
	SUMMARY(&f->steps[0], 12, "The quick...");
	SUMMARY(&f->steps[0], 16, "The quick brown...");
	/* Never a partial UTF-8 sequence, whatever the length. */
	for (i = 0; i < 14; i++) {	/* 14: the prose's length */
		const unsigned char *p;
		size_t n, k;

		step_summary(&f->steps[2], i, &b);
		assert_true(b.len >= 3);
		assert_memory_equal(b.p + b.len - 3, "...", 3);
		p = (const unsigned char *)b.p;
		n = b.len - 3;
		assert_true(n <= i);
		for (k = 0; k < n; k += 2) {
			assert_int_equal(p[k], 0xc3);
			assert_true(k + 1 < n);
			assert_int_equal(p[k + 1], 0xa9);
		}
	}
	step_summary(&f->steps[1], 10, &b);
	assert_true(b.len >= 3 && b.len <= 13);
	assert_memory_equal(b.p + b.len - 3, "...", 3);
	assert_int_equal(memchr(b.p, 0xc3, b.len) == NULL,
	    memchr(b.p, 0xa9, b.len) == NULL);
	buf_free(&b);
}

static void
numcmp_cases(void **state)
{
	(void)state;
	assert_int_equal(numcmp("9", 1, "10", 2), -1);
	assert_int_equal(numcmp("10", 2, "9", 1), 1);
	assert_int_equal(numcmp("010", 3, "10", 2), 0);
	assert_int_equal(numcmp("0", 1, "000", 3), 0);
	assert_int_equal(numcmp("100", 3, "99", 2), 1);
	assert_int_equal(numcmp("030", 3, "0100", 4), -1);
	assert_int_equal(numcmp("123", 3, "124", 3), -1);
	assert_int_equal(numcmp("5", 1, "5", 1), 0);
	assert_int_equal(numcmp("0", 1, "1", 1), -1);
	/* Beyond any integer type. */
	assert_int_equal(numcmp("123456789012345678901234567890", 30,
	    "123456789012345678901234567891", 30), -1);
	assert_int_equal(numcmp("1000000000000000000000", 22,
	    "999999999999999999999", 21), 1);
	assert_int_equal(numcmp("00000000000000000000000000042", 29, "42", 2),
	    0);
	/* Lengths bound the strings. */
	assert_int_equal(numcmp("12x", 2, "12y", 2), 0);
	assert_int_equal(numcmp("129", 2, "13", 2), -1);
}

/* Declared chapters first, in section order; then the others, A to Z. */
static void
tour_chapter_order(void **state)
{
	struct chapter *g;

	(void)state;
	assert_int_equal(parse_config("[chapter P]\nname = Preparation\n"
	    "[chapter G]\nname = Guest\n[chapter X]\n"), 0);
	add_file("b.c", "C", "/*G:9*/\n/*P:1*/\n/*G:0100*/\n/*G:030*/\n");
	add_file("a.c", "C", "/*Z:1*/\n/*G:10*/\n/*A:5*/\n");
	tour_build(&T);
	assert_int_equal(T.nchapters, 5);
	assert_string_equal(T.chapters[0].prefix, "P");
	assert_string_equal(T.chapters[0].name, "Preparation");
	assert_int_equal(T.chapters[0].declared, 1);
	assert_int_equal(T.chapters[0].config_line, 1);
	assert_int_equal(T.chapters[0].nsteps, 1);
	assert_string_equal(T.chapters[1].prefix, "G");
	assert_string_equal(T.chapters[1].name, "Guest");
	assert_int_equal(T.chapters[1].config_line, 3);
	assert_string_equal(T.chapters[2].prefix, "X");
	assert_string_equal(T.chapters[2].name, "X");
	assert_int_equal(T.chapters[2].declared, 1);
	assert_int_equal(T.chapters[2].config_line, 5);
	assert_int_equal(T.chapters[2].nsteps, 0);
	assert_string_equal(T.chapters[3].prefix, "A");
	assert_string_equal(T.chapters[3].name, "A");
	assert_int_equal(T.chapters[3].declared, 0);
	assert_int_equal(T.chapters[3].config_line, 0);
	assert_int_equal(T.chapters[3].nsteps, 1);
	assert_string_equal(T.chapters[4].prefix, "Z");
	assert_int_equal(T.chapters[4].declared, 0);

	/* Steps in numeric order, across files. */
	g = &T.chapters[1];
	assert_int_equal(g->nsteps, 4);
	assert_string_equal(g->steps[0]->number, "9");
	assert_string_equal(g->steps[0]->file->path, "b.c");
	assert_string_equal(g->steps[1]->number, "10");
	assert_string_equal(g->steps[1]->file->path, "a.c");
	assert_string_equal(g->steps[2]->number, "030");
	assert_string_equal(g->steps[3]->number, "0100");
	assert_ptr_equal(g->steps[0]->chapter, g);
	assert_ptr_equal(g->steps[3]->chapter, g);
	for (size_t i = 0; i < g->nsteps; i++)
		assert_int_equal(g->steps[i]->index, i);
	assert_ptr_equal(T.chapters[3].steps[0]->chapter, &T.chapters[3]);

	/* By name or by prefix, exactly. */
	assert_ptr_equal(tour_chapter(&T, "G"), g);
	assert_ptr_equal(tour_chapter(&T, "Guest"), g);
	assert_ptr_equal(tour_chapter(&T, "Preparation"), &T.chapters[0]);
	assert_ptr_equal(tour_chapter(&T, "X"), &T.chapters[2]);
	assert_ptr_equal(tour_chapter(&T, "Z"), &T.chapters[4]);
	assert_null(tour_chapter(&T, "guest"));
	assert_null(tour_chapter(&T, "Gues"));
	assert_null(tour_chapter(&T, "Q"));
	assert_null(tour_chapter(&T, ""));

	/* A step by prefix and number, by value. */
	assert_ptr_equal(tour_step(&T, "G", "30", 2), g->steps[2]);
	assert_ptr_equal(tour_step(&T, "G", "0030", 4), g->steps[2]);
	assert_ptr_equal(tour_step(&T, "G", "9", 1), g->steps[0]);
	assert_ptr_equal(tour_step(&T, "G", "100", 3), g->steps[3]);
	assert_ptr_equal(tour_step(&T, "G", "10x", 2), g->steps[1]);
	assert_ptr_equal(tour_step(&T, "A", "5", 1), T.chapters[3].steps[0]);
	assert_null(tour_step(&T, "G", "31", 2));
	assert_null(tour_step(&T, "G", "1", 1));
	assert_null(tour_step(&T, "G", "1000", 4));
	assert_null(tour_step(&T, "Guest", "30", 2));	/* a prefix only */
	assert_null(tour_step(&T, "X", "1", 1));
	assert_null(tour_step(&T, "Q", "1", 1));
}

/* Without chapter sections, every prefix found, in alphabetical order. */
static void
tour_without_config(void **state)
{
	size_t i;

	(void)state;
	add_file("a.c", "C", "/*M:1*/\n/*Z:1*/\n/*AB:1*/\n/*A:1*/\n/*M:2*/\n");
	add_file("b.sh", "Shell", "#A:2\n#Z:3\n");
	tour_build(&T);
	assert_int_equal(T.nchapters, 4);
	assert_string_equal(T.chapters[0].prefix, "A");
	assert_string_equal(T.chapters[1].prefix, "AB");
	assert_string_equal(T.chapters[2].prefix, "M");
	assert_string_equal(T.chapters[3].prefix, "Z");
	for (i = 0; i < 4; i++) {
		assert_string_equal(T.chapters[i].name, T.chapters[i].prefix);
		assert_int_equal(T.chapters[i].declared, 0);
	}
	assert_int_equal(T.chapters[0].nsteps, 2);
	assert_string_equal(T.chapters[0].steps[0]->file->path, "a.c");
	assert_string_equal(T.chapters[0].steps[1]->file->path, "b.sh");
	assert_int_equal(T.chapters[1].nsteps, 1);
	assert_int_equal(T.chapters[2].nsteps, 2);
	assert_int_equal(T.chapters[3].nsteps, 2);
	assert_string_equal(T.chapters[3].steps[1]->number, "3");
}

/* An empty tree: no chapters, or only the declared ones. */
static void
tour_empty(void **state)
{
	(void)state;
	tour_build(&T);
	assert_int_equal(T.nchapters, 0);
	assert_null(tour_chapter(&T, "G"));
	assert_null(tour_step(&T, "G", "1", 1));
	tour_free(&T);
	setup(state);
	assert_int_equal(parse_config("[chapter G]\nname = Guest\n"), 0);
	add_file("a.c", "C", "int nothing;\n/*:*/\n");
	tour_build(&T);
	assert_int_equal(T.nchapters, 1);
	assert_int_equal(T.chapters[0].nsteps, 0);
	assert_null(tour_step(&T, "G", "1", 1));
}

/* Equal numbers sort by path, then line, whatever the order of the files. */
static void
equal_numbers_are_ordered(void **state)
{
	struct chapter *g;

	(void)state;
	add_file("b.c", "C", "/*G:1*/\n");
	add_file("a.c", "C", "/*G:01*/\nx\n/*G:001*/\n");
	tour_build(&T);
	g = tour_chapter(&T, "G");
	assert_non_null(g);
	assert_int_equal(g->nsteps, 3);
	assert_string_equal(g->steps[0]->file->path, "a.c");
	assert_int_equal(g->steps[0]->line, 1);
	assert_string_equal(g->steps[1]->file->path, "a.c");
	assert_int_equal(g->steps[1]->line, 3);
	assert_string_equal(g->steps[2]->file->path, "b.c");
}

/* tour_free() leaves nothing behind, and a zeroed tour. */
static void
tour_free_zeroes(void **state)
{
	(void)state;
	assert_int_equal(parse_config("[chapter G]\n"), 0);
	add_file("a.c", "C", "/*G:1*/\n/*G:2a*/\n/*:*/\n/*:*/\n");
	tour_build(&T);
	tour_free(&T);
	assert_null(T.files);
	assert_int_equal(T.nfiles, 0);
	assert_null(T.chapters);
	assert_int_equal(T.nchapters, 0);
	assert_null(T.config.path);
	setup(state);
}

/* The references of a text, each resolved, as "G:10=G:010 G:3=none". */
struct resolved {
	const char	*text;
	struct buf	 b;
};

static int
resolve_one(void *arg, const struct ref *r)
{
	struct resolved *rs = arg;
	const struct step *s = ref_step(&T, rs->text, r);

	buf_printf(&rs->b, "%s%.*s=%s", rs->b.len ? " " : "",
	    (int)(r->len - 2), rs->text + r->off + 1, s ? s->id : "none");
	return 0;
}

/* [G:030] to its step, by value, and to a Markdown link when there is one. */
static void
refs_resolve_and_link(void **state)
{
	static const char prose[] = "See [G:10], [G:020], [G:3], [H:1], "
	    "`[G:010]` and [G:010](x).";
	struct resolved rs = { prose, { 0 } };
	struct buf b = { 0 };

	(void)state;
	add_file("a.c", "C", "/*G:010 a */\n/*G:020 b */\n");
	tour_build(&T);
	refs_scan(prose, strlen(prose), resolve_one, &rs);
	assert_string_equal(buf_cstr(&rs.b),
	    "G:10=G:010 G:020=G:020 G:3=none H:1=none");
	refs_linkify(&T, prose, strlen(prose), &b);
	assert_string_equal(buf_cstr(&b),
	    "See [G:10](#G:010), [G:020](#G:020), "
	    "[G:3], [H:1], `[G:010]` and [G:010](x).");
	/* No tour: the text as it is. */
	b.len = 0;
	refs_linkify(NULL, prose, strlen(prose), &b);
	assert_string_equal(buf_cstr(&b), prose);
	buf_free(&rs.b);
	buf_free(&b);
}

/* The references of a text, each with every step it could name. */
static int
resolve_all(void *arg, const struct ref *r)
{
	struct resolved *rs = arg;
	struct step *const *v;
	size_t i, n = ref_steps(&T, rs->text, r, &v);

	buf_printf(&rs->b, "%s%.*s=", rs->b.len ? " " : "",
	    (int)(r->len - 2), rs->text + r->off + 1);
	if (n == 0)
		buf_adds(&rs->b, "none");
	for (i = 0; i < n; i++)
		buf_printf(&rs->b, "%s%s@%s:%u", i ? "," : "", v[i]->id,
		    v[i]->file->path, v[i]->line);
	return 0;
}

/*
 * A number that steps share names them all, in tour order (path, then
 * line), at either end of a chapter or between; ref_ambiguous() says so.
 */
static void
refs_shared_number(void **state)
{
	static const char prose[] = "[G:1] [G:10] [G:020] [G:30] [G:5] [G:99] "
	    "[H:1]";
	struct resolved rs = { prose, { 0 } };
	struct step *const *v;
	struct chapter *g;
	struct ref r;
	char *msg;
	size_t n, first;

	(void)state;
	add_file("b.c", "C", "/*G:10 b1 */\n/*G:020 b2 */\n/*G:30 b3 */\n");
	add_file("a.c", "C", "/*G:010 a1 */\n/*G:5 a2 */\n/*G:030 a3 */\n"
	    "/*G:99 a4 */\n");
	add_file("c.c", "C", "/*G:1 c1 */\n/*G:030 c2 */\n");
	tour_build(&T);
	refs_scan(prose, strlen(prose), resolve_all, &rs);
	assert_string_equal(buf_cstr(&rs.b),
	    "G:1=G:1@c.c:1 G:10=G:010@a.c:1,G:10@b.c:1 G:020=G:020@b.c:2 "
	    "G:30=G:030@a.c:3,G:30@b.c:3,G:030@c.c:2 G:5=G:5@a.c:2 "
	    "G:99=G:99@a.c:4 H:1=none");
	g = tour_chapter(&T, "G");
	assert_non_null(g);
	first = chapter_find_all(g, "0", 1, &n);
	assert_int_equal(n, 0);
	assert_int_equal(first, 0);
	first = chapter_find_all(g, "100", 3, &n);
	assert_int_equal(n, 0);
	assert_int_equal(first, g->nsteps);
	first = chapter_find_all(g, "1", 1, &n);
	assert_int_equal(n, 1);
	assert_int_equal(first, 0);
	/* [G:30], the fourth reference. */
	memset(&r, 0, sizeof(r));
	r.off = 21;
	r.len = 6;
	r.prefix_off = 22;
	r.prefix_len = 1;
	r.number_off = 24;
	r.number_len = 2;
	assert_memory_equal(prose + r.off, "[G:30]", r.len);
	n = ref_steps(&T, prose, &r, &v);
	assert_int_equal(n, 3);
	msg = ref_ambiguous(prose, &r, v, n);
	assert_string_equal(msg, "[G:30] is ambiguous: step G:030 is at a.c:3, "
	    "at b.c:3 (as G:30) and at c.c:2");
	free(msg);
	msg = ref_ambiguous(prose, &r, v + 1, 2);
	assert_string_equal(msg, "[G:30] is ambiguous: step G:30 is at b.c:3 "
	    "and at c.c:2 (as G:030)");
	free(msg);
	buf_free(&rs.b);
}

int
main(void)
{
#define T_(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T_(block_step_standalone_end),
		T_(one_line_step),
		T_(marker_before_tag),
		T_(next_tag_ends_step),
		T_(other_prefix_is_content),
		T_(eof_ends_steps),
		T_(crlf_lines),
		T_(derived_step_data),
		T_(title_rule),
		T_(file_diagnostics),
		T_(refs_resolve_and_link),
		T_(refs_shared_number),
		T_(step_values),
		T_(line_comment_steps),
		T_(line_marker_not_prose),
		T_(block_prose),
		T_(prose_cut_by_next_tag),
		T_(summaries),
		T_(numcmp_cases),
		T_(tour_chapter_order),
		T_(tour_without_config),
		T_(tour_empty),
		T_(equal_numbers_are_ordered),
		T_(tour_free_zeroes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
