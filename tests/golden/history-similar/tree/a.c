/*S:010 Options come first: main() reads them before anything else.
 */
int main(int argc, char **argv)
{
	return options(argc, argv);
}
/*:*/

/*S:020 The parser reads one line at a time and hands each token to the checker, which keeps all the state.
 */
int parse(FILE *fp)
{
	char line[512];

	while (fgets(line, sizeof(line), fp) != NULL)
		check(line);
	return 0;
}
/*:*/

