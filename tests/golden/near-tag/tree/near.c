/*G:010 The one real step. :*/
int ten;
/*G:03a digits that run into a letter: nearly a tag of Guest */
/*G: no number at all */
int x; //G:1x in a line comment
/*Q:03a Q is no chapter, so this is not worth a word */
