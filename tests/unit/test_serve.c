/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * test_serve.c: quest serve's parts that need no socket: the URL space,
 * the Host and Origin checks, the temporary names of editors, and the
 * live book (live.c) over a tree in a scratch directory: what an edit, a
 * same-bytes save, a new file, a duplicate and a deletion make of it,
 * and which articles it keeps.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "serve.h"

static void
routes(void **state)
{
	(void)state;
	assert_int_equal(serve_route("/"), ROUTE_BOOK);
	assert_int_equal(serve_route("/index.html"), ROUTE_BOOK);
	assert_int_equal(serve_route("/events"), ROUTE_EVENTS);
	assert_int_equal(serve_route("/../../etc/passwd"), ROUTE_NONE);
	assert_int_equal(serve_route("/%2e%2e/etc/passwd"), ROUTE_NONE);
	assert_int_equal(serve_route("/index.html/"), ROUTE_NONE);
	assert_int_equal(serve_route("//"), ROUTE_NONE);
	assert_int_equal(serve_route(""), ROUTE_NONE);
	assert_int_equal(serve_route("/src/a.c"), ROUTE_NONE);
	/* A book of many pages' files: one name, .html, .css or .js. */
	assert_int_equal(serve_route("/book.css"), ROUTE_FILE);
	assert_int_equal(serve_route("/guest-2.html"), ROUTE_FILE);
	assert_int_equal(serve_route("/search.js"), ROUTE_FILE);
	assert_int_equal(serve_route("/-x.html"), ROUTE_NONE);
	assert_int_equal(serve_route("/.html"), ROUTE_NONE);
	assert_int_equal(serve_route("/Guest.html"), ROUTE_NONE);
	assert_int_equal(serve_route("/a.c"), ROUTE_NONE);
	assert_int_equal(serve_route("/a.html.c"), ROUTE_NONE);
	assert_int_equal(serve_route("/a/b.html"), ROUTE_NONE);
	assert_int_equal(serve_route("/a..html"), ROUTE_NONE);
	assert_int_equal(serve_route("/.quest"), ROUTE_NONE);
}

static void
hosts(void **state)
{
	(void)state;
	assert_true(serve_host_ok("localhost:8000", 8000));
	assert_true(serve_host_ok("LocalHost:8000", 8000));
	assert_true(serve_host_ok("localhost.:8000", 8000));
	assert_true(serve_host_ok("book.localhost:8000", 8000));
	assert_true(serve_host_ok("127.0.0.1:8000", 8000));
	assert_true(serve_host_ok("[::1]:8000", 8000));
	assert_true(serve_host_ok("192.168.1.7:8000", 8000));
	assert_true(serve_host_ok("localhost", 80));
	assert_false(serve_host_ok("localhost", 8000));
	assert_false(serve_host_ok("localhost:8001", 8000));
	assert_false(serve_host_ok("localhost:08000", 8000));
	assert_false(serve_host_ok("localhost:", 8000));
	assert_false(serve_host_ok("evil.test:8000", 8000));
	assert_false(serve_host_ok("localhost.evil.test:8000", 8000));
	assert_false(serve_host_ok("evillocalhost:8000", 8000));
	assert_false(serve_host_ok("127.0.0.1.evil.test:8000", 8000));
	assert_false(serve_host_ok("[::1:8000", 8000));
	assert_false(serve_host_ok("[::1]x:8000", 8000));
	assert_false(serve_host_ok("user@localhost:8000", 8000));
	assert_false(serve_host_ok("", 8000));
	assert_false(serve_host_ok(NULL, 8000));
	assert_true(serve_origin_ok(NULL, 8000));
	assert_true(serve_origin_ok("http://localhost:8000", 8000));
	assert_false(serve_origin_ok("http://evil.test", 8000));
	assert_false(serve_origin_ok("https://localhost:8000", 8000));
	assert_false(serve_origin_ok("null", 8000));
	assert_false(serve_origin_ok("http://localhost:8000/x", 8000));
}

static void
temp_names(void **state)
{
	(void)state;
	assert_true(watch_temp_name("a.c~"));
	assert_true(watch_temp_name(".a.c.swp"));
	assert_true(watch_temp_name(".#a.c"));
	assert_true(watch_temp_name("#a.c#"));
	assert_true(watch_temp_name("4913"));
	assert_false(watch_temp_name("a.c"));
	assert_false(watch_temp_name("#"));
	assert_false(watch_temp_name("swp"));
}

static char dir[64];

static void
put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static json_t *
rebuild(struct live *lv, enum live_event want)
{
	json_t *ev;

	assert_int_equal(live_rebuild(lv, &ev), want);
	return ev;
}

/* The steps of an event, as "id=keep" or "id+" (new): "G:010=0 G:020+". */
static char *
steps_of(json_t *ev)
{
	struct buf b = { 0 };
	json_t *ch, *st, *o;
	size_t i, j;

	json_array_foreach(json_object_get(ev, "chapters"), i, ch) {
		st = json_object_get(ch, "steps");
		json_array_foreach(st, j, o) {
			if (b.len > 0)
				buf_addc(&b, ' ');
			buf_adds(&b, json_string_value(json_object_get(o,
			    "id")));
			if (json_object_get(o, "keep") != NULL)
				buf_printf(&b, "=%lld",
				    (long long)json_integer_value(
				    json_object_get(o, "keep")));
			else if (json_object_get(o, "was") != NULL)
				buf_adds(&b, "*");
			else
				buf_adds(&b, "+");
		}
	}
	return b.p ? b.p : xstrdup("");
}

/*
 * The tree of the book tests, made in a new directory of /tmp, where the
 * test goes (from old, to come back to): three steps in two files.
 */
static void
tree_make(char *old, size_t n)
{
	assert_non_null(getcwd(old, n));
	strcpy(dir, "/tmp/quest-serve-XXXXXX");
	assert_non_null(mkdtemp(dir));
	assert_int_equal(chdir(dir), 0);
	put(".quest", "[chapter G]\nname = Guest\n");
	put("a.c", "/*G:010 First.\n */\nint a;\n/*:*/\n\n"
	    "/*G:020 Second.\n */\nint b;\n/*:*/\n");
	put("b.c", "/*G:030 Third, after [G:010].\n */\nint c;\n/*:*/\n");
}

static void
tree_remove(const char *old)
{
	unlink("a.c");
	unlink("b.c");
	unlink(".quest");
	assert_int_equal(chdir(old), 0);
	rmdir(dir);
}

