/*G:1 Start here; the next step is [G:2].
 */
int a;
/*:*/

/*G:2 Then this, before [G:5].
 */
int b;
/*:*/
