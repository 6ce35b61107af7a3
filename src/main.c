/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * main.c: the driver of the command line.  With cli.c (the tables of
 * commands and options, and their usage errors), the only file that
 * prints to the user on its own account, and the only one that decides an
 * exit status; everything it calls reports through return values and the
 * diagnostics list.  Which chapters and steps the operands name: pick.c.
 */
#include <sys/ioctl.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "coverage.h"
#include "gitlib.h"
#include "highlight.h"
#include "history.h"
#include "import.h"
#include "load.h"
#include "output.h"
#include "pick.h"
#include "renumber.h"
#include "rewrite.h"
#include "writer.h"

#define STDOUT	"standard output"

/* What the load passed over: a .quest not trusted, a sparse checkout. */
static void
load_warn(const char *msg)
{
	fprintf(stderr, "quest: warning: %s\n", msg);
}

/*
 * -C DIR: go there, once, so that every path the user gave is taken from
 * DIR; EXIT_USAGE, said (unless quiet), when it cannot be.
 */
int
opts_chdir(struct opts *o)
{
	char *q;

	if (o->dir != NULL && chdir(o->dir) == -1) {
		q = name_quoted(o->dir);
		if (!o->quiet)
			fprintf(stderr, "quest: cannot change to %s: %s\n", q,
			    strerror(errno));
		free(q);
		return EXIT_USAGE;
	}
	o->dir = NULL;
	return 0;
}

/*
 * Load the tour; on failure report and return the exit status, else -1.
 * each and its ctx: the load's hook of every file (coverage's), or NULL.
 */
static int
load_hooked(struct opts *o, struct tour *t, int (*prepare)(char **),
    void (*each)(void *, const char *, const struct lang *, const char *,
    size_t, const struct qfile *), void *ctx)
{
	struct load_opts lo = { 0 };
	enum load_status st;
	char *err = NULL, *q;
	FILE *fp = NULL;

	/* -C first: every path the user gave is taken from DIR. */
	if (opts_chdir(o) != 0)
		return EXIT_USAGE;
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
			if (!o->quiet)
				fprintf(stderr, "quest: %s: %s\n", q,
				    strerror(errno));
			free(q);
			return EXIT_USAGE;
		} else
			lo.files_from_name = o->files_from;
		lo.files_from = fp;
	}
	lo.jobs = (int)o->jobs;
	lo.prepare = prepare;
	lo.found = o->found;
	lo.unknown = o->unknown;
	lo.each = each;
	lo.each_ctx = ctx;
	lo.warn = o->quiet ? NULL : load_warn;
	st = tour_load(t, &lo, &err);
	if (fp && fp != stdin)
		fclose(fp);
	if (st == LOAD_FAIL) {
		/* The message quotes what it names from the tree. */
		if (!o->quiet)
			fprintf(stderr, "quest: %s\n", err);
		free(err);
		tour_free(t);
		return EXIT_USAGE;
	}
	if (st == LOAD_CONFIG) {
		diags_sort(&t->diags);
		if (!o->quiet)
			diags_print(stderr, &t->diags, 0, SEV_ERROR);
		tour_free(t);
		return EXIT_USAGE;
	}
	return -1;
}

static int
load_with(struct opts *o, struct tour *t, int (*prepare)(char **))
{
	return load_hooked(o, t, prepare, NULL, NULL);
}

static int
load(struct opts *o, struct tour *t)
{
	return load_with(o, t, NULL);
}

/* Report what pick() said of the operands. */
static int
picked(const struct tour *t, int argc, char **argv, int what,
    struct pick *p)
{
	char *err;

	if (pick(t, argc, argv, what, p, &err) == -1) {
		fprintf(stderr, "quest: %s\n", err);
		free(err);
		return -1;
	}
	return 0;
}

/* An output that cannot be written: which, and why.  Returns -1. */
static int
write_error(const char *name)
{
	fprintf(stderr, "quest: %s: %s\n", name, strerror(errno));
	return -1;
}

/* Flush fp, the output name; -1 (reported) when it or a write failed. */
static int
finish(FILE *fp, const char *name)
{
	if (fflush(fp) == EOF || ferror(fp))
		return write_error(name);
	return 0;
}

/*
 * show on a terminal: the reader, in colour unless NO_COLOR or
 * --color=never, its prose filled to the width, paged through $PAGER.
 * Piped, the lguest bytes, unless --color=always.  Returns the writer to
 * use.
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
	w->color = o->color == 1 || (o->color == -1 &&
	    (nc == NULL || *nc == '\0') &&
	    (term == NULL || strcmp(term, "dumb") != 0));
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

/* A single web page over this many bytes is slow to open in a browser. */
#define BIG_PAGE	(5UL << 20)

/*P:012 A command that writes the tour names its writer in its row, and
 * main.c drives it: load the tree, pick what the operands name (pick.c),
 * mark the stale steps when --since asks, then hand the chapters to the
 * writer, for the standard output, a file replaced whole (-o, output.c) or
 * a directory (codetour).  An output that fails is named, with why.
 */
static int
write_cmd(struct opts *o, int argc, char **argv)
{
	const struct cmd *c = o->cmd;
	const char *format = c->writer;
	struct tour t;
	struct wopts w = { 0 };
	struct pick p;
	struct output out;
	size_t i, nsteps = 0;
	FILE *pager = NULL;
	const char *name;
	size_t written = 0;
	int rc, tree = 0, split;

	/* html: -o DIR/ or --split, a book of many pages in DIR. */
	split = o->split || ((c->flags & CMD_PAGES) && o->output_name != NULL &&
	    strcmp(o->output_name, "-") != 0 && *o->output_name != '\0' &&
	    o->output_name[strlen(o->output_name) - 1] == '/');
	if (split && (o->output_name == NULL ||
	    strcmp(o->output_name, "-") == 0)) {
		fprintf(stderr, "quest: --split writes files: it wants -o "
		    "DIR\n");
		return EXIT_USAGE;
	}
	o->found = o->cmd->flags & CMD_HIGHLIGHT ? highlight_prepare : NULL;
	if ((rc = load(o, &t)) != -1)
		return rc;
	if (picked(&t, argc, argv, PICK_STEPS, &p) == -1) {
		tour_free(&t);
		return EXIT_USAGE;
	}
	if (o->since != NULL) {
		struct stale_report sr;
		char *err = NULL;

		/* Marks each stale step; the writers show the marks. */
		if (stale_find(&t, o->since, &sr, &err) == -1) {
			fprintf(stderr, "quest: --since %s: %s\n", o->since,
			    err);
			free(err);
			pick_free(&p);
			tour_free(&t);
			return EXIT_USAGE;
		}
		stale_free(&sr);
	}
	diags_print(stderr, &t.diags, 0, SEV_ERROR);
	for (i = 0; i < p.nchapters; i++)
		nsteps += p.chapters[i]->nsteps;
	if (t.nchapters == 0)
		fputs("quest: no steps found: no file here holds a tag\n",
		    stderr);
	else if (nsteps == 0 && argc > 0)
		fputs("quest: the chapters asked for have no steps\n", stderr);
	else if (nsteps == 0)
		fputs("quest: the chapters of this tour have no steps\n",
		    stderr);
	w.out = stdout;
	w.chapters = p.chapters;
	w.nchapters = p.nchapters;
	w.whole = p.whole;
	w.link_base = o->link_base;
	w.refs = o->refs;
	w.jobs = (int)o->jobs;
	if (c->flags & CMD_TERM)
		format = terminal(o, &w, &pager);
	rc = EXIT_CLEAN;
	w.written = &written;
	if (split) {
		/* A directory of pages, each replaced atomically. */
		w.split = 1;
		w.page_steps = (size_t)o->page_steps;
		if ((w.outdir_fd = output_dir(o->output, &tree)) == -1) {
			out_error(o->output_name, tree);
			rc = EXIT_USAGE;
		} else {
			w.outdir = o->output;
			if (writer_find(format)->write(&t, &w) == -1) {
				out_error(o->output_name, 0);
				rc = EXIT_USAGE;
			}
			close(w.outdir_fd);
		}
	} else if (c->flags & CMD_DIR) {
		/* It writes files of its own, and names them on stdout. */
		w.outdir = o->output ? o->output : ".tours";
		name = o->output ? o->output_name : w.outdir;
		if (t.nchapters > 0 &&
		    (w.outdir_fd = output_dir(w.outdir, &tree)) == -1) {
			out_error(name, tree);
			rc = EXIT_USAGE;
		} else if (t.nchapters > 0) {
			if (writer_find(format)->write(&t, &w) == -1 ||
			    fflush(stdout) == EOF || ferror(stdout)) {
				write_error(ferror(stdout) ? STDOUT : name);
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
	} else if ((t.nchapters > 0 || (c->flags & CMD_ALWAYS)) &&
	    (writer_find(format)->write(&t, &w) == -1 ||
	    fflush(w.out) == EOF || ferror(w.out))) {
		/* The reader may quit the pager before the end: no error. */
		if (pager == NULL || errno != EPIPE) {
			write_error(pager ? "the pager" : STDOUT);
			rc = EXIT_USAGE;
		}
	}
	if (pager != NULL)
		pclose(pager);
	/* A page this big is slow to open: a book of pages is not. */
	if (rc == EXIT_CLEAN && written > BIG_PAGE)
		fprintf(stderr, "quest: the page is %zu MB: quest html -o DIR/ "
		    "writes a book of many pages, quick to open\n",
		    written >> 20);
	if (rc == EXIT_CLEAN && diags_worst(&t.diags, 0) == SEV_ERROR)
		rc = EXIT_ERRORS;
	pick_free(&p);
	tour_free(&t);
	return rc;
}
/*:*/

int
cmd_check(struct opts *o, int argc, char **argv)
{
	struct tour t;
	size_t i;
	int rc;

	(void)argc;
	(void)argv;
	if (o->list_diags) {
		for (i = 0; i < D__MAX; i++)
			printf("%-20s %-8s %s\n", diag_table[i].name,
			    sev_name(diag_table[i].sev), diag_table[i].summary);
		return finish(stdout, STDOUT) == -1 ? EXIT_USAGE : EXIT_CLEAN;
	}
	o->unknown = 1;		/* a tag in a file no language reads */
	if ((rc = load(o, &t)) != -1)
		return rc;
	/* Text for people on stderr; documents for machines on stdout. */
	if (diags_write(o->format == DF_GCC ? stderr : stdout, &t.diags,
	    o->format, o->werror) == -1)
		rc = write_error(o->format == DF_GCC ? "standard error" :
		    STDOUT);
	else
		rc = finish(stdout, STDOUT);
	if (rc == -1)
		rc = EXIT_USAGE;
	else
		rc = diags_worst(&t.diags, o->werror) == SEV_ERROR ?
		    EXIT_ERRORS : EXIT_CLEAN;
	tour_free(&t);
	return rc;
}

/*
 * Before the tree is read: take the lock of renumbers, and finish one that
 * was killed; a dry run only looks.  load_with() calls one or the other.
 */
static int
begin(enum rewrite_cmd kind, const char *cmd, int dry_run, char **err)
{
	char *e = NULL;

	if (rewrite_begin(kind, dry_run, stderr, &e) == -1) {
		*err = xasprintf("%s: %s", cmd, e);
		free(e);
		return -1;
	}
	return 0;
}

static int
recover(char **err)
{
	return begin(RW_RENUMBER, "renumber", 0, err);
}

static int
recover_dry(char **err)
{
	return begin(RW_RENUMBER, "renumber", 1, err);
}

int
cmd_renumber(struct opts *o, int argc, char **argv)
{
	struct renumber_opts ro;
	struct pick p = { 0 };
	struct tour t;
	size_t i;
	int rc;

	if ((rc = load_with(o, &t, o->dry_run ? recover_dry : recover)) != -1) {
		rewrite_end();
		return rc;
	}
	/*
	 * Numbers too large, and steps that share a number (a merge), are
	 * errors that renumber is the cure for.
	 */
	for (i = 0; i < t.diags.n; i++)
		if (diag_table[t.diags.v[i].id].sev == SEV_ERROR &&
		    t.diags.v[i].id != D_NUMBER_TOO_LARGE &&
		    t.diags.v[i].id != D_DUPLICATE_STEP)
			break;
	if (i < t.diags.n) {
		diags_print(stderr, &t.diags, 0, SEV_ERROR);
		fputs("quest: renumber refuses to run while check finds the "
		    "errors above\n", stderr);
		rc = EXIT_ERRORS;
		goto out;
	}
	if (picked(&t, argc, argv, PICK_CHAPTERS, &p) == -1) {
		rc = EXIT_USAGE;
		goto out;
	}
	/* The last new number: never past the most a step may have. */
	for (i = 0; i < p.nchapters; i++)
		if (p.chapters[i]->nsteps > STEP_MAX / (unsigned long)o->by) {
			fprintf(stderr, "quest: renumber: chapter %s has %zu "
			    "steps: by %ld they would pass %llu, the most a "
			    "step may have; a smaller --by makes room\n",
			    p.chapters[i]->name, p.chapters[i]->nsteps, o->by,
			    STEP_MAX);
			rc = EXIT_USAGE;
			goto out;
		}
	memset(&ro, 0, sizeof(ro));
	ro.by = (unsigned long)o->by;
	ro.width = (int)o->width;
	ro.dry_run = o->dry_run;
	ro.chapters = p.chapters;
	ro.nchapters = p.nchapters;
	ro.out = stdout;
	ro.msg = stderr;
	switch (renumber(&t, &ro)) {
	case RENUMBER_OK:
		rc = EXIT_CLEAN;
		break;
	case RENUMBER_LEFT:		/* a file changed: run again */
	case RENUMBER_AMBIGUOUS:	/* a reference to edit by hand */
		rc = EXIT_ERRORS;
		break;
	default:
		rc = EXIT_USAGE;
		break;
	}
	if (finish(stdout, STDOUT) == -1)
		rc = EXIT_USAGE;
out:
	rewrite_end();
	pick_free(&p);
	tour_free(&t);
	return rc;
}

static int
import_recover(char **err)
{
	return begin(RW_IMPORT, "import", 0, err);
}

static int
import_recover_dry(char **err)
{
	return begin(RW_IMPORT, "import", 1, err);
}

/*
 * quest import codetour FILE.tour...: the files read from where the user
 * is (-C DIR), before the load goes to the tour root.
 */
int
cmd_import(struct opts *o, int argc, char **argv)
{
	struct import_opts io;
	struct import_src *srcs;
	struct buf *texts;
	struct tour t;
	char *q;
	int i, n = argc - 1, rc = EXIT_CLEAN;

	if (o->prefix != NULL && !prefix_valid(o->prefix,
	    strlen(o->prefix))) {
		fprintf(stderr, "quest: --prefix %s: a prefix is one or more "
		    "capital letters A-Z\n", o->prefix);
		return EXIT_USAGE;
	}
	if (o->prefix != NULL && n > 1) {
		fputs("quest: --prefix names one chapter: give one .tour "
		    "file\n", stderr);
		return EXIT_USAGE;
	}
	if (opts_chdir(o) != 0)
		return EXIT_USAGE;
	srcs = xcalloc((size_t)n + 1, sizeof(*srcs));
	texts = xcalloc((size_t)n + 1, sizeof(*texts));
	for (i = 0; i < n; i++) {
		struct stat st;
		int fd;

		srcs[i].name = argv[i + 1];
		if ((fd = open(argv[i + 1], O_RDONLY | O_NONBLOCK |
		    O_CLOEXEC)) == -1 || read_fd(fd, CODETOUR_MAX, &texts[i],
		    &st) == -1) {
			q = name_quoted(argv[i + 1]);
			fprintf(stderr, "quest: %s: %s\n", q, errno == EFBIG ?
			    "larger than 16 MiB: refused" : strerror(errno));
			free(q);
			if (fd != -1)
				close(fd);
			rc = EXIT_USAGE;
			goto out;
		}
		close(fd);
		srcs[i].text = texts[i].p ? texts[i].p : "";
		srcs[i].len = texts[i].len;
	}
	if ((rc = load_with(o, &t, o->dry_run ? import_recover_dry :
	    import_recover)) != -1) {
		rewrite_end();
		goto out;
	}
	memset(&io, 0, sizeof(io));
	io.prefix = o->prefix;
	io.dry_run = o->dry_run;
	io.srcs = srcs;
	io.nsrcs = (size_t)n;
	io.out = stdout;
	io.msg = stderr;
	switch (import_codetour(&t, &io)) {
	case IMPORT_OK:
		rc = EXIT_CLEAN;
		break;
	case IMPORT_PARTIAL:
		rc = EXIT_ERRORS;
		break;
	default:
		rc = EXIT_USAGE;
		break;
	}
	if (finish(stdout, STDOUT) == -1)
		rc = EXIT_USAGE;
	rewrite_end();
	tour_free(&t);
out:
	for (i = 0; i < n; i++)
		buf_free(&texts[i]);
	free(texts);
	free(srcs);
	return rc;
}

/* A free number of a chapter: chapter_new_number() in build.c. */
int
cmd_new(struct opts *o, int argc, char **argv)
{
	const struct chapter *ch;
	const struct step *s = NULL;
	struct tour t;
	char *num, *err = NULL;
	int rc;

	(void)argc;	/* one: cli_operands() saw to it */
	if ((rc = load(o, &t)) != -1)
		return rc;
	if ((ch = tour_chapter(&t, argv[0])) == NULL) {
		/* A chapter the config may not know yet: a prefix starts it. */
		if (!prefix_valid(argv[0], strlen(argv[0]))) {
			char *msg = pick_no_chapter(&t, argv[0]);

			fprintf(stderr, "quest: %s\n", msg);
			free(msg);
			tour_free(&t);
			return EXIT_USAGE;
		}
		printf("%s:010\n", argv[0]);
		tour_free(&t);
		return finish(stdout, STDOUT) == -1 ? EXIT_USAGE : EXIT_CLEAN;
	}
	if (o->after != NULL) {
		const char *colon = strchr(o->after, ':');

		if (colon == NULL ||
		    (size_t)(colon - o->after) != strlen(ch->prefix) ||
		    strncmp(o->after, ch->prefix, strlen(ch->prefix)) != 0 ||
		    (s = tour_step(&t, ch->prefix, colon + 1,
		    strlen(colon + 1))) == NULL) {
			fprintf(stderr, "quest: --after %s: no such step in "
			    "chapter %s (%s)\n", o->after, ch->name,
			    ch->prefix);
			tour_free(&t);
			return EXIT_USAGE;
		}
	}
	if ((num = chapter_new_number(ch, s, &err)) == NULL) {
		fprintf(stderr, "quest: %s\n", err);
		free(err);
		tour_free(&t);
		return EXIT_ERRORS;
	}
	printf("%s\n", num);
	free(num);
	tour_free(&t);
	return finish(stdout, STDOUT) == -1 ? EXIT_USAGE : EXIT_CLEAN;
}

int
cmd_stale(struct opts *o, int argc, char **argv)
{
	struct stale_report r;
	struct diags d;
	struct tour t;
	char *err = NULL;
	int rc;

	(void)argc;
	(void)argv;
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
	if (diags_write(o->format == DF_GCC ? stderr : stdout, &d, o->format,
	    0) == -1)
		rc = write_error(o->format == DF_GCC ? "standard error" :
		    STDOUT);
	else
		rc = finish(stdout, STDOUT);
	rc = rc == -1 ? EXIT_USAGE : r.n > 0 ? EXIT_ERRORS : EXIT_CLEAN;
	diags_free(&d);
	stale_free(&r);
	tour_free(&t);
	return rc;
}

int
cmd_diff(struct opts *o, int argc, char **argv)
{
	struct tour t;
	char *err = NULL;
	int rc;

	if ((rc = load(o, &t)) != -1)
		return rc;
	rc = EXIT_CLEAN;
	if (tour_diff(&t, argv[0], argc > 1 ? argv[1] : NULL,
	    o->format_name != NULL && strcmp(o->format_name, "json") == 0,
	    stdout, &err) == -1) {
		if (err != NULL)
			fprintf(stderr, "quest: diff: %s\n", err);
		else
			write_error(STDOUT);
		free(err);
		rc = EXIT_USAGE;
	} else if (finish(stdout, STDOUT) == -1)
		rc = EXIT_USAGE;
	tour_free(&t);
	return rc;
}

int
cmd_help(struct opts *o, int argc, char **argv)
{
	const struct cmd *c;

	if (o->list_opts)
		cli_dump(stdout);
	else if (argc == 0)
		cli_usage(stdout);
	else if ((c = cli_command(argv[0])) == NULL) {
		fprintf(stderr, "quest: no command '%s'\n", argv[0]);
		return EXIT_USAGE;
	} else
		cli_cmd_usage(stdout, c);
	return finish(stdout, STDOUT) == -1 ? EXIT_USAGE : EXIT_CLEAN;
}

/*
 * complete: a shell's completion script (complete.c), or the names that
 * the scripts offer, one a line: each chapter's name, or its prefix when
 * the name is no single shell word ("Language server"), or each step's
 * tag, once when steps share it (names: both, the tree read once).
 * Quiet: a tree that does not load
 * offers nothing, and says nothing.
 */
int
cmd_complete(struct opts *o, int argc, char **argv)
{
	const struct chapter *ch;
	struct tour t;
	size_t i, j;
	int rc, chapters, steps;

	(void)argc;	/* one: cli_operands() saw to it */
	chapters = strcmp(argv[0], "chapters") == 0 ||
	    strcmp(argv[0], "names") == 0;
	steps = strcmp(argv[0], "steps") == 0 ||
	    strcmp(argv[0], "names") == 0;
	if (!chapters && !steps) {
		if (complete_script(stdout, argv[0]) == -1) {
			fputs("quest: complete wants ", stderr);
			complete_shells(stderr);
			fprintf(stderr, ", chapters, steps or names, not "
			    "'%s'\n", argv[0]);
			return EXIT_USAGE;
		}
		return finish(stdout, STDOUT) == -1 ? EXIT_USAGE : EXIT_CLEAN;
	}
	o->quiet = 1;
	if ((rc = load(o, &t)) != -1)
		return rc;
	for (i = 0; chapters && i < t.nchapters; i++) {
		ch = &t.chapters[i];
		puts(ch->name[strcspn(ch->name, " \t'\"\\")] == '\0' ?
		    ch->name : ch->prefix);
	}
	for (i = 0; steps && i < t.nchapters; i++) {
		ch = &t.chapters[i];
		for (j = 0; j < ch->nsteps; j++)
			if (j == 0 || strcmp(ch->steps[j]->id,
			    ch->steps[j - 1]->id) != 0)
				puts(ch->steps[j]->id);
	}
	tour_free(&t);
	return finish(stdout, STDOUT) == -1 ? EXIT_USAGE : EXIT_CLEAN;
}

/*
 * The paths of the operands, absolute, before the load changes to the
 * tour root; NULL (reported) when one does not exist.
 */
static char **
cov_operands(int argc, char **argv)
{
	char **v = xcalloc((size_t)argc + 1, sizeof(*v)), *q;
	int i;

	for (i = 0; i < argc; i++)
		if ((v[i] = realpath(argv[i], NULL)) == NULL) {
			q = name_quoted(argv[i]);
			fprintf(stderr, "quest: %s: %s\n", q, strerror(errno));
			free(q);
			while (i-- > 0)
				free(v[i]);
			free(v);
			return NULL;
		}
	return v;
}

/* The operands as paths of the tree, now that the root is known. */
static int
cov_under(struct coverage *c, char **abs, int argc, char **argv)
{
	char root[PATH_MAX], *q;
	size_t n;
	int i;

	if (argc == 0)
		return 0;
	if (getcwd(root, sizeof(root)) == NULL) {
		fprintf(stderr, "quest: cannot find the tour root: %s\n",
		    strerror(errno));
		return -1;
	}
	n = strlen(root);
	c->under = xcalloc((size_t)argc, sizeof(*c->under));
	for (i = 0; i < argc; i++) {
		if (strcmp(abs[i], root) == 0)
			c->under[c->nunder++] = xstrdup("");
		else if (strncmp(abs[i], root, n) == 0 && abs[i][n] == '/')
			c->under[c->nunder++] = xstrdup(abs[i] + n + 1);
		else {
			q = name_quoted(argv[i]);
			fprintf(stderr, "quest: %s: not in the tree of the "
			    "tour root\n", q);
			free(q);
			return -1;
		}
	}
	return 0;
}

/*V:010 quest coverage loads the tour as every command does, with one
 * hook more: each file of a language quest reads is read whole and
 * handed to cov_file_add() on the scanning thread that read it, which
 * counts its lines there, so that counting takes every core.  Then the
 * operands narrow the files to the paths they name, one writer prints
 * the report (text, JSON, or the page of covhtml.c), and --min judges
 * the total the report ends with.
 */
int
cmd_coverage(struct opts *o, int argc, char **argv)
{
	struct coverage c;
	struct cov_opts co = { 0 };
	struct tour t;
	struct output out;
	unsigned long long part, whole;
	char **abs = NULL;
	FILE *fp = stdout;
	int (*write)(FILE *, const struct coverage *,
	    const struct cov_opts *);
	int rc, i, tree = 0;

	if (opts_chdir(o) != 0)
		return EXIT_USAGE;
	if (argc > 0 && (abs = cov_operands(argc, argv)) == NULL)
		return EXIT_USAGE;
	co.by = o->cov_by == NULL || strcmp(o->cov_by, "file") == 0 ?
	    COV_BY_FILE : strcmp(o->cov_by, "dir") == 0 ? COV_BY_DIR :
	    COV_BY_DEF;
	co.book = o->book != NULL ? o->book : "book.html";
	cov_init(&c, co.by == COV_BY_DEF || o->cov_html);
	if ((rc = load_hooked(o, &t, NULL, cov_file_add, &c)) != -1) {
		cov_free(&c);
		goto out;
	}
	co.t = &t;
	if (cov_under(&c, abs, argc, argv) == -1) {
		rc = EXIT_USAGE;
		goto done;
	}
	cov_finish(&c);
	diags_print(stderr, &t.diags, 0, SEV_ERROR);
	write = o->cov_html ? cov_write_html : o->format_name != NULL &&
	    strcmp(o->format_name, "json") == 0 ? cov_write_json :
	    cov_write_text;
	rc = EXIT_CLEAN;
	if (o->output != NULL && strcmp(o->output, "-") != 0) {
		if ((fp = output_open(&out, o->output, &tree)) == NULL) {
			out_error(o->output_name, tree);
			rc = EXIT_USAGE;
		} else if (write(fp, &c, &co) == -1 ||
		    output_close(&out) == -1) {
			out_error(o->output_name, 0);
			output_abort(&out);
			rc = EXIT_USAGE;
		}
	} else if (write(fp, &c, &co) == -1 || finish(fp, STDOUT) == -1) {
		if (errno != 0)
			write_error(STDOUT);
		rc = EXIT_USAGE;
	}
	if (rc == EXIT_CLEAN && diags_worst(&t.diags, 0) == SEV_ERROR)
		rc = EXIT_ERRORS;
	cov_judged(&c, co.by, &part, &whole);
	if (rc == EXIT_CLEAN && o->cov_min >= 0 &&
	    part * 1000 < (unsigned long long)o->cov_min * whole) {
		fprintf(stderr, "quest: coverage: %llu of %llu %s, below "
		    "--min %ld.%ld%%\n", part, whole, co.by == COV_BY_DEF ?
		    "definitions shown" : "lines of code covered",
		    o->cov_min / 10, o->cov_min % 10);
		rc = EXIT_ERRORS;
	}
	if (rc == EXIT_CLEAN && o->cov_min > 0 && whole == 0) {
		fputs("quest: coverage: nothing to cover, below --min\n",
		    stderr);
		rc = EXIT_ERRORS;
	}
done:
	cov_free(&c);
	tour_free(&t);
out:
	for (i = 0; abs != NULL && i < argc; i++)
		free(abs[i]);
	free(abs);
	return rc;
}
/*:*/

int
main(int argc, char **argv)
{
	struct opts o = { 0 };
	int rc;

	o.color = -1;
	o.by = 10;
	o.port = -1;
	o.cov_min = -1;
	/* A write past RLIMIT_FSIZE fails with EFBIG, reported, not a kill. */
	signal(SIGXFSZ, SIG_IGN);
	if ((rc = cli_parse(&o, argc, argv)) != 0)
		goto answered;
	argc -= optind;
	argv += optind;
	if (argc == 0) {
		cli_usage(stderr);
		return EXIT_USAGE;
	}
	if ((o.cmd = cli_command(argv[0])) == NULL) {
		fprintf(stderr, "quest: no command '%s'; try 'quest --help'\n",
		    argv[0]);
		return EXIT_USAGE;
	}
	if ((rc = cli_parse(&o, argc, argv)) != 0)
		goto answered;
	argc -= optind;
	argv += optind;
	if (cli_operands(o.cmd, argc, argv) == -1)
		return EXIT_USAGE;
	rc = o.cmd->run != NULL ? o.cmd->run(&o, argc, argv) :
	    write_cmd(&o, argc, argv);
	highlight_settle();
	gitlib_shutdown();
	free(o.output_abs);
	return rc;
answered:	/* --help, --version, or a usage error */
	return rc == -1 || finish(stdout, STDOUT) == -1 ? EXIT_USAGE :
	    EXIT_CLEAN;
}
