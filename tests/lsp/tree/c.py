#H:020 A step in Python, after [H:010].
def f():
    pass
#:
