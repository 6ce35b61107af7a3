/*Q:010 A function in a file whose name has a double quote. */
int f(void)
{
	return 1;
}
/*:*/

int g(void)
{
	return 2;
}
