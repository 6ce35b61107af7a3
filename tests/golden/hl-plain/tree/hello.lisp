;H:050 Lisp: comments and strings, with no grammar.
(defun greet (name)
  (format t "hello ~a" name)) ; say it
;:
