/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * serve.c: quest serve's HTTP server, on GNU libmicrohttpd, and its one
 * loop.  The server answers GET and HEAD for the pages of the book and
 * for /events, a stream of Server-Sent Events, and nothing else: no path
 * of a request reaches a file of the tree.
 */
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/timerfd.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netdb.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "assets.h"
#include "serve.h"

#define STREAMS_MAX	64		/* pages following the book */
#define STREAM_QUEUE	(32UL << 20)	/* bytes a slow page may lag by */
#define CONNS_MAX	256
#define REQ_MEMORY	(32UL << 10)	/* a request's headers, at most */
#define CONN_TIMEOUT	30		/* seconds, but for streams */
#define QUIET_MS	50		/* after a write, a build */
#define SETTLE_MS	5		/* after a close or a rename */
#define BURST_MS	500		/* ... or this long after the first */
#define KEEPALIVE_S	30
#define PORT_FIRST	8000
#define PORT_TRIES	100

/*S:010 The URL space, one table: the book at `/` and `/index.html`, the
 * stream of events at `/events`.  A book of many pages has its files
 * too, `/guest.html`, `/book.css`, `/search.js`: a path of one name of
 * lower-case letters, digits and dashes, then `.html`, `.css` or `.js`,
 * is looked up among the files the book was made into (live_file()),
 * in memory.  Any other path is a 404, whatever it holds
 * (`/../../etc/passwd`, `%2e%2e`, a name of the tree): the server never
 * opens a file for a request.
 */
static const struct {
	const char	*path;
	enum serve_route route;
} routes[] = {
	{ "/", ROUTE_BOOK },
	{ "/index.html", ROUTE_BOOK },
	{ "/events", ROUTE_EVENTS },
};

enum serve_route
serve_route(const char *path)
{
	size_t i;

	static const char *const exts[] = { ".html", ".css", ".js" };
	size_t n;

	for (i = 0; i < sizeof(routes) / sizeof(routes[0]); i++)
		if (strcmp(routes[i].path, path) == 0)
			return routes[i].route;
	if (path[0] != '/')
		return ROUTE_NONE;
	for (n = 1; (path[n] >= 'a' && path[n] <= 'z') ||
	    (path[n] >= '0' && path[n] <= '9') || (path[n] == '-' && n > 1);
	    n++)
		;
	if (n == 1 || n > 80)
		return ROUTE_NONE;
	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
		if (strcmp(path + n, exts[i]) == 0)
			return ROUTE_FILE;
	return ROUTE_NONE;
}
/*:*/

/*S:020 A page of another site may make a browser ask this server too:
 * if its name resolves to 127.0.0.1 a moment after the page loads (DNS
 * rebinding), the browser takes the server's answers for that site's.
 * Such a request says the site's name in its Host header, so a request
 * is answered only when Host is `localhost`, a name under `.localhost`
 * (which browsers resolve to loopback themselves) or an IP literal, and
 * names this server's port.  The stream checks the Origin too, when the
 * browser sends one.
 */
int
serve_host_ok(const char *host, unsigned port)
{
	char name[256], addr[16];
	const char *end, *colon;
	size_t n, i;

	if (host == NULL || (n = strlen(host)) == 0 || n >= sizeof(name))
		return 0;
	if (host[0] == '[') {
		if ((end = strchr(host, ']')) == NULL)
			return 0;
		n = (size_t)(end - host - 1);
		memcpy(name, host + 1, n);
		name[n] = '\0';
		if (inet_pton(AF_INET6, name, addr) != 1)
			return 0;
		colon = end[1] == '\0' ? NULL : end + 1;
		if (colon != NULL && *colon != ':')
			return 0;
	} else {
		colon = strchr(host, ':');
		n = colon ? (size_t)(colon - host) : n;
		memcpy(name, host, n);
		name[n] = '\0';
		for (i = 0; i < n; i++)
			name[i] = (char)tolower((unsigned char)name[i]);
		if (n > 0 && name[n - 1] == '.')
			name[--n] = '\0';	/* localhost. is localhost */
		if (inet_pton(AF_INET, name, addr) != 1 &&
		    strcmp(name, "localhost") != 0 && (n <= 10 ||
		    strcmp(name + n - 10, ".localhost") != 0))
			return 0;
		for (i = 0; i < n; i++)
			if (!isalnum((unsigned char)name[i]) &&
			    name[i] != '.' && name[i] != '-')
				return 0;
	}
	if (colon == NULL)
		return port == 80;
	/* The port as a browser writes it: no sign, no leading zero. */
	(void)snprintf(name, sizeof(name), "%u", port);
	return strcmp(colon + 1, name) == 0;
}

