/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * lsp_rpc.c: JSON-RPC over a byte stream: the reader of Content-Length
 * framing, the writer, and what every handler needs of JSON (strings
 * made UTF-8, URIs, errors).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lsp.h"

void
lsp_reader_init(struct lsp_reader *r, size_t max)
{
	memset(r, 0, sizeof(*r));
	r->max = max;
}

void
lsp_reader_free(struct lsp_reader *r)
{
	buf_free(&r->in);
	memset(r, 0, sizeof(*r));
}

/* Drop what was parsed: the bytes not yet parsed move to the front. */
static void
compact(struct lsp_reader *r)
{
	if (r->pos == 0)
		return;
	memmove(r->in.p, r->in.p + r->pos, r->in.len - r->pos);
	r->in.len -= r->pos;
	r->pos = 0;
}

char *
lsp_reader_space(struct lsp_reader *r, size_t n)
{
	compact(r);
	buf_grow(&r->in, r->in.len + n + 1);
	return r->in.p + r->in.len;
}

void
lsp_reader_commit(struct lsp_reader *r, size_t n)
{
	r->in.len += n;
	r->in.p[r->in.len] = '\0';
}

void
lsp_reader_push(struct lsp_reader *r, const void *p, size_t n)
{
	memcpy(lsp_reader_space(r, n), p, n);
	lsp_reader_commit(r, n);
}

static int
blank(char c)
{
	return c == ' ' || c == '\t';
}

/* The bytes of "Content-Length", which the resync looks for. */
#define CL	"content-length"
#define CLLEN	(sizeof(CL) - 1)

static int
bad(struct lsp_reader *r, struct lsp_frame *f, const char *why)
{
	f->kind = LSP_FRAME_BAD_HEADER;
	(void)snprintf(f->why, sizeof(f->why), "%s", why);
	f->body = NULL;
	f->len = 0;
	r->resync = 1;
	return 1;
}

/*L:020 The reader is a parser of a byte stream, fed as bytes come and
 * asked for one frame at a time, so that a message split anywhere, a
 * byte at a time included, reads as one.  A header is lines of
 * `Name: value` up to an empty line (CRLF, or a bare LF); Content-Length
 * is matched without case, other names are ignored, and the body is
 * exactly that many bytes, handed out in place.  What cannot be read is
 * a frame too: a header with no Content-Length, or one that is not a
 * number, or that never ends within 8 KiB, and the reader then skips to
 * the next "Content-Length" it sees; a body over the bound (64 MiB) is
 * skipped byte for byte as it comes, never held.  Memory stays within
 * the bound, whatever the stream.
 */
int
lsp_reader_next(struct lsp_reader *r, struct lsp_frame *f)
{
	const char *p, *e, *nl, *colon, *v, *ve;
	size_t avail, n, len = 0, digits;
	int have = 0;

	for (;;) {
		avail = r->in.len - r->pos;
		if (r->skip > 0) {
			n = r->skip < avail ? r->skip : avail;
			r->pos += n;
			r->skip -= n;
			if (r->skip > 0)
				return 0;
			continue;
		}
		if (r->resync) {
			p = r->in.p + r->pos;
			for (n = 0; n + CLLEN <= avail; n++)
				if (strncasecmp(p + n, CL, CLLEN) == 0)
					break;
			if (n + CLLEN > avail) {
				/* Keep what could begin the word. */
				if (avail > CLLEN)
					r->pos += avail - CLLEN;
				return 0;
			}
			r->pos += n;
			r->resync = 0;
			continue;
		}
		/* Blank lines between messages are no header. */
		while (avail > 0 && (r->in.p[r->pos] == '\r' ||
		    r->in.p[r->pos] == '\n')) {
			r->pos++;
			avail--;
		}
		if (avail == 0)
			return 0;
		break;
	}
	p = r->in.p + r->pos;
	e = p + avail;
	for (;;) {
		nl = memchr(p, '\n', (size_t)(e - p));
		if (nl == NULL || (size_t)(nl - (r->in.p + r->pos)) >
		    LSP_HEADER_MAX) {
			if (avail > LSP_HEADER_MAX)
				return bad(r, f, "a header longer than 8192 "
				    "bytes");
			return 0;
		}
		ve = nl > p && nl[-1] == '\r' ? nl - 1 : nl;
		if (ve == p)
			break;		/* the empty line: the header ends */
		if ((colon = memchr(p, ':', (size_t)(ve - p))) == NULL) {
			r->pos = (size_t)(nl + 1 - r->in.p);
			return bad(r, f, "a header line without a colon");
		}
		for (v = colon + 1; v < ve && blank(*v); v++)
			continue;
		while (ve > v && blank(ve[-1]))
			ve--;
		if ((size_t)(colon - p) == CLLEN &&
		    strncasecmp(p, CL, CLLEN) == 0) {
			size_t val = 0;

			for (digits = 0; v + digits < ve &&
			    v[digits] >= '0' && v[digits] <= '9'; digits++)
				if (digits < 18)
					val = val * 10 +
					    (size_t)(v[digits] - '0');
			if (digits == 0 || v + digits != ve) {
				r->pos = (size_t)(nl + 1 - r->in.p);
				return bad(r, f, "a Content-Length that is "
				    "not a number");
			}
			if (digits > 18) {
				r->pos = (size_t)(nl + 1 - r->in.p);
				return bad(r, f, "a Content-Length of more "
				    "than 18 digits");
			}
			if (have && val != len) {
				r->pos = (size_t)(nl + 1 - r->in.p);
				return bad(r, f, "two Content-Lengths that "
				    "differ");
			}
			len = val;
			have = 1;
		}
		p = nl + 1;
	}
	/* p is the empty line; the body starts after it. */
	p = nl + 1;
	if (!have) {
		r->pos = (size_t)(p - r->in.p);
		return bad(r, f, "a header without Content-Length");
	}
	if (len > r->max) {
		r->pos = (size_t)(p - r->in.p);
		r->skip = len;
		f->kind = LSP_FRAME_TOO_LARGE;
		(void)snprintf(f->why, sizeof(f->why), "a message of %zu "
		    "bytes, over the bound of %zu", len, r->max);
		f->body = NULL;
		f->len = 0;
		return 1;
	}
	if ((size_t)(e - p) < len)
		return 0;
	f->kind = LSP_FRAME_MESSAGE;
	f->body = p;
	f->len = len;
	f->why[0] = '\0';
	r->pos = (size_t)(p + len - r->in.p);
	return 1;
}
/*:*/

enum lsp_msg_kind
lsp_msg_kind(json_t *msg, json_t **id, const char **method)
{
	json_t *v, *m;

	*id = NULL;
	*method = NULL;
	if (!json_is_object(msg))
		return LSP_MSG_INVALID;
	v = json_object_get(msg, "id");
	if (v != NULL && (json_is_string(v) || json_is_number(v) ||
	    json_is_null(v)))
		*id = v;
	if ((v = json_object_get(msg, "jsonrpc")) == NULL ||
	    !json_is_string(v) || strcmp(json_string_value(v), "2.0") != 0)
		return LSP_MSG_INVALID;
	m = json_object_get(msg, "method");
	if (m == NULL) {
		if (*id != NULL && (json_object_get(msg, "result") != NULL ||
		    json_object_get(msg, "error") != NULL))
			return LSP_MSG_RESPONSE;
		return LSP_MSG_INVALID;
	}
	if (!json_is_string(m))
		return LSP_MSG_INVALID;
	/* Structured, or null as some clients send for none. */
	v = json_object_get(msg, "params");
	if (v != NULL && !json_is_object(v) && !json_is_array(v) &&
	    !json_is_null(v))
		return LSP_MSG_INVALID;
	*method = json_string_value(m);
	if (json_object_get(msg, "id") == NULL)
		return LSP_MSG_NOTIFICATION;
	return *id != NULL ? LSP_MSG_REQUEST : LSP_MSG_INVALID;
}

static int
dump_buf(const char *p, size_t n, void *arg)
{
	buf_add(arg, p, n);
	return 0;
}

