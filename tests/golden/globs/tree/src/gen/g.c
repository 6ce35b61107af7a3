/*G:030 src/gen/g.c: excluded by src/gen. :*/
