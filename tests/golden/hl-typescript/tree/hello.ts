//H:010 TypeScript: an interface, a type, a string.
interface Named { name: string }
function greet(x: Named): string {
  const n: number = 42; // the answer
  return "hello " + x.name + n;
}
//:
