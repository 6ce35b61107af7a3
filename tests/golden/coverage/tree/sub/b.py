#!/usr/bin/env python3
# a comment
"""A docstring: a string, so code."""

#G:020 The helper.
def helper(x):
    # inside
    return x + 1  # trailing
#:

s = "# not a comment"
class Thing:
    pass
