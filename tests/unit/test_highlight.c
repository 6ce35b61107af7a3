/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * test_highlight.c: highlight() with each grammar quest has, on a small
 * real snippet, down to the class of chosen tokens; the promises of its
 * output (sorted, apart, inside the text) on a large real file and on
 * random bytes; comments and strings alone for a language with no
 * grammar; and calls from several threads at once.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "highlight.h"
#include "lang.h"
#include "util.h"

#define CORE_C	"/work/shared/corpus/lguest-late/drivers/lguest/core.c"

struct hl {
	const char	*text;
	size_t		 len;
	struct hl_span	*v;
	size_t		 n;
};

/* The spans keep every promise of highlight.h. */
static void
assert_well_formed(const struct hl *h)
{
	static const char *const classes[] = { "keyword", "string",
	    "comment", "function", "type", "number", "constant", "variable",
	    "property", "operator", "punctuation", "label", "attribute",
	    "escape", "macro" };
	size_t i, j;

	for (i = 0; i < h->n; i++) {
		assert_true(h->v[i].start < h->v[i].end);
		assert_true(h->v[i].end <= h->len);
		if (i > 0)
			assert_true(h->v[i - 1].end <= h->v[i].start);
		assert_non_null(h->v[i].cls);
		for (j = 0; j < sizeof(classes) / sizeof(classes[0]); j++)
			if (strcmp(h->v[i].cls, classes[j]) == 0)
				break;
		if (j == sizeof(classes) / sizeof(classes[0]))
			fail_msg("span %zu: unknown class \"%s\"", i,
			    h->v[i].cls);
	}
}

static void
hl_run(struct hl *h, const char *lang, const char *text)
{
	const struct lang *l = lang_by_name(lang);

	assert_non_null(l);
	assert_true(highlight_has(l));
	h->text = text;
	h->len = strlen(text);
	assert_int_equal(highlight(l, text, h->len, &h->v, &h->n), 0);
	assert_well_formed(h);
}

static int
is_word(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_';
}

/*
 * The class of the span that is exactly the nth (from 0) occurrence of tok
 * in the text, a whole word where tok begins or ends with a word
 * character; "(none)" when no span is exactly that.
 */
static const char *
cls_of(const struct hl *h, const char *tok, int nth)
{
	const char *p = h->text;
	size_t i, start, n = strlen(tok);

	for (;; p++) {
		p = strstr(p, tok);
		if (p == NULL) {
			fail_msg("\"%s\" is not in the text", tok);
			return "(none)";
		}
		if ((is_word(tok[0]) && p > h->text && is_word(p[-1])) ||
		    (is_word(tok[n - 1]) && is_word(p[n])))
			continue;
		if (nth-- == 0)
			break;
	}
	start = (size_t)(p - h->text);
	for (i = 0; i < h->n; i++)
		if (h->v[i].start == start && h->v[i].end == start + n)
			return h->v[i].cls;
	return "(none)";
}

#define IS(tok, want)		assert_string_equal(cls_of(&h, tok, 0), want)
#define IS_NTH(tok, i, want)	assert_string_equal(cls_of(&h, tok, i), want)

static void
c_snippet(void **state)
{
	struct hl h;

	(void)state;
	hl_run(&h, "C", "int main(void) { return 0; } /* hi */");
	IS("int", "type");
	IS("main", "function");
	IS("void", "type");
	IS("return", "keyword");
	IS("0", "number");
	IS(";", "punctuation");
	IS("/* hi */", "comment");
	IS("{", "(none)");		/* C's query leaves braces plain */
	free(h.v);

	hl_run(&h, "C", "#define MAX 10\nstatic const char *s = \"a\\n\";\n"
	    "struct foo { int x; } f;\nvoid g(void) { f.x = NULL; "
	    "out: goto out; }\n");
	IS("#define", "keyword");
	IS("MAX", "constant");		/* by #match? "^[A-Z][A-Z\d_]*$" */
	IS("static", "keyword");
	IS("\"a\\n\"", "string");
	IS("foo", "type");
	IS_NTH("x", 1, "property");
	IS("NULL", "constant");
	IS("out", "label");
	IS("g", "function");
	free(h.v);
}

/*
 * An escape inside a string splits it, the escape showing; captures of
 * one node resolve to the last pattern (print: variable, then
 * function.builtin).
 */
static void
python_snippet(void **state)
{
	struct hl h;

	(void)state;
	hl_run(&h, "Python", "class Foo(Bar):\n    @staticmethod\n"
	    "    def m(self, y=None):\n"
	    "        return print(y, True, \"s\\t!\")  # note\n");
	IS("class", "keyword");
	IS("Foo", "type");
	IS("def", "keyword");
	IS("m", "function");
	IS("self", "variable");
	IS("None", "constant");
	IS("True", "constant");
	IS("return", "keyword");
	IS("print", "function");
	IS("\"s", "string");
	IS("\\t", "escape");
	IS("!\"", "string");
	IS("# note", "comment");
	IS("staticmethod", "function");
	free(h.v);
}

static void
shell_snippet(void **state)
{
	struct hl h;

	(void)state;
	hl_run(&h, "Shell", "#!/bin/sh\nfor i in 1 2; do\n"
	    "\techo \"$i\" | grep -q x && exit 2\ndone # end\n");
	IS("#!/bin/sh", "comment");
	IS("for", "keyword");
	IS("do", "keyword");
	IS("echo", "function");
	IS("grep", "function");
	IS("-q", "constant");		/* an option, by #match? "^-" */
	IS_NTH("i", 1, "property");	/* the i of "$i" */
	IS("$", "operator");
	IS("|", "operator");
	IS("done", "keyword");
	IS("# end", "comment");
	free(h.v);
}

static void
javascript_snippet(void **state)
{
	struct hl h;

	(void)state;
	hl_run(&h, "JavaScript", "function f(a) {\n"
	    "\tconst b = `x${a}y`; // c\n"
	    "\treturn new Map(a + 1, 'q', this.size);\n}\n");
	IS("function", "keyword");
	IS("f", "function");
	IS_NTH("a", 0, "variable");	/* a parameter */
	IS("const", "keyword");
	IS("// c", "comment");
	IS("return", "keyword");
	IS("new", "keyword");
	IS("Map", "type");		/* constructor */
	IS("1", "number");
	IS("'q'", "string");
	IS("this", "variable");
	IS("size", "property");
	IS("`x", "string");
	IS("${", "punctuation");
	free(h.v);
}

/* Go's query is of the older order: its first pattern wins. */
static void
go_snippet(void **state)
{
	struct hl h;

	(void)state;
	hl_run(&h, "Go", "package main\n\nimport \"fmt\"\n\n"
	    "func main() {\n\tvar x int = 42\n"
	    "\tfmt.Println(\"s\", x, len(\"ab\"))\n"
	    "}\n// done\n");
	IS("package", "keyword");
	IS("\"fmt\"", "string");
	IS("func", "keyword");
	IS_NTH("main", 1, "function");
	IS("var", "keyword");
	IS_NTH("x", 0, "variable");
	IS("int", "type");
	IS("42", "number");
	IS("Println", "function");
	IS("len", "function");
	IS("// done", "comment");
	free(h.v);
}

static void
rust_snippet(void **state)
{
	struct hl h;

	(void)state;
	hl_run(&h, "Rust", "fn main() {\n    let x: i32 = 1;\n"
	    "    println!(\"{}\\n\", x); // c\n}\n");
	IS("fn", "keyword");
	IS("main", "function");
	IS("let", "keyword");
	IS("i32", "type");
	IS("println", "macro");
	IS("!", "macro");
	IS("\\n", "escape");
	IS("// c", "comment");
	IS(";", "punctuation");
	free(h.v);
}

static void
cpp_snippet(void **state)
{
	struct hl h;

	(void)state;
	hl_run(&h, "C++", "namespace n {\nclass A {\npublic:\n"
	    "\tint f() const { return nullptr == this ? 1 : 0; }\n};\n}\n");
	IS("namespace", "keyword");
	IS("class", "keyword");
	IS("A", "type");
	IS("public", "keyword");
	IS("int", "type");
	IS("f", "function");
	IS("const", "keyword");
	IS("return", "keyword");
	IS("this", "variable");
	IS("nullptr", "constant");
	IS("1", "number");
	free(h.v);
}

static void
typescript_snippet(void **state)
{
	struct hl h;

	(void)state;
	hl_run(&h, "TypeScript", "interface A { x: number }\n"
	    "function f(a: string): void { return; } // c\n");
	IS("interface", "keyword");
	IS("A", "type");
	IS("x", "property");
	IS("number", "type");
	IS("function", "keyword");
	IS("f", "function");
	IS("string", "type");
	IS("void", "type");
	IS("return", "keyword");
	IS("// c", "comment");
	free(h.v);
}

/* A whole real file, when the corpus is there. */
static void
large_file(void **state)
{
	struct buf b;
	struct hl h;
	size_t i, comments = 0;

	(void)state;
	memset(&b, 0, sizeof(b));
	if (read_file(CORE_C, &b) != 0)
		skip();
	hl_run(&h, "C", buf_cstr(&b));
	assert_true(h.n > 500);
	for (i = 0; i < h.n; i++)
		if (strcmp(h.v[i].cls, "comment") == 0) {
			comments++;
			assert_true(strncmp(b.p + h.v[i].start, "/*", 2) == 0 ||
			    strncmp(b.p + h.v[i].start, "//", 2) == 0);
		}
	assert_true(comments > 10);
	free(h.v);
	buf_free(&b);
}

/*
 * A language with no grammar: its comments, by its row of lang.c, and its
 * double-quoted strings, whatever is inside them; nothing else.  Every
 * language, and the empty text, the same way.
 */
static void
no_grammar(void **state)
{
	static const char *const none[] = { "Assembly", "Tcl", "CMake",
	    "Lisp", "Ada" };
	struct hl_span *v = (struct hl_span *)&v;
	struct hl h;
	size_t i, n = 99;

	(void)state;
	for (i = 0; i < sizeof(none) / sizeof(none[0]); i++) {
		assert_false(highlight_has(lang_by_name(none[i])));
		assert_int_equal(highlight(lang_by_name(none[i]), "x", 1, &v,
		    &n), 0);
		assert_null(v);
		assert_int_equal(n, 0);
	}
	h.text = "\tmovl $1, %eax /* one \"x\" */\n"
	    "\t.ascii \"a // \\\" b\" // end\n\t.ascii \"open";
	h.len = strlen(h.text);
	assert_int_equal(highlight(lang_by_name("Assembly"), h.text, h.len,
	    &h.v, &h.n), 0);
	assert_well_formed(&h);
	assert_int_equal(h.n, 4);
	IS("/* one \"x\" */", "comment");
	IS("\"a // \\\" b\"", "string");
	IS("// end", "comment");
	IS("\"open", "string");	/* not closed: to the end */
	free(h.v);
	h.text = "set s \"# no\"  ;# yes\n# \"quoted\"\n";
	h.len = strlen(h.text);
	assert_int_equal(highlight(lang_by_name("Tcl"), h.text, h.len,
	    &h.v, &h.n), 0);
	assert_int_equal(h.n, 3);
	IS("\"# no\"", "string");
	IS("# yes", "comment");
	IS("# \"quoted\"", "comment");
	free(h.v);
	h.text = "(defun f () 'a) ; it's\n";
	h.len = strlen(h.text);
	assert_int_equal(highlight(lang_by_name("Lisp"), h.text, h.len,
	    &h.v, &h.n), 0);
	assert_int_equal(h.n, 1);
	IS("; it's", "comment");
	free(h.v);
	assert_false(highlight_has(NULL));
	assert_int_equal(highlight(NULL, "x", 1, &v, &n), -1);
	for (i = 0; i < lang_count; i++) {
		assert_int_equal(highlight(&lang_table[i], "", 0, &v, &n), 0);
		assert_null(v);
	}
}

/*
 * The registry (mk/grammars.mk): each row at its index, its query there,
 * every row named by a language of lang.c and so usable, and a language
 * highlighted exactly when it names a row.
 */
static void
registry(void **state)
{
	size_t i, k, used;

	(void)state;
	assert_true(hl_ngrammars >= 29);
	for (i = 0; i < hl_ngrammars; i++) {
		assert_int_equal(hl_grammars[i]->index, i);
		assert_non_null(hl_grammars[i]->language);
		assert_true(hl_grammars[i]->querylen > 0);
		assert_int_equal(
		    hl_grammars[i]->query[hl_grammars[i]->querylen], '\0');
		for (k = 0, used = 0; k < lang_count; k++)
			used += lang_table[k].grammar == hl_grammars[i];
		assert_true(used > 0);
	}
	for (k = 0; k < lang_count; k++)
		assert_int_equal(highlight_has(&lang_table[k]),
		    lang_table[k].grammar != NULL);
	assert_string_equal(lang_by_name("Shell")->grammar->name, "bash");
	assert_int_equal(lang_by_name("Go")->grammar->first, 1);
	assert_int_equal(lang_by_name("C")->grammar->first, 0);
	assert_string_equal(lang_by_name("C#")->grammar->name, "c_sharp");
	assert_string_equal(lang_by_name("Makefile")->grammar->name, "make");
	assert_null(lang_by_name("Assembly")->grammar);
}

/*
 * The predicates of the queries written for Neovim: #lua-match?, its Lua
 * pattern rewritten for PCRE2 ("^[A-Z_][a-zA-Z0-9_]*" and
 * "^[A-Z][A-Z_0-9]+$" in Zig's), and #vim-match?, as #match? (Dart's).
 */
static void
neovim_predicates(void **state)
{
	struct hl h;

	(void)state;
	hl_run(&h, "Zig", "const MAX_LEN = 10;\nconst Point = struct {};\n"
	    "const small = 1;\n");
	IS("MAX_LEN", "constant");
	IS("Point", "type");
	IS("small", "variable");
	free(h.v);
	hl_run(&h, "Dart", "void f() { this.x = super.y; }\n");
	IS("this", "variable");
	free(h.v);
}

/*
 * SQL's scanner loses the tag of every `$tag$` string it deserializes:
 * highlight.c frees what it leaves (the leak check of the sanitizers
 * would tell).
 */
static void
sql_dollar_strings(void **state)
{
	struct hl h;

	(void)state;
	hl_run(&h, "SQL", "CREATE FUNCTION f() RETURNS int AS $body$\n"
	    "BEGIN RETURN 1; END\n$body$ LANGUAGE plpgsql;\n"
	    "SELECT $x$a$x$, $y$b$y$;\n");
	IS("CREATE", "keyword");
	free(h.v);
}

/*
 * Random bytes, NULs included, in every language (every grammar, and the
 * plain spans of those with none): no crash, no bad span.
 */
static void
random_bytes(void **state)
{
	char text[2048];
	struct hl h;
	unsigned seed = 12345;
	size_t i, k, round;
	int rc;

	(void)state;
	/* CPU time is no limit here: a busy machine must not fail the test. */
	highlight_set_time(600000, 0);
	for (round = 0; round < 24; round++)
		for (k = 0; k < lang_count; k++) {
			h.len = (seed = seed * 1103515245 + 12345) %
			    sizeof(text);
			for (i = 0; i < h.len; i++) {
				seed = seed * 1103515245 + 12345;
				/* Half the rounds mostly printable. */
				text[i] = round % 2 ? (char)(seed >> 16) :
				    "{}()\"'#/*\\ \n\tabc$`;=<>0x"
				    [(seed >> 16) % 25];
			}
			h.text = text;
			/*
			 * Random bytes may hold a run of errors past the
			 * query's budget (HL_TOO_SLOW): then nothing at all.
			 */
			rc = highlight(&lang_table[k], text, h.len, &h.v,
			    &h.n);
			assert_true(rc == 0 || (rc == HL_TOO_SLOW &&
			    h.v == NULL && h.n == 0));
			assert_well_formed(&h);
			free(h.v);
		}
	highlight_set_time(HL_MAX_MS, HL_MAX_MS_PER_MIB);
}

/*
 * Several threads at once, from before any grammar is ready (this test
 * runs first): every call of one text gives the same spans.
 */
struct job {
	const char	*lang;
	const char	*text;
	size_t		 n;		/* the spans of the first call */
	int		 ok;
};

static void *
job_run(void *arg)
{
	struct job *j = arg;
	struct hl_span *v;
	size_t n, i;

	j->ok = 1;
	for (i = 0; i < 40 && j->ok; i++) {
		if (highlight(lang_by_name(j->lang), j->text, strlen(j->text),
		    &v, &n) != 0 || (i > 0 && n != j->n))
			j->ok = 0;
		j->n = n;
		free(v);
	}
	return NULL;
}

static void
threads(void **state)
{
	static const char *const langs[] = { "C", "Python", "C++", "Go" };
	static const char *const texts[] = {
	    "int main(void) { return 0; }\n",
	    "def f(x):\n    return x + 1\n",
	    "class A { int f() const { return 1; } };\n",
	    "func main() { fmt.Println(1) }\n" };
	struct job jobs[8];
	pthread_t t[8];
	size_t i;

	(void)state;
	for (i = 0; i < 8; i++) {
		jobs[i].lang = langs[i % 4];
		jobs[i].text = texts[i % 4];
		assert_int_equal(pthread_create(&t[i], NULL, job_run,
		    &jobs[i]), 0);
	}
	for (i = 0; i < 8; i++)
		pthread_join(t[i], NULL);
	for (i = 0; i < 8; i++) {
		assert_true(jobs[i].ok);
		assert_true(jobs[i].n > 3);
		assert_int_equal(jobs[i].n, jobs[i % 4].n);
	}
}

/*
 * highlight() in two halves: the parse does not compile the query (the
 * first test to run, so that Rust's is not compiled yet), the finish
 * does, and the spans are highlight()'s.
 */
static void
two_halves(void **state)
{
	const char *text = "fn main() { let s = \"two\"; }\n";
	const struct lang *l = lang_by_path("x.rs");
	struct hl_parse *hp;
	struct hl_span *all, *some;
	size_t nall, nsome, i;

	(void)state;
	assert_false(highlight_ready(l));
	hp = highlight_parse(l, text, strlen(text));
	assert_non_null(hp);
	assert_false(highlight_ready(l));
	assert_int_equal(highlight_finish(hp, text, &some, &nsome), 0);
	assert_true(highlight_ready(l));
	assert_int_equal(highlight(l, text, strlen(text), &all, &nall), 0);
	assert_true(nsome > 3);
	assert_int_equal(nsome, nall);
	for (i = 0; i < nsome; i++) {
		assert_int_equal(some[i].start, all[i].start);
		assert_int_equal(some[i].end, all[i].end);
		assert_string_equal(some[i].cls, all[i].cls);
	}
	free(all);
	free(some);
	/* No grammar, nothing to wait for; no language, no spans. */
	l = lang_by_name("Tcl");
	assert_true(highlight_ready(l));
	hp = highlight_parse(l, "# c\n", 4);
	assert_non_null(hp);
	assert_int_equal(highlight_finish(hp, "# c\n", &some, &nsome), 0);
	assert_int_equal(nsome, 1);
	assert_string_equal(some[0].cls, "comment");
	free(some);
	assert_null(highlight_parse(NULL, "x", 1));
	assert_false(highlight_ready(NULL));
	assert_int_equal(highlight_finish(NULL, "x", &some, &nsome), -1);
	assert_null(some);
	assert_int_equal(nsome, 0);
}

/* highlight() of text, which must give limit and nothing else. */
static void
assert_limit(const char *lang, const char *text, size_t len, int limit)
{
	struct hl_span *v = (struct hl_span *)&v;
	size_t n = 99;

	assert_int_equal(highlight(lang_by_name(lang), text, len, &v, &n),
	    limit);
	assert_null(v);
	assert_int_equal(n, 0);
}

