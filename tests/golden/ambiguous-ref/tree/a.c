/*S:010 Start here, then [S:020]; the step both branches added is
 * [S:030], and the last one [S:040].
 */
int a;
/*:*/

/*S:030 Added on one branch.
 */
int b;
/*:*/
