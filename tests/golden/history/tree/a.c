/*G:010 Count the lines of the input.
 */
int count(void)
{
	return 1;
}
/*:*/

/*G:020 Then print them.
 */
void print(int n) { }
/*:*/
