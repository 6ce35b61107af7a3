show AB
