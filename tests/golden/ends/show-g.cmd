show G
