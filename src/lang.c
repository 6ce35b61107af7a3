/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * lang.c: the comment syntax of every language quest reads.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "grammars.h"	/* build/grammars/, by mk/grammars.mk */
#include "lang.h"

#define C_BLOCK	"/*", "*/"
#define NO_BLOCK NULL, NULL
/* The grammar of GRAMMARS in mk/grammars.mk named NAME. */
#define GRAMMAR(name)	&hl_grammar_##name
#define NO_GRAMMAR	NULL

/*P:040 A language is one row of this table: the names that pick it (file
 * extensions, whole base names such as `Makefile`, or the interpreter of a
 * `#!` line) and its comment openers.  The scanner knows nothing else about
 * a language: a tag is an opener followed by `PREFIX:NUMBER`, and an end
 * marker is `:` followed by the block closer, or a line opener followed by
 * `:` alone.  Adding a language is adding a row; the last field names its
 * tree-sitter grammar, for the web book's highlighting, when quest has one
 * (mk/grammars.mk: 29 of these 37 rows); one with none still shows its
 * comments and strings in their colours, found by these same openers.  A
 * tour can give other files one of these languages in its .quest.
 */
const struct lang lang_table[] = {
	{ "C", "c", ".c .h", NULL, C_BLOCK, { "//", NULL }, GRAMMAR(c) },
	{ "C++", "cpp", ".cc .cpp .cxx .c++ .hh .hpp .hxx .h++ .ipp .tpp", NULL,
	    C_BLOCK, { "//", NULL }, GRAMMAR(cpp) },
	{ "Objective-C", "objectivec", ".m .mm", NULL, C_BLOCK, { "//", NULL },
	    GRAMMAR(objc) },
	{ "Assembly", "asm", ".S .s", NULL, C_BLOCK, { "//", NULL },
	    NO_GRAMMAR },
	{ "Go", "go", ".go", NULL, C_BLOCK, { "//", NULL }, GRAMMAR(go) },
	{ "Rust", "rust", ".rs", NULL, C_BLOCK, { "//", NULL },
	    GRAMMAR(rust) },
	{ "Java", "java", ".java", NULL, C_BLOCK, { "//", NULL },
	    GRAMMAR(java) },
	{ "JavaScript", "javascript", ".js .mjs .cjs .jsx", "node nodejs",
	    C_BLOCK, { "//", NULL }, GRAMMAR(javascript) },
	{ "TypeScript", "typescript", ".ts .mts .cts .tsx", "deno ts-node",
	    C_BLOCK, { "//", NULL }, GRAMMAR(typescript) },
	{ "Swift", "swift", ".swift", NULL, C_BLOCK, { "//", NULL },
	    GRAMMAR(swift) },
	{ "Kotlin", "kotlin", ".kt .kts", NULL, C_BLOCK, { "//", NULL },
	    GRAMMAR(kotlin) },
	{ "C#", "csharp", ".cs", NULL, C_BLOCK, { "//", NULL },
	    GRAMMAR(c_sharp) },
	{ "Scala", "scala", ".scala .sc", NULL, C_BLOCK, { "//", NULL },
	    GRAMMAR(scala) },
	{ "Dart", "dart", ".dart", NULL, C_BLOCK, { "//", NULL },
	    GRAMMAR(dart) },
	{ "Zig", "zig", ".zig", NULL, NO_BLOCK, { "//", NULL }, GRAMMAR(zig) },
	{ "PHP", "php", ".php", "php", C_BLOCK, { "//", "#" },
	    GRAMMAR(php_only) },
	{ "CSS", "css", ".css", NULL, C_BLOCK, { NULL, NULL }, GRAMMAR(css) },
	{ "SCSS", "scss", ".scss .less", NULL, C_BLOCK, { "//", NULL },
	    GRAMMAR(scss) },
	{ "Shell", "sh", ".sh .bash .zsh .ksh", "sh bash dash zsh ksh ash",
	    NO_BLOCK, { "#", NULL }, GRAMMAR(bash) },
	{ "Python", "python", ".py .pyi", "python python2 python3",
	    NO_BLOCK, { "#", NULL }, GRAMMAR(python) },
	{ "Ruby", "ruby", ".rb .rake Rakefile Gemfile", "ruby", NO_BLOCK,
	    { "#", NULL }, GRAMMAR(ruby) },
	{ "Perl", "perl", ".pl .pm .t", "perl", NO_BLOCK, { "#", NULL },
	    GRAMMAR(perl) },
	{ "Makefile", "makefile", ".mk .mak Makefile makefile GNUmakefile",
	    "make", NO_BLOCK, { "#", NULL }, GRAMMAR(make) },
	{ "CMake", "cmake", ".cmake CMakeLists.txt", NULL, NO_BLOCK,
	    { "#", NULL }, NO_GRAMMAR },
	{ "YAML", "yaml", ".yml .yaml", NULL, NO_BLOCK, { "#", NULL },
	    GRAMMAR(yaml) },
	{ "TOML", "toml", ".toml", NULL, NO_BLOCK, { "#", NULL },
	    GRAMMAR(toml) },
	{ "R", "r", ".r .R", "Rscript", NO_BLOCK, { "#", NULL }, GRAMMAR(r) },
	{ "Tcl", "tcl", ".tcl", "tclsh wish", NO_BLOCK, { "#", NULL },
	    NO_GRAMMAR },
	{ "awk", "awk", ".awk", "awk gawk mawk", NO_BLOCK, { "#", NULL },
	    GRAMMAR(awk) },
	{ "Lua", "lua", ".lua", "lua luajit", NO_BLOCK, { "--", NULL },
	    GRAMMAR(lua) },
	{ "SQL", "sql", ".sql", NULL, C_BLOCK, { "--", NULL }, GRAMMAR(sql) },
	{ "Haskell", "haskell", ".hs", "runhaskell", NO_BLOCK, { "--", NULL },
	    GRAMMAR(haskell) },
	{ "Ada", "ada", ".adb .ads", NULL, NO_BLOCK, { "--", NULL },
	    NO_GRAMMAR },
	{ "Lisp", "lisp", ".lisp .lsp .cl .el", "sbcl clisp", NO_BLOCK,
	    { ";", NULL }, NO_GRAMMAR },
	{ "Scheme", "scheme", ".scm .ss .rkt", "guile racket", NO_BLOCK,
	    { ";", NULL }, NO_GRAMMAR },
	{ "Clojure", "clojure", ".clj .cljs .cljc .edn", NULL, NO_BLOCK,
	    { ";", NULL }, NO_GRAMMAR },
	{ "Assembly (NASM)", "nasm", ".asm", NULL, NO_BLOCK, { ";", NULL },
	    NO_GRAMMAR },
};
/*:*/

