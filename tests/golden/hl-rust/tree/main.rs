//H:010 Rust: a function, a macro, a string.
fn main() {
    let n: u32 = 42; // the answer
    println!("hello {}", n);
}
//:
