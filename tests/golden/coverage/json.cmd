coverage --format=json
