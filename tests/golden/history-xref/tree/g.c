/*G:010 The guide starts at [S:020].
 */
void guide(void);
/*:*/

/*G:020 Then it reads [S:010].
 */
void more(void);
/*:*/

