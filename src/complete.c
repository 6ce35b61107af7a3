/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * complete.c: quest complete bash|zsh|fish, the completion script of each
 * shell, written from the tables of cli.c and from nothing else, so that
 * a command or an option added there is completed with no change here.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

/*P:016 The shells complete quest from the same two tables.  quest
 * complete bash, zsh or fish prints a script, which make writes into
 * build/completions/ and make install where each shell looks: the
 * commands, the options each command takes, what an option's argument
 * is (a FILE, a DIR, a REF, a STEP, or one of the words its setter
 * takes), and what the operands are, from the command's kind of
 * operands.  The chapters and steps themselves are the tour's: the
 * scripts ask quest complete chapters, steps or names (both) at
 * completion time, under a timeout and a bounded read, and that prints
 * them one a line and never a diagnostic.  A shell is a writer and a row
 * of shells[], at the end of this file.
 */

/* What an option's argument, or a command's operand, completes to. */
enum what {
	W_NONE,		/* nothing: a number, a URL */
	W_FILE,
	W_DIR,
	W_REF,		/* a git revision */
	W_STEP,		/* the tour's steps */
	W_CHAPTER,	/* the tour's chapters */
	W_PICK,		/* chapters and steps */
	W_COMMAND,	/* quest's commands */
	W_WORDS,	/* the words cli_arg_words() gives */
};

static enum what
arg_what(const struct opt *r)
{
	const char *a = cli_arg(r);

	if (cli_arg_words(r) != NULL)
		return W_WORDS;
	if (a == NULL)
		return W_NONE;
	if (strcmp(a, "FILE") == 0)
		return W_FILE;
	if (strcmp(a, "DIR") == 0)
		return W_DIR;
	if (strcmp(a, "REF") == 0)
		return W_REF;
	if (strcmp(a, "STEP") == 0)
		return W_STEP;
	if (strcmp(a, "CHAPTER") == 0)
		return W_CHAPTER;
	return W_NONE;
}

static enum what
operand_what(const struct cmd *c)
{
	switch (c->operands) {
	case OPERANDS_PICK:
		return W_PICK;
	case OPERANDS_CHAPTERS:
	case OPERANDS_CHAPTER:
		return W_CHAPTER;
	case OPERANDS_REFS:
		return W_REF;
	case OPERANDS_COMMAND:
		return W_COMMAND;
	default:
		return W_NONE;
	}
}

static int
shown_cmd(const struct cmd *c)
{
	return !(c->flags & CMD_HIDDEN);
}

static int
shown_opt(const struct opt *r)
{
	return !(r->flags & OPT_HIDDEN);
}

/* Is the long option written --name=ARG in its column? */
static int
long_eq(const struct opt *r)
{
	const char *p;
	size_t n;

	if (r->name == NULL || !(r->flags & OPT_ARG))
		return 0;
	n = strlen(r->name);
	for (p = r->col; (p = strstr(p, "--")) != NULL; p += 2)
		if (strncmp(p + 2, r->name, n) == 0 && p[2 + n] == '=')
			return 1;
	return 0;
}

/* The option's first row that c (NULL: none yet) takes: cli_parse()'s. */
static int
first_row(const struct opt *opts, size_t nopts, const struct opt *r,
    const struct cmd *c)
{
	const struct opt *q;

	if (!cli_takes(c, r) || (c == NULL && r->cmds != NULL))
		return 0;
	for (q = opts; q < r && q < opts + nopts; q++)
		if (cli_takes(c, q) && (c != NULL || q->cmds == NULL) &&
		    ((r->letter != 0 && q->letter == r->letter) ||
		    (r->name != NULL && q->name != NULL &&
		    strcmp(q->name, r->name) == 0)))
			return 0;
	return 1;
}

/* s in single quotes, for sh (bash, zsh) or for fish (\' and \\). */
static void
quote(FILE *fp, const char *s, int fish)
{
	fputc('\'', fp);
	for (; *s != '\0'; s++)
		if (*s == '\'')
			fputs(fish ? "\\'" : "'\\''", fp);
		else if (*s == '\\' && fish)
			fputs("\\\\", fp);
		else
			fputc(*s, fp);
	fputc('\'', fp);
}

/* An option's help on one line, quoted: its lines joined by blanks. */
static void
quote_line(FILE *fp, const char *s, int fish)
{
	char buf[512];
	size_t i;

	for (i = 0; i < sizeof(buf) - 1 && s[i] != '\0'; i++)
		buf[i] = s[i] == '\n' ? ' ' : s[i];
	buf[i] = '\0';
	quote(fp, buf, fish);
}

/* "-C|--files-from|...": every spelling of an option with an argument. */
static void
arg_spellings(FILE *fp, const struct opt *opts, size_t nopts,
    const char *sep)
{
	const struct opt *r, *q;
	int n = 0;

	for (r = opts; r < opts + nopts; r++) {
		if (!shown_opt(r) || !(r->flags & OPT_ARG))
			continue;
		for (q = opts; q < r; q++)
			if (shown_opt(q) && (q->flags & OPT_ARG) &&
			    q->letter == r->letter && (q->name == r->name ||
			    (q->name != NULL && r->name != NULL &&
			    strcmp(q->name, r->name) == 0)))
				break;
		if (q < r)
			continue;
		if (r->letter != 0)
			fprintf(fp, "%s-%c", n++ ? sep : "", r->letter);
		if (r->name != NULL)
			fprintf(fp, "%s--%s", n++ ? sep : "", r->name);
	}
}

/* The option whose argument is the directory to run in: -C. */
static const struct opt *
dir_opt(const struct opt *opts, size_t nopts)
{
	const struct opt *r;

	for (r = opts; r < opts + nopts; r++)
		if (r->cmds == NULL && (r->flags & OPT_ARG) &&
		    r->field == offsetof(struct opts, dir) && r->letter != 0)
			return r;
	return NULL;
}

/* bash and zsh: the "CMD -x"|"CMD --long" patterns of row r. */
static void
sh_patterns(FILE *fp, const struct opt *r, const struct cmd *cmds,
    size_t ncmds)
{
	size_t i;
	int n = 0;

	for (i = 0; i < ncmds; i++) {
		if (r->cmds == NULL ? i > 0 : !cli_takes(&cmds[i], r))
			continue;
		/* A global option's: *" -C", whatever the command. */
		if (r->letter != 0)
			fprintf(fp, "%s%s\"%s -%c\"", n++ ? "|" : "",
			    r->cmds == NULL ? "*" : "",
			    r->cmds == NULL ? "" : cmds[i].name, r->letter);
		if (r->name != NULL)
			fprintf(fp, "%s%s\"%s --%s\"", n++ ? "|" : "",
			    r->cmds == NULL ? "*" : "",
			    r->cmds == NULL ? "" : cmds[i].name, r->name);
	}
}

/* The shell's words for what w completes to (bash and zsh alike). */
static const char *const sh_words[] = {
	[W_NONE] = "",
	[W_FILE] = "",
	[W_DIR] = "",
	[W_REF] = "$(_quest_refs)",
	[W_STEP] = "$(_quest_tour steps)",
	[W_CHAPTER] = "$(_quest_tour chapters)",
	[W_PICK] = "$(_quest_tour names)",
	[W_COMMAND] = "",
	[W_WORDS] = "",
};

static void
commands_list(FILE *fp, const struct cmd *cmds, size_t ncmds)
{
	size_t i;
	int n = 0;

	for (i = 0; i < ncmds; i++)
		if (shown_cmd(&cmds[i]))
			fprintf(fp, "%s%s", n++ ? " " : "", cmds[i].name);
}

/* Every spelling that command c (NULL: before one) takes, blank-separated. */
static void
opt_list(FILE *fp, const struct opt *opts, size_t nopts, const struct cmd *c)
{
	const struct opt *r;
	int n = 0, pass;

	/* Its own options, then the global ones, which go after it too. */
	for (pass = 0; pass < 2; pass++)
		for (r = opts; r < opts + nopts; r++) {
			if (!shown_opt(r) || (pass == 0) != (r->cmds != NULL) ||
			    !first_row(opts, nopts, r, pass ? NULL : c))
				continue;
			if (r->letter != 0)
				fprintf(fp, "%s-%c", n++ ? " " : "", r->letter);
			if (r->name != NULL)
				fprintf(fp, "%s--%s%s", n++ ? " " : "", r->name,
				    long_eq(r) ? "=" : "");
		}
}

/* The argument completions of each option (bash and zsh). */
static void
sh_arg_cases(FILE *fp, const struct opt *opts, size_t nopts,
    const struct cmd *cmds, size_t ncmds, int zsh)
{
	const struct opt *r;
	enum what w;

	for (r = opts; r < opts + nopts; r++) {
		if (!shown_opt(r) || !(r->flags & OPT_ARG))
			continue;
		fputs("\t", fp);
		sh_patterns(fp, r, cmds, ncmds);
		fputs(")\n\t\t", fp);
		switch (w = arg_what(r)) {
		case W_FILE:
			fputs(zsh ? "_files" : "_quest_files -f \"$3\"", fp);
			break;
		case W_DIR:
			fputs(zsh ? "_files -/" : "_quest_files -d \"$3\"", fp);
			break;
		case W_WORDS:
			fprintf(fp, zsh ? "compadd -- %s" :
			    "_quest_words \"%s\" \"$3\"", cli_arg_words(r));
			break;
		case W_NONE:
			fputs(zsh ? "_message argument" : ":", fp);
			break;
		default:
			fprintf(fp, zsh ? "compadd -- %s" :
			    "_quest_words \"%s\" \"$3\"", sh_words[w]);
			break;
		}
		fputs(" ;;\n", fp);
	}
}

/* The shell's case of the operands of each command. */
static void
sh_operand_cases(FILE *fp, const struct cmd *cmds, size_t ncmds, int zsh)
{
	enum what k;
	size_t i;
	int n;

	for (k = W_REF; k <= W_COMMAND; k++) {
		n = 0;
		for (i = 0; i < ncmds; i++)
			if (shown_cmd(&cmds[i]) && operand_what(&cmds[i]) == k)
				fprintf(fp, "%s%s", n++ ? "|" : "\t\t",
				    cmds[i].name);
		if (n == 0)
			continue;
		fputs(")\n\t\t\t", fp);
		if (k == W_COMMAND) {
			fputs(zsh ? "compadd -- " : "_quest_words \"", fp);
			commands_list(fp, cmds, ncmds);
			fputs(zsh ? " ;;\n" : "\" \"$cur\" ;;\n", fp);
			continue;
		}
		fprintf(fp, zsh ? "compadd -- %s ;;\n" :
		    "_quest_words \"%s\" \"$cur\" ;;\n", sh_words[k]);
	}
}

static void
sh_skip_case(FILE *fp, const struct opt *opts, size_t nopts,
    const struct opt *d, int zsh)
{
	fprintf(fp,
	    "\t\t%s-%c)\n"
	    "\t\t\tdir=${words[i+1]}; ((i++)) ;;\n"
	    "\t\t%s-%c?*)\n"
	    "\t\t\tdir=${w#-%c} ;;\n"
	    "\t\t%s", zsh ? "(" : "", d->letter, zsh ? "(" : "", d->letter,
	    d->letter, zsh ? "(" : "");
	arg_spellings(fp, opts, nopts, "|");
	fprintf(fp, ")\n"
	    "\t\t\t((i++)) ;;\n"
	    "\t\t%s-*)\n"
	    "\t\t\t;;\n"
	    "\t\t%s*)\n"
	    "\t\t\t[[ -n $cmd ]] || cmd=$w ;;\n"
	    "\t\tesac\n", zsh ? "(" : "", zsh ? "(" : "");
}

/* The helpers both sh scripts share: the tour's names, and git's. */
static const char sh_common[] =
    "# _quest_tour chapters|steps|names: the tour's, as quest sees it from\n"
    "# the line's -C: never a diagnostic, within two seconds, at most 5000.\n"
    "_quest_tour()\n"
    "{\n"
    "\tlocal -a t c\n"
    "\tcommand -v timeout >/dev/null 2>&1 && t=(timeout 2)\n"
    "\t[[ -n $dir ]] && c=(-C \"$dir\")\n"
    "\t\"${t[@]}\" \"$prog\" \"${c[@]}\" complete \"$1\" \\\n"
    "\t    2>/dev/null </dev/null | head -n 5000\n"
    "}\n"
    "\n"
    "# _quest_refs: the repository's branches and tags, and HEAD.\n"
    "_quest_refs()\n"
    "{\n"
    "\tlocal -a c\n"
    "\t[[ -n $dir ]] && c=(-C \"$dir\")\n"
    "\techo HEAD\n"
    "\tgit \"${c[@]}\" for-each-ref --count=5000 \\\n"
    "\t    --format='%(refname:short)' refs/heads refs/tags 2>/dev/null\n"
    "}\n";

static void
bash_script(FILE *fp, const struct cmd *cmds, size_t ncmds,
    const struct opt *opts, size_t nopts)
{
	const struct opt *d = dir_opt(opts, nopts);
	size_t i;

	fprintf(fp,
	    "# bash completion for quest(1), written by 'quest complete bash'\n"
	    "# from the tables of commands and options of quest %s: do not\n"
	    "# edit, run it again.\n"
	    "\n%s\n", VERSION, sh_common);
	fputs(
	    "# _quest_words WORDS CUR: those of WORDS that start with CUR.\n"
	    "_quest_words()\n"
	    "{\n"
	    "\tlocal IFS=$' \\t\\n'\n"
	    "\tCOMPREPLY+=($(compgen -W \"$1\" -- \"$2\"))\n"
	    "}\n"
	    "\n"
	    "# _quest_files -f|-d CUR: the files, or the directories.\n"
	    "_quest_files()\n"
	    "{\n"
	    "\tlocal IFS=$'\\n'\n"
	    "\tcompopt -o filenames 2>/dev/null\n"
	    "\tCOMPREPLY+=($(compgen \"$1\" -- \"$2\"))\n"
	    "}\n"
	    "\n"
	    "# _quest_arg COMMAND OPTION CUR: what its argument may be.\n"
	    "_quest_arg()\n"
	    "{\n"
	    "\tcase \"$1 $2\" in\n", fp);
	sh_arg_cases(fp, opts, nopts, cmds, ncmds, 0);
	fputs("\tesac\n"
	    "}\n"
	    "\n"
	    "# _quest_opts COMMAND: the options it takes (none: before one).\n"
	    "_quest_opts()\n"
	    "{\n"
	    "\tcase $1 in\n"
	    "\t'')\n\t\t_quest_words \"", fp);
	opt_list(fp, opts, nopts, NULL);
	fputs("\" \"$2\" ;;\n", fp);
	for (i = 0; i < ncmds; i++) {
		if (!shown_cmd(&cmds[i]))
			continue;
		fprintf(fp, "\t%s)\n\t\t_quest_words \"", cmds[i].name);
		opt_list(fp, opts, nopts, &cmds[i]);
		fputs("\" \"$2\" ;;\n", fp);
	}
	fputs("\tesac\n"
	    "}\n"
	    "\n"
	    "# The words are the line's up to the cursor, split at blanks: as\n"
	    "# quest reads them, not at bash's COMP_WORDBREAKS (= and :).\n"
	    "_quest()\n"
	    "{\n"
	    "\tlocal -\n"
	    "\tlocal line=${COMP_LINE:0:COMP_POINT} cur cmd= dir= prog prev w\n"
	    "\tlocal pre i\n"
	    "\tlocal -a words\n"
	    "\tcur=${line##*[[:blank:]]}\n"
	    "\tline=${line%\"$cur\"}\n"
	    "\tset -f\n"
	    "\twords=($line)\n"
	    "\tprog=${words[0]}\n"
	    "\tprev=${words[${#words[@]}-1]}\n"
	    "\tCOMPREPLY=()\n"
	    "\tfor ((i = 1; i < ${#words[@]}; i++)); do\n"
	    "\t\tw=${words[i]}\n"
	    "\t\tcase $w in\n", fp);
	if (d != NULL)
		sh_skip_case(fp, opts, nopts, d, 0);
	fputs("\tdone\n"
	    "\tif [[ ${#words[@]} -gt 1 && $prev == -* ]] && case $prev in\n"
	    "\t    ", fp);
	arg_spellings(fp, opts, nopts, "|");
	fputs(") true ;; *) false ;; esac; then\n"
	    "\t\t_quest_arg \"$cmd\" \"$prev\" \"$cur\"\n"
	    "\telif [[ $cur == --*=* ]]; then\n"
	    "\t\t_quest_arg \"$cmd\" \"${cur%%=*}\" \"${cur#*=}\"\n"
	    "\t\t# bash completes what follows =, unless = breaks no word.\n"
	    "\t\t[[ $COMP_WORDBREAKS == *=* ]] ||\n"
	    "\t\t    COMPREPLY=(\"${COMPREPLY[@]/#/${cur%%=*}=}\")\n"
	    "\t\treturn 0\n"
	    "\telif [[ $cur == -* ]]; then\n"
	    "\t\t_quest_opts \"$cmd\" \"$cur\"\n"
	    "\t\t[[ ${#COMPREPLY[@]} -eq 1 && $COMPREPLY == *= ]] &&\n"
	    "\t\t    compopt -o nospace 2>/dev/null\n"
	    "\telif [[ -z $cmd ]]; then\n"
	    "\t\t_quest_words \"", fp);
	commands_list(fp, cmds, ncmds);
	fputs("\" \"$cur\"\n"
	    "\telse\n"
	    "\t\tcase $cmd in\n", fp);
	sh_operand_cases(fp, cmds, ncmds, 0);
	fputs("\t\tesac\n"
	    "\tfi\n"
	    "\t# What bash keeps of the word, up to its last : or =.\n"
	    "\tpre=${cur%\"${cur##*[:=]}\"}\n"
	    "\tif [[ -n $pre && $COMP_WORDBREAKS == *\"${pre: -1}\"* ]]; then\n"
	    "\t\tCOMPREPLY=(\"${COMPREPLY[@]#\"$pre\"}\")\n"
	    "\tfi\n"
	    "\treturn 0\n"
	    "}\n"
	    "\n"
	    "complete -F _quest quest\n", fp);
}

static void
zsh_describe(FILE *fp, const char *array, const struct opt *opts,
    size_t nopts, const struct cmd *c, int eq)
{
	const struct opt *r;
	int pass;

	fprintf(fp, "\t\t%s=(", array);
	for (pass = 0; pass < 2; pass++)
		for (r = opts; r < opts + nopts; r++) {
			if (!shown_opt(r) || (pass == 0) != (r->cmds != NULL) ||
			    !first_row(opts, nopts, r, pass ? NULL : c))
				continue;
			if (r->letter != 0 && !eq) {
				fprintf(fp, " '-%c:'", r->letter);
				quote_line(fp, r->help, 0);
			}
			if (r->name != NULL && long_eq(r) == eq) {
				fprintf(fp, " '--%s%s:'", r->name,
				    eq ? "=" : "");
				quote_line(fp, r->help, 0);
			}
		}
	fputs(" )\n", fp);
}

static void
zsh_script(FILE *fp, const struct cmd *cmds, size_t ncmds,
    const struct opt *opts, size_t nopts)
{
	const struct opt *d = dir_opt(opts, nopts);
	size_t i;

	fprintf(fp,
	    "#compdef quest\n"
	    "# zsh completion for quest(1), written by 'quest complete zsh'\n"
	    "# from the tables of commands and options of quest %s: do not\n"
	    "# edit, run it again.\n"
	    "\n%s\n", VERSION, sh_common);
	fputs("# _quest_arg COMMAND OPTION: the completions of its argument.\n"
	    "_quest_arg()\n"
	    "{\n"
	    "\tcase \"$1 $2\" in\n", fp);
	sh_arg_cases(fp, opts, nopts, cmds, ncmds, 1);
	fputs("\tesac\n"
	    "}\n"
	    "\n"
	    "# _quest_opts COMMAND: the options it takes (none: before one).\n"
	    "_quest_opts()\n"
	    "{\n"
	    "\tlocal -a plain eq\n"
	    "\tcase $1 in\n"
	    "\t('')\n", fp);
	zsh_describe(fp, "plain", opts, nopts, NULL, 0);
	zsh_describe(fp, "eq", opts, nopts, NULL, 1);
	fputs("\t\t;;\n", fp);
	for (i = 0; i < ncmds; i++) {
		if (!shown_cmd(&cmds[i]))
			continue;
		fprintf(fp, "\t(%s)\n", cmds[i].name);
		zsh_describe(fp, "plain", opts, nopts, &cmds[i], 0);
		zsh_describe(fp, "eq", opts, nopts, &cmds[i], 1);
		fputs("\t\t;;\n", fp);
	}
	fputs("\tesac\n"
	    "\t_describe -t options option plain -- eq -S ''\n"
	    "}\n"
	    "\n"
	    "_quest()\n"
	    "{\n"
	    "\tlocal cmd= dir= prog=${words[1]} prev=${words[CURRENT-1]} w i\n"
	    "\tlocal -a cmds\n"
	    "\tcmds=(", fp);
	for (i = 0; i < ncmds; i++)
		if (shown_cmd(&cmds[i])) {
			fprintf(fp, "\n\t    '%s:'", cmds[i].name);
			quote(fp, cmds[i].summary, 0);
		}
	fputs(" )\n"
	    "\tfor ((i = 2; i < CURRENT; i++)); do\n"
	    "\t\tw=${words[i]}\n"
	    "\t\tcase $w in\n", fp);
	if (d != NULL)
		sh_skip_case(fp, opts, nopts, d, 1);
	fputs("\tdone\n"
	    "\tif (( CURRENT > 2 )) && case $prev in\n"
	    "\t    (", fp);
	arg_spellings(fp, opts, nopts, "|");
	fputs(") true ;; (*) false ;; esac; then\n"
	    "\t\t_quest_arg \"$cmd\" \"$prev\"\n"
	    "\telif [[ $PREFIX == --*=* ]]; then\n"
	    "\t\tw=${PREFIX%%=*}\n"
	    "\t\tcompset -P '*='\n"
	    "\t\t_quest_arg \"$cmd\" \"$w\"\n"
	    "\telif [[ $PREFIX == -* ]]; then\n"
	    "\t\t_quest_opts \"$cmd\"\n"
	    "\telif [[ -z $cmd ]]; then\n"
	    "\t\t_describe -t commands command cmds\n"
	    "\telse\n"
	    "\t\tcase $cmd in\n", fp);
	sh_operand_cases(fp, cmds, ncmds, 1);
	fputs("\t\tesac\n"
	    "\tfi\n"
	    "}\n"
	    "\n"
	    "_quest \"$@\"\n", fp);
}

/* fish: what row r's argument completes to, as complete's flags. */
static void
fish_arg(FILE *fp, const struct opt *r)
{
	switch (arg_what(r)) {
	case W_FILE:
		fputs(" -r -F", fp);
		break;
	case W_DIR:
		fputs(" -x -a '(__fish_complete_directories)'", fp);
		break;
	case W_REF:
		fputs(" -x -a '(__quest_refs)'", fp);
		break;
	case W_STEP:
		fputs(" -x -a '(__quest_tour steps)'", fp);
		break;
	case W_CHAPTER:
		fputs(" -x -a '(__quest_tour chapters)'", fp);
		break;
	case W_WORDS:
		fputs(" -x -a ", fp);
		quote(fp, cli_arg_words(r), 1);
		break;
	default:
		if (r->flags & OPT_ARG)
			fputs(" -x", fp);
		break;
	}
}

static const char fish_common[] =
    "# __quest_scan cmd|dir: the command of the line, or its -C, as quest\n"
    "# reads them: the first word that is no option nor an option's\n"
    "# argument.\n"
    "function __quest_scan\n"
    "\tset -l words (commandline -opc)\n"
    "\tset -l cmd\n"
    "\tset -l dir\n"
    "\tset -l skip\n"
    "\tfor w in $words[2..-1]\n"
    "\t\tif test -n \"$skip\"\n"
    "\t\t\ttest \"$skip\" = dir; and set dir $w\n"
    "\t\t\tset skip\n"
    "\t\t\tcontinue\n"
    "\t\tend\n"
    "\t\tswitch $w\n";

static void
fish_script(FILE *fp, const struct cmd *cmds, size_t ncmds,
    const struct opt *opts, size_t nopts)
{
	const struct opt *d = dir_opt(opts, nopts), *r;
	enum what k;
	size_t i;
	int n;

	fprintf(fp,
	    "# fish completion for quest(1), written by 'quest complete fish'\n"
	    "# from the tables of commands and options of quest %s: do not\n"
	    "# edit, run it again.\n"
	    "\n%s", VERSION, fish_common);
	if (d != NULL)
		fprintf(fp, "\t\tcase -%c\n"
		    "\t\t\tset skip dir\n"
		    "\t\tcase '-%c?*'\n"
		    "\t\t\tset dir (string sub -s 3 -- $w)\n",
		    d->letter, d->letter);
	fputs("\t\tcase ", fp);
	arg_spellings(fp, opts, nopts, " ");
	fputs("\n"
	    "\t\t\tset skip arg\n"
	    "\t\tcase '-*'\n"
	    "\t\tcase '*'\n"
	    "\t\t\ttest -n \"$cmd\"; or set cmd $w\n"
	    "\t\tend\n"
	    "\tend\n"
	    "\ttest $argv[1] = cmd; and echo $cmd; or echo $dir\n"
	    "end\n"
	    "\n"
	    "# __quest_is [COMMAND...]: the line's command is one of them\n"
	    "# (none: there is no command yet).\n"
	    "function __quest_is\n"
	    "\tset -l c (__quest_scan cmd)\n"
	    "\tif test (count $argv) -eq 0\n"
	    "\t\ttest -z \"$c\"\n"
	    "\telse\n"
	    "\t\tcontains -- \"$c\" $argv\n"
	    "\tend\n"
	    "end\n"
	    "\n"
	    "# __quest_tour chapters|steps|names: the tour's, as quest sees\n"
	    "# it from the line's -C: never a diagnostic, within two seconds,\n"
	    "# at most 5000.\n"
	    "function __quest_tour\n"
	    "\tset -l prog (commandline -opc)[1]\n"
	    "\tset -l dir (__quest_scan dir)\n"
	    "\tset -l t\n"
	    "\tcommand -q timeout; and set t timeout 2\n"
	    "\tif test -n \"$dir\"\n"
	    "\t\t$t $prog -C $dir complete $argv[1] 2>/dev/null </dev/null |\n"
	    "\t\t    head -n 5000\n"
	    "\telse\n"
	    "\t\t$t $prog complete $argv[1] 2>/dev/null </dev/null |\n"
	    "\t\t    head -n 5000\n"
	    "\tend\n"
	    "end\n"
	    "\n"
	    "# __quest_refs: the repository's branches and tags, and HEAD.\n"
	    "function __quest_refs\n"
	    "\techo HEAD\n"
	    "\tset -l dir (__quest_scan dir)\n"
	    "\ttest -n \"$dir\"; or set dir .\n"
	    "\tgit -C $dir for-each-ref --count=5000 \\\n"
	    "\t    --format='%(refname:short)' refs/heads refs/tags \\\n"
	    "\t    2>/dev/null\n"
	    "end\n"
	    "\n"
	    "complete -c quest -f\n", fp);
	for (i = 0; i < ncmds; i++)
		if (shown_cmd(&cmds[i])) {
			fprintf(fp, "complete -c quest -n __quest_is -a %s -d ",
			    cmds[i].name);
			quote(fp, cmds[i].summary, 1);
			fputc('\n', fp);
		}
	for (r = opts; r < opts + nopts; r++) {
		if (!shown_opt(r))
			continue;
		fputs("complete -c quest", fp);
		if (r->cmds != NULL) {
			fputs(" -n '__quest_is", fp);
			for (i = 0; i < ncmds; i++)
				if (cli_takes(&cmds[i], r))
					fprintf(fp, " %s", cmds[i].name);
			fputc('\'', fp);
		}
		if (r->letter != 0)
			fprintf(fp, " -s %c", r->letter);
		if (r->name != NULL)
			fprintf(fp, " -l %s", r->name);
		fish_arg(fp, r);
		fputs(" -d ", fp);
		quote_line(fp, r->help, 1);
		fputc('\n', fp);
	}
	for (k = W_FILE; k <= W_COMMAND; k++) {
		n = 0;
		for (i = 0; i < ncmds; i++)
			if (shown_cmd(&cmds[i]) && operand_what(&cmds[i]) == k)
				fprintf(fp, "%s%s", n++ ? " " :
				    "complete -c quest -n '__quest_is ",
				    cmds[i].name);
		if (n == 0)
			continue;
		fputs("' -a ", fp);
		switch (k) {
		case W_REF:
			fputs("'(__quest_refs)'", fp);
			break;
		case W_CHAPTER:
			fputs("'(__quest_tour chapters)'", fp);
			break;
		case W_PICK:
			fputs("'(__quest_tour names)'", fp);
			break;
		default:
			fputc('\'', fp);
			commands_list(fp, cmds, ncmds);
			fputc('\'', fp);
			break;
		}
		fputc('\n', fp);
	}
}

/* The shells, a row each: adding one is a writer and its row. */
static const struct shell {
	const char	*name;
	void		(*write)(FILE *, const struct cmd *, size_t,
			    const struct opt *, size_t);
} shells[] = {
	{ "bash", bash_script },
	{ "zsh", zsh_script },
	{ "fish", fish_script },
};

int
complete_script(FILE *fp, const char *shell)
{
	const struct cmd *cmds;
	const struct opt *opts;
	size_t ncmds, nopts, i;

	for (i = 0; i < sizeof(shells) / sizeof(shells[0]); i++)
		if (strcmp(shell, shells[i].name) == 0) {
			cmds = cli_commands(&ncmds);
			opts = cli_options(&nopts);
			shells[i].write(fp, cmds, ncmds, opts, nopts);
			return 0;
		}
	return -1;
}

void
complete_shells(FILE *fp)
{
	size_t i;

	for (i = 0; i < sizeof(shells) / sizeof(shells[0]); i++)
		fprintf(fp, "%s%s", i > 0 ? ", " : "", shells[i].name);
}
