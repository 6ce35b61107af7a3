show G Guest
