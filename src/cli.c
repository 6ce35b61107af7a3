/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * cli.c: the tables of the command line, and what reads them: the option
 * parser, the usage lines and help texts, the refusals.  Adding a command
 * is a row of commands[] (and its function in main.c unless it drives a
 * writer); adding an option is a row of options[].
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "pool.h"
#include "remote.h"

/*P:010 Welcome to quest's own tour.  quest reads the tagged comments of a
 * source tree into one tree of chapters and steps, checks it, and writes it
 * out.  Every command follows the same road: cli.c parses the command
 * line from two tables, this one of the commands and the next one of the
 * options, main.c drives the command, load.c finds the tour root and reads
 * the config (config.c), walk.c lists the files, scan.c finds the tags in
 * each, build.c turns them into steps and chapters, check.c reports what
 * is wrong, and one writer per format (fmt_*.c) prints the result.  Some
 * commands go further: renumber and import rewrite the tree (chapter
 * Editing), stale and diff read its git history (chapter History).
 */
static const struct cmd commands[] = {
	{ "show", NULL, "text", OPERANDS_PICK, CMD_TERM,
	    "print the tour as plain text, as lguest's make Guest did",
	    NULL, NULL },
	{ "check", cmd_check, NULL, OPERANDS_NONE, 0,
	    "report what is wrong with the tour; exit 1 on errors",
	    NULL, NULL },
	{ "list", NULL, "list", OPERANDS_PICK, 0,
	    "print the table of contents: one line a step", NULL, NULL },
	{ "html", NULL, "html", OPERANDS_PICK,
	    CMD_ALWAYS | CMD_HIGHLIGHT | CMD_PAGES,
	    "write the tour as a web book: one page, or a directory (-o DIR/)",
	    NULL, NULL },
	{ "md", NULL, "md", OPERANDS_PICK, CMD_ALWAYS,
	    "write the tour as GitHub-flavoured Markdown", NULL, NULL },
	{ "json", NULL, "json", OPERANDS_PICK, CMD_ALWAYS,
	    "write the whole tree as JSON, for tools (see quest(5))",
	    NULL, NULL },
	{ "codetour", NULL, "codetour", OPERANDS_PICK, CMD_DIR,
	    "write one CodeTour file per chapter into DIR (.tours)",
	    NULL, NULL },
	{ "renumber", cmd_renumber, NULL, OPERANDS_CHAPTERS, 0,
	    "number the steps N, 2N, 3N... and fix cross-references",
	    "With no CHAPTER, every chapter.  Only the digits of tags\n"
	    "and cross-references change.  Refuses while check finds an\n"
	    "error, and while another renumber runs; but steps that\n"
	    "share a number (duplicate-step) are numbered apart, in tour\n"
	    "order, path then line.  A file that changes as it is\n"
	    "renumbered is left as it is: exit 1, run it again.  A\n"
	    "cross-reference to a shared number is ambiguous: left as it\n"
	    "is, with a warning (ambiguous-ref), exit 1: edit it.\n", NULL },
	{ "new", cmd_new, NULL, OPERANDS_CHAPTER, 0,
	    "print a free number for a new step of CHAPTER", NULL, NULL },
	{ "import", cmd_import, NULL, OPERANDS_IMPORT, 0,
	    "make the steps of CodeTour files tags of a new chapter",
	    "Each step with a file and a line (or a selection, or a\n"
	    "pattern) becomes a tag comment above that line, in the file's\n"
	    "comment style and indentation, its title and description the\n"
	    "prose, numbered 10, 20, 30 in the tour's order; a selection\n"
	    "gets an end marker.  The chapter, named by the tour's title,\n"
	    "is added to .quest.  Directory, content and URI steps, and a\n"
	    "line that is not there, are reported and left out: exit 1.\n"
	    "A tour imported already changes nothing: exit 0.  Files are\n"
	    "rewritten as renumber rewrites them, under its lock.\n", NULL },
	{ "stale", cmd_stale, NULL, OPERANDS_NONE, 0,
	    "report steps whose code changed since REF but prose did not",
	    "A step reviewed after the merge base, in a commit whose\n"
	    "message has the trailer 'Quest-Reviewed: G:030' (or a whole\n"
	    "chapter: 'Quest-Reviewed: G'), is judged against that commit.\n"
	    "Exit status: 0 nothing stale, 1 a step is stale, 2 an error.\n",
	    "; the revision goes with --since" },
	{ "diff", cmd_diff, NULL, OPERANDS_REFS, 0,
	    "the tour's own history: steps added, removed, renumbered, moved, "
	    "changed", "REF2 defaults to the work tree.\n", NULL },
	{ "coverage", cmd_coverage, NULL, OPERANDS_PATHS, 0,
	    "report which part of the code the tour shows",
	    "A line of code is a line with anything but blanks outside\n"
	    "comments; it is covered when some step's code holds it.\n"
	    "With --by def, a definition is shown when some step's code\n"
	    "holds its name's line.  The report ends with the total, which\n"
	    "--min judges: exit 1 when it is below PCT.\n", NULL },
	{ "lsp", cmd_lsp, NULL, OPERANDS_NONE, 0,
	    "serve the tour to an editor: a language server on stdio",
	    "It speaks the Language Server Protocol (3.17) on its standard\n"
	    "input and output: an editor starts it, not a person.  The\n"
	    "workspace is the client's root, else -C DIR, else the\n"
	    "current directory.  Exit status: 0 after shutdown and exit,\n"
	    "1 on exit or end of input without shutdown, 2 on an I/O\n"
	    "error.\n", NULL },
	{ "serve", cmd_serve, NULL, OPERANDS_CHAPTERS, 0,
	    "serve the web book on localhost, rebuilt on every save",
	    "It prints its URL on the first line of its output, serves\n"
	    "the page of quest html (a book of many pages, as html -o\n"
	    "DIR/ writes, for a big tour) and follows the tree with\n"
	    "inotify: a save re-reads the files it changed, highlights\n"
	    "again the steps it changed, and the open pages patch them\n"
	    "in, keeping their place.  When the tour has errors, the\n"
	    "pages show check's diagnostics over the last good book.  It\n"
	    "answers GET and HEAD, to Host localhost or an IP literal\n"
	    "only.  SIGINT or SIGTERM stops it: exit 0.\n", NULL },
	{ "help", cmd_help, NULL, OPERANDS_COMMAND, 0,
	    "show this help, or a command's", NULL, NULL },
	/* What the shell completions (complete.c) are and call. */
	{ "complete", cmd_complete, NULL, OPERANDS_WORD, CMD_HIDDEN,
	    "print a shell's completions, or what they complete",
	    "WORD is bash, zsh or fish: the completion script of that\n"
	    "shell, made from quest's tables of commands and options.\n"
	    "Or chapters, steps or names (both): those of the tour here,\n"
	    "one a line and never a diagnostic, for the scripts to offer.\n",
	    NULL },
};
/*:*/

static int	set_string(struct opts *, const struct opt *, const char *);
static int	set_flag(struct opts *, const struct opt *, const char *);
static int	set_number(struct opts *, const struct opt *, const char *);
static int	set_help(struct opts *, const struct opt *, const char *);
static int	set_version(struct opts *, const struct opt *, const char *);
static int	set_color(struct opts *, const struct opt *, const char *);
static int	set_diag_format(struct opts *, const struct opt *,
		    const char *);
static int	set_diff_format(struct opts *, const struct opt *,
		    const char *);
static int	set_output(struct opts *, const struct opt *, const char *);
static int	set_link_base(struct opts *, const struct opt *, const char *);
static int	set_cov_by(struct opts *, const struct opt *, const char *);
static int	set_percent(struct opts *, const struct opt *, const char *);
static int	set_book(struct opts *, const struct opt *, const char *);

#define F(field)	offsetof(struct opts, field)

/*
 * The options, in the order of the usage lines and the help.  An option
 * that means one thing to some commands and another to others (-o FILE,
 * -o DIR) is a row for each meaning.
 */
static const struct opt options[] = {
	/* Global: before or after the command. */
	{ NULL, 'C', OPT_ARG, "-C DIR", NULL, NULL, set_string, F(dir), 0, 0,
	    "run as if quest was started in DIR" },
	{ "files-from", 0, OPT_ARG, "--files-from FILE", NULL, NULL,
	    set_string, F(files_from), 0, 0,
	    "read the files from FILE (- for standard\n"
	    "input), one a line or NUL-separated" },
	{ "jobs", 'j', OPT_ARG, "-j, --jobs N", "-j N", NULL, set_number,
	    F(jobs), 1, POOL_MAX,
	    "scan, and write a web book, with N threads\n"
	    "(default: one per core)" },
	{ "help", 'h', 0, "-h, --help", "", NULL, set_help, 0, 0, 0,
	    "show this help" },
	{ "version", 'V', 0, "-V, --version", "", NULL, set_version, 0, 0, 0,
	    "show the version" },

	{ "werror", 0, 0, "--werror", NULL, "check", set_flag, F(werror),
	    0, 0, "treat warnings as errors" },
	{ "format", 0, OPT_ARG, "--format=FMT", "--format=gcc|json|sarif",
	    "check", set_diag_format, F(format), 0, 0,
	    "gcc (default: path:line:col: ...),\n"
	    "json, or sarif (SARIF 2.1.0)" },
	{ "list-diagnostics", 0, 0, "--list-diagnostics", NULL, "check",
	    set_flag, F(list_diags), 0, 0,
	    "list every diagnostic quest reports" },
	{ "color", 0, OPT_ARG, "--color=WHEN", NULL, "show", set_color,
	    F(color), 0, 0,
	    "colour on a terminal: auto (default),\n"
	    "always or never; NO_COLOR turns auto off" },
	{ "no-pager", 0, 0, "--no-pager", NULL, "show", set_flag, F(no_pager),
	    0, 0,
	    "do not page through $QUEST_PAGER or\n"
	    "$PAGER (by default less, showing colour,\n"
	    "with LESS=FRX); an empty pager or cat\n"
	    "does not page" },
	{ "refs", 0, 0, "--refs", NULL, "list", set_flag, F(refs), 0, 0,
	    "show which steps each step refers to,\n"
	    "and which refer to it" },
	{ "output", 'o', OPT_ARG | OPT_NAMES_CMD, "-o FILE", NULL, "html",
	    set_output, F(output), 0, 0,
	    "write to FILE (- or none: standard\n"
	    "output); a regular file is replaced\n"
	    "atomically, a FIFO or a device written\n"
	    "in place; never through a link of the\n"
	    "tree.  FILE ending in /: a book of many\n"
	    "pages in that directory, as --split" },
	{ "output", 'o', OPT_ARG | OPT_NAMES_CMD, "-o FILE", NULL,
	    "md json coverage", set_output, F(output), 0, 0,
	    "write to FILE (- or none: standard\n"
	    "output); a regular file is replaced\n"
	    "atomically, a FIFO or a device written\n"
	    "in place; never through a link of the\n"
	    "tree" },
	{ "split", 0, OPT_NAMES_CMD, "--split", NULL, "html", set_flag,
	    F(split), 0, 0,
	    "write a book of many pages into the\n"
	    "directory -o names: index.html, a page\n"
	    "a chapter, book.css, book.js, search.js" },
	{ "output", 'o', OPT_ARG | OPT_NAMES_CMD, "-o DIR", NULL, "codetour",
	    set_output, F(output), 0, 0,
	    "write the .tour files into DIR (default\n"
	    ".tours), each replaced atomically; a\n"
	    "directory in the tree is never reached\n"
	    "through a symbolic link" },
	{ "link-base", 0, OPT_ARG | OPT_NAMES_CMD, "--link-base URL", NULL,
	    "html md serve", set_link_base, F(link_base), 0, 0,
	    "link each step to URL/path#Lstart-Lend,\n"
	    "URL http://, https:// or relative\n"
	    "(default: a permalink when origin is on\n"
	    "GitHub, GitLab, Codeberg or sourcehut,\n"
	    "else a relative path#Lstart)" },
	{ "since", 0, OPT_ARG | OPT_NAMES_CMD, "--since REF", NULL,
	    "list html stale", set_string, F(since), 0, 0,
	    "judge steps against the merge base of REF\n"
	    "and HEAD (stale: default HEAD, the\n"
	    "uncommitted work); mark the stale ones" },
	{ "format", 0, OPT_ARG, "--format=FMT", "--format=gcc|json|sarif",
	    "stale", set_diag_format, F(format), 0, 0,
	    "gcc (default), json or sarif, as check" },
	{ "verbose", 'v', OPT_NAMES_CMD, "-v", NULL, "stale", set_flag,
	    F(verbose), 0, 0, "add each stale step's code diff" },
	{ "by", 0, OPT_ARG, "--by N", NULL, "renumber", set_number, F(by),
	    1, 1000000, "number in steps of N (default 10)" },
	{ "width", 0, OPT_ARG, "--width W", NULL, "renumber", set_number,
	    F(width), 1, 18,
	    "pad numbers with zeros to W digits\n"
	    "(default: the widest of the chapter's\n"
	    "numbers, old and new)" },
	{ "dry-run", 0, 0, "--dry-run", NULL, "renumber import", set_flag,
	    F(dry_run), 0, 0, "print a unified diff, change nothing" },
	{ "prefix", 0, OPT_ARG, "--prefix PREFIX", NULL, "import",
	    set_string, F(prefix), 0, 0,
	    "the new chapter's prefix (default: the\n"
	    "initials of the tour's title)" },
	{ "after", 0, OPT_ARG, "--after STEP", NULL, "new", set_string,
	    F(after), 0, 0,
	    "the number halfway between STEP and\n"
	    "the step after it (default: after the\n"
	    "last step)" },
	{ "format", 0, OPT_ARG, "--format=FMT", "--format=text|json", "diff",
	    set_diff_format, F(format_name), 0, 0, "text (default) or json" },
	{ "port", 0, OPT_ARG, "--port N", NULL, "serve", set_number, F(port),
	    0, 65535,
	    "listen on port N (0: any free one;\n"
	    "default: 8000 or the next free one)" },
	{ "bind", 0, OPT_ARG, "--bind ADDR", NULL, "serve", set_string,
	    F(bind), 0, 0,
	    "listen on the IP address ADDR (default\n"
	    "127.0.0.1, this machine only)" },
	{ "open", 0, 0, "--open", NULL, "serve", set_flag, F(open), 0, 0,
	    "open the book with xdg-open, if there" },
	{ "split", 0, 0, "--split", NULL, "serve", set_flag, F(split), 0, 0,
	    "serve a book of many pages, as quest\n"
	    "html -o DIR/ writes, whatever the size\n"
	    "(default: when the steps span over 1 MiB\n"
	    "of the tree)" },
	/* For the tests: small pages, so that a small tour has many. */
	{ "page-steps", 0, OPT_ARG | OPT_HIDDEN, "--page-steps N", NULL,
	    "html serve", set_number, F(page_steps), 1, 1000000,
	    "at most N steps a page of a book of many" },
	{ "by", 0, OPT_ARG, "--by WHAT", "--by file|dir|def", "coverage",
	    set_cov_by, F(cov_by), 0, 0,
	    "a line a file (default), a directory,\n"
	    "or a definition (function, type, method)" },
	{ "format", 0, OPT_ARG, "--format=FMT", "--format=text|json",
	    "coverage", set_diff_format, F(format_name), 0, 0,
	    "text (default) or json" },
	{ "min", 0, OPT_ARG, "--min PCT", NULL, "coverage", set_percent,
	    F(cov_min), 0, 1000,
	    "exit 1 when the total is below PCT\n"
	    "percent (0 to 100, one decimal)" },
	{ "html", 0, 0, "--html", NULL, "coverage", set_flag, F(cov_html),
	    0, 0,
	    "a page with a treemap of the tree and\n"
	    "the largest definitions no step shows" },
	{ "book", 0, OPT_ARG, "--book URL", NULL, "coverage", set_book,
	    F(book), 0, 0,
	    "the web book the page links steps to,\n"
	    "as URL#G:030 (default book.html)" },
	/* tests/man.sh reads the options of every command from this. */
	{ "options", 0, OPT_HIDDEN, "--options", NULL, "help", set_flag,
	    F(list_opts), 0, 0, "list every option of every command" },
};

#define NCOMMANDS	(sizeof(commands) / sizeof(commands[0]))
#define NOPTIONS	(sizeof(options) / sizeof(options[0]))
/* getopt_long's value of a long option with no letter: LONG + its row. */
#define LONG		256
#define NAMELEN		40	/* "--" and the longest long name */

const struct cmd *
cli_command(const char *name)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/* Is word one of the blank-separated words of list? */
static int
has_word(const char *list, const char *word)
{
	size_t n = strlen(word);
	const char *p;

	for (p = list; (p = strstr(p, word)) != NULL; p += n)
		if ((p == list || p[-1] == ' ') &&
		    (p[n] == ' ' || p[n] == '\0'))
			return 1;
	return 0;
}

/* Does the command c (NULL: before any) take the option of row r? */
static int
takes(const struct cmd *c, const struct opt *r)
{
	return r->cmds == NULL || (c != NULL && has_word(r->cmds, c->name));
}

/* The option is named by its letter when it has one: -o, --link-base. */
static const char *
opt_name(const struct opt *r, char buf[NAMELEN])
{
	if (r->letter != 0)
		(void)snprintf(buf, NAMELEN, "-%c", r->letter);
	else
		(void)snprintf(buf, NAMELEN, "--%s", r->name);
	return buf;
}

static int
same_opt(const struct opt *a, const struct opt *b)
{
	return a->letter != 0 ? a->letter == b->letter :
	    b->name != NULL && strcmp(a->name, b->name) == 0;
}

/* The first row of the option that getopt_long() answered c for. */
static const struct opt *
opt_of(int c)
{
	size_t i;

	if (c >= LONG && (size_t)(c - LONG) < NOPTIONS)
		return &options[c - LONG];
	for (i = 0; i < NOPTIONS; i++)
		if (c > 0 && options[i].letter == c)
			return &options[i];
	return NULL;
}

/*
 * An option given to a command that does not take it: named with the
 * command given, or with every command that takes it.
 */
static void
refuse(const struct cmd *c, const struct opt *r)
{
	const struct opt *q;
	const char *w, *e;
	char nb[NAMELEN], list[256];
	size_t n = 0, k = 0, len = 0;
	size_t i;

	if (c != NULL && (r->flags & OPT_NAMES_CMD)) {
		fprintf(stderr, "quest: %s is not an option of quest %s\n",
		    opt_name(r, nb), c->name);
		return;
	}
	for (q = options; q < options + NOPTIONS; q++)
		if (same_opt(r, q))
			for (w = q->cmds; *w != '\0'; w = *e ? e + 1 : e) {
				e = w + strcspn(w, " ");
				n++;
			}
	list[0] = '\0';
	for (q = options; q < options + NOPTIONS; q++) {
		if (!same_opt(r, q))
			continue;
		for (w = q->cmds; *w != '\0'; w = *e ? e + 1 : e) {
			e = w + strcspn(w, " ");
			k++;
			i = (size_t)snprintf(list + len, sizeof(list) - len,
			    "%s%.*s", k == 1 ? "" : k == n ? " and " : ", ",
			    (int)(e - w), w);
			len = len + i < sizeof(list) ? len + i :
			    sizeof(list) - 1;
		}
	}
	fprintf(stderr, "quest: %s is an option of quest %s\n",
	    opt_name(r, nb), list);
}

int
cli_parse(struct opts *o, int argc, char **argv)
{
	struct option longs[NOPTIONS + 1];
	char shorts[2 + 2 * NOPTIONS + 1];
	const struct opt *r, *q;
	char nb[NAMELEN];
	size_t i, j, nl = 0, ns = 0;
	int c, rc;

	/*
	 * getopt_long's tables, from ours.  Before the command, stop at it
	 * (+); a missing argument is ':', not '?'.
	 */
	if (o->cmd == NULL)
		shorts[ns++] = '+';
	shorts[ns++] = ':';
	for (i = 0; i < NOPTIONS; i++) {
		r = &options[i];
		if (r->letter != 0 && opt_of(r->letter) == r) {
			shorts[ns++] = (char)r->letter;
			if (r->flags & OPT_ARG)
				shorts[ns++] = ':';
		}
		for (j = 0; j < i; j++)
			if (options[j].name != NULL && r->name != NULL &&
			    strcmp(options[j].name, r->name) == 0)
				break;
		if (r->name == NULL || j < i)
			continue;
		longs[nl].name = r->name;
		longs[nl].has_arg = (r->flags & OPT_ARG) ? required_argument :
		    no_argument;
		longs[nl].flag = NULL;
		longs[nl].val = r->letter != 0 ? r->letter : LONG + (int)i;
		nl++;
	}
	shorts[ns] = '\0';
	memset(&longs[nl], 0, sizeof(longs[nl]));

	optind = 0;	/* GNU getopt: start afresh */
	opterr = 0;
	while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
		if (c == ':' && (r = opt_of(optopt)) != NULL) {
			fprintf(stderr, "quest: %s needs an argument\n",
			    opt_name(r, nb));
			goto try;
		}
		if (c == '?' || c == ':') {
			if (optopt != 0 &&
			    strncmp(argv[optind - 1], "--", 2) == 0 &&
			    (r = opt_of(optopt)) != NULL)
				fprintf(stderr,
				    "quest: --%s takes no argument\n",
				    r->name);
			else if (optopt > 0 && optopt < LONG)
				fprintf(stderr, "quest: unknown option -%c\n",
				    optopt);
			else
				fprintf(stderr, "quest: unknown option %s\n",
				    argv[optind - 1]);
			goto try;
		}
		/* The row of the option that this command takes. */
		r = opt_of(c);
		for (q = r; q < options + NOPTIONS; q++)
			if (same_opt(r, q) && takes(o->cmd, q))
				break;
		if (q == options + NOPTIONS) {
			refuse(o->cmd, r);
			return -1;
		}
		if ((rc = q->set(o, q, optarg)) != 0)
			return rc;
	}
	return 0;
try:
	fprintf(stderr, "Try 'quest %s%s--help'.\n",
	    o->cmd ? o->cmd->name : "", o->cmd ? " " : "");
	return -1;
}

static int
set_string(struct opts *o, const struct opt *r, const char *arg)
{
	*(const char **)(void *)((char *)o + r->field) = arg;
	return 0;
}

static int
set_flag(struct opts *o, const struct opt *r, const char *arg)
{
	(void)arg;
	*(int *)(void *)((char *)o + r->field) = 1;
	return 0;
}

static int
set_number(struct opts *o, const struct opt *r, const char *arg)
{
	char *end, nb[NAMELEN];
	long n;

	errno = 0;
	n = strtol(arg, &end, 10);
	if (errno || *end || end == arg || n < r->min || n > r->max) {
		fprintf(stderr, "quest: %s wants a number from %ld to %ld, "
		    "not '%s'\n", opt_name(r, nb), r->min, r->max, arg);
		return -1;
	}
	*(long *)(void *)((char *)o + r->field) = n;
	return 0;
}

static int
set_help(struct opts *o, const struct opt *r, const char *arg)
{
	(void)r;
	(void)arg;
	if (o->cmd != NULL)
		cli_cmd_usage(stdout, o->cmd);
	else
		cli_usage(stdout);
	return 1;
}

static int
set_version(struct opts *o, const struct opt *r, const char *arg)
{
	(void)o;
	(void)r;
	(void)arg;
	printf("quest %s\n", VERSION);
	return 1;
}

static int
set_color(struct opts *o, const struct opt *r, const char *arg)
{
	(void)r;
	if (strcmp(arg, "auto") == 0)
		o->color = -1;
	else if (strcmp(arg, "always") == 0)
		o->color = 1;
	else if (strcmp(arg, "never") == 0)
		o->color = 0;
	else {
		fprintf(stderr, "quest: --color wants auto, always or never, "
		    "not '%s'\n", arg);
		return -1;
	}
	return 0;
}

static int
set_diag_format(struct opts *o, const struct opt *r, const char *arg)
{
	(void)r;
	o->format_name = arg;
	if (diag_format(arg, &o->format) == -1) {
		fprintf(stderr, "quest: --format wants gcc, json or sarif, "
		    "not '%s'\n", arg);
		return -1;
	}
	return 0;
}

static int
set_diff_format(struct opts *o, const struct opt *r, const char *arg)
{
	(void)r;
	if (strcmp(arg, "text") != 0 && strcmp(arg, "json") != 0) {
		fprintf(stderr, "quest: --format wants text or json, "
		    "not '%s'\n", arg);
		return -1;
	}
	o->format_name = arg;
	return 0;
}

static int
set_output(struct opts *o, const struct opt *r, const char *arg)
{
	if ((o->cmd->flags & CMD_DIR) && strcmp(arg, "-") == 0) {
		fprintf(stderr, "quest: %s writes files: -o wants a directory, "
		    "not -\n", o->cmd->name);
		return -1;
	}
	o->output_name = arg;
	return set_string(o, r, arg);
}

static int
set_link_base(struct opts *o, const struct opt *r, const char *arg)
{
	if (!link_base_ok(arg)) {
		fprintf(stderr, "quest: --link-base wants an http:// or "
		    "https:// URL or a relative one, not '%s'\n", arg);
		return -1;
	}
	return set_string(o, r, arg);
}

static int
set_cov_by(struct opts *o, const struct opt *r, const char *arg)
{
	if (strcmp(arg, "file") != 0 && strcmp(arg, "dir") != 0 &&
	    strcmp(arg, "def") != 0) {
		fprintf(stderr, "quest: --by wants file, dir or def, "
		    "not '%s'\n", arg);
		return -1;
	}
	return set_string(o, r, arg);
}

/* A percentage, "62" or "62.5", into tenths: 625. */
static int
set_percent(struct opts *o, const struct opt *r, const char *arg)
{
	const char *p = arg;
	long n = 0;
	int digits = 0;

	while (*p >= '0' && *p <= '9' && digits < 4) {
		n = n * 10 + (*p++ - '0');
		digits++;
	}
	n *= 10;
	if (digits > 0 && *p == '.' && p[1] >= '0' && p[1] <= '9') {
		n += p[1] - '0';
		p += 2;
	}
	if (digits == 0 || *p != '\0' || n < r->min || n > r->max) {
		fprintf(stderr, "quest: --min wants a percentage from 0 to "
		    "100, one decimal at most, not '%s'\n", arg);
		return -1;
	}
	*(long *)(void *)((char *)o + r->field) = n;
	return 0;
}

