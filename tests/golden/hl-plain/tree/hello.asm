;H:080 NASM: comments and strings, with no grammar.
section .data
msg: db "hello", 10 ; the greeting
;:
