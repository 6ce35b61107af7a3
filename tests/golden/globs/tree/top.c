/*T:010 top.c: not included by any glob. :*/
