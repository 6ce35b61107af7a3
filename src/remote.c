/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * remote.c: permalinks to the exact commit and lines of a step, read from
 * the git remote and HEAD with libgit2.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "remote.h"
#include "repo.h"
#include "util.h"

static void	url_path(struct buf *, const char *, int);

static const struct {
	const char	*host;
	enum link_style	 style;
	const char	*blob;		/* between the repo and the commit */
	const char	*item;		/* between the commit and the path */
} forges[] = {
	{ "github.com", LINK_GITHUB, "/blob/", "/" },
	{ "gitlab.com", LINK_GITLAB, "/-/blob/", "/" },
	{ "codeberg.org", LINK_GITEA, "/src/commit/", "/" },
	{ "git.sr.ht", LINK_SRHT, "/tree/", "/item/" },
};

/* The forge of a remote URL, and its "owner/repo" path. */
static enum link_style
remote_parse(const char *url, char **host, char **repo)
{
	const char *p, *h, *he, *r;
	size_t i, n;

	*host = *repo = NULL;
	/* scheme://[user@]host[:port]/path, or scp-like [user@]host:path */
	if ((p = strstr(url, "://")) != NULL) {
		h = p + 3;
		if ((he = strchr(h, '/')) == NULL)
			return LINK_RELATIVE;
		r = he + 1;
	} else {
		h = url;
		if ((he = strchr(h, ':')) == NULL ||
		    memchr(h, '/', (size_t)(he - h)))
			return LINK_RELATIVE;
		r = he + 1;
	}
	if ((p = memchr(h, '@', (size_t)(he - h))) != NULL)
		h = p + 1;
	if ((p = memchr(h, ':', (size_t)(he - h))) != NULL)
		he = p;	/* a port */
	n = strlen(r);
	while (n > 0 && r[n - 1] == '/')
		n--;
	if (n > 4 && memcmp(r + n - 4, ".git", 4) == 0)
		n -= 4;
	if (n == 0)
		return LINK_RELATIVE;
	for (i = 0; i < sizeof(forges) / sizeof(forges[0]); i++)
		if (strlen(forges[i].host) == (size_t)(he - h) &&
		    memcmp(forges[i].host, h, (size_t)(he - h)) == 0) {
			*host = xstrdup(forges[i].host);
			*repo = xstrndup(r, n);
			return forges[i].style;
		}
	return LINK_RELATIVE;
}

/*W:040 A step links to its source.  With `--link-base URL`, an http(s)
 * URL or one with no scheme, never `javascript:`, the link is
 * URL/path#L10-L20; inside a git work tree whose origin is on a forge
 * quest knows, it is a permalink to the commit at HEAD, in that forge's
 * own form of a line range, so that the link shows the very lines the
 * book shows, whatever happens to the branch later.  Else it is a
 * relative path#L10, for a book read beside its tree.  The path is
 * percent-encoded where a URL would read it otherwise: `#`, `?`, `%`.
 */
void
srclinks_init(struct srclinks *l, const char *link_base)
{
	const struct repo *r;
	git_config *cfg = NULL;
	git_oid oid;
	struct buf b = { 0 };
	char sha[GIT_OID_HEXSZ + 1], *host, *path;
	const char *url, *sub;
	size_t i, n;

	l->style = LINK_RELATIVE;
	l->base = NULL;
	l->ranges = 0;
	if (link_base != NULL) {
		n = strlen(link_base);
		l->style = LINK_GITHUB;
		l->base = n > 0 && link_base[n - 1] == '/' ?
		    xstrdup(link_base) : xasprintf("%s/", link_base);
		return;
	}
	/* Without libgit2 or a work tree the links stay relative, unsaid. */
	if (!gitlib_here() || (r = repo_open())->status != REPO_OK)
		return;
	/*
	 * The URL as the config has it.  git_remote_lookup() would also
	 * apply url.*.insteadOf, but libgit2 1.5 leaks the regular
	 * expression match data of every config lookup it makes.
	 */
	if (git_repository_config_snapshot(&cfg, r->git) != 0 ||
	    git_config_get_string(&url, cfg, "remote.origin.url") != 0 ||
	    repo_head(r, &oid) == -1)
		goto out;
	sub = r->prefix;
	l->style = remote_parse(url, &host, &path);
	if (l->style == LINK_RELATIVE)
		goto out;
	git_oid_tostr(sha, sizeof(sha), &oid);
	for (i = 0; forges[i].style != l->style; i++)
		continue;
	/* The repository and the root's directory in it, as any path. */
	buf_printf(&b, "https://%s/", host);
	url_path(&b, path, 0);
	buf_printf(&b, "%s%s%s", forges[i].blob, sha, forges[i].item);
	url_path(&b, sub, 0);
	l->base = b.p;
	free(host);
	free(path);
out:
	git_config_free(cfg);
}

void
srclinks_free(struct srclinks *l)
{
	free(l->base);
	l->base = NULL;
}

int
link_base_ok(const char *url)
{
	const char *p;
	size_t n;

	if (*url == '\0')
		return 0;
	for (p = url; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return 0;
	/* Whatever stands before a colon, before any of "/?#", is a scheme. */
	n = strcspn(url, ":/?#");
	if (url[n] == ':') {
		if (!((n == 4 && strncasecmp(url, "http", 4) == 0) ||
		    (n == 5 && strncasecmp(url, "https", 5) == 0)) ||
		    strncmp(url + n + 1, "//", 2) != 0)
			return 0;
		url += n + 1;
	}
	/* "//" then a host: not "//", "///path" nor "//?x". */
	return strncmp(url, "//", 2) != 0 ||
	    (url[2] != '\0' && strchr("/?#", url[2]) == NULL);
}

/*
 * A path of the tree in a URL: percent-encoded what would end the path or
 * make it a query, a fragment or an escape, and what no URL holds; "./"
 * before a relative first segment with a colon, which would be a scheme
 * (a file "javascript:x.c").  Letters, digits, "/._-~" stay as they are.
 */
static void
url_path(struct buf *b, const char *path, int relative)
{
	const unsigned char *p = (const unsigned char *)path;
	size_t n, left = strlen(path);

	if (relative && memchr(path, ':', strcspn(path, "/")) != NULL)
		buf_adds(b, "./");
	for (; left > 0; p += n, left -= n) {
		if (*p >= 0x80 && (n = utf8_len(p, left)) > 0) {
			buf_add(b, p, n); /* UTF-8: the reader's to encode */
			continue;
		}
		n = 1;
		if (*p <= 0x20 || *p >= 0x7f ||
		    strchr("\"#%<>?[\\]^`{|}", *p) != NULL)
			buf_printf(b, "%%%02X", *p);
		else
			buf_addc(b, (char)*p);
	}
}

char *
srclink(const struct srclinks *l, const char *path, unsigned first,
    unsigned last)
{
	struct buf b = { 0 };

	if (l->base != NULL)
		buf_adds(&b, l->base);
	url_path(&b, path, l->base == NULL);
	/* A line, or a range in the form of the forge. */
	if (last <= first || (l->style == LINK_RELATIVE && !l->ranges))
		buf_printf(&b, "#L%u", first);
	else if (l->style == LINK_GITLAB || l->style == LINK_SRHT)
		buf_printf(&b, "#L%u-%u", first, last);
	else
		buf_printf(&b, "#L%u-L%u", first, last);
	return b.p;
}
/*:*/
