# A file with no tag: its end markers are taken for comments that end
# with a colon, and not reported.
echo colon
#:
