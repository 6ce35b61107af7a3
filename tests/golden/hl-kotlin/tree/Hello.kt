//H:010 Kotlin: a class, a function, a string.
class Greeter(val name: String) {
    fun greet(): String {
        val n = 42 // the answer
        return "hello $name $n"
    }
}
//:
