/*
 * main.c: the command line.  The only file that prints to the user on its
 * own account or decides an exit status; everything it calls reports
 * through return values and the diagnostics list.
 */
#include <sys/ioctl.h>

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diagfmt.h"
#include "gitlib.h"
#include "highlight.h"
#include "history.h"
#include "load.h"
#include "output.h"
#include "remote.h"
#include "renumber.h"
#include "writer.h"

#ifndef VERSION
#define VERSION "0.1.0"
#endif

enum {
	EXIT_CLEAN = 0,		/* no error (warnings allowed) */
	EXIT_ERRORS = 1,	/* the tree has errors */
	EXIT_USAGE = 2,		/* usage, config or system error */
};

struct cmd;

struct opts {
	const char	*dir;		/* -C */
	const char	*files_from;	/* --files-from */
	int		 jobs;		/* -j */
	void		(*found)(const struct lang *);	/* load_opts' */
	int		 werror;	/* check --werror */
	int		 list_diags;	/* check --list-diagnostics */
	const char	*output;	/* -o FILE */
	const char	*output_name;	/* -o FILE as given, for messages */
	char		*output_abs;	/* -o made absolute, owned */
	const char	*link_base;	/* html --link-base */
	int		 color;		/* show --color: -1 auto, 0 never, 1 always */
	enum diag_format format;	/* check --format */
	int		 refs;		/* list --refs */
	unsigned long	 by;		/* renumber --by */
	int		 width;		/* renumber --width */
	int		 dry_run;	/* renumber --dry-run */
	const char	*after;		/* new --after */
	const char	*format_name;	/* --format, as given */
	const char	*since;		/* stale, list, html --since */
	int		 verbose;	/* stale -v */
	int		 no_pager;	/* show --no-pager */
	const struct cmd *cmd;
};

struct cmd {
	const char	*name;
	int		(*run)(struct opts *, int, char **);
	const char	*args;
	const char	*help;
};

static int	cmd_show(struct opts *, int, char **);
static int	cmd_check(struct opts *, int, char **);
static int	cmd_list(struct opts *, int, char **);
static int	cmd_html(struct opts *, int, char **);
static int	cmd_md(struct opts *, int, char **);
static int	cmd_json(struct opts *, int, char **);
static int	cmd_codetour(struct opts *, int, char **);
static int	cmd_renumber(struct opts *, int, char **);
static int	cmd_new(struct opts *, int, char **);
static int	cmd_stale(struct opts *, int, char **);
static int	cmd_diff(struct opts *, int, char **);
static int	cmd_help(struct opts *, int, char **);

/*P:010 Welcome to quest's own tour.  quest reads the tagged comments of a
 * source tree into one tree of chapters and steps, checks it, and writes it
 * out.  Every command follows the same road: main.c parses the command
 * line, load.c finds the tour root and reads the config (config.c), walk.c
 * lists the files, scan.c finds the tags in each, build.c turns them into
 * steps and chapters, check.c reports what is wrong, and one writer per
 * format (fmt_*.c) prints the result.  Two commands go further: renumber
 * rewrites the tree (chapter Editing), stale and diff read its git history
 * (chapter History).  The commands are this table.
 */
static const struct cmd cmds[] = {
	{ "show", cmd_show, "[--color=WHEN] [--no-pager] [CHAPTER | STEP | "
	    "STEP..STEP]...",
	    "print the tour as plain text, as lguest's make Guest did" },
	{ "check", cmd_check, "[--werror] [--format=gcc|json|sarif] "
	    "[--list-diagnostics]",
	    "report what is wrong with the tour; exit 1 on errors" },
	{ "list", cmd_list, "[--refs] [--since REF] [CHAPTER | STEP | "
	    "STEP..STEP]...",
	    "print the table of contents: one line a step" },
	{ "html", cmd_html, "[-o FILE] [--link-base URL] [--since REF] "
	    "[CHAPTER | STEP | STEP..STEP]...",
	    "write the tour as a web book: one self-contained HTML page" },
	{ "md", cmd_md, "[-o FILE] [--link-base URL] [CHAPTER | STEP | "
	    "STEP..STEP]...",
	    "write the tour as GitHub-flavoured Markdown" },
	{ "json", cmd_json, "[-o FILE] [CHAPTER | STEP | STEP..STEP]...",
	    "write the whole tree as JSON, for tools (see quest(5))" },
	{ "codetour", cmd_codetour, "[-o DIR] [CHAPTER | STEP | STEP..STEP]...",
	    "write one CodeTour file per chapter into DIR (.tours)" },
	{ "renumber", cmd_renumber, "[--by N] [--width W] [--dry-run] "
	    "[CHAPTER...]",
	    "number the steps N, 2N, 3N... and fix cross-references" },
	{ "new", cmd_new, "[--after STEP] CHAPTER",
	    "print a free number for a new step of CHAPTER" },
	{ "stale", cmd_stale, "[--since REF] [--format=gcc|json|sarif] [-v]",
	    "report steps whose code changed since REF but prose did not" },
	{ "diff", cmd_diff, "[--format=text|json] REF1 [REF2]",
	    "the tour's own history: steps added, removed, renumbered, moved, "
	    "changed" },
	{ "help", cmd_help, "[COMMAND]", "show this help, or a command's" },
};
/*:*/

static void
usage(FILE *fp)
{
	size_t i;

	fputs("usage: quest [-C DIR] [--files-from FILE] [-j N] COMMAND [ARGS]\n"
	    "\n"
	    "Weave the tagged comments of a source tree into a guided tour.\n"
	    "\n"
	    "Commands:\n", fp);
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		fprintf(fp, "  %-9s %s\n", cmds[i].name, cmds[i].help);
	fputs("\n"
	    "Options:\n"
	    "  -C DIR             run as if quest was started in DIR\n"
	    "  --files-from FILE  read the files from FILE (- for standard\n"
	    "                     input), one a line or NUL-separated\n"
	    "  -j, --jobs N       scan, and write a web book, with N threads\n"
	    "                     (default: one per core)\n"
	    "  -h, --help         show this help\n"
	    "  -V, --version      show the version\n"
	    "\n"
	    "Exit status: 0 success (warnings allowed), 1 the tour has errors,\n"
	    "2 usage, config or system error.  See quest(1) and quest(5).\n",
	    fp);
}

static void
cmd_usage(FILE *fp, const struct cmd *c)
{
	fprintf(fp, "usage: quest %s %s\n\n%s.\n", c->name, c->args, c->help);
	if (strcmp(c->name, "check") == 0)
		fputs("\n  --werror             treat warnings as errors\n"
		    "  --format=FMT         gcc (default: path:line:col: ...),\n"
		    "                       json, or sarif (SARIF 2.1.0)\n"
		    "  --list-diagnostics   list every diagnostic quest reports\n",
		    fp);
	if (strcmp(c->name, "list") == 0)
		fputs("\n  --refs             show which steps each step refers to,\n"
		    "                     and which refer to it\n", fp);
	if (strcmp(c->name, "renumber") == 0)
		fputs("\n  --by N             number in steps of N (default 10)\n"
		    "  --width W          pad numbers with zeros to W digits\n"
		    "                     (default: the widest of the chapter's\n"
		    "                     numbers, old and new)\n"
		    "  --dry-run          print a unified diff, change nothing\n"
		    "\nWith no CHAPTER, every chapter.  Only the digits of tags\n"
		    "and cross-references change.  Refuses while check finds an\n"
		    "error, and while another renumber runs.  A file that\n"
		    "changes as it is renumbered is left as it is: exit 1, run\n"
		    "it again.\n", fp);
	if (strstr(c->args, "--since") != NULL)
		fputs("  --since REF        judge steps against the merge base of REF\n"
		    "                     and HEAD (stale: default HEAD, the\n"
		    "                     uncommitted work); mark the stale ones\n",
		    fp);
	if (strcmp(c->name, "stale") == 0)
		fputs("  --format=FMT       gcc (default), json or sarif, as check\n"
		    "  -v                 add each stale step's code diff\n"
		    "\nA step reviewed after the merge base, in a commit whose\n"
		    "message has the trailer 'Quest-Reviewed: G:030' (or a whole\n"
		    "chapter: 'Quest-Reviewed: G'), is judged against that commit.\n"
		    "Exit status: 0 nothing stale, 1 a step is stale, 2 an error.\n",
		    fp);
	if (strcmp(c->name, "diff") == 0)
		fputs("\n  --format=FMT       text (default) or json\n"
		    "\nREF2 defaults to the work tree.\n", fp);
	if (strcmp(c->name, "new") == 0)
		fputs("\n  --after STEP       the number halfway between STEP and\n"
		    "                     the step after it (default: after the\n"
		    "                     last step)\n", fp);
	if (strcmp(c->name, "codetour") == 0)
		fputs("\n  -o DIR             write the .tour files into DIR (default\n"
		    "                     .tours), each replaced atomically; a\n"
		    "                     directory in the tree is never reached\n"
		    "                     through a symbolic link\n", fp);
	else if (strstr(c->args, "-o ") != NULL)
		fputs("\n  -o FILE            write to FILE (- or none: standard\n"
		    "                     output); a regular file, or the target\n"
		    "                     of a link, is replaced atomically, a\n"
		    "                     FIFO or a device written in place\n", fp);
	if (strstr(c->args, "--link-base") != NULL)
		fputs("  --link-base URL    link each step to URL/path#Lstart-Lend,\n"
		    "                     URL http://, https:// or relative\n"
		    "                     (default: a permalink when origin is on\n"
		    "                     GitHub, GitLab, Codeberg or sourcehut,\n"
		    "                     else a relative path#Lstart)\n", fp);
	if (strcmp(c->name, "show") == 0)
		fputs("\n  --color=WHEN       colour on a terminal: auto (default),\n"
		    "                     always or never; NO_COLOR turns auto off\n"
		    "  --no-pager         do not page through $QUEST_PAGER or\n"
		    "                     $PAGER (by default less, showing colour,\n"
		    "                     with LESS=FRX); an empty pager or cat\n"
		    "                     does not page\n",
		    fp);
	if (strstr(c->args, "[CHAPTER") != NULL)
		fputs("\nA CHAPTER is a name from .quest (Guest) or a prefix (G).\n"
		    "With none, the whole tour.\n", fp);
	if (strstr(c->args, "STEP..STEP") != NULL)
		fputs("A STEP is a tag, G:030; STEP..STEP a range of one chapter,\n"
		    "G:030..G:050 or G:030..050.\n", fp);
}

static const struct cmd *
find_cmd(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (strcmp(cmds[i].name, name) == 0)
			return &cmds[i];
	return NULL;
}

enum { OPT_FILES_FROM = 256, OPT_WERROR, OPT_LIST_DIAGS, OPT_LINK_BASE,
    OPT_COLOR, OPT_NO_PAGER, OPT_FORMAT, OPT_REFS, OPT_BY, OPT_WIDTH,
    OPT_DRY_RUN, OPT_AFTER, OPT_SINCE };

static const struct option longopts[] = {
	{ "files-from", required_argument, NULL, OPT_FILES_FROM },
	{ "jobs", required_argument, NULL, 'j' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ "werror", no_argument, NULL, OPT_WERROR },
	{ "list-diagnostics", no_argument, NULL, OPT_LIST_DIAGS },
	{ "link-base", required_argument, NULL, OPT_LINK_BASE },
	{ "output", required_argument, NULL, 'o' },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "no-pager", no_argument, NULL, OPT_NO_PAGER },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "refs", no_argument, NULL, OPT_REFS },
	{ "by", required_argument, NULL, OPT_BY },
	{ "width", required_argument, NULL, OPT_WIDTH },
	{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
	{ "after", required_argument, NULL, OPT_AFTER },
	{ "since", required_argument, NULL, OPT_SINCE },
	{ "verbose", no_argument, NULL, 'v' },
	{ NULL, 0, NULL, 0 },
};

/*
 * Parse options; global ones may come before or after the command.  Returns
 * -1 on a usage error (already reported), 1 when --help or --version was
 * answered, else 0 with optind at the first operand.
 */
static int
parse_opts(struct opts *o, int argc, char **argv, int global)
{
	char *end;
	long n;
	int c;

	optind = 0;	/* GNU getopt: start afresh */
	opterr = 0;
	while ((c = getopt_long(argc, argv, global ? "+C:j:hV" : "C:j:o:vhV",
	    longopts, NULL)) != -1) {
		switch (c) {
		case 'C':
			o->dir = optarg;
			break;
		case OPT_FILES_FROM:
			o->files_from = optarg;
			break;
		case 'j':
			errno = 0;
			n = strtol(optarg, &end, 10);
			if (errno || *end || end == optarg || n < 1 || n > 1024) {
				fprintf(stderr, "quest: -j wants a number from "
				    "1 to 1024, not '%s'\n", optarg);
				return -1;
			}
			o->jobs = (int)n;
			break;
		case 'h':
			if (o->cmd)
				cmd_usage(stdout, o->cmd);
			else
				usage(stdout);
			return 1;
		case 'V':
			printf("quest %s\n", VERSION);
			return 1;
		case 'o':
		case OPT_LINK_BASE:
			if (global || o->cmd == NULL || strstr(o->cmd->args,
			    c == 'o' ? "-o " : "--link-base") == NULL) {
				fprintf(stderr, "quest: %s is not an option of "
				    "quest %s\n", c == 'o' ? "-o" : "--link-base",
				    o->cmd ? o->cmd->name : "");
				return -1;
			}
			if (c == 'o' && strcmp(o->cmd->name, "codetour") == 0 &&
			    strcmp(optarg, "-") == 0) {
				fputs("quest: codetour writes files: -o wants a "
				    "directory, not -\n", stderr);
				return -1;
			}
			if (c == OPT_LINK_BASE && !link_base_ok(optarg)) {
				fprintf(stderr, "quest: --link-base wants an "
				    "http:// or https:// URL or a relative one, "
				    "not '%s'\n", optarg);
				return -1;
			}
			if (c == 'o')
				o->output = o->output_name = optarg;
			else
				o->link_base = optarg;
			break;
		case OPT_COLOR:
		case OPT_NO_PAGER:
			if (global || o->cmd == NULL ||
			    strcmp(o->cmd->name, "show") != 0) {
				fprintf(stderr, "quest: %s is an option of quest "
				    "show\n", argv[optind - 1]);
				return -1;
			}
			if (c == OPT_NO_PAGER)
				o->no_pager = 1;
			else if (strcmp(optarg, "auto") == 0)
				o->color = -1;
			else if (strcmp(optarg, "always") == 0)
				o->color = 1;
			else if (strcmp(optarg, "never") == 0)
				o->color = 0;
			else {
				fprintf(stderr, "quest: --color wants auto, "
				    "always or never, not '%s'\n", optarg);
				return -1;
			}
			break;
		case OPT_FORMAT:
			if (global || o->cmd == NULL ||
			    strstr(o->cmd->args, "--format") == NULL) {
				fprintf(stderr, "quest: --format is an option of "
				    "quest check, stale and diff\n");
				return -1;
			}
			o->format_name = optarg;
			if (strcmp(o->cmd->name, "diff") == 0) {
				if (strcmp(optarg, "text") != 0 &&
				    strcmp(optarg, "json") != 0) {
					fprintf(stderr, "quest: --format wants "
					    "text or json, not '%s'\n", optarg);
					return -1;
				}
			} else if (diag_format(optarg, &o->format) == -1) {
				fprintf(stderr, "quest: --format wants gcc, json "
				    "or sarif, not '%s'\n", optarg);
				return -1;
			}
			break;
		case OPT_SINCE:
		case 'v':
			if (global || o->cmd == NULL || strstr(o->cmd->args,
			    c == 'v' ? "[-v]" : "--since") == NULL) {
				fprintf(stderr, "quest: %s is not an option of "
				    "quest %s\n", argv[optind - 1],
				    o->cmd ? o->cmd->name : "");
				return -1;
			}
			if (c == 'v')
				o->verbose = 1;
			else
				o->since = optarg;
			break;
		case OPT_WERROR:
		case OPT_LIST_DIAGS:
			if (global || o->cmd == NULL ||
			    strcmp(o->cmd->name, "check") != 0) {
				fprintf(stderr, "quest: %s is an option of "
				    "quest check\n", argv[optind - 1]);
				return -1;
			}
			if (c == OPT_WERROR)
				o->werror = 1;
			else
				o->list_diags = 1;
			break;
		case OPT_REFS:
		case OPT_BY:
		case OPT_WIDTH:
		case OPT_DRY_RUN:
		case OPT_AFTER: {
			const char *cmd = c == OPT_REFS ? "list" :
			    c == OPT_AFTER ? "new" : "renumber";

			if (global || o->cmd == NULL ||
			    strcmp(o->cmd->name, cmd) != 0) {
				fprintf(stderr, "quest: %s is an option of "
				    "quest %s\n", argv[optind - 1], cmd);
				return -1;
			}
			if (c == OPT_REFS)
				o->refs = 1;
			else if (c == OPT_DRY_RUN)
				o->dry_run = 1;
			else if (c == OPT_AFTER)
				o->after = optarg;
			else {
				errno = 0;
				n = strtol(optarg, &end, 10);
				if (errno || *end || end == optarg || n < 1 ||
				    n > (c == OPT_BY ? 1000000 : 18)) {
					fprintf(stderr, "quest: %s wants a number "
					    "from 1 to %d, not '%s'\n",
					    argv[optind - 1] ? "the option" : "",
					    c == OPT_BY ? 1000000 : 18, optarg);
					return -1;
				}
				if (c == OPT_BY)
					o->by = (unsigned long)n;
				else
					o->width = (int)n;
			}
			break;
		}
		default:
			if (optopt == OPT_FILES_FROM)
				fputs("quest: --files-from needs an argument\n",
				    stderr);
			else if (optopt >= OPT_FILES_FROM) {
				const struct option *lo;

				for (lo = longopts; lo->name != NULL; lo++)
					if (lo->val == optopt)
						break;
				fprintf(stderr, "quest: --%s needs an argument\n",
				    lo->name ? lo->name : "?");
			}
			else if (optopt == 'C' || optopt == 'j' || optopt == 'o')
				fprintf(stderr, "quest: -%c needs an argument\n",
				    optopt);
			else if (optopt > 0 && optopt < 256)
				fprintf(stderr, "quest: unknown option -%c\n",
				    optopt);
			else
				fprintf(stderr, "quest: unknown option %s\n",
				    argv[optind - 1]);
			fprintf(stderr, "Try 'quest %s%s--help'.\n",
			    o->cmd ? o->cmd->name : "", o->cmd ? " " : "");
			return -1;
		}
	}
	return 0;
}

