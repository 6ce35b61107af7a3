//H:010 Java: a class, a method, a string.
public class Hello {
    public static void main(String[] args) {
        int n = 42; // the answer
        System.out.println("hello " + n);
    }
}
//:
