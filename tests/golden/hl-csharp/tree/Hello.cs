//H:010 C#: a class, a method, a string.
using System;
class Hello {
    static void Main() {
        int n = 42; // the answer
        Console.WriteLine("hello " + n);
    }
}
//:
