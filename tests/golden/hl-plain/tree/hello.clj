;H:070 Clojure: comments and strings, with no grammar.
(defn greet [name]
  (str "hello " name)) ; say it
;:
