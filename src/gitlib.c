/*
 * gitlib.c: when to set libgit2 up.
 */
#include <sys/stat.h>

#include <git2.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gitlib.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int ready;

int
gitlib_here(void)
{
	char dir[PATH_MAX], *slash;
	struct stat st;
	size_t n;

	/* GIT_DIR names a repository wherever we are. */
	if (getenv("GIT_DIR") != NULL)
		return 1;
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
	git_libgit2_init();
	ready = 1;
}

void
gitlib_init(void)
{
	pthread_once(&once, setup);
}

void
gitlib_shutdown(void)
{
	if (ready)
		git_libgit2_shutdown();
}
