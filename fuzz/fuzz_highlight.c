/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * fuzz_highlight.c: libFuzzer target for highlight(): tree-sitter's parse
 * of any text, the query over its tree, the predicates and the flattening
 * of nested captures into spans.
 *
 * Input: the first byte picks a language of lang.c's table (modulo its
 * count), those with no grammar among them; the rest is the text of a
 * file.  Besides the
 * sanitizers, the target checks what highlight.h promises, and traps when
 * it breaks: 0 for a language with a grammar, or a limit of highlight.h
 * and nothing (an input of 4 KB can well be past one: a run of '(' costs
 * too much), 0 and only comments and strings for one without; spans
 * sorted, apart, not empty, inside the text, each with a class of the
 * fixed list.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "highlight.h"

#define CHECK(x) do { if (!(x)) __builtin_trap(); } while (0)

static const char *const classes[] = {
	"keyword", "string", "comment", "function", "type", "number",
	"constant", "variable", "property", "operator", "punctuation", "label",
	"attribute", "escape", "macro",
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct lang *l;
	struct hl_span *v;
	size_t n, i, j;
	int rc;

	if (size == 0)
		return 0;
	l = &lang_table[data[0] % lang_count];
	rc = highlight(l, (const char *)data + 1, size - 1, &v, &n);
	if (rc > 0) {
		CHECK(highlight_has(l));
		CHECK(rc <= HL_TOO_MANY && v == NULL && n == 0);
		CHECK(highlight_limit(rc) != NULL);
		return 0;
	}
	CHECK(rc == 0);
	for (i = 0; i < n; i++) {
		CHECK(v[i].start < v[i].end && v[i].end <= size - 1);
		CHECK(i == 0 || v[i - 1].end <= v[i].start);
		for (j = 0; j < sizeof(classes) / sizeof(classes[0]); j++)
			if (v[i].cls == classes[j] ||
			    strcmp(v[i].cls, classes[j]) == 0)
				break;
		CHECK(j < sizeof(classes) / sizeof(classes[0]));
		CHECK(highlight_has(l) || strcmp(v[i].cls, "comment") == 0 ||
		    strcmp(v[i].cls, "string") == 0);
	}
	free(v);
	return 0;
}
