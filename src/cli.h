/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * cli.h: the command line as two tables, commands[] and options[] in
 * cli.c.  A command is a row: its name, what it does, its operands, the
 * writer it drives or the function that runs it.  An option is a row: its
 * flags, its argument, its help, the commands that take it and what sets
 * it.  The usage lines, quest --help, quest help COMMAND, the parsing and
 * its messages are all read from the rows; main.c is the driver.
 */
#ifndef QUEST_CLI_H
#define QUEST_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "diagfmt.h"
#include "tour.h"

enum {
	EXIT_CLEAN = 0,		/* no error (warnings allowed) */
	EXIT_ERRORS = 1,	/* the tree has errors */
	EXIT_USAGE = 2,		/* usage, config or system error */
};

struct cmd;

/* What the options set: one field an option, or one a group of them. */
struct opts {
	const char	*dir;		/* -C */
	const char	*files_from;	/* --files-from */
	long		 jobs;		/* -j */
	void		(*found)(const struct lang *);	/* load_opts' */
	int		 unknown;			/* load_opts' */
	int		 werror;	/* check --werror */
	int		 list_diags;	/* check --list-diagnostics */
	const char	*output;	/* -o FILE, made absolute by the load */
	const char	*output_name;	/* -o FILE as given, for messages */
	char		*output_abs;	/* -o made absolute, owned */
	const char	*link_base;	/* html --link-base */
	int		 split;		/* html --split */
	long		 page_steps;	/* html --page-steps (hidden) */
	int		 color;		/* show --color: -1 auto, 0 never,
					 * 1 always */
	enum diag_format format;	/* check, stale --format */
	const char	*format_name;	/* --format, as given */
	int		 refs;		/* list --refs */
	long		 by;		/* renumber --by */
	long		 width;		/* renumber --width */
	int		 dry_run;	/* renumber, import --dry-run */
	const char	*prefix;	/* import --prefix */
	const char	*after;		/* new --after */
	const char	*since;		/* stale, list, html --since */
	int		 verbose;	/* stale -v */
	int		 no_pager;	/* show --no-pager */
	int		 list_opts;	/* help --options */
	long		 port;		/* serve --port; -1: 8000 or next */
	const char	*bind;		/* serve --bind */
	int		 open;		/* serve --open */
	int		 quiet;		/* complete: the load prints nothing */
	const char	*cov_by;	/* coverage --by file|dir|def */
	long		 cov_min;	/* coverage --min, in tenths of a
					 * percent; -1: none */
	int		 cov_html;	/* coverage --html */
	const char	*book;		/* coverage --book URL */
	const struct cmd *cmd;		/* NULL until the command is read */
};

/* What a command takes after its options. */
enum operands {
	OPERANDS_NONE,		/* nothing */
	OPERANDS_PICK,		/* [CHAPTER | STEP | STEP..STEP]... */
	OPERANDS_CHAPTERS,	/* [CHAPTER...] */
	OPERANDS_CHAPTER,	/* CHAPTER, exactly one */
	OPERANDS_REFS,		/* REF1 [REF2] */
	OPERANDS_COMMAND,	/* [COMMAND] */
	OPERANDS_IMPORT,	/* FORMAT FILE...: codetour FILE.tour... */
	OPERANDS_WORD,		/* WORD, exactly one, of the command's own */
	OPERANDS_PATHS,		/* [PATH...] */
};

/* A command's flags. */
#define CMD_ALWAYS	0x1	/* writes even an empty tour */
#define CMD_DIR		0x2	/* writes files into a directory, -o DIR */
#define CMD_TERM	0x4	/* on a terminal: colour, width, a pager */
#define CMD_HIGHLIGHT	0x8	/* the load starts the grammars' compiles */
#define CMD_HIDDEN	0x10	/* for the shells and the tests: in no help */
#define CMD_PAGES	0x20	/* -o DIR/ or --split: a directory of
				 * pages (html) */

struct cmd {
	const char	*name;
	/* NULL: main.c's writer driver, with the writer named below. */
	int		(*run)(struct opts *, int argc, char **argv);
	const char	*writer;	/* a row of writer.c, or NULL */
	enum operands	 operands;
	unsigned	 flags;		/* CMD_* */
	const char	*summary;	/* a line of quest --help */
	const char	*more;		/* a paragraph of its help, or NULL */
	const char	*no_operand;	/* OPERANDS_NONE: a hint on refusing
					 * one */
};

/* An option's flags. */
#define OPT_ARG		0x1	/* takes an argument */
#define OPT_NAMES_CMD	0x2	/* refused by naming the command it was given */
#define OPT_HIDDEN	0x4	/* for the tests: in no help */

struct opt {
	const char	*name;		/* the long name, or NULL */
	int		 letter;	/* the short one, or 0 */
	unsigned	 flags;		/* OPT_* */
	const char	*col;		/* its column of the help: "-o FILE" */
	const char	*usage;		/* in the usage line, NULL: col;
					 * "": none */
	const char	*cmds;		/* the commands that take it;
					 * NULL: global */
	/* Set it from arg; 0, 1 when it answered (--help), -1 (reported). */
	int		(*set)(struct opts *, const struct opt *,
			    const char *arg);
	size_t		 field;		/* offsetof(struct opts, ...) for set */
	long		 min, max;	/* a number's range */
	const char	*help;		/* its lines, '\n' between */
};

/* The drivers of the commands that write no tour (main.c). */
int	cmd_check(struct opts *, int, char **);
int	cmd_renumber(struct opts *, int, char **);
int	cmd_new(struct opts *, int, char **);
int	cmd_import(struct opts *, int, char **);
int	cmd_stale(struct opts *, int, char **);
int	cmd_diff(struct opts *, int, char **);
int	cmd_help(struct opts *, int, char **);
int	cmd_complete(struct opts *, int, char **);
int	cmd_coverage(struct opts *, int, char **);
/* quest lsp's, in lsp_cmd.c. */
int	cmd_lsp(struct opts *, int, char **);
/* quest serve's, in serve_cmd.c. */
int	cmd_serve(struct opts *, int, char **);

const struct cmd *cli_command(const char *name);
/*
 * Parse the options from argv[0]; global ones may come before or after
 * the command, the others only after it (o->cmd set).  Returns -1 on a
 * usage error (reported), 1 when --help or --version was answered, else
 * 0 with optind at the first operand.
 */
int	cli_parse(struct opts *, int argc, char **argv);
/* main.c: -C DIR, there once; EXIT_USAGE, said, when it cannot be. */
int	opts_chdir(struct opts *);
/*
 * Check the number of operands against the command's row: 0, or -1 when
 * it is wrong (reported).
 */
int	cli_operands(const struct cmd *, int argc, char **argv);
/* quest --help; quest help COMMAND. */
void	cli_usage(FILE *);
void	cli_cmd_usage(FILE *, const struct cmd *);
/* help --options: "COMMAND -x --long ARG", a line per option of each. */
void	cli_dump(FILE *);

/*
 * The tables themselves, read-only, for what is made from them: the
 * shell completions of complete.c.  cli_takes() says whether command c
 * (NULL: before any) takes the option of row r; cli_arg() is the word of
 * an option's argument in its column ("FILE" of "-o FILE"), NULL when it
 * takes none; cli_arg_words() the blank-separated words the argument may
 * be ("auto always never"), NULL when it is free.
 */
const struct cmd *cli_commands(size_t *n);
const struct opt *cli_options(size_t *n);
int	cli_takes(const struct cmd *c, const struct opt *r);
const char *cli_arg(const struct opt *r);
const char *cli_arg_words(const struct opt *r);
/* complete.c: quest complete bash|zsh|fish, the script for that shell. */
int	complete_script(FILE *, const char *shell);
/* The shells it knows, "bash, zsh, fish", to fp. */
void	complete_shells(FILE *);

#endif
