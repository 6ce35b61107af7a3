/*S:010 Start here.
 */
int start(void);
/*:*/

/*S:020 The helper does the work.
 */
int helper(void)
{
	return 43;
}
/*:*/

