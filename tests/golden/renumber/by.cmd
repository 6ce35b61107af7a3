renumber --by 5 --width 2
