char *s = "G:5"; /*G:010 Only the tag is deleted, not the G:5 before it. :*/
/*G:020 Every other byte of a step is printed as it stands, whatever echo(1)
 * would have made of it: backslashes \n \t \\ \c, a line that is only -n
 * or -e, blanks at either end of a line, and bytes that are not ASCII. */
-n
-e
   three blanks before and after   
	a tab before and after	
printf("a\tb\n\\");
char *utf8 = "cafÃ©", *latin1 = "café";
/*:*/
