/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * fuzz_config.c: libFuzzer target for config_parse() (and so libinih fed
 * through quest's line reader) and config_selects().
 *
 * Besides the sanitizers, it checks what a parsed config promises: every
 * chapter has a valid prefix; when the parse succeeds, every chapter has a
 * non-empty name, no two share a prefix or a name, and an intro is never
 * empty; an error always comes with a diagnostic.
 */
#include <stdint.h>
#include <string.h>

#include "config.h"
#include "util.h"

#define CHECK(x) do { if (!(x)) __builtin_trap(); } while (0)

static const char *const paths[] = {
	"a.c",
	"drivers/lguest/core.c",
	"arch/x86/lguest/i386_head.S",
	"Documentation/virtual/lguest/lguest.c",
	"tests/unit/test_scan.c",
	"README",
	".quest",
	"",
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config cfg;
	struct diags d;
	size_t i, j;
	int rc;

	diags_init(&d);
	rc = config_parse(&cfg, ".quest", (const char *)data, size, &d);
	CHECK(rc == 0 || rc == -1);
	CHECK(cfg.path != NULL && strcmp(cfg.path, ".quest") == 0);
	if (rc == -1)
		CHECK(d.n > 0);
	for (i = 0; i < cfg.nchapters; i++) {
		const struct config_chapter *ch = &cfg.chapters[i];

		CHECK(prefix_valid(ch->prefix, strlen(ch->prefix)));
		if (rc == 0) {
			CHECK(ch->name != NULL && *ch->name != '\0');
			for (j = 0; j < i; j++) {
				CHECK(strcmp(ch->prefix,
				    cfg.chapters[j].prefix) != 0);
				CHECK(strcmp(ch->name,
				    cfg.chapters[j].name) != 0);
			}
		}
	}
	/* After an error, the config is thrown away half-read. */
	if (rc == 0)
		CHECK(cfg.intro == NULL || *cfg.intro != '\0');
	for (i = 0; i < cfg.ninclude; i++)
		CHECK(*cfg.include[i] != '\0');
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		int in = config_selects(&cfg, paths[i]);

		CHECK(in == 0 || in == 1);
		if (cfg.ninclude == 0 && cfg.nexclude == 0)
			CHECK(in == 1);
	}
	for (i = 0; i < d.n; i++) {
		CHECK(d.v[i].id < D__MAX);
		CHECK(d.v[i].msg != NULL);
	}
	config_free(&cfg);
	diags_free(&d);
	return 0;
}
