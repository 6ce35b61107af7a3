#H:010 Python: a class, a function, a string.
class Greeter:
    def greet(self, name: str) -> str:
        n = 42  # the answer
        return f"hello {name} {n}"
#:
