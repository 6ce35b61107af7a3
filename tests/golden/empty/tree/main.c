/* An ordinary comment. */
int main(void) { return 0; }
/* G: but nothing here is a tag: */
