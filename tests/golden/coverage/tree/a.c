/* a.c: a file header, two lines
 * of comment, not code. */
#include <stdio.h>

/*G:010 The start: main calls greet. */
static void greet(void);

int main(void)
{
	greet();	/* a trailing comment: still code */
	return 0;
}
/*:*/

// a line comment
static const char *s = "/* not a comment */";
static const char *t = "// nor this";
/*
 * a block comment
 */ static int after_block;

struct point {
	int x, y;
};

static void
greet(void)
{
	puts(s);
}
