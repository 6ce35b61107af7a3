/*S:030 Added on the other branch, after [S:010]. */
int c;
/*:*/
/*S:020 Second, before the two. */
int d;
/*:*/
/*S:040 Last; back to [S:030] too. */
int e;