int
serve_origin_ok(const char *origin, unsigned port)
{
	if (origin == NULL)
		return 1;
	if (strncmp(origin, "http://", 7) != 0 || strchr(origin + 7, '/'))
		return 0;
	return serve_host_ok(origin + 7, port);
}
/*:*/

struct server;

/* A page following the book: what it has yet to be sent. */
struct stream {
	struct server	*sv;
	struct MHD_Connection *c;
	struct buf	 q;
	size_t		 off;
	int		 suspended;
	int		 closing;
	struct stream	*prev, *next;
};

struct change {
	char		*path;
	int		 how;
};

struct server {
	struct live	 lv;
	struct MHD_Daemon *d;
	unsigned	 port;
	struct stream	*streams;
	size_t		 nstreams;
	struct change	*pend;		/* what changed, since the build */
	size_t		 npend;
	int		 all;		/* anything may have: read it all */
	struct timespec	 first;		/* the first change of them */
	int		 epfd, tfd, kfd, sfd;
	struct watch	*w;
	char		*csp, *csp_split;	/* of a page, of a book of
					 * many pages */
};

static void
say(const char *msg)
{
	fprintf(stderr, "quest: %s\n", msg);
}

static long
ms_since(const struct timespec *a)
{
	struct timespec b;

	clock_gettime(CLOCK_MONOTONIC, &b);
	return (b.tv_sec - a->tv_sec) * 1000 + (b.tv_nsec - a->tv_nsec) /
	    1000000;
}

static enum MHD_Result
reply(struct MHD_Connection *c, unsigned code, const char *text,
    const char *allow)
{
	struct MHD_Response *r;
	enum MHD_Result rc;

	r = MHD_create_response_from_buffer(strlen(text), (void *)text,
	    MHD_RESPMEM_PERSISTENT);
	if (r == NULL)
		return MHD_NO;
	MHD_add_response_header(r, "Content-Type", "text/plain; charset=utf-8");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Cache-Control", "no-store");
	if (allow != NULL)
		MHD_add_response_header(r, "Allow", allow);
	rc = MHD_queue_response(c, code, r);
	MHD_destroy_response(r);
	return rc;
}

static void
page_done(void *cls)
{
	live_page_unref(cls);
}

/*
 * The page, or a file of a book of many pages by its name (NULL: its
 * index page); 404 for a name that the book has no file of.
 */
static enum MHD_Result
reply_page(struct server *sv, struct MHD_Connection *c, const char *name)
{
	static const struct {
		const char	*ext, *type;
	} types[] = {
		{ ".html", "text/html; charset=utf-8" },
		{ ".css", "text/css; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" },
	};
	const char *type = types[0].type, *dot;
	struct live_page *pg;
	struct MHD_Response *r;
	enum MHD_Result rc;
	size_t i;

	if (sv->lv.split) {
		if ((pg = live_file(&sv->lv, name != NULL ? name :
		    "index.html")) == NULL)
			return reply(c, MHD_HTTP_NOT_FOUND, "Not found\n",
			    NULL);
		if (name != NULL && (dot = strrchr(name, '.')) != NULL)
			for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
				if (strcmp(dot, types[i].ext) == 0)
					type = types[i].type;
	} else if (name != NULL)
		return reply(c, MHD_HTTP_NOT_FOUND, "Not found\n", NULL);
	else {
		live_page_make(&sv->lv);
		pg = sv->lv.page;
		pg->refs++;
	}
	r = MHD_create_response_from_buffer_with_free_callback_cls(pg->len,
	    pg->p, page_done, pg);
	if (r == NULL) {
		live_page_unref(pg);
		return MHD_NO;
	}
	MHD_add_response_header(r, "Content-Type", type);
	MHD_add_response_header(r, "Cache-Control", "no-store");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "Content-Security-Policy",
	    sv->lv.split ? sv->csp_split : sv->csp);
	rc = MHD_queue_response(c, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return rc;
}

static void
stream_push(struct stream *st, const char *p, size_t n)
{
	if (st->closing)
		return;
	if (st->q.len - st->off + n > STREAM_QUEUE) {
		/* Too far behind: let it go; it comes back and reloads. */
		st->closing = 1;
		st->q.len = st->off = 0;
	} else
		buf_add(&st->q, p, n);
	if (st->suspended) {
		st->suspended = 0;
		MHD_resume_connection(st->c);
	}
}

/*S:060 Each page that follows the book holds a stream: a response of
 * unknown length whose bytes a callback gives as they come.  With
 * nothing to send, the callback suspends the connection and returns
 * nothing (returning nothing alone would have libmicrohttpd ask again at
 * once, spinning); a build resumes every stream it queued an event for.
 * A suspended connection does not see its page go, so every stream is
 * sent a comment line every 30 seconds, whose failure frees it.  A page
 * too slow to take its events is dropped: it reconnects, and reloads.
 */
static ssize_t
stream_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct stream *st = cls;
	size_t n;

	(void)pos;
	if (st->off < st->q.len) {
		n = st->q.len - st->off;
		if (n > max)
			n = max;
		memcpy(buf, st->q.p + st->off, n);
		st->off += n;
		return (ssize_t)n;
	}
	st->q.len = st->off = 0;
	if (st->closing)
		return MHD_CONTENT_READER_END_OF_STREAM;
	st->suspended = 1;
	MHD_suspend_connection(st->c);
	return 0;
}
/*:*/

static void
stream_free(void *cls)
{
	struct stream *st = cls;
	struct server *sv = st->sv;

	if (st->prev != NULL)
		st->prev->next = st->next;
	else
		sv->streams = st->next;
	if (st->next != NULL)
		st->next->prev = st->prev;
	sv->nstreams--;
	buf_free(&st->q);
	free(st);
}

static void
event_add(struct buf *b, const char *name, json_t *ev)
{
	char *text = json_dumps(ev, JSON_COMPACT);

	buf_printf(b, "event: %s\ndata: %s\n\n", name, text);
	free(text);
}

static enum MHD_Result
reply_events(struct server *sv, struct MHD_Connection *c, int head)
{
	struct MHD_Response *r;
	struct stream *st;
	enum MHD_Result rc;
	json_t *hello;

	if (!serve_origin_ok(MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_ORIGIN), sv->port))
		return reply(c, MHD_HTTP_FORBIDDEN, "Forbidden\n", NULL);
	if (head) {
		r = MHD_create_response_from_buffer(0, NULL,
		    MHD_RESPMEM_PERSISTENT);
		st = NULL;
	} else {
		if (sv->nstreams >= STREAMS_MAX)
			return reply(c, MHD_HTTP_SERVICE_UNAVAILABLE,
			    "Too many pages follow this book\n", NULL);
		st = xcalloc(1, sizeof(*st));
		st->sv = sv;
		st->c = c;
		/* A page reconnects half a second after a drop. */
		buf_adds(&st->q, "retry: 500\n");
		hello = live_hello(&sv->lv);
		event_add(&st->q, "hello", hello);
		json_decref(hello);
		r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN,
		    16 << 10, stream_read, st, stream_free);
		if (r == NULL) {
			buf_free(&st->q);
			free(st);
			return MHD_NO;
		}
		st->next = sv->streams;
		if (sv->streams != NULL)
			sv->streams->prev = st;
		sv->streams = st;
		sv->nstreams++;
		/* No timeout: the keep-alive finds the pages gone. */
		MHD_set_connection_option(c, MHD_CONNECTION_OPTION_TIMEOUT,
		    (unsigned int)0);
	}
	MHD_add_response_header(r, "Content-Type", "text/event-stream");
	MHD_add_response_header(r, "Cache-Control", "no-cache");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	rc = MHD_queue_response(c, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return rc;
}

