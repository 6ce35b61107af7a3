/*H:010 An underscore inside a word stays as it is.
 */
int x;
/*:*/
