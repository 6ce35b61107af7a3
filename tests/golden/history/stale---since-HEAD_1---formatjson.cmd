stale --since HEAD~1 --format=json
