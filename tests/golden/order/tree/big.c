/*G:100000000000000000000 A number too big for 64 bits still sorts by value: last. :*/
/*G:0 Step 0 comes first of all. :*/
