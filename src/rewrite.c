/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * rewrite.c: a set of new texts for files of the tree, put in place
 * atomically under a journal: what renumber and import write with.
 *
 * Only the files given change, and of each only its text: its mode,
 * owner, extended attributes and ACLs stay.  The rewrite is in two phases
 * with a journal between them, so that one killed at any point leaves
 * each file whole, old or new, and the next renumber or import finishes
 * it or undoes it.  Every file is reached through fsroot.h, beneath the
 * root and never through a link, and is put in place only while it is
 * still the file that was read.
 */
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/xattr.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <nettle/sha2.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fsroot.h"
#include "gitlib.h"
#include "rewrite.h"

/* The command that runs, or whose journal is replayed: its words. */
static const struct who {
	const char	*cmd;		/* "quest: renumber: PATH: ..." */
	const char	*done;		/* "changed as it was renumbered" */
	const char	*a;		/* "a renumber was interrupted" */
} whos[] = {
	[RW_RENUMBER] = { "renumber", "renumbered", "a renumber" },
	[RW_IMPORT] = { "import", "imported", "an import" },
};
static const struct who *who = &whos[RW_RENUMBER];

int
rewrite_diff(FILE *out, const char *path, const char *a, size_t alen,
    const char *b, size_t blen)
{
	git_patch *patch = NULL;
	git_buf buf = { 0 };
	int rc = -1;

	if (gitlib_init() == -1)
		return -1;
	/* libgit2 writes the a/ and b/ of a git diff itself. */
	if (git_patch_from_buffers(&patch, a, alen, path, b, blen, path,
	    NULL) == 0 && git_patch_to_buf(&buf, patch) == 0) {
		fwrite(buf.ptr, 1, buf.size, out);
		rc = 0;
	}
	git_buf_dispose(&buf);
	git_patch_free(patch);
	return rc;
}

/*
 * What a file is: enough to tell it from any other file, and from itself
 * edited since.
 */
struct ident {
	dev_t		 dev;
	ino_t		 ino;
	off_t		 size;
	struct timespec	 mtime;
	unsigned char	 hash[SHA256_DIGEST_SIZE];
};

enum fstate {
	F_PENDING,	/* its new text beside it */
	F_DISPLACED,	/* exchanged: the old file is at tmp, to check */
	F_DONE,		/* the new text in its place, nothing beside it */
	F_LEFT,		/* changed since it was read: left as it is */
	F_FAILED,	/* a system error: the journal stays */
};

/* A file of a rewrite, as its journal records it. */
struct rfile {
	char		*path;		/* relative to the root */
	char		*tmp;		/* its new text's name, beside it */
	const char	*text;		/* as read, the caller's; NULL when
					 * replayed */
	size_t		 len;
	struct ident	 old;		/* the file as read */
	struct ident	 new;		/* its new text */
	int		 made;		/* tmp exists: new.dev, new.ino */
	int		 whole;		/* tmp is whole and synced: new */
	enum fstate	 st;
};

struct rfiles {
	struct rfile	*v;
	size_t		 n, cap;
};

/* The lock and journal directory of this run (rewrite.h). */
static struct {
	int		 dfd;		/* the directory, checked */
	int		 lfd;		/* its lock file, locked */
	char		*dir;		/* its path, for messages */
} jd = { -1, -1, NULL };

#define ACL_XATTR	"system.posix_acl_access"

static void
say(FILE *msg, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
say(FILE *msg, const char *path, const char *fmt, ...)
{
	va_list ap;

	fprintf(msg, "quest: %s: %s: ", who->cmd, path);
	va_start(ap, fmt);
	/*
	 * clang-tidy 14, given many files in one run (make lint), loses the
	 * va_start() above; given this file alone, it finds nothing.
	 */
	/* NOLINTNEXTLINE(clang-analyzer-valist.Uninitialized) */
	vfprintf(msg, fmt, ap);
	va_end(ap);
	fputc('\n', msg);
}

static const char *
base(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

static char *
journal_path(void)
{
	return path_join(jd.dir, RENUMBER_JOURNAL);
}

static struct rfile *
rfile_add(struct rfiles *fs)
{
	if (fs->n == fs->cap) {
		fs->cap = fs->cap ? fs->cap * 2 : 16;
		fs->v = xreallocarray(fs->v, fs->cap, sizeof(*fs->v));
	}
	memset(&fs->v[fs->n], 0, sizeof(fs->v[0]));
	return &fs->v[fs->n++];
}

static void
rfiles_free(struct rfiles *fs)
{
	size_t i;

	for (i = 0; i < fs->n; i++) {
		free(fs->v[i].path);
		free(fs->v[i].tmp);
	}
	free(fs->v);
	memset(fs, 0, sizeof(*fs));
}

static void
hash_of(const void *p, size_t n, unsigned char *out)
{
	struct sha256_ctx c;

	sha256_init(&c);
	sha256_update(&c, n, p);
	sha256_digest(&c, SHA256_DIGEST_SIZE, out);
}

static int
same_inode(const struct ident *id, const struct stat *st)
{
	return S_ISREG(st->st_mode) && st->st_dev == id->dev &&
	    st->st_ino == id->ino;
}

/* Is st the file id, as far as stat(2) can tell? */
static int
same_stat(const struct ident *id, const struct stat *st)
{
	return same_inode(id, st) && st->st_size == id->size &&
	    st->st_mtim.tv_sec == id->mtime.tv_sec &&
	    st->st_mtim.tv_nsec == id->mtime.tv_nsec;
}

/*
 * Read the regular file name of the directory dfd, never through a link:
 * its text, its fstat(2) and what it is.  0, or -1 with errno.
 */
static int
read_at(int dfd, const char *name, struct ident *id, struct stat *st,
    struct buf *text)
{
	int fd, rc, e;

	text->len = 0;
	if ((fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC)) == -1)
		return -1;
	rc = read_fd(fd, SIZE_MAX, text, st);
	e = errno;
	close(fd);
	errno = e;
	if (rc == -1)
		return -1;
	id->dev = st->st_dev;
	id->ino = st->st_ino;
	id->size = st->st_size;
	id->mtime = st->st_mtim;
	hash_of(text->p, text->len, id->hash);
	return 0;
}

/* Is name, in dfd, the file id: the same inode, size, time and text? */
static int
is_file(int dfd, const char *name, const struct ident *id, struct buf *scratch)
{
	struct ident got;
	struct stat st;

	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == -1 ||
	    !same_stat(id, &st) || read_at(dfd, name, &got, &st, scratch) == -1)
		return 0;
	return same_stat(id, &st) &&
	    memcmp(got.hash, id->hash, sizeof(got.hash)) == 0;
}

