/*G:020 src/a_test.c: excluded by *_test.c. :*/
