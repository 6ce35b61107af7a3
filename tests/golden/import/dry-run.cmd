import codetour --dry-run .tours/t.tour
