/*
 * writer.c: the table of output formats.
 */
#include <string.h>

#include "writer.h"

static const struct writer *const writers[] = {
	&writer_text,
	&writer_list,
};

const struct writer *
writer_find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(writers) / sizeof(writers[0]); i++)
		if (strcmp(writers[i]->name, name) == 0)
			return writers[i];
	return NULL;
}
