/*S:010 Start here; then read [S:020].
 */
int start(void)
{
	return helper();
}
/*:*/

/*S:020 The helper does the work.
 */
int helper(void)
{
	return 43;
}
/*:*/

/*S:030 The end, which [S:010] leads to.
 */
int end(void)
{
	return 0;
}
/*:*/

