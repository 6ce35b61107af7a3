stale -v --since HEAD
