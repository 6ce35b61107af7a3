/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * covhtml.c: quest coverage --html, one self-contained page.
 */
#include <errno.h>

#include "coverage.h"

int
cov_write_html(FILE *fp, const struct coverage *c, const struct cov_opts *o)
{
	(void)fp;
	(void)c;
	(void)o;
	errno = ENOSYS;
	return -1;
}
