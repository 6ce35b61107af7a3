renumber --by 5
