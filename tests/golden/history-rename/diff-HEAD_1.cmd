diff HEAD~1