const size_t lang_count = sizeof(lang_table) / sizeof(lang_table[0]);

/* Is word (of length n) one of the space-separated words of list? */
static int
in_list(const char *list, const char *word, size_t n)
{
	const char *p = list, *e;

	if (list == NULL || n == 0)
		return 0;
	while (*p) {
		while (*p == ' ')
			p++;
		e = p;
		while (*e && *e != ' ')
			e++;
		if ((size_t)(e - p) == n && memcmp(p, word, n) == 0)
			return 1;
		p = e;
	}
	return 0;
}

/*
 * Every name of the table's exts column, sorted, so that the language of
 * a path costs two binary searches and no parsing: this runs once a file.
 */
struct name {
	char		 s[24];
	const struct lang *lang;
};

static struct name *names;
static size_t nnames;
static pthread_once_t names_once = PTHREAD_ONCE_INIT;

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(((const struct name *)a)->s, ((const struct name *)b)->s);
}

static void
names_init(void)
{
	static struct name store[256];
	const char *p, *e;
	size_t i;

	for (i = 0; i < lang_count; i++)
		for (p = lang_table[i].exts; *p; p = e) {
			while (*p == ' ')
				p++;
			for (e = p; *e && *e != ' '; e++)
				continue;
			if (e == p || (size_t)(e - p) >= sizeof(store[0].s) ||
			    nnames == sizeof(store) / sizeof(store[0]))
				continue;
			memcpy(store[nnames].s, p, (size_t)(e - p));
			store[nnames].s[e - p] = '\0';
			store[nnames++].lang = &lang_table[i];
		}
	qsort(store, nnames, sizeof(store[0]), name_cmp);
	names = store;
}

static const struct lang *
lookup(const char *s)
{
	struct name key = { "", NULL }, *hit;
	size_t n = strlen(s);

	if (n >= sizeof(key.s))
		return NULL;
	memcpy(key.s, s, n + 1);
	hit = bsearch(&key, names, nnames, sizeof(*names), name_cmp);
	return hit ? hit->lang : NULL;
}

