/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * test_config.c: config_parse() over .quest texts, config_selects() and
 * config_lang().
 *
 * Each case checks what the config holds and every diagnostic it gave:
 * which one, on which line, and whether it stops quest.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "lang.h"
#include "util.h"

static struct config C;
static struct diags D;

static int
setup(void **state)
{
	(void)state;
	memset(&C, 0, sizeof(C));
	diags_init(&D);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	config_free(&C);
	diags_free(&D);
	return 0;
}

static int
parse(const char *text)
{
	/* A second parse in one test starts afresh. */
	config_free(&C);
	diags_free(&D);
	diags_init(&D);
	return config_parse(&C, ".quest", text, strlen(text), &D);
}

#define EQ(a, b) _assert_int_equal(cast_to_largest_integral_type(a), \
	cast_to_largest_integral_type(b), __FILE__, ln)

/* Diagnostic i is id at line:col of .quest, and its message holds `has`. */
static void
check_diag(int ln, size_t i, enum diag_id id, unsigned line, unsigned col,
    const char *has)
{
	EQ(i < D.n, 1);
	EQ(D.v[i].id, id);
	EQ(D.v[i].line, line);
	EQ(D.v[i].col, col);
	_assert_string_equal(D.v[i].path, ".quest", __FILE__, ln);
	if (has != NULL && strstr(D.v[i].msg, has) == NULL)
		fail_msg("line %d: '%s' does not say '%s'", ln, D.v[i].msg,
		    has);
}
#define DIAG(i, id, line, col, has) check_diag(__LINE__, i, id, line, col, has)

static void
check_chapter(int ln, size_t i, const char *prefix, const char *name,
    unsigned line)
{
	EQ(i < C.nchapters, 1);
	_assert_string_equal(C.chapters[i].prefix, prefix, __FILE__, ln);
	_assert_string_equal(C.chapters[i].name, name, __FILE__, ln);
	EQ(C.chapters[i].line, line);
}
#define CHAPTER(i, prefix, name, line) \
	check_chapter(__LINE__, i, prefix, name, line)

/* The config of the lguest corpus, as it is. */
static void
lguest_config(void **state)
{
	static const char text[] =
	    "# The chapters of lguest's Quest, as drivers/lguest/Makefile "
	    "names them.\n"
	    "[tour]\n"
	    "title = lguest: the Quest\n"
	    "intro = drivers/lguest/README\n"
	    "\n"
	    "[chapter P]\n"
	    "name = Preparation\n"
	    "\n"
	    "[chapter G]\n"
	    "name = Guest\n"
	    "\n"
	    "[chapter D]\n"
	    "name = Drivers\n"
	    "\n"
	    "[chapter L]\n"
	    "name = Launcher\n"
	    "\n"
	    "[chapter H]\n"
	    "name = Host\n"
	    "\n"
	    "[chapter S]\n"
	    "name = Switcher\n"
	    "\n"
	    "[chapter M]\n"
	    "name = Mastery\n";

	(void)state;
	assert_int_equal(parse(text), 0);
	assert_int_equal(D.n, 0);
	assert_string_equal(C.path, ".quest");
	assert_string_equal(C.title, "lguest: the Quest");
	assert_string_equal(C.intro, "drivers/lguest/README");
	assert_int_equal(C.intro_line, 4);
	assert_int_equal(C.nchapters, 7);
	CHAPTER(0, "P", "Preparation", 6);
	CHAPTER(1, "G", "Guest", 9);
	CHAPTER(2, "D", "Drivers", 12);
	CHAPTER(3, "L", "Launcher", 15);
	CHAPTER(4, "H", "Host", 18);
	CHAPTER(5, "S", "Switcher", 21);
	CHAPTER(6, "M", "Mastery", 24);
	assert_int_equal(C.ninclude, 0);
	assert_int_equal(C.nexclude, 0);
}

static void
empty_config(void **state)
{
	(void)state;
	assert_int_equal(parse(""), 0);
	assert_int_equal(D.n, 0);
	assert_string_equal(C.path, ".quest");
	assert_null(C.title);
	assert_null(C.intro);
	assert_int_equal(C.nchapters, 0);
	assert_int_equal(parse("; only\n# comments\n\n   \n"), 0);
	assert_int_equal(D.n, 0);
	assert_int_equal(C.nchapters, 0);
}

