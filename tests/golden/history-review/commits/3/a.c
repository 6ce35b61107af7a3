/*S:010 Start here.
 */
int start(void);
/*:*/

/*S:020 Then the setup.
 */
int setup(void);
/*:*/

/*S:030 The helper does the work.
 */
int helper(void)
{
	return 43;
}
/*:*/