/*
 * The directory of the file being worked on, kept open while the next
 * file is in it too.  With sync, each is fsynced as it is left, so that
 * what was made, renamed or removed in it is on the disk.
 */
struct dircur {
	int		 fd;
	struct buf	 dir;
	int		 sync;
	int		 err;		/* an fsync failed: its errno */
};

static void
dir_close(struct dircur *d)
{
	if (d->fd == -1)
		return;
	/* Some file systems cannot sync a directory: nothing to do there. */
	if (d->sync && fsync(d->fd) == -1 && errno != EINVAL && d->err == 0)
		d->err = errno;
	close(d->fd);
	d->fd = -1;
}

/* The directory of path, opened beneath the root; *name its last part. */
static int
dir_at(struct dircur *d, const char *path, const char **name)
{
	const char *b = base(path);
	size_t n = b > path ? (size_t)(b - path) - 1 : 0;

	if (d->fd != -1 && d->dir.len == n && (n == 0 ||
	    memcmp(d->dir.p, path, n) == 0)) {
		*name = b;
		return d->fd;
	}
	dir_close(d);
	d->dir.len = 0;
	buf_add(&d->dir, path, n);
	d->fd = root_open_parent(path, name);
	return d->fd;
}

static void
dir_free(struct dircur *d)
{
	dir_close(d);
	buf_free(&d->dir);
}

/*
 * The journal, a line a record, each path percent-encoded:
 *
 *   quest-renumber-journal 1 ROOTDEV ROOTINO ROOTPATH [import]
 *   mk PATH TMP DEV INO SIZE SEC NSEC SHA256    TMP about to be made; PATH
 *                                               is that file, as read
 *   tmp PATH DEV INO                            TMP made, still empty
 *   new PATH SIZE SEC NSEC SHA256               TMP whole and synced
 *   commit N                                    the N new texts all whole:
 *                                               the renames may begin
 *
 * Written as the first phase goes, and synced with the commit, so that a
 * renumber killed before the commit is undone by removing the TMP files
 * it made, which are those the journal names and no others, and one
 * killed after it is finished, for each file that is still the one read.
 */
#define JOURNAL_MAGIC	"quest-renumber-journal"

static void
enc(struct buf *b, const char *s)
{
	unsigned char c;

	for (; *s; s++) {
		c = (unsigned char)*s;
		if (c <= ' ' || c >= 0x7f || c == '%')
			buf_printf(b, "%%%02X", c);
		else
			buf_addc(b, (char)c);
	}
}

/* A field decoded, or NULL when it is empty or not well encoded. */
static char *
dec(const char *s)
{
	struct buf b = { 0 };
	int hi, lo;

	for (; *s; s++) {
		if (*s != '%') {
			buf_addc(&b, *s);
			continue;
		}
		if ((hi = hex_value(s[1])) < 0 || (lo = hex_value(s[2])) < 0 ||
		    hi * 16 + lo == 0) {
			buf_free(&b);
			return NULL;
		}
		buf_addc(&b, (char)(hi * 16 + lo));
		s += 2;
	}
	return b.p;
}

static void
put_hash(struct buf *b, const unsigned char *h)
{
	size_t i;

	for (i = 0; i < SHA256_DIGEST_SIZE; i++)
		buf_printf(b, "%02x", h[i]);
}

static int
get_hash(const char *s, unsigned char *h)
{
	size_t i;
	int hi, lo;

	if (strlen(s) != (size_t)2 * SHA256_DIGEST_SIZE)
		return -1;
	for (i = 0; i < SHA256_DIGEST_SIZE; i++) {
		if ((hi = hex_value(s[2 * i])) < 0 ||
		    (lo = hex_value(s[2 * i + 1])) < 0)
			return -1;
		h[i] = (unsigned char)(hi * 16 + lo);
	}
	return 0;
}

static int
get_num(const char *s, uintmax_t *v)
{
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	*v = strtoumax(s, &end, 10);
	return errno == 0 && *end == '\0' ? 0 : -1;
}

static int
get_snum(const char *s, intmax_t *v)
{
	char *end;

	if ((*s < '0' || *s > '9') && *s != '-')
		return -1;
	errno = 0;
	*v = strtoimax(s, &end, 10);
	return errno == 0 && *end == '\0' ? 0 : -1;
}