static int
set_book(struct opts *o, const struct opt *r, const char *arg)
{
	if (!link_base_ok(arg)) {
		fprintf(stderr, "quest: --book wants an http:// or https:// "
		    "URL or a relative one, not '%s'\n", arg);
		return -1;
	}
	return set_string(o, r, arg);
}

/* What each kind of operand looks like in a usage line, and means. */
static const struct {
	const char	*usage;
	const char	*help;
} operands[] = {
	[OPERANDS_NONE] = { "", NULL },
	[OPERANDS_PICK] = { "[CHAPTER | STEP | STEP..STEP]...",
	    "A CHAPTER is a name from .quest (Guest) or a prefix (G).\n"
	    "With none, the whole tour.\n"
	    "A STEP is a tag, G:030; STEP..STEP a range of one chapter,\n"
	    "G:030..G:050 or G:030..050.\n" },
	[OPERANDS_CHAPTERS] = { "[CHAPTER...]",
	    "A CHAPTER is a name from .quest (Guest) or a prefix (G).\n"
	    "With none, the whole tour.\n" },
	[OPERANDS_CHAPTER] = { "CHAPTER", NULL },
	[OPERANDS_REFS] = { "REF1 [REF2]", NULL },
	[OPERANDS_COMMAND] = { "[COMMAND]", NULL },
	[OPERANDS_IMPORT] = { "codetour FILE.tour...",
	    "FILE.tour is a CodeTour file (VS Code), read from where quest\n"
	    "was started (or -C DIR); its steps' files are paths of the\n"
	    "tour root.\n" },
	[OPERANDS_WORD] = { "WORD", NULL },
	[OPERANDS_PATHS] = { "[PATH...]",
	    "A PATH is a file or directory of the tree: only the files\n"
	    "under it count.  With none, the whole tree.\n" },
};

/* "usage: quest NAME [OPTION]... OPERANDS" */
static void
usage_line(FILE *fp, const struct cmd *c)
{
	const struct opt *r;

	fprintf(fp, "usage: quest %s", c->name);
	for (r = options; r < options + NOPTIONS; r++)
		if (r->cmds != NULL && takes(c, r) && !(r->flags & OPT_HIDDEN))
			fprintf(fp, " [%s]", r->usage ? r->usage : r->col);
	if (*operands[c->operands].usage != '\0')
		fprintf(fp, " %s", operands[c->operands].usage);
	fputc('\n', fp);
}

/* The options of c (NULL: the global ones), a column wide enough for all. */
static void
opt_help(FILE *fp, const struct cmd *c)
{
	const struct opt *r;
	const char *p, *nl;
	int w = 19;

	for (r = options; r < options + NOPTIONS; r++)
		if ((c == NULL ? r->cmds == NULL : r->cmds != NULL &&
		    takes(c, r)) && !(r->flags & OPT_HIDDEN) &&
		    (int)strlen(r->col) + 2 > w)
			w = (int)strlen(r->col) + 2;
	for (r = options; r < options + NOPTIONS; r++) {
		if ((c == NULL ? r->cmds != NULL : r->cmds == NULL ||
		    !takes(c, r)) || (r->flags & OPT_HIDDEN))
			continue;
		fprintf(fp, "  %-*s", w, r->col);
		for (p = r->help; (nl = strchr(p, '\n')) != NULL; p = nl + 1)
			fprintf(fp, "%.*s\n%*s", (int)(nl - p), p, w + 2, "");
		fprintf(fp, "%s\n", p);
	}
}

void
cli_usage(FILE *fp)
{
	const struct opt *r;
	size_t i;

	fputs("usage: quest", fp);
	for (r = options; r < options + NOPTIONS; r++)
		if (r->cmds == NULL && (r->usage == NULL || *r->usage != '\0'))
			fprintf(fp, " [%s]", r->usage ? r->usage : r->col);
	fputs(" COMMAND [ARGS]\n"
	    "\n"
	    "Weave the tagged comments of a source tree into a guided tour.\n"
	    "\n"
	    "Commands:\n", fp);
	for (i = 0; i < NCOMMANDS; i++)
		if (!(commands[i].flags & CMD_HIDDEN))
			fprintf(fp, "  %-9s %s\n", commands[i].name,
			    commands[i].summary);
	fputs("\nOptions:\n", fp);
	opt_help(fp, NULL);
	fputs("\n"
	    "Exit status: 0 success (warnings allowed), "
	    "1 the tour has errors,\n"
	    "2 usage, config or system error.  See quest(1) and quest(5).\n",
	    fp);
}

void
cli_cmd_usage(FILE *fp, const struct cmd *c)
{
	const struct opt *r;

	usage_line(fp, c);
	fprintf(fp, "\n%s.\n", c->summary);
	for (r = options; r < options + NOPTIONS; r++)
		if (r->cmds != NULL && takes(c, r) && !(r->flags & OPT_HIDDEN))
			break;
	if (r < options + NOPTIONS) {
		fputc('\n', fp);
		opt_help(fp, c);
	}
	if (c->more != NULL)
		fprintf(fp, "\n%s", c->more);
	if (operands[c->operands].help != NULL)
		fprintf(fp, "\n%s", operands[c->operands].help);
}

int
cli_operands(const struct cmd *c, int argc, char **argv)
{
	int min = 0, max = -1;

	switch (c->operands) {
	case OPERANDS_NONE:
		if (argc > 0) {
			fprintf(stderr, "quest: %s takes no operand: '%s'%s\n",
			    c->name, argv[0],
			    c->no_operand ? c->no_operand : "");
			return -1;
		}
		return 0;
	case OPERANDS_CHAPTER:
	case OPERANDS_WORD:
		min = max = 1;
		break;
	case OPERANDS_REFS:
		min = 1;
		max = 2;
		break;
	case OPERANDS_IMPORT:
		if (argc > 0 && strcmp(argv[0], "codetour") != 0) {
			fprintf(stderr, "quest: import: '%s': quest imports "
			    "codetour files only\n", argv[0]);
			return -1;
		}
		min = 2;
		break;
	default:
		return 0;
	}
	if (argc < min || (max >= 0 && argc > max)) {
		usage_line(stderr, c);
		return -1;
	}
	return 0;
}

/*
 * "COMMAND -x --long ARG", a line for each option of each command (quest
 * for the global ones), - for what it lacks: -C has no long name, --werror
 * no letter and no argument.
 */
void
cli_dump(FILE *fp)
{
	const struct opt *r;
	const char *arg;
	char sb[NAMELEN], lb[NAMELEN];
	size_t i;

	for (i = 0; i <= NCOMMANDS; i++)
		for (r = options; r < options + NOPTIONS; r++) {
			if ((r->flags & OPT_HIDDEN) || (i == NCOMMANDS ?
			    r->cmds != NULL : r->cmds == NULL ||
			    !has_word(r->cmds, commands[i].name)))
				continue;
			if ((arg = cli_arg(r)) == NULL)
				arg = "-";
			(void)snprintf(sb, sizeof(sb), "-%c", r->letter);
			(void)snprintf(lb, sizeof(lb), "--%s", r->name);
			fprintf(fp, "%s %s %s %s\n", i == NCOMMANDS ? "quest" :
			    commands[i].name, r->letter ? sb : "-",
			    r->name ? lb : "-", arg);
		}
}

const struct cmd *
cli_commands(size_t *n)
{
	*n = NCOMMANDS;
	return commands;
}

const struct opt *
cli_options(size_t *n)
{
	*n = NOPTIONS;
	return options;
}

int
cli_takes(const struct cmd *c, const struct opt *r)
{
	return takes(c, r);
}

/* The argument ends the column: "-j, --jobs N", "--format=FMT". */
const char *
cli_arg(const struct opt *r)
{
	size_t n;

	if (!(r->flags & OPT_ARG))
		return NULL;
	for (n = strlen(r->col); n > 0; n--)
		if (r->col[n - 1] == ' ' || r->col[n - 1] == '=')
			return r->col + n;
	return NULL;
}

/*
 * The words that an option's setter takes, as its refusal lists them: by
 * setter, so that a new option of one of these kinds has them too.
 */
static const struct {
	int		(*set)(struct opts *, const struct opt *,
			    const char *);
	const char	*words;
} arg_words[] = {
	{ set_color, "auto always never" },
	{ set_diag_format, "gcc json sarif" },
	{ set_diff_format, "text json" },
};

const char *
cli_arg_words(const struct opt *r)
{
	size_t i;

	for (i = 0; i < sizeof(arg_words) / sizeof(arg_words[0]); i++)
		if (arg_words[i].set == r->set)
			return arg_words[i].words;
	return NULL;
}
