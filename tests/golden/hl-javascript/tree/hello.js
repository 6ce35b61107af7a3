//H:010 JavaScript: a function, a string, a number.
function greet(name) {
  const n = 42; // the answer
  return `hello ${name}` + n;
}
console.log(greet("world"));
//:
