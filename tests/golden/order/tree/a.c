/*G:10 Step 10 sorts after 9 and before 11, by value, not as a string.
 * The next tag of its chapter ends it, so no empty line follows it, not
 * even before the file header of the next step. */
int ten;
/*G:100 Step 100 comes after 11; the end of the file ends it. */
int hundred;
