show --color=always
