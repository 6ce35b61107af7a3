/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * fuzz_scan.c: libFuzzer target for the scanner and everything that reads
 * its marks: scan_text(), file_build() with the data it derives for each
 * step (its title by md4c), the step_line_*() iteration, step_prose(),
 * step_body() and step_summary(); and
 * for the two small parsers that pick
 * a file's language, lang_by_shebang() and lang_by_path().
 *
 * Input: the first byte picks a row of lang_table (modulo its size), the
 * rest is the text of a file.  Besides the sanitizers, the target checks
 * the invariants the writers rely on, and traps when one breaks:
 *   - marks are in text order, inside the text, and their line, column and
 *     line offset agree with a count made here;
 *   - a step's bytes lie inside its file, its tag on its first line;
 *   - iterating a step's lines gives exactly lines line..last, each without
 *     '\n', with cuts in order, inside the line and apart;
 *   - its derived code lies after its prose, inside the step, its title
 *     is one line, its body a part of its prose.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scan.h"

#define CHECK(x) do { if (!(x)) __builtin_trap(); } while (0)

static void
check_marks(const char *text, size_t len, const struct marks *m)
{
	size_t i, at = 0, off;
	unsigned line = 1;
	size_t line_off = 0, start, prev = 0;

	for (i = 0; i < m->n; i++) {
		const struct mark *x = &m->v[i];

		CHECK(x->off <= len && x->len <= len - x->off);
		/* Where the mark begins: its opener, or what END deletes. */
		start = x->kind == MARK_END ? x->off : x->off - x->opener_len;
		CHECK(x->kind == MARK_END || x->opener_len <= x->off);
		CHECK(i == 0 || start > prev);
		prev = start;
		for (; at < start; at++)
			if (text[at] == '\n') {
				line++;
				line_off = at + 1;
			}
		CHECK(x->line == line);
		CHECK(x->line_off == line_off);
		CHECK(x->col == start - line_off + 1);
		switch (x->kind) {
		case MARK_TAG:
			CHECK(x->prefix_len > 0 && x->prefix_len + 2 <= x->len);
			CHECK(text[x->off + x->prefix_len] == ':');
			for (off = 0; off < x->prefix_len; off++)
				CHECK(text[x->off + off] >= 'A' &&
				    text[x->off + off] <= 'Z');
			for (off = x->prefix_len + 1; off < x->len; off++)
				CHECK(text[x->off + off] >= '0' &&
				    text[x->off + off] <= '9');
			break;
		case MARK_NEAR:
			CHECK(x->prefix_len > 0 && x->prefix_len < x->len);
			CHECK(text[x->off + x->prefix_len] == ':');
			break;
		case MARK_END:
			CHECK(x->len > 0);
			CHECK(memchr(text + x->off, ':', x->len) != NULL);
			break;
		default:
			CHECK(0);
		}
	}
}

static void
check_step(const struct qfile *f, const struct step *s)
{
	struct step_line l;
	struct buf b = { 0 }, prose = { 0 };
	unsigned n = 0, code;
	size_t shown = 0;
	int i;

	CHECK(s->file == f);
	CHECK(s->off < s->end && s->end <= f->len);
	CHECK(s->tag_off >= s->off && s->tag_off + s->tag_len <= s->end);
	CHECK(memchr(f->text + s->off, '\n', s->tag_off - s->off) == NULL);
	CHECK(s->last >= s->line);
	CHECK(strlen(s->prefix) + 1 + strlen(s->number) == s->tag_len);
	if (s->how == END_MARKER)
		CHECK(s->mark_off >= s->off &&
		    s->mark_off + s->mark_len <= s->end);

	memset(&l, 0, sizeof(l));
	CHECK(step_line_first(s, &l));
	do {
		CHECK(l.lineno == s->line + n);
		CHECK(l.p >= f->text && l.p + l.n <= f->text + s->end);
		CHECK(memchr(l.p, '\n', l.n) == NULL);
		CHECK(l.ncut >= 0 && l.ncut <= 2);
		for (i = 0; i < l.ncut; i++) {
			CHECK(l.cut[i].off <= l.n &&
			    l.cut[i].len <= l.n - l.cut[i].off);
			CHECK(i == 0 || l.cut[i - 1].off + l.cut[i - 1].len <=
			    l.cut[i].off);
			shown += l.cut[i].len;
		}
		b.len = 0;
		step_line_add(&b, &l);
		CHECK(b.len + shown == l.n);
		shown = 0;
		n++;
	} while (step_line_next(s, &l));
	CHECK(s->line + n - 1 == s->last);

	code = step_prose(s, &prose);
	CHECK(code >= s->line);
	CHECK(code == s->code_from);
	/*
	 * The title: one line, no longer than the prose but for an
	 * escape and an ellipsis; the body, a part of the prose.
	 */
	CHECK(s->title != NULL && strchr(s->title, '\n') == NULL &&
	    strlen(s->title) <= prose.len + 4);
	CHECK(s->body_off <= prose.len);
	CHECK(!s->title_cut || s->body_off == 0);
	step_body(s, &b);
	CHECK(b.len <= prose.len - s->body_off + 1);
	if (s->code_first != 0) {
		CHECK(s->code_first >= code && s->code_first <= s->code_last &&
		    s->code_last <= s->last);
		CHECK(s->code_off >= s->off && s->code_off < s->code_end &&
		    s->code_end <= s->end);
	} else
		CHECK(s->code_last == 0);
	CHECK(prose.p != NULL && strlen(prose.p) <= prose.len);
	step_summary(s, 60, &b);
	CHECK(b.len <= 63);
	step_summary(s, 0, &b);
	buf_free(&prose);
	buf_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct lang *l;
	const char *text;
	struct marks m = { 0 };
	struct qfile *f;
	size_t i, len;

	if (size < 1)
		return 0;
	l = &lang_table[data[0] % lang_count];
	text = (const char *)data + 1;
	len = size - 1;

	/* The scanner reads the fuzzer's own buffer: no byte past len. */
	scan_text(text, len, l, &m);
	check_marks(text, len, &m);

	/* A file as load.c makes it: its own copy, NUL-terminated. */
	f = xcalloc(1, sizeof(*f));
	f->path = xstrdup("fuzz.txt");
	f->lang = l;
	f->len = len;
	f->text = xmalloc(len + 1);
	memcpy(f->text, text, len);
	f->text[len] = '\0';

	/* The text as a #! line, and (up to a NUL) as a path. */
	l = lang_by_shebang(f->text, len);
	CHECK(l == NULL || (l >= lang_table && l < lang_table + lang_count));
	l = lang_by_path(f->text);
	CHECK(l == NULL || (l >= lang_table && l < lang_table + lang_count));

	file_build(f, &m);
	for (i = 0; i < f->nsteps; i++)
		check_step(f, &f->steps[i]);
	for (i = 0; i < f->nfacts; i++)
		CHECK(f->facts[i].line >= 1 && f->facts[i].col >= 1 &&
		    f->facts[i].text != NULL);

	qfile_free(f);
	free(m.v);
	return 0;
}
