/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * highlight.c: syntax highlighting with tree-sitter.
 *
 * A grammar is a row of the registry, hl_grammars[]: the parser of an npm
 * grammar package, compiled into quest from its generated parser.c, and
 * the package's own highlights.scm, embedded as a string (mk/grammars.mk
 * builds both and writes the row).  A language points at its row.  The
 * query of a grammar is compiled once, on its first use or as a job of
 * the compiles' pool (highlight_prepare()), and only read after that, as
 * are the languages: every call makes its own TSParser and TSQueryCursor,
 * so that calls from several threads share nothing that changes.  The
 * compiled queries live as long as the process, reachable from
 * grammars[].
 *
 * A call parses the text and runs the query over the tree (or, for a query
 * of plain chains, finds its matches in one walk of the tree: [W:047]).
 * A match counts when its text predicates hold: #eq?, #match? and
 * #any-of?, and their #not- forms (#match? through PCRE2, whose syntax is
 * close to that of the Rust regular expressions the queries are written
 * in; #vim-match? the same, and #lua-match?, of the queries written for
 * Neovim, through its Lua pattern rewritten for PCRE2); others, such as
 * #is-not? local, are taken as true.  A capture counts when its name
 * maps to one of the CSS classes of highlight.h, by its longest known dotted
 * prefix ("function.method" is "function", "function.macro" is "macro").
 * The captures then become flat spans, as tree-sitter-highlight nests them.
 * Of the captures of one range one pattern wins: the last of the query,
 * the order of tree-sitter-highlight since tree-sitter 0.22 that most of
 * these queries are written for (a general "(identifier) @variable" first,
 * the special cases after it), or the first, the order before, for the
 * queries still written so (Go's: "(identifier) @variable" after the
 * special cases).  A capture inside a larger one splits it, the inner one
 * showing (an escape in a string).
 *
 * A language with no grammar is not parsed: its comments, by the openers
 * and closers of its row of lang.c, and its double-quoted strings are
 * told apart by one pass over the text (plain_spans()), and get their
 * classes.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <tree_sitter/api.h>

#include "highlight.h"
#include "pool.h"
#include "util.h"

/* A text predicate of a pattern, ready to test. */
enum pred_op {
	PRED_EQ,	/* #eq? @a "text" or #eq? @a @b */
	PRED_MATCH,	/* #match? @a "regex" */
	PRED_ANYOF	/* #any-of? @a "text" ... */
};

struct pred {
	enum pred_op	 op;
	int		 neg;		/* the #not- form */
	uint32_t	 cap;		/* the capture tested */
	int		 other;		/* #eq? @a @b: b's capture id,
					 * else -1 */
	const TSQueryPredicateStep *args; /* the string arguments */
	uint32_t	 nargs;
	int		 bad;		/* a regex that did not compile */
	pcre2_code	*re;		/* read-only: shared by threads */
};

/*
 * A pattern that walk_caps() matches for the query: a chain of nodes, each
 * after the first the child of the one before by a field, the last one
 * captured, with predicates maybe.  `(identifier) @variable`, `"if"
 * @keyword` and `(call_expression function: (identifier) @function)` are.
 */
#define WALK_DEPTH	4

struct walkpat {
	uint32_t	 pattern;
	uint32_t	 cap;		/* the capture of the last node */
	uint32_t	 n;		/* nodes in the chain */
	TSSymbol	 sym[WALK_DEPTH];	/* the first one first */
	TSFieldId	 field[WALK_DEPTH];	/* node i + 1's, in node i */
};

/* What quest makes of a row of the registry, set once, only read after. */
struct grammar {
	const struct hl_grammar *def;
	/* Set by grammar_init(), once, under mu, and only read after. */
	TSQuery		 *query;	/* NULL when it did not compile */
	const char	**cls;		/* the class of each capture, or NULL */
	struct pred	 *preds;
	uint32_t	 *pfirst;	/* pattern i:
					 * preds[pfirst[i]..pfirst[i+1]) */
	/*
	 * When every pattern is one walk_caps() matches: its patterns, by
	 * the symbol of their last node, walk[pwalk[s]..pwalk[s + 1]);
	 * else NULL.
	 */
	struct walkpat	 *walk;
	uint32_t	 *pwalk;
	uint32_t	  nsym;
	pthread_mutex_t	  mu;
	atomic_int	  done;		/* grammar_init() has run */
	atomic_int	  started;	/* highlight_prepare() submitted it */
	/* The tags query (quest coverage), compiled once under mu too. */
	TSQuery		 *tags;		/* NULL: none, or it did not
					 * compile */
	const char	**tagkind;	/* each capture's KIND of
					 * definition.KIND, or NULL */
	int		  tagname;	/* the capture @name, or -1 */
	atomic_int	  tags_done;
};

/*
 * The memory of the external scanners that lose some (GRAMMAR_ARENA in
 * mk/grammars.mk, which makes their malloc() these): each block is linked
 * into a list of the thread's, and what a parse leaves there is freed once
 * it is done (scanner_release()).  A parse runs on one thread, its
 * scanner's state made and destroyed there, so the list needs no lock.
 */
union block {
	struct {
		union block *prev, *next;
		size_t	 size;
	}		 l;
	max_align_t	 align;
};
static _Thread_local union block *blocks;

void	*hl_scanner_malloc(size_t);
void	*hl_scanner_calloc(size_t, size_t);
void	*hl_scanner_realloc(void *, size_t);
void	 hl_scanner_free(void *);

void *
hl_scanner_malloc(size_t n)
{
	union block *b;

	if (n > SIZE_MAX - sizeof(*b))
		oom();
	b = xmalloc(sizeof(*b) + n);
	b->l.prev = NULL;
	b->l.next = blocks;
	b->l.size = n;
	if (blocks != NULL)
		blocks->l.prev = b;
	blocks = b;
	return b + 1;
}

void *
hl_scanner_calloc(size_t n, size_t size)
{
	void *p;

	if (size != 0 && n > SIZE_MAX / size)
		oom();
	p = hl_scanner_malloc(n * size);
	memset(p, 0, n * size);
	return p;
}

void
hl_scanner_free(void *p)
{
	union block *b;

	if (p == NULL)
		return;
	b = (union block *)p - 1;
	if (b->l.prev != NULL)
		b->l.prev->l.next = b->l.next;
	else
		blocks = b->l.next;
	if (b->l.next != NULL)
		b->l.next->l.prev = b->l.prev;
	free(b);
}

void *
hl_scanner_realloc(void *p, size_t n)
{
	union block *b;
	void *q;

	q = hl_scanner_malloc(n);
	if (p != NULL) {
		b = (union block *)p - 1;
		memcpy(q, p, b->l.size < n ? b->l.size : n);
		hl_scanner_free(p);
	}
	return q;
}

static void
scanner_release(void)
{
	union block *b;

	while ((b = blocks) != NULL) {
		blocks = b->l.next;
		free(b);
	}
}

/* One a row of hl_grammars[], in its order; made once, kept. */
static struct grammar *grammars;
static pthread_once_t grammars_once = PTHREAD_ONCE_INIT;

/* The pool that compiles queries ahead of their first use. */
static struct pool *compiles;
static pthread_mutex_t compiles_mu = PTHREAD_MUTEX_INITIALIZER;

static void
grammars_init(void)
{
	size_t i;

	grammars = xcalloc(hl_ngrammars ? hl_ngrammars : 1, sizeof(*grammars));
	for (i = 0; i < hl_ngrammars; i++) {
		grammars[i].def = hl_grammars[i];
		pthread_mutex_init(&grammars[i].mu, NULL);
	}
}

/*
 * Capture names to classes.  A name takes the class of its longest prefix
 * here, whole dotted components only; a name with none has no class.
 * Besides the names of the queries of today, the older ones of
 * nvim-treesitter ("conditional", "field", ...) map where they are plain.
 */
static const struct {
	const char	*name;
	const char	*cls;
} classes[] = {
	{ "attribute", "attribute" },
	{ "boolean", "constant" },
	{ "character", "string" },
	{ "comment", "comment" },
	{ "conditional", "keyword" },
	{ "constant", "constant" },
	{ "constructor", "type" },
	{ "decorator", "attribute" },
	{ "define", "macro" },
	{ "delimiter", "punctuation" },
	{ "escape", "escape" },
	{ "exception", "keyword" },
	{ "field", "property" },
	{ "float", "number" },
	{ "function", "function" },
	{ "function.macro", "macro" },
	{ "function.special", "macro" },	/* C: #define NAME(x) */
	{ "include", "keyword" },
	{ "keyword", "keyword" },
	{ "keyword.directive", "macro" },
	{ "label", "label" },
	{ "macro", "macro" },
	{ "method", "function" },
	{ "module", "type" },
	{ "namespace", "type" },
	{ "number", "number" },
	{ "operator", "operator" },
	{ "parameter", "variable" },
	{ "preproc", "macro" },
	{ "property", "property" },
	{ "punctuation", "punctuation" },
	{ "repeat", "keyword" },
	{ "string", "string" },
	{ "string.escape", "escape" },
	{ "symbol", "constant" },
	{ "tag", "keyword" },		/* JSX elements */
	{ "type", "type" },
	{ "variable", "variable" },
};

static const char *
class_of(const char *name, size_t len)
{
	const char *best = NULL;
	size_t i, n, bestn = 0;

	for (i = 0; i < sizeof(classes) / sizeof(classes[0]); i++) {
		n = strlen(classes[i].name);
		if (n > len || n <= bestn ||
		    memcmp(name, classes[i].name, n) != 0 ||
		    (n < len && name[n] != '.'))
			continue;
		best = classes[i].cls;
		bestn = n;
	}
	return best;
}

/*
 * A Lua pattern (#lua-match?) as a regular expression of PCRE2, compiled;
 * NULL for what has no such form (%b, %f, a back reference), a predicate
 * that never holds.  Lua's classes (%a, %d, ...) become POSIX ones, %x of
 * a punctuation character the character, `-` after an atom the lazy `*?`;
 * what is plain in Lua but not in PCRE2 is escaped.
 */
static pcre2_code *
lua_compile(const char *p, uint32_t n)
{
	static const char cls[] = "adlpsuwxc";
	static const char *const posix[] = { "alpha", "digit", "lower",
	    "punct", "space", "upper", "alnum", "xdigit", "cntrl" };
	struct buf b = { 0 };
	pcre2_code *re = NULL;
	PCRE2_SIZE off;
	const char *c;
	uint32_t i;
	int err, set = 0, lower;

	for (i = 0; i < n; i++) {
		if (p[i] == '%' && i + 1 < n) {
			i++;
			lower = p[i] | 0x20;
			c = (p[i] >= 'A' && p[i] <= 'z') ?
			    strchr(cls, lower) : NULL;
			if (c != NULL && *c != '\0') {
				buf_printf(&b, "%s[:%s%s:]%s", set ? "" : "[",
				    p[i] == lower ? "" : "^",
				    posix[c - cls], set ? "" : "]");
			} else if ((p[i] >= 'a' && p[i] <= 'z') ||
			    (p[i] >= 'A' && p[i] <= 'Z') ||
			    (p[i] >= '0' && p[i] <= '9'))
				goto out;	/* %b, %f, %1 */
			else {
				buf_addc(&b, '\\');
				buf_addc(&b, p[i]);
			}
		} else if (p[i] == '[' && !set) {
			set = 1;
			buf_addc(&b, '[');
			if (i + 1 < n && p[i + 1] == '^')
				buf_addc(&b, p[++i]);
			/* A ] first in a set is the character. */
			if (i + 1 < n && p[i + 1] == ']') {
				buf_adds(&b, "\\]");
				i++;
			}
		} else if (p[i] == ']' && set) {
			set = 0;
			buf_addc(&b, ']');
		} else if (p[i] == '-' && !set)
			buf_adds(&b, "*?");
		else if (strchr("\\|{}", p[i]) != NULL && p[i] != '\0') {
			buf_addc(&b, '\\');
			buf_addc(&b, p[i]);
		} else
			buf_addc(&b, p[i]);
	}
	re = pcre2_compile((PCRE2_SPTR)(b.p ? b.p : ""), b.len, 0, &err,
	    &off, NULL);
out:
	buf_free(&b);
	return re;
}

/* Read the predicates of pattern p into g->preds. */
static void
preds_read(struct grammar *g, uint32_t p, size_t *cap)
{
	const TSQueryPredicateStep *s, *e, *end;
	struct pred *pr;
	const char *name, *v;
	uint32_t n, len, vlen;
	PCRE2_SIZE off;
	size_t np = g->pfirst[p];
	int err;

	s = ts_query_predicates_for_pattern(g->query, p, &n);
	/* tree-sitter 0.25 gives NULL for a pattern with none. */
	if (s == NULL)
		n = 0;
	for (end = s != NULL ? s + n : s; s < end; s = e + 1) {
		for (e = s; e < end && e->type != TSQueryPredicateStepTypeDone;
		    e++)
			continue;
		if (e == end || e - s < 3 ||
		    s[0].type != TSQueryPredicateStepTypeString ||
		    s[1].type != TSQueryPredicateStepTypeCapture)
			continue;
		name = ts_query_string_value_for_id(g->query, s[0].value_id,
		    &len);
		if (np == *cap) {
			*cap = *cap ? *cap * 2 : 16;
			g->preds = xreallocarray(g->preds, *cap,
			    sizeof(*g->preds));
		}
		pr = &g->preds[np];
		memset(pr, 0, sizeof(*pr));
		pr->cap = s[1].value_id;
		pr->other = -1;
		pr->args = s + 2;
		pr->nargs = (uint32_t)(e - s - 2);
		if (strncmp(name, "not-", 4) == 0) {
			pr->neg = 1;
			name += 4;
		}
		if (strcmp(name, "eq?") == 0 && pr->nargs == 1) {
			pr->op = PRED_EQ;
			if (s[2].type == TSQueryPredicateStepTypeCapture)
				pr->other = (int)s[2].value_id;
		} else if ((strcmp(name, "match?") == 0 ||
		    strcmp(name, "vim-match?") == 0 ||
		    strcmp(name, "lua-match?") == 0) && pr->nargs == 1 &&
		    s[2].type == TSQueryPredicateStepTypeString) {
			pr->op = PRED_MATCH;
			v = ts_query_string_value_for_id(g->query,
			    s[2].value_id, &vlen);
			/*
			 * Bytes, not UTF-8, as the text may not be; what PCRE2
			 * cannot read makes a predicate that never holds.
			 */
			if (name[0] == 'l')
				pr->re = lua_compile(v, vlen);
			else
				pr->re = pcre2_compile((PCRE2_SPTR)v, vlen, 0,
				    &err, &off, NULL);
			pr->bad = pr->re == NULL;
		} else if (strcmp(name, "any-of?") == 0)
			pr->op = PRED_ANYOF;
		else
			continue;	/* not a test of text: it holds */
		np++;
	}
	g->pfirst[p + 1] = (uint32_t)np;
}

/* Past blanks and comments (`;` to the end of the line). */
static const char *
skip_blank(const char *p, const char *e)
{
	while (p < e) {
		if (*p == ';')
			while (p < e && *p != '\n')
				p++;
		else if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		else
			break;
	}
	return p;
}

static const char *
skip_name(const char *p, const char *e)
{
	while (p < e && (*p == '_' || (*p >= 'a' && *p <= 'z') ||
	    (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
		p++;
	return p;
}

/*
 * A node of a chain at p: `(name)`, `"text"` or `(name field: NODE)`,
 * read into wp; the end of its last node's capture, or NULL for anything
 * else.  The names are looked up as query.c does; _, MISSING and ERROR
 * (both by prefix, as query.c compares them), supertypes and what the
 * grammar lacks are not walked.
 */
static const char *
walk_node(const struct grammar *g, const char *p, const char *e,
    struct walkpat *wp)
{
	const TSLanguage *lang = g->def->language();
	const char *name, *f, *c;
	uint32_t n, k, len, ncap;
	TSSymbol sym;
	int named, last;

	if (wp->n == WALK_DEPTH || p == e)
		return NULL;
	if (*p == '"') {
		for (name = ++p; p < e && *p != '"' && *p != '\\'; p++)
			continue;
		n = (uint32_t)(p - name);
		if (n == 0 || p == e || *p++ != '"')
			return NULL;
		named = 0;
		last = 1;
	} else if (*p == '(') {
		name = p = skip_blank(p + 1, e);
		p = skip_name(p, e);
		n = (uint32_t)(p - name);
		if (n == 0 || (n == 1 && *name == '_') ||
		    strncmp(name, "MISSING", n) == 0 ||
		    strncmp(name, "ERROR", n) == 0)
			return NULL;
		p = skip_blank(p, e);
		named = 1;
		last = p < e && *p == ')';
	} else
		return NULL;
	sym = ts_language_symbol_for_name(lang, name, n, named);
	if (sym == 0 || ts_language_symbol_type(lang, sym) ==
	    TSSymbolTypeSupertype)
		return NULL;
	wp->sym[wp->n++] = sym;
	if (!last) {
		/* field: (child ...)) */
		f = p;
		p = skip_name(p, e);
		if (p == f || p == e || *p != ':' ||
		    (wp->field[wp->n - 1] = ts_language_field_id_for_name(lang,
		    f, (uint32_t)(p - f))) == 0)
			return NULL;
		if ((p = walk_node(g, skip_blank(p + 1, e), e, wp)) == NULL)
			return NULL;
		p = skip_blank(p, e);
		return p < e && *p == ')' ? p + 1 : NULL;
	}
	if (named)
		p++;	/* its ')' */
	p = skip_blank(p, e);
	if (p == e || *p++ != '@')
		return NULL;
	for (c = p; p < e && *p != ' ' && *p != '\t' && *p != '\n' &&
	    *p != '\r' && *p != ';' && *p != ')' && *p != '('; p++)
		continue;
	ncap = ts_query_capture_count(g->query);
	for (k = 0; k < ncap; k++) {
		const char *cn = ts_query_capture_name_for_id(g->query, k,
		    &len);

		if (len == (uint32_t)(p - c) && memcmp(cn, c, len) == 0) {
			wp->cap = k;
			return p;
		}
	}
	return NULL;
}

/* Past a predicate's parentheses, its strings' too. */
static const char *
skip_group(const char *p, const char *e)
{
	int depth = 0;

	for (; p < e; p++) {
		if (*p == '"') {
			for (p++; p < e && *p != '"'; p++)
				if (*p == '\\')
					p++;
			if (p >= e)
				return NULL;
		} else if (*p == '(')
			depth++;
		else if (*p == ')' && --depth == 0)
			return p + 1;
	}
	return NULL;
}

/* Pattern i as a chain that walk_caps() matches, or 0. */
static int
walk_pattern(const struct grammar *g, uint32_t i, struct walkpat *wp)
{
	const char *p, *e, *q;
	int group = 0;

	memset(wp, 0, sizeof(*wp));
	wp->pattern = i;
	if (!ts_query_is_pattern_rooted(g->query, i))
		return 0;
	p = g->def->query + ts_query_start_byte_for_pattern(g->query, i);
	e = g->def->query + ts_query_end_byte_for_pattern(g->query, i);
	if (e > g->def->query + g->def->querylen || p >= e)
		return 0;
	p = skip_blank(p, e);
	/* ((node) @capture (#predicate? ...)...) */
	q = p < e && *p == '(' ? skip_blank(p + 1, e) : e;
	if (q < e && (*q == '(' || *q == '"')) {
		group = 1;
		p = q;
	}
	if ((p = walk_node(g, p, e, wp)) == NULL)
		return 0;
	p = skip_blank(p, e);
	if (group) {
		while (p + 1 < e && p[0] == '(' && p[1] == '#') {
			if ((p = skip_group(p, e)) == NULL)
				return 0;
			p = skip_blank(p, e);
		}
		if (p == e || *p++ != ')')
			return 0;
		p = skip_blank(p, e);
	}
	return p == e;
}

/*
 * The walk, when every pattern of the query is a chain and so few that
 * the query cursor's limit of matches could not be reached: each of its
 * states holds a capture only once its last node is captured, and that
 * ends its match there and then, so that no more are held at once than
 * there are patterns.
 */
static void
walk_init(struct grammar *g)
{
	const TSLanguage *lang = g->def->language();
	uint32_t i, n = ts_query_pattern_count(g->query), s, at;
	struct walkpat *v;

	if (n == 0 || n > HL_MAX_MATCHES)
		return;
	v = xcalloc(n, sizeof(*v));
	for (i = 0; i < n; i++)
		if (!walk_pattern(g, i, &v[i])) {
			free(v);
			return;
		}
	g->nsym = ts_language_symbol_count(lang);
	g->pwalk = xcalloc((size_t)g->nsym + 1, sizeof(*g->pwalk));
	g->walk = xcalloc(n, sizeof(*g->walk));
	for (i = 0; i < n; i++)
		g->pwalk[v[i].sym[v[i].n - 1] + 1]++;
	for (s = 0; s < g->nsym; s++)
		g->pwalk[s + 1] += g->pwalk[s];
	/* Each symbol's in the order of the patterns. */
	for (i = 0; i < n; i++) {
		s = v[i].sym[v[i].n - 1];
		for (at = g->pwalk[s]; g->walk[at].n != 0; at++)
			continue;
		g->walk[at] = v[i];
	}
	free(v);
}

static void
grammar_init(struct grammar *g)
{
	uint32_t i, n, len, off;
	TSQueryError err;
	const char *name;
	size_t cap = 0;

	g->query = ts_query_new(g->def->language(), g->def->query,
	    (uint32_t)g->def->querylen, &off, &err);
	if (g->query == NULL) {
		atomic_store_explicit(&g->done, 1, memory_order_release);
		return;
	}
	n = ts_query_capture_count(g->query);
	g->cls = xcalloc(n ? n : 1, sizeof(*g->cls));
	for (i = 0; i < n; i++) {
		name = ts_query_capture_name_for_id(g->query, i, &len);
		g->cls[i] = class_of(name, len);
	}
	n = ts_query_pattern_count(g->query);
	g->pfirst = xcalloc((size_t)n + 1, sizeof(*g->pfirst));
	for (i = 0; i < n; i++)
		preds_read(g, i, &cap);
	walk_init(g);
	atomic_store_explicit(&g->done, 1, memory_order_release);
}

/* The grammar of a language, its query not compiled yet. */
static struct grammar *
grammar_row(const struct lang *l)
{
	if (l == NULL || l->grammar == NULL ||
	    l->grammar->index >= hl_ngrammars)
		return NULL;
	pthread_once(&grammars_once, grammars_init);
	return &grammars[l->grammar->index];
}

/* Its query, compiled on first use, once; 0 if it does not compile. */
static int
grammar_ready(struct grammar *g)
{
	if (!atomic_load_explicit(&g->done, memory_order_acquire)) {
		pthread_mutex_lock(&g->mu);
		if (!atomic_load_explicit(&g->done, memory_order_relaxed))
			grammar_init(g);
		pthread_mutex_unlock(&g->mu);
	}
	return g->query != NULL;
}

static struct grammar *
grammar_for(const struct lang *l)
{
	struct grammar *g = grammar_row(l);

	return g != NULL && grammar_ready(g) ? g : NULL;
}

int
highlight_has(const struct lang *l)
{
	return grammar_for(l) != NULL;
}

static void
compile_job(void *arg, int self)
{
	(void)self;
	(void)grammar_ready(arg);
}

void
highlight_prepare(const struct lang *l)
{
	struct grammar *g = grammar_row(l);
	struct pool *p;
	int no = 0;

	if (g == NULL || atomic_load(&g->done) ||
	    !atomic_compare_exchange_strong(&g->started, &no, 1))
		return;
	/* A thread a grammar, or a core, whichever is fewer. */
	pthread_mutex_lock(&compiles_mu);
	if (compiles == NULL)
		compiles = pool_new((size_t)pool_threads(0) < hl_ngrammars ?
		    pool_threads(0) : (int)hl_ngrammars);
	p = compiles;
	pthread_mutex_unlock(&compiles_mu);
	pool_submit(p, compile_job, g);
}

void
highlight_settle(void)
{
	struct pool *p;

	pthread_mutex_lock(&compiles_mu);
	p = compiles;
	compiles = NULL;
	pthread_mutex_unlock(&compiles_mu);
	pool_free(p);
}

/*
 * Does the text of every node of capture cap in match m pass pr?  md is
 * room for PCRE2's match, this thread's own.
 */
static int
pred_holds(const struct grammar *g, const struct pred *pr,
    const TSQueryMatch *m, const char *text, pcre2_match_data *md)
{
	const TSQueryCapture *c, *o;
	const char *s, *v;
	uint32_t start, n, vlen, i;
	int ok;

	for (c = m->captures; c < m->captures + m->capture_count; c++) {
		if (c->index != pr->cap)
			continue;
		start = ts_node_start_byte(c->node);
		n = ts_node_end_byte(c->node) - start;
		s = text + start;
		ok = 0;
		switch (pr->op) {
		case PRED_EQ:
			if (pr->other < 0) {
				v = ts_query_string_value_for_id(g->query,
				    pr->args[0].value_id, &vlen);
				ok = vlen == n && memcmp(s, v, n) == 0;
				break;
			}
			for (o = m->captures;
			    o < m->captures + m->capture_count; o++)
				if (o->index == (uint32_t)pr->other)
					break;
			if (o == m->captures + m->capture_count) {
				ok = 1;		/* nothing to compare */
				break;
			}
			vlen = ts_node_end_byte(o->node) -
			    ts_node_start_byte(o->node);
			ok = vlen == n && memcmp(s,
			    text + ts_node_start_byte(o->node), n) == 0;
			break;
		case PRED_MATCH:
			if (!pr->bad)
				ok = pcre2_match(pr->re, (PCRE2_SPTR)s, n, 0, 0,
				    md, NULL) >= 0;
			break;
		case PRED_ANYOF:
			for (i = 0; i < pr->nargs && !ok; i++) {
				if (pr->args[i].type !=
				    TSQueryPredicateStepTypeString)
					continue;
				v = ts_query_string_value_for_id(g->query,
				    pr->args[i].value_id, &vlen);
				ok = vlen == n && memcmp(s, v, n) == 0;
			}
			break;
		}
		if (pr->bad || ok == pr->neg)
			return 0;
	}
	return 1;
}

/* A capture that counts, before the spans are made flat. */
struct cap {
	uint32_t	 start, end;
	uint32_t	 rank;		/* of its pattern: the highest wins */
	const char	*cls;
};

static int
cap_cmp(const void *a, const void *b)
{
	const struct cap *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)		/* the larger first: it holds */
		return x->end > y->end ? -1 : 1;
	if (x->rank != y->rank)		/* the winner within */
		return x->rank < y->rank ? -1 : 1;
	return 0;
}

/* The flat spans of caps (sorted), as nested spans would show. */
struct flat {
	struct hl_span	*v;
	size_t		 n, cap;
	size_t		 pos;		/* what is before pos is done */
};

static void
flat_to(struct flat *f, const char *cls, size_t end)
{
	if (end <= f->pos)
		return;
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 64;
		f->v = xreallocarray(f->v, f->cap, sizeof(*f->v));
	}
	f->v[f->n].start = f->pos;
	f->v[f->n].end = end;
	f->v[f->n].cls = cls;
	f->n++;
	f->pos = end;
}

static void
flatten(const struct cap *caps, size_t ncaps, struct flat *f)
{
	struct cap *stack;
	size_t i, sp = 0;
	uint32_t end;

	stack = xreallocarray(NULL, ncaps ? ncaps : 1, sizeof(*stack));
	for (i = 0; i < ncaps; i++) {
		/* Close what ends before this one starts. */
		while (sp > 0 && stack[sp - 1].end <= caps[i].start) {
			flat_to(f, stack[sp - 1].cls, stack[sp - 1].end);
			sp--;
		}
		end = caps[i].end;
		if (sp > 0) {
			/* The one around shows up to here... */
			flat_to(f, stack[sp - 1].cls, caps[i].start);
			/* ...and holds this one whole. */
			if (end > stack[sp - 1].end)
				end = stack[sp - 1].end;
		}
		if (f->pos < caps[i].start)
			f->pos = caps[i].start;
		if (end <= caps[i].start)
			continue;
		stack[sp] = caps[i];
		stack[sp++].end = end;
	}
	while (sp > 0) {
		flat_to(f, stack[sp - 1].cls, stack[sp - 1].end);
		sp--;
	}
	free(stack);
}

/*
 * The captures of a match come in about the order of their start: insert
 * each at its place from the end, unless that moves too much; then sort.
 */
static void
caps_sort(struct cap *caps, size_t n)
{
	size_t i, j, moves = 0;
	struct cap c;

	for (i = 1; i < n; i++) {
		if (cap_cmp(&caps[i - 1], &caps[i]) <= 0)
			continue;
		c = caps[i];
		for (j = i; j > 0 && cap_cmp(&caps[j - 1], &c) > 0; j--)
			caps[j] = caps[j - 1];
		caps[j] = c;
		if ((moves += i - j) > 8 * n) {
			qsort(caps, n, sizeof(*caps), cap_cmp);
			return;
		}
	}
}

static void plain_spans(const struct lang *, const char *, size_t,
    struct flat *);

/*W:042 Highlighting is tree-sitter's work in two halves.  The parse
 * needs only the grammar, compiled into quest; the query (the grammar's
 * own highlights.scm) must be compiled first, once, and tree-sitter takes
 * longer to analyse it against the parse table than to parse a large
 * file.  So a caller with threads parses with highlight_parse() while the
 * query compiles elsewhere (highlight_prepare()), asks highlight_ready()
 * without waiting, and runs the query with highlight_finish() when it
 * is there.  The matches become flat spans of quest's own classes.
 */
struct hl_parse {
	struct grammar	*g;		/* NULL: none, lang's plain spans */
	const struct lang *lang;
	TSTree		*tree;		/* NULL past a limit */
	int		 limit;		/* enum hl_limit, or 0 */
	size_t		 len;
	uint64_t	 budget;	/* ns of CPU time left for the query */
};

/*W:043 What a text may cost is bounded (highlight.h), so that no input,
 * however made, holds quest or brings it down.  A 200 KB line of `1+1+...`
 * once took 40 s and 128k nested Python tuples 57 s, all of it in
 * tree-sitter's query cursor, whose depths are 16 bits: past 65,535
 * levels they wrap, and every match in progress stays in progress.  A
 * flat run of `((((` took 24 s for 64 KB, the cursor looking ahead through
 * the run for every token of it; and one more byte of it overflows the
 * 16-bit count of a node's children in tree-sitter 0.20.7, corrupting
 * memory.  So a text over 60 KiB is not parsed; a tree deeper than 50,000
 * levels, or whose errors would cost the query more than its size allows,
 * is not queried (both are told by one walk of the few nodes that could
 * be so); and the parse and the query together get a CPU time in
 * proportion to the text: tree-sitter's own timeout, resumed while the
 * thread's CPU clock, not the wall clock, says there is time left (a busy
 * machine must not make a page differ), then a look at that clock every
 * 256 matches.  The query cursor holds at most HL_MAX_MATCHES matches in
 * progress, and the captures are counted.  Past any limit the text is
 * left plain: a page is highlighted the same every time, or not at all.
 */
static atomic_uint time_ms = HL_MAX_MS, time_ms_per_mib = HL_MAX_MS_PER_MIB;

void
highlight_set_time(unsigned ms, unsigned ms_per_mib)
{
	atomic_store(&time_ms, ms);
	atomic_store(&time_ms_per_mib, ms_per_mib);
}

static uint64_t
cpu_ns(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
		return 0;
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

const char *
highlight_limit(int limit)
{
	switch (limit) {
	case HL_TOO_LARGE:
		return "it is larger than 60 KiB, the most quest highlights";
	case HL_TOO_DEEP:
		return "its syntax nests more than 50,000 levels deep, the "
		    "most quest highlights";
	case HL_TOO_SLOW:
		return "highlighting it would take longer than quest allows "
		    "for its size";
	case HL_TOO_MANY:
		return "its syntax holds more matches at once than quest "
		    "allows";
	default:
		return "it could not be highlighted";
	}
}

/*
 * What the query would cost on a tree, told before it runs: HL_TOO_DEEP
 * for a tree deeper than HL_MAX_DEPTH (the query cursor counts depth as
 * this walk does), HL_TOO_SLOW for syntax errors that tree-sitter could
 * not recover from for long, else 0.  For each node, the query cursor looks
 * ahead among its later siblings for a named one: a node holds its
 * children in one flat array only where an error is (elsewhere repetitions
 * are binary trees), and a run of r anonymous ones there, `((((` as 64 KB
 * of them, costs r * r / 2 (64 KB took 24 s): the runs are added up, and
 * may come to HL_MAX_SCANS a byte beyond a first million.
 *
 * Only what could cost is walked: a node with an error, or one that could
 * nest deep.  In every grammar of quest a level of nesting takes a byte at
 * least (`((`, `:1` and `??` are the deepest of every pattern of one or
 * two characters, repeated), so a node of n bytes at depth d holds nothing
 * deeper than d + 2n, give or take a few levels of no width.  So most of a
 * tree is never entered, and the walk costs next to nothing.
 */
struct level {
	uint32_t	 run;		/* anonymous children in a row */
	int		 errors;	/* the node has an error: count them */
};

static int
tree_cost(TSNode root, size_t len)
{
	TSTreeCursor c = ts_tree_cursor_new(root);
	struct level *lv = NULL;
	size_t nlv = 0;
	uint64_t scans = 0, maxscans, bytes;
	unsigned depth = 0;
	int limit = 0, err;
	TSNode n;

	maxscans = (1u << 20) + (uint64_t)HL_MAX_SCANS * len;
	for (;;) {
		n = ts_tree_cursor_current_node(&c);
		if (depth > 0 && lv[depth - 1].errors) {
			if (!ts_node_is_named(n))
				lv[depth - 1].run++;
			else {
				scans += (uint64_t)lv[depth - 1].run *
				    lv[depth - 1].run / 2;
				lv[depth - 1].run = 0;
			}
		}
		bytes = ts_node_end_byte(n) - ts_node_start_byte(n);
		err = ts_node_has_error(n);
		if ((err || depth + 64 + 2 * bytes > HL_MAX_DEPTH) &&
		    ts_tree_cursor_goto_first_child(&c)) {
			if (depth == nlv) {
				nlv = nlv ? nlv * 2 : 64;
				lv = xreallocarray(lv, nlv, sizeof(*lv));
			}
			lv[depth].run = 0;
			lv[depth].errors = err;
			if (++depth > HL_MAX_DEPTH) {
				limit = HL_TOO_DEEP;
				break;
			}
			continue;
		}
		while (!ts_tree_cursor_goto_next_sibling(&c)) {
			/* The root (depth 0) has no parent: the end. */
			if (depth == 0 || !ts_tree_cursor_goto_parent(&c))
				goto out;
			depth--;
			scans += (uint64_t)lv[depth].run * lv[depth].run / 2;
		}
		if (scans > maxscans) {
			limit = HL_TOO_SLOW;
			break;
		}
	}
out:
	if (limit == 0 && scans > maxscans)
		limit = HL_TOO_SLOW;
	free(lv);
	ts_tree_cursor_delete(&c);
	return limit;
}

/* A parse of text, refused past max bytes. */
static struct hl_parse *
parse_max(const struct lang *l, const char *text, size_t len, size_t max)
{
	struct hl_parse *hp;
	struct grammar *g;
	TSParser *parser;
	TSTree *tree = NULL;
	uint64_t t0, used;

	if (l == NULL || (text == NULL && len > 0))
		return NULL;
	if (len == 0)
		text = "";
	hp = xcalloc(1, sizeof(*hp));
	hp->g = g = grammar_row(l);
	hp->lang = l;
	hp->len = len;
	if (g == NULL)
		return hp;	/* nothing to parse: plain_spans() */
	if (len > max) {
		hp->limit = HL_TOO_LARGE;
		return hp;
	}
	hp->budget = (uint64_t)atomic_load(&time_ms) * 1000000u +
	    (uint64_t)len * atomic_load(&time_ms_per_mib) * 1000000u /
	    (1u << 20);
	parser = ts_parser_new();
	if (!ts_parser_set_language(parser, g->def->language())) {
		ts_parser_delete(parser);
		scanner_release();
		free(hp);
		return NULL;
	}
	/* Only the timeout stops a parse: resumed while there is time. */
	t0 = cpu_ns();
	for (used = 0; used < hp->budget; used = cpu_ns() - t0) {
		ts_parser_set_timeout_micros(parser,
		    (hp->budget - used) / 1000 + 1);
		if ((tree = ts_parser_parse_string(parser, NULL, text,
		    (uint32_t)len)) != NULL)
			break;
	}
	ts_parser_delete(parser);
	scanner_release();
	used = cpu_ns() - t0;
	if (tree == NULL || used >= hp->budget)
		hp->limit = HL_TOO_SLOW;
	else
		hp->limit = tree_cost(ts_tree_root_node(tree), len);
	if (hp->limit != 0) {
		if (tree != NULL)
			ts_tree_delete(tree);
		return hp;
	}
	hp->budget -= used;
	hp->tree = tree;
	return hp;
}

struct hl_parse *
highlight_parse(const struct lang *l, const char *text, size_t len)
{
	return parse_max(l, text, len, HL_MAX_BYTES);
}

int
highlight_ready(const struct lang *l)
{
	struct grammar *g = grammar_row(l);

	if (g == NULL)
		return l != NULL;	/* no query to wait for */
	return atomic_load_explicit(&g->done, memory_order_acquire);
}


static void
parse_free(struct hl_parse *hp)
{
	if (hp->tree != NULL)
		ts_tree_delete(hp->tree);
	free(hp);
}

/*W:047 The query cursor takes over a quarter of the highlighting's time,
 * most of it spent carrying a state through every node for each pattern
 * that could start there.  Yet the patterns of some queries are all
 * chains: a node, `(identifier) @variable` or `"if" @keyword`, or a
 * node below another by a field, `(call_expression function:
 * (identifier) @function)`, the last one captured, with predicates
 * maybe (C's highlights.scm is all of them).  For such a query
 * grammar_init() makes a table of the patterns by the symbol of their
 * last node (walk_init()), and walk_caps() finds the same matches in one
 * walk of the tree: at each node the query cursor would enter, each
 * pattern of its symbol whose chain holds up the nodes above it, its
 * predicates tested as a match's.  The captures then sort and flatten as
 * the cursor's would: the same spans, byte for byte.  The cursor's limit
 * of matches in progress cannot be reached by such a query (a state holds
 * a capture only once its last node is captured, and that ends it), so
 * that none is told; one thing only the cursor can tell, the field of an
 * extra node (tree-sitter takes it from the invisible node around it),
 * and a text where a chain would need it goes to the cursor.
 */
/* The captures that count, at most max. */
struct caps {
	struct cap	*v;
	size_t		 n, cap, max;
};

/* Add a capture of node; 0 if there are max already. */
static int
caps_add(struct caps *c, TSNode node, const struct grammar *g,
    uint32_t pattern, const char *cls)
{
	if (c->n == c->cap) {
		if (c->n >= c->max)
			return 0;
		c->cap = c->cap ? c->cap * 2 : 256;
		if (c->cap > c->max)
			c->cap = c->max;
		c->v = xreallocarray(c->v, c->cap, sizeof(*c->v));
	}
	c->v[c->n].start = ts_node_start_byte(node);
	c->v[c->n].end = ts_node_end_byte(node);
	c->v[c->n].rank = g->def->first ? UINT32_MAX - pattern : pattern;
	c->v[c->n].cls = cls;
	c->n++;
	return 1;
}

/*
 * The captures of match m, if its predicates hold: HL_TOO_MANY past
 * c->max, else 0.
 */
static int
match_caps(const struct grammar *g, const TSQueryMatch *m, const char *text,
    pcre2_match_data *md, struct caps *c)
{
	const char *cls;
	uint32_t i, j;

	for (j = g->pfirst[m->pattern_index];
	    j < g->pfirst[m->pattern_index + 1]; j++)
		if (!pred_holds(g, &g->preds[j], m, text, md))
			return 0;
	for (i = 0; i < m->capture_count; i++)
		if ((cls = g->cls[m->captures[i].index]) != NULL &&
		    !caps_add(c, m->captures[i].node, g, m->pattern_index, cls))
			return HL_TOO_MANY;
	return 0;
}

/* A level of walk_caps(): the node there, its symbol, its field. */
struct wlevel {
	TSSymbol	 sym;
	TSFieldId	 field;
	int		 extra;
};

/*
 * Does the chain wp end at the node at depth d?  -1 when it could only
 * be told through an extra node's field, which the query cursor takes
 * from the invisible node around it, if one is (tree_cursor.c), and
 * ts_tree_cursor_current_field_id() does not.
 */
static int
chain_holds(const struct walkpat *wp, const struct wlevel *lv, size_t d)
{
	size_t k, at;
	int unsure = 0;

	if (d + 1 < wp->n)
		return 0;
	at = d + 1 - wp->n;
	for (k = 0; k + 1 < wp->n; k++) {
		if (lv[at + k].sym != wp->sym[k])
			return 0;
		if (lv[at + k + 1].extra)
			unsure = 1;
		else if (lv[at + k + 1].field != wp->field[k])
			return 0;
	}
	return unsure ? -1 : 1;
}

/*
 * The query's matches found by one walk of the tree, for a grammar whose
 * patterns are all chains (walk_init()): each node the query cursor would
 * enter (the visible ones, the root too), each pattern that ends at its
 * symbol, its chain checked up the nodes above.  -1 when the query must
 * tell; else a limit, or 0.
 */
static int
walk_caps(const struct grammar *g, struct hl_parse *hp, const char *text,
    struct caps *c, uint64_t t0)
{
	TSTreeCursor tc = ts_tree_cursor_new(ts_tree_root_node(hp->tree));
	const struct walkpat *wp;
	struct wlevel *lv = NULL;
	pcre2_match_data *md;
	TSQueryCapture qc;
	TSQueryMatch m;
	size_t nlv = 0, d = 0, nmatch = 0;
	uint32_t k;
	TSNode n;
	int limit = 0, holds;

	if ((md = pcre2_match_data_create(1, NULL)) == NULL)
		oom();
	memset(&m, 0, sizeof(m));
	m.captures = &qc;
	m.capture_count = 1;
	for (;;) {
		n = ts_tree_cursor_current_node(&tc);
		if (d == nlv) {
			nlv = nlv ? nlv * 2 : 64;
			lv = xreallocarray(lv, nlv, sizeof(*lv));
		}
		lv[d].sym = ts_node_symbol(n);
		lv[d].extra = ts_node_is_extra(n);
		lv[d].field = d > 0 ? ts_tree_cursor_current_field_id(&tc) : 0;
		for (k = lv[d].sym < g->nsym ? g->pwalk[lv[d].sym] : 0;
		    lv[d].sym < g->nsym && k < g->pwalk[lv[d].sym + 1]; k++) {
			wp = &g->walk[k];
			if ((holds = chain_holds(wp, lv, d)) == 0)
				continue;
			if (holds == -1) {
				limit = -1;
				goto out;
			}
			if (++nmatch % 256 == 0 && cpu_ns() - t0 > hp->budget) {
				limit = HL_TOO_SLOW;
				goto out;
			}
			m.pattern_index = (uint16_t)wp->pattern;
			qc.node = n;
			qc.index = wp->cap;
			if ((limit = match_caps(g, &m, text, md, c)) != 0)
				goto out;
		}
		if (ts_tree_cursor_goto_first_child(&tc)) {
			d++;
			continue;
		}
		while (!ts_tree_cursor_goto_next_sibling(&tc)) {
			if (d == 0 || !ts_tree_cursor_goto_parent(&tc))
				goto out;
			d--;
		}
	}
out:
	free(lv);
	ts_tree_cursor_delete(&tc);
	pcre2_match_data_free(md);
	return limit;
}

/* The query's matches by its cursor: a limit, or 0. */
static int
query_caps(const struct grammar *g, struct hl_parse *hp, const char *text,
    struct caps *c, uint64_t t0)
{
	TSQueryCursor *cur;
	TSQueryMatch m;
	pcre2_match_data *md;
	size_t nmatch = 0;
	int limit = 0;

	/* One pair of offsets: what matched is never asked for. */
	if ((md = pcre2_match_data_create(1, NULL)) == NULL)
		oom();
	cur = ts_query_cursor_new();
	ts_query_cursor_set_match_limit(cur, HL_MAX_MATCHES);
	ts_query_cursor_exec(cur, g->query, ts_tree_root_node(hp->tree));
	while (ts_query_cursor_next_match(cur, &m)) {
		if (++nmatch % 256 == 0 && cpu_ns() - t0 > hp->budget) {
			limit = HL_TOO_SLOW;
			break;
		}
		if ((limit = match_caps(g, &m, text, md, c)) != 0)
			break;
	}
	if (limit == 0 && ts_query_cursor_did_exceed_match_limit(cur))
		limit = HL_TOO_MANY;
	ts_query_cursor_delete(cur);
	pcre2_match_data_free(md);
	return limit;
}

int
highlight_finish(struct hl_parse *hp, const char *text,
    struct hl_span **spans, size_t *n)
{
	struct grammar *g;
	struct caps c;
	struct flat f;
	uint64_t t0;
	int limit = -1;

	*spans = NULL;
	*n = 0;
	if (hp == NULL)
		return -1;
	g = hp->g;
	if (text == NULL)
		text = "";
	if (g == NULL) {
		memset(&f, 0, sizeof(f));
		plain_spans(hp->lang, text, hp->len, &f);
		parse_free(hp);
		*spans = f.v;
		*n = f.n;
		return 0;
	}
	if (hp->limit != 0 || !grammar_ready(g)) {
		limit = hp->limit != 0 ? hp->limit : -1;
		parse_free(hp);
		return limit;
	}

	memset(&c, 0, sizeof(c));
	c.max = 4096 + HL_MAX_CAPS * hp->len;
	t0 = cpu_ns();
	if (g->walk != NULL)
		limit = walk_caps(g, hp, text, &c, t0);
	if (limit == -1) {
		/* The cursor, with the time it would have had. */
		c.n = 0;
		limit = query_caps(g, hp, text, &c, g->walk != NULL ?
		    cpu_ns() : t0);
	}
	parse_free(hp);
	if (limit != 0) {
		free(c.v);
		return limit;
	}

	caps_sort(c.v, c.n);
	memset(&f, 0, sizeof(f));
	flatten(c.v, c.n, &f);
	free(c.v);
	*spans = f.v;
	*n = f.n;
	return 0;
}

/*:*/

/* Does the opener o (or NULL) start at p, before end? */
static size_t
opens(const char *o, const char *p, const char *end)
{
	size_t n;

	if (o == NULL || (n = strlen(o)) == 0 || (size_t)(end - p) < n ||
	    memcmp(p, o, n) != 0)
		return 0;
	return n;
}

/*W:044 A language with no grammar still shows its comments and strings
 * in their colours: one pass over the text finds its block comments, its
 * line comments (the openers of its row of lang.c, as the scanner knows
 * them) and its double-quoted strings, with their backslash escapes, each
 * the first that starts, so that a `#` inside a string is no comment and
 * a quote inside a comment no string.  Only `"` opens a string: a `'` is
 * a quote in Lisp, a character in assembly and an attribute in Ada.  What
 * is not closed runs to the end of the text, as an editor would show it.
 */
static void
plain_spans(const struct lang *l, const char *text, size_t len,
    struct flat *f)
{
	const char *p = text, *end = text + len, *q, *e;
	size_t n;
	int i;

	while (p < end) {
		if ((n = opens(l->block_open, p, end)) > 0 &&
		    l->block_close != NULL) {
			q = p + n;
			e = end;
			for (; q < end; q++)
				if (opens(l->block_close, q, end)) {
					e = q + strlen(l->block_close);
					break;
				}
			f->pos = (size_t)(p - text);
			flat_to(f, "comment", (size_t)(e - text));
			p = e;
			continue;
		}
		for (i = 0; i < 2; i++)
			if (opens(l->line[i], p, end))
				break;
		if (i < 2) {
			e = memchr(p, '\n', (size_t)(end - p));
			if (e == NULL)
				e = end;
			f->pos = (size_t)(p - text);
			flat_to(f, "comment", (size_t)(e - text));
			p = e;
			continue;
		}
		if (*p == '"') {
			for (q = p + 1; q < end && *q != '"'; q++)
				if (*q == '\\' && q + 1 < end)
					q++;
			e = q < end ? q + 1 : end;
			f->pos = (size_t)(p - text);
			flat_to(f, "string", (size_t)(e - text));
			p = e;
			continue;
		}
		p++;
	}
}

/*
 * How l's grammar names a node of this type in a context line: "()" or
 * a word (HL_DEFS, mk/grammars.mk), of *n bytes; NULL for a type that is
 * no definition.
 */
static const char *
def_kind(const struct hl_grammar *g, const char *type, size_t *n)
{
	size_t tn = strlen(type);
	const char *p = g->defs, *e;

	while (p != NULL && *p != '\0') {
		e = p + strcspn(p, " ");
		if ((size_t)(e - p) > tn && memcmp(p, type, tn) == 0 &&
		    p[tn] == ':') {
			*n = (size_t)(e - p) - tn - 1;
			return p + tn + 1;
		}
		p = *e == ' ' ? e + 1 : e;
	}
	return NULL;
}

static TSNode
field(TSNode n, const char *name)
{
	return ts_node_child_by_field_name(n, name, (uint32_t)strlen(name));
}

/* A node's text, its runs of white space one space, at most 64 bytes. */
static void
node_text(struct buf *b, TSNode n, const char *text)
{
	uint32_t i = ts_node_start_byte(n), end = ts_node_end_byte(n);
	size_t from = b->len;
	int space = 0;

	for (; i < end && b->len - from < 64; i++)
		if (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' ||
		    text[i] == '\r')
			space = 1;
		else {
			if (space)
				buf_addc(b, ' ');
			space = 0;
			buf_addc(b, text[i]);
		}
	if (i < end)
		buf_adds(b, "\xE2\x80\xA6");
}

/*
 * Is byte b in the body of definition n (its field "body", else "type":
 * Go's struct), not in its head?
 */
static int
in_body(TSNode n, size_t b)
{
	TSNode body = field(n, "body");

	if (ts_node_is_null(body))
		body = field(n, "type");
	return ts_node_is_null(body) || ts_node_start_byte(body) <= b;
}

/*
 * A definition as a context line names it, after a newline if b holds
 * one already; nothing for one with no name (an anonymous struct).
 */
static void
def_name(struct buf *b, TSNode n, const char *kind, size_t kn,
    const char *text)
{
	TSNode name = field(n, "name"), d, trait = { 0 };

	if (ts_node_is_null(name)) {
		for (d = n; !ts_node_is_null(field(d, "declarator"));)
			d = field(d, "declarator");
		if (!ts_node_eq(d, n))
			name = d;
	}
	if (ts_node_is_null(name)) {
		name = field(n, "type");
		trait = field(n, "trait");
	}
	if (ts_node_is_null(name))
		return;
	if (b->len > 0)
		buf_addc(b, '\n');
	if (!(kn == 2 && memcmp(kind, "()", 2) == 0)) {
		buf_add(b, kind, kn);
		buf_addc(b, ' ');
	}
	if (!ts_node_is_null(trait)) {
		node_text(b, trait, text);
		buf_adds(b, " for ");
	}
	node_text(b, name, text);
	if (kn == 2 && memcmp(kind, "()", 2) == 0)
		buf_adds(b, "()");
}

/*W:046 An excerpt that starts inside a function says which: "in
 * `lguest_init()`" above its first line.  The file is parsed whole (or
 * in windows of 60 KiB when it is larger), since the excerpt alone holds
 * only the end of the function; and the tree is walked down to the first
 * byte of the excerpt's first line, taking on the way each node of a
 * type that the grammar's row names a definition (HL_DEFS in
 * mk/grammars.mk) whose body holds that byte: an excerpt that starts with
 * a definition's head shows its name already.  A name is a field of the
 * node: tree-sitter's trees name their parts, so one rule names a C
 * function, a Rust impl and a Python class.
 */
int
highlight_context(const struct lang *l, const char *text, size_t len,
    const size_t *at, size_t n, struct buf *out)
{
	const struct hl_grammar *g;
	struct hl_parse *hp;
	TSTreeCursor c;
	TSNode node;
	const char *kind;
	size_t i, b, kn;
	int limit;

	if (l == NULL || (g = l->grammar) == NULL || g->defs == NULL ||
	    *g->defs == '\0' || (hp = highlight_parse(l, text, len)) == NULL)
		return -1;
	if ((limit = hp->limit) != 0) {
		parse_free(hp);
		return limit;
	}
	for (i = 0; i < n; i++) {
		for (b = at[i]; b < len && (text[b] == ' ' ||
		    text[b] == '\t'); b++)
			continue;
		if (b >= len || text[b] == '\n')
			continue;
		c = ts_tree_cursor_new(ts_tree_root_node(hp->tree));
		while (ts_tree_cursor_goto_first_child_for_byte(&c,
		    (uint32_t)b) >= 0) {
			node = ts_tree_cursor_current_node(&c);
			if (ts_node_start_byte(node) > b)
				break;
			if (ts_node_start_byte(node) < at[i] &&
			    (kind = def_kind(g, ts_node_type(node), &kn)) !=
			    NULL && in_body(node, b))
				def_name(&out[i], node, kind, kn, text);
		}
		ts_tree_cursor_delete(&c);
	}
	parse_free(hp);
	return 0;
}
/*:*/

/*
 * The tags query of a grammar (tags.scm, mk/grammars.mk), compiled once:
 * the KIND of each capture definition.KIND, and which capture is @name.
 * Its predicates are not read: they pick among references and doc
 * comments, which quest coverage does not ask for.
 */
static int
tags_ready(struct grammar *g)
{
	uint32_t i, n, len, off;
	TSQueryError err;
	const char *name;

	if (atomic_load_explicit(&g->tags_done, memory_order_acquire))
		return g->tags != NULL;
	pthread_mutex_lock(&g->mu);
	if (!atomic_load_explicit(&g->tags_done, memory_order_relaxed)) {
		g->tagname = -1;
		if (g->def->tagslen > 0)
			g->tags = ts_query_new(g->def->language(), g->def->tags,
			    (uint32_t)g->def->tagslen, &off, &err);
		n = g->tags ? ts_query_capture_count(g->tags) : 0;
		g->tagkind = xcalloc(n ? n : 1, sizeof(*g->tagkind));
		for (i = 0; i < n; i++) {
			name = ts_query_capture_name_for_id(g->tags, i, &len);
			if (len == 4 && memcmp(name, "name", 4) == 0)
				g->tagname = (int)i;
			else if (len > 11 &&
			    memcmp(name, "definition.", 11) == 0)
				g->tagkind[i] = xstrndup(name + 11, len - 11);
		}
		atomic_store_explicit(&g->tags_done, 1, memory_order_release);
	}
	pthread_mutex_unlock(&g->mu);
	return g->tags != NULL;
}

/* The node that names a definition n, as def_name() finds it; or null. */
static TSNode
def_name_node(TSNode n)
{
	TSNode name = field(n, "name"), d;

	if (ts_node_is_null(name)) {
		for (d = n; !ts_node_is_null(field(d, "declarator"));)
			d = field(d, "declarator");
		if (!ts_node_eq(d, n))
			name = d;
	}
	if (ts_node_is_null(name))
		name = field(n, "type");
	return name;
}

struct defs {
	struct hl_def	*v;
	size_t		 n, cap;
};

static void
defs_add(struct defs *d, TSNode name, const char *kind, TSNode whole)
{
	struct hl_def *x;

	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 64;
		d->v = xreallocarray(d->v, d->cap, sizeof(*d->v));
	}
	x = &d->v[d->n++];
	x->name_off = ts_node_start_byte(name);
	x->name_len = ts_node_end_byte(name) - x->name_off;
	x->kind = kind;
	x->line = ts_node_start_point(name).row + 1;
	x->first = ts_node_start_point(whole).row + 1;
	x->last = ts_node_end_point(whole).row + 1;
	/* A node that ends at a line's start does not hold that line. */
	if (x->last > x->first && ts_node_end_point(whole).column == 0)
		x->last--;
	if (x->first > x->line)
		x->first = x->line;
}

static int
def_cmp(const void *pa, const void *pb)
{
	const struct hl_def *a = pa, *b = pb;

	if (a->name_off != b->name_off)
		return a->name_off < b->name_off ? -1 : 1;
	return strcmp(a->kind, b->kind);
}

/*
 * The definition that a tags capture n is the head of: n, or the nearest
 * of its parent and grandparent that the grammar's HL_DEFS names (C's
 * tags capture a function's declarator, whose function_definition holds
 * the body); null for a C or C++ function_declarator that no
 * function_definition holds: a prototype, declared, not defined.
 */
static TSNode
tag_whole(const struct hl_grammar *hg, TSNode n)
{
	TSNode p = n, none = { 0 };
	size_t kn;
	int k;

	for (k = 0; k < 3 && !ts_node_is_null(p); k++, p = ts_node_parent(p))
		if (def_kind(hg, ts_node_type(p), &kn) != NULL)
			return p;
	if (strcmp(ts_node_type(n), "function_declarator") == 0)
		return none;
	return n;
}

/* The definitions of an HL_DEFS type, every node of the tree. */
static void
defs_walk(const struct hl_grammar *hg, TSNode root, struct defs *d)
{
	static const char *const words[] = { "class", "struct", "union",
	    "enum", "namespace", "interface", "module", "impl", "trait",
	    "mod", "object", "protocol", "type" };
	TSTreeCursor c = ts_tree_cursor_new(root);
	const char *kind, *k;
	TSNode n, name;
	size_t kn, i;

	for (;;) {
		n = ts_tree_cursor_current_node(&c);
		if ((kind = def_kind(hg, ts_node_type(n), &kn)) != NULL &&
		    !ts_node_is_null(name = def_name_node(n))) {
			k = "function";
			for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
				if (strlen(words[i]) == kn &&
				    memcmp(words[i], kind, kn) == 0)
					k = words[i];
			defs_add(d, name, k, n);
		}
		if (ts_tree_cursor_goto_first_child(&c))
			continue;
		while (!ts_tree_cursor_goto_next_sibling(&c))
			if (!ts_tree_cursor_goto_parent(&c))
				goto out;
	}
out:
	ts_tree_cursor_delete(&c);
}

/*V:030 quest coverage --by def asks each file for its definitions, with
 * the tags query its grammar package ships (queries/tags.scm: the
 * queries GitHub's code navigation runs), compiled into quest as the
 * highlights are: each match of a @definition.KIND capture with its
 * @name is a definition of that KIND, its lines those of the definition
 * that HL_DEFS names around it, when there is one.  A grammar with no
 * tags.scm falls back on its HL_DEFS, every node of those types.  A
 * whole file is parsed, up to 8 MiB, within the time highlighting has.
 */
int
highlight_defs(const struct lang *l, const char *text, size_t len,
    struct hl_def **out, size_t *nout)
{
	struct grammar *g = grammar_row(l);
	const struct hl_grammar *hg;
	struct hl_parse *hp;
	struct defs d = { 0 };
	TSQueryCursor *cur;
	TSQueryMatch m;
	TSNode name, def, whole;
	const char *kind;
	size_t i, j;
	int from, limit;

	*out = NULL;
	*nout = 0;
	if (g == NULL)
		return 0;
	hg = g->def;
	from = tags_ready(g) ? 1 : hg->defs != NULL && *hg->defs != '\0' ?
	    2 : 0;
	if (from == 0)
		return 0;
	if ((hp = parse_max(l, text, len, HL_DEFS_MAX_BYTES)) == NULL)
		return 0;
	if ((limit = hp->limit) != 0) {
		parse_free(hp);
		return limit;
	}
	if (from == 2)
		defs_walk(hg, ts_tree_root_node(hp->tree), &d);
	else {
		cur = ts_query_cursor_new();
		ts_query_cursor_set_match_limit(cur, HL_MAX_MATCHES);
		ts_query_cursor_exec(cur, g->tags,
		    ts_tree_root_node(hp->tree));
		while (ts_query_cursor_next_match(cur, &m)) {
			kind = NULL;
			memset(&name, 0, sizeof(name));
			memset(&def, 0, sizeof(def));
			for (i = 0; i < m.capture_count; i++) {
				j = m.captures[i].index;
				if ((int)j == g->tagname)
					name = m.captures[i].node;
				else if (g->tagkind[j] != NULL) {
					kind = g->tagkind[j];
					def = m.captures[i].node;
				}
			}
			if (kind == NULL || ts_node_is_null(name) ||
			    ts_node_is_null(whole = tag_whole(hg, def)))
				continue;
			defs_add(&d, name, kind, whole);
		}
		ts_query_cursor_delete(cur);
	}
	parse_free(hp);
	/* One definition a name: two patterns may match it. */
	if (d.n > 1) {
		qsort(d.v, d.n, sizeof(*d.v), def_cmp);
		for (i = 1, j = 0; i < d.n; i++)
			if (d.v[i].name_off != d.v[j].name_off)
				d.v[++j] = d.v[i];
		d.n = j + 1;
	}
	*out = d.v;
	*nout = d.n;
	return from;
}
/*:*/

/* Parse first, compile the query after: another thread may be at it. */
int
highlight(const struct lang *l, const char *text, size_t len,
    struct hl_span **spans, size_t *n)
{
	struct hl_parse *hp = highlight_parse(l, text, len);

	if (hp == NULL) {
		*spans = NULL;
		*n = 0;
		return -1;
	}
	return highlight_finish(hp, text, spans, n);
}
