/*G:050 An entity in a name is no entity.
 */
int x;
/*:*/
