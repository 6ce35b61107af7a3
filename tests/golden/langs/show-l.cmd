show L
