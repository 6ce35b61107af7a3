/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * fuzz_http.c: libFuzzer target for what quest serve reads of a request
 * itself: the path (serve_route()), the Host header (serve_host_ok()) and
 * the Origin header (serve_origin_ok()).  libmicrohttpd parses the rest.
 *
 * The input is a path, a newline, a Host; the Origin is "http://" and the
 * Host.  Besides the sanitizers, it checks what the server promises: only
 * the rows of the table route anywhere, nothing with ".." does; a Host
 * it accepts names port 8000, holds no '/', '@' or space; an Origin is
 * accepted exactly when its Host is.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "serve.h"

#define CHECK(x) do { if (!(x)) __builtin_trap(); } while (0)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in, *nl, *host, *origin;
	enum serve_route r;
	int ok;

	in = xmalloc(size + 1);
	memcpy(in, data, size);
	in[size] = '\0';
	host = (nl = strchr(in, '\n')) != NULL ? nl + 1 : NULL;
	if (nl != NULL)
		*nl = '\0';
	r = serve_route(in);
	CHECK(r == ROUTE_NONE || r == ROUTE_BOOK || r == ROUTE_EVENTS ||
	    r == ROUTE_FILE);
	if (r != ROUTE_NONE)
		CHECK(strstr(in, "..") == NULL && in[0] == '/' &&
		    strchr(in + 1, '/') == NULL && strchr(in, '%') == NULL);
	if (r == ROUTE_BOOK || r == ROUTE_EVENTS)
		CHECK(strcmp(in, "/") == 0 || strcmp(in, "/index.html") == 0 ||
		    strcmp(in, "/events") == 0);
	/* A file: one name of [a-z0-9-], then .html, .css or .js. */
	if (r == ROUTE_FILE) {
		const char *dot = strchr(in, '.');

		CHECK(dot != NULL && dot > in + 1 && in[1] != '-' &&
		    strspn(in + 1, "abcdefghijklmnopqrstuvwxyz0123456789-") ==
		    (size_t)(dot - in - 1) && (strcmp(dot, ".html") == 0 ||
		    strcmp(dot, ".css") == 0 || strcmp(dot, ".js") == 0));
	}
	if (host != NULL) {
		ok = serve_host_ok(host, 8000);
		CHECK(ok == 0 || ok == 1);
		if (ok) {
			CHECK(strpbrk(host, "/@ \t\r\n") == NULL);
			CHECK(strstr(host, ":8000") != NULL);
		}
		origin = xasprintf("http://%s", host);
		CHECK(serve_origin_ok(origin, 8000) == ok);
		free(origin);
	}
	CHECK(serve_origin_ok(NULL, 8000) == 1);
	free(in);
	return 0;
}
