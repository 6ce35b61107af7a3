/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * remote.h: links from a step to its source.
 */
#ifndef QUEST_REMOTE_H
#define QUEST_REMOTE_H

enum link_style {
	LINK_RELATIVE,	/* path#L10 */
	LINK_GITHUB,	/* .../blob/SHA/path#L10-L20, also --link-base */
	LINK_GITLAB,	/* .../-/blob/SHA/path#L10-20 */
	LINK_GITEA,	/* Codeberg: .../src/commit/SHA/path#L10-L20 */
	LINK_SRHT,	/* sourcehut: .../tree/SHA/item/path#L10-20 */
};

struct srclinks {
	enum link_style	 style;
	char		*base;	/* ends with '/'; NULL for relative links */
	int		 ranges;	/* relative links name a range too */
};

/*
 * Is url fit for --link-base: an http:// or https:// URL with a host, or
 * a reference with no scheme (a path, or //host/path)?  No other scheme,
 * no control character.
 */
int	link_base_ok(const char *url);

/*
 * How to link to the source from the tour root (the current directory):
 * link_base when given, else a permalink to HEAD when the work tree's
 * origin is on GitHub, GitLab, Codeberg or sourcehut, else relative.
 */
void	srclinks_init(struct srclinks *, const char *link_base);
void	srclinks_free(struct srclinks *);
/*
 * The link to lines first..last of path, the path percent-encoded where a
 * URL needs it; the caller frees it.
 */
char	*srclink(const struct srclinks *, const char *path, unsigned first,
	    unsigned last);

#endif
