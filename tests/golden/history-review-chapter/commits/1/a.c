/*S:010 Start here.
 */
int start = 1;
/*:*/

/*S:020 The helper does the work.
 */
int helper = 1;
/*:*/

/*S:030 The end.
 */
int end = 1;
/*:*/
