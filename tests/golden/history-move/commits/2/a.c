/*S:010 Start here.
 */
int start(void);
/*:*/

