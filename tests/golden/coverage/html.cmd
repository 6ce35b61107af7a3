coverage --html
