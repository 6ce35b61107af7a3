/* None of these lines outside a step is a tag: no step 031 or 1 exists. */
/* G:031 a space after the opener */
int pick(int x, int y, int z) { return x ? y : z /* H:1 */; }

/*G:010 Each line of this step looks a little like a tag, and none is one,
 * so each is printed as it stands and none ends the step. */
/* G:030 has a space between the opener and the prefix */
unsigned long uoff = 0x30; /*UOFF:0x30 digits that run into x */
int mode = 0100; /*binary:0100 a prefix in lower case */
int choose(int x, int y, int z) { return x ? y : z /* H:1 */; }
int classify(int n)
{
	switch (n) {
	default: //default:392
		return 0;
	}
}
/*:*/
/*H:010 The one real Host tag of this file, so that Host is no empty chapter. :*/
