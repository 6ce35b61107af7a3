stale -v --since HEAD~1
