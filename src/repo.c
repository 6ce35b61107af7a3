/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * repo.c: open the repository of the tour root once, and say where the
 * root is in its work tree.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "repo.h"
#include "util.h"

static struct repo cur;
static int opened;

static void
repo_close(void)
{
	if (cur.git != NULL)
		git_repository_free(cur.git);
	free(cur.root);
	free(cur.workdir);
	free(cur.prefix);
	free(cur.err);
	memset(&cur, 0, sizeof(cur));
	opened = 0;
}

char *
repo_error(const char *what)
{
	const git_error *e = git_error_last();

	return xasprintf("%s: %s", what, e && e->message ? e->message :
	    "unknown libgit2 error");
}

/* Where the root is in the work tree, once the repository is open. */
static void
place_root(struct repo *r)
{
	char wd[PATH_MAX];
	const char *w;
	size_t n;

	if ((w = git_repository_workdir(r->git)) == NULL ||
	    realpath(w, wd) == NULL) {
		r->status = REPO_BARE;
		return;
	}
	r->workdir = xstrdup(wd);
	n = strcmp(wd, "/") == 0 ? 0 : strlen(wd);
	if (strncmp(r->root, wd, n) != 0 ||
	    (r->root[n] != '\0' && r->root[n] != '/')) {
		r->status = REPO_OUTSIDE;
		return;
	}
	r->prefix = r->root[n] == '/' ? xasprintf("%s/", r->root + n + 1) :
	    xstrdup("");
	r->status = REPO_OK;
}

/*P:032 Whoever reads git (the walk, the source links, stale and diff)
 * asks repo_open() for the repository of the tour root.  The first call
 * loads libgit2 and opens the repository from the root; it finds the work
 * tree and the root's prefix in it ("" at the top, "sub/" below), and
 * every later call in the run gets that answer, without a second open.
 * What libgit2 refuses comes back as a status, not a message: the walk
 * takes a repository that is someone else's for a plain directory, the
 * links take anything amiss for relative links, and the history says it
 * has nothing to compare.
 */
const struct repo *
repo_open(void)
{
	char cwd[PATH_MAX];
	const git_error *ge;
	int rc;

	if (getcwd(cwd, sizeof(cwd)) == NULL) {
		repo_close();
		cur.status = REPO_FAIL;
		cur.err = xasprintf("cannot find the current directory: %s",
		    strerror(errno));
		return &cur;
	}
	if (opened && strcmp(cur.root, cwd) == 0)
		return &cur;
	repo_close();
	opened = 1;
	cur.root = xstrdup(cwd);
	if (gitlib_init() == -1) {
		cur.status = REPO_NOLIB;
		cur.err = xstrdup(gitlib_error());
		return &cur;
	}
	gitlib_on_shutdown(repo_close);
	if ((rc = git_repository_open_ext(&cur.git, ".", 0, NULL)) != 0) {
		cur.git = NULL;
		ge = git_error_last();
		/* libgit2 1.5 says ENOTFOUND for git's "dubious ownership". */
		if (rc == GIT_EOWNER || (rc == GIT_ENOTFOUND && ge != NULL &&
		    ge->message != NULL && strstr(ge->message,
		    "safe.directory") != NULL))
			cur.status = REPO_NOT_OWNED;
		else if (rc == GIT_ENOTFOUND)
			cur.status = REPO_NONE;
		else {
			cur.status = REPO_FAIL;
			cur.err = repo_error("cannot open the git repository");
		}
		return &cur;
	}
	place_root(&cur);
	return &cur;
}
/*:*/

int
repo_head(const struct repo *r, git_oid *oid)
{
	if (r->git == NULL ||
	    git_reference_name_to_id(oid, r->git, "HEAD") != 0)
		return -1;
	return 0;
}
