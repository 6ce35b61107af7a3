/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * json.c: JSON strings.  Every writer of JSON (quest json, the CodeTour
 * files, check --format=json and sarif) goes through json_str().
 */
#include <string.h>

#include "json.h"

void
json_str(struct buf *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k;

	buf_addc(b, '"');
	while (i < n) {
		switch (p[i]) {
		case '"': buf_adds(b, "\\\""); break;
		case '\\': buf_adds(b, "\\\\"); break;
		case '\n': buf_adds(b, "\\n"); break;
		case '\r': buf_adds(b, "\\r"); break;
		case '\t': buf_adds(b, "\\t"); break;
		default:
			if (p[i] < 0x20) {
				buf_printf(b, "\\u%04x", p[i]);
				break;
			}
			if ((k = utf8_len(p + i, n - i)) == 0) {
				buf_adds(b, "\\ufffd");
				break;
			}
			buf_add(b, s + i, k);
			i += k;
			continue;
		}
		i++;
	}
	buf_addc(b, '"');
}

void
json_strz(struct buf *b, const char *s)
{
	if (s == NULL)
		buf_adds(b, "null");
	else
		json_str(b, s, strlen(s));
}