static enum MHD_Result
handle(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **ptr)
{
	struct server *sv = cls;
	int head;

	(void)version;
	(void)upload;
	(void)upload_size;
	(void)ptr;
	if (!serve_host_ok(MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_HOST), sv->port))
		return reply(c, MHD_HTTP_FORBIDDEN, "Forbidden: not a name "
		    "of this server\n", NULL);
	head = strcmp(method, MHD_HTTP_METHOD_HEAD) == 0;
	if (!head && strcmp(method, MHD_HTTP_METHOD_GET) != 0)
		return reply(c, MHD_HTTP_METHOD_NOT_ALLOWED,
		    "Method not allowed\n", "GET, HEAD");
	switch (serve_route(url)) {
	case ROUTE_BOOK:
		return reply_page(sv, c, NULL);
	case ROUTE_FILE:
		return reply_page(sv, c, url + 1);
	case ROUTE_EVENTS:
		return reply_events(sv, c, head);
	default:
		return reply(c, MHD_HTTP_NOT_FOUND, "Not found\n", NULL);
	}
}

static void
broadcast(struct server *sv, const char *name, json_t *ev)
{
	struct buf b = { 0 };
	struct stream *st;

	if (name != NULL)
		event_add(&b, name, ev);
	else
		buf_adds(&b, ":\n\n");
	for (st = sv->streams; st != NULL; st = st->next)
		stream_push(st, b.p, b.len);
	buf_free(&b);
}

static void
pending(void *arg, const char *path, int how, int done)
{
	struct server *sv = arg;
	struct itimerspec its = { 0 };
	long left, wait = done ? SETTLE_MS : QUIET_MS;
	size_t i;

	if (sv->npend == 0 && !sv->all)
		clock_gettime(CLOCK_MONOTONIC, &sv->first);
	if (path == NULL)
		sv->all = 1;
	else {
		for (i = 0; i < sv->npend; i++)
			if (strcmp(sv->pend[i].path, path) == 0)
				break;
		if (i == sv->npend) {
			sv->pend = xreallocarray(sv->pend, sv->npend + 1,
			    sizeof(*sv->pend));
			sv->pend[sv->npend].path = xstrdup(path);
			sv->pend[sv->npend++].how = how;
		} else if (!(sv->pend[i].how == 1 && how == 2))
			sv->pend[i].how = how;	/* made, then written: made */
	}
	/*
	 * A build when the tree has been quiet for 5 ms after a file was
	 * closed or renamed into place, 50 ms after a write to a file still
	 * open, or half a second after the first change, whichever comes
	 * first.
	 */
	left = BURST_MS - ms_since(&sv->first);
	if (left < wait)
		wait = left > 1 ? left : 1;
	its.it_value.tv_nsec = wait * 1000000L;
	(void)timerfd_settime(sv->tfd, 0, &its, NULL);
}

/*S:070 A build, when the saves have gone quiet: every path that changed
 * is read again (quest lsp's workspace, lsp_ws.c, does it: beneath the
 * root, never through a link, the language by name or #! line, binary
 * files and FIFOs passed over), the tour rebuilt and checked, the book
 * made again (live.c), and the event sent to every page.  A tour with
 * errors keeps the last good book: the pages are told the diagnostics
 * alone.
 */
