/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * serve.h: quest serve, a live web book that follows every save.
 *
 *   live.c    the book: the tour of the workspace (lsp_ws, shared with
 *             quest lsp), its page, one article a step, and what a change
 *             makes of it, an event for the pages
 *   watch.c   inotify on the tour's directories, what changed, by path
 *   serve.c   the HTTP server (libmicrohttpd) and its one loop: requests,
 *             streams of Server-Sent Events, the watch, the signals
 */
#ifndef QUEST_SERVE_H
#define QUEST_SERVE_H

#include <jansson.h>

#include "book.h"
#include "lsp.h"

/* The page as served: shared by the responses that send it. */
struct live_page {
	int		 refs;
	char		*p;
	size_t		 len;
	unsigned long	 gen;
};

struct live_step {
	char		*id;
	struct buf	 key;		/* what its article is made of */
	struct buf	 art;		/* its article */
};

/* A file of a book of many pages, as served. */
struct live_file {
	char		*name;		/* "index.html", "guest.html"... */
	struct live_page *pg;
};

struct live_vers {
	char		*path;
	unsigned long	 v;		/* read again that many times */
};

struct live {
	struct lsp_ws	 ws;
	int		 argc;		/* the chapters asked for */
	char		**argv;
	const char	*link_base;
	int		 jobs;
	unsigned long	 epoch;		/* a reload renders every step */
	struct live_vers *vers;		/* by path */
	size_t		 nvers;
	struct live_step *steps;	/* the book's, in its order */
	size_t		 nsteps;
	struct buf	 front;		/* its front page, contents */
	struct buf	 chapters;	/* its chapters' ids and names */
	struct live_page *page;
	int		 stale;		/* the page is behind the steps */
	/* The page with a byte in place of each kept article. */
	struct buf	 skel;
	size_t		*at;		/* where step k's article goes */
	size_t		*skip;		/* what skel has there */
	/*
	 * A book of many pages (split): each of its files whole, the plan
	 * they were made by, and search.js, made when it is asked for.
	 */
	int		 split;
	size_t		 page_steps;	/* --page-steps; 0: the default */
	struct live_file *files;	/* by name */
	size_t		 nfiles;
	struct book_plan plan;
	struct live_page *search;
	json_t		*diags;		/* check's, as the overlay shows */
	int		 good;		/* the book is of a tour without
					 * errors, or has never been */
	unsigned long	 gen;		/* the book's, one a change */
	size_t		 made;		/* articles the last build made
					 * again, their code highlighted */
};

/* What quest serve's pages are told, one a build. */
enum live_event {
	LIVE_NONE,		/* nothing the pages show changed */
	LIVE_CHANGE,		/* the book: steps, contents, diagnostics */
	LIVE_PROBLEMS,		/* errors: the last good book stays */
};

/*
 * A book whose steps span more of the tree than this is one of many
 * pages: as one, it would be a page of some 5 MB, slow to open.
 */
#define LIVE_SPLIT_TEXT	(1UL << 20)

/*
 * Load the tour from the current directory and make its book: of many
 * pages when split is 1, or when split is -1 and the tour is that big.
 */
int	live_open(struct live *, int jobs, const char *link_base, int argc,
	    char **argv, int split, size_t page_steps,
	    void (*warn)(const char *), char **err);
void	live_close(struct live *);
/* A path of the tree changed: 1 created, 2 changed, 3 deleted; 0 all. */
void	live_changed(struct live *, const char *path, int how);
/* Build again what changed; *ev (a new reference) says it to the pages. */
enum live_event live_rebuild(struct live *, json_t **ev);
/*
 * The page of the book as it is, put together when it is asked for
 * after a change, from the articles and the page around them.
 */
void	live_page_make(struct live *);
/*
 * A file of a book of many pages by its name ("guest.html", "search.js"),
 * a new reference, or NULL: none such.
 */
struct live_page *live_file(struct live *, const char *name);
/* What a page is told as it connects: its generation, the diagnostics. */
json_t	*live_hello(const struct live *);
void	live_page_unref(struct live_page *);

/* watch.c */
struct watch;
/* Watch every directory beneath the current one: NULL, errno. */
struct watch *watch_open(void (*warn)(const char *));
int	watch_fd(const struct watch *);
/*
 * Read what inotify says: fn(arg, path, how, done) for each path (how as
 * live_changed's; path NULL, how 0: anything may have changed; done: the
 * file was closed, renamed or deleted, not only written).  0, or -1 and
 * errno.
 */
int	watch_read(struct watch *, void (*fn)(void *, const char *, int, int),
	    void *arg);
void	watch_close(struct watch *);
/* Is this a name an editor or a tool writes beside a file for a while? */
int	watch_temp_name(const char *name);

/* serve.c */
struct serve_opts {
	const char	*bind;		/* NULL: 127.0.0.1 */
	long		 port;		/* -1: 8000 or the next free one */
	int		 open;		/* --open: xdg-open the URL */
	int		 split;		/* --split: 1; else -1, by size */
	size_t		 page_steps;
	int		 jobs;
	const char	*link_base;
	int		 argc;
	char		**argv;
};

int	serve_run(const struct serve_opts *);

/* What a request's path names: the one table of the URL space. */
enum serve_route {
	ROUTE_NONE,		/* 404 */
	ROUTE_BOOK,		/* / and /index.html: the page */
	ROUTE_EVENTS,		/* /events: the stream */
	ROUTE_FILE,		/* /book.css, /NAME.html...: a file of a
				 * book of many pages, if it has it */
};

enum serve_route serve_route(const char *path);
/*
 * Is a Host header one of ours, for a server on port: localhost, a name
 * under .localhost or an IP literal, with that port (or none when it is
 * 80)?  A name that a DNS server answers is refused: it could rebind.
 */
int	serve_host_ok(const char *host, unsigned port);
/* Is an Origin header (NULL: none) of a page of ours? */
int	serve_origin_ok(const char *origin, unsigned port);

#endif
