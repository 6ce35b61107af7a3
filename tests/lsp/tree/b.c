/*G:030 The last step of the guest, which [G:010] promised. */
int last;
/*:*/

/*H:010 The host is another chapter: [G:099] names nothing. */
int host;
