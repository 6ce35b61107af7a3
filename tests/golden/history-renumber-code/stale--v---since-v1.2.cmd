stale -v --since v1.2
