/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * watch.c: what changed in the tree, from inotify(7).
 */
#include <sys/inotify.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "serve.h"

/* A watch a directory, by watch descriptor: inotify gives them rising. */
struct wdir {
	int		 wd;
	char		*path;		/* relative to the root; "" the root */
};

struct watch {
	int		 fd;
	struct wdir	*v;
	size_t		 n;
	void		(*warn)(const char *);
	int		 full;		/* the kernel's limit was reached */
};

#define WATCH_MAX	65536	/* directories */
#define WATCH_MASK	(IN_CLOSE_WRITE | IN_MODIFY | IN_CREATE | \
	    IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ONLYDIR | \
	    IN_DONT_FOLLOW | IN_EXCL_UNLINK)

static size_t
wd_find(const struct watch *w, int wd, int *found)
{
	size_t lo = 0, hi = w->n, mid;

	*found = 0;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (w->v[mid].wd == wd) {
			*found = 1;
			return mid;
		}
		if (w->v[mid].wd < wd)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void
wd_drop(struct watch *w, size_t i)
{
	free(w->v[i].path);
	memmove(w->v + i, w->v + i + 1, (w->n - i - 1) * sizeof(*w->v));
	w->n--;
}

int
watch_temp_name(const char *name)
{
	size_t n = strlen(name);

	return n == 0 || name[n - 1] == '~' || strcmp(name, "4913") == 0 ||
	    strncmp(name, ".#", 2) == 0 || (name[0] == '#' && n > 1 &&
	    name[n - 1] == '#') || (n > 4 && (strcmp(name + n - 4, ".swp")
	    == 0 || strcmp(name + n - 4, ".swx") == 0 ||
	    strcmp(name + n - 4, ".swo") == 0));
}

struct report {
	void		(*fn)(void *, const char *, int, int);
	void		*arg;
};

static char *
join(const char *dir, const char *name)
{
	return *dir == '\0' ? xstrdup(name) : xasprintf("%s/%s", dir, name);
}

/*S:030 Watch directories, never files: an editor that saves by writing
 * a new file and renaming it over the old one leaves a watch on the file
 * watching nothing.  Every directory beneath the root is watched (but
 * .git, whose churn is no file of the tour), and a directory made later,
 * or moved in, is watched as it comes, its files reported as new: a
 * checkout that makes a directory of sources is seen whole.
 */
static void
add_tree(struct watch *w, const char *rel, const struct report *r)
{
	struct dirent *de;
	struct stat st;
	DIR *d;
	char *sub;
	size_t i;
	int wd, fd, found;

	if (w->n >= WATCH_MAX)
		return;
	if ((wd = inotify_add_watch(w->fd, *rel ? rel : ".", WATCH_MASK)) ==
	    -1) {
		if ((errno == ENOSPC || errno == ENOMEM) && !w->full &&
		    w->warn != NULL) {
			w->full = 1;
			w->warn("not every directory is watched: the limit "
			    "of inotify watches is reached (fs.inotify."
			    "max_user_watches)");
		}
		return;
	}
	i = wd_find(w, wd, &found);
	if (found) {
		/* The same directory, seen again (moved): its new name. */
		free(w->v[i].path);
		w->v[i].path = xstrdup(rel);
	} else {
		w->v = xreallocarray(w->v, w->n + 1, sizeof(*w->v));
		memmove(w->v + i + 1, w->v + i, (w->n - i) * sizeof(*w->v));
		w->v[i].wd = wd;
		w->v[i].path = xstrdup(rel);
		w->n++;
	}
	if ((fd = open(*rel ? rel : ".", O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) == -1)
		return;
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0 ||
		    (*rel == '\0' && strcmp(de->d_name, ".git") == 0))
			continue;
		if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) ==
		    -1)
			continue;
		sub = join(rel, de->d_name);
		if (S_ISDIR(st.st_mode))
			add_tree(w, sub, r);
		else if (r != NULL && S_ISREG(st.st_mode) &&
		    !watch_temp_name(de->d_name))
			r->fn(r->arg, sub, 1, 1);
		free(sub);
	}
	closedir(d);
}
/*:*/

struct watch *
watch_open(void (*warn)(const char *))
{
	struct watch *w;
	int fd;

	if ((fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) == -1)
		return NULL;
	w = xcalloc(1, sizeof(*w));
	w->fd = fd;
	w->warn = warn;
	add_tree(w, "", NULL);
	return w;
}

int
watch_fd(const struct watch *w)
{
	return w->fd;
}

/* A directory moved away: it and what is beneath it are no more ours. */
static void
forget(struct watch *w, const char *rel)
{
	size_t i, n = strlen(rel);

	for (i = 0; i < w->n;) {
		if (strncmp(w->v[i].path, rel, n) == 0 &&
		    (w->v[i].path[n] == '\0' || w->v[i].path[n] == '/')) {
			(void)inotify_rm_watch(w->fd, w->v[i].wd);
			wd_drop(w, i);
		} else
			i++;
	}
}

static void
event(struct watch *w, const struct inotify_event *ev, const struct report *r)
{
	size_t i;
	char *path;
	int found;

	if (ev->mask & IN_Q_OVERFLOW) {
		r->fn(r->arg, NULL, 0, 1);
		return;
	}
	i = wd_find(w, ev->wd, &found);
	if (!found)
		return;
	if (ev->mask & IN_IGNORED) {
		wd_drop(w, i);
		return;
	}
	if (ev->len == 0 || ev->name[0] == '\0')
		return;
	if (*w->v[i].path == '\0' && strcmp(ev->name, ".git") == 0)
		return;
	path = join(w->v[i].path, ev->name);
	if (ev->mask & IN_ISDIR) {
		if (ev->mask & (IN_CREATE | IN_MOVED_TO))
			add_tree(w, path, r);
		else if (ev->mask & IN_MOVED_FROM) {
			/* Its files went with it, unnamed: read it all. */
			forget(w, path);
			r->fn(r->arg, NULL, 0, 1);
		}
	} else if (!watch_temp_name(ev->name)) {
		/* Done: closed after a write, renamed in place, gone. */
		if (ev->mask & IN_CREATE)
			r->fn(r->arg, path, 1, 0);
		else if (ev->mask & IN_MOVED_TO)
			r->fn(r->arg, path, 1, 1);
		else if (ev->mask & IN_MODIFY)
			r->fn(r->arg, path, 2, 0);
		else if (ev->mask & IN_CLOSE_WRITE)
			r->fn(r->arg, path, 2, 1);
		else if (ev->mask & (IN_DELETE | IN_MOVED_FROM))
			r->fn(r->arg, path, 3, 1);
	}
	free(path);
}

int
watch_read(struct watch *w, void (*fn)(void *, const char *, int, int),
    void *arg)
{
	char buf[64 << 10] __attribute__((aligned(8)));
	const struct inotify_event *ev;
	struct report r = { fn, arg };
	ssize_t n;
	char *p;

	for (;;) {
		if ((n = read(w->fd, buf, sizeof(buf))) == -1) {
			if (errno == EAGAIN)
				return 0;
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0)
			return 0;
		for (p = buf; p < buf + n; p += sizeof(*ev) + ev->len) {
			ev = (const struct inotify_event *)(void *)p;
			event(w, ev, &r);
		}
	}
}

void
watch_close(struct watch *w)
{
	size_t i;

	if (w == NULL)
		return;
	close(w->fd);
	for (i = 0; i < w->n; i++)
		free(w->v[i].path);
	free(w->v);
	free(w);
}
