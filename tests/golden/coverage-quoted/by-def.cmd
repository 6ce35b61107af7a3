coverage --by def
