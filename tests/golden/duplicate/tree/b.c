/*G:30 Step 30 in b.c: 30 and 030 are one number. :*/
int after_b;
/*G:040 Step 040 is fine. :*/
