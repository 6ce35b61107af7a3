// G:5 is not a tag here.
//G:5 Last; back to [G:1] and [G:001].
int c;
//:
