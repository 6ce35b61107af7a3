//H:010 Scala: an object, a def, a string.
object Hello {
  def main(args: Array[String]): Unit = {
    val n = 42 // the answer
    println("hello " + n)
  }
}
//:
