/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * writer.c: the table of output formats.
 */
#include <string.h>

#include "writer.h"

/*P:070 Every output format is one file behind struct writer (writer.h):
 * it gets the checked tree and the chapters asked for, and writes them.
 * A writer never changes the tree and never judges it; that was check.c's
 * job.  Adding a format is a file and a row here.
 */
static const struct writer *const writers[] = {
	&writer_text,
	&writer_list,
	&writer_html,
	&writer_md,
	&writer_json,
	&writer_codetour,
	&writer_term,
};
/*:*/

const struct writer *
writer_find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(writers) / sizeof(writers[0]); i++)
		if (strcmp(writers[i]->name, name) == 0)
			return writers[i];
	return NULL;
}
