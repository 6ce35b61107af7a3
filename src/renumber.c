/*
 * renumber.c: give the steps of chapters the numbers N, 2N, 3N... in tour
 * order, and every cross-reference the number of the step it names.
 *
 * Only the digits of tags and references change; every other byte of a
 * file, its mode and its line endings stay.  The rewrite is in two phases
 * with a journal between them, so that a renumber killed at any point
 * leaves each file whole, old or new, and the next renumber finishes it or
 * undoes it.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gitlib.h"
#include "refs.h"
#include "renumber.h"

struct edit {
	size_t		 off, len;	/* the digits to replace */
	const char	*rep;		/* the new digits */
};

struct plan {
	const struct tour *t;
	const struct renumber_opts *o;
	char		***newnum;	/* by chapter index, by step index */
	struct edit	*v;		/* the edits of one file */
	size_t		 n, cap;
	const char	*text;		/* of the file being planned */
};

static int
selected(const struct plan *p, const struct chapter *ch)
{
	size_t i;

	for (i = 0; i < p->o->nchapters; i++)
		if (p->o->chapters[i] == ch)
			return 1;
	return 0;
}

/* The new number of the step prefix:number, or NULL if it keeps its own. */
static const char *
new_number(const struct plan *p, const char *prefix, size_t plen,
    const char *num, size_t nlen)
{
	const struct chapter *ch;
	size_t i;

	if ((ch = tour_prefix(p->t, prefix, plen)) == NULL || !selected(p, ch) ||
	    (i = chapter_find(ch, num, nlen)) == ch->nsteps)
		return NULL;
	return p->newnum[ch - p->t->chapters][i];
}

static void
add_edit(struct plan *p, size_t off, size_t len, const char *rep)
{
	if (rep == NULL || (strlen(rep) == len &&
	    memcmp(p->text + off, rep, len) == 0))
		return;
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 16;
		p->v = xreallocarray(p->v, p->cap, sizeof(*p->v));
	}
	p->v[p->n].off = off;
	p->v[p->n].len = len;
	p->v[p->n].rep = rep;
	p->n++;
}

struct refplan {
	struct plan	*p;
	size_t		 base;	/* offset of the prose in the file */
	const char	*text;
};

static int
plan_ref(void *arg, const struct ref *r)
{
	struct refplan *rp = arg;

	add_edit(rp->p, rp->base + r->number_off, r->number_len,
	    new_number(rp->p, rp->text + r->prefix_off, r->prefix_len,
	    rp->text + r->number_off, r->number_len));
	return 0;
}

static int
edit_order(const void *a, const void *b)
{
	const struct edit *x = a, *y = b;

	return x->off < y->off ? -1 : x->off > y->off;
}

/* The edits of one file: its tags, and the references in its prose. */
static void
plan_file(struct plan *p, const struct qfile *f)
{
	const struct step *s;
	struct refplan rp;
	struct step_line l;
	unsigned code;
	size_t i, end;
	struct buf tmp = { 0 };

	p->n = 0;
	p->text = f->text;
	for (i = 0; i < f->nsteps; i++) {
		s = &f->steps[i];
		add_edit(p, s->tag_off + strlen(s->prefix) + 1, strlen(s->number),
		    new_number(p, s->prefix, strlen(s->prefix), s->number,
		    strlen(s->number)));
		/* The prose: the lines of the step before its code. */
		code = step_prose(s, &tmp);
		end = s->off;
		for (int ok = step_line_first(s, &l); ok && l.lineno < code;
		    ok = step_line_next(s, &l))
			end = l.next;
		rp.p = p;
		rp.base = s->off;
		rp.text = f->text + s->off;
		refs_scan(f->text + s->off, end - s->off, plan_ref, &rp);
	}
	buf_free(&tmp);
	if (p->n > 1)
		qsort(p->v, p->n, sizeof(*p->v), edit_order);
}

static void
apply(const struct plan *p, const char *text, size_t len, struct buf *out)
{
	size_t i, at = 0;

	out->len = 0;
	for (i = 0; i < p->n; i++) {
		if (p->v[i].off < at)
			continue;	/* one place, edited twice: once */
		buf_add(out, text + at, p->v[i].off - at);
		buf_adds(out, p->v[i].rep);
		at = p->v[i].off + p->v[i].len;
	}
	buf_add(out, text + at, len - at);
}

static int
diff(FILE *out, const char *path, const char *a, size_t alen, const char *b,
    size_t blen)
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

/* Remove what a renumber killed in its first phase left: .NAME.quest~XXXXXX. */
static void
remove_stale(const struct tour *t)
{
	struct buf dir = { 0 }, pre = { 0 };
	struct dirent *e;
	const char *path, *slash;
	size_t i;
	DIR *d;

	for (i = 0; i < t->nfiles; i++) {
		path = t->files[i].path;
		slash = strrchr(path, '/');
		dir.len = pre.len = 0;
		if (slash)
			buf_add(&dir, path, (size_t)(slash - path));
		else
			buf_adds(&dir, ".");
		buf_printf(&pre, ".%s.quest~", slash ? slash + 1 : path);
		if ((d = opendir(buf_cstr(&dir))) == NULL)
			continue;
		while ((e = readdir(d)) != NULL)
			if (strncmp(e->d_name, pre.p, pre.len) == 0 &&
			    strlen(e->d_name) == pre.len + 6) {
				char *stale = path_join(dir.p, e->d_name);

				unlink(stale);
				free(stale);
			}
		closedir(d);
	}
	buf_free(&dir);
	buf_free(&pre);
}

int
renumber_recover(char **err)
{
	struct buf j = { 0 };
	char *p, *end, *tmp, *dst;
	int n = 0, rc;

	if ((rc = read_file(RENUMBER_JOURNAL, &j)) == ENOENT) {
		buf_free(&j);
		return 0;
	}
	if (rc != 0) {
		*err = xasprintf("%s: %s", RENUMBER_JOURNAL, strerror(rc));
		buf_free(&j);
		return -1;
	}
	/* Pairs of NUL-terminated paths: the new text, and its place. */
	end = j.p + j.len;
	for (p = j.p; p < end; p = dst + strlen(dst) + 1) {
		tmp = p;
		dst = tmp + strlen(tmp) + 1;
		if (dst >= end)
			break;
		if (access(tmp, F_OK) == 0) {
			if (rename(tmp, dst) == -1) {
				*err = xasprintf("finishing an interrupted "
				    "renumber: %s: %s", dst, strerror(errno));
				buf_free(&j);
				return -1;
			}
			n++;
		}
	}
	buf_free(&j);
	if (unlink(RENUMBER_JOURNAL) == -1) {
		*err = xasprintf("%s: %s", RENUMBER_JOURNAL, strerror(errno));
		return -1;
	}
	return n;
}

/*E:010 A renumber rewrites files in two phases.  First every new text is
 * written whole beside its file and synced; a failure there removes them
 * all, and nothing has changed.  Then a journal names each pair, and
 * each new file is renamed over its old one; if quest is killed among the
 * renames, each file is still whole, old or new, and the next renumber
 * reads the journal and finishes the renames before it reads the tree.
 */
int
renumber(const struct tour *t, const struct renumber_opts *o, char **err)
{
	struct plan p;
	struct buf nt = { 0 }, jr = { 0 }, done = { 0 }, fail = { 0 };
	struct atomic *at = NULL, ja;
	const struct chapter *ch;
	size_t i, j, nat = 0, steps = 0, width, w;
	FILE *fp;
	int rc = 0, e;

	memset(&p, 0, sizeof(p));
	p.t = t;
	p.o = o;
	p.newnum = xcalloc(t->nchapters + 1, sizeof(*p.newnum));
	for (i = 0; i < t->nchapters; i++) {
		ch = &t->chapters[i];
		if (!selected(&p, ch))
			continue;
		p.newnum[i] = xcalloc(ch->nsteps + 1, sizeof(char *));
		/*
		 * The chapter's widest number, or the widest new one: so that
		 * a second run finds the width the first one wrote.
		 */
		width = o->width > 0 ? (size_t)o->width : 0;
		if (o->width <= 0) {
			for (j = 0; j < ch->nsteps; j++)
				if ((w = strlen(ch->steps[j]->number)) > width)
					width = w;
			for (w = 1, j = ch->nsteps * o->by; j >= 10; j /= 10)
				w++;
			if (w > width)
				width = w;
		}
		for (j = 0; j < ch->nsteps; j++)
			p.newnum[i][j] = xasprintf("%0*lu", (int)width,
			    (unsigned long)(j + 1) * o->by);
		steps += ch->nsteps;
	}

	remove_stale(t);
	at = xcalloc(t->nfiles + 1, sizeof(*at));
	for (i = 0; i < t->nfiles && rc == 0; i++) {
		const struct qfile *f = &t->files[i];

		if (f->text == NULL)
			continue;
		plan_file(&p, f);
		if (p.n == 0)
			continue;
		apply(&p, f->text, f->len, &nt);
		if (o->dry_run) {
			if (diff(o->out, f->path, f->text, f->len, nt.p,
			    nt.len) == -1) {
				*err = xstrdup(gitlib_init() == -1 ?
				    gitlib_error() : "cannot make the diff");
				rc = -1;
			}
			continue;
		}
		if ((fp = atomic_open(&at[nat], f->path)) == NULL ||
		    fwrite(nt.p, 1, nt.len, fp) != nt.len ||
		    atomic_sync(&at[nat]) == -1) {
			e = errno;
			if (fp != NULL)
				atomic_abort(&at[nat]);
			*err = xasprintf("cannot write %s: %s; nothing was "
			    "changed", f->path, strerror(e));
			rc = -1;
			break;
		}
		buf_add(&jr, at[nat].tmp, strlen(at[nat].tmp) + 1);
		buf_add(&jr, at[nat].path, strlen(at[nat].path) + 1);
		nat++;
	}
	if (rc == -1 || o->dry_run || nat == 0) {
		for (i = 0; i < nat; i++)
			atomic_abort(&at[i]);
		goto out;
	}
	/* The point of no return: the journal, whole on disk. */
	if ((fp = atomic_open(&ja, RENUMBER_JOURNAL)) == NULL ||
	    fwrite(jr.p, 1, jr.len, fp) != jr.len || atomic_commit(&ja) == -1) {
		e = errno;
		if (fp != NULL)
			atomic_abort(&ja);
		for (i = 0; i < nat; i++)
			atomic_abort(&at[i]);
		*err = xasprintf("cannot write %s: %s; nothing was changed",
		    RENUMBER_JOURNAL, strerror(e));
		rc = -1;
		goto out;
	}
	for (i = 0; i < nat; i++) {
		char *path = xstrdup(at[i].path);

		if (atomic_rename(&at[i]) == 0)
			buf_printf(&done, " %s", path);
		else
			buf_printf(&fail, " %s (%s)", path, strerror(errno));
		free(path);
	}
	if (fail.len > 0) {
		*err = xasprintf("could not put in place:%s; rewritten:%s",
		    fail.p, done.len ? done.p : " none");
		rc = -1;
	} else {
		unlink(RENUMBER_JOURNAL);
		fprintf(o->out, "quest: renumbered %zu steps; rewrote %zu "
		    "file%s\n", steps, nat, nat == 1 ? "" : "s");
	}
out:
	for (i = 0; i < t->nchapters; i++) {
		if (p.newnum[i] == NULL)
			continue;
		for (j = 0; j < t->chapters[i].nsteps; j++)
			free(p.newnum[i][j]);
		free(p.newnum[i]);
	}
	free(p.newnum);
	free(p.v);
	free(at);
	buf_free(&nt);
	buf_free(&jr);
	buf_free(&done);
	buf_free(&fail);
	return rc;
}
/*:*/
