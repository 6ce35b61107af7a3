diff --format=json HEAD~1 HEAD
