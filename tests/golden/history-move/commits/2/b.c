/*S:020 The helper does the work.
 */
int helper(void)
{
	return 43;
}
/*:*/

/*S:030 The end.
 */
int end(void);
/*:*/

