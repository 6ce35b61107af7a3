/*G:9 Step 9 is in b.c, after a.c in path order, yet it comes before a.c's. :*/
int nine;
/*G:2 Step 2 comes before step 9, though it stands below it. :*/
int two;
