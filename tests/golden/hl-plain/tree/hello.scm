;H:060 Scheme: comments and strings, with no grammar.
(define (greet name)
  (string-append "hello " name)) ; say it
;:
