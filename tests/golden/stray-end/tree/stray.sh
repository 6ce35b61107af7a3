#G:020 A shell step, ended by the first end marker below; the second is stray.
echo twenty
#:
echo outside
#:
