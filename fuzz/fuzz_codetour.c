/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * fuzz_codetour.c: libFuzzer target for ct_parse(), the reading of a
 * CodeTour file by quest import (and so jansson under it).
 *
 * Besides the sanitizers, it checks what a parse promises: a failure
 * comes with a message and leaves nothing; a success has its steps, each
 * line from 1, a selection whole or absent, and strings with no NUL.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"

#define CHECK(x) do { if (!(x)) __builtin_trap(); } while (0)

static void
str_ok(const char *s)
{
	if (s != NULL)
		CHECK(strlen(s) < (size_t)1 << 30);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ct_tour ct;
	char *err = NULL;
	size_t i;

	if (ct_parse((const char *)data, size, &ct, &err) == -1) {
		CHECK(err != NULL && err[0] != '\0');
		CHECK(ct.steps == NULL && ct.nsteps == 0 && ct.title == NULL);
		free(err);
		return 0;
	}
	CHECK(err == NULL);
	CHECK(ct.nsteps == 0 || ct.steps != NULL);
	str_ok(ct.title);
	for (i = 0; i < ct.nsteps; i++) {
		const struct ct_step *s = &ct.steps[i];

		CHECK((s->sel_start == 0) == (s->sel_end == 0));
		str_ok(s->file);
		str_ok(s->directory);
		str_ok(s->uri);
		str_ok(s->pattern);
		str_ok(s->title);
		str_ok(s->description);
	}
	ct_free(&ct);
	return 0;
}
