stale --since v1.2
