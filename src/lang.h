/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * lang.h: the languages quest reads, one table row a language.
 */
#ifndef QUEST_LANG_H
#define QUEST_LANG_H

#include <stddef.h>

struct hl_grammar;

struct lang {
	const char	*name;		/* "C", as in JSON output */
	const char	*fence;		/* Markdown fence info string: "c" */
	const char	*exts;		/* space-separated: ".c .h" or names
					 * "Makefile" */
	const char	*interps;	/* space-separated #! interpreters */
	const char	*block_open;	/* "/\*" or NULL */
	const char	*block_close;	/* "*\/" or NULL */
	const char	*line[2];	/* line comment openers,
					 * NULL-terminated */
	/* Its tree-sitter grammar, a row of mk/grammars.mk's; NULL: none. */
	const struct hl_grammar *grammar;
};

extern const struct lang lang_table[];
extern const size_t lang_count;

/*
 * The language of a file by its path (extension or whole base name), then by
 * the #! line in its first bytes; NULL when quest does not know it.
 */
const struct lang *lang_by_path(const char *path);
const struct lang *lang_by_shebang(const char *text, size_t len);
const struct lang *lang_by_name(const char *name);
/*
 * Rows that hold every comment opener of the table between them, two line
 * openers a row, for the scanner to find what looks like a tag in a file
 * of no language it knows; *n is their count.
 */
const struct lang *lang_any(size_t *n);
/*
 * Is path a document about code (Markdown, text, a man page, a README),
 * whose tag-shaped comments are examples, never tags?
 */
int	lang_prose(const char *path);

#endif
