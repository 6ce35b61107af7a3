/*G:010 The last line of this file has no newline; it is kept, and ends the step. */
int last_line_without_newline;