#E:010 See [S:020] for the counter: *the end* is near.
# It ends here.
def end():
    return "fin"  # ✓
#:
