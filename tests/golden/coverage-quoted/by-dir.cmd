coverage --by dir
