/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * gitlib.c: when to load libgit2 and set it up.
 */
#include <sys/stat.h>

#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define GITLIB_LOADER	/* git_*() are the names of the table's slots */
#include "gitlib.h"
#include "util.h"

struct gitlib_fns gitlib_fn;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int ready;
static char *error;
static void (*before_shutdown)(void);

int
gitlib_here(void)
{
	char dir[PATH_MAX], *slash;
	struct stat st;
	size_t n;

	if (getcwd(dir, sizeof(dir) - 6) == NULL)
		return 1;	/* cannot tell: let libgit2 look */
	for (;;) {
		n = strlen(dir);
		memcpy(dir + n, "/.git", 6);
		if (stat(dir, &st) == 0)
			return 1;	/* a directory, or a file naming one */
		dir[n] = '\0';
		if ((slash = strrchr(dir, '/')) == NULL || n <= 1)
			return 0;
		if (slash == dir)
			slash[1] = '\0';
		else
			*slash = '\0';
		if (n == 1)
			return 0;
	}
}

static void
setup(void)
{
	void *lib;
	const char *name = NULL;

	/* Never closed: what it allocates lives until exit. */
	if ((lib = dlopen(GITLIB_SONAME, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		error = xasprintf("cannot load libgit2: %s", dlerror());
		return;
	}
#define GITLIB_SYM(f) \
	if (name == NULL && (*(void **)&gitlib_fn.f = dlsym(lib, #f)) == NULL) \
		name = #f;
	GITLIB_FUNCS(GITLIB_SYM)
#undef GITLIB_SYM
	if (name != NULL) {
		error = xasprintf("cannot load libgit2: %s has no %s",
		    GITLIB_SONAME, name);
		return;
	}
	gitlib_fn.git_libgit2_init();
	/*
	 * quest reads objects to show them, never to write or trust them:
	 * libgit2 hashing every object it reads again, which git does not,
	 * cost stale half its time on a history of a thousand commits.
	 */
	gitlib_fn.git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	ready = 1;
}

int
gitlib_init(void)
{
	pthread_once(&once, setup);
	return ready ? 0 : -1;
}

const char *
gitlib_error(void)
{
	return error != NULL ? error : "libgit2 is not loaded";
}

void
gitlib_on_shutdown(void (*fn)(void))
{
	before_shutdown = fn;
}

void
gitlib_shutdown(void)
{
	if (before_shutdown != NULL)
		before_shutdown();
	before_shutdown = NULL;
	if (ready)
		gitlib_fn.git_libgit2_shutdown();
	free(error);
	error = NULL;
}
