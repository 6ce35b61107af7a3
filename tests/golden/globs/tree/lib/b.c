/*G:040 lib/b.c: included by lib/*.c. :*/
