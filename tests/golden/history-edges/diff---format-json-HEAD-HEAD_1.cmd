diff --format=json HEAD HEAD~1