void
lsp_frame_json(struct buf *out, json_t *msg)
{
	struct buf body = { 0 };

	if (json_dump_callback(msg, dump_buf, &body, JSON_COMPACT) == -1)
		oom();	/* every string of ours is UTF-8: only memory */
	buf_printf(out, "Content-Length: %zu\r\n\r\n", body.len);
	buf_add(out, body.p, body.len);
	buf_free(&body);
}

int
lsp_fail(struct lsp_error *e, int code, const char *fmt, ...)
{
	va_list ap;

	e->code = code;
	va_start(ap, fmt);
	e->msg = xvasprintf(fmt, ap);
	va_end(ap);
	return -1;
}

json_t *
lsp_jstrn(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	struct buf b = { 0 };
	size_t i, k;
	json_t *j;

	for (i = 0; i < n; i += k)
		if ((k = utf8_len(p + i, n - i)) == 0)
			break;
	if (i == n)
		return json_stringn_nocheck(s, n);
	buf_add(&b, s, i);
	while (i < n) {
		if ((k = utf8_len(p + i, n - i)) == 0) {
			buf_adds(&b, "\xEF\xBF\xBD");
			i++;
			continue;
		}
		buf_add(&b, s + i, k);
		i += k;
	}
	j = json_stringn_nocheck(b.p, b.len);
	buf_free(&b);
	return j;
}

json_t *
lsp_jstr(const char *s)
{
	return lsp_jstrn(s, strlen(s));
}

static int
unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	    c == '~' || c == '/';
}

char *
lsp_uri_from_path(const char *abs)
{
	struct buf b = { 0 };
	const unsigned char *p;

	buf_adds(&b, "file://");
	for (p = (const unsigned char *)abs; *p; p++)
		if (unreserved(*p))
			buf_addc(&b, (char)*p);
		else
			buf_printf(&b, "%%%02X", *p);
	buf_cstr(&b);
	return b.p;
}

/*
 * The absolute path of a file: URI, decoded and made plain ("." and ".."
 * resolved by name, "//" one slash); NULL for any other scheme, a host
 * other than localhost, a query or fragment, a NUL.
 */
char *
lsp_path_from_uri(const char *uri)
{
	struct buf b = { 0 };
	const char *p;
	char *out, *seg, *w;
	int hi, lo;

	if (strncasecmp(uri, "file://", 7) != 0)
		return NULL;
	p = uri + 7;
	if (strncasecmp(p, "localhost/", 10) == 0)
		p += 9;
	if (*p != '/')
		return NULL;
	for (; *p; p++) {
		if (*p == '?' || *p == '#')
			break;
		if (*p != '%') {
			buf_addc(&b, *p);
			continue;
		}
		if ((hi = hex_value(p[1])) < 0 || (lo = hex_value(p[2])) < 0 ||
		    (hi == 0 && lo == 0))
			break;
		buf_addc(&b, (char)(hi * 16 + lo));
		p += 2;
	}
	if (*p != '\0') {
		buf_free(&b);
		return NULL;
	}
	buf_cstr(&b);
	/* Segments, by name: "." dropped, ".." drops the one before. */
	out = xmalloc(b.len + 2);
	w = out;
	for (seg = b.p; *seg; ) {
		char *end;
		size_t n;

		while (*seg == '/')
			seg++;
		end = strchrnul(seg, '/');
		n = (size_t)(end - seg);
		if (n == 0 || (n == 1 && seg[0] == '.')) {
			seg = end;
			continue;
		}
		if (n == 2 && seg[0] == '.' && seg[1] == '.') {
			while (w > out && *--w != '/')
				continue;
			seg = end;
			continue;
		}
		*w++ = '/';
		memcpy(w, seg, n);
		w += n;
		seg = end;
	}
	if (w == out)
		*w++ = '/';
	*w = '\0';
	buf_free(&b);
	return out;
}

static void *
jalloc(size_t n)
{
	return xmalloc(n ? n : 1);
}

void
lsp_json_init(void)
{
	json_set_alloc_funcs(jalloc, free);
}
