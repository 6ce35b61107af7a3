/*:*/
/*G:010 A step between two stray end markers. :*/
int ten;
/* this comment ends with an end marker, but no step is open :*/
