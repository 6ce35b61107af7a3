/*H:020 A file whose name is markup.
 */
int named;
/*:*/
