coverage --by def --min 40