/* Sections keep their order; [tour] may come anywhere. */
static void
section_order(void **state)
{
	(void)state;
	assert_int_equal(parse("[chapter Z]\nname = Last\n[tour]\ntitle = T\n"
	    "[chapter A]\nname = First\n[chapter MM]\n"), 0);
	assert_int_equal(D.n, 0);
	assert_int_equal(C.nchapters, 3);
	CHAPTER(0, "Z", "Last", 1);
	CHAPTER(1, "A", "First", 5);
	CHAPTER(2, "MM", "MM", 7);
	assert_string_equal(C.title, "T");
}

/* A section with no keys still declares its chapter, named by its prefix. */
static void
empty_chapter_declares(void **state)
{
	(void)state;
	assert_int_equal(parse("[chapter X]\n[chapter Y]\nname = Why\n"
	    "[chapter Q]"), 0);
	assert_int_equal(D.n, 0);
	assert_int_equal(C.nchapters, 3);
	CHAPTER(0, "X", "X", 1);
	CHAPTER(1, "Y", "Why", 2);
	CHAPTER(2, "Q", "Q", 4);
	/* An empty name is no name. */
	assert_int_equal(parse("[chapter G]\nname =\n"), 0);
	CHAPTER(0, "G", "G", 1);
}

/* Blanks around the brackets and the prefix do not matter. */
static void
section_blanks(void **state)
{
	(void)state;
	assert_int_equal(parse("  [ chapter \t G ]  \nname =   Guest  \n"), 0);
	assert_int_equal(D.n, 0);
	assert_int_equal(C.nchapters, 1);
	CHAPTER(0, "G", "Guest", 1);
	assert_int_equal(parse("[chapter\tHOST]\n"), 0);
	CHAPTER(0, "HOST", "HOST", 1);
}

/* Unknown keys and sections are warnings with their own line. */
static void
unknown_key_and_section(void **state)
{
	(void)state;
	assert_int_equal(parse("[tour]\ntitle = T\n\ncolour = red\n"
	    "[chapter G]\nname = Guest\nsummary = x\n"), 0);
	assert_int_equal(D.n, 2);
	DIAG(0, D_UNKNOWN_KEY, 4, 1, "'colour'");
	DIAG(1, D_UNKNOWN_KEY, 7, 1, "'summary' in [chapter G]");
	assert_string_equal(C.title, "T");
	CHAPTER(0, "G", "Guest", 5);

	/* An unknown section is reported once, not once a key. */
	assert_int_equal(parse("[tour]\n\n; [x]\n[extra]\nkey = v\nother = w\n"
	    "[chapter G]\n"), 0);
	assert_int_equal(D.n, 1);
	DIAG(0, D_UNKNOWN_SECTION, 4, 1, "[extra]");
	assert_int_equal(C.nchapters, 1);
	CHAPTER(0, "G", "G", 7);

	/* "chapterG" is not a chapter section. */
	assert_int_equal(parse("[chapterG]\nname = x\n"), 0);
	assert_int_equal(D.n, 1);
	DIAG(0, D_UNKNOWN_SECTION, 1, 1, "[chapterG]");
	assert_int_equal(C.nchapters, 0);

	/* Keys before any section. */
	assert_int_equal(parse("\ntitle = x\n[tour]\n"), 0);
	assert_int_equal(D.n, 1);
	DIAG(0, D_UNKNOWN_KEY, 2, 1, "outside any section");
	assert_null(C.title);
}

/* What inih cannot parse is an error on its line, and stops quest. */
static void
syntax_errors(void **state)
{
	(void)state;
	assert_int_equal(parse("[tour]\ntitle = ok\nthis is not ini\n"), -1);
	assert_int_equal(D.n, 1);
	DIAG(0, D_CONFIG_SYNTAX, 3, 1, "syntax error");
	/* Comments and blank lines count as lines. */
	assert_int_equal(parse("; comment\n# comment\n\n[tour]\n[broken\n"),
	    -1);
	assert_int_equal(D.n, 1);
	DIAG(0, D_CONFIG_SYNTAX, 5, 1, "syntax error");
	/* The first error is the one reported. */
	assert_int_equal(parse("[tour]\nbad\nworse\n"), -1);
	assert_int_equal(D.n, 1);
	DIAG(0, D_CONFIG_SYNTAX, 2, 1, NULL);
	/* CRLF lines count once each. */
	assert_int_equal(parse("[tour]\r\n\r\ntitle = x\r\noops\r\n"), -1);
	DIAG(0, D_CONFIG_SYNTAX, 4, 1, NULL);
}

