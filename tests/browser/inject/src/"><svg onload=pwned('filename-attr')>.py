#G:030 A file whose name closes an attribute.
#:
