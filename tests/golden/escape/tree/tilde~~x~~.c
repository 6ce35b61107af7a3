/*G:060 Tildes would strike the name through.
 */
int x;
/*:*/
