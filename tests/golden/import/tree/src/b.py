import sys

def main():
    # read the arguments
    args = sys.argv
    return len(args)
