check --werror
