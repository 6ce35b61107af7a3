#H:010 R: a function, an assignment, a string.
greet <- function(name) {
  n <- 42 # the answer
  paste("hello", name, n)
}
print(greet("world"))
#:
