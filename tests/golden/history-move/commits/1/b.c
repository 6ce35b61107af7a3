/*S:030 The end.
 */
int end(void);
/*:*/

