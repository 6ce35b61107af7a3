/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * serve_cmd.c: the driver of quest serve: the command line's part, before
 * the server (serve.c) takes over.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "serve.h"

int
cmd_serve(struct opts *o, int argc, char **argv)
{
	struct serve_opts so = { 0 };

	if (o->files_from != NULL) {
		fputs("quest: serve watches the files of the tree: "
		    "--files-from is not for it\n", stderr);
		return EXIT_USAGE;
	}
	if (opts_chdir(o) != 0)
		return EXIT_USAGE;
	so.bind = o->bind;
	so.port = o->port;
	so.open = o->open;
	so.split = o->split ? 1 : -1;
	so.page_steps = (size_t)o->page_steps;
	so.jobs = (int)o->jobs;
	so.link_base = o->link_base;
	so.argc = argc;
	so.argv = argv;
	return serve_run(&so);
}
