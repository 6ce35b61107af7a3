/*G:050 lib/deep/d.c: included by lib/*.c, as * matches / too. :*/
