/*S:040 The printer, from the other branch.
 */
int print(void);
/*:*/

