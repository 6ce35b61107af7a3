/*G:030 Parentheses in a path stay in its link.
 */
int x;
/*:*/
