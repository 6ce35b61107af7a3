/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * test_output.c: codetour's directory is opened beneath the tour root,
 * through no link, when it lies in the tree, as named when it lies
 * outside; a file in it is replaced inside the directory, never through
 * a link.  -o FILE obeys the same rules: a link of the tree is refused,
 * a link of the user's followed.  With openat2(2) and with the walk of
 * older kernels.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fsroot.h"
#include "output.h"

static char root[] = "/tmp/quest-output.XXXXXX";
static char outside[] = "/tmp/quest-output-out.XXXXXX";
static char into[512];	/* the user's link into the tree, outside/into */

static void
put(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static char *
slurp(const char *path)
{
	static char text[256];
	FILE *fp = fopen(path, "r");
	size_t n;

	if (fp == NULL)
		return NULL;
	n = fread(text, 1, sizeof(text) - 1, fp);
	text[n] = '\0';
	fclose(fp);
	return text;
}

/* Nothing was written outside: it holds its secret and a link alone. */
static int
outside_untouched(void)
{
	char cmd[600];

	snprintf(cmd, sizeof(cmd), "test \"$(ls -A '%s' | tr '\\n' ' ')\" = "
	    "'into secret '", outside);
	return system(cmd) == 0;
}

static int
setup(void **state)
{
	char buf[512];

	(void)state;
	umask(022);
	if (mkdtemp(root) == NULL || mkdtemp(outside) == NULL ||
	    chdir(root) == -1)
		return -1;
	snprintf(buf, sizeof(buf), "%s/secret", outside);
	put(buf, "secret\n");
	chmod(buf, 0600);
	mkdir("dir", 0755);
	if (symlink(buf, "README.md") == -1 ||
	    symlink(outside, ".tours") == -1 ||
	    symlink(outside, "dir/docs") == -1 ||
	    symlink(outside, "docs") == -1 || symlink("dir", "dirlink") == -1)
		return -1;
	snprintf(buf, sizeof(buf), "%s/into", outside);
	snprintf(into, sizeof(into), "%s/dir", root);
	if (symlink(into, buf) == -1)
		return -1;
	return 0;
}

static int
teardown(void **state)
{
	char cmd[600];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s' '%s'", root, outside);
	return system(cmd) == 0 ? 0 : -1;
}

static void
refuses_links_of_the_tree(void)
{
	char path[PATH_MAX];
	int tree;

	assert_int_equal(output_dir(".tours", &tree), -1);
	assert_int_equal(errno, ELOOP);
	assert_int_equal(tree, 1);
	assert_int_equal(output_dir("docs/tours", &tree), -1);
	assert_int_equal(errno, ELOOP);
	assert_int_equal(output_dir("dirlink/tours", &tree), -1);
	assert_int_equal(errno, ELOOP);
	/* Absolute, into the tree: the rest of the path is the tree's. */
	snprintf(path, sizeof(path), "%s/docs/tours", root);
	assert_int_equal(output_dir(path, &tree), -1);
	assert_int_equal(errno, ELOOP);
	assert_int_equal(tree, 1);
	snprintf(path, sizeof(path), "%s/dir/../docs/tours", root);
	assert_int_equal(output_dir(path, &tree), -1);
	assert_int_equal(errno, ELOOP);
	/* Below the root through a link of the user's: the tree's rules. */
	snprintf(path, sizeof(path), "%s/into/docs/tours", outside);
	assert_int_equal(output_dir(path, &tree), -1);
	assert_int_equal(errno, ELOOP);
	assert_int_equal(tree, 1);
	assert_true(outside_untouched());
	assert_int_equal(access("dir/tours", F_OK), -1);
}

static void
opens_and_writes(void)
{
	char path[PATH_MAX];
	struct stat st;
	int fd, tree;

	/* In the tree, made when missing; "." and ".." resolved by name. */
	assert_true((fd = output_dir("dir/x/../tours", &tree)) >= 0);
	assert_int_equal(tree, 1);
	assert_int_equal(output_put(fd, "01-a.tour", "one\n", 4), 0);
	close(fd);
	assert_string_equal(slurp("dir/tours/01-a.tour"), "one\n");

	/* A link named like the file is replaced, its target untouched. */
	snprintf(path, sizeof(path), "%s/secret", outside);
	assert_int_equal(symlink(path, "dir/tours/02-b.tour"), 0);
	assert_true((fd = output_dir("dir/tours", &tree)) >= 0);
	assert_int_equal(output_put(fd, "02-b.tour", "two\n", 4), 0);
	assert_int_equal(lstat("dir/tours/02-b.tour", &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(st.st_mode & 07777, 0644);
	assert_string_equal(slurp("dir/tours/02-b.tour"), "two\n");
	assert_string_equal(slurp(path), "secret\n");

	/* A regular file keeps its mode; no temporary stays. */
	chmod("dir/tours/01-a.tour", 0640);
	assert_int_equal(output_put(fd, "01-a.tour", "uno\n", 4), 0);
	assert_int_equal(stat("dir/tours/01-a.tour", &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);
	assert_string_equal(slurp("dir/tours/01-a.tour"), "uno\n");
	/* A directory of that name is an error, and nothing stays. */
	assert_int_equal(mkdir("dir/tours/03-c.tour", 0755), 0);
	assert_int_equal(output_put(fd, "03-c.tour", "three\n", 6), -1);
	close(fd);
	assert_int_equal(system("ls -A dir/tours | grep -q quest~"), 256);

	/* The tour root itself. */
	snprintf(path, sizeof(path), "%s", root);
	assert_true((fd = output_dir(path, &tree)) >= 0);
	close(fd);

	/* Outside the tree, the user's path, links and all. */
	assert_true((fd = output_dir(outside, &tree)) >= 0);
	assert_int_equal(tree, 0);
	close(fd);
	snprintf(path, sizeof(path), "%s/made", outside);
	assert_true((fd = output_dir(path, &tree)) >= 0);
	assert_int_equal(tree, 0);
	close(fd);
	assert_int_equal(access(path, F_OK), 0);
	assert_int_equal(rmdir(path), 0);
	assert_int_equal(system("rm -rf dir/tours"), 0);
	assert_true(outside_untouched());
}

/* -o FILE in the tree: no link, as FILE or on its way; nothing written. */
static void
open_refuses_links_of_the_tree(void)
{
	struct output o;
	char path[PATH_MAX], link[PATH_MAX];
	struct stat st;
	int tree;

	assert_null(output_open(&o, "README.md", &tree));
	assert_int_equal(errno, ELOOP);
	assert_int_equal(tree, 1);
	assert_null(output_open(&o, "docs/tour.md", &tree));
	assert_int_equal(errno, ELOOP);
	assert_int_equal(tree, 1);
	assert_null(output_open(&o, "dirlink/tour.md", &tree));
	assert_int_equal(errno, ELOOP);
	snprintf(path, sizeof(path), "%s/README.md", root);
	assert_null(output_open(&o, path, &tree));
	assert_int_equal(errno, ELOOP);
	assert_int_equal(tree, 1);
	snprintf(path, sizeof(path), "%s/dir/../docs/tour.md", root);
	assert_null(output_open(&o, path, &tree));
	assert_int_equal(errno, ELOOP);
	/* Into the tree through a link of the user's: the tree's rules. */
	snprintf(path, sizeof(path), "%s/into/docs/tour.md", outside);
	assert_null(output_open(&o, path, &tree));
	assert_int_equal(errno, ELOOP);
	assert_int_equal(tree, 1);
	/* A link of the user's to a link of the tree. */
	snprintf(link, sizeof(link), "%s/README.md", root);
	snprintf(path, sizeof(path), "%s/mine.md", outside);
	assert_int_equal(symlink(link, path), 0);
	assert_null(output_open(&o, path, &tree));
	assert_int_equal(errno, ELOOP);
	assert_int_equal(tree, 1);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(lstat("README.md", &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_true(outside_untouched());
	assert_int_equal(system("ls -A . dir | grep -q quest~"), 256);
}

/* -o FILE: a regular file replaced in its directory; the user's links. */
static void
open_and_write(void)
{
	struct output o;
	char path[PATH_MAX], link[PATH_MAX];
	struct stat st;
	FILE *fp;
	ino_t ino;
	int tree;

	put("dir/file.md", "old\n");
	chmod("dir/file.md", 0640);
	assert_int_equal(stat("dir/file.md", &st), 0);
	ino = st.st_ino;
	assert_non_null(fp = output_open(&o, "dir/file.md", &tree));
	assert_int_equal(tree, 1);
	fputs("new\n", fp);
	/* Nothing changes before the close. */
	assert_string_equal(slurp("dir/file.md"), "old\n");
	assert_int_equal(output_close(&o), 0);
	assert_string_equal(slurp("dir/file.md"), "new\n");
	assert_int_equal(stat("dir/file.md", &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);
	assert_true(st.st_ino != ino);
	/* Given up: the file as it was, no temporary left. */
	assert_non_null(fp = output_open(&o, "dir/file.md", &tree));
	fputs("lost\n", fp);
	output_abort(&o);
	assert_string_equal(slurp("dir/file.md"), "new\n");
	/* A new file, beneath the root. */
	snprintf(path, sizeof(path), "%s/dir/made.md", root);
	assert_non_null(fp = output_open(&o, path, &tree));
	assert_int_equal(tree, 1);
	fputs("made\n", fp);
	assert_int_equal(output_close(&o), 0);
	assert_string_equal(slurp("dir/made.md"), "made\n");
	assert_int_equal(unlink("dir/made.md"), 0);
	/* A link of the user's into the tree is followed to a regular file. */
	snprintf(link, sizeof(link), "%s/dir/file.md", root);
	snprintf(path, sizeof(path), "%s/mine.md", outside);
	assert_int_equal(symlink(link, path), 0);
	assert_non_null(fp = output_open(&o, path, &tree));
	assert_int_equal(tree, 1);
	fputs("mine\n", fp);
	assert_int_equal(output_close(&o), 0);
	assert_string_equal(slurp("dir/file.md"), "mine\n");
	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_int_equal(unlink(path), 0);
	/* A directory is an error. */
	assert_null(output_open(&o, "dir", &tree));
	assert_int_equal(errno, EISDIR);
	assert_int_equal(unlink("dir/file.md"), 0);
	assert_int_equal(system("ls -A . dir | grep -q quest~"), 256);
	assert_true(outside_untouched());
}

static void
with_openat2(void **state)
{
	(void)state;
	root_use_openat2(1);
	refuses_links_of_the_tree();
	opens_and_writes();
	open_refuses_links_of_the_tree();
	open_and_write();
}

/* The walk of older kernels gives the same answers. */
static void
with_the_walk(void **state)
{
	(void)state;
	root_use_openat2(0);
	refuses_links_of_the_tree();
	opens_and_writes();
	open_refuses_links_of_the_tree();
	open_and_write();
	root_use_openat2(1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(with_openat2),
		cmocka_unit_test(with_the_walk),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
