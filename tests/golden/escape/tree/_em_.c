/*G:010 Underscores at the ends of a name would be emphasis.
 */
int x;
/*:*/
