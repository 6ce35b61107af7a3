/*G:040 Brackets and a bang would make a link or an image.
 */
int x;
/*:*/