/* A NUL byte: not a text file at all. */
static void
nul_byte(void **state)
{
	static const char text[] = "[tour]\n\0title = x\n";

	(void)state;
	assert_int_equal(config_parse(&C, ".quest", text, sizeof(text) - 1, &D),
	    -1);
	assert_int_equal(D.n, 1);
	DIAG(0, D_CONFIG_SYNTAX, 0, 0, "NUL");
	assert_null(C.title);
}

/* A line longer than inih's buffer is refused, not split. */
static void
long_line(void **state)
{
	char text[512];

	(void)state;
	memset(text, 'a', sizeof(text));
	memcpy(text, "[tour]\n\ntitle = ", 16);
	text[300] = '\n';
	memcpy(text + 301, "[chapter G]\n", 13);
	assert_int_equal(parse(text), -1);
	assert_int_equal(D.n, 1);
	DIAG(0, D_CONFIG_SYNTAX, 3, 1, "too long");
	assert_null(C.title);
	assert_int_equal(C.nchapters, 0);
	/* A long line of under 200 bytes is fine. */
	text[150] = '\n';
	text[151] = '\0';
	assert_int_equal(parse(text), 0);
	assert_int_equal(D.n, 0);
	assert_int_equal(strlen(C.title), 150 - 16);
}

/* A chapter prefix is one or more capitals; anything else stops quest. */
static void
bad_prefix(void **state)
{
	(void)state;
	assert_int_equal(parse("[tour]\n[chapter g]\nname = guest\n"), -1);
	assert_int_equal(D.n, 1);
	DIAG(0, D_CONFIG_VALUE, 2, 1, "'g'");
	assert_int_equal(C.nchapters, 0);
	assert_int_equal(parse("[chapter G1]\n"), -1);
	DIAG(0, D_CONFIG_VALUE, 1, 1, "'G1'");
	assert_int_equal(parse("\n\n[chapter]\n"), -1);
	DIAG(0, D_CONFIG_VALUE, 3, 1, "capital letters");
	assert_int_equal(parse("[chapter G H]\n"), -1);
	DIAG(0, D_CONFIG_VALUE, 1, 1, "'G H'");
	assert_int_equal(parse("[chapter \xc3\x89]\n"), -1);
	DIAG(0, D_CONFIG_VALUE, 1, 1, NULL);
	/* The good chapters around a bad one are still read. */
	assert_int_equal(parse("[chapter A]\n[chapter b]\nname = x\n"
	    "[chapter C]\n"), -1);
	assert_int_equal(D.n, 1);
	DIAG(0, D_CONFIG_VALUE, 2, 1, "'b'");
	assert_int_equal(C.nchapters, 2);
	CHAPTER(0, "A", "A", 1);
	CHAPTER(1, "C", "C", 4);
}

static void
prefix_valid_cases(void **state)
{
	(void)state;
	assert_true(prefix_valid("G", 1));
	assert_true(prefix_valid("HOST", 4));
	assert_true(prefix_valid("AZ", 2));
	assert_false(prefix_valid("", 0));
	assert_false(prefix_valid("g", 1));
	assert_false(prefix_valid("G1", 2));
	assert_false(prefix_valid("G_", 2));
	assert_false(prefix_valid("@", 1));	/* just before A */
	assert_false(prefix_valid("[", 1));	/* just after Z */
	assert_true(prefix_valid("Gx", 1));	/* n bounds it */
}

/* One chapter declared twice; two chapters with one name. */
static void
duplicates(void **state)
{
	(void)state;
	assert_int_equal(parse("[chapter G]\nname = Guest\n\n[chapter G]\n"
	    "name = Again\n"), -1);
	assert_int_equal(D.n, 1);
	DIAG(0, D_CONFIG_VALUE, 4, 1, "first at line 1");
	assert_int_equal(C.nchapters, 1);
	CHAPTER(0, "G", "Guest", 1);

	assert_int_equal(parse("[chapter G]\nname = Same\n[chapter H]\n"
	    "name = Same\n"), -1);
	assert_int_equal(D.n, 1);
	DIAG(0, D_CONFIG_VALUE, 3, 1, "already names chapter G (line 1)");

	/* A name that is another chapter's prefix, either way round. */
	assert_int_equal(parse("[chapter G]\nname = H\n[chapter H]\n"
	    "name = Host\n"), -1);
	assert_int_equal(D.n, 1);
	DIAG(0, D_CONFIG_VALUE, 3, 1, "chapter H");
	assert_int_equal(parse("[chapter G]\n[chapter H]\nname = G\n"), -1);
	assert_int_equal(D.n, 1);
	DIAG(0, D_CONFIG_VALUE, 2, 1, "named 'G'");

	/* A name equal to its own prefix is fine. */
	assert_int_equal(parse("[chapter G]\nname = G\n[chapter H]\n"), 0);
	assert_int_equal(D.n, 0);

	/* intro twice. */
	assert_int_equal(parse("[tour]\nintro = README\nintro = NEWS\n"), -1);
	assert_int_equal(D.n, 1);
	DIAG(0, D_CONFIG_VALUE, 3, 1, "intro");
	assert_string_equal(C.intro, "README");
	assert_int_equal(C.intro_line, 2);
}

/* intro: an empty one is none. */
static void
intro_empty(void **state)
{
	(void)state;
	assert_int_equal(parse("[tour]\nintro =\n"), 0);
	assert_null(C.intro);
	assert_int_equal(D.n, 0);
}

/* inih's own rules, as quest relies on them. */
static void
ini_details(void **state)
{
	(void)state;
	/* A continued line joins the value with one space. */
	assert_int_equal(parse("[tour]\ntitle = lguest:\n  the Quest\n"), 0);
	assert_string_equal(C.title, "lguest: the Quest");
	/* Inline comments after " ;"; a ';' inside a word stays. */
	assert_int_equal(parse("[chapter G]\nname = Guest ; the guest\n"
	    "[chapter H]\nname = Ho;st\n"), 0);
	CHAPTER(0, "G", "Guest", 1);
	CHAPTER(1, "H", "Ho;st", 3);
	/* ':' separates as '=' does. */
	assert_int_equal(parse("[tour]\ntitle: T\n"), 0);
	assert_string_equal(C.title, "T");
	/* CRLF, and no newline at the end. */
	assert_int_equal(parse("[tour]\r\ntitle = T\r\n[chapter G]\r\n"
	    "name = Guest"), 0);
	assert_int_equal(D.n, 0);
	assert_string_equal(C.title, "T");
	CHAPTER(0, "G", "Guest", 3);
	/* A UTF-8 byte order mark. */
	assert_int_equal(parse("\xEF\xBB\xBF[chapter G]\nname = Guest\n"), 0);
	assert_int_equal(D.n, 0);
	CHAPTER(0, "G", "Guest", 1);
	/* Brackets in a value are a value. */
	assert_int_equal(parse("[tour]\ntitle = [x] y\n"), 0);
	assert_string_equal(C.title, "[x] y");
	assert_int_equal(C.nchapters, 0);
	/* A comment that looks like a section is a comment. */
	assert_int_equal(parse("; [chapter G]\n# [chapter H]\n"), 0);
	assert_int_equal(C.nchapters, 0);
}

static void
include_exclude_words(void **state)
{
	(void)state;
	assert_int_equal(parse("[tour]\ninclude = drivers/lguest  include\n"
	    "include = arch/x86/lguest\nexclude = *.txt\ttests/\n"), 0);
	assert_int_equal(D.n, 0);
	assert_int_equal(C.ninclude, 3);
	assert_string_equal(C.include[0], "drivers/lguest");
	assert_string_equal(C.include[1], "include");
	assert_string_equal(C.include[2], "arch/x86/lguest");
	assert_int_equal(C.nexclude, 2);
	assert_string_equal(C.exclude[0], "*.txt");
	assert_string_equal(C.exclude[1], "tests/");
	/* include and exclude are [tour] keys only. */
	assert_int_equal(parse("[chapter G]\ninclude = x\n"), 0);
	assert_int_equal(D.n, 1);
	DIAG(0, D_UNKNOWN_KEY, 2, 1, "'include'");
	assert_int_equal(C.ninclude, 0);
}

