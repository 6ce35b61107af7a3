int
spaced(void)
{
    /*X:080 Four spaces, then a tab in one line: not cut, since the tab
     * would reach another stop. */
    	one();
    two();
    /*:*/
}
