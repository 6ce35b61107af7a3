/*G:020 A space, a hash and a percent sign are no URL.
 */
int x;
/*:*/
