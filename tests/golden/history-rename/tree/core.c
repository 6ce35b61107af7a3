/*S:010 Start here.
 */
int start(void)
{
	return 2;
}
/*:*/

/*S:020 The helper does the work.
 */
int helper(void)
{
	return 42;
}
/*:*/

