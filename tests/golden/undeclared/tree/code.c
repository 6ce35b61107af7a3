/*X:020 Undeclared X: shown after the declared chapters, with a warning
 * at its first step in number order, which is not this one. :*/
/*G:010 Guest. :*/
/*X:010 The first step of X. :*/
/*B:010 Undeclared B comes before X: the undeclared are alphabetical. :*/
/*H:010 Host, first because its section is. :*/
