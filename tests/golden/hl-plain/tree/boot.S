/*H:010 Assembly (GNU as): comments and strings, with no grammar. */
	.section .rodata
msg:	.ascii "hello\n"	// the greeting
	movl $42, %eax	/* the answer */
/*:*/
