stale --since HEAD~2
