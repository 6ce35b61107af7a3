/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * config.c: read .quest with libinih.
 *
 * inih is the parser of record: it decides what is valid INI and reports
 * the first line it cannot parse.  quest feeds it from memory through a
 * reader that counts lines, so that every key it hands back can be
 * reported with its line, and that notes each [section] as it goes by, so
 * that a chapter section with no keys still declares its chapter.
 */
#include <errno.h>
#include <ctype.h>
#include <fnmatch.h>
#include <ini.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "fsroot.h"
#include "lang.h"
#include "util.h"

/*
 * A set of strings, by hash (open addressing, linear probing): a chapter
 * looked up among the others once, not compared with each of them, so
 * that 50,000 chapters are not a billion comparisons.  The strings are
 * the caller's; each carries a number (a chapter's index).
 */
struct strset {
	struct strent {
		const char	*s;
		size_t		 n;
		size_t		 val;
	}		*v;
	size_t		 n, cap;	/* cap: 0 or a power of two */
};

static size_t
str_hash(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037ULL;	/* FNV-1a */

	while (n-- > 0)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return (size_t)h;
}

/* The entry of s, or NULL. */
static const struct strent *
strset_get(const struct strset *set, const char *s, size_t n)
{
	size_t i;

	if (set->cap == 0)
		return NULL;
	for (i = str_hash(s, n) & (set->cap - 1); set->v[i].s != NULL;
	    i = (i + 1) & (set->cap - 1))
		if (set->v[i].n == n && memcmp(set->v[i].s, s, n) == 0)
			return &set->v[i];
	return NULL;
}

/* Add s with val, unless it is there: the first one stays. */
static void
strset_put(struct strset *set, const char *s, size_t n, size_t val)
{
	struct strent *old = set->v;
	size_t i, oldcap = set->cap;

	if (strset_get(set, s, n) != NULL)
		return;
	if (2 * (set->n + 1) > set->cap) {
		set->cap = set->cap ? set->cap * 2 : 64;
		set->v = xcalloc(set->cap, sizeof(*set->v));
		set->n = 0;
		for (i = 0; i < oldcap; i++)
			if (old[i].s != NULL)
				strset_put(set, old[i].s, old[i].n, old[i].val);
		free(old);
	}
	for (i = str_hash(s, n) & (set->cap - 1); set->v[i].s != NULL;
	    i = (i + 1) & (set->cap - 1))
		continue;
	set->v[i].s = s;
	set->v[i].n = n;
	set->v[i].val = val;
	set->n++;
}

static void
strset_free(struct strset *set)
{
	free(set->v);
	memset(set, 0, sizeof(*set));
}

struct reader {
	const char	*p, *end;
	unsigned	 line;		/* of the line last handed to inih */
	int		 too_long;	/* a line did not fit inih's buffer */
	struct config	*cfg;
	const char	*path;
	struct diags	*diags;
	int		 fatal;
	char		*section;	/* the current section, as written */
	int		 chapter;	/* index into cfg->chapters, or -1 */
	int		 lang;		/* index into cfg->langs, or -1 */
	int		 intro_seen;
	int		 had_key;	/* a key since the last section */
	/*
	 * What is joined as it comes, and set once at the end: a value
	 * given again, or continued, is one append, never a copy of all
	 * that came before (40,000 title lines took 10 s).
	 */
	struct buf	 title;
	int		 titled;
	struct buf	 name;		/* of chapter named_ch */
	int		 named_ch;	/* -1: none */
	size_t		 chcap;		/* room in cfg->chapters */
	struct strset	 prefixes;	/* of the chapters declared */
};

int
prefix_valid(const char *s, size_t n)
{
	size_t i;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++)
		if (s[i] < 'A' || s[i] > 'Z')
			return 0;
	return 1;
}

static void
add_words(char ***v, size_t *n, const char *value)
{
	const char *p = value, *e;

	while (*p) {
		while (*p && isspace((unsigned char)*p))
			p++;
		if (*p == '\0')
			break;
		e = p;
		while (*e && !isspace((unsigned char)*e))
			e++;
		*v = xreallocarray(*v, *n + 1, sizeof(**v));
		(*v)[(*n)++] = xstrndup(p, (size_t)(e - p));
		p = e;
	}
}

/* Append a value to what a key has: given again, or continued. */
static void
join(struct buf *b, const char *value)
{
	buf_addc(b, ' ');
	buf_adds(b, value);
}

/* The chapter whose name was being read is named. */
static void
name_flush(struct reader *r)
{
	if (r->named_ch >= 0) {
		r->cfg->chapters[r->named_ch].name =
		    xstrdup(buf_cstr(&r->name));
		r->named_ch = -1;
	}
	buf_free(&r->name);
}

/*
 * A [language NAME] section: NAME (p, n: what follows "language") is a
 * language of lang.c's, matched without regard to case; any other stops
 * quest, as a config that names a chapter wrongly does.
 */
static void
section_lang(struct reader *r, const char *p, size_t n)
{
	struct config *cfg = r->cfg;
	const struct lang *l = NULL;
	struct buf known = { 0 };
	char *name;
	size_t i;

	while (n > 0 && (*p == ' ' || *p == '\t')) {
		p++;
		n--;
	}
	name = xstrndup(p, n);
	if (n > 0)
		l = lang_by_name(name);
	if (l == NULL) {
		for (i = 0; i < lang_count; i++)
			buf_printf(&known, "%s%s", i ? ", " : "",
			    lang_table[i].name);
		diag_add(r->diags, D_CONFIG_VALUE, r->path, r->line, 1,
		    "unknown language '%s' in [language %s]; known: %s", name,
		    name, buf_cstr(&known));
		buf_free(&known);
		free(name);
		r->fatal = 1;
		return;
	}
	free(name);
	cfg->langs = xreallocarray(cfg->langs, cfg->nlangs + 1,
	    sizeof(*cfg->langs));
	memset(&cfg->langs[cfg->nlangs], 0, sizeof(*cfg->langs));
	cfg->langs[cfg->nlangs].lang = l;
	cfg->langs[cfg->nlangs].line = r->line;
	r->lang = (int)cfg->nlangs++;
}

/* A [section] header went by: note it, and declare a chapter. */
static void
section(struct reader *r, const char *name, size_t n)
{
	struct config *cfg = r->cfg;
	const struct strent *e;
	const char *p;
	size_t pn;

	free(r->section);
	r->section = xstrndup(name, n);
	name_flush(r);
	r->chapter = -1;
	r->lang = -1;
	r->had_key = 0;
	if (n >= 8 && memcmp(name, "language", 8) == 0 &&
	    (n == 8 || name[8] == ' ' || name[8] == '\t')) {
		section_lang(r, name + 8, n - 8);
		return;
	}
	if (n >= 7 && memcmp(name, "chapter", 7) == 0 &&
	    (n == 7 || name[7] == ' ' || name[7] == '\t')) {
		p = name + 7;
		while (p < name + n && (*p == ' ' || *p == '\t'))
			p++;
		pn = (size_t)(name + n - p);
		while (pn > 0 && (p[pn - 1] == ' ' || p[pn - 1] == '\t'))
			pn--;
		if (!prefix_valid(p, pn)) {
			diag_add(r->diags, D_CONFIG_VALUE, r->path, r->line, 1,
			    "chapter prefix '%.*s' must be one or more capital "
			    "letters A-Z", (int)pn, p);
			r->fatal = 1;
			return;
		}
		if ((e = strset_get(&r->prefixes, p, pn)) != NULL) {
			diag_add(r->diags, D_CONFIG_VALUE, r->path,
			    r->line, 1, "chapter %.*s is declared twice; "
			    "first at line %u", (int)pn, p,
			    cfg->chapters[e->val].line);
			r->fatal = 1;
			return;
		}
		if (cfg->nchapters == r->chcap) {
			r->chcap = r->chcap ? r->chcap * 2 : 16;
			cfg->chapters = xreallocarray(cfg->chapters, r->chcap,
			    sizeof(*cfg->chapters));
		}
		cfg->chapters[cfg->nchapters].prefix = xstrndup(p, pn);
		cfg->chapters[cfg->nchapters].name = NULL;
		cfg->chapters[cfg->nchapters].line = r->line;
		strset_put(&r->prefixes, cfg->chapters[cfg->nchapters].prefix,
		    pn, cfg->nchapters);
		r->chapter = (int)cfg->nchapters++;
	} else if (!(n == 4 && memcmp(name, "tour", 4) == 0))
		diag_add(r->diags, D_UNKNOWN_SECTION, r->path, r->line, 1,
		    "unknown section [%.*s]; known: [tour], [chapter X], "
		    "[language NAME]", (int)n, name);
}

/*P:020 The config is INI, read by libinih from memory.  inih decides what
 * is valid and names the first line it cannot parse; this reader hands it
 * one line at a time, as fgets(3) would, counting lines so that every key
 * can be reported with its place, and noting each [section] as it goes by,
 * so that a `[chapter X]` with no keys still declares chapter X, in order.
 */
static char *
reader(char *str, int num, void *stream)
{
	struct reader *r = stream;
	const char *nl, *s, *e;
	size_t n;

	if (r->p >= r->end)
		return NULL;
	nl = memchr(r->p, '\n', (size_t)(r->end - r->p));
	n = nl ? (size_t)(nl - r->p) + 1 : (size_t)(r->end - r->p);
	r->line++;
	if (n > (size_t)num - 1) {
		/* inih would split the line; refuse it instead. */
		r->too_long = 1;
		return NULL;
	}
	memcpy(str, r->p, n);
	str[n] = '\0';
	r->p += n;

	s = str;
	while (*s == ' ' || *s == '\t')
		s++;
	/* An indented line after a key continues it, as inih reads it. */
	if (*s == '[' && (s == str || !r->had_key) &&
	    (e = strchr(s, ']')) != NULL) {
		s++;
		while (s < e && (*s == ' ' || *s == '\t'))
			s++;
		while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		section(r, s, (size_t)(e - s));
	}
	return str;
}
/*:*/

static int
handler(void *user, const char *sect, const char *name, const char *value)
{
	struct reader *r = user;
	struct config *cfg = r->cfg;
	struct config_chapter *ch;
	struct config_lang *cl;

	(void)sect;
	r->had_key = 1;
	if (r->section == NULL) {
		diag_add(r->diags, D_UNKNOWN_KEY, r->path, r->line, 1,
		    "key '%s' outside any section", name);
		return 1;
	}
	if (strcmp(r->section, "tour") == 0) {
		if (strcmp(name, "title") == 0) {
			if (r->titled++)
				join(&r->title, value);	/* a continued line */
			else
				buf_adds(&r->title, value);
		} else if (strcmp(name, "intro") == 0) {
			if (r->intro_seen++) {
				diag_add(r->diags, D_CONFIG_VALUE, r->path,
				    r->line, 1,
				    "intro is given more than once");
				r->fatal = 1;
			} else {
				cfg->intro = xstrdup(value);
				cfg->intro_line = r->line;
			}
		} else if (strcmp(name, "include") == 0)
			add_words(&cfg->include, &cfg->ninclude, value);
		else if (strcmp(name, "exclude") == 0)
			add_words(&cfg->exclude, &cfg->nexclude, value);
		else
			diag_add(r->diags, D_UNKNOWN_KEY, r->path, r->line, 1,
			    "unknown key '%s' in [tour]; known: title, intro, "
			    "include, exclude", name);
		return 1;
	}
	if (r->lang >= 0) {
		cl = &cfg->langs[r->lang];
		if (strcmp(name, "files") == 0)
			add_words(&cl->files, &cl->nfiles, value);
		else
			diag_add(r->diags, D_UNKNOWN_KEY, r->path, r->line, 1,
			    "unknown key '%s' in [language %s]; known: files",
			    name, cl->lang->name);
		return 1;
	}
	if (r->chapter >= 0) {
		ch = &cfg->chapters[r->chapter];
		if (strcmp(name, "name") == 0) {
			if (r->named_ch == r->chapter)
				join(&r->name, value);
			else {
				r->named_ch = r->chapter;
				buf_adds(&r->name, value);
			}
		} else
			diag_add(r->diags, D_UNKNOWN_KEY, r->path, r->line, 1,
			    "unknown key '%s' in [chapter %s]; known: name",
			    name, ch->prefix);
	}
	/* Keys of an unknown or invalid section were reported with it. */
	return 1;
}

static void
chapters_unique(const struct config *cfg, const char *path,
    struct diags *diags, int *fatal)
{
	struct strset any = { 0 }, names = { 0 };
	const struct config_chapter *c;
	const struct strent *e;
	size_t i, j;

	for (i = 0; i < cfg->nchapters; i++) {
		c = &cfg->chapters[i];
		j = i;
		if ((e = strset_get(&any, c->name, strlen(c->name))) != NULL)
			j = e->val;
		if ((e = strset_get(&names, c->prefix, strlen(c->prefix))) !=
		    NULL && e->val < j)
			j = e->val;
		if (j < i) {
			diag_add(diags, D_CONFIG_VALUE, path, c->line, 1,
			    "chapter %s is named '%s', which already names "
			    "chapter %s (line %u)", c->prefix, c->name,
			    cfg->chapters[j].prefix, cfg->chapters[j].line);
			*fatal = 1;
		}
		strset_put(&any, c->name, strlen(c->name), i);
		strset_put(&any, c->prefix, strlen(c->prefix), i);
		strset_put(&names, c->name, strlen(c->name), i);
	}
	strset_free(&any);
	strset_free(&names);
}

int
config_parse(struct config *cfg, const char *path, const char *text,
    size_t len, struct diags *diags)
{
	struct reader r;
	size_t i;
	int rc;

	memset(cfg, 0, sizeof(*cfg));
	memset(&r, 0, sizeof(r));
	cfg->path = xstrdup(path);
	r.p = text;
	r.end = text + len;
	r.cfg = cfg;
	r.path = path;
	r.diags = diags;
	r.chapter = -1;
	r.lang = -1;
	r.named_ch = -1;
	if (memchr(text, '\0', len) != NULL) {
		diag_add(diags, D_CONFIG_SYNTAX, path, 0, 0,
		    "the config holds a NUL byte: is it a text file?");
		return -1;
	}
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		r.p += 3;	/* a UTF-8 byte order mark */
	rc = ini_parse_stream(reader, &r, handler, &r);
	free(r.section);
	name_flush(&r);
	if (r.titled)
		cfg->title = xstrdup(buf_cstr(&r.title));
	buf_free(&r.title);
	strset_free(&r.prefixes);
	if (r.too_long) {
		diag_add(diags, D_CONFIG_SYNTAX, path, r.line, 1,
		    "line too long (more than %d bytes)", INI_MAX_LINE - 2);
		return -1;
	}
	if (rc > 0) {
		diag_add(diags, D_CONFIG_SYNTAX, path, (unsigned)rc, 1,
		    "syntax error: expected [section], key = value, or a "
		    "comment");
		return -1;
	}
	if (rc < 0) {
		diag_add(diags, D_CONFIG_SYNTAX, path, 0, 0,
		    "cannot parse the config");
		return -1;
	}
	for (i = 0; i < cfg->nchapters; i++) {
		if (cfg->chapters[i].name == NULL ||
		    *cfg->chapters[i].name == '\0') {
			free(cfg->chapters[i].name);
			cfg->chapters[i].name =
			    xstrdup(cfg->chapters[i].prefix);
		}
	}
	/*
	 * A name must pick one chapter, or `quest show NAME` is ambiguous:
	 * no chapter may be named as an earlier one is named or prefixed,
	 * nor prefixed as an earlier one is named.  The earliest such one is
	 * reported, found in two sets filled in order: what names or
	 * prefixes a chapter, and what names one.
	 */
	chapters_unique(cfg, path, diags, &r.fatal);
	if (cfg->intro != NULL && *cfg->intro == '\0') {
		free(cfg->intro);
		cfg->intro = NULL;
	}
	return r.fatal ? -1 : 0;
}

void
config_free(struct config *cfg)
{
	size_t i, j;

	free(cfg->path);
	free(cfg->title);
	free(cfg->intro);
	for (i = 0; i < cfg->nchapters; i++) {
		free(cfg->chapters[i].prefix);
		free(cfg->chapters[i].name);
	}
	free(cfg->chapters);
	for (i = 0; i < cfg->ninclude; i++)
		free(cfg->include[i]);
	free(cfg->include);
	for (i = 0; i < cfg->nexclude; i++)
		free(cfg->exclude[i]);
	free(cfg->exclude);
	for (i = 0; i < cfg->nlangs; i++) {
		for (j = 0; j < cfg->langs[i].nfiles; j++)
			free(cfg->langs[i].files[j]);
		free(cfg->langs[i].files);
	}
	free(cfg->langs);
	memset(cfg, 0, sizeof(*cfg));
}

/*
 * A glob with a '/' matches the whole path or one of its leading
 * directories ("drivers/lguest" takes all below it); fnmatch(3) without
 * FNM_PATHNAME, so '*' also matches '/'.  A glob without '/' matches any one
 * component: "*.txt", "tests".  A leading '/' anchors a glob at the root,
 * as in .gitignore: "/tests" is the top-level tests only.  A trailing '/'
 * is ignored.
 */
static int
glob_matches(const char *glob, const char *path)
{
	char pat[1024], part[4096];
	const char *p, *s;
	size_t n;
	int anchored;

	n = strlen(glob);
	while (n > 1 && glob[n - 1] == '/')
		n--;
	if (n >= sizeof(pat) || strlen(path) >= sizeof(part))
		return 0;
	memcpy(pat, glob, n);
	pat[n] = '\0';
	anchored = pat[0] == '/';
	if (anchored)
		memmove(pat, pat + 1, n--);
	if (anchored || strchr(pat, '/') != NULL) {
		if (fnmatch(pat, path, 0) == 0)
			return 1;
		for (p = path; (p = strchr(p, '/')) != NULL; p++) {
			memcpy(part, path, (size_t)(p - path));
			part[p - path] = '\0';
			if (fnmatch(pat, part, 0) == 0)
				return 1;
		}
		return 0;
	}
	for (s = path; *s; s = p + 1) {
		p = strchr(s, '/');
		n = p ? (size_t)(p - s) : strlen(s);
		memcpy(part, s, n);
		part[n] = '\0';
		if (fnmatch(pat, part, 0) == 0)
			return 1;
		if (p == NULL)
			break;
	}
	return 0;
}

int
config_selects(const struct config *cfg, const char *path)
{
	size_t i;
	int in = cfg->ninclude == 0;

	for (i = 0; !in && i < cfg->ninclude; i++)
		in = glob_matches(cfg->include[i], path);
	for (i = 0; in && i < cfg->nexclude; i++)
		if (glob_matches(cfg->exclude[i], path))
			in = 0;
	return in;
}

/*P:022 A `[language NAME]` section tells quest the language of files it
 * would not know, or would take for another: `files = *.y *.l` under
 * `[language C]` reads Yacc and Lex files as C, their tags, their
 * comments and, in the web book, their highlighting.  A glob without a
 * `/` matches a file's base name, one with a `/` its whole path from the
 * root (a `/` first is dropped, and `*` matches a `/` too, as in
 * include); the first section that matches wins, over the names of
 * lang.c.
 */
const struct lang *
config_lang(const struct config *cfg, const char *path)
{
	const struct config_lang *cl;
	const char *base, *g;
	size_t i, j;

	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	for (i = 0; i < cfg->nlangs; i++) {
		cl = &cfg->langs[i];
		for (j = 0; j < cl->nfiles; j++) {
			g = cl->files[j];
			if (fnmatch(strchr(g, '/') ? g + (*g == '/') : g,
			    strchr(g, '/') ? path : base, 0) == 0)
				return cl->lang;
		}
	}
	return lang_by_path(path);
}
/*:*/

enum intro_status
config_intro(const struct config *cfg, struct buf *out, char **why)
{
	char *q;
	enum intro_status st;

	*why = NULL;
	out->len = 0;
	if (cfg->intro == NULL) {
		*why = xstrdup("no intro");
		return INTRO_MISSING;
	}
	q = name_quoted1(cfg->intro);
	if (!root_path_ok(cfg->intro)) {
		*why = xasprintf("intro %s is not a path inside the tour root: "
		    "quest reads only files of the tree", q);
		free(q);
		return INTRO_REFUSED;
	}
	if (root_read(cfg->intro, INTRO_MAX, out, NULL) == 0) {
		free(q);
		return INTRO_OK;
	}
	out->len = 0;
	st = INTRO_REFUSED;
	switch (errno) {
	case ELOOP:
	case EXDEV:
		*why = xasprintf("intro %s is, or is reached through, a "
		    "symbolic link, which quest does not follow", q);
		break;
	case EINVAL:
		*why = xasprintf("intro %s is not a regular file", q);
		break;
	case EFBIG:
		*why = xasprintf("intro %s is larger than %zu bytes", q,
		    INTRO_MAX);
		break;
	case ENOENT:
		*why = xasprintf("intro file %s cannot be read", q);
		st = INTRO_MISSING;
		break;
	default:
		*why = xasprintf("intro file %s cannot be read: %s", q,
		    strerror(errno));
		st = INTRO_MISSING;
		break;
	}
	free(q);
	return st;
}
