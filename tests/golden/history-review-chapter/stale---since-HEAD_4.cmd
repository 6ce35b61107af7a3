stale --since HEAD~4
