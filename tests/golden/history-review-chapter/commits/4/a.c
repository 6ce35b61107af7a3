/*S:010 Start here.
 */
int start = 3;
/*:*/

/*S:020 The helper does the work.
 */
int helper = 4;
/*:*/

/*S:030 The end.
 */
int end = 3;
/*:*/
