renumber --dry-run
