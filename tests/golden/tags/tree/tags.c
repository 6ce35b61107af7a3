/* tags.c: what makes a tag, and what is left of its line once the tag
 * is deleted.  Nothing above the first tag is part of any step. */
int before;

/*G:010 A tag followed by a space: the tag goes, the space stays. :*/
/*G:020	A tag followed by a tab: the tab stays. :*/
/*G:030
 * A tag at the end of its line leaves the bare opener. :*/
int after_thirty; /*G:040*/
int forty; //G:050 a tag in a line comment after code
/*G:060 A tag followed by a space
 * and the prose goes on. */
int sixty;
/*:*/
