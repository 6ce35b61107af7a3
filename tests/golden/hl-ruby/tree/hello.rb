#H:010 Ruby: a class, a method, a string.
class Greeter
  def greet(name)
    n = 42 # the answer
    "hello #{name} #{n}"
  end
end
#:
