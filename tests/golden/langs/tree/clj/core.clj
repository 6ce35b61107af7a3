(ns core)
;L:100 Clojure: ; comments.
(defn hundred [] 100)
;:
