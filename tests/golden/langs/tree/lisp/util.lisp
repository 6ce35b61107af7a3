(defpackage :util)
;L:080 Lisp: ; comments, and ;: alone ends the step.
(defun eighty () 80)
;:
(defun outside () nil)
