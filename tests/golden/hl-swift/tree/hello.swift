//H:010 Swift: a struct, a function, a string.
struct Greeter {
    let count: Int = 42 // the answer
    func greet(name: String) -> String {
        return "hello \(name)"
    }
}
//:
