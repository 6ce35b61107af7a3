/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * json.h: writing JSON: strings escaped, every byte valid UTF-8.
 */
#ifndef QUEST_JSON_H
#define QUEST_JSON_H

#include <stddef.h>

#include "util.h"

/* Append s as a JSON string, quotes included; bad UTF-8 becomes U+FFFD. */
void	json_str(struct buf *, const char *s, size_t n);
void	json_strz(struct buf *, const char *s);	/* NULL: null */

#endif
