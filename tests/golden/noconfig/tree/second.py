#AB:010 A prefix of two letters is its own chapter, after A.
ab = 1
#:
#A:010 Chapter A comes first.
a = 1
#:
