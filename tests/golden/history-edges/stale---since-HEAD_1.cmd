stale --since HEAD~1
