coverage --min 30.7
