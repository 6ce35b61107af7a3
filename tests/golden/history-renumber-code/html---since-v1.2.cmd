html --since v1.2