static void
build(struct server *sv)
{
	struct timespec t0, c0, c1;
	enum live_event e;
	json_t *ev;
	size_t i;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
	if (sv->all)
		live_changed(&sv->lv, NULL, 0);
	else
		for (i = 0; i < sv->npend; i++)
			live_changed(&sv->lv, sv->pend[i].path,
			    sv->pend[i].how);
	for (i = 0; i < sv->npend; i++)
		free(sv->pend[i].path);
	free(sv->pend);
	sv->pend = NULL;
	sv->npend = 0;
	sv->all = 0;
	e = live_rebuild(&sv->lv, &ev);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
	if (e == LIVE_CHANGE)
		broadcast(sv, "change", ev);
	else if (e == LIVE_PROBLEMS)
		broadcast(sv, "problems", ev);
	if (e != LIVE_NONE)
		fprintf(stderr, "quest: %s: %zu changed, %zu added, %zu "
		    "removed, %zu diagnostics, %zu highlighted, %ld ms "
		    "(CPU %ld ms)\n", e == LIVE_CHANGE ?
		    "rebuilt" : "errors, the book kept",
		    json_array_size(json_object_get(ev, "changed")),
		    json_array_size(json_object_get(ev, "added")),
		    json_array_size(json_object_get(ev, "removed")),
		    json_array_size(json_object_get(ev, "diagnostics")),
		    sv->lv.made, ms_since(&t0), (c1.tv_sec - c0.tv_sec) * 1000 +
		    (c1.tv_nsec - c0.tv_nsec) / 1000000);
	json_decref(ev);
}
/*:*/

/*
 * The listening socket: ADDR and port, or with no --port 8000 and the
 * next ones until one is free.  Its port in *port.
 */
static int
listen_on(const char *addr, long want, unsigned *port, int *v6, char **err)
{
	struct addrinfo hints = { 0 }, *ai;
	struct sockaddr_storage ss;
	socklen_t len;
	long p, last;
	int fd, e, one = 1;

	hints.ai_flags = AI_NUMERICHOST | AI_PASSIVE;
	hints.ai_socktype = SOCK_STREAM;
	if ((e = getaddrinfo(addr, NULL, &hints, &ai)) != 0) {
		*err = xasprintf("--bind %s: not an IP address: %s", addr,
		    gai_strerror(e));
		return -1;
	}
	*v6 = ai->ai_family == AF_INET6;
	p = want < 0 ? PORT_FIRST : want;
	last = want < 0 ? PORT_FIRST + PORT_TRIES - 1 : want;
	for (; p <= last; p++) {
		if ((fd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC,
		    0)) == -1)
			break;
		(void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one,
		    sizeof(one));
		if (*v6)
			(void)setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one,
			    sizeof(one));
		memcpy(&ss, ai->ai_addr, ai->ai_addrlen);
		if (*v6)
			((struct sockaddr_in6 *)(void *)&ss)->sin6_port =
			    htons((uint16_t)p);
		else
			((struct sockaddr_in *)(void *)&ss)->sin_port =
			    htons((uint16_t)p);
		if (bind(fd, (struct sockaddr *)&ss, ai->ai_addrlen) == 0 &&
		    listen(fd, 64) == 0) {
			len = sizeof(ss);
			(void)getsockname(fd, (struct sockaddr *)&ss, &len);
			*port = ntohs(*v6 ?
			    ((struct sockaddr_in6 *)(void *)&ss)->sin6_port :
			    ((struct sockaddr_in *)(void *)&ss)->sin_port);
			freeaddrinfo(ai);
			return fd;
		}
		e = errno;
		close(fd);
		errno = e;
		if (e != EADDRINUSE)
			break;
	}
	e = errno;
	freeaddrinfo(ai);
	if (want < 0 && e == EADDRINUSE)
		*err = xasprintf("no free port from %d to %d on %s",
		    PORT_FIRST, PORT_FIRST + PORT_TRIES - 1, addr);
	else
		*err = xasprintf("cannot listen on %s port %ld: %s", addr,
		    want < 0 ? p : want, strerror(e));
	return -1;
}

