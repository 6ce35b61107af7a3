/*S:010 # Setting up the *stack*
 *
 * The heading is the title; this paragraph is the body, and
 * [E:010] is where the tour ends.
 */
int stack[64];
/*:*/

/*S:020 The counter is reset by `reset()`. It goes back to zero, as
 * [S:010] set it up, and [X:999] names no step.
 */
void reset(void)
{
	count = 0;	/* « zéro » */ /*:*/

/*S:030 A sentence long enough that no title can hold it whole, with `a code span` in it, [S:010] and more words after.
 * The body keeps it whole.
 */
int long_one;
/*:*/
