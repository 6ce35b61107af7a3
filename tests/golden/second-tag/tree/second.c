/*G:010 first */ /*G:020 second, on the same line: ignored, and left in the line */
int ten;
/*:*/
