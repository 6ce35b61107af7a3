/*G:010 The only step of this tree. :*/
int real;
