/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * diagfmt.c: diagnostics for machines: JSON for scripts, SARIF 2.1.0 for
 * GitHub code scanning.  The gcc style, for people and editors, is
 * diag_print() in diag.c.
 */
#include <string.h>

#include "diagfmt.h"
#include "json.h"


static const char *
level(const struct diag *d, int werror)
{
	enum severity s = diag_table[d->id].sev;

	if (werror && s == SEV_WARNING)
		s = SEV_ERROR;
	return s == SEV_ERROR ? "error" : s == SEV_WARNING ? "warning" : "note";
}

void
diags_json(struct buf *b, const struct diags *d, int werror)
{
	size_t i;

	buf_addc(b, '[');
	for (i = 0; i < d->n; i++) {
		const struct diag *x = &d->v[i];

		buf_adds(b, i ? ",\n" : "\n");
		buf_adds(b, "{\"path\":");
		json_strz(b, x->path);
		buf_printf(b, ",\"line\":%u,\"column\":%u,\"severity\":\"%s\","
		    "\"name\":\"%s\",\"message\":", x->line, x->col,
		    level(x, werror), diag_table[x->id].name);
		json_strz(b, x->msg);
		if (x->detail != NULL) {
			buf_adds(b, ",\"detail\":");
			json_strz(b, x->detail);
		}
		buf_addc(b, '}');
	}
	buf_addc(b, ']');
}

/* A URI reference for a relative path: each byte outside the unreserved
 * set and '/' percent-encoded. */
static void
uri(struct buf *b, const char *path)
{
	struct buf u = { 0 };
	const unsigned char *p;

	for (p = (const unsigned char *)path; *p; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p) != NULL)
			buf_addc(&u, (char)*p);
		else
			buf_printf(&u, "%%%02X", *p);
	json_str(b, u.p ? u.p : "", u.len);
	buf_free(&u);
}

/*C:040 SARIF, as GitHub code scanning reads it: one run whose tool lists
 * every rule of the diagnostics table, with its default level, and one
 * result per diagnostic naming its rule, its level, its message and, where
 * it has one, its place: the path relative to the root of the sources
 * (%SRCROOT%) and the line.
 */
static void
sarif_diags(struct buf *b, const struct diags *d, int werror)
{
	size_t i;

	buf_adds(b, "{\n\"$schema\":\"https://json.schemastore.org/"
	    "sarif-2.1.0.json\",\n\"version\":\"2.1.0\",\n\"runs\":[{\n"
	    "\"tool\":{\"driver\":{\"name\":\"quest\",\"version\":\"" VERSION
	    "\",\"rules\":[");
	for (i = 0; i < D__MAX; i++) {
		buf_adds(b, i ? ",\n" : "\n");
		buf_adds(b, "{\"id\":");
		json_strz(b, diag_table[i].name);
		buf_adds(b, ",\"shortDescription\":{\"text\":");
		json_strz(b, diag_table[i].summary);
		buf_printf(b, "},\"defaultConfiguration\":{\"level\":\"%s\"}}",
		    diag_table[i].sev == SEV_ERROR ? "error" : "warning");
	}
	buf_adds(b, "]}},\n\"results\":[");
	for (i = 0; i < d->n; i++) {
		const struct diag *x = &d->v[i];

		buf_adds(b, i ? ",\n" : "\n");
		buf_adds(b, "{\"ruleId\":");
		json_strz(b, diag_table[x->id].name);
		buf_printf(b, ",\"ruleIndex\":%d,\"level\":\"%s\",\"message\":"
		    "{\"text\":", (int)x->id, level(x, werror));
		json_strz(b, x->msg);
		buf_addc(b, '}');
		if (x->detail != NULL) {
			buf_adds(b, ",\"properties\":{\"detail\":");
			json_strz(b, x->detail);
			buf_addc(b, '}');
		}
		if (x->path != NULL) {
			buf_adds(b, ",\"locations\":[{\"physicalLocation\":{"
			    "\"artifactLocation\":{\"uri\":");
			uri(b, x->path);
			buf_adds(b, ",\"uriBaseId\":\"%SRCROOT%\"}");
			/*
			 * The line only: quest's columns count bytes, and SARIF
			 * counts UTF-16 code units or code points.
			 */
			if (x->line > 0)
				buf_printf(b, ",\"region\":{\"startLine\":%u}",
				    x->line);
			buf_adds(b, "}}]");
		}
		buf_addc(b, '}');
	}
	buf_adds(b, "]\n}]\n}\n");
}
/*:*/

int
diags_write(FILE *fp, const struct diags *d, enum diag_format f, int werror)
{
	struct buf b = { 0 };
	size_t n;

	switch (f) {
	case DF_GCC:
		diags_print(fp, d, werror, SEV_WARNING);
		return ferror(fp) ? -1 : 0;
	case DF_JSON:
		buf_adds(&b, "{\"quest\":1,\"diagnostics\":");
		diags_json(&b, d, werror);
		buf_adds(&b, "}\n");
		break;
	case DF_SARIF:
		sarif_diags(&b, d, werror);
		break;
	}
	n = fwrite(b.p, 1, b.len, fp) == b.len;
	buf_free(&b);
	return n ? 0 : -1;
}

int
diag_format(const char *name, enum diag_format *f)
{
	if (strcmp(name, "gcc") == 0)
		*f = DF_GCC;
	else if (strcmp(name, "json") == 0)
		*f = DF_JSON;
	else if (strcmp(name, "sarif") == 0)
		*f = DF_SARIF;
	else
		return -1;
	return 0;
}
