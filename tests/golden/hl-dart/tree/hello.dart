//H:010 Dart: a class, a function, a string.
class Greeter {
  final int n = 42; // the answer
  String greet(String name) => 'hello $name';
}
void main() {
  print(Greeter().greet("world"));
}
//:
