/*G:015 The end marker on the last line, which has no newline, is deleted. */
int fifteen;
	/*:*/