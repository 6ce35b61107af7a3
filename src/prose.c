/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * prose.c: tell a step's prose from its code, by the comment syntax alone.
 *
 * The prose of a step is the comment its tag opens: for a block comment,
 * up to the block closer; for a line comment, the run of lines that start
 * with the same opener.  Decoration is removed: the opener, a leading " * "
 * or "// ", the closer and the end marker's ':'.  What follows the comment,
 * up to the step's end, is its code.
 */
#include <ctype.h>
#include <md4c.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "md.h"
#include "tour.h"

static int
blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Trim blanks at both ends of p[0..*n). */
static const char *
trim(const char *p, size_t *n)
{
	while (*n > 0 && blank(*p))
		p++, (*n)--;
	while (*n > 0 && blank(p[*n - 1]))
		(*n)--;
	return p;
}

/* The opener the tag stands after: "/\*", "//", "#"... */
static const char *
tag_opener(const struct step *s, size_t *n)
{
	const struct lang *l = s->file->lang;
	const char *text = s->file->text;
	int i;

	if (s->block) {
		*n = strlen(l->block_open);
		return l->block_open;
	}
	for (i = 0; i < 2 && l->line[i] != NULL; i++) {
		*n = strlen(l->line[i]);
		if (s->tag_off >= *n &&
		    memcmp(text + s->tag_off - *n, l->line[i], *n) == 0)
			return l->line[i];
	}
	*n = 0;
	return "";
}

static void
add_line(struct buf *b, const char *p, size_t n, int *started, size_t *blanks)
{
	p = trim(p, &n);
	if (n == 0) {
		if (*started)
			(*blanks)++;
		return;
	}
	if (*started) {
		buf_addc(b, '\n');
		for (; *blanks > 0; (*blanks)--)
			buf_addc(b, '\n');
	}
	*blanks = 0;
	*started = 1;
	buf_add(b, p, n);
}

unsigned
step_prose(const struct step *s, struct buf *b)
{
	const struct lang *l = s->file->lang;
	const char *text = s->file->text, *p, *e, *close, *op;
	size_t at, n, clen, olen, blanks = 0;
	unsigned lineno = s->line;
	int started = 0;

	b->len = 0;
	buf_cstr(b);
	if (text == NULL)
		return s->line;
	at = s->tag_off + s->tag_len;
	if (s->block) {
		clen = strlen(l->block_close);
		while (at < s->end) {
			e = memchr(text + at, '\n', s->end - at);
			n = e ? (size_t)(e - text) - at : s->end - at;
			p = text + at;
			close = NULL;
			if (n >= clen)
				close = memmem(p, n, l->block_close, clen);
			if (close != NULL)
				n = (size_t)(close - p);
			if (close != NULL && n > 0 && p[n - 1] == ':')
				n--;	/* the end marker's colon */
			/*
			 * " * text": drop the leading star of a boxed
			 * comment.
			 */
			if (lineno != s->line) {
				size_t k = 0;

				while (k < n && blank(p[k]))
					k++;
				if (k < n && p[k] == '*') {
					k++;
					if (k < n && p[k] == ' ')
						k++;
					p += k;
					n -= k;
				}
			}
			add_line(b, p, n, &started, &blanks);
			if (close != NULL || e == NULL)
				return close ? lineno + 1 : lineno;
			at = (size_t)(e - text) + 1;
			lineno++;
		}
		return lineno;
	}
	op = tag_opener(s, &olen);
	for (;;) {
		e = memchr(text + at, '\n', s->end - at);
		n = e ? (size_t)(e - text) - at : s->end - at;
		p = text + at;
		if (s->how == END_MARKER && lineno == s->last &&
		    lineno != s->line)
			break;	/* a "//:" line is no prose */
		if (n > 0 && *p == ' ')
			p++, n--;
		add_line(b, p, n, &started, &blanks);
		lineno++;
		if (e == NULL || (size_t)(e - text) + 1 >= s->end)
			break;
		/*
		 * The next line continues the prose if it starts with the
		 * opener.
		 */
		at = (size_t)(e - text) + 1;
		p = text + at;
		n = s->end - at;
		while (n > 0 && blank(*p))
			p++, n--;
		if (olen == 0 || n < olen || memcmp(p, op, olen) != 0)
			break;
		at = (size_t)(p - text) + olen;
	}
	return lineno;
}

/* The first words of prose, blanks run together, cut at a word past maxlen. */
static void
summarize(const char *p, size_t len, size_t maxlen, struct buf *out)
{
	size_t i, cut;
	int space = 0;

	out->len = 0;
	for (i = 0; i < len; i++) {
		char c = p[i];

		if (c == '\n' || c == '\t' || c == ' ' || c == '\r') {
			space = out->len > 0;
			continue;
		}
		if (space)
			buf_addc(out, ' ');
		space = 0;
		buf_addc(out, c);
		if (out->len > maxlen)
			break;
	}
	if (out->len > maxlen) {
		/* Cut at a word, and say so; never in the middle of UTF-8. */
		cut = maxlen;
		while (cut > maxlen / 2 && out->p[cut] != ' ')
			cut--;
		if (out->p[cut] != ' ')
			while (cut > 0 &&
			    ((unsigned char)out->p[cut] & 0xC0) == 0x80)
				cut--;
		out->len = cut;
		buf_adds(out, "...");
	}
	buf_cstr(out);
}

void
step_summary(const struct step *s, size_t maxlen, struct buf *out)
{
	struct buf prose = { 0 };

	step_prose(s, &prose);
	summarize(prose.p, prose.len, maxlen, out);
	buf_free(&prose);
}

/*
 * A title is its first sentence when that is at most TITLE_MAX characters;
 * a longer one is cut at a blank so that, with its ellipsis, it is at
 * most TITLE_MAX still (a line of a terminal), but not to fewer than
 * TITLE_MIN.
 */
#define TITLE_MAX	80
#define TITLE_MIN	20

/*
 * What the title rule follows of the prose, as md4c parses it.  md4c hands
 * over each piece of text with a pointer into the prose (a line break and
 * a few other pieces come from its own strings): so a sentence's end, and
 * a blank where a long one may be cut, are found as places in the prose,
 * outside every span: never inside a code span, a link or emphasis.  A
 * cross-reference, [G:030], holds neither a blank nor a full stop.
 */
struct tscan {
	const char	*doc;
	size_t		 len;
	int		 state;		/* 0 before the leaf, 1 in it, 2 done */
	int		 heading;	/* the leaf is a heading */
	int		 nested;	/* the leaf is not the prose's first
					 * block */
	int		 blocks;	/* blocks entered, the document aside */
	int		 depth;		/* blocks open */
	int		 leaf;		/* the depth of the leaf */
	int		 skip;		/* the depth of a code block or table */
	int		 spans;		/* spans open */
	int		 seen;		/* a text of the leaf came */
	size_t		 start;		/* the title's first byte */
	size_t		 last;		/* past the leaf's last text */
	size_t		 chars;		/* characters shown so far */
	int		 pending;	/* a sentence's punctuation came last */
	size_t		 end;		/* where the first sentence ends */
	size_t		 end_chars;
	int		 has_lo, has_hi;
	size_t		 lo, lo_chars;	/* the last blank within TITLE_MAX */
	size_t		 hi;		/* the first blank past it */
};

/* The end of the line of the leaf's last text, its blanks cut. */
static size_t
line_end(const struct tscan *t)
{
	size_t e = t->last;

	while (e < t->len && t->doc[e] != '\n')
		e++;
	while (e > t->last && blank(t->doc[e - 1]))
		e--;
	return e;
}

static int
tfinish(struct tscan *t)
{
	if (t->state == 1 && t->seen) {
		t->end = line_end(t);
		t->end_chars = t->chars;
	}
	t->state = 2;
	return 1;	/* md4c stops there */
}

/* A blank at pos, outside the leaf's spans or not. */
static int
tblank(struct tscan *t, size_t pos)
{
	if (t->pending && t->spans == 0 && !t->heading) {
		t->end = pos;
		t->end_chars = t->chars;
		t->state = 2;
		return 1;
	}
	t->pending = 0;
	if (t->spans != 0 || t->chars == 0)
		return 0;
	if (t->chars < TITLE_MAX) {	/* room for the ellipsis */
		t->has_lo = 1;
		t->lo = pos;
		t->lo_chars = t->chars;
	} else if (!t->has_hi) {
		t->has_hi = 1;
		t->hi = pos;
	}
	return 0;
}

/* "e.g.", "i.e.", "cf.", "vs.": a full stop that ends no sentence. */
static int
abbrev(const char *doc, size_t pos)
{
	static const char *const words[] = {
		"e.g", "i.e", "eg", "ie", "cf", "vs"
	};
	size_t i, n;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		n = strlen(words[i]);
		if (pos >= n && strncasecmp(doc + pos - n, words[i], n) == 0 &&
		    (pos == n || !isalnum((unsigned char)doc[pos - n - 1])))
			return 1;
	}
	return 0;
}

