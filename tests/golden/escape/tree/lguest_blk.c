/*H:020 So does every ordinary name.
 */
int x;
/*:*/
