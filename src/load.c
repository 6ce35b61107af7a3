/*
 * load.c: find the root, read the config, list the files, scan them in
 * parallel, build the tree.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "load.h"
#include "walk.h"

/* A NUL in the first block makes a file binary, as for git and grep. */
#define BINARY_BLOCK	8000

/* Find the nearest .quest upwards and change to its directory. */
static int
find_root(char **sub, int *found, char **err)
{
	char cwd[PATH_MAX], dir[PATH_MAX], *slash;
	struct stat st;
	char *cfg;

	if (getcwd(cwd, sizeof(cwd)) == NULL) {
		*err = xasprintf("cannot find the current directory: %s",
		    strerror(errno));
		return -1;
	}
	*found = 0;
	memcpy(dir, cwd, sizeof(dir));
	for (;;) {
		cfg = path_join(dir, ".quest");
		if (stat(cfg, &st) == 0 && S_ISREG(st.st_mode)) {
			free(cfg);
			*found = 1;
			break;
		}
		free(cfg);
		if (strcmp(dir, "/") == 0) {
			/* No config anywhere: the root is where we are. */
			*sub = xstrdup("");
			return 0;
		}
		slash = strrchr(dir, '/');
		if (slash == NULL || slash == dir)
			strcpy(dir, "/");
		else
			*slash = '\0';
	}
	if (chdir(dir) == -1) {
		*err = xasprintf("cannot change to %s: %s", dir, strerror(errno));
		return -1;
	}
	if (strcmp(dir, "/") == 0)
		*sub = xstrdup(cwd + 1);
	else
		*sub = xstrdup(cwd[strlen(dir)] == '/' ? cwd + strlen(dir) + 1 :
		    cwd + strlen(dir));
	return 0;
}

struct scanner {
	struct tour	*t;
	char		**paths;
	size_t		 n;
	atomic_size_t	 next;
	struct qfile	**out;	/* one slot per path: NULL, or the file */
};

/*
 * Read path into b.  Returns 1 when it is a text file to scan, 0 to skip it
 * in silence, -1 when it cannot be read (reported).
 */
static int
read_one(struct tour *t, const char *path, struct buf *b)
{
	struct stat st;
	ssize_t r;
	int fd;

	b->len = 0;
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd == -1) {
		if (errno == ENOENT || errno == ELOOP || errno == ENOTDIR ||
		    errno == ENXIO)
			return 0;	/* vanished, or a link */
		diag_add(&t->diags, D_UNREADABLE, path, 0, 0, "cannot open: %s",
		    strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		close(fd);
		return 0;	/* FIFOs, devices, sockets: never read */
	}
	buf_grow(b, (size_t)st.st_size + 1);
	for (;;) {
		if (b->cap - b->len < 2)
			buf_grow(b, b->cap * 2);
		r = read(fd, b->p + b->len, b->cap - b->len - 1);
		if (r == -1) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			diag_add(&t->diags, D_UNREADABLE, path, 0, 0,
			    "cannot read: %s", strerror(errno));
			close(fd);
			return -1;
		}
		if (r == 0)
			break;
		b->len += (size_t)r;
	}
	close(fd);
	if (memchr(b->p, '\0', b->len < BINARY_BLOCK ? b->len : BINARY_BLOCK))
		return 0;
	return 1;
}

/*P:050 Scanning runs on every core.  Each thread takes the next path of
 * the sorted list, reads the file into a buffer it reuses, and runs the
 * scanner over it.  Only a file that holds a mark is kept, in the slot of
 * its path, so the tree comes out in the same order whatever the number of
 * threads and whoever finishes first.
 */
static void *
scan_worker(void *arg)
{
	struct scanner *sc = arg;
	struct buf b = { 0 };
	struct marks m = { 0 };
	const struct lang *l;
	struct qfile *f;
	size_t i;

	while ((i = atomic_fetch_add(&sc->next, 1)) < sc->n) {
		const char *path = sc->paths[i];

		l = lang_by_path(path);
		if (read_one(sc->t, path, &b) != 1)
			continue;
		if (l == NULL && (l = lang_by_shebang(b.p, b.len)) == NULL)
			continue;
		scan_text(b.p, b.len, l, &m);
		if (m.n == 0)
			continue;
		f = xcalloc(1, sizeof(*f));
		f->path = xstrdup(path);
		f->lang = l;
		f->len = b.len;
		f->text = xmalloc(b.len + 1);
		memcpy(f->text, b.p, b.len);
		f->text[b.len] = '\0';
		file_build(f, &m, &sc->t->diags);
		sc->out[i] = f;
	}
	free(m.v);
	buf_free(&b);
	return NULL;
}

void
tour_scan(struct tour *t, char **paths, size_t n, int jobs)
{
	struct scanner sc;
	pthread_t *th;
	size_t i, k;
	long ncpu;
	int j, started = 0;

	if (jobs <= 0) {
		ncpu = sysconf(_SC_NPROCESSORS_ONLN);
		jobs = ncpu > 0 ? (int)ncpu : 1;
	}
	if ((size_t)jobs > n)
		jobs = n > 0 ? (int)n : 1;
	memset(&sc, 0, sizeof(sc));
	sc.t = t;
	sc.paths = paths;
	sc.n = n;
	atomic_init(&sc.next, 0);
	sc.out = xcalloc(n + 1, sizeof(*sc.out));
	th = xcalloc((size_t)jobs, sizeof(*th));
	for (j = 1; j < jobs; j++)
		if (pthread_create(&th[j], NULL, scan_worker, &sc) == 0)
			started++;
		else
			break;
	scan_worker(&sc);
	for (j = 1; j <= started; j++)
		pthread_join(th[j], NULL);
	free(th);

	for (i = k = 0; i < n; i++)
		if (sc.out[i] != NULL)
			k++;
	t->files = xcalloc(k + 1, sizeof(*t->files));
	for (i = 0; i < n; i++)
		if (sc.out[i] != NULL) {
			t->files[t->nfiles] = *sc.out[i];
			/* The steps point at their file: move them along. */
			for (k = 0; k < t->files[t->nfiles].nsteps; k++)
				t->files[t->nfiles].steps[k].file =
				    &t->files[t->nfiles];
			t->nfiles++;
			free(sc.out[i]);
		}
	free(sc.out);
}

enum load_status
tour_load(struct tour *t, const struct load_opts *o, char **err)
{
	struct filelist l = { 0 };
	struct buf text = { 0 };
	char *sub = NULL;
	int used_git, found, rc = ENOENT;

	memset(t, 0, sizeof(*t));
	diags_init(&t->diags);
	*err = NULL;
	if (find_root(&sub, &found, err) == -1)
		return LOAD_FAIL;
	if (found)
		rc = read_file(".quest", &text);
	if (rc == 0) {
		if (config_parse(&t->config, ".quest", text.p ? text.p : "",
		    text.len, &t->diags) == -1) {
			buf_free(&text);
			free(sub);
			return LOAD_CONFIG;
		}
	} else if (rc != ENOENT) {
		*err = xasprintf(".quest: cannot read: %s", strerror(rc));
		buf_free(&text);
		free(sub);
		return LOAD_FAIL;
	}
	buf_free(&text);

	if (o->files_from != NULL) {
		if (walk_files_from(&t->config, o->files_from,
		    o->files_from_name, sub, &l, &t->diags) == -1) {
			*err = xasprintf("%s: cannot read: %s",
			    o->files_from_name, strerror(errno));
			free(sub);
			filelist_free(&l);
			return LOAD_FAIL;
		}
	} else if (walk_tree(&t->config, &l, &used_git, err) == -1) {
		free(sub);
		filelist_free(&l);
		return LOAD_FAIL;
	}
	free(sub);
	tour_scan(t, l.v, l.n, o->jobs);
	filelist_free(&l);
	tour_build(t);
	tour_check(t);
	diags_sort(&t->diags);
	return LOAD_OK;
}
