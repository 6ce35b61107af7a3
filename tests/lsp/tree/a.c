/*G:010 The guest starts here.  It sets up its
 * operations first; [G:030] ends the chapter. */
int start(void)
{
	return 0;
}
/*:*/

/*G:020 Then it says hello (é, 😀), and so on. */
void hello(void) { }
/*:*/
