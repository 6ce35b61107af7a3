/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * lsp_cmd.c: the driver of quest lsp: the command line's part, before the
 * server (lsp.c) takes the standard input and output.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "lsp.h"

int
cmd_lsp(struct opts *o, int argc, char **argv)
{

	(void)argc;
	(void)argv;
	if (o->files_from != NULL) {
		fputs("quest: lsp reads the files of the workspace: "
		    "--files-from is not for it\n", stderr);
		return EXIT_USAGE;
	}
	/* -C: the workspace when the client names none. */
	if (opts_chdir(o) != 0)
		return EXIT_USAGE;
	if (isatty(STDIN_FILENO))
		fputs("quest: lsp speaks the Language Server Protocol on "
		    "its standard input and output, to an editor: see "
		    "quest(1)\n", stderr);
	return lsp_serve(STDIN_FILENO, STDOUT_FILENO, (int)o->jobs);
}
