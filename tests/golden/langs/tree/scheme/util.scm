;L:090 Scheme: ; comments.
(define (ninety) 90)
;:
