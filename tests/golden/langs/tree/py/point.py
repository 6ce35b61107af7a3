class Point:
    #L:030 Python: # comments.  The Sphinx attribute comment below is not
    # an end marker, as text follows its colon; the indented #: is one.
    #: The x coordinate.
    x = 0
    #:
    y = 0
