/*
 * refs.h: cross-references between steps, "[G:030]" in prose.
 */
#ifndef QUEST_REFS_H
#define QUEST_REFS_H

#include <stddef.h>

struct ref {
	size_t		 off;		/* of the '[' in the text */
	size_t		 len;		/* up to and with the ']' */
	size_t		 prefix_off, prefix_len;
	size_t		 number_off, number_len;
};

/*
 * Call fn for every reference in text, in order.  A reference is '[', one
 * or more capitals, ':', one or more digits, ']', outside `code spans`;
 * what follows may not be '(' (a Markdown link already).  fn returns 0 to
 * go on, anything else to stop; refs_scan returns that value.
 */
int	refs_scan(const char *text, size_t len,
	    int (*fn)(void *, const struct ref *), void *arg);

#endif