/* --open: the reader's browser, if xdg-open is there; never required. */
static void
open_browser(const char *url)
{
	posix_spawn_file_actions_t fa;
	char *argv[] = { "xdg-open", (char *)url, NULL };
	extern char **environ;
	pid_t pid;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	if (posix_spawnp(&pid, "xdg-open", &fa, NULL, argv, environ) != 0)
		say("--open: no xdg-open here; open the URL by hand");
	posix_spawn_file_actions_destroy(&fa);
}

static int
ep_add(int epfd, int fd, uint32_t tag)
{
	struct epoll_event ev = { 0 };

	ev.events = EPOLLIN;
	ev.data.u32 = tag;
	return epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev);
}

enum { EV_MHD = 1, EV_WATCH, EV_QUIET, EV_KEEP, EV_SIGNAL };

/* SIGINT, SIGTERM: every stream ended, the daemon stopped. */
static void
shutdown_streams(struct server *sv)
{
	struct stream *st;
	struct timespec t0;

	for (st = sv->streams; st != NULL; st = st->next) {
		st->closing = 1;
		if (st->suspended) {
			st->suspended = 0;
			MHD_resume_connection(st->c);
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (sv->streams != NULL && ms_since(&t0) < 1000) {
		struct epoll_event ev;

		(void)epoll_wait(sv->epfd, &ev, 1, 10);
		MHD_run(sv->d);
	}
}

/*S:005 quest serve is one thread and one loop, as quest lsp is: an
 * epoll(7) set holds libmicrohttpd's own epoll descriptor (the daemon
 * runs in external epoll mode, MHD_run() when it is ready), the
 * inotify descriptor, a timer for the quiet after a save, a timer for
 * the streams' keep-alive and a signalfd for SIGINT and SIGTERM.  No
 * build races a request, and nothing needs a lock: the book a response
 * sends is a page with a count of references, so that a build may put a
 * new page in place while an old one is still being sent.  A build uses
 * every core, in the web book's pool, and returns before the loop goes
 * on.
 */
int
serve_run(const struct serve_opts *o)
{
	static struct server sv;
	struct itimerspec keep = { { KEEPALIVE_S, 0 }, { KEEPALIVE_S, 0 } };
	struct epoll_event evs[8];
	const union MHD_DaemonInfo *di;
	MHD_UNSIGNED_LONG_LONG to;
	const char *addr = o->bind ? o->bind : "127.0.0.1";
	char *err = NULL, *url;
	uint64_t u;
	sigset_t sigs;
	int fd, v6, n, i, ms, rc = 2, stop = 0;

	memset(&sv, 0, sizeof(sv));
	sv.epfd = sv.tfd = sv.kfd = sv.sfd = -1;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	/* Before any thread starts: they all leave the signals to us. */
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);
	lsp_json_init();
	if ((fd = listen_on(addr, o->port, &sv.port, &v6, &err)) == -1) {
		fprintf(stderr, "quest: %s\n", err);
		free(err);
		return 2;
	}
	if (live_open(&sv.lv, o->jobs, o->link_base, o->argc, o->argv,
	    o->split, o->page_steps, say, &err) == -1) {
		fprintf(stderr, "quest: %s\n", err);
		free(err);
		close(fd);
		return 2;
	}
	sv.csp = xasprintf("default-src 'none'; script-src '%s' '%s'; "
	    "style-src '%s'; img-src data:; connect-src 'self'; "
	    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
	    asset_js_hash, asset_live_js_hash, asset_css_hash);
	/* A book of many pages: its scripts and its stylesheet are files. */
	sv.csp_split = xstrdup("default-src 'none'; script-src 'self'; "
	    "style-src 'self'; img-src data:; connect-src 'self'; "
	    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
	if ((sv.w = watch_open(say)) == NULL) {
		fprintf(stderr, "quest: cannot watch the tree: %s\n",
		    strerror(errno));
		goto out;
	}
	sv.d = MHD_start_daemon(MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME |
	    (v6 ? MHD_USE_IPv6 : 0), 0, NULL, NULL, handle, &sv,
	    MHD_OPTION_LISTEN_SOCKET, fd,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned int)CONNS_MAX,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)REQ_MEMORY,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)CONN_TIMEOUT,
	    MHD_OPTION_END);
	if (sv.d == NULL) {
		say("cannot start the HTTP server");
		close(fd);
		goto out;
	}
	if ((di = MHD_get_daemon_info(sv.d, MHD_DAEMON_INFO_EPOLL_FD)) ==
	    NULL || (sv.epfd = epoll_create1(EPOLL_CLOEXEC)) == -1 ||
	    (sv.tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK |
	    TFD_CLOEXEC)) == -1 || (sv.kfd = timerfd_create(CLOCK_MONOTONIC,
	    TFD_NONBLOCK | TFD_CLOEXEC)) == -1 || (sv.sfd = signalfd(-1,
	    &sigs, SFD_NONBLOCK | SFD_CLOEXEC)) == -1 ||
	    ep_add(sv.epfd, di->epoll_fd, EV_MHD) == -1 ||
	    ep_add(sv.epfd, watch_fd(sv.w), EV_WATCH) == -1 ||
	    ep_add(sv.epfd, sv.tfd, EV_QUIET) == -1 ||
	    ep_add(sv.epfd, sv.kfd, EV_KEEP) == -1 ||
	    ep_add(sv.epfd, sv.sfd, EV_SIGNAL) == -1 ||
	    timerfd_settime(sv.kfd, 0, &keep, NULL) == -1) {
		fprintf(stderr, "quest: cannot start the loop: %s\n",
		    strerror(errno));
		goto out;
	}
	url = xasprintf(v6 ? "http://[%s]:%u/" : "http://%s:%u/", addr,
	    sv.port);
	/* The first line of the output: a test reads the port there. */
	printf("%s\n", url);
	fflush(stdout);
	if (sv.lv.split)
		fprintf(stderr, "quest: serving the book, %zu pages, at %s; "
		    "Ctrl-C stops\n", sv.lv.plan.n + 1, url);
	else
		fprintf(stderr, "quest: serving the book at %s; Ctrl-C "
		    "stops\n", url);
	if (o->open)
		open_browser(url);
	free(url);
	while (!stop) {
		ms = -1;
		if (MHD_get_timeout(sv.d, &to) == MHD_YES)
			ms = to > INT_MAX ? INT_MAX : (int)to;
		if ((n = epoll_wait(sv.epfd, evs, 8, ms)) == -1) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "quest: epoll: %s\n", strerror(errno));
			break;
		}
		for (i = 0; i < n; i++)
			switch (evs[i].data.u32) {
			case EV_WATCH:
				if (watch_read(sv.w, pending, &sv) == -1)
					fprintf(stderr, "quest: inotify: %s\n",
					    strerror(errno));
				break;
			case EV_QUIET:
				if (read(sv.tfd, &u, sizeof(u)) > 0 &&
				    (sv.npend > 0 || sv.all))
					build(&sv);
				break;
			case EV_KEEP:
				if (read(sv.kfd, &u, sizeof(u)) > 0)
					broadcast(&sv, NULL, NULL);
				break;
			case EV_SIGNAL:
				stop = 1;
				break;
			default:
				break;
			}
		MHD_run(sv.d);
	}
	shutdown_streams(&sv);
	rc = 0;
out:
	if (sv.d != NULL)
		MHD_stop_daemon(sv.d);
	if (sv.d == NULL && sv.w == NULL)
		close(fd);
	watch_close(sv.w);
	for (i = 0; i < (int)sv.npend; i++)
		free(sv.pend[i].path);
	free(sv.pend);
	if (sv.epfd != -1)
		close(sv.epfd);
	if (sv.tfd != -1)
		close(sv.tfd);
	if (sv.kfd != -1)
		close(sv.kfd);
	if (sv.sfd != -1)
		close(sv.sfd);
	free(sv.csp);
	free(sv.csp_split);
	live_close(&sv.lv);
	return rc;
}
/*:*/
