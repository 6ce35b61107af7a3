/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * diagfmt.h: diagnostics in the formats of check --format.
 */
#ifndef QUEST_DIAGFMT_H
#define QUEST_DIAGFMT_H

#include <stdio.h>

#include "diag.h"
#include "util.h"

enum diag_format {
	DF_GCC,		/* path:line:col: error: message [name] */
	DF_JSON,	/* {"quest":1,"diagnostics":[...]} */
	DF_SARIF,	/* SARIF 2.1.0 */
};

int	diag_format(const char *name, enum diag_format *); /* -1: unknown */
int	diags_write(FILE *, const struct diags *, enum diag_format, int werror);
/* The diagnostics as a JSON array, as quest json and check print them. */
void	diags_json(struct buf *, const struct diags *, int werror);

#endif
