section .text
;L:110 NASM assembly (.asm): ; comments.
	mov eax, 110
;:
	ret
