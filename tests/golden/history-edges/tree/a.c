/*S:010 No code here, only prose. */

/*S:020 The helper, at the end of its file.
 */
int helper(void)
{
	return 43;
}