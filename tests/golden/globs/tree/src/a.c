/*G:010 src/a.c: under the included directory src. :*/
