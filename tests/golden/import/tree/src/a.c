#include <stdio.h>

int
main(void)
{
	int x = 1;
	if (x) {
		printf("hi\n");
	}
	return 0;
}
