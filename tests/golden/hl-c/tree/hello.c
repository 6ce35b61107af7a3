/*H:010 C: a function, a string, a number, a comment. */
#include <stdio.h>

int
main(void)
{
	printf("hello, %d\n", 42);	/* greet */
	return 0;
}
/*:*/
