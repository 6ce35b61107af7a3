#H:030 Tcl: comments and strings, with no grammar.
set name "world"
puts "hello $name" ;# say it
#:
