/*S:010 Start here.
 */
int start = 2;
/*:*/

/*S:020 The helper does the work.
 */
int helper = 2;
/*:*/

/*S:030 The end.
 */
int end = 2;
/*:*/
