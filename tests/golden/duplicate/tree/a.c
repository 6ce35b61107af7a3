int a;
/*G:030 Step 030 in a.c. :*/
int after_a;