const struct lang *
lang_by_path(const char *path)
{
	const struct lang *l;
	const char *base, *dot;

	pthread_once(&names_once, names_init);
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if ((l = lookup(base)) != NULL)
		return l;
	if ((dot = strrchr(base, '.')) == NULL || dot == base)
		return NULL;
	return lookup(dot);
}

const struct lang *
lang_by_shebang(const char *text, size_t len)
{
	const char *p, *end, *w;
	size_t i, n;

	if (len < 3 || text[0] != '#' || text[1] != '!')
		return NULL;
	end = memchr(text, '\n', len);
	if (end == NULL)
		end = text + len;
	p = text + 2;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	/* The interpreter is the base name of the first word... */
	w = p;
	while (p < end && *p != ' ' && *p != '\t' && *p != '\r') {
		if (*p == '/')
			w = p + 1;
		p++;
	}
	n = (size_t)(p - w);
	/* ...or, for "#!/usr/bin/env [-S] NAME", the word after env. */
	if (n == 3 && memcmp(w, "env", 3) == 0) {
		for (;;) {
			while (p < end && (*p == ' ' || *p == '\t'))
				p++;
			w = p;
			while (p < end && *p != ' ' && *p != '\t' && *p != '\r')
				p++;
			n = (size_t)(p - w);
			if (n == 0 || *w != '-')
				break;
		}
	}
	/* "python3.11" is python3: drop a version suffix. */
	while (n > 0 && ((w[n - 1] >= '0' && w[n - 1] <= '9') ||
	    w[n - 1] == '.')) {
		for (i = 0; i < lang_count; i++)
			if (in_list(lang_table[i].interps, w, n))
				return &lang_table[i];
		n--;
	}
	for (i = 0; i < lang_count; i++)
		if (in_list(lang_table[i].interps, w, n))
			return &lang_table[i];
	return NULL;
}

const struct lang *
lang_by_name(const char *name)
{
	size_t i;

	for (i = 0; i < lang_count; i++)
		if (strcasecmp(lang_table[i].name, name) == 0)
			return &lang_table[i];
	return NULL;
}

/*
 * The documents of a tree, by extension or whole name: what looks like a
 * tag in them shows how to write one.
 */
static const char prose[] = ".md .markdown .mdx .txt .rst .adoc .asciidoc "
    ".org .tex .html .htm .pod .1 .2 .3 .4 .5 .6 .7 .8 .9 README NEWS "
    "CHANGELOG ChangeLog";

int
lang_prose(const char *path)
{
	const char *base, *dot;

	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (base[0] != '.' && in_list(prose, base, strlen(base)))
		return 1;
	dot = strrchr(base, '.');
	return dot != NULL && dot != base && in_list(prose, dot, strlen(dot));
}

/* Every opener of the table, once: block openers one a row, line openers
 * two. */
#define ANY_MAX	((size_t)8)
static struct lang any[ANY_MAX];
static size_t nany;
static pthread_once_t any_once = PTHREAD_ONCE_INIT;

/* Add o to v (of *n) unless it is there; 0 when v is full. */
static int
add_once(const char **v, size_t *n, size_t max, const char *o)
{
	size_t i;

	if (o == NULL)
		return 1;
	for (i = 0; i < *n; i++)
		if (strcmp(v[i], o) == 0)
			return 1;
	if (*n == max)
		return 0;
	v[(*n)++] = o;
	return 1;
}

static void
any_init(void)
{
	const char *block[ANY_MAX], *close[ANY_MAX], *line[2 * ANY_MAX];
	size_t i, k, nblock = 0, nline = 0, was;

	for (i = 0; i < lang_count; i++) {
		was = nblock;
		if (!add_once(block, &nblock, ANY_MAX,
		    lang_table[i].block_open))
			abort();
		if (nblock > was)
			close[was] = lang_table[i].block_close;
		for (k = 0; k < 2; k++)
			if (!add_once(line, &nline, 2 * ANY_MAX,
			    lang_table[i].line[k]))
				abort();
	}
	nany = nblock > (nline + 1) / 2 ? nblock : (nline + 1) / 2;
	for (i = 0; i < nany; i++) {
		any[i].name = any[i].fence = any[i].exts = "";
		if (i < nblock) {
			any[i].block_open = block[i];
			any[i].block_close = close[i];
		}
		if (2 * i < nline)
			any[i].line[0] = line[2 * i];
		if (2 * i + 1 < nline)
			any[i].line[1] = line[2 * i + 1];
	}
}

const struct lang *
lang_any(size_t *n)
{
	pthread_once(&any_once, any_init);
	*n = nany;
	return any;
}