/* What the load passed over: a .quest not trusted, a sparse checkout. */
static void
load_warn(const char *msg)
{
	fprintf(stderr, "quest: warning: %s\n", msg);
}

/* Load the tour; on failure report and return the exit status, else -1. */
static int
load_with(struct opts *o, struct tour *t, int (*prepare)(char **))
{
	struct load_opts lo = { 0 };
	enum load_status st;
	char *err = NULL, *q;
	FILE *fp = NULL;

	/* -C first: every path the user gave is taken from DIR. */
	if (o->dir != NULL && chdir(o->dir) == -1) {
		q = name_quoted(o->dir);
		fprintf(stderr, "quest: cannot change to %s: %s\n", q,
		    strerror(errno));
		free(q);
		return EXIT_USAGE;
	}
	o->dir = NULL;
	/* The tour root may be above: keep -o where the user meant it. */
	if (o->output != NULL && o->output[0] != '/' &&
	    strcmp(o->output, "-") != 0) {
		char cwd[PATH_MAX];

		if (getcwd(cwd, sizeof(cwd)) != NULL)
			o->output = o->output_abs = xasprintf("%s/%s", cwd,
			    o->output);
	}
	if (o->files_from != NULL) {
		if (strcmp(o->files_from, "-") == 0) {
			fp = stdin;
			lo.files_from_name = "<stdin>";
		} else if ((fp = fopen(o->files_from, "r")) == NULL) {
			q = name_quoted(o->files_from);
			fprintf(stderr, "quest: %s: %s\n", q, strerror(errno));
			free(q);
			return EXIT_USAGE;
		} else
			lo.files_from_name = o->files_from;
		lo.files_from = fp;
	}
	lo.jobs = o->jobs;
	lo.prepare = prepare;
	lo.found = o->found;
	lo.warn = load_warn;
	st = tour_load(t, &lo, &err);
	if (fp && fp != stdin)
		fclose(fp);
	if (st == LOAD_FAIL) {
		/* The message quotes what it names from the tree. */
		fprintf(stderr, "quest: %s\n", err);
		free(err);
		tour_free(t);
		return EXIT_USAGE;
	}
	if (st == LOAD_CONFIG) {
		diags_sort(&t->diags);
		diags_print(stderr, &t->diags, 0, SEV_ERROR);
		tour_free(t);
		return EXIT_USAGE;
	}
	return -1;
}

/* Chapters made for a step or a range: they own their steps array only. */
struct picked {
	struct chapter	**owned;
	size_t		  nowned;
};

static void
picked_free(struct picked *p)
{
	size_t i;

	for (i = 0; i < p->nowned; i++) {
		free(p->owned[i]->steps);
		free(p->owned[i]);
	}
	free(p->owned);
}

static void
no_chapter(const struct tour *t, const char *name)
{
	size_t i;

	fprintf(stderr, "quest: no chapter '%s'", name);
	if (t->nchapters == 0) {
		fputs(": this tree has no chapters\n", stderr);
		return;
	}
	fputs("; the chapters are:\n", stderr);
	for (i = 0; i < t->nchapters; i++)
		fprintf(stderr, "  %s (%s)\n", t->chapters[i].name,
		    t->chapters[i].prefix);
}

/*
 * "G:030" or "G:030..G:050" or "G:030..050": the steps of one chapter
 * whose numbers lie in the range.  Returns a chapter of its own, or NULL
 * (reported) when the argument is not a step or names none.
 */
static struct chapter *
pick_steps(const struct tour *t, const char *arg, struct picked *p)
{
	const char *colon, *from, *dots, *to, *tcolon;
	struct chapter *ch, *sub;
	char prefix[64];
	size_t i, flen, tlen;

	colon = strchr(arg, ':');
	if (colon == NULL || (size_t)(colon - arg) >= sizeof(prefix))
		return NULL;
	memcpy(prefix, arg, (size_t)(colon - arg));
	prefix[colon - arg] = '\0';
	from = colon + 1;
	flen = strspn(from, "0123456789");
	dots = from + flen;
	if (!prefix_valid(prefix, strlen(prefix)) || flen == 0 ||
	    (*dots != '\0' && strncmp(dots, "..", 2) != 0))
		return NULL;
	to = from;
	tlen = flen;
	if (*dots != '\0') {
		to = dots + 2;
		if ((tcolon = strchr(to, ':')) != NULL) {
			if ((size_t)(tcolon - to) != strlen(prefix) ||
			    strncmp(to, prefix, strlen(prefix)) != 0) {
				fprintf(stderr, "quest: %s: a range stays in one "
				    "chapter\n", arg);
				return (struct chapter *)-1;
			}
			to = tcolon + 1;
		}
		tlen = strlen(to);
		if (tlen == 0 || strspn(to, "0123456789") != tlen)
			return NULL;
	}
	if ((ch = tour_prefix(t, prefix, strlen(prefix))) == NULL) {
		no_chapter(t, prefix);
		return (struct chapter *)-1;
	}
	sub = xcalloc(1, sizeof(*sub));
	*sub = *ch;
	sub->steps = xcalloc(ch->nsteps + 1, sizeof(*sub->steps));
	sub->nsteps = 0;
	for (i = 0; i < ch->nsteps; i++)
		if (numcmp(ch->steps[i]->number, strlen(ch->steps[i]->number),
		    from, flen) >= 0 && numcmp(ch->steps[i]->number,
		    strlen(ch->steps[i]->number), to, tlen) <= 0)
			sub->steps[sub->nsteps++] = ch->steps[i];
	p->owned = xreallocarray(p->owned, p->nowned + 1, sizeof(*p->owned));
	p->owned[p->nowned++] = sub;
	if (sub->nsteps == 0) {
		fprintf(stderr, "quest: chapter %s (%s) has no step %s\n",
		    ch->name, ch->prefix, arg);
		return (struct chapter *)-1;
	}
	return sub;
}

static int
load(struct opts *o, struct tour *t)
{
	return load_with(o, t, NULL);
}

/* Pick the chapters and steps named on the command line; all when none is. */
static int
pick(const struct tour *t, int argc, char **argv, struct wopts *w,
    struct picked *p)
{
	struct chapter *ch;
	size_t i;
	int a;

	w->whole = argc == 0;
	if (argc == 0) {
		w->chapters = xcalloc(t->nchapters + 1, sizeof(*w->chapters));
		for (i = 0; i < t->nchapters; i++)
			w->chapters[w->nchapters++] = &t->chapters[i];
		return 0;
	}
	w->chapters = xcalloc((size_t)argc, sizeof(*w->chapters));
	for (a = 0; a < argc; a++) {
		if ((ch = tour_chapter(t, argv[a])) == NULL &&
		    (ch = pick_steps(t, argv[a], p)) == NULL) {
			no_chapter(t, argv[a]);
			ch = (struct chapter *)-1;
		}
		if (ch == (struct chapter *)-1) {
			free(w->chapters);
			w->chapters = NULL;
			return -1;
		}
		for (i = 0; i < w->nchapters; i++)
			if (w->chapters[i] == ch)
				break;
		if (i == w->nchapters)	/* named twice: written once */
			w->chapters[w->nchapters++] = ch;
	}
	return 0;
}

