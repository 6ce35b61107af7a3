/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * test_fsroot.c: paths of the tree are opened beneath the root and never
 * through a symbolic link, with openat2(2) and with the component walk
 * that stands in for it on older kernels.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fsroot.h"

static char root[] = "/tmp/quest-fsroot.XXXXXX";
static char outside[] = "/tmp/quest-fsroot-out.XXXXXX";

static void
put(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static int
setup(void **state)
{
	char buf[512];

	(void)state;
	if (mkdtemp(root) == NULL || mkdtemp(outside) == NULL)
		return -1;
	snprintf(buf, sizeof(buf), "%s/secret", outside);
	put(buf, "secret\n");
	if (chdir(root) == -1)
		return -1;
	mkdir("dir", 0755);
	mkdir("dir/sub", 0755);
	put("dir/sub/a.c", "/*G:1 a */\n");
	put("top.c", "top\n");
	if (symlink(outside, "out") == -1 || symlink("dir", "dirlink") == -1 ||
	    symlink("../top.c", "dir/uplink.c") == -1 ||
	    mkfifo("fifo", 0644) == -1)
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
opens_inside(void)
{
	struct stat st;
	int fd;

	assert_true((fd = root_open("dir/sub/a.c", O_RDONLY, 0)) >= 0);
	close(fd);
	assert_true((fd = root_open("./dir//sub/a.c", O_RDONLY, 0)) >= 0);
	close(fd);
	assert_true((fd = root_open("top.c", O_RDONLY, 0)) >= 0);
	close(fd);
	assert_int_equal(root_lstat("dir/sub/a.c", &st), 0);
	assert_true(S_ISREG(st.st_mode));
	/* The link itself can be looked at, not gone through. */
	assert_int_equal(root_lstat("dirlink", &st), 0);
	assert_true(S_ISLNK(st.st_mode));
}

static void
refuses_links_and_escapes(void)
{
	struct stat st;

	assert_int_equal(root_open("out/secret", O_RDONLY, 0), -1);
	assert_true(errno == ELOOP || errno == EXDEV);
	assert_int_equal(root_open("dirlink/sub/a.c", O_RDONLY, 0), -1);
	assert_true(errno == ELOOP || errno == EXDEV);
	assert_int_equal(root_open("dir/uplink.c", O_RDONLY, 0), -1);
	assert_true(errno == ELOOP || errno == EXDEV);
	assert_int_equal(root_lstat("out/secret", &st), -1);
	/* A link to a directory, opened as one, is a link all the same. */
	assert_int_equal(root_open("dirlink", O_RDONLY | O_DIRECTORY, 0), -1);
	assert_int_equal(errno, ELOOP);
	assert_int_equal(root_open("top.c", O_RDONLY | O_DIRECTORY, 0), -1);
	assert_int_equal(errno, ENOTDIR);
	/* Never created through a link either. */
	assert_int_equal(root_open("out/new", O_WRONLY | O_CREAT, 0644), -1);
	assert_int_equal(access("out/new", F_OK) == 0 ? 1 : 0, 0);

	assert_int_equal(root_open("../x", O_RDONLY, 0), -1);
	assert_int_equal(errno, EINVAL);
	assert_int_equal(root_open("dir/../top.c", O_RDONLY, 0), -1);
	assert_int_equal(errno, EINVAL);
	assert_int_equal(root_open("/etc/passwd", O_RDONLY, 0), -1);
	assert_int_equal(errno, EINVAL);
	assert_int_equal(root_open("", O_RDONLY, 0), -1);
	assert_int_equal(errno, EINVAL);
}

static void
reads_regular_files_only(void)
{
	struct buf b = { 0 };
	struct stat st;

	assert_int_equal(root_read("top.c", 100, &b, &st), 0);
	assert_string_equal(b.p, "top\n");
	assert_int_equal(st.st_size, 4);
	/* A FIFO neither blocks nor is read. */
	assert_int_equal(root_read("fifo", 100, &b, NULL), -1);
	assert_int_equal(errno, EINVAL);
	assert_int_equal(root_read("dir", 100, &b, NULL), -1);
	assert_true(errno == EINVAL || errno == EISDIR);
	assert_int_equal(root_read("top.c", 3, &b, NULL), -1);
	assert_int_equal(errno, EFBIG);
	assert_int_equal(root_read("out/secret", 100, &b, NULL), -1);
	buf_free(&b);
}

static void
path_ok(void **state)
{
	(void)state;
	assert_true(root_path_ok("a"));
	assert_true(root_path_ok("a/b/c.c"));
	assert_true(root_path_ok("..a/b..c/..."));
	assert_false(root_path_ok(""));
	assert_false(root_path_ok("/a"));
	assert_false(root_path_ok(".."));
	assert_false(root_path_ok("a/.."));
	assert_false(root_path_ok("a/../b"));
}

static void
with_openat2(void **state)
{
	(void)state;
	root_use_openat2(1);
	opens_inside();
	refuses_links_and_escapes();
	reads_regular_files_only();
}

/* The walk of older kernels gives the same answers. */
static void
with_the_walk(void **state)
{
	(void)state;
	root_use_openat2(0);
	opens_inside();
	refuses_links_and_escapes();
	reads_regular_files_only();
	root_use_openat2(1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(path_ok),
		cmocka_unit_test(with_openat2),
		cmocka_unit_test(with_the_walk),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
