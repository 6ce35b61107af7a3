/*S:005 The one step quest reads here. */
int main(void) { return 0; }
