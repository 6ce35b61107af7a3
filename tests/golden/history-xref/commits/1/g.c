/*G:010 The guide starts at [S:015].
 */
void guide(void);
/*:*/

/*G:020 Then it reads [S:020].
 */
void more(void);
/*:*/

