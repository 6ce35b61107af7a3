//H:010 Go: a package, a function, a string.
package main

import "fmt"

func main() {
	fmt.Println("hello", 42) // greet
}
//:
