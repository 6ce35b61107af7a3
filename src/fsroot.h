/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * fsroot.h: paths inside the tour root, reached without a symbolic link.
 *
 * Once tour_load() has found the root, the current directory is the root,
 * and every path of the tree is relative to it.  quest opens, reads,
 * replaces and creates those paths only through these functions, which
 * refuse an absolute path, a ".." component and a symbolic link anywhere
 * on the way (the last component included): so that nothing a tree holds
 * (a committed link, a directory swapped for a link) can make quest read
 * or write outside it.  They use openat2(2) with RESOLVE_BENEATH and
 * RESOLVE_NO_SYMLINKS where the kernel has it (Linux 5.6), else they walk
 * the path a component at a time with O_NOFOLLOW.
 *
 * Each returns -1 with errno set on failure; ELOOP or EXDEV means the path
 * would leave the root or pass through a link, EINVAL that it is not a
 * relative path of the tree.
 */
#ifndef QUEST_FSROOT_H
#define QUEST_FSROOT_H

#include <sys/stat.h>
#include <sys/types.h>

#include <stddef.h>

#include "util.h"

/* open(2) of a path relative to the root; O_NOFOLLOW and O_CLOEXEC implied. */
int	root_open(const char *rel, int flags, mode_t mode);
/*
 * The directory that holds rel, opened O_RDONLY | O_DIRECTORY; *name
 * points into rel at its last component, for the *at(2) calls.
 */
int	root_open_parent(const char *rel, const char **name);
/* lstat(2) of rel, reached as root_open() reaches it. */
int	root_lstat(const char *rel, struct stat *);
/*
 * Read a regular file of the tree, at most max bytes: -1 with errno EFBIG
 * when it is larger, EINVAL (and *what "not a regular file") when it is a
 * directory, a FIFO, a device; the open never blocks.  st, if not NULL,
 * gets the file's fstat(2).
 */
int	root_read(const char *rel, size_t max, struct buf *out,
	    struct stat *st);
/* 0: walk paths as on kernels without openat2(2), for the tests; 1: again. */
void	root_use_openat2(int on);
/* Is rel a plain relative path: no "..", not absolute, not empty? */
int	root_path_ok(const char *rel);

#endif
