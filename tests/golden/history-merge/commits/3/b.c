/*S:030 The printer, from the other branch.
 */
int print(void);
/*:*/

