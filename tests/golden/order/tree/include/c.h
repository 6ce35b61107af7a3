/*G:11 Step 11 is in a subdirectory; the path is relative to the root. :*/
int eleven;
