/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * test_lsp.c: the parts of quest lsp that are parsers and arithmetic: the
 * reader of Content-Length framing (whole, a byte at a time, after bad
 * headers, over the bound), positions in UTF-16, UTF-8 and UTF-32 on
 * lines of non-ASCII text, incremental edits and their line table, URIs.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "lsp.h"

/* What a stream reads as: "M:body" or "B" or "L", a line each. */
static void
read_all(struct lsp_reader *r, struct buf *out)
{
	struct lsp_frame f;

	while (lsp_reader_next(r, &f)) {
		if (f.kind == LSP_FRAME_MESSAGE) {
			buf_adds(out, "M:");
			buf_add(out, f.body, f.len);
		} else
			buf_adds(out, f.kind == LSP_FRAME_BAD_HEADER ? "B" :
			    "L");
		buf_addc(out, '\n');
	}
}

static char *
frames(const char *stream, size_t len, size_t piece, size_t max)
{
	struct lsp_reader r;
	struct buf out = { 0 };
	size_t at, n;

	lsp_reader_init(&r, max);
	for (at = 0; at < len; at += n) {
		n = piece < len - at ? piece : len - at;
		lsp_reader_push(&r, stream + at, n);
		read_all(&r, &out);
	}
	lsp_reader_free(&r);
	buf_cstr(&out);
	return out.p;
}

static const char STREAM[] =
    "Content-Length: 7\r\n\r\n{\"a\":1}"
    "content-length:2\r\ncontent-type: utf-8\r\n\r\n[]"
    "\r\nContent-Length:  10 \n\n{\"b\":\"\xC3\xA9\"}";

static void
reader_pieces(void **state)
{
	const char *want = "M:{\"a\":1}\nM:[]\nM:{\"b\":\"\xC3\xA9\"}\n";
	size_t piece;
	char *got;

	(void)state;
	for (piece = 1; piece <= sizeof(STREAM); piece++) {
		got = frames(STREAM, sizeof(STREAM) - 1, piece, 100);
		assert_string_equal(got, want);
		free(got);
	}
}

static void
reader_bad(void **state)
{
	static const char s[] =
	    "Content-Length: x1\r\n\r\n{\"lost\":1}"
	    "Content-Length: 2\r\n\r\n{}"
	    "X-Nothing: 1\r\n\r\n{\"no length\":1}"
	    "Content-Length: 2\r\n\r\n[]"
	    "no colon here\r\n\r\n"
	    "Content-Length: 1\r\nContent-Length: 2\r\n\r\n{}"
	    "Content-Length: 1\r\n\r\n0";
	size_t piece;
	char *got;

	(void)state;
	for (piece = 1; piece <= sizeof(s); piece += 3) {
		got = frames(s, sizeof(s) - 1, piece, 100);
		assert_string_equal(got, "B\nM:{}\nB\nM:[]\nB\nB\nM:0\n");
		free(got);
	}
}

static void
reader_large(void **state)
{
	struct buf s = { 0 };
	size_t i, piece;
	char *got;

	(void)state;
	buf_adds(&s, "Content-Length: 300\r\n\r\n");
	for (i = 0; i < 300; i++)
		buf_addc(&s, 'x');
	buf_adds(&s, "Content-Length: 2\r\n\r\n{}");
	/* A header that never ends, then a message. */
	for (i = 0; i < LSP_HEADER_MAX + 10; i++)
		buf_addc(&s, 'h');
	buf_adds(&s, "Content-Length: 2\r\n\r\n[]");
	for (piece = 7; piece < 9000; piece *= 3) {
		got = frames(s.p, s.len, piece, 100);
		assert_string_equal(got, "L\nM:{}\nB\nM:[]\n");
		free(got);
	}
	buf_free(&s);
}

/* A line of two-, three- and four-byte characters. */
static const char TEXT[] = "ab\n\xC3\xA9x\xE2\x82\xAC\xF0\x9F\x98\x80z\r\n"
    "last";

static void
text_of(struct lsp_text *t, struct lsp_lines *l, const char *p, size_t n)
{
	lsp_lines_build(l, p, n);
	t->p = p;
	t->len = n;
	t->lines = l->v;
	t->nlines = l->n;
}

static void
positions(void **state)
{
	struct lsp_lines l = { 0 };
	struct lsp_text t;
	size_t line, ch, z = 3 + 2 + 1 + 3 + 4;	/* the byte of 'z' */

	(void)state;
	text_of(&t, &l, TEXT, sizeof(TEXT) - 1);
	assert_int_equal(t.nlines, 3);
	/* é 1, x 1, € 1, the emoji 2: z is at 5 in UTF-16. */
	lsp_text_pos(&t, z, LSP_UTF16, &line, &ch);
	assert_int_equal(line, 1);
	assert_int_equal(ch, 5);
	lsp_text_pos(&t, z, LSP_UTF32, &line, &ch);
	assert_int_equal(ch, 4);
	lsp_text_pos(&t, z, LSP_UTF8, &line, &ch);
	assert_int_equal(ch, 10);
	assert_int_equal(lsp_text_off(&t, 1, 5, LSP_UTF16), z);
	assert_int_equal(lsp_text_off(&t, 1, 4, LSP_UTF32), z);
	assert_int_equal(lsp_text_off(&t, 1, 10, LSP_UTF8), z);
	/* Inside the surrogate pair, or the emoji's bytes: before it. */
	assert_int_equal(lsp_text_off(&t, 1, 4, LSP_UTF16), z - 4);
	assert_int_equal(lsp_text_off(&t, 1, 8, LSP_UTF8), z - 4);
	/* Past the line: its end, before the CRLF; past the text: its end. */
	assert_int_equal(lsp_text_off(&t, 1, 99, LSP_UTF16), z + 1);
	assert_int_equal(lsp_text_off(&t, 9, 0, LSP_UTF16), t.len);
	lsp_text_pos(&t, z + 2, LSP_UTF16, &line, &ch);
	assert_int_equal(line, 1);
	assert_int_equal(ch, 6);
	lsp_text_pos(&t, t.len, LSP_UTF16, &line, &ch);
	assert_int_equal(line, 2);
	assert_int_equal(ch, 4);
	free(l.v);
}

/* Apply an edit, then check the line table against a fresh one. */
static void
edit(struct buf *b, struct lsp_lines *l, size_t a, size_t e, const char *s)
{
	struct lsp_lines fresh = { 0 };

	assert_int_equal(lsp_text_edit(b, l, a, e, s, strlen(s), 1 << 20), 0);
	lsp_lines_build(&fresh, b->p, b->len);
	assert_int_equal(fresh.n, l->n);
	assert_memory_equal(fresh.v, l->v, l->n * sizeof(*l->v));
	free(fresh.v);
}

static void
edits(void **state)
{
	struct buf b = { 0 };
	struct lsp_lines l = { 0 };
	struct lsp_text t;
	size_t a, e, i;

	(void)state;
	buf_adds(&b, TEXT);
	lsp_lines_build(&l, b.p, b.len);
	/* Replace the emoji, counted in UTF-16 units, 3 to 5 of line 1. */
	t = (struct lsp_text){ b.p, b.len, l.v, l.n };
	a = lsp_text_off(&t, 1, 3, LSP_UTF16);
	e = lsp_text_off(&t, 1, 5, LSP_UTF16);
	edit(&b, &l, a, e, "\xC3\xB1\n\n");
	assert_string_equal(b.p, "ab\n\xC3\xA9x\xE2\x82\xAC\xC3\xB1\n\nz\r\n"
	    "last");
	edit(&b, &l, 0, b.len, "");
	assert_int_equal(l.n, 1);
	edit(&b, &l, 0, 0, "one\ntwo\nthree");
	edit(&b, &l, 2, 9, "");
	assert_string_equal(b.p, "onhree");
	for (i = 0; i < 200; i++) {
		a = (i * 7919) % (b.len + 1);
		e = a + (i * 104729) % (b.len - a + 1);
		edit(&b, &l, a, e, i % 3 ? "x\ny" : "\n");
	}
	assert_int_equal(lsp_text_edit(&b, &l, 0, 0, "toolong", 7, b.len + 1),
	    -1);
	buf_free(&b);
	free(l.v);
}

static void
uris(void **state)
{
	char *p;

	(void)state;
	p = lsp_path_from_uri("file:///a%20b/./c/../d%C3%A9.c");
	assert_string_equal(p, "/a b/d\xC3\xA9.c");
	free(p);
	p = lsp_path_from_uri("file://localhost/x//y/");
	assert_string_equal(p, "/x/y");
	free(p);
	p = lsp_path_from_uri("file:///../../etc/passwd");
	assert_string_equal(p, "/etc/passwd");
	free(p);
	assert_null(lsp_path_from_uri("file:///a%00b"));
	assert_null(lsp_path_from_uri("file:///a%zz"));
	assert_null(lsp_path_from_uri("file://host/a"));
	assert_null(lsp_path_from_uri("untitled:Untitled-1"));
	assert_null(lsp_path_from_uri("file:///a?q"));
	p = lsp_uri_from_path("/a b/d\xC3\xA9#.c");
	assert_string_equal(p, "file:///a%20b/d%C3%A9%23.c");
	free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reader_pieces),
		cmocka_unit_test(reader_bad),
		cmocka_unit_test(reader_large),
		cmocka_unit_test(positions),
		cmocka_unit_test(edits),
		cmocka_unit_test(uris),
	};

	lsp_json_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