static const char alnum[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/* Is tmp the name of a new text of path: .NAME.quest~XXXXXX, beside it? */
static int
tmp_ok(const char *path, const char *tmp)
{
	const char *b = base(path);
	size_t n = strlen(b), i;

	if (n == 0 || strlen(tmp) != n + 14 || tmp[0] != '.' ||
	    memcmp(tmp + 1, b, n) != 0 ||
	    memcmp(tmp + 1 + n, ".quest~", 7) != 0)
		return 0;
	for (i = n + 8; tmp[i]; i++)
		if (strchr(alnum, tmp[i]) == NULL)
			return 0;
	return 1;
}

/* A name for the new text of path, as atomic_open() makes: ATOMIC_TMP. */
static char *
tmp_name(const char *path)
{
	static unsigned long counter;
	unsigned char r[6];
	char *t;
	size_t n, i;

	t = xasprintf(ATOMIC_TMP, base(path));
	n = strlen(t);
	if (getrandom(r, sizeof(r), 0) != (ssize_t)sizeof(r))
		for (i = 0; i < sizeof(r); i++)
			r[i] = (unsigned char)((unsigned long)getpid() * 31 +
			    ++counter * 131 + (unsigned long)time(NULL) +
			    i * 7);
	for (i = 0; i < sizeof(r); i++)
		t[n - sizeof(r) + i] = alnum[r[i] % (sizeof(alnum) - 1)];
	return t;
}

static void
put_ident(struct buf *b, const struct ident *id, int inode)
{
	if (inode)
		buf_printf(b, " %ju %ju", (uintmax_t)id->dev,
		    (uintmax_t)id->ino);
	buf_printf(b, " %jd %jd %ld ", (intmax_t)id->size,
	    (intmax_t)id->mtime.tv_sec, (long)id->mtime.tv_nsec);
	put_hash(b, id->hash);
}

static int
get_ident(char **f, struct ident *id, int inode)
{
	uintmax_t dev, ino;
	intmax_t size, sec, nsec;

	if (inode) {
		if (get_num(f[0], &dev) == -1 || get_num(f[1], &ino) == -1)
			return -1;
		id->dev = (dev_t)dev;
		id->ino = (ino_t)ino;
		f += 2;
	}
	if (get_snum(f[0], &size) == -1 || size < 0 ||
	    get_snum(f[1], &sec) == -1 || get_snum(f[2], &nsec) == -1 ||
	    nsec < 0 || nsec > 999999999 || get_hash(f[3], id->hash) == -1)
		return -1;
	id->size = (off_t)size;
	id->mtime.tv_sec = (time_t)sec;
	id->mtime.tv_nsec = (long)nsec;
	return 0;
}

/* Append the line of b to the journal, whole; b is emptied. */
static int
jput(int fd, struct buf *b)
{
	const char *p = b->p;
	size_t left = b->len;
	ssize_t n;

	while (left > 0) {
		if ((n = write(fd, p, left)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		left -= (size_t)n;
	}
	b->len = 0;
	return 0;
}

struct journal {
	dev_t		 rdev;		/* the root's */
	ino_t		 rino;
	char		*rpath;
	int		 header;	/* one was read */
	int		 committed;
	const struct who *who;		/* whose it is */
	struct rfiles	 files;
};

/*
 * Parse the journal text (NUL-terminated), strictly: -1 and the line at
 * fault when it is not one quest wrote.  A last line without its newline
 * was never written whole, and is not read.
 */
static int
journal_parse(char *text, size_t len, struct journal *j, size_t *lineno)
{
	char *line, *nl, *f[12], *s;
	struct rfile *r = NULL;
	uintmax_t a, b;
	size_t nf;
	int other;

	memset(j, 0, sizeof(*j));
	j->who = &whos[RW_RENUMBER];
	*lineno = 0;
	for (line = text; line < text + len; line = nl + 1) {
		if ((nl = memchr(line, '\n',
		    (size_t)(text + len - line))) == NULL)
			break;
		*nl = '\0';
		++*lineno;
		for (nf = 0, s = line; nf < 12; nf++) {
			f[nf] = s;
			if ((s = strchr(s, ' ')) == NULL) {
				nf++;
				break;
			}
			*s++ = '\0';
		}
		if (s != NULL || j->committed)
			return -1;
		if (*lineno == 1) {
			if ((nf != 5 && (nf != 6 ||
			    strcmp(f[5], whos[RW_IMPORT].cmd) != 0)) ||
			    strcmp(f[0], JOURNAL_MAGIC) != 0 ||
			    strcmp(f[1], "1") != 0 || get_num(f[2], &a) == -1 ||
			    get_num(f[3], &b) == -1 ||
			    (j->rpath = dec(f[4])) == NULL)
				return -1;
			if (nf == 6)
				j->who = &whos[RW_IMPORT];
			j->rdev = (dev_t)a;
			j->rino = (ino_t)b;
			j->header = 1;
		} else if (strcmp(f[0], "mk") == 0 && nf == 9) {
			if (r != NULL && !r->whole)
				return -1;
			r = rfile_add(&j->files);
			if ((r->path = dec(f[1])) == NULL ||
			    !root_path_ok(r->path) ||
			    (r->tmp = dec(f[2])) == NULL ||
			    !tmp_ok(r->path, r->tmp) ||
			    get_ident(f + 3, &r->old, 1) == -1)
				return -1;
		} else if (strcmp(f[0], "tmp") == 0 && nf == 4) {
			if (r == NULL || r->made || (s = dec(f[1])) == NULL)
				return -1;
			other = strcmp(s, r->path);
			free(s);
			if (other || get_num(f[2], &a) == -1 ||
			    get_num(f[3], &b) == -1)
				return -1;
			r->new.dev = (dev_t)a;
			r->new.ino = (ino_t)b;
			r->made = 1;
		} else if (strcmp(f[0], "new") == 0 && nf == 6) {
			if (r == NULL || !r->made || r->whole ||
			    (s = dec(f[1])) == NULL)
				return -1;
			other = strcmp(s, r->path);
			free(s);
			if (other || get_ident(f + 2, &r->new, 0) == -1)
				return -1;
			r->whole = 1;
		} else if (strcmp(f[0], "commit") == 0 && nf == 2) {
			if (get_num(f[1], &a) == -1 || a != j->files.n ||
			    (r != NULL && !r->whole))
				return -1;
			j->committed = 1;
		} else
			return -1;
	}
	return 0;
}

/*
 * Remove the new texts of a first phase that did not end: those the
 * journal says were made, by their inode, and one it was about to make
 * when that is still an empty file of the user's.  How many.
 */
static size_t
undo(struct rfiles *fs)
{
	struct dircur d = { -1, { 0 }, 1, 0 };
	struct stat st;
	const char *name;
	size_t i, n = 0;
	int dfd;

	for (i = 0; i < fs->n; i++) {
		struct rfile *f = &fs->v[i];

		if (f->tmp == NULL ||
		    (dfd = dir_at(&d, f->path, &name)) == -1 ||
		    fstatat(dfd, f->tmp, &st, AT_SYMLINK_NOFOLLOW) == -1)
			continue;
		if (f->made ? same_inode(&f->new, &st) : (S_ISREG(st.st_mode) &&
		    st.st_uid == geteuid() && st.st_nlink == 1 &&
		    st.st_size == 0))
			if (unlinkat(dfd, f->tmp, 0) == 0)
				n++;
	}
	dir_free(&d);
	return n;
}

static void
left(struct rfile *f, FILE *msg, const char *why)
{
	say(msg, f->path, "%s: left as it is", why);
	f->st = F_LEFT;
}

/*
 * The file changed as it was put in place: its new text is at its name,
 * the file as changed at tmp.  Put the changed file back, remove the new.
 */
static void
swap_back(struct rfile *f, int dfd, const char *name, FILE *msg,
    struct buf *scratch)
{
	struct stat st;

	if (!is_file(dfd, name, &f->new, scratch) ||
	    renameat2(dfd, f->tmp, dfd, name, RENAME_EXCHANGE) == -1) {
		say(msg, f->path, "changed as it was %s; the file as "
		    "changed may be %s, beside it: left as it is", who->done,
		    f->tmp);
		f->st = F_LEFT;
		return;
	}
	if (fstatat(dfd, f->tmp, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    same_inode(&f->new, &st))
		unlinkat(dfd, f->tmp, 0);
	say(msg, f->path, "changed as it was %s: left as it is", who->done);
	f->st = F_LEFT;
}

/*E:020 Before its new text replaces it, a file must still be the one that
 * was read: the same inode, size, time and SHA-256 of its text.  Even so,
 * an editor may save between that check and the rename; so the new text
 * and the file are exchanged (renameat2(2) RENAME_EXCHANGE), and what was
 * displaced is checked again, once now and once, with its text, when
 * every file is in place; a file that changed is exchanged back and left
 * as the user made it.  The same code finishes the journal of a rewrite
 * that was killed, whatever point it had reached for each file.
 */
static void
put_one(struct rfile *f, int dfd, const char *name, FILE *msg,
    struct buf *scratch)
{
	struct stat ts, ps;
	int thas, phas, x;

	thas = fstatat(dfd, f->tmp, &ts, AT_SYMLINK_NOFOLLOW) == 0;
	phas = fstatat(dfd, name, &ps, AT_SYMLINK_NOFOLLOW) == 0;
	if (thas && same_inode(&f->new, &ts)) {
		if (!is_file(dfd, f->tmp, &f->new, scratch)) {
			unlinkat(dfd, f->tmp, 0);
			left(f, msg, "its new text changed before it was "
			    "put in place");
			return;
		}
		if (!phas || !is_file(dfd, name, &f->old, scratch)) {
			unlinkat(dfd, f->tmp, 0);
			left(f, msg, phas ? "changed since it was read" :
			    "removed since it was read");
			return;
		}
		if (renameat2(dfd, f->tmp, dfd, name, RENAME_EXCHANGE) == 0)
			x = 1;
		else if (errno == EINVAL || errno == ENOSYS ||
		    errno == EOPNOTSUPP) {
			/* No exchange here: a rename, right after the check. */
			x = 0;
			if (renameat(dfd, f->tmp, dfd, name) == -1)
				goto fail;
		} else
			goto fail;
		if (!x) {
			f->st = F_DONE;
			return;
		}
		if (fstatat(dfd, f->tmp, &ts, AT_SYMLINK_NOFOLLOW) == 0 &&
		    same_stat(&f->old, &ts))
			f->st = F_DISPLACED;
		else
			swap_back(f, dfd, name, msg, scratch);
		return;
	}
	if (phas && same_inode(&f->new, &ps)) {
		/* Put in place before quest was killed. */
		if (!thas)
			f->st = F_DONE;
		else if (same_stat(&f->old, &ts))
			f->st = F_DISPLACED;
		else
			swap_back(f, dfd, name, msg, scratch);
		return;
	}
	if (thas && same_inode(&f->old, &ts)) {
		/* Exchanged, then saved over by another: the save stays. */
		if (is_file(dfd, f->tmp, &f->old, scratch))
			unlinkat(dfd, f->tmp, 0);
		else
			say(msg, f->path, "its old text, %s, beside it, "
			    "changed since it was read: left as it is",
			    f->tmp);
		say(msg, f->path, "saved over after it was %s: left as it is",
		    who->done);
		f->st = F_LEFT;
		return;
	}
	if (thas)
		say(msg, f->path, "%s, beside it, is not the new text quest "
		    "wrote: left as it is", f->tmp);
	left(f, msg, "its new text is gone");
	return;
fail:
	if (errno == ENOENT) {
		unlinkat(dfd, f->tmp, 0);
		left(f, msg, "removed since it was read");
		return;
	}
	say(msg, f->path, "cannot put its new text in place: %s",
	    strerror(errno));
	f->st = F_FAILED;
}

/*:*/

/* What the exchange displaced is still the file read: remove it. */
static void
drop_old(struct rfile *f, int dfd, const char *name, FILE *msg,
    struct buf *scratch)
{
	if (!is_file(dfd, f->tmp, &f->old, scratch)) {
		swap_back(f, dfd, name, msg, scratch);
		return;
	}
	if (unlinkat(dfd, f->tmp, 0) == -1 && errno != ENOENT) {
		say(msg, f->path, "cannot remove its old text, %s: %s", f->tmp,
		    strerror(errno));
		f->st = F_FAILED;
		return;
	}
	f->st = F_DONE;
}

/*
 * The second phase: every new text in its place, each directory synced
 * after its renames.  Returns how many files failed; done and nleft count
 * the others.
 */
static size_t
put_all(struct rfiles *fs, FILE *msg, size_t *done, size_t *nleft)
{
	struct dircur d = { -1, { 0 }, 1, 0 };
	struct buf scratch = { 0 };
	const char *name;
	size_t i, nfail = 0;
	int pass, dfd;

	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < fs->n; i++) {
			struct rfile *f = &fs->v[i];

			if (f->st != (pass == 0 ? F_PENDING : F_DISPLACED))
				continue;
			if ((dfd = dir_at(&d, f->path, &name)) == -1) {
				say(msg, f->path, "cannot open its directory "
				    "beneath the root: %s", strerror(errno));
				f->st = F_FAILED;
			} else if (pass == 0)
				put_one(f, dfd, name, msg, &scratch);
			else
				drop_old(f, dfd, name, msg, &scratch);
		}
		dir_close(&d);
	}
	*done = *nleft = 0;
	for (i = 0; i < fs->n; i++) {
		if (fs->v[i].st == F_DONE)
			++*done;
		else if (fs->v[i].st == F_LEFT)
			++*nleft;
		else
			nfail++;
	}
	if (d.err != 0) {
		say(msg, d.dir.len ? d.dir.p : ".", "cannot sync the renames "
		    "to the disk: %s", strerror(d.err));
		nfail++;
	}
	dir_free(&d);
	buf_free(&scratch);
	return nfail;
}

/* Remove the journal, and sync its directory: the rewrite is over. */
static int
journal_remove(char **err)
{
	char *jp;

	if (unlinkat(jd.dfd, RENUMBER_JOURNAL, 0) == -1 ||
	    (fsync(jd.dfd) == -1 && errno != EINVAL)) {
		jp = journal_path();
		*err = xasprintf("%s: cannot remove: %s", jp, strerror(errno));
		free(jp);
		return -1;
	}
	return 0;
}

/* Finish or undo what the journal left by a killed rewrite says. */
static int
replay(int dry_run, FILE *msg, char **err)
{
	struct journal j;
	struct buf text = { 0 };
	struct stat st;
	const struct who *runner;
	char *jp;
	size_t line, n, done, nleft;
	ssize_t r;
	int fd, rc = -1;

	memset(&j, 0, sizeof(j));
	if ((fd = openat(jd.dfd, RENUMBER_JOURNAL, O_RDONLY | O_NOFOLLOW |
	    O_NONBLOCK | O_CLOEXEC)) == -1 && errno == ENOENT)
		return 0;
	jp = journal_path();
	if (fd == -1 || fstat(fd, &st) == -1) {
		*err = xasprintf("%s: %s", jp, strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode) || st.st_uid != geteuid() ||
	    st.st_nlink != 1 || (st.st_mode & 077) != 0) {
		*err = xasprintf("%s: not a journal of quest's (a regular file "
		    "of the user's, mode 0600): refused; remove it", jp);
		goto out;
	}
	if (dry_run) {
		*err = xasprintf("%s: %s was interrupted: run quest "
		    "%s to finish it before a --dry-run", jp, who->a,
		    who->cmd);
		goto out;
	}
	for (;;) {
		buf_grow(&text, text.len + 65536 + 1);
		if ((r = read(fd, text.p + text.len,
		    text.cap - text.len - 1)) == -1) {
			if (errno == EINTR)
				continue;
			*err = xasprintf("%s: %s", jp, strerror(errno));
			goto out;
		}
		if (r == 0)
			break;
		text.len += (size_t)r;
	}
	text.p[text.len] = '\0';
	if (journal_parse(text.p, text.len, &j, &line) == -1) {
		*err = xasprintf("%s:%zu: not a journal quest wrote: refused; "
		    "remove it", jp, line);
		goto out;
	}
	if (j.header && (stat(".", &st) == -1 || st.st_dev != j.rdev ||
	    st.st_ino != j.rino)) {
		*err = xasprintf("%s: the journal of %s of another "
		    "tour root, %s: run quest %s there, or remove it",
		    jp, j.who->a, j.rpath, j.who->cmd);
		goto out;
	}
	if (!j.committed) {
		if ((n = undo(&j.files)) > 0)
			fprintf(msg, "quest: removed the new texts of an "
			    "interrupted %s: %zu file%s\n", j.who->cmd, n,
			    n == 1 ? "" : "s");
	} else {
		/* Its files' messages in its own words. */
		runner = who;
		who = j.who;
		n = put_all(&j.files, msg, &done, &nleft);
		who = runner;
		if (n > 0) {
			*err = xasprintf("%s: an interrupted %s could "
			    "not be finished; the journal stays", jp,
			    j.who->cmd);
			goto out;
		}
		if (done > 0)
			fprintf(msg, "quest: finished an interrupted %s: "
			    "%zu file%s put in place\n", j.who->cmd, done,
			    done == 1 ? "" : "s");
	}
	if (journal_remove(err) == -1)
		goto out;
	rc = 0;
out:
	if (fd != -1)
		close(fd);
	free(jp);
	free(j.rpath);
	rfiles_free(&j.files);
	buf_free(&text);
	return rc;
}

/*
 * The git directory of the work tree that holds the root, when it is the
 * user's: the journal is then no part of the tree, and git never sees it.
 */
static char *
git_dir(void)
{
	char cwd[PATH_MAX], *slash, *dot, *gd = NULL, *head;
	struct buf b = { 0 };
	struct stat st;
	size_t n;

	/* GIT_DIR is not consulted, as nowhere else in quest: see quest(1). */
	if (getcwd(cwd, sizeof(cwd)) == NULL)
		return NULL;
	while (gd == NULL) {
		dot = path_join(cwd, ".git");
		if (stat(dot, &st) == 0) {
			if (S_ISDIR(st.st_mode))
				gd = dot;
			else {
				/* A linked work tree: "gitdir: PATH". */
				if (S_ISREG(st.st_mode) &&
				    read_file(dot, &b) == 0 &&
				    strncmp(buf_cstr(&b), "gitdir: ", 8) == 0) {
					n = strcspn(b.p + 8, "\r\n");
					b.p[8 + n] = '\0';
					if (n > 0)
						gd = b.p[8] == '/' ?
						    xstrdup(b.p + 8) :
						    path_join(cwd, b.p + 8);
				}
				free(dot);
				buf_free(&b);
				if (gd == NULL)
					return NULL;
			}
			break;
		}
		free(dot);
		if (strcmp(cwd, "/") == 0)
			return NULL;
		slash = strrchr(cwd, '/');
		if (slash == cwd)
			slash[1] = '\0';
		else
			*slash = '\0';
	}
	head = path_join(gd, "HEAD");
	if (stat(gd, &st) == -1 || !S_ISDIR(st.st_mode) ||
	    st.st_uid != geteuid() || access(head, F_OK) == -1) {
		free(gd);
		gd = NULL;
	}
	free(head);
	return gd;
}

/*
 * Read the pid that the holder of the lock wrote into it, "PID\n" for a
 * renumber, "PID import\n" for an import, and which it is.
 */
static long
lock_holder(int fd, const struct who **holder)
{
	char b[32];
	ssize_t n;
	char *end;
	long pid;

	*holder = &whos[RW_RENUMBER];
	if ((n = pread(fd, b, sizeof(b) - 1, 0)) <= 0)
		return 0;
	b[n] = '\0';
	pid = strtol(b, &end, 10);
	if (strcmp(end, " import\n") == 0) {
		*holder = &whos[RW_IMPORT];
		end += strlen(end) - 1;
	}
	return pid > 0 && (*end == '\n' || *end == '\0') ? pid : 0;
}

/*
 * The lock, then the journal of a killed rewrite, if any: see E:010.
 */
int
rewrite_begin(enum rewrite_cmd cmd, int dry_run, FILE *msg, char **err)
{
	const struct who *holder;
	struct stat a, b;
	char *gd, *lp;
	int fd = -1, lfd, tries, e;
	long pid;

	rewrite_end();
	who = &whos[cmd];
	gd = git_dir();
	jd.dir = gd != NULL ? path_join(gd, RENUMBER_GIT_DIR) :
	    xstrdup(RENUMBER_DIR);
	free(gd);
	lp = path_join(jd.dir, RENUMBER_LOCK);
	for (tries = 0;; tries++) {
		if (tries == 100) {
			*err = xasprintf("%s: cannot take the lock: it keeps "
			    "being removed", lp);
			goto fail;
		}
		if (mkdir(jd.dir, 0700) == -1 && errno != EEXIST) {
			/*
			 * A dry run in a tree it cannot write changes
			 * nothing.
			 */
			if (dry_run && (errno == EACCES || errno == EROFS ||
			    errno == EPERM)) {
				free(lp);
				free(jd.dir);
				jd.dir = NULL;
				return 0;
			}
			*err = xasprintf("%s: cannot make the directory: %s",
			    jd.dir, strerror(errno));
			goto fail;
		}
		fd = strchr(jd.dir, '/') == NULL ? root_open(jd.dir,
		    O_RDONLY | O_DIRECTORY, 0) : open(jd.dir, O_RDONLY |
		    O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (fd == -1 && errno == ENOENT)
			continue;	/* a rewrite that ended removed it */
		if (fd == -1 || fstat(fd, &a) == -1) {
			*err = xasprintf("%s: %s", jd.dir, errno == ELOOP ||
			    errno == ENOTDIR ? "not a directory (a symbolic "
			    "link?): refused; remove it" : strerror(errno));
			goto fail;
		}
		if (a.st_uid != geteuid() || (a.st_mode & 077) != 0) {
			*err = xasprintf("%s: not quest's own (owner %ju, mode "
			    "%04o; quest makes it the user's, mode 0700): "
			    "refused", jd.dir, (uintmax_t)a.st_uid,
			    (unsigned)(a.st_mode & 07777));
			goto fail;
		}
		if ((lfd = openat(fd, RENUMBER_LOCK, O_RDWR | O_CREAT |
		    O_NOFOLLOW | O_CLOEXEC, 0600)) == -1) {
			if (errno == ENOENT) {
				close(fd);
				fd = -1;
				continue;
			}
			*err = xasprintf("%s: %s", lp, strerror(errno));
			goto fail;
		}
		if (flock(lfd, LOCK_EX | LOCK_NB) == -1) {
			e = errno;
			pid = lock_holder(lfd, &holder);
			close(lfd);
			if (e != EWOULDBLOCK)
				*err = xasprintf("%s: cannot lock: %s", lp,
				    strerror(e));
			else if (pid > 0)
				*err = xasprintf("%s: another %s is "
				    "running (process %ld): refused; try again "
				    "when it is done", lp, holder->cmd, pid);
			else
				*err = xasprintf("%s: another %s is "
				    "running: refused; try again when it is "
				    "done", lp, holder->cmd);
			goto fail;
		}
		/*
		 * The lock of the file at that name, in the directory at that
		 * path: one that ended may have removed them while we came.
		 */
		if (fstat(lfd, &a) == 0 && fstatat(fd, RENUMBER_LOCK, &b,
		    AT_SYMLINK_NOFOLLOW) == 0 && a.st_dev == b.st_dev &&
		    a.st_ino == b.st_ino && fstat(fd, &a) == 0 &&
		    lstat(jd.dir, &b) == 0 && a.st_dev == b.st_dev &&
		    a.st_ino == b.st_ino)
			break;
		close(lfd);
		close(fd);
		fd = -1;
	}
	free(lp);
	jd.dfd = fd;
	jd.lfd = lfd;
	if (ftruncate(lfd, 0) == 0)
		dprintf(lfd, "%ld%s%s\n", (long)getpid(),
		    cmd == RW_RENUMBER ? "" : " ", cmd == RW_RENUMBER ? "" :
		    who->cmd);
	return replay(dry_run, msg, err);
fail:
	if (fd != -1)
		close(fd);
	free(lp);
	free(jd.dir);
	jd.dir = NULL;
	return -1;
}

void
rewrite_end(void)
{
	if (jd.lfd != -1) {
		/* Removed while held: who opened it before sees it gone. */
		unlinkat(jd.dfd, RENUMBER_LOCK, 0);
		rmdir(jd.dir);	/* unless the journal stays */
		close(jd.lfd);
	}
	if (jd.dfd != -1)
		close(jd.dfd);
	free(jd.dir);
	jd.dfd = jd.lfd = -1;
	jd.dir = NULL;
}

/*
 * May the user rewrite the file?  Not when access(2) says no, nor, for
 * root too, when its mode says it is read-only: no write bit at all, or
 * none for its owner, the user.
 */
static int
may_write(int dfd, const char *name, const struct stat *st)
{
	if (faccessat(dfd, name, W_OK, AT_EACCESS) == -1)
		return 0;
	if ((st->st_mode & 0222) == 0)
		return 0;
	return st->st_uid != geteuid() || (st->st_mode & S_IWUSR) != 0;
}

/* Can a new file of the user's be given the owner and group of st? */
static int
may_own(const struct stat *st)
{
	gid_t *groups;
	int i, n, ok = 0;

	if (geteuid() == 0)
		return 1;
	if (st->st_uid != geteuid())
		return 0;
	if (st->st_gid == getegid())
		return 1;
	if ((n = getgroups(0, NULL)) <= 0)
		return 0;
	groups = xcalloc((size_t)n, sizeof(*groups));
	n = getgroups(n, groups);
	for (i = 0; i < n; i++)
		if (groups[i] == st->st_gid)
			ok = 1;
	free(groups);
	return ok;
}

/*
 * Phase zero: a file to rewrite is still the one read, beneath the root,
 * and one quest may rewrite.  0; 1 when it changed; -1 when it is refused.
 */
static int
check_file(struct rfile *f, struct dircur *d, FILE *msg, struct buf *text)
{
	struct stat st;
	const char *name;
	int dfd;

	if ((dfd = dir_at(d, f->path, &name)) == -1) {
		if (errno == ENOENT)
			goto gone;
		say(msg, f->path, "%s; nothing was changed", errno == ELOOP ||
		    errno == EXDEV || errno == ENOTDIR ? "a directory on its "
		    "way is a symbolic link: refused" : strerror(errno));
		return -1;
	}
	if (read_at(dfd, name, &f->old, &st, text) == -1) {
		if (errno == ENOENT)
			goto gone;
		say(msg, f->path, "%s; nothing was changed", errno == ELOOP ?
		    "is a symbolic link: refused" : errno == EINVAL ?
		    "is not a regular file: refused" : strerror(errno));
		return -1;
	}
	if (text->len != f->len || memcmp(text->p, f->text, text->len) != 0) {
		say(msg, f->path, "changed since it was read; nothing was "
		    "changed: run quest %s again", who->cmd);
		return 1;
	}
	if (st.st_nlink > 1) {
		say(msg, f->path, "has %ju hard links, which a new file would "
		    "break: refused; nothing was changed",
		    (uintmax_t)st.st_nlink);
		return -1;
	}
	if (!may_write(dfd, name, &st)) {
		say(msg, f->path, "is read-only (mode %04o): refused; nothing "
		    "was changed", (unsigned)(st.st_mode & 07777));
		return -1;
	}
	if (!may_own(&st)) {
		say(msg, f->path, "belongs to user %ju, group %ju, which a new "
		    "file could not keep: refused; nothing was changed",
		    (uintmax_t)st.st_uid, (uintmax_t)st.st_gid);
		return -1;
	}
	return 0;
gone:
	say(msg, f->path, "removed since it was read; nothing was changed: "
	    "run quest %s again", who->cmd);
	return 1;
}

static int
copy_xattr(int from, int to, const char *name, struct buf *v, struct buf *w)
{
	ssize_t n;
	int e;

	for (;;) {
		if ((n = fgetxattr(from, name, NULL, 0)) == -1)
			return errno == ENODATA ? 0 : -1;
		buf_grow(v, (size_t)n + 1);
		if ((n = fgetxattr(from, name, v->p, (size_t)n)) != -1)
			break;
		if (errno != ERANGE)
			return errno == ENODATA ? 0 : -1;
	}
	if (fsetxattr(to, name, v->p, (size_t)n, 0) == 0)
		return 0;
	/* One the new file has already, as it was (security.*): kept. */
	e = errno;
	buf_grow(w, (size_t)n + 1);
	if (fgetxattr(to, name, w->p, (size_t)n + 1) == n &&
	    memcmp(v->p, w->p, (size_t)n) == 0)
		return 0;
	errno = e;
	return -1;
}

/*
 * Give the new text what the old file had: its owner, its mode, every
 * extended attribute, and last the ACL, whose mask then sets the group
 * bits of the mode as they were.  0, or -1 with errno and *what.
 */
static int
keep_attrs(int from, int to, const struct stat *st, struct buf *what)
{
	struct buf list = { 0 }, v = { 0 }, w = { 0 };
	struct stat now;
	const char *p, *end;
	ssize_t n;
	int pass, rc = -1, e;

	/* The owner first: fchown(2) may clear the set-id bits. */
	if (fstat(to, &now) == -1 || ((now.st_uid != st->st_uid ||
	    now.st_gid != st->st_gid) && fchown(to, st->st_uid,
	    st->st_gid) == -1)) {
		buf_adds(what, "its owner");
		goto out;
	}
	if (fchmod(to, st->st_mode & 07777) == -1) {
		buf_adds(what, "its mode");
		goto out;
	}
	for (;;) {
		if ((n = flistxattr(from, NULL, 0)) <= 0) {
			if (n == 0 || errno == ENOTSUP)
				rc = 0;
			else
				buf_adds(what, "its extended attributes");
			goto out;
		}
		buf_grow(&list, (size_t)n + 1);
		if ((n = flistxattr(from, list.p, (size_t)n)) != -1)
			break;
		if (errno != ERANGE) {
			buf_adds(what, "its extended attributes");
			goto out;
		}
	}
	end = list.p + n;
	for (pass = 0; pass < 2; pass++)
		for (p = list.p; p < end; p += strlen(p) + 1)
			if ((strcmp(p, ACL_XATTR) == 0) == pass &&
			    copy_xattr(from, to, p, &v, &w) == -1) {
				buf_printf(what, "its extended attribute %s",
				    p);
				goto out;
			}
	rc = 0;
out:
	e = errno;
	buf_free(&list);
	buf_free(&v);
	buf_free(&w);
	errno = e;
	return rc;
}

/*
 * Phase one for a file: its new text beside it, whole, synced, with what
 * the file has, the journal naming it first.  0; 1 when the file changed;
 * -1, reported.
 */
static int
write_new(struct rfile *f, int dfd, const char *name, const struct buf *nt,
    int jfd, FILE *msg)
{
	struct buf line = { 0 }, what = { 0 };
	struct stat st, ost;
	const char *p;
	size_t left;
	ssize_t n;
	int fd = -1, ofd = -1, i, rc = -1;

	for (i = 0;; i++) {
		free(f->tmp);
		f->tmp = tmp_name(f->path);
		if (fstatat(dfd, f->tmp, &st, AT_SYMLINK_NOFOLLOW) == -1 &&
		    errno == ENOENT)
			break;
		if (i == 16) {
			errno = EEXIST;
			goto fail;
		}
	}
	buf_adds(&line, "mk ");
	enc(&line, f->path);
	buf_addc(&line, ' ');
	enc(&line, f->tmp);
	put_ident(&line, &f->old, 1);
	buf_addc(&line, '\n');
	if (jput(jfd, &line) == -1)
		goto jfail;
	if ((fd = openat(dfd, f->tmp, O_WRONLY | O_CREAT | O_EXCL |
	    O_NOFOLLOW | O_CLOEXEC, 0600)) == -1 || fstat(fd, &st) == -1)
		goto fail;
	f->new.dev = st.st_dev;
	f->new.ino = st.st_ino;
	f->made = 1;
	buf_adds(&line, "tmp ");
	enc(&line, f->path);
	buf_printf(&line, " %ju %ju\n", (uintmax_t)st.st_dev,
	    (uintmax_t)st.st_ino);
	if (jput(jfd, &line) == -1)
		goto jfail;
	for (p = nt->p, left = nt->len; left > 0; p += n, left -= (size_t)n)
		if ((n = write(fd, p, left)) == -1) {
			if (errno != EINTR)
				goto fail;
			n = 0;
		}
	if ((ofd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC)) == -1 || fstat(ofd, &ost) == -1 ||
	    !same_stat(&f->old, &ost)) {
		say(msg, f->path, "changed since it was read; nothing was "
		    "changed: run quest %s again", who->cmd);
		rc = 1;
		goto out;
	}
	if (keep_attrs(ofd, fd, &ost, &what) == -1) {
		say(msg, f->path, "cannot keep %s: %s; nothing was changed",
		    what.p, strerror(errno));
		goto out;
	}
	if (fsync(fd) == -1 || fstat(fd, &st) == -1)
		goto fail;
	f->new.size = st.st_size;
	f->new.mtime = st.st_mtim;
	hash_of(nt->p, nt->len, f->new.hash);
	f->whole = 1;
	buf_adds(&line, "new ");
	enc(&line, f->path);
	put_ident(&line, &f->new, 0);
	buf_addc(&line, '\n');
	if (jput(jfd, &line) == -1)
		goto jfail;
	rc = 0;
	goto out;
jfail:
	p = journal_path();
	say(msg, p, "cannot write: %s; nothing was changed", strerror(errno));
	free((char *)p);
	goto out;
fail:
	say(msg, f->path, "cannot write: %s; nothing was changed",
	    strerror(errno));
out:
	if (fd != -1)
		close(fd);
	if (ofd != -1)
		close(ofd);
	buf_free(&line);
	buf_free(&what);
	return rc;
}

/*
 * Begin the journal: its header, naming the root.  The file descriptor,
 * or -1, reported.
 */
static int
journal_begin(FILE *msg)
{
	struct buf line = { 0 };
	char cwd[PATH_MAX], *jp;
	struct stat st;
	int fd;

	if ((fd = openat(jd.dfd, RENUMBER_JOURNAL, O_WRONLY | O_CREAT |
	    O_EXCL | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0600)) == -1 ||
	    stat(".", &st) == -1 || getcwd(cwd, sizeof(cwd)) == NULL)
		goto fail;
	buf_printf(&line, JOURNAL_MAGIC " 1 %ju %ju ", (uintmax_t)st.st_dev,
	    (uintmax_t)st.st_ino);
	enc(&line, cwd);
	if (who != &whos[RW_RENUMBER])
		buf_printf(&line, " %s", who->cmd);
	buf_addc(&line, '\n');
	if (jput(fd, &line) == -1)
		goto fail;
	buf_free(&line);
	return fd;
fail:
	jp = journal_path();
	say(msg, jp, "cannot write: %s; nothing was changed", strerror(errno));
	free(jp);
	if (fd != -1) {
		close(fd);
		unlinkat(jd.dfd, RENUMBER_JOURNAL, 0);
	}
	buf_free(&line);
	return -1;
}

/* The commit: every new text whole and synced, and so is the journal. */
static int
journal_commit(int fd, size_t n, FILE *msg)
{
	struct buf line = { 0 };
	char *jp;
	int rc = 0;

	buf_printf(&line, "commit %zu\n", n);
	if (jput(fd, &line) == -1 || fsync(fd) == -1 ||
	    (fsync(jd.dfd) == -1 && errno != EINVAL)) {
		jp = journal_path();
		say(msg, jp, "cannot write: %s; nothing was changed",
		    strerror(errno));
		free(jp);
		rc = -1;
	}
	buf_free(&line);
	return rc;
}


struct rewrite {
	struct rfiles	 fs;
	struct dircur	 d;
	struct buf	 text;
	FILE		*msg;
};

struct rewrite *
rewrite_new(FILE *msg)
{
	struct rewrite *rw = xcalloc(1, sizeof(*rw));

	rw->d.fd = -1;
	rw->msg = msg;
	return rw;
}

void
rewrite_free(struct rewrite *rw)
{
	if (rw == NULL)
		return;
	rfiles_free(&rw->fs);
	dir_free(&rw->d);
	buf_free(&rw->text);
	free(rw);
}

size_t
rewrite_count(const struct rewrite *rw)
{
	return rw->fs.n;
}

int
rewrite_add(struct rewrite *rw, const char *path, const char *text,
    size_t len)
{
	struct rfile *rf = rfile_add(&rw->fs);
	int r;

	rf->path = xstrdup(path);
	rf->text = text;
	rf->len = len;
	r = check_file(rf, &rw->d, rw->msg, &rw->text);
	return r == -1 ? REWRITE_FAIL : r == 1 ? REWRITE_LEFT : REWRITE_OK;
}

/*E:010 A rewrite, a renumber's or an import's, takes a lock before it
 * reads the tree, so that two never mix their edits, and keeps the lock
 * and its journal where only its user writes: the directory quest of the
 * git directory, else .quest-renumber.d in the tour root, made with mode
 * 0700 and checked on every run (a directory, the user's, no group or
 * other bits).  Every file to rewrite is checked first (rewrite_add()),
 * then the files are rewritten in two phases.  First every new text is
 * written whole beside its file, with the file's owner, mode, extended
 * attributes and ACL, and synced, the journal naming each before it is
 * made; a failure there removes them all, and nothing has changed.  Then
 * the journal is committed, and each new text takes its file's place; if
 * quest is killed among the renames, each file is still whole, old or
 * new, and the next renumber or import reads the journal and finishes the
 * renames before it reads the tree, for the files that are still as they
 * were read.
 */
int
rewrite_commit(struct rewrite *rw, void (*newtext)(void *, size_t,
    struct buf *), void *arg, size_t *done, size_t *nleft)
{
	struct rfiles *fs = &rw->fs;
	struct dircur *d = &rw->d;
	struct buf nt = { 0 };
	const char *name;
	char *err = NULL;
	size_t i;
	int rc = REWRITE_OK, jfd, dfd, r;

	*done = *nleft = 0;
	dir_close(d);
	if (fs->n == 0)
		return REWRITE_OK;
	if (jd.dfd == -1) {
		say(rw->msg, ".", "no lock taken (rewrite_begin): nothing was "
		    "changed");
		return REWRITE_FAIL;
	}

	/* Phase one: every new text whole beside its file, or none. */
	if ((jfd = journal_begin(rw->msg)) == -1)
		return REWRITE_FAIL;
	d->sync = 1;
	d->err = 0;
	for (i = 0; i < fs->n && rc == REWRITE_OK; i++) {
		struct rfile *rf = &fs->v[i];

		nt.len = 0;
		newtext(arg, i, &nt);
		if ((dfd = dir_at(d, rf->path, &name)) == -1) {
			say(rw->msg, rf->path, "cannot write: %s; nothing was "
			    "changed", strerror(errno));
			rc = REWRITE_FAIL;
		} else if ((r = write_new(rf, dfd, name, &nt, jfd,
		    rw->msg)) != 0)
			rc = r == 1 ? REWRITE_LEFT : REWRITE_FAIL;
	}
	dir_close(d);
	buf_free(&nt);
	if (rc == REWRITE_OK && d->err != 0) {
		say(rw->msg, d->dir.len ? d->dir.p : ".", "cannot sync: %s; "
		    "nothing was changed", strerror(d->err));
		rc = REWRITE_FAIL;
	}
	if (rc == REWRITE_OK && journal_commit(jfd, fs->n, rw->msg) == -1)
		rc = REWRITE_FAIL;
	close(jfd);
	if (rc != REWRITE_OK) {
		undo(fs);
		if (journal_remove(&err) == -1) {
			fprintf(rw->msg, "quest: %s: %s\n", who->cmd, err);
			free(err);
		}
		return rc;
	}

	/* Phase two: each new text in its place, the journal removed. */
	if (put_all(fs, rw->msg, done, nleft) > 0) {
		char *jp = journal_path();

		say(rw->msg, jp, "the journal stays: run quest %s again "
		    "to finish (%zu of %zu files put in place)", who->cmd,
		    *done, fs->n);
		free(jp);
		*done = *nleft = 0;
		return REWRITE_FAIL;
	}
	if (journal_remove(&err) == -1) {
		fprintf(rw->msg, "quest: %s: %s\n", who->cmd, err);
		free(err);
		rc = REWRITE_FAIL;
	}
	return rc;
}
/*:*/
