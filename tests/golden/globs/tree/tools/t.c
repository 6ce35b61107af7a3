/*G:070 tools/t.c: not included by any glob. :*/