static int
finish(FILE *fp)
{
	if (fflush(fp) == EOF || ferror(fp)) {
		fprintf(stderr, "quest: write error: %s\n", strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * show on a terminal: colour unless NO_COLOR or --color=never, prose
 * wrapped to the width, paged through $PAGER.  Piped, the lguest bytes,
 * unless --color=always.  Returns the writer to use.
 */
static const char *
terminal(struct opts *o, struct wopts *w, FILE **pager)
{
	const char *nc = getenv("NO_COLOR"), *term = getenv("TERM"), *cmd;
	const char *cols = getenv("COLUMNS"), *less = getenv("LESS");
	struct winsize ws;
	int tty = isatty(STDOUT_FILENO);

	if (!tty && o->color != 1)
		return "text";
	w->color = o->color == 1 || (o->color == -1 && (nc == NULL || *nc == '\0')
	    && (term == NULL || strcmp(term, "dumb") != 0));
	w->width = 0;
	if (tty && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		w->width = ws.ws_col;
	else if (tty && cols != NULL)
		w->width = atoi(cols);
	if (!tty || o->no_pager)
		return "term";
	if ((cmd = getenv("QUEST_PAGER")) == NULL &&
	    (cmd = getenv("PAGER")) == NULL)
		cmd = "less -R";
	if (*cmd == '\0' || strcmp(cmd, "cat") == 0)
		return "term";
	/* As git does: quit if one screen, keep colour, do not clear. */
	if (less == NULL)
		setenv("LESS", "FRX", 1);
	fflush(stdout);
	signal(SIGPIPE, SIG_IGN);
	if ((*pager = popen(cmd, "w")) != NULL)
		w->out = *pager;
	return "term";
}

/* An output that cannot be written; a link in the tree gets its own words. */
static void
out_error(const char *path, int tree)
{
	if (tree && (errno == ELOOP || errno == EXDEV))
		fprintf(stderr, "quest: %s: is a symbolic link, or passes "
		    "through one, inside the tree: quest never writes through "
		    "a link of the tree\n", path);
	else
		fprintf(stderr, "quest: %s: %s\n", path, strerror(errno));
}

/* show and list: write the picked chapters with a writer. */
static int
write_cmd(struct opts *o, int argc, char **argv, const char *format,
    int always)
{
	struct tour t;
	struct wopts w = { 0 };
	struct picked p = { NULL, 0 };
	struct output out;
	size_t i, nsteps = 0;
	FILE *pager = NULL;
	const char *name;
	int rc, tree = 0;

	o->found = strcmp(format, "html") == 0 ? highlight_prepare : NULL;
	if ((rc = load(o, &t)) != -1)
		return rc;
	if (pick(&t, argc, argv, &w, &p) == -1) {
		picked_free(&p);
		tour_free(&t);
		return EXIT_USAGE;
	}
	if (o->since != NULL) {
		struct stale_report sr;
		char *err = NULL;

		/* Marks each stale step; the writers show the marks. */
		if (stale_find(&t, o->since, &sr, &err) == -1) {
			fprintf(stderr, "quest: --since %s: %s\n", o->since, err);
			free(err);
			picked_free(&p);
			free(w.chapters);
			tour_free(&t);
			return EXIT_USAGE;
		}
		stale_free(&sr);
	}
	diags_print(stderr, &t.diags, 0, SEV_ERROR);
	for (i = 0; i < w.nchapters; i++)
		nsteps += w.chapters[i]->nsteps;
	if (t.nchapters == 0)
		fputs("quest: no steps found: no file here holds a tag\n",
		    stderr);
	else if (nsteps == 0 && argc > 0)
		fputs("quest: the chapters asked for have no steps\n", stderr);
	else if (nsteps == 0)
		fputs("quest: the chapters of this tour have no steps\n", stderr);
	w.out = stdout;
	w.link_base = o->link_base;
	w.refs = o->refs;
	w.jobs = o->jobs;
	if (strcmp(format, "text") == 0)
		format = terminal(o, &w, &pager);
	rc = EXIT_CLEAN;
	if (strcmp(format, "codetour") == 0) {
		/* It writes files of its own, and names them on stdout. */
		w.outdir = o->output ? o->output : ".tours";
		name = o->output ? o->output_name : w.outdir;
		if (t.nchapters > 0 &&
		    (w.outdir_fd = output_dir(w.outdir, &tree)) == -1) {
			out_error(name, tree);
			rc = EXIT_USAGE;
		} else if (t.nchapters > 0) {
			if (writer_find(format)->write(&t, &w) == -1 ||
			    finish(stdout) == -1) {
				out_error(name, 0);
				rc = EXIT_USAGE;
			}
			close(w.outdir_fd);
		}
	} else if (o->output != NULL && strcmp(o->output, "-") != 0) {
		/* The whole file or nothing, or a FIFO's or device's bytes. */
		if ((w.out = output_open(&out, o->output, &tree)) == NULL) {
			out_error(o->output_name, tree);
			rc = EXIT_USAGE;
		} else if (writer_find(format)->write(&t, &w) == -1 ||
		    output_close(&out) == -1) {
			out_error(o->output_name, 0);
			output_abort(&out);
			rc = EXIT_USAGE;
		}
	} else if ((t.nchapters > 0 || always) &&
	    (writer_find(format)->write(&t, &w) == -1 || finish(w.out) == -1))
		rc = EXIT_USAGE;
	if (pager != NULL) {
		/* The reader may quit before the end: that is no error. */
		if (rc == EXIT_USAGE && errno == EPIPE)
			rc = EXIT_CLEAN;
		pclose(pager);
	}
	if (rc == EXIT_CLEAN && diags_worst(&t.diags, 0) == SEV_ERROR)
		rc = EXIT_ERRORS;
	picked_free(&p);
	free(w.chapters);
	tour_free(&t);
	return rc;
}

static int
cmd_show(struct opts *o, int argc, char **argv)
{
	return write_cmd(o, argc, argv, "text", 0);
}

static int
cmd_list(struct opts *o, int argc, char **argv)
{
	return write_cmd(o, argc, argv, "list", 0);
}

/* A page, even for a tree with no steps: it says so. */
static int
cmd_html(struct opts *o, int argc, char **argv)
{
	return write_cmd(o, argc, argv, "html", 1);
}

static int
cmd_md(struct opts *o, int argc, char **argv)
{
	return write_cmd(o, argc, argv, "md", 1);
}

/* Tools get a document even from an empty tree. */
static int
cmd_json(struct opts *o, int argc, char **argv)
{
	return write_cmd(o, argc, argv, "json", 1);
}

static int
cmd_codetour(struct opts *o, int argc, char **argv)
{
	return write_cmd(o, argc, argv, "codetour", 0);
}

static int
cmd_check(struct opts *o, int argc, char **argv)
{
	struct tour t;
	size_t i;
	int rc;

	if (argc > 0) {
		fprintf(stderr, "quest: check takes no operand: '%s'\n", argv[0]);
		return EXIT_USAGE;
	}
	if (o->list_diags) {
		for (i = 0; i < D__MAX; i++)
			printf("%-20s %-8s %s\n", diag_table[i].name,
			    sev_name(diag_table[i].sev), diag_table[i].summary);
		return finish(stdout) == -1 ? EXIT_USAGE : EXIT_CLEAN;
	}
	if ((rc = load(o, &t)) != -1)
		return rc;
	/* Text for people on stderr; documents for machines on stdout. */
	if (diags_write(o->format == DF_GCC ? stderr : stdout, &t.diags,
	    o->format, o->werror) == -1 || finish(stdout) == -1)
		rc = EXIT_USAGE;
	else
		rc = diags_worst(&t.diags, o->werror) == SEV_ERROR ?
		    EXIT_ERRORS : EXIT_CLEAN;
	tour_free(&t);
	return rc;
}

/*
 * Before the tree is read: take the lock of renumbers, and finish one that
 * was killed.
 */
static int	dry_run;

static int
recover(char **err)
{
	char *e = NULL;

	if (renumber_begin(dry_run, stderr, &e) == -1) {
		*err = xasprintf("renumber: %s", e);
		free(e);
		return -1;
	}
	return 0;
}

static int
cmd_renumber(struct opts *o, int argc, char **argv)
{
	struct renumber_opts ro;
	struct wopts w = { 0 };
	struct picked p = { NULL, 0 };
	struct tour t;
	int rc, a;

	dry_run = o->dry_run;
	if ((rc = load_with(o, &t, recover)) != -1) {
		renumber_end();
		return rc;
	}
	if (diags_worst(&t.diags, 0) == SEV_ERROR) {
		diags_print(stderr, &t.diags, 0, SEV_ERROR);
		fputs("quest: renumber refuses to run while check finds the "
		    "errors above\n", stderr);
		rc = EXIT_ERRORS;
		goto out;
	}
	for (a = 0; a < argc; a++)
		if (tour_chapter(&t, argv[a]) == NULL) {
			no_chapter(&t, argv[a]);
			rc = EXIT_USAGE;
			goto out;
		}
	if (pick(&t, argc, argv, &w, &p) == -1) {
		rc = EXIT_USAGE;
		goto out;
	}
	memset(&ro, 0, sizeof(ro));
	ro.by = o->by;
	ro.width = o->width;
	ro.dry_run = o->dry_run;
	ro.chapters = w.chapters;
	ro.nchapters = w.nchapters;
	ro.out = stdout;
	ro.msg = stderr;
	switch (renumber(&t, &ro)) {
	case RENUMBER_OK:
		rc = EXIT_CLEAN;
		break;
	case RENUMBER_LEFT:
		rc = EXIT_ERRORS;	/* a file changed: run again */
		break;
	default:
		rc = EXIT_USAGE;
		break;
	}
	if (finish(stdout) == -1)
		rc = EXIT_USAGE;
out:
	renumber_end();
	picked_free(&p);
	free(w.chapters);
	tour_free(&t);
	return rc;
}

/*
 * A free number: after the last step, the next multiple of ten; after a
 * given step, halfway to the next one.
 */
static int
cmd_new(struct opts *o, int argc, char **argv)
{
	const struct chapter *ch;
	const struct step *s = NULL, *next = NULL;
	unsigned long long v, lo, hi;
	struct tour t;
	size_t i, width = 0;
	int rc;

	if (argc != 1) {
		fputs("usage: quest new [--after STEP] CHAPTER\n", stderr);
		return EXIT_USAGE;
	}
	if ((rc = load(o, &t)) != -1)
		return rc;
	if ((ch = tour_chapter(&t, argv[0])) == NULL) {
		/* A chapter the config may not know yet: a prefix starts it. */
		if (!prefix_valid(argv[0], strlen(argv[0]))) {
			no_chapter(&t, argv[0]);
			tour_free(&t);
			return EXIT_USAGE;
		}
		printf("%s:010\n", argv[0]);
		tour_free(&t);
		return finish(stdout) == -1 ? EXIT_USAGE : EXIT_CLEAN;
	}
	for (i = 0; i < ch->nsteps; i++)
		if (strlen(ch->steps[i]->number) > width)
			width = strlen(ch->steps[i]->number);
	if (width == 0)
		width = 3;	/* lguest's */
	rc = EXIT_CLEAN;
	if (o->after != NULL) {
		const char *colon = strchr(o->after, ':');

		if (colon == NULL || (size_t)(colon - o->after) != strlen(ch->prefix) ||
		    strncmp(o->after, ch->prefix, strlen(ch->prefix)) != 0 ||
		    (s = tour_step(&t, ch->prefix, colon + 1,
		    strlen(colon + 1))) == NULL) {
			fprintf(stderr, "quest: --after %s: no such step in "
			    "chapter %s (%s)\n", o->after, ch->name, ch->prefix);
			tour_free(&t);
			return EXIT_USAGE;
		}
		for (i = 0; i < ch->nsteps; i++)
			if (ch->steps[i] == s && i + 1 < ch->nsteps)
				next = ch->steps[i + 1];
	} else if (ch->nsteps > 0)
		s = ch->steps[ch->nsteps - 1];
	if (s == NULL)
		v = 10;
	else if (next == NULL)
		v = (s->value / 10 + 1) * 10;
	else {
		lo = s->value;
		hi = next->value;
		if (hi - lo < 2) {
			fprintf(stderr, "quest: no number between %s:%s and "
			    "%s:%s; quest renumber makes room\n", s->prefix,
			    s->number, next->prefix, next->number);
			tour_free(&t);
			return EXIT_ERRORS;
		}
		v = lo + (hi - lo) / 2;
	}
	printf("%s:%0*llu\n", ch->prefix, (int)width, v);
	tour_free(&t);
	return finish(stdout) == -1 ? EXIT_USAGE : rc;
}

static int
cmd_stale(struct opts *o, int argc, char **argv)
{
	struct stale_report r;
	struct diags d;
	struct tour t;
	char *err = NULL;
	int rc;

	if (argc > 0) {
		fprintf(stderr, "quest: stale takes no operand: '%s'; the "
		    "revision goes with --since\n", argv[0]);
		return EXIT_USAGE;
	}
	if ((rc = load(o, &t)) != -1)
		return rc;
	if (stale_find(&t, o->since ? o->since : "HEAD", &r, &err) == -1) {
		fprintf(stderr, "quest: stale: %s\n", err);
		free(err);
		tour_free(&t);
		return EXIT_USAGE;
	}
	diags_init(&d);
	stale_diags(&r, &d, o->verbose);
	rc = diags_write(o->format == DF_GCC ? stderr : stdout, &d, o->format,
	    0) == -1 || finish(stdout) == -1 ? EXIT_USAGE :
	    r.n > 0 ? EXIT_ERRORS : EXIT_CLEAN;
	diags_free(&d);
	stale_free(&r);
	tour_free(&t);
	return rc;
}

static int
cmd_diff(struct opts *o, int argc, char **argv)
{
	struct tour t;
	char *err = NULL;
	int rc;

	if (argc < 1 || argc > 2) {
		fputs("usage: quest diff [--format=text|json] REF1 [REF2]\n",
		    stderr);
		return EXIT_USAGE;
	}
	if ((rc = load(o, &t)) != -1)
		return rc;
	rc = EXIT_CLEAN;
	if (tour_diff(&t, argv[0], argc > 1 ? argv[1] : NULL,
	    o->format_name != NULL && strcmp(o->format_name, "json") == 0,
	    stdout, &err) == -1 || finish(stdout) == -1) {
		if (err != NULL)
			fprintf(stderr, "quest: diff: %s\n", err);
		free(err);
		rc = EXIT_USAGE;
	}
	tour_free(&t);
	return rc;
}

static int
cmd_help(struct opts *o, int argc, char **argv)
{
	const struct cmd *c;

	(void)o;
	if (argc == 0) {
		usage(stdout);
		return EXIT_CLEAN;
	}
	if ((c = find_cmd(argv[0])) == NULL) {
		fprintf(stderr, "quest: no command '%s'\n", argv[0]);
		return EXIT_USAGE;
	}
	cmd_usage(stdout, c);
	return EXIT_CLEAN;
}

int
main(int argc, char **argv)
{
	struct opts o = { 0 };
	int rc;

	o.color = -1;
	o.by = 10;
	/*
	 * quest runs for a moment: memory it frees stays for its next
	 * malloc() rather than going back to the kernel, whose unmapping
	 * would stop every thread of the process (a TLB shootdown).
	 */
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	/* A write past RLIMIT_FSIZE fails with EFBIG, reported, not a kill. */
	signal(SIGXFSZ, SIG_IGN);
	if ((rc = parse_opts(&o, argc, argv, 1)) != 0)
		return rc == 1 ? EXIT_CLEAN : EXIT_USAGE;
	argc -= optind;
	argv += optind;
	if (argc == 0) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if ((o.cmd = find_cmd(argv[0])) == NULL) {
		fprintf(stderr, "quest: no command '%s'; try 'quest --help'\n",
		    argv[0]);
		return EXIT_USAGE;
	}
	if ((rc = parse_opts(&o, argc, argv, 0)) != 0)
		return rc == 1 ? EXIT_CLEAN : EXIT_USAGE;
	argc -= optind;
	argv += optind;
	rc = o.cmd->run(&o, argc, argv);
	highlight_settle();
	gitlib_shutdown();
	free(o.output_abs);
	return rc;
}
