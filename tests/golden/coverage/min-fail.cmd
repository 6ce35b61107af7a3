coverage --min 30.8
