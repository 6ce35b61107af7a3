/*S:010 Start here.
 */
int start = 4;
/*:*/

/*S:020 The helper does the work.
 */
int helper = 5;
/*:*/

/*S:030 The end.
 */
int end = 4;
/*:*/