static void
tleaf(struct tscan *t, int heading, int nested)
{
	t->state = 1;
	t->heading = heading;
	t->nested = nested;
	t->leaf = t->depth;
}

static int
tenter_block(MD_BLOCKTYPE type, void *detail, void *arg)
{
	struct tscan *t = arg;

	(void)detail;
	if (t->state == 2)
		return 1;
	t->depth++;
	if (type == MD_BLOCK_DOC)
		return 0;
	t->blocks++;
	if (t->state == 1)	/* a list inside the item: its text is over */
		return tfinish(t);
	if (t->skip != 0)
		return 0;
	if (type == MD_BLOCK_CODE || type == MD_BLOCK_TABLE ||
	    type == MD_BLOCK_HTML || type == MD_BLOCK_HR)
		t->skip = t->depth;
	else if (type == MD_BLOCK_P || type == MD_BLOCK_H)
		tleaf(t, type == MD_BLOCK_H, t->blocks > 1);
	return 0;
}

static int
tleave_block(MD_BLOCKTYPE type, void *detail, void *arg)
{
	struct tscan *t = arg;

	(void)type;
	(void)detail;
	if (t->state == 2)
		return 1;
	if (t->state == 1 && t->depth == t->leaf)
		return tfinish(t);
	if (t->skip == t->depth)
		t->skip = 0;
	t->depth--;
	return 0;
}

static int
tenter_span(MD_SPANTYPE type, void *detail, void *arg)
{
	struct tscan *t = arg;

	(void)type;
	(void)detail;
	if (t->state == 2)
		return 1;
	t->spans++;
	t->pending = 0;	/* "end.*more*": no blank after the stop */
	return 0;
}

static int
tleave_span(MD_SPANTYPE type, void *detail, void *arg)
{
	struct tscan *t = arg;

	(void)type;
	(void)detail;
	if (t->state == 2)
		return 1;
	t->spans--;
	return 0;
}

static int
ttext(MD_TEXTTYPE type, const MD_CHAR *p, MD_SIZE n, void *arg)
{
	struct tscan *t = arg;
	uintptr_t a = (uintptr_t)p, d = (uintptr_t)t->doc;
	int in = a >= d && a - d <= t->len && n <= t->len - (a - d);
	size_t off = in ? (size_t)(a - d) : 0, i;

	if (t->state == 2)
		return 1;
	if (t->state == 0) {
		if (t->skip != 0)
			return 0;
		tleaf(t, 0, 1);	/* the text of a tight list's item */
	}
	if (!t->seen && in) {
		t->seen = 1;
		t->start = off;
		/* Back over what opens its spans: "*", "`", "[", "![". */
		while (t->start > 0 && (t->nested || t->heading) &&
		    strchr("*_~`[!\\", t->doc[t->start - 1]) != NULL)
			t->start--;
		if (!t->nested && !t->heading)
			t->start = 0;
	}
	switch (type) {
	case MD_TEXT_SOFTBR:
	case MD_TEXT_BR:
		if (tblank(t, line_end(t)))
			return 1;
		t->chars++;
		return 0;
	case MD_TEXT_NORMAL:
		break;
	default:	/* code, an entity, U+FFFD: shown, and no blank */
		t->pending = 0;
		for (i = 0; i < n; i++)
			t->chars += ((unsigned char)p[i] & 0xC0) != 0x80;
		if (in)
			t->last = off + n;
		return 0;
	}
	for (i = 0; i < n; i++) {
		char c = p[i];

		if (c == ' ' || c == '\t') {
			if (in && tblank(t, off + i))
				return 1;
			t->chars++;
			continue;
		}
		t->pending = 0;
		t->chars += ((unsigned char)c & 0xC0) != 0x80;
		if ((c == '.' || c == '!' || c == '?') &&
		    !(in && c == '.' && abbrev(t->doc, off + i))) {
			/* What may close after the stop: a quote, a bracket. */
			while (i + 1 < n && strchr("\"')", p[i + 1]) != NULL) {
				i++;
				t->chars++;
			}
			t->pending = 1;
		}
	}
	if (in)
		t->last = off + n;
	return 0;
}

/*
 * Where a text of Markdown starting at p would open a block, a list, a
 * heading, a quote, a fence or a rule, if it stood at a line's start: the
 * offset of the character to escape, else -1.
 */
static int
block_opener(const char *p, size_t n)
{
	size_t ln, k, marks = 0;

	for (ln = 0; ln < n && p[ln] != '\n'; ln++)
		continue;
	if (ln == 0)
		return -1;
	if (strchr("-*_", p[0]) != NULL) {
		for (k = 0; k < ln && (p[k] == p[0] || blank(p[k])); k++)
			marks += p[k] == p[0];
		if (k == ln && marks >= 3)
			return 0;	/* a thematic break */
	}
	switch (p[0]) {
	case '#':
		for (k = 0; k < ln && k < 7 && p[k] == '#'; k++)
			continue;
		return k <= 6 && (k == ln || blank(p[k])) ? 0 : -1;
	case '>':
		return 0;
	case '-':
	case '+':
	case '*':
		return ln == 1 || blank(p[1]) ? 0 : -1;
	case '`':
	case '~':
		return ln >= 3 && p[1] == p[0] && p[2] == p[0] ? 0 : -1;
	default:
		break;
	}
	for (k = 0; k < ln && k < 10 && p[k] >= '0' && p[k] <= '9'; k++)
		continue;
	if (k > 0 && k < 10 && k < ln && (p[k] == '.' || p[k] == ')') &&
	    (k + 1 == ln || blank(p[k + 1])))
		return (int)k;
	return -1;
}

/* Is the leaf an ATX heading, "## Title", not an underlined one? */
static int
atx(const struct tscan *t)
{
	size_t i = t->start;

	while (i > 0 && blank(t->doc[i - 1]))
		i--;
	return i > 0 && t->doc[i - 1] == '#';
}

/* Fill the title fields of s from what the scan of its prose found. */
static void
title_make(struct step *s, const struct tscan *t)
{
	struct buf b = { 0 };
	const char *doc = t->doc;
	size_t e = t->end, i, at, nl;
	int cut = 0, esc;

	s->title_cut = 0;
	s->body_off = 0;
	s->body_esc = -1;
	if (!t->seen) {
		s->title = xstrdup("");
		return;
	}
	/*
	 * Too long: the last blank within TITLE_MAX, unless it leaves fewer
	 * than TITLE_MIN and a blank past it is there.
	 */
	if (!t->heading && t->end_chars > TITLE_MAX &&
	    (t->has_lo || t->has_hi)) {
		e = t->has_lo && (t->lo_chars >= TITLE_MIN || !t->has_hi) ?
		    t->lo : t->hi;
		cut = 1;
	}
	/* One line: a line break of a paragraph is a blank. */
	for (i = t->start; i < e; i++)
		buf_addc(&b, doc[i] == '\n' ? ' ' : doc[i]);
	while (b.len > 0 && blank(b.p[b.len - 1]))
		b.len--;
	if (t->heading && atx(t)) {
		/* An ATX heading's closing #s, after a blank. */
		for (i = b.len; i > 0 && b.p[i - 1] == '#'; i--)
			continue;
		if (i < b.len && (i == 0 || blank(b.p[i - 1]))) {
			b.len = i;
			while (b.len > 0 && blank(b.p[b.len - 1]))
				b.len--;
		}
	}
	/* A comma or a semicolon ends no title. */
	while (b.len > 0 && strchr(",; \t", b.p[b.len - 1]) != NULL &&
	    (b.len < 2 || b.p[b.len - 2] != '\\'))
		b.len--;
	if (cut || t->nested) {
		while (b.len > 0 && strchr(",;: \t", b.p[b.len - 1]) != NULL)
			b.len--;
		if (b.len > 0 && b.p[b.len - 1] == '\\')
			b.len--;
		buf_adds(&b, "\xE2\x80\xA6");	/* ... */
		s->title_cut = 1;
	}
	/* A title is a line of its own: what would open a block, escaped. */
	if ((esc = block_opener(b.p ? b.p : "", b.len)) >= 0) {
		buf_addc(&b, '\0');
		memmove(b.p + esc + 1, b.p + esc, b.len - 1 - (size_t)esc);
		b.p[esc] = '\\';
	}
	buf_cstr(&b);
	s->title = b.p ? b.p : xstrdup("");
	if (s->title_cut)
		return;
	/* The body: what follows the sentence, or the heading's lines. */
	at = t->end;
	if (t->heading) {
		while (at < t->len && doc[at] != '\n')
			at++;
		if (!atx(t))	/* a setext heading: its underline */
			for (at += at < t->len; at < t->len && doc[at] != '\n';
			    at++)
				continue;
	}
	for (nl = 0; at < t->len && strchr(" \t\r\n", doc[at]) != NULL; at++)
		nl += doc[at] == '\n';
	s->body_off = at;
	/* The rest of a paragraph, standing alone, must stay a paragraph. */
	if (!t->heading && nl < 2)
		s->body_esc = block_opener(doc + at, t->len - at);
}

/*
 * The title rule: the prose's heading, when it opens with one; else its
 * first sentence, which the body then leaves out.  A sentence longer
 * than TITLE_MAX characters is cut at a blank outside every span, with an
 * ellipsis, and stays whole in the body; so does the first sentence of a
 * prose that opens with a list or a quote.
 */
static void
title_derive(struct step *s, const char *prose, size_t len)
{
	struct tscan t;
	MD_PARSER p;

	memset(&t, 0, sizeof(t));
	t.doc = prose;
	t.len = len;
	memset(&p, 0, sizeof(p));
	p.flags = QUEST_MD_FLAGS;
	p.enter_block = tenter_block;
	p.leave_block = tleave_block;
	p.enter_span = tenter_span;
	p.leave_span = tleave_span;
	p.text = ttext;
	md_parse(prose, (MD_SIZE)len, &p, &t);
	if (t.state == 1)
		tfinish(&t);
	title_make(s, &t);
}

void
prose_title(const char *prose, size_t len, struct buf *out, int *cut)
{
	struct step s;

	memset(&s, 0, sizeof(s));
	title_derive(&s, prose, len);
	out->len = 0;
	md_plain(s.title, strlen(s.title), out);
	buf_cstr(out);
	*cut = s.title_cut;
	free(s.title);
}

void
step_body(const struct step *s, struct buf *out)
{
	step_prose(s, out);
	if (s->body_off > 0) {
		memmove(out->p, out->p + s->body_off, out->len - s->body_off);
		out->len -= s->body_off;
	}
	if (s->body_esc >= 0 && (size_t)s->body_esc < out->len) {
		buf_addc(out, '\0');
		memmove(out->p + s->body_esc + 1, out->p + s->body_esc,
		    out->len - 1 - (size_t)s->body_esc);
		out->p[s->body_esc] = '\\';
	}
	buf_cstr(out);
}

/*T:030 What every writer asks of a step is derived once, when its file
 * is built: the line where its prose ends and its code begins, the
 * code's first and last lines that are not blank once the tag and end
 * marker are cut (and their bytes in the file, which the highlighter
 * parses), and its title, by the one rule of every format: the heading
 * its prose opens with, else its first sentence, which the body then
 * leaves out (step_body()); a sentence too long is cut at a blank outside
 * every span, with an ellipsis, and stays whole in the body.  The writers
 * and check read these fields; none of them tells prose from code, or a
 * title from a body, again.
 */
void
step_derive(struct step *s, struct buf *prose)
{
	struct step_line l;
	struct buf *line = prose;
	size_t n;
	int ok;

	s->code_from = step_prose(s, prose);
	title_derive(s, prose->p, prose->len);
	/* The prose is done with: its buffer holds a line at a time. */
	s->code_first = s->code_last = 0;
	s->code_off = s->code_end = s->off;
	for (ok = step_line_first(s, &l); ok; ok = step_line_next(s, &l)) {
		if (l.lineno < s->code_from)
			continue;
		line->len = 0;
		step_line_add(line, &l);
		for (n = 0; n < line->len &&
		    strchr(" \t\r", line->p[n]) != NULL; n++)
			continue;
		if (n == line->len)
			continue;
		if (s->code_first == 0) {
			s->code_first = l.lineno;
			s->code_off = (size_t)(l.p - s->file->text);
		}
		s->code_last = l.lineno;
		s->code_end = l.next;
	}
}
/*:*/

void
step_code_text(const struct step *s, struct buf *out)
{
	struct step_line l;
	int ok;

	out->len = 0;
	buf_cstr(out);
	if (s->code_first == 0)
		return;
	for (ok = step_line_first(s, &l); ok && l.lineno <= s->code_last;
	    ok = step_line_next(s, &l)) {
		if (l.lineno < s->code_first)
			continue;
		step_line_add(out, &l);
		if (l.lineno < s->code_last)
			buf_addc(out, '\n');
	}
	buf_cstr(out);
}
