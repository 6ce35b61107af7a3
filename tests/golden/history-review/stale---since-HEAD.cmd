stale --since HEAD
