/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * fuzz_lsp.c: the reader of quest lsp, over any byte stream, cut into
 * pieces at places the input chooses.  Every frame it gives must be of
 * the size its header promised and lie inside what was pushed, memory
 * must stay within the bound, and a message's JSON is classified as the
 * server does it (lsp_msg_kind()).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lsp.h"

/* A small bound, so that messages over it are found. */
#define MAX	4096

static void
take(struct lsp_reader *r, size_t pushed)
{
	struct lsp_frame f;
	json_error_t je;
	json_t *msg, *id;
	const char *method;

	while (lsp_reader_next(r, &f)) {
		if (f.kind == LSP_FRAME_MESSAGE) {
			if (f.len > MAX || f.body < r->in.p ||
			    f.body + f.len > r->in.p + r->in.len)
				abort();
			msg = json_loadb(f.body, f.len, JSON_ALLOW_NUL |
			    JSON_DECODE_ANY, &je);
			if (msg != NULL) {
				(void)lsp_msg_kind(msg, &id, &method);
				json_decref(msg);
			}
		} else if (f.body != NULL || f.why[0] == '\0')
			abort();
	}
	/* What is held: at most a header, a body, and the last push. */
	if (r->in.len - r->pos > LSP_HEADER_MAX + MAX + 64 + pushed)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int once;
	struct lsp_reader r;
	size_t at = 0, n;

	if (!once) {
		lsp_json_init();
		once = 1;
	}
	lsp_reader_init(&r, MAX);
	/* The first byte picks the size of the pieces: 1 to 256 bytes. */
	n = size > 0 ? (size_t)data[0] + 1 : 1;
	if (size > 0)
		at = 1;
	while (at < size) {
		if (n > size - at)
			n = size - at;
		lsp_reader_push(&r, data + at, n);
		take(&r, n);
		at += n;
		/* The next piece: a byte of the input, for variety. */
		n = (size_t)data[at - 1] % 64 + 1;
	}
	lsp_reader_free(&r);
	return 0;
}
