/*G:010 The first step.
 */
int a;
/*:*/
/*G:020 Back to [G:10], as written by value, and [G:010].
 */
int b;
/*:*/