/* s repeated n times, between head and tail. */
static char *
repeat(const char *head, const char *s, size_t n, const char *tail)
{
	struct buf b = { 0 };
	size_t i;

	buf_adds(&b, head);
	for (i = 0; i < n; i++)
		buf_adds(&b, s);
	buf_adds(&b, tail);
	return b.p;
}

/*
 * Past a limit of highlight.h, nothing is highlighted and the limit is
 * named; up to it, all is as ever.
 */
static void
limits(void **state)
{
	static const char *const langs[] = { "C", "C++", "Python", "Shell",
	    "JavaScript", "TypeScript", "Go", "Rust" };
	struct hl_parse *hp;
	struct hl h;
	char *text;
	size_t i;

	(void)state;
	/* Larger than 60 KiB: not even parsed, in any grammar. */
	text = xmalloc(HL_MAX_BYTES + 1);
	memset(text, ' ', HL_MAX_BYTES + 1);
	memcpy(text, "int x;", 6);
	for (i = 0; i < sizeof(langs) / sizeof(langs[0]); i++)
		assert_limit(langs[i], text, HL_MAX_BYTES + 1, HL_TOO_LARGE);
	hp = highlight_parse(lang_by_name("C"), text, HL_MAX_BYTES + 1);
	assert_non_null(hp);
	assert_int_equal(highlight_finish(hp, text, &h.v, &h.n), HL_TOO_LARGE);
	assert_null(h.v);
	text[HL_MAX_BYTES] = '\0';
	hl_run(&h, "C", text);
	assert_int_equal(h.n, 3);		/* int x; */
	free(h.v);
	free(text);

	/* Nested deeper than HL_MAX_DEPTH, and as deep as is allowed. */
	text = repeat("int x = ", "!", 55000, "1;\n");
	assert_limit("C", text, strlen(text), HL_TOO_DEEP);
	free(text);
	text = repeat("x = ", "-", 55000, "1\n");
	assert_limit("Python", text, strlen(text), HL_TOO_DEEP);
	free(text);
	text = repeat("int x = ", "!", 40000, "1;\n");
	hl_run(&h, "C", text);
	free(h.v);
	free(text);

	/*
	 * An error that runs on: 50,000 anonymous tokens in a row would cost
	 * the query a billion looks ahead; 1,000 cost half a million.
	 */
	text = repeat("int x = ", "(", 50000, "");
	assert_limit("C", text, strlen(text), HL_TOO_SLOW);
	free(text);
	text = repeat("x = ", "[", 50000, "");
	assert_limit("Python", text, strlen(text), HL_TOO_SLOW);
	free(text);
	text = repeat("int x = ", "(", 1000, "");
	hl_run(&h, "C", text);
	free(h.v);
	free(text);

	/*
	 * Longer than its time: 50 KB of C take some milliseconds to parse,
	 * past a budget of one, the parse resumed until the thread's CPU
	 * clock says it is spent.
	 */
	text = repeat("", "static int f(int x) { return x * 2 + g(x, 1); }\n",
	    1000, "");
	highlight_set_time(1, 0);
	assert_limit("C", text, strlen(text), HL_TOO_SLOW);
	highlight_set_time(HL_MAX_MS, HL_MAX_MS_PER_MIB);
	hl_run(&h, "C", text);
	free(h.v);
	free(text);

	for (i = HL_TOO_LARGE; i <= HL_TOO_MANY; i++)
		assert_true(strlen(highlight_limit((int)i)) > 20);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(two_halves),
		cmocka_unit_test(registry),
		cmocka_unit_test(neovim_predicates),
		cmocka_unit_test(sql_dollar_strings),
		cmocka_unit_test(threads),
		cmocka_unit_test(c_snippet),
		cmocka_unit_test(python_snippet),
		cmocka_unit_test(shell_snippet),
		cmocka_unit_test(javascript_snippet),
		cmocka_unit_test(go_snippet),
		cmocka_unit_test(rust_snippet),
		cmocka_unit_test(cpp_snippet),
		cmocka_unit_test(typescript_snippet),
		cmocka_unit_test(large_file),
		cmocka_unit_test(no_grammar),
		cmocka_unit_test(random_bytes),
		cmocka_unit_test(limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