/* config_selects() with the globs of a parsed config. */
static void
selects(void **state)
{
	(void)state;
	/* No include: everything. */
	assert_int_equal(parse("[tour]\n"), 0);
	assert_true(config_selects(&C, "a.c"));
	assert_true(config_selects(&C, "deep/down/x.S"));

	/* A glob with '/': the whole path or a leading directory. */
	assert_int_equal(parse("[tour]\ninclude = drivers/lguest\n"), 0);
	assert_true(config_selects(&C, "drivers/lguest"));
	assert_true(config_selects(&C, "drivers/lguest/core.c"));
	assert_true(config_selects(&C, "drivers/lguest/x86/core.c"));
	assert_false(config_selects(&C, "drivers/lguestx/core.c"));
	assert_false(config_selects(&C, "drivers/net/x.c"));
	assert_false(config_selects(&C, "arch/drivers/lguest/a.c"));
	assert_false(config_selects(&C, "drivers"));

	/* Without '/': any one component. */
	assert_int_equal(parse("[tour]\ninclude = *.c Makefile\n"), 0);
	assert_true(config_selects(&C, "x.c"));
	assert_true(config_selects(&C, "a/b/x.c"));
	assert_true(config_selects(&C, "drivers/lguest/Makefile"));
	assert_false(config_selects(&C, "x.h"));
	assert_false(config_selects(&C, "x.cc"));
	assert_false(config_selects(&C, "Makefile.am"));
	assert_true(config_selects(&C, "src.c/README")); /* a component */

	/* Exclude wins over include. */
	assert_int_equal(parse("[tour]\ninclude = drivers arch\n"
	    "exclude = tests *.txt drivers/lguest/x86\n"), 0);
	assert_true(config_selects(&C, "drivers/lguest/core.c"));
	assert_true(config_selects(&C, "arch/x86/lguest/boot.c"));
	assert_false(config_selects(&C, "drivers/tests/a.c"));
	assert_false(config_selects(&C, "drivers/README.txt"));
	assert_false(config_selects(&C, "drivers/lguest/x86/core.c"));
	assert_true(config_selects(&C, "drivers/testsuite/a.c"));
	assert_false(config_selects(&C, "tools/a.c"));

	/* Exclude alone. */
	assert_int_equal(parse("[tour]\nexclude = Documentation\n"), 0);
	assert_true(config_selects(&C, "a.c"));
	assert_false(config_selects(&C, "Documentation/lguest/lguest.c"));

	/* '*' crosses '/' in a glob with '/'; a leading or trailing '/' is
	 * ignored. */
	assert_int_equal(parse("[tour]\ninclude = drivers/*.c /tools/ src/\n"),
	    0);
	assert_true(config_selects(&C, "drivers/lguest/core.c"));
	assert_false(config_selects(&C, "drivers/lguest/lg.h"));
	assert_true(config_selects(&C, "tools/lguest/lguest.c"));
	assert_false(config_selects(&C, "mytools/a.c"));
	assert_true(config_selects(&C, "src/a.c"));
	assert_true(config_selects(&C, "lib/src/a.c"));	/* "src" alone */
	/* ...in leading directories too. */
	assert_int_equal(parse("[tour]\ninclude = arch/*lguest\n"), 0);
	assert_true(config_selects(&C, "arch/x86/lguest/boot.c"));
	assert_false(config_selects(&C, "arch/x86/kvm/x.c"));

	/* Character classes and '?'. */
	assert_int_equal(parse("[tour]\ninclude = ?.[ch]\n"), 0);
	assert_true(config_selects(&C, "dir/a.c"));
	assert_true(config_selects(&C, "b.h"));
	assert_false(config_selects(&C, "ab.c"));
	assert_false(config_selects(&C, "a.s"));
}

/* config_free() leaves a config that can be freed again. */
static void
free_twice(void **state)
{
	(void)state;
	assert_int_equal(parse("[tour]\ntitle = T\ninclude = a\nexclude = b\n"
	    "[chapter G]\n"), 0);
	config_free(&C);
	assert_null(C.path);
	assert_null(C.title);
	assert_null(C.chapters);
	assert_int_equal(C.nchapters, 0);
	assert_int_equal(C.ninclude, 0);
	assert_int_equal(C.nexclude, 0);
	config_free(&C);
}

/*
 * An indented section header after a key is, for inih, a continuation line
 * of that key; quest's reader must read it the same way, and not declare a
 * chapter that inih never saw.
 */
static void
indented_section_continues(void **state)
{
	(void)state;
	assert_int_equal(parse("[tour]\ntitle = x\n  [chapter G]\n"
	    "  name = Guest\n"), 0);
	/* Either inih's reading (all of it continues the title)... */
	if (C.nchapters == 0) {
		assert_int_equal(D.n, 0);
		return;
	}
	/* ...or a section, then, with its name. */
	assert_int_equal(D.n, 0);
	CHAPTER(0, "G", "Guest", 3);
}

/*
 * [language NAME]: a language of lang.c by its name in any case, its
 * files; an unknown one stops quest, naming the line; then config_lang()
 * picks a file's language, the first section that matches first.
 */
static void
language_sections(void **state)
{
	(void)state;
	assert_int_equal(parse("[chapter G]\n[language c]\nfiles = *.y *.l\n"
	    "  parse/*.inc\n[language C++]\nfiles = *.y *.h\n"
	    "[language  Assembly (NASM) ]\nfiles = /boot/*.s\n"), 0);
	assert_int_equal(D.n, 0);
	assert_int_equal(C.nlangs, 3);
	assert_ptr_equal(C.langs[0].lang, lang_by_name("C"));
	assert_int_equal(C.langs[0].line, 2);
	assert_int_equal(C.langs[0].nfiles, 3);
	assert_string_equal(C.langs[0].files[2], "parse/*.inc");
	assert_ptr_equal(C.langs[2].lang, lang_by_name("Assembly (NASM)"));
	assert_ptr_equal(config_lang(&C, "src/parser.y"), lang_by_name("C"));
	assert_ptr_equal(config_lang(&C, "lex.l"), lang_by_name("C"));
	assert_ptr_equal(config_lang(&C, "parse/a/x.inc"), lang_by_name("C"));
	assert_null(config_lang(&C, "x.inc"));
	assert_ptr_equal(config_lang(&C, "include/a.h"), lang_by_name("C++"));
	assert_ptr_equal(config_lang(&C, "boot/x.s"),
	    lang_by_name("Assembly (NASM)"));
	assert_ptr_equal(config_lang(&C, "arch/boot/x.s"),
	    lang_by_name("Assembly"));
	assert_ptr_equal(config_lang(&C, "a.c"), lang_by_name("C"));
	assert_null(config_lang(&C, "Kconfig"));

	/* An unknown language, or none, stops quest on its line. */
	assert_int_equal(parse("[chapter G]\n\n[language Klingon]\n"
	    "files = *.k\n"), -1);
	assert_int_equal(D.n, 1);
	DIAG(0, D_CONFIG_VALUE, 3, 1, "unknown language 'Klingon'");
	assert_non_null(strstr(D.v[0].msg, "known: C, C++,"));
	assert_int_equal(parse("[language]\n"), -1);
	DIAG(0, D_CONFIG_VALUE, 1, 1, "unknown language ''");
	/* "languages" is no language section; other keys are unknown. */
	assert_int_equal(parse("[languages C]\n[language C]\nfile = *.y\n"),
	    0);
	assert_int_equal(D.n, 2);
	DIAG(0, D_UNKNOWN_SECTION, 1, 1, "[language NAME]");
	DIAG(1, D_UNKNOWN_KEY, 3, 1, "'file' in [language C]; known: files");
	assert_int_equal(C.nlangs, 1);
	assert_int_equal(C.langs[0].nfiles, 0);
}

int
main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(lguest_config),
		T(empty_config),
		T(section_order),
		T(empty_chapter_declares),
		T(section_blanks),
		T(unknown_key_and_section),
		T(syntax_errors),
		T(nul_byte),
		T(long_line),
		T(bad_prefix),
		T(prefix_valid_cases),
		T(duplicates),
		T(intro_empty),
		T(ini_details),
		T(include_exclude_words),
		T(selects),
		T(free_twice),
		T(indented_section_continues),
		T(language_sections),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
