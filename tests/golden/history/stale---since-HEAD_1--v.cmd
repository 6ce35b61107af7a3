stale --since HEAD~1 -v