static void
book(void **state)
{
	struct live lv;
	char *err = NULL, *s, old[4096];
	json_t *ev;

	(void)state;
	tree_make(old, sizeof(old));
	assert_int_equal(live_open(&lv, 1, NULL, 0, NULL, -1, 0, NULL, &err),
	    0);
	assert_int_equal(lv.nsteps, 3);
	assert_non_null(lv.page);
	assert_non_null(strstr(lv.page->p, "connect-src &#39;self&#39;"));

	/* Nothing changed: nothing to say. */
	ev = rebuild(&lv, LIVE_NONE);
	assert_null(ev);

	/* G:020's code: it alone is made again. */
	put("a.c", "/*G:010 First.\n */\nint a;\n/*:*/\n\n"
	    "/*G:020 Second.\n */\nlong b;\n/*:*/\n");
	live_changed(&lv, "a.c", 2);
	ev = rebuild(&lv, LIVE_CHANGE);
	s = steps_of(ev);
	assert_string_equal(s, "G:010=0 G:020* G:030=2");
	free(s);
	assert_null(json_object_get(ev, "front"));
	json_decref(ev);

	/* The same bytes again: nothing. */
	live_changed(&lv, "a.c", 2);
	assert_null(rebuild(&lv, LIVE_NONE));

	/* G:010's title: it, its neighbour's links, and the contents. */
	put("a.c", "/*G:010 Begin.\n */\nint a;\n/*:*/\n\n"
	    "/*G:020 Second.\n */\nlong b;\n/*:*/\n");
	live_changed(&lv, "a.c", 2);
	ev = rebuild(&lv, LIVE_CHANGE);
	s = steps_of(ev);
	/*
	 * G:030 names G:010, so it is made again, but its reference shows
	 * no title: the same bytes, kept.
	 */
	assert_string_equal(s, "G:010* G:020* G:030=2");
	free(s);
	assert_non_null(json_object_get(ev, "front"));
	json_decref(ev);

	/* A new file: its step, in order, marked as new. */
	put("c.c", "/*G:015 Between.\n */\n");
	live_changed(&lv, "c.c", 1);
	ev = rebuild(&lv, LIVE_CHANGE);
	s = steps_of(ev);
	assert_string_equal(s, "G:010* G:015+ G:020* G:030=2");
	free(s);
	assert_int_equal(json_array_size(json_object_get(ev, "added")), 1);
	json_decref(ev);

	/* A duplicate: the diagnostics alone, the book kept. */
	put("d.c", "/*G:020 Twice.\n */\n");
	live_changed(&lv, "d.c", 1);
	ev = rebuild(&lv, LIVE_PROBLEMS);
	assert_null(json_object_get(ev, "chapters"));
	/* One diagnostic, at d.c, naming a.c:6 too. */
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    json_object_get(ev, "diagnostics"), 0), "file")), "d.c");
	assert_non_null(strstr(json_string_value(json_object_get(
	    json_array_get(json_object_get(ev, "diagnostics"), 0),
	    "message")), "a.c:6"));
	json_decref(ev);
	assert_int_equal(lv.nsteps, 4);

	/* Fixed, and a file deleted: its step goes. */
	unlink("d.c");
	live_changed(&lv, "d.c", 3);
	unlink("c.c");
	live_changed(&lv, "c.c", 3);
	ev = rebuild(&lv, LIVE_CHANGE);
	s = steps_of(ev);
	assert_string_equal(s, "G:010* G:020* G:030=3");
	free(s);
	assert_string_equal(json_string_value(json_array_get(
	    json_object_get(ev, "removed"), 0)), "G:015");
	assert_int_equal(json_array_size(json_object_get(ev,
	    "diagnostics")), 0);
	json_decref(ev);
	live_close(&lv);
	tree_remove(old);
}

/* The pages of a split event, "name:G:010=,G:020*" each, and names. */
static char *
pages_of(json_t *ev)
{
	struct buf b = { 0 };
	json_t *pg, *o;
	size_t i, j;

	json_array_foreach(json_object_get(ev, "pages"), i, pg) {
		if (b.len > 0)
			buf_addc(&b, ' ');
		buf_adds(&b, json_string_value(json_object_get(pg, "name")));
		buf_addc(&b, ':');
		json_array_foreach(json_object_get(json_array_get(
		    json_object_get(pg, "chapters"), 0), "steps"), j, o) {
			if (j > 0)
				buf_addc(&b, ',');
			buf_adds(&b, json_string_value(json_object_get(o,
			    "id")));
			buf_adds(&b, json_object_get(o, "keep") != NULL ? "=" :
			    json_object_get(o, "was") != NULL ? "*" : "+");
		}
	}
	buf_adds(&b, " |");
	json_array_foreach(json_object_get(ev, "names"), i, o) {
		buf_addc(&b, ' ');
		buf_adds(&b, json_string_value(o));
	}
	return b.p;
}

static int
page_has(struct live *lv, const char *name, const char *what)
{
	struct live_page *pg = live_file(lv, name);
	int yes;

	if (pg == NULL)
		return -1;
	yes = memmem(pg->p, pg->len, what, strlen(what)) != NULL;
	live_page_unref(pg);
	return yes;
}

/* A book of many pages: its files, and what a change tells its pages. */
static void
split(void **state)
{
	struct live lv;
	char *err = NULL, *s, old[4096];
	json_t *ev;

	(void)state;
	tree_make(old, sizeof(old));
	/* Told to: this small tour as one page would not be split. */
	assert_int_equal(live_open(&lv, 1, NULL, 0, NULL, -1, 2, NULL, &err),
	    0);
	assert_int_equal(lv.split, 0);
	live_close(&lv);
	assert_int_equal(live_open(&lv, 1, NULL, 0, NULL, 1, 2, NULL, &err),
	    0);
	assert_int_equal(lv.split, 1);
	assert_int_equal(page_has(&lv, "index.html", "href=\"guest-2.html\""),
	    1);
	assert_int_equal(page_has(&lv, "guest.html", "id=\"G:020\""), 1);
	assert_int_equal(page_has(&lv, "guest.html", "id=\"G:030\""), 0);
	/* G:030, on the second page, links to G:010 on the first. */
	assert_int_equal(page_has(&lv, "guest-2.html",
	    "href=\"guest.html#G:010\""), 1);
	assert_int_equal(page_has(&lv, "guest.html", "src=\"live.js\""), 1);
	assert_int_equal(page_has(&lv, "live.js", "EventSource"), 1);
	assert_int_equal(page_has(&lv, "book.css", ".toc"), 1);
	assert_int_equal(page_has(&lv, "search.js", "\"G:030\""), 1);
	assert_int_equal(page_has(&lv, "guest-3.html", "G"), -1);
	assert_int_equal(page_has(&lv, "../a.c", "G"), -1);
	assert_null(lv.page);

	/* G:020's code: its page alone is told, its one step new. */
	put("a.c", "/*G:010 First.\n */\nint a;\n/*:*/\n\n"
	    "/*G:020 Second.\n */\nlong b;\n/*:*/\n");
	live_changed(&lv, "a.c", 2);
	ev = rebuild(&lv, LIVE_CHANGE);
	assert_true(json_is_true(json_object_get(ev, "split")));
	s = pages_of(ev);
	assert_string_equal(s, "guest.html:G:010=,G:020* | index.html "
	    "guest.html guest-2.html book.css book.js live.js");
	free(s);
	json_decref(ev);
	assert_int_equal(page_has(&lv, "guest.html", "long"), 1);

	/* The same bytes again: nothing. */
	live_changed(&lv, "a.c", 2);
	assert_null(rebuild(&lv, LIVE_NONE));

	/*
	 * A step before G:020: the pages are laid out again, G:020 goes on
	 * to the second page, G:030 to a third; the index page's contents
	 * change too.
	 */
	put("c.c", "/*G:015 Between.\n */\n");
	live_changed(&lv, "c.c", 1);
	ev = rebuild(&lv, LIVE_CHANGE);
	s = pages_of(ev);
	assert_string_equal(s, "index.html: guest.html:G:010*,G:015+ "
	    "guest-2.html:G:020*,G:030* | index.html guest.html guest-2.html "
	    "book.css book.js live.js");
	free(s);
	json_decref(ev);

	/* A duplicate: the diagnostics alone, the pages kept. */
	put("d.c", "/*G:030 Twice.\n */\n");
	live_changed(&lv, "d.c", 1);
	ev = rebuild(&lv, LIVE_PROBLEMS);
	assert_null(json_object_get(ev, "pages"));
	json_decref(ev);
	assert_int_equal(page_has(&lv, "guest-2.html", "Twice"), 0);
	/* Fixed: the diagnostics go; no page changed. */
	unlink("d.c");
	live_changed(&lv, "d.c", 3);
	ev = rebuild(&lv, LIVE_CHANGE);
	assert_null(json_object_get(ev, "pages"));
	assert_int_equal(json_array_size(json_object_get(ev,
	    "diagnostics")), 0);
	json_decref(ev);

	/* Deleted: G:015 goes, and the book is two pages again. */
	unlink("c.c");
	live_changed(&lv, "c.c", 3);
	ev = rebuild(&lv, LIVE_CHANGE);
	assert_string_equal(json_string_value(json_array_get(
	    json_object_get(ev, "removed"), 0)), "G:015");
	json_decref(ev);
	assert_int_equal(page_has(&lv, "guest-2.html", "id=\"G:030\""), 1);
	assert_int_equal(page_has(&lv, "guest-2.html", "id=\"G:020\""), 0);
	live_close(&lv);
	tree_remove(old);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(routes),
		cmocka_unit_test(hosts),
		cmocka_unit_test(temp_names),
		cmocka_unit_test(book),
		cmocka_unit_test(split),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
