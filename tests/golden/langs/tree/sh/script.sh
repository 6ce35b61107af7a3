#L:020 Shell: # comments, and #: alone ends the step.
echo twenty
#:
echo outside
