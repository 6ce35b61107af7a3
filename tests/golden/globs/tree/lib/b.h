/*G:060 lib/b.h: not included, .h is not .c. :*/
