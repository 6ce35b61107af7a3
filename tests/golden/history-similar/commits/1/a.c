/*S:010 The parser reads one line at a time and hands each token to the checker, which keeps the state.
 */
int parse(FILE *fp)
{
	char line[256];

	while (fgets(line, sizeof(line), fp) != NULL)
		check(line);
	return 0;
}
/*:*/

