coverage sub/b.py sub
