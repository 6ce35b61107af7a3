/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * test_scan.c: scan_text(), the finder of tags, end markers and near-tags.
 *
 * Every mark is checked against the text it was found in: its kind, line,
 * column, the offset of its line (counted here independently of the
 * scanner), and the exact bytes it covers.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "scan.h"

static struct marks M;
static const char *T;		/* the text last scanned */
static size_t TLEN;

static const struct lang *
lang(const char *name)
{
	const struct lang *l = lang_by_name(name);

	assert_non_null(l);
	return l;
}

static size_t
scan_len(const char *name, const char *text, size_t len)
{
	T = text;
	TLEN = len;
	scan_text(text, len, lang(name), &M);
	return M.n;
}

static size_t
scan(const char *name, const char *text)
{
	return scan_len(name, text, strlen(text));
}

/* The offset of the start of line `line` of T, counted without the scanner. */
static size_t
line_start(unsigned line)
{
	size_t i, off = 0;
	unsigned n = 1;

	for (i = 0; i < TLEN && n < line; i++)
		if (T[i] == '\n') {
			n++;
			off = i + 1;
		}
	assert_int_equal(n, line);
	return off;
}

#define EQ(a, b) _assert_int_equal(cast_to_largest_integral_type(a), \
	cast_to_largest_integral_type(b), __FILE__, ln)

/*
 * Mark i is of kind k, at line:col, its bytes start at off and are exactly
 * `covered` (TAG, NEAR: PREFIX:NUMBER...; END: what is deleted).
 */
static void
check_mark(int ln, size_t i, enum mark_kind k, unsigned line, unsigned col,
    size_t off, const char *covered)
{
	const struct mark *m;

	EQ(i < M.n, 1);
	m = &M.v[i];
	EQ(m->kind, k);
	EQ(m->line, line);
	EQ(m->col, col);
	EQ(m->line_off, line_start(line));
	EQ(m->off, off);
	EQ(m->len, strlen(covered));
	EQ(m->off + m->len <= TLEN, 1);
	_assert_memory_equal(T + m->off, covered, strlen(covered), __FILE__,
	    ln);
}
#define MARK(i, k, line, col, off, covered) \
	check_mark(__LINE__, i, k, line, col, off, covered)

static void
check_tag(int ln, size_t i, unsigned prefix_len, unsigned opener_len, int block)
{
	EQ(M.v[i].prefix_len, prefix_len);
	EQ(M.v[i].opener_len, opener_len);
	EQ(M.v[i].block, block);
	/* The opener stands right before PREFIX, at the mark's column. */
	EQ(M.v[i].off - M.v[i].opener_len, M.v[i].line_off + M.v[i].col - 1);
}
#define TAGX(i, pl, ol, blk) check_tag(__LINE__, i, pl, ol, blk)

static int
teardown(void **state)
{
	(void)state;
	free(M.v);
	memset(&M, 0, sizeof(M));
	return 0;
}

/* The basic shape: a C block tag on the first line. */
static void
tag_block_first_line(void **state)
{
	(void)state;
	assert_int_equal(scan("C", "/*G:030 The Guest.\n"), 1);
	MARK(0, MARK_TAG, 1, 1, 2, "G:030");
	TAGX(0, 1, 2, 1);
}

/* Indented, on a later line, with a longer prefix. */
static void
tag_indented_later_line(void **state)
{
	(void)state;
	assert_int_equal(scan("C", "int x;\n\n\t/*HOST:100 text\n"), 1);
	MARK(0, MARK_TAG, 3, 2, 11, "HOST:100");
	TAGX(0, 4, 2, 1);
}

static void
tag_line_comment_c(void **state)
{
	(void)state;
	assert_int_equal(scan("C", "x();  //P:7 why\n"), 1);
	MARK(0, MARK_TAG, 1, 7, 8, "P:7");
	TAGX(0, 1, 2, 0);
}

/* Every opener of every row of the language table opens a tag. */
static void
tag_every_comment_style(void **state)
{
	size_t i, j, ok = 0;

	(void)state;
	for (i = 0; i < lang_count; i++) {
		const struct lang *l = &lang_table[i];
		const char *op[3] = { l->block_open, l->line[0], l->line[1] };

		for (j = 0; j < 3; j++) {
			char text[128];
			size_t n;

			if (op[j] == NULL)
				continue;
			snprintf(text, sizeof(text),
			    "x = 1\n  %sAB:12 words\n", op[j]);
			n = strlen(op[j]);
			T = text;
			TLEN = strlen(text);
			scan_text(text, TLEN, l, &M);
			if (M.n != 1)
				fail_msg("%s, opener %s: %zu marks", l->name,
				    op[j], M.n);
			MARK(0, MARK_TAG, 2, 3, 8 + n, "AB:12");
			TAGX(0, 2, (unsigned)n, j == 0);
			ok++;
		}
	}
	/* 36 languages have at least one opener, PHP has three. */
	assert_true(ok > lang_count);
}

/* Every end marker of every row: standalone, inline, and Sphinx's #: doc. */
static void
end_every_comment_style(void **state)
{
	size_t i, j;

	(void)state;
	for (i = 0; i < lang_count; i++) {
		const struct lang *l = &lang_table[i];
		char text[128], want[16];

		T = text;
		if (l->block_open != NULL) {
			/* A comment of nothing but the marker. */
			snprintf(text, sizeof(text), "a\n\t%s:%s\n",
			    l->block_open, l->block_close);
			snprintf(want, sizeof(want), "%s:%s", l->block_open,
			    l->block_close);
			TLEN = strlen(text);
			scan_text(text, TLEN, l, &M);
			if (M.n != 1)
				fail_msg("%s: %zu marks", l->name, M.n);
			MARK(0, MARK_END, 2, 2, 3, want);
			assert_int_equal(M.v[0].alone, 1);
			/*
			 * At the end of a comment's text: only the colon
			 * goes.
			 */
			snprintf(text, sizeof(text), "  text :%s\n",
			    l->block_close);
			TLEN = strlen(text);
			scan_text(text, TLEN, l, &M);
			assert_int_equal(M.n, 1);
			MARK(0, MARK_END, 1, 8, 7, ":");
			assert_int_equal(M.v[0].alone, 0);
		}
		for (j = 0; j < 2 && l->line[j] != NULL; j++) {
			snprintf(text, sizeof(text), "a\n  %s:\nb\n",
			    l->line[j]);
			snprintf(want, sizeof(want), "%s:", l->line[j]);
			TLEN = strlen(text);
			scan_text(text, TLEN, l, &M);
			if (M.n != 1)
				fail_msg("%s %s: %zu marks", l->name,
				    l->line[j], M.n);
			MARK(0, MARK_END, 2, 3, 4, want);
			assert_int_equal(M.v[0].alone, 1);
			/* Opener, colon, text: a comment, not a marker. */
			snprintf(text, sizeof(text), "a\n  %s: doc\n",
			    l->line[j]);
			TLEN = strlen(text);
			scan_text(text, TLEN, l, &M);
			if (M.n != 0)
				fail_msg("%s '%s: doc': %zu marks", l->name,
				    l->line[j], M.n);
		}
	}
}

/* What may follow NUMBER: space, tab, end of line, CR, closer, :closer, EOF. */
static void
tag_delimiters(void **state)
{
	(void)state;
	assert_int_equal(scan("C", "/*G:1 x"), 1);
	MARK(0, MARK_TAG, 1, 1, 2, "G:1");
	assert_int_equal(scan("C", "/*G:12\tx"), 1);
	MARK(0, MARK_TAG, 1, 1, 2, "G:12");
	assert_int_equal(scan("C", "/*G:123\nx"), 1);
	MARK(0, MARK_TAG, 1, 1, 2, "G:123");
	assert_int_equal(scan("C", "/*G:4\r\n"), 1);
	MARK(0, MARK_TAG, 1, 1, 2, "G:4");
	assert_int_equal(scan("C", "/*G:5*/"), 1);
	MARK(0, MARK_TAG, 1, 1, 2, "G:5");
	assert_int_equal(scan("C", "/*G:6"), 1);	/* end of file */
	MARK(0, MARK_TAG, 1, 1, 2, "G:6");
	assert_int_equal(scan("Python", "#G:7"), 1);
	MARK(0, MARK_TAG, 1, 1, 1, "G:7");
	TAGX(0, 1, 1, 0);
	/* `:*\/` right after the number: a tag and an end marker. */
	assert_int_equal(scan("C", "/*G:8:*/\n"), 2);
	MARK(0, MARK_TAG, 1, 1, 2, "G:8");
	MARK(1, MARK_END, 1, 6, 5, ":");
	assert_int_equal(M.v[1].alone, 0);
}

/* Anything else after the digits makes it only nearly a tag. */
static void
near_tags(void **state)
{
	(void)state;
	assert_int_equal(scan("C", "/*G:03a */"), 1);
	MARK(0, MARK_NEAR, 1, 1, 2, "G:03a");
	assert_int_equal(M.v[0].prefix_len, 1);
	assert_int_equal(M.v[0].opener_len, 2);
	assert_int_equal(scan("C", "x\n /*G: text */"), 1);
	MARK(0, MARK_NEAR, 2, 2, 5, "G:");
	assert_int_equal(scan("C", "/*G:"), 1);
	MARK(0, MARK_NEAR, 1, 1, 2, "G:");
	assert_int_equal(scan("C", "/*G:1;\r\n"), 1);
	MARK(0, MARK_NEAR, 1, 1, 2, "G:1;");
	/* No block closer in Python: "*\/" is not a delimiter there. */
	assert_int_equal(scan("Python", "#G:1*/"), 1);
	MARK(0, MARK_NEAR, 1, 1, 1, "G:1*/");
	/* What it looked like stops after 40 bytes. */
	{
		char text[80], want[41];

		memset(text, 'x', sizeof(text) - 1);
		text[sizeof(text) - 1] = '\0';
		memcpy(text, "/*G:", 4);
		memcpy(want, text + 2, 40);
		want[40] = '\0';
		assert_int_equal(scan("C", text), 1);
		MARK(0, MARK_NEAR, 1, 1, 2, want);
	}
}

/* FORMAT.md's look-alikes. */
static void
look_alikes(void **state)
{
	(void)state;
	assert_int_equal(scan("C", "/* G:030 */\n"), 0);	/* a space */
	assert_int_equal(scan("C", "/*binary:0100 */\n"), 0);	/* lower case */
	assert_int_equal(scan("C", "//default:392\n"), 0);
	assert_int_equal(scan("C", "/*Gx:1 */\n"), 0);
	assert_int_equal(scan("C", "/*xG:1 */\n"), 0);		/* x before G */
	assert_int_equal(scan("C", "return x ? y : z; /* H:1 */\n"), 0);
	assert_int_equal(scan("C", "a = b ? C:1 : 2;\n"), 0);	/* no opener */
	assert_int_equal(scan("C", "std::string s = \"http://x\";\n"), 0);
	assert_int_equal(scan("C", "#G:030\n"), 0);	/* not C's opener */
	assert_int_equal(scan("Python", "//G:030\n/*G:030\n"), 0);
	assert_int_equal(scan("Python", "#: doc comment\n#:x\n"), 0);
	assert_int_equal(scan("CSS", "//G:1\n"), 0);	/* no line comments */
	/* no block comments */
	assert_int_equal(scan("Zig", "/*G:1\n:*/\n"), 0);
	assert_int_equal(scan("Python", "x = 1 :*/\n"), 0);
	assert_int_equal(scan("C", "//: not alone\n"), 0);
	/* Digits that run into a letter: not a tag, only nearly one. */
	assert_int_equal(scan("C", "\t.long 0 /*UOFF:0x30 */\n"), 1);
	MARK(0, MARK_NEAR, 1, 10, 11, "UOFF:0x30");
	assert_int_equal(M.v[0].prefix_len, 4);
}

/* A tag needs its opener right before PREFIX; the innermost opener counts. */
static void
openers_run_together(void **state)
{
	(void)state;
	assert_int_equal(scan("C", "////G:1\n"), 1);
	MARK(0, MARK_TAG, 1, 3, 4, "G:1");
	TAGX(0, 1, 2, 0);
	assert_int_equal(scan("Lisp", ";;;G:2 x\n"), 1);
	MARK(0, MARK_TAG, 1, 3, 3, "G:2");
	TAGX(0, 1, 1, 0);
	assert_int_equal(scan("Lua", "---G:3\n"), 1);
	MARK(0, MARK_TAG, 1, 2, 3, "G:3");
	assert_int_equal(scan("SQL", "/*Q:1*/ --Q:2\n"), 2);
	MARK(0, MARK_TAG, 1, 1, 2, "Q:1");
	TAGX(0, 1, 2, 1);
	MARK(1, MARK_TAG, 1, 9, 10, "Q:2");
	TAGX(1, 1, 2, 0);
	assert_int_equal(scan("PHP", "<?php # A:1\n#A:1 //B:2\n"), 2);
	MARK(0, MARK_TAG, 2, 1, 13, "A:1");
	MARK(1, MARK_TAG, 2, 6, 19, "B:2");
}

/* End markers alone and not, in block and in line comments. */
static void
end_markers(void **state)
{
	(void)state;
	/* Alone: the whole comment is deleted, indentation stays. */
	assert_int_equal(scan("C", "code;\n\t/*:*/\n"), 1);
	MARK(0, MARK_END, 2, 2, 7, "/*:*/");
	assert_int_equal(M.v[0].alone, 1);
	/* At the end of prose: only the colon. */
	assert_int_equal(scan("C", " * so there. :*/\n"), 1);
	MARK(0, MARK_END, 1, 14, 13, ":");
	assert_int_equal(M.v[0].alone, 0);
	/* After code on the line, still a marker. */
	assert_int_equal(scan("C", "x(); /*:*/\n"), 1);
	MARK(0, MARK_END, 1, 6, 5, "/*:*/");
	assert_int_equal(M.v[0].alone, 1);
	/* A closer glued to anything but the colon: not a marker. */
	assert_int_equal(scan("C", "/* a */ b: */\n"), 0);
	/* Line comments: only blanks (and a CR) may follow the colon. */
	assert_int_equal(scan("C", "//:\n"), 1);
	MARK(0, MARK_END, 1, 1, 0, "//:");
	assert_int_equal(scan("C", "  //: \t\r\nx"), 1);
	MARK(0, MARK_END, 1, 3, 2, "//:");
	assert_int_equal(scan("Python", "x = 1\n#:"), 1);	/* at EOF */
	MARK(0, MARK_END, 2, 1, 6, "#:");
	assert_int_equal(M.v[0].alone, 1);
	assert_int_equal(scan("Shell", "echo hi #:\n"), 1);
	MARK(0, MARK_END, 1, 9, 8, "#:");
	assert_int_equal(scan("Lisp", ";:\n"), 1);
	MARK(0, MARK_END, 1, 1, 0, ";:");
	/* In a block language, `//:*\/` is the block marker, not `//:`. */
	assert_int_equal(scan("C", "//:*/\n"), 1);
	MARK(0, MARK_END, 1, 3, 2, ":");
	assert_int_equal(M.v[0].alone, 0);
}

/* Lines are counted the same with and without a last newline, and with CRs. */
static void
line_counting(void **state)
{
	(void)state;
	assert_int_equal(scan("C", "a\nb\n/*G:1\n"), 1);
	MARK(0, MARK_TAG, 3, 1, 6, "G:1");
	assert_int_equal(scan("C", "a\nb\n/*G:1"), 1);
	MARK(0, MARK_TAG, 3, 1, 6, "G:1");
	assert_int_equal(scan("C", "\n\n\n  //G:1"), 1);
	MARK(0, MARK_TAG, 4, 3, 7, "G:1");
	assert_int_equal(scan("C", "a\r\nb\r\n/*G:1\r\n/*:*/\r\n"), 2);
	MARK(0, MARK_TAG, 3, 1, 8, "G:1");
	MARK(1, MARK_END, 4, 1, 13, "/*:*/");
	/* A CR alone does not end a line. */
	assert_int_equal(scan("C", "a\rb\r/*G:1\n"), 1);
	MARK(0, MARK_TAG, 1, 5, 6, "G:1");
}

/* Many marks: in text order, each on its own line and column. */
static void
many_marks_in_order(void **state)
{
	static const char text[] =
	    "/*P:100 Preparation\n"		/* 0 */
	    " * ends here :*/\n"		/* 20 */
	    "int x; /*G:20*/ /*H:1*/\n"		/* 37 */
	    "\n"				/* 61 */
	    "/*G:2a*/\n"			/* 62 */
	    "\t/*:*/\n"				/* 71 */
	    "//D:010";				/* 78 */

	(void)state;
	assert_int_equal(scan("C", text), 7);
	MARK(0, MARK_TAG, 1, 1, 2, "P:100");
	MARK(1, MARK_END, 2, 14, 33, ":");
	MARK(2, MARK_TAG, 3, 8, 46, "G:20");
	MARK(3, MARK_TAG, 3, 17, 55, "H:1");
	MARK(4, MARK_NEAR, 5, 1, 64, "G:2a*/");
	MARK(5, MARK_END, 6, 2, 72, "/*:*/");
	MARK(6, MARK_TAG, 7, 1, 80, "D:010");
}

/* Several tags on one line, of one prefix and of two. */
static void
tags_on_one_line(void **state)
{
	(void)state;
	assert_int_equal(scan("C", "/*G:1*/ /*G:2*/ //H:3\n"), 3);
	MARK(0, MARK_TAG, 1, 1, 2, "G:1");
	MARK(1, MARK_TAG, 1, 9, 10, "G:2");
	MARK(2, MARK_TAG, 1, 17, 18, "H:3");
}

/* Texts with nothing, or only colons, hold no marks; len bounds the scan. */
static void
nothing_to_find(void **state)
{
	(void)state;
	assert_int_equal(scan("C", ""), 0);
	assert_int_equal(scan("C", ":"), 0);
	assert_int_equal(scan("C", "::::\n:"), 0);
	assert_int_equal(scan("C", "int main(void) { return 0; }\n"), 0);
	/* The bytes past len are not read: the tag is cut to a near one... */
	assert_int_equal(scan_len("C", "/*G:12 x", 4), 1);
	MARK(0, MARK_NEAR, 1, 1, 2, "G:");
	/* ...or to a tag that ends at the end of the text. */
	assert_int_equal(scan_len("C", "/*G:12x", 6), 1);
	MARK(0, MARK_TAG, 1, 1, 2, "G:12");
	/* A closer cut in half is no closer. */
	assert_int_equal(scan_len("C", "x :*/", 4), 0);
	/* NUL bytes are text like any other. */
	assert_int_equal(scan_len("C", "\0\n\0/*G:1\0", 9), 1);
	assert_int_equal(M.v[0].kind, MARK_NEAR);
	assert_int_equal(M.v[0].line, 2);
	assert_int_equal(M.v[0].col, 2);
	assert_int_equal(M.v[0].line_off, 2);
	assert_int_equal(M.v[0].off, 5);
	assert_int_equal(M.v[0].len, 4);	/* "G:1" and the NUL */
}

/* The scanner resets its output: a second scan does not append. */
static void
rescan_resets(void **state)
{
	(void)state;
	assert_int_equal(scan("C", "/*A:1*/ /*B:2*/ /*C:3*/\n"), 3);
	assert_int_equal(scan("C", "x\n/*Z:9*/\n"), 1);
	MARK(0, MARK_TAG, 2, 1, 4, "Z:9");
	assert_int_equal(scan("C", "nothing"), 0);
}

/* A long number is a tag like any other: its value is build.c's concern. */
static void
long_number(void **state)
{
	(void)state;
	assert_int_equal(scan("Go", "//Z:123456789012345678901234567890\n"), 1);
	MARK(0, MARK_TAG, 1, 1, 2, "Z:123456789012345678901234567890");
}

/* The lguest README and a real lguest header comment. */
static void
lguest_snippets(void **state)
{
	static const char text[] =
	    "/*G:010 Welcome to the Guest!\n"
	    " *\n"
	    " * The Guest in our tale is a simple creature. :*/\n"
	    "#include <linux/kernel.h>\n"
	    "/*G:020 Wow, in a way. */\n"
	    "static int lguest_x(void)\n"
	    "{\n"
	    "\treturn 0;\n"
	    "}\n"
	    "/*:*/\n";

	(void)state;
	assert_int_equal(scan("C", text), 4);
	MARK(0, MARK_TAG, 1, 1, 2, "G:010");
	MARK(1, MARK_END, 3, 48, 80, ":");
	MARK(2, MARK_TAG, 5, 1, 112, "G:020");
	MARK(3, MARK_END, 10, 1, 177, "/*:*/");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(tag_block_first_line, teardown),
		cmocka_unit_test_teardown(tag_indented_later_line, teardown),
		cmocka_unit_test_teardown(tag_line_comment_c, teardown),
		cmocka_unit_test_teardown(tag_every_comment_style, teardown),
		cmocka_unit_test_teardown(end_every_comment_style, teardown),
		cmocka_unit_test_teardown(tag_delimiters, teardown),
		cmocka_unit_test_teardown(near_tags, teardown),
		cmocka_unit_test_teardown(look_alikes, teardown),
		cmocka_unit_test_teardown(openers_run_together, teardown),
		cmocka_unit_test_teardown(end_markers, teardown),
		cmocka_unit_test_teardown(line_counting, teardown),
		cmocka_unit_test_teardown(many_marks_in_order, teardown),
		cmocka_unit_test_teardown(tags_on_one_line, teardown),
		cmocka_unit_test_teardown(nothing_to_find, teardown),
		cmocka_unit_test_teardown(rescan_resets, teardown),
		cmocka_unit_test_teardown(long_number, teardown),
		cmocka_unit_test_teardown(lguest_snippets, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
