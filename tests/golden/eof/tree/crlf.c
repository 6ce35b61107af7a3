/*G:030 This file ends its lines with CR LF, and quest keeps every byte:
 * each line it prints still ends with CR LF. :*/
int thirty;
/*G:040
 * The tag above is followed by CR LF; the line end marker below too. */
int forty;
//:
